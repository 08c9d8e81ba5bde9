//! 组织评定 (先锋工程 五强 on a 100-point scheme): the branches of a year ranked by their totals
//! (a total opens its items), and one branch's year — its items scored, the 软弱涣散 signs its
//! records show with their evidence, a mark set by hand with its reason, and the 整顿方案 of a
//! flagged branch with the 五个不撤离 conditions checked off with dates; the plan ends only when
//! the domain says every condition is met.
//!
//! Every score, sign and check is `domain::scoring::org_rating`'s (the 公信度 flag is
//! `credibility`'s); this page lists and shows them.

use crate::domain::development::Candidate;
use crate::domain::hash::IdMap;
use crate::domain::org::{Org, OrgCategory};
use crate::domain::record::{kind, RecordId};
use crate::domain::replica::Edit;
use crate::domain::scoring::branch_points::branch_points;
use crate::domain::scoring::credibility::{results as credibility_results, Survey, SurveySheet};
use crate::domain::scoring::org_rating::{
    check_off, create_plan, org_ranking, rate_org, score, set_weak, weak_signs, OrgRating, OrgResult, RatingProblem,
    Rectification, WeakSign, CONDITIONS, LEADER, SCORE_PREFIX, START, WEAK_REASON,
};
use crate::domain::scoring::scheme::{Family, Fill, Scheme};
use crate::domain::scoring::seen::SeenRow;
use crate::ui::kit::export::xlsx_button;
use crate::ui::kit::fields::{
    checkbox_choice, date_action_card, day_text, message_line, new_id, save, select_field, text_field, year_options,
    Message,
};
use crate::ui::kit::table::{cell, cell_of, data_table, flag, keyed, keyed_body, row_button, tr};
use crate::ui::kit::tree::org_select;
use crate::ui::scoring::appraisal::inputs_text;
use crate::ui::scoring::changed::changed_notice;
use crate::ui::scoring::credibility::survey_of;
use crate::ui::scoring::text as st;
use crate::ui::scoring::{
    explain_card_of, field_at, named_or_year_scheme, one_edit, scheme_line, scheme_to_store, score_field, year_scheme,
    FormState, ScoringData,
};
use crate::ui::state::Collection;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use serde_json::Value;

/// The kinds this page reads (besides the section's): ratings and plans, the surveys whose flag
/// is a sign, and the candidates (no 发展对象 for years is a sign).
pub const KINDS: &[&str] = &[kind::ORG_RATING, kind::RECTIFICATION, kind::SURVEY, kind::SURVEY_SHEET, kind::CANDIDATE];

/// The organizations rated: the open branches and general branches (not 党小组, not the
/// township committee).
fn rated(o: &Org) -> bool {
    o.is_open() && !matches!(o.category, Some(OrgCategory::Group) | Some(OrgCategory::TownshipCommittee) | None)
}

/// What the page reads.
#[derive(Clone, Copy)]
struct Data {
    state: AppState,
    data: ScoringData,
    ratings: Collection<OrgRating>,
    plans: Collection<Rectification>,
    surveys: Collection<Survey>,
    sheets: Collection<SurveySheet>,
    candidates: Collection<Candidate>,
    year: Memo<i32>,
    /// The day the signs are read on: today, or the year's last day for a past year.
    day: Memo<NaiveDate>,
    today: NaiveDate,
}

impl Data {
    /// The organization's rating of the year (two stations' for one year: the lower id).
    fn rating_of(&self, org: &RecordId) -> Option<OrgRating> {
        let year = self.year.get();
        self.ratings.with(|all| {
            all.iter().filter(|r| r.org.as_ref() == Some(org) && r.year == year).min_by(|a, b| a.id.cmp(&b.id)).cloned()
        })
    }

    fn plan_of(&self, org: &RecordId) -> Option<Rectification> {
        let year = self.year.get();
        self.plans.with(|all| {
            all.iter().filter(|r| r.org.as_ref() == Some(org) && r.year == year).min_by(|a, b| a.id.cmp(&b.id)).cloned()
        })
    }

