//! Stations for exchange tests: a replica with a profile, committing edits as the app does
//! (`stage_audited`), exporting and importing files as the shell will.
#![allow(dead_code)]

use chrono::NaiveDate;
use dangjian_domain::record::{kind, Record, RecordId};
use dangjian_domain::replica::{Edit, Replica};
use dangjian_domain::sample::{roster, Scale};
use dangjian_domain::station::{StationId, StationLevel, StationProfile};
use dangjian_domain::{member, org};
use dangjian_exchange::export::{export, Exported, Scope};
use dangjian_exchange::format::{state_hash, StationRef};
use dangjian_exchange::plan::{preview, ImportPlan};
use dangjian_exchange::read::parse;
use serde_json::{json, Value};

/// An organization of `category`, under `parent` if any.
pub fn org_edit_of(n: u32, name: &str, category: &str, parent: Option<u32>) -> Edit {
    let mut fields = vec![(org::NAME.to_string(), json!(name)), (org::CATEGORY.to_string(), json!(category))];
    if let Some(p) = parent {
        fields.push((org::PARENT.to_string(), json!(rid(p).as_str())));
    }
    Edit::Create { id: rid(n), kind: kind::ORG.into(), fields }
}

/// A member of organization `org`, by name only.
pub fn member_edit(n: u32, name: &str, org: u32) -> Edit {
    Edit::Create {
        id: rid(n),
        kind: kind::MEMBER.into(),
        fields: vec![(member::NAME.into(), json!(name)), (member::ORG.into(), json!(rid(org).as_str()))],
    }
}

/// 2026-11-14 (UTC), about when the sample data is "taken".
pub const NOW: u64 = 1_795_000_000_000;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn rid(n: u32) -> RecordId {
    let mut b = [0u8; 16];
    b[..4].copy_from_slice(&n.to_be_bytes());
    b[4] = 0xee;
    RecordId::from_random(b)
}

pub struct Station {
    pub replica: Replica,
    pub profile: StationProfile,
}

impl Station {
    pub fn new(n: u8, name: &str, level: StationLevel) -> Station {
        let id = StationId::from_random([n; 8]);
        Station { replica: Replica::new(id), profile: StationProfile { id, name: name.into(), level } }
    }

    pub fn township(n: u8) -> Station {
        Station::new(n, "坪塘镇", StationLevel::Township)
    }

    pub fn village(n: u8) -> Station {
        Station::new(n, "山塘村", StationLevel::Village)
    }

    pub fn commit(&mut self, edits: Vec<Edit>, now: u64) -> Vec<Record> {
        let staged = self.replica.stage_audited(edits, now, &[], &self.profile.name).expect("edits apply");
        self.replica.absorb(staged.clone(), now);
        staged
    }

    /// Commits `edits` 2,000 at a time, as a bulk write does.
    pub fn commit_in_batches(&mut self, edits: impl IntoIterator<Item = Edit>, now: u64) {
        let mut batch = Vec::with_capacity(2_000);
        for edit in edits {
            batch.push(edit);
            if batch.len() == 2_000 {
                self.commit(std::mem::take(&mut batch), now);
            }
        }
        if !batch.is_empty() {
            self.commit(batch, now);
        }
    }

    pub fn set(&mut self, id: &RecordId, field: &str, value: Value, now: u64) {
        self.commit(vec![Edit::Update { id: id.clone(), fields: vec![(field.into(), value)] }], now);
    }

    pub fn export(&self, scope: &Scope, now: u64) -> Exported {
        export(self.replica.records(), &self.profile, scope, now, today()).expect("export")
    }

    pub fn export_all(&self, now: u64) -> Vec<u8> {
        self.export(&Scope::Station, now).bytes
    }

    /// Parse, preview, and take in what the plan writes, as the shell does.
    pub fn import(&mut self, bytes: &[u8], now: u64) -> ImportPlan {
        let file = parse(bytes).unwrap_or_else(|e| panic!("{e:?}: {}", e.message()));
        let plan = preview(&self.replica, &file, now);
        self.replica.absorb(plan.to_write.clone(), now);
        plan
    }

    pub fn hash(&self) -> String {
        state_hash(self.replica.records())
    }

    /// The station as an exchange file's header names it.
    pub fn profile_ref(&self) -> StationRef {
        StationRef::of(&self.profile)
    }

    pub fn get(&self, id: &RecordId) -> &Record {
        self.replica.get(id).unwrap_or_else(|| panic!("no record {id}"))
    }
}

/// A township from the sample generator (organizations, members, households, diaries and their
/// matters' steps), plus a record of each other kind, a few edits (audit entries) and a
/// tombstone.
pub fn sample_township(scale: &Scale, seed: u64) -> Station {
    let mut s = Station::township(1);
    let r = roster(scale, seed);
    let orgs = r.orgs.clone();
    let members = r.members.clone();
    s.commit(orgs.clone(), NOW - 10_000);
    s.commit_in_batches(members.iter().cloned(), NOW - 9_000);
    s.commit_in_batches(r.households.iter().cloned(), NOW - 8_500);
    // Streamed: a county's diaries take a few hundred MB as edits.
    s.commit_in_batches(r.diaries(), NOW - 8_000);
    s.commit_in_batches(r.steps(), NOW - 7_500);
    let org = |i: usize| json!(orgs[i].record_id().as_str());
    let member = |i: usize| members[i % members.len()].record_id().clone();
    if members.is_empty() {
        return s;
    }
    let m0 = member(0);
    let create = |n: u32, k: &str, fields: Vec<(&str, Value)>| Edit::Create {
        id: rid(n),
        kind: k.into(),
        fields: fields.into_iter().map(|(f, v)| (f.to_string(), v)).collect(),
    };
    s.commit(
        vec![
            create(
                1,
                kind::MEMBER_EVENT,
                vec![("member", json!(m0.as_str())), ("type", json!("奖励")), ("date", json!("2025-07-01"))],
            ),
            create(2, kind::CANDIDATE, vec![("org", org(1)), ("name", json!("赵六")), ("step01", json!("2024-03-01"))]),
            create(
                3,
                kind::CADRE,
                vec![("org", org(1)), ("member", json!(m0.as_str())), ("posts", json!(["党组织书记"]))],
            ),
            create(4, kind::RESERVE_CADRE, vec![("org", org(1)), ("name", json!("钱七"))]),
            create(
                5,
                kind::LIAISON,
                vec![("cadre", json!(rid(3).as_str())), ("village", org(1)), ("start", json!("2024-01-01"))],
            ),
            create(
                6,
                kind::TRAINING,
                vec![
                    ("organizer", org(0)),
                    ("topic", json!("学习")),
                    ("hours", json!(2.5)),
                    (&*format!("expected:{}", m0), json!(true)),
                    (&*format!("attended:{}", m0), json!(true)),
                ],
            ),
        ],
        NOW - 7_000,
    );
    s.set(&member(1), "phone", json!("13900000000"), NOW - 6_000);
    s.set(&member(2), "org", org(2), NOW - 5_000);
    s.commit(vec![Edit::Delete { id: member(3) }], NOW - 4_000);
    s
}
