//! Checking the member form (党员基本信息采集表) before it is saved: each item as typed, the
//! identity number against the birth date and sex, the dates against each other, the phone
//! number, and the same identity number twice in the station.
//!
//! Problems are errors (the form is not saved) or warnings (shown; the user may save anyway). A
//! birth date that differs from the identity number is a warning: rural members' 档案 dates often
//! differ from their ID cards, and the 档案 date is the one the organization office keeps.

use super::date::{iso, parse_user_date, DateInputError};
use super::id_number::{parse_id_number, IdNumberError, Sex};
use super::member::{self as m, Member};
use super::org::{Org, OrgCategory};
use super::record::{kind, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub const NAME_MAX_CHARS: usize = 30;
pub const TEXT_MAX_CHARS: usize = 100;

/// The form as typed. Dates in any form `parse_user_date` reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberDraft {
    pub name: String,
    pub sex: String,
    pub ethnicity: String,
    pub id_number: String,
    pub birth_date: String,
    pub education: String,
    pub category: String,
    /// The organization's record id.
    pub org: String,
    pub joined: String,
    pub full_member_date: String,
    pub post: String,
    pub phone: String,
    pub address: String,
    pub status: String,
    pub lost: bool,
    pub lost_date: String,
    pub flowing: bool,
    pub flowing_to: String,
}

impl MemberDraft {
    /// The form filled from a stored member, for editing.
    pub fn from_member(member: &Member) -> MemberDraft {
        let date = |d: Option<NaiveDate>| d.map(iso).unwrap_or_default();
        MemberDraft {
            name: member.name.clone(),
            sex: member.sex.clone(),
            ethnicity: member.ethnicity.clone(),
            id_number: member.id_number.clone(),
            birth_date: date(member.birth_date),
            education: member.education.clone(),
            category: member.category.clone(),
            org: member.org.as_ref().map(|o| o.to_string()).unwrap_or_default(),
            joined: date(member.joined),
            full_member_date: date(member.full_member_date),
            post: member.post.clone(),
            phone: member.phone.clone(),
            address: member.address.clone(),
            status: member.status.clone(),
            lost: member.lost,
            lost_date: date(member.lost_date),
            flowing: member.flowing,
            flowing_to: member.flowing_to.clone(),
        }
    }
}

/// The form's items, so a problem is shown at its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Name,
    Sex,
    Ethnicity,
    IdNumber,
    BirthDate,
    Education,
    Category,
    Org,
    Joined,
    FullMemberDate,
    Post,
    Phone,
    Address,
    Status,
    LostDate,
    FlowingTo,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong(usize),
    NotInList,
    Date(DateInputError),
    DateInFuture,
    DateBeforeBirth,
    IdNumber(IdNumberError),
    /// Another member of this station has the number.
    IdNumberTaken {
        other: RecordId,
        name: String,
    },
    /// Warning: the birth date typed is not the one in the identity number.
    BirthDateDiffersFromId {
        in_id: NaiveDate,
    },
    /// The sex chosen is not the one the identity number carries: an error, as the number's sex
    /// is a fact (a wrong sex would go into the statistics).
    SexDiffersFromId {
        in_id: &'static str,
    },
    /// Warning: joined the party before the age of 18.
    JoinedUnder18 {
        age: u32,
    },
    /// 正式党员 need the date they became full members.
    FullMemberDateMissing,
    /// 预备党员 have no such date yet.
    FullMemberDateForProbationary,
    FullMemberBeforeJoined,
    /// Warning: probation is one year, this is shorter.
    ProbationUnderAYear,
    /// Members belong to a 党支部 (or a 党总支 / 企事业单位支部), not to a 党委 or a 党小组.
    OrgCannotHoldMembers,
    OrgUnknown,
    OrgClosed,
    Phone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub item: Item,
    pub problem: Problem,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        match self.problem {
            Problem::BirthDateDiffersFromId { .. } | Problem::JoinedUnder18 { .. } | Problem::ProbationUnderAYear => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }
}

/// The result of checking a draft: the fields to store (normalized) and every problem found.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub fields: Vec<(String, Value)>,
    pub findings: Vec<Finding>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity() == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity() == Severity::Warning)
    }

    pub fn is_savable(&self) -> bool {
        self.errors().next().is_none()
    }
}

/// What the form needs to know of the station.
pub struct Context<'a> {
    /// Current members and those who left: an identity number stays taken.
    pub members: &'a [Member],
    pub orgs: &'a [Org],
    /// Whether an organization is closed (撤销 / 撤并).
    pub is_closed: &'a dyn Fn(&RecordId) -> bool,
    pub today: NaiveDate,
}

