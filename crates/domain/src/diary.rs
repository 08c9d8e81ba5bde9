//! 民情日记: a cadre's notebook page about one visit (走访记录, kind `diary`): when, who wrote it
//! and who came along, the village and the registered households visited, the 五员 roles the
//! visit served, the 类别 of what was raised, 民情, 诉求, what was done on the spot, and whether
//! the matter needs follow-up. The follow-up itself is a chain of `diary_step` records
//! (`diary_step`), never a field of the diary, so two stations' steps both survive a merge.
//!
//! Every fact is its own field with a closed list where there is one (roles and 类别 stored as
//! their Chinese labels), so visits can be counted per cadre, week, village, household, role and
//! 类别 without reading the text.

use super::clock::Hlc;
use super::date::{iso, parse_iso, parse_user_date};
use super::hash::{IdMap, IdSet};
use super::household::Household;
use super::kinds::{KindInfo, Reference};
use super::org::{Org, OrgCategory};
use super::person::clean;
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// 走访时间: the day of the visit.
pub const DATE: &str = "date";
/// The cadre who wrote it: a member record or a cadre (`cadre`) record; often a township cadre a
/// village station never gets.
pub const WRITER: &str = "writer";
/// 同行人员, as typed.
pub const COMPANIONS: &str = "companions";
/// The village visited (its organization). Not moved by 撤并: it says where the visit was then.
pub const VILLAGE: &str = "village";
/// The households visited: an array of household record ids.
pub const HOUSEHOLDS: &str = "households";
/// The 五员 roles served: an array of `Role` labels.
pub const ROLES: &str = "roles";
/// The single role of diaries written before roles were a list (the sample, older files).
pub const LEGACY_ROLE: &str = "role";
/// 类别: a `MatterCategory` label.
pub const CATEGORY: &str = "problem_category";
/// 民情: what was seen and heard.
pub const SITUATION: &str = "situation";
/// 诉求: what the household asked for.
pub const REQUEST: &str = "request";
/// 现场处理: what was done on the spot.
pub const ACTION: &str = "action";
/// Whether the matter needs follow-up (阅批 and on); `false` when settled on the spot.
pub const FOLLOW_UP: &str = "follow_up";

pub const KIND: KindInfo = KindInfo {
    name: kind::DIARY,
    label: "民情日记",
    references: &[
        // Required: an export carries the village (and its ancestors) with the diary, so the
        // receiver can place it even when the diary came in through its writer.
        Reference::to(VILLAGE, kind::ORG).required(),
        // A member or a cadre record: no kind is insisted on.
        Reference { field: WRITER, to: None, required: false, place_in_tree: false },
    ],
    other_links: Some(household_links),
    rank: 3,
    // The largest volume by far: read when the diary page first needs it.
    read_at_start: false,
};

/// The households a diary names (every write of the list, a conflict's losing side too), so an
/// export of a village carries the diaries of its households even after they moved.
fn household_links(r: &Record, visit: &mut dyn FnMut(&str)) {
    for w in r.fields.get(HOUSEHOLDS).into_iter().flatten() {
        w.value.as_array().into_iter().flatten().filter_map(Value::as_str).for_each(&mut *visit);
    }
}

pub const COMPANIONS_MAX_CHARS: usize = 100;
/// A notebook page; longer text is pasted from elsewhere.
pub const SITUATION_MAX_CHARS: usize = 2000;
pub const REQUEST_MAX_CHARS: usize = 1000;
pub const ACTION_MAX_CHARS: usize = 1000;

