//! The app frame: opening the station's data, the first-run dialog, and the shell (header,
//! navigation, the sections, the status line).

pub mod first_run;
pub mod routes;

use crate::domain::kinds;
use crate::domain::pinyin::Pinyin;
use crate::domain::record::kind;
use crate::domain::station::StationProfile;
use crate::store::workspace::Workspace;
use crate::ui::kit::shown::{put_back_scroll, scroll_positions, SectionShown};
use crate::ui::kit::when::When;
use crate::ui::state::{AppState, SaveState, PROFILE_META_KEY};
use crate::ui::text::{level_name, t};
use crate::web::browser::{self, Settings};
use crate::web::idb::IdbStore;
use first_run::FirstRunDialog;
use leptos::prelude::*;
use leptos::tachys::view::{any_view::AnyViewState, Mountable, Render};
use leptos::task::spawn_local;
use routes::{Section, FORMER_PAGES};
use std::collections::HashMap;
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

#[component]
pub fn App() -> impl IntoView {
    leave_former_page();
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
                phase.set(Phase::Failed(crate::ui::text::store_error(&e)));
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
        Err(e) => return phase.set(Phase::Failed(crate::ui::text::store_error(&e))),
    };
    // The copy kept beside the data is the data's identity: if the settings name another station
    // (a second tab's first run, settings restored from elsewhere), the data's wins.
    let stored_profile = match store.meta(PROFILE_META_KEY).await {
        Ok(text) => text.and_then(|t| serde_json::from_str::<StationProfile>(&t).ok()),
        Err(e) => return phase.set(Phase::Failed(crate::ui::text::store_error(&e))),
    };
    let profile = match (settings.profile.clone(), stored_profile) {
        (Some(p), Some(stored)) if p.id == stored.id => {
            if p != stored {
                // Same station, renamed: keep the newer name beside the data too.
                if let Err(e) = store.set_meta(PROFILE_META_KEY, &serde_json::to_string(&p).unwrap_or_default()).await {
                    return phase.set(Phase::Failed(crate::ui::text::store_error(&e)));
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
                return phase.set(Phase::Failed(crate::ui::text::store_error(&e)));
            }
            p
        }
        (None, None) => return phase.set(Phase::NeedsProfile),
    };
    let workspace = match Workspace::open(store, profile.id, &kinds::read_at_start(), browser::now_ms()).await {
        Ok(mut ws) => {
            ws.set_author(&profile.name);
            ws
        }
        Err(e) => return phase.set(Phase::Failed(crate::ui::text::store_error(&e))),
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
        routes::preload_sections().await;
    });
    browser::listen_to_tabs(move |news| match news {
        browser::TabNews::Saved => spawn_local(async move {
            let _ = state.catch_up().await;
        }),
        browser::TabNews::NewStationId => state.stop_saving(crate::ui::text::STATION_ID_RENEWED_ELSEWHERE.into()),
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

/// A link to a page the app had before it was one page (`cadres.html#/cadres/…`) is served this
/// page when offline (sw.js answers every navigation with it): show the address as `./#/cadres/…`.
fn leave_former_page() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    if FORMER_PAGES.iter().any(|page| path.ends_with(&format!("/{page}"))) {
        if let Ok(history) = window.history() {
            let hash = location.hash().unwrap_or_default();
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("./{hash}")));
        }
    }
}

