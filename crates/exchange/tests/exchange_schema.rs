//! Exported files against the published JSON Schema (`public/schema/station-exchange-v1.schema.json`):
//! a sample township and one of its villages (households, diaries, their matters' steps), a small
//! hand-made file with tombstones, conflicts and every kind, and the diary kinds edited at two
//! stations (values with stamps of their own, cleared fields).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dangjian_domain::record::{kind, RecordId};
use dangjian_domain::replica::Edit;
use dangjian_domain::sample::Scale;
use dangjian_domain::{diary, diary_step, household, member};
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

/// Asserts the file holds households, diaries and steps, so the schema's description of them
/// was used.
fn assert_has_diary_kinds(bytes: &[u8]) {
    let file: Value = serde_json::from_slice(bytes).unwrap();
    for k in [kind::HOUSEHOLD, kind::DIARY, kind::DIARY_STEP] {
        assert!(file["counts"][k].as_u64().unwrap_or(0) > 0, "{k}: {}", file["counts"]);
    }
}

/// A record created with the fields of a JSON object.
fn create(n: u32, k: &str, fields: Value) -> Edit {
    Edit::Create {
        id: rid(n),
        kind: k.into(),
        fields: fields.as_object().unwrap().iter().map(|(f, v)| (f.clone(), v.clone())).collect(),
    }
}

fn record_mut<'a>(file: &'a mut Value, id: &RecordId) -> &'a mut Value {
    let records = file["records"].as_array_mut().unwrap();
    records.iter_mut().find(|r| r["id"] == id.as_str()).unwrap_or_else(|| panic!("no record {id}"))
}

#[test]
fn sample_exports_follow_the_schema() {
    let v = validator();
    let town = sample_township(&Scale { orgs: 40, members: 600, households: 800, diaries: 300 }, 3);
    let all = town.export_all(NOW);
    assert_valid(&v, &all);
    assert_has_diary_kinds(&all);
    // The village of a matter that has steps: its export carries its households, diaries, steps.
    let step = town.replica.live(kind::DIARY_STEP).next().expect("the sample has steps");
    let diary = town.get(&RecordId::parse(step.text(diary_step::DIARY).unwrap()).unwrap());
    let village = RecordId::parse(diary.text(diary::VILLAGE).unwrap()).unwrap();
    let file = town.export(&Scope::Org(village), NOW).bytes;
    assert_valid(&v, &file);
    assert_has_diary_kinds(&file);
}

