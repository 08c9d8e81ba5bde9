//! 统计汇报: the monthly 汇报 (visits, matters opened, finished and overdue, on-time 督办,
//! satisfaction, by village and by cadre), the village notice board (公开栏, households' names
//! masked as the station chooses) and a matter's 督办单. The counts are
//! `domain::diary_report`'s.
//!
//! Each page is a `Doc` (cards, headings, tables, charts, notes) computed in one memo and drawn
//! by one function: the screen, the paper (A4 portrait: the page is its own print view) and the
//! .xlsx all show the same tables, and the wasm carries one drawing of them for every page.

use crate::domain::date::{iso, month_first, month_last, parse_iso, sub_months};
use crate::domain::diary_report::{
    board_entries, matter_dates, notice_board, report, sheet_steps, MatterDates, NameMask, Row, Scope, Tally,
};
use crate::domain::diary_step::{FeedbackWay, Satisfaction, Step};
use crate::domain::hash::{FastHash, IdMap, IdSet};
use crate::domain::org::subtree;
use crate::domain::pinyin::Pinyin;
use crate::domain::record::RecordId;
use crate::domain::stats::Share;
use crate::ui::diary::charts::month_chart;
use crate::ui::diary::text::{pt, rt};
use crate::ui::diary::{head_and_group, whole_steps, DiaryData, Names};
use crate::ui::kit::fields::day_text;
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::table::{cell, tr};
use crate::ui::kit::tree::org_select;
use crate::ui::members::print::print_now;
use crate::ui::sheets::{self, ExportFormat};
use crate::ui::stats::hbar_chart;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::sync::Arc;

/// The 公开栏's name mask chosen at this station.
const MASK_KEY: &str = "dangjian.diary.board_mask";

