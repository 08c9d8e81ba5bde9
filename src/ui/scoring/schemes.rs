//! 考核方案: a year's schemes, one line per family (the version in force, whether it is stored,
//! how many scored records use it, the versions before it), and one scheme's page: its items as
//! an editable tree and the parameters its family reads. Saving goes through `save_scheme`: a
//! version no record uses changes in place, a used one makes the next version, and a template
//! not stored yet is stored. Every rule (tree edits, which parameters a family reads, the checks,
//! the locking) is `domain::scoring::scheme`'s; this page holds the draft and shows it.
//!
//! The draft is one signal. The tree's rows are keyed by what their shape is (the item's id and
//! place), not by the values typed, so typing redraws no row and the focus stays where it is.

use crate::domain::record::RecordId;
use crate::domain::scoring::scheme::{
    add_child, add_sibling, create_scheme, item_at, item_at_mut, item_places, move_item, new_item, parse_percent,
    parse_whole, percent_typed, remove_item, save_scheme, set_fill, set_star_threshold, use_counts, Band, Counter,
    Family, Fill, Item, Param, Params, QuotaBase, RaterGroup, Rounding, Scheme, SchemeDraft, SchemeSave, ITEMS, NAME,
    PARAMS, SCORED_KINDS,
};
use crate::ui::kit::fields::{go, message_line, new_id, save, select_field, sorted, text_field, FieldError, Message};
use crate::ui::kit::table::{cell, cell_of, data_table, keyed, keyed_body, link, tr, warn_box};
use crate::ui::scoring::text as st;
use crate::ui::scoring::{scheme_line, year_scheme, ScoringData};
use crate::ui::shell::focus_by_id;
use crate::ui::AppState;
use chrono::Datelike;
use leptos::prelude::*;
use std::sync::Arc;

/// The kinds whose records lock a version (besides the section's).
pub const KINDS: &[&str] = SCORED_KINDS;

/// How many scored records name each scheme; redrawn when such records change.
fn uses_of(state: AppState, ids: &[RecordId]) -> Vec<usize> {
    state.read_kinds(SCORED_KINDS, |ws| {
        let replica = ws.replica();
        use_counts(ids, SCORED_KINDS.iter().flat_map(|k| replica.live(k)))
    })
}

/// The stored versions of a family's year other than `shown`, newest first.
fn earlier_versions(schemes: &[Scheme], family: Family, year: i32, shown: &RecordId) -> Vec<Scheme> {
    let list = schemes
        .iter()
        .filter(|s| s.family == Some(family) && s.year == year && &s.id != shown)
        .cloned()
        .collect::<Vec<_>>();
    sorted(list, |s| (-i64::from(s.version), s.id.as_str().to_string()))
}

fn earlier_text(state: AppState, earlier: &[Scheme]) -> String {
    if earlier.is_empty() {
        return st::NONE_EARLIER.to_string();
    }
    let ids: Vec<RecordId> = earlier.iter().map(|s| s.id.clone()).collect();
    let uses = uses_of(state, &ids);
    earlier.iter().zip(uses).map(|(s, n)| st::earlier_version(s.version, n)).collect::<Vec<_>>().join("、")
}

/// A family's line in the year's list.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ListRow {
    family: &'static str,
    href: String,
    name: String,
    version: String,
    state: String,
    earlier: String,
}

fn list_row(r: &ListRow) -> AnyView {
    tr(
        None,
        vec![
            cell("name", r.family.to_string()),
            cell_of("", vec![link(r.href.clone(), r.name.clone())]),
            cell("num", r.version.clone()),
            cell("", r.state.clone()),
            cell("", r.earlier.clone()),
        ],
    )
}

