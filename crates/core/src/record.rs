//! The record envelope and its merge: how two stations' copies of one record become one.
//!
//! A record is a set of named fields. Each field holds the writes that are still current: one in
//! the normal case, several when stations changed the field without seeing each other (a
//! conflict). Every write carries its value, its clock, its station and the clock of the write it
//! replaced. The record also carries `seen`: for each station, the newest stamp of that station it
//! has taken in. A write is gone for good once a copy has seen it and no longer holds it.
//!
//! `merge` is a join: idempotent, commutative and associative (property-tested), so files can be
//! imported in any order, any number of times, and every station ends with the same record. We
//! keep `seen` per record rather than comparing single "replaced" clocks: with one replaced clock
//! per write, a township → village → township round trip with two edits in the village would look
//! like a conflict, and a later edit could hide a real one.

use super::clock::Hlc;
use super::station::StationId;
use crate::field_name::FieldName;
use crate::sorted_map::SortedMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// A record's UUID (version 4), made from random bytes the shell supplies: always the canonical
/// lowercase text, checked when read (`parse`, and reading JSON). Its 36 characters are held in
/// place, not on the heap: a county's index names about a million ids, and every clone of an id
/// was an allocation.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordId([u8; 36]);

impl std::hash::Hash for RecordId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Its 16-byte key, not its 36 characters: maps of a county's ids hash less than half.
        self.key().hash(state)
    }
}

impl Serialize for RecordId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        RecordId::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a record id: {text}")))
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RecordId").field(&self.as_str()).finish()
    }
}

impl RecordId {
    pub fn from_random(mut bytes: [u8; 16]) -> RecordId {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        RecordId(uuid_text(bytes))
    }

    /// The id of a record that one write brings into being (its audit entry): the write's station
    /// and stamp name it forever, so it needs no randomness and can never collide with another
    /// write's. A version-8 (custom) UUID holding all 64 station bits and 53 stamp bits.
    pub fn for_write(station: StationId, clock: Hlc) -> RecordId {
        let bits = (u128::from(station.raw()) << 53) | u128::from(clock.raw() & ((1 << 53) - 1));
        // 117 bits fit in the 122 a UUID leaves free: 48 | version | 12 | variant (2) | 60.
        let low60 = bits & ((1 << 60) - 1);
        let variant = 8 + ((bits >> 60) & 0b11);
        let mid12 = (bits >> 62) & 0xfff;
        let high48 = bits >> 74;
        let uuid = (high48 << 80) | (8 << 76) | (mid12 << 64) | (variant << 60) | low60;
        RecordId(uuid_text(uuid.to_be_bytes()))
    }

    /// Accepts any canonical lowercase UUID text.
    pub fn parse(text: &str) -> Option<RecordId> {
        let b = text.as_bytes();
        let ok = b.len() == 36
            && b.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
            });
        let mut bytes = [0u8; 36];
        bytes.copy_from_slice(b.get(..36)?);
        ok.then_some(RecordId(bytes))
    }

    pub fn as_str(&self) -> &str {
        // Always ASCII: made by `uuid_text` or checked by `parse`.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The id in 16 bytes. Every `RecordId` is a canonical UUID (made here, or checked when a file
    /// is read), so the key names it alone, and keys sort as the ids' texts do.
    pub fn key(&self) -> IdKey {
        // Called for every diary and step of a county each time its lists are made: 64-bit
        // halves (wasm has no 128-bit arithmetic), the digits at their fixed places, no branch.
        let half = |at: &[usize; 16]| {
            at.iter().fold(0u64, |h, &i| {
                let c = self.0[i];
                // '0'..='9' are 0x30..0x39, 'a'..='f' 0x61..0x66: the low four bits, plus 9 for a letter.
                (h << 4) | u64::from((c & 0x0f) + 9 * (c >> 6))
            })
        };
        IdKey(half(&HIGH_DIGITS), half(&LOW_DIGITS))
    }
}

