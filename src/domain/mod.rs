//! The functional core: the model, its validation and rules, the record envelope and merge.
//! Pure Rust: no web-sys, no Leptos, no I/O, no reading of the clock (callers pass `now`).

pub mod audit;
pub mod cadre;
pub mod clock;
pub mod date;
pub mod development;
pub mod id_number;
pub mod member;
pub mod member_event;
pub mod member_form;
pub mod order;
pub mod org;
pub mod org_ops;
pub mod person;
pub mod pinyin;
pub mod record;
pub mod replica;
pub mod roster;
pub mod roster_import;
pub mod search;
pub mod station;
pub mod stats;
pub mod training;
pub mod wire;
