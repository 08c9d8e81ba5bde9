//! Kinds held by index (`Workspace::read_indexed`): a county's diaries pass through the app's
//! index, and the replica holds only the resident ones, always whole.

use dangjian_core::clock::Hlc;
use dangjian_core::field_name::FieldName;
use dangjian_core::record::{kind, Record, RecordId};
use dangjian_core::replica::Edit;
use dangjian_core::station::StationId;
use dangjian_store::chunk::decode_chunk;
use dangjian_store::memory::block_on;
use dangjian_store::workspace::{IndexSeed, Rewritten, Workspace};
use dangjian_store::{ChunkStore, StoreError};
use serde_json::json;
use std::collections::HashMap;
use support::Shared;

mod support;

type Ws = Workspace<Shared>;

fn station(n: u8) -> StationId {
    StationId::from_random([n; 8])
}

fn rid(n: u32) -> RecordId {
    let mut b = [0u8; 16];
    b[..4].copy_from_slice(&n.to_be_bytes());
    RecordId::from_random(b)
}

/// A diary with a few fields, each with its own value.
fn diary(n: u32) -> Edit {
    Edit::Create {
        id: rid(n),
        kind: kind::DIARY.into(),
        fields: vec![
            ("date".into(), json!(format!("2026-03-{:02}", n % 28 + 1))),
            ("village".into(), json!(format!("村{n}"))),
            ("visitor".into(), json!(format!("干部{}", n % 7))),
            ("text".into(), json!(format!("走访记录{n}"))),
        ],
    }
}

fn org(n: u32, name: &str) -> Edit {
    Edit::Create { id: rid(n), kind: kind::ORG.into(), fields: vec![("name".into(), json!(name))] }
}

fn set(n: u32, field: &str, value: &str) -> Edit {
    Edit::Update { id: rid(n), fields: vec![(field.into(), json!(value))] }
}

fn open(store: &Shared, kinds: &[&str], now_ms: u64) -> Ws {
    block_on(Workspace::open(store.clone(), station(1), kinds, now_ms)).unwrap()
}

/// Indexes diaries; returns what the sink was given last for each id, and how many times it
/// was called.
fn index(ws: &mut Ws, now_ms: u64) -> (HashMap<RecordId, Record>, usize) {
    let mut seen: HashMap<RecordId, Record> = HashMap::new();
    let mut calls = 0;
    let read = block_on(ws.read_indexed(kind::DIARY, None, &mut |r| {
        calls += 1;
        seen.insert(r.id.clone(), r.clone());
    }))
    .unwrap();
    assert_eq!(read.record_count(), seen.len());
    ws.settle_indexed(read, now_ms);
    (seen, calls)
}

fn diaries_in_replica(ws: &Ws) -> Vec<RecordId> {
    ws.replica().of_kind(kind::DIARY).map(|r| r.id.clone()).collect()
}

fn diary_chunk_keys(store: &Shared) -> Vec<u64> {
    let listing = block_on(store.list()).unwrap();
    listing.chunks.into_iter().filter(|c| c.kind == kind::DIARY).map(|c| c.key).collect()
}

/// Every copy of every record in the store, decoded.
fn stored_records(store: &Shared) -> Vec<Record> {
    let keys: Vec<u64> = block_on(store.list()).unwrap().chunks.into_iter().map(|c| c.key).collect();
    let mut all = Vec::new();
    block_on(store.read(&keys, &mut |c| all.extend(decode_chunk(&c).records))).unwrap();
    all
}

