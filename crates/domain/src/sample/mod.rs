//! Realistic sample data for benchmarks and tests: a county's (or one township's) organization
//! tree, members, the villages' household registers (民情户), 民情日记 and the follow-up steps of
//! their matters, as the creating edits a station would stage.
//!
//! Everything comes from one seeded generator, so a seed names a data set: the same seed gives
//! the same records, byte for byte, natively and in wasm. No clock is read: dates are relative
//! to [`AS_OF`].

mod diary;
mod households;
mod members;
mod orgs;
pub mod rng;
mod scoring;
mod steps;
mod vocab;

use crate::record::RecordId;
use crate::replica::Edit;
use chrono::{Datelike, Months, NaiveDate};
use orgs::{Township, Village};
use rng::Rng;
pub use scoring::{scoring_year, ScoringYear};
use std::collections::HashMap;

/// The day the sample data is "taken": ages, membership dates and the three years of diaries
/// end here.
pub const AS_OF: NaiveDate = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub orgs: usize,
    pub members: usize,
    /// Households on the villages' registers (民情户), spread over the villages.
    pub households: usize,
    pub diaries: usize,
}

impl Scale {
    /// One township station's data: a committee, about 15-20 villages and their branches.
    pub const TOWNSHIP: Scale = Scale { orgs: 40, members: 3_000, households: 800, diaries: 30_000 };
    /// A county organization department's data: 20 townships.
    pub const COUNTY: Scale = Scale { orgs: 600, members: 50_000, households: 12_000, diaries: 200_000 };
}

/// All records of a scale as creating edits. Organizations come parents first, so the edits
/// can be staged in order; households before the diaries that name them, diaries before their
/// steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub orgs: Vec<Edit>,
    pub members: Vec<Edit>,
    pub households: Vec<Edit>,
    pub diaries: Vec<Edit>,
    /// The follow-up steps of the diaries' matters (kind `diary_step`).
    pub steps: Vec<Edit>,
}

/// The organizations, members and households of a scale, from which its diaries and their
/// steps can be streamed without holding them all (200,000 diaries take a few hundred MB as
/// edits).
pub struct Roster {
    pub orgs: Vec<Edit>,
    pub members: Vec<Edit>,
    /// The villages' registers (kind `household`), village by village in register order.
    pub households: Vec<Edit>,
    seed: u64,
    diary_count: usize,
    townships: Vec<Township>,
    villages: Vec<Village>,
    /// The villages that have households: where diaries are written.
    visited: Vec<usize>,
    /// Who writes when a village has no cadre of its own and no liaison (tiny custom scales).
    any_writer: Vec<RecordId>,
    /// The names of the diaries' writers, for the steps they take.
    names: HashMap<RecordId, String>,
}

// Each part of the data draws from its own stream, so the diaries can be streamed (and the
// parts changed) without replaying the draws of the others. Stream 3 also drew the households
// the diaries' texts were about before there were household records.
const ORG_STREAM: u64 = 1;
const MEMBER_STREAM: u64 = 2;
const LIAISON_STREAM: u64 = 3;
const DIARY_STREAM: u64 = 4;
const HOUSEHOLD_STREAM: u64 = 5;
/// The township leaders who read and supervise matters. (Each diary's text and steps draw from
/// seeds of their own, drawn in the diaries' stream.)
const LEADER_STREAM: u64 = 6;

/// Everything of `scale`, in a stable order: organizations (parents before children), then
/// members, households, diaries and their steps. Same seed, same output.
pub fn generate(scale: &Scale, seed: u64) -> Generated {
    let roster = roster(scale, seed);
    let diaries = roster.diaries().collect();
    let steps = roster.steps().collect();
    let Roster { orgs, members, households, .. } = roster;
    Generated { orgs, members, households, diaries, steps }
}

