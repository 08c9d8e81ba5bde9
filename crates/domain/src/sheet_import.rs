//! What every spreadsheet import shares (the member roster, a village's households): reading the
//! headers against a table of the names registers give each input, finding the header row, and
//! the rows as checked; a row whose 公民身份号码 is already the station's is that record, and
//! offers to update it (`Update`: the fields that would change, old → new; an empty cell never
//! blanks a value); and the edits of the one undoable batch (`import_edits`). Each import owns
//! its table and its own row problems.

use super::org_ops::{BatchOp, CREATED, DATE, NOTE, OP, UNDONE, UPDATED};
use super::record::{kind, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// Each input with the header names that mean it.
pub type HeaderTable<T> = [(T, &'static [&'static str])];

/// A header without spaces, and without a note in brackets or a trailing mark ("出生日期（必填）",
/// "姓名*"), unless the whole header is a name of its own ("村（社区）").
fn clean_header<T>(table: &HeaderTable<T>, text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if table.iter().any(|(_, names)| names.contains(&t.as_str())) {
        return t;
    }
    let t = t.split(['（', '(']).next().unwrap_or_default();
    t.trim_end_matches(['*', '＊', ':', '：']).to_string()
}

/// The input a header names, if any.
pub fn target_of_header<T: Copy>(table: &HeaderTable<T>, text: &str) -> Option<T> {
    let t = clean_header(table, text);
    table.iter().find(|(_, names)| names.contains(&t.as_str())).map(|(target, _)| *target)
}

/// The row holding the headers: the first of the first ten rows naming at least two inputs (a
/// register often has a title row above, "山塘村党支部党员花名册").
pub fn find_header_row<T: Copy>(table: &HeaderTable<T>, rows: &[Vec<String>]) -> Option<usize> {
    rows.iter().take(10).position(|row| row.iter().filter(|c| target_of_header(table, c).is_some()).count() >= 2)
}

/// Each column's input, guessed from its header; an input is given to its first column only.
pub fn guess_mapping<T: Copy + PartialEq>(table: &HeaderTable<T>, headers: &[String]) -> Vec<Option<T>> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|h| {
            let t = target_of_header(table, h).filter(|t| !used.contains(t))?;
            used.push(t);
            Some(t)
        })
        .collect()
}

/// One data row, checked. `row` is the spreadsheet's own row number (1-based, as Excel shows).
#[derive(Clone, Debug, PartialEq)]
pub struct RowResult<P> {
    pub row: usize,
    /// Whose row it is (the member's, the household head's name), for the report.
    pub name: String,
    /// The fields to save; empty when the row has errors. For a row that updates a record, the
    /// fields the record would hold (its own values where the sheet's cells are empty).
    pub fields: Vec<(String, Value)>,
    pub errors: Vec<P>,
    pub warnings: Vec<P>,
    /// The record of the station with the row's identity number, if any: the row updates it
    /// (or, with no field changed, leaves it as it is) instead of adding a second one.
    pub update: Option<Update>,
}

/// A row that is a record the station has (the same 公民身份号码).
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub id: RecordId,
    /// Who the record is, as the clerk knows them: "王建军（向阳村党支部）".
    pub who: String,
    /// The fields the row changes; empty when the row says what the record already holds.
    pub changes: Vec<Change>,
}

/// One field a row changes, with its old and new value as stored and as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub field: String,
    pub old: Value,
    pub new: Value,
    pub old_text: String,
    pub new_text: String,
}

impl<P> RowResult<P> {
    pub fn is_good(&self) -> bool {
        self.errors.is_empty()
    }

    /// A good row that adds a record.
    pub fn is_new(&self) -> bool {
        self.is_good() && self.update.is_none()
    }

    /// A good row that changes a record of the station.
    pub fn is_update(&self) -> bool {
        self.is_good() && self.update.as_ref().is_some_and(|u| !u.changes.is_empty())
    }

    /// A good row that says what its record already holds: nothing to write.
    pub fn is_unchanged(&self) -> bool {
        self.is_good() && self.update.as_ref().is_some_and(|u| u.changes.is_empty())
    }
}

/// A 公民身份号码 cell as the records hold it (the normalized number; as typed when it is not a
/// valid one), to find the record a row is.
pub fn id_key(cell: &str, today: NaiveDate) -> String {
    super::person::id_key(cell, today).unwrap_or_default()
}

