//! 重复记录: two records that are likely the same organization, person or household, entered
//! once at each of two stations (a village sets itself up before the township's file arrives).
//! Records are named by random ids, so nothing else tells they are one; this finds the pairs and
//! says why, and `identity` merges a pair the user confirms.
//!
//! - members, and 发展对象 (candidates): the same 公民身份号码 (certain); else the same name and
//!   birth date (likely);
//! - organizations: the same name under the same parent, or with one of them at the top (a
//!   village station's own branch, before the township's tree came; likely);
//! - households: the same 户主 公民身份号码 (certain); else the same 户主 name in the same village
//!   (likely).
//!
//! Only live records count (a tombstone is merged or deleted already); closed organizations and
//! households count too, a person who left too: the same person is the same person.

use crate::development::Candidate;
use crate::household::Household;
use crate::member::Member;
use crate::org::Org;
use crate::person::id_key;
use crate::record::{kind, Record, RecordId};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// 公民身份号码相同 (a household: its 户主's).
    SameIdNumber,
    /// 姓名和出生日期相同.
    SameNameAndBirth,
    /// 名称相同，上级组织相同 (or one of them at the top).
    SameNameAndParent,
    /// 户主姓名相同，同一个村.
    SameHeadAndVillage,
}

impl Reason {
    /// Certain reasons: the records are the same, whatever else differs.
    pub fn is_certain(self) -> bool {
        self == Reason::SameIdNumber
    }
}

/// Two records of one kind that are likely one; `a` has the smaller id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub kind: &'static str,
    pub a: RecordId,
    pub b: RecordId,
    pub reason: Reason,
}

fn name_key(raw: &str) -> Option<String> {
    let key: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    (!key.is_empty()).then_some(key)
}

/// Pairs of the items that share a key, each pair once, with the reason; pairs already found
/// for a stronger reason are not repeated.
fn pairs<'a, K: std::hash::Hash + Eq>(
    items: impl Iterator<Item = (K, &'a RecordId)>,
    kind: &'static str,
    reason: Reason,
    found: &mut Vec<Duplicate>,
) {
    let mut groups: HashMap<K, Vec<&RecordId>> = HashMap::new();
    for (key, id) in items {
        groups.entry(key).or_default().push(id);
    }
    let mut new = Vec::new();
    for ids in groups.into_values().filter(|ids| ids.len() > 1) {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let (a, b) = if a < b { (*a, *b) } else { (*b, *a) };
                if !found.iter().any(|d| d.kind == kind && &d.a == a && &d.b == b) {
                    new.push(Duplicate { kind, a: a.clone(), b: b.clone(), reason });
                }
            }
        }
    }
    found.extend(new);
}

/// People by identity number (as `person::id_key` compares them), then by name and birth date.
fn people<'a>(
    people: impl Iterator<Item = (&'a RecordId, &'a str, &'a str, Option<NaiveDate>)> + Clone,
    kind: &'static str,
    today: NaiveDate,
    found: &mut Vec<Duplicate>,
) {
    pairs(
        people.clone().filter_map(|(id, _, number, _)| Some((id_key(number, today)?, id))),
        kind,
        Reason::SameIdNumber,
        found,
    );
    pairs(
        people.filter_map(|(id, name, _, birth)| Some(((name_key(name)?, birth?), id))),
        kind,
        Reason::SameNameAndBirth,
        found,
    );
}

