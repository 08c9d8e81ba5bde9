//! The follow-up of a diary's matter (the seeds' 阅批、督办、公开、汇报、协调办理、处理情况反馈
//! systems), one record per step (kind `diary_step`, naming its diary). A step is written once and
//! never changed, so when two stations handle one matter between exchanges, the merge is the
//! union of their steps and no note is lost; the chain is never a list field that one station's
//! write would replace.
//!
//! The matter's state is computed from the diary and its steps (`matter`), in one order that
//! every station derives alike: by step date, then by when the step was first written (its
//! stamp, which follows causality: a step written after reading another's is stamped later),
//! then by record id. `check_step` refuses a step that does not fit the state it would follow;
//! the computation accepts what it is given (two stations may each add a fitting step that do
//! not fit together) and lists such steps as irregular.

use super::clock::Hlc;
use super::date::{iso, parse_iso, parse_user_date};
use super::diary::Diary;
use super::kinds::{KindInfo, Reference};
use super::person::clean;
use super::record::{kind, IdKey, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// The diary the step belongs to.
pub const DIARY: &str = "diary";
/// A `StepKind` label.
pub const STEP: &str = "step";
/// The day the step was taken.
pub const DATE: &str = "date";
/// Who took it: the leader who read it (阅批), the 督办人, the handler, who told the household.
pub const BY: &str = "by";
/// 阅批意见, a progress note (办理), the outcome (办结), the explanation (解释说明), what was
/// handed up and to whom (上交).
pub const NOTE: &str = "note";
/// 批示: a leader's instruction (阅批).
pub const INSTRUCTION: &str = "instruction";
/// 督办: the person or organization assigned, as named.
pub const ASSIGNEE: &str = "assignee";
/// 督办: the assignee's member or cadre record, when they have one.
pub const ASSIGNEE_PERSON: &str = "assignee_person";
/// 督办: the assigned organization's record. Not a reference for exchange: an export of that
/// organization must not carry a step without its diary.
pub const ASSIGNEE_ORG: &str = "assignee_org";
/// 督办: 办结时限.
pub const DEADLINE: &str = "deadline";
/// 办理: the offices coordinated with (协调), an array of names.
pub const OFFICES: &str = "offices";
/// 反馈: how the household was told, a `FeedbackWay` label.
pub const WAY: &str = "way";
/// 反馈: the household's view, a `Satisfaction` label.
pub const VIEW: &str = "view";
/// Why the step skips the one the chain expects next.
pub const SKIP_REASON: &str = "skip_reason";

pub const KIND: KindInfo = KindInfo {
    name: kind::DIARY_STEP,
    label: "民情办理",
    references: &[Reference::to(DIARY, kind::DIARY).required()],
    other_links: None,
    rank: 4,
    read_at_start: false,
};

pub const BY_MAX_CHARS: usize = 30;
pub const NOTE_MAX_CHARS: usize = 1000;
pub const ASSIGNEE_MAX_CHARS: usize = 50;
pub const OFFICE_MAX_CHARS: usize = 30;
pub const SKIP_REASON_MAX_CHARS: usize = 200;

/// The steps, in the chain's order; 解释说明 and 上交 end a matter at any point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StepKind {
    /// 阅批: a leader reads the entry and comments or instructs.
    Review,
    /// 督办: assigned to a person or organization with a deadline.
    Supervise,
    /// 办理: a progress note (may be repeated).
    Handle,
    /// 办结: handled.
    Done,
    /// 反馈: the outcome told to the household, with their view.
    Feedback,
    /// 公开: marked for the village notice board.
    Publish,
    /// 销号: taken off the 台账.
    Close,
    /// 解释说明: policy does not allow it; explained to the household.
    Explain,
    /// 上交: handed up to the township.
    HandUp,
}

impl StepKind {
    pub const ALL: [StepKind; 9] = [
        StepKind::Review,
        StepKind::Supervise,
        StepKind::Handle,
        StepKind::Done,
        StepKind::Feedback,
        StepKind::Publish,
        StepKind::Close,
        StepKind::Explain,
        StepKind::HandUp,
    ];

    /// Stored in records.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Review => "阅批",
            StepKind::Supervise => "督办",
            StepKind::Handle => "办理",
            StepKind::Done => "办结",
            StepKind::Feedback => "反馈",
            StepKind::Publish => "公开",
            StepKind::Close => "销号",
            StepKind::Explain => "解释说明",
            StepKind::HandUp => "上交",
        }
    }

    pub fn from_label(text: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.label() == text)
    }
}

/// 反馈's way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedbackWay {
    /// 入户
    Visit,
    /// 电话
    Phone,
    /// 公开栏
    NoticeBoard,
}

impl FeedbackWay {
    pub const ALL: [FeedbackWay; 3] = [FeedbackWay::Visit, FeedbackWay::Phone, FeedbackWay::NoticeBoard];

    pub fn label(self) -> &'static str {
        match self {
            FeedbackWay::Visit => "入户",
            FeedbackWay::Phone => "电话",
            FeedbackWay::NoticeBoard => "公开栏",
        }
    }

    pub fn from_label(text: &str) -> Option<FeedbackWay> {
        FeedbackWay::ALL.into_iter().find(|w| w.label() == text)
    }
}

/// The household's view of the outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Satisfaction {
    /// 满意
    Satisfied,
    /// 基本满意
    FairlySatisfied,
    /// 不满意: the matter goes back to 办理.
    Dissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] =
        [Satisfaction::Satisfied, Satisfaction::FairlySatisfied, Satisfaction::Dissatisfied];

    pub fn label(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "满意",
            Satisfaction::FairlySatisfied => "基本满意",
            Satisfaction::Dissatisfied => "不满意",
        }
    }

    pub fn from_label(text: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|s| s.label() == text)
    }
}

