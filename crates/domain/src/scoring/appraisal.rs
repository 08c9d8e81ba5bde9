//! Cadre appraisal, 德、能、勤、绩、廉 by 双述双评: one cadre's year under a scheme (kind
//! `appraisal`: 年中检查评估, 年末 述职 and 述廉 texts), its 履职承诺 (kind `commitment`, one
//! record each, with the day it was met), and the raters' score sheets (kind `appraisal_sheet`,
//! one per rater, naming only the rater group: no rater identity is stored with scores).
//!
//! The result: per group, the mean of its sheets — trimmed (the sheet with the highest total and
//! the one with the lowest dropped) once the group has the scheme's minimum of raters — weighted
//! by the groups' weights; 绩's counted items from records (weeks with enough visits, 督办
//! deadlines met, trainings, commitments met); then the grade and the 效益工资 band.

use super::explain::{sorted_ids, Explained, Input, ItemScore, Points};
use super::scheme::{band_of, Counter, Fill, Item, Scheme, SCHEME_FIELD};
use crate::cadre::Cadre;
use crate::date::{iso, parse_input, parse_iso, year_bounds, DateError};
use crate::diary::Diary;
use crate::diary_lists::cadre_weeks;
use crate::diary_report::{matter_dates, report, MatterDates, Scope};
use crate::diary_step::StepOfMatter;
use crate::kinds::{KindInfo, Reference};
use crate::person::clean;
use crate::record::{kind, Record, RecordId};
use crate::replica::Edit;
use crate::training::Training;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub const CADRE: &str = "cadre";
pub const YEAR: &str = "year";
pub const MIDTERM_DATE: &str = "midterm_date";
/// 年中检查评估's findings.
pub const MIDTERM: &str = "midterm";
/// 述职.
pub const REPORT: &str = "report";
/// 述廉.
pub const INTEGRITY_REPORT: &str = "integrity_report";
pub const APPRAISAL: &str = "appraisal";
pub const TEXT: &str = "text";
pub const DUE: &str = "due";
/// The day a commitment was met.
pub const MET: &str = "met";
/// The rater group's id in the scheme.
pub const GROUP: &str = "group";
pub const DATE: &str = "date";
/// `score:<item id>` → whole points.
pub const SCORE_PREFIX: &str = "score:";

pub const KIND: KindInfo = KindInfo {
    name: kind::APPRAISAL,
    label: "干部考核",
    references: &[Reference::to(CADRE, kind::CADRE).required(), Reference::to(SCHEME_FIELD, kind::SCHEME)],
    other_links: None,
    rank: 3,
    read_at_start: false,
};

pub const COMMITMENT_KIND: KindInfo = KindInfo {
    name: kind::COMMITMENT,
    label: "履职承诺",
    references: &[Reference::to(APPRAISAL, kind::APPRAISAL).required()],
    other_links: None,
    rank: 4,
    read_at_start: false,
};

pub const SHEET_KIND: KindInfo = KindInfo { name: kind::APPRAISAL_SHEET, label: "考核评分表", ..COMMITMENT_KIND };

pub const TEXT_MAX_CHARS: usize = 5000;
pub const COMMITMENT_MAX_CHARS: usize = 200;

pub fn score_key(item: &str) -> String {
    format!("{SCORE_PREFIX}{item}")
}

/// A cadre's year.
#[derive(Clone, Debug, PartialEq)]
pub struct Appraisal {
    pub id: RecordId,
    pub cadre: Option<RecordId>,
    pub year: i32,
    pub scheme: Option<RecordId>,
    pub midterm_date: Option<NaiveDate>,
    pub midterm: String,
    pub report: String,
    pub integrity_report: String,
}

impl Appraisal {
    pub fn from_record(r: &Record) -> Appraisal {
        let text = |f: &str| r.text(f).unwrap_or_default().to_string();
        Appraisal {
            id: r.id.clone(),
            cadre: r.text(CADRE).and_then(RecordId::parse),
            year: r.value(YEAR).and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            scheme: r.text(SCHEME_FIELD).and_then(RecordId::parse),
            midterm_date: r.text(MIDTERM_DATE).and_then(parse_iso),
            midterm: text(MIDTERM),
            report: text(REPORT),
            integrity_report: text(INTEGRITY_REPORT),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    pub id: RecordId,
    pub appraisal: Option<RecordId>,
    pub text: String,
    pub due: Option<NaiveDate>,
    pub met: Option<NaiveDate>,
}

impl Commitment {
    pub fn from_record(r: &Record) -> Commitment {
        Commitment {
            id: r.id.clone(),
            appraisal: r.text(APPRAISAL).and_then(RecordId::parse),
            text: r.text(TEXT).unwrap_or_default().to_string(),
            due: r.text(DUE).and_then(parse_iso),
            met: r.text(MET).and_then(parse_iso),
        }
    }
}

/// One rater's sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub id: RecordId,
    pub appraisal: Option<RecordId>,
    pub group: String,
    pub scores: Vec<(String, i64)>,
}

impl Sheet {
    pub fn from_record(r: &Record) -> Sheet {
        let mut scores = Vec::new();
        for (item, value) in r.prefixed(SCORE_PREFIX) {
            if let Some(n) = value.as_i64() {
                scores.push((item.to_string(), n));
            }
        }
        Sheet {
            id: r.id.clone(),
            appraisal: r.text(APPRAISAL).and_then(RecordId::parse),
            group: r.text(GROUP).unwrap_or_default().to_string(),
            scores,
        }
    }

