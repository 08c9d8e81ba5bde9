//! 工作清单: what a leader has to act on, computed from the entries, steps and register (never
//! typed): matters by state, 逾期 (red) and 即将到期, entries waiting for 阅批, households with an
//! open matter, each cadre's days in villages these weeks, and the 五个必到 households not
//! visited lately. Thresholds come from 设置. Lists for leaders, not public rankings.

use crate::domain::cadre::Cadre;
use crate::domain::diary_lists::{cadre_weeks, must_visit_gaps, CadreWeek};
use crate::domain::diary_search::DiaryWork;
use crate::domain::household::{Household, OldMemberRule};
use crate::domain::member::Member;
use crate::domain::record::RecordId;
use crate::ui::diary::text::rt;
use crate::ui::diary::{state_label, DiaryData, Names};
use crate::ui::kit::fields::day_text;
use crate::ui::kit::shown::while_shown;
use crate::ui::state::Collection;
use crate::ui::AppState;
use crate::web::browser;
use chrono::Days;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Weeks of the cadres' table: this one and the ones before it.
const WEEKS: u64 = 4;
/// Items each list shows until the whole lists are asked for: a county's lists run to thousands,
/// and a page of them all takes long to draw.
const FIRST: usize = 50;
/// 五个必到 households each village shows until then.
const FIRST_GAPS: usize = 10;
/// Villages the 五个必到 list shows until then (a county's 600 would be 6,000 lines to draw).
const FIRST_GAP_VILLAGES: usize = 20;

/// A 五个必到 household not visited lately, as the list shows it: id, 户主, categories, last visit.
pub type GapLine = (RecordId, String, String, String);
/// A village and its 五个必到 households not visited lately.
pub type VillageGaps = (RecordId, Vec<GapLine>);
/// One week's cell of a cadre's row: days in villages, visits, and whether below the rule.
type WeekCell = (u32, u32, bool);

/// What the work lists read from every entry (the cadres' weeks and the 五个必到 gaps): made
/// once for the section and kept while no entry, household or setting changes, not made again
/// at each visit to the lists.
#[derive(Clone, Copy)]
pub struct ListsData {
    pub weeks: Memo<Arc<Vec<CadreWeek>>>,
    pub gaps: Memo<Arc<Vec<VillageGaps>>>,
}

impl ListsData {
    pub fn new(
        state: AppState,
        cadres: Collection<Cadre>,
        households: Collection<Household>,
        members: Collection<Member>,
    ) -> ListsData {
        let settings = Memo::new(move |_| state.settings.with(|s| s.diary));
        let weeks = while_shown(move || {
            let s = settings.get();
            let today = browser::today();
            let from = today.checked_sub_days(Days::new(7 * (WEEKS - 1))).unwrap_or(today);
            let cadres = cadres.get();
            let writers: Vec<RecordId> = cadres.iter().filter(|c| c.serves_on(today)).map(|c| c.writer_id()).collect();
            state.read_diaries(|index| cadre_weeks(index.diaries(), &writers, from, today, s.min_days_per_week))
        });
        let gaps = while_shown(move || {
            let s = settings.get();
            let (households, members) = (households.get(), members.get());
            let rule = OldMemberRule::default();
            state.read_diaries(|index| {
                must_visit_gaps(&households, index.diaries(), &members, &rule, browser::today(), s.must_visit_days)
                    .into_iter()
                    .map(|(v, gaps)| {
                        let list: Vec<GapLine> = gaps
                            .iter()
                            .map(|g| {
                                (
                                    g.household.id.clone(),
                                    g.household.head.clone(),
                                    g.categories.iter().map(|c| c.label()).collect::<Vec<_>>().join("、"),
                                    g.last_visit
                                        .map(|d| day_text(Some(d)))
                                        .unwrap_or_else(|| rt().never_visited.to_string()),
                                )
                            })
                            .collect();
                        (v, list)
                    })
                    .collect::<Vec<_>>()
            })
        });
        ListsData { weeks, gaps }
    }
}

/// Makes the work lists' tables when the page is idle a moment after the section is ready (a
/// county's take tens of milliseconds), so that opening the lists only draws them.
#[component]
pub fn MakeListsWhenIdle() -> impl IntoView {
    let data = expect_context::<DiaryData>();
    set_timeout(
        move || {
            request_idle_callback(move || {
                let _ = data.work_lists.try_get_untracked();
                let _ = data.lists.weeks.try_get_untracked();
                let _ = data.lists.gaps.try_get_untracked();
            })
        },
        Duration::from_millis(MAKE_LISTS_AFTER_MS),
    );
}

/// How long after the section is ready its lists are made: after its first screen is drawn, and
/// sooner than a user reaches for the lists' tab.
const MAKE_LISTS_AFTER_MS: u64 = 500;

