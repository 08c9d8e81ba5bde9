//! The app frame: opening the station's data, the first-run dialog, and the shell (header,
//! navigation, the sections, the status line).

pub mod clock;
pub mod first_run;
pub mod lost_store;
pub mod routes;

use crate::domain::kinds;
use crate::domain::pinyin::Pinyin;
use crate::domain::record::kind;
use crate::domain::station::StationProfile;
use crate::store::workspace::Workspace;
use crate::ui::kit::shown::{put_back_scroll_now, scroll_positions, SectionShown};
use crate::ui::kit::when::When;
use crate::ui::state::{AppState, SaveState, PROFILE_META_KEY};
use crate::ui::text::{level_name, t};
use crate::web::browser::{self, Settings};
use crate::web::idb::IdbStore;
use clock::{clock_wrong, ClockDialog};
use first_run::FirstRunDialog;
use leptos::prelude::*;
use leptos::tachys::view::{any_view::AnyViewState, Mountable, Render};
use leptos::task::spawn_local;
use lost_store::LostStoreDialog;
use routes::{Section, FORMER_PAGES};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// Copied beside index.html by Trunk (see index.html).
const PINYIN_TABLE: &str = "pinyin_table.bin";

#[derive(Clone)]
enum Phase {
    Opening,
    /// Another tab holds the database open at an older version; this one's upgrade waits for it.
    WaitingForOtherTabs,
    /// The PC's clock reads a day before the build: said before anything is stamped.
    ClockWrong,
    /// The settings name a station whose data is no longer here: restore, or start empty.
    StoreLost(Settings),
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
    if clock_wrong() {
        phase.set(Phase::ClockWrong);
    } else {
        spawn_local(boot(phase, settings, Lost::Ask));
    }
    let open_anyway = Callback::new(move |()| {
        phase.set(Phase::Opening);
        spawn_local(boot(phase, browser::load_settings(), Lost::Ask));
    });
    // The lost station's data: either way the station keeps its name and id; restoring opens
    // 数据交换's import.
    let start_empty = move |restore: bool| {
        Callback::new(move |()| {
            phase.set(Phase::Opening);
            spawn_local(async move {
                boot(phase, browser::load_settings(), Lost::StartEmpty).await;
                if restore {
                    crate::ui::kit::fields::go("#/exchange/import/restore");
                }
            });
        })
    };
    let retry = move |_| {
        phase.set(Phase::Opening);
        spawn_local(boot(phase, browser::load_settings(), Lost::Ask));
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
            // A profile just made: its empty store is not a lost one.
            boot(phase, settings, Lost::StartEmpty).await;
        });
    });
    move || match phase.get() {
        Phase::Opening => view! { <p class="opening" role="status">{t().opening}</p> }.into_any(),
        Phase::WaitingForOtherTabs => view! { <p class="opening" role="status">{t().opening_blocked}</p> }.into_any(),
        Phase::ClockWrong => view! { <ClockDialog on_checked=open_anyway on_go_on=open_anyway /> }.into_any(),
        Phase::StoreLost(settings) => {
            view! { <LostStoreDialog settings on_restore=start_empty(true) on_fresh=start_empty(false) /> }.into_any()
        }
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

/// What to do when the settings name a station whose data is not in the store.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lost {
    /// Ask first (`Phase::StoreLost`).
    Ask,
    /// Go on with an empty store (a profile just made, or the clerk's choice).
    StartEmpty,
}

/// Opens the database and the station; asks for the profile on first run.
async fn boot(phase: RwSignal<Phase>, mut settings: Settings, lost: Lost) {
    let store = match IdbStore::open(move || phase.set(Phase::WaitingForOtherTabs)).await {
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
        // The settings name a station the store does not hold: its data was cleared.
        (Some(_), None) if lost == Lost::Ask => return phase.set(Phase::StoreLost(settings)),
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
    crate::web::idb::when_newer_version(move || state.stop_saving(crate::ui::text::NEWER_VERSION_ELSEWHERE.into()));
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

/// The number this history entry carries (`history.state`), given it if it has none: a new
/// entry (a link followed, an address typed) has none; one gone back or forward to keeps it.
/// Returns it and whether the entry had it already.
fn history_entry(next: &mut f64) -> (f64, bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return (0.0, false) };
    if let Some(n) = history.state().ok().and_then(|s| s.as_f64()) {
        return (n, true);
    }
    // Numbers from the clock, so that entries numbered before a reload are never numbered again.
    let n = next.max(js_sys::Date::now());
    *next = n + 1.0;
    let _ = history.replace_state(&wasm_bindgen::JsValue::from_f64(n), "");
    (n, false)
}

/// How many pages' scroll positions are kept for going back to them.
const KEPT_ENTRIES: usize = 64;

/// How the page in view was reached: what a page change does with the scroll and the focus.
struct Arrival {
    /// Gone back or forward to: where that page was scrolled when it was left, if this session
    /// saw it.
    back: Option<Vec<(web_sys::Element, i32)>>,
    /// What had the focus as the page changed (the link followed).
    focused: Option<web_sys::Element>,
    /// A section come back to at the page it was left on: where it was left.
    kept: Option<Vec<(web_sys::Element, i32)>>,
}

fn active_element() -> Option<web_sys::Element> {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element())
}