/// The year's schemes (`#/scoring/schemes/<year>`; this year without one).
#[component]
pub fn SchemeList(year: Option<i32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let this_year = crate::web::browser::today().year();
    let year = year.unwrap_or(this_year);
    let chosen = RwSignal::new(year.to_string());
    Effect::new(move |_| {
        let y = chosen.get();
        if !y.is_empty() && y != year.to_string() {
            go(&format!("#/scoring/schemes/{y}"));
        }
    });
    let years = Signal::derive(move || {
        let mut list: Vec<i32> = vec![this_year - 1, this_year, this_year + 1, year];
        data.schemes.with(|all| list.extend(all.iter().map(|s| s.year).filter(|y| *y > 0)));
        let mut list = sorted(list, |y| (-i64::from(*y), String::new()));
        list.dedup();
        list.into_iter().map(|y| (y.to_string(), format!("{y}年"))).collect::<Vec<_>>()
    });
    let rows = Memo::new(move |_| {
        let schemes = data.schemes.get();
        let ids: Vec<RecordId> = schemes.iter().map(|s| s.id.clone()).collect();
        let uses = uses_of(state, &ids);
        let used = |id: &RecordId| ids.iter().position(|i| i == id).map_or(0, |n| uses[n]);
        Family::ALL
            .into_iter()
            .map(|family| {
                let (s, stored) = year_scheme(&schemes, family, year);
                let state_words = if stored { st::used_by(used(&s.id)) } else { st::NOT_STORED.into() };
                let earlier = earlier_versions(&schemes, family, year, &s.id);
                let earlier = if earlier.is_empty() {
                    st::NONE_EARLIER.to_string()
                } else {
                    earlier.iter().map(|e| st::earlier_version(e.version, used(&e.id))).collect::<Vec<_>>().join("、")
                };
                keyed(
                    ListRow {
                        family: family.label(),
                        href: format!("#/scoring/schemes/{}/{year}", family.key()),
                        name: s.name.clone(),
                        version: st::version_text(s.version),
                        state: state_words,
                        earlier,
                    },
                    list_row,
                )
            })
            .collect::<Vec<_>>()
    });
    let columns = [st::FAMILY, st::SCHEME_NAME, st::VERSION, st::SCHEME_STATE, st::EARLIER];
    view! {
        <p class="intro">{st::SCHEMES_INTRO}</p>
        <div class="toolbar">{select_field("sc-year", st::YEAR, chosen, RwSignal::new(None), years)}</div>
        {data_table("schemes", &columns, keyed_body(rows))}
    }
}

type Show = Arc<dyn Fn(&SchemeDraft) -> String + Send + Sync>;
/// Takes a cell's text into the draft, or says what is wrong with it.
type Take = Arc<dyn Fn(&mut SchemeDraft, &str) -> Result<(), String> + Send + Sync>;

/// The draft being edited and the cells whose text could not be read (input id, words).
#[derive(Clone, Copy)]
struct Editor {
    family: Family,
    draft: RwSignal<SchemeDraft>,
    bad: RwSignal<Vec<(String, String)>>,
}

impl Editor {
    fn item<R>(&self, path: &[usize], f: impl FnOnce(&Item) -> R) -> Option<R> {
        self.draft.with(|d| item_at(&d.items, path).map(f))
    }

    /// A change to the tree's shape; the focus goes to `focus` of the item it returns, else to
    /// the button that adds a top item.
    fn reshape(&self, change: impl FnOnce(&mut Vec<Item>) -> Option<Vec<usize>>, focus: &'static str) {
        let mut d = self.draft.get_untracked();
        let at = change(&mut d.items);
        let target = match at.as_deref().and_then(|p| item_at(&d.items, p)) {
            Some(i) => format!("si-{}-{focus}", i.id),
            None => "si-add".to_string(),
        };
        // Cells of items gone are no longer wrong.
        let mut all = Vec::new();
        for i in &d.items {
            i.walk(&mut all);
        }
        let live: Vec<String> = all.iter().map(|i| format!("si-{}-", i.id)).collect();
        self.bad.update(|b| b.retain(|(k, _)| !k.starts_with("si-") || live.iter().any(|p| k.starts_with(p))));
        self.draft.set(d);
        request_animation_frame(move || focus_by_id(&target));
    }
}

/// An input of the draft: `live` takes every keystroke (names), else the text is taken when it
/// is left (numbers, so a half-typed "-" is not refused).
fn draft_input(
    ed: Editor,
    id: String,
    label: Signal<String>,
    class: &'static str,
    live: bool,
    show: Show,
    take: Take,
) -> AnyView {
    let bad = ed.bad;
    let (k1, k2) = (id.clone(), id.clone());
    let invalid = move || bad.with(|b| b.iter().any(|(k, _)| *k == k1)).to_string();
    let apply = move |text: String| {
        let mut d = ed.draft.get_untracked();
        let result = take(&mut d, &text);
        bad.update(|b| {
            b.retain(|(k, _)| *k != k2);
            if let Err(words) = &result {
                b.push((k2.clone(), words.clone()));
            }
        });
        if result.is_ok() {
            ed.draft.set(d);
        }
    };
    let on_change = apply.clone();
    view! {
        <input id=id type="text" class=class autocomplete="off" aria-label=label aria-invalid=invalid
            prop:value=move || ed.draft.with(|d| show(d))
            on:input=move |ev| if live { apply(event_target_value(&ev)) }
            on:change=move |ev| if !live { on_change(event_target_value(&ev)) } />
    }
    .into_any()
}

