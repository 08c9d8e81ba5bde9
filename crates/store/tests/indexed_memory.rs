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

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn mb(bytes: isize) -> String {
    format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
}

#[test]
#[ignore]
fn a_countys_diaries_held_by_index() {
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
    let read = block_on(ws.read_indexed(kind::DIARY, &mut |_| handed += 1)).unwrap();
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
