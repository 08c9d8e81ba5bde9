//! 组织生活 (kind `meeting`): one 三会一课 meeting (支部党员大会, 支委会, 党小组会, 党课) or
//! 主题党日, with its date, organization, topic and each member's attendance (出席, 请假 with its
//! reason, 缺席); the counts per month or quarter against what the rules expect (`Cadence`), and
//! the members who missed several in a row (a work-list warning).
//!
//! Each member's attendance is a field of its own (`attendance:<member id>`, and
//! `leave_reason:<member id>`), as a training's is: the branch secretary at the village and the
//! township clerk can mark different members and the copies merge without a conflict; two
//! stations marking the same member differently is a conflict on that member alone.

use crate::date::{iso, parse_input, parse_iso, DateError};
use crate::kinds::{KindInfo, Reference};
use crate::member::Member;
use crate::org::{Org, OrgCategory};
use crate::person::clean;
use crate::record::{kind, Record, RecordId};
use crate::replica::Edit;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

pub const DATE: &str = "date";
pub const ORG: &str = "org";
/// One of `MeetingKind`'s labels.
pub const TYPE: &str = "type";
pub const TOPIC: &str = "topic";
/// `attendance:<member id>` → an `Attendance` label.
pub const ATTENDANCE_PREFIX: &str = "attendance:";
/// `leave_reason:<member id>` → the reason of a 请假.
pub const REASON_PREFIX: &str = "leave_reason:";

pub const KIND: KindInfo = KindInfo {
    name: kind::MEETING,
    label: "组织生活",
    references: &[Reference::to(ORG, kind::ORG).required()],
    other_links: Some(attendance_links),
    rank: 3,
    read_at_start: false,
};

/// The members a meeting marks: named by its field keys.
fn attendance_links(r: &Record, visit: &mut dyn FnMut(&str)) {
    for key in r.fields.keys() {
        if let Some(id) = key.strip_prefix(ATTENDANCE_PREFIX) {
            visit(id);
        }
    }
}

pub const TOPIC_MAX_CHARS: usize = 100;
pub const REASON_MAX_CHARS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingKind {
    /// 支部党员大会
    Assembly,
    /// 支委会
    Committee,
    /// 党小组会
    Group,
    /// 党课
    Lecture,
    /// 主题党日
    ThemeDay,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::Assembly,
        MeetingKind::Committee,
        MeetingKind::Group,
        MeetingKind::Lecture,
        MeetingKind::ThemeDay,
    ];

    /// Stored in records.
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Assembly => "支部党员大会",
            MeetingKind::Committee => "支委会",
            MeetingKind::Group => "党小组会",
            MeetingKind::Lecture => "党课",
            MeetingKind::ThemeDay => "主题党日",
        }
    }

    pub fn from_label(text: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.label() == text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attendance {
    Present,
    /// 请假, with a reason.
    Leave,
    /// 缺席: absent without leave.
    Absent,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [Attendance::Present, Attendance::Leave, Attendance::Absent];

    pub fn label(self) -> &'static str {
        match self {
            Attendance::Present => "出席",
            Attendance::Leave => "请假",
            Attendance::Absent => "缺席",
        }
    }

    pub fn from_label(text: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.label() == text)
    }
}

pub fn attendance_key(member: &RecordId) -> String {
    format!("{ATTENDANCE_PREFIX}{member}")
}

pub fn reason_key(member: &RecordId) -> String {
    format!("{REASON_PREFIX}{member}")
}

/// One member's mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub member: RecordId,
    pub attendance: Attendance,
    /// The 请假's reason; empty otherwise.
    pub reason: String,
}

/// A meeting as the app reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    pub id: RecordId,
    pub date: Option<NaiveDate>,
    pub org: Option<RecordId>,
    pub kind: Option<MeetingKind>,
    pub topic: String,
    /// In member id order (the record's field order), each member once.
    pub marks: Vec<Mark>,
}

impl Meeting {
    pub fn from_record(r: &Record) -> Meeting {
        let mut marks = Vec::new();
        for (id, value) in r.prefixed(ATTENDANCE_PREFIX) {
            let (Some(member), Some(attendance)) =
                (RecordId::parse(id), value.as_str().and_then(Attendance::from_label))
            else {
                continue;
            };
            let reason = r.text(&reason_key(&member)).unwrap_or_default().to_string();
            marks.push(Mark { member, attendance, reason });
        }
        Meeting {
            id: r.id.clone(),
            date: r.text(DATE).and_then(parse_iso),
            org: r.text(ORG).and_then(RecordId::parse),
            kind: r.text(TYPE).and_then(MeetingKind::from_label),
            topic: r.text(TOPIC).unwrap_or_default().to_string(),
            marks,
        }
    }

