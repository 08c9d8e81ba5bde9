//! 撤并 (merge two organizations into one) and 拆分 (split one in two), and undoing either.
//!
//! Both move records from one organization to another: every member, sub-organization and other
//! record whose place in the tree it holds (`Reference::place_in_tree`). Each step is kept as a `batch` record listing
//! exactly what it moved, so it can be undone later, at this station or after an exchange, and so
//! the closed organization's history says where its members went. Undo moves back only what still
//! points where the step put it: a member moved again since stays where the later edit put them.

use super::audit::creation;
use super::clock::Hlc;
use super::date::{iso, parse_iso};
use super::kinds::{self, KindInfo, Reference};
use super::member::{self, Member};
use super::org::{self, close_org, create_org, Org, OrgCategory, OrgDraft, OrgError};
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub const OP: &str = "op";
pub const FROM: &str = "from";
pub const INTO: &str = "into";
pub const DATE: &str = "date";
/// `[[record id, field], ...]`: what the step moved from `from` to `into`.
pub const MOVED: &str = "moved";
/// Records the step created (an import's rows), as ids.
pub const CREATED: &str = "created";
/// `[[record id, field, old value, new value], ...]`: the fields an import updated in records the
/// station had (rows with their 公民身份号码), so undo can put the old values back.
pub const UPDATED: &str = "updated";
pub const UNDONE: &str = "undone";
/// A short human description (the file name of an import).
pub const NOTE: &str = "note";

pub const KIND: KindInfo = KindInfo {
    name: kind::BATCH,
    label: "批量操作",
    references: &[Reference::to(FROM, kind::ORG), Reference::to(INTO, kind::ORG)],
    other_links: Some(listed_links),
    rank: 3,
    // The organization pages offer undoing the last 撤并 at once.
    read_at_start: true,
};

