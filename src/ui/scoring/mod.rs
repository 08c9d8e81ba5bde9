//! 考核评分: 组织生活 (`meetings`: the list with its cadence counts, the form with its attendance
//! sheet), 党员积分 (`points`: a branch's ranking, a member's ledger with typed entries and
//! exemptions), 民主评议党员 (`review`: a branch's year in its four steps, tallies and ballots,
//! the quota, 处置) and 干部考核 (`appraisal`: a cadre's year, score sheets, the result and its
//! printable sheet), 公信度调查 (`credibility`: a village team's survey, sheets, rates and 甄别,
//! its 测评汇总表), 组织评定 (`orgs`: 五强 scores, 软弱涣散 signs, the 五个不撤离 plan) and 考核方案
//! (`schemes`: each family's scheme of a year, its items and parameters edited). This
//! file routes the sub-paths and holds the records the pages share. Every check, count and score
//! comes from `domain::scoring`; the pages only show them.

/// `Collected` for a scoring record type read by its `from_record`.
macro_rules! collected {
    ($t:ty, $kind:expr) => {
        impl crate::ui::state::Collected for $t {
            const KIND: &'static str = $kind;
            fn decode(record: &crate::domain::record::Record) -> $t {
                <$t>::from_record(record)
            }
            fn id(&self) -> &crate::domain::record::RecordId {
                &self.id
            }
        }
    };
}

pub mod appraisal;
pub mod changed;
pub mod credibility;
pub mod kept_ledger;
pub mod meetings;
pub mod notice;
pub mod orgs;
pub mod points;
pub mod review;
pub mod schemes;
pub mod text;

use crate::domain::cadre::Cadre;
use crate::domain::member::Member;
use crate::domain::org::Org;
use crate::domain::record::{kind, RecordId};
use crate::domain::scoring::ledger::{ExemptionRecord, PointsEntry, Sources};
use crate::domain::scoring::meeting::Meeting;
use crate::domain::scoring::scheme::{current, template, Family, Scheme};
use crate::domain::training::Training;
use crate::ui::kit::fields::{form_error, message_line, FieldError, KindsGate, Message};
use crate::ui::kit::shown::Kept;
use crate::ui::scoring::text as st;
use crate::ui::state::Collection;
use crate::ui::AppState;
use chrono::Datelike;
use leptos::prelude::*;

/// The kinds the section reads before any page shows (organizations and members are read at
/// start): what a ledger counts (meetings, trainings, diaries, typed entries), exemptions, the
/// schemes, and the cadres whose ids attendance may name.
const KINDS: &[&str] = &[
    kind::MEETING,
    kind::POINTS_ENTRY,
    kind::POINTS_EXEMPTION,
    kind::SCHEME,
    kind::CADRE,
    kind::TRAINING,
    kind::DIARY,
];

/// What the pages read, shared so each is read once.
#[derive(Clone, Copy)]
pub struct ScoringData {
    pub orgs: Collection<Org>,
    pub members: Collection<Member>,
    pub cadres: Collection<Cadre>,
    pub trainings: Collection<Training>,
    pub meetings: Collection<Meeting>,
    pub entries: Collection<PointsEntry>,
    pub exemptions: Collection<ExemptionRecord>,
    pub schemes: Collection<Scheme>,
    /// Every member's points of the year shown, patched after each save (`kept_ledger`).
    pub ledger: kept_ledger::KeptLedger,
    /// The branch and year the 党员积分 ranking shows, kept while a member's ledger is open.
    pub points_branch: RwSignal<String>,
    pub points_year: RwSignal<String>,
    state: AppState,
}

impl ScoringData {
    /// Runs `f` with every source a ledger reads.
    pub fn with_sources<R>(&self, f: impl FnOnce(&Sources) -> R) -> R {
        let (meetings, trainings, entries, exemptions) =
            (self.meetings.get(), self.trainings.get(), self.entries.get(), self.exemptions.get());
        // The diaries' facts straight from the index: a county's 200,000 are not copied.
        self.state.read_diaries(|index| {
            f(&Sources {
                meetings: &meetings,
                trainings: &trainings,
                diaries: index.diaries(),
                entries: &entries,
                exemptions: &exemptions,
            })
        })
    }
}

