//! 民情日记's counts for the monthly 汇报, the 公开栏 and the statistics: visits, matters opened,
//! finished and overdue, the on-time rate of 督办, the households' satisfaction, 五个必到
//! coverage, by village and by cadre; and what a 督办单 prints.
//!
//! A county holds 200,000 diaries: `matter_dates` reads every diary's steps once (indexed by
//! diary, as `diary_lists::matters` does), and each count is then one pass over the diaries and
//! those dates, with no per-row search of all diaries. Positions are the `DiaryIndex`'s.
//!
//! What each count means (the 汇报 prints these words):
//! - a visit: an entry dated in the period; a matter opened: such an entry needing follow-up;
//! - finished (办结): the latest 办结 falls in the period and still holds (a 不满意 reopens), or
//!   the matter ended in the period by 解释说明 or 上交 (or 销号 without 办结);
//! - overdue: at the period's last day (today for a period not yet over), past the 督办
//!   deadline and not finished by then;
//! - on time: of the 督办 deadlines in the period that have come (or were met early), those the
//!   matter was finished by;
//! - satisfaction: the 反馈 dated in the period, by the household's view; the rate counts 满意
//!   and 基本满意.

use super::diary::{Diary, MatterCategory};
use super::diary_index::DiaryIndex;
use super::diary_lists::StepsByDiary;
use super::diary_step::{matter, ordered, MatterState, Satisfaction, Step, StepKind, StepOfMatter};
use super::hash::{FastHash, IdSet};
use super::household::{must_visit_categories, Household, OldMemberRule};
use super::member::Member;
use super::order::{sort_by_key, Key};
use super::record::RecordId;
use super::stats::Share;
use chrono::{Datelike, Days, NaiveDate};
use std::collections::HashMap;

/// What the counts read of one diary's matter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatterDates {
    pub state: Option<MatterState>,
    /// The latest 督办's deadline, kept after 办结 (the on-time rate reads it).
    pub deadline: Option<NaiveDate>,
    /// When the matter was finished, if it is now (see the module's words).
    pub finished: Option<NaiveDate>,
    /// The latest 反馈: its date and the household's view.
    pub feedback: Option<(NaiveDate, Satisfaction)>,
    /// The first 公开's date.
    pub published: Option<NaiveDate>,
}

/// Every diary's `MatterDates`, in the diaries' order. One pass over the steps, one over the
/// diaries.
pub fn matter_dates<S: StepOfMatter>(diaries: &[Diary], steps: &[S]) -> Vec<MatterDates> {
    let by_diary = StepsByDiary::new(steps);
    diaries
        .iter()
        .map(|d| {
            let mine = by_diary.of(&d.id);
            let m = matter(d, mine);
            let mut out = MatterDates { state: Some(m.state), ..MatterDates::default() };
            let (mut done, mut ended) = (None, None);
            for s in ordered(mine).into_iter().map(StepOfMatter::facts) {
                match s.kind {
                    Some(StepKind::Supervise) => out.deadline = s.deadline,
                    Some(StepKind::Done) => done = s.date,
                    Some(StepKind::Close | StepKind::Explain | StepKind::HandUp) => ended = s.date,
                    Some(StepKind::Feedback) => out.feedback = s.date.zip(s.view),
                    Some(StepKind::Publish) if out.published.is_none() => out.published = s.date,
                    _ => {}
                }
            }
            out.finished = match m.state {
                s if s.is_done() => done.or(ended),
                MatterState::Explained | MatterState::HandedUp => ended,
                _ => None,
            };
            out
        })
        .collect()
}

/// The period counted, the day the counts are made and the villages in view.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    /// Only entries of these villages (an organization's sub-tree); `None`: every entry.
    pub villages: Option<&'a IdSet>,
}

impl Scope<'_> {
    /// The day 逾期 and 五个必到 coverage are judged on: the period's last day, or today.
    pub fn as_of(&self) -> NaiveDate {
        self.to.min(self.today)
    }

    fn has(&self, d: Option<NaiveDate>) -> bool {
        d.is_some_and(|d| self.from <= d && d <= self.to)
    }

    fn takes(&self, village: Option<&RecordId>) -> bool {
        self.villages.is_none_or(|vs| village.is_some_and(|v| vs.contains(v)))
    }
}

