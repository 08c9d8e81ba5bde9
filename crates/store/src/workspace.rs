//! A station's working state: its replica in memory and the chunks behind it. Every change goes
//! through `commit`: staged on the replica, written in one transaction, and only then taken into
//! memory, so a failed write leaves both the store and the screen as they were.

use super::chunk::{decode_chunk, encode_chunks, encode_chunks_into, DecodeFailure, StoredChunk, RECORDS_PER_CHUNK};
use super::{ChunkStore, Listed, Listing, Meta, StoreError};
use dangjian_core::hash::FastHash;
use dangjian_core::record::{IdKeyMap, Record, RecordId};
use dangjian_core::replica::{Edit, EditError, Replica};
use dangjian_core::station::StationId;
use std::collections::{BTreeSet, HashMap};

mod index_seed;
mod indexed;
pub use index_seed::IndexSeed;
pub use indexed::{IndexRead, Residents};

/// What the workspace knows of a stored chunk without keeping its text.
#[derive(Clone, Debug, PartialEq)]
struct ChunkInfo {
    key: u64,
    kind: String,
    count: u32,
    /// Holds a record that did not decode: never rewritten or removed by compaction.
    damaged: bool,
}

/// Compaction rewrites a kind's chunks once this many small ones (single edits) have piled up…
const SMALL_CHUNKS_BEFORE_COMPACTION: usize = 64;
/// …or once the chunks hold this many times more record copies than there are records.
const COPIES_BEFORE_COMPACTION: f64 = 1.5;

/// What `write` stored, for `settle` to take into memory.
pub struct Written {
    others: Vec<StoredChunk>,
    staged: Vec<Record>,
    /// The stored copies of records of an indexed kind not resident here that `staged` writes
    /// again (`write_records`), read before the transaction: taken in with them, so the replica's
    /// copy is the whole record.
    stored: Vec<Record>,
    new: Vec<ChunkInfo>,
    /// The store had been emptied under us: the chunks that now hold everything in memory, and
    /// the epoch that rewrite started.
    rewritten: Option<(Vec<ChunkInfo>, String)>,
}

/// The store was found emptied (see `ChunkStore::take_emptied`) and rewritten from memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewritten {
    /// Chunks of kinds never read into this page (diaries not opened): gone with the database.
    pub lost_unread_chunks: usize,
    /// Records of indexed kinds that were not resident (only the app's index held them): gone
    /// with the database. The kind stays indexed, with only its resident records: the app's
    /// index of it must be made again (`read_indexed`).
    pub lost_indexed_records: usize,
}

/// What `fetch_new` found: chunks of loaded kinds to take in, chunks of other kinds to note, and
/// the highest key listed (everything up to it is known once these are taken in).
pub struct Fetched {
    chunks: Vec<StoredChunk>,
    unread: Vec<Listed>,
    /// The stored copies of records of indexed kinds that `chunks` bring new copies of and that
    /// are not resident here: merged with them, so the replica's copy is the whole record.
    stored: Vec<Record>,
    up_to: u64,
    /// The store is at another epoch: `chunks` and `unread` are all it holds, to replace what
    /// this tab knows, and this is the new epoch.
    reread: Option<String>,
}

/// What `read_kind` read, for `settle_kind` to take into memory.
pub struct KindRead {
    kind: String,
    keys: Vec<u64>,
    chunks: Vec<StoredChunk>,
}

/// What one kind's compaction changed in the store, and the epoch it left the store at.
pub struct Compacted {
    removed: Vec<u64>,
    added: Vec<ChunkInfo>,
    epoch: String,
}

/// What `write_restore` stored, for `settle_restore` to take into memory.
pub struct Restored {
    chunks: Compacted,
    records: Vec<Record>,
    remove: Vec<RecordId>,
}

pub struct Workspace<S> {
    store: S,
    replica: Replica,
    last_key: u64,
    /// The store's epoch (see `Listing`) as of what this workspace has read.
    epoch: String,
    /// Chunks read into the replica.
    chunks: Vec<ChunkInfo>,
    /// Chunks of kinds not loaded yet (a county's diaries are read when first needed, not at
    /// start): their key, kind and count.
    unread: Vec<Listed>,
    loaded_kinds: Vec<String>,
    /// Kinds held by index (a county's diaries): their chunks are read (`read_indexed`), but the
    /// replica holds only their resident records, those edited, changed since or asked for; the
    /// app keeps its own compact index of the rest. See `indexed`.
    indexed_kinds: Vec<String>,
    /// Each record of an indexed kind that is not resident: the chunk that holds its one stored
    /// copy. A record with several copies is resident, so that their merge is made once.
    located: IdKeyMap<u64>,
    failures: Vec<DecodeFailure>,
    /// The station's name, written into audit entries; with none set, edits write no entries.
    author: Option<String>,
    rewritten: Option<Rewritten>,
}

impl<S: ChunkStore> Workspace<S> {
    /// Reads the chunks of the kinds in `load`; other kinds wait for `load_kind`. Records that
    /// do not decode are reported by `failures()` and left in the store; the rest open normally.
    pub async fn open(store: S, station: StationId, load: &[&str], now_ms: u64) -> Result<Workspace<S>, StoreError> {
        let mut ws = Workspace {
            store,
            replica: Replica::new(station),
            last_key: 0,
            epoch: String::new(),
            chunks: Vec::new(),
            unread: Vec::new(),
            loaded_kinds: load.iter().map(|k| k.to_string()).collect(),
            indexed_kinds: Vec::new(),
            located: IdKeyMap::default(),
            failures: Vec::new(),
            author: None,
            rewritten: None,
        };
        let Listing { chunks: listed, epoch } = ws.store.list().await?;
        ws.epoch = epoch;
        ws.last_key = listed.last().map_or(0, |c| c.key);
        let (to_read, later): (Vec<_>, Vec<_>) = listed.into_iter().partition(|c| ws.is_loaded(&c.kind));
        ws.unread = later;
        let keys: Vec<u64> = to_read.into_iter().map(|c| c.key).collect();
        ws.read_into_replica(&keys, now_ms).await?;
        Ok(ws)
    }

    /// Reads the chunks of a kind that was not loaded at start, or the rest of an indexed kind.
    /// Only once all of them are read does the kind count as loaded (and editable): an edit
    /// made on part of a kind's data could hide writes in the rest.
    pub async fn load_kind(&mut self, kind: &str, now_ms: u64) -> Result<(), StoreError> {
        let keys = self.keys_to_load(kind);
        self.read_into_replica(&keys, now_ms).await?;
        self.now_loaded(kind);
        Ok(())
    }

