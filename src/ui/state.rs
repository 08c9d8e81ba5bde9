//! The app state the components share: the station's workspace and the signals that tell the
//! page when to redraw. Components change records only through `AppState::commit`.

use super::kept_index::{self, SeedParts};
use crate::domain::diary_index::{room_to_grow, DiaryIndex};
use crate::domain::diary_step::{steps_of, Step, StepFacts};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::kind;
use crate::domain::record::{IdKey, Record, RecordId};
use crate::domain::replica::Edit;
use crate::domain::replica::Replica;
use crate::exchange::held::{self, Held};
use crate::exchange::log::{self, LogEntry};
use crate::exchange::undo::{plan_undo, ImportUndo};
use crate::store::workspace::{Workspace, Written};
use crate::store::StoreError;
use crate::web::browser::{self, Settings, StorageState};
use crate::web::idb::{IdbStore, LaterParts};
use leptos::prelude::*;
use std::any::{Any, TypeId};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The station profile, kept beside the data as well as in the settings (see `shell::boot`).
pub const PROFILE_META_KEY: &str = "station_profile";
/// The import log (`exchange::log`, JSON), and the undo of the last import (`exchange::undo`,
/// JSON; empty once undone), written with the import's records.
pub const LOG_META_KEY: &str = "exchange_log";
pub const UNDO_META_KEY: &str = "exchange_undo";
/// The records imports set aside for their clocks (`exchange::held`, JSON), written with the
/// import that set them aside, and with whatever takes them in.
pub const HELD_META_KEY: &str = "exchange_held";

/// What an import does to the records set aside (`AppState::import`), given them as stored.
pub type HeldChange = Box<dyn FnOnce(&mut Vec<Held>)>;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
    /// Saved, with something the user must act on (the database was rebuilt from this page).
    SavedWithWarning(String),
}

pub type StationWorkspace = Workspace<IdbStore>;

/// The workspace and the queue its operations wait in.
struct Shared {
    workspace: RefCell<StationWorkspace>,
    queue: OperationQueue,
    changes: Changes,
    /// Each kind's records decoded once for every view (`AppState::collection`), by type.
    collections: RefCell<HashMap<TypeId, Box<dyn Any>>>,
    /// The app's owner: collections live as long as the app, whichever view first asked.
    owner: Owner,
    /// Every diary's facts and texts (`AppState::read_diaries`).
    diaries: RefCell<HeldDiaries>,
    /// Every step of the diaries' matters, its facts (`AppState::steps`), held by index like them.
    steps: RefCell<HeldSteps>,
    /// The steps' collection, made once.
    steps_memo: Cell<Option<Collection<StepFacts>>>,
    /// An index of the diaries is being made (`AppState::index_diaries`).
    indexing: Cell<bool>,
    /// Counts the diary indexes made: texts read after an index was (`take_later_texts`) go into
    /// that index only.
    diaries_made: Cell<u64>,
    /// The texts an index kept between sessions left for later could not be read
    /// (`texts_wait_note`).
    texts_failed: Cell<bool>,
    /// Which diaries changed, they or their steps (`AppState::diaries_changed_since`).
    journal: RefCell<Journal>,
}

/// Which diaries changed (an entry, or one of its steps) since a moment, so that what is derived
/// from all of a county's diaries is brought up to date after a save rather than made again.
#[derive(Default)]
struct Journal {
    /// Counts every change.
    now: u64,
    /// Nothing is told of before this: the index was made again, or an entry removed (which moves
    /// another entry's place).
    since: u64,
    touched: Vec<(u64, IdKey)>,
}

/// How long after the diaries' index was made it is kept for the next session: the page draws
/// the section first.
const KEEP_INDEX_AFTER_MS: i32 = 3_000;

/// Changes the journal keeps before telling everything changed instead.
const JOURNAL_KEPT: usize = 4096;

impl Journal {
    fn touch(&mut self, diary: IdKey) {
        self.now += 1;
        if self.touched.len() == JOURNAL_KEPT {
            self.everything();
        } else {
            self.touched.push((self.now, diary));
        }
    }

    fn everything(&mut self) {
        self.now += 1;
        self.since = self.now;
        self.touched.clear();
    }
}

/// The diary index and what it was made from. A county's diaries are held by index: the
/// workspace keeps where each is stored (`Workspace::read_indexed`), this index keeps what lists,
/// counts and search need, and a diary is read whole only to be edited (`AppState::commit`).
struct HeldDiaries {
    index: DiaryIndex,
    /// The diary kind's version the index was last brought up to.
    at: u64,
    from: DiarySource,
}

/// The facts of the matters' steps, in `by_diary` order: a county has hundreds of thousands, so they are
/// held by index like the diaries, and only their facts kept here (`AppState::whole_steps` reads
/// a few steps' texts).
struct HeldSteps {
    list: Arc<Vec<StepFacts>>,
    /// The step kind's version the list was last brought up to.
    at: u64,
    from: DiarySource,
}

impl HeldSteps {
    /// Puts each record in by id (replacing), or takes it out if deleted (`put_step`); says which
    /// diaries' steps changed.
    fn put_all<'a>(&mut self, records: impl Iterator<Item = &'a Record>) -> Vec<IdKey> {
        let mut records = records.peekable();
        if records.peek().is_none() {
            return Vec::new();
        }
        // Another holder (a view still drawing) keeps its copy; usually there is none.
        let list = Arc::make_mut(&mut self.list);
        records.filter_map(|r| put_step(list, r)).collect()
    }
}

/// The steps' facts as `read_indexed` hands their records over. A step stored more than once
/// comes once per copy, then merged among the read's resident records: those decide. No map by
/// id: a county's 641,193 steps would need one of some 100 MB beside the list.
#[derive(Default)]
struct StepsRead {
    /// In blocks, so that growing never holds a list beside one twice its size (wasm memory only
    /// grows: the peak is what stays).
    blocks: Vec<Vec<StepFacts>>,
}

