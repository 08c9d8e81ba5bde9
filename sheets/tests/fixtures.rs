//! The fixtures in tests/fixtures (made by make_fixtures.py with openpyxl and xlwt, as Excel
//! and older tools write them), round trips through our own writers, and the refusals.

use sheets::{read_workbook, write_csv, write_xlsx, CellWarning, SheetError, WarningKind, Workbook};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
    r.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

const HEADER: &[&str] =
    &["姓名", "性别", "民族", "公民身份号码", "出生日期", "入党日期", "联系电话", "备注", "登记时间"];

/// The roster as every format must give it, except the rounded ID, which differs by format.
fn roster(rounded_id: &str) -> Vec<Vec<String>> {
    rows(&[
        HEADER,
        &[
            "张三",
            "男",
            "汉族",
            "430121198001011234",
            "1980-01-01",
            "2001-07-01",
            "13800000001",
            "",
            "2026-11-23 08:30:00",
        ],
        &["李四", "女", "土家族", rounded_id, "1985-02-02", "2010-12-20", "13800000002", "身份证号存成了数字"],
        &["王五", "男", "苗族", "430121800303123", "1980-03-03", "", "0731-84000000", "=1+2"],
        &["欧阳秀英", "女", "汉族", "43012119900404004X", "1990-04-04", "2016-06-30", "", "预备党员"],
    ])
}

fn digits_lost(row: u32, col: u32) -> Vec<CellWarning> {
    vec![CellWarning { row, col, kind: WarningKind::DigitsLost }]
}

fn check_excel(book: &Workbook) {
    assert_eq!(book.sheets.len(), 2);
    let members = &book.sheets[0];
    assert_eq!(members.name, "党员名册");
    assert!(!members.hidden);
    // The 18-digit ID stored as a number: Excel kept 15 digits; shown as Excel shows it, flagged.
    assert_eq!(members.rows, roster("430121198502022000"));
    assert_eq!(members.warnings, digits_lost(2, 3));
    let nations = &book.sheets[1];
    assert_eq!((nations.name.as_str(), nations.hidden), ("民族列表", true));
    assert_eq!(nations.rows, rows(&[&["汉族"], &["苗族"], &["土家族"], &["侗族"], &["瑶族"]]));
}

#[test]
fn xlsx_fixture() {
    check_excel(&read_workbook(&fixture("roster.xlsx"), "roster.xlsx").unwrap());
}

#[test]
fn xls_fixture() {
    check_excel(&read_workbook(&fixture("roster.xls"), "花名册.xls").unwrap());
}

#[test]
fn the_bytes_decide_not_the_extension() {
    check_excel(&read_workbook(&fixture("roster.xls"), "roster.xlsx").unwrap());
    check_excel(&read_workbook(&fixture("roster.xlsx"), "roster.xls").unwrap());
}

#[test]
fn utf8_csv_fixture_with_bom() {
    let book = read_workbook(&fixture("roster-utf8.csv"), "花名册.csv").unwrap();
    assert_eq!(book.sheets.len(), 1);
    assert_eq!(book.sheets[0].name, "花名册");
    assert_eq!(book.sheets[0].rows, roster("4.30121E+17"));
    assert_eq!(book.sheets[0].warnings, digits_lost(2, 3));
}

#[test]
fn gbk_csv_fixture_is_detected() {
    let bytes = fixture("roster-gbk.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is GBK");
    let book = read_workbook(&bytes, "roster.csv").unwrap();
    // Excel's 1980/1/1 and 2026/11/23 8:30 come out in the same form as from .xlsx.
    assert_eq!(book.sheets[0].rows, roster("4.30121E+17"));
    assert_eq!(book.sheets[0].warnings, digits_lost(2, 3));
}

#[test]
fn utf8_without_bom_and_gb18030_beyond_gbk() {
    let text = "姓名,民族\r\n张三,汉族\r\n";
    let book = read_workbook(text.as_bytes(), "a.csv").unwrap();
    assert_eq!(book.sheets[0].rows, rows(&[&["姓名", "民族"], &["张三", "汉族"]]));
    // A rare name character outside GBK, as GB18030 encodes it (four bytes).
    let mut bytes = "姓名\r\n".encode_gbk();
    bytes.extend_from_slice(&[0x95, 0x32, 0x82, 0x36]); // U+20000 𠀀 (CJK extension B) in GB18030
    let book = read_workbook(&bytes, "a.csv").unwrap();
    assert_eq!(book.sheets[0].rows, rows(&[&["姓名"], &["\u{20000}"]]));
}

trait Gbk {
    fn encode_gbk(&self) -> Vec<u8>;
}

