//! What the workspace itself keeps of a county's 200,000 diaries once they are indexed (the
//! app's own index aside), and how long indexing and making a few resident take. A measurement,
//! not a test: ignored by default, it prints its figures.
//!   cargo test --release -p dangjian-store --test indexed_memory -- --ignored --nocapture

use dangjian_core::record::{kind, RecordId};
use dangjian_core::replica::Edit;
use dangjian_core::station::StationId;
use dangjian_domain::sample::{roster, Scale};
use dangjian_store::chunk::RECORDS_PER_CHUNK;
use dangjian_store::memory::block_on;
use dangjian_store::workspace::Workspace;
use serde_json::json;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;
use support::Shared;

mod support;

/// Counts the bytes allocated and not yet freed.
struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(by: isize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The counts are one for the process: the measurements run one at a time, whatever the test
/// harness's threads (run side by side, each saw the other's frees and printed negative sizes).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// The most allocated at once since the last call, as the wasm's memory would have grown to.
fn peak_since_reset() -> isize {
    PEAK.swap(live(), Ordering::Relaxed)
}

fn mb(bytes: isize) -> String {
    format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
}

#[test]
#[ignore]
fn a_countys_diaries_held_by_index() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let station = StationId::from_random([7; 8]);
    let now = 1_790_000_000_000;
    let store = Shared::new();
    let ids: Vec<RecordId> = {
        let roster = roster(&Scale::COUNTY, 7);
        let diaries: Vec<Edit> = roster.diaries().collect();
        let ids = diaries.iter().map(|e| e.record_id().clone()).collect();
        // Written with diaries not loaded, as a bulk import leaves them: in the store only.
        let mut ws = block_on(Workspace::open(store.clone(), station, &[], now)).unwrap();
        for part in diaries.chunks(RECORDS_PER_CHUNK) {
            block_on(ws.commit(part.to_vec(), now)).unwrap();
        }
        ids
    };
    // One diary in a hundred edited since, loaded: a second copy each.
    {
        let mut ws = block_on(Workspace::open(store.clone(), station, &[kind::DIARY], now + 1)).unwrap();
        let edits: Vec<Edit> = ids
            .iter()
            .step_by(100)
            .map(|id| Edit::Update { id: id.clone(), fields: vec![("note".into(), json!("回访"))] })
            .collect();
        block_on(ws.commit(edits, now + 1)).unwrap();
    }

    let before = live();
    let started = Instant::now();
    let mut ws = block_on(Workspace::open(store.clone(), station, &[], now + 2)).unwrap();
    let mut handed = 0usize;
    let read = block_on(ws.read_indexed(kind::DIARY, None, &mut |_| handed += 1)).unwrap();
    let (records, resident) = (read.record_count(), read.resident().count());
    ws.settle_indexed(read, now + 2);
    let kept = live() - before;
    println!(
        "{records} diaries indexed ({handed} handed over, {resident} resident) in {:.2} s; the workspace keeps {} ({} a diary)",
        started.elapsed().as_secs_f64(),
        mb(kept),
        kept / records as isize,
    );

    let started = Instant::now();
    let wanted: Vec<RecordId> = ids.iter().skip(1).step_by(997).take(20).cloned().collect();
    block_on(ws.make_resident(&wanted, now + 3)).unwrap();
    println!("20 diaries made resident in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    assert!(wanted.iter().all(|id| ws.is_resident(id)));

    let started = Instant::now();
    block_on(ws.load_kind(kind::DIARY, now + 4)).unwrap();
    println!(
        "the kind loaded whole afterwards in {:.2} s: {} ({} records)",
        started.elapsed().as_secs_f64(),
        mb(live() - before),
        ws.replica().len()
    );
}

/// The app's way of holding a county's diaries and steps (`AppState::index_diaries`): what each
/// part keeps and the most held at once while indexing, as the wasm's memory only grows.
#[test]
#[ignore]
fn a_countys_diaries_and_steps_as_the_app_holds_them() {
    use dangjian_domain::diary_index::DiaryIndex;
    use dangjian_domain::diary_step::StepFacts;
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let station = StationId::from_random([7; 8]);
    let now = 1_790_000_000_000;
    let store = Shared::new();
    {
        let roster = roster(&Scale::COUNTY, 7);
        let mut ws = block_on(Workspace::open(store.clone(), station, &[], now)).unwrap();
        let diaries: Vec<Edit> = roster.diaries().collect();
        for part in diaries.chunks(RECORDS_PER_CHUNK) {
            block_on(ws.commit(part.to_vec(), now)).unwrap();
        }
        drop(diaries);
        let steps: Vec<Edit> = roster.steps().collect();
        for part in steps.chunks(RECORDS_PER_CHUNK) {
            block_on(ws.commit(part.to_vec(), now)).unwrap();
        }
    }
    let base = live();
    peak_since_reset();
    let mut ws = block_on(Workspace::open(store.clone(), station, &[], now + 2)).unwrap();
    let opened = live() - base;
    let started = Instant::now();
    let mut index = DiaryIndex::new();
    let read = block_on(ws.read_indexed(kind::DIARY, None, &mut |r| index.put(r))).unwrap();
    ws.settle_indexed(read, now + 2);
    index.trim_room();
    let after_diaries = live() - base;
    let peak_diaries = peak_since_reset() - base;
    let mut list: Vec<StepFacts> = Vec::new();
    let read = block_on(ws.read_indexed(kind::DIARY_STEP, None, &mut |r| {
        if !r.is_deleted() {
            list.push(StepFacts::from_record(r));
        }
    }))
    .unwrap();
    ws.settle_indexed(read, now + 2);
    let in_map = live() - base;
    list.sort_unstable_by_key(|s| s.id);
    list.dedup_by_key(|s| s.id);
    list.shrink_to_fit();
    let after_steps = live() - base;
    let peak_steps = peak_since_reset() - base;
    println!(
        "{} diaries, {} steps indexed in {:.2} s (native: pointers twice the wasm's)",
        index.len(),
        list.len(),
        started.elapsed().as_secs_f64()
    );
    println!("  workspace opened: {}", mb(opened));
    println!("  diaries indexed: {} held, {} at most while indexing", mb(after_diaries), mb(peak_diaries));
    println!(
        "  step facts: {} held ({} before sorting), {} at most while indexing",
        mb(after_steps),
        mb(in_map),
        mb(peak_steps)
    );
    drop(list);
    println!("  without the steps: {}", mb(live() - base));
    drop(index);
    println!("  without the diary index (the workspace's locations): {}", mb(live() - base));
}
