//! 公信度调查 (seed 001): a village's 两委 team and the cadres chosen, surveyed once a year. The
//! survey begins with its people; answer sheets are typed one by one from the paper forms with
//! the respondent's group and no name; the results show each target's counts and rates, overall
//! and per group, and the 甄别 flag.
//!
//! Every check, rate and flag is `domain::scoring::credibility`'s; this page lists and shows.

use crate::domain::cadre::Cadre;
use crate::domain::record::{kind, RecordId};
use crate::domain::scoring::credibility::{
    create_sheet, create_survey, results, Answer, Survey, SurveySheet, Target, TargetResult, GROUP, ORG,
};
use crate::domain::scoring::explain::permille_text;
use crate::domain::scoring::scheme::{Family, Scheme};
use crate::domain::scoring::seen::SeenRow;
use crate::ui::kit::export::xlsx_button;
use crate::ui::kit::fields::{checkbox_list, error_of, new_id, percent, save, select_field, sorted, year_options};
use crate::ui::kit::table::{cell, cell_of, data_table, flag, keyed, keyed_body, tr, warn_box, warn_list};
use crate::ui::members::print::print_now;
use crate::ui::scoring::changed::changed_notice;
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
pub const KINDS: &[&str] = &[kind::SURVEY, kind::SURVEY_SHEET];

/// The survey of an organization's year (two stations' for one year: the lower id).
pub fn survey_of(surveys: &[Survey], org: &RecordId, year: i32) -> Option<Survey> {
    surveys.iter().filter(|s| s.org.as_ref() == Some(org) && s.year == year).min_by(|a, b| a.id.cmp(&b.id)).cloned()
}

/// The name a target goes by: the team, or the cadre's name.
fn target_name(cadres: &[Cadre], t: &Target) -> String {
    match t {
        Target::Team => st::TEAM.to_string(),
        Target::Cadre(id) => cadres.iter().find(|c| &c.id == id).map(|c| c.person.name.clone()).unwrap_or_default(),
    }
}

/// A survey open on the page.
#[derive(Clone, Copy)]
struct Open {
    state: AppState,
    data: ScoringData,
    sheets: Collection<SurveySheet>,
    survey: Memo<Option<Survey>>,
    scheme: Memo<(Scheme, bool)>,
    results: Memo<Vec<TargetResult>>,
    today: NaiveDate,
}

/// The survey page; `chosen` (from `#/scoring/credibility/<org>/<year>`) opens an organization's
/// year, as the printed 汇总表 links back.
#[component]
pub fn CredibilityPage(chosen: Option<(RecordId, i32)>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let surveys = state.collection::<Survey>();
    let sheets = state.collection::<SurveySheet>();
    let today = browser::today();
    let org = RwSignal::new(chosen.as_ref().map(|(o, _)| o.to_string()).unwrap_or_default());
    let year = RwSignal::new(chosen.map_or(today.year(), |(_, y)| y).to_string());
    let y = move || year.get().parse::<i32>().unwrap_or(today.year());
    let years = Signal::derive(move || {
        year_options(surveys.get().iter().filter_map(|s| NaiveDate::from_ymd_opt(s.year, 1, 1)), today)
    });
    let survey = Memo::new(move |_| {
        let o = RecordId::parse(&org.get())?;
        surveys.with(|all| survey_of(all, &o, y()))
    });
    let scheme = Memo::new(move |_| {
        let named = survey.with(|s| s.as_ref().and_then(|s| s.scheme.clone()));
        data.schemes.with(|all| named_or_year_scheme(all, named.as_ref(), Family::Credibility, y()))
    });
    let computed = Memo::new(move |_| {
        let Some(s) = survey.get() else { return Vec::new() };
        scheme.with(|(scheme, _)| sheets.with(|all| results(&s, scheme, all)))
    });
    let open = Open { state, data, sheets, survey, scheme, results: computed, today };
    let scheme_text =
        Signal::derive(move || scheme.with(|(s, stored)| scheme_line(s, *stored, st::CREDIBILITY_TEMPLATE)));
    let started = Memo::new(move |_| survey.with(|s| s.as_ref().map(|s| s.id.clone())));
    let body = move || {
        let Some(o) = RecordId::parse(&org.get()) else {
            return view! { <p class="muted">{st::CREDIBILITY_CHOOSE}</p> }.into_any();
        };
        match started.get() {
            None => start_card(open, o),
            Some(_) => {
                let href = format!("#/scoring/credibility/{o}/{}/print", untrack(y));
                view! {
                    <div class="actions"><a class="button" href=href>{st::PRINT_SUMMARY}</a></div>
                    {results_card(open)}
                    {sheet_form(open)}
                }
                .into_any()
            }
        }
    };
    view! {
        <p class="intro">{st::CREDIBILITY_INTRO}</p>
        {org_year_toolbar(data, ["cr-org", "cr-year"], [st::VILLAGE, st::CHOOSE_VILLAGE], org, year, years, scheme_text)}
        <div class="credibility">{body}</div>
    }
}

