//! Work lists computed from diaries, their steps and the household register: matters by state,
//! 逾期 and 即将到期, entries waiting for 阅批, households with an open matter, each cadre's days
//! in villages per week, and the 五个必到 households not visited lately.
//!
//! Thresholds are station settings passed in (local rules differ), never constants. A county
//! holds 200,000 diaries and 12,000 households: every list is one pass over its inputs with
//! hash indexes (steps are indexed by diary once), no join of every diary with every step.
//!
//! These are lists for leaders and evidence for appraisal, not public rankings (the 2023
//! guidance on "指尖上的形式主义"): nothing here orders cadres against each other.

use super::diary::Diary;
use super::diary_step::{matter, Matter, MatterState, StepOfMatter};
use super::hash::FastHash;
use super::household::{must_visit_categories, Category, Household, OldMemberRule};
use super::member::Member;
use super::order::{sort_by_key, Key};
use super::record::{IdKey, IdKeyMap, RecordId};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every diary's matter, in the diaries' order. Steps naming a diary not given are left out.
pub fn matters<'a, S: StepOfMatter>(diaries: &'a [Diary], steps: &[S]) -> Vec<Matter<'a>> {
    let by_diary = StepsByDiary::new(steps);
    diaries.iter().map(|d| matter(d, by_diary.of(&d.id))).collect()
}

/// Steps by the diary they belong to, each diary's a slice (no map of hundreds of thousands of
/// small lists: the steps sorted by diary once, and not even that when they come sorted so, as a
/// station holds them), found through a map from each diary to its run. A binary search of a
/// county's 641,000 steps for each of 200,000 diaries missed the cache at nearly every one of
/// its twenty steps: half a second; the map costs one pass and a lookup each.
pub struct StepsByDiary<'a, S> {
    runs: IdKeyMap<(u32, u32)>,
    steps: Vec<&'a S>,
}

impl<'a, S: StepOfMatter> StepsByDiary<'a, S> {
    pub fn new(steps: &'a [S]) -> StepsByDiary<'a, S> {
        // Made at its size: a county's list grown by doubling left 24 MB of wasm memory behind.
        let mut listed: Vec<&S> = Vec::with_capacity(steps.len());
        listed.extend(steps.iter().filter(|s| s.diary().is_some()));
        if !listed.is_sorted_by_key(|s| s.diary()) {
            crate::sort::sort_by_cached_key(&mut listed, |s| s.diary());
        }
        let mut runs = IdKeyMap::default();
        let mut from = 0;
        for (i, s) in listed.iter().enumerate() {
            let d = s.diary();
            if listed.get(i + 1).is_none_or(|next| next.diary() != d) {
                if let Some(d) = d {
                    runs.insert(d, (from as u32, i as u32 + 1));
                }
                from = i + 1;
            }
        }
        StepsByDiary { runs, steps: listed }
    }

    /// Only the steps of `diaries` (a save's few): found by binary search when the steps come
    /// sorted by diary, as a station holds them, so a save does not pass over a county's steps.
    pub fn of_diaries(steps: &'a [S], diaries: &[IdKey]) -> StepsByDiary<'a, S> {
        let sorted = steps.is_sorted_by_key(|s| s.diary());
        let mut runs = IdKeyMap::default();
        let mut listed = Vec::new();
        for &d in diaries {
            if runs.contains_key(&d) {
                continue;
            }
            let from = listed.len();
            if sorted {
                let start = steps.partition_point(|s| s.diary() < Some(d));
                listed.extend(steps[start..].iter().take_while(|s| s.diary() == Some(d)));
            } else {
                listed.extend(steps.iter().filter(|s| s.diary() == Some(d)));
            }
            runs.insert(d, (from as u32, listed.len() as u32));
        }
        StepsByDiary { runs, steps: listed }
    }

    /// The diary's steps, in the order given.
    pub fn of(&self, diary: &RecordId) -> &[&'a S] {
        match self.runs.get(&diary.key()) {
            Some(&(from, to)) => &self.steps[from as usize..to as usize],
            None => &[],
        }
    }
}

/// How many matters are in each state, in `MatterState::ALL` order (states with none included).
pub fn count_by_state(matters: &[Matter]) -> Vec<(MatterState, usize)> {
    count_states(matters.iter().map(|m| m.state))
}

/// How many of `states` are each state, in `MatterState::ALL` order (states with none included).
pub fn count_states(states: impl IntoIterator<Item = MatterState>) -> Vec<(MatterState, usize)> {
    let mut counts = [0usize; MatterState::ALL.len()];
    for state in states {
        if let Some(i) = MatterState::ALL.iter().position(|s| *s == state) {
            counts[i] += 1;
        }
    }
    MatterState::ALL.into_iter().zip(counts).collect()
}

/// The matters in one state, oldest visit first.
pub fn in_state<'m, 'a>(matters: &'m [Matter<'a>], state: MatterState) -> Vec<&'m Matter<'a>> {
    let mut out: Vec<&Matter> = matters.iter().filter(|m| m.state == state).collect();
    crate::sort::sort_by_cached_key(&mut out, by_visit);
    out
}

/// Visit date, then id (`IdKey`s order as the ids' texts do): numbers, not a `Key` made for each
/// of a county's thousands of open matters.
fn by_visit(m: &&Matter) -> (Option<NaiveDate>, IdKey) {
    (m.diary.date, m.diary.id.key())
}

/// The 督办 lists: 逾期 (the deadline passed, not yet 办结) and 即将到期 (due today or within the
/// next `within_days` days). Earliest deadline first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeadlineLists<'m, 'a> {
    pub overdue: Vec<&'m Matter<'a>>,
    pub due_soon: Vec<&'m Matter<'a>>,
}

