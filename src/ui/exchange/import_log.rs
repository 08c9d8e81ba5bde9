//! 导入记录: every file imported here (name, checksum, station, scope, times, counts), newest
//! first, and the undo of the last import (`exchange::undo`, `AppState::undo_import`). Only the
//! last import can be undone: its undo is the one kept in the store's meta.

use crate::exchange::log::undoable;
use crate::exchange::undo::ImportUndo;
use crate::ui::exchange::text::xt;
use crate::ui::exchange::{time_text, ExchangeData};
use crate::ui::kit::when::When;
use crate::ui::state::UNDO_META_KEY;
use crate::ui::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn LogPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ExchangeData>();
    let busy = RwSignal::new(false);
    // The undo asks first, as the tree's 撤销 and 撤并 do: a card with 确认 and 取消.
    let asking = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    // Another tab may have imported or undone since the section read the log.
    spawn_local(async move { data.refresh(&state).await });
    // The last import, while it can still be undone.
    let last = move || data.log.with(|log| undoable(log).cloned());

    let ask = move |_| {
        message.set(None);
        asking.set(true);
        request_animation_frame(|| crate::ui::shell::focus_by_id("undo-confirm"));
    };
    let undo = move |_| {
        let Some(entry) = last() else { return };
        asking.set(false);
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let kept = state.meta(UNDO_META_KEY).await;
            let undo = match kept {
                Ok(text) => text.and_then(|t| serde_json::from_str::<ImportUndo>(&t).ok()),
                Err(e) => {
                    busy.set(false);
                    return message.set(Some((false, e)));
                }
            };
            let Some(undo) = undo.filter(|u| u.sha256 == entry.sha256) else {
                busy.set(false);
                return message.set(Some((false, xt().undo_gone.into())));
            };
            match state.undo_import(&undo).await {
                Ok(log) => {
                    data.log.set(log);
                    // What it set aside went with it, what it took in is set aside again.
                    data.refresh(&state).await;
                    message.set(Some((true, xt().undone(&entry.file_name))));
                }
                Err(e) => message.set(Some((false, e))),
            }
            busy.set(false);
        });
    };

    let rows = move || {
        data.log.with(|log| {
            log.iter()
                .rev()
                .map(|e| {
                    let t = e.totals();
                    let counts = xt().log_counts(&t);
                    view! {
                        <tr class:undone=e.undone>
                            <td class="nowrap">{time_text(e.imported_ms)}</td>
                            <td>{e.file_name.clone()}</td>
                            <td>{e.station_name.clone()}</td>
                            <td>{e.scope.clone()}</td>
                            <td class="nowrap">{time_text(e.exported_ms)}</td>
                            <td>{counts}</td>
                            <td class="mono" title=e.sha256.clone()>{e.sha256.chars().take(12).collect::<String>()}</td>
                            <td>{if e.undone { xt().log_undone } else { "" }}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div class="card">
            <h3>{xt().undo_title}</h3>
            {move || match last() {
                Some(e) => view! {
                    <p>{xt().undo_intro(&e.file_name, &time_text(e.imported_ms))}</p>
                    <When when=move || !asking.get()>
                        <div class="actions">
                            <button type="button" prop:disabled=busy on:click=ask>{xt().undo_button}</button>
                        </div>
                    </When>
                    <When when=move || asking.get()>
                        <div class="card action-card" id="undo-confirm" tabindex="-1" role="group"
                            aria-label=xt().undo_title>
                            <p>{xt().undo_ask(&e.file_name)}</p>
                            <div class="actions">
                                <button type="button" class="primary" prop:disabled=busy on:click=undo>
                                    {xt().undo_confirm}
                                </button>
                                <button type="button" on:click=move |_| asking.set(false)>{crate::ui::text::t().cancel}</button>
                            </div>
                        </div>
                    </When>
                }
                .into_any(),
                None => view! { <p class="muted">{xt().undo_none}</p> }.into_any(),
            }}
            <p role="alert" class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "done" } else { "error" }>
                {move || message.get().map(|m| m.1)}
            </p>
        </div>
        <div class="card">
            <h3>{xt().log_title}</h3>
            <When when=move || data.log.with(|l| !l.is_empty()) fallback=|| view! { <p class="muted">{xt().log_empty}</p> }>
                <table class="data compact exchange-log">
                    <thead>
                        <tr>
                            <th>{xt().log_imported}</th><th>{xt().file_name}</th><th>{xt().from_station}</th><th>{xt().scope}</th>
                            <th>{xt().exported_at}</th><th>{xt().log_result}</th><th>{xt().log_sha}</th><th></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </When>
        </div>
    }
}
