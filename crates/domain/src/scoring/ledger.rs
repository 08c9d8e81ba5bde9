//! 党员积分 and 评星定级: each member's ledger of a year under a member-points scheme. 基础分,
//! then entries derived from records — a meeting attended or missed, a training attended, a
//! 民情日记 visit, a household served — and entries the branch types (kind `points_entry`, one
//! record each, naming the scheme and the item); each item limited by its cap and floor, the
//! total by the scheme's floor, stars by its thresholds; exemptions (kind `points_exemption`:
//! 年老体弱 not rated nor ranked, 流动党员 not deducted for absences) set by the branch.
//!
//! Derived entries are never stored: they are read off the meetings, trainings and diaries each
//! time, so an attendance corrected changes the ledger that counted it. The diaries come in as
//! `Diary` facts, which both the `DiaryIndex` (`diaries()`) and plain records
//! (`Diary::from_record`) give.
//!
//! `Ledger` keeps, per source record, what it added to whom, so one new or changed meeting,
//! entry or diary updates only the members it touches (`put`, `remove`): a county's 50,000
//! members are counted once, then patched.

use super::explain::{ranked, sorted_ids, Explained, Input, ItemScore, Points};
use super::meeting::{Attendance, Meeting};
use super::scheme::{Counter, Family, Fill, Item, Scheme, SCHEME_FIELD};
use crate::cadre::Cadre;
use crate::date::{iso, parse_input, parse_iso, DateError};
use crate::diary::Diary;
use crate::kinds::{KindInfo, Reference};
use crate::member::Member;
use crate::person::clean;
use crate::record::{kind, IdKey, IdKeyMap, Record, RecordId};
use crate::replica::Edit;
use crate::training::Training;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

pub const MEMBER: &str = "member";
pub const DATE: &str = "date";
/// The scheme item's id.
pub const ITEM: &str = "item";
/// Whole points, negative for a deduction.
pub const POINTS: &str = "points";
pub const REASON: &str = "reason";
pub const YEAR: &str = "year";
/// An `Exemption` label.
pub const TYPE: &str = "type";
pub const NOTE: &str = "note";

pub const ENTRY_KIND: KindInfo = KindInfo {
    name: kind::POINTS_ENTRY,
    label: "积分录入",
    references: &[Reference::to(MEMBER, kind::MEMBER).required(), Reference::to(SCHEME_FIELD, kind::SCHEME)],
    other_links: None,
    rank: 2,
    read_at_start: false,
};

pub const EXEMPTION_KIND: KindInfo = KindInfo {
    name: kind::POINTS_EXEMPTION,
    label: "积分免评",
    references: &[Reference::to(MEMBER, kind::MEMBER).required()],
    other_links: None,
    rank: 2,
    read_at_start: false,
};

pub const REASON_MAX_CHARS: usize = 100;

/// A points entry typed by the branch.
#[derive(Clone, Debug, PartialEq)]
pub struct PointsEntry {
    pub id: RecordId,
    pub member: Option<RecordId>,
    pub date: Option<NaiveDate>,
    pub item: String,
    pub points: i64,
    pub reason: String,
    pub scheme: Option<RecordId>,
}