/// Whether members can belong directly to an organization of this category.
pub fn holds_members(category: Option<OrgCategory>) -> bool {
    matches!(
        category,
        Some(
            OrgCategory::GeneralBranch
                | OrgCategory::Branch
                | OrgCategory::VillageGroupBranch
                | OrgCategory::EnterpriseBranch
        )
    )
}

/// What the identity number carries, for the form to fill 出生日期 and 性别 as it is typed.
pub fn derived_from_id(id_number: &str, today: NaiveDate) -> Option<(String, &'static str)> {
    parse_id_number(id_number, today).ok().map(|info| (iso(info.birth_date), sex_text(info.sex)))
}

fn sex_text(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => m::MALE,
        Sex::Female => m::FEMALE,
    }
}

/// A mobile number (11 digits, 1[3-9]…) or a landline with its area code (0731-88886666); typed
/// with spaces, dashes, brackets or full-width digits. Returns the stored form.
pub fn normalize_phone(text: &str) -> Option<String> {
    let mut digits = String::new();
    let mut area_split = None;
    for c in text.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            '０'..='９' => digits.push(char::from_u32(c as u32 - '０' as u32 + '0' as u32)?),
            '-' | '－' | ')' | '）' if area_split.is_none() && !digits.is_empty() => area_split = Some(digits.len()),
            ' ' | '　' | '(' | '（' | '-' | '－' => {}
            _ => return None,
        }
    }
    let b = digits.as_bytes();
    if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
        return Some(digits);
    }
    if b.first() != Some(&b'0') || b.get(1) == Some(&b'0') {
        return None;
    }
    // Area codes are 3 digits (010, 020-029) or 4 (0731…); local numbers 7 or 8 digits.
    let area_len = match area_split {
        Some(n) => n,
        None if matches!(b.get(1), Some(b'1') | Some(b'2')) => 3,
        None => 4,
    };
    let local = b.len().checked_sub(area_len)?;
    ((3..=4).contains(&area_len) && (7..=8).contains(&local))
        .then(|| format!("{}-{}", &digits[..area_len], &digits[area_len..]))
}

