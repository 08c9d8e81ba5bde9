//! 民情日记: a cadre's write-up of a visit to a household. Only the sample generator writes
//! diaries so far; these are the fields other stations and the exchange rely on.

use super::kinds::{KindInfo, Reference};
use super::record::kind;

/// The village visited (its organization).
pub const VILLAGE: &str = "village";
/// The cadre who wrote it (their member record), often a township cadre a village never gets.
pub const WRITER: &str = "writer";

pub const KIND: KindInfo = KindInfo {
    name: kind::DIARY,
    label: "民情日记",
    references: &[Reference::to(VILLAGE, kind::ORG), Reference::to(WRITER, kind::MEMBER)],
    other_links: None,
    rank: 3,
    // The largest volume by far: read when the diary page first needs it.
    read_at_start: false,
};
