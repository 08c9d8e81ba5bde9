//! The app frame: opening the station's data, the first-run dialog, and the shell (header,
//! navigation, the section in view, the status line).

use super::first_run::FirstRunDialog;
use super::sections::{Entry, Section, SectionView};
use super::state::{AppState, SaveState, KINDS_AT_START, PROFILE_META_KEY};
use super::text::{level_name, t};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::kind;
use crate::domain::station::StationProfile;
use crate::store::workspace::Workspace;
use crate::web::browser::{self, Settings};
use crate::web::idb::IdbStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Copied beside index.html by Trunk (see index.html).
const PINYIN_TABLE: &str = "pinyin_table.bin";

#[derive(Clone)]
enum Phase {
    Opening,
    NeedsProfile,
    Ready(AppState),
    Failed(String),
}

/// `entry` is the page this wasm was built for, `render` the sections it shows (see `sections`).
#[component]
pub fn App(entry: Entry, render: SectionView) -> impl IntoView {
    let phase = RwSignal::new(Phase::Opening);
    let settings = browser::load_settings();
    apply_large_text(settings.large_text);
    spawn_local(boot(phase, settings));
    let retry = move |_| {
        phase.set(Phase::Opening);
        spawn_local(boot(phase, browser::load_settings()));
    };
    let on_profile = Callback::new(move |profile: StationProfile| {
        phase.set(Phase::Opening);
        spawn_local(async move {
            let mut settings = browser::load_settings();
            settings.profile = Some(profile);
            if let Err(e) = browser::save_settings(&settings) {
                phase.set(Phase::Failed(super::text::store_error(&e)));
                return;
            }
            boot(phase, settings).await;
        });
    });
    move || match phase.get() {
        Phase::Opening => view! { <p class="opening" role="status">{t().opening}</p> }.into_any(),
        Phase::NeedsProfile => view! { <FirstRunDialog on_done=on_profile /> }.into_any(),
        Phase::Ready(state) => view! { <Shell state entry render /> }.into_any(),
        Phase::Failed(message) => view! {
            <div class="open-failed" role="alert">
                <h1>{t().open_failed_title}</h1>
                <p>{message}</p>
                <button on:click=retry>{t().retry}</button>
            </div>
        }
        .into_any(),
    }
}

/// Opens the database and the station; asks for the profile on first run.
async fn boot(phase: RwSignal<Phase>, mut settings: Settings) {
    let store = match IdbStore::open().await {
        Ok(s) => s,
        Err(e) => return phase.set(Phase::Failed(super::text::store_error(&e))),
    };
    // The copy kept beside the data is the data's identity: if the settings name another station
    // (a second tab's first run, settings restored from elsewhere), the data's wins.
    let stored_profile = match store.meta(PROFILE_META_KEY).await {
        Ok(text) => text.and_then(|t| serde_json::from_str::<StationProfile>(&t).ok()),
        Err(e) => return phase.set(Phase::Failed(super::text::store_error(&e))),
    };
    let profile = match (settings.profile.clone(), stored_profile) {
        (Some(p), Some(stored)) if p.id == stored.id => {
            if p != stored {
                // Same station, renamed: keep the newer name beside the data too.
                if let Err(e) = store.set_meta(PROFILE_META_KEY, &serde_json::to_string(&p).unwrap_or_default()).await {
                    return phase.set(Phase::Failed(super::text::store_error(&e)));
                }
            }
            p
        }
        (_, Some(stored)) => {
            settings.profile = Some(stored.clone());
            let _ = browser::save_settings(&settings);
            stored
        }
        (Some(p), None) => {
            if let Err(e) = store.set_meta(PROFILE_META_KEY, &serde_json::to_string(&p).unwrap_or_default()).await {
                return phase.set(Phase::Failed(super::text::store_error(&e)));
            }
            p
        }
        (None, None) => return phase.set(Phase::NeedsProfile),
    };
    let workspace = match Workspace::open(store, profile.id, KINDS_AT_START, browser::now_ms()).await {
        Ok(mut ws) => {
            ws.set_author(&profile.name);
            ws
        }
        Err(e) => return phase.set(Phase::Failed(super::text::store_error(&e))),
    };
    let state = AppState::new(workspace, settings);
    phase.set(Phase::Ready(state));
    spawn_local(async move {
        if !state.pinyin.with_untracked(Pinyin::has_readings) {
            // Without it, search still finds names by their characters; nothing to tell the user.
            if let Some(table) = browser::fetch_bytes(PINYIN_TABLE).await.ok().and_then(|b| Pinyin::decode(&b)) {
                state.pinyin.set(table);
            }
        }
        browser::request_persistence().await;
        state.refresh_storage();
        let _ = state.compact().await;
    });
    browser::listen_to_tabs(move |news| match news {
        browser::TabNews::Saved => spawn_local(async move {
            let _ = state.catch_up().await;
        }),
        browser::TabNews::NewStationId => state.stop_saving(super::text::STATION_ID_RENEWED_ELSEWHERE.into()),
    });
    mark_ready();
}

