//! Kinds held by index. A county's 民情日记 (200,000 records) do not fit in memory as records;
//! the app keeps a compact index of them, built from the records `read_indexed` hands it, and the
//! replica holds only the **resident** ones: those stored in more than one copy (so their merge
//! is made once, and kept), those that changed since (written here or by another tab), and those
//! the app asks for to edit them (`make_resident`). For every other record the workspace keeps
//! only the key of the chunk holding its one stored copy (`located`).
//!
//! So the replica's copy of a resident record is always the whole record: each path that takes a
//! new copy of a record that is not resident also reads its stored copy, and merges both. A save
//! cannot read inside its transaction; when another tab has written a copy of a record not
//! resident here, the save is refused (`Stale`) and `catch_up` reads both.

use super::{chunk_keys, kind_mismatch, ChunkInfo, IndexSeed, Workspace};
use crate::chunk::{decode_chunk, decode_where, DecodeFailure, StoredChunk};
use crate::{ChunkStore, StoreError};
use dangjian_core::clock::Hlc;
use dangjian_core::hash::IdMap;
use dangjian_core::record::{IdKeyMap, Record, RecordId, Write};
use dangjian_core::replica::Edit;
use dangjian_core::station::StationId;
use serde_json::Value;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// What `read_indexed` read, for `settle_indexed` to take into memory: where each record stored
/// once is, and the records stored more than once, merged.
pub struct IndexRead {
    pub(super) kind: String,
    /// The kind was loaded already: nothing was read, the sink was given the replica's records.
    pub(super) loaded: bool,
    pub(super) keys: Vec<u64>,
    pub(super) chunks: Vec<ChunkInfo>,
    pub(super) failures: Vec<DecodeFailure>,
    pub(super) located: IdKeyMap<u64>,
    /// The records stored more than once, with the chunks holding their copies.
    pub(super) copies: IdKeyMap<Vec<u64>>,
    /// Each with the key of a chunk that holds it, to report it by.
    resident: Vec<(Record, u64)>,
    pub(super) stamps: Stamps,
    records: usize,
    /// The store's epoch and the station, as of the read.
    pub(super) epoch: String,
    pub(super) station: StationId,
    /// Started from a seed (`IndexSeed`): how many chunks were read besides it.
    pub(super) seeded: Option<usize>,
}

impl IndexRead {
    /// The records that become resident, merged from their copies: the sink was given these last.
    pub fn resident(&self) -> impl Iterator<Item = &Record> {
        self.resident.iter().map(|(r, _)| r)
    }

    /// How many records of the kind the read holds (each id once).
    pub fn record_count(&self) -> usize {
        self.records
    }

    /// Whether the read started from a seed, and if so how many chunks it read besides.
    pub fn seeded(&self) -> Option<usize> {
        self.seeded
    }
}

/// What `read_resident` read: the stored copies of the records to make resident.
pub struct Residents {
    records: Vec<Record>,
}

impl Residents {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The records read, to look at without making them resident (`settle_resident` would).
    pub fn records(&self) -> &[Record] {
        &self.records
    }
}

