//! The member list (党员名册): its filters and its sort, as pure functions over `&[Member]`
//! that return positions in that slice, so the list, search and statistics agree on them.
//!
//! Members who left (转出, 出党, 去世: `Member::left` is set) are not on the current roster: every
//! status filter but [`StatusFilter::Left`] and [`StatusFilter::All`] leaves them out.

use super::hash::FastHash;
use super::member::{Member, CATEGORIES, EDUCATIONS, SEXES, STATUSES, STATUS_STOPPED};
use super::org::{subtree, tree_order, Org};
use super::pinyin::{NameKey, Pinyin};
use super::record::RecordId;
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The age bands that lists filter by and statistics count by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgeBand {
    /// 35岁及以下
    UpTo35,
    /// 36-45岁
    From36To45,
    /// 46-55岁
    From46To55,
    /// 56-60岁
    From56To60,
    /// 61岁及以上
    From61,
}

impl AgeBand {
    /// In order: `band as usize` is the band's position here.
    pub const ALL: [AgeBand; 5] =
        [AgeBand::UpTo35, AgeBand::From36To45, AgeBand::From46To55, AgeBand::From56To60, AgeBand::From61];

    pub fn of_age(age: u32) -> AgeBand {
        match age {
            ..=35 => AgeBand::UpTo35,
            36..=45 => AgeBand::From36To45,
            46..=55 => AgeBand::From46To55,
            56..=60 => AgeBand::From56To60,
            _ => AgeBand::From61,
        }
    }

    /// The band of a member on `today`; `None` without a birth date (or one after `today`).
    pub fn of_member(member: &Member, today: NaiveDate) -> Option<AgeBand> {
        member.age_on(today).map(AgeBand::of_age)
    }

    /// The first and the last age in the band (`None`: no upper end), for labels.
    pub fn ages(self) -> (u32, Option<u32>) {
        match self {
            AgeBand::UpTo35 => (0, Some(35)),
            AgeBand::From36To45 => (36, Some(45)),
            AgeBand::From46To55 => (46, Some(55)),
            AgeBand::From56To60 => (56, Some(60)),
            AgeBand::From61 => (61, None),
        }
    }
}

/// Which members a list shows by their standing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    /// Everyone on the current roster.
    #[default]
    Current,
    /// Only those who left (转出, 出党, 去世).
    Left,
    /// Current members who lost touch (失联).
    Lost,
    /// Current flowing members (流动党员).
    Flowing,
    /// Current members whose membership is suspended (停止党籍).
    Stopped,
    /// Current members and those who left.
    All,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 6] = [
        StatusFilter::Current,
        StatusFilter::Left,
        StatusFilter::Lost,
        StatusFilter::Flowing,
        StatusFilter::Stopped,
        StatusFilter::All,
    ];

    pub fn admits(self, m: &Member) -> bool {
        match self {
            StatusFilter::Current => m.is_current(),
            StatusFilter::Left => !m.is_current(),
            StatusFilter::Lost => m.is_current() && m.lost,
            StatusFilter::Flowing => m.is_current() && m.flowing,
            StatusFilter::Stopped => m.is_current() && m.status == STATUS_STOPPED,
            StatusFilter::All => true,
        }
    }
}

/// The list's filters; `None` lets everything through. A text filter compares the stored text
/// exactly, and `Some("")` asks for the members where it is not filled in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RosterFilter {
    /// An organization with its whole sub-tree.
    pub org: Option<RecordId>,
    /// 人员类别
    pub category: Option<String>,
    /// 性别
    pub sex: Option<String>,
    pub age: Option<AgeBand>,
    /// 学历
    pub education: Option<String>,
    pub status: StatusFilter,
}

