//! Station exchange files end to end: export, every kind of bad file, the preview, undo,
//! conflicts, and the merge properties through files (any order, twice, older after newer).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::member;
use dangjian_domain::org;
use dangjian_domain::record::{kind, Record, RecordId, DELETED_FIELD};
use dangjian_domain::replica::Edit;
use dangjian_domain::sample::Scale;
use dangjian_exchange::conflict;
use dangjian_exchange::export::Scope;
use dangjian_exchange::format::{records_sha256, Header, FORMAT_NAME};
use dangjian_exchange::log::{already_imported, mark_undone, station_names, LogEntry};
use dangjian_exchange::plan::{preview, RejectReason, Warning};
use dangjian_exchange::read::{parse, ImportError, Place};
use dangjian_exchange::undo::{plan_undo, ImportUndo, UndoError};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::*;

const SMALL: Scale = Scale { orgs: 12, members: 120, households: 240, diaries: 60 };

fn org_edit(n: u32, name: &str, parent: Option<u32>) -> Edit {
    org_edit_of(n, name, "branch", parent)
}

/// A township (1) with villages 2 and 3, members 10-12 in village 2 and 13 in village 3.
fn small_township() -> Station {
    let mut t = Station::township(1);
    t.commit(
        vec![
            org_edit(1, "坪塘镇党委", None),
            org_edit(2, "山塘村党支部", Some(1)),
            org_edit(3, "桃花村党支部", Some(1)),
            member_edit(10, "张三", 2),
            member_edit(11, "李四", 2),
            member_edit(12, "王五", 2),
            member_edit(13, "赵六", 3),
        ],
        NOW - 100_000,
    );
    t
}

/// Re-signs a file edited as JSON, so only the edit (not the checksum) is wrong.
fn resign(file: &mut Value) {
    let header: Header = serde_json::from_value(file.clone()).unwrap();
    let mut records: Vec<Record> = serde_json::from_value(file["records"].clone()).unwrap();
    records.sort_by(|a, b| a.id.cmp(&b.id));
    file["sha256"] = json!(records_sha256(&header, &records));
}

fn as_json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

fn err(bytes: &[u8]) -> ImportError {
    parse(bytes).expect_err("refused")
}

#[test]
fn a_whole_station_goes_across_exactly() {
    let town = sample_township(&SMALL, 5);
    let file = town.export(&Scope::Station, NOW);
    assert_eq!(file.file_name, "坪塘镇-全部-2026-11-23.json");
    let parsed = parse(&file.bytes).unwrap();
    assert_eq!(parsed.records.len(), town.replica.len());
    assert_eq!(parsed.header.counts.values().sum::<usize>(), town.replica.len());
    assert_eq!(parsed.header.sha256, file.header.sha256);
    let mut other = Station::township(2);
    let plan = other.import(&file.bytes, NOW);
    assert_eq!(plan.totals().new, town.replica.len());
    assert!(plan.rejected.is_empty() && plan.warnings.is_empty() && plan.conflicts.is_empty());
    assert_eq!(other.hash(), town.hash());
    // The file is deterministic, one record per line.
    assert_eq!(town.export(&Scope::Station, NOW).bytes, file.bytes);
    let text = String::from_utf8(file.bytes).unwrap();
    assert_eq!(text.lines().count(), town.replica.len() + 2);
}

#[test]
fn the_same_file_twice_changes_nothing_and_the_log_says_so() {
    let town = small_township();
    let bytes = town.export_all(NOW);
    let mut village = Station::village(2);
    let first = village.import(&bytes, NOW);
    let header = parse(&bytes).unwrap().header;
    let mut log = vec![LogEntry::new("坪塘镇-全部-2026-11-23.json", &header, &first, NOW)];
    assert!(already_imported(&log, &first.sha256).is_some());
    let again = village.import(&bytes, NOW + 1);
    assert!(again.changes_nothing());
    assert_eq!(again.totals().unchanged, town.replica.len());
    // A re-indented copy is the same file.
    let pretty = serde_json::to_vec_pretty(&as_json(&bytes)).unwrap();
    assert_eq!(parse(&pretty).unwrap().header.sha256, first.sha256);
    let mut reordered = as_json(&bytes);
    reordered["records"].as_array_mut().unwrap().reverse();
    assert_eq!(parse(reordered.to_string().as_bytes()).unwrap().records, parse(&bytes).unwrap().records);
    // After an undo it may be imported again.
    mark_undone(&mut log, &first.sha256);
    assert!(already_imported(&log, &first.sha256).is_none());
    let json = serde_json::to_string(&log).unwrap();
    assert_eq!(serde_json::from_str::<Vec<LogEntry>>(&json).unwrap(), log);
    assert_eq!(station_names(&log).get(&town.profile.id).map(String::as_str), Some("坪塘镇"));
}

