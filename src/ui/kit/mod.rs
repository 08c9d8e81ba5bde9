//! What the sections share: the labelled inputs and form helpers (`fields`), read-only
//! data tables (`table`), the audit trail card (`trail`), what keeps a section off the page from recomputing (`shown`), and the fold
//! buttons of an organization tree (`tree`), the spreadsheet import page (`import`), the file chooser (`file_picker`), 导出 Excel
//! of a page's table (`export`), and `When`, the one `<Show>` (`when`).

pub mod export;
pub mod fields;
pub mod file_picker;
pub mod import;
pub mod shown;
pub mod table;
pub mod trail;
pub mod tree;
pub mod when;