/// Tells tests and the benchmark that the app is interactive with its data.
fn mark_ready() {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.set_attribute("data-ready", "1");
    }
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("dangjian-ready");
    }
}

pub fn apply_large_text(on: bool) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.class_list().toggle_with_force("large-text", on);
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
fn Shell(state: AppState, entry: Entry, render: SectionView) -> impl IntoView {
    provide_context(state);
    let hash = RwSignal::new(current_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(current_hash()));
    let section = Memo::new(move |_| Section::of(&hash.get()).0);
    let subpath = Memo::new(move |_| Section::of(&hash.get()).1);
    on_cleanup(move || listener.remove());
    // A section another page shows (a bookmark, a typed address): go there, keeping the address.
    Effect::new(move |_| {
        let s = section.get();
        if s.entry() != entry {
            if let Some(w) = web_sys::window() {
                let _ = w.location().replace(&format!("{}{}", s.entry().file(), hash.get_untracked()));
            }
        }
    });
    // Moving between sections puts the keyboard focus on the new section's heading area.
    let main_ref = NodeRef::<leptos::html::Main>::new();
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main_ref.get() {
            let _ = main.focus();
        }
    };
    let large = move || state.settings.with(|s| s.large_text);
    let toggle_large = move |_| {
        let on = !large();
        state.set_large_text(on);
        apply_large_text(on);
    };
    let station_name = move || state.settings.with(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    Effect::new(move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} - {}", station_name(), t().app_name));
        }
    });
    view! {
        <a class="skip-link" href="#main" on:click=skip>{t().skip_to_content}</a>
        <header class="app-header">
            <h1 class="brand">{t().app_name}</h1>
            <span class="header-station">{station_name}</span>
            <button class="text-size" aria-pressed=move || large().to_string() on:click=toggle_large>
                {move || if large() { t().large_text_off } else { t().large_text_on }}
            </button>
        </header>
        <div class="frame">
            <nav class="side-nav" aria-label=t().nav_label>
                <ul>
                    {Section::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <li>
                                    <a
                                        href=s.href(entry)
                                        aria-current=move || (section.get() == s).then_some("page")
                                    >
                                        {s.label()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" tabindex="-1" node_ref=main_ref>
                {move || {
                    let s = section.get();
                    if s.entry() == entry { render(s, subpath) } else { view! { <p class="opening">{t().opening}</p> }.into_any() }
                }}
            </main>
        </div>
        <StatusLine entry />
    }
}

#[component]
fn StatusLine(entry: Entry) -> impl IntoView {
    let state = expect_context::<AppState>();
    // A week without a backup (`exchange::backup`): a link to where one is made.
    let backup_due = move || {
        let has_records = state.read(|ws| !ws.replica().is_empty());
        state.settings.with(|s| s.exports.reminder(browser::now_ms(), has_records)).is_some()
    };
    let profile = move || state.settings.with(|s| s.profile.clone());
    let records =
        move || state.read(|ws| ws.replica().live(kind::ORG).count() + ws.replica().live(kind::MEMBER).count());
    let damaged = move || state.read(|ws| !ws.failures().is_empty());
    let clock_behind = move || state.read(|ws| ws.replica().clock_behind(browser::now_ms()).is_some());
    let persisted = move || state.storage.with(|s| s.persisted);
    view! {
        <footer class="status-line">
            <span>
                {t().status_station} "：" {move || profile().map(|p| format!("{}（{}）", p.name, level_name(p.level)))}
            </span>
            <span>{records} " " {t().status_records}</span>
            <span class=move || if persisted() { "ok" } else { "warn" }>
                {move || if persisted() { t().status_persisted } else { t().status_not_persisted }}
            </span>
            <Show when=damaged>
                <span class="warn">{t().status_damaged}</span>
            </Show>
            <Show when=clock_behind>
                <span class="warn">{t().clock_behind}</span>
            </Show>
            <Show when=backup_due>
                <a class="warn" href=Section::Exchange.href(entry)>{t().status_backup_due}</a>
            </Show>
            <span
                class=move || match state.save_state.get() {
                    SaveState::Failed(_) | SaveState::SavedWithWarning(_) => "save-state warn",
                    _ => "save-state",
                }
                role="status"
                aria-live="polite"
            >
                {move || match state.save_state.get() {
                    SaveState::Idle => String::new(),
                    SaveState::Saving => t().status_saving.to_string(),
                    SaveState::Saved => t().status_saved.to_string(),
                    SaveState::Failed(m) | SaveState::SavedWithWarning(m) => m,
                }}
            </span>
        </footer>
    }
}

/// Focuses an element by id once it is on the page (after a dialog opens, after an error).
pub fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
