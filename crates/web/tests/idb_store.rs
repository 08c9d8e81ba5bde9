//! The IndexedDB store in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use dangjian_core::clock::Hlc;
use dangjian_core::record::{kind, Record, RecordId};
use dangjian_core::replica::Edit;
use dangjian_core::station::StationId;
use dangjian_store::workspace::Workspace;
use dangjian_store::{ChunkStore, Listed, StoreError};
use dangjian_web::idb::{IdbStore, SCHEMA_VERSION};
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// Writes data the way schema version 1 did, without going through the app's code.
#[wasm_bindgen(inline_js = r#"
export function writeSchemaV1(name, body) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('chunks', { autoIncrement: true });
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('chunks', 'readwrite');
      tx.objectStore('chunks').add({ kind: 'org', count: 1, body });
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  });
}
export function putRawChunk(name, value) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('chunks', 'readwrite');
      tx.objectStore('chunks').add(value);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  });
}
export function databaseVersion(name) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => { const v = req.result.version; req.result.close(); resolve(v); };
    req.onerror = () => reject(req.error);
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = writeSchemaV1)]
    fn write_schema_v1(name: &str, body: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = putRawChunk)]
    fn put_raw_chunk(name: &str, value: JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = databaseVersion)]
    fn database_version(name: &str) -> js_sys::Promise;
}

fn unique_name(test: &str) -> String {
    format!("test-{test}-{}", js_sys::Math::random().to_bits())
}

fn station() -> StationId {
    StationId::from_random([3; 8])
}

fn rid(n: u8) -> RecordId {
    RecordId::from_random([n; 16])
}

fn create(n: u8, name: &str) -> Edit {
    Edit::Create { id: rid(n), kind: kind::ORG.into(), fields: vec![("name".into(), json!(name))] }
}

#[wasm_bindgen_test]
async fn records_survive_closing_and_reopening() {
    let name = unique_name("reopen");
    let store = IdbStore::open_named(&name).await.unwrap();
    let mut ws = Workspace::open(store, station(), &[kind::ORG], 1_000).await.unwrap();
    ws.commit(vec![create(1, "坪塘镇党委"), create(2, "山塘村党支部")], 1_000).await.unwrap();
    ws.commit(vec![Edit::Update { id: rid(2), fields: vec![("name".into(), json!("山塘村党总支"))] }], 2_000)
        .await
        .unwrap();
    drop(ws);
    // The listing tells each chunk's records without reading it.
    let listed = IdbStore::open_named(&name).await.unwrap().list().await.unwrap();
    assert_eq!(listed.chunks.iter().map(|c| c.count).collect::<Vec<_>>(), vec![2, 1]);
    let again =
        Workspace::open(IdbStore::open_named(&name).await.unwrap(), station(), &[kind::ORG], 3_000).await.unwrap();
    assert_eq!(again.replica().len(), 2);
    assert_eq!(again.replica().get(&rid(2)).unwrap().text("name"), Some("山塘村党总支"));
}

#[wasm_bindgen_test]
async fn data_written_by_schema_1_opens_after_the_upgrade() {
    let name = unique_name("migrate");
    let s = station();
    let mut r = Record::new(rid(7), kind::ORG, s);
    r.set("name", json!("老数据党支部"), Hlc::new(500, 0), &s);
    let body = serde_json::to_string(&vec![r]).unwrap();
    JsFuture::from(write_schema_v1(&name, &body)).await.unwrap();
    assert_eq!(JsFuture::from(database_version(&name)).await.unwrap().as_f64(), Some(1.0));

    let store = IdbStore::open_named(&name).await.unwrap();
    let ws = Workspace::open(store, s, &[kind::ORG], 1_000).await.unwrap();
    assert_eq!(ws.replica().get(&rid(7)).unwrap().text("name"), Some("老数据党支部"));
    drop(ws);
    assert_eq!(JsFuture::from(database_version(&name)).await.unwrap().as_f64(), Some(SCHEMA_VERSION as f64));
    // The index the upgrades added is what `list` reads, with each chunk's count.
    let listed = IdbStore::open_named(&name).await.unwrap().list().await.unwrap();
    assert_eq!(listed.chunks, vec![Listed { key: 1, kind: kind::ORG.to_string(), count: 1 }]);
}