    pub fn mark_of(&self, member: &RecordId) -> Option<&Mark> {
        self.marks.binary_search_by(|m| m.member.cmp(member)).ok().map(|i| &self.marks[i])
    }

    pub fn in_year(&self, year: i32) -> bool {
        self.date.is_some_and(|d| d.year() == year)
    }
}

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeetingDraft {
    pub date: String,
    pub org: Option<RecordId>,
    pub kind: Option<MeetingKind>,
    pub topic: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingProblem {
    DateMissing,
    DateInvalid,
    /// A meeting held after today cannot be recorded (plan it elsewhere).
    DateInFuture,
    OrgMissing,
    OrgUnknown,
    KindMissing,
    TopicEmpty,
    TopicTooLong,
    /// Marked for a member who was not in the meeting's organization on its day (name).
    NotAMember(String),
    /// 请假 without a reason (name).
    ReasonMissing(String),
    ReasonTooLong(String),
}

impl MeetingProblem {
    pub fn field(&self) -> &'static str {
        use MeetingProblem::*;
        match self {
            DateMissing | DateInvalid | DateInFuture => DATE,
            OrgMissing | OrgUnknown => ORG,
            KindMissing => TYPE,
            TopicEmpty | TopicTooLong => TOPIC,
            NotAMember(_) | ReasonMissing(_) | ReasonTooLong(_) => "attendance",
        }
    }

    pub fn message(&self) -> String {
        use MeetingProblem::*;
        match self {
            DateMissing => "请填写会议日期。".into(),
            DateInvalid => "会议日期不是有效日期。".into(),
            DateInFuture => "会议日期晚于今天：只能登记已经召开的会议。".into(),
            OrgMissing => "请选择召开会议的党组织。".into(),
            OrgUnknown => "所选党组织在本机找不到。".into(),
            KindMissing => "请选择会议类型（支部党员大会、支委会、党小组会、党课或主题党日）。".into(),
            TopicEmpty => "请填写会议主题。".into(),
            TopicTooLong => format!("会议主题不能超过{TOPIC_MAX_CHARS}个字。"),
            NotAMember(name) => format!("{name}在会议当天不是该党组织的党员，不能登记出席情况。"),
            ReasonMissing(name) => format!("{name}请假，请填写请假事由。"),
            ReasonTooLong(name) => format!("{name}的请假事由不能超过{REASON_MAX_CHARS}个字。"),
        }
    }
}

fn check_meeting(
    draft: &MeetingDraft,
    orgs: &[Org],
    today: NaiveDate,
) -> Result<(NaiveDate, RecordId, MeetingKind, String), Vec<MeetingProblem>> {
    let mut out = Vec::new();
    let date = match parse_input(&draft.date, Some(today)) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            out.push(MeetingProblem::DateMissing);
            None
        }
        Err(DateError::Invalid) => {
            out.push(MeetingProblem::DateInvalid);
            None
        }
        Err(DateError::InFuture) => {
            out.push(MeetingProblem::DateInFuture);
            None
        }
    };
    match &draft.org {
        None => out.push(MeetingProblem::OrgMissing),
        Some(o) if !orgs.iter().any(|x| &x.id == o) => out.push(MeetingProblem::OrgUnknown),
        _ => {}
    }
    if draft.kind.is_none() {
        out.push(MeetingProblem::KindMissing);
    }
    let topic = clean(&draft.topic);
    if topic.is_empty() {
        out.push(MeetingProblem::TopicEmpty);
    } else if topic.chars().count() > TOPIC_MAX_CHARS {
        out.push(MeetingProblem::TopicTooLong);
    }
    match (date, &draft.org, draft.kind) {
        (Some(d), Some(o), Some(k)) if out.is_empty() => Ok((d, o.clone(), k, topic)),
        _ => Err(out),
    }
}

/// A new meeting, checked.
pub fn create_meeting(
    draft: &MeetingDraft,
    id: RecordId,
    orgs: &[Org],
    today: NaiveDate,
) -> Result<Edit, Vec<MeetingProblem>> {
    let (date, org, k, topic) = check_meeting(draft, orgs, today)?;
    Ok(Edit::Create {
        id,
        kind: kind::MEETING.to_string(),
        fields: vec![
            (DATE.into(), json!(iso(date))),
            (ORG.into(), json!(org.as_str())),
            (TYPE.into(), json!(k.label())),
            (TOPIC.into(), json!(topic)),
        ],
    })
}