    fn score(&self, item: &str) -> Option<i64> {
        self.scores.iter().find(|(i, _)| i == item).map(|(_, n)| *n)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppraisalProblem {
    CadreMissing,
    WrongScheme,
    TextTooLong,
    TextEmpty,
    DateInvalid,
    DateInFuture,
    GroupUnknown,
    /// An item of the sheet left blank (label).
    ScoreMissing(String),
    /// Not a whole number, or outside 0..=max (label, max, as typed).
    ScoreOutOfRange {
        item: String,
        max: i64,
        typed: String,
    },
}

impl AppraisalProblem {
    pub fn field(&self) -> &'static str {
        use AppraisalProblem::*;
        match self {
            CadreMissing => CADRE,
            WrongScheme => SCHEME_FIELD,
            TextTooLong | TextEmpty => TEXT,
            DateInvalid | DateInFuture => DATE,
            GroupUnknown => GROUP,
            ScoreMissing(_) | ScoreOutOfRange { .. } => "scores",
        }
    }

    pub fn message(&self) -> String {
        use AppraisalProblem::*;
        match self {
            CadreMissing => "请选择考核的干部。".into(),
            WrongScheme => "所选细则不是干部考核办法。".into(),
            TextTooLong => format!("内容不能超过{TEXT_MAX_CHARS}个字。"),
            TextEmpty => "请填写承诺内容。".into(),
            DateInvalid => "日期不是有效日期。".into(),
            DateInFuture => "日期晚于今天。".into(),
            GroupUnknown => "请选择评议主体（评分人所在的组别）。".into(),
            ScoreMissing(item) => format!("「{item}」未评分。"),
            ScoreOutOfRange { item, max, typed } => {
                format!("「{item}」的评分应为0到{max}分的整数，录入的是「{typed}」。")
            }
        }
    }
}

/// A cadre's year under a cadre-appraisal scheme.
pub fn create_appraisal(
    cadre: Option<&RecordId>,
    scheme: &Scheme,
    id: RecordId,
) -> Result<Edit, Vec<AppraisalProblem>> {
    let cadre = cadre.ok_or_else(|| vec![AppraisalProblem::CadreMissing])?;
    if scheme.family != Some(super::scheme::Family::CadreAppraisal) {
        return Err(vec![AppraisalProblem::WrongScheme]);
    }
    Ok(Edit::Create {
        id,
        kind: kind::APPRAISAL.to_string(),
        fields: vec![
            (CADRE.into(), json!(cadre.as_str())),
            (YEAR.into(), json!(scheme.year)),
            (SCHEME_FIELD.into(), json!(scheme.id.as_str())),
        ],
    })
}

/// The year's texts as typed: 年中检查评估 (its date and findings), 述职, 述廉.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextsDraft {
    pub midterm_date: String,
    pub midterm: String,
    pub report: String,
    pub integrity_report: String,
}

/// Writes the texts that changed.
pub fn update_texts(
    a: &Appraisal,
    draft: &TextsDraft,
    today: NaiveDate,
) -> Result<Option<Edit>, Vec<AppraisalProblem>> {
    let date = match parse_input(&draft.midterm_date, Some(today)) {
        Ok(d) => d,
        Err(DateError::Invalid) => return Err(vec![AppraisalProblem::DateInvalid]),
        Err(DateError::InFuture) => return Err(vec![AppraisalProblem::DateInFuture]),
    };
    let texts = [
        (MIDTERM, draft.midterm.trim(), &a.midterm),
        (REPORT, draft.report.trim(), &a.report),
        (INTEGRITY_REPORT, draft.integrity_report.trim(), &a.integrity_report),
    ];
    if texts.iter().any(|(_, t, _)| t.chars().count() > TEXT_MAX_CHARS) {
        return Err(vec![AppraisalProblem::TextTooLong]);
    }
    let mut fields: Vec<(String, Value)> =
        texts.iter().filter(|(_, new, old)| new != old).map(|(f, new, _)| (f.to_string(), json!(new))).collect();
    if date != a.midterm_date {
        fields.push((MIDTERM_DATE.into(), date.map_or(Value::Null, |d| json!(iso(d)))));
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: a.id.clone(), fields }))
}

