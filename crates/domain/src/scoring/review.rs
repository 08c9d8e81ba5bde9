//! 民主评议党员: a branch's yearly appraisal (kind `review`) in the four steps of seed 001 —
//! 支部会议民主评议 (paper ballots, `review_ballot`, transcribed one by one without the voter's
//! name; or each member's counts as tallied on paper, `review_tally`), 支部推荐, 总支审核 and
//! 党员大会民主评选 (`review_step`, each with its grades) — and the 处置 of a member graded
//! 不合格 (`review_disposal`: 限期改正, 劝其退党, 除名, with the vote that decided it).
//!
//! A ballot is a record of its own with a random id: ballots typed at two villages both arrive at
//! the township, and a file imported twice brings each ballot once. 预备党员 vote but are not
//! graded. The 优秀 quota (share, base, rounding) is the scheme's; a step over it is refused
//! with the numbers.

use super::explain::{permille_text, sorted_ids, SchemeRef};
use super::meeting::member_of_on;
use super::scheme::{Family, Scheme, SCHEME_FIELD};
use crate::clock::Hlc;
use crate::date::{iso, parse_input, parse_iso, DateError};
use crate::kinds::{KindInfo, Reference};
use crate::member::{Member, PROBATIONARY};
use crate::member_event::{record_event, EventDraft, EventType};
use crate::org::Org;
use crate::person::clean;
use crate::record::{kind, Record, RecordId};
use crate::replica::Edit;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

pub const ORG: &str = "org";
pub const YEAR: &str = "year";
/// The last day ballots are taken (the period closes after it).
pub const CLOSES: &str = "closes";
pub const REVIEW: &str = "review";
pub const DATE: &str = "date";
pub const MEMBER: &str = "member";
/// `grade:<member id>` → a `Choice` label (ballots) or `Grade` label (steps).
pub const GRADE_PREFIX: &str = "grade:";
/// A `Step`'s number.
pub const STEP: &str = "step";
/// Voters present (a tally), or members present at a vote (a step, a 处置).
pub const PRESENT: &str = "present";
/// Members entitled to vote (应到).
pub const ENTITLED: &str = "entitled";
pub const APPROVE: &str = "approve";
/// A `Measure` label.
pub const MEASURE: &str = "measure";
pub const NOTE: &str = "note";

pub const KIND: KindInfo = KindInfo {
    name: kind::REVIEW,
    label: "民主评议",
    references: &[Reference::to(ORG, kind::ORG).required(), Reference::to(SCHEME_FIELD, kind::SCHEME)],
    other_links: None,
    rank: 2,
    read_at_start: false,
};

const IN_REVIEW: &[Reference] = &[Reference::to(REVIEW, kind::REVIEW).required(), Reference::to(MEMBER, kind::MEMBER)];

pub const BALLOT_KIND: KindInfo = KindInfo {
    name: kind::REVIEW_BALLOT,
    label: "评议票",
    references: IN_REVIEW,
    other_links: Some(graded_links),
    rank: 3,
    read_at_start: false,
};

pub const TALLY_KIND: KindInfo =
    KindInfo { name: kind::REVIEW_TALLY, label: "评议计票", other_links: None, ..BALLOT_KIND };
pub const STEP_KIND: KindInfo = KindInfo { name: kind::REVIEW_STEP, label: "评议步骤", ..BALLOT_KIND };
pub const DISPOSAL_KIND: KindInfo =
    KindInfo { name: kind::REVIEW_DISPOSAL, label: "不合格党员处置", other_links: None, ..BALLOT_KIND };

/// The members a ballot or step grades: named by its field keys.
fn graded_links(r: &Record, visit: &mut dyn FnMut(&str)) {
    for key in r.fields.keys() {
        if let Some(id) = key.strip_prefix(GRADE_PREFIX) {
            visit(id);
        }
    }
}

pub fn grade_key(member: &RecordId) -> String {
    format!("{GRADE_PREFIX}{member}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grade {
    Excellent,
    Qualified,
    Basic,
    Unqualified,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Excellent, Grade::Qualified, Grade::Basic, Grade::Unqualified];

    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Qualified => "合格",
            Grade::Basic => "基本合格",
            Grade::Unqualified => "不合格",
        }
    }

    pub fn from_label(text: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.label() == text)
    }
}

/// What a voter marks for one member: a grade, or 弃权.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    Grade(Grade),
    Abstain,
}

impl Choice {
    pub fn label(self) -> &'static str {
        match self {
            Choice::Grade(g) => g.label(),
            Choice::Abstain => "弃权",
        }
    }

    pub fn from_label(text: &str) -> Option<Choice> {
        if text == "弃权" {
            return Some(Choice::Abstain);
        }
        Grade::from_label(text).map(Choice::Grade)
    }

    /// Its place in a tally's counts: the grades in `Grade::ALL` order, then 弃权.
    fn slot(self) -> usize {
        match self {
            Choice::Grade(g) => g as usize,
            Choice::Abstain => 4,
        }
    }
}

/// The four steps of seed 001.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// 支部会议民主评议: the ballots or tallies.
    BranchAppraisal = 1,
    Recommend = 2,
    Approve = 3,
    Elect = 4,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::BranchAppraisal, Step::Recommend, Step::Approve, Step::Elect];

    pub fn label(self) -> &'static str {
        match self {
            Step::BranchAppraisal => "支部会议民主评议",
            Step::Recommend => "支部推荐",
            Step::Approve => "总支审核",
            Step::Elect => "党员大会民主评选",
        }
    }

    pub fn from_number(n: i64) -> Option<Step> {
        Step::ALL.into_iter().find(|s| *s as i64 == n)
    }
}

/// 不合格党员's 处置.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    Correct,
    AdviseToLeave,
    Remove,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Correct, Measure::AdviseToLeave, Measure::Remove];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Correct => "限期改正",
            Measure::AdviseToLeave => "劝其退党",
            Measure::Remove => "除名",
        }
    }

    pub fn from_label(text: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.label() == text)
    }
}

