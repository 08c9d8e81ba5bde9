//! The station exchange file (站点交换文件), version 1: what it holds, how it is written, and the
//! checksum rule.
//!
//! ```text
//! {"format":"dangjian-station-exchange","version":1,"app_version":"0.1.0",
//!  "station":{"id":"0a1b…","name":"坪塘镇","level":"Township"},
//!  "scope":{"kind":"org","org":"…","name":"山塘村党支部"},
//!  "created_ms":1795…,"created":"2026-11-23","counts":{"member":212,"org":4},
//!  "sha256":"…64 hex digits…","records":[
//! {"id":…}, ← one record per line, in the wire form of `domain::wire`, sorted by id
//! {"id":…}
//! ]}
//! ```
//!
//! **Checksum.** `sha256` is the SHA-256 of the canonical payload: the header without `sha256`
//! as compact JSON in the field order above, a line feed, then the canonical records array:
//! `[`, each record's wire form (itself canonical) on its own line, records sorted by id, lines
//! but the last ending in `,`, and `]` on the last line (`write_records_array`). Exported files
//! hold the records array in exactly that form, so the reader first hashes the array's bytes as
//! they are in the file (no second serialization: the common case, an untouched file). Only if
//! that fails does it rebuild the canonical array from the records it parsed and hash that, so a
//! tool that re-indents the file, reorders keys or records still passes, while any change to a
//! value (one character of a name, a stamp, a count) fails both.

use super::sha256::Sha256;
use chrono::NaiveDate;
use dangjian_domain::date::iso;
use dangjian_domain::record::{Record, RecordId};
use dangjian_domain::station::{StationId, StationLevel, StationProfile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the `format` field says: any other value is another program's file.
pub const FORMAT_NAME: &str = "dangjian-station-exchange";
/// The version this program writes and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;
/// The program that wrote a file, for the header (and for people reading it).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The exporting station as the header names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationRef {
    pub id: StationId,
    pub name: String,
    pub level: StationLevel,
}

impl StationRef {
    pub fn of(profile: &StationProfile) -> StationRef {
        StationRef { id: profile.id, name: profile.name.clone(), level: profile.level }
    }
}

/// What part of the station's records a file carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScopeRef {
    /// Everything the station holds.
    Station,
    /// One organization and its sub-tree (and what left it, see `scope`).
    Org { org: RecordId, name: String },
}

impl ScopeRef {
    /// How the scope reads in a file name and a list: the organization's name, or 全部.
    pub fn label(&self) -> &str {
        match self {
            ScopeRef::Station => "全部",
            ScopeRef::Org { name, .. } => name,
        }
    }
}

/// The header. Serializing it leaves out `sha256`: that is the canonical header the checksum
/// covers (fields in this order, whatever order a file has them in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u64,
    pub app_version: String,
    pub station: StationRef,
    pub scope: ScopeRef,
    /// When the file was made, in ms since 1970 (UTC).
    pub created_ms: u64,
    /// The exporting PC's local date then (`YYYY-MM-DD`), as in the file name.
    pub created: String,
    /// Records per kind.
    pub counts: BTreeMap<String, usize>,
    #[serde(skip_serializing)]
    pub sha256: String,
}

/// Counts records per kind.
pub fn count_kinds<'a>(records: impl IntoIterator<Item = &'a Record>) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        match counts.get_mut(&r.kind) {
            Some(n) => *n += 1,
            None => {
                counts.insert(r.kind.clone(), 1);
            }
        }
    }
    counts
}

/// The records as the file's `records` value: `[`, then each record's canonical wire form on a
/// line of its own (`,` ending every line but the last), then `]`. Pieces go to `sink`.
pub fn write_records_array<'a>(records: impl IntoIterator<Item = &'a Record>, sink: &mut dyn FnMut(&[u8])) {
    sink(b"[");
    let mut text = Vec::with_capacity(1024);
    let mut first = true;
    for r in records {
        text.clear();
        serde_json::to_writer(&mut text, r).expect("a record always serializes");
        sink(if first { b"\n" } else { b",\n" });
        first = false;
        sink(&text);
    }
    sink(b"\n]");
}

/// The checksum of a header and the text of its records array (as `write_records_array` makes it).
pub fn payload_sha256(header: &Header, records_array: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(&canonical_header(header));
    h.update(b"\n");
    h.update(records_array);
    h.finish_hex()
}