/// A 履职承诺 made at the start of the year.
pub fn create_commitment(a: &Appraisal, text: &str, due: &str, id: RecordId) -> Result<Edit, Vec<AppraisalProblem>> {
    let text = clean(text);
    if text.is_empty() {
        return Err(vec![AppraisalProblem::TextEmpty]);
    }
    if text.chars().count() > COMMITMENT_MAX_CHARS {
        return Err(vec![AppraisalProblem::TextTooLong]);
    }
    let due = parse_input(due, None).map_err(|_| vec![AppraisalProblem::DateInvalid])?;
    let mut fields = vec![(APPRAISAL.to_string(), json!(a.id.as_str())), (TEXT.to_string(), json!(text))];
    if let Some(d) = due {
        fields.push((DUE.to_string(), json!(iso(d))));
    }
    Ok(Edit::Create { id, kind: kind::COMMITMENT.to_string(), fields })
}

/// Marks a commitment met on a day (or not met, with an empty date).
pub fn mark_met(c: &Commitment, date: &str, today: NaiveDate) -> Result<Option<Edit>, Vec<AppraisalProblem>> {
    let met = match parse_input(date, Some(today)) {
        Ok(d) => d,
        Err(DateError::Invalid) => return Err(vec![AppraisalProblem::DateInvalid]),
        Err(DateError::InFuture) => return Err(vec![AppraisalProblem::DateInFuture]),
    };
    Ok((met != c.met).then(|| Edit::Update {
        id: c.id.clone(),
        fields: vec![(MET.into(), met.map_or(Value::Null, |d| json!(iso(d))))],
    }))
}

/// The items a rater scores: the scheme's ballot leaves.
pub fn rated_items(scheme: &Scheme) -> Vec<&Item> {
    scheme.leaves().into_iter().filter(|i| i.fill == Fill::Ballot).collect()
}

/// One rater's sheet, as typed (item id → text): every rated item scored with a whole number
/// from 0 to the item's points; the group one of the scheme's. Nothing names the rater.
pub fn create_sheet(
    a: &Appraisal,
    scheme: &Scheme,
    group: &str,
    typed: &[(String, String)],
    id: RecordId,
) -> Result<Edit, Vec<AppraisalProblem>> {
    let mut out = Vec::new();
    if !scheme.params.groups.iter().any(|g| g.id == group) {
        out.push(AppraisalProblem::GroupUnknown);
    }
    let mut fields = vec![(APPRAISAL.to_string(), json!(a.id.as_str())), (GROUP.to_string(), json!(group))];
    for item in rated_items(scheme) {
        let text = typed.iter().find(|(i, _)| i == &item.id).map_or("", |(_, t)| t.trim());
        match text.parse::<i64>() {
            _ if text.is_empty() => out.push(AppraisalProblem::ScoreMissing(item.label.clone())),
            Ok(n) if (0..=item.points).contains(&n) => fields.push((score_key(&item.id), json!(n))),
            _ => out.push(AppraisalProblem::ScoreOutOfRange {
                item: item.label.clone(),
                max: item.points,
                typed: text.to_string(),
            }),
        }
    }
    if !out.is_empty() {
        return Err(out);
    }
    Ok(Edit::Create { id, kind: kind::APPRAISAL_SHEET.to_string(), fields })
}

/// A share of a whole, with the records it was counted from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counted {
    pub count: u32,
    pub of: u32,
    pub ids: Vec<RecordId>,
}

/// What 绩's counted items read of a cadre's year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CadreFacts {
    /// Weeks with at least the scheme's days in villages, of the year's weeks so far; the
    /// diaries counted.
    pub visit_weeks: Counted,
    /// 督办 deadlines met of those due; the diaries whose matters had one.
    pub on_time: Counted,
    /// Trainings attended (`of` unused).
    pub trainings: Counted,
    /// Commitments met of those made.
    pub commitments: Counted,
}