/// An edited meeting: only what changed (`None` if nothing did).
pub fn update_meeting(
    old: &Meeting,
    draft: &MeetingDraft,
    orgs: &[Org],
    today: NaiveDate,
) -> Result<Option<Edit>, Vec<MeetingProblem>> {
    let (date, org, k, topic) = check_meeting(draft, orgs, today)?;
    let mut fields = Vec::new();
    if old.date != Some(date) {
        fields.push((DATE.to_string(), json!(iso(date))));
    }
    if old.org.as_ref() != Some(&org) {
        fields.push((ORG.to_string(), json!(org.as_str())));
    }
    if old.kind != Some(k) {
        fields.push((TYPE.to_string(), json!(k.label())));
    }
    if old.topic != topic {
        fields.push((TOPIC.to_string(), json!(topic)));
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: old.id.clone(), fields }))
}

/// Whether `member` belonged to organization `org` on `day`: their branch is it or lies under it
/// (a 党总支's assembly), or it is a 党小组 of their branch; joined by then and not yet left.
/// Branch moves are not dated in the member record, so the current branch is taken.
pub fn member_of_on(member: &Member, org: &RecordId, orgs: &[Org], day: NaiveDate) -> bool {
    let Some(own) = &member.org else { return false };
    let in_org = crate::org::is_in_subtree(own, org, orgs)
        || orgs
            .iter()
            .any(|o| &o.id == org && o.category == Some(OrgCategory::Group) && o.parent.as_ref() == Some(own));
    in_org && member.joined.is_none_or(|j| j <= day) && member.left_date.is_none_or(|l| day < l)
}

/// Marks members' attendance (each with its 请假 reason), checked: the meeting held by today,
/// every member in its organization on its day, a reason for every 请假. Writes only the marks
/// that change; nothing if any is wrong.
pub fn mark_attendance(
    meeting: &Meeting,
    marks: &[Mark],
    members: &[Member],
    orgs: &[Org],
    today: NaiveDate,
) -> Result<Option<Edit>, Vec<MeetingProblem>> {
    let mut out = Vec::new();
    let Some(date) = meeting.date else { return Err(vec![MeetingProblem::DateMissing]) };
    if date > today {
        return Err(vec![MeetingProblem::DateInFuture]);
    }
    let Some(org) = &meeting.org else { return Err(vec![MeetingProblem::OrgMissing]) };
    let mut fields: Vec<(String, Value)> = Vec::new();
    for m in marks {
        let who = members.iter().find(|x| x.id == m.member);
        let name = who.map_or_else(|| m.member.to_string(), |x| x.name.clone());
        if !who.is_some_and(|x| member_of_on(x, org, orgs, date)) {
            out.push(MeetingProblem::NotAMember(name));
            continue;
        }
        let reason = if m.attendance == Attendance::Leave { clean(&m.reason) } else { String::new() };
        if m.attendance == Attendance::Leave && reason.is_empty() {
            out.push(MeetingProblem::ReasonMissing(name));
            continue;
        }
        if reason.chars().count() > REASON_MAX_CHARS {
            out.push(MeetingProblem::ReasonTooLong(name));
            continue;
        }
        let old = meeting.mark_of(&m.member);
        if old.map(|o| o.attendance) != Some(m.attendance) {
            fields.push((attendance_key(&m.member), json!(m.attendance.label())));
        }
        if old.map_or("", |o| o.reason.as_str()) != reason {
            fields.push((reason_key(&m.member), if reason.is_empty() { Value::Null } else { json!(reason) }));
        }
    }
    if !out.is_empty() {
        return Err(out);
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: meeting.id.clone(), fields }))
}

/// What is wrong with a stored meeting (one typed elsewhere and imported): a future date, an
/// empty topic, marks for people not in the organization that day.
pub fn findings(meeting: &Meeting, members: &[Member], orgs: &[Org], today: NaiveDate) -> Vec<MeetingProblem> {
    let mut out = Vec::new();
    if meeting.date.is_some_and(|d| d > today) {
        out.push(MeetingProblem::DateInFuture);
    }
    if meeting.topic.trim().is_empty() {
        out.push(MeetingProblem::TopicEmpty);
    }
    if let (Some(date), Some(org)) = (meeting.date, &meeting.org) {
        for m in &meeting.marks {
            match members.iter().find(|x| x.id == m.member) {
                Some(x) if member_of_on(x, org, orgs, date) => {}
                x => out.push(MeetingProblem::NotAMember(x.map_or_else(|| m.member.to_string(), |x| x.name.clone()))),
            }
        }
    }
    out
}

