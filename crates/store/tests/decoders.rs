//! Every decoder that reads outside bytes, over random and mutated inputs: none panics (a release
//! build aborts on a panic, taking the whole app down). The inputs start from good ones (a stored
//! chunk, a station exchange file and its passphrase wrapper, an import log and its undo data,
//! the spreadsheet fixtures) and are damaged the ways files are: bits flipped, cut short at any
//! point, bytes spliced in (invalid UTF-8, a lone surrogate in a JSON string, numbers too large for
//! any type, nesting thousands deep), or replaced by noise.
//!
//! Our decoders never panic. calamine, the .xlsx/.xls reader, does on some damaged files (an
//! index out of range in a damaged .xls): the test lets a panic through only from inside it, and
//! the app survives those (the worker is started afresh and the page says the file is damaged).
//!
//! 2,000 inputs per decoder in the test command; DECODER_CASES=200000 for a longer run.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use dangjian_core::clock::Hlc;
use dangjian_core::record::{kind, Record, RecordId};
use dangjian_core::station::StationId;
use dangjian_domain::station::{StationLevel, StationProfile};
use dangjian_exchange::export::{export, Scope};
use dangjian_exchange::{envelope, held, log, read, undo};
use dangjian_store::chunk::{decode_chunk, encode_chunks, StoredChunk};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::json;
use std::sync::LazyLock;

fn cases() -> u32 {
    std::env::var("DECODER_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000)
}

#[derive(Clone, Debug)]
enum Damage {
    /// Bits flipped (position, which bit).
    Flip(Vec<(Index, u8)>),
    /// Cut short.
    Truncate(Index),
    /// Bytes spliced in.
    Splice(Index, Vec<u8>),
    /// Noise in place of the file.
    Noise(Vec<u8>),
}

fn spliced() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\xff\xfe\xc0\x80".to_vec()),
        Just(br#""\ud800""#.to_vec()),
        Just(br#"\udfff"#.to_vec()),
        Just(b"1e999999".to_vec()),
        Just(b"-99999999999999999999999999999999".to_vec()),
        Just(b"18446744073709551616".to_vec()),
        Just(b"[".repeat(20_000)),
        Just(br#"{"a":"#.repeat(5_000)),
        Just(b",null,".to_vec()),
        prop::collection::vec(any::<u8>(), 1..64),
    ]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => prop::collection::vec((any::<Index>(), 0u8..8), 1..8).prop_map(Damage::Flip),
        2 => any::<Index>().prop_map(Damage::Truncate),
        3 => (any::<Index>(), spliced()).prop_map(|(at, bytes)| Damage::Splice(at, bytes)),
        1 => prop::collection::vec(any::<u8>(), 0..400).prop_map(Damage::Noise),
    ]
}

fn damaged(good: &[u8], d: &Damage) -> Vec<u8> {
    let mut out = good.to_vec();
    match d {
        Damage::Flip(flips) => {
            for (at, bit) in flips {
                if !out.is_empty() {
                    let i = at.index(out.len());
                    out[i] ^= 1 << bit;
                }
            }
        }
        Damage::Truncate(at) => out.truncate(at.index(out.len() + 1)),
        Damage::Splice(at, bytes) => {
            let i = at.index(out.len() + 1);
            out.splice(i..i, bytes.iter().copied());
        }
        Damage::Noise(bytes) => out = bytes.clone(),
    }
    out
}

fn station(n: u8) -> StationId {
    StationId::from_random([n; 8])
}

/// Records as the app makes them: a member written twice, an organization with a conflict.
fn records() -> Vec<Record> {
    let (a, b) = (station(1), station(2));
    let mut member = Record::new(RecordId::from_random([7; 16]), kind::MEMBER, a);
    member.set("name", json!("张三"), Hlc::new(10, 0), &a);
    member.set("phone", json!("13800000000"), Hlc::new(11, 0), &a);
    let mut org = Record::new(RecordId::from_random([8; 16]), kind::ORG, a);
    org.set("name", json!("山塘村党支部"), Hlc::new(10, 1), &a);
    let mut theirs = org.clone();
    org.set("name", json!("山塘村党总支"), Hlc::new(20, 0), &a);
    theirs.set("name", json!("山塘村支部"), Hlc::new(21, 0), &b);
    vec![member, org.merge(&theirs)]
}

static CHUNK: LazyLock<Vec<u8>> = LazyLock::new(|| encode_chunks(&records())[0].body.clone());
static FILE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let profile = StationProfile { id: station(1), name: "坪塘镇".into(), level: StationLevel::Township };
    let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    export(&records(), &profile, &Scope::Station, 1_796_600_000_000, today).unwrap().bytes
});
static SEALED: LazyLock<Vec<u8>> = LazyLock::new(|| envelope::seal(&[1; 16], &[2; 12], 600_000, &[3; 48]));
static LOG: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let file = read::parse(&FILE).unwrap();
    let plan =
        dangjian_exchange::plan::preview(&dangjian_core::replica::Replica::new(station(3)), &file, 1_796_600_000_000);
    log::to_json(&[log::LogEntry::new("坪塘镇-全部.json", &file.header, &plan, 1_796_600_000_000)]).into_bytes()
});
static UNDO: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let file = read::parse(&FILE).unwrap();
    let plan =
        dangjian_exchange::plan::preview(&dangjian_core::replica::Replica::new(station(3)), &file, 1_796_600_000_000);
    serde_json::to_vec(&undo::ImportUndo::of(&plan, "坪塘镇-全部.json")).unwrap()
});
/// The records set aside for their clocks: the sample records as one file's.
static HELD: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let file = read::parse(&FILE).unwrap();
    let mut list = Vec::new();
    held::hold(&mut list, &file.records, &file.header, "坪塘镇-全部.json", 1_796_600_000_000);
    held::to_json(&list).into_bytes()
});