/// A cadre's facts for `year` as of `today`: diaries written under the holding or the member
/// record (with their `MatterDates`, in the same order), trainings marked under either, the
/// appraisal's commitments. The visit rule and the on-time count are `diary_lists::cadre_weeks`'
/// and `diary_report`'s.
#[allow(clippy::too_many_arguments)]
pub fn cadre_facts(
    cadre: &Cadre,
    appraisal: &Appraisal,
    diaries: &[Diary],
    dates: &[MatterDates],
    trainings: &[Training],
    commitments: &[Commitment],
    days_per_week: u32,
    today: NaiveDate,
) -> CadreFacts {
    let (first, last) = year_bounds(appraisal.year);
    // The weeks the cadre held the post this year: one who took it up in October is held to
    // October's weeks, not the year's.
    let from = cadre.term_start.map_or(first, |start| start.max(first));
    let to = cadre.until().map_or(last, |end| end.min(last)).min(today);
    let scope = Scope { from, to, today, villages: None };
    let mut mine: Vec<Diary> = Vec::new();
    let mut on_time = Counted::default();
    for (d, m) in diaries.iter().zip(dates) {
        if !d.writer.as_ref().is_some_and(|w| cadre.is_person(w)) {
            continue;
        }
        let t = report(std::slice::from_ref(d), std::slice::from_ref(m), &scope, None).total;
        if t.due > 0 {
            on_time.of += t.due as u32;
            on_time.count += t.on_time as u32;
            on_time.ids.push(d.id.clone());
        }
        if d.date.is_some_and(|x| from <= x && x <= to) {
            mine.push(Diary { writer: Some(cadre.id.clone()), ..d.clone() });
        }
    }
    let weeks = if to < from {
        Vec::new()
    } else {
        cadre_weeks(&mine, std::slice::from_ref(&cadre.id), from, to, days_per_week)
    };
    let visit_weeks = Counted {
        count: weeks.iter().filter(|w| !w.below).count() as u32,
        of: weeks.len() as u32,
        ids: sorted_ids(mine.iter().map(|d| d.id.clone()).collect()),
    };
    let trained: Vec<RecordId> = trainings
        .iter()
        .filter(|t| t.in_year(appraisal.year) && t.attended.iter().any(|p| cadre.is_person(p)))
        .map(|t| t.id.clone())
        .collect();
    let own: Vec<&Commitment> = commitments.iter().filter(|c| c.appraisal.as_ref() == Some(&appraisal.id)).collect();
    CadreFacts {
        visit_weeks,
        on_time: Counted { ids: sorted_ids(on_time.ids), ..on_time },
        trainings: Counted { count: trained.len() as u32, of: 0, ids: sorted_ids(trained) },
        commitments: Counted {
            count: own.iter().filter(|c| c.met.is_some_and(|m| m <= to)).count() as u32,
            of: own.len() as u32,
            ids: sorted_ids(own.iter().map(|c| c.id.clone()).collect()),
        },
    }
}

/// `cadre_facts` for several cadres at once (`list`: each cadre, its appraisal and the visit
/// rule's days a week): the diaries any of them wrote are picked in one pass and only theirs have
/// their matters replayed from `steps`, not a county's 200,000 walked once per cadre.
pub fn cadres_facts<S: StepOfMatter>(
    list: &[(&Cadre, &Appraisal, u32)],
    diaries: &[Diary],
    steps: &[S],
    trainings: &[Training],
    commitments: &[Commitment],
    today: NaiveDate,
) -> Vec<CadreFacts> {
    let mut writers: Vec<&RecordId> =
        list.iter().flat_map(|(c, _, _)| std::iter::once(&c.id).chain(c.member.as_ref())).collect();
    crate::sort::sort_by(&mut writers, |a, b| a.cmp(b));
    writers.dedup();
    let written = |d: &&Diary| d.writer.as_ref().is_some_and(|w| writers.binary_search(&w).is_ok());
    let theirs: Vec<Diary> = diaries.iter().filter(written).cloned().collect();
    let dates = matter_dates(&theirs, steps);
    list.iter().map(|(c, a, days)| cadre_facts(c, a, &theirs, &dates, trainings, commitments, *days, today)).collect()
}

/// One rater group's part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupScore {
    pub group: String,
    pub label: String,
    pub weight: u32,
    pub sheets: usize,
    /// The highest and the lowest sheet were dropped.
    pub trimmed: bool,
    /// The mean of its (kept) sheets' totals.
    pub mean: Option<Points>,
}

/// A cadre's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppraisalResult {
    /// Every item in tree order (groups with their children's sum), the total, the scheme.
    pub explained: Explained,
    pub groups: Vec<GroupScore>,
    /// Rater groups with no sheet: their weight is shared among the others.
    pub missing_groups: Vec<String>,
    /// Sheets left out because a score is missing or out of its item's range (typed elsewhere).
    pub invalid_sheets: Vec<RecordId>,
    pub grade: Option<String>,
    /// The 效益工资 band; `None`: no bonus.
    pub pay: Option<String>,
}

/// An exact fraction of a point: weighted means of thirds and sixths are carried exactly and
/// rounded once, so a total is the same whichever way its items were grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Exact {
    num: i128,
    den: i128,
}

impl Exact {
    const ZERO: Exact = Exact { num: 0, den: 1 };

    fn new(num: i64, den: i64) -> Exact {
        if den == 0 {
            return Exact::ZERO;
        }
        Exact { num: i128::from(num), den: i128::from(den) }.reduced()
    }

    fn reduced(self) -> Exact {
        let (mut a, mut b) = (self.num.abs(), self.den.abs());
        while b != 0 {
            (a, b) = (b, a % b);
        }
        let g = a.max(1) * self.den.signum();
        Exact { num: self.num / g, den: self.den / g }
    }

