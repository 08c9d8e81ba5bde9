//! Reading an exchange file: every check that needs only the file, done before anything is
//! written. A file that fails here changes nothing; each failure has its own error, worded for a
//! village clerk by `ImportError::message`.
//!
//! Order of checks: bytes are text and JSON (an empty, cut-off or non-JSON file); the top level is
//! an object whose `format` is ours (another program's JSON); `version` is one we read (newer:
//! update the program; older: migrate); header and records have their fields; the checksum
//! matches (any changed value: damaged); then the records' own structure (valid ids and kinds,
//! stamps within 53 bits, `c` covering every write, no record twice) and the header's counts.
//! References between records are checked against the station's records by `plan::preview`.

use super::format::{count_kinds, payload_sha256, records_sha256, Header, FORMAT_NAME, FORMAT_VERSION};
use dangjian_domain::record::{Record, RecordId};
use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;

/// A file that passed every check of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedFile {
    /// As written (a file of an older version: as migrated).
    pub header: Header,
    /// Sorted by id, no id twice.
    pub records: Vec<Record>,
    /// The version the file was written in, if older than this program's.
    pub migrated_from: Option<u64>,
}

impl ParsedFile {
    /// The kinds of record the file holds: the station must load these kinds before `preview`.
    pub fn kinds(&self) -> Vec<&str> {
        self.header.counts.keys().map(String::as_str).collect()
    }
}

/// Where in a file something is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Header,
    /// The `records` list itself (missing, not a list).
    Records,
    /// A record, by position (from 1) and id if it has one.
    Record {
        number: usize,
        id: Option<String>,
    },
}

/// Why a file was refused. In every case nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    /// Not JSON at all (a spreadsheet, a picture, text with a typo), with where parsing stopped.
    NotJson {
        line: usize,
        column: usize,
    },
    /// Starts as one of our files but is not valid JSON further on (a changed byte).
    Damaged {
        line: usize,
        column: usize,
    },
    /// The file ends in the middle: copying stopped, or the stick was pulled out too early.
    Truncated,
    /// JSON, but not one of our exchange files.
    ForeignFile,
    /// Written by a newer version of the program in a format version this one cannot read.
    NewerVersion {
        version: u64,
    },
    /// Fields missing or of the wrong type; `detail` is for developers (logs), not shown.
    Malformed {
        place: Place,
        detail: String,
    },
    /// The records or header differ from what was exported: damaged or edited.
    ChecksumMismatch,
    /// A passphrase-protected file (`envelope`): the shell decrypts it before parsing.
    Encrypted,
    /// The passphrase does not open a protected file (or its ciphertext was changed: AES-GCM
    /// cannot tell the two apart).
    WrongPassphrase,
    /// Too large to read in the memory the page can have (`too_big`), refused before reading.
    TooBig {
        file_bytes: u64,
        max_bytes: u64,
    },
}

/// Reading a file holds it, what is parsed from it, the plan and the undo data at once: at its
/// peak about this many times the file's size in the page's memory (measured: 1.42 GB for a
/// 295 MB county file, 4.8×).
pub const PEAK_PER_FILE_BYTE: u64 = 5;
/// The most memory a wasm32 page can have.
pub const PAGE_MEMORY_MAX: u64 = 4 << 30;

/// With `in_use` bytes of the page's memory taken already, whether a file of `file_bytes` is too
/// big to import: the largest that fits, if it is.
pub fn too_big(file_bytes: u64, in_use: u64) -> Option<u64> {
    let max = PAGE_MEMORY_MAX.saturating_sub(in_use) / PEAK_PER_FILE_BYTE;
    (file_bytes > max).then_some(max)
}