/// Steps a block of `StepsRead` holds (64 KB of facts).
const STEPS_PER_BLOCK: usize = 1024;

impl StepsRead {
    /// Starting from a list kept between sessions (`kept_index`), in `by_diary` order.
    fn starting_from(list: Vec<StepFacts>) -> StepsRead {
        StepsRead { blocks: vec![list] }
    }

    /// Made at once with room for `records` steps (as the store's listing counts them), and
    /// `room_to_grow` beyond: one list, never copied from blocks.
    fn with_room_for(records: usize) -> StepsRead {
        StepsRead::starting_from(Vec::with_capacity(records + room_to_grow(records)))
    }

    fn take(&mut self, r: &Record) {
        if r.is_deleted() {
            return;
        }
        if self.blocks.last().is_none_or(|b| b.len() == b.capacity()) {
            self.blocks.push(Vec::with_capacity(STEPS_PER_BLOCK));
        }
        if let Some(block) = self.blocks.last_mut() {
            block.push(StepFacts::from_record(r));
        }
    }

    /// In `by_diary` order, each id once; `merged`: the read's resident records.
    fn into_list<'a>(self, merged: impl Iterator<Item = &'a Record>) -> Vec<StepFacts> {
        // The first block is the list grown: a kept list is not copied.
        let more: usize = self.blocks.iter().skip(1).map(Vec::len).sum();
        let mut blocks = self.blocks.into_iter();
        let mut list = blocks.next().unwrap_or_default();
        // With room for steps to come: a full list of a county's steps grown by doubling would
        // hold 41 MB beside 82.
        list.reserve_exact(more + room_to_grow(list.len() + more));
        for block in blocks {
            list.extend(block);
        }
        list.sort_unstable_by(by_diary);
        list.dedup_by_key(|s| s.id);
        for r in merged {
            let _ = put_step(&mut list, r);
        }
        list
    }
}

/// Puts a step's record in a list in `by_diary` order (replacing its facts), or takes it out if
/// deleted; gives the step's diary.
fn put_step(list: &mut Vec<StepFacts>, r: &Record) -> Option<IdKey> {
    let facts = StepFacts::from_record(r);
    let diary = facts.diary;
    match list.binary_search_by(|s| by_diary(s, &facts)) {
        Ok(i) if r.is_deleted() => {
            list.remove(i);
        }
        Ok(i) => list[i] = facts,
        Err(_) if r.is_deleted() => {}
        Err(i) => list.insert(i, facts),
    }
    diary
}

/// The order steps are held in: by diary, then by id. A diary's steps are then one run
/// (`StepsByDiary` takes them as they are), and a step is found by its diary (a step never
/// changes its diary) and id.
fn by_diary(a: &StepFacts, b: &StepFacts) -> std::cmp::Ordering {
    (a.diary, a.id).cmp(&(b.diary, b.id))
}

/// How the workspace held the diaries when the index was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DiarySource {
    /// Not made yet, or out of date (another tab rewrote the store): to be indexed again.
    Nothing,
    /// From `read_indexed`, then kept up to date from the replica's resident diaries.
    Indexed,
    /// From the replica, every diary whole in it (an export or import loaded the kind).
    Loaded,
}

/// What bringing a list made from a kind held by index (the diary index, the steps) up to date
/// takes, the workspace holding the kind as `now` and the list made from `made_from`.
enum Refresh {
    /// Every record is in the replica: make the list from it.
    FromReplica,
    /// Only the store can tell what is gone: index the kind again, after this read.
    IndexAgain,
    /// Take in the records changed since the list was made.
    Changes,
    /// Wait: the kind is being indexed, or the list is current.
    Keep,
}

impl Refresh {
    /// `dropped`: records of the kind left memory since the list was made (an undone import).
    fn of(now: DiarySource, made_from: DiarySource, dropped: bool) -> Refresh {
        if now == DiarySource::Loaded && (made_from != DiarySource::Loaded || dropped) {
            Refresh::FromReplica
        } else if now != made_from || (now == DiarySource::Indexed && dropped) {
            if now == DiarySource::Nothing || made_from == DiarySource::Indexed {
                Refresh::IndexAgain
            } else {
                Refresh::Keep
            }
        } else {
            Refresh::Changes
        }
    }
}

impl DiarySource {
    fn of_kind(ws: &StationWorkspace, k: &str) -> DiarySource {
        if ws.is_loaded(k) {
            DiarySource::Loaded
        } else if ws.is_indexed(k) {
            DiarySource::Indexed
        } else {
            DiarySource::Nothing
        }
    }
}

/// What tells views to redraw: a trigger per record kind, so a save redraws only the views of
/// the kinds it wrote (a diary saved does not decode 50,000 members again); one for any kind;
/// and one for the store's own facts (damage, chunks, the clock, which kinds are read).
struct Changes {
    kinds: RefCell<HashMap<String, (ArcTrigger, u64)>>,
    any: ArcTrigger,
    store: ArcTrigger,
}

impl Changes {
    fn new() -> Changes {
        Changes { kinds: RefCell::new(HashMap::new()), any: ArcTrigger::new(), store: ArcTrigger::new() }
    }

    /// The trigger of a kind, first made knowing the kind's version now (`version`), so the next
    /// `notify` does not take the kind for changed.
    fn of_kind(&self, kind: &str, version: u64) -> ArcTrigger {
        if let Some((trigger, _)) = self.kinds.borrow().get(kind) {
            return trigger.clone();
        }
        let trigger = ArcTrigger::new();
        self.kinds.borrow_mut().insert(kind.to_string(), (trigger.clone(), version));
        trigger
    }

