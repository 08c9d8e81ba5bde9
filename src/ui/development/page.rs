//! A candidate's page: the person, the 25 steps in their 5 phases with date and note (what the
//! timing rules found is said in Chinese under the step it concerns), recording a step (the
//! approval puts the candidate on the roster, the 转正 approval makes them 正式党员), extending
//! probation, and stopping or resuming the development.

use crate::domain::development::{
    check, extend_probation, link_member, record_step, resume, stop, withdraw_extension, AdmissionError, Candidate,
    ExtensionDraft, ExtensionError, Finding, Phase, Stage, Step, StepDraft, StepError, StopDraft, StopError,
    StopReason, EXTENSION_DATE, EXTENSION_MAX_MONTHS, EXTENSION_MIN_MONTHS, EXTENSION_MONTHS, MEMBER, STOPPED,
    STOPPED_DATE, TRAINING_DAYS, TRAINING_HOURS,
};
use crate::domain::id_number::mask_id_number;
use crate::domain::member::Member;
use crate::domain::member_form::Item;
use crate::domain::org::Org;
use crate::domain::record::{kind, RecordId};
use crate::ui::development::text::dt;
use crate::ui::kit::fields::{
    day_text, form_error, message_line, new_id, save, select_field, text_field, FieldError, Message,
};
use crate::ui::kit::table::{cell, cell_of, flag, row_button, tr};
use crate::ui::kit::trail::TrailCard;
use crate::ui::members::page::member_field_label;
use crate::ui::members::text::mt;
use crate::ui::orgs::text::ot;
use crate::ui::text::{development_finding, extension_error, member_item_label, step_error, stop_error, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;

const STEP_DATE: &str = "step-date";
const STEP_NOTE: &str = "step-note";
const STEP_DAYS: &str = "step-days";
const STEP_HOURS: &str = "step-hours";
const EXT_DATE: &str = "ext-date";
const EXT_MONTHS: &str = "ext-months";
const STOP_REASON: &str = "stop-reason";
const STOP_DATE: &str = "stop-date";

/// What the last save on the page did, shown under the step it concerned: words, and a link
/// (the member record an admission created).
type Notice = RwSignal<Option<(Step, String, Option<String>)>>;

#[component]
pub fn CandidatePage(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let record_id = id.clone();
    let candidate = Memo::new(move |_| {
        state.read_kinds(&[kind::CANDIDATE], |ws| {
            ws.replica()
                .get(&record_id)
                .filter(|r| r.kind == kind::CANDIDATE && !r.is_deleted())
                .map(Candidate::from_record)
        })
    });
    let editing = RwSignal::new(None::<Step>);
    let notice: Notice = RwSignal::new(None);
    view! {
        <section class="page">
            <p class="crumb"><a href="#/development">{"‹ "}{dt().dev_back}</a></p>
            {move || match candidate.get() {
                None => view! { <p class="empty">{dt().dev_not_found}</p> }.into_any(),
                Some(c) => candidate_view(state, c, editing, notice),
            }}
        </section>
    }
}

fn candidate_view(state: AppState, c: Candidate, editing: RwSignal<Option<Step>>, notice: Notice) -> AnyView {
    let today = browser::today();
    let findings = check(&c, today);
    let org = c
        .org
        .as_ref()
        .and_then(|o| state.collection::<Org>().get().iter().find(|x| &x.id == o).cloned())
        .map(|o| o.name)
        .unwrap_or_default();
    let stage = c.stage();
    let probation_end = if c.date(Step::Approval).is_some() { day_text(c.probation_end()) } else { String::new() };
    let member_link = c.member.as_ref().map(|m| {
        view! {
            <dt>{dt().dev_member_record}</dt>
            <dd><a href=format!("#/members/{m}")>{dt().dev_member_open}</a></dd>
        }
    });
    let facts = [
        (member_item_label(Item::IdNumber), mask_id_number(&c.person.id_number)),
        (member_item_label(Item::Sex), c.person.sex.clone()),
        (member_item_label(Item::BirthDate), day_text(c.person.birth_date)),
        (member_item_label(Item::Ethnicity), c.person.ethnicity.clone()),
        (member_item_label(Item::Education), c.person.education.clone()),
        (member_item_label(Item::Org), org),
        (member_item_label(Item::Post), c.job.clone()),
        (member_item_label(Item::Phone), c.person.phone.clone()),
        (dt().dev_stage, stage.label().to_string()),
        (dt().dev_probation_end, probation_end),
    ]
    .into_iter()
    .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
    .collect_view();
    let breaches = findings.iter().filter(|f| f.is_breach()).count();
    let summary = (!findings.is_empty())
        .then(|| view! { <p class="warn-box">{dt().dev_findings_summary(findings.len(), breaches)}</p> });
    let edit_href = format!("#/development/{}/edit", c.id);
    let stopped = c.stopped.as_ref().map(|s| format!("{}：{}", dt().dev_stopped, s.reason));
    let open_step = Callback::new(move |step: Step| editing.set(Some(step)));
    let phases = Phase::ALL
        .into_iter()
        .enumerate()
        .map(|(i, phase)| {
            let table = phase_table(&c, phase, &findings, open_step);
            let mine = c.clone();
            // What was just saved stays in view above the next step's form when that opens here.
            let slot = move || match editing.get().filter(|s| s.phase() == phase) {
                Some(step) => {
                    (notice_line(notice, phase), step_form(state, mine.clone(), step, editing, notice)).into_any()
                }
                None => notice_line(notice, phase),
            };
            view! {
                <div class="card phase">
                    <h3>{dt().dev_phase_numbers[i]} "　" {phase.label()}</h3>
                    {table}
                    {slot}
                </div>
            }
        })
        .collect_view();
    let extension_findings: Vec<Finding> = findings.iter().filter(|f| f.step().is_none()).cloned().collect();
    view! {
        <div class="page-head">
            <h2>{c.person.name.clone()} <span class="tag">{stage.label()}</span> {stopped.map(|s| view! { <span class="tag">{s}</span> })}</h2>
            <a class="button" href=edit_href>{mt().member_edit}</a>
        </div>
        <dl class="facts member-facts">{facts}{member_link}</dl>
        {summary}
        {phases}
        {extension_card(state, c.clone(), extension_findings)}
        <TrailCard id=c.id.clone() label=candidate_field_label />
        {stop_card(state, c)}
    }
    .into_any()
}

/// A candidate field's name in the audit trail: a step's date or note, the training length, the
/// probation extension, the stop; the person fields are named as on the member form.
pub fn candidate_field_label(field: &str) -> String {
    if let Some(step) = Step::ALL.into_iter().find(|s| s.date_key() == field) {
        return format!("第 {} 步 {}", step.number(), step.label());
    }
    if let Some(step) = Step::ALL.into_iter().find(|s| s.note_key() == field) {
        return format!("第 {} 步 {}（{}）", step.number(), step.label(), dt().dev_step_note);
    }
    match field {
        TRAINING_DAYS => dt().dev_training_days,
        TRAINING_HOURS => dt().dev_training_hours,
        EXTENSION_DATE => dt().dev_extension_date,
        EXTENSION_MONTHS => dt().dev_extension_months,
        STOPPED | STOPPED_DATE => dt().dev_stopped,
        MEMBER => dt().dev_member_open,
        other => member_field_label(other),
    }
    .to_string()
}

/// A phase's steps: number, step, date, note and button, with what the rules found about each
/// step in a row under it. The page is drawn anew when the candidate changes, so the rows are too.
fn phase_table(c: &Candidate, phase: Phase, findings: &[Finding], open: Callback<Step>) -> AnyView {
    let rows: Vec<AnyView> = phase
        .steps()
        .iter()
        .flat_map(|&step| {
            let entry = &c.steps[usize::from(step.number() - 1)];
            let missing = entry.date.is_none() && c.latest_step().is_some_and(|l| l > step);
            let mut note = entry.note.clone();
            if step == Step::ConcentratedTraining && entry.date.is_some() {
                let length = dt().dev_training_length(c.training_days, c.training_hours);
                note = if note.is_empty() { length } else { format!("{note}（{length}）") };
            }
            let (date_class, date) = match entry.date {
                Some(d) => ("num", day_text(Some(d))),
                None if missing => ("num warn", dt().dev_step_missing.to_string()),
                None => ("", String::new()),
            };
            let mut button = Vec::new();
            if c.stopped.is_none() {
                let verb = if entry.date.is_some() { ot().org_edit } else { dt().dev_record };
                let aria = format!("{}第 {} 步：{}", verb, step.number(), step.label());
                button.push(row_button(verb, aria, open, step));
            }
            let mut rows = vec![tr(
                missing.then_some("missing"),
                vec![
                    cell("num n", step.number().to_string()),
                    cell("", step.label().to_string()),
                    cell(date_class, date),
                    cell("", note),
                    cell_of("actions-cell", button),
                ],
            )];
            for f in findings.iter().filter(|f| f.step() == Some(step)) {
                let words = flag(f.is_breach(), development_finding(f));
                rows.push(view! { <tr class="finding"><td></td><td colspan="4">{words}</td></tr> }.into_any());
            }
            rows
        })
        .collect();
    view! {
        <table class="data steps">
            <thead>
                <tr>
                    <th scope="col" class="n">{dt().dev_step_no}</th>
                    <th scope="col">{dt().dev_step}</th>
                    <th scope="col">{dt().dev_step_date}</th>
                    <th scope="col">{dt().dev_step_note}</th>
                    <th scope="col"><span class="visually-hidden">{ot().org_actions}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// What the last save did, under the phase of the step it concerned.
fn notice_line(notice: Notice, phase: Phase) -> AnyView {
    match notice.get().filter(|(step, _, _)| step.phase() == phase) {
        Some((_, words, href)) => view! {
            <p class="notice done" role="status">
                {words} {href.map(|h| view! { " " <a href=h>{dt().dev_member_open}</a> })}
            </p>
        }
        .into_any(),
        None => ().into_any(),
    }
}

fn step_error_at(e: &StepError) -> &'static str {
    match e {
        StepError::Date(_) => STEP_DATE,
        StepError::NoteTooLong => STEP_NOTE,
        StepError::TrainingDaysInvalid | StepError::LengthOnlyForTraining => STEP_DAYS,
        StepError::TrainingHoursInvalid => STEP_HOURS,
        StepError::Stopped | StepError::Admission(_) | StepError::FullMembership(_) => "",
    }
}

fn step_form(state: AppState, c: Candidate, step: Step, editing: RwSignal<Option<Step>>, notice: Notice) -> AnyView {
    let entry = &c.steps[usize::from(step.number() - 1)];
    let date = RwSignal::new(day_text(entry.date));
    let note = RwSignal::new(entry.note.clone());
    let days = RwSignal::new(c.training_days.map(|d| d.to_string()).unwrap_or_default());
    let hours = RwSignal::new(c.training_hours.map(crate::ui::text::hours_text).unwrap_or_default());
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    // The roster already has this person: offer to link the candidate to that record.
    let offer = RwSignal::new(None::<RecordId>);
    let is_training = step == Step::ConcentratedTraining;
    let candidate = c.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = StepDraft {
            date: date.get_untracked(),
            note: note.get_untracked(),
            training_days: if is_training { days.get_untracked() } else { String::new() },
            training_hours: if is_training { hours.get_untracked() } else { String::new() },
        };
        let members = state.collection::<Member>().get();
        let member_id = new_id();
        err.set(None);
        offer.set(None);
        match record_step(&candidate, step, &draft, &members, member_id.clone(), browser::today()) {
            Ok(edits) => {
                let dated = !draft.date.trim().is_empty();
                let admitted = dated && step == Step::Approval && candidate.member.is_none();
                let full = dated && step == Step::FullMembershipApproval;
                let (words, href) = if admitted {
                    (dt().dev_admitted.to_string(), Some(format!("#/members/{member_id}")))
                } else if full {
                    (dt().dev_full_member.to_string(), candidate.member.as_ref().map(|m| format!("#/members/{m}")))
                } else {
                    (format!("{}第 {} 步：{}", dt().dev_step_saved, step.number(), step.label()), None)
                };
                // Entering a record from its papers goes step by step: open the next one.
                let next = Step::from_number(step.number() + 1)
                    .filter(|n| dated && candidate.date(*n).is_none() && !full && !admitted);
                save(
                    state,
                    edits,
                    saving,
                    message,
                    String::new(),
                    Box::new(move || {
                        notice.set(Some((step, words, href)));
                        editing.set(next);
                    }),
                );
            }
            Err(e) => {
                if let StepError::Admission(AdmissionError::BelongsToMember(m)) = &e {
                    offer.set(Some(m.clone()));
                }
                let at = step_error_at(&e);
                err.set(Some((at, step_error(&e))));
                if !at.is_empty() {
                    crate::ui::shell::focus_by_id(at);
                }
            }
        }
    };
    let link_candidate = c.clone();
    let link = move |_| {
        let Some(m) = offer.get_untracked() else { return };
        let Some(member) = state.collection::<Member>().get().iter().find(|x| x.id == m).cloned() else { return };
        let edit = link_member(&link_candidate, &member);
        save(state, vec![edit], saving, message, dt().dev_linked.to_string(), Box::new(move || offer.set(None)));
    };
    // Effects run once the form is on the page.
    Effect::new(move |_| crate::ui::shell::focus_by_id(STEP_DATE));
    let title = format!("{}第 {} 步：{}", dt().dev_record, step.number(), step.label());
    view! {
        <form class="step-form" on:submit=submit novalidate>
            <h4>{title}</h4>
            <div class="inline-form">
                {text_field(STEP_DATE, dt().dev_step_date, date, err, t().date_hint)}
                {is_training.then(|| view! {
                    {text_field(STEP_DAYS, dt().dev_training_days, days, err, "")}
                    {text_field(STEP_HOURS, dt().dev_training_hours, hours, err, "")}
                })}
                <div class="grow">{text_field(STEP_NOTE, dt().dev_step_note, note, err, dt().dev_note_hint)}</div>
                <div class="actions">
                    <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
                    <button type="button" on:click=move |_| editing.set(None)>{t().cancel}</button>
                </div>
            </div>
            <p class="muted hint">{dt().dev_clear_hint}</p>
            {form_error(err)}
            {move || offer.get().map(|_| view! {
                <button type="button" on:click=link.clone()>{dt().dev_link_member}</button>
            })}
            {message_line(message)}
        </form>
    }
    .into_any()
}

fn extension_card(state: AppState, c: Candidate, findings: Vec<Finding>) -> AnyView {
    let stage = c.stage();
    if c.extension.is_none() && stage != Stage::Probationary {
        return ().into_any();
    }
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let flags = findings.iter().map(|f| flag(f.is_breach(), development_finding(f))).collect_view();
    if let Some(e) = c.extension {
        let text = dt().dev_extended(&day_text(Some(e.decided)), e.months, &day_text(c.probation_end()));
        let can_withdraw = c.stopped.is_none() && stage == Stage::Probationary;
        let withdraw = move |_| {
            save(
                state,
                vec![withdraw_extension(&c)],
                saving,
                message,
                dt().dev_extension_withdrawn.into(),
                Box::new(|| {}),
            )
        };
        return view! {
            <div class="card">
                <h3>{dt().dev_extension_title}</h3>
                <p>{text}</p>
                <div>{flags}</div>
                {can_withdraw.then(|| view! { <button type="button" on:click=withdraw prop:disabled=saving>{dt().dev_extension_withdraw}</button> })}
                {message_line(message)}
            </div>
        }
        .into_any();
    }
    if c.stopped.is_some() {
        return ().into_any();
    }
    let date = RwSignal::new(String::new());
    let months = RwSignal::new(String::new());
    let err: FieldError = RwSignal::new(None);
    let months_options: Vec<(String, String)> =
        (EXTENSION_MIN_MONTHS..=EXTENSION_MAX_MONTHS).map(|m| (m.to_string(), format!("{m} 个月"))).collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ExtensionDraft { date: date.get_untracked(), months: months.get_untracked() };
        err.set(None);
        match extend_probation(&c, &draft, browser::today()) {
            Ok(edit) => save(state, vec![edit], saving, message, dt().dev_extension_saved.into(), Box::new(|| {})),
            Err(e) => {
                let at = match e {
                    ExtensionError::DateMissing | ExtensionError::Date(_) | ExtensionError::DateBeforeProbation => {
                        EXT_DATE
                    }
                    ExtensionError::MonthsInvalid | ExtensionError::MonthsOutOfRange => EXT_MONTHS,
                    _ => "",
                };
                err.set(Some((at, extension_error(&e).to_string())));
            }
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{dt().dev_extension_title}</h3>
            <p class="muted">{dt().dev_extension_intro}</p>
            <div class="inline-form">
                {text_field(EXT_DATE, dt().dev_extension_date, date, err, t().date_hint)}
                {select_field(EXT_MONTHS, dt().dev_extension_months, months, err, Signal::stored(months_options))}
                <button type="submit" prop:disabled=saving>{dt().dev_extension_confirm}</button>
            </div>
            {form_error(err)}
            {message_line(message)}
        </form>
    }
    .into_any()
}

fn stop_card(state: AppState, c: Candidate) -> AnyView {
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    if let Some(s) = &c.stopped {
        let text = format!("{}：{}（{}）", dt().dev_stopped, s.reason, day_text(s.date));
        let edit = resume(&c);
        let again = move |_| save(state, vec![edit.clone()], saving, message, dt().dev_resumed.into(), Box::new(|| {}));
        return view! {
            <div class="card">
                <h3>{dt().dev_stop_title}</h3>
                <p>{text}</p>
                <button type="button" on:click=again prop:disabled=saving>{dt().dev_resume}</button>
                {message_line(message)}
            </div>
        }
        .into_any();
    }
    if c.stage() == Stage::FullMember {
        return ().into_any();
    }
    let reason = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let err: FieldError = RwSignal::new(None);
    let reasons: Vec<(String, String)> =
        StopReason::ALL.iter().map(|r| (r.label().to_string(), r.label().to_string())).collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = StopDraft { reason: StopReason::from_label(&reason.get_untracked()), date: date.get_untracked() };
        err.set(None);
        match stop(&c, &draft, browser::today()) {
            Ok(edits) => save(state, edits, saving, message, dt().dev_stop_saved.into(), Box::new(|| {})),
            Err(e) => {
                let at = match e {
                    StopError::ReasonMissing | StopError::NotProbationary => STOP_REASON,
                    StopError::DateMissing | StopError::Date(_) => STOP_DATE,
                    _ => "",
                };
                err.set(Some((at, stop_error(&e).to_string())));
            }
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{dt().dev_stop_title}</h3>
            <p class="muted">{dt().dev_stop_intro}</p>
            <div class="inline-form">
                {select_field(STOP_REASON, dt().dev_stop_reason, reason, err, Signal::stored(reasons))}
                {text_field(STOP_DATE, dt().dev_stop_date, date, err, t().date_hint)}
                <button type="submit" prop:disabled=saving>{dt().dev_stop_confirm}</button>
            </div>
            {form_error(err)}
            {message_line(message)}
        </form>
    }
    .into_any()
}
