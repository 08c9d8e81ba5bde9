//! `ChunkStore` on IndexedDB.
//!
//! Schema (the database version is the schema version; each migration step runs once, in order,
//! when a page with a newer version first opens the database):
//! 1. object store `chunks` (auto-increment keys), values `{kind, count, body}` (`body` the JSON
//!    text as a string; since version 2 written as UTF-8 bytes, and both are read).
//! 2. index `kind` on `chunks` (so a kind can wait until needed), object store `meta` (the station
//!    profile, kept beside the data so clearing only the settings does not orphan the records).
//! 3. index `kind_count` on `chunks` (`[kind, count]`): the listing reads each chunk's record
//!    count with its kind, so a county's diaries are indexed into lists made at their size.

use dangjian_store::chunk::{NewChunk, StoredChunk};
use dangjian_store::{ChunkStore, Listed, Listing, Meta, StoreError};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

pub const DB_NAME: &str = "dangjian";
pub const SCHEMA_VERSION: u32 = 3;
const CHUNKS: &str = "chunks";
const META: &str = "meta";
const KIND_INDEX: &str = "kind";
const KIND_COUNT_INDEX: &str = "kind_count";
/// The `meta` key of the chunks' epoch (see `Listing`).
const EPOCH_KEY: &str = "chunks_epoch";

// Promises over IndexedDB's events. Everything else is done from Rust through web-sys.
#[wasm_bindgen(inline_js = r#"
export function openDb(name, version, upgrade, blocked) {
  return new Promise((resolve, reject) => {
    let req;
    try { req = indexedDB.open(name, version); } catch (e) { reject(e); return; }
    // Another tab holds an older version open: the open waits until it lets go.
    req.onblocked = () => { if (blocked) blocked(); };
    req.onupgradeneeded = (ev) => {
      try { upgrade(req.result, ev.oldVersion, req.transaction); }
      catch (e) { req.transaction.abort(); reject(e); }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
export function requestDone(req) {
  return new Promise((resolve, reject) => {
    // Awaited after it finished (another request was awaited first): its event has gone by.
    if (req.readyState === 'done') { if (req.error) reject(req.error); else resolve(req.result); return; }
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
export function writeTransaction(db, stores) {
  // Strict: a saved record must survive a power cut on a village PC.
  return db.transaction(stores, 'readwrite', { durability: 'strict' });
}
export function transactionDone(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error || new DOMException('transaction aborted', 'AbortError'));
  });
}
export function errorName(e) {
  return (e && e.name) ? String(e.name) : '';
}
export function errorText(e) {
  return (e && e.message) ? String(e.message) : String(e);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = openDb)]
    fn open_db(
        name: &str,
        version: u32,
        upgrade: &Closure<dyn FnMut(IdbDatabase, u32, IdbTransaction) -> Result<(), JsValue>>,
        blocked: Option<&js_sys::Function>,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = requestDone)]
    fn request_done(req: &IdbRequest) -> js_sys::Promise;
    #[wasm_bindgen(js_name = writeTransaction, catch)]
    fn write_transaction(db: &IdbDatabase, stores: &Array) -> Result<IdbTransaction, JsValue>;
    #[wasm_bindgen(js_name = transactionDone)]
    fn transaction_done(tx: &IdbTransaction) -> js_sys::Promise;
    #[wasm_bindgen(js_name = errorName)]
    fn error_name(e: &JsValue) -> String;
    #[wasm_bindgen(js_name = errorText)]
    fn error_text(e: &JsValue) -> String;
}

/// Turns what the browser threw into a `StoreError` the UI can word in Chinese.
pub fn store_error(e: &JsValue) -> StoreError {
    let text = error_text(e);
    // A full disk reaches a page as QuotaExceededError, or in Chromium as an UnknownError naming
    // the file system's "no space" error, or (for values stored as blobs) as a DataError
    // "Failed to write blobs (IOError)".
    if text.contains("NO_SPACE") || text.contains("No space") || text.contains("Failed to write blobs") {
        return StoreError::QuotaExceeded;
    }
    match error_name(e).as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "VersionError" => StoreError::NewerSchema { found: 0, known: SCHEMA_VERSION },
        "InvalidStateError" | "SecurityError" | "UnknownError" if !has_indexed_db() => {
            StoreError::Unavailable(error_text(e))
        }
        "SecurityError" => StoreError::Unavailable(error_text(e)),
        name => StoreError::Failed(format!("{name}: {}", error_text(e))),
    }
}

fn has_indexed_db() -> bool {
    web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).is_some()
}

