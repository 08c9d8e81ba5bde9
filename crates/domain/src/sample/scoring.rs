//! A year of 考核评分 inputs for the sample (up to [`AS_OF`]): the member-points scheme of the
//! year, every branch's 三会一课 and 主题党日 with each member's attendance (主题党日 monthly,
//! 支委会 monthly for the first five members, 党员大会 and 党课 quarterly), a few trainings per
//! township, points entries typed for some members, and exemptions (年老体弱 over 75, 流动党员).
//! Drawn from a stream of its own, so the rest of the sample is unchanged.

use super::rng::Rng;
use super::{iso, random_date, Roster, AS_OF};
use crate::member;
use crate::record::{kind, Record, RecordId};
use crate::replica::Edit;
use crate::scoring::ledger::{create_entry, create_exemption, EntryDraft, Exemption};
use crate::scoring::meeting::{attendance_key, reason_key, Attendance, MeetingKind, DATE, ORG, TOPIC, TYPE};
use crate::scoring::scheme::{create_scheme, template, Family, Scheme};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use std::collections::HashMap;

const SCORING_STREAM: u64 = 7;

const TOPICS: &[&str] = &[
    "学习党章党规",
    "学习习近平新时代中国特色社会主义思想",
    "讨论村级重大事项",
    "开展志愿服务",
    "观看警示教育片",
    "研究发展党员工作",
];
const LEAVE_REASONS: &[&str] = &["外出务工", "生病住院", "照顾家人", "农忙"];

/// The sample's scoring inputs, as creating edits.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoringYear {
    /// The member-points scheme of `AS_OF`'s year (its id is `scheme_id`).
    pub scheme: Edit,
    pub scheme_id: RecordId,
    pub meetings: Vec<Edit>,
    pub trainings: Vec<Edit>,
    pub entries: Vec<Edit>,
    pub exemptions: Vec<Edit>,
}

/// One member as the meetings need them.
struct Person {
    id: RecordId,
    org: String,
    birth: Option<NaiveDate>,
    flowing: bool,
}