/// A value as good as none: a blank text, an empty list, `false` or null (records leave such
/// fields out, forms write them empty).
pub fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Whether two stored values say the same (blanks of any form are equal).
pub fn same_value(a: &Value, b: &Value) -> bool {
    a == b || (is_blank(a) && is_blank(b))
}

/// A value as the preview shows it: texts as they are, lists joined with 、, yes/no as 是/否,
/// blanks as （空）. `name` gives the text of a field whose value is a record id (an
/// organization's name), if it is one.
pub fn value_text(field: &str, v: &Value, name: &dyn Fn(&str, &str) -> Option<String>) -> String {
    match v {
        v if is_blank(v) && !matches!(v, Value::Bool(_)) => "（空）".to_string(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Value::String(s) => name(field, s).unwrap_or_else(|| s.clone()),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => a.iter().map(|x| value_text(field, x, name)).collect::<Vec<_>>().join("、"),
        other => other.to_string(),
    }
}

/// The fields of `new` that differ from `old` (both as a form's check gives them; a field `old`
/// lacks is blank), with their texts.
pub fn changes(
    old: &[(String, Value)],
    new: &[(String, Value)],
    name: &dyn Fn(&str, &str) -> Option<String>,
) -> Vec<Change> {
    new.iter()
        .filter_map(|(field, value)| {
            let before = old.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()).unwrap_or(Value::Null);
            (!same_value(&before, value)).then(|| Change {
                field: field.clone(),
                old_text: value_text(field, &before, name),
                new_text: value_text(field, value, name),
                old: before,
                new: value.clone(),
            })
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan<P> {
    pub rows: Vec<RowResult<P>>,
}

impl<P> ImportPlan<P> {
    pub fn good(&self) -> impl Iterator<Item = &RowResult<P>> {
        self.rows.iter().filter(|r| r.is_good())
    }

    pub fn bad(&self) -> impl Iterator<Item = &RowResult<P>> {
        self.rows.iter().filter(|r| !r.is_good())
    }

    pub fn new_rows(&self) -> impl Iterator<Item = &RowResult<P>> {
        self.rows.iter().filter(|r| r.is_new())
    }

    pub fn updates(&self) -> impl Iterator<Item = &RowResult<P>> {
        self.rows.iter().filter(|r| r.is_update())
    }

    pub fn unchanged(&self) -> impl Iterator<Item = &RowResult<P>> {
        self.rows.iter().filter(|r| r.is_unchanged())
    }
}

/// The edits that save a plan: each new row a record made by `create` (given the row's fields and
/// an id from `new_id`); with `update_existing`, each row that changes a record of the station an
/// update of the fields it changes (else those rows are skipped, never added again); and the
/// `batch` record that lets the import be undone: the ids it created, and for each field it
/// updated `[id, field, old value, new value]` (`org_ops::plan_undo`).
pub fn import_edits<P>(
    plan: &ImportPlan<P>,
    update_existing: bool,
    mut create: impl FnMut(Vec<(String, Value)>, RecordId) -> Edit,
    mut new_id: impl FnMut() -> RecordId,
    batch: RecordId,
    note: &str,
    today: NaiveDate,
) -> Vec<Edit> {
    let mut created = Vec::new();
    let mut updated = Vec::new();
    let mut edits: Vec<Edit> = plan
        .new_rows()
        .map(|r| {
            let edit = create(r.fields.clone(), new_id());
            created.push(json!(edit.record_id().as_str()));
            edit
        })
        .collect();
    if update_existing {
        for u in plan.updates().filter_map(|r| r.update.as_ref()) {
            for c in &u.changes {
                updated.push(json!([u.id.as_str(), c.field, c.old, c.new]));
            }
            edits.push(Edit::Update {
                id: u.id.clone(),
                fields: u.changes.iter().map(|c| (c.field.clone(), c.new.clone())).collect(),
            });
        }
    }
    let mut fields = vec![
        (OP.into(), json!(BatchOp::Import.code())),
        (DATE.into(), json!(super::date::iso(today))),
        (CREATED.into(), Value::Array(created)),
    ];
    if !updated.is_empty() {
        fields.push((UPDATED.into(), Value::Array(updated)));
    }
    fields.extend([(NOTE.into(), json!(note)), (UNDONE.into(), json!(false))]);
    edits.push(Edit::Create { id: batch, kind: kind::BATCH.to_string(), fields });
    edits
}
