//! 干部: who holds which post in a village (村"两委", 村务监督委员会) or the township, for which term
//! (届); the 届中考察 a term and a half year in; the 后备干部 pool and its structure; and 包村干部,
//! township cadres each assigned to one village for three years, with the check that every
//! village has one.
//!
//! A holding record (kind `cadre`) is one person in one organization with one or more posts:
//! 兼任 is normal, and 书记兼主任 is the "一肩挑" the reforms push for. Periods are half-open: a
//! term or assignment ending on a day is over that day, so a successor starting the same day does
//! not overlap it.

use super::date::{add_years, iso, parse_input, sub_months, DateError};
use super::kinds::{KindInfo, Reference};
use super::member::Member;
use super::order::{sort_by_key, Key};
use super::org::{Org, OrgCategory};
use super::person::{check_person, clean, id_key, Person, PersonDraft, PersonError, Structure};
use super::pinyin::Pinyin;
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// The organization the posts belong to: a village's 党总支/党支部, or the 乡镇党委.
pub const ORG: &str = "org";
/// The person's member record, if they are a party member.
pub const MEMBER: &str = "member";
/// The posts held, as an array of `Post` labels.
pub const POSTS: &str = "posts";
pub const TERM_START: &str = "term_start";
pub const TERM_END: &str = "term_end";
/// Left office before the term's end (or, for reserves and liaisons, left the pool/assignment).
pub const ENDED: &str = "ended";
/// The date of the 届中考察.
pub const MIDTERM_REVIEW: &str = "midterm_review";

/// Reserve cadre: the date selected into the pool, and a note (how selected, strengths).
pub const SELECTED: &str = "selected";
pub const NOTE: &str = "note";

/// Liaison: the township cadre's holding record, the village, and the assignment's period.
pub const CADRE: &str = "cadre";
pub const VILLAGE: &str = "village";
pub const START: &str = "start";
pub const END: &str = "end";

/// Posts and reserves belong to an organization and may name the person's member record.
const HELD_IN: &[Reference] = &[Reference::to(ORG, kind::ORG).required(), Reference::to(MEMBER, kind::MEMBER)];

pub const KIND: KindInfo = KindInfo {
    name: kind::CADRE,
    label: "干部任职",
    references: HELD_IN,
    other_links: None,
    rank: 2,
    read_at_start: false,
};

pub const RESERVE_KIND: KindInfo = KindInfo { name: kind::RESERVE_CADRE, label: "后备干部", ..KIND };

pub const LIAISON_KIND: KindInfo = KindInfo {
    name: kind::LIAISON,
    label: "包村干部",
    references: &[Reference::to(VILLAGE, kind::ORG).required(), Reference::to(CADRE, kind::CADRE)],
    other_links: None,
    rank: 3,
    read_at_start: false,
};

/// 村"两委" terms are five years since the 2018 revisions.
pub const TERM_YEARS: u32 = 5;
/// 届中考察 falls a year and a half into the term.
pub const MIDTERM_MONTHS: u32 = 18;
/// The review shows as due from a month before its date.
pub const MIDTERM_NOTICE_MONTHS: u32 = 1;
/// 包村干部: "一包3年".
pub const LIAISON_YEARS: u32 = 3;
pub const NOTE_MAX_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Village,
    Township,
}

/// The body a post belongs to; a person holds at most one post in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Body {
    VillageParty,
    VillageCommittee,
    VillageSupervision,
    TownshipParty,
    TownshipGovernment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Post {
    PartySecretary,
    PartyDeputySecretary,
    PartyCommitteeMember,
    VillageDirector,
    VillageDeputyDirector,
    VillageCommitteeMember,
    SupervisionDirector,
    TownshipSecretary,
    TownshipDeputySecretary,
    TownshipCommitteeMember,
    TownshipHead,
    TownshipDeputyHead,
    TownshipStaff,
}

impl Post {
    pub const ALL: [Post; 13] = [
        Post::PartySecretary,
        Post::PartyDeputySecretary,
        Post::PartyCommitteeMember,
        Post::VillageDirector,
        Post::VillageDeputyDirector,
        Post::VillageCommitteeMember,
        Post::SupervisionDirector,
        Post::TownshipSecretary,
        Post::TownshipDeputySecretary,
        Post::TownshipCommitteeMember,
        Post::TownshipHead,
        Post::TownshipDeputyHead,
        Post::TownshipStaff,
    ];

    /// The stored value (as on the forms and in spreadsheets).
    pub fn label(self) -> &'static str {
        match self {
            Post::PartySecretary => "村党组织书记",
            Post::PartyDeputySecretary => "村党组织副书记",
            Post::PartyCommitteeMember => "村党组织委员",
            Post::VillageDirector => "村委会主任",
            Post::VillageDeputyDirector => "村委会副主任",
            Post::VillageCommitteeMember => "村委会委员",
            Post::SupervisionDirector => "村务监督委员会主任",
            Post::TownshipSecretary => "乡镇党委书记",
            Post::TownshipDeputySecretary => "乡镇党委副书记",
            Post::TownshipCommitteeMember => "乡镇党委委员",
            Post::TownshipHead => "乡镇长",
            Post::TownshipDeputyHead => "副乡镇长",
            Post::TownshipStaff => "乡镇干部",
        }
    }

    pub fn from_label(text: &str) -> Option<Post> {
        Post::ALL.into_iter().find(|p| p.label() == text)
    }

    pub fn body(self) -> Body {
        use Post::*;
        match self {
            PartySecretary | PartyDeputySecretary | PartyCommitteeMember => Body::VillageParty,
            VillageDirector | VillageDeputyDirector | VillageCommitteeMember => Body::VillageCommittee,
            SupervisionDirector => Body::VillageSupervision,
            TownshipSecretary | TownshipDeputySecretary | TownshipCommitteeMember => Body::TownshipParty,
            TownshipHead | TownshipDeputyHead | TownshipStaff => Body::TownshipGovernment,
        }
    }

    pub fn level(self) -> Level {
        match self.body() {
            Body::VillageParty | Body::VillageCommittee | Body::VillageSupervision => Level::Village,
            Body::TownshipParty | Body::TownshipGovernment => Level::Township,
        }
    }

    /// Posts one person holds at a time in an organization.
    pub fn is_single_holder(self) -> bool {
        use Post::*;
        matches!(self, PartySecretary | VillageDirector | SupervisionDirector | TownshipSecretary | TownshipHead)
    }
}

/// Whether an organization is a village's (or community's) own party organization: a 党总支 or
/// 党支部 at the top of a station's tree or directly under the township committee, other than the
/// township office's own 机关 branch. Branches inside a 党总支 are parts of its village, and
/// enterprise branches are not villages.
pub fn is_village_org(org: &Org, orgs: &[Org]) -> bool {
    let parent = org.parent.as_ref().and_then(|p| orgs.iter().find(|o| &o.id == p));
    matches!(org.category, Some(OrgCategory::GeneralBranch | OrgCategory::Branch))
        && parent.is_none_or(|p| p.category == Some(OrgCategory::TownshipCommittee))
        && !org.name.contains("机关")
}

