//! 民主评议党员: a branch's review of a year in the four steps of seed 001. Step 1's counts (a
//! tally typed from the paper count, or ballots transcribed one by one with no voter), steps 2–4
//! with their grades (the 优秀 quota checked by the domain and refused with its numbers), each
//! member's result, and the 处置 of a member graded 不合格 with its vote.
//!
//! Every check (who may be graded, the quota, counts over the voters present, the vote's quorum
//! and majority) is `domain::scoring::review`'s; this page lists the branch and shows results.

use crate::domain::member::PROBATIONARY;
use crate::domain::record::{kind, RecordId};
use crate::domain::scoring::explain::permille_text;
use crate::domain::scoring::meeting::member_of_on;
use crate::domain::scoring::notice::review_published;
use crate::domain::scoring::review::{
    count, create_ballot, create_disposal, create_review, create_tally, latest_step, quota, record_step, results,
    Ballot, Choice, Counted, Disposal, Grade, Measure, MemberCount, MemberResult, Review, ReviewProblem, Step,
    StepRecord, Tally, Vote, APPROVE, DATE, MEASURE, ORG, PRESENT, STEP,
};
use crate::domain::scoring::scheme::{Family, Scheme};
use crate::domain::scoring::seen::SeenRow;
use crate::ui::cadres::trainings::org_name;
use crate::ui::kit::export::xlsx_button;
use crate::ui::kit::fields::{
    day_text, error_of, new_id, plain_options, save, select_field, sorted, text_field, year_options,
};
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::table::{cell, cell_of, data_table, keyed, keyed_body, tr, warn_box};
use crate::ui::scoring::changed::changed_notice;
use crate::ui::scoring::notice::{notice_page, NoticeContent, NoticeOf};
use crate::ui::scoring::text as st;
use crate::ui::scoring::{
    explain_card_of, field_at, named_or_year_scheme, org_year_toolbar, scheme_line, scheme_to_store, FormState,
    ScoringData,
};
use crate::ui::state::Collection;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use std::collections::HashMap;

/// The kinds this page reads (besides the section's).
pub const KINDS: &[&str] =
    &[kind::REVIEW, kind::REVIEW_BALLOT, kind::REVIEW_TALLY, kind::REVIEW_STEP, kind::REVIEW_DISPOSAL];

/// What the page reads.
#[derive(Clone, Copy)]
struct ReviewData {
    reviews: Collection<Review>,
    ballots: Collection<Ballot>,
    tallies: Collection<Tally>,
    steps: Collection<StepRecord>,
    disposals: Collection<Disposal>,
}

/// A member of the branch as the page lists them.
#[derive(Clone, PartialEq)]
struct Person {
    id: RecordId,
    name: String,
    probationary: bool,
}

/// A review open on the page, with what its forms read.
#[derive(Clone, Copy)]
struct Open {
    state: AppState,
    data: ScoringData,
    rd: ReviewData,
    review: Memo<Option<Review>>,
    scheme: Memo<(Scheme, bool)>,
    /// The branch's members who are graded (not 预备党员), by name.
    graded: Memo<Vec<Person>>,
    counted: Memo<Option<(Vec<MemberCount>, Vec<RecordId>)>>,
    today: NaiveDate,
}

impl Open {
    fn name(&self, id: &RecordId) -> String {
        self.data.members.with(|ms| ms.iter().find(|m| &m.id == id).map(|m| m.name.clone()).unwrap_or_default())
    }

    fn org_name(&self, id: Option<&RecordId>) -> String {
        self.data.orgs.with_untracked(|orgs| org_name(orgs, &id.cloned()))
    }

    fn counts_untracked(&self) -> Vec<MemberCount> {
        self.counted.get_untracked().map(|c| c.0).unwrap_or_default()
    }
}

/// A branch's review of a year (two stations that each began it: the lower id, the same
/// everywhere).
fn review_of(all: &[Review], org: &RecordId, year: i32) -> Option<Review> {
    all.iter().filter(|r| r.org.as_ref() == Some(org) && r.year == year).min_by(|a, b| a.id.cmp(&b.id)).cloned()
}

/// A whole number typed in a count field ("" is 0 unless `required`).
fn count_of(text: &str, required: bool) -> Option<u32> {
    match text.trim() {
        "" if !required => Some(0),
        t => t.parse().ok(),
    }
}

