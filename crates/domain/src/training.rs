//! 培训: training sessions with the people expected and the people who came, the 到课率 of a
//! session, each person's sessions and hours in a year, the rule that every village cadre attends
//! at least two trainings a year, and a township's totals in 人次.
//!
//! Each person's place in a session is a field of its own (`expected:<id>`, `attended:<id>`), not
//! one list: the township can list who is expected while a village station marks who came, and
//! the two merge without a conflict.

use super::cadre::{Cadre, Level};
use super::date::{iso, parse_input, year_bounds, DateError};
use super::kinds::{KindInfo, Reference};
use super::order::{sort_by_key, Key};
use super::org::Org;
use super::person::{clean, permille};
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

pub const DATE: &str = "date";
pub const TOPIC: &str = "topic";
/// One of `TrainingKind`'s labels.
pub const CATEGORY: &str = "category";
/// 学时 of the session (a number).
pub const HOURS: &str = "hours";
/// The organizing organization's record id.
pub const ORGANIZER: &str = "organizer";
pub const PLACE: &str = "place";
/// `expected:<record id>` → true: the person (member or cadre record) is expected to attend.
pub const EXPECTED_PREFIX: &str = "expected:";
/// `attended:<record id>` → true: the person came.
pub const ATTENDED_PREFIX: &str = "attended:";

pub const KIND: KindInfo = KindInfo {
    name: kind::TRAINING,
    label: "培训",
    references: &[Reference::to(ORGANIZER, kind::ORG)],
    other_links: Some(attendance_links),
    rank: 3,
    read_at_start: false,
};

/// The people a session expects or saw: named by its field keys, not its values.
fn attendance_links(r: &Record, visit: &mut dyn FnMut(&str)) {
    for key in r.fields.keys() {
        if let Some(id) = key.strip_prefix(EXPECTED_PREFIX).or_else(|| key.strip_prefix(ATTENDED_PREFIX)) {
            visit(id);
        }
    }
}

pub const TOPIC_MAX_CHARS: usize = 100;
pub const PLACE_MAX_CHARS: usize = 100;
pub const HOURS_MAX: f64 = 1000.0;

/// Hours as typed (`1.5`), above 0 and at most `max`, kept to two decimals. Two decimals is all a
/// clerk means, and a number with few digits reads back exactly from JSON: the wasm's JSON parser
/// (serde_json without `float_roundtrip`, which would cost 8.5 KB gzip of the first load) can be
/// one unit off in the last of 17 digits, which would change a record between stations.
pub fn parse_hours(text: &str, max: f64) -> Option<f64> {
    let h = text.trim().parse::<f64>().ok().filter(|h| h.is_finite())?;
    let h = (h * 100.0).round() / 100.0;
    (h > 0.0 && h <= max).then_some(h)
}
/// "每年不少于2次培训" for every village cadre.
pub const MIN_TRAININGS_PER_YEAR: usize = 2;

/// 培训形式. Stored as the label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TrainingKind {
    Rotation,
    Lecture,
    DistanceEducation,
    StudyTour,
    PartySchool,
    PracticalSkills,
    Other,
}

impl TrainingKind {
    pub const ALL: [TrainingKind; 7] = [
        TrainingKind::Rotation,
        TrainingKind::Lecture,
        TrainingKind::DistanceEducation,
        TrainingKind::StudyTour,
        TrainingKind::PartySchool,
        TrainingKind::PracticalSkills,
        TrainingKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TrainingKind::Rotation => "集中轮训",
            TrainingKind::Lecture => "专题讲座",
            TrainingKind::DistanceEducation => "远程教育",
            TrainingKind::StudyTour => "外出考察",
            TrainingKind::PartySchool => "党校培训",
            TrainingKind::PracticalSkills => "实用技术培训",
            TrainingKind::Other => "其他",
        }
    }

    pub fn from_label(text: &str) -> Option<TrainingKind> {
        TrainingKind::ALL.into_iter().find(|k| k.label() == text)
    }
}

pub fn expected_key(person: &RecordId) -> String {
    format!("{EXPECTED_PREFIX}{person}")
}

