//! 组织生活: the meetings of a year (filtered by organization) with their attendance counts, the
//! organization's cadence counts and the members who missed three in a row; and the form of one
//! meeting with its attendance sheet, saved with the sheet in one commit.

use crate::domain::date::parse_input;
use crate::domain::record::RecordId;
use crate::domain::replica::Edit;
use crate::domain::scoring::meeting::{
    cadence_counts, create_meeting, mark_attendance, member_of_on, missed_in_a_row, update_meeting, Attendance,
    Cadence, Mark, Meeting, MeetingDraft, MeetingKind, MeetingProblem, DATE, ORG, TOPIC, TYPE,
};
use crate::ui::cadres::trainings::org_name;
use crate::ui::kit::export::xlsx_button;
use crate::ui::kit::fields::{
    day_key, day_text, form_error, go, has_error, message_line, new_id, plain_options, save, select_field, sorted,
    text_field, year_options, FieldError, Message,
};
use crate::ui::kit::table::{
    cell, cell_of, data_table, flag, keyed_body, keyed_lines, link, ok_line, tr, warn_box, warn_list, Line,
};
use crate::ui::kit::tree::org_select;
use crate::ui::scoring::text as st;
use crate::ui::scoring::ScoringData;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use chrono::Datelike;
use leptos::prelude::*;
use std::collections::HashMap;

/// Members missing this many meetings in a row are listed.
const MISSED_RUN: usize = 3;

/// A meeting as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct MeetingRow {
    id: RecordId,
    date: String,
    org: String,
    kind: String,
    topic: String,
    present: usize,
    leave: usize,
    absent: usize,
}

fn count(m: &Meeting, a: Attendance) -> usize {
    m.marks.iter().filter(|x| x.attendance == a).count()
}

fn meeting_row(r: &MeetingRow) -> AnyView {
    tr(
        None,
        vec![
            cell("num", r.date.clone()),
            cell("", r.org.clone()),
            cell("", r.kind.clone()),
            cell_of("text", vec![link(format!("#/scoring/meetings/{}", r.id), r.topic.clone())]),
            cell("num", r.present.to_string()),
            cell("num", r.leave.to_string()),
            cell("num", r.absent.to_string()),
        ],
    )
}

