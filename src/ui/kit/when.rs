//! `When`: Leptos's `<Show>` with the same props, compiled once for every use. `Show` is generic
//! over its condition and its children's view, so each of its uses compiled to its own memo,
//! either-view and mounting code (about 1.2 KB of wasm each, 46 KB over 37 uses). Here only the
//! condition's closure is per use; the memo and the view that switches are one function each.

use leptos::prelude::*;

/// `children` while `when` holds, `fallback` (nothing if none) otherwise; redrawn only when the
/// condition changes, as `Show`.
#[component(transparent)]
pub fn When<W>(when: W, children: ChildrenFn, #[prop(optional, into)] fallback: ViewFn) -> impl IntoView
where
    W: Fn() -> bool + Send + Sync + 'static,
{
    switched(Signal::derive(when), children, fallback)
}

fn switched(when: Signal<bool>, children: ChildrenFn, fallback: ViewFn) -> AnyView {
    let on = Memo::new(move |_| when.get());
    (move || if on.get() { children() } else { fallback.run() }).into_any()
}