impl PointsEntry {
    pub fn from_record(r: &Record) -> PointsEntry {
        PointsEntry {
            id: r.id.clone(),
            member: r.text(MEMBER).and_then(RecordId::parse),
            date: r.text(DATE).and_then(parse_iso),
            item: r.text(ITEM).unwrap_or_default().to_string(),
            points: r.value(POINTS).and_then(Value::as_i64).unwrap_or(0),
            reason: r.text(REASON).unwrap_or_default().to_string(),
            scheme: r.text(SCHEME_FIELD).and_then(RecordId::parse),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryDraft {
    pub member: Option<RecordId>,
    pub date: String,
    pub item: String,
    pub points: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    MemberMissing,
    DateMissing,
    DateInvalid,
    DateInFuture,
    /// Not in the scheme's year.
    DateOutsideYear(i32),
    /// Not a typed item of the scheme.
    ItemUnknown,
    PointsInvalid,
    /// The item adds (or deducts) at most this many per entry.
    PointsOutOfRange {
        item: String,
        max: i64,
    },
    ReasonEmpty,
    ReasonTooLong,
    /// The scheme is not a member-points scheme.
    WrongScheme,
}

impl EntryProblem {
    pub fn field(&self) -> &'static str {
        use EntryProblem::*;
        match self {
            MemberMissing => MEMBER,
            DateMissing | DateInvalid | DateInFuture | DateOutsideYear(_) => DATE,
            ItemUnknown | WrongScheme => ITEM,
            PointsInvalid | PointsOutOfRange { .. } => POINTS,
            ReasonEmpty | ReasonTooLong => REASON,
        }
    }

    pub fn message(&self) -> String {
        use EntryProblem::*;
        match self {
            MemberMissing => "请选择党员。".into(),
            DateMissing => "请填写日期。".into(),
            DateInvalid => "日期不是有效日期。".into(),
            DateInFuture => "日期晚于今天。".into(),
            DateOutsideYear(y) => format!("日期不在{y}年度内，本细则只计{y}年的积分。"),
            ItemUnknown => "请选择积分细则中的录入项目。".into(),
            WrongScheme => "所选细则不是党员积分细则。".into(),
            PointsInvalid => "分值应为不等于零的整数。".into(),
            PointsOutOfRange { item, max } if *max < 0 => format!("「{item}」每次扣分为1到{}分。", -max),
            PointsOutOfRange { item, max } => format!("「{item}」每次加分为1到{max}分。"),
            ReasonEmpty => "请填写加减分事由。".into(),
            ReasonTooLong => format!("事由不能超过{REASON_MAX_CHARS}个字。"),
        }
    }
}

/// A typed entry, checked against the scheme: a typed item, points of the item's sign and at
/// most its size (a deduction typed as a positive number is taken as the deduction), a date in
/// the scheme's year and not after today, a reason.
pub fn create_entry(
    draft: &EntryDraft,
    scheme: &Scheme,
    id: RecordId,
    today: NaiveDate,
) -> Result<Edit, Vec<EntryProblem>> {
    let mut out = Vec::new();
    if scheme.family != Some(Family::MemberPoints) {
        return Err(vec![EntryProblem::WrongScheme]);
    }
    if draft.member.is_none() {
        out.push(EntryProblem::MemberMissing);
    }
    let date = match parse_input(&draft.date, Some(today)) {
        Ok(Some(d)) if d.year() != scheme.year => {
            out.push(EntryProblem::DateOutsideYear(scheme.year));
            None
        }
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            out.push(EntryProblem::DateMissing);
            None
        }
        Err(DateError::Invalid) => {
            out.push(EntryProblem::DateInvalid);
            None
        }
        Err(DateError::InFuture) => {
            out.push(EntryProblem::DateInFuture);
            None
        }
    };
    let item = scheme.leaves().into_iter().find(|i| i.id == draft.item && i.fill == Fill::Typed);
    let points = match (item, draft.points.trim().parse::<i64>()) {
        (None, _) => {
            out.push(EntryProblem::ItemUnknown);
            None
        }
        (_, Err(_)) | (_, Ok(0)) => {
            out.push(EntryProblem::PointsInvalid);
            None
        }
        (Some(i), Ok(p)) => {
            let p = if i.points < 0 { -p.abs() } else { p };
            if p.signum() != i.points.signum() || p.abs() > i.points.abs() {
                out.push(EntryProblem::PointsOutOfRange { item: i.label.clone(), max: i.points });
                None
            } else {
                Some(p)
            }
        }
    };
    let reason = clean(&draft.reason);
    if reason.is_empty() {
        out.push(EntryProblem::ReasonEmpty);
    } else if reason.chars().count() > REASON_MAX_CHARS {
        out.push(EntryProblem::ReasonTooLong);
    }
    match (&draft.member, date, points) {
        (Some(m), Some(d), Some(p)) if out.is_empty() => Ok(Edit::Create {
            id,
            kind: kind::POINTS_ENTRY.to_string(),
            fields: vec![
                (MEMBER.into(), json!(m.as_str())),
                (DATE.into(), json!(iso(d))),
                (ITEM.into(), json!(draft.item)),
                (POINTS.into(), json!(p)),
                (REASON.into(), json!(reason)),
                (SCHEME_FIELD.into(), json!(scheme.id.as_str())),
            ],
        }),
        _ => Err(out),
    }
}

/// Why a member is exempted for a year, and what it changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exemption {
    /// 流动党员: absences away from home are not deducted.
    Flowing,
    /// 年老体弱: not rated, not ranked, not deducted.
    Frail,
}

impl Exemption {
    pub const ALL: [Exemption; 2] = [Exemption::Flowing, Exemption::Frail];

    pub fn label(self) -> &'static str {
        match self {
            Exemption::Flowing => "流动党员",
            Exemption::Frail => "年老体弱",
        }
    }

    pub fn from_label(text: &str) -> Option<Exemption> {
        Exemption::ALL.into_iter().find(|e| e.label() == text)
    }
}

/// An exemption as read from its record.
#[derive(Clone, Debug, PartialEq)]
pub struct ExemptionRecord {
    pub id: RecordId,
    pub member: Option<RecordId>,
    pub year: i32,
    pub exemption: Option<Exemption>,
    pub note: String,
}

impl ExemptionRecord {
    pub fn from_record(r: &Record) -> ExemptionRecord {
        ExemptionRecord {
            id: r.id.clone(),
            member: r.text(MEMBER).and_then(RecordId::parse),
            year: r.value(YEAR).and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            exemption: r.text(TYPE).and_then(Exemption::from_label),
            note: r.text(NOTE).unwrap_or_default().to_string(),
        }
    }
}

/// Exempts a member for a year (withdrawn by deleting the record).
pub fn create_exemption(member: &RecordId, year: i32, exemption: Exemption, note: &str, id: RecordId) -> Edit {
    let mut fields = vec![
        (MEMBER.to_string(), json!(member.as_str())),
        (YEAR.to_string(), json!(year)),
        (TYPE.to_string(), json!(exemption.label())),
    ];
    let note = clean(note);
    if !note.is_empty() {
        fields.push((NOTE.to_string(), json!(note)));
    }
    Edit::Create { id, kind: kind::POINTS_EXEMPTION.to_string(), fields }
}

/// Withdraws an exemption set by mistake (or no longer true): its record is deleted, and the
/// member is ranked and starred again from that moment, at every station the deletion reaches.
pub fn withdraw_exemption(exemption: &ExemptionRecord) -> Edit {
    Edit::Delete { id: exemption.id.clone() }
}

