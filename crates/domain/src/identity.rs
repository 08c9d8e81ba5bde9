//! 合并重复记录: two records found to be one organization, person or household (`duplicates`)
//! made one, as an edit like any other, that travels in exchange files and can be undone.
//!
//! **Which one stays.** The record with the smaller id, whichever station merges the pair and
//! whichever record its user started from: two stations that merge the same pair each their own
//! way then keep the same record, and their merges converge. The user chooses the values: each
//! field that differs, as with a conflict; they are written into the record that stays.
//!
//! **The one that goes** is deleted, and names the one that stays in `same_as` (an alias): its
//! history and audit trail stay readable, and an alias always names a smaller id, so aliases
//! never form a loop; a chain (a merged into b, b into c) is followed to its end.
//!
//! **References.** Every record that named the one that goes (members of a branch, a cadre's
//! member, trainings, diaries…) names the one that stays: the merge edits them (`repointed`
//! finds the fields, any id anywhere in a field's value). An import does the same for records
//! that still name a merged record, whether the alias came in the file or was here
//! (`exchange::plan`): a file made before the merge lands on the kept record. History is left as
//! written: audit entries and batch records name records as they were.
//!
//! **Undo.** The merge keeps a `batch` record (as 撤并 does) listing what it moved and the kept
//! record's values before; undo moves back what still names the kept record, puts back the kept
//! record's values that still hold what the merge wrote, and brings the merged record back.

use super::date::iso;
use super::org_ops::{Batch, BatchOp, DATE, FROM, INTO, MOVED, OP, UNDONE};
use super::record::{kind, Record, RecordId, DELETED_FIELD};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// On a merged record: the id of the record it was merged into.
pub const SAME_AS: &str = "same_as";
/// On a merge's batch record: the kept record's fields the merge changed, each with its value
/// before and the value the merge wrote, `{field: {"o": old, "n": new}}` (`null`: empty).
pub const KEPT_BEFORE: &str = "kept_before";

/// The kinds whose records can be merged.
pub const MERGEABLE: [&str; 4] = [kind::ORG, kind::MEMBER, kind::CANDIDATE, kind::HOUSEHOLD];

/// A chain of aliases longer than this is damage (each step names a smaller id).
const LONGEST_CHAIN: usize = 64;

/// Which of two records stays, and which goes.
pub fn stays<'a>(a: &'a RecordId, b: &'a RecordId) -> (&'a RecordId, &'a RecordId) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The aliases some records hold: each merged record to the record it was merged into.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aliases(HashMap<RecordId, RecordId>);

impl Aliases {
    /// The aliases among `records`: deleted records naming, in `same_as`, a record of a smaller id
    /// (anything else is not an alias this version writes, and is left alone).
    pub fn of<'a>(records: impl IntoIterator<Item = &'a Record>) -> Aliases {
        let mut map = HashMap::new();
        for r in records {
            if let Some(into) = alias_of(r) {
                map.insert(r.id.clone(), into);
            }
        }
        Aliases(map)
    }

    /// Takes in one more record's alias, or drops it if the record is no longer merged (undone).
    pub fn note(&mut self, r: &Record) {
        match alias_of(r) {
            Some(into) => self.0.insert(r.id.clone(), into),
            None => self.0.remove(&r.id),
        };
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Drops the aliases to records `known` does not know (followed, they would name nothing).
    pub fn retain_known(&mut self, known: impl Fn(&RecordId) -> bool) {
        self.0.retain(|_, into| known(into));
    }

    /// The record `id` stands for now: the end of its chain of aliases; `None` if it has none.
    pub fn resolve(&self, id: &RecordId) -> Option<RecordId> {
        let mut at = self.0.get(id)?;
        for _ in 0..LONGEST_CHAIN {
            match self.0.get(at) {
                Some(next) => at = next,
                None => break,
            }
        }
        Some(at.clone())
    }

    fn resolve_text(&self, text: &str) -> Option<RecordId> {
        if self.0.is_empty() {
            return None;
        }
        RecordId::parse(text).and_then(|id| self.resolve(&id))
    }
}