#[component]
fn Shell(state: AppState) -> impl IntoView {
    provide_context(state);
    let hash = RwSignal::new(current_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(current_hash()));
    // The section the hash names, and the rest of the hash after it.
    let located = Memo::new(move |_| Section::of(&hash.get()));
    let section = Memo::new(move |_| located.with(|(s, _)| *s));
    // A file dropped on the window would otherwise be opened by the browser in place of the app,
    // and whatever was being typed lost (数据交换's import takes dropped files while in view).
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let dropped = window_event_listener(leptos::ev::drop, |ev| ev.prevent_default());
    on_cleanup(move || {
        listener.remove();
        over.remove();
        dropped.remove();
    });
    let main_ref = NodeRef::<leptos::html::Main>::new();
    // Where each section was scrolled (the section area, and lists that scroll on their own such
    // as the roster), put back when it comes back into view: a browser forgets scroll positions
    // of elements taken off the page.
    let scrolled = StoredValue::new_local(HashMap::<Section, Vec<(web_sys::Element, i32)>>::new());
    // The rest of the hash while a section is in view; kept while another is.
    let subpaths: [Memo<String>; Section::ALL.len()] = Section::ALL.map(|s| {
        Memo::new(move |previous: Option<&String>| {
            located.with(|(now, rest)| if *now == s { rest.clone() } else { previous.cloned().unwrap_or_default() })
        })
    });
    // Sections are drawn when first opened and then kept alive: one not in view is taken off the
    // page (its views, signals and half-typed inputs are kept), so the page holds one section's
    // elements at a time and ids never repeat; coming back puts it back as it was left.
    // Each with the owner it was drawn under, which tells what is drawn inside it whether it is
    // on the page (`kit::shown`).
    let panes = StoredValue::new_local(HashMap::<Section, (Owner, AnyViewState)>::new());
    let owner = Owner::current().expect("the shell is drawn inside the app's owner");
    // Returns the section it left on the page.
    Effect::new(move |mounted: Option<Option<Section>>| {
        let s = section.get();
        let mounted = mounted.flatten();
        let main = main_ref.get()?;
        if mounted == Some(s) {
            return mounted;
        }
        panes.update_value(|panes| {
            if let Some((left, (_, pane))) = mounted.and_then(|p| Some(p).zip(panes.get_mut(&p))) {
                let tops = scroll_positions(&main);
                scrolled.update_value(|kept| {
                    kept.insert(left, tops);
                });
                pane.unmount();
            }
            let (_, pane) = panes.entry(s).or_insert_with(|| {
                let subpath = subpaths[s.index()];
                let pane_owner = owner.child();
                let pane = pane_owner.with(|| {
                    provide_context(SectionShown(Memo::new(move |_| section.get() == s)));
                    untrack(|| {
                        view! { <div class="section-pane" data-section=s.href()>{s.view(subpath)}</div> }
                            .into_any()
                            .build()
                    })
                });
                (pane_owner, pane)
            });
            pane.mount(&main, None);
        });
        // A section seen for the first time starts at its top.
        let tops = scrolled.with_value(|kept| kept.get(&s).cloned()).unwrap_or_else(|| vec![(main.clone().into(), 0)]);
        put_back_scroll(tops);
        Some(s)
    });
    // A section's link goes back to where the user left it (a half-typed form, a record); the
    // link of the section in view goes to its start.
    let nav_href = move |s: Section| {
        if section.get() == s {
            return s.href().to_string();
        }
        subpaths[s.index()].with(|rest| format!("{}{rest}", s.href()))
    };
    // The skip link puts the keyboard focus on the section area.
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
                                    <a href=move || nav_href(s) aria-current=move || (section.get() == s).then_some("page")>
                                        {s.label()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" tabindex="-1" node_ref=main_ref></main>
        </div>
        <StatusLine />
    }
}

#[component]
fn StatusLine() -> impl IntoView {
    let state = expect_context::<AppState>();
    // A week without a backup (`exchange::backup`): a link to where one is made.
    let backup_due = move || {
        let has_records = state.read_all(|ws| !ws.replica().is_empty());
        state.settings.with(|s| s.exports.reminder(browser::now_ms(), has_records)).is_some()
    };
    let profile = move || state.settings.with(|s| s.profile.clone());
    let records = move || {
        state.read_kinds(&[kind::ORG, kind::MEMBER], |ws| {
            crate::ui::text::status_counts(
                ws.replica().live(kind::ORG).count(),
                ws.replica().live(kind::MEMBER).count(),
            )
        })
    };
    let damaged = move || state.read_store(|ws| !ws.failures().is_empty());
    let clock_behind = move || state.read_store(|ws| ws.replica().clock_behind(browser::now_ms()).is_some());
    let persisted = move || state.storage.with(|s| s.persisted);
    view! {
        <footer class="status-line">
            <span>
                {t().status_station} "：" {move || profile().map(|p| format!("{}（{}）", p.name, level_name(p.level)))}
            </span>
            <span>{records}</span>
            <span class=move || if persisted() { "ok" } else { "warn" }>
                {move || if persisted() { t().status_persisted } else { t().status_not_persisted }}
            </span>
            <When when=damaged>
                <span class="warn">{t().status_damaged}</span>
            </When>
            <When when=clock_behind>
                <span class="warn">{t().clock_behind}</span>
            </When>
            <When when=backup_due>
                <a class="warn" href=Section::Exchange.href()>{t().status_backup_due}</a>
            </When>
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
