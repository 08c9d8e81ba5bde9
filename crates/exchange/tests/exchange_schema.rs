//! Exported files against the published JSON Schema (`public/schema/station-exchange-v1.schema.json`):
//! a sample township, and a small hand-made file with tombstones, conflicts and every kind.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::member;
use dangjian_domain::record::kind;
use dangjian_domain::replica::Edit;
use dangjian_domain::sample::Scale;
use dangjian_exchange::export::Scope;
use serde_json::{json, Value};
use support::*;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/schema/station-exchange-v1.schema.json"
    ))
    .expect("the schema file");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

fn assert_valid(v: &jsonschema::Validator, bytes: &[u8]) {
    let file: Value = serde_json::from_slice(bytes).unwrap();
    let errors: Vec<String> = v.iter_errors(&file).take(5).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sample_exports_follow_the_schema() {
    let v = validator();
    let town = sample_township(&Scale { orgs: 40, members: 600, households: 800, diaries: 300 }, 3);
    assert_valid(&v, &town.export_all(NOW));
    let village = town.replica.records().find(|r| r.kind == kind::ORG && r.text("category") == Some("branch")).unwrap();
    assert_valid(&v, &town.export(&Scope::Org(village.id.clone()), NOW).bytes);
}

#[test]
fn a_file_with_tombstones_and_conflicts_follows_the_schema() {
    let v = validator();
    let mut town = Station::township(1);
    let create = |n: u32, k: &str, fields: Value| Edit::Create {
        id: rid(n),
        kind: k.into(),
        fields: fields.as_object().unwrap().iter().map(|(f, v)| (f.clone(), v.clone())).collect(),
    };
    town.commit(
        vec![
            create(1, kind::ORG, json!({"name": "坪塘镇党委", "category": "township"})),
            create(2, kind::ORG, json!({"name": "山塘村党支部", "category": "branch", "parent": rid(1).as_str()})),
            create(10, kind::MEMBER, json!({"name": "张三", "org": rid(2).as_str(), "phone": "13800000000"})),
            create(11, kind::MEMBER, json!({"name": "李四", "org": rid(2).as_str()})),
            create(12, kind::MEMBER_EVENT, json!({"member": rid(10).as_str(), "type": "奖励", "date": "2025-01-01"})),
            create(13, kind::TRAINING, json!({"organizer": rid(1).as_str(), "hours": 1.5, "topic": "<b>学习</b>"})),
            create(14, kind::BATCH, json!({"op": "import", "created": [rid(11).as_str()], "undone": false})),
        ],
        NOW - 100_000,
    );
    let mut village = Station::village(2);
    village.import(&town.export_all(NOW - 90_000), NOW - 90_000);
    town.set(&rid(10), member::PHONE, json!("13900000000"), NOW - 80_000);
    village.set(&rid(10), member::PHONE, json!("13700000000"), NOW - 79_000);
    town.commit(vec![Edit::Delete { id: rid(11) }], NOW - 78_000);
    town.import(&village.export_all(NOW - 70_000), NOW - 70_000);
    assert_eq!(town.get(&rid(10)).conflicts().count(), 1);
    let bytes = town.export_all(NOW);
    assert_valid(&v, &bytes);
    // The schema does refuse what is not a file of ours.
    let mut broken: Value = serde_json::from_slice(&bytes).unwrap();
    broken["records"][0]["c"] = json!({"xyz": 1});
    assert!(!v.is_valid(&broken));
    assert!(!v.is_valid(&json!({"format": "dangjian-station-exchange", "version": 2})));
}