fn alias_of(r: &Record) -> Option<RecordId> {
    let into = RecordId::parse(r.text(SAME_AS)?)?;
    (r.is_deleted() && into < r.id).then_some(into)
}

/// Kinds whose records are history, left naming records as they were.
fn keeps_history(kind: &str) -> bool {
    kind == kind::CHANGE || kind == kind::BATCH
}

/// `value` with every id of a merged record replaced by the record it stands for now; `None` if
/// nothing in it names one.
fn rewritten(value: &Value, aliases: &Aliases) -> Option<Value> {
    match value {
        Value::String(s) => aliases.resolve_text(s).map(|id| Value::String(id.as_str().to_string())),
        Value::Array(items) => {
            let new: Vec<Option<Value>> = items.iter().map(|v| rewritten(v, aliases)).collect();
            if new.iter().all(Option::is_none) {
                return None;
            }
            let mut out: Vec<Value> = Vec::with_capacity(items.len());
            for (old, new) in items.iter().zip(new) {
                let v = new.unwrap_or_else(|| old.clone());
                // A list of records (a visit's households) names the kept one once, not twice.
                if !(v.is_string() && out.contains(&v)) {
                    out.push(v);
                }
            }
            Some(Value::Array(out))
        }
        Value::Object(fields) => {
            let new: Vec<(&String, Option<Value>)> = fields.iter().map(|(k, v)| (k, rewritten(v, aliases))).collect();
            new.iter().any(|(_, v)| v.is_some()).then(|| {
                Value::Object(
                    fields
                        .iter()
                        .zip(new)
                        .map(|((k, old), (_, new))| (k.clone(), new.unwrap_or_else(|| old.clone())))
                        .collect(),
                )
            })
        }
        _ => None,
    }
}

/// The fields of a live record that name a merged record, each with its value naming the records
/// they stand for now. None for a deleted record or a record of history (`keeps_history`).
pub fn repointed(r: &Record, aliases: &Aliases) -> Vec<(String, Value)> {
    if aliases.is_empty() || r.is_deleted() || keeps_history(&r.kind) {
        return Vec::new();
    }
    r.fields
        .iter()
        .filter(|(name, _)| name.as_str() != DELETED_FIELD && name.as_str() != SAME_AS)
        .filter_map(|(name, _)| Some((name.to_string(), rewritten(r.value(name)?, aliases)?)))
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeError {
    SameRecord,
    KindsDiffer,
    NotMergeable,
    /// One of the two was deleted or merged since.
    Deleted,
    AlreadyUndone,
    /// Undoing: the merged record was changed since (deleted again, or merged elsewhere).
    CannotRestore,
}

/// The fields two records hold different values in (the deletion mark and alias aside), in
/// field order: what the user chooses between.
pub fn differing_fields(a: &Record, b: &Record) -> Vec<String> {
    let mut names: Vec<&str> = a.fields.iter().chain(b.fields.iter()).map(|(n, _)| n.as_str()).collect();
    crate::sort::sort_by(&mut names, |x, y| x.cmp(y));
    names.dedup();
    names
        .into_iter()
        .filter(|n| *n != DELETED_FIELD && *n != SAME_AS)
        .filter(|n| !same_value(a.value(n), b.value(n)))
        .map(str::to_string)
        .collect()
}

/// Whether two values say the same (no value and an empty one alike: `sheet_import::same_value`).
fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    super::sheet_import::same_value(a.unwrap_or(&Value::Null), b.unwrap_or(&Value::Null))
}

