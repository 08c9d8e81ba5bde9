//! 干部考核 (德、能、勤、绩、廉 by 双述双评): the cadres of a year with their results, and one
//! cadre's year — 履职承诺, 年中检查 and 述职/述廉 texts, anonymous score sheets by rater group,
//! the result (each rater group's mean, trimmed when it has enough sheets; the items; score,
//! grade, 效益工资) — and its appraisal sheet to print on A4.
//!
//! Every check and number (a score's range, the trimmed mean, the weights, 绩 counted from the
//! records, the bands) is `domain::scoring::appraisal`'s; this page shows them.

use crate::domain::cadre::Cadre;
use crate::domain::record::{kind, RecordId};
use crate::domain::scoring::appraisal::{
    appraise, cadre_ranking, cadres_facts, create_appraisal, create_commitment, create_sheet, mark_met, rated_items,
    update_texts, Appraisal, AppraisalProblem, AppraisalResult, Commitment, Sheet, TextsDraft, DATE, GROUP, TEXT,
};
use crate::domain::scoring::explain::Input;
use crate::domain::scoring::scheme::{Family, Scheme};
use crate::domain::scoring::seen::SeenRow;
use crate::ui::cadres::trainings::org_name;
use crate::ui::kit::export::xlsx_button;
use crate::ui::kit::fields::{
    date_action_card, day_text, message_line, new_id, save, select_field, sorted, text_area, text_field, year_options,
    Message,
};
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::table::{cell, cell_of, data_table, keyed, keyed_body, link, row_button, tr};
use crate::ui::members::print::print_now;
use crate::ui::scoring::changed::changed_notice;
use crate::ui::scoring::notice::{notice_page, NoticeContent, NoticeOf};
use crate::ui::scoring::text as st;
use crate::ui::scoring::{
    field_at, named_or_year_scheme, one_edit, scheme_line, scheme_to_store, score_field, FormState, ScoringData,
};
use crate::ui::state::Collection;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// The kinds this page reads (besides the section's): the appraisals, their commitments and
/// sheets, and the diaries' steps (督办 deadlines met count in 绩).
pub const KINDS: &[&str] = &[kind::APPRAISAL, kind::COMMITMENT, kind::APPRAISAL_SHEET, kind::DIARY_STEP];

/// What the pages read.
#[derive(Clone, Copy)]
struct AppraisalData {
    state: AppState,
    data: ScoringData,
    appraisals: Collection<Appraisal>,
    commitments: Collection<Commitment>,
    sheets: Collection<Sheet>,
    today: NaiveDate,
}

impl AppraisalData {
    fn new() -> AppraisalData {
        let state = expect_context::<AppState>();
        AppraisalData {
            state,
            data: expect_context::<ScoringData>(),
            appraisals: state.collection::<Appraisal>(),
            commitments: state.collection::<Commitment>(),
            sheets: state.collection::<Sheet>(),
            today: browser::today(),
        }
    }

    /// The cadre's appraisal of the year (two stations' for one cadre: the lower id).
    fn appraisal_of(&self, cadre: &RecordId, year: i32) -> Option<Appraisal> {
        self.appraisals.with(|all| {
            all.iter()
                .filter(|a| a.cadre.as_ref() == Some(cadre) && a.year == year)
                .min_by(|a, b| a.id.cmp(&b.id))
                .cloned()
        })
    }

    /// The scheme an appraisal names (else the year's, or the template).
    fn scheme_of(&self, appraisal: Option<&Appraisal>, year: i32) -> (Scheme, bool) {
        let named = appraisal.and_then(|a| a.scheme.as_ref());
        self.data.schemes.with(|all| named_or_year_scheme(all, named, Family::CadreAppraisal, year))
    }

