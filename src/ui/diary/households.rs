//! 民情户: the register of a village's households (search by 户主 name or pinyin), the household
//! form, and a household's archive (民情档案): its facts, every visit in order, every matter with
//! its state, its members on the roster, closing (迁出/户销) and moving; the archive prints whole.

use crate::domain::hash::{FastHash, IdSet};
use crate::domain::household::{
    check_household, close_household, household_edit, is_village_category, move_to_village, must_visit_categories,
    reopen_household, village_after_merges, Category, ClosedReason, Context, Field, Household, HouseholdDraft,
    OldMemberRule,
};
use crate::domain::member::Member;
use crate::domain::org::Org;
use crate::domain::record::RecordId;
use crate::domain::search::{Person, SearchIndex};
use crate::ui::diary::entries::excerpt;
use crate::ui::diary::text::{close_problem, household_problem, rt};
use crate::ui::diary::{state_label, whole_steps, DiaryData, Names};
use crate::ui::kit::fields::{
    checkbox_list, day_text, go, message_line, new_id, save, select_field, text_field, FieldError, Message,
};
use crate::ui::kit::table::{cell, cell_of, data_table, keyed, keyed_body, link, tr, Keyed};
use crate::ui::kit::tree::org_select;
use crate::ui::kit::when::When;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

#[derive(Clone, PartialEq, Eq, Hash)]
struct HouseholdRow {
    id: String,
    head: String,
    village: String,
    group: String,
    people: String,
    categories: String,
    closed: String,
}

#[component]
pub fn HouseholdRegister() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let village = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let show_closed = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        let v = RecordId::parse(&village.get());
        let within = v.as_ref().map(|v| data.orgs.with(|orgs| crate::domain::org::subtree(orgs, v)));
        let names = Names::of(&data);
        let orgs = names.orgs();
        // Villages closed since (撤销, 撤并): their households are marked, to be moved.
        let gone: IdSet = data.orgs.with(|os| os.iter().filter(|o| !o.is_open()).map(|o| o.id.clone()).collect());
        let members = data.members.get();
        let (q, closed) = (query.get(), show_closed.get());
        data.households.with(|hs| {
            let mut list: Vec<&Household> = hs
                .iter()
                .filter(|h| closed || h.is_open())
                .filter(|h| within.as_ref().is_none_or(|w| h.village.as_ref().is_some_and(|v| w.contains(v))))
                .collect();
            if !q.trim().is_empty() {
                let people: Vec<Person> =
                    list.iter().map(|h| Person { name: &h.head, id_number: &h.id_number, phone: &h.phone }).collect();
                let hits = SearchIndex::build_people(&people, &state.pinyin.get()).search(&q);
                list = hits.into_iter().map(|hit| list[hit.member]).collect();
            } else {
                let pinyin = state.pinyin.get();
                crate::domain::sort::sort_by_cached_key(&mut list, |h| {
                    (h.village.clone(), h.group.clone(), pinyin.name_key(&h.head))
                });
            }
            list.truncate(500);
            // The members the shown households link to, found in one pass over the roster.
            let linked: HashSet<&RecordId, FastHash> = list.iter().filter_map(|h| h.member.as_ref()).collect();
            let linked: HashMap<&RecordId, &Member, FastHash> =
                members.iter().filter(|m| linked.contains(&m.id)).map(|m| (&m.id, m)).collect();
            let today = browser::today();
            list.into_iter()
                .map(|h| {
                    let member = h.member.as_ref().and_then(|id| linked.get(id).copied());
                    let row = HouseholdRow {
                        id: h.id.to_string(),
                        head: h.head.clone(),
                        village: h
                            .village
                            .as_ref()
                            .and_then(|v| {
                                let name = orgs.get(v)?;
                                Some(if gone.contains(v) {
                                    format!("{name}{}", rt().village_closed_mark)
                                } else {
                                    name.clone()
                                })
                            })
                            .unwrap_or_default(),
                        group: h.group.clone(),
                        people: h.people.map(|n| n.to_string()).unwrap_or_default(),
                        categories: categories_text(h, member, today),
                        closed: closed_text(h).unwrap_or_default(),
                    };
                    keyed(row, draw_household)
                })
                .collect::<Vec<Keyed>>()
        })
    });
    view! {
        <div class="filters card no-print" role="search">
            <label>{rt().village}{org_select("hh-f-village", rt().all_villages, village, data.orgs, state.pinyin)}</label>
            <label class="grow">{rt().household_search}
                <input id="hh-f-query" type="search" placeholder=rt().household_hint prop:value=query
                    on:input=move |ev| query.set(event_target_value(&ev)) />
            </label>
            {crate::ui::kit::fields::checkbox_choice(rt().show_closed, show_closed)}
            <a class="button primary" href="#/diary/households/new">{rt().new_household}</a>
            <a class="button" href="#/diary/households/import">{rt().import_households}</a>
        </div>
        <p class="count" role="status">{move || rt().households_count(rows.with(Vec::len))}</p>
        {data_table("households", rt().household_columns, keyed_body(rows))}
    }
}