/// The exemptions set for a member and year, in the order they were read.
pub fn exemptions_of<'a>(member: &RecordId, year: i32, all: &'a [ExemptionRecord]) -> Vec<&'a ExemptionRecord> {
    all.iter().filter(|e| e.year == year && e.member.as_ref() == Some(member)).collect()
}

/// Everything a ledger reads besides members and the scheme.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    pub meetings: &'a [Meeting],
    pub trainings: &'a [Training],
    /// From `DiaryIndex::diaries()` or `Diary::from_record`.
    pub diaries: &'a [Diary],
    pub entries: &'a [PointsEntry],
    pub exemptions: &'a [ExemptionRecord],
}

/// One source record, for `Ledger::put`.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    Meeting(&'a Meeting),
    Training(&'a Training),
    Diary(&'a Diary),
    Entry(&'a PointsEntry),
}

impl Source<'_> {
    pub fn id(&self) -> &RecordId {
        match self {
            Source::Meeting(m) => &m.id,
            Source::Training(t) => &t.id,
            Source::Diary(d) => &d.id,
            Source::Entry(e) => &e.id,
        }
    }
}

/// What one source gives one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gain {
    Count(Counter),
    Household(IdKey),
    Typed(u16, i64),
}

/// Why an entry was given, worded only when a page shows it (a county's ledger reads a million
/// marks and shows none of their reasons).
#[derive(Clone, Copy, Debug)]
enum Why<'a> {
    Meeting(&'a Meeting, Attendance),
    Training(&'a Training),
    Visit,
    Household,
    Typed(&'a str),
}

impl Why<'_> {
    fn text(self) -> String {
        match self {
            Why::Meeting(m, a) => format!("{}：{}（{}）", m.kind.map_or("组织生活", |k| k.label()), m.topic, a.label()),
            Why::Training(t) => format!("培训：{}", t.topic),
            Why::Visit => "民情日记走访".into(),
            Why::Household => "走访服务农户".into(),
            Why::Typed(reason) => reason.to_string(),
        }
    }
}

/// The one reading of a source: calls `emit` with each person it counts for (a member id or a
/// cadre id), what it gives, its date and why. The ledger's counts and a member's entries both
/// come from here, so they cannot disagree. `typed` are the ids of the scheme's typed items.
fn gains<'a>(
    source: Source<'a>,
    year: i32,
    typed: &[String],
    emit: &mut dyn FnMut(&'a RecordId, Gain, NaiveDate, Why<'a>),
) {
    let in_year = |d: Option<NaiveDate>| d.filter(|d| d.year() == year);
    match source {
        Source::Meeting(m) => {
            let Some(date) = in_year(m.date) else { return };
            for mark in &m.marks {
                let counter = match mark.attendance {
                    Attendance::Present => Counter::MeetingsAttended,
                    Attendance::Absent => Counter::MeetingsAbsent,
                    Attendance::Leave => continue,
                };
                emit(&mark.member, Gain::Count(counter), date, Why::Meeting(m, mark.attendance));
            }
        }
        Source::Training(t) => {
            let Some(date) = in_year(t.date) else { return };
            for p in &t.attended {
                emit(p, Gain::Count(Counter::TrainingsAttended), date, Why::Training(t));
            }
        }
        Source::Diary(d) => {
            let (Some(date), Some(writer)) = (in_year(d.date), &d.writer) else { return };
            emit(writer, Gain::Count(Counter::DiaryVisits), date, Why::Visit);
            for h in &d.households {
                emit(writer, Gain::Household(h.key()), date, Why::Household);
            }
        }
        // An entry counts under any version of the year's scheme that still has its item: a
        // new version (made because entries locked the old one) keeps the entries typed so far.
        Source::Entry(e) => {
            let (Some(date), Some(member)) = (in_year(e.date), &e.member) else { return };
            if let Some(at) = typed.iter().position(|i| *i == e.item) {
                emit(member, Gain::Typed(at as u16, e.points), date, Why::Typed(&e.reason));
            }
        }
    }
}

/// A member's row: what their sources add up to.
#[derive(Clone, Debug, Default)]
struct Row {
    member: Option<RecordId>,
    org: Option<RecordId>,
    counts: [i64; Counter::ALL.len()],
    /// Households visited, each with the number of visits naming it.
    households: Vec<(IdKey, u32)>,
    /// Typed points by typed item.
    typed: Vec<i64>,
    exemption: Option<Exemption>,
}

/// A member's year total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberTotal {
    pub member: RecordId,
    /// Each leaf item's points, in the scheme's leaf order.
    pub items: Vec<Points>,
    pub total: Points,
    /// `None` for a member exempted from rating (年老体弱).
    pub stars: Option<u8>,
    pub exemption: Option<Exemption>,
}

/// Every member's points of a year under one scheme, patched record by record.
#[derive(Clone, Debug)]
pub struct Ledger {
    scheme: Scheme,
    year: i32,
    leaves: Vec<Item>,
    /// Indexes into `leaves` of the typed items.
    typed: Vec<usize>,
    /// Their ids, in the same order.
    typed_ids: Vec<String>,
    rows: Vec<Row>,
    /// Member id → row; a cadre id → its member's row (attendance and diaries may name either).
    at: IdKeyMap<u32>,
    /// Per source record: the rows it added to, and what.
    given: IdKeyMap<Vec<(u32, Gain)>>,
}