    /// The reading half of `load_kind`: needs only `&self`, so the page keeps drawing while the
    /// store is read. Settle the result with `settle_kind`.
    pub async fn read_kind(&self, kind: &str) -> Result<KindRead, StoreError> {
        let keys = self.keys_to_load(kind);
        let mut chunks = Vec::with_capacity(keys.len());
        self.store.read(&keys, &mut |chunk| chunks.push(chunk)).await?;
        Ok(KindRead { kind: kind.to_string(), keys, chunks })
    }

    pub fn settle_kind(&mut self, read: KindRead, now_ms: u64) {
        for chunk in &read.chunks {
            absorb_chunk(&mut self.replica, &mut self.chunks, &mut self.failures, &mut self.located, chunk, now_ms);
        }
        self.unread.retain(|c| !read.keys.contains(&c.key));
        self.now_loaded(&read.kind);
    }

    /// The chunks `load_kind` reads: the kind's unread ones; for an indexed kind, those holding
    /// a record not resident (the rest are in the replica already).
    fn keys_to_load(&self, kind: &str) -> Vec<u64> {
        let mut keys: Vec<u64> = self.unread.iter().filter(|c| c.kind == kind).map(|c| c.key).collect();
        if self.is_indexed(kind) {
            let holding = chunk_keys(self.located.values().copied());
            keys.extend(
                self.chunks.iter().filter(|c| c.kind == kind && holding.binary_search(&c.key).is_ok()).map(|c| c.key),
            );
        }
        keys
    }

    fn now_loaded(&mut self, kind: &str) {
        self.indexed_kinds.retain(|k| k != kind);
        if !self.is_loaded(kind) {
            self.loaded_kinds.push(kind.to_string());
        }
    }