/// Where the last panic was: calamine (the .xlsx/.xls reader) panics on some damaged files. In the
/// app that stops the spreadsheet worker's wasm; the page says the file is damaged and starts the
/// worker afresh (ui/sheets.rs, tests/e2e/sheets.test.mjs). Our own code must never panic.
static PANICKED_AT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
static CALAMINE_PANICS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn note_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            *PANICKED_AT.lock().unwrap() = info.location().map(|l| l.file().to_string());
        }))
    });
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../sheets/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}
static XLSX: LazyLock<Vec<u8>> = LazyLock::new(|| {
    note_panics();
    fixture("roster.xlsx")
});
static XLS: LazyLock<Vec<u8>> = LazyLock::new(|| fixture("roster.xls"));
static CSV: LazyLock<Vec<u8>> = LazyLock::new(|| fixture("roster-gbk.csv"));

#[test]
fn the_good_inputs_decode() {
    let chunk = decode_chunk(&StoredChunk { key: 1, kind: kind::MEMBER.into(), count: 1, body: CHUNK.clone() });
    assert_eq!((chunk.records.len(), chunk.failures.len()), (1, 0));
    assert_eq!(read::parse(&FILE).unwrap().records, records());
    assert!(envelope::open(&SEALED).unwrap().is_some());
    assert_eq!(log::from_json(std::str::from_utf8(&LOG).ok()).len(), 1);
    assert!(serde_json::from_slice::<undo::ImportUndo>(&UNDO).is_ok());
    assert_eq!(held::from_json(std::str::from_utf8(&HELD).ok()).len(), 2);
    for (bytes, name) in [(&*XLSX, "a.xlsx"), (&*XLS, "a.xls"), (&*CSV, "a.csv")] {
        assert!(sheets::read_workbook(bytes, name).is_ok(), "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_stored_chunk_is_reported_never_a_panic(d in damage()) {
        let body = damaged(&CHUNK, &d);
        let out = decode_chunk(&StoredChunk { key: 1, kind: kind::MEMBER.into(), count: 1, body });
        // Whatever decoded passes the record checks.
        prop_assert!(out.records.iter().all(|r| r.check().is_ok()));
    }

    #[test]
    fn a_damaged_exchange_file_is_refused_with_a_message_never_a_panic(d in damage()) {
        match read::parse(&damaged(&FILE, &d)) {
            Ok(file) => prop_assert!(file.records.iter().all(|r| r.check().is_ok())),
            Err(e) => prop_assert!(!e.message().is_empty()),
        }
    }

    #[test]
    fn a_damaged_passphrase_wrapper_is_refused_never_a_panic(d in damage()) {
        if let Err(e) = envelope::open(&damaged(&SEALED, &d)) {
            prop_assert!(!e.message().is_empty());
        }
    }

    #[test]
    fn a_damaged_import_log_undo_or_held_list_reads_as_nothing_never_a_panic(d in damage()) {
        let log = damaged(&LOG, &d);
        let _ = log::from_json(Some(&String::from_utf8_lossy(&log)));
        let _ = serde_json::from_slice::<undo::ImportUndo>(&damaged(&UNDO, &d));
        let list = held::from_json(Some(&String::from_utf8_lossy(&damaged(&HELD, &d))));
        // What reads is checked as any record from outside is.
        prop_assert!(list.iter().all(|h| h.record.check().is_ok()));
    }

    #[test]
    fn a_damaged_spreadsheet_is_refused_or_stops_only_inside_calamine(d in damage()) {
        for (good, name) in [(&*XLSX, "花名册.xlsx"), (&*XLS, "花名册.xls"), (&*CSV, "花名册.csv")] {
            let bytes = damaged(good, &d);
            if std::panic::catch_unwind(|| sheets::read_workbook(&bytes, name)).is_err() {
                let at = PANICKED_AT.lock().unwrap().take().unwrap_or_default();
                CALAMINE_PANICS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if std::env::var("DECODER_CASES").is_ok() { eprintln!("calamine panicked at {at} ({} so far)", CALAMINE_PANICS.load(std::sync::atomic::Ordering::Relaxed)); }
                prop_assert!(at.contains("/calamine-"), "{} panicked in our code at {}", name, at);
            }
        }
    }
}
