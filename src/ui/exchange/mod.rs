//! 数据交换: the shell of station exchange files (the `exchange` crate, pure). Its sub-pages are
//! export and backup (`export.rs`), import (`import.rs`), conflicts (`conflicts.rs`) and the import
//! log with the undo of the last import (`import_log.rs`). Every one needs all of the station's
//! records, so the section reads every kind first; the import log is read from the store's meta
//! once and shared.

pub mod conflicts;
pub mod duplicates;
pub mod export;
pub mod fields;
pub mod held;
pub mod import;
pub mod import_log;
pub mod text;

use crate::domain::clock::Hlc;
use crate::domain::record::{kind, Record, RecordId};
use crate::domain::station::StationId;
use crate::domain::{diary, diary_step, household};
use crate::exchange::held::Held;
use crate::exchange::log::{self, station_names, LogEntry};
use crate::ui::exchange::conflicts::ConflictsPage;
use crate::ui::exchange::duplicates::{found_duplicates, DuplicatesPage, MergePage};
use crate::ui::exchange::export::ExportPage;
use crate::ui::exchange::held::HeldPage;
use crate::ui::exchange::import::{Arrived, ImportPage};
use crate::ui::exchange::import_log::LogPage;
use crate::ui::kit::when::When;
use crate::ui::state::{HELD_META_KEY, LOG_META_KEY};
use crate::ui::text::t;
use crate::ui::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use text::xt;

/// What the sub-pages share: the import log and the records set aside for their clocks, as
/// stored.
#[derive(Clone, Copy)]
pub struct ExchangeData {
    pub log: RwSignal<Vec<LogEntry>>,
    pub held: RwSignal<Vec<Held>>,
}

impl ExchangeData {
    /// Reads the log and the records set aside again: another tab may have imported or undone
    /// since this page read them. On a read error the copy held stays.
    pub async fn refresh(&self, state: &AppState) {
        if let Ok(text) = state.meta(LOG_META_KEY).await {
            self.log.set(log::from_json(text.as_deref()));
        }
        if let Ok(text) = state.meta(HELD_META_KEY).await {
            self.held.set(crate::exchange::held::from_json(text.as_deref()));
        }
    }

    /// Station names by id: the files' own names from the log, and this station's.
    pub fn station_names(&self, state: &AppState) -> BTreeMap<StationId, String> {
        let mut names = self.log.with(|log| station_names(log));
        if let Some(p) = state.settings.with(|s| s.profile.clone()) {
            names.insert(p.id, format!("{}{}", p.name, xt().this_station_mark));
        }
        names
    }
}

pub use crate::ui::kit::trail::station_label;

/// The name a record goes by in the import preview and the conflicts: its `name` field, a
/// household's 户主, a diary by its visit date, a step by its kind and date.
pub fn record_name(r: &Record) -> Option<String> {
    let text = |f: &str| r.text(f).filter(|t| !t.is_empty());
    match r.kind.as_str() {
        kind::HOUSEHOLD => text(household::HEAD).map(str::to_string),
        kind::DIARY => text(diary::DATE).map(|d| xt().diary_named(d)),
        kind::DIARY_STEP => Some(xt().step_named(text(diary_step::STEP)?, text(diary_step::DATE).unwrap_or_default())),
        _ => text("name").map(str::to_string),
    }
}

/// A time (ms since 1970) in the PC's time zone: 2026-11-23 14:05.
pub fn time_text(ms: u64) -> String {
    crate::ui::kit::trail::stamp_text(Hlc::new(ms, 0))
}

