//! The browser's other storage services: settings in localStorage (via gloo-storage), the
//! persistence grant and quota, random bytes, the clock, and word between tabs.

use dangjian_core::station::StationProfile;
use dangjian_exchange::backup::ExportNotes;
use dangjian_store::StoreError;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const SETTINGS_KEY: &str = "dangjian.settings";
/// The name of the `BroadcastChannel` by which tabs tell each other they saved.
pub const TABS_CHANNEL: &str = "dangjian.changes";

/// What the station remembers between visits apart from records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub profile: Option<StationProfile>,
    #[serde(default)]
    pub large_text: bool,
    /// When the last export and the last backup were made (`exchange::backup`).
    #[serde(default)]
    pub exports: ExportNotes,
    /// 民情日记's work-list thresholds (local rules differ).
    #[serde(default)]
    pub diary: DiarySettings,
}

/// The thresholds of 民情日记's work lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiarySettings {
    /// 即将到期: a 督办 deadline within this many days.
    pub due_within_days: u32,
    /// Entries waiting for 阅批 longer than this many days are listed.
    pub review_within_days: u32,
    /// Days in villages a cadre should have each week (the seeds: at least 3).
    pub min_days_per_week: u32,
    /// A 五个必到 household not visited for this many days is listed.
    pub must_visit_days: u32,
}

impl Default for DiarySettings {
    fn default() -> Self {
        DiarySettings { due_within_days: 3, review_within_days: 3, min_days_per_week: 3, must_visit_days: 90 }
    }
}

/// A small value the page keeps between visits under its own key (a form's draft, the last
/// writer of a diary): none when missing or unreadable.
pub fn kept<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(key).ok()
}

/// Keeps `value` under `key`; a full storage only loses the convenience, so it is not reported.
pub fn keep<T: Serialize>(key: &str, value: &T) {
    let _ = LocalStorage::set(key, value);
}

pub fn forget(key: &str) {
    LocalStorage::delete(key);
}

const IMPORTS_KEY: &str = "dangjian.imports";

/// How many imports, and undos of one, this station has taken in this browser: what results a
/// page shows are noted with, to tell an import's changes from the station's own
/// (`domain::scoring::seen`).
pub fn imports_taken() -> u64 {
    kept(IMPORTS_KEY).unwrap_or(0)
}

/// Counts an import (or its undo). Called before its records are written: a page recomputing as
/// they arrive must already see the new count. One that then fails changed nothing to point out.
pub fn note_import() {
    keep(IMPORTS_KEY, &(imports_taken() + 1));
}

/// Settings as stored; unreadable settings count as none (the station profile is also kept in
/// the database and is restored from there).
pub fn load_settings() -> Settings {
    LocalStorage::get(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(settings: &Settings) -> Result<(), StoreError> {
    LocalStorage::set(SETTINGS_KEY, settings).map_err(|e| match e {
        gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => StoreError::QuotaExceeded,
        other => StoreError::Failed(other.to_string()),
    })
}

/// What the browser says about the space it gives this page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StorageState {
    /// The browser promised not to evict this page's data under storage pressure.
    pub persisted: bool,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Old browsers lack navigator.storage; treat it as "not persisted".
    js_sys::Reflect::has(&navigator, &"storage".into()).ok()?.then(|| navigator.storage())
}

/// Asks the browser to keep the data even when the disk runs low. Chromium grants it to pages the
/// user uses often or has bookmarked; the answer is shown in 设置.
pub async fn request_persistence() -> bool {
    let Some(m) = storage_manager() else { return false };
    match m.persist() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        Err(_) => false,
    }
}

pub async fn storage_state() -> StorageState {
    let Some(m) = storage_manager() else { return StorageState::default() };
    let persisted = match m.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        Err(_) => false,
    };
    let estimate = match m.estimate() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    let number = |name: &str| {
        estimate.as_ref().and_then(|e| js_sys::Reflect::get(e, &name.into()).ok()).and_then(|v| v.as_f64())
    };
    StorageState { persisted, usage_bytes: number("usage"), quota_bytes: number("quota") }
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let crypto =
        web_sys::window().and_then(|w| w.crypto().ok()).expect("window.crypto is available in every supported browser");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("getRandomValues");
    bytes
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The bytes of the page's wasm memory taken now (it only grows).
pub fn wasm_memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as u64)
        .unwrap_or(0)
}

/// Is the page opened from a file on disk (the USB edition), not from a web address?
pub fn opened_from_disk() -> bool {
    web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "file:")
}

/// Loads the page again (what it had fetched and the store are kept).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Waits `ms` milliseconds, letting the browser draw and handle input meanwhile.
pub async fn pause(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(wait).await;
}

/// Waits until the browser has drawn the next frame (what the page just changed is on screen),
/// and a task after it.
pub async fn after_next_frame() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else { return };
        let after = Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        let _ = w.request_animation_frame(after.unchecked_ref());
    });
    let _ = JsFuture::from(wait).await;
}

/// Today in the PC's own time zone (a village PC's clock is set to Beijing time).
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

thread_local! {
    // One channel per tab, for sending and listening both: a channel does not hear its own
    // messages, so a tab is not woken by its own saves.
    static TABS: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(TABS_CHANNEL).ok();
}

/// What one tab tells the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabNews {
    /// It saved: take in what it wrote.
    Saved,
    /// It gave the station a new id (a copied profile): the others hold the old one and must
    /// reload before they save, or they would stamp with it.
    NewStationId,
}

impl TabNews {
    fn word(self) -> &'static str {
        match self {
            TabNews::Saved => "changed",
            TabNews::NewStationId => "station-id",
        }
    }
}

/// Tells the other tabs of this app.
pub fn announce(news: TabNews) {
    TABS.with(|channel| {
        if let Some(channel) = channel {
            let _ = channel.post_message(&JsValue::from_str(news.word()));
        }
    });
}

/// Calls `on_news` whenever another tab announces something. The listener lives as long as the
/// page.
pub fn listen_to_tabs(on_news: impl Fn(TabNews) + 'static) {
    TABS.with(|channel| {
        if let Some(channel) = channel {
            let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let word = event.data().as_string().unwrap_or_default();
                on_news(if word == TabNews::NewStationId.word() { TabNews::NewStationId } else { TabNews::Saved });
            });
            channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
            handler.forget();
        }
    });
}

/// Fetches a file that came with the app (served beside index.html, cached by sw.js for use
/// offline).
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(path)).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| format!("{e:?}"))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
