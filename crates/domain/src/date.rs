//! Dates as people type them and as spreadsheets hold them. Records store `YYYY-MM-DD`; forms and
//! imports accept the ways dates are written in Chinese offices.

use chrono::{Datelike, Months, NaiveDate};

// Written by hand rather than with chrono's `format`/`parse_from_str`: those bring chrono's
// format-string machinery into the wasm for the one format we store.

/// The stored form.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Year and month as printed rosters give them (出生年月, 入党时间): `1985.03`.
pub fn year_month(d: NaiveDate) -> String {
    format!("{:04}.{:02}", d.year(), d.month())
}

/// Whether a PC's clock is certainly wrong: it reads a day before the app it runs was built (a
/// dead CMOS battery sets 2000 or 2009). What it stamped would sort before what was made earlier.
pub fn clock_before_build(today: NaiveDate, built: NaiveDate) -> bool {
    today < built
}

/// Reads a stored date: exactly `YYYY-MM-DD`.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())?.iter().all(u8::is_ascii_digit).then(|| text[r].parse().ok()).flatten()
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateInputError {
    /// Not a calendar date in any accepted form.
    Invalid,
    /// Year and month only (档案 often has 1985.03): the day is needed.
    DayMissing,
}

/// Reads a date as typed or pasted: 1985-03-12, 1985/3/12, 1985.3.12, 1985年3月12日, 19850312,
/// with full-width digits too. Empty text is `Ok(None)`.
pub fn parse_user_date(text: &str) -> Result<Option<NaiveDate>, DateInputError> {
    let normalized: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' => '-',
            '／' => '/',
            '．' | '。' => '.',
            _ => c,
        })
        .collect();
    if normalized.is_empty() {
        return Ok(None);
    }
    if normalized.len() == 8 && normalized.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| normalized[r].parse::<u32>().unwrap_or(0);
        return NaiveDate::from_ymd_opt(n(0..4) as i32, n(4..6), n(6..8)).map(Some).ok_or(DateInputError::Invalid);
    }
    let parts: Vec<&str> =
        normalized.split(['-', '/', '.', '年', '月', '日', '号']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let numbers: Option<Vec<u32>> =
        parts.iter().map(|p| p.bytes().all(|b| b.is_ascii_digit()).then(|| p.parse().ok()).flatten()).collect();
    match numbers.as_deref() {
        Some([y, m, d]) if parts[0].len() == 4 => {
            NaiveDate::from_ymd_opt(*y as i32, *m, *d).map(Some).ok_or(DateInputError::Invalid)
        }
        Some([y, m]) if parts[0].len() == 4 && (1..=12).contains(m) && *y > 1800 => Err(DateInputError::DayMissing),
        _ => Err(DateInputError::Invalid),
    }
}

/// `date` plus whole months. A period counted in months ends on the same day of the month, or on
/// the month's last day when it has no such day (the civil-law rule for periods, 没有对应日的，月末日
/// 为期间的最后一日): a month after 01-31 is 02-28 (02-29 in a leap year), a year after 02-29 is
/// 02-28. Saturates at the end of the calendar instead of panicking on a corrupt far-future date.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// `date` minus whole months, clamped to the month's end like `add_months`.
pub fn sub_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
}

pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    add_months(date, years.saturating_mul(12))
}

/// The first day of `date`'s month.
pub fn month_first(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("every month has a first day")
}

/// The last day of `date`'s month.
pub fn month_last(date: NaiveDate) -> NaiveDate {
    add_months(month_first(date), 1).pred_opt().unwrap_or(NaiveDate::MAX)
}

/// January 1 and December 31 of a year (clamped to the calendar's range).
pub fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(if year < 0 { NaiveDate::MIN } else { NaiveDate::MAX });
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(first);
    (first, last)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a calendar date in `YYYY-MM-DD` form.
    Invalid,
    /// After today, for something that has already happened.
    InFuture,
}