/// Where a UUID's text has its first sixteen hex digits, and its last sixteen.
const HIGH_DIGITS: [usize; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17];
const LOW_DIGITS: [usize; 16] = [19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35];

/// 16 bytes as a UUID's text, dashes in place. Written digit by digit: a county's index read back
/// from the store names some 800,000 ids at once, and formatting machinery would dominate it.
fn uuid_text(bytes: [u8; 16]) -> [u8; 36] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [b'-'; 36];
    let mut at = 0;
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            at += 1;
        }
        out[at] = DIGITS[usize::from(b >> 4)];
        out[at + 1] = DIGITS[usize::from(b & 15)];
        at += 2;
    }
    out
}

/// A record id as a number: what an index of hundreds of thousands of records keeps (16 bytes
/// where a `RecordId` takes about 50). `RecordId::key` makes it, `IdKey::id` gives the id back.
/// Two halves, compared as numbers, the high one first: keys sort as the ids' texts do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IdKey(u64, u64);

impl IdKey {
    /// The high and the low 64 bits (the binary form of snapshots).
    pub fn halves(self) -> (u64, u64) {
        (self.0, self.1)
    }

    pub fn from_halves(high: u64, low: u64) -> IdKey {
        IdKey(high, low)
    }

    pub fn id(self) -> RecordId {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.0.to_be_bytes());
        bytes[8..].copy_from_slice(&self.1.to_be_bytes());
        RecordId(uuid_text(bytes))
    }
}

/// A map by `IdKey`.
pub type IdKeyMap<V> = std::collections::HashMap<IdKey, V, crate::hash::FastHash>;

