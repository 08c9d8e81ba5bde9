//! Organization rating: 先锋工程 五强 / 五个好 on a 100-point scheme (kind `org_rating`: one
//! organization's year, item by item, with a 软弱涣散 mark set by hand), the 软弱涣散 signs the
//! records can tell (书记 post vacant too long, no 发展对象 for years, 公信度 below the bar, last
//! in the rating), and the rectification plan of a flagged organization (kind `rectification`)
//! with the 五个不撤离 conditions of seed 002 checked off with dates.
//!
//! Each condition is a field of its own (`condition:<n>` → the day it was met), so a liaison
//! cadre and the township can tick different conditions and the copies merge without conflict.

use super::credibility::Flag;
use super::explain::{Explained, Input, ItemScore, Points};
use super::scheme::{band_of, Family, Fill, Scheme, SCHEME_FIELD};
use crate::cadre::{Cadre, Post};
use crate::date::{add_years, iso, parse_input, parse_iso, sub_months, DateError};
use crate::development::{Candidate, Step};
use crate::kinds::{KindInfo, Reference};
use crate::org::{is_in_subtree, Org};
use crate::person::clean;
use crate::record::{kind, Record, RecordId};
use crate::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub const ORG: &str = "org";
pub const YEAR: &str = "year";
/// `score:<item id>` → whole points.
pub const SCORE_PREFIX: &str = "score:";
/// 软弱涣散 set by hand, with its reason.
pub const WEAK: &str = "weak";
pub const WEAK_REASON: &str = "weak_reason";
pub const START: &str = "start";
/// The 联系领导 or 包村干部 responsible, as typed.
pub const LEADER: &str = "leader";
/// `condition:<1..=5>` → the day the condition was met.
pub const CONDITION_PREFIX: &str = "condition:";
pub const NOTE: &str = "note";

pub const KIND: KindInfo = KindInfo {
    name: kind::ORG_RATING,
    label: "党组织评定",
    references: &[Reference::to(ORG, kind::ORG).required(), Reference::to(SCHEME_FIELD, kind::SCHEME)],
    other_links: None,
    rank: 2,
    read_at_start: false,
};

pub const RECTIFICATION_KIND: KindInfo = KindInfo {
    name: kind::RECTIFICATION,
    label: "整顿方案",
    references: &[Reference::to(ORG, kind::ORG).required()],
    other_links: None,
    rank: 2,
    read_at_start: false,
};

pub const REASON_MAX_CHARS: usize = 200;

/// 五个不撤离 (seed 002), in its order.
pub const CONDITIONS: [&str; 5] = [
    "村级班子不建强不撤离",
    "重要工作不推进不撤离",
    "难点热点问题不解决不撤离",
    "村级经济发展思路不明确不撤离",
    "群众对班子不满意不撤离",
];

#[derive(Clone, Debug, PartialEq)]
pub struct OrgRating {
    pub id: RecordId,
    pub org: Option<RecordId>,
    pub year: i32,
    pub scheme: Option<RecordId>,
    pub scores: Vec<(String, i64)>,
    pub weak: bool,
    pub weak_reason: String,
}

