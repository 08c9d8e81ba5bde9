//! 民情户: the register of households a village's cadres visit (kind `household`). A household
//! belongs to one village (an organization, so 撤并 moves it like a member); its 户主 is named
//! with an optional identity number checked as on the member form; it carries categories (the
//! 五个必到 five and others) and may name the member record of a party member in the household,
//! so that 老党员 is read from the roster rather than typed twice.
//!
//! Field keys are stored in records and exchange files and never change once released. Closed
//! lists (categories, closing reasons) are stored as their Chinese text, as spreadsheets carry it.

use super::date::{iso, parse_iso, parse_user_date};
use super::id_number::{parse_id_number, IdNumberError};
use super::kinds::{KindInfo, Reference};
use super::member::{self, Member};
use super::member_form::normalize_phone;
use super::org::{Org, OrgCategory};
use super::person::clean;
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// The village (its organization's record id).
pub const VILLAGE: &str = "village";
/// 户主's name.
pub const HEAD: &str = "head";
/// 户主's 公民身份号码 (the member record's key, so one search reads both).
pub const ID_NUMBER: &str = member::ID_NUMBER;
pub const PHONE: &str = member::PHONE;
/// 村民小组 (as written: "3组", "山塘组").
pub const GROUP: &str = "group";
pub const ADDRESS: &str = member::ADDRESS;
/// 家庭人口: a whole number.
pub const PEOPLE: &str = "people";
/// The categories, an array of `Category` labels.
pub const CATEGORIES: &str = "categories";
/// A free label the register adds (五保户, 退役军人…).
pub const LABEL: &str = "label";
/// The member record of the 户主 or of a party member in the household.
pub const MEMBER: &str = "member";
pub const NOTE: &str = "note";
/// The date the household left the register; absent while it is on it.
pub const CLOSED: &str = "closed";
/// Why it left: a `ClosedReason` label.
pub const CLOSED_REASON: &str = "closed_reason";

pub const KIND: KindInfo = KindInfo {
    name: kind::HOUSEHOLD,
    label: "民情户",
    references: &[Reference::to(VILLAGE, kind::ORG).required().place_in_tree(), Reference::to(MEMBER, kind::MEMBER)],
    other_links: None,
    rank: 2,
    // Only the diary pages need them (12,000 in a county).
    read_at_start: false,
};

pub const HEAD_MAX_CHARS: usize = 30;
pub const GROUP_MAX_CHARS: usize = 30;
pub const ADDRESS_MAX_CHARS: usize = 100;
pub const LABEL_MAX_CHARS: usize = 20;
pub const NOTE_MAX_CHARS: usize = 500;
/// More people than this in one household is a typing error (a village's population in the
/// wrong column).
pub const PEOPLE_MAX: u32 = 50;

/// A household's category. The first five are the 五个必到 that leaders must visit on each round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// 种养大户
    LargeFarm,
    /// 贫困户
    Poor,
    /// 老党员
    OldMember,
    /// 人大代表
    Deputy,
    /// 村企业家
    Entrepreneur,
    /// 低保户
    Subsistence,
    /// 残疾人家庭
    Disabled,
    /// 留守/空巢老人
    LeftBehindElderly,
    /// 其他
    Other,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::LargeFarm,
        Category::Poor,
        Category::OldMember,
        Category::Deputy,
        Category::Entrepreneur,
        Category::Subsistence,
        Category::Disabled,
        Category::LeftBehindElderly,
        Category::Other,
    ];

    /// 五个必到, in the seeds' order.
    pub const MUST_VISIT: [Category; 5] =
        [Category::LargeFarm, Category::Poor, Category::OldMember, Category::Deputy, Category::Entrepreneur];

    /// Stored in records; also what registers and spreadsheets write.
    pub fn label(self) -> &'static str {
        match self {
            Category::LargeFarm => "种养大户",
            Category::Poor => "贫困户",
            Category::OldMember => "老党员",
            Category::Deputy => "人大代表",
            Category::Entrepreneur => "村企业家",
            Category::Subsistence => "低保户",
            Category::Disabled => "残疾人家庭",
            Category::LeftBehindElderly => "留守/空巢老人",
            Category::Other => "其他",
        }
    }

    pub fn from_label(text: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.label() == text)
    }

    /// One of the 五个必到.
    pub fn is_must_visit(self) -> bool {
        Category::MUST_VISIT.contains(&self)
    }
}