/// A result explained line by line (its counts, steps, inputs and scheme version), titled and
/// closed by its button: the card a click on a name or total opens.
pub fn explain_card_of(title: String, lines: Vec<String>, close: Callback<()>) -> AnyView {
    let items = lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
    let label = title.clone();
    view! {
        <div class="card explain" role="region" aria-label=label>
            <h4>{title}</h4>
            <ul>{items}</ul>
            <button type="button" on:click=move |_| close.run(())>{st::CLOSE}</button>
        </div>
    }
    .into_any()
}

/// `subpath` is what follows `#/scoring` (`Page`).
#[component]
pub fn ScoringSection(subpath: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    provide_context(ScoringData {
        orgs: state.collection::<Org>(),
        members: state.collection::<Member>(),
        cadres: state.collection::<Cadre>(),
        trainings: state.collection::<Training>(),
        meetings: state.collection::<Meeting>(),
        entries: state.collection::<PointsEntry>(),
        exemptions: state.collection::<ExemptionRecord>(),
        schemes: state.collection::<Scheme>(),
        ledger: kept_ledger::KeptLedger::new(),
        points_branch: RwSignal::new(String::new()),
        points_year: RwSignal::new(crate::web::browser::today().year().to_string()),
        state,
    });
    let page = Memo::new(move |_| subpath.with(|path| Page::of(path)));
    let tabs = move || {
        [
            ("", st::TAB_MEETINGS),
            ("points", st::TAB_POINTS),
            ("review", st::TAB_REVIEW),
            ("appraisal", st::TAB_APPRAISAL),
            ("credibility", st::TAB_CREDIBILITY),
            ("orgs", st::TAB_ORGS),
            ("schemes", st::TAB_SCHEMES),
        ]
        .into_iter()
        .map(|(path, label)| {
            let href = if path.is_empty() { "#/scoring".to_string() } else { format!("#/scoring/{path}") };
            let current = move || (page.with(Page::tab) == path).then_some("page");
            view! { <a href=href aria-current=current>{label}</a> }
        })
        .collect_view()
    };
    let ranking_shown = Signal::derive(move || page.with(|p| *p == Page::Points));
    let shown = move || match page.get() {
        Page::Meetings => view! { <meetings::MeetingList /> }.into_any(),
        Page::NewMeeting => view! { <meetings::MeetingForm editing=None /> }.into_any(),
        Page::Meeting(id) => view! { <meetings::MeetingForm editing=Some(id) /> }.into_any(),
        Page::Points => ().into_any(),
        Page::Ledger(id, year) => view! { <points::MemberLedgerPage member=id year /> }.into_any(),
        Page::Review(chosen) => {
            view! { <KindsGate kinds=review::KINDS><review::ReviewPage chosen=chosen.clone() /></KindsGate> }.into_any()
        }
        Page::Appraisals => {
            view! { <KindsGate kinds=appraisal::KINDS><appraisal::AppraisalList /></KindsGate> }.into_any()
        }
        Page::Appraisal(id, year, print) => view! {
            <KindsGate kinds=appraisal::KINDS><appraisal::AppraisalPage cadre=id.clone() year print /></KindsGate>
        }
        .into_any(),
        Page::Credibility(chosen) => view! {
            <KindsGate kinds=credibility::KINDS><credibility::CredibilityPage chosen=chosen.clone() /></KindsGate>
        }
        .into_any(),
        Page::CredibilityPrint(org, year) => view! {
            <KindsGate kinds=credibility::KINDS><credibility::CredibilityPrint org=org.clone() year /></KindsGate>
        }
        .into_any(),
        Page::Orgs => view! { <KindsGate kinds=orgs::KINDS><orgs::OrgRatingPage /></KindsGate> }.into_any(),
        Page::Notice(notice::NoticeOf::Review(org), year) => view! {
            <KindsGate kinds=review::KINDS><review::ReviewNotice org=org.clone() year /></KindsGate>
        }
        .into_any(),
        Page::Notice(notice::NoticeOf::Appraisal, year) => view! {
            <KindsGate kinds=appraisal::KINDS><appraisal::AppraisalNotice year /></KindsGate>
        }
        .into_any(),
        Page::Notice(notice::NoticeOf::Stars(org), year) => {
            view! { <points::StarsNotice org=org.clone() year /> }.into_any()
        }
        Page::Schemes(year) => {
            view! { <KindsGate kinds=schemes::KINDS><schemes::SchemeList year /></KindsGate> }.into_any()
        }
        Page::Scheme(family, year) => {
            view! { <KindsGate kinds=schemes::KINDS><schemes::SchemePage family year /></KindsGate> }.into_any()
        }
    };
    view! {
        <section class="page wide scoring">
            <h2 class="no-print">{st::TITLE}</h2>
            <nav class="tabs no-print" aria-label=st::TITLE>{tabs}</nav>
            <KindsGate kinds=KINDS>
                // The ranking is kept while a member's ledger shows: coming back draws what the
                // saves there changed, not the branch's table and 600 organizations again.
                <Kept shown=ranking_shown><points::PointsRanking /></Kept>
                {shown}
            </KindsGate>
        </section>
    }
}

