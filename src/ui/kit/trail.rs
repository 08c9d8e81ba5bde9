//! A record's audit trail (who, station, when, which field, old → new), as a record's page
//! shows it. The entries are `change` records, read when a trail first opens.

use crate::domain::audit::{creation, trail_of, Action, ChangeEntry};
use crate::domain::clock::Hlc;
use crate::domain::member as m;
use crate::domain::org::{self, OrgCategory};
use crate::domain::record::{kind, RecordId};
use crate::domain::station::StationId;
use crate::ui::kit::when::When;
use crate::ui::members::text::mt;
use crate::ui::text::{org_category_name, t};
use crate::ui::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::collections::BTreeMap;

/// A stamp as a local date and time (the PC's time zone: what the clerk's wall clock said).
pub fn stamp_text(at: Hlc) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.wall_ms() as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// A station as lists show it: its name, or the start of its id if no file named it.
pub fn station_label(names: &BTreeMap<StationId, String>, id: &StationId) -> String {
    names.get(id).cloned().unwrap_or_else(|| format!("{}{}", t().unknown_station, &id.to_string()[..6]))
}

/// How a stored value reads in the trail. `name_of` names the record an id points to (an
/// organization, a member, a household), when it is known here.
pub fn value_text(field: &str, v: &Value, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    let named = |s: &str| name_of(s).unwrap_or_else(|| s.to_string());
    let is_id = |v: &Value| v.as_str().is_some_and(|s| RecordId::parse(s).is_some());
    match v {
        Value::Null => "（空）".into(),
        Value::Bool(true) => t().yes.into(),
        Value::Bool(false) => t().no.into(),
        Value::String(s) if field == org::CATEGORY => {
            OrgCategory::from_code(s).map(org_category_name).map(str::to_string).unwrap_or_else(|| s.clone())
        }
        Value::String(s) if field == m::ID_NUMBER => crate::domain::id_number::mask_id_number(s),
        Value::String(s) if s.is_empty() => "（空）".into(),
        Value::String(s) if is_id(v) => named(s),
        Value::String(s) => s.clone(),
        // A list of records (a visit's households): their names.
        Value::Array(items) if !items.is_empty() && items.iter().all(is_id) => {
            items.iter().filter_map(Value::as_str).map(named).collect::<Vec<_>>().join("、")
        }
        other => other.to_string(),
    }
}

/// The trail of the record `id`: its creation, then every change entry, newest last. `label`
/// names a field of that record's kind.
#[component]
pub fn TrailCard(id: RecordId, label: fn(&str) -> String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let loaded = RwSignal::new(state.read_now(|ws| ws.is_loaded(kind::CHANGE)));
    let failed = RwSignal::new(None::<String>);
    if !loaded.get_untracked() {
        spawn_local(async move {
            match state.load_kind(kind::CHANGE).await {
                Ok(()) => loaded.set(true),
                Err(e) => failed.set(Some(e)),
            }
        });
    }
    let target = id.clone();
    let made = Memo::new(move |_| state.read_all(|ws| ws.replica().get(&target).and_then(creation)));
    let target = id.clone();
    let trail = Memo::new(move |_| {
        loaded.track();
        state.read_kinds(&[kind::CHANGE], |ws| trail_of(ws.replica().of_kind(kind::CHANGE), &target))
    });
    let here = state.read_now(|ws| *ws.replica().station());
    let own_name =
        move || state.settings.with_untracked(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    // Other stations by the names their exchange files gave (the import log); a creation made
    // elsewhere carries no author's name of its own.
    let names = RwSignal::new(BTreeMap::<StationId, String>::new());
    spawn_local(async move {
        if let Ok(text) = state.meta(crate::ui::state::LOG_META_KEY).await {
            let log = crate::exchange::log::from_json(text.as_deref());
            let _ = names.try_set(crate::exchange::log::station_names(&log));
        }
    });
    let station_text = move |station: StationId, author: &str| {
        if !author.is_empty() {
            author.to_string()
        } else if station == here {
            own_name()
        } else {
            names.with(|n| station_label(n, &station))
        }
    };
    let entry_rows = move |e: ChangeEntry| {
        // Names read once as the entries are drawn, as the organizations' were.
        let name_of = |text: &str| -> Option<String> {
            let id = RecordId::parse(text)?;
            state.read_now(|ws| {
                let r = ws.replica().get(&id)?;
                r.text(org::NAME).or_else(|| r.text(crate::domain::household::HEAD)).map(str::to_string)
            })
        };
        let when = stamp_text(e.at);
        let who = station_text(e.station, &e.author);
        let lines: Vec<String> = match e.action {
            Action::Delete => vec![t().trail_deleted.to_string()],
            Action::Restore => vec![t().trail_restored.to_string()],
            Action::Update | Action::Accept => {
                let accepted =
                    e.accepted.as_ref().map(|a| t().trail_accepted(&a.name, &stamp_text(Hlc::new(a.stamp_ms, 0))));
                accepted
                    .into_iter()
                    .chain(e.changes.iter().map(|c| {
                        format!(
                            "{}：{} → {}",
                            label(&c.field),
                            value_text(&c.field, &c.old, &name_of),
                            value_text(&c.field, &c.new, &name_of)
                        )
                    }))
                    .collect()
            }
        };
        view! {
            <tr>
                <td class="num">{when}</td>
                <td>{who}</td>
                <td>{lines.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}</td>
            </tr>
        }
    };
    view! {
        <div class="card">
            <h3>{mt().member_trail}</h3>
            <p class="error">{move || failed.get()}</p>
            <When when=move || loaded.get() fallback=|| view! { <p class="muted">{mt().member_trail_loading}</p> }>
                <table class="data trail">
                    <thead><tr><th>{"时间"}</th><th>{t().trail_by}</th><th>{"内容"}</th></tr></thead>
                    <tbody>
                        {move || made.get().map(|(at, station)| view! {
                            <tr>
                                <td class="num">{stamp_text(at)}</td>
                                <td>{station_text(station, "")}</td>
                                <td>{t().trail_created}</td>
                            </tr>
                        })}
                        {move || trail.get().into_iter().map(entry_rows).collect_view()}
                    </tbody>
                </table>
            </When>
        </div>
    }
}