/// Sorts matters with a 督办 deadline into 逾期 and 即将到期 on `today`.
pub fn deadline_lists<'m, 'a>(matters: &'m [Matter<'a>], today: NaiveDate, within_days: u32) -> DeadlineLists<'m, 'a> {
    let horizon = today.checked_add_days(Days::new(u64::from(within_days))).unwrap_or(NaiveDate::MAX);
    let mut lists = DeadlineLists::default();
    for m in matters {
        match m.deadline() {
            Some(d) if d < today => lists.overdue.push(m),
            Some(d) if d <= horizon => lists.due_soon.push(m),
            _ => {}
        }
    }
    let key = |m: &&Matter| (m.deadline().unwrap_or(NaiveDate::MAX), by_visit(m));
    crate::sort::sort_by_cached_key(&mut lists.overdue, key);
    crate::sort::sort_by_cached_key(&mut lists.due_soon, key);
    lists
}

/// Entries waiting for 阅批 more than `days` days after the visit, oldest first.
pub fn awaiting_review<'m, 'a>(matters: &'m [Matter<'a>], today: NaiveDate, days: u32) -> Vec<&'m Matter<'a>> {
    let Some(limit) = today.checked_sub_days(Days::new(u64::from(days))) else { return Vec::new() };
    let mut out: Vec<&Matter> = matters
        .iter()
        .filter(|m| m.state == MatterState::AwaitingReview && m.diary.date.is_some_and(|d| d < limit))
        .collect();
    crate::sort::sort_by_cached_key(&mut out, by_visit);
    out
}

/// Households with at least one open matter, in household id order, each with its open matters
/// (oldest visit first). The page sorts them by 户主 name.
pub fn households_with_open_matters<'m, 'a>(matters: &'m [Matter<'a>]) -> Vec<(&'a RecordId, Vec<&'m Matter<'a>>)> {
    let mut by_household: BTreeMap<&RecordId, Vec<&Matter>> = BTreeMap::new();
    for m in matters.iter().filter(|m| m.state.is_open()) {
        for h in &m.diary.households {
            by_household.entry(h).or_default().push(m);
        }
    }
    by_household
        .into_iter()
        .map(|(h, mut list)| {
            crate::sort::sort_by_cached_key(&mut list, by_visit);
            (h, list)
        })
        .collect()
}

/// One cadre's ISO week: the distinct days with a visit and the visits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CadreWeek {
    pub writer: RecordId,
    /// The ISO week's year and number (a week belongs to the year of its Thursday).
    pub year: i32,
    pub week: u32,
    pub monday: NaiveDate,
    /// Distinct days with at least one visit (days in villages).
    pub days: u32,
    /// Diary entries.
    pub visits: u32,
    /// Distinct households visited.
    pub households: u32,
    /// Fewer days than the setting asks (the seeds' "at least 3 times a week").
    pub below: bool,
}

