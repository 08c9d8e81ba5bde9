//! What the 民情日记 pages read of all diaries at once: each entry's matter in short (its state
//! and 督办 deadline) with the work lists made in the same pass, and the search over entries by
//! village, writer, household, 类别, state, dates, 逾期 and words in the texts.
//!
//! Entries are named by their position in the `DiaryIndex` (`diaries()`), so the results of a
//! county's 200,000 entries are lists of numbers, not copies.

use super::diary::Diary;
use super::diary::MatterCategory;
use super::diary_index::{DiaryIndex, SearchWords};
use super::diary_lists::{awaiting_review, count_states, deadline_lists, households_with_open_matters, StepsByDiary};
use super::diary_step::{matter, Matter, MatterState, StepOfMatter};
use super::record::{IdKey, RecordId};
use chrono::NaiveDate;
use std::cmp::Reverse;

/// An entry's matter in short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatterFacts {
    pub state: MatterState,
    /// The 督办 deadline while it applies (`Matter::deadline`).
    pub deadline: Option<NaiveDate>,
    pub overdue: bool,
}

/// Every entry's matter in short, and the count of matters in each state: what the list of
/// entries reads, made again (patched) at each save.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiaryWork {
    /// In the index's order.
    pub facts: Vec<MatterFacts>,
    /// Matters by state, in `MatterState::ALL` order.
    pub counts: Vec<(MatterState, usize)>,
}

/// The work lists (positions in the index), made from `DiaryWork` only when a page shows them:
/// sorting a county's open matters is not part of a save.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkLists {
    /// 逾期, earliest deadline first.
    pub overdue: Vec<usize>,
    /// 即将到期 (within the setting's days), earliest deadline first.
    pub due_soon: Vec<usize>,
    /// Waiting for 阅批 longer than the setting's days, oldest first.
    pub awaiting_review: Vec<usize>,
    /// Households with an open matter, each with its open matters (oldest visit first).
    pub open_households: Vec<(RecordId, Vec<usize>)>,
}

/// Thresholds of the work lists (station settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkSettings {
    /// 即将到期: a deadline within this many days.
    pub due_within_days: u32,
    /// 阅批 waited for longer than this many days.
    pub review_within_days: u32,
}

impl Default for WorkSettings {
    fn default() -> Self {
        WorkSettings { due_within_days: 3, review_within_days: 3 }
    }
}

pub fn diary_work<S: StepOfMatter>(index: &DiaryIndex, steps: &[S], today: NaiveDate) -> DiaryWork {
    let by_diary = StepsByDiary::new(steps);
    let facts: Vec<MatterFacts> = index.diaries().iter().map(|d| matter_facts(d, by_diary.of(&d.id), today)).collect();
    DiaryWork { counts: count_states(facts.iter().map(|f| f.state)), facts }
}

/// `last`, made from the same index on the same day, after the entries at `changed` (positions;
/// new entries among them, none removed) changed or their steps did: their matters are computed
/// again from `steps` (holding at least theirs), the others kept. A save costs the matters of
/// what it changed, not the county's 200,000.
pub fn patch_work<S: StepOfMatter>(
    last: &DiaryWork,
    index: &DiaryIndex,
    changed: &[usize],
    steps: &[S],
    today: NaiveDate,
) -> DiaryWork {
    let diaries = index.diaries();
    let keys: Vec<IdKey> = changed.iter().filter_map(|&i| diaries.get(i)).map(|d| d.id.key()).collect();
    let by_diary = StepsByDiary::of_diaries(steps, &keys);
    // Made at its size: a clone grown by the one new entry would double (3.2 MB for a county).
    let mut facts = Vec::with_capacity(diaries.len().max(last.facts.len()));
    facts.extend_from_slice(&last.facts);
    facts.resize(diaries.len(), MatterFacts { state: MatterState::NoFollowUp, deadline: None, overdue: false });
    for &i in changed {
        if let Some(d) = diaries.get(i) {
            facts[i] = matter_facts(d, by_diary.of(&d.id), today);
        }
    }
    DiaryWork { counts: count_states(facts.iter().map(|f| f.state)), facts }
}

fn matter_facts<S: StepOfMatter>(diary: &Diary, steps: &[&S], today: NaiveDate) -> MatterFacts {
    let m = matter(diary, steps);
    let deadline = m.deadline();
    MatterFacts { state: m.state, deadline, overdue: deadline.is_some_and(|d| d < today) }
}

