//! 导入: one or several exchange files, chosen or dropped on the page. Every file is read and checked
//! whole (`read::parse`; protected files after their passphrase, `store::crypto`) before anything
//! is written. Then, one file at a time, in the order chosen: the preview against the station as
//! it is by then (`plan::preview`: per kind new, updated, unchanged, conflicts, rejected with
//! reasons, quarantined; warnings), and nothing is written until the clerk confirms. Confirming
//! writes the plan's records, the file's log entry and the undo of this import in one transaction
//! (`AppState::import`). A file already in the log says so and changes nothing.
//!
//! Files are read as ArrayBuffers and parsed once; between steps the page yields a moment so the
//! progress line is drawn (parsing and the preview themselves run on the page's thread).

use crate::domain::development::Candidate;
use crate::domain::duplicates::{self, Duplicate};
use crate::domain::household::Household;
use crate::domain::member::Member;
use crate::domain::org::Org;
use crate::domain::record::RecordId;
use crate::domain::station::{StationId, StationProfile};
use crate::exchange::envelope::{self, Envelope};
use crate::exchange::format::{ScopeRef, StationRef};
use crate::exchange::held;
use crate::exchange::log::{already_imported, LogEntry};
use crate::exchange::plan::{preview, ImportPlan, KindCounts, Warning};
use crate::exchange::read::{parse, too_big, ImportError, ParsedFile};
use crate::exchange::undo::ImportUndo;
use crate::ui::exchange::duplicates::reason_cell;
use crate::ui::exchange::text::{crypto_error, kind_label, xt};
use crate::ui::exchange::{time_text, ExchangeData};
use crate::ui::kit::file_picker::{file_picker, files_of};
use crate::ui::kit::when::When;
use crate::ui::state::HeldChange;
use crate::ui::state::PROFILE_META_KEY;
use crate::ui::text::{level_name, size_text};
use crate::ui::AppState;
use crate::web::{browser, crypto};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;

/// Rejected records listed at once; the counts cover them all.
const LISTED: usize = 200;

/// Yields to the browser for a moment, so what was just set on screen is drawn before a long
/// step takes the page's thread.
pub async fn paint() {
    crate::web::browser::pause(30).await;
}

/// Brings the preview into view (below the list of files at 1024×768) with the keyboard focus on
/// its heading.
async fn show_preview() {
    paint().await;
    crate::ui::shell::focus_by_id("exchange-preview");
    if let Some(heading) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("exchange-preview"))
    {
        heading.scroll_into_view();
    }
}

/// A file's bytes, read whole as an ArrayBuffer.
async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[derive(Clone)]
enum Stage {
    Waiting,
    /// Being read and checked now.
    Reading,
    /// Read and checked, waiting its turn.
    Checked(Rc<ParsedFile>),
    /// Protected: waiting for its passphrase.
    Locked(Rc<Envelope>),
    Refused(String),
    Done(String),
    Skipped,
}

#[derive(Clone)]
struct Picked {
    name: String,
    size: f64,
    stage: Stage,
}

/// What the preview shows of a plan (the plan itself, with every record, is kept apart).
#[derive(Clone)]
struct Shown {
    index: usize,
    file: Rc<ParsedFile>,
    /// The earlier import of this file, if any (the plan is then not computed unless asked).
    already: Option<LogEntry>,
    counts: Vec<(String, KindCounts)>,
    totals: KindCounts,
    changes_nothing: bool,
    warnings: Vec<Warning>,
    /// Kind, name, reason.
    rejected: Vec<(String, String, String)>,
    /// The likely duplicates the import would leave (`duplicates::after_import`).
    duplicates: Vec<Duplicate>,
    /// Records that name a merged record and will name the kept one (`ImportPlan::repointed`).
    repointed: usize,
    /// The file is a whole station's, from another station id, and this station holds nothing
    /// yet: it may be this station's own backup, from before its data was lost or left behind.
    adoptable: bool,
}