/// 五员: the role a visit served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// 政策法规宣传员
    Propagandist,
    /// 农业生产技术员
    Technician,
    /// 矛盾纠纷调解员
    Mediator,
    /// 发展经济领航员
    Navigator,
    /// 为民办事服务员
    Servant,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Propagandist, Role::Technician, Role::Mediator, Role::Navigator, Role::Servant];

    /// Stored in records.
    pub fn label(self) -> &'static str {
        match self {
            Role::Propagandist => "政策法规宣传员",
            Role::Technician => "农业生产技术员",
            Role::Mediator => "矛盾纠纷调解员",
            Role::Navigator => "发展经济领航员",
            Role::Servant => "为民办事服务员",
        }
    }

    pub fn from_label(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.label() == text)
    }
}

/// The 五员 roles a diary served, as one byte (a county holds 200,000 diaries' facts; a list of
/// roles each was 28 bytes and an allocation). Read in `Role::ALL` order, each once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Roles(u8);

impl Roles {
    pub fn contains(self, role: Role) -> bool {
        self.0 & Roles::bit(role) != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// As stored in the kept index: bit `i` for `Role::ALL[i]`.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// `None` if a bit names no role.
    pub fn from_bits(bits: u8) -> Option<Roles> {
        (bits >> Role::ALL.len() == 0).then_some(Roles(bits))
    }

    fn bit(role: Role) -> u8 {
        1 << Role::ALL.iter().position(|r| *r == role).unwrap_or_default()
    }
}

impl FromIterator<Role> for Roles {
    fn from_iter<I: IntoIterator<Item = Role>>(roles: I) -> Roles {
        Roles(roles.into_iter().fold(0, |bits, r| bits | Roles::bit(r)))
    }
}

/// 类别 of the matter raised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatterCategory {
    /// 矛盾纠纷
    Dispute,
    /// 生产生活困难
    Hardship,
    /// 政策咨询
    PolicyQuestion,
    /// 基础设施
    Infrastructure,
    /// 医疗教育
    HealthEducation,
    /// 产业发展
    Industry,
    /// 其他
    Other,
}

impl MatterCategory {
    pub const ALL: [MatterCategory; 7] = [
        MatterCategory::Dispute,
        MatterCategory::Hardship,
        MatterCategory::PolicyQuestion,
        MatterCategory::Infrastructure,
        MatterCategory::HealthEducation,
        MatterCategory::Industry,
        MatterCategory::Other,
    ];

    /// Stored in records.
    pub fn label(self) -> &'static str {
        match self {
            MatterCategory::Dispute => "矛盾纠纷",
            MatterCategory::Hardship => "生产生活困难",
            MatterCategory::PolicyQuestion => "政策咨询",
            MatterCategory::Infrastructure => "基础设施",
            MatterCategory::HealthEducation => "医疗教育",
            MatterCategory::Industry => "产业发展",
            MatterCategory::Other => "其他",
        }
    }

    pub fn from_label(text: &str) -> Option<MatterCategory> {
        MatterCategory::ALL.into_iter().find(|c| c.label() == text)
    }
}

/// A diary entry's facts, as lists and counts read them from its record. Its texts are apart
/// (`DiaryTexts`): a county holds 200,000 entries, and lists never need the texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Diary {
    pub id: RecordId,
    pub date: Option<NaiveDate>,
    pub writer: Option<RecordId>,
    pub village: Option<RecordId>,
    /// In the order written, each once.
    pub households: Vec<RecordId>,
    pub roles: Roles,
    pub category: Option<MatterCategory>,
    pub follow_up: bool,
    /// When the entry was first written (its oldest current stamp): orders entries of one day,
    /// the latest written first.
    pub written: Hlc,
}

/// A diary entry's texts: empty when the record lacks them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiaryTexts {
    /// 同行人员.
    pub companions: String,
    /// 民情.
    pub situation: String,
    /// 诉求.
    pub request: String,
    /// 现场处理.
    pub action: String,
}

impl DiaryTexts {
    pub fn from_record(r: &Record) -> DiaryTexts {
        let text = |f: &str| r.text(f).unwrap_or_default().to_string();
        DiaryTexts {
            companions: text(COMPANIONS),
            situation: text(SITUATION),
            request: text(REQUEST),
            action: text(ACTION),
        }
    }
}

