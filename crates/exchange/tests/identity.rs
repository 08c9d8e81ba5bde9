//! Merges of duplicate records travel (issue 13, point 3): three stations that each set up the
//! same branch and people on their own, merge duplicates (sometimes the same pair, choosing
//! other values), move members, undo merges, and send files in any order. After every station
//! has taken every other's file (until nothing more changes), all hold the same records; no live
//! record names a merged one; every member's branch is a record the station holds.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::identity::{self, Aliases};
use dangjian_domain::org_ops::{Batch, BatchOp};
use dangjian_domain::record::{kind, Record, RecordId};
use dangjian_domain::replica::Edit;
use dangjian_domain::{member, org};
use proptest::prelude::*;
use serde_json::json;
use support::*;

const STATIONS: usize = 3;
/// Names people and branches take: few, so that stations enter the same ones.
const NAMES: usize = 3;

#[derive(Clone, Debug)]
enum Op {
    /// A member named `name` under the station's first live branch of name `branch`.
    Add {
        station: usize,
        name: usize,
        branch: usize,
    },
    /// A branch named `name`, at the top.
    Branch {
        station: usize,
        name: usize,
    },
    /// Merges the `pick`th pair of live records of one kind and name at the station, taking the
    /// second record's values when `second`.
    Merge {
        station: usize,
        orgs: bool,
        pick: usize,
        second: bool,
    },
    /// Moves the `pick`th live member to the `to`th live branch.
    Move {
        station: usize,
        pick: usize,
        to: usize,
    },
    /// Undoes the `pick`th merge at the station not undone yet.
    Unmerge {
        station: usize,
        pick: usize,
    },
    Send {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..STATIONS, 0..NAMES, 0..NAMES).prop_map(|(station, name, branch)| Op::Add { station, name, branch }),
        1 => (0..STATIONS, 0..NAMES).prop_map(|(station, name)| Op::Branch { station, name }),
        3 => (0..STATIONS, any::<bool>(), 0..4usize, any::<bool>())
            .prop_map(|(station, orgs, pick, second)| Op::Merge { station, orgs, pick, second }),
        1 => (0..STATIONS, 0..8usize, 0..4usize).prop_map(|(station, pick, to)| Op::Move { station, pick, to }),
        1 => (0..STATIONS, 0..3usize).prop_map(|(station, pick)| Op::Unmerge { station, pick }),
        3 => (0..STATIONS, 0..STATIONS).prop_map(|(from, to)| Op::Send { from, to }),
    ]
}

fn live<'a>(s: &'a Station, kind: &'a str) -> Vec<&'a Record> {
    s.replica.live(kind).collect()
}

