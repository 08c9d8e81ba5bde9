//! What the domain's unit tests share: a date from its ISO text, and a record id from one byte.

use crate::date::parse_iso;
use crate::household::{Category, Household};
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

/// An open household of `village` with only a 户主 and categories.
pub fn household(id: RecordId, village: RecordId, head: String, categories: &[Category]) -> Household {
    Household {
        id,
        village: Some(village),
        head,
        id_number: String::new(),
        phone: String::new(),
        group: String::new(),
        address: String::new(),
        people: None,
        categories: categories.to_vec(),
        label: String::new(),
        member: None,
        note: String::new(),
        closed: None,
        closed_reason: None,
    }
}

/// An open organization of `category` named `name`, its id `rid(n)`, under `rid(parent)`.
pub fn org(n: u8, name: &str, category: crate::org::OrgCategory, parent: Option<u8>) -> crate::org::Org {
    crate::org::Org {
        id: rid(n),
        name: name.into(),
        category: Some(category),
        parent: parent.map(rid),
        founded: None,
        secretary: String::new(),
        phone: String::new(),
        closed: None,
        merged_into: None,
    }
}
