//! CSV in (UTF-8 with or without BOM, UTF-16 with BOM, else GBK/GB18030) and out (UTF-8 with
//! BOM, so Excel on Chinese Windows opens it as UTF-8 rather than as GBK).

use crate::cell::needs_neutralizing;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a CSV file: UTF-8 if it is valid UTF-8 (with or without BOM), UTF-16 if it has a
/// UTF-16 BOM (Excel's "Unicode text"), else GB18030, the superset of the GBK that Excel on
/// Chinese Windows writes. A GBK file is almost never valid UTF-8: its two-byte characters
/// would have to happen to form UTF-8 sequences throughout.
#[cfg(feature = "read")]
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE.decode_with_bom_removal(bytes).0.into_owned();
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE.decode_with_bom_removal(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The field separator: a comma unless the first line has more tabs or semicolons (Excel's
/// "text (tab-delimited)", and CSV saved under locales that use a decimal comma).
fn separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        '\t'
    } else if semis > commas {
        ';'
    } else {
        ','
    }
}

/// Rows of fields, RFC 4180 with the leniency of Excel: CRLF, LF or CR line ends, quoted fields
/// with separators, quotes (`""`) and line breaks inside, stray quotes inside unquoted fields
/// kept as they are. A field our own export neutralized (`'=…`) gets its text back.
pub(crate) fn parse(text: &str) -> Vec<Vec<String>> {
    let sep = separator(text);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false; // inside a quoted section
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    let end_field = |row: &mut Vec<String>, field: &mut String, was_quoted: &mut bool| {
        let mut f = std::mem::take(field);
        if f.strip_prefix('\'').is_some_and(apostrophe_needed) || f.strip_prefix('\t').is_some_and(excel_would_change) {
            f.remove(0);
        }
        row.push(f);
        *was_quoted = false;
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            c if c == sep => end_field(&mut row, &mut field, &mut was_quoted),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_field(&mut row, &mut field, &mut was_quoted);
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || was_quoted || !row.is_empty() {
        end_field(&mut row, &mut field, &mut was_quoted);
        rows.push(row);
    }
    rows
}

/// Whether the CSV export puts an apostrophe before this text: it could be taken for a formula,
/// or it is an apostrophe followed by such a text (so reading it back, which takes one
/// apostrophe off, gives the text as it was).
fn apostrophe_needed(text: &str) -> bool {
    needs_neutralizing(text) || text.strip_prefix('\'').is_some_and(apostrophe_needed)
}

/// Whether Excel (and WPS) opening a CSV would take this text for a number and change it: digits
/// only, and either long (a number keeps 15 significant digits, so an 18-digit ID number loses its
/// last ones, and from 12 digits on it shows as 4.30121E+17; a mobile number is 11) or with a
/// leading zero (dropped: 0731 landlines, 村民小组 numbers written 01).
fn excel_would_change(text: &str) -> bool {
    text.len() >= 2 && text.bytes().all(|b| b.is_ascii_digit()) && (text.len() >= 11 || text.starts_with('0'))
}

/// Rows as CSV for Excel: UTF-8 with BOM, CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break. A field that a spreadsheet program could take for a formula (see
/// [`needs_neutralizing`]) gets a leading apostrophe: Excel and WPS then show it as text,
/// apostrophe included, and never run it. A digit string Excel would turn into a number and
/// change ([`excel_would_change`]: ID numbers, phones) gets a leading tab: Excel and WPS keep the
/// cell as text, the tab unseen, and saved again it stays text. [`crate::read_workbook`] takes
/// the apostrophe and the tab off again, so an export read back gives the same cells.
pub fn write_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::with_capacity(rows.iter().map(|r| r.iter().map(|c| c.len() + 3).sum::<usize>() + 2).sum());
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let neutral = apostrophe_needed(cell);
            let quote = cell.contains([',', '"', '\r', '\n']);
            if quote {
                out.push('"');
            }
            if neutral {
                out.push('\'');
            } else if excel_would_change(cell) {
                out.push('\t');
            }
            if quote {
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    let mut bytes = UTF8_BOM.to_vec();
    bytes.extend_from_slice(out.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn parses_quotes_line_breaks_and_line_ends() {
        let text = "姓名,备注\r\n张三,\"住址：坪塘镇, 山塘村\"\n李四,\"第一行\r\n第二行\"\r王五,\"他说\"\"好\"\"\"\r\n";
        assert_eq!(
            parse(text),
            rows(&[
                &["姓名", "备注"],
                &["张三", "住址：坪塘镇, 山塘村"],
                &["李四", "第一行\r\n第二行"],
                &["王五", "他说\"好\""]
            ])
        );
        assert_eq!(parse("a,b\nc,"), rows(&[&["a", "b"], &["c", ""]]));
        assert_eq!(parse("a\tb\tc\n1\t2\t3"), rows(&[&["a", "b", "c"], &["1", "2", "3"]]));
        assert_eq!(parse("a;b\n1,5;2"), rows(&[&["a", "b"], &["1,5", "2"]]));
    }

    #[test]
    fn csv_out_quotes_neutralizes_and_reads_back() {
        let cells = rows(&[
            &["姓名", "备注", "公式"],
            &["张三", "有,逗号", "=1+2"],
            &["李四", "有\"引号\"", "@SUM(A1:A2)"],
            &["王五", "第一行\n第二行", "-2+3"],
            &["赵六", "'引号开头", "-5"],
            &["钱七", "'=1", "''+1+1"],
        ]);
        let bytes = write_csv(&cells);
        assert!(bytes.starts_with(UTF8_BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.contains("张三,\"有,逗号\",'=1+2\r\n"), "{text}");
        assert!(text.contains("'@SUM(A1:A2)"));
        assert!(text.contains("'-2+3"));
        assert!(text.contains(",-5\r\n"), "a plain number is left alone");
        assert!(!text.contains(",=") && !text.contains(",@") && !text.contains(",+"), "no field starts a formula");
        assert_eq!(parse(text), cells, "our own export reads back as written");
    }

    /// A cell of a CSV file as Excel (General format) shows it once opened: a field that reads as
    /// a number (spaces around it ignored) becomes one, kept to 15 significant digits, shown in
    /// scientific notation from 12 integer digits on and without leading zeros; any other field
    /// is text, shown as written (a leading tab unseen).
    fn as_excel_shows(field: &str) -> String {
        let t = field.trim_matches(' ');
        let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return field.trim_start_matches('\t').to_string();
        }
        let significant = digits.trim_start_matches('0');
        if significant.is_empty() {
            return "0".into();
        }
        let mut kept: Vec<u8> = significant.bytes().take(15).collect();
        kept.resize(significant.len(), b'0');
        let kept = String::from_utf8(kept).unwrap();
        if kept.len() >= 12 {
            let mantissa = kept[1..6].trim_end_matches('0');
            let point = if mantissa.is_empty() { String::new() } else { format!(".{mantissa}") };
            format!("{}{point}E+{}", &kept[..1], kept.len() - 1)
        } else {
            kept
        }
    }

    #[test]
    fn the_model_of_excel_loses_what_excel_loses() {
        assert_eq!(as_excel_shows("430121198001010011"), "4.30121E+17");
        assert_eq!(as_excel_shows("07318888888"), "7318888888");
        assert_eq!(as_excel_shows("13800000000"), "13800000000");
        assert_eq!(as_excel_shows("45"), "45");
        assert_eq!(as_excel_shows("43012119800101001X"), "43012119800101001X");
        assert_eq!(as_excel_shows("\t430121198001010011"), "430121198001010011");
    }

    #[test]
    fn id_numbers_phones_and_leading_zeros_open_in_excel_as_written() {
        let cells = rows(&[
            &["姓名", "公民身份号码", "联系电话", "固定电话", "村民小组", "年龄", "邮编"],
            &["张三", "430121198001010011", "13800000000", "07318888888", "01", "45", "410000"],
            &["李四", "43012119800101001X", "", "0731-8888888", "12", "0", "100000000000"],
        ]);
        let bytes = write_csv(&cells);
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        for (row, written) in parse_raw(text).iter().zip(&cells) {
            for (field, cell) in row.iter().zip(written) {
                assert_eq!(&as_excel_shows(field), cell, "Excel shows {field:?} as written");
            }
        }
        // Without the tab, Excel would have changed them.
        assert_ne!(as_excel_shows("430121198001010011"), "430121198001010011");
        assert_ne!(as_excel_shows("01"), "01");
        assert_eq!(parse(text), cells, "read back here, the tab is taken off");
    }

    /// Fields as a CSV reader that knows nothing of our marks reads them.
    fn parse_raw(text: &str) -> Vec<Vec<String>> {
        text.split("\r\n").filter(|l| !l.is_empty()).map(|l| l.split(',').map(str::to_string).collect()).collect()
    }
}
