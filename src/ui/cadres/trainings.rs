//! 培训: a year's sessions with their 到课率, marking who came, each person's sessions and 学时 in
//! the year, the village cadres under two trainings flagged, the year's 人次, and a form for a
//! new session with the people expected chosen from the roster (members and cadres).

use crate::domain::cadre::{Cadre, Level};
use crate::domain::member::Member;
use crate::domain::org::{tree_order, Org};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::RecordId;
use crate::domain::replica::Edit;
use crate::domain::training::{
    cadre_year, cadres_below_minimum, create_training, person_year, record_attendance, year_totals, Attendance,
    Training, TrainingDraft, TrainingError, TrainingKind, MIN_TRAININGS_PER_YEAR,
};
use crate::ui::cadres::text::ct;
use crate::ui::cadres::{posts_text, CadreData};
use crate::ui::development::{org_positions, place_of};
use crate::ui::kit::fields::{
    checkbox_list, day_key, day_text, form_error, message_line, new_id, percent, save, saved_and_cleared, select_field,
    sorted, text_field, year_options, FieldError, Message,
};
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::table::{
    cell, cell_of, data_table, flag, keyed, keyed_body, keyed_lines, ok_line, row_button, tr, warn_box, warn_list, Line,
};
use crate::ui::members::text::mt;
use crate::ui::orgs::text::ot;
use crate::ui::state::Collection;
use crate::ui::text::{attendance_error, hours_text, t, training_error};
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// Someone who can be expected at a session: a current member (described by their post if they
/// hold one) or a cadre in office who is not a member.
#[derive(Clone, Debug, PartialEq)]
struct Person {
    id: RecordId,
    name: String,
    org: String,
    role: String,
}

fn roster(members: &[Member], cadres: &[Cadre], orgs: &[Org], today: NaiveDate, pinyin: &Pinyin) -> Vec<Person> {
    let positions = org_positions(orgs, pinyin);
    let serving: Vec<&Cadre> = cadres.iter().filter(|c| c.serves_on(today)).collect();
    let mut out: Vec<(usize, Person)> = members
        .iter()
        .filter(|m| m.is_current())
        .map(|m| {
            let role = serving
                .iter()
                .find(|c| c.member.as_ref() == Some(&m.id))
                .map_or_else(|| ct().training_member.to_string(), |c| posts_text(c));
            let (order, org) = place_of(&positions, &m.org);
            (order, Person { id: m.id.clone(), name: m.name.clone(), org, role })
        })
        .collect();
    out.extend(serving.iter().filter(|c| c.member.is_none()).map(|c| {
        let (order, org) = place_of(&positions, &c.org);
        (order, Person { id: c.id.clone(), name: c.person.name.clone(), org, role: posts_text(c) })
    }));
    sorted(out, |(order, p)| (*order as i64, p.name.clone())).into_iter().map(|(_, p)| p).collect()
}

/// The name of anyone a session may hold, including people no longer current.
fn name_of(members: &[Member], cadres: &[Cadre], id: &RecordId) -> Option<String> {
    members
        .iter()
        .find(|m| &m.id == id)
        .map(|m| m.name.clone())
        .or_else(|| cadres.iter().find(|c| &c.id == id).map(|c| c.person.name.clone()))
}

pub fn org_name(orgs: &[Org], id: &Option<RecordId>) -> String {
    id.as_ref().and_then(|i| orgs.iter().find(|o| &o.id == i)).map(|o| o.name.clone()).unwrap_or_default()
}

/// Village cadres under two trainings in the year.
fn shortfalls_view(trainings: &[Training], cadres: &[Cadre], orgs: &[Org], year: i32, today: NaiveDate) -> AnyView {
    let below = cadres_below_minimum(trainings, cadres, year, today);
    if below.is_empty() {
        return ok_line(ct().training_all_enough);
    }
    let items = below
        .iter()
        .filter_map(|s| {
            let c = cadres.iter().find(|x| x.id == s.cadre)?;
            let who = format!("{}（{}，{}） ", c.person.name, org_name(orgs, &c.org), posts_text(c));
            Some((who, true, ct().training_times(s.sessions)))
        })
        .collect();
    warn_box(ct().training_below(below.len()), Some(warn_list(items)))
}