impl Diary {
    pub fn from_record(r: &Record) -> Diary {
        let mut households: Vec<RecordId> = Vec::new();
        for id in r.value(HOUSEHOLDS).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if let Some(id) = RecordId::parse(id).filter(|id| !households.contains(id)) {
                households.push(id);
            }
        }
        let listed: Vec<Role> = match r.value(ROLES).and_then(Value::as_array) {
            Some(a) => a.iter().filter_map(|v| v.as_str().and_then(Role::from_label)).collect(),
            None => r.text(LEGACY_ROLE).and_then(Role::from_label).into_iter().collect(),
        };
        Diary {
            id: r.id.clone(),
            date: r.text(DATE).and_then(parse_iso),
            writer: r.text(WRITER).and_then(RecordId::parse),
            village: r.text(VILLAGE).and_then(RecordId::parse),
            households,
            roles: listed.into_iter().collect(),
            category: r.text(CATEGORY).and_then(MatterCategory::from_label),
            follow_up: r.value(FOLLOW_UP).and_then(Value::as_bool).unwrap_or(false),
            written: r.written(),
        }
    }

    /// The diary a creating edit would make (to show it before it is saved, and in tests).
    pub fn from_edit(edit: &Edit) -> Option<Diary> {
        let Edit::Create { id, kind: k, fields } = edit else { return None };
        (k == kind::DIARY).then(|| Diary::from_record(&Record::unstamped(id, k, fields)))
    }
}

/// The page as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiaryDraft {
    /// 走访时间 in any form `parse_user_date` reads.
    pub date: String,
    pub writer: Option<RecordId>,
    pub companions: String,
    pub village: Option<RecordId>,
    pub households: Vec<RecordId>,
    pub roles: Vec<Role>,
    pub category: Option<MatterCategory>,
    pub situation: String,
    pub request: String,
    pub action: String,
    pub follow_up: bool,
}

impl DiaryDraft {
    /// The page filled from a stored diary, for editing.
    pub fn from_diary(d: &Diary, t: &DiaryTexts) -> DiaryDraft {
        DiaryDraft {
            date: d.date.map(iso).unwrap_or_default(),
            writer: d.writer.clone(),
            companions: t.companions.clone(),
            village: d.village.clone(),
            households: d.households.clone(),
            roles: d.roles.iter().collect(),
            category: d.category,
            situation: t.situation.clone(),
            request: t.request.clone(),
            action: t.action.clone(),
            follow_up: d.follow_up,
        }
    }
}

/// The page's inputs, so a problem is shown at its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Date,
    Writer,
    Companions,
    Village,
    Households,
    Roles,
    Category,
    Situation,
    Request,
    Action,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong(usize),
    DateInvalid,
    /// A visit dated after today.
    DateInFuture,
    /// The writer is neither a member nor a cadre record this station knows.
    WriterUnknown,
    VillageUnknown,
    /// The village was closed (撤销 / 撤并) on or before the visit date.
    VillageClosed,
    /// A household not on the register.
    HouseholdUnknown(RecordId),
    /// A household closed (迁出 / 户销) on or before the visit date.
    HouseholdClosed(RecordId),
    /// A household of another village than the one visited.
    HouseholdInOtherVillage(RecordId),
    /// A household whose village was closed on or before the visit date.
    HouseholdVillageClosed(RecordId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: Field,
    pub problem: Problem,
}

/// What the page needs to know of the station.
pub struct Context<'a> {
    pub orgs: &'a [Org],
    /// Every household, closed ones included (a visit before it moved away may be edited); a
    /// household added on the spot is passed too (`Household::from_edit`).
    pub households: &'a [Household],
    /// Whether a record id is a member or cadre who may write diaries.
    pub writer_known: &'a dyn Fn(&RecordId) -> bool,
    pub today: NaiveDate,
}

