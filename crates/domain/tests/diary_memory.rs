//! What 200,000 diaries cost in memory, held as records in the replica against a compact index
//! (the facts lists and counts read, the texts in one arena), and how long a text search over
//! that arena takes. A measurement for choosing how 民情日记 keeps its volume in memory, not a
//! test: it is ignored by default and prints its figures.
//!   cargo test --release -p dangjian-domain --test diary_memory -- --ignored --nocapture

use dangjian_domain::diary;
use dangjian_domain::record::{Record, RecordId};
use dangjian_domain::replica::Replica;
use dangjian_domain::sample::{roster, Scale};
use dangjian_domain::station::StationId;
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
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

/// What a list of diaries and its counts need of one entry; ids as places in small tables.
#[allow(dead_code)]
struct Row {
    id: RecordId,
    date: i32,
    writer: u32,
    village: u32,
    category: u8,
    roles: u8,
    follow_up: bool,
    /// Where the entry's texts (民情, 诉求, 现场处理, one after another) are in the arena.
    text: (u32, u32),
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
    let mut arena = String::new();
    let mut places: HashMap<String, u32> = HashMap::new();
    let mut place = |id: &str| {
        let next = places.len() as u32;
        *places.entry(id.to_string()).or_insert(next)
    };
    let rows: Vec<Row> = replica
        .live(dangjian_domain::record::kind::DIARY)
        .map(|r: &Record| {
            let start = arena.len() as u32;
            for field in [diary::SITUATION, diary::REQUEST, diary::ACTION] {
                arena.push_str(r.text(field).unwrap_or_default());
                arena.push('\n');
            }
            Row {
                id: r.id.clone(),
                date: r.text(diary::DATE).map_or(0, |d| d.len() as i32),
                writer: place(r.text(diary::WRITER).unwrap_or_default()),
                village: place(r.text(diary::VILLAGE).unwrap_or_default()),
                category: 0,
                roles: 0,
                follow_up: false,
                text: (start, arena.len() as u32),
            }
        })
        .collect();
    arena.shrink_to_fit();
    let as_index = live() - before;
    println!(
        "the same as a compact index: {} ({} a diary; texts {} of it), built in {:.2} s",
        mb(as_index),
        as_index / rows.len() as isize,
        mb(arena.len() as isize),
        started.elapsed().as_secs_f64()
    );

    for word in ["漏水", "低保", "张", "修路", "医疗"] {
        let started = Instant::now();
        let hits = rows.iter().filter(|row| arena[row.text.0 as usize..row.text.1 as usize].contains(word)).count();
        println!("search {word}: {hits} entries in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
}