/// A step as read from its record.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub id: RecordId,
    pub diary: Option<RecordId>,
    /// `None` for a kind this version does not know (it is kept, and ignored by the state).
    pub kind: Option<StepKind>,
    pub date: Option<NaiveDate>,
    pub by: String,
    pub note: String,
    pub instruction: String,
    pub assignee: String,
    pub assignee_person: Option<RecordId>,
    pub assignee_org: Option<RecordId>,
    pub deadline: Option<NaiveDate>,
    pub offices: Vec<String>,
    pub way: Option<FeedbackWay>,
    pub view: Option<Satisfaction>,
    pub skip_reason: String,
    /// When the step was first written (its oldest current stamp): orders steps of one day.
    pub written: Hlc,
}

impl Step {
    pub fn from_record(r: &Record) -> Step {
        let text = |f: &str| r.text(f).unwrap_or_default().to_string();
        let written = r.written();
        Step {
            id: r.id.clone(),
            diary: r.text(DIARY).and_then(RecordId::parse),
            kind: r.text(STEP).and_then(StepKind::from_label),
            date: r.text(DATE).and_then(parse_iso),
            by: text(BY),
            note: text(NOTE),
            instruction: text(INSTRUCTION),
            assignee: text(ASSIGNEE),
            assignee_person: r.text(ASSIGNEE_PERSON).and_then(RecordId::parse),
            assignee_org: r.text(ASSIGNEE_ORG).and_then(RecordId::parse),
            deadline: r.text(DEADLINE).and_then(parse_iso),
            offices: r
                .value(OFFICES)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            way: r.text(WAY).and_then(FeedbackWay::from_label),
            view: r.text(VIEW).and_then(Satisfaction::from_label),
            skip_reason: text(SKIP_REASON),
            written,
        }
    }

    /// The step a creating edit would make.
    pub fn from_edit(edit: &Edit) -> Option<Step> {
        let Edit::Create { id, kind: k, fields } = edit else { return None };
        (k == kind::DIARY_STEP).then(|| Step::from_record(&Record::unstamped(id, k, fields)))
    }
}

/// What a matter's state, its work lists and its counts read of a step: 64 bytes, so a county's
/// 641,193 steps stay in memory (as `Step`s, with their texts, they took some 190 MB). The texts
/// are read from the store when a page shows them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepFacts {
    pub id: IdKey,
    pub diary: Option<IdKey>,
    pub kind: Option<StepKind>,
    pub date: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub view: Option<Satisfaction>,
    /// A reason for skipping a step is written.
    pub has_reason: bool,
    pub written: Hlc,
}

impl StepFacts {
    pub fn from_record(r: &Record) -> StepFacts {
        StepFacts {
            id: r.id.key(),
            diary: r.text(DIARY).and_then(RecordId::parse).map(|d| d.key()),
            kind: r.text(STEP).and_then(StepKind::from_label),
            date: r.text(DATE).and_then(parse_iso),
            deadline: r.text(DEADLINE).and_then(parse_iso),
            view: r.text(VIEW).and_then(Satisfaction::from_label),
            has_reason: !r.text(SKIP_REASON).unwrap_or_default().trim().is_empty(),
            written: r.written(),
        }
    }
}

/// The facts of one diary's steps among all of a station's, held sorted by diary.
pub fn steps_of(all: &[StepFacts], diary: IdKey) -> &[StepFacts] {
    let from = all.partition_point(|s| s.diary < Some(diary));
    let to = from + all[from..].partition_point(|s| s.diary == Some(diary));
    &all[from..to]
}

/// A step as a matter's computation reads it: whole (`Step`, a page showing a few matters) or its
/// facts only (`StepFacts`, every matter of the station).
pub trait StepOfMatter {
    fn facts(&self) -> StepFacts;

    /// The step's diary alone: grouping a county's 641,000 steps by diary asks it two or three
    /// times a step, where copying the whole facts each time cost more than the grouping.
    fn diary(&self) -> Option<IdKey> {
        self.facts().diary
    }
}

impl StepOfMatter for StepFacts {
    fn facts(&self) -> StepFacts {
        *self
    }

    fn diary(&self) -> Option<IdKey> {
        self.diary
    }
}

impl StepOfMatter for Step {
    fn diary(&self) -> Option<IdKey> {
        self.diary.as_ref().map(RecordId::key)
    }

    fn facts(&self) -> StepFacts {
        StepFacts {
            id: self.id.key(),
            diary: self.diary.as_ref().map(RecordId::key),
            kind: self.kind,
            date: self.date,
            deadline: self.deadline,
            view: self.view,
            has_reason: !self.skip_reason.trim().is_empty(),
            written: self.written,
        }
    }
}

/// Where a matter stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatterState {
    /// Settled on the spot: the diary needs no follow-up and none was started.
    NoFollowUp,
    /// 待阅
    AwaitingReview,
    /// 已阅批
    Reviewed,
    /// 督办中: assigned, with a deadline.
    Supervised,
    /// 办理中: progress noted.
    Handling,
    /// 已办结
    Done,
    /// 已反馈, the household 满意 or 基本满意.
    FedBack,
    /// 已反馈 and the household 不满意: back to 办理 (or 解释说明, 上交).
    Dissatisfied,
    /// 已公开
    Published,
    /// 已销号
    Closed,
    /// 已解释说明: ended, policy does not allow it.
    Explained,
    /// 已上交: ended here, handed up to the township.
    HandedUp,
}

impl MatterState {
    pub const ALL: [MatterState; 12] = [
        MatterState::NoFollowUp,
        MatterState::AwaitingReview,
        MatterState::Reviewed,
        MatterState::Supervised,
        MatterState::Handling,
        MatterState::Done,
        MatterState::FedBack,
        MatterState::Dissatisfied,
        MatterState::Published,
        MatterState::Closed,
        MatterState::Explained,
        MatterState::HandedUp,
    ];

    /// No step may follow.
    pub fn is_ended(self) -> bool {
        matches!(self, MatterState::Closed | MatterState::Explained | MatterState::HandedUp)
    }

    /// A matter someone still has to act on (neither settled on the spot nor ended).
    pub fn is_open(self) -> bool {
        self != MatterState::NoFollowUp && !self.is_ended()
    }