/// A session as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct SessionRow {
    id: RecordId,
    date: String,
    topic: String,
    category: String,
    hours: String,
    organizer: String,
    expected: usize,
    present: String,
    rate: String,
}

/// The year's sessions with 应到, 实到 and 到课率.
fn session_lines(trainings: &[Training], orgs: &[Org], year: i32) -> Vec<Line<SessionRow>> {
    let list: Vec<&Training> = trainings.iter().filter(|t| t.in_year(year)).collect();
    let list = sorted(list, |s| (-day_key(s.date), s.topic.clone()));
    if list.is_empty() {
        return vec![Line::Note(String::new(), "muted", ct().training_none.to_string())];
    }
    list.into_iter()
        .map(|s| {
            let a = Attendance::of(s);
            let mut present = a.present.to_string();
            if a.unexpected > 0 {
                present = format!("{present}（+{}）", a.unexpected);
            }
            Line::Row(SessionRow {
                id: s.id.clone(),
                date: day_text(s.date),
                topic: s.topic.clone(),
                category: s.category.clone(),
                hours: s.hours.map(hours_text).unwrap_or_default(),
                organizer: org_name(orgs, &s.organizer),
                expected: a.expected,
                present,
                rate: percent(a.rate()),
            })
        })
        .collect()
}

/// A session's row, with a button to mark who came.
fn session_row(s: &SessionRow, mark: Callback<RecordId>) -> AnyView {
    let aria = format!("{}：{}", ct().training_mark, s.topic);
    let button = row_button(ct().training_mark, aria, mark, s.id.clone());
    tr(
        None,
        vec![
            cell("num", s.date.clone()),
            cell("text", s.topic.clone()),
            cell("", s.category.clone()),
            cell("num", s.hours.clone()),
            cell("", s.organizer.clone()),
            cell("num", s.expected.to_string()),
            cell("num", s.present.clone()),
            cell("num", s.rate.clone()),
            cell_of("actions-cell", vec![button]),
        ],
    )
}

/// Cadres in office at some time in the year up to today: those the year's table lists.
fn cadres_serving_in(cadres: &[Cadre], year: i32, today: NaiveDate) -> Vec<&Cadre> {
    let (first, last) = crate::domain::date::year_bounds(year);
    let last = last.min(today);
    cadres.iter().filter(|c| c.term_start.is_none_or(|s| s <= last) && c.until().is_none_or(|u| u > first)).collect()
}

/// A person's sessions and 学时 in the year, as their row shows them.
#[derive(Clone, PartialEq, Eq, Hash)]
struct PersonRow {
    id: RecordId,
    name: String,
    role: String,
    org: String,
    sessions: usize,
    hours: String,
    /// A village cadre under two trainings.
    short: bool,
}

/// Each person's sessions and 学时 in the year: the cadres (village cadres first, those under two
/// flagged), then everyone else who attended.
fn per_person_rows(
    trainings: &[Training],
    cadres: &[Cadre],
    orgs: &[Org],
    members: &[Member],
    year: i32,
    today: NaiveDate,
    pinyin: &Pinyin,
) -> Vec<PersonRow> {
    let people = roster(members, cadres, orgs, today, pinyin);
    let serving = sorted(cadres_serving_in(cadres, year, today), |c| {
        (i64::from(c.level() != Some(Level::Village)), format!("{}\u{0}{}", org_name(orgs, &c.org), c.person.name))
    });
    let mut rows: Vec<PersonRow> = serving
        .into_iter()
        .map(|c| {
            let y = cadre_year(trainings, c, year);
            PersonRow {
                id: c.id.clone(),
                name: c.person.name.clone(),
                role: posts_text(c),
                org: org_name(orgs, &c.org),
                sessions: y.sessions,
                hours: hours_text(y.hours),
                short: c.level() == Some(Level::Village) && y.sessions < MIN_TRAININGS_PER_YEAR,
            }
        })
        .collect();
    let others: Vec<PersonRow> = person_year(trainings, year)
        .into_iter()
        .filter(|(id, _)| !cadres.iter().any(|c| c.is_person(id)))
        .map(|(id, y)| {
            let (role, org) =
                people.iter().find(|p| p.id == id).map(|p| (p.role.clone(), p.org.clone())).unwrap_or_default();
            let name = name_of(members, cadres, &id).unwrap_or_default();
            PersonRow { id, name, role, org, sessions: y.sessions, hours: hours_text(y.hours), short: false }
        })
        .collect();
    rows.extend(sorted(others, |o| (0, format!("{}\u{0}{}", o.org, o.name))));
    rows
}

