//! What the store's integration tests share.

use dangjian_store::chunk::{NewChunk, StoredChunk};
use dangjian_store::memory::MemoryStore;
use dangjian_store::{ChunkStore, Listing, Meta, StoreError};
use std::rc::Rc;

/// One store shared by several workspaces: two tabs of one station, or a page reopened.
#[derive(Clone)]
pub struct Shared(Rc<MemoryStore>);

impl Shared {
    pub fn new() -> Shared {
        Shared(Rc::new(MemoryStore::new()))
    }
}

impl std::ops::Deref for Shared {
    type Target = MemoryStore;
    fn deref(&self) -> &MemoryStore {
        &self.0
    }
}

impl ChunkStore for Shared {
    async fn list(&self) -> Result<Listing, StoreError> {
        self.0.list().await
    }
    async fn read(&self, keys: &[u64], visit: &mut dyn FnMut(StoredChunk)) -> Result<(), StoreError> {
        self.0.read(keys, visit).await
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
        self.0.append(after, epoch, meta, build).await
    }
    async fn replace(
        &self,
        expect: Option<&str>,
        remove: &[u64],
        add: Vec<NewChunk>,
        meta: Meta<'_>,
    ) -> Result<(Vec<u64>, String), StoreError> {
        self.0.replace(expect, remove, add, meta).await
    }
    fn take_emptied(&self) -> bool {
        self.0.take_emptied()
    }
}