/// The records a step moved or created, every write of its lists (a conflict's losing side too).
fn listed_links(r: &Record, visit: &mut dyn FnMut(&str)) {
    for field in [MOVED, CREATED, UPDATED] {
        for w in r.fields.get(field).into_iter().flatten() {
            for item in w.value.as_array().into_iter().flatten() {
                // `moved` holds [id, field] pairs, `updated` [id, field, old, new], `created` ids.
                match item {
                    Value::Array(pair) => pair.first().and_then(Value::as_str).into_iter().for_each(&mut *visit),
                    Value::String(id) => visit(id),
                    _ => {}
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchOp {
    /// 撤并
    Merge,
    /// 拆分
    Split,
    /// 导入 (a spreadsheet)
    Import,
    /// 合并重复记录 (`identity`)
    Identity,
}

impl BatchOp {
    pub fn code(self) -> &'static str {
        match self {
            BatchOp::Merge => "merge",
            BatchOp::Split => "split",
            BatchOp::Import => "import",
            BatchOp::Identity => "identity",
        }
    }

    pub fn from_code(code: &str) -> Option<BatchOp> {
        [BatchOp::Merge, BatchOp::Split, BatchOp::Import, BatchOp::Identity].into_iter().find(|o| o.code() == code)
    }
}

/// A many-record step as lists show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub id: RecordId,
    pub op: Option<BatchOp>,
    pub from: Option<RecordId>,
    pub into: Option<RecordId>,
    pub date: Option<NaiveDate>,
    pub moved: Vec<(RecordId, String)>,
    pub created: Vec<RecordId>,
    /// What an import updated: (record, field, old value, new value).
    pub updated: Vec<(RecordId, String, Value, Value)>,
    pub undone: bool,
    pub note: String,
    /// A merge of two records (`identity::KEPT_BEFORE`): the kept record's fields it changed, each
    /// with its value before and the value it wrote.
    pub kept_before: Vec<(String, Value, Value)>,
    /// When the step was taken (its record's first write): lists show the steps in the order they
    /// were taken, which the dates typed (several steps on one day, or dated back) do not give.
    pub made: Option<Hlc>,
}

impl Batch {
    /// The records an import made or updated, each once.
    pub fn records_imported(&self) -> usize {
        let mut updated: Vec<&RecordId> = self.updated.iter().map(|(id, ..)| id).collect();
        updated.sort();
        updated.dedup();
        self.created.len() + updated.len()
    }

    pub fn from_record(r: &Record) -> Batch {
        let id_list = |v: Option<&Value>| -> Vec<RecordId> {
            v.and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|x| x.as_str().and_then(RecordId::parse)).collect())
                .unwrap_or_default()
        };
        let moved = r
            .value(MOVED)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|pair| {
                        let id = RecordId::parse(pair.get(0)?.as_str()?)?;
                        Some((id, pair.get(1)?.as_str()?.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Batch {
            id: r.id.clone(),
            op: r.text(OP).and_then(BatchOp::from_code),
            from: r.text(FROM).and_then(RecordId::parse),
            into: r.text(INTO).and_then(RecordId::parse),
            date: r.text(DATE).and_then(parse_iso),
            moved,
            created: id_list(r.value(CREATED)),
            updated: r
                .value(UPDATED)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| {
                            let id = RecordId::parse(x.get(0)?.as_str()?)?;
                            let (old, new) = (x.get(2)?.clone(), x.get(3)?.clone());
                            Some((id, x.get(1)?.as_str()?.to_string(), old, new))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            undone: r.value(UNDONE).and_then(Value::as_bool).unwrap_or(false),
            note: r.text(NOTE).unwrap_or_default().to_string(),
            kept_before: r
                .value(crate::identity::KEPT_BEFORE)
                .and_then(Value::as_object)
                .map(|fields| {
                    let part = |v: &Value, k: &str| v.get(k).cloned().unwrap_or(Value::Null);
                    fields.iter().map(|(f, v)| (f.clone(), part(v, "o"), part(v, "n"))).collect()
                })
                .unwrap_or_default(),
            made: creation(r).map(|(at, _)| at),
        }
    }
}

/// The steps newest first, by when they were taken (the latest first), then by id.
pub fn newest_first(list: &mut Vec<Batch>) {
    crate::sort::sort_by(list, newer_first);
}

/// `newest_first`'s order, for lists that hold a step beside other things.
pub fn newer_first(a: &Batch, b: &Batch) -> std::cmp::Ordering {
    b.made.cmp(&a.made).then_with(|| b.id.cmp(&a.id))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpError {
    Org(OrgError),
    SameOrganization,
    UnknownOrganization,
    Closed,
    /// 撤并 joins organizations of the member-holding kinds (支部, 总支…).
    CannotMerge,
    /// The 撤并 target lies under the organization being merged away.
    IntoOwnSubtree,
    NoMembersChosen,
    /// Every member would move: that is a rename, not a split.
    AllMembersChosen,
    MemberNotInOrganization,
    AlreadyUndone,
    DateInFuture,
    /// Undoing a 撤并 reopens the closed organization, which has since been closed again or
    /// deleted.
    CannotReopen,
}

/// The records whose place in the tree is `org`, as (record id, field), from the live records given.
pub fn references_to<'a>(org: &RecordId, records: impl Iterator<Item = &'a Record>) -> Vec<(RecordId, String)> {
    let mut out = Vec::new();
    for r in records {
        if r.is_deleted() {
            continue;
        }
        let Some(info) = kinds::info(&r.kind) else { continue };
        for field in info.references.iter().filter(|x| x.place_in_tree).map(|x| x.field) {
            if r.text(field) == Some(org.as_str()) {
                // A member who left stays where they were: the branch's history keeps them.
                if r.kind == kind::MEMBER && r.text(member::LEFT).is_some_and(|l| !l.is_empty()) {
                    continue;
                }
                out.push((r.id.clone(), field.to_string()));
            }
        }
    }
    crate::sort::sort_by(&mut out, |a, b| a.cmp(b));
    out
}

fn find<'a>(orgs: &'a [Org], id: &RecordId) -> Result<&'a Org, OpError> {
    orgs.iter().find(|o| &o.id == id).ok_or(OpError::UnknownOrganization)
}

fn move_edits(moved: &[(RecordId, String)], to: &RecordId) -> Vec<Edit> {
    moved
        .iter()
        .map(|(id, field)| Edit::Update { id: id.clone(), fields: vec![(field.clone(), json!(to.as_str()))] })
        .collect()
}

fn moved_value(moved: &[(RecordId, String)]) -> Value {
    Value::Array(moved.iter().map(|(id, f)| json!([id.as_str(), f])).collect())
}

/// 撤并: everything that points at `from` moves to `into`, and `from` is closed on `date`,
/// remembering where it went. `references` come from `references_to(from, …)`.
pub fn plan_merge(
    from: &RecordId,
    into: &RecordId,
    references: Vec<(RecordId, String)>,
    orgs: &[Org],
    date: NaiveDate,
    batch_id: RecordId,
    today: NaiveDate,
) -> Result<Vec<Edit>, OpError> {
    if from == into {
        return Err(OpError::SameOrganization);
    }
    let (source, target) = (find(orgs, from)?, find(orgs, into)?);
    if !source.is_open() || !target.is_open() {
        return Err(OpError::Closed);
    }
    let mergeable = |o: &Org| !matches!(o.category, Some(OrgCategory::TownshipCommittee) | None);
    if !mergeable(source) || !mergeable(target) {
        return Err(OpError::CannotMerge);
    }
    if org::is_in_subtree(into, from, orgs) {
        return Err(OpError::IntoOwnSubtree);
    }
    if date > today {
        return Err(OpError::DateInFuture);
    }
    // Sub-organizations must fit under the target (a 党小组 can go under any branch).
    for (id, field) in &references {
        if field == org::PARENT {
            let child = find(orgs, id)?;
            if child.category.is_some_and(|c| !c.may_sit_under(target.category)) {
                return Err(OpError::Org(OrgError::ChildrenWouldNotFit));
            }
        }
    }
    let mut edits = move_edits(&references, into);
    edits.push(Edit::Update {
        id: from.clone(),
        fields: vec![(org::CLOSED.into(), json!(iso(date))), (org::MERGED_INTO.into(), json!(into.as_str()))],
    });
    edits.push(Edit::Create {
        id: batch_id,
        kind: kind::BATCH.into(),
        fields: vec![
            (OP.into(), json!(BatchOp::Merge.code())),
            (FROM.into(), json!(from.as_str())),
            (INTO.into(), json!(into.as_str())),
            (DATE.into(), json!(iso(date))),
            (MOVED.into(), moved_value(&references)),
            (UNDONE.into(), json!(false)),
        ],
    });
    Ok(edits)
}

/// 拆分: a new organization (`draft`, usually a sibling of `from`) is created and the chosen
/// current members of `from` move to it.
#[allow(clippy::too_many_arguments)]
pub fn plan_split(
    from: &RecordId,
    draft: &OrgDraft,
    new_id: RecordId,
    chosen: &[RecordId],
    members: &[Member],
    orgs: &[Org],
    batch_id: RecordId,
    today: NaiveDate,
) -> Result<Vec<Edit>, OpError> {
    let source = find(orgs, from)?;
    if !source.is_open() {
        return Err(OpError::Closed);
    }
    if chosen.is_empty() {
        return Err(OpError::NoMembersChosen);
    }
    let current: Vec<&Member> = members.iter().filter(|m| m.org.as_ref() == Some(from) && m.is_current()).collect();
    if chosen.iter().any(|c| !current.iter().any(|m| &m.id == c)) {
        return Err(OpError::MemberNotInOrganization);
    }
    if chosen.len() >= current.len() {
        return Err(OpError::AllMembersChosen);
    }
    let create = create_org(draft, new_id.clone(), orgs, today).map_err(OpError::Org)?;
    let moved: Vec<(RecordId, String)> = chosen.iter().map(|id| (id.clone(), member::ORG.to_string())).collect();
    let mut edits = vec![create];
    edits.extend(move_edits(&moved, &new_id));
    edits.push(Edit::Create {
        id: batch_id,
        kind: kind::BATCH.into(),
        fields: vec![
            (OP.into(), json!(BatchOp::Split.code())),
            (FROM.into(), json!(from.as_str())),
            (INTO.into(), json!(new_id.as_str())),
            (DATE.into(), json!(iso(today))),
            (MOVED.into(), moved_value(&moved)),
            (UNDONE.into(), json!(false)),
        ],
    });
    Ok(edits)
}

/// Undoes a step. `record` looks up the current version of a record by id.
/// - 撤并: what still points at the target moves back; the merged organization reopens.
/// - 拆分: the members still in the new organization move back; the new one is closed (kept, with
///   its history).
/// - 导入: the records it created are deleted (tombstones: an exchange carries the undo too); the
///   fields it updated get their old values back, those that still hold the imported value.
pub fn plan_undo<'a>(
    batch: &Batch,
    record: impl Fn(&RecordId) -> Option<&'a Record>,
    today: NaiveDate,
) -> Result<Vec<Edit>, OpError> {
    if batch.undone {
        return Err(OpError::AlreadyUndone);
    }
    let mut edits = Vec::new();
    if let (Some(from), Some(into)) = (&batch.from, &batch.into) {
        for (id, field) in &batch.moved {
            if record(id).is_some_and(|r| !r.is_deleted() && r.text(field) == Some(into.as_str())) {
                edits.push(Edit::Update { id: id.clone(), fields: vec![(field.clone(), json!(from.as_str()))] });
            }
        }
        match batch.op {
            Some(BatchOp::Merge) => {
                let merged = record(from).filter(|r| !r.is_deleted()).ok_or(OpError::CannotReopen)?;
                if merged.text(org::MERGED_INTO) != Some(into.as_str()) {
                    return Err(OpError::CannotReopen);
                }
                edits.push(Edit::Update {
                    id: from.clone(),
                    fields: vec![(org::CLOSED.into(), Value::Null), (org::MERGED_INTO.into(), Value::Null)],
                });
            }
            Some(BatchOp::Split) if record(into).is_some_and(|r| !r.is_deleted() && r.text(org::CLOSED).is_none()) => {
                edits.push(Edit::Update { id: into.clone(), fields: vec![(org::CLOSED.into(), json!(iso(today)))] });
            }
            _ => {}
        }
    }
    for id in &batch.created {
        if record(id).is_some_and(|r| !r.is_deleted()) {
            edits.push(Edit::Delete { id: id.clone() });
        }
    }
    let mut restored: Vec<(RecordId, Vec<(String, Value)>)> = Vec::new();
    for (id, field, old, new) in &batch.updated {
        let holds_new = record(id).is_some_and(|r| {
            !r.is_deleted() && crate::sheet_import::same_value(r.value(field).unwrap_or(&Value::Null), new)
        });
        if holds_new {
            match restored.iter_mut().find(|(r, _)| r == id) {
                Some((_, fields)) => fields.push((field.clone(), old.clone())),
                None => restored.push((id.clone(), vec![(field.clone(), old.clone())])),
            }
        }
    }
    edits.extend(restored.into_iter().map(|(id, fields)| Edit::Update { id, fields }));
    edits.push(Edit::Update { id: batch.id.clone(), fields: vec![(UNDONE.into(), json!(true))] });
    Ok(edits)
}

/// Closing an organization outright (撤销) is in `org::close_org`; this counts its current
/// members for it.
pub fn close(org: &Org, date: NaiveDate, members: &[Member], orgs: &[Org], today: NaiveDate) -> Result<Edit, OrgError> {
    let current = members.iter().filter(|m| m.org.as_ref() == Some(&org.id) && m.is_current()).count();
    close_org(org, date, current, orgs, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::Replica;
    use crate::station::StationId;
    use crate::test_support::{day, rid};

    const TODAY: &str = "2026-11-24";

    /// A township with two village branches (2, 3), a group under 2 (4), members 10-12 in 2 and
    /// 13 in 3, and member 14 in 2 who has transferred out.
    fn station() -> Replica {
        let mut r = Replica::new(StationId::from_random([1; 8]));
        let org = |n: u8, name: &str, cat: &str, parent: Option<u8>| {
            let mut fields = vec![(org::NAME.into(), json!(name)), (org::CATEGORY.into(), json!(cat))];
            if let Some(p) = parent {
                fields.push((org::PARENT.into(), json!(rid(p).as_str())));
            }
            Edit::Create { id: rid(n), kind: kind::ORG.into(), fields }
        };
        let member = |n: u8, name: &str, in_org: u8, left: Option<&str>| {
            let mut fields =
                vec![(member::NAME.into(), json!(name)), (member::ORG.into(), json!(rid(in_org).as_str()))];
            if let Some(l) = left {
                fields.push((member::LEFT.into(), json!(l)));
            }
            Edit::Create { id: rid(n), kind: kind::MEMBER.into(), fields }
        };
        let edits = vec![
            org(1, "坪塘镇党委", "township", None),
            org(2, "山塘村党支部", "branch", Some(1)),
            org(3, "桐溪村党支部", "branch", Some(1)),
            org(4, "第一党小组", "group", Some(2)),
            member(10, "甲", 2, None),
            member(11, "乙", 2, None),
            member(12, "丙", 2, None),
            member(13, "丁", 3, None),
            member(14, "戊", 2, Some("转出")),
        ];
        let staged = r.stage(edits, 1_000, &[]).unwrap();
        r.absorb(staged, 1_000);
        r
    }

    fn apply(r: &mut Replica, edits: Vec<Edit>, now: u64) {
        let staged = r.stage(edits, now, &[]).unwrap();
        r.absorb(staged, now);
    }

    fn orgs(r: &Replica) -> Vec<Org> {
        r.live(kind::ORG).map(Org::from_record).collect()
    }

    fn members(r: &Replica) -> Vec<Member> {
        r.live(kind::MEMBER).map(Member::from_record).collect()
    }

    fn org_of(r: &Replica, n: u8) -> Option<String> {
        r.get(&rid(n)).and_then(|x| x.text(member::ORG)).map(str::to_string)
    }

    #[test]
    fn merge_moves_current_members_and_groups_closes_the_branch_and_undo_puts_it_back() {
        let mut r = station();
        let refs = references_to(&rid(2), r.records());
        assert_eq!(refs.len(), 4, "three current members and one group; the member who left stays");
        let edits = plan_merge(&rid(2), &rid(3), refs, &orgs(&r), day("2026-11-20"), rid(50), day(TODAY)).unwrap();
        apply(&mut r, edits, 2_000);
        for n in [10, 11, 12, 13] {
            assert_eq!(org_of(&r, n).as_deref(), Some(rid(3).as_str()));
        }
        assert_eq!(org_of(&r, 14).as_deref(), Some(rid(2).as_str()), "history keeps who left where they were");
        let merged = Org::from_record(r.get(&rid(2)).unwrap());
        assert_eq!(merged.closed, Some(day("2026-11-20")));
        assert_eq!(merged.merged_into, Some(rid(3)));
        assert_eq!(Org::from_record(r.get(&rid(4)).unwrap()).parent, Some(rid(3)));

        // Member 11 is moved again before the undo: the undo leaves them where they are now.
        apply(
            &mut r,
            vec![Edit::Update { id: rid(11), fields: vec![(member::ORG.into(), json!(rid(1).as_str()))] }],
            3_000,
        );
        let batch = Batch::from_record(r.get(&rid(50)).unwrap());
        assert_eq!(batch.op, Some(BatchOp::Merge));
        let undo = plan_undo(&batch, |id| r.get(id), day(TODAY)).unwrap();
        apply(&mut r, undo, 4_000);
        assert_eq!(org_of(&r, 10).as_deref(), Some(rid(2).as_str()));
        assert_eq!(org_of(&r, 12).as_deref(), Some(rid(2).as_str()));
        assert_eq!(org_of(&r, 11).as_deref(), Some(rid(1).as_str()));
        assert_eq!(org_of(&r, 13).as_deref(), Some(rid(3).as_str()), "the target's own members stay");
        assert!(Org::from_record(r.get(&rid(2)).unwrap()).is_open());
        assert_eq!(Org::from_record(r.get(&rid(4)).unwrap()).parent, Some(rid(2)));
        let batch = Batch::from_record(r.get(&rid(50)).unwrap());
        assert_eq!(plan_undo(&batch, |id| r.get(id), day(TODAY)), Err(OpError::AlreadyUndone));
    }

    #[test]
    fn merge_refuses_what_makes_no_sense() {
        let r = station();
        let o = orgs(&r);
        let plan = |from: u8, into: u8, date: &str| {
            plan_merge(&rid(from), &rid(into), vec![], &o, day(date), rid(50), day(TODAY)).unwrap_err()
        };
        assert_eq!(plan(2, 2, TODAY), OpError::SameOrganization);
        assert_eq!(plan(2, 9, TODAY), OpError::UnknownOrganization);
        assert_eq!(plan(1, 2, TODAY), OpError::CannotMerge);
        assert_eq!(plan(2, 4, TODAY), OpError::IntoOwnSubtree);
        assert_eq!(plan(2, 3, "2026-12-01"), OpError::DateInFuture);
    }

    #[test]
    fn split_moves_the_chosen_members_into_a_new_branch_and_undo_closes_it() {
        let mut r = station();
        let draft = OrgDraft {
            name: "山塘村第二党支部".into(),
            category: Some(OrgCategory::Branch),
            parent: Some(rid(1)),
            ..Default::default()
        };
        let (o, m) = (orgs(&r), members(&r));
        let split = |chosen: &[RecordId]| plan_split(&rid(2), &draft, rid(60), chosen, &m, &o, rid(51), day(TODAY));
        assert_eq!(split(&[]).unwrap_err(), OpError::NoMembersChosen);
        assert_eq!(split(&[rid(13)]).unwrap_err(), OpError::MemberNotInOrganization);
        assert_eq!(split(&[rid(10), rid(11), rid(12)]).unwrap_err(), OpError::AllMembersChosen);
        apply(&mut r, split(&[rid(10), rid(11)]).unwrap(), 2_000);
        assert_eq!(org_of(&r, 10).as_deref(), Some(rid(60).as_str()));
        assert_eq!(org_of(&r, 12).as_deref(), Some(rid(2).as_str()));
        assert_eq!(Org::from_record(r.get(&rid(60)).unwrap()).name, "山塘村第二党支部");

        let batch = Batch::from_record(r.get(&rid(51)).unwrap());
        let undo = plan_undo(&batch, |id| r.get(id), day(TODAY)).unwrap();
        apply(&mut r, undo, 3_000);
        assert_eq!(org_of(&r, 10).as_deref(), Some(rid(2).as_str()));
        assert_eq!(Org::from_record(r.get(&rid(60)).unwrap()).closed, Some(day(TODAY)));
    }

    #[test]
    fn undoing_an_import_deletes_what_it_created() {
        let mut r = station();
        apply(
            &mut r,
            vec![Edit::Create {
                id: rid(70),
                kind: kind::BATCH.into(),
                fields: vec![
                    (OP.into(), json!("import")),
                    (CREATED.into(), json!([rid(12).as_str(), rid(13).as_str()])),
                    (NOTE.into(), json!("花名册.xlsx")),
                ],
            }],
            2_000,
        );
        let batch = Batch::from_record(r.get(&rid(70)).unwrap());
        assert_eq!(batch.created.len(), 2);
        let undo = plan_undo(&batch, |id| r.get(id), day(TODAY)).unwrap();
        apply(&mut r, undo, 3_000);
        assert!(r.get(&rid(12)).unwrap().is_deleted() && r.get(&rid(13)).unwrap().is_deleted());
        assert!(!r.get(&rid(11)).unwrap().is_deleted());
    }

    #[test]
    fn steps_are_listed_in_the_order_they_were_taken_not_by_their_dates_or_ids() {
        let mut r = station();
        // A merge taken first, dated later; a split taken after it, dated back; an import last,
        // undated. Their ids are in none of these orders.
        let step = |n: u8, op: &str, date: Option<&str>| {
            let mut fields = vec![(OP.into(), json!(op))];
            if let Some(d) = date {
                fields.push((DATE.into(), json!(d)));
            }
            vec![Edit::Create { id: rid(n), kind: kind::BATCH.into(), fields }]
        };
        apply(&mut r, step(61, "merge", Some("2026-11-24")), 2_000);
        apply(&mut r, step(63, "split", Some("2026-11-02")), 3_000);
        apply(&mut r, step(62, "import", None), 4_000);
        let mut list: Vec<Batch> = r.live(kind::BATCH).map(Batch::from_record).collect();
        newest_first(&mut list);
        let ids: Vec<RecordId> = list.into_iter().map(|b| b.id).collect();
        assert_eq!(ids, vec![rid(62), rid(63), rid(61)]);
    }

    #[test]
    fn closing_needs_an_empty_organization() {
        let r = station();
        let (o, m) = (orgs(&r), members(&r));
        let branch = o.iter().find(|x| x.id == rid(2)).unwrap();
        assert_eq!(close(branch, day(TODAY), &m, &o, day(TODAY)), Err(OrgError::StillHasMembers(3)));
        let group = o.iter().find(|x| x.id == rid(4)).unwrap();
        assert!(close(group, day(TODAY), &m, &o, day(TODAY)).is_ok());
    }
}
