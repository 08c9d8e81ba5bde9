//! 民情户: each village's register of the households its cadres visit (kind `household`, fields
//! as `household.rs` defines them), and what the diaries tell of each household.
//!
//! About a quarter of a register's households are among the 五个必到 (种养大户, 贫困户, 老党员,
//! 人大代表, 村企业家); a few more are 低保户, 残疾人家庭 or 留守/空巢老人; most are none of these.
//! 老党员 households are headed by the village's own members whom the template rule
//! (`OldMemberRule::default`) counts as old, and name their member record; some other heads are
//! members too. A few households have left the register (迁出, 户销).

use super::members::{full_name, mobile_number, unique_id_number};
use super::orgs::{Township, Village, VillageMember};
use super::rng::Rng;
use super::vocab::{COUNTIES, WORK_PLACES};
use super::{date, iso, random_date, AS_OF};
use crate::household::{self, Category, ClosedReason, OldMemberRule};
use crate::id_number::Sex;
use crate::member;
use crate::record::RecordId;
use crate::replica::Edit;
use chrono::{Datelike, Days, NaiveDate};
use serde_json::{json, Value};
use std::collections::HashSet;

/// What the diaries tell of a household: the one 五个必到 category its visits are about, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HouseholdKind {
    LargeFarm,
    Poor,
    OldMember,
    Deputy,
    Entrepreneur,
    Ordinary,
}

impl HouseholdKind {
    /// How the diaries name such a household.
    pub fn label(self) -> &'static str {
        match self {
            HouseholdKind::LargeFarm => "种养大户",
            HouseholdKind::Poor => "贫困户",
            HouseholdKind::OldMember => "老党员",
            HouseholdKind::Deputy => "人大代表",
            HouseholdKind::Entrepreneur => "村企业家",
            HouseholdKind::Ordinary => "一般农户",
        }
    }

    fn category(self) -> Option<Category> {
        match self {
            HouseholdKind::LargeFarm => Some(Category::LargeFarm),
            HouseholdKind::Poor => Some(Category::Poor),
            HouseholdKind::OldMember => Some(Category::OldMember),
            HouseholdKind::Deputy => Some(Category::Deputy),
            HouseholdKind::Entrepreneur => Some(Category::Entrepreneur),
            HouseholdKind::Ordinary => None,
        }
    }
}

/// A household on a village's register, as the diaries write about it.
pub(super) struct Household {
    pub id: RecordId,
    pub head: String,
    pub male: bool,
    pub born: i32,
    pub kind: HouseholdKind,
    /// It has one of the 五个必到 categories.
    pub must_visit: bool,
    /// Its 村民小组 (1-based).
    pub group: usize,
    /// 家庭人口.
    pub size: u32,
    /// 亩 farmed.
    pub land: u32,
    /// Pigs for a large farm, workers for an entrepreneur.
    pub stock: u32,
    /// The year the head joined the Party, when the head is a member.
    pub joined: Option<i32>,
    /// When it left the register (迁出, 户销): visits are before that day.
    pub closed: Option<NaiveDate>,
}

impl Household {
    /// Whether it was on the register on `day`.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.closed.is_none_or(|c| day < c)
    }
}

/// Spreads `total` households over the villages about in proportion to their 村民小组, every
/// village getting one at least when there are enough.
pub(super) fn shares(rng: &mut Rng, villages: &[Village], total: usize) -> Vec<usize> {
    let weights: Vec<u128> = villages.iter().map(|v| (v.groups as u128) * rng.between(80, 120) as u128).collect();
    let sum: u128 = weights.iter().sum();
    if sum == 0 {
        return vec![0; villages.len()];
    }
    let base = usize::from(total >= villages.len());
    let rest = (total - base * villages.len()) as u128;
    let mut out: Vec<usize> = weights.iter().map(|w| base + (rest * w / sum) as usize).collect();
    // Largest remainders first (ties by place), until the total is met.
    let mut order: Vec<usize> = (0..villages.len()).collect();
    order.sort_by_key(|&v| (std::cmp::Reverse(rest * weights[v] % sum), v));
    let short = total - out.iter().sum::<usize>();
    for &v in &order[..short] {
        out[v] += 1;
    }
    out
}

