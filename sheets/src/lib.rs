//! Rosters in and out of spreadsheets, for the organization office that keeps its members in
//! Excel. Pure Rust, no browser: the lazily loaded web worker (`sheets/worker`) wraps it, and the
//! main app depends on it only for the types (without the `read` feature).
//!
//! - [`read_workbook`]: .xlsx, .xls (Excel 97-2003), .csv (UTF-8 with or without BOM, else GBK /
//!   GB18030 as Excel on Chinese Windows saves it) into sheets of cell text.
//! - [`write_xlsx`], [`write_csv`]: rows of text out, neutralized against formula injection.
//!
//! Cell text: dates (date-formatted cells) as `YYYY-MM-DD`, numbers as Excel shows them in the
//! General format but never in scientific notation, booleans `TRUE`/`FALSE`, errors `#N/A`….
//! `rows[r][c]` is the cell in Excel row `r + 1`, column `c` (A = 0); trailing empty cells and
//! rows are left out.

use serde::{Deserialize, Serialize};

// Without `read`, the reading half of these is unused.
#[cfg_attr(not(feature = "read"), allow(dead_code))]
mod cell;
#[cfg_attr(not(feature = "read"), allow(dead_code))]
mod csv;
#[cfg(feature = "read")]
mod read;
#[cfg(feature = "read")]
mod xls_check;
mod xlsx;
mod zip;

pub use cell::needs_neutralizing;
pub use csv::write_csv;
#[cfg(feature = "read")]
pub use read::read_workbook;
pub use xlsx::write_xlsx;

/// A spreadsheet file as read: its sheets in workbook order (a CSV file has one, named after
/// the file).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    /// Hidden in Excel (templates often keep lookup lists, such as 民族, on a hidden sheet).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    pub rows: Vec<Vec<String>>,
    /// Cells whose text can't be trusted, for the importer to show to the user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<CellWarning>,
}

/// A cell (row and column from 0, as in `Sheet::rows`) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellWarning {
    pub row: u32,
    pub col: u32,
    pub kind: WarningKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WarningKind {
    /// A number of more than 15 digits (an 18-digit 公民身份号码 typed into a number cell).
    /// Excel keeps only 15 significant digits, so the last ones were already zeros in the file:
    /// the text shows what Excel shows (`430121198001011000`) and the true digits are lost.
    /// Also a CSV cell in scientific notation (`4.30121E+17`): Excel saved it as it showed it.
    DigitsLost,
}

/// Why a file could not be read. Worded for people by the app (`ui/text.rs` in the main crate),
/// which keeps every visible string in one place. Serde's default form: `"Encrypted"`,
/// `{"Corrupt":"detail"}` (an adjacently tagged form cost the main wasm 3 KB gzip more to read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetError {
    /// The file has no bytes at all.
    Empty,
    /// Neither Excel nor CSV (a Word file, a picture, an .ods…).
    NotSpreadsheet,
    /// Named .xls but really a web page or "XML Spreadsheet 2003", as many systems export:
    /// Excel opens it (with a warning) and can save it as .xlsx.
    WebPageAsXls,
    /// Excel's "encrypt with password" (an encrypted .xlsx is an OLE file; an .xls has FILEPASS).
    Encrypted,
    /// Looks like Excel but can't be read; the detail is technical, for support.
    Corrupt(String),
    /// Read, but every sheet is empty.
    NoData,
}