/// `subpath` is what follows `#/exchange`: empty (导出与备份), `/import` (or
/// `/import/renewed` after a new station id; `/import/restore` when the clerk said the station is
/// restoring its own backup, `/import/restored` once done), `/conflicts`, `/duplicates`, `/held`
/// (the records set aside for their clocks), `/log`.
#[component]
pub fn ExchangeSection(subpath: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = ExchangeData { log: RwSignal::new(Vec::new()), held: RwSignal::new(Vec::new()) };
    provide_context(data);
    let tab = Memo::new(move |_| subpath.get().trim_matches('/').split('/').next().unwrap_or_default().to_string());
    let ready = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    spawn_local(async move {
        let loaded = state.load_all().await;
        let log = state.meta(LOG_META_KEY).await;
        let on_hold = state.meta(HELD_META_KEY).await;
        match (loaded, log, on_hold) {
            (Ok(()), Ok(text), Ok(on_hold)) => {
                data.log.set(log::from_json(text.as_deref()));
                data.held.set(crate::exchange::held::from_json(on_hold.as_deref()));
                ready.set(true);
            }
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => failed.set(Some(e)),
        }
    });
    let conflicts = Memo::new(move |_| {
        if !ready.get() {
            return 0;
        }
        state.read_all(|ws| crate::exchange::conflict::list(ws.replica()).len())
    });
    // Counted once the section has read every kind.
    let duplicates = Memo::new(move |_| ready.get().then(|| found_duplicates(state)));
    let duplicate_count = move || duplicates.get().map_or(0, |d| d.with(Vec::len));
    let held_count = move || data.held.with(Vec::len);
    // The records set aside have a tab only while there are any (or it is the page shown). A
    // memo of its own, so the tabs read the route only in each link: read by the tabs as a
    // whole, the route's change no longer reached the page below (合并… stayed on the list).
    let with_held = Memo::new(move |_| held_count() > 0 || tab.get() == "held");
    let tabs = move || {
        let with_held = with_held.get();
        [
            ("", xt().tab_export),
            ("import", xt().tab_import),
            ("conflicts", xt().tab_conflicts),
            ("duplicates", xt().tab_duplicates),
            ("held", xt().tab_held),
            ("log", xt().tab_log),
        ]
        .into_iter()
        .filter(move |(path, _)| *path != "held" || with_held)
        .map(|(path, label)| {
            let href = if path.is_empty() { "#/exchange".to_string() } else { format!("#/exchange/{path}") };
            let count = move || match path {
                "conflicts" if conflicts.get() > 0 => format!("（{}）", conflicts.get()),
                "duplicates" if duplicate_count() > 0 => format!("（{}）", duplicate_count()),
                "held" if held_count() > 0 => xt().held_count(held_count()),
                _ => String::new(),
            };
            view! { <a href=href aria-current=move || (tab.get() == path).then_some("page")>{label}{count}</a> }
        })
        .collect_view()
    };
    view! {
        <section class="page">
            <h2>{t().nav_exchange}</h2>
            <nav class="tabs" aria-label=t().nav_exchange>{tabs}</nav>
            <When
                when=move || ready.get()
                fallback=move || {
                    view! {
                        <p class="muted" role="status">
                            {move || failed.get().unwrap_or_else(|| xt().loading_all.to_string())}
                        </p>
                    }
                }
            >
                {move || match tab.get().as_str() {
                    "import" => view! { <ImportPage arrived=Arrived::from_path(&subpath.get_untracked()) /> }.into_any(),
                    "conflicts" => view! { <ConflictsPage /> }.into_any(),
                    "duplicates" => {
                        let path = subpath.get();
                        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
                        let ids = (parts.get(1).and_then(|a| RecordId::parse(a)), parts.get(2).and_then(|b| RecordId::parse(b)));
                        match ids {
                            (Some(a), Some(b)) => view! { <MergePage a=a b=b /> }.into_any(),
                            // Read once every kind is: `duplicates` is made then.
                            _ => match duplicates.get() {
                                Some(found) => view! { <DuplicatesPage merged=parts.get(1) == Some(&"merged") found=found /> }.into_any(),
                                None => ().into_any(),
                            },
                        }
                    }
                    "log" => view! { <LogPage /> }.into_any(),
                    "held" => view! { <HeldPage /> }.into_any(),
                    _ => view! { <ExportPage /> }.into_any(),
                }}
            </When>
        </section>
    }
}