    /// The kinds with chunks not read yet. Indexed kinds are not among them (their chunks are
    /// read), though they are not whole in memory either: see `partial_kinds`.
    pub fn unread_kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = self.unread.iter().map(|c| c.kind.clone()).collect();
        dangjian_core::sort::sort_by(&mut kinds, |a, b| a.cmp(b));
        kinds.dedup();
        kinds
    }

    /// The kinds not wholly in memory, unread or indexed: an export, an import's preview and the
    /// undo of an import need every record whole, so each of these must be loaded (`load_kind`)
    /// first.
    pub fn partial_kinds(&self) -> Vec<String> {
        let mut kinds = self.unread_kinds();
        kinds.extend(self.indexed_kinds.iter().cloned());
        dangjian_core::sort::sort_by(&mut kinds, |a, b| a.cmp(b));
        kinds.dedup();
        kinds
    }

    /// Whether every record of the kind is in the replica (and so editable).
    pub fn is_loaded(&self, kind: &str) -> bool {
        self.loaded_kinds.iter().any(|k| k == kind)
    }

    /// Whether new records of the kind, and new copies of its records, go into the replica: a
    /// loaded kind's, and an indexed kind's (they make its records resident).
    fn takes_in(&self, kind: &str) -> bool {
        self.is_loaded(kind) || self.is_indexed(kind)
    }

    /// The store itself, for what is kept beside the chunks (the station profile).
    /// The store's epoch as of what this workspace has read (see `Listing`).
    pub fn epoch(&self) -> &str {
        &self.epoch
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    /// From now on every edit also writes an audit entry naming `name` (see `domain::audit`).
    pub fn set_author(&mut self, name: &str) {
        self.author = Some(name.to_string());
    }

    pub fn failures(&self) -> &[DecodeFailure] {
        &self.failures
    }

    /// Chunks in the store, for the storage line in 设置.
    pub fn chunk_count(&self) -> usize {
        self.chunks.len() + self.unread.len()
    }

    /// Applies edits atomically. Returns the ids of the records they touched.
    pub async fn commit(&mut self, edits: Vec<Edit>, now_ms: u64) -> Result<Vec<RecordId>, StoreError> {
        let written = self.write(edits, now_ms).await?;
        Ok(self.settle(written, now_ms))
    }

    /// The writing half of `commit`: needs only `&self`, so the page can keep reading the replica
    /// while the transaction runs. Nothing is in memory until `settle`.
    pub async fn write(&self, edits: Vec<Edit>, now_ms: u64) -> Result<Written, StoreError> {
        self.refuse_creating_located(&edits)?;
        self.append(&[], Vec::new(), |others| {
            // Another tab's latest: chunks of loaded (or indexed) kinds not read yet (this tab's
            // own compacted chunks can be above `last_key` too, and are known).
            let pending: Vec<Record> = others
                .iter()
                .filter(|c| self.takes_in(&c.kind) && !self.knows_chunk(c.key))
                .flat_map(|c| decode_chunk(c).records)
                .collect();
            let staged = match &self.author {
                Some(author) => self.replica.stage_audited(edits, now_ms, &pending, author),
                None => self.replica.stage(edits, now_ms, &pending),
            };
            staged.map_err(|e| match e {
                EditError::UnknownRecord(id) => StoreError::UnknownRecord(id.to_string()),
                EditError::AlreadyExists(id) => StoreError::RecordExists(id.to_string()),
            })
        })
        .await
    }

    /// Writes records that already carry their stamps (from a file, or staged beforehand), as
    /// they are: the store's state is the merge of all its chunks, so they need not be merged
    /// with the stored versions first. Settle the result like `write`'s.
    pub async fn write_records(&self, records: Vec<Record>) -> Result<Written, StoreError> {
        let stored = self.stored_copies_of(&records).await?;
        self.append(&[], stored, |_| Ok(records)).await
    }

    /// `write_records`, putting `meta` values beside the chunks in the same transaction: an
    /// import's records, its log entry and its undo are stored together or not at all.
    pub async fn write_records_noting(&self, records: Vec<Record>, meta: Meta<'_>) -> Result<Written, StoreError> {
        let stored = self.stored_copies_of(&records).await?;
        self.append(meta, stored, |_| Ok(records)).await
    }

    /// Appends the records `make` returns (given what other tabs wrote since `last_key`) in one
    /// transaction, encoded into chunks, with `meta`; `stored` goes to `settle` with them.
    ///
    /// Refused with `Stale`, writing nothing, if another tab wrote a copy of a record that is not
    /// resident here: its stored copy would have to be read to merge with it, and the store
    /// cannot be read from inside the transaction (`ChunkStore::append` builds synchronously).
    /// `catch_up` reads both; the save then goes through.
    async fn append(
        &self,
        meta: Meta<'_>,
        stored: Vec<Record>,
        make: impl FnOnce(&[StoredChunk]) -> Result<Vec<Record>, StoreError>,
    ) -> Result<Written, StoreError> {
        let mut staged: Vec<Record> = Vec::new();
        let mut infos: Vec<(String, u32)> = Vec::new();
        let (others, keys) = self
            .store
            .append(self.last_key, &self.epoch, meta, |others, sink| {
                if self.others_touch_located(others) {
                    return Err(StoreError::Stale);
                }
                staged = make(others)?;
                encode_chunks_into(&staged, &mut |chunk| {
                    infos.push((chunk.kind.clone(), chunk.count));
                    sink(chunk)
                })
            })
            .await?;
        let new = keys
            .into_iter()
            .zip(infos)
            .map(|(key, (kind, count))| ChunkInfo { key, kind, count, damaged: false })
            .collect();
        let rewritten = if self.store.take_emptied() { Some(self.rewrite_all().await?) } else { None };
        Ok(Written { others, staged, stored, new, rewritten })
    }

    /// Writes every record in memory into an emptied store, in one transaction: the page's copy
    /// is then all that is left of the station's data. Only resident records of indexed kinds are
    /// in memory; `settle` counts the rest as lost.
    async fn rewrite_all(&self) -> Result<(Vec<ChunkInfo>, String), StoreError> {
        let records: Vec<Record> = self.replica.records().cloned().collect();
        self.replace_chunks(None, &[], &records, &[]).await
    }

    /// In one transaction (with `meta`): removes the chunks `remove` and stores `records` as new
    /// chunks, returned as this workspace lists them, with the store's new epoch. Refused
    /// (`Stale`) if the store is not at `expect`. Compaction, the undo of an import and the
    /// rewrite of an emptied store all go through here.
    async fn replace_chunks(
        &self,
        expect: Option<&str>,
        remove: &[u64],
        records: &[Record],
        meta: Meta<'_>,
    ) -> Result<(Vec<ChunkInfo>, String), StoreError> {
        let add = encode_chunks(records);
        let described: Vec<(String, u32)> = add.iter().map(|c| (c.kind.clone(), c.count)).collect();
        let (keys, epoch) = self.store.replace(expect, remove, add, meta).await?;
        let infos = keys
            .into_iter()
            .zip(described)
            .map(|(key, (kind, count))| ChunkInfo { key, kind, count, damaged: false })
            .collect();
        Ok((infos, epoch))
    }

    /// Whether the last settled write found the store emptied and rewrote it; asking clears it.
    pub fn take_rewritten(&mut self) -> Option<Rewritten> {
        self.rewritten.take()
    }

    /// Takes what `write` stored into memory. Returns the ids of the records written. Records
    /// of kinds not loaded (a bulk load of diaries) stay in the store only, like the rest of
    /// their kind; records of indexed kinds become resident.
    pub fn settle(&mut self, written: Written, now_ms: u64) -> Vec<RecordId> {
        if let Some((chunks, epoch)) = written.rewritten {
            // The old chunks and their keys are gone; a new database numbers from the start.
            self.rewritten =
                Some(Rewritten { lost_unread_chunks: self.unread.len(), lost_indexed_records: self.located.len() });
            self.unread.clear();
            self.located.clear();
            self.chunks = chunks;
            self.last_key = 0;
            self.epoch = epoch;
        }
        // The transaction read every chunk above `last_key`, so all up to its own are known now.
        self.take_in(&written.others, now_ms);
        let top = written.others.iter().map(|c| c.key).chain(written.new.iter().map(|c| c.key)).max();
        self.last_key = self.last_key.max(top.unwrap_or(0));
        self.take_located(written.stored, now_ms);
        let ids = written.staged.iter().map(|r| r.id.clone()).collect();
        // Records of kinds not loaded stay in the store only, but the clock moves past them.
        let (loaded, elsewhere): (Vec<Record>, Vec<Record>) =
            written.staged.into_iter().partition(|r| self.takes_in(&r.kind));
        self.replica.observe(&elsewhere, now_ms);
        if !self.located.is_empty() {
            for r in &loaded {
                self.located.remove(&r.id.key());
            }
        }
        // A record whose copy here disagrees on its kind is not merged: the chunks just written
        // are kept as they are, never compacted away, and the record is reported.
        let refused = self.replica.absorb(loaded, now_ms);
        let first_new = written.new.first().map_or(0, |c| c.key);
        for id in &refused {
            self.failures.push(kind_mismatch(first_new, id));
        }
        for mut info in written.new {
            info.damaged = !refused.is_empty();
            if !self.takes_in(&info.kind) {
                self.unread.push(Listed { key: info.key, kind: info.kind, count: info.count });
            } else if !self.chunks.iter().any(|c| c.key == info.key) {
                self.chunks.push(info);
            }
        }
        ids
    }

    /// Takes in chunks other tabs have written. Returns whether any arrived.
    pub async fn catch_up(&mut self, now_ms: u64) -> Result<bool, StoreError> {
        let fetched = self.fetch_new().await?;
        let any = !fetched.chunks.is_empty() || !fetched.unread.is_empty();
        self.settle_fetched(fetched, now_ms);
        Ok(any)
    }

    /// The reading half of `catch_up`: chunks above `last_key` this tab does not know yet; or,
    /// if another tab has rewritten chunks since (the store is at another epoch), every chunk of
    /// the kinds loaded here, to read them again from scratch: merging alone would keep what was
    /// rewritten away (an undone import). New copies of records of an indexed kind that are not
    /// resident here come with their stored copies, to merge with. Settle the result before
    /// anything else changes the workspace.
    pub async fn fetch_new(&self) -> Result<Fetched, StoreError> {
        let Listing { chunks: listed, epoch } = self.store.list().await?;
        let reread = (epoch != self.epoch).then_some(epoch);
        let listed: Vec<Listed> = match reread {
            Some(_) => listed,
            None => listed.into_iter().filter(|c| c.key > self.last_key && !self.knows_chunk(c.key)).collect(),
        };
        let up_to = listed.iter().map(|c| c.key).max().unwrap_or(if reread.is_some() { 0 } else { self.last_key });
        // Read again from scratch, indexed kinds are unread: the app indexes them anew.
        let (to_read, unread): (Vec<_>, Vec<_>) =
            listed.into_iter().partition(|c| self.is_loaded(&c.kind) || (reread.is_none() && self.is_indexed(&c.kind)));
        let keys: Vec<u64> = to_read.into_iter().map(|c| c.key).collect();
        let mut chunks = Vec::new();
        self.store.read(&keys, &mut |c| chunks.push(c)).await?;
        let stored = match reread {
            Some(_) => Vec::new(),
            None => self.stored_copies_behind(&chunks).await?,
        };
        Ok(Fetched { chunks, unread, stored, up_to, reread })
    }

    pub fn settle_fetched(&mut self, fetched: Fetched, now_ms: u64) {
        if let Some(epoch) = fetched.reread {
            // As if opened anew with the same kinds loaded; the clock keeps every stamp it saw.
            // Indexed kinds become unread: what the app's index holds may be gone.
            let mut forget = self.loaded_kinds.clone();
            forget.append(&mut self.indexed_kinds);
            self.replica.forget_kinds(&forget);
            self.located.clear();
            self.chunks.clear();
            self.unread.clear();
            self.failures.clear();
            self.last_key = 0;
            self.epoch = epoch;
        }
        self.take_located(fetched.stored, now_ms);
        self.take_in(&fetched.chunks, now_ms);
        for listed in fetched.unread {
            if !self.knows_chunk(listed.key) {
                self.unread.push(listed);
            }
        }
        self.last_key = self.last_key.max(fetched.up_to);
    }

    fn knows_chunk(&self, key: u64) -> bool {
        self.chunks.iter().any(|c| c.key == key) || self.unread.iter().any(|c| c.key == key)
    }

    /// Reads chunks and merges each into the replica as it arrives, so a county's data never
    /// sits in memory twice (as text and as records).
    async fn read_into_replica(&mut self, keys: &[u64], now_ms: u64) -> Result<(), StoreError> {
        let Workspace { store, replica, chunks, failures, located, .. } = self;
        store
            .read(keys, &mut |chunk| {
                absorb_chunk(replica, chunks, failures, located, &chunk, now_ms);
            })
            .await?;
        self.unread.retain(|c| !keys.contains(&c.key));
        Ok(())
    }

    /// Rewrites the chunks of each kind that has piled up small chunks or stale copies, as fewer,
    /// full chunks. Returns how many chunks were replaced. Damaged chunks are left alone.
    pub async fn compact(&mut self, now_ms: u64) -> Result<usize, StoreError> {
        let done = self.write_compaction().await?;
        let replaced = self.settle_compaction(done);
        // Past its own new chunks, so later saves do not read them back.
        self.catch_up(now_ms).await?;
        Ok(replaced)
    }

    /// The writing half of `compact`.
    pub async fn write_compaction(&self) -> Result<Vec<Compacted>, StoreError> {
        let mut out = Vec::new();
        let mut epoch = self.epoch.clone();
        for kind in self.kinds_to_compact() {
            let removed: Vec<u64> =
                self.chunks.iter().filter(|c| c.kind == kind && !c.damaged).map(|c| c.key).collect();
            let records: Vec<Record> = self.replica.records().filter(|r| r.kind == kind).cloned().collect();
            let (added, next) = self.replace_chunks(Some(&epoch), &removed, &records, &[]).await?;
            epoch = next.clone();
            out.push(Compacted { removed, added, epoch: next });
        }
        Ok(out)
    }

    /// Takes compaction's result in. `last_key` stays where it is: another tab may have written
    /// below the new chunks' keys, and the next catch-up must still read that.
    pub fn settle_compaction(&mut self, done: Vec<Compacted>) -> usize {
        let mut replaced = 0;
        for c in done {
            self.chunks.retain(|info| !c.removed.contains(&info.key));
            for info in c.added {
                self.chunks.push(info);
            }
            replaced += c.removed.len();
            self.epoch = c.epoch;
        }
        replaced
    }

    /// Puts records back exactly as given and drops `remove` (the undo of an import,
    /// `exchange::undo`): in one transaction with `meta`, every healthy chunk of each kind in
    /// `kinds` is replaced by chunks written from the replica as restored, as compaction does, so
    /// no stored chunk still holds what is being undone. Every kind in `kinds` must be loaded,
    /// and the workspace caught up with other tabs. Memory changes in `settle_restore`.
    pub async fn write_restore(
        &self,
        records: Vec<Record>,
        remove: Vec<RecordId>,
        kinds: &BTreeSet<String>,
        meta: Meta<'_>,
    ) -> Result<Restored, StoreError> {
        if let Some(kind) = kinds.iter().find(|k| !self.is_loaded(k)) {
            return Err(StoreError::Failed(format!("restore: kind {kind} is not loaded")));
        }
        let put_back: HashMap<&RecordId, &Record, FastHash> = records.iter().map(|r| (&r.id, r)).collect();
        let dropped: BTreeSet<&RecordId> = remove.iter().collect();
        let mut rewritten: Vec<Record> = self
            .replica
            .records()
            .filter(|r| kinds.contains(&r.kind) && !dropped.contains(&r.id))
            .map(|r| (*put_back.get(&r.id).unwrap_or(&r)).clone())
            .collect();
        // Copies to put back of records no longer here (none, unless a kind was damaged).
        rewritten.extend(records.iter().filter(|r| self.replica.get(&r.id).is_none()).cloned());
        dangjian_core::sort::sort_by(&mut rewritten, |a, b| a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id)));
        let removed: Vec<u64> =
            self.chunks.iter().filter(|c| kinds.contains(&c.kind) && !c.damaged).map(|c| c.key).collect();
        let (added, epoch) = self.replace_chunks(Some(&self.epoch), &removed, &rewritten, meta).await?;
        Ok(Restored { chunks: Compacted { removed, added, epoch }, records, remove })
    }

    /// Takes what `write_restore` stored into memory. Like compaction, `last_key` stays: catch
    /// up afterwards to move past the new chunks.
    pub fn settle_restore(&mut self, restored: Restored) {
        self.settle_compaction(vec![restored.chunks]);
        self.replica.restore(restored.records, &restored.remove);
    }

    /// `write_restore`, `settle_restore` and a catch-up past the new chunks.
    pub async fn restore(
        &mut self,
        records: Vec<Record>,
        remove: Vec<RecordId>,
        kinds: &BTreeSet<String>,
        meta: Meta<'_>,
        now_ms: u64,
    ) -> Result<(), StoreError> {
        let restored = self.write_restore(records, remove, kinds, meta).await?;
        self.settle_restore(restored);
        self.catch_up(now_ms).await?;
        Ok(())
    }

    fn kinds_to_compact(&self) -> Vec<String> {
        let mut kinds: Vec<&str> = self.chunks.iter().map(|c| c.kind.as_str()).collect();
        dangjian_core::sort::sort_by(&mut kinds, |a, b| a.cmp(b));
        kinds.dedup();
        kinds
            .into_iter()
            // Only kinds read into memory: the replica is what replaces their chunks. Not indexed
            // kinds: the replica holds only some of their records.
            .filter(|kind| self.is_loaded(kind))
            .filter(|kind| {
                let healthy = self.chunks.iter().filter(|c| c.kind == *kind && !c.damaged);
                let (mut small, mut copies) = (0usize, 0usize);
                for c in healthy {
                    copies += c.count as usize;
                    small += usize::from((c.count as usize) < RECORDS_PER_CHUNK / 4);
                }
                let records = self.replica.records().filter(|r| r.kind == *kind).count();
                small >= SMALL_CHUNKS_BEFORE_COMPACTION
                    || copies as f64 > records as f64 * COPIES_BEFORE_COMPACTION + 100.0
            })
            .map(str::to_string)
            .collect()
    }

    /// Takes in chunks read from the store above `last_key` (by a commit's transaction or a
    /// catch-up); the caller moves `last_key`.
    fn take_in(&mut self, chunks: &[StoredChunk], now_ms: u64) {
        for chunk in chunks {
            if self.knows_chunk(chunk.key) {
                continue;
            }
            if self.takes_in(&chunk.kind) {
                absorb_chunk(&mut self.replica, &mut self.chunks, &mut self.failures, &mut self.located, chunk, now_ms);
            } else {
                self.unread.push(Listed { key: chunk.key, kind: chunk.kind.clone(), count: chunk.count });
            }
        }
    }
}