impl OrgRating {
    pub fn from_record(r: &Record) -> OrgRating {
        let mut scores = Vec::new();
        for (item, value) in r.prefixed(SCORE_PREFIX) {
            if let Some(n) = value.as_i64() {
                scores.push((item.to_string(), n));
            }
        }
        OrgRating {
            id: r.id.clone(),
            org: r.text(ORG).and_then(RecordId::parse),
            year: r.value(YEAR).and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            scheme: r.text(SCHEME_FIELD).and_then(RecordId::parse),
            scores,
            weak: r.value(WEAK).and_then(Value::as_bool).unwrap_or(false),
            weak_reason: r.text(WEAK_REASON).unwrap_or_default().to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RatingProblem {
    OrgMissing,
    WrongScheme,
    ScoreOutOfRange { item: String, max: i64, typed: String },
    WeakReasonMissing,
    ReasonTooLong,
    DateMissing,
    DateInvalid,
    DateInFuture,
    ConditionUnknown,
}

impl RatingProblem {
    pub fn field(&self) -> &'static str {
        match self {
            RatingProblem::OrgMissing => ORG,
            RatingProblem::WrongScheme => SCHEME_FIELD,
            RatingProblem::ScoreOutOfRange { .. } => "scores",
            RatingProblem::WeakReasonMissing | RatingProblem::ReasonTooLong => WEAK_REASON,
            RatingProblem::DateMissing | RatingProblem::DateInvalid | RatingProblem::DateInFuture => START,
            RatingProblem::ConditionUnknown => "conditions",
        }
    }

    pub fn message(&self) -> String {
        match self {
            RatingProblem::OrgMissing => "请选择评定的党组织。".into(),
            RatingProblem::WrongScheme => "所选细则不是党组织评定细则。".into(),
            RatingProblem::ScoreOutOfRange { item, max, typed } => {
                format!("「{item}」的得分应为0到{max}分的整数，录入的是「{typed}」。")
            }
            RatingProblem::WeakReasonMissing => "认定软弱涣散，请写明原因。".into(),
            RatingProblem::ReasonTooLong => format!("原因不能超过{REASON_MAX_CHARS}个字。"),
            RatingProblem::DateMissing => "请填写日期。".into(),
            RatingProblem::DateInvalid => "日期不是有效日期。".into(),
            RatingProblem::DateInFuture => "日期晚于今天。".into(),
            RatingProblem::ConditionUnknown => "没有这一项“不撤离”条件。".into(),
        }
    }
}

/// An organization's rating of the scheme's year, every typed item scored within its range
/// (an item left blank is not written: it scores nothing until typed).
pub fn rate_org(
    org: Option<&RecordId>,
    scheme: &Scheme,
    typed: &[(String, String)],
    id: RecordId,
) -> Result<Edit, Vec<RatingProblem>> {
    let org = org.ok_or_else(|| vec![RatingProblem::OrgMissing])?;
    if scheme.family != Some(Family::OrgRating) {
        return Err(vec![RatingProblem::WrongScheme]);
    }
    let mut fields = vec![
        (ORG.to_string(), json!(org.as_str())),
        (YEAR.to_string(), json!(scheme.year)),
        (SCHEME_FIELD.to_string(), json!(scheme.id.as_str())),
    ];
    let mut out = Vec::new();
    for item in scheme.leaves().into_iter().filter(|i| i.fill == Fill::Typed) {
        let text = typed.iter().find(|(i, _)| i == &item.id).map_or("", |(_, t)| t.trim());
        match text.parse::<i64>() {
            _ if text.is_empty() => {}
            Ok(n) if (0..=item.points).contains(&n) => fields.push((format!("{SCORE_PREFIX}{}", item.id), json!(n))),
            _ => out.push(RatingProblem::ScoreOutOfRange {
                item: item.label.clone(),
                max: item.points,
                typed: text.into(),
            }),
        }
    }
    if !out.is_empty() {
        return Err(out);
    }
    Ok(Edit::Create { id, kind: kind::ORG_RATING.to_string(), fields })
}

/// Marks (or clears) 软弱涣散 by hand, with its reason.
pub fn set_weak(r: &OrgRating, weak: bool, reason: &str) -> Result<Option<Edit>, Vec<RatingProblem>> {
    let reason = if weak { clean(reason) } else { String::new() };
    if weak && reason.is_empty() {
        return Err(vec![RatingProblem::WeakReasonMissing]);
    }
    if reason.chars().count() > REASON_MAX_CHARS {
        return Err(vec![RatingProblem::ReasonTooLong]);
    }
    let mut fields = Vec::new();
    if r.weak != weak {
        fields.push((WEAK.to_string(), json!(weak)));
    }
    if r.weak_reason != reason {
        fields.push((WEAK_REASON.to_string(), if reason.is_empty() { Value::Null } else { json!(reason) }));
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: r.id.clone(), fields }))
}