impl ImportError {
    /// The message shown to the user: what happened, that nothing changed, what to do.
    pub fn message(&self) -> String {
        const UNCHANGED: &str = "本机数据没有任何改动。";
        match self {
            ImportError::Empty => format!("这个文件是空的，里面没有数据。{UNCHANGED}"),
            ImportError::NotJson { .. } => {
                format!("这个文件不是站点交换文件，可能选错了文件。请选择本软件导出的 .json 文件。{UNCHANGED}")
            }
            ImportError::Damaged { line, .. } => format!(
                "这个文件已损坏（第 {line} 行附近的内容不对），可能复制时出了错。请让对方重新导出一份。{UNCHANGED}"
            ),
            ImportError::Truncated => format!(
                "这个文件不完整，可能复制时中断了，或U盘拔出得太早。请重新复制一份再导入。{UNCHANGED}"
            ),
            ImportError::ForeignFile => format!(
                "这个文件不是本软件导出的站点交换文件，可能是别的软件的文件。请选择名称类似“坪塘镇-山塘村党支部-2026-11-23.json”的文件。{UNCHANGED}"
            ),
            ImportError::NewerVersion { version } => format!(
                "这个文件是用更新版本的本软件导出的（格式第 {version} 版），现在的软件只能读第 {FORMAT_VERSION} 版及以前的文件。请更新本软件后再导入。{UNCHANGED}"
            ),
            ImportError::Malformed { place, .. } => {
                let where_ = match place {
                    Place::Header => "文件开头的说明部分".to_string(),
                    Place::Records => "记录部分".to_string(),
                    Place::Record { number, .. } => format!("第 {number} 条记录"),
                };
                format!("这个文件的{where_}内容有缺漏或错误，可能被别的软件改动过。请让对方重新导出一份。{UNCHANGED}")
            }
            ImportError::ChecksumMismatch => format!(
                "这个文件的内容和导出时不一致，文件已损坏或被改动过。请让对方重新导出一份。{UNCHANGED}"
            ),
            ImportError::Encrypted => format!("这个文件设置了密码，请先输入导出时设置的密码。{UNCHANGED}"),
            ImportError::TooBig { file_bytes, max_bytes } => format!(
                "这个文件有 {} MB，太大了，这台电脑的浏览器一次读不下（现在最多约 {} MB）。{UNCHANGED}请让导出文件的站点按组织分开导出（数据交换 → 导出 →“一个组织及其下级组织”），再一个一个导入。",
                file_bytes.div_ceil(1 << 20),
                max_bytes >> 20
            ),
            ImportError::WrongPassphrase => format!(
                "密码不对，无法打开这个文件（也可能是文件已损坏）。请核对密码后再试，注意区分大小写。{UNCHANGED}"
            ),
        }
    }
}

/// Migrations from each older format version to the next: `MIGRATIONS[v]` turns a version-`v`
/// file (as JSON) into a version-`v + 1` one. Version 0 was never released: it is the shape the
/// hook is tested with (a flat header and no checksum).
const MIGRATIONS: [fn(Value) -> Result<Value, String>; FORMAT_VERSION as usize] = [v0_to_v1];

fn v0_to_v1(mut file: Value) -> Result<Value, String> {
    let obj = file.as_object_mut().ok_or("not an object")?;
    let take = |obj: &mut serde_json::Map<String, Value>, key: &str| obj.remove(key).ok_or(format!("no {key}"));
    let station = json!({
        "id": take(obj, "station_id")?,
        "name": take(obj, "station_name")?,
        "level": take(obj, "station_level")?,
    });
    let created_ms = take(obj, "exported_ms")?.as_u64().ok_or("exported_ms")?;
    let created = chrono::DateTime::from_timestamp_millis(created_ms as i64).ok_or("exported_ms")?.date_naive();
    let records = take(obj, "records")?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in records.as_array().ok_or("records")? {
        *counts.entry(r.get("k").and_then(Value::as_str).unwrap_or_default().to_string()).or_default() += 1;
    }
    Ok(json!({
        "format": FORMAT_NAME,
        "version": 1,
        "app_version": "",
        "station": station,
        "scope": {"kind": "station"},
        "created_ms": created_ms,
        "created": dangjian_domain::date::iso(created),
        "counts": counts,
        "sha256": "",
        "records": records,
    }))
}

/// Reads and checks a file's bytes. Nothing else is consulted: the station's records come in at
/// `plan::preview`.
pub fn parse(bytes: &[u8]) -> Result<ParsedFile, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        ImportError::NotJson { line, column }
    })?;
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Eof => ImportError::Truncated,
        serde_json::error::Category::Data => ImportError::ForeignFile,
        // Broken JSON that starts like one of ours is a damaged exchange file, not a wrong choice.
        _ if starts_like_ours(text) => ImportError::Damaged { line: e.line(), column: e.column() },
        _ => ImportError::NotJson { line: e.line(), column: e.column() },
    })?;
    let format: Option<String> = top.get("format").and_then(|v| serde_json::from_str(v.get()).ok());
    if format.as_deref() == Some(super::envelope::ENCRYPTED_FORMAT) {
        return Err(ImportError::Encrypted);
    }
    if format.as_deref() != Some(FORMAT_NAME) {
        return Err(ImportError::ForeignFile);
    }
    let version: u64 = top
        .get("version")
        .and_then(|v| serde_json::from_str(v.get()).ok())
        .ok_or_else(|| malformed(Place::Header, "version"))?;
    if version > FORMAT_VERSION {
        return Err(ImportError::NewerVersion { version });
    }
    if version == FORMAT_VERSION {
        return decode(&top, true).map(|(header, records)| ParsedFile { header, records, migrated_from: None });
    }
    let mut file: Value = serde_json::from_str(text).map_err(|e| malformed(Place::Header, &e.to_string()))?;
    for step in &MIGRATIONS[version as usize..] {
        file = step(file).map_err(|e| malformed(Place::Header, &e))?;
    }
    let text = file.to_string();
    let top: BTreeMap<String, &RawValue> =
        serde_json::from_str(&text).map_err(|e| malformed(Place::Header, &e.to_string()))?;
    // Versions before 1 had no checksum.
    let (header, records) = decode(&top, false)?;
    Ok(ParsedFile { header, records, migrated_from: Some(version) })
}

