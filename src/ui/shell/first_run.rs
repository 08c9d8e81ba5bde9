//! The first-run dialog: the station's name and level, and how it starts: from scratch, from a
//! file the township (or another station) sent (then 数据交换's import opens at once: a village
//! that receives a file first never types its branch again), or from its own backup, when it used
//! the app before on another PC, browser or drive letter (the import then offers to restore the
//! file's station: its id, name and level). The station id is made here, at random.

use crate::domain::station::{normalize_station_name, StationId, StationLevel, StationProfile};
use crate::ui::text::{station_name_error, t};
use crate::web::browser;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    Fresh,
    /// A file the township or another station sent.
    FromFile,
    /// This station's own backup.
    Restore,
}

#[component]
pub fn FirstRunDialog(on_done: Callback<StationProfile>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let level = RwSignal::new(None::<StationLevel>);
    let error = RwSignal::new(None::<&'static str>);
    let start = RwSignal::new(Start::Fresh);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = normalize_station_name(&name.get_untracked()).map_err(station_name_error);
        match (checked, level.get_untracked()) {
            (Err(message), _) => {
                error.set(Some(message));
                crate::ui::shell::focus_by_id("station-name");
            }
            (Ok(_), None) => error.set(Some(t().station_level_missing)),
            (Ok(name), Some(level)) => {
                let id = StationId::from_random(browser::random_bytes());
                on_done.run(StationProfile { id, name, level });
                match start.get_untracked() {
                    Start::Fresh => {}
                    Start::FromFile => crate::ui::kit::fields::go("#/exchange/import"),
                    Start::Restore => crate::ui::kit::fields::go("#/exchange/import/restore"),
                }
            }
        }
    };
    let choose = move |l: StationLevel| move |_| level.set(Some(l));
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="first-run-title">
                <h1 id="first-run-title">{t().first_run_title}</h1>
                <p>{t().first_run_intro}</p>
                <form on:submit=submit novalidate>
                    <div class="field">
                        <label for="station-name">{t().station_name}</label>
                        <input
                            id="station-name"
                            type="text"
                            autocomplete="off"
                            autofocus
                            maxlength="60"
                            placeholder=t().station_name_hint
                            prop:value=name
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </div>
                    <fieldset class="field">
                        <legend>{t().station_level}</legend>
                        <label class="choice">
                            <input type="radio" name="level" on:change=choose(StationLevel::Township) />
                            {t().level_township}
                        </label>
                        <label class="choice">
                            <input type="radio" name="level" on:change=choose(StationLevel::Village) />
                            {t().level_village}
                        </label>
                    </fieldset>
                    <fieldset class="field">
                        <legend>{t().start_how}</legend>
                        <label class="choice">
                            <input type="radio" name="start" checked on:change=move |_| start.set(Start::Fresh) />
                            {t().start_fresh}
                        </label>
                        <label class="choice">
                            <input type="radio" name="start" on:change=move |_| start.set(Start::FromFile) />
                            {t().start_from_file}
                        </label>
                        <label class="choice">
                            <input type="radio" name="start" on:change=move |_| start.set(Start::Restore) />
                            {t().start_restore}
                        </label>
                    </fieldset>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <button type="submit" class="primary">{t().start_using}</button>
                </form>
            </div>
        </div>
    }
}