impl Ledger {
    /// Counts every source once.
    pub fn build(scheme: &Scheme, members: &[Member], cadres: &[Cadre], sources: &Sources) -> Ledger {
        let leaves: Vec<Item> = scheme.leaves().into_iter().cloned().collect();
        let typed: Vec<usize> = (0..leaves.len()).filter(|&i| leaves[i].fill == Fill::Typed).collect();
        let mut at = IdKeyMap::default();
        let mut rows = Vec::with_capacity(members.len());
        for m in members {
            at.insert(m.id.key(), rows.len() as u32);
            rows.push(Row {
                member: Some(m.id.clone()),
                org: m.org.clone(),
                typed: vec![0; typed.len()],
                ..Row::default()
            });
        }
        for c in cadres {
            if let Some(&row) = c.member.as_ref().and_then(|m| at.get(&m.key())) {
                at.insert(c.id.key(), row);
            }
        }
        for e in sources.exemptions.iter().filter(|e| e.year == scheme.year) {
            if let (Some(&row), Some(x)) = (e.member.as_ref().and_then(|m| at.get(&m.key())), e.exemption) {
                let r = &mut rows[row as usize];
                r.exemption = r.exemption.max(Some(x));
            }
        }
        let typed_ids = typed.iter().map(|&i| leaves[i].id.clone()).collect();
        let mut ledger = Ledger {
            scheme: scheme.clone(),
            year: scheme.year,
            leaves,
            typed,
            typed_ids,
            rows,
            at,
            given: IdKeyMap::default(),
        };
        for m in sources.meetings {
            ledger.put_rows(Source::Meeting(m));
        }
        for t in sources.trainings {
            ledger.put_rows(Source::Training(t));
        }
        for d in sources.diaries {
            ledger.put_rows(Source::Diary(d));
        }
        for e in sources.entries {
            ledger.put_rows(Source::Entry(e));
        }
        ledger
    }

    /// Sets a member's exemption from the exemption records (the strongest of the scheme's year
    /// applies, as in `build`), after one was added or withdrawn. The member, if their total may
    /// change.
    pub fn exempt(&mut self, member: &RecordId, exemptions: &[ExemptionRecord]) -> Option<RecordId> {
        let row = *self.at.get(&member.key())?;
        let x = exemption_of(member, self.year, exemptions);
        let r = &mut self.rows[row as usize];
        (r.exemption != x).then(|| {
            r.exemption = x;
            member.clone()
        })
    }

    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// Takes a new or changed source in: what it gave before is taken back first. Returns the
    /// members whose totals may have changed.
    pub fn put(&mut self, source: Source) -> Vec<RecordId> {
        let touched = self.put_rows(source);
        self.members_of(touched)
    }

    /// `put`, giving the rows touched (a source listed twice counts once).
    fn put_rows(&mut self, source: Source) -> Vec<u32> {
        let mut touched = self.remove_rows(source.id());
        touched.extend(self.take(source));
        touched
    }

    /// Adds what a source gives (it gave nothing yet); the rows it touched.
    fn take(&mut self, source: Source) -> Vec<u32> {
        let mut given: Vec<(u32, Gain)> = Vec::new();
        let at = &self.at;
        gains(source, self.year, &self.typed_ids, &mut |person, gain, _, _| {
            if let Some(&row) = at.get(&person.key()) {
                given.push((row, gain));
            }
        });
        for &(row, gain) in &given {
            self.apply(row, gain, 1);
        }
        let rows = given.iter().map(|(r, _)| *r).collect();
        if !given.is_empty() {
            self.given.insert(source.id().key(), given);
        }
        rows
    }

    /// Takes a deleted source out; the rows it had touched.
    fn remove_rows(&mut self, id: &RecordId) -> Vec<u32> {
        let Some(given) = self.given.remove(&id.key()) else { return Vec::new() };
        for &(row, gain) in &given {
            self.apply(row, gain, -1);
        }
        given.into_iter().map(|(r, _)| r).collect()
    }

    /// Takes a deleted source out. Returns the members whose totals may have changed.
    pub fn remove(&mut self, id: &RecordId) -> Vec<RecordId> {
        let rows = self.remove_rows(id);
        self.members_of(rows)
    }

    fn members_of(&self, mut rows: Vec<u32>) -> Vec<RecordId> {
        rows.sort_unstable();
        rows.dedup();
        rows.into_iter().filter_map(|r| self.rows[r as usize].member.clone()).collect()
    }

    fn apply(&mut self, row: u32, gain: Gain, sign: i64) {
        let r = &mut self.rows[row as usize];
        match gain {
            Gain::Count(c) => r.counts[c as usize] += sign,
            Gain::Typed(i, p) => r.typed[i as usize] += sign * p,
            Gain::Household(h) => match r.households.binary_search_by(|(k, _)| k.cmp(&h)) {
                Ok(i) if sign < 0 && r.households[i].1 <= 1 => {
                    r.households.remove(i);
                }
                Ok(i) => r.households[i].1 = r.households[i].1.saturating_add_signed(sign as i32),
                Err(i) if sign > 0 => r.households.insert(i, (h, 1)),
                Err(_) => {}
            },
        }
    }

