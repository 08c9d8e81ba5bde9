//! Schemes (积分细则, 考核办法) as versioned rule sets (kind `scheme`): what a family of scores
//! scores (member points, 民主评议, cadre appraisal, 公信度, organization rating), for which year,
//! a tree of items (points or weight, cap, floor, how each is filled), and the family's own
//! parameters (star thresholds, the 优秀 quota, rater groups and their weights, bands, bars).
//!
//! Every number is a template default a station may change (DOMAIN.md §4): the templates here
//! are where they come from, and code reads them only through a `Scheme`. A version is locked
//! once anything scored under it exists (`uses`): editing it then makes a new version record
//! (`save_scheme`), so results already computed keep naming the rules they were computed by.
//!
//! Items and parameters are stored as one JSON value each: a rule set is edited and checked as a
//! whole, not extended entry by entry at two stations, so a concurrent edit is a conflict for the
//! clerk to choose from, never a half-merged set of weights.

use crate::kinds::{KindInfo, Reference};
use crate::person::clean;
use crate::record::{kind, Record, RecordId};
use crate::replica::Edit;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::explain::SchemeRef;

pub const FAMILY: &str = "family";
pub const NAME: &str = "name";
pub const YEAR: &str = "year";
pub const VERSION: &str = "version";
/// The organization that set the scheme (normally the township committee): it carries the scheme
/// in that organization's exports.
pub const ORG: &str = "org";
/// The version this one replaced (not a `Reference`: records of one rank never name each other in
/// an export's scope, and every version of a lineage travels with its organization anyway).
pub const PREVIOUS: &str = "previous";
pub const ITEMS: &str = "items";
pub const PARAMS: &str = "params";
/// The field through which scored records name the scheme version they were made under.
pub const SCHEME_FIELD: &str = "scheme";

pub const KIND: KindInfo = KindInfo {
    name: kind::SCHEME,
    label: "考核细则",
    references: &[Reference::to(ORG, kind::ORG)],
    other_links: None,
    rank: 1,
    read_at_start: false,
};

pub const NAME_MAX_CHARS: usize = 60;
pub const LABEL_MAX_CHARS: usize = 40;

/// What a scheme scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    MemberPoints,
    MemberReview,
    CadreAppraisal,
    Credibility,
    OrgRating,
}

impl Family {
    pub const ALL: [Family; 5] =
        [Family::MemberPoints, Family::MemberReview, Family::CadreAppraisal, Family::Credibility, Family::OrgRating];

    /// Stored in records.
    pub fn label(self) -> &'static str {
        match self {
            Family::MemberPoints => "党员积分",
            Family::MemberReview => "民主评议党员",
            Family::CadreAppraisal => "干部考核",
            Family::Credibility => "公信度调查",
            Family::OrgRating => "党组织评定",
        }
    }

    pub fn from_label(text: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.label() == text)
    }

    /// Whether a new version scores the whole year again. 党员积分 is a running year total: its
    /// ledger is computed under the year's version in force (each typed entry still names the
    /// version it was typed under). The others score each review, appraisal, survey or rating
    /// under the version its record names, so what was scored under an old version stays.
    pub fn rescores_year(self) -> bool {
        matches!(self, Family::MemberPoints)
    }

    /// Families whose item points add up to 100 (weights of a 100-point scheme).
    fn scored_on_100(self) -> bool {
        matches!(self, Family::CadreAppraisal | Family::OrgRating)
    }
}

/// How an item gets its points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fill {
    /// Typed by a person: a points entry, a rating's item, a rater's score.
    Typed,
    /// Counted from the station's records.
    Counted,
    /// Read from ballots or anonymous score sheets.
    Ballot,
    /// The sum of its children.
    Group,
}

impl Fill {
    pub fn label(self) -> &'static str {
        match self {
            Fill::Typed => "录入",
            Fill::Counted => "按记录统计",
            Fill::Ballot => "票决评分",
            Fill::Group => "分项合计",
        }
    }
}

/// The closed list of what can be counted from records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counter {
    /// 三会一课 and 主题党日 attended (出席).
    MeetingsAttended,
    /// Meetings missed without leave (缺席).
    MeetingsAbsent,
    TrainingsAttended,
    /// 民情日记 entries written.
    DiaryVisits,
    /// Distinct households visited in the year's diaries.
    HouseholdsServed,
    /// ISO weeks with at least the scheme's visit days (the ≥ 3 a week rule), as a share.
    VisitWeeksMet,
    /// 督办 deadlines met, as a share of those due.
    MattersOnTime,
    /// 五个必到 households of the cadre's village visited, as a share.
    MustVisitCoverage,
    /// 履职承诺 met, as a share.
    CommitmentsMet,
}

impl Counter {
    pub const ALL: [Counter; 9] = [
        Counter::MeetingsAttended,
        Counter::MeetingsAbsent,
        Counter::TrainingsAttended,
        Counter::DiaryVisits,
        Counter::HouseholdsServed,
        Counter::VisitWeeksMet,
        Counter::MattersOnTime,
        Counter::MustVisitCoverage,
        Counter::CommitmentsMet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Counter::MeetingsAttended => "参加组织生活",
            Counter::MeetingsAbsent => "无故缺席组织生活",
            Counter::TrainingsAttended => "参加培训",
            Counter::DiaryVisits => "民情日记走访",
            Counter::HouseholdsServed => "走访服务农户",
            Counter::VisitWeeksMet => "每周走访达标",
            Counter::MattersOnTime => "督办事项按时办结",
            Counter::MustVisitCoverage => "五个必到覆盖",
            Counter::CommitmentsMet => "履职承诺兑现",
        }
    }

    /// Counters that give a share (0..=1000 ‰) rather than a count: the item's points are its
    /// maximum, reached at 100%.
    pub fn is_share(self) -> bool {
        matches!(
            self,
            Counter::VisitWeeksMet | Counter::MattersOnTime | Counter::MustVisitCoverage | Counter::CommitmentsMet
        )
    }
}

/// One item of a scheme's tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable within a scheme's versions (entries and sheets name it).
    pub id: String,
    pub label: String,
    /// For member points: points per count, or for a typed item the largest entry (negative for
    /// 扣分). For 100-point schemes: the item's maximum (its weight).
    pub points: i64,
    /// The most the item may add up to in a year (member points). In a 100-point scheme, for an
    /// item counting records (not a share): the count that earns the item's full points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<i64>,
    /// The least the item may add up to (a deduction's limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<i64>,
    pub fill: Fill,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter: Option<Counter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Item>,
}

impl Item {
    fn leaf(id: &str, label: &str, points: i64, fill: Fill) -> Item {
        Item {
            id: id.into(),
            label: label.into(),
            points,
            cap: None,
            floor: None,
            fill,
            counter: None,
            children: vec![],
        }
    }

    fn counted(id: &str, label: &str, points: i64, counter: Counter) -> Item {
        Item { counter: Some(counter), ..Item::leaf(id, label, points, Fill::Counted) }
    }