/// How often a kind of meeting is expected: at least `times` per month or per quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cadence {
    pub kind: MeetingKind,
    pub quarterly: bool,
    pub times: u32,
}

impl Cadence {
    /// The usual 三会一课 rules (a setting; the station may change them): 党员大会 and 党课 once
    /// a quarter, 支委会, 党小组会 and 主题党日 once a month.
    pub fn template() -> Vec<Cadence> {
        use MeetingKind::*;
        [(Assembly, true), (Committee, false), (Group, false), (Lecture, true), (ThemeDay, false)]
            .into_iter()
            .map(|(kind, quarterly)| Cadence { kind, quarterly, times: 1 })
            .collect()
    }
}

/// One period's count of one kind of meeting for one organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodCount {
    pub kind: MeetingKind,
    /// Month 1..=12, or quarter 1..=4.
    pub period: u32,
    pub quarterly: bool,
    pub held: u32,
    pub expected: u32,
    /// The period is over by today: what it lacks is missing, not still to come.
    pub ended: bool,
    /// The meetings counted.
    pub meetings: Vec<RecordId>,
}

impl PeriodCount {
    /// Ended with fewer meetings than the cadence expects (a month just begun is not short).
    pub fn short(&self) -> bool {
        self.ended && self.held < self.expected
    }

    /// Still running with fewer meetings than expected so far.
    pub fn pending(&self) -> bool {
        !self.ended && self.held < self.expected
    }

    /// "第2季度" / "3月".
    pub fn period_label(&self) -> String {
        if self.quarterly {
            format!("第{}季度", self.period)
        } else {
            format!("{}月", self.period)
        }
    }
}

/// For organization `org` in `year`: each cadence's periods that have begun by `today`, with the
/// meetings held and expected.
pub fn cadence_counts(
    meetings: &[Meeting],
    org: &RecordId,
    year: i32,
    cadences: &[Cadence],
    today: NaiveDate,
) -> Vec<PeriodCount> {
    let mut out = Vec::new();
    for c in cadences {
        let periods = if c.quarterly { 4 } else { 12 };
        for period in 1..=periods {
            let first_month = if c.quarterly { 3 * period - 2 } else { period };
            let Some(start) = NaiveDate::from_ymd_opt(year, first_month, 1) else { continue };
            if start > today {
                break;
            }
            let months = if c.quarterly { 3 } else { 1 };
            let ended = start.checked_add_months(chrono::Months::new(months)).is_some_and(|next| next <= today);
            let mut ids: Vec<RecordId> = meetings
                .iter()
                .filter(|m| m.org.as_ref() == Some(org) && m.kind == Some(c.kind))
                .filter(|m| {
                    m.date.is_some_and(|d| {
                        d.year() == year
                            && if c.quarterly { (d.month() - 1) / 3 + 1 == period } else { d.month() == period }
                    })
                })
                .map(|m| m.id.clone())
                .collect();
            ids = super::explain::sorted_ids(ids);
            out.push(PeriodCount {
                kind: c.kind,
                period,
                quarterly: c.quarterly,
                held: ids.len() as u32,
                expected: c.times,
                ended,
                meetings: ids,
            });
        }
    }
    out
}

/// A member whose latest marks are `run` or more 缺席 in a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissedRun {
    pub member: RecordId,
    /// The meetings missed, oldest first.
    pub meetings: Vec<RecordId>,
}

