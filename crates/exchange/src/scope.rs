//! Which records an export of one organization's sub-tree carries, and which references between
//! records an import insists on.
//!
//! **The scope rule.** An export of organization R carries:
//! 1. R and every organization under it now (`org::subtree`, tombstones included);
//! 2. every other record that names one of those, or a record already taken, through its kind's
//!    reference fields (`kinds::KindInfo`: `references` and `other_links`, such as the attendance
//!    fields of a training or the lists of a batch; for a kind this version does not know, any
//!    field whose value is a taken record's id). Kinds are taken in `kinds::rank` order, so a member is in before the events, candidacies, cadre posts,
//!    trainings and diaries that name them, and audit entries (`change`) come last, with their
//!    target. "Names" counts every current write of the field, losing sides of a conflict
//!    included, and every old or new value of the field in the record's audit trail: a member
//!    who moved to a village outside R has an entry whose old `org` is in R, so the file carries
//!    the member and the receiver learns where they went. The same holds for an organization moved
//!    out of R (its own record goes, not its sub-tree). A move made without an audit entry (none
//!    is written for a record's creation) is not remembered;
//! 3. context: the households the diaries taken visited (one that stayed behind when another
//!    household of the same visit moved out of R), so every diary in the file names whom it
//!    visited; then the organizations that the records taken point at through a required
//!    reference (a moved-out member's new branch, a context household's village), and the
//!    ancestors of every organization in the file, so every required reference in the file
//!    resolves at a receiver that starts empty. Context pulls nothing more in.
//!
//! A whole-station export carries every record.

use dangjian_domain::audit;
use dangjian_domain::diary;
use dangjian_domain::kinds::{self, Reference, RANKS};
use dangjian_domain::org::{self, Org};
use dangjian_domain::record::{kind, Record, RecordId};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The required references of a record that name something, as (reference, id text).
pub fn required_references(r: &Record) -> impl Iterator<Item = (&'static Reference, &str)> {
    kinds::info(&r.kind)
        .into_iter()
        .flat_map(|k| k.references)
        .filter(|x| x.required)
        .filter_map(move |x| r.text(x.field).filter(|t| !t.is_empty()).map(|t| (x, t)))
}

/// Audit entries by the record they describe.
pub struct AuditIndex<'a> {
    by_target: HashMap<&'a str, Vec<&'a Record>>,
}

