//! 导出与备份: the whole station (also its backup) or one organization with its sub-tree, as a file
//! downloaded under the name `exchange::format::file_name` gives it, optionally protected by a
//! passphrase (`store::crypto`). Each export is noted in the settings (`exchange::backup`), which
//! 设置 and the status line read for the backup reminder.

use crate::domain::org::tree_order;
use crate::domain::org::Org;
use crate::domain::record::RecordId;
use crate::exchange::envelope::{check_passphrase, sealed_file_name};
use crate::exchange::export::{export, Scope};
use crate::ui::exchange::text::{crypto_error, xt};
use crate::ui::exchange::time_text;
use crate::ui::kit::when::When;
use crate::ui::sheets::download;
use crate::ui::text::{backup_reminder, t};
use crate::ui::AppState;
use crate::web::browser;
use crate::web::crypto;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ExportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let whole = RwSignal::new(true);
    let org = RwSignal::new(String::new());
    let protect = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let orgs = state.collection::<Org>();

    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        let scope = if whole.get_untracked() {
            Scope::Station
        } else {
            match RecordId::parse(&org.get_untracked()) {
                Some(id) => Scope::Org(id),
                None => return message.set(Some((false, xt().export_choose_org.into()))),
            }
        };
        let pass = protect.get_untracked().then(|| passphrase.get_untracked());
        if let Some(p) = &pass {
            if let Err(e) = check_passphrase(p, &again.get_untracked()) {
                return message.set(Some((false, e.message())));
            }
        }
        let Some(profile) = state.settings.with_untracked(|s| s.profile.clone()) else { return };
        busy.set(true);
        message.set(Some((true, xt().export_working.into())));
        spawn_local(async move {
            // Let the "working" line show before the export takes the page's thread.
            crate::ui::exchange::import::paint().await;
            // Every kind, as of now: another tab may have saved a kind this page had not read.
            if let Err(e) = state.load_all().await {
                busy.set(false);
                return message.set(Some((false, e)));
            }
            let now = browser::now_ms();
            let made = state.read_now(|ws| export(ws.replica().records(), &profile, &scope, now, browser::today()));
            let result = match made {
                Err(e) => Err(e.message()),
                Ok(file) => {
                    let records: usize = file.header.counts.values().sum();
                    let sealed = match &pass {
                        None => Ok((file.file_name, file.bytes)),
                        Some(p) => crypto::seal(p, &file.bytes)
                            .await
                            .map(|bytes| (sealed_file_name(&file.file_name), bytes))
                            .map_err(|e| crypto_error(&e)),
                    };
                    sealed.and_then(|(name, bytes)| {
                        let js = js_sys::Uint8Array::from(bytes.as_slice());
                        download(&js.into(), &name, "application/json")
                            .map(|_| (name, records))
                            .map_err(|e| xt().download_failed(&format!("{e:?}")))
                    })
                }
            };
            match result {
                Ok((name, records)) => {
                    let whole = matches!(scope, Scope::Station);
                    state.settings.update(|s| s.exports.note(now, &name, whole));
                    let _ = browser::save_settings(&state.settings.get_untracked());
                    message.set(Some((true, xt().exported(&name, records))));
                    passphrase.set(String::new());
                    again.set(String::new());
                }
                Err(e) => message.set(Some((false, e))),
            }
            busy.set(false);
        });
    };

    let org_options = move || {
        orgs.with(|all| {
            tree_order(all, &state.pinyin.get())
                .into_iter()
                .map(|(depth, o)| {
                    let label = format!("{}{}", "　".repeat(depth), o.name);
                    view! { <option value=o.id.to_string()>{label}</option> }
                })
                .collect_view()
        })
    };
    let notes = move || state.settings.with(|s| s.exports.clone());
    let has_records = move || state.read_all(|ws| !ws.replica().is_empty());
    let reminder = move || notes().reminder(browser::now_ms(), has_records());

    view! {
        <div class="card">
            <h3>{xt().export_title}</h3>
            <p class="intro">{xt().export_intro}</p>
            <fieldset class="field">
                <legend>{xt().export_scope}</legend>
                <label class="choice">
                    <input type="radio" name="export-scope" prop:checked=whole on:change=move |_| whole.set(true) />
                    {xt().export_whole}
                </label>
                <label class="choice">
                    <input type="radio" name="export-scope" prop:checked=move || !whole.get() on:change=move |_| whole.set(false) />
                    {xt().export_one_org}
                </label>
            </fieldset>
            <When when=move || !whole.get()>
                <div class="field">
                    <label for="export-org">{xt().export_org}</label>
                    <select id="export-org" prop:value=org on:change=move |ev| org.set(event_target_value(&ev))>
                        <option value="">{t().choose}</option>
                        {org_options}
                    </select>
                </div>
            </When>
            <label class="choice">
                <input type="checkbox" prop:checked=protect on:change=move |ev| protect.set(event_target_checked(&ev)) />
                {xt().export_protect}
            </label>
            <When when=move || protect.get()>
                <p class="muted">{xt().export_protect_hint}</p>
                <div class="field">
                    <label for="export-pass">{xt().passphrase}</label>
                    <input id="export-pass" type="password" autocomplete="new-password" prop:value=passphrase
                        on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="export-pass-again">{xt().passphrase_again}</label>
                    <input id="export-pass-again" type="password" autocomplete="new-password" prop:value=again
                        on:input=move |ev| again.set(event_target_value(&ev)) />
                </div>
            </When>
            <div class="actions">
                <button type="button" class="primary" prop:disabled=busy on:click=run>{xt().export_button}</button>
            </div>
            <When when=move || busy.get()><progress aria-label=xt().export_working></progress></When>
            <p role="alert" class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "done" } else { "error" }>
                {move || message.get().map(|m| m.1)}
            </p>
        </div>
        <div class="card">
            <h3>{xt().backup_title}</h3>
            <dl class="facts">
                <dt>{xt().last_backup}</dt>
                <dd>{move || notes().last_backup_ms.map(time_text).unwrap_or_else(|| xt().never.into())}</dd>
                <dt>{xt().last_export}</dt>
                <dd>
                    {move || {
                        let n = notes();
                        match (n.last_ms, n.last_file) {
                            (Some(ms), Some(file)) => format!("{}（{file}）", time_text(ms)),
                            _ => xt().never.into(),
                        }
                    }}
                </dd>
            </dl>
            {move || reminder().map(|r| view! { <p class="warn">{backup_reminder(r)}</p> })}
            <p class="muted">{xt().backup_intro}</p>
            <p class="muted">{xt().restore_intro} " " <a href="#/exchange/import">{xt().restore_link}</a></p>
        </div>
    }
}
