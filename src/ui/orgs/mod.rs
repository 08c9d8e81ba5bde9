//! 党组织: the organization tree with 撤并 and 拆分 (`list`) and an organization's own page
//! (`page`). This file routes the section's sub-paths.

pub mod list;
pub mod page;
pub mod text;

use crate::domain::org::Org;
use crate::domain::record::{kind, Record, RecordId};
use crate::ui::state::Collected;
use leptos::prelude::*;
use list::OrgsPage;
use page::OrgPage;

/// `subpath` is what follows `#/orgs`: empty (the tree) or `/<id>` (an organization's page).
#[component]
pub fn OrgsSection(subpath: Memo<String>) -> impl IntoView {
    move || match RecordId::parse(subpath.get().trim_start_matches('/')) {
        Some(id) => view! { <OrgPage id /> }.into_any(),
        None => view! { <OrgsPage /> }.into_any(),
    }
}

impl Collected for Org {
    const KIND: &'static str = kind::ORG;
    fn decode(record: &Record) -> Org {
        Org::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}