async fn done(req: &IdbRequest) -> Result<JsValue, StoreError> {
    JsFuture::from(request_done(req)).await.map_err(|e| store_error(&e))
}

fn js<T>(r: Result<T, JsValue>) -> Result<T, StoreError> {
    r.map_err(|e| store_error(&e))
}

/// The migration steps, in order; step `n` brings a database of version `n - 1` to version `n`.
fn migrate(db: &IdbDatabase, old_version: u32, tx: &IdbTransaction) -> Result<(), JsValue> {
    if old_version < 1 {
        let params = web_sys::IdbObjectStoreParameters::new();
        params.set_auto_increment(true);
        db.create_object_store_with_optional_parameters(CHUNKS, &params)?;
    }
    if old_version < 2 {
        tx.object_store(CHUNKS)?.create_index_with_str(KIND_INDEX, "kind")?;
        db.create_object_store(META)?;
        // A database made anew (the browser deleted the old one) differs from the old one's
        // epoch, so every open tab reads it again.
        tx.object_store(META)?.put_with_key(&JsValue::from_str(&new_epoch()), &JsValue::from_str(EPOCH_KEY))?;
    }
    if old_version < 3 {
        let path: Array = ["kind", "count"].iter().map(|f| JsValue::from_str(f)).collect();
        let chunks = tx.object_store(CHUNKS)?;
        chunks.create_index_with_str_sequence(KIND_COUNT_INDEX, &path)?;
        // The listing reads the new index alone; the old one would only cost every write.
        chunks.delete_index(KIND_INDEX)?;
    }
    Ok(())
}

/// A new epoch: unique enough that two databases or two rewrites never share one.
fn new_epoch() -> String {
    let random = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    format!("{:x}-{random:x}", js_sys::Date::now() as u64)
}

pub struct IdbStore {
    name: String,
    /// Chromium closes the connection after an I/O error (a full disk); the next operation
    /// opens a new one, so freeing space is enough to save again, without a reload.
    db: std::cell::RefCell<IdbDatabase>,
    /// A reconnection had to create the database: the browser deleted it under the page.
    emptied: std::cell::Cell<bool>,
}

thread_local! {
    static NEWER_VERSION: std::cell::RefCell<Option<Box<dyn Fn()>>> = const { std::cell::RefCell::new(None) };
}

/// Calls `f` when another tab opens the database at a newer version: this tab's connection is
/// closed by then, and it must be reloaded (to the newer app) before it saves again.
pub fn when_newer_version(f: impl Fn() + 'static) {
    NEWER_VERSION.with(|slot| *slot.borrow_mut() = Some(Box::new(f)));
}

impl IdbStore {
    /// Opens the app's database. `waiting` is called if another tab holds an older version open,
    /// so this one's upgrade waits for it to let go (the page says so, not just "opening").
    pub async fn open(waiting: impl Fn() + 'static) -> Result<IdbStore, StoreError> {
        IdbStore::open_waiting(DB_NAME, Some(Closure::<dyn Fn()>::new(waiting))).await
    }

    /// Opens (creating or upgrading) a database; tests use their own names.
    pub async fn open_named(name: &str) -> Result<IdbStore, StoreError> {
        IdbStore::open_waiting(name, None).await
    }

    async fn open_waiting(name: &str, waiting: Option<Closure<dyn Fn()>>) -> Result<IdbStore, StoreError> {
        if !has_indexed_db() {
            return Err(StoreError::Unavailable("indexedDB".into()));
        }
        let (db, _) = IdbStore::connect(name, waiting.as_ref().map(|w| w.as_ref().unchecked_ref())).await?;
        Ok(IdbStore { name: name.to_string(), db: std::cell::RefCell::new(db), emptied: std::cell::Cell::new(false) })
    }

    /// Opens the database; also says whether it had to be created.
    async fn connect(name: &str, waiting: Option<&js_sys::Function>) -> Result<(IdbDatabase, bool), StoreError> {
        let created = std::rc::Rc::new(std::cell::Cell::new(false));
        let upgrade = Closure::<dyn FnMut(IdbDatabase, u32, IdbTransaction) -> Result<(), JsValue>>::new({
            let created = created.clone();
            move |db: IdbDatabase, old: u32, tx: IdbTransaction| {
                created.set(old == 0);
                migrate(&db, old, &tx)
            }
        });
        let db: IdbDatabase =
            js(JsFuture::from(open_db(name, SCHEMA_VERSION, &upgrade, waiting)).await)?.unchecked_into();
        // Another tab opening a newer version asks us to let go (or its upgrade would wait for this
        // tab): the connection is closed, and the page told (`when_newer_version`) to stop saving.
        let on_change = Closure::<dyn FnMut()>::new({
            let db = db.clone();
            move || {
                db.close();
                NEWER_VERSION.with(|f| {
                    if let Some(f) = f.borrow().as_ref() {
                        f();
                    }
                });
            }
        });
        db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        Ok((db, created.get()))
    }

