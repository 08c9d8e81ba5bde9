//! 公示: a result is made public for a period before it stands, and anyone may object until the
//! period ends. The period is counted in working days (the common practice: 5) or in calendar
//! days; the notice names the 民主评议 results that must be made public (优秀 and 不合格).
//!
//! Statutory holidays are not known here (they move every year): a clerk whose period runs over
//! one lengthens it by hand.

use super::review::{Grade, MemberResult};
use crate::date::parse_user_date;
use crate::record::RecordId;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The field names a problem belongs to.
pub const START: &str = "start";
pub const DAYS: &str = "days";

/// The common practice: five working days.
pub const DEFAULT_DAYS: u32 = 5;
/// A longer period is a typing slip, not a 公示.
pub const MAX_DAYS: u32 = 30;

/// How a period's days are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DayCount {
    /// Monday to Friday.
    #[default]
    Working,
    Calendar,
}

impl DayCount {
    pub const ALL: [DayCount; 2] = [DayCount::Working, DayCount::Calendar];

    pub fn label(self) -> &'static str {
        match self {
            DayCount::Working => "工作日",
            DayCount::Calendar => "自然日",
        }
    }

    pub fn from_label(text: &str) -> Option<DayCount> {
        DayCount::ALL.into_iter().find(|c| c.label() == text)
    }
}

fn working(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The last day of a period of `days` (at least one) that begins on `start`. In working days a
/// period that begins on a weekend begins on the Monday after.
pub fn period_end(start: NaiveDate, days: u32, count: DayCount) -> NaiveDate {
    let days = days.max(1);
    match count {
        DayCount::Calendar => start.checked_add_days(Days::new(u64::from(days) - 1)).unwrap_or(start),
        DayCount::Working => {
            let (mut day, mut left) = (start, days);
            loop {
                if working(day) {
                    left -= 1;
                    if left == 0 {
                        return day;
                    }
                }
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => return day,
                }
            }
        }
    }
}

/// A notice's period as the clerk set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub days: u32,
    pub count: DayCount,
}

impl Period {
    /// `2026年12月7日至2026年12月11日（5个工作日）`
    pub fn words(&self) -> String {
        format!("{}至{}（{}个{}）", date_words(self.start), date_words(self.end), self.days, self.count.label())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeProblem {
    StartMissing,
    StartInvalid,
    DaysInvalid { typed: String },
}

impl NoticeProblem {
    pub fn field(&self) -> &'static str {
        match self {
            NoticeProblem::StartMissing | NoticeProblem::StartInvalid => START,
            NoticeProblem::DaysInvalid { .. } => DAYS,
        }
    }

    pub fn message(&self) -> String {
        match self {
            NoticeProblem::StartMissing => "请填写公示开始日期。".into(),
            NoticeProblem::StartInvalid => "公示开始日期不是有效日期。".into(),
            NoticeProblem::DaysInvalid { typed } => {
                format!("公示天数应为1到{MAX_DAYS}的整数，录入的是「{typed}」。")
            }
        }
    }
}

/// The period from the start date and the number of days as typed.
pub fn period(start: &str, days: &str, count: DayCount) -> Result<Period, NoticeProblem> {
    let start = match parse_user_date(start) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(NoticeProblem::StartMissing),
        Err(_) => return Err(NoticeProblem::StartInvalid),
    };
    let typed = days.trim();
    let days = match typed.parse::<u32>() {
        Ok(n) if (1..=MAX_DAYS).contains(&n) => n,
        _ => return Err(NoticeProblem::DaysInvalid { typed: typed.to_string() }),
    };
    Ok(Period { start, end: period_end(start, days, count), days, count })
}

/// A date as a notice writes it: `2026年12月7日`.
pub fn date_words(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The grades a 民主评议 notice makes public.
pub const PUBLISHED_GRADES: [Grade; 2] = [Grade::Excellent, Grade::Unqualified];

/// The members a 民主评议 notice names, with their final grade: 优秀 first, then 不合格, each in
/// the order given (a member with no final grade yet is not named).
pub fn review_published(results: &[MemberResult]) -> Vec<(RecordId, Grade)> {
    PUBLISHED_GRADES
        .iter()
        .flat_map(|g| results.iter().filter(move |r| r.grade == Some(*g)).map(|r| (r.member.clone(), *g)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{day, rid};

    #[test]
    fn five_working_days_from_a_monday_end_on_the_friday() {
        // 2026-12-07 is a Monday.
        assert_eq!(period_end(day("2026-12-07"), 5, DayCount::Working), day("2026-12-11"));
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // From a Thursday: Thu, Fri, Mon, Tue, Wed.
        assert_eq!(period_end(day("2026-12-10"), 5, DayCount::Working), day("2026-12-16"));
        // From a Saturday: it begins on the Monday.
        assert_eq!(period_end(day("2026-12-12"), 1, DayCount::Working), day("2026-12-14"));
        assert_eq!(period_end(day("2026-12-12"), 5, DayCount::Working), day("2026-12-18"));
    }

    #[test]
    fn calendar_days_count_the_first_day() {
        assert_eq!(period_end(day("2026-12-07"), 7, DayCount::Calendar), day("2026-12-13"));
        assert_eq!(period_end(day("2026-12-28"), 7, DayCount::Calendar), day("2027-01-03"));
        assert_eq!(period_end(day("2026-12-07"), 1, DayCount::Calendar), day("2026-12-07"));
    }

    #[test]
    fn the_period_as_typed_or_refused() {
        let p = period("2026年12月7日", " 5 ", DayCount::Working).unwrap();
        assert_eq!((p.start, p.end, p.days), (day("2026-12-07"), day("2026-12-11"), 5));
        assert_eq!(p.words(), "2026年12月7日至2026年12月11日（5个工作日）");
        assert_eq!(period("", "5", DayCount::Working), Err(NoticeProblem::StartMissing));
        assert_eq!(period("2026-13-01", "5", DayCount::Working), Err(NoticeProblem::StartInvalid));
        for typed in ["0", "31", "五", "-1", ""] {
            let p = period("2026-12-07", typed, DayCount::Calendar).unwrap_err();
            assert_eq!(p.field(), DAYS);
            assert_eq!(p.message(), format!("公示天数应为1到30的整数，录入的是「{typed}」。"));
        }
    }

    #[test]
    fn day_counts_by_their_labels() {
        for c in DayCount::ALL {
            assert_eq!(DayCount::from_label(c.label()), Some(c));
        }
        assert_eq!(DayCount::from_label("周"), None);
    }

    #[test]
    fn a_review_notice_names_excellent_then_unqualified() {
        let result = |n: u8, grade: Option<Grade>| MemberResult {
            scheme: None,
            member: rid(n),
            grade,
            steps: Vec::new(),
            count: None,
        };
        let results = vec![
            result(1, Some(Grade::Unqualified)),
            result(2, Some(Grade::Qualified)),
            result(3, Some(Grade::Excellent)),
            result(4, None),
            result(5, Some(Grade::Basic)),
            result(6, Some(Grade::Excellent)),
        ];
        assert_eq!(
            review_published(&results),
            vec![(rid(3), Grade::Excellent), (rid(6), Grade::Excellent), (rid(1), Grade::Unqualified)]
        );
    }
}