pub fn attended_key(person: &RecordId) -> String {
    format!("{ATTENDED_PREFIX}{person}")
}

/// A session as the app reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Training {
    pub id: RecordId,
    pub date: Option<NaiveDate>,
    pub topic: String,
    /// The stored text: normally a `TrainingKind` label.
    pub category: String,
    pub hours: Option<f64>,
    pub organizer: Option<RecordId>,
    pub place: String,
    pub expected: BTreeSet<RecordId>,
    pub attended: BTreeSet<RecordId>,
}

impl Training {
    pub fn from_record(r: &Record) -> Training {
        let people = |prefix: &str| -> BTreeSet<RecordId> {
            // Inserted one by one: collecting into a set would compile in a sort of its own.
            let mut set = BTreeSet::new();
            for (k, id) in
                r.fields.keys().filter_map(|k| k.strip_prefix(prefix).and_then(RecordId::parse).map(|id| (k, id)))
            {
                if r.value(k) == Some(&Value::Bool(true)) {
                    set.insert(id);
                }
            }
            set
        };
        Training {
            id: r.id.clone(),
            date: r.text(DATE).and_then(super::date::parse_iso),
            topic: r.text(TOPIC).unwrap_or_default().to_string(),
            category: r.text(CATEGORY).unwrap_or_default().to_string(),
            hours: r.value(HOURS).and_then(Value::as_f64),
            organizer: r.text(ORGANIZER).and_then(RecordId::parse),
            place: r.text(PLACE).unwrap_or_default().to_string(),
            expected: people(EXPECTED_PREFIX),
            attended: people(ATTENDED_PREFIX),
        }
    }

    pub fn in_year(&self, year: i32) -> bool {
        self.date.is_some_and(|d| d.year() == year)
    }

