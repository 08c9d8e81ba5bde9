//! 重复记录: the likely duplicates among the station's organizations, people and households
//! (`domain::duplicates`), each with its reason and a 合并 that opens the two records side by
//! side (`MergePage`): the user chooses each differing value and merges them
//! (`domain::identity::plan_merge`). The merges made here are listed with 撤销合并.

use crate::domain::development::Candidate;
use crate::domain::duplicates::{self, Duplicate, Reason};
use crate::domain::household::{self, Household};
use crate::domain::identity::{self, MergeError, SAME_AS};
use crate::domain::member::{self, Member};
use crate::domain::org::{self, Org};
use crate::domain::org_ops::{Batch, BatchOp};
use crate::domain::record::{kind, Record, RecordId, DELETED_FIELD};
use crate::ui::exchange::fields::{field_label, record_name_of, value_text};
use crate::ui::exchange::record_name;
use crate::ui::exchange::text::{kind_label, xt};
use crate::ui::kit::fields::{go, new_id};
use crate::ui::kit::when::When;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// Every likely duplicate among the station's live records, found again when records change.
pub fn found_duplicates(state: AppState) -> Memo<Vec<Duplicate>> {
    let (orgs, members) = (state.collection::<Org>(), state.collection::<Member>());
    let (candidates, households) = (state.collection::<Candidate>(), state.collection::<Household>());
    Memo::new(move |_| {
        let (o, m, c, h) = (orgs.get(), members.get(), candidates.get(), households.get());
        duplicates::find(&o, &m, &c, &h, browser::today())
    })
}

/// A record as the list of duplicates tells it from its twin: its name, and where it is.
fn describe(state: AppState, r: &Record) -> String {
    let name = record_name(r).unwrap_or_else(|| xt().no_name.to_string());
    let named = |field: &str| r.text(field).and_then(|id| record_name_of(state, id));
    let number = r.text(member::ID_NUMBER).filter(|n| !n.is_empty());
    let place = match r.kind.as_str() {
        kind::ORG => named(org::PARENT).map(|p| xt().under(&p)),
        kind::HOUSEHOLD => named(household::VILLAGE),
        _ => named(member::ORG),
    };
    let details: Vec<String> = [number.map(str::to_string), place].into_iter().flatten().collect();
    if details.is_empty() {
        name
    } else {
        format!("{name}（{}）", details.join("，"))
    }
}

/// A reason's cell: the kind, whether it is certain (flagged red when it is), why, and below
/// them `action` if any (in the cell, not a column of its own: the table fits 1024×768 in
/// large text).
pub fn reason_cell(d: &Duplicate, action: Option<AnyView>) -> AnyView {
    let (flag, class) = if d.reason.is_certain() { (xt().certain, "flag red") } else { (xt().likely, "flag amber") };
    view! {
        <td class="reason">
            <span class="kind">{kind_label(d.kind).to_string()}</span>
            <span class=class>{flag}</span>
            {reason_text(d.reason)}
            {action.map(|a| view! { <span class="action">{a}</span> })}
        </td>
    }
    .into_any()
}

fn reason_text(reason: Reason) -> &'static str {
    match reason {
        Reason::SameIdNumber => xt().reason_same_id,
        Reason::SameNameAndBirth => xt().reason_name_birth,
        Reason::SameNameAndParent => xt().reason_name_parent,
        Reason::SameHeadAndVillage => xt().reason_head_village,
    }
}

/// The rows of a list of duplicates: kind, the two records, the reason, and 合并.
pub fn duplicate_rows(state: AppState, list: &[Duplicate]) -> AnyView {
    list.iter()
        .map(|d| {
            let (a, b) = state.read_now(|ws| (ws.replica().get(&d.a).cloned(), ws.replica().get(&d.b).cloned()));
            let text = |r: Option<Record>| r.map(|r| describe(state, &r)).unwrap_or_default();
            let href = format!("#/exchange/duplicates/{}/{}", d.a, d.b);
            view! {
                <tr>
                    <td>{text(a)}</td>
                    <td>{text(b)}</td>
                    {reason_cell(d, Some(view! { <a class="button small" href=href>{xt().merge_button}</a> }.into_any()))}
                </tr>
            }
        })
        .collect_view()
        .into_any()
}

pub fn duplicates_table(state: AppState, list: &[Duplicate]) -> AnyView {
    view! {
        <table class="data compact duplicates">
            <thead>
                <tr><th>{xt().dup_first}</th><th>{xt().dup_second}</th><th>{xt().dup_reason}</th></tr>
            </thead>
            <tbody>{duplicate_rows(state, list)}</tbody>
        </table>
    }
    .into_any()
}

