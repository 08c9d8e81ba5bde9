//! 后备干部 (each village's reserve pool and its structure: age bands, 高中及以上, women) and 包村干部
//! (township cadres assigned to villages, with the villages that have none).

use crate::domain::cadre::{
    assign_liaison, create_reserve, end_liaison, leave_pool, liaison_overlaps, reserve_structure, village_orgs,
    villages_without_liaison, Cadre, Level, Liaison, LiaisonDraft, LiaisonError, ReserveCadre, ReserveDraft,
    ReserveError,
};
use crate::domain::org::Org;
use crate::domain::pinyin::Pinyin;
use crate::domain::record::RecordId;
use crate::ui::cadres::text::ct;
use crate::ui::cadres::{fill_from_member, member_options, posts_text, village_options, CadreData};
use crate::ui::development::{org_positions, place_of};
use crate::ui::kit::fields::checkbox_choice;
use crate::ui::kit::fields::{
    date_action_card, day_key, day_text, form_error, message_line, new_id, percent, person_error_at, person_fields,
    save, saved_and_cleared, select_field, sorted, text_field, Apply, FieldError, Message, PersonInputs, P_ID,
};
use crate::ui::kit::table::{
    cell, cell_of, data_table, keyed, keyed_body, keyed_lines, ok_line, row_button, row_head, tr, warn_box, Line,
};
use crate::ui::members::text::mt;
use crate::ui::orgs::text::ot;
use crate::ui::text::{end_error, liaison_error, reserve_error, t};
use crate::ui::AppState;
use crate::web::browser;
use chrono::NaiveDate;
use leptos::prelude::*;

const R_ORG: &str = "res-org";
const R_MEMBER: &str = "res-member";
const R_SELECTED: &str = "res-selected";
const R_NOTE: &str = "res-note";

/// The structure of the pool: counts and shares.
fn structure_view(pool: &[ReserveCadre], today: NaiveDate) -> impl IntoView {
    let s = reserve_structure(pool, today);
    let cells = [s.total, s.under_30, s.from_30_to_35, s.from_36_to_40, s.over_40, s.high_school_or_above, s.women];
    let mut counts = vec![row_head(ct().reserve_count)];
    counts.extend(cells.iter().map(|n| cell("num", n.to_string())));
    let mut shares = vec![row_head(ct().reserve_share)];
    shares.extend(std::iter::once(s.total).chain(cells[1..].iter().copied()).map(|n| cell("num", percent(s.share(n)))));
    let body = view! { <tbody>{tr(None, counts)}{tr(None, shares)}</tbody> }.into_any();
    let mut columns = vec![""];
    columns.extend(ct().reserve_structure_cols);
    let unknown = (s.age_unknown + s.education_unknown + s.sex_unknown > 0).then(|| {
        view! { <p class="muted">{ct().reserve_unknown(s.age_unknown, s.education_unknown, s.sex_unknown)}</p> }
    });
    (data_table("structure", &columns, body), unknown)
}

/// Someone in the pool as their row shows them.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ReserveRow {
    id: RecordId,
    name: String,
    sex: String,
    age: String,
    education: String,
    selected: String,
    note: String,
    left: bool,
}

/// The pool by village.
fn reserve_lines(
    pool: &[ReserveCadre],
    orgs: &[Org],
    with_left: bool,
    today: NaiveDate,
    pinyin: &Pinyin,
) -> Vec<Line<ReserveRow>> {
    let positions = org_positions(orgs, pinyin);
    let list: Vec<&ReserveCadre> = pool.iter().filter(|r| with_left || r.ended.is_none()).collect();
    let list = sorted(list, |r| (place_of(&positions, &r.org).0 as i64, r.person.name.clone()));
    let mut lines = Vec::new();
    let mut last = None;
    for r in list {
        let (pos, village) = place_of(&positions, &r.org);
        if last != Some(pos) {
            lines.push(Line::Group(pos.to_string(), village));
            last = Some(pos);
        }
        let note = match r.ended {
            Some(e) => format!("{}（{}{}）", r.note, day_text(Some(e)), ct().reserve_left_on),
            None => r.note.clone(),
        };
        lines.push(Line::Row(ReserveRow {
            id: r.id.clone(),
            name: r.person.name.clone(),
            sex: r.person.sex.clone(),
            age: r.person.age_on(today).map(|a| a.to_string()).unwrap_or_default(),
            education: r.person.education.clone(),
            selected: day_text(r.selected),
            note,
            left: r.ended.is_some(),
        }));
    }
    lines
}

