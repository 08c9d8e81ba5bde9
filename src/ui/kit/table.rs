//! Read-only data tables as views: the headings, the group heading rows (a branch, a village),
//! a row spanning the table, the red and amber flags, a row's small buttons, and the keyed body
//! that redraws only the rows that changed.
//!
//! A table is a list of plain rows (`Line`s of one struct per table) computed from the records in
//! a `Memo`, so nothing is redrawn unless what the rows show changed. Rows are drawn from `tr` and
//! `cell`, and every table's body is the one `keyed_body`: each helper here is compiled once
//! however many tables use it (every distinct `view!`, `For` and closure costs the wasm its own
//! rendering code; 干部与培训 and 发展党员 written with a `view!` per row came to 27 KB gzip more).

use leptos::prelude::*;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The opening of a data table: `<table class="data {class}">` with its column headings; `body`
/// is the `<tbody>` (usually `keyed_body`).
pub fn data_table(class: &'static str, columns: &[&'static str], body: AnyView) -> AnyView {
    let heads = columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view();
    view! {
        <table class=format!("data {class}")>
            <thead><tr>{heads}</tr></thead>
            {body}
        </table>
    }
    .into_any()
}

/// A row of a grouped table: a group's heading, a row with one cell spanning the table (an empty
/// group, a note), or a row of the table's own kind.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Line<R> {
    /// A group's heading (a branch, a village): a key unique in the table, and its name.
    Group(String, String),
    /// One cell across the table: a key unique in the table, the cell's class, and its words.
    Note(String, &'static str, String),
    Row(R),
}

/// The lines of a table of `columns` columns as keyed rows: group headings and notes as such,
/// and `row` drawing a row of the table's kind.
pub fn keyed_lines<R>(
    lines: Vec<Line<R>>,
    columns: u8,
    row: impl Fn(&R) -> AnyView + Clone + Send + Sync + 'static,
) -> Vec<Keyed>
where
    R: Hash + Send + Sync + 'static,
{
    lines
        .into_iter()
        .map(|line| {
            let row = row.clone();
            keyed(line, move |line| match line {
                Line::Group(_, name) => group_row(name.clone(), columns),
                Line::Note(_, class, words) => note_row(class, words.clone(), columns),
                Line::Row(r) => row(r),
            })
        })
        .collect()
}

fn group_row(name: String, columns: u8) -> AnyView {
    view! { <tr class="group"><th scope="colgroup" colspan=columns>{name}</th></tr> }.into_any()
}

fn note_row(class: &'static str, words: String, columns: u8) -> AnyView {
    view! { <tr><td class=class colspan=columns>{words}</td></tr> }.into_any()
}

/// A row of a keyed body: a key made from everything the row shows, and how to draw it.
#[derive(Clone)]
pub struct Keyed {
    key: u64,
    draw: Arc<dyn Fn() -> AnyView + Send + Sync>,
}

impl PartialEq for Keyed {
    fn eq(&self, other: &Keyed) -> bool {
        self.key == other.key
    }
}

/// `row` as a row of a keyed body, drawn by `draw`. The key is a hash of the whole row (which
/// holds its record's id, or its group's): a row whose words changed is drawn anew, the others
/// keep their elements when the list changes. Keying by the record id alone would leave a row
/// showing what it said before its record was edited, since `For` draws a key's row once.
pub fn keyed<R>(row: R, draw: impl Fn(&R) -> AnyView + Send + Sync + 'static) -> Keyed
where
    R: Hash + Send + Sync + 'static,
{
    let mut h = std::hash::DefaultHasher::new();
    row.hash(&mut h);
    Keyed { key: h.finish(), draw: Arc::new(move || draw(&row)) }
}

/// The `<tbody>` of keyed rows. One `For` for every table (each would compile to its own copy).
pub fn keyed_body(rows: Memo<Vec<Keyed>>) -> AnyView {
    view! { <tbody><For each=move || rows.get() key=|r: &Keyed| r.key children=|r: Keyed| (r.draw)() /></tbody> }
        .into_any()
}

/// A row of cells; `class` is the row's ("left", "missing"), if any.
pub fn tr(class: Option<&'static str>, cells: Vec<AnyView>) -> AnyView {
    view! { <tr class=class>{cells}</tr> }.into_any()
}

/// A cell of words ("" for no class).
pub fn cell(class: &'static str, words: String) -> AnyView {
    cell_of(class, vec![words.into_any()])
}

/// A cell of several parts: words, flags, tags, links, buttons ("" for no class).
pub fn cell_of(class: &'static str, parts: Vec<AnyView>) -> AnyView {
    view! { <td class=(!class.is_empty()).then_some(class)>{parts}</td> }.into_any()
}

/// A row's heading cell (`<th scope="row">`).
pub fn row_head(words: &'static str) -> AnyView {
    view! { <th scope="row">{words}</th> }.into_any()
}

/// A warning box: its first line, then `body` (a list, a line of names) if any.
pub fn warn_box(title: String, body: Option<AnyView>) -> AnyView {
    view! { <div class="warn-box" role="alert"><p>{title}</p>{body}</div> }.into_any()
}

/// The list in a warning box: (who, red, what the flag says) for each item.
pub fn warn_list(items: Vec<(String, bool, String)>) -> AnyView {
    let items = items.into_iter().map(|(who, red, words)| view! { <li>{who}{flag(red, words)}</li> }).collect_view();
    view! { <ul>{items}</ul> }.into_any()
}

/// A line saying all is well (every village has a liaison, every cadre enough training).
pub fn ok_line(words: &'static str) -> AnyView {
    view! { <p class="ok">{words}</p> }.into_any()
}

/// A link (to a record's page).
pub fn link(href: String, words: String) -> AnyView {
    view! { <a href=href>{words}</a> }.into_any()
}

/// A red (a rule broken) or amber (late, owed, missing) flag.
pub fn flag(red: bool, words: String) -> AnyView {
    view! { <span class=if red { "flag red" } else { "flag amber" }>{words}</span> }.into_any()
}

/// A row's rarer actions behind one small button (更多), so a table of long names keeps to a
/// 1024-px screen at either text size. It closes when an action is chosen or focus leaves it.
pub fn row_menu(of: String, items: AnyView) -> AnyView {
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(m) = menu.get_untracked() {
            let _ = m.remove_attribute("open");
        }
    };
    let left = move |e: leptos::ev::FocusEvent| {
        let inside = e.related_target().and_then(|t| {
            use wasm_bindgen::JsCast;
            t.dyn_into::<web_sys::Node>().ok()
        });
        let kept = menu.get_untracked().zip(inside).is_some_and(|(m, n)| m.contains(Some(&n)));
        if !kept {
            close();
        }
    };
    let escape = move |e: leptos::ev::KeyboardEvent| {
        if e.key() == "Escape" {
            close();
        }
    };
    view! {
        <details class="row-menu" node_ref=menu on:focusout=left on:keydown=escape>
            <summary aria-label=format!("{}：{}", crate::ui::text::t().row_more, of)>{crate::ui::text::t().row_more}</summary>
            <div class="row-menu-items" on:click=move |_| close()>{items}</div>
        </details>
    }
    .into_any()
}

/// A row's small button: a click runs `on` with `value` (the row's record, the step).
pub fn row_button<T>(label: &'static str, aria: String, on: Callback<T>, value: T) -> AnyView
where
    T: Clone + Send + Sync + 'static,
{
    view! {
        <button type="button" class="small" aria-label=aria on:click=move |_| on.run(value.clone())>{label}</button>
    }
    .into_any()
}