/// A village's register of `count` households, in register order (by 组), with their creating
/// edits. Identity numbers are unique across `ids_in_use` (the members' and every register's).
pub(super) fn register(
    rng: &mut Rng,
    village: &Village,
    township: &Township,
    count: usize,
    home: &(&'static str, &'static str),
    ids_in_use: &mut HashSet<String>,
) -> (Vec<Household>, Vec<Edit>) {
    use HouseholdKind::*;
    let per_mille = |rng: &mut Rng, lo: i64, hi: i64| ((count as i64 * rng.between(lo, hi) + 500) / 1000) as usize;
    let at_least_one = |n: usize| if count >= 15 { n.max(1) } else { n };
    let large = at_least_one(per_mille(rng, 30, 60));
    let poor = per_mille(rng, 60, 110);
    let old = per_mille(rng, 40, 80);
    let deputies =
        if count >= 10 { 1 + usize::from(count >= 30 && rng.chance(0.3)) } else { usize::from(rng.chance(0.3)) };
    let entrepreneurs = at_least_one(per_mille(rng, 20, 40));
    let member_heads = per_mille(rng, 30, 70);

    // Members at home whom the rule counts as old head 老党员 households; other members head a
    // few households of their own.
    let rule = OldMemberRule::default();
    let is_old = |m: &VillageMember| {
        let age = member::age_on(m.birth, AS_OF).unwrap_or(0);
        let years_in = member::age_on(m.joined, AS_OF).unwrap_or(0);
        rule.age.is_some_and(|a| age >= a) || rule.party_years.is_some_and(|y| years_in >= y)
    };
    let mut old_members: Vec<&VillageMember> = village.members.iter().filter(|m| m.active && is_old(m)).collect();
    let mut other_members: Vec<&VillageMember> = village
        .members
        .iter()
        .filter(|m| m.active && !is_old(m) && (30..70).contains(&member::age_on(m.birth, AS_OF).unwrap_or(0)))
        .collect();

    let mut slots: Vec<(HouseholdKind, Option<&VillageMember>)> = Vec::with_capacity(count);
    for _ in 0..old {
        match take(rng, &mut old_members) {
            Some(m) => slots.push((OldMember, Some(m))),
            None => break,
        }
    }
    for (kind, n, member_share) in
        [(LargeFarm, large, 0.25), (Poor, poor, 0.0), (Deputy, deputies, 0.5), (Entrepreneur, entrepreneurs, 0.3)]
    {
        for _ in 0..n {
            let head = if rng.chance(member_share) { take(rng, &mut other_members) } else { None };
            slots.push((kind, head));
        }
    }
    slots.truncate(count);
    let mut member_heads = member_heads;
    while slots.len() < count {
        let head = if member_heads > 0 { take(rng, &mut other_members) } else { None };
        member_heads = member_heads.saturating_sub(1);
        slots.push((Ordinary, head));
    }

    let mut drawn: Vec<Drawn> =
        slots.into_iter().map(|(kind, m)| draw(rng, village, kind, m, home, ids_in_use)).collect();
    // Some households left the register; the first one drawn never does, so every village keeps
    // one to visit on any day.
    for d in drawn.iter_mut().skip(1) {
        if d.member.is_none() && rng.chance(0.02) {
            let reason = if d.born < 1950 {
                if rng.chance(0.7) {
                    ClosedReason::Dissolved
                } else {
                    ClosedReason::MovedOut
                }
            } else if rng.chance(0.8) {
                ClosedReason::MovedOut
            } else {
                ClosedReason::Dissolved
            };
            let day = random_date(rng, AS_OF - Days::new(3 * 365), AS_OF - Days::new(1));
            d.closed = Some((day, reason));
        }
    }
    // The register lists households by 组, and within a 组 by house number.
    drawn.sort_by_key(|d| d.group);
    let mut households = Vec::with_capacity(count);
    let mut edits = Vec::with_capacity(count);
    let mut number = 0;
    for (i, d) in drawn.into_iter().enumerate() {
        if i == 0 || households.last().is_some_and(|h: &Household| h.group != d.group) {
            number = 0;
        }
        number += rng.between(1, 4);
        let id = RecordId::from_random(rng.bytes16());
        edits.push(edit(&id, &d, village, township, number));
        households.push(Household {
            id,
            head: d.head,
            male: d.male,
            born: d.born,
            kind: d.kind,
            must_visit: d.categories.iter().any(|c| c.is_must_visit()),
            group: d.group,
            size: d.size,
            land: d.land,
            stock: d.stock,
            joined: d.joined,
            closed: d.closed.map(|(day, _)| day),
        });
    }
    (households, edits)
}

/// A member drawn out of `pool`, while there are some.
fn take<'a>(rng: &mut Rng, pool: &mut Vec<&'a VillageMember>) -> Option<&'a VillageMember> {
    (!pool.is_empty()).then(|| pool.swap_remove(rng.below(pool.len())))
}

/// One household's facts, before it has its place in the register.
struct Drawn {
    head: String,
    male: bool,
    born: i32,
    id_number: Option<String>,
    phone: Option<String>,
    kind: HouseholdKind,
    categories: Vec<Category>,
    group: usize,
    size: u32,
    land: u32,
    stock: u32,
    label: Option<&'static str>,
    note: Option<String>,
    member: Option<RecordId>,
    joined: Option<i32>,
    closed: Option<(NaiveDate, ClosedReason)>,
}