    /// Handled (办结) at some point and not reopened.
    pub fn is_done(self) -> bool {
        matches!(self, MatterState::Done | MatterState::FedBack | MatterState::Published | MatterState::Closed)
    }

    /// The step the chain expects next (`None` once ended or settled).
    pub fn expected_next(self) -> Option<StepKind> {
        use MatterState::*;
        match self {
            NoFollowUp | Closed | Explained | HandedUp => None,
            AwaitingReview => Some(StepKind::Review),
            Reviewed => Some(StepKind::Supervise),
            Supervised | Dissatisfied => Some(StepKind::Handle),
            Handling => Some(StepKind::Done),
            Done => Some(StepKind::Feedback),
            FedBack => Some(StepKind::Publish),
            Published => Some(StepKind::Close),
        }
    }
}

/// Why a step cannot follow the state it would follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// It skips `expected`: allowed with a reason.
    Skips { expected: StepKind },
    /// 反馈 before 办结: never allowed.
    FeedbackBeforeDone,
    /// It goes back (办结 twice, 督办 after 办结): only 不满意 reopens a matter.
    OutOfOrder,
    /// The matter is ended (销号, 解释说明, 上交).
    MatterEnded,
}

/// The state after `step` (with the household's `view` for 反馈) follows `state`, or why it may
/// not. A skip is allowed when `has_reason`. 办理 is optional (办结 may follow 督办); 阅批 may be
/// added again at any open point (a second leader's comment) without moving the state.
pub fn transition(
    state: MatterState,
    step: StepKind,
    view: Option<Satisfaction>,
    has_reason: bool,
) -> Result<MatterState, Transition> {
    use MatterState as S;
    use StepKind as K;
    if state.is_ended() {
        return Err(Transition::MatterEnded);
    }
    // Not yet reviewed: the diary's own follow-up flag does not matter once a step is added.
    let state = if state == S::NoFollowUp { S::AwaitingReview } else { state };
    let skip = |to: MatterState| match (has_reason, state.expected_next()) {
        (true, _) | (_, None) => Ok(to),
        (false, Some(expected)) => Err(Transition::Skips { expected }),
    };
    let fed_back = if view == Some(Satisfaction::Dissatisfied) { S::Dissatisfied } else { S::FedBack };
    match (step, state) {
        (K::Explain, _) => Ok(S::Explained),
        (K::HandUp, _) => Ok(S::HandedUp),
        (K::Review, S::AwaitingReview) => Ok(S::Reviewed),
        (K::Review, s) => Ok(s),
        (K::Supervise, S::Reviewed | S::Supervised | S::Handling | S::Dissatisfied) => Ok(S::Supervised),
        (K::Supervise, S::AwaitingReview) => skip(S::Supervised),
        (K::Handle, S::Supervised | S::Handling | S::Dissatisfied) => Ok(S::Handling),
        (K::Handle, S::AwaitingReview | S::Reviewed) => skip(S::Handling),
        (K::Done, S::Supervised | S::Handling | S::Dissatisfied) => Ok(S::Done),
        (K::Done, S::AwaitingReview | S::Reviewed) => skip(S::Done),
        (K::Feedback, S::Done | S::FedBack | S::Dissatisfied) => Ok(fed_back),
        (K::Feedback, S::AwaitingReview | S::Reviewed | S::Supervised | S::Handling) => {
            Err(Transition::FeedbackBeforeDone)
        }
        (K::Publish, S::FedBack) => Ok(S::Published),
        (K::Publish, S::Published) => Err(Transition::OutOfOrder),
        (K::Publish, _) => skip(S::Published),
        (K::Close, S::Published) => Ok(S::Closed),
        (K::Close, _) => skip(S::Closed),
        _ => Err(Transition::OutOfOrder),
    }
}

/// The steps in the chain's order: by date, by when first written, by record id.
pub fn ordered<'a, S: StepOfMatter>(steps: &[&'a S]) -> Vec<&'a S> {
    let mut out = steps.to_vec();
    crate::sort::sort_by_cached_key(&mut out, |s| {
        let f = s.facts();
        (f.date, f.written, f.id)
    });
    out
}

/// A diary's matter: its state and the facts the work lists read.
#[derive(Clone, Debug, PartialEq)]
pub struct Matter<'a> {
    pub diary: &'a Diary,
    pub state: MatterState,
    /// The first 阅批's date.
    pub reviewed: Option<NaiveDate>,
    /// The latest 督办's deadline.
    pub supervised_until: Option<NaiveDate>,
    /// The latest 办结's date.
    pub done: Option<NaiveDate>,
    /// The latest 反馈's view.
    pub view: Option<Satisfaction>,
    /// The date of the last step.
    pub last_step: Option<NaiveDate>,
    pub steps: usize,
    /// Steps the rules would have refused after the ones before them: added at two stations
    /// between exchanges, each fitting what that station had. They count all the same.
    pub irregular: Vec<IdKey>,
}

impl<'a> Matter<'a> {
    /// A matter known by its state and deadline only (what the work lists read), without its
    /// steps.
    pub fn in_short(diary: &'a Diary, state: MatterState, deadline: Option<NaiveDate>) -> Matter<'a> {
        Matter {
            diary,
            state,
            reviewed: None,
            supervised_until: deadline,
            done: None,
            view: None,
            last_step: None,
            steps: 0,
            irregular: Vec::new(),
        }
    }

    /// Takes the next step of the matter, in order: its state moves on (a step out of turn is
    /// noted as irregular and taken for what it means on its own).
    fn take(&mut self, step: StepFacts) {
        let Some(k) = step.kind else { return };
        self.steps += 1;
        self.last_step = step.date.or(self.last_step);
        self.state = match transition(self.state, k, step.view, step.has_reason) {
            Ok(next) => next,
            Err(_) => {
                self.irregular.push(step.id);
                // What the step means on its own; an ended matter stays ended.
                match transition(self.state, k, step.view, true) {
                    Ok(next) => next,
                    Err(Transition::MatterEnded) => self.state,
                    Err(_) => natural_state(k, step.view),
                }
            }
        };
        match k {
            StepKind::Review if self.reviewed.is_none() => self.reviewed = step.date,
            StepKind::Supervise => self.supervised_until = step.deadline,
            StepKind::Done => self.done = step.date,
            StepKind::Feedback => self.view = step.view,
            _ => {}
        }
    }

    /// The 督办 deadline that applies now: only until the matter is 办结 (or ended).
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self.state {
            MatterState::Supervised | MatterState::Handling => self.supervised_until,
            _ => None,
        }
    }
}