impl<S: ChunkStore> Workspace<S> {
    /// Reads every chunk of `kind` not read yet (and, for a kind indexed already, every one of
    /// its chunks: an index made again) and hands each record to `sink` without keeping it. A
    /// record stored in more than one chunk (edited, merged from a file, written by two tabs) is
    /// handed over once per copy, then again at the end merged from all of them: what the sink
    /// was given last for an id is the whole record, so it replaces by id. It is never told of
    /// records gone: an index made again starts empty. For a loaded kind nothing is read: the
    /// sink is given the replica's records. Settle the result with `settle_indexed`.
    ///
    /// With a `seed` that fits (`seed_fits`: the app's index was kept with it), only the chunks
    /// written since the seed are read; the sink is given their records and, as ever, the merge
    /// of every record stored more than once.
    pub async fn read_indexed(
        &self,
        kind: &str,
        seed: Option<IndexSeed>,
        sink: &mut dyn FnMut(&Record),
    ) -> Result<IndexRead, StoreError> {
        let station = *self.replica.station();
        let mut read = IndexRead {
            kind: kind.to_string(),
            loaded: self.is_loaded(kind),
            keys: Vec::new(),
            chunks: Vec::new(),
            failures: Vec::new(),
            located: IdKeyMap::default(),
            copies: IdKeyMap::default(),
            resident: Vec::new(),
            stamps: Stamps::default(),
            records: 0,
            epoch: self.epoch.clone(),
            station,
            seeded: None,
        };
        if read.loaded {
            for r in self.replica.of_kind(kind) {
                sink(r);
                read.records += 1;
            }
            return Ok(read);
        }
        read.keys = self.unread.iter().filter(|c| c.kind == kind).map(|c| c.key).collect();
        if self.is_indexed(kind) {
            read.keys.extend(self.chunks.iter().filter(|c| c.kind == kind).map(|c| c.key));
        }
        // Where each id was first found; the ids to merge, with the chunks holding them. A record
        // resident already (an index made again) is merged with the replica's copy too.
        let mut first: IdKeyMap<u64> = IdKeyMap::default();
        let mut copies: IdKeyMap<Vec<u64>> = IdKeyMap::default();
        let mut to_read = read.keys.clone();
        if let Some(seed) = seed.filter(|s| s.kind == kind && self.seed_fits(s)) {
            to_read.retain(|key| seed.chunks.binary_search_by_key(key, |c| c.0).is_err());
            read.seeded = Some(to_read.len());
            read.chunks = seed
                .chunks
                .iter()
                .map(|&(key, count)| ChunkInfo { key, kind: kind.to_string(), count, damaged: false })
                .collect();
            read.stamps = seed.stamps;
            first = seed.located;
            for (id, keys) in &seed.copies {
                first.insert(*id, keys[0]);
            }
            copies = seed.copies;
        }
        // Made at its size at once: grown by doubling, a county's map would be held twice over
        // while it grows, and wasm memory never shrinks.
        first.reserve(self.count_in(&to_read));
        {
            let IndexRead { chunks, failures, stamps, .. } = &mut read;
            self.store
                .read(&to_read, &mut |chunk| {
                    let mut d = decode_chunk(&chunk);
                    for r in d.records {
                        if self.replica.get(&r.id).is_some_and(|held| held.kind != r.kind) {
                            d.failures.push(kind_mismatch(chunk.key, &r.id));
                            continue;
                        }
                        sink(&r);
                        stamps.take(&r, &station);
                        match first.entry(r.id.key()) {
                            Entry::Vacant(e) => {
                                if self.replica.get(&r.id).is_some() {
                                    copies.insert(*e.key(), vec![chunk.key]);
                                }
                                e.insert(chunk.key);
                            }
                            Entry::Occupied(e) => {
                                let keys = copies.entry(*e.key()).or_insert_with(|| vec![*e.get()]);
                                if !keys.contains(&chunk.key) {
                                    keys.push(chunk.key);
                                }
                            }
                        }
                    }
                    chunks.push(ChunkInfo {
                        key: chunk.key,
                        kind: chunk.kind.clone(),
                        count: chunk.count,
                        damaged: !d.failures.is_empty(),
                    });
                    failures.extend(d.failures);
                })
                .await?;
        }
        read.records = first.len();
        // Only the chunks holding a record stored more than once are read again: after an edit or
        // two, a few chunks, not the kind.
        let again = chunk_keys(copies.values().flatten().copied());
        let mut merged: IdMap<(Record, u64)> = HashMap::default();
        self.store
            .read(&again, &mut |chunk| {
                let wanted = &mut |id: &RecordId| copies.get(&id.key()).is_some_and(|keys| keys.contains(&chunk.key));
                for r in decode_where(&chunk, wanted) {
                    match merged.entry(r.id.clone()) {
                        Entry::Vacant(e) => {
                            e.insert((r, chunk.key));
                        }
                        Entry::Occupied(mut e) => {
                            let whole = e.get().0.merge(&r);
                            e.get_mut().0 = whole;
                        }
                    }
                }
            })
            .await?;
        let mut resident: Vec<(Record, u64)> = merged
            .into_values()
            .map(|(r, key)| match self.replica.get(&r.id) {
                Some(held) => (held.merge(&r), key),
                None => (r, key),
            })
            .collect();
        dangjian_core::sort::sort_by(&mut resident, |a, b| a.0.id.cmp(&b.0.id));
        for (r, _) in &resident {
            sink(r);
        }
        first.retain(|id, _| !copies.contains_key(id));
        read.located = first;
        read.copies = copies;
        read.resident = resident;
        Ok(read)
    }

