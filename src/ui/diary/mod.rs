//! 民情日记: the entries (`entries`: search and filters), the notebook page form (`form`), an
//! entry's page with its matter's chain (`entry`), the work lists (`lists`) and the household
//! register with each household's archive (`households`). This file routes the sub-paths and
//! holds what the pages share: the records they read, and each entry's matter in short.

pub mod charts;
pub mod entries;
pub mod entry;
pub mod form;
pub mod households;
pub mod import;
pub mod lists;
pub mod report;
pub mod text;

use crate::domain::cadre::{Cadre, Liaison};
use crate::domain::diary_search::{
    diary_work, newest_first, patch_newest_first, patch_work, work_lists, DiaryWork, WorkLists, WorkSettings,
};
use crate::domain::diary_step::{steps_of, MatterState, Step, StepFacts};
use crate::domain::hash::IdMap;
use crate::domain::household::Household;
use crate::domain::member::Member;
use crate::domain::org::Org;
use crate::domain::record::{kind, Record, RecordId};
use crate::ui::diary::text::rt;
use crate::ui::kit::fields::KindsGate;
use crate::ui::kit::shown::{while_shown, while_shown_shared, Kept};
use crate::ui::state::{Collected, Collection};
use crate::ui::AppState;
use crate::web::browser;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

/// The kinds the section reads before any page shows (organizations and members are read at
/// start): diaries, their steps, households, and the cadres who write.
const KINDS: &[&str] = &[kind::DIARY, kind::DIARY_STEP, kind::HOUSEHOLD, kind::CADRE, kind::LIAISON];

/// What the pages read, shared so each is read once.
#[derive(Clone, Copy)]
pub struct DiaryData {
    pub orgs: Collection<Org>,
    pub members: Collection<Member>,
    pub cadres: Collection<Cadre>,
    pub liaisons: Collection<Liaison>,
    pub households: Collection<Household>,
    /// Every step's facts (what matters, lists and counts read); `whole_steps` reads texts.
    pub steps: Collection<StepFacts>,
    /// Every entry's matter in short and the counts by state, computed while the section is shown.
    pub work: Memo<Arc<DiaryWork>>,
    /// 逾期, 即将到期, waiting for 阅批, households with an open matter.
    pub work_lists: Memo<Arc<WorkLists>>,
    /// Every entry's position in the index, newest first (`diary_search::newest_first`): sorted
    /// once for each change of the diaries, not for every filter.
    pub order: Memo<Arc<Vec<usize>>>,
    /// The names of people, organizations and households (`Names::of`).
    names: Memo<Arc<Names>>,
    /// The work lists' tables that read every entry.
    pub lists: lists::ListsData,
}

/// Names of the records the pages show, looked up by id; "" for an id not known here.
pub struct Names {
    people: IdMap<String>,
    orgs: IdMap<String>,
    households: IdMap<String>,
}

impl Names {
    /// The section's names, made once for every view and again only when one of the kinds
    /// they come from changes (a county's 50,000 members and 12,000 households).
    pub fn of(data: &DiaryData) -> Arc<Names> {
        data.names.get()
    }

    fn made(
        orgs: Collection<Org>,
        members: Collection<Member>,
        cadres: Collection<Cadre>,
        households: Collection<Household>,
    ) -> Names {
        let mut people: IdMap<String> = members.with(|ms| ms.iter().map(|m| (m.id.clone(), m.name.clone())).collect());
        cadres.with(|cs| {
            for c in cs.iter() {
                people.insert(c.id.clone(), c.person.name.clone());
            }
        });
        Names {
            people,
            orgs: orgs.with(|os| os.iter().map(|o| (o.id.clone(), o.name.clone())).collect()),
            households: households.with(|hs| hs.iter().map(|h| (h.id.clone(), h.head.clone())).collect()),
        }
    }

    /// Who each writer id names: a member (by name) or a cadre record.
    pub fn people(&self) -> &IdMap<String> {
        &self.people
    }

    pub fn orgs(&self) -> &IdMap<String> {
        &self.orgs
    }

    pub fn person(&self, id: Option<&RecordId>) -> String {
        id.and_then(|id| self.people.get(id).cloned()).unwrap_or_default()
    }

    pub fn org(&self, id: Option<&RecordId>) -> String {
        id.and_then(|id| self.orgs.get(id).cloned()).unwrap_or_default()
    }

    /// The household's 户主, if it is on the register here.
    pub fn household(&self, id: &RecordId) -> Option<&str> {
        self.households.get(id).map(String::as_str)
    }

    /// The household's 户主, or words saying it is not on the register.
    pub fn household_or_unknown(&self, id: &RecordId) -> String {
        self.household(id).unwrap_or(rt().unknown_household).to_string()
    }
}