/// The words of the draft's cells that could not be read, for ids starting with `prefix`.
fn bad_list(ed: Editor, prefix: &'static str) -> AnyView {
    let items = move || {
        ed.bad.with(|b| {
            b.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(_, w)| view! { <li>{w.clone()}</li> }).collect_view()
        })
    };
    view! { <ul class="field-msg">{items}</ul> }.into_any()
}

/// The check's problems that belong to `field` (`items`, `params`).
fn problem_list(problems: RwSignal<Vec<(&'static str, String)>>, field: &'static str, id: &'static str) -> AnyView {
    let items = move || {
        problems
            .with(|p| p.iter().filter(|(f, _)| *f == field).map(|(_, w)| view! { <li>{w.clone()}</li> }).collect_view())
    };
    view! { <ul class="field-msg" id=id role="alert">{items}</ul> }.into_any()
}

/// A whole number of the draft: `required` refuses a blank.
fn whole(what: String, required: bool, set: impl Fn(&mut SchemeDraft, Option<i64>) + Send + Sync + 'static) -> Take {
    Arc::new(move |d, text| match parse_whole(text) {
        Some(None) if required => Err(st::whole_number_needed(&what)),
        Some(v) => {
            set(d, v);
            Ok(())
        }
        None => Err(st::whole_number_needed(&what)),
    })
}

/// A count of the draft (0 or more).
fn count(what: &'static str, set: fn(&mut Params, u32)) -> Take {
    Arc::new(move |d, text| match parse_whole(text) {
        Some(Some(v)) if (0..=i64::from(u32::MAX)).contains(&v) => {
            set(&mut d.params, v as u32);
            Ok(())
        }
        _ => Err(st::whole_number_needed(what)),
    })
}

fn percent(what: &'static str, set: fn(&mut Params, u32)) -> Take {
    Arc::new(move |d, text| match parse_percent(text) {
        Some(p) => {
            set(&mut d.params, p);
            Ok(())
        }
        None => Err(st::percent_needed(what)),
    })
}

fn optional_text(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A labelled field of the parameters, its own unreadable text said under it.
fn param_field(ed: Editor, id: &'static str, label: &'static str, show: Show, take: Take) -> AnyView {
    let invalid = move || ed.bad.with(|b| b.iter().any(|(k, _)| k == id));
    let words = move || ed.bad.with(|b| b.iter().find(|(k, _)| k == id).map(|(_, w)| w.clone()));
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}</label>
            {draft_input(ed, id.to_string(), Signal::stored(label.to_string()), "", false, show, take)}
            <p class="field-msg">{words}</p>
        </div>
    }
    .into_any()
}

/// A labelled choice among a closed list of the parameters.
fn param_choice(
    ed: Editor,
    id: &'static str,
    label: &'static str,
    options: Vec<&'static str>,
    chosen: fn(&Params) -> usize,
    set: fn(&mut Params, usize),
) -> AnyView {
    let options = options
        .iter()
        .enumerate()
        .map(|(n, l)| {
            view! { <option value=n.to_string() prop:selected=move || ed.draft.with(|d| chosen(&d.params) == n)>{*l}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                    ed.draft.update(|d| set(&mut d.params, n));
                }
            }>{options}</select>
        </div>
    }
    .into_any()
}

/// A row of the items' table: what its shape is (not what is typed in it).
#[derive(Clone, PartialEq, Eq, Hash)]
struct ItemRow {
    id: String,
    path: Vec<usize>,
    parent: bool,
}