fn number(r: &Record, field: &str) -> Option<u32> {
    r.value(field).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok())
}

/// A branch's appraisal of a year.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub id: RecordId,
    pub org: Option<RecordId>,
    pub year: i32,
    pub scheme: Option<RecordId>,
    pub closes: Option<NaiveDate>,
}

impl Review {
    pub fn from_record(r: &Record) -> Review {
        Review {
            id: r.id.clone(),
            org: r.text(ORG).and_then(RecordId::parse),
            year: r.value(YEAR).and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            scheme: r.text(SCHEME_FIELD).and_then(RecordId::parse),
            closes: r.text(CLOSES).and_then(parse_iso),
        }
    }
}

/// One transcribed ballot.
#[derive(Clone, Debug, PartialEq)]
pub struct Ballot {
    pub id: RecordId,
    pub review: Option<RecordId>,
    pub date: Option<NaiveDate>,
    pub choices: Vec<(RecordId, Choice)>,
}

impl Ballot {
    pub fn from_record(r: &Record) -> Ballot {
        Ballot {
            id: r.id.clone(),
            review: r.text(REVIEW).and_then(RecordId::parse),
            date: r.text(DATE).and_then(parse_iso),
            choices: graded(r, Choice::from_label),
        }
    }
}

fn graded<T>(r: &Record, read: impl Fn(&str) -> Option<T>) -> Vec<(RecordId, T)> {
    let mut out = Vec::new();
    for (id, value) in r.prefixed(GRADE_PREFIX) {
        if let (Some(id), Some(v)) = (RecordId::parse(id), value.as_str().and_then(&read)) {
            out.push((id, v));
        }
    }
    out
}

/// One member's counts as tallied on paper.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub id: RecordId,
    pub review: Option<RecordId>,
    pub member: Option<RecordId>,
    pub present: u32,
    /// 优秀, 合格, 基本合格, 不合格, 弃权.
    pub counts: [u32; 5],
    /// When it was typed (`Record::written`): a tally typed again for a member replaces the
    /// earlier one.
    pub written: Hlc,
}

const COUNT_FIELDS: [&str; 5] = ["excellent", "qualified", "basic", "unqualified", "abstain"];

impl Tally {
    pub fn from_record(r: &Record) -> Tally {
        Tally {
            id: r.id.clone(),
            review: r.text(REVIEW).and_then(RecordId::parse),
            member: r.text(MEMBER).and_then(RecordId::parse),
            present: number(r, PRESENT).unwrap_or(0),
            counts: COUNT_FIELDS.map(|f| number(r, f).unwrap_or(0)),
            written: r.written(),
        }
    }
}

/// One of steps 2–4, with its grades.
#[derive(Clone, Debug, PartialEq)]
pub struct StepRecord {
    pub id: RecordId,
    pub review: Option<RecordId>,
    pub step: Option<Step>,
    pub date: Option<NaiveDate>,
    pub grades: Vec<(RecordId, Grade)>,
    /// When it was recorded (`Record::written`): a step recorded again on the same day (a
    /// correction) replaces the earlier record.
    pub written: Hlc,
}

impl StepRecord {
    pub fn from_record(r: &Record) -> StepRecord {
        StepRecord {
            id: r.id.clone(),
            review: r.text(REVIEW).and_then(RecordId::parse),
            step: r.value(STEP).and_then(Value::as_i64).and_then(Step::from_number),
            date: r.text(DATE).and_then(parse_iso),
            grades: graded(r, Grade::from_label),
            written: r.written(),
        }
    }

    pub fn grade_of(&self, member: &RecordId) -> Option<Grade> {
        self.grades.iter().find(|(m, _)| m == member).map(|(_, g)| *g)
    }
}

/// A 处置 and its vote.
#[derive(Clone, Debug, PartialEq)]
pub struct Disposal {
    pub id: RecordId,
    pub review: Option<RecordId>,
    pub member: Option<RecordId>,
    pub measure: Option<Measure>,
    pub date: Option<NaiveDate>,
    pub entitled: u32,
    pub present: u32,
    pub approve: u32,
}

