//! Whether the section a view belongs to is on the page. Sections are kept alive off the page
//! (`shell`), so without this a save made in one section would recompute what every other
//! section derives from the same records.

use leptos::prelude::*;
use leptos::tachys::view::{any_view::AnyViewState, Mountable, Render};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Given by the shell to everything drawn inside one section.
#[derive(Clone, Copy)]
pub struct SectionShown(pub Memo<bool>);

/// A memo for what a section derives from many records (members per organization, statistics,
/// a search index). While its section is off the page it keeps its last value and a save made
/// elsewhere costs it nothing; when the section comes back it computes again if what it read
/// has changed since, and not otherwise. Outside a section it is a plain memo.
pub fn while_shown<T: Send + Sync + 'static>(compute: impl Fn() -> T + Send + Sync + 'static) -> Memo<Arc<T>> {
    while_shown_shared(move || Arc::new(compute()))
}

/// `while_shown` for a computation that keeps what it made, to patch it the next time: it hands
/// over the shared value, so keeping it copies nothing (a county's lists are megabytes).
pub fn while_shown_shared<T: Send + Sync + 'static>(
    compute: impl Fn() -> Arc<T> + Send + Sync + 'static,
) -> Memo<Arc<T>> {
    // Marked stale by what `compute` read, whether or not anything reads it; computed when read.
    let fresh = Memo::new_owning(move |_: Option<Arc<T>>| (compute(), true));
    let shown = use_context::<SectionShown>().map(|s| s.0);
    Memo::new_owning(move |last: Option<Arc<T>>| {
        // Read first, so the memo follows the section however it last ran.
        let on_page = shown.is_none_or(|s| s.get());
        match last {
            Some(last) if !on_page => (last, false),
            _ => (fresh.get(), true),
        }
    })
}

/// False until the section's first screen has been drawn, then true: for what may come a moment
/// after it (the 500 organizations of a filter's list), so that the screen is drawn sooner.
pub fn after_first_screen() -> RwSignal<bool> {
    let drawn = RwSignal::new(false);
    // The frame being drawn, then a task after it.
    request_animation_frame(move || {
        set_timeout(
            move || {
                let _ = drawn.try_set(true);
            },
            Duration::ZERO,
        )
    });
    drawn
}

/// Draws its children the first time `shown` is true, then keeps them: off the page while
/// `shown` is false (signals, filters and half-typed inputs kept, and what they derive with
/// `while_shown` not computed meanwhile), put back as they were left when it is true again. For
/// a sub-page users keep coming back to, such as the list of a county's 200,000 entries: coming
/// back draws what changed since, not the whole page.
#[component]
pub fn Kept(#[prop(into)] shown: Signal<bool>, children: ChildrenFn) -> impl IntoView {
    let section = use_context::<SectionShown>().map(|s| s.0);
    let on_page = Memo::new(move |_| shown.get() && section.is_none_or(|s| s.get()));
    let holder = NodeRef::<leptos::html::Div>::new();
    let kept = StoredValue::new_local(None::<(Owner, AnyViewState)>);
    // Where the page was scrolled when they left, put back when they return (the page area
    // keeps the scroll of whatever page was shown last).
    let scrolled = StoredValue::new_local(Vec::new());
    let area = move |holder: &web_sys::HtmlDivElement| holder.closest("main").ok().flatten();
    let owner = Owner::current().expect("drawn inside an owner");
    Effect::new(move |_| {
        let show = shown.get();
        let Some(holder) = holder.get() else { return };
        kept.update_value(|kept| match kept {
            Some((_, view)) if !show => {
                scrolled.set_value(area(&holder).map(|main| scroll_positions(&main)).unwrap_or_default());
                view.unmount();
            }
            Some((_, view)) => {
                view.mount(&holder, None);
                put_back_scroll(scrolled.get_value());
            }
            None if show => {
                let child = owner.child();
                let mut view = child.with(|| {
                    provide_context(SectionShown(on_page));
                    untrack(|| children().into_any().build())
                });
                view.mount(&holder, None);
                *kept = Some((child, view));
            }
            None => {}
        });
    });
    view! { <div node_ref=holder></div> }
}

/// The elements inside a section that scroll on their own (style/main.css: the roster, lists of
/// choices, print previews).
const SCROLLERS: &str = ":scope > .section-pane :is(.table-scroll, fieldset.choices, .print-doc)";

/// The page area's scroll position and those of the elements inside it scrolled away from their
/// top: a browser forgets the scroll positions of elements taken off the page.
pub fn scroll_positions(main: &web_sys::Element) -> Vec<(web_sys::Element, i32)> {
    let mut tops = vec![(main.clone(), main.scroll_top())];
    if let Ok(inside) = main.query_selector_all(SCROLLERS) {
        for n in 0..inside.length() {
            if let Some(element) = inside.item(n).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) {
                let top = element.scroll_top();
                if top > 0 {
                    tops.push((element, top));
                }
            }
        }
    }
    tops
}

/// Puts back what `scroll_positions` took. Before the next frame is drawn, not now: setting a
/// scroll position lays the page out at once, and what was put back may still be being drawn.
pub fn put_back_scroll(tops: Vec<(web_sys::Element, i32)>) {
    request_animation_frame(move || put_back_scroll_now(tops));
}

/// Puts back what `scroll_positions` took, now (from code already running before a frame).
pub fn put_back_scroll_now(tops: Vec<(web_sys::Element, i32)>) {
    for (element, top) in tops {
        element.set_scroll_top(top);
    }
}
