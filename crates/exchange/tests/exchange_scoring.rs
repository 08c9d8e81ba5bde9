//! 考核评分's records travel in station files (issue 12, point 10): ballots transcribed at two
//! villages reach the township in each village's own file and count once each, however many
//! times a file is imported; a scheme travels with the township's file.

mod support;

use dangjian_domain::member::Member;
use dangjian_domain::org::Org;
use dangjian_domain::record::kind;
use dangjian_domain::scoring::review::{count, create_ballot, create_review, Ballot, Choice, Grade, Review};
use dangjian_domain::scoring::scheme::{create_scheme, template, Family, Scheme, SchemeDraft};
use dangjian_exchange::export::Scope;
use dangjian_exchange::read::parse;
use support::*;

fn ballots(s: &Station) -> Vec<Ballot> {
    s.replica.live(kind::REVIEW_BALLOT).map(Ballot::from_record).collect()
}

#[test]
fn ballots_from_two_villages_count_once_each_at_the_township() {
    let mut town = Station::township(1);
    let scheme_draft = SchemeDraft { org: Some(rid(1)), ..template(Family::MemberReview, 2026) };
    let scheme_edit = create_scheme(&scheme_draft, rid(90)).unwrap();
    town.commit(
        vec![
            org_edit_of(1, "坪塘镇党委", "township", None),
            org_edit_of(2, "山塘村党支部", "branch", Some(1)),
            member_edit(10, "张三", 2),
            member_edit(11, "李四", 2),
            scheme_edit,
        ],
        NOW - 100_000,
    );
    let scheme = Scheme::from_record(town.get(&rid(90)));
    town.commit(vec![create_review(Some(&rid(2)), &scheme, "2026-12-20", &[], rid(91)).unwrap()], NOW - 90_000);
    let start = town.export_all(NOW - 80_000);
    // Two village stations (the village's own and the township clerk's laptop at the meeting).
    let mut a = Station::village(2);
    let mut b = Station::village(3);
    a.import(&start, NOW - 70_000);
    b.import(&start, NOW - 70_000);
    let review = Review::from_record(a.get(&rid(91)));
    let members: Vec<Member> = a.replica.live(kind::MEMBER).map(Member::from_record).collect();
    let orgs: Vec<Org> = a.replica.live(kind::ORG).map(Org::from_record).collect();
    let ballot = |n: u32, g: Grade| {
        create_ballot(
            &review,
            &[(rid(10), Choice::Grade(g)), (rid(11), Choice::Abstain)],
            &members,
            &orgs,
            today(),
            rid(n),
        )
        .unwrap()
    };
    let (a1, a2) = (ballot(100, Grade::Excellent), ballot(101, Grade::Qualified));
    a.commit(vec![a1, a2], NOW - 60_000);
    let b1 = ballot(102, Grade::Excellent);
    b.commit(vec![b1], NOW - 60_000);
    // Each village sends its branch's file: the review and its ballots go with it.
    let from_a = a.export(&Scope::Org(rid(2)), NOW - 50_000).bytes;
    let from_b = b.export(&Scope::Org(rid(2)), NOW - 50_000).bytes;
    let carried = parse(&from_a).unwrap().records.iter().filter(|r| r.kind == kind::REVIEW_BALLOT).count();
    assert_eq!(carried, 2);
    for (file, n) in [(&from_a, 1), (&from_b, 2), (&from_a, 3)] {
        let plan = town.import(file, NOW - 40_000 + n);
        assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    }
    let (counts, late) = count(&review, &ballots(&town), &[]);
    assert!(late.is_empty());
    assert_eq!(counts[0].counts, [2, 1, 0, 0, 0]);
    assert_eq!(counts[1].counts, [0, 0, 0, 0, 3]);
    // The other order gives the same state, and the same counts.
    let mut other = Station::township(4);
    for file in [&from_b, &start, &from_a, &from_b] {
        other.import(file, NOW - 30_000);
    }
    assert_eq!(count(&review, &ballots(&other), &[]).0, counts);
    assert_eq!(other.hash(), town.hash());
}
