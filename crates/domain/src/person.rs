//! The person fields that candidates, cadres and reserve cadres share with the member record:
//! the same keys and the same closed lists, so admitting a candidate copies them as they are and
//! one person reads the same in every list. Also the structure figures people ask for ("67% under
//! 30, 46% high school or above, 19% women").

use super::date::{iso, parse_input, DateError};
use super::id_number::{parse_id_number, IdNumberError, Sex};
use super::member::{
    self, ADDRESS, BIRTH_DATE, EDUCATION, EDUCATIONS, ETHNICITY, FEMALE, ID_NUMBER, MALE, NAME, PHONE, SEX, SEXES,
};
use super::record::Record;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub const NAME_MAX_CHARS: usize = 30;
pub const ETHNICITY_MAX_CHARS: usize = 20;
pub const PHONE_MAX_CHARS: usize = 20;
pub const ADDRESS_MAX_CHARS: usize = 100;

/// The lowest 学历 that counts as "高中及以上" (中专 is of the same level as 高中).
const HIGH_SCHOOL_INDEX: usize = 2;

/// A person as read from any record that carries person fields. Texts are empty when absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub name: String,
    pub sex: String,
    pub ethnicity: String,
    pub id_number: String,
    pub birth_date: Option<NaiveDate>,
    pub education: String,
    pub phone: String,
    pub address: String,
}

impl Person {
    pub fn from_record(r: &Record) -> Person {
        let text = |f: &str| r.text(f).unwrap_or_default().to_string();
        Person {
            name: text(NAME),
            sex: text(SEX),
            ethnicity: text(ETHNICITY),
            id_number: text(ID_NUMBER),
            birth_date: r.text(BIRTH_DATE).and_then(crate::date::parse_iso),
            education: text(EDUCATION),
            phone: text(PHONE),
            address: text(ADDRESS),
        }
    }

    pub fn age_on(&self, today: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| member::age_on(b, today))
    }

    /// `None` when the education is not recorded (or not one of the list's values).
    pub fn high_school_or_above(&self) -> Option<bool> {
        EDUCATIONS.iter().position(|e| *e == self.education).map(|i| i >= HIGH_SCHOOL_INDEX)
    }

    /// The draft an edit form starts from.
    pub fn draft(&self) -> PersonDraft {
        PersonDraft {
            name: self.name.clone(),
            sex: self.sex.clone(),
            ethnicity: self.ethnicity.clone(),
            id_number: self.id_number.clone(),
            birth_date: self.birth_date.map(iso).unwrap_or_default(),
            education: self.education.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
        }
    }

    fn values(&self) -> [(&'static str, String); 8] {
        [
            (NAME, self.name.clone()),
            (SEX, self.sex.clone()),
            (ETHNICITY, self.ethnicity.clone()),
            (ID_NUMBER, self.id_number.clone()),
            (BIRTH_DATE, self.birth_date.map(iso).unwrap_or_default()),
            (EDUCATION, self.education.clone()),
            (PHONE, self.phone.clone()),
            (ADDRESS, self.address.clone()),
        ]
    }

    /// The fields of a new record: the ones that have a value.
    pub fn create_fields(&self) -> Vec<(String, Value)> {
        self.values().into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.to_string(), json!(v))).collect()
    }

    /// The fields that differ from `old`. An edit writes only what changed, so two stations that
    /// change different fields of one person merge without a conflict.
    pub fn changed_fields(&self, old: &Person) -> Vec<(String, Value)> {
        self.values()
            .into_iter()
            .zip(old.values())
            .filter(|((_, new), (_, old))| new != old)
            .map(|((k, v), _)| (k.to_string(), json!(v)))
            .collect()
    }
}

/// Person fields as typed into a form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonDraft {
    pub name: String,
    /// 男 / 女, or empty to take it from the identity number.
    pub sex: String,
    pub ethnicity: String,
    /// Optional; when given it must be valid, and it supplies sex and birth date.
    pub id_number: String,
    /// YYYY-MM-DD, or empty to take it from the identity number.
    pub birth_date: String,
    /// One of `member::EDUCATIONS`, or empty.
    pub education: String,
    pub phone: String,
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonError {
    NameEmpty,
    NameTooLong,
    IdNumber(IdNumberError),
    SexMissing,
    SexUnknown,
    /// The sex chosen is not the one the identity number carries.
    SexDiffersFromIdNumber,
    BirthDateMissing,
    BirthDate(DateError),
    /// The birth date typed is not the one the identity number carries.
    BirthDateDiffersFromIdNumber,
    EducationUnknown,
    EthnicityTooLong,
    PhoneInvalid,
    AddressTooLong,
}