    /// Notifies the views of every kind whose records changed since the last call.
    fn notify(&self, replica: &Replica) {
        let mut changed = Vec::new();
        {
            let mut kinds = self.kinds.borrow_mut();
            for (kind, version) in replica.kind_versions() {
                let entry = kinds.entry(kind.to_string()).or_insert_with(|| (ArcTrigger::new(), 0));
                if entry.1 != version {
                    entry.1 = version;
                    changed.push(entry.0.clone());
                }
            }
        }
        // Notified after the borrow ends: a view redrawn at once may ask for another kind.
        let any = !changed.is_empty();
        for trigger in changed {
            trigger.notify();
        }
        if any {
            self.any.notify();
        }
        self.store.notify();
    }
}

/// Every live record of one kind, decoded, as views share it (`AppState::collection`).
pub type Collection<T> = Memo<Arc<Vec<T>>>;

/// For each live record of a kind (`Replica::live_since`, in id order), where it is in the last
/// list (`last`, the ids of that list, in id order too) if it has not changed since the kind's
/// version `made_at`, when that list was made. Not generic, so every collection shares this code.
fn plan_reuse<'a>(
    last: &[&RecordId],
    now: impl Iterator<Item = (&'a Record, u64)>,
    made_at: u64,
) -> Vec<(&'a Record, Option<usize>)> {
    let mut at = 0;
    now.map(|(record, changed)| {
        while at < last.len() && *last[at] < record.id {
            at += 1;
        }
        let kept = (changed <= made_at && at < last.len() && *last[at] == record.id).then_some(at);
        (record, kept)
    })
    .collect()
}

/// A record kind as views use it: decoded from each live record of the kind.
pub trait Collected: Clone + Send + Sync + 'static {
    const KIND: &'static str;
    fn decode(record: &Record) -> Self;
    fn id(&self) -> &RecordId;
}

/// The last list of a collection, as `collection` rebuilds it: handed over (its records are
/// moved out) or still held by a view (its records are cloned).
enum Last<T> {
    Owned(Vec<Option<T>>),
    Shared(Arc<Vec<T>>),
}

/// A collection being rebuilt: the last list and the new one.
struct Rebuild<T> {
    last: Last<T>,
    out: Vec<T>,
}

/// What `rebuild_collection` (not generic) needs of a `Rebuild<T>`: the last list's ids, and
/// to add the next record, taken from the last list at `kept` or else decoded.
trait Reuse {
    fn len(&self) -> usize;
    fn id(&self, at: usize) -> &RecordId;
    fn push(&mut self, record: &Record, kept: Option<usize>);
    fn reserve(&mut self, records: usize);
}

impl<T: Collected> Reuse for Rebuild<T> {
    fn len(&self) -> usize {
        match &self.last {
            Last::Owned(list) => list.len(),
            Last::Shared(list) => list.len(),
        }
    }

    fn id(&self, at: usize) -> &RecordId {
        match &self.last {
            // Nothing is taken out before the plan is made: every item is still there.
            Last::Owned(list) => list[at].as_ref().map(T::id).expect("taken before the plan"),
            Last::Shared(list) => list[at].id(),
        }
    }

    fn push(&mut self, record: &Record, kept: Option<usize>) {
        let reused = kept.and_then(|at| match &mut self.last {
            Last::Shared(list) => list.get(at).cloned(),
            Last::Owned(list) => list.get_mut(at)?.take(),
        });
        self.out.push(reused.unwrap_or_else(|| T::decode(record)));
    }

    fn reserve(&mut self, records: usize) {
        self.out.reserve_exact(records);
    }
}

impl Shared {
    /// Takes in what other tabs saved; after another tab rewrote chunks, reads the store again.
    /// Run in the queue, like every workspace operation.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    async fn take_in_other_tabs(&self, now_ms: u64) -> Result<(), StoreError> {
        let fetched = self.workspace.borrow().fetch_new().await?;
        self.workspace.borrow_mut().settle_fetched(fetched, now_ms);
        Ok(())
    }
}

/// Runs workspace operations (save, catch-up, compaction) one at a time. Each holds a shared
/// borrow of the workspace across its awaits and takes a mutable one to settle: two at once
/// would meet in the middle and panic. Chained on promises, so waiting costs nothing.
#[derive(Default)]
struct OperationQueue {
    tail: RefCell<Option<js_sys::Promise>>,
}

impl OperationQueue {
    async fn run<T>(&self, operation: impl std::future::Future<Output = T>) -> T {
        let mut release: Option<js_sys::Function> = None;
        let mine = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
        let previous = self.tail.replace(Some(mine));
        if let Some(previous) = previous {
            let _ = wasm_bindgen_futures::JsFuture::from(previous).await;
        }
        let out = operation.await;
        if let Some(release) = release {
            let _ = release.call0(&wasm_bindgen::JsValue::NULL);
        }
        out
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    shared: StoredValue<Rc<Shared>, LocalStorage>,
    pub settings: RwSignal<Settings>,
    pub storage: RwSignal<StorageState>,
    pub save_state: RwSignal<SaveState>,
    /// The pinyin table (fetched after start; `Pinyin::none()` until then). Views that search
    /// or sort names read it, so they redraw with pinyin when it arrives.
    pub pinyin: RwSignal<Pinyin>,
    /// Why this page may not save until it is reloaded (another tab renewed the station id).
    stopped: RwSignal<Option<String>>,
}

impl AppState {
    pub fn new(workspace: StationWorkspace, settings: Settings) -> AppState {
        AppState {
            shared: StoredValue::new_local(Rc::new(Shared {
                workspace: RefCell::new(workspace),
                queue: OperationQueue::default(),
                changes: Changes::new(),
                collections: RefCell::new(HashMap::new()),
                owner: Owner::current().unwrap_or_default(),
                diaries: RefCell::new(HeldDiaries { index: DiaryIndex::new(), at: 0, from: DiarySource::Nothing }),
                steps: RefCell::new(HeldSteps { list: Arc::new(Vec::new()), at: 0, from: DiarySource::Nothing }),
                steps_memo: Cell::new(None),
                indexing: Cell::new(false),
                diaries_made: Cell::new(0),
                texts_failed: Cell::new(false),
                journal: RefCell::new(Journal::default()),
            })),
            settings: RwSignal::new(settings),
            storage: RwSignal::new(StorageState::default()),
            save_state: RwSignal::new(SaveState::Idle),
            pinyin: RwSignal::new(Pinyin::built_in().unwrap_or_default()),
            stopped: RwSignal::new(None),
        }
    }