/// An organization's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgResult {
    pub org: Option<RecordId>,
    pub explained: Explained,
    pub grade: Option<String>,
    /// The scheme's 五强 line reached.
    pub passed: bool,
}

/// A rating's total under its scheme (scores outside an item's range, typed elsewhere, are
/// limited to it).
pub fn score(scheme: &Scheme, rating: &OrgRating) -> OrgResult {
    let mut items = Vec::new();
    for item in scheme.all_items() {
        let leaves: Vec<&super::scheme::Item> = {
            let mut v = Vec::new();
            item.walk(&mut v);
            v.into_iter().filter(|i| i.children.is_empty()).collect()
        };
        let mut raw = 0;
        let mut limited = 0;
        for l in &leaves {
            let typed = rating.scores.iter().find(|(i, _)| *i == l.id).map_or(0, |(_, n)| *n);
            raw += typed;
            limited += typed.clamp(0, l.points.max(0));
        }
        items.push(ItemScore {
            item: item.id.clone(),
            label: item.label.clone(),
            points: Points::whole(limited),
            limited_from: (raw != limited).then(|| Points::whole(raw)),
            inputs: vec![Input::Typed { ids: vec![rating.id.clone()] }],
        });
    }
    let total: Points =
        scheme.items.iter().filter_map(|top| items.iter().find(|i| i.item == top.id)).map(|i| i.points).sum();
    OrgResult {
        org: rating.org.clone(),
        grade: band_of(&scheme.params.grade_bands, total).map(|b| b.label.clone()),
        passed: total >= Points::whole(scheme.params.pass_score),
        explained: Explained { scheme: scheme.reference(), items, total },
    }
}

/// Organizations ranked by their results (a village's rank among villages), highest first.
pub fn org_ranking(results: Vec<(RecordId, OrgResult)>) -> Vec<(usize, (RecordId, OrgResult))> {
    super::explain::ranked(results, |(org, r)| (r.explained.total, org))
}

/// A 软弱涣散 sign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeakSign {
    /// No 书记 in office since this day (or never recorded: `None`).
    SecretaryVacant { since: Option<NaiveDate>, months: u32 },
    /// No 发展对象 chosen in the organization for this many years.
    NoDevelopmentTarget { years: u32 },
    /// The team's 公信度 below the bar.
    LowCredibility(Flag),
    /// Last of `of` organizations rated in the year, below at least one (equal totals are no
    /// one's last).
    LastInRating { total: Points, of: usize },
    /// Set by hand.
    Marked(String),
}

impl WeakSign {
    pub fn message(&self) -> String {
        match self {
            WeakSign::SecretaryVacant { since: Some(d), months } => {
                format!("党组织书记自{}空缺，已超过{months}个月。", iso(*d))
            }
            WeakSign::SecretaryVacant { since: None, .. } => "没有党组织书记的任职记录。".into(),
            WeakSign::NoDevelopmentTarget { years } => format!("{years}年内没有确定发展对象。"),
            WeakSign::LowCredibility(f) => format!("班子公信度低：{}", f.message()),
            WeakSign::LastInRating { total, of } => format!("年度评定得分{}，在{of}个党组织中排名末位。", total.text()),
            WeakSign::Marked(reason) => format!("经认定：{reason}"),
        }
    }
}