    /// The domain's results of cadres' years (each cadre with its appraisal and scheme): the
    /// facts 绩 counts from the records (the diaries' matter dates worked out once for all), then
    /// the sheets appraised under the scheme.
    fn results(&self, list: &[(&Cadre, &Appraisal, &Scheme)]) -> Vec<AppraisalResult> {
        if list.is_empty() {
            return Vec::new();
        }
        let steps = self.state.steps().get();
        let (trainings, commitments) = (self.data.trainings.get(), self.commitments.get());
        let cadres: Vec<(&Cadre, &Appraisal, u32)> =
            list.iter().map(|(c, a, s)| (*c, *a, s.params.visit_days_per_week)).collect();
        let facts = self
            .state
            .read_diaries(|index| cadres_facts(&cadres, index.diaries(), &steps, &trainings, &commitments, self.today));
        self.sheets.with(|sheets| list.iter().zip(&facts).map(|((_, a, s), f)| appraise(s, a, sheets, f)).collect())
    }
}

fn posts_text(c: &Cadre) -> String {
    c.posts.iter().map(|p| p.label()).collect::<Vec<_>>().join("、")
}

fn pay_text(r: &AppraisalResult) -> String {
    r.pay.clone().unwrap_or_else(|| st::NO_PAY.to_string())
}

/// A cadre as the list's row shows them.
#[derive(Clone, PartialEq, Eq, Hash)]
struct CadreRow {
    href: String,
    rank: String,
    name: String,
    org: String,
    posts: String,
    total: String,
    grade: String,
    pay: String,
}

fn cadre_row(r: &CadreRow) -> AnyView {
    tr(
        None,
        vec![
            cell("num", r.rank.clone()),
            cell_of("name", vec![link(r.href.clone(), r.name.clone())]),
            cell("", r.org.clone()),
            cell("", r.posts.clone()),
            // The total opens the cadre's page, where it is explained item by item.
            cell_of("num total", vec![link(r.href.clone(), r.total.clone())]),
            cell("", r.grade.clone()),
            cell("", r.pay.clone()),
        ],
    )
}

/// The cadres serving in the year: the appraised ranked by the domain (equal totals share a
/// rank), then the others by name.
fn cadre_rows(ad: AppraisalData, year: i32) -> Vec<CadreRow> {
    let (cadres, orgs) = (ad.data.cadres.get(), ad.data.orgs.get());
    let serving: Vec<&Cadre> = cadres.iter().filter(|c| c.ended.is_none_or(|e| e.year() >= year)).collect();
    let appraised: Vec<(&Cadre, Appraisal, Scheme)> = serving
        .iter()
        .filter_map(|c| ad.appraisal_of(&c.id, year).map(|a| (*c, a.clone(), ad.scheme_of(Some(&a), year).0)))
        .collect();
    let list: Vec<(&Cadre, &Appraisal, &Scheme)> = appraised.iter().map(|(c, a, s)| (*c, a, s)).collect();
    let results = ad.results(&list);
    let row = |c: &Cadre, rank: String, result: Option<&AppraisalResult>| CadreRow {
        href: format!("#/scoring/appraisal/{}/{year}", c.id),
        rank,
        name: c.person.name.clone(),
        org: org_name(&orgs, &c.org),
        posts: posts_text(c),
        total: result.map_or_else(|| st::NOT_APPRAISED.to_string(), |r| r.explained.total.text()),
        grade: result.and_then(|r| r.grade.clone()).unwrap_or_default(),
        pay: result.map(pay_text).unwrap_or_default(),
    };
    let ranked = cadre_ranking(appraised.iter().map(|(_, a, _)| a).zip(results).collect());
    let mut rows: Vec<CadreRow> = ranked
        .iter()
        .filter_map(|(rank, (a, r))| {
            let c = serving.iter().find(|c| a.cadre.as_ref() == Some(&c.id))?;
            Some(row(c, rank.to_string(), Some(r)))
        })
        .collect();
    let others: Vec<CadreRow> = serving
        .iter()
        .filter(|c| !appraised.iter().any(|(x, _, _)| x.id == c.id))
        .map(|c| row(c, String::new(), None))
        .collect();
    rows.extend(sorted(others, |r| (0, r.name.clone())));
    rows
}

