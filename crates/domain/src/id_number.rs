//! 公民身份号码 (GB 11643-1999): the 18-character citizen identity number on the member form.
//!
//! Layout: 6 digits of region (where the number was issued), 8 digits of birth date (YYYYMMDD),
//! 3 digits of sequence (odd for men, even for women), and a check digit (ISO 7064 MOD 11-2,
//! where the value 10 is written `X`). The number carries the birth date and sex, so the form
//! derives them instead of asking twice, and a mistyped digit is caught by the check digit.

use chrono::NaiveDate;

/// Weights of the first 17 digits, 2^(17-i) mod 11, from the standard.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder of the weighted sum mod 11.
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// The earliest birth date accepted: nobody alive and on a roster was born before it, so an
/// earlier date is a typing error (and the standard's own 1880 example is refused).
const EARLIEST_BIRTH: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumberInfo {
    /// 18 ASCII characters, with an upper-case `X` if the check digit is 10.
    pub normalized: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdNumberError {
    Empty,
    /// The 15-digit numbers issued before 1999 have no check digit and a 2-digit year; the
    /// holder has an 18-digit number now, and that is the one the roster needs.
    OldFifteenDigit,
    /// The number of characters, after normalization.
    WrongLength(usize),
    /// A character that is not a digit, or an `X` anywhere but last.
    BadCharacter,
    /// Not a calendar date (19900230), or before 1900.
    ImpossibleBirthDate,
    BirthDateInFuture,
    WrongCheckDigit {
        expected: char,
    },
}

/// The check character (`b'0'..=b'9'` or `b'X'`) for the first 17 digits, which must be ASCII
/// digits.
pub fn check_digit(first17: &[u8; 17]) -> u8 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Maps what people type or paste (from Word, from a phone) to ASCII: full-width digits and
/// either case of x. Anything else is not part of an identity number.
fn normalize_char(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8),
        'x' | 'X' | 'ｘ' | 'Ｘ' => Some(b'X'),
        '０'..='９' => Some(b'0' + (c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Validates an identity number and derives what it carries. `today` comes from the caller so
/// the rule stays testable.
pub fn parse_id_number(raw: &str, today: NaiveDate) -> Result<IdNumberInfo, IdNumberError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(IdNumberError::Empty);
    }
    let chars: Vec<u8> = text.chars().map(normalize_char).collect::<Option<_>>().ok_or(IdNumberError::BadCharacter)?;
    // Only the check digit (last of 18) may be X, and the old format had no check digit.
    let (last, rest) = chars.split_last().expect("not empty");
    if rest.contains(&b'X') || (chars.len() == 15 && *last == b'X') {
        return Err(IdNumberError::BadCharacter);
    }
    match chars.len() {
        15 => return Err(IdNumberError::OldFifteenDigit),
        18 => {}
        n => return Err(IdNumberError::WrongLength(n)),
    }
    let digits =
        |range: std::ops::Range<usize>| -> u32 { chars[range].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')) };
    let birth_date = NaiveDate::from_ymd_opt(digits(6..10) as i32, digits(10..12), digits(12..14))
        .filter(|d| *d >= EARLIEST_BIRTH)
        .ok_or(IdNumberError::ImpossibleBirthDate)?;
    if birth_date > today {
        return Err(IdNumberError::BirthDateInFuture);
    }
    let first17: &[u8; 17] = chars[..17].try_into().expect("18 characters checked above");
    let expected = check_digit(first17);
    if chars[17] != expected {
        return Err(IdNumberError::WrongCheckDigit { expected: char::from(expected) });
    }
    let sex = if (chars[16] - b'0') % 2 == 1 { Sex::Male } else { Sex::Female };
    let normalized = String::from_utf8(chars).expect("ASCII after normalization");
    Ok(IdNumberInfo { normalized, birth_date, sex })
}

/// The number as lists and printouts show it: region and last four kept, birth date hidden
/// (430121********1237). Anything that is not 18 characters is hidden entirely, so a malformed
/// value never shows more than a valid one would.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() != 18 {
        return "*".repeat(chars.len());
    }
    chars[..6].iter().chain(&['*'; 8]).chain(&chars[14..]).collect()
}

