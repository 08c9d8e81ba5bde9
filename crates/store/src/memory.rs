//! A `ChunkStore` in memory, for native tests of everything above the browser. It can be told to
//! fail its next write, to test that a failed save leaves the station as it was.

use super::chunk::{NewChunk, StoredChunk};
use super::{ChunkStore, Listed, Listing, Meta, StoreError};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct MemoryStore {
    chunks: RefCell<Vec<StoredChunk>>,
    next_key: Cell<u64>,
    fail_next_write: RefCell<Option<StoreError>>,
    emptied: Cell<bool>,
    meta: RefCell<BTreeMap<String, String>>,
    epoch: Cell<u64>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore { next_key: Cell::new(1), ..Default::default() }
    }

    /// The next write fails with `error` and stores nothing, as a full disk would.
    pub fn fail_next_write(&self, error: StoreError) {
        *self.fail_next_write.borrow_mut() = Some(error);
    }

    /// Loses every chunk, as a browser deleting the database does (see `take_emptied`).
    pub fn empty_out(&self) {
        self.chunks.borrow_mut().clear();
        // A new database numbers its chunks from the start again.
        self.next_key.set(1);
        self.emptied.set(true);
        self.new_epoch();
    }

    /// A value kept beside the chunks (see `ChunkStore::append`).
    pub fn meta(&self, key: &str) -> Option<String> {
        self.meta.borrow().get(key).cloned()
    }

    fn put_meta(&self, meta: Meta<'_>) {
        let mut stored = self.meta.borrow_mut();
        for (key, value) in meta {
            stored.insert(key.to_string(), value.to_string());
        }
    }

    /// Every chunk's body as stored, for tests that look past the decoder.
    pub fn chunks_raw(&self) -> Vec<Vec<u8>> {
        self.chunks.borrow().iter().map(|c| c.body.clone()).collect()
    }

    pub fn chunk_count(&self) -> usize {
        self.chunks.borrow().len()
    }

    /// Adds a chunk as if an older version or another program had written it.
    pub fn put_raw(&self, kind: &str, count: u32, body: &str) -> u64 {
        let mut keys = self.add(vec![NewChunk { kind: kind.into(), count, body: body.as_bytes().to_vec() }]);
        keys.pop().expect("one key")
    }

    fn add(&self, chunks: Vec<NewChunk>) -> Vec<u64> {
        let mut stored = self.chunks.borrow_mut();
        chunks
            .into_iter()
            .map(|c| {
                let key = self.next_key.get();
                self.next_key.set(key + 1);
                stored.push(StoredChunk { key, kind: c.kind, count: c.count, body: c.body });
                key
            })
            .collect()
    }

    fn new_epoch(&self) -> String {
        self.epoch.set(self.epoch.get() + 1);
        self.epoch_text()
    }

    fn epoch_text(&self) -> String {
        format!("m{}", self.epoch.get())
    }

    /// `Stale` unless the store is at `epoch`; a store just emptied takes any (its page rewrites it).
    fn check_epoch(&self, epoch: &str) -> Result<(), StoreError> {
        if self.epoch_text() == epoch || self.emptied.get() {
            Ok(())
        } else {
            Err(StoreError::Stale)
        }
    }

    fn take_failure(&self) -> Result<(), StoreError> {
        match self.fail_next_write.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl ChunkStore for MemoryStore {
    async fn list(&self) -> Result<Listing, StoreError> {
        let chunks =
            self.chunks.borrow().iter().map(|c| Listed { key: c.key, kind: c.kind.clone(), count: c.count }).collect();
        Ok(Listing { chunks, epoch: self.epoch_text() })
    }

    async fn read(&self, keys: &[u64], visit: &mut dyn FnMut(StoredChunk)) -> Result<(), StoreError> {
        // Copies of the chunks asked for only (a county's store is hundreds of megabytes), taken
        // before visiting so no borrow is held meanwhile.
        let chunks: Vec<StoredChunk> = self.chunks.borrow().iter().filter(|c| keys.contains(&c.key)).cloned().collect();
        for chunk in chunks {
            visit(chunk);
        }
        Ok(())
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
        self.check_epoch(epoch)?;
        let others: Vec<StoredChunk> = self.chunks.borrow().iter().filter(|c| c.key > after).cloned().collect();
        let mut new = Vec::new();
        build(&others, &mut |c| {
            new.push(c);
            Ok(())
        })?;
        self.take_failure()?;
        self.put_meta(meta);
        Ok((others, self.add(new)))
    }

    async fn replace(
        &self,
        expect: Option<&str>,
        remove: &[u64],
        add: Vec<NewChunk>,
        meta: Meta<'_>,
    ) -> Result<(Vec<u64>, String), StoreError> {
        if let Some(epoch) = expect {
            self.check_epoch(epoch)?;
        }
        self.take_failure()?;
        self.chunks.borrow_mut().retain(|c| !remove.contains(&c.key));
        self.put_meta(meta);
        Ok((self.add(add), self.new_epoch()))
    }

    fn take_emptied(&self) -> bool {
        self.emptied.replace(false)
    }
}

/// Runs a future whose every await is already ready (all of `MemoryStore`'s are), so native
/// tests need no async runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("block_on is only for futures that never wait"),
    }
}
