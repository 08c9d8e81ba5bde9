//! 冲突: fields two stations changed without seeing each other's change (`exchange::conflict`),
//! each with every value, who wrote it and when. Choosing a value commits the resolving edit
//! (`conflict::resolve`), which ends the conflict here and, after the next exchange, everywhere.

use crate::exchange::conflict::{self, Conflict};
use crate::ui::exchange::fields::{field_label, record_name_of, value_text};
use crate::ui::exchange::text::{kind_label, xt};
use crate::ui::exchange::{station_label, time_text, ExchangeData};
use crate::ui::kit::when::When;
use crate::ui::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ExchangeData>();
    let message = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let conflicts = Memo::new(move |_| state.read_all(|ws| conflict::list(ws.replica())));

    let name_of = move |id: &str| record_name_of(state, id);
    let words = move |kind: &str, field: &str, v: &Value| value_text(state, kind, field, v);

    let choose = move |c: Conflict, value: Value| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let shown = words(&c.kind, &c.field, &value);
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
                        let label = xt().keep_value(&words(&c.kind, &c.field, &v.value));
                        view! {
                            <tr>
                                <td class="value">{words(&c.kind, &c.field, &v.value)}</td>
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