/// The counts of one row of the 汇报 (a village, a cadre, or the whole).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub visits: usize,
    pub opened: usize,
    pub finished: usize,
    pub overdue: usize,
    /// 督办 deadlines of the period that have come, or were met early.
    pub due: usize,
    /// Of those, the matters finished by their deadline.
    pub on_time: usize,
    /// 反馈 of the period by view, in `Satisfaction::ALL` order.
    pub views: [usize; 3],
}

impl Tally {
    pub fn on_time_rate(&self) -> Share {
        Share { count: self.on_time, total: self.due }
    }

    /// 满意 and 基本满意 of all 反馈.
    pub fn satisfaction_rate(&self) -> Share {
        Share { count: self.views[0] + self.views[1], total: self.views.iter().sum() }
    }

    fn add(&mut self, o: &Tally) {
        self.visits += o.visits;
        self.opened += o.opened;
        self.finished += o.finished;
        self.overdue += o.overdue;
        self.due += o.due;
        self.on_time += o.on_time;
        for (a, b) in self.views.iter_mut().zip(o.views) {
            *a += b;
        }
    }

    /// What one diary adds.
    fn of(d: &Diary, m: &MatterDates, scope: &Scope) -> Tally {
        let as_of = scope.as_of();
        let visit = scope.has(d.date);
        let finished_by = |day: NaiveDate| m.finished.is_some_and(|f| f <= day);
        let under_deadline = matches!(m.state, Some(MatterState::Supervised | MatterState::Handling));
        let overdue =
            m.deadline.is_some_and(|dl| dl < as_of) && !finished_by(as_of) && (m.finished.is_some() || under_deadline);
        let due = m.deadline.filter(|dl| scope.has(Some(*dl)) && (*dl < as_of || finished_by(as_of)));
        let mut views = [0; 3];
        if let Some((_, view)) = m.feedback.filter(|(day, _)| scope.has(Some(*day))) {
            views[Satisfaction::ALL.iter().position(|v| *v == view).unwrap_or(0)] = 1;
        }
        Tally {
            visits: usize::from(visit),
            opened: usize::from(visit && m.state.is_some_and(|s| s != MatterState::NoFollowUp)),
            finished: usize::from(scope.has(m.finished)),
            overdue: usize::from(overdue),
            due: usize::from(due.is_some()),
            on_time: usize::from(due.is_some_and(finished_by)),
            views,
        }
    }
}

/// A row of the 汇报 by village or by cadre.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: RecordId,
    pub tally: Tally,
    /// 五个必到 coverage (when asked for): for a village, its households visited in the window
    /// of all it has; for a cadre, the households they visited (`count` only).
    pub must_visit: Share,
}

/// Rows found by id as they are first met (one map type for every table).
#[derive(Default)]
struct Rows<'a> {
    at: HashMap<&'a RecordId, usize, FastHash>,
    rows: Vec<Row>,
}

impl<'a> Rows<'a> {
    fn at(&mut self, id: &'a RecordId) -> usize {
        let next = self.rows.len();
        let at = *self.at.entry(id).or_insert(next);
        if at == next {
            self.rows.push(Row { id: id.clone(), tally: Tally::default(), must_visit: Share::default() });
        }
        at
    }

    /// In id order (the page names and sorts them).
    fn sorted(mut self) -> Vec<Row> {
        sort_by_key(&mut self.rows, |r| Key::new().text(r.id.as_str()));
        self.rows
    }
}

/// The 汇报 and the statistics of a scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub total: Tally,
    /// 五个必到 coverage of the whole (when asked for).
    pub must_visit: Share,
    /// By the entries' village; rows with nothing to count are left out.
    pub by_village: Vec<Row>,
    /// By the entries' writer, likewise.
    pub by_writer: Vec<Row>,
    /// Visits in each month of the period: (year, month, visits), first month first.
    pub by_month: Vec<(i32, u32, usize)>,
    /// The period's entries by 类别, in `MatterCategory::ALL` order, then those without one.
    pub by_category: Vec<(Option<MatterCategory>, usize)>,
    /// The period's entries by their matter's state now, in `MatterState::ALL` order.
    pub by_state: Vec<(MatterState, usize)>,
}