/// `chosen` (from `#/scoring/review/<org>/<year>`) opens a branch's year, as its 公示 links back.
#[component]
pub fn ReviewPage(chosen: Option<(RecordId, i32)>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let rd = ReviewData {
        reviews: state.collection::<Review>(),
        ballots: state.collection::<Ballot>(),
        tallies: state.collection::<Tally>(),
        steps: state.collection::<StepRecord>(),
        disposals: state.collection::<Disposal>(),
    };
    let today = browser::today();
    let branch = RwSignal::new(chosen.as_ref().map(|(o, _)| o.to_string()).unwrap_or_default());
    let year = RwSignal::new(chosen.map_or(today.year(), |(_, y)| y).to_string());
    let y = move || year.get().parse::<i32>().unwrap_or(today.year());
    let years = Signal::derive(move || {
        year_options(rd.reviews.get().iter().filter_map(|r| NaiveDate::from_ymd_opt(r.year, 1, 1)), today)
    });
    let review = Memo::new(move |_| {
        let org = RecordId::parse(&branch.get())?;
        rd.reviews.with(|all| review_of(all, &org, y()))
    });
    let scheme = Memo::new(move |_| {
        let named = review.with(|r| r.as_ref().and_then(|r| r.scheme.clone()));
        data.schemes.with(|all| named_or_year_scheme(all, named.as_ref(), Family::MemberReview, y()))
    });
    let roster = Memo::new(move |_| {
        let Some(org) = RecordId::parse(&branch.get()) else { return Vec::new() };
        let (members, orgs) = (data.members.get(), data.orgs.get());
        let day = review.with(|r| r.as_ref().and_then(|r| r.closes)).map_or(today, |c| c.min(today));
        let rows: Vec<Person> = members
            .iter()
            .filter(|m| m.is_current() && member_of_on(m, &org, &orgs, day))
            .map(|m| Person { id: m.id.clone(), name: m.name.clone(), probationary: m.category == PROBATIONARY })
            .collect();
        sorted(rows, |p| (0, p.name.clone()))
    });
    let graded = Memo::new(move |_| roster.get().into_iter().filter(|p| !p.probationary).collect::<Vec<_>>());
    // Off the page it keeps its counts: ballots typed elsewhere are counted when it comes back.
    let computed = while_shown(move || {
        let r = review.get()?;
        Some(rd.tallies.with(|t| rd.ballots.with(|b| count(&r, b, t))))
    });
    let counted = Memo::new(move |_| computed.get().as_ref().clone());
    let open = Open { state, data, rd, review, scheme, graded, counted, today };
    let scheme_text = Signal::derive(move || scheme.with(|(s, stored)| scheme_line(s, *stored, st::REVIEW_TEMPLATE)));
    let probationary = move || {
        let names: Vec<String> = roster.get().into_iter().filter(|p| p.probationary).map(|p| p.name).collect();
        (!names.is_empty()).then(|| view! { <p class="muted">{st::probationary_line(&names.join("、"))}</p> })
    };
    let body = move || {
        let Some(org) = RecordId::parse(&branch.get()) else {
            return view! { <p class="muted">{st::REVIEW_CHOOSE}</p> }.into_any();
        };
        match review.get() {
            None => start_card(open, org, untrack(y)),
            Some(r) => view! {
                {review_head(open, &r)}
                {probationary}
                {step_one(open)}
                {steps_card(open)}
                {disposal_card(open)}
            }
            .into_any(),
        }
    };
    view! {
        <p class="intro">{st::REVIEW_INTRO}</p>
        {org_year_toolbar(data, ["rv-branch", "rv-year"], [st::BRANCH, st::CHOOSE_BRANCH], branch, year, years, scheme_text)}
        <div class="review">{body}</div>
    }
}

const R_CLOSES: &str = "rv-closes";

/// Beginning the branch's review of the year (with the year's scheme, stored in the same commit
/// when it is the template).
fn start_card(open: Open, org: RecordId, year: i32) -> AnyView {
    let closes = RwSignal::new(format!("{year}-12-31"));
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let (scheme, stored) = open.scheme.get_untracked();
        let mut edits = match scheme_to_store(&scheme, stored) {
            Ok(e) => e.into_iter().collect::<Vec<_>>(),
            Err(words) => return err.set(Some(("", words))),
        };
        match open
            .rd
            .reviews
            .with_untracked(|all| create_review(Some(&org), &scheme, &closes.get_untracked(), all, new_id()))
        {
            Ok(e) => edits.push(e),
            Err(p) => return err.set(p.first().map(|p| (field_at(p.field(), &[(DATE, R_CLOSES)], ""), p.message()))),
        }
        let ok = format!("{}{}", st::REVIEW_STARTED, closes.get_untracked().trim());
        save(open.state, edits, saving, message, ok, Box::new(|| {}));
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <p class="muted">{st::REVIEW_NONE}</p>
            <div class="grid">{text_field(R_CLOSES, st::REVIEW_CLOSES, closes, err, t().date_hint)}</div>
            {f.end(st::REVIEW_START, true)}
        </form>
    }
    .into_any()
}