impl From<&RecordId> for IdKey {
    fn from(id: &RecordId) -> IdKey {
        id.key()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kinds of record. Stored as text so a record of a kind this version does not know (written
/// by a newer version) is kept and passed on unchanged.
pub mod kind {
    pub const ORG: &str = "org";
    pub const MEMBER: &str = "member";
    /// 民情日记: one visit (走访记录) to one or more households.
    pub const DIARY: &str = "diary";
    /// 民情户: a household in a village's register, the one diaries visit.
    pub const HOUSEHOLD: &str = "household";
    /// One step of a diary's follow-up (阅批, 督办, 办理, 反馈…), its own record so that steps
    /// written at two stations both survive a merge.
    pub const DIARY_STEP: &str = "diary_step";
    /// An audit entry: what one edit changed in one record (see `domain::audit`).
    pub const CHANGE: &str = "change";
    /// A step that changed many records at once (撤并, 拆分, 导入), kept so it can be undone.
    pub const BATCH: &str = "batch";
    /// A dated event in a member's history (转出, 处分, 奖励…).
    pub const MEMBER_EVENT: &str = "member_event";
    /// 发展党员: a person on the way to membership, with the dates of the 25 steps.
    pub const CANDIDATE: &str = "candidate";
    /// A cadre's holding of posts (村两委, 村务监督委员会, township posts) for a term.
    pub const CADRE: &str = "cadre";
    /// 后备干部: a person in a village's reserve pool.
    pub const RESERVE_CADRE: &str = "reserve_cadre";
    /// 包村干部: a township cadre's assignment to one village.
    pub const LIAISON: &str = "liaison";
    /// A training session with its expected and actual attendees.
    pub const TRAINING: &str = "training";
    /// 考核评分: a scoring scheme (积分细则, 考核办法), one version of its items and parameters.
    pub const SCHEME: &str = "scheme";
    /// 组织生活: one 三会一课 meeting or 主题党日, with each member's attendance.
    pub const MEETING: &str = "meeting";
    /// 党员积分: a points entry typed by the branch (加分 or 扣分), one record each.
    pub const POINTS_ENTRY: &str = "points_entry";
    /// 党员积分: a member exempted from a year's stars or deductions (年老体弱, 流动党员).
    pub const POINTS_EXEMPTION: &str = "points_exemption";
    /// 民主评议党员: one branch's appraisal of a year, under a scheme.
    pub const REVIEW: &str = "review";
    /// 民主评议: one paper ballot as transcribed, without the voter's name.
    pub const REVIEW_BALLOT: &str = "review_ballot";
    /// 民主评议: the counts of one member's grades as tallied on paper.
    pub const REVIEW_TALLY: &str = "review_tally";
    /// 民主评议: one of the four steps (支部推荐, 总支审核, 党员大会评选) with its grades.
    pub const REVIEW_STEP: &str = "review_step";
    /// 民主评议: the 处置 of a member graded 不合格, with the vote that decided it.
    pub const REVIEW_DISPOSAL: &str = "review_disposal";
    /// 干部考核: one cadre's year (述职, 述廉, 年中检查) under a scheme.
    pub const APPRAISAL: &str = "appraisal";
    /// 干部考核: one 履职承诺 of a cadre's year, and when it was met.
    pub const COMMITMENT: &str = "commitment";
    /// 干部考核: one anonymous rater's score sheet for one cadre.
    pub const APPRAISAL_SHEET: &str = "appraisal_sheet";
    /// 公信度调查 of a village's 两委 team and its members.
    pub const SURVEY: &str = "survey";
    /// 公信度调查: one respondent's answers, without their name.
    pub const SURVEY_SHEET: &str = "survey_sheet";
    /// 五强 / 五个好: one organization's rating of a year, item by item.
    pub const ORG_RATING: &str = "org_rating";
    /// 软弱涣散 整顿: a flagged organization's rectification plan and its 五个不撤离 conditions.
    pub const RECTIFICATION: &str = "rectification";
}

/// The field that marks a record deleted (a tombstone); deleting is a write like any other, so a
/// delete merges, and an older copy cannot bring the record back.
pub const DELETED_FIELD: &str = "_deleted";

#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub value: Value,
    pub clock: Hlc,
    pub station: StationId,
    /// The clock of the write this one replaced (zero for a field's first write): the audit
    /// trail and the conflict list show what an edit was based on.
    pub replaced: Hlc,
}

impl Write {
    fn same_write(&self, other: &Write) -> bool {
        self.clock == other.clock && self.station == other.station
    }

    /// The order that picks a field's winner, the same at every station: greater clock, then
    /// greater station id.
    fn rank(&self) -> (Hlc, StationId) {
        (self.clock, self.station)
    }
}

/// Stored and exchanged as JSON by `super::wire` (a compact form, the same for the same record).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: RecordId,
    pub kind: String,
    /// The station that created the record.
    pub origin: StationId,
    /// For each station, the newest of its stamps this copy has taken in.
    pub seen: SortedMap<StationId, Hlc>,
    /// Current writes per field, the winner first.
    pub fields: SortedMap<FieldName, Vec<Write>>,
}

/// A field whose stations disagree: the winner (the same at every station) and the values that
/// lost, kept for the user to choose from.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldConflict<'a> {
    pub field: &'a str,
    pub winner: &'a Write,
    pub losers: &'a [Write],
}

impl Record {
    pub fn new(id: RecordId, kind: &str, origin: StationId) -> Record {
        Record { id, kind: kind.to_string(), origin, seen: SortedMap::new(), fields: SortedMap::new() }
    }

    /// A record holding a creating edit's fields, unstamped: for reading an edit back before it is
    /// saved (a form's preview, a test), never for storing or merging.
    pub fn unstamped(id: &RecordId, kind: &str, fields: &[(String, Value)]) -> Record {
        let station = StationId::from_random([0; 8]);
        let mut r = Record::new(id.clone(), kind, station);
        for (name, value) in fields {
            r.set(name, value.clone(), Hlc::ZERO, &station);
        }
        r
    }

    /// The winning value of a field, if it has one.
    pub fn value(&self, field: &str) -> Option<&Value> {
        self.fields.get(field).and_then(|ws| ws.first()).map(|w| &w.value)
    }

