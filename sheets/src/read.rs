//! Reading: what kind of file it is (by its bytes first, its name second), then calamine for
//! .xlsx and .xls, our own CSV reader for text.

use crate::cell::{date_text, is_scientific, normalize_date, number_text};
use crate::{csv, CellWarning, Sheet, SheetError, WarningKind, Workbook};
use calamine::{Data, Range, Reader, SheetVisible, Xls, Xlsx};
use std::io::Cursor;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// Compound File Binary (OLE2): an .xls, or an encrypted .xlsx.
const CFB_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Reads a spreadsheet file. `file_name` only decides between CSV and "not a spreadsheet" for
/// text; the bytes decide between .xlsx and .xls, so a file with the wrong extension still
/// reads.
pub fn read_workbook(bytes: &[u8], file_name: &str) -> Result<Workbook, SheetError> {
    if bytes.is_empty() {
        return Err(SheetError::Empty);
    }
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let workbook = if bytes.starts_with(ZIP_MAGIC) {
        read_xlsx(bytes)?
    } else if bytes.starts_with(CFB_MAGIC) {
        read_xls(bytes)?
    } else if looks_like_markup(bytes) {
        return Err(if matches!(ext.as_str(), "xls" | "xlsx" | "et") {
            SheetError::WebPageAsXls
        } else {
            SheetError::NotSpreadsheet
        });
    } else if looks_like_text(bytes) && matches!(ext.as_str(), "csv" | "txt" | "tsv" | "xls") {
        // Some systems export tab-separated text named .xls; Excel opens those too.
        read_csv(bytes, file_name)
    } else {
        return Err(SheetError::NotSpreadsheet);
    };
    if workbook.sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(SheetError::NoData);
    }
    Ok(workbook)
}

fn read_xlsx(bytes: &[u8]) -> Result<Workbook, SheetError> {
    // A zip ends with its directory; a file cut short (an interrupted copy) has none.
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    if !contains(tail, b"PK\x05\x06") {
        return Err(SheetError::Corrupt("zip: no end of central directory (the file is incomplete)".into()));
    }
    // Zip file names are stored as plain text: no workbook part means a .docx, an .ods…
    if !contains(bytes, b"xl/workbook.xml") && !contains(bytes, b"xl/workbook.bin") {
        return Err(SheetError::NotSpreadsheet);
    }
    if contains(bytes, b"xl/workbook.bin") && !contains(bytes, b"xl/workbook.xml") {
        // .xlsb: Excel's binary workbook, rare; calamine could read it at more wasm.
        return Err(SheetError::NotSpreadsheet);
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let metadata = book.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metadata.len());
    for meta in metadata {
        if meta.typ != calamine::SheetType::WorkSheet {
            continue; // chart sheets, dialog sheets
        }
        let range = book.worksheet_range(&meta.name).map_err(xlsx_error)?;
        sheets.push(sheet(meta.name, meta.visible != SheetVisible::Visible, &range));
    }
    Ok(Workbook { sheets })
}

fn read_xls(bytes: &[u8]) -> Result<Workbook, SheetError> {
    // An encrypted .xlsx is an OLE file holding the encrypted zip: calamine's Xlsx says so.
    if contains(bytes, &utf16("EncryptedPackage")) {
        return Err(SheetError::Encrypted);
    }
    // A damaged file that would have calamine loop or reserve memory until it runs out (sector
    // chains in circles, a sheet's size beyond reason): refused first.
    crate::xls_check::check(bytes).map_err(|why| SheetError::Corrupt(why.into()))?;
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    let metadata = book.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metadata.len());
    for meta in metadata {
        if meta.typ != calamine::SheetType::WorkSheet {
            continue;
        }
        let range = book.worksheet_range(&meta.name).map_err(xls_error)?;
        sheets.push(sheet(meta.name, meta.visible != SheetVisible::Visible, &range));
    }
    Ok(Workbook { sheets })
}

/// A CSV file as one sheet named after the file. Dates in the forms Excel writes (`1980/1/1`)
/// become `YYYY-MM-DD`; numbers Excel wrote in scientific notation are flagged.
fn read_csv(bytes: &[u8], file_name: &str) -> Workbook {
    let text = csv::decode(bytes);
    let mut rows = csv::parse(&text);
    let mut warnings = Vec::new();
    for (r, row) in rows.iter_mut().enumerate() {
        while row.last().is_some_and(|c| c.is_empty()) {
            row.pop();
        }
        for (c, cell) in row.iter_mut().enumerate() {
            if let Some(date) = normalize_date(cell) {
                *cell = date;
            } else if is_scientific(cell.trim()) {
                warnings.push(CellWarning { row: r as u32, col: c as u32, kind: WarningKind::DigitsLost });
            }
        }
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name = stem.rsplit_once('.').map_or(stem, |(s, _)| s).to_owned();
    Workbook { sheets: vec![Sheet { name, hidden: false, rows, warnings }] }
}

/// A calamine range as rows of text from A1 (the range itself starts at the first used cell).
fn sheet(name: String, hidden: bool, range: &Range<Data>) -> Sheet {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut warnings = Vec::new();
    let Some((top, left)) = range.start() else {
        return Sheet { name, hidden, rows, warnings };
    };
    rows.resize(top as usize, Vec::new());
    for (i, cells) in range.rows().enumerate() {
        let r = top as usize + i;
        let mut row = vec![String::new(); left as usize];
        for (j, value) in cells.iter().enumerate() {
            let (text, lost) = cell_text(value);
            if lost {
                warnings.push(CellWarning { row: r as u32, col: left + j as u32, kind: WarningKind::DigitsLost });
            }
            row.push(text);
        }
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    Sheet { name, hidden, rows, warnings }
}

fn cell_text(value: &Data) -> (String, bool) {
    match value {
        Data::Empty => (String::new(), false),
        Data::String(s) => (s.clone(), false),
        Data::Int(i) => (i.to_string(), false),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).into(), false),
        Data::Error(e) => (e.to_string(), false),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            (date_text(y, mo, d, h, mi, s, dt.as_f64()), false)
        }
        // A duration ([h]:mm): the number of days, as in the General format.
        Data::DateTime(dt) => number_text(dt.as_f64()),
        // ISO dates from cells typed `d` (Strict Open XML): the date part, or as written.
        Data::DateTimeIso(s) => (s.strip_suffix("T00:00:00").unwrap_or(s).replace('T', " "), false),
        Data::DurationIso(s) => (s.clone(), false),
    }
}

fn xlsx_error(e: calamine::XlsxError) -> SheetError {
    match e {
        calamine::XlsxError::Password => SheetError::Encrypted,
        other => SheetError::Corrupt(other.to_string()),
    }
}

fn xls_error(e: calamine::XlsError) -> SheetError {
    match e {
        calamine::XlsError::Password => SheetError::Encrypted,
        other => SheetError::Corrupt(other.to_string()),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// HTML or XML (a web page, or Excel's "XML Spreadsheet 2003"), as far as the first bytes tell.
fn looks_like_markup(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    head.starts_with(b"<?xml")
        || head.starts_with(b"<html")
        || head.starts_with(b"<!doctype")
        || head.starts_with(b"<table")
        || head.starts_with(b"<meta")
}

/// Text rather than binary: no NUL bytes in the first 8 KB (UTF-16 text has a BOM and is
/// allowed its NULs).
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    !bytes[..bytes.len().min(8192)].contains(&0)
}