/// The organizations households can belong to (`is_village_category`), in tree order, closed
/// ones included.
pub fn household_villages<'a>(orgs: &'a [Org], pinyin: &crate::domain::pinyin::Pinyin) -> Vec<&'a Org> {
    crate::domain::org::tree_order(orgs, pinyin)
        .into_iter()
        .map(|(_, o)| o)
        .filter(|o| is_village_category(o.category))
        .collect()
}

/// The open villages among `villages` as choices (id, name), and the `chosen` one when it is
/// closed, marked so: a choice made before a 撤销/撤并 (kept from the last page, or the
/// household's own) then shows what it is, and the check says at its field why it is refused.
pub fn village_choices(villages: Vec<&Org>, chosen: &str) -> Vec<(String, String)> {
    villages
        .into_iter()
        .filter(|o| o.is_open() || o.id.as_str() == chosen)
        .map(|o| {
            let name = if o.is_open() { o.name.clone() } else { format!("{}{}", o.name, rt().village_closed_mark) };
            (o.id.to_string(), name)
        })
        .collect()
}

/// A household's categories in words: the 五个必到 ones (老党员 read from the linked member),
/// then the others, then its own label.
fn categories_text(h: &Household, member: Option<&Member>, today: chrono::NaiveDate) -> String {
    let mut cats: Vec<&str> =
        must_visit_categories(h, member, &OldMemberRule::default(), today).iter().map(|c| c.label()).collect();
    cats.extend(h.categories.iter().filter(|c| !c.is_must_visit()).map(|c| c.label()));
    if !h.label.is_empty() {
        cats.push(&h.label);
    }
    cats.join("、")
}

/// 迁出 or 户销 and its date, for a closed household.
fn closed_text(h: &Household) -> Option<String> {
    h.closed.map(|d| format!("{}{}", h.closed_reason.map(|r| r.label()).unwrap_or_default(), day_text(Some(d))))
}

fn draw_household(r: &HouseholdRow) -> AnyView {
    tr(
        (!r.closed.is_empty()).then_some("left"),
        vec![
            cell_of("", vec![link(format!("#/diary/households/{}", r.id), r.head.clone())]),
            cell("", r.village.clone()),
            cell("", r.group.clone()),
            cell("num", r.people.clone()),
            cell("", r.categories.clone()),
            cell("", r.closed.clone()),
        ],
    )
}

const H_VILLAGE: &str = "hh-village";
const H_HEAD: &str = "hh-head";
const H_ID: &str = "hh-idnumber";
const H_PHONE: &str = "hh-phone";
const H_GROUP: &str = "hh-group";
const H_ADDRESS: &str = "hh-address";
const H_PEOPLE: &str = "hh-people";
const H_CATEGORIES: &str = "hh-categories";
const H_LABEL: &str = "hh-label";
const H_MEMBER: &str = "hh-member";
const H_NOTE: &str = "hh-note";
const H_MOVE_TO: &str = "hh-move-to";

