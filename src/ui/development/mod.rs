//! 发展党员: the month's due list and the candidates by branch with their stage and what the
//! timing rules found, and the routes to a candidate's page and the candidate form.

pub mod form;
pub mod page;

use crate::domain::development::{check, due_this_month, Candidate};
use crate::domain::org::{tree_order, Org};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::{kind, Record, RecordId};
use crate::ui::development::form::CandidateFormPage;
use crate::ui::development::page::CandidatePage;
use crate::ui::kit::fields::{day_key, day_text, html_block, sorted, Html, KindsGate};
use crate::ui::kit::inputs::checkbox_choice;
use crate::ui::state::Collected;
use crate::ui::text::{due_kind_label, finding_short, t};
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use std::collections::HashMap;

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
pub fn org_positions(orgs: &[Org], pinyin: &Pinyin) -> HashMap<RecordId, (usize, String)> {
    tree_order(orgs, pinyin).into_iter().enumerate().map(|(i, (_, o))| (o.id.clone(), (i, o.name.clone()))).collect()
}

/// The place of an organization for grouping: its position in tree order and its name.
pub fn place_of(positions: &HashMap<RecordId, (usize, String)>, org: &Option<RecordId>) -> (usize, String) {
    org.as_ref().and_then(|o| positions.get(o)).cloned().unwrap_or((usize::MAX, t().dev_no_branch.to_string()))
}

/// This month's due list by branch.
fn due_html(candidates: &[Candidate], positions: &HashMap<RecordId, (usize, String)>, today: NaiveDate) -> String {
    let items = due_this_month(candidates, today);
    let mut h = Html::default();
    if items.is_empty() {
        h.raw("<p class=\"muted\">").text(t().dev_due_none).raw("</p>");
        return h.0;
    }
    let items = sorted(items, |i| {
        let (pos, _) = place_of(positions, &i.org);
        (pos as i64 * 1_000_000 + day_key(Some(i.due)), i.name.clone())
    });
    h.table("due", &[t().col_name, t().dev_due_what, t().dev_due_date]);
    let mut last = None;
    for i in items {
        let (pos, branch) = place_of(positions, &i.org);
        if last != Some(pos) {
            h.group(&branch, 3);
            last = Some(pos);
        }
        h.raw("<tr><td>").link(&format!("#/development/{}", i.candidate), &i.name).raw("</td>");
        h.cell("", due_kind_label(i.kind)).raw("<td class=\"num\">");
        let due = day_text(Some(i.due));
        if i.overdue {
            h.flag(true, &format!("{}（{}）", due, t().dev_overdue));
        } else {
            h.text(&due);
        }
        h.raw("</td></tr>");
    }
    h.end_table();
    h.0
}

/// The candidates by branch: stage, the latest step, and what the rules found.
fn list_html(
    candidates: &[Candidate],
    positions: &HashMap<RecordId, (usize, String)>,
    all: bool,
    today: NaiveDate,
) -> String {
    let list: Vec<&Candidate> = candidates.iter().filter(|c| all || c.is_active()).collect();
    let list = sorted(list, |c| (place_of(positions, &c.org).0 as i64, c.person.name.clone()));
    let mut h = Html::default();
    h.table("candidates", &[t().col_name, t().col_sex, t().col_age, t().dev_stage, t().dev_latest, t().dev_findings]);
    let mut last = None;
    for c in list {
        let (pos, branch) = place_of(positions, &c.org);
        if last != Some(pos) {
            h.group(&branch, 6);
            last = Some(pos);
        }
        let stage = match &c.stopped {
            Some(s) => format!("{}（{}）", t().dev_stopped, s.reason),
            None => c.stage().label().to_string(),
        };
        let latest = c
            .latest_step()
            .map(|s| format!("{} {}（{}）", s.number(), s.label(), day_text(c.date(s))))
            .unwrap_or_default();
        h.raw(if c.is_active() { "<tr><td>" } else { "<tr class=\"left\"><td>" });
        h.link(&format!("#/development/{}", c.id), &c.person.name).raw("</td>");
        h.cell("", &c.person.sex)
            .cell("num", &c.person.age_on(today).map(|a| a.to_string()).unwrap_or_default())
            .cell("", &stage)
            .cell("", &latest)
            .raw("<td class=\"flags\">");
        for f in check(c, today) {
            h.flag(f.is_breach(), finding_short(&f));
        }
        h.raw("</td></tr>");
    }
    h.end_table();
    h.0
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
    let show_all = RwSignal::new(false);
    let today = browser::today();
    let due = Signal::derive(move || {
        let positions = org_positions(&state.collection::<Org>().get(), &state.pinyin.get());
        due_html(&candidates.get(), &positions, today)
    });
    let list = Signal::derive(move || {
        let all = show_all.get();
        let positions = org_positions(&state.collection::<Org>().get(), &state.pinyin.get());
        list_html(&candidates.get(), &positions, all, today)
    });
    let month = format!("{}年{}月", today.year(), today.month());

    view! {
        <section class="page wide">
            <div class="page-head">
                <h2>{t().dev_title}</h2>
                <a class="button primary" href="#/development/new">{t().dev_new}</a>
            </div>
            <p class="intro">{t().dev_intro}</p>
            <div class="card">
                <h3>{t().dev_due_title} "（" {month} "）"</h3>
                {html_block(due, None)}
            </div>
            <Show
                when=move || !candidates.get().is_empty()
                fallback=|| view! { <p class="empty">{t().dev_empty}</p> }
            >
                <div class="toolbar">
                    <p class="count">{move || active_count(&candidates.get())} " " {t().dev_count}</p>
                    {checkbox_choice(t().dev_show_all, show_all)}
                </div>
                {html_block(list, None)}
            </Show>
        </section>
    }
}

impl Collected for Candidate {
    const KIND: &'static str = kind::CANDIDATE;
    fn decode(record: &Record) -> Candidate {
        Candidate::from_record(record)
    }
}