    fn group(id: &str, label: &str, points: i64, children: Vec<Item>) -> Item {
        Item { children, ..Item::leaf(id, label, points, Fill::Group) }
    }

    fn limits(self, floor: Option<i64>, cap: Option<i64>) -> Item {
        Item { floor, cap, ..self }
    }

    /// This item and every item under it, parents first.
    pub fn walk<'a>(&'a self, out: &mut Vec<&'a Item>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }
}

/// Which members the 优秀 quota is a share of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaBase {
    /// 党员总数: every current member of the branch, 预备党员 included (the seeds' wording).
    #[default]
    AllMembers,
    /// 正式党员 only.
    FullMembers,
}

impl QuotaBase {
    pub fn label(self) -> &'static str {
        match self {
            QuotaBase::AllMembers => "党员总数",
            QuotaBase::FullMembers => "正式党员数",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 不超过: the quota never exceeds the share.
    #[default]
    Down,
    HalfUp,
    Up,
}

impl Rounding {
    pub fn label(self) -> &'static str {
        match self {
            Rounding::Down => "向下取整",
            Rounding::HalfUp => "四舍五入",
            Rounding::Up => "向上取整",
        }
    }

    /// `count × permille / 1000`, rounded this way.
    pub fn apply(self, count: usize, permille: u32) -> usize {
        let n = count as u64 * u64::from(permille);
        (match self {
            Rounding::Down => n / 1000,
            Rounding::HalfUp => (n + 500) / 1000,
            Rounding::Up => n.div_ceil(1000),
        }) as usize
    }
}

/// A rater group (镇党委, 党员, 村民代表…) and its weight in percent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaterGroup {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub weight: u32,
}

/// A band of scores: from `min` points up (to the next band's `min`), with its label (a grade,
/// a star count, a pay level).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub min: i64,
    pub label: String,
}

/// The family's own parameters; each family reads its part (the rest stays at its default).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Params {
    // 党员积分
    /// 基础分.
    pub base: i64,
    /// The year total never goes below this.
    pub total_floor: Option<i64>,
    /// Points for 2, 3, 4 and 5 stars (below the first: 1 star), increasing.
    pub star_thresholds: Vec<i64>,
    // 民主评议
    /// 优秀's share of the base, in ‰.
    pub quota_permille: u32,
    pub quota_base: QuotaBase,
    pub rounding: Rounding,
    // 干部考核 and 公信度
    pub groups: Vec<RaterGroup>,
    /// A group's trimmed mean (highest and lowest dropped) once it has this many raters.
    pub trim_min_raters: u32,
    /// Grades by score, highest band first (优秀, 称职, 基本称职, 不称职).
    pub grade_bands: Vec<Band>,
    /// 效益工资 levels by score, highest first; a score below every band gets none.
    pub pay_bands: Vec<Band>,
    /// Days in villages a week that count a week as met (the ≥ 3 a week rule).
    pub visit_days_per_week: u32,
    /// 公信度: flagged when 满意 + 基本满意 is below this share (‰)…
    pub min_satisfied_permille: u32,
    /// …or 不满意 above this share (‰).
    pub max_dissatisfied_permille: u32,
    // 党组织评定
    /// 五强 reached at this total.
    pub pass_score: i64,
    /// 软弱涣散: 书记 post vacant longer than this.
    pub weak_vacancy_months: u32,
    /// 软弱涣散: no 发展对象 chosen in this many years.
    pub weak_no_target_years: u32,
}

/// A scheme as the app reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scheme {
    pub id: RecordId,
    pub family: Option<Family>,
    pub name: String,
    pub year: i32,
    pub version: u32,
    pub org: Option<RecordId>,
    pub previous: Option<RecordId>,
    pub items: Vec<Item>,
    pub params: Params,
    /// The items or parameters could not be read (a newer version's form): shown, never scored.
    pub unreadable: bool,
}

impl Scheme {
    pub fn from_record(r: &Record) -> Scheme {
        let items = r.value(ITEMS).map(|v| serde_json::from_value::<Vec<Item>>(v.clone()));
        let params = r.value(PARAMS).map(|v| serde_json::from_value::<Params>(v.clone()));
        let unreadable = matches!(items, Some(Err(_))) || matches!(params, Some(Err(_)));
        Scheme {
            id: r.id.clone(),
            family: r.text(FAMILY).and_then(Family::from_label),
            name: r.text(NAME).unwrap_or_default().to_string(),
            year: r.value(YEAR).and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            version: r.value(VERSION).and_then(Value::as_u64).and_then(|v| u32::try_from(v).ok()).unwrap_or(1),
            org: r.text(ORG).and_then(RecordId::parse),
            previous: r.text(PREVIOUS).and_then(RecordId::parse),
            items: items.and_then(Result::ok).unwrap_or_default(),
            params: params.and_then(Result::ok).unwrap_or_default(),
            unreadable,
        }
    }

    pub fn reference(&self) -> SchemeRef {
        SchemeRef { id: self.id.clone(), version: self.version }
    }

    /// Every item, parents first.
    pub fn all_items(&self) -> Vec<&Item> {
        let mut out = Vec::new();
        for i in &self.items {
            i.walk(&mut out);
        }
        out
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.all_items().into_iter().find(|i| i.id == id)
    }

    /// The items without children, in tree order: what is scored.
    pub fn leaves(&self) -> Vec<&Item> {
        self.all_items().into_iter().filter(|i| i.children.is_empty()).collect()
    }

    pub fn draft(&self) -> SchemeDraft {
        SchemeDraft {
            family: self.family,
            name: self.name.clone(),
            year: self.year.to_string(),
            org: self.org.clone(),
            items: self.items.clone(),
            params: self.params.clone(),
        }
    }

    /// Stars (1..=5) for a year total: one more for each threshold reached.
    pub fn stars(&self, total: super::explain::Points) -> u8 {
        1 + self.params.star_thresholds.iter().filter(|t| total >= super::explain::Points::whole(**t)).count() as u8
    }
}

/// The band a score falls in (bands highest first); `None` below every band.
pub fn band_of(bands: &[Band], score: super::explain::Points) -> Option<&Band> {
    bands.iter().find(|b| score >= super::explain::Points::whole(b.min))
}

/// The scheme of `family` and `year` in force: the highest version, set by `org` when given
/// (else any); ties by id, so every station picks the same.
pub fn current<'a>(schemes: &'a [Scheme], family: Family, year: i32, org: Option<&RecordId>) -> Option<&'a Scheme> {
    schemes
        .iter()
        .filter(|s| s.family == Some(family) && s.year == year && !s.unreadable)
        .filter(|s| org.is_none_or(|o| s.org.as_ref() == Some(o)))
        .max_by(|a, b| a.version.cmp(&b.version).then_with(|| a.id.cmp(&b.id)))
}

/// A scheme as typed (or started from a template).
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeDraft {
    pub family: Option<Family>,
    pub name: String,
    pub year: String,
    pub org: Option<RecordId>,
    pub items: Vec<Item>,
    pub params: Params,
}

