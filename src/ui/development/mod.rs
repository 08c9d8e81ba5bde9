//! 发展党员: the month's due list and the candidates by branch with their stage and what the
//! timing rules found, and the routes to a candidate's page and the candidate form.

pub mod form;
pub mod page;
pub mod text;

use crate::domain::development::{check, due_this_month, Candidate};
use crate::domain::hash::IdMap;
use crate::domain::org::{tree_order, Org};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::{kind, Record, RecordId};
use crate::ui::development::form::CandidateFormPage;
use crate::ui::development::page::CandidatePage;
use crate::ui::development::text::dt;
use crate::ui::kit::fields::checkbox_choice;
use crate::ui::kit::fields::{day_key, day_text, sorted, KindsGate};
use crate::ui::kit::table::{cell, cell_of, data_table, flag, keyed_body, keyed_lines, link, tr, Line};
use crate::ui::kit::when::When;
use crate::ui::members::text::mt;
use crate::ui::state::Collected;
use crate::ui::text::{due_kind_label, finding_short};
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

const KINDS: &[&str] = &[kind::CANDIDATE];

/// `subpath` is what follows `#/development`: empty (the list), `/new`, `/<id>` or `/<id>/edit`.
#[component]
pub fn DevelopmentSection(subpath: Memo<String>) -> impl IntoView {
    view! {
        <KindsGate kinds=KINDS>
            {move || {
                let path = subpath.get();
                let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
                match parts.as_slice() {
                    ["new"] => view! { <CandidateFormPage editing=None /> }.into_any(),
                    [id] => match RecordId::parse(id) {
                        Some(id) => view! { <CandidatePage id /> }.into_any(),
                        None => view! { <CandidateList /> }.into_any(),
                    },
                    [id, "edit"] => view! { <CandidateFormPage editing=RecordId::parse(id) /> }.into_any(),
                    _ => view! { <CandidateList /> }.into_any(),
                }
            }}
        </KindsGate>
    }
}

/// Each organization's place in tree order, for grouping lists by branch in the order the
/// organization page shows them.
pub fn org_positions(orgs: &[Org], pinyin: &Pinyin) -> IdMap<(usize, String)> {
    tree_order(orgs, pinyin).into_iter().enumerate().map(|(i, (_, o))| (o.id.clone(), (i, o.name.clone()))).collect()
}

/// The place of an organization for grouping: its position in tree order and its name.
pub fn place_of(positions: &IdMap<(usize, String)>, org: &Option<RecordId>) -> (usize, String) {
    org.as_ref().and_then(|o| positions.get(o)).cloned().unwrap_or((usize::MAX, dt().dev_no_branch.to_string()))
}

/// A due item as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct DueRow {
    candidate: RecordId,
    name: String,
    what: &'static str,
    due: String,
    overdue: bool,
}

/// This month's due list by branch.
fn due_lines(candidates: &[Candidate], positions: &IdMap<(usize, String)>, today: NaiveDate) -> Vec<Line<DueRow>> {
    let items = due_this_month(candidates, today);
    let items = sorted(items, |i| {
        let (pos, _) = place_of(positions, &i.org);
        (pos as i64 * 1_000_000 + day_key(Some(i.due)), i.name.clone())
    });
    let mut lines = Vec::new();
    let mut last = None;
    for i in items {
        let (pos, branch) = place_of(positions, &i.org);
        if last != Some(pos) {
            lines.push(Line::Group(pos.to_string(), branch));
            last = Some(pos);
        }
        lines.push(Line::Row(DueRow {
            candidate: i.candidate,
            name: i.name,
            what: due_kind_label(i.kind),
            due: day_text(Some(i.due)),
            overdue: i.overdue,
        }));
    }
    lines
}

fn due_row(i: &DueRow) -> AnyView {
    let due =
        if i.overdue { flag(true, format!("{}（{}）", i.due, dt().dev_overdue)) } else { i.due.clone().into_any() };
    tr(
        None,
        vec![
            cell_of("", vec![link(format!("#/development/{}", i.candidate), i.name.clone())]),
            cell("", i.what.to_string()),
            cell_of("num", vec![due]),
        ],
    )
}