#[test]
fn indexing_hands_every_record_over_whole_and_keeps_only_those_stored_more_than_once() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::ORG, kind::DIARY], 1_000);
    block_on(writer.commit((1..=5).map(diary).chain([org(100, "甲支部")]).collect(), 1_000)).unwrap();
    block_on(writer.commit(vec![set(2, "text", "走访记录2（补记）")], 2_000)).unwrap();
    block_on(writer.commit(vec![set(3, "village", "村三"), set(2, "visitor", "干部甲")], 3_000)).unwrap();

    let mut ws = open(&store, &[kind::ORG], 4_000);
    assert_eq!(ws.unread_kinds(), [kind::DIARY]);
    // Known from the listing before a chunk is read: every copy, 5 + 1 + 2.
    assert_eq!(ws.stored_count(kind::DIARY), 8);
    let (seen, calls) = index(&mut ws, 4_000);
    assert_eq!(seen.len(), 5);
    assert_eq!(ws.stored_count(kind::DIARY), 8, "the same once the chunks are read");
    // Each copy as it came (5 + 1 + 2), then the two stored more than once again, merged.
    assert_eq!(calls, 10);
    for n in 1..=5 {
        assert_eq!(seen.get(&rid(n)), writer.replica().get(&rid(n)), "diary {n} as the sink last had it");
    }
    let two = &seen[&rid(2)];
    assert_eq!((two.text("text"), two.text("visitor")), (Some("走访记录2（补记）"), Some("干部甲")));
    assert_eq!(two.text("village"), Some("村2"), "fields of the first copy are kept");
    assert_eq!(seen[&rid(3)].text("village"), Some("村三"), "a later chunk's edit wins");

    // Only the two stored more than once are in the replica, merged.
    assert_eq!(diaries_in_replica(&ws), [rid(2), rid(3)]);
    assert_eq!(ws.replica().get(&rid(2)), writer.replica().get(&rid(2)));
    assert!(ws.is_resident(&rid(2)) && ws.is_resident(&rid(100)));
    assert!(!ws.is_resident(&rid(1)) && !ws.is_resident(&rid(5)));
    assert!(ws.is_indexed(kind::DIARY) && !ws.is_loaded(kind::DIARY));
    assert_eq!(ws.indexed_kinds(), [kind::DIARY]);
    assert!(ws.unread_kinds().is_empty(), "the kind's chunks are read");
    assert_eq!(ws.partial_kinds(), [kind::DIARY], "but it is not whole in memory");
    assert_eq!(ws.chunk_count(), 4, "diaries in three, the organization in one");
}

#[test]
fn a_damaged_diary_is_reported_once_and_the_rest_are_indexed() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit(vec![diary(1), diary(2)], 1_000)).unwrap();
    let bad =
        store.put_raw(kind::DIARY, 1, r#"[{"id":"11111111-2222-4333-8444-555555555555","k":"diary","f":"broken"}]"#);
    let mut ws = open(&store, &[], 2_000);
    let (seen, _) = index(&mut ws, 2_000);
    assert_eq!(seen.len(), 2);
    assert_eq!(ws.failures().len(), 1);
    assert_eq!(
        (ws.failures()[0].chunk, ws.failures()[0].record_id.as_deref()),
        (bad, Some("11111111-2222-4333-8444-555555555555"))
    );
    // Indexed again (the app's index made anew): the same records, the damage not reported twice.
    let (again, _) = index(&mut ws, 3_000);
    assert_eq!(again, seen);
    assert_eq!(ws.failures().len(), 1);
}

#[test]
fn a_record_made_resident_is_edited_like_a_loaded_one_and_written_whole() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit((1..=3).map(diary).collect(), 1_000)).unwrap();
    block_on(writer.commit(vec![set(3, "text", "回访")], 1_500)).unwrap();

    let mut ws = open(&store, &[kind::ORG], 2_000);
    index(&mut ws, 2_000);
    assert_eq!(diaries_in_replica(&ws), [rid(3)]);
    // 3 is resident already and 99 is no record: both skipped.
    let residents = block_on(ws.read_resident(&[rid(1), rid(3), rid(99)])).unwrap();
    assert_eq!(residents.len(), 1);
    ws.settle_resident(residents, 2_000);
    block_on(ws.make_resident(&[rid(1), rid(2)], 2_000)).unwrap();
    assert_eq!(diaries_in_replica(&ws), [rid(1), rid(2), rid(3)]);
    assert_eq!(ws.replica().get(&rid(1)), writer.replica().get(&rid(1)));

    block_on(ws.commit(vec![set(1, "text", "走访记录1（改）")], 3_000)).unwrap();
    // The chunk written holds the whole record, not just the field edited.
    let last: Vec<Record> = serde_json::from_slice(store.chunks_raw().last().unwrap()).unwrap();
    assert_eq!(last.len(), 1);
    let written = &last[0];
    assert_eq!(written.id, rid(1));
    let mut fields: Vec<&str> = written.fields.keys().map(FieldName::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["date", "text", "village", "visitor"]);
    assert_eq!(written, ws.replica().get(&rid(1)).unwrap());

    let reopened = open(&store, &[kind::DIARY], 4_000);
    let one = reopened.replica().get(&rid(1)).unwrap();
    assert_eq!(one, ws.replica().get(&rid(1)).unwrap());
    let values: Vec<Option<&str>> = ["date", "village", "visitor", "text"].iter().map(|f| one.text(f)).collect();
    assert_eq!(values, [Some("2026-03-02"), Some("村1"), Some("干部1"), Some("走访记录1（改）")]);
    assert_eq!(one.conflicts().count(), 0);
}