    /// Takes an index read in: the kind's chunks are known, the kind is indexed (not loaded), its
    /// records stored more than once are resident, and the clock moves past every stamp read, as
    /// if each record had been taken in. Nothing changes for a kind loaded meanwhile.
    pub fn settle_indexed(&mut self, read: IndexRead, now_ms: u64) {
        if read.loaded || self.is_loaded(&read.kind) {
            return;
        }
        // A chunk listed already (an index made again) had its damage reported when first read.
        let new: Vec<u64> =
            read.chunks.iter().map(|c| c.key).filter(|key| !self.chunks.iter().any(|c| c.key == *key)).collect();
        self.failures.extend(read.failures.into_iter().filter(|f| new.contains(&f.chunk)));
        self.chunks.extend(read.chunks.into_iter().filter(|c| new.contains(&c.key)));
        self.unread.retain(|c| !read.keys.contains(&c.key));
        let station = *self.replica.station();
        self.replica.observe(&[read.stamps.as_record(&read.kind, station)], now_ms);
        // The smaller map into the larger, which has room for it: no third map while both are
        // held (a county's steps: 641,000 locations beside the diaries' 200,000).
        let mut located = read.located;
        if located.len() < self.located.len() {
            std::mem::swap(&mut located, &mut self.located);
        }
        located.extend(self.located.drain());
        self.located = located;
        let mut at = IdMap::with_capacity_and_hasher(read.resident.len(), Default::default());
        let mut records = Vec::with_capacity(read.resident.len());
        for (r, key) in read.resident {
            self.located.remove(&r.id.key());
            at.insert(r.id.clone(), key);
            records.push(r);
        }
        for id in self.replica.absorb(records, now_ms) {
            self.failures.push(kind_mismatch(at[&id], &id));
        }
        if !self.is_indexed(&read.kind) {
            self.indexed_kinds.push(read.kind);
        }
    }

    /// The reading half of `make_resident`: the stored copies of those of `ids` that are records
    /// of an indexed kind not resident here. Ids resident already, or not known, are skipped.
    /// `Stale` if a copy is no longer where it was (another tab rewrote chunks): catch up, index
    /// again, and ask again.
    pub async fn read_resident(&self, ids: &[RecordId]) -> Result<Residents, StoreError> {
        let wanted = self.locations_of(ids.iter());
        let count = wanted.len();
        let records = self.read_located(wanted).await?;
        if records.len() < count {
            return Err(StoreError::Stale);
        }
        Ok(Residents { records })
    }

    /// Takes the records read by `read_resident` into the replica: they are then edited like a
    /// loaded kind's (`commit` with `Edit::Update`).
    pub fn settle_resident(&mut self, residents: Residents, now_ms: u64) {
        self.take_located(residents.records, now_ms);
    }

    /// `read_resident`, then `settle_resident`.
    pub async fn make_resident(&mut self, ids: &[RecordId], now_ms: u64) -> Result<(), StoreError> {
        let residents = self.read_resident(ids).await?;
        self.settle_resident(residents, now_ms);
        Ok(())
    }

    /// How many records the kind's chunks hold, a record stored twice counted twice: at most
    /// what an index of the kind will hold, known from the listing before any chunk is read.
    pub fn stored_count(&self, kind: &str) -> usize {
        self.count_where(|_, k| k == kind)
    }

