//! A station's copy of all records, and the one way to change it: stage edits (pure: nothing
//! changes until the store has written them), then absorb what was written.

use super::audit;
use super::clock::Hlc;
use super::hash::{FastHash, IdMap};
use super::record::{Record, RecordId, DELETED_FIELD};
use super::station::StationId;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Create { id: RecordId, kind: String, fields: Vec<(String, Value)> },
    Update { id: RecordId, fields: Vec<(String, Value)> },
    Delete { id: RecordId },
}

impl Edit {
    pub fn record_id(&self) -> &RecordId {
        match self {
            Edit::Create { id, .. } | Edit::Update { id, .. } | Edit::Delete { id } => id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    UnknownRecord(RecordId),
    AlreadyExists(RecordId),
}

/// The PC clock is behind stamps this station itself wrote earlier: someone set it back, or it
/// was once set ahead. New stamps stay after the old ones, so nothing is lost, but dates shown as
/// "now" are wrong until the clock is put right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockBehind {
    pub newest_stamp_ms: u64,
    pub now_ms: u64,
}

#[derive(Clone, Debug)]
pub struct Replica {
    station: StationId,
    clock: Hlc,
    /// The records, kind by kind and in id order within a kind, so that reading one kind walks
    /// only that kind (a county's 200,000 diaries beside its 50,000 members) and always in the
    /// same order.
    kinds: Vec<KindRecords>,
    /// Each kind's place in `kinds`.
    kind_places: HashMap<String, usize>,
    /// Each record's kind, as its place in `kinds`.
    kind_of: IdMap<usize>,
    /// Records with a field holding more than one current write: the few a conflict list reads,
    /// without walking every record.
    conflicted: BTreeSet<RecordId>,
    /// The last version given to a kind; versions only grow, so "changed since" is a comparison.
    last_version: u64,
}

#[derive(Clone, Debug)]
struct KindRecords {
    name: String,
    records: BTreeMap<RecordId, Held>,
    /// The version of the kind's contents: the version of its latest change.
    version: u64,
    /// The version at which a record last left the kind (dropped, or put back as another kind).
    dropped: u64,
}

#[derive(Clone, Debug)]
struct Held {
    record: Record,
    /// The kind's version when this record last changed.
    changed: u64,
    /// Not deleted (kept beside the record: lists and counts ask it of every record).
    live: bool,
}

impl Held {
    fn new(record: Record, changed: u64) -> Held {
        Held { live: !record.is_deleted(), record, changed }
    }
}

impl Replica {
    pub fn new(station: StationId) -> Replica {
        Replica {
            station,
            clock: Hlc::ZERO,
            kinds: Vec::new(),
            kind_places: HashMap::new(),
            kind_of: IdMap::default(),
            conflicted: BTreeSet::new(),
            last_version: 0,
        }
    }

    /// A number that changes whenever a record of `kind` is added, changed, put back or dropped
    /// (0 for a kind never held): views redraw for the kinds they read, not for every save.
    pub fn kind_version(&self, kind: &str) -> u64 {
        self.kind_places.get(kind).map_or(0, |&k| self.kinds[k].version)
    }

    /// The kind's version when a record last left it (dropped, forgotten, or put back as another
    /// kind); 0 if none ever did. A list kept up to date through `changed_since` from version
    /// `v` must be made again when this is above `v`: a record gone leaves no trace to take in.
    pub fn last_dropped(&self, kind: &str) -> u64 {
        self.kind_places.get(kind).map_or(0, |&k| self.kinds[k].dropped)
    }

    /// Every kind held, or once held, with its version.
    pub fn kind_versions(&self) -> impl Iterator<Item = (&str, u64)> {
        self.kinds.iter().map(|k| (k.name.as_str(), k.version))
    }

    fn place_of(&mut self, kind: &str) -> usize {
        if let Some(&k) = self.kind_places.get(kind) {
            return k;
        }
        self.kinds.push(KindRecords { name: kind.to_string(), records: BTreeMap::new(), version: 0, dropped: 0 });
        self.kind_places.insert(kind.to_string(), self.kinds.len() - 1);
        self.kinds.len() - 1
    }

