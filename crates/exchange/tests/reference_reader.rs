//! The exchange file's specification (`public/schema/station-exchange-v1.md`) against the app:
//! its table of kinds is the app's own (`kinds::KINDS`), and the reference reader written from it
//! alone in Python (`tests/reference/read_exchange.py`, standard library only) reads what the app
//! exports: a whole-station backup without a passphrase, one organization's sub-tree, a file with
//! conflicts, tombstones, fractions and control characters, and a file another program reformatted;
//! and refuses a damaged one.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::kinds::KINDS;
use dangjian_domain::member;
use dangjian_domain::record::{kind, Record};
use dangjian_domain::replica::Edit;
use dangjian_domain::sample::Scale;
use dangjian_exchange::export::Scope;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const BEGIN: &str = "<!-- kinds:begin";
const END: &str = "<!-- kinds:end -->";

fn spec_path() -> PathBuf {
    Path::new(ROOT).join("public/schema/station-exchange-v1.md")
}

/// The kinds as the specification's section 6 lists them: made from `KINDS`, in import order.
fn kinds_table() -> String {
    let mut kinds: Vec<_> = KINDS.iter().collect();
    kinds.sort_by_key(|k| k.rank);
    let mut out = String::from("\n| kind | 中文 | references (field → kind) |\n|---|---|---|\n");
    for k in kinds {
        let mut refs: Vec<String> = k
            .references
            .iter()
            .map(|r| {
                let to = r.to.unwrap_or("any kind");
                let required = if r.required { ", required" } else { "" };
                let tree = if r.place_in_tree { ", its place in the tree" } else { "" };
                format!("`{}` → {to}{required}{tree}", r.field)
            })
            .collect();
        if k.other_links.is_some() {
            refs.push("and ids in lists of other fields".into());
        }
        let refs = if refs.is_empty() { "—".to_string() } else { refs.join("; ") };
        out.push_str(&format!("| `{}` | {} | {refs} |\n", k.name, k.label));
    }
    out
}

#[test]
fn the_specification_lists_every_kind_and_reference_the_app_knows() {
    let spec = std::fs::read_to_string(spec_path()).expect("the specification");
    let start = spec.find(BEGIN).expect("the kinds section's start");
    let start = start + spec[start..].find("-->").unwrap() + 3;
    let end = spec.find(END).expect("the kinds section's end");
    let table = kinds_table();
    if std::env::var("SPEC_WRITE").is_ok() {
        let written = format!("{}{table}{}", &spec[..start], &spec[end..]);
        std::fs::write(spec_path(), written).unwrap();
        return;
    }
    assert_eq!(&spec[start..end], table, "the specification's kinds differ from the app's: run with SPEC_WRITE=1");
}

