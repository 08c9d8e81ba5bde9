//! An index read kept between sessions. Indexing a county's diaries means reading and decoding
//! every one of their chunks (half a gigabyte of JSON, many seconds); the app keeps its index,
//! and beside it this seed: what `read_indexed` learnt of the kind (which chunks it covered, where
//! each record stored once is, which are stored more than once, the newest stamps). The next
//! session starts from both and reads only the chunks written since.
//!
//! A seed fits only the store it was made from: the same epoch (no chunk removed since: every
//! `replace` makes a new one), the same station, and every chunk it covered still unread here.
//! Anything else, and the kind is read whole as before.

use super::indexed::Stamps;
use super::{IndexRead, Workspace};
use crate::ChunkStore;
use dangjian_core::bin::{BinReader, BinWriter};
use dangjian_core::record::IdKeyMap;
use dangjian_core::station::StationId;

/// Locations a part of a seed holds (3.6 MB): a part is held in memory at once while read.
const LOCATED_PER_PART: usize = 150_000;

const HEAD: u8 = b'H';
const LOCATED: u8 = b'L';

/// A seed as read back, part by part (`take_part`).
#[derive(Default)]
pub struct IndexSeed {
    pub(super) kind: String,
    epoch: String,
    station: Option<StationId>,
    /// Key and record count of each chunk covered, in key order.
    pub(super) chunks: Vec<(u64, u32)>,
    pub(super) located: IdKeyMap<u64>,
    pub(super) copies: IdKeyMap<Vec<u64>>,
    pub(super) stamps: Stamps,
    /// Locations the head promised, and those the parts held.
    promised: usize,
    /// Bytes of all the parts to come.
    room: usize,
}

impl IndexSeed {
    /// A seed to be read from parts of `bytes` bytes in all: its map is made at its size at once.
    pub fn with_room(bytes: usize) -> IndexSeed {
        IndexSeed { room: bytes, ..IndexSeed::default() }
    }

    /// Takes one part written by `IndexRead::seed_parts`; `None` if it is not one, or damaged.
    pub fn take_part(&mut self, bytes: &[u8]) -> Option<()> {
        let mut r = BinReader::new(bytes);
        match r.u8()? {
            HEAD => self.take_head(&mut r)?,
            LOCATED => {
                if r.str()? != self.kind {
                    return None;
                }
                let n = r.len_of(24)?;
                self.located.reserve(n);
                for _ in 0..n {
                    self.located.insert(r.key()?, r.u64()?);
                }
            }
            _ => return None,
        }
        r.is_done().then_some(())
    }

    fn take_head(&mut self, r: &mut BinReader) -> Option<()> {
        self.kind = r.str()?.to_string();
        self.epoch = r.str()?.to_string();
        let station = r.station()?;
        self.station = Some(station);
        self.stamps.own = r.hlc()?;
        for _ in 0..r.len_of(16)? {
            let clock = r.hlc()?;
            self.stamps.others.push((clock, r.station()?));
        }
        let n = r.len_of(12)?;
        self.chunks = (0..n).map(|_| Some((r.u64()?, r.u32()?))).collect::<Option<_>>()?;
        if !self.chunks.is_sorted_by_key(|c| c.0) {
            return None;
        }
        for _ in 0..r.len_of(20)? {
            let id = r.key()?;
            let keys: Vec<u64> = (0..r.len_of(8)?).map(|_| r.u64()).collect::<Option<_>>()?;
            if keys.is_empty() {
                return None;
            }
            self.copies.insert(id, keys);
        }
        self.promised = r.u64()? as usize;
        // Room for every location at once, not grown by doubling; at most what the bytes read
        // could hold (`with_room`): a damaged count asks for no memory.
        self.located.reserve(self.promised.min(self.room / 24));
        Some(())
    }

    /// Whether every part was taken: the head, and all the locations it promised.
    pub fn is_whole(&self) -> bool {
        self.station.is_some() && self.located.len() == self.promised
    }
}

impl IndexRead {
    /// Whether the read can be kept as a seed: it read the store (not a loaded kind) and met no
    /// damage (a damaged chunk's records are reported when read; a seed would hide them).
    pub fn can_seed(&self) -> bool {
        !self.loaded && self.failures.is_empty()
    }

    /// The read as a seed, in parts of a few megabytes handed to `emit` one at a time (the caller
    /// keeps them outside wasm memory, which never shrinks).
    pub fn seed_parts(&self, emit: &mut dyn FnMut(Vec<u8>)) {
        let mut w = BinWriter::default();
        w.u8(HEAD);
        w.str(&self.kind);
        w.str(&self.epoch);
        w.station(self.station);
        w.hlc(self.stamps.own);
        w.len_of(self.stamps.others.len());
        for &(clock, station) in &self.stamps.others {
            w.hlc(clock);
            w.station(station);
        }
        let mut chunks: Vec<(u64, u32)> = self.chunks.iter().map(|c| (c.key, c.count)).collect();
        dangjian_core::sort::sort_by(&mut chunks, |a, b| a.0.cmp(&b.0));
        w.len_of(chunks.len());
        for (key, count) in chunks {
            w.u64(key);
            w.u32(count);
        }
        w.len_of(self.copies.len());
        for (id, keys) in &self.copies {
            w.key(*id);
            w.len_of(keys.len());
            for &k in keys {
                w.u64(k);
            }
        }
        w.u64(self.located.len() as u64);
        emit(w.into_bytes());
        let mut located = self.located.iter();
        loop {
            let part: Vec<_> = located.by_ref().take(LOCATED_PER_PART).collect();
            if part.is_empty() {
                break;
            }
            let mut w = BinWriter::with_capacity(part.len() * 24 + 64);
            w.u8(LOCATED);
            w.str(&self.kind);
            w.len_of(part.len());
            for (id, key) in part {
                w.key(*id);
                w.u64(*key);
            }
            emit(w.into_bytes());
        }
    }
}

impl<S: ChunkStore> Workspace<S> {
    /// Whether `seed` was made from this store as it is now, for a kind read neither whole nor by
    /// index yet: then `read_indexed` may start from it, and the app from the index kept with it.
    pub fn seed_fits(&self, seed: &IndexSeed) -> bool {
        seed.is_whole()
            && seed.epoch == self.epoch
            && seed.station == Some(*self.replica.station())
            && !self.is_loaded(&seed.kind)
            && !self.is_indexed(&seed.kind)
            && seed.chunks.iter().all(|(key, _)| self.unread.iter().any(|c| c.key == *key && c.kind == seed.kind))
    }
}