    /// The records these chunks hold, as listed.
    fn count_in(&self, keys: &[u64]) -> usize {
        let keys = chunk_keys(keys.iter().copied());
        self.count_where(|key, _| keys.binary_search(&key).is_ok())
    }

    /// The records of the chunks known here, read or not, that `wanted` picks by key and kind.
    fn count_where(&self, wanted: impl Fn(u64, &str) -> bool) -> usize {
        let unread = self.unread.iter().map(|c| (c.key, c.kind.as_str(), c.count));
        let read = self.chunks.iter().map(|c| (c.key, c.kind.as_str(), c.count));
        unread.chain(read).filter(|(key, kind, _)| wanted(*key, kind)).map(|(_, _, n)| n as usize).sum()
    }

    /// Whether the kind is held by index (`read_indexed`). A kind stops being indexed when it is
    /// loaded whole (`load_kind`), and when another tab rewrote chunks (the store is read again
    /// and the kind is unread: the app indexes it again).
    pub fn is_indexed(&self, kind: &str) -> bool {
        self.indexed_kinds.iter().any(|k| k == kind)
    }

    /// The kinds held by index. One that drops out of this list was read again from the store or
    /// loaded whole: the app's index of it is out of date.
    pub fn indexed_kinds(&self) -> &[String] {
        &self.indexed_kinds
    }

    /// Whether the record is whole in the replica: every record of a loaded kind, and the
    /// resident ones of an indexed kind.
    pub fn is_resident(&self, id: &RecordId) -> bool {
        self.replica.get(id).is_some()
    }

    /// `RecordExists` for an edit creating a record that exists here, though not in the replica:
    /// staging looks only there.
    pub(super) fn refuse_creating_located(&self, edits: &[Edit]) -> Result<(), StoreError> {
        match edits.iter().find(|e| matches!(e, Edit::Create { .. }) && self.located.contains_key(&e.record_id().key()))
        {
            Some(e) => Err(StoreError::RecordExists(e.record_id().to_string())),
            None => Ok(()),
        }
    }

    /// Whether chunks another tab wrote hold a copy of a record not resident here.
    pub(super) fn others_touch_located(&self, others: &[StoredChunk]) -> bool {
        !self.located_in(others).is_empty()
    }

    /// The stored copies of records not resident here that `records` are new copies of.
    pub(super) async fn stored_copies_of(&self, records: &[Record]) -> Result<Vec<Record>, StoreError> {
        let wanted = self.locations_of(records.iter().map(|r| &r.id));
        self.read_located(wanted).await
    }

    /// The stored copies of records not resident here that chunks another tab wrote hold new
    /// copies of. One no longer where it was means the store was rewritten meanwhile: the next
    /// catch-up reads everything again.
    pub(super) async fn stored_copies_behind(&self, chunks: &[StoredChunk]) -> Result<Vec<Record>, StoreError> {
        let wanted = self.located_in(chunks);
        self.read_located(wanted).await
    }

    /// Takes stored copies of records not resident into the replica (with whatever new copies
    /// come beside them): those records are resident from now on. A copy of a record no longer
    /// located (the kind read again meanwhile) is dropped.
    pub(super) fn take_located(&mut self, records: Vec<Record>, now_ms: u64) {
        if records.is_empty() {
            return;
        }
        let mut at = HashMap::with_capacity(records.len());
        let mut still = Vec::with_capacity(records.len());
        for r in records {
            if let Some(key) = self.located.remove(&r.id.key()) {
                at.insert(r.id.clone(), key);
                still.push(r);
            }
        }
        for id in self.replica.absorb(still, now_ms) {
            self.failures.push(kind_mismatch(at[&id], &id));
        }
    }