/// At most this many months in `Report::by_month` (a chart of ten years is already too long).
pub const MAX_MONTHS: usize = 120;

/// What 五个必到 coverage reads: the register, the roster (老党员 by the rule) and the window.
/// A household is covered when visited in the `days` days up to the scope's `as_of` (the work
/// list's threshold: one last visited `days` or more days before is not).
pub struct MustVisit<'a> {
    pub households: &'a [Household],
    pub members: &'a [Member],
    pub rule: &'a OldMemberRule,
    pub days: u32,
}

/// Counts `diaries` (with their `dates`, from `matter_dates`) for `scope`, and 五个必到 coverage
/// when `must` is given: one pass over the diaries.
pub fn report(diaries: &[Diary], dates: &[MatterDates], scope: &Scope, must: Option<&MustVisit>) -> Report {
    let month_of = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let first_month = month_of(scope.from);
    let months = (month_of(scope.to) - first_month + 1).clamp(0, MAX_MONTHS as i32) as usize;
    let mut by_month = vec![0usize; months];
    let mut by_category = [0usize; MatterCategory::ALL.len() + 1];
    let mut by_state = [0usize; MatterState::ALL.len()];
    let mut total = Tally::default();
    let (mut villages, mut writers) = (Rows::default(), Rows::default());
    let as_of = scope.as_of();
    let window_after =
        as_of.checked_sub_days(Days::new(u64::from(must.map_or(0, |m| m.days)))).unwrap_or(NaiveDate::MIN);
    // Each 五个必到 household in view: its village's row, and the rows of the writers who
    // visited it in the window (`usize::MAX` for an entry without a writer).
    let mut must_rows: HashMap<&RecordId, (usize, Vec<usize>), FastHash> = HashMap::default();
    if let Some(m) = must {
        let by_id: HashMap<&RecordId, &Member, FastHash> = m.members.iter().map(|x| (&x.id, x)).collect();
        for h in m.households.iter().filter(|h| h.is_open() && scope.takes(h.village.as_ref())) {
            let member = h.member.as_ref().and_then(|x| by_id.get(x).copied());
            if let (Some(v), false) = (&h.village, must_visit_categories(h, member, m.rule, as_of).is_empty()) {
                must_rows.insert(&h.id, (villages.at(v), Vec::new()));
            }
        }
    }
    for (d, m) in diaries.iter().zip(dates) {
        if !scope.takes(d.village.as_ref()) {
            continue;
        }
        if !must_rows.is_empty() && d.date.is_some_and(|x| window_after < x && x <= as_of) {
            let writer = d.writer.as_ref().map_or(usize::MAX, |w| writers.at(w));
            for h in &d.households {
                if let Some((_, by)) = must_rows.get_mut(h).filter(|(_, by)| !by.contains(&writer)) {
                    by.push(writer);
                }
            }
        }
        let one = Tally::of(d, m, scope);
        if one == Tally::default() {
            continue;
        }
        total.add(&one);
        if let Some(v) = &d.village {
            let at = villages.at(v);
            villages.rows[at].tally.add(&one);
        }
        if let Some(w) = &d.writer {
            let at = writers.at(w);
            writers.rows[at].tally.add(&one);
        }
        if one.visits == 0 {
            continue;
        }
        if let Some(n) = d.date.and_then(|date| by_month.get_mut((month_of(date) - first_month) as usize)) {
            *n += 1;
        }
        let category = d.category.and_then(|c| MatterCategory::ALL.iter().position(|x| *x == c));
        by_category[category.unwrap_or(MatterCategory::ALL.len())] += 1;
        if let Some(i) = m.state.and_then(|s| MatterState::ALL.iter().position(|x| *x == s)) {
            by_state[i] += 1;
        }
    }
    let mut must_visit = Share::default();
    for (village, by) in must_rows.into_values() {
        let visited = usize::from(!by.is_empty());
        for share in [&mut must_visit, &mut villages.rows[village].must_visit] {
            share.total += 1;
            share.count += visited;
        }
        for w in by.into_iter().filter(|w| *w != usize::MAX) {
            writers.rows[w].must_visit.count += 1;
        }
    }
    // Writers met only as visitors of no 五个必到 household count nothing: left out.
    writers.rows.retain(|r| r.tally != Tally::default() || r.must_visit.count > 0);
    Report {
        total,
        must_visit,
        by_village: villages.sorted(),
        by_writer: writers.sorted(),
        by_month: (0..months as i32)
            .map(|i| {
                ((first_month + i).div_euclid(12), (first_month + i).rem_euclid(12) as u32 + 1, by_month[i as usize])
            })
            .collect(),
        by_category: MatterCategory::ALL.into_iter().map(Some).chain([None]).zip(by_category).collect(),
        by_state: MatterState::ALL.into_iter().zip(by_state).collect(),
    }
}

