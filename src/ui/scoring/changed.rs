//! The notice of results an import changed since this page last showed them (issue 12, point
//! 10), each with before and after, until the user says they have seen them. What counts as
//! changed is `domain::scoring::seen`'s; this keeps what each page noted in the browser, by page
//! and scope (a branch and year), beside the count of imports taken (`browser::imports_taken`).

use crate::domain::scoring::seen::{compare, noted, SeenNow, SeenResults, SeenRow};
use crate::ui::kit::table::warn_box;
use crate::ui::scoring::text as st;
use crate::web::browser;
use leptos::prelude::*;

/// The notice for `rows`, the results shown now of `scope` (none while the page shows none). A
/// page's results first shown, or changed by this station's own saves, are noted quietly.
pub fn changed_notice(scope: Signal<Option<String>>, rows: Signal<Vec<SeenRow>>) -> AnyView {
    // Moved by "知道了": what was noted changed outside any signal.
    let noted_now = RwSignal::new(0u32);
    let verdict = Memo::new(move |_| {
        noted_now.track();
        let key = format!("dangjian.seen.{}", scope.get()?);
        let seen: Option<SeenResults> = browser::kept(&key);
        let now = compare(seen.as_ref(), rows.get(), browser::imports_taken());
        Some((key, now))
    });
    Effect::new(move |_| {
        verdict.with(|v| {
            if let Some((key, SeenNow::Note(results))) = v {
                browser::keep(key, results);
            }
        })
    });
    let seen_them = move |_| {
        if let Some((key, _)) = verdict.get_untracked() {
            browser::keep(&key, &noted(rows.get_untracked(), browser::imports_taken()));
            noted_now.update(|n| *n += 1);
        }
    };
    (move || {
        let Some((_, SeenNow::Changed(changed))) = verdict.get() else { return ().into_any() };
        let lines = changed
            .into_iter()
            .map(|c| {
                let line = st::changed_line(&c.name, c.before.as_deref(), c.after.as_deref());
                view! { <li>{line}</li> }
            })
            .collect_view();
        let body = view! {
            <ul class="changed">{lines}</ul>
            <button type="button" on:click=seen_them>{st::CHANGED_SEEN}</button>
        };
        warn_box(st::CHANGED_TITLE.to_string(), Some(body.into_any()))
    })
    .into_any()
}