impl Disposal {
    pub fn from_record(r: &Record) -> Disposal {
        Disposal {
            id: r.id.clone(),
            review: r.text(REVIEW).and_then(RecordId::parse),
            member: r.text(MEMBER).and_then(RecordId::parse),
            measure: r.text(MEASURE).and_then(Measure::from_label),
            date: r.text(DATE).and_then(parse_iso),
            entitled: number(r, ENTITLED).unwrap_or(0),
            present: number(r, PRESENT).unwrap_or(0),
            approve: number(r, APPROVE).unwrap_or(0),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewProblem {
    OrgMissing,
    WrongScheme,
    DateMissing,
    DateInvalid,
    DateInFuture,
    /// A review's close not in the scheme's year or the next.
    ClosesOutsideYear(i32),
    /// The branch's review of the year is started already.
    AlreadyStarted(i32),
    /// Ballots are taken until this day.
    PeriodClosed(NaiveDate),
    EmptyBallot,
    /// Graded, but not a member of the branch on the day (name).
    NotInBranch(String),
    /// 预备党员 take part but are not graded (name).
    ProbationaryGraded(String),
    /// A tally whose counts exceed the voters present.
    CountsOverPresent {
        name: String,
        counts: u32,
        present: u32,
    },
    /// 优秀 over the quota, with the numbers.
    OverQuota {
        excellent: usize,
        quota: usize,
        base: usize,
        base_label: &'static str,
        permille: u32,
        rounding: &'static str,
    },
    /// A step before the previous one was recorded.
    StepOutOfOrder {
        step: Step,
        needs: Step,
    },
    /// 优秀 for a member the previous step did not put forward as 优秀.
    NotPutForward {
        name: String,
        step: Step,
    },
    /// 处置 for a member not graded 不合格 at the 党员大会 (name).
    NotUnqualified(String),
    VoteNumbersInvalid,
    /// Not more than half of those entitled present.
    NoQuorum {
        entitled: u32,
        present: u32,
    },
    /// Not more than half of those entitled approving.
    NoMajority {
        entitled: u32,
        approve: u32,
    },
    MeasureMissing,
}

impl ReviewProblem {
    pub fn field(&self) -> &'static str {
        use ReviewProblem::*;
        match self {
            OrgMissing => ORG,
            WrongScheme => SCHEME_FIELD,
            DateMissing | DateInvalid | DateInFuture | PeriodClosed(_) | ClosesOutsideYear(_) => DATE,
            AlreadyStarted(_) => ORG,
            CountsOverPresent { .. } => PRESENT,
            NoQuorum { .. } => PRESENT,
            NoMajority { .. } | VoteNumbersInvalid => APPROVE,
            MeasureMissing => MEASURE,
            StepOutOfOrder { .. } => STEP,
            _ => "grades",
        }
    }

    pub fn message(&self) -> String {
        use ReviewProblem::*;
        match self {
            OrgMissing => "请选择开展评议的党支部。".into(),
            WrongScheme => "所选细则不是民主评议党员办法。".into(),
            DateMissing => "请填写日期。".into(),
            DateInvalid => "日期不是有效日期。".into(),
            DateInFuture => "日期晚于今天。".into(),
            ClosesOutsideYear(y) => format!("{y}年度评议的截止日期应在{y}年或{}年内。", y + 1),
            AlreadyStarted(y) => format!("本支部{y}年度的民主评议已经开始，不能重复建立。"),
            PeriodClosed(d) => format!("评议已于{}截止，不能再录入选票。", iso(*d)),
            EmptyBallot => "这张选票没有对任何党员作出评价。".into(),
            NotInBranch(n) => format!("{n}不是本支部党员，不能参加评定。"),
            ProbationaryGraded(n) => format!("{n}是预备党员，参加评议但不评定等次。"),
            CountsOverPresent { name, counts, present } => {
                format!("{name}的各项票数合计{counts}票，超过实到人数{present}人。")
            }
            OverQuota { excellent, quota, base, base_label, permille, rounding } => format!(
                "优秀名额为{quota}名（{base_label}{base}名的{}，{rounding}），本次评定优秀{excellent}名，超出{}名。",
                permille_text(*permille),
                excellent - quota
            ),
            StepOutOfOrder { step, needs } => format!("「{}」须在「{}」之后进行。", step.label(), needs.label()),
            NotPutForward { name, step } => format!("{name}未经「{}」列为优秀，本步骤不能评为优秀。", step.label()),
            NotUnqualified(n) => format!("{n}在党员大会评选中不是不合格等次，不能作出处置。"),
            VoteNumbersInvalid => "表决人数有误：赞成人数不能多于实到人数，实到人数不能多于应到人数。".into(),
            NoQuorum { entitled, present } => {
                format!("应到{entitled}人，实到{present}人，未超过应到人数的半数，表决无效。")
            }
            NoMajority { entitled, approve } => {
                format!("赞成{approve}人，未超过应到人数{entitled}人的半数，处置未通过。")
            }
            MeasureMissing => "请选择处置方式（限期改正、劝其退党或除名）。".into(),
        }
    }
}

/// A new review of a branch's year under a 民主评议 scheme, taking ballots until `closes`: in
/// the scheme's year, or the next (a year's review is often held in the January after). Not a
/// second one for the branch and year among `existing`.
pub fn create_review(
    org: Option<&RecordId>,
    scheme: &Scheme,
    closes: &str,
    existing: &[Review],
    id: RecordId,
) -> Result<Edit, Vec<ReviewProblem>> {
    let mut out = Vec::new();
    if org.is_none() {
        out.push(ReviewProblem::OrgMissing);
    }
    if existing.iter().any(|r| r.org.as_ref() == org && r.year == scheme.year) {
        out.push(ReviewProblem::AlreadyStarted(scheme.year));
    }
    if scheme.family != Some(Family::MemberReview) {
        out.push(ReviewProblem::WrongScheme);
    }
    let closes = match parse_input(closes, None) {
        Ok(Some(d)) if d.year() == scheme.year || d.year() == scheme.year + 1 => Some(d),
        Ok(Some(_)) => {
            out.push(ReviewProblem::ClosesOutsideYear(scheme.year));
            None
        }
        Ok(None) => {
            out.push(ReviewProblem::DateMissing);
            None
        }
        Err(_) => {
            out.push(ReviewProblem::DateInvalid);
            None
        }
    };
    match (org, closes) {
        (Some(o), Some(c)) if out.is_empty() => Ok(Edit::Create {
            id,
            kind: kind::REVIEW.to_string(),
            fields: vec![
                (ORG.into(), json!(o.as_str())),
                (YEAR.into(), json!(scheme.year)),
                (SCHEME_FIELD.into(), json!(scheme.id.as_str())),
                (CLOSES.into(), json!(iso(c))),
            ],
        }),
        _ => Err(out),
    }
}

/// The day grades are judged on: the period's close (or today, if earlier).
fn review_day(review: &Review, today: NaiveDate) -> NaiveDate {
    review.closes.map_or(today, |c| c.min(today))
}

/// Whether a member may be graded: in the branch on `day`, not a 预备党员.
fn gradable(
    member: Option<&Member>,
    review: &Review,
    orgs: &[Org],
    day: NaiveDate,
    name: String,
) -> Result<(), ReviewProblem> {
    let in_branch =
        member.zip(review.org.as_ref()).is_some_and(|(m, org)| m.is_current() && member_of_on(m, org, orgs, day));
    if !in_branch {
        return Err(ReviewProblem::NotInBranch(name));
    }
    if member.is_some_and(|m| m.category == PROBATIONARY) {
        return Err(ReviewProblem::ProbationaryGraded(name));
    }
    Ok(())
}

fn name_of<'a>(members: &'a [Member], id: &RecordId) -> (Option<&'a Member>, String) {
    let m = members.iter().find(|m| &m.id == id);
    (m, m.map_or_else(|| id.to_string(), |m| m.name.clone()))
}

/// One ballot as transcribed: refused after the period closed, empty, or grading someone not
/// gradable. The ballot carries no voter.
pub fn create_ballot(
    review: &Review,
    choices: &[(RecordId, Choice)],
    members: &[Member],
    orgs: &[Org],
    today: NaiveDate,
    id: RecordId,
) -> Result<Edit, Vec<ReviewProblem>> {
    if let Some(c) = review.closes.filter(|c| today > *c) {
        return Err(vec![ReviewProblem::PeriodClosed(c)]);
    }
    if choices.is_empty() {
        return Err(vec![ReviewProblem::EmptyBallot]);
    }
    let day = review_day(review, today);
    let out: Vec<ReviewProblem> = choices
        .iter()
        .filter_map(|(m, _)| {
            let (member, name) = name_of(members, m);
            gradable(member, review, orgs, day, name).err()
        })
        .collect();
    if !out.is_empty() {
        return Err(out);
    }
    let mut fields = vec![(REVIEW.to_string(), json!(review.id.as_str())), (DATE.to_string(), json!(iso(today)))];
    fields.extend(choices.iter().map(|(m, c)| (grade_key(m), json!(c.label()))));
    Ok(Edit::Create { id, kind: kind::REVIEW_BALLOT.to_string(), fields })
}

/// One member's counts as tallied on paper: refused when they add up to more than the voters
/// present, after the period, or for someone not gradable.
#[allow(clippy::too_many_arguments)]
pub fn create_tally(
    review: &Review,
    member: &RecordId,
    present: u32,
    counts: [u32; 5],
    members: &[Member],
    orgs: &[Org],
    today: NaiveDate,
    id: RecordId,
) -> Result<Edit, Vec<ReviewProblem>> {
    if let Some(c) = review.closes.filter(|c| today > *c) {
        return Err(vec![ReviewProblem::PeriodClosed(c)]);
    }
    let (m, name) = name_of(members, member);
    gradable(m, review, orgs, review_day(review, today), name.clone()).map_err(|p| vec![p])?;
    let sum: u32 = counts.iter().sum();
    if sum > present {
        return Err(vec![ReviewProblem::CountsOverPresent { name, counts: sum, present }]);
    }
    let mut fields = vec![
        (REVIEW.to_string(), json!(review.id.as_str())),
        (MEMBER.to_string(), json!(member.as_str())),
        (PRESENT.to_string(), json!(present)),
    ];
    fields.extend(COUNT_FIELDS.iter().zip(counts).map(|(f, n)| (f.to_string(), json!(n))));
    Ok(Edit::Create { id, kind: kind::REVIEW_TALLY.to_string(), fields })
}

/// Where a member's counts come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Counted {
    /// The ballots that graded them (in id order).
    Ballots(Vec<RecordId>),
    /// A tally typed from paper (when one was typed again, the last typed; then the greater id:
    /// the same everywhere).
    Tallied(RecordId),
}