    pub fn text(&self, field: &str) -> Option<&str> {
        self.value(field).and_then(Value::as_str)
    }

    /// The fields named `prefix` and more (one per member or item, such as a meeting's
    /// `attendance:<member>`), in name order: what follows the prefix, and the winning value.
    pub fn prefixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a Value)> + 'a {
        self.fields
            .range_from(prefix)
            .map_while(move |(name, writes)| Some((name.strip_prefix(prefix)?, writes)))
            .filter_map(|(rest, writes)| Some((rest, &writes.first()?.value)))
    }

    pub fn is_deleted(&self) -> bool {
        self.value(DELETED_FIELD) == Some(&Value::Bool(true))
    }

    /// When the record was first written, as far as its current values tell: their oldest stamp
    /// (the deletion mark aside). Orders records of one day in the order they were entered.
    pub fn written(&self) -> Hlc {
        self.fields
            .iter()
            .filter(|(name, _)| name.as_str() != DELETED_FIELD)
            .flat_map(|(_, ws)| ws.iter().map(|w| w.clock))
            .min()
            .unwrap_or(Hlc::ZERO)
    }

    fn covers(&self, w: &Write) -> bool {
        self.seen.get(&w.station).is_some_and(|&h| h >= w.clock)
    }

    /// Writes a field at this station. The new write replaces every current write of the field,
    /// so writing a field that is in conflict resolves the conflict, everywhere it merges.
    /// `clock` must be a fresh tick of `station`'s clock.
    pub fn set(&mut self, field: &str, value: Value, clock: Hlc, station: &StationId) {
        let replaced = self.fields.get(field).and_then(|ws| ws.first()).map_or(Hlc::ZERO, |w| w.clock);
        let write = Write { value, clock, station: *station, replaced };
        self.fields.insert(FieldName::new(field), vec![write]);
        let seen = self.seen.get_or_insert_with(*station, || Hlc::ZERO);
        *seen = (*seen).max(clock);
    }

    pub fn delete(&mut self, clock: Hlc, station: &StationId) {
        self.set(DELETED_FIELD, Value::Bool(true), clock, station);
    }

    /// Fields with more than one current write.
    pub fn conflicts(&self) -> impl Iterator<Item = FieldConflict<'_>> {
        self.fields.iter().filter(|(_, ws)| ws.len() > 1).map(|(name, ws)| FieldConflict {
            field: name,
            winner: &ws[0],
            losers: &ws[1..],
        })
    }

    /// Every write clock in the record, for a clock to observe or a guard to check.
    pub fn clocks(&self) -> impl Iterator<Item = Hlc> + '_ {
        self.fields.values().flatten().map(|w| w.clock)
    }

    /// Checks what the merge relies on, for a record read from outside bytes (a stored chunk, an
    /// exchange file): a kind of lowercase letters, digits and `_`; stamps a JavaScript number
    /// holds exactly (below 2^53); every field named and holding at least one write, none at the
    /// zero clock; a field's writes in winner order, no stamp twice; and the record has seen each
    /// of its writes (`c` covers it), or a merge would take its writes for ones made without its
    /// knowledge. Records this code makes always pass.
    pub fn check(&self) -> Result<(), &'static str> {
        const MAX_STAMP: u64 = (1 << 53) - 1;
        if self.kind.is_empty() || !self.kind.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err("kind");
        }
        if self.seen.values().any(|h| h.raw() > MAX_STAMP) {
            return Err("a seen stamp (c) is too large");
        }
        for (name, ws) in &self.fields {
            if name.is_empty() {
                return Err("a field has no name");
            }
            if ws.is_empty() {
                return Err("a field has no writes");
            }
            if ws.iter().any(|w| w.clock.raw() > MAX_STAMP || w.replaced.raw() > MAX_STAMP || w.clock.is_zero()) {
                return Err("a write's stamp is zero or too large");
            }
            if ws.windows(2).any(|pair| pair[0].rank() <= pair[1].rank()) {
                return Err("a field's writes are out of order or a stamp is repeated");
            }
            if ws.iter().any(|w| !self.covers(w)) {
                return Err("a write is newer than what the record has seen (c)");
            }
        }
        Ok(())
    }

    /// Joins two copies of the same record. A write survives if both copies hold it, or if the
    /// copy that lacks it has never seen it (so it was made without that copy's knowledge).
    pub fn merge(&self, other: &Record) -> Record {
        let mut fields = SortedMap::new();
        // Each field name once; the result is kept in name order by the map (no set built: its
        // sort is one more copy of the standard sort in the wasm).
        let theirs_only = other.fields.keys().filter(|k| !self.fields.contains_key(k.as_str()));
        for name in self.fields.keys().chain(theirs_only) {
            let ours = self.fields.get(name).map(Vec::as_slice).unwrap_or(&[]);
            let theirs = other.fields.get(name).map(Vec::as_slice).unwrap_or(&[]);
            let mut kept: Vec<Write> = Vec::with_capacity(1);
            for w in ours {
                if theirs.iter().any(|t| t.same_write(w)) || !other.covers(w) {
                    kept.push(w.clone());
                }
            }
            for w in theirs {
                if !ours.iter().any(|o| o.same_write(w)) && !self.covers(w) {
                    kept.push(w.clone());
                }
            }
            if !kept.is_empty() {
                crate::sort::sort_by(&mut kept, |a, b| b.rank().cmp(&a.rank()));
                fields.insert(*name, kept);
            }
        }
        let mut seen = self.seen.clone();
        for (station, &h) in &other.seen {
            let e = seen.get_or_insert_with(*station, || Hlc::ZERO);
            *e = (*e).max(h);
        }
        // Copies of one record agree on these; if a damaged file disagrees, pick the same at every
        // station so the merge stays order-free.
        let kind = self.kind.clone().min(other.kind.clone());
        let origin = self.origin.min(other.origin);
        Record { id: self.id.clone(), kind, origin, seen, fields }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_for_a_write_is_the_text_it_has_always_been() {
        // The layout as first written, by formatting: ids of audit entries already stored.
        let formatted = |station: StationId, clock: Hlc| {
            let bits = (u128::from(station.raw()) << 53) | u128::from(clock.raw() & ((1 << 53) - 1));
            let low60 = bits & ((1 << 60) - 1);
            let high48 = bits >> 74;
            format!(
                "{:08x}-{:04x}-8{:03x}-{:x}{:03x}-{:012x}",
                high48 >> 16,
                high48 & 0xffff,
                (bits >> 62) & 0xfff,
                8 + ((bits >> 60) & 0b11),
                low60 >> 48,
                low60 & ((1 << 48) - 1)
            )
        };
        for (s, c) in [([0u8; 8], 0u64), ([3; 8], 4), ([0xff; 8], u64::MAX), ([0x5a; 8], 1_790_000_000_000 << 12)] {
            let (station, clock) = (StationId::from_random(s), Hlc::from_raw(c));
            assert_eq!(RecordId::for_write(station, clock).as_str(), formatted(station, clock));
        }
    }

    #[test]
    fn an_id_key_gives_the_id_back_and_sorts_as_the_ids_do() {
        let mut ids: Vec<RecordId> = (0u8..40)
            .map(|n| {
                RecordId::from_random([n.wrapping_mul(37), 255 - n, n, 9, n ^ 0x5a, 0, 0, 0, n, 1, 2, 3, 4, 5, 6, n])
            })
            .chain([RecordId::for_write(StationId::from_random([3; 8]), Hlc::new(1_790_000_000_000, 4))])
            .collect();
        for id in &ids {
            assert_eq!(RecordId::parse(id.as_str()).as_ref(), Some(id), "canonical: {id}");
            assert_eq!(id.key().id(), *id);
        }
        assert_eq!(RecordId::from_random([0xab; 16]).as_str(), "abababab-abab-4bab-abab-abababababab");
        let mut keys: Vec<IdKey> = ids.iter().map(RecordId::key).collect();
        ids.sort();
        keys.sort();
        assert_eq!(keys.iter().map(|k| k.id()).collect::<Vec<_>>(), ids);
    }
    use serde_json::json;

    fn station(n: u8) -> StationId {
        StationId::from_random([n; 8])
    }

    fn rid() -> RecordId {
        RecordId::from_random([7; 16])
    }

    #[test]
    fn record_ids_are_version_4_uuids() {
        let id = RecordId::from_random([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(RecordId::parse(id.as_str()), Some(id));
        assert_eq!(RecordId::parse("not-a-uuid"), None);
    }

    #[test]
    fn sequential_edits_at_two_stations_are_not_a_conflict() {
        let (town, village) = (station(1), station(2));
        let mut t = Record::new(rid(), kind::ORG, town);
        t.set("name", json!("山塘村党支部"), Hlc::new(100, 0), &town);
        // The village takes the township's copy, edits twice, and sends it back.
        let mut v = Record::new(rid(), kind::ORG, town).merge(&t);
        v.set("name", json!("山塘村党总支"), Hlc::new(200, 0), &village);
        v.set("name", json!("山塘村党委"), Hlc::new(300, 0), &village);
        let back = t.merge(&v);
        assert_eq!(back.text("name"), Some("山塘村党委"));
        assert_eq!(back.conflicts().count(), 0);
        assert_eq!(back.fields["name"][0].replaced, Hlc::new(200, 0));
    }

    #[test]
    fn concurrent_edits_are_a_conflict_with_the_same_winner_everywhere() {
        let (a, b) = (station(1), station(2));
        let mut base = Record::new(rid(), kind::ORG, a);
        base.set("phone", json!("0731-1"), Hlc::new(100, 0), &a);
        let mut at_a = base.clone();
        let mut at_b = base.clone();
        at_a.set("phone", json!("0731-A"), Hlc::new(200, 0), &a);
        at_b.set("phone", json!("0731-B"), Hlc::new(150, 0), &b);
        let m1 = at_a.merge(&at_b);
        let m2 = at_b.merge(&at_a);
        assert_eq!(m1, m2);
        let c: Vec<_> = m1.conflicts().collect();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].winner.value, json!("0731-A"));
        assert_eq!(c[0].losers[0].value, json!("0731-B"));
    }

    #[test]
    fn writing_a_conflicted_field_resolves_it_everywhere() {
        let (a, b) = (station(1), station(2));
        let mut at_a = Record::new(rid(), kind::ORG, a);
        let mut at_b = at_a.clone();
        at_a.set("name", json!("甲"), Hlc::new(10, 0), &a);
        at_b.set("name", json!("乙"), Hlc::new(11, 0), &b);
        let mut merged = at_a.merge(&at_b);
        assert_eq!(merged.conflicts().count(), 1);
        merged.set("name", json!("甲"), Hlc::new(20, 0), &a);
        assert_eq!(merged.conflicts().count(), 0);
        // The resolution beats the stale copies whichever way they arrive.
        assert_eq!(at_b.merge(&merged), merged.merge(&at_b));
        assert_eq!(at_b.merge(&merged).conflicts().count(), 0);
        assert_eq!(at_b.merge(&merged).text("name"), Some("甲"));
    }

    #[test]
    fn an_older_copy_does_not_bring_a_deleted_record_back() {
        let a = station(1);
        let mut r = Record::new(rid(), kind::MEMBER, a);
        r.set("name", json!("张三"), Hlc::new(10, 0), &a);
        let old = r.clone();
        r.delete(Hlc::new(20, 0), &a);
        assert!(r.merge(&old).is_deleted());
        assert!(old.merge(&r).is_deleted());
    }
}
