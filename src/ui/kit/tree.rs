//! An organization tree drawn folded (`domain::org::opened_by_default`, `visible_rows`): the
//! fold buttons of its rows, and those that open or fold the whole tree; and the tree as a
//! select's choices.

use crate::domain::hash::IdSet;
use crate::domain::org::{tree_order, Org};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::RecordId;
use crate::ui::kit::shown::after_first_screen;
use crate::ui::state::Collection;
use crate::ui::text::t;
use leptos::prelude::*;

/// At most this many rows of an organization tree show when it is first drawn.
pub const OPEN_ROWS: usize = 60;

/// The organizations whose rows show what is under them; `None` until the user opens or folds
/// one, while the tree shows as `opened_by_default` has it.
pub type Opened = RwSignal<Option<IdSet>>;

/// Opens `id` if it is folded in `now` (what the tree shows now), folds it if it is open.
pub fn toggle(open: Opened, mut now: IdSet, id: &RecordId) {
    if !now.remove(id) {
        now.insert(id.clone());
    }
    open.set(Some(now));
}

/// The button before the name of an organization with organizations under it. Its arrow is drawn
/// by the style sheet, so the row's text stays the organization's name.
pub fn fold_button(unfolded: bool, name: &str, on_click: Callback<()>) -> AnyView {
    let label = format!("{}{}", if unfolded { t().tree_fold } else { t().tree_unfold }, name);
    view! {
        <button type="button" class="fold no-print" aria-expanded=unfolded.to_string() aria-label=label
            on:click=move |_| on_click.run(())></button>
    }
    .into_any()
}

/// 全部展开 and 全部收起; `every` gives the ids of every organization in the tree.
pub fn fold_all_buttons(open: Opened, every: Callback<(), IdSet>) -> AnyView {
    view! {
        <button type="button" class="no-print" on:click=move |_| open.set(Some(every.run(())))>{t().tree_unfold_all}</button>
        <button type="button" class="no-print" on:click=move |_| open.set(Some(IdSet::default()))>{t().tree_fold_all}</button>
    }
    .into_any()
}

/// A select of every open organization, indented in tree order, after a first choice `first`
/// with the value "" (the whole station). The organizations are added just after the section's
/// first screen: a county's 500 take a while to draw.
pub fn org_select(
    id: &'static str,
    first: &'static str,
    value: RwSignal<String>,
    orgs: Collection<Org>,
    pinyin: RwSignal<Pinyin>,
) -> AnyView {
    let due = after_first_screen();
    let options = move || {
        due.get().then(|| {
            orgs.with(|all| {
                tree_order(all, &pinyin.get())
                    .into_iter()
                    .filter(|(_, o)| o.is_open())
                    .map(|(depth, o)| {
                        view! { <option value=o.id.to_string()>{format!("{}{}", "　".repeat(depth), o.name)}</option> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        // The value again once the choices are there: a select keeps only a value it has.
        <select id=id prop:value=move || { due.track(); value.get() } on:change=move |ev| value.set(event_target_value(&ev))>
            <option value="">{first}</option>
            {options}
        </select>
    }
    .into_any()
}