/// One member's result of step 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberCount {
    pub member: RecordId,
    /// 优秀, 合格, 基本合格, 不合格, 弃权.
    pub counts: [u32; 5],
    pub from: Counted,
}

/// Step 1's counts, member by member (in member id order): a typed tally where there is one,
/// else the ballots of the review dated within its period; each ballot once, however many files
/// brought it. Also the ballots dated after the period, which are not counted.
pub fn count(review: &Review, ballots: &[Ballot], tallies: &[Tally]) -> (Vec<MemberCount>, Vec<RecordId>) {
    let mut late = Vec::new();
    let mut by_member: std::collections::BTreeMap<RecordId, ([u32; 5], Vec<RecordId>)> = Default::default();
    let mut seen = crate::hash::IdSet::default();
    for b in ballots.iter().filter(|b| b.review.as_ref() == Some(&review.id)) {
        if !seen.insert(b.id.clone()) {
            continue;
        }
        if review.closes.is_some_and(|c| b.date.is_none_or(|d| d > c)) {
            late.push(b.id.clone());
            continue;
        }
        for (m, c) in &b.choices {
            let e = by_member.entry(m.clone()).or_default();
            e.0[c.slot()] += 1;
            e.1.push(b.id.clone());
        }
    }
    let mut out: Vec<MemberCount> = Vec::new();
    let mut typed: Vec<&Tally> = tallies.iter().filter(|t| t.review.as_ref() == Some(&review.id)).collect();
    crate::sort::sort_by(&mut typed, |a, b| (b.written, &b.id).cmp(&(a.written, &a.id)));
    for t in &typed {
        let Some(m) = &t.member else { continue };
        if out.iter().any(|c| &c.member == m) {
            continue;
        }
        by_member.remove(m);
        out.push(MemberCount { member: m.clone(), counts: t.counts, from: Counted::Tallied(t.id.clone()) });
    }
    out.extend(by_member.into_iter().map(|(member, (counts, ids))| MemberCount {
        member,
        counts,
        from: Counted::Ballots(sorted_ids(ids)),
    }));
    crate::sort::sort_by(&mut out, |a, b| a.member.cmp(&b.member));
    (out, sorted_ids(late))
}

/// The 优秀 quota of a branch on a day, with the numbers it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    pub base: usize,
    pub base_label: &'static str,
    pub permille: u32,
    pub rounding: &'static str,
    pub quota: usize,
}

