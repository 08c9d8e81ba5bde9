//! 设置: the station, the storage the browser gives it, the display, damaged records.

pub mod text;
use crate::domain::clock::Hlc;
use crate::ui::settings::text::gt;
use crate::ui::shell::apply_large_text;
use crate::ui::shell::routes::Section;
use crate::ui::text::{backup_reminder, level_name, size_text, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    state.refresh_storage();
    let profile = move || state.settings.with(|s| s.profile.clone());
    let storage = state.storage;
    let chunks = move || state.read_store(|ws| ws.chunk_count());
    let failures = move || state.read_store(|ws| ws.failures().to_vec());
    let large = move || state.settings.with(|s| s.large_text);
    let last_backup = move || state.settings.with(|s| s.exports.last_backup_ms);
    let reminder = move || {
        let has_records = state.read_all(|ws| !ws.replica().is_empty());
        state.settings.with(|s| s.exports.reminder(browser::now_ms(), has_records))
    };
    let persist_again = move |_| {
        spawn_local(async move {
            browser::request_persistence().await;
            state.refresh_storage();
        });
    };
    view! {
        <section class="page">
            <h2>{gt().settings_title}</h2>

            // Damage first: the status line sends people here to read it.
            <Show when=move || !failures().is_empty()>
                <div class="card warn-card">
                    <h3>{gt().settings_damaged_title}</h3>
                    <p class="warn">{gt().settings_damaged_intro}</p>
                    <ul class="damaged">
                        {move || {
                            failures()
                                .into_iter()
                                .map(|f| {
                                    let id = f.record_id.unwrap_or_else(|| format!("（{} {}）", gt().settings_damaged_chunk, f.chunk));
                                    view! {
                                        <li>
                                            <span class="mono">{id}</span>
                                            <span class="reason">{f.reason}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>

            <div class="card">
                <h3>{gt().settings_station}</h3>
                <dl class="facts">
                    <dt>{t().station_name}</dt>
                    <dd>{move || profile().map(|p| p.name)}</dd>
                    <dt>{t().station_level}</dt>
                    <dd>{move || profile().map(|p| level_name(p.level))}</dd>
                    <dt>{gt().settings_station_id}</dt>
                    <dd class="mono">{move || profile().map(|p| p.id.to_string())}</dd>
                </dl>
            </div>

            <div class="card">
                <h3>{gt().settings_backup}</h3>
                <dl class="facts">
                    <dt>{gt().settings_last_backup}</dt>
                    <dd>
                        {move || {
                            last_backup()
                                .map(|ms| crate::ui::kit::trail::stamp_text(Hlc::new(ms, 0)))
                                .unwrap_or_else(|| gt().settings_backup_never.to_string())
                        }}
                    </dd>
                </dl>
                {move || match reminder() {
                    Some(r) => view! { <p class="warn">{backup_reminder(r)}</p> }.into_any(),
                    None => view! { <p class="ok">{gt().settings_backup_ok}</p> }.into_any(),
                }}
                <a href=Section::Exchange.href()>{gt().settings_backup_go}</a>
            </div>

            <div class="card">
                <h3>{gt().settings_storage}</h3>
                <p class=move || if storage.with(|s| s.persisted) { "ok" } else { "warn" }>
                    {move || if storage.with(|s| s.persisted) { gt().settings_persisted_yes } else { gt().settings_persisted_no }}
                </p>
                <dl class="facts">
                    <dt>{gt().settings_usage}</dt>
                    <dd>{move || size_text(storage.with(|s| s.usage_bytes))}</dd>
                    <dt>{gt().settings_quota}</dt>
                    <dd>{move || size_text(storage.with(|s| s.quota_bytes))}</dd>
                    <dt>{gt().settings_chunks}</dt>
                    <dd>{chunks}</dd>
                </dl>
                <Show when=move || !storage.with(|s| s.persisted)>
                    <button on:click=persist_again>{gt().settings_persist_again}</button>
                </Show>
            </div>

            <div class="card">
                <h3>{gt().settings_display}</h3>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=large
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.set_large_text(on);
                            apply_large_text(on);
                        }
                    />
                    {gt().settings_large_text}
                </label>
            </div>

            <Show when=move || failures().is_empty()>
                <div class="card">
                    <h3>{gt().settings_damaged_title}</h3>
                    <p class="ok">{gt().settings_damaged_none}</p>
                </div>
            </Show>
        </section>
    }
}