/// A candidate as their row in the list shows them.
#[derive(Clone, PartialEq, Eq, Hash)]
struct CandidateRow {
    id: RecordId,
    name: String,
    sex: String,
    age: String,
    stage: String,
    latest: String,
    /// What the rules found: (breaks a rule, words).
    flags: Vec<(bool, &'static str)>,
    active: bool,
}

/// The candidates by branch: stage, the latest step, and what the rules found.
fn candidate_lines(
    candidates: &[Candidate],
    positions: &IdMap<(usize, String)>,
    all: bool,
    today: NaiveDate,
) -> Vec<Line<CandidateRow>> {
    let list: Vec<&Candidate> = candidates.iter().filter(|c| all || c.is_active()).collect();
    let list = sorted(list, |c| (place_of(positions, &c.org).0 as i64, c.person.name.clone()));
    let mut lines = Vec::new();
    let mut last = None;
    for c in list {
        let (pos, branch) = place_of(positions, &c.org);
        if last != Some(pos) {
            lines.push(Line::Group(pos.to_string(), branch));
            last = Some(pos);
        }
        let stage = match &c.stopped {
            Some(s) => format!("{}（{}）", dt().dev_stopped, s.reason),
            None => c.stage().label().to_string(),
        };
        let latest = c
            .latest_step()
            .map(|s| format!("{} {}（{}）", s.number(), s.label(), day_text(c.date(s))))
            .unwrap_or_default();
        lines.push(Line::Row(CandidateRow {
            id: c.id.clone(),
            name: c.person.name.clone(),
            sex: c.person.sex.clone(),
            age: c.person.age_on(today).map(|a| a.to_string()).unwrap_or_default(),
            stage,
            latest,
            flags: check(c, today).iter().map(|f| (f.is_breach(), finding_short(f))).collect(),
            active: c.is_active(),
        }));
    }
    lines
}

fn candidate_row(c: &CandidateRow) -> AnyView {
    let flags = c.flags.iter().map(|(red, words)| flag(*red, words.to_string())).collect();
    tr(
        (!c.active).then_some("left"),
        vec![
            cell_of("", vec![link(format!("#/development/{}", c.id), c.name.clone())]),
            cell("", c.sex.clone()),
            cell("num", c.age.clone()),
            cell("", c.stage.clone()),
            cell("", c.latest.clone()),
            cell_of("flags", flags),
        ],
    )
}

fn active_count(candidates: &[Candidate]) -> usize {
    let mut n = 0;
    for c in candidates {
        if c.is_active() {
            n += 1;
        }
    }
    n
}

#[component]
fn CandidateList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let candidates = state.collection::<Candidate>();
    let orgs = state.collection::<Org>();
    let show_all = RwSignal::new(false);
    let today = browser::today();
    let positions = Memo::new(move |_| org_positions(&orgs.get(), &state.pinyin.get()));
    let due = Memo::new(move |_| keyed_lines(due_lines(&candidates.get(), &positions.get(), today), 3, due_row));
    let lines = Memo::new(move |_| {
        let all = show_all.get();
        keyed_lines(candidate_lines(&candidates.get(), &positions.get(), all, today), 6, candidate_row)
    });
    let month = format!("{}年{}月", today.year(), today.month());
    let due_table = move || {
        let columns = [mt().col_name, dt().dev_due_what, dt().dev_due_date];
        data_table("due", &columns, keyed_body(due))
    };
    let list = move || {
        let columns = [mt().col_name, mt().col_sex, mt().col_age, dt().dev_stage, dt().dev_latest, dt().dev_findings];
        data_table("candidates", &columns, keyed_body(lines))
    };

    view! {
        <section class="page wide">
            <div class="page-head">
                <h2>{dt().dev_title}</h2>
                <a class="button primary" href="#/development/new">{dt().dev_new}</a>
            </div>
            <p class="intro">{dt().dev_intro}</p>
            <div class="card">
                <h3>{dt().dev_due_title} "（" {month} "）"</h3>
                <When
                    when=move || due.with(|d| !d.is_empty())
                    fallback=|| view! { <p class="muted">{dt().dev_due_none}</p> }
                >
                    {due_table()}
                </When>
            </div>
            <When
                when=move || !candidates.get().is_empty()
                fallback=|| view! { <p class="empty">{dt().dev_empty}</p> }
            >
                <div class="toolbar">
                    <p class="count">{move || active_count(&candidates.get())} " " {dt().dev_count}</p>
                    {checkbox_choice(dt().dev_show_all, show_all)}
                </div>
                {list()}
            </When>
        </section>
    }
}

impl Collected for Candidate {
    const KIND: &'static str = kind::CANDIDATE;
    fn decode(record: &Record) -> Candidate {
        Candidate::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}