/// Builds a valid number from its parts: `seq3` is taken mod 1000 and its last digit is moved
/// to the parity of `sex`. For test and sample data; `region6` must be 6 ASCII digits.
pub fn make_id_number(region6: &str, birth: NaiveDate, seq3: u16, sex: Sex) -> String {
    assert!(region6.len() == 6 && region6.bytes().all(|b| b.is_ascii_digit()), "region must be 6 digits: {region6:?}");
    let seq = seq3 % 1000;
    let seq = match sex {
        Sex::Male => seq | 1,
        Sex::Female => seq & !1,
    };
    let first17 = format!("{region6}{}{seq:03}", birth.format("%Y%m%d"));
    let bytes: &[u8; 17] = first17.as_bytes().try_into().expect("birth year must have 4 digits");
    let check = char::from(check_digit(bytes));
    format!("{first17}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    // 430121 19900101 123: the weighted sum is
    //   4·7 + 3·9 + 0·10 + 1·5 + 2·8 + 1·4 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 1·8 + 2·4 + 3·2
    //   = 28 + 27 + 0 + 5 + 16 + 4 + 2 + 9 + 54 + 0 + 0 + 9 + 0 + 5 + 8 + 8 + 6 = 181,
    // 181 mod 11 = 5, and "10X98765432"[5] = '7'. The sequence 123 is odd: a man.
    const VALID: &str = "430121199001011237";

    // The standard's own example, 11010519491231002: the sum is 167, 167 mod 11 = 2 → 'X';
    // sequence 002 is even: a woman.
    const VALID_X: &str = "11010519491231002X";

    #[test]
    fn check_digits_match_hand_computed_examples() {
        assert_eq!(check_digit(b"43012119900101123"), b'7');
        assert_eq!(check_digit(b"11010519491231002"), b'X');
        // GB 11643's other example (born 1880): sum 195, 195 mod 11 = 8 → '4'.
        assert_eq!(check_digit(b"44052418800101001"), b'4');
    }

    #[test]
    fn a_valid_number_gives_birth_date_and_sex() {
        let info = parse_id_number(VALID, today()).unwrap();
        assert_eq!(info, IdNumberInfo { normalized: VALID.into(), birth_date: day("1990-01-01"), sex: Sex::Male });
        let info = parse_id_number(VALID_X, today()).unwrap();
        assert_eq!(info.birth_date, day("1949-12-31"));
        assert_eq!(info.sex, Sex::Female);
    }

    #[test]
    fn a_wrong_check_digit_names_the_expected_one() {
        assert_eq!(
            parse_id_number("430121199001011234", today()),
            Err(IdNumberError::WrongCheckDigit { expected: '7' })
        );
        assert_eq!(
            parse_id_number("110105194912310021", today()),
            Err(IdNumberError::WrongCheckDigit { expected: 'X' })
        );
    }

    #[test]
    fn birth_dates_must_be_real_and_in_range() {
        let with_date = |date: &str| make_first17_with_valid_check(&format!("430121{date}123"));
        assert_eq!(parse_id_number(&with_date("19900230"), today()), Err(IdNumberError::ImpossibleBirthDate));
        assert_eq!(parse_id_number(&with_date("19901301"), today()), Err(IdNumberError::ImpossibleBirthDate));
        assert_eq!(parse_id_number(&with_date("18991231"), today()), Err(IdNumberError::ImpossibleBirthDate));
        assert_eq!(parse_id_number("440524188001010014", today()), Err(IdNumberError::ImpossibleBirthDate));
        assert_eq!(parse_id_number(&with_date("20261125"), today()), Err(IdNumberError::BirthDateInFuture));
        assert!(parse_id_number(&with_date("20261124"), today()).is_ok(), "born today is possible");
        assert!(parse_id_number(&with_date("19000101"), today()).is_ok());
        assert!(parse_id_number(&with_date("20000229"), today()).is_ok(), "2000 is a leap year");
    }

    fn make_first17_with_valid_check(first17: &str) -> String {
        let check = check_digit(first17.as_bytes().try_into().unwrap());
        format!("{first17}{}", char::from(check))
    }

    #[test]
    fn old_fifteen_digit_numbers_are_refused() {
        assert_eq!(parse_id_number("430121900101123", today()), Err(IdNumberError::OldFifteenDigit));
    }

    #[test]
    fn wrong_lengths_and_characters_are_refused() {
        assert_eq!(parse_id_number("", today()), Err(IdNumberError::Empty));
        assert_eq!(parse_id_number("   ", today()), Err(IdNumberError::Empty));
        assert_eq!(parse_id_number("43012119900101123", today()), Err(IdNumberError::WrongLength(17)));
        assert_eq!(parse_id_number("4301211990010112377", today()), Err(IdNumberError::WrongLength(19)));
        assert_eq!(
            parse_id_number("43012119900101123X", today()),
            Err(IdNumberError::WrongCheckDigit { expected: '7' })
        );
        assert_eq!(parse_id_number("4301211990O1011237", today()), Err(IdNumberError::BadCharacter));
        assert_eq!(parse_id_number("430121 199001011237", today()), Err(IdNumberError::BadCharacter));
        assert_eq!(parse_id_number("43012119900101123-7", today()), Err(IdNumberError::BadCharacter));
        assert_eq!(parse_id_number("4301211990010112X7", today()), Err(IdNumberError::BadCharacter));
        assert_eq!(parse_id_number("43012190010112X", today()), Err(IdNumberError::BadCharacter));
    }

    #[test]
    fn pasted_forms_are_normalized() {
        let lower = parse_id_number(" 11010519491231002x\t", today()).unwrap();
        assert_eq!(lower.normalized, VALID_X);
        let wide = parse_id_number("４３０１２１１９９００１０１１２３７", today()).unwrap();
        assert_eq!(wide.normalized, VALID);
        let wide_x = parse_id_number("\u{3000}１１０１０５１９４９１２３１００２Ｘ", today()).unwrap();
        assert_eq!(wide_x.normalized, VALID_X);
        assert_eq!(parse_id_number("11010519491231002ｘ", today()).unwrap().normalized, VALID_X);
    }

    #[test]
    fn masking_keeps_region_and_last_four() {
        assert_eq!(mask_id_number(VALID), "430121********1237");
        assert_eq!(mask_id_number(VALID_X), "110105********002X");
        assert_eq!(mask_id_number("12345"), "*****");
        assert_eq!(mask_id_number(""), "");
    }

    #[test]
    fn made_numbers_are_valid_and_carry_their_parts() {
        assert_eq!(make_id_number("430121", day("1990-01-01"), 123, Sex::Male), VALID);
        assert_eq!(make_id_number("110105", day("1949-12-31"), 3, Sex::Female), VALID_X);
        for seq in [0, 1, 8, 9, 999, 1234] {
            for sex in [Sex::Male, Sex::Female] {
                let id = make_id_number("430181", day("1956-02-29"), seq, sex);
                let info = parse_id_number(&id, today()).unwrap();
                assert_eq!((info.birth_date, info.sex), (day("1956-02-29"), sex), "{id}");
            }
        }
    }
}