/// Members whose most recent marks (by date, then meeting id) end in at least `run` 缺席 —
/// 请假 breaks nothing and counts as nothing; 出席 ends a run. Ordered by member id.
pub fn missed_in_a_row(meetings: &[Meeting], run: usize) -> Vec<MissedRun> {
    let mut dated: Vec<&Meeting> = meetings.iter().filter(|m| m.date.is_some()).collect();
    crate::sort::sort_by(&mut dated, |a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let mut streak: crate::hash::IdMap<Vec<RecordId>> = crate::hash::IdMap::default();
    for m in dated {
        for mark in &m.marks {
            match mark.attendance {
                Attendance::Absent => streak.entry(mark.member.clone()).or_default().push(m.id.clone()),
                Attendance::Present => {
                    streak.remove(&mark.member);
                }
                Attendance::Leave => {}
            }
        }
    }
    let mut out: Vec<MissedRun> = streak
        .into_iter()
        .filter(|(_, ms)| run > 0 && ms.len() >= run)
        .map(|(member, meetings)| MissedRun { member, meetings })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| a.member.cmp(&b.member));
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::org::OrgCategory;
    use crate::station::StationId;
    use crate::test_support::{day, org, rid};

    pub(crate) fn member(n: u8, name: &str, org: u8) -> Member {
        let mut r = Record::unstamped(&rid(n), kind::MEMBER, &[]);
        r.set(crate::member::NAME, json!(name), Hlc::new(1, 0), &StationId::from_random([0; 8]));
        r.set(crate::member::ORG, json!(rid(org).as_str()), Hlc::new(1, 0), &StationId::from_random([0; 8]));
        Member::from_record(&r)
    }

    pub(crate) fn apply(r: &mut Record, edit: &Edit, station: u8) {
        let station = StationId::from_random([station; 8]);
        let (Edit::Create { fields, .. } | Edit::Update { fields, .. }) = edit else { panic!() };
        for (f, v) in fields {
            let next = r.clocks().map(|c| c.wall_ms()).max().unwrap_or(0) + 1;
            r.set(f, v.clone(), Hlc::new(next, 0), &station);
        }
    }

    fn orgs() -> Vec<Org> {
        vec![
            org(1, "坪塘镇党委", OrgCategory::TownshipCommittee, None),
            org(2, "山塘村党支部", OrgCategory::Branch, Some(1)),
            org(3, "第一党小组", OrgCategory::Group, Some(2)),
            org(4, "连山村党支部", OrgCategory::Branch, Some(1)),
        ]
    }

    fn draft(date: &str) -> MeetingDraft {
        MeetingDraft {
            date: date.into(),
            org: Some(rid(2)),
            kind: Some(MeetingKind::Assembly),
            topic: "学习党章".into(),
        }
    }

    #[test]
    fn a_meeting_is_checked_and_marks_from_two_stations_merge() {
        let today = day("2026-03-20");
        let orgs = orgs();
        let bad = create_meeting(
            &MeetingDraft { topic: " ".into(), kind: None, ..draft("2026-03-21") },
            rid(10),
            &orgs,
            today,
        );
        assert_eq!(
            bad.unwrap_err(),
            vec![MeetingProblem::DateInFuture, MeetingProblem::KindMissing, MeetingProblem::TopicEmpty]
        );
        let edit = create_meeting(&draft("2026-03-10"), rid(10), &orgs, today).unwrap();
        let mut r = Record::new(rid(10), kind::MEETING, StationId::from_random([1; 8]));
        apply(&mut r, &edit, 1);
        let m = Meeting::from_record(&r);
        let members = [member(20, "张三", 2), member(21, "李四", 2), member(22, "王五", 4)];
        // Someone of another branch, and a 请假 without a reason: nothing written.
        let wrong = mark_attendance(
            &m,
            &[
                Mark { member: rid(20), attendance: Attendance::Present, reason: String::new() },
                Mark { member: rid(22), attendance: Attendance::Present, reason: String::new() },
                Mark { member: rid(21), attendance: Attendance::Leave, reason: " ".into() },
            ],
            &members,
            &orgs,
            today,
        )
        .unwrap_err();
        assert_eq!(wrong[0].message(), "王五在会议当天不是该党组织的党员，不能登记出席情况。");
        assert_eq!(wrong[1].message(), "李四请假，请填写请假事由。");
        // The village marks 张三, the township 李四: both kept, no conflict.
        let (mut a, mut b) = (r.clone(), r.clone());
        let present = Mark { member: rid(20), attendance: Attendance::Present, reason: String::new() };
        let leave = Mark { member: rid(21), attendance: Attendance::Leave, reason: "外出务工".into() };
        apply(&mut a, &mark_attendance(&m, &[present], &members, &orgs, today).unwrap().unwrap(), 1);
        apply(&mut b, &mark_attendance(&m, std::slice::from_ref(&leave), &members, &orgs, today).unwrap().unwrap(), 2);
        let merged = a.merge(&b);
        assert_eq!(merged.conflicts().count(), 0);
        let m = Meeting::from_record(&merged);
        assert_eq!(m.marks.len(), 2);
        assert_eq!(m.mark_of(&rid(21)), Some(&leave));
        assert_eq!(mark_attendance(&m, &[leave], &members, &orgs, today), Ok(None), "nothing changes");
        // A 党小组会 of the branch's group takes the branch's members.
        assert!(member_of_on(&members[0], &rid(3), &orgs, today));
        assert!(!member_of_on(&members[2], &rid(3), &orgs, today));
        assert!(member_of_on(&members[0], &rid(1), &orgs, today), "a township-wide meeting");
    }

    #[test]
    fn stored_meetings_with_problems_are_found() {
        let orgs = orgs();
        let members = [member(20, "张三", 2), member(22, "王五", 4)];
        let m = Meeting {
            id: rid(10),
            date: Some(day("2026-05-01")),
            org: Some(rid(2)),
            kind: Some(MeetingKind::Lecture),
            topic: String::new(),
            marks: vec![
                Mark { member: rid(20), attendance: Attendance::Present, reason: String::new() },
                Mark { member: rid(22), attendance: Attendance::Absent, reason: String::new() },
            ],
        };
        assert_eq!(
            findings(&m, &members, &orgs, day("2026-04-01")),
            vec![MeetingProblem::DateInFuture, MeetingProblem::TopicEmpty, MeetingProblem::NotAMember("王五".into())]
        );
    }

    fn held(id: u8, date: &str, kind: MeetingKind, marks: &[(u8, Attendance)]) -> Meeting {
        Meeting {
            id: rid(id),
            date: Some(day(date)),
            org: Some(rid(2)),
            kind: Some(kind),
            topic: "主题".into(),
            marks: marks.iter().map(|(n, a)| Mark { member: rid(*n), attendance: *a, reason: String::new() }).collect(),
        }
    }

    #[test]
    fn counts_per_period_against_the_cadence() {
        use MeetingKind::*;
        let meetings = [
            held(10, "2026-01-15", Assembly, &[]),
            held(11, "2026-02-15", Committee, &[]),
            held(12, "2026-02-20", Committee, &[]),
            held(13, "2025-03-01", Committee, &[]),
            held(14, "2026-04-02", Assembly, &[]),
        ];
        let counts = cadence_counts(&meetings, &rid(2), 2026, &Cadence::template(), day("2026-04-10"));
        let assembly: Vec<(u32, u32)> =
            counts.iter().filter(|c| c.kind == Assembly).map(|c| (c.period, c.held)).collect();
        assert_eq!(assembly, [(1, 1), (2, 1)], "quarters begun by today");
        let committee: Vec<(String, u32, bool)> =
            counts.iter().filter(|c| c.kind == Committee).map(|c| (c.period_label(), c.held, c.short())).collect();
        assert_eq!(
            committee,
            [("1月".into(), 0, true), ("2月".into(), 2, false), ("3月".into(), 0, true), ("4月".into(), 0, false)],
            "April, begun ten days ago, is not short yet"
        );
        let april = counts.iter().find(|c| c.kind == Committee && c.period == 4).unwrap();
        assert!(april.pending() && !april.ended);
        let first_quarter = counts.iter().find(|c| c.kind == Assembly && c.period == 1).unwrap();
        assert!(first_quarter.ended && !first_quarter.pending());
        assert_eq!(
            counts.iter().find(|c| c.kind == Committee && c.period == 2).unwrap().meetings,
            vec![rid(11), rid(12)]
        );
    }

    #[test]
    fn three_misses_in_a_row_warn_and_attending_ends_the_run() {
        use Attendance::*;
        use MeetingKind::*;
        let meetings = [
            held(10, "2026-01-05", ThemeDay, &[(20, Absent), (21, Absent)]),
            held(11, "2026-02-05", ThemeDay, &[(20, Absent), (21, Present)]),
            held(12, "2026-03-05", ThemeDay, &[(20, Leave), (21, Absent)]),
            held(13, "2026-04-05", ThemeDay, &[(20, Absent), (21, Absent)]),
        ];
        assert_eq!(
            missed_in_a_row(&meetings, 3),
            vec![MissedRun { member: rid(20), meetings: vec![rid(10), rid(11), rid(13)] }]
        );
        assert_eq!(missed_in_a_row(&meetings, 2).len(), 2);
        let mut later = meetings.to_vec();
        later.push(held(14, "2026-05-05", ThemeDay, &[(20, Present)]));
        assert!(missed_in_a_row(&later, 3).is_empty());
    }
}
