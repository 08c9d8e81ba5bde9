//! 统计图表: over a period and the villages chosen, visits per month, the entries by 类别 and by
//! their matter's state, the on-time rate of 督办, the satisfaction rate and 五个必到 coverage,
//! by village and by cadre; hand-written SVG charts beside their tables, which print (A4).
//! Cadres are listed by name, never ranked (these are work figures, not public rankings).

use crate::domain::date::{month_first, parse_user_date, sub_months};
use crate::domain::diary_report::{must_visit_coverage, report, Coverage, Report, Scope, Tally};
use crate::domain::household::OldMemberRule;
use crate::domain::record::RecordId;
use crate::domain::stats::Share;
use crate::ui::diary::report::{by_name, dates_memo, doc_buttons, place_name, rate, sub_nav, villages_of};
use crate::ui::diary::state_label;
use crate::ui::diary::text::{pt, rt};
use crate::ui::diary::DiaryData;
use crate::ui::kit::fields::day_text;
use crate::ui::kit::tree::org_select;
use crate::ui::stats::hbar_chart;
use crate::ui::AppState;
use crate::web::browser;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Visits per month as upright bars, the count above each and the month below; the year under
/// the first month and under each January.
fn month_chart(months: &[(i32, u32, usize)]) -> AnyView {
    const COL: u32 = 40;
    const TOP: u32 = 20;
    const HIGH: u32 = 150;
    let width = COL * months.len() as u32 + 20;
    let max = months.iter().map(|m| m.2).max().unwrap_or(0).max(1);
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, &(year, month, n))| {
            let x = 10 + COL * i as u32;
            let h = (HIGH as usize * n / max) as u32;
            let mid = x + COL / 2;
            let year_label = (i == 0 || month == 1).then(|| {
                view! { <text x=mid y=TOP + HIGH + 32 text-anchor="middle" class="chart-label">{year}</text> }
            });
            view! {
                <g>
                    <rect x=x + 6 y=TOP + HIGH - h width=COL - 12 height=h.max(1) class="chart-bar"
                        aria-label=pt().month_visits(year, month, n)></rect>
                    <text x=mid y=TOP + HIGH - h - 4 text-anchor="middle" class="chart-value">{n}</text>
                    <text x=mid y=TOP + HIGH + 16 text-anchor="middle" class="chart-label">{pt().month_short(month)}</text>
                    {year_label}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart months">
            <figcaption>{pt().chart_months}</figcaption>
            <svg viewBox=format!("0 0 {width} {}", TOP + HIGH + 40) width="100%" role="img" aria-label=pt().chart_months>
                <line x1="6" x2=width - 6 y1=TOP + HIGH y2=TOP + HIGH class="chart-axis"></line>
                {bars}
            </svg>
        </figure>
    }
    .into_any()
}

/// Rates as bars against 100%, with the count and whole beside each.
fn rate_chart(title: &'static str, rows: &[(String, Share)]) -> AnyView {
    let bars = rows
        .iter()
        .filter(|(_, s)| s.total > 0)
        .map(|(name, s)| (name.clone(), s.tenths_of_percent(), format!("{}（{}/{}）", s, s.count, s.total)))
        .collect();
    hbar_chart(title, bars, Some(1000))
}

/// Counts as bars, with the share of the whole beside each.
fn count_chart(title: &'static str, rows: Vec<(String, usize)>) -> AnyView {
    let total: usize = rows.iter().map(|r| r.1).sum();
    let bars = rows
        .into_iter()
        .map(|(label, n)| (label, n as u64, format!("{n}（{}）", Share { count: n, total })))
        .collect();
    hbar_chart(title, bars, None)
}