/// Collapses runs of white space (pasted text often carries tabs and double spaces).
pub(crate) fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a draft: name, sex and birth date are required (the rules need age and sex); the
/// identity number, when given, must be valid and agree with them.
pub fn check_person(draft: &PersonDraft, today: NaiveDate) -> Result<Person, PersonError> {
    let name = clean(&draft.name);
    if name.is_empty() {
        return Err(PersonError::NameEmpty);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(PersonError::NameTooLong);
    }
    let id = match draft.id_number.trim() {
        "" => None,
        text => Some(parse_id_number(text, today).map_err(PersonError::IdNumber)?),
    };
    let id_sex = id.as_ref().map(|i| match i.sex {
        Sex::Male => MALE,
        Sex::Female => FEMALE,
    });
    let sex = match (draft.sex.trim(), id_sex) {
        ("", None) => return Err(PersonError::SexMissing),
        ("", Some(s)) => s,
        (s, _) if !SEXES.contains(&s) => return Err(PersonError::SexUnknown),
        (s, Some(from_id)) if s != from_id => return Err(PersonError::SexDiffersFromIdNumber),
        (s, _) => s,
    };
    let typed = parse_input(&draft.birth_date, Some(today)).map_err(PersonError::BirthDate)?;
    let birth_date = match (typed, id.as_ref().map(|i| i.birth_date)) {
        (None, None) => return Err(PersonError::BirthDateMissing),
        (Some(t), Some(from_id)) if t != from_id => return Err(PersonError::BirthDateDiffersFromIdNumber),
        (Some(d), _) | (None, Some(d)) => d,
    };
    let education = draft.education.trim();
    if !education.is_empty() && !EDUCATIONS.contains(&education) {
        return Err(PersonError::EducationUnknown);
    }
    let ethnicity = clean(&draft.ethnicity);
    if ethnicity.chars().count() > ETHNICITY_MAX_CHARS {
        return Err(PersonError::EthnicityTooLong);
    }
    let phone = draft.phone.trim();
    let phone_ok = phone.chars().count() <= PHONE_MAX_CHARS
        && phone.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' '))
        && (phone.is_empty() || phone.chars().any(|c| c.is_ascii_digit()));
    if !phone_ok {
        return Err(PersonError::PhoneInvalid);
    }
    let address = clean(&draft.address);
    if address.chars().count() > ADDRESS_MAX_CHARS {
        return Err(PersonError::AddressTooLong);
    }
    Ok(Person {
        name,
        sex: sex.to_string(),
        ethnicity,
        id_number: id.map(|i| i.normalized).unwrap_or_default(),
        birth_date: Some(birth_date),
        education: education.to_string(),
        phone: phone.to_string(),
        address,
    })
}

/// The identity number in its stored form for comparing (upper-case X, no spaces, full-width
/// digits folded), or `None` when it is empty. Invalid numbers compare as typed.
pub fn id_key(id_number: &str, today: NaiveDate) -> Option<String> {
    let text = id_number.trim();
    if text.is_empty() {
        return None;
    }
    Some(parse_id_number(text, today).map(|i| i.normalized).unwrap_or_else(|_| text.to_ascii_uppercase()))
}

/// A part of a whole in tenths of a percent, rounded half up (2 of 3 → 667, shown 66.7%);
/// `None` for an empty whole.
pub fn permille(part: usize, whole: usize) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let (part, whole) = (part as u64, whole as u64);
    u32::try_from((part * 2000 + whole) / (2 * whole)).ok()
}

/// Age bands, sex and education of a group of people on a day: the figures of a structure report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub total: usize,
    pub under_30: usize,
    /// 30 to 35 years old, both included.
    pub from_30_to_35: usize,
    pub from_36_to_40: usize,
    pub over_40: usize,
    pub age_unknown: usize,
    pub high_school_or_above: usize,
    pub education_unknown: usize,
    pub women: usize,
    pub sex_unknown: usize,
}

