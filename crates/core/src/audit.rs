//! The audit trail (变更记录): who changed which field of a record, when, at which station, and
//! from what to what.
//!
//! A record keeps only its current writes, so old values are gone once replaced. Each edit
//! therefore also writes an audit entry, a record of kind `change` that is never edited again.
//! Being a record, it travels in exchange files and merges like any other (two copies of one
//! entry are identical), so a township sees what a village changed. Its id comes from the
//! write's station and stamp (`RecordId::for_write`), which name that write forever. Entries are
//! not loaded at start: a record's page reads them when it opens.
//!
//! A new record gets no entry: its own first writes say who made it and when.

use super::clock::Hlc;
use super::record::{kind, Record, RecordId, DELETED_FIELD};
use super::station::StationId;
use serde_json::{json, Value};

pub const TARGET: &str = "target";
pub const TARGET_KIND: &str = "target_kind";
pub const ACTION: &str = "action";
/// `[{"f": field, "o": old value or null, "n": new value or null}, ...]`
pub const CHANGES: &str = "changes";
/// The changing station's name as it was then, so the trail reads well at other stations too.
pub const AUTHOR: &str = "author";
/// On an entry that took in records set aside for their clocks: `{"s": station, "n": its name,
/// "t": the newest stamp they carried (ms)}`.
pub const ACCEPTED: &str = "accepted";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Update,
    Delete,
    Restore,
    /// A record set aside for its clock (stamped far ahead of this PC's) taken in as this
    /// station's own edit, at the present.
    Accept,
}

/// Where a record taken in by an `Accept` came from: the station whose file brought it, and the
/// stamp that set it aside.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    pub station: StationId,
    pub name: String,
    pub stamp_ms: u64,
}

impl Action {
    fn code(self) -> &'static str {
        match self {
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
            Action::Accept => "accept",
        }
    }

    fn from_code(code: &str) -> Action {
        match code {
            "delete" => Action::Delete,
            "restore" => Action::Restore,
            "accept" => Action::Accept,
            _ => Action::Update,
        }
    }
}

/// One field's change.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// An audit entry as the record page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeEntry {
    pub target: RecordId,
    pub action: Action,
    pub changes: Vec<FieldChange>,
    pub author: String,
    pub station: StationId,
    pub at: Hlc,
    /// For an `Accept`: where the record came from.
    pub accepted: Option<Accepted>,
}

/// The audit entry for one edit: `before` is the version the edit was made on, `after` the
/// version it wrote at `station`. `None` if the edit changed nothing. The entry is stamped with
/// the edit's own stamp, so the station's clock has already passed it.
pub fn change_record(before: &Record, after: &Record, station: &StationId, author: &str) -> Option<Record> {
    entry_for(before, after, station, author, None)
}

/// The audit entry for a record set aside for its clock and taken in as `station`'s edit
/// (`Replica::stage_accepted`): every field it wrote, from what this station held (`None`: the
/// record is new here), and where it came from. `None` if it wrote nothing.
pub fn accept_record(
    before: Option<&Record>,
    after: &Record,
    station: &StationId,
    author: &str,
    from: &Accepted,
) -> Option<Record> {
    let empty = Record::new(after.id.clone(), &after.kind, after.origin);
    entry_for(before.unwrap_or(&empty), after, station, author, Some(from))
}

fn entry_for(
    before: &Record,
    after: &Record,
    station: &StationId,
    author: &str,
    accepted: Option<&Accepted>,
) -> Option<Record> {
    let mut stamp = Hlc::ZERO;
    let mut changes = Vec::new();
    let mut action = Action::Update;
    for (name, writes) in &after.fields {
        let Some(newest) = writes.iter().filter(|w| &w.station == station).map(|w| w.clock).max() else {
            continue;
        };
        let was = before.fields.get(name);
        let is_new = was.is_none_or(|ws| !ws.iter().any(|w| w.clock == newest && &w.station == station));
        if !is_new {
            continue;
        }
        stamp = stamp.max(newest);
        let old = before.value(name).cloned().unwrap_or(Value::Null);
        let new = after.value(name).cloned().unwrap_or(Value::Null);
        if name == DELETED_FIELD {
            if accepted.is_none() {
                action = if new == Value::Bool(true) { Action::Delete } else { Action::Restore };
            }
        } else {
            changes.push(json!({"f": name, "o": old, "n": new}));
        }
    }
    if stamp.is_zero() {
        return None;
    }
    if accepted.is_some() {
        action = Action::Accept;
    }
    let mut entry = Record::new(RecordId::for_write(*station, stamp), kind::CHANGE, *station);
    let fields = [
        (TARGET, json!(after.id.as_str())),
        (TARGET_KIND, json!(after.kind)),
        (ACTION, json!(action.code())),
        (CHANGES, Value::Array(changes)),
        (AUTHOR, json!(author)),
    ];
    for (name, value) in fields {
        entry.set(name, value, stamp, station);
    }
    if let Some(from) = accepted {
        let value = json!({"s": from.station.to_string(), "n": from.name, "t": from.stamp_ms});
        entry.set(ACCEPTED, value, stamp, station);
    }
    Some(entry)
}