    /// The scheme a rating names, else the year's (or the template).
    fn scheme_of(&self, rating: Option<&OrgRating>) -> (Scheme, bool) {
        let named = rating.and_then(|r| r.scheme.as_ref());
        self.data.schemes.with(|all| named_or_year_scheme(all, named, Family::OrgRating, self.year.get()))
    }

    /// Every rated organization's result of the year.
    fn results(&self) -> Vec<(RecordId, OrgResult)> {
        let orgs: Vec<RecordId> =
            self.data.orgs.with(|all| all.iter().filter(|o| rated(o)).map(|o| o.id.clone()).collect());
        orgs.into_iter()
            .filter_map(|o| {
                let r = self.rating_of(&o)?;
                let (s, _) = self.scheme_of(Some(&r));
                Some((o, score(&s, &r)))
            })
            .collect()
    }

    /// The 软弱涣散 signs of an organization, as the domain reads its records.
    fn signs(&self, org: &RecordId, results: &[(RecordId, OrgResult)]) -> Vec<WeakSign> {
        let own = self.rating_of(org);
        let (scheme, _) = self.scheme_of(own.as_ref());
        let credibility = self.surveys.with(|all| survey_of(all, org, self.year.get())).and_then(|s| {
            let schemes = self.data.schemes.get();
            let survey_scheme = s.scheme.as_ref().and_then(|id| schemes.iter().find(|x| &x.id == id))?;
            self.sheets.with(|sheets| credibility_results(&s, survey_scheme, sheets)).first().and_then(|t| t.flag)
        });
        let all: Vec<OrgResult> = results.iter().map(|(_, r)| r.clone()).collect();
        let (orgs, cadres, candidates) = (self.data.orgs.get(), self.data.cadres.get(), self.candidates.get());
        weak_signs(org, &scheme, &orgs, &cadres, &candidates, credibility, &all, own.as_ref(), self.day.get())
    }

    fn org_name(&self, org: &RecordId) -> String {
        self.data.orgs.with(|all| all.iter().find(|o| &o.id == org).map(|o| o.name.clone()).unwrap_or_default())
    }
}

/// A branch as the list's row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct OrgRow {
    id: RecordId,
    rank: String,
    name: String,
    total: String,
    grade: String,
    signs: usize,
}