    /// Starts a transaction, first reconnecting if the browser closed the connection.
    async fn transaction(&self, stores: &[&str], write: bool) -> Result<IdbTransaction, StoreError> {
        let names = Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        let start = |db: &IdbDatabase| {
            if write {
                write_transaction(db, &names)
            } else {
                db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readonly)
            }
        };
        let first = start(&self.db.borrow());
        match first {
            Ok(tx) => Ok(tx),
            Err(e) if error_name(&e) == "InvalidStateError" => {
                let (db, created) = IdbStore::connect(&self.name, None).await?;
                *self.db.borrow_mut() = db;
                if created {
                    self.emptied.set(true);
                }
                js(start(&self.db.borrow()))
            }
            Err(e) => Err(store_error(&e)),
        }
    }

    async fn read_store(&self, name: &str) -> Result<IdbObjectStore, StoreError> {
        js(self.transaction(&[name], false).await?.object_store(name))
    }

    /// Reads a value kept beside the data (the station profile).
    pub async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let store = self.read_store(META).await?;
        let value = done(&js(store.get(&JsValue::from_str(key)))?).await?;
        Ok(value.as_string())
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.transaction(&[META], true).await?;
        js(js(tx.object_store(META))?.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key)))?;
        js(JsFuture::from(transaction_done(&tx)).await).map(|_| ())
    }

    /// The parts of a value kept in `meta` under `name` (the diaries' index between sessions),
    /// if its header (written with them) is `header`; in the order written: the first ones
    /// (`keep_parts`), and the rest as a read already asked for in the same transaction (the
    /// same kept value), taken when the caller is ready for it (`LaterParts::take`). They stay in
    /// the JavaScript heap: the caller copies one at a time into wasm memory, which never shrinks.
    pub async fn kept_parts(&self, name: &str, header: &str) -> Result<Option<(Array, LaterParts)>, StoreError> {
        let tx = self.transaction(&[META], false).await?;
        let store = js(tx.object_store(META))?;
        let head = done(&js(store.get(&JsValue::from_str(name)))?).await?;
        let head = head.dyn_into::<Array>().ok().filter(|h| h.get(0).as_string().as_deref() == Some(header));
        let Some(first) = head.and_then(|h| h.get(1).as_f64()).filter(|n| *n >= 1.0 && n.fract() == 0.0) else {
            return Ok(None);
        };
        // A count of at least 1: getAll's 0 means every part.
        let first_parts = js(store.get_all_with_key_and_limit(&parts_range(name)?, first as u32))?;
        let rest = IdbKeyRange::bound(&JsValue::from_str(&part_key(name, first as usize)), &parts_end(name));
        let rest = js(store.get_all_with_key(&js(rest)?.into()))?;
        let parts = done(&first_parts).await?;
        Ok(Some((parts.unchecked_into(), LaterParts(rest))))
    }

    /// Keeps `parts` under `name` with their header, in place of any kept before, in one
    /// transaction: refused with `Stale`, writing nothing, if the store's epoch is not `epoch`
    /// (the chunks the parts stand for may be gone). `kept_parts` gives the `first` parts at once
    /// and the rest later.
    pub async fn keep_parts(
        &self,
        name: &str,
        header: &str,
        epoch: &str,
        parts: &[js_sys::Uint8Array],
        first: usize,
    ) -> Result<(), StoreError> {
        self.write_checked(&[META], Some(epoch), |tx| {
            let store = js(tx.object_store(META))?;
            js(store.delete(&parts_range(name)?))?;
            for (i, part) in parts.iter().enumerate() {
                js(store.put_with_key(part, &JsValue::from_str(&part_key(name, i))))?;
            }
            let head = Array::of2(&JsValue::from_str(header), &JsValue::from(first.min(parts.len()) as u32));
            js(store.put_with_key(&head, &JsValue::from_str(name)))?;
            Ok(())
        })
        .await
    }

    /// Removes what `keep_parts` kept under `name`.
    pub async fn forget_parts(&self, name: &str) -> Result<(), StoreError> {
        let tx = self.transaction(&[META], true).await?;
        let store = js(tx.object_store(META))?;
        js(store.delete(&parts_range(name)?))?;
        js(store.delete(&JsValue::from_str(name)))?;
        js(JsFuture::from(transaction_done(&tx)).await).map(|_| ())
    }

    /// Adds a chunk. The body is copied out of wasm memory first: a view into it would make the
    /// structured clone store the whole wasm memory, not the view's bytes.
    fn add_chunk(store: &IdbObjectStore, chunk: &NewChunk) -> Result<IdbRequest, StoreError> {
        let value = Object::new();
        js(Reflect::set(&value, &"kind".into(), &JsValue::from_str(&chunk.kind)))?;
        js(Reflect::set(&value, &"count".into(), &JsValue::from(chunk.count)))?;
        js(Reflect::set(&value, &"body".into(), &js_sys::Uint8Array::from(chunk.body.as_slice())))?;
        js(store.add(&value))
    }

    fn stored_chunk(key: u64, value: &JsValue) -> StoredChunk {
        let field = |name: &str| Reflect::get(value, &name.into()).unwrap_or(JsValue::UNDEFINED);
        StoredChunk {
            key,
            kind: field("kind").as_string().unwrap_or_default(),
            count: field("count").as_f64().unwrap_or(0.0) as u32,
            body: body_bytes(&field("body")),
        }
    }

    fn add_all(store: &IdbObjectStore, chunks: &[NewChunk]) -> Result<Vec<IdbRequest>, StoreError> {
        chunks.iter().map(|c| IdbStore::add_chunk(store, c)).collect()
    }

    /// `Stale` unless the store's epoch, read in `tx`, is `expect` (with none expected, or in a
    /// database just made anew, whose page is about to rewrite it, any epoch will do).
    async fn check_epoch(&self, tx: &IdbTransaction, expect: Option<&str>) -> Result<(), StoreError> {
        let Some(expect) = expect.filter(|_| !self.emptied.get()) else { return Ok(()) };
        let stored = done(&js(js(tx.object_store(META))?.get(&JsValue::from_str(EPOCH_KEY)))?).await?;
        if stored.as_string().unwrap_or_default() == expect {
            Ok(())
        } else {
            Err(StoreError::Stale)
        }
    }

    /// One write transaction on `stores`: refused with `Stale`, writing nothing, unless the
    /// store's epoch is `expect` (`check_epoch`); then `queue` makes its requests, and the
    /// transaction is committed, or aborted if `queue` failed.
    async fn write_checked<T>(
        &self,
        stores: &[&str],
        expect: Option<&str>,
        queue: impl FnOnce(&IdbTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.transaction(stores, true).await?;
        let finished = JsFuture::from(transaction_done(&tx));
        let queued = match self.check_epoch(&tx, expect).await {
            Err(e) => Err(e),
            Ok(()) => queue(&tx),
        };
        match queued {
            Ok(value) => {
                js(finished.await)?;
                Ok(value)
            }
            Err(e) => {
                let _ = tx.abort();
                let _ = finished.await;
                Err(e)
            }
        }
    }

    fn put_meta(tx: &IdbTransaction, meta: Meta<'_>) -> Result<(), StoreError> {
        if meta.is_empty() {
            return Ok(());
        }
        let store = js(tx.object_store(META))?;
        for (key, value) in meta {
            js(store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key)))?;
        }
        Ok(())
    }

    fn keys_of(requests: &[IdbRequest]) -> Vec<u64> {
        requests.iter().filter_map(|r| r.result().ok()).filter_map(|k| k.as_f64()).map(|k| k as u64).collect()
    }
}