#[test]
fn an_edit_of_a_record_not_resident_fails_and_writes_nothing() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit(vec![diary(1)], 1_000)).unwrap();
    let mut ws = open(&store, &[kind::ORG], 2_000);
    index(&mut ws, 2_000);
    let chunks = store.chunk_count();
    let err = block_on(ws.commit(vec![org(100, "甲支部"), set(1, "text", "改")], 3_000)).unwrap_err();
    assert_eq!(err, StoreError::UnknownRecord(rid(1).to_string()));
    assert_eq!(
        block_on(ws.commit(vec![Edit::Delete { id: rid(1) }], 3_000)),
        Err(StoreError::UnknownRecord(rid(1).to_string()))
    );
    // Not in the replica, but it exists: creating it again is refused too.
    assert_eq!(block_on(ws.commit(vec![diary(1)], 3_000)), Err(StoreError::RecordExists(rid(1).to_string())));
    assert_eq!(store.chunk_count(), chunks);
    assert!(ws.replica().get(&rid(100)).is_none() && !ws.is_resident(&rid(1)));
}

#[test]
fn another_tabs_edit_of_a_record_not_resident_here_is_taken_in_whole() {
    let store = Shared::new();
    let mut a = open(&store, &[kind::ORG, kind::DIARY], 1_000);
    block_on(a.commit((1..=3).map(diary).chain([org(100, "甲支部")]).collect(), 1_000)).unwrap();
    let mut b = open(&store, &[kind::ORG], 1_100);
    index(&mut b, 1_100);
    assert!(diaries_in_replica(&b).is_empty());

    // Tab A edits diary 1; tab B catches up: diary 1 is resident, its stored copy merged in.
    block_on(a.commit(vec![set(1, "text", "走访记录1（A 改）")], 2_000)).unwrap();
    assert!(block_on(b.catch_up(2_100)).unwrap());
    assert_eq!(diaries_in_replica(&b), [rid(1)]);
    assert_eq!(b.replica().get(&rid(1)), a.replica().get(&rid(1)));
    assert_eq!(b.replica().get(&rid(1)).unwrap().text("village"), Some("村1"));

    // Tab A edits diary 2; B saves before it has caught up. Merging A's copy of 2 would need
    // reading B's stored copy inside the transaction: refused, nothing written.
    block_on(a.commit(vec![set(2, "text", "走访记录2（A 改）")], 3_000)).unwrap();
    let chunks = store.chunk_count();
    assert_eq!(block_on(b.commit(vec![set(100, "name", "甲村党支部")], 3_100)), Err(StoreError::Stale));
    assert_eq!(store.chunk_count(), chunks);
    assert!(block_on(b.catch_up(3_200)).unwrap());
    block_on(b.commit(vec![set(100, "name", "甲村党支部")], 3_300)).unwrap();
    assert_eq!(b.replica().get(&rid(2)), a.replica().get(&rid(2)));
    // A save meeting another tab's copy of a resident record goes through and builds on it.
    block_on(a.commit(vec![set(1, "visitor", "干部甲")], 4_000)).unwrap();
    block_on(b.commit(vec![set(1, "text", "走访记录1（B 改）")], 4_000)).unwrap();
    block_on(a.catch_up(4_100)).unwrap();
    let one = a.replica().get(&rid(1)).unwrap();
    assert_eq!((one.text("text"), one.text("visitor")), (Some("走访记录1（B 改）"), Some("干部甲")));
    assert_eq!(one.conflicts().count(), 0, "same station, sequential edits");
    assert_eq!(b.replica().get(&rid(1)), Some(one));

    // A third tab, with diaries unread, writes a copy of diary 3 holding only what another
    // station wrote (from a file): B's copy is that merged with the one stored, not that alone.
    assert!(!b.is_resident(&rid(3)));
    let mut partial = Record::new(rid(3), kind::DIARY, station(1));
    partial.set("text", json!("镇里补记"), Hlc::new(5_000, 0), &station(2));
    let mut c = open(&store, &[], 5_000);
    let written = block_on(c.write_records(vec![partial.clone()])).unwrap();
    c.settle(written, 5_000);
    block_on(b.catch_up(5_100)).unwrap();
    let three = b.replica().get(&rid(3)).unwrap();
    assert_eq!(three, &a.replica().get(&rid(3)).unwrap().merge(&partial));
    assert_eq!((three.text("text"), three.text("village")), (Some("镇里补记"), Some("村3")));
}