/// One matter on the village notice board (公开栏).
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow {
    /// The entry's position in the index.
    pub at: usize,
    pub village: Option<RecordId>,
    pub households: Vec<RecordId>,
    pub category: Option<MatterCategory>,
    /// 诉求 (民情 when no 诉求 was written).
    pub request: String,
    /// The latest 办结's note.
    pub outcome: String,
    pub view: Option<Satisfaction>,
    pub published: NaiveDate,
}

/// The entries the notice board shows (positions in the index): marked 公开 in the period, of
/// the villages in view. Their steps are what `notice_board` needs whole.
pub fn board_entries(index: &DiaryIndex, dates: &[MatterDates], scope: &Scope) -> Vec<usize> {
    index
        .diaries()
        .iter()
        .zip(dates)
        .enumerate()
        .filter(|(_, (d, m))| scope.takes(d.village.as_ref()) && scope.has(m.published))
        .map(|(at, _)| at)
        .collect()
}

/// The notice board (公开栏): the `board_entries`, by village, then by the day they were
/// published. `steps` holds at least these entries' steps, whole (the outcome is a 办结's note);
/// texts are read only for these rows. `None` while the index's texts are still to come.
pub fn notice_board(index: &DiaryIndex, dates: &[MatterDates], steps: &[Step], scope: &Scope) -> Option<Vec<BoardRow>> {
    let mut rows: Vec<BoardRow> = board_entries(index, dates, scope)
        .into_iter()
        .map(|at| (at, (&index.diaries()[at], &dates[at])))
        .map(|(at, (d, m))| {
            let texts = index.texts(at)?;
            Some(BoardRow {
                at,
                village: d.village.clone(),
                households: d.households.clone(),
                category: d.category,
                request: if texts.request.trim().is_empty() { texts.situation } else { texts.request },
                outcome: String::new(),
                view: m.feedback.map(|(_, v)| v),
                published: m.published.unwrap_or(scope.from),
            })
        })
        .collect::<Option<_>>()?;
    let wanted: HashMap<&RecordId, usize, FastHash> =
        rows.iter().enumerate().map(|(n, r)| (&index.diaries()[r.at].id, n)).collect();
    let mut outcomes: Vec<Vec<&Step>> = vec![Vec::new(); rows.len()];
    for s in steps.iter().filter(|s| s.kind == Some(StepKind::Done)) {
        if let Some(&n) = s.diary.as_ref().and_then(|d| wanted.get(d)) {
            outcomes[n].push(s);
        }
    }
    for (row, done) in rows.iter_mut().zip(outcomes) {
        row.outcome = ordered(&done).last().map(|s| s.note.clone()).unwrap_or_default();
    }
    sort_by_key(&mut rows, |r| {
        Key::new().opt_text(r.village.as_ref().map(RecordId::as_str)).date(r.published).num(r.at as i64)
    });
    Some(rows)
}

/// How a household's name shows on the 公开栏 (the station's choice).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameMask {
    /// 张**
    #[default]
    Stars,
    /// 张某某
    Mou,
    /// The full name.
    Full,
    /// No name: only the 村民小组.
    GroupOnly,
}

/// Two-character surnames kept whole when a name is masked.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "长孙", "宇文",
    "轩辕", "端木", "西门", "独孤", "南宫", "呼延",
];