/// Checks a diary page and returns the fields to store, or every problem found. Closings are
/// judged on the visit date: a visit made before a household moved away or a village was merged
/// stays valid when edited later; a visit on or after it is refused.
pub fn check_diary(draft: &DiaryDraft, cx: &Context) -> Result<Vec<(String, Value)>, Vec<Finding>> {
    let mut findings = Vec::new();
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut problem = |field: Field, problem: Problem| findings.push(Finding { field, problem });

    let date = match parse_user_date(&draft.date) {
        Ok(None) => {
            problem(Field::Date, Problem::Required);
            None
        }
        Ok(Some(d)) if d > cx.today => {
            problem(Field::Date, Problem::DateInFuture);
            None
        }
        Ok(Some(d)) => Some(d),
        Err(_) => {
            problem(Field::Date, Problem::DateInvalid);
            None
        }
    };
    if let Some(d) = date {
        fields.push((DATE.into(), json!(iso(d))));
    }
    // Closings count from their date on; without a visit date, from any date.
    let closed_by_visit = |closed: Option<NaiveDate>| closed.is_some_and(|c| date.is_none_or(|d| d >= c));

    match &draft.writer {
        None => problem(Field::Writer, Problem::Required),
        Some(w) if !(cx.writer_known)(w) => problem(Field::Writer, Problem::WriterUnknown),
        Some(w) => fields.push((WRITER.into(), json!(w.as_str()))),
    }

    let village = match &draft.village {
        None => {
            problem(Field::Village, Problem::Required);
            None
        }
        Some(v) => match cx.orgs.iter().find(|o| &o.id == v) {
            None => {
                problem(Field::Village, Problem::VillageUnknown);
                None
            }
            Some(o) if closed_by_visit(o.closed) => {
                problem(Field::Village, Problem::VillageClosed);
                None
            }
            Some(o) => {
                fields.push((VILLAGE.into(), json!(v.as_str())));
                Some(&o.id)
            }
        },
    };

    let mut households: Vec<&RecordId> = Vec::new();
    for id in &draft.households {
        if !households.contains(&id) {
            households.push(id);
        }
    }
    if households.is_empty() {
        problem(Field::Households, Problem::Required);
    }
    for id in &households {
        let id = (*id).clone();
        match cx.households.iter().find(|h| h.id == id) {
            None => problem(Field::Households, Problem::HouseholdUnknown(id)),
            Some(h) if closed_by_visit(h.closed) => problem(Field::Households, Problem::HouseholdClosed(id)),
            Some(h) => {
                let home = h.village.as_ref().and_then(|v| cx.orgs.iter().find(|o| &o.id == v));
                if home.is_some_and(|o| closed_by_visit(o.closed)) {
                    problem(Field::Households, Problem::HouseholdVillageClosed(id));
                } else if village.is_some() && h.village.as_ref() != village {
                    problem(Field::Households, Problem::HouseholdInOtherVillage(id));
                }
            }
        }
    }
    fields.push((HOUSEHOLDS.into(), Value::Array(households.iter().map(|h| json!(h.as_str())).collect())));

    if draft.roles.is_empty() {
        problem(Field::Roles, Problem::Required);
    }
    let roles: Vec<Value> =
        Role::ALL.into_iter().filter(|r| draft.roles.contains(r)).map(|r| json!(r.label())).collect();
    fields.push((ROLES.into(), Value::Array(roles)));

    match draft.category {
        None => problem(Field::Category, Problem::Required),
        Some(c) => fields.push((CATEGORY.into(), json!(c.label()))),
    }

    let companions = clean(&draft.companions);
    if companions.chars().count() > COMPANIONS_MAX_CHARS {
        problem(Field::Companions, Problem::TooLong(COMPANIONS_MAX_CHARS));
    }
    fields.push((COMPANIONS.into(), json!(companions)));

    // Notebook texts keep their line breaks; white space alone is empty.
    let mut text = |field: Field, key: &str, typed: &str, max: usize, required: bool| {
        let t = typed.trim();
        if required && t.is_empty() {
            problem(field, Problem::Required);
        } else if t.chars().count() > max {
            problem(field, Problem::TooLong(max));
        }
        fields.push((key.into(), json!(t)));
    };
    text(Field::Situation, SITUATION, &draft.situation, SITUATION_MAX_CHARS, true);
    text(Field::Request, REQUEST, &draft.request, REQUEST_MAX_CHARS, false);
    text(Field::Action, ACTION, &draft.action, ACTION_MAX_CHARS, false);
    fields.push((FOLLOW_UP.into(), json!(draft.follow_up)));

    if findings.is_empty() {
        Ok(fields)
    } else {
        Err(findings)
    }
}

