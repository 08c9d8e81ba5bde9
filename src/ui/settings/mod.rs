//! 设置: the station, the storage the browser gives it, the display, 民情日记's work-list
//! thresholds, damaged records.

pub mod text;
use crate::domain::clock::Hlc;
use crate::domain::diary_lists::{parse_threshold, Threshold};
use crate::ui::kit::fields::{message_line, text_field, FieldError, Message};
use crate::ui::kit::when::When;
use crate::ui::settings::text::{days_problem, gt};
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
            <When when=move || !failures().is_empty()>
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
            </When>

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
                {move || match (reminder(), last_backup()) {
                    (Some(r), _) => view! { <p class="warn">{backup_reminder(r)}</p> }.into_any(),
                    (None, Some(_)) => view! { <p class="ok">{gt().settings_backup_ok}</p> }.into_any(),
                    // Not due yet (a station just set up), and never done: not "backed up".
                    (None, None) => view! { <p class="muted">{gt().settings_backup_not_yet}</p> }.into_any(),
                }}
                <a href=Section::Exchange.href()>{gt().settings_backup_go}</a>
            </div>

            <div class="card">
                <h3>{gt().settings_storage}</h3>
                <p>{gt().settings_where}</p>
                {browser::opened_from_disk().then(|| view! { <p class="warn">{gt().settings_where_usb}</p> })}
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
                <When when=move || !storage.with(|s| s.persisted)>
                    <button on:click=persist_again>{gt().settings_persist_again}</button>
                </When>
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

            <DiaryThresholds />

            <When when=move || failures().is_empty()>
                <div class="card">
                    <h3>{gt().settings_damaged_title}</h3>
                    <p class="ok">{gt().settings_damaged_none}</p>
                </div>
            </When>
        </section>
    }
}

/// 民情日记's work-list thresholds: whole days, each in its range (`diary_lists::Threshold`),
/// all checked before any is kept.
#[component]
fn DiaryThresholds() -> impl IntoView {
    let state = expect_context::<AppState>();
    let now = state.settings.with_untracked(|s| s.diary);
    let typed = |n: u32| RwSignal::new(n.to_string());
    let inputs = [
        (Threshold::DueWithin, "set-due-within", gt().settings_due_within, typed(now.due_within_days)),
        (Threshold::ReviewWithin, "set-review-within", gt().settings_review_within, typed(now.review_within_days)),
        (Threshold::MinDaysPerWeek, "set-min-days", gt().settings_min_days, typed(now.min_days_per_week)),
        (Threshold::MustVisit, "set-must-visit", gt().settings_must_visit, typed(now.must_visit_days)),
    ];
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        err.set(None);
        let mut days = [0u32; 4];
        for (slot, (threshold, id, _, value)) in days.iter_mut().zip(inputs) {
            match parse_threshold(threshold, &value.get_untracked()) {
                Ok(n) => *slot = n,
                Err(p) => {
                    err.set(Some((id, days_problem(&p))));
                    message.set(Some((false, gt().settings_fix_errors.to_string())));
                    crate::ui::shell::focus_by_id(id);
                    return;
                }
            }
        }
        let [due_within_days, review_within_days, min_days_per_week, must_visit_days] = days;
        let mut next = state.settings.get_untracked();
        next.diary = browser::DiarySettings { due_within_days, review_within_days, min_days_per_week, must_visit_days };
        match browser::save_settings(&next) {
            Ok(()) => {
                state.settings.set(next);
                message.set(Some((true, gt().settings_diary_saved.to_string())));
            }
            Err(e) => message.set(Some((false, crate::ui::text::store_error(&e)))),
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{gt().settings_diary}</h3>
            <p class="muted">{gt().settings_diary_intro}</p>
            <div class="grid">
                {inputs.into_iter().map(|(_, id, label, value)| text_field(id, label, value, err, "")).collect_view()}
            </div>
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary">{gt().settings_diary_save}</button>
            </div>
        </form>
    }
}