impl NameMask {
    pub const ALL: [NameMask; 4] = [NameMask::Stars, NameMask::Mou, NameMask::Full, NameMask::GroupOnly];

    /// Kept in the station's settings.
    pub fn label(self) -> &'static str {
        match self {
            NameMask::Stars => "张**",
            NameMask::Mou => "张某某",
            NameMask::Full => "全名",
            NameMask::GroupOnly => "只写村民小组",
        }
    }

    pub fn from_label(text: &str) -> Option<NameMask> {
        NameMask::ALL.into_iter().find(|m| m.label() == text)
    }

    /// The 户主's name as the board shows it; `None` for `GroupOnly` (the page writes the
    /// 村民小组 instead).
    pub fn apply(self, name: &str) -> Option<String> {
        let name = name.trim();
        let surname = COMPOUND_SURNAMES
            .iter()
            .find(|s| name.starts_with(**s) && name.chars().count() > 2)
            .map_or_else(|| name.chars().take(1).collect::<String>(), |s| s.to_string());
        let rest = name.chars().count().saturating_sub(surname.chars().count()).max(1);
        match self {
            NameMask::Stars => Some(format!("{surname}{}", "*".repeat(rest))),
            NameMask::Mou => Some(format!("{surname}{}", "某".repeat(rest))),
            NameMask::Full => Some(name.to_string()),
            NameMask::GroupOnly => None,
        }
    }
}

/// A matter's steps as its 督办单 prints them (each `None` or empty while not taken yet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetSteps<'a> {
    pub reviews: Vec<&'a Step>,
    /// The latest 督办.
    pub supervision: Option<&'a Step>,
    pub handling: Vec<&'a Step>,
    /// The latest 办结, 解释说明 or 上交.
    pub outcome: Option<&'a Step>,
    /// The latest 反馈.
    pub feedback: Option<&'a Step>,
}