fn picked_from(list: Vec<web_sys::File>) -> Vec<(web_sys::File, Picked)> {
    list.into_iter()
        .map(|f| {
            let p = Picked { name: f.name(), size: f.size(), stage: Stage::Waiting };
            (f, p)
        })
        .collect()
}

/// How the import page was reached, from its address (`/import/…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrived {
    Plain,
    /// After a new station id was made (`renew`): the clerk chooses the file again.
    Renewed,
    /// The clerk said this station is restoring its own backup (the first-run dialog, the lost-data
    /// dialog): the preview's offer to restore a file as this station's stands out.
    Restoring,
    /// After a backup was restored as the station it came from (`adopt`).
    Restored,
}

impl Arrived {
    pub fn from_path(path: &str) -> Arrived {
        match path.rsplit('/').next() {
            Some("renewed") => Arrived::Renewed,
            Some("restore") => Arrived::Restoring,
            Some("restored") => Arrived::Restored,
            _ => Arrived::Plain,
        }
    }
}

/// This station's profile from now on: kept beside the data first (at start it wins over the
/// settings), then in the settings; other tabs are told, and the page starts again at `hash`.
/// `backup`: the station's backup it was restored from (made when, its file name), noted as its
/// last export, so the backup reminder goes on from there.
async fn switch_station(
    state: AppState,
    profile: StationProfile,
    backup: Option<(u64, &str)>,
    hash: &str,
) -> Result<(), String> {
    state.set_meta(PROFILE_META_KEY, &serde_json::to_string(&profile).unwrap_or_default()).await?;
    let mut settings = state.settings.get_untracked();
    settings.profile = Some(profile);
    if let Some((made_ms, file)) = backup {
        settings.exports.note(made_ms, file, true);
    }
    let _ = browser::save_settings(&settings);
    browser::announce(browser::TabNews::NewStationId);
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
        let _ = w.location().reload();
    }
    Ok(())
}

/// The station a file's header names, as this station's profile would be.
fn profile_of(station: &StationRef) -> StationProfile {
    StationProfile { id: station.id, name: station.name.clone(), level: station.level }
}

fn station_text(profile: &StationProfile) -> String {
    format!("{}（{}）", profile.name, level_name(profile.level))
}

/// The station a file names, as the preview and the records set aside show it: 山塘村（村）.
pub fn file_station_text(station: &StationRef) -> String {
    station_text(&profile_of(station))
}