/// Who may write a village's diary, in the order the page offers them: the township's 包村干部
/// serving that village on `today` first, then the cadres of the village, then the village's
/// members on the roster, then the other serving cadres of its township (of the township's own
/// organizations, not of its other villages: a county's thousands of village cadres are no
/// choice in one list), and last `chosen` if none of these (an entry's writer since moved).
/// Without a village, the serving cadres of every organization that is not a village. Each
/// person once (a cadre holding with a member record is offered as the member); names in
/// collation order within a group. Each choice: (writer id, name, is a 包村干部 of the village).
pub fn writer_choices(
    village: Option<&RecordId>,
    chosen: Option<&RecordId>,
    people: WriterSources,
    pinyin: &super::pinyin::Pinyin,
    today: NaiveDate,
) -> Vec<(RecordId, String, bool)> {
    let WriterSources { orgs, liaisons, cadres, members } = people;
    let serving: Vec<&super::cadre::Cadre> = cadres.iter().filter(|c| c.serves_on(today)).collect();
    let is_township =
        |id: &RecordId| orgs.iter().any(|o| &o.id == id && o.category == Some(OrgCategory::TownshipCommittee));
    // Each organization once: whether it is a village, and the township committee it is in
    // (itself, or the nearest above it).
    let places: IdMap<(bool, Option<RecordId>)> = orgs
        .iter()
        .map(|o| {
            let township = super::org::with_ancestors(orgs, &o.id).into_iter().find(|a| is_township(a));
            (o.id.clone(), (super::cadre::is_village_org(o, orgs), township))
        })
        .collect();
    let place = |org: Option<&RecordId>| org.and_then(|id| places.get(id));
    let village_township = place(village).and_then(|(_, township)| township.as_ref());
    let of_township = |c: &&&super::cadre::Cadre| match place(c.org.as_ref()) {
        Some((true, _)) => false,
        Some((false, township)) => village.is_none() || township.as_ref() == village_township,
        None => true,
    };
    let mut groups: [Vec<(RecordId, String)>; 5] = Default::default();
    if let Some(v) = village {
        for l in liaisons.iter().filter(|l| l.village.as_ref() == Some(v) && l.current_on(today)) {
            if let Some(c) = l.cadre.as_ref().and_then(|id| cadres.iter().find(|c| &c.id == id)) {
                groups[0].push((c.writer_id(), c.person.name.clone()));
            }
        }
        for c in serving.iter().filter(|c| c.org.as_ref() == Some(v)) {
            groups[1].push((c.writer_id(), c.person.name.clone()));
        }
        for m in members.iter().filter(|m| m.is_current() && m.org.as_ref() == Some(v)) {
            groups[2].push((m.id.clone(), m.name.clone()));
        }
    }
    for c in serving.iter().filter(of_township) {
        groups[3].push((c.writer_id(), c.person.name.clone()));
    }
    if let Some(id) = chosen {
        let member = members.iter().find(|m| &m.id == id).map(|m| m.name.clone());
        let cadre = || cadres.iter().find(|c| c.is_person(id)).map(|c| c.person.name.clone());
        if let Some(name) = member.or_else(cadre) {
            groups[4].push((id.clone(), name));
        }
    }
    let mut seen = IdSet::default();
    let mut out = Vec::new();
    for (g, mut group) in groups.into_iter().enumerate() {
        crate::sort::sort_by_cached_key(&mut group, |(id, name)| (pinyin.name_key(name), id.clone()));
        for (id, name) in group {
            if seen.insert(id.clone()) {
                out.push((id, name, g == 0));
            }
        }
    }
    out
}