/// The section's pages, from what follows `#/scoring`: empty (the meetings), `/meetings/new`,
/// `/meetings/<id>` (its form and attendance), `/points`, `/points/<member id>/<year>` (a
/// member's ledger), `/review` (民主评议党员; `/review/<org id>/<year>` a branch's year), `/appraisal` (the cadres of a year),
/// `/appraisal/<cadre id>/<year>` (a cadre's appraisal) and `…/print` (its sheet to print),
/// `/credibility` (公信度调查; `/credibility/<org id>/<year>` an organization's year, `…/print`
/// its 测评汇总表), `/orgs` (组织评定 and 整顿) and `/schemes` (考核方案; `/schemes/<year>` another
/// year's, `/schemes/<family>/<year>` one scheme); `/notice/review/<org>/<year>`,
/// `/notice/appraisal/<year>` and `/notice/stars/<org>/<year>`, the 公示 of a result. A path not
/// known shows the meetings.
#[derive(Clone, Debug, PartialEq)]
enum Page {
    Meetings,
    NewMeeting,
    Meeting(RecordId),
    Points,
    Ledger(RecordId, i32),
    Review(Option<(RecordId, i32)>),
    Appraisals,
    Appraisal(RecordId, i32, bool),
    Credibility(Option<(RecordId, i32)>),
    CredibilityPrint(RecordId, i32),
    Orgs,
    Notice(notice::NoticeOf, i32),
    Schemes(Option<i32>),
    Scheme(Family, i32),
}