#[component]
pub fn WorkLists() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let settings = Memo::new(move |_| state.settings.with(|s| s.diary));
    let whole = RwSignal::new(false);
    let first = move |n: usize| if whole.get() { usize::MAX } else { n };
    let line = move |positions: &[usize], work: &DiaryWork, names: &Names| -> Vec<AnyView> {
        state.read_diaries(|index| {
            positions
                .iter()
                .take(first(FIRST))
                .map(|&i| {
                    let d = &index.diaries()[i];
                    let facts = work.facts.get(i).copied();
                    let words = format!(
                        "{} {} {} {}",
                        day_text(d.date),
                        names.org(d.village.as_ref()),
                        d.households.iter().map(|h| names.household_or_unknown(h)).collect::<Vec<_>>().join("、"),
                        index.texts(i).map(|t| crate::ui::diary::entries::excerpt(&t.situation, 24)).unwrap_or_default()
                    );
                    let due = facts.and_then(|f| f.deadline).map(|x| format!("{}{}", rt().deadline_is, day_text(Some(x))));
                    let st = facts.map(|f| state_label(f.state)).unwrap_or_default();
                    view! { <li><a href=format!("#/diary/{}", d.id)>{words}</a>" " <span class="state">{st}</span>" " <span class="due">{due}</span></li> }
                        .into_any()
                })
                .collect()
        })
    };
    let matters = move || {
        let (work, lists) = (data.work.get(), data.work_lists.get());
        let names = Names::of(&data);
        let s = settings.get();
        let counts = work
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(st, n)| {
                view! { <li>{state_label(*st)}{"："}<strong>{*n}</strong></li> }
            })
            .collect_view();
        let open_households = lists
            .open_households
            .iter()
            .take(first(FIRST))
            .map(|(h, list)| {
                view! { <li><a href=format!("#/diary/households/{h}")>{names.household_or_unknown(h)}</a>{rt().open_matters(list.len())}</li> }
            })
            .collect_view();
        view! {
            <section class="card">
                <h3>{rt().by_state}</h3>
                <ul class="counts">{counts}</ul>
            </section>
            <section class="card">
                <h3 class="red">{rt().overdue_list(lists.overdue.len())}</h3>
                <ul id="dy-overdue" class="work overdue">{line(&lists.overdue, &work, &names)}</ul>
                <h3>{rt().due_soon_list(lists.due_soon.len(), s.due_within_days)}</h3>
                <ul id="dy-due-soon" class="work">{line(&lists.due_soon, &work, &names)}</ul>
                <h3>{rt().awaiting_list(lists.awaiting_review.len(), s.review_within_days)}</h3>
                <ul id="dy-awaiting" class="work">{line(&lists.awaiting_review, &work, &names)}</ul>
                <h3>{rt().open_households_list(lists.open_households.len())}</h3>
                <ul id="dy-open-households" class="work">{open_households}</ul>
            </section>
        }
    };
    let (weeks, gaps) = (data.lists.weeks, data.lists.gaps);
    let week_table = move || {
        let names = Names::of(&data);
        let rows = weeks.get();
        let mut by_writer: Vec<(RecordId, Vec<WeekCell>)> = Vec::new();
        for w in rows.iter() {
            match by_writer.last_mut() {
                Some((id, cells)) if id == &w.writer => cells.push((w.days, w.visits, w.below)),
                _ => by_writer.push((w.writer.clone(), vec![(w.days, w.visits, w.below)])),
            }
        }
        let mondays: Vec<String> =
            rows.iter().take(WEEKS as usize).map(|w| format!("{}{}", rt().week_of, day_text(Some(w.monday)))).collect();
        let body = by_writer
            .into_iter()
            .take(first(FIRST))
            .map(|(id, cells)| {
                let cells = cells
                    .into_iter()
                    .map(|(days, visits, below)| {
                        view! { <td class:below=below>{rt().week_cell(days, visits)}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{names.person(Some(&id))}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <table class="data weeks">
                <thead><tr><th scope="col">{rt().writer}</th>{mondays.into_iter().map(|m| view! { <th scope="col">{m}</th> }).collect_view()}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    };
    let gap_list = move || {
        let names = Names::of(&data);
        let all = gaps.get();
        if all.is_empty() {
            return view! { <p class="ok">{rt().no_gaps}</p> }.into_any();
        }
        let villages_more = all.len().saturating_sub(first(FIRST_GAP_VILLAGES));
        let villages = all
            .iter()
            .take(first(FIRST_GAP_VILLAGES))
            .map(|(v, list)| {
                let more = list.len().saturating_sub(first(FIRST_GAPS));
                let items = list
                    .iter()
                    .take(first(FIRST_GAPS))
                    .map(|(id, head, cats, last)| {
                        view! { <li><a href=format!("#/diary/households/{id}")>{head.clone()}</a>{format!("（{cats}） {}{last}", rt().last_visit_is)}</li> }
                    })
                    .collect_view();
                view! {
                    <h4>{names.org(Some(v))}</h4>
                    <ul class="work">{items}{(more > 0).then(|| view! { <li class="muted">{rt().gaps_more(more)}</li> })}</ul>
                }
            })
            .collect_view();
        view! {
            {villages}
            {(villages_more > 0).then(|| view! { <p class="muted">{rt().gap_villages_more(villages_more)}</p> })}
        }
        .into_any()
    };
    view! {
        <p class="muted">{rt().lists_intro}" "
            {move || (!whole.get()).then(|| view! {
                {rt().lists_cut(FIRST)}" "
                <button type="button" class="small" on:click=move |_| whole.set(true)>{rt().show_whole_lists}</button>
            })}
        </p>
        {matters}
        <section class="card deferred">
            <h3>{move || rt().weeks_title(settings.get().min_days_per_week)}</h3>
            {week_table}
        </section>
        <section class="card deferred" id="dy-gaps">
            <h3>{move || rt().gaps_title(settings.get().must_visit_days)}</h3>
            {gap_list}
        </section>
    }
}