fn item_row(ed: Editor, r: &ItemRow) -> AnyView {
    let family = ed.family;
    let (id, path) = (r.id.clone(), r.path.clone());
    let label_of = {
        let path = path.clone();
        move |what: &'static str| {
            let path = path.clone();
            Signal::derive(move || st::item_input(&ed.item(&path, |i| i.label.clone()).unwrap_or_default(), what))
        }
    };
    let mut cells = Vec::new();
    let depth = path.len() - 1;
    let p = path.clone();
    let label_input = draft_input(
        ed,
        format!("si-{id}-label"),
        label_of(st::COL_LABEL),
        "label",
        true,
        Arc::new({
            let p = p.clone();
            move |d| item_at(&d.items, &p).map(|i| i.label.clone()).unwrap_or_default()
        }),
        Arc::new(move |d, text| {
            if let Some(i) = item_at_mut(&mut d.items, &p) {
                i.label = text.to_string();
            }
            Ok(())
        }),
    );
    cells.push(
        // Integers only: printing a float would bring float formatting into the wasm.
        view! { <td class="label" style=format!("padding-left:calc(.25em + {depth} * 1.5em)")>{label_input}</td> }
            .into_any(),
    );
    let number = |what: &'static str,
                  suffix: &'static str,
                  required: bool,
                  get: fn(&Item) -> Option<i64>,
                  put: fn(&mut Item, Option<i64>)| {
        let (p1, p2) = (path.clone(), path.clone());
        cell_of(
            "num",
            vec![draft_input(
                ed,
                format!("si-{id}-{suffix}"),
                label_of(what),
                "num",
                false,
                Arc::new(move |d| optional_text(item_at(&d.items, &p1).and_then(get))),
                Arc::new(move |d, text| {
                    let Some(i) = item_at_mut(&mut d.items, &p2) else { return Ok(()) };
                    match parse_whole(text) {
                        Some(v) if v.is_some() || !required => {
                            put(i, v);
                            Ok(())
                        }
                        _ => Err(st::whole_number_needed(&st::item_input(&i.label, what))),
                    }
                }),
            )],
        )
    };
    if family.items_have_points() {
        cells.push(number(st::COL_POINTS, "points", true, |i| Some(i.points), |i, v| i.points = v.unwrap_or(0)));
    }
    if family.items_have_cap() {
        cells.push(number(st::COL_CAP, "cap", false, |i| i.cap, |i, v| i.cap = v));
    }
    if family.items_have_floor() {
        cells.push(number(st::COL_FLOOR, "floor", false, |i| i.floor, |i, v| i.floor = v));
    }
    if family.fills().len() > 1 {
        let fill_now = {
            let p = path.clone();
            move || ed.item(&p, |i| i.fill)
        };
        let options = family
            .fills()
            .iter()
            .filter(|f| r.parent == (**f == Fill::Group))
            .map(|f| {
                let (f, now) = (*f, fill_now.clone());
                view! { <option value=f.label() prop:selected=move || now() == Some(f)>{f.label()}</option> }
            })
            .collect_view();
        let p = path.clone();
        let select = view! {
            <select id=format!("si-{id}-fill") aria-label=label_of(st::COL_FILL) prop:disabled=r.parent
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    if let Some(f) = family.fills().iter().find(|f| f.label() == text) {
                        ed.draft.update(|d| if let Some(i) = item_at_mut(&mut d.items, &p) { set_fill(i, *f) });
                    }
                }>{options}</select>
        };
        cells.push(cell_of("", vec![select.into_any()]));
    }
    if !family.counters().is_empty() {
        let p = path.clone();
        let counted = {
            let p = path.clone();
            move || ed.item(&p, |i| i.fill == Fill::Counted) == Some(true)
        };
        let counter_now = {
            let p = path.clone();
            move || ed.item(&p, |i| i.counter).flatten()
        };
        let now = counter_now.clone();
        let mut options =
            vec![view! { <option value="" prop:selected=move || now().is_none()>{st::NO_COUNTER}</option> }.into_any()];
        for c in family.counters() {
            let now = counter_now.clone();
            options.push(
                view! { <option value=c.label() prop:selected=move || now() == Some(c)>{c.label()}</option> }
                    .into_any(),
            );
        }
        let select = view! {
            <select id=format!("si-{id}-counter") class="counter" aria-label=label_of(st::COL_COUNTER) prop:disabled=move || !counted()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let c = Counter::ALL.into_iter().find(|c| c.label() == text);
                    ed.draft.update(|d| if let Some(i) = item_at_mut(&mut d.items, &p) { i.counter = c });
                }>{options}</select>
        };
        cells.push(cell_of("", vec![select.into_any()]));
    }
    let button = |words: &'static str, suffix: &'static str, act: Arc<dyn Fn() + Send + Sync>| {
        let aria = label_of(words);
        view! {
            <button type="button" class="small" id=format!("si-{id}-{suffix}") aria-label=aria on:click=move |_| act()>{words}</button>
        }
        .into_any()
    };
    let nested = family != Family::Credibility;
    let mut actions = vec![
        button(st::MOVE_UP, "up", {
            let p = path.clone();
            Arc::new(move || ed.reshape(|items| move_item(items, &p, true), "up"))
        }),
        button(st::MOVE_DOWN, "down", {
            let p = path.clone();
            Arc::new(move || ed.reshape(|items| move_item(items, &p, false), "down"))
        }),
    ];
    if nested {
        actions.push(button(st::ADD_CHILD, "child", {
            let p = path.clone();
            Arc::new(move || {
                ed.reshape(
                    |items| {
                        let item = new_item(family, items);
                        add_child(items, &p, item)
                    },
                    "label",
                )
            })
        }));
    }
    actions.push(button(st::ADD_SIBLING, "sibling", {
        let p = path.clone();
        Arc::new(move || {
            ed.reshape(
                |items| {
                    let item = new_item(family, items);
                    add_sibling(items, &p, item)
                },
                "label",
            )
        })
    }));
    actions.push(button(st::REMOVE, "remove", {
        let p = path.clone();
        Arc::new(move || {
            ed.reshape(
                |items| {
                    remove_item(family, items, &p);
                    None
                },
                "",
            )
        })
    }));
    cells.push(cell_of("actions-cell", actions));
    tr(None, cells)
}