    /// Gives the kind at `place` a new version, and returns it.
    fn changed(&mut self, place: usize) -> u64 {
        self.last_version += 1;
        self.kinds[place].version = self.last_version;
        self.last_version
    }

    fn note_conflicts(&mut self, record: &Record) {
        if record.conflicts().next().is_some() {
            self.conflicted.insert(record.id.clone());
        } else {
            self.conflicted.remove(&record.id);
        }
    }

    fn insert(&mut self, record: Record) {
        let place = self.place_of(&record.kind);
        let changed = self.changed(place);
        // Put back as another kind (`restore` only): out of the old kind's records.
        if let Some(was) = self.kind_of.insert(record.id.clone(), place).filter(|&was| was != place) {
            self.kinds[was].records.remove(&record.id);
            self.kinds[was].dropped = self.changed(was);
        }
        self.note_conflicts(&record);
        self.kinds[place].records.insert(record.id.clone(), Held::new(record, changed));
    }

    fn remove(&mut self, id: &RecordId) {
        if let Some(place) = self.kind_of.remove(id) {
            self.kinds[place].records.remove(id);
            self.conflicted.remove(id);
            self.kinds[place].dropped = self.changed(place);
        }
    }

    pub fn station(&self) -> &StationId {
        &self.station
    }

    pub fn clock(&self) -> Hlc {
        self.clock
    }

    pub fn get(&self, id: &RecordId) -> Option<&Record> {
        let place = *self.kind_of.get(id)?;
        self.kinds[place].records.get(id).map(|held| &held.record)
    }

    /// Every record, kind by kind, in id order within a kind.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.kinds.iter().flat_map(|k| k.records.values().map(|held| &held.record))
    }