const KIND_MISMATCH: &str = "与本机同一记录的类别不一致";

/// Chunk keys in order, each once: the order chunks are read in.
fn chunk_keys(keys: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut keys: Vec<u64> = keys.collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn kind_mismatch(chunk: u64, id: &RecordId) -> DecodeFailure {
    DecodeFailure { chunk, record_id: Some(id.to_string()), reason: KIND_MISMATCH.into() }
}

/// Decodes a chunk into the replica; its records of an indexed kind become resident. A chunk with
/// a record that failed to decode, or that disagrees with the replica on its kind, is marked
/// damaged: it is kept as it is, never compacted away. A chunk listed already (an indexed kind's,
/// read again to load the kind whole) gives its records only: it was listed, and its damage
/// reported, when it was first read.
fn absorb_chunk(
    replica: &mut Replica,
    chunks: &mut Vec<ChunkInfo>,
    failures: &mut Vec<DecodeFailure>,
    located: &mut IdKeyMap<u64>,
    chunk: &StoredChunk,
    now_ms: u64,
) {
    let mut d = decode_chunk(chunk);
    if !located.is_empty() {
        for r in &d.records {
            located.remove(&r.id.key());
        }
    }
    let refused = replica.absorb(d.records, now_ms);
    if chunks.iter().any(|c| c.key == chunk.key) {
        return;
    }
    for id in refused {
        d.failures.push(kind_mismatch(chunk.key, &id));
    }
    chunks.push(ChunkInfo {
        key: chunk.key,
        kind: chunk.kind.clone(),
        count: chunk.count,
        damaged: !d.failures.is_empty(),
    });
    failures.extend(d.failures);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chunk::NewChunk;
    use crate::memory::{block_on, MemoryStore};
    use dangjian_core::record::kind;
    use serde_json::json;
    use std::rc::Rc;

    fn station(n: u8) -> StationId {
        StationId::from_random([n; 8])
    }

    fn rid(n: u32) -> RecordId {
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&n.to_be_bytes());
        RecordId::from_random(b)
    }

    fn create(n: u32, name: &str) -> Edit {
        Edit::Create { id: rid(n), kind: kind::ORG.into(), fields: vec![("name".into(), json!(name))] }
    }

    fn rename(n: u32, name: &str) -> Edit {
        Edit::Update { id: rid(n), fields: vec![("name".into(), json!(name))] }
    }

    /// Two tabs of one station share one store.
    impl ChunkStore for Rc<MemoryStore> {
        async fn list(&self) -> Result<Listing, StoreError> {
            (**self).list().await
        }
        async fn read(&self, keys: &[u64], visit: &mut dyn FnMut(StoredChunk)) -> Result<(), StoreError> {
            (**self).read(keys, visit).await
        }
        async fn append<F>(
            &self,
            after: u64,
            epoch: &str,
            meta: Meta<'_>,
            build: F,
        ) -> Result<(Vec<StoredChunk>, Vec<u64>), StoreError>
        where
            F: FnOnce(&[StoredChunk], &mut dyn FnMut(NewChunk) -> Result<(), StoreError>) -> Result<(), StoreError>,
        {
            (**self).append(after, epoch, meta, build).await
        }
        async fn replace(
            &self,
            expect: Option<&str>,
            remove: &[u64],
            add: Vec<NewChunk>,
            meta: Meta<'_>,
        ) -> Result<(Vec<u64>, String), StoreError> {
            (**self).replace(expect, remove, add, meta).await
        }
        fn take_emptied(&self) -> bool {
            (**self).take_emptied()
        }
    }

    /// The whole state, as `exchange::format::state_hash` names it.
    fn hash_of<S: ChunkStore>(ws: &Workspace<S>) -> String {
        dangjian_exchange::format::state_hash(ws.replica().records())
    }

    #[test]
    fn an_import_and_its_undo_are_one_write_each_and_the_undo_leaves_no_trace_in_the_chunks() {
        use dangjian_core::station::{StationLevel, StationProfile};
        use dangjian_exchange::export::{export, Scope};
        use dangjian_exchange::plan::preview;
        use dangjian_exchange::read::parse;
        use dangjian_exchange::undo::{plan_undo, ImportUndo};
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        block_on(ws.commit(vec![create(1, "甲"), create(2, "乙")], 1_000)).unwrap();
        // Another station took a copy, renamed one organization and made one.
        let mut other = Replica::new(station(2));
        other.absorb(ws.replica().records().cloned(), 2_000);
        let staged = other.stage(vec![rename(1, "甲二"), create(3, "丙")], 2_000, &[]).unwrap();
        other.absorb(staged, 2_000);
        let profile = StationProfile { id: station(2), name: "坪塘镇".into(), level: StationLevel::Township };
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let file = export(other.records(), &profile, &Scope::Station, 2_000, day).unwrap();
        let parsed = parse(&file.bytes).unwrap();
        let plan = preview(ws.replica(), &parsed, 3_000);
        assert_eq!((plan.totals().new, plan.totals().updated, plan.totals().unchanged), (1, 1, 1));
        let before = hash_of(&ws);
        let undo = serde_json::to_string(&ImportUndo::of(&plan, &file.file_name)).unwrap();
        let meta = [("exchange_undo", undo.as_str()), ("exchange_log", "[1]")];

        // A failed write stores neither the records nor the log and undo.
        store.fail_next_write(StoreError::QuotaExceeded);
        assert!(block_on(ws.write_records_noting(plan.to_write.clone(), &meta)).is_err());
        assert_eq!((store.meta("exchange_undo"), hash_of(&ws)), (None, before.clone()));

        let written = block_on(ws.write_records_noting(plan.to_write.clone(), &meta)).unwrap();
        ws.settle(written, 3_000);
        assert_eq!(store.meta("exchange_undo").as_deref(), Some(undo.as_str()));
        assert_eq!(store.meta("exchange_log").as_deref(), Some("[1]"));
        assert_eq!(hash_of(&ws), dangjian_exchange::format::state_hash(other.records()));

        let kept: ImportUndo = serde_json::from_str(&store.meta("exchange_undo").unwrap()).unwrap();
        let restore = plan_undo(&kept, ws.replica()).unwrap();
        // A kind not read into memory can't be rewritten from it.
        let mut diary = restore.kinds.clone();
        diary.insert(kind::DIARY.to_string());
        let refused = block_on(ws.write_restore(restore.records.clone(), restore.remove.clone(), &diary, &[]));
        assert!(refused.is_err());
        block_on(ws.restore(restore.records, restore.remove, &restore.kinds, &[("exchange_undo", "")], 4_000)).unwrap();
        assert_eq!(hash_of(&ws), before, "exactly as before the import");
        assert_eq!(store.meta("exchange_undo").as_deref(), Some(""));
        let reopened = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 5_000)).unwrap();
        assert_eq!(hash_of(&reopened), before);
        let stored = String::from_utf8(store.chunks_raw().concat()).unwrap();
        assert!(!stored.contains("甲二") && !stored.contains("丙"), "no chunk keeps the import's writes");

        // Undo is local: the same file brings the changes back.
        let again = preview(ws.replica(), &parsed, 6_000);
        assert_eq!((again.totals().new, again.totals().updated), (1, 1));
        block_on(ws.commit(vec![rename(2, "乙二")], 6_000)).unwrap();
        let written = block_on(ws.write_records_noting(again.to_write, &[])).unwrap();
        ws.settle(written, 6_000);
        let r1 = ws.replica().get(&rid(1)).unwrap();
        assert_eq!((r1.text("name"), ws.replica().get(&rid(2)).unwrap().text("name")), (Some("甲二"), Some("乙二")));
    }

    #[test]
    fn committed_records_are_there_after_reopening() {
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        block_on(ws.commit(vec![create(1, "山塘村党支部")], 1_000)).unwrap();
        let again = block_on(Workspace::open(store, station(1), &[kind::ORG], 2_000)).unwrap();
        assert_eq!(again.replica().get(&rid(1)).unwrap().text("name"), Some("山塘村党支部"));
    }

    #[test]
    fn a_failed_write_leaves_store_and_memory_as_they_were() {
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        block_on(ws.commit(vec![create(1, "甲")], 1_000)).unwrap();
        store.fail_next_write(StoreError::QuotaExceeded);
        let err = block_on(ws.commit(vec![rename(1, "乙"), create(2, "丙")], 2_000)).unwrap_err();
        assert_eq!(err, StoreError::QuotaExceeded);
        assert_eq!(ws.replica().get(&rid(1)).unwrap().text("name"), Some("甲"));
        assert!(ws.replica().get(&rid(2)).is_none());
        assert_eq!(store.chunk_count(), 1);
        // The same save works once there is room again.
        block_on(ws.commit(vec![rename(1, "乙")], 3_000)).unwrap();
        assert_eq!(ws.replica().get(&rid(1)).unwrap().text("name"), Some("乙"));
    }

    #[test]
    fn a_store_emptied_under_the_page_is_rewritten_from_memory_on_the_next_save() {
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        block_on(ws.commit(vec![create(1, "甲"), create(2, "乙")], 1_000)).unwrap();
        block_on(ws.commit(vec![rename(2, "乙二")], 1_500)).unwrap();
        // A diary chunk this page never read: lost with the database, and counted.
        store.put_raw("diary", 0, "[]");
        block_on(ws.catch_up(1_600)).unwrap();
        store.empty_out();
        block_on(ws.commit(vec![create(3, "丙")], 2_000)).unwrap();
        assert_eq!(ws.take_rewritten(), Some(Rewritten { lost_unread_chunks: 1, lost_indexed_records: 0 }));
        assert_eq!(ws.take_rewritten(), None, "asking clears it");
        let again = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 3_000)).unwrap();
        let names: Vec<_> = [1, 2, 3].iter().map(|&n| again.replica().get(&rid(n)).unwrap().text("name")).collect();
        assert_eq!(names, [Some("甲"), Some("乙二"), Some("丙")]);
        // Saving goes on normally against the new store's keys.
        block_on(ws.commit(vec![rename(1, "甲二")], 4_000)).unwrap();
        assert_eq!(ws.take_rewritten(), None);
        let again = block_on(Workspace::open(store, station(1), &[kind::ORG], 5_000)).unwrap();
        assert_eq!(again.replica().get(&rid(1)).unwrap().text("name"), Some("甲二"));
        assert_eq!(again.replica().len(), 3);
    }

    #[test]
    fn a_refused_edit_writes_nothing() {
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        let err = block_on(ws.commit(vec![create(1, "甲"), rename(2, "无")], 1_000)).unwrap_err();
        assert!(matches!(err, StoreError::UnknownRecord(_)));
        assert_eq!(store.chunk_count(), 0);
        assert!(ws.replica().is_empty());
    }

    #[test]
    fn two_tabs_of_one_station_do_not_overwrite_each_other() {
        let store = Rc::new(MemoryStore::new());
        let mut tab_a = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        let mut tab_b = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        block_on(tab_a.commit(vec![create(1, "甲支部")], 5_000)).unwrap();
        // Tab B has not caught up and saves in the same millisecond: its edit still builds on A's.
        block_on(tab_b.commit(vec![create(2, "乙支部"), rename(1, "甲村党支部")], 5_000)).unwrap();
        block_on(tab_a.catch_up(5_000)).unwrap();
        let a1 = tab_a.replica().get(&rid(1)).unwrap();
        assert_eq!(a1.text("name"), Some("甲村党支部"));
        assert_eq!(a1.conflicts().count(), 0, "same station, sequential edits");
        assert_eq!(tab_a.replica().get(&rid(2)).unwrap().text("name"), Some("乙支部"));
        let fresh = block_on(Workspace::open(store, station(1), &[kind::ORG], 6_000)).unwrap();
        assert_eq!(fresh.replica().len(), 2);
        let stamps: Vec<_> = fresh.replica().records().flat_map(|r| r.clocks().collect::<Vec<_>>()).collect();
        let mut unique = stamps.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), stamps.len(), "no two writes share a stamp");
    }

    #[test]
    fn a_damaged_record_is_reported_kept_and_the_rest_opens() {
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        block_on(ws.commit(vec![create(1, "甲")], 1_000)).unwrap();
        let bad =
            store.put_raw(kind::ORG, 1, r#"[{"id":"11111111-2222-4333-8444-555555555555","k":"org","f":"broken"}]"#);
        let ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 2_000)).unwrap();
        assert_eq!(ws.replica().len(), 1);
        assert_eq!(ws.failures().len(), 1);
        assert_eq!(ws.failures()[0].record_id.as_deref(), Some("11111111-2222-4333-8444-555555555555"));
        assert_eq!(ws.failures()[0].chunk, bad);
    }

    #[test]
    fn compaction_keeps_every_record_and_damaged_chunks() {
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        for n in 0..80 {
            block_on(ws.commit(vec![create(n, &format!("支部{n}"))], 1_000 + n as u64)).unwrap();
        }
        block_on(ws.commit(vec![Edit::Delete { id: rid(3) }], 2_000)).unwrap();
        store.put_raw(kind::ORG, 1, "not json");
        block_on(ws.catch_up(2_000)).unwrap();
        let before: Vec<Record> = {
            let mut v: Vec<Record> = ws.replica().records().cloned().collect();
            v.sort_by(|a, b| a.id.cmp(&b.id));
            v
        };
        let replaced = block_on(ws.compact(9_000)).unwrap();
        assert_eq!(replaced, 81);
        assert_eq!(store.chunk_count(), 2, "one full chunk and the damaged one");
        let reopened = block_on(Workspace::open(store, station(1), &[kind::ORG], 3_000)).unwrap();
        let mut after: Vec<Record> = reopened.replica().records().cloned().collect();
        after.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(after, before);
        assert!(reopened.replica().get(&rid(3)).unwrap().is_deleted(), "tombstones survive compaction");
        assert_eq!(reopened.failures().len(), 1);
    }

    #[test]
    fn kinds_not_loaded_at_start_are_read_when_asked_for() {
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG, kind::DIARY], 1_000)).unwrap();
        let diary =
            Edit::Create {
                id: rid(50), kind: kind::DIARY.into(), fields: vec![("text".into(), json!("走访记录"))]
            };
        block_on(ws.commit(vec![create(1, "甲"), diary], 1_000)).unwrap();
        let mut lazy = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 2_000)).unwrap();
        assert_eq!(lazy.replica().len(), 1);
        assert!(!lazy.is_loaded(kind::DIARY));
        assert_eq!(lazy.chunk_count(), 2);
        // A diary written while diaries are not loaded is stored, not kept in memory.
        let another =
            Edit::Create { id: rid(51), kind: kind::DIARY.into(), fields: vec![("text".into(), json!("回访"))] };
        block_on(lazy.commit(vec![another], 2_000)).unwrap();
        assert_eq!(lazy.replica().len(), 1);
        let next = lazy.replica().stage(vec![create(60, "后来的")], 2_000, &[]).unwrap();
        let diary_stamp = block_on(async {
            let mut stamps = Vec::new();
            let keys: Vec<u64> = store.list().await.unwrap().chunks.into_iter().map(|c| c.key).collect();
            store
                .read(&keys, &mut |c| {
                    stamps.extend(decode_chunk(&c).records.iter().flat_map(|r| r.clocks().collect::<Vec<_>>()))
                })
                .await
                .unwrap();
            stamps.into_iter().max().unwrap()
        });
        assert!(next[0].clocks().all(|c| c > diary_stamp), "stamps come after the diaries written, loaded or not");
        block_on(lazy.load_kind(kind::DIARY, 2_000)).unwrap();
        assert_eq!(lazy.replica().get(&rid(50)).unwrap().text("text"), Some("走访记录"));
        assert_eq!(lazy.replica().get(&rid(51)).unwrap().text("text"), Some("回访"));
    }

    #[test]
    fn a_tab_that_saw_an_import_another_tab_undid_forgets_it_and_cannot_write_it_back() {
        let store = Rc::new(MemoryStore::new());
        let mut a = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        block_on(a.commit(vec![create(1, "甲"), create(2, "乙")], 1_000)).unwrap();
        let mut b = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_100)).unwrap();
        let before = hash_of(&a);
        // Tab A imports another station's rename and a new organization; tab B takes them in.
        let mut other = Replica::new(station(2));
        other.absorb(a.replica().records().cloned(), 2_000);
        let imported = other.stage(vec![rename(1, "甲二"), create(3, "丙")], 2_000, &[]).unwrap();
        let old_1 = a.replica().get(&rid(1)).unwrap().clone();
        let written = block_on(a.write_records_noting(imported, &[])).unwrap();
        a.settle(written, 2_000);
        block_on(b.catch_up(2_100)).unwrap();
        assert_eq!(b.replica().get(&rid(1)).unwrap().text("name"), Some("甲二"));

        // Tab A undoes it. Tab B saves before it has heard: refused, nothing written.
        let kinds: BTreeSet<String> = [kind::ORG.to_string()].into();
        block_on(a.restore(vec![old_1], vec![rid(3)], &kinds, &[], 3_000)).unwrap();
        assert_eq!(hash_of(&a), before);
        let chunks = store.chunk_count();
        let phone = Edit::Update { id: rid(1), fields: vec![("phone".into(), json!("0731-1"))] };
        assert_eq!(block_on(b.commit(vec![phone.clone()], 3_100)), Err(StoreError::Stale));
        assert_eq!(store.chunk_count(), chunks);

        // Once it has read the store again, it holds what A holds, and its save builds on that.
        block_on(b.catch_up(3_200)).unwrap();
        assert_eq!(hash_of(&b), before);
        block_on(b.commit(vec![phone], 3_300)).unwrap();
        let fresh = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 4_000)).unwrap();
        let r1 = fresh.replica().get(&rid(1)).unwrap();
        assert_eq!((r1.text("name"), r1.text("phone")), (Some("甲"), Some("0731-1")));
        assert!(fresh.replica().get(&rid(3)).is_none(), "the undone organization stays gone");
        // And A, which had not heard of B's save, takes it in as usual.
        block_on(a.catch_up(4_100)).unwrap();
        assert_eq!(hash_of(&a), hash_of(&fresh));
    }

    #[test]
    fn a_tab_finds_a_database_another_tab_rebuilt_though_its_keys_start_again() {
        let store = Rc::new(MemoryStore::new());
        let mut a = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        for n in 0..5 {
            block_on(a.commit(vec![create(n, &format!("支部{n}"))], 1_000 + n as u64)).unwrap();
        }
        let mut b = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_100)).unwrap();
        store.empty_out();
        // A's save rewrites everything from its memory (keys 1, 2), then adds its edit.
        block_on(a.commit(vec![rename(0, "改名")], 2_000)).unwrap();
        assert!(a.take_rewritten().is_some());
        block_on(a.commit(vec![create(9, "新支部")], 2_100)).unwrap();
        // B's last key (5) is above every new key, yet it sees A's saves.
        block_on(b.catch_up(2_200)).unwrap();
        assert_eq!(hash_of(&b), hash_of(&a));
        assert_eq!(b.replica().get(&rid(0)).unwrap().text("name"), Some("改名"));
        block_on(b.commit(vec![rename(9, "新支部二")], 2_300)).unwrap();
        block_on(a.catch_up(2_400)).unwrap();
        assert_eq!(a.replica().get(&rid(9)).unwrap().text("name"), Some("新支部二"));
    }

    #[test]
    fn compaction_does_not_skip_what_another_tab_saved_meanwhile() {
        let store = Rc::new(MemoryStore::new());
        let mut b = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 1_000)).unwrap();
        for n in 0..70 {
            block_on(b.commit(vec![create(n, &format!("支部{n}"))], 1_000 + n as u64)).unwrap();
        }
        let mut a = block_on(Workspace::open(store.clone(), station(1), &[kind::ORG], 2_000)).unwrap();
        let phone = Edit::Update { id: rid(1), fields: vec![("phone".into(), json!("0731-1"))] };
        block_on(a.commit(vec![phone], 3_000)).unwrap();
        // B compacts before it has caught up with A's save.
        assert!(block_on(b.compact(9_000)).unwrap() > 0);
        assert_eq!(b.replica().get(&rid(1)).unwrap().text("phone"), Some("0731-1"));
        block_on(b.commit(vec![rename(1, "改名")], 5_000)).unwrap();
        let fresh = block_on(Workspace::open(store, station(1), &[kind::ORG], 6_000)).unwrap();
        let r = fresh.replica().get(&rid(1)).unwrap();
        assert_eq!((r.text("name"), r.text("phone")), (Some("改名"), Some("0731-1")));
    }

    #[test]
    fn a_copy_that_disagrees_on_the_kind_is_kept_apart_and_survives_compaction() {
        let (here, other) = (station(1), station(2));
        let store = Rc::new(MemoryStore::new());
        let mut ws = block_on(Workspace::open(store.clone(), here, &[kind::ORG, kind::MEMBER], 1_000)).unwrap();
        for n in 0..70 {
            block_on(ws.commit(vec![create(n, &format!("支部{n}"))], 1_000 + n as u64)).unwrap();
        }
        let mut foreign = Record::new(rid(5), kind::MEMBER, other);
        foreign.set("phone", json!("1"), dangjian_core::clock::Hlc::new(5_000, 0), &other);
        let written = block_on(ws.write_records(vec![foreign])).unwrap();
        ws.settle(written, 6_000);
        assert_eq!(ws.replica().get(&rid(5)).unwrap().kind, kind::ORG);
        assert_eq!(ws.failures().len(), 1);
        block_on(ws.compact(9_000)).unwrap();
        // Reopened, the copy read first is shown and the other is reported; both stay stored.
        let again = block_on(Workspace::open(store.clone(), here, &[kind::ORG, kind::MEMBER], 7_000)).unwrap();
        assert_eq!(again.failures().len(), 1);
        assert_eq!(again.failures()[0].record_id.as_deref(), Some(rid(5).as_str()));
        let stored: Vec<Record> = block_on(async {
            let keys: Vec<u64> = store.list().await.unwrap().chunks.into_iter().map(|c| c.key).collect();
            let mut all = Vec::new();
            store.read(&keys, &mut |c| all.extend(decode_chunk(&c).records)).await.unwrap();
            all.extend(
                store
                    .chunks_raw()
                    .iter()
                    .flat_map(|body| serde_json::from_slice::<Vec<Record>>(body).unwrap_or_default()),
            );
            all
        });
        let copies: Vec<&Record> = stored.iter().filter(|r| r.id == rid(5)).collect();
        assert!(copies.iter().any(|r| r.kind == kind::ORG && r.text("name") == Some("支部5")), "the org copy is kept");
        assert!(
            copies.iter().any(|r| r.kind == kind::MEMBER && r.text("phone") == Some("1")),
            "the foreign copy is kept"
        );
    }
}