/// After a page change, the keyboard focus goes to the page's heading, unless the page put it
/// somewhere itself (a form's first field): it stays on the link followed, or falls to the body
/// when the link left the page, neither of which is where the clerk reads on.
/// Returns false if the page has no heading yet.
fn focus_heading(main: &web_sys::HtmlElement, followed: Option<&web_sys::Element>) -> bool {
    let now = active_element();
    let left_behind = match &now {
        None => true,
        Some(el) => !el.is_connected() || el.tag_name() == "BODY" || Some(el) == followed,
    };
    if !left_behind {
        return true;
    }
    let heading = main.query_selector(":scope > .section-pane h2").ok().flatten();
    let Some(h) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    if !h.has_attribute("tabindex") {
        let _ = h.set_attribute("tabindex", "-1");
    }
    let _ = h.focus();
    true
}

#[component]
fn Shell(state: AppState) -> impl IntoView {
    provide_context(state);
    let hash = RwSignal::new(current_hash());
    let main_ref = NodeRef::<leptos::html::Main>::new();
    // Scroll positions by history entry, taken as each page is left: going back or forward puts
    // them back; a new page opens at its top.
    let entries = StoredValue::new_local(HashMap::<u64, Vec<(web_sys::Element, i32)>>::new());
    let numbering = StoredValue::new(0.0_f64);
    let entry = StoredValue::new(numbering.try_update_value(history_entry).map_or(0.0, |(n, _)| n));
    let arrival = StoredValue::new_local(None::<Arrival>);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(main) = main_ref.get_untracked() {
            let left = entry.get_value().to_bits();
            entries.update_value(|e| {
                e.insert(left, scroll_positions(&main));
                // The oldest forgotten: each holds elements (and so pages long gone) alive.
                if e.len() > KEPT_ENTRIES {
                    if let Some(oldest) = e.keys().min().copied() {
                        e.remove(&oldest);
                    }
                }
            });
        }
        let (n, known) = numbering.try_update_value(history_entry).unwrap_or((0.0, false));
        entry.set_value(n);
        let back = if known { entries.with_value(|e| e.get(&n.to_bits()).cloned()) } else { None };
        arrival.set_value(Some(Arrival { back, focused: active_element(), kept: None }));
        hash.set(current_hash());
        // Registered now, before anything the new page registers as it is drawn: a page kept as
        // it was left (民情日记's list, `Kept`) puts its own scroll back after this.
        request_animation_frame(move || {
            if let (Some(main), Some(came)) =
                (main_ref.get_untracked(), arrival.try_update_value(Option::take).flatten())
            {
                arrive(main, came, 120);
            }
        });
    });
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
    // Where each section was scrolled (the section area, and lists that scroll on their own such
    // as the roster) and at which of its pages, put back when it comes back into view at that
    // page (its nav link returns there): a browser forgets scroll positions of elements taken off
    // the page.
    let scrolled = StoredValue::new_local(HashMap::<Section, (String, Vec<(web_sys::Element, i32)>)>::new());
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
    // Runs on every page change; returns the section it left on the page, and the page.
    Effect::new(move |mounted: Option<Option<(Section, String)>>| {
        let (s, rest) = located.get();
        let mounted = mounted.flatten();
        let main = main_ref.get()?;
        if mounted.as_ref().is_some_and(|(m, _)| *m == s) {
            // Another page of the section in view (`arrive` does the rest).
            return Some((s, rest));
        }
        panes.update_value(|panes| {
            if let Some((left, left_rest, (_, pane))) =
                mounted.clone().and_then(|(p, r)| panes.get_mut(&p).map(|pane| (p, r, pane)))
            {
                let tops = scroll_positions(&main);
                scrolled.update_value(|kept| {
                    kept.insert(left, (left_rest, tops));
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
        // A section come back to at the page it was left on is where it was left; a section seen
        // for the first time, or at another page, starts at its top (`arrive`).
        let kept = scrolled.with_value(|kept| kept.get(&s).filter(|(at, _)| *at == rest).map(|(_, t)| t.clone()));
        arrival.update_value(|a| {
            if let Some(a) = a {
                a.kept = kept;
            }
        });
        Some((s, rest))
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
    // Checked again at each save: a clock mended while the app is open stops the warning.
    let before_build = move || {
        state.save_state.track();
        clock_wrong()
    };
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
            <When when=before_build>
                <span class="warn">{t().clock_before_build}</span>
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

/// Where a page change leaves the page area's scroll and the focus, at the frame after the
/// change: gone back or forward to, where that page was; a section returned to at the page it was
/// left on, where it was left; any other page at its top. The focus goes to the page's heading;
/// a section whose code is still being fetched draws it later, so it is looked for again at the
/// next frames (`frames` more).
fn arrive(main: web_sys::HtmlElement, came: Arrival, frames: u32) {
    let Arrival { back, focused, kept } = came;
    // The focus first: focusing scrolls the heading into view, the positions then win.
    let found = focus_heading(&main, focused.as_ref());
    match back.or(kept) {
        Some(tops) => put_back_scroll_now(tops),
        None => main.set_scroll_top(0),
    }
    if !found && frames > 0 {
        request_animation_frame(move || {
            // Only the focus is still to do; the scroll stays as the clerk may have moved it.
            let again = Arrival { back: Some(Vec::new()), focused, kept: None };
            arrive(main, again, frames - 1);
        });
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