/// Why a household left the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClosedReason {
    /// 迁出: moved away.
    MovedOut,
    /// 户销: the household ceased (the last member died, merged into another household).
    Dissolved,
}

impl ClosedReason {
    pub const ALL: [ClosedReason; 2] = [ClosedReason::MovedOut, ClosedReason::Dissolved];

    pub fn label(self) -> &'static str {
        match self {
            ClosedReason::MovedOut => "迁出",
            ClosedReason::Dissolved => "户销",
        }
    }

    pub fn from_label(text: &str) -> Option<ClosedReason> {
        ClosedReason::ALL.into_iter().find(|c| c.label() == text)
    }
}

/// A household as lists read it from its record. Texts are empty when the record lacks them.
#[derive(Clone, Debug, PartialEq)]
pub struct Household {
    pub id: RecordId,
    pub village: Option<RecordId>,
    pub head: String,
    pub id_number: String,
    pub phone: String,
    pub group: String,
    pub address: String,
    pub people: Option<u32>,
    /// In `Category::ALL` order, each once; labels this version does not know are left out.
    pub categories: Vec<Category>,
    pub label: String,
    pub member: Option<RecordId>,
    pub note: String,
    pub closed: Option<NaiveDate>,
    pub closed_reason: Option<ClosedReason>,
}

impl Household {
    pub fn from_record(r: &Record) -> Household {
        let text = |f: &str| r.text(f).unwrap_or_default().to_string();
        Household {
            id: r.id.clone(),
            village: r.text(VILLAGE).and_then(RecordId::parse),
            head: text(HEAD),
            id_number: text(ID_NUMBER),
            phone: text(PHONE),
            group: text(GROUP),
            address: text(ADDRESS),
            people: r.value(PEOPLE).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()),
            categories: categories_of(r.value(CATEGORIES)),
            label: text(LABEL),
            member: r.text(MEMBER).and_then(RecordId::parse),
            note: text(NOTE),
            closed: r.text(CLOSED).and_then(parse_iso),
            closed_reason: r.text(CLOSED_REASON).and_then(ClosedReason::from_label),
        }
    }

    /// The household a creating edit would make (a household added on the spot during a visit,
    /// so the diary's check can see it before either is saved).
    pub fn from_edit(edit: &Edit) -> Option<Household> {
        let Edit::Create { id, kind: k, fields } = edit else { return None };
        (k == kind::HOUSEHOLD).then(|| Household::from_record(&Record::unstamped(id, k, fields)))
    }

    /// Still on the register (not 迁出 or 户销).
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    /// Whether the household was on the register on `day` (a visit before it moved away counts).
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.closed.is_none_or(|c| day < c)
    }

    pub fn has(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }
}

fn categories_of(value: Option<&Value>) -> Vec<Category> {
    let listed: Vec<Category> = value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().and_then(Category::from_label))
        .collect();
    Category::ALL.into_iter().filter(|c| listed.contains(c)).collect()
}

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HouseholdDraft {
    pub village: Option<RecordId>,
    pub head: String,
    pub id_number: String,
    pub phone: String,
    pub group: String,
    pub address: String,
    /// 家庭人口 as typed; empty when not known.
    pub people: String,
    pub categories: Vec<Category>,
    pub label: String,
    pub member: Option<RecordId>,
    pub note: String,
}

impl HouseholdDraft {
    /// The form filled from a stored household, for editing.
    pub fn from_household(h: &Household) -> HouseholdDraft {
        HouseholdDraft {
            village: h.village.clone(),
            head: h.head.clone(),
            id_number: h.id_number.clone(),
            phone: h.phone.clone(),
            group: h.group.clone(),
            address: h.address.clone(),
            people: h.people.map(|n| n.to_string()).unwrap_or_default(),
            categories: h.categories.clone(),
            label: h.label.clone(),
            member: h.member.clone(),
            note: h.note.clone(),
        }
    }
}