/// The organizations, members and households of `generate(scale, seed)`; its diaries come from
/// [`Roster::diaries`], their steps from [`Roster::steps`].
pub fn roster(scale: &Scale, seed: u64) -> Roster {
    assert!(scale.members == 0 || scale.orgs >= 2, "members need a branch: use 2 or more organizations");
    assert!(scale.diaries == 0 || scale.members > 0, "diaries need members to write them");
    assert!(scale.diaries == 0 || scale.households > 0, "diaries need households to visit");
    let mut rng = Rng::derive(seed, ORG_STREAM);
    let home = *rng.pick(vocab::COUNTIES);
    let mut tree = orgs::build(scale.orgs, &mut rng);
    assert!(
        scale.households == 0 || !tree.villages.is_empty(),
        "households need a village: use 2 or more organizations"
    );
    let (members, mut ids_in_use) =
        members::build(scale.members, &mut tree, &home, &mut Rng::derive(seed, MEMBER_STREAM));
    let mut rng = Rng::derive(seed, LIAISON_STREAM);
    for v in 0..tree.villages.len() {
        assign_liaisons(&mut rng, &mut tree.villages[v], &tree.townships);
    }
    let mut rng = Rng::derive(seed, HOUSEHOLD_STREAM);
    let counts = households::shares(&mut rng, &tree.villages, scale.households);
    let mut household_edits = Vec::with_capacity(scale.households);
    for (v, count) in counts.into_iter().enumerate() {
        let village = &tree.villages[v];
        let (list, edits) =
            households::register(&mut rng, village, &tree.townships[village.township], count, &home, &mut ids_in_use);
        let mut sum = 0;
        // 五个必到 households are visited three times as often, others on a list (低保户…) twice.
        tree.villages[v].visit_weights = edits
            .iter()
            .zip(&list)
            .map(|(e, h)| {
                let listed = matches!(e, Edit::Create { fields, .. } if fields.iter().any(|(k, _)| k == crate::household::CATEGORIES));
                sum += if h.must_visit { 3 } else if listed { 2 } else { 1 };
                sum
            })
            .collect();
        tree.villages[v].households = list;
        household_edits.extend(edits);
    }
    let mut any_writer: Vec<RecordId> = tree.villages.iter().flat_map(|v| &v.writers).cloned().collect();
    any_writer.extend(tree.townships.iter().flat_map(|t| &t.writers).cloned());
    if any_writer.is_empty() {
        any_writer = members.iter().map(|e| e.record_id().clone()).collect();
    }
    let names = names_of(&members, &any_writer);
    let mut rng = Rng::derive(seed, LEADER_STREAM);
    for t in &mut tree.townships {
        choose_leaders(&mut rng, t, &names);
    }
    let visited = (0..tree.villages.len()).filter(|&v| !tree.villages[v].households.is_empty()).collect();
    Roster {
        orgs: tree.edits,
        members,
        households: household_edits,
        seed,
        diary_count: scale.diaries,
        townships: tree.townships,
        villages: tree.villages,
        visited,
        any_writer,
        names,
    }
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

/// The names of the members `ids` lists.
fn names_of(members: &[Edit], ids: &[RecordId]) -> HashMap<RecordId, String> {
    let wanted: std::collections::HashSet<&RecordId> = ids.iter().collect();
    members
        .iter()
        .filter_map(|e| match e {
            Edit::Create { id, fields, .. } if wanted.contains(id) => {
                let name = fields.iter().find(|(k, _)| k == crate::member::NAME)?.1.as_str()?;
                Some((id.clone(), name.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// Two leaders who read diaries and a 督办人, from the township's cadres where it has three or
/// more.
fn choose_leaders(rng: &mut Rng, township: &mut Township, names: &HashMap<RecordId, String>) {
    let mut pool: Vec<String> = township.writers.iter().filter_map(|id| names.get(id).cloned()).collect();
    pool.dedup();
    let mut next = |rng: &mut Rng| {
        if pool.is_empty() {
            steps::leader_name(rng)
        } else {
            pool.swap_remove(rng.below(pool.len()))
        }
    };
    township.reviewers = vec![next(rng), next(rng)];
    township.supervisors = vec![next(rng)];
}

impl Roster {
    /// The diaries, generated one at a time.
    pub fn diaries(&self) -> impl ExactSizeIterator<Item = Edit> + '_ {
        self.outlines().map(|o| diary::diary(&o))
    }

    /// The steps of the diaries' matters (kind `diary_step`), diary by diary in the diaries'
    /// order, each matter's in the order taken. Only diaries that need follow-up have steps.
    pub fn steps(&self) -> impl Iterator<Item = Edit> + '_ {
        self.outlines().flat_map(|o| steps::chain(&o, &self.townships[o.village.township], &self.names))
    }

    /// The diaries' facts without their texts, in the diaries' order.
    fn outlines(&self) -> impl ExactSizeIterator<Item = diary::Outline<'_>> + '_ {
        let mut rng = Rng::derive(self.seed, DIARY_STREAM);
        (0..self.diary_count).map(move |_| {
            let village = &self.villages[*rng.pick(&self.visited)];
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
            diary::outline(&mut rng, village, writer)
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
    use crate::diary_step::Step;
    use crate::household::Household;
    use crate::id_number::{parse_id_number, Sex};
    use crate::org::{self, OrgCategory};
    use crate::record::kind;
    use crate::test_support::day;
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
        assert_ne!(a.households, b.households);
        assert_ne!(a.diaries, b.diaries);
        assert_ne!(a.steps, b.steps);
    }

    #[test]
    fn counts_follow_the_scale() {
        let t = township();
        assert_eq!((t.orgs.len(), t.members.len(), t.households.len(), t.diaries.len()), (40, 3_000, 800, 30_000));
        // The county's diaries are only counted, not made, to keep the test quick.
        let county = roster(&Scale::COUNTY, 7);
        assert_eq!(
            (county.orgs.len(), county.members.len(), county.households.len(), county.diaries().len()),
            (600, 50_000, 12_000, 200_000)
        );
        assert_eq!(county.households, roster(&Scale::COUNTY, 7).households, "the same seed, the same registers");
        // Every village has a register, of a size that follows its 组.
        let sizes: Vec<usize> = county.villages.iter().map(|v| v.households.len()).collect();
        assert!(sizes.iter().all(|&n| (15..=120).contains(&n)), "{sizes:?}");
        let townships = county.orgs.iter().filter(|e| text(&fields(e).1, org::CATEGORY) == "township").count();
        assert_eq!(townships, 20);
    }

    #[test]
    fn streamed_diaries_are_the_generated_ones() {
        let scale = Scale { orgs: 12, members: 200, households: 240, diaries: 300 };
        let r = roster(&scale, 3);
        let streamed: Vec<Edit> = r.diaries().collect();
        let steps: Vec<Edit> = r.steps().collect();
        let g = generate(&scale, 3);
        assert_eq!(streamed, g.diaries);
        assert_eq!(steps, g.steps);
        assert_eq!(r.households, g.households);
    }

    #[test]
    fn tiny_scales_still_make_sense() {
        let g = generate(&Scale { orgs: 2, members: 1, households: 3, diaries: 5 }, 1);
        assert_eq!((g.orgs.len(), g.members.len(), g.households.len(), g.diaries.len()), (2, 1, 3, 5));
        // Fewer households than villages: diaries go to the villages that have some.
        let g = generate(&Scale { orgs: 40, members: 100, households: 5, diaries: 50 }, 1);
        assert_eq!((g.households.len(), g.diaries.len()), (5, 50));
        let empty = generate(&Scale { orgs: 0, members: 0, households: 0, diaries: 0 }, 1);
        assert!(empty.orgs.is_empty() && empty.members.is_empty() && empty.households.is_empty());
        assert!(empty.diaries.is_empty() && empty.steps.is_empty());
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
        let households: HashMap<RecordId, Household> =
            g.households.iter().map(|e| (e.record_id().clone(), Household::from_edit(e).unwrap())).collect();
        let mut situations = HashSet::new();
        let mut visits = [0usize; 4];
        let mut heads = Vec::new();
        for edit in &g.diaries {
            let (k, f) = fields(edit);
            assert_eq!(k, kind::DIARY);
            let date = day(text(&f, DATE));
            assert!(date > earliest && date <= AS_OF);
            let writer = members.get(text(&f, WRITER)).expect("the writer is a member");
            assert!(["村干部", "乡镇干部"].contains(&text(writer, crate::member::POST)), "{writer:?}");
            assert!(villages.contains(text(&f, VILLAGE)));
            // The households visited are on the village's register that day, the first the one the
            // text is about.
            let read = crate::diary::Diary::from_edit(edit).unwrap();
            assert!((1..=3).contains(&read.households.len()), "{f:?}");
            visits[read.households.len()] += 1;
            for id in &read.households {
                let h = &households[id];
                assert_eq!(h.village.as_ref().map(|v| v.as_str()), Some(text(&f, VILLAGE)));
                assert!(h.open_on(date), "{h:?} visited on {date}");
            }
            heads.push((households[&read.households[0]].head.clone(), text(&f, SITUATION)));
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
            situations.insert(situation);
            for key in [REQUEST, ACTION] {
                assert!(text(&f, key).ends_with('。'));
            }
        }
        assert!(situations.len() as f64 > 0.99 * g.diaries.len() as f64, "texts differ");
        for (head, situation) in heads {
            assert!(situation.contains(&head), "{head}: {situation}");
        }
        let n = g.diaries.len() as f64;
        assert!((0.75..=0.85).contains(&(visits[1] as f64 / n)), "one household a visit mostly: {visits:?}");
        assert!(visits[3] > 0);
    }

    /// The station a township's sample makes, as the checks read it.
    struct Read {
        orgs: Vec<org::Org>,
        members: Vec<crate::member::Member>,
        households: Vec<Household>,
    }

    fn read(g: &Generated) -> Read {
        let record = |e: &Edit| {
            let Edit::Create { id, kind, fields } = e else { panic!("not a create") };
            crate::record::Record::unstamped(id, kind, fields)
        };
        Read {
            orgs: g.orgs.iter().map(|e| org::Org::from_record(&record(e))).collect(),
            members: g.members.iter().map(|e| crate::member::Member::from_record(&record(e))).collect(),
            households: g.households.iter().map(|e| Household::from_edit(e).unwrap()).collect(),
        }
    }

    #[test]
    fn households_pass_the_register_checks() {
        use crate::household::{check_household, Context, HouseholdDraft};
        let g = township();
        let r = read(g);
        let cx = Context { households: &r.households, orgs: &r.orgs, members: &r.members, today: AS_OF };
        for (edit, h) in g.households.iter().zip(&r.households) {
            let (k, f) = fields(edit);
            assert_eq!(k, kind::HOUSEHOLD);
            let fields = check_household(&HouseholdDraft::from_household(h), Some(&h.id), &cx)
                .unwrap_or_else(|e| panic!("{e:?}: {h:?}"));
            // What the form would store is what the sample wrote (closing is not the form's).
            let mut stored: Vec<(String, Value)> =
                fields.into_iter().filter(|(_, v)| !(v.is_null() || v == "" || v == &Value::Array(vec![]))).collect();
            if let Some(closed) = f.get(crate::household::CLOSED) {
                stored.push((crate::household::CLOSED.into(), (*closed).clone()));
                stored.push((crate::household::CLOSED_REASON.into(), f[crate::household::CLOSED_REASON].clone()));
            }
            let Edit::Create { fields: written, .. } = edit else { unreachable!() };
            assert_eq!(&stored, written);
            if !h.id_number.is_empty() {
                let info = parse_id_number(&h.id_number, AS_OF).unwrap();
                assert!(AS_OF.years_since(info.birth_date).unwrap() >= 18, "{h:?}");
            }
            assert!(h.address.contains(&h.group), "{h:?}");
            assert!((1..=8).contains(&h.people.unwrap()), "{h:?}");
            if let Some(closed) = h.closed {
                assert!(h.closed_reason.is_some() && closed < AS_OF && h.member.is_none(), "{h:?}");
            }
        }
    }

    #[test]
    fn household_heads_who_are_members_name_their_record() {
        use crate::household::{must_visit_categories, Category, OldMemberRule};
        let g = township();
        let r = read(g);
        let members: HashMap<&RecordId, &crate::member::Member> = r.members.iter().map(|m| (&m.id, m)).collect();
        let parents: HashMap<&RecordId, Option<&RecordId>> =
            r.orgs.iter().map(|o| (&o.id, o.parent.as_ref())).collect();
        let rule = OldMemberRule::default();
        let mut linked = 0;
        for h in &r.households {
            let Some(id) = &h.member else {
                assert!(!h.has(Category::OldMember), "老党员 households name their member: {h:?}");
                continue;
            };
            linked += 1;
            let m = members[id];
            assert_eq!((&m.name, &m.id_number, &m.phone), (&h.head, &h.id_number, &h.phone));
            // The member's branch is in the household's village.
            let mut at = m.org.as_ref();
            while at.is_some() && at != h.village.as_ref() {
                at = parents[at.unwrap()];
            }
            assert_eq!(at, h.village.as_ref(), "{h:?}");
            // The ticked 老党员 is what the rule reads from the roster.
            assert_eq!(
                must_visit_categories(h, Some(m), &rule, AS_OF).contains(&Category::OldMember),
                h.has(Category::OldMember),
                "{h:?}"
            );
        }
        let n = r.households.len() as f64;
        assert!((0.05..=0.2).contains(&(linked as f64 / n)), "member heads {linked}");
    }

    #[test]
    fn registers_look_like_a_village_list() {
        use crate::household::Category;
        let g = township();
        let r = read(g);
        let n = r.households.len() as f64;
        let share = |pred: &dyn Fn(&Household) -> bool| r.households.iter().filter(|h| pred(h)).count() as f64 / n;
        let must_visit = share(&|h| h.categories.iter().any(|c| c.is_must_visit()));
        let none = share(&|h| h.categories.is_empty());
        let closed = share(&|h| h.closed.is_some());
        let no_id = share(&|h| h.id_number.is_empty());
        assert!((0.2..=0.3).contains(&must_visit), "五个必到 {must_visit}");
        assert!((0.6..=0.8).contains(&none), "none {none}");
        assert!((0.003..=0.05).contains(&closed), "closed {closed}");
        assert!(no_id < 0.08, "no identity number {no_id}");
        for c in Category::ALL {
            assert!(r.households.iter().any(|h| h.has(c)), "{c:?}");
        }
        assert!(r.households.iter().any(|h| !h.label.is_empty()) && r.households.iter().any(|h| !h.note.is_empty()));
        let numbers: HashSet<&str> = r
            .households
            .iter()
            .filter(|h| h.is_open() && !h.id_number.is_empty())
            .map(|h| h.id_number.as_str())
            .collect();
        assert_eq!(numbers.len(), r.households.iter().filter(|h| h.is_open() && !h.id_number.is_empty()).count());
    }

    #[test]
    fn diaries_pass_the_page_checks() {
        use crate::diary::{check_diary, Context, Diary, DiaryDraft, DiaryTexts};
        let g = township();
        let r = read(g);
        let members: HashSet<&RecordId> = r.members.iter().map(|m| &m.id).collect();
        let known = |id: &RecordId| members.contains(id);
        let cx = Context { orgs: &r.orgs, households: &r.households, writer_known: &known, today: AS_OF };
        for edit in &g.diaries {
            let d = Diary::from_edit(edit).unwrap();
            let Edit::Create { id, kind: k, fields } = edit else { unreachable!() };
            let t = DiaryTexts::from_record(&crate::record::Record::unstamped(id, k, fields));
            check_diary(&DiaryDraft::from_diary(&d, &t), &cx).unwrap_or_else(|e| panic!("{e:?}: {d:?}"));
        }
    }

    /// Each diary's matter replayed from its steps.
    fn matters(g: &Generated) -> (Vec<crate::diary::Diary>, Vec<Step>) {
        let diaries: Vec<crate::diary::Diary> =
            g.diaries.iter().map(|e| crate::diary::Diary::from_edit(e).unwrap()).collect();
        let steps: Vec<Step> = g.steps.iter().map(|e| Step::from_edit(e).unwrap()).collect();
        (diaries, steps)
    }

    #[test]
    fn steps_follow_the_rules_of_the_loop() {
        use crate::diary_lists::{deadline_lists, matters as replay};
        use crate::diary_step::{MatterState, StepKind};
        let g = township();
        let (diaries, steps) = matters(g);
        let dates: HashMap<&RecordId, (NaiveDate, bool)> =
            diaries.iter().map(|d| (&d.id, (d.date.unwrap(), d.follow_up))).collect();
        let mut ids = HashSet::new();
        for s in &steps {
            assert!(ids.insert(&s.id), "step ids are unique");
            let (visit, follow_up) = dates[s.diary.as_ref().unwrap()];
            assert!(follow_up, "only matters that need follow-up have steps");
            let day = s.date.unwrap();
            assert!(day > visit && day <= AS_OF, "{s:?}");
            match s.kind.unwrap() {
                StepKind::Supervise => {
                    assert!(!s.assignee.is_empty() && !s.by.is_empty());
                    assert!(s.deadline.unwrap() > day);
                }
                StepKind::Feedback => assert!(s.way.is_some() && s.view.is_some()),
                _ => {}
            }
        }
        let matters = replay(&diaries, &steps);
        let mut previous: HashMap<&RecordId, NaiveDate> = HashMap::new();
        for s in &steps {
            // Strictly later than the step before it: the order needs no stamps.
            let last = previous.insert(s.diary.as_ref().unwrap(), s.date.unwrap());
            assert!(last.is_none_or(|l| l < s.date.unwrap()));
        }
        for m in &matters {
            assert!(m.irregular.is_empty(), "{m:?}");
            assert_eq!(m.state == MatterState::NoFollowUp, !m.diary.follow_up);
        }
        let count = |s: MatterState| matters.iter().filter(|m| m.state == s).count();
        let follow_ups = matters.iter().filter(|m| m.diary.follow_up).count() as f64;
        assert!(
            (0.6..=0.85).contains(&(count(MatterState::Closed) as f64 / follow_ups)),
            "closed {}",
            count(MatterState::Closed)
        );
        for s in [
            MatterState::Explained,
            MatterState::HandedUp,
            MatterState::AwaitingReview,
            MatterState::Supervised,
            MatterState::Handling,
            MatterState::Done,
            MatterState::FedBack,
        ] {
            assert!(count(s) > 0, "{s:?}");
        }
        let lists = deadline_lists(&matters, AS_OF, 7);
        assert!(!lists.overdue.is_empty() && !lists.due_soon.is_empty());
        // Recent matters are more often still open.
        let open_share = |from: i64, to: i64| {
            let of_age: Vec<_> = matters
                .iter()
                .filter(|m| m.diary.follow_up && (from..to).contains(&(AS_OF - m.diary.date.unwrap()).num_days()))
                .collect();
            of_age.iter().filter(|m| m.state.is_open()).count() as f64 / of_age.len() as f64
        };
        assert!(
            open_share(0, 60) > 0.5 && open_share(365, 1100) < 0.2,
            "{} {}",
            open_share(0, 60),
            open_share(365, 1100)
        );
    }

    /// Counts by state, for a look at the mix:
    ///   cargo test -p dangjian-domain --features sample --lib sample::tests::state_mix -- --ignored --nocapture
    #[test]
    #[ignore]
    fn state_mix() {
        use crate::diary_lists::{count_by_state, deadline_lists, matters as replay};
        for (name, scale) in [("township", Scale::TOWNSHIP), ("county", Scale::COUNTY)] {
            let g = generate(&scale, 7);
            let (diaries, steps) = matters(&g);
            let matters = replay(&diaries, &steps);
            let follow_ups = diaries.iter().filter(|d| d.follow_up).count();
            println!(
                "{name}: {} households, {} diaries ({follow_ups} need follow-up), {} steps",
                g.households.len(),
                g.diaries.len(),
                g.steps.len()
            );
            for (state, n) in count_by_state(&matters) {
                println!("  {state:?}: {n}");
            }
            let lists = deadline_lists(&matters, AS_OF, 7);
            println!("  overdue {}, due within 7 days {}", lists.overdue.len(), lists.due_soon.len());
            let households: Vec<Household> = g.households.iter().map(|e| Household::from_edit(e).unwrap()).collect();
            let count = |pred: &dyn Fn(&Household) -> bool| households.iter().filter(|h| pred(h)).count();
            println!(
                "  households: {} with a 五个必到 category, {} with none, {} naming a member, {} closed, {} without an identity number",
                count(&|h| h.categories.iter().any(|c| c.is_must_visit())),
                count(&|h| h.categories.is_empty()),
                count(&|h| h.member.is_some()),
                count(&|h| h.closed.is_some()),
                count(&|h| h.id_number.is_empty()),
            );
            for c in crate::household::Category::ALL {
                println!("    {}: {}", c.label(), count(&|h| h.has(c)));
            }
        }
    }
}
