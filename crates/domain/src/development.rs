//! 发展党员: the 5 stages and 25 steps of 《中国共产党发展党员工作细则》, the candidate record
//! that carries a date and a note per step, the timing rules checked on a day, the month's due
//! list per branch, and the hand-over to the roster: approval (step 17) creates the member
//! record as 预备党员, 转正 approval (step 24) makes it 正式党员.
//!
//! Timing rules follow the 细则 and the 党章: the branch talks with an applicant within a month;
//! applicants are at least 18; an activist is observed a year or more before becoming a
//! development target; a target has at least 3 days or 24 学时 of concentrated training before the
//! branch meeting; the upper committee approves within 3 months of the branch meeting (6 at most);
//! probation is a year from the branch meeting, extendable once by 6 to 12 months; the branch
//! discusses 转正 when probation ends, never before, and the upper committee approves within 3
//! months. A full member's party age counts from the end of probation, so that is the
//! `full_member_date` written to the roster. "一年以上" includes exactly one year, as 以上 does in
//! party regulations.

use super::date::{add_months, iso, month_first, month_last, parse_input, DateError};
use super::id_number::{parse_id_number, IdNumberError};
use super::kinds::{KindInfo, Reference};
use super::member::{self, age_on, Member};
use super::order::{sort_by_key, Key};
use super::org::{Org, OrgCategory};
use super::person::{check_person, clean, id_key, Person, PersonDraft, PersonError};
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// 所在党支部 (the organization record id); the same key as the member's, as are the person fields.
pub const ORG: &str = member::ORG;
/// 工作岗位, copied to the member's `post` on admission.
pub const JOB: &str = member::POST;
/// The member record this candidate became (set on admission).
pub const MEMBER: &str = "member";
/// Length of the concentrated training (step 11): days and 学时, either may be recorded.
pub const TRAINING_DAYS: &str = "training_days";
pub const TRAINING_HOURS: &str = "training_hours";
/// The decision to extend probation: date of the branch meeting that took it, and months.
pub const EXTENSION_DATE: &str = "extension_date";
pub const EXTENSION_MONTHS: &str = "extension_months";
/// Why and when the development stopped (one of `StopReason`), absent while it goes on.
pub const STOPPED: &str = "stopped";
pub const STOPPED_DATE: &str = "stopped_date";

pub const KIND: KindInfo = KindInfo {
    name: kind::CANDIDATE,
    label: "发展对象",
    references: &[Reference::to(ORG, kind::ORG).required(), Reference::to(MEMBER, kind::MEMBER)],
    other_links: None,
    rank: 2,
    read_at_start: false,
};

const DATE_KEYS: [&str; 25] = [
    "step01", "step02", "step03", "step04", "step05", "step06", "step07", "step08", "step09", "step10", "step11",
    "step12", "step13", "step14", "step15", "step16", "step17", "step18", "step19", "step20", "step21", "step22",
    "step23", "step24", "step25",
];
const NOTE_KEYS: [&str; 25] = [
    "step01_note",
    "step02_note",
    "step03_note",
    "step04_note",
    "step05_note",
    "step06_note",
    "step07_note",
    "step08_note",
    "step09_note",
    "step10_note",
    "step11_note",
    "step12_note",
    "step13_note",
    "step14_note",
    "step15_note",
    "step16_note",
    "step17_note",
    "step18_note",
    "step19_note",
    "step20_note",
    "step21_note",
    "step22_note",
    "step23_note",
    "step24_note",
    "step25_note",
];

pub const TALK_WITHIN_MONTHS: u32 = 1;
pub const MIN_APPLICANT_AGE: u32 = 18;
pub const ACTIVIST_MIN_MONTHS: u32 = 12;
pub const TRAINING_MIN_DAYS: u32 = 3;
pub const TRAINING_MIN_HOURS: f64 = 24.0;
pub const APPROVAL_WITHIN_MONTHS: u32 = 3;
/// "如遇特殊情况可适当延长审批时间，但不得超过六个月"; beyond it the admission must be redone.
pub const APPROVAL_LIMIT_MONTHS: u32 = 6;
pub const PROBATION_MONTHS: u32 = 12;
pub const EXTENSION_MIN_MONTHS: u32 = 6;
pub const EXTENSION_MAX_MONTHS: u32 = 12;
pub const FULL_APPROVAL_WITHIN_MONTHS: u32 = 3;
pub const NOTE_MAX_CHARS: usize = 200;
pub const JOB_MAX_CHARS: usize = 50;

/// The five stages of the procedure (the 细则's chapters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Application,
    Activist,
    Target,
    Admission,
    Probation,
}

impl Phase {
    pub const ALL: [Phase; 5] =
        [Phase::Application, Phase::Activist, Phase::Target, Phase::Admission, Phase::Probation];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Application => "申请入党",
            Phase::Activist => "入党积极分子的确定和培养教育",
            Phase::Target => "发展对象的确定和考察",
            Phase::Admission => "预备党员的接收",
            Phase::Probation => "预备党员的教育考察和转正",
        }
    }

    pub fn steps(self) -> &'static [Step] {
        let (from, to) = match self {
            Phase::Application => (0, 2),
            Phase::Activist => (2, 6),
            Phase::Target => (6, 11),
            Phase::Admission => (11, 18),
            Phase::Probation => (18, 25),
        };
        &Step::ALL[from..to]
    }
}

/// The 25 steps, numbered as the 细则's procedure counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Application = 1,
    ApplicationTalk,
    ActivistChosen,
    ActivistFiled,
    MentorsAssigned,
    ActivistEducation,
    TargetChosen,
    TargetFiled,
    SponsorsChosen,
    PoliticalReview,
    ConcentratedTraining,
    CommitteeReview,
    PreReview,
    ApplicationForm,
    BranchMeeting,
    ApprovalTalk,
    Approval,
    ApprovalFiled,
    Placement,
    Oath,
    ProbationEducation,
    FullMembershipApplication,
    FullMembershipMeeting,
    FullMembershipApproval,
    Archived,
}

impl Step {
    pub const ALL: [Step; 25] = [
        Step::Application,
        Step::ApplicationTalk,
        Step::ActivistChosen,
        Step::ActivistFiled,
        Step::MentorsAssigned,
        Step::ActivistEducation,
        Step::TargetChosen,
        Step::TargetFiled,
        Step::SponsorsChosen,
        Step::PoliticalReview,
        Step::ConcentratedTraining,
        Step::CommitteeReview,
        Step::PreReview,
        Step::ApplicationForm,
        Step::BranchMeeting,
        Step::ApprovalTalk,
        Step::Approval,
        Step::ApprovalFiled,
        Step::Placement,
        Step::Oath,
        Step::ProbationEducation,
        Step::FullMembershipApplication,
        Step::FullMembershipMeeting,
        Step::FullMembershipApproval,
        Step::Archived,
    ];

    /// 1 to 25.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<Step> {
        Step::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    fn index(self) -> usize {
        usize::from(self.number() - 1)
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Application => "递交入党申请书",
            Step::ApplicationTalk => "党组织派人谈话",
            Step::ActivistChosen => "推荐和确定入党积极分子",
            Step::ActivistFiled => "上级党委备案",
            Step::MentorsAssigned => "指定培养联系人",
            Step::ActivistEducation => "培养教育考察",
            Step::TargetChosen => "确定发展对象",
            Step::TargetFiled => "报上级党委备案",
            Step::SponsorsChosen => "确定入党介绍人",
            Step::PoliticalReview => "进行政治审查",
            Step::ConcentratedTraining => "开展集中培训",
            Step::CommitteeReview => "支部委员会审查",
            Step::PreReview => "上级党委预审",
            Step::ApplicationForm => "填写入党志愿书",
            Step::BranchMeeting => "支部大会讨论",
            Step::ApprovalTalk => "上级党委派人谈话",
            Step::Approval => "上级党委审批",
            Step::ApprovalFiled => "再上级党委组织部门备案",
            Step::Placement => "编入党支部和党小组",
            Step::Oath => "入党宣誓",
            Step::ProbationEducation => "继续教育考察",
            Step::FullMembershipApplication => "提出转正申请",
            Step::FullMembershipMeeting => "支部大会讨论",
            Step::FullMembershipApproval => "上级党委审批",
            Step::Archived => "材料归档",
        }
    }

    pub fn phase(self) -> Phase {
        match self.number() {
            1..=2 => Phase::Application,
            3..=6 => Phase::Activist,
            7..=11 => Phase::Target,
            12..=18 => Phase::Admission,
            _ => Phase::Probation,
        }
    }

    /// The record field holding the step's date ("step01" … "step25").
    pub fn date_key(self) -> &'static str {
        DATE_KEYS[self.index()]
    }

    /// The record field holding the step's note ("step01_note" …).
    pub fn note_key(self) -> &'static str {
        NOTE_KEYS[self.index()]
    }
}

/// Where a person stands, derived from the steps recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Applicant,
    Activist,
    DevelopmentTarget,
    Probationary,
    FullMember,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Applicant => "申请人",
            Stage::Activist => "入党积极分子",
            Stage::DevelopmentTarget => "发展对象",
            Stage::Probationary => "预备党员",
            Stage::FullMember => "正式党员",
        }
    }
}

/// Why a development ended before 转正. Stored as the label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    Withdrew,
    Dropped,
    NotAccepted,
    NotApproved,
    ProbationCancelled,
    TransferredOut,
    Died,
}