impl Page {
    fn of(path: &str) -> Page {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["meetings", "new"] => Page::NewMeeting,
            ["meetings", m] => RecordId::parse(m).map_or(Page::Meetings, Page::Meeting),
            ["points"] => Page::Points,
            ["points", m, y] => match (RecordId::parse(m), y.parse()) {
                (Some(m), Ok(y)) => Page::Ledger(m, y),
                _ => Page::Points,
            },
            ["review"] => Page::Review(None),
            ["review", o, y] => Page::Review(RecordId::parse(o).zip(y.parse().ok())),
            ["credibility"] => Page::Credibility(None),
            ["credibility", o, y, rest @ ..] => match (RecordId::parse(o), y.parse()) {
                (Some(o), Ok(y)) if rest == ["print"] => Page::CredibilityPrint(o, y),
                (Some(o), Ok(y)) => Page::Credibility(Some((o, y))),
                _ => Page::Credibility(None),
            },
            ["orgs"] => Page::Orgs,
            ["schemes"] => Page::Schemes(None),
            ["schemes", y] => Page::Schemes(y.parse().ok()),
            ["schemes", f, y] => match (Family::from_key(f), y.parse()) {
                (Some(f), Ok(y)) => Page::Scheme(f, y),
                _ => Page::Schemes(None),
            },
            ["appraisal"] => Page::Appraisals,
            ["appraisal", c, y, rest @ ..] => match (RecordId::parse(c), y.parse()) {
                (Some(c), Ok(y)) => Page::Appraisal(c, y, rest == ["print"]),
                _ => Page::Appraisals,
            },
            ["notice", "appraisal", y] => {
                y.parse().map_or(Page::Appraisals, |y| Page::Notice(notice::NoticeOf::Appraisal, y))
            }
            ["notice", of @ ("review" | "stars"), o, y] => match (RecordId::parse(o), y.parse()) {
                (Some(o), Ok(y)) if *of == "review" => Page::Notice(notice::NoticeOf::Review(o), y),
                (Some(o), Ok(y)) => Page::Notice(notice::NoticeOf::Stars(o), y),
                _ => Page::Meetings,
            },
            _ => Page::Meetings,
        }
    }

    /// The tab the page belongs to.
    fn tab(&self) -> &'static str {
        match self {
            Page::Meetings | Page::NewMeeting | Page::Meeting(_) => "",
            Page::Points | Page::Ledger(..) => "points",
            Page::Review(_) => "review",
            Page::Appraisals | Page::Appraisal(..) => "appraisal",
            Page::Credibility(_) | Page::CredibilityPrint(..) => "credibility",
            Page::Orgs => "orgs",
            Page::Notice(notice::NoticeOf::Review(_), _) => "review",
            Page::Notice(notice::NoticeOf::Appraisal, _) => "appraisal",
            Page::Notice(notice::NoticeOf::Stars(_), _) => "points",
            Page::Schemes(_) | Page::Scheme(..) => "schemes",
        }
    }
}

/// The year's scheme of a family in force, and whether it is stored; else the built-in template
/// (not stored yet, under a fresh id), which the page stores with its first record of the year.
pub fn year_scheme(schemes: &[Scheme], family: Family, year: i32) -> (Scheme, bool) {
    if let Some(s) = current(schemes, family, year, None) {
        return (s.clone(), true);
    }
    let d = template(family, year);
    let scheme = Scheme {
        id: crate::ui::kit::fields::new_id(),
        family: d.family,
        name: d.name,
        year,
        version: 1,
        org: None,
        previous: None,
        items: d.items,
        params: d.params,
        unreadable: false,
    };
    (scheme, false)
}

/// The scheme a record names (`named`), else the year's of the family in force or its template
/// (`year_scheme`).
pub fn named_or_year_scheme(schemes: &[Scheme], named: Option<&RecordId>, family: Family, year: i32) -> (Scheme, bool) {
    match named.and_then(|id| schemes.iter().find(|s| &s.id == id)) {
        Some(s) => (s.clone(), true),
        None => year_scheme(schemes, family, year),
    }
}

