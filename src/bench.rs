//! Benchmark hooks, compiled only with the `bench` feature (`scripts/bench.sh`). They load sample
//! data through the same workspace and store the app uses, and report what they measure; the
//! Playwright driver in `tests/bench` adds the raw-IndexedDB baseline and the cold start.

use crate::domain::record::kind;
use crate::domain::replica::Edit;
use crate::domain::station::{StationId, StationLevel, StationProfile};
use crate::sample::{roster, Scale};
use crate::store::browser::{self, Settings};
use crate::store::idb::IdbStore;
use crate::store::workspace::Workspace;
use wasm_bindgen::prelude::*;

/// Edits per transaction when loading: 5 chunks. The baseline writes the same chunks in
/// transactions of the same size.
pub const EDITS_PER_BATCH: usize = 10_000;

/// A page opened with `?bench` runs no app, only these hooks.
pub fn is_bench_page() -> bool {
    web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|s| s.contains("bench"))
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn err(e: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("{e:?}"))
}

/// Loads a scale ("township" or "county") into a database (the app's own is `dangjian`) as a
/// township station, in batches, and returns what it measured. Generation is timed apart from
/// stamping, writing and taking in.
#[wasm_bindgen]
pub async fn bench_write(scale: &str, seed: u64, database: &str) -> Result<JsValue, JsValue> {
    let scale = match scale {
        "county" => Scale::COUNTY,
        "township" => Scale::TOWNSHIP,
        other => return Err(err(format!("unknown scale {other}"))),
    };
    let profile = StationProfile {
        id: StationId::from_random(browser::random_bytes()),
        name: "基准测试县委组织部".into(),
        level: StationLevel::Township,
    };
    if database == crate::store::idb::DB_NAME {
        // The app opens this station's data at its next start (the cold-start measurement).
        browser::save_settings(&Settings { profile: Some(profile.clone()), large_text: false }).map_err(err)?;
    }

    let t0 = now();
    let roster = roster(&scale, seed);
    let generate_roster_ms = now() - t0;

    let store = IdbStore::open_named(database).await.map_err(err)?;
    store.set_meta("station_profile", &serde_json::to_string(&profile).map_err(err)?).await.map_err(err)?;
    let mut ws =
        Workspace::open(store, profile.id, &[kind::ORG, kind::MEMBER], browser::now_ms()).await.map_err(err)?;

    let mut times = Times::default();
    let mut generate_ms = generate_roster_ms;
    let mut records = 0usize;
    // Chunks each commit wrote, so the baseline can use transactions of the same size.
    let mut batches: Vec<usize> = Vec::new();
    for batch in roster.orgs.chunks(EDITS_PER_BATCH).chain(roster.members.chunks(EDITS_PER_BATCH)) {
        records += batch.len();
        let before = ws.chunk_count();
        timed_commit(&mut ws, batch, &mut times).await?;
        batches.push(ws.chunk_count() - before);
    }
    let mut diaries = roster.diaries();
    loop {
        let t = now();
        let batch: Vec<_> = diaries.by_ref().take(EDITS_PER_BATCH).collect();
        generate_ms += now() - t;
        if batch.is_empty() {
            break;
        }
        records += batch.len();
        let before = ws.chunk_count();
        timed_commit(&mut ws, &batch, &mut times).await?;
        batches.push(ws.chunk_count() - before);
    }
    let report = serde_json::json!({
        "records": records,
        "chunks": ws.chunk_count(),
        "generate_ms": generate_ms,
        "stage_ms": times.stage_ms,
        "write_ms": times.write_ms,
        "settle_ms": times.settle_ms,
        "batches": batches,
        "wasm_memory_bytes": wasm_memory_bytes(),
    });
    Ok(JsValue::from_str(&report.to_string()))
}

/// Stamps a batch of edits (timed as staging), then writes the records (timed as writing: encode
/// and IndexedDB, the part the raw baseline also does).
async fn timed_commit(ws: &mut Workspace<IdbStore>, batch: &[Edit], times: &mut Times) -> Result<(), JsValue> {
    let start = now();
    let staged = ws.replica().stage(batch.to_vec(), browser::now_ms(), &[]).map_err(err)?;
    let staged_at = now();
    let written = ws.write_records(staged).await.map_err(err)?;
    let written_at = now();
    ws.settle(written, browser::now_ms());
    times.stage_ms += staged_at - start;
    times.write_ms += written_at - staged_at;
    times.settle_ms += now() - written_at;
    Ok(())
}

#[derive(Default)]
struct Times {
    stage_ms: f64,
    write_ms: f64,
    settle_ms: f64,
}

/// Opens the app's database reading the given kinds (comma-separated), as the app does at start,
/// and returns `{records, open_ms, wasm_memory_bytes}`.
#[wasm_bindgen]
pub async fn bench_open(kinds: &str) -> Result<JsValue, JsValue> {
    let kinds: Vec<&str> = kinds.split(',').collect();
    let profile = browser::load_settings().profile.ok_or_else(|| err("no station profile"))?;
    let t = now();
    let store = IdbStore::open().await.map_err(err)?;
    let ws = Workspace::open(store, profile.id, &kinds, browser::now_ms()).await.map_err(err)?;
    let open_ms = now() - t;
    let report = serde_json::json!({
        "records": ws.replica().len(),
        "open_ms": open_ms,
        "wasm_memory_bytes": wasm_memory_bytes(),
    });
    // Kept alive until the memory is read; the page is closed afterwards.
    std::mem::forget(ws);
    Ok(JsValue::from_str(&report.to_string()))
}

/// The wasm linear memory in bytes (it only grows: this is the peak).
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    core::arch::wasm32::memory_size(0) as f64 * 65536.0
}