/// The review's scheme numbers: the 优秀 quota as the domain counts it, and the period.
fn review_head(open: Open, r: &Review) -> AnyView {
    let r = r.clone();
    let line = move || {
        let (s, _) = open.scheme.get();
        let day = r.closes.map_or(open.today, |c| c.min(open.today));
        let q = open.data.members.with(|ms| open.data.orgs.with(|os| quota(&s, &r, ms, os, day)));
        st::quota_line(q.quota, q.base_label, q.base, &permille_text(q.permille), q.rounding)
    };
    let closes = st::review_head(&day_text(untrack(|| open.review.get()).and_then(|r| r.closes)));
    view! {
        <p class="quota" role="status">{line}</p>
        <p class="muted">{closes}</p>
    }
    .into_any()
}

/// A member's step-1 counts as its row shows them.
#[derive(Clone, PartialEq, Eq, Hash)]
struct CountRow {
    name: String,
    counts: [u32; 5],
    from: String,
}

fn count_row(r: &CountRow) -> AnyView {
    let mut cells = vec![cell("name", r.name.clone())];
    cells.extend(r.counts.iter().map(|n| cell("num", n.to_string())));
    cells.push(cell("", r.from.clone()));
    tr(None, cells)
}

/// 第一步: the counts so far, and the two ways to enter them.
fn step_one(open: Open) -> AnyView {
    let rows = Memo::new(move |_| {
        let Some((counts, _)) = open.counted.get() else { return Vec::new() };
        let rows: Vec<CountRow> = counts
            .iter()
            .map(|c| CountRow {
                name: open.name(&c.member),
                counts: c.counts,
                from: match &c.from {
                    Counted::Tallied(_) => st::FROM_TALLY.to_string(),
                    Counted::Ballots(ids) => st::from_ballots(ids.len()),
                },
            })
            .collect();
        sorted(rows, |r| (0, r.name.clone())).into_iter().map(|r| keyed(r, count_row)).collect()
    });
    let empty = move || rows.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_COUNTS}</p> });
    let late = move || {
        let n = open.counted.with(|c| c.as_ref().map_or(0, |c| c.1.len()));
        (n > 0).then(|| warn_box(st::late_ballots(n), None))
    };
    let columns = [
        st::NAME,
        Grade::Excellent.label(),
        Grade::Qualified.label(),
        Grade::Basic.label(),
        Grade::Unqualified.label(),
        st::ABSTAIN,
        st::FROM,
    ];
    view! {
        <div class="card">
            <h3>{st::step_title(1, Step::BranchAppraisal.label())}</h3>
            <h4>{st::COUNTS_TITLE}</h4>
            {data_table("counts", &columns, keyed_body(rows))}
            {empty}
            {late}
            <div class="forms-grid">
                {tally_form(open)}
                {ballot_form(open)}
            </div>
        </div>
    }
    .into_any()
}

const T_MEMBER: &str = "rt-member";
const T_PRESENT: &str = "rt-present";
const T_COUNTS: [&str; 5] = ["rt-excellent", "rt-qualified", "rt-basic", "rt-unqualified", "rt-abstain"];
const COUNT_LABELS: [&str; 5] = ["优秀", "合格", "基本合格", "不合格", "弃权"];

/// The graded members as (id, name) options.
fn graded_options(open: Open) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || open.graded.get().into_iter().map(|p| (p.id.to_string(), p.name)).collect())
}

