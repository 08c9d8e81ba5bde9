//! The branches ranked by their members' 党员积分: each branch's rated members' average total of
//! the year (members exempted from rating left out, as the ranking of a branch leaves them
//! unranked). A member of a 党小组 counts for the branch above it.

use super::explain::{ranked, Points};
use super::ledger::MemberTotal;
use crate::hash::{IdMap, IdSet};
use crate::org::Org;
use crate::record::RecordId;

/// A branch's members' points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BranchPoints {
    pub org: RecordId,
    /// The members rated (not exempted).
    pub members: usize,
    pub average: Points,
}

/// The organization of `rated` that `org` is, or is under (none if neither). A broken tree (a
/// cycle) ends the walk.
fn branch_of(org: &RecordId, rated: &IdSet, parents: &IdMap<Option<RecordId>>) -> Option<RecordId> {
    let mut current = Some(org.clone());
    for _ in 0..=parents.len() {
        let c = current?;
        if rated.contains(&c) {
            return Some(c);
        }
        current = parents.get(&c).cloned().flatten();
    }
    None
}

/// The `rated` organizations with rated members, ranked by their members' average (highest
/// first; equal averages share a rank, then by id). `org_of` is each member's organization.
pub fn branch_points(
    totals: &[MemberTotal],
    org_of: &IdMap<RecordId>,
    orgs: &[Org],
    rated: &[RecordId],
) -> Vec<(usize, BranchPoints)> {
    let rated: IdSet = rated.iter().cloned().collect();
    let parents: IdMap<Option<RecordId>> = orgs.iter().map(|o| (o.id.clone(), o.parent.clone())).collect();
    let mut branch_by_org: IdMap<Option<RecordId>> = IdMap::default();
    let mut sums: IdMap<(usize, i64)> = IdMap::default();
    for t in totals.iter().filter(|t| t.stars.is_some()) {
        let Some(own) = org_of.get(&t.member) else { continue };
        let branch = branch_by_org.entry(own.clone()).or_insert_with(|| branch_of(own, &rated, &parents));
        if let Some(b) = branch {
            let s = sums.entry(b.clone()).or_insert((0, 0));
            s.0 += 1;
            s.1 += t.total.0;
        }
    }
    let list: Vec<BranchPoints> = sums
        .into_iter()
        .map(|(org, (n, sum))| BranchPoints { org, members: n, average: Points::ratio(sum, n as i64 * 100) })
        .collect();
    ranked(list, |b| (b.average, &b.org))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::OrgCategory;
    use crate::test_support::{org, rid};

    fn total(member: u8, points: i64, stars: Option<u8>) -> MemberTotal {
        MemberTotal { member: rid(member), items: Vec::new(), total: Points(points), stars, exemption: None }
    }

    #[test]
    fn branches_ranked_by_their_rated_members_average() {
        let orgs = vec![
            org(1, "坪塘镇党委", OrgCategory::TownshipCommittee, None),
            org(2, "山塘村党支部", OrgCategory::Branch, Some(1)),
            org(3, "桐溪村党支部", OrgCategory::Branch, Some(1)),
            org(4, "山塘村第一党小组", OrgCategory::Group, Some(2)),
            org(5, "石门村党支部", OrgCategory::Branch, Some(1)),
        ];
        let org_of: IdMap<RecordId> =
            [(10, 2), (11, 4), (12, 2), (20, 3), (21, 3), (30, 1)].into_iter().map(|(m, o)| (rid(m), rid(o))).collect();
        let totals = vec![
            // 山塘村: 60, 65 (in its 党小组) and one exempted (left out): 62.5.
            total(10, 6000, Some(2)),
            total(11, 6500, Some(3)),
            total(12, 2000, None),
            // 桐溪村: 70 and 55.01: 62.505 → 62.51.
            total(20, 7000, Some(3)),
            total(21, 5501, Some(1)),
            // A member of the township committee itself: not a branch rated.
            total(30, 9000, Some(5)),
        ];
        let rated = [rid(2), rid(3), rid(5)];
        let got = branch_points(&totals, &org_of, &orgs, &rated);
        assert_eq!(
            got,
            vec![
                (1, BranchPoints { org: rid(3), members: 2, average: Points(6251) }),
                (2, BranchPoints { org: rid(2), members: 2, average: Points(6250) }),
            ]
        );
    }

    #[test]
    fn equal_averages_share_a_rank() {
        let orgs =
            vec![org(2, "甲村党支部", OrgCategory::Branch, None), org(3, "乙村党支部", OrgCategory::Branch, None)];
        let org_of: IdMap<RecordId> = [(10, 2), (20, 3)].into_iter().map(|(m, o)| (rid(m), rid(o))).collect();
        let totals = vec![total(20, 6000, Some(2)), total(10, 6000, Some(2))];
        let got = branch_points(&totals, &org_of, &orgs, &[rid(2), rid(3)]);
        assert_eq!(got.iter().map(|(r, b)| (*r, b.org.clone())).collect::<Vec<_>>(), vec![(1, rid(2)), (1, rid(3))]);
    }

    #[test]
    fn a_cycle_in_the_tree_ends_the_walk() {
        let orgs = vec![org(2, "甲", OrgCategory::Branch, Some(3)), org(3, "乙", OrgCategory::Branch, Some(2))];
        let org_of: IdMap<RecordId> = [(10, 2)].into_iter().map(|(m, o)| (rid(m), rid(o))).collect();
        assert!(branch_points(&[total(10, 6000, Some(2))], &org_of, &orgs, &[rid(9)]).is_empty());
    }
}