/// For each cadre and ISO week from the week of `from` to the week of `to`: days in villages and
/// visits, counting diaries dated `from..=to`, flagged when the days are fewer than
/// `min_days_per_week` (a setting; the seeds' default is 3). Cadres in `writers` are listed for
/// every week even without a visit; writers of the diaries are added. Ordered by writer id, then
/// week.
pub fn cadre_weeks(
    diaries: &[Diary],
    writers: &[RecordId],
    from: NaiveDate,
    to: NaiveDate,
    min_days_per_week: u32,
) -> Vec<CadreWeek> {
    if to < from {
        return Vec::new();
    }
    let first_monday = monday_of(from);
    let weeks = (monday_of(to) - first_monday).num_days() / 7 + 1;
    let Ok(weeks) = usize::try_from(weeks) else { return Vec::new() };
    let mut per_writer: BTreeMap<&RecordId, Vec<WeekTally>> = BTreeMap::new();
    for w in writers {
        per_writer.entry(w).or_insert_with(|| vec![WeekTally::default(); weeks]);
    }
    for d in diaries {
        let (Some(writer), Some(date)) = (&d.writer, d.date) else { continue };
        if date < from || date > to {
            continue;
        }
        let week = ((monday_of(date) - first_monday).num_days() / 7) as usize;
        let tally = &mut per_writer.entry(writer).or_insert_with(|| vec![WeekTally::default(); weeks])[week];
        tally.visits += 1;
        tally.days |= 1 << date.weekday().num_days_from_monday();
        tally.households.extend(d.households.iter());
    }
    let mut out = Vec::with_capacity(per_writer.len() * weeks);
    for (writer, tallies) in per_writer {
        for (i, t) in tallies.into_iter().enumerate() {
            let monday = first_monday + Days::new(7 * i as u64);
            let iso = monday.iso_week();
            let days = t.days.count_ones();
            out.push(CadreWeek {
                writer: writer.clone(),
                year: iso.year(),
                week: iso.week(),
                monday,
                days,
                visits: t.visits,
                households: t.households.len() as u32,
                below: days < min_days_per_week,
            });
        }
    }
    out
}

#[derive(Clone, Debug, Default)]
struct WeekTally<'a> {
    /// One bit per weekday with a visit.
    days: u8,
    visits: u32,
    households: HashSet<&'a RecordId, FastHash>,
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d.week(Weekday::Mon).first_day()
}

/// A 五个必到 household of a village not visited lately.
#[derive(Clone, Debug, PartialEq)]
pub struct MustVisitGap<'a> {
    pub household: &'a Household,
    /// Its 五个必到 categories (老党员 from the roster, `must_visit_categories`).
    pub categories: Vec<Category>,
    /// The latest visit on or before today, if any.
    pub last_visit: Option<NaiveDate>,
}

/// For each village (by id), its open 五个必到 households with no visit in the last `days` days
/// (a setting; default 90): never visited, or last visited `days` or more days before `today`.
/// Never-visited households first, then the longest unvisited; villages with no gap are left
/// out. `members` are the roster the 老党员 rule reads.
pub fn must_visit_gaps<'a>(
    households: &'a [Household],
    diaries: &[Diary],
    members: &[Member],
    rule: &OldMemberRule,
    today: NaiveDate,
    days: u32,
) -> Vec<(RecordId, Vec<MustVisitGap<'a>>)> {
    let mut last: HashMap<&RecordId, NaiveDate, FastHash> = HashMap::default();
    for d in diaries {
        let Some(date) = d.date.filter(|date| *date <= today) else { continue };
        for h in &d.households {
            let e = last.entry(h).or_insert(date);
            *e = (*e).max(date);
        }
    }
    let by_id: HashMap<&RecordId, &Member, FastHash> = members.iter().map(|m| (&m.id, m)).collect();
    let limit = today.checked_sub_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MIN);
    let mut by_village: BTreeMap<&RecordId, Vec<MustVisitGap>> = BTreeMap::new();
    for h in households.iter().filter(|h| h.is_open()) {
        let Some(village) = &h.village else { continue };
        let last_visit = last.get(&h.id).copied();
        if last_visit.is_some_and(|d| d > limit) {
            continue;
        }
        let member = h.member.as_ref().and_then(|m| by_id.get(m).copied());
        let categories = must_visit_categories(h, member, rule, today);
        if !categories.is_empty() {
            by_village.entry(village).or_default().push(MustVisitGap { household: h, categories, last_visit });
        }
    }
    by_village
        .into_iter()
        .map(|(v, mut gaps)| {
            sort_by_key(&mut gaps, |g| {
                Key::new()
                    .num(g.last_visit.map_or(i64::MIN, |d| i64::from(d.num_days_from_ce())))
                    .text(g.household.id.as_str())
            });
            (v.clone(), gaps)
        })
        .collect()
}

