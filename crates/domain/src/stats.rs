//! Statistics of the current members (those who left are not counted): by organization, age
//! band, 学历, 性别, 民族 and 人员类别, and the shares of women and of members aged 35 or under,
//! as plain data a table or an SVG chart renders. Every count is exact; percentages are
//! rounded to one decimal, so a column of them may add up to 99.9% or 100.1%.

use super::hash::FastHash;
use super::member::{Member, CATEGORIES, EDUCATIONS, FEMALE, SEXES};
use super::org::{tree_order, Org};
use super::pinyin::{NameKey, Pinyin};
use super::record::RecordId;
use super::roster::AgeBand;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A part of a whole: `count` of `total`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pub count: usize,
    pub total: usize,
}

impl Share {
    /// The percentage in tenths (25.3% is 253), rounded half up; 0 of 0 is 0.
    pub fn tenths_of_percent(self) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let (count, total) = (self.count as u64, self.total as u64);
        (count * 2000 + total) / (2 * total)
    }
}

/// `25.3%`
impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.tenths_of_percent();
        write!(f, "{}.{}%", t / 10, t % 10)
    }
}

/// One row of a breakdown: a value, how many members have it, and their share of all counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally<K> {
    pub key: K,
    pub count: usize,
    pub share: Share,
}

/// A value of a text field; `None` where it is not filled in (shown as 未填).
pub type TextKey = Option<String>;

/// One organization's members: `direct` in it, `total` in it and everything under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgTally {
    pub org: RecordId,
    pub name: String,
    /// Indentation in the tree (0 at the top).
    pub depth: usize,
    pub direct: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberStats {
    /// Current members counted.
    pub total: usize,
    /// Every organization, in tree order, even those with no members.
    pub by_org: Vec<OrgTally>,
    /// Members whose organization is unknown (not set, deleted, or not yet imported).
    pub unplaced: usize,
    /// Every band in order; a last row with `None` for members without a birth date, if any.
    pub by_age: Vec<Tally<Option<AgeBand>>>,
    /// Every value of `EDUCATIONS` in order, then values not on that list, then not filled in.
    pub by_education: Vec<Tally<TextKey>>,
    /// 男, 女, then other values, then not filled in.
    pub by_sex: Vec<Tally<TextKey>>,
    /// Most members first (汉族 usually), ties in Chinese collation; not filled in last.
    pub by_ethnicity: Vec<Tally<TextKey>>,
    /// 正式党员, 预备党员, then other values, then not filled in.
    pub by_category: Vec<Tally<TextKey>>,
    pub women: Share,
    /// Aged 35 or under ([`AgeBand::UpTo35`]), of all counted (also those without a birth date).
    pub under_35: Share,
}