    /// From now on every save is refused with `why`, which the status line shows.
    pub fn stop_saving(&self, why: String) {
        self.save_state.set(SaveState::Failed(why.clone()));
        self.stopped.set(Some(why));
    }

    /// Reads the workspace, and redraws the caller when records of these kinds change.
    pub fn read_kinds<R>(&self, kinds: &[&str], f: impl FnOnce(&StationWorkspace) -> R) -> R {
        let shared = self.shared.get_value();
        {
            let ws = shared.workspace.borrow();
            for kind in kinds {
                shared.changes.of_kind(kind, ws.replica().kind_version(kind)).track();
            }
        }
        self.read_now(f)
    }

    /// Reads the workspace, and redraws the caller when records of any kind change (an export,
    /// the conflict list: what reads every record).
    pub fn read_all<R>(&self, f: impl FnOnce(&StationWorkspace) -> R) -> R {
        let shared = self.shared.get_value();
        shared.changes.any.track();
        self.read_now(f)
    }

    /// Reads what the store knows of itself (damaged records, chunks, the clock, which kinds
    /// are read), and redraws the caller after every operation.
    pub fn read_store<R>(&self, f: impl FnOnce(&StationWorkspace) -> R) -> R {
        let shared = self.shared.get_value();
        shared.changes.store.track();
        self.read_now(f)
    }

    /// Reads the workspace once, redrawing nothing (an event handler, a record's page as opened).
    pub fn read_now<R>(&self, f: impl FnOnce(&StationWorkspace) -> R) -> R {
        let shared = self.shared.get_value();
        let guard = shared.workspace.borrow();
        f(&guard)
    }

    /// Reads the diary index, brought up to date with the diaries in memory first, and redraws
    /// the caller when diaries change. A county's 200,000 entries are not decoded again on every
    /// save: only the records changed since the index was last brought up to date. Until
    /// `index_diaries` has run the index is empty; when the workspace stopped holding the diaries
    /// by index (another tab rewrote the store), the old index is shown while a new one is made.
    pub fn read_diaries<R>(&self, f: impl FnOnce(&DiaryIndex) -> R) -> R {
        let shared = self.shared.get_value();
        let ws = shared.workspace.borrow();
        let replica = ws.replica();
        let version = replica.kind_version(kind::DIARY);
        shared.changes.of_kind(kind::DIARY, version).track();
        let mut held = shared.diaries.borrow_mut();
        let now = DiarySource::of_kind(&ws, kind::DIARY);
        match Refresh::of(now, held.from, replica.last_dropped(kind::DIARY) > held.at) {
            Refresh::FromReplica => {
                shared.diaries_made.set(shared.diaries_made.get() + 1);
                held.index = DiaryIndex::new();
                replica.live(kind::DIARY).for_each(|r| held.index.put(r));
                held.index.trim_room();
                held.at = version;
                held.from = now;
                shared.journal.borrow_mut().everything();
            }
            Refresh::IndexAgain => self.index_diaries_later(),
            Refresh::Changes if held.at != version => {
                let mut journal = shared.journal.borrow_mut();
                for record in replica.changed_since(kind::DIARY, held.at) {
                    held.index.put(record);
                    if record.is_deleted() {
                        journal.everything();
                    } else {
                        journal.touch(record.id.key());
                    }
                }
                held.at = version;
            }
            Refresh::Changes | Refresh::Keep => {}
        }
        f(&held.index)
    }

    /// The journal's moment now: what `diaries_changed_since` is asked from.
    pub fn diaries_now(&self) -> u64 {
        self.shared.get_value().journal.borrow().now
    }

    /// The diaries changed (they or their steps) since `moment` (a `diaries_now`), or `None` when
    /// the journal cannot tell (everything may have changed). Read it after `read_diaries` and
    /// `steps`, which bring the index and the steps up to date.
    pub fn diaries_changed_since(&self, moment: u64) -> Option<Vec<IdKey>> {
        let shared = self.shared.get_value();
        let journal = shared.journal.borrow();
        (moment >= journal.since).then(|| {
            let mut touched: Vec<IdKey> =
                journal.touched.iter().filter(|(at, _)| *at > moment).map(|(_, d)| *d).collect();
            crate::domain::sort::sort_by(&mut touched, |a, b| a.cmp(b));
            touched.dedup();
            touched
        })
    }

    /// Whether the diary index is made (`index_diaries`), redrawing the caller when the store
    /// changes.
    pub fn diaries_indexed(&self) -> bool {
        let shared = self.shared.get_value();
        shared.changes.store.track();
        let ws = shared.workspace.borrow();
        let diaries = shared.diaries.borrow().from;
        let steps = shared.steps.borrow().from;
        diaries != DiarySource::Nothing
            && diaries == DiarySource::of_kind(&ws, kind::DIARY)
            && steps != DiarySource::Nothing
            && steps == DiarySource::of_kind(&ws, kind::DIARY_STEP)
    }

    /// The facts of every step of the diaries' matters, by diary: held by index like the
    /// diaries (`index_diaries`), brought up to date with the steps in memory, and shared by every
    /// view.
    pub fn steps(&self) -> Collection<StepFacts> {
        let shared = self.shared.get_value();
        if let Some(memo) = shared.steps_memo.get() {
            return memo;
        }
        let state = *self;
        let memo: Collection<StepFacts> = shared.owner.with(|| {
            Memo::new_owning(move |last: Option<Arc<Vec<StepFacts>>>| {
                // Let go of the last list first, so bringing it up to date copies nothing.
                drop(last);
                (state.read_steps(), true)
            })
        });
        shared.steps_memo.set(Some(memo));
        memo
    }