#[component]
pub fn OrgRatingPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let today = browser::today();
    let year_text = RwSignal::new(today.year().to_string());
    let year = Memo::new(move |_| year_text.get().parse::<i32>().unwrap_or(today.year()));
    let day = Memo::new(move |_| NaiveDate::from_ymd_opt(year.get(), 12, 31).map_or(today, |end| end.min(today)));
    let d = Data {
        state,
        data,
        ratings: state.collection::<OrgRating>(),
        plans: state.collection::<Rectification>(),
        surveys: state.collection::<Survey>(),
        sheets: state.collection::<SurveySheet>(),
        candidates: state.collection::<Candidate>(),
        year,
        day,
        today,
    };
    let years = Signal::derive(move || {
        year_options(d.ratings.get().iter().filter_map(|r| NaiveDate::from_ymd_opt(r.year, 1, 1)), today)
    });
    let chosen = RwSignal::new(String::new());
    let results = Memo::new(move |_| d.results());
    let explained: RwSignal<Option<RecordId>> = RwSignal::new(None);
    let on_total = Callback::new(move |id: RecordId| explained.set(Some(id)));
    let on_name = Callback::new(move |id: RecordId| chosen.set(id.to_string()));
    let plain_rows = Memo::new(move |_| {
        let all = results.get();
        let ranked = org_ranking(all.clone());
        let orgs: Vec<RecordId> = data.orgs.with(|os| os.iter().filter(|o| rated(o)).map(|o| o.id.clone()).collect());
        let mut rows: Vec<OrgRow> = ranked
            .iter()
            .map(|(rank, (o, r))| OrgRow {
                id: o.clone(),
                rank: rank.to_string(),
                name: d.org_name(o),
                total: r.explained.total.text(),
                grade: r.grade.clone().unwrap_or_default(),
                signs: d.signs(o, &all).len(),
            })
            .collect();
        let mut others: Vec<OrgRow> = orgs
            .iter()
            .filter(|o| !all.iter().any(|(x, _)| x == *o))
            .map(|o| OrgRow {
                id: o.clone(),
                rank: String::new(),
                name: d.org_name(o),
                total: st::ORG_NOT_RATED.to_string(),
                grade: String::new(),
                signs: d.signs(o, &all).len(),
            })
            .collect();
        others.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        rows.extend(others);
        rows
    });
    let rows = Memo::new(move |_| {
        plain_rows
            .get()
            .into_iter()
            .map(|r| {
                keyed(r, move |r: &OrgRow| {
                    let (id, name) = (r.id.clone(), r.name.clone());
                    let choose = view! {
                        <button type="button" class="link" on:click=move |_| on_name.run(id.clone())>{name}</button>
                    };
                    let total = match r.rank.is_empty() {
                        true => r.total.clone().into_any(),
                        false => {
                            let (id, words) = (r.id.clone(), r.total.clone());
                            view! { <button type="button" class="link" on:click=move |_| on_total.run(id.clone())>{words}</button> }
                                .into_any()
                        }
                    };
                    let signs = match r.signs {
                        0 => cell("", String::new()),
                        n => cell_of("", vec![flag(true, st::signs_count(n))]),
                    };
                    tr(
                        None,
                        vec![
                            cell("num", r.rank.clone()),
                            cell_of("name", vec![choose.into_any()]),
                            cell_of("num total", vec![total]),
                            cell("", r.grade.clone()),
                            signs,
                        ],
                    )
                })
            })
            .collect::<Vec<_>>()
    });
    let empty = move || rows.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_ORGS}</p> });
    // Shown on demand: it reads every member's points of the year (a county's take a second).
    let by_points = RwSignal::new(false);
    // The ranked branches with each item's points, then the others; the signs in words.
    let export = xlsx_button(st::TAB_ORGS, move || {
        let year = d.year.get_untracked();
        let title = st::org_rating_title(year);
        let (scheme, _) = untrack(|| d.scheme_of(None));
        let items: Vec<(String, String)> = scheme.leaves().iter().map(|i| (i.id.clone(), i.label.clone())).collect();
        let mut head = vec![st::RANK.to_string(), st::RATED_ORG.to_string()];
        head.extend(items.iter().map(|(_, l)| l.clone()));
        head.extend([st::SCORE, st::GRADE, st::WEAK_SIGNS, st::WEAK_MARK].map(str::to_string));
        let mut lines = vec![vec![title.clone()], head];
        untrack(|| {
            let all = results.get();
            let ranked = org_ranking(all.clone());
            let mut others: Vec<(String, RecordId)> = data.orgs.with(|os| {
                os.iter()
                    .filter(|o| rated(o) && !all.iter().any(|(x, _)| *x == o.id))
                    .map(|o| (o.name.clone(), o.id.clone()))
                    .collect()
            });
            others.sort();
            let rated_rows = ranked.iter().map(|(rank, (o, r))| (rank.to_string(), o.clone(), Some(r)));
            let other_rows = others.into_iter().map(|(_, o)| (String::new(), o, None));
            for (rank, o, r) in rated_rows.chain(other_rows) {
                let mut line = vec![rank, d.org_name(&o)];
                line.extend(items.iter().map(|(id, _)| {
                    r.and_then(|r| r.explained.items.iter().find(|i| &i.item == id))
                        .map(|i| i.points.text())
                        .unwrap_or_default()
                }));
                line.push(r.map_or_else(|| st::ORG_NOT_RATED.to_string(), |r| r.explained.total.text()));
                line.push(r.and_then(|r| r.grade.clone()).unwrap_or_default());
                line.push(d.signs(&o, &all).iter().map(WeakSign::message).collect::<Vec<_>>().join(" "));
                let rating = d.rating_of(&o).filter(|r| r.weak);
                line.push(rating.map(|r| r.weak_reason).unwrap_or_default());
                lines.push(line);
            }
        });
        (title, lines)
    });
    let explain = move || {
        let id = explained.get()?;
        let r = results.with(|all| all.iter().find(|(o, _)| *o == id).map(|(_, r)| r.clone()))?;
        Some(explain_card(d, &id, &r, Callback::new(move |_| explained.set(None))))
    };
    let scheme_text = move || {
        let (s, stored) = d.scheme_of(None);
        scheme_line(&s, stored, st::ORGS_TEMPLATE)
    };
    let body = move || {
        let Some(org) = RecordId::parse(&chosen.get()) else {
            return view! { <p class="muted">{st::RATING_CHOOSE}</p> }.into_any();
        };
        year.track();
        org_card(d, org, results)
    };
    // Results an import changed since the year's list was last shown (point 10).
    let scope = Signal::derive(move || Some(format!("orgs.{}", year.get())));
    let seen_rows = Signal::derive(move || {
        plain_rows.with(|rows| {
            let seen = |r: &OrgRow| SeenRow {
                key: r.id.to_string(),
                name: r.name.clone(),
                result: st::score_with_grade(&r.total, &r.grade),
            };
            rows.iter().map(seen).collect()
        })
    });
    view! {
        <p class="intro">{st::ORGS_INTRO}</p>
        <div class="toolbar">
            {select_field("og-year", st::YEAR, year_text, RwSignal::new(None), years)}
            <p class="count">{scheme_text}</p>
        </div>
        {changed_notice(scope, seen_rows)}
        <div class="wide-table">
            {data_table("orgs-rated", &[st::RANK, st::RATED_ORG, st::SCORE, st::GRADE, st::WEAK_SIGNS], keyed_body(rows))}
        </div>
        <div class="toolbar no-print">
            <span class="buttons">
                {export}
                <button type="button" aria-expanded=move || by_points.get().to_string()
                    on:click=move |_| by_points.update(|b| *b = !*b)>
                    {move || if by_points.get() { st::BY_POINTS_HIDE } else { st::BY_POINTS }}
                </button>
            </span>
        </div>
        {move || by_points.get().then(|| points_card(d))}
        {empty}
        {explain}
        <div class="toolbar org-pick">
            <div class="field">
                <label for="og-org">{st::RATED_ORG}</label>
                {org_select("og-org", st::CHOOSE_BRANCH, chosen, data.orgs, state.pinyin)}
            </div>
        </div>
        <div class="org-rating">{body}</div>
    }
}

