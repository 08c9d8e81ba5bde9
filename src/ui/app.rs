//! The app frame: opening the station's data, the first-run dialog, and the shell (header,
//! navigation, the section in view, the status line).

use super::first_run::FirstRunDialog;
use super::pages::{
    cadres::CadresSection, coming::ComingSoon, development::DevelopmentSection, members::MembersSection,
    orgs::OrgsPage, settings::SettingsPage,
};
use super::state::{AppState, SaveState, KINDS_AT_START};
use super::text::{level_name, t};
use crate::domain::record::kind;
use crate::domain::station::StationProfile;
use crate::store::browser::{self, Settings};
use crate::store::idb::IdbStore;
use crate::store::workspace::Workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

const PROFILE_META_KEY: &str = "station_profile";

#[derive(Clone)]
enum Phase {
    Opening,
    NeedsProfile,
    Ready(AppState),
    Failed(String),
}

#[component]
pub fn App() -> impl IntoView {
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
        Phase::Ready(state) => view! { <Shell state /> }.into_any(),
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
        browser::request_persistence().await;
        state.refresh_storage();
        let _ = state.compact().await;
    });
    browser::listen_for_changes(move || {
        spawn_local(async move {
            let _ = state.catch_up().await;
        })
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Orgs,
    Members,
    Development,
    Cadres,
    Diary,
    Scoring,
    Exchange,
    Settings,
}

impl Section {
    const ALL: [Section; 8] = [
        Section::Orgs,
        Section::Members,
        Section::Development,
        Section::Cadres,
        Section::Diary,
        Section::Scoring,
        Section::Exchange,
        Section::Settings,
    ];

    fn hash(self) -> &'static str {
        match self {
            Section::Orgs => "#/orgs",
            Section::Members => "#/members",
            Section::Development => "#/development",
            Section::Cadres => "#/cadres",
            Section::Diary => "#/diary",
            Section::Scoring => "#/scoring",
            Section::Exchange => "#/exchange",
            Section::Settings => "#/settings",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Section::Orgs => t().nav_orgs,
            Section::Members => t().nav_members,
            Section::Development => t().nav_development,
            Section::Cadres => t().nav_cadres,
            Section::Diary => t().nav_diary,
            Section::Scoring => t().nav_scoring,
            Section::Exchange => t().nav_exchange,
            Section::Settings => t().nav_settings,
        }
    }

    /// The section a location hash belongs to, and the rest of the hash (a record's page:
    /// `#/members/<id>` gives `/<id>`).
    fn of(hash: &str) -> (Section, String) {
        Section::ALL
            .into_iter()
            .find_map(|s| {
                let rest = hash.strip_prefix(s.hash())?;
                (rest.is_empty() || rest.starts_with('/')).then(|| (s, rest.to_string()))
            })
            .unwrap_or((Section::Orgs, String::new()))
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
fn Shell(state: AppState) -> impl IntoView {
    provide_context(state);
    let hash = RwSignal::new(current_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(current_hash()));
    let section = Memo::new(move |_| Section::of(&hash.get()).0);
    let subpath = Memo::new(move |_| Section::of(&hash.get()).1);
    on_cleanup(move || listener.remove());
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
                                        href=s.hash()
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
                {move || match section.get() {
                    Section::Orgs => view! { <OrgsPage /> }.into_any(),
                    Section::Members => view! { <MembersSection subpath /> }.into_any(),
                    Section::Development => view! { <DevelopmentSection subpath /> }.into_any(),
                    Section::Cadres => view! { <CadresSection subpath /> }.into_any(),
                    Section::Diary => view! { <ComingSoon title=t().diary_title items=t().diary_coming /> }.into_any(),
                    Section::Scoring => view! { <ComingSoon title=t().scoring_title items=t().scoring_coming /> }.into_any(),
                    Section::Exchange => view! { <ComingSoon title=t().exchange_title items=t().exchange_coming /> }.into_any(),
                    Section::Settings => view! { <SettingsPage /> }.into_any(),
                }}
            </main>
        </div>
        <StatusLine />
    }
}

#[component]
fn StatusLine() -> impl IntoView {
    let state = expect_context::<AppState>();
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
            <span class="save-state" role="status" aria-live="polite">
                {move || match state.save_state.get() {
                    SaveState::Idle => String::new(),
                    SaveState::Saving => t().status_saving.to_string(),
                    SaveState::Saved => t().status_saved.to_string(),
                    SaveState::Failed(m) => m,
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
