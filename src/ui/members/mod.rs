//! 党员: the roster (`list`), a member's page (`page`), the member form (`form`), the spreadsheet
//! import (`import`) and the print views (`print`). This file routes the section's sub-paths.

pub mod form;
pub mod import;
pub mod list;
pub mod page;
pub mod print;
pub mod text;

use crate::domain::member::Member;
use crate::domain::record::{kind, Record, RecordId};
use crate::ui::kit::shown::Kept;
use crate::ui::state::Collected;
use form::MemberFormPage;
use import::ImportPage;
use leptos::prelude::*;
use list::MemberList;
use page::MemberPage;
use print::{MemberCard, RosterPrint};

/// The section's pages, from what follows `#/members`.
#[derive(Clone, PartialEq)]
enum Page {
    List,
    New,
    Import,
    Member(RecordId),
    Edit(Option<RecordId>),
    Card(RecordId),
    Roster(RecordId),
}

fn page_of(path: &str) -> Page {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["new"] => Page::New,
        ["import"] => Page::Import,
        [id] => RecordId::parse(id).map_or(Page::List, Page::Member),
        [id, "edit"] => Page::Edit(RecordId::parse(id)),
        [id, "card"] => RecordId::parse(id).map_or(Page::List, Page::Card),
        ["roster", org] => RecordId::parse(org).map_or(Page::List, Page::Roster),
        _ => Page::List,
    }
}

/// `subpath` is what follows `#/members`: empty (the list), `/new`, `/<id>` or `/<id>/edit`.
#[component]
pub fn MembersSection(subpath: Memo<String>) -> impl IntoView {
    let page = Memo::new(move |_| page_of(&subpath.get()));
    let list_shown = Signal::derive(move || page.with(|p| *p == Page::List));
    let other_page = move || match page.get() {
        Page::List => ().into_any(),
        Page::New => view! { <MemberFormPage editing=None /> }.into_any(),
        Page::Import => view! { <ImportPage /> }.into_any(),
        Page::Member(id) => view! { <MemberPage id /> }.into_any(),
        Page::Edit(editing) => view! { <MemberFormPage editing /> }.into_any(),
        Page::Card(id) => view! { <MemberCard id /> }.into_any(),
        Page::Roster(org) => view! { <RosterPrint org /> }.into_any(),
    };
    view! {
        // The list is kept while a member's page shows: back from a member, its search, filters,
        // sort and scroll are as they were left.
        <Kept shown=list_shown><MemberList /></Kept>
        {other_page}
    }
}

impl Collected for Member {
    const KIND: &'static str = kind::MEMBER;
    fn decode(record: &Record) -> Member {
        Member::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}