/// What is wrong with a scheme, and where: `item` names the item (by label) when it is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeProblem {
    FamilyMissing,
    NameEmpty,
    NameTooLong,
    YearInvalid,
    NoItems,
    ItemIdEmpty,
    ItemIdRepeated(String),
    ItemLabelEmpty(String),
    CapBelowFloor {
        item: String,
        cap: i64,
        floor: i64,
    },
    CounterMissing(String),
    GroupWithoutChildren(String),
    ChildrenDoNotAddUp {
        item: String,
        points: i64,
        children: i64,
    },
    WeightsNot100 {
        sum: i64,
    },
    GroupWeightsNot100 {
        sum: i64,
    },
    NoRaterGroups,
    ThresholdsNotIncreasing,
    BandsNotDecreasing,
    QuotaInvalid,
    TrimTooFew,
    BarInvalid,
    ShareCounterInPoints(String),
    /// Scored records exist for this version: saving makes a new version instead.
    Locked {
        uses: usize,
    },
}

impl SchemeProblem {
    /// The input the problem belongs to: `items`, `params`, or a field of the form.
    pub fn field(&self) -> &'static str {
        use SchemeProblem::*;
        match self {
            FamilyMissing => FAMILY,
            NameEmpty | NameTooLong => NAME,
            YearInvalid => YEAR,
            NoItems
            | ItemIdEmpty
            | ItemIdRepeated(_)
            | ItemLabelEmpty(_)
            | CapBelowFloor { .. }
            | CounterMissing(_)
            | GroupWithoutChildren(_)
            | ChildrenDoNotAddUp { .. }
            | WeightsNot100 { .. }
            | ShareCounterInPoints(_) => ITEMS,
            Locked { .. } => VERSION,
            _ => PARAMS,
        }
    }

    pub fn message(&self) -> String {
        use SchemeProblem::*;
        match self {
            FamilyMissing => "请选择考核类别。".into(),
            NameEmpty => "请填写细则名称。".into(),
            NameTooLong => format!("细则名称不能超过{NAME_MAX_CHARS}个字。"),
            YearInvalid => "年度应为四位数字，如 2026。".into(),
            NoItems => "细则至少要有一个评分项目。".into(),
            ItemIdEmpty => "有评分项目缺少编号。".into(),
            ItemIdRepeated(id) => format!("项目编号「{id}」重复，每个项目的编号须不同。"),
            ItemLabelEmpty(id) => format!("项目「{id}」缺少名称。"),
            CapBelowFloor { item, cap, floor } => format!("「{item}」的上限（{cap}分）低于下限（{floor}分）。"),
            CounterMissing(item) => format!("「{item}」按记录统计，请选择统计哪类记录。"),
            GroupWithoutChildren(item) => format!("「{item}」是分项合计，但没有下级项目。"),
            ChildrenDoNotAddUp { item, points, children } => {
                format!("「{item}」为{points}分，其下级项目合计{children}分，两者应相等。")
            }
            WeightsNot100 { sum } => format!("各项分值（权重）合计为{sum}分，应为100分。"),
            GroupWeightsNot100 { sum } => format!("各评议主体的权重合计为{sum}%，应为100%。"),
            NoRaterGroups => "请至少设置一个评议主体（如镇党委、党员、村民代表）。".into(),
            ThresholdsNotIncreasing => "星级分数线须逐级提高（二星低于三星，依此类推）。".into(),
            BandsNotDecreasing => "等次（档次）分数线须从高到低排列，且各不相同。".into(),
            QuotaInvalid => "优秀比例应在 0.1% 到 100% 之间。".into(),
            TrimTooFew => "去掉最高分和最低分至少需要 3 名评议人。".into(),
            BarInvalid => "公信度的比例线应在 0% 到 100% 之间。".into(),
            ShareCounterInPoints(item) => format!("「{item}」统计的是比例，只能用于百分制考核。"),
            Locked { uses } => {
                format!("本版细则已有{uses}条评分记录使用，不能直接修改；保存将生成新版本，已有结果仍按原版本计算。")
            }
        }
    }
}

fn check_items(family: Family, items: &[Item], out: &mut Vec<SchemeProblem>) {
    let mut all = Vec::new();
    for i in items {
        i.walk(&mut all);
    }
    let mut seen: Vec<&str> = Vec::new();
    for i in &all {
        let name = if i.label.trim().is_empty() { i.id.clone() } else { i.label.clone() };
        if i.id.trim().is_empty() {
            out.push(SchemeProblem::ItemIdEmpty);
        } else if seen.contains(&i.id.as_str()) {
            out.push(SchemeProblem::ItemIdRepeated(i.id.clone()));
        } else {
            seen.push(&i.id);
        }
        if i.label.trim().is_empty() {
            out.push(SchemeProblem::ItemLabelEmpty(i.id.clone()));
        }
        if let (Some(cap), Some(floor)) = (i.cap, i.floor) {
            if cap < floor {
                out.push(SchemeProblem::CapBelowFloor { item: name.clone(), cap, floor });
            }
        }
        match i.fill {
            Fill::Counted if i.counter.is_none() => out.push(SchemeProblem::CounterMissing(name.clone())),
            Fill::Counted if family == Family::MemberPoints && i.counter.is_some_and(Counter::is_share) => {
                out.push(SchemeProblem::ShareCounterInPoints(name.clone()))
            }
            Fill::Group if i.children.is_empty() => out.push(SchemeProblem::GroupWithoutChildren(name.clone())),
            Fill::Group if family.scored_on_100() => {
                let children: i64 = i.children.iter().map(|c| c.points).sum();
                if children != i.points {
                    out.push(SchemeProblem::ChildrenDoNotAddUp { item: name.clone(), points: i.points, children });
                }
            }
            _ => {}
        }
    }
    if family.scored_on_100() {
        let sum: i64 = items.iter().map(|i| i.points).sum();
        if sum != 100 {
            out.push(SchemeProblem::WeightsNot100 { sum });
        }
    }
}

fn increasing(values: impl Iterator<Item = i64>) -> bool {
    let v: Vec<i64> = values.collect();
    v.windows(2).all(|w| w[0] < w[1])
}