/// Merges `a` and `b` into the one that `stays`, with `chosen`: the value the user chose for each
/// field that differs (`differing_fields`; a field left out keeps the kept record's value).
/// `records` are the station's records (every record naming the one that goes is moved to the
/// one that stays); `batch_id` names the undo record.
pub fn plan_merge<'a>(
    a: &Record,
    b: &Record,
    chosen: &[(String, Value)],
    records: impl Iterator<Item = &'a Record>,
    batch_id: RecordId,
    today: NaiveDate,
) -> Result<Vec<Edit>, MergeError> {
    if a.id == b.id {
        return Err(MergeError::SameRecord);
    }
    if a.kind != b.kind {
        return Err(MergeError::KindsDiffer);
    }
    if !MERGEABLE.contains(&a.kind.as_str()) {
        return Err(MergeError::NotMergeable);
    }
    if a.is_deleted() || b.is_deleted() {
        return Err(MergeError::Deleted);
    }
    let (keep_id, gone_id) = stays(&a.id, &b.id);
    let keep = if a.id == *keep_id { a } else { b };
    // The kept record's new values, and what they were (for undo).
    let mut values = Vec::new();
    let mut before = Map::new();
    for (field, value) in chosen.iter().filter(|(f, _)| f != DELETED_FIELD && f != SAME_AS) {
        if !same_value(keep.value(field), Some(value)) {
            values.push((field.clone(), value.clone()));
            let old = keep.value(field).cloned().unwrap_or(Value::Null);
            before.insert(field.clone(), json!({ "o": old, "n": value }));
        }
    }
    let aliases = Aliases([(gone_id.clone(), keep_id.clone())].into_iter().collect());
    let mut edits = Vec::new();
    let mut moved = Vec::new();
    for r in records.filter(|r| r.id != *keep_id && r.id != *gone_id) {
        let fields = repointed(r, &aliases);
        if !fields.is_empty() {
            let old = |f: &str| r.value(f).cloned().unwrap_or(Value::Null);
            moved.extend(fields.iter().map(|(f, new)| json!([r.id.as_str(), f, old(f), new])));
            edits.push(Edit::Update { id: r.id.clone(), fields });
        }
    }
    if !values.is_empty() {
        edits.push(Edit::Update { id: keep_id.clone(), fields: values });
    }
    edits.push(Edit::Update { id: gone_id.clone(), fields: vec![(SAME_AS.into(), json!(keep_id.as_str()))] });
    edits.push(Edit::Delete { id: gone_id.clone() });
    edits.push(Edit::Create {
        id: batch_id,
        kind: kind::BATCH.into(),
        fields: vec![
            (OP.into(), json!(BatchOp::Identity.code())),
            (FROM.into(), json!(gone_id.as_str())),
            (INTO.into(), json!(keep_id.as_str())),
            (DATE.into(), json!(iso(today))),
            (MOVED.into(), Value::Array(moved)),
            (KEPT_BEFORE.into(), Value::Object(before)),
            (UNDONE.into(), json!(false)),
        ],
    });
    Ok(edits)
}

