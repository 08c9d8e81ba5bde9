//! What the domain's unit tests share: a date from its ISO text, and a record id from one byte.

use crate::date::parse_iso;
use crate::record::RecordId;
use chrono::NaiveDate;

/// `2026-11-24` as a date; a test's typo fails loudly, naming the text.
pub fn day(s: &str) -> NaiveDate {
    parse_iso(s).unwrap_or_else(|| panic!("not a date: {s}"))
}

/// A record id made of one byte repeated: distinct bytes, distinct ids, the same in every run.
pub fn rid(n: u8) -> RecordId {
    RecordId::from_random([n; 16])
}