impl Structure {
    pub fn of<'a>(people: impl IntoIterator<Item = &'a Person>, today: NaiveDate) -> Structure {
        let mut s = Structure::default();
        for p in people {
            s.total += 1;
            match p.age_on(today) {
                None => s.age_unknown += 1,
                Some(a) if a < 30 => s.under_30 += 1,
                Some(a) if a <= 35 => s.from_30_to_35 += 1,
                Some(a) if a <= 40 => s.from_36_to_40 += 1,
                Some(_) => s.over_40 += 1,
            }
            match p.high_school_or_above() {
                None => s.education_unknown += 1,
                Some(true) => s.high_school_or_above += 1,
                Some(false) => {}
            }
            match p.sex.as_str() {
                FEMALE => s.women += 1,
                MALE => {}
                _ => s.sex_unknown += 1,
            }
        }
        s
    }

    /// A count's share of the total, in tenths of a percent.
    pub fn share(&self, count: usize) -> Option<u32> {
        permille(count, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id_number::make_id_number;
    use crate::test_support::day;

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    fn draft(name: &str, sex: &str, birth: &str) -> PersonDraft {
        PersonDraft { name: name.into(), sex: sex.into(), birth_date: birth.into(), ..Default::default() }
    }

    #[test]
    fn the_identity_number_supplies_sex_and_birth_date() {
        let id = make_id_number("430121", day("1990-01-01"), 124, Sex::Female);
        let d = PersonDraft { name: " 李  红 ".into(), id_number: format!(" {id} "), ..Default::default() };
        let p = check_person(&d, today()).unwrap();
        assert_eq!((p.name.as_str(), p.sex.as_str()), ("李 红", FEMALE));
        assert_eq!(p.birth_date, Some(day("1990-01-01")));
        assert_eq!(p.id_number, id);
    }

    #[test]
    fn typed_sex_and_birth_date_must_agree_with_the_identity_number() {
        let id = make_id_number("430121", day("1990-01-01"), 123, Sex::Male);
        let mut d = draft("张三", FEMALE, "");
        d.id_number = id.clone();
        assert_eq!(check_person(&d, today()), Err(PersonError::SexDiffersFromIdNumber));
        d.sex = MALE.into();
        d.birth_date = "1990-01-02".into();
        assert_eq!(check_person(&d, today()), Err(PersonError::BirthDateDiffersFromIdNumber));
        d.birth_date = "1990-01-01".into();
        assert!(check_person(&d, today()).is_ok());
        d.id_number = "430121199001011234".into();
        assert_eq!(
            check_person(&d, today()),
            Err(PersonError::IdNumber(IdNumberError::WrongCheckDigit { expected: '7' }))
        );
    }

    #[test]
    fn bad_drafts_are_refused() {
        let check = |d: PersonDraft| check_person(&d, today()).unwrap_err();
        assert_eq!(check(draft(" ", MALE, "1990-01-01")), PersonError::NameEmpty);
        assert_eq!(check(draft(&"名".repeat(31), MALE, "1990-01-01")), PersonError::NameTooLong);
        assert!(check_person(&draft(&"名".repeat(30), MALE, "1990-01-01"), today()).is_ok());
        assert_eq!(check(draft("张三", "", "1990-01-01")), PersonError::SexMissing);
        assert_eq!(check(draft("张三", "男性", "1990-01-01")), PersonError::SexUnknown);
        assert_eq!(check(draft("张三", MALE, "")), PersonError::BirthDateMissing);
        assert_eq!(check(draft("张三", MALE, "1990-02-30")), PersonError::BirthDate(DateError::Invalid));
        assert_eq!(check(draft("张三", MALE, "2026-11-25")), PersonError::BirthDate(DateError::InFuture));
        let mut d = draft("张三", MALE, "1990-01-01");
        d.education = "大学".into();
        assert_eq!(check(d.clone()), PersonError::EducationUnknown);
        d.education = "本科".into();
        d.phone = "0731-8888 888".into();
        assert!(check_person(&d, today()).is_ok());
        d.phone = "138-abc".into();
        assert_eq!(check(d.clone()), PersonError::PhoneInvalid);
        d.phone = "--".into();
        assert_eq!(check(d.clone()), PersonError::PhoneInvalid);
        d.phone = String::new();
        d.address = "村".repeat(101);
        assert_eq!(check(d.clone()), PersonError::AddressTooLong);
        d.address = String::new();
        d.ethnicity = "族".repeat(21);
        assert_eq!(check(d), PersonError::EthnicityTooLong);
    }

    #[test]
    fn only_changed_fields_are_written() {
        let old = check_person(&draft("张三", MALE, "1990-01-01"), today()).unwrap();
        let mut d = old.draft();
        d.phone = "13800000000".into();
        let new = check_person(&d, today()).unwrap();
        assert_eq!(new.changed_fields(&old), vec![(PHONE.to_string(), json!("13800000000"))]);
        assert!(old.create_fields().iter().all(|(k, _)| [NAME, SEX, BIRTH_DATE].contains(&k.as_str())));
        assert_eq!(old.changed_fields(&new), vec![(PHONE.to_string(), json!(""))], "clearing writes empty text");
    }

    #[test]
    fn shares_round_half_up_in_tenths_of_a_percent() {
        assert_eq!(permille(2, 3), Some(667));
        assert_eq!(permille(1, 3), Some(333));
        assert_eq!(permille(1, 8), Some(125));
        assert_eq!(permille(1, 16), Some(63), "62.5 rounds up");
        assert_eq!(permille(3, 3), Some(1000));
        assert_eq!(permille(0, 0), None);
    }

    #[test]
    fn structure_counts_age_bands_education_and_women() {
        let t = today();
        let person = |sex: &str, birth: &str, education: &str| Person {
            sex: sex.into(),
            birth_date: crate::date::parse_iso(birth),
            education: education.into(),
            ..Default::default()
        };
        let people = [
            person(FEMALE, "1996-11-25", "高中"),     // 29, a day short of 30
            person(MALE, "1996-11-24", "初中"),       // 30 today
            person(MALE, "1990-11-25", "中专"),       // 35
            person(MALE, "1990-11-24", "小学及以下"), // 36
            person(FEMALE, "1985-11-25", ""),         // 40
            person("", "1985-11-24", "大学"),         // 41, education not on the list
            person(MALE, "", "本科"),
        ];
        let s = Structure::of(&people, t);
        assert_eq!(
            s,
            Structure {
                total: 7,
                under_30: 1,
                from_30_to_35: 2,
                from_36_to_40: 2,
                over_40: 1,
                age_unknown: 1,
                high_school_or_above: 3,
                education_unknown: 2,
                women: 2,
                sex_unknown: 1,
            }
        );
        assert_eq!(s.share(s.women), Some(286));
    }
}
