//! 走访记录: every entry, newest first, found by village, writer, household, 类别, state, dates,
//! 逾期 and words in the texts (any run of characters). Rows are shown a page at a time.

use crate::domain::date::parse_user_date;
use crate::domain::diary::MatterCategory;
use crate::domain::diary_index::SearchWords;
use crate::domain::diary_search::{search, DiaryFilter};
use crate::domain::diary_step::MatterState;
use crate::domain::hash::FastHash;
use crate::domain::record::RecordId;
use crate::ui::diary::text::rt;
use crate::ui::diary::{head_and_group, state_label, DiaryData, Names};
use crate::ui::kit::fields::{checkbox_choice, day_text};
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::table::{cell, cell_of, data_table, flag, keyed, keyed_body, link, tr, Keyed};
use crate::ui::kit::tree::org_select;
use crate::ui::text::t;
use crate::ui::AppState;
use leptos::prelude::*;

/// Rows drawn at first, and added by "显示更多": three screens of a 1024×768 monitor (each row
/// drawn is laid out whenever the list comes back).
const PAGE: usize = 50;
/// Writers the filter offers without a village chosen; more, and a village must be chosen first.
const MAX_WRITERS_UNFILTERED: usize = 300;

#[derive(Clone, PartialEq, Eq, Hash)]
struct EntryRow {
    id: String,
    date: String,
    village: String,
    households: String,
    writer: String,
    category: String,
    state: String,
    overdue: bool,
    excerpt: String,
}

/// The first characters of a text, on one line.
pub fn excerpt(text: &str, chars: usize) -> String {
    let line: String = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).take(chars + 1).collect();
    if line.chars().count() > chars {
        format!("{}…", line.chars().take(chars).collect::<String>())
    } else {
        line
    }
}