    pub fn draft(&self) -> TrainingDraft {
        TrainingDraft {
            date: self.date.map(iso).unwrap_or_default(),
            topic: self.topic.clone(),
            category: TrainingKind::from_label(&self.category),
            hours: self.hours.map(|h| h.to_string()).unwrap_or_default(),
            organizer: self.organizer.clone(),
            place: self.place.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrainingDraft {
    /// YYYY-MM-DD; may be in the future (a planned session).
    pub date: String,
    pub topic: String,
    pub category: Option<TrainingKind>,
    pub hours: String,
    pub organizer: Option<RecordId>,
    pub place: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrainingError {
    DateMissing,
    Date(DateError),
    TopicEmpty,
    TopicTooLong,
    CategoryMissing,
    HoursMissing,
    /// Not a number above 0 and up to `HOURS_MAX`.
    HoursInvalid,
    OrganizerMissing,
    OrganizerUnknown,
    PlaceTooLong,
}

struct Checked {
    date: NaiveDate,
    topic: String,
    category: TrainingKind,
    hours: f64,
    organizer: RecordId,
    place: String,
}

fn check_training(draft: &TrainingDraft, orgs: &[Org]) -> Result<Checked, TrainingError> {
    let date = parse_input(&draft.date, None).map_err(TrainingError::Date)?.ok_or(TrainingError::DateMissing)?;
    let topic = clean(&draft.topic);
    if topic.is_empty() {
        return Err(TrainingError::TopicEmpty);
    }
    if topic.chars().count() > TOPIC_MAX_CHARS {
        return Err(TrainingError::TopicTooLong);
    }
    let category = draft.category.ok_or(TrainingError::CategoryMissing)?;
    let hours = match draft.hours.trim() {
        "" => return Err(TrainingError::HoursMissing),
        t => parse_hours(t, HOURS_MAX),
    }
    .ok_or(TrainingError::HoursInvalid)?;
    let organizer = draft.organizer.as_ref().ok_or(TrainingError::OrganizerMissing)?;
    if !orgs.iter().any(|o| &o.id == organizer) {
        return Err(TrainingError::OrganizerUnknown);
    }
    let place = clean(&draft.place);
    if place.chars().count() > PLACE_MAX_CHARS {
        return Err(TrainingError::PlaceTooLong);
    }
    Ok(Checked { date, topic, category, hours, organizer: organizer.clone(), place })
}

/// The ids in order, each once (the fields an edit writes, in a stable order).
fn distinct(mut ids: Vec<&RecordId>) -> Vec<&RecordId> {
    sort_by_key(&mut ids, |id| Key::new().text(id.as_str()));
    ids.dedup();
    ids
}

/// Checks a new session and turns it into a creating edit, with the people expected to attend
/// (chosen from the roster: member or cadre record ids).
pub fn create_training(
    draft: &TrainingDraft,
    id: RecordId,
    orgs: &[Org],
    expected: &[RecordId],
) -> Result<Edit, TrainingError> {
    let c = check_training(draft, orgs)?;
    let mut fields = vec![
        (DATE.to_string(), json!(iso(c.date))),
        (TOPIC.to_string(), json!(c.topic)),
        (CATEGORY.to_string(), json!(c.category.label())),
        (HOURS.to_string(), json!(c.hours)),
        (ORGANIZER.to_string(), json!(c.organizer.as_str())),
    ];
    if !c.place.is_empty() {
        fields.push((PLACE.to_string(), json!(c.place)));
    }
    fields.extend(distinct(expected.iter().collect()).into_iter().map(|p| (expected_key(p), json!(true))));
    Ok(Edit::Create { id, kind: kind::TRAINING.to_string(), fields })
}

/// Checks an edited session; writes only what changed (`None` if nothing did).
pub fn update_training(old: &Training, draft: &TrainingDraft, orgs: &[Org]) -> Result<Option<Edit>, TrainingError> {
    let c = check_training(draft, orgs)?;
    let mut fields = Vec::new();
    if old.date != Some(c.date) {
        fields.push((DATE.to_string(), json!(iso(c.date))));
    }
    if old.topic != c.topic {
        fields.push((TOPIC.to_string(), json!(c.topic)));
    }
    if old.category != c.category.label() {
        fields.push((CATEGORY.to_string(), json!(c.category.label())));
    }
    if old.hours != Some(c.hours) {
        fields.push((HOURS.to_string(), json!(c.hours)));
    }
    if old.organizer.as_ref() != Some(&c.organizer) {
        fields.push((ORGANIZER.to_string(), json!(c.organizer.as_str())));
    }
    if old.place != c.place {
        fields.push((PLACE.to_string(), json!(c.place)));
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: old.id.clone(), fields }))
}

/// Adds people to (or, with `expected = false`, removes them from) the expected list. Writes only
/// those whose state changes; `None` if nobody's does.
pub fn set_expected(t: &Training, people: &[RecordId], expected: bool) -> Option<Edit> {
    let changed = distinct(people.iter().filter(|p| t.expected.contains(p) != expected).collect());
    let fields: Vec<(String, Value)> = changed.into_iter().map(|p| (expected_key(p), json!(expected))).collect();
    (!fields.is_empty()).then(|| Edit::Update { id: t.id.clone(), fields })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttendanceError {
    DateUnknown,
    /// Attendance is marked once the session has taken place.
    NotYetHeld,
}

/// Marks people as present (or, with `attended = false`, not present). Writes only those whose
/// state changes; `Ok(None)` if nobody's does.
pub fn record_attendance(
    t: &Training,
    people: &[RecordId],
    attended: bool,
    today: NaiveDate,
) -> Result<Option<Edit>, AttendanceError> {
    let date = t.date.ok_or(AttendanceError::DateUnknown)?;
    if date > today {
        return Err(AttendanceError::NotYetHeld);
    }
    let changed = distinct(people.iter().filter(|p| t.attended.contains(p) != attended).collect());
    let fields: Vec<(String, Value)> = changed.into_iter().map(|p| (attended_key(p), json!(attended))).collect();
    Ok((!fields.is_empty()).then(|| Edit::Update { id: t.id.clone(), fields }))
}

/// A session's attendance: 到课率 is the share of the expected who came; people who came without
/// being expected are counted apart, so they cannot lift the rate over 100%.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub expected: usize,
    pub present: usize,
    pub unexpected: usize,
}

impl Attendance {
    pub fn of(t: &Training) -> Attendance {
        let present = t.expected.intersection(&t.attended).count();
        Attendance { expected: t.expected.len(), present, unexpected: t.attended.len() - present }
    }

    /// 到课率 in tenths of a percent (2 of 3 → 667, shown 66.7%); `None` with nobody expected.
    pub fn rate(&self) -> Option<u32> {
        permille(self.present, self.expected)
    }
}

/// One person's trainings in a year.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PersonYear {
    pub sessions: usize,
    pub hours: f64,
}

/// For each person who attended a session dated in `year`: how many and how many 学时. People
/// are the record ids as marked (a member id and a cadre id of one person count apart; see
/// `cadres_below_minimum` for counting a cadre under both).
pub fn person_year(trainings: &[Training], year: i32) -> BTreeMap<RecordId, PersonYear> {
    let mut out: BTreeMap<RecordId, PersonYear> = BTreeMap::new();
    for t in trainings.iter().filter(|t| t.in_year(year)) {
        for p in &t.attended {
            let e = out.entry(p.clone()).or_default();
            e.sessions += 1;
            e.hours += t.hours.unwrap_or(0.0);
        }
    }
    out
}

/// Sessions in `year` that a cadre attended, marked by their holding id or their member id.
pub fn cadre_sessions(trainings: &[Training], cadre: &Cadre, year: i32) -> usize {
    cadre_year(trainings, cadre, year).sessions
}

/// A cadre's sessions and 学时 in `year`, each session counted once even when both their holding
/// id and their member id were marked.
pub fn cadre_year(trainings: &[Training], cadre: &Cadre, year: i32) -> PersonYear {
    let mut out = PersonYear::default();
    for t in trainings.iter().filter(|t| t.in_year(year) && t.attended.iter().any(|p| cadre.is_person(p))) {
        out.sessions += 1;
        out.hours += t.hours.unwrap_or(0.0);
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub cadre: RecordId,
    pub sessions: usize,
}

/// Village cadres in office on the year's last day (or on `today`, within the year) who attended
/// fewer than `MIN_TRAININGS_PER_YEAR` sessions in `year`, fewest first.
pub fn cadres_below_minimum(trainings: &[Training], cadres: &[Cadre], year: i32, today: NaiveDate) -> Vec<Shortfall> {
    let on = year_bounds(year).1.min(today);
    let mut out: Vec<Shortfall> = cadres
        .iter()
        .filter(|c| c.level() == Some(Level::Village) && c.serves_on(on))
        .map(|c| Shortfall { cadre: c.id.clone(), sessions: cadre_sessions(trainings, c, year) })
        .filter(|s| s.sessions < MIN_TRAININGS_PER_YEAR)
        .collect();
    sort_by_key(&mut out, |s| Key::new().num(s.sessions as i64).text(s.cadre.as_str()));
    out
}

/// A year's training figures for a township: "培训乡镇干部2895人次、村干部1785人次".
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearTotals {
    pub sessions: usize,
    /// 学时 of the sessions themselves.
    pub session_hours: f64,
    /// 人次: each person at each session.
    pub person_times: usize,
    pub township_cadre_times: usize,
    pub village_cadre_times: usize,
    /// Attendees who are not cadres (members, reserves).
    pub other_times: usize,
    /// 学时 summed over attendees.
    pub person_hours: f64,
}

/// The level of the cadre an attendee id names on a day: the holding in office then, else any.
fn attendee_level(cadres: &[Cadre], person: &RecordId, day: Option<NaiveDate>) -> Option<Level> {
    let mut theirs = cadres.iter().filter(|c| c.is_person(person));
    let first = theirs.clone().next()?;
    let serving = day.and_then(|d| theirs.find(|c| c.serves_on(d)));
    serving.unwrap_or(first).level()
}

pub fn year_totals(trainings: &[Training], cadres: &[Cadre], year: i32) -> YearTotals {
    let mut y = YearTotals::default();
    for t in trainings.iter().filter(|t| t.in_year(year)) {
        let hours = t.hours.unwrap_or(0.0);
        y.sessions += 1;
        y.session_hours += hours;
        for p in &t.attended {
            y.person_times += 1;
            y.person_hours += hours;
            match attendee_level(cadres, p, t.date) {
                Some(Level::Township) => y.township_cadre_times += 1,
                Some(Level::Village) => y.village_cadre_times += 1,
                None => y.other_times += 1,
            }
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cadre::Post;
    use crate::clock::Hlc;
    use crate::test_support::{day, rid};

    use crate::org::OrgCategory;
    use crate::person::Person;
    use crate::station::StationId;

    #[test]
    fn hours_keep_two_decimals_and_so_print_with_few_digits() {
        assert_eq!(parse_hours(" 1.5 ", HOURS_MAX), Some(1.5));
        assert_eq!(parse_hours("1.9500000000000002", HOURS_MAX), Some(1.95));
        assert_eq!(parse_hours("0.333333333333333", HOURS_MAX), Some(0.33));
        assert_eq!(parse_hours("0.001", HOURS_MAX), None, "rounds to nothing");
        assert_eq!(parse_hours("1000.004", HOURS_MAX), Some(1000.0));
        assert_eq!(parse_hours("1001", HOURS_MAX), None);
        assert_eq!(parse_hours("NaN", HOURS_MAX), None);
        // Whatever is typed, the number written has at most 15 significant digits, which any JSON
        // parser reads back exactly.
        for typed in ["12.345678901234567", "999.999", "3.14159"] {
            let h = parse_hours(typed, HOURS_MAX).unwrap();
            assert!(h.to_string().trim_start_matches('0').replace('.', "").len() <= 15, "{h}");
        }
    }

    fn township() -> Org {
        Org {
            id: rid(1),
            name: "坪塘镇党委".into(),
            category: Some(OrgCategory::TownshipCommittee),
            parent: None,
            founded: None,
            secretary: String::new(),
            phone: String::new(),
            closed: None,
            merged_into: None,
        }
    }

    fn apply(r: &mut Record, edit: &Edit, station: u8) {
        let station = StationId::from_random([station; 8]);
        let (Edit::Create { fields, .. } | Edit::Update { fields, .. }) = edit else { panic!() };
        for (f, v) in fields {
            let next = r.clocks().map(|c| c.wall_ms()).max().unwrap_or(0) + 1;
            r.set(f, v.clone(), Hlc::new(next, 0), &station);
        }
    }

    fn draft(date: &str, hours: &str) -> TrainingDraft {
        TrainingDraft {
            date: date.into(),
            topic: "村级规范化管理".into(),
            category: Some(TrainingKind::Rotation),
            hours: hours.into(),
            organizer: Some(rid(1)),
            place: String::new(),
        }
    }

    fn session(id: u8, date: &str, hours: f64, attended: &[u8]) -> Training {
        Training {
            id: rid(id),
            date: Some(day(date)),
            topic: "培训".into(),
            category: TrainingKind::Rotation.label().into(),
            hours: Some(hours),
            organizer: Some(rid(1)),
            place: String::new(),
            expected: BTreeSet::new(),
            attended: attended.iter().map(|n| rid(*n)).collect(),
        }
    }

    fn cadre(id: u8, member: Option<u8>, post: Post, start: Option<&str>) -> Cadre {
        Cadre {
            id: rid(id),
            person: Person::default(),
            member: member.map(rid),
            org: Some(rid(2)),
            posts: vec![post],
            term_start: start.map(day),
            term_end: start.map(|s| crate::date::add_years(day(s), 5)),
            ended: None,
            midterm_review: None,
        }
    }

    #[test]
    fn a_session_with_its_expected_people_and_attendance_marked_at_two_stations() {
        let edit =
            create_training(&draft("2026-09-10", "6"), rid(10), &[township()], &[rid(20), rid(21), rid(22), rid(20)])
                .unwrap();
        let Edit::Create { kind: k, fields, .. } = &edit else { panic!() };
        assert_eq!(k, kind::TRAINING);
        assert_eq!(fields.iter().filter(|(f, _)| f.starts_with(EXPECTED_PREFIX)).count(), 3);
        let mut r = Record::new(rid(10), kind::TRAINING, StationId::from_random([1; 8]));
        apply(&mut r, &edit, 1);
        let t = Training::from_record(&r);
        assert_eq!(t.date, Some(day("2026-09-10")));
        assert_eq!(t.hours, Some(6.0));
        assert_eq!(t.expected.len(), 3);
        // Township and village each mark different people; the copies merge without a conflict.
        let today = day("2026-09-10");
        let mut at_township = r.clone();
        let mut at_village = r.clone();
        apply(&mut at_township, &record_attendance(&t, &[rid(20)], true, today).unwrap().unwrap(), 1);
        apply(&mut at_village, &record_attendance(&t, &[rid(21), rid(23)], true, today).unwrap().unwrap(), 2);
        let merged = at_township.merge(&at_village);
        assert_eq!(merged.conflicts().count(), 0);
        let t = Training::from_record(&merged);
        assert_eq!(t.attended, [rid(20), rid(21), rid(23)].into_iter().collect());
        let a = Attendance::of(&t);
        assert_eq!(a, Attendance { expected: 3, present: 2, unexpected: 1 });
        assert_eq!(a.rate(), Some(667));
        // Unmarking writes false, which reads as absent.
        let mut r = merged;
        apply(&mut r, &record_attendance(&t, &[rid(21)], false, today).unwrap().unwrap(), 1);
        assert_eq!(Attendance::of(&Training::from_record(&r)).rate(), Some(333));
        assert_eq!(record_attendance(&t, &[rid(20)], true, today), Ok(None), "nothing changes");
    }

    #[test]
    fn attendance_is_marked_after_the_session_only() {
        let t = session(10, "2026-09-10", 3.0, &[]);
        assert_eq!(record_attendance(&t, &[rid(20)], true, day("2026-09-09")), Err(AttendanceError::NotYetHeld));
        assert!(record_attendance(&t, &[rid(20)], true, day("2026-09-10")).unwrap().is_some());
        let undated = Training { date: None, ..t };
        assert_eq!(record_attendance(&undated, &[rid(20)], true, day("2026-09-10")), Err(AttendanceError::DateUnknown));
    }

    #[test]
    fn expected_lists_change_person_by_person() {
        let mut t = session(10, "2026-09-10", 3.0, &[]);
        t.expected = [rid(20)].into_iter().collect();
        assert_eq!(
            set_expected(&t, &[rid(20), rid(21)], true),
            Some(Edit::Update { id: rid(10), fields: vec![(expected_key(&rid(21)), json!(true))] })
        );
        assert_eq!(set_expected(&t, &[rid(21)], false), None);
        assert_eq!(Attendance::of(&Training { expected: BTreeSet::new(), ..t }).rate(), None);
    }

    #[test]
    fn session_drafts_are_checked() {
        let orgs = [township()];
        let check = |d: TrainingDraft| create_training(&d, rid(10), &orgs, &[]).unwrap_err();
        assert_eq!(check(draft("", "3")), TrainingError::DateMissing);
        assert_eq!(check(draft("2026-02-30", "3")), TrainingError::Date(DateError::Invalid));
        assert!(create_training(&draft("2030-01-01", "3"), rid(10), &orgs, &[]).is_ok(), "planned sessions");
        assert_eq!(check(TrainingDraft { topic: "  ".into(), ..draft("2026-01-01", "3") }), TrainingError::TopicEmpty);
        assert_eq!(
            check(TrainingDraft { topic: "题".repeat(101), ..draft("2026-01-01", "3") }),
            TrainingError::TopicTooLong
        );
        assert_eq!(check(TrainingDraft { category: None, ..draft("2026-01-01", "3") }), TrainingError::CategoryMissing);
        assert_eq!(check(draft("2026-01-01", "")), TrainingError::HoursMissing);
        for bad in ["0", "-2", "三", "inf", "1000.5"] {
            assert_eq!(check(draft("2026-01-01", bad)), TrainingError::HoursInvalid, "{bad}");
        }
        assert!(create_training(&draft("2026-01-01", "1000"), rid(10), &orgs, &[]).is_ok());
        assert_eq!(
            check(TrainingDraft { organizer: None, ..draft("2026-01-01", "3") }),
            TrainingError::OrganizerMissing
        );
        assert_eq!(
            check(TrainingDraft { organizer: Some(rid(9)), ..draft("2026-01-01", "3") }),
            TrainingError::OrganizerUnknown
        );
        let t = session(10, "2026-01-01", 3.0, &[]);
        let mut d = t.draft();
        assert_eq!(update_training(&t, &d, &orgs), Ok(None));
        d.hours = "3.5".into();
        assert_eq!(
            update_training(&t, &d, &orgs),
            Ok(Some(Edit::Update { id: rid(10), fields: vec![(HOURS.into(), json!(3.5))] }))
        );
    }

    #[test]
    fn per_person_counts_and_hours_by_calendar_year() {
        let trainings = [
            session(10, "2025-12-31", 3.0, &[20]),
            session(11, "2026-01-01", 2.5, &[20, 21]),
            session(12, "2026-12-31", 4.0, &[20]),
            session(13, "2027-01-01", 8.0, &[20]),
        ];
        let y = person_year(&trainings, 2026);
        assert_eq!(y[&rid(20)], PersonYear { sessions: 2, hours: 6.5 });
        assert_eq!(y[&rid(21)], PersonYear { sessions: 1, hours: 2.5 });
        assert_eq!(y.len(), 2);
    }

    #[test]
    fn village_cadres_need_two_trainings_a_year() {
        let cadres = [
            cadre(30, Some(40), Post::PartySecretary, Some("2024-03-15")), // marked once as member, once as cadre
            cadre(31, None, Post::VillageDirector, Some("2024-03-15")),    // one session
            cadre(32, None, Post::VillageCommitteeMember, Some("2024-03-15")), // none
            cadre(33, None, Post::TownshipStaff, None),                    // township: not this rule
            cadre(34, None, Post::VillageCommitteeMember, Some("2027-01-01")), // not yet in office
        ];
        let trainings = [
            session(10, "2026-03-01", 3.0, &[30, 31, 33]),
            session(11, "2026-12-31", 3.0, &[40]),
            session(12, "2025-12-31", 3.0, &[31, 32]),
        ];
        let today = day("2027-02-01");
        assert_eq!(
            cadres_below_minimum(&trainings, &cadres, 2026, today),
            vec![Shortfall { cadre: rid(32), sessions: 0 }, Shortfall { cadre: rid(31), sessions: 1 }]
        );
        assert_eq!(cadre_sessions(&trainings, &cadres[0], 2026), 2);
        assert_eq!(cadre_year(&trainings, &cadres[0], 2026), PersonYear { sessions: 2, hours: 6.0 });
        // Within the year, those in office today count; a term ending mid-year drops out.
        let mut ended = cadres.to_vec();
        ended[2].ended = Some(day("2026-06-01"));
        let shortfalls = cadres_below_minimum(&trainings, &ended, 2026, day("2026-07-01"));
        assert_eq!(shortfalls, vec![Shortfall { cadre: rid(31), sessions: 1 }]);
    }

    #[test]
    fn township_totals_in_person_times() {
        let cadres = [
            cadre(30, Some(40), Post::PartySecretary, Some("2024-03-15")),
            cadre(33, None, Post::TownshipStaff, None),
            // A village cadre who became a township cadre in 2026-07: counted at the level of the day.
            cadre(35, Some(45), Post::VillageDirector, Some("2024-03-15")),
            cadre(36, Some(45), Post::TownshipDeputyHead, Some("2026-07-01")),
        ];
        let mut moved = cadres.to_vec();
        moved[2].ended = Some(day("2026-07-01"));
        let trainings = [
            session(10, "2026-03-01", 3.0, &[40, 33, 45, 50]),
            session(11, "2026-08-01", 2.0, &[30, 45]),
            session(12, "2025-08-01", 2.0, &[30, 45]),
        ];
        assert_eq!(
            year_totals(&trainings, &moved, 2026),
            YearTotals {
                sessions: 2,
                session_hours: 5.0,
                person_times: 6,
                township_cadre_times: 2,
                village_cadre_times: 3,
                other_times: 1,
                person_hours: 16.0,
            }
        );
        assert_eq!(TrainingKind::from_label("远程教育"), Some(TrainingKind::DistanceEducation));
    }
}