/// A row of the pool, with a button to take the person out.
fn reserve_row(r: &ReserveRow, leave: Callback<RecordId>) -> AnyView {
    let mut button = Vec::new();
    if !r.left {
        let aria = format!("{}：{}", ct().reserve_leave, r.name);
        button.push(row_button(ct().reserve_leave, aria, leave, r.id.clone()));
    }
    tr(
        r.left.then_some("left"),
        vec![
            cell("", r.name.clone()),
            cell("", r.sex.clone()),
            cell("num", r.age.clone()),
            cell("", r.education.clone()),
            cell("num", r.selected.clone()),
            cell("text", r.note.clone()),
            cell_of("actions-cell", button),
        ],
    )
}

#[component]
pub fn ReservePage() -> impl IntoView {
    let CadreData { orgs, reserves: pool, .. } = expect_context::<CadreData>();
    let pinyin = expect_context::<AppState>().pinyin;
    let show_left = RwSignal::new(false);
    let action = RwSignal::new(None::<RecordId>);
    let page_message: Message = RwSignal::new(None);
    let today = browser::today();
    let villages = Signal::derive(move || village_options(&orgs.get(), &pinyin.get()));
    let leave = Callback::new(move |id: RecordId| {
        page_message.set(None);
        action.set(Some(id));
    });
    let lines = Memo::new(move |_| {
        let with_left = show_left.get();
        keyed_lines(reserve_lines(&pool.get(), &orgs.get(), with_left, today, &pinyin.get()), 7, move |r| {
            reserve_row(r, leave)
        })
    });
    let close = Callback::new(move |()| action.set(None));
    let card = move || {
        let id = action.get()?;
        let r = pool.get_untracked().iter().find(|r| r.id == id).cloned()?;
        let title = format!("{}：{}", ct().reserve_leave, r.person.name);
        let apply: Apply =
            Box::new(move |d: &str| leave_pool(&r, d, browser::today()).map_err(|e| end_error(&e).to_string()));
        Some(date_action_card(title, ct().reserve_leave_date, ct().reserve_leave, apply, close, page_message))
    };
    let columns = [
        mt().col_name,
        mt().col_sex,
        mt().col_age,
        mt().col_education,
        ct().reserve_selected,
        ct().reserve_note,
        ot().org_actions,
    ];
    let body = keyed_body(lines);

    view! {
        <p class="intro">{ct().reserve_intro}</p>
        <div class="card">
            <h3>{ct().reserve_structure}</h3>
            {move || structure_view(&pool.get(), today)}
        </div>
        {message_line(page_message)}
        <div class="toolbar">
            {checkbox_choice(ct().reserve_show_left, show_left)}
        </div>
        {data_table("reserve", &columns, body)}
        {card}
        <NewReserveForm villages />
    }
}

fn reserve_error_at(e: &ReserveError) -> (&'static str, String) {
    use ReserveError::*;
    let at = match e {
        Person(p) => return person_error_at(p),
        MemberUnknown => R_MEMBER,
        OrgMissing | OrgUnknown | OrgNotVillage => R_ORG,
        SelectedMissing | Selected(_) => R_SELECTED,
        NoteTooLong => R_NOTE,
        AlreadyInPool(_) => P_ID,
    };
    (at, reserve_error(e))
}

