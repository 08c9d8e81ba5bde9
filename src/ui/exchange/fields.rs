//! A record's fields as the exchange pages show them (the conflicts, a merge of duplicates): each
//! labelled as its form labels it, each value in words, a record named by its name.

use crate::domain::identity::SAME_AS;
use crate::domain::kinds;
use crate::domain::record::{kind, RecordId, DELETED_FIELD as DELETED};
use crate::ui::development::page::candidate_field_label;
use crate::ui::diary::text::{field_label as diary_field_label, household_key_label};
use crate::ui::exchange::record_name;
use crate::ui::exchange::text::xt;
use crate::ui::members::page::member_field_label;
use crate::ui::orgs::page::org_field_label;
use crate::ui::text::t;
use crate::ui::AppState;
use serde_json::Value;

/// A field as its form (or its record's trail) labels it.
pub fn field_label(kind: &str, field: &str) -> String {
    match (kind, field) {
        (_, DELETED) => xt().deleted_field.into(),
        (_, SAME_AS) => xt().same_as_field.into(),
        (kind::ORG, f) => org_field_label(f),
        (kind::MEMBER, f) => member_field_label(f).into(),
        (kind::CANDIDATE, f) => candidate_field_label(f),
        (kind::HOUSEHOLD, f) => household_key_label(f),
        (kind::DIARY, f) => diary_field_label(f),
        (_, f) => f.into(),
    }
}

/// Whether the field holds the id of another record (a member's branch, a cadre's member).
fn names_a_record(kind: &str, field: &str) -> bool {
    kinds::reference(kind, field).is_some()
}

/// The name of the record `id` names, if the station holds it.
pub fn record_name_of(state: AppState, id: &str) -> Option<String> {
    let id = RecordId::parse(id)?;
    state.read_all(|ws| ws.replica().get(&id).and_then(record_name))
}

/// A value in words: yes or no, empty, a record by its name, a list joined.
pub fn value_text(state: AppState, kind: &str, field: &str, v: &Value) -> String {
    match v {
        Value::Null => xt().empty_value.into(),
        Value::Bool(true) => t().yes.into(),
        Value::Bool(false) => t().no.into(),
        Value::String(s) if s.is_empty() => xt().empty_value.into(),
        Value::String(s) if names_a_record(kind, field) => record_name_of(state, s).unwrap_or_else(|| s.clone()),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => xt().empty_value.into(),
        // A list of labels (a visit's 五员 roles) or of records (its households), by name.
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| record_name_of(state, s).unwrap_or_else(|| s.to_string()))
            .collect::<Vec<_>>()
            .join("、"),
        other => other.to_string(),
    }
}