/// The quota: the scheme's share of the branch's members counted its way, rounded its way.
pub fn quota(scheme: &Scheme, review: &Review, members: &[Member], orgs: &[Org], day: NaiveDate) -> Quota {
    let p = &scheme.params;
    let base = match &review.org {
        None => 0,
        Some(org) => members
            .iter()
            .filter(|m| m.is_current() && member_of_on(m, org, orgs, day))
            .filter(|m| p.quota_base == super::scheme::QuotaBase::AllMembers || m.category != PROBATIONARY)
            .count(),
    };
    Quota {
        base,
        base_label: p.quota_base.label(),
        permille: p.quota_permille,
        rounding: p.rounding.label(),
        quota: p.rounding.apply(base, p.quota_permille),
    }
}

/// The latest record of `step` for the review (by date, then when it was recorded, then id: the
/// same at every station), so a step recorded again the same day corrects the earlier one.
pub fn latest_step<'a>(review: &Review, steps: &'a [StepRecord], step: Step) -> Option<&'a StepRecord> {
    steps
        .iter()
        .filter(|s| s.review.as_ref() == Some(&review.id) && s.step == Some(step))
        .max_by(|a, b| (a.date, a.written, &a.id).cmp(&(b.date, b.written, &b.id)))
}

/// Records step 2, 3 or 4 with its grades: in order (step 1 needs ballots or tallies), every
/// graded member gradable, 优秀 within the quota (refused with the numbers).
#[allow(clippy::too_many_arguments)]
pub fn record_step(
    review: &Review,
    scheme: &Scheme,
    step: Step,
    date: &str,
    grades: &[(RecordId, Grade)],
    context: (&[Member], &[Org], &[MemberCount], &[StepRecord]),
    today: NaiveDate,
    id: RecordId,
) -> Result<Edit, Vec<ReviewProblem>> {
    let (members, orgs, counts, steps) = context;
    let date = match parse_input(date, Some(today)) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(vec![ReviewProblem::DateMissing]),
        Err(DateError::Invalid) => return Err(vec![ReviewProblem::DateInvalid]),
        Err(DateError::InFuture) => return Err(vec![ReviewProblem::DateInFuture]),
    };
    let before = match step {
        Step::BranchAppraisal => {
            return Err(vec![ReviewProblem::StepOutOfOrder { step, needs: Step::BranchAppraisal }])
        }
        Step::Recommend => !counts.is_empty(),
        Step::Approve => latest_step(review, steps, Step::Recommend).is_some(),
        Step::Elect => latest_step(review, steps, Step::Approve).is_some(),
    };
    if !before {
        let needs = Step::from_number(step as i64 - 1).unwrap_or(Step::BranchAppraisal);
        return Err(vec![ReviewProblem::StepOutOfOrder { step, needs }]);
    }
    let mut out: Vec<ReviewProblem> = grades
        .iter()
        .filter_map(|(m, _)| {
            let (member, name) = name_of(members, m);
            gradable(member, review, orgs, date, name).err()
        })
        .collect();
    // 总支审核 approves from those 支部推荐 put forward; the 党员大会 elects from those approved.
    if let Some(prev) = [Step::Recommend, Step::Approve].into_iter().find(|p| *p as i64 == step as i64 - 1) {
        let earlier = latest_step(review, steps, prev);
        for (m, _) in grades.iter().filter(|(_, g)| *g == Grade::Excellent) {
            if earlier.and_then(|e| e.grade_of(m)) != Some(Grade::Excellent) {
                out.push(ReviewProblem::NotPutForward { name: name_of(members, m).1, step: prev });
            }
        }
    }
    let q = quota(scheme, review, members, orgs, date);
    let excellent = grades.iter().filter(|(_, g)| *g == Grade::Excellent).count();
    if excellent > q.quota {
        out.push(ReviewProblem::OverQuota {
            excellent,
            quota: q.quota,
            base: q.base,
            base_label: q.base_label,
            permille: q.permille,
            rounding: q.rounding,
        });
    }
    if !out.is_empty() {
        return Err(out);
    }
    let mut fields = vec![
        (REVIEW.to_string(), json!(review.id.as_str())),
        (STEP.to_string(), json!(step as i64)),
        (DATE.to_string(), json!(iso(date))),
    ];
    fields.extend(grades.iter().map(|(m, g)| (grade_key(m), json!(g.label()))));
    Ok(Edit::Create { id, kind: kind::REVIEW_STEP.to_string(), fields })
}

/// A vote: entitled (应到), present (实到), approving (赞成).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vote {
    pub entitled: u32,
    pub present: u32,
    pub approve: u32,
}

/// The vote's rule: numbers that make sense, more than half of those entitled present, more than
/// half of those entitled approving.
pub fn check_vote(v: Vote) -> Result<(), ReviewProblem> {
    if v.entitled == 0 || v.present > v.entitled || v.approve > v.present {
        return Err(ReviewProblem::VoteNumbersInvalid);
    }
    if v.present * 2 <= v.entitled {
        return Err(ReviewProblem::NoQuorum { entitled: v.entitled, present: v.present });
    }
    if v.approve * 2 <= v.entitled {
        return Err(ReviewProblem::NoMajority { entitled: v.entitled, approve: v.approve });
    }
    Ok(())
}