#[component]
pub fn MeetingList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let today = browser::today();
    let org = RwSignal::new(String::new());
    let year = RwSignal::new(today.year().to_string());
    let y = move || year.get().parse::<i32>().unwrap_or(today.year());
    let years = Signal::derive(move || year_options(data.meetings.get().iter().filter_map(|m| m.date), today));
    // The chosen organization's meetings of the year (all organizations' when none is chosen).
    let chosen = Memo::new(move |_| {
        let (org, year) = (RecordId::parse(&org.get()), y());
        let list: Vec<Meeting> = data
            .meetings
            .get()
            .iter()
            .filter(|m| m.in_year(year) && (org.is_none() || m.org == org))
            .cloned()
            .collect();
        sorted(list, |m| (-day_key(m.date), m.topic.clone()))
    });
    // The rows as shown, which the .xlsx takes too.
    let meeting_rows = Memo::new(move |_| {
        let orgs = data.orgs.get();
        chosen.with(|list| {
            list.iter()
                .map(|m| MeetingRow {
                    id: m.id.clone(),
                    date: day_text(m.date),
                    org: org_name(&orgs, &m.org),
                    kind: m.kind.map(MeetingKind::label).unwrap_or_default().to_string(),
                    topic: m.topic.clone(),
                    present: count(m, Attendance::Present),
                    leave: count(m, Attendance::Leave),
                    absent: count(m, Attendance::Absent),
                })
                .collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| {
        let list = meeting_rows.get();
        let lines = if list.is_empty() {
            vec![Line::Note(String::new(), "muted", st::NONE_YET.to_string())]
        } else {
            list.into_iter().map(Line::Row).collect()
        };
        keyed_lines(lines, 7, meeting_row)
    });
    let cadence = move || {
        let Some(org) = RecordId::parse(&org.get()) else {
            return view! { <p class="muted">{st::CADENCE_CHOOSE}</p> }.into_any();
        };
        let counts = cadence_counts(&data.meetings.get(), &org, y(), &Cadence::template(), today);
        cadence_view(&counts)
    };
    let missed = move || {
        let runs = missed_in_a_row(&chosen.get(), MISSED_RUN);
        if runs.is_empty() {
            return ok_line(st::MISSED_NONE);
        }
        let members = data.members.get();
        let items = runs
            .iter()
            .map(|r| {
                let name = members.iter().find(|m| m.id == r.member).map(|m| m.name.clone()).unwrap_or_default();
                (format!("{name} "), true, st::missed_times(r.meetings.len()))
            })
            .collect();
        warn_box(st::MISSED.to_string(), Some(warn_list(items)))
    };
    let columns = [st::DATE, st::FILTER_ORG, st::KIND, st::TOPIC, st::PRESENT, st::LEAVE, st::ABSENT];
    // The list as shown (the organization and year chosen), one meeting a row.
    let export = xlsx_button(st::TAB_MEETINGS, move || {
        let orgs = data.orgs.get_untracked();
        let chosen_org = RecordId::parse(&org.get_untracked());
        let whose = if chosen_org.is_some() { org_name(&orgs, &chosen_org) } else { st::ALL_ORGS.to_string() };
        let title = st::meetings_title(&whose, &year.get_untracked());
        let mut lines = vec![vec![title.clone()], columns.map(str::to_string).to_vec()];
        lines.extend(meeting_rows.get_untracked().into_iter().map(|r| {
            let counts = [r.present, r.leave, r.absent].map(|n| n.to_string());
            let mut line = vec![r.date, r.org, r.kind, r.topic];
            line.extend(counts);
            line
        }));
        (title, lines)
    });
    view! {
        <p class="intro">{st::MEETINGS_INTRO}</p>
        <div class="toolbar">
            <div class="field">
                <label for="mt-filter-org">{st::FILTER_ORG}</label>
                {org_select("mt-filter-org", st::ALL_ORGS, org, data.orgs, state.pinyin)}
            </div>
            {select_field("mt-year", st::YEAR, year, RwSignal::new(None), years)}
            <p class="count" role="status">{move || st::meetings_count(chosen.with(Vec::len))}</p>
            <a class="button primary" href="#/scoring/meetings/new">{st::NEW_MEETING}</a>
        </div>
        {data_table("meetings", &columns, keyed_body(rows))}
        <div class="toolbar no-print">{export}</div>
        <div class="card">
            <h3>{st::MISSED}</h3>
            {missed}
        </div>
        <div class="card">
            <h3>{st::CADENCE}</h3>
            {cadence}
        </div>
    }
}

/// Each kind of meeting: its periods so far with held/expected, the ended short ones flagged red,
/// the running ones said to be running.
fn cadence_view(counts: &[crate::domain::scoring::meeting::PeriodCount]) -> AnyView {
    let mut lines = Vec::new();
    for kind in MeetingKind::ALL {
        let periods: Vec<_> = counts.iter().filter(|c| c.kind == kind).collect();
        if periods.is_empty() {
            continue;
        }
        let parts: Vec<AnyView> = periods
            .iter()
            .map(|p| {
                let mut words = format!("{} {}", p.period_label(), st::held(p.held, p.expected));
                if p.pending() {
                    words.push_str(st::IN_PROGRESS);
                }
                if p.short() {
                    flag(true, words)
                } else {
                    view! { <span class="period">{words}</span> }.into_any()
                }
            })
            .collect();
        lines.push(tr(None, vec![cell("", kind.label().to_string()), cell_of("periods", parts)]));
    }
    if counts.iter().all(|c| !c.short()) {
        lines.insert(0, view! { <tr><td colspan="2" class="ok">{st::CADENCE_OK}</td></tr> }.into_any());
    }
    view! { <table class="data cadence"><tbody>{lines}</tbody></table> }.into_any()
}

const M_DATE: &str = "mt-date";
const M_ORG: &str = "mt-org";
const M_TYPE: &str = "mt-type";
const M_TOPIC: &str = "mt-topic";
const M_SHEET: &str = "mt-attendance";

fn problem_at(p: &MeetingProblem) -> (&'static str, String) {
    let at = match p.field() {
        DATE => M_DATE,
        ORG => M_ORG,
        TYPE => M_TYPE,
        TOPIC => M_TOPIC,
        _ => M_SHEET,
    };
    (at, p.message())
}

/// The meeting's record and its attendance in one commit: a new meeting's marks go into the
/// record it creates.
fn joined(meeting: Option<Edit>, marks: Option<Edit>) -> Vec<Edit> {
    match (meeting, marks) {
        (Some(Edit::Create { id, kind, mut fields }), Some(Edit::Update { fields: more, .. })) => {
            fields.extend(more);
            vec![Edit::Create { id, kind, fields }]
        }
        (a, b) => a.into_iter().chain(b).collect(),
    }
}

/// A member on the sheet.
#[derive(Clone, PartialEq)]
struct SheetRow {
    id: RecordId,
    name: String,
}

/// The form of a meeting (`editing`: the meeting to change, `None` for a new one) with its
/// attendance sheet: the members of the chosen organization on the chosen day, each 出席 until
/// marked otherwise.
#[component]
pub fn MeetingForm(editing: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let today = browser::today();
    let old: Option<Meeting> =
        editing.as_ref().and_then(|id| data.meetings.get_untracked().iter().find(|m| &m.id == id).cloned());
    if editing.is_some() && old.is_none() {
        return view! {
            <p class="error" role="alert">{st::NOT_FOUND}</p>
            <a href="#/scoring">{st::BACK_TO_LIST}</a>
        }
        .into_any();
    }
    let id = editing.unwrap_or_else(new_id);
    let date = RwSignal::new(day_text(old.as_ref().map_or(Some(today), |m| m.date)));
    let org = RwSignal::new(old.as_ref().and_then(|m| m.org.as_ref()).map(ToString::to_string).unwrap_or_default());
    let kind = RwSignal::new(old.as_ref().and_then(|m| m.kind).map(|k| k.label().to_string()).unwrap_or_default());
    let topic = RwSignal::new(old.as_ref().map(|m| m.topic.clone()).unwrap_or_default());
    let marks: RwSignal<HashMap<RecordId, (Attendance, String)>> = RwSignal::new(
        old.as_ref()
            .map(|m| m.marks.iter().map(|x| (x.member.clone(), (x.attendance, x.reason.clone()))).collect())
            .unwrap_or_default(),
    );
    // Those the stored meeting marked stay on its sheet even if no longer in the organization;
    // marks made in this form for another organization's members do not.
    let stored_marks: Vec<RecordId> =
        old.as_ref().map(|m| m.marks.iter().map(|x| x.member.clone()).collect()).unwrap_or_default();
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let kinds: Vec<&'static str> = MeetingKind::ALL.iter().map(|k| k.label()).collect();
    // The organization's members on the day typed (today while it is not a date yet), and anyone
    // the meeting marked already.
    let sheet = Memo::new(move |_| {
        let day = parse_input(&date.get(), Some(today)).ok().flatten().unwrap_or(today);
        let Some(org) = RecordId::parse(&org.get()) else { return Vec::new() };
        let (members, orgs) = (data.members.get(), data.orgs.get());
        let rows: Vec<SheetRow> = members
            .iter()
            .filter(|m| member_of_on(m, &org, &orgs, day) || stored_marks.contains(&m.id))
            .map(|m| SheetRow { id: m.id.clone(), name: m.name.clone() })
            .collect();
        sorted(rows, |r| (0, r.name.clone()))
    });
    let counts = move || {
        let rows = sheet.get();
        let of = |a: Attendance| {
            marks.with(|m| rows.iter().filter(|r| m.get(&r.id).map_or(Attendance::Present, |x| x.0) == a).count())
        };
        st::counts(of(Attendance::Present), of(Attendance::Leave), of(Attendance::Absent))
    };
    let old_kept = StoredValue::new(old);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        err.set(None);
        message.set(None);
        let draft = MeetingDraft {
            date: date.get_untracked(),
            org: RecordId::parse(&org.get_untracked()),
            kind: MeetingKind::from_label(&kind.get_untracked()),
            topic: topic.get_untracked(),
        };
        let (orgs, members) = (data.orgs.get_untracked(), data.members.get_untracked());
        let old = old_kept.get_value();
        let meeting_edit = match &old {
            None => create_meeting(&draft, id.clone(), &orgs, today).map(Some),
            Some(o) => update_meeting(o, &draft, &orgs, today),
        };
        let meeting_edit = match meeting_edit {
            Ok(e) => e,
            Err(problems) => return err.set(problems.first().map(problem_at)),
        };
        // The meeting as it will be once saved: attendance is checked against its new day and
        // organization.
        let base = old.unwrap_or(Meeting {
            id: id.clone(),
            date: None,
            org: None,
            kind: None,
            topic: String::new(),
            marks: Vec::new(),
        });
        let meeting =
            Meeting { date: parse_input(&draft.date, Some(today)).ok().flatten(), org: draft.org.clone(), ..base };
        let list: Vec<Mark> = marks.with_untracked(|m| {
            sheet
                .get_untracked()
                .iter()
                .map(|r| {
                    let (attendance, reason) = m.get(&r.id).cloned().unwrap_or((Attendance::Present, String::new()));
                    Mark { member: r.id.clone(), attendance, reason }
                })
                .collect()
        });
        let marked = match mark_attendance(&meeting, &list, &members, &orgs, today) {
            Ok(e) => e,
            Err(problems) => return err.set(problems.first().map(problem_at)),
        };
        let edits = joined(meeting_edit, marked);
        if edits.is_empty() {
            return go("#/scoring");
        }
        let ok = format!("{}{}", st::SAVED, draft.topic.trim());
        save(state, edits, saving, message, ok, Box::new(|| go("#/scoring")));
    };
    let title = if old_kept.with_value(Option::is_some) { st::EDIT_MEETING } else { st::NEW_MEETING };
    let all_present = move |_| {
        marks.update(|m| {
            for r in sheet.get_untracked() {
                m.insert(r.id, (Attendance::Present, String::new()));
            }
        })
    };
    view! {
        <form class="card meeting-form" on:submit=submit novalidate>
            <h3>{title}</h3>
            <div class="grid">
                {text_field(M_DATE, st::DATE, date, err, t().date_hint)}
                <div class="field" class:invalid=move || has_error(err, M_ORG)>
                    <label for=M_ORG>{st::ORG}</label>
                    {org_select(M_ORG, t().choose, org, data.orgs, state.pinyin)}
                    <p class="field-msg">{move || crate::ui::kit::fields::error_of(err, M_ORG)}</p>
                </div>
                {select_field(M_TYPE, st::KIND, kind, err, plain_options(&kinds))}
                {text_field(M_TOPIC, st::TOPIC, topic, err, "")}
            </div>
            <fieldset id=M_SHEET class="field attendance" aria-describedby="mt-attendance-err">
                <legend>{st::ATTENDANCE}</legend>
                <div class="toolbar">
                    <p class="muted">{st::ATTENDANCE_HINT}</p>
                    <p class="count" role="status">{counts}</p>
                    <button type="button" on:click=all_present>{st::ALL_PRESENT}</button>
                </div>
                {move || attendance_sheet(sheet.get(), marks)}
                <p class="field-msg error" id="mt-attendance-err">{move || crate::ui::kit::fields::error_of(err, M_SHEET)}</p>
            </fieldset>
            {form_error(err)}
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
                <a href="#/scoring">{st::BACK_TO_LIST}</a>
            </div>
        </form>
    }
    .into_any()
}

/// The sheet: one row per member, three choices and the reason of a 请假.
fn attendance_sheet(rows: Vec<SheetRow>, marks: RwSignal<HashMap<RecordId, (Attendance, String)>>) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="muted">{st::ATTENDANCE_EMPTY}</p> }.into_any();
    }
    let lines = rows
        .into_iter()
        .map(|r| {
            let id = r.id.clone();
            let mark = move || marks.with(|m| m.get(&id).cloned().unwrap_or((Attendance::Present, String::new())));
            let choices = Attendance::ALL
                .into_iter()
                .map(|a| {
                    let (id, mark) = (r.id.clone(), mark.clone());
                    let group = format!("att-{}", r.id);
                    view! {
                        <label class="choice">
                            <input type="radio" name=group prop:checked=move || mark().0 == a
                                on:change=move |_| marks.update(|m| {
                                    let reason = m.get(&id).map(|x| x.1.clone()).unwrap_or_default();
                                    m.insert(id.clone(), (a, reason));
                                }) />
                            {a.label()}
                        </label>
                    }
                })
                .collect_view();
            let (id, on_leave, reason_of) = (r.id.clone(), mark.clone(), mark.clone());
            let reason_label = format!("{}{}", r.name, st::REASON);
            view! {
                <tr class:leave=move || on_leave().0 == Attendance::Leave>
                    <th scope="row" class="name">{r.name.clone()}</th>
                    <td class="marks">{choices}</td>
                    <td class="reason">
                        <input type="text" autocomplete="off" aria-label=reason_label
                            prop:disabled=move || mark().0 != Attendance::Leave
                            prop:value=move || reason_of().1
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                marks.update(|m| {
                                    let a = m.get(&id).map_or(Attendance::Leave, |x| x.0);
                                    m.insert(id.clone(), (a, text));
                                });
                            } />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data sheet">
            <thead><tr><th scope="col">{st::NAME}</th><th scope="col">{st::ATTENDANCE}</th><th scope="col">{st::REASON}</th></tr></thead>
            <tbody>{lines}</tbody>
        </table>
    }
    .into_any()
}