/// The `meta` key of part `i` of a value kept under `name`: zero-padded, so keys sort as parts do.
fn part_key(name: &str, i: usize) -> String {
    format!("{name}/{i:06}")
}

/// Every part kept under `name`, and nothing else: `/` sorts just below `0`, `:` just above `9`.
fn parts_range(name: &str) -> Result<JsValue, StoreError> {
    js(IdbKeyRange::bound(&JsValue::from_str(&format!("{name}/")), &parts_end(name))).map(Into::into)
}

fn parts_end(name: &str) -> JsValue {
    JsValue::from_str(&format!("{name}/:"))
}

/// The parts `kept_parts` reads after the first ones: asked for in the same transaction, and
/// turned into JavaScript values only when taken (a county's 100 MB of texts, not decoded while
/// the first screen is drawn).
pub struct LaterParts(IdbRequest);

impl LaterParts {
    pub async fn take(self) -> Result<Array, StoreError> {
        Ok(done(&self.0).await?.unchecked_into())
    }
}

/// A chunk's text: UTF-8 bytes as written since schema 2, or a string as schema 1 wrote it. A
/// value that is neither decodes as an empty body and is reported as damaged.
fn body_bytes(value: &JsValue) -> Vec<u8> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        bytes.to_vec()
    } else {
        value.as_string().unwrap_or_default().into_bytes()
    }
}

