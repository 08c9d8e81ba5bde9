//! Persistence. A station's records live as chunks (see `chunk`) in a `ChunkStore`: IndexedDB in
//! the browser (`dangjian-web`), memory in native tests. `Workspace` is the one place that turns edits into
//! stored records, the same over either store.

pub mod chunk;
pub mod memory;
pub mod workspace;

use chunk::{NewChunk, StoredChunk};
use std::fmt;

/// Why the store could not do what was asked. Whatever the error, a failed write has written
/// nothing: every write is one transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota or the disk is full.
    QuotaExceeded,
    /// The browser keeps no storage for this page (private window, storage switched off).
    Unavailable(String),
    /// A newer version of the app has upgraded the database; this one cannot read it.
    NewerSchema { found: u32, known: u32 },
    /// An edit named a record that does not exist here (its id).
    UnknownRecord(String),
    /// An edit created a record whose id exists already (its id).
    RecordExists(String),
    /// Another tab rewrote chunks (compaction, the undo of an import) or the browser deleted
    /// the database since this tab last read the store, or wrote a copy of a record that this
    /// tab holds only by index (`Workspace::read_indexed`): nothing was written, and the tab must
    /// read the store again (`Workspace::fetch_new` does) before it saves.
    Stale,
    /// Anything else the browser reported, with its own words for the log.
    Failed(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Values kept beside the chunks (key, value), written in the same transaction as a write's
/// chunks: the import log and the undo of the last import go in with the import's records.
pub type Meta<'a> = &'a [(&'a str, &'a str)];

/// A chunk as the listing names it: its key, its kind and how many records it holds (known before
/// any chunk is read, so a kind's lists are made at their size, not grown while it is read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub key: u64,
    pub kind: String,
    pub count: u32,
}

/// Every chunk's key, kind and count, in key order, and the store's epoch, read together.
///
/// The epoch names the chunks' current generation. Appending keeps it; every `replace` (which
/// removes chunks) and a new database make a new one. A tab whose epoch is not the store's may
/// hold in memory what is no longer stored (an import another tab undid) or may miss chunks
/// (a database rebuilt under it numbers its keys from the start), so it reads the store again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub chunks: Vec<Listed>,
    pub epoch: String,
}

/// Where chunks are kept. Every method that writes is atomic: all of it is stored, or none.
#[allow(async_fn_in_trait)] // the futures run on the browser's single thread; no Send needed
pub trait ChunkStore {
    /// Every chunk's key, kind and count, in key order, without reading any chunk's text; and the
    /// epoch.
    async fn list(&self) -> Result<Listing, StoreError>;

    /// Reads the chunks with these keys one at a time and hands each to `visit`, so only one
    /// chunk's text is held at once. A key no longer in the store (compacted meanwhile) is skipped.
    async fn read(&self, keys: &[u64], visit: &mut dyn FnMut(StoredChunk)) -> Result<(), StoreError>;

    /// In one transaction: reads the chunks written since `after`, hands them to `build`, and
    /// appends the chunks `build` passes to its sink, each as soon as it is passed (so the browser
    /// writes one while the next is encoded). Building inside the transaction means two tabs of
    /// one station never stamp two different writes with the same clock. `build` returning an
    /// error writes nothing. `meta` values are put in the same transaction. Returns the chunks
    /// read and the keys given to the new ones. Refused with `Stale`, writing nothing, if the
    /// store's epoch is not `epoch` (unless the store was just found emptied: see `take_emptied`).
    async fn append<F>(
        &self,
        after: u64,
        epoch: &str,
        meta: Meta<'_>,
        build: F,
    ) -> Result<(Vec<StoredChunk>, Vec<u64>), StoreError>
    where
        F: FnOnce(&[StoredChunk], &mut dyn FnMut(NewChunk) -> Result<(), StoreError>) -> Result<(), StoreError>;

    /// In one transaction: removes the chunks `remove`, adds `add`, puts the `meta` values
    /// (compaction, the undo of an import) and starts a new epoch, which it returns with the new
    /// chunks' keys. With `expect`, refused with `Stale` if the store's epoch is another.
    async fn replace(
        &self,
        expect: Option<&str>,
        remove: &[u64],
        add: Vec<NewChunk>,
        meta: Meta<'_>,
    ) -> Result<(Vec<u64>, String), StoreError>;

    /// Whether the store was found emptied since it was opened: the browser deleted the
    /// database under the open page and the next operation made a new one. Chromium does this to
    /// an IndexedDB whose write failed on a full disk. Asking clears it.
    fn take_emptied(&self) -> bool {
        false
    }
}