/// What the records say of one organization on `today` under the scheme's rules: its 书记
/// holdings, its candidates (its sub-tree's), its team's 公信度 flag, this year's ratings (the
/// last of several is a sign) and its own rating's mark.
#[allow(clippy::too_many_arguments)]
pub fn weak_signs(
    org: &RecordId,
    scheme: &Scheme,
    orgs: &[Org],
    cadres: &[Cadre],
    candidates: &[Candidate],
    credibility: Option<Flag>,
    results: &[OrgResult],
    own: Option<&OrgRating>,
    today: NaiveDate,
) -> Vec<WeakSign> {
    let p = &scheme.params;
    let mut out = Vec::new();
    let secretaries: Vec<&Cadre> =
        cadres.iter().filter(|c| c.org.as_ref() == Some(org) && c.holds(Post::PartySecretary)).collect();
    if !secretaries.iter().any(|c| c.serves_on(today)) {
        let since = secretaries.iter().filter_map(|c| c.until()).filter(|d| *d <= today).max();
        if since.is_none_or(|d| d < sub_months(today, p.weak_vacancy_months)) {
            out.push(WeakSign::SecretaryVacant { since, months: p.weak_vacancy_months });
        }
    }
    let targets = candidates.iter().filter(|c| c.org.as_ref().is_some_and(|o| is_in_subtree(o, org, orgs)));
    let recent = targets
        .filter_map(|c| c.date(Step::TargetChosen))
        .any(|d| d <= today && today <= add_years(d, p.weak_no_target_years));
    if !recent {
        out.push(WeakSign::NoDevelopmentTarget { years: p.weak_no_target_years });
    }
    if let Some(f) = credibility {
        out.push(WeakSign::LowCredibility(f));
    }
    let mine = results.iter().find(|r| r.org.as_ref() == Some(org));
    if let (Some(m), true) = (mine, results.len() >= 2) {
        // Last, and below someone: when every total is equal nobody is last.
        let below = |r: &OrgResult| r.explained.total > m.explained.total;
        if results.iter().all(|r| r.explained.total >= m.explained.total) && results.iter().any(below) {
            out.push(WeakSign::LastInRating { total: m.explained.total, of: results.len() });
        }
    }
    if let Some(r) = own.filter(|r| r.weak) {
        out.push(WeakSign::Marked(r.weak_reason.clone()));
    }
    out
}

/// A rectification plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Rectification {
    pub id: RecordId,
    pub org: Option<RecordId>,
    pub year: i32,
    pub start: Option<NaiveDate>,
    pub leader: String,
    /// Per condition of `CONDITIONS`, the day it was met.
    pub met: [Option<NaiveDate>; 5],
}

impl Rectification {
    pub fn from_record(r: &Record) -> Rectification {
        Rectification {
            id: r.id.clone(),
            org: r.text(ORG).and_then(RecordId::parse),
            year: r.value(YEAR).and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            start: r.text(START).and_then(parse_iso),
            leader: r.text(LEADER).unwrap_or_default().to_string(),
            met: std::array::from_fn(|i| r.text(&format!("{CONDITION_PREFIX}{}", i + 1)).and_then(parse_iso)),
        }
    }

    /// Every condition met: the team may leave (撤离).
    pub fn done(&self) -> bool {
        self.met.iter().all(Option::is_some)
    }

    /// The conditions still open, by label.
    pub fn open(&self) -> Vec<&'static str> {
        CONDITIONS.iter().zip(&self.met).filter(|(_, m)| m.is_none()).map(|(c, _)| *c).collect()
    }
}

fn dated(text: &str, today: NaiveDate) -> Result<NaiveDate, Vec<RatingProblem>> {
    match parse_input(text, Some(today)) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(vec![RatingProblem::DateMissing]),
        Err(DateError::Invalid) => Err(vec![RatingProblem::DateInvalid]),
        Err(DateError::InFuture) => Err(vec![RatingProblem::DateInFuture]),
    }
}

/// A plan for a flagged organization, started on a day, with who answers for it.
pub fn create_plan(
    org: &RecordId,
    year: i32,
    start: &str,
    leader: &str,
    today: NaiveDate,
    id: RecordId,
) -> Result<Edit, Vec<RatingProblem>> {
    let start = dated(start, today)?;
    let mut fields = vec![
        (ORG.to_string(), json!(org.as_str())),
        (YEAR.to_string(), json!(year)),
        (START.to_string(), json!(iso(start))),
    ];
    let leader = clean(leader);
    if !leader.is_empty() {
        fields.push((LEADER.to_string(), json!(leader)));
    }
    Ok(Edit::Create { id, kind: kind::RECTIFICATION.to_string(), fields })
}