fn check_params(family: Family, p: &Params, out: &mut Vec<SchemeProblem>) {
    let bands_ok = |bands: &[Band]| increasing(bands.iter().rev().map(|b| b.min));
    match family {
        Family::MemberPoints => {
            if !increasing(p.star_thresholds.iter().copied()) || p.star_thresholds.len() > 4 {
                out.push(SchemeProblem::ThresholdsNotIncreasing);
            }
        }
        Family::MemberReview => {
            if p.quota_permille == 0 || p.quota_permille > 1000 {
                out.push(SchemeProblem::QuotaInvalid);
            }
        }
        Family::CadreAppraisal => {
            if p.groups.is_empty() {
                out.push(SchemeProblem::NoRaterGroups);
            } else {
                let sum: i64 = p.groups.iter().map(|g| i64::from(g.weight)).sum();
                if sum != 100 {
                    out.push(SchemeProblem::GroupWeightsNot100 { sum });
                }
            }
            if p.trim_min_raters < 3 {
                out.push(SchemeProblem::TrimTooFew);
            }
            if !bands_ok(&p.grade_bands) || !bands_ok(&p.pay_bands) {
                out.push(SchemeProblem::BandsNotDecreasing);
            }
        }
        Family::Credibility => {
            if p.groups.is_empty() {
                out.push(SchemeProblem::NoRaterGroups);
            }
            if p.min_satisfied_permille > 1000 || p.max_dissatisfied_permille > 1000 {
                out.push(SchemeProblem::BarInvalid);
            }
        }
        Family::OrgRating => {
            if !bands_ok(&p.grade_bands) {
                out.push(SchemeProblem::BandsNotDecreasing);
            }
        }
    }
}

/// Checks a draft: every problem, so the form can show them all at once.
pub fn check_scheme(draft: &SchemeDraft) -> Result<(Family, String, i32), Vec<SchemeProblem>> {
    let mut out = Vec::new();
    let name = clean(&draft.name);
    if name.is_empty() {
        out.push(SchemeProblem::NameEmpty);
    } else if name.chars().count() > NAME_MAX_CHARS {
        out.push(SchemeProblem::NameTooLong);
    }
    let year = draft.year.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        out.push(SchemeProblem::YearInvalid);
    }
    match draft.family {
        None => out.push(SchemeProblem::FamilyMissing),
        Some(f) => {
            if draft.items.is_empty() && f != Family::MemberReview {
                out.push(SchemeProblem::NoItems);
            }
            check_items(f, &draft.items, &mut out);
            check_params(f, &draft.params, &mut out);
        }
    }
    match (draft.family, year) {
        (Some(f), Some(y)) if out.is_empty() => Ok((f, name, y)),
        _ => Err(out),
    }
}

fn fields_of(draft: &SchemeDraft, family: Family, name: String, year: i32) -> Vec<(String, Value)> {
    let mut fields = vec![
        (FAMILY.to_string(), json!(family.label())),
        (NAME.to_string(), json!(name)),
        (YEAR.to_string(), json!(year)),
        (ITEMS.to_string(), serde_json::to_value(&draft.items).unwrap_or(Value::Null)),
        (PARAMS.to_string(), serde_json::to_value(&draft.params).unwrap_or(Value::Null)),
    ];
    if let Some(o) = &draft.org {
        fields.push((ORG.to_string(), json!(o.as_str())));
    }
    fields
}

/// A new scheme (version 1).
pub fn create_scheme(draft: &SchemeDraft, id: RecordId) -> Result<Edit, Vec<SchemeProblem>> {
    let (family, name, year) = check_scheme(draft)?;
    let mut fields = fields_of(draft, family, name, year);
    fields.push((VERSION.to_string(), json!(1)));
    Ok(Edit::Create { id, kind: kind::SCHEME.to_string(), fields })
}

/// How many live records were scored under `scheme` (they name it in their `scheme` field):
/// a version with any is locked.
pub fn uses<'a>(scheme: &RecordId, records: impl IntoIterator<Item = &'a Record>) -> usize {
    records
        .into_iter()
        .filter(|r| r.kind != kind::SCHEME && !r.is_deleted() && r.text(SCHEME_FIELD) == Some(scheme.as_str()))
        .count()
}

/// What saving an edited scheme does.
#[derive(Clone, Debug, PartialEq)]
pub enum SchemeSave {
    /// Nothing was scored under it yet: the version itself changes.
    InPlace(Edit),
    /// It is locked: a new version record (version + 1, naming the one it replaces).
    NewVersion(Edit),
    Unchanged,
}

/// Edits a scheme in place; refused once it is locked (`uses` > 0) with the number of uses.
pub fn update_scheme(old: &Scheme, draft: &SchemeDraft, uses: usize) -> Result<Option<Edit>, Vec<SchemeProblem>> {
    let (family, name, year) = check_scheme(draft)?;
    let new = fields_of(draft, family, name, year);
    let old_fields = fields_of(&old.draft(), old.family.unwrap_or(family), old.name.clone(), old.year);
    let mut changed: Vec<(String, Value)> = new.into_iter().filter(|f| !old_fields.contains(f)).collect();
    if old.org.is_some() && draft.org.is_none() {
        changed.push((ORG.to_string(), Value::Null));
    }
    if changed.is_empty() {
        return Ok(None);
    }
    if uses > 0 {
        return Err(vec![SchemeProblem::Locked { uses }]);
    }
    Ok(Some(Edit::Update { id: old.id.clone(), fields: changed }))
}

/// Saves an edited scheme: in place while unused, else as a new version (`new_id`).
pub fn save_scheme(
    old: &Scheme,
    draft: &SchemeDraft,
    uses: usize,
    new_id: RecordId,
) -> Result<SchemeSave, Vec<SchemeProblem>> {
    match update_scheme(old, draft, uses) {
        Ok(None) => Ok(SchemeSave::Unchanged),
        Ok(Some(edit)) => Ok(SchemeSave::InPlace(edit)),
        Err(p) if matches!(p[..], [SchemeProblem::Locked { .. }]) => {
            Ok(SchemeSave::NewVersion(new_version(old, draft, new_id)?))
        }
        Err(p) => Err(p),
    }
}

/// The record of the next version of `old`, with the draft's rules.
pub fn new_version(old: &Scheme, draft: &SchemeDraft, id: RecordId) -> Result<Edit, Vec<SchemeProblem>> {
    let (family, name, year) = check_scheme(draft)?;
    let mut fields = fields_of(draft, family, name, year);
    fields.push((VERSION.to_string(), json!(old.version + 1)));
    fields.push((PREVIOUS.to_string(), json!(old.id.as_str())));
    Ok(Edit::Create { id, kind: kind::SCHEME.to_string(), fields })
}