fn items_table(ed: Editor) -> AnyView {
    let family = ed.family;
    let rows = Memo::new(move |_| {
        ed.draft.with(|d| {
            item_places(&d.items)
                .into_iter()
                .filter_map(|p| {
                    let i = item_at(&d.items, &p)?;
                    Some(ItemRow { id: i.id.clone(), parent: !i.children.is_empty(), path: p })
                })
                .map(|r| keyed(r, move |r| item_row(ed, r)))
                .collect::<Vec<_>>()
        })
    });
    let mut columns = vec![st::COL_LABEL];
    if family.items_have_points() {
        columns.push(st::COL_POINTS);
    }
    if family.items_have_cap() {
        columns.push(st::COL_CAP);
    }
    if family.items_have_floor() {
        columns.push(st::COL_FLOOR);
    }
    if family.fills().len() > 1 {
        columns.push(st::COL_FILL);
    }
    if !family.counters().is_empty() {
        columns.push(st::COL_COUNTER);
    }
    columns.push(st::COL_ACTIONS);
    let add = move |_| {
        ed.reshape(
            |items| {
                let item = new_item(family, items);
                add_sibling(items, &[], item)
            },
            "label",
        )
    };
    view! {
        <div class="wide-table">{data_table("scheme-items", &columns, keyed_body(rows))}</div>
        <button type="button" id="si-add" on:click=add>{st::ADD_TOP_ITEM}</button>
    }
    .into_any()
}

/// The rater groups (names, and weights where the family weighs them).
fn groups_table(ed: Editor) -> AnyView {
    let weights = ed.family.params_read().contains(&Param::GroupWeights);
    let rows = Memo::new(move |_| {
        let n = ed.draft.with(|d| d.params.groups.len());
        (0..n).map(|i| keyed(i, move |i| group_row(ed, *i, weights))).collect::<Vec<_>>()
    });
    let mut columns = vec![st::P_GROUP_LABEL];
    if weights {
        columns.push(st::P_GROUP_WEIGHT);
    }
    columns.push(st::COL_ACTIONS);
    let title = if weights { st::P_GROUPS } else { st::P_GROUPS_SURVEY };
    let add = move |_| {
        ed.draft.update(|d| {
            let id = (1..).map(|n| format!("g{n}")).find(|id| d.params.groups.iter().all(|g| &g.id != id));
            d.params.groups.push(RaterGroup { id: id.unwrap_or_default(), label: String::new(), weight: 0 });
        });
        let n = ed.draft.with_untracked(|d| d.params.groups.len());
        request_animation_frame(move || focus_by_id(&format!("sr-group-{}-label", n - 1)));
    };
    view! {
        <h5>{title}</h5>
        {data_table("scheme-groups", &columns, keyed_body(rows))}
        <button type="button" on:click=add>{st::P_ADD_GROUP}</button>
    }
    .into_any()
}

fn group_row(ed: Editor, n: usize, weights: bool) -> AnyView {
    let label = Signal::stored(st::row_input(n + 1, st::P_GROUP_LABEL));
    let mut cells = vec![cell_of(
        "",
        vec![draft_input(
            ed,
            format!("sr-group-{n}-label"),
            label,
            "label",
            true,
            Arc::new(move |d| d.params.groups.get(n).map(|g| g.label.clone()).unwrap_or_default()),
            Arc::new(move |d, text| {
                if let Some(g) = d.params.groups.get_mut(n) {
                    g.label = text.to_string();
                }
                Ok(())
            }),
        )],
    )];
    if weights {
        let what = st::row_input(n + 1, st::P_GROUP_WEIGHT);
        cells.push(cell_of(
            "num",
            vec![draft_input(
                ed,
                format!("sr-group-{n}-weight"),
                Signal::stored(what.clone()),
                "num",
                false,
                Arc::new(move |d| d.params.groups.get(n).map(|g| g.weight.to_string()).unwrap_or_default()),
                Arc::new(move |d, text| match parse_whole(text) {
                    Some(Some(v)) if (0..=100).contains(&v) => {
                        if let Some(g) = d.params.groups.get_mut(n) {
                            g.weight = v as u32;
                        }
                        Ok(())
                    }
                    _ => Err(st::whole_number_needed(&what)),
                }),
            )],
        ));
    }
    let remove = move |_| {
        ed.draft.update(|d| {
            if n < d.params.groups.len() {
                d.params.groups.remove(n);
            }
        });
        ed.bad.update(|b| b.retain(|(k, _)| !k.starts_with("sr-group-")));
    };
    let aria = st::row_input(n + 1, st::REMOVE);
    cells.push(cell_of(
        "actions-cell",
        vec![view! { <button type="button" class="small" aria-label=aria on:click=remove>{st::REMOVE}</button> }
            .into_any()],
    ));
    tr(None, cells)
}