    fn add(self, o: Exact) -> Exact {
        Exact { num: self.num * o.den + o.num * self.den, den: self.den * o.den }.reduced()
    }

    fn scale(self, n: i64, d: i64) -> Exact {
        if d == 0 {
            return Exact::ZERO;
        }
        Exact { num: self.num * i128::from(n), den: self.den * i128::from(d) }.reduced()
    }

    /// Rounded half away from zero to a hundredth.
    fn points(self) -> Points {
        let (n, d) = (self.num * 100, self.den);
        let q = (2 * n.abs() + d) / (2 * d);
        Points((if n < 0 { -q } else { q }) as i64)
    }
}

/// A counted item's exact points from the facts, and what it counted.
fn counted_points(item: &Item, facts: &CadreFacts) -> (Exact, Input) {
    let counter = item.counter.unwrap_or(Counter::DiaryVisits);
    let pick = match counter {
        Counter::VisitWeeksMet => Some(&facts.visit_weeks),
        Counter::MattersOnTime => Some(&facts.on_time),
        Counter::CommitmentsMet => Some(&facts.commitments),
        Counter::TrainingsAttended => Some(&facts.trainings),
        _ => None,
    };
    let Some(c) = pick else {
        return (Exact::ZERO, Input::Counted { what: counter.label().into(), ids: vec![] });
    };
    let points = if counter.is_share() {
        // Nothing due is nothing missed (a cadre with no 督办 deadline is not marked down); a
        // year without commitments has none met.
        match (counter, c.of) {
            (Counter::MattersOnTime, 0) => Exact::new(item.points, 1),
            (_, 0) => Exact::ZERO,
            _ => Exact::new(item.points * i64::from(c.count), i64::from(c.of)),
        }
    } else {
        let full = item.cap.unwrap_or(1).max(1);
        Exact::new(item.points * i64::from(c.count).min(full), full)
    };
    (points, Input::Counted { what: format!("{}（{}/{}）", counter.label(), c.count, c.of), ids: c.ids.clone() })
}

/// The result of a cadre's year from its sheets and facts under the scheme. Each item is rounded
/// on its own and the total once, from the exact values: the items shown may differ from the
/// total by a hundredth.
pub fn appraise(scheme: &Scheme, appraisal: &Appraisal, sheets: &[Sheet], facts: &CadreFacts) -> AppraisalResult {
    let rated = rated_items(scheme);
    let mut seen = crate::hash::IdSet::default();
    let mut invalid = Vec::new();
    let valid: Vec<&Sheet> = sheets
        .iter()
        .filter(|s| s.appraisal.as_ref() == Some(&appraisal.id) && seen.insert(s.id.clone()))
        .filter(|s| {
            let ok = rated.iter().all(|i| s.score(&i.id).is_some_and(|n| (0..=i.points).contains(&n)));
            if !ok {
                invalid.push(s.id.clone());
            }
            ok
        })
        .collect();
    let p = &scheme.params;
    let mut groups = Vec::new();
    let mut missing = Vec::new();
    let mut dropped: Vec<RecordId> = Vec::new();
    let mut kept_all: Vec<RecordId> = Vec::new();
    // Per rated item: Σ over groups of weight × the group's mean, exact.
    let mut item_sum: Vec<Exact> = vec![Exact::ZERO; rated.len()];
    let mut weight_sum: i64 = 0;
    for g in &p.groups {
        let mut mine: Vec<&Sheet> = valid.iter().copied().filter(|s| s.group == g.id).collect();
        if mine.is_empty() {
            missing.push(g.id.clone());
            groups.push(GroupScore {
                group: g.id.clone(),
                label: g.label.clone(),
                weight: g.weight,
                sheets: 0,
                trimmed: false,
                mean: None,
            });
            continue;
        }
        let total = |s: &Sheet| rated.iter().map(|i| s.score(&i.id).unwrap_or(0)).sum::<i64>();
        crate::sort::sort_by(&mut mine, |a, b| total(a).cmp(&total(b)).then_with(|| a.id.cmp(&b.id)));
        let n = mine.len();
        let trimmed = p.trim_min_raters >= 3 && n >= p.trim_min_raters as usize;
        if trimmed {
            dropped.push(mine[0].id.clone());
            dropped.push(mine[n - 1].id.clone());
            mine = mine[1..n - 1].to_vec();
        }
        let kept = mine.len() as i64;
        kept_all.extend(mine.iter().map(|s| s.id.clone()));
        for (k, item) in rated.iter().enumerate() {
            let sum: i64 = mine.iter().map(|s| s.score(&item.id).unwrap_or(0)).sum();
            item_sum[k] = item_sum[k].add(Exact::new(sum * i64::from(g.weight), kept));
        }
        weight_sum += i64::from(g.weight);
        let mean = Exact::new(mine.iter().map(|s| total(s)).sum(), kept).points();
        groups.push(GroupScore {
            group: g.id.clone(),
            label: g.label.clone(),
            weight: g.weight,
            sheets: n,
            trimmed,
            mean: Some(mean),
        });
    }
    // Groups without sheets leave their weight to the others.
    let rated_exact: Vec<Exact> = item_sum.iter().map(|e| e.scale(1, weight_sum)).collect();
    let sheets_input = Input::Sheets { ids: sorted_ids(kept_all), dropped: sorted_ids(dropped) };
    let mut items: Vec<ItemScore> = Vec::new();
    let cx = Walk { rated: &rated, rated_exact: &rated_exact, facts, sheets_input: &sheets_input };
    let total = scheme.items.iter().fold(Exact::ZERO, |acc, i| acc.add(cx.walk(i, &mut items))).points();
    AppraisalResult {
        explained: Explained { scheme: scheme.reference(), items, total },
        groups,
        missing_groups: missing,
        invalid_sheets: sorted_ids(invalid),
        grade: band_of(&p.grade_bands, total).map(|b| b.label.clone()),
        pay: band_of(&p.pay_bands, total).map(|b| b.label.clone()),
    }
}

