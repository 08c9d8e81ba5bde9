//! 冲突: fields two stations changed without seeing each other's change (`exchange::conflict`),
//! each with every value, who wrote it and when. Choosing a value commits the resolving edit
//! (`conflict::resolve`), which ends the conflict here and, after the next exchange, everywhere.

use crate::domain::kinds;
use crate::domain::record::{kind, RecordId, DELETED_FIELD as DELETED};
use crate::exchange::conflict::{self, Conflict};
use crate::ui::development::page::candidate_field_label;
use crate::ui::diary::text::{field_label as diary_field_label, household_key_label};
use crate::ui::exchange::text::{kind_label, xt};
use crate::ui::exchange::{record_name, station_label, time_text, ExchangeData};
use crate::ui::kit::when::When;
use crate::ui::members::page::member_field_label;
use crate::ui::orgs::page::org_field_label;
use crate::ui::text::t;
use crate::ui::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// A field as its form (or its record's trail) labels it.
fn field_label(kind: &str, field: &str) -> String {
    match (kind, field) {
        (_, DELETED) => xt().deleted_field.into(),
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

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ExchangeData>();
    let message = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let conflicts = Memo::new(move |_| state.read_all(|ws| conflict::list(ws.replica())));

    // A record's name, for the record in conflict and for values naming a record (a member's
    // branch, the households of a visit).
    let name_of = move |id: &str| {
        let id = RecordId::parse(id)?;
        state.read_all(|ws| ws.replica().get(&id).and_then(record_name))
    };
    let value_text = move |kind: &str, field: &str, v: &Value| -> String {
        match v {
            Value::Null => xt().empty_value.into(),
            Value::Bool(true) => t().yes.into(),
            Value::Bool(false) => t().no.into(),
            Value::String(s) if s.is_empty() => xt().empty_value.into(),
            Value::String(s) if names_a_record(kind, field) => name_of(s).unwrap_or_else(|| s.clone()),
            Value::String(s) => s.clone(),
            Value::Array(items) if items.is_empty() => xt().empty_value.into(),
            // A list of labels (a visit's 五员 roles) or of records (its households), by name.
            Value::Array(items) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| name_of(s).unwrap_or_else(|| s.to_string()))
                .collect::<Vec<_>>()
                .join("、"),
            other => other.to_string(),
        }
    };

    let choose = move |c: Conflict, value: Value| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let shown = value_text(&c.kind, &c.field, &value);
        spawn_local(async move {
            match state.commit(vec![conflict::resolve(&c, value)]).await {
                Ok(_) => message.set(Some((true, xt().resolved(&shown)))),
                Err(e) => message.set(Some((false, e))),
            }
            busy.set(false);
        });
    };

    let cards = move || {
        let names = data.station_names(&state);
        conflicts
            .get()
            .into_iter()
            .map(|c| {
                let record = name_of(c.record.as_str()).unwrap_or_else(|| c.record.to_string());
                let title = format!("{}：{} · {}", kind_label(&c.kind), record, field_label(&c.kind, &c.field));
                let rows = c
                    .values
                    .iter()
                    .map(|v| {
                        let chosen = (c.clone(), v.value.clone());
                        let label = xt().keep_value(&value_text(&c.kind, &c.field, &v.value));
                        view! {
                            <tr>
                                <td class="value">{value_text(&c.kind, &c.field, &v.value)}</td>
                                <td>{station_label(&names, &v.station)}</td>
                                <td>{time_text(v.wall_ms())}</td>
                                <td>{if v.winning { xt().winning } else { "" }}</td>
                                <td>
                                    <button type="button" class="small" aria-label=label prop:disabled=busy
                                        on:click=move |_| choose(chosen.0.clone(), chosen.1.clone())>
                                        {xt().keep}
                                    </button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="card conflict">
                        <h4>{title}</h4>
                        <table class="data compact">
                            <thead>
                                <tr><th>{xt().value}</th><th>{xt().station}</th><th>{xt().changed_at}</th><th></th><th></th></tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div class="card">
            <h3>{xt().conflicts_title}</h3>
            <p class="intro">{xt().conflicts_intro}</p>
            <p role="alert" class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "done" } else { "error" }>
                {move || message.get().map(|m| m.1)}
            </p>
            <When when=move || conflicts.with(Vec::is_empty)>
                <p class="ok">{xt().conflicts_none}</p>
            </When>
        </div>
        {cards}
    }
}