/// A date as typed into an optional field: empty is `None`. With `not_after`, a later date is
/// refused (a recorded event cannot have happened tomorrow).
pub fn parse_input(text: &str, not_after: Option<NaiveDate>) -> Result<Option<NaiveDate>, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let d = parse_user_date(text).ok().flatten().ok_or(DateError::Invalid)?;
    if not_after.is_some_and(|limit| d > limit) {
        return Err(DateError::InFuture);
    }
    Ok(Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    fn d(s: &str) -> Option<NaiveDate> {
        parse_iso(s)
    }

    #[test]
    fn accepts_the_ways_offices_write_dates() {
        for text in
            ["1985-03-12", "1985/3/12", "1985.3.12", "1985年3月12日", "19850312", "１９８５－03－12", " 1985.03.12 "]
        {
            assert_eq!(parse_user_date(text), Ok(d("1985-03-12")), "{text}");
        }
        assert_eq!(parse_user_date(""), Ok(None));
    }

    #[test]
    fn stored_dates_round_trip_and_nothing_else_is_read_as_one() {
        let d = NaiveDate::from_ymd_opt(1985, 3, 12).unwrap();
        assert_eq!(iso(d), "1985-03-12");
        assert_eq!(parse_iso("1985-03-12"), Some(d));
        for bad in ["1985-3-12", "1985/03/12", "1985-02-30", "+985-03-12", "1985-03-1x", ""] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        assert_eq!(parse_user_date("1985-02-30"), Err(DateInputError::Invalid));
        assert_eq!(parse_user_date("85.3.12"), Err(DateInputError::Invalid));
        assert_eq!(parse_user_date("三月"), Err(DateInputError::Invalid));
        assert_eq!(parse_user_date("1985.03"), Err(DateInputError::DayMissing));
        assert_eq!(parse_user_date("19851312"), Err(DateInputError::Invalid));
    }

    #[test]
    fn months_end_on_the_corresponding_day_or_the_month_end() {
        assert_eq!(add_months(day("2025-01-15"), 1), day("2025-02-15"));
        assert_eq!(add_months(day("2025-01-31"), 1), day("2025-02-28"));
        assert_eq!(add_months(day("2024-01-31"), 1), day("2024-02-29"));
        assert_eq!(add_months(day("2025-08-31"), 3), day("2025-11-30"));
        assert_eq!(add_months(day("2025-12-31"), 1), day("2026-01-31"));
        assert_eq!(add_years(day("2024-02-29"), 1), day("2025-02-28"));
        assert_eq!(add_years(day("2024-02-29"), 4), day("2028-02-29"));
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(sub_months(day("2025-03-31"), 1), day("2025-02-28"));
        assert_eq!(sub_months(day("2024-03-31"), 1), day("2024-02-29"));
        assert_eq!(sub_months(NaiveDate::MIN, 1), NaiveDate::MIN);
    }

    #[test]
    fn month_and_year_bounds() {
        assert_eq!(month_first(day("2024-02-17")), day("2024-02-01"));
        assert_eq!(month_last(day("2024-02-17")), day("2024-02-29"));
        assert_eq!(month_last(day("2025-02-01")), day("2025-02-28"));
        assert_eq!(month_last(day("2025-12-05")), day("2025-12-31"));
        assert_eq!(year_bounds(2025), (day("2025-01-01"), day("2025-12-31")));
    }

    #[test]
    fn typed_dates() {
        let today = day("2026-11-24");
        assert_eq!(parse_input("  ", Some(today)), Ok(None));
        assert_eq!(parse_input(" 2026-11-24 ", Some(today)), Ok(Some(today)));
        assert_eq!(parse_input("2026-11-25", Some(today)), Err(DateError::InFuture));
        assert_eq!(parse_input("2026-11-25", None), Ok(Some(day("2026-11-25"))));
        assert_eq!(parse_input("2025-02-29", Some(today)), Err(DateError::Invalid));
        assert_eq!(parse_input("2025年2月1日", Some(today)), Ok(Some(day("2025-02-01"))));
        assert_eq!(iso(day("2025-03-04")), "2025-03-04");
        assert_eq!(year_month(day("1985-03-12")), "1985.03");
    }

    #[test]
    fn a_clock_before_the_build_is_wrong() {
        let built = day("2026-12-07");
        assert!(clock_before_build(day("2009-01-01"), built));
        assert!(clock_before_build(day("2026-12-06"), built));
        assert!(!clock_before_build(built, built));
        assert!(!clock_before_build(day("2031-05-01"), built));
    }
}
