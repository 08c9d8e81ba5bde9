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
use crate::ui::state::Collected;
use form::MemberFormPage;
use import::ImportPage;
use leptos::prelude::*;
use list::MemberList;
use page::MemberPage;
use print::{MemberCard, RosterPrint};

/// `subpath` is what follows `#/members`: empty (the list), `/new`, `/<id>` or `/<id>/edit`.
#[component]
pub fn MembersSection(subpath: Memo<String>) -> impl IntoView {
    move || {
        let path = subpath.get();
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => view! { <MemberList /> }.into_any(),
            ["new"] => view! { <MemberFormPage editing=None /> }.into_any(),
            ["import"] => view! { <ImportPage /> }.into_any(),
            [id] => match RecordId::parse(id) {
                Some(id) => view! { <MemberPage id /> }.into_any(),
                None => view! { <MemberList /> }.into_any(),
            },
            [id, "edit"] => view! { <MemberFormPage editing=RecordId::parse(id) /> }.into_any(),
            [id, "card"] => match RecordId::parse(id) {
                Some(id) => view! { <MemberCard id /> }.into_any(),
                None => view! { <MemberList /> }.into_any(),
            },
            ["roster", org] => match RecordId::parse(org) {
                Some(org) => view! { <RosterPrint org /> }.into_any(),
                None => view! { <MemberList /> }.into_any(),
            },
            _ => view! { <MemberList /> }.into_any(),
        }
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