/// A report page's content, as the screen, the paper and the .xlsx show it.
#[derive(Clone, Default)]
pub struct Doc {
    /// Also the .xlsx's file name.
    pub title: String,
    pub meta: String,
    /// Why nothing is counted (a period not understood).
    pub error: Option<&'static str>,
    pub cards: Vec<(&'static str, String)>,
    pub parts: Vec<Part>,
}

/// A doc is made again only when what it reads changed: always drawn anew then (no deep
/// comparison compiled).
impl PartialEq for Doc {
    fn eq(&self, _: &Doc) -> bool {
        false
    }
}

#[derive(Clone)]
pub enum Part {
    Heading(String),
    /// A table: its id, its column heads, its lines (a row's first cell heads it).
    Table(&'static str, Vec<String>, Vec<Line>),
    /// `hbar_chart`'s bars, under a heading of the title.
    Bars(&'static str, Vec<(String, u64, String)>, Option<u64>),
    /// Visits per month (year, month, visits).
    Months(Vec<(i32, u32, usize)>),
    Note(String),
}

#[derive(Clone)]
pub enum Line {
    Row(Vec<String>),
    Total(Vec<String>),
    /// A group's heading across the table (a village on the 公开栏).
    Group(String),
}

fn draw_part(part: &Part) -> AnyView {
    match part {
        Part::Heading(words) => view! { <h3>{words.clone()}</h3> }.into_any(),
        Part::Note(words) => view! { <p class="muted notes">{words.clone()}</p> }.into_any(),
        Part::Bars(title, bars, full) => {
            let chart = hbar_chart(title, bars.clone(), *full);
            view! { <section class="breakdown"><h4>{*title}</h4>{chart}</section> }.into_any()
        }
        Part::Months(months) => month_chart(months),
        Part::Table(id, head, lines) => {
            let width = head.len();
            let heads = head.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view();
            let rows: Vec<AnyView> = lines
                .iter()
                .map(|line| {
                    let (class, cells) = match line {
                        Line::Group(name) => {
                            return view! { <tr class="group"><th scope="colgroup" colspan=width>{name.clone()}</th></tr> }.into_any()
                        }
                        Line::Row(cells) => (None, cells),
                        Line::Total(cells) => (Some("total"), cells),
                    };
                    let mut cells = cells.iter();
                    let first = cells.next().cloned().unwrap_or_default();
                    let mut out = vec![view! { <th scope="row">{first}</th> }.into_any()];
                    out.extend(cells.map(|c| cell("num", c.clone())));
                    tr(class, out)
                })
                .collect();
            view! { <table class="print-table report-table" id=*id><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table> }.into_any()
        }
    }
}

fn draw(doc: &Doc) -> AnyView {
    let cards = (!doc.cards.is_empty()).then(|| {
        doc.cards
            .iter()
            .map(|(label, value)| {
                view! { <div class="stat-card"><span class="stat-label">{*label}</span><span class="stat-value">{value.clone()}</span></div> }
            })
            .collect_view()
    });
    let parts: Vec<AnyView> = doc.parts.iter().map(draw_part).collect();
    view! {
        <h2 class="doc-title">{doc.title.clone()}</h2>
        <p class="doc-meta">{doc.meta.clone()}</p>
        <div class="stat-cards" id="dr-cards">{cards}</div>
        {parts}
    }
    .into_any()
}

/// The .xlsx of a page: the title, the cards, then each part's rows.
fn doc_rows(doc: &Doc) -> Vec<Vec<String>> {
    let mut rows = vec![vec![doc.title.clone()], vec![doc.meta.clone()]];
    if !doc.cards.is_empty() {
        rows.push(doc.cards.iter().map(|(label, _)| label.to_string()).collect());
        rows.push(doc.cards.iter().map(|(_, value)| value.clone()).collect());
    }
    for part in &doc.parts {
        match part {
            Part::Heading(words) | Part::Note(words) => rows.extend([Vec::new(), vec![words.clone()]]),
            Part::Table(_, head, lines) => {
                rows.push(head.clone());
                rows.extend(lines.iter().map(|line| match line {
                    Line::Row(cells) | Line::Total(cells) => cells.clone(),
                    Line::Group(name) => vec![name.clone()],
                }));
            }
            Part::Bars(title, bars, _) => {
                rows.extend([Vec::new(), vec![title.to_string()]]);
                rows.extend(bars.iter().map(|(label, _, words)| vec![label.clone(), words.clone()]));
            }
            Part::Months(months) => {
                rows.extend([Vec::new(), vec![pt().chart_months.to_string()]]);
                rows.extend(months.iter().map(|(y, m, n)| vec![pt().month_label(*y, *m), n.to_string()]));
            }
        }
    }
    rows
}

/// A report page: the three pages' links, the page's own choices (`tools`), print and export,
/// then the document.
pub fn doc_page(current: &'static str, tools: Vec<AnyView>, doc: Memo<Doc>, sheet: &'static str) -> AnyView {
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let export = move |_| {
        let (stem, rows) = doc.with_untracked(|d| (d.title.clone(), doc_rows(d)));
        busy.set(true);
        spawn_local(async move {
            failed.set(sheets::export(&stem, sheet, &rows, ExportFormat::Xlsx).await.err());
            busy.set(false);
        });
    };
    let links = [("", pt().nav_report), ("/board", pt().nav_board), ("/charts", pt().nav_charts)]
        .into_iter()
        .map(|(path, label)| {
            view! { <a href=format!("#/diary/report{path}") aria-current=(path == current).then_some("page")>{label}</a> }
        })
        .collect_view();
    view! {
        <div class="report-doc">
            <nav class="sub-tabs no-print" aria-label=pt().tab_report>{links}</nav>
            <div class="toolbar no-print">
                {tools}
                <button type="button" on:click=|_| print_now()>{t().print}</button>
                <button type="button" prop:disabled=busy on:click=export>{t().export_xlsx}</button>
            </div>
            <p class="error no-print" role="alert" id="dr-error">
                {move || failed.get().or_else(|| doc.with(|d| d.error.map(str::to_string)))}
            </p>
            {move || doc.with(draw)}
        </div>
    }
    .into_any()
}

/// Every entry's matter dates, while the page is shown (one pass over the steps and entries).
pub fn dates_memo() -> Memo<Arc<Vec<MatterDates>>> {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    while_shown(move || {
        let steps = data.steps.get();
        state.read_diaries(|index| matter_dates(index.diaries(), &steps))
    })
}

/// The villages of the organization chosen (its sub-tree), and what it is called (the station's
/// name when none is chosen).
pub fn chosen_place(state: AppState, data: &DiaryData, chosen: &str) -> (Option<IdSet>, String) {
    match RecordId::parse(chosen) {
        Some(v) => data.orgs.with(|orgs| {
            (Some(subtree(orgs, &v)), orgs.iter().find(|o| o.id == v).map(|o| o.name.clone()).unwrap_or_default())
        }),
        None => {
            (None, state.settings.with_untracked(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default()))
        }
    }
}

/// A share as a rate, "—" when there is nothing to share.
pub fn rate(s: Share) -> String {
    if s.total == 0 {
        "—".into()
    } else {
        s.to_string()
    }
}

/// Sorts rows by the name `name` gives each (pinyin once the table is read).
pub fn sort_by_name<T>(rows: &mut Vec<T>, name: impl Fn(&T) -> &str, pinyin: &Pinyin) {
    crate::domain::sort::sort_by_cached_key(rows, |r| pinyin.name_key(name(r)));
}

/// A labelled field around `input`.
pub fn field(id: &'static str, label: &'static str, input: AnyView) -> AnyView {
    view! { <div class="field"><label for=id>{label}</label>{input}</div> }.into_any()
}

pub fn village_field(id: &'static str, village: RwSignal<String>) -> AnyView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    field(id, pt().scope, org_select(id, rt().all_villages, village, data.orgs, state.pinyin))
}

/// A labelled select of (value, words), `chosen` selected; `on` takes a new choice.
fn select_field(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: &str,
    on: impl Fn(String) + 'static,
) -> AnyView {
    let options = options
        .into_iter()
        .map(|(v, words)| {
            let selected = v == chosen;
            view! { <option value=v selected=selected>{words}</option> }
        })
        .collect_view();
    field(
        id,
        label,
        view! { <select id=id on:change=move |ev| on(event_target_value(&ev))>{options}</select> }.into_any(),
    )
}

/// A select of months, this month first, back to the first month with an entry (at most five
/// years), valued `2026-11`.
fn month_field(id: &'static str, value: RwSignal<String>) -> AnyView {
    let state = expect_context::<AppState>();
    let this = month_first(browser::today());
    let first =
        state.read_diaries(|index| index.diaries().iter().filter_map(|d| d.date).min()).map_or(this, month_first);
    let months = (0..60)
        .map(|n| sub_months(this, n))
        .take_while(|m| *m >= first || *m == this)
        .map(|m| (iso(m)[..7].to_string(), pt().month_label(m.year(), m.month())))
        .collect();
    select_field(id, pt().month, months, &value.get_untracked(), move |v| value.set(v))
}

/// This month, as `month_field` values it.
fn this_month() -> String {
    iso(browser::today())[..7].to_string()
}

/// A `month_field` value's first and last day.
fn month_bounds(value: &str) -> (NaiveDate, NaiveDate) {
    let first = parse_iso(&format!("{value}-01")).unwrap_or_else(|| month_first(browser::today()));
    (first, month_last(first))
}

/// A 汇报 table's lines: each named row, then the total.
fn tally_lines(rows: &[Row], names: &IdMap<String>, total: &Tally, pinyin: &Pinyin) -> Vec<Line> {
    let mut lines: Vec<Vec<String>> =
        rows.iter().map(|r| tally_cells(names.get(&r.id).cloned().unwrap_or_default(), &r.tally)).collect();
    sort_by_name(&mut lines, |cells| &cells[0], pinyin);
    let mut out: Vec<Line> = lines.into_iter().map(Line::Row).collect();
    out.push(Line::Total(tally_cells(pt().total.to_string(), total)));
    out
}

fn tally_cells(name: String, t: &Tally) -> Vec<String> {
    let mut cells = vec![name];
    cells.extend([t.visits, t.opened, t.finished, t.overdue].map(|n| n.to_string()));
    cells.push(rate(t.on_time_rate()));
    cells.extend(t.views.map(|n| n.to_string()));
    cells.push(rate(t.satisfaction_rate()));
    cells
}

/// Column heads: the rows' name, then `columns`.
pub fn heads(first: &str, columns: &[&str]) -> Vec<String> {
    std::iter::once(first).chain(columns.iter().copied()).map(str::to_string).collect()
}

/// The monthly 汇报.
#[component]
pub fn MonthlyReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let month = RwSignal::new(this_month());
    let village = RwSignal::new(String::new());
    let dates = dates_memo();
    let doc = Memo::new(move |_| {
        let (from, to) = month_bounds(&month.get());
        let (villages, place) = chosen_place(state, &data, &village.get());
        let dates = dates.get();
        let scope = Scope { from, to, today: browser::today(), villages: villages.as_ref() };
        let r = state.read_diaries(|index| report(index.diaries(), &dates, &scope, None));
        let names = Names::of(&data);
        let (orgs, people, pinyin) = (names.orgs(), names.people(), state.pinyin.get());
        let t = r.total;
        Doc {
            title: pt().report_title(&place, from.year(), from.month()),
            meta: format!("{}{}", pt().made_on, iso(browser::today())),
            error: None,
            cards: vec![
                (pt().card_visits, t.visits.to_string()),
                (pt().card_opened, t.opened.to_string()),
                (pt().card_finished, t.finished.to_string()),
                (pt().card_overdue, t.overdue.to_string()),
                (pt().card_on_time, rate(t.on_time_rate())),
                (pt().card_satisfaction, rate(t.satisfaction_rate())),
            ],
            parts: vec![
                Part::Heading(pt().by_village.into()),
                Part::Table(
                    "dr-by-village",
                    heads(pt().col_village, pt().report_columns),
                    tally_lines(&r.by_village, orgs, &t, &pinyin),
                ),
                Part::Heading(pt().by_writer.into()),
                Part::Table(
                    "dr-by-writer",
                    heads(pt().col_writer, pt().report_columns),
                    tally_lines(&r.by_writer, people, &t, &pinyin),
                ),
                Part::Note(if t == Tally::default() { pt().nothing } else { pt().report_notes }.into()),
            ],
        }
    });
    let tools = vec![month_field("dr-month", month), village_field("dr-village", village)];
    doc_page("", tools, doc, pt().nav_report)
}

/// How a household shows on the board.
fn board_name(mask: NameMask, head: &str, group: &str) -> String {
    match mask.apply(head) {
        Some(name) => head_and_group(&name, group),
        None => pt().resident_of(group),
    }
}

/// 公开栏: the matters marked 公开 in a month, of a village (or of all, village by village).
#[component]
pub fn NoticeBoard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let month = RwSignal::new(this_month());
    let village = RwSignal::new(String::new());
    let kept = browser::kept::<String>(MASK_KEY).and_then(|m| NameMask::from_label(&m)).unwrap_or_default();
    let mask = RwSignal::new(kept.label().to_string());
    let dates = dates_memo();
    let chosen = Memo::new(move |_| chosen_place(state, &data, &village.get()));
    // The entries on the board, whose steps are read whole for their outcomes.
    let on_board = Memo::new(move |_| {
        let (from, to) = month_bounds(&month.get());
        let dates = dates.get();
        chosen.with(|(villages, _)| {
            let scope = Scope { from, to, today: browser::today(), villages: villages.as_ref() };
            state.read_diaries(|index| {
                board_entries(index, &dates, &scope)
                    .into_iter()
                    .map(|at| index.diaries()[at].id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let whole = whole_steps(move || on_board.get());
    let doc = Memo::new(move |_| {
        let (from, to) = month_bounds(&month.get());
        let (villages, place) = chosen.get();
        let dates = dates.get();
        let scope = Scope { from, to, today: browser::today(), villages: villages.as_ref() };
        let mask = NameMask::from_label(&mask.get()).unwrap_or_default();
        let steps = match whole.get() {
            Some(Ok(list)) => list,
            _ => Vec::new(),
        };
        let title = pt().board_title(&place, from.year(), from.month());
        let Some(list) = state.read_diaries(|index| notice_board(index, &dates, &steps, &scope)) else {
            let parts = vec![Part::Note(state.texts_wait_note().into())];
            return Doc { title, meta: String::new(), error: None, cards: Vec::new(), parts };
        };
        let wanted: HashSet<&RecordId, FastHash> = list.iter().flat_map(|r| &r.households).collect();
        let households: IdMap<String> = data.households.with(|hs| {
            hs.iter()
                .filter(|h| wanted.contains(&h.id))
                .map(|h| (h.id.clone(), board_name(mask, &h.head, &h.group)))
                .collect()
        });
        let names = Names::of(&data);
        let orgs = names.orgs();
        // Village by village (by name), each in the order the board gives.
        let mut rows: Vec<(String, Vec<String>)> = list
            .iter()
            .map(|r| {
                let who: Vec<&str> = r
                    .households
                    .iter()
                    .map(|h| households.get(h).map_or(rt().unknown_household, String::as_str))
                    .collect();
                let cells = vec![
                    who.join("、"),
                    r.category.map(|c| c.label().to_string()).unwrap_or_default(),
                    r.request.clone(),
                    r.outcome.clone(),
                    r.view.map(|v| v.label().to_string()).unwrap_or_default(),
                    iso(r.published),
                ];
                (r.village.as_ref().and_then(|v| orgs.get(v).cloned()).unwrap_or_default(), cells)
            })
            .collect();
        sort_by_name(&mut rows, |(v, _)| v, &state.pinyin.get());
        // A heading for each village when the board is of several.
        let (all, mut last) = (village.with(String::is_empty), None::<String>);
        let mut lines = Vec::new();
        for (v, cells) in rows {
            if all && last.as_ref() != Some(&v) {
                lines.push(Line::Group(v.clone()));
                last = Some(v);
            }
            lines.push(Line::Row(cells));
        }
        let none = lines.is_empty();
        Doc {
            title,
            meta: pt().board_count(list.len()),
            error: None,
            cards: Vec::new(),
            parts: vec![if none {
                Part::Note(pt().board_none.into())
            } else {
                Part::Table("dr-board", pt().board_columns.iter().map(|c| c.to_string()).collect(), lines)
            }],
        }
    });
    let masks = NameMask::ALL.iter().map(|m| (m.label().to_string(), m.label().to_string())).collect();
    let tools = vec![
        month_field("dr-board-month", month),
        village_field("dr-board-village", village),
        select_field("dr-mask", pt().board_mask, masks, kept.label(), move |v| {
            browser::keep(MASK_KEY, &v);
            mask.set(v);
        }),
    ];
    doc_page("/board", tools, doc, pt().nav_board)
}

/// ☑ or ☐ before a choice's words, for the paper form.
fn ticks(choices: impl Iterator<Item = &'static str>, chosen: Option<&'static str>) -> String {
    choices.map(|c| format!("{}{c}", if Some(c) == chosen { "☑" } else { "☐" })).collect::<Vec<_>>().join("　")
}

/// A 督办单 row: a heading cell, then cells of lines (a cell of one line spans the rest when
/// alone).
fn sheet_row(cells: Vec<(&'static str, Vec<String>)>) -> AnyView {
    let span = if cells.len() == 1 { 3 } else { 1 };
    let out: Vec<AnyView> = cells
        .into_iter()
        .flat_map(|(head, lines)| {
            let lines = lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view();
            [view! { <th>{head}</th> }.into_any(), view! { <td colspan=span>{lines}</td> }.into_any()]
        })
        .collect();
    tr(None, out)
}

/// 督办单: one matter on one A4 page, to hand to the assignee and sign.
#[component]
pub fn SupervisionSheet(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let diary = id.clone();
    let whole = whole_steps(move || vec![diary.clone()]);
    move || {
        let Some((d, texts)) =
            state.read_diaries(|index| index.position(&id).map(|i| (index.diaries()[i].clone(), index.texts(i))))
        else {
            return view! { <p class="empty">{rt().entry_not_found}</p> }.into_any();
        };
        let Some(texts) = texts else {
            return view! { <p class="empty" role="status">{state.texts_wait_note()}</p> }.into_any();
        };
        let names = Names::of(&data);
        let steps: Vec<Step> = match whole.get() {
            Some(Ok(list)) => list,
            None => return view! { <p class="empty">{rt().reading_steps}</p> }.into_any(),
            Some(Err(why)) => return view! { <p class="flag red">{why}</p> }.into_any(),
        };
        let sheet = sheet_steps(&steps.iter().collect::<Vec<_>>());
        let (heads, phones): (Vec<String>, Vec<String>) = data.households.with(|hs| {
            d.households
                .iter()
                .filter_map(|h| hs.iter().find(|x| &x.id == h))
                .map(|x| (head_and_group(&x.head, &x.group), x.phone.clone()))
                .unzip()
        });
        // When and by whom, then the words if any.
        let signed = |s: &Step, words: String| {
            let colon = if words.is_empty() { "" } else { "：" };
            format!("{} {}{colon}{words}", day_text(s.date), s.by)
        };
        // Room to write by hand: at least `n` lines.
        let lines = |mut list: Vec<String>, n: usize| {
            list.resize(list.len().max(n), "\u{a0}".into());
            list
        };
        let reviews = sheet.reviews.iter().map(|s| {
            let words: Vec<&str> =
                [s.note.as_str(), s.instruction.as_str()].into_iter().filter(|w| !w.is_empty()).collect();
            signed(s, words.join("；"))
        });
        let handling = sheet.handling.iter().map(|s| {
            let offices = if s.offices.is_empty() {
                String::new()
            } else {
                format!("（{}{}）", rt().offices_is, s.offices.join("、"))
            };
            signed(s, format!("{}{offices}", s.note))
        });
        let outcome = sheet
            .outcome
            .map(|s| format!("{} {}", s.kind.map(|k| k.label()).unwrap_or_default(), signed(s, s.note.clone())));
        let (sup, fb) = (sheet.supervision, sheet.feedback);
        let feedback = format!(
            "{}{}　　{}{}{}",
            rt().way_is,
            ticks(FeedbackWay::ALL.iter().map(|w| w.label()), fb.and_then(|s| s.way).map(|w| w.label())),
            rt().view_is,
            ticks(Satisfaction::ALL.iter().map(|v| v.label()), fb.and_then(|s| s.view).map(|v| v.label())),
            fb.map(|s| format!("　（{}）", signed(s, s.note.clone()))).unwrap_or_default()
        );
        let one = |s: String| vec![s];
        let rows = vec![
            sheet_row(vec![
                (pt().s_village, one(names.org(d.village.as_ref()))),
                (pt().s_visit_date, one(day_text(d.date))),
            ]),
            sheet_row(vec![(pt().s_household, one(heads.join("、"))), (pt().s_phone, one(phones.join("、")))]),
            sheet_row(vec![
                (pt().s_writer, one(names.person(d.writer.as_ref()))),
                (pt().s_category, one(d.category.map(|c| c.label().to_string()).unwrap_or_default())),
            ]),
            sheet_row(vec![(rt().situation, one(texts.situation))]),
            sheet_row(vec![(rt().request, one(texts.request))]),
            sheet_row(vec![(pt().s_review, lines(reviews.collect(), 2))]),
            sheet_row(vec![
                (pt().s_assignee, one(sup.map(|s| s.assignee.clone()).unwrap_or_default())),
                (pt().s_supervisor, one(sup.map(|s| s.by.clone()).unwrap_or_default())),
            ]),
            sheet_row(vec![
                (pt().s_supervised_on, one(day_text(sup.and_then(|s| s.date)))),
                (pt().s_deadline, one(day_text(sup.and_then(|s| s.deadline)))),
            ]),
            sheet_row(vec![(pt().s_handling, lines(handling.collect(), 3))]),
            sheet_row(vec![(
                pt().s_outcome,
                [lines(outcome.into_iter().collect(), 2), one(pt().sign_assignee.into())].concat(),
            )]),
            sheet_row(vec![(pt().s_feedback, vec![feedback, pt().sign_household.into()])]),
            sheet_row(vec![(pt().s_close, one(pt().sign_supervisor.into()))]),
        ];
        let (_, station) = chosen_place(state, &data, "");
        let number = format!("{}{}-{}", pt().sheet_no, day_text(d.date).replace('-', ""), &d.id.as_str()[..6]);
        view! {
            <section class="print-doc sheet">
                <div class="print-bar no-print">
                    <a href=format!("#/diary/{}", d.id)>{"‹ "}{pt().back_to_entry}</a>
                    <button type="button" class="primary" on:click=|_| print_now()>{t().print}</button>
                </div>
                <h2 class="doc-title">{pt().sheet_title}</h2>
                <p class="doc-meta">{format!("{station}　{number}")}</p>
                <table class="print-table card-table" id="dr-sheet"><tbody>{rows}</tbody></table>
            </section>
        }
        .into_any()
    }
}