#[test]
fn bad_files_are_refused_whole_with_a_message_that_nothing_changed() {
    let town = small_township();
    let bytes = town.export_all(NOW);
    type Case = (&'static str, Vec<u8>, fn(&ImportError) -> bool);
    let cases: Vec<Case> = vec![
        ("empty", vec![], |e| *e == ImportError::Empty),
        ("spaces", b"  \n".to_vec(), |e| *e == ImportError::Empty),
        ("a spreadsheet", b"PK\x03\x04\x14\x00\x06\x00\xff\xfe".to_vec(), |e| matches!(e, ImportError::NotJson { .. })),
        ("text", "姓名,性别\n张三,男\n".as_bytes().to_vec(), |e| matches!(e, ImportError::NotJson { .. })),
        ("half", bytes[..bytes.len() / 2].to_vec(), |e| *e == ImportError::Truncated),
        ("last bytes", bytes[..bytes.len() - 3].to_vec(), |e| *e == ImportError::Truncated),
        ("header only", bytes[..200].to_vec(), |e| *e == ImportError::Truncated),
        ("another program", br#"{"name":"x","items":[1,2]}"#.to_vec(), |e| *e == ImportError::ForeignFile),
        ("a list", b"[1,2,3]".to_vec(), |e| *e == ImportError::ForeignFile),
        ("other format", br#"{"format":"other","version":1}"#.to_vec(), |e| *e == ImportError::ForeignFile),
        ("no version", format!(r#"{{"format":"{FORMAT_NAME}"}}"#).into_bytes(), |e| {
            matches!(e, ImportError::Malformed { place: Place::Header, .. })
        }),
    ];
    for (what, input, expected) in cases {
        let e = err(&input);
        assert!(expected(&e), "{what}: {e:?}");
        assert!(e.message().contains("本机数据没有任何改动"), "{what}: {}", e.message());
    }
}

#[test]
fn one_changed_byte_is_caught() {
    let town = small_township();
    let bytes = town.export_all(NOW);
    let text = String::from_utf8(bytes.clone()).unwrap();
    // A character of a name, a digit of a stamp, a count in the header, a scope name.
    let at = text.find("李四").unwrap();
    let mut changed = text.clone();
    changed.replace_range(at..at + "李四".len(), "李匹");
    assert_eq!(err(changed.as_bytes()), ImportError::ChecksumMismatch);
    let at = text.rfind(r#""t":"#).unwrap() + 6;
    let mut changed = bytes.clone();
    changed[at] = if changed[at] == b'1' { b'2' } else { b'1' };
    assert_eq!(err(&changed), ImportError::ChecksumMismatch);
    let changed = text.replacen(r#""member":4"#, r#""member":5"#, 1);
    assert_eq!(err(changed.as_bytes()), ImportError::ChecksumMismatch);
    let changed = text.replacen("坪塘镇", "坪塘乡", 1);
    assert_eq!(err(changed.as_bytes()), ImportError::ChecksumMismatch);
    // A byte that breaks the JSON further on: damaged, not "another program's file".
    let at = text.find("王五").unwrap() - 1;
    let mut changed = bytes.clone();
    changed[at] = b'x';
    assert!(matches!(err(&changed), ImportError::Damaged { .. }), "{:?}", err(&changed));
    // A record left out.
    let mut file = as_json(&bytes);
    file["records"].as_array_mut().unwrap().pop();
    assert_eq!(err(file.to_string().as_bytes()), ImportError::ChecksumMismatch);
}

#[test]
fn a_newer_version_asks_for_an_update() {
    let town = small_township();
    let mut file = as_json(&town.export_all(NOW));
    file["version"] = json!(2);
    let e = err(file.to_string().as_bytes());
    assert_eq!(e, ImportError::NewerVersion { version: 2 });
    assert!(e.message().contains("请更新本软件"));
}

#[test]
fn missing_or_wrong_fields_are_named_by_place() {
    let town = small_township();
    let file = as_json(&town.export_all(NOW));
    let check = |edit: &dyn Fn(&mut Value), resigned: bool, place: fn(&Place) -> bool| {
        let mut f = file.clone();
        edit(&mut f);
        if resigned {
            resign(&mut f);
        }
        match err(f.to_string().as_bytes()) {
            ImportError::Malformed { place: p, .. } => assert!(place(&p), "{p:?}"),
            other => panic!("{other:?}"),
        }
    };
    let header = |p: &Place| *p == Place::Header;
    check(&|f| drop(f.as_object_mut().unwrap().remove("station")), false, header);
    check(&|f| f["created_ms"] = json!("yesterday"), false, header);
    check(&|f| drop(f.as_object_mut().unwrap().remove("records")), false, |p| *p == Place::Records);
    check(&|f| f["records"] = json!({"a": 1}), false, |p| *p == Place::Records);
    // The third record lacks its kind.
    check(&|f| drop(f["records"][2].as_object_mut().unwrap().remove("k")), false, |p| {
        matches!(p, Place::Record { number: 3, id: Some(_) })
    });
    // Records that break the envelope's rules are refused as they are read, before any checksum:
    // an id that is no UUID, a kind that is no kind name, a `c` that covers none of its writes.
    check(&|f| f["records"][0]["id"] = json!("not-an-id"), false, |p| matches!(p, Place::Record { .. }));
    check(&|f| f["records"][0]["k"] = json!("Org!"), false, |p| matches!(p, Place::Record { .. }));
    check(&|f| f["records"][1]["c"] = json!({}), false, |p| matches!(p, Place::Record { number: 2, .. }));
    check(
        &|f| {
            let copy = f["records"][1].clone();
            f["records"].as_array_mut().unwrap().push(copy);
        },
        true,
        |p| matches!(p, Place::Record { .. }),
    );
    check(&|f| f["counts"]["member"] = json!(9), true, header);
}

#[test]
fn an_older_version_is_migrated() {
    let town = small_township();
    let records: Vec<Value> = town.replica.records().map(|r| serde_json::to_value(r).unwrap()).collect();
    let v0 = json!({
        "format": FORMAT_NAME,
        "version": 0,
        "station_id": town.profile.id,
        "station_name": "坪塘镇",
        "station_level": "Township",
        "exported_ms": NOW,
        "records": records,
    });
    let parsed = parse(v0.to_string().as_bytes()).unwrap();
    assert_eq!(parsed.migrated_from, Some(0));
    assert_eq!(parsed.header.version, 1);
    assert_eq!(parsed.header.created, "2026-11-18");
    let mut fresh = Station::township(2);
    let plan = preview(&fresh.replica, &parsed, NOW);
    assert_eq!(plan.warnings, vec![Warning::OlderFormat { version: 0 }]);
    fresh.replica.absorb(plan.to_write, NOW);
    assert_eq!(fresh.hash(), town.hash());
}

#[test]
fn html_in_names_is_just_text() {
    let mut town = small_township();
    let nasty = r#"<script>alert("x")</script><img src=x onerror=alert(1)> & "引号" \ 反斜杠 </b>"#;
    town.set(&rid(10), member::NAME, json!(nasty), NOW - 50_000);
    town.set(&rid(2), org::NAME, json!("<b>山塘村</b>"), NOW - 50_000);
    let file = town.export(&Scope::Org(rid(2)), NOW);
    assert_eq!(file.file_name, "坪塘镇-b山塘村b-2026-11-23.json");
    let mut other = Station::village(2);
    other.import(&file.bytes, NOW);
    assert_eq!(other.get(&rid(10)).text(member::NAME), Some(nasty));
    assert_eq!(other.get(&rid(2)).text(org::NAME), Some("<b>山塘村</b>"));
}

#[test]
fn a_member_whose_branch_is_nowhere_is_rejected_and_the_rest_imports() {
    let mut town = small_township();
    town.commit(vec![member_edit(20, "孤儿", 99), member_edit(21, "正常", 2)], NOW - 50_000);
    town.commit(
        vec![Edit::Create {
            id: rid(22),
            kind: kind::MEMBER_EVENT.into(),
            fields: vec![("member".into(), json!(rid(20).as_str()))],
        }],
        NOW - 50_000,
    );
    let mut village = Station::village(2);
    let plan = village.import(&town.export_all(NOW), NOW);
    let rejected: Vec<(&RecordId, &RejectReason)> = plan.rejected.iter().map(|r| (&r.id, &r.reason)).collect();
    assert_eq!(
        rejected,
        vec![
            (&rid(20), &RejectReason::MissingReference { field: "org".into(), target: rid(99).to_string() }),
            (&rid(22), &RejectReason::MissingReference { field: "member".into(), target: rid(20).to_string() }),
        ]
    );
    assert!(plan.rejected[0].reason.message().contains("没有导入"));
    assert_eq!(plan.counts["member"].rejected, 1);
    assert_eq!(plan.counts["member"].new, 5);
    assert!(village.replica.get(&rid(21)).is_some());
    assert!(village.replica.get(&rid(20)).is_none());
    // The reference may also be satisfied by what the station already has.
    let mut holder = Station::village(3);
    holder.commit(vec![org_edit(99, "别处支部", None)], NOW - 60_000);
    assert!(holder.import(&town.export_all(NOW), NOW).rejected.is_empty());
}

#[test]
fn a_copied_browser_profile_is_noticed() {
    let mut town = small_township();
    let base = town.export_all(NOW - 90_000);
    // The profile copied to a second PC, which goes on editing under the same station id.
    let mut twin = Station::township(1);
    twin.import(&base, NOW - 90_000);
    twin.set(&rid(10), member::NAME, json!("张叁"), NOW - 80_000);
    let from_twin = twin.export_all(NOW - 70_000);
    // The first PC's own exports carry nothing it did not make.
    let own = town.import(&town.export_all(NOW), NOW);
    assert!(own.warnings.is_empty());
    let plan = town.import(&from_twin, NOW);
    let warned = plan.warnings.iter().find(|w| matches!(w, Warning::SameStationId { .. }));
    assert!(matches!(warned, Some(Warning::SameStationId { records: 2, beyond_own_clock: true, .. })), "{warned:?}");
    assert!(warned.unwrap().message().contains("新的站点编号"));
}

#[test]
fn records_from_a_clock_far_ahead_wait_and_the_rest_imports() {
    let mut town = small_township();
    let year_2035 = 2_060_000_000_000;
    let mut wrong = Station::township(5);
    wrong.import(&town.export_all(NOW), NOW);
    wrong.commit(vec![member_edit(30, "新人", 2)], NOW);
    wrong.set(&rid(11), member::NAME, json!("李肆"), year_2035);
    let plan = town.import(&wrong.export_all(NOW), NOW);
    // The member and the audit entry of that edit.
    assert_eq!(plan.quarantined.len(), 2);
    assert!(plan.quarantined.iter().any(|r| r.id == rid(11)));
    assert_eq!(plan.counts["member"].quarantined, 1);
    assert!(plan.warnings.iter().any(|w| matches!(w, Warning::FutureClocks { records: 2, .. })));
    assert_eq!(town.get(&rid(11)).text(member::NAME), Some("李四"));
    assert!(town.replica.get(&rid(30)).is_some());
    assert!(town.replica.clock().wall_ms() <= NOW);
}

#[test]
fn members_of_a_branch_set_aside_for_its_clock_wait_with_it_unless_the_station_has_it() {
    let mut town = small_township();
    let year_2035 = 2_060_000_000_000;
    let mut village = Station::village(2);
    village.import(&town.export(&Scope::Org(rid(2)), NOW - 90_000).bytes, NOW - 90_000);
    // A member entered first, then the new branch they belong to, made while the village PC's
    // clock said 2035 (its stamps stay ahead from then on).
    village.commit(vec![member_edit(61, "甲", 60)], NOW - 80_000);
    village.commit(vec![org_edit(60, "新支部", Some(2)), member_edit(62, "乙", 2)], year_2035);
    let plan = town.import(&village.export_all(year_2035), NOW);
    assert!(plan.quarantined.iter().any(|r| r.id == rid(60)));
    assert!(town.replica.get(&rid(61)).is_none(), "not written pointing at a branch the township lacks");
    let waits = plan.rejected.iter().find(|r| r.id == rid(61)).map(|r| &r.reason);
    assert!(matches!(waits, Some(RejectReason::ReferenceWaits { .. })), "{waits:?}");
    assert!(waits.unwrap().message().contains("暂缓"));
    assert!(plan.quarantined.iter().any(|r| r.id == rid(62)), "its own clock is ahead too");
}

#[test]
fn undo_puts_back_exactly_what_was_there_and_the_file_can_come_again() {
    let mut town = small_township();
    let mut village = Station::village(2);
    village.import(&town.export(&Scope::Org(rid(2)), NOW - 90_000).bytes, NOW - 90_000);
    village.set(&rid(10), member::NAME, json!("张叁"), NOW - 80_000);
    village.commit(vec![member_edit(40, "新党员", 2)], NOW - 80_000);
    let file = village.export_all(NOW - 70_000);
    let before = town.hash();
    let plan = town.import(&file, NOW);
    assert_eq!(plan.counts["member"].new, 1);
    assert_eq!(plan.counts["member"].updated, 1);
    let undo = ImportUndo::of(&plan, "山塘村-全部-2026-11-23.json");
    let stored: ImportUndo = serde_json::from_str(&serde_json::to_string(&undo).unwrap()).unwrap();
    assert_eq!(stored, undo);
    let restore = plan_undo(&stored, &town.replica).unwrap();
    assert!(restore.kinds.contains("member"));
    town.replica.restore(restore.records, &restore.remove);
    assert_eq!(town.hash(), before);
    // The restored copies have not seen the file's writes: importing it again brings them back.
    let again = town.import(&file, NOW + 1);
    assert_eq!(again.to_write.len(), plan.to_write.len());
    assert_eq!(town.get(&rid(10)).text(member::NAME), Some("张叁"));
    // Once something the import wrote is edited, undo would lose that edit: refused.
    let undo = ImportUndo::of(&again, "x.json");
    town.set(&rid(40), member::NAME, json!("新党员甲"), NOW + 2);
    let e = plan_undo(&undo, &town.replica).unwrap_err();
    assert_eq!(e, UndoError::ChangedSince { count: 1, example: rid(40) });
    assert!(e.message().contains("不能撤销"));
}

#[test]
fn undo_refuses_to_remove_what_records_made_since_belong_to() {
    let mut town = small_township();
    let mut village = Station::village(2);
    village.import(&town.export(&Scope::Org(rid(2)), NOW - 90_000).bytes, NOW - 90_000);
    // The village founds a branch under its own organization, with one member.
    village.commit(vec![org_edit(50, "山塘村第二党支部", Some(2)), member_edit(51, "王五", 50)], NOW - 80_000);
    let plan = town.import(&village.export_all(NOW - 70_000), NOW);
    let undo = ImportUndo::of(&plan, "山塘村.json");
    // The township adds a member to the new branch before undoing.
    town.commit(vec![member_edit(52, "赵六", 50)], NOW + 1);
    let e = plan_undo(&undo, &town.replica).unwrap_err();
    assert_eq!(e, UndoError::StillNamed { count: 1, example: rid(52) });
    assert!(e.message().contains("不能撤销"));
    // Once that member is moved elsewhere, the undo goes ahead.
    town.set(&rid(52), member::ORG, json!(rid(2).as_str()), NOW + 2);
    assert!(plan_undo(&undo, &town.replica).is_ok());
}

#[test]
fn a_conflict_is_listed_resolved_and_gone_everywhere() {
    let mut town = small_township();
    let mut village = Station::village(2);
    village.import(&town.export(&Scope::Org(rid(2)), NOW - 90_000).bytes, NOW - 90_000);
    town.set(&rid(10), member::NAME, json!("张三丰"), NOW - 80_000);
    village.set(&rid(10), member::NAME, json!("张叁"), NOW - 79_000);
    let plan = town.import(&village.export_all(NOW - 70_000), NOW - 70_000);
    assert_eq!(plan.conflicts, vec![rid(10)]);
    assert_eq!(plan.counts["member"].conflicts, 1);
    let listed = conflict::list(&town.replica);
    assert_eq!(listed.len(), 1);
    let c = &listed[0];
    assert_eq!((c.record.clone(), c.field.as_str()), (rid(10), member::NAME));
    assert_eq!(c.values.iter().map(|v| v.value.clone()).collect::<Vec<_>>(), vec![json!("张叁"), json!("张三丰")]);
    assert!(c.values[0].winning && c.values[0].station == village.profile.id);
    assert!(c.values[1].wall_ms() == NOW - 80_000);
    // The village meets the conflict too, with the same winner.
    let seen_there = village.import(&town.export_all(NOW - 60_000), NOW - 60_000);
    assert_eq!(seen_there.conflicts, vec![rid(10)]);
    assert_eq!(conflict::list(&village.replica), listed);
    // The township keeps its own value, though it is losing.
    town.commit(vec![conflict::resolve(c, json!("张三丰"))], NOW - 50_000);
    assert!(conflict::list(&town.replica).is_empty());
    village.import(&town.export_all(NOW - 40_000), NOW - 40_000);
    town.import(&village.export_all(NOW - 30_000), NOW - 30_000);
    for s in [&town, &village] {
        assert!(conflict::list(&s.replica).is_empty());
        assert_eq!(s.get(&rid(10)).text(member::NAME), Some("张三丰"));
    }
    assert_eq!(state_of(&town, 10), state_of(&village, 10));
}

#[test]
fn the_same_value_written_at_two_stations_is_no_conflict_to_choose() {
    let mut town = small_township();
    let mut village = Station::village(2);
    village.import(&town.export(&Scope::Org(rid(2)), NOW - 90_000).bytes, NOW - 90_000);
    // Both correct the address the same way, and change the phone differently.
    town.commit(
        vec![Edit::Update {
            id: rid(10),
            fields: vec![(member::ADDRESS.into(), json!("山塘村3组")), (member::PHONE.into(), json!("1"))],
        }],
        NOW - 80_000,
    );
    village.commit(
        vec![Edit::Update {
            id: rid(10),
            fields: vec![(member::ADDRESS.into(), json!("山塘村3组")), (member::PHONE.into(), json!("2"))],
        }],
        NOW - 79_000,
    );
    let plan = town.import(&village.export_all(NOW - 70_000), NOW - 70_000);
    assert_eq!(town.get(&rid(10)).conflicts().count(), 2, "two writes in each field");
    let listed = conflict::list(&town.replica);
    assert_eq!(listed.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), [member::PHONE]);
    assert_eq!((plan.conflicts.len(), plan.counts["member"].conflicts), (1, 1));
    // Agreeing alone is not counted either.
    let mut other = Station::village(3);
    other.import(&town.export(&Scope::Org(rid(2)), NOW - 60_000).bytes, NOW - 60_000);
    town.set(&rid(11), member::ADDRESS, json!("山塘村5组"), NOW - 50_000);
    other.set(&rid(11), member::ADDRESS, json!("山塘村5组"), NOW - 49_000);
    let plan = town.import(&other.export_all(NOW - 40_000), NOW - 40_000);
    assert!(plan.conflicts.is_empty() && plan.counts["member"].conflicts == 0);
    assert_eq!(conflict::list(&town.replica).len(), 1, "only the phone");
}

fn state_of(s: &Station, n: u32) -> String {
    serde_json::to_string(s.get(&rid(n))).unwrap()
}

#[test]
fn township_to_village_and_back_brings_no_false_conflicts() {
    let mut town = sample_township(&SMALL, 9);
    let village_org = {
        let orgs: Vec<_> = town.replica.live(kind::ORG).map(org::Org::from_record).collect();
        orgs.iter().find(|o| o.parent.is_some() && o.category == Some(org::OrgCategory::Branch)).unwrap().id.clone()
    };
    let mut village = Station::village(2);
    let down = town.export(&Scope::Org(village_org.clone()), NOW - 3_000);
    assert!(down.file_name.starts_with("坪塘镇-"));
    let plan = village.import(&down.bytes, NOW - 3_000);
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    // The village edits its members, twice each, and the township meanwhile edits others.
    let ours: Vec<RecordId> = village.replica.live(kind::MEMBER).map(|r| r.id.clone()).take(5).collect();
    for (i, id) in ours.iter().enumerate() {
        village.set(id, member::PHONE, json!(format!("1380000000{i}")), NOW - 2_000);
        village.set(id, member::PHONE, json!(format!("1390000000{i}")), NOW - 1_900);
    }
    let elsewhere = town.replica.live(kind::MEMBER).find(|r| village.replica.get(&r.id).is_none()).unwrap().id.clone();
    town.set(&elsewhere, member::PHONE, json!("13700000000"), NOW - 1_500);
    let up = village.export(&Scope::Station, NOW - 1_000);
    assert!(up.file_name.starts_with("山塘村-全部-"));
    let plan = town.import(&up.bytes, NOW - 1_000);
    assert!(plan.conflicts.is_empty());
    assert!(conflict::list(&town.replica).is_empty());
    assert_eq!(plan.counts["member"].updated, 5);
    // Only the members and their audit entries changed.
    assert_eq!(plan.to_write.len(), 5 + 10);
    // And down again: the village learns nothing new about its own edits.
    let again = village.import(&town.export(&Scope::Org(village_org), NOW).bytes, NOW);
    assert!(again.conflicts.is_empty());
    assert!(again.to_write.iter().all(|r| !ours.contains(&r.id)));
}

#[test]
fn deletes_do_not_come_back_and_older_files_change_nothing() {
    let mut town = small_township();
    let mut village = Station::village(2);
    let old = town.export_all(NOW - 90_000);
    village.import(&old, NOW - 90_000);
    town.commit(vec![Edit::Delete { id: rid(11) }], NOW - 80_000);
    // The village edits the member the township deleted, without knowing.
    village.set(&rid(11), member::PHONE, json!("13800000000"), NOW - 79_000);
    let newer = town.export_all(NOW - 70_000);
    let mut third = Station::township(3);
    third.import(&newer, NOW);
    assert!(third.import(&old, NOW).changes_nothing());
    third.import(&village.export_all(NOW), NOW);
    assert!(third.get(&rid(11)).is_deleted());
    village.import(&newer, NOW);
    assert!(village.get(&rid(11)).is_deleted());
    assert_eq!(village.get(&rid(11)).fields[DELETED_FIELD].len(), 1);
}

// ---- properties through files: three stations with random histories ----

const STATIONS: usize = 3;
const RECORDS: u32 = 3;
const FIELDS: [&str; 3] = ["name", "phone", DELETED_FIELD];

#[derive(Clone, Debug)]
enum Op {
    Edit { station: usize, record: u32, field: usize, value: u8 },
    Send { from: usize, to: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..STATIONS, 0..RECORDS, 0..FIELDS.len(), any::<u8>())
            .prop_map(|(station, record, field, value)| Op::Edit { station, record, field, value }),
        1 => (0..STATIONS, 0..STATIONS).prop_map(|(from, to)| Op::Send { from, to }),
    ]
}

fn history(ops: &[Op]) -> (Vec<Station>, Vec<Vec<u8>>) {
    let mut stations: Vec<Station> = (0..STATIONS).map(|i| Station::township(i as u8 + 1)).collect();
    let creates = (0..RECORDS).map(|n| member_edit(100 + n, "起初", 1)).collect();
    stations[0].commit(vec![org_edit(1, "镇党委", None)], NOW - 1_000_000);
    stations[0].commit(creates, NOW - 1_000_000);
    let first = stations[0].export_all(NOW - 1_000_000);
    for s in &mut stations[1..] {
        s.import(&first, NOW - 1_000_000);
    }
    // Every export of station 0 along the way, oldest first.
    let mut exports_of_0 = vec![first];
    for (i, op) in ops.iter().enumerate() {
        let now = NOW - 900_000 + i as u64 * 10;
        match *op {
            Op::Edit { station, record, field, value } => {
                let name = FIELDS[field];
                let value = if name == DELETED_FIELD { json!(value % 2 == 0) } else { json!(value) };
                stations[station].set(&rid(100 + record), name, value, now);
            }
            Op::Send { from, to } => {
                let bytes = stations[from].export_all(now);
                if from == 0 {
                    exports_of_0.push(bytes.clone());
                }
                stations[to].import(&bytes, now);
            }
        }
    }
    exports_of_0.push(stations[0].export_all(NOW));
    (stations, exports_of_0)
}

const ORDERS: [[usize; 3]; 6] = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn files_imported_in_any_order_give_the_same_state(ops in prop::collection::vec(op(), 1..30)) {
        let (stations, _) = history(&ops);
        let files: Vec<Vec<u8>> = stations.iter().map(|s| s.export_all(NOW)).collect();
        let mut hashes = Vec::new();
        for order in ORDERS {
            let mut hub = Station::township(9);
            for &i in &order {
                hub.import(&files[i], NOW);
            }
            // The same files again change nothing.
            for &i in &order {
                prop_assert!(hub.import(&files[i], NOW).changes_nothing());
            }
            hashes.push(hub.hash());
        }
        prop_assert!(hashes.iter().all(|h| h == &hashes[0]), "{:?}", hashes);
        // And a station that takes the others' files ends in that state too.
        let mut s0 = Station { replica: stations[0].replica.clone(), profile: stations[0].profile.clone() };
        s0.import(&files[1], NOW);
        s0.import(&files[2], NOW);
        prop_assert_eq!(s0.hash(), hashes[0].clone());
    }

    #[test]
    fn an_older_file_after_a_newer_one_changes_nothing(ops in prop::collection::vec(op(), 1..30)) {
        let (_, exports) = history(&ops);
        let mut hub = Station::township(9);
        hub.import(exports.last().unwrap(), NOW);
        let state = hub.hash();
        for older in exports.iter().rev().skip(1) {
            let plan = hub.import(older, NOW);
            prop_assert!(plan.changes_nothing());
            // The plan itself says so: nothing new, nothing updated.
            prop_assert_eq!(plan.totals().new + plan.totals().updated, 0);
        }
        prop_assert_eq!(hub.hash(), state);
    }
}

#[test]
fn a_station_that_never_heard_of_a_record_kind_passes_it_on() {
    let mut town = small_township();
    town.commit(
        vec![Edit::Create {
            id: rid(70),
            kind: "appraisal_2030".into(),
            fields: vec![("about".into(), json!(rid(10).as_str())), ("score".into(), json!(95))],
        }],
        NOW - 10_000,
    );
    let mut village = Station::village(2);
    village.import(&town.export(&Scope::Org(rid(2)), NOW).bytes, NOW);
    assert_eq!(village.get(&rid(70)).kind, "appraisal_2030");
}

#[test]
fn preview_leaves_the_station_untouched_and_never_writes_unchanged_records() {
    let town = small_township();
    let mut village = Station::village(2);
    let bytes = town.export_all(NOW);
    let parsed = parse(&bytes).unwrap();
    let plan = preview(&village.replica, &parsed, NOW);
    assert!(village.replica.is_empty());
    assert_eq!(plan.before, vec![None; plan.to_write.len()]);
    village.replica.absorb(plan.to_write.clone(), NOW);
    village.set(&rid(10), member::PHONE, json!("1"), NOW + 1);
    let plan = preview(&village.replica, &parsed, NOW + 2);
    assert!(plan.changes_nothing(), "{:?}", plan.to_write);
}

#[test]
fn a_file_too_big_for_the_page_is_refused_before_reading_with_how_to_split_it() {
    use dangjian_exchange::read::{too_big, PAGE_MEMORY_MAX, PEAK_PER_FILE_BYTE};
    const MB: u64 = 1 << 20;
    // An empty page: a county file of 295 MB fits, one of 900 MB does not.
    assert_eq!(too_big(295 * MB, 64 * MB), None);
    let max = too_big(900 * MB, 64 * MB).expect("too big");
    assert_eq!(max, (PAGE_MEMORY_MAX - 64 * MB) / PEAK_PER_FILE_BYTE);
    assert_eq!(too_big(max, 64 * MB), None, "the largest that fits");
    // The more the page holds already, the less room.
    assert!(too_big(700 * MB, 1024 * MB).is_some());
    let message = ImportError::TooBig { file_bytes: 900 * MB, max_bytes: max }.message();
    assert!(message.starts_with("这个文件有 900 MB，太大了"), "{message}");
    assert!(message.contains("本机数据没有任何改动") && message.contains("“一个组织及其下级组织”"), "{message}");
}