/// Cadres ranked by their results (each with the appraisal it belongs to), highest first.
pub fn cadre_ranking(results: Vec<(&Appraisal, AppraisalResult)>) -> Vec<(usize, (&Appraisal, AppraisalResult))> {
    super::explain::ranked(results, |(a, r)| (r.explained.total, &a.id))
}

/// What the walk over the scheme's tree reads.
struct Walk<'a> {
    rated: &'a [&'a Item],
    rated_exact: &'a [Exact],
    facts: &'a CadreFacts,
    sheets_input: &'a Input,
}

impl Walk<'_> {
    /// Pushes the item (then its children) and returns its exact points.
    fn walk(&self, item: &Item, out: &mut Vec<ItemScore>) -> Exact {
        let at = out.len();
        out.push(ItemScore {
            item: item.id.clone(),
            label: item.label.clone(),
            points: Points::ZERO,
            limited_from: None,
            inputs: vec![],
        });
        let (exact, inputs) = match item.fill {
            Fill::Group => (item.children.iter().fold(Exact::ZERO, |acc, c| acc.add(self.walk(c, out))), vec![]),
            Fill::Ballot => {
                let k = self.rated.iter().position(|r| r.id == item.id);
                (k.map_or(Exact::ZERO, |k| self.rated_exact[k]), vec![self.sheets_input.clone()])
            }
            Fill::Counted => {
                let (p, input) = counted_points(item, self.facts);
                (p, vec![input])
            }
            Fill::Typed => (Exact::ZERO, vec![]),
        };
        out[at].points = exact.points();
        out[at].inputs = inputs;
        exact
    }
}

#[cfg(test)]
mod tests {
    use super::super::scheme::{create_scheme, template, Family};
    use super::*;
    use crate::test_support::{day, rid};

    fn scheme() -> Scheme {
        let Edit::Create { id, kind: k, fields } =
            create_scheme(&template(Family::CadreAppraisal, 2026), rid(90)).unwrap()
        else {
            panic!()
        };
        Scheme::from_record(&Record::unstamped(&id, &k, &fields))
    }

    fn appraisal() -> Appraisal {
        Appraisal {
            id: rid(10),
            cadre: Some(rid(5)),
            year: 2026,
            scheme: Some(rid(90)),
            midterm_date: None,
            midterm: String::new(),
            report: String::new(),
            integrity_report: String::new(),
        }
    }

    /// A sheet of `group` scoring 德 能 勤 绩(评议) 廉 as given.
    fn sheet(n: u8, group: &str, s: [i64; 5]) -> Sheet {
        let ids = ["de", "neng", "qin", "ji_rated", "lian"];
        Sheet {
            id: rid(n),
            appraisal: Some(rid(10)),
            group: group.into(),
            scores: ids.iter().zip(s).map(|(i, n)| (i.to_string(), n)).collect(),
        }
    }

    fn full_facts() -> CadreFacts {
        let c = |count, of| Counted { count, of, ids: vec![] };
        CadreFacts { visit_weeks: c(52, 52), on_time: c(0, 0), trainings: c(3, 0), commitments: c(4, 4) }
    }