/// A threshold a station may set for the work lists, with the whole days it may be: a range
/// that keeps a list meaningful (a week has 7 days; a 五个必到 round longer than two years is a
/// typing error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    /// 即将到期: a 督办 deadline within this many days.
    DueWithin,
    /// 阅批 waited for longer than this many days.
    ReviewWithin,
    /// Days in villages a cadre should have each week.
    MinDaysPerWeek,
    /// A 五个必到 household not visited for this many days.
    MustVisit,
}

impl Threshold {
    pub const ALL: [Threshold; 4] =
        [Threshold::DueWithin, Threshold::ReviewWithin, Threshold::MinDaysPerWeek, Threshold::MustVisit];

    pub fn range(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Threshold::DueWithin | Threshold::ReviewWithin => 1..=60,
            Threshold::MinDaysPerWeek => 1..=7,
            Threshold::MustVisit => 7..=730,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DaysProblem {
    Required,
    /// Not a whole number of days ("3.5", "三").
    NotWhole,
    OutOfRange {
        min: u32,
        max: u32,
    },
}

/// A threshold as typed (full-width digits and a trailing 天 allowed), checked against its range.
pub fn parse_threshold(threshold: Threshold, text: &str) -> Result<u32, DaysProblem> {
    let range = threshold.range();
    match super::household::typed_count(text, &['天']) {
        Ok(None) => Err(DaysProblem::Required),
        Err(_) => Err(DaysProblem::NotWhole),
        Ok(Some(n)) if n >= u64::from(*range.start()) && n <= u64::from(*range.end()) => Ok(n as u32),
        Ok(Some(_)) => Err(DaysProblem::OutOfRange { min: *range.start(), max: *range.end() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::diary_step::{Satisfaction, Step, StepKind};
    use crate::household::ClosedReason;
    use crate::test_support::day;

    fn rid(n: u32) -> RecordId {
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&n.to_be_bytes());
        RecordId::from_random(b)
    }

    fn diary(n: u32, date: &str, writer: u32, households: &[u32], follow_up: bool) -> Diary {
        Diary {
            id: rid(n),
            date: Some(day(date)),
            writer: Some(rid(writer)),
            village: Some(rid(1)),
            households: households.iter().map(|h| rid(*h)).collect(),
            roles: Default::default(),
            category: None,
            follow_up,
            written: crate::clock::Hlc::ZERO,
        }
    }

    fn step(n: u32, diary: u32, kind: StepKind, date: &str, deadline: Option<&str>) -> Step {
        Step {
            id: rid(n),
            diary: Some(rid(diary)),
            kind: Some(kind),
            date: Some(day(date)),
            by: "王".into(),
            note: String::new(),
            instruction: String::new(),
            assignee: String::new(),
            assignee_person: None,
            assignee_org: None,
            deadline: deadline.map(day),
            offices: Vec::new(),
            way: None,
            view: Some(Satisfaction::Satisfied),
            skip_reason: String::new(),
            written: Hlc::new(u64::from(n), 0),
        }
    }

    fn household(n: u32, village: u32, categories: &[Category]) -> Household {
        crate::test_support::household(rid(n), rid(village), format!("户主{n}"), categories)
    }

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    #[test]
    fn matters_by_state_deadlines_and_waiting_for_review() {
        let diaries = vec![
            diary(10, "2026-10-01", 90, &[100], true),  // waiting since October
            diary(11, "2026-11-20", 90, &[101], true),  // waiting 4 days
            diary(12, "2026-11-01", 90, &[100], true),  // 督办, overdue
            diary(13, "2026-11-01", 90, &[102], true),  // 督办, due in 3 days
            diary(14, "2026-11-01", 90, &[103], true),  // 督办, due in 20 days
            diary(15, "2026-11-01", 90, &[104], true),  // overdue deadline but 办结
            diary(16, "2026-11-01", 90, &[105], false), // settled on the spot
        ];
        let steps = vec![
            step(20, 12, StepKind::Review, "2026-11-02", None),
            step(21, 12, StepKind::Supervise, "2026-11-02", Some("2026-11-20")),
            step(22, 13, StepKind::Review, "2026-11-02", None),
            step(23, 13, StepKind::Supervise, "2026-11-02", Some("2026-11-27")),
            step(24, 14, StepKind::Review, "2026-11-02", None),
            step(25, 14, StepKind::Supervise, "2026-11-02", Some("2026-12-14")),
            step(26, 15, StepKind::Review, "2026-11-02", None),
            step(27, 15, StepKind::Supervise, "2026-11-02", Some("2026-11-10")),
            step(28, 15, StepKind::Done, "2026-11-12", None),
            step(29, 99, StepKind::Review, "2026-11-02", None), // a diary not loaded
        ];
        let all = matters(&diaries, &steps);
        assert_eq!(all.len(), 7);
        let counts: HashMap<MatterState, usize> = count_by_state(&all).into_iter().collect();
        assert_eq!(counts[&MatterState::AwaitingReview], 2);
        assert_eq!(counts[&MatterState::Supervised], 3);
        assert_eq!(counts[&MatterState::Done], 1);
        assert_eq!(counts[&MatterState::NoFollowUp], 1);
        assert_eq!(count_by_state(&all).len(), MatterState::ALL.len());
        let ids = |list: &[&Matter]| list.iter().map(|m| m.diary.id.clone()).collect::<Vec<_>>();
        let lists = deadline_lists(&all, today(), 7);
        assert_eq!(ids(&lists.overdue), vec![rid(12)]);
        assert_eq!(ids(&lists.due_soon), vec![rid(13)]);
        assert_eq!(ids(&deadline_lists(&all, today(), 30).due_soon), vec![rid(13), rid(14)]);
        assert_eq!(ids(&deadline_lists(&all, day("2026-11-27"), 0).due_soon), vec![rid(13)], "due today");
        assert_eq!(ids(&awaiting_review(&all, today(), 3)), vec![rid(10), rid(11)]);
        assert_eq!(ids(&awaiting_review(&all, today(), 4)), vec![rid(10)], "4 days is not longer than 4");
        assert_eq!(ids(&in_state(&all, MatterState::Supervised)), vec![rid(12), rid(13), rid(14)]);
        let open = households_with_open_matters(&all);
        let hs: Vec<(RecordId, usize)> = open.iter().map(|(h, l)| ((*h).clone(), l.len())).collect();
        // 办结 is open until 销号 (feedback still due); settled on the spot is not a matter.
        let mut want = vec![(rid(100), 2), (rid(101), 1), (rid(102), 1), (rid(103), 1), (rid(104), 1)];
        want.sort();
        assert_eq!(hs, want);
    }

    #[test]
    fn steps_found_by_diary_whether_they_come_sorted_or_not() {
        let unsorted = vec![
            step(20, 12, StepKind::Review, "2026-11-02", None),
            step(30, 14, StepKind::Review, "2026-11-02", None),
            step(21, 12, StepKind::Supervise, "2026-11-03", None),
            step(40, 13, StepKind::Review, "2026-11-02", None),
        ];
        let mut sorted = unsorted.clone();
        sorted.sort_by_key(|s| (s.diary.as_ref().map(RecordId::key), s.id.key()));
        let ids = |steps: &[&Step]| steps.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        for steps in [&unsorted, &sorted] {
            let all = StepsByDiary::new(steps);
            assert_eq!(ids(all.of(&rid(12))), vec![rid(20), rid(21)]);
            assert_eq!(ids(all.of(&rid(13))), vec![rid(40)]);
            assert!(all.of(&rid(15)).is_empty());
            // A save's few diaries: the same runs, and none of the others.
            let few = StepsByDiary::of_diaries(steps, &[rid(12).key(), rid(15).key(), rid(12).key()]);
            assert_eq!(ids(few.of(&rid(12))), ids(all.of(&rid(12))));
            assert!(few.of(&rid(15)).is_empty());
            assert!(few.of(&rid(14)).is_empty());
        }
    }

    #[test]
    fn cadre_weeks_count_distinct_days_and_flag_thin_weeks() {
        // 2026-11-16 is a Monday.
        let diaries = vec![
            diary(1, "2026-11-16", 90, &[100], false),
            diary(2, "2026-11-16", 90, &[101, 100], false),
            diary(3, "2026-11-18", 90, &[102], false),
            diary(4, "2026-11-22", 90, &[103], false), // Sunday, same week
            diary(5, "2026-11-23", 90, &[103], false), // next week
            diary(6, "2026-11-17", 91, &[104], false),
            diary(7, "2026-11-01", 91, &[104], false), // before the period
        ];
        let weeks = cadre_weeks(&diaries, &[rid(92)], day("2026-11-16"), day("2026-11-29"), 3);
        let row = |w: u32, monday: &str| weeks.iter().find(|c| c.writer == rid(w) && c.monday == day(monday)).unwrap();
        let a = row(90, "2026-11-16");
        assert_eq!((a.days, a.visits, a.households, a.below), (3, 4, 4, false));
        assert_eq!((a.year, a.week), (2026, 47));
        let a2 = row(90, "2026-11-23");
        assert_eq!((a2.days, a2.visits, a2.below), (1, 1, true));
        let b = row(91, "2026-11-16");
        assert_eq!((b.days, b.visits, b.below), (1, 1, true));
        let idle = row(92, "2026-11-23");
        assert_eq!((idle.days, idle.visits, idle.below), (0, 0, true), "a cadre with no visit is listed");
        assert_eq!(weeks.len(), 6, "three cadres, two weeks");
        assert!(cadre_weeks(&diaries, &[], day("2026-11-16"), day("2026-11-22"), 1)
            .iter()
            .all(|c| c.writer != rid(90) || !c.below));
        assert!(cadre_weeks(&diaries, &[], day("2026-11-20"), day("2026-11-19"), 3).is_empty());
        // ISO weeks across a new year: 2026-12-28 (Monday) is week 53 of 2026; 2027-01-04 week 1.
        let y = cadre_weeks(&[diary(8, "2027-01-01", 90, &[], false)], &[], day("2026-12-28"), day("2027-01-04"), 3);
        assert_eq!((y[0].year, y[0].week, y[0].visits), (2026, 53, 1));
        assert_eq!((y[1].year, y[1].week), (2027, 1));
    }

    #[test]
    fn must_visit_households_not_visited_lately() {
        let mut closed = household(104, 1, &[Category::Poor]);
        closed.closed = Some(day("2026-01-01"));
        closed.closed_reason = Some(ClosedReason::MovedOut);
        let households = vec![
            household(100, 1, &[Category::Poor]),        // visited 10 days ago
            household(101, 1, &[Category::LargeFarm]),   // visited 100 days ago
            household(102, 1, &[Category::Deputy]),      // never
            household(103, 1, &[Category::Subsistence]), // not a 必到 household
            closed,
            household(105, 2, &[Category::Entrepreneur]), // another village, visited exactly 90 days ago
        ];
        let diaries = vec![
            diary(1, "2026-11-14", 90, &[100], false),
            diary(2, "2026-08-16", 90, &[101], false),
            diary(3, "2026-08-26", 90, &[105], false),
            diary(4, "2026-12-01", 90, &[102], false), // dated after today: not a visit yet
        ];
        let gaps = must_visit_gaps(&households, &diaries, &[], &OldMemberRule::default(), today(), 90);
        assert_eq!(gaps.len(), 2);
        let (v1, list) = &gaps.iter().find(|(v, _)| v == &rid(1)).unwrap();
        assert_eq!(v1, &rid(1));
        let found: Vec<(RecordId, Option<NaiveDate>)> =
            list.iter().map(|g| (g.household.id.clone(), g.last_visit)).collect();
        assert_eq!(found, vec![(rid(102), None), (rid(101), Some(day("2026-08-16")))], "never visited first");
        assert_eq!(list[0].categories, vec![Category::Deputy]);
        let (_, other) = &gaps.iter().find(|(v, _)| v == &rid(2)).unwrap();
        assert_eq!(other[0].household.id, rid(105), "90 days ago is 90 days unvisited");
        let lenient = must_visit_gaps(&households, &diaries, &[], &OldMemberRule::default(), today(), 120);
        assert_eq!(lenient.len(), 1, "only the never-visited one");
    }

    /// County scale: 200,000 diaries, 60,000 steps, 12,000 households. Run with
    /// `cargo test --release -p dangjian-domain county_scale -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn county_scale_work_lists() {
        let households: Vec<Household> =
            (0..12_000u32).map(|i| household(1_000_000 + i, i % 300, &[Category::ALL[(i % 9) as usize]])).collect();
        let start = day("2024-01-01");
        let diaries: Vec<Diary> = (0..200_000u32)
            .map(|i| {
                let mut d = diary(i, "2024-01-01", 2_000_000 + i % 2_000, &[1_000_000 + (i * 7) % 12_000], i % 4 == 0);
                d.date = Some(start + Days::new(u64::from(i % 1_000)));
                d
            })
            .collect();
        let steps: Vec<Step> = (0..60_000u32)
            .map(|i| {
                let kind = [StepKind::Review, StepKind::Supervise, StepKind::Done][(i % 3) as usize];
                let mut s = step(3_000_000 + i, (i / 3) * 4, kind, "2026-09-01", Some("2026-12-01"));
                s.date = diaries[((i / 3) * 4) as usize].date;
                s
            })
            .collect();
        let t = std::time::Instant::now();
        let all = matters(&diaries, &steps);
        let counts = count_by_state(&all);
        let lists = deadline_lists(&all, day("2026-11-24"), 7);
        let waiting = awaiting_review(&all, day("2026-11-24"), 7);
        let open = households_with_open_matters(&all);
        let matters_ms = t.elapsed().as_millis();
        let t = std::time::Instant::now();
        let weeks = cadre_weeks(&diaries, &[], day("2026-09-01"), day("2026-11-24"), 3);
        let gaps = must_visit_gaps(&households, &diaries, &[], &OldMemberRule::default(), day("2026-11-24"), 90);
        let rest_ms = t.elapsed().as_millis();
        println!(
            "matters and their lists {matters_ms} ms, cadre weeks and 必到 gaps {rest_ms} ms ({} states, {} overdue, {} waiting, {} households, {} weeks, {} villages)",
            counts.len(),
            lists.overdue.len(),
            waiting.len(),
            open.len(),
            weeks.len(),
            gaps.len()
        );
        assert!(all.len() == 200_000);
    }
    #[test]
    fn thresholds_are_whole_days_in_their_range() {
        assert_eq!(parse_threshold(Threshold::DueWithin, " 5 "), Ok(5));
        assert_eq!(parse_threshold(Threshold::MustVisit, "９０天"), Ok(90));
        assert_eq!(parse_threshold(Threshold::DueWithin, ""), Err(DaysProblem::Required));
        assert_eq!(parse_threshold(Threshold::DueWithin, "3.5"), Err(DaysProblem::NotWhole));
        assert_eq!(parse_threshold(Threshold::DueWithin, "-1"), Err(DaysProblem::NotWhole));
        assert_eq!(parse_threshold(Threshold::DueWithin, "三"), Err(DaysProblem::NotWhole));
        assert_eq!(parse_threshold(Threshold::MinDaysPerWeek, "8"), Err(DaysProblem::OutOfRange { min: 1, max: 7 }));
        assert_eq!(parse_threshold(Threshold::MinDaysPerWeek, "0"), Err(DaysProblem::OutOfRange { min: 1, max: 7 }));
        assert_eq!(
            parse_threshold(Threshold::MustVisit, "99999999999"),
            Err(DaysProblem::OutOfRange { min: 7, max: 730 })
        );
        for t in Threshold::ALL {
            assert!(t.range().contains(&3) || t == Threshold::MustVisit);
        }
    }
}
