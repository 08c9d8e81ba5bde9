//! Read-only data tables as views: the headings, the group heading rows (a branch, a village),
//! a row spanning the table, the red and amber flags, a row's small buttons, and the keyed body
//! that redraws only the rows that changed.
//!
//! A table is a list of plain rows (`Line`s of one struct per table) computed from the records in
//! a `Memo`, so nothing is redrawn unless what the rows show changed. Each helper here is compiled
//! once however many tables use it (every `view!` and closure costs the wasm its own code).

use leptos::prelude::*;
use std::hash::Hash;

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

/// A row of `columns` columns: the heading or note it is, or `row` for a row of the table's kind.
pub fn line_view<R>(line: Line<R>, columns: u8, row: impl FnOnce(R) -> AnyView) -> AnyView {
    match line {
        Line::Group(_, name) => group_row(name, columns),
        Line::Note(_, class, words) => note_row(class, words, columns),
        Line::Row(r) => row(r),
    }
}

fn group_row(name: String, columns: u8) -> AnyView {
    view! { <tr class="group"><th scope="colgroup" colspan=columns>{name}</th></tr> }.into_any()
}

fn note_row(class: &'static str, words: String, columns: u8) -> AnyView {
    view! { <tr><td class=class colspan=columns>{words}</td></tr> }.into_any()
}

/// The `<tbody>` of `rows`, keyed by the whole row: a row whose words changed is drawn anew, the
/// others keep their elements (and their place, focus and selection) when the list changes.
/// Keying by the record id alone would leave a row showing what it said before the record was
/// edited, since `For` draws a key's row once. So each row holds a key unique in its table (the
/// record id, or the group's) next to what it shows.
pub fn keyed_body<R>(rows: Memo<Vec<R>>, row: impl Fn(R) -> AnyView + Clone + Send + 'static) -> AnyView
where
    R: Clone + Eq + Hash + Send + Sync + 'static,
{
    view! { <tbody><For each=move || rows.get() key=|r: &R| r.clone() children=row /></tbody> }.into_any()
}

/// A red (a rule broken) or amber (late, owed, missing) flag.
pub fn flag(red: bool, words: String) -> AnyView {
    view! { <span class=if red { "flag red" } else { "flag amber" }>{words}</span> }.into_any()
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