/// The branches ranked by their members' average 党员积分 of the year, with its .xlsx.
fn points_card(d: Data) -> AnyView {
    let data = d.data;
    let rows = Memo::new(move |_| {
        let year = d.year.get();
        let (scheme, _) = data.schemes.with(|all| year_scheme(all, Family::MemberPoints, year));
        let totals = data.ledger.with(&data, &scheme, |ledger| ledger.totals());
        let org_of: IdMap<RecordId> =
            data.members.with(|ms| ms.iter().filter_map(|m| Some((m.id.clone(), m.org.clone()?))).collect());
        let list = data.orgs.with(|os| {
            let rated_ids: Vec<RecordId> = os.iter().filter(|o| rated(o)).map(|o| o.id.clone()).collect();
            branch_points(&totals, &org_of, os, &rated_ids)
        });
        list.into_iter()
            .map(|(rank, b)| vec![rank.to_string(), d.org_name(&b.org), b.members.to_string(), b.average.text()])
            .collect::<Vec<_>>()
    });
    let columns = [st::RANK, st::RATED_ORG, st::MEMBERS_RATED, st::AVERAGE_POINTS];
    let export = xlsx_button(st::TAB_ORGS, move || {
        let title = st::branch_points_title(d.year.get_untracked());
        let mut lines = vec![vec![title.clone()], columns.map(str::to_string).to_vec()];
        lines.extend(rows.get_untracked());
        (title, lines)
    });
    let body = move || {
        rows.get()
            .into_iter()
            .map(|r| {
                let cells = r
                    .into_iter()
                    .enumerate()
                    .map(|(k, v)| view! { <td class=if k == 1 { "name" } else { "num" }>{v}</td> })
                    .collect_view();
                view! { <tr>{cells}</tr> }
            })
            .collect_view()
    };
    let heads = columns.map(|c| view! { <th scope="col">{c}</th> });
    let empty = move || rows.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_BRANCH_POINTS}</p> });
    view! {
        <div class="card branch-points-card">
            <h3>{move || st::branch_points_title(d.year.get())}</h3>
            <p class="muted">{st::BY_POINTS_HINT}</p>
            <table class="data branch-points">
                <thead><tr>{heads.into_iter().collect_view()}</tr></thead>
                <tbody>{body}</tbody>
            </table>
            {empty}
            <div class="toolbar no-print">{export}</div>
        </div>
    }
    .into_any()
}