#[test]
fn the_diary_kinds_edited_at_two_stations_follow_the_schema_and_bad_values_do_not() {
    let v = validator();
    let mut town = Station::township(1);
    town.commit(
        vec![
            create(1, kind::ORG, json!({"name": "坪塘镇党委", "category": "township"})),
            create(2, kind::ORG, json!({"name": "山塘村党支部", "category": "branch", "parent": rid(1).as_str()})),
            create(10, kind::MEMBER, json!({"name": "李书记", "org": rid(2).as_str()})),
            create(
                20,
                kind::HOUSEHOLD,
                json!({
                    household::VILLAGE: rid(2).as_str(), household::HEAD: "张大爷", household::GROUP: "一组",
                    household::ID_NUMBER: "", household::PEOPLE: 4, household::CATEGORIES: ["贫困户", "老党员"],
                    household::MEMBER: rid(10).as_str(), household::PHONE: "13807310001",
                }),
            ),
            create(
                21,
                kind::DIARY,
                json!({
                    diary::DATE: "2026-11-01", diary::WRITER: rid(10).as_str(), diary::VILLAGE: rid(2).as_str(),
                    diary::HOUSEHOLDS: [rid(20).as_str()], diary::ROLES: ["为民办事服务员"], diary::COMPANIONS: "",
                    diary::CATEGORY: "生产生活困难", diary::SITUATION: "屋顶漏水", diary::REQUEST: "申请危房改造",
                    diary::ACTION: "", diary::FOLLOW_UP: true,
                }),
            ),
            create(
                22,
                kind::DIARY_STEP,
                json!({
                    diary_step::DIARY: rid(21).as_str(), diary_step::STEP: "阅批", diary_step::DATE: "2026-11-02",
                    diary_step::BY: "王镇长", diary_step::NOTE: "请尽快核实",
                }),
            ),
        ],
        NOW - 100_000,
    );
    let mut village = Station::village(2);
    village.import(&town.export_all(NOW - 90_000), NOW - 90_000);
    // Both change the household's phone unseen (a conflict: two writes); the village closes the
    // household and opens it again (cleared fields); each adds a step.
    town.set(&rid(20), household::PHONE, json!("13900000000"), NOW - 80_000);
    village.set(&rid(20), household::PHONE, json!("13700000000"), NOW - 79_000);
    village.commit(
        vec![Edit::Update {
            id: rid(20),
            fields: vec![
                (household::CLOSED.into(), json!("2026-11-05")),
                (household::CLOSED_REASON.into(), json!("迁出")),
            ],
        }],
        NOW - 78_000,
    );
    village.commit(
        vec![Edit::Update {
            id: rid(20),
            fields: vec![(household::CLOSED.into(), Value::Null), (household::CLOSED_REASON.into(), Value::Null)],
        }],
        NOW - 77_000,
    );
    town.commit(
        vec![create(
            23,
            kind::DIARY_STEP,
            json!({
                diary_step::DIARY: rid(21).as_str(), diary_step::STEP: "督办", diary_step::DATE: "2026-11-03",
                diary_step::BY: "王镇长", diary_step::ASSIGNEE: "山塘村委会", diary_step::DEADLINE: "2026-11-20",
            }),
        )],
        NOW - 76_000,
    );
    village.commit(
        vec![create(
            24,
            kind::DIARY_STEP,
            json!({
                diary_step::DIARY: rid(21).as_str(), diary_step::STEP: "办理", diary_step::DATE: "2026-11-04",
                diary_step::BY: "李书记", diary_step::NOTE: "已联系施工队", diary_step::OFFICES: ["镇民政办"],
            }),
        )],
        NOW - 75_000,
    );
    town.import(&village.export(&Scope::Org(rid(2)), NOW - 70_000).bytes, NOW - 70_000);
    assert_eq!(town.get(&rid(20)).conflicts().count(), 1);
    let bytes = town.export(&Scope::Org(rid(2)), NOW).bytes;
    assert_valid(&v, &bytes);
    let good: Value = serde_json::from_slice(&bytes).unwrap();
    let mut file = good.clone();
    let h = record_mut(&mut file, &rid(20));
    assert!(h["f"][household::PHONE].as_array().is_some_and(|w| w.len() == 2), "the conflict is in f: {h}");
    assert!(h["f"][household::CLOSED][0]["v"].is_null(), "the cleared field: {h}");
    // A value the app never writes is refused, in d and in f alike.
    let refused = |change: &dyn Fn(&mut Value)| {
        let mut f = good.clone();
        change(&mut f);
        !v.is_valid(&f)
    };
    assert!(refused(&|f| record_mut(f, &rid(22))["d"][diary_step::STEP] = json!("审批")));
    assert!(refused(&|f| record_mut(f, &rid(21))["d"][diary::HOUSEHOLDS] = json!(rid(20).as_str())));
    assert!(refused(&|f| record_mut(f, &rid(21))["d"][diary::ROLES] = json!(["宣传员"])));
    assert!(refused(&|f| record_mut(f, &rid(20))["f"][household::PHONE][1]["v"] = json!(13700000000u64)));
    assert!(refused(&|f| record_mut(f, &rid(20))["d"][household::PEOPLE] = json!(0)));
    assert!(refused(&|f| record_mut(f, &rid(23))["d"][diary_step::DEADLINE] = json!("11月20日")));
    // Fields this version does not know pass (newer versions add fields).
    assert!(!refused(&|f| record_mut(f, &rid(21))["d"]["weather"] = json!({"sky": "晴"})));
}

#[test]
fn a_file_with_tombstones_and_conflicts_follows_the_schema() {
    let v = validator();
    let mut town = Station::township(1);
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
