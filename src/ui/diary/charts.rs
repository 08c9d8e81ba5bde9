//! 统计图表: over a period and the villages chosen, visits per month, the entries by 类别 and by
//! their matter's state, the on-time rate of 督办, the satisfaction rate and 五个必到 coverage,
//! by village and by cadre: hand-written SVG charts and their tables, which print (A4) and go to
//! .xlsx as the other report pages do (`report::Doc`). Cadres are listed by name, never ranked:
//! these are work figures, not public rankings.

use crate::domain::date::{month_first, parse_user_date, sub_months};
use crate::domain::diary_report::{report, MustVisit, Row, Scope, Tally};
use crate::domain::hash::IdMap;
use crate::domain::household::OldMemberRule;
use crate::domain::stats::Share;
use crate::ui::diary::report::{
    chosen_place, dates_memo, doc_page, field, heads, rate, sort_by_name, village_field, Doc, Line, Part,
};
use crate::ui::diary::state_label;
use crate::ui::diary::text::{pt, rt};
use crate::ui::diary::{DiaryData, Names};
use crate::ui::kit::fields::day_text;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;

/// Visits per month as upright bars, the count above each and the month below; the year under
/// the first month and under each January.
pub fn month_chart(months: &[(i32, u32, usize)]) -> AnyView {
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
            let under = if i == 0 || month == 1 { year.to_string() } else { String::new() };
            view! {
                <g>
                    <rect x=x + 6 y=TOP + HIGH - h width=COL - 12 height=h.max(1) class="chart-bar"
                        aria-label=pt().month_visits(year, month, n)></rect>
                    <text x=mid y=TOP + HIGH - h - 4 text-anchor="middle" class="chart-value">{n}</text>
                    <text x=mid y=TOP + HIGH + 16 text-anchor="middle" class="chart-label">{pt().month_short(month)}</text>
                    <text x=mid y=TOP + HIGH + 32 text-anchor="middle" class="chart-label">{under}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <section class="breakdown">
            <h4>{pt().chart_months}</h4>
            <figure class="chart months">
                <svg viewBox=format!("0 0 {width} {}", TOP + HIGH + 40) width="100%" role="img" aria-label=pt().chart_months>
                    <line x1="6" x2=width - 6 y1=TOP + HIGH y2=TOP + HIGH class="chart-axis"></line>
                    {bars}
                </svg>
            </figure>
        </section>
    }
    .into_any()
}

/// Rates as bars against 100%, with the count and the whole beside each.
fn rate_bars(title: &'static str, rows: &[(String, Share)]) -> Part {
    let bars = rows
        .iter()
        .filter(|(_, s)| s.total > 0)
        .map(|(name, s)| (name.clone(), s.tenths_of_percent(), share_text(*s)))
        .collect();
    Part::Bars(title, bars, Some(1000))
}

/// Counts as bars, with each one's share of the whole beside it (those of none left out).
fn count_bars(title: &'static str, rows: Vec<(&'static str, usize)>) -> Part {
    let total: usize = rows.iter().map(|r| r.1).sum();
    let bars = rows
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| (label.to_string(), n as u64, format!("{n}（{}）", Share { count: n, total })))
        .collect();
    Part::Bars(title, bars, None)
}

/// 66.7%（2/3）, or "—".
fn share_text(s: Share) -> String {
    if s.total == 0 {
        "—".into()
    } else {
        format!("{}（{}/{}）", s, s.count, s.total)
    }
}