    /// One leaf's points before its limits, from a row.
    fn raw_item(&self, r: &Row, leaf: usize) -> i64 {
        let item = &self.leaves[leaf];
        match (item.fill, item.counter) {
            (Fill::Typed, _) => self.typed.iter().position(|&t| t == leaf).map_or(0, |t| r.typed[t]),
            (Fill::Counted, Some(Counter::MeetingsAbsent)) if r.exemption.is_some() => 0,
            (Fill::Counted, Some(Counter::HouseholdsServed)) => r.households.len() as i64 * item.points,
            (Fill::Counted, Some(c)) => r.counts[c as usize] * item.points,
            _ => 0,
        }
    }

    fn total_of(&self, r: &Row) -> Option<MemberTotal> {
        let member = r.member.clone()?;
        let items: Vec<Points> =
            (0..self.leaves.len()).map(|i| Points::whole(limit(&self.leaves[i], self.raw_item(r, i)))).collect();
        let sum = Points::whole(self.scheme.params.base) + items.iter().copied().sum::<Points>();
        let total = self.scheme.params.total_floor.map_or(sum, |f| sum.max(Points::whole(f)));
        let stars = (r.exemption != Some(Exemption::Frail)).then(|| self.scheme.stars(total));
        Some(MemberTotal { member, items, total, stars, exemption: r.exemption })
    }

    pub fn total(&self, member: &RecordId) -> Option<MemberTotal> {
        self.at.get(&member.key()).and_then(|&r| self.total_of(&self.rows[r as usize]))
    }

    /// Every member's total, in the members' order as given to `build`.
    pub fn totals(&self) -> Vec<MemberTotal> {
        self.rows.iter().filter_map(|r| self.total_of(r)).collect()
    }

    /// A branch's members ranked by total (highest first; equal totals share a rank, then by
    /// member id), each with every item's points; members not rated (年老体弱) come last with no
    /// rank.
    pub fn ranking(&self, org: &RecordId) -> Vec<(Option<usize>, MemberTotal)> {
        let mut rated: Vec<MemberTotal> = Vec::new();
        let mut not_rated: Vec<MemberTotal> = Vec::new();
        for r in self.rows.iter().filter(|r| r.org.as_ref() == Some(org)) {
            if let Some(t) = self.total_of(r) {
                if t.stars.is_some() {
                    rated.push(t)
                } else {
                    not_rated.push(t)
                }
            }
        }
        crate::sort::sort_by(&mut not_rated, |a, b| a.member.cmp(&b.member));
        let mut out: Vec<(Option<usize>, MemberTotal)> =
            ranked(rated, |t| (t.total, &t.member)).into_iter().map(|(r, t)| (Some(r), t)).collect();
        out.extend(not_rated.into_iter().map(|t| (None, t)));
        out
    }
}

/// A member's exemption in a year: the strongest of their records (年老体弱 over 流动党员).
fn exemption_of(member: &RecordId, year: i32, exemptions: &[ExemptionRecord]) -> Option<Exemption> {
    exemptions_of(member, year, exemptions).into_iter().filter_map(|e| e.exemption).max()
}

/// An item's year sum within its floor and cap.
fn limit(item: &Item, raw: i64) -> i64 {
    let low = item.floor.map_or(raw, |f| raw.max(f));
    item.cap.map_or(low, |c| low.min(c))
}

/// One line of a member's ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub item: String,
    pub label: String,
    /// Before the item's cap or floor (the item's line shows the limit).
    pub points: i64,
    pub reason: String,
    /// The record it comes from: a meeting, training, diary, or typed entry.
    pub source: RecordId,
    pub typed: bool,
}

/// A member's ledger page: the entries (dated, oldest first), and the explained total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberLedger {
    pub base: Points,
    pub entries: Vec<Entry>,
    pub explained: Explained,
    pub stars: Option<u8>,
    pub exemption: Option<Exemption>,
}