/// The cadres serving in the year, by name, each with the year's result if appraised.
#[component]
pub fn AppraisalList() -> impl IntoView {
    let ad = AppraisalData::new();
    let year = RwSignal::new(ad.today.year().to_string());
    let y = move || year.get().parse::<i32>().unwrap_or(ad.today.year());
    let years = Signal::derive(move || {
        let list = ad.appraisals.get();
        year_options(list.iter().filter_map(|a| NaiveDate::from_ymd_opt(a.year, 1, 1)), ad.today)
    });
    let scheme_text = move || {
        let (s, stored) = ad.scheme_of(None, y());
        scheme_line(&s, stored, st::APPRAISAL_TEMPLATE)
    };
    // Off the page it keeps its rows: a diary saved elsewhere does not recount every cadre.
    let computed = while_shown(move || cadre_rows(ad, y()));
    let rows = Memo::new(move |_| computed.get().iter().cloned().map(|r| keyed(r, cadre_row)).collect::<Vec<_>>());
    let empty = move || rows.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_CADRES}</p> });
    const COLUMNS: [&str; 7] = [st::RANK, st::CADRE, st::FILTER_ORG, st::POSTS, st::SCORE, st::GRADE, st::PAY];
    let export = xlsx_button(st::TAB_APPRAISAL, move || {
        let title = st::appraisal_list_title(&year.get_untracked());
        let mut lines = vec![vec![title.clone()], COLUMNS.map(str::to_string).to_vec()];
        lines.extend(computed.get_untracked().iter().map(|r| {
            vec![
                r.rank.clone(),
                r.name.clone(),
                r.org.clone(),
                r.posts.clone(),
                r.total.clone(),
                r.grade.clone(),
                r.pay.clone(),
            ]
        }));
        (title, lines)
    });
    // Results an import changed since the year's list was last shown (point 10).
    let scope = Signal::derive(move || Some(format!("appraisal.{}", y())));
    let seen_rows = Signal::derive(move || {
        computed.with(|rows| {
            rows.iter()
                .map(|r| SeenRow {
                    key: r.href.clone(),
                    name: r.name.clone(),
                    result: st::score_with_grade(&r.total, &r.grade),
                })
                .collect()
        })
    });
    view! {
        <p class="intro">{st::APPRAISAL_INTRO}</p>
        <div class="toolbar">
            {select_field("ap-year", st::YEAR, year, RwSignal::new(None), years)}
            <p class="count">{scheme_text}</p>
            <span class="buttons no-print">
                {export}
                <a class="button" href=move || NoticeOf::Appraisal.href(y())>{st::PRINT_NOTICE}</a>
            </span>
        </div>
        {changed_notice(scope, seen_rows)}
        {data_table("cadres-appraised", &COLUMNS, keyed_body(rows))}
        {empty}
    }
}

/// The 公示 of the year's 村干部考核: the appraised cadres in rank order with their score and
/// grade; issued by the township committee.
#[component]
pub fn AppraisalNotice(year: i32) -> impl IntoView {
    let ad = AppraisalData::new();
    let content = Memo::new(move |_| {
        let rows: Vec<Vec<String>> = cadre_rows(ad, year)
            .into_iter()
            .filter(|r| !r.rank.is_empty())
            .map(|r| vec![r.rank, r.name, r.org, r.posts, r.total, r.grade])
            .collect();
        let issuer = ad.data.orgs.with(|orgs| {
            orgs.iter()
                .find(|o| o.is_open() && o.category == Some(crate::domain::org::OrgCategory::TownshipCommittee))
                .map(|o| o.name.clone())
        });
        let station = || ad.state.settings.with(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default());
        NoticeContent {
            title: st::appraisal_notice_title(year),
            body: st::appraisal_notice_body(year, rows.len()),
            columns: vec![st::RANK, st::NAME, st::FILTER_ORG, st::POSTS, st::SCORE, st::GRADE],
            rows,
            empty: st::NOTICE_NO_APPRAISAL,
            issuer: issuer.unwrap_or_else(station),
        }
    });
    notice_page("#/scoring/appraisal".to_string(), st::NOTICE_BACK_APPRAISAL, content.into())
}

