//! 统计汇报: the monthly 汇报 (visits, matters opened, finished and overdue, on-time 督办,
//! satisfaction, by village and by cadre), the village notice board (公开栏, households' names
//! masked as the station chooses), a matter's 督办单, and the same tables as .xlsx. Each page is
//! its own print view (A4 portrait); the counts are `domain::diary_report`'s.

use crate::domain::date::{iso, month_first, month_last, parse_iso, sub_months};
use crate::domain::diary_report::{matter_dates, notice_board, report, sheet_steps, MatterDates, NameMask, Scope, Tally};
use crate::domain::diary_step::{FeedbackWay, Satisfaction, Step};
use crate::domain::org::subtree;
use crate::domain::pinyin::Pinyin;
use crate::domain::record::RecordId;
use crate::domain::stats::Share;
use crate::ui::diary::text::{pt, rt};
use crate::ui::diary::{head_and_group, DiaryData, Names};
use crate::ui::kit::fields::day_text;
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::tree::org_select;
use crate::ui::members::print::print_now;
use crate::ui::sheets::{self, ExportFormat};
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The 公开栏's name mask chosen at this station.
const MASK_KEY: &str = "dangjian.diary.board_mask";

/// Every entry's matter dates, while the page is shown (one pass over the steps and entries).
pub fn dates_memo() -> Memo<Arc<Vec<MatterDates>>> {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    while_shown(move || {
        let steps = data.steps.get();
        state.read_diaries(|index| matter_dates(index.diaries(), &steps))
    })
}

/// The villages of the organization chosen (its sub-tree); `None`: all.
pub fn villages_of(data: &DiaryData, chosen: &str) -> Option<HashSet<RecordId>> {
    RecordId::parse(chosen).map(|v| data.orgs.with(|orgs| subtree(orgs, &v)))
}

/// What the chosen organization is called, or the station's name.
pub fn place_name(state: AppState, data: &DiaryData, chosen: &str) -> String {
    let id = RecordId::parse(chosen);
    id.and_then(|id| data.orgs.with(|os| os.iter().find(|o| o.id == id).map(|o| o.name.clone())))
        .unwrap_or_else(|| state.settings.with_untracked(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default()))
}

/// A share as a rate, "—" when there is nothing to share.
pub fn rate(s: Share) -> String {
    if s.total == 0 {
        "—".into()
    } else {
        s.to_string()
    }
}

/// The three report pages' links.
pub fn sub_nav(current: &'static str) -> AnyView {
    let links = [("", pt().nav_report), ("/board", pt().nav_board), ("/charts", pt().nav_charts)]
        .into_iter()
        .map(|(path, label)| {
            view! { <a href=format!("#/diary/report{path}") aria-current=(path == current).then_some("page")>{label}</a> }
        })
        .collect_view();
    view! { <nav class="sub-tabs no-print" aria-label=pt().nav_label>{links}</nav> }.into_any()
}

/// The print and export buttons, and the export's error.
pub fn doc_buttons(export: impl Fn() -> (String, &'static str, Vec<Vec<String>>) + 'static) -> AnyView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let on_export = move |_| {
        let (stem, sheet, rows) = export();
        busy.set(true);
        spawn_local(async move {
            error.set(sheets::export(&stem, sheet, &rows, ExportFormat::Xlsx).await.err());
            busy.set(false);
        });
    };
    view! {
        <button type="button" on:click=|_| print_now()>{t().print}</button>
        <button type="button" prop:disabled=busy on:click=on_export>{t().export_xlsx}</button>
        <p class="error" role="alert">{move || error.get()}</p>
    }
    .into_any()
}