/// One member's counts from the paper tally: refused by the domain when they add up to more than
/// the voters present.
fn tally_form(open: Open) -> AnyView {
    let member = RwSignal::new(String::new());
    let present = RwSignal::new(String::new());
    let counts: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(review) = open.review.get_untracked() else { return };
        let Some(who) = RecordId::parse(&member.get_untracked()) else {
            return err.set(Some((T_MEMBER, st::CHOOSE_MEMBER.to_string())));
        };
        let Some(voters) = count_of(&present.get_untracked(), true) else {
            return err.set(Some((T_PRESENT, st::NOT_A_COUNT.to_string())));
        };
        let mut typed = [0u32; 5];
        for (k, c) in counts.iter().enumerate() {
            match count_of(&c.get_untracked(), false) {
                Some(n) => typed[k] = n,
                None => return err.set(Some((T_COUNTS[k], st::NOT_A_COUNT.to_string()))),
            }
        }
        let (members, orgs) = (open.data.members.get_untracked(), open.data.orgs.get_untracked());
        let edit = match create_tally(&review, &who, voters, typed, &members, &orgs, open.today, new_id()) {
            Ok(e) => e,
            Err(p) => return err.set(p.first().map(|p| review_problem_at(p, T_MEMBER))),
        };
        let ok = format!("{}{}", st::TALLY_SAVED, open.name(&who));
        save(
            open.state,
            vec![edit],
            saving,
            message,
            ok,
            Box::new(move || {
                member.set(String::new());
                for c in counts {
                    c.set(String::new());
                }
            }),
        );
    };
    let count_fields = (0..5).map(|k| text_field(T_COUNTS[k], COUNT_LABELS[k], counts[k], err, "0")).collect_view();
    view! {
        <form class="card tally" on:submit=submit novalidate>
            <h4>{st::TALLY_TITLE}</h4>
            <p class="muted">{st::TALLY_HINT}</p>
            <div class="grid">
                {select_field(T_MEMBER, st::MEMBER, member, err, graded_options(open))}
                {text_field(T_PRESENT, st::VOTERS_PRESENT, present, err, "")}
                {count_fields}
            </div>
            {f.end(t().save, true)}
        </form>
    }
    .into_any()
}

/// Where a review problem is shown: its field's input, else `other`.
fn review_problem_at(p: &ReviewProblem, other: &'static str) -> (&'static str, String) {
    let at = field_at(
        p.field(),
        &[(PRESENT, T_PRESENT), (DATE, ""), (ORG, ""), (STEP, S_STEP), (MEASURE, D_MEASURE), (APPROVE, D_APPROVE)],
        other,
    );
    (at, p.message())
}

const B_SHEET: &str = "rb-ballot";

/// One paper ballot, member by member; no voter is recorded.
fn ballot_form(open: Open) -> AnyView {
    let marks: RwSignal<HashMap<RecordId, String>> = RwSignal::new(HashMap::new());
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(review) = open.review.get_untracked() else { return };
        let choices: Vec<(RecordId, Choice)> = marks.with_untracked(|m| {
            open.graded
                .get_untracked()
                .iter()
                .filter_map(|p| m.get(&p.id).and_then(|c| Choice::from_label(c)).map(|c| (p.id.clone(), c)))
                .collect()
        });
        let (members, orgs) = (open.data.members.get_untracked(), open.data.orgs.get_untracked());
        let edit = match create_ballot(&review, &choices, &members, &orgs, open.today, new_id()) {
            Ok(e) => e,
            Err(p) => return err.set(p.first().map(|p| review_problem_at(p, B_SHEET))),
        };
        save(
            open.state,
            vec![edit],
            saving,
            message,
            st::BALLOT_SAVED.to_string(),
            Box::new(move || marks.set(HashMap::new())),
        );
    };
    let rows = move || {
        open.graded
            .get()
            .into_iter()
            .map(|p| {
                let (id, shown) = (p.id.clone(), p.id.clone());
                let aria = format!("{}{}", p.name, st::GRADES);
                let options = std::iter::once(("", st::NOT_MARKED))
                    .chain(COUNT_LABELS.iter().map(|l| (*l, *l)))
                    .map(|(v, l)| view! { <option value=v>{l}</option> })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row" class="name">{p.name.clone()}</th>
                        <td>
                            <select aria-label=aria
                                prop:value=move || marks.with(|m| m.get(&shown).cloned().unwrap_or_default())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    marks.update(|m| { m.insert(id.clone(), v); });
                                }>
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <form class="card ballot" on:submit=submit novalidate>
            <h4>{st::BALLOT_TITLE}</h4>
            <p class="muted">{st::BALLOT_HINT}</p>
            <fieldset id=B_SHEET class="field attendance" aria-describedby="rb-ballot-err">
                <legend>{st::BALLOT_LEGEND}</legend>
                <table class="data sheet"><tbody>{rows}</tbody></table>
                <p class="field-msg error" id="rb-ballot-err">{move || error_of(err, B_SHEET)}</p>
            </fieldset>
            {f.end(t().save, true)}
        </form>
    }
    .into_any()
}

