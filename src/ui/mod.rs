//! The Leptos shell: components and pages. It knows the app state and shows it; the rules it
//! applies come from `domain`, the data from `store`.

mod app;
mod fields;
mod first_run;
mod pages;
pub mod sections;
pub mod sheets;
mod state;
mod text;

pub use state::{AppState, SaveState};

/// Mounts the app on the page (called from a binary: `src/main.rs` for index.html,
/// `src/bin/cadres.rs` for cadres.html), showing the sections `render` draws.
pub fn start(entry: sections::Entry, render: sections::SectionView) {
    console_error_panic_hook::set_once();
    // The "loading" line in index.html has done its job.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(move || leptos::prelude::view! { <app::App entry render /> });
}