fn draw(
    rng: &mut Rng,
    village: &Village,
    kind: HouseholdKind,
    member: Option<&VillageMember>,
    home: &(&'static str, &'static str),
    ids_in_use: &mut HashSet<String>,
) -> Drawn {
    use HouseholdKind::*;
    let (head, male, born, id_number, phone) = match member {
        // A member at the head: the register repeats the roster.
        Some(m) => (m.name.clone(), m.male, m.birth.year(), Some(m.id_number.clone()), Some(m.phone.clone())),
        None => {
            let (lo, hi) = match kind {
                LargeFarm => (1960, 1990),
                Poor => (1940, 1975),
                OldMember => (1935, 1955),
                Deputy => (1960, 1985),
                Entrepreneur => (1965, 1992),
                Ordinary => (1945, 1992),
            };
            // Widows head many of the poorest and oldest households.
            let male = rng.chance(if matches!(kind, Poor | OldMember) { 0.75 } else { 0.88 });
            let born = rng.between(lo, hi) as i32;
            let head = full_name(rng, Some(village.clans), male, born);
            // Many registers lack some numbers; the oldest heads often have no phone of their own.
            let id_number = rng.chance(0.96).then(|| {
                let region = if rng.chance(0.85) { home.0 } else { rng.pick(COUNTIES).0 };
                let birth = random_date(rng, date(born, 1, 1), date(born, 12, 31));
                let sex = if male { Sex::Male } else { Sex::Female };
                unique_id_number(rng, region, birth, sex, ids_in_use)
            });
            let phone = rng.chance(if born < 1950 { 0.7 } else { 0.95 }).then(|| mobile_number(rng));
            (head, male, born, id_number, phone)
        }
    };
    let age = AS_OF.year() - born;
    let size = match kind {
        Poor => rng.between(1, 4),
        _ if age >= 75 => rng.between(1, 3),
        _ => rng.between(2, 6),
    } as u32;
    let land = if kind == LargeFarm { rng.between(50, 300) } else { rng.between(2, 8) } as u32;
    let stock = match kind {
        LargeFarm => rng.between(30, 500),
        Entrepreneur => rng.between(5, 40),
        _ => 0,
    } as u32;

    let mut categories: Vec<Category> = kind.category().into_iter().collect();
    let mut also = |c: Category, p: f64, rng: &mut Rng| {
        if rng.chance(p) && !categories.contains(&c) {
            categories.push(c);
        }
    };
    match kind {
        OldMember => also(Category::Poor, 0.08, rng),
        Deputy if rng.chance(0.3) => {
            also(if rng.chance(0.5) { Category::Entrepreneur } else { Category::LargeFarm }, 1.0, rng)
        }
        _ => {}
    }
    let poor = kind == Poor;
    also(Category::Subsistence, if poor { 0.55 } else { 0.025 }, rng);
    also(Category::Disabled, if poor { 0.15 } else { 0.03 }, rng);
    if age >= 65 && size <= 2 {
        also(Category::LeftBehindElderly, 0.55, rng);
    }
    also(Category::Other, 0.01, rng);
    categories.sort();

    let label = match () {
        _ if poor && size == 1 && age >= 60 && rng.chance(0.3) => Some("五保户"),
        _ if poor && rng.chance(0.25) => Some("防止返贫监测户"),
        _ if male && (1950..1990).contains(&born) && rng.chance(0.04) => Some("退役军人"),
        _ if rng.chance(0.01) => Some("军属"),
        _ => None,
    };
    let note = rng.chance(0.07).then(|| match rng.below(5) {
        0 if age >= 70 => "户主年事已高，腿脚不便，走访请提前电话联系。".to_string(),
        1 if size <= 2 && age >= 65 => "独居，需重点关注。".to_string(),
        2 => format!("子女在{}务工，家中平时只有老人。", rng.pick(WORK_PLACES)),
        3 => "白天多在田里，走访宜在傍晚。".to_string(),
        _ => "户主常年在外，家中事务由其爱人打理。".to_string(),
    });
    Drawn {
        head,
        male,
        born,
        id_number,
        phone,
        kind,
        categories,
        group: rng.between(1, village.groups as i64) as usize,
        size,
        land,
        stock,
        label,
        note,
        member: member.map(|m| m.id.clone()),
        joined: member.map(|m| m.joined.year()),
        closed: None,
    }
}

/// The creating edit, fields as `household::check_household` writes them (empty ones left out).
fn edit(id: &RecordId, d: &Drawn, village: &Village, township: &Township, number: i64) -> Edit {
    let text = |s: Option<&str>| json!(s.unwrap_or_default());
    let mut fields: Vec<(String, Value)> = vec![
        (household::VILLAGE.into(), json!(village.org.as_str())),
        (household::HEAD.into(), json!(d.head)),
        (household::ID_NUMBER.into(), text(d.id_number.as_deref())),
        (household::PHONE.into(), text(d.phone.as_deref())),
        (household::GROUP.into(), json!(format!("{}组", d.group))),
        (household::ADDRESS.into(), json!(format!("{}{}{}组{number}号", township.name, village.name, d.group))),
        (household::LABEL.into(), text(d.label)),
        (household::NOTE.into(), text(d.note.as_deref())),
        (household::PEOPLE.into(), json!(d.size)),
        (household::CATEGORIES.into(), Value::Array(d.categories.iter().map(|c| json!(c.label())).collect())),
        (household::MEMBER.into(), d.member.as_ref().map_or(Value::Null, |m| json!(m.as_str()))),
    ];
    if let Some((day, reason)) = d.closed {
        fields.push((household::CLOSED.into(), json!(iso(day))));
        fields.push((household::CLOSED_REASON.into(), json!(reason.label())));
    }
    household::household_edit(fields, None, id.clone())
}