    fn read_steps(&self) -> Arc<Vec<StepFacts>> {
        let shared = self.shared.get_value();
        let ws = shared.workspace.borrow();
        let replica = ws.replica();
        let version = replica.kind_version(kind::DIARY_STEP);
        shared.changes.of_kind(kind::DIARY_STEP, version).track();
        let mut held = shared.steps.borrow_mut();
        let now = DiarySource::of_kind(&ws, kind::DIARY_STEP);
        match Refresh::of(now, held.from, replica.last_dropped(kind::DIARY_STEP) > held.at) {
            Refresh::FromReplica => {
                let mut list: Vec<StepFacts> = replica.live(kind::DIARY_STEP).map(StepFacts::from_record).collect();
                list.sort_unstable_by(by_diary);
                held.list = Arc::new(list);
                shared.journal.borrow_mut().everything();
                held.at = version;
                held.from = now;
            }
            Refresh::IndexAgain => self.index_diaries_later(),
            Refresh::Changes if held.at != version => {
                let since = held.at;
                let mut journal = shared.journal.borrow_mut();
                for diary in held.put_all(replica.changed_since(kind::DIARY_STEP, since)) {
                    journal.touch(diary);
                }
                held.at = version;
            }
            Refresh::Changes | Refresh::Keep => {}
        }
        held.list.clone()
    }

