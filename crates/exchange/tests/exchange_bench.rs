//! Exchange at county scale (600 organizations, 50,000 members, 200,000 diaries), natively:
//! `cargo test --release -p dangjian-exchange --test exchange_bench -- --ignored --nocapture`. Each step is timed
//! beside a raw baseline of the same work without checks (plain serde_json of the same records).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::record::{kind, Record};
use dangjian_domain::replica::Replica;
use dangjian_domain::sample::Scale;
use dangjian_exchange::export::Scope;
use dangjian_exchange::plan::preview;
use dangjian_exchange::read::parse;
use dangjian_exchange::sha256::sha256_hex;
use std::time::Instant;
use support::*;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("{what:<52} {ms:>9.1} ms");
    (out, ms)
}

#[test]
#[ignore]
fn county_scale_exchange() {
    let (town, _) = timed("generate and stage the county", || sample_township(&Scale::COUNTY, 7));
    println!("records: {}", town.replica.len());
    let mut sorted: Vec<&Record> = town.replica.records().collect();
    sorted.sort_unstable_by(|a, b| a.id.cmp(&b.id));

    let (raw, raw_ser) = timed("baseline: serde_json::to_vec of the records", || serde_json::to_vec(&sorted).unwrap());
    println!("file size: {:.1} MB", raw.len() as f64 / 1e6);
    let (_, sha_ms) = timed("sha256 of those bytes alone", || sha256_hex(&raw));
    println!("sha256: {:.0} MB/s", raw.len() as f64 / 1e3 / sha_ms);
    let (file, export_ms) = timed("export (whole station: serialize + hash)", || town.export(&Scope::Station, NOW));
    let township =
        town.replica.live(kind::ORG).find(|r| r.text("category") == Some("township")).map(|r| r.id.clone()).unwrap();
    let (one, _) = timed("export (one township's sub-tree)", || town.export(&Scope::Org(township.clone()), NOW));
    println!(
        "  one township: {} records, {:.1} MB",
        one.header.counts.values().sum::<usize>(),
        one.bytes.len() as f64 / 1e6
    );

    let (_, raw_parse) = timed("baseline: serde_json::from_slice::<Vec<Record>>", || {
        serde_json::from_slice::<Vec<Record>>(&raw).unwrap()
    });
    timed("  (scan: top-level map of raw values)", || {
        serde_json::from_slice::<std::collections::BTreeMap<String, &serde_json::value::RawValue>>(&file.bytes)
            .unwrap()
            .len()
    });
    timed("  (serialize parsed records again)", || serde_json::to_vec(&sorted).unwrap().len());
    let (parsed, parse_ms) = timed("parse + verify (checksum, structure)", || parse(&file.bytes).unwrap());
    let empty = Replica::new(dangjian_domain::station::StationId::from_random([9; 8]));
    let (plan, preview_new) = timed("preview into an empty station (all new)", || preview(&empty, &parsed, NOW));
    assert_eq!(plan.to_write.len(), town.replica.len());
    let (same, preview_same) =
        timed("preview into the same data (all unchanged)", || preview(&town.replica, &parsed, NOW));
    assert!(same.changes_nothing());
    let (_, raw_merge) = timed("baseline: merge each record with its copy", || {
        parsed.records.iter().filter(|r| town.replica.get(&r.id).map(|h| h.merge(r)).as_ref() != Some(r)).count()
    });
    println!();
    println!("export / baseline serialize:            {:.2}x", export_ms / raw_ser);
    println!("parse+verify / baseline parse:          {:.2}x", parse_ms / raw_parse);
    println!("parse+verify+preview(new) / baseline:   {:.2}x", (parse_ms + preview_new) / raw_parse);
    println!("preview(same) / baseline merge:         {:.2}x", preview_same / raw_merge);
}

#[test]
#[ignore]
fn sha256_speed() {
    let data: Vec<u8> = (0..200_000_000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    let (_, ms) = timed("sha256 of 200 MB", || sha256_hex(&data));
    println!("sha256: {:.0} MB/s", 200e3 / ms);
}

/// Writes exchange files for timing imports in the browser (`tests/e2e/exchange-large.mjs`) into
/// `$EXCHANGE_SAMPLE_DIR` (default `/tmp`): a township's whole station (`Scale::TOWNSHIP`) and
/// a file of about 100 MB.
/// `EXCHANGE_SAMPLE_DIR=/tmp cargo test --release -p dangjian-exchange --test exchange_bench -- --ignored write_sample_files`
#[test]
#[ignore]
fn write_sample_files() {
    let dir = std::env::var("EXCHANGE_SAMPLE_DIR").unwrap_or_else(|_| "/tmp".into());
    for (name, scale) in [
        ("township", Scale::TOWNSHIP),
        ("100mb", Scale { orgs: 200, members: 17_000, households: 4_000, diaries: 70_000 }),
    ] {
        let town = sample_township(&scale, 11);
        let file = town.export(&Scope::Station, NOW);
        let path = format!("{dir}/exchange-{name}.json");
        std::fs::write(&path, &file.bytes).unwrap();
        println!("{path}: {} records, {:.1} MB", town.replica.len(), file.bytes.len() as f64 / 1e6);
    }
}