impl<'a> AuditIndex<'a> {
    pub fn new(records: impl IntoIterator<Item = &'a Record>) -> AuditIndex<'a> {
        let mut by_target: HashMap<&str, Vec<&Record>> = HashMap::new();
        for r in records.into_iter().filter(|r| r.kind == kind::CHANGE) {
            if let Some(t) = r.text(audit::TARGET) {
                by_target.entry(t).or_default().push(r);
            }
        }
        AuditIndex { by_target }
    }

    /// The old and new values the audit trail shows for one field of a record.
    fn past_values(&self, id: &RecordId, field: &'a str) -> impl Iterator<Item = &'a str> + '_ {
        self.by_target.get(id.as_str()).into_iter().flatten().flat_map(move |entry| {
            entry
                .value(audit::CHANGES)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(move |c| c.get("f").and_then(Value::as_str) == Some(field))
                .flat_map(|c| [c.get("o"), c.get("n")])
                .filter_map(|v| v.and_then(Value::as_str))
        })
    }
}

/// Calls `visit` with every record id `r` names, now or (by its audit trail) before: the one
/// function that says, per kind, what a record is linked to.
pub fn each_link<'a>(r: &'a Record, audit: &AuditIndex<'a>, visit: &mut dyn FnMut(&str)) {
    let all_writes = |field: &str, visit: &mut dyn FnMut(&str)| {
        for w in r.fields.get(field).into_iter().flatten() {
            if let Some(t) = w.value.as_str() {
                visit(t);
            }
        }
    };
    let Some(info) = kinds::info(&r.kind) else {
        for w in r.fields.values().flatten() {
            if let Some(t) = w.value.as_str().filter(|t| RecordId::parse(t).is_some()) {
                visit(t);
            }
        }
        return;
    };
    for x in info.references {
        all_writes(x.field, visit);
        for past in audit.past_values(&r.id, x.field) {
            visit(past);
        }
    }
    if let Some(other_links) = info.other_links {
        other_links(r, visit);
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeError {
    /// The organization to export is not among the station's records.
    UnknownOrg,
}

impl ScopeError {
    pub fn message(&self) -> String {
        match self {
            ScopeError::UnknownOrg => "要导出的组织在本机找不到，没有生成文件。".to_string(),
        }
    }
}

/// The records an export of `root`'s sub-tree carries (the rule above), sorted by id.
pub fn select<'a>(records: &[&'a Record], root: &RecordId) -> Result<Vec<&'a Record>, ScopeError> {
    let mut by_rank: Vec<Vec<&Record>> = vec![Vec::new(); RANKS];
    for r in records {
        by_rank[kinds::rank(&r.kind) as usize].push(r);
    }
    let orgs: Vec<Org> = by_rank[0].iter().map(|r| Org::from_record(r)).collect();
    if !orgs.iter().any(|o| &o.id == root) {
        return Err(ScopeError::UnknownOrg);
    }
    let audit = AuditIndex::new(by_rank[kinds::CHANGE.rank as usize].iter().copied());
    let tree = org::subtree(&orgs, root);
    // Ids that pull a record in: the sub-tree and every record taken since (not the organizations
    // that only left it, nor context).
    let mut pulls: HashSet<&str> = tree.iter().map(RecordId::as_str).collect();
    let mut taken: HashSet<&str> = HashSet::new();
    let mut out: Vec<&Record> = Vec::new();
    for r in &by_rank[0] {
        let left_it = || {
            let mut hit = false;
            each_link(r, &audit, &mut |id| hit |= pulls.contains(id));
            hit
        };
        if tree.contains(&r.id) || left_it() {
            taken.insert(r.id.as_str());
            out.push(r);
        }
    }
    for rank_records in &by_rank[1..] {
        let mut newly = Vec::new();
        for r in rank_records {
            let mut hit = false;
            each_link(r, &audit, &mut |id| hit |= pulls.contains(id));
            if hit {
                newly.push(r.id.as_str());
                out.push(r);
            }
        }
        // Records of one rank never name each other, so they join the pulling set together.
        pulls.extend(newly.iter().copied());
        taken.extend(newly);
    }
    // Context: the households the diaries visited.
    let households: HashMap<&str, &Record> = by_rank[kinds::rank(kind::HOUSEHOLD) as usize]
        .iter()
        .filter(|r| r.kind == kind::HOUSEHOLD)
        .map(|r| (r.id.as_str(), *r))
        .collect();
    let mut visited: Vec<&Record> = Vec::new();
    if let Some(visits) = diary::KIND.other_links {
        for r in out.iter().filter(|r| r.kind == kind::DIARY) {
            visits(r, &mut |id| {
                if let Some(h) = households.get(id) {
                    if taken.insert(h.id.as_str()) {
                        visited.push(h);
                    }
                }
            });
        }
    }
    out.extend(visited);
    // Context: organizations named by required references, and ancestors.
    let org_records: HashMap<&str, &Record> = by_rank[0].iter().map(|r| (r.id.as_str(), *r)).collect();
    let mut todo: Vec<&str> = Vec::new();
    for r in &out {
        for (x, id) in required_references(r) {
            if x.to == Some(kind::ORG) {
                todo.push(id);
            }
        }
    }
    while let Some(id) = todo.pop() {
        let Some(r) = org_records.get(id) else { continue };
        // An organization already taken had its parent queued above, or when it was taken.
        if taken.insert(r.id.as_str()) {
            out.push(r);
            todo.extend(r.text(org::PARENT));
        }
    }
    super::format::sort_by_id(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dangjian_domain::replica::{Edit, Replica};
    use dangjian_domain::station::StationId;
    use dangjian_domain::{cadre, development, diary, diary_step, household, member, member_event, training};
    use serde_json::json;

    fn rid(n: u8) -> RecordId {
        RecordId::from_random([n; 16])
    }

    fn create(n: u8, k: &str, fields: &[(&str, Value)]) -> Edit {
        Edit::Create {
            id: rid(n),
            kind: k.into(),
            fields: fields.iter().map(|(f, v)| (f.to_string(), v.clone())).collect(),
        }
    }

    fn org_edit(n: u8, parent: Option<u8>) -> Edit {
        let mut fields = vec![(org::NAME, json!(format!("组织{n}")))];
        if let Some(p) = parent {
            fields.push((org::PARENT, json!(rid(p).as_str())));
        }
        create(n, kind::ORG, &fields)
    }

    fn commit(r: &mut Replica, edits: Vec<Edit>, now: u64) {
        let staged = r.stage_audited(edits, now, &[], "坪塘镇").unwrap();
        r.absorb(staged, now);
    }

    /// Township 1 with villages 2 and 3; 4 is a group under village 2; town 10 is another township.
    fn station() -> Replica {
        let mut r = Replica::new(StationId::from_random([1; 8]));
        let id = |n: u8| json!(rid(n).as_str());
        commit(
            &mut r,
            vec![
                org_edit(1, None),
                org_edit(2, Some(1)),
                org_edit(3, Some(1)),
                org_edit(4, Some(2)),
                org_edit(10, None),
                create(20, kind::MEMBER, &[(member::ORG, id(2)), (member::NAME, json!("张三"))]),
                create(21, kind::MEMBER, &[(member::ORG, id(3)), (member::NAME, json!("李四"))]),
                create(22, kind::MEMBER, &[(member::ORG, id(2)), (member::NAME, json!("王五"))]),
                create(30, kind::MEMBER_EVENT, &[(member_event::MEMBER, id(20))]),
                create(31, kind::MEMBER_EVENT, &[(member_event::MEMBER, id(21))]),
                create(40, kind::CANDIDATE, &[(development::ORG, id(4))]),
                create(41, kind::CADRE, &[(cadre::ORG, id(1)), (cadre::MEMBER, id(20))]),
                create(42, kind::CADRE, &[(cadre::ORG, id(1))]),
                create(43, kind::LIAISON, &[(cadre::CADRE, id(42)), (cadre::VILLAGE, id(2))]),
                create(
                    44,
                    kind::TRAINING,
                    &[(training::ORGANIZER, id(1)), (&training::attended_key(&rid(21)), json!(true))],
                ),
                create(
                    45,
                    kind::TRAINING,
                    &[(training::ORGANIZER, id(1)), (&training::expected_key(&rid(22)), json!(true))],
                ),
                create(46, kind::DIARY, &[(diary::VILLAGE, id(3)), (diary::WRITER, id(21))]),
                create(47, "future_kind", &[("about", id(22))]),
            ],
            1_000,
        );
        r
    }

    fn selected(r: &Replica, root: u8) -> Vec<RecordId> {
        let all: Vec<&Record> = r.records().collect();
        select(&all, &rid(root)).unwrap().into_iter().map(|r| r.id.clone()).collect()
    }

    fn ids(ns: &[u8]) -> Vec<RecordId> {
        let mut v: Vec<RecordId> = ns.iter().map(|&n| rid(n)).collect();
        v.sort();
        v
    }

    #[test]
    fn a_village_export_carries_its_tree_its_people_and_what_names_them() {
        let r = station();
        // Village 2: itself, group 4, members 20 and 22, 20's event, the candidate in 4, cadre 41
        // (20 holds it), the liaison for village 2, the training expecting 22, the unknown kind
        // naming 22, and the township 1 as context (2's parent).
        assert_eq!(selected(&r, 2), ids(&[1, 2, 4, 20, 22, 30, 40, 41, 43, 45, 47]));
        // The township takes everything of its own, not township 10.
        let town = selected(&r, 1);
        assert!(!town.contains(&rid(10)));
        assert_eq!(town.len(), r.len() - 1);
        let all: Vec<&Record> = r.records().collect();
        assert_eq!(select(&all, &rid(99)), Err(ScopeError::UnknownOrg));
    }

    #[test]
    fn a_member_who_moved_out_still_goes_with_the_old_village_with_the_new_branch_as_context() {
        let mut r = station();
        commit(
            &mut r,
            vec![Edit::Update { id: rid(20), fields: vec![(member::ORG.into(), json!(rid(3).as_str()))] }],
            2_000,
        );
        let got = selected(&r, 2);
        assert!(got.contains(&rid(20)), "the member who left");
        assert!(got.contains(&rid(3)), "their new branch, as context");
        assert!(!got.contains(&rid(21)), "but not the new branch's own members");
        let change = r.records().find(|x| x.kind == kind::CHANGE).unwrap();
        assert!(got.contains(&change.id), "the audit entry that tells");
    }

    #[test]
    fn an_organization_moved_out_goes_but_not_its_sub_tree() {
        let mut r = station();
        commit(
            &mut r,
            vec![Edit::Update { id: rid(2), fields: vec![(org::PARENT.into(), json!(rid(10).as_str()))] }],
            2_000,
        );
        let got = selected(&r, 1);
        assert!(got.contains(&rid(2)));
        assert!(got.contains(&rid(10)), "its new parent, as context");
        assert!(!got.contains(&rid(4)), "the group went with it");
        assert!(!got.contains(&rid(22)));
    }

    #[test]
    fn tombstones_go_too() {
        let mut r = station();
        commit(&mut r, vec![Edit::Delete { id: rid(22) }], 2_000);
        assert!(selected(&r, 2).contains(&rid(22)));
    }

    #[test]
    fn a_village_export_carries_its_households_their_diaries_and_their_steps() {
        let mut r = station();
        let id = |n: u8| json!(rid(n).as_str());
        commit(
            &mut r,
            vec![
                create(50, kind::HOUSEHOLD, &[(household::VILLAGE, id(3)), (household::MEMBER, id(21))]),
                create(51, kind::HOUSEHOLD, &[(household::VILLAGE, id(2))]),
                // A township cadre's visit to a household of village 2.
                create(
                    52,
                    kind::DIARY,
                    &[(diary::VILLAGE, id(2)), (diary::WRITER, id(42)), (diary::HOUSEHOLDS, json!([rid(51).as_str()]))],
                ),
                create(53, kind::DIARY_STEP, &[(diary_step::DIARY, id(52))]),
                create(54, kind::DIARY_STEP, &[(diary_step::DIARY, id(46))]),
            ],
            2_000,
        );
        let got = selected(&r, 2);
        for n in [51, 52, 53] {
            assert!(got.contains(&rid(n)), "{n}");
        }
        for n in [50, 46, 54] {
            assert!(!got.contains(&rid(n)), "{n} is village 3's");
        }
        // 撤并 moves the household (its place in the tree); the diary stays where the visit was.
        commit(
            &mut r,
            vec![Edit::Update { id: rid(51), fields: vec![(household::VILLAGE.into(), json!(rid(3).as_str()))] }],
            3_000,
        );
        let got = selected(&r, 3);
        for n in [50, 51, 52, 53, 46, 54] {
            assert!(got.contains(&rid(n)), "{n}");
        }
        assert!(got.contains(&rid(2)), "the diary's village, as context");
        assert!(selected(&r, 2).contains(&rid(51)), "the audit entry tells village 2 where it went");
    }

    #[test]
    fn a_diary_carries_every_household_it_visited_as_context() {
        let mut r = station();
        let id = |n: u8| json!(rid(n).as_str());
        let visit = |n: u8, households: &[u8]| {
            let households: Vec<Value> = households.iter().map(|&h| id(h)).collect();
            create(n, kind::DIARY, &[(diary::VILLAGE, id(2)), (diary::HOUSEHOLDS, json!(households))])
        };
        commit(
            &mut r,
            vec![
                create(50, kind::HOUSEHOLD, &[(household::VILLAGE, id(2))]),
                create(51, kind::HOUSEHOLD, &[(household::VILLAGE, id(2))]),
                // One visit to both; another to 50 alone; a step of each.
                visit(52, &[50, 51]),
                visit(53, &[50]),
                create(54, kind::DIARY_STEP, &[(diary_step::DIARY, id(52))]),
                create(55, kind::DIARY_STEP, &[(diary_step::DIARY, id(53))]),
            ],
            2_000,
        );
        // Household 51 moves to village 3 (a split of the household, say): village 3's file
        // carries it, the visit that named it and that visit's step, and household 50 as context
        // so the visit names both; 50 pulls nothing: not its other visit, nor that one's step.
        commit(
            &mut r,
            vec![Edit::Update { id: rid(51), fields: vec![(household::VILLAGE.into(), json!(rid(3).as_str()))] }],
            3_000,
        );
        let got = selected(&r, 3);
        for n in [51, 52, 54, 50, 2] {
            assert!(got.contains(&rid(n)), "{n}");
        }
        for n in [53, 55, 4, 20, 22] {
            assert!(!got.contains(&rid(n)), "{n} is village 2's alone");
        }
        // Whatever a file of village 3 carries resolves at a station that starts empty.
        let all: Vec<&Record> = r.records().collect();
        let file = select(&all, &rid(3)).unwrap();
        let ids: HashSet<&str> = file.iter().map(|x| x.id.as_str()).collect();
        for x in &file {
            for (_, target) in required_references(x) {
                assert!(ids.contains(target), "{} names {target}", x.kind);
            }
        }
    }
}
