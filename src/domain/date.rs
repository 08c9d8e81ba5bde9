//! Dates as people type them and as spreadsheets hold them. Records store `YYYY-MM-DD`; forms and
//! imports accept the ways dates are written in Chinese offices.

use chrono::{Datelike, NaiveDate};

// Written by hand rather than with chrono's `format`/`parse_from_str`: those bring chrono's
// format-string machinery into the wasm for the one format we store.

/// The stored form.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
