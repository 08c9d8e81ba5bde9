//! The organization tree of a county: townships, their villages and communities, the branches
//! and groups inside them, the enterprises' and institutions' branches, and each township
//! office's own branch. Besides the edits it keeps what members and diaries are generated from:
//! which branch belongs to which village, and who in a village writes diaries.

use super::rng::Rng;
use super::vocab::{
    CHINESE_NUMBERS, COOPERATIVE_PRODUCTS, FIRM_BRANDS, FIRM_TRADES, INSTITUTIONS, PLACE_FIRST, PLACE_LAST, SURNAMES,
};
use super::{date, iso, random_date};
use crate::org::{self, OrgCategory};
use crate::record::{kind, RecordId};
use crate::replica::Edit;
use chrono::{Datelike, NaiveDate};
use serde_json::json;
use std::collections::BTreeSet;
use std::ops::Range;

/// A township has about 30 organizations in the county sample (the seeds' townships have 30-150
/// branches; a county has 10-30 townships).
const ORGS_PER_TOWNSHIP: usize = 30;

pub(super) struct Township {
    pub name: String,
    /// This township's villages, contiguous in `Tree::villages`.
    pub villages: Range<usize>,
    /// Township cadres who visit villages (包村干部).
    pub writers: Vec<RecordId>,
    /// The leaders who read diaries (阅批: 党委书记, 镇长 or 乡长, a deputy), by name.
    pub reviewers: Vec<String>,
    /// Who supervises matters (督办: the 纪委书记 or the 党政办主任), by name.
    pub supervisors: Vec<String>,
}

pub(super) struct Village {
    /// 山塘村, 新塘社区.
    pub name: String,
    /// The village's top organization (its 党总支 or 党支部): what a diary names as the village.
    pub org: RecordId,
    pub township: usize,
    /// Number of 村民小组 (组), for addresses.
    pub groups: usize,
    /// Villages are often dominated by one or two lineages (李家冲 is mostly 李).
    pub clans: [&'static str; 2],
    /// Village cadres who write diaries.
    pub writers: Vec<RecordId>,
    /// Township cadres assigned to the village (包村干部), who also write its diaries.
    pub liaisons: Vec<RecordId>,
    /// The members of the village's branches, in the order generated: the heads of some of
    /// its households (老党员 among them).
    pub members: Vec<VillageMember>,
    /// The households on its register (民情户), in register order.
    pub households: Vec<super::households::Household>,
    /// Where a diary's household is drawn from: the running sum of the households' weights
    /// (五个必到 households are visited more often).
    pub visit_weights: Vec<u64>,
}

/// A member of a village branch, as much as a household register repeats of them.
pub(super) struct VillageMember {
    pub id: RecordId,
    pub name: String,
    pub male: bool,
    pub birth: NaiveDate,
    pub joined: NaiveDate,
    pub id_number: String,
    pub phone: String,
    /// Neither lost, flowing elsewhere nor stopped: at home, on the roster.
    pub active: bool,
}

/// Where a branch's members live and work.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Village(usize),
    /// The township government's own branch (机关党支部).
    Office(usize),
    /// A school, clinic, cooperative or firm of a township; everyone there has `post`.
    Workplace {
        township: usize,
        post: &'static str,
    },
}

/// An organization members can belong to, with a relative size.
pub(super) struct Unit {
    pub org: RecordId,
    pub place: Place,
    pub weight: u32,
}

pub(super) struct Tree {
    pub edits: Vec<Edit>,
    pub townships: Vec<Township>,
    pub villages: Vec<Village>,
    pub units: Vec<Unit>,
}

pub(super) fn build(count: usize, rng: &mut Rng) -> Tree {
    let mut tree =
        Tree { edits: Vec::with_capacity(count), townships: Vec::new(), villages: Vec::new(), units: Vec::new() };
    let townships = if count == 0 { 0 } else { (count / ORGS_PER_TOWNSHIP).max(1) };
    let mut township_names = BTreeSet::new();
    for t in 0..townships {
        let budget = count / townships + usize::from(t < count % townships);
        let name = unique(&mut township_names, rng, |rng| {
            let suffix = if rng.chance(0.65) { "镇" } else { "乡" };
            format!("{}{suffix}", place_name(rng))
        });
        build_township(&mut tree, name, budget, rng);
    }
    tree
}