#[test]
fn a_file_copy_of_a_record_not_resident_is_merged_with_the_stored_one() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit(vec![diary(1), diary(2)], 1_000)).unwrap();
    // A file's copy holding only what another station wrote.
    let mut from_file = Record::new(rid(1), kind::DIARY, station(1));
    from_file.set("text", json!("镇里补记"), Hlc::new(2_000, 0), &station(2));
    let expected = writer.replica().get(&rid(1)).unwrap().merge(&from_file);
    assert_eq!(expected.text("village"), Some("村1"));

    let mut ws = open(&store, &[], 3_000);
    index(&mut ws, 3_000);
    assert!(!ws.is_resident(&rid(1)));
    let written = block_on(ws.write_records(vec![from_file])).unwrap();
    ws.settle(written, 3_000);
    assert_eq!(ws.replica().get(&rid(1)), Some(&expected));
    assert!(!ws.is_resident(&rid(2)));
}

#[test]
fn another_tab_rewriting_chunks_sends_indexed_kinds_back_to_unread() {
    let store = Shared::new();
    let mut a = open(&store, &[kind::DIARY], 1_000);
    for n in 0..70 {
        block_on(a.commit(vec![diary(n)], 1_000 + n as u64)).unwrap();
    }
    let mut b = open(&store, &[kind::ORG], 2_000);
    index(&mut b, 2_000);
    block_on(b.make_resident(&[rid(5)], 2_000)).unwrap();
    assert!(b.is_resident(&rid(5)));

    // Tab A compacts the diaries: a new epoch. What B's index holds may be gone.
    assert_eq!(block_on(a.compact(3_000)).unwrap(), 70);
    block_on(b.catch_up(3_100)).unwrap();
    assert!(b.indexed_kinds().is_empty(), "the app sees the kind dropped");
    assert!(!b.is_indexed(kind::DIARY) && !b.is_loaded(kind::DIARY));
    assert_eq!(b.unread_kinds(), [kind::DIARY]);
    assert!(diaries_in_replica(&b).is_empty() && !b.is_resident(&rid(5)));
    assert_eq!(block_on(b.read_resident(&[rid(6)])).unwrap().len(), 0, "nothing is located any more");
    // Indexed anew from the compacted chunks.
    let (seen, calls) = index(&mut b, 3_200);
    assert_eq!((seen.len(), calls), (70, 70));
    assert_eq!(seen.get(&rid(5)), a.replica().get(&rid(5)));
    block_on(b.make_resident(&[rid(5)], 3_300)).unwrap();
    block_on(b.commit(vec![set(5, "text", "改")], 3_400)).unwrap();
}

#[test]
fn a_resident_read_made_before_the_kind_was_read_again_is_dropped() {
    let store = Shared::new();
    let mut a = open(&store, &[kind::ORG, kind::DIARY], 1_000);
    block_on(a.commit(vec![diary(1), org(100, "甲")], 1_000)).unwrap();
    let mut b = open(&store, &[kind::ORG], 1_100);
    index(&mut b, 1_100);
    let residents = block_on(b.read_resident(&[rid(1)])).unwrap();
    block_on(a.restore(vec![], vec![], &[kind::ORG.to_string()].into(), &[], 2_000)).unwrap();
    block_on(b.catch_up(2_100)).unwrap();
    assert_eq!(b.unread_kinds(), [kind::DIARY]);
    b.settle_resident(residents, 2_200);
    assert!(diaries_in_replica(&b).is_empty(), "no record of an unread kind in the replica");
}

