//! 统计: the counts the organization office reports (by organization, age band, 学历, 性别, 民族,
//! 人员类别; shares of women and under-35s), as tables and plain SVG bar charts, for the whole
//! station or one organization's sub-tree. Prints on A4 as it is.

pub mod text;
use crate::domain::cadre::{reserve_structure, ReserveCadre};
use crate::domain::date::iso;
use crate::domain::hash::IdSet;
use crate::domain::member::Member;
use crate::domain::org::Org;
use crate::domain::org::{opened_by_default, subtree, visible_rows};
use crate::domain::record::kind;
use crate::domain::record::RecordId;
use crate::domain::stats::{member_stats, Share, Tally, TextKey};
use crate::ui::cadres::text::ct;
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::tree::{fold_all_buttons, fold_button, org_select, toggle, Opened, OPEN_ROWS};
use crate::ui::members::text::mt;
use crate::ui::orgs::text::ot;
use crate::ui::stats::text::st;
use crate::ui::text::age_band_label;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One bar: label, count, share of the whole.
struct Bar {
    label: String,
    count: usize,
    share: Share,
}

fn text_bars(rows: &[Tally<TextKey>]) -> Vec<Bar> {
    rows.iter()
        .map(|r| Bar {
            label: r.key.clone().unwrap_or_else(|| st().stats_not_filled.into()),
            count: r.count,
            share: r.share,
        })
        .collect()
}

/// Horizontal bars with the count and percentage written beside each: readable on a grey
/// printer and without colour.
fn bar_chart(title: &'static str, bars: Vec<Bar>) -> impl IntoView {
    let bars = bars.into_iter().map(|b| (b.label, b.count as u64, format!("{}（{}）", b.count, b.share))).collect();
    hbar_chart(title, bars, None)
}

/// Horizontal bars: each (label, length, words written beside it); a bar of `full` fills the
/// width (`None`: the longest does). Sizes in SVG units; the chart scales to its column. Also
/// the 民情日记 statistics' charts.
pub fn hbar_chart(title: &'static str, bars: Vec<(String, u64, String)>, full: Option<u64>) -> AnyView {
    const ROW: u32 = 28;
    const LABEL_W: u32 = 120;
    const BAR_W: u32 = 260;
    const WIDTH: u32 = LABEL_W + BAR_W + 110;
    let height = ROW * bars.len() as u32 + 8;
    let max = full.unwrap_or_else(|| bars.iter().map(|b| b.1).max().unwrap_or(0)).max(1);
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, length, words))| {
            let y = 4 + ROW * i as u32;
            let w = (u64::from(BAR_W) * length.min(max) / max) as u32;
            view! {
                <g>
                    <text x=LABEL_W - 8 y=y + 18 text-anchor="end" class="chart-label">{label}</text>
                    <rect x=LABEL_W y=y + 5 width=w.max(1) height=ROW - 10 class="chart-bar"></rect>
                    <text x=LABEL_W + w + 6 y=y + 18 class="chart-value">{words}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" aria-label=title>{rows}</svg>
        </figure>
    }
    .into_any()
}