/// Counts the current members among `members` on `today`. Pass all members for the whole
/// station, or the ones a list filtered for a part of it.
pub fn member_stats<'a>(
    members: impl IntoIterator<Item = &'a Member>,
    orgs: &[Org],
    today: NaiveDate,
    pinyin: &Pinyin,
) -> MemberStats {
    let mut total = 0;
    let mut direct: HashMap<&RecordId, usize, FastHash> = HashMap::default();
    // By band in `AgeBand::ALL` order; the last place for members without a birth date.
    let mut ages = [0usize; AgeBand::ALL.len() + 1];
    let mut education: HashMap<&str, usize> = HashMap::new();
    let mut sex: HashMap<&str, usize> = HashMap::new();
    let mut ethnicity: HashMap<&str, usize> = HashMap::new();
    let mut category: HashMap<&str, usize> = HashMap::new();
    let known: HashSet<&RecordId, FastHash> = orgs.iter().map(|o| &o.id).collect();
    let mut unplaced = 0;
    for m in members.into_iter().filter(|m| m.is_current()) {
        total += 1;
        match m.org.as_ref().filter(|o| known.contains(o)) {
            Some(o) => *direct.entry(o).or_default() += 1,
            None => unplaced += 1,
        }
        ages[AgeBand::of_member(m, today).map_or(AgeBand::ALL.len(), |b| b as usize)] += 1;
        *education.entry(m.education.trim()).or_default() += 1;
        *sex.entry(m.sex.trim()).or_default() += 1;
        *ethnicity.entry(m.ethnicity.trim()).or_default() += 1;
        *category.entry(m.category.trim()).or_default() += 1;
    }
    let share = |count: usize| Share { count, total };
    let tally = |key, count| Tally { key, count, share: share(count) };

    let mut by_age: Vec<Tally<Option<AgeBand>>> =
        AgeBand::ALL.iter().map(|&b| tally(Some(b), ages[b as usize])).collect();
    if ages[AgeBand::ALL.len()] > 0 {
        by_age.push(tally(None, ages[AgeBand::ALL.len()]));
    }
    let under_35 = share(ages[AgeBand::UpTo35 as usize]);
    let women = share(sex.get(FEMALE).copied().unwrap_or(0));

    MemberStats {
        total,
        by_org: org_tallies(orgs, &direct, pinyin),
        unplaced,
        by_age,
        by_education: listed_first(&EDUCATIONS, education, total, pinyin),
        by_sex: listed_first(&SEXES, sex, total, pinyin),
        by_ethnicity: most_first(ethnicity, total, pinyin),
        by_category: listed_first(&CATEGORIES, category, total, pinyin),
        women,
        under_35,
    }
}

/// The values of a closed list in its order (zero counts too, so tables keep their rows), then
/// other values in Chinese collation, then the count of empty values if there are any.
fn listed_first(list: &[&str], mut counts: HashMap<&str, usize>, total: usize, pinyin: &Pinyin) -> Vec<Tally<TextKey>> {
    let share = |count| Share { count, total };
    let mut out: Vec<Tally<TextKey>> = list
        .iter()
        .map(|v| {
            let count = counts.remove(*v).unwrap_or(0);
            Tally { key: Some(v.to_string()), count, share: share(count) }
        })
        .collect();
    let empty = counts.remove("");
    out.extend(in_collation_order(counts, pinyin).into_iter().map(|(v, count)| Tally {
        key: Some(v.to_string()),
        count,
        share: share(count),
    }));
    out.extend(empty.map(|count| Tally { key: None, count, share: share(count) }));
    out
}

/// The values in Chinese collation order. Sorting `(NameKey, u32)` here, in roster and in
/// search shares one sort in the wasm.
fn in_collation_order<'a>(counts: HashMap<&'a str, usize>, pinyin: &Pinyin) -> Vec<(&'a str, usize)> {
    let values: Vec<(&str, usize)> = counts.into_iter().collect();
    let mut keys: Vec<(NameKey, u32)> =
        values.iter().enumerate().map(|(i, (v, _))| (pinyin.name_key(v), i as u32)).collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, i)| values[i as usize]).collect()
}