fn table(id: &'static str, columns: &[&'static str], rows: Vec<Vec<String>>) -> AnyView {
    let body = rows
        .into_iter()
        .map(|cells| {
            let mut cells = cells.into_iter();
            let head = cells.next().unwrap_or_default();
            view! { <tr><th scope="row">{head}</th>{cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}</tr> }
        })
        .collect_view();
    view! {
        <table class="print-table report-table" id=id>
            <thead><tr>{columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

fn section(title: &'static str, body: AnyView) -> AnyView {
    view! { <section class="breakdown"><h3>{title}</h3>{body}</section> }.into_any()
}

/// The tables of the page, as cells (the screen, the print and the .xlsx show the same).
#[derive(PartialEq)]
struct Tables {
    categories: Vec<(String, usize)>,
    states: Vec<(String, usize)>,
    villages: Vec<Vec<String>>,
    writers: Vec<Vec<String>>,
    on_time: Vec<(String, Share)>,
    satisfaction: Vec<(String, Share)>,
    coverage: Vec<(String, Share)>,
}

fn tables(r: &Report, c: &Coverage, orgs: &HashMap<RecordId, String>, people: &HashMap<RecordId, String>, pinyin: &crate::domain::pinyin::Pinyin) -> Tables {
    let categories = r
        .by_category
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (k.map_or(pt().no_category, |k| k.label()).to_string(), *n))
        .collect();
    let states = r.by_state.iter().filter(|(_, n)| *n > 0).map(|(s, n)| (state_label(*s).to_string(), *n)).collect();
    // Villages with entries or with 五个必到 households.
    let mut villages: BTreeMap<RecordId, (Tally, Share)> = BTreeMap::new();
    for (v, t) in &r.by_village {
        villages.entry(v.clone()).or_insert((Tally::default(), Share { count: 0, total: 0 })).0 = *t;
    }
    for (v, s) in &c.by_village {
        villages.entry(v.clone()).or_insert((Tally::default(), Share { count: 0, total: 0 })).1 = *s;
    }
    let villages: Vec<(RecordId, (Tally, Share))> = villages.into_iter().collect();
    let name = |names: &HashMap<RecordId, String>, id: &RecordId| names.get(id).cloned().unwrap_or_default();
    let villages = by_name(&villages, |id| name(orgs, id), pinyin);
    let mut writers: BTreeMap<RecordId, (Tally, usize)> = BTreeMap::new();
    for (w, t) in &r.by_writer {
        writers.entry(w.clone()).or_default().0 = *t;
    }
    for (w, n) in &c.by_writer {
        writers.entry(w.clone()).or_default().1 = *n;
    }
    let writers: Vec<(RecordId, (Tally, usize))> = writers.into_iter().collect();
    let writers = by_name(&writers, |id| name(people, id), pinyin);
    let counts = |t: &Tally| [t.visits, t.opened, t.finished].map(|n| n.to_string());
    Tables {
        categories,
        states,
        on_time: villages.iter().map(|(n, (t, _))| (n.clone(), t.on_time_rate())).collect(),
        satisfaction: villages.iter().map(|(n, (t, _))| (n.clone(), t.satisfaction_rate())).collect(),
        coverage: villages.iter().map(|(n, (_, s))| (n.clone(), *s)).collect(),
        villages: villages
            .iter()
            .map(|(n, (t, s))| {
                let mut row = vec![n.clone()];
                row.extend(counts(t));
                row.extend([t.overdue.to_string(), rate(t.on_time_rate()), rate(t.satisfaction_rate()), coverage_text(*s)]);
                row
            })
            .collect(),
        writers: writers
            .iter()
            .map(|(n, (t, must))| {
                let mut row = vec![n.clone()];
                row.extend(counts(t));
                row.extend([rate(t.on_time_rate()), rate(t.satisfaction_rate()), must.to_string()]);
                row
            })
            .collect(),
    }
}

fn coverage_text(s: Share) -> String {
    if s.total == 0 {
        "—".into()
    } else {
        format!("{}（{}/{}）", s, s.count, s.total)
    }
}

#[component]
pub fn DiaryCharts() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let today = browser::today();
    let from = RwSignal::new(day_text(Some(month_first(sub_months(today, 11)))));
    let to = RwSignal::new(day_text(Some(today)));
    let village = RwSignal::new(String::new());
    let dates = dates_memo();
    let period = Memo::new(move |_| match (parse_user_date(&from.get()), parse_user_date(&to.get())) {
        (Ok(Some(f)), Ok(Some(t))) if f <= t => Ok((f, t)),
        (Ok(Some(_)), Ok(Some(_))) => Err(pt().period_reversed),
        _ => Err(rt().filter_date_invalid),
    });
    let counted = Memo::new(move |_| {
        let (from, to): (NaiveDate, NaiveDate) = period.get().ok()?;
        let villages = villages_of(&data, &village.get());
        let dates = dates.get();
        let scope = Scope { from, to, today: browser::today(), villages: villages.as_ref() };
        let days = state.settings.with(|s| s.diary.must_visit_days);
        let (households, members) = (data.households.get(), data.members.get());
        let rule = OldMemberRule::default();
        let (r, c) = state.read_diaries(|index| {
            let r = report(index.diaries(), &dates, &scope);
            (r, must_visit_coverage(&households, index.diaries(), &members, &rule, &scope, days))
        });
        Some((r, c, days))
    });
    let made = Memo::new(move |_| {
        counted.with(|c| {
            c.as_ref().map(|(r, c, days)| {
                let t = tables(r, c, &data.org_names(), &data.person_names(), &state.pinyin.get());
                (r.total, c.total, r.by_month.clone(), *days, std::sync::Arc::new(t))
            })
        })
    });
    let title = move || pt().charts_title(&place_name(state, &data, &village.get()));
    let period_words = move || format!("{}　{} — {}", title(), from.get(), to.get());
    let export = move || {
        let mut rows: Vec<Vec<String>> = vec![vec![untrack(period_words)], Vec::new()];
        if let Some((_, _, months, _, t)) = made.get_untracked() {
            let mut add = |caption: &str, head: Vec<String>, body: Vec<Vec<String>>| {
                rows.push(vec![caption.to_string()]);
                rows.push(head);
                rows.extend(body);
                rows.push(Vec::new());
            };
            let strings = |cols: &[&str]| cols.iter().map(|c| c.to_string()).collect::<Vec<_>>();
            let pairs = |list: &[(String, usize)]| -> Vec<Vec<String>> { list.iter().map(|(k, n)| vec![k.clone(), n.to_string()]).collect() };
            add(pt().chart_months, strings(pt().month_columns), months.iter().map(|(y, m, n)| vec![pt().month_label(*y, *m), n.to_string()]).collect());
            add(pt().chart_categories, strings(&[rt().category, pt().count]), pairs(&t.categories));
            add(pt().chart_states, strings(&[rt().state, pt().count]), pairs(&t.states));
            add(pt().by_village, strings(pt().village_columns), t.villages.clone());
            add(pt().by_writer, strings(pt().writer_columns), t.writers.clone());
        }
        (untrack(title), pt().nav_charts, rows)
    };
    let body = move || {
        let Some((total, coverage, months, days, t)) = made.get() else { return ().into_any() };
        let cards = [
            (pt().card_visits, total.visits.to_string()),
            (pt().card_opened, total.opened.to_string()),
            (pt().card_on_time, rate(total.on_time_rate())),
            (pt().card_satisfaction, rate(total.satisfaction_rate())),
            (pt().card_coverage, rate(coverage)),
        ]
        .into_iter()
        .map(|(label, value)| view! { <div class="stat-card"><span class="stat-label">{label}</span><span class="stat-value">{value}</span></div> })
        .collect_view();
        view! {
            <div class="stat-cards" id="dc-cards">{cards}</div>
            {section(pt().chart_months, month_chart(&months))}
            {section(pt().chart_categories, count_chart(pt().chart_categories, t.categories.clone()))}
            {section(pt().chart_states, count_chart(pt().chart_states, t.states.clone()))}
            {section(pt().by_village, table("dc-villages", pt().village_columns, t.villages.clone()))}
            <div class="chart-row">
                {rate_chart(pt().chart_on_time, &t.on_time)}
                {rate_chart(pt().chart_satisfaction, &t.satisfaction)}
            </div>
            <h4>{pt().coverage_title(days)}</h4>
            {rate_chart(pt().card_coverage, &t.coverage)}
            {section(pt().by_writer, table("dc-writers", pt().writer_columns, t.writers.clone()))}
            <p class="muted notes">{pt().report_notes}" "{pt().coverage_note(days)}</p>
        }
        .into_any()
    };
    view! {
        <div class="report-doc charts-doc">
            {sub_nav("/charts")}
            <div class="toolbar no-print">
                <div class="field">
                    <label for="dc-from">{rt().from}</label>
                    <input id="dc-from" type="text" size="10" prop:value=from on:change=move |ev| from.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="dc-to">{rt().to}</label>
                    <input id="dc-to" type="text" size="10" prop:value=to on:change=move |ev| to.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="dc-village">{pt().scope}</label>
                    {org_select("dc-village", rt().all_villages, village, data.orgs, state.pinyin)}
                </div>
                {doc_buttons(export)}
            </div>
            <p class="error" role="alert" id="dc-period-err">{move || period.get().err()}</p>
            <h2 class="doc-title">{title}</h2>
            <p class="doc-meta">{move || format!("{} — {}", from.get(), to.get())}</p>
            {body}
        </div>
    }
}