#[test]
fn compaction_leaves_indexed_kinds_alone() {
    let store = Shared::new();
    let mut ws = open(&store, &[kind::ORG], 1_000);
    for n in 0..70 {
        block_on(ws.commit(vec![org(n, &format!("支部{n}")), diary(1_000 + n)], 1_000 + n as u64)).unwrap();
    }
    index(&mut ws, 2_000);
    // Diaries written once indexed are resident; still the replica holds only some of the kind.
    for n in 0..70 {
        block_on(ws.commit(vec![diary(2_000 + n)], 2_000 + n as u64)).unwrap();
    }
    let diary_chunks = diary_chunk_keys(&store);
    assert_eq!(diary_chunks.len(), 140);
    assert_eq!(block_on(ws.compact(9_000)).unwrap(), 70, "the organizations' chunks only");
    assert_eq!(diary_chunk_keys(&store), diary_chunks);
    assert!(ws.is_indexed(kind::DIARY));
    let all = open(&store, &[kind::DIARY], 10_000);
    assert_eq!(all.replica().of_kind(kind::DIARY).count(), 140);
}

#[test]
fn loading_an_indexed_kind_reads_it_whole() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit((1..=4).map(diary).collect(), 1_000)).unwrap();
    block_on(writer.commit(vec![set(2, "text", "回访")], 1_100)).unwrap();

    for through_halves in [false, true] {
        let mut ws = open(&store, &[kind::ORG], 2_000);
        index(&mut ws, 2_000);
        block_on(ws.make_resident(&[rid(3)], 2_000)).unwrap();
        block_on(ws.commit(vec![set(3, "visitor", "干部乙")], 2_100)).unwrap();
        assert_eq!(ws.partial_kinds(), [kind::DIARY]);
        if through_halves {
            let read = block_on(ws.read_kind(kind::DIARY)).unwrap();
            ws.settle_kind(read, 2_200);
        } else {
            block_on(ws.load_kind(kind::DIARY, 2_200)).unwrap();
        }
        assert!(ws.is_loaded(kind::DIARY) && !ws.is_indexed(kind::DIARY));
        assert!(ws.indexed_kinds().is_empty() && ws.partial_kinds().is_empty());
        let fresh = open(&store, &[kind::DIARY], 3_000);
        let here: Vec<&Record> = ws.replica().of_kind(kind::DIARY).collect();
        let there: Vec<&Record> = fresh.replica().of_kind(kind::DIARY).collect();
        assert_eq!(here.len(), 4);
        assert_eq!(here, there);
        // Loaded, every record is editable.
        block_on(ws.commit(vec![set(4, "text", "改")], 3_100)).unwrap();
    }
}

#[test]
fn the_clock_moves_past_the_stamps_of_records_it_does_not_keep() {
    let store = Shared::new();
    let day = 24 * 60 * 60 * 1000;
    let hour = 60 * 60 * 1000;
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit(vec![diary(1)], 5 * day)).unwrap();
    // Another station's diary, an hour ahead of this PC; and one from a PC set far ahead.
    let near_stamp = Hlc::new(5 * day + hour, 0);
    let mut near = Record::new(rid(2), kind::DIARY, station(2));
    near.set("text", json!("镇里"), near_stamp, &station(2));
    let mut far = Record::new(rid(3), kind::DIARY, station(3));
    far.set("text", json!("钟快了"), Hlc::new(40 * day, 0), &station(3));
    let written = block_on(writer.write_records(vec![near, far])).unwrap();
    writer.settle(written, 5 * day);

    // A page opened with the PC clock set back an hour reads no diary at start.
    let now = 5 * day - hour;
    let mut ws = open(&store, &[kind::ORG], now);
    assert!(ws.replica().clock() < Hlc::new(5 * day, 0));
    index(&mut ws, now);
    assert!(diaries_in_replica(&ws).is_empty());
    block_on(ws.commit(vec![org(100, "甲")], now)).unwrap();
    let stamp = ws.replica().get(&rid(100)).unwrap().clocks().next().unwrap();
    assert!(stamp > near_stamp, "past this station's own and another's stamps: {stamp:?}");
    assert!(stamp < Hlc::new(40 * day, 0), "not dragged to a clock far ahead");
    let all: Vec<Hlc> =
        stored_records(&store).iter().filter(|r| r.id != rid(3)).flat_map(|r| r.clocks().collect::<Vec<_>>()).collect();
    assert!(all.iter().filter(|&&c| c != stamp).all(|&c| c < stamp));
}