/// The work lists from every entry's matter in short (`DiaryWork::facts`, made `today`): one
/// pass, no step read. Every list is of open matters, so only those are made matters (a
/// county's 200,000 entries are passed over, and a few thousand listed).
pub fn work_lists(index: &DiaryIndex, facts: &[MatterFacts], today: NaiveDate, settings: WorkSettings) -> WorkLists {
    let (open, positions): (Vec<Matter>, Vec<usize>) = index
        .diaries()
        .iter()
        .zip(facts)
        .enumerate()
        .filter(|(_, (_, f))| f.state.is_open())
        .map(|(i, (d, f))| (Matter::in_short(d, f.state, f.deadline), i))
        .unzip();
    // A listed matter is one of `open`: its place there names its position in the index.
    let at = |m: &Matter| open.element_offset(m).map_or(0, |k| positions[k]);
    let lists = deadline_lists(&open, today, settings.due_within_days);
    WorkLists {
        overdue: lists.overdue.iter().map(|m| at(m)).collect(),
        due_soon: lists.due_soon.iter().map(|m| at(m)).collect(),
        awaiting_review: awaiting_review(&open, today, settings.review_within_days).iter().map(|m| at(m)).collect(),
        open_households: households_with_open_matters(&open)
            .into_iter()
            .map(|(h, list)| (h.clone(), list.iter().map(|m| at(m)).collect()))
            .collect(),
    }
}

/// What the search form asks; `None` and empty mean "any".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiaryFilter {
    pub villages: Option<Vec<RecordId>>,
    pub writer: Option<RecordId>,
    pub household: Option<RecordId>,
    pub category: Option<MatterCategory>,
    pub state: Option<MatterState>,
    /// Only entries whose matter is still open.
    pub open_only: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub overdue: bool,
    pub words: SearchWords,
}

/// Every entry's position in the index, newest visit first (of one day, the latest written
/// first): the order `search` keeps, computed once for each change of the diaries rather than
/// for every filter or keystroke (200,000 entries).
pub fn newest_first(index: &DiaryIndex) -> Vec<usize> {
    let diaries = index.diaries();
    let mut order: Vec<usize> = (0..diaries.len()).collect();
    // A key of numbers, not a `Key` of bytes: no allocation for each of 200,000 entries.
    crate::sort::sort_by_cached_key(&mut order, |&i| newest_first_key(index, i));
    order
}

/// `last` (`newest_first` of the same index) after the entries at `changed` (positions; new ones
/// among them, none removed) changed: each put back in its place, the rest not sorted again.
pub fn patch_newest_first(last: &[usize], index: &DiaryIndex, changed: &[usize]) -> Vec<usize> {
    // Each entry put back costs a pass over the order: many are sorted faster all together.
    if changed.len() > 64 {
        return newest_first(index);
    }
    // An entry changed twice is put back once.
    let mut changed = changed.to_vec();
    crate::sort::sort_by(&mut changed, |a, b| a.cmp(b));
    changed.dedup();
    // Made at its size: collected, a county's order grows by doubling past what it needs.
    let mut order: Vec<usize> = Vec::with_capacity(last.len() + changed.len());
    order.extend(last.iter().copied().filter(|i| changed.binary_search(i).is_err()));
    for &i in changed.iter().filter(|&&i| i < index.len()) {
        let key = newest_first_key(index, i);
        let at = order.partition_point(|&j| newest_first_key(index, j) < key);
        order.insert(at, i);
    }
    order
}

fn newest_first_key(index: &DiaryIndex, i: usize) -> (Reverse<Option<NaiveDate>>, Reverse<crate::clock::Hlc>, IdKey) {
    let d = &index.diaries()[i];
    (Reverse(d.date), Reverse(d.written), d.id.key())
}