fn tally_table(head: &'static str, bars: &[Bar]) -> impl IntoView {
    let rows = bars
        .iter()
        .map(|b| view! { <tr><td>{b.label.clone()}</td><td class="num">{b.count}</td><td class="num">{b.share.to_string()}</td></tr> })
        .collect_view();
    view! {
        <table class="data compact">
            <thead><tr><th>{head}</th><th>{st().stats_count}</th><th>{st().stats_share}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A breakdown as a table beside its chart.
fn breakdown(title: &'static str, bars: Vec<Bar>) -> impl IntoView {
    view! {
        <section class="breakdown">
            <h3>{title}</h3>
            <div class="breakdown-body">
                {tally_table(title, &bars)}
                {bar_chart(title, bars)}
            </div>
        </section>
    }
}

/// 后备干部结构: the pool on `today` of the villages in scope, by age band, with the shares of
/// 高中及以上 and of women (the figures the 后备干部 page shows per station).
fn reserve_section(pool: &[ReserveCadre], within: Option<&IdSet>, today: chrono::NaiveDate) -> impl IntoView {
    let part: Vec<ReserveCadre> =
        pool.iter().filter(|r| within.is_none_or(|w| r.org.as_ref().is_some_and(|o| w.contains(o)))).cloned().collect();
    let s = reserve_structure(&part, today);
    let share = |count| Share { count, total: s.total };
    let cols = ct().reserve_structure_cols;
    let mut bars: Vec<Bar> =
        [(cols[1], s.under_30), (cols[2], s.from_30_to_35), (cols[3], s.from_36_to_40), (cols[4], s.over_40)]
            .into_iter()
            .map(|(label, count)| Bar { label: label.to_string(), count, share: share(count) })
            .collect();
    if s.age_unknown > 0 {
        bars.push(Bar { label: st().stats_not_filled.to_string(), count: s.age_unknown, share: share(s.age_unknown) });
    }
    let summary = st().stats_reserve_summary(s.total, share(s.high_school_or_above), share(s.women));
    view! {
        <section class="breakdown">
            <h3>{st().stats_reserve}</h3>
            <p>{summary}</p>
            {(s.total > 0).then(|| view! {
                <div class="breakdown-body">
                    {tally_table(st().stats_reserve_age, &bars)}
                    {bar_chart(st().stats_reserve_age, bars)}
                </div>
            })}
        </section>
    }
}

#[component]
pub fn StatsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let orgs = state.collection::<Org>();
    let members = state.collection::<Member>();
    // Not read at start: the pool is read when statistics first open.
    spawn_local(async move {
        let _ = state.load_kind(kind::RESERVE_CADRE).await;
    });
    let reserves = state.collection::<ReserveCadre>();
    let scope = RwSignal::new(String::new());
    let today = browser::today();

    // Over every member: computed while the section is on the page, not for each save made
    // elsewhere.
    let computed = while_shown(move || {
        let root = RecordId::parse(&scope.get());
        let pinyin = state.pinyin.get();
        orgs.with(|all_orgs| {
            members.with(|all| {
                let within = root.as_ref().map(|r| subtree(all_orgs, r));
                let stats = match &within {
                    Some(within) => {
                        let part: Vec<_> = all_orgs.iter().filter(|o| within.contains(&o.id)).cloned().collect();
                        let ms = all.iter().filter(|m| m.org.as_ref().is_some_and(|o| within.contains(o)));
                        member_stats(ms, &part, today, &pinyin)
                    }
                    None => member_stats(all.iter(), all_orgs, today, &pinyin),
                };
                (stats, within)
            })
        })
    });
    // The table by organization, folded like the organization tree (a county's 600 rows would be
    // slow to draw and to read); what is open is what prints.
    let open: Opened = RwSignal::new(None);
    let tree_now = move || {
        computed.with(|c| {
            let ids: Vec<(usize, &RecordId)> = c.0.by_org.iter().map(|o| (o.depth, &o.org)).collect();
            open.get().unwrap_or_else(|| opened_by_default(&ids, OPEN_ROWS))
        })
    };
    let every =
        Callback::new(move |()| computed.with_untracked(|c| c.0.by_org.iter().map(|o| o.org.clone()).collect()));
    let org_rows = move || {
        let opened = tree_now();
        computed.with(|c| {
            let by_org = &c.0.by_org;
            let ids: Vec<(usize, &RecordId)> = by_org.iter().map(|o| (o.depth, &o.org)).collect();
            visible_rows(&ids, &opened)
                .into_iter()
                .map(|(at, has_children)| {
                    let o = &by_org[at];
                    let indent = format!("padding-left: calc(1.75rem + {}rem)", 2 * o.depth);
                    let fold = has_children.then(|| {
                        let id = o.org.clone();
                        fold_button(opened.contains(&o.org), &o.name, Callback::new(move |()| toggle(open, untrack(tree_now), &id)))
                    });
                    view! { <tr><td style=indent>{fold}{o.name.clone()}</td><td class="num">{o.direct}</td><td class="num">{o.total}</td></tr> }
                })
                .collect_view()
        })
    };
    let body = move || {
        computed.with(|computed| {
            let (stats, within) = &**computed;
                let reserve = reserves.with(|pool| reserve_section(pool, within.as_ref(), today));
                let ages = stats
                    .by_age
                    .iter()
                    .map(|r| Bar {
                        label: r.key.map(age_band_label).unwrap_or(st().stats_not_filled).to_string(),
                        count: r.count,
                        share: r.share,
                    })
                    .collect();
                view! {
                    <div class="stat-cards">
                        <div class="stat-card"><span class="stat-label">{st().stats_total}</span><span class="stat-value">{stats.total}</span></div>
                        <div class="stat-card"><span class="stat-label">{st().stats_women}</span><span class="stat-value">{stats.women.to_string()}</span><span class="stat-sub">{format!("{} {}", stats.women.count, st().stats_people)}</span></div>
                        <div class="stat-card"><span class="stat-label">{st().stats_under_35}</span><span class="stat-value">{stats.under_35.to_string()}</span><span class="stat-sub">{format!("{} {}", stats.under_35.count, st().stats_people)}</span></div>
                    </div>
                    <section class="breakdown">
                        <div class="section-head">
                            <h3>{st().stats_by_org}</h3>
                            {fold_all_buttons(open, every)}
                        </div>
                        <table class="data compact org-stats">
                            <thead><tr><th>{ot().org_name}</th><th>{st().stats_direct}</th><th>{st().stats_subtree}</th></tr></thead>
                            <tbody>{org_rows}</tbody>
                        </table>
                        {(stats.unplaced > 0).then(|| view! { <p class="muted">{format!("{}：{}", st().stats_unplaced, stats.unplaced)}</p> })}
                    </section>
                    {breakdown(st().stats_by_age, ages)}
                    {breakdown(st().stats_by_education, text_bars(&stats.by_education))}
                    {breakdown(st().stats_by_sex, text_bars(&stats.by_sex))}
                    {breakdown(st().stats_by_category, text_bars(&stats.by_category))}
                    {breakdown(st().stats_by_ethnicity, text_bars(&stats.by_ethnicity))}
                    {reserve}
                }
        })
    };

    let scope_name = move || {
        let id = RecordId::parse(&scope.get());
        let station = state.settings.with(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default());
        id.and_then(|id| orgs.with(|all| all.iter().find(|o| o.id == id).map(|o| o.name.clone()))).unwrap_or(station)
    };

    view! {
        <section class="page wide stats-page">
            <div class="page-head">
                <h2>{st().stats_title}</h2>
                <button type="button" class="no-print" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{st().stats_print}</button>
            </div>
            <p class="doc-meta print-only">{move || format!("{}　{}：{}", scope_name(), mt().print_date, iso(today))}</p>
            <div class="toolbar no-print">
                <div class="field">
                    <label for="stats-scope">{st().stats_scope}</label>
                    {org_select("stats-scope", st().stats_whole_station, scope, orgs, state.pinyin)}
                </div>
                <p class="muted">{st().stats_intro}</p>
            </div>
            {body}
        </section>
    }
}