#[component]
pub fn ImportPage(arrived: Arrived) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ExchangeData>();
    let files = RwSignal::new_local(Vec::<Picked>::new());
    let shown = RwSignal::new_local(None::<Shown>);
    let plan = StoredValue::new_local(None::<ImportPlan>);
    let progress = RwSignal::new(None::<(String, Option<(usize, usize)>)>);
    let message = RwSignal::new(match (arrived, state.settings.with_untracked(|s| s.profile.clone()).as_ref()) {
        (Arrived::Renewed, Some(p)) => Some((true, xt().renewed(&p.id.to_string()))),
        (Arrived::Restored, Some(p)) => Some((true, xt().restored(&station_text(p)))),
        _ => None,
    });
    // Restore the file's station (its id, name and level) once its records are in.
    let adopt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let pass_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let set_stage = move |index: usize, stage: Stage| {
        files.update(|f| {
            if let Some(p) = f.get_mut(index) {
                p.stage = stage;
            }
        })
    };

    // The next file needing the clerk: its preview (or the passphrase form for a locked one).
    let advance = move |recheck: bool| {
        spawn_local(async move {
            plan.set_value(None);
            let next = files.with_untracked(|f| {
                f.iter()
                    .position(|p| matches!(p.stage, Stage::Checked(_) | Stage::Locked(_)))
                    .map(|i| (i, f[i].stage.clone(), f[i].name.clone()))
            });
            let Some((index, Stage::Checked(file), _name)) = next else {
                shown.set(None);
                return;
            };
            data.refresh(&state).await;
            let already = data.log.with_untracked(|log| already_imported(log, &file.header.sha256).cloned());
            let mut view = Shown {
                index,
                file: file.clone(),
                already: already.clone(),
                counts: Vec::new(),
                totals: KindCounts::default(),
                changes_nothing: true,
                warnings: Vec::new(),
                rejected: Vec::new(),
                duplicates: Vec::new(),
                repointed: 0,
                adoptable: false,
            };
            adopt.set(false);
            if already.is_some() && !recheck {
                shown.set(Some(view));
                show_preview().await;
                return;
            }
            progress.set(Some((xt().comparing.into(), None)));
            paint().await;
            if let Err(e) = state.load_all_and(&file.kinds()).await {
                progress.set(None);
                message.set(Some((false, e)));
                return;
            }
            let p = state.read_now(|ws| preview(ws.replica(), &file, browser::now_ms()));
            view.already = None;
            view.counts = p.counts.iter().map(|(k, c)| (k.clone(), *c)).collect();
            // Organizations first, then members, the rest, audit entries last.
            crate::domain::sort::sort_by(&mut view.counts, |a, b| {
                (crate::domain::kinds::rank(&a.0), &a.0).cmp(&(crate::domain::kinds::rank(&b.0), &b.0))
            });
            view.totals = p.totals();
            view.changes_nothing = p.changes_nothing();
            view.warnings = p.warnings.clone();
            view.rejected = p
                .rejected
                .iter()
                .take(LISTED)
                .map(|r| {
                    let name = file
                        .records
                        .binary_search_by(|o| o.id.cmp(&r.id))
                        .ok()
                        .and_then(|i| crate::ui::exchange::record_name(&file.records[i]))
                        .unwrap_or_else(|| r.id.to_string());
                    (kind_label(&r.kind).to_string(), name, r.reason.message())
                })
                .collect();
            view.repointed = p.repointed.len();
            let own = state.settings.with_untracked(|s| s.profile.clone());
            let from = &file.header.station;
            let same_id = p.warnings.iter().any(|w| matches!(w, Warning::SameStationId { .. }));
            view.adoptable = !same_id
                && matches!(file.header.scope, ScopeRef::Station)
                && own.as_ref().is_some_and(|o| o.id != from.id)
                && state.read_now(|ws| ws.replica().is_empty());

            view.duplicates = {
                let (o, m) = (state.collection::<Org>().get_untracked(), state.collection::<Member>().get_untracked());
                let c = state.collection::<Candidate>().get_untracked();
                let h = state.collection::<Household>().get_untracked();
                duplicates::after_import(&o, &m, &c, &h, &p.to_write, browser::today())
            };
            plan.set_value(Some(p));
            progress.set(None);
            shown.set(Some(view));
            show_preview().await;
        });
    };

    let take_files = move |chosen: Vec<(web_sys::File, Picked)>| {
        if chosen.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set(None);
        shown.set(None);
        let count = chosen.len();
        files.set(chosen.iter().map(|(_, p)| p.clone()).collect());
        spawn_local(async move {
            for (i, (file, picked)) in chosen.into_iter().enumerate() {
                // One file: no bar that stands still at 0 while it is read; several: files done.
                let step = (count > 1).then_some((i, count));
                progress.set(Some((xt().reading(i + 1, count, &picked.name), step)));
                set_stage(i, Stage::Reading);
                paint().await;
                // Refused before a byte is read when the page could not hold what reading it takes.
                let size = file.size() as u64;
                if let Some(max_bytes) = too_big(size, browser::wasm_memory_bytes()) {
                    set_stage(i, Stage::Refused(ImportError::TooBig { file_bytes: size, max_bytes }.message()));
                    continue;
                }
                let stage = match read_bytes(&file).await {
                    Err(detail) => Stage::Refused(xt().unreadable(&detail)),
                    Ok(bytes) => check(&bytes),
                };
                set_stage(i, stage);
            }
            progress.set(None);
            busy.set(false);
            advance(false);
        });
    };

    // Chosen, or dropped on the chooser (`file_picker` empties the input, so the same file may be
    // chosen again after an undo).
    let on_input = Callback::new(move |list: Vec<web_sys::File>| take_files(picked_from(list)));
    // Files dropped anywhere else on the page while this page is in view (the shell keeps the
    // browser from opening a dropped file in place of the app on every page).
    let chooser = NodeRef::<leptos::html::Div>::new();
    let dropped = window_event_listener(leptos::ev::drop, move |ev| {
        let in_view = chooser.get_untracked().is_some_and(|holder| holder.is_connected());
        if let (true, Some(list)) = (in_view, ev.data_transfer().and_then(|d| d.files())) {
            take_files(picked_from(files_of(&list)));
        }
    });
    on_cleanup(move || dropped.remove());

    let unlock = move |_| {
        let Some((index, Stage::Locked(env))) = files.with_untracked(|f| {
            f.iter().position(|p| matches!(p.stage, Stage::Locked(_))).map(|i| (i, f[i].stage.clone()))
        }) else {
            return;
        };
        let pass = passphrase.get_untracked();
        if pass.is_empty() {
            return pass_error.set(Some(xt().passphrase_missing.into()));
        }
        busy.set(true);
        pass_error.set(None);
        progress.set(Some((xt().unlocking.into(), None)));
        spawn_local(async move {
            paint().await;
            match crypto::open(&env, &pass).await {
                Ok(bytes) => {
                    passphrase.set(String::new());
                    set_stage(index, check(&bytes));
                    progress.set(None);
                    busy.set(false);
                    advance(false);
                }
                Err(crypto::CryptoError::WrongPassphrase) => {
                    progress.set(None);
                    busy.set(false);
                    pass_error.set(Some(ImportError::WrongPassphrase.message()));
                }
                Err(e) => {
                    progress.set(None);
                    busy.set(false);
                    set_stage(index, Stage::Refused(crypto_error(&e)));
                    advance(false);
                }
            }
        });
    };

    let confirm = move |_| {
        let Some(view) = shown.get_untracked() else { return };
        let Some(p) = plan.try_update_value(|p| p.take()).flatten() else { return };
        let name = files.with_untracked(|f| f.get(view.index).map(|p| p.name.clone()).unwrap_or_default());
        let now = browser::now_ms();
        let entry = LogEntry::new(&name, &view.file.header, &p, now);
        let name_held = name.clone();
        let totals = p.totals();
        busy.set(true);
        progress.set(Some((xt().writing(p.to_write.len()), None)));
        spawn_local(async move {
            // The progress line first: the undo takes a digest of every record (3 s for a county).
            paint().await;
            // An import that changes nothing has nothing to undo; the last real one stays undoable.
            let undo =
                (!p.to_write.is_empty()).then(|| serde_json::to_string(&ImportUndo::of(&p, &name)).unwrap_or_default());
            let adopted = adopt.get_untracked().then(|| profile_of(&view.file.header.station));
            let (quarantined, header) = (held::set_aside(&p, &view.file), view.file.header.clone());
            let set_aside: HeldChange = Box::new(move |list| held::hold(list, &quarantined, &header, &name_held, now));
            match (state.import(p.to_write, entry, undo, set_aside).await, adopted) {
                (Ok(_), Some(profile)) => {
                    let made = view.file.header.created_ms;
                    if let Err(e) =
                        switch_station(state, profile, Some((made, &name)), "#/exchange/import/restored").await
                    {
                        progress.set(None);
                        busy.set(false);
                        message.set(Some((false, e)));
                    }
                }
                (Ok((log, on_hold)), None) => {
                    data.log.set(log);
                    data.held.set(on_hold);
                    let summary = xt().imported(&name, &totals);
                    set_stage(view.index, Stage::Done(summary.clone()));
                    message.set(Some((true, summary)));
                    progress.set(None);
                    busy.set(false);
                    advance(false);
                }
                (Err(e), _) => {
                    progress.set(None);
                    busy.set(false);
                    message.set(Some((false, e)));
                    // The plan again, to retry (a disk with room once more).
                    advance(true);
                }
            }
        });
    };
    let skip = move |_| {
        let Some(view) = shown.get_untracked() else {
            // The locked file, if that is the one waiting.
            let locked = files.with_untracked(|f| f.iter().position(|p| matches!(p.stage, Stage::Locked(_))));
            if let Some(i) = locked {
                set_stage(i, Stage::Skipped);
                pass_error.set(None);
                advance(false);
            }
            return;
        };
        set_stage(view.index, Stage::Skipped);
        advance(false);
    };
    let recheck = move |_| advance(true);

    let renew = move |_| {
        let Some(old) = state.settings.with_untracked(|s| s.profile.clone()) else { return };
        let profile = StationProfile { id: StationId::from_random(browser::random_bytes()), ..old };
        busy.set(true);
        spawn_local(async move {
            if let Err(e) = switch_station(state, profile, None, "#/exchange/import/renewed").await {
                busy.set(false);
                message.set(Some((false, e)));
            }
        });
    };

    let file_rows = move || {
        files
            .get()
            .into_iter()
            .map(|p| {
                let (class, status) = match &p.stage {
                    Stage::Waiting => ("muted", xt().file_waiting.to_string()),
                    Stage::Reading => ("muted", xt().file_reading.to_string()),
                    Stage::Checked(_) => ("", xt().file_checked.to_string()),
                    Stage::Locked(_) => ("warn", xt().file_locked.to_string()),
                    Stage::Refused(m) => ("error", m.clone()),
                    Stage::Done(m) => ("ok", m.clone()),
                    Stage::Skipped => ("muted", xt().file_skipped.to_string()),
                };
                view! {
                    <tr>
                        <td>{p.name}</td>
                        <td class="num">{size_text(Some(p.size))}</td>
                        <td class=class>{status}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let locked = move || files.with(|f| f.iter().find(|p| matches!(p.stage, Stage::Locked(_))).map(|p| p.name.clone()));
    let waiting_for_pass = move || shown.with(Option::is_none) && locked().is_some() && !busy.get();

    view! {
        <div class="card">
            <h3>{xt().import_title}</h3>
            <p class="intro">{xt().import_intro}</p>
            <div node_ref=chooser>
                {file_picker("exchange-files", xt().import_choose, ".json,application/json", true, busy.into(), on_input)}
            </div>
            <p class="muted">{xt().import_drop}</p>
            {move || progress.get().map(|(text, step)| view! {
                <div class="progress" role="status">
                    {match step {
                        Some((value, max)) => view! { <progress max=max value=value></progress> }.into_any(),
                        None => view! { <progress></progress> }.into_any(),
                    }}
                    <span>{text}</span>
                </div>
            })}
            <p role="alert" class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "done" } else { "error" }>
                {move || message.get().map(|m| m.1)}
            </p>
            <When when=move || files.with(|f| !f.is_empty())>
                <table class="data compact exchange-files">
                    <thead><tr><th>{xt().file_name}</th><th>{xt().file_size}</th><th>{xt().file_result}</th></tr></thead>
                    <tbody>{file_rows}</tbody>
                </table>
            </When>
        </div>
        <When when=waiting_for_pass>
            <div class="card">
                <h3>{xt().unlock_title}</h3>
                <p>{move || xt().unlock_intro(&locked().unwrap_or_default())}</p>
                <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); unlock(()); }>
                    <div class="field">
                        <label for="import-pass">{xt().passphrase}</label>
                        <input id="import-pass" type="password" autocomplete="off" prop:value=passphrase
                            on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                    </div>
                    <p class="error" role="alert">{move || pass_error.get()}</p>
                    <div class="actions">
                        <button type="submit" class="primary">{xt().unlock_button}</button>
                        <button type="button" on:click=move |_| skip(())>{xt().skip_file}</button>
                    </div>
                </form>
            </div>
        </When>
        {move || shown.get().map(|v| preview_card(v, arrived, adopt, busy, confirm, skip, recheck, renew))}
    }
}