/// One cadre's year (`print`: its sheet to print).
#[component]
pub fn AppraisalPage(cadre: RecordId, year: i32, print: bool) -> impl IntoView {
    let ad = AppraisalData::new();
    let Some(who) = ad.data.cadres.get_untracked().iter().find(|c| c.id == cadre).cloned() else {
        return view! { <p class="error" role="alert">{st::CADRE_NOT_FOUND}</p> }.into_any();
    };
    let id = cadre.clone();
    let appraisal = Memo::new(move |_| ad.appraisal_of(&id, year));
    let scheme = Memo::new(move |_| appraisal.with(|a| ad.scheme_of(a.as_ref(), year)));
    let c = who.clone();
    let computed = while_shown(move || {
        let a = appraisal.get()?;
        scheme.with(|(s, _)| ad.results(&[(&c, &a, s)])).pop()
    });
    let result = Memo::new(move |_| computed.get().as_ref().clone());
    let page = Page { ad, who: StoredValue::new(who), year, appraisal, scheme, result };
    if print {
        return print_sheet(page);
    }
    // Drawn again only when the appraisal comes to be, not when its texts change (the forms keep
    // their outcome lines).
    let started = Memo::new(move |_| appraisal.with(Option::is_some));
    let body = move || match started.get() {
        false => start_card(page),
        true => view! {
            {result_view(page)}
            <div class="forms-grid">
                {sheet_form(page)}
                {commitments_card(page)}
            </div>
            {texts_form(page)}
        }
        .into_any(),
    };
    let href = format!("#/scoring/appraisal/{}/{year}/print", cadre);
    let title = page.who.with_value(|w| st::appraisal_title(&w.person.name, year));
    view! {
        <div class="appraisal">
            <div class="page-head">
                <h3>{title}</h3>
                <div class="actions">
                    <a href="#/scoring/appraisal">{st::BACK_TO_CADRES}</a>
                    <a class="button" href=href>{st::PRINT_SHEET}</a>
                </div>
            </div>
            <p class="muted">{move || scheme.with(|(s, stored)| scheme_line(s, *stored, st::APPRAISAL_TEMPLATE))}</p>
            {body}
        </div>
    }
    .into_any()
}

/// A cadre's page as its parts read it.
#[derive(Clone, Copy)]
struct Page {
    ad: AppraisalData,
    who: StoredValue<Cadre>,
    year: i32,
    appraisal: Memo<Option<Appraisal>>,
    scheme: Memo<(Scheme, bool)>,
    result: Memo<Option<AppraisalResult>>,
}

/// Starting the cadre's year (with the year's scheme, stored in the same commit when it is the
/// template).
fn start_card(page: Page) -> AnyView {
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (scheme, stored) = page.scheme.get_untracked();
        let mut edits = match scheme_to_store(&scheme, stored) {
            Ok(e) => e.into_iter().collect::<Vec<_>>(),
            Err(words) => return err.set(Some(("", words))),
        };
        let cadre = page.who.with_value(|w| w.id.clone());
        match create_appraisal(Some(&cadre), &scheme, new_id()) {
            Ok(e) => edits.push(e),
            Err(p) => return err.set(p.first().map(|p| ("", p.message()))),
        }
        let ok = format!("{}{}", st::APPRAISAL_STARTED, page.who.with_value(|w| w.person.name.clone()));
        save(page.ad.state, edits, saving, message, ok, Box::new(|| {}));
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <p class="muted">{st::APPRAISAL_NONE}</p>
            {f.end(st::START_APPRAISAL, true)}
        </form>
    }
    .into_any()
}

/// An item's label as the tables show it: a child of a group (绩's parts) indented under it.
fn item_label(scheme: &Scheme, item: &str, label: &str) -> String {
    let nested = scheme.items.iter().any(|top| top.children.iter().any(|c| c.id == item));
    if nested {
        format!("　{label}")
    } else {
        label.to_string()
    }
}