/// The built-in template of a family for a year: where a station starts. Sources: DOMAIN.md §4
/// (base 60, 1 point per 三会一课, floor 0, stars 1–5; 德15 能20 勤15 绩40 廉10; rater groups
/// 25/25/50; below 60 no 效益工资; 公信度 60% / 50%; 软弱涣散 3 months, 2 years), seed 001 (优秀 ≤
/// 20% of 党员总数; 公信度 rater groups), seed 004 (五强). Numbers not in those sources are
/// marked "common practice" below and are the first a station is expected to change.
pub fn template(family: Family, year: i32) -> SchemeDraft {
    let band = |min: i64, label: &str| Band { min, label: label.into() };
    let group = |id: &str, label: &str, weight: u32| RaterGroup { id: id.into(), label: label.into(), weight };
    let (name, items, params) = match family {
        Family::MemberPoints => (
            "党员积分管理细则",
            vec![
                // DOMAIN §4: 1 point per 三会一课 attended.
                Item::counted("attend", "参加三会一课和主题党日", 1, Counter::MeetingsAttended),
                // Common practice: 2 off per absence without leave, at most 20 a year.
                Item::counted("absent", "无故缺席组织生活", -2, Counter::MeetingsAbsent).limits(Some(-20), None),
                // Common practice: 2 per training, at most 10.
                Item::counted("training", "参加培训", 2, Counter::TrainingsAttended).limits(None, Some(10)),
                // Common practice: 1 per household served, at most 10.
                Item::counted("serve", "联系服务群众", 1, Counter::HouseholdsServed).limits(None, Some(10)),
                Item::leaf("bonus", "其他加分", 5, Fill::Typed).limits(None, Some(20)),
                Item::leaf("deduct", "其他扣分", -10, Fill::Typed).limits(Some(-40), None),
            ],
            Params {
                base: 60,
                total_floor: Some(0),
                // Common practice: 2 stars from 60, then every 10.
                star_thresholds: vec![60, 70, 80, 90],
                ..Params::default()
            },
        ),
        Family::MemberReview => (
            "民主评议党员办法",
            vec![],
            Params {
                quota_permille: 200,
                quota_base: QuotaBase::AllMembers,
                rounding: Rounding::Down,
                ..Params::default()
            },
        ),
        Family::CadreAppraisal => (
            "村干部德能勤绩廉考核办法",
            vec![
                Item::leaf("de", "德", 15, Fill::Ballot),
                Item::leaf("neng", "能", 20, Fill::Ballot),
                Item::leaf("qin", "勤", 15, Fill::Ballot),
                // 绩 partly counted from records (issue 12, point 5); the split is common practice.
                Item::group(
                    "ji",
                    "绩",
                    40,
                    vec![
                        Item::leaf("ji_rated", "工作实绩评议", 20, Fill::Ballot),
                        Item::counted("ji_visits", "每周走访达标", 5, Counter::VisitWeeksMet),
                        Item::counted("ji_on_time", "督办事项按时办结", 5, Counter::MattersOnTime),
                        Item::counted("ji_commitments", "履职承诺兑现", 5, Counter::CommitmentsMet),
                        // Full marks at 2 trainings: "每年不少于2次培训" (training.rs).
                        Item::counted("ji_training", "参加培训", 5, Counter::TrainingsAttended).limits(None, Some(2)),
                    ],
                ),
                Item::leaf("lian", "廉", 10, Fill::Ballot),
            ],
            Params {
                groups: vec![
                    group("leaders", "镇党委", 25),
                    group("peers", "村两委干部", 25),
                    group("people", "党员和村民代表", 50),
                ],
                // Common practice: trim once a group has 5 raters.
                trim_min_raters: 5,
                grade_bands: vec![band(90, "优秀"), band(75, "称职"), band(60, "基本称职"), band(0, "不称职")],
                pay_bands: vec![band(90, "全额效益工资"), band(75, "效益工资八成"), band(60, "效益工资六成")],
                visit_days_per_week: 3,
                ..Params::default()
            },
        ),
        Family::Credibility => (
            "村两委班子公信度调查",
            vec![
                Item::leaf("overall", "总体评价", 0, Fill::Ballot),
                Item::leaf("integrity", "廉洁自律", 0, Fill::Ballot),
                Item::leaf("service", "为民办事", 0, Fill::Ballot),
            ],
            Params {
                groups: vec![
                    group("cadres", "基层干部", 0),
                    group("party_deputies", "党代表", 0),
                    group("npc_deputies", "人大代表", 0),
                    group("cppcc", "政协委员", 0),
                    group("people", "群众", 0),
                ],
                min_satisfied_permille: 600,
                max_dissatisfied_permille: 500,
                ..Params::default()
            },
        ),
        Family::OrgRating => (
            "先锋工程“五强”党组织评定",
            // Seed 004: the 五强; 20 points each is common practice.
            ["强班子", "强队伍", "强服务", "强实力", "强制度"]
                .iter()
                .enumerate()
                .map(|(n, l)| Item::leaf(&format!("s{}", n + 1), l, 20, Fill::Typed))
                .collect(),
            Params {
                pass_score: 90,
                grade_bands: vec![band(90, "先进"), band(75, "良好"), band(60, "一般"), band(0, "后进")],
                weak_vacancy_months: 3,
                weak_no_target_years: 2,
                min_satisfied_permille: 600,
                max_dissatisfied_permille: 500,
                ..Params::default()
            },
        ),
    };
    SchemeDraft { family: Some(family), name: name.into(), year: year.to_string(), org: None, items, params }
}

/// The other organization-rating template: a township committee's 五个好 (DOMAIN.md §3), 20
/// points each (common practice), with the 五强 template's parameters.
pub fn five_good_template(year: i32) -> SchemeDraft {
    let items = ["领导班子好", "党员干部队伍好", "工作机制好", "小康建设业绩好", "农民群众反映好"]
        .iter()
        .enumerate()
        .map(|(n, l)| Item::leaf(&format!("g{}", n + 1), l, 20, Fill::Typed))
        .collect();
    SchemeDraft { name: "乡镇党委“五个好”评定".into(), items, ..template(Family::OrgRating, year) }
}

/// The kinds whose records name the scheme version they were scored under (their `scheme`
/// field): what `uses` must be given to tell whether a version is locked.
pub const SCORED_KINDS: &[&str] = &[kind::POINTS_ENTRY, kind::REVIEW, kind::APPRAISAL, kind::SURVEY, kind::ORG_RATING];

/// How many live records name each of `schemes` (as `uses`, in one pass over the records).
pub fn use_counts<'a>(schemes: &[RecordId], records: impl IntoIterator<Item = &'a Record>) -> Vec<usize> {
    let mut counts = vec![0; schemes.len()];
    for r in records {
        if r.kind == kind::SCHEME || r.is_deleted() {
            continue;
        }
        if let Some(n) = r.text(SCHEME_FIELD).and_then(|id| schemes.iter().position(|s| s.as_str() == id)) {
            counts[n] += 1;
        }
    }
    counts
}

/// A parameter of `Params`, as the scheme page offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    Base,
    TotalFloor,
    StarThresholds,
    QuotaPermille,
    QuotaBase,
    Rounding,
    /// The rater groups' names.
    Groups,
    /// Their weights (only where a result weighs the groups).
    GroupWeights,
    TrimMinRaters,
    GradeBands,
    PayBands,
    VisitDaysPerWeek,
    MinSatisfied,
    MaxDissatisfied,
    PassScore,
    WeakVacancyMonths,
    WeakNoTargetYears,
}

