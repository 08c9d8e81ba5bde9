//! Realistic sample data for benchmarks and tests: a county's (or one township's) organization
//! tree, members and 民情日记, as the creating edits a station would stage.
//!
//! Everything comes from one seeded generator, so a seed names a data set: the same seed gives
//! the same records, byte for byte, natively and in wasm. No clock is read: dates are relative
//! to [`AS_OF`].

mod diary;
mod members;
mod orgs;
pub mod rng;
mod vocab;

use crate::record::RecordId;
use crate::replica::Edit;
use chrono::{Datelike, Months, NaiveDate};
use orgs::{Township, Village};
use rng::Rng;

/// The day the sample data is "taken": ages, membership dates and the three years of diaries
/// end here.
pub const AS_OF: NaiveDate = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub orgs: usize,
    pub members: usize,
    pub diaries: usize,
}

impl Scale {
    /// One township station's data: a committee, about 15-20 villages and their branches.
    pub const TOWNSHIP: Scale = Scale { orgs: 40, members: 3_000, diaries: 30_000 };
    /// A county organization department's data: 20 townships.
    pub const COUNTY: Scale = Scale { orgs: 600, members: 50_000, diaries: 200_000 };
}

/// All records of a scale as creating edits. Organizations come parents first, so the edits
/// can be staged in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub orgs: Vec<Edit>,
    pub members: Vec<Edit>,
    pub diaries: Vec<Edit>,
}

/// The organizations and members of a scale, from which its diaries can be streamed without
/// holding them all (200,000 diaries take a few hundred MB as edits).
pub struct Roster {
    pub orgs: Vec<Edit>,
    pub members: Vec<Edit>,
    seed: u64,
    diary_count: usize,
    villages: Vec<Village>,
    /// Who writes when a village has no cadre of its own and no liaison (tiny custom scales).
    any_writer: Vec<RecordId>,
}

// Each part of the data draws from its own stream, so the diaries can be streamed (and the
// parts changed) without replaying the draws of the others.
const ORG_STREAM: u64 = 1;
const MEMBER_STREAM: u64 = 2;
const HOUSEHOLD_STREAM: u64 = 3;
const DIARY_STREAM: u64 = 4;

/// Everything of `scale`, in a stable order: organizations (parents before children), then
/// members, then diaries. Same seed, same output.
pub fn generate(scale: &Scale, seed: u64) -> Generated {
    let roster = roster(scale, seed);
    let diaries = roster.diaries().collect();
    let Roster { orgs, members, .. } = roster;
    Generated { orgs, members, diaries }
}

/// The organizations and members of `generate(scale, seed)`; its diaries come from
/// [`Roster::diaries`].
pub fn roster(scale: &Scale, seed: u64) -> Roster {
    assert!(scale.members == 0 || scale.orgs >= 2, "members need a branch: use 2 or more organizations");
    assert!(scale.diaries == 0 || scale.members > 0, "diaries need members to write them");
    let mut rng = Rng::derive(seed, ORG_STREAM);
    let home = *rng.pick(vocab::COUNTIES);
    let mut tree = orgs::build(scale.orgs, &mut rng);
    let members = members::build(scale.members, &mut tree, &home, &mut Rng::derive(seed, MEMBER_STREAM));
    let mut rng = Rng::derive(seed, HOUSEHOLD_STREAM);
    for v in 0..tree.villages.len() {
        tree.villages[v].households = diary::households(&mut rng, &tree.villages[v]);
        assign_liaisons(&mut rng, &mut tree.villages[v], &tree.townships);
    }
    let mut any_writer: Vec<RecordId> = tree.villages.iter().flat_map(|v| &v.writers).cloned().collect();
    any_writer.extend(tree.townships.iter().flat_map(|t| &t.writers).cloned());
    if any_writer.is_empty() {
        any_writer = members.iter().map(|e| e.record_id().clone()).collect();
    }
    Roster { orgs: tree.edits, members, seed, diary_count: scale.diaries, villages: tree.villages, any_writer }
}

/// Every village has one or two township cadres assigned to it (包村干部), who write part of its
/// diaries.
fn assign_liaisons(rng: &mut Rng, village: &mut Village, townships: &[Township]) {
    let cadres = &townships[village.township].writers;
    if !cadres.is_empty() {
        let count = if rng.chance(0.3) { 2 } else { 1 };
        village.liaisons = (0..count).map(|_| rng.pick(cadres).clone()).collect();
        village.liaisons.dedup();
    }
}

