//! The property of issue 12, point 8: scores are a pure function of records and scheme, the same
//! whatever order stations' records arrive in. Three stations mark attendance (the same members
//! too, so some fields conflict), type points entries, transcribe ballots and score sheets; their
//! records are merged into fresh replicas in shuffled orders, some twice, and every score is
//! computed from each, from lists in shuffled order too.

use super::appraisal::{appraise, Appraisal, CadreFacts, Sheet};
use super::explain::Points;
use super::ledger::{member_ledger, Ledger, PointsEntry, Sources};
use super::meeting::{mark_attendance, Attendance, Mark, Meeting, MeetingDraft, MeetingKind};
use super::review::{count, Ballot, Choice, Grade, Review, Tally};
use super::scheme::{create_scheme, template, Family, Scheme};
use crate::member::Member;
use crate::org::{Org, OrgCategory};
use crate::record::{kind, Record, RecordId};
use crate::replica::{Edit, Replica};
use crate::station::StationId;
use crate::test_support::{day, org, rid};
use proptest::prelude::*;
use serde_json::json;

const MEMBERS: std::ops::RangeInclusive<u8> = 20..=27;

/// What one station does.
#[derive(Clone, Debug)]
enum Op {
    Mark { meeting: u8, member: u8, attendance: u8 },
    Entry { member: u8, bonus: bool, points: i64 },
    Ballot { choices: Vec<(u8, u8)> },
    Sheet { group: u8, scores: [i64; 5] },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4u8, MEMBERS, 0..3u8).prop_map(|(meeting, member, attendance)| Op::Mark { meeting, member, attendance }),
        (MEMBERS, any::<bool>(), 1..=5i64).prop_map(|(member, bonus, points)| Op::Entry { member, bonus, points }),
        prop::collection::vec((MEMBERS, 0..5u8), 1..4).prop_map(|choices| Op::Ballot { choices }),
        (0..3u8, [0..=15i64, 0..=20, 0..=15, 0..=20, 0..=10]).prop_map(|(group, scores)| Op::Sheet { group, scores }),
    ]
}

fn scheme_of(family: Family, id: u8) -> (Scheme, Edit) {
    let edit = create_scheme(&template(family, 2026), rid(id)).unwrap();
    let Edit::Create { id, kind: k, fields } = &edit else { panic!() };
    (Scheme::from_record(&Record::unstamped(id, k, fields)), edit)
}

fn orgs() -> Vec<Org> {
    vec![
        org(1, "坪塘镇党委", OrgCategory::TownshipCommittee, None),
        org(2, "山塘村党支部", OrgCategory::Branch, Some(1)),
    ]
}

fn members() -> Vec<Member> {
    MEMBERS.map(|n| super::meeting::tests::member(n, &format!("党员{n}"), 2)).collect()
}

/// The shared start (schemes, meetings, the review and the appraisal), then each station's ops;
/// every station's records at the end.
fn stations(ops: &[(u8, Op)]) -> Vec<Vec<Record>> {
    let today = day("2026-12-10");
    let (points, points_edit) = scheme_of(Family::MemberPoints, 90);
    let (_, review_edit) = scheme_of(Family::MemberReview, 91);
    let (appraisal_scheme, appraisal_edit) = scheme_of(Family::CadreAppraisal, 92);
    let mut start = vec![points_edit, review_edit, appraisal_edit];
    for m in 0..4u8 {
        let draft = MeetingDraft {
            date: format!("2026-{:02}-05", m + 3),
            org: Some(rid(2)),
            kind: Some(MeetingKind::ALL[m as usize]),
            topic: "学习".into(),
        };
        start.push(super::meeting::create_meeting(&draft, rid(100 + m), &orgs(), today).unwrap());
    }
    start.push(Edit::Create {
        id: rid(110),
        kind: kind::REVIEW.into(),
        fields: vec![
            ("org".into(), json!(rid(2).as_str())),
            ("year".into(), json!(2026)),
            ("scheme".into(), json!(rid(91).as_str())),
            ("closes".into(), json!("2026-12-20")),
        ],
    });
    start.push(Edit::Create {
        id: rid(111),
        kind: kind::APPRAISAL.into(),
        fields: vec![
            ("cadre".into(), json!(rid(5).as_str())),
            ("year".into(), json!(2026)),
            ("scheme".into(), json!(rid(92).as_str())),
        ],
    });
    let founder = Replica::new(StationId::from_random([1; 8]));
    let shared = founder.stage(start, 1_000, &[]).unwrap();
    let mut reps: Vec<Replica> = (1..=3u8).map(|s| Replica::new(StationId::from_random([s; 8]))).collect();
    for r in &mut reps {
        r.absorb(shared.clone(), 1_000);
    }
    let review = Review::from_record(reps[0].get(&rid(110)).unwrap());
    let appraisal = Appraisal::from_record(reps[0].get(&rid(111)).unwrap());
    let (ms, os) = (members(), orgs());
    for (n, (station, op)) in ops.iter().enumerate() {
        let rep = &mut reps[*station as usize % 3];
        let id = RecordId::from_random([n as u8, 200, *station, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]);
        let edit = match op {
            Op::Mark { meeting, member, attendance } => {
                let m = Meeting::from_record(rep.get(&rid(100 + meeting)).unwrap());
                let a = Attendance::ALL[*attendance as usize];
                let mark = Mark {
                    member: rid(*member),
                    attendance: a,
                    reason: if a == Attendance::Leave { "外出".into() } else { String::new() },
                };
                match mark_attendance(&m, &[mark], &ms, &os, today).unwrap() {
                    Some(e) => e,
                    None => continue,
                }
            }
            Op::Entry { member, bonus, points: p } => {
                let draft = super::ledger::EntryDraft {
                    member: Some(rid(*member)),
                    date: "2026-06-01".into(),
                    item: if *bonus { "bonus".into() } else { "deduct".into() },
                    points: p.to_string(),
                    reason: "事由".into(),
                };
                super::ledger::create_entry(&draft, &points, id, today).unwrap()
            }
            Op::Ballot { choices } => {
                let mut seen = Vec::new();
                let choices: Vec<(RecordId, Choice)> = choices
                    .iter()
                    .filter(|(m, _)| {
                        !seen.contains(m) && {
                            seen.push(*m);
                            true
                        }
                    })
                    .map(|(m, c)| {
                        (rid(*m), if *c == 4 { Choice::Abstain } else { Choice::Grade(Grade::ALL[*c as usize]) })
                    })
                    .collect();
                super::review::create_ballot(&review, &choices, &ms, &os, today, id).unwrap()
            }
            Op::Sheet { group, scores } => {
                let items = ["de", "neng", "qin", "ji_rated", "lian"];
                let typed: Vec<(String, String)> =
                    items.iter().zip(scores).map(|(i, s)| (i.to_string(), s.to_string())).collect();
                let group = &appraisal_scheme.params.groups[*group as usize].id;
                super::appraisal::create_sheet(&appraisal, &appraisal_scheme, group, &typed, id).unwrap()
            }
        };
        let now = 2_000 + n as u64;
        let written = rep.stage(vec![edit], now, &[]).unwrap();
        rep.absorb(written, now);
    }
    reps.iter().map(|r| r.records().cloned().collect()).collect()
}

