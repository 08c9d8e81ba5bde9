//! 组织与党员: the organization tree and the form that adds to it.

use crate::domain::org::{create_org, tree_order, Org, OrgCategory, OrgDraft};
use crate::domain::record::{kind, RecordId};
use crate::store::browser;
use crate::ui::text::{org_category_name, org_error, t};
use crate::ui::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn orgs_of(state: &AppState) -> Vec<Org> {
    state.read(|ws| ws.replica().live(kind::ORG).map(Org::from_record).collect())
}

#[component]
pub fn OrgsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let orgs = Memo::new(move |_| orgs_of(&state));
    view! {
        <section class="page">
            <h2>{t().orgs_title}</h2>
            <p class="intro">{t().orgs_intro}</p>
            <OrgTable orgs />
            <NewOrgForm orgs />
            <p class="notice">{t().orgs_coming}</p>
        </section>
    }
}

#[component]
fn OrgTable(orgs: Memo<Vec<Org>>) -> impl IntoView {
    let rows = move || {
        orgs.with(|all| {
            let names: std::collections::HashMap<&RecordId, &str> =
                all.iter().map(|o| (&o.id, o.name.as_str())).collect();
            tree_order(all)
                .into_iter()
                .map(|(depth, o)| {
                    let parent =
                        o.parent.as_ref().and_then(|p| names.get(p)).map(|n| n.to_string()).unwrap_or_default();
                    let category = o.category.map(org_category_name).unwrap_or(t().unknown);
                    let founded = o.founded.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                    let indent = format!("padding-left: {}em", 0.5 + 1.5 * depth as f32);
                    view! {
                        <tr>
                            <td style=indent>{o.name.clone()}</td>
                            <td>{category}</td>
                            <td>{parent}</td>
                            <td class="num">{founded}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show
            when=move || orgs.with(|o| !o.is_empty())
            fallback=|| view! { <p class="empty">{t().orgs_empty}</p> }
        >
            <p class="count">{move || orgs.with(Vec::len)} " " {t().orgs_count}</p>
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{t().org_name}</th>
                        <th scope="col">{t().org_category}</th>
                        <th scope="col">{t().org_parent}</th>
                        <th scope="col">{t().org_founded}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
    }
}

#[component]
fn NewOrgForm(orgs: Memo<Vec<Org>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let founded = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        done.set(None);
        let draft = OrgDraft {
            name: name.get_untracked(),
            category: OrgCategory::from_code(&category.get_untracked()),
            parent: RecordId::parse(&parent.get_untracked()),
            founded: founded.get_untracked(),
        };
        let id = RecordId::from_random(browser::random_bytes());
        let edit = match orgs.with_untracked(|all| create_org(&draft, id, all, browser::today())) {
            Ok(edit) => edit,
            Err(e) => {
                error.set(Some(org_error(&e).to_string()));
                return;
            }
        };
        saving.set(true);
        spawn_local(async move {
            match state.commit(vec![edit]).await {
                Ok(_) => {
                    error.set(None);
                    done.set(Some(format!("{}{}", t().org_created, draft.name.trim())));
                    name.set(String::new());
                    founded.set(String::new());
                    crate::ui::app::focus_by_id("org-name");
                }
                Err(message) => error.set(Some(message)),
            }
            saving.set(false);
        });
    };

    let parent_options = move || {
        orgs.with(|all| {
            tree_order(all)
                .into_iter()
                .filter(|(_, o)| o.category != Some(OrgCategory::Group))
                .map(|(depth, o)| {
                    let label = format!("{}{}", "　".repeat(depth), o.name);
                    view! { <option value=o.id.to_string()>{label}</option> }
                })
                .collect_view()
        })
    };

    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{t().orgs_new}</h3>
            <div class="grid">
                <div class="field">
                    <label for="org-name">{t().org_name}</label>
                    <input id="org-name" type="text" autocomplete="off" maxlength="60"
                        prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="org-category">{t().org_category}</label>
                    <select id="org-category" prop:value=category on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{t().choose}</option>
                        {OrgCategory::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.code()>{org_category_name(c)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="org-parent">{t().org_parent}</label>
                    <select id="org-parent" prop:value=parent on:change=move |ev| parent.set(event_target_value(&ev))>
                        <option value="">{t().org_parent_none}</option>
                        {parent_options}
                    </select>
                </div>
                <div class="field">
                    <label for="org-founded">{t().org_founded}</label>
                    <input id="org-founded" type="date" prop:value=founded
                        on:input=move |ev| founded.set(event_target_value(&ev)) />
                </div>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
            <p class="done" role="status">{move || done.get()}</p>
            <button type="submit" class="primary" prop:disabled=saving>
                {move || if saving.get() { t().saving } else { t().save }}
            </button>
        </form>
    }
}
