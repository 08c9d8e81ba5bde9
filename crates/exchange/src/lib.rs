//! Station exchange files between stations. The record envelope itself (`domain::record`) is the
//! unit they carry. (Spreadsheets are the `sheets` crate.)
//!
//! Station exchange (站点交换) is pure here: the shell reads a file's bytes, calls `read::parse`
//! and `plan::preview`, shows the plan, and writes `plan.to_write` in one transaction; it
//! exports with `export::export` and offers the bytes as a download. See ARCHITECTURE.md,
//! "Station exchange files".

pub mod backup;
pub mod conflict;
pub mod envelope;
pub mod export;
pub mod format;
pub mod held;
pub mod log;
pub mod plan;
pub mod read;
pub mod scope;
pub mod sha256;
pub mod undo;