/// A page's toolbar: the organization (`ids`: its select's and the year's; `words`: its label
/// and its empty choice), the year, and the scheme's line.
pub fn org_year_toolbar(
    data: ScoringData,
    ids: [&'static str; 2],
    words: [&'static str; 2],
    org: RwSignal<String>,
    year: RwSignal<String>,
    years: Signal<Vec<(String, String)>>,
    scheme_text: Signal<String>,
) -> AnyView {
    view! {
        <div class="toolbar">
            <div class="field">
                <label for=ids[0]>{words[0]}</label>
                {crate::ui::kit::tree::org_select(ids[0], words[1], org, data.orgs, data.state.pinyin)}
            </div>
            {crate::ui::kit::fields::select_field(ids[1], st::YEAR, year, RwSignal::new(None), years)}
            <p class="count">{scheme_text}</p>
        </div>
    }
    .into_any()
}

/// The edit that stores the template a page showed (`year_scheme`'s not-stored scheme), to go
/// in the same commit as the first record that names it; none when it is stored already.
pub fn scheme_to_store(scheme: &Scheme, stored: bool) -> Result<Option<crate::domain::replica::Edit>, String> {
    if stored {
        return Ok(None);
    }
    let family = scheme.family.unwrap_or(Family::MemberPoints);
    crate::domain::scoring::scheme::create_scheme(&template(family, scheme.year), scheme.id.clone())
        .map(Some)
        .map_err(|p| p.first().map(|p| p.message()).unwrap_or_default())
}

/// A form's error, outcome line and saving flag, with how a submit starts and how the form ends.
#[derive(Clone, Copy)]
pub struct FormState {
    pub err: FieldError,
    pub message: Message,
    pub saving: RwSignal<bool>,
}

impl FormState {
    pub fn new() -> FormState {
        FormState { err: RwSignal::new(None), message: RwSignal::new(None), saving: RwSignal::new(false) }
    }

    /// A submit starts: the page stays, the last error and outcome go.
    pub fn start(&self, ev: &leptos::ev::SubmitEvent) {
        ev.prevent_default();
        self.err.set(None);
        self.message.set(None);
    }

    /// The form's own error line, its outcome line and its submit button.
    pub fn end(&self, label: &'static str, primary: bool) -> AnyView {
        let saving = self.saving;
        view! {
            {form_error(self.err)}
            {message_line(self.message)}
            <button type="submit" class=primary.then_some("primary") prop:disabled=saving>{label}</button>
        }
        .into_any()
    }
}

/// The input a domain problem belongs to: its field's input in `map` (field, input id), else
/// `other`.
pub fn field_at(field: &str, map: &[(&str, &'static str)], other: &'static str) -> &'static str {
    map.iter().find(|(f, _)| *f == field).map_or(other, |(_, at)| *at)
}

/// The scheme's name, year and version, and while it is the template, when it will be stored
/// (`template_note`).
pub fn scheme_line(scheme: &Scheme, stored: bool, template_note: &str) -> String {
    let named =
        st::scheme_named(scheme.family == Some(Family::MemberPoints), &scheme.name, scheme.year, scheme.version);
    if stored {
        named
    } else {
        format!("{named}{template_note}")
    }
}

/// A labelled score input whose label comes from the scheme (an item and its range).
pub fn score_field(id: &'static str, label: String, value: RwSignal<String>, err: FieldError) -> AnyView {
    let invalid = move || err.with(|e| e.as_ref().is_some_and(|(f, _)| *f == id));
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}</label>
            <input id=id type="text" inputmode="numeric" autocomplete="off"
                aria-invalid=move || invalid().to_string() aria-describedby=format!("{id}-err")
                prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    crate::ui::kit::fields::clear_error_of(err, id);
                } />
            <p class="field-msg" id=format!("{id}-err")>{move || crate::ui::kit::fields::error_of(err, id)}</p>
        </div>
    }
    .into_any()
}

/// A domain check's answer as one edit to save: nothing changed and a refusal (its first
/// problem's words) are both the form's message.
pub fn one_edit<P>(
    r: Result<Option<crate::domain::replica::Edit>, Vec<P>>,
    words: fn(&P) -> String,
) -> Result<crate::domain::replica::Edit, String> {
    match r {
        Ok(Some(e)) => Ok(e),
        Ok(None) => Err(st::NOTHING_CHANGED.to_string()),
        Err(p) => Err(p.first().map(words).unwrap_or_default()),
    }
}

collected!(Meeting, kind::MEETING);
collected!(PointsEntry, kind::POINTS_ENTRY);
collected!(ExemptionRecord, kind::POINTS_EXEMPTION);
collected!(Scheme, kind::SCHEME);