/// Computes a diary's matter from its steps (any order; steps of other diaries are skipped).
pub fn matter<'a, S: StepOfMatter>(diary: &'a Diary, steps: &[&S]) -> Matter<'a> {
    let mut m = Matter {
        diary,
        state: if diary.follow_up { MatterState::AwaitingReview } else { MatterState::NoFollowUp },
        reviewed: None,
        supervised_until: None,
        done: None,
        view: None,
        last_step: None,
        steps: 0,
        irregular: Vec::new(),
    };
    // Most diaries have no step: no allocation for them (a county computes 200,000 matters).
    if steps.is_empty() {
        return m;
    }
    let own = Some(diary.id.key());
    let mine = || steps.iter().map(|s| s.facts()).filter(move |s| s.diary == own);
    let order = |s: &StepFacts| (s.date, s.written, s.id);
    // Steps come in the order they were written, which is nearly always their order: taken as
    // they come, sorted (into a list of their own) only when not. A county's 200,000 matters each
    // sorted and copied cost a tenth of its first screen.
    if mine().is_sorted_by(|a, b| order(a) <= order(b)) {
        mine().for_each(|step| m.take(step));
    } else {
        let mut sorted: Vec<StepFacts> = mine().collect();
        crate::sort::sort_by(&mut sorted, |a, b| order(a).cmp(&order(b)));
        sorted.into_iter().for_each(|step| m.take(step));
    }
    m
}

/// The state a step leads to on its own.
fn natural_state(k: StepKind, view: Option<Satisfaction>) -> MatterState {
    match k {
        StepKind::Review => MatterState::Reviewed,
        StepKind::Supervise => MatterState::Supervised,
        StepKind::Handle => MatterState::Handling,
        StepKind::Done => MatterState::Done,
        StepKind::Feedback if view == Some(Satisfaction::Dissatisfied) => MatterState::Dissatisfied,
        StepKind::Feedback => MatterState::FedBack,
        StepKind::Publish => MatterState::Published,
        StepKind::Close => MatterState::Closed,
        StepKind::Explain => MatterState::Explained,
        StepKind::HandUp => MatterState::HandedUp,
    }
}

/// The steps that may be added in `state`, each with whether it needs a skip reason: the
/// buttons a matter's page offers.
pub fn next_steps(state: MatterState) -> Vec<(StepKind, bool)> {
    StepKind::ALL
        .into_iter()
        .filter_map(|k| match transition(state, k, None, false) {
            Ok(_) => Some((k, false)),
            Err(Transition::Skips { .. }) => Some((k, true)),
            Err(_) => None,
        })
        .collect()
}

/// A step as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepDraft {
    pub kind: Option<StepKind>,
    pub date: String,
    pub by: String,
    pub note: String,
    pub instruction: String,
    pub assignee: String,
    pub assignee_person: Option<RecordId>,
    pub assignee_org: Option<RecordId>,
    pub deadline: String,
    /// 协调 offices, one per line or separated by 、，, ;
    pub offices: String,
    pub way: Option<FeedbackWay>,
    pub view: Option<Satisfaction>,
    pub skip_reason: String,
}

/// The step form's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Kind,
    Date,
    By,
    Note,
    Instruction,
    Assignee,
    Deadline,
    Offices,
    Way,
    View,
    SkipReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong(usize),
    DateInvalid,
    DateInFuture,
    /// Before the visit (the diary's date).
    DateBeforeVisit,
    /// Before the matter's last step (steps are added in order).
    DateBeforeLastStep(NaiveDate),
    /// A 督办 deadline before the visit.
    DeadlineBeforeVisit,
    /// A 督办 deadline before the 督办 itself.
    DeadlineBeforeStep,
    /// The step skips `expected` and no reason is given (at the skip reason's input).
    SkipsStep {
        expected: StepKind,
    },
    /// 反馈 before 办结 (at the kind; at the date when 办结 is dated later).
    FeedbackBeforeDone,
    /// The step goes back in the chain (at the kind).
    OutOfOrder,
    /// The matter is ended (at the kind).
    MatterEnded,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: Field,
    pub problem: Problem,
}