/// The same checksum from records (sorted by id), serializing them on the way.
pub fn records_sha256(header: &Header, records: &[Record]) -> String {
    let mut h = Sha256::new();
    h.update(&canonical_header(header));
    h.update(b"\n");
    write_records_array(records, &mut |piece| h.update(piece));
    h.finish_hex()
}

fn canonical_header(header: &Header) -> Vec<u8> {
    serde_json::to_vec(header).expect("a header always serializes")
}

/// The whole file: header (with `sha256` filled in) and records, one per line. `records` must be
/// sorted by id; `header.sha256` is set here.
pub fn write_file(header: &mut Header, records: &[&Record]) -> Vec<u8> {
    let head = canonical_header(header);
    // The digest has a fixed length: write a placeholder, then the records, then the digest.
    let mut out = Vec::with_capacity(head.len() + 100 + records.len() * 600);
    out.extend_from_slice(&head[..head.len() - 1]);
    out.extend_from_slice(br#","sha256":""#);
    let digest_at = out.len();
    out.extend_from_slice(&[b'0'; 64]);
    out.extend_from_slice(b"\",\"records\":");
    let array_at = out.len();
    write_records_array(records.iter().copied(), &mut |piece| out.extend_from_slice(piece));
    let sha = payload_sha256(header, &out[array_at..]);
    out.extend_from_slice(b"}\n");
    out[digest_at..digest_at + 64].copy_from_slice(sha.as_bytes());
    header.sha256 = sha;
    out
}

/// `坪塘镇-山塘村党支部-2026-11-23.json`: the station, the scope and the date, with the characters
/// Windows refuses in file names (`\ / : * ? " < > |` and control characters) left out.
pub fn file_name(station_name: &str, scope: &ScopeRef, date: NaiveDate) -> String {
    let part = |s: &str| -> String {
        let kept: String = s
            .chars()
            .filter(|c| !matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control())
            .collect();
        // Windows also drops trailing dots and spaces.
        kept.trim().trim_end_matches('.').trim().to_string()
    };
    let station = part(station_name);
    let scope = part(scope.label());
    let mut name = String::new();
    for p in [station.as_str(), scope.as_str()] {
        if !p.is_empty() {
            name.push_str(p);
            name.push('-');
        }
    }
    name.push_str(&iso(date));
    name.push_str(".json");
    name
}

/// A short digest of one record (128 bits of the SHA-256 of its wire form): says whether a record
/// is still exactly the copy it was, without keeping the copy.
pub fn record_digest(record: &Record) -> String {
    let text = serde_json::to_vec(record).expect("a record always serializes");
    let mut h = Sha256::new();
    h.update(&text);
    dangjian_domain::station::hex(&h.finish()[..16])
}

/// Records in the order of their ids: the one copy of this sort (an export and a scope sort
/// tens of thousands, unstably; ids are unique).
pub fn sort_by_id(records: &mut [&Record]) {
    records.sort_unstable_by(|a, b| a.id.cmp(&b.id));
}

/// A hash of a whole state (every record, sorted by id, in its canonical wire form): two stations
/// with the same hash hold the same records, stamps and conflicts. Tests compare states with it;
/// the settings page may show it to compare two PCs.
pub fn state_hash<'a>(records: impl IntoIterator<Item = &'a Record>) -> String {
    let mut sorted: Vec<&Record> = records.into_iter().collect();
    sort_by_id(&mut sorted);
    let mut h = Sha256::new();
    let mut text = Vec::with_capacity(1024);
    for r in sorted {
        text.clear();
        serde_json::to_writer(&mut text, r).expect("a record always serializes");
        h.update(&text);
        h.update(b"\n");
    }
    h.finish_hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_on_windows() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let scope = ScopeRef::Org { org: RecordId::from_random([1; 16]), name: "山塘村党支部".into() };
        assert_eq!(file_name("坪塘镇", &scope, day), "坪塘镇-山塘村党支部-2026-11-23.json");
        assert_eq!(file_name("坪塘镇", &ScopeRef::Station, day), "坪塘镇-全部-2026-11-23.json");
        let odd = ScopeRef::Org { org: RecordId::from_random([1; 16]), name: "a/b\\c:d*e?f\"g<h>i|j\u{7}. ".into() };
        assert_eq!(file_name("镇: ", &odd, day), "镇-abcdefghij-2026-11-23.json");
        assert_eq!(file_name("???", &ScopeRef::Station, day), "全部-2026-11-23.json");
    }
}