/// Checks off condition `n` (1..=5) on a day; an empty date opens it again.
pub fn check_off(
    plan: &Rectification,
    n: usize,
    date: &str,
    today: NaiveDate,
) -> Result<Option<Edit>, Vec<RatingProblem>> {
    if !(1..=CONDITIONS.len()).contains(&n) {
        return Err(vec![RatingProblem::ConditionUnknown]);
    }
    let day = if date.trim().is_empty() { None } else { Some(dated(date, today)?) };
    Ok((plan.met[n - 1] != day).then(|| Edit::Update {
        id: plan.id.clone(),
        fields: vec![(format!("{CONDITION_PREFIX}{n}"), day.map_or(Value::Null, |d| json!(iso(d))))],
    }))
}

#[cfg(test)]
mod tests {
    use super::super::meeting::tests::apply;
    use super::super::scheme::{create_scheme, template};
    use super::*;
    use crate::station::StationId;
    use crate::test_support::{day, rid};

    fn scheme() -> Scheme {
        let Edit::Create { id, kind: k, fields } = create_scheme(&template(Family::OrgRating, 2026), rid(90)).unwrap()
        else {
            panic!()
        };
        Scheme::from_record(&Record::unstamped(&id, &k, &fields))
    }

    fn rating(id: u8, org: u8, scores: [&str; 5]) -> OrgRating {
        let typed: Vec<(String, String)> = (1..=5).map(|i| (format!("s{i}"), scores[i - 1].to_string())).collect();
        let Edit::Create { id, kind: k, fields } = rate_org(Some(&rid(org)), &scheme(), &typed, rid(id)).unwrap()
        else {
            panic!()
        };
        OrgRating::from_record(&Record::unstamped(&id, &k, &fields))
    }

    #[test]
    fn a_100_point_rating_with_its_grade_and_range_checks() {
        let r = score(&scheme(), &rating(10, 2, ["20", "18", "19", "17", "18"]));
        assert_eq!(r.explained.total, Points::whole(92));
        assert_eq!((r.grade.as_deref(), r.passed), (Some("先进"), true));
        assert_eq!(r.explained.items[1].inputs, vec![Input::Typed { ids: vec![rid(10)] }]);
        let e = rate_org(Some(&rid(2)), &scheme(), &[("s1".into(), "21".into())], rid(11)).unwrap_err();
        assert_eq!(e[0].message(), "「强班子」的得分应为0到20分的整数，录入的是「21」。");
        let low = score(&scheme(), &rating(12, 3, ["12", "10", "", "", "9"]));
        assert_eq!((low.explained.total, low.grade.as_deref(), low.passed), (Points::whole(31), Some("后进"), false));
    }

    fn secretary(id: u8, org: u8, start: &str, ended: Option<&str>) -> Cadre {
        Cadre {
            org: Some(rid(org)),
            posts: vec![Post::PartySecretary],
            term_start: Some(day(start)),
            term_end: Some(add_years(day(start), 5)),
            ended: ended.map(day),
            ..Cadre::from_record(&Record::unstamped(&rid(id), kind::CADRE, &[]))
        }
    }