    #[test]
    fn a_score_outside_the_item_range_is_refused() {
        let (s, a) = (scheme(), appraisal());
        let typed = |v: [&str; 5]| -> Vec<(String, String)> {
            ["de", "neng", "qin", "ji_rated", "lian"]
                .iter()
                .zip(v)
                .map(|(i, t)| (i.to_string(), t.to_string()))
                .collect()
        };
        let e = create_sheet(&a, &s, "people", &typed(["16", "20", "15", "", "-1"]), rid(50)).unwrap_err();
        let m: Vec<String> = e.iter().map(AppraisalProblem::message).collect();
        assert_eq!(
            m,
            [
                "「德」的评分应为0到15分的整数，录入的是「16」。",
                "「工作实绩评议」未评分。",
                "「廉」的评分应为0到10分的整数，录入的是「-1」。"
            ]
        );
        assert_eq!(
            create_sheet(&a, &s, "neighbours", &typed(["1", "1", "1", "1", "1"]), rid(50)).unwrap_err(),
            vec![AppraisalProblem::GroupUnknown]
        );
        let Edit::Create { fields, .. } =
            create_sheet(&a, &s, "people", &typed(["15", "20", "15", "20", "10"]), rid(50)).unwrap()
        else {
            panic!()
        };
        assert!(
            fields.iter().all(|(f, _)| f == APPRAISAL || f == GROUP || f.starts_with(SCORE_PREFIX)),
            "no rater named"
        );
    }

    #[test]
    fn trimmed_mean_drops_the_highest_and_lowest_sheet_once_a_group_has_enough_raters() {
        let (s, a) = (scheme(), appraisal());
        // 党员和村民代表: 5 raters (the minimum): totals 80, 50, 70, 75, 20 → drop 20 and 80.
        let people = [
            sheet(30, "people", [15, 20, 15, 20, 10]), // 80
            sheet(31, "people", [10, 10, 10, 10, 10]), // 50
            sheet(32, "people", [14, 16, 12, 18, 10]), // 70
            sheet(33, "people", [15, 18, 13, 19, 10]), // 75
            sheet(34, "people", [5, 5, 5, 5, 0]),      // 20
        ];
        // 镇党委: 2 raters, not trimmed: totals 70 and 60.
        let leaders = [sheet(40, "leaders", [14, 16, 12, 18, 10]), sheet(41, "leaders", [12, 14, 10, 16, 8])];
        // 村两委干部: 1 rater, 75.
        let peers = [sheet(42, "peers", [15, 18, 13, 19, 10])];
        let all: Vec<Sheet> = people.iter().chain(&leaders).chain(&peers).cloned().collect();
        let r = appraise(&s, &a, &all, &full_facts());
        let g: Vec<(&str, usize, bool, Option<Points>)> =
            r.groups.iter().map(|g| (g.group.as_str(), g.sheets, g.trimmed, g.mean)).collect();
        // people: (50 + 70 + 75) / 3 = 65.
        assert_eq!(
            g,
            [
                ("leaders", 2, false, Some(Points::whole(65))),
                ("peers", 1, false, Some(Points::whole(75))),
                ("people", 5, true, Some(Points::whole(65)))
            ]
        );
        // Rated: 25% × 65 + 25% × 75 + 50% × 65 = 67.5; counted 绩: all 20 → 87.5 → 称职, 八成.
        assert_eq!(r.explained.total, Points(8750));
        assert_eq!((r.grade.as_deref(), r.pay.as_deref()), (Some("称职"), Some("效益工资八成")));
        let de = r.explained.items.iter().find(|i| i.item == "de").unwrap();
        // 德: 25% × 13 + 25% × 15 + 50% × 13 = 13.5.
        assert_eq!(de.points, Points(1350));
        assert_eq!(
            de.inputs,
            vec![Input::Sheets {
                ids: vec![rid(31), rid(32), rid(33), rid(40), rid(41), rid(42)],
                dropped: vec![rid(30), rid(34)]
            }]
        );
        let ji = r.explained.items.iter().find(|i| i.item == "ji").unwrap();
        let ji_rated = r.explained.items.iter().find(|i| i.item == "ji_rated").unwrap();
        assert_eq!(ji.points, ji_rated.points + Points::whole(20), "绩 = its children");
        // Untrimmed, the same sheets give another mean: the rule is what changed it.
        let mut no_trim = s.clone();
        no_trim.params.trim_min_raters = 6;
        let r2 = appraise(&no_trim, &a, &all, &full_facts());
        assert_eq!(r2.groups[2].mean, Some(Points::whole(59)));
        assert_ne!(r2.explained.total, r.explained.total);
    }