const C_TARGETS: &str = "cr-targets";

/// Beginning the year's survey: the organization's serving cadres, all ticked.
fn start_card(open: Open, org: RecordId) -> AnyView {
    let today = open.today;
    let o = org.clone();
    let serving = Signal::derive(move || {
        let list: Vec<(String, String)> = open.data.cadres.with(|all| {
            all.iter()
                .filter(|c| c.org.as_ref() == Some(&o) && c.serves_on(today))
                .map(|c| {
                    let posts = c.posts.iter().map(|p| p.label()).collect::<Vec<_>>().join("、");
                    (c.id.to_string(), format!("{}（{posts}）", c.person.name))
                })
                .collect()
        });
        sorted(list, |(_, l)| (0, l.clone()))
    });
    let chosen = RwSignal::new(untrack(|| serving.get().into_iter().map(|(k, _)| k).collect::<Vec<_>>()));
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let (scheme, stored) = open.scheme.get_untracked();
        let mut edits = match scheme_to_store(&scheme, stored) {
            Ok(e) => e.into_iter().collect::<Vec<_>>(),
            Err(words) => return err.set(Some(("", words))),
        };
        let cadres: Vec<RecordId> = chosen.get_untracked().iter().filter_map(|k| RecordId::parse(k)).collect();
        match create_survey(Some(&org), &scheme, &cadres, new_id()) {
            Ok(e) => edits.push(e),
            Err(p) => return err.set(p.first().map(|p| (field_at(p.field(), &[(ORG, "")], ""), p.message()))),
        }
        let name = open.data.orgs.with_untracked(|os| os.iter().find(|o| o.id == org).map(|o| o.name.clone()));
        save(
            open.state,
            edits,
            saving,
            message,
            format!("{}{}", st::SURVEY_STARTED, name.unwrap_or_default()),
            Box::new(|| {}),
        );
    };
    let none = move || serving.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_TEAM_MEMBERS}</p> });
    view! {
        <form class="card survey-start" on:submit=submit novalidate>
            <p class="muted">{st::CREDIBILITY_NONE}</p>
            {checkbox_list("targets", st::TARGETS, serving, chosen, err, C_TARGETS)}
            {none}
            {f.end(st::START_SURVEY, true)}
        </form>
    }
    .into_any()
}

/// A target's row as the results table shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ResultRow {
    key: usize,
    name: String,
    counts: [u32; 4],
    satisfied: String,
    dissatisfied: String,
    flagged: bool,
    conclusion: String,
}