    fn held<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Held> + 'a {
        self.kind_places.get(kind).into_iter().flat_map(|&k| self.kinds[k].records.values())
    }

    /// Records of one kind, deleted ones included, in id order.
    pub fn of_kind<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Record> + 'a {
        self.held(kind).map(|held| &held.record)
    }

    /// Records of one kind that are not deleted, in id order.
    pub fn live<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Record> + 'a {
        self.held(kind).filter(|held| held.live).map(|held| &held.record)
    }

    /// `live`, each record with the kind's version when it last changed: a list made from the kind
    /// at version `v` still holds every record whose version is at most `v` as it is now.
    pub fn live_since<'a>(&'a self, kind: &str) -> impl Iterator<Item = (&'a Record, u64)> + 'a {
        self.held(kind).filter(|held| held.live).map(|held| (&held.record, held.changed))
    }

    /// Records of one kind, deleted ones included, that changed after the kind's version `v`:
    /// what a list made at `v` must take in (or drop) to be current.
    pub fn changed_since<'a>(&'a self, kind: &str, v: u64) -> impl Iterator<Item = &'a Record> + 'a {
        self.held(kind).filter(move |held| held.changed > v).map(|held| &held.record)
    }

    /// The records with a field in conflict (some of them may hold the same value on every side),
    /// in id order.
    pub fn in_conflict(&self) -> impl Iterator<Item = &Record> {
        self.conflicted.iter().filter_map(|id| self.get(id))
    }

    pub fn len(&self) -> usize {
        self.kind_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kind_of.is_empty()
    }

    /// Stamps the edits with this station's clock and returns the new versions of the records they
    /// touch, in edit order (a record edited twice appears once). The replica is unchanged: the
    /// caller writes the result and then absorbs it, so a failed write changes nothing.
    /// `pending` are stored records not yet absorbed (another tab's latest): edits build on them.
    /// Setting a field to the value it already has (and no conflict) writes nothing.
    pub fn stage(&self, edits: Vec<Edit>, now_ms: u64, pending: &[Record]) -> Result<Vec<Record>, EditError> {
        Ok(self.stage_with_bases(edits, now_ms, pending)?.into_iter().map(|(_, r)| r).collect())
    }

    /// `stage`, plus an audit entry (`audit::change_record`) for every record an edit changed,
    /// naming `author` (the station's name) as who changed it.
    pub fn stage_audited(
        &self,
        edits: Vec<Edit>,
        now_ms: u64,
        pending: &[Record],
        author: &str,
    ) -> Result<Vec<Record>, EditError> {
        let staged = self.stage_with_bases(edits, now_ms, pending)?;
        let mut out = Vec::with_capacity(staged.len() * 2);
        let mut entries = Vec::new();
        for (base, record) in staged {
            if let Some(base) = &base {
                entries.extend(audit::change_record(base, &record, &self.station, author));
            }
            out.push(record);
        }
        out.extend(entries);
        Ok(out)
    }

    /// Records set aside for their clocks (`is_from_the_future`), each with where it came from,
    /// taken in as this station's own edit now: every field whose winning value differs here is
    /// written again at this station's clock (a record not here is created with the same id), and
    /// an audit entry names where it came from and the stamp that set it aside
    /// (`audit::accept_record`). A record here of another kind is left alone; its id is returned.
    /// The staged records and entries go through the import's checks and write like a file's.
    pub fn stage_accepted(
        &self,
        held: &[(&Record, audit::Accepted)],
        now_ms: u64,
        author: &str,
    ) -> (Vec<Record>, Vec<RecordId>) {
        let mut edits = Vec::with_capacity(held.len());
        let mut other_kind = Vec::new();
        for (r, _) in held {
            let fields: Vec<(String, Value)> =
                r.fields.keys().filter_map(|name| Some((name.to_string(), r.value(name)?.clone()))).collect();
            match self.get(&r.id) {
                Some(here) if here.kind != r.kind => other_kind.push(r.id.clone()),
                Some(_) => edits.push(Edit::Update { id: r.id.clone(), fields }),
                None => edits.push(Edit::Create { id: r.id.clone(), kind: r.kind.clone(), fields }),
            }
        }
        // Every edit names a record that is here (updates) or not (creates), each id once.
        let Ok(staged) = self.stage_with_bases(edits, now_ms, &[]) else {
            return (Vec::new(), held.iter().map(|(r, _)| r.id.clone()).collect());
        };
        let from: IdMap<&audit::Accepted> = held.iter().map(|(r, a)| (r.id.clone(), a)).collect();
        let mut out = Vec::with_capacity(staged.len() * 2);
        let mut entries = Vec::new();
        for (base, record) in staged {
            if let Some(a) = from.get(&record.id) {
                entries.extend(audit::accept_record(base.as_ref(), &record, &self.station, author, a));
            }
            out.push(record);
        }
        out.extend(entries);
        (out, other_kind)
    }

    /// The staged records, each with the version it was built on (`None` for a new record).
    fn stage_with_bases(
        &self,
        edits: Vec<Edit>,
        now_ms: u64,
        pending: &[Record],
    ) -> Result<Vec<(Option<Record>, Record)>, EditError> {
        let mut clock = self.clock;
        let mut pending_by_id: HashMap<&RecordId, Record, FastHash> = HashMap::default();
        for record in pending {
            clock = observe_stored(clock, &self.station, record, now_ms);
            let merged = match pending_by_id.remove(&record.id).or_else(|| self.get(&record.id).cloned()) {
                Some(base) => base.merge(record),
                None => record.clone(),
            };
            pending_by_id.insert(&record.id, merged);
        }
        let mut touched: Vec<(Option<Record>, Record)> = Vec::new();
        let mut position: IdMap<usize> = HashMap::default();
        for edit in edits {
            let id = edit.record_id().clone();
            let id = &id;
            let (base, current) = match position.get(id) {
                Some(&i) => (touched[i].0.clone(), Some(touched[i].1.clone())),
                None => {
                    let base = pending_by_id.get(id).cloned().or_else(|| self.get(id).cloned());
                    (base.clone(), base)
                }
            };
            let mut record = match (&edit, current) {
                (Edit::Create { .. }, Some(_)) => return Err(EditError::AlreadyExists(id.clone())),
                (_, Some(r)) => r,
                (Edit::Create { kind, .. }, None) => Record::new(id.clone(), kind, self.station),
                (_, None) => return Err(EditError::UnknownRecord(id.clone())),
            };
            let fields = match edit {
                Edit::Create { fields, .. } | Edit::Update { fields, .. } => fields,
                Edit::Delete { .. } => vec![(DELETED_FIELD.to_string(), Value::Bool(true))],
            };
            let changes: Vec<(String, Value)> =
                fields.into_iter().filter(|(name, value)| !holds_only(&record, name, value)).collect();
            if changes.is_empty() && position.contains_key(id) {
                continue;
            }
            if !changes.is_empty() {
                clock = clock.tick(now_ms);
                for (name, value) in changes {
                    record.set(&name, value, clock, &self.station);
                }
            } else if base.is_some() {
                // Nothing to write: the record is as the edit wants it.
                continue;
            }
            match position.get(id) {
                Some(&i) => touched[i].1 = record,
                None => {
                    position.insert(id.clone(), touched.len());
                    touched.push((base, record));
                }
            }
        }
        Ok(touched)
    }

    /// Merges records that are stored (loaded at start, just committed, or written by another tab
    /// of this station), and moves the clock past them. A copy that disagrees with the replica on
    /// a record's kind is not merged (one of them is damaged or foreign); its id is returned.
    pub fn absorb(&mut self, records: impl IntoIterator<Item = Record>, now_ms: u64) -> Vec<RecordId> {
        let mut refused = Vec::new();
        for record in records {
            self.clock = observe_stored(self.clock, &self.station, &record, now_ms);
            let merged = match self.get(&record.id) {
                None => {
                    self.insert(record);
                    continue;
                }
                Some(existing) if existing.kind != record.kind => {
                    refused.push(record.id);
                    continue;
                }
                Some(existing) if *existing == record => continue,
                Some(existing) => existing.merge(&record),
            };
            let place = self.kind_of[&record.id];
            if self.get(&record.id) != Some(&merged) {
                let changed = self.changed(place);
                self.note_conflicts(&merged);
                if let Some(held) = self.kinds[place].records.get_mut(&record.id) {
                    *held = Held::new(merged, changed);
                }
            }
        }
        refused
    }

    /// Moves the clock past records that were stored but are not kept in memory (a kind not
    /// loaded), so the next stamps still come after them.
    pub fn observe(&mut self, records: &[Record], now_ms: u64) {
        for record in records {
            self.clock = observe_stored(self.clock, &self.station, record, now_ms);
        }
    }

    /// Puts records back exactly as given, replacing the copies held (not merging), and drops
    /// the records in `remove`: the undo of an import (`exchange::undo`) puts back what the records
    /// were before it. The clock stays where it is, past every stamp it has taken in.
    pub fn restore(&mut self, records: Vec<Record>, remove: &[RecordId]) {
        for id in remove {
            self.remove(id);
        }
        for record in records {
            self.insert(record);
        }
    }

    /// Drops every record of these kinds, to read them again from the store; the clock stays
    /// past every stamp it has seen.
    pub fn forget_kinds(&mut self, kinds: &[String]) {
        for kind in kinds {
            let Some(&place) = self.kind_places.get(kind) else { continue };
            for id in std::mem::take(&mut self.kinds[place].records).into_keys() {
                self.kind_of.remove(&id);
                self.conflicted.remove(&id);
            }
            self.kinds[place].dropped = self.changed(place);
        }
    }

    pub fn clock_behind(&self, now_ms: u64) -> Option<ClockBehind> {
        self.clock.is_ahead_of(now_ms).then_some(ClockBehind { newest_stamp_ms: self.clock.wall_ms(), now_ms })
    }
}