/// The form's inputs, so a problem is shown at its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Village,
    Head,
    IdNumber,
    Phone,
    Group,
    Address,
    People,
    Categories,
    Label,
    Member,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong(usize),
    IdNumber(IdNumberError),
    /// Another household on the register has this 户主 identity number.
    IdNumberTaken {
        other: RecordId,
        head: String,
    },
    Phone,
    /// 家庭人口 is not a whole number.
    NotANumber,
    /// 家庭人口 is 0.
    NotPositive,
    /// 家庭人口 above `PEOPLE_MAX`.
    TooMany(u32),
    VillageUnknown,
    /// The village is closed (撤销 or 撤并): the household belongs in the village it went into.
    VillageClosed,
    /// A 乡镇党委, 党小组 or enterprise branch: households belong to a village's organization.
    NotAVillage,
    /// The linked member is not on this station's roster.
    MemberUnknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: Field,
    pub problem: Problem,
}

/// What the form needs to know of the station.
pub struct Context<'a> {
    /// Every household, closed ones included (only open ones hold an identity number).
    pub households: &'a [Household],
    pub orgs: &'a [Org],
    pub members: &'a [Member],
    pub today: NaiveDate,
}

/// Whether households can belong to an organization of this category: a village's 党总支 or
/// 党支部 (a community's too), or a 村民小组党支部.
pub fn is_village_category(category: Option<OrgCategory>) -> bool {
    matches!(category, Some(OrgCategory::GeneralBranch | OrgCategory::Branch | OrgCategory::VillageGroupBranch))
}

/// Checks the draft of a new household (`editing` = None) or an edit of `editing`, and returns
/// the fields to store (normalized: the identity number in its stored form, the phone as
/// `normalize_phone` writes it, categories in their fixed order), or every problem found.
pub fn check_household(
    draft: &HouseholdDraft,
    editing: Option<&RecordId>,
    cx: &Context,
) -> Result<Vec<(String, Value)>, Vec<Finding>> {
    let mut findings = Vec::new();
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut problem = |field: Field, problem: Problem| findings.push(Finding { field, problem });

    match &draft.village {
        None => problem(Field::Village, Problem::Required),
        Some(id) => match cx.orgs.iter().find(|o| &o.id == id) {
            None => problem(Field::Village, Problem::VillageUnknown),
            Some(o) if !is_village_category(o.category) => problem(Field::Village, Problem::NotAVillage),
            Some(o) if !o.is_open() => problem(Field::Village, Problem::VillageClosed),
            Some(_) => fields.push((VILLAGE.into(), json!(id.as_str()))),
        },
    }

    let head = clean(&draft.head);
    if head.is_empty() {
        problem(Field::Head, Problem::Required);
    } else if head.chars().count() > HEAD_MAX_CHARS {
        problem(Field::Head, Problem::TooLong(HEAD_MAX_CHARS));
    }
    fields.push((HEAD.into(), json!(head)));

    // Optional (many registers lack it), but a number given must be a real one.
    match draft.id_number.trim() {
        "" => fields.push((ID_NUMBER.into(), json!(""))),
        typed => match parse_id_number(typed, cx.today) {
            Err(e) => problem(Field::IdNumber, Problem::IdNumber(e)),
            Ok(info) => {
                let taken = cx.households.iter().find(|h| {
                    Some(&h.id) != editing && h.is_open() && h.id_number.eq_ignore_ascii_case(&info.normalized)
                });
                if let Some(other) = taken {
                    problem(
                        Field::IdNumber,
                        Problem::IdNumberTaken { other: other.id.clone(), head: other.head.clone() },
                    );
                }
                fields.push((ID_NUMBER.into(), json!(info.normalized)));
            }
        },
    }

    match draft.phone.trim() {
        "" => fields.push((PHONE.into(), json!(""))),
        typed => match normalize_phone(typed) {
            Some(p) => fields.push((PHONE.into(), json!(p))),
            None => problem(Field::Phone, Problem::Phone),
        },
    }

    let mut text = |field: Field, key: &str, typed: &str, max: usize, problem: &mut dyn FnMut(Field, Problem)| {
        let t = clean(typed);
        if t.chars().count() > max {
            problem(field, Problem::TooLong(max));
        }
        fields.push((key.into(), json!(t)));
    };
    text(Field::Group, GROUP, &draft.group, GROUP_MAX_CHARS, &mut problem);
    text(Field::Address, ADDRESS, &draft.address, ADDRESS_MAX_CHARS, &mut problem);
    text(Field::Label, LABEL, &draft.label, LABEL_MAX_CHARS, &mut problem);
    // Notes keep their line breaks.
    let note = draft.note.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        problem(Field::Note, Problem::TooLong(NOTE_MAX_CHARS));
    }
    fields.push((NOTE.into(), json!(note)));

    match parse_people(&draft.people) {
        Ok(n) => fields.push((PEOPLE.into(), n.map_or(Value::Null, |n| json!(n)))),
        Err(p) => problem(Field::People, p),
    }

    let categories: Vec<Value> =
        Category::ALL.into_iter().filter(|c| draft.categories.contains(c)).map(|c| json!(c.label())).collect();
    fields.push((CATEGORIES.into(), Value::Array(categories)));

    match &draft.member {
        None => fields.push((MEMBER.into(), Value::Null)),
        Some(id) if cx.members.iter().any(|m| &m.id == id) => fields.push((MEMBER.into(), json!(id.as_str()))),
        Some(_) => problem(Field::Member, Problem::MemberUnknown),
    }

    if findings.is_empty() {
        Ok(fields)
    } else {
        Err(findings)
    }
}