/// The steps of the diaries `which` names, whole (with their texts, read from the store), read
/// again when any step changes. Only the latest read counts.
#[derive(Clone, Copy)]
pub struct WholeSteps {
    read: ReadSignal<Option<Result<Vec<Step>, String>>>,
    /// A newer read is under way: what `get` gives may lack a step just saved. Pages say so
    /// (`aria-busy`), so a reader, or a test, knows to wait.
    busy: ReadSignal<bool>,
}

impl WholeSteps {
    /// `None` until the first read ends.
    pub fn get(&self) -> Option<Result<Vec<Step>, String>> {
        self.read.get()
    }

    pub fn busy(&self) -> bool {
        self.busy.get()
    }
}

pub fn whole_steps(which: impl Fn() -> Vec<RecordId> + 'static) -> WholeSteps {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let (read, set_read) = signal(None);
    let (busy, set_busy) = signal(true);
    let asked = StoredValue::new(0u32);
    Effect::new(move |_| {
        data.steps.track();
        let diaries = which();
        let n = asked.get_value().wrapping_add(1);
        asked.set_value(n);
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            let steps = state.whole_steps(&diaries).await;
            if !asked.is_disposed() && asked.get_value() == n {
                set_read.set(Some(steps));
                set_busy.set(false);
            }
        });
    });
    WholeSteps { read, busy }
}

/// `subpath` is what follows `#/diary` (`Page`).
#[component]
pub fn DiarySection(subpath: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let steps = state.steps();
    // The last work and order made, with the journal's moment then: after a save, only the
    // entries it changed are computed again (a county's 200,000 are not).
    let made_work = StoredValue::new(None::<(u64, NaiveDate, Arc<DiaryWork>)>);
    let work = while_shown_shared(move || {
        let today = browser::today();
        let steps = steps.get();
        state.read_diaries(|index| {
            let moment = state.diaries_now();
            let patched = made_work.with_value(|made| {
                let (at, _, last) = made.as_ref().filter(|(_, day, _)| *day == today)?;
                let changed = state.diaries_changed_since(*at)?;
                let positions: Vec<usize> = changed.iter().filter_map(|&d| index.position_of(d)).collect();
                let theirs: Vec<StepFacts> = changed.iter().flat_map(|&d| steps_of(&steps, d)).copied().collect();
                Some(patch_work(last, index, &positions, &theirs, today))
            });
            let work = Arc::new(patched.unwrap_or_else(|| diary_work(index, &steps, today)));
            made_work.set_value(Some((moment, today, work.clone())));
            work
        })
    });
    // Made when a page shows them, not at each save.
    let lists_of_work = while_shown(move || {
        let settings = state.settings.with(|s| s.diary);
        let settings =
            WorkSettings { due_within_days: settings.due_within_days, review_within_days: settings.review_within_days };
        let work = work.get();
        state.read_diaries(|index| work_lists(index, &work.facts, browser::today(), settings))
    });
    let made_order = StoredValue::new(None::<(u64, Arc<Vec<usize>>)>);
    let order = while_shown_shared(move || {
        state.read_diaries(|index| {
            let moment = state.diaries_now();
            let patched = made_order.with_value(|made| {
                let (at, last) = made.as_ref()?;
                let changed = state.diaries_changed_since(*at)?;
                let positions: Vec<usize> = changed.iter().filter_map(|&d| index.position_of(d)).collect();
                Some(patch_newest_first(last, index, &positions))
            });
            let order = Arc::new(patched.unwrap_or_else(|| newest_first(index)));
            made_order.set_value(Some((moment, order.clone())));
            order
        })
    });
    let (orgs, members, cadres) =
        (state.collection::<Org>(), state.collection::<Member>(), state.collection::<Cadre>());
    let households = state.collection::<Household>();
    // Made while the section is shown: a member saved elsewhere costs the hidden section nothing.
    let names = while_shown(move || Names::made(orgs, members, cadres, households));
    provide_context(DiaryData {
        orgs,
        members,
        cadres,
        liaisons: state.collection::<Liaison>(),
        households,
        steps,
        work,
        work_lists: lists_of_work,
        order,
        names,
        lists: lists::ListsData::new(state, cadres, households, members),
    });
    let tab = Memo::new(move |_| {
        let path = subpath.get();
        let first = path.trim_matches('/').split('/').next().unwrap_or_default().to_string();
        match first.as_str() {
            "new" | "lists" | "households" | "report" => first,
            _ => String::new(),
        }
    });
    let tabs = move || {
        [
            ("", rt().tab_entries),
            ("new", rt().tab_new),
            ("lists", rt().tab_lists),
            ("households", rt().tab_households),
            ("report", text::pt().tab_report),
        ]
        .into_iter()
        .map(|(path, label)| {
            let href = if path.is_empty() { "#/diary".to_string() } else { format!("#/diary/{path}") };
            view! { <a href=href aria-current=move || (tab.get() == path).then_some("page")>{label}</a> }
        })
        .collect_view()
    };
    let page = Memo::new(move |_| subpath.with(|path| Page::of(path)));
    let list_shown = Signal::derive(move || page.with(|p| *p == Page::Entries));
    let other_page = move || match page.get() {
        Page::Entries => ().into_any(),
        Page::New => view! { <form::DiaryFormPage editing=None /> }.into_any(),
        Page::Lists => view! { <lists::WorkLists /> }.into_any(),
        Page::Households => view! { <households::HouseholdRegister /> }.into_any(),
        Page::Report => view! { <report::MonthlyReport /> }.into_any(),
        Page::Board => view! { <report::NoticeBoard /> }.into_any(),
        Page::Charts => view! { <charts::DiaryCharts /> }.into_any(),
        Page::Supervision(id) => view! { <report::SupervisionSheet id=id /> }.into_any(),
        Page::NewHousehold => view! { <households::HouseholdFormPage editing=None /> }.into_any(),
        Page::ImportHouseholds => view! { <import::HouseholdImport /> }.into_any(),
        Page::Archive(id) => view! { <households::HouseholdArchive id=id /> }.into_any(),
        Page::EditHousehold(id) => view! { <households::HouseholdFormPage editing=id /> }.into_any(),
        Page::Entry(id) => view! { <entry::EntryPage id=id /> }.into_any(),
        Page::Edit(id) => view! { <form::DiaryFormPage editing=id /> }.into_any(),
    };
    view! {
        <section class="page wide diary">
            <h2 class="no-print">{rt().title}</h2>
            <nav class="tabs no-print" aria-label=rt().title>{tabs}</nav>
            <KindsGate kinds=KINDS>
                // The list is kept while another page shows: coming back from writing an entry
                // draws the entry, not the page of 200,000 again; its filters stay as they were.
                <Kept shown=list_shown><entries::EntryList /></Kept>
                {other_page}
                <lists::MakeListsWhenIdle />
            </KindsGate>
        </section>
    }
}