fn person_row(p: &PersonRow) -> AnyView {
    let mut sessions = vec![p.sessions.to_string().into_any()];
    if p.short {
        sessions.push(" ".into_any());
        sessions.push(flag(true, ct().training_short.to_string()));
    }
    tr(
        None,
        vec![
            cell("", p.name.clone()),
            cell("", p.role.clone()),
            cell("", p.org.clone()),
            cell_of("num", sessions),
            cell("num", p.hours.clone()),
        ],
    )
}

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let CadreData { orgs, members, cadres, trainings, .. } = expect_context::<CadreData>();
    let today = browser::today();
    let year = RwSignal::new(today.year().to_string());
    let y = move || year.get().parse::<i32>().unwrap_or(today.year());
    let marking = RwSignal::new(None::<RecordId>);
    let page_message: Message = RwSignal::new(None);
    let years = Signal::derive(move || year_options(trainings.get().iter().filter_map(|t| t.date), today));
    let totals = move || {
        let totals = year_totals(&trainings.get(), &cadres.get(), y());
        ct().training_totals(
            totals.sessions,
            &hours_text(totals.session_hours),
            totals.person_times,
            totals.township_cadre_times,
            totals.village_cadre_times,
            totals.other_times,
        )
    };
    let shortfalls = move || {
        let year = y();
        shortfalls_view(&trainings.get(), &cadres.get(), &orgs.get(), year, today)
    };
    let mark = Callback::new(move |id: RecordId| {
        page_message.set(None);
        marking.set(Some(id));
    });
    let sessions = Memo::new(move |_| {
        let year = y();
        keyed_lines(session_lines(&trainings.get(), &orgs.get(), year), 9, move |s| session_row(s, mark))
    });
    // Over every member: not recomputed for saves made while the section is off the page.
    let per_person = while_shown(move || {
        let year = y();
        let rows = per_person_rows(
            &trainings.get(),
            &cadres.get(),
            &orgs.get(),
            &members.get(),
            year,
            today,
            &state.pinyin.get(),
        );
        rows.into_iter().map(|p| keyed(p, person_row)).collect::<Vec<_>>()
    });
    let card = move || {
        let id = marking.get()?;
        let session = trainings.get_untracked().iter().find(|t| t.id == id).cloned()?;
        Some(attendance_card(state, session, members, cadres, marking, page_message))
    };
    let session_columns = [
        ct().training_date,
        ct().training_topic,
        ct().training_kind,
        ct().training_hours,
        ct().training_organizer,
        ct().training_expected,
        ct().training_present,
        ct().training_rate,
        ot().org_actions,
    ];
    let sessions = keyed_body(sessions);
    let person_columns = [mt().col_name, ct().training_role, mt().filter_org, ct().training_count, ct().training_hours];
    let per_person = keyed_body(Memo::new(move |_| per_person.get().to_vec()));

    view! {
        <p class="intro">{ct().training_intro}</p>
        <div class="toolbar">
            {select_field("tr-year", ct().training_year, year, RwSignal::new(None), years)}
            <p class="count" role="status">{totals}</p>
        </div>
        {shortfalls}
        <h3>{ct().training_sessions}</h3>
        {message_line(page_message)}
        {data_table("sessions", &session_columns, sessions)}
        {card}
        <h3 class="spaced">{ct().training_per_person}</h3>
        {data_table("per-person", &person_columns, per_person)}
        <NewTrainingForm />
    }
}