impl StopReason {
    pub const ALL: [StopReason; 7] = [
        StopReason::Withdrew,
        StopReason::Dropped,
        StopReason::NotAccepted,
        StopReason::NotApproved,
        StopReason::ProbationCancelled,
        StopReason::TransferredOut,
        StopReason::Died,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StopReason::Withdrew => "本人放弃",
            StopReason::Dropped => "停止培养",
            StopReason::NotAccepted => "支部大会未通过",
            StopReason::NotApproved => "上级党委未批准",
            StopReason::ProbationCancelled => "取消预备党员资格",
            StopReason::TransferredOut => "转出",
            StopReason::Died => "去世",
        }
    }

    pub fn from_label(text: &str) -> Option<StopReason> {
        StopReason::ALL.into_iter().find(|r| r.label() == text)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepEntry {
    pub date: Option<NaiveDate>,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extension {
    pub decided: NaiveDate,
    pub months: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stop {
    /// The stored text: normally a `StopReason` label.
    pub reason: String,
    pub date: Option<NaiveDate>,
}

/// A candidate as the app reads it from its record.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub id: RecordId,
    pub person: Person,
    pub org: Option<RecordId>,
    pub job: String,
    /// Indexed by step number - 1.
    pub steps: [StepEntry; 25],
    pub training_days: Option<u32>,
    pub training_hours: Option<f64>,
    pub extension: Option<Extension>,
    pub stopped: Option<Stop>,
    pub member: Option<RecordId>,
}

fn number_u32(r: &Record, field: &str) -> Option<u32> {
    r.value(field).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok())
}

impl Candidate {
    pub fn from_record(r: &Record) -> Candidate {
        let date = |f: &str| r.text(f).and_then(crate::date::parse_iso);
        let steps = std::array::from_fn(|i| StepEntry {
            date: date(DATE_KEYS[i]),
            note: r.text(NOTE_KEYS[i]).unwrap_or_default().to_string(),
        });
        let extension = match (date(EXTENSION_DATE), number_u32(r, EXTENSION_MONTHS)) {
            (Some(decided), Some(months)) => Some(Extension { decided, months }),
            _ => None,
        };
        let stopped = r
            .text(STOPPED)
            .filter(|s| !s.is_empty())
            .map(|reason| Stop { reason: reason.to_string(), date: date(STOPPED_DATE) });
        Candidate {
            id: r.id.clone(),
            person: Person::from_record(r),
            org: r.text(ORG).and_then(RecordId::parse),
            job: r.text(JOB).unwrap_or_default().to_string(),
            steps,
            training_days: number_u32(r, TRAINING_DAYS),
            training_hours: r.value(TRAINING_HOURS).and_then(Value::as_f64),
            extension,
            stopped,
            member: r.text(MEMBER).and_then(RecordId::parse),
        }
    }

    pub fn date(&self, step: Step) -> Option<NaiveDate> {
        self.steps[step.index()].date
    }

    /// The highest-numbered step with a date.
    pub fn latest_step(&self) -> Option<Step> {
        Step::ALL.into_iter().rev().find(|s| self.date(*s).is_some())
    }

    /// Not recorded, and the record has not gone past it: the step is still to come. (A gap
    /// before a later recorded step is a gap in the record, reported as `StepsMissing`.)
    fn pending(&self, step: Step) -> bool {
        self.latest_step().is_none_or(|latest| latest < step)
    }

    /// Derived from the latest recorded step, so a record with gaps (an old development entered
    /// from its milestones) still shows where the person stands.
    pub fn stage(&self) -> Stage {
        match self.latest_step().map_or(0, Step::number) {
            24.. => Stage::FullMember,
            17.. => Stage::Probationary,
            7.. => Stage::DevelopmentTarget,
            3.. => Stage::Activist,
            _ => Stage::Applicant,
        }
    }

    /// Still moving through the steps: not stopped and not yet a full member.
    pub fn is_active(&self) -> bool {
        self.stopped.is_none() && self.stage() != Stage::FullMember
    }

    /// Probation runs from the branch meeting (step 15) for a year; an extension runs on from
    /// that end (so from a 02-29 meeting: 02-28 next year, then 08-28 with six months more).
    pub fn probation_end(&self) -> Option<NaiveDate> {
        let year_end = add_months(self.date(Step::BranchMeeting)?, PROBATION_MONTHS);
        Some(add_months(year_end, self.extension.map_or(0, |e| e.months)))
    }
}

/// The first day on which someone born on `birth` is `years` old (a 02-29 birthday falls on
/// 03-01 in other years, as `member::age_on` counts).
fn birthday(birth: NaiveDate, years: u32) -> NaiveDate {
    let d = add_months(birth, years * 12);
    if age_on(birth, d).is_some_and(|a| a >= years) {
        d
    } else {
        d.succ_opt().unwrap_or(d)
    }
}

/// Something in a candidate's record that breaks a rule of the 细则, with the dates involved.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// No talk recorded and the month after the application is over.
    TalkOverdue {
        applied: NaiveDate,
        due: NaiveDate,
    },
    TalkLate {
        applied: NaiveDate,
        due: NaiveDate,
        talked: NaiveDate,
    },
    /// Applied before turning 18; `adult_on` is the 18th birthday.
    TooYoung {
        birth_date: NaiveDate,
        applied: NaiveDate,
        adult_on: NaiveDate,
    },
    /// Made a development target less than a year after becoming an activist.
    ActivistYearShort {
        activist: NaiveDate,
        target: NaiveDate,
        earliest: NaiveDate,
    },
    /// The concentrated training is recorded as shorter than 3 days and 24 学时, or with no length.
    TrainingTooShort {
        days: Option<u32>,
        hours: Option<f64>,
    },
    /// No approval recorded more than 3 months after the branch meeting.
    ApprovalOverdue {
        meeting: NaiveDate,
        due: NaiveDate,
    },
    ApprovalLate {
        meeting: NaiveDate,
        due: NaiveDate,
        approved: NaiveDate,
    },
    /// More than 6 months after the branch meeting (approved then or still not): the admission
    /// has to go through the branch meeting again.
    ApprovalBeyondLimit {
        meeting: NaiveDate,
        limit: NaiveDate,
        approved: Option<NaiveDate>,
    },
    /// An extension outside 6-12 months (written by hand or another program).
    ExtensionOutOfRange {
        months: u32,
    },
    /// Probation is over and no 转正 application is recorded.
    FullMembershipApplicationOverdue {
        probation_end: NaiveDate,
    },
    /// The branch discussed 转正 before probation ended.
    FullMembershipMeetingEarly {
        meeting: NaiveDate,
        probation_end: NaiveDate,
    },
    FullMembershipApprovalOverdue {
        meeting: NaiveDate,
        due: NaiveDate,
    },
    FullMembershipApprovalLate {
        meeting: NaiveDate,
        due: NaiveDate,
        approved: NaiveDate,
    },
    /// A step dated before the recorded step that precedes it.
    OutOfOrder {
        step: Step,
        date: NaiveDate,
        previous: Step,
        previous_date: NaiveDate,
    },
    /// Steps before the latest recorded one that have no date.
    StepsMissing {
        reached: Step,
        missing: Vec<Step>,
    },
}

impl Finding {
    /// The step a finding is about, so the page can show it beside that step (`None` for the
    /// extension, which belongs to no step).
    pub fn step(&self) -> Option<Step> {
        use Finding::*;
        Some(match self {
            TalkOverdue { .. } | TalkLate { .. } => Step::ApplicationTalk,
            TooYoung { .. } => Step::Application,
            ActivistYearShort { .. } => Step::TargetChosen,
            TrainingTooShort { .. } => Step::ConcentratedTraining,
            ApprovalOverdue { .. } | ApprovalLate { .. } | ApprovalBeyondLimit { .. } => Step::Approval,
            ExtensionOutOfRange { .. } => return None,
            FullMembershipApplicationOverdue { .. } => Step::FullMembershipApplication,
            FullMembershipMeetingEarly { .. } => Step::FullMembershipMeeting,
            FullMembershipApprovalOverdue { .. } | FullMembershipApprovalLate { .. } => Step::FullMembershipApproval,
            OutOfOrder { step, .. } => *step,
            StepsMissing { reached, .. } => *reached,
        })
    }

    /// A breach of a condition of the 细则 (age, the year of observation, the training's length,
    /// the 6-month limit, 转正 before probation ends, the extension's length, steps out of order),
    /// as opposed to a deadline missed or a gap in the record. Breaches show red, the rest amber.
    pub fn is_breach(&self) -> bool {
        use Finding::*;
        matches!(
            self,
            TooYoung { .. }
                | ActivistYearShort { .. }
                | TrainingTooShort { .. }
                | ApprovalBeyondLimit { .. }
                | ExtensionOutOfRange { .. }
                | FullMembershipMeetingEarly { .. }
                | OutOfOrder { .. }
        )
    }
}