    fn locations_of<'a>(&self, ids: impl Iterator<Item = &'a RecordId>) -> IdMap<u64> {
        if self.located.is_empty() {
            return IdMap::default();
        }
        ids.filter_map(|id| self.located.get(&id.key()).map(|&key| (id.clone(), key))).collect()
    }

    /// The records not resident here that chunks not read yet hold copies of, with where their
    /// stored copy is.
    fn located_in(&self, chunks: &[StoredChunk]) -> IdMap<u64> {
        if self.located.is_empty() {
            return IdMap::default();
        }
        chunks
            .iter()
            .filter(|c| self.is_indexed(&c.kind) && !self.knows_chunk(c.key))
            .flat_map(|c| decode_where(c, &mut |id| self.located.contains_key(&id.key())))
            .map(|r| (r.id.clone(), self.located[&r.id.key()]))
            .collect()
    }

    /// Reads the stored copies of records not resident: each is the one copy in its chunk.
    async fn read_located(&self, wanted: IdMap<u64>) -> Result<Vec<Record>, StoreError> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let keys = chunk_keys(wanted.values().copied());
        let mut found = Vec::with_capacity(wanted.len());
        self.store
            .read(&keys, &mut |chunk| {
                found.extend(decode_where(&chunk, &mut |id| wanted.get(id) == Some(&chunk.key)));
            })
            .await?;
        Ok(found)
    }
}

/// How many of other stations' newest stamps `Stamps` keeps.
const OTHERS_KEPT: usize = 8;

/// The stamps of records read but not kept, summed up so that the clock moves past them as if it
/// had taken in each (`Replica::observe`): this station's newest, always taken in, so its next
/// stamp is new; and other stations' few newest, each taken in only if not too far ahead of the PC
/// clock (`Hlc::observe`), so a stamp from a PC set to 2035 does not hide the good ones below it.
/// Were all of the few too far ahead, older stamps of other stations would go unobserved:
/// harmless, as a record is taken in whole when it becomes resident, before it can be edited.
#[derive(Default)]
pub(super) struct Stamps {
    pub(super) own: Hlc,
    /// Newest first, no stamp twice.
    pub(super) others: Vec<(Hlc, StationId)>,
}

impl Stamps {
    fn take(&mut self, record: &Record, station: &StationId) {
        for w in record.fields.values().flatten() {
            if w.station == *station {
                self.own = self.own.max(w.clock);
            } else {
                self.other(w.clock, w.station);
            }
        }
        if let Some(&seen) = record.seen.get(station) {
            self.own = self.own.max(seen);
        }
    }

    pub(super) fn other(&mut self, clock: Hlc, station: StationId) {
        if self.others.len() == OTHERS_KEPT && self.others.last().is_some_and(|(last, _)| clock <= *last) {
            return;
        }
        if let Err(at) = self.others.binary_search_by(|(kept, _)| clock.cmp(kept)) {
            self.others.insert(at, (clock, station));
            self.others.truncate(OTHERS_KEPT);
        }
    }

    /// One record carrying these stamps, for `Replica::observe`; never stored.
    fn as_record(&self, kind: &str, station: StationId) -> Record {
        let write = |clock, station| Write { value: Value::Null, clock, station, replaced: Hlc::ZERO };
        let mut r = Record::new(RecordId::from_random([0; 16]), kind, station);
        r.fields.insert("own".into(), vec![write(self.own, station)]);
        for (i, &(clock, from)) in self.others.iter().enumerate() {
            r.fields.insert(format!("other{i}").into(), vec![write(clock, from)]);
        }
        r.seen.insert(station, self.own);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_keep_the_newest_of_other_stations_once_each() {
        let there = StationId::from_random([2; 8]);
        let mut stamps = Stamps::default();
        for n in [5u64, 3, 9, 9, 1, 12, 7, 20, 15, 2, 11, 30] {
            stamps.other(Hlc::new(n, 0), there);
        }
        let kept: Vec<u64> = stamps.others.iter().map(|(c, _)| c.wall_ms()).collect();
        assert_eq!(kept, [30, 20, 15, 12, 11, 9, 7, 5]);
    }
}
