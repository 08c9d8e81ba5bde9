//! The model: organizations, members, development, cadres, training; their validation and rules,
//! search and statistics. Built on the record core (`dangjian-core`), whose modules it re-exports
//! so that callers name one crate for the model.
//! Pure Rust: no web-sys, no Leptos, no I/O, no reading of the clock (callers pass `now`).

pub use dangjian_core::{audit, clock, hash, record, replica, sort, station, wire};

#[cfg(any(test, feature = "sample"))]
pub mod sample;

pub mod cadre;
pub mod date;
pub mod development;
pub mod diary;
pub mod diary_index;
pub mod diary_lists;
pub mod diary_report;
pub mod diary_search;
pub mod diary_snapshot;
pub mod diary_step;
pub mod duplicates;
pub mod household;
pub mod household_import;
pub mod id_number;
pub mod identity;
pub mod kinds;
pub mod member;
pub mod member_event;
pub mod member_form;
pub mod order;
pub mod org;
pub mod org_ops;
pub mod person;
pub mod pinyin;
pub mod roster;
pub mod roster_import;
pub mod scoring;
pub mod search;
pub mod sheet_import;
pub mod stats;
#[cfg(test)]
mod test_support;
pub mod training;
