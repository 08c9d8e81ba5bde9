//! Cell values as text, dates as Excel serial numbers, and which texts a spreadsheet program
//! could take for a formula.

/// Excel keeps 15 significant digits: an integer this large was rounded when it was typed in.
pub(crate) const EXACT_LIMIT: f64 = 1e15;

/// A number as Excel's General format shows it, but never in scientific notation: at most 15
/// significant digits, integers in full (`430121198001011000`, not `4.30121E+17`).
/// Returns the text and whether digits were lost (an integer of more than 15 digits).
pub(crate) fn number_text(v: f64) -> (String, bool) {
    if !v.is_finite() {
        return ("#NUM!".into(), false);
    }
    if v == v.trunc() && v.abs() < EXACT_LIMIT {
        return (format!("{}", v as i64), false);
    }
    // Round to 15 significant digits (what Excel stores and shows), then the shortest text.
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    if rounded == rounded.trunc() {
        // `{:.0}` of the rounded value prints the binary value's digits (…1008); Excel shows
        // the 15 digits it kept followed by zeros.
        let digits = format!("{:.14e}", rounded.abs());
        let (mantissa, exp) = digits.split_once('e').unwrap_or((&digits, "0"));
        let exp: usize = exp.parse().unwrap_or(0);
        let mut out: String = mantissa.chars().filter(|c| *c != '.').collect();
        while out.len() < exp + 1 {
            out.push('0');
        }
        out.truncate(exp + 1);
        if rounded < 0.0 {
            out.insert(0, '-');
        }
        return (out, rounded.abs() >= EXACT_LIMIT);
    }
    (format!("{rounded}"), false)
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian), after H. Hinnant's algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Excel's serial for 1970-01-01 in the 1900 date system (which counts 1900-02-29, a day that
/// never was, so serials from 61 on are one more than the true day count from 1899-12-31).
const SERIAL_1970: i64 = 25569;

/// A `YYYY-MM-DD` text as an Excel serial (1900 system), if it is a real date Excel can show
/// without the 1900 leap-year oddity (1900-03-01 on).
pub(crate) fn date_serial(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r].iter().try_fold(0i64, |n, c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    if civil_from_days(days) != (y, m, d) {
        return None; // 2026-02-30
    }
    let serial = days + SERIAL_1970;
    (serial >= 61).then_some(serial as u32)
}

/// A date as Excel writes it into CSV on Chinese Windows (`1980/1/1`, `2026/11/23 8:30`, also
/// `1980-1-1`) as `YYYY-MM-DD` (` HH:MM:SS`), the form dates take everywhere else.
pub(crate) fn normalize_date(text: &str) -> Option<String> {
    let (date, time) = match text.split_once(' ') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let sep = if date.contains('/') { '/' } else { '-' };
    let mut parts = date.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits =
        |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    if parts.next().is_some() || !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) || d < 1 || civil_from_days(days_from_civil(y, m, d)) != (y, m, d) {
        return None;
    }
    let mut out = format!("{y:04}-{m:02}-{d:02}");
    if let Some(time) = time {
        let mut hms = time.split(':');
        let (h, mi, s) = (hms.next()?, hms.next()?, hms.next().unwrap_or("0"));
        if hms.next().is_some() || !digits(h, 1, 2) || !digits(mi, 2, 2) || !digits(s, 1, 2) {
            return None;
        }
        let (h, mi, s): (u8, u8, u8) = (h.parse().ok()?, mi.parse().ok()?, s.parse().ok()?);
        if h > 23 || mi > 59 || s > 59 {
            return None;
        }
        out = format!("{out} {h:02}:{mi:02}:{s:02}");
    }
    Some(out)
}

/// `YYYY-MM-DD` (and ` HH:MM:SS` when there is a time of day; `HH:MM:SS` alone below one day)
/// from the parts calamine computes for a date-formatted cell.
pub(crate) fn date_text(y: u16, mo: u8, d: u8, h: u8, mi: u8, s: u8, serial: f64) -> String {
    let time = format!("{h:02}:{mi:02}:{s:02}");
    if (0.0..1.0).contains(&serial) {
        return time;
    }
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {time}")
    }
}