impl Roster {
    /// The diaries, generated one at a time.
    pub fn diaries(&self) -> impl ExactSizeIterator<Item = Edit> + '_ {
        let mut rng = Rng::derive(self.seed, DIARY_STREAM);
        (0..self.diary_count).map(move |_| {
            let village = rng.pick(&self.villages);
            // Village cadres write most entries, the township's liaison cadres the rest.
            let (first, second) = if rng.chance(0.6) {
                (&village.writers, &village.liaisons)
            } else {
                (&village.liaisons, &village.writers)
            };
            let pool = [first, second, &self.any_writer]
                .into_iter()
                .find(|p| !p.is_empty())
                .expect("roster checked there are members");
            let writer = rng.pick(pool).clone();
            diary::diary(&mut rng, village, &writer)
        })
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

/// Days since the common era: dates drawn as plain numbers.
fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn from_day_number(n: i64) -> NaiveDate {
    i32::try_from(n).ok().and_then(NaiveDate::from_num_days_from_ce_opt).expect("a date in range")
}

/// A date in `lo..=hi`.
fn random_date(rng: &mut Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    from_day_number(rng.between(day_number(lo), day_number(hi)))
}

/// The same day `years` later (28 February for 29 February in a common year).
fn years_after(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).expect("a date in range")
}