fn people(members: &[Edit]) -> Vec<Person> {
    members
        .iter()
        .filter_map(|e| {
            let Edit::Create { id, fields, .. } = e else { return None };
            let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v);
            Some(Person {
                id: id.clone(),
                org: get(member::ORG)?.as_str()?.to_string(),
                birth: get(member::BIRTH_DATE).and_then(Value::as_str).and_then(crate::date::parse_iso),
                flowing: get(member::FLOWING).and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect()
}

fn meeting(rng: &mut Rng, org: &str, kind_: MeetingKind, date: NaiveDate, who: &[&Person]) -> Edit {
    let mut fields = vec![
        (DATE.to_string(), json!(iso(date))),
        (ORG.to_string(), json!(org)),
        (TYPE.to_string(), json!(kind_.label())),
        (TOPIC.to_string(), json!(rng.pick(TOPICS))),
    ];
    for p in who {
        let roll = rng.below(100);
        let a = match roll {
            0..=84 => Attendance::Present,
            85..=94 => Attendance::Leave,
            _ => Attendance::Absent,
        };
        // Members working away are mostly on leave.
        let a = if p.flowing && a == Attendance::Present && rng.chance(0.7) { Attendance::Leave } else { a };
        fields.push((attendance_key(&p.id), json!(a.label())));
        if a == Attendance::Leave {
            fields.push((reason_key(&p.id), json!(rng.pick(LEAVE_REASONS))));
        }
    }
    Edit::Create { id: RecordId::from_random(rng.bytes16()), kind: kind::MEETING.to_string(), fields }
}

/// The scoring inputs of `roster`'s year.
pub fn scoring_year(roster: &Roster, seed: u64) -> ScoringYear {
    let mut rng = Rng::derive(seed, SCORING_STREAM);
    let year = AS_OF.year();
    let scheme_id = RecordId::from_random(rng.bytes16());
    let scheme_edit =
        create_scheme(&template(Family::MemberPoints, year), scheme_id.clone()).expect("the template passes");
    let Edit::Create { fields, .. } = &scheme_edit else { unreachable!("a creating edit") };
    let scheme = Scheme::from_record(&Record::unstamped(&scheme_id, kind::SCHEME, fields));
    let all = people(&roster.members);
    let mut branches: Vec<(&str, Vec<&Person>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for p in &all {
        let i = *at.entry(&p.org).or_insert_with(|| {
            branches.push((&p.org, Vec::new()));
            branches.len() - 1
        });
        branches[i].1.push(p);
    }
    let mut meetings = Vec::new();
    for (org, who) in &branches {
        for month in 1..=AS_OF.month() {
            let mut held: Vec<(MeetingKind, &[&Person])> =
                vec![(MeetingKind::ThemeDay, who), (MeetingKind::Committee, &who[..who.len().min(5)])];
            if month % 3 == 1 {
                held.extend([(MeetingKind::Assembly, &who[..]), (MeetingKind::Lecture, &who[..])]);
            }
            for (k, people) in held {
                let day = NaiveDate::from_ymd_opt(year, month, 1 + rng.below(28) as u32).expect("days 1..=28 exist");
                meetings.push(meeting(&mut rng, org, k, day, people));
            }
        }
    }
    let townships: Vec<&RecordId> = roster
        .orgs
        .iter()
        .filter_map(|e| match e {
            Edit::Create { id, fields, .. }
                if fields.iter().any(|(f, v)| f == crate::org::CATEGORY && v == "township") =>
            {
                Some(id)
            }
            _ => None,
        })
        .collect();
    let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year's first day");
    let mut trainings = Vec::new();
    for t in &townships {
        for _ in 0..6 {
            let mut fields = vec![
                (crate::training::DATE.to_string(), json!(iso(random_date(&mut rng, first, AS_OF)))),
                (crate::training::TOPIC.to_string(), json!("村级规范化管理")),
                (crate::training::CATEGORY.to_string(), json!("集中轮训")),
                (crate::training::HOURS.to_string(), json!(3)),
                (crate::training::ORGANIZER.to_string(), json!(t.as_str())),
            ];
            let mut chosen: Vec<&RecordId> = (0..40.min(all.len())).map(|_| &rng.pick(&all).id).collect();
            chosen.sort();
            chosen.dedup();
            fields.extend(chosen.into_iter().map(|p| (crate::training::attended_key(p), json!(true))));
            trainings.push(Edit::Create {
                id: RecordId::from_random(rng.bytes16()),
                kind: kind::TRAINING.to_string(),
                fields,
            });
        }
    }
    let mut entries = Vec::new();
    let mut exemptions = Vec::new();
    for p in &all {
        if rng.chance(0.02) {
            let bonus = rng.chance(0.7);
            let draft = EntryDraft {
                member: Some(p.id.clone()),
                date: iso(random_date(&mut rng, first, AS_OF)),
                item: if bonus { "bonus".into() } else { "deduct".into() },
                points: (1 + rng.below(5)).to_string(),
                reason: if bonus { "带头参加抗洪抢险".into() } else { "无故不交党费".into() },
            };
            entries.push(
                create_entry(&draft, &scheme, RecordId::from_random(rng.bytes16()), AS_OF).expect("a valid entry"),
            );
        }
        let old = p.birth.and_then(|b| member::age_on(b, AS_OF)).is_some_and(|a| a >= 75);
        let exemption = if old && rng.chance(0.5) {
            Some(Exemption::Frail)
        } else if p.flowing {
            Some(Exemption::Flowing)
        } else {
            None
        };
        if let Some(x) = exemption {
            exemptions.push(create_exemption(&p.id, year, x, "", RecordId::from_random(rng.bytes16())));
        }
    }
    ScoringYear { scheme: scheme_edit, scheme_id, meetings, trainings, entries, exemptions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{roster, Scale};
    use crate::scoring::meeting::Meeting;

    #[test]
    fn a_year_of_meetings_for_every_branch_the_same_for_a_seed() {
        let scale = Scale { orgs: 12, members: 300, households: 60, diaries: 0 };
        let r = roster(&scale, 3);
        let y = scoring_year(&r, 3);
        assert_eq!(y, scoring_year(&r, 3));
        let meetings: Vec<Meeting> = y
            .meetings
            .iter()
            .map(|e| {
                let Edit::Create { id, kind: k, fields } = e else { panic!() };
                Meeting::from_record(&Record::unstamped(id, k, fields))
            })
            .collect();
        let branches: std::collections::HashSet<&RecordId> = meetings.iter().filter_map(|m| m.org.as_ref()).collect();
        // Every member's branch meets: 10 months × 2, and 4 quarters × 2 by the end of October.
        assert_eq!(meetings.len(), branches.len() * (20 + 8));
        let marks: usize = meetings.iter().map(|m| m.marks.len()).sum();
        assert!(marks > 300 * 28 / 2, "{marks}");
        assert!(meetings
            .iter()
            .all(|m| m.marks.iter().all(|k| k.attendance != Attendance::Leave || !k.reason.is_empty())));
        assert!(!y.entries.is_empty() || r.members.len() < 100);
        assert_eq!(y.trainings.len(), 6 * r.orgs.iter().filter(|e| matches!(e, Edit::Create { fields, .. } if fields.iter().any(|(f, v)| f == crate::org::CATEGORY && v == "township"))).count());
    }
}