/// How a total came about: the scheme version, each item with its points, maximum and inputs.
fn explain_card(d: Data, org: &RecordId, r: &OrgResult, close: Callback<()>) -> AnyView {
    let name = d.org_name(org);
    let rating = untrack(|| d.rating_of(org));
    let (scheme, stored) = untrack(|| d.scheme_of(rating.as_ref()));
    let mut lines = vec![scheme_line(&scheme, stored, st::ORGS_TEMPLATE)];
    for i in &r.explained.items {
        let max = scheme.item(&i.item).map_or(0, |x| x.points);
        lines.push(st::item_line(&i.label, &i.points.text(), max, &inputs_text(&i.inputs)));
    }
    lines.push(st::total_grade(&r.explained.total.text(), r.grade.as_deref().unwrap_or_default(), r.passed));
    explain_card_of(st::org_explain_title(&name), lines, close)
}

/// One organization's year: its scores, its signs and mark, its plan.
fn org_card(d: Data, org: RecordId, results: Memo<Vec<(RecordId, OrgResult)>>) -> AnyView {
    let o = org.clone();
    let signs = Memo::new(move |_| results.with(|all| d.signs(&o, all)));
    let title = st::rating_title(&d.org_name(&org), untrack(|| d.year.get()));
    let o = org.clone();
    let plan_shown = Memo::new(move |_| !signs.with(Vec::is_empty) || d.plan_of(&o).is_some());
    let o = org.clone();
    let plan = move || plan_shown.get().then(|| plan_card(d, o.clone()));
    view! {
        <h3>{title}</h3>
        <div class="forms-grid">
            {rating_form(d, org.clone(), results)}
            {signs_card(d, org.clone(), signs)}
        </div>
        {plan}
    }
    .into_any()
}

/// Ids for the typed items' inputs, by the item's place in the scheme.
const R_SCORES: [&str; 10] =
    ["og-s1", "og-s2", "og-s3", "og-s4", "og-s5", "og-s6", "og-s7", "og-s8", "og-s9", "og-s10"];

/// The typed items scored (a new rating, or the year's rating changed), and the result.
fn rating_form(d: Data, org: RecordId, results: Memo<Vec<(RecordId, OrgResult)>>) -> AnyView {
    let existing = untrack(|| d.rating_of(&org));
    let (scheme, _) = untrack(|| d.scheme_of(existing.as_ref()));
    let items: Vec<(String, String, i64)> = scheme
        .leaves()
        .into_iter()
        .filter(|i| i.fill == Fill::Typed)
        .take(R_SCORES.len())
        .map(|i| (i.id.clone(), i.label.clone(), i.points))
        .collect();
    let values: Vec<RwSignal<String>> = items
        .iter()
        .map(|(id, _, _)| {
            let typed =
                existing.as_ref().and_then(|r| r.scores.iter().find(|(i, _)| i == id)).map(|(_, n)| n.to_string());
            RwSignal::new(typed.unwrap_or_default())
        })
        .collect();
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let (list, vals, o) = (items.clone(), values.clone(), org.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let existing = d.rating_of(&o);
        let (scheme, stored) = d.scheme_of(existing.as_ref());
        let typed: Vec<(String, String)> =
            list.iter().zip(&vals).map(|((id, _, _), v)| (id.clone(), v.get_untracked())).collect();
        let created = match rate_org(Some(&o), &scheme, &typed, new_id()) {
            Ok(e) => e,
            Err(p) => {
                let at = |p: &RatingProblem| {
                    let input = match p {
                        RatingProblem::ScoreOutOfRange { item, .. } => {
                            list.iter().position(|(_, l, _)| l == item).map(|k| R_SCORES[k])
                        }
                        _ => None,
                    };
                    (input.unwrap_or_else(|| field_at(p.field(), &[], "")), p.message())
                };
                return err.set(p.first().map(at));
            }
        };
        let edits = match (existing, created) {
            // The year's rating rescored: its fields as the domain checked them, items left blank
            // cleared.
            (Some(r), Edit::Create { fields, .. }) => {
                let mut fields = fields;
                for (id, _, _) in &list {
                    let key = format!("{SCORE_PREFIX}{id}");
                    if !fields.iter().any(|(k, _)| *k == key) {
                        fields.push((key, Value::Null));
                    }
                }
                vec![Edit::Update { id: r.id.clone(), fields }]
            }
            (_, e) => match scheme_to_store(&scheme, stored) {
                Ok(s) => s.into_iter().chain([e]).collect(),
                Err(words) => return err.set(Some(("", words))),
            },
        };
        save(d.state, edits, saving, message, format!("{}{}", st::RATING_SAVED, d.org_name(&o)), Box::new(|| {}));
    };
    let inputs = items
        .iter()
        .zip(values)
        .enumerate()
        .map(|(k, ((_, label, max), v))| score_field(R_SCORES[k], st::score_label_of(label, *max), v, err))
        .collect_view();
    let o = org.clone();
    let total = move || {
        results
            .with(|all| all.iter().find(|(x, _)| *x == o).map(|(_, r)| r.clone()))
            .map(|r| st::total_grade(&r.explained.total.text(), r.grade.as_deref().unwrap_or_default(), r.passed))
    };
    view! {
        <form class="card rating-form" on:submit=submit novalidate>
            <h4>{st::RATING_TITLE}</h4>
            <p class="muted">{st::RATING_HINT}</p>
            <p class="ledger-total" role="status">{total}</p>
            <div class="grid">{inputs}</div>
            {f.end(t().save, true)}
        </form>
    }
    .into_any()
}

