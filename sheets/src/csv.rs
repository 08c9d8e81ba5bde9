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
        if f.strip_prefix('\'').is_some_and(apostrophe_needed) {
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

/// Rows as CSV for Excel: UTF-8 with BOM, CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break. A field that a spreadsheet program could take for a formula (see
/// [`needs_neutralizing`]) gets a leading apostrophe: Excel and WPS then show it as text,
/// apostrophe included, and never run it. [`crate::read_workbook`] takes the apostrophe off
/// again, so an export read back gives the same cells.
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
}
