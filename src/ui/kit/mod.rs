//! What the sections share: the labelled inputs and form helpers (`fields`, `inputs`), read-only
//! data tables (`table`), the audit trail card (`trail`) and the page of a section still being
//! built (`coming`).

pub mod coming;
pub mod fields;
pub mod inputs;
pub mod table;
pub mod trail;
