//! The sections of the navigation, and which page of the app shows each.
//!
//! The app is three pages (entries), each its own wasm built from this one library: `index.html`
//! (组织, 党员, 统计, settings, and the sections to come), `cadres.html` (发展党员, 干部与培训) and
//! `exchange.html` (数据交换).
//! A binary passes `App` the render function of its own sections, so the linker drops the other
//! page's views: the first page load stays within its budget however many sections the product
//! grows (see ARCHITECTURE.md, "Entries"). Moving between entries is a page load that reopens the
//! same IndexedDB; within an entry it is a hash change.

use super::pages::{
    cadres::CadresSection, coming::ComingSoon, development::DevelopmentSection, exchange::ExchangeSection,
    members::MembersSection, org_page::OrgPage, orgs::OrgsPage, settings::SettingsPage, stats::StatsPage,
};
use super::text::t;
use crate::domain::record::RecordId;
use leptos::prelude::*;

/// The page of the app a wasm is built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Main,
    Cadres,
    Exchange,
}

impl Entry {
    /// The file that page is served as (beside index.html).
    pub fn file(self) -> &'static str {
        match self {
            Entry::Main => "index.html",
            Entry::Cadres => "cadres.html",
            Entry::Exchange => "exchange.html",
        }
    }
}

/// Draws a section of this entry: the section and the rest of the hash after it.
pub type SectionView = fn(Section, Memo<String>) -> AnyView;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    pub fn entry(self) -> Entry {
        match self {
            Section::Development | Section::Cadres => Entry::Cadres,
            Section::Exchange => Entry::Exchange,
            _ => Entry::Main,
        }
    }

    fn hash(self) -> &'static str {
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

    /// The link to this section from a page of `from`: a hash within the same entry, the other
    /// entry's file with the hash otherwise (the rest of the current hash is not carried over).
    pub fn href(self, from: Entry) -> String {
        if self.entry() == from {
            self.hash().to_string()
        } else {
            format!("{}{}", self.entry().file(), self.hash())
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
                let rest = hash.strip_prefix(s.hash())?;
                (rest.is_empty() || rest.starts_with('/')).then(|| (s, rest.to_string()))
            })
            .unwrap_or((Section::Orgs, String::new()))
    }
}

/// The sections of index.html.
pub fn main_sections(section: Section, subpath: Memo<String>) -> AnyView {
    match section {
        // Tracks the sub-path: the list and an organization's page swap within the section.
        Section::Orgs => match RecordId::parse(subpath.get().trim_start_matches('/')) {
            Some(id) => view! { <OrgPage id /> }.into_any(),
            None => view! { <OrgsPage /> }.into_any(),
        },
        Section::Members => view! { <MembersSection subpath /> }.into_any(),
        Section::Stats => view! { <StatsPage /> }.into_any(),
        Section::Diary => view! { <ComingSoon title=t().diary_title items=t().diary_coming /> }.into_any(),
        Section::Scoring => view! { <ComingSoon title=t().scoring_title items=t().scoring_coming /> }.into_any(),
        Section::Settings => view! { <SettingsPage /> }.into_any(),
        Section::Development | Section::Cadres | Section::Exchange => ().into_any(),
    }
}

/// The sections of cadres.html.
pub fn cadre_sections(section: Section, subpath: Memo<String>) -> AnyView {
    match section {
        Section::Development => view! { <DevelopmentSection subpath /> }.into_any(),
        Section::Cadres => view! { <CadresSection subpath /> }.into_any(),
        _ => ().into_any(),
    }
}

/// The sections of exchange.html.
pub fn exchange_sections(section: Section, subpath: Memo<String>) -> AnyView {
    match section {
        Section::Exchange => view! { <ExchangeSection subpath /> }.into_any(),
        _ => ().into_any(),
    }
}
