//! A PC clock that reads a day before the app was built is certainly wrong (a dead CMOS battery
//! sets 2000 or 2009). Said before the station opens, so nothing is stamped by it unless the user
//! chooses to go on; the status line keeps saying it while the clock stays wrong.

use crate::domain::date::{clock_before_build, iso, parse_iso};
use crate::ui::text::t;
use crate::web::browser;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The day this build was made (build.rs).
pub fn built_day() -> NaiveDate {
    parse_iso(env!("DANGJIAN_BUILT")).unwrap_or_default()
}

/// Whether this PC's clock reads a day before the build.
pub fn clock_wrong() -> bool {
    clock_before_build(browser::today(), built_day())
}

/// The warning before the station opens: check again once the clock is mended, or go on.
#[component]
pub fn ClockDialog(on_checked: Callback<()>, on_go_on: Callback<()>) -> impl IntoView {
    let today = RwSignal::new(browser::today());
    let check = move |_| {
        today.set(browser::today());
        if !clock_wrong() {
            on_checked.run(());
        }
    };
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="clock-title" aria-describedby="clock-why">
                <h1 id="clock-title">{t().clock_wrong_title}</h1>
                <p id="clock-why">
                    {t().clock_wrong_today}<span class="nowrap">{move || iso(today.get())}</span>
                    {t().clock_wrong_built}<span class="nowrap">{iso(built_day())}</span>
                    {t().clock_wrong_why}
                </p>
                <p>{t().clock_wrong_mend}</p>
                <div class="actions">
                    <button type="button" class="primary" autofocus on:click=check>{t().clock_check_again}</button>
                    <button type="button" on:click=move |_| on_go_on.run(())>{t().clock_go_on}</button>
                </div>
            </div>
        </div>
    }
}