/// The rules checked for a candidate on `today`. Record facts (late dates, order, gaps) are
/// reported for everyone; what is still owed (a talk, an approval) only while the candidate is
/// active and has not gone past that step.
pub fn check(c: &Candidate, today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let d = |s: Step| c.date(s);
    let owed = |s: Step| c.is_active() && c.pending(s);

    if let Some(applied) = d(Step::Application) {
        let due = add_months(applied, TALK_WITHIN_MONTHS);
        match d(Step::ApplicationTalk) {
            Some(talked) if talked > due => out.push(Finding::TalkLate { applied, due, talked }),
            None if owed(Step::ApplicationTalk) && today > due => out.push(Finding::TalkOverdue { applied, due }),
            _ => {}
        }
        if let Some(birth_date) = c.person.birth_date {
            if age_on(birth_date, applied).is_none_or(|a| a < MIN_APPLICANT_AGE) {
                out.push(Finding::TooYoung { birth_date, applied, adult_on: birthday(birth_date, MIN_APPLICANT_AGE) });
            }
        }
    }

    if let (Some(activist), Some(target)) = (d(Step::ActivistChosen), d(Step::TargetChosen)) {
        let earliest = add_months(activist, ACTIVIST_MIN_MONTHS);
        if target < earliest {
            out.push(Finding::ActivistYearShort { activist, target, earliest });
        }
    }

    if d(Step::ConcentratedTraining).is_some() {
        let long_enough = c.training_days.is_some_and(|n| n >= TRAINING_MIN_DAYS)
            || c.training_hours.is_some_and(|h| h >= TRAINING_MIN_HOURS);
        if !long_enough {
            out.push(Finding::TrainingTooShort { days: c.training_days, hours: c.training_hours });
        }
    }

    if let Some(meeting) = d(Step::BranchMeeting) {
        let due = add_months(meeting, APPROVAL_WITHIN_MONTHS);
        let limit = add_months(meeting, APPROVAL_LIMIT_MONTHS);
        match d(Step::Approval) {
            Some(approved) if approved > limit => {
                out.push(Finding::ApprovalBeyondLimit { meeting, limit, approved: Some(approved) })
            }
            Some(approved) if approved > due => out.push(Finding::ApprovalLate { meeting, due, approved }),
            None if owed(Step::Approval) && today > limit => {
                out.push(Finding::ApprovalBeyondLimit { meeting, limit, approved: None })
            }
            None if owed(Step::Approval) && today > due => out.push(Finding::ApprovalOverdue { meeting, due }),
            _ => {}
        }
    }

    if let Some(e) = c.extension {
        if !(EXTENSION_MIN_MONTHS..=EXTENSION_MAX_MONTHS).contains(&e.months) {
            out.push(Finding::ExtensionOutOfRange { months: e.months });
        }
    }

    if let (Some(probation_end), Some(_)) = (c.probation_end(), d(Step::Approval)) {
        if owed(Step::FullMembershipApplication) && today > probation_end {
            out.push(Finding::FullMembershipApplicationOverdue { probation_end });
        }
        if let Some(meeting) = d(Step::FullMembershipMeeting) {
            if meeting < probation_end {
                out.push(Finding::FullMembershipMeetingEarly { meeting, probation_end });
            }
        }
    }

    if let Some(meeting) = d(Step::FullMembershipMeeting) {
        let due = add_months(meeting, FULL_APPROVAL_WITHIN_MONTHS);
        match d(Step::FullMembershipApproval) {
            Some(approved) if approved > due => {
                out.push(Finding::FullMembershipApprovalLate { meeting, due, approved })
            }
            None if c.stopped.is_none() && c.pending(Step::FullMembershipApproval) && today > due => {
                out.push(Finding::FullMembershipApprovalOverdue { meeting, due })
            }
            _ => {}
        }
    }

    let mut previous: Option<(Step, NaiveDate)> = None;
    for step in Step::ALL {
        if let Some(date) = d(step) {
            if let Some((p, pd)) = previous {
                if date < pd {
                    out.push(Finding::OutOfOrder { step, date, previous: p, previous_date: pd });
                }
            }
            previous = Some((step, date));
        }
    }

    if let Some(reached) = c.latest_step() {
        let missing: Vec<Step> = Step::ALL.into_iter().filter(|s| *s < reached && d(*s).is_none()).collect();
        if !missing.is_empty() {
            out.push(Finding::StepsMissing { reached, missing });
        }
    }
    out
}

/// What falls due for a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueKind {
    /// The talk with an applicant (a month after the application).
    Talk,
    /// An activist's year of observation is complete: they may now be made a development target.
    ActivistYearComplete,
    /// The upper committee's approval (3 months after the branch meeting).
    Approval,
    /// Probation ends: the 转正 application and the branch meeting are due.
    ProbationEnds,
    /// The upper committee's 转正 approval (3 months after the branch meeting).
    FullMembershipApproval,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueItem {
    pub org: Option<RecordId>,
    pub candidate: RecordId,
    pub name: String,
    pub kind: DueKind,
    pub due: NaiveDate,
    /// The date has passed and it is still not done.
    pub overdue: bool,
}

/// What falls due in `today`'s calendar month, by branch (sorted by org, then date, then name).
/// Obligations (talk, approvals, probation end) that fell due earlier and are still not done
/// are listed too, marked overdue; the activist's completed year is a milestone, listed only in
/// its month.
pub fn due_this_month(candidates: &[Candidate], today: NaiveDate) -> Vec<DueItem> {
    let (first, last) = (month_first(today), month_last(today));
    let mut out = Vec::new();
    for c in candidates.iter().filter(|c| c.is_active()) {
        let mut push = |kind: DueKind, due: NaiveDate, milestone: bool| {
            if due <= last && (!milestone || due >= first) {
                let overdue = !milestone && due < today;
                out.push(DueItem {
                    org: c.org.clone(),
                    candidate: c.id.clone(),
                    name: c.person.name.clone(),
                    kind,
                    due,
                    overdue,
                });
            }
        };
        if let (Some(applied), true) = (c.date(Step::Application), c.pending(Step::ApplicationTalk)) {
            push(DueKind::Talk, add_months(applied, TALK_WITHIN_MONTHS), false);
        }
        if let (Some(activist), true) = (c.date(Step::ActivistChosen), c.pending(Step::TargetChosen)) {
            push(DueKind::ActivistYearComplete, add_months(activist, ACTIVIST_MIN_MONTHS), true);
        }
        if let (Some(meeting), true) = (c.date(Step::BranchMeeting), c.pending(Step::Approval)) {
            push(DueKind::Approval, add_months(meeting, APPROVAL_WITHIN_MONTHS), false);
        }
        if let (Some(end), Some(_), true) =
            (c.probation_end(), c.date(Step::Approval), c.pending(Step::FullMembershipMeeting))
        {
            push(DueKind::ProbationEnds, end, false);
        }
        if let (Some(meeting), true) = (c.date(Step::FullMembershipMeeting), c.pending(Step::FullMembershipApproval)) {
            push(DueKind::FullMembershipApproval, add_months(meeting, FULL_APPROVAL_WITHIN_MONTHS), false);
        }
    }
    sort_by_key(&mut out, |i| {
        Key::new().opt_text(i.org.as_ref().map(RecordId::as_str)).date(i.due).text(&i.name).num(i.kind as i64)
    });
    out
}

/// What a user filled in for a candidate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CandidateDraft {
    pub person: PersonDraft,
    pub org: Option<RecordId>,
    pub job: String,
    /// The application date (step 1), YYYY-MM-DD or empty. Only read when creating; later the
    /// steps change through `record_step`.
    pub applied: String,
}