/// Every score the records give, computed from lists in the order given.
#[derive(Debug, PartialEq)]
struct Scores {
    totals: Vec<(RecordId, Points, Option<u8>)>,
    pages: Vec<super::explain::Explained>,
    counts: Vec<super::review::MemberCount>,
    appraisal: super::appraisal::AppraisalResult,
}

fn decode<T>(rep: &Replica, kind: &str, read: fn(&Record) -> T) -> Vec<T> {
    rep.live(kind).map(read).collect()
}

/// `v` in the order `shuffle` gives for its length.
fn reordered<T>(v: Vec<T>, shuffle: &dyn Fn(usize) -> Vec<usize>) -> Vec<T> {
    let order = shuffle(v.len());
    let mut slots: Vec<Option<T>> = v.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)).collect()
}

fn scores(rep: &Replica, shuffle: &dyn Fn(usize) -> Vec<usize>) -> Scores {
    let points = Scheme::from_record(rep.get(&rid(90)).unwrap());
    let appraisal_scheme = Scheme::from_record(rep.get(&rid(92)).unwrap());
    let meetings: Vec<Meeting> = reordered(decode(rep, kind::MEETING, Meeting::from_record), shuffle);
    let entries: Vec<PointsEntry> = reordered(decode(rep, kind::POINTS_ENTRY, PointsEntry::from_record), shuffle);
    let ballots: Vec<Ballot> = reordered(decode(rep, kind::REVIEW_BALLOT, Ballot::from_record), shuffle);
    let tallies: Vec<Tally> = decode(rep, kind::REVIEW_TALLY, Tally::from_record);
    let sheets: Vec<Sheet> = reordered(decode(rep, kind::APPRAISAL_SHEET, Sheet::from_record), shuffle);
    let ms = members();
    let sources = Sources { meetings: &meetings, trainings: &[], diaries: &[], entries: &entries, exemptions: &[] };
    let ledger = Ledger::build(&points, &ms, &[], &sources);
    let review = Review::from_record(rep.get(&rid(110)).unwrap());
    let appraisal = Appraisal::from_record(rep.get(&rid(111)).unwrap());
    Scores {
        totals: ledger.totals().into_iter().map(|t| (t.member, t.total, t.stars)).collect(),
        pages: ms.iter().map(|m| member_ledger(&points, m, &[], &sources).explained).collect(),
        counts: count(&review, &ballots, &tallies).0,
        appraisal: appraise(&appraisal_scheme, &appraisal, &sheets, &CadreFacts::default()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn scores_do_not_depend_on_the_order_records_arrive_in(
        ops in prop::collection::vec((0..3u8, op()), 1..40),
        order in Just((0..6usize).collect::<Vec<_>>()).prop_shuffle(),
        seed in any::<u64>(),
    ) {
        let files = stations(&ops);
        // Reference: the three stations' files in their natural order.
        let mut reference = Replica::new(StationId::from_random([9; 8]));
        for f in &files {
            reference.absorb(f.clone(), 10_000);
        }
        let identity = |n: usize| (0..n).collect::<Vec<_>>();
        let expected = scores(&reference, &identity);
        // Another station: the files (each twice) in a shuffled order, the records inside each
        // shuffled too, and every list handed over in a shuffled order.
        let mut other = Replica::new(StationId::from_random([8; 8]));
        for &i in &order {
            let mut records = files[i % 3].clone();
            let n = records.len();
            records.rotate_left(if n == 0 { 0 } else { (seed as usize).wrapping_add(i) % n });
            records.reverse();
            other.absorb(records, 10_000);
        }
        let shuffled = |n: usize| {
            let mut v: Vec<usize> = (0..n).collect();
            let mut s = seed | 1;
            for i in (1..n).rev() {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                v.swap(i, (s % (i as u64 + 1)) as usize);
            }
            v
        };
        prop_assert_eq!(scores(&other, &shuffled), expected);
    }
}