/// Reads a file's bytes: a protected file waits for its passphrase, anything else is checked
/// whole now.
fn check(bytes: &[u8]) -> Stage {
    match envelope::open(bytes) {
        Err(e) => Stage::Refused(e.message()),
        Ok(Some(env)) => Stage::Locked(Rc::new(env)),
        Ok(None) => match parse(bytes) {
            Ok(file) => Stage::Checked(Rc::new(file)),
            Err(e) => Stage::Refused(e.message()),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn preview_card(
    v: Shown,
    arrived: Arrived,
    adopt: RwSignal<bool>,
    busy: RwSignal<bool>,
    confirm: impl Fn(()) + Copy + 'static,
    skip: impl Fn(()) + Copy + 'static,
    recheck: impl Fn(()) + Copy + 'static,
    renew: impl Fn(()) + Copy + 'static,
) -> AnyView {
    let header = &v.file.header;
    let from = file_station_text(&header.station);
    let facts = view! {
        <dl class="facts">
            <dt>{xt().from_station}</dt><dd>{from}</dd>
            <dt>{xt().scope}</dt><dd>{header.scope.label().to_string()}</dd>
            <dt>{xt().exported_at}</dt><dd>{time_text(header.created_ms)}</dd>
            <dt>{xt().record_count}</dt><dd>{header.counts.values().sum::<usize>()}</dd>
        </dl>
    };
    if let Some(entry) = v.already {
        let held_back = entry.held_back();
        return view! {
            <div class="card">
                <h3 id="exchange-preview" tabindex="-1">{xt().preview_title}</h3>
                {facts}
                <p class="done" role="status">{xt().already(&time_text(entry.imported_ms))}</p>
                {(held_back > 0).then(|| view! {
                    <p class="warn">{xt().already_held_back(held_back)}</p>
                })}
                <div class="actions">
                    {(held_back > 0).then(|| view! {
                        <button type="button" on:click=move |_| recheck(())>{xt().recheck}</button>
                    })}
                    <button type="button" on:click=move |_| skip(())>{xt().next_file}</button>
                </div>
            </div>
        }
        .into_any();
    }
    let same_id = v.warnings.iter().any(|w| matches!(w, Warning::SameStationId { .. }));
    // The clerk says the file is this station's own backup (its data was lost): restore it
    // under the same id.
    // Both choices below are made by a click, never in advance: either, made wrongly, leaves two
    // PCs stamping with one station id.
    let own_backup = RwSignal::new(false);
    let from_station = file_station_text(&v.file.header.station);
    let adoptable = v.adoptable.then(|| {
        let note = xt().adopt_note(&from_station);
        view! {
            <p class="warn">{xt().adopt_question(&from_station)}</p>
            <div class="actions">
                <button
                    type="button"
                    class=(arrived == Arrived::Restoring).then_some("primary")
                    prop:disabled=busy
                    aria-pressed=move || adopt.get().to_string()
                    on:click=move |_| adopt.update(|a| *a = !*a)
                >
                    {xt().adopt_button}
                </button>
            </div>
            <When when=move || adopt.get()>
                <p class="warn" role="status">{note.clone()}</p>
            </When>
        }
    });
    let rows = v
        .counts
        .into_iter()
        .map(|(kind, c)| counts_row(kind_label(&kind).to_string(), c, ""))
        .chain(std::iter::once(counts_row(xt().total.to_string(), v.totals, "total")))
        .collect_view();
    let rejected = (!v.rejected.is_empty()).then(|| {
        view! {
            <h4>{xt().rejected_title}</h4>
            <table class="data compact rejected">
                <thead><tr><th>{xt().kind}</th><th>{xt().record}</th><th>{xt().reason}</th></tr></thead>
                <tbody>
                    {v.rejected.into_iter().map(|(k, n, r)| view! { <tr><td>{k}</td><td>{n}</td><td>{r}</td></tr> }).collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        <div class="card">
            <h3 id="exchange-preview" tabindex="-1">{xt().preview_title}</h3>
            {v.warnings.iter().map(|w| view! { <p class="warn">{w.message()}</p> }).collect_view()}
            {same_id.then(|| view! {
                <div class="actions">
                    <button type="button" class="primary" prop:disabled=busy on:click=move |_| renew(())>{xt().renew_button}</button>
                    <button type="button" prop:disabled=busy on:click=move |_| own_backup.set(true)>{xt().own_backup_button}</button>
                </div>
                <When when=move || own_backup.get()>
                    <p class="warn" role="status">{xt().own_backup_note}</p>
                </When>
            })}
            {adoptable}
            {facts}
            <table class="data compact preview-counts">
                <thead>
                    <tr>
                        <th>{xt().kind}</th><th>{xt().count_new}</th><th>{xt().count_updated}</th><th>{xt().count_unchanged}</th>
                        <th>{xt().count_conflicts}</th><th>{xt().count_rejected}</th><th>{xt().count_quarantined}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {rejected}
            {(v.repointed > 0).then(|| view! { <p class="muted">{v.repointed}{xt().repointed_note}</p> })}
            {(!v.duplicates.is_empty()).then(|| view! {
                <h4>{xt().preview_duplicates_title}</h4>
                <p class="warn">{xt().preview_duplicates_intro}</p>
                {preview_duplicates(&v.file, &v.duplicates)}
            })}
            {v.changes_nothing.then(|| view! { <p class="muted">{xt().changes_nothing}</p> })}
            <div class="actions">
                <button type="button" class="primary" prop:disabled=move || busy.get() || (same_id && !own_backup.get()) on:click=move |_| confirm(())>
                    {xt().confirm}
                </button>
                <button type="button" prop:disabled=busy on:click=move |_| skip(())>{xt().skip_file}</button>
                <span class="muted">{xt().nothing_yet}</span>
            </div>
        </div>
    }
    .into_any()
}

/// The likely duplicates of the preview: each record named from the file, or from the station.
fn preview_duplicates(file: &ParsedFile, list: &[Duplicate]) -> AnyView {
    let state = expect_context::<AppState>();
    let in_file = |id: &RecordId| file.records.binary_search_by(|r| r.id.cmp(id)).ok();
    let name = |id: &RecordId| {
        in_file(id)
            .and_then(|i| crate::ui::exchange::record_name(&file.records[i]))
            .or_else(|| crate::ui::exchange::fields::record_name_of(state, id.as_str()))
            .unwrap_or_default()
    };
    view! {
        <table class="data compact duplicates">
            <thead><tr><th>{xt().dup_in_file}</th><th>{xt().dup_here}</th><th>{xt().dup_reason}</th></tr></thead>
            <tbody>
                {list.iter().take(LISTED).map(|d| {
                    // The file's record first, the station's second.
                    let (first, second) = if in_file(&d.a).is_none() { (&d.b, &d.a) } else { (&d.a, &d.b) };
                    view! {
                    <tr>
                        <td>{name(first)}</td>
                        <td>{name(second)}</td>
                        {reason_cell(d, None)}
                    </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn counts_row(label: String, c: KindCounts, class: &'static str) -> impl IntoView {
    view! {
        <tr class=class>
            <td>{label}</td>
            <td class="num">{c.new}</td>
            <td class="num">{c.updated}</td>
            <td class="num">{c.unchanged}</td>
            <td class="num">{c.conflicts}</td>
            <td class="num">{c.rejected}</td>
            <td class="num">{c.quarantined}</td>
        </tr>
    }
}