fn household_input(f: Field) -> &'static str {
    match f {
        Field::Village => H_VILLAGE,
        Field::Head => H_HEAD,
        Field::IdNumber => H_ID,
        Field::Phone => H_PHONE,
        Field::Group => H_GROUP,
        Field::Address => H_ADDRESS,
        Field::People => H_PEOPLE,
        Field::Categories => H_CATEGORIES,
        Field::Label => H_LABEL,
        Field::Member => H_MEMBER,
        Field::Note => H_NOTE,
    }
}

#[component]
pub fn HouseholdFormPage(editing: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let existing: Option<Household> =
        editing.as_ref().and_then(|id| data.households.with_untracked(|hs| hs.iter().find(|h| &h.id == id).cloned()));
    if editing.is_some() && existing.is_none() {
        return view! { <p class="empty">{rt().household_not_found}</p> }.into_any();
    }
    let d = existing.as_ref().map(HouseholdDraft::from_household).unwrap_or_default();
    let village = RwSignal::new(d.village.as_ref().map(|v| v.to_string()).unwrap_or_default());
    let head = RwSignal::new(d.head.clone());
    let id_number = RwSignal::new(d.id_number.clone());
    let phone = RwSignal::new(d.phone.clone());
    let group = RwSignal::new(d.group.clone());
    let address = RwSignal::new(d.address.clone());
    let people = RwSignal::new(d.people.clone());
    let categories = RwSignal::new(d.categories.iter().map(|c| c.label().to_string()).collect::<Vec<_>>());
    let label = RwSignal::new(d.label.clone());
    let member = RwSignal::new(d.member.as_ref().map(|m| m.to_string()).unwrap_or_default());
    let note = RwSignal::new(d.note.clone());
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let editing_id = existing.as_ref().map(|h| h.id.clone());
    // The household's own village, read once: it stays among the choices when it was closed.
    let villages = Signal::derive(move || {
        let chosen = village.get_untracked();
        data.orgs.with(|orgs| village_choices(household_villages(orgs, &state.pinyin.get()), &chosen))
    });
    // The village's members on the roster, for the link to a party member of the household.
    let village_members = Signal::derive(move || {
        let v = RecordId::parse(&village.get());
        data.members.with(|ms| {
            ms.iter()
                .filter(|m| m.is_current() && v.is_some() && m.org == v)
                .map(|m| (m.id.to_string(), m.name.clone()))
                .collect()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = HouseholdDraft {
            village: RecordId::parse(&village.get_untracked()),
            head: head.get_untracked(),
            id_number: id_number.get_untracked(),
            phone: phone.get_untracked(),
            group: group.get_untracked(),
            address: address.get_untracked(),
            people: people.get_untracked(),
            categories: categories.get_untracked().iter().filter_map(|c| Category::from_label(c)).collect(),
            label: label.get_untracked(),
            member: RecordId::parse(&member.get_untracked()),
            note: note.get_untracked(),
        };
        let (households, orgs, members) =
            (data.households.get_untracked(), data.orgs.get_untracked(), data.members.get_untracked());
        let cx = Context { households: &households, orgs: &orgs, members: &members, today: browser::today() };
        err.set(None);
        match check_household(&draft, editing_id.as_ref(), &cx) {
            Ok(fields) => {
                let edit = household_edit(fields, editing_id.clone(), new_id());
                let target = format!("#/diary/households/{}", edit.record_id());
                let ok = format!("{}{}", rt().household_saved, draft.head.trim());
                save(state, vec![edit], saving, message, ok, Box::new(move || go(&target)));
            }
            Err(findings) => {
                if let Some(f) = findings.first() {
                    let at = household_input(f.field);
                    err.set(Some((at, household_problem(&f.problem))));
                    message.set(Some((false, rt().fix_errors.to_string())));
                    crate::ui::shell::focus_by_id(at);
                }
            }
        }
    };
    let back = match &editing {
        Some(id) => format!("#/diary/households/{id}"),
        None => "#/diary/households".to_string(),
    };
    let category_items =
        Signal::stored(Category::ALL.iter().map(|c| (c.label().to_string(), c.label().to_string())).collect());
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{if editing.is_some() { rt().household_edit_title } else { rt().household_new_title }}</h3>
            <div class="grid">
                {select_field(H_VILLAGE, rt().household_village, village, err, villages)}
                {text_field(H_HEAD, rt().head, head, err, "")}
                {text_field(H_ID, rt().head_id_number, id_number, err, "")}
                {text_field(H_PHONE, rt().phone, phone, err, "")}
                {text_field(H_GROUP, rt().group, group, err, "")}
                {text_field(H_ADDRESS, rt().address, address, err, "")}
                {text_field(H_PEOPLE, rt().people, people, err, "")}
                {text_field(H_LABEL, rt().label, label, err, rt().label_hint)}
                {select_field(H_MEMBER, rt().member_link, member, err, village_members)}
                {text_field(H_NOTE, rt().note, note, err, "")}
            </div>
            {checkbox_list("household-categories", rt().categories, category_items, categories, err, H_CATEGORIES)}
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>{move || if saving.get() { t().saving } else { t().save }}</button>
                <a class="button" href=back>{t().cancel}</a>
            </div>
        </form>
    }
    .into_any()
}

#[component]
pub fn HouseholdArchive(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let key = id.clone();
    let household = Memo::new(move |_| data.households.with(|hs| hs.iter().find(|h| h.id == key).cloned()));
    let visited = id.clone();
    let whole = whole_steps(move || {
        state.read_diaries(|index| {
            index.diaries().iter().filter(|d| d.households.contains(&visited)).map(|d| d.id.clone()).collect()
        })
    });
    let message: Message = RwSignal::new(None);
    let closing = RwSignal::new(false);
    let close_date = RwSignal::new(day_text(Some(browser::today())));
    let close_reason = RwSignal::new(ClosedReason::MovedOut.label().to_string());
    let saving = RwSignal::new(false);
    let moving = RwSignal::new(false);
    let move_to = RwSignal::new(String::new());
    let move_err: FieldError = RwSignal::new(None);
    let move_choices = Signal::derive(move || {
        data.orgs.with(|orgs| village_choices(household_villages(orgs, &state.pinyin.get()), ""))
    });
    move || {
        let Some(h) = household.get() else {
            return view! { <p class="empty">{rt().household_not_found}</p> }.into_any();
        };
        let names = Names::of(&data);
        let members = data.members.get();
        let member = h.member.as_ref().and_then(|id| members.iter().find(|m| &m.id == id)).cloned();
        let cats = categories_text(&h, member.as_ref(), browser::today());
        let work = data.work.get();
        let whole = whole.get();

        // Every visit to the household, oldest first, each with its matter.
        let visits: Vec<AnyView> = state.read_diaries(|index| {
            let mut mine: Vec<usize> =
                (0..index.len()).filter(|&i| index.diaries()[i].households.contains(&h.id)).collect();
            crate::domain::sort::sort_by_cached_key(&mut mine, |&i| (index.diaries()[i].date, index.diaries()[i].id.clone()));
            mine.into_iter()
                .map(|i| {
                    let d = &index.diaries()[i];
                    let texts = index.texts(i);
                    let chain: Vec<String> = match &whole {
                        None => vec![rt().reading_steps.to_string()],
                        Some(Err(why)) => vec![why.clone()],
                        // A household's few visits: their steps found by a pass each.
                        Some(Ok(list)) => crate::domain::diary_step::ordered(
                            &list.iter().filter(|s| s.diary.as_ref() == Some(&d.id)).collect::<Vec<_>>(),
                        )
                            .into_iter()
                            .map(|s| format!("{} {} {}", day_text(s.date), s.kind.map(|k| k.label()).unwrap_or_default(), excerpt(&s.note, 40)))
                            .collect(),
                    };
                    let state_words = work.facts.get(i).map_or("", |f| state_label(f.state));
                    let overdue = work.facts.get(i).is_some_and(|f| f.overdue);
                    let writer = names.person(d.writer.as_ref());
                    view! {
                        <li class="visit">
                            <p><a href=format!("#/diary/{}", d.id)>{day_text(d.date)}</a>" " {writer}" " {d.category.map(|c| c.label()).unwrap_or_default()}
                                " " <span class="state">{state_words}</span>
                                {overdue.then(|| view! { <span class="flag red">{rt().overdue}</span> })}</p>
                            {match texts {
                                Some(texts) => view! {
                                    <p class="text">{texts.situation}</p>
                                    {(!texts.request.is_empty()).then(|| view! { <p class="text">{rt().request}{"："}{texts.request.clone()}</p> })}
                                }.into_any(),
                                None => view! { <p class="muted">{state.texts_wait_note()}</p> }.into_any(),
                            }}
                            <ul class="chain">{chain.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                        </li>
                    }
                    .into_any()
                })
                .collect()
        });
        let roster: Vec<AnyView> = members
            .iter()
            .filter(|m| {
                m.is_current()
                    && (h.member.as_ref() == Some(&m.id) || (!h.address.is_empty() && m.address == h.address))
            })
            .map(|m| view! { <li><a href=format!("#/members/{}", m.id)>{m.name.clone()}</a></li> }.into_any())
            .collect();
        // A village closed (撤销) or merged away (撤并) since: say so, and offer the move, to the
        // village it went into when there is one.
        let (gone, suggested) = data.orgs.with(|orgs| {
            let Some(home) = h.village.as_ref().and_then(|v| orgs.iter().find(|o| &o.id == v)).filter(|o| !o.is_open())
            else {
                return (None, String::new());
            };
            let after = village_after_merges(&home.id, orgs);
            let into = orgs.iter().find(|o| &o.id == after && o.is_open() && o.id != home.id);
            (
                Some(rt().village_gone(&home.name, into.map(|o| o.name.as_str()))),
                into.map(|o| o.id.to_string()).unwrap_or_default(),
            )
        });
        let start_move = move |_| {
            move_err.set(None);
            move_to.set(suggested.clone());
            moving.set(true);
        };
        let confirm_move = {
            let h = h.clone();
            move |_| {
                move_err.set(None);
                let Some(to) = RecordId::parse(&move_to.get_untracked()) else {
                    move_err.set(Some((H_MOVE_TO, household_problem(&crate::domain::household::Problem::Required))));
                    return;
                };
                match data.orgs.with_untracked(|orgs| move_to_village(&h, &to, orgs)) {
                    Ok(edit) => {
                        let name =
                            data.orgs.with_untracked(|orgs| orgs.iter().find(|o| o.id == to).map(|o| o.name.clone()));
                        let ok = format!("{}{}", rt().household_moved, name.unwrap_or_default());
                        save(state, vec![edit], saving, message, ok, Box::new(move || moving.set(false)));
                    }
                    Err(e) => move_err.set(Some((H_MOVE_TO, close_problem(&e)))),
                }
            }
        };
        let hh = h.clone();
        let toggle = {
            let h = h.clone();
            move |_| {
                if h.is_open() {
                    closing.set(true);
                } else if let Ok(edit) = reopen_household(&h) {
                    save(state, vec![edit], saving, message, rt().household_reopened.to_string(), Box::new(|| ()));
                }
            }
        };
        let confirm_close = move |_| {
            let reason = ClosedReason::from_label(&close_reason.get_untracked()).unwrap_or(ClosedReason::MovedOut);
            match close_household(&hh, reason, &close_date.get_untracked(), browser::today()) {
                Ok(edit) => save(
                    state,
                    vec![edit],
                    saving,
                    message,
                    rt().household_closed.to_string(),
                    Box::new(move || closing.set(false)),
                ),
                Err(e) => message.set(Some((false, close_problem(&e)))),
            }
        };
        view! {
            <div class="archive">
                <p class="crumb no-print"><a href="#/diary/households">{"‹ "}{rt().back_to_register}</a></p>
                <article class="card">
                    <h3>{rt().archive_title}{"："}{h.head.clone()}</h3>
                    <dl class="notebook-facts">
                        <dt>{rt().household_village}</dt><dd>{names.org(h.village.as_ref())}</dd>
                        <dt>{rt().group}</dt><dd>{h.group.clone()}</dd>
                        <dt>{rt().address}</dt><dd>{h.address.clone()}</dd>
                        <dt>{rt().phone}</dt><dd>{h.phone.clone()}</dd>
                        <dt>{rt().people}</dt><dd>{h.people.map(|n| n.to_string()).unwrap_or_default()}</dd>
                        <dt>{rt().categories}</dt><dd>{cats}</dd>
                        <dt>{rt().note}</dt><dd>{h.note.clone()}</dd>
                        {closed_text(&h).map(|words| view! { <dt>{rt().closed}</dt><dd>{words}</dd> })}
                    </dl>
                    {gone.map(|words| view! { <p class="warn no-print" id="hh-village-gone">{words}</p> })}
                    <h4>{rt().on_roster}</h4>
                    {if roster.is_empty() { view! { <p class="muted">{rt().none_on_roster}</p> }.into_any() } else { view! { <ul>{roster}</ul> }.into_any() }}
                    <h4>{rt().visits_title}</h4>
                    {if visits.is_empty() { view! { <p class="muted">{rt().no_visits}</p> }.into_any() } else { view! { <ol class="visits">{visits}</ol> }.into_any() }}
                </article>
                <div class="actions no-print">
                    <a class="button" href=format!("#/diary/households/{}/edit", h.id)>{rt().edit}</a>
                    <button type="button" on:click=start_move>{rt().move_household}</button>
                    <button type="button" on:click=toggle>{if h.is_open() { rt().close_household } else { rt().reopen_household }}</button>
                    <button type="button" on:click=|_| crate::ui::members::print::print_now()>{rt().print_archive}</button>
                </div>
                {message_line(message)}
                <When when=move || moving.get()>
                    <div class="card inline-form no-print">
                        {select_field(H_MOVE_TO, rt().move_to, move_to, move_err, move_choices)}
                        <button type="button" class="primary" on:click=confirm_move.clone()>{rt().move_confirm}</button>
                        <button type="button" on:click=move |_| moving.set(false)>{t().cancel}</button>
                    </div>
                </When>
                <When when=move || closing.get()>
                    <div class="card inline-form no-print">
                        <label for="hh-close-reason">{rt().close_reason}</label>
                        <select id="hh-close-reason" on:change=move |ev| close_reason.set(event_target_value(&ev))>
                            {ClosedReason::ALL.iter().map(|r| view! { <option value=r.label()>{r.label()}</option> }).collect_view()}
                        </select>
                        <label for="hh-close-date">{rt().close_date}</label>
                        <input id="hh-close-date" type="text" prop:value=close_date on:input=move |ev| close_date.set(event_target_value(&ev)) />
                        <button type="button" class="primary" on:click=confirm_close.clone()>{rt().close_confirm}</button>
                        <button type="button" on:click=move |_| closing.set(false)>{t().cancel}</button>
                    </div>
                </When>
            </div>
        }
        .into_any()
    }
}