/// A list of bands (grades, pay levels), highest first.
fn bands_table(
    ed: Editor,
    key: &'static str,
    title: &'static str,
    list: fn(&Params) -> &Vec<Band>,
    list_mut: fn(&mut Params) -> &mut Vec<Band>,
) -> AnyView {
    let rows = Memo::new(move |_| {
        let n = ed.draft.with(|d| list(&d.params).len());
        (0..n).map(|i| keyed(i, move |i| band_row(ed, key, title, *i, list, list_mut))).collect::<Vec<_>>()
    });
    let add = move |_| {
        ed.draft.update(|d| list_mut(&mut d.params).push(Band { min: 0, label: String::new() }));
        let n = ed.draft.with_untracked(|d| list(&d.params).len());
        request_animation_frame(move || focus_by_id(&format!("sr-{key}-{}-label", n - 1)));
    };
    view! {
        <h5>{title}</h5>
        {data_table("scheme-bands", &[st::P_BAND_LABEL, st::P_BAND_MIN, st::COL_ACTIONS], keyed_body(rows))}
        <button type="button" on:click=add>{st::P_ADD_BAND}</button>
    }
    .into_any()
}

fn band_row(
    ed: Editor,
    key: &'static str,
    title: &'static str,
    n: usize,
    list: fn(&Params) -> &Vec<Band>,
    list_mut: fn(&mut Params) -> &mut Vec<Band>,
) -> AnyView {
    let label_what = format!("{title}{}", st::row_input(n + 1, st::P_BAND_LABEL));
    let min_what = format!("{title}{}", st::row_input(n + 1, st::P_BAND_MIN));
    let label = draft_input(
        ed,
        format!("sr-{key}-{n}-label"),
        Signal::stored(label_what),
        "label",
        true,
        Arc::new(move |d| list(&d.params).get(n).map(|b| b.label.clone()).unwrap_or_default()),
        Arc::new(move |d, text| {
            if let Some(b) = list_mut(&mut d.params).get_mut(n) {
                b.label = text.to_string();
            }
            Ok(())
        }),
    );
    let min = draft_input(
        ed,
        format!("sr-{key}-{n}-min"),
        Signal::stored(min_what.clone()),
        "num",
        false,
        Arc::new(move |d| list(&d.params).get(n).map(|b| b.min.to_string()).unwrap_or_default()),
        whole(min_what, true, move |d, v| {
            if let Some(b) = list_mut(&mut d.params).get_mut(n) {
                b.min = v.unwrap_or(0);
            }
        }),
    );
    let remove = move |_| {
        ed.draft.update(|d| {
            let l = list_mut(&mut d.params);
            if n < l.len() {
                l.remove(n);
            }
        });
        ed.bad.update(|b| b.retain(|(k, _)| !k.starts_with(&format!("sr-{key}-"))));
    };
    let aria = format!("{title}{}", st::row_input(n + 1, st::REMOVE));
    tr(
        None,
        vec![
            cell_of("", vec![label]),
            cell_of("num", vec![min]),
            cell_of(
                "actions-cell",
                vec![
                    view! { <button type="button" class="small" aria-label=aria on:click=remove>{st::REMOVE}</button> }
                        .into_any(),
                ],
            ),
        ],
    )
}

const STAR_IDS: [&str; 4] = ["sp-star-2", "sp-star-3", "sp-star-4", "sp-star-5"];
const QUOTA_BASES: [QuotaBase; 2] = [QuotaBase::AllMembers, QuotaBase::FullMembers];
const ROUNDINGS: [Rounding; 3] = [Rounding::Down, Rounding::HalfUp, Rounding::Up];

