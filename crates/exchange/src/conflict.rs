//! Conflicts (冲突): fields two stations changed without seeing each other's change. The merge
//! keeps every side and picks the same winner everywhere; here they are listed for the user, and
//! a choice becomes an ordinary edit.
//!
//! Resolving is writing the field: `Replica::stage` writes a field in conflict even when the
//! chosen value is the one already winning (it only skips a field holding that value alone), and
//! `Record::set` replaces every current write with the new one. The new write's record has seen
//! both sides, so wherever it merges, both sides give way to it: the conflict ends at every
//! station that receives the resolution.

use dangjian_domain::clock::Hlc;
use dangjian_domain::record::{FieldConflict, RecordId};
use dangjian_domain::replica::{Edit, Replica};
use dangjian_domain::station::StationId;
use serde_json::Value;

/// One value a field holds in a conflict, with who wrote it and when.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictValue {
    pub value: Value,
    pub station: StationId,
    pub at: Hlc,
    /// The value records show until someone chooses (the same at every station).
    pub winning: bool,
}

impl ConflictValue {
    /// When it was written, in ms since 1970 (UTC).
    pub fn wall_ms(&self) -> u64 {
        self.at.wall_ms()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub record: RecordId,
    pub kind: String,
    pub field: String,
    /// The winning value first.
    pub values: Vec<ConflictValue>,
}

/// Whether the sides of a conflict hold different values. Two stations writing the same value
/// without seeing each other (both correcting an address the same way) leave two writes, but
/// there is nothing to choose between: such a field is neither listed nor counted as a conflict.
pub fn disagrees(c: &FieldConflict) -> bool {
    c.losers.iter().any(|w| w.value != c.winner.value)
}

/// Every field in conflict in the replica (deleted records left out), by record id, then field.
/// Reads only the records the replica holds as in conflict, so a save at county scale does not
/// walk every record to count them.
pub fn list(replica: &Replica) -> Vec<Conflict> {
    let mut out = Vec::new();
    for r in replica.in_conflict().filter(|r| !r.is_deleted()) {
        for c in r.conflicts().filter(disagrees) {
            let values = std::iter::once(c.winner)
                .chain(c.losers)
                .enumerate()
                .map(|(i, w)| ConflictValue {
                    value: w.value.clone(),
                    station: w.station,
                    at: w.clock,
                    winning: i == 0,
                })
                .collect();
            out.push(Conflict { record: r.id.clone(), kind: r.kind.clone(), field: c.field.to_string(), values });
        }
    }
    dangjian_domain::sort::sort_by(&mut out, |a, b| (&a.record, &a.field).cmp(&(&b.record, &b.field)));
    out
}

/// The edit that settles a conflict on `value` (one of the values shown, or one typed anew).
/// Commit it like any edit; it travels to other stations in the next exchange.
pub fn resolve(conflict: &Conflict, value: Value) -> Edit {
    Edit::Update { id: conflict.record.clone(), fields: vec![(conflict.field.clone(), value)] }
}