impl ChangeEntry {
    /// `None` if the record is not an audit entry or lacks its target.
    pub fn from_record(r: &Record) -> Option<ChangeEntry> {
        if r.kind != kind::CHANGE {
            return None;
        }
        let target = r.text(TARGET).and_then(RecordId::parse)?;
        let write = r.fields.get(TARGET)?.first()?;
        let changes = r
            .value(CHANGES)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|c| {
                        Some(FieldChange {
                            field: c.get("f")?.as_str()?.to_string(),
                            old: c.get("o").cloned().unwrap_or(Value::Null),
                            new: c.get("n").cloned().unwrap_or(Value::Null),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(ChangeEntry {
            target,
            action: Action::from_code(r.text(ACTION).unwrap_or_default()),
            changes,
            author: r.text(AUTHOR).unwrap_or_default().to_string(),
            station: write.station,
            at: write.clock,
            accepted: r.value(ACCEPTED).and_then(|v| {
                Some(Accepted {
                    station: StationId::parse(v.get("s")?.as_str()?)?,
                    name: v.get("n")?.as_str()?.to_string(),
                    stamp_ms: v.get("t")?.as_u64()?,
                })
            }),
        })
    }
}

/// A record's trail, oldest first.
pub fn trail_of<'a>(records: impl Iterator<Item = &'a Record>, target: &RecordId) -> Vec<ChangeEntry> {
    let mut out: Vec<ChangeEntry> =
        records.filter_map(ChangeEntry::from_record).filter(|e| &e.target == target).collect();
    crate::sort::sort_by(&mut out, |a, b| (a.at, a.station).cmp(&(b.at, b.station)));
    out
}

/// When and where a record was made: the oldest write in it.
pub fn creation(r: &Record) -> Option<(Hlc, StationId)> {
    r.fields.values().flatten().filter(|w| w.replaced.is_zero()).map(|w| (w.clock, w.station)).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::{Edit, Replica};

    fn station(n: u8) -> StationId {
        StationId::from_random([n; 8])
    }

    fn rid(n: u8) -> RecordId {
        RecordId::from_random([n; 16])
    }

    fn update(n: u8, field: &str, value: Value) -> Edit {
        Edit::Update { id: rid(n), fields: vec![(field.into(), value)] }
    }

    fn with_member(r: &mut Replica) {
        let create = Edit::Create {
            id: rid(1),
            kind: kind::MEMBER.into(),
            fields: vec![("name".into(), json!("张三")), ("phone".into(), json!("13800000000"))],
        };
        let staged = r.stage_audited(vec![create], 1_000, &[], "坪塘镇").unwrap();
        assert_eq!(staged.len(), 1, "a new record needs no entry");
        r.absorb(staged, 1_000);
    }

    #[test]
    fn an_edit_writes_an_entry_with_old_and_new_values() {
        let mut r = Replica::new(station(1));
        with_member(&mut r);
        let staged = r
            .stage_audited(
                vec![update(1, "name", json!("张叁")), update(1, "phone", json!("13800000000"))],
                2_000,
                &[],
                "坪塘镇",
            )
            .unwrap();
        assert_eq!(staged.len(), 2);
        let entry = ChangeEntry::from_record(&staged[1]).unwrap();
        assert_eq!(entry.target, rid(1));
        assert_eq!(entry.action, Action::Update);
        assert_eq!(entry.author, "坪塘镇");
        assert_eq!(entry.station, station(1));
        assert_eq!(entry.changes, vec![FieldChange { field: "name".into(), old: json!("张三"), new: json!("张叁") }]);
        assert_eq!(entry.at, staged[0].fields["name"][0].clock);
        assert_eq!(staged[1].id, RecordId::for_write(station(1), entry.at));
    }

    #[test]
    fn an_edit_that_changes_nothing_writes_nothing() {
        let mut r = Replica::new(station(1));
        with_member(&mut r);
        let staged = r.stage_audited(vec![update(1, "name", json!("张三"))], 2_000, &[], "坪塘镇").unwrap();
        assert!(staged.is_empty());
    }

    #[test]
    fn deleting_is_recorded_as_a_delete() {
        let mut r = Replica::new(station(1));
        with_member(&mut r);
        let staged = r.stage_audited(vec![Edit::Delete { id: rid(1) }], 2_000, &[], "坪塘镇").unwrap();
        let entry = ChangeEntry::from_record(&staged[1]).unwrap();
        assert_eq!(entry.action, Action::Delete);
        assert!(entry.changes.is_empty());
    }

    #[test]
    fn the_trail_is_ordered_and_holds_only_the_records_own_entries() {
        let mut r = Replica::new(station(1));
        with_member(&mut r);
        for (i, name) in ["李四", "王五"].into_iter().enumerate() {
            let staged =
                r.stage_audited(vec![update(1, "name", json!(name))], 3_000 + i as u64, &[], "坪塘镇").unwrap();
            r.absorb(staged, 3_000);
        }
        let trail = trail_of(r.records(), &rid(1));
        let news: Vec<&Value> = trail.iter().map(|e| &e.changes[0].new).collect();
        assert_eq!(news, [&json!("李四"), &json!("王五")]);
        assert!(trail_of(r.records(), &rid(2)).is_empty());
        let (made, by) = creation(r.get(&rid(1)).unwrap()).unwrap();
        assert!(made < trail[0].at);
        assert_eq!(by, station(1));
    }

    #[test]
    fn ids_for_writes_are_valid_distinct_uuids() {
        let a = RecordId::for_write(station(1), Hlc::new(1_795_000_000_000, 3));
        let b = RecordId::for_write(station(1), Hlc::new(1_795_000_000_000, 4));
        let c = RecordId::for_write(station(2), Hlc::new(1_795_000_000_000, 3));
        let d = RecordId::for_write(StationId::from_random([0xff; 8]), Hlc::from_raw((1 << 53) - 1));
        for id in [&a, &b, &c, &d] {
            assert_eq!(RecordId::parse(id.as_str()).as_ref(), Some(id));
        }
        assert!(a != b && a != c && b != c);
        assert_eq!(a, RecordId::for_write(station(1), Hlc::new(1_795_000_000_000, 3)));
    }
}