/// The 处置 of a member graded 不合格 at the 党员大会, with its vote checked; 除名 also records
/// the member's 出党 (detail 除名) in their history, in the same save.
#[allow(clippy::too_many_arguments)]
pub fn create_disposal(
    review: &Review,
    member: &Member,
    measure: Option<Measure>,
    date: &str,
    vote: Vote,
    note: &str,
    steps: &[StepRecord],
    today: NaiveDate,
    ids: (RecordId, RecordId),
) -> Result<Vec<Edit>, Vec<ReviewProblem>> {
    let elected = latest_step(review, steps, Step::Elect);
    if elected.and_then(|s| s.grade_of(&member.id)) != Some(Grade::Unqualified) {
        return Err(vec![ReviewProblem::NotUnqualified(member.name.clone())]);
    }
    let measure = measure.ok_or_else(|| vec![ReviewProblem::MeasureMissing])?;
    let date = match parse_input(date, Some(today)) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(vec![ReviewProblem::DateMissing]),
        Err(DateError::Invalid) => return Err(vec![ReviewProblem::DateInvalid]),
        Err(DateError::InFuture) => return Err(vec![ReviewProblem::DateInFuture]),
    };
    check_vote(vote).map_err(|p| vec![p])?;
    let mut fields = vec![
        (REVIEW.to_string(), json!(review.id.as_str())),
        (MEMBER.to_string(), json!(member.id.as_str())),
        (MEASURE.to_string(), json!(measure.label())),
        (DATE.to_string(), json!(iso(date))),
        (ENTITLED.to_string(), json!(vote.entitled)),
        (PRESENT.to_string(), json!(vote.present)),
        (APPROVE.to_string(), json!(vote.approve)),
    ];
    let note = clean(note);
    if !note.is_empty() {
        fields.push((NOTE.to_string(), json!(note)));
    }
    let mut edits = vec![Edit::Create { id: ids.0, kind: kind::REVIEW_DISPOSAL.to_string(), fields }];
    if measure == Measure::Remove {
        let draft = EventDraft {
            event_type: Some(EventType::LeftParty),
            date: iso(date),
            detail: Measure::Remove.label().into(),
            note: "民主评议不合格，党员大会表决除名".into(),
        };
        edits.extend(record_event(&draft, member, ids.1, today).map_err(|_| vec![ReviewProblem::DateInvalid])?);
    }
    Ok(edits)
}

/// A member's result of the year's review, explained: the scheme version, the final grade (step
/// 4), each step's grade, and step 1's counts with the ballots or tally they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberResult {
    pub scheme: Option<SchemeRef>,
    pub member: RecordId,
    pub grade: Option<Grade>,
    pub steps: Vec<(Step, Grade, RecordId)>,
    pub count: Option<MemberCount>,
}

