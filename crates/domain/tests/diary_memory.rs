//! What 200,000 diaries cost in memory, held as records in the replica against a compact index
//! (the facts lists and counts read, the texts in one arena), and how long a text search over
//! that arena takes. A measurement for choosing how 民情日记 keeps its volume in memory, not a
//! test: it is ignored by default and prints its figures.
//!   cargo test --release -p dangjian-domain --test diary_memory -- --ignored --nocapture

use dangjian_domain::diary_index::{DiaryIndex, SearchWords};
use dangjian_domain::replica::Replica;
use dangjian_domain::sample::{roster, Scale};
use dangjian_domain::station::StationId;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

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
fn diaries_in_memory_as_records_and_as_a_compact_index() {
    let scale = Scale::COUNTY;
    let roster = roster(&scale, 7);
    let station = StationId::from_random([7; 8]);

    let before = live();
    let mut replica = Replica::new(station);
    let started = Instant::now();
    for chunk in roster.diaries().collect::<Vec<_>>().chunks(5_000) {
        let staged = replica.stage(chunk.to_vec(), 1_790_000_000_000, &[]).expect("sample diaries stage");
        replica.absorb(staged, 1_790_000_000_000);
    }
    let as_records = live() - before;
    println!(
        "{} diaries as records in the replica: {} ({} a diary), staged and absorbed in {:.2} s",
        replica.len(),
        mb(as_records),
        as_records / replica.len() as isize,
        started.elapsed().as_secs_f64()
    );

    let before = live();
    let started = Instant::now();
    let mut index = DiaryIndex::new();
    for r in replica.live(dangjian_domain::record::kind::DIARY) {
        index.put(r);
    }
    index.trim_room();
    let as_index = live() - before;
    println!(
        "the same as a DiaryIndex: {} ({} a diary; texts {} of it), built in {:.2} s",
        mb(as_index),
        as_index / index.len() as isize,
        mb(index.text_bytes() as isize),
        started.elapsed().as_secs_f64()
    );

    for word in ["漏水", "低保", "张", "修路", "医疗"] {
        let started = Instant::now();
        let words = SearchWords::new(word);
        let hits = (0..index.len()).filter(|i| index.texts_contain(*i, &words)).count();
        println!("search {word}: {hits} entries in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
}

/// What the kinds read at start (organizations, members, households) cost as records in the
/// replica, and as the models the sections list (`Member`, `Household`).
#[test]
#[ignore]
fn the_kinds_read_at_start_in_memory() {
    use dangjian_domain::household::Household;
    use dangjian_domain::member::Member;
    use dangjian_domain::record::kind;
    let scale = Scale::COUNTY;
    let roster = roster(&scale, 7);
    let station = StationId::from_random([7; 8]);
    let mut replica = Replica::new(station);
    for (name, edits) in
        [("organizations", &roster.orgs), ("members", &roster.members), ("households", &roster.households)]
    {
        let before = live();
        for chunk in edits.chunks(5_000) {
            let staged = replica.stage(chunk.to_vec(), 1_790_000_000_000, &[]).expect("sample stages");
            replica.absorb(staged, 1_790_000_000_000);
        }
        let held = live() - before;
        println!("{} {name} as records: {} ({} a record)", edits.len(), mb(held), held / edits.len().max(1) as isize);
    }
    let fields: usize = replica.live(kind::MEMBER).map(|r| r.fields.len()).sum();
    println!("member fields: {fields} ({:.1} a member)", fields as f64 / roster.members.len() as f64);
    let before = live();
    let members: Vec<Member> = replica.live(kind::MEMBER).map(Member::from_record).collect();
    println!(
        "members as models: {} ({} a member)",
        mb(live() - before),
        (live() - before) / members.len().max(1) as isize
    );
    let before = live();
    let households: Vec<Household> = replica.live(kind::HOUSEHOLD).map(Household::from_record).collect();
    println!(
        "households as models: {} ({} a household)",
        mb(live() - before),
        (live() - before) / households.len().max(1) as isize
    );
}