/// The positions of the members that pass `filter`, in slice order.
pub fn filter(members: &[Member], orgs: &[Org], filter: &RosterFilter, today: NaiveDate) -> Vec<usize> {
    let within = filter.org.as_ref().map(|root| subtree(orgs, root));
    let text_ok = |wanted: &Option<String>, value: &str| wanted.as_deref().is_none_or(|w| w == value);
    members
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            filter.status.admits(m)
                && within.as_ref().is_none_or(|set| m.org.as_ref().is_some_and(|o| set.contains(o)))
                && text_ok(&filter.category, &m.category)
                && text_ok(&filter.sex, &m.sex)
                && text_ok(&filter.education, &m.education)
                && filter.age.is_none_or(|band| AgeBand::of_member(m, today) == Some(band))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The member list's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// 姓名, in Chinese collation (by pinyin, then by character).
    Name,
    /// 性别, in the order of `SEXES`.
    Sex,
    /// 民族, in Chinese collation.
    Ethnicity,
    IdNumber,
    BirthDate,
    /// Youngest first when ascending.
    Age,
    /// 学历, lowest first when ascending (the order of `EDUCATIONS`).
    Education,
    /// 人员类别, in the order of `CATEGORIES`.
    Category,
    /// 所在党支部, in the order of the organization tree.
    Org,
    Joined,
    FullMemberDate,
    /// 工作岗位
    Post,
    Phone,
    Address,
    /// 党籍状态, in the order of `STATUSES`.
    Status,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    #[default]
    Ascending,
    Descending,
}

/// What a row is sorted by in one column. Values of a closed list that are not on it (typed
/// by hand, imported) come after the listed ones, in collation order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Rank(usize, NameKey),
    Text(NameKey),
    Plain(String),
    Date(NaiveDate),
}

/// A text as a sort key: `None` when empty or blank.
fn text(t: &str) -> Option<&str> {
    Some(t.trim()).filter(|t| !t.is_empty())
}