/// Undoes a merge (`plan_merge`'s batch record). `record` looks up a record's current version.
/// The fields the merge moved that still hold what it wrote get their old values, so do the kept
/// record's; the merged record comes back, no longer an alias. What changed since stays.
pub fn plan_unmerge<'a>(
    batch_record: &Record,
    record: impl Fn(&RecordId) -> Option<&'a Record>,
) -> Result<Vec<Edit>, MergeError> {
    let batch = Batch::from_record(batch_record);
    if batch.op != Some(BatchOp::Identity) {
        return Err(MergeError::CannotRestore);
    }
    if batch.undone {
        return Err(MergeError::AlreadyUndone);
    }
    let (Some(gone), Some(keep)) = (&batch.from, &batch.into) else { return Err(MergeError::CannotRestore) };
    let merged = record(gone).ok_or(MergeError::CannotRestore)?;
    if merged.text(SAME_AS) != Some(keep.as_str()) || !merged.is_deleted() {
        return Err(MergeError::CannotRestore);
    }
    let mut edits = Vec::new();
    for item in batch_record.value(MOVED).and_then(Value::as_array).into_iter().flatten() {
        let (Some(id), Some(field), Some(old), Some(new)) = (
            item.get(0).and_then(Value::as_str).and_then(RecordId::parse),
            item.get(1).and_then(Value::as_str),
            item.get(2),
            item.get(3),
        ) else {
            continue;
        };
        if record(&id).is_some_and(|r| !r.is_deleted() && r.value(field) == Some(new)) {
            edits.push(Edit::Update { id, fields: vec![(field.to_string(), old.clone())] });
        }
    }
    if let Some(kept) = record(keep) {
        let old_values: Vec<(String, Value)> = batch
            .kept_before
            .iter()
            .filter(|(field, _, new)| same_value(kept.value(field), Some(new)))
            .map(|(field, old, _)| (field.clone(), old.clone()))
            .collect();
        if !old_values.is_empty() {
            edits.push(Edit::Update { id: keep.clone(), fields: old_values });
        }
    }
    edits.push(Edit::Update {
        id: gone.clone(),
        fields: vec![(SAME_AS.into(), Value::Null), (DELETED_FIELD.into(), Value::Bool(false))],
    });
    edits.push(Edit::Update { id: batch.id.clone(), fields: vec![(UNDONE.into(), json!(true))] });
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::Replica;
    use crate::station::StationId;
    use crate::test_support::{day, rid};

    const NOW: u64 = 1_795_000_000_000;

    fn commit(replica: &mut Replica, edits: Vec<Edit>) {
        let staged = replica.stage(edits, NOW, &[]).expect("edits apply");
        replica.absorb(staged, NOW);
    }

    fn create(id: RecordId, kind: &str, fields: Vec<(&str, Value)>) -> Edit {
        Edit::Create { id, kind: kind.into(), fields: fields.into_iter().map(|(f, v)| (f.to_string(), v)).collect() }
    }

    /// Two branches of one name, a member in each (the same person), a diary visiting a household
    /// with both named, a cadre of the second member, and an audit entry about the second.
    fn station() -> Replica {
        let mut r = Replica::new(StationId::from_random([1; 8]));
        commit(
            &mut r,
            vec![
                create(rid(1), kind::ORG, vec![("name", json!("向阳村党支部"))]),
                create(rid(2), kind::ORG, vec![("name", json!("向阳村党支部")), ("phone", json!("0731-1"))]),
                create(
                    rid(10),
                    kind::MEMBER,
                    vec![("name", json!("王建军")), ("org", json!(rid(1).as_str())), ("phone", json!("138"))],
                ),
                create(
                    rid(11),
                    kind::MEMBER,
                    vec![("name", json!("王建军")), ("org", json!(rid(2).as_str())), ("phone", json!("139"))],
                ),
                create(rid(20), kind::CADRE, vec![("member", json!(rid(11).as_str()))]),
                create(
                    rid(30),
                    kind::DIARY,
                    vec![("writer", json!(rid(11).as_str())), ("households", json!([rid(40).as_str()]))],
                ),
                create(rid(31), kind::TRAINING, vec![("attended", json!([rid(10).as_str(), rid(11).as_str()]))]),
                create(rid(50), kind::CHANGE, vec![("target", json!(rid(11).as_str()))]),
            ],
        );
        r
    }

    #[test]
    fn the_smaller_id_stays_its_references_move_and_the_other_is_an_alias() {
        let mut r = station();
        let (a, b) = (r.get(&rid(11)).unwrap().clone(), r.get(&rid(10)).unwrap().clone());
        assert_eq!(differing_fields(&a, &b), vec!["org".to_string(), "phone".to_string()]);
        // The user starts from 11 and takes its phone; 10 stays all the same (the smaller id).
        let chosen = vec![("org".to_string(), json!(rid(1).as_str())), ("phone".to_string(), json!("139"))];
        let edits = plan_merge(&a, &b, &chosen, r.records(), rid(90), day("2026-12-01")).unwrap();
        commit(&mut r, edits);
        let kept = r.get(&rid(10)).unwrap();
        assert_eq!(kept.text("phone"), Some("139"));
        assert!(!kept.is_deleted());
        let gone = r.get(&rid(11)).unwrap();
        assert!(gone.is_deleted());
        assert_eq!(gone.text(SAME_AS), Some(rid(10).as_str()));
        assert_eq!(gone.text("name"), Some("王建军"), "its history stays readable");
        assert_eq!(r.get(&rid(20)).unwrap().text("member"), Some(rid(10).as_str()));
        assert_eq!(r.get(&rid(30)).unwrap().text("writer"), Some(rid(10).as_str()));
        // A list that named both names the kept one once.
        assert_eq!(r.get(&rid(31)).unwrap().value("attended"), Some(&json!([rid(10).as_str()])));
        // History is left as written.
        assert_eq!(r.get(&rid(50)).unwrap().text("target"), Some(rid(11).as_str()));
        let aliases = Aliases::of(r.records());
        assert_eq!(aliases.resolve(&rid(11)), Some(rid(10)));
        assert_eq!(aliases.resolve(&rid(10)), None);
        // Merging again is refused: one of them is gone.
        let (a, b) = (r.get(&rid(11)).unwrap(), r.get(&rid(10)).unwrap());
        assert_eq!(plan_merge(a, b, &[], r.records(), rid(91), day("2026-12-01")), Err(MergeError::Deleted));

        // Undone: everything as it was, but what changed since.
        commit(&mut r, vec![Edit::Update { id: rid(30), fields: vec![("writer".into(), json!(rid(10).as_str()))] }]);
        commit(&mut r, vec![Edit::Update { id: rid(20), fields: vec![("member".into(), json!(rid(12).as_str()))] }]);
        let batch = r.get(&rid(90)).unwrap().clone();
        let undo = plan_unmerge(&batch, |id| r.get(id)).unwrap();
        commit(&mut r, undo);
        assert!(!r.get(&rid(11)).unwrap().is_deleted());
        assert_eq!(r.get(&rid(11)).unwrap().text(SAME_AS), None);
        assert_eq!(r.get(&rid(10)).unwrap().text("phone"), Some("138"));
        assert_eq!(r.get(&rid(20)).unwrap().text("member"), Some(rid(12).as_str()), "changed since: stays");
        assert_eq!(r.get(&rid(31)).unwrap().value("attended"), Some(&json!([rid(10).as_str(), rid(11).as_str()])));
        assert!(Aliases::of(r.records()).is_empty());
        let batch = r.get(&rid(90)).unwrap().clone();
        assert_eq!(plan_unmerge(&batch, |id| r.get(id)), Err(MergeError::AlreadyUndone));
    }

    #[test]
    fn merges_are_refused_across_kinds_and_for_kinds_that_are_not_people_or_places() {
        let r = station();
        let get = |n| r.get(&rid(n)).unwrap();
        let plan = |a, b| plan_merge(get(a), get(b), &[], r.records(), rid(90), day("2026-12-01"));
        assert_eq!(plan(1, 10), Err(MergeError::KindsDiffer));
        assert_eq!(plan(1, 1), Err(MergeError::SameRecord));
        assert_eq!(plan(30, 30), Err(MergeError::SameRecord));
        let mut r2 = station();
        commit(&mut r2, vec![create(rid(32), kind::DIARY, vec![])]);
        let p = plan_merge(
            r2.get(&rid(30)).unwrap(),
            r2.get(&rid(32)).unwrap(),
            &[],
            r2.records(),
            rid(90),
            day("2026-12-01"),
        );
        assert_eq!(p, Err(MergeError::NotMergeable));
    }

    #[test]
    fn chains_are_followed_and_unknown_or_upward_aliases_ignored() {
        let station = StationId::from_random([2; 8]);
        let alias = |n: u8, into: u8| {
            let mut rec = Record::new(rid(n), kind::ORG, station);
            rec.set(SAME_AS, json!(rid(into).as_str()), crate::clock::Hlc::new(5, 0), &station);
            rec.delete(crate::clock::Hlc::new(6, 0), &station);
            rec
        };
        let records = [alias(3, 2), alias(2, 1), alias(4, 9)];
        let mut aliases = Aliases::of(&records);
        assert_eq!(aliases.resolve(&rid(3)), Some(rid(1)));
        assert_eq!(aliases.resolve(&rid(4)), None, "an alias to a greater id is not one this version writes");
        aliases.retain_known(|id| *id != rid(1));
        assert_eq!(aliases.resolve(&rid(3)), Some(rid(2)), "stops at the last record known");
    }
}