impl Family {
    /// The key of the family in a page's address.
    pub fn key(self) -> &'static str {
        match self {
            Family::MemberPoints => "member_points",
            Family::MemberReview => "member_review",
            Family::CadreAppraisal => "cadre_appraisal",
            Family::Credibility => "credibility",
            Family::OrgRating => "org_rating",
        }
    }

    pub fn from_key(key: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The parameters the family's scoring reads (the rest of `Params` stays as it is): only
    /// these are worth offering for editing.
    pub fn params_read(self) -> &'static [Param] {
        use Param::*;
        match self {
            Family::MemberPoints => &[Base, TotalFloor, StarThresholds],
            Family::MemberReview => &[QuotaPermille, QuotaBase, Rounding],
            Family::CadreAppraisal => &[Groups, GroupWeights, TrimMinRaters, GradeBands, PayBands, VisitDaysPerWeek],
            // The groups are counted apart but not weighed.
            Family::Credibility => &[Groups, MinSatisfied, MaxDissatisfied],
            // Its 公信度 sign comes from the 公信度 scheme's bars, not from these.
            Family::OrgRating => &[PassScore, GradeBands, WeakVacancyMonths, WeakNoTargetYears],
        }
    }

    /// Whether the family is scored from items at all (民主评议 grades by ballot, item-free).
    pub fn has_items(self) -> bool {
        self != Family::MemberReview
    }

    /// Whether an item's points mean anything (公信度's questions are answered, not scored).
    pub fn items_have_points(self) -> bool {
        self != Family::Credibility
    }

    /// Whether items have a cap: a year's limit in member points, the count that earns full
    /// marks in a cadre's counted item.
    pub fn items_have_cap(self) -> bool {
        matches!(self, Family::MemberPoints | Family::CadreAppraisal)
    }

    /// Whether items have a floor (a deduction's limit in a year's member points).
    pub fn items_have_floor(self) -> bool {
        self == Family::MemberPoints
    }

    /// How the family's items may be filled; the first is a new item's.
    pub fn fills(self) -> &'static [Fill] {
        match self {
            Family::MemberPoints => &[Fill::Typed, Fill::Counted, Fill::Group],
            Family::MemberReview => &[],
            Family::CadreAppraisal => &[Fill::Ballot, Fill::Counted, Fill::Typed, Fill::Group],
            Family::Credibility => &[Fill::Ballot],
            Family::OrgRating => &[Fill::Typed, Fill::Group],
        }
    }

    /// What the family's counted items may count (member points count, never share).
    pub fn counters(self) -> Vec<Counter> {
        match self {
            Family::MemberPoints => Counter::ALL.into_iter().filter(|c| !c.is_share()).collect(),
            Family::CadreAppraisal => Counter::ALL.to_vec(),
            _ => vec![],
        }
    }
}

/// An item of a tree by its place: its index among its siblings at each level down.
pub fn item_at<'a>(items: &'a [Item], path: &[usize]) -> Option<&'a Item> {
    let (first, rest) = path.split_first()?;
    let item = items.get(*first)?;
    if rest.is_empty() {
        Some(item)
    } else {
        item_at(&item.children, rest)
    }
}

pub fn item_at_mut<'a>(items: &'a mut [Item], path: &[usize]) -> Option<&'a mut Item> {
    let (first, rest) = path.split_first()?;
    let item = items.get_mut(*first)?;
    if rest.is_empty() {
        Some(item)
    } else {
        item_at_mut(&mut item.children, rest)
    }
}

/// The list holding the item at `path` (the top level, or its parent's children).
fn siblings_mut<'a>(items: &'a mut Vec<Item>, path: &[usize]) -> Option<&'a mut Vec<Item>> {
    match path.split_last()? {
        (_, []) => Some(items),
        (_, parent) => item_at_mut(items, parent).map(|p| &mut p.children),
    }
}

/// Every item with its place, parents first (the rows of the tree's table).
pub fn item_places(items: &[Item]) -> Vec<Vec<usize>> {
    fn walk(items: &[Item], at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        for (n, i) in items.iter().enumerate() {
            at.push(n);
            out.push(at.clone());
            walk(&i.children, at, out);
            at.pop();
        }
    }
    let mut out = Vec::new();
    walk(items, &mut Vec::new(), &mut out);
    out
}

/// An item id no item of the tree has (ids stay stable across versions, so a new one is new).
pub fn fresh_item_id(items: &[Item]) -> String {
    let mut all = Vec::new();
    for i in items {
        i.walk(&mut all);
    }
    (1..).map(|n| format!("item{n}")).find(|id| all.iter().all(|i| &i.id != id)).unwrap_or_default()
}

/// A new, unnamed item of the family's first fill.
pub fn new_item(family: Family, items: &[Item]) -> Item {
    Item::leaf(&fresh_item_id(items), "", 0, family.fills().first().copied().unwrap_or(Fill::Typed))
}

/// Adds `item` as the last child of the item at `path`, which becomes a group of its children.
/// Returns the new item's place.
pub fn add_child(items: &mut [Item], path: &[usize], item: Item) -> Option<Vec<usize>> {
    let parent = item_at_mut(items, path)?;
    parent.fill = Fill::Group;
    parent.counter = None;
    parent.children.push(item);
    let mut at = path.to_vec();
    at.push(parent.children.len() - 1);
    Some(at)
}

/// Adds `item` just after the item at `path` (at the end of the top level when `path` is
/// empty). Returns the new item's place.
pub fn add_sibling(items: &mut Vec<Item>, path: &[usize], item: Item) -> Option<Vec<usize>> {
    if path.is_empty() {
        items.push(item);
        return Some(vec![items.len() - 1]);
    }
    let list = siblings_mut(items, path)?;
    let n = *path.last()? + 1;
    list.insert(n.min(list.len()), item);
    let mut at = path.to_vec();
    *at.last_mut()? = n;
    Some(at)
}

/// Removes the item at `path` with everything under it; a group left without children is
/// filled as the family's new items are.
pub fn remove_item(family: Family, items: &mut Vec<Item>, path: &[usize]) -> Option<Item> {
    let n = *path.last()?;
    let list = siblings_mut(items, path)?;
    if n >= list.len() {
        return None;
    }
    let removed = list.remove(n);
    if let Some(parent) = path.split_last().and_then(|(_, p)| item_at_mut(items, p)) {
        if parent.children.is_empty() {
            parent.fill = family.fills().first().copied().unwrap_or(Fill::Typed);
        }
    }
    Some(removed)
}

/// Moves the item at `path` one place up or down among its siblings; returns its new place,
/// or `None` when it is already first (last).
pub fn move_item(items: &mut Vec<Item>, path: &[usize], up: bool) -> Option<Vec<usize>> {
    let n = *path.last()?;
    let list = siblings_mut(items, path)?;
    let to = if up { n.checked_sub(1)? } else { n + 1 };
    if to >= list.len() || n >= list.len() {
        return None;
    }
    list.swap(n, to);
    let mut at = path.to_vec();
    *at.last_mut()? = to;
    Some(at)
}

/// Sets how an item is filled: only counted items keep what they count.
pub fn set_fill(item: &mut Item, fill: Fill) {
    item.fill = fill;
    if fill != Fill::Counted {
        item.counter = None;
    }
}

