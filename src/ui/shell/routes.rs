//! The sections of the navigation, the hash each is found at, and the component that draws it.
//!
//! Every section is a route of the one page (index.html). A section is drawn the first time it
//! is opened and then kept while the app is open (hidden when another is in view), so its
//! filters, scroll position and unfinished forms are still there when the user comes back.
//! Each section is one component taking the rest of the hash (`subpath`): the seam where it
//! becomes a wasm of its own, fetched when first opened (民情日记: `diary_section`).

use crate::ui::cadres::CadresSection;
use crate::ui::development::DevelopmentSection;
use crate::ui::diary::DiarySection;
use crate::ui::exchange::ExchangeSection;
use crate::ui::members::MembersSection;
use crate::ui::orgs::OrgsSection;
use crate::ui::scoring::ScoringSection;
use crate::ui::settings::SettingsPage;
use crate::ui::stats::StatsPage;
use crate::ui::text::t;
use leptos::prelude::*;

/// A section kept out of the first page load could not be fetched (opened with no network
/// before the service worker had cached it).
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> NotLoaded {
        NotLoaded
    }
}

/// 民情日记 in a wasm of its own (scripts/split.mjs): fetched the first time it is opened. A
/// failed fetch is an error to show, not a panic (which would stop the whole app).
#[leptos::wasm_split::wasm_split(diary_section, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_diary))]
fn diary_section(subpath: Memo<String>) -> Result<AnyView, NotLoaded> {
    // Untracked: what the section reads while it is drawn must not redraw it from outside.
    Ok(untrack(|| view! { <DiarySection subpath /> }.into_any()))
}

/// 数据交换 in a wasm of its own, as 民情日记: a station exchanges files now and then, not at
/// every start.
#[leptos::wasm_split::wasm_split(exchange_section, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_exchange))]
fn exchange_section(subpath: Memo<String>) -> Result<AnyView, NotLoaded> {
    Ok(untrack(|| view! { <ExchangeSection subpath /> }.into_any()))
}

/// 考核评分 in a wasm of its own, as 民情日记: opened by a few clerks at the year's assessments.
#[leptos::wasm_split::wasm_split(scoring_section, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_scoring))]
fn scoring_section(subpath: Memo<String>) -> Result<AnyView, NotLoaded> {
    Ok(untrack(|| view! { <ScoringSection subpath /> }.into_any()))
}

/// Fetches and compiles the sections in wasm of their own without drawing them: run when the app
/// is idle after start, so that opening one waits for neither. A failure is left for when the
/// section is opened (it says so there).
pub async fn preload_sections() {
    let _ = preload_diary().await;
    let _ = preload_exchange().await;
    let _ = preload_scoring().await;
}

/// A section from a wasm of its own: a line while it is fetched, and if it could not be, why and
/// a way to try again.
fn fetched(
    title: &'static str,
    section: impl std::future::Future<Output = Result<AnyView, NotLoaded>> + Send + 'static,
) -> AnyView {
    let opening = move || {
        view! { <section class="page"><h2>{title}</h2><p class="muted" role="status">{t().section_opening}</p></section> }
    };
    let shown = async move {
        section.await.unwrap_or_else(|NotLoaded| {
            view! {
                <section class="page">
                    <h2>{title}</h2>
                    <p class="error" role="alert">{t().section_not_loaded}</p>
                    <button type="button" on:click=|_| crate::web::browser::reload()>{t().retry}</button>
                </section>
            }
            .into_any()
        })
    };
    view! { <Suspense fallback=opening>{Suspend::new(shown)}</Suspense> }.into_any()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Orgs,
    Members,
    Development,
    Cadres,
    Stats,
    Diary,
    Scoring,
    Exchange,
    Settings,
}

/// Pages of the app before it was one page: their links (bookmarks, notes) still land on the
/// section their hash names (scripts/post-build.mjs writes each as a redirect to `./#…`).
pub const FORMER_PAGES: [&str; 2] = ["cadres.html", "exchange.html"];

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Orgs,
        Section::Members,
        Section::Development,
        Section::Cadres,
        Section::Stats,
        Section::Diary,
        Section::Scoring,
        Section::Exchange,
        Section::Settings,
    ];

    /// Where the section is in `ALL`.
    pub fn index(self) -> usize {
        Section::ALL.iter().position(|s| *s == self).unwrap_or_default()
    }

    /// The section's link: a hash of the one page.
    pub fn href(self) -> &'static str {
        match self {
            Section::Orgs => "#/orgs",
            Section::Members => "#/members",
            Section::Stats => "#/stats",
            Section::Development => "#/development",
            Section::Cadres => "#/cadres",
            Section::Diary => "#/diary",
            Section::Scoring => "#/scoring",
            Section::Exchange => "#/exchange",
            Section::Settings => "#/settings",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Section::Orgs => t().nav_orgs,
            Section::Members => t().nav_members,
            Section::Stats => t().nav_stats,
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
    pub fn of(hash: &str) -> (Section, String) {
        Section::ALL
            .into_iter()
            .find_map(|s| {
                let rest = hash.strip_prefix(s.href())?;
                (rest.is_empty() || rest.starts_with('/')).then(|| (s, rest.to_string()))
            })
            .unwrap_or((Section::Orgs, String::new()))
    }

    /// Draws the section; `subpath` is the rest of the hash while the section is in view.
    pub fn view(self, subpath: Memo<String>) -> AnyView {
        match self {
            Section::Orgs => view! { <OrgsSection subpath /> }.into_any(),
            Section::Members => view! { <MembersSection subpath /> }.into_any(),
            Section::Stats => view! { <StatsPage /> }.into_any(),
            Section::Development => view! { <DevelopmentSection subpath /> }.into_any(),
            Section::Cadres => view! { <CadresSection subpath /> }.into_any(),
            Section::Diary => fetched(self.label(), diary_section(subpath)),
            Section::Scoring => fetched(self.label(), scoring_section(subpath)),
            Section::Exchange => fetched(self.label(), exchange_section(subpath)),
            Section::Settings => view! { <SettingsPage /> }.into_any(),
        }
    }
}
