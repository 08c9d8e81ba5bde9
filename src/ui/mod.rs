//! The Leptos shell and its sections. It knows the app state and shows it; the rules it applies
//! come from `domain`, the data from `store`.
//!
//! One folder per section of the navigation (its routes, lists, forms and record pages):
//! `orgs`, `members`, `stats`, `development`, `cadres`, `diary`, `exchange`, `settings`. What the
//! sections share: `kit` (inputs, form helpers, the audit trail card), `state` (the records and
//! the save queue), `sheets` (the spreadsheet worker), `text` (every visible string). `shell` is
//! the frame around them: boot, header, navigation, status line, and the table of routes.

mod cadres;
mod development;
mod diary;
mod exchange;
mod kept_index;
mod kit;
mod members;
mod orgs;
mod scoring;
mod settings;
pub mod sheets;
mod shell;
pub(crate) mod state;
mod stats;
mod text;

pub use state::{AppState, SaveState};

/// Mounts the app on the page (called from `src/main.rs`).
pub fn start() {
    console_error_panic_hook::set_once();
    // The "loading" line in index.html has done its job, unless it says this browser is below
    // the floor (index.html's feature tests): then the app stays out of the way of what it says.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        if boot.class_list().contains("unsupported") {
            return;
        }
        boot.remove();
    }
    leptos::mount::mount_to_body(move || leptos::prelude::view! { <shell::App /> });
}