/// The villages (in the order the organization tree shows them).
pub fn village_orgs<'a>(orgs: &'a [Org], pinyin: &Pinyin) -> Vec<&'a Org> {
    super::org::tree_order(orgs, pinyin).into_iter().map(|(_, o)| o).filter(|o| is_village_org(o, orgs)).collect()
}

/// The current members of `org` and of the organizations under it, in Chinese collation (by
/// pinyin, as the member list sorts names): whom a cadre or reserve form offers from the roster.
pub fn roster_choices<'a>(members: &'a [Member], orgs: &[Org], org: &RecordId, pinyin: &Pinyin) -> Vec<&'a Member> {
    let within = super::org::subtree(orgs, org);
    let mut list: Vec<&Member> =
        members.iter().filter(|m| m.is_current() && m.org.as_ref().is_some_and(|o| within.contains(o))).collect();
    crate::sort::sort_by_cached_key(&mut list, |m| (pinyin.name_key(&m.name), m.id.clone()));
    list
}

fn date_of(r: &Record, field: &str) -> Option<NaiveDate> {
    r.text(field).and_then(super::date::parse_iso)
}

fn id_of(r: &Record, field: &str) -> Option<RecordId> {
    r.text(field).and_then(RecordId::parse)
}

/// `[start, until)` contains `day`; no start means "since always", no end "still".
fn within(day: NaiveDate, start: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    start.is_none_or(|s| s <= day) && until.is_none_or(|u| day < u)
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A holding of posts as the app reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cadre {
    pub id: RecordId,
    pub person: Person,
    pub member: Option<RecordId>,
    pub org: Option<RecordId>,
    /// Labels this version does not know are left out (and kept in the record).
    pub posts: Vec<Post>,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
    pub midterm_review: Option<NaiveDate>,
}

impl Cadre {
    pub fn from_record(r: &Record) -> Cadre {
        let posts = r
            .value(POSTS)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).filter_map(Post::from_label).collect())
            .unwrap_or_default();
        Cadre {
            id: r.id.clone(),
            person: Person::from_record(r),
            member: id_of(r, MEMBER),
            org: id_of(r, ORG),
            posts,
            term_start: date_of(r, TERM_START),
            term_end: date_of(r, TERM_END),
            ended: date_of(r, ENDED),
            midterm_review: date_of(r, MIDTERM_REVIEW),
        }
    }

    /// The level of the posts (a holding never mixes levels).
    pub fn level(&self) -> Option<Level> {
        self.posts.first().map(|p| p.level())
    }

    pub fn holds(&self, post: Post) -> bool {
        self.posts.contains(&post)
    }

    /// 一肩挑: the village party secretary is also the villagers' committee director.
    pub fn is_one_shoulder(&self) -> bool {
        self.holds(Post::PartySecretary) && self.holds(Post::VillageDirector)
    }

    /// The day the holding stops: the term's end or leaving office, whichever is first.
    pub fn until(&self) -> Option<NaiveDate> {
        earliest(self.term_end, self.ended)
    }

    pub fn serves_on(&self, day: NaiveDate) -> bool {
        within(day, self.term_start, self.until())
    }

    /// The id a diary names this cadre by as its writer: their member record, or the holding
    /// itself for a cadre who is not a member here.
    pub fn writer_id(&self) -> RecordId {
        self.member.clone().unwrap_or_else(|| self.id.clone())
    }

    /// Whether this holding is the person with the given record id (the holding or their member).
    pub fn is_person(&self, id: &RecordId) -> bool {
        &self.id == id || self.member.as_ref() == Some(id)
    }

    /// 届中考察: a village holding's term start plus 18 months.
    pub fn midterm_due(&self) -> Option<NaiveDate> {
        match self.level() {
            Some(Level::Village) => self.term_start.map(|s| super::date::add_months(s, MIDTERM_MONTHS)),
            _ => None,
        }
    }

    pub fn draft(&self) -> CadreDraft {
        CadreDraft {
            person: self.person.draft(),
            member: self.member.clone(),
            org: self.org.clone(),
            posts: self.posts.clone(),
            term_start: self.term_start.map(iso).unwrap_or_default(),
            term_end: self.term_end.map(iso).unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CadreDraft {
    pub person: PersonDraft,
    pub member: Option<RecordId>,
    pub org: Option<RecordId>,
    pub posts: Vec<Post>,
    /// YYYY-MM-DD; required for village posts (the term), optional for township posts.
    pub term_start: String,
    /// Empty for a village term means start + 5 years.
    pub term_end: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CadreError {
    Person(PersonError),
    MemberUnknown,
    OrgMissing,
    OrgUnknown,
    /// Village posts belong to a village's party organization (`is_village_org`).
    OrgNotVillage,
    /// Township posts belong to the 乡镇党委.
    OrgNotTownship,
    PostsEmpty,
    /// Village and township posts in one holding.
    PostsMixLevels,
    /// Two posts of one body (书记 and 委员 of the same 村党组织).
    TwoPostsInOneBody(Body),
    /// Members of the villagers' committee may not sit on the supervision committee that
    /// oversees it (村民委员会组织法).
    SupervisionWithVillageCommittee,
    TermStartMissing,
    TermStart(DateError),
    TermEnd(DateError),
    TermEndNotAfterStart,
}

struct CheckedCadre {
    person: Person,
    member: Option<RecordId>,
    org: RecordId,
    posts: Vec<Post>,
    term_start: Option<NaiveDate>,
    term_end: Option<NaiveDate>,
}

fn check_cadre(
    draft: &CadreDraft,
    orgs: &[Org],
    members: &[Member],
    today: NaiveDate,
) -> Result<CheckedCadre, CadreError> {
    let person = check_person(&draft.person, today).map_err(CadreError::Person)?;
    if let Some(m) = &draft.member {
        if !members.iter().any(|x| &x.id == m) {
            return Err(CadreError::MemberUnknown);
        }
    }
    let mut posts = draft.posts.clone();
    sort_by_key(&mut posts, post_key);
    posts.dedup();
    let level = posts.first().ok_or(CadreError::PostsEmpty)?.level();
    if posts.iter().any(|p| p.level() != level) {
        return Err(CadreError::PostsMixLevels);
    }
    if let Some(pair) = posts.windows(2).find(|w| w[0].body() == w[1].body()) {
        return Err(CadreError::TwoPostsInOneBody(pair[0].body()));
    }
    if posts.contains(&Post::SupervisionDirector) && posts.iter().any(|p| p.body() == Body::VillageCommittee) {
        return Err(CadreError::SupervisionWithVillageCommittee);
    }
    let org_id = draft.org.as_ref().ok_or(CadreError::OrgMissing)?;
    let org = orgs.iter().find(|o| &o.id == org_id).ok_or(CadreError::OrgUnknown)?;
    match level {
        Level::Village if !is_village_org(org, orgs) => return Err(CadreError::OrgNotVillage),
        Level::Township if org.category != Some(OrgCategory::TownshipCommittee) => {
            return Err(CadreError::OrgNotTownship)
        }
        _ => {}
    }
    let term_start = parse_input(&draft.term_start, None).map_err(CadreError::TermStart)?;
    let typed_end = parse_input(&draft.term_end, None).map_err(CadreError::TermEnd)?;
    let term_end = match (level, term_start, typed_end) {
        (Level::Village, None, _) => return Err(CadreError::TermStartMissing),
        (_, Some(s), Some(e)) if e <= s => return Err(CadreError::TermEndNotAfterStart),
        (Level::Village, Some(s), None) => Some(add_years(s, TERM_YEARS)),
        (_, _, e) => e,
    };
    Ok(CheckedCadre { person, member: draft.member.clone(), org: org_id.clone(), posts, term_start, term_end })
}

fn post_key(p: &Post) -> Key {
    Key::new().num(*p as i64)
}

fn posts_value(posts: &[Post]) -> Value {
    json!(posts.iter().map(|p| p.label()).collect::<Vec<_>>())
}

fn date_value(d: Option<NaiveDate>) -> Value {
    json!(d.map(iso).unwrap_or_default())
}

fn id_value(id: Option<&RecordId>) -> Value {
    json!(id.map(RecordId::as_str).unwrap_or_default())
}

/// Checks a new holding and turns it into a creating edit.
pub fn create_cadre(
    draft: &CadreDraft,
    id: RecordId,
    orgs: &[Org],
    members: &[Member],
    today: NaiveDate,
) -> Result<Edit, CadreError> {
    let c = check_cadre(draft, orgs, members, today)?;
    let mut fields = c.person.create_fields();
    fields.push((ORG.to_string(), json!(c.org.as_str())));
    fields.push((POSTS.to_string(), posts_value(&c.posts)));
    if let Some(m) = &c.member {
        fields.push((MEMBER.to_string(), json!(m.as_str())));
    }
    for (key, d) in [(TERM_START, c.term_start), (TERM_END, c.term_end)] {
        if let Some(d) = d {
            fields.push((key.to_string(), json!(iso(d))));
        }
    }
    Ok(Edit::Create { id, kind: kind::CADRE.to_string(), fields })
}

/// Checks an edited holding; the edit writes only what changed (`None` if nothing did).
pub fn update_cadre(
    old: &Cadre,
    draft: &CadreDraft,
    orgs: &[Org],
    members: &[Member],
    today: NaiveDate,
) -> Result<Option<Edit>, CadreError> {
    let c = check_cadre(draft, orgs, members, today)?;
    let mut fields = c.person.changed_fields(&old.person);
    let mut old_posts = old.posts.clone();
    sort_by_key(&mut old_posts, post_key);
    if c.posts != old_posts {
        fields.push((POSTS.to_string(), posts_value(&c.posts)));
    }
    if old.org.as_ref() != Some(&c.org) {
        fields.push((ORG.to_string(), json!(c.org.as_str())));
    }
    if old.member != c.member {
        fields.push((MEMBER.to_string(), id_value(c.member.as_ref())));
    }
    if old.term_start != c.term_start {
        fields.push((TERM_START.to_string(), date_value(c.term_start)));
    }
    if old.term_end != c.term_end {
        fields.push((TERM_END.to_string(), date_value(c.term_end)));
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: old.id.clone(), fields }))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndError {
    DateMissing,
    Date(DateError),
    /// Before the holding, selection or assignment began.
    BeforeStart,
}

fn end_date(text: &str, start: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, EndError> {
    let d = parse_input(text, Some(today)).map_err(EndError::Date)?.ok_or(EndError::DateMissing)?;
    if start.is_some_and(|s| d < s) {
        return Err(EndError::BeforeStart);
    }
    Ok(d)
}

/// Records leaving office before the term ends (辞职, 调整, 免职). An empty date takes it back.
pub fn end_holding(c: &Cadre, date: &str, today: NaiveDate) -> Result<Edit, EndError> {
    let value = match date.trim() {
        "" => None,
        text => Some(end_date(text, c.term_start, today)?),
    };
    Ok(Edit::Update { id: c.id.clone(), fields: vec![(ENDED.to_string(), date_value(value))] })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// Only village holdings with a term have a 届中考察.
    NoTerm,
    DateMissing,
    Date(DateError),
    BeforeTermStart,
}

/// Records the date of a holding's 届中考察.
pub fn record_midterm_review(c: &Cadre, date: &str, today: NaiveDate) -> Result<Edit, ReviewError> {
    let start = c.midterm_due().and(c.term_start).ok_or(ReviewError::NoTerm)?;
    let d = parse_input(date, Some(today)).map_err(ReviewError::Date)?.ok_or(ReviewError::DateMissing)?;
    if d < start {
        return Err(ReviewError::BeforeTermStart);
    }
    Ok(Edit::Update { id: c.id.clone(), fields: vec![(MIDTERM_REVIEW.to_string(), json!(iso(d)))] })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewState {
    NotYet,
    /// Within a month before the due date, or on it.
    Due,
    Overdue,
    Done(NaiveDate),
}

/// The 届中考察 state of a village holding on `today` (`None` for holdings without a term).
pub fn midterm_review_state(c: &Cadre, today: NaiveDate) -> Option<ReviewState> {
    let due = c.midterm_due()?;
    Some(match c.midterm_review {
        Some(d) => ReviewState::Done(d),
        None if today > due => ReviewState::Overdue,
        None if today >= sub_months(due, MIDTERM_NOTICE_MONTHS) => ReviewState::Due,
        None => ReviewState::NotYet,
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MidtermFinding {
    pub cadre: RecordId,
    pub org: Option<RecordId>,
    pub due: NaiveDate,
    pub overdue: bool,
}

/// Holdings in office on `today` whose 届中考察 is due or overdue and not recorded.
pub fn midterm_findings(cadres: &[Cadre], today: NaiveDate) -> Vec<MidtermFinding> {
    let mut out: Vec<MidtermFinding> = cadres
        .iter()
        .filter(|c| c.serves_on(today))
        .filter_map(|c| {
            let state = midterm_review_state(c, today)?;
            let due = c.midterm_due()?;
            matches!(state, ReviewState::Due | ReviewState::Overdue).then(|| MidtermFinding {
                cadre: c.id.clone(),
                org: c.org.clone(),
                due,
                overdue: state == ReviewState::Overdue,
            })
        })
        .collect();
    sort_by_key(&mut out, |f| {
        Key::new().date(f.due).opt_text(f.org.as_ref().map(RecordId::as_str)).text(f.cadre.as_str())
    });
    out
}

/// Two holdings in office on the same day with a post only one person holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostClash {
    pub org: RecordId,
    pub post: Post,
    pub holders: Vec<RecordId>,
}

/// Single-holder posts (书记, 主任, 监委会主任, 乡镇党委书记, 乡镇长) held by more than one person in one
/// organization on `day`: usually a predecessor whose leaving was not recorded.
pub fn post_clashes(cadres: &[Cadre], day: NaiveDate) -> Vec<PostClash> {
    let mut out: Vec<PostClash> = Vec::new();
    for c in cadres.iter().filter(|c| c.serves_on(day)) {
        let Some(org) = &c.org else { continue };
        for post in c.posts.iter().copied().filter(|p| p.is_single_holder()) {
            match out.iter_mut().find(|x| &x.org == org && x.post == post) {
                Some(x) => x.holders.push(c.id.clone()),
                None => out.push(PostClash { org: org.clone(), post, holders: vec![c.id.clone()] }),
            }
        }
    }
    out.retain(|x| x.holders.len() > 1);
    for x in &mut out {
        sort_by_key(&mut x.holders, |h| Key::new().text(h.as_str()));
    }
    sort_by_key(&mut out, |x| Key::new().text(x.org.as_str()).num(x.post as i64));
    out
}

/// A person in a village's reserve pool (后备干部).
#[derive(Clone, Debug, PartialEq)]
pub struct ReserveCadre {
    pub id: RecordId,
    pub person: Person,
    pub member: Option<RecordId>,
    pub org: Option<RecordId>,
    pub selected: Option<NaiveDate>,
    /// Left the pool (took a post, moved away, removed).
    pub ended: Option<NaiveDate>,
    pub note: String,
}

impl ReserveCadre {
    pub fn from_record(r: &Record) -> ReserveCadre {
        ReserveCadre {
            id: r.id.clone(),
            person: Person::from_record(r),
            member: id_of(r, MEMBER),
            org: id_of(r, ORG),
            selected: date_of(r, SELECTED),
            ended: date_of(r, ENDED),
            note: r.text(NOTE).unwrap_or_default().to_string(),
        }
    }

    pub fn in_pool_on(&self, day: NaiveDate) -> bool {
        within(day, self.selected, self.ended)
    }

    pub fn draft(&self) -> ReserveDraft {
        ReserveDraft {
            person: self.person.draft(),
            member: self.member.clone(),
            org: self.org.clone(),
            selected: self.selected.map(iso).unwrap_or_default(),
            note: self.note.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReserveDraft {
    pub person: PersonDraft,
    pub member: Option<RecordId>,
    pub org: Option<RecordId>,
    pub selected: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReserveError {
    Person(PersonError),
    MemberUnknown,
    OrgMissing,
    OrgUnknown,
    OrgNotVillage,
    SelectedMissing,
    Selected(DateError),
    NoteTooLong,
    /// The same person (identity number or member record) is in the pool already.
    AlreadyInPool(RecordId),
}

fn check_reserve(
    draft: &ReserveDraft,
    me: Option<&RecordId>,
    orgs: &[Org],
    members: &[Member],
    pool: &[ReserveCadre],
    today: NaiveDate,
) -> Result<(Person, RecordId, NaiveDate, String), ReserveError> {
    let person = check_person(&draft.person, today).map_err(ReserveError::Person)?;
    if let Some(m) = &draft.member {
        if !members.iter().any(|x| &x.id == m) {
            return Err(ReserveError::MemberUnknown);
        }
    }
    let org_id = draft.org.as_ref().ok_or(ReserveError::OrgMissing)?;
    let org = orgs.iter().find(|o| &o.id == org_id).ok_or(ReserveError::OrgUnknown)?;
    if !is_village_org(org, orgs) {
        return Err(ReserveError::OrgNotVillage);
    }
    let selected = parse_input(&draft.selected, Some(today))
        .map_err(ReserveError::Selected)?
        .ok_or(ReserveError::SelectedMissing)?;
    let note = clean(&draft.note);
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(ReserveError::NoteTooLong);
    }
    let key = id_key(&person.id_number, today);
    let same = |r: &ReserveCadre| {
        (key.is_some() && id_key(&r.person.id_number, today) == key)
            || (draft.member.is_some() && r.member == draft.member)
    };
    if let Some(r) = pool.iter().find(|r| Some(&r.id) != me && r.ended.is_none() && same(r)) {
        return Err(ReserveError::AlreadyInPool(r.id.clone()));
    }
    Ok((person, org_id.clone(), selected, note))
}

/// Adds a person to a village's reserve pool.
pub fn create_reserve(
    draft: &ReserveDraft,
    id: RecordId,
    orgs: &[Org],
    members: &[Member],
    pool: &[ReserveCadre],
    today: NaiveDate,
) -> Result<Edit, ReserveError> {
    let (person, org, selected, note) = check_reserve(draft, None, orgs, members, pool, today)?;
    let mut fields = person.create_fields();
    fields.push((ORG.to_string(), json!(org.as_str())));
    fields.push((SELECTED.to_string(), json!(iso(selected))));
    if let Some(m) = &draft.member {
        fields.push((MEMBER.to_string(), json!(m.as_str())));
    }
    if !note.is_empty() {
        fields.push((NOTE.to_string(), json!(note)));
    }
    Ok(Edit::Create { id, kind: kind::RESERVE_CADRE.to_string(), fields })
}

/// Checks an edited reserve cadre; writes only what changed.
pub fn update_reserve(
    old: &ReserveCadre,
    draft: &ReserveDraft,
    orgs: &[Org],
    members: &[Member],
    pool: &[ReserveCadre],
    today: NaiveDate,
) -> Result<Option<Edit>, ReserveError> {
    let (person, org, selected, note) = check_reserve(draft, Some(&old.id), orgs, members, pool, today)?;
    let mut fields = person.changed_fields(&old.person);
    if old.org.as_ref() != Some(&org) {
        fields.push((ORG.to_string(), json!(org.as_str())));
    }
    if old.member != draft.member {
        fields.push((MEMBER.to_string(), id_value(draft.member.as_ref())));
    }
    if old.selected != Some(selected) {
        fields.push((SELECTED.to_string(), json!(iso(selected))));
    }
    if old.note != note {
        fields.push((NOTE.to_string(), json!(note)));
    }
    Ok((!fields.is_empty()).then(|| Edit::Update { id: old.id.clone(), fields }))
}

/// Takes a person out of the pool on a date (empty takes it back).
pub fn leave_pool(r: &ReserveCadre, date: &str, today: NaiveDate) -> Result<Edit, EndError> {
    let value = match date.trim() {
        "" => None,
        text => Some(end_date(text, r.selected, today)?),
    };
    Ok(Edit::Update { id: r.id.clone(), fields: vec![(ENDED.to_string(), date_value(value))] })
}

/// The structure of the pool on `today` (those selected by then and not yet left): counts by
/// age band, 高中及以上, women.
pub fn reserve_structure(pool: &[ReserveCadre], today: NaiveDate) -> Structure {
    Structure::of(pool.iter().filter(|r| r.in_pool_on(today)).map(|r| &r.person), today)
}

/// 包村干部: a township cadre's assignment to a village.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Liaison {
    pub id: RecordId,
    /// The township cadre's holding record.
    pub cadre: Option<RecordId>,
    pub village: Option<RecordId>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Ended before `end` (调整).
    pub ended: Option<NaiveDate>,
}

impl Liaison {
    pub fn from_record(r: &Record) -> Liaison {
        Liaison {
            id: r.id.clone(),
            cadre: id_of(r, CADRE),
            village: id_of(r, VILLAGE),
            start: date_of(r, START),
            end: date_of(r, END),
            ended: date_of(r, ENDED),
        }
    }

    pub fn until(&self) -> Option<NaiveDate> {
        earliest(self.end, self.ended)
    }

    /// An assignment with no start is not treated as current: its dates are unknown.
    pub fn current_on(&self, day: NaiveDate) -> bool {
        self.start.is_some() && within(day, self.start, self.until())
    }

    fn overlaps(&self, other: &Liaison) -> bool {
        let (Some(a), Some(b)) = (self.start, other.start) else { return false };
        other.until().is_none_or(|u| a < u) && self.until().is_none_or(|u| b < u)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiaisonDraft {
    pub cadre: Option<RecordId>,
    pub village: Option<RecordId>,
    /// YYYY-MM-DD; the assignment ends 3 years later.
    pub start: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiaisonError {
    CadreMissing,
    CadreUnknown,
    /// 包村干部 are township cadres.
    NotTownshipCadre,
    /// The cadre is not in office on the start date.
    CadreNotServing,
    VillageMissing,
    VillageUnknown,
    NotVillage,
    StartMissing,
    Start(DateError),
    /// The cadre is assigned to another village for overlapping dates.
    AlreadyAssigned {
        liaison: RecordId,
        village: Option<RecordId>,
    },
}

/// Whether two holding records are the same person: the same record, or the same member.
fn same_person(a: &RecordId, b: &RecordId, cadres: &[Cadre]) -> bool {
    if a == b {
        return true;
    }
    let member = |id: &RecordId| cadres.iter().find(|c| &c.id == id).and_then(|c| c.member.clone());
    matches!((member(a), member(b)), (Some(x), Some(y)) if x == y)
}

/// Assigns a township cadre to a village for three years from `start`. Refused when the same
/// person is assigned elsewhere for overlapping dates ("每位乡镇干部相对固定承包1个村").
pub fn assign_liaison(
    draft: &LiaisonDraft,
    id: RecordId,
    cadres: &[Cadre],
    orgs: &[Org],
    liaisons: &[Liaison],
) -> Result<Edit, LiaisonError> {
    let cadre_id = draft.cadre.as_ref().ok_or(LiaisonError::CadreMissing)?;
    let cadre = cadres.iter().find(|c| &c.id == cadre_id).ok_or(LiaisonError::CadreUnknown)?;
    if cadre.level() != Some(Level::Township) {
        return Err(LiaisonError::NotTownshipCadre);
    }
    let village_id = draft.village.as_ref().ok_or(LiaisonError::VillageMissing)?;
    let village = orgs.iter().find(|o| &o.id == village_id).ok_or(LiaisonError::VillageUnknown)?;
    if !is_village_org(village, orgs) {
        return Err(LiaisonError::NotVillage);
    }
    // Planned assignments may start in the future.
    let start = parse_input(&draft.start, None).map_err(LiaisonError::Start)?.ok_or(LiaisonError::StartMissing)?;
    if !cadre.serves_on(start) {
        return Err(LiaisonError::CadreNotServing);
    }
    let end = add_years(start, LIAISON_YEARS);
    let new = Liaison {
        id: id.clone(),
        cadre: Some(cadre_id.clone()),
        village: Some(village_id.clone()),
        start: Some(start),
        end: Some(end),
        ended: None,
    };
    let clash = liaisons.iter().find(|l| {
        l.village.as_ref() != Some(village_id)
            && l.cadre.as_ref().is_some_and(|c| same_person(c, cadre_id, cadres))
            && l.overlaps(&new)
    });
    if let Some(l) = clash {
        return Err(LiaisonError::AlreadyAssigned { liaison: l.id.clone(), village: l.village.clone() });
    }
    Ok(Edit::Create {
        id,
        kind: kind::LIAISON.to_string(),
        fields: vec![
            (CADRE.to_string(), json!(cadre_id.as_str())),
            (VILLAGE.to_string(), json!(village_id.as_str())),
            (START.to_string(), json!(iso(start))),
            (END.to_string(), json!(iso(end))),
        ],
    })
}

/// Ends an assignment early (empty takes it back).
pub fn end_liaison(l: &Liaison, date: &str, today: NaiveDate) -> Result<Edit, EndError> {
    let value = match date.trim() {
        "" => None,
        text => Some(end_date(text, l.start, today)?),
    };
    Ok(Edit::Update { id: l.id.clone(), fields: vec![(ENDED.to_string(), date_value(value))] })
}

/// The villages (ids from `villages`, normally `village_orgs`) with no current liaison on
/// `today`, in the order given: "每个行政村都有1名以上包村干部".
pub fn villages_without_liaison<'a>(villages: &[&'a Org], liaisons: &[Liaison], today: NaiveDate) -> Vec<&'a Org> {
    villages
        .iter()
        .filter(|v| !liaisons.iter().any(|l| l.village.as_ref() == Some(&v.id) && l.current_on(today)))
        .copied()
        .collect()
}

/// One person assigned to two villages for overlapping dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiaisonOverlap {
    pub first: RecordId,
    pub second: RecordId,
}

/// Assignments of the same person (same holding, or holdings of the same member) to different
/// villages whose periods overlap: made at two stations without seeing each other, or entered
/// before an earlier one was ended. Each pair once, ordered by id.
pub fn liaison_overlaps(liaisons: &[Liaison], cadres: &[Cadre]) -> Vec<LiaisonOverlap> {
    let mut out = Vec::new();
    for (i, a) in liaisons.iter().enumerate() {
        for b in &liaisons[i + 1..] {
            let same = match (&a.cadre, &b.cadre) {
                (Some(x), Some(y)) => same_person(x, y, cadres),
                _ => false,
            };
            if same && a.village != b.village && a.overlaps(b) {
                let (first, second) = if a.id < b.id { (&a.id, &b.id) } else { (&b.id, &a.id) };
                out.push(LiaisonOverlap { first: first.clone(), second: second.clone() });
            }
        }
    }
    sort_by_key(&mut out, |x| Key::new().text(x.first.as_str()).text(x.second.as_str()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::member::{FEMALE, MALE};
    use crate::station::StationId;
    use crate::test_support::{day, org, rid};

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    fn orgs() -> Vec<Org> {
        use OrgCategory::*;
        vec![
            org(1, "坪塘镇党委", TownshipCommittee, None),
            org(2, "山塘村党总支", GeneralBranch, Some(1)),
            org(3, "山塘村第一党支部", Branch, Some(2)),
            org(4, "连山村党支部", Branch, Some(1)),
            org(5, "坪塘镇机关党支部", Branch, Some(1)),
            org(6, "三环颜料公司党支部", EnterpriseBranch, Some(1)),
            org(7, "兴丰村民小组党支部", VillageGroupBranch, Some(2)),
            org(8, "第一党小组", Group, Some(4)),
        ]
    }

    fn read(edit: &Edit) -> Record {
        let Edit::Create { id, kind: k, fields } = edit else { panic!("not a create: {edit:?}") };
        let station = StationId::from_random([1; 8]);
        let mut r = Record::new(id.clone(), k, station);
        for (i, (f, v)) in fields.iter().enumerate() {
            r.set(f, v.clone(), Hlc::new(1 + i as u64, 0), &station);
        }
        r
    }

    fn person(name: &str, sex: &str, birth: &str, education: &str) -> PersonDraft {
        PersonDraft {
            name: name.into(),
            sex: sex.into(),
            birth_date: birth.into(),
            education: education.into(),
            ..Default::default()
        }
    }

    fn village_draft(posts: &[Post], org: u8, start: &str) -> CadreDraft {
        CadreDraft {
            person: person("彭新建", MALE, "1975-04-01", "高中"),
            org: Some(rid(org)),
            posts: posts.to_vec(),
            term_start: start.into(),
            ..Default::default()
        }
    }

    fn cadre(id: u8, posts: &[Post], org: u8, start: &str) -> Cadre {
        Cadre::from_record(&read(
            &create_cadre(&village_draft(posts, org, start), rid(id), &orgs(), &[], today()).unwrap(),
        ))
    }

    fn township_cadre(id: u8, start: &str) -> Cadre {
        let d = CadreDraft {
            person: person("向阳", MALE, "1980-01-01", "本科"),
            org: Some(rid(1)),
            posts: vec![Post::TownshipStaff],
            term_start: start.into(),
            ..Default::default()
        };
        Cadre::from_record(&read(&create_cadre(&d, rid(id), &orgs(), &[], today()).unwrap()))
    }

    #[test]
    fn the_roster_offers_a_village_s_current_members_in_pinyin_order() {
        let member = |n: u8, name: &str, org: u8, left: bool| {
            let mut fields =
                vec![(crate::member::NAME.into(), json!(name)), (crate::member::ORG.into(), json!(rid(org).as_str()))];
            if left {
                fields.push((crate::member::LEFT.into(), json!("转出")));
            }
            Member::from_record(&read(&Edit::Create { id: rid(n), kind: kind::MEMBER.into(), fields }))
        };
        // By character code 张 < 李 < 王 < 阿; by pinyin a, li, wang, zhang.
        let members = vec![
            member(20, "张三", 3, false),
            member(21, "李四", 2, false),
            member(22, "王五", 8, false),
            member(23, "阿依古丽", 3, false),
            member(24, "陈六", 3, true),
            member(25, "赵七", 4, false),
        ];
        let py = Pinyin::built_in().unwrap();
        let names = |org: u8| -> Vec<&str> {
            roster_choices(&members, &orgs(), &rid(org), &py).into_iter().map(|m| m.name.as_str()).collect()
        };
        assert_eq!(names(2), ["阿依古丽", "李四", "张三"], "the village and its branches; not who left");
        assert_eq!(names(4), ["王五", "赵七"], "a group under the branch counts");
    }

    #[test]
    fn village_orgs_are_the_tops_of_villages() {
        let all = orgs();
        let pinyin = Pinyin::built_in().unwrap();
        let names: Vec<&str> = village_orgs(&all, &pinyin).iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["连山村党支部", "山塘村党总支"], "in tree order (siblings by pinyin)");
        // A village station keeps its own branch at the top of its tree.
        let alone = [org(9, "连山村党支部", OrgCategory::Branch, None)];
        assert_eq!(village_orgs(&alone, &pinyin).len(), 1);
    }

    #[test]
    fn a_holding_with_one_shoulder_posts_and_a_five_year_term() {
        let edit = create_cadre(
            &village_draft(&[Post::VillageDirector, Post::PartySecretary], 4, "2021-03-15"),
            rid(20),
            &orgs(),
            &[],
            today(),
        )
        .unwrap();
        let Edit::Create { kind: k, fields, .. } = &edit else { panic!() };
        assert_eq!(k, kind::CADRE);
        assert!(fields.contains(&(POSTS.into(), json!(["村党组织书记", "村委会主任"]))));
        assert!(fields.contains(&(TERM_END.into(), json!("2026-03-15"))));
        let c = Cadre::from_record(&read(&edit));
        assert!(c.is_one_shoulder());
        assert_eq!(c.level(), Some(Level::Village));
        assert!(c.serves_on(day("2021-03-15")));
        assert!(c.serves_on(day("2026-03-14")));
        assert!(!c.serves_on(day("2026-03-15")), "the term is over on its end date");
        assert!(!c.serves_on(day("2021-03-14")));
        assert!(!cadre(21, &[Post::PartySecretary], 4, "2021-03-15").is_one_shoulder());
    }

    #[test]
    fn bad_holdings_are_refused() {
        let all = orgs();
        let check = |d: CadreDraft| create_cadre(&d, rid(20), &all, &[], today()).unwrap_err();
        let ok = village_draft(&[Post::PartySecretary], 4, "2021-03-15");
        assert_eq!(check(CadreDraft { posts: vec![], ..ok.clone() }), CadreError::PostsEmpty);
        assert_eq!(
            check(CadreDraft { posts: vec![Post::PartySecretary, Post::TownshipStaff], ..ok.clone() }),
            CadreError::PostsMixLevels
        );
        assert_eq!(
            check(CadreDraft { posts: vec![Post::PartySecretary, Post::PartyCommitteeMember], ..ok.clone() }),
            CadreError::TwoPostsInOneBody(Body::VillageParty)
        );
        assert_eq!(
            check(CadreDraft { posts: vec![Post::SupervisionDirector, Post::VillageCommitteeMember], ..ok.clone() }),
            CadreError::SupervisionWithVillageCommittee
        );
        assert!(
            create_cadre(
                &CadreDraft { posts: vec![Post::SupervisionDirector, Post::PartyCommitteeMember], ..ok.clone() },
                rid(20),
                &all,
                &[],
                today()
            )
            .is_ok(),
            "the supervision director is often the party committee's discipline member"
        );
        assert_eq!(check(CadreDraft { org: None, ..ok.clone() }), CadreError::OrgMissing);
        assert_eq!(check(CadreDraft { org: Some(rid(99)), ..ok.clone() }), CadreError::OrgUnknown);
        for not_village in [1, 3, 5, 6, 7, 8] {
            assert_eq!(check(CadreDraft { org: Some(rid(not_village)), ..ok.clone() }), CadreError::OrgNotVillage);
        }
        assert_eq!(check(CadreDraft { posts: vec![Post::TownshipHead], ..ok.clone() }), CadreError::OrgNotTownship);
        assert_eq!(check(CadreDraft { term_start: String::new(), ..ok.clone() }), CadreError::TermStartMissing);
        assert_eq!(
            check(CadreDraft { term_start: "2021-02-30".into(), ..ok.clone() }),
            CadreError::TermStart(DateError::Invalid)
        );
        assert_eq!(check(CadreDraft { term_end: "2021-03-15".into(), ..ok.clone() }), CadreError::TermEndNotAfterStart);
        assert_eq!(check(CadreDraft { member: Some(rid(70)), ..ok.clone() }), CadreError::MemberUnknown);
        let mut no_name = ok;
        no_name.person.name = String::new();
        assert_eq!(check(no_name), CadreError::Person(PersonError::NameEmpty));
        // Township staff need no term.
        let staff = township_cadre(30, "");
        assert_eq!((staff.term_start, staff.term_end), (None, None));
        assert!(staff.serves_on(today()));
    }

    #[test]
    fn an_edit_writes_only_what_changed() {
        let c = cadre(20, &[Post::PartySecretary], 4, "2021-03-15");
        assert_eq!(update_cadre(&c, &c.draft(), &orgs(), &[], today()), Ok(None));
        let mut d = c.draft();
        d.posts = vec![Post::VillageDirector, Post::PartySecretary];
        let edit = update_cadre(&c, &d, &orgs(), &[], today()).unwrap().unwrap();
        assert_eq!(
            edit,
            Edit::Update {
                id: c.id.clone(), fields: vec![(POSTS.into(), json!(["村党组织书记", "村委会主任"]))]
            }
        );
    }

    #[test]
    fn the_midterm_review_is_due_eighteen_months_into_the_term() {
        let c = cadre(20, &[Post::PartySecretary], 4, "2024-08-31");
        assert_eq!(c.midterm_due(), Some(day("2026-02-28")));
        let state = |d: &str| midterm_review_state(&c, day(d));
        assert_eq!(state("2026-01-27"), Some(ReviewState::NotYet));
        assert_eq!(state("2026-01-28"), Some(ReviewState::Due));
        assert_eq!(state("2026-02-28"), Some(ReviewState::Due));
        assert_eq!(state("2026-03-01"), Some(ReviewState::Overdue));
        assert_eq!(
            midterm_findings(std::slice::from_ref(&c), day("2026-03-01")),
            vec![MidtermFinding { cadre: c.id.clone(), org: Some(rid(4)), due: day("2026-02-28"), overdue: true }]
        );
        assert_eq!(midterm_findings(std::slice::from_ref(&c), day("2026-01-01")), vec![]);
        let mut reviewed = c.clone();
        let edit = record_midterm_review(&c, "2026-02-20", day("2026-03-01")).unwrap();
        assert_eq!(edit, Edit::Update { id: c.id.clone(), fields: vec![(MIDTERM_REVIEW.into(), json!("2026-02-20"))] });
        reviewed.midterm_review = Some(day("2026-02-20"));
        assert_eq!(midterm_review_state(&reviewed, day("2026-03-01")), Some(ReviewState::Done(day("2026-02-20"))));
        assert!(midterm_findings(&[reviewed], day("2026-03-01")).is_empty());
        // Someone who left office is not reviewed.
        let mut left = c.clone();
        left.ended = Some(day("2025-12-31"));
        assert!(midterm_findings(&[left], day("2026-03-01")).is_empty());
        assert_eq!(record_midterm_review(&c, "2024-08-30", today()), Err(ReviewError::BeforeTermStart));
        assert_eq!(record_midterm_review(&township_cadre(30, ""), "2026-01-01", today()), Err(ReviewError::NoTerm));
        assert_eq!(midterm_review_state(&township_cadre(30, "2024-01-01"), today()), None);
    }

    #[test]
    fn a_single_holder_post_held_twice_is_a_clash() {
        let old = cadre(20, &[Post::PartySecretary], 4, "2021-03-15");
        let new = cadre(21, &[Post::PartySecretary, Post::VillageDirector], 4, "2025-03-15");
        let deputy = cadre(22, &[Post::PartyDeputySecretary], 4, "2025-03-15");
        let elsewhere = cadre(23, &[Post::PartySecretary], 2, "2025-03-15");
        let all = [old.clone(), new.clone(), deputy, elsewhere];
        assert_eq!(
            post_clashes(&all, day("2025-06-01")),
            vec![PostClash { org: rid(4), post: Post::PartySecretary, holders: vec![rid(20), rid(21)] }]
        );
        let mut old_left = old;
        old_left.ended = Some(day("2025-03-15"));
        assert!(post_clashes(&[old_left, new], day("2025-06-01")).is_empty());
    }

    #[test]
    fn ending_a_holding() {
        let c = cadre(20, &[Post::PartySecretary], 4, "2021-03-15");
        assert_eq!(
            end_holding(&c, "2023-05-01", today()),
            Ok(Edit::Update { id: c.id.clone(), fields: vec![(ENDED.into(), json!("2023-05-01"))] })
        );
        assert_eq!(end_holding(&c, "2021-03-14", today()), Err(EndError::BeforeStart));
        assert_eq!(end_holding(&c, "2026-11-25", today()), Err(EndError::Date(DateError::InFuture)));
        assert_eq!(
            end_holding(&c, "", today()),
            Ok(Edit::Update { id: c.id.clone(), fields: vec![(ENDED.into(), json!(""))] })
        );
    }

    fn reserve(id: u8, sex: &str, birth: &str, education: &str, selected: &str) -> ReserveCadre {
        let d = ReserveDraft {
            person: person("后备", sex, birth, education),
            org: Some(rid(4)),
            selected: selected.into(),
            ..Default::default()
        };
        ReserveCadre::from_record(&read(&create_reserve(&d, rid(id), &orgs(), &[], &[], today()).unwrap()))
    }

    #[test]
    fn the_reserve_pool_structure() {
        let t = today();
        let mut pool = vec![
            reserve(40, FEMALE, "1997-01-01", "高中", "2025-01-01"), // 29
            reserve(41, MALE, "1996-11-24", "初中", "2025-01-01"),   // 30 today
            reserve(42, MALE, "1990-11-25", "大专", "2025-01-01"),   // 35
            reserve(43, MALE, "1986-11-24", "高中", "2025-01-01"),   // 40
            reserve(44, FEMALE, "1985-11-24", "初中", "2025-01-01"), // 41
            reserve(45, MALE, "2000-01-01", "本科", "2025-01-01"),   // selection corrected to next month below
        ];
        pool[5].selected = Some(day("2026-12-01"));
        let mut left = reserve(46, MALE, "2001-01-01", "本科", "2025-01-01");
        left.ended = Some(day("2026-06-01"));
        pool.push(left);
        let s = reserve_structure(&pool, t);
        assert_eq!((s.total, s.under_30, s.from_30_to_35, s.from_36_to_40, s.over_40), (5, 1, 2, 1, 1));
        assert_eq!((s.high_school_or_above, s.women), (3, 2));
        assert_eq!(
            (s.share(s.under_30), s.share(s.high_school_or_above), s.share(s.women)),
            (Some(200), Some(600), Some(400))
        );
    }

    #[test]
    fn reserve_drafts_are_checked() {
        let all = orgs();
        let first = reserve(40, FEMALE, "1997-01-01", "高中", "2025-01-01");
        let members = [Member::from_record(&Record::new(rid(70), kind::MEMBER, StationId::from_random([1; 8])))];
        let ok = ReserveDraft {
            person: person("李红", FEMALE, "1998-01-01", "本科"),
            member: Some(rid(70)),
            org: Some(rid(2)),
            selected: "2025-05-01".into(),
            note: "致富能手".into(),
        };
        let check = |d: ReserveDraft, pool: &[ReserveCadre]| create_reserve(&d, rid(41), &all, &members, pool, today());
        assert!(check(ok.clone(), std::slice::from_ref(&first)).is_ok());
        assert_eq!(check(ReserveDraft { org: Some(rid(5)), ..ok.clone() }, &[]), Err(ReserveError::OrgNotVillage));
        assert_eq!(
            check(ReserveDraft { selected: String::new(), ..ok.clone() }, &[]),
            Err(ReserveError::SelectedMissing)
        );
        assert_eq!(check(ReserveDraft { member: Some(rid(71)), ..ok.clone() }, &[]), Err(ReserveError::MemberUnknown));
        assert_eq!(check(ReserveDraft { note: "注".repeat(201), ..ok.clone() }, &[]), Err(ReserveError::NoteTooLong));
        let mut same_member = first.clone();
        same_member.member = Some(rid(70));
        assert_eq!(check(ok.clone(), &[same_member.clone()]), Err(ReserveError::AlreadyInPool(rid(40))));
        same_member.ended = Some(day("2026-01-01"));
        assert!(check(ok.clone(), &[same_member]).is_ok(), "one who left the pool may be selected again");
        let r = ReserveCadre::from_record(&read(&check(ok, &[]).unwrap()));
        assert_eq!(update_reserve(&r, &r.draft(), &all, &members, std::slice::from_ref(&r), today()), Ok(None));
        assert_eq!(leave_pool(&r, "2025-04-30", today()), Err(EndError::BeforeStart));
    }

    fn liaison(id: u8, cadre: u8, village: u8, start: &str) -> Liaison {
        let s = day(start);
        Liaison {
            id: rid(id),
            cadre: Some(rid(cadre)),
            village: Some(rid(village)),
            start: Some(s),
            end: Some(add_years(s, LIAISON_YEARS)),
            ended: None,
        }
    }

    #[test]
    fn a_liaison_is_assigned_for_three_years() {
        let all = orgs();
        let cadres = [township_cadre(30, "")];
        let d = LiaisonDraft { cadre: Some(rid(30)), village: Some(rid(4)), start: "2024-02-29".into() };
        let edit = assign_liaison(&d, rid(60), &cadres, &all, &[]).unwrap();
        let l = Liaison::from_record(&read(&edit));
        assert_eq!((l.start, l.end), (Some(day("2024-02-29")), Some(day("2027-02-28"))));
        assert!(l.current_on(day("2027-02-27")));
        assert!(!l.current_on(day("2027-02-28")));
        let check = |d: LiaisonDraft, cadres: &[Cadre], existing: &[Liaison]| {
            assign_liaison(&d, rid(61), cadres, &all, existing).unwrap_err()
        };
        let village_cadre = cadre(20, &[Post::PartySecretary], 4, "2021-03-15");
        assert_eq!(
            check(LiaisonDraft { cadre: Some(rid(20)), ..d.clone() }, &[village_cadre], &[]),
            LiaisonError::NotTownshipCadre
        );
        assert_eq!(check(LiaisonDraft { cadre: None, ..d.clone() }, &cadres, &[]), LiaisonError::CadreMissing);
        assert_eq!(check(LiaisonDraft { cadre: Some(rid(31)), ..d.clone() }, &cadres, &[]), LiaisonError::CadreUnknown);
        assert_eq!(check(LiaisonDraft { village: Some(rid(5)), ..d.clone() }, &cadres, &[]), LiaisonError::NotVillage);
        assert_eq!(check(LiaisonDraft { start: String::new(), ..d.clone() }, &cadres, &[]), LiaisonError::StartMissing);
        let mut gone = township_cadre(30, "");
        gone.ended = Some(day("2024-01-01"));
        assert_eq!(check(d.clone(), &[gone], &[]), LiaisonError::CadreNotServing);
        // Assigned to another village until 2027-02-28: a start that day is fine, a day earlier is not.
        let other = liaison(62, 30, 2, "2024-02-29");
        assert_eq!(
            check(LiaisonDraft { start: "2027-02-27".into(), ..d.clone() }, &cadres, std::slice::from_ref(&other)),
            LiaisonError::AlreadyAssigned { liaison: rid(62), village: Some(rid(2)) }
        );
        assert!(assign_liaison(
            &LiaisonDraft { start: "2027-02-28".into(), ..d.clone() },
            rid(61),
            &cadres,
            &all,
            std::slice::from_ref(&other)
        )
        .is_ok());
        let mut ended = other;
        ended.ended = Some(day("2025-01-01"));
        assert!(
            assign_liaison(&LiaisonDraft { start: "2025-01-01".into(), ..d }, rid(61), &cadres, &all, &[ended]).is_ok()
        );
    }

    #[test]
    fn every_village_needs_a_current_liaison() {
        let all = orgs();
        let villages = village_orgs(&all, &Pinyin::built_in().unwrap());
        let liaisons = [liaison(60, 30, 4, "2024-01-01"), liaison(61, 31, 2, "2021-01-01")];
        let names = |d: &str| -> Vec<String> {
            villages_without_liaison(&villages, &liaisons, day(d)).iter().map(|o| o.name.clone()).collect()
        };
        assert_eq!(names("2023-12-31"), ["连山村党支部"]);
        assert_eq!(names("2024-01-01"), ["山塘村党总支"], "the 2021 assignment is over on its end date");
        assert_eq!(names("2026-12-31"), ["山塘村党总支"]);
        assert_eq!(names("2027-01-01"), ["连山村党支部", "山塘村党总支"]);
        let mut early = liaisons.clone();
        early[0].ended = Some(day("2025-06-01"));
        assert_eq!(villages_without_liaison(&villages, &early, day("2025-06-01")).len(), 2);
    }

    #[test]
    fn overlapping_assignments_of_one_person_are_flagged() {
        let mut a = township_cadre(30, "");
        a.member = Some(rid(70));
        let mut b = township_cadre(31, "");
        b.member = Some(rid(70)); // the same person, a second holding after a change of post
        let c = township_cadre(32, "");
        let cadres = [a, b, c];
        let liaisons = [
            liaison(60, 30, 4, "2024-01-01"),
            liaison(61, 31, 2, "2026-12-31"), // overlaps 60 by a day
            liaison(62, 32, 2, "2024-01-01"), // someone else
            liaison(63, 30, 4, "2025-01-01"), // same village again: not "elsewhere"
        ];
        assert_eq!(
            liaison_overlaps(&liaisons, &cadres),
            vec![
                LiaisonOverlap { first: rid(60), second: rid(61) },
                LiaisonOverlap { first: rid(61), second: rid(63) }
            ]
        );
        let mut shifted = liaisons.clone();
        shifted[1] = liaison(61, 31, 2, "2027-01-01");
        shifted[3] = liaison(63, 30, 4, "2023-01-01");
        assert!(liaison_overlaps(&shifted, &cadres).is_empty());
        // The check is symmetric: the later assignment listed first meets the same edge.
        shifted.reverse();
        assert!(liaison_overlaps(&shifted, &cadres).is_empty());
        shifted[0] = liaison(64, 31, 2, "2026-12-31");
        assert_eq!(liaison_overlaps(&shifted, &cadres), vec![LiaisonOverlap { first: rid(60), second: rid(64) }]);
    }
}
