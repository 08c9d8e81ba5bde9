//! An organization's own page (`#/orgs/<id>`): what it is, and the audit trail of every change
//! to it (renamed, moved, secretary changed, closed, merged).

use crate::domain::date::iso;
use crate::domain::org::Org;
use crate::domain::org::{CATEGORY, CLOSED, FOUNDED, MERGED_INTO, NAME, PARENT, PHONE, SECRETARY};
use crate::domain::record::RecordId;
use crate::ui::kit::trail::TrailCard;
use crate::ui::orgs::text::ot;
use crate::ui::text::org_category_name;
use crate::ui::AppState;
use leptos::prelude::*;

/// An organization field's name in the trail, as the forms label it.
pub fn org_field_label(field: &str) -> String {
    match field {
        NAME => ot().org_name,
        CATEGORY => ot().org_category,
        PARENT => ot().org_parent,
        FOUNDED => ot().org_founded,
        SECRETARY => ot().org_secretary,
        PHONE => ot().org_phone,
        CLOSED => ot().org_closed_on,
        MERGED_INTO => ot().org_merged_into,
        other => other,
    }
    .to_string()
}

#[component]
pub fn OrgPage(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let orgs = state.collection::<Org>().get();
    let Some(org) = orgs.iter().find(|o| o.id == id).cloned() else {
        return view! { <section class="page"><p class="empty">{ot().org_not_found}</p></section> }.into_any();
    };
    let parent = org.parent.as_ref().and_then(|p| orgs.iter().find(|o| &o.id == p)).map(|o| o.name.clone());
    let fact = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    view! {
        <section class="page">
            <a href="#/orgs">{"‹ "}{ot().org_back}</a>
            <div class="page-head"><h2>{org.name.clone()}</h2></div>
            <dl class="member-facts card">
                {fact(ot().org_category, org.category.map(org_category_name).unwrap_or_default().to_string())}
                {fact(ot().org_parent, parent.unwrap_or_default())}
                {fact(ot().org_secretary, org.secretary.clone())}
                {fact(ot().org_phone, org.phone.clone())}
                {fact(ot().org_founded, org.founded.map(iso).unwrap_or_default())}
            </dl>
            <TrailCard id=id label=org_field_label />
        </section>
    }
    .into_any()
}