fn merge_error(e: &MergeError) -> &'static str {
    match e {
        MergeError::SameRecord => xt().merge_same,
        MergeError::KindsDiffer => xt().merge_kinds_differ,
        MergeError::NotMergeable => xt().merge_not_mergeable,
        MergeError::Deleted => xt().merge_gone,
        MergeError::AlreadyUndone => xt().unmerge_done_already,
        MergeError::CannotRestore => xt().unmerge_cannot,
    }
}

/// `merged`: opened after a merge, which it says was made. `found`: the section's
/// `found_duplicates`, which its tab counts too.
#[component]
pub fn DuplicatesPage(merged: bool, found: Memo<Vec<Duplicate>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(merged.then(|| (true, xt().merged.to_string())));
    let busy = RwSignal::new(false);
    // The merges made, newest first, not undone.
    let merges = Memo::new(move |_| {
        state.read_all(|ws| {
            let mut list: Vec<(Batch, Record)> = ws
                .replica()
                .live(kind::BATCH)
                .map(|r| (Batch::from_record(r), r.clone()))
                .filter(|(b, _)| b.op == Some(BatchOp::Identity) && !b.undone)
                .collect();
            crate::domain::sort::sort_by(&mut list, |x, y| crate::domain::org_ops::newer_first(&x.0, &y.0));
            list
        })
    });
    let unmerge = move |batch: Record| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let planned = state.read_now(|ws| identity::plan_unmerge(&batch, |id| ws.replica().get(id)));
            let result = match planned {
                Ok(edits) => state.commit(edits).await.map(|_| xt().unmerged.to_string()),
                Err(e) => Err(merge_error(&e).to_string()),
            };
            message.set(Some(match result {
                Ok(m) => (true, m),
                Err(e) => (false, e),
            }));
            busy.set(false);
        });
    };
    let merged_rows = move || {
        merges
            .get()
            .into_iter()
            .map(|(b, record)| {
                let name = |id: &Option<RecordId>| {
                    id.as_ref().and_then(|id| state.read_now(|ws| ws.replica().get(id).map(|r| describe(state, r)))).unwrap_or_default()
                };
                let (kept, gone) = (name(&b.into), name(&b.from));
                let kind = b.into.as_ref().and_then(|id| state.read_now(|ws| ws.replica().get(id).map(|r| r.kind.clone())));
                view! {
                    <tr>
                        <td>{b.date.map(|d| d.to_string()).unwrap_or_default()}</td>
                        <td>{kind.map(|k| kind_label(&k).to_string()).unwrap_or_default()}</td>
                        <td>{kept}</td>
                        <td>{gone}</td>
                        <td><button type="button" class="small" prop:disabled=busy on:click=move |_| unmerge(record.clone())>{xt().unmerge_button}</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="card">
            <h3>{xt().duplicates_title}</h3>
            <p class="intro">{xt().duplicates_intro}</p>
            <p role="alert" class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "done" } else { "error" }>
                {move || message.get().map(|m| m.1)}
            </p>
            {move || {
                let list = found.get();
                if list.is_empty() {
                    view! { <p class="ok">{xt().duplicates_none}</p> }.into_any()
                } else {
                    view! {
                        <p>{xt().duplicates_count(list.len(), list.iter().filter(|d| d.reason.is_certain()).count())}</p>
                        {duplicates_table(state, &list)}
                    }
                    .into_any()
                }
            }}
        </div>
        <When when=move || merges.with(|m| !m.is_empty())>
            <div class="card">
                <h3>{xt().merges_title}</h3>
                <p class="intro">{xt().merges_intro}</p>
                <table class="data compact">
                    <thead><tr><th>{xt().merge_date}</th><th>{xt().dup_kind}</th><th>{xt().merge_kept}</th><th>{xt().merge_gone_col}</th><th></th></tr></thead>
                    <tbody>{merged_rows}</tbody>
                </table>
            </div>
        </When>
    }
}

/// Which record a field's value is taken from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    First,
    Second,
}