/// One member's ledger, read off the sources (the same reading the `Ledger` counts with).
/// `aliases` are the member's other ids (cadre holdings) that attendance or diaries may name.
pub fn member_ledger(scheme: &Scheme, member: &Member, aliases: &[RecordId], sources: &Sources) -> MemberLedger {
    let leaves: Vec<&Item> = scheme.leaves();
    let typed: Vec<String> = leaves.iter().filter(|i| i.fill == Fill::Typed).map(|i| i.id.clone()).collect();
    let mine = |p: &RecordId| p == &member.id || aliases.contains(p);
    let mut entries: Vec<Entry> = Vec::new();
    let mut households: Vec<IdKey> = Vec::new();
    let mut per_item: Vec<(i64, Vec<RecordId>)> = vec![(0, Vec::new()); leaves.len()];
    let exemption = exemption_of(&member.id, scheme.year, sources.exemptions);
    let mut read = |source: Source| {
        let id = source.id().clone();
        gains(source, scheme.year, &typed, &mut |person, gain, date, why| {
            if !mine(person) {
                return;
            }
            let (leaf, points) = match gain {
                Gain::Count(c) => {
                    let Some(l) = leaves.iter().position(|i| i.fill == Fill::Counted && i.counter == Some(c)) else {
                        return;
                    };
                    let skip = c == Counter::MeetingsAbsent && exemption.is_some();
                    (l, if skip { 0 } else { leaves[l].points })
                }
                Gain::Household(h) => {
                    let Some(l) = leaves.iter().position(|i| i.counter == Some(Counter::HouseholdsServed)) else {
                        return;
                    };
                    if households.contains(&h) {
                        return;
                    }
                    households.push(h);
                    (l, leaves[l].points)
                }
                Gain::Typed(t, p) => (leaves.iter().position(|i| i.id == typed[t as usize]).unwrap_or(0), p),
            };
            per_item[leaf].0 += points;
            per_item[leaf].1.push(id.clone());
            entries.push(Entry {
                date,
                item: leaves[leaf].id.clone(),
                label: leaves[leaf].label.clone(),
                points,
                reason: why.text(),
                source: id.clone(),
                typed: matches!(gain, Gain::Typed(..)),
            });
        });
    };
    sources.meetings.iter().for_each(|m| read(Source::Meeting(m)));
    sources.trainings.iter().for_each(|t| read(Source::Training(t)));
    sources.diaries.iter().for_each(|d| read(Source::Diary(d)));
    sources.entries.iter().for_each(|e| read(Source::Entry(e)));
    crate::sort::sort_by(&mut entries, |a, b| (a.date, &a.source, &a.item).cmp(&(b.date, &b.source, &b.item)));
    let items: Vec<ItemScore> = leaves
        .iter()
        .zip(per_item)
        .map(|(item, (raw, ids))| {
            let limited = limit(item, raw);
            let ids = sorted_ids(ids);
            ItemScore {
                item: item.id.clone(),
                label: item.label.clone(),
                points: Points::whole(limited),
                limited_from: (limited != raw).then(|| Points::whole(raw)),
                inputs: vec![if item.fill == Fill::Typed {
                    Input::Typed { ids }
                } else {
                    Input::Counted { what: item.counter.map_or("", Counter::label).to_string(), ids }
                }],
            }
        })
        .collect();
    let base = Points::whole(scheme.params.base);
    let sum = base + items.iter().map(|i| i.points).sum::<Points>();
    let total = scheme.params.total_floor.map_or(sum, |f| sum.max(Points::whole(f)));
    MemberLedger {
        base,
        entries,
        stars: (exemption != Some(Exemption::Frail)).then(|| scheme.stars(total)),
        exemption,
        explained: Explained { scheme: scheme.reference(), items, total },
    }
}

#[cfg(test)]
mod tests {
    use super::super::meeting::tests::{apply, member};
    use super::super::meeting::{mark_attendance, Mark, MeetingKind};
    use super::super::scheme::{create_scheme, template};
    use super::*;
    use crate::station::StationId;
    use crate::test_support::{day, org, rid};
    use std::collections::BTreeSet;

    pub(crate) fn points_scheme() -> Scheme {
        let Edit::Create { id, kind: k, fields } =
            create_scheme(&template(Family::MemberPoints, 2026), rid(90)).unwrap()
        else {
            panic!()
        };
        Scheme::from_record(&Record::unstamped(&id, &k, &fields))
    }

    fn meeting(id: u8, date: &str, marks: &[(u8, Attendance)]) -> Meeting {
        Meeting {
            id: rid(id),
            date: Some(day(date)),
            org: Some(rid(2)),
            kind: Some(MeetingKind::ThemeDay),
            topic: "学习".into(),
            marks: marks.iter().map(|(n, a)| Mark { member: rid(*n), attendance: *a, reason: String::new() }).collect(),
        }
    }

    fn entry(id: u8, m: u8, item: &str, points: i64) -> PointsEntry {
        PointsEntry {
            id: rid(id),
            member: Some(rid(m)),
            date: Some(day("2026-06-01")),
            item: item.into(),
            points,
            reason: "抗洪抢险".into(),
            scheme: Some(rid(90)),
        }
    }

    #[test]
    fn typed_entries_are_checked_against_the_scheme() {
        let s = points_scheme();
        let today = day("2026-07-01");
        let d = |item: &str, points: &str, date: &str| EntryDraft {
            member: Some(rid(20)),
            date: date.into(),
            item: item.into(),
            points: points.into(),
            reason: "带头捐款".into(),
        };
        assert!(create_entry(&d("bonus", "5", "2026-06-01"), &s, rid(1), today).is_ok());
        let e = create_entry(&d("bonus", "6", "2026-06-01"), &s, rid(1), today).unwrap_err();
        assert_eq!(e[0].message(), "「其他加分」每次加分为1到5分。");
        // A deduction typed as 3 is taken as −3.
        let Ok(Edit::Create { fields, .. }) = create_entry(&d("deduct", "3", "2026-06-01"), &s, rid(1), today) else {
            panic!()
        };
        assert!(fields.contains(&(POINTS.into(), json!(-3))));
        assert!(fields.contains(&(SCHEME_FIELD.into(), json!(rid(90).as_str()))), "names its scheme (locks it)");
        assert_eq!(
            create_entry(&d("attend", "1", "2026-06-01"), &s, rid(1), today).unwrap_err(),
            vec![EntryProblem::ItemUnknown]
        );
        assert_eq!(
            create_entry(&d("bonus", "2", "2025-12-31"), &s, rid(1), today).unwrap_err()[0].message(),
            "日期不在2026年度内，本细则只计2026年的积分。"
        );
        assert_eq!(
            create_entry(&d("bonus", "2", "2026-07-02"), &s, rid(1), today).unwrap_err(),
            vec![EntryProblem::DateInFuture]
        );
        assert_eq!(
            create_entry(&d("bonus", "0", "2026-06-01"), &s, rid(1), today).unwrap_err(),
            vec![EntryProblem::PointsInvalid]
        );
    }

