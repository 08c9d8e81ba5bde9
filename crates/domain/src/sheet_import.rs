//! What every spreadsheet import shares (the member roster, a village's households): reading the
//! headers against a table of the names registers give each input, finding the header row, and
//! the rows as checked. Each import owns its table and its own row problems.

/// Each input with the header names that mean it.
pub type HeaderTable<T> = [(T, &'static [&'static str])];

/// A header without spaces, and without a note in brackets or a trailing mark ("出生日期（必填）",
/// "姓名*"), unless the whole header is a name of its own ("村（社区）").
fn clean_header<T>(table: &HeaderTable<T>, text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if table.iter().any(|(_, names)| names.contains(&t.as_str())) {
        return t;
    }
    let t = t.split(['（', '(']).next().unwrap_or_default();
    t.trim_end_matches(['*', '＊', ':', '：']).to_string()
}

/// The input a header names, if any.
pub fn target_of_header<T: Copy>(table: &HeaderTable<T>, text: &str) -> Option<T> {
    let t = clean_header(table, text);
    table.iter().find(|(_, names)| names.contains(&t.as_str())).map(|(target, _)| *target)
}

/// The row holding the headers: the first of the first ten rows naming at least two inputs (a
/// register often has a title row above, "山塘村党支部党员花名册").
pub fn find_header_row<T: Copy>(table: &HeaderTable<T>, rows: &[Vec<String>]) -> Option<usize> {
    rows.iter().take(10).position(|row| row.iter().filter(|c| target_of_header(table, c).is_some()).count() >= 2)
}

/// Each column's input, guessed from its header; an input is given to its first column only.
pub fn guess_mapping<T: Copy + PartialEq>(table: &HeaderTable<T>, headers: &[String]) -> Vec<Option<T>> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|h| {
            let t = target_of_header(table, h).filter(|t| !used.contains(t))?;
            used.push(t);
            Some(t)
        })
        .collect()
}

/// One data row, checked. `row` is the spreadsheet's own row number (1-based, as Excel shows).
#[derive(Clone, Debug, PartialEq)]
pub struct RowResult<P> {
    pub row: usize,
    /// Whose row it is (the member's, the household head's name), for the report.
    pub name: String,
    /// The fields to save; empty when the row has errors.
    pub fields: Vec<(String, serde_json::Value)>,
    pub errors: Vec<P>,
    pub warnings: Vec<P>,
}

impl<P> RowResult<P> {
    pub fn is_good(&self) -> bool {
        self.errors.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan<P> {
    pub rows: Vec<RowResult<P>>,
}

impl<P> ImportPlan<P> {
    pub fn good(&self) -> impl Iterator<Item = &RowResult<P>> {
        self.rows.iter().filter(|r| r.is_good())
    }

    pub fn bad(&self) -> impl Iterator<Item = &RowResult<P>> {
        self.rows.iter().filter(|r| !r.is_good())
    }
}