const W_REASON: &str = "og-weak-reason";

/// The signs the records show, each with its evidence, and the mark set by hand.
fn signs_card(d: Data, org: RecordId, signs: Memo<Vec<WeakSign>>) -> AnyView {
    let list = move || {
        let items = signs.get();
        if items.is_empty() {
            return view! { <p class="ok">{st::SIGNS_NONE}</p> }.into_any();
        }
        let items = items.iter().map(|s| view! { <li>{flag(true, s.message())}</li> }).collect_view();
        view! { <ul class="signs">{items}</ul> }.into_any()
    };
    let existing = untrack(|| d.rating_of(&org));
    let weak = RwSignal::new(existing.as_ref().is_some_and(|r| r.weak));
    let reason = RwSignal::new(existing.map(|r| r.weak_reason).unwrap_or_default());
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(r) = d.rating_of(&org) else {
            return err.set(Some(("", st::RATE_FIRST.to_string())));
        };
        match set_weak(&r, weak.get_untracked(), &reason.get_untracked()) {
            Ok(Some(e)) => save(d.state, vec![e], saving, message, st::MARK_SAVED.to_string(), Box::new(|| {})),
            Ok(None) => message.set(Some((true, st::NOTHING_CHANGED.to_string()))),
            Err(p) => err.set(p.first().map(|p| (field_at(p.field(), &[(WEAK_REASON, W_REASON)], ""), p.message()))),
        }
    };
    view! {
        <div class="card signs-card">
            <h4>{st::WEAK_SIGNS}</h4>
            {list}
            <form on:submit=submit novalidate>
                {checkbox_choice(st::MARK_WEAK, weak)}
                <div class="grid">{text_field(W_REASON, st::WEAK_REASON, reason, err, "")}</div>
                {f.end(st::SAVE_MARK, false)}
            </form>
        </div>
    }
    .into_any()
}

const P_START: &str = "og-plan-start";
const P_LEADER: &str = "og-plan-leader";

/// The 整顿方案: begun for a flagged organization, its five conditions checked off with dates,
/// ended only when all are met.
fn plan_card(d: Data, org: RecordId) -> AnyView {
    let o = org.clone();
    let plan = Memo::new(move |_| d.plan_of(&o));
    let started = Memo::new(move |_| plan.with(Option::is_some));
    let o = org.clone();
    let body = move || match started.get() {
        false => new_plan(d, o.clone()),
        true => conditions(d, plan),
    };
    view! {
        <div class="card plan">
            <h3>{st::PLAN_TITLE}</h3>
            {body}
        </div>
    }
    .into_any()
}