#[component]
pub fn EntryList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let village = RwSignal::new(String::new());
    let writer = RwSignal::new(String::new());
    let household = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let matter = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let overdue = RwSignal::new(false);
    let words = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let date_problem = Memo::new(move |_| {
        [from, to].iter().any(|s| parse_user_date(&s.get()).is_err()).then(|| rt().filter_date_invalid.to_string())
    });

    let filter = Memo::new(move |_| {
        // A date not understood filters nothing (and is pointed out by `date_problem`).
        let date = |s: RwSignal<String>| parse_user_date(&s.get()).ok().flatten();
        let villages = RecordId::parse(&village.get())
            .map(|v| data.orgs.with(|orgs| crate::domain::org::subtree(orgs, &v).into_iter().collect()));
        DiaryFilter {
            villages,
            writer: RecordId::parse(&writer.get()),
            household: RecordId::parse(&household.get()),
            category: MatterCategory::from_label(&category.get()),
            state: MatterState::ALL.into_iter().find(|s| state_label(*s) == matter.get()),
            open_only: matter.get() == rt().state_open,
            from: date(from),
            to: date(to),
            overdue: overdue.get(),
            words: SearchWords::new(&words.get()),
        }
    });
    Effect::new(move |_| {
        filter.track();
        shown.set(PAGE);
    });
    // Searched, and the rows made, while the list is on the page: an entry saved on another page
    // of the section is searched for when the list comes back, not at once.
    let found = while_shown(move || {
        let f = filter.get();
        let (work, order) = (data.work.get(), data.order.get());
        state.read_diaries(|index| search(index, &work.facts, &order, &f))
    });
    // Words searched for while the texts are still being read (`DiaryIndex::texts_ready`): the
    // count line says so, and the search runs when they come.
    let waiting =
        Memo::new(move |_| filter.with(|f| !f.words.is_empty()) && !state.read_diaries(|index| index.texts_ready()));
    let made_rows = while_shown(move || {
        let names = Names::of(&data);
        let work = data.work.get();
        let limit = shown.get();
        found.with(|found| {
            state.read_diaries(|index| {
                found
                    .iter()
                    .take(limit)
                    .map(|&i| {
                        let d = &index.diaries()[i];
                        let facts = work.facts.get(i).copied();
                        let row = EntryRow {
                            id: d.id.to_string(),
                            date: day_text(d.date),
                            village: names.org(d.village.as_ref()),
                            households: d
                                .households
                                .iter()
                                .filter_map(|h| names.household(h))
                                .collect::<Vec<_>>()
                                .join("、"),
                            writer: names.person(d.writer.as_ref()),
                            category: d.category.map(|c| c.label().to_string()).unwrap_or_default(),
                            state: facts.map(|f| state_label(f.state).to_string()).unwrap_or_default(),
                            overdue: facts.is_some_and(|f| f.overdue),
                            // Empty for the moment an older entry's texts are still being read.
                            excerpt: index.texts(i).map(|t| excerpt(&t.situation, 30)).unwrap_or_default(),
                        };
                        keyed(row, draw_row)
                    })
                    .collect::<Vec<Keyed>>()
            })
        })
    });
    let rows = Memo::new(move |_| made_rows.get().as_ref().clone());
    // The writers of the village chosen (of every entry when none is, unless a county's thousands:
    // a select of them all is too long to use, and to draw).
    // Its own memo, so that a filter other than the village (a state, a word) leaves the writers be.
    let villages = Memo::new(move |_| filter.with(|f| f.villages.clone()));
    let writers = while_shown(move || {
        let villages = villages.get();
        // In no order: the list is sorted by name below.
        let ids: Option<Vec<RecordId>> = state.read_diaries(|index| {
            let mut ids: std::collections::HashSet<&RecordId, FastHash> = Default::default();
            for d in index.diaries() {
                let Some(writer) = &d.writer else { continue };
                if villages.as_ref().is_some_and(|vs| !d.village.as_ref().is_some_and(|v| vs.contains(v))) {
                    continue;
                }
                ids.insert(writer);
                // Without a village, a county's writers are too many: known after a few hundred
                // entries, not all 200,000.
                if villages.is_none() && ids.len() > MAX_WRITERS_UNFILTERED {
                    return None;
                }
            }
            Some(ids.into_iter().cloned().collect())
        });
        let ids = ids?;
        let names = Names::of(&data);
        let mut list: Vec<(String, String)> =
            ids.into_iter().map(|id| (id.to_string(), names.person(Some(&id)))).collect();
        let pinyin = state.pinyin.get();
        crate::domain::sort::sort_by_cached_key(&mut list, |(id, name)| (pinyin.name_key(name), id.clone()));
        Some(list)
    });
    // Drawn again only when the writers offered change, not at every entry saved.
    let writer_choices = Memo::new(move |_| writers.get().as_ref().clone());
    // A writer chosen, then a county's village filter cleared: the writer goes with it.
    Effect::new(move |_| {
        if writers.with(|w| w.is_none()) && !writer.with_untracked(String::is_empty) {
            writer.set(String::new());
        }
    });
    let households = Memo::new(move |_| {
        let v = RecordId::parse(&village.get());
        // Households are chosen within one village.
        if v.is_none() {
            return Vec::new();
        }
        let mut list: Vec<(String, String)> = data.households.with(|hs| {
            hs.iter()
                .filter(|h| h.village == v)
                .map(|h| (h.id.to_string(), head_and_group(&h.head, &h.group)))
                .collect()
        });
        let pinyin = state.pinyin.get();
        crate::domain::sort::sort_by_cached_key(&mut list, |(id, name)| (pinyin.name_key(name), id.clone()));
        list
    });
    let options = |list: Vec<(String, String)>| {
        list.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()
    };
    let states: Vec<&'static str> =
        std::iter::once(rt().state_open).chain(MatterState::ALL.into_iter().map(state_label)).collect();

    view! {
        <div class="filters card no-print" role="search">
            <label>{rt().village}{org_select("dy-f-village", rt().all_villages, village, data.orgs, state.pinyin)}</label>
            <label>{rt().writer}
                <select id="dy-f-writer" prop:value=writer on:change=move |ev| writer.set(event_target_value(&ev))
                    prop:disabled=move || writers.with(|w| w.is_none())
                    title=move || writers.with(|w| w.is_none()).then_some(rt().writer_filter_hint)>
                    <option value="">{rt().anyone}</option>
                    {move || options(writer_choices.get().unwrap_or_default())}
                </select>
            </label>
            <label>{rt().household}
                <select id="dy-f-household" prop:value=household on:change=move |ev| household.set(event_target_value(&ev))
                    prop:disabled=move || village.with(String::is_empty) title=rt().household_filter_hint>
                    <option value="">{rt().any_household}</option>
                    {move || options(households.get())}
                </select>
            </label>
            <label>{rt().category}
                <select id="dy-f-category" on:change=move |ev| category.set(event_target_value(&ev))>
                    <option value="">{rt().any_category}</option>
                    {MatterCategory::ALL.iter().map(|c| view! { <option value=c.label()>{c.label()}</option> }).collect_view()}
                </select>
            </label>
            <label>{rt().state}
                <select id="dy-f-state" on:change=move |ev| matter.set(event_target_value(&ev))>
                    <option value="">{rt().any_state}</option>
                    {states.into_iter().map(|s| view! { <option value=s>{s}</option> }).collect_view()}
                </select>
            </label>
            <label>{rt().from}
                <input id="dy-f-from" type="text" size="10" placeholder=t().date_hint prop:value=from
                    on:change=move |ev| from.set(event_target_value(&ev)) />
            </label>
            <label>{rt().to}
                <input id="dy-f-to" type="text" size="10" placeholder=t().date_hint prop:value=to
                    on:change=move |ev| to.set(event_target_value(&ev)) />
            </label>
            {checkbox_choice(rt().overdue_only, overdue)}
            <label class="grow">{rt().words}
                <input id="dy-f-words" type="search" placeholder=rt().words_hint prop:value=words
                    on:input=move |ev| words.set(event_target_value(&ev)) />
            </label>
            <p class="error" role="alert">{move || date_problem.get()}</p>
        </div>
        <p class="count" role="status">
            {move || {
                if waiting.get() {
                    return state.texts_wait_note().to_string();
                }
                let n = found.with(|f| f.len());
                let total = state.read_diaries(|index| index.len());
                rt().found(n, total)
            }}
            " " <a class="button primary" href="#/diary/new">{rt().tab_new}</a>
        </p>
        {move || {
            (!waiting.get() && found.with(|f| f.is_empty())).then(|| view! { <p class="empty">{rt().none_found}</p> })
        }}
        {data_table("diaries", rt().entry_columns, keyed_body(rows))}
        {move || {
            let (n, limit) = (found.with(|f| f.len()), shown.get());
            (n > limit).then(|| {
                view! {
                    <p><button type="button" on:click=move |_| shown.update(|s| *s += PAGE)>{rt().show_more(n - limit)}</button></p>
                }
            })
        }}
    }
}

fn draw_row(r: &EntryRow) -> AnyView {
    tr(
        None,
        vec![
            cell_of("", vec![link(format!("#/diary/{}", r.id), r.date.clone())]),
            cell("", r.village.clone()),
            cell("", r.households.clone()),
            cell("", r.writer.clone()),
            cell("", r.category.clone()),
            cell_of(
                "",
                vec![r.state.clone().into_any(), r.overdue.then(|| flag(true, rt().overdue.to_string())).into_any()],
            ),
            cell("excerpt", r.excerpt.clone()),
        ],
    )
}