/// What an item's inputs were, in words.
pub(super) fn inputs_text(inputs: &[Input]) -> String {
    inputs
        .iter()
        .map(|i| match i {
            Input::Sheets { ids, dropped } => st::sheets_input(ids.len(), dropped.len()),
            Input::Counted { what, ids } => st::counted_input(what, ids.len()),
            Input::Typed { ids } => st::typed_input(ids.len()),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The result: score, grade and pay; each rater group's part; each item with its inputs.
fn result_view(page: Page) -> AnyView {
    let line = move || {
        page.result
            .get()
            .map(|r| st::result_line(&r.explained.total.text(), r.grade.as_deref().unwrap_or_default(), &pay_text(&r)))
    };
    let groups = move || {
        let Some(r) = page.result.get() else { return ().into_any() };
        let rows = r
            .groups
            .iter()
            .map(|g| {
                tr(
                    None,
                    vec![
                        cell("name", g.label.clone()),
                        cell("num", st::weight_text(g.weight)),
                        cell("num", g.sheets.to_string()),
                        cell("", if g.trimmed { st::TRIMMED } else { st::NOT_TRIMMED }.to_string()),
                        cell("num mean", g.mean.map_or_else(|| st::NO_SHEETS.to_string(), |m| m.text())),
                    ],
                )
            })
            .collect::<Vec<_>>();
        let notes = [
            (!r.missing_groups.is_empty()).then(|| st::MISSING_GROUPS.to_string()),
            (!r.invalid_sheets.is_empty()).then(|| st::invalid_sheets(r.invalid_sheets.len())),
        ];
        let notes = notes.into_iter().flatten().map(|n| view! { <p class="muted">{n}</p> }).collect_view();
        view! {
            <table class="data groups">
                <thead><tr>
                    <th scope="col">{st::RATER_GROUP}</th><th scope="col">{st::WEIGHT}</th><th scope="col">{st::SHEETS}</th>
                    <th scope="col">{st::TRIMMED}</th><th scope="col">{st::MEAN}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {notes}
        }
        .into_any()
    };
    let items = move || {
        let Some(r) = page.result.get() else { return ().into_any() };
        let rows = r
            .explained
            .items
            .iter()
            .map(|i| {
                let label = page.scheme.with(|(s, _)| item_label(s, &i.item, &i.label));
                tr(None, vec![cell("item", label), cell("num", i.points.text()), cell("", inputs_text(&i.inputs))])
            })
            .collect::<Vec<_>>();
        view! {
            <table class="data items">
                <thead><tr><th scope="col">{st::ITEM}</th><th scope="col">{st::SCORE}</th><th scope="col">{st::INPUTS}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let rule = move || page.scheme.with(|(s, _)| st::trim_rule(s.params.trim_min_raters));
    view! {
        <p class="ledger-total" role="status">{line}</p>
        <h4>{st::GROUPS_TITLE}</h4>
        {groups}
        <p class="muted">{rule}</p>
        <h4>{st::ITEMS_TITLE}</h4>
        {items}
    }
    .into_any()
}

const S_GROUP: &str = "as-group";
/// The score inputs, by the rated item's place in the scheme.
const S_SCORES: [&str; 8] =
    ["as-score-1", "as-score-2", "as-score-3", "as-score-4", "as-score-5", "as-score-6", "as-score-7", "as-score-8"];

/// One rater's sheet: the group and a score per rated item. No rater is recorded.
fn sheet_form(page: Page) -> AnyView {
    let group = RwSignal::new(String::new());
    let scores: [RwSignal<String>; 8] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let items = Memo::new(move |_| {
        page.scheme.with(|(s, _)| {
            rated_items(s)
                .iter()
                .take(S_SCORES.len())
                .map(|i| (i.id.clone(), i.label.clone(), i.points))
                .collect::<Vec<_>>()
        })
    });
    let groups = Signal::derive(move || {
        page.scheme.with(|(s, _)| {
            s.params.groups.iter().map(|g| (g.id.clone(), st::group_option(&g.label, g.weight))).collect()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(a) = page.appraisal.get_untracked() else { return };
        let (scheme, _) = page.scheme.get_untracked();
        let list = items.get_untracked();
        let typed: Vec<(String, String)> =
            list.iter().enumerate().map(|(k, (id, _, _))| (id.clone(), scores[k].get_untracked())).collect();
        let edit = match create_sheet(&a, &scheme, &group.get_untracked(), &typed, new_id()) {
            Ok(e) => e,
            Err(p) => {
                let at = |p: &AppraisalProblem| {
                    let item = match p {
                        AppraisalProblem::ScoreMissing(l) | AppraisalProblem::ScoreOutOfRange { item: l, .. } => {
                            list.iter().position(|(_, label, _)| label == l).map(|k| S_SCORES[k])
                        }
                        _ => None,
                    };
                    (item.unwrap_or_else(|| field_at(p.field(), &[(GROUP, S_GROUP)], "")), p.message())
                };
                return err.set(p.first().map(at));
            }
        };
        save(
            page.ad.state,
            vec![edit],
            saving,
            message,
            st::SHEET_SAVED.to_string(),
            Box::new(move || {
                for s in scores {
                    s.set(String::new());
                }
            }),
        );
    };
    let inputs = move || {
        items
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, (_, label, max))| score_field(S_SCORES[k], st::score_label_of(&label, max), scores[k], err))
            .collect_view()
    };
    view! {
        <form class="card sheet-form" on:submit=submit novalidate>
            <h4>{st::SHEET_TITLE}</h4>
            <p class="muted">{st::SHEET_HINT}</p>
            <div class="grid">
                {select_field(S_GROUP, st::RATER_GROUP, group, err, groups)}
                {inputs}
            </div>
            {f.end(t().save, true)}
        </form>
    }
    .into_any()
}

/// A commitment as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct CommitmentRow {
    id: RecordId,
    text: String,
    due: String,
    met: String,
}

const C_TEXT: &str = "ac-text";
const C_DUE: &str = "ac-due";

/// 履职承诺: the list (each can be marked met on a day) and the form to add one.
fn commitments_card(page: Page) -> AnyView {
    let acting: RwSignal<Option<RecordId>> = RwSignal::new(None);
    let action_message: Message = RwSignal::new(None);
    let on_met = Callback::new(move |id: RecordId| acting.set(Some(id)));
    let rows = Memo::new(move |_| {
        let Some(a) = page.appraisal.get() else { return Vec::new() };
        let list: Vec<CommitmentRow> = page.ad.commitments.with(|all| {
            all.iter()
                .filter(|c| c.appraisal.as_ref() == Some(&a.id))
                .map(|c| CommitmentRow {
                    id: c.id.clone(),
                    text: c.text.clone(),
                    due: day_text(c.due),
                    met: c.met.map_or_else(|| st::NOT_MET.to_string(), |d| day_text(Some(d))),
                })
                .collect()
        });
        sorted(list, |r| (0, format!("{}{}", r.due, r.text)))
            .into_iter()
            .map(|r| {
                keyed(r, move |r: &CommitmentRow| {
                    let button = row_button(st::MARK_MET, format!("{}{}", r.text, st::MARK_MET), on_met, r.id.clone());
                    tr(
                        None,
                        vec![
                            cell("", r.text.clone()),
                            cell("num", r.due.clone()),
                            cell_of("", vec![r.met.clone().into_any(), button]),
                        ],
                    )
                })
            })
            .collect()
    });
    let empty = move || rows.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_COMMITMENTS}</p> });
    let action = move || {
        let id = acting.get()?;
        let c = page.ad.commitments.with(|all| all.iter().find(|c| c.id == id).cloned())?;
        let today = page.ad.today;
        let apply: crate::ui::kit::fields::Apply =
            Box::new(move |date: &str| one_edit(mark_met(&c, date, today), AppraisalProblem::message));
        Some(date_action_card(
            st::MARK_MET.to_string(),
            st::COMMITMENT_MET,
            st::MARK_MET,
            apply,
            Callback::new(move |_| acting.set(None)),
            action_message,
        ))
    };
    let text = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(a) = page.appraisal.get_untracked() else { return };
        let edit = match create_commitment(&a, &text.get_untracked(), &due.get_untracked(), new_id()) {
            Ok(e) => e,
            Err(p) => {
                return err.set(
                    p.first().map(|p| (field_at(p.field(), &[(TEXT, C_TEXT), (DATE, C_DUE)], C_DUE), p.message())),
                )
            }
        };
        let ok = format!("{}{}", st::COMMITMENT_SAVED, text.get_untracked().trim());
        save(
            page.ad.state,
            vec![edit],
            saving,
            message,
            ok,
            Box::new(move || {
                text.set(String::new());
                due.set(String::new());
            }),
        );
    };
    view! {
        <div class="card">
            <h4>{st::COMMITMENTS}</h4>
            {data_table("commitments", &[st::COMMITMENT_TEXT, st::COMMITMENT_DUE, st::COMMITMENT_MET], keyed_body(rows))}
            {empty}
            {action}
            {message_line(action_message)}
            <form on:submit=submit novalidate>
                <div class="grid">
                    {text_field(C_TEXT, st::COMMITMENT_TEXT, text, err, "")}
                    {text_field(C_DUE, st::COMMITMENT_DUE, due, err, t().date_hint)}
                </div>
                {f.end(st::ADD_COMMITMENT, false)}
            </form>
        </div>
    }
    .into_any()
}

const X_DATE: &str = "ax-midterm-date";
const X_MIDTERM: &str = "ax-midterm";
const X_REPORT: &str = "ax-report";
const X_INTEGRITY: &str = "ax-integrity";

/// 年中检查评估, 述职 and 述廉.
fn texts_form(page: Page) -> AnyView {
    let a = page.appraisal.get_untracked();
    let of = |f: fn(&Appraisal) -> String| RwSignal::new(a.as_ref().map(f).unwrap_or_default());
    let date = of(|a| day_text(a.midterm_date));
    let midterm = of(|a| a.midterm.clone());
    let report = of(|a| a.report.clone());
    let integrity = of(|a| a.integrity_report.clone());
    let f = FormState::new();
    let (err, message, saving) = (f.err, f.message, f.saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        f.start(&ev);
        let Some(a) = page.appraisal.get_untracked() else { return };
        let draft = TextsDraft {
            midterm_date: date.get_untracked(),
            midterm: midterm.get_untracked(),
            report: report.get_untracked(),
            integrity_report: integrity.get_untracked(),
        };
        match update_texts(&a, &draft, page.ad.today) {
            Ok(Some(e)) => save(page.ad.state, vec![e], saving, message, st::TEXTS_SAVED.to_string(), Box::new(|| {})),
            Ok(None) => message.set(Some((true, st::NOTHING_CHANGED.to_string()))),
            Err(p) => err.set(p.first().map(|p| (field_at(p.field(), &[(DATE, X_DATE)], ""), p.message()))),
        }
    };
    view! {
        <form class="card texts" on:submit=submit novalidate>
            <h4>{st::TEXTS}</h4>
            <div class="grid">
                {text_field(X_DATE, st::MIDTERM_DATE, date, err, t().date_hint)}
                {text_area(X_MIDTERM, st::MIDTERM, midterm, err, 3)}
                {text_area(X_REPORT, st::REPORT, report, err, 5)}
                {text_area(X_INTEGRITY, st::INTEGRITY_REPORT, integrity, err, 5)}
            </div>
            {f.end(t().save, true)}
        </form>
    }
    .into_any()
}

/// The cadre's appraisal sheet on A4 portrait: who, the items and rater groups, the
/// commitments, the texts, the result, and the lines to sign.
fn print_sheet(page: Page) -> AnyView {
    let year = page.year;
    let who = page.who.get_value();
    let back = format!("#/scoring/appraisal/{}/{year}", who.id);
    let org = org_name(&page.ad.data.orgs.get_untracked(), &who.org);
    let body = move || {
        let (Some(a), Some(r)) = (page.appraisal.get(), page.result.get()) else {
            return view! { <p class="muted">{st::APPRAISAL_NONE}</p> }.into_any();
        };
        let maxima =
            page.scheme.with(|(s, _)| s.all_items().iter().map(|i| (i.id.clone(), i.points)).collect::<Vec<_>>());
        let items = r
            .explained
            .items
            .iter()
            .map(|i| {
                let max = maxima.iter().find(|(id, _)| id == &i.item).map(|(_, p)| p.to_string()).unwrap_or_default();
                let label = page.scheme.with(|(s, _)| item_label(s, &i.item, &i.label));
                view! { <tr><td class="item">{label}</td><td class="num">{max}</td><td class="num">{i.points.text()}</td><td>{inputs_text(&i.inputs)}</td></tr> }
            })
            .collect_view();
        let groups = r
            .groups
            .iter()
            .map(|g| {
                let mean = g.mean.map_or_else(|| st::NO_SHEETS.to_string(), |m| m.text());
                let trimmed = if g.trimmed { st::TRIMMED } else { st::NOT_TRIMMED };
                view! { <tr><td>{g.label.clone()}</td><td class="num">{st::weight_text(g.weight)}</td><td class="num">{g.sheets}</td><td>{trimmed}</td><td class="num">{mean}</td></tr> }
            })
            .collect_view();
        let commitments = page.ad.commitments.with(|all| {
            all.iter()
                .filter(|c| c.appraisal.as_ref() == Some(&a.id))
                .map(|c| {
                    let met = c.met.map_or_else(|| st::NOT_MET.to_string(), |d| day_text(Some(d)));
                    view! { <tr><td>{c.text.clone()}</td><td class="num">{day_text(c.due)}</td><td class="num">{met}</td></tr> }
                })
                .collect_view()
        });
        let text_row =
            |label: &'static str, text: String| view! { <tr><th>{label}</th><td class="text">{text}</td></tr> };
        view! {
            <h3 class="doc-sub">{st::ITEMS_TITLE}</h3>
            <table class="print-table">
                <thead><tr><th>{st::ITEM}</th><th>{st::FULL_MARKS}</th><th>{st::SCORE}</th><th>{st::INPUTS}</th></tr></thead>
                <tbody>{items}</tbody>
            </table>
            <h3 class="doc-sub">{st::GROUPS_TITLE}</h3>
            <table class="print-table">
                <thead><tr><th>{st::RATER_GROUP}</th><th>{st::WEIGHT}</th><th>{st::SHEETS}</th><th>{st::TRIMMED}</th><th>{st::MEAN}</th></tr></thead>
                <tbody>{groups}</tbody>
            </table>
            <h3 class="doc-sub">{st::COMMITMENTS}</h3>
            <table class="print-table">
                <thead><tr><th>{st::COMMITMENT_TEXT}</th><th>{st::COMMITMENT_DUE}</th><th>{st::COMMITMENT_MET}</th></tr></thead>
                <tbody>{commitments}</tbody>
            </table>
            <table class="print-table card-table texts">
                <tbody>
                    {text_row(st::MIDTERM, a.midterm.clone())}
                    {text_row(st::REPORT, a.report.clone())}
                    {text_row(st::INTEGRITY_REPORT, a.integrity_report.clone())}
                    <tr><th>{st::PRINT_TOTAL}</th>
                        <td class="result">{st::result_line(&r.explained.total.text(), r.grade.as_deref().unwrap_or_default(), &pay_text(&r))}</td></tr>
                </tbody>
            </table>
            <p class="doc-sign">{st::PRINT_SIGN}</p>
        }
        .into_any()
    };
    view! {
        <section class="print-doc appraisal-sheet">
            <div class="print-bar no-print">
                <a href=back>{"‹ "}{st::PRINT_BACK}</a>
                <button type="button" class="primary" on:click=move |_| print_now()>{t().print}</button>
            </div>
            <h2 class="doc-title">{st::print_title(year)}</h2>
            <table class="print-table card-table">
                <tbody>
                    <tr><th>{st::PRINT_NAME}</th><td>{who.person.name.clone()}</td><th>{st::PRINT_ORG}</th><td>{org}</td></tr>
                    <tr><th>{st::POSTS}</th><td colspan="3">{posts_text(&who)}</td></tr>
                </tbody>
            </table>
            {body}
            <p class="doc-meta">{move || page.scheme.with(|(s, stored)| scheme_line(s, *stored, ""))}</p>
        </section>
    }
    .into_any()
}

collected!(Appraisal, kind::APPRAISAL);
collected!(Commitment, kind::COMMITMENT);
collected!(Sheet, kind::APPRAISAL_SHEET);