/// The records `writer_choices` offers people from.
#[derive(Clone, Copy)]
pub struct WriterSources<'a> {
    pub orgs: &'a [Org],
    pub liaisons: &'a [super::cadre::Liaison],
    pub cadres: &'a [super::cadre::Cadre],
    pub members: &'a [super::member::Member],
}

/// The edit that saves checked fields: a new diary (empty texts left out), or the changed one.
/// To add a household on the spot, save its creating edit (`household::household_edit`) in the
/// same commit, before this one.
pub fn diary_edit(fields: Vec<(String, Value)>, editing: Option<RecordId>, new_id: RecordId) -> Edit {
    match editing {
        Some(id) => Edit::Update { id, fields },
        None => Edit::Create {
            id: new_id,
            kind: kind::DIARY.to_string(),
            fields: fields.into_iter().filter(|(_, v)| v.as_str() != Some("")).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household::{self as hh, Category, HouseholdDraft};
    use crate::org::OrgCategory;
    use crate::test_support::{day, rid};

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    fn orgs() -> Vec<Org> {
        let mut merged = Org::new(rid(4), "石桥村党支部", Some(OrgCategory::Branch), Some(rid(1)));
        merged.closed = Some(day("2026-06-01"));
        merged.merged_into = Some(rid(2));
        vec![
            Org::new(rid(1), "坪塘镇党委", Some(OrgCategory::TownshipCommittee), None),
            Org::new(rid(2), "山塘村党总支", Some(OrgCategory::GeneralBranch), Some(rid(1))),
            Org::new(rid(3), "新湾村党支部", Some(OrgCategory::Branch), Some(rid(1))),
            merged,
        ]
    }

    fn household(n: u8, village: u8) -> Household {
        let d = HouseholdDraft {
            village: Some(rid(village)),
            head: format!("户主{n}"),
            categories: vec![Category::Poor],
            ..Default::default()
        };
        let edit = hh::household_edit(
            hh::check_household(
                &d,
                None,
                &hh::Context {
                    households: &[],
                    orgs: &[Org::new(rid(village), "村", Some(OrgCategory::Branch), None)],
                    members: &[],
                    today: today(),
                },
            )
            .unwrap(),
            None,
            rid(n),
        );
        Household::from_edit(&edit).unwrap()
    }

    fn households() -> Vec<Household> {
        let mut moved = household(22, 2);
        moved.closed = Some(day("2026-03-01"));
        vec![household(20, 2), household(21, 2), moved, household(23, 3), household(24, 4)]
    }

    fn draft() -> DiaryDraft {
        DiaryDraft {
            date: "2026-11-20".into(),
            writer: Some(rid(50)),
            companions: "李会计".into(),
            village: Some(rid(2)),
            households: vec![rid(20), rid(21), rid(20)],
            roles: vec![Role::Servant, Role::Propagandist],
            category: Some(MatterCategory::Infrastructure),
            situation: "  村道塌方，出行不便。\n雨后更甚。 ".into(),
            request: "希望尽快修复。".into(),
            action: String::new(),
            follow_up: true,
        }
    }

    fn check(d: &DiaryDraft) -> Result<Vec<(String, Value)>, Vec<Finding>> {
        let orgs = orgs();
        let households = households();
        let known = |id: &RecordId| id == &rid(50);
        check_diary(d, &Context { orgs: &orgs, households: &households, writer_known: &known, today: today() })
    }

    fn problems(d: &DiaryDraft) -> Vec<(Field, Problem)> {
        check(d).err().unwrap_or_default().into_iter().map(|f| (f.field, f.problem)).collect()
    }

    #[test]
    fn a_complete_page_is_saved_and_reads_back() {
        let edit = diary_edit(check(&draft()).unwrap(), None, rid(60));
        let Edit::Create { fields, .. } = &edit else { panic!() };
        assert!(!fields.iter().any(|(k, _)| k == ACTION), "an empty text is left out of a new diary");
        let d = Diary::from_edit(&edit).unwrap();
        assert_eq!(d.date, Some(day("2026-11-20")));
        assert_eq!(d.households, vec![rid(20), rid(21)], "each household once");
        assert_eq!(d.roles.iter().collect::<Vec<_>>(), vec![Role::Propagandist, Role::Servant], "fixed order");
        assert_eq!(d.category, Some(MatterCategory::Infrastructure));
        let Edit::Create { id, kind: k, fields } = &edit else { panic!() };
        let t = DiaryTexts::from_record(&Record::unstamped(id, k, fields));
        assert_eq!(t.situation, "村道塌方，出行不便。\n雨后更甚。");
        assert!(d.follow_up);
        let again = DiaryDraft::from_diary(&d, &t);
        assert_eq!(again.households, vec![rid(20), rid(21)]);
        assert_eq!(again.situation, t.situation);
    }

    #[test]
    fn future_visits_and_empty_situations_are_refused_at_their_field() {
        let mut d = draft();
        d.date = "2026-11-25".into();
        d.situation = " \n ".into();
        assert_eq!(problems(&d), vec![(Field::Date, Problem::DateInFuture), (Field::Situation, Problem::Required)]);
        d.date = "2026-02-30".into();
        d.situation = "有".into();
        assert_eq!(problems(&d), vec![(Field::Date, Problem::DateInvalid)]);
        d.date = "2026-11-24".into();
        assert!(check(&d).is_ok(), "today is fine");
        d.situation = "字".repeat(SITUATION_MAX_CHARS + 1);
        assert_eq!(problems(&d), vec![(Field::Situation, Problem::TooLong(SITUATION_MAX_CHARS))]);
    }

    #[test]
    fn required_items() {
        let p = problems(&DiaryDraft::default());
        for field in [
            Field::Date,
            Field::Writer,
            Field::Village,
            Field::Households,
            Field::Roles,
            Field::Category,
            Field::Situation,
        ] {
            assert!(p.contains(&(field, Problem::Required)), "{field:?} {p:?}");
        }
        let mut d = draft();
        d.writer = Some(rid(51));
        assert_eq!(problems(&d), vec![(Field::Writer, Problem::WriterUnknown)]);
    }

    #[test]
    fn households_must_be_open_and_of_the_village_on_the_visit_date() {
        let mut d = draft();
        d.households = vec![rid(22)];
        assert_eq!(problems(&d), vec![(Field::Households, Problem::HouseholdClosed(rid(22)))]);
        d.date = "2026-02-28".into();
        assert!(check(&d).is_ok(), "a visit before it moved away");
        d.households = vec![rid(23), rid(99)];
        assert_eq!(
            problems(&d),
            vec![
                (Field::Households, Problem::HouseholdInOtherVillage(rid(23))),
                (Field::Households, Problem::HouseholdUnknown(rid(99)))
            ]
        );
        // A household left in a merged village, visited after the merge.
        d = draft();
        d.village = Some(rid(4));
        d.households = vec![rid(24)];
        assert_eq!(
            problems(&d),
            vec![
                (Field::Village, Problem::VillageClosed),
                (Field::Households, Problem::HouseholdVillageClosed(rid(24)))
            ]
        );
        d.date = "2026-05-31".into();
        assert!(check(&d).is_ok(), "before the merge");
    }

    #[test]
    fn older_diaries_with_one_role_read() {
        let station = crate::station::StationId::from_random([1; 8]);
        let mut r = Record::new(rid(70), kind::DIARY, station);
        r.set(LEGACY_ROLE, json!("矛盾纠纷调解员"), crate::clock::Hlc::new(1, 0), &station);
        r.set(CATEGORY, json!("不认识的类别"), crate::clock::Hlc::new(1, 0), &station);
        let d = Diary::from_record(&r);
        assert_eq!(d.roles.iter().collect::<Vec<_>>(), vec![Role::Mediator]);
        assert_eq!(d.category, None);
        assert!(!d.follow_up && d.households.is_empty());
        for c in MatterCategory::ALL {
            assert_eq!(MatterCategory::from_label(c.label()), Some(c));
        }
        for role in Role::ALL {
            assert_eq!(Role::from_label(role.label()), Some(role));
        }
    }

    #[test]
    fn a_diary_links_its_households_for_exchange() {
        let edit = diary_edit(check(&draft()).unwrap(), None, rid(60));
        let Edit::Create { id, kind: k, fields } = &edit else { panic!() };
        let r = Record::unstamped(id, k, fields);
        let mut seen = Vec::new();
        (KIND.other_links.unwrap())(&r, &mut |id| seen.push(id.to_string()));
        assert_eq!(seen, vec![rid(20).to_string(), rid(21).to_string()]);
    }

    #[test]
    fn writers_offered_are_the_villages_people_and_its_townships_cadres_not_other_villages() {
        use crate::test_support::org;
        let orgs = vec![
            org(1, "坪塘镇党委", OrgCategory::TownshipCommittee, None),
            org(2, "新村支部", OrgCategory::Branch, Some(1)),
            org(3, "旧村支部", OrgCategory::Branch, Some(1)),
            org(4, "坪塘镇机关支部", OrgCategory::Branch, Some(1)),
            org(5, "白沙镇党委", OrgCategory::TownshipCommittee, None),
        ];
        let cadre = |n: u8, name: &str, at: u8| super::super::cadre::Cadre {
            id: rid(n),
            person: super::super::person::Person { name: name.into(), ..Default::default() },
            member: None,
            org: Some(rid(at)),
            posts: Vec::new(),
            term_start: None,
            term_end: None,
            ended: None,
            midterm_review: None,
        };
        let cadres = vec![
            cadre(10, "新村主任", 2),
            cadre(11, "旧村主任", 3),
            cadre(12, "镇长", 1),
            cadre(13, "机关干事", 4),
            cadre(14, "白沙镇长", 5),
        ];
        let people = WriterSources { orgs: &orgs, liaisons: &[], cadres: &cadres, members: &[] };
        let pinyin = super::super::pinyin::Pinyin::default();
        let names = |chosen: Option<&RecordId>, village: Option<&RecordId>| -> Vec<String> {
            writer_choices(village, chosen, people, &pinyin, today()).into_iter().map(|(_, n, _)| n).collect()
        };
        let for_new = names(None, Some(&rid(2)));
        assert_eq!(for_new[0], "新村主任", "the village's cadres first");
        assert!(for_new.contains(&"镇长".to_string()) && for_new.contains(&"机关干事".to_string()));
        assert!(!for_new.contains(&"旧村主任".to_string()), "another village's cadre: {for_new:?}");
        assert!(!for_new.contains(&"白沙镇长".to_string()), "another township's cadre: {for_new:?}");
        // An entry written by a cadre of another village keeps its writer offered, last.
        assert_eq!(names(Some(&rid(11)), Some(&rid(2))).last().map(String::as_str), Some("旧村主任"));
        // No village chosen: every cadre not of a village.
        let anywhere = names(None, None);
        assert_eq!(anywhere.len(), 3, "{anywhere:?}");
    }
}