/// Runs the reference reader on `files`: its exit status and what it printed.
fn reference_reader(files: &[&Path]) -> (bool, String) {
    let out = Command::new("python3")
        .arg(Path::new(ROOT).join("tests/reference/read_exchange.py"))
        .args(files)
        .output()
        .expect("python3 (installed by scripts/setup.sh)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// The counts the reader printed for the file at `path`, as `kind count` lines.
fn printed_counts(text: &str, path: &Path) -> Value {
    let start = text.find(&format!("OK {}", path.display())).unwrap_or_else(|| panic!("{text}"));
    let mut counts = serde_json::Map::new();
    for line in text[start..].lines().skip(1) {
        let Some((k, n)) = line.split_once(' ') else { break };
        let Ok(n) = n.parse::<u64>() else { break };
        counts.insert(k.to_string(), json!(n));
    }
    Value::Object(counts)
}

fn header_counts(bytes: &[u8]) -> Value {
    serde_json::from_slice::<Value>(bytes).unwrap()["counts"].clone()
}

/// A small station whose file holds what the canonical form must get right: a conflict (writes
/// with their own stamps), a replaced write, a tombstone, fractions and huge numbers, and strings
/// with quotes, backslashes, control characters and characters outside the BMP.
fn awkward_station() -> Station {
    let mut a = Station::township(1);
    a.commit(
        vec![
            org_edit_of(1, "坪塘镇党委", "party_committee", None),
            member_edit(10, "张三", 1),
            member_edit(11, "李四", 1),
        ],
        NOW - 100_000,
    );
    let mut b = Station::village(2);
    b.import(&a.export_all(NOW - 90_000), NOW - 90_000);
    a.set(&rid(10), member::PHONE, json!("13800000000"), NOW - 80_000);
    b.set(&rid(10), member::PHONE, json!("13900000000"), NOW - 79_000);
    a.import(&b.export_all(NOW - 70_000), NOW - 70_000);
    a.commit(vec![Edit::Delete { id: rid(11) }], NOW - 60_000);
    a.commit(
        vec![Edit::Update {
            id: rid(10),
            fields: vec![
                ("note".into(), json!("他说\"好\"\\ 第一行\n第二行\t\u{1}\u{1f}/ 𠀀")),
                ("score".into(), json!(95.5)),
                ("ratios".into(), json!([0.1, 1e-7, 1.5e22, 1e16, -0.0, 1e15, 12])),
                ("nested".into(), json!({"z": 1, "a": {"y": null, "b": [true, false]}})),
            ],
        }],
        NOW - 50_000,
    );
    a
}

#[test]
fn the_reference_reader_reads_the_apps_exports_and_refuses_a_damaged_one() {
    let dir = std::env::temp_dir().join(format!("dangjian-reference-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let town = sample_township(&Scale { orgs: 8, members: 60, households: 40, diaries: 30 }, 7);
    let backup = town.export(&Scope::Station, NOW).bytes;
    let branch = town
        .replica
        .of_kind(kind::ORG)
        .find(|o| town.replica.of_kind(kind::MEMBER).any(|m| m.text(member::ORG) == Some(o.id.as_str())))
        .map(|o| o.id.clone())
        .expect("an organization with members");
    let sub_tree = town.export(&Scope::Org(branch), NOW).bytes;
    let awkward = awkward_station().export_all(NOW);
    // Another program read the awkward file and wrote it again: keys sorted, indented, every
    // character escaped. The checksum still holds, computed from what was parsed.
    let reformatted = {
        let v: Value = serde_json::from_slice(&awkward).unwrap();
        reformatted_with_escapes(&serde_json::to_string_pretty(&v).unwrap())
    };
    let files: Vec<(PathBuf, &[u8])> = vec![
        (dir.join("坪塘镇-全部.json"), &backup),
        (dir.join("坪塘镇-支部.json"), &sub_tree),
        (dir.join("awkward.json"), &awkward),
        (dir.join("reformatted.json"), reformatted.as_bytes()),
    ];
    for (path, bytes) in &files {
        std::fs::write(path, bytes).unwrap();
    }
    let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    let (ok, text) = reference_reader(&paths);
    assert!(ok, "{text}");
    for (path, bytes) in &files {
        assert_eq!(printed_counts(&text, path), header_counts(bytes), "{}", path.display());
    }
    assert!(header_counts(&backup)["diary"].as_u64().unwrap_or(0) > 0, "the backup holds diaries");

    // One character of a value changed, the file still JSON: refused for its checksum.
    let text_of = String::from_utf8(backup.clone()).unwrap();
    let damaged = text_of.replacen("\"name\":\"", "\"name\":\"改", 1);
    assert_ne!(damaged, text_of);
    let damaged_path = dir.join("damaged.json");
    std::fs::write(&damaged_path, &damaged).unwrap();
    // And a record that breaks the rules (a write newer than what the record has seen), re-signed.
    let broken_path = dir.join("broken.json");
    std::fs::write(&broken_path, unseen_write(&awkward)).unwrap();
    let (ok, text) = reference_reader(&[&damaged_path, &broken_path]);
    assert!(!ok, "{text}");
    assert!(text.contains(&format!("REFUSED {}: the checksum does not match", damaged_path.display())), "{text}");
    assert!(text.contains(&format!("REFUSED {}: record", broken_path.display())), "{text}");
    assert!(text.contains("newer than what the record has seen"), "{text}");
    // The app refuses both too.
    assert!(dangjian_exchange::read::parse(damaged.as_bytes()).is_err());
    std::fs::remove_dir_all(&dir).ok();
}

/// JSON text with every non-ASCII character as a `\u` escape (pairs for those outside the BMP).
fn reformatted_with_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        }
    }
    out
}

/// The file with its first record's `c` lowered below its writes, and its checksum made again by
/// the app's own recipe: the checksum holds, the record does not.
fn unseen_write(bytes: &[u8]) -> Vec<u8> {
    let mut file: Value = serde_json::from_slice(bytes).unwrap();
    let first = &mut file["records"][0];
    let c = first["c"].as_object_mut().unwrap();
    for v in c.values_mut() {
        *v = json!(1);
    }
    let header: dangjian_exchange::format::Header = serde_json::from_value(file.clone()).unwrap();
    // The record no longer reads as a `Record` (it breaks the rules), so the checksum is made
    // from the text the way the specification says, with the records array as the app lays it out.
    let records: Vec<String> = file["records"].as_array().unwrap().iter().map(canonical_text).collect();
    let array = format!("[{}\n]", records.iter().map(|r| format!("\n{r}")).collect::<Vec<_>>().join(","));
    file["sha256"] = json!(dangjian_exchange::format::payload_sha256(&header, array.as_bytes()));
    serde_json::to_vec(&file).unwrap()
}

/// A record's JSON as the app writes it, its members in the wire order (a `Value` sorts them).
fn canonical_text(r: &Value) -> String {
    let mut parts = Vec::new();
    for key in ["id", "k", "o", "c", "t", "s", "d", "f"] {
        if let Some(v) = r.get(key) {
            let v = if key == "f" { f_text(v) } else { serde_json::to_string(v).unwrap() };
            parts.push(format!("\"{key}\":{v}"));
        }
    }
    format!("{{{}}}", parts.join(","))
}

fn f_text(f: &Value) -> String {
    let fields: Vec<String> = f
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, writes)| {
            let ws: Vec<String> = writes
                .as_array()
                .unwrap()
                .iter()
                .map(|w| {
                    let keys = ["v", "t", "s", "r"].into_iter().filter(|k| w.get(*k).is_some());
                    let inner: Vec<String> =
                        keys.map(|k| format!("\"{k}\":{}", serde_json::to_string(&w[k]).unwrap())).collect();
                    format!("{{{}}}", inner.join(","))
                })
                .collect();
            format!("{}:[{}]", serde_json::to_string(name).unwrap(), ws.join(","))
        })
        .collect();
    format!("{{{}}}", fields.join(","))
}

#[test]
fn the_awkward_file_reads_back_in_the_app() {
    let bytes = awkward_station().export_all(NOW);
    let file = dangjian_exchange::read::parse(&bytes).expect("the app reads its own file");
    let r: &Record = file.records.iter().find(|r| r.id == rid(10)).unwrap();
    assert_eq!(r.value("score"), Some(&json!(95.5)));
    assert!(r.fields[member::PHONE].len() == 2, "a conflict");
    assert!(file.records.iter().any(|r| r.id == rid(11) && r.is_deleted()));
}