/// The result of every target, the team first; a name opens how its rates came about.
fn results_card(open: Open) -> AnyView {
    let explained: RwSignal<Option<usize>> = RwSignal::new(None);
    let on_name = Callback::new(move |k: usize| explained.set(Some(k)));
    let rows = Memo::new(move |_| {
        let cadres = open.data.cadres.get();
        open.results
            .get()
            .iter()
            .enumerate()
            .map(|(k, r)| ResultRow {
                key: k,
                name: target_name(&cadres, &r.target),
                counts: r.overall.counts,
                satisfied: percent(r.overall.satisfied()),
                dissatisfied: percent(r.overall.dissatisfied()),
                flagged: r.flag.is_some(),
                conclusion: match (r.flag, r.sheets.is_empty()) {
                    (Some(_), _) => st::FLAGGED.to_string(),
                    (None, true) => st::NO_ANSWERS.to_string(),
                    (None, false) => st::PASSED.to_string(),
                },
            })
            .map(|r| {
                keyed(r, move |r: &ResultRow| {
                    let (k, name) = (r.key, r.name.clone());
                    let button = view! {
                        <button type="button" class="link" on:click=move |_| on_name.run(k)>{name}</button>
                    };
                    let mut cells = vec![cell_of("name", vec![button.into_any()])];
                    cells.extend(r.counts.iter().map(|n| cell("num", n.to_string())));
                    cells.push(cell("num total", r.satisfied.clone()));
                    cells.push(cell("num", r.dissatisfied.clone()));
                    cells.push(match r.flagged {
                        true => cell_of("", vec![flag(true, r.conclusion.clone())]),
                        false => cell("", r.conclusion.clone()),
                    });
                    tr(None, cells)
                })
            })
            .collect::<Vec<_>>()
    });
    let empty = move || {
        let none = open.results.with(|r| r.iter().all(|t| t.sheets.is_empty()));
        none.then(|| view! { <p class="muted">{st::NO_SHEETS_YET}</p> })
    };
    // Who is flagged, and why, in the domain's words.
    let flagged = move || {
        let cadres = open.data.cadres.get();
        let list: Vec<(String, bool, String)> = open.results.with(|all| {
            all.iter().filter_map(|r| r.flag.map(|f| (target_name(&cadres, &r.target), true, f.message()))).collect()
        });
        (!list.is_empty()).then(|| warn_box(st::FLAGGED_TITLE.to_string(), Some(warn_list(list))))
    };
    let explain = move || {
        let k = explained.get()?;
        let r = open.results.with(|all| all.get(k).cloned())?;
        Some(explain_card(open, &r, Callback::new(move |_| explained.set(None))))
    };
    let bar = move || {
        open.scheme.with(|(s, _)| {
            st::bar_line(
                &permille_text(s.params.min_satisfied_permille),
                &permille_text(s.params.max_dissatisfied_permille),
            )
        })
    };
    let columns = [
        st::TARGET,
        Answer::Satisfied.label(),
        Answer::Basic.label(),
        Answer::Dissatisfied.label(),
        Answer::Unknown.label(),
        st::SATISFIED_RATE,
        st::DISSATISFIED_RATE,
        st::CONCLUSION,
    ];
    // Each target's counts and rates overall, each group's 满意率, and the conclusion.
    let export = xlsx_button(st::TAB_CREDIBILITY, move || {
        let (scheme, _) = open.scheme.get_untracked();
        let survey = open.survey.get_untracked();
        let village = open.data.orgs.with_untracked(|all| {
            let org = survey.as_ref().and_then(|s| s.org.as_ref());
            all.iter().find(|o| Some(&o.id) == org).map(|o| o.name.clone()).unwrap_or_default()
        });
        let title = st::credibility_results_title(&village, survey.map_or(0, |s| s.year));
        let mut head: Vec<String> = columns[..7].iter().map(|c| c.to_string()).collect();
        head.extend(scheme.params.groups.iter().map(|g| st::group_rate_head(&g.label)));
        head.push(st::CONCLUSION.to_string());
        let mut lines = vec![vec![title.clone()], head];
        let cadres = open.data.cadres.get_untracked();
        open.results.with_untracked(|all| {
            for r in all {
                let mut line = vec![target_name(&cadres, &r.target)];
                line.extend(r.overall.counts.iter().map(u32::to_string));
                line.extend([percent(r.overall.satisfied()), percent(r.overall.dissatisfied())]);
                line.extend(scheme.params.groups.iter().map(|g| {
                    r.by_group
                        .iter()
                        .find(|(x, _)| *x == g.id)
                        .map_or_else(|| percent(None), |(_, x)| percent(x.satisfied()))
                }));
                line.push(match (r.flag, r.sheets.is_empty()) {
                    (Some(f), _) => f.message(),
                    (None, true) => st::NO_ANSWERS.to_string(),
                    (None, false) => st::PASSED.to_string(),
                });
                lines.push(line);
            }
        });
        (title, lines)
    });
    // Results an import changed since this survey was last shown (point 10).
    let scope = Signal::derive(move || open.survey.with(|s| s.as_ref().map(|s| format!("credibility.{}", s.id))));
    let seen_rows = Signal::derive(move || {
        let cadres = open.data.cadres.get();
        open.results.with(|all| {
            let seen = |r: &TargetResult| SeenRow {
                key: r.target.key().to_string(),
                name: target_name(&cadres, &r.target),
                result: st::credibility_result(&percent(r.overall.satisfied()), &percent(r.overall.dissatisfied())),
            };
            all.iter().map(seen).collect()
        })
    });
    view! {
        <div class="card">
            <h3>{st::RESULTS_TITLE}</h3>
            <p class="muted">{st::CREDIBILITY_HINT}</p>
            <p class="muted">{bar}</p>
            {changed_notice(scope, seen_rows)}
            <div class="wide-table">{data_table("credibility", &columns, keyed_body(rows))}</div>
            <div class="toolbar no-print">{export}</div>
            {empty}
            {flagged}
            {explain}
        </div>
    }
    .into_any()
}

