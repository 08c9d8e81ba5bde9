//! Members (党员) with the items of the national collection form (党员基本信息采集表).

use super::orgs::{Place, Tree, VillageMember};
use super::rng::Rng;
use super::vocab::{
    GivenNames, AGE_BANDS, COUNTIES, DESTINATIONS, EDUCATION_35_TO_49, EDUCATION_50_TO_69, EDUCATION_70_PLUS,
    EDUCATION_RECRUITED, EDUCATION_UNDER_35, ETHNICITIES, FEMALE_NAMES, MALE_NAMES, MIGRANT_WORKER, MOBILE_PREFIXES,
    POSTS_35_TO_59, POSTS_60_TO_69, POSTS_70_PLUS, POSTS_UNDER_35, RETIRED, SURNAMES, TOWNSHIP_CADRE, VILLAGE_CADRE,
};
use super::{day_number, from_day_number, iso, random_date, years_after, AS_OF};
use crate::id_number::{make_id_number, Sex};
use crate::record::{kind, RecordId};
use crate::replica::Edit;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use std::collections::HashSet;

use crate::member::{
    ADDRESS, BIRTH_DATE, CATEGORY, EDUCATION, ETHNICITY, FLOWING, FLOWING_TO, FULL_MEMBER, FULL_MEMBER_DATE, ID_NUMBER,
    JOINED, LOST, LOST_DATE, NAME, ORG, PHONE, POST, PROBATIONARY, SEX, STATUS,
};

/// Probation lasts a year; the branch meeting that confirms it can be a few weeks late.
const PROBATION_DAYS: (i64, i64) = (365, 420);

/// Generates `count` members into the tree's branches. The first member of each branch is its
/// secretary, so every branch has someone and every village has a cadre to write diaries; the
/// rest are spread by the branches' sizes. Returns the edits and the identity numbers they use.
pub(super) fn build(
    count: usize,
    tree: &mut Tree,
    home: &(&'static str, &'static str),
    rng: &mut Rng,
) -> (Vec<Edit>, HashSet<String>) {
    let cumulative: Vec<u64> = tree
        .units
        .iter()
        .scan(0u64, |sum, u| {
            *sum += u64::from(u.weight);
            Some(*sum)
        })
        .collect();
    let total = cumulative.last().copied().unwrap_or(0) as usize;
    let mut ids_in_use = HashSet::with_capacity(count);
    let mut edits = Vec::with_capacity(count);
    for i in 0..count {
        let (unit, secretary) = if i < tree.units.len() {
            (i, true)
        } else {
            let r = rng.below(total) as u64;
            (cumulative.partition_point(|&c| c <= r), false)
        };
        let id = RecordId::from_random(rng.bytes16());
        let place = tree.units[unit].place;
        let person = Person::draw(rng, place, secretary);
        let village = match place {
            Place::Village(v) => v,
            Place::Office(t) | Place::Workplace { township: t, .. } => {
                let range = tree.townships[t].villages.clone();
                range.start + rng.below(range.len())
            }
        };
        let clans = matches!(place, Place::Village(_)).then_some(tree.villages[village].clans);
        let name = full_name(rng, clans, person.male, person.birth.year());
        let region = if rng.chance(0.85) { home.0 } else { rng.pick(COUNTIES).0 };
        let sex = if person.male { Sex::Male } else { Sex::Female };
        let id_number = unique_id_number(rng, region, person.birth, sex, &mut ids_in_use);
        let v = &tree.villages[village];
        let address =
            format!("{}{}{}{}组", home.1, tree.townships[v.township].name, v.name, rng.between(1, v.groups as i64));
        let phone = mobile_number(rng);

        let mut fields: Vec<(String, Value)> = Vec::with_capacity(18);
        let mut set = |key: &str, value: Value| fields.push((key.to_string(), value));
        set(NAME, json!(name));
        set(SEX, json!(if person.male { "男" } else { "女" }));
        set(ETHNICITY, json!(rng.weighted(ETHNICITIES)));
        set(ID_NUMBER, json!(id_number));
        set(BIRTH_DATE, json!(iso(person.birth)));
        set(EDUCATION, json!(person.education));
        set(CATEGORY, json!(if person.full_member.is_some() { FULL_MEMBER } else { PROBATIONARY }));
        set(ORG, json!(tree.units[unit].org.as_str()));
        set(JOINED, json!(iso(person.joined)));
        if let Some(d) = person.full_member {
            set(FULL_MEMBER_DATE, json!(iso(d)));
        }
        set(POST, json!(person.post));
        set(PHONE, json!(phone));
        set(ADDRESS, json!(address));
        let stopped = !secretary && rng.chance(0.003);
        set(STATUS, json!(if stopped { "停止党籍" } else { "正常" }));
        // Members who lose touch are mostly ones who left to work elsewhere.
        let migrant = person.post == MIGRANT_WORKER;
        let lost = !secretary && person.full_member.is_some() && rng.chance(if migrant { 0.03 } else { 0.002 });
        set(LOST, json!(lost));
        if lost {
            let since = person.joined.max(AS_OF - chrono::Days::new(8 * 365));
            set(LOST_DATE, json!(iso(random_date(rng, since, AS_OF - chrono::Days::new(30)))));
        }
        // Most who work elsewhere register as flowing members (流动党员); a few others are away too.
        let flowing_chance = if secretary || person.age >= 60 {
            0.0
        } else if migrant {
            0.7
        } else {
            0.01
        };
        let flowing = rng.chance(flowing_chance);
        set(FLOWING, json!(flowing));
        if flowing {
            set(FLOWING_TO, json!(rng.weighted(DESTINATIONS)));
        }
        edits.push(Edit::Create { id: id.clone(), kind: kind::MEMBER.to_string(), fields });

        let active = !stopped && !lost && !flowing;
        match place {
            Place::Village(v) if active && person.post == VILLAGE_CADRE => tree.villages[v].writers.push(id),
            Place::Office(t) if active && person.post == TOWNSHIP_CADRE => tree.townships[t].writers.push(id),
            _ => {}
        }
        if let Place::Village(v) = place {
            tree.villages[v].members.push(VillageMember {
                id: edits.last().expect("just pushed").record_id().clone(),
                name,
                male: person.male,
                birth: person.birth,
                joined: person.joined,
                id_number,
                phone,
                active,
            });
        }
    }
    (edits, ids_in_use)
}