/// Checks a new step of `diary`'s matter against the steps it has (`steps`, any order; steps of
/// other diaries are skipped) and returns the creating edit, or every problem found. Only the
/// inputs that the step's kind uses are stored.
pub fn add_step<S: StepOfMatter>(
    draft: &StepDraft,
    diary: &Diary,
    steps: &[&S],
    new_id: RecordId,
    today: NaiveDate,
) -> Result<Edit, Vec<Finding>> {
    let mut findings = Vec::new();
    let mut problem = |field: Field, problem: Problem| findings.push(Finding { field, problem });
    let current = matter(diary, steps);
    let mut fields: Vec<(String, Value)> = vec![(DIARY.into(), json!(diary.id.as_str()))];

    let Some(k) = draft.kind else {
        return Err(vec![Finding { field: Field::Kind, problem: Problem::Required }]);
    };
    fields.push((STEP.into(), json!(k.label())));

    let date = match parse_user_date(&draft.date) {
        Ok(None) => {
            problem(Field::Date, Problem::Required);
            None
        }
        Err(_) => {
            problem(Field::Date, Problem::DateInvalid);
            None
        }
        Ok(Some(d)) if d > today => {
            problem(Field::Date, Problem::DateInFuture);
            None
        }
        Ok(Some(d)) if diary.date.is_some_and(|v| d < v) => {
            problem(Field::Date, Problem::DateBeforeVisit);
            None
        }
        Ok(Some(d)) if k == StepKind::Feedback && current.done.is_some_and(|done| d < done) => {
            problem(Field::Date, Problem::FeedbackBeforeDone);
            None
        }
        Ok(Some(d)) if current.last_step.is_some_and(|last| d < last) => {
            problem(Field::Date, Problem::DateBeforeLastStep(current.last_step.unwrap_or(d)));
            None
        }
        Ok(Some(d)) => Some(d),
    };
    if let Some(d) = date {
        fields.push((DATE.into(), json!(iso(d))));
    }

    let skip_reason = draft.skip_reason.trim();
    match transition(current.state, k, draft.view, !skip_reason.is_empty()) {
        Ok(_) => {}
        Err(Transition::Skips { expected }) => problem(Field::SkipReason, Problem::SkipsStep { expected }),
        Err(Transition::FeedbackBeforeDone) => problem(Field::Kind, Problem::FeedbackBeforeDone),
        Err(Transition::OutOfOrder) => problem(Field::Kind, Problem::OutOfOrder),
        Err(Transition::MatterEnded) => problem(Field::Kind, Problem::MatterEnded),
    }
    // A reason is kept only where it explains a skip.
    if transition(current.state, k, draft.view, false).is_err() && !skip_reason.is_empty() {
        if skip_reason.chars().count() > SKIP_REASON_MAX_CHARS {
            problem(Field::SkipReason, Problem::TooLong(SKIP_REASON_MAX_CHARS));
        }
        fields.push((SKIP_REASON.into(), json!(skip_reason)));
    }

    let mut text = |field: Field, key: &str, typed: &str, max: usize, required: bool| {
        let t = if field == Field::Note { typed.trim().to_string() } else { clean(typed) };
        if required && t.is_empty() {
            problem(field, Problem::Required);
        } else if t.chars().count() > max {
            problem(field, Problem::TooLong(max));
        }
        if !t.is_empty() {
            fields.push((key.into(), json!(t)));
        }
    };
    text(Field::By, BY, &draft.by, BY_MAX_CHARS, true);
    let note_required = matches!(k, StepKind::Handle | StepKind::Explain | StepKind::HandUp)
        || (k == StepKind::Review && draft.instruction.trim().is_empty());
    text(Field::Note, NOTE, &draft.note, NOTE_MAX_CHARS, note_required);
    if k == StepKind::Review {
        text(Field::Instruction, INSTRUCTION, &draft.instruction, NOTE_MAX_CHARS, false);
    }
    if k == StepKind::Supervise {
        let named = draft.assignee_person.is_some() || draft.assignee_org.is_some();
        text(Field::Assignee, ASSIGNEE, &draft.assignee, ASSIGNEE_MAX_CHARS, !named);
        for (key, id) in [(ASSIGNEE_PERSON, &draft.assignee_person), (ASSIGNEE_ORG, &draft.assignee_org)] {
            if let Some(id) = id {
                fields.push((key.into(), json!(id.as_str())));
            }
        }
        match parse_user_date(&draft.deadline) {
            Ok(None) => problem(Field::Deadline, Problem::Required),
            Err(_) => problem(Field::Deadline, Problem::DateInvalid),
            Ok(Some(d)) if diary.date.is_some_and(|v| d < v) => problem(Field::Deadline, Problem::DeadlineBeforeVisit),
            Ok(Some(d)) if date.is_some_and(|s| d < s) => problem(Field::Deadline, Problem::DeadlineBeforeStep),
            Ok(Some(d)) => fields.push((DEADLINE.into(), json!(iso(d)))),
        }
    }
    if k == StepKind::Handle {
        let offices: Vec<String> =
            draft.offices.split(['\n', '、', ',', '，', ';', '；']).map(clean).filter(|o| !o.is_empty()).collect();
        if offices.iter().any(|o| o.chars().count() > OFFICE_MAX_CHARS) {
            problem(Field::Offices, Problem::TooLong(OFFICE_MAX_CHARS));
        }
        if !offices.is_empty() {
            fields.push((OFFICES.into(), json!(offices)));
        }
    }
    if k == StepKind::Feedback {
        match draft.way {
            None => problem(Field::Way, Problem::Required),
            Some(w) => fields.push((WAY.into(), json!(w.label()))),
        }
        match draft.view {
            None => problem(Field::View, Problem::Required),
            Some(v) => fields.push((VIEW.into(), json!(v.label()))),
        }
    }

    if findings.is_empty() {
        Ok(Edit::Create { id: new_id, kind: kind::DIARY_STEP.to_string(), fields })
    } else {
        Err(findings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diary::{self, MatterCategory, Role};
    use crate::test_support::{day, rid};

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    fn the_diary(follow_up: bool) -> Diary {
        let edit = Edit::Create {
            id: rid(1),
            kind: kind::DIARY.into(),
            fields: vec![
                (diary::DATE.into(), json!("2026-11-01")),
                (diary::ROLES.into(), json!([Role::Servant.label()])),
                (diary::CATEGORY.into(), json!(MatterCategory::Infrastructure.label())),
                (diary::FOLLOW_UP.into(), json!(follow_up)),
            ],
        };
        Diary::from_edit(&edit).unwrap()
    }

    fn draft(k: StepKind, date: &str) -> StepDraft {
        StepDraft {
            kind: Some(k),
            date: date.into(),
            by: "王书记".into(),
            note: "已阅，请村委会核实。".into(),
            assignee: "村委会".into(),
            deadline: "2026-11-30".into(),
            way: Some(FeedbackWay::Visit),
            view: Some(Satisfaction::Satisfied),
            ..Default::default()
        }
    }

    /// Adds steps one by one through the check, stamping each later than the one before.
    fn chain(d: &Diary, drafts: &[StepDraft]) -> Vec<Step> {
        let mut steps: Vec<Step> = Vec::new();
        for (i, dr) in drafts.iter().enumerate() {
            let refs: Vec<&Step> = steps.iter().collect();
            let edit = add_step(dr, d, &refs, rid(100 + i as u8), today()).unwrap_or_else(|e| panic!("{i}: {e:?}"));
            let mut s = Step::from_edit(&edit).unwrap();
            s.written = Hlc::new(1_000 + i as u64, 0);
            steps.push(s);
        }
        steps
    }

    fn state(d: &Diary, steps: &[Step]) -> MatterState {
        matter(d, &steps.iter().collect::<Vec<_>>()).state
    }

    fn problems(dr: &StepDraft, d: &Diary, steps: &[Step]) -> Vec<(Field, Problem)> {
        let refs: Vec<&Step> = steps.iter().collect();
        add_step(dr, d, &refs, rid(99), today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|f| (f.field, f.problem))
            .collect()
    }

    #[test]
    fn the_whole_loop_in_order() {
        let d = the_diary(true);
        assert_eq!(state(&d, &[]), MatterState::AwaitingReview);
        assert_eq!(state(&the_diary(false), &[]), MatterState::NoFollowUp);
        let mut handle = draft(StepKind::Handle, "2026-11-05");
        handle.note = "已联系交通站。".into();
        handle.offices = "交通站、水利站\n 财政所 ".into();
        let steps = chain(
            &d,
            &[
                draft(StepKind::Review, "2026-11-02"),
                draft(StepKind::Supervise, "2026-11-02"),
                handle,
                draft(StepKind::Done, "2026-11-10"),
                draft(StepKind::Feedback, "2026-11-11"),
                draft(StepKind::Publish, "2026-11-12"),
                draft(StepKind::Close, "2026-11-20"),
            ],
        );
        assert_eq!(steps[2].offices, vec!["交通站", "水利站", "财政所"]);
        let expected = [
            MatterState::Reviewed,
            MatterState::Supervised,
            MatterState::Handling,
            MatterState::Done,
            MatterState::FedBack,
            MatterState::Published,
            MatterState::Closed,
        ];
        for (n, want) in expected.iter().enumerate() {
            assert_eq!(state(&d, &steps[..=n]), *want, "after {} steps", n + 1);
        }
        let m = matter(&d, &steps.iter().collect::<Vec<_>>());
        assert_eq!(m.reviewed, Some(day("2026-11-02")));
        assert_eq!(m.done, Some(day("2026-11-10")));
        assert_eq!(m.view, Some(Satisfaction::Satisfied));
        assert_eq!(m.steps, 7);
        assert!(m.irregular.is_empty());
        assert_eq!(m.deadline(), None, "no deadline once done");
        assert_eq!(matter(&d, &steps[..2].iter().collect::<Vec<_>>()).deadline(), Some(day("2026-11-30")));
        assert_eq!(
            problems(&draft(StepKind::Handle, "2026-11-21"), &d, &steps),
            vec![(Field::Kind, Problem::MatterEnded)]
        );
    }

    #[test]
    fn the_state_does_not_depend_on_the_order_steps_arrive_in() {
        let d = the_diary(true);
        let steps = chain(
            &d,
            &[
                draft(StepKind::Review, "2026-11-02"),
                draft(StepKind::Supervise, "2026-11-02"),
                draft(StepKind::Done, "2026-11-02"),
                draft(StepKind::Feedback, "2026-11-03"),
            ],
        );
        let forward: Vec<&Step> = steps.iter().collect();
        let backward: Vec<&Step> = steps.iter().rev().collect();
        let mut shuffled = forward.clone();
        shuffled.swap(0, 2);
        let a = matter(&d, &forward);
        assert_eq!(a.state, MatterState::FedBack);
        assert_eq!(matter(&d, &backward), a);
        assert_eq!(matter(&d, &shuffled), a);
        // Same day and same stamp: the record id decides, the same everywhere.
        let mut tied = steps.clone();
        for s in &mut tied {
            s.written = Hlc::ZERO;
        }
        let t1 = matter(&d, &tied.iter().collect::<Vec<_>>());
        let t2 = matter(&d, &tied.iter().rev().collect::<Vec<_>>());
        assert_eq!(t1, t2);
    }

    #[test]
    fn two_stations_steps_between_exchanges_both_count() {
        let d = the_diary(true);
        let base = chain(&d, &[draft(StepKind::Review, "2026-11-02"), draft(StepKind::Supervise, "2026-11-02")]);
        // Each station adds a progress note on the same day without seeing the other's.
        let mut at_village = draft(StepKind::Handle, "2026-11-04");
        at_village.note = "村里已组织清理。".into();
        let mut at_town = draft(StepKind::Handle, "2026-11-04");
        at_town.note = "镇交通站已派人查看。".into();
        let refs: Vec<&Step> = base.iter().collect();
        let mut a = Step::from_edit(&add_step(&at_village, &d, &refs, rid(50), today()).unwrap()).unwrap();
        let mut b = Step::from_edit(&add_step(&at_town, &d, &refs, rid(51), today()).unwrap()).unwrap();
        a.written = Hlc::new(5_000, 0);
        b.written = Hlc::new(4_000, 0);
        let mut all: Vec<&Step> = refs.clone();
        all.push(&a);
        all.push(&b);
        let m = matter(&d, &all);
        assert_eq!(m.state, MatterState::Handling);
        assert_eq!(m.steps, 4);
        let notes: Vec<&str> = ordered(&all).iter().map(|s| s.note.as_str()).collect();
        assert_eq!(notes[2..], ["镇交通站已派人查看。", "村里已组织清理。"], "by when written");
        // Both stations close it (办结 and 解释说明): the later one is irregular, the matter ended.
        let mut done =
            Step::from_edit(&add_step(&draft(StepKind::Done, "2026-11-06"), &d, &all, rid(52), today()).unwrap())
                .unwrap();
        let mut explain = draft(StepKind::Explain, "2026-11-07");
        explain.note = "政策不允许。".into();
        let mut ex = Step::from_edit(&add_step(&explain, &d, &all, rid(53), today()).unwrap()).unwrap();
        done.written = Hlc::new(6_000, 0);
        ex.written = Hlc::new(6_001, 0);
        let mut more = all.clone();
        more.push(&ex);
        more.push(&done);
        let m = matter(&d, &more);
        assert_eq!(m.state, MatterState::Explained);
        assert!(m.irregular.is_empty(), "explaining after 办结 fits");
        let mut close_twice = ex.clone();
        close_twice.id = rid(54);
        close_twice.date = Some(day("2026-11-08"));
        more.push(&close_twice);
        let m = matter(&d, &more);
        assert_eq!(m.irregular, vec![rid(54).key()]);
        assert_eq!(m.state, MatterState::Explained);
        // The facts alone, as read from the records (what a station holds of every step), give
        // the same matter and the same order.
        let records: Vec<Record> = more
            .iter()
            .map(|s| {
                let mut r = Record::unstamped(&s.id, kind::DIARY_STEP, &step_fields(s));
                r.fields.values_mut().flatten().for_each(|w| w.clock = s.written);
                r
            })
            .collect();
        let facts: Vec<StepFacts> = records.iter().map(StepFacts::from_record).collect();
        assert_eq!(facts, more.iter().map(|s| s.facts()).collect::<Vec<_>>());
        let fact_refs: Vec<&StepFacts> = facts.iter().collect();
        assert_eq!(matter(&d, &fact_refs), m);
        let by_facts: Vec<IdKey> = ordered(&fact_refs).iter().map(|f| f.id).collect();
        assert_eq!(by_facts, ordered(&more).iter().map(|s| s.id.key()).collect::<Vec<_>>());
    }

    #[test]
    fn step_facts_stay_small() {
        // 641,193 of them at a county: each byte here is 0.6 MB of wasm memory.
        assert_eq!(std::mem::size_of::<StepFacts>(), 64);
    }

    /// The fields a step's record holds (what `add_step` wrote).
    fn step_fields(s: &Step) -> Vec<(String, Value)> {
        let mut f: Vec<(String, Value)> = vec![(DIARY.into(), json!(s.diary.as_ref().unwrap().as_str()))];
        f.push((STEP.into(), json!(s.kind.unwrap().label())));
        f.push((DATE.into(), json!(iso(s.date.unwrap()))));
        if let Some(d) = s.deadline {
            f.push((DEADLINE.into(), json!(iso(d))));
        }
        if let Some(v) = s.view {
            f.push((VIEW.into(), json!(v.label())));
        }
        if !s.skip_reason.is_empty() {
            f.push((SKIP_REASON.into(), json!(s.skip_reason)));
        }
        f
    }

    #[test]
    fn skipping_needs_a_reason() {
        let d = the_diary(true);
        let p = problems(&draft(StepKind::Supervise, "2026-11-02"), &d, &[]);
        assert_eq!(p, vec![(Field::SkipReason, Problem::SkipsStep { expected: StepKind::Review })]);
        let mut with_reason = draft(StepKind::Supervise, "2026-11-02");
        with_reason.skip_reason = "书记出差，电话同意督办".into();
        let steps = chain(&d, &[with_reason]);
        assert_eq!(steps[0].skip_reason, "书记出差，电话同意督办");
        assert_eq!(state(&d, &steps), MatterState::Supervised);
        // 办理 is optional: 办结 right after 督办 needs no reason.
        let steps = chain(
            &d,
            &[
                draft(StepKind::Review, "2026-11-02"),
                draft(StepKind::Supervise, "2026-11-02"),
                draft(StepKind::Done, "2026-11-03"),
            ],
        );
        assert_eq!(state(&d, &steps), MatterState::Done);
        // 销号 without 公开 needs one.
        let steps = chain(
            &d,
            &[
                draft(StepKind::Review, "2026-11-02"),
                draft(StepKind::Supervise, "2026-11-02"),
                draft(StepKind::Done, "2026-11-03"),
                draft(StepKind::Feedback, "2026-11-03"),
            ],
        );
        assert_eq!(
            problems(&draft(StepKind::Close, "2026-11-04"), &d, &steps),
            vec![(Field::SkipReason, Problem::SkipsStep { expected: StepKind::Publish })]
        );
        // A reason given where nothing is skipped is not stored.
        let mut needless = draft(StepKind::Review, "2026-11-02");
        needless.skip_reason = "无".into();
        let steps = chain(&d, &[needless]);
        assert_eq!(steps[0].skip_reason, "");
        assert_eq!(
            next_steps(MatterState::Reviewed),
            vec![
                (StepKind::Review, false),
                (StepKind::Supervise, false),
                (StepKind::Handle, true),
                (StepKind::Done, true),
                (StepKind::Publish, true),
                (StepKind::Close, true),
                (StepKind::Explain, false),
                (StepKind::HandUp, false),
            ]
        );
        assert!(next_steps(MatterState::Closed).is_empty());
    }

    #[test]
    fn feedback_before_done_is_refused_even_with_a_reason() {
        let d = the_diary(true);
        let steps = chain(&d, &[draft(StepKind::Review, "2026-11-02"), draft(StepKind::Supervise, "2026-11-02")]);
        let mut fb = draft(StepKind::Feedback, "2026-11-03");
        fb.skip_reason = "急".into();
        assert_eq!(problems(&fb, &d, &steps), vec![(Field::Kind, Problem::FeedbackBeforeDone)]);
        let steps = chain(
            &d,
            &[
                draft(StepKind::Review, "2026-11-02"),
                draft(StepKind::Supervise, "2026-11-02"),
                draft(StepKind::Done, "2026-11-08"),
            ],
        );
        assert_eq!(
            problems(&draft(StepKind::Feedback, "2026-11-07"), &d, &steps),
            vec![(Field::Date, Problem::FeedbackBeforeDone)]
        );
        let mut no_view = draft(StepKind::Feedback, "2026-11-08");
        no_view.view = None;
        no_view.way = None;
        assert_eq!(
            problems(&no_view, &d, &steps),
            vec![(Field::Way, Problem::Required), (Field::View, Problem::Required)]
        );
    }

    #[test]
    fn dates_and_deadlines_are_checked_against_the_visit() {
        let d = the_diary(true);
        assert_eq!(
            problems(&draft(StepKind::Review, "2026-10-31"), &d, &[]),
            vec![(Field::Date, Problem::DateBeforeVisit)]
        );
        assert_eq!(
            problems(&draft(StepKind::Review, "2026-11-25"), &d, &[]),
            vec![(Field::Date, Problem::DateInFuture)]
        );
        assert_eq!(
            problems(&draft(StepKind::Review, "2026-11-31"), &d, &[]),
            vec![(Field::Date, Problem::DateInvalid)]
        );
        assert_eq!(problems(&draft(StepKind::Review, ""), &d, &[]), vec![(Field::Date, Problem::Required)]);
        let steps = chain(&d, &[draft(StepKind::Review, "2026-11-05")]);
        let mut sup = draft(StepKind::Supervise, "2026-11-06");
        sup.deadline = "2026-10-30".into();
        assert_eq!(problems(&sup, &d, &steps), vec![(Field::Deadline, Problem::DeadlineBeforeVisit)]);
        sup.deadline = "2026-11-03".into();
        assert_eq!(problems(&sup, &d, &steps), vec![(Field::Deadline, Problem::DeadlineBeforeStep)]);
        sup.deadline = String::new();
        sup.assignee = String::new();
        assert_eq!(
            problems(&sup, &d, &steps),
            vec![(Field::Assignee, Problem::Required), (Field::Deadline, Problem::Required)]
        );
        sup.assignee_org = Some(rid(7));
        sup.deadline = "2026-12-31".into();
        assert!(problems(&sup, &d, &steps).is_empty(), "an organization chosen names the assignee");
        assert_eq!(
            problems(&draft(StepKind::Supervise, "2026-11-04"), &d, &steps),
            vec![(Field::Date, Problem::DateBeforeLastStep(day("2026-11-05")))]
        );
        let mut blank = draft(StepKind::Handle, "2026-11-06");
        blank.by = " ".into();
        blank.note = String::new();
        assert_eq!(
            problems(
                &blank,
                &d,
                &chain(&d, &[draft(StepKind::Review, "2026-11-05"), draft(StepKind::Supervise, "2026-11-05")])
            ),
            vec![(Field::By, Problem::Required), (Field::Note, Problem::Required)]
        );
        assert_eq!(problems(&StepDraft::default(), &d, &[]), vec![(Field::Kind, Problem::Required)]);
    }

    #[test]
    fn dissatisfied_households_reopen_the_matter() {
        let d = the_diary(true);
        let mut unhappy = draft(StepKind::Feedback, "2026-11-11");
        unhappy.view = Some(Satisfaction::Dissatisfied);
        let mut again = draft(StepKind::Handle, "2026-11-12");
        again.note = "重新协调。".into();
        let steps = chain(
            &d,
            &[
                draft(StepKind::Review, "2026-11-02"),
                draft(StepKind::Supervise, "2026-11-02"),
                draft(StepKind::Done, "2026-11-10"),
                unhappy,
            ],
        );
        assert_eq!(state(&d, &steps), MatterState::Dissatisfied);
        assert!(state(&d, &steps).is_open() && !state(&d, &steps).is_done());
        assert_eq!(
            problems(&draft(StepKind::Publish, "2026-11-12"), &d, &steps),
            vec![(Field::SkipReason, Problem::SkipsStep { expected: StepKind::Handle })]
        );
        let mut all = steps.clone();
        all.extend(chain(&d, &[]));
        let refs: Vec<&Step> = all.iter().collect();
        let mut s = Step::from_edit(&add_step(&again, &d, &refs, rid(60), today()).unwrap()).unwrap();
        s.written = Hlc::new(9_000, 0);
        all.push(s);
        assert_eq!(state(&d, &all), MatterState::Handling);
        // Going back without 不满意 is refused.
        let done = chain(
            &d,
            &[
                draft(StepKind::Review, "2026-11-02"),
                draft(StepKind::Supervise, "2026-11-02"),
                draft(StepKind::Done, "2026-11-10"),
            ],
        );
        let mut back = draft(StepKind::Handle, "2026-11-11");
        back.skip_reason = "再看看".into();
        assert_eq!(problems(&back, &d, &done), vec![(Field::Kind, Problem::OutOfOrder)]);
    }

    #[test]
    fn only_the_inputs_of_the_kind_are_stored() {
        let d = the_diary(true);
        let mut review = draft(StepKind::Review, "2026-11-02");
        review.instruction = "请交通站牵头".into();
        review.note = String::new();
        let refs: Vec<&Step> = Vec::new();
        let Edit::Create { fields, kind: k, .. } = add_step(&review, &d, &refs, rid(9), today()).unwrap() else {
            panic!()
        };
        assert_eq!(k, kind::DIARY_STEP);
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, vec![DIARY, STEP, DATE, BY, INSTRUCTION]);
        for k in StepKind::ALL {
            assert_eq!(StepKind::from_label(k.label()), Some(k));
        }
        for w in FeedbackWay::ALL {
            assert_eq!(FeedbackWay::from_label(w.label()), Some(w));
        }
        for s in Satisfaction::ALL {
            assert_eq!(Satisfaction::from_label(s.label()), Some(s));
        }
    }

    #[test]
    fn a_step_reads_its_first_stamp_from_its_record() {
        let station = crate::station::StationId::from_random([3; 8]);
        let mut r = Record::new(rid(5), kind::DIARY_STEP, station);
        r.set(STEP, json!("阅批"), Hlc::new(20, 0), &station);
        r.set(DIARY, json!(rid(1).as_str()), Hlc::new(10, 0), &station);
        r.delete(Hlc::new(5, 0), &station);
        let s = Step::from_record(&r);
        assert_eq!(s.written, Hlc::new(10, 0));
        assert_eq!(s.kind, Some(StepKind::Review));
    }
}
