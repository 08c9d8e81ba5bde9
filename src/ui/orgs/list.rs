//! 党组织: the organization tree with its work (create, edit and move, close, 撤并, 拆分), and the
//! list of many-record steps that can be undone.

use crate::domain::date::{iso, parse_user_date};
use crate::domain::hash::{FastHash, IdMap, IdSet};
use crate::domain::member::Member;
use crate::domain::member_form::holds_members;
use crate::domain::org::{
    create_org, edit_org, opened_by_default, tree_order, visible_rows, with_ancestors, Org, OrgCategory, OrgDraft,
};
use crate::domain::org_ops::{self, plan_merge, plan_split, plan_undo, references_to, Batch, BatchOp};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::{kind, RecordId};
use crate::ui::kit::fields::{
    checkbox_choice, message_line, no_field_error, saved_and_cleared, select_field, text_field,
};
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::table::row_menu;
use crate::ui::kit::tree::{fold_all_buttons, fold_button, toggle, Opened, OPEN_ROWS};
use crate::ui::kit::when::When;
use crate::ui::orgs::text::ot;
use crate::ui::state::Collection;
use crate::ui::text::{op_error, org_category_name, org_error, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// The organizations open in the tree until the user opens or folds one.
fn default_open(orgs: &[Org], pinyin: &Pinyin) -> IdSet {
    let tree: Vec<(usize, &RecordId)> = tree_order(orgs, pinyin).iter().map(|(depth, o)| (*depth, &o.id)).collect();
    opened_by_default(&tree, OPEN_ROWS)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Edit,
    Close,
    Merge,
    Split,
}

#[component]
pub fn OrgsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let orgs = state.collection::<Org>();
    let members = state.collection::<Member>();
    let action = RwSignal::new(None::<(Action, RecordId)>);
    // The organizations whose rows show what is under them; `None` until the user opens or folds
    // one: then `opened_by_default`.
    let open = RwSignal::new(None::<IdSet>);
    // What the last tree operation did: its card closes, the outcome stays in view.
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if action.with(Option::is_some) {
            notice.set(None);
        }
    });
    view! {
        <section class="page wide">
            <h2>{ot().orgs_title}</h2>
            <p class="intro">{ot().orgs_intro}</p>
            <p class="done" role="status">{move || notice.get()}</p>
            <OrgTable orgs members action open />
            {move || action.get().map(|(a, id)| {
                let close = Callback::new(move |outcome: Option<String>| {
                    action.set(None);
                    notice.set(outcome);
                });
                match a {
                    Action::Edit => view! { <EditOrgForm orgs id done=close /> }.into_any(),
                    Action::Close => view! { <CloseOrgForm orgs members id done=close /> }.into_any(),
                    Action::Merge => view! { <MergeOrgForm orgs id done=close /> }.into_any(),
                    Action::Split => view! { <SplitOrgForm orgs members id done=close /> }.into_any(),
                }
            })}
            <NewOrgForm orgs open />
            <BatchList orgs notice />
        </section>
    }
}