impl Gbk for str {
    fn encode_gbk(&self) -> Vec<u8> {
        // 姓 = D0D5, 名 = C3FB in GBK.
        self.replace("姓名", "\u{0}")
            .bytes()
            .flat_map(|b| if b == 0 { vec![0xD0, 0xD5, 0xC3, 0xFB] } else { vec![b] })
            .collect()
    }
}

fn awkward_rows() -> Vec<Vec<String>> {
    rows(&[
        HEADER,
        &["张三", "男", "汉族", "430121198001011234", "1980-01-01", "2001-07-01", "13800000001", "", ""],
        &["王五", "男", "苗族", "430121800303123", "1980-03-03", "", "0731-84000000", "=1+2"],
        &["赵六", "", "", "0012", "", "", "", "@SUM(A1:A9)", "+1+1"],
        &["钱七", "", "", "", "1900-01-05", "", "-5", "-2+3", "\t=1"],
        &["孙八", "", "", "", "", "", "", "a<b & \"c\" 'd' _x0041_", "第一行\n第二行"],
        &["", "", "", "", "", "", "", "", "后面有空格  "],
    ])
}

#[test]
fn xlsx_round_trip_gives_the_same_cells() {
    let cells = awkward_rows();
    let bytes = write_xlsx("党员名册", &cells);
    let book = read_workbook(&bytes, "导出.xlsx").unwrap();
    assert_eq!(book.sheets.len(), 1);
    assert_eq!(book.sheets[0].name, "党员名册");
    // Trailing empty cells are not kept.
    let mut expected = cells.clone();
    for row in &mut expected {
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
    }
    assert_eq!(book.sheets[0].rows, expected);
    assert!(book.sheets[0].warnings.is_empty());
    assert_eq!(write_xlsx("党员名册", &cells), bytes, "the same rows give the same bytes");
}