/// Whether the field's one current write already has this value (no conflict to resolve). A
/// field never written holds nothing, so an empty value there (a form's blank input) is no change.
fn holds_only(record: &Record, field: &str, value: &Value) -> bool {
    match record.fields.get(field).map(Vec::as_slice) {
        None | Some([]) => value.is_null() || value.as_str() == Some(""),
        Some([w]) => &w.value == value,
        Some(_) => false,
    }
}

/// Moves a station's clock past a stored record. Stamps of this station are always taken in, so
/// its next stamp is new even after the PC clock was set back; stamps of other stations only
/// within the bound of `Hlc::observe`.
fn observe_stored(mut clock: Hlc, station: &StationId, record: &Record, now_ms: u64) -> Hlc {
    for w in record.fields.values().flatten() {
        clock = if &w.station == station { clock.max(w.clock) } else { clock.observe(w.clock, now_ms) };
    }
    match record.seen.get(station) {
        Some(&own) => clock.max(own),
        None => clock,
    }
}

/// Splits records that came from elsewhere into those that may merge and those stamped too far
/// ahead of this PC's clock (a PC set to 2035). Merged, such a write would beat every honest edit
/// until 2035; set aside, it is shown to the user and merges once the clocks agree.
pub fn quarantine_future(records: Vec<Record>, now_ms: u64) -> (Vec<Record>, Vec<Record>) {
    records.into_iter().partition(|r| !is_from_the_future(r, now_ms))
}