#[component]
fn OrgTable(
    orgs: Collection<Org>,
    members: Collection<Member>,
    action: RwSignal<Option<(Action, RecordId)>>,
    open: Opened,
) -> impl IntoView {
    let pinyin = expect_context::<AppState>().pinyin;
    let show_closed = RwSignal::new(false);
    let every = Callback::new(move |()| orgs.with_untracked(|all| all.iter().map(|o| o.id.clone()).collect()));
    let opened_now = move || open.get().unwrap_or_else(|| orgs.with(|all| default_open(all, &pinyin.get())));
    // Apart from the rows, which stay as they are when a member is saved: only the numbers change.
    let counts = while_shown(move || {
        let mut c: IdMap<usize> = HashMap::default();
        members.with(|all| {
            for m in all.iter().filter(|m| m.is_current()) {
                if let Some(o) = &m.org {
                    *c.entry(o.clone()).or_default() += 1;
                }
            }
        });
        c
    });
    let rows = move || {
        let with_closed = show_closed.get();
        let opened = opened_now();
        orgs.with(|all| {
            let names: HashMap<&RecordId, &str, FastHash> = all.iter().map(|o| (&o.id, o.name.as_str())).collect();
            let tree: Vec<(usize, &Org)> =
                tree_order(all, &pinyin.get()).into_iter().filter(|(_, o)| with_closed || o.is_open()).collect();
            let ids: Vec<(usize, &RecordId)> = tree.iter().map(|(depth, o)| (*depth, &o.id)).collect();
            visible_rows(&ids, &opened)
                .into_iter()
                .map(|(at, has_children)| {
                    let (depth, o) = tree[at];
                    let category = o.category.map(org_category_name).unwrap_or(t().unknown);
                    let founded = o.founded.map(iso).unwrap_or_default();
                    let indent = format!("padding-left: calc(1.75rem + {}rem)", 2 * depth);
                    let counted = o.id.clone();
                    let count = move || counts.with(|c| c.get(&counted).copied().unwrap_or(0));
                    let status = match (&o.closed, &o.merged_into) {
                        (Some(d), Some(into)) => {
                            Some(format!("{}{}（{}）", ot().org_merged_into, names.get(into).copied().unwrap_or("?"), iso(*d)))
                        }
                        (Some(d), None) => Some(format!("{}（{}）", ot().org_closed_on, iso(*d))),
                        _ => None,
                    };
                    let in_use = o.is_open();
                    let can_hold = holds_members(o.category);
                    let id = o.id.clone();
                    let act = move |a: Action| {
                        let id = id.clone();
                        move |_| {
                            action.set(Some((a, id.clone())));
                            crate::ui::shell::focus_by_id("org-action");
                        }
                    };
                    let label = o.name.clone();
                    let fold = has_children.then(|| {
                        let id = o.id.clone();
                        fold_button(opened.contains(&o.id), &o.name, Callback::new(move |()| toggle(open, untrack(opened_now), &id)))
                    });
                    view! {
                        <tr class:closed=!in_use>
                            <td style=indent>
                                {fold}
                                <a href=format!("#/orgs/{}", o.id) title=format!("{}{}", ot().org_open_page, o.name)>{o.name.clone()}</a>
                                {status.map(|s| view! { " " <span class="tag">{s}</span> })}
                            </td>
                            <td>{category}</td>
                            <td>{o.secretary.clone()}</td>
                            <td class="num">{o.phone.clone()}</td>
                            <td class="num">{count}</td>
                            <td class="num">{founded}</td>
                            <td class="actions-cell">
                                {in_use.then(|| view! {
                                    <button type="button" class="small" aria-label=format!("{}{}", ot().org_edit, label) on:click=act(Action::Edit)>{ot().org_edit}</button>
                                    {row_menu(label.clone(), view! {
                                        <button type="button" class="small" on:click=act(Action::Close)>{ot().org_close}</button>
                                        {can_hold.then(|| view! {
                                            <button type="button" class="small" on:click=act(Action::Merge)>{ot().org_merge}</button>
                                            <button type="button" class="small" on:click=act(Action::Split)>{ot().org_split}</button>
                                        })}
                                    }.into_any())}
                                })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <When
            when=move || orgs.with(|o| !o.is_empty())
            fallback=|| view! {
                <p class="empty">{ot().orgs_empty}</p>
                <p><a class="button primary" href="#/exchange/import">{ot().orgs_empty_import}</a></p>
            }
        >
            <div class="toolbar">
                <p class="count">{move || orgs.with(|o| o.iter().filter(|x| x.is_open()).count())} " " {ot().orgs_count}</p>
                {checkbox_choice(t().show_closed, show_closed)}
                {fold_all_buttons(open, every)}
            </div>
            <table class="data org-table">
                <thead>
                    <tr>
                        <th scope="col">{ot().org_name}</th>
                        <th scope="col">{ot().org_category}</th>
                        <th scope="col">{ot().org_secretary}</th>
                        <th scope="col">{ot().org_phone}</th>
                        <th scope="col">{ot().org_members}</th>
                        <th scope="col">{ot().org_founded}</th>
                        <th scope="col">{ot().org_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </When>
    }
}

/// The inputs of an organization form, as text (codes and ids for the selects).
#[derive(Clone, Copy)]
struct OrgInputs {
    name: RwSignal<String>,
    category: RwSignal<String>,
    parent: RwSignal<String>,
    secretary: RwSignal<String>,
    phone: RwSignal<String>,
    founded: RwSignal<String>,
}

impl OrgInputs {
    fn new(draft: &OrgDraft) -> OrgInputs {
        OrgInputs {
            name: RwSignal::new(draft.name.clone()),
            category: RwSignal::new(draft.category.map(|c| c.code().to_string()).unwrap_or_default()),
            parent: RwSignal::new(draft.parent.as_ref().map(|p| p.to_string()).unwrap_or_default()),
            secretary: RwSignal::new(draft.secretary.clone()),
            phone: RwSignal::new(draft.phone.clone()),
            founded: RwSignal::new(draft.founded.clone()),
        }
    }

    fn draft(&self) -> OrgDraft {
        OrgDraft {
            name: self.name.get_untracked(),
            category: OrgCategory::from_code(&self.category.get_untracked()),
            parent: RecordId::parse(&self.parent.get_untracked()),
            founded: self.founded.get_untracked(),
            secretary: self.secretary.get_untracked(),
            phone: self.phone.get_untracked(),
        }
    }
}

/// Input ids of the new form and of the edit form (both can be on the page at once).
const NEW_IDS: [&str; 6] = ["org-name", "org-category", "org-parent", "org-secretary", "org-phone", "org-founded"];
const EDIT_IDS: [&str; 6] = [
    "org-edit-name",
    "org-edit-category",
    "org-edit-parent",
    "org-edit-secretary",
    "org-edit-phone",
    "org-edit-founded",
];

/// The inputs shared by the new and edit forms.
fn org_fields(
    ids: [&'static str; 6],
    inputs: OrgInputs,
    orgs: Collection<Org>,
    except: Option<RecordId>,
    pinyin: RwSignal<Pinyin>,
) -> impl IntoView {
    let categories: Vec<(String, String)> =
        OrgCategory::ALL.into_iter().map(|c| (c.code().to_string(), org_category_name(c).to_string())).collect();
    // Redrawn as organizations are added: the next one may go under the one just made.
    let parents = move || {
        orgs.with(|all| {
            tree_order(all, &pinyin.get())
                .into_iter()
                .filter(|(_, o)| o.is_open() && o.category != Some(OrgCategory::Group))
                .filter(|(_, o)| except.as_ref().is_none_or(|e| !crate::domain::org::is_in_subtree(&o.id, e, all)))
                .map(|(depth, o)| {
                    view! { <option value=o.id.to_string()>{format!("{}{}", "　".repeat(depth), o.name)}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="grid">
            {text_field(ids[0], ot().org_name, inputs.name, no_field_error(), "")}
            {select_field(ids[1], ot().org_category, inputs.category, no_field_error(), Signal::stored(categories))}
            <div class="field">
                <label for=ids[2]>{ot().org_parent}</label>
                <select id=ids[2] prop:value=inputs.parent on:change=move |ev| inputs.parent.set(event_target_value(&ev))>
                    <option value="">{ot().org_parent_none}</option>
                    {parents}
                </select>
            </div>
            {text_field(ids[3], ot().org_secretary, inputs.secretary, no_field_error(), "")}
            {text_field(ids[4], ot().org_phone, inputs.phone, no_field_error(), "")}
            {text_field(ids[5], ot().org_founded, inputs.founded, no_field_error(), t().date_hint)}
        </div>
    }
}

/// Saves edits and reports: the one path every form on this page takes.
fn save(
    state: AppState,
    edits: Vec<crate::domain::replica::Edit>,
    saving: RwSignal<bool>,
    message: RwSignal<Option<(bool, String)>>,
    ok: String,
    then: impl FnOnce(String) + 'static,
) {
    // The forms' one save (`kit::fields::save`), with the words it reported.
    let words = ok.clone();
    crate::ui::kit::fields::save(state, edits, saving, message, ok, Box::new(move || then(words)));
}

#[component]
fn NewOrgForm(orgs: Collection<Org>, open: Opened) -> impl IntoView {
    let state = expect_context::<AppState>();
    let inputs = OrgInputs::new(&OrgDraft::default());
    let message = RwSignal::new(None::<(bool, String)>);
    let saving = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let d = inputs.draft();
        let id = RecordId::from_random(browser::random_bytes());
        match orgs.with_untracked(|all| create_org(&d, id, all, browser::today())) {
            Ok(edit) => {
                let ok = saved_and_cleared(&format!("{}{}", ot().org_created, d.name.trim()));
                let parent = d.parent.clone();
                save(state, vec![edit], saving, message, ok, move |_| {
                    // The new organization shows in the tree, however folded it was.
                    if let Some(parent) = parent.clone() {
                        let (path, by_default) = orgs.with_untracked(|all| {
                            (with_ancestors(all, &parent), default_open(all, &state.pinyin.get_untracked()))
                        });
                        if open.with_untracked(Option::is_some) || path.iter().any(|p| !by_default.contains(p)) {
                            open.update(|o| o.get_or_insert(by_default).extend(path));
                        }
                    }
                    // Emptied whole, as every form after a save: a category or a parent left
                    // from the last one would go unnoticed with the next name.
                    for field in
                        [inputs.name, inputs.category, inputs.parent, inputs.founded, inputs.secretary, inputs.phone]
                    {
                        field.set(String::new());
                    }
                    crate::ui::shell::focus_by_id("org-name");
                });
            }
            Err(e) => message.set(Some((false, org_error(&e).to_string()))),
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{ot().orgs_new}</h3>
            {org_fields(NEW_IDS, inputs, orgs, None, state.pinyin)}
            {message_line(message)}
            <button type="submit" class="primary" prop:disabled=saving>
                {move || if saving.get() { t().saving } else { t().save }}
            </button>
        </form>
    }
}

#[component]
fn EditOrgForm(orgs: Collection<Org>, id: RecordId, done: Callback<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(org) = orgs.with_untracked(|all| all.iter().find(|o| o.id == id).cloned()) else {
        return ().into_any();
    };
    let inputs = OrgInputs::new(&OrgDraft::from_org(&org));
    let message = RwSignal::new(None::<(bool, String)>);
    let saving = RwSignal::new(false);
    let org_id = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = inputs.draft();
        match orgs.with_untracked(|all| edit_org(&d, &org_id, all, browser::today())) {
            Ok(edit) => {
                save(state, vec![edit], saving, message, format!("{}{}", ot().org_saved, d.name.trim()), move |ok| {
                    done.run(Some(ok))
                })
            }
            Err(e) => message.set(Some((false, org_error(&e).to_string()))),
        }
    };
    view! {
        <form class="card action-card" id="org-action" tabindex="-1" on:submit=submit novalidate>
            <h3>{ot().org_edit_title} "：" {org.name.clone()}</h3>
            {org_fields(EDIT_IDS, inputs, orgs, Some(id.clone()), state.pinyin)}
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
                <button type="button" on:click=move |_| done.run(None)>{t().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn CloseOrgForm(
    orgs: Collection<Org>,
    members: Collection<Member>,
    id: RecordId,
    done: Callback<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(org) = orgs.with_untracked(|all| all.iter().find(|o| o.id == id).cloned()) else {
        return ().into_any();
    };
    let date = RwSignal::new(iso(browser::today()));
    let message = RwSignal::new(None::<(bool, String)>);
    let saving = RwSignal::new(false);
    let target = org.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(Some(day)) = parse_user_date(&date.get_untracked()) else {
            return message.set(Some((
                false,
                crate::ui::text::date_input_error(crate::domain::date::DateInputError::Invalid).into(),
            )));
        };
        let today = browser::today();
        let plan = members.with_untracked(|ms| orgs.with_untracked(|all| org_ops::close(&target, day, ms, all, today)));
        match plan {
            Ok(edit) => save(
                state,
                vec![edit],
                saving,
                message,
                format!("{}：{}", ot().org_closed_on, target.name),
                move |ok| done.run(Some(ok)),
            ),
            Err(e) => message.set(Some((false, org_error(&e).to_string()))),
        }
    };
    view! {
        <form class="card action-card" id="org-action" tabindex="-1" on:submit=submit novalidate>
            <h3>{ot().org_close_title} "：" {org.name.clone()}</h3>
            <p class="muted">{ot().org_close_intro}</p>
            {text_field("org-close-date", ot().org_close_date, date, no_field_error(), t().date_hint)}
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>{ot().org_close_confirm}</button>
                <button type="button" on:click=move |_| done.run(None)>{t().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn MergeOrgForm(orgs: Collection<Org>, id: RecordId, done: Callback<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(org) = orgs.with_untracked(|all| all.iter().find(|o| o.id == id).cloned()) else {
        return ().into_any();
    };
    let into = RwSignal::new(String::new());
    let date = RwSignal::new(iso(browser::today()));
    let message = RwSignal::new(None::<(bool, String)>);
    let saving = RwSignal::new(false);
    let from = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(into_id) = RecordId::parse(&into.get_untracked()) else {
            return message.set(Some((false, op_error(&org_ops::OpError::UnknownOrganization))));
        };
        let Ok(Some(day)) = parse_user_date(&date.get_untracked()) else {
            return message.set(Some((
                false,
                crate::ui::text::date_input_error(crate::domain::date::DateInputError::Invalid).into(),
            )));
        };
        let from = from.clone();
        spawn_local(async move {
            // Households (read only by 民情日记) move with their village too: read them first.
            for kind in crate::domain::kinds::placed_in_tree() {
                if let Err(e) = state.load_kind(kind).await {
                    return message.set(Some((false, e)));
                }
            }
            let refs = state.read_now(|ws| references_to(&from, ws.replica().records()));
            let moved = refs.len();
            let batch = RecordId::from_random(browser::random_bytes());
            match orgs.with_untracked(|all| plan_merge(&from, &into_id, refs, all, day, batch, browser::today())) {
                Ok(edits) => {
                    let ok = format!("{}完成：{} 条记录已转入。", ot().org_merge, moved);
                    save(state, edits, saving, message, ok, move |ok| done.run(Some(ok)));
                }
                Err(e) => message.set(Some((false, op_error(&e)))),
            }
        });
    };
    let except = id.clone();
    let targets: Vec<(String, String)> = orgs.with_untracked(|all| {
        tree_order(all, &state.pinyin.get_untracked())
            .into_iter()
            .filter(|(_, o)| o.is_open() && o.id != except && holds_members(o.category))
            .map(|(_, o)| (o.id.to_string(), o.name.clone()))
            .collect()
    });
    view! {
        <form class="card action-card" id="org-action" tabindex="-1" on:submit=submit novalidate>
            <h3>{ot().org_merge_title} "：" {org.name.clone()}</h3>
            <p class="muted">{ot().org_merge_intro}</p>
            <div class="grid">
                {select_field("org-merge-into", ot().org_merge_into, into, no_field_error(), Signal::stored(targets))}
                {text_field("org-merge-date", ot().org_merge_date, date, no_field_error(), t().date_hint)}
            </div>
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>{ot().org_merge_confirm}</button>
                <button type="button" on:click=move |_| done.run(None)>{t().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn SplitOrgForm(
    orgs: Collection<Org>,
    members: Collection<Member>,
    id: RecordId,
    done: Callback<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(org) = orgs.with_untracked(|all| all.iter().find(|o| o.id == id).cloned()) else {
        return ().into_any();
    };
    let name = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<RecordId>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let saving = RwSignal::new(false);
    let from = id.clone();
    let in_branch = Memo::new(move |_| {
        let mut list: Vec<Member> = members
            .with(|all| all.iter().filter(|m| m.org.as_ref() == Some(&from) && m.is_current()).cloned().collect());
        crate::domain::sort::sort_by(&mut list, |a, b| a.name.cmp(&b.name));
        list
    });
    let source = org.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = OrgDraft {
            name: name.get_untracked(),
            category: source.category,
            parent: source.parent.clone(),
            ..Default::default()
        };
        let new_id = RecordId::from_random(browser::random_bytes());
        let batch = RecordId::from_random(browser::random_bytes());
        let plan = members.with_untracked(|ms| {
            orgs.with_untracked(|all| {
                chosen.with_untracked(|c| plan_split(&source.id, &draft, new_id, c, ms, all, batch, browser::today()))
            })
        });
        match plan {
            Ok(edits) => {
                let ok = format!(
                    "{}完成：新建“{}”，转入 {} 名党员。",
                    ot().org_split,
                    draft.name.trim(),
                    chosen.with_untracked(Vec::len)
                );
                save(state, edits, saving, message, ok, move |ok| done.run(Some(ok)));
            }
            Err(e) => message.set(Some((false, op_error(&e)))),
        }
    };
    view! {
        <form class="card action-card" id="org-action" tabindex="-1" on:submit=submit novalidate>
            <h3>{ot().org_split_title} "：" {org.name.clone()}</h3>
            <p class="muted">{ot().org_split_intro}</p>
            {text_field("org-split-name", ot().org_split_name, name, no_field_error(), "")}
            <fieldset class="choices">
                <legend>{t().nav_members}</legend>
                {move || in_branch.get().into_iter().map(|m| {
                    let mid = m.id.clone();
                    let mid2 = m.id.clone();
                    view! {
                        <label class="choice">
                            <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&mid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| x != &mid2);
                                        if on { c.push(mid2.clone()); }
                                    });
                                } />
                            {m.name.clone()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>{ot().org_split_confirm}</button>
                <button type="button" on:click=move |_| done.run(None)>{t().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn BatchList(orgs: Collection<Org>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let batches = Memo::new(move |_| {
        let mut list: Vec<Batch> = state.read_kinds(&[kind::BATCH], |ws| {
            // Merges of duplicate records are listed, and undone, in 数据交换 → 重复记录.
            ws.replica().live(kind::BATCH).map(Batch::from_record).filter(|b| b.op != Some(BatchOp::Identity)).collect()
        });
        org_ops::newest_first(&mut list);
        list
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let saving = RwSignal::new(false);
    // One outcome in view at a time: the tree's last step (`notice`) or this list's last undo.
    Effect::new(move |_| {
        if notice.with(Option::is_some) {
            message.set(None);
        }
    });
    let name_of = move |id: &Option<RecordId>| {
        orgs.with_untracked(|all| {
            id.as_ref().and_then(|i| all.iter().find(|o| &o.id == i)).map(|o| o.name.clone()).unwrap_or_default()
        })
    };
    let undo = move |batch: Batch| {
        notice.set(None);
        let plan = state.read_now(|ws| plan_undo(&batch, |id| ws.replica().get(id), browser::today()));
        match plan {
            Ok(edits) => save(state, edits, saving, message, ot().batch_undo_done.to_string(), |_| {}),
            Err(e) => message.set(Some((false, op_error(&e)))),
        }
    };
    view! {
        <When when=move || !batches.with(Vec::is_empty)>
            <div class="card">
                <h3>{t().batches_title}</h3>
                {message_line(message)}
                <table class="data">
                    <tbody>
                        {move || batches.get().into_iter().map(|b| {
                            let op = match b.op {
                                Some(BatchOp::Merge) => ot().op_merge,
                                Some(BatchOp::Split) => ot().op_split,
                                Some(BatchOp::Import) => ot().op_import,
                                Some(BatchOp::Identity) | None => t().unknown,
                            };
                            let what = match b.op {
                                Some(BatchOp::Import) => format!("{}（{} {}）", b.note, b.records_imported(), ot().batch_moved),
                                _ => format!("{} → {}（{} {}）", name_of(&b.from), name_of(&b.into), b.moved.len(), ot().batch_moved),
                            };
                            let undone = b.undone;
                            let label = format!("{}：{}", ot().batch_undo, what);
                            view! {
                                <tr>
                                    <td class="num">{b.date.map(iso).unwrap_or_default()}</td>
                                    <td>{op}</td>
                                    <td>{what}</td>
                                    <td>
                                        {if undone {
                                            view! { <span class="muted">{ot().batch_undone}</span> }.into_any()
                                        } else {
                                            view! { <button type="button" class="small" aria-label=label prop:disabled=saving on:click=move |_| undo(b.clone())>{ot().batch_undo}</button> }.into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </When>
    }
}
