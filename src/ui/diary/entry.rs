//! An entry's page: the notebook page as it prints (A4), its matter's chain step by step, the
//! steps that may come next, and the form that adds one (阅批, 督办, 办理, 办结, 反馈, 公开, 销号,
//! 解释说明, 上交). A step that skips the expected one asks for the reason.

use crate::domain::diary::Diary;
use crate::domain::diary_index::DiaryIndex;
use crate::domain::diary_step::{
    add_step, matter, next_steps, ordered, steps_of, FeedbackWay, Field, MatterState, Satisfaction, Step, StepDraft,
    StepFacts, StepKind,
};
use crate::domain::record::RecordId;
use crate::ui::diary::text::{rt, step_problem};
use crate::ui::diary::{state_label, whole_steps, DiaryData, Names};
use crate::ui::kit::fields::{day_text, message_line, new_id, save, select_field, text_field, FieldError, Message};
use crate::ui::kit::trail::TrailCard;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;

/// Who last signed a step on this PC, offered for the next one.
const BY_KEY: &str = "dangjian.diary.by";

/// The entry as the page shows it.
#[derive(Clone, PartialEq)]
struct Shown {
    diary: Diary,
    /// `None` while still being read (`DiaryIndex::texts`).
    texts: Option<crate::domain::diary::DiaryTexts>,
}

fn shown(index: &DiaryIndex, id: &RecordId) -> Option<Shown> {
    let i = index.position(id)?;
    Some(Shown { diary: index.diaries()[i].clone(), texts: index.texts(i) })
}

#[component]
pub fn EntryPage(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let key = id.clone();
    let entry = Memo::new(move |_| state.read_diaries(|index| shown(index, &key)));
    let steps = Memo::new(move |_| {
        let Some(e) = entry.get() else { return Vec::new() };
        data.steps.with(|all| steps_of(all, e.diary.id.key()).to_vec())
    });
    let whole = whole_steps(move || entry.with(|e| e.iter().map(|e| e.diary.id.clone()).collect()));
    let adding = RwSignal::new(None::<(StepKind, bool)>);
    let message: Message = RwSignal::new(None);
    let trail_id = id.clone();
    move || {
        let Some(e) = entry.get() else {
            return view! { <p class="empty">{rt().entry_not_found}</p> }.into_any();
        };
        let Some(texts) = e.texts.clone() else {
            return view! { <p class="empty" role="status">{state.texts_wait_note()}</p> }.into_any();
        };
        let names = Names::of(&data);
        let d = e.diary.clone();
        let facts = steps.get();
        let m = matter(&d, &facts.iter().collect::<Vec<_>>());
        let irregular = m.irregular.clone();
        let chain = move || match whole.get() {
            None => view! { <li class="empty">{rt().reading_steps}</li> }.into_any(),
            Some(Err(why)) => view! { <li class="flag red">{why}</li> }.into_any(),
            Some(Ok(list)) => ordered(&list.iter().collect::<Vec<_>>())
                .into_iter()
                .map(|s| step_view(s, irregular.contains(&s.id.key())))
                .collect_view()
                .into_any(),
        };
        let next = next_steps(m.state);
        let state_words = state_label(m.state);
        let deadline = m.deadline().map(|x| format!("{}{}", rt().deadline_is, day_text(Some(x))));
        let household_words: Vec<AnyView> = d
            .households
            .iter()
            .map(|h| {
                let words = names.household_or_unknown(h);
                view! { <a href=format!("#/diary/households/{h}")>{words}</a>" " }.into_any()
            })
            .collect();
        let roles = d.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("、");
        let edit_href = format!("#/diary/{}/edit", d.id);
        let buttons = next
            .into_iter()
            .map(|(k, needs_reason)| {
                let label = k.label();
                let class = if needs_reason { "small skip" } else { "small" };
                let title = if needs_reason { rt().skip_hint } else { "" };
                view! {
                    <button type="button" class=class title=title on:click=move |_| {
                        message.set(None);
                        adding.set(Some((k, needs_reason)));
                    }>{label}</button>
                }
            })
            .collect_view();
        let diary_for_form = d.clone();
        view! {
            <div class="entry-page">
                <p class="crumb no-print"><a href="#/diary">{"‹ "}{rt().back_to_entries}</a></p>
                <article class="card notebook">
                    <h3>{rt().notebook_title}</h3>
                    <dl class="notebook-facts">
                        <dt>{rt().date}</dt><dd>{day_text(d.date)}</dd>
                        <dt>{rt().village}</dt><dd>{names.org(d.village.as_ref())}</dd>
                        <dt>{rt().writer}</dt><dd>{names.person(d.writer.as_ref())}</dd>
                        <dt>{rt().companions}</dt><dd>{texts.companions.clone()}</dd>
                        <dt>{rt().households}</dt><dd>{household_words}</dd>
                        <dt>{rt().roles}</dt><dd>{roles}</dd>
                        <dt>{rt().category}</dt><dd>{d.category.map(|c| c.label()).unwrap_or_default()}</dd>
                    </dl>
                    <h4>{rt().situation}</h4><p class="text">{texts.situation.clone()}</p>
                    <h4>{rt().request}</h4><p class="text">{texts.request.clone()}</p>
                    <h4>{rt().action}</h4><p class="text">{texts.action.clone()}</p>
                    <p>{rt().follow_up}{"："}{if d.follow_up { rt().yes } else { rt().no }}</p>
                </article>
                <div class="actions no-print">
                    <a class="button" href=edit_href>{rt().edit}</a>
                    <button type="button" on:click=|_| crate::ui::members::print::print_now()>{rt().print_page}</button>
                    {(m.state != MatterState::NoFollowUp).then(|| view! {
                        <a class="button" href=format!("#/diary/{}/supervision", d.id)>{crate::ui::diary::text::pt().print_sheet}</a>
                    })}
                </div>
                <section class="card matter">
                    <h3>{rt().matter_title}" " <span class="state">{state_words}</span>" " {deadline}</h3>
                    {(!m.irregular.is_empty()).then(|| view! { <p class="flag amber">{rt().irregular_note}</p> })}
                    <ol class="chain" aria-busy=move || whole.busy().to_string()>{chain}</ol>
                    <div class="actions no-print" role="group" aria-label=rt().next_steps>{buttons}</div>
                    {message_line(message)}
                    {move || adding.get().map(|(k, needs_reason)| {
                        view! { <StepForm diary=diary_for_form.clone() kind=k needs_reason adding message /> }
                    })}
                </section>
                <div class="no-print"><TrailCard id=trail_id.clone() label=crate::ui::diary::text::field_label /></div>
            </div>
        }
        .into_any()
    }
}

