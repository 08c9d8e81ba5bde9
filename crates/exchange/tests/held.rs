//! Records set aside for their clocks (`held`): kept, listed, merged as they are once the clocks
//! agree, accepted at the present with the audit saying so, and dropped with an undone import.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::audit::{trail_of, Action};
use dangjian_domain::clock::Hlc;
use dangjian_domain::member;
use dangjian_domain::record::kind;
use dangjian_domain::replica::{is_from_the_future, newest_stamp};
use dangjian_domain::station::StationId;
use dangjian_exchange::export::Scope;
use dangjian_exchange::held::{self, plan_taking, Held, Take};
use dangjian_exchange::plan::RejectReason;
use dangjian_exchange::read::parse;
use serde_json::json;
use support::*;

const YEAR_2035: u64 = 2_060_000_000_000;

/// A township (1) with village branch 2 and members 10, 11.
fn township() -> Station {
    let mut t = Station::township(1);
    t.commit(
        vec![
            org_edit_of(1, "坪塘镇党委", "party_committee", None),
            org_edit_of(2, "山塘村党支部", "branch", Some(1)),
            member_edit(10, "张三", 2),
            member_edit(11, "李四", 2),
        ],
        NOW - 100_000,
    );
    t
}

/// The township's file read by a village PC whose clock said 2035 when it renamed 李四, added a
/// member and a branch with a member in it; what the township's import of that file set aside.
fn held_at_township(town: &mut Station) -> (Vec<Held>, String, Vec<u8>) {
    let mut wrong = Station::village(5);
    wrong.import(&town.export_all(NOW), NOW);
    wrong.commit(
        vec![org_edit_of(60, "新支部", "branch", Some(1)), member_edit(61, "甲", 60), member_edit(30, "新人", 2)],
        YEAR_2035,
    );
    wrong.set(&rid(11), member::NAME, json!("李肆"), YEAR_2035 + 1_000);
    let bytes = wrong.export_all(YEAR_2035 + 2_000);
    let file = parse(&bytes).unwrap();
    let plan = town.import(&bytes, NOW);
    assert!(plan.to_write.is_empty(), "every record of that file carries a stamp from 2035");
    let mut list = Vec::new();
    held::hold(&mut list, &plan.quarantined, &file.header, "山塘村.json", NOW);
    // Imported again: its own records replaced, not added twice.
    held::hold(&mut list, &plan.quarantined, &file.header, "山塘村.json", NOW + 5);
    assert_eq!(list.len(), plan.quarantined.len());
    (held::from_json(Some(&held::to_json(&list))), file.header.sha256, bytes)
}

fn of<'a>(list: &'a [Held], ids: &[u32]) -> Vec<&'a Held> {
    list.iter().filter(|h| ids.iter().any(|&n| h.record.id == rid(n))).collect()
}

#[test]
fn the_list_keeps_records_whole_with_where_they_came_from() {
    let mut town = township();
    let (list, sha, _) = held_at_township(&mut town);
    let member = list.iter().find(|h| h.record.id == rid(11)).expect("李四 set aside");
    assert_eq!(member.record.text(member::NAME), Some("李肆"));
    assert_eq!(member.from.name, "山塘村");
    assert_eq!(member.file_name, "山塘村.json");
    assert_eq!(member.sha256, sha);
    assert!(member.stamp().wall_ms() >= YEAR_2035);
    assert!(!member.is_due(NOW));
    assert!(member.is_due(YEAR_2035 + 10_000));
    // Nothing of it reached the township, and its clock stayed in the present.
    assert_eq!(town.get(&rid(11)).text(member::NAME), Some("李四"));
    assert!(town.replica.clock().wall_ms() <= NOW);
    let mut undone = list.clone();
    held::drop_import(&mut undone, &sha);
    assert!(undone.is_empty());
}

#[test]
fn accepted_now_they_are_this_stations_edit_at_the_present_and_the_audit_says_from_where() {
    let mut town = township();
    let (mut list, _, bytes) = held_at_township(&mut town);
    let chosen: Vec<&Held> = list.iter().collect();
    let from = town.profile_ref();
    let p = plan_taking(&town.replica, &chosen, Take::Restamped, &from, "坪塘镇", NOW + 60_000);
    assert!(p.staying.is_empty(), "{:?}", p.staying);
    assert_eq!(p.taken.len(), list.len());
    town.replica.absorb(p.plan.to_write.clone(), NOW + 60_000);
    let li = town.get(&rid(11));
    assert_eq!(li.text(member::NAME), Some("李肆"));
    let stamp = li.fields[member::NAME][0].clock;
    assert_eq!(li.fields[member::NAME][0].station, *town.replica.station());
    assert!(stamp.wall_ms() <= NOW + 60_000, "stamped at the present, not in 2035");
    assert!(town.replica.clock().wall_ms() <= NOW + 60_000);
    assert_eq!(town.get(&rid(61)).text(member::NAME), Some("甲"));
    assert!(town.replica.get(&rid(60)).is_some(), "the branch came with its member");
    // The trail of 李四 ends with the acceptance, naming the village and the 2035 stamp.
    let trail = trail_of(town.replica.of_kind(kind::CHANGE), &rid(11));
    let last = trail.last().expect("an entry");
    assert_eq!(last.action, Action::Accept);
    let accepted = last.accepted.as_ref().expect("where it came from");
    assert_eq!(accepted.name, "山塘村");
    assert!(accepted.stamp_ms >= YEAR_2035);
    assert!(last.changes.iter().any(|c| c.field == member::NAME && c.new == json!("李肆") && c.old == json!("李四")));
    // A new record gets an entry too, from nothing.
    let made = trail_of(town.replica.of_kind(kind::CHANGE), &rid(30));
    assert_eq!(made.len(), 1);
    assert!(made[0].changes.iter().all(|c| c.old.is_null()));
    held::release(&mut list, &p.taken);
    assert!(list.is_empty());
    // The village's file again once 2035 has come: its stamps win, with the same values.
    let later = town.import(&bytes, YEAR_2035 + 10_000);
    assert!(later.quarantined.is_empty());
    assert_eq!(town.get(&rid(11)).text(member::NAME), Some("李肆"));
    assert_eq!(town.get(&rid(61)).text(member::NAME), Some("甲"));
}