/// Checks the draft for a new member (`editing` = None) or an edit of `editing`.
pub fn check_member(draft: &MemberDraft, editing: Option<&RecordId>, cx: &Context) -> Checked {
    let mut findings = Vec::new();
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut problem = |item: Item, problem: Problem| findings.push(Finding { item, problem });

    let name: String = draft.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        problem(Item::Name, Problem::Required);
    } else if name.chars().count() > NAME_MAX_CHARS {
        problem(Item::Name, Problem::TooLong(NAME_MAX_CHARS));
    }
    fields.push((m::NAME.into(), json!(name)));

    let sex = draft.sex.trim();
    match sex {
        "" => problem(Item::Sex, Problem::Required),
        s if !m::SEXES.contains(&s) => problem(Item::Sex, Problem::NotInList),
        _ => {}
    }
    fields.push((m::SEX.into(), json!(sex)));

    let ethnicity = draft.ethnicity.trim();
    if ethnicity.is_empty() {
        problem(Item::Ethnicity, Problem::Required);
    }
    fields.push((m::ETHNICITY.into(), json!(ethnicity)));

    let mut birth_in_id = None;
    match parse_id_number(&draft.id_number, cx.today) {
        Err(IdNumberError::Empty) => problem(Item::IdNumber, Problem::Required),
        Err(e) => problem(Item::IdNumber, Problem::IdNumber(e)),
        Ok(info) => {
            let taken = cx
                .members
                .iter()
                .find(|o| Some(&o.id) != editing && o.id_number.eq_ignore_ascii_case(&info.normalized));
            if let Some(other) = taken {
                problem(Item::IdNumber, Problem::IdNumberTaken { other: other.id.clone(), name: other.name.clone() });
            }
            if !sex.is_empty() && sex != sex_text(info.sex) && m::SEXES.contains(&sex) {
                problem(Item::Sex, Problem::SexDiffersFromId { in_id: sex_text(info.sex) });
            }
            birth_in_id = Some(info.birth_date);
            fields.push((m::ID_NUMBER.into(), json!(info.normalized)));
        }
    }

    let date =
        |item: Item, text: &str, required: bool, problem: &mut dyn FnMut(Item, Problem)| match parse_user_date(text) {
            Ok(None) if required => {
                problem(item, Problem::Required);
                None
            }
            Ok(None) => None,
            Ok(Some(d)) if d > cx.today => {
                problem(item, Problem::DateInFuture);
                None
            }
            Ok(Some(d)) => Some(d),
            Err(e) => {
                problem(item, Problem::Date(e));
                None
            }
        };

    let birth = date(Item::BirthDate, &draft.birth_date, true, &mut problem);
    if let (Some(b), Some(in_id)) = (birth, birth_in_id) {
        if b != in_id {
            problem(Item::BirthDate, Problem::BirthDateDiffersFromId { in_id });
        }
    }
    if let Some(b) = birth {
        fields.push((m::BIRTH_DATE.into(), json!(iso(b))));
    }

    let education = draft.education.trim();
    if education.is_empty() {
        problem(Item::Education, Problem::Required);
    }
    fields.push((m::EDUCATION.into(), json!(education)));

    let category = draft.category.trim();
    match category {
        "" => problem(Item::Category, Problem::Required),
        c if !m::CATEGORIES.contains(&c) => problem(Item::Category, Problem::NotInList),
        _ => {}
    }
    fields.push((m::CATEGORY.into(), json!(category)));

    match RecordId::parse(draft.org.trim()) {
        None if draft.org.trim().is_empty() => problem(Item::Org, Problem::Required),
        None => problem(Item::Org, Problem::OrgUnknown),
        Some(id) => match cx.orgs.iter().find(|o| o.id == id) {
            None => problem(Item::Org, Problem::OrgUnknown),
            Some(o) if !holds_members(o.category) => problem(Item::Org, Problem::OrgCannotHoldMembers),
            // A member already in a closed branch may be edited; nobody new is put there.
            Some(_) if (cx.is_closed)(&id) && editing.is_none() => problem(Item::Org, Problem::OrgClosed),
            Some(_) => fields.push((m::ORG.into(), json!(id.as_str()))),
        },
    }

    let joined = date(Item::Joined, &draft.joined, true, &mut problem);
    if let (Some(j), Some(b)) = (joined, birth) {
        if j < b {
            problem(Item::Joined, Problem::DateBeforeBirth);
        } else if let Some(age) = m::age_on(b, j).filter(|a| *a < 18) {
            problem(Item::Joined, Problem::JoinedUnder18 { age });
        }
    }
    fields.push((m::JOINED.into(), joined.map(|d| json!(iso(d))).unwrap_or(Value::Null)));

    let full = date(Item::FullMemberDate, &draft.full_member_date, false, &mut problem);
    let full_date_typed = !draft.full_member_date.trim().is_empty();
    match (category, full) {
        (m::FULL_MEMBER, None) if !full_date_typed => problem(Item::FullMemberDate, Problem::FullMemberDateMissing),
        (m::PROBATIONARY, _) if full_date_typed => {
            problem(Item::FullMemberDate, Problem::FullMemberDateForProbationary)
        }
        (_, Some(f)) => {
            if let Some(j) = joined {
                if f < j {
                    problem(Item::FullMemberDate, Problem::FullMemberBeforeJoined);
                } else if j.checked_add_months(chrono::Months::new(12)).is_some_and(|year| f < year) {
                    problem(Item::FullMemberDate, Problem::ProbationUnderAYear);
                }
            }
        }
        _ => {}
    }
    fields.push((m::FULL_MEMBER_DATE.into(), full.map(|d| json!(iso(d))).unwrap_or(Value::Null)));

    let mut text_item = |item: Item, key: &str, text: &str, problem: &mut dyn FnMut(Item, Problem)| {
        let text = text.trim();
        if text.chars().count() > TEXT_MAX_CHARS {
            problem(item, Problem::TooLong(TEXT_MAX_CHARS));
        }
        fields.push((key.into(), json!(text)));
    };
    text_item(Item::Post, m::POST, &draft.post, &mut problem);
    text_item(Item::Address, m::ADDRESS, &draft.address, &mut problem);

    let phone = draft.phone.trim();
    if phone.is_empty() {
        fields.push((m::PHONE.into(), json!("")));
    } else {
        match normalize_phone(phone) {
            Some(p) => fields.push((m::PHONE.into(), json!(p))),
            None => problem(Item::Phone, Problem::Phone),
        }
    }

    let status = draft.status.trim();
    match status {
        "" => problem(Item::Status, Problem::Required),
        s if !m::STATUSES.contains(&s) => problem(Item::Status, Problem::NotInList),
        _ => {}
    }
    fields.push((m::STATUS.into(), json!(status)));

    fields.push((m::LOST.into(), json!(draft.lost)));
    let lost_date = if draft.lost { date(Item::LostDate, &draft.lost_date, true, &mut problem) } else { None };
    if let (Some(l), Some(b)) = (lost_date, birth) {
        if l < b {
            problem(Item::LostDate, Problem::DateBeforeBirth);
        }
    }
    fields.push((m::LOST_DATE.into(), lost_date.map(|d| json!(iso(d))).unwrap_or(Value::Null)));

    fields.push((m::FLOWING.into(), json!(draft.flowing)));
    let flowing_to = if draft.flowing { draft.flowing_to.trim() } else { "" };
    if draft.flowing && flowing_to.is_empty() {
        problem(Item::FlowingTo, Problem::Required);
    }
    fields.push((m::FLOWING_TO.into(), json!(flowing_to)));

    Checked { fields, findings }
}

