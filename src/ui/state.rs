//! The app state the components share: the station's workspace and the signals that tell the
//! page when to redraw. Components change records only through `AppState::commit`.

use crate::domain::record::{kind, RecordId};
use crate::domain::replica::Edit;
use crate::store::browser::{self, Settings, StorageState};
use crate::store::idb::IdbStore;
use crate::store::workspace::Workspace;
use crate::store::StoreError;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Kinds read at start; the rest (the large diary volume) when their page first needs them.
pub const KINDS_AT_START: &[&str] = &[kind::ORG, kind::MEMBER];

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

pub type StationWorkspace = Workspace<IdbStore>;

#[derive(Clone, Copy)]
pub struct AppState {
    workspace: StoredValue<Rc<RefCell<StationWorkspace>>, LocalStorage>,
    /// Bumped whenever the records in memory change; views that read records track it.
    revision: RwSignal<u64>,
    pub settings: RwSignal<Settings>,
    pub storage: RwSignal<StorageState>,
    pub save_state: RwSignal<SaveState>,
}

impl AppState {
    pub fn new(workspace: StationWorkspace, settings: Settings) -> AppState {
        AppState {
            workspace: StoredValue::new_local(Rc::new(RefCell::new(workspace))),
            revision: RwSignal::new(0),
            settings: RwSignal::new(settings),
            storage: RwSignal::new(StorageState::default()),
            save_state: RwSignal::new(SaveState::Idle),
        }
    }

    /// Reads the workspace, and redraws the caller when records change.
    pub fn read<R>(&self, f: impl FnOnce(&StationWorkspace) -> R) -> R {
        self.revision.track();
        let ws = self.workspace.get_value();
        let guard = ws.borrow();
        f(&guard)
    }

    /// Saves edits in one transaction. On failure nothing is stored and nothing on screen
    /// changes; the status line and the returned message say why, in Chinese.
    pub async fn commit(&self, edits: Vec<Edit>) -> Result<Vec<RecordId>, String> {
        self.save_state.set(SaveState::Saving);
        let ws = self.workspace.get_value();
        let now = browser::now_ms();
        // Only a shared borrow is held while the transaction runs, so the page can still draw.
        let written = { ws.borrow().write(edits, now).await };
        match written {
            Ok(written) => {
                let ids = ws.borrow_mut().settle(written, now);
                self.revision.update(|r| *r += 1);
                self.save_state.set(SaveState::Saved);
                browser::announce_change();
                self.refresh_storage();
                Ok(ids)
            }
            Err(e) => {
                let message = super::text::store_error(&e);
                self.save_state.set(SaveState::Failed(message.clone()));
                Err(message)
            }
        }
    }

    /// Takes in what another tab saved.
    pub async fn catch_up(&self) -> Result<(), StoreError> {
        let ws = self.workspace.get_value();
        let fetched = { ws.borrow().fetch_new().await? };
        if !fetched.is_empty() {
            ws.borrow_mut().settle_fetched(fetched, browser::now_ms());
            self.revision.update(|r| *r += 1);
        }
        Ok(())
    }

    /// Tidies the store when edits have piled up; run when the page is idle after start.
    pub async fn compact(&self) -> Result<(), StoreError> {
        let ws = self.workspace.get_value();
        let done = { ws.borrow().write_compaction().await? };
        ws.borrow_mut().settle_compaction(done);
        Ok(())
    }

    pub fn refresh_storage(&self) {
        let storage = self.storage;
        leptos::task::spawn_local(async move {
            storage.set(browser::storage_state().await);
        });
    }

    pub fn set_large_text(&self, on: bool) {
        self.settings.update(|s| s.large_text = on);
        let _ = browser::save_settings(&self.settings.get_untracked());
    }
}