/// 家庭人口 as typed (full-width digits too); empty is `None`.
pub fn parse_people(text: &str) -> Result<Option<u32>, Problem> {
    match typed_count(text, &['人', '口']) {
        Ok(None) => Ok(None),
        Err(NotDigits) => Err(Problem::NotANumber),
        Ok(Some(0)) => Err(Problem::NotPositive),
        Ok(Some(n)) if n <= u64::from(PEOPLE_MAX) => Ok(Some(n as u32)),
        Ok(Some(_)) => Err(Problem::TooMany(PEOPLE_MAX)),
    }
}

/// A count typed with something else than digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotDigits;

/// A whole number as typed: full-width digits allowed, a unit after it dropped ("5人", "90天");
/// `Ok(None)` for empty text; a number too large for `u64` reads as `u64::MAX`.
pub fn typed_count(text: &str, units: &[char]) -> Result<Option<u64>, NotDigits> {
    let digits: String = text
        .trim()
        .trim_end_matches(units)
        .trim_end()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotDigits);
    }
    Ok(Some(digits.parse::<u64>().unwrap_or(u64::MAX)))
}

/// The edit that saves checked fields: a new household (empty values left out), or the changed
/// one (every field written; the replica drops the ones that did not change).
pub fn household_edit(fields: Vec<(String, Value)>, editing: Option<RecordId>, new_id: RecordId) -> Edit {
    match editing {
        Some(id) => Edit::Update { id, fields },
        None => Edit::Create {
            id: new_id,
            kind: kind::HOUSEHOLD.to_string(),
            fields: fields.into_iter().filter(|(_, v)| !is_empty_value(v)).collect(),
        },
    }
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CloseError {
    AlreadyClosed,
    NotClosed,
    DateMissing,
    DateInvalid,
    DateInFuture,
    /// Moving a household needs an open village of the kinds that hold households.
    Village(Problem),
    /// The household is already in that village.
    SameVillage,
}

/// 迁出 or 户销 on the date typed. The household stays in the register's history; its visits too.
pub fn close_household(h: &Household, reason: ClosedReason, date: &str, today: NaiveDate) -> Result<Edit, CloseError> {
    if !h.is_open() {
        return Err(CloseError::AlreadyClosed);
    }
    let date = match parse_user_date(date) {
        Ok(Some(d)) if d > today => return Err(CloseError::DateInFuture),
        Ok(Some(d)) => d,
        Ok(None) => return Err(CloseError::DateMissing),
        Err(_) => return Err(CloseError::DateInvalid),
    };
    Ok(Edit::Update {
        id: h.id.clone(),
        fields: vec![(CLOSED.into(), json!(iso(date))), (CLOSED_REASON.into(), json!(reason.label()))],
    })
}

/// Puts a closed household back on the register (closed by mistake, or moved back).
pub fn reopen_household(h: &Household) -> Result<Edit, CloseError> {
    if h.is_open() {
        return Err(CloseError::NotClosed);
    }
    Ok(Edit::Update {
        id: h.id.clone(),
        fields: vec![(CLOSED.into(), Value::Null), (CLOSED_REASON.into(), Value::Null)],
    })
}

/// The village a closed one went into through 撤并 (following merges of merges), or the village
/// itself when it is open or was closed without a merge. Stops on a loop, which only damaged
/// data can hold.
pub fn village_after_merges<'a>(village: &'a RecordId, orgs: &'a [Org]) -> &'a RecordId {
    // A find per step, not a map of the organizations: chains are a step or two long, and a
    // collected map would be one more copy of the standard sort in the wasm (ARCHITECTURE, budgets).
    let mut at = village;
    for _ in 0..orgs.len() {
        match orgs.iter().find(|o| &o.id == at).filter(|o| !o.is_open()).and_then(|o| o.merged_into.as_ref()) {
            Some(next) => at = next,
            None => break,
        }
    }
    at
}

/// Moves a household to another village (one household by hand, or one left in a merged village
/// by `households_to_follow_merges`). 撤并 itself moves every household with the village's
/// members (`org_ops::plan_merge`: the village is the household's place in the tree).
pub fn move_to_village(h: &Household, to: &RecordId, orgs: &[Org]) -> Result<Edit, CloseError> {
    if h.village.as_ref() == Some(to) {
        return Err(CloseError::SameVillage);
    }
    match orgs.iter().find(|o| &o.id == to) {
        None => Err(CloseError::Village(Problem::VillageUnknown)),
        Some(o) if !is_village_category(o.category) => Err(CloseError::Village(Problem::NotAVillage)),
        Some(o) if !o.is_open() => Err(CloseError::Village(Problem::VillageClosed)),
        Some(_) => Ok(Edit::Update { id: h.id.clone(), fields: vec![(VILLAGE.into(), json!(to.as_str()))] }),
    }
}

/// The moves for households still in a village merged away: a household added at a village
/// station after the township merged it, arriving by exchange after the 撤并. Each goes to the
/// village its own went into. Closed households move too, so a merged village's register keeps
/// its whole history in one place.
pub fn households_to_follow_merges(households: &[Household], orgs: &[Org]) -> Vec<Edit> {
    households
        .iter()
        .filter_map(|h| {
            let from = h.village.as_ref()?;
            let to = village_after_merges(from, orgs);
            (to != from).then(|| Edit::Update { id: h.id.clone(), fields: vec![(VILLAGE.into(), json!(to.as_str()))] })
        })
        .collect()
}

/// When a household counts as 老党员 (one of the 五个必到) from its linked member record: a
/// station setting, with the template default from local rules (joined the Party 50 or more
/// years ago, or aged 70 or more). The rule reads the roster, so a member who turns 70 shows
/// without anyone editing the household.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OldMemberRule {
    /// Years since 加入党组织日期 that make an old member (`None`: not used).
    pub party_years: Option<u32>,
    /// Age that makes an old member (`None`: not used).
    pub age: Option<u32>,
}

