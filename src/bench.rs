//! Benchmark hooks, compiled only with the `bench` feature (`scripts/bench.sh`). They load sample
//! data through the same workspace and store the app uses, and report what they measure; the
//! Playwright driver in `tests/bench` adds the raw-IndexedDB baseline and the cold start.

use crate::domain::member::Member;
use crate::domain::pinyin::Pinyin;
use crate::domain::record::kind;
use crate::domain::replica::{Edit, Replica};
use crate::domain::search::SearchIndex;
use crate::domain::station::{StationId, StationLevel, StationProfile};
use crate::sample::{roster, scoring_year, Scale};
use crate::store::workspace::Workspace;
use crate::web::browser::{self, Settings};
use crate::web::idb::IdbStore;
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
    if database == crate::web::idb::DB_NAME {
        // The app opens this station's data at its next start (the cold-start measurement).
        browser::save_settings(&Settings { profile: Some(profile.clone()), ..Settings::default() }).map_err(err)?;
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
    for batch in roster
        .orgs
        .chunks(EDITS_PER_BATCH)
        .chain(roster.members.chunks(EDITS_PER_BATCH))
        .chain(roster.households.chunks(EDITS_PER_BATCH))
    {
        records += batch.len();
        let before = ws.chunk_count();
        timed_commit(&mut ws, batch, &mut times).await?;
        batches.push(ws.chunk_count() - before);
    }
    // Diaries, then their matters' steps: generated batch by batch, so a county's are never
    // all in memory as edits at once.
    let mut diaries = roster.diaries().chain(roster.steps());
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
    // A year of 考核评分's inputs: the member-points scheme, every branch's meetings with each
    // member's attendance, trainings, typed entries, exemptions.
    let t = now();
    let year = scoring_year(&roster, seed);
    generate_ms += now() - t;
    let scoring: Vec<Edit> = std::iter::once(year.scheme)
        .chain(year.meetings)
        .chain(year.trainings)
        .chain(year.entries)
        .chain(year.exemptions)
        .collect();
    for batch in scoring.chunks(EDITS_PER_BATCH) {
        records += batch.len();
        let before = ws.chunk_count();
        timed_commit(&mut ws, batch, &mut times).await?;
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
    let store = IdbStore::open(|| {}).await.map_err(err)?;
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

#[cfg(feature = "heap-count")]
mod heap_count {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts the bytes allocated and not yet freed, and the most that ever were.
    pub struct Counting;
    pub static LIVE: AtomicUsize = AtomicUsize::new(0);
    pub static PEAK: AtomicUsize = AtomicUsize::new(0);

    fn grew(by: usize) {
        let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }

    /// Allocations of at least this many bytes are listed (`BIG`), to see what grows memory.
    const BIG_BYTES: usize = 256 * 1024;
    /// Allocations of at least this many bytes are also told on the console with their stack.
    const STACK_BYTES: usize = 4 << 20;
    /// (address, size, linear memory in pages after it, freed) of the big allocations in order.
    pub static mut BIG: [(usize, usize, usize, bool); 8192] = [(0, 0, 0, false); 8192];
    pub static BIG_COUNT: AtomicUsize = AtomicUsize::new(0);

    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console, js_name = error)]
        fn console_error(v: &wasm_bindgen::JsValue);
    }

    fn note_big(ptr: *mut u8, size: usize) {
        if size < BIG_BYTES || ptr.is_null() {
            return;
        }
        // The largest are told with where they were made (names in a `scripts/profile-build.sh`
        // kind of build, `SPLIT_KEEP_NAMES=1`).
        if size >= STACK_BYTES {
            let e = js_sys::Error::new("big");
            let stack = js_sys::Reflect::get(&e, &"stack".into()).unwrap_or_default();
            console_error(&format!("big allocation {size}: {}", stack.as_string().unwrap_or_default()).into());
        }
        let n = BIG_COUNT.load(Ordering::Relaxed);
        if n < 8192 {
            // SAFETY: wasm is single-threaded here; nothing else touches BIG meanwhile.
            unsafe {
                (&mut *std::ptr::addr_of_mut!(BIG))[n] = (ptr as usize, size, core::arch::wasm32::memory_size(0), false)
            };
            BIG_COUNT.store(n + 1, Ordering::Relaxed);
        }
    }

    fn note_freed(ptr: *mut u8, size: usize) {
        if size < BIG_BYTES {
            return;
        }
        let n = BIG_COUNT.load(Ordering::Relaxed);
        // SAFETY: as in `note_big`.
        let big = unsafe { &mut *std::ptr::addr_of_mut!(BIG) };
        if let Some(e) = big[..n].iter_mut().rev().find(|e| e.0 == ptr as usize && !e.3) {
            e.3 = true;
        }
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            let p = unsafe { System.alloc(layout) };
            note_big(p, layout.size());
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            note_freed(ptr, layout.size());
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
            note_freed(ptr, layout.size());
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            note_big(p, new_size);
            p
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;
}