/// Spends `budget` organizations on one township: its committee, villages, workplaces and
/// office, in that order so every parent comes before its children.
fn build_township(tree: &mut Tree, name: String, budget: usize, rng: &mut Rng) {
    let t = tree.townships.len();
    let founded = if rng.chance(0.5) {
        founding_date(rng, date(1950, 1, 1), date(1958, 12, 31))
    } else {
        // Many townships were re-formed when small ones merged (撤乡并镇).
        founding_date(rng, date(1995, 1, 1), date(2005, 12, 31))
    };
    let township_org = push_org(tree, rng, format!("{name}党委"), OrgCategory::TownshipCommittee, None, founded);
    let rest = budget - 1;
    let office = usize::from(rest >= 5);
    let workplaces = if rest >= 11 { rest / 10 } else { 0 };
    let mut village_budget = rest - office - workplaces;
    let mut names = BTreeSet::new();
    let first_village = tree.villages.len();
    while village_budget > 0 {
        village_budget -= build_village(tree, rng, t, &township_org, founded, village_budget, &mut names);
    }
    let villages = first_village..tree.villages.len();
    for _ in 0..workplaces {
        let village = &tree.villages[villages.start + rng.below(villages.len())].name;
        let (org_name, post) = workplace_name(rng, &name, village, &mut names);
        let since = founding_date(rng, founded.max(date(1985, 1, 1)), date(2023, 12, 31));
        let id = push_org(tree, rng, org_name, OrgCategory::EnterpriseBranch, Some(&township_org), since);
        let weight = rng.between(5, 18) as u32;
        tree.units.push(Unit { org: id, place: Place::Workplace { township: t, post }, weight });
    }
    if office == 1 {
        let since = founding_date(rng, founded, date(2010, 12, 31));
        let id = push_org(tree, rng, format!("{name}机关党支部"), OrgCategory::Branch, Some(&township_org), since);
        let weight = rng.between(25, 45) as u32;
        tree.units.push(Unit { org: id, place: Place::Office(t), weight });
    }
    tree.townships.push(Township {
        name,
        villages,
        writers: Vec::new(),
        reviewers: Vec::new(),
        supervisors: Vec::new(),
    });
}

/// Builds one village or community (its top organization and what sits under it) within
/// `budget` organizations, and returns how many it used.
fn build_village(
    tree: &mut Tree,
    rng: &mut Rng,
    township: usize,
    township_org: &RecordId,
    township_founded: NaiveDate,
    budget: usize,
    names: &mut BTreeSet<String>,
) -> usize {
    let mut stem = String::new();
    let name = unique(names, rng, |rng| {
        stem = place_name(rng);
        let suffix = if rng.chance(0.2) { "社区" } else { "村" };
        format!("{stem}{suffix}")
    });
    let v = tree.villages.len();
    // 李家冲 is named after its lineage.
    let lineage = stem.split_once('家').and_then(|(s, _)| SURNAMES.iter().find(|(n, _)| *n == s)).map(|(n, _)| *n);
    let clans = [lineage.unwrap_or_else(|| *rng.weighted(SURNAMES)), *rng.weighted(SURNAMES)];
    let founded = founding_date(rng, township_founded.max(date(1950, 1, 1)), date(2012, 12, 31));
    let general = budget >= 3 && rng.chance(0.35);
    let category = if general { OrgCategory::GeneralBranch } else { OrgCategory::Branch };
    let top_name = format!("{name}{}", if general { "党总支" } else { "党支部" });
    let top = push_org(tree, rng, top_name, category, Some(township_org), founded);
    let mut used = 1;
    if general {
        tree.units.push(Unit { org: top.clone(), place: Place::Village(v), weight: rng.between(1, 4) as u32 });
        let branches = rng.between(2, 4) as usize;
        let mut hamlets = BTreeSet::from([stem.clone()]);
        let mut numbered = 0;
        for _ in 0..branches {
            if used == budget {
                break;
            }
            let since = founding_date(rng, founded, date(2020, 12, 31));
            let (child_name, category, weight) = if rng.chance(0.5) {
                numbered += 1;
                (format!("{name}第{}党支部", CHINESE_NUMBERS[numbered - 1]), OrgCategory::Branch, rng.between(12, 35))
            } else {
                let hamlet = unique(&mut hamlets, rng, place_name);
                (format!("{hamlet}村民小组党支部"), OrgCategory::VillageGroupBranch, rng.between(6, 20))
            };
            let child = push_org(tree, rng, child_name, category, Some(&top), since);
            tree.units.push(Unit { org: child, place: Place::Village(v), weight: weight as u32 });
            used += 1;
            if used < budget && rng.chance(0.2) {
                used += add_groups(tree, rng, 1, since);
            }
        }
    } else {
        tree.units.push(Unit { org: top.clone(), place: Place::Village(v), weight: rng.between(20, 70) as u32 });
        if rng.chance(0.4) {
            let party_groups = (rng.between(1, 3) as usize).min(budget - used);
            used += add_groups(tree, rng, party_groups, founded);
        }
    }
    let groups = rng.between(6, 18) as usize;
    tree.villages.push(Village {
        name,
        org: top,
        township,
        groups,
        clans,
        writers: Vec::new(),
        liaisons: Vec::new(),
        members: Vec::new(),
        households: Vec::new(),
        visit_weights: Vec::new(),
    });
    used
}