#[test]
fn an_emptied_store_is_rewritten_with_the_resident_records_and_the_rest_counted_lost() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit((1..=3).map(diary).collect(), 1_000)).unwrap();
    let mut ws = open(&store, &[kind::ORG], 2_000);
    index(&mut ws, 2_000);
    block_on(ws.make_resident(&[rid(2)], 2_000)).unwrap();
    store.empty_out();
    block_on(ws.commit(vec![org(100, "甲")], 3_000)).unwrap();
    assert_eq!(ws.take_rewritten(), Some(Rewritten { lost_unread_chunks: 0, lost_indexed_records: 2 }));
    let reopened = open(&store, &[kind::ORG, kind::DIARY], 4_000);
    assert_eq!(diaries_in_replica(&reopened), [rid(2)]);
    // Still indexed; indexed anew, the app's index holds what is left.
    assert!(ws.is_indexed(kind::DIARY));
    let (seen, _) = index(&mut ws, 4_000);
    assert_eq!(seen.keys().collect::<Vec<_>>(), [&rid(2)]);
    assert_eq!(seen.get(&rid(2)), ws.replica().get(&rid(2)));
    block_on(ws.commit(vec![set(2, "text", "改")], 4_100)).unwrap();
}

#[test]
fn indexing_a_loaded_kind_hands_over_the_replicas_records() {
    let store = Shared::new();
    let mut ws = open(&store, &[kind::DIARY], 1_000);
    block_on(ws.commit((1..=3).map(diary).collect(), 1_000)).unwrap();
    let (seen, calls) = index(&mut ws, 2_000);
    assert_eq!((seen.len(), calls), (3, 3));
    assert!(ws.is_loaded(kind::DIARY) && !ws.is_indexed(kind::DIARY));
    assert!(ws.indexed_kinds().is_empty());
}

/// Indexes diaries from scratch, keeping the read as a seed; returns the sink's records and the
/// seed's parts.
fn index_keeping_seed(ws: &mut Ws, now_ms: u64) -> (HashMap<RecordId, Record>, Vec<Vec<u8>>) {
    let mut seen: HashMap<RecordId, Record> = HashMap::new();
    let read = block_on(ws.read_indexed(kind::DIARY, None, &mut |r| {
        seen.insert(r.id.clone(), r.clone());
    }))
    .unwrap();
    assert!(read.can_seed());
    let mut parts = Vec::new();
    read.seed_parts(&mut |p| parts.push(p));
    ws.settle_indexed(read, now_ms);
    (seen, parts)
}

fn seed_of(parts: &[Vec<u8>]) -> IndexSeed {
    let mut seed = IndexSeed::with_room(parts.iter().map(Vec::len).sum());
    for p in parts {
        seed.take_part(p).expect("a part as written");
    }
    seed
}

/// Indexes diaries from a seed, the sink starting from what the seeded session's sink had.
fn index_from_seed(
    ws: &mut Ws,
    seed: IndexSeed,
    kept: &HashMap<RecordId, Record>,
    now_ms: u64,
) -> (HashMap<RecordId, Record>, Option<usize>) {
    let mut seen = kept.clone();
    let read = block_on(ws.read_indexed(kind::DIARY, Some(seed), &mut |r| {
        seen.insert(r.id.clone(), r.clone());
    }))
    .unwrap();
    let seeded = read.seeded();
    ws.settle_indexed(read, now_ms);
    (seen, seeded)
}