/// Every likely duplicate among the live records given, certain ones first, then by kind and ids.
pub fn find(
    orgs: &[Org],
    members: &[Member],
    candidates: &[Candidate],
    households: &[Household],
    today: NaiveDate,
) -> Vec<Duplicate> {
    let mut found = Vec::new();
    people(
        members.iter().map(|m| (&m.id, m.name.as_str(), m.id_number.as_str(), m.birth_date)),
        kind::MEMBER,
        today,
        &mut found,
    );
    people(
        candidates.iter().map(|c| (&c.id, c.person.name.as_str(), c.person.id_number.as_str(), c.person.birth_date)),
        kind::CANDIDATE,
        today,
        &mut found,
    );
    let mut by_name: HashMap<String, Vec<&Org>> = HashMap::new();
    for o in orgs {
        if let Some(key) = name_key(&o.name) {
            by_name.entry(key).or_default().push(o);
        }
    }
    for group in by_name.values().filter(|g| g.len() > 1) {
        for (i, x) in group.iter().enumerate() {
            for y in &group[i + 1..] {
                if x.parent == y.parent || x.parent.is_none() || y.parent.is_none() {
                    let (a, b) = if x.id < y.id { (x, y) } else { (y, x) };
                    found.push(Duplicate {
                        kind: kind::ORG,
                        a: a.id.clone(),
                        b: b.id.clone(),
                        reason: Reason::SameNameAndParent,
                    });
                }
            }
        }
    }
    pairs(
        households.iter().filter_map(|h| Some((id_key(&h.id_number, today)?, &h.id))),
        kind::HOUSEHOLD,
        Reason::SameIdNumber,
        &mut found,
    );
    pairs(
        households.iter().filter_map(|h| Some(((name_key(&h.head)?, h.village.clone()?), &h.id))),
        kind::HOUSEHOLD,
        Reason::SameHeadAndVillage,
        &mut found,
    );
    crate::sort::sort_by(&mut found, |x, y| {
        (!x.reason.is_certain(), x.kind, &x.a, &x.b).cmp(&(!y.reason.is_certain(), y.kind, &y.a, &y.b))
    });
    found
}