/// The fields of one parameter the family reads.
fn param_view(ed: Editor, p: Param) -> AnyView {
    let num = |v: i64| v.to_string();
    match p {
        Param::Base => param_field(
            ed,
            "sp-base",
            st::P_BASE,
            Arc::new(move |d| num(d.params.base)),
            whole(st::P_BASE.into(), true, |d, v| d.params.base = v.unwrap_or(0)),
        ),
        Param::TotalFloor => param_field(
            ed,
            "sp-total-floor",
            st::P_TOTAL_FLOOR,
            Arc::new(|d| optional_text(d.params.total_floor)),
            whole(st::P_TOTAL_FLOOR.into(), false, |d, v| d.params.total_floor = v),
        ),
        Param::StarThresholds => {
            let fields = (0..4)
                .map(|n| {
                    param_field(
                        ed,
                        STAR_IDS[n],
                        st::P_STARS[n],
                        Arc::new(move |d| optional_text(d.params.star_thresholds.get(n).copied())),
                        Arc::new(move |d, text| match parse_whole(text) {
                            Some(v) if set_star_threshold(&mut d.params, n, v) => Ok(()),
                            Some(_) => Err(st::STARS_IN_ORDER.to_string()),
                            None => Err(st::whole_number_needed(st::P_STARS[n])),
                        }),
                    )
                })
                .collect_view();
            view! { {fields}<p class="hint wide">{st::P_STARS_HINT}</p> }.into_any()
        }
        Param::QuotaPermille => param_field(
            ed,
            "sp-quota",
            st::P_QUOTA,
            Arc::new(|d| percent_typed(d.params.quota_permille)),
            percent(st::P_QUOTA, |p, v| p.quota_permille = v),
        ),
        Param::QuotaBase => param_choice(
            ed,
            "sp-quota-base",
            st::P_QUOTA_BASE,
            QUOTA_BASES.iter().map(|b| b.label()).collect(),
            |p| QUOTA_BASES.iter().position(|b| *b == p.quota_base).unwrap_or(0),
            |p, n| p.quota_base = QUOTA_BASES[n.min(1)],
        ),
        Param::Rounding => param_choice(
            ed,
            "sp-rounding",
            st::P_ROUNDING,
            ROUNDINGS.iter().map(|r| r.label()).collect(),
            |p| ROUNDINGS.iter().position(|r| *r == p.rounding).unwrap_or(0),
            |p, n| p.rounding = ROUNDINGS[n.min(2)],
        ),
        Param::Groups => groups_table(ed),
        Param::GroupWeights => ().into_any(),
        Param::TrimMinRaters => param_field(
            ed,
            "sp-trim",
            st::P_TRIM,
            Arc::new(move |d| d.params.trim_min_raters.to_string()),
            count(st::P_TRIM, |p, v| p.trim_min_raters = v),
        ),
        Param::GradeBands => bands_table(ed, "grade", st::P_GRADES, |p| &p.grade_bands, |p| &mut p.grade_bands),
        Param::PayBands => bands_table(ed, "pay", st::P_PAY, |p| &p.pay_bands, |p| &mut p.pay_bands),
        Param::VisitDaysPerWeek => param_field(
            ed,
            "sp-visit-days",
            st::P_VISIT_DAYS,
            Arc::new(|d| d.params.visit_days_per_week.to_string()),
            count(st::P_VISIT_DAYS, |p, v| p.visit_days_per_week = v),
        ),
        Param::MinSatisfied => param_field(
            ed,
            "sp-min-satisfied",
            st::P_MIN_SATISFIED,
            Arc::new(|d| percent_typed(d.params.min_satisfied_permille)),
            percent(st::P_MIN_SATISFIED, |p, v| p.min_satisfied_permille = v),
        ),
        Param::MaxDissatisfied => param_field(
            ed,
            "sp-max-dissatisfied",
            st::P_MAX_DISSATISFIED,
            Arc::new(|d| percent_typed(d.params.max_dissatisfied_permille)),
            percent(st::P_MAX_DISSATISFIED, |p, v| p.max_dissatisfied_permille = v),
        ),
        Param::PassScore => param_field(
            ed,
            "sp-pass",
            st::P_PASS,
            Arc::new(move |d| num(d.params.pass_score)),
            whole(st::P_PASS.into(), true, |d, v| d.params.pass_score = v.unwrap_or(0)),
        ),
        Param::WeakVacancyMonths => param_field(
            ed,
            "sp-weak-months",
            st::P_WEAK_MONTHS,
            Arc::new(|d| d.params.weak_vacancy_months.to_string()),
            count(st::P_WEAK_MONTHS, |p, v| p.weak_vacancy_months = v),
        ),
        Param::WeakNoTargetYears => param_field(
            ed,
            "sp-weak-years",
            st::P_WEAK_YEARS,
            Arc::new(|d| d.params.weak_no_target_years.to_string()),
            count(st::P_WEAK_YEARS, |p, v| p.weak_no_target_years = v),
        ),
    }
}