/// Whether a spreadsheet program opening this text could take it for a formula: it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return. Plain numbers (`-5`, `+86`) and a lone `-` or
/// `+` (often written for "none") can't run anything and are left alone.
pub fn needs_neutralizing(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    match first {
        '=' | '@' | '\t' | '\r' => true,
        '+' | '-' => text.len() > 1 && !is_plain_number(&text[1..]),
        _ => false,
    }
}

fn is_plain_number(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    !int.is_empty() && !frac.is_empty() && int.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit())
}

/// A CSV cell that Excel wrote in scientific notation (`4.30121E+17`): a long number whose
/// digits were lost before the file was saved.
pub(crate) fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exp)) = text.split_once(['E', 'e']) else { return false };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    !int.is_empty()
        && int.len() <= 2
        && int.bytes().all(|c| c.is_ascii_digit())
        && frac.bytes().all(|c| c.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|c| c.is_ascii_digit())
        && exp.parse::<u32>().is_ok_and(|e| e >= 11)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_excel_shows_them_without_exponents() {
        assert_eq!(number_text(42.0), ("42".into(), false));
        assert_eq!(number_text(-3.5), ("-3.5".into(), false));
        assert_eq!(number_text(0.1 + 0.2), ("0.3".into(), false));
        assert_eq!(number_text(430121800101123.0), ("430121800101123".into(), false), "a 15-digit ID is exact");
        // What an 18-digit ID typed into a number cell becomes: 15 digits kept, zeros after.
        assert_eq!(number_text(430121198001011234.0), ("430121198001011000".into(), true));
        assert_eq!(number_text(4.30121e17), ("430121000000000000".into(), true));
        assert_eq!(number_text(1e15), ("1000000000000000".into(), true));
    }

    #[test]
    fn dates_and_serials() {
        assert_eq!(date_serial("1900-03-01"), Some(61));
        assert_eq!(date_serial("1970-01-01"), Some(25569));
        assert_eq!(date_serial("2026-11-23"), Some(46349));
        assert_eq!(date_serial("1980-02-29"), Some(29280));
        assert_eq!(date_serial("1981-02-29"), None);
        assert_eq!(date_serial("1900-01-05"), None, "before the 1900 leap-year oddity: kept as text");
        assert_eq!(date_serial("2026-1-23"), None);
        assert_eq!(date_serial("２０２６-11-23"), None);
        assert_eq!(date_text(2026, 11, 23, 0, 0, 0, 46349.0), "2026-11-23");
        assert_eq!(date_text(2026, 11, 23, 8, 30, 0, 46349.35), "2026-11-23 08:30:00");
        assert_eq!(date_text(1899, 12, 31, 8, 30, 0, 0.35), "08:30:00");
    }

    #[test]
    fn csv_dates_as_excel_writes_them() {
        assert_eq!(normalize_date("1980/1/1").as_deref(), Some("1980-01-01"));
        assert_eq!(normalize_date("1980-1-1").as_deref(), Some("1980-01-01"));
        assert_eq!(normalize_date("2026/11/23 8:30").as_deref(), Some("2026-11-23 08:30:00"));
        assert_eq!(normalize_date("2026-11-23 08:30:05").as_deref(), Some("2026-11-23 08:30:05"));
        for not in ["1980/2/30", "1980.1.1", "1980/1", "80/1/1", "0731-84000000", "2026/11/23 25:00", "张三"] {
            assert_eq!(normalize_date(not), None, "{not}");
        }
    }

    #[test]
    fn formula_like_text() {
        for bad in [
            "=1+2",
            "=HYPERLINK(\"http://x\")",
            "@SUM(A1)",
            "+1+1",
            "-2+3",
            "\t=1",
            "\r=1",
            "=",
            "-A1",
            "+86 138 0000 0000",
        ] {
            assert!(needs_neutralizing(bad), "{bad:?}");
        }
        for fine in ["", "张三", "-", "+", "-5", "+8613800000000", "3.5", "-0.25", "1=1", "a@b.cn", "—"] {
            assert!(!needs_neutralizing(fine), "{fine:?}");
        }
    }

    #[test]
    fn scientific_notation_of_long_numbers() {
        assert!(is_scientific("4.30121E+17"));
        assert!(is_scientific("4.30121198001011E+17"));
        assert!(!is_scientific("1E+3"));
        assert!(!is_scientific("E+17"));
        assert!(!is_scientific("430121198001011234"));
        assert!(!is_scientific("ESSEX"));
    }
}