fn date_input(id: &'static str, label: &'static str, value: RwSignal<String>) -> AnyView {
    let input = view! { <input id=id type="text" size="10" prop:value=value on:change=move |ev| value.set(event_target_value(&ev)) /> };
    field(id, label, input.into_any())
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
    let doc = Memo::new(move |_| {
        let (villages, place) = chosen_place(state, &data, &village.get());
        let title = pt().charts_title(&place);
        let (from, to) = match (parse_user_date(&from.get()), parse_user_date(&to.get())) {
            (Ok(Some(f)), Ok(Some(t))) if f <= t => (f, t),
            (Ok(Some(_)), Ok(Some(_))) => return Doc { title, error: Some(pt().period_reversed), ..Doc::default() },
            _ => return Doc { title, error: Some(rt().filter_date_invalid), ..Doc::default() },
        };
        let dates = dates.get();
        let scope = Scope { from, to, today: browser::today(), villages: villages.as_ref() };
        let days = state.settings.with(|s| s.diary.must_visit_days);
        let (households, members) = (data.households.get(), data.members.get());
        let rule = OldMemberRule::default();
        let must = MustVisit { households: &households, members: &members, rule: &rule, days };
        let r = state.read_diaries(|index| report(index.diaries(), &dates, &scope, Some(&must)));
        let pinyin = state.pinyin.get();
        // Rows by name; each with its name, counts and 五个必到 coverage.
        let named = |rows: &[Row], names: &IdMap<String>| {
            let mut out: Vec<(String, Tally, Share)> =
                rows.iter().map(|r| (names.get(&r.id).cloned().unwrap_or_default(), r.tally, r.must_visit)).collect();
            sort_by_name(&mut out, |r| &r.0, &pinyin);
            out
        };
        let names = Names::of(&data);
        let villages = named(&r.by_village, names.orgs());
        let writers = named(&r.by_writer, names.people());
        let counts = |name: &str, t: &Tally| {
            let mut cells = vec![name.to_string()];
            cells.extend([t.visits, t.opened, t.finished].map(|n| n.to_string()));
            cells
        };
        let village_lines = villages
            .iter()
            .map(|(n, t, s)| {
                let mut cells = counts(n, t);
                cells.extend([
                    t.overdue.to_string(),
                    rate(t.on_time_rate()),
                    rate(t.satisfaction_rate()),
                    share_text(*s),
                ]);
                Line::Row(cells)
            })
            .collect();
        let writer_lines = writers
            .iter()
            .map(|(n, t, s)| {
                let mut cells = counts(n, t);
                cells.extend([rate(t.on_time_rate()), rate(t.satisfaction_rate()), s.count.to_string()]);
                Line::Row(cells)
            })
            .collect();
        let shares = |f: &dyn Fn(&Tally, &Share) -> Share| -> Vec<(String, Share)> {
            villages.iter().map(|(n, t, s)| (n.clone(), f(t, s))).collect()
        };
        let t = r.total;
        Doc {
            title,
            meta: format!("{} — {}", day_text(Some(from)), day_text(Some(to))),
            error: None,
            cards: vec![
                (pt().card_visits, t.visits.to_string()),
                (pt().card_opened, t.opened.to_string()),
                (pt().card_on_time, rate(t.on_time_rate())),
                (pt().card_satisfaction, rate(t.satisfaction_rate())),
                (pt().card_coverage, rate(r.must_visit)),
            ],
            parts: vec![
                Part::Months(r.by_month.clone()),
                count_bars(
                    pt().chart_categories,
                    r.by_category.iter().map(|(k, n)| (k.map_or(pt().no_category, |k| k.label()), *n)).collect(),
                ),
                count_bars(pt().chart_states, r.by_state.iter().map(|(s, n)| (state_label(*s), *n)).collect()),
                Part::Heading(pt().by_village.into()),
                Part::Table("dc-villages", heads(pt().col_village, pt().village_columns), village_lines),
                rate_bars(pt().chart_on_time, &shares(&|t, _| t.on_time_rate())),
                rate_bars(pt().chart_satisfaction, &shares(&|t, _| t.satisfaction_rate())),
                rate_bars(pt().chart_coverage, &shares(&|_, s| *s)),
                Part::Heading(pt().by_writer.into()),
                Part::Table("dc-writers", heads(pt().col_writer, pt().writer_columns), writer_lines),
                Part::Note(format!("{}{}", pt().report_notes, pt().coverage_note(days))),
            ],
        }
    });
    let tools = vec![
        date_input("dc-from", rt().from, from),
        date_input("dc-to", rt().to, to),
        village_field("dc-village", village),
    ];
    doc_page("/charts", tools, doc, pt().nav_charts)
}