#[test]
fn a_member_accepted_without_its_branch_waits_and_no_entry_is_written_for_it() {
    let mut town = township();
    let (list, _, _) = held_at_township(&mut town);
    let from = town.profile_ref();
    let p = plan_taking(&town.replica, &of(&list, &[61]), Take::Restamped, &from, "坪塘镇", NOW + 60_000);
    assert!(p.taken.is_empty());
    assert_eq!(p.staying.len(), 1);
    assert!(p.plan.to_write.is_empty(), "{:?}", p.plan.to_write);
    let reason = p.plan.rejected.iter().find(|r| r.id == rid(61)).map(|r| &r.reason);
    assert!(matches!(reason, Some(RejectReason::MissingReference { .. })), "{reason:?}");
}

#[test]
fn as_they_are_only_once_the_clocks_agree() {
    let mut town = township();
    let (list, _, _) = held_at_township(&mut town);
    let chosen: Vec<&Held> = list.iter().collect();
    let from = list[0].from.clone();
    let early = plan_taking(&town.replica, &chosen, Take::AsTheyAre, &from, "坪塘镇", NOW);
    assert!(early.taken.is_empty());
    assert_eq!(early.staying.len(), list.len());
    assert!(early.staying[0].1.contains("超前"));
    // This PC's clock was the one behind: put right, they merge with their own stamps.
    let later = YEAR_2035 + 10_000;
    let p = plan_taking(&town.replica, &chosen, Take::AsTheyAre, &from, "坪塘镇", later);
    assert_eq!(p.taken.len(), list.len(), "{:?}", p.staying);
    town.replica.absorb(p.plan.to_write.clone(), later);
    let li = town.get(&rid(11));
    assert_eq!(li.text(member::NAME), Some("李肆"));
    assert_eq!(li.fields[member::NAME][0].station, list[0].from.id);
    assert!(trail_of(town.replica.of_kind(kind::CHANGE), &rid(11)).iter().all(|e| e.action != Action::Accept));
}

#[test]
fn a_record_that_has_seen_a_stamp_from_2035_is_set_aside_too() {
    let town = township();
    // Its writes are of the present, but it says it has seen a stamp of 2035 (the write that
    // carried it lost, or was dropped): merged, that would hide the station's writes until then.
    let mut r = town.get(&rid(10)).clone();
    assert!(!is_from_the_future(&r, NOW));
    *r.seen.get_or_insert_with(StationId::from_random([5; 8]), || Hlc::ZERO) = Hlc::new(YEAR_2035, 0);
    assert!(r.check().is_ok());
    assert!(is_from_the_future(&r, NOW));
    assert_eq!(newest_stamp(&r).wall_ms(), YEAR_2035);
}

#[test]
fn a_member_of_a_branch_set_aside_waits_with_it_and_is_taken_in_with_it() {
    let mut town = township();
    let mut village = Station::village(2);
    village.import(&town.export(&Scope::Org(rid(2)), NOW - 90_000).bytes, NOW - 90_000);
    // A member entered while the clock was right, in a branch made while it said 2035.
    village.commit(vec![member_edit(61, "甲", 60)], NOW - 80_000);
    village.commit(vec![org_edit_of(60, "新支部", "branch", Some(2))], YEAR_2035);
    let bytes = village.export_all(YEAR_2035);
    let file = parse(&bytes).unwrap();
    let plan = town.import(&bytes, NOW);
    let aside = held::set_aside(&plan, &file);
    assert!(aside.iter().any(|r| r.id == rid(60)), "the branch, for its clock");
    assert!(aside.iter().any(|r| r.id == rid(61)), "its member, waiting for it");
    let mut list = Vec::new();
    held::hold(&mut list, &aside, &file.header, "山塘村.json", NOW);
    let chosen: Vec<&Held> = list.iter().collect();
    let p = plan_taking(&town.replica, &chosen, Take::Restamped, &town.profile_ref(), "坪塘镇", NOW + 1_000);
    assert!(p.staying.is_empty(), "{:?}", p.staying);
    town.replica.absorb(p.plan.to_write.clone(), NOW + 1_000);
    assert_eq!(town.get(&rid(61)).text(member::ORG), Some(rid(60).as_str()));
}
