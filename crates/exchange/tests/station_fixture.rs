//! The station the layout journeys import (`tests/e2e/fixtures/station-sample.json`): a small
//! township from the sample generator (long organization names, members, households, diaries and
//! their steps), a year of scoring inputs, and cadres with several posts each, so every section
//! has full tables to lay out. The file is kept in the repository (the journeys need no Rust run
//! first); this test fails when the generator or the file format changes, and
//! `cargo test -p dangjian-exchange --test station_fixture -- --ignored write_station_fixture`
//! writes it again.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::record::{kind, RecordId};
use dangjian_domain::replica::Edit;
use dangjian_domain::sample::{roster, scoring_year, Scale};
use dangjian_domain::{cadre, member};
use dangjian_exchange::export::Scope;
use serde_json::json;
use support::*;

const SCALE: Scale = Scale { orgs: 14, members: 160, households: 40, diaries: 120 };
const SEED: u64 = 5;

fn path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/fixtures/station-sample.json")
}

fn fixture() -> Vec<u8> {
    let mut s = sample_township(&SCALE, SEED);
    let r = roster(&SCALE, SEED);
    let year = scoring_year(&r, SEED);
    s.commit(vec![year.scheme], NOW - 3_000);
    s.commit_in_batches(
        year.meetings.into_iter().chain(year.trainings).chain(year.entries).chain(year.exemptions),
        NOW - 2_500,
    );
    // Each village's 两委: the secretary also its committee's director, as most are.
    let ids = |edits: &[Edit]| -> Vec<RecordId> {
        edits.iter().filter_map(|e| if let Edit::Create { id, .. } = e { Some(id.clone()) } else { None }).collect()
    };
    let villages: Vec<RecordId> = r
        .orgs
        .iter()
        .filter_map(|e| match e {
            Edit::Create { id, fields, .. }
                if fields.iter().any(|(f, v)| f == "category" && (v == "branch" || v == "general_branch")) =>
            {
                Some(id.clone())
            }
            _ => None,
        })
        .collect();
    let members = ids(&r.members);
    // A holding keeps the person's own fields, as the form copies them from the roster.
    let person = |i: usize| -> Vec<(String, serde_json::Value)> {
        let Edit::Create { fields, .. } = &r.members[i] else { return Vec::new() };
        let kept = [
            member::NAME,
            member::SEX,
            member::ETHNICITY,
            member::ID_NUMBER,
            member::BIRTH_DATE,
            member::EDUCATION,
            member::PHONE,
        ];
        fields.iter().filter(|(f, _)| kept.contains(&f.as_str())).cloned().collect()
    };
    let posts: [&[&str]; 3] =
        [&["村党组织书记", "村委会主任"], &["村党组织副书记", "村务监督委员会主任"], &["村党组织委员", "村委会委员"]];
    let mut cadres = Vec::new();
    for (v, village) in villages.iter().take(6).enumerate() {
        for (p, held) in posts.iter().enumerate() {
            let n = 1_000 + (v * 3 + p) as u32;
            let who = (v * 7 + p * 3 + 11) % members.len();
            let mut fields = vec![
                (cadre::ORG.into(), json!(village.as_str())),
                (cadre::MEMBER.into(), json!(members[who].as_str())),
                (cadre::POSTS.into(), json!(held)),
                (cadre::TERM_START.into(), json!("2023-04-15")),
                (cadre::TERM_END.into(), json!("2028-04-14")),
            ];
            fields.extend(person(who));
            cadres.push(Edit::Create { id: rid(n), kind: kind::CADRE.into(), fields });
        }
    }
    s.commit(cadres, NOW - 2_000);
    s.export(&Scope::Station, NOW).bytes
}

#[test]
fn the_journeys_station_file_is_the_generators() {
    let kept = std::fs::read(path()).expect("tests/e2e/fixtures/station-sample.json");
    assert!(
        kept == fixture(),
        "the station file of the layout journeys is out of date: run cargo test -p dangjian-exchange --test \
         station_fixture -- --ignored write_station_fixture"
    );
}

#[test]
#[ignore]
fn write_station_fixture() {
    let bytes = fixture();
    std::fs::create_dir_all(path().parent().unwrap()).unwrap();
    std::fs::write(path(), &bytes).unwrap();
    println!("{}: {:.0} KB", path().display(), bytes.len() as f64 / 1e3);
}