/// A member's result as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ResultRow {
    id: RecordId,
    name: String,
    counts: String,
    steps: [String; 3],
}

fn counts_text(counts: &[u32; 5]) -> String {
    COUNT_LABELS.iter().zip(counts).map(|(l, n)| format!("{l}{n}")).collect::<Vec<_>>().join(" ")
}

const S_STEP: &str = "rs-step";
const S_DATE: &str = "rs-date";
const S_GRADES: &str = "rs-grades";
const LATER_STEPS: [Step; 3] = [Step::Recommend, Step::Approve, Step::Elect];

/// Steps 2–4: each member's result (a name opens how it came about), and the form that records
/// a step's grades.
fn steps_card(open: Open) -> AnyView {
    let list = Memo::new(move |_| {
        let Some(r) = open.review.get() else { return Vec::new() };
        let (s, _) = open.scheme.get();
        let counts = open.counted.get().map(|c| c.0).unwrap_or_default();
        open.rd.steps.with(|steps| results(&r, Some(&s), &counts, steps))
    });
    let explained: RwSignal<Option<RecordId>> = RwSignal::new(None);
    let on_name = Callback::new(move |id: RecordId| explained.set(Some(id)));
    let result_rows = Memo::new(move |_| {
        let rows: Vec<ResultRow> = list
            .get()
            .iter()
            .map(|m| ResultRow {
                id: m.member.clone(),
                name: open.name(&m.member),
                counts: m.count.as_ref().map(|c| counts_text(&c.counts)).unwrap_or_default(),
                steps: LATER_STEPS.map(|s| {
                    m.steps.iter().find(|(x, _, _)| *x == s).map(|(_, g, _)| g.label().to_string()).unwrap_or_default()
                }),
            })
            .collect();
        sorted(rows, |r| (0, r.name.clone()))
    });
    let rows = Memo::new(move |_| {
        result_rows
            .get()
            .into_iter()
            .map(|r| {
                keyed(r, move |r: &ResultRow| {
                    let (id, name) = (r.id.clone(), r.name.clone());
                    let button = view! {
                        <button type="button" class="link" on:click=move |_| on_name.run(id.clone())>{name}</button>
                    };
                    let mut cells = vec![cell_of("name", vec![button.into_any()]), cell("", r.counts.clone())];
                    cells.extend(
                        r.steps.iter().enumerate().map(|(k, g)| cell(if k == 2 { "total" } else { "" }, g.clone())),
                    );
                    tr(None, cells)
                })
            })
            .collect()
    });
    let empty = move || rows.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_STEPS}</p> });
    let explain = move || {
        let id = explained.get()?;
        let m = list.with(|l| l.iter().find(|m| m.member == id).cloned())?;
        Some(explain_card(open, &m, Callback::new(move |_| explained.set(None))))
    };
    let columns = [st::NAME, st::COUNTS_TITLE, Step::Recommend.label(), Step::Approve.label(), Step::Elect.label()];
    let export = xlsx_button(st::TAB_REVIEW, move || {
        let title = open.review.with_untracked(|r| {
            let r = r.as_ref();
            st::review_results_title(&open.org_name(r.and_then(|r| r.org.as_ref())), r.map_or(0, |r| r.year))
        });
        let mut lines = vec![vec![title.clone()], columns.map(str::to_string).to_vec()];
        lines.extend(result_rows.get_untracked().into_iter().map(|r| {
            let mut line = vec![r.name, r.counts];
            line.extend(r.steps);
            line
        }));
        (title, lines)
    });
    // Results an import changed since this review was last shown (point 10).
    let scope = Signal::derive(move || open.review.with(|r| r.as_ref().map(|r| format!("review.{}", r.id))));
    let seen_rows = Signal::derive(move || {
        let labels = [Step::Recommend.label(), Step::Approve.label(), Step::Elect.label()];
        result_rows.with(|rows| {
            rows.iter()
                .map(|r| SeenRow {
                    key: r.id.to_string(),
                    name: r.name.clone(),
                    result: st::review_result(&r.counts, &labels, &r.steps),
                })
                .collect()
        })
    });
    let notice_link = move || {
        let r = open.review.get()?;
        let href = NoticeOf::Review(r.org?).href(r.year);
        Some(view! { <a class="button" href=href>{st::PRINT_NOTICE}</a> })
    };
    view! {
        <div class="card">
            <h3>{st::STEPS_TITLE}</h3>
            <p class="muted">{st::RESULTS_HINT}</p>
            {changed_notice(scope, seen_rows)}
            <div class="wide-table">{data_table("results", &columns, keyed_body(rows))}</div>
            <div class="toolbar no-print">{export}{notice_link}</div>
            {empty}
            {explain}
            {step_form(open)}
        </div>
    }
    .into_any()
}