/// Whether the first bytes name our format (before any JSON parsing succeeded).
fn starts_like_ours(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(300)];
    head.windows(FORMAT_NAME.len()).any(|w| w == FORMAT_NAME.as_bytes())
}

fn malformed(place: Place, detail: &str) -> ImportError {
    ImportError::Malformed { place, detail: detail.to_string() }
}

/// Decodes a current-version file from its top-level fields.
fn decode(top: &BTreeMap<String, &RawValue>, verify: bool) -> Result<(Header, Vec<Record>), ImportError> {
    let mut head = serde_json::Map::new();
    for (key, raw) in top.iter().filter(|(k, _)| k.as_str() != "records") {
        let value: Value = serde_json::from_str(raw.get()).map_err(|e| malformed(Place::Header, &e.to_string()))?;
        head.insert(key.clone(), value);
    }
    let header: Header =
        serde_json::from_value(Value::Object(head)).map_err(|e| malformed(Place::Header, &e.to_string()))?;
    let raw_records = top.get("records").ok_or_else(|| malformed(Place::Records, "no records"))?;
    let parsed = Cell::new(0);
    let mut de = serde_json::Deserializer::from_str(raw_records.get());
    let mut records = CountedRecords(&parsed).deserialize(&mut de).map_err(|e| {
        if parsed.get() == 0 && !raw_records.get().trim_start().starts_with('[') {
            return malformed(Place::Records, &e.to_string());
        }
        let number = parsed.get() + 1;
        malformed(Place::Record { number, id: id_of_item(raw_records.get(), parsed.get()) }, &e.to_string())
    })?;
    for r in &mut records {
        // The winner first, as everywhere else (a reordering tool must not change the winner).
        for ws in r.fields.values_mut() {
            dangjian_domain::sort::sort_by(ws, |a, b| (b.clock, b.station).cmp(&(a.clock, a.station)));
        }
    }
    let mut numbered: Vec<(usize, Record)> = records.into_iter().enumerate().collect();
    // Through the one shared sort (not a copy of the standard sort for this type of its own).
    dangjian_domain::sort::sort_by(&mut numbered, |a, b| a.1.id.cmp(&b.1.id));
    for pair in numbered.windows(2) {
        if pair[0].1.id == pair[1].1.id {
            let place = Place::Record { number: pair[0].0.max(pair[1].0) + 1, id: Some(pair[1].1.id.to_string()) };
            return Err(malformed(place, "twice"));
        }
    }
    let (positions, records): (Vec<usize>, Vec<Record>) = numbered.into_iter().unzip();
    // The file's own bytes first (an untouched file); else the canonical form of what was parsed.
    if verify
        && payload_sha256(&header, raw_records.get().as_bytes()) != header.sha256
        && records_sha256(&header, &records) != header.sha256
    {
        return Err(ImportError::ChecksumMismatch);
    }
    for (r, &position) in records.iter().zip(&positions) {
        if let Err(detail) = check_record(r) {
            return Err(malformed(Place::Record { number: position + 1, id: Some(r.id.to_string()) }, detail));
        }
    }
    if count_kinds(&records) != header.counts {
        return Err(malformed(Place::Header, "counts"));
    }
    Ok((header, records))
}

/// Checks a record's envelope: what the merge relies on (`Record::check`, which reading it ran
/// too), and an id in the form ids are made.
fn check_record(r: &Record) -> Result<(), &'static str> {
    if RecordId::parse(r.id.as_str()).is_none() {
        return Err("id");
    }
    r.check()
}

/// The id of the `index`-th item of a JSON array, for an error message (slow path only).
fn id_of_item(array: &str, index: usize) -> Option<String> {
    let items: Vec<&RawValue> = serde_json::from_str(array).ok()?;
    let item: Value = serde_json::from_str(items.get(index)?.get()).ok()?;
    item.get("id").and_then(Value::as_str).map(str::to_string)
}

/// Records one by one, counting them, so an error can say which record it was in.
struct CountedRecords<'c>(&'c Cell<usize>);

impl<'de> DeserializeSeed<'de> for CountedRecords<'_> {
    type Value = Vec<Record>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for CountedRecords<'_> {
    type Value = Vec<Record>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(r) = seq.next_element::<Record>()? {
            out.push(r);
            self.0.set(out.len());
        }
        Ok(out)
    }
}