/// Sorts `rows` (positions in `members`) by `column`. Empty values come last in either
/// direction; ties go by name, then by position, so the order is the same every time.
pub fn sort(
    members: &[Member],
    rows: &mut [usize],
    orgs: &[Org],
    column: Column,
    direction: Direction,
    pinyin: &Pinyin,
) {
    let org_rank: HashMap<&RecordId, usize, FastHash> =
        if column == Column::Org { org_positions(orgs, pinyin) } else { HashMap::default() };
    let ranked = |list: &[&str], value: &str| {
        let rank = list.iter().position(|v| *v == value).unwrap_or(list.len());
        Key::Rank(rank, if rank == list.len() { pinyin.name_key(value) } else { NameKey::default() })
    };
    let key = |m: &Member| -> Option<Key> {
        match column {
            // Ordered by the name key that breaks every other column's ties, computed once.
            Column::Name => None,
            Column::Sex => text(&m.sex).map(|t| ranked(&SEXES, t)),
            Column::Ethnicity => text(&m.ethnicity).map(|t| Key::Text(pinyin.name_key(t))),
            Column::IdNumber => text(&m.id_number).map(|t| Key::Plain(t.to_ascii_uppercase())),
            Column::BirthDate => m.birth_date.map(Key::Date),
            // Younger is a later birth date: reversed below.
            Column::Age => m.birth_date.map(Key::Date),
            Column::Education => text(&m.education).map(|t| ranked(&EDUCATIONS, t)),
            Column::Category => text(&m.category).map(|t| ranked(&CATEGORIES, t)),
            Column::Org => m.org.as_ref().and_then(|o| org_rank.get(o)).map(|&r| Key::Rank(r, NameKey::default())),
            Column::Joined => m.joined.map(Key::Date),
            Column::FullMemberDate => m.full_member_date.map(Key::Date),
            Column::Post => text(&m.post).map(|t| Key::Text(pinyin.name_key(t))),
            Column::Phone => text(&m.phone).map(|t| Key::Plain(t.to_string())),
            Column::Address => text(&m.address).map(|t| Key::Text(pinyin.name_key(t))),
            Column::Status => text(&m.status).map(|t| ranked(&STATUSES, t)),
        }
    };
    let descending = (direction == Direction::Descending) != (column == Column::Age);
    let mut keyed: Vec<(Option<Key>, NameKey, usize)> =
        rows.iter().map(|&i| (key(&members[i]), pinyin.name_key(&members[i].name), i)).collect();
    // The order is total (the position breaks the last ties): no need for a stable sort.
    keyed.sort_unstable_by(|a, b| {
        let by_column = match (&a.0, &b.0) {
            (Some(x), Some(y)) if descending => y.cmp(x),
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let by_name = if column == Column::Name && descending { b.1.cmp(&a.1) } else { a.1.cmp(&b.1) };
        by_column.then(by_name).then(a.2.cmp(&b.2))
    });
    for (row, (_, _, i)) in rows.iter_mut().zip(keyed) {
        *row = i;
    }
}

/// Each organization's place in the tree as lists show it; organizations the tree walk does
/// not reach (a cycle) follow, by name.
fn org_positions<'a>(orgs: &'a [Org], pinyin: &Pinyin) -> HashMap<&'a RecordId, usize, FastHash> {
    let mut rank: HashMap<&RecordId, usize, FastHash> = HashMap::default();
    for (_, o) in tree_order(orgs, pinyin) {
        let next = rank.len();
        rank.entry(&o.id).or_insert(next);
    }
    let mut rest: Vec<(NameKey, u32)> = (0..orgs.len() as u32)
        .filter(|&i| !rank.contains_key(&orgs[i as usize].id))
        .map(|i| (pinyin.name_key(&orgs[i as usize].name), i))
        .collect();
    rest.sort_unstable();
    for (_, i) in rest {
        let next = rank.len();
        rank.insert(&orgs[i as usize].id, next);
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::member::{FEMALE, FULL_MEMBER, MALE, PROBATIONARY, STATUS_NORMAL};
    use crate::org::OrgCategory;
    use crate::test_support::{day, rid};

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    fn org(n: u8, name: &str, category: OrgCategory, parent: Option<u8>) -> Org {
        Org::new(rid(n), name, Some(category), parent.map(rid))
    }

    /// 镇党委(1) → 甲村总支(2) → 甲村一支部(3) → 第一党小组(4); 镇党委 → 乙村支部(5); 外镇(6).
    fn orgs() -> Vec<Org> {
        use OrgCategory::*;
        vec![
            org(1, "坪塘镇党委", TownshipCommittee, None),
            org(2, "甲村党总支", GeneralBranch, Some(1)),
            org(3, "甲村第一党支部", Branch, Some(2)),
            org(4, "第一党小组", Group, Some(3)),
            org(5, "乙村党支部", Branch, Some(1)),
            org(6, "外镇党委", TownshipCommittee, None),
        ]
    }

    fn member(n: u8, name: &str) -> Member {
        Member {
            id: RecordId::from_random([100 + n; 16]),
            name: name.into(),
            sex: MALE.into(),
            ethnicity: "汉族".into(),
            id_number: String::new(),
            birth_date: Some(day("1970-01-01")),
            education: "初中".into(),
            category: FULL_MEMBER.into(),
            org: Some(rid(5)),
            joined: Some(day("1995-07-01")),
            full_member_date: Some(day("1996-07-01")),
            post: "务农".into(),
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

    #[test]
    fn age_bands_have_their_edges_where_the_statistics_forms_put_them() {
        let cases = [
            (0, AgeBand::UpTo35),
            (35, AgeBand::UpTo35),
            (36, AgeBand::From36To45),
            (45, AgeBand::From36To45),
            (46, AgeBand::From46To55),
            (55, AgeBand::From46To55),
            (56, AgeBand::From56To60),
            (60, AgeBand::From56To60),
            (61, AgeBand::From61),
            (104, AgeBand::From61),
        ];
        for (i, band) in AgeBand::ALL.iter().enumerate() {
            assert_eq!(*band as usize, i, "statistics index bands by their order");
        }
        for (age, band) in cases {
            assert_eq!(AgeBand::of_age(age), band, "{age}");
            let (first, last) = band.ages();
            assert!(first <= age && last.is_none_or(|l| age <= l), "{age} within {band:?}'s own ages");
        }
        // On the birthday the member moves up a band; the day before they have not.
        let mut m = member(1, "张三");
        m.birth_date = Some(day("1990-11-24"));
        assert_eq!(AgeBand::of_member(&m, day("2026-11-23")), Some(AgeBand::UpTo35));
        assert_eq!(AgeBand::of_member(&m, day("2026-11-24")), Some(AgeBand::From36To45));
        m.birth_date = None;
        assert_eq!(AgeBand::of_member(&m, today()), None);
    }

    #[test]
    fn an_organization_filter_takes_its_whole_subtree() {
        let mut ms: Vec<Member> = (0..6).map(|n| member(n, &format!("党员{n}"))).collect();
        for (m, o) in ms.iter_mut().zip([1, 2, 3, 4, 5, 6]) {
            m.org = Some(rid(o));
        }
        let by = |root: u8| {
            let f = RosterFilter { org: Some(rid(root)), ..Default::default() };
            filter(&ms, &orgs(), &f, today())
        };
        assert_eq!(by(1), [0, 1, 2, 3, 4]);
        assert_eq!(by(2), [1, 2, 3]);
        assert_eq!(by(4), [3]);
        assert_eq!(by(6), [5]);
        assert_eq!(by(99), Vec::<usize>::new());
        assert_eq!(filter(&ms, &orgs(), &RosterFilter::default(), today()).len(), 6);
    }

    #[test]
    fn a_cycle_in_the_tree_does_not_hang_the_subtree() {
        let mut o = orgs();
        o[0].parent = Some(rid(4)); // 镇党委 under its own 党小组
        let s = subtree(&o, &rid(2));
        assert_eq!(s.len(), 5, "{s:?}");
        assert!(!s.contains(&rid(6)));
    }

    #[test]
    fn status_filters_keep_those_who_left_out_unless_asked() {
        let mut ms: Vec<Member> = (0..5).map(|n| member(n, &format!("党员{n}"))).collect();
        ms[1].left = Some("转出".into());
        ms[2].lost = true;
        ms[3].flowing = true;
        ms[4].status = STATUS_STOPPED.into();
        let mut gone = member(5, "党员5");
        gone.left = Some("去世".into());
        gone.lost = true;
        gone.flowing = true;
        ms.push(gone);
        let by = |status: StatusFilter| filter(&ms, &[], &RosterFilter { status, ..Default::default() }, today());
        assert_eq!(by(StatusFilter::Current), [0, 2, 3, 4]);
        assert_eq!(by(StatusFilter::Left), [1, 5]);
        assert_eq!(by(StatusFilter::Lost), [2], "who left is not counted as 失联");
        assert_eq!(by(StatusFilter::Flowing), [3]);
        assert_eq!(by(StatusFilter::Stopped), [4]);
        assert_eq!(by(StatusFilter::All), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn category_sex_age_and_education_filters_combine() {
        let mut ms: Vec<Member> = (0..5).map(|n| member(n, &format!("党员{n}"))).collect();
        ms[1].sex = FEMALE.into();
        ms[2].category = PROBATIONARY.into();
        ms[3].birth_date = Some(day("1991-01-01")); // 35 on today
        ms[4].education = String::new();
        ms[4].sex = FEMALE.into();
        let run = |f: RosterFilter| filter(&ms, &[], &f, today());
        assert_eq!(run(RosterFilter { sex: Some(FEMALE.into()), ..Default::default() }), [1, 4]);
        assert_eq!(run(RosterFilter { category: Some(PROBATIONARY.into()), ..Default::default() }), [2]);
        assert_eq!(run(RosterFilter { age: Some(AgeBand::UpTo35), ..Default::default() }), [3]);
        assert_eq!(run(RosterFilter { age: Some(AgeBand::From56To60), ..Default::default() }), [0, 1, 2, 4]);
        assert_eq!(run(RosterFilter { education: Some(String::new()), ..Default::default() }), [4]);
        assert_eq!(
            run(RosterFilter { education: Some("初中".into()), sex: Some(FEMALE.into()), ..Default::default() }),
            [1]
        );
    }

    fn sorted(ms: &[Member], column: Column, direction: Direction) -> Vec<String> {
        let mut rows: Vec<usize> = (0..ms.len()).collect();
        sort(ms, &mut rows, &orgs(), column, direction, &Pinyin::built_in().unwrap());
        rows.into_iter().map(|i| ms[i].name.clone()).collect()
    }

    #[test]
    fn names_sort_by_pinyin_either_way() {
        let ms: Vec<Member> = ["赵六", "张三", "李四", "单田芳", "王五", "阿明"]
            .iter()
            .enumerate()
            .map(|(n, s)| member(n as u8, s))
            .collect();
        assert_eq!(sorted(&ms, Column::Name, Direction::Ascending), ["阿明", "李四", "单田芳", "王五", "张三", "赵六"]);
        assert_eq!(
            sorted(&ms, Column::Name, Direction::Descending),
            ["赵六", "张三", "王五", "单田芳", "李四", "阿明"]
        );
    }

    #[test]
    fn closed_lists_sort_in_their_own_order_with_empty_values_last() {
        let mut ms: Vec<Member> =
            ["甲", "乙", "丙", "丁", "戊"].iter().enumerate().map(|(n, s)| member(n as u8, s)).collect();
        ms[0].education = "研究生".into();
        ms[1].education = "小学及以下".into();
        ms[2].education = String::new();
        ms[3].education = "本科".into();
        ms[4].education = "扫盲班".into(); // not on the list
        assert_eq!(sorted(&ms, Column::Education, Direction::Ascending), ["乙", "丁", "甲", "戊", "丙"]);
        assert_eq!(sorted(&ms, Column::Education, Direction::Descending), ["戊", "甲", "丁", "乙", "丙"]);
        ms[0].sex = FEMALE.into();
        ms[3].sex = String::new();
        // Ties (the men) by name: 丙 bing, 戊 wu, 乙 yi.
        assert_eq!(sorted(&ms, Column::Sex, Direction::Ascending), ["丙", "戊", "乙", "甲", "丁"]);
    }

    #[test]
    fn ages_dates_organizations_and_numbers_sort() {
        let mut ms: Vec<Member> =
            ["甲", "乙", "丙", "丁"].iter().enumerate().map(|(n, s)| member(n as u8, s)).collect();
        ms[0].birth_date = Some(day("1950-05-01"));
        ms[1].birth_date = Some(day("1990-05-01"));
        ms[2].birth_date = None;
        ms[3].birth_date = Some(day("1970-05-01"));
        assert_eq!(sorted(&ms, Column::Age, Direction::Ascending), ["乙", "丁", "甲", "丙"], "youngest first");
        assert_eq!(sorted(&ms, Column::Age, Direction::Descending), ["甲", "丁", "乙", "丙"]);
        assert_eq!(sorted(&ms, Column::BirthDate, Direction::Ascending), ["甲", "丁", "乙", "丙"]);
        // Tree order: 坪塘镇党委, 甲村党总支, 甲村第一党支部, 第一党小组, 乙村党支部, 外镇党委 (siblings by
        // pinyin); unknown organizations last.
        ms[0].org = Some(rid(6));
        ms[1].org = Some(rid(4));
        ms[2].org = Some(rid(1));
        ms[3].org = Some(rid(77));
        assert_eq!(sorted(&ms, Column::Org, Direction::Ascending), ["丙", "乙", "甲", "丁"]);
        ms[0].id_number = "43012119900101123X".into();
        ms[1].id_number = "110105194912310021".into();
        ms[2].id_number = "43012119900101123x".into();
        assert_eq!(
            sorted(&ms, Column::IdNumber, Direction::Ascending),
            ["乙", "丙", "甲", "丁"],
            "x as X, ties by name"
        );
    }
}
