//! The station this browser knows (its settings name it) has no data here any more: a cleaning
//! tool, a reinstalled browser or the browser itself cleared the database. Said before anything is
//! written, so the clerk restores from the last exchange or backup file rather than finding an
//! empty station that looks new.

use crate::domain::station::StationProfile;
use crate::ui::text::t;
use crate::web::browser::Settings;
use leptos::prelude::*;

#[component]
pub fn LostStoreDialog(settings: Settings, on_restore: Callback<()>, on_fresh: Callback<()>) -> impl IntoView {
    let name = settings.profile.as_ref().map(|p: &StationProfile| p.name.clone()).unwrap_or_default();
    let last_file = settings.exports.last_file.clone();
    let last_when = settings.exports.last_ms.map(crate::ui::exchange::time_text);
    let last = last_file
        .map(|f| view! { <p>{t().lost_last_file} <strong>{f}</strong> {last_when.map(|d| format!("（{d}）"))}</p> });
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="lost-title" aria-describedby="lost-why">
                <h1 id="lost-title">{t().lost_title}</h1>
                <p id="lost-why">{format!("{}{}{}", t().lost_why_before, name, t().lost_why_after)}</p>
                {last}
                <div class="actions">
                    <button type="button" class="primary" autofocus on:click=move |_| on_restore.run(())>{t().lost_restore}</button>
                    <button type="button" on:click=move |_| on_fresh.run(())>{t().lost_fresh}</button>
                </div>
            </div>
        </div>
    }
}