/// Pairs of live records of `kind` with the same name, in id order.
fn same_named(s: &Station, kind: &str) -> Vec<(Record, Record)> {
    let records = live(s, kind);
    let mut pairs = Vec::new();
    for (i, a) in records.iter().enumerate() {
        for b in &records[i + 1..] {
            if a.text("name") == b.text("name") {
                pairs.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    pairs
}

fn run(ops: &[Op]) -> Vec<Station> {
    let mut stations: Vec<Station> = (0..STATIONS).map(|i| Station::township(i as u8 + 1)).collect();
    let mut next = 1000u32;
    let mut fresh = || {
        next += 1;
        rid(next)
    };
    // Each station sets up the same branch on its own.
    for s in stations.iter_mut() {
        let id = fresh();
        s.commit(
            vec![Edit::Create { id, kind: kind::ORG.into(), fields: vec![(org::NAME.into(), json!("名0"))] }],
            NOW - 1_000_000,
        );
    }
    for (i, op) in ops.iter().enumerate() {
        let now = NOW - 900_000 + i as u64 * 10;
        match *op {
            Op::Add { station, name, branch } => {
                let s = &mut stations[station];
                let Some(org) = live(s, kind::ORG)
                    .into_iter()
                    .find(|o| o.text("name") == Some(&format!("名{branch}")))
                    .map(|o| o.id.clone())
                else {
                    continue;
                };
                let id = fresh();
                s.commit(
                    vec![Edit::Create {
                        id,
                        kind: kind::MEMBER.into(),
                        fields: vec![
                            (member::NAME.into(), json!(format!("名{name}"))),
                            (member::ORG.into(), json!(org.as_str())),
                        ],
                    }],
                    now,
                );
            }
            Op::Branch { station, name } => {
                let id = fresh();
                stations[station].commit(
                    vec![Edit::Create {
                        id,
                        kind: kind::ORG.into(),
                        fields: vec![(org::NAME.into(), json!(format!("名{name}")))],
                    }],
                    now,
                );
            }
            Op::Merge { station, orgs, pick, second } => {
                let s = &mut stations[station];
                let pairs = same_named(s, if orgs { kind::ORG } else { kind::MEMBER });
                if pairs.is_empty() {
                    continue;
                }
                let (a, b) = &pairs[pick % pairs.len()];
                let from = if second { b } else { a };
                let chosen: Vec<_> = identity::differing_fields(a, b)
                    .into_iter()
                    .filter_map(|f| from.value(&f).cloned().map(|v| (f, v)))
                    .collect();
                let batch = fresh();
                let edits = identity::plan_merge(a, b, &chosen, s.replica.records(), batch, today())
                    .expect("a live pair merges");
                s.commit(edits, now);
            }
            Op::Move { station, pick, to } => {
                let s = &mut stations[station];
                let (members, orgs) = (live(s, kind::MEMBER), live(s, kind::ORG));
                if members.is_empty() || orgs.is_empty() {
                    continue;
                }
                let (m, o) = (members[pick % members.len()].id.clone(), orgs[to % orgs.len()].id.clone());
                s.set(&m, member::ORG, json!(o.as_str()), now);
            }
            Op::Unmerge { station, pick } => {
                let s = &mut stations[station];
                let merges: Vec<Record> = live(s, kind::BATCH)
                    .into_iter()
                    .filter(|b| {
                        let b = Batch::from_record(b);
                        b.op == Some(BatchOp::Identity) && !b.undone
                    })
                    .cloned()
                    .collect();
                if merges.is_empty() {
                    continue;
                }
                if let Ok(edits) = identity::plan_unmerge(&merges[pick % merges.len()], |id| s.replica.get(id)) {
                    s.commit(edits, now);
                }
            }
            Op::Send { from, to } => {
                if from != to {
                    let bytes = stations[from].export_all(now);
                    stations[to].import(&bytes, now);
                }
            }
        }
    }
    // Everyone takes everyone's file until nothing more changes (an import may repoint records,
    // which the others then take in).
    for round in 0..6 {
        let mut changed = false;
        for to in 0..STATIONS {
            for from in (0..STATIONS).filter(|f| *f != to) {
                let bytes = stations[from].export_all(NOW);
                changed |= !stations[to].import(&bytes, NOW).changes_nothing();
            }
        }
        if !changed {
            break;
        }
        assert!(round < 5, "exchanges never settle");
    }
    stations
}

/// Every id a live record names that is merged away (none should be), and every member whose
/// branch the station does not hold.
fn dangling(s: &Station) -> Vec<String> {
    let aliases = Aliases::of(s.replica.records());
    let mut out = Vec::new();
    for r in s.replica.records().filter(|r| !r.is_deleted()) {
        for (field, _) in identity::repointed(r, &aliases) {
            out.push(format!("{}.{field} names a merged record", r.id));
        }
        if r.kind == kind::MEMBER {
            let org = r.text(member::ORG).and_then(RecordId::parse);
            if org.as_ref().is_none_or(|o| s.replica.get(o).is_none()) {
                out.push(format!("{} has no branch here", r.id));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn merges_in_any_order_and_interleaving_end_the_same_everywhere(ops in prop::collection::vec(op(), 1..40)) {
        let stations = run(&ops);
        let hashes: Vec<String> = stations.iter().map(Station::hash).collect();
        prop_assert!(hashes.iter().all(|h| h == &hashes[0]), "{:?}", hashes);
        for s in &stations {
            let bad = dangling(s);
            prop_assert!(bad.is_empty(), "{:?}", bad);
        }
    }
}

#[test]
fn two_stations_that_merge_the_same_pair_their_own_way_keep_the_same_record() {
    let ops = [
        Op::Add { station: 0, name: 1, branch: 0 },
        Op::Send { from: 0, to: 1 },
        Op::Add { station: 1, name: 1, branch: 0 },
        Op::Send { from: 1, to: 0 },
        // Both now hold two 名1 and two 名0 branches; each merges them taking other values.
        Op::Merge { station: 0, orgs: true, pick: 0, second: false },
        Op::Merge { station: 1, orgs: true, pick: 0, second: true },
        Op::Merge { station: 0, orgs: false, pick: 0, second: true },
        Op::Merge { station: 1, orgs: false, pick: 0, second: false },
    ];
    let stations = run(&ops);
    let s = &stations[0];
    assert_eq!(
        s.replica.live(kind::ORG).filter(|o| o.text("name") == Some("名0")).count(),
        2,
        "station 2's own branch stays"
    );
    let ones: Vec<&Record> = s.replica.live(kind::MEMBER).filter(|m| m.text("name") == Some("名1")).collect();
    assert_eq!(ones.len(), 1, "one record of the person");
    assert!(stations.iter().all(|x| x.hash() == s.hash()));
    assert!(dangling(s).is_empty());
}

#[test]
fn a_file_made_before_the_merge_lands_on_the_kept_record() {
    let mut village = Station::village(2);
    let mut town = Station::township(1);
    town.commit(vec![org_edit_of(1, "向阳村党支部", "branch", None)], NOW - 10_000);
    village.commit(vec![org_edit_of(2, "向阳村党支部", "branch", None)], NOW - 10_000);
    village.import(&town.export_all(NOW - 9_000), NOW - 9_000);
    // The township, not knowing yet, adds a member to the village's branch after taking its file.
    town.import(&village.export_all(NOW - 8_000), NOW - 8_000);
    let before_merge = town.export_all(NOW - 7_000);
    town.commit(vec![member_edit(10, "王建军", 2)], NOW - 6_000);
    let with_member = town.export_all(NOW - 5_000);
    // The village merges the two branches: 1 stays (the smaller id).
    let (a, b) = (village.get(&rid(2)).clone(), village.get(&rid(1)).clone());
    let edits = identity::plan_merge(&a, &b, &[], village.replica.records(), rid(90), today()).unwrap();
    village.commit(edits, NOW - 4_000);
    assert!(village.get(&rid(2)).is_deleted());
    // Files made before the merge come in after it: the member lands on the kept branch.
    assert!(village.import(&before_merge, NOW - 3_000).repointed.is_empty());
    let plan = village.import(&with_member, NOW - 2_000);
    assert_eq!(plan.repointed, vec![rid(10)]);
    assert_eq!(village.get(&rid(10)).text(member::ORG), Some(rid(1).as_str()));
    // And the township learns the merge: its member moves too, as its own edit.
    let plan = town.import(&village.export_all(NOW - 1_000), NOW - 1_000);
    assert!(town.get(&rid(2)).is_deleted());
    assert_eq!(town.get(&rid(10)).text(member::ORG), Some(rid(1).as_str()));
    assert!(plan.repointed.is_empty(), "the village's file already moved it");
}
