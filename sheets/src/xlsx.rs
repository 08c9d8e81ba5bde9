//! Writes one sheet of text as an .xlsx file that Excel (2007 on) and WPS open without
//! complaint: shared strings, a bold frozen header row, columns wide enough for their text.

use crate::cell::{date_serial, needs_neutralizing};
use crate::zip::ZipWriter;
use std::collections::HashMap;
use std::fmt::Write;

// Cell styles (indexes into cellXfs below).
const TEXT: u8 = 1;
const TEXT_QUOTED: u8 = 2;
const DATE: u8 = 3;
const HEADER: u8 = 4;
const HEADER_QUOTED: u8 = 5;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// One sheet of rows as an .xlsx file; the first row is the header (bold, frozen).
///
/// Every cell is written as text (the 文本 number format), so 公民身份号码 keep all 18 digits
/// and leading zeros stay, except `YYYY-MM-DD` dates, which become real Excel dates shown as
/// `2026-11-23` (they sort and filter as dates, and read back as the same text).
///
/// Formula injection: a text cell in an .xlsx file is never evaluated, whatever it begins with
/// (formulas are a separate element, which this writer never emits). A cell that begins like a
/// formula (see [`crate::needs_neutralizing`]) also gets Excel's own "quote prefix" style, the
/// one Excel gives a cell typed as `'=1+2`: Excel and WPS show `=1+2` without an apostrophe and
/// keep it text even when someone edits the cell and presses Enter. The cell's text is unchanged.
pub fn write_xlsx(sheet_name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let mut strings = SharedStrings::default();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    let mut data = String::with_capacity(rows.len() * columns * 24);
    for (r, row) in rows.iter().enumerate() {
        let _ = write!(data, r#"<row r="{}">"#, r + 1);
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            widths[c] = widths[c].max(display_width(text));
            let reference = cell_ref(r, c);
            match date_serial(text) {
                Some(serial) if r > 0 => {
                    let _ = write!(data, r#"<c r="{reference}" s="{DATE}"><v>{serial}</v></c>"#);
                }
                _ => {
                    let quoted = needs_neutralizing(text);
                    let style = match (r == 0, quoted) {
                        (true, false) => HEADER,
                        (true, true) => HEADER_QUOTED,
                        (false, false) => TEXT,
                        (false, true) => TEXT_QUOTED,
                    };
                    let index = strings.index(text);
                    let _ = write!(data, r#"<c r="{reference}" s="{style}" t="s"><v>{index}</v></c>"#);
                }
            }
        }
        data.push_str("</row>");
    }

    let mut sheet = String::with_capacity(data.len() + 1024);
    sheet.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    sheet.push_str("\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
    if !rows.is_empty() && columns > 0 {
        let _ = write!(sheet, r#"<dimension ref="A1:{}"/>"#, cell_ref(rows.len() - 1, columns - 1));
    }
    if rows.len() > 1 {
        sheet.push_str(r#"<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#);
    } else {
        sheet.push_str(r#"<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>"#);
    }
    sheet.push_str(r#"<sheetFormatPr defaultRowHeight="14.25"/>"#);
    if columns > 0 {
        sheet.push_str("<cols>");
        for (c, w) in widths.iter().enumerate() {
            // Width in characters of the default font; CJK characters take two.
            let width = (*w + 2).clamp(6, 60);
            let _ = write!(sheet, r#"<col min="{0}" max="{0}" width="{width}" customWidth="1"/>"#, c + 1);
        }
        sheet.push_str("</cols>");
    }
    sheet.push_str("<sheetData>");
    sheet.push_str(&data);
    sheet.push_str(r#"</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#);

    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(&sheet_title(sheet_name))
    );

    let mut zip = ZipWriter::new();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("xl/workbook.xml", workbook.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    zip.add("xl/sharedStrings.xml", strings.xml().as_bytes());
    zip.add("xl/worksheets/sheet1.xml", sheet.as_bytes());
    zip.finish()
}

#[derive(Default)]
struct SharedStrings {
    index: HashMap<String, usize>,
    list: Vec<String>,
    uses: usize,
}

impl SharedStrings {
    fn index(&mut self, text: &str) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        self.list.push(text.to_owned());
        self.index.insert(text.to_owned(), self.list.len() - 1);
        self.list.len() - 1
    }

    fn xml(&self) -> String {
        let mut out = String::with_capacity(self.list.iter().map(|s| s.len() + 40).sum::<usize>() + 256);
        out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
        let _ = write!(
            out,
            "\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.list.len()
        );
        for s in &self.list {
            out.push_str(r#"<si><t xml:space="preserve">"#);
            out.push_str(&escape(s));
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

/// `A1`-style reference of a cell (row and column from 0).
fn cell_ref(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap_or_default(), row + 1)
}

/// Text for XML. Characters XML 1.0 can't hold (control characters) are written as Excel
/// writes them, `_x0001_`; a literal `_x0041_` in the text is protected the same way.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '_' if is_escape_sequence(&bytes[i..]) => out.push_str("_x005F_"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn is_escape_sequence(b: &[u8]) -> bool {
    b.len() >= 7 && b[0] == b'_' && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

/// A name Excel accepts for a sheet: at most 31 characters, none of `[]:*?/\`, not empty.
fn sheet_title(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).take(31).collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    if cleaned.is_empty() {
        "Sheet1".into()
    } else {
        cleaned.to_owned()
    }
}

fn display_width(text: &str) -> usize {
    text.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(9, 25), "Z10");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(0, 701), "ZZ1");
        assert_eq!(cell_ref(0, 702), "AAA1");
    }

    #[test]
    fn sheet_titles_excel_accepts() {
        assert_eq!(sheet_title("党员名册"), "党员名册");
        assert_eq!(sheet_title("2026/11 名册[草稿]"), "2026_11 名册_草稿_");
        assert_eq!(sheet_title(""), "Sheet1");
        assert_eq!(sheet_title(&"长".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("x\u{1}y"), "x_x0001_y");
        assert_eq!(escape("_x0041_"), "_x005F_x0041_");
        assert_eq!(escape("a_b"), "a_b");
    }
}