/// `{live, peak}`: the heap bytes in use and the most ever in use, in a `heap-count` build;
/// null in others.
#[wasm_bindgen]
pub fn wasm_heap_bytes() -> JsValue {
    #[cfg(feature = "heap-count")]
    {
        use std::sync::atomic::Ordering;
        let live = heap_count::LIVE.load(Ordering::Relaxed);
        let peak = heap_count::PEAK.load(Ordering::Relaxed);
        let n = heap_count::BIG_COUNT.load(Ordering::Relaxed);
        // SAFETY: read between allocations, on the one thread.
        let big: Vec<_> = unsafe { (&*std::ptr::addr_of!(heap_count::BIG))[..n].to_vec() };
        let big: Vec<_> = big.iter().map(|(_, size, pages, freed)| serde_json::json!([size, pages, freed])).collect();
        return JsValue::from_str(&serde_json::json!({ "live": live, "peak": peak, "big": big }).to_string());
    }
    #[allow(unreachable_code)]
    JsValue::NULL
}

/// The wasm linear memory in bytes (it only grows: this is the peak).
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    core::arch::wasm32::memory_size(0) as f64 * 65536.0
}

/// What a person types into the member search box, one key at a time: pinyin of common names
/// (张建国, 王秀英) as full syllables and as initials, Chinese characters, a common and a rare
/// surname (欧阳, 粟; 覃 is in no sample name), and the digits of identity and phone numbers.
const TYPED: &[&str] = &[
    "z",
    "zh",
    "zha",
    "zhan",
    "zhang",
    "zhangj",
    "zhangjian",
    "zhangjiang",
    "zhangjianguo",
    "zs",
    "zj",
    "zjg",
    "w",
    "wa",
    "wan",
    "wang",
    "wangx",
    "wangxiu",
    "wxy",
    "张",
    "张建",
    "张建国",
    "王秀",
    "o",
    "ou",
    "ouy",
    "ouyang",
    "oy",
    "欧阳",
    "s",
    "su",
    "粟",
    "覃",
    "qin",
    "4",
    "43",
    "430",
    "4301",
    "43012",
    "1",
    "13",
    "138",
    "1380",
    "13807",
];

/// Times member search over the county's sample members (`Scale::COUNTY`: 50,000, generated
/// in memory as `bench_write` generates them): decoding the pinyin table, building the index,
/// and every query of [`TYPED`] `repetitions` times. A naive scan (`str::contains` over every
/// name, Chinese substrings only) runs the same queries as a baseline. Times in ms; the
/// browser's clock has a resolution of 0.1 ms here, so single fast queries read 0 or 0.1.
#[wasm_bindgen]
pub fn bench_search(seed: u64, repetitions: u32) -> Result<JsValue, JsValue> {
    let t = now();
    let roster = roster(&Scale::COUNTY, seed);
    let replica = Replica::new(StationId::from_random([7; 8]));
    let records = replica.stage(roster.members, 0, &[]).map_err(err)?;
    let members: Vec<Member> = records.iter().map(Member::from_record).collect();
    drop(records);
    let generate_ms = now() - t;

    let t = now();
    // The bench build carries the table (feature builtin-pinyin).
    let pinyin = Pinyin::built_in().ok_or_else(|| err("no built-in pinyin table"))?;
    let syllables = pinyin.readings('张').len() + pinyin.syllable_count();
    let table_decode_ms = now() - t;

    let mut builds = Vec::new();
    let mut index = SearchIndex::build(&[], &pinyin);
    for _ in 0..5 {
        let t = now();
        index = SearchIndex::build(&members, &pinyin);
        builds.push(now() - t);
    }

    let mut ours = Vec::new();
    let mut naive = Vec::new();
    let mut per_query = Vec::new();
    for query in TYPED {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..repetitions {
            let t = now();
            hits = std::hint::black_box(index.search(std::hint::black_box(query))).len();
            times.push(now() - t);
        }
        let mut naive_times = Vec::new();
        let mut naive_hits = 0;
        for _ in 0..repetitions {
            let q = std::hint::black_box(*query);
            let t = now();
            naive_hits = members.iter().filter(|m| m.name.contains(q)).count();
            naive_times.push(now() - t);
        }
        per_query.push(serde_json::json!({
            "query": query, "hits": hits, "naive_hits": naive_hits,
            "p50_ms": percentile(&mut times.clone(), 50.0), "max_ms": percentile(&mut times.clone(), 100.0),
            "naive_p50_ms": percentile(&mut naive_times.clone(), 50.0),
        }));
        ours.extend(times);
        naive.extend(naive_times);
    }
    let summary = |times: &mut Vec<f64>| {
        serde_json::json!({
            "p50_ms": percentile(times, 50.0), "p95_ms": percentile(times, 95.0), "max_ms": percentile(times, 100.0),
            "mean_ms": times.iter().sum::<f64>() / times.len().max(1) as f64,
        })
    };
    let report = serde_json::json!({
        "members": members.len(),
        "syllables": syllables,
        "generate_ms": generate_ms,
        "table_decode_ms": table_decode_ms,
        "build_ms": builds,
        "repetitions": repetitions,
        "queries": per_query,
        "ours": summary(&mut ours),
        "naive": summary(&mut naive),
        "wasm_memory_bytes": wasm_memory_bytes(),
    });
    Ok(JsValue::from_str(&report.to_string()))
}

/// The value below which `p` percent of `times` lie (nearest rank); 0 for none.
fn percentile(times: &mut [f64], p: f64) -> f64 {
    if times.is_empty() {
        return 0.0;
    }
    times.sort_by(f64::total_cmp);
    let rank = ((p / 100.0 * times.len() as f64).ceil() as usize).clamp(1, times.len());
    times[rank - 1]
}