/// The two records side by side, every field; for each that differs, a choice of value.
#[component]
pub fn MergePage(a: RecordId, b: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let pair = state.read_now(|ws| (ws.replica().get(&a).cloned(), ws.replica().get(&b).cloned()));
    let (Some(first), Some(second)) = pair else {
        return view! { <div class="card"><p class="error">{xt().merge_missing}</p><a href="#/exchange/duplicates">{xt().back_to_duplicates}</a></div> }.into_any();
    };
    if first.is_deleted() || second.is_deleted() {
        return view! { <div class="card"><p class="error">{xt().merge_gone}</p><a href="#/exchange/duplicates">{xt().back_to_duplicates}</a></div> }.into_any();
    }
    let differing = identity::differing_fields(&first, &second);
    let choices: Vec<(String, RwSignal<Side>)> =
        differing.iter().map(|f| (f.clone(), RwSignal::new(Side::First))).collect();
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let kind = first.kind.clone();
    // Every field either holds, in field order; the deletion mark and alias aside.
    let mut fields: Vec<String> = first.fields.iter().chain(second.fields.iter()).map(|(n, _)| n.to_string()).collect();
    // The fields to choose between first, each group by name (the one compiled sort: `domain::sort`).
    crate::domain::sort::sort_by(&mut fields, |a, b| a.cmp(b));
    fields.dedup();
    fields.retain(|f| f != DELETED_FIELD && f != SAME_AS);
    crate::domain::sort::sort_by_cached_key(&mut fields, |f| !differing.contains(f));
    let all_to = {
        let choices = choices.clone();
        move |side: Side| choices.iter().for_each(|(_, c)| c.set(side))
    };
    let all_to_second = all_to.clone();
    let (f1, f2) = (first.clone(), second.clone());
    let merge = {
        let choices = choices.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            let chosen: Vec<(String, Value)> = choices
                .iter()
                .map(|(field, side)| {
                    let from = if side.get_untracked() == Side::First { &f1 } else { &f2 };
                    (field.clone(), from.value(field).cloned().unwrap_or(Value::Null))
                })
                .collect();
            busy.set(true);
            let (a, b) = (f1.clone(), f2.clone());
            spawn_local(async move {
                let planned = state.read_now(|ws| {
                    let (a, b) = (ws.replica().get(&a.id).cloned(), ws.replica().get(&b.id).cloned());
                    match (a, b) {
                        (Some(a), Some(b)) => {
                            identity::plan_merge(&a, &b, &chosen, ws.replica().records(), new_id(), browser::today())
                        }
                        _ => Err(MergeError::Deleted),
                    }
                });
                let result = match planned {
                    Ok(edits) => state.commit(edits).await,
                    Err(e) => Err(merge_error(&e).to_string()),
                };
                busy.set(false);
                match result {
                    Ok(_) => go("#/exchange/duplicates/merged"),
                    Err(e) => message.set(Some(e)),
                }
            });
        }
    };
    let rows = fields
        .iter()
        .map(|field| {
            let v1 = first.value(field).cloned().unwrap_or(Value::Null);
            let v2 = second.value(field).cloned().unwrap_or(Value::Null);
            let (t1, t2) = (value_text(state, &kind, field, &v1), value_text(state, &kind, field, &v2));
            let label = field_label(&kind, field);
            let choice = choices.iter().find(|(f, _)| f == field).map(|(_, c)| *c);
            let cell = move |side: Side, text: String| match choice {
                Some(c) => {
                    let name = format!("merge-{field}");
                    view! {
                        <td class="value">
                            <label>
                                <input type="radio" name=name prop:checked=move || c.get() == side on:change=move |_| c.set(side) />
                                {text}
                            </label>
                        </td>
                    }
                    .into_any()
                }
                None => view! { <td class="value">{text}</td> }.into_any(),
            };
            let differs = choice.is_some();
            view! {
                <tr class=if differs { "differs" } else { "" }>
                    <th>{label.clone()}</th>
                    {cell(Side::First, t1)}
                    {cell(Side::Second, t2)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="card merge">
            <h3>{xt().merge_title(kind_label(&kind))}</h3>
            <p class="intro">{xt().merge_intro}</p>
            <p>
                <button type="button" class="small" on:click=move |_| all_to(Side::First)>{xt().take_all_first}</button>
                " "
                <button type="button" class="small" on:click=move |_| all_to_second(Side::Second)>{xt().take_all_second}</button>
            </p>
            <table class="data compact merge-fields">
                <thead>
                    <tr>
                        <th>{xt().merge_field}</th>
                        <th>{xt().dup_first}</th>
                        <th>{xt().dup_second}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="muted">{xt().merge_after}</p>
            <p role="alert" class="error">{move || message.get()}</p>
            <p>
                <button type="button" class="primary" prop:disabled=busy on:click=merge>{xt().merge_confirm}</button>
                " "
                <a class="button" href="#/exchange/duplicates">{crate::ui::text::t().cancel}</a>
            </p>
        </div>
    }
    .into_any()
}