impl ChunkStore for IdbStore {
    fn take_emptied(&self) -> bool {
        self.emptied.replace(false)
    }

    async fn list(&self) -> Result<Listing, StoreError> {
        let tx = self.transaction(&[CHUNKS, META], false).await?;
        let epoch_req = js(js(tx.object_store(META))?.get(&JsValue::from_str(EPOCH_KEY)))?;
        let index = js(js(tx.object_store(CHUNKS))?.index(KIND_COUNT_INDEX))?;
        let mut out = Vec::new();
        let cursor_req = js(index.open_key_cursor())?;
        let mut cursor = done(&cursor_req).await?;
        while let Some(c) = cursor.dyn_ref::<web_sys::IdbCursor>() {
            let key = js(c.primary_key())?.as_f64().unwrap_or(0.0) as u64;
            let pair = Array::from(&js(c.key())?);
            let kind = pair.get(0).as_string().unwrap_or_default();
            let count = pair.get(1).as_f64().unwrap_or(0.0) as u32;
            out.push(Listed { key, kind, count });
            js(c.continue_())?;
            cursor = done(&cursor_req).await?;
        }
        // Through the one shared sort: a few hundred chunks, keys unique.
        dangjian_core::sort::sort_by(&mut out, |a, b| a.key.cmp(&b.key));
        let epoch = done(&epoch_req).await?.as_string().unwrap_or_default();
        Ok(Listing { chunks: out, epoch })
    }

    async fn read(&self, keys: &[u64], visit: &mut dyn FnMut(StoredChunk)) -> Result<(), StoreError> {
        // One short transaction per chunk: a long read must not hold off other tabs' saves.
        for &key in keys {
            let store = self.read_store(CHUNKS).await?;
            let value = done(&js(store.get(&JsValue::from_f64(key as f64)))?).await?;
            if !value.is_undefined() {
                visit(IdbStore::stored_chunk(key, &value));
            }
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
        let tx = self.transaction(&[CHUNKS, META], true).await?;
        let finished = JsFuture::from(transaction_done(&tx));
        if let Err(e) = self.check_epoch(&tx, Some(epoch)).await {
            let _ = tx.abort();
            let _ = finished.await;
            return Err(e);
        }
        let store = js(tx.object_store(CHUNKS))?;
        let range = js(IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(after as f64), true))?;
        let keys_req = js(store.get_all_keys_with_key(&range))?;
        let values_req = js(store.get_all_with_key(&range))?;
        let keys: Array = done(&keys_req).await?.unchecked_into();
        let values: Array = done(&values_req).await?.unchecked_into();
        let others: Vec<StoredChunk> = keys
            .iter()
            .zip(values.iter())
            .map(|(k, v)| IdbStore::stored_chunk(k.as_f64().unwrap_or(0.0) as u64, &v))
            .collect();
        // Built while the transaction is open: no other tab can write in between. Each chunk is
        // added as soon as it is encoded, so the browser stores it while the next one is made.
        let mut requests = Vec::new();
        let built = build(&others, &mut |chunk| {
            requests.push(IdbStore::add_chunk(&store, &chunk)?);
            Ok(())
        })
        .and_then(|()| IdbStore::put_meta(&tx, meta));
        if let Err(e) = built {
            let _ = tx.abort();
            let _ = finished.await;
            return Err(e);
        }
        js(finished.await)?;
        Ok((others, IdbStore::keys_of(&requests)))
    }

    async fn replace(
        &self,
        expect: Option<&str>,
        remove: &[u64],
        add: Vec<NewChunk>,
        meta: Meta<'_>,
    ) -> Result<(Vec<u64>, String), StoreError> {
        let epoch = new_epoch();
        let requests = self
            .write_checked(&[CHUNKS, META], expect, |tx| {
                let store = js(tx.object_store(CHUNKS))?;
                // Adds first: should anything fail half-way, the transaction is aborted, and even
                // if it were not, a partial replace would leave extra copies, never missing ones.
                let requests = IdbStore::add_all(&store, &add)?;
                for &key in remove {
                    js(store.delete(&JsValue::from_f64(key as f64)))?;
                }
                IdbStore::put_meta(tx, meta)?;
                IdbStore::put_meta(tx, &[(EPOCH_KEY, &epoch)])?;
                Ok(requests)
            })
            .await?;
        Ok((IdbStore::keys_of(&requests), epoch))
    }
}