#[test]
fn a_seed_kept_from_one_session_starts_the_next_reading_only_the_chunks_written_since() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit((1..=6).map(diary).collect(), 1_000)).unwrap();
    block_on(writer.commit(vec![set(2, "text", "补记")], 1_500)).unwrap();
    let mut first = open(&store, &[kind::ORG], 2_000);
    let (kept, parts) = index_keeping_seed(&mut first, 2_000);
    assert!(parts.len() >= 2, "a head and the locations");

    // Since: a new diary, an edit of one stored once, another of the one stored twice, a removal.
    block_on(writer.commit(vec![diary(7), set(4, "visitor", "干部乙")], 3_000)).unwrap();
    block_on(writer.commit(vec![set(2, "village", "村二"), Edit::Delete { id: rid(5) }], 3_500)).unwrap();

    let mut seeded = open(&store, &[kind::ORG], 4_000);
    let seed = seed_of(&parts);
    assert!(seeded.seed_fits(&seed));
    let (seen, read_besides) = index_from_seed(&mut seeded, seed, &kept, 4_000);
    assert_eq!(read_besides, Some(2), "only the two chunks written since");
    let mut whole = open(&store, &[kind::ORG], 4_000);
    let (fresh, _) = index(&mut whole, 4_000);
    assert_eq!(seen, fresh, "the same records as an index made from every chunk");
    for n in 1..=7 {
        assert_eq!(seen.get(&rid(n)), writer.replica().get(&rid(n)), "diary {n}");
    }
    assert_eq!(diaries_in_replica(&seeded), diaries_in_replica(&whole), "the same resident records");
    assert_eq!(seeded.chunk_count(), whole.chunk_count());
    assert!(seeded.unread_kinds().is_empty() && seeded.is_indexed(kind::DIARY));

    // A record known only by the seed's locations is read and edited like any other.
    block_on(seeded.make_resident(&[rid(6)], 5_000)).unwrap();
    assert_eq!(seeded.replica().get(&rid(6)), writer.replica().get(&rid(6)));
    block_on(seeded.commit(vec![set(6, "text", "回访")], 5_000)).unwrap();
    assert_eq!(block_on(seeded.commit(vec![diary(1)], 5_000)), Err(StoreError::RecordExists(rid(1).to_string())));
    let stamp = seeded.replica().get(&rid(6)).unwrap().clocks().max().unwrap();
    assert!(
        stored_records(&store)
            .iter()
            .filter(|r| r.id != rid(6))
            .flat_map(|r| r.clocks().collect::<Vec<_>>())
            .all(|c| c < stamp),
        "the clock moved past the stamps the seed summed up"
    );
}

#[test]
fn a_seed_does_not_fit_another_epoch_another_station_or_a_kind_read_already() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit((1..=3).map(diary).collect(), 1_000)).unwrap();
    let mut ws = open(&store, &[], 2_000);
    let (_, parts) = index_keeping_seed(&mut ws, 2_000);

    assert!(!ws.seed_fits(&seed_of(&parts)), "the kind is indexed already");
    let other = block_on(Workspace::open(store.clone(), station(9), &[], 2_000)).unwrap();
    assert!(!other.seed_fits(&seed_of(&parts)), "another station");
    assert!(open(&store, &[], 2_000).seed_fits(&seed_of(&parts)));
    // Without all its parts, a seed is not whole.
    assert!(!open(&store, &[], 2_000).seed_fits(&seed_of(&parts[..1])));
    // Any replace starts a new epoch: chunks may have gone.
    block_on(store.replace(None, &[], vec![], &[])).unwrap();
    assert!(!open(&store, &[], 3_000).seed_fits(&seed_of(&parts)));
    // A seed that does not fit is not used: the kind is read whole.
    let mut after = open(&store, &[], 3_000);
    let read = block_on(after.read_indexed(kind::DIARY, Some(seed_of(&parts)), &mut |_| {})).unwrap();
    assert_eq!((read.seeded(), read.record_count()), (None, 3));
    after.settle_indexed(read, 3_000);
}

#[test]
fn a_damaged_seed_part_is_refused_at_every_cut() {
    let store = Shared::new();
    let mut writer = open(&store, &[kind::DIARY], 1_000);
    block_on(writer.commit((1..=3).map(diary).collect(), 1_000)).unwrap();
    block_on(writer.commit(vec![set(1, "text", "改")], 1_100)).unwrap();
    let mut ws = open(&store, &[], 2_000);
    let (_, parts) = index_keeping_seed(&mut ws, 2_000);
    for part in &parts {
        for cut in 0..part.len() {
            assert!(IndexSeed::default().take_part(&part[..cut]).is_none(), "cut at {cut} of {}", part.len());
        }
        let mut longer = part.clone();
        longer.push(0);
        assert!(IndexSeed::default().take_part(&longer).is_none(), "a byte too many");
    }
}
