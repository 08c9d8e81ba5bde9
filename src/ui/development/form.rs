//! The candidate form: a new 入党申请人 (person fields, branch, job, the application date) or an
//! edit of one; problems are shown at their inputs and nothing is saved until all are fixed.

use crate::domain::development::{create_candidate, update_candidate, Candidate, CandidateDraft, CandidateError};
use crate::domain::member::Member;
use crate::domain::member_form::{holds_members, Item};
use crate::domain::org::tree_order;
use crate::domain::org::Org;
use crate::domain::record::{kind, RecordId};
use crate::ui::development::text::dt;
use crate::ui::kit::fields::{
    form_error, go, message_line, new_id, person_error_at, person_fields, save, select_field, text_field, FieldError,
    Message, PersonInputs, P_ID,
};
use crate::ui::members::text::mt;
use crate::ui::text::{candidate_error, member_item_label, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;

const ORG: &str = "cand-org";
const JOB: &str = "cand-job";
const APPLIED: &str = "cand-applied";

/// The input an error belongs to, its words, and the record it points to (a link).
fn error_at(e: &CandidateError) -> (&'static str, String, Option<String>) {
    match e {
        CandidateError::Person(p) => {
            let (at, words) = person_error_at(p);
            (at, words, None)
        }
        CandidateError::OrgMissing | CandidateError::OrgUnknown | CandidateError::OrgNotBranch => {
            (ORG, candidate_error(e), None)
        }
        CandidateError::JobTooLong => (JOB, candidate_error(e), None),
        CandidateError::AppliedDate(_) => (APPLIED, candidate_error(e), None),
        CandidateError::AlreadyCandidate(id) => (P_ID, candidate_error(e), Some(format!("#/development/{id}"))),
        CandidateError::AlreadyMember(id) => (P_ID, candidate_error(e), Some(format!("#/members/{id}"))),
    }
}

#[component]
pub fn CandidateFormPage(editing: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing: Option<Candidate> = editing.as_ref().and_then(|id| {
        state.read_now(|ws| {
            ws.replica().get(id).filter(|r| r.kind == kind::CANDIDATE && !r.is_deleted()).map(Candidate::from_record)
        })
    });
    if editing.is_some() && existing.is_none() {
        return view! { <section class="page"><p class="empty">{dt().dev_not_found}</p></section> }.into_any();
    }
    let initial = existing.as_ref().map(Candidate::draft).unwrap_or_default();
    let person = PersonInputs::new(&initial.person);
    let org = RwSignal::new(initial.org.as_ref().map(|o| o.to_string()).unwrap_or_default());
    let job = RwSignal::new(initial.job.clone());
    let applied = RwSignal::new(initial.applied.clone());
    let err: FieldError = RwSignal::new(None);
    let link = RwSignal::new(None::<String>);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let orgs = state.collection::<Org>().get();
    let branches: Vec<(String, String)> = tree_order(&orgs, &state.pinyin.get_untracked())
        .into_iter()
        .filter(|(_, o)| o.is_open() && holds_members(o.category))
        .map(|(_, o)| (o.id.to_string(), o.name.clone()))
        .collect();
    let back = match &editing {
        Some(id) => format!("#/development/{id}"),
        None => "#/development".to_string(),
    };
    let back_after = back.clone();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = CandidateDraft {
            person: person.draft(),
            org: RecordId::parse(&org.get_untracked()),
            job: job.get_untracked(),
            applied: applied.get_untracked(),
        };
        let (candidates, members, today) =
            (state.collection::<Candidate>().get(), state.collection::<Member>().get(), browser::today());
        let result = match &existing {
            None => create_candidate(&draft, new_id(), &orgs, &candidates, &members, today).map(Some),
            Some(c) => update_candidate(c, &draft, &orgs, &candidates, &members, today),
        };
        err.set(None);
        link.set(None);
        match result {
            Ok(Some(edit)) => {
                let target = format!("#/development/{}", edit.record_id());
                let ok = format!("{}{}", dt().dev_saved, draft.person.name.trim());
                save(state, vec![edit], saving, message, ok, Box::new(move || go(&target)));
            }
            Ok(None) => go(&back_after),
            Err(e) => {
                let (at, words, href) = error_at(&e);
                err.set(Some((at, words)));
                link.set(href);
                message.set(Some((false, mt().member_fix_errors.to_string())));
                crate::ui::shell::focus_by_id(at);
            }
        }
    };
    let title = if editing.is_some() { dt().dev_edit_title } else { dt().dev_new_title };

    view! {
        <section class="page">
            <p class="crumb"><a href=back.clone()>{"‹ "}{dt().dev_back}</a></p>
            <h2>{title}</h2>
            <form class="card" on:submit=submit novalidate>
                <div class="grid">
                    {person_fields(person, err)}
                    {select_field(ORG, member_item_label(Item::Org), org, err, Signal::stored(branches))}
                    {text_field(JOB, member_item_label(Item::Post), job, err, "")}
                    {editing.is_none().then(|| text_field(APPLIED, dt().dev_applied, applied, err, t().date_hint))}
                </div>
                {form_error(err)}
                {message_line(message)}
                {move || link.get().map(|href| view! { <p><a href=href>{dt().dev_open_other}</a></p> })}
                <div class="actions">
                    <button type="submit" class="primary" prop:disabled=saving>
                        {move || if saving.get() { t().saving } else { t().save }}
                    </button>
                    <a class="button" href=back>{t().cancel}</a>
                </div>
            </form>
        </section>
    }
    .into_any()
}