/// A select of months, this month first, back to the first month with an entry (at most five
/// years), valued `2026-11`.
fn month_select(id: &'static str, value: RwSignal<String>) -> AnyView {
    let state = expect_context::<AppState>();
    let options = move || {
        let today = browser::today();
        let first = state.read_diaries(|index| index.diaries().iter().filter_map(|d| d.date).min()).unwrap_or(today);
        let chosen = value.get();
        (0..60)
            .map(|n| sub_months(month_first(today), n))
            .take_while(|m| *m >= month_first(first) || *m == month_first(today))
            .map(|m| {
                let v = format!("{:04}-{:02}", m.year(), m.month());
                let selected = v == chosen;
                view! { <option value=v selected=selected>{pt().month_label(m.year(), m.month())}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id>{pt().month}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>{options}</select>
        </div>
    }
    .into_any()
}

fn this_month() -> String {
    let today = browser::today();
    format!("{:04}-{:02}", today.year(), today.month())
}

/// The month's first and last day.
fn month_bounds(value: &str) -> (NaiveDate, NaiveDate) {
    let first = parse_iso(&format!("{value}-01")).unwrap_or_else(|| month_first(browser::today()));
    (first, month_last(first))
}

fn village_field(id: &'static str, village: RwSignal<String>) -> AnyView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    view! {
        <div class="field">
            <label for=id>{pt().scope}</label>
            {org_select(id, rt().all_villages, village, data.orgs, state.pinyin)}
        </div>
    }
    .into_any()
}

/// Rows named and in name order (by pinyin once it is read).
pub fn by_name<K, T: Clone>(rows: &[(K, T)], name: impl Fn(&K) -> String, pinyin: &Pinyin) -> Vec<(String, T)> {
    let mut out: Vec<(String, T)> = rows.iter().map(|(id, t)| (name(id), t.clone())).collect();
    crate::domain::sort::sort_by_cached_key(&mut out, |(n, _)| pinyin.name_key(n));
    out
}

/// A 汇报 row's cells after its name.
fn tally_cells(t: &Tally) -> Vec<String> {
    let mut cells: Vec<String> = [t.visits, t.opened, t.finished, t.overdue].iter().map(usize::to_string).collect();
    cells.push(rate(t.on_time_rate()));
    cells.extend(t.views.iter().map(usize::to_string));
    cells.push(rate(t.satisfaction_rate()));
    cells
}

fn tally_table(id: &'static str, first: &'static str, rows: &[(String, Tally)], total: &Tally) -> AnyView {
    let body = rows
        .iter()
        .map(|(name, t)| (name.clone(), tally_cells(t), false))
        .chain([(pt().total.to_string(), tally_cells(total), true)])
        .map(|(name, cells, total)| {
            let cells = cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view();
            view! { <tr class:total=total><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="print-table report-table" id=id>
            <thead><tr><th scope="col">{first}</th>{pt().report_columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

/// The monthly 汇报.
#[component]
pub fn MonthlyReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let month = RwSignal::new(this_month());
    let village = RwSignal::new(String::new());
    let dates = dates_memo();
    let counted = Memo::new(move |_| {
        let (from, to) = month_bounds(&month.get());
        let villages = villages_of(&data, &village.get());
        let dates = dates.get();
        let scope = Scope { from, to, today: browser::today(), villages: villages.as_ref() };
        let r = state.read_diaries(|index| report(index.diaries(), &dates, &scope));
        let (orgs, people, pinyin) = (data.org_names(), data.person_names(), state.pinyin.get());
        let name = |names: &HashMap<RecordId, String>, id: &RecordId| names.get(id).cloned().unwrap_or_default();
        let by_village = by_name(&r.by_village, |id| name(&orgs, id), &pinyin);
        let by_writer = by_name(&r.by_writer, |id| name(&people, id), &pinyin);
        (r.total, by_village, by_writer)
    });
    let title = move || {
        let (from, _) = month_bounds(&month.get());
        pt().report_title(&place_name(state, &data, &village.get()), from.year(), from.month())
    };
    let export = move || {
        let (total, by_village, by_writer) = counted.get_untracked();
        let head = |first: &str| std::iter::once(first.to_string()).chain(pt().report_columns.iter().map(|c| c.to_string())).collect();
        let mut rows: Vec<Vec<String>> = vec![vec![untrack(title)], vec![format!("{}{}", pt().made_on, iso(browser::today()))]];
        for (caption, first, list) in [(pt().by_village, pt().col_village, by_village), (pt().by_writer, pt().col_writer, by_writer)] {
            rows.push(Vec::new());
            rows.push(vec![caption.to_string()]);
            rows.push(head(first));
            for (name, t) in list.iter().chain([&(pt().total.to_string(), total)]) {
                rows.push(std::iter::once(name.clone()).chain(tally_cells(t)).collect());
            }
        }
        rows.push(Vec::new());
        rows.push(vec![pt().report_notes.to_string()]);
        (untrack(title), pt().nav_report, rows)
    };
    let body = move || {
        let (total, by_village, by_writer) = counted.get();
        let cards = [
            (pt().card_visits, total.visits.to_string()),
            (pt().card_opened, total.opened.to_string()),
            (pt().card_finished, total.finished.to_string()),
            (pt().card_overdue, total.overdue.to_string()),
            (pt().card_on_time, rate(total.on_time_rate())),
            (pt().card_satisfaction, rate(total.satisfaction_rate())),
        ]
        .into_iter()
        .map(|(label, value)| view! { <div class="stat-card"><span class="stat-label">{label}</span><span class="stat-value">{value}</span></div> })
        .collect_view();
        view! {
            <div class="stat-cards" id="dr-cards">{cards}</div>
            {(total == Tally::default()).then(|| view! { <p class="empty">{pt().nothing}</p> })}
            <h3>{pt().by_village}</h3>
            {tally_table("dr-by-village", pt().col_village, &by_village, &total)}
            <h3>{pt().by_writer}</h3>
            {tally_table("dr-by-writer", pt().col_writer, &by_writer, &total)}
        }
    };
    view! {
        <div class="report-doc">
            {sub_nav("")}
            <div class="toolbar no-print">
                {month_select("dr-month", month)}
                {village_field("dr-village", village)}
                {doc_buttons(export)}
            </div>
            <h2 class="doc-title">{title}</h2>
            <p class="doc-meta">{move || format!("{}{}", pt().made_on, iso(browser::today()))}</p>
            {body}
            <p class="muted notes">{pt().report_notes}</p>
        </div>
    }
}

/// How a household shows on the board.
fn board_name(mask: NameMask, head: &str, group: &str) -> String {
    match mask.apply(head) {
        Some(name) => head_and_group(&name, group),
        None => pt().resident_of(group),
    }
}

/// 公开栏: the matters marked 公开 in a month, of a village (or all, by village).
#[component]
pub fn NoticeBoard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let month = RwSignal::new(this_month());
    let village = RwSignal::new(String::new());
    let kept = browser::kept::<String>(MASK_KEY).and_then(|m| NameMask::from_label(&m)).unwrap_or_default();
    let mask = RwSignal::new(kept.label().to_string());
    let dates = dates_memo();
    // (village name, rows of cells), villages in name order.
    let rows = Memo::new(move |_| {
        let (from, to) = month_bounds(&month.get());
        let villages = villages_of(&data, &village.get());
        let dates = dates.get();
        let scope = Scope { from, to, today: browser::today(), villages: villages.as_ref() };
        let mask = NameMask::from_label(&mask.get()).unwrap_or_default();
        let orgs = data.org_names();
        let steps = data.steps.get();
        let list = state.read_diaries(|index| notice_board(index, &dates, &steps, &scope));
        let wanted: HashSet<&RecordId> = list.iter().flat_map(|r| &r.households).collect();
        let households: HashMap<RecordId, (String, String)> = data.households.with(|hs| {
            hs.iter().filter(|h| wanted.contains(&h.id)).map(|h| (h.id.clone(), (h.head.clone(), h.group.clone()))).collect()
        });
        let mut groups: Vec<(Option<RecordId>, Vec<Vec<String>>)> = Vec::new();
        for r in &list {
            let who = r
                .households
                .iter()
                .map(|h| households.get(h).map_or_else(|| rt().unknown_household.to_string(), |(head, group)| board_name(mask, head, group)))
                .collect::<Vec<_>>()
                .join("、");
            let cells = vec![
                who,
                r.category.map(|c| c.label().to_string()).unwrap_or_default(),
                r.request.clone(),
                r.outcome.clone(),
                r.view.map(|v| v.label().to_string()).unwrap_or_default(),
                iso(r.published),
            ];
            match groups.last_mut() {
                Some((at, rows)) if *at == r.village => rows.push(cells),
                _ => groups.push((r.village.clone(), vec![cells])),
            }
        }
        let name = |v: &Option<RecordId>| v.as_ref().and_then(|v| orgs.get(v).cloned()).unwrap_or_default();
        by_name(&groups, name, &state.pinyin.get())
    });
    let title = move || pt().board_title(&place_name(state, &data, &village.get()));
    let period = move || {
        let (from, _) = month_bounds(&month.get());
        pt().month_label(from.year(), from.month())
    };
    let export = move || {
        let mut out: Vec<Vec<String>> = vec![vec![untrack(title)], vec![untrack(period)], Vec::new()];
        out.push(std::iter::once(pt().col_village).chain(pt().board_columns.iter().copied()).map(str::to_string).collect());
        for (v, rows) in rows.get_untracked() {
            out.extend(rows.into_iter().map(|cells| std::iter::once(v.clone()).chain(cells).collect()));
        }
        (format!("{}{}", untrack(title), untrack(period)), pt().nav_board, out)
    };
    let table = move || {
        let groups = rows.get();
        if groups.is_empty() {
            return view! { <p class="empty">{pt().board_none}</p> }.into_any();
        }
        let many = groups.len() > 1 || village.with(String::is_empty);
        let width = pt().board_columns.len();
        let body = groups
            .into_iter()
            .map(|(v, rows)| {
                let head = many.then(|| view! { <tr class="group"><th colspan=width>{v}</th></tr> });
                let rows = rows
                    .into_iter()
                    .map(|cells| view! { <tr>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                    .collect_view();
                view! { {head}{rows} }
            })
            .collect_view();
        view! {
            <table class="print-table board" id="dr-board">
                <thead><tr>{pt().board_columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
        .into_any()
    };
    let masks = NameMask::ALL.iter().map(|m| view! { <option value=m.label()>{m.label()}</option> }).collect_view();
    view! {
        <div class="report-doc">
            {sub_nav("/board")}
            <div class="toolbar no-print">
                {month_select("dr-board-month", month)}
                {village_field("dr-board-village", village)}
                <div class="field">
                    <label for="dr-mask">{pt().board_mask}</label>
                    <select id="dr-mask" prop:value=move || mask.get() on:change=move |ev| {
                        let v = event_target_value(&ev);
                        browser::keep(MASK_KEY, &v);
                        mask.set(v);
                    }>{masks}</select>
                </div>
                {doc_buttons(export)}
            </div>
            <h2 class="doc-title">{title}</h2>
            <p class="doc-meta">{period}</p>
            {table}
        </div>
    }
}

/// ☑ or ☐ before a choice's words, for the paper form.
fn ticks(choices: &[&'static str], chosen: Option<&'static str>) -> String {
    choices.iter().map(|c| format!("{}{c}", if Some(*c) == chosen { "☑" } else { "☐" })).collect::<Vec<_>>().join("　")
}

/// 督办单: one matter on one A4 page, to hand to the assignee and sign.
#[component]
pub fn SupervisionSheet(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    move || {
        let Some((d, texts)) = state.read_diaries(|index| index.position(&id).map(|i| (index.diaries()[i].clone(), index.texts(i)))) else {
            return view! { <p class="empty">{rt().entry_not_found}</p> }.into_any();
        };
        let names = Names::of(&data);
        let steps: Vec<Step> = data.steps.with(|all| all.iter().filter(|s| s.diary.as_ref() == Some(&d.id)).cloned().collect());
        let refs: Vec<&Step> = steps.iter().collect();
        let sheet = sheet_steps(&refs);
        let (heads, phones): (Vec<String>, Vec<String>) = data.households.with(|hs| {
            d.households
                .iter()
                .map(|h| {
                    hs.iter()
                        .find(|x| &x.id == h)
                        .map_or_else(|| (rt().unknown_household.to_string(), String::new()), |x| (head_and_group(&x.head, &x.group), x.phone.clone()))
                })
                .unzip()
        });
        let step_line = |s: &Step, words: String| format!("{} {}：{}", day_text(s.date), s.by, words);
        let reviews = sheet
            .reviews
            .iter()
            .map(|s| {
                let words = [s.note.as_str(), s.instruction.as_str()].into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join("；");
                step_line(s, words)
            })
            .collect::<Vec<_>>();
        let handling = sheet
            .handling
            .iter()
            .map(|s| {
                let offices = if s.offices.is_empty() { String::new() } else { format!("（{}{}）", rt().offices_is, s.offices.join("、")) };
                step_line(s, format!("{}{offices}", s.note))
            })
            .collect::<Vec<_>>();
        let outcome = sheet.outcome.map(|s| format!("{} {}", s.kind.map(|k| k.label()).unwrap_or_default(), step_line(s, s.note.clone())));
        let sup = sheet.supervision;
        let fb = sheet.feedback;
        let ways: Vec<&'static str> = FeedbackWay::ALL.iter().map(|w| w.label()).collect();
        let views: Vec<&'static str> = Satisfaction::ALL.iter().map(|v| v.label()).collect();
        let feedback = format!(
            "{}{}　　{}{}{}",
            rt().way_is,
            ticks(&ways, fb.and_then(|s| s.way).map(|w| w.label())),
            rt().view_is,
            ticks(&views, fb.and_then(|s| s.view).map(|v| v.label())),
            fb.map(|s| format!("　（{}）", step_line(s, s.note.clone()))).unwrap_or_default()
        );
        let lines = |list: Vec<String>, blank: usize| {
            let n = list.len();
            list.into_iter()
                .map(|l| view! { <p>{l}</p> }.into_any())
                .chain((n..blank).map(|_| view! { <p class="blank-line">{"\u{a0}"}</p> }.into_any()))
                .collect_view()
        };
        let number = format!("{}{}-{}", pt().sheet_no, day_text(d.date).replace('-', ""), &d.id.as_str()[..6]);
        let row2 = |a: &'static str, av: String, b: &'static str, bv: String| {
            view! { <tr><th>{a}</th><td>{av}</td><th>{b}</th><td>{bv}</td></tr> }
        };
        view! {
            <section class="print-doc sheet">
                <div class="print-bar no-print">
                    <a href=format!("#/diary/{}", d.id)>{"‹ "}{pt().back_to_entry}</a>
                    <button type="button" class="primary" on:click=|_| print_now()>{t().print}</button>
                </div>
                <h2 class="doc-title">{pt().sheet_title}</h2>
                <p class="doc-meta">{format!("{}　{}", place_name(state, &data, ""), number)}</p>
                <table class="print-table card-table" id="dr-sheet">
                    <tbody>
                        {row2(pt().s_village, names.org(d.village.as_ref()), pt().s_visit_date, day_text(d.date))}
                        {row2(pt().s_household, heads.join("、"), pt().s_phone, phones.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("、"))}
                        {row2(pt().s_writer, names.person(d.writer.as_ref()), pt().s_category, d.category.map(|c| c.label().to_string()).unwrap_or_default())}
                        <tr><th>{rt().situation}</th><td colspan="3" class="text">{texts.situation.clone()}</td></tr>
                        <tr><th>{rt().request}</th><td colspan="3" class="text">{texts.request.clone()}</td></tr>
                        <tr><th>{pt().s_review}</th><td colspan="3">{lines(reviews, 2)}</td></tr>
                        {row2(pt().s_assignee, sup.map(|s| s.assignee.clone()).unwrap_or_default(), pt().s_supervisor, sup.map(|s| s.by.clone()).unwrap_or_default())}
                        {row2(pt().s_supervised_on, day_text(sup.and_then(|s| s.date)), pt().s_deadline, day_text(sup.and_then(|s| s.deadline)))}
                        <tr><th>{pt().s_handling}</th><td colspan="3">{lines(handling, 3)}</td></tr>
                        <tr><th>{pt().s_outcome}</th><td colspan="3">{lines(outcome.into_iter().collect(), 2)}<p class="sign">{pt().sign_assignee}</p></td></tr>
                        <tr><th>{pt().s_feedback}</th><td colspan="3"><p>{feedback}</p><p class="sign">{pt().sign_household}</p></td></tr>
                        <tr><th>{pt().s_close}</th><td colspan="3"><p class="sign">{pt().sign_supervisor}</p></td></tr>
                    </tbody>
                </table>
            </section>
        }
        .into_any()
    }
}