    #[test]
    fn missing_groups_share_their_weight_bad_sheets_are_left_out_and_low_scores_get_no_bonus() {
        let (s, a) = (scheme(), appraisal());
        let mut bad = sheet(31, "people", [15, 20, 15, 20, 10]);
        bad.scores[0].1 = 99;
        let facts = CadreFacts {
            visit_weeks: Counted { count: 26, of: 52, ids: vec![rid(70)] },
            on_time: Counted { count: 1, of: 4, ids: vec![] },
            trainings: Counted { count: 1, of: 0, ids: vec![] },
            commitments: Counted { count: 0, of: 0, ids: vec![] },
        };
        let r = appraise(&s, &a, &[sheet(30, "people", [8, 10, 8, 10, 5]), bad], &facts);
        assert_eq!(r.missing_groups, vec!["leaders".to_string(), "peers".to_string()]);
        assert_eq!(r.invalid_sheets, vec![rid(31)]);
        // Rated 41 (the one group's weight becomes the whole) + 2.5 + 1.25 + 0 + 2.5 = 47.25.
        assert_eq!(r.explained.total, Points(4725));
        assert_eq!((r.grade.as_deref(), r.pay), (Some("不称职"), None));
        let visits = r.explained.items.iter().find(|i| i.item == "ji_visits").unwrap();
        assert_eq!(visits.inputs, vec![Input::Counted { what: "每周走访达标（26/52）".into(), ids: vec![rid(70)] }]);
    }

    #[test]
    fn facts_count_weeks_deadlines_trainings_and_commitments_under_either_id() {
        use crate::diary_step::MatterState;
        let cadre = Cadre { member: Some(rid(6)), ..Cadre::from_record(&Record::unstamped(&rid(5), kind::CADRE, &[])) };
        let a = appraisal();
        let diary = |n: u8, date: &str, writer: u8| Diary {
            id: rid(n),
            date: Some(day(date)),
            writer: Some(rid(writer)),
            village: None,
            households: vec![],
            roles: Default::default(),
            category: None,
            follow_up: false,
            written: crate::clock::Hlc::ZERO,
        };
        // Week of 2026-01-05: three days (under both ids) → met; week of 01-12: one day.
        let diaries = [
            diary(20, "2026-01-05", 5),
            diary(21, "2026-01-06", 6),
            diary(22, "2026-01-07", 5),
            diary(23, "2026-01-12", 5),
            diary(24, "2026-01-13", 9),
        ];
        let mut dates = vec![MatterDates::default(); 5];
        dates[3] = MatterDates {
            state: Some(MatterState::Done),
            deadline: Some(day("2026-01-10")),
            finished: Some(day("2026-01-09")),
            ..MatterDates::default()
        };
        let commitments = [
            Commitment {
                id: rid(40),
                appraisal: Some(rid(10)),
                text: "修路".into(),
                due: None,
                met: Some(day("2026-01-10")),
            },
            Commitment { id: rid(41), appraisal: Some(rid(10)), text: "建园".into(), due: None, met: None },
            Commitment { id: rid(42), appraisal: Some(rid(11)), text: "别人的".into(), due: None, met: None },
        ];
        let f = cadre_facts(&cadre, &a, &diaries, &dates, &[], &commitments, 3, day("2026-01-18"));
        // The year's first week (from Thursday 2026-01-01) counts too: three weeks, one met.
        assert_eq!((f.visit_weeks.count, f.visit_weeks.of), (1, 3));
        assert_eq!(f.visit_weeks.ids, vec![rid(20), rid(21), rid(22), rid(23)]);
        assert_eq!((f.on_time.count, f.on_time.of, f.on_time.ids.clone()), (1, 1, vec![rid(23)]));
        assert_eq!((f.commitments.count, f.commitments.of), (1, 2));

        // Taken up on Monday 2026-01-12: the weeks before are not held against the cadre.
        let newcomer = Cadre { term_start: Some(day("2026-01-12")), ..cadre.clone() };
        let f = cadre_facts(&newcomer, &a, &diaries, &dates, &[], &commitments, 3, day("2026-01-18"));
        assert_eq!((f.visit_weeks.count, f.visit_weeks.of), (0, 1));
        assert_eq!(f.visit_weeks.ids, vec![rid(23)]);
        // Left on 2026-01-09: only the weeks served count.
        let gone = Cadre { ended: Some(day("2026-01-09")), ..cadre.clone() };
        let f = cadre_facts(&gone, &a, &diaries, &dates, &[], &commitments, 3, day("2026-01-18"));
        assert_eq!((f.visit_weeks.count, f.visit_weeks.of), (1, 2));

        // Several at once, from their own diaries only: the same facts as one by one over all.
        let other = Cadre { member: None, ..Cadre::from_record(&Record::unstamped(&rid(9), kind::CADRE, &[])) };
        let steps: [crate::diary_step::StepFacts; 0] = [];
        let all = matter_dates(&diaries, &steps);
        let at_once =
            cadres_facts(&[(&cadre, &a, 3), (&other, &a, 2)], &diaries, &steps, &[], &commitments, day("2026-01-18"));
        let one_by_one = [(&cadre, 3), (&other, 2)]
            .map(|(c, days)| cadre_facts(c, &a, &diaries, &all, &[], &commitments, days, day("2026-01-18")));
        assert_eq!(at_once, one_by_one);
        assert_eq!(at_once[1].visit_weeks.ids, vec![rid(24)]);
    }
}