#[test]
fn xlsx_dates_are_real_dates_and_formula_text_is_quote_prefixed() {
    let bytes = write_xlsx("名册", &awkward_rows());
    let text = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(text.contains(r#"<c r="E2" s="3"><v>29221</v></c>"#), "1980-01-01 is a date cell");
    assert!(text.contains(r#"<c r="E5" s="1" t="s">"#), "1900-01-05 stays text");
    assert!(text.contains(r#"<c r="H3" s="2" t="s">"#), "=1+2: text with Excel's quote prefix");
    assert!(text.contains(r#"<c r="I4" s="2" t="s">"#), "+1+1 too");
    assert!(text.contains(r#"<c r="G5" s="1" t="s">"#), "-5 is a plain number, no prefix needed");
    assert!(!text.contains("<f>") && !text.contains("<f "), "no formula is ever written");
    assert!(text.contains(r#"<pane ySplit="1""#), "the header row is frozen");
}

/// One part of a zip file we wrote (local headers, stored or deflated).
fn zip_part(zip: &[u8], wanted: &str) -> String {
    use std::io::Read;
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
    let mut at = 0;
    while u32_at(at) == 0x0403_4b50 {
        let (method, size, name_len, extra) = (u16_at(at + 8), u32_at(at + 18), u16_at(at + 26), u16_at(at + 28));
        let name = std::str::from_utf8(&zip[at + 30..at + 30 + name_len]).unwrap();
        let data = &zip[at + 30 + name_len + extra..at + 30 + name_len + extra + size];
        if name == wanted {
            let mut text = String::new();
            match method {
                0 => text.push_str(std::str::from_utf8(data).unwrap()),
                8 => {
                    flate2::read::DeflateDecoder::new(data).read_to_string(&mut text).unwrap();
                }
                m => panic!("method {m}"),
            }
            return text;
        }
        at += 30 + name_len + extra + size;
    }
    panic!("no {wanted}");
}

#[test]
fn xlsx_is_compressed() {
    let many: Vec<Vec<String>> = (0..2000)
        .map(|i| {
            vec![format!("党员{i}"), "男".into(), "汉族".into(), format!("43012119800101{:04}", i), "1980-01-01".into()]
        })
        .collect();
    let bytes = write_xlsx("名册", &many);
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(bytes.len() * 4 < sheet.len(), "{} bytes for a sheet of {}", bytes.len(), sheet.len());
    assert_eq!(read_workbook(&bytes, "a.xlsx").unwrap().sheets[0].rows, many);
}

/// The worker sends `Result<Workbook, SheetError>` as serde's JSON; ui/sheets.rs and any
/// JavaScript caller read this form.
#[test]
fn the_json_the_worker_sends() {
    let ok: Result<Workbook, SheetError> = read_workbook("姓名\r\n4.30121E+17\r\n".as_bytes(), "a.csv");
    assert_eq!(
        serde_json::to_string(&ok).unwrap(),
        r#"{"Ok":{"sheets":[{"name":"a","rows":[["姓名"],["4.30121E+17"]],"warnings":[{"row":1,"col":0,"kind":"DigitsLost"}]}]}}"#
    );
    let err: Result<Workbook, SheetError> = Err(SheetError::Encrypted);
    assert_eq!(serde_json::to_string(&err).unwrap(), r#"{"Err":"Encrypted"}"#);
    let err: Result<Workbook, SheetError> = Err(SheetError::Corrupt("zip".into()));
    assert_eq!(serde_json::to_string(&err).unwrap(), r#"{"Err":{"Corrupt":"zip"}}"#);
}

#[test]
fn csv_round_trip_gives_the_same_cells() {
    let cells = awkward_rows();
    let bytes = write_csv(&cells);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    for line in text.split("\r\n") {
        for field in line.split(',') {
            let field = field.trim_start_matches('"');
            // The mark of a digit string Excel would change (an ID number): a tab, then digits
            // only, which no formula can be.
            let marked = field.strip_prefix('\t').is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()));
            assert!(marked || !sheets::needs_neutralizing(field), "{field:?} would start a formula in Excel");
        }
    }
    let book = read_workbook(&bytes, "导出.csv").unwrap();
    let mut expected = cells.clone();
    for row in &mut expected {
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
    }
    assert_eq!(book.sheets[0].rows, expected);
}

#[test]
fn refusals() {
    assert_eq!(read_workbook(b"", "a.xlsx"), Err(SheetError::Empty));
    assert_eq!(read_workbook(b"\x89PNG\r\n\x1a\n\0\0\0", "photo.png"), Err(SheetError::NotSpreadsheet));
    assert_eq!(read_workbook(b"\x89PNG\r\n\x1a\n\0\0\0", "photo.csv"), Err(SheetError::NotSpreadsheet));
    assert_eq!(read_workbook("姓名\n张三".as_bytes(), "notes.docx"), Err(SheetError::NotSpreadsheet));
    let page = "<html><head><meta charset=gbk></head><body><table><tr><td>姓名</td></tr></table></body></html>";
    assert_eq!(read_workbook(page.as_bytes(), "党员信息.xls"), Err(SheetError::WebPageAsXls));
    let xml2003 = r#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>"#;
    assert_eq!(read_workbook(xml2003.as_bytes(), "导出.xls"), Err(SheetError::WebPageAsXls));
    assert_eq!(read_workbook(b"\r\n,,\r\n", "empty.csv"), Err(SheetError::NoData));
    assert_eq!(read_workbook(&write_xlsx("空", &[]), "empty.xlsx"), Err(SheetError::NoData));
    // A .docx is a zip too, but has no workbook.
    let mut docx = b"PK\x03\x04".to_vec();
    docx.extend_from_slice(b"....word/document.xml....PK\x05\x06");
    assert_eq!(read_workbook(&docx, "a.xlsx"), Err(SheetError::NotSpreadsheet));
}

#[test]
fn damaged_files() {
    let xlsx = fixture("roster.xlsx");
    let cut = &xlsx[..xlsx.len() / 2];
    let got = read_workbook(cut, "roster.xlsx");
    assert!(matches!(got, Err(SheetError::Corrupt(_))), "{got:?}");
    let xls = fixture("roster.xls");
    let cut = &xls[..xls.len() / 2];
    assert!(matches!(read_workbook(cut, "roster.xls"), Err(SheetError::Corrupt(_))));
    let mut garbled = xls.clone();
    for b in &mut garbled[600..] {
        *b = 0xAB;
    }
    assert!(matches!(read_workbook(&garbled, "roster.xls"), Err(SheetError::Corrupt(_))));
}

#[test]
fn password_protected_files() {
    // An encrypted .xlsx is an OLE compound file whose streams include "EncryptedPackage".
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(1024, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read_workbook(&ole, "加密.xlsx"), Err(SheetError::Encrypted));
}

#[test]
fn date_formats_of_chinese_rosters() {
    for name in ["dates.xlsx", "dates-1904.xlsx"] {
        let book = read_workbook(&fixture(name), name).unwrap();
        let rows = &book.sheets[0].rows;
        for row in &rows[..rows.len() - 1] {
            assert_eq!(row[1], "2001-07-01", "{name}: format {}", row[0]);
        }
        assert_eq!(rows.last().unwrap(), &["h:mm", "08:30:00"], "{name}");
    }
}