/// Values by count, most first, ties in Chinese collation; the count of empty values last.
fn most_first(mut counts: HashMap<&str, usize>, total: usize, pinyin: &Pinyin) -> Vec<Tally<TextKey>> {
    let share = |count| Share { count, total };
    let empty = counts.remove("");
    let mut values = in_collation_order(counts, pinyin);
    // Then by count, keeping collation order among equal counts: an insertion sort, as the
    // values are few (民族: at most 56).
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values[j - 1].1 < values[j].1 {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut out: Vec<Tally<TextKey>> =
        values.into_iter().map(|(v, count)| Tally { key: Some(v.to_string()), count, share: share(count) }).collect();
    out.extend(empty.map(|count| Tally { key: None, count, share: share(count) }));
    out
}

/// Every organization in tree order with its direct and sub-tree counts. Organizations the
/// tree walk does not reach (a cycle left by concurrent moves) follow at the top level, so
/// the direct counts still add up to every placed member.
fn org_tallies(orgs: &[Org], direct: &HashMap<&RecordId, usize, FastHash>, pinyin: &Pinyin) -> Vec<OrgTally> {
    let by_id: HashMap<&RecordId, usize, FastHash> = orgs.iter().enumerate().map(|(i, o)| (&o.id, i)).collect();
    let mut totals: HashMap<&RecordId, usize, FastHash> = HashMap::default();
    for (&id, &n) in direct {
        // Up the parent chain, each organization once, however the tree is broken.
        let mut seen: HashSet<&RecordId, FastHash> = HashSet::default();
        let mut at = Some(id);
        while let Some(org) = at.filter(|o| seen.insert(o)) {
            *totals.entry(org).or_default() += n;
            at = by_id.get(org).and_then(|&i| orgs[i].parent.as_ref()).filter(|p| by_id.contains_key(p));
        }
    }
    let mut rows: Vec<(usize, &Org)> = tree_order(orgs, pinyin);
    let listed: HashSet<&RecordId, FastHash> = rows.iter().map(|(_, o)| &o.id).collect();
    let mut rest: Vec<(NameKey, u32)> = (0..orgs.len() as u32)
        .filter(|&i| !listed.contains(&orgs[i as usize].id))
        .map(|i| (pinyin.name_key(&orgs[i as usize].name), i))
        .collect();
    rest.sort_unstable();
    rows.extend(rest.into_iter().map(|(_, i)| (0, &orgs[i as usize])));
    rows.into_iter()
        .map(|(depth, o)| OrgTally {
            org: o.id.clone(),
            name: o.name.clone(),
            depth,
            direct: direct.get(&o.id).copied().unwrap_or(0),
            total: totals.get(&o.id).copied().unwrap_or(0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::member::{FULL_MEMBER, MALE, PROBATIONARY, STATUS_NORMAL};
    use crate::org::OrgCategory;
    use crate::test_support::{day, rid};

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    fn pinyin() -> Pinyin {
        Pinyin::built_in().unwrap()
    }

    fn org(n: u8, name: &str, category: OrgCategory, parent: Option<u8>) -> Org {
        Org::new(rid(n), name, Some(category), parent.map(rid))
    }

    fn orgs() -> Vec<Org> {
        use OrgCategory::*;
        vec![
            org(1, "坪塘镇党委", TownshipCommittee, None),
            org(2, "甲村党总支", GeneralBranch, Some(1)),
            org(3, "甲村第一党支部", Branch, Some(2)),
            org(4, "乙村党支部", Branch, Some(1)),
        ]
    }

    /// A man born 1970 (56 on today), 初中, 汉族, 正式党员, in 乙村党支部.
    fn member(n: u8) -> Member {
        Member {
            id: RecordId::from_random([100 + n; 16]),
            name: format!("党员{n}"),
            sex: MALE.into(),
            ethnicity: "汉族".into(),
            id_number: String::new(),
            birth_date: Some(day("1970-01-01")),
            education: "初中".into(),
            category: FULL_MEMBER.into(),
            org: Some(rid(4)),
            joined: None,
            full_member_date: None,
            post: String::new(),
            phone: String::new(),
            address: String::new(),
            status: STATUS_NORMAL.into(),
            lost: false,
            lost_date: None,
            flowing: false,
            flowing_to: String::new(),
            left: None,
            left_date: None,
        }
    }

    fn roster() -> Vec<Member> {
        let mut ms: Vec<Member> = (0..8).map(member).collect();
        ms[0].org = Some(rid(1));
        ms[1].org = Some(rid(2));
        ms[2].org = Some(rid(3));
        ms[3].org = Some(rid(3));
        ms[4].org = None;
        ms[5].org = Some(rid(99)); // deleted or not imported
        ms[0].sex = FEMALE.into();
        ms[1].sex = FEMALE.into();
        ms[2].sex = String::new();
        ms[0].birth_date = Some(day("1991-11-24")); // 35 today
        ms[1].birth_date = Some(day("1990-11-24")); // 36 today
        ms[2].birth_date = None;
        ms[3].birth_date = Some(day("1965-11-25")); // 60 until tomorrow
        ms[4].birth_date = Some(day("1965-11-24")); // 61 today
        ms[0].education = "研究生".into();
        ms[1].education = "小学".into(); // not on the list
        ms[2].education = String::new();
        ms[3].ethnicity = "苗族".into();
        ms[4].ethnicity = "土家族".into();
        ms[5].ethnicity = "苗族".into();
        ms[6].category = PROBATIONARY.into();
        ms[7].left = Some("去世".into()); // not counted anywhere
        ms[7].sex = FEMALE.into();
        ms
    }

    fn row<K: PartialEq + fmt::Debug>(rows: &[Tally<K>], key: K) -> usize {
        rows.iter().find(|t| t.key == key).unwrap_or_else(|| panic!("no row {key:?}")).count
    }

    fn text(s: &str) -> TextKey {
        Some(s.to_string())
    }

    #[test]
    fn organizations_count_direct_members_and_their_subtree() {
        let s = member_stats(&roster(), &orgs(), today(), &pinyin());
        assert_eq!(s.total, 7);
        let got: Vec<(&str, usize, usize, usize)> =
            s.by_org.iter().map(|o| (o.name.as_str(), o.depth, o.direct, o.total)).collect();
        assert_eq!(
            got,
            [("坪塘镇党委", 0, 1, 5), ("甲村党总支", 1, 1, 3), ("甲村第一党支部", 2, 2, 2), ("乙村党支部", 1, 1, 1)]
        );
        assert_eq!(s.unplaced, 2, "no organization, and an unknown one");
        assert_eq!(s.by_org.iter().map(|o| o.direct).sum::<usize>() + s.unplaced, s.total);
    }

    #[test]
    fn a_cycle_in_the_tree_still_counts_every_member_once_per_organization() {
        let mut o = orgs();
        o[0].parent = Some(rid(3)); // the committee under its own branch
        let s = member_stats(&roster(), &o, today(), &pinyin());
        assert_eq!(s.by_org.len(), 4, "organizations the walk misses are still listed");
        assert_eq!(s.by_org.iter().map(|o| o.direct).sum::<usize>() + s.unplaced, s.total);
        assert!(s.by_org.iter().all(|o| o.total <= 5), "{:?}", s.by_org);
    }

    #[test]
    fn age_bands_count_on_today_with_unknown_last() {
        let s = member_stats(&roster(), &orgs(), today(), &pinyin());
        let got: Vec<(Option<AgeBand>, usize)> = s.by_age.iter().map(|t| (t.key, t.count)).collect();
        assert_eq!(
            got,
            [
                (Some(AgeBand::UpTo35), 1),
                (Some(AgeBand::From36To45), 1),
                (Some(AgeBand::From46To55), 0),
                (Some(AgeBand::From56To60), 3),
                (Some(AgeBand::From61), 1),
                (None, 1),
            ]
        );
        assert_eq!(s.by_age.iter().map(|t| t.count).sum::<usize>(), s.total);
        assert_eq!(s.under_35, Share { count: 1, total: 7 });
        assert_eq!(s.under_35.to_string(), "14.3%");
        let tomorrow = member_stats(&roster(), &orgs(), day("2026-11-25"), &pinyin());
        assert_eq!(row(&tomorrow.by_age, Some(AgeBand::From61)), 2, "60 turns 61");
    }

    #[test]
    fn closed_lists_keep_their_order_and_every_row() {
        let s = member_stats(&roster(), &orgs(), today(), &pinyin());
        let keys: Vec<TextKey> = s.by_education.iter().map(|t| t.key.clone()).collect();
        let mut expected: Vec<TextKey> = EDUCATIONS.iter().map(|e| text(e)).collect();
        expected.extend([text("小学"), None]);
        assert_eq!(keys, expected, "the list, then values not on it, then not filled in");
        assert_eq!(row(&s.by_education, text("初中")), 4);
        assert_eq!(row(&s.by_education, text("本科")), 0);
        assert_eq!(row(&s.by_education, None), 1);
        assert_eq!(s.by_education.iter().map(|t| t.count).sum::<usize>(), s.total);

        let sexes: Vec<(TextKey, usize)> = s.by_sex.iter().map(|t| (t.key.clone(), t.count)).collect();
        assert_eq!(sexes, [(text("男"), 4), (text("女"), 2), (None, 1)]);
        assert_eq!(s.women, Share { count: 2, total: 7 });
        assert_eq!(s.women.to_string(), "28.6%");

        let categories: Vec<(TextKey, usize)> = s.by_category.iter().map(|t| (t.key.clone(), t.count)).collect();
        assert_eq!(categories, [(text("正式党员"), 6), (text("预备党员"), 1)]);
    }

    #[test]
    fn ethnicities_come_most_first() {
        let s = member_stats(&roster(), &orgs(), today(), &pinyin());
        let got: Vec<(TextKey, usize)> = s.by_ethnicity.iter().map(|t| (t.key.clone(), t.count)).collect();
        assert_eq!(got, [(text("汉族"), 4), (text("苗族"), 2), (text("土家族"), 1)]);
        assert_eq!(s.by_ethnicity[0].share.to_string(), "57.1%");
    }

    #[test]
    fn shares_round_to_one_decimal() {
        let pct = |count, total| Share { count, total }.to_string();
        assert_eq!(pct(0, 0), "0.0%");
        assert_eq!(pct(1, 3), "33.3%");
        assert_eq!(pct(2, 3), "66.7%");
        assert_eq!(pct(1, 8), "12.5%");
        assert_eq!(pct(1, 2000), "0.1%", "0.05% rounds up");
        assert_eq!(pct(1, 2001), "0.0%");
        assert_eq!(pct(7, 7), "100.0%");
        assert_eq!(Share { count: 253, total: 1000 }.tenths_of_percent(), 253);
    }

    #[test]
    fn no_members_gives_empty_but_complete_tables() {
        let s = member_stats(&[], &orgs(), today(), &pinyin());
        assert_eq!(s.total, 0);
        assert_eq!(s.by_age.len(), 5);
        assert_eq!(s.by_education.len(), EDUCATIONS.len());
        assert_eq!(s.by_sex.len(), 2);
        assert!(s.by_ethnicity.is_empty());
        assert!(s.by_org.iter().all(|o| o.total == 0));
        assert_eq!(s.women.to_string(), "0.0%");
    }

    #[test]
    fn a_township_sample_adds_up() {
        use crate::record::Record;
        use crate::station::StationId;
        let g =
            crate::sample::generate(&crate::sample::Scale { orgs: 40, members: 3_000, households: 0, diaries: 0 }, 7);
        let replica = crate::replica::Replica::new(StationId::from_random([1; 8]));
        let orgs: Vec<Org> = replica.stage(g.orgs, 1, &[]).unwrap().iter().map(Org::from_record).collect();
        let records: Vec<Record> = replica.stage(g.members, 1, &[]).unwrap();
        let members: Vec<Member> = records.iter().map(Member::from_record).collect();
        let s = member_stats(&members, &orgs, crate::sample::AS_OF, &pinyin());
        assert_eq!(s.total, 3_000);
        for sum in [
            s.by_age.iter().map(|t| t.count).sum::<usize>(),
            s.by_education.iter().map(|t| t.count).sum(),
            s.by_sex.iter().map(|t| t.count).sum(),
            s.by_ethnicity.iter().map(|t| t.count).sum(),
            s.by_category.iter().map(|t| t.count).sum(),
            s.by_org.iter().map(|o| o.direct).sum::<usize>() + s.unplaced,
        ] {
            assert_eq!(sum, 3_000);
        }
        assert_eq!(s.unplaced, 0);
        let top: Vec<&OrgTally> = s.by_org.iter().filter(|o| o.depth == 0).collect();
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].total, 3_000, "the township committee holds everyone");
        assert_eq!(s.by_ethnicity[0].key.as_deref(), Some("汉族"));
    }
}