/// The edit that saves a checked form: a new member, or the changed member.
pub fn member_edit(checked: Checked, editing: Option<RecordId>, new_id: RecordId) -> Edit {
    let fields = checked.fields.into_iter().filter(|(_, v)| !(editing.is_none() && v.is_null())).collect();
    match editing {
        Some(id) => Edit::Update { id, fields },
        None => Edit::Create { id: new_id, kind: kind::MEMBER.to_string(), fields },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id_number::make_id_number;
    use crate::test_support::day;

    fn branch() -> Org {
        Org {
            id: RecordId::from_random([2; 16]),
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

    fn draft() -> MemberDraft {
        MemberDraft {
            name: "张三".into(),
            sex: "男".into(),
            ethnicity: "汉族".into(),
            id_number: make_id_number("430121", day("1980-05-06"), 123, Sex::Male),
            birth_date: "1980-05-06".into(),
            education: "高中".into(),
            category: "正式党员".into(),
            org: branch().id.to_string(),
            joined: "2005-07-01".into(),
            full_member_date: "2006-07-01".into(),
            post: "村干部".into(),
            phone: "138 0731 0000".into(),
            address: "山塘村3组".into(),
            status: "正常".into(),
            ..Default::default()
        }
    }

    fn check(d: &MemberDraft, members: &[Member]) -> Checked {
        let orgs = [branch()];
        let closed = |_: &RecordId| false;
        check_member(d, None, &Context { members, orgs: &orgs, is_closed: &closed, today: day("2026-11-24") })
    }

    fn problems(c: &Checked) -> Vec<(Item, Problem)> {
        c.findings.iter().map(|f| (f.item, f.problem.clone())).collect()
    }

    #[test]
    fn a_complete_form_is_savable_with_normalized_values() {
        let c = check(&draft(), &[]);
        assert_eq!(problems(&c), vec![]);
        assert!(c.fields.contains(&(m::PHONE.into(), json!("13807310000"))));
        assert!(c.fields.contains(&(m::BIRTH_DATE.into(), json!("1980-05-06"))));
    }

    #[test]
    fn a_wrong_check_digit_and_an_old_fifteen_digit_number_are_errors() {
        let mut d = draft();
        let last = if d.id_number.ends_with('1') { '2' } else { '1' };
        d.id_number = format!("{}{last}", &d.id_number[..17]);
        let c = check(&d, &[]);
        assert!(matches!(
            problems(&c)[..],
            [(Item::IdNumber, Problem::IdNumber(IdNumberError::WrongCheckDigit { .. }))]
        ));
        d.id_number = "430121800506123".into();
        assert_eq!(problems(&check(&d, &[]))[0], (Item::IdNumber, Problem::IdNumber(IdNumberError::OldFifteenDigit)));
        assert!(!check(&d, &[]).is_savable());
    }

    #[test]
    fn the_same_number_twice_is_refused_naming_the_other_member() {
        let other = Member { name: "张老三".into(), ..member_with(&draft().id_number) };
        let c = check(&draft(), std::slice::from_ref(&other));
        assert_eq!(
            problems(&c),
            vec![(Item::IdNumber, Problem::IdNumberTaken { other: other.id.clone(), name: "张老三".into() })]
        );
        // Editing the member themself is not a duplicate.
        let orgs = [branch()];
        let closed = |_: &RecordId| false;
        let cx = Context {
            members: std::slice::from_ref(&other),
            orgs: &orgs,
            is_closed: &closed,
            today: day("2026-11-24"),
        };
        assert!(check_member(&draft(), Some(&other.id), &cx).is_savable());
    }

    fn member_with(id_number: &str) -> Member {
        let mut r = crate::record::Record::new(
            RecordId::from_random([7; 16]),
            kind::MEMBER,
            crate::station::StationId::from_random([1; 8]),
        );
        r.set(m::ID_NUMBER, json!(id_number), crate::clock::Hlc::new(1, 0), &r.origin.clone());
        Member::from_record(&r)
    }

    #[test]
    fn a_birth_date_that_differs_from_the_id_is_a_warning_a_sex_an_error() {
        let mut d = draft();
        d.birth_date = "1980-06-05".into();
        d.sex = "女".into();
        let c = check(&d, &[]);
        assert!(!c.is_savable(), "the number's sex is a fact");
        d.sex = "男".into();
        assert!(check(&d, &[]).is_savable(), "a birth date that differs is only a warning");
        d.sex = "女".into();
        assert_eq!(
            problems(&c),
            vec![
                (Item::Sex, Problem::SexDiffersFromId { in_id: "男" }),
                (Item::BirthDate, Problem::BirthDateDiffersFromId { in_id: day("1980-05-06") }),
            ]
        );
    }

    #[test]
    fn dates_are_checked_against_each_other() {
        let mut d = draft();
        d.joined = "1997-05-05".into();
        d.full_member_date = "1998-01-01".into();
        let c = check(&d, &[]);
        assert!(c.is_savable());
        assert_eq!(
            problems(&c),
            vec![
                (Item::Joined, Problem::JoinedUnder18 { age: 16 }),
                (Item::FullMemberDate, Problem::ProbationUnderAYear)
            ]
        );
        d.joined = "1979-01-01".into();
        assert!(problems(&check(&d, &[])).contains(&(Item::Joined, Problem::DateBeforeBirth)));
        d.joined = "2027-01-01".into();
        assert!(problems(&check(&d, &[])).contains(&(Item::Joined, Problem::DateInFuture)));
        let mut d = draft();
        d.full_member_date = "2004-01-01".into();
        assert_eq!(problems(&check(&d, &[])), vec![(Item::FullMemberDate, Problem::FullMemberBeforeJoined)]);
        d.full_member_date = String::new();
        assert_eq!(problems(&check(&d, &[])), vec![(Item::FullMemberDate, Problem::FullMemberDateMissing)]);
        d.category = "预备党员".into();
        assert_eq!(problems(&check(&d, &[])), vec![]);
        d.full_member_date = "2006-07-01".into();
        assert_eq!(problems(&check(&d, &[])), vec![(Item::FullMemberDate, Problem::FullMemberDateForProbationary)]);
    }

    #[test]
    fn required_items_and_conditional_ones() {
        let d = MemberDraft { lost: true, flowing: true, ..Default::default() };
        let items: Vec<Item> = check(&d, &[]).errors().map(|f| f.item).collect();
        for item in [
            Item::Name,
            Item::Sex,
            Item::Ethnicity,
            Item::IdNumber,
            Item::BirthDate,
            Item::Education,
            Item::Category,
            Item::Org,
            Item::Joined,
            Item::Status,
            Item::LostDate,
            Item::FlowingTo,
        ] {
            assert!(items.contains(&item), "{item:?} should be required");
        }
    }

    #[test]
    fn members_belong_to_branches_not_to_committees() {
        let mut d = draft();
        d.org = RecordId::from_random([9; 16]).to_string();
        assert_eq!(problems(&check(&d, &[])), vec![(Item::Org, Problem::OrgUnknown)]);
        let town = Org { category: Some(OrgCategory::TownshipCommittee), ..branch() };
        let closed = |_: &RecordId| false;
        let cx =
            Context { members: &[], orgs: std::slice::from_ref(&town), is_closed: &closed, today: day("2026-11-24") };
        assert_eq!(problems(&check_member(&draft(), None, &cx)), vec![(Item::Org, Problem::OrgCannotHoldMembers)]);
    }

    #[test]
    fn phone_numbers_mobile_or_landline_with_area_code() {
        assert_eq!(normalize_phone("13807310000").as_deref(), Some("13807310000"));
        assert_eq!(normalize_phone("１３８ ０７３１ ００００").as_deref(), Some("13807310000"));
        assert_eq!(normalize_phone("0731-88886666").as_deref(), Some("0731-88886666"));
        assert_eq!(normalize_phone("(0731)8888666").as_deref(), Some("0731-8888666"));
        assert_eq!(normalize_phone("010-12345678").as_deref(), Some("010-12345678"));
        assert_eq!(normalize_phone("07318888666").as_deref(), Some("0731-8888666"));
        for bad in ["1380731000", "12807310000", "88886666", "0731-123", "138-0731-000a", "00731-88886666"] {
            assert_eq!(normalize_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_form_fills_birth_date_and_sex_from_the_id() {
        let id = make_id_number("430121", day("1992-02-29"), 124, Sex::Female);
        assert_eq!(derived_from_id(&id, day("2026-11-24")), Some(("1992-02-29".into(), "女")));
        assert_eq!(derived_from_id("4301", day("2026-11-24")), None);
    }
}