/// How a member's result came about: the scheme version, step 1's counts and where they came
/// from, each later step's grade with the day it was recorded, and the final grade.
fn explain_card(open: Open, m: &MemberResult, close: Callback<()>) -> AnyView {
    let name = open.name(&m.member);
    let scheme = open.scheme.with(|(s, stored)| scheme_line(s, *stored, st::REVIEW_TEMPLATE));
    let mut lines = vec![scheme];
    match &m.count {
        Some(c) => {
            let from = match &c.from {
                Counted::Tallied(_) => st::FROM_TALLY.to_string(),
                Counted::Ballots(ids) => st::from_ballots(ids.len()),
            };
            lines.push(st::explain_counts(Step::BranchAppraisal.label(), &counts_text(&c.counts), &from));
        }
        None => lines.push(st::explain_no_counts(Step::BranchAppraisal.label())),
    }
    for (step, grade, record) in &m.steps {
        let date = open.rd.steps.with(|all| all.iter().find(|s| &s.id == record).and_then(|s| s.date));
        lines.push(st::explain_step(step.label(), grade.label(), &day_text(date)));
    }
    lines.push(st::explain_final(m.grade.map(Grade::label)));
    explain_card_of(st::explain_title(&name), lines, close)
}

/// Recording step 2, 3 or 4: each graded member's grade, by default the previous step's.
fn step_form(open: Open) -> AnyView {
    let next = untrack(|| {
        let r = open.review.get()?;
        open.rd.steps.with(|steps| LATER_STEPS.into_iter().find(|s| latest_step(&r, steps, *s).is_none()))
    })
    .unwrap_or(Step::Elect);
    let step = RwSignal::new((next as i64).to_string());
    let date = RwSignal::new(day_text(Some(open.today)));
    let grades: RwSignal<HashMap<RecordId, Grade>> = RwSignal::new(HashMap::new());
    Effect::new(move |_| {
        step.track();
        grades.set(HashMap::new());
    });
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let chosen = move || step.with(|s| s.parse::<i64>().ok().and_then(Step::from_number));
    // The grade shown for a member: as marked here, else the previous step's, else 合格.
    let shown = move |id: &RecordId| -> Grade {
        if let Some(g) = grades.with(|m| m.get(id).copied()) {
            return g;
        }
        let previous = chosen().and_then(|s| Step::from_number(s as i64 - 1));
        let r = open.review.get();
        previous
            .zip(r)
            .and_then(|(p, r)| open.rd.steps.with(|steps| latest_step(&r, steps, p).and_then(|x| x.grade_of(id))))
            .unwrap_or(Grade::Qualified)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(review) = open.review.get_untracked() else { return };
        let Some(s) = untrack(chosen) else {
            return err.set(Some((S_STEP, st::STEP.to_string())));
        };
        let list: Vec<(RecordId, Grade)> =
            untrack(|| open.graded.get().into_iter().map(|p| (p.id.clone(), shown(&p.id))).collect());
        let (scheme, _) = open.scheme.get_untracked();
        let (members, orgs, steps) =
            (open.data.members.get_untracked(), open.data.orgs.get_untracked(), open.rd.steps.get_untracked());
        let counts = open.counts_untracked();
        let context = (&members[..], &orgs[..], &counts[..], &steps[..]);
        let edit = match record_step(&review, &scheme, s, &date.get_untracked(), &list, context, open.today, new_id()) {
            Ok(e) => e,
            Err(p) => {
                let at = |p: &ReviewProblem| match p.field() {
                    DATE => (S_DATE, p.message()),
                    _ => review_problem_at(p, S_GRADES),
                };
                return err.set(p.first().map(at));
            }
        };
        let ok = format!("{}{}", st::STEP_SAVED, s.label());
        save(open.state, vec![edit], saving, message, ok, Box::new(|| {}));
    };
    let options =
        Signal::stored(LATER_STEPS.iter().map(|s| ((*s as i64).to_string(), s.label().to_string())).collect());
    let rows = move || {
        open.graded
            .get()
            .into_iter()
            .map(|p| {
                let radios = Grade::ALL
                    .into_iter()
                    .map(|g| {
                        let (id, mark) = (p.id.clone(), p.id.clone());
                        view! {
                            <label class="choice">
                                <input type="radio" name=format!("rs-{}", p.id) prop:checked=move || shown(&mark) == g
                                    on:change=move |_| grades.update(|m| { m.insert(id.clone(), g); }) />
                                {g.label()}
                            </label>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row" class="name">{p.name.clone()}</th><td class="marks">{radios}</td></tr> }
            })
            .collect_view()
    };
    view! {
        <form class="card step-form" on:submit=submit novalidate>
            <h4>{st::RECORD_STEP}</h4>
            <div class="grid">
                {select_field(S_STEP, st::STEP, step, err, options)}
                {text_field(S_DATE, st::STEP_DATE, date, err, t().date_hint)}
            </div>
            <fieldset id=S_GRADES class="field attendance" aria-describedby="rs-grades-err">
                <legend>{st::GRADES}</legend>
                <p class="muted">{st::GRADES_HINT}</p>
                <table class="data sheet grades"><tbody>{rows}</tbody></table>
                <p class="field-msg error" id="rs-grades-err">{move || error_of(err, S_GRADES)}</p>
            </fieldset>
            {f.end(st::RECORD_STEP, true)}
        </form>
    }
    .into_any()
}

/// A 处置 as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct DisposalRow {
    name: String,
    measure: String,
    date: String,
    vote: String,
}

fn disposal_row(r: &DisposalRow) -> AnyView {
    tr(
        None,
        vec![
            cell("name", r.name.clone()),
            cell("", r.measure.clone()),
            cell("num", r.date.clone()),
            cell("", r.vote.clone()),
        ],
    )
}

const D_MEMBER: &str = "rd-member";
const D_MEASURE: &str = "rd-measure";
const D_DATE: &str = "rd-date";
const D_ENTITLED: &str = "rd-entitled";
const D_PRESENT: &str = "rd-present";
const D_APPROVE: &str = "rd-approve";
const D_NOTE: &str = "rd-note";

/// 不合格党员处置: the ones recorded, and the form with its vote.
fn disposal_card(open: Open) -> AnyView {
    let rows = Memo::new(move |_| {
        let Some(r) = open.review.get() else { return Vec::new() };
        let list: Vec<DisposalRow> = open.rd.disposals.with(|all| {
            all.iter()
                .filter(|d| d.review.as_ref() == Some(&r.id))
                .map(|d| DisposalRow {
                    name: d.member.as_ref().map(|m| open.name(m)).unwrap_or_default(),
                    measure: d.measure.map(Measure::label).unwrap_or_default().to_string(),
                    date: day_text(d.date),
                    vote: st::vote_text(d.entitled, d.present, d.approve),
                })
                .collect()
        });
        sorted(list, |r| (0, format!("{}{}", r.date, r.name))).into_iter().map(|r| keyed(r, disposal_row)).collect()
    });
    let empty = move || rows.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_DISPOSALS}</p> });
    // Those the 党员大会 graded 不合格 (the domain's result).
    let unqualified = Signal::derive(move || {
        let Some(r) = open.review.get() else { return Vec::new() };
        let counts = open.counted.get().map(|c| c.0).unwrap_or_default();
        open.rd
            .steps
            .with(|steps| results(&r, None, &counts, steps))
            .into_iter()
            .filter(|m| m.grade == Some(Grade::Unqualified))
            .map(|m| (m.member.to_string(), open.name(&m.member)))
            .collect::<Vec<_>>()
    });
    let member = RwSignal::new(String::new());
    let measure = RwSignal::new(String::new());
    let date = RwSignal::new(day_text(Some(open.today)));
    let [entitled, present, approve, note] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(review) = open.review.get_untracked() else { return };
        let members = open.data.members.get_untracked();
        let Some(who) = RecordId::parse(&member.get_untracked()).and_then(|id| members.iter().find(|m| m.id == id))
        else {
            return err.set(Some((D_MEMBER, st::CHOOSE_MEMBER.to_string())));
        };
        let mut numbers = [0u32; 3];
        for (k, (signal, at)) in
            [(entitled, D_ENTITLED), (present, D_PRESENT), (approve, D_APPROVE)].into_iter().enumerate()
        {
            match count_of(&signal.get_untracked(), true) {
                Some(n) => numbers[k] = n,
                None => return err.set(Some((at, st::NOT_A_COUNT.to_string()))),
            }
        }
        let vote = Vote { entitled: numbers[0], present: numbers[1], approve: numbers[2] };
        let steps = open.rd.steps.get_untracked();
        let result = create_disposal(
            &review,
            who,
            Measure::from_label(&measure.get_untracked()),
            &date.get_untracked(),
            vote,
            &note.get_untracked(),
            &steps,
            open.today,
            (new_id(), new_id()),
        );
        let edits = match result {
            Ok(e) => e,
            Err(p) => {
                let at = |p: &ReviewProblem| match p.field() {
                    DATE => (D_DATE, p.message()),
                    PRESENT => (D_PRESENT, p.message()),
                    _ => review_problem_at(p, D_MEMBER),
                };
                return err.set(p.first().map(at));
            }
        };
        let ok = format!("{}{}　{}{}", st::DISPOSAL_SAVED, who.name, measure.get_untracked(), st::DISPOSAL_KEPT);
        // One 党员大会 votes on each member in turn: its date and numbers stay for the next one,
        // what was the member's own goes.
        let next = move || {
            for s in [member, measure, note] {
                s.set(String::new());
            }
        };
        save(open.state, edits, saving, message, ok, Box::new(next));
    };
    let measures: Vec<&'static str> = Measure::ALL.iter().map(|m| m.label()).collect();
    let none = move || unqualified.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_UNQUALIFIED}</p> });
    view! {
        <div class="card">
            <h3>{st::DISPOSAL_TITLE}</h3>
            {data_table("disposals", &[st::NAME, st::MEASURE, st::STEP_DATE, st::VOTE], keyed_body(rows))}
            {empty}
            <form class="card disposal" on:submit=submit novalidate>
                <h4>{st::DISPOSE}</h4>
                <p class="muted">{st::DISPOSAL_HINT}</p>
                {none}
                <div class="grid">
                    {select_field(D_MEMBER, st::MEMBER, member, err, unqualified)}
                    {select_field(D_MEASURE, st::MEASURE, measure, err, plain_options(&measures))}
                    {text_field(D_DATE, st::STEP_DATE, date, err, t().date_hint)}
                    {text_field(D_ENTITLED, st::ENTITLED, entitled, err, "")}
                    {text_field(D_PRESENT, st::PRESENT_AT_VOTE, present, err, "")}
                    {text_field(D_APPROVE, st::APPROVE, approve, err, "")}
                    {text_field(D_NOTE, st::NOTE, note, err, "")}
                </div>
                {f.end(st::DISPOSE, true)}
            </form>
        </div>
    }
    .into_any()
}