/// Marking who came to a session: the expected and anyone marked already, ticked if present.
fn attendance_card(
    state: AppState,
    session: Training,
    members: Collection<Member>,
    cadres: Collection<Cadre>,
    marking: RwSignal<Option<RecordId>>,
    page_message: Message,
) -> AnyView {
    let (all_members, all_cadres) = (members.get_untracked(), cadres.get_untracked());
    let mut people: Vec<(String, String)> = Vec::new();
    for id in session.expected.union(&session.attended) {
        let name = name_of(&all_members, &all_cadres, id).unwrap_or_else(|| t().unknown.into());
        people.push((id.to_string(), name));
    }
    let people = sorted(people, |p| (0, p.1.clone()));
    let all_ids: Vec<RecordId> = people.iter().filter_map(|p| RecordId::parse(&p.0)).collect();
    let present = RwSignal::new(session.attended.iter().map(|id| id.to_string()).collect::<Vec<String>>());
    let err: FieldError = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let expected: Vec<String> = session.expected.iter().map(|id| id.to_string()).collect();
    let everyone = expected.clone();
    let counts = move || {
        let here = present.with(|p| p.iter().filter(|x| expected.contains(x)).count());
        ct().training_marked(here, expected.len())
    };
    let title = format!("{}：{}", ct().training_mark, session.topic);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let here: Vec<RecordId> = present.with_untracked(|p| p.iter().filter_map(|id| RecordId::parse(id)).collect());
        let away: Vec<RecordId> = all_ids.iter().filter(|id| !here.contains(id)).cloned().collect();
        let today = browser::today();
        let marked = record_attendance(&session, &here, true, today)
            .and_then(|a| record_attendance(&session, &away, false, today).map(|b| [a, b]));
        match marked {
            Ok(edits) => {
                let edits: Vec<Edit> = edits.into_iter().flatten().collect();
                if edits.is_empty() {
                    return marking.set(None);
                }
                let ok = ct().training_marked_saved.to_string();
                save(state, edits, saving, page_message, ok, Box::new(move || marking.set(None)));
            }
            Err(e) => err.set(Some(("", attendance_error(&e).to_string()))),
        }
    };
    view! {
        <form class="card action-card" on:submit=submit novalidate>
            <h3>{title}</h3>
            <p class="count">{counts}</p>
            {checkbox_list("", ct().training_mark_legend, Signal::stored(people), present, err, "tr-present")}
            {form_error(err)}
            <div class="actions">
                <button type="button" on:click=move |_| present.update(|p| {
                    p.retain(|x| !everyone.contains(x));
                    p.extend(everyone.iter().cloned());
                })>{ct().training_all_present}</button>
                <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
                <button type="button" on:click=move |_| marking.set(None)>{t().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}

const T_DATE: &str = "tr-date";
const T_TOPIC: &str = "tr-topic";
const T_KIND: &str = "tr-kind";
const T_HOURS: &str = "tr-hours";
const T_ORGANIZER: &str = "tr-organizer";
const T_PLACE: &str = "tr-place";
/// The chooser shows this many people at most; the search narrows it.
const SHOWN_MAX: usize = 200;

fn training_error_at(e: &TrainingError) -> (&'static str, String) {
    use TrainingError::*;
    let at = match e {
        DateMissing | Date(_) => T_DATE,
        TopicEmpty | TopicTooLong => T_TOPIC,
        CategoryMissing => T_KIND,
        HoursMissing | HoursInvalid => T_HOURS,
        OrganizerMissing | OrganizerUnknown => T_ORGANIZER,
        PlaceTooLong => T_PLACE,
    };
    (at, training_error(e).to_string())
}

#[component]
fn NewTrainingForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let CadreData { orgs, members, cadres, .. } = expect_context::<CadreData>();
    let date = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let organizer = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let cadres_only = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::<String>::new());
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let kinds: Vec<(String, String)> =
        TrainingKind::ALL.iter().map(|k| (k.label().to_string(), k.label().to_string())).collect();
    let organizers = Signal::derive(move || {
        let orgs = orgs.get();
        let mut out = Vec::new();
        for (depth, x) in tree_order(&orgs, &state.pinyin.get()) {
            if x.is_open() {
                out.push((x.id.to_string(), format!("{}{}", "　".repeat(depth), x.name)));
            }
        }
        out
    });
    // Everyone the search and the filter let through; the list shows the first SHOWN_MAX.
    let found = Signal::derive(move || {
        let q = query.get().trim().to_string();
        let only = cadres_only.get();
        let people = roster(&members.get(), &cadres.get(), &orgs.get(), browser::today(), &state.pinyin.get());
        people
            .iter()
            .filter(|x| !only || x.role != ct().training_member)
            .filter(|x| q.is_empty() || x.name.contains(&q) || x.org.contains(&q) || x.role.contains(&q))
            .map(|x| (x.id.to_string(), format!("{}（{}，{}）", x.name, x.org, x.role)))
            .collect::<Vec<_>>()
    });
    let shown = Signal::derive(move || {
        let mut f = found.get();
        f.truncate(SHOWN_MAX);
        f
    });
    let more = move || {
        let n = found.get().len();
        (n > SHOWN_MAX).then(|| view! { <p class="muted">{ct().training_more(n - SHOWN_MAX)}</p> })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = TrainingDraft {
            date: date.get_untracked(),
            topic: topic.get_untracked(),
            category: TrainingKind::from_label(&kind.get_untracked()),
            hours: hours.get_untracked(),
            organizer: RecordId::parse(&organizer.get_untracked()),
            place: place.get_untracked(),
        };
        let expected: Vec<RecordId> =
            chosen.with_untracked(|c| c.iter().filter_map(|id| RecordId::parse(id)).collect());
        err.set(None);
        match create_training(&draft, new_id(), &orgs.get_untracked(), &expected) {
            Ok(edit) => {
                let ok = saved_and_cleared(&format!("{}{}", ct().training_saved, draft.topic.trim()));
                save(
                    state,
                    vec![edit],
                    saving,
                    message,
                    ok,
                    Box::new(move || {
                        for s in [date, topic, kind, hours, organizer, place, query] {
                            s.set(String::new());
                        }
                        cadres_only.set(false);
                        chosen.set(Vec::new());
                    }),
                );
            }
            Err(e) => {
                err.set(Some(training_error_at(&e)));
                message.set(None);
            }
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{ct().training_new}</h3>
            <div class="grid">
                {text_field(T_DATE, ct().training_date, date, err, t().date_hint)}
                {text_field(T_TOPIC, ct().training_topic, topic, err, "")}
                {select_field(T_KIND, ct().training_kind, kind, err, Signal::stored(kinds))}
                {text_field(T_HOURS, ct().training_hours, hours, err, "")}
                {select_field(T_ORGANIZER, ct().training_organizer, organizer, err, organizers)}
                {text_field(T_PLACE, ct().training_place, place, err, "")}
            </div>
            <div class="toolbar">
                <div class="field grow">
                    <label for="tr-query">{ct().training_find}</label>
                    <input id="tr-query" type="search" autocomplete="off" placeholder=ct().training_find_hint
                        prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
                </div>
                <label class="choice">
                    <input type="checkbox" prop:checked=cadres_only on:change=move |ev| cadres_only.set(event_target_checked(&ev)) />
                    {ct().training_cadres_only}
                </label>
                <button type="button" on:click=move |_| {
                    let add: Vec<(String, String)> = shown.get_untracked();
                    chosen.update(|c| {
                        for (id, _) in add {
                            if !c.contains(&id) {
                                c.push(id);
                            }
                        }
                    });
                }>{ct().training_choose_shown}</button>
                <button type="button" on:click=move |_| chosen.set(Vec::new())>{ct().training_choose_none}</button>
                <p class="count" role="status">{move || ct().training_chosen(chosen.get().len())}</p>
            </div>
            {checkbox_list("roster-choices", ct().training_expected_people, shown, chosen, err, "tr-expected")}
            {more}
            {form_error(err)}
            {message_line(message)}
            <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
        </form>
    }
}
