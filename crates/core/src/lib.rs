//! The record envelope and its merge, the heart of sharing between stations: hybrid logical
//! clocks, station ids, records and their field-by-field merge, the canonical wire form, a
//! station's replica of records, and the audit trail edits leave.
//! Pure Rust: no web-sys, no Leptos, no I/O, no reading of the clock (callers pass `now`).
//! It knows no kind of record by its fields: `dangjian-domain` does.

pub mod audit;
pub mod bin;
pub mod clock;
pub mod field_name;
pub mod hash;
pub mod record;
pub mod replica;
pub mod sort;
pub mod sorted_map;
pub mod station;
pub mod wire;