/// A 公民身份号码 valid by GB 11643 and not in `in_use` (to which it is added).
pub(super) fn unique_id_number(
    rng: &mut Rng,
    region: &str,
    birth: NaiveDate,
    sex: Sex,
    in_use: &mut HashSet<String>,
) -> String {
    loop {
        let candidate = make_id_number(region, birth, rng.below(1000) as u16, sex);
        if in_use.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// A mainland mobile number.
pub(super) fn mobile_number(rng: &mut Rng) -> String {
    format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.below(100_000_000))
}

/// The facts about a member that depend on each other: age, post, schooling, dates.
struct Person {
    age: u32,
    male: bool,
    birth: NaiveDate,
    post: &'static str,
    education: &'static str,
    joined: NaiveDate,
    /// None for a probationary member.
    full_member: Option<NaiveDate>,
}

impl Person {
    fn draw(rng: &mut Rng, place: Place, secretary: bool) -> Person {
        let band = |rng: &mut Rng| {
            let &(lo, hi) = rng.weighted(AGE_BANDS);
            rng.between(i64::from(lo), i64::from(hi)) as u32
        };
        let (age, post) = match place {
            Place::Village(_) if secretary => (rng.between(32, 62) as u32, VILLAGE_CADRE),
            Place::Village(_) => {
                let age = band(rng);
                let posts = match age {
                    ..35 => POSTS_UNDER_35,
                    35..60 => POSTS_35_TO_59,
                    60..70 => POSTS_60_TO_69,
                    _ => POSTS_70_PLUS,
                };
                (age, *rng.weighted(posts))
            }
            // Retired township cadres stay in the office's branch.
            Place::Office(_) if !secretary && rng.chance(0.15) => (rng.between(60, 85) as u32, RETIRED),
            Place::Office(_) => (rng.between(23, 58) as u32, TOWNSHIP_CADRE),
            Place::Workplace { post, .. } => (rng.between(22, 60) as u32, post),
        };
        let female_share = match (place, secretary) {
            (_, true) => 0.12,
            (Place::Office(_) | Place::Workplace { .. }, false) => 0.35,
            (Place::Village(_), false) if age < 40 => 0.36,
            _ => 0.24,
        };
        let male = !rng.chance(female_share);
        let today = day_number(AS_OF);
        let birth = from_day_number(today - i64::from(age) * 365 - i64::from(age / 4) - rng.below(365) as i64);
        let recruited = matches!(post, TOWNSHIP_CADRE | "教师" | "医务人员" | "民警" | "金融职员");
        let education = *rng.weighted(match age {
            _ if recruited => EDUCATION_RECRUITED,
            ..35 => EDUCATION_UNDER_35,
            35..50 => EDUCATION_35_TO_49,
            50..70 => EDUCATION_50_TO_69,
            _ => EDUCATION_70_PLUS,
        });
        let probation_chance = match age {
            _ if secretary => 0.0,
            ..=40 => 0.12,
            41..=50 => 0.01,
            _ => 0.0,
        };
        let earliest = day_number(years_after(birth, 18));
        let (joined, full_member) = if rng.chance(probation_chance) {
            (from_day_number(rng.between(today - 360, today - 10)), None)
        } else {
            // Most join young: the least of three draws leans towards the start of the span.
            let latest = today - PROBATION_DAYS.1;
            let span = latest - earliest;
            let offset = (0..3).map(|_| rng.between(0, span)).min().expect("three draws");
            let joined = earliest + offset;
            let full = joined + rng.between(PROBATION_DAYS.0, PROBATION_DAYS.1);
            (from_day_number(joined), Some(from_day_number(full)))
        };
        Person { age, male, birth, post, education, joined, full_member }
    }
}

/// A name as a village gives them: often one of its lineages' surnames, and a given name of the
/// person's sex and generation.
pub(super) fn full_name(rng: &mut Rng, clans: Option<[&'static str; 2]>, male: bool, born: i32) -> String {
    let surname = match clans {
        Some(c) if rng.chance(0.45) => *rng.pick(&c),
        _ => *rng.weighted(SURNAMES),
    };
    let names: &GivenNames = if male { &MALE_NAMES } else { &FEMALE_NAMES };
    let era = match born {
        ..1960 => names.before_1960,
        1960..1985 => names.from_1960,
        _ => names.from_1985,
    };
    format!("{surname}{}", rng.pick(era))
}