    #[test]
    fn a_derived_entry_changes_when_its_meeting_attendance_changes() {
        let s = points_scheme();
        let orgs = vec![
            org(1, "坪塘镇党委", crate::org::OrgCategory::TownshipCommittee, None),
            org(2, "山塘村党支部", crate::org::OrgCategory::Branch, Some(1)),
        ];
        let members = vec![member(20, "张三", 2), member(21, "李四", 2)];
        // A stored meeting with 张三 absent.
        let mut r = Record::new(rid(10), kind::MEETING, StationId::from_random([1; 8]));
        let create = super::super::meeting::create_meeting(
            &super::super::meeting::MeetingDraft {
                date: "2026-03-05".into(),
                org: Some(rid(2)),
                kind: Some(MeetingKind::Assembly),
                topic: "学习党章".into(),
            },
            rid(10),
            &orgs,
            day("2026-12-31"),
        )
        .unwrap();
        apply(&mut r, &create, 1);
        let absent = Mark { member: rid(20), attendance: Attendance::Absent, reason: String::new() };
        let mark =
            mark_attendance(&Meeting::from_record(&r), &[absent], &members, &orgs, day("2026-12-31")).unwrap().unwrap();
        apply(&mut r, &mark, 1);
        let m1 = Meeting::from_record(&r);
        let sources = |ms: &[Meeting]| -> Ledger {
            Ledger::build(
                &s,
                &members,
                &[],
                &Sources { meetings: ms, trainings: &[], diaries: &[], entries: &[], exemptions: &[] },
            )
        };
        let mut ledger = sources(std::slice::from_ref(&m1));
        assert_eq!(ledger.total(&rid(20)).unwrap().total, Points::whole(58));
        let page = member_ledger(
            &s,
            &members[0],
            &[],
            &Sources {
                meetings: std::slice::from_ref(&m1),
                trainings: &[],
                diaries: &[],
                entries: &[],
                exemptions: &[],
            },
        );
        assert_eq!(page.entries.len(), 1);
        assert_eq!((page.entries[0].points, page.entries[0].source.clone()), (-2, rid(10)));
        assert_eq!(page.entries[0].reason, "支部党员大会：学习党章（缺席）");
        // The attendance is corrected to 出席: the entry becomes +1, patched in place.
        let present = Mark { member: rid(20), attendance: Attendance::Present, reason: String::new() };
        apply(&mut r, &mark_attendance(&m1, &[present], &members, &orgs, day("2026-12-31")).unwrap().unwrap(), 2);
        let m2 = Meeting::from_record(&r);
        let touched = ledger.put(Source::Meeting(&m2));
        assert_eq!(touched, vec![rid(20)]);
        assert_eq!(ledger.total(&rid(20)).unwrap().total, Points::whole(61));
        assert_eq!(ledger.totals(), sources(std::slice::from_ref(&m2)).totals(), "patched = built again");
        let page = member_ledger(
            &s,
            &members[0],
            &[],
            &Sources {
                meetings: std::slice::from_ref(&m2),
                trainings: &[],
                diaries: &[],
                entries: &[],
                exemptions: &[],
            },
        );
        assert_eq!(page.entries[0].points, 1);
        assert_eq!(page.explained.total, Points::whole(61));
        assert_eq!(page.explained.scheme, s.reference());
        // Deleted: back to the base.
        ledger.remove(&rid(10));
        assert_eq!(ledger.total(&rid(20)).unwrap().total, Points::whole(60));
    }

    #[test]
    fn an_exemption_withdrawn_is_its_record_deleted_and_only_the_years_count() {
        let x = |id: u8, member: u8, year: i32| ExemptionRecord {
            id: rid(id),
            member: Some(rid(member)),
            year,
            exemption: Some(Exemption::Frail),
            note: String::new(),
        };
        let all = vec![x(1, 20, 2026), x(2, 20, 2025), x(3, 21, 2026)];
        let of: Vec<&RecordId> = exemptions_of(&rid(20), 2026, &all).into_iter().map(|e| &e.id).collect();
        assert_eq!(of, [&rid(1)]);
        assert_eq!(withdraw_exemption(&all[0]), Edit::Delete { id: rid(1) });
    }