fn step_view(s: &Step, irregular: bool) -> AnyView {
    let mut lines: Vec<String> = Vec::new();
    let label = s.kind.map(|k| k.label()).unwrap_or(rt().unknown_step);
    if !s.instruction.is_empty() {
        lines.push(format!("{}{}", rt().instruction_is, s.instruction));
    }
    if !s.note.is_empty() {
        lines.push(s.note.clone());
    }
    if !s.assignee.is_empty() || s.deadline.is_some() {
        lines.push(format!("{}{} {}{}", rt().assignee_is, s.assignee, rt().deadline_is, day_text(s.deadline)));
    }
    if !s.offices.is_empty() {
        lines.push(format!("{}{}", rt().offices_is, s.offices.join("、")));
    }
    if let (Some(w), Some(v)) = (s.way, s.view) {
        lines.push(format!("{}{} {}{}", rt().way_is, w.label(), rt().view_is, v.label()));
    }
    if !s.skip_reason.is_empty() {
        lines.push(format!("{}{}", rt().skip_reason_is, s.skip_reason));
    }
    let head = format!("{} {} {}", day_text(s.date), label, s.by);
    view! {
        <li class:irregular=irregular>
            <strong>{head}</strong>
            {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
        </li>
    }
    .into_any()
}

const S_DATE: &str = "st-date";
const S_BY: &str = "st-by";
const S_NOTE: &str = "st-note";
const S_INSTRUCTION: &str = "st-instruction";
const S_ASSIGNEE: &str = "st-assignee";
const S_DEADLINE: &str = "st-deadline";
const S_OFFICES: &str = "st-offices";
const S_WAY: &str = "st-way";
const S_VIEW: &str = "st-view";
const S_REASON: &str = "st-reason";

fn step_input(f: Field) -> &'static str {
    match f {
        Field::Kind => S_DATE,
        Field::Date => S_DATE,
        Field::By => S_BY,
        Field::Note => S_NOTE,
        Field::Instruction => S_INSTRUCTION,
        Field::Assignee => S_ASSIGNEE,
        Field::Deadline => S_DEADLINE,
        Field::Offices => S_OFFICES,
        Field::Way => S_WAY,
        Field::View => S_VIEW,
        Field::SkipReason => S_REASON,
    }
}