#[wasm_bindgen_test]
async fn an_aborted_write_leaves_the_database_as_it_was() {
    let name = unique_name("abort");
    let mut ws =
        Workspace::open(IdbStore::open_named(&name).await.unwrap(), station(), &[kind::ORG], 1_000).await.unwrap();
    ws.commit(vec![create(1, "甲")], 1_000).await.unwrap();
    // An edit of a record that does not exist is refused inside the transaction: nothing lands.
    let err = ws.commit(vec![create(2, "乙"), Edit::Delete { id: rid(99) }], 2_000).await.unwrap_err();
    assert!(matches!(err, StoreError::UnknownRecord(_)));
    let store = IdbStore::open_named(&name).await.unwrap();
    assert_eq!(store.list().await.unwrap().chunks.len(), 1);
    let again = Workspace::open(store, station(), &[kind::ORG], 3_000).await.unwrap();
    assert_eq!(again.replica().len(), 1);
    assert!(again.replica().get(&rid(2)).is_none());
}

#[wasm_bindgen_test]
async fn two_tabs_on_one_database_keep_both_changes() {
    let name = unique_name("tabs");
    let mut a =
        Workspace::open(IdbStore::open_named(&name).await.unwrap(), station(), &[kind::ORG], 1_000).await.unwrap();
    let mut b =
        Workspace::open(IdbStore::open_named(&name).await.unwrap(), station(), &[kind::ORG], 1_000).await.unwrap();
    a.commit(vec![create(1, "甲支部")], 5_000).await.unwrap();
    // B has not caught up; its save reads A's chunk inside its own transaction and builds on it.
    b.commit(
        vec![create(2, "乙支部"), Edit::Update { id: rid(1), fields: vec![("name".into(), json!("甲村党支部"))] }],
        5_000,
    )
    .await
    .unwrap();
    assert!(a.catch_up(5_000).await.unwrap());
    assert_eq!(a.replica().get(&rid(1)).unwrap().text("name"), Some("甲村党支部"));
    assert_eq!(a.replica().get(&rid(1)).unwrap().conflicts().count(), 0);
    assert_eq!(a.replica().len(), 2);
}

#[wasm_bindgen_test]
async fn a_damaged_stored_record_is_reported_and_the_rest_opens() {
    let name = unique_name("damaged");
    let mut ws =
        Workspace::open(IdbStore::open_named(&name).await.unwrap(), station(), &[kind::ORG], 1_000).await.unwrap();
    ws.commit(vec![create(1, "甲")], 1_000).await.unwrap();
    drop(ws);
    let value = js_sys::Object::new();
    js_sys::Reflect::set(&value, &"kind".into(), &"org".into()).unwrap();
    js_sys::Reflect::set(&value, &"count".into(), &JsValue::from(1)).unwrap();
    let body = r#"[{"id":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee","k":"org","f":1}]"#;
    js_sys::Reflect::set(&value, &"body".into(), &js_sys::Uint8Array::from(body.as_bytes())).unwrap();
    JsFuture::from(put_raw_chunk(&name, value.into())).await.unwrap();
    let ws = Workspace::open(IdbStore::open_named(&name).await.unwrap(), station(), &[kind::ORG], 2_000).await.unwrap();
    assert_eq!(ws.replica().len(), 1);
    assert_eq!(ws.failures().len(), 1);
    assert_eq!(ws.failures()[0].record_id.as_deref(), Some("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"));
    // Kept: the damaged chunk is still in the store.
    assert_eq!(IdbStore::open_named(&name).await.unwrap().list().await.unwrap().chunks.len(), 2);
}

#[wasm_bindgen_test]
async fn compaction_in_the_browser_keeps_every_record() {
    let name = unique_name("compact");
    let mut ws =
        Workspace::open(IdbStore::open_named(&name).await.unwrap(), station(), &[kind::ORG], 1_000).await.unwrap();
    for n in 0..70u8 {
        ws.commit(vec![create(n, &format!("支部{n}"))], 1_000 + n as u64).await.unwrap();
    }
    assert_eq!(ws.compact(3_000).await.unwrap(), 70);
    let store = IdbStore::open_named(&name).await.unwrap();
    assert_eq!(store.list().await.unwrap().chunks.len(), 1);
    let again = Workspace::open(store, station(), &[kind::ORG], 3_000).await.unwrap();
    assert_eq!(again.replica().len(), 70);
}
