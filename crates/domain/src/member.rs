//! 党员: the member record, with the 16 items of the national collection form
//! (党员基本信息采集表), as the app reads it from its record.
//!
//! Field keys are stored in records and exchange files; they never change once released. Values
//! of the closed lists (性别, 学历, 人员类别, 党籍状态) are stored as their Chinese text, which
//! is also what spreadsheets carry, so an import needs no translation table.

use super::date::parse_iso;
use super::id_number::mask_id_number;
use super::kinds::{KindInfo, Reference};
use super::record::{kind, Record, RecordId};
use chrono::{Datelike, NaiveDate};

pub const NAME: &str = "name";
pub const SEX: &str = "sex";
pub const ETHNICITY: &str = "ethnicity";
pub const ID_NUMBER: &str = "id_number";
pub const BIRTH_DATE: &str = "birth_date";
pub const EDUCATION: &str = "education";
pub const CATEGORY: &str = "category";
/// 所在党支部: the organization's record id.
pub const ORG: &str = "org";
pub const JOINED: &str = "joined";
pub const FULL_MEMBER_DATE: &str = "full_member_date";
/// 工作岗位
pub const POST: &str = "post";
pub const PHONE: &str = "phone";
pub const ADDRESS: &str = "address";
/// 党籍状态
pub const STATUS: &str = "status";
pub const LOST: &str = "lost";
pub const LOST_DATE: &str = "lost_date";
pub const FLOWING: &str = "flowing";
pub const FLOWING_TO: &str = "flowing_to";
/// Why the member is no longer on the current roster (转出, 出党, 去世, 开除党籍), with its date;
/// absent while they are. Set together with the life event that caused it.
pub const LEFT: &str = "left";
pub const LEFT_DATE: &str = "left_date";

pub const KIND: KindInfo = KindInfo {
    name: kind::MEMBER,
    label: "党员",
    references: &[Reference::to(ORG, kind::ORG).required().place_in_tree()],
    other_links: None,
    rank: 1,
    read_at_start: true,
};

pub const MALE: &str = "男";
pub const FEMALE: &str = "女";
pub const SEXES: [&str; 2] = [MALE, FEMALE];

pub const FULL_MEMBER: &str = "正式党员";
pub const PROBATIONARY: &str = "预备党员";
pub const CATEGORIES: [&str; 2] = [FULL_MEMBER, PROBATIONARY];

pub const STATUS_NORMAL: &str = "正常";
pub const STATUS_STOPPED: &str = "停止党籍";
pub const STATUSES: [&str; 2] = [STATUS_NORMAL, STATUS_STOPPED];

/// 学历, lowest first (the order statistics and filters use).
pub const EDUCATIONS: [&str; 7] = ["小学及以下", "初中", "高中", "中专", "大专", "本科", "研究生"];

/// A member as lists, search and statistics read it. Texts are empty when the record lacks them.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub id: RecordId,
    pub name: String,
    pub sex: String,
    pub ethnicity: String,
    pub id_number: String,
    pub birth_date: Option<NaiveDate>,
    pub education: String,
    pub category: String,
    pub org: Option<RecordId>,
    pub joined: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
    pub post: String,
    pub phone: String,
    pub address: String,
    pub status: String,
    pub lost: bool,
    pub lost_date: Option<NaiveDate>,
    pub flowing: bool,
    pub flowing_to: String,
    pub left: Option<String>,
    pub left_date: Option<NaiveDate>,
}

impl Member {
    pub fn from_record(r: &Record) -> Member {
        let text = |f: &str| r.text(f).unwrap_or_default().to_string();
        let date = |f: &str| r.text(f).and_then(parse_iso);
        let flag = |f: &str| r.value(f).and_then(|v| v.as_bool()).unwrap_or(false);
        Member {
            id: r.id.clone(),
            name: text(NAME),
            sex: text(SEX),
            ethnicity: text(ETHNICITY),
            id_number: text(ID_NUMBER),
            birth_date: date(BIRTH_DATE),
            education: text(EDUCATION),
            category: text(CATEGORY),
            org: r.text(ORG).and_then(RecordId::parse),
            joined: date(JOINED),
            full_member_date: date(FULL_MEMBER_DATE),
            post: text(POST),
            phone: text(PHONE),
            address: text(ADDRESS),
            status: text(STATUS),
            lost: flag(LOST),
            lost_date: date(LOST_DATE),
            flowing: flag(FLOWING),
            flowing_to: text(FLOWING_TO),
            left: r.text(LEFT).filter(|s| !s.is_empty()).map(str::to_string),
            left_date: date(LEFT_DATE),
        }
    }

    /// On the current roster: not transferred out, expelled or dead.
    pub fn is_current(&self) -> bool {
        self.left.is_none()
    }

    /// Age in whole years on `today`, if the birth date is known.
    pub fn age_on(&self, today: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| age_on(b, today))
    }

    /// The identity number as lists show it (430121********123X).
    pub fn masked_id_number(&self) -> String {
        mask_id_number(&self.id_number)
    }
}

/// Whole years from `birth` to `today`; `None` if `today` is before the birth.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    #[test]
    fn age_counts_whole_years_including_leap_day_births() {
        assert_eq!(age_on(day("1990-11-24"), day("2026-11-24")), Some(36));
        assert_eq!(age_on(day("1990-11-25"), day("2026-11-24")), Some(35));
        assert_eq!(age_on(day("2000-02-29"), day("2026-02-28")), Some(25));
        assert_eq!(age_on(day("2000-02-29"), day("2026-03-01")), Some(26));
        assert_eq!(age_on(day("2027-01-01"), day("2026-11-24")), None);
    }
}
