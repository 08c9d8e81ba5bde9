//! Calendar arithmetic the rules share: periods of months and years counted the way regulations
//! count them, and dates as records store them (`YYYY-MM-DD` text).

use chrono::{Datelike, Months, NaiveDate};

/// A date as records store it.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    super::member::parse_date(text.trim())
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
    let d = parse_date(text).ok_or(DateError::Invalid)?;
    if not_after.is_some_and(|limit| d > limit) {
        return Err(DateError::InFuture);
    }
    Ok(Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
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
        assert_eq!(parse_input("2025年2月1日", Some(today)), Err(DateError::Invalid));
        assert_eq!(iso(day("2025-03-04")), "2025-03-04");
    }
}