/// The section's pages, from what follows `#/diary`: empty (the entries), `/new`, `/<id>`,
/// `/<id>/edit`, `/<id>/supervision` (督办单), `/report` (汇报), `/report/board`
/// (公开栏), `/report/charts`, `/lists`, `/households`, `/households/new`, `/households/<id>` (the
/// archive), `/households/<id>/edit`, `/households/import`. A path not known shows the entries.
#[derive(Clone, Debug, PartialEq)]
enum Page {
    Entries,
    New,
    Lists,
    Households,
    Report,
    Board,
    Charts,
    Supervision(RecordId),
    NewHousehold,
    ImportHouseholds,
    Archive(RecordId),
    EditHousehold(Option<RecordId>),
    Entry(RecordId),
    Edit(Option<RecordId>),
}

impl Page {
    fn of(path: &str) -> Page {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let id = RecordId::parse;
        match parts.as_slice() {
            ["new"] => Page::New,
            ["lists"] => Page::Lists,
            ["households"] => Page::Households,
            ["report"] => Page::Report,
            ["report", "board"] => Page::Board,
            ["report", "charts"] => Page::Charts,
            [d, "supervision"] => id(d).map_or(Page::Entries, Page::Supervision),
            ["households", "new"] => Page::NewHousehold,
            ["households", "import"] => Page::ImportHouseholds,
            ["households", h] => id(h).map_or(Page::Entries, Page::Archive),
            ["households", h, "edit"] => Page::EditHousehold(id(h)),
            [d] => id(d).map_or(Page::Entries, Page::Entry),
            [d, "edit"] => Page::Edit(id(d)),
            _ => Page::Entries,
        }
    }
}

/// A household as lists and choices name it: 户主, and the 村民小组 when there is one.
pub fn head_and_group(head: &str, group: &str) -> String {
    if group.is_empty() {
        head.to_string()
    } else {
        format!("{head}（{group}）")
    }
}

/// A matter's state as the pages name it.
pub fn state_label(s: MatterState) -> &'static str {
    match s {
        MatterState::NoFollowUp => "当场办结",
        MatterState::AwaitingReview => "待阅",
        MatterState::Reviewed => "已阅批",
        MatterState::Supervised => "督办中",
        MatterState::Handling => "办理中",
        MatterState::Done => "已办结",
        MatterState::FedBack => "已反馈",
        MatterState::Dissatisfied => "不满意待办",
        MatterState::Published => "已公开",
        MatterState::Closed => "已销号",
        MatterState::Explained => "已解释说明",
        MatterState::HandedUp => "已上交",
    }
}

impl Collected for Household {
    const KIND: &'static str = kind::HOUSEHOLD;
    fn decode(record: &Record) -> Household {
        Household::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}