impl Default for OldMemberRule {
    /// The template default: 50 years in the Party (the 光荣在党50年 medal), or 70 years of age.
    fn default() -> OldMemberRule {
        OldMemberRule { party_years: Some(50), age: Some(70) }
    }
}

impl OldMemberRule {
    /// Whether `m` is an old member on `today`: on the current roster, and meeting either bar.
    pub fn holds_for(&self, m: &Member, today: NaiveDate) -> bool {
        let years_in = m.joined.and_then(|j| member::age_on(j, today));
        m.is_current()
            && (self.party_years.is_some_and(|y| years_in.is_some_and(|n| n >= y))
                || self.age.is_some_and(|a| m.age_on(today).is_some_and(|n| n >= a)))
    }
}

/// The 五个必到 categories a household has, in their fixed order. 老党员 comes from the linked
/// member when their record is given (`member`: the record `h.member` names, looked up by the
/// caller), by `rule`; only a household whose member record is not at this station (or none is
/// linked) keeps a 老党员 ticked by hand.
pub fn must_visit_categories(
    h: &Household,
    member: Option<&Member>,
    rule: &OldMemberRule,
    today: NaiveDate,
) -> Vec<Category> {
    let old_member = match member.filter(|m| h.member.as_ref() == Some(&m.id)) {
        Some(m) => rule.holds_for(m, today),
        None => h.has(Category::OldMember),
    };
    Category::MUST_VISIT.into_iter().filter(|&c| if c == Category::OldMember { old_member } else { h.has(c) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id_number::{make_id_number, Sex};
    use crate::test_support::{day, rid};

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    fn orgs() -> Vec<Org> {
        let mut closed = Org::new(rid(4), "石桥村党支部", Some(OrgCategory::Branch), Some(rid(1)));
        closed.closed = Some(day("2025-01-01"));
        closed.merged_into = Some(rid(2));
        vec![
            Org::new(rid(1), "坪塘镇党委", Some(OrgCategory::TownshipCommittee), None),
            Org::new(rid(2), "山塘村党总支", Some(OrgCategory::GeneralBranch), Some(rid(1))),
            Org::new(rid(3), "新湾村党支部", Some(OrgCategory::Branch), Some(rid(1))),
            closed,
        ]
    }

    fn member(n: u8, birth: &str, joined: &str) -> Member {
        let station = crate::station::StationId::from_random([1; 8]);
        let mut r = Record::new(rid(n), kind::MEMBER, station);
        r.set(member::BIRTH_DATE, json!(birth), crate::clock::Hlc::new(1, 0), &station);
        r.set(member::JOINED, json!(joined), crate::clock::Hlc::new(1, 1), &station);
        Member::from_record(&r)
    }

    fn draft() -> HouseholdDraft {
        HouseholdDraft {
            village: Some(rid(2)),
            head: " 张  大山 ".into(),
            id_number: make_id_number("430121", day("1950-03-04"), 123, Sex::Male),
            phone: "138 0731 0000".into(),
            group: "3组".into(),
            address: "山塘村3组12号".into(),
            people: "４".into(),
            categories: vec![Category::Poor, Category::LargeFarm],
            label: "五保户".into(),
            member: None,
            note: "腿脚不便".into(),
        }
    }

    fn check(
        d: &HouseholdDraft,
        households: &[Household],
        editing: Option<&RecordId>,
    ) -> Result<Vec<(String, Value)>, Vec<Finding>> {
        let orgs = orgs();
        let members = [member(30, "1940-01-01", "1970-07-01")];
        check_household(d, editing, &Context { households, orgs: &orgs, members: &members, today: today() })
    }

    fn problems(r: Result<Vec<(String, Value)>, Vec<Finding>>) -> Vec<(Field, Problem)> {
        r.err().unwrap_or_default().into_iter().map(|f| (f.field, f.problem)).collect()
    }

    fn saved(d: &HouseholdDraft, n: u8) -> Household {
        let edit = household_edit(check(d, &[], None).unwrap(), None, rid(n));
        Household::from_edit(&edit).unwrap()
    }

    #[test]
    fn a_complete_draft_is_saved_normalized_and_reads_back() {
        let h = saved(&draft(), 20);
        assert_eq!(h.head, "张 大山");
        assert_eq!(h.phone, "13807310000");
        assert_eq!(h.people, Some(4));
        assert_eq!(h.categories, vec![Category::LargeFarm, Category::Poor], "fixed order");
        assert_eq!(h.village, Some(rid(2)));
        assert!(h.is_open());
        assert_eq!(HouseholdDraft::from_household(&h).people, "4");
        // A new household leaves out what is empty.
        let bare = HouseholdDraft { village: Some(rid(2)), head: "李四".into(), ..Default::default() };
        let Edit::Create { fields, .. } = household_edit(check(&bare, &[], None).unwrap(), None, rid(21)) else {
            panic!()
        };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, vec![VILLAGE, HEAD]);
    }

    #[test]
    fn bad_input_is_reported_at_its_field() {
        let mut d = draft();
        d.head = "  ".into();
        d.id_number = format!("{}0", &d.id_number[..17]);
        if parse_id_number(&d.id_number, today()).is_ok() {
            d.id_number = format!("{}1", &d.id_number[..17]);
        }
        d.phone = "12345".into();
        d.people = "0".into();
        d.village = None;
        d.member = Some(rid(99));
        let p = problems(check(&d, &[], None));
        assert!(p.contains(&(Field::Head, Problem::Required)), "{p:?}");
        assert!(p
            .iter()
            .any(|x| matches!(x, (Field::IdNumber, Problem::IdNumber(IdNumberError::WrongCheckDigit { .. })))));
        assert!(p.contains(&(Field::Phone, Problem::Phone)));
        assert!(p.contains(&(Field::People, Problem::NotPositive)));
        assert!(p.contains(&(Field::Village, Problem::Required)));
        assert!(p.contains(&(Field::Member, Problem::MemberUnknown)));
        assert_eq!(parse_people("三"), Err(Problem::NotANumber));
        assert_eq!(parse_people("-2"), Err(Problem::NotANumber));
        assert_eq!(parse_people("51"), Err(Problem::TooMany(PEOPLE_MAX)));
        assert_eq!(parse_people("5人"), Ok(Some(5)));
        assert_eq!(parse_people(""), Ok(None));
        d = draft();
        d.head = "名".repeat(31);
        assert_eq!(problems(check(&d, &[], None)), vec![(Field::Head, Problem::TooLong(HEAD_MAX_CHARS))]);
    }

    #[test]
    fn the_village_must_be_an_open_village_organization() {
        let mut d = draft();
        d.village = Some(rid(4));
        assert_eq!(problems(check(&d, &[], None)), vec![(Field::Village, Problem::VillageClosed)]);
        d.village = Some(rid(1));
        assert_eq!(problems(check(&d, &[], None)), vec![(Field::Village, Problem::NotAVillage)]);
        d.village = Some(rid(77));
        assert_eq!(problems(check(&d, &[], None)), vec![(Field::Village, Problem::VillageUnknown)]);
    }

    #[test]
    fn an_identity_number_is_optional_but_unique_among_open_households() {
        let mut d = draft();
        d.id_number = String::new();
        assert!(check(&d, &[], None).is_ok());
        let other = saved(&draft(), 20);
        assert_eq!(
            problems(check(&draft(), std::slice::from_ref(&other), None)),
            vec![(Field::IdNumber, Problem::IdNumberTaken { other: rid(20), head: "张 大山".into() })]
        );
        assert!(check(&draft(), std::slice::from_ref(&other), Some(&rid(20))).is_ok(), "editing itself");
        let gone = Household { closed: Some(day("2026-01-01")), ..other };
        assert!(check(&draft(), &[gone], None).is_ok(), "a closed household's number is free");
    }

    #[test]
    fn closing_and_reopening() {
        let h = saved(&draft(), 20);
        assert_eq!(close_household(&h, ClosedReason::MovedOut, "", today()), Err(CloseError::DateMissing));
        assert_eq!(close_household(&h, ClosedReason::MovedOut, "2026-11-25", today()), Err(CloseError::DateInFuture));
        assert_eq!(close_household(&h, ClosedReason::MovedOut, "2026-13-01", today()), Err(CloseError::DateInvalid));
        let edit = close_household(&h, ClosedReason::Dissolved, "2026.3.1", today()).unwrap();
        let Edit::Update { fields, .. } = &edit else { panic!() };
        assert_eq!(fields[0], (CLOSED.to_string(), json!("2026-03-01")));
        assert_eq!(fields[1], (CLOSED_REASON.to_string(), json!("户销")));
        let closed =
            Household { closed: Some(day("2026-03-01")), closed_reason: Some(ClosedReason::Dissolved), ..h.clone() };
        assert!(closed.open_on(day("2026-02-28")) && !closed.open_on(day("2026-03-01")));
        assert_eq!(
            close_household(&closed, ClosedReason::MovedOut, "2026-03-02", today()),
            Err(CloseError::AlreadyClosed)
        );
        assert!(reopen_household(&closed).is_ok());
        assert_eq!(reopen_household(&h), Err(CloseError::NotClosed));
    }

    #[test]
    fn households_follow_merged_villages() {
        let orgs = orgs();
        let mut h = saved(&draft(), 20);
        h.village = Some(rid(4));
        assert_eq!(village_after_merges(&rid(4), &orgs), &rid(2));
        assert_eq!(village_after_merges(&rid(3), &orgs), &rid(3));
        let edits = households_to_follow_merges(&[h.clone(), saved(&draft(), 21)], &orgs);
        assert_eq!(edits, vec![Edit::Update { id: rid(20), fields: vec![(VILLAGE.into(), json!(rid(2).as_str()))] }]);
        assert_eq!(move_to_village(&h, &rid(4), &orgs), Err(CloseError::SameVillage));
        assert_eq!(move_to_village(&h, &rid(1), &orgs), Err(CloseError::Village(Problem::NotAVillage)));
        h.village = Some(rid(2));
        assert_eq!(move_to_village(&h, &rid(4), &orgs), Err(CloseError::Village(Problem::VillageClosed)));
        assert!(move_to_village(&h, &rid(3), &orgs).is_ok());
        // A loop (damaged data) ends.
        let mut looped = orgs.clone();
        looped[1].closed = Some(day("2025-01-01"));
        looped[1].merged_into = Some(rid(4));
        let start = rid(4);
        let end = village_after_merges(&start, &looped);
        assert!(end == &rid(4) || end == &rid(2));
    }

    #[test]
    fn old_member_comes_from_the_roster_when_linked() {
        let rule = OldMemberRule::default();
        let mut h = saved(&draft(), 20);
        // Joined 1970: 56 years in the Party.
        let veteran = member(30, "1960-01-01", "1970-07-01");
        // Aged 70 on 2026-11-24, joined 2000.
        let elder = member(31, "1956-11-24", "2000-07-01");
        let young = member(32, "1980-01-01", "2005-07-01");
        h.member = Some(veteran.id.clone());
        assert_eq!(
            must_visit_categories(&h, Some(&veteran), &rule, today()),
            vec![Category::LargeFarm, Category::Poor, Category::OldMember]
        );
        h.member = Some(elder.id.clone());
        assert!(must_visit_categories(&h, Some(&elder), &rule, today()).contains(&Category::OldMember));
        assert!(!must_visit_categories(&h, Some(&elder), &rule, day("2026-11-23")).contains(&Category::OldMember));
        // Ticked by hand, but the roster says otherwise: the roster wins.
        h.categories.push(Category::OldMember);
        h.member = Some(young.id.clone());
        assert!(!must_visit_categories(&h, Some(&young), &rule, today()).contains(&Category::OldMember));
        // The member record not at this station: the hand-ticked category stands.
        assert!(must_visit_categories(&h, None, &rule, today()).contains(&Category::OldMember));
        // A member who left (去世) no longer counts.
        let gone = Member { left: Some("去世".into()), ..veteran.clone() };
        h.member = Some(gone.id.clone());
        assert!(!must_visit_categories(&h, Some(&gone), &rule, today()).contains(&Category::OldMember));
        // The bars are settings.
        let strict = OldMemberRule { party_years: Some(60), age: None };
        h.member = Some(veteran.id.clone());
        assert!(!must_visit_categories(&h, Some(&veteran), &strict, today()).contains(&Category::OldMember));
        let lenient = OldMemberRule { party_years: None, age: Some(40) };
        h.member = Some(young.id.clone());
        assert!(must_visit_categories(&h, Some(&young), &lenient, today()).contains(&Category::OldMember));
    }

    #[test]
    fn labels_round_trip_and_unknown_ones_are_dropped() {
        for c in Category::ALL {
            assert_eq!(Category::from_label(c.label()), Some(c));
        }
        assert_eq!(Category::ALL.iter().filter(|c| c.is_must_visit()).count(), 5);
        assert_eq!(
            categories_of(Some(&json!(["贫困户", "新类别", "种养大户", "贫困户"]))),
            vec![Category::LargeFarm, Category::Poor]
        );
    }

    #[test]
    fn a_merge_of_villages_moves_their_households() {
        let h = household_edit(check(&draft(), &[], None).unwrap(), None, rid(20));
        let Edit::Create { id, kind: k, fields } = &h else { panic!() };
        let record = Record::unstamped(id, k, fields);
        let moved = crate::org_ops::references_to(&rid(2), std::iter::once(&record));
        assert_eq!(moved, vec![(rid(20), VILLAGE.to_string())]);
        let edits = crate::org_ops::plan_merge(&rid(2), &rid(3), moved, &orgs(), today(), rid(80), today()).unwrap();
        assert!(edits.contains(&Edit::Update { id: rid(20), fields: vec![(VILLAGE.into(), json!(rid(3).as_str()))] }));
    }
}
