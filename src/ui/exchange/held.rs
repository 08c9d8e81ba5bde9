//! 时间超前暂缓: the records imports set aside for their clocks (`exchange::held`), file by file,
//! with the station, the record and the stamp, and what the clerk can do: wait (nothing to press),
//! merge as they are once this PC's clock has caught up, or accept them now, re-stamped as this
//! station's edit with the audit saying so. Either way in is written like an import, logged, and
//! undone from 导入记录.

use crate::exchange::format::StationRef;
use crate::exchange::held::{self, plan_taking, Held, Take};
use crate::exchange::log::LogEntry;
use crate::exchange::undo::ImportUndo;
use crate::ui::exchange::import::file_station_text;
use crate::ui::exchange::text::{kind_label, xt};
use crate::ui::exchange::{record_name, time_text, ExchangeData};
use crate::ui::kit::fields::Message;
use crate::ui::state::HeldChange;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The records one file brought, as the page lists them.
#[derive(Clone)]
struct Group {
    sha256: String,
    title: String,
    facts: String,
    /// Kind, name, stamp, and why it stayed after a try.
    rows: Vec<(String, String, String, Option<String>)>,
    any_due: bool,
}

fn groups(list: &[Held], staying: &[(String, String)], now_ms: u64) -> Vec<Group> {
    let mut shas: Vec<&str> = Vec::new();
    for h in list {
        if !shas.contains(&h.sha256.as_str()) {
            shas.push(&h.sha256);
        }
    }
    shas.into_iter()
        .map(|sha| {
            let of: Vec<&Held> = list.iter().filter(|h| h.sha256 == sha).collect();
            let first = of[0];
            let newest = of.iter().map(|h| h.stamp()).max().unwrap_or_default();
            let station = file_station_text(&first.from);
            Group {
                sha256: sha.to_string(),
                title: xt().held_group(&station, &first.file_name),
                facts: xt().held_group_facts(&time_text(first.held_ms), of.len(), &time_text(newest.wall_ms())),
                rows: of
                    .iter()
                    .map(|h| {
                        let why = staying.iter().find(|(id, _)| id == h.record.id.as_str()).map(|(_, why)| why.clone());
                        (
                            kind_label(&h.record.kind).to_string(),
                            record_name(&h.record).unwrap_or_else(|| h.record.id.to_string()),
                            time_text(h.stamp().wall_ms()),
                            why,
                        )
                    })
                    .collect(),
                any_due: of.iter().any(|h| h.is_due(now_ms)),
            }
        })
        .collect()
}

#[component]
pub fn HeldPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ExchangeData>();
    let busy = RwSignal::new(false);
    let message: Message = RwSignal::new(None);
    // Why records stayed after the last try (record id, reason).
    let staying = RwSignal::new(Vec::<(String, String)>::new());
    // Another tab may have imported, taken some in, or undone since the section read the list.
    spawn_local(async move { data.refresh(&state).await });

    let take = move |sha: String, how: Take| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set(Some((true, xt().held_working.to_string())));
        spawn_local(async move {
            data.refresh(&state).await;
            let chosen: Vec<Held> =
                data.held.with_untracked(|l| l.iter().filter(|h| h.sha256 == sha).cloned().collect());
            let kinds: Vec<String> = chosen.iter().map(|h| h.record.kind.clone()).collect();
            let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
            if let Err(e) = state.load_all_and(&kinds).await {
                busy.set(false);
                return message.set(Some((false, e)));
            }
            let Some(own) = state.settings.with_untracked(|s| s.profile.clone()) else {
                busy.set(false);
                return message.set(None);
            };
            let Some(first) = chosen.first() else {
                busy.set(false);
                return message.set(None);
            };
            let restamped = how == Take::Restamped;
            // The log names this station for an acceptance (its own edit), the file's for a merge.
            let from = if restamped { StationRef::of(&own) } else { first.from.clone() };
            let name = xt().held_log_name(&first.file_name, restamped);
            let now = browser::now_ms();
            let refs: Vec<&Held> = chosen.iter().collect();
            let p = state.read_now(|ws| plan_taking(ws.replica(), &refs, how, &from, &own.name, now));
            staying.set(p.staying.iter().map(|(id, why)| (id.to_string(), why.clone())).collect());
            if p.taken.is_empty() {
                busy.set(false);
                return message.set(Some((false, xt().held_staying(p.staying.len()))));
            }
            let released: Vec<Held> =
                chosen.iter().filter(|h| p.taken.iter().any(|t| t.id == h.record.id)).cloned().collect();
            let entry = LogEntry::new(&name, &p.header, &p.plan, now);
            let undo = (!p.plan.to_write.is_empty()).then(|| {
                let undo = ImportUndo { released, ..ImportUndo::of(&p.plan, &name) };
                serde_json::to_string(&undo).unwrap_or_default()
            });
            let (taken, left) = (p.taken, p.staying.len());
            let count = taken.len();
            let release: HeldChange = Box::new(move |list| held::release(list, &taken));
            match state.import(p.plan.to_write, entry, undo, release).await {
                Ok((log, on_hold)) => {
                    data.log.set(log);
                    data.held.set(on_hold);
                    let mut said = xt().held_taken(count, restamped);
                    if left > 0 {
                        said.push_str(&xt().held_staying(left));
                    }
                    message.set(Some((true, said)));
                }
                Err(e) => message.set(Some((false, e))),
            }
            busy.set(false);
        });
    };

    let group_cards = move || {
        let now = browser::now_ms();
        let list = data.held.get();
        staying.with(|s| groups(&list, s, now))
            .into_iter()
            .map(|g| {
                let (accept_sha, merge_sha) = (g.sha256.clone(), g.sha256.clone());
                let rows = g
                    .rows
                    .into_iter()
                    .map(|(kind, name, stamp, why)| {
                        view! {
                            <tr>
                                <td>{kind}</td>
                                <td>{name}</td>
                                <td class="num">{stamp}</td>
                                <td class="warn">{why}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="card held-group">
                        <h4>{g.title}</h4>
                        <p class="muted">{g.facts}</p>
                        <table class="data compact">
                            <thead>
                                <tr><th>{xt().kind}</th><th>{xt().record}</th><th>{xt().held_stamp}</th><th></th></tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                        {g.any_due.then(|| view! { <p class="done">{xt().held_merge_note}</p> })}
                        <div class="actions">
                            {g.any_due.then(|| view! {
                                <button type="button" class="primary" prop:disabled=busy
                                    on:click=move |_| take(merge_sha.clone(), Take::AsTheyAre)>{xt().held_merge}</button>
                            })}
                            <button type="button" prop:disabled=busy
                                on:click=move |_| take(accept_sha.clone(), Take::Restamped)>{xt().held_accept}</button>
                            <span class="muted">{xt().held_accept_note}</span>
                        </div>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div class="card">
            <h3>{xt().held_title}</h3>
            <p>{xt().held_intro}</p>
            <p>{xt().held_choices}</p>
            <p role="status" class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "done" } else { "error" }>
                {move || message.get().map(|m| m.1)}
            </p>
            {move || data.held.with(Vec::is_empty).then(|| view! { <p class="muted">{xt().held_none}</p> })}
        </div>
        {group_cards}
    }
}