/// YYYY-MM-DD, as records store dates; cheaper than chrono's formatter for 200,000 records.
fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;
    use crate::id_number::{parse_id_number, Sex};
    use crate::org::{self, OrgCategory};
    use crate::record::kind;
    use serde_json::Value;
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
    use std::sync::OnceLock;

    fn fields(edit: &Edit) -> (&str, BTreeMap<&str, &Value>) {
        let Edit::Create { kind, fields, .. } = edit else { panic!("not a create: {edit:?}") };
        (kind, fields.iter().map(|(k, v)| (k.as_str(), v)).collect())
    }

    fn text<'a>(f: &BTreeMap<&str, &'a Value>, key: &str) -> &'a str {
        f.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("no text {key} in {f:?}"))
    }

    /// One township, generated once for all the tests that only read it.
    fn township() -> &'static Generated {
        static TOWNSHIP: OnceLock<Generated> = OnceLock::new();
        TOWNSHIP.get_or_init(|| generate(&Scale::TOWNSHIP, 7))
    }

    #[test]
    fn the_seed_fixes_the_data() {
        let a = township();
        assert_eq!(a, &generate(&Scale::TOWNSHIP, 7));
        let b = generate(&Scale::TOWNSHIP, 8);
        assert_ne!(a.orgs, b.orgs);
        assert_ne!(a.members, b.members);
        assert_ne!(a.diaries, b.diaries);
    }

    #[test]
    fn counts_follow_the_scale() {
        let t = township();
        assert_eq!((t.orgs.len(), t.members.len(), t.diaries.len()), (40, 3_000, 30_000));
        // The county's diaries are only counted, not made, to keep the test quick.
        let county = roster(&Scale::COUNTY, 7);
        assert_eq!((county.orgs.len(), county.members.len(), county.diaries().len()), (600, 50_000, 200_000));
        let townships = county.orgs.iter().filter(|e| text(&fields(e).1, org::CATEGORY) == "township").count();
        assert_eq!(townships, 20);
    }

    #[test]
    fn streamed_diaries_are_the_generated_ones() {
        let scale = Scale { orgs: 12, members: 200, diaries: 300 };
        let streamed: Vec<Edit> = roster(&scale, 3).diaries().collect();
        assert_eq!(streamed, generate(&scale, 3).diaries);
    }

    #[test]
    fn tiny_scales_still_make_sense() {
        let g = generate(&Scale { orgs: 2, members: 1, diaries: 5 }, 1);
        assert_eq!((g.orgs.len(), g.members.len(), g.diaries.len()), (2, 1, 5));
        let empty = generate(&Scale { orgs: 0, members: 0, diaries: 0 }, 1);
        assert!(empty.orgs.is_empty() && empty.members.is_empty() && empty.diaries.is_empty());
    }

    #[test]
    fn the_org_tree_follows_the_nesting_rules() {
        let g = township();
        let mut seen: HashMap<&str, (OrgCategory, NaiveDate)> = HashMap::new();
        let mut names: BTreeSet<(Option<&str>, &str)> = BTreeSet::new();
        for edit in &g.orgs {
            let (k, f) = fields(edit);
            assert_eq!(k, kind::ORG);
            let category = OrgCategory::from_code(text(&f, org::CATEGORY)).unwrap();
            let founded = day(text(&f, org::FOUNDED));
            assert!(founded <= AS_OF);
            let parent = f.get(org::PARENT).map(|p| p.as_str().unwrap());
            let parent_info =
                parent.map(|p| *seen.get(p).unwrap_or_else(|| panic!("parent of {f:?} not created before it")));
            assert!(category.may_sit_under(parent_info.map(|(c, _)| c)), "{f:?}");
            assert!(parent_info.is_none_or(|(_, since)| since <= founded), "founded before its parent: {f:?}");
            let name = text(&f, org::NAME);
            assert!(name.chars().count() <= org::NAME_MAX_CHARS);
            assert!(names.insert((parent, name)), "duplicate name under one parent: {name}");
            seen.insert(edit.record_id().as_str(), (category, founded));
        }
        let count = |c: OrgCategory| seen.values().filter(|(x, _)| *x == c).count();
        assert_eq!(count(OrgCategory::TownshipCommittee), 1);
        assert!(count(OrgCategory::EnterpriseBranch) >= 2);
        assert!(count(OrgCategory::Group) >= 1);
        assert!(
            count(OrgCategory::GeneralBranch) + count(OrgCategory::Branch) >= 12,
            "a township has a dozen or more villages"
        );
    }

    #[test]
    fn members_carry_a_consistent_national_form() {
        use crate::member::*;
        let g = township();
        let branch_level: HashSet<&str> = g
            .orgs
            .iter()
            .filter(|e| text(&fields(e).1, org::CATEGORY) != "township" && text(&fields(e).1, org::CATEGORY) != "group")
            .map(|e| e.record_id().as_str())
            .collect();
        let mut id_numbers = HashSet::new();
        for edit in &g.members {
            let (k, f) = fields(edit);
            assert_eq!(k, kind::MEMBER);
            let info = parse_id_number(text(&f, ID_NUMBER), AS_OF).unwrap_or_else(|e| panic!("{e:?}: {f:?}"));
            assert!(id_numbers.insert(info.normalized), "id numbers are unique");
            let birth = day(text(&f, BIRTH_DATE));
            assert_eq!(info.birth_date, birth);
            assert_eq!(text(&f, SEX), if info.sex == Sex::Male { "男" } else { "女" });
            let age = AS_OF.years_since(birth).unwrap();
            assert!((20..=91).contains(&age), "{age}");
            let name = text(&f, NAME);
            assert!((2..=4).contains(&name.chars().count()), "{name}");
            assert!(branch_level.contains(text(&f, ORG)));
            let joined = day(text(&f, JOINED));
            assert!(joined >= years_after(birth, 18) && joined <= AS_OF, "{f:?}");
            match text(&f, CATEGORY) {
                FULL_MEMBER => {
                    let full = day(text(&f, FULL_MEMBER_DATE));
                    assert!((365..=420).contains(&(full - joined).num_days()) && full <= AS_OF, "{f:?}");
                }
                PROBATIONARY => assert!(!f.contains_key(FULL_MEMBER_DATE) && (AS_OF - joined).num_days() < 365),
                other => panic!("category {other}"),
            }
            let phone = text(&f, PHONE);
            assert!(
                phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit()) && phone.starts_with('1'),
                "{phone}"
            );
            assert!(matches!(&phone[1..2], "3" | "5" | "7" | "8" | "9"));
            assert!(text(&f, ADDRESS).ends_with('组'));
            assert!(["正常", "停止党籍"].contains(&text(&f, STATUS)));
            assert_eq!(f[LOST].as_bool().unwrap(), f.contains_key(LOST_DATE));
            if let Some(lost) = f.get(LOST_DATE) {
                let lost = day(lost.as_str().unwrap());
                assert!(lost >= joined && lost <= AS_OF);
            }
            assert_eq!(f[FLOWING].as_bool().unwrap(), f.contains_key(FLOWING_TO));
            for key in [ETHNICITY, EDUCATION, POST] {
                assert!(!text(&f, key).is_empty());
            }
        }
    }

    #[test]
    fn members_look_like_a_rural_roster() {
        use crate::member::*;
        let g = township();
        let n = g.members.len() as f64;
        let share = |pred: &dyn Fn(&BTreeMap<&str, &Value>) -> bool| {
            g.members.iter().filter(|e| pred(&fields(e).1)).count() as f64 / n
        };
        let women = share(&|f| text(f, SEX) == "女");
        let probationary = share(&|f| text(f, CATEGORY) == PROBATIONARY);
        let flowing = share(&|f| f[FLOWING] == &Value::Bool(true));
        let over_60 = share(&|f| AS_OF.years_since(day(text(f, BIRTH_DATE))).unwrap() >= 60);
        let han = share(&|f| text(f, ETHNICITY) == "汉族");
        let primary_or_junior = share(&|f| ["小学及以下", "初中"].contains(&text(f, EDUCATION)));
        assert!((0.22..=0.32).contains(&women), "women {women}");
        assert!((0.01..=0.06).contains(&probationary), "probationary {probationary}");
        assert!((0.04..=0.11).contains(&flowing), "flowing {flowing}");
        assert!((0.3..=0.55).contains(&over_60), "over 60 {over_60}");
        assert!((0.85..=0.95).contains(&han), "汉族 {han}");
        assert!((0.35..=0.65).contains(&primary_or_junior), "小学/初中 {primary_or_junior}");
        let distinct_names: HashSet<&str> = g.members.iter().map(|e| text(&fields(e).1, NAME)).collect();
        assert!(distinct_names.len() as f64 > 0.6 * n, "names vary: {}", distinct_names.len());
    }

    #[test]
    fn diaries_are_visits_by_cadres_to_villages() {
        use diary::*;
        let g = township();
        let members: HashMap<&str, BTreeMap<&str, &Value>> =
            g.members.iter().map(|e| (e.record_id().as_str(), fields(e).1)).collect();
        let of_category = |c: &'static str| g.orgs.iter().filter(move |e| text(&fields(e).1, org::CATEGORY) == c);
        let townships: HashSet<&str> = of_category("township").map(|e| e.record_id().as_str()).collect();
        // A village is a branch or general branch right under a township, other than its office's.
        let villages: HashSet<&str> = of_category("branch")
            .chain(of_category("general_branch"))
            .filter(|e| {
                let f = fields(e).1;
                townships.contains(text(&f, org::PARENT)) && !text(&f, org::NAME).contains("机关")
            })
            .map(|e| e.record_id().as_str())
            .collect();
        let earliest = AS_OF - chrono::Days::new(3 * 365);
        let mut situations = HashSet::new();
        for edit in &g.diaries {
            let (k, f) = fields(edit);
            assert_eq!(k, kind::DIARY);
            let date = day(text(&f, DATE));
            assert!(date > earliest && date <= AS_OF);
            let writer = members.get(text(&f, WRITER)).expect("the writer is a member");
            assert!(["村干部", "乡镇干部"].contains(&text(writer, crate::member::POST)), "{writer:?}");
            assert!(villages.contains(text(&f, VILLAGE)));
            assert!(["种养大户", "贫困户", "老党员", "人大代表", "村企业家", "一般农户"]
                .contains(&text(&f, HOUSEHOLD_CATEGORY)));
            let read = crate::diary::Diary::from_edit(edit).unwrap();
            assert_eq!(read.roles.len(), 1, "one 五员 role");
            assert_eq!(read.category.map(|c| c.label()), Some(text(&f, PROBLEM_CATEGORY)));
            assert_eq!(read.follow_up, needs_follow_up(text(&f, PROBLEM_CATEGORY)));
            assert!(["矛盾纠纷", "生产生活困难", "政策咨询", "基础设施", "医疗教育", "其他"]
                .contains(&text(&f, PROBLEM_CATEGORY)));
            let situation = text(&f, SITUATION);
            assert!(
                SITUATION_CHARS.contains(&situation.chars().count()),
                "{} chars: {situation}",
                situation.chars().count()
            );
            assert!(situation.contains(text(&f, HOUSEHOLD_HEAD)), "{situation}");
            situations.insert(situation);
            for key in [REQUEST, ACTION] {
                assert!(text(&f, key).ends_with('。'));
            }
        }
        assert!(situations.len() as f64 > 0.99 * g.diaries.len() as f64, "texts differ");
    }
}