/// Sets the threshold of the `n`th star above one (0: 二星) or clears it. The thresholds are a
/// list, so only the highest may be cleared: clearing one below another would move the higher
/// ones down a star. False (nothing changed) for that, or for a star past the next one.
pub fn set_star_threshold(params: &mut Params, n: usize, value: Option<i64>) -> bool {
    let list = &mut params.star_thresholds;
    match value {
        Some(v) if n < list.len() => list[n] = v,
        Some(v) if n == list.len() && n < 4 => list.push(v),
        None if n + 1 == list.len() => {
            list.pop();
        }
        None if n >= list.len() => {}
        _ => return false,
    }
    true
}

/// A whole number as typed in a scheme's cell: `Some(None)` when blank, `None` when it is not a
/// whole number.
pub fn parse_whole(text: &str) -> Option<Option<i64>> {
    let t = text.trim().trim_start_matches('+');
    if t.is_empty() {
        return Some(None);
    }
    t.parse::<i64>().ok().map(Some)
}

/// A share typed in percent (at most one decimal, 0–100, a trailing % allowed) in ‰.
pub fn parse_percent(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches(['%', '％']).trim();
    let (whole, tenth) = match t.split_once('.') {
        Some((w, f)) if f.len() == 1 => (w, f),
        Some(_) => return None,
        None => (t, "0"),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(tenth) || whole.len() > 3 {
        return None;
    }
    let p = whole.parse::<u32>().ok()? * 10 + tenth.parse::<u32>().ok()?;
    (p <= 1000).then_some(p)
}

/// A share in ‰ as typed in percent: 20, 12.5.
pub fn percent_typed(permille: u32) -> String {
    if permille.is_multiple_of(10) {
        (permille / 10).to_string()
    } else {
        format!("{}.{}", permille / 10, permille % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::rid;

    fn scheme_of(edit: &Edit) -> Scheme {
        let Edit::Create { id, kind: k, fields } = edit else { panic!("{edit:?}") };
        Scheme::from_record(&Record::unstamped(id, k, fields))
    }

    #[test]
    fn every_template_passes_its_own_checks_and_reads_back() {
        for f in Family::ALL {
            let draft = template(f, 2026);
            let edit = create_scheme(&draft, rid(1)).unwrap_or_else(|p| panic!("{f:?}: {p:?}"));
            let s = scheme_of(&edit);
            assert_eq!((s.family, s.year, s.version, s.unreadable), (Some(f), 2026, 1, false));
            assert_eq!(s.draft().items, draft.items);
            assert_eq!(s.params, draft.params);
        }
        assert!(create_scheme(&five_good_template(2026), rid(1)).is_ok());
        let points = scheme_of(&create_scheme(&template(Family::MemberPoints, 2026), rid(1)).unwrap());
        assert_eq!(points.params.base, 60);
        assert_eq!(points.stars(super::super::explain::Points::whole(59)), 1);
        assert_eq!(points.stars(super::super::explain::Points::whole(60)), 2);
        assert_eq!(points.stars(super::super::explain::Points::whole(95)), 5);
        let a = template(Family::CadreAppraisal, 2026);
        let weights: Vec<(&str, i64)> = a.items.iter().map(|i| (i.label.as_str(), i.points)).collect();
        assert_eq!(weights, [("德", 15), ("能", 20), ("勤", 15), ("绩", 40), ("廉", 10)]);
    }

    #[test]
    fn weights_that_do_not_add_up_and_caps_below_floors_are_refused_in_chinese() {
        let mut d = template(Family::CadreAppraisal, 2026);
        d.items[0].points = 20; // 德 20: the items now add up to 105
        d.items[3].children[0].points = 15; // 绩's children now 35 of 40
        d.params.groups[2].weight = 40;
        let problems = check_scheme(&d).unwrap_err();
        let messages: Vec<String> = problems.iter().map(SchemeProblem::message).collect();
        assert!(messages.contains(&"各项分值（权重）合计为105分，应为100分。".to_string()), "{messages:?}");
        assert!(messages.contains(&"「绩」为40分，其下级项目合计35分，两者应相等。".to_string()), "{messages:?}");
        assert!(messages.contains(&"各评议主体的权重合计为90%，应为100%。".to_string()), "{messages:?}");
        let mut p = template(Family::MemberPoints, 2026);
        p.items[1].cap = Some(-30); // 扣分: cap −30 below floor −20
        p.params.star_thresholds = vec![60, 80, 70, 90];
        let problems = check_scheme(&p).unwrap_err();
        assert!(problems.contains(&SchemeProblem::CapBelowFloor {
            item: "无故缺席组织生活".into(),
            cap: -30,
            floor: -20
        }));
        assert!(problems.contains(&SchemeProblem::ThresholdsNotIncreasing));
        assert!(problems.iter().all(|p| p.field() == ITEMS || p.field() == PARAMS));
        let mut r = template(Family::MemberReview, 2026);
        r.params.quota_permille = 0;
        assert_eq!(check_scheme(&r).unwrap_err(), vec![SchemeProblem::QuotaInvalid]);
        assert!(create_scheme(&SchemeDraft { year: "26".into(), ..template(Family::OrgRating, 2026) }, rid(1)).is_err());
    }

    #[test]
    fn a_locked_scheme_saves_as_a_new_version_naming_the_old_one() {
        let draft = template(Family::MemberPoints, 2026);
        let v1 = scheme_of(&create_scheme(&draft, rid(1)).unwrap());
        let mut edited = v1.draft();
        edited.items[0].points = 2;
        // Unused: changed in place, only the items written.
        let Ok(SchemeSave::InPlace(Edit::Update { id, fields })) = save_scheme(&v1, &edited, 0, rid(2)) else {
            panic!()
        };
        assert_eq!(id, rid(1));
        assert_eq!(fields.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), [ITEMS]);
        // A points entry names it: now locked.
        let entry = Record::unstamped(&rid(9), kind::POINTS_ENTRY, &[(SCHEME_FIELD.into(), json!(rid(1).as_str()))]);
        let deleted = {
            let mut r =
                Record::unstamped(&rid(8), kind::POINTS_ENTRY, &[(SCHEME_FIELD.into(), json!(rid(1).as_str()))]);
            r.delete(crate::clock::Hlc::new(5, 0), &crate::station::StationId::from_random([1; 8]));
            r
        };
        let n = uses(&rid(1), [&entry, &deleted]);
        assert_eq!(n, 1, "a deleted entry does not lock");
        let refused = update_scheme(&v1, &edited, n).unwrap_err();
        assert_eq!(refused, vec![SchemeProblem::Locked { uses: 1 }]);
        assert!(refused[0].message().contains("已有1条评分记录"));
        let Ok(SchemeSave::NewVersion(edit)) = save_scheme(&v1, &edited, n, rid(2)) else { panic!() };
        let v2 = scheme_of(&edit);
        assert_eq!((v2.id.clone(), v2.version, v2.previous.clone()), (rid(2), 2, Some(rid(1))));
        assert_eq!(v2.items[0].points, 2);
        assert_eq!(save_scheme(&v1, &v1.draft(), n, rid(3)), Ok(SchemeSave::Unchanged));
        // The version in force is the newest.
        let all = [v1.clone(), v2.clone()];
        assert_eq!(current(&all, Family::MemberPoints, 2026, None).map(|s| s.version), Some(2));
        assert_eq!(current(&all, Family::MemberPoints, 2025, None), None);
        assert_eq!(v2.reference(), SchemeRef { id: rid(2), version: 2 });
    }

    #[test]
    fn the_scored_kinds_are_those_that_name_a_scheme() {
        let named: Vec<&str> = crate::kinds::KINDS
            .iter()
            .filter(|k| k.references.iter().any(|r| r.field == SCHEME_FIELD && r.to == Some(kind::SCHEME)))
            .map(|k| k.name)
            .collect();
        let mut listed = SCORED_KINDS.to_vec();
        listed.sort_unstable();
        let mut named = named;
        named.sort_unstable();
        assert_eq!(listed, named);
        let entry = |n: u8, s: u8| {
            Record::unstamped(&rid(n), kind::POINTS_ENTRY, &[(SCHEME_FIELD.into(), json!(rid(s).as_str()))])
        };
        let (a, b, c) = (entry(10, 1), entry(11, 1), entry(12, 2));
        assert_eq!(use_counts(&[rid(1), rid(2), rid(3)], [&a, &b, &c]), [2, 1, 0]);
        assert_eq!(use_counts(&[rid(1)], [&a, &b]), [uses(&rid(1), [&a, &b])]);
    }

    #[test]
    fn each_family_offers_the_params_its_scoring_reads() {
        assert_eq!(Family::MemberPoints.params_read(), [Param::Base, Param::TotalFloor, Param::StarThresholds]);
        assert!(Family::CadreAppraisal.params_read().contains(&Param::GroupWeights));
        assert!(!Family::Credibility.params_read().contains(&Param::GroupWeights));
        assert!(!Family::MemberReview.has_items());
        assert!(Family::CadreAppraisal.items_have_cap() && !Family::CadreAppraisal.items_have_floor());
        assert!(Family::MemberPoints.counters().iter().all(|c| !c.is_share()));
        for f in Family::ALL {
            assert_eq!(Family::from_key(f.key()), Some(f));
            // Every template item is filled in a way its family offers.
            for i in template(f, 2026).items.iter().flat_map(|i| {
                let mut all = Vec::new();
                i.walk(&mut all);
                all.into_iter().cloned().collect::<Vec<_>>()
            }) {
                assert!(f.fills().contains(&i.fill), "{f:?} {}", i.id);
                assert!(i.counter.is_none_or(|c| f.counters().contains(&c)), "{f:?} {}", i.id);
            }
        }
    }

    #[test]
    fn the_tree_is_edited_by_place() {
        let f = Family::CadreAppraisal;
        let mut items = template(f, 2026).items;
        let labels = |items: &[Item]| -> Vec<String> {
            item_places(items).iter().map(|p| item_at(items, p).unwrap().label.clone()).collect()
        };
        assert_eq!(labels(&items)[..6], ["德", "能", "勤", "绩", "工作实绩评议", "每周走访达标"]);
        // A child under 能 makes it a group of that child.
        let child = new_item(f, &items);
        assert_eq!((child.id.as_str(), child.fill, child.label.as_str()), ("item1", Fill::Ballot, ""));
        let at = add_child(&mut items, &[1], child).unwrap();
        assert_eq!(at, [1, 0]);
        assert_eq!(items[1].fill, Fill::Group);
        assert_eq!(fresh_item_id(&items), "item2");
        // A sibling after 绩's second child; moves within its siblings only.
        let item = new_item(f, &items);
        let at = add_sibling(&mut items, &[3, 1], item).unwrap();
        assert_eq!(at, [3, 2]);
        assert_eq!(items[3].children[2].id, "item2");
        assert_eq!(move_item(&mut items, &[3, 2], true), Some(vec![3, 1]));
        assert_eq!(items[3].children[1].id, "item2");
        assert_eq!(move_item(&mut items, &[0], true), None);
        assert_eq!(move_item(&mut items, &[4], false), None);
        assert_eq!(move_item(&mut items, &[0], false), Some(vec![1]));
        assert_eq!(items[1].label, "德");
        // Removing 能's only child leaves 能 a ballot item again; removing 绩 takes its children.
        assert_eq!(remove_item(f, &mut items, &[0, 0]).map(|i| i.id), Some("item1".into()));
        assert_eq!((items[0].fill, items[0].children.len()), (Fill::Ballot, 0));
        assert_eq!(remove_item(f, &mut items, &[3]).map(|i| i.children.len()), Some(6));
        assert_eq!(remove_item(f, &mut items, &[9]), None);
        let item = new_item(f, &items);
        assert_eq!(add_sibling(&mut items, &[], item), Some(vec![4]));
        let mut counted = Item::counted("c", "c", 1, Counter::DiaryVisits);
        set_fill(&mut counted, Fill::Typed);
        assert_eq!(counted.counter, None);
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(parse_whole(" -20 "), Some(Some(-20)));
        assert_eq!(parse_whole("+5"), Some(Some(5)));
        assert_eq!(parse_whole(""), Some(None));
        assert_eq!(parse_whole("2.5"), None);
        assert_eq!(parse_whole("五"), None);
        assert_eq!(parse_percent("20"), Some(200));
        assert_eq!(parse_percent("12.5%"), Some(125));
        assert_eq!(parse_percent("100"), Some(1000));
        for bad in ["", "100.1", "1.25", "-5", "abc", ".5"] {
            assert_eq!(parse_percent(bad), None, "{bad}");
        }
        assert_eq!((percent_typed(200), percent_typed(125)), ("20".to_string(), "12.5".to_string()));
    }

    #[test]
    fn star_thresholds_are_cleared_from_the_top() {
        let mut p = template(Family::MemberPoints, 2026).params;
        assert!(!set_star_threshold(&mut p, 1, None), "三星 cleared under 四星");
        assert!(set_star_threshold(&mut p, 3, None));
        assert!(set_star_threshold(&mut p, 1, Some(75)));
        assert_eq!(p.star_thresholds, [60, 75, 80]);
        assert!(set_star_threshold(&mut p, 3, None), "already blank");
        assert!(!set_star_threshold(&mut p, 4, Some(99)), "no sixth star");
        assert!(set_star_threshold(&mut p, 3, Some(95)));
        assert_eq!(p.star_thresholds, [60, 75, 80, 95]);
        p.star_thresholds = vec![60];
        assert!(!set_star_threshold(&mut p, 2, Some(80)), "四星 before 三星");
    }

    #[test]
    fn quota_rounding() {
        assert_eq!(Rounding::Down.apply(23, 200), 4);
        assert_eq!(Rounding::HalfUp.apply(23, 200), 5);
        assert_eq!(Rounding::Up.apply(21, 200), 5);
        assert_eq!(Rounding::Up.apply(20, 200), 4);
        assert_eq!(Rounding::HalfUp.apply(3, 333), 1);
    }
}