/// Sorts a matter's steps (any order) into the 督办单's boxes.
pub fn sheet_steps<'a>(steps: &[&'a Step]) -> SheetSteps<'a> {
    let mut out = SheetSteps::default();
    for s in ordered(steps) {
        match s.kind {
            Some(StepKind::Review) => out.reviews.push(s),
            Some(StepKind::Supervise) => out.supervision = Some(s),
            Some(StepKind::Handle) => out.handling.push(s),
            Some(StepKind::Done | StepKind::Explain | StepKind::HandUp) => out.outcome = Some(s),
            Some(StepKind::Feedback) => out.feedback = Some(s),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::household::Category;
    use crate::test_support::{day, rid};

    fn diary(n: u8, date: &str, village: u8, writer: u8, category: Option<MatterCategory>, follow_up: bool) -> Diary {
        Diary {
            id: rid(n),
            date: Some(day(date)),
            writer: Some(rid(writer)),
            village: Some(rid(village)),
            households: vec![rid(100 + n)],
            roles: Default::default(),
            category,
            follow_up,
            written: Hlc::ZERO,
        }
    }

    fn step(n: u8, diary: u8, kind: StepKind, date: &str) -> Step {
        Step {
            id: rid(n),
            diary: Some(rid(diary)),
            kind: Some(kind),
            date: Some(day(date)),
            by: "王".into(),
            note: format!("第{n}步"),
            instruction: String::new(),
            assignee: String::new(),
            assignee_person: None,
            assignee_org: None,
            deadline: None,
            offices: Vec::new(),
            way: None,
            view: None,
            skip_reason: String::new(),
            written: Hlc::new(u64::from(n), 0),
        }
    }

    fn supervise(n: u8, diary: u8, date: &str, deadline: &str) -> Step {
        Step { deadline: Some(day(deadline)), ..step(n, diary, StepKind::Supervise, date) }
    }

    fn feedback(n: u8, diary: u8, date: &str, view: Satisfaction) -> Step {
        Step { view: Some(view), ..step(n, diary, StepKind::Feedback, date) }
    }

    /// November 2026, villages 1 and 2, cadres 7 and 8, counted on 2026-12-10.
    fn november(villages: Option<&IdSet>) -> Scope<'_> {
        Scope { from: day("2026-11-01"), to: day("2026-11-30"), today: day("2026-12-10"), villages }
    }

    fn sample() -> (Vec<Diary>, Vec<Step>) {
        use MatterCategory::*;
        let diaries = vec![
            diary(1, "2026-11-02", 1, 7, Some(Infrastructure), true), // 督办, 办结 on time, 满意, 公开
            diary(2, "2026-11-05", 1, 7, Some(Hardship), true),       // 督办, deadline passed in Nov, done in Dec
            diary(3, "2026-11-06", 2, 8, Some(PolicyQuestion), false), // settled on the spot
            diary(4, "2026-11-20", 2, 8, Some(Infrastructure), true), // 督办, still open, overdue
            diary(5, "2026-10-20", 1, 8, None, true),                 // October: 办结 in Nov (late), 不满意
            diary(6, "2026-12-01", 1, 7, Some(Dispute), true),        // December: not this month
            diary(7, "2026-11-25", 2, 7, Some(Dispute), true),        // 解释说明 in Nov
        ];
        let steps = vec![
            step(20, 1, StepKind::Review, "2026-11-02"),
            supervise(21, 1, "2026-11-03", "2026-11-15"),
            step(22, 1, StepKind::Done, "2026-11-10"),
            feedback(23, 1, "2026-11-11", Satisfaction::Satisfied),
            step(24, 1, StepKind::Publish, "2026-11-12"),
            step(30, 2, StepKind::Review, "2026-11-05"),
            supervise(31, 2, "2026-11-05", "2026-11-20"),
            step(32, 2, StepKind::Done, "2026-12-03"),
            feedback(33, 2, "2026-12-04", Satisfaction::FairlySatisfied),
            step(40, 4, StepKind::Review, "2026-11-20"),
            supervise(41, 4, "2026-11-20", "2026-11-28"),
            step(50, 5, StepKind::Review, "2026-10-21"),
            supervise(51, 5, "2026-10-21", "2026-10-30"),
            step(52, 5, StepKind::Done, "2026-11-04"),
            feedback(53, 5, "2026-11-06", Satisfaction::Dissatisfied),
            step(70, 7, StepKind::Explain, "2026-11-26"),
        ];
        (diaries, steps)
    }

    #[test]
    fn a_month_is_counted_as_the_report_says() {
        let (diaries, steps) = sample();
        let dates = matter_dates(&diaries, &steps);
        assert_eq!(dates[0].finished, Some(day("2026-11-10")));
        assert_eq!(dates[0].published, Some(day("2026-11-12")));
        assert_eq!(dates[4].finished, None, "不满意 reopens the matter");
        assert_eq!(dates[6].finished, Some(day("2026-11-26")), "解释说明 ends it");
        let r = report(&diaries, &dates, &november(None), None);
        // Visits 1, 2, 3, 4, 7; opened 1, 2, 4, 7; finished 1 and 7 (2 finished in December,
        // 5 reopened); overdue on 11-30: 2 (done later) and 4 (open), not 5 (its deadline is
        // October's, but it is no longer under it); deadlines in November that came: 1 (met),
        // 2 and 4 (missed); 反馈 in November: 1 满意, 5 不满意.
        let want = Tally { visits: 5, opened: 4, finished: 2, overdue: 2, due: 3, on_time: 1, views: [1, 0, 1] };
        assert_eq!(r.total, want);
        assert_eq!(r.total.on_time_rate().to_string(), "33.3%");
        assert_eq!(r.total.satisfaction_rate().to_string(), "50.0%");
        let village = |v: u8| r.by_village.iter().find(|row| row.id == rid(v)).map(|row| row.tally).unwrap();
        assert_eq!(
            village(1),
            Tally { visits: 2, opened: 2, finished: 1, overdue: 1, due: 2, on_time: 1, views: [1, 0, 1] }
        );
        assert_eq!(
            village(2),
            Tally { visits: 3, opened: 2, finished: 1, overdue: 1, due: 1, on_time: 0, views: [0; 3] }
        );
        let writer = |w: u8| r.by_writer.iter().find(|row| row.id == rid(w)).map(|row| row.tally).unwrap();
        assert_eq!(writer(7).visits, 3);
        assert_eq!(writer(8).visits, 2);
        assert_eq!(writer(8).views, [0, 0, 1], "October's entry counts for its November 反馈");
        assert_eq!(r.by_month, vec![(2026, 11, 5)]);
        let cat = |c: Option<MatterCategory>| r.by_category.iter().find(|(k, _)| *k == c).unwrap().1;
        assert_eq!(cat(Some(MatterCategory::Infrastructure)), 2);
        assert_eq!(cat(Some(MatterCategory::Dispute)), 1, "December's dispute is not counted");
        assert_eq!(cat(None), 0);
        let state = |s: MatterState| r.by_state.iter().find(|(k, _)| *k == s).unwrap().1;
        assert_eq!(state(MatterState::Published), 1);
        assert_eq!(state(MatterState::Supervised), 1);
        assert_eq!(state(MatterState::NoFollowUp), 1);
        assert_eq!(r.by_state.iter().map(|(_, n)| n).sum::<usize>(), 5);

        // Village 2 only; and the month still running (today 11-25): 4's deadline is to come.
        let only = IdSet::from_iter([rid(2)]);
        assert_eq!(report(&diaries, &dates, &november(Some(&only)), None).total, village(2));
        let running = Scope { today: day("2026-11-25"), ..november(None) };
        let r = report(&diaries, &dates, &running, None);
        assert_eq!((r.total.overdue, r.total.due), (1, 2), "2 is overdue; 4's deadline has not come");
    }

    #[test]
    fn months_of_a_year_and_a_year_boundary() {
        let (diaries, steps) = sample();
        let dates = matter_dates(&diaries, &steps);
        let scope = Scope { from: day("2026-10-01"), to: day("2027-01-31"), today: day("2027-02-01"), villages: None };
        let r = report(&diaries, &dates, &scope, None);
        assert_eq!(r.by_month, vec![(2026, 10, 1), (2026, 11, 5), (2026, 12, 1), (2027, 1, 0)]);
        assert_eq!(r.total.visits, 7);
    }

    #[test]
    fn must_visit_coverage_counts_households_visited_in_the_window() {
        let household = |n: u8, village: u8, c: &[Category]| {
            crate::test_support::household(rid(n), rid(village), format!("户{n}"), c)
        };
        let households = vec![
            household(101, 1, &[Category::Poor]),         // visited 11-02 by 7
            household(102, 1, &[Category::LargeFarm]),    // visited 11-05 by 7
            household(103, 2, &[Category::Deputy]),       // visited 11-06 by 8
            household(110, 2, &[Category::Entrepreneur]), // never
            household(111, 2, &[Category::Subsistence]),  // not a 必到 household
        ];
        let (diaries, steps) = sample();
        let dates = matter_dates(&diaries, &steps);
        let rule = OldMemberRule::default();
        let must = |days| MustVisit { households: &households, members: &[], rule: &rule, days };
        let r = report(&diaries, &dates, &november(None), Some(&must(90)));
        assert_eq!(r.must_visit, Share { count: 3, total: 4 });
        let shares: Vec<(RecordId, Share)> = r.by_village.iter().map(|row| (row.id.clone(), row.must_visit)).collect();
        assert_eq!(shares, vec![(rid(1), Share { count: 2, total: 2 }), (rid(2), Share { count: 1, total: 2 })]);
        let cadres: Vec<(RecordId, usize)> =
            r.by_writer.iter().map(|row| (row.id.clone(), row.must_visit.count)).collect();
        assert_eq!(cadres, vec![(rid(7), 2), (rid(8), 1)]);
        assert_eq!(r.total, report(&diaries, &dates, &november(None), None).total, "coverage changes no count");
        // 25 days before 11-30: only visits after 11-05.
        let r = report(&diaries, &dates, &november(None), Some(&must(25)));
        assert_eq!(r.must_visit, Share { count: 1, total: 4 });
        // A village with 五个必到 households and no entry has its row.
        let only = IdSet::from_iter([rid(2)]);
        let mut quiet = households.clone();
        quiet.push(Household { village: Some(rid(3)), ..quiet[0].clone() });
        quiet.last_mut().unwrap().id = rid(120);
        let r = report(
            &diaries,
            &dates,
            &november(None),
            Some(&MustVisit { households: &quiet, members: &[], rule: &rule, days: 90 }),
        );
        let row = r.by_village.iter().find(|row| row.id == rid(3)).unwrap();
        assert_eq!((row.tally, row.must_visit), (Tally::default(), Share { count: 0, total: 1 }));
        let r = report(&diaries, &dates, &november(Some(&only)), Some(&must(90)));
        assert_eq!(r.must_visit, Share { count: 1, total: 2 }, "only village 2's households");
    }

    #[test]
    fn the_notice_board_lists_published_matters_with_their_outcome() {
        use crate::diary::{CATEGORY, DATE, FOLLOW_UP, HOUSEHOLDS, REQUEST, VILLAGE, WRITER};
        use crate::record::{kind, Record};
        use serde_json::json;
        let (diaries, steps) = sample();
        let mut index = DiaryIndex::new();
        let station = crate::station::StationId::from_random([1; 8]);
        for d in &diaries {
            let mut r = Record::new(d.id.clone(), kind::DIARY, station);
            let t = Hlc::new(1, 0);
            r.set(DATE, json!(crate::date::iso(d.date.unwrap())), t, &station);
            r.set(VILLAGE, json!(d.village.as_ref().unwrap().as_str()), t, &station);
            r.set(WRITER, json!(d.writer.as_ref().unwrap().as_str()), t, &station);
            r.set(HOUSEHOLDS, json!([d.households[0].as_str()]), t, &station);
            r.set(CATEGORY, json!(d.category.map(|c| c.label())), t, &station);
            r.set(REQUEST, json!(format!("诉求{}", d.households[0])), t, &station);
            r.set(FOLLOW_UP, json!(d.follow_up), t, &station);
            index.put(&r);
        }
        let dates = matter_dates(index.diaries(), &steps);
        let rows = notice_board(&index, &dates, &steps, &november(None)).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(index.diaries()[rows[0].at].id, rid(1));
        assert_eq!(rows[0].outcome, "第22步");
        assert_eq!(rows[0].view, Some(Satisfaction::Satisfied));
        assert_eq!(rows[0].published, day("2026-11-12"));
        assert!(rows[0].request.starts_with("诉求"));
        let october = Scope { from: day("2026-10-01"), to: day("2026-10-31"), ..november(None) };
        assert!(notice_board(&index, &dates, &steps, &october).unwrap().is_empty());
    }

    #[test]
    fn names_are_masked_as_chosen() {
        assert_eq!(NameMask::Stars.apply("张大爷").as_deref(), Some("张**"));
        assert_eq!(NameMask::Mou.apply("张三").as_deref(), Some("张某"));
        assert_eq!(NameMask::Mou.apply("欧阳修文").as_deref(), Some("欧阳某某"));
        assert_eq!(NameMask::Stars.apply("欧阳").as_deref(), Some("欧*"), "a two-character name keeps one");
        assert_eq!(NameMask::Stars.apply("王").as_deref(), Some("王*"));
        assert_eq!(NameMask::Full.apply(" 张大爷 ").as_deref(), Some("张大爷"));
        assert_eq!(NameMask::GroupOnly.apply("张大爷"), None);
        for m in NameMask::ALL {
            assert_eq!(NameMask::from_label(m.label()), Some(m));
        }
    }

    #[test]
    fn a_supervision_sheet_takes_the_latest_of_each_box() {
        let (_, steps) = sample();
        let mine: Vec<&Step> = steps.iter().filter(|s| s.diary == Some(rid(1))).rev().collect();
        let sheet = sheet_steps(&mine);
        assert_eq!(sheet.reviews.len(), 1);
        assert_eq!(sheet.supervision.map(|s| s.deadline), Some(Some(day("2026-11-15"))));
        assert_eq!(sheet.outcome.map(|s| s.id.clone()), Some(rid(22)));
        assert_eq!(sheet.feedback.and_then(|s| s.view), Some(Satisfaction::Satisfied));
        assert!(sheet.handling.is_empty());
    }
}