    #[test]
    fn weak_signs_from_the_records() {
        let s = scheme();
        let orgs = vec![crate::test_support::org(2, "山塘村党支部", crate::org::OrgCategory::Branch, None)];
        let today = day("2026-11-01");
        // The 书记 left on 2026-07-15: 3.5 months vacant (> 3).
        let cadres = [secretary(30, 2, "2022-07-01", Some("2026-07-15"))];
        let mut candidate = Candidate::from_record(&Record::unstamped(&rid(40), kind::CANDIDATE, &[]));
        candidate.org = Some(rid(2));
        candidate.steps[Step::TargetChosen as usize - 1].date = Some(day("2024-10-31"));
        let results = [
            score(&s, &rating(10, 2, ["10", "10", "10", "10", "10"])),
            score(&s, &rating(11, 3, ["20", "20", "20", "20", "20"])),
        ];
        let mut own = rating(10, 2, ["10", "10", "10", "10", "10"]);
        own.weak = true;
        own.weak_reason = "班子不团结".into();
        let low = Flag::LowSatisfaction { permille: 550, bar: 600 };
        let signs = weak_signs(
            &rid(2),
            &s,
            &orgs,
            &cadres,
            std::slice::from_ref(&candidate),
            Some(low),
            &results,
            Some(&own),
            today,
        );
        let m: Vec<String> = signs.iter().map(WeakSign::message).collect();
        assert_eq!(
            m,
            [
                "党组织书记自2026-07-15空缺，已超过3个月。",
                "2年内没有确定发展对象。",
                "班子公信度低：满意和基本满意合计55.0%，低于60.0%，列入甄别。",
                "年度评定得分50，在2个党组织中排名末位。",
                "经认定：班子不团结",
            ]
        );
        // Vacant since 08-02 (under 3 months), a 发展对象 chosen a day later: neither sign.
        let cadres = [secretary(30, 2, "2022-07-01", Some("2026-08-02"))];
        candidate.steps[Step::TargetChosen as usize - 1].date = Some(day("2024-11-01"));
        let ranks: Vec<(usize, RecordId)> =
            org_ranking(results.iter().map(|r| (r.org.clone().unwrap(), r.clone())).collect())
                .into_iter()
                .map(|(n, (o, _))| (n, o))
                .collect();
        assert_eq!(ranks, [(1, rid(3)), (2, rid(2))]);
        let signs =
            weak_signs(&rid(2), &s, &orgs, &cadres, std::slice::from_ref(&candidate), None, &results[..1], None, today);
        assert!(signs.is_empty(), "{signs:?}");
        // Two organizations with equal totals: neither is last (two full marks are no sign).
        let equal = [
            score(&s, &rating(10, 2, ["20", "20", "20", "20", "20"])),
            score(&s, &rating(11, 3, ["20", "20", "20", "20", "20"])),
        ];
        let signs = weak_signs(&rid(2), &s, &orgs, &cadres, &[candidate], None, &equal, None, today);
        assert!(signs.is_empty(), "{signs:?}");
        let serving = [secretary(31, 2, "2026-08-01", None)];
        assert!(weak_signs(&rid(2), &s, &orgs, &serving, &[], None, &[], None, today)
            .iter()
            .all(|w| !matches!(w, WeakSign::SecretaryVacant { .. })));
    }

    #[test]
    fn five_conditions_checked_off_at_two_stations_merge() {
        let today = day("2026-11-01");
        assert_eq!(create_plan(&rid(2), 2026, "", "", today, rid(50)).unwrap_err(), vec![RatingProblem::DateMissing]);
        let edit = create_plan(&rid(2), 2026, "2026-03-01", "包村干部王强", today, rid(50)).unwrap();
        let mut r = Record::new(rid(50), kind::RECTIFICATION, StationId::from_random([1; 8]));
        apply(&mut r, &edit, 1);
        let plan = Rectification::from_record(&r);
        assert_eq!(plan.open().len(), 5);
        let (mut a, mut b) = (r.clone(), r.clone());
        apply(&mut a, &check_off(&plan, 1, "2026-06-01", today).unwrap().unwrap(), 1);
        for n in 2..=5 {
            apply(&mut b, &check_off(&plan, n, "2026-10-01", today).unwrap().unwrap(), 2);
        }
        let merged = Rectification::from_record(&a.merge(&b));
        assert!(merged.done());
        assert_eq!(merged.met[0], Some(day("2026-06-01")));
        assert_eq!(check_off(&merged, 6, "2026-10-01", today).unwrap_err(), vec![RatingProblem::ConditionUnknown]);
        assert_eq!(check_off(&merged, 2, "2026-11-02", today).unwrap_err(), vec![RatingProblem::DateInFuture]);
        assert_eq!(check_off(&merged, 1, "2026-06-01", today), Ok(None));
    }
}