#[component]
fn NewReserveForm(villages: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let CadreData { orgs, members, .. } = expect_context::<CadreData>();
    let org = RwSignal::new(String::new());
    let member = RwSignal::new(String::new());
    let person = PersonInputs::new(&Default::default());
    let selected = RwSignal::new(day_text(Some(browser::today())));
    let note = RwSignal::new(String::new());
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    fill_from_member(member, person, members);
    let member_choices =
        Signal::derive(move || member_options(&members.get(), &orgs.get(), &org.get(), &state.pinyin.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ReserveDraft {
            person: person.draft(),
            member: RecordId::parse(&member.get_untracked()),
            org: RecordId::parse(&org.get_untracked()),
            selected: selected.get_untracked(),
            note: note.get_untracked(),
        };
        err.set(None);
        let pool = state.collection::<ReserveCadre>().get();
        let result = members.with_untracked(|m| {
            orgs.with_untracked(|o| create_reserve(&draft, new_id(), o, m, &pool, browser::today()))
        });
        match result {
            Ok(edit) => {
                let ok = saved_and_cleared(&format!("{}{}", ct().reserve_saved, draft.person.name.trim()));
                save(
                    state,
                    vec![edit],
                    saving,
                    message,
                    ok,
                    Box::new(move || {
                        for s in [org, member, note] {
                            s.set(String::new());
                        }
                        person.clear();
                        selected.set(day_text(Some(browser::today())));
                    }),
                );
            }
            Err(e) => {
                err.set(Some(reserve_error_at(&e)));
                message.set(None);
            }
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{ct().reserve_new}</h3>
            <div class="grid">
                {select_field(R_ORG, ct().reserve_village, org, err, villages)}
                {select_field(R_MEMBER, ct().cadres_member, member, err, member_choices)}
                {person_fields(person, err)}
                {text_field(R_SELECTED, ct().reserve_selected, selected, err, t().date_hint)}
                {text_field(R_NOTE, ct().reserve_note, note, err, "")}
            </div>
            {form_error(err)}
            {message_line(message)}
            <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
        </form>
    }
}

const L_CADRE: &str = "liaison-cadre";
const L_VILLAGE: &str = "liaison-village";
const L_START: &str = "liaison-start";

/// Villages with no liaison today, and one person placed in two villages at once (made at two
/// stations, or a new assignment before the old one ended).
fn liaison_warnings(
    orgs: &[Org],
    liaisons: &[Liaison],
    cadres: &[Cadre],
    today: NaiveDate,
    pinyin: &Pinyin,
) -> impl IntoView {
    let mut villages = village_orgs(orgs, pinyin);
    villages.retain(|x| x.is_open());
    let missing: Vec<String> =
        villages_without_liaison(&villages, liaisons, today).into_iter().map(|x| x.name.clone()).collect();
    let coverage = if missing.is_empty() {
        ok_line(ct().liaison_all_covered)
    } else {
        let names = view! { <p class="missing-list">{missing.join("、")}</p> }.into_any();
        warn_box(ct().liaison_missing(missing.len()), Some(names))
    };
    let overlaps = liaison_overlaps(liaisons, cadres).len();
    (coverage, (overlaps > 0).then(|| warn_box(ct().liaison_overlaps(overlaps), None)))
}

/// An assignment as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct LiaisonRow {
    id: RecordId,
    village: String,
    who: String,
    posts: String,
    period: String,
    current: bool,
    can_end: bool,
}

/// The assignments by village.
fn liaison_rows(
    liaisons: &[Liaison],
    cadres: &[Cadre],
    villages: &[(String, String)],
    all: bool,
    today: NaiveDate,
) -> Vec<LiaisonRow> {
    let list: Vec<&Liaison> = liaisons.iter().filter(|x| all || x.until().is_none_or(|u| today < u)).collect();
    let place = |v: &Option<RecordId>| {
        v.as_ref().and_then(|v| villages.iter().position(|x| x.0 == v.as_str())).unwrap_or(usize::MAX)
    };
    let list = sorted(list, |l| (place(&l.village) as i64 * 1_000_000 + day_key(l.start), String::new()));
    list.into_iter()
        .map(|l| {
            let cadre = l.cadre.as_ref().and_then(|id| cadres.iter().find(|x| &x.id == id));
            let (who, posts) = cadre.map(|c| (c.person.name.clone(), posts_text(c))).unwrap_or_default();
            let village = villages.get(place(&l.village)).map(|v| v.1.clone()).unwrap_or_default();
            let mut period = format!("{} {} {}", day_text(l.start), t().to, day_text(l.end));
            if let Some(e) = l.ended {
                period = format!("{period}（{}{}）", day_text(Some(e)), ct().liaison_ended_on);
            }
            LiaisonRow {
                id: l.id.clone(),
                village,
                who,
                posts,
                period,
                current: l.current_on(today),
                can_end: l.ended.is_none() && l.until().is_none_or(|u| today < u),
            }
        })
        .collect()
}

/// An assignment's row, with a button to end it early.
fn liaison_row(l: &LiaisonRow, end: Callback<RecordId>) -> AnyView {
    let mut button = Vec::new();
    if l.can_end {
        let aria = format!("{}：{} {}", ct().liaison_end, l.village, l.who);
        button.push(row_button(ct().liaison_end, aria, end, l.id.clone()));
    }
    tr(
        (!l.current).then_some("left"),
        vec![
            cell("", l.village.clone()),
            cell("", l.who.clone()),
            cell("", l.posts.clone()),
            cell("num", l.period.clone()),
            cell_of("actions-cell", button),
        ],
    )
}

#[component]
pub fn LiaisonPage() -> impl IntoView {
    let CadreData { orgs, cadres, liaisons, .. } = expect_context::<CadreData>();
    let pinyin = expect_context::<AppState>().pinyin;
    let show_ended = RwSignal::new(false);
    let action = RwSignal::new(None::<RecordId>);
    let page_message: Message = RwSignal::new(None);
    let today = browser::today();
    let villages = Signal::derive(move || village_options(&orgs.get(), &pinyin.get()));
    let end = Callback::new(move |id: RecordId| {
        page_message.set(None);
        action.set(Some(id));
    });
    let rows = Memo::new(move |_| {
        let all = show_ended.get();
        let rows = liaison_rows(&liaisons.get(), &cadres.get(), &villages.get(), all, today);
        rows.into_iter().map(|r| keyed(r, move |r| liaison_row(r, end))).collect::<Vec<_>>()
    });
    let close = Callback::new(move |()| action.set(None));
    let card = move || {
        let id = action.get()?;
        let l = liaisons.get_untracked().iter().find(|l| l.id == id).cloned()?;
        let apply: Apply =
            Box::new(move |d: &str| end_liaison(&l, d, browser::today()).map_err(|e| end_error(&e).to_string()));
        Some(date_action_card(
            ct().liaison_end.to_string(),
            ct().liaison_end_date,
            ct().liaison_end,
            apply,
            close,
            page_message,
        ))
    };
    let columns = [ct().liaison_village, ct().liaison_cadre, ct().cadres_posts, ct().liaison_period, ot().org_actions];
    let body = keyed_body(rows);

    view! {
        <p class="intro">{ct().liaison_intro}</p>
        {move || liaison_warnings(&orgs.get(), &liaisons.get(), &cadres.get(), today, &pinyin.get())}
        {message_line(page_message)}
        <div class="toolbar">
            {checkbox_choice(ct().liaison_show_ended, show_ended)}
        </div>
        {data_table("liaisons", &columns, body)}
        {card}
        <NewLiaisonForm villages />
    }
}

fn liaison_error_at(e: &LiaisonError) -> (&'static str, String) {
    use LiaisonError::*;
    let at = match e {
        CadreMissing | CadreUnknown | NotTownshipCadre | CadreNotServing | AlreadyAssigned { .. } => L_CADRE,
        VillageMissing | VillageUnknown | NotVillage => L_VILLAGE,
        StartMissing | Start(_) => L_START,
    };
    (at, liaison_error(e))
}

#[component]
fn NewLiaisonForm(villages: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let CadreData { orgs, cadres, liaisons, .. } = expect_context::<CadreData>();
    let cadre = RwSignal::new(String::new());
    let village = RwSignal::new(String::new());
    let start = RwSignal::new(day_text(Some(browser::today())));
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let today = browser::today();
    let township_cadres = Signal::derive(move || {
        let list: Vec<(String, String)> = cadres.with(|all| {
            all.iter()
                .filter(|c| c.level() == Some(Level::Township) && c.serves_on(today))
                .map(|c| (c.id.to_string(), format!("{}（{}）", c.person.name, posts_text(c))))
                .collect()
        });
        // By the person's name in the member list's order (the label starts with it).
        let pinyin = state.pinyin.get();
        let mut list = list;
        crate::domain::sort::sort_by_cached_key(&mut list, |x| (pinyin.name_key(&x.1), x.0.clone()));
        list
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = LiaisonDraft {
            cadre: RecordId::parse(&cadre.get_untracked()),
            village: RecordId::parse(&village.get_untracked()),
            start: start.get_untracked(),
        };
        err.set(None);
        let result =
            assign_liaison(&draft, new_id(), &cadres.get_untracked(), &orgs.get_untracked(), &liaisons.get_untracked());
        match result {
            Ok(edit) => save(
                state,
                vec![edit],
                saving,
                message,
                saved_and_cleared(ct().liaison_saved.trim_end_matches('。')),
                Box::new(move || {
                    cadre.set(String::new());
                    village.set(String::new());
                    start.set(day_text(Some(browser::today())));
                }),
            ),
            Err(e) => {
                err.set(Some(liaison_error_at(&e)));
                message.set(None);
            }
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{ct().liaison_new}</h3>
            <p class="muted">{ct().liaison_new_intro}</p>
            <div class="grid">
                {select_field(L_CADRE, ct().liaison_cadre, cadre, err, township_cadres)}
                {select_field(L_VILLAGE, ct().liaison_village, village, err, villages)}
                {text_field(L_START, ct().liaison_start, start, err, t().date_hint)}
            </div>
            {form_error(err)}
            {message_line(message)}
            <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
        </form>
    }
}