    #[test]
    fn caps_floors_exemptions_stars_and_the_ranking() {
        use Attendance::*;
        let s = points_scheme();
        let members = vec![member(20, "张三", 2), member(21, "李四", 2), member(22, "王五", 2), member(23, "赵六", 2)];
        // 12 absences for 张三 (−24, floor −20); 李四 attends all 12; 王五 flowing, absent 12.
        let meetings: Vec<Meeting> = (1..=12u8)
            .map(|m| {
                meeting(30 + m, &format!("2026-{m:02}-05"), &[(20, Absent), (21, Present), (22, Absent), (23, Present)])
            })
            .collect();
        let trainings: Vec<Training> = (0..7u8)
            .map(|i| Training {
                id: rid(60 + i),
                date: Some(day("2026-05-01")),
                topic: "培训".into(),
                category: String::new(),
                hours: None,
                organizer: None,
                place: String::new(),
                expected: BTreeSet::new(),
                attended: [rid(21), rid(80)].into_iter().collect(),
            })
            .collect();
        let entries = vec![
            entry(70, 21, "bonus", 5),
            entry(71, 21, "bonus", 5),
            entry(72, 21, "bonus", 5),
            entry(73, 21, "bonus", 5),
            entry(74, 21, "bonus", 5),
            entry(75, 20, "deduct", -10),
        ];
        let exemptions = vec![
            ExemptionRecord {
                id: rid(76),
                member: Some(rid(22)),
                year: 2026,
                exemption: Some(Exemption::Flowing),
                note: String::new(),
            },
            ExemptionRecord {
                id: rid(77),
                member: Some(rid(23)),
                year: 2026,
                exemption: Some(Exemption::Frail),
                note: String::new(),
            },
            ExemptionRecord {
                id: rid(78),
                member: Some(rid(21)),
                year: 2025,
                exemption: Some(Exemption::Frail),
                note: String::new(),
            },
        ];
        // A diary written under 张三's cadre holding (rid 81) names two households, another one of them again.
        let diary = |id: u8, hs: &[u8]| Diary {
            id: rid(id),
            date: Some(day("2026-04-01")),
            writer: Some(rid(81)),
            village: None,
            households: hs.iter().map(|h| rid(*h)).collect(),
            roles: Default::default(),
            category: None,
            follow_up: false,
            written: crate::clock::Hlc::ZERO,
        };
        let diaries = vec![diary(50, &[100, 101]), diary(51, &[101])];
        let cadre = Cadre {
            member: Some(rid(20)),
            ..crate::cadre::Cadre::from_record(&Record::unstamped(&rid(81), kind::CADRE, &[]))
        };
        let src = Sources {
            meetings: &meetings,
            trainings: &trainings,
            diaries: &diaries,
            entries: &entries,
            exemptions: &exemptions,
        };
        let ledger = Ledger::build(&s, &members, &[cadre], &src);
        let t = |n: u8| ledger.total(&rid(n)).unwrap();
        // 张三: 60 − 20 (absences, floor) − 10 (typed) + 2 households = 32 → 1 star.
        assert_eq!(t(20).total, Points::whole(32));
        assert_eq!(t(20).stars, Some(1));
        // 李四: 60 + 12 + 10 (7 trainings × 2, cap 10) + 20 (25 typed, cap 20) = 102 → 5 stars; last year's exemption ignored.
        assert_eq!(t(21).total, Points::whole(102));
        assert_eq!((t(21).stars, t(21).exemption), (Some(5), None));
        // 王五 (流动党员): absences not deducted, still rated.
        assert_eq!((t(22).total, t(22).stars), (Points::whole(60), Some(2)));
        // 赵六 (年老体弱): counted but not rated nor ranked.
        assert_eq!((t(23).total, t(23).stars), (Points::whole(72), None));
        let ranking: Vec<(Option<usize>, RecordId)> =
            ledger.ranking(&rid(2)).into_iter().map(|(r, t)| (r, t.member)).collect();
        assert_eq!(ranking, vec![(Some(1), rid(21)), (Some(2), rid(22)), (Some(3), rid(20)), (None, rid(23))]);
        // The member page agrees with the ledger, item by item, and names its sources.
        let page = member_ledger(&s, &members[0], &[rid(81)], &src);
        assert_eq!(page.explained.total, t(20).total);
        assert_eq!(page.explained.items.iter().map(|i| i.points).collect::<Vec<_>>(), t(20).items);
        let absent = &page.explained.items[1];
        assert_eq!(absent.limited_from, Some(Points::whole(-24)));
        let Input::Counted { ids, .. } = &absent.inputs[0] else { panic!() };
        assert_eq!(ids.len(), 12);
        let serve = &page.explained.items[3];
        assert_eq!(serve.points, Points::whole(2));
        assert_eq!(serve.inputs, vec![Input::Counted { what: "走访服务农户".into(), ids: vec![rid(50)] }]);
        let page = member_ledger(&s, &members[1], &[], &src);
        assert_eq!(page.explained.items[4].limited_from, Some(Points::whole(25)));
        assert_eq!(page.explained.items[4].inputs, vec![Input::Typed { ids: (70..=74).map(rid).collect() }]);
        // An exemption withdrawn: 赵六 is rated again.
        let mut patched = ledger.clone();
        assert_eq!(patched.exempt(&rid(23), &exemptions[..1]), Some(rid(23)));
        assert_eq!(patched.total(&rid(23)).unwrap().stars, Some(3));
        assert_eq!(patched.exempt(&rid(23), &exemptions[..1]), None, "nothing changes");
        // An entry typed under an earlier version counts while its item exists; one of an item
        // the version dropped does not.
        let mut other = ledger.clone();
        let earlier = PointsEntry { scheme: Some(rid(91)), ..entry(79, 22, "bonus", 5) };
        assert_eq!(other.put(Source::Entry(&earlier)), vec![rid(22)]);
        assert_eq!(other.total(&rid(22)).unwrap().total, Points::whole(65));
        let dropped = PointsEntry { scheme: Some(rid(91)), ..entry(79, 22, "old_item", 5) };
        other.put(Source::Entry(&dropped));
        assert_eq!(other.total(&rid(22)).unwrap().total, Points::whole(60));
    }
}