impl Candidate {
    /// The draft an edit form starts from.
    pub fn draft(&self) -> CandidateDraft {
        CandidateDraft {
            person: self.person.draft(),
            org: self.org.clone(),
            job: self.job.clone(),
            applied: self.date(Step::Application).map(iso).unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CandidateError {
    Person(PersonError),
    OrgMissing,
    OrgUnknown,
    /// Candidates belong to a branch (党支部, 党总支, 村民小组党支部, 企事业单位支部), not to a
    /// 党小组 or the township committee.
    OrgNotBranch,
    JobTooLong,
    AppliedDate(DateError),
    /// Another candidate in progress has this identity number.
    AlreadyCandidate(RecordId),
    /// A current member has this identity number.
    AlreadyMember(RecordId),
}

fn is_branch(category: Option<OrgCategory>) -> bool {
    use OrgCategory::*;
    matches!(category, Some(GeneralBranch | Branch | VillageGroupBranch | EnterpriseBranch))
}

/// The checked draft as a person and the other fields. `me` is the candidate being edited.
fn check_candidate(
    draft: &CandidateDraft,
    me: Option<&Candidate>,
    orgs: &[Org],
    candidates: &[Candidate],
    members: &[Member],
    today: NaiveDate,
) -> Result<(Person, RecordId, String), CandidateError> {
    let person = check_person(&draft.person, today).map_err(CandidateError::Person)?;
    let org_id = draft.org.as_ref().ok_or(CandidateError::OrgMissing)?;
    let org = orgs.iter().find(|o| &o.id == org_id).ok_or(CandidateError::OrgUnknown)?;
    if !is_branch(org.category) {
        return Err(CandidateError::OrgNotBranch);
    }
    let job = clean(&draft.job);
    if job.chars().count() > JOB_MAX_CHARS {
        return Err(CandidateError::JobTooLong);
    }
    if let Some(key) = id_key(&person.id_number, today) {
        let same = |id: &str| id_key(id, today).as_ref() == Some(&key);
        let me_id = me.map(|c| &c.id);
        if let Some(other) = candidates
            .iter()
            .find(|o| Some(&o.id) != me_id && o.stopped.is_none() && o.member.is_none() && same(&o.person.id_number))
        {
            return Err(CandidateError::AlreadyCandidate(other.id.clone()));
        }
        // An admitted candidate's own member record has the number too.
        let mine = me.and_then(|c| c.member.as_ref());
        if let Some(m) = members.iter().find(|m| m.is_current() && same(&m.id_number) && Some(&m.id) != mine) {
            return Err(CandidateError::AlreadyMember(m.id.clone()));
        }
    }
    Ok((person, org_id.clone(), job))
}

/// Checks a new candidate against the branches, the candidates in progress and the roster, and
/// turns it into a creating edit.
pub fn create_candidate(
    draft: &CandidateDraft,
    id: RecordId,
    orgs: &[Org],
    candidates: &[Candidate],
    members: &[Member],
    today: NaiveDate,
) -> Result<Edit, CandidateError> {
    let (person, org, job) = check_candidate(draft, None, orgs, candidates, members, today)?;
    let applied = parse_input(&draft.applied, Some(today)).map_err(CandidateError::AppliedDate)?;
    let mut fields = person.create_fields();
    fields.push((ORG.to_string(), json!(org.as_str())));
    if !job.is_empty() {
        fields.push((JOB.to_string(), json!(job)));
    }
    if let Some(d) = applied {
        fields.push((Step::Application.date_key().to_string(), json!(iso(d))));
    }
    Ok(Edit::Create { id, kind: kind::CANDIDATE.to_string(), fields })
}

/// Checks an edited candidate; the edit writes only the fields that changed (`None` if none did).
pub fn update_candidate(
    c: &Candidate,
    draft: &CandidateDraft,
    orgs: &[Org],
    candidates: &[Candidate],
    members: &[Member],
    today: NaiveDate,
) -> Result<Option<Edit>, CandidateError> {
    let (person, org, job) = check_candidate(draft, Some(c), orgs, candidates, members, today)?;
    let mut fields = person.changed_fields(&c.person);
    if c.org.as_ref() != Some(&org) {
        fields.push((ORG.to_string(), json!(org.as_str())));
    }
    if job != c.job {
        fields.push((JOB.to_string(), json!(job)));
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: c.id.clone(), fields }))
}

/// A step's date and note as typed. An empty date clears the step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepDraft {
    pub date: String,
    pub note: String,
    /// Only for 开展集中培训: its length in days and in 学时 (either or both; empty if unknown).
    pub training_days: String,
    pub training_hours: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepError {
    Date(DateError),
    NoteTooLong,
    /// A length was typed for a step other than the concentrated training.
    LengthOnlyForTraining,
    TrainingDaysInvalid,
    TrainingHoursInvalid,
    /// The development was stopped; resume it first.
    Stopped,
    /// Recording the approval admits the candidate, and that was refused.
    Admission(AdmissionError),
    /// Recording the 转正 approval updates the member record, and that was refused.
    FullMembership(FullMembershipError),
}

fn parse_days(text: &str) -> Result<Option<u32>, StepError> {
    match text.trim() {
        "" => Ok(None),
        t => t.parse::<u32>().ok().filter(|n| (1..=366).contains(n)).map(Some).ok_or(StepError::TrainingDaysInvalid),
    }
}

fn parse_hours(text: &str) -> Result<Option<f64>, StepError> {
    match text.trim() {
        "" => Ok(None),
        t => crate::training::parse_hours(t, 2000.0).map(Some).ok_or(StepError::TrainingHoursInvalid),
    }
}

/// Records (or corrects, or clears) one step. Recording the upper committee's approval (step 17)
/// of a candidate not yet on the roster also admits them (`admit`, with `new_member_id`);
/// recording the 转正 approval (step 24) of an admitted candidate makes the member full
/// (`full_membership`); correcting the branch meeting's date of an admitted candidate corrects the
/// member's joining (and full-member) date. The edits go in one commit, so the roster never
/// disagrees with the steps.
pub fn record_step(
    c: &Candidate,
    step: Step,
    draft: &StepDraft,
    members: &[Member],
    new_member_id: RecordId,
    today: NaiveDate,
) -> Result<Vec<Edit>, StepError> {
    if c.stopped.is_some() {
        return Err(StepError::Stopped);
    }
    let date = parse_input(&draft.date, Some(today)).map_err(StepError::Date)?;
    let note = clean(&draft.note);
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(StepError::NoteTooLong);
    }
    let is_training = step == Step::ConcentratedTraining;
    let length_typed = !draft.training_days.trim().is_empty() || !draft.training_hours.trim().is_empty();
    if length_typed && !is_training {
        return Err(StepError::LengthOnlyForTraining);
    }
    let days = parse_days(&draft.training_days)?;
    let hours = parse_hours(&draft.training_hours)?;
    let mut fields = vec![
        (step.date_key().to_string(), json!(date.map(iso).unwrap_or_default())),
        (step.note_key().to_string(), json!(note)),
    ];
    if is_training {
        fields.push((TRAINING_DAYS.to_string(), days.map_or(Value::Null, |n| json!(n))));
        fields.push((TRAINING_HOURS.to_string(), hours.map_or(Value::Null, |h| json!(h))));
    }
    let mut edits = vec![Edit::Update { id: c.id.clone(), fields }];
    let mut after = c.clone();
    after.steps[step.index()] = StepEntry { date, note };
    if date.is_some() && step == Step::Approval && c.member.is_none() {
        edits.extend(admit(&after, new_member_id, members, today).map_err(StepError::Admission)?);
    }
    if date.is_some() && step == Step::FullMembershipApproval {
        edits.push(full_membership(&after).map_err(StepError::FullMembership)?);
    }
    // The member's dates come from the branch meeting: a corrected meeting date corrects them.
    if let (Step::BranchMeeting, Some(meeting), Some(m)) = (step, date, &c.member) {
        let mut fields = vec![(member::JOINED.to_string(), json!(iso(meeting)))];
        if let (Some(_), Some(end)) = (after.date(Step::FullMembershipApproval), after.probation_end()) {
            fields.push((member::FULL_MEMBER_DATE.to_string(), json!(iso(end))));
        }
        edits.push(Edit::Update { id: m.clone(), fields });
    }
    Ok(edits)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdmissionError {
    Stopped,
    /// Step 15 (支部大会讨论) has no date: it is the member's joining date.
    MeetingMissing,
    /// Step 17 (上级党委审批) has no date.
    ApprovalMissing,
    AlreadyAdmitted(RecordId),
    NameMissing,
    OrgMissing,
    /// The roster needs the identity number, and it is how a second admission is caught.
    IdNumberMissing,
    IdNumber(IdNumberError),
    /// This member already has the identity number; link the candidate to it instead.
    BelongsToMember(RecordId),
}

/// Puts an approved candidate on the roster: the member record (预备党员, 正常, joined on the
/// branch meeting's date, the person's fields as they are) and the link from the candidate.
/// Refused when one of `members` (pass every live member record) has the same identity number.
pub fn admit(
    c: &Candidate,
    member_id: RecordId,
    members: &[Member],
    today: NaiveDate,
) -> Result<Vec<Edit>, AdmissionError> {
    if c.stopped.is_some() {
        return Err(AdmissionError::Stopped);
    }
    if let Some(m) = &c.member {
        return Err(AdmissionError::AlreadyAdmitted(m.clone()));
    }
    let joined = c.date(Step::BranchMeeting).ok_or(AdmissionError::MeetingMissing)?;
    c.date(Step::Approval).ok_or(AdmissionError::ApprovalMissing)?;
    if c.person.name.is_empty() {
        return Err(AdmissionError::NameMissing);
    }
    let org = c.org.as_ref().ok_or(AdmissionError::OrgMissing)?;
    if c.person.id_number.trim().is_empty() {
        return Err(AdmissionError::IdNumberMissing);
    }
    let info = parse_id_number(&c.person.id_number, today).map_err(AdmissionError::IdNumber)?;
    if let Some(m) = members.iter().find(|m| id_key(&m.id_number, today).as_deref() == Some(info.normalized.as_str())) {
        return Err(AdmissionError::BelongsToMember(m.id.clone()));
    }
    let person = Person {
        id_number: info.normalized,
        birth_date: c.person.birth_date.or(Some(info.birth_date)),
        ..c.person.clone()
    };
    let mut fields = person.create_fields();
    fields.extend([
        (member::ORG.to_string(), json!(org.as_str())),
        (member::JOINED.to_string(), json!(iso(joined))),
        (member::CATEGORY.to_string(), json!(member::PROBATIONARY)),
        (member::STATUS.to_string(), json!(member::STATUS_NORMAL)),
    ]);
    if !c.job.is_empty() {
        fields.push((member::POST.to_string(), json!(c.job)));
    }
    Ok(vec![
        Edit::Create { id: member_id.clone(), kind: kind::MEMBER.to_string(), fields },
        Edit::Update { id: c.id.clone(), fields: vec![(MEMBER.to_string(), json!(member_id.as_str()))] },
    ])
}

/// Links a candidate to a member record that already exists (entered on the roster before the
/// development was recorded here), instead of admitting them a second time.
pub fn link_member(c: &Candidate, m: &Member) -> Edit {
    Edit::Update { id: c.id.clone(), fields: vec![(MEMBER.to_string(), json!(m.id.as_str()))] }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FullMembershipError {
    /// The candidate is not linked to a member record.
    NotAdmitted,
    /// Step 15 has no date, so probation's end is unknown.
    ProbationUnknown,
    /// Step 23 (支部大会讨论转正) has no date.
    MeetingMissing,
    /// Step 24 (上级党委审批) has no date.
    ApprovalMissing,
}

/// The member update for 转正: 正式党员, with the full-member date at the end of probation (the
/// party age counts from the day probation ends, not from the approval).
pub fn full_membership(c: &Candidate) -> Result<Edit, FullMembershipError> {
    let member = c.member.as_ref().ok_or(FullMembershipError::NotAdmitted)?;
    let end = c.probation_end().ok_or(FullMembershipError::ProbationUnknown)?;
    c.date(Step::FullMembershipMeeting).ok_or(FullMembershipError::MeetingMissing)?;
    c.date(Step::FullMembershipApproval).ok_or(FullMembershipError::ApprovalMissing)?;
    Ok(Edit::Update {
        id: member.clone(),
        fields: vec![
            (member::CATEGORY.to_string(), json!(member::FULL_MEMBER)),
            (member::FULL_MEMBER_DATE.to_string(), json!(iso(end))),
        ],
    })
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtensionDraft {
    /// The branch meeting that decided it, YYYY-MM-DD.
    pub date: String,
    /// 6 to 12.
    pub months: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtensionError {
    Stopped,
    /// Only a 预备党员 (approved, step 17) has a probation to extend.
    NotProbationary,
    AlreadyFullMember,
    /// Probation may be extended once (细则: 可以延长一次预备期).
    AlreadyExtended,
    DateMissing,
    Date(DateError),
    /// The decision predates the branch meeting that started probation.
    DateBeforeProbation,
    MonthsInvalid,
    MonthsOutOfRange,
}

/// Records the decision to extend probation by 6 to 12 months.
pub fn extend_probation(c: &Candidate, draft: &ExtensionDraft, today: NaiveDate) -> Result<Edit, ExtensionError> {
    if c.stopped.is_some() {
        return Err(ExtensionError::Stopped);
    }
    match c.stage() {
        Stage::FullMember => return Err(ExtensionError::AlreadyFullMember),
        Stage::Probationary => {}
        _ => return Err(ExtensionError::NotProbationary),
    }
    if c.extension.is_some() {
        return Err(ExtensionError::AlreadyExtended);
    }
    let date =
        parse_input(&draft.date, Some(today)).map_err(ExtensionError::Date)?.ok_or(ExtensionError::DateMissing)?;
    if c.date(Step::BranchMeeting).is_some_and(|start| date < start) {
        return Err(ExtensionError::DateBeforeProbation);
    }
    let months: u32 = draft.months.trim().parse().map_err(|_| ExtensionError::MonthsInvalid)?;
    if !(EXTENSION_MIN_MONTHS..=EXTENSION_MAX_MONTHS).contains(&months) {
        return Err(ExtensionError::MonthsOutOfRange);
    }
    Ok(Edit::Update {
        id: c.id.clone(),
        fields: vec![(EXTENSION_DATE.to_string(), json!(iso(date))), (EXTENSION_MONTHS.to_string(), json!(months))],
    })
}

/// Removes a wrongly entered extension (to correct it, withdraw it and record it again).
pub fn withdraw_extension(c: &Candidate) -> Edit {
    Edit::Update {
        id: c.id.clone(),
        fields: vec![(EXTENSION_DATE.to_string(), json!("")), (EXTENSION_MONTHS.to_string(), Value::Null)],
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StopDraft {
    pub reason: Option<StopReason>,
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopError {
    AlreadyStopped,
    AlreadyFullMember,
    ReasonMissing,
    DateMissing,
    Date(DateError),
    /// 取消预备党员资格 applies to a 预备党员 only.
    NotProbationary,
}

/// Ends a development. Cancelling a 预备党员's probation also takes them off the roster (the
/// member's `left`, with the date), since they are no longer a member.
pub fn stop(c: &Candidate, draft: &StopDraft, today: NaiveDate) -> Result<Vec<Edit>, StopError> {
    if c.stopped.is_some() {
        return Err(StopError::AlreadyStopped);
    }
    if c.stage() == Stage::FullMember {
        return Err(StopError::AlreadyFullMember);
    }
    let reason = draft.reason.ok_or(StopError::ReasonMissing)?;
    let date = parse_input(&draft.date, Some(today)).map_err(StopError::Date)?.ok_or(StopError::DateMissing)?;
    if reason == StopReason::ProbationCancelled && c.stage() != Stage::Probationary {
        return Err(StopError::NotProbationary);
    }
    let mut edits = vec![Edit::Update {
        id: c.id.clone(),
        fields: vec![(STOPPED.to_string(), json!(reason.label())), (STOPPED_DATE.to_string(), json!(iso(date)))],
    }];
    if let (StopReason::ProbationCancelled, Some(m)) = (reason, &c.member) {
        edits.push(Edit::Update {
            id: m.clone(),
            fields: vec![
                (member::LEFT.to_string(), json!(reason.label())),
                (member::LEFT_DATE.to_string(), json!(iso(date))),
            ],
        });
    }
    Ok(edits)
}

/// Takes back a stop entered by mistake. (A cancelled probation's member record is left as it
/// is: putting someone back on the roster is the roster's own decision.)
pub fn resume(c: &Candidate) -> Edit {
    Edit::Update {
        id: c.id.clone(),
        fields: vec![(STOPPED.to_string(), json!("")), (STOPPED_DATE.to_string(), json!(""))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::id_number::{make_id_number, Sex};
    use crate::station::StationId;
    use crate::test_support::{day, rid};

    fn apply(record: &mut Record, edit: &Edit) {
        let station = StationId::from_random([1; 8]);
        let fields = match edit {
            Edit::Create { fields, .. } | Edit::Update { fields, .. } => fields,
            Edit::Delete { .. } => panic!("no deletes here"),
        };
        for (k, v) in fields {
            let clock = Hlc::new(record.clocks().map(|c| c.wall_ms()).max().unwrap_or(0) + 1, 0);
            record.set(k, v.clone(), clock, &station);
        }
    }

    fn record_of(edit: &Edit) -> Record {
        let Edit::Create { id, kind: k, .. } = edit else { panic!("not a create: {edit:?}") };
        let mut r = Record::new(id.clone(), k, StationId::from_random([1; 8]));
        apply(&mut r, edit);
        r
    }

    fn branch() -> Org {
        Org {
            id: rid(50),
            name: "山塘村党支部".into(),
            category: Some(OrgCategory::Branch),
            parent: None,
            founded: None,
            secretary: String::new(),
            phone: String::new(),
            closed: None,
            merged_into: None,
        }
    }

    fn id_number(n: u16) -> String {
        make_id_number("430121", day("2000-03-15"), n, Sex::Male)
    }

    /// A candidate with the given steps dated (step number, date).
    fn candidate(steps: &[(u8, &str)]) -> Candidate {
        let draft = CandidateDraft {
            person: PersonDraft { name: "王五".into(), id_number: id_number(11), ..Default::default() },
            org: Some(branch().id),
            job: "农民".into(),
            applied: String::new(),
        };
        let edit = create_candidate(&draft, rid(1), &[branch()], &[], &[], day("2026-11-24")).unwrap();
        let mut r = record_of(&edit);
        for (n, date) in steps {
            r.set(
                Step::from_number(*n).unwrap().date_key(),
                json!(date),
                Hlc::new(10_000 + u64::from(*n), 0),
                &r.origin.clone(),
            );
        }
        Candidate::from_record(&r)
    }

    /// Every step dated in order, a week apart from `start`, up to `last`.
    fn through(last: u8, start: &str) -> Vec<(u8, String)> {
        (1..=last).map(|n| (n, iso(day(start) + chrono::Days::new(7 * u64::from(n))))).collect()
    }

    fn with(steps: &[(u8, String)]) -> Candidate {
        let borrowed: Vec<(u8, &str)> = steps.iter().map(|(n, d)| (*n, d.as_str())).collect();
        candidate(&borrowed)
    }

    fn set(steps: &mut [(u8, String)], n: u8, date: &str) {
        steps.iter_mut().find(|(m, _)| *m == n).unwrap().1 = date.to_string();
    }

    #[test]
    fn twenty_five_steps_in_five_phases() {
        assert_eq!(Step::ALL.len(), 25);
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(usize::from(s.number()), i + 1);
            assert_eq!(Step::from_number(s.number()), Some(*s));
            assert_eq!(s.date_key(), format!("step{:02}", i + 1));
            assert_eq!(s.note_key(), format!("step{:02}_note", i + 1));
        }
        assert_eq!(Step::from_number(0), None);
        assert_eq!(Step::from_number(26), None);
        let counts: Vec<usize> = Phase::ALL.iter().map(|p| p.steps().len()).collect();
        assert_eq!(counts, [2, 4, 5, 7, 7]);
        for p in Phase::ALL {
            assert!(p.steps().iter().all(|s| s.phase() == p));
        }
        assert_eq!(Step::ConcentratedTraining.label(), "开展集中培训");
        assert_eq!(Step::ApprovalFiled.label(), "再上级党委组织部门备案");
        assert_eq!(Step::Archived.label(), "材料归档");
    }

    #[test]
    fn a_new_candidate_is_a_create_edit_with_the_member_keys() {
        let draft = CandidateDraft {
            person: PersonDraft { name: "王五".into(), id_number: id_number(11), ..Default::default() },
            org: Some(branch().id),
            job: String::new(),
            applied: "2024-03-01".into(),
        };
        let edit = create_candidate(&draft, rid(1), &[branch()], &[], &[], day("2026-11-24")).unwrap();
        let Edit::Create { kind: k, fields, .. } = &edit else { panic!() };
        assert_eq!(k, kind::CANDIDATE);
        assert!(fields.contains(&(member::SEX.into(), json!(member::MALE))), "sex from the identity number");
        assert!(fields.contains(&(member::BIRTH_DATE.into(), json!("2000-03-15"))));
        assert!(fields.contains(&("step01".into(), json!("2024-03-01"))));
        let c = Candidate::from_record(&record_of(&edit));
        assert_eq!(c.stage(), Stage::Applicant);
        assert_eq!(c.date(Step::Application), Some(day("2024-03-01")));
        assert_eq!(c.org, Some(branch().id));
    }

    #[test]
    fn candidate_drafts_are_checked() {
        let today = day("2026-11-24");
        let base = CandidateDraft {
            person: PersonDraft { name: "王五".into(), id_number: id_number(11), ..Default::default() },
            org: Some(branch().id),
            ..Default::default()
        };
        let group = Org { id: rid(51), category: Some(OrgCategory::Group), ..branch() };
        let orgs = [branch(), group.clone()];
        let check = |d: &CandidateDraft, cands: &[Candidate], members: &[Member]| {
            create_candidate(d, rid(2), &orgs, cands, members, today).unwrap_err()
        };
        assert_eq!(check(&CandidateDraft { org: None, ..base.clone() }, &[], &[]), CandidateError::OrgMissing);
        assert_eq!(check(&CandidateDraft { org: Some(rid(99)), ..base.clone() }, &[], &[]), CandidateError::OrgUnknown);
        assert_eq!(
            check(&CandidateDraft { org: Some(group.id), ..base.clone() }, &[], &[]),
            CandidateError::OrgNotBranch
        );
        assert_eq!(
            check(&CandidateDraft { applied: "2026-11-25".into(), ..base.clone() }, &[], &[]),
            CandidateError::AppliedDate(DateError::InFuture)
        );
        let mut no_name = base.clone();
        no_name.person.name = String::new();
        assert_eq!(check(&no_name, &[], &[]), CandidateError::Person(PersonError::NameEmpty));
        let other = candidate(&[]);
        assert_eq!(check(&base, std::slice::from_ref(&other), &[]), CandidateError::AlreadyCandidate(other.id.clone()));
        let mut m = Member::from_record(&Record::new(rid(70), kind::MEMBER, StationId::from_random([1; 8])));
        m.id_number = id_number(11).to_lowercase();
        assert_eq!(check(&base, &[], std::slice::from_ref(&m)), CandidateError::AlreadyMember(m.id.clone()));
        m.left = Some("去世".into());
        assert!(create_candidate(&base, rid(2), &orgs, &[], &[m], today).is_ok(), "only current members count");
        // Editing a candidate does not collide with itself.
        assert_eq!(update_candidate(&other, &other.draft(), &orgs, std::slice::from_ref(&other), &[], today), Ok(None));
        let mut moved = other.draft();
        moved.person.phone = "13800000000".into();
        let Some(Edit::Update { fields, .. }) =
            update_candidate(&other, &moved, &orgs, std::slice::from_ref(&other), &[], today).unwrap()
        else {
            panic!()
        };
        assert_eq!(fields, vec![(member::PHONE.to_string(), json!("13800000000"))]);
        // An admitted candidate shares the number with its own member record, and only that one.
        let mut admitted = other.clone();
        admitted.member = Some(rid(70));
        let mut own = Member::from_record(&Record::new(rid(70), kind::MEMBER, StationId::from_random([1; 8])));
        own.id_number = id_number(11);
        assert_eq!(
            update_candidate(&admitted, &moved, &orgs, &[], std::slice::from_ref(&own), today).map(|e| e.is_some()),
            Ok(true)
        );
        own.id = rid(71);
        assert_eq!(
            update_candidate(&admitted, &moved, &orgs, &[], &[own], today),
            Err(CandidateError::AlreadyMember(rid(71)))
        );
    }

    #[test]
    fn the_stage_follows_the_milestone_steps() {
        assert_eq!(candidate(&[(1, "2024-01-01"), (2, "2024-01-10")]).stage(), Stage::Applicant);
        assert_eq!(candidate(&[(3, "2024-03-01")]).stage(), Stage::Activist);
        assert_eq!(candidate(&[(3, "2024-03-01"), (7, "2025-03-01")]).stage(), Stage::DevelopmentTarget);
        assert_eq!(candidate(&[(15, "2025-06-01")]).stage(), Stage::DevelopmentTarget, "meeting alone is not approval");
        assert_eq!(candidate(&[(6, "2024-06-01")]).stage(), Stage::Activist, "gaps before the latest step");
        assert_eq!(candidate(&[(16, "2025-06-10")]).stage(), Stage::DevelopmentTarget);
        assert_eq!(candidate(&[(23, "2026-06-10")]).stage(), Stage::Probationary);
        assert_eq!(candidate(&[(25, "2026-08-10")]).stage(), Stage::FullMember);
        assert_eq!(candidate(&[]).stage(), Stage::Applicant);
        assert_eq!(candidate(&[(7, "2025-03-01"), (17, "2025-07-01")]).stage(), Stage::Probationary);
        assert_eq!(candidate(&[(17, "2025-07-01"), (24, "2026-07-01")]).stage(), Stage::FullMember);
    }

    #[test]
    fn the_talk_is_due_within_a_month_month_end_included() {
        let today = day("2026-11-24");
        // One month after 01-31 is 02-28 in a common year: a talk on 02-28 is on time, 03-01 late.
        let on_time = candidate(&[(1, "2025-01-31"), (2, "2025-02-28")]);
        assert!(check(&on_time, today).is_empty(), "{:?}", check(&on_time, today));
        let late = candidate(&[(1, "2025-01-31"), (2, "2025-03-01")]);
        assert_eq!(
            check(&late, today),
            vec![Finding::TalkLate { applied: day("2025-01-31"), due: day("2025-02-28"), talked: day("2025-03-01") }]
        );
        let leap = candidate(&[(1, "2024-01-31"), (2, "2024-02-29")]);
        assert!(check(&leap, today).is_empty());
        // Not yet talked: overdue from the day after the due date.
        let waiting = candidate(&[(1, "2026-10-24")]);
        assert!(check(&waiting, day("2026-11-24")).is_empty(), "due today, not yet overdue");
        assert_eq!(
            check(&waiting, day("2026-11-25")),
            vec![Finding::TalkOverdue { applied: day("2026-10-24"), due: day("2026-11-24") }]
        );
        // Past the talk in the record: the gap is a missing step, not an overdue talk.
        let moved_on = candidate(&[(1, "2024-01-01"), (3, "2024-06-01")]);
        assert_eq!(
            check(&moved_on, today),
            vec![Finding::StepsMissing { reached: Step::ActivistChosen, missing: vec![Step::ApplicationTalk] }]
        );
    }

    #[test]
    fn applicants_must_be_eighteen_when_applying() {
        // The candidate is born 2000-03-15.
        let today = day("2026-11-24");
        let on_birthday = candidate(&[(1, "2018-03-15"), (2, "2018-03-20")]);
        assert!(check(&on_birthday, today).is_empty());
        let day_before = candidate(&[(1, "2018-03-14"), (2, "2018-03-20")]);
        assert_eq!(
            check(&day_before, today),
            vec![Finding::TooYoung {
                birth_date: day("2000-03-15"),
                applied: day("2018-03-14"),
                adult_on: day("2018-03-15")
            }]
        );
        // A 02-29 birthday: 18 on 03-01 of a common year.
        assert_eq!(birthday(day("2004-02-29"), 18), day("2022-03-01"));
        assert_eq!(birthday(day("2004-02-28"), 18), day("2022-02-28"));
        assert_eq!(birthday(day("2000-02-29"), 4), day("2004-02-29"));
    }

    #[test]
    fn an_activist_is_observed_at_least_a_year() {
        let today = day("2026-11-24");
        let year_short = |activist: &str, target: &str| {
            check(&candidate(&[(3, activist), (7, target)]), today)
                .into_iter()
                .filter(|f| matches!(f, Finding::ActivistYearShort { .. }))
                .collect::<Vec<_>>()
        };
        assert!(year_short("2024-03-01", "2025-03-01").is_empty(), "exactly one year is enough");
        assert_eq!(
            year_short("2024-03-01", "2025-02-28"),
            vec![Finding::ActivistYearShort {
                activist: day("2024-03-01"),
                target: day("2025-02-28"),
                earliest: day("2025-03-01")
            }]
        );
        // From a leap day the year ends on 02-28.
        assert!(year_short("2024-02-29", "2025-02-28").is_empty());
        assert_eq!(year_short("2024-02-29", "2025-02-27").len(), 1);
    }

    #[test]
    fn the_concentrated_training_needs_three_days_or_24_hours() {
        let today = day("2026-11-24");
        let mut c = candidate(&[(11, "2025-05-01")]);
        let short = |c: &Candidate| {
            check(c, today).into_iter().filter(|f| matches!(f, Finding::TrainingTooShort { .. })).count()
        };
        assert_eq!(short(&c), 1, "no length recorded");
        c.training_days = Some(3);
        assert_eq!(short(&c), 0);
        c.training_days = Some(2);
        c.training_hours = Some(23.5);
        assert_eq!(check(&c, today)[0], Finding::TrainingTooShort { days: Some(2), hours: Some(23.5) });
        c.training_hours = Some(24.0);
        assert_eq!(short(&c), 0);
    }

    #[test]
    fn approval_is_due_within_three_months_and_void_after_six() {
        let approval = |steps: &[(u8, &str)], today: &str| {
            check(&candidate(steps), day(today))
                .into_iter()
                .filter(|f| {
                    matches!(
                        f,
                        Finding::ApprovalLate { .. }
                            | Finding::ApprovalOverdue { .. }
                            | Finding::ApprovalBeyondLimit { .. }
                    )
                })
                .collect::<Vec<_>>()
        };
        let m = "2025-08-31";
        assert!(approval(&[(15, m), (17, "2025-11-30")], "2026-11-24").is_empty(), "3 months end on 11-30");
        assert_eq!(
            approval(&[(15, m), (17, "2025-12-01")], "2026-11-24"),
            vec![Finding::ApprovalLate { meeting: day(m), due: day("2025-11-30"), approved: day("2025-12-01") }]
        );
        assert_eq!(
            approval(&[(15, m), (17, "2026-03-01")], "2026-11-24"),
            vec![Finding::ApprovalBeyondLimit {
                meeting: day(m),
                limit: day("2026-02-28"),
                approved: Some(day("2026-03-01"))
            }]
        );
        assert!(approval(&[(15, m)], "2025-11-30").is_empty());
        assert_eq!(
            approval(&[(15, m)], "2025-12-01"),
            vec![Finding::ApprovalOverdue { meeting: day(m), due: day("2025-11-30") }]
        );
        assert_eq!(
            approval(&[(15, m)], "2026-03-01")[0],
            Finding::ApprovalBeyondLimit { meeting: day(m), limit: day("2026-02-28"), approved: None }
        );
    }

    #[test]
    fn probation_is_a_year_from_the_branch_meeting_plus_one_extension() {
        let mut c = candidate(&[(15, "2024-02-29"), (17, "2024-03-20")]);
        assert_eq!(c.probation_end(), Some(day("2025-02-28")));
        c.extension = Some(Extension { decided: day("2025-02-28"), months: 6 });
        assert_eq!(c.probation_end(), Some(day("2025-08-28")));
        let draft = ExtensionDraft { date: "2025-03-01".into(), months: "6".into() };
        assert_eq!(extend_probation(&c, &draft, day("2026-11-24")), Err(ExtensionError::AlreadyExtended));
        c.extension = None;
        let today = day("2026-11-24");
        let edit = extend_probation(&c, &draft, today).unwrap();
        assert_eq!(
            edit,
            Edit::Update {
                id: c.id.clone(),
                fields: vec![(EXTENSION_DATE.into(), json!("2025-03-01")), (EXTENSION_MONTHS.into(), json!(6))]
            }
        );
        let e = |months: &str, date: &str| {
            extend_probation(&c, &ExtensionDraft { date: date.into(), months: months.into() }, today)
        };
        assert_eq!(e("5", "2025-03-01"), Err(ExtensionError::MonthsOutOfRange));
        assert_eq!(e("13", "2025-03-01"), Err(ExtensionError::MonthsOutOfRange));
        assert!(e("12", "2025-03-01").is_ok());
        assert_eq!(e("半年", "2025-03-01"), Err(ExtensionError::MonthsInvalid));
        assert_eq!(e("6", ""), Err(ExtensionError::DateMissing));
        assert_eq!(e("6", "2024-02-28"), Err(ExtensionError::DateBeforeProbation));
        assert_eq!(e("6", "2026-11-25"), Err(ExtensionError::Date(DateError::InFuture)));
        let target = candidate(&[(7, "2024-01-01")]);
        assert_eq!(extend_probation(&target, &draft, today), Err(ExtensionError::NotProbationary));
        // Withdrawing and reading back leaves no extension.
        let mut r = Record::new(c.id.clone(), kind::CANDIDATE, StationId::from_random([1; 8]));
        apply(&mut r, &edit);
        assert_eq!(Candidate::from_record(&r).extension, Some(Extension { decided: day("2025-03-01"), months: 6 }));
        apply(&mut r, &withdraw_extension(&c));
        assert_eq!(Candidate::from_record(&r).extension, None);
        // Out-of-range months from elsewhere are reported.
        c.extension = Some(Extension { decided: day("2025-03-01"), months: 18 });
        assert!(check(&c, today).contains(&Finding::ExtensionOutOfRange { months: 18 }));
    }

    #[test]
    fn the_full_membership_application_is_due_when_probation_ends() {
        let c = candidate(&[(15, "2025-06-30"), (17, "2025-07-15")]);
        let overdue = |today: &str| {
            check(&c, day(today))
                .contains(&Finding::FullMembershipApplicationOverdue { probation_end: day("2026-06-30") })
        };
        assert!(!overdue("2026-06-30"));
        assert!(overdue("2026-07-01"));
        let early = candidate(&[(15, "2025-06-30"), (17, "2025-07-15"), (22, "2026-06-20"), (23, "2026-06-29")]);
        assert!(check(&early, day("2026-07-01")).contains(&Finding::FullMembershipMeetingEarly {
            meeting: day("2026-06-29"),
            probation_end: day("2026-06-30")
        }));
        let on_time = candidate(&[(15, "2025-06-30"), (17, "2025-07-15"), (22, "2026-06-20"), (23, "2026-06-30")]);
        assert!(!check(&on_time, day("2026-07-01"))
            .iter()
            .any(|f| matches!(f, Finding::FullMembershipMeetingEarly { .. })));
        assert!(check(&on_time, day("2026-10-01"))
            .contains(&Finding::FullMembershipApprovalOverdue { meeting: day("2026-06-30"), due: day("2026-09-30") }));
        assert!(!check(&on_time, day("2026-09-30"))
            .iter()
            .any(|f| matches!(f, Finding::FullMembershipApprovalOverdue { .. })));
    }

    #[test]
    fn a_complete_record_in_order_has_no_findings() {
        let dates = [
            "2023-01-08",
            "2023-01-15",
            "2023-02-01",
            "2023-02-05",
            "2023-02-06",
            "2023-08-01",
            "2024-02-01",
            "2024-02-09",
            "2024-02-10",
            "2024-02-11",
            "2024-02-12",
            "2024-02-20",
            "2024-02-25",
            "2024-02-26",
            "2024-03-01",
            "2024-03-05",
            "2024-04-01",
            "2024-04-10",
            "2024-04-11",
            "2024-04-12",
            "2024-06-01",
            "2025-02-20",
            "2025-03-01",
            "2025-03-20",
            "2025-04-01",
        ];
        let steps: Vec<(u8, String)> = (1..=25).zip(dates.iter().map(|d| d.to_string())).collect();
        let mut c = with(&steps);
        c.training_hours = Some(24.0);
        assert_eq!(check(&c, day("2026-11-24")), vec![]);
        assert_eq!(c.stage(), Stage::FullMember);
        assert!(!c.is_active());
        assert!(due_this_month(&[c], day("2025-03-10")).is_empty());
    }

    #[test]
    fn a_step_dated_before_the_previous_one_is_flagged_once() {
        let mut steps = through(6, "2024-01-01");
        set(&mut steps, 4, "2024-01-02");
        let c = with(&steps);
        let order: Vec<Finding> =
            check(&c, day("2026-11-24")).into_iter().filter(|f| matches!(f, Finding::OutOfOrder { .. })).collect();
        assert_eq!(
            order,
            vec![Finding::OutOfOrder {
                step: Step::ActivistFiled,
                date: day("2024-01-02"),
                previous: Step::ActivistChosen,
                previous_date: day("2024-01-22")
            }]
        );
        // The same day as the previous step is in order.
        set(&mut steps, 4, "2024-01-22");
        assert!(!check(&with(&steps), day("2026-11-24")).iter().any(|f| matches!(f, Finding::OutOfOrder { .. })));
    }

    #[test]
    fn due_this_month_lists_what_falls_due_per_branch() {
        let today = day("2026-11-10");
        let mut talk = candidate(&[(1, "2026-10-31")]); // due 11-30
        talk.id = rid(2);
        let mut talk_overdue = candidate(&[(1, "2026-09-15")]); // due 10-15, still owed
        talk_overdue.id = rid(3);
        let mut year = candidate(&[(1, "2025-09-01"), (2, "2025-09-10"), (3, "2025-11-05")]);
        year.id = rid(4);
        let mut old_year = candidate(&[(1, "2024-09-01"), (2, "2024-09-10"), (3, "2024-11-05")]);
        old_year.id = rid(5);
        let mut probation = candidate(&[(15, "2025-11-20"), (17, "2025-12-01")]);
        probation.id = rid(6);
        probation.org = Some(rid(40));
        let mut stopped = candidate(&[(1, "2026-10-31")]);
        stopped.id = rid(7);
        stopped.stopped = Some(Stop { reason: StopReason::Withdrew.label().into(), date: None });
        let mut next_month = candidate(&[(1, "2026-11-05")]); // due 12-05
        next_month.id = rid(8);
        let items = due_this_month(&[talk, talk_overdue, year, old_year, probation, stopped, next_month], today);
        let got: Vec<(RecordId, DueKind, NaiveDate, bool)> =
            items.iter().map(|i| (i.candidate.clone(), i.kind, i.due, i.overdue)).collect();
        let (town, village) = (rid(40), branch().id);
        let mut expected = vec![
            (rid(3), DueKind::Talk, day("2026-10-15"), true),
            (rid(4), DueKind::ActivistYearComplete, day("2026-11-05"), false),
            (rid(2), DueKind::Talk, day("2026-11-30"), false),
            (rid(6), DueKind::ProbationEnds, day("2026-11-20"), false),
        ];
        if town < village {
            expected.rotate_left(3);
        }
        assert_eq!(got, expected);
        assert!(items.iter().all(|i| i.name == "王五"));
    }

    #[test]
    fn approval_admits_the_candidate_onto_the_roster() {
        let today = day("2026-11-24");
        let mut steps = through(16, "2025-01-01");
        set(&mut steps, 15, "2025-05-01");
        set(&mut steps, 16, "2025-05-10");
        let c = with(&steps);
        let draft = StepDraft { date: "2025-06-01".into(), note: "党委会议第5次".into(), ..Default::default() };
        let edits = record_step(&c, Step::Approval, &draft, &[], rid(80), today).unwrap();
        assert_eq!(edits.len(), 3);
        assert_eq!(
            edits[0],
            Edit::Update {
                id: c.id.clone(),
                fields: vec![("step17".into(), json!("2025-06-01")), ("step17_note".into(), json!("党委会议第5次"))]
            }
        );
        let m = Member::from_record(&record_of(&edits[1]));
        assert_eq!(m.id, rid(80));
        assert_eq!((m.name.as_str(), m.sex.as_str()), ("王五", member::MALE));
        assert_eq!(m.id_number, id_number(11));
        assert_eq!(m.birth_date, Some(day("2000-03-15")));
        assert_eq!(m.joined, Some(day("2025-05-01")), "joined on the branch meeting's date");
        assert_eq!((m.category.as_str(), m.status.as_str()), (member::PROBATIONARY, member::STATUS_NORMAL));
        assert_eq!(m.org, Some(branch().id));
        assert_eq!(m.post, "农民");
        assert_eq!(edits[2], Edit::Update { id: c.id.clone(), fields: vec![(MEMBER.into(), json!(rid(80).as_str()))] });

        // The same person already on the roster: refused, the UI offers to link instead.
        let refused = record_step(&c, Step::Approval, &draft, std::slice::from_ref(&m), rid(81), today);
        assert_eq!(refused, Err(StepError::Admission(AdmissionError::BelongsToMember(rid(80)))));
        assert_eq!(
            link_member(&c, &m),
            Edit::Update { id: c.id.clone(), fields: vec![(MEMBER.into(), json!(rid(80).as_str()))] }
        );
        // A correction of the approval date of an admitted candidate creates nothing new.
        let mut admitted = c.clone();
        admitted.member = Some(rid(80));
        assert_eq!(record_step(&admitted, Step::Approval, &draft, &[m], rid(81), today).unwrap().len(), 1);
    }

    #[test]
    fn admission_needs_the_meeting_approval_and_a_valid_identity_number() {
        let today = day("2026-11-24");
        let c = candidate(&[(15, "2025-05-01"), (17, "2025-06-01")]);
        assert!(admit(&c, rid(80), &[], today).is_ok());
        let no_meeting = candidate(&[(17, "2025-06-01")]);
        assert_eq!(admit(&no_meeting, rid(80), &[], today), Err(AdmissionError::MeetingMissing));
        let no_approval = candidate(&[(15, "2025-05-01")]);
        assert_eq!(admit(&no_approval, rid(80), &[], today), Err(AdmissionError::ApprovalMissing));
        let mut no_id = c.clone();
        no_id.person.id_number = String::new();
        assert_eq!(admit(&no_id, rid(80), &[], today), Err(AdmissionError::IdNumberMissing));
        no_id.person.id_number = "430121200003150110".into();
        assert!(matches!(admit(&no_id, rid(80), &[], today), Err(AdmissionError::IdNumber(_))));
        let mut linked = c.clone();
        linked.member = Some(rid(80));
        assert_eq!(admit(&linked, rid(81), &[], today), Err(AdmissionError::AlreadyAdmitted(rid(80))));
        let mut stopped = c.clone();
        stopped.stopped = Some(Stop { reason: "本人放弃".into(), date: None });
        assert_eq!(admit(&stopped, rid(80), &[], today), Err(AdmissionError::Stopped));
        assert_eq!(
            record_step(&stopped, Step::Oath, &StepDraft::default(), &[], rid(80), today),
            Err(StepError::Stopped)
        );
    }

    #[test]
    fn full_membership_approval_updates_the_member_from_probation_end() {
        let today = day("2026-11-24");
        let mut c = candidate(&[(15, "2025-02-28"), (17, "2025-03-15"), (22, "2026-02-20"), (23, "2026-02-28")]);
        let draft = StepDraft { date: "2026-03-10".into(), ..Default::default() };
        assert_eq!(
            record_step(&c, Step::FullMembershipApproval, &draft, &[], rid(81), today),
            Err(StepError::FullMembership(FullMembershipError::NotAdmitted))
        );
        c.member = Some(rid(80));
        let edits = record_step(&c, Step::FullMembershipApproval, &draft, &[], rid(81), today).unwrap();
        assert_eq!(
            edits[1],
            Edit::Update {
                id: rid(80),
                fields: vec![
                    (member::CATEGORY.into(), json!(member::FULL_MEMBER)),
                    (member::FULL_MEMBER_DATE.into(), json!("2026-02-28"))
                ]
            }
        );
        c.extension = Some(Extension { decided: day("2026-02-28"), months: 6 });
        assert_eq!(c.probation_end(), Some(day("2026-08-28")));
        assert_eq!(full_membership(&c), Err(FullMembershipError::ApprovalMissing));
    }

    #[test]
    fn a_corrected_branch_meeting_date_corrects_the_member() {
        let today = day("2026-11-24");
        let mut c = candidate(&[(15, "2024-05-01"), (17, "2024-06-01")]);
        let draft = StepDraft { date: "2024-04-30".into(), ..Default::default() };
        assert_eq!(record_step(&c, Step::BranchMeeting, &draft, &[], rid(81), today).unwrap().len(), 1, "not admitted");
        c.member = Some(rid(80));
        let edits = record_step(&c, Step::BranchMeeting, &draft, &[], rid(81), today).unwrap();
        assert_eq!(edits[1], Edit::Update { id: rid(80), fields: vec![(member::JOINED.into(), json!("2024-04-30"))] });
        c.steps[Step::FullMembershipApproval.index()].date = Some(day("2025-05-20"));
        let edits = record_step(&c, Step::BranchMeeting, &draft, &[], rid(81), today).unwrap();
        assert_eq!(
            edits[1],
            Edit::Update {
                id: rid(80),
                fields: vec![
                    (member::JOINED.into(), json!("2024-04-30")),
                    (member::FULL_MEMBER_DATE.into(), json!("2025-04-30"))
                ]
            }
        );
    }

    #[test]
    fn step_drafts_are_checked() {
        let today = day("2026-11-24");
        let c = candidate(&[(1, "2026-01-01")]);
        let rec = |step: Step, d: StepDraft| record_step(&c, step, &d, &[], rid(80), today);
        let d = |date: &str| StepDraft { date: date.into(), ..Default::default() };
        assert_eq!(rec(Step::ApplicationTalk, d("2026-11-25")), Err(StepError::Date(DateError::InFuture)));
        assert_eq!(rec(Step::ApplicationTalk, d("2026-1-xx")), Err(StepError::Date(DateError::Invalid)));
        let long_note = StepDraft { note: "记".repeat(201), ..d("2026-01-20") };
        assert_eq!(rec(Step::ApplicationTalk, long_note), Err(StepError::NoteTooLong));
        let hours = StepDraft { training_hours: "24".into(), ..d("2026-01-20") };
        assert_eq!(rec(Step::ApplicationTalk, hours.clone()), Err(StepError::LengthOnlyForTraining));
        let edits = rec(Step::ConcentratedTraining, StepDraft { training_days: "3".into(), ..hours }).unwrap();
        let mut r = Record::new(c.id.clone(), kind::CANDIDATE, StationId::from_random([1; 8]));
        apply(&mut r, &edits[0]);
        let read = Candidate::from_record(&r);
        assert_eq!((read.training_days, read.training_hours), (Some(3), Some(24.0)));
        let bad = |days: &str, hours: &str| StepDraft {
            training_days: days.into(),
            training_hours: hours.into(),
            ..d("2026-01-20")
        };
        assert_eq!(rec(Step::ConcentratedTraining, bad("0", "")), Err(StepError::TrainingDaysInvalid));
        assert_eq!(rec(Step::ConcentratedTraining, bad("", "-1")), Err(StepError::TrainingHoursInvalid));
        assert_eq!(rec(Step::ConcentratedTraining, bad("", "NaN")), Err(StepError::TrainingHoursInvalid));
        // An empty date clears the step.
        apply(&mut r, &rec(Step::ConcentratedTraining, StepDraft::default()).unwrap()[0]);
        let cleared = Candidate::from_record(&r);
        assert_eq!((cleared.date(Step::ConcentratedTraining), cleared.training_hours), (None, None));
    }

    #[test]
    fn findings_name_their_step_and_whether_they_breach_a_condition() {
        let c = candidate(&[(1, "2026-01-01"), (3, "2026-02-01"), (7, "2026-03-01")]);
        let found = check(&c, day("2026-11-24"));
        let short = found.iter().find(|f| matches!(f, Finding::ActivistYearShort { .. })).unwrap();
        assert_eq!(short.step(), Some(Step::TargetChosen));
        assert!(short.is_breach());
        let missing = found.iter().find(|f| matches!(f, Finding::StepsMissing { .. })).unwrap();
        assert_eq!(missing.step(), Some(Step::TargetChosen));
        assert!(!missing.is_breach());
        assert_eq!(
            Finding::TalkOverdue { applied: day("2026-01-01"), due: day("2026-02-01") }.step(),
            Some(Step::ApplicationTalk)
        );
        assert_eq!(Finding::ExtensionOutOfRange { months: 3 }.step(), None);
    }

    #[test]
    fn stopping_a_development() {
        let today = day("2026-11-24");
        let c = candidate(&[(1, "2026-01-01"), (2, "2026-01-10")]);
        let draft = StopDraft { reason: Some(StopReason::Withdrew), date: "2026-05-01".into() };
        let edits = stop(&c, &draft, today).unwrap();
        assert_eq!(edits.len(), 1);
        let mut r = Record::new(c.id.clone(), kind::CANDIDATE, StationId::from_random([1; 8]));
        apply(&mut r, &edits[0]);
        let stopped = Candidate::from_record(&r);
        assert!(!stopped.is_active());
        assert_eq!(stopped.stopped, Some(Stop { reason: "本人放弃".into(), date: Some(day("2026-05-01")) }));
        assert_eq!(stop(&stopped, &draft, today), Err(StopError::AlreadyStopped));
        apply(&mut r, &resume(&stopped));
        assert!(Candidate::from_record(&r).is_active());

        let cancel = StopDraft { reason: Some(StopReason::ProbationCancelled), date: "2026-05-01".into() };
        assert_eq!(stop(&c, &cancel, today), Err(StopError::NotProbationary));
        let mut probationary = candidate(&[(15, "2025-06-01"), (17, "2025-07-01")]);
        probationary.member = Some(rid(80));
        let edits = stop(&probationary, &cancel, today).unwrap();
        assert_eq!(
            edits[1],
            Edit::Update {
                id: rid(80),
                fields: vec![
                    (member::LEFT.into(), json!("取消预备党员资格")),
                    (member::LEFT_DATE.into(), json!("2026-05-01"))
                ]
            }
        );
        assert_eq!(stop(&c, &StopDraft { reason: None, ..draft.clone() }, today), Err(StopError::ReasonMissing));
        assert_eq!(stop(&c, &StopDraft { date: String::new(), ..draft }, today), Err(StopError::DateMissing));
        assert_eq!(StopReason::from_label("转出"), Some(StopReason::TransferredOut));
    }
}