/// The entries that pass `filter`, in `order` (`newest_first` of the same index). `facts` is
/// `DiaryWork::facts`. None for words while some texts are still to come (`texts_ready`): a
/// search of part of the texts would look like a search of all.
pub fn search(index: &DiaryIndex, facts: &[MatterFacts], order: &[usize], filter: &DiaryFilter) -> Vec<usize> {
    if !filter.words.is_empty() && !index.texts_ready() {
        return Vec::new();
    }
    let diaries = index.diaries();
    order
        .iter()
        .copied()
        .filter(|&i| {
            let (Some(d), f) = (diaries.get(i), facts.get(i)) else { return false };
            filter.villages.as_ref().is_none_or(|vs| d.village.as_ref().is_some_and(|v| vs.contains(v)))
                && filter.writer.as_ref().is_none_or(|w| d.writer.as_ref() == Some(w))
                && filter.household.as_ref().is_none_or(|h| d.households.contains(h))
                && filter.category.is_none_or(|c| d.category == Some(c))
                && filter.state.is_none_or(|s| f.is_some_and(|f| f.state == s))
                && (!filter.open_only || f.is_some_and(|f| f.state.is_open()))
                && (!filter.overdue || f.is_some_and(|f| f.overdue))
                && filter.from.is_none_or(|from| d.date.is_some_and(|x| x >= from))
                && filter.to.is_none_or(|to| d.date.is_some_and(|x| x <= to))
                // Words last: the texts are the costly part, read only for entries the facts let through.
                && (filter.words.is_empty() || index.texts_contain(i, &filter.words))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::diary::{CATEGORY, DATE, FOLLOW_UP, HOUSEHOLDS, SITUATION, VILLAGE, WRITER};
    use crate::diary_step::{Step, StepDraft, StepKind};
    use crate::record::{kind, Record};
    use crate::replica::Edit;
    use crate::station::StationId;
    use crate::test_support::{day, rid};
    use serde_json::json;

    fn entry(n: u8, date: &str, village: u8, category: &str, text: &str, follow_up: bool) -> Record {
        let station = StationId::from_random([1; 8]);
        let mut r = Record::new(rid(n), kind::DIARY, station);
        let t = Hlc::new(1, 0);
        r.set(DATE, json!(date), t, &station);
        r.set(WRITER, json!(rid(90).as_str()), t, &station);
        r.set(VILLAGE, json!(rid(village).as_str()), t, &station);
        r.set(HOUSEHOLDS, json!([rid(80 + village).as_str()]), t, &station);
        r.set(CATEGORY, json!(category), t, &station);
        r.set(SITUATION, json!(text), t, &station);
        r.set(FOLLOW_UP, json!(follow_up), t, &station);
        r
    }

    fn step(diary: &crate::diary::Diary, before: &[&Step], kind: StepKind, date: &str, deadline: &str, n: u8) -> Step {
        let draft = StepDraft {
            kind: Some(kind),
            date: date.into(),
            by: "李书记".into(),
            note: "请村委会办理".into(),
            assignee: "村委会".into(),
            deadline: deadline.into(),
            ..StepDraft::default()
        };
        let edit = crate::diary_step::add_step(&draft, diary, before, rid(n), day("2026-11-30")).unwrap();
        let Edit::Create { id, kind: k, fields } = &edit else { panic!() };
        let mut s = Step::from_record(&Record::unstamped(id, k, fields));
        s.written = Hlc::new(u64::from(n), 0);
        s
    }

    #[test]
    fn entries_are_found_by_facts_state_and_words_newest_first() {
        let mut index = DiaryIndex::new();
        index.put(&entry(1, "2026-10-01", 10, "基础设施", "村道塌方", true));
        index.put(&entry(2, "2026-11-01", 11, "政策咨询", "咨询低保政策", false));
        index.put(&entry(3, "2026-11-10", 10, "基础设施", "水渠漏水", true));
        let d1 = index.get(&rid(1)).unwrap().clone();
        let review = step(&d1, &[], StepKind::Review, "2026-10-02", "", 50);
        let supervise = step(&d1, &[&review], StepKind::Supervise, "2026-10-03", "2026-10-20", 51);
        let steps = vec![review, supervise];
        let today = day("2026-11-30");
        let work = diary_work(&index, &steps, today);
        let at = |n: u8| index.position(&rid(n)).unwrap();
        assert_eq!(work.facts[at(1)].state, MatterState::Supervised);
        assert!(work.facts[at(1)].overdue);
        let lists = work_lists(&index, &work.facts, today, WorkSettings::default());
        assert_eq!(lists.overdue, vec![at(1)]);
        assert_eq!(lists.awaiting_review, vec![at(3)], "waiting more than 3 days");
        assert_eq!(
            lists.open_households,
            vec![(rid(90), vec![at(1), at(3)])],
            "both open matters are in one household"
        );

        let order = newest_first(&index);
        let found = |f: &DiaryFilter| search(&index, &work.facts, &order, f);
        assert_eq!(found(&DiaryFilter::default()), vec![at(3), at(2), at(1)], "newest first");
        let village = DiaryFilter { villages: Some(vec![rid(10)]), ..DiaryFilter::default() };
        assert_eq!(found(&village), vec![at(3), at(1)]);
        let overdue = DiaryFilter { overdue: true, ..DiaryFilter::default() };
        assert_eq!(found(&overdue), vec![at(1)]);
        let words = DiaryFilter { words: SearchWords::new("漏"), ..DiaryFilter::default() };
        assert_eq!(found(&words), vec![at(3)]);
        let open = DiaryFilter { open_only: true, from: Some(day("2026-10-15")), ..DiaryFilter::default() };
        assert_eq!(found(&open), vec![at(3)]);
        let state = DiaryFilter { state: Some(MatterState::NoFollowUp), ..DiaryFilter::default() };
        assert_eq!(found(&state), vec![at(2)]);
        let category = DiaryFilter { category: Some(MatterCategory::PolicyQuestion), ..DiaryFilter::default() };
        assert_eq!(found(&category), vec![at(2)]);
    }

    #[test]
    fn work_patched_for_what_changed_is_the_work_made_again() {
        let mut index = DiaryIndex::new();
        index.put(&entry(1, "2026-10-01", 10, "基础设施", "村道塌方", true));
        index.put(&entry(2, "2026-11-01", 11, "政策咨询", "咨询低保政策", true));
        let today = day("2026-11-30");
        let settings = WorkSettings::default();
        let d1 = index.get(&rid(1)).unwrap().clone();
        let review = step(&d1, &[], StepKind::Review, "2026-10-02", "", 50);
        let mut steps = vec![review.clone()];
        let before = diary_work(&index, &steps, today);
        // A new entry, and a 督办 of entry 1 (now overdue): only these two are computed again,
        // from their own steps.
        index.put(&entry(3, "2026-11-28", 10, "基础设施", "水渠漏水", true));
        let supervise = step(&d1, &[&review], StepKind::Supervise, "2026-10-03", "2026-10-20", 51);
        steps.push(supervise);
        let changed = [index.position(&rid(1)).unwrap(), index.position(&rid(3)).unwrap()];
        let theirs: Vec<Step> = steps.iter().filter(|s| s.diary == Some(rid(1))).cloned().collect();
        let patched = patch_work(&before, &index, &changed, &theirs, today);
        assert_eq!(patched, diary_work(&index, &steps, today));
        assert_eq!(work_lists(&index, &patched.facts, today, settings).overdue, vec![changed[0]]);
    }

    #[test]
    fn entries_of_one_day_list_the_latest_written_first() {
        let mut index = DiaryIndex::new();
        // The ids (7 < 8 < 9) would list them in the order written: the latest must come first.
        for (n, ms) in [(7u8, 100u64), (8, 200), (9, 300)] {
            index.put(&restamped(&entry(n, "2026-11-01", 10, "政策咨询", "同一天", false), ms));
        }
        let at = |n: u8| index.position(&rid(n)).unwrap();
        assert_eq!(newest_first(&index), vec![at(9), at(8), at(7)]);
    }

    #[test]
    fn an_order_patched_for_what_changed_is_the_order_made_again() {
        let mut index = DiaryIndex::new();
        for (n, date) in [(1u8, "2026-10-01"), (2, "2026-11-01"), (3, "2026-11-10"), (4, "2026-09-01")] {
            index.put(&entry(n, date, 10, "政策咨询", "", false));
        }
        let before = newest_first(&index);
        index.put(&entry(5, "2026-10-15", 10, "政策咨询", "", false));
        index.put(&entry(2, "2026-08-01", 10, "政策咨询", "", false));
        // Entry 2 changed twice: it is put back once.
        let changed =
            [index.position(&rid(5)).unwrap(), index.position(&rid(2)).unwrap(), index.position(&rid(2)).unwrap()];
        assert_eq!(patch_newest_first(&before, &index, &changed), newest_first(&index));
    }

    /// `r` with every field written at `ms`.
    fn restamped(r: &Record, ms: u64) -> Record {
        let station = StationId::from_random([1; 8]);
        let mut out = Record::new(r.id.clone(), kind::DIARY, station);
        for (name, writes) in &r.fields {
            if let Some(w) = writes.first() {
                out.set(name, w.value.clone(), Hlc::new(ms, 0), &station);
            }
        }
        out
    }
}