fn new_plan(d: Data, org: RecordId) -> AnyView {
    let start = RwSignal::new(day_text(Some(d.today)));
    let leader = RwSignal::new(String::new());
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let year = d.year.get_untracked();
        match create_plan(&org, year, &start.get_untracked(), &leader.get_untracked(), d.today, new_id()) {
            Ok(e) => save(d.state, vec![e], saving, message, st::PLAN_SAVED.to_string(), Box::new(|| {})),
            Err(p) => err.set(
                p.first().map(|p| (field_at(p.field(), &[(START, P_START), (LEADER, P_LEADER)], ""), p.message())),
            ),
        }
    };
    view! {
        <form on:submit=submit novalidate>
            <p class="muted">{st::PLAN_NONE}</p>
            <div class="grid">
                {text_field(P_START, st::PLAN_START, start, err, t().date_hint)}
                {text_field(P_LEADER, st::PLAN_LEADER, leader, err, "")}
            </div>
            {f.end(st::CREATE_PLAN, true)}
        </form>
    }
    .into_any()
}

/// A condition as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ConditionRow {
    n: usize,
    label: &'static str,
    met: String,
}

fn conditions(d: Data, plan: Memo<Option<Rectification>>) -> AnyView {
    let acting: RwSignal<Option<usize>> = RwSignal::new(None);
    let action_message: Message = RwSignal::new(None);
    let on_check = Callback::new(move |n: usize| acting.set(Some(n)));
    let rows = Memo::new(move |_| {
        let Some(p) = plan.get() else { return Vec::new() };
        CONDITIONS
            .iter()
            .zip(p.met)
            .enumerate()
            .map(|(k, (label, met))| ConditionRow {
                n: k + 1,
                label,
                met: met.map_or_else(|| st::NOT_YET.to_string(), |m| day_text(Some(m))),
            })
            .map(|r| {
                keyed(r, move |r: &ConditionRow| {
                    let button = row_button(st::CHECK_OFF, format!("{}{}", r.label, st::CHECK_OFF), on_check, r.n);
                    tr(
                        None,
                        vec![
                            cell("num", r.n.to_string()),
                            cell("", r.label.to_string()),
                            cell_of("", vec![r.met.clone().into_any(), button]),
                        ],
                    )
                })
            })
            .collect::<Vec<_>>()
    });
    let action = move || {
        let n = acting.get()?;
        let p = plan.get()?;
        let today = d.today;
        let apply: crate::ui::kit::fields::Apply =
            Box::new(move |date: &str| one_edit(check_off(&p, n, date, today), RatingProblem::message));
        Some(date_action_card(
            format!("{}：{}", st::CHECK_OFF, CONDITIONS[n - 1]),
            st::MET_ON,
            st::CHECK_OFF,
            apply,
            Callback::new(move |_| acting.set(None)),
            action_message,
        ))
    };
    let close_message: Message = RwSignal::new(None);
    let close = move |_| {
        let Some(p) = plan.get_untracked() else { return };
        close_message.set(Some(match p.done() {
            true => (true, st::PLAN_CLOSED.to_string()),
            false => (false, st::plan_open(&p.open())),
        }));
    };
    let head = move || plan.get().map(|p| st::plan_head(&day_text(p.start), &p.leader));
    // Every condition met (the domain's word): the plan has ended, and there is nothing to end.
    let done = Memo::new(move |_| plan.with(|p| p.as_ref().is_some_and(Rectification::done)));
    let status = move || done.get().then(|| view! { <p class="ok" role="status">{st::PLAN_CLOSED}</p> });
    view! {
        <p class="muted">{head}</p>
        {data_table("conditions", &[st::SEQ, st::CONDITION, st::MET_ON], keyed_body(rows))}
        {action}
        {message_line(action_message)}
        {status}
        <Show when=move || !done.get()>
            <div class="actions">
                <button type="button" on:click=close>{st::CLOSE_PLAN}</button>
            </div>
            {message_line(close_message)}
        </Show>
    }
    .into_any()
}

collected!(OrgRating, kind::ORG_RATING);
collected!(Rectification, kind::RECTIFICATION);