    fn index_diaries_later(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let _ = state.index_diaries().await;
        });
    }

    /// Makes the diary index from the store, keeping only where each diary is stored in the
    /// workspace (`Workspace::read_indexed`): what 民情日记 reads before its pages show. Nothing
    /// happens if the index is made already, or being made.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn index_diaries(&self) -> Result<(), String> {
        let shared = self.shared.get_value();
        if shared.indexing.replace(true) {
            return Ok(());
        }
        let mut seeds = SeedParts::default();
        let mut later = None;
        let result = shared
            .queue
            .run(async {
                // Other tabs first: one may have rewritten the store.
                let now = browser::now_ms();
                shared.take_in_other_tabs(now).await?;
                let up_to_date = |k: &str, held: DiarySource| {
                    let from = DiarySource::of_kind(&shared.workspace.borrow(), k);
                    from == DiarySource::Loaded || (from == held && from == DiarySource::Indexed)
                };
                let diaries_due = !up_to_date(kind::DIARY, shared.diaries.borrow().from);
                let steps_due = !up_to_date(kind::DIARY_STEP, shared.steps.borrow().from);
                // The index kept by an earlier session, if it fits the store as it is now: then
                // only the chunks written since are read.
                let mut kept = None;
                if diaries_due && steps_due {
                    let ws = shared.workspace.borrow();
                    kept = kept_index::read(ws.store(), ws.epoch())
                        .await?
                        .filter(|k| ws.seed_fits(&k.diary_seed) && ws.seed_fits(&k.step_seed));
                }
                let (diary_kept, step_kept) = match kept {
                    Some(k) => {
                        later = Some(k.later);
                        (Some((k.index, k.diary_seed)), Some((k.steps, k.step_seed)))
                    }
                    None => (None, None),
                };
                if diaries_due {
                    let (mut index, seed) = match diary_kept {
                        Some((index, seed)) => (index, Some(seed)),
                        None => (DiaryIndex::with_room_for(shared.workspace.borrow().stored_count(kind::DIARY)), None),
                    };
                    let read = shared.workspace.borrow().read_indexed(kind::DIARY, seed, &mut |r| index.put(r)).await?;
                    seeds.take(&read, false);
                    let mut ws = shared.workspace.borrow_mut();
                    ws.settle_indexed(read, now);
                    index.trim_room();
                    let at = ws.replica().kind_version(kind::DIARY);
                    shared.diaries_made.set(shared.diaries_made.get() + 1);
                    *shared.diaries.borrow_mut() =
                        HeldDiaries { index, at, from: DiarySource::of_kind(&ws, kind::DIARY) };
                    shared.journal.borrow_mut().everything();
                }
                if steps_due {
                    let (mut steps, seed) = match step_kept {
                        Some((list, seed)) => (StepsRead::starting_from(list), Some(seed)),
                        None => {
                            let stored = shared.workspace.borrow().stored_count(kind::DIARY_STEP);
                            (StepsRead::with_room_for(stored), None)
                        }
                    };
                    let read =
                        shared.workspace.borrow().read_indexed(kind::DIARY_STEP, seed, &mut |r| steps.take(r)).await?;
                    seeds.take(&read, true);
                    let list = steps.into_list(read.resident());
                    let mut ws = shared.workspace.borrow_mut();
                    ws.settle_indexed(read, now);
                    let at = ws.replica().kind_version(kind::DIARY_STEP);
                    let from = DiarySource::of_kind(&ws, kind::DIARY_STEP);
                    *shared.steps.borrow_mut() = HeldSteps { list: Arc::new(list), at, from };
                    shared.journal.borrow_mut().everything();
                }
                Ok::<_, StoreError>(shared.workspace.borrow().epoch().to_string())
            })
            .await;
        shared.indexing.set(false);
        // The index is news to every view of diaries, though no record changed.
        shared.changes.of_kind(kind::DIARY, 0).notify();
        shared.changes.of_kind(kind::DIARY_STEP, 0).notify();
        self.changed();
        let epoch = result.map_err(|e| super::text::store_error(&e))?;
        if let Some(later) = later {
            self.take_later_texts(later);
        }
        if seeds.is_whole() {
            self.keep_index_later(epoch, seeds);
        }
        Ok(())
    }

    /// Reads the texts an index kept between sessions left for later (`kept_index`), once the
    /// section's first screen is drawn, into that index (not one made since). If they cannot be
    /// read, the kept index is removed, to be made again from the records on the next opening,
    /// and the pages waiting for texts say so (`texts_wait_note`).
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    fn take_later_texts(&self, later: LaterParts) {
        let state = *self;
        let shared = self.shared.get_value();
        let made = shared.diaries_made.get();
        leptos::task::spawn_local(async move {
            browser::after_next_frame().await;
            let blocks = kept_index::later_texts(later).await;
            if shared.diaries_made.get() != made {
                return;
            }
            let taken = match blocks {
                Ok(Some(blocks)) => {
                    let mut held = shared.diaries.borrow_mut();
                    blocks.into_iter().all(|b| held.index.take_text_block(b).is_some()) && held.index.texts_ready()
                }
                _ => false,
            };
            if !taken {
                shared.texts_failed.set(true);
                web_sys::console::warn_1(&"民情日记索引中的记录全文未能读出，已清除该索引".into());
                let _ = shared
                    .queue
                    .run(async { shared.workspace.borrow().store().forget_parts(kept_index::NAME).await })
                    .await;
            }
            // Lists show excerpts, searches wait for the texts.
            shared.changes.of_kind(kind::DIARY, 0).notify();
            state.changed();
        });
    }

    /// What a page that needs an entry's texts shows while they are still to come
    /// (`DiaryIndex::texts`): that they are being read, or that they could not be.
    pub fn texts_wait_note(&self) -> &'static str {
        if self.shared.get_value().texts_failed.get() {
            super::diary::text::rt().texts_failed
        } else {
            super::diary::text::rt().texts_coming
        }
    }

    /// Keeps the diaries' index for the next session (`kept_index`), once the page has drawn
    /// what it was made for. Not if the store or the index changed hands meanwhile: another
    /// epoch (`keep_parts` refuses it), or diaries no longer held by index.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    fn keep_index_later(&self, epoch: String, seeds: SeedParts) {
        let shared = self.shared.get_value();
        leptos::task::spawn_local(async move {
            browser::pause(KEEP_INDEX_AFTER_MS).await;
            let kept = shared
                .queue
                .run(async {
                    let ws = shared.workspace.borrow();
                    let (diaries, steps) = (shared.diaries.borrow(), shared.steps.borrow());
                    if ws.epoch() != epoch
                        || diaries.from != DiarySource::Indexed
                        || steps.from != DiarySource::Indexed
                        || !diaries.index.texts_ready()
                    {
                        return Ok(false);
                    }
                    kept_index::write(ws.store(), &epoch, seeds, &diaries.index, &steps.list).await
                })
                .await;
            if let Err(e) = kept {
                web_sys::console::warn_1(&format!("民情日记的索引未能保存（下次打开时重新建立）：{e}").into());
            }
        });
    }

    /// The steps of these diaries whole, with their texts: from memory where resident, else read
    /// from the store and not kept (only the steps' facts stay in memory). In no particular order.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn whole_steps(&self, diaries: &[RecordId]) -> Result<Vec<Step>, String> {
        let shared = self.shared.get_value();
        let ids: Vec<RecordId> = {
            let held = shared.steps.borrow();
            diaries.iter().flat_map(|d| steps_of(&held.list, d.key())).map(|s| s.id.id()).collect()
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        shared
            .queue
            .run(async {
                let ws = shared.workspace.borrow();
                let held = ids.iter().filter_map(|id| ws.replica().get(id)).filter(|r| !r.is_deleted());
                let mut out: Vec<Step> = held.map(Step::from_record).collect();
                let read = ws.read_resident(&ids).await?;
                out.extend(read.records().iter().filter(|r| !r.is_deleted()).map(Step::from_record));
                Ok::<_, StoreError>(out)
            })
            .await
            .map_err(|e| super::text::store_error(&e))
    }

    /// Every live record of `T`'s kind, decoded once however many views read it, and again only
    /// when a record of that kind changes. The list is shared (`Arc`): reading it copies nothing.
    pub fn collection<T: Collected>(&self) -> Collection<T> {
        let shared = self.shared.get_value();
        if let Some(memo) = shared.collections.borrow().get(&TypeId::of::<T>()).and_then(|m| m.downcast_ref()) {
            return *memo;
        }
        let state = *self;
        let memo: Collection<T> = shared.owner.with(|| {
            // The kind's version when the last list was made: a record not changed since is taken
            // from that list, not decoded again (saving one of 50,000 members decodes one). The
            // last list is handed over, so its records are moved, not copied, unless a view
            // still holds it.
            let made_at = StoredValue::new_local(0u64);
            Memo::new_owning(move |last: Option<Arc<Vec<T>>>| {
                let mut rebuild = Rebuild {
                    last: match last.map(Arc::try_unwrap) {
                        Some(Ok(list)) => Last::Owned(list.into_iter().map(Some).collect()),
                        Some(Err(shared)) => Last::Shared(shared),
                        None => Last::Owned(Vec::new()),
                    },
                    out: Vec::new(),
                };
                state.rebuild_collection(T::KIND, made_at, &mut rebuild);
                // Recomputed only when the kind changed, so a new list is always news.
                (Arc::new(rebuild.out), true)
            })
        });
        shared.collections.borrow_mut().insert(TypeId::of::<T>(), Box::new(memo));
        memo
    }

    /// The part of `collection` that does not depend on the record type, so it is compiled once
    /// (not once per kind): reads the kind, plans which records of the last list are kept
    /// (`plan_reuse`), and hands each live record, with where it was, to `rebuild`.
    fn rebuild_collection(&self, kind: &'static str, made_at: StoredValue<u64, LocalStorage>, rebuild: &mut dyn Reuse) {
        self.read_kinds(&[kind], |ws| {
            let replica = ws.replica();
            let plan = {
                let ids: Vec<&RecordId> = (0..rebuild.len()).map(|at| rebuild.id(at)).collect();
                plan_reuse(&ids, replica.live_since(kind), made_at.get_value())
            };
            made_at.set_value(replica.kind_version(kind));
            rebuild.reserve(plan.len());
            for (record, kept) in plan {
                rebuild.push(record, kept);
            }
        })
    }

    /// Tells the views of whatever changed in memory.
    fn changed(&self) {
        let shared = self.shared.get_value();
        let ws = shared.workspace.borrow();
        shared.changes.notify(ws.replica());
    }

    /// Saves edits in one transaction. On failure nothing is stored and nothing on screen
    /// changes; the status line and the returned message say why, in Chinese.
    pub async fn commit(&self, edits: Vec<Edit>) -> Result<Vec<RecordId>, String> {
        // A diary held by index is read whole before it is changed.
        let edited: Vec<RecordId> =
            edits.iter().filter(|e| !matches!(e, Edit::Create { .. })).map(|e| e.record_id().clone()).collect();
        self.save(&edited, async move |ws: &StationWorkspace, now| ws.write(edits, now).await).await
    }

    /// Writes an import (`exchange::plan`): records that already carry their stamps, with its
    /// entry added to the import log and its undo (if it changes anything: one that changes
    /// nothing leaves the last import's undo alone) in the same transaction, through the same
    /// queue as `commit` and with the same outcome: all of it is stored, or nothing and the
    /// reason is shown. The log and the records set aside (`held`, changed by `held_change`:
    /// what the file set aside added, what was taken in dropped) are read afresh just before, so
    /// another tab's entries stay; both are returned as written.
    pub async fn import(
        &self,
        records: Vec<Record>,
        entry: LogEntry,
        undo: Option<String>,
        held_change: HeldChange,
    ) -> Result<(Vec<LogEntry>, Vec<Held>), String> {
        let written = RefCell::new((Vec::new(), Vec::new()));
        self.save(&[], async |ws: &StationWorkspace, _| {
            browser::note_import();
            let mut log = log::from_json(ws.store().meta(LOG_META_KEY).await?.as_deref());
            log.push(entry);
            let log_json = log::to_json(&log);
            let mut on_hold = held::from_json(ws.store().meta(HELD_META_KEY).await?.as_deref());
            held_change(&mut on_hold);
            let held_json = held::to_json(&on_hold);
            *written.borrow_mut() = (log, on_hold);
            let mut meta: Vec<(&str, &str)> = vec![(LOG_META_KEY, &log_json), (HELD_META_KEY, &held_json)];
            if let Some(undo) = &undo {
                meta.push((UNDO_META_KEY, undo));
            }
            ws.write_records_noting(records, &meta).await
        })
        .await?;
        Ok(written.into_inner())
    }

    /// One transaction (`write`), then into memory (`settle`); a database the browser deleted
    /// under the page is rewritten from memory (`take_rewritten`), and the status line says so.
    /// Records of `edited` held by index are read whole first (`Workspace::read_resident`).
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    async fn save(
        &self,
        edited: &[RecordId],
        write: impl AsyncFnOnce(&StationWorkspace, u64) -> Result<Written, StoreError>,
    ) -> Result<Vec<RecordId>, String> {
        if let Some(why) = self.stopped.get_untracked() {
            self.save_state.set(SaveState::Failed(why.clone()));
            return Err(why);
        }
        self.save_state.set(SaveState::Saving);
        let shared = self.shared.get_value();
        let result = shared
            .queue
            .run(async {
                let now = browser::now_ms();
                if !edited.is_empty() {
                    let residents = shared.workspace.borrow().read_resident(edited).await;
                    match residents {
                        Ok(residents) if !residents.is_empty() => {
                            shared.workspace.borrow_mut().settle_resident(residents, now)
                        }
                        Ok(_) => {}
                        // Another tab rewrote the store: read it again, then say to save again.
                        Err(StoreError::Stale) => {
                            shared.take_in_other_tabs(now).await?;
                            return Err(StoreError::Stale);
                        }
                        Err(e) => return Err(e),
                    }
                }
                // Only a shared borrow while the transaction runs, so the page can still draw.
                let written = {
                    let ws = shared.workspace.borrow();
                    write(&ws, now).await
                };
                let written = match written {
                    // Another tab rewrote chunks: read the store again, then say to save again.
                    Err(StoreError::Stale) => {
                        shared.take_in_other_tabs(now).await?;
                        return Err(StoreError::Stale);
                    }
                    other => other?,
                };
                let ids = shared.workspace.borrow_mut().settle(written, now);
                let rewritten = shared.workspace.borrow_mut().take_rewritten();
                if rewritten.is_some() {
                    // The station's identity was kept beside the data, and went with it.
                    if let Some(profile) = self.settings.with_untracked(|s| s.profile.clone()) {
                        let text = serde_json::to_string(&profile).unwrap_or_default();
                        shared.workspace.borrow().store().set_meta(PROFILE_META_KEY, &text).await?;
                    }
                }
                Ok::<_, StoreError>((ids, rewritten))
            })
            .await;
        match result {
            Ok((ids, rewritten)) => {
                self.changed();
                self.save_state.set(match rewritten {
                    None => SaveState::Saved,
                    Some(r) => SaveState::SavedWithWarning(super::text::database_rebuilt(r.lost_unread_chunks)),
                });
                browser::announce(browser::TabNews::Saved);
                self.refresh_storage();
                Ok(ids)
            }
            Err(e) => {
                if e == StoreError::Stale {
                    self.changed();
                }
                let message = super::text::store_error(&e);
                self.save_state.set(SaveState::Failed(message.clone()));
                Err(message)
            }
        }
    }

    /// Reads a kind that is not loaded at start (audit entries, diaries) into memory; nothing
    /// happens if it is loaded already.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn load_kind(&self, kind: &'static str) -> Result<(), String> {
        let shared = self.shared.get_value();
        if shared.workspace.borrow().is_loaded(kind) {
            return Ok(());
        }
        let result = shared
            .queue
            .run(async {
                // Other tabs first: one may have rewritten this kind's chunks.
                shared.take_in_other_tabs(browser::now_ms()).await?;
                let read = shared.workspace.borrow().read_kind(kind).await?;
                shared.workspace.borrow_mut().settle_kind(read, browser::now_ms());
                Ok::<_, StoreError>(())
            })
            .await;
        self.changed();
        result.map_err(|e| super::text::store_error(&e))
    }

    /// Reads every kind not read yet or held by index, after taking in what other tabs saved: an
    /// export, an import's preview and the conflict list need all of the station's records.
    pub async fn load_all(&self) -> Result<(), String> {
        self.load_all_and(&[]).await
    }

    /// `load_all`, and counts `kinds` as loaded too, though the station may have none of them
    /// yet: an import's records of those kinds are then taken into memory when written, not
    /// left in the store only (`ParsedFile::kinds`).
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn load_all_and(&self, kinds: &[&str]) -> Result<(), String> {
        let shared = self.shared.get_value();
        let result = shared
            .queue
            .run(async {
                shared.take_in_other_tabs(browser::now_ms()).await?;
                let mut all = shared.workspace.borrow().partial_kinds();
                all.extend(kinds.iter().map(|k| k.to_string()));
                for kind in all {
                    if shared.workspace.borrow().is_loaded(&kind) {
                        continue;
                    }
                    let read = shared.workspace.borrow().read_kind(&kind).await?;
                    shared.workspace.borrow_mut().settle_kind(read, browser::now_ms());
                }
                Ok::<_, StoreError>(())
            })
            .await;
        self.changed();
        result.map_err(|e| super::text::store_error(&e))
    }

    /// Reads a value kept beside the data (the import log).
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn meta(&self, key: &str) -> Result<Option<String>, String> {
        let shared = self.shared.get_value();
        let result = shared.queue.run(async { shared.workspace.borrow().store().meta(key).await }).await;
        result.map_err(|e| super::text::store_error(&e))
    }

    /// Keeps a value beside the data (the station profile), in a transaction of its own.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), String> {
        let shared = self.shared.get_value();
        let result = shared.queue.run(async { shared.workspace.borrow().store().set_meta(key, value).await }).await;
        result.map_err(|e| super::text::store_error(&e))
    }

    /// Undoes the last import (`exchange::undo`): checked against the latest records (other tabs
    /// taken in first), then the kinds it touched are rewritten as they were, with `meta` (the log
    /// entry marked undone, the undo cleared) in the same transaction. Refused, with the reason,
    /// if anything it wrote has changed since.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn undo_import(&self, undo: &ImportUndo) -> Result<Vec<LogEntry>, String> {
        if let Some(why) = self.stopped.get_untracked() {
            self.save_state.set(SaveState::Failed(why.clone()));
            return Err(why);
        }
        self.save_state.set(SaveState::Saving);
        let shared = self.shared.get_value();
        let result = shared
            .queue
            .run(async {
                let store_error = |e: StoreError| super::text::store_error(&e);
                let now = browser::now_ms();
                shared.take_in_other_tabs(now).await.map_err(store_error)?;
                let partial: Vec<String> = shared.workspace.borrow().partial_kinds();
                for kind in partial.into_iter().filter(|k| undo.records.iter().any(|u| &u.kind == k)) {
                    let read = shared.workspace.borrow().read_kind(&kind).await.map_err(store_error)?;
                    shared.workspace.borrow_mut().settle_kind(read, now);
                }
                let restore = plan_undo(undo, shared.workspace.borrow().replica()).map_err(|e| e.message())?;
                // The log as stored now (another tab may have added to it), this import marked.
                let stored_log = shared.workspace.borrow().store().meta(LOG_META_KEY).await.map_err(store_error)?;
                let mut log = log::from_json(stored_log.as_deref());
                log::mark_undone(&mut log, &undo.sha256);
                let log_json = log::to_json(&log);
                // What the import set aside goes with it; what it took in is set aside again.
                let stored_held = shared.workspace.borrow().store().meta(HELD_META_KEY).await.map_err(store_error)?;
                let mut on_hold = held::from_json(stored_held.as_deref());
                held::drop_import(&mut on_hold, &undo.sha256);
                on_hold.extend(undo.released.iter().cloned());
                let held_json = held::to_json(&on_hold);
                let meta =
                    [(LOG_META_KEY, log_json.as_str()), (UNDO_META_KEY, ""), (HELD_META_KEY, held_json.as_str())];
                browser::note_import();
                let restored = shared
                    .workspace
                    .borrow()
                    .write_restore(restore.records, restore.remove, &restore.kinds, &meta)
                    .await
                    .map_err(store_error)?;
                shared.workspace.borrow_mut().settle_restore(restored);
                // Past its own new chunks, so later saves do not read them back.
                shared.take_in_other_tabs(now).await.map_err(store_error)?;
                Ok::<_, String>(log)
            })
            .await;
        self.changed();
        match &result {
            Ok(_) => {
                self.save_state.set(SaveState::Saved);
                browser::announce(browser::TabNews::Saved);
                self.refresh_storage();
            }
            Err(message) => self.save_state.set(SaveState::Failed(message.clone())),
        }
        result
    }

    /// Takes in what another tab saved.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn catch_up(&self) -> Result<(), StoreError> {
        let shared = self.shared.get_value();
        shared
            .queue
            .run(async {
                shared.take_in_other_tabs(browser::now_ms()).await?;
                Ok::<_, StoreError>(())
            })
            .await?;
        self.changed();
        Ok(())
    }

    /// Tidies the store when edits have piled up; run when the page is idle after start.
    // A shared borrow is held across the store's awaits: safe, the queue runs one at a time.
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn compact(&self) -> Result<(), StoreError> {
        let shared = self.shared.get_value();
        shared
            .queue
            .run(async {
                let done = shared.workspace.borrow().write_compaction().await?;
                shared.workspace.borrow_mut().settle_compaction(done);
                // Past its own new chunks, so later saves do not read them back.
                shared.take_in_other_tabs(browser::now_ms()).await?;
                Ok(())
            })
            .await
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