/// Whether a record carries a stamp too far ahead of this PC's clock to merge now: a write's, or
/// one it says it has seen (`seen`). Merged, a seen stamp from 2035 would make this copy treat
/// that station's honest writes until 2035 as ones it has seen and dropped.
pub fn is_from_the_future(record: &Record, now_ms: u64) -> bool {
    newest_stamp(record).is_ahead_of(now_ms)
}

/// The newest stamp a record carries, of its writes and of what it has seen.
pub fn newest_stamp(record: &Record) -> Hlc {
    record.clocks().chain(record.seen.values().copied()).max().unwrap_or(Hlc::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::kind;
    use serde_json::json;

    fn replica(n: u8) -> Replica {
        Replica::new(StationId::from_random([n; 8]))
    }

    fn rid(n: u8) -> RecordId {
        RecordId::from_random([n; 16])
    }

    fn create(n: u8, name: &str) -> Edit {
        Edit::Create { id: rid(n), kind: kind::ORG.into(), fields: vec![("name".into(), json!(name))] }
    }

    #[test]
    fn staging_changes_nothing_until_absorbed() {
        let mut r = replica(1);
        let staged = r.stage(vec![create(1, "一支部")], 1_000, &[]).unwrap();
        assert!(r.is_empty());
        r.absorb(staged, 1_000);
        assert_eq!(r.get(&rid(1)).unwrap().text("name"), Some("一支部"));
        assert!(r.clock() > Hlc::ZERO);
    }

    #[test]
    fn a_blank_value_for_a_field_never_written_is_no_change() {
        let mut r = replica(1);
        let s = r.stage(vec![create(1, "一支部")], 1, &[]).unwrap();
        r.absorb(s, 1);
        let blank =
            Edit::Update { id: rid(1), fields: vec![("phone".into(), json!("")), ("founded".into(), json!(null))] };
        assert!(r.stage(vec![blank], 2, &[]).unwrap().is_empty(), "nothing to write");
        let set = Edit::Update { id: rid(1), fields: vec![("phone".into(), json!("0731-1234567"))] };
        let s = r.stage(vec![set], 3, &[]).unwrap();
        r.absorb(s, 3);
        let clear = Edit::Update { id: rid(1), fields: vec![("phone".into(), json!(""))] };
        assert_eq!(r.stage(vec![clear], 4, &[]).unwrap().len(), 1, "clearing a value is a change");
    }

    #[test]
    fn edits_are_checked_against_what_exists() {
        let mut r = replica(1);
        assert_eq!(r.stage(vec![Edit::Delete { id: rid(9) }], 1, &[]).unwrap_err(), EditError::UnknownRecord(rid(9)));
        let s = r.stage(vec![create(1, "a")], 1, &[]).unwrap();
        r.absorb(s, 1);
        assert_eq!(r.stage(vec![create(1, "b")], 2, &[]).unwrap_err(), EditError::AlreadyExists(rid(1)));
    }

    #[test]
    fn each_edit_gets_its_own_stamp_even_within_one_millisecond() {
        let r = replica(1);
        let edits = [create(1, "a"), Edit::Update { id: rid(1), fields: vec![("name".into(), json!("b"))] }];
        let staged = r.stage(edits.to_vec(), 5, &[]).unwrap();
        assert_eq!(staged.len(), 1);
        let w = &staged[0].fields["name"][0];
        assert_eq!(w.value, json!("b"));
        assert!(w.replaced > Hlc::ZERO && w.clock > w.replaced);
    }

    #[test]
    fn the_clock_never_reuses_a_stamp_after_the_pc_clock_is_set_back() {
        let mut r = replica(1);
        let s = r.stage(vec![create(1, "a")], 2_000_000_000_000, &[]).unwrap();
        r.absorb(s.clone(), 2_000_000_000_000);
        // A restart with the PC clock set back two years: the store is loaded again.
        let mut restarted = Replica::new(*r.station());
        let back = 1_940_000_000_000;
        restarted.absorb(s, back);
        assert!(restarted.clock_behind(back).is_some());
        let next = restarted.stage(vec![create(2, "b")], back, &[]).unwrap();
        assert!(next[0].fields["name"][0].clock > r.get(&rid(1)).unwrap().fields["name"][0].clock);
    }

    #[test]
    fn records_from_a_pc_set_to_2035_are_quarantined_and_do_not_move_the_clock() {
        let now = 1_795_000_000_000; // 2026-11
        let mut wrong = replica(2);
        let from_2035 = wrong.stage(vec![create(3, "未来")], 2_060_000_000_000, &[]).unwrap();
        wrong.absorb(from_2035.clone(), 2_060_000_000_000);
        let honest = replica(1).stage(vec![create(4, "现在")], now, &[]).unwrap();
        let mut incoming = from_2035.clone();
        incoming.extend(honest.clone());
        let (ok, held) = quarantine_future(incoming, now);
        assert_eq!(ok, honest);
        assert_eq!(held, from_2035);
        // Even if such a record reached the store, it would not drag this station's clock along.
        let mut here = replica(1);
        here.absorb(from_2035, now);
        assert!(here.clock().wall_ms() <= now);
    }

    #[test]
    fn a_kind_version_moves_only_when_a_record_of_that_kind_changes() {
        let mut r = replica(1);
        let staged = r.stage(vec![create(1, "坪塘镇党委")], 1_000, &[]).unwrap();
        r.absorb(staged.clone(), 1_000);
        let org = r.kind_version(kind::ORG);
        assert!(org > 0);
        assert_eq!(r.kind_version(kind::MEMBER), 0);
        // The same copy again changes nothing.
        r.absorb(staged, 2_000);
        assert_eq!(r.kind_version(kind::ORG), org);
        let member =
            Edit::Create { id: rid(2), kind: kind::MEMBER.into(), fields: vec![("name".into(), json!("王建军"))] };
        let staged = r.stage(vec![member], 3_000, &[]).unwrap();
        r.absorb(staged, 3_000);
        assert_eq!(r.kind_version(kind::ORG), org, "a member saved leaves the organizations alone");
        assert!(r.kind_version(kind::MEMBER) > org);
        assert_eq!(r.live(kind::MEMBER).count(), 1);
        assert_eq!(r.live(kind::ORG).count(), 1);
        r.forget_kinds(&[kind::MEMBER.to_string()]);
        assert_eq!(r.live(kind::MEMBER).count(), 0);
        assert_eq!(r.live(kind::ORG).count(), 1);
        r.restore(vec![], &[rid(1)]);
        assert_eq!(r.live(kind::ORG).count(), 0);
        assert!(r.kind_version(kind::ORG) > org);
    }

    #[test]
    fn changed_since_gives_what_a_list_must_take_in_and_last_dropped_when_it_must_start_over() {
        let mut r = replica(1);
        let s = r.stage(vec![create(1, "一支部"), create(2, "二支部")], 1_000, &[]).unwrap();
        r.absorb(s, 1_000);
        let made = r.kind_version(kind::ORG);
        assert_eq!(r.changed_since(kind::ORG, 0).count(), 2);
        assert_eq!(r.changed_since(kind::ORG, made).count(), 0);
        let s = r.stage(vec![Edit::Delete { id: rid(2) }], 2_000, &[]).unwrap();
        r.absorb(s, 2_000);
        let ids: Vec<&RecordId> = r.changed_since(kind::ORG, made).map(|x| &x.id).collect();
        assert_eq!(ids, vec![&rid(2)], "a deleted record is given too, to be dropped from the list");
        assert_eq!(r.last_dropped(kind::ORG), 0, "a deletion keeps the record (a tombstone)");
        let before = r.kind_version(kind::ORG);
        r.restore(vec![], &[rid(1)]);
        assert!(r.last_dropped(kind::ORG) > before, "a record gone from memory");
        let before = r.kind_version(kind::ORG);
        r.forget_kinds(&[kind::ORG.to_string()]);
        assert!(r.last_dropped(kind::ORG) > before);
        assert_eq!(r.last_dropped(kind::MEMBER), 0, "a kind never held");
    }

    #[test]
    fn a_record_in_conflict_is_held_as_such_until_resolved_or_forgotten() {
        let mut town = replica(1);
        let s = town.stage(vec![create(1, "一支部")], 1_000, &[]).unwrap();
        town.absorb(s.clone(), 1_000);
        let mut village = replica(2);
        village.absorb(s, 1_000);
        assert_eq!(town.in_conflict().count(), 0);
        let rename = |r: &Replica, name: &str, at| {
            r.stage(vec![Edit::Update { id: rid(1), fields: vec![("name".into(), json!(name))] }], at, &[]).unwrap()
        };
        let theirs = rename(&village, "第一支部", 2_000);
        let ours = rename(&town, "一支部委员会", 2_000);
        town.absorb(ours, 2_000);
        town.absorb(theirs, 2_000);
        let held: Vec<&RecordId> = town.in_conflict().map(|r| &r.id).collect();
        assert_eq!(held, vec![&rid(1)]);
        let settled = rename(&town, "第一支部", 3_000);
        town.absorb(settled, 3_000);
        assert_eq!(town.in_conflict().count(), 0, "a choice ends the conflict");
        let mut again = town.clone();
        again.absorb(rename(&village, "二支部", 4_000), 4_000);
        assert_eq!(again.in_conflict().count(), 1, "a change made without seeing the choice is a new conflict");
        again.forget_kinds(&[kind::ORG.to_string()]);
        assert_eq!(again.in_conflict().count(), 0);
    }

    #[test]
    fn a_list_made_at_a_version_still_holds_every_record_not_changed_since() {
        let mut r = replica(1);
        let s = r.stage((1..=4).map(|n| create(n, "支部")).collect(), 1_000, &[]).unwrap();
        r.absorb(s, 1_000);
        let made_at = r.kind_version(kind::ORG);
        let ids: Vec<&RecordId> = r.live_since(kind::ORG).map(|(rec, _)| &rec.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "in id order");
        let s = r
            .stage(
                vec![
                    Edit::Update { id: rid(2), fields: vec![("name".into(), json!("二支部"))] },
                    Edit::Delete { id: rid(3) },
                ],
                2_000,
                &[],
            )
            .unwrap();
        r.absorb(s, 2_000);
        let changed: Vec<RecordId> =
            r.live_since(kind::ORG).filter(|(_, at)| *at > made_at).map(|(rec, _)| rec.id.clone()).collect();
        assert_eq!(changed, vec![rid(2)]);
        assert_eq!(r.live_since(kind::ORG).count(), 3, "the deleted one is gone");
    }
}