/// Adds `count` 党小组 under the organization created last, and returns `count`.
fn add_groups(tree: &mut Tree, rng: &mut Rng, count: usize, parent_founded: NaiveDate) -> usize {
    let parent = tree.edits.last().expect("a parent").record_id().clone();
    for number in &CHINESE_NUMBERS[..count] {
        let since = founding_date(rng, parent_founded, date(2022, 12, 31));
        push_org(tree, rng, format!("第{number}党小组"), OrgCategory::Group, Some(&parent), since);
    }
    count
}

/// A school, clinic, cooperative or firm with a branch, named as such branches are
/// (坪塘镇中心学校党支部, 山塘水稻专业合作社党支部, 湘丰米业有限公司党支部), with its members' post.
fn workplace_name(
    rng: &mut Rng,
    township: &str,
    village: &str,
    names: &mut BTreeSet<String>,
) -> (String, &'static str) {
    let mut post = "";
    let name = unique(names, rng, |rng| match rng.below(10) {
        0..=3 => {
            let &(what, p) = rng.pick(INSTITUTIONS);
            post = p;
            format!("{township}{what}党支部")
        }
        4..=6 => {
            post = "务农";
            let stem = village.trim_end_matches('村').trim_end_matches("社区");
            format!("{stem}{}专业合作社党支部", rng.pick(COOPERATIVE_PRODUCTS))
        }
        _ => {
            post = "企业职工";
            format!("{}{}党支部", rng.pick(FIRM_BRANDS), rng.pick(FIRM_TRADES))
        }
    });
    (name, post)
}

fn push_org(
    tree: &mut Tree,
    rng: &mut Rng,
    name: String,
    category: OrgCategory,
    parent: Option<&RecordId>,
    founded: NaiveDate,
) -> RecordId {
    debug_assert!(name.chars().count() <= org::NAME_MAX_CHARS);
    let id = RecordId::from_random(rng.bytes16());
    let mut fields = vec![(org::NAME.to_string(), json!(name)), (org::CATEGORY.to_string(), json!(category.code()))];
    if let Some(p) = parent {
        fields.push((org::PARENT.to_string(), json!(p.as_str())));
    }
    fields.push((org::FOUNDED.to_string(), json!(iso(founded))));
    tree.edits.push(Edit::Create { id: id.clone(), kind: kind::ORG.to_string(), fields });
    id
}

/// A date in `lo..=hi`; often 1 July, the party's birthday, when branches like to be founded.
fn founding_date(rng: &mut Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    let d = random_date(rng, lo, hi);
    let july = date(d.year(), 7, 1);
    if rng.chance(0.2) && (lo..=hi).contains(&july) {
        july
    } else {
        d
    }
}

/// 山塘, 李家冲, 枫树坪: a first part and a landform.
fn place_name(rng: &mut Rng) -> String {
    loop {
        let first = *rng.pick(PLACE_FIRST);
        let last = *rng.pick(PLACE_LAST);
        // 山山 and 塘塘 are not names.
        if !first.ends_with(last) {
            return format!("{first}{last}");
        }
    }
}

/// A name `make` draws that is not in `used` yet (and is then added to it). Past a few dozen
/// collisions (only a custom scale far beyond a county gets there) a number is appended.
fn unique(used: &mut BTreeSet<String>, rng: &mut Rng, mut make: impl FnMut(&mut Rng) -> String) -> String {
    for attempt in 0.. {
        let mut name = make(rng);
        if attempt >= 40 {
            name = format!("{name}{attempt}");
        }
        if used.insert(name.clone()) {
            return name;
        }
    }
    unreachable!("the loop only ends by returning")
}