/// One family's scheme of a year (`#/scoring/schemes/<family>/<year>`): the version in force,
/// or the template until it is first saved.
#[component]
pub fn SchemePage(family: Family, year: i32) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let in_force = Memo::new(move |_| data.schemes.with(|all| year_scheme(all, family, year)));
    let uses = Memo::new(move |_| {
        let (s, stored) = in_force.get();
        if stored {
            uses_of(state, &[s.id])[0]
        } else {
            0
        }
    });
    let start = in_force.get_untracked().0.draft();
    let name = RwSignal::new(start.name.clone());
    let ed = Editor { family, draft: RwSignal::new(start), bad: RwSignal::new(Vec::new()) };
    let problems = RwSignal::new(Vec::<(&'static str, String)>::new());
    let name_err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let head = move || {
        let (s, stored) = in_force.get();
        let line = scheme_line(&s, stored, "");
        let state_words = if stored { st::used_by(uses.get()) } else { st::NOT_STORED.to_string() };
        let earlier = data.schemes.with(|all| earlier_versions(all, family, year, &s.id));
        let earlier = format!("{}：{}", st::EARLIER, earlier_text(state, &earlier));
        let warning =
            (uses.get() > 0).then(|| warn_box(st::locked_warning(uses.get(), s.version, family.rescores_year()), None));
        view! {
            <p class="muted">{line}"　"{state_words}</p>
            <p class="muted">{earlier}</p>
            {warning}
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        name_err.set(None);
        problems.set(Vec::new());
        if ed.bad.with_untracked(|b| !b.is_empty()) {
            return message.set(Some((false, st::BAD_NUMBERS.to_string())));
        }
        let mut draft = ed.draft.get_untracked();
        draft.name = name.get_untracked();
        let (old, stored) = in_force.get_untracked();
        let result = if stored {
            let n = uses_of(state, std::slice::from_ref(&old.id))[0];
            save_scheme(&old, &draft, n, new_id()).map(|s| match s {
                SchemeSave::InPlace(e) => Some((e, st::saved_in_place(old.version))),
                SchemeSave::NewVersion(e) => {
                    Some((e, st::saved_new_version(old.version + 1, old.version, family.rescores_year())))
                }
                SchemeSave::Unchanged => None,
            })
        } else {
            create_scheme(&draft, old.id.clone()).map(|e| Some((e, st::saved_template(draft.name.trim()))))
        };
        match result {
            Ok(Some((edit, ok))) => save(state, vec![edit], saving, message, ok, Box::new(|| {})),
            Ok(None) => message.set(Some((false, st::NOTHING_CHANGED.to_string()))),
            Err(found) => {
                if let Some(p) = found.iter().find(|p| p.field() == NAME) {
                    name_err.set(Some(("sc-name", p.message())));
                }
                let others: Vec<String> =
                    found.iter().filter(|p| ![NAME, ITEMS, PARAMS].contains(&p.field())).map(|p| p.message()).collect();
                problems.set(found.iter().map(|p| (p.field(), p.message())).collect());
                let words = if others.is_empty() { st::NOT_SAVED.to_string() } else { others.join(" ") };
                message.set(Some((false, words)));
            }
        }
    };
    let items = if family.has_items() {
        view! {
            <p class="hint">{st::items_hint(family)}</p>
            {items_table(ed)}
            {problem_list(problems, ITEMS, "sc-items-err")}
            {bad_list(ed, "si-")}
        }
        .into_any()
    } else {
        view! { <p class="muted">{st::NO_ITEMS_REVIEW}</p> }.into_any()
    };
    let is_table = |p: &&Param| matches!(p, Param::Groups | Param::GradeBands | Param::PayBands);
    let fields = family.params_read().iter().filter(|p| !is_table(p)).map(|p| param_view(ed, *p)).collect_view();
    let tables = family.params_read().iter().filter(is_table).map(|p| param_view(ed, *p)).collect_view();
    view! {
        <form class="scheme-page" on:submit=submit novalidate>
            <div class="page-head">
                <h3>{st::scheme_page_title(family.label(), year)}</h3>
                <a href=format!("#/scoring/schemes/{year}")>{st::BACK_TO_SCHEMES}</a>
            </div>
            {head}
            <div class="grid">{text_field("sc-name", st::SCHEME_NAME, name, name_err, "")}</div>
            <h4>{st::SCHEME_ITEMS_TITLE}</h4>
            {items}
            <h4>{st::PARAMS_TITLE}</h4>
            <div class="grid params">{fields}</div>
            <div class="param-tables">{tables}</div>
            {problem_list(problems, PARAMS, "sc-params-err")}
            {bad_list(ed, "sr-")}
            {message_line(message)}
            <button type="submit" class="primary" prop:disabled=saving>{st::SAVE_SCHEME}</button>
        </form>
    }
}