/// How a target's rates came about: the scheme version and bar, each group's counts and rates,
/// the overall counts, the sheets read and the conclusion.
fn explain_card(open: Open, r: &TargetResult, close: Callback<()>) -> AnyView {
    let name = open.data.cadres.with_untracked(|c| target_name(c, &r.target));
    let (scheme, stored) = open.scheme.get_untracked();
    let label_of =
        |g: &str| scheme.params.groups.iter().find(|x| x.id == g).map_or_else(|| g.to_string(), |x| x.label.clone());
    let mut lines = vec![scheme_line(&scheme, stored, st::CREDIBILITY_TEMPLATE)];
    for (g, rates) in &r.by_group {
        lines.push(st::group_rates(
            &label_of(g),
            &st::rates_text(&rates.counts),
            &percent(rates.satisfied()),
            &percent(rates.dissatisfied()),
        ));
    }
    lines.push(st::group_rates(
        st::CONCLUSION_ALL,
        &st::rates_text(&r.overall.counts),
        &percent(r.overall.satisfied()),
        &percent(r.overall.dissatisfied()),
    ));
    lines.push(st::from_sheets(r.sheets.len()));
    lines.push(r.flag.map_or_else(|| st::PASSED.to_string(), |f| f.message()));
    explain_card_of(st::credibility_title(&name), lines, close)
}

const S_GROUP: &str = "cs-group";
const S_ANSWERS: &str = "cs-answers";

