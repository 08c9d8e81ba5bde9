//! 党员: the roster (search as you type, filter by organization, a virtualized table), and the
//! routes to a member's page and the member form.

use super::member_form::MemberFormPage;
use super::member_page::MemberPage;
use super::print::{MemberCard, RosterPrint};
use crate::domain::member::Member;
use crate::domain::org::{tree_order, Org};
use crate::domain::record::{kind, RecordId};
use crate::store::browser;
use crate::ui::text::t;
use crate::ui::AppState;
use leptos::prelude::*;
use std::collections::HashMap;

/// `subpath` is what follows `#/members`: empty (the list), `/new`, `/<id>` or `/<id>/edit`.
#[component]
pub fn MembersSection(subpath: Memo<String>) -> impl IntoView {
    move || {
        let path = subpath.get();
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => view! { <MemberList /> }.into_any(),
            ["new"] => view! { <MemberFormPage editing=None /> }.into_any(),
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

pub fn members_of(state: &AppState) -> Vec<Member> {
    state.read(|ws| ws.replica().live(kind::MEMBER).map(Member::from_record).collect())
}

pub fn orgs_of(state: &AppState) -> Vec<Org> {
    state.read(|ws| ws.replica().live(kind::ORG).map(Org::from_record).collect())
}

/// A table row's height in CSS pixels at normal and large text (style/main.css sets the same),
/// so the list can draw only the rows in view.
const ROW_PX: f64 = 38.0;
const ROW_PX_LARGE: f64 = 46.0;
/// Rows drawn beyond the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

/// What the search box matches while the pinyin index is not built: name, ID number, phone.
fn matches(m: &Member, query: &str) -> bool {
    query.is_empty()
        || m.name.contains(query)
        || m.id_number.to_ascii_uppercase().contains(&query.to_ascii_uppercase())
        || m.phone.contains(query)
}

#[component]
fn MemberList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let members = Memo::new(move |_| members_of(&state));
    let orgs = Memo::new(move |_| orgs_of(&state));
    let query = RwSignal::new(String::new());
    let org_filter = RwSignal::new(String::new());
    let show_left = RwSignal::new(false);
    let today = browser::today();

    let visible = Memo::new(move |_| {
        let q = query.get().trim().to_string();
        let within: Option<Vec<RecordId>> =
            RecordId::parse(&org_filter.get()).map(|root| orgs.with(|all| crate::domain::org::subtree(&root, all)));
        let with_left = show_left.get();
        members.with(|all| {
            let mut out: Vec<usize> = all
                .iter()
                .enumerate()
                .filter(|(_, m)| with_left || m.is_current())
                .filter(|(_, m)| within.as_ref().is_none_or(|w| m.org.as_ref().is_some_and(|o| w.contains(o))))
                .filter(|(_, m)| matches(m, &q))
                .map(|(i, _)| i)
                .collect();
            out.sort_by(|&a, &b| all[a].name.cmp(&all[b].name));
            out
        })
    });

    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let row_px = move || if state.settings.with(|s| s.large_text) { ROW_PX_LARGE } else { ROW_PX };
    let scroller = NodeRef::<leptos::html::Div>::new();
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height()));
        }
    };
    Effect::new(move |_| {
        query.track();
        org_filter.track();
        if let Some(el) = scroller.get() {
            el.set_scroll_top(0);
            scroll_top.set(0.0);
            viewport.set(f64::from(el.client_height()).max(200.0));
        }
    });

    let org_names = Memo::new(move |_| {
        orgs.with(|all| all.iter().map(|o| (o.id.clone(), o.name.clone())).collect::<HashMap<RecordId, String>>())
    });

    let rows = move || {
        let row = row_px();
        let total = visible.with(Vec::len);
        let first = ((scroll_top.get() / row) as usize).saturating_sub(OVERSCAN).min(total);
        let count = (viewport.get() / row) as usize + 2 * OVERSCAN;
        let last = (first + count).min(total);
        let top = first as f64 * row;
        let bottom = (total - last) as f64 * row;
        let body = visible.with(|idx| {
            members.with(|all| {
                org_names.with(|names| {
                    idx[first..last]
                        .iter()
                        .map(|&i| {
                            let m = &all[i];
                            let href = format!("#/members/{}", m.id);
                            let org = m.org.as_ref().and_then(|o| names.get(o)).cloned().unwrap_or_default();
                            let age = m.age_on(today).map(|a| a.to_string()).unwrap_or_default();
                            let left = m.left.clone();
                            let is_left = left.is_some();
                            view! {
                                <tr class:left=is_left>
                                    <td><a href=href>{m.name.clone()}</a></td>
                                    <td>{m.sex.clone()}</td>
                                    <td class="num">{age}</td>
                                    <td class="mono">{m.masked_id_number()}</td>
                                    <td>{m.category.clone()} {left.map(|l| format!("（{l}）"))}</td>
                                    <td>{org}</td>
                                    <td>{m.education.clone()}</td>
                                    <td class="num">{m.phone.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                })
            })
        });
        view! {
            <tr aria-hidden="true" class="spacer" style=format!("height:{top}px")></tr>
            {body}
            <tr aria-hidden="true" class="spacer" style=format!("height:{bottom}px")></tr>
        }
    };

    let org_options = move || {
        orgs.with(|all| {
            tree_order(all)
                .into_iter()
                .filter(|(_, o)| o.is_open())
                .map(|(depth, o)| {
                    let label = format!("{}{}", "　".repeat(depth), o.name);
                    view! { <option value=o.id.to_string()>{label}</option> }
                })
                .collect_view()
        })
    };

    view! {
        <section class="page wide">
            <div class="page-head">
                <h2>{t().members_title}</h2>
                <a class="button primary" href="#/members/new">{t().members_new}</a>
            </div>
            <p class="intro">{t().members_intro}</p>
            <div class="toolbar">
                <div class="field grow">
                    <label for="member-search">{t().members_search}</label>
                    <input id="member-search" type="search" autocomplete="off" placeholder=t().members_search_hint
                        prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="member-org">{t().filter_org}</label>
                    <select id="member-org" prop:value=org_filter on:change=move |ev| org_filter.set(event_target_value(&ev))>
                        <option value="">{t().filter_all}</option>
                        {org_options}
                    </select>
                </div>
                {move || match RecordId::parse(&org_filter.get()) {
                    Some(org) => view! { <a class="button" href=format!("#/members/roster/{org}")>{t().print_roster}</a> }.into_any(),
                    None => view! { <span class="muted hint">{t().print_roster_hint}</span> }.into_any(),
                }}
                <label class="choice">
                    <input type="checkbox" prop:checked=show_left on:change=move |ev| show_left.set(event_target_checked(&ev)) />
                    {t().members_show_left}
                </label>
            </div>
            <Show
                when=move || members.with(|m| !m.is_empty())
                fallback=|| view! { <p class="empty">{t().members_empty}</p> }
            >
                <p class="count" role="status">{move || visible.with(Vec::len)} " " {t().members_count}</p>
                <div class="table-scroll" node_ref=scroller on:scroll=on_scroll>
                    <table class="data roster">
                        <thead>
                            <tr>
                                <th scope="col">"姓名"</th>
                                <th scope="col">"性别"</th>
                                <th scope="col">{t().col_age}</th>
                                <th scope="col">"公民身份号码"</th>
                                <th scope="col">"人员类别"</th>
                                <th scope="col">"所在党支部"</th>
                                <th scope="col">"学历"</th>
                                <th scope="col">"联系电话"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <Show when=move || visible.with(Vec::is_empty)>
                    <p class="empty">{t().members_none_found}</p>
                </Show>
            </Show>
        </section>
    }
}