/// The duplicates an import would leave: among the live records here and the records it writes
/// (`written`, as merged), the pairs with at least one record it writes.
pub fn after_import(
    orgs: &[Org],
    members: &[Member],
    candidates: &[Candidate],
    households: &[Household],
    written: &[Record],
    today: NaiveDate,
) -> Vec<Duplicate> {
    fn with<T: Clone>(
        here: &[T],
        id: impl Fn(&T) -> &RecordId,
        kind: &str,
        written: &[Record],
        decode: impl Fn(&Record) -> T,
    ) -> Vec<T> {
        let mine: Vec<&Record> = written.iter().filter(|r| r.kind == kind).collect();
        let ids: std::collections::HashSet<&RecordId> = mine.iter().map(|r| &r.id).collect();
        let mut out: Vec<T> = here.iter().filter(|x| !ids.contains(id(x))).cloned().collect();
        out.extend(mine.into_iter().filter(|r| !r.is_deleted()).map(decode));
        out
    }
    let o = with(orgs, |x| &x.id, kind::ORG, written, Org::from_record);
    let m = with(members, |x| &x.id, kind::MEMBER, written, Member::from_record);
    let c = with(candidates, |x| &x.id, kind::CANDIDATE, written, Candidate::from_record);
    let h = with(households, |x| &x.id, kind::HOUSEHOLD, written, Household::from_record);
    let ids: std::collections::HashSet<&RecordId> = written.iter().map(|r| &r.id).collect();
    find(&o, &m, &c, &h, today).into_iter().filter(|d| ids.contains(&d.a) || ids.contains(&d.b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household as household_fields;
    use crate::org::OrgCategory;
    use crate::record::Record;
    use crate::station::StationId;
    use crate::test_support::{day, household as plain_household, org as plain_org, rid};

    fn today() -> NaiveDate {
        day("2026-12-07")
    }
    use serde_json::json;

    fn member(n: u8, name: &str, number: &str, birth: Option<&str>) -> Member {
        let station = StationId::from_random([1; 8]);
        let mut r = Record::new(rid(n), kind::MEMBER, station);
        let t = crate::clock::Hlc::new(1000, 0);
        r.set(crate::member::NAME, json!(name), t, &station);
        r.set(crate::member::ID_NUMBER, json!(number), t, &station);
        if let Some(b) = birth {
            r.set(crate::member::BIRTH_DATE, json!(b), t, &station);
        }
        Member::from_record(&r)
    }

    fn org(n: u8, name: &str, parent: Option<u8>) -> Org {
        plain_org(n, name, OrgCategory::Branch, parent)
    }

    fn household(n: u8, head: &str, number: &str, village: u8) -> Household {
        Household { id_number: number.into(), ..plain_household(rid(n), rid(village), head.into(), &[]) }
    }

    #[test]
    fn the_same_id_number_is_certain_and_name_with_birth_likely() {
        let members = [
            member(3, "王建军", "43012119650101001X", Some("1965-01-01")),
            member(1, "王建军 ", "43012119650101001x", None),
            member(2, "李四", "", Some("1970-02-02")),
            member(4, "李四", "", Some("1970-02-02")),
            member(5, "李四", "", Some("1971-02-02")),
            member(6, "", "", None),
            member(7, "", "", None),
        ];
        let found = find(&[], &members, &[], &[], today());
        assert_eq!(
            found,
            vec![
                Duplicate { kind: kind::MEMBER, a: rid(1), b: rid(3), reason: Reason::SameIdNumber },
                Duplicate { kind: kind::MEMBER, a: rid(2), b: rid(4), reason: Reason::SameNameAndBirth },
            ]
        );
        // The same number and the same name and birth: found once, for the number.
        let both = [
            member(1, "甲", "430121196501010012", Some("1965-01-01")),
            member(2, "甲", "430121196501010012", Some("1965-01-01")),
        ];
        assert_eq!(find(&[], &both, &[], &[], today()).len(), 1);
    }

    #[test]
    fn organizations_by_name_under_one_parent_and_households_by_head() {
        let orgs = [
            org(1, "向阳村党支部", Some(9)),
            org(2, "向阳村党支部", Some(9)),
            org(3, "向阳村党支部", Some(8)),
            org(4, "坪塘镇党委", None),
            org(5, "坪塘镇党委", None),
            org(6, "坪塘镇党委", Some(4)),
            org(7, "桐溪村党支部", Some(9)),
        ];
        let found = find(&orgs, &[], &[], &[], today());
        let ids: Vec<_> = found.iter().map(|d| (d.a.clone(), d.b.clone())).collect();
        // 6 sits under 4: a village's own top branch and the township's of the same name.
        assert_eq!(ids, vec![(rid(1), rid(2)), (rid(4), rid(5)), (rid(4), rid(6)), (rid(5), rid(6))]);
        assert!(found.iter().all(|d| d.reason == Reason::SameNameAndParent && d.kind == kind::ORG));
        let hs = [
            household(1, "张大爷", "430121194501010010", 9),
            household(2, "张大爷", "", 9),
            household(3, "张大爷", "430121194501010010", 8),
        ];
        let found = find(&[], &[], &[], &hs, today());
        assert_eq!(
            found,
            vec![
                Duplicate { kind: kind::HOUSEHOLD, a: rid(1), b: rid(3), reason: Reason::SameIdNumber },
                Duplicate { kind: kind::HOUSEHOLD, a: rid(1), b: rid(2), reason: Reason::SameHeadAndVillage },
            ]
        );
        // An import that brings household 2: the pairs it is in.
        let brought = crate::record::Record::new(rid(2), kind::HOUSEHOLD, StationId::from_random([2; 8]));
        let mut brought = brought;
        let t = crate::clock::Hlc::new(1000, 0);
        brought.set(household_fields::HEAD, json!("张大爷"), t, &StationId::from_random([2; 8]));
        brought.set(household_fields::VILLAGE, json!(rid(9).as_str()), t, &StationId::from_random([2; 8]));
        let after = after_import(&[], &[], &[], &hs[..1], &[brought], today());
        assert_eq!(
            after,
            vec![Duplicate { kind: kind::HOUSEHOLD, a: rid(1), b: rid(2), reason: Reason::SameHeadAndVillage }]
        );
    }
}