/// Every graded member's result (member id order).
pub fn results(
    review: &Review,
    scheme: Option<&Scheme>,
    counts: &[MemberCount],
    steps: &[StepRecord],
) -> Vec<MemberResult> {
    let latest: Vec<(Step, &StepRecord)> = [Step::Recommend, Step::Approve, Step::Elect]
        .into_iter()
        .filter_map(|s| latest_step(review, steps, s).map(|r| (s, r)))
        .collect();
    let mut members: Vec<RecordId> = counts.iter().map(|c| c.member.clone()).collect();
    for (_, r) in &latest {
        members.extend(r.grades.iter().map(|(m, _)| m.clone()));
    }
    sorted_ids(members)
        .into_iter()
        .map(|m| {
            let steps: Vec<(Step, Grade, RecordId)> =
                latest.iter().filter_map(|(s, r)| r.grade_of(&m).map(|g| (*s, g, r.id.clone()))).collect();
            MemberResult {
                scheme: scheme.map(Scheme::reference),
                grade: steps.iter().find(|(s, _, _)| *s == Step::Elect).map(|(_, g, _)| *g),
                steps,
                count: counts.iter().find(|c| c.member == m).cloned(),
                member: m,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::meeting::tests::member;
    use super::super::scheme::{create_scheme, template};
    use super::*;
    use crate::replica::Replica;
    use crate::station::StationId;
    use crate::test_support::{day, org, rid};

    fn scheme() -> Scheme {
        let Edit::Create { id, kind: k, fields } =
            create_scheme(&template(Family::MemberReview, 2026), rid(90)).unwrap()
        else {
            panic!()
        };
        Scheme::from_record(&Record::unstamped(&id, &k, &fields))
    }

    fn orgs() -> Vec<Org> {
        vec![
            org(1, "坪塘镇党委", crate::org::OrgCategory::TownshipCommittee, None),
            org(2, "山塘村党支部", crate::org::OrgCategory::Branch, Some(1)),
        ]
    }

    /// 23 members of the branch (rid 20..=42), the last two 预备党员.
    fn members() -> Vec<Member> {
        (20..=42u8)
            .map(|n| {
                let mut m = member(n, &format!("党员{n}"), 2);
                if n >= 41 {
                    m.category = PROBATIONARY.into();
                }
                m
            })
            .collect()
    }

    fn review() -> Review {
        Review { id: rid(10), org: Some(rid(2)), year: 2026, scheme: Some(rid(90)), closes: Some(day("2026-12-20")) }
    }

    #[test]
    fn a_review_closes_in_its_year_or_the_next_and_is_started_once() {
        let s = scheme();
        let start = |closes: &str, existing: &[Review]| create_review(Some(&rid(2)), &s, closes, existing, rid(11));
        assert!(start("2026-12-20", &[]).is_ok());
        assert!(start("2027-01-15", &[]).is_ok(), "the January after");
        let early = start("2025-12-20", &[]).unwrap_err();
        assert_eq!(early, vec![ReviewProblem::ClosesOutsideYear(2026)]);
        assert_eq!(early[0].message(), "2026年度评议的截止日期应在2026年或2027年内。");
        assert_eq!(start("2028-01-05", &[]).unwrap_err(), vec![ReviewProblem::ClosesOutsideYear(2026)]);
        let again = start("2026-12-20", &[review()]).unwrap_err();
        assert_eq!(again, vec![ReviewProblem::AlreadyStarted(2026)]);
        assert_eq!(again[0].field(), ORG);
        // Another branch's review, or another year's, is no obstacle.
        let other = Review { org: Some(rid(3)), ..review() };
        let last_year = Review { year: 2025, ..review() };
        assert!(start("2026-12-20", &[other, last_year]).is_ok());
    }

    #[test]
    fn excellent_over_the_quota_is_refused_with_the_numbers() {
        let (s, r, ms, os) = (scheme(), review(), members(), orgs());
        let today = day("2026-12-25");
        let counts = [MemberCount { member: rid(20), counts: [1, 0, 0, 0, 0], from: Counted::Ballots(vec![]) }];
        // 23 members × 20% = 4.6 → 4 (向下取整).
        assert_eq!(quota(&s, &r, &ms, &os, today).quota, 4);
        let five: Vec<(RecordId, Grade)> = (20..25u8).map(|n| (rid(n), Grade::Excellent)).collect();
        let refused =
            record_step(&r, &s, Step::Recommend, "2026-12-21", &five, (&ms, &os, &counts, &[]), today, rid(50))
                .unwrap_err();
        assert_eq!(refused[0].message(), "优秀名额为4名（党员总数23名的20.0%，向下取整），本次评定优秀5名，超出1名。");
        assert!(record_step(
            &r,
            &s,
            Step::Recommend,
            "2026-12-21",
            &five[..4],
            (&ms, &os, &counts, &[]),
            today,
            rid(50)
        )
        .is_ok());
        // Counting 正式党员 only: 21 × 20% = 4.2 → 4; rounding up: 5 — the scheme decides.
        let mut up = s.clone();
        up.params.rounding = super::super::scheme::Rounding::Up;
        assert!(record_step(&r, &up, Step::Recommend, "2026-12-21", &five, (&ms, &os, &counts, &[]), today, rid(50))
            .is_ok());
        up.params.quota_base = super::super::scheme::QuotaBase::FullMembers;
        assert_eq!(quota(&up, &r, &ms, &os, today).base, 21);
        // A 预备党员 is not graded; steps keep their order.
        let p = record_step(
            &r,
            &s,
            Step::Recommend,
            "2026-12-21",
            &[(rid(41), Grade::Qualified)],
            (&ms, &os, &counts, &[]),
            today,
            rid(50),
        );
        assert_eq!(p.unwrap_err()[0].message(), "党员41是预备党员，参加评议但不评定等次。");
        let p = record_step(&r, &s, Step::Elect, "2026-12-21", &five[..1], (&ms, &os, &counts, &[]), today, rid(50));
        assert_eq!(p.unwrap_err(), vec![ReviewProblem::StepOutOfOrder { step: Step::Elect, needs: Step::Approve }]);
        let p = record_step(&r, &s, Step::Recommend, "2026-12-21", &five[..1], (&ms, &os, &[], &[]), today, rid(50));
        assert_eq!(p.unwrap_err()[0].message(), "「支部推荐」须在「支部会议民主评议」之后进行。");
        // 总支审核 approves only those put forward: 党员20 and 党员21 recommended, 党员22 not.
        let recommended = StepRecord {
            id: rid(51),
            review: Some(rid(10)),
            step: Some(Step::Recommend),
            date: Some(day("2026-12-21")),
            grades: vec![(rid(20), Grade::Excellent), (rid(21), Grade::Excellent)],
            written: Hlc::ZERO,
        };
        let steps = [recommended];
        let approve = |who: &[u8]| {
            let grades: Vec<(RecordId, Grade)> = who.iter().map(|n| (rid(*n), Grade::Excellent)).collect();
            record_step(&r, &s, Step::Approve, "2026-12-22", &grades, (&ms, &os, &counts, &steps), today, rid(52))
        };
        assert!(approve(&[20, 21]).is_ok());
        assert_eq!(
            approve(&[20, 22]).unwrap_err()[0].message(),
            "党员22未经「支部推荐」列为优秀，本步骤不能评为优秀。"
        );
    }

    #[test]
    fn tallies_over_the_voters_present_and_ballots_after_the_close_are_refused() {
        let (r, ms, os) = (review(), members(), orgs());
        let t = create_tally(&r, &rid(20), 18, [10, 6, 2, 1, 0], &ms, &os, day("2026-12-10"), rid(60));
        assert_eq!(t.unwrap_err()[0].message(), "党员20的各项票数合计19票，超过实到人数18人。");
        assert!(create_tally(&r, &rid(20), 19, [10, 6, 2, 1, 0], &ms, &os, day("2026-12-10"), rid(60)).is_ok());
        let late = create_ballot(&r, &[(rid(20), Choice::Abstain)], &ms, &os, day("2026-12-21"), rid(61));
        assert_eq!(late.unwrap_err()[0].message(), "评议已于2026-12-20截止，不能再录入选票。");
        let stranger = create_ballot(&r, &[(rid(99), Choice::Abstain)], &ms, &os, day("2026-12-10"), rid(61));
        assert_eq!(stranger.unwrap_err()[0], ReviewProblem::NotInBranch(rid(99).to_string()));
        assert_eq!(
            create_ballot(&r, &[], &ms, &os, day("2026-12-10"), rid(61)).unwrap_err(),
            vec![ReviewProblem::EmptyBallot]
        );
    }

    #[test]
    fn ballots_typed_at_two_villages_count_once_each_after_merging() {
        let (r, ms, os) = (review(), members(), orgs());
        let today = day("2026-12-10");
        let ballot = |n: u8, g: Grade| {
            create_ballot(&r, &[(rid(20), Choice::Grade(g)), (rid(21), Choice::Abstain)], &ms, &os, today, rid(n))
                .unwrap()
        };
        let mut village_a = Replica::new(StationId::from_random([1; 8]));
        let mut village_b = Replica::new(StationId::from_random([2; 8]));
        let a =
            village_a.stage(vec![ballot(100, Grade::Excellent), ballot(101, Grade::Qualified)], 1_000, &[]).unwrap();
        village_a.absorb(a.clone(), 1_000);
        let b = village_b.stage(vec![ballot(102, Grade::Excellent)], 2_000, &[]).unwrap();
        village_b.absorb(b.clone(), 2_000);
        // The township imports A, then B, then A's file again; another station B then A.
        let mut township = Replica::new(StationId::from_random([3; 8]));
        township.absorb(a.clone(), 3_000);
        township.absorb(b.clone(), 3_000);
        township.absorb(a.clone(), 3_000);
        let mut other = Replica::new(StationId::from_random([4; 8]));
        other.absorb(b, 3_000);
        other.absorb(a, 3_000);
        let ballots =
            |rep: &Replica| -> Vec<Ballot> { rep.live(kind::REVIEW_BALLOT).map(Ballot::from_record).collect() };
        let (counts, late) = count(&r, &ballots(&township), &[]);
        assert!(late.is_empty());
        assert_eq!(counts[0].member, rid(20));
        assert_eq!(counts[0].counts, [2, 1, 0, 0, 0]);
        assert_eq!(counts[1].counts, [0, 0, 0, 0, 3], "弃权");
        assert_eq!(counts[0].from, Counted::Ballots(vec![rid(100), rid(101), rid(102)]));
        assert_eq!(count(&r, &ballots(&other), &[]).0, counts);
        // A ballot listed twice (two copies read) still counts once; a tally typed from paper wins.
        let mut twice = ballots(&township);
        twice.push(twice[0].clone());
        assert_eq!(count(&r, &twice, &[]).0, counts);
        let tally = Tally {
            id: rid(110),
            review: Some(rid(10)),
            member: Some(rid(20)),
            present: 20,
            counts: [5, 10, 3, 1, 1],
            written: Hlc::ZERO,
        };
        let (with_tally, _) = count(&r, &twice, &[tally]);
        assert_eq!(with_tally[0].from, Counted::Tallied(rid(110)));
        // A ballot dated after the close (typed at a station with a wrong date) is set apart.
        let mut late_ballot = twice[0].clone();
        late_ballot.id = rid(120);
        late_ballot.date = Some(day("2026-12-21"));
        let (_, late) = count(&r, &[late_ballot], &[]);
        assert_eq!(late, vec![rid(120)]);
    }

    #[test]
    fn disposal_needs_an_unqualified_grade_a_quorum_and_a_majority() {
        let (r, ms) = (review(), members());
        let today = day("2026-12-28");
        let elected = StepRecord {
            id: rid(70),
            review: Some(rid(10)),
            step: Some(Step::Elect),
            date: Some(day("2026-12-22")),
            grades: vec![(rid(20), Grade::Unqualified), (rid(22), Grade::Qualified)],
            written: Hlc::ZERO,
        };
        let steps = [elected];
        let vote = |entitled, present, approve| Vote { entitled, present, approve };
        let go = |m: &Member, v: Vote, measure| {
            create_disposal(&r, m, Some(measure), "2026-12-27", v, "", &steps, today, (rid(80), rid(81)))
        };
        assert_eq!(
            go(&ms[2], vote(21, 20, 20), Measure::Correct).unwrap_err(),
            vec![ReviewProblem::NotUnqualified("党员22".into())]
        );
        assert_eq!(
            go(&ms[0], vote(21, 10, 10), Measure::Correct).unwrap_err()[0].message(),
            "应到21人，实到10人，未超过应到人数的半数，表决无效。"
        );
        assert_eq!(
            go(&ms[0], vote(21, 11, 10), Measure::Correct).unwrap_err()[0].message(),
            "赞成10人，未超过应到人数21人的半数，处置未通过。"
        );
        assert_eq!(
            go(&ms[0], vote(21, 22, 11), Measure::Correct).unwrap_err(),
            vec![ReviewProblem::VoteNumbersInvalid]
        );
        assert_eq!(go(&ms[0], vote(21, 11, 11), Measure::Correct).unwrap().len(), 1);
        // 除名: the member's history and standing change in the same save.
        let edits = go(&ms[0], vote(20, 11, 11), Measure::Remove).unwrap();
        assert_eq!(edits.len(), 3);
        let Edit::Update { id, fields } = &edits[2] else { panic!() };
        assert_eq!(id, &rid(20));
        assert!(fields.contains(&(crate::member::LEFT.into(), json!("出党"))));
        let result = results(&r, None, &[], &steps);
        assert_eq!(result[0].grade, Some(Grade::Unqualified));
        assert_eq!(result[0].steps, vec![(Step::Elect, Grade::Unqualified, rid(70))]);
    }

    #[test]
    fn a_step_or_tally_recorded_again_corrects_the_earlier_whatever_the_ids() {
        let r = review();
        let at = |ms: u64| Hlc::new(ms, 0);
        let step = |n: u8, written: Hlc, g: Grade| StepRecord {
            id: rid(n),
            review: Some(rid(10)),
            step: Some(Step::Elect),
            date: Some(day("2026-12-22")),
            grades: vec![(rid(20), g)],
            written,
        };
        // The correction has the lower id but was recorded later, on the same day: it wins.
        let steps = [step(71, at(1_000), Grade::Unqualified), step(70, at(2_000), Grade::Qualified)];
        assert_eq!(latest_step(&r, &steps, Step::Elect).map(|s| s.id.clone()), Some(rid(70)));
        // A later day still wins over a later stamp.
        let later_day = StepRecord { date: Some(day("2026-12-23")), ..step(69, at(500), Grade::Basic) };
        let steps = [steps[0].clone(), steps[1].clone(), later_day];
        assert_eq!(latest_step(&r, &steps, Step::Elect).map(|s| s.id.clone()), Some(rid(69)));
        let tally = |n: u8, written: Hlc, excellent: u32| Tally {
            id: rid(n),
            review: Some(rid(10)),
            member: Some(rid(20)),
            present: 20,
            counts: [excellent, 0, 0, 0, 0],
            written,
        };
        let (counts, _) = count(&r, &[], &[tally(111, at(1_000), 9), tally(110, at(2_000), 4)]);
        assert_eq!((counts[0].counts[0], counts[0].from.clone()), (4, Counted::Tallied(rid(110))));
    }
}
