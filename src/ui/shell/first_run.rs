//! The first-run dialog: the station's name and level, and how it starts: from scratch, or from
//! a file the township (or another station) sent, or its own backup (then 数据交换's import
//! opens at once: a village that receives a file first never types its branch again). The
//! station id is made here, at random.

use crate::domain::station::{normalize_station_name, StationId, StationLevel, StationProfile};
use crate::ui::text::{station_name_error, t};
use crate::web::browser;
use leptos::prelude::*;

#[component]
pub fn FirstRunDialog(on_done: Callback<StationProfile>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let level = RwSignal::new(None::<StationLevel>);
    let error = RwSignal::new(None::<&'static str>);
    let from_file = RwSignal::new(false);
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
                if from_file.get_untracked() {
                    crate::ui::kit::fields::go("#/exchange/import");
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
                            <input type="radio" name="start" checked on:change=move |_| from_file.set(false) />
                            {t().start_fresh}
                        </label>
                        <label class="choice">
                            <input type="radio" name="start" on:change=move |_| from_file.set(true) />
                            {t().start_from_file}
                        </label>
                    </fieldset>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <button type="submit" class="primary">{t().start_using}</button>
                </form>
            </div>
        </div>
    }
}