collected!(Review, kind::REVIEW);
collected!(Ballot, kind::REVIEW_BALLOT);
collected!(Tally, kind::REVIEW_TALLY);
collected!(StepRecord, kind::REVIEW_STEP);
collected!(Disposal, kind::REVIEW_DISPOSAL);

/// The 公示 of a branch's year: the members graded 优秀 or 不合格 by the 党员大会 (the domain
/// says which are made public).
#[component]
pub fn ReviewNotice(org: RecordId, year: i32) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let (reviews, ballots, tallies, steps) = (
        state.collection::<Review>(),
        state.collection::<Ballot>(),
        state.collection::<Tally>(),
        state.collection::<StepRecord>(),
    );
    let back = format!("#/scoring/review/{org}/{year}");
    let content = Memo::new(move |_| {
        let branch = data.orgs.with(|orgs| org_name(orgs, &Some(org.clone())));
        let published = reviews.with(|all| review_of(all, &org, year)).map_or_else(Vec::new, |r| {
            let (counts, _) = tallies.with(|t| ballots.with(|b| count(&r, b, t)));
            review_published(&steps.with(|s| results(&r, None, &counts, s)))
        });
        let of = |g: Grade| published.iter().filter(|(_, x)| *x == g).count();
        let body = st::review_notice_body(&branch, year, of(Grade::Excellent), of(Grade::Unqualified));
        let rows = data.members.with(|ms| {
            published
                .iter()
                .enumerate()
                .map(|(k, (m, g))| {
                    let name = ms.iter().find(|x| &x.id == m).map(|x| x.name.clone()).unwrap_or_default();
                    vec![(k + 1).to_string(), name, g.label().to_string()]
                })
                .collect()
        });
        NoticeContent {
            title: st::review_notice_title(&branch, year),
            body,
            columns: vec![st::SEQ, st::NAME, st::NOTICE_RESULT],
            rows,
            empty: st::NOTICE_NO_REVIEW_RESULT,
            issuer: branch,
        }
    });
    notice_page(back, st::NOTICE_BACK_REVIEW, content.into())
}