#[component]
fn StepForm(
    diary: Diary,
    kind: StepKind,
    needs_reason: bool,
    adding: RwSignal<Option<(StepKind, bool)>>,
    message: Message,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let date = RwSignal::new(day_text(Some(browser::today())));
    let by = RwSignal::new(browser::kept::<String>(BY_KEY).unwrap_or_default());
    let note = RwSignal::new(String::new());
    let instruction = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let offices = RwSignal::new(String::new());
    let way = RwSignal::new(String::new());
    let view_of = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let err: FieldError = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = StepDraft {
            kind: Some(kind),
            date: date.get_untracked(),
            by: by.get_untracked(),
            note: note.get_untracked(),
            instruction: instruction.get_untracked(),
            assignee: assignee.get_untracked(),
            assignee_person: None,
            assignee_org: None,
            deadline: deadline.get_untracked(),
            offices: offices.get_untracked(),
            way: FeedbackWay::from_label(&way.get_untracked()),
            view: Satisfaction::from_label(&view_of.get_untracked()),
            skip_reason: reason.get_untracked(),
        };
        let steps = data.steps.with_untracked(|all| steps_of(all, diary.id.key()).to_vec());
        let refs: Vec<&StepFacts> = steps.iter().collect();
        err.set(None);
        match add_step(&draft, &diary, &refs, new_id(), browser::today()) {
            Ok(edit) => {
                browser::keep(BY_KEY, &draft.by.trim().to_string());
                let ok = format!("{}{}", rt().step_saved, kind.label());
                save(state, vec![edit], saving, message, ok, Box::new(move || adding.set(None)));
            }
            Err(findings) => {
                if let Some(f) = findings.first() {
                    let at = step_input(f.field);
                    err.set(Some((at, step_problem(&f.problem))));
                    crate::ui::shell::focus_by_id(at);
                }
            }
        }
    };
    let note_label = match kind {
        StepKind::Review => rt().review_comment,
        StepKind::Handle => rt().handle_note,
        StepKind::Explain => rt().explain_note,
        StepKind::HandUp => rt().hand_up_note,
        _ => rt().note,
    };
    Effect::new(move |_| crate::ui::shell::focus_by_id(S_DATE));
    let options =
        |list: Vec<&'static str>| Signal::stored(list.into_iter().map(|s| (s.to_string(), s.to_string())).collect());
    view! {
        <form class="card step-form" on:submit=submit novalidate>
            <h4>{format!("{}{}", rt().add_step, kind.label())}</h4>
            <div class="grid">
                {text_field(S_DATE, rt().step_date, date, err, t().date_hint)}
                {text_field(S_BY, rt().step_by, by, err, "")}
                {(kind == StepKind::Review).then(|| text_field(S_INSTRUCTION, rt().instruction, instruction, err, ""))}
                {(kind == StepKind::Supervise).then(|| text_field(S_ASSIGNEE, rt().assignee, assignee, err, rt().assignee_hint))}
                {(kind == StepKind::Supervise).then(|| text_field(S_DEADLINE, rt().deadline, deadline, err, t().date_hint))}
                {(kind == StepKind::Handle).then(|| text_field(S_OFFICES, rt().offices, offices, err, rt().offices_hint))}
                {(kind == StepKind::Feedback).then(|| select_field(S_WAY, rt().way, way, err, options(FeedbackWay::ALL.iter().map(|w| w.label()).collect())))}
                {(kind == StepKind::Feedback).then(|| select_field(S_VIEW, rt().view, view_of, err, options(Satisfaction::ALL.iter().map(|w| w.label()).collect())))}
                {text_field(S_NOTE, note_label, note, err, "")}
                {needs_reason.then(|| text_field(S_REASON, rt().skip_reason, reason, err, rt().skip_reason_hint))}
            </div>
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>{move || if saving.get() { t().saving } else { t().save }}</button>
                <button type="button" on:click=move |_| adding.set(None)>{t().cancel}</button>
            </div>
        </form>
    }
}