/// One respondent's sheet: the group, and an answer per target and question (blank: none).
fn sheet_form(open: Open) -> AnyView {
    let group = RwSignal::new(String::new());
    let answers: RwSignal<HashMap<(usize, usize), String>> = RwSignal::new(HashMap::new());
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let groups = Signal::derive(move || {
        open.scheme.with(|(s, _)| s.params.groups.iter().map(|g| (g.id.clone(), g.label.clone())).collect())
    });
    let questions = Memo::new(move |_| {
        open.scheme.with(|(s, _)| s.leaves().iter().map(|i| (i.id.clone(), i.label.clone())).collect::<Vec<_>>())
    });
    let targets = Memo::new(move |_| {
        let cadres = open.data.cadres.get();
        let list = open.survey.with(|s| s.as_ref().map(|s| s.targets.clone()).unwrap_or_default());
        list.into_iter().map(|t| (target_name(&cadres, &t), t)).collect::<Vec<_>>()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(survey) = open.survey.get_untracked() else { return };
        let (scheme, _) = open.scheme.get_untracked();
        let (ts, qs) = (targets.get_untracked(), questions.get_untracked());
        let typed: Vec<(Target, String, Answer)> = answers.with_untracked(|m| {
            let mut list: Vec<((usize, usize), Answer)> =
                m.iter().filter_map(|(k, v)| Answer::from_label(v).map(|a| (*k, a))).collect();
            list.sort_by_key(|(k, _)| *k);
            list.into_iter().filter_map(|((t, q), a)| Some((ts.get(t)?.1.clone(), qs.get(q)?.0.clone(), a))).collect()
        });
        let edit = match create_sheet(&survey, &scheme, &group.get_untracked(), &typed, open.today, new_id()) {
            Ok(e) => e,
            Err(p) => {
                return err.set(p.first().map(|p| (field_at(p.field(), &[(GROUP, S_GROUP)], S_ANSWERS), p.message())))
            }
        };
        save(
            open.state,
            vec![edit],
            saving,
            message,
            st::SURVEY_SHEET_SAVED.to_string(),
            Box::new(move || answers.set(HashMap::new())),
        );
    };
    let head = move || questions.get().into_iter().map(|(_, l)| view! { <th scope="col">{l}</th> }).collect_view();
    let rows = move || {
        let qs = questions.get();
        targets
            .get()
            .into_iter()
            .enumerate()
            .map(|(ti, (name, _))| {
                let selects = qs
                    .iter()
                    .enumerate()
                    .map(|(qi, (_, q))| {
                        let key = (ti, qi);
                        let current = move || answers.with(|m| m.get(&key).cloned().unwrap_or_default());
                        let options = Answer::ALL
                            .into_iter()
                            .map(|a| {
                                let l = a.label();
                                view! { <option value=l prop:selected=move || current() == l>{l}</option> }
                            })
                            .collect_view();
                        view! {
                            <td>
                                <select aria-label=format!("{name}{q}") on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    answers.update(|m| { m.insert(key, v); });
                                }>
                                    <option value="" prop:selected=move || current().is_empty()>{"—"}</option>
                                    {options}
                                </select>
                            </td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row" class="name">{name.clone()}</th>{selects}</tr> }
            })
            .collect_view()
    };
    let count = move || {
        let n = open.survey.with(|s| {
            let id = s.as_ref().map(|s| s.id.clone());
            open.sheets.with(|all| all.iter().filter(|x| x.survey == id).count())
        });
        format!("{}：{n}", st::RATER_COUNT)
    };
    view! {
        <form class="card survey-sheet" on:submit=submit novalidate>
            <h4>{st::SURVEY_SHEET_TITLE}</h4>
            <p class="muted">{st::SURVEY_SHEET_HINT}</p>
            <p class="count">{count}</p>
            <div class="grid">{select_field(S_GROUP, st::RESPONDENT_GROUP, group, err, groups)}</div>
            <fieldset id=S_ANSWERS class="field attendance" aria-describedby="cs-answers-err">
                <legend>{st::ANSWERS}</legend>
                <div class="wide-table">
                    <table class="data sheet answers">
                        <thead><tr><th scope="col">{st::TARGET}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="field-msg error" id="cs-answers-err">{move || error_of(err, S_ANSWERS)}</p>
            </fieldset>
            {f.end(t().save, true)}
        </form>
    }
    .into_any()
}

/// The year's survey of an organization as its 测评汇总表 on A4: each target's counts, rates and
/// conclusion (the domain's words), each group's 满意率, the bar, the sheets read, the lines to
/// sign.
#[component]
pub fn CredibilityPrint(org: RecordId, year: i32) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let (surveys, sheets) = (state.collection::<Survey>(), state.collection::<SurveySheet>());
    let back = format!("#/scoring/credibility/{org}/{year}");
    let name = data.orgs.with_untracked(|all| all.iter().find(|o| o.id == org).map(|o| o.name.clone()));
    let body = move || {
        let Some(survey) = surveys.with(|all| survey_of(all, &org, year)) else {
            return view! { <p class="muted">{st::CREDIBILITY_NONE}</p> }.into_any();
        };
        let (scheme, stored) =
            data.schemes.with(|all| named_or_year_scheme(all, survey.scheme.as_ref(), Family::Credibility, year));
        let list = sheets.with(|all| results(&survey, &scheme, all));
        let cadres = data.cadres.get();
        let rows = list
            .iter()
            .map(|r| {
                let counts = r.overall.counts.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view();
                let conclusion = r.flag.map_or_else(|| st::PASSED.to_string(), |f| f.message());
                view! {
                    <tr>
                        <td>{target_name(&cadres, &r.target)}</td>{counts}
                        <td class="num">{percent(r.overall.satisfied())}</td>
                        <td class="num">{percent(r.overall.dissatisfied())}</td>
                        <td>{conclusion}</td>
                    </tr>
                }
            })
            .collect_view();
        let group_heads = scheme.params.groups.iter().map(|g| view! { <th>{g.label.clone()}</th> }).collect_view();
        let group_rows = list
            .iter()
            .map(|r| {
                let cells = r
                    .by_group
                    .iter()
                    .map(|(_, rates)| view! { <td class="num">{percent(rates.satisfied())}</td> })
                    .collect_view();
                view! { <tr><td>{target_name(&cadres, &r.target)}</td>{cells}</tr> }
            })
            .collect_view();
        let read = list.first().map_or(0, |t| t.sheets.len());
        let bar = st::bar_line(
            &permille_text(scheme.params.min_satisfied_permille),
            &permille_text(scheme.params.max_dissatisfied_permille),
        );
        view! {
            <table class="print-table summary">
                <thead><tr>
                    <th>{st::TARGET}</th><th>{Answer::Satisfied.label()}</th><th>{Answer::Basic.label()}</th>
                    <th>{Answer::Dissatisfied.label()}</th><th>{Answer::Unknown.label()}</th>
                    <th>{st::SATISFIED_RATE}</th><th>{st::DISSATISFIED_RATE}</th><th>{st::CONCLUSION}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <h3 class="doc-sub">{st::BY_GROUP}</h3>
            <table class="print-table by-group">
                <thead><tr><th>{st::TARGET}</th>{group_heads}</tr></thead>
                <tbody>{group_rows}</tbody>
            </table>
            <p>{bar}</p>
            <p>{st::from_sheets(read)}</p>
            <p class="doc-sign">{st::SUMMARY_SIGN}</p>
            <p class="doc-meta">{scheme_line(&scheme, stored, "")}</p>
        }
        .into_any()
    };
    view! {
        <section class="print-doc credibility-summary">
            <div class="print-bar no-print">
                <a href=back>{"‹ "}{st::PRINT_BACK_SURVEY}</a>
                <button type="button" class="primary" on:click=move |_| print_now()>{t().print}</button>
            </div>
            <h2 class="doc-title">{st::summary_title(year)}</h2>
            <p class="doc-meta">{name.unwrap_or_default()}</p>
            {body}
        </section>
    }
}

collected!(Survey, kind::SURVEY);
collected!(SurveySheet, kind::SURVEY_SHEET);
