//! Records set aside for their clocks (暂缓): a file's records stamped more than a day ahead of
//! this PC's clock (`replica::is_from_the_future`, a PC set to 2035) are not merged, for they
//! would beat every honest edit until then. They are kept beside the data (the shell writes the
//! list with the import that set them aside, in the same transaction), shown in 数据交换 with the
//! station and the stamp, and leave the list one of three ways:
//! - **merged as they are** once the clocks agree (this PC's clock was the one behind, and has
//!   been put right): `plan_taking(.., Take::AsTheyAre, ..)`;
//! - **accepted** now: taken in as this station's own edit at the present, with an audit entry
//!   naming where they came from and the stamp that set them aside (`Replica::stage_accepted`):
//!   `Take::Restamped`;
//! - **dropped with their import** when that import is undone.
//!
//! Either way in, they pass the import's own checks (`plan::preview`: references, kinds) and are
//! written and undone like a file: a record whose organization is still set aside waits.

use super::format::{count_kinds, Header, ScopeRef, StationRef, APP_VERSION, FORMAT_NAME, FORMAT_VERSION};
use super::plan::{preview, ImportPlan, RejectReason};
use super::read::ParsedFile;
use dangjian_domain::audit::Accepted;
use dangjian_domain::clock::Hlc;
use dangjian_domain::record::{kind, Record, RecordId};
use dangjian_domain::replica::{is_from_the_future, newest_stamp, Replica};
use serde::{Deserialize, Serialize};

/// One record set aside, with the import that brought it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Held {
    pub record: Record,
    /// The station whose file brought it.
    pub from: StationRef,
    pub file_name: String,
    /// The file's checksum: its import in the log (undoing that import drops the record).
    pub sha256: String,
    /// When it was set aside, in ms since 1970 by this PC's clock.
    pub held_ms: u64,
}

impl Held {
    /// The stamp that set it aside: the newest it carries.
    pub fn stamp(&self) -> Hlc {
        newest_stamp(&self.record)
    }

    /// Whether it may merge as it is now: no stamp of it is ahead of this PC's clock any more.
    pub fn is_due(&self, now_ms: u64) -> bool {
        !is_from_the_future(&self.record, now_ms)
    }
}

/// The list as kept in the store (JSON); a missing value is an empty list. A damaged one reads as
/// empty too (the records are still in the files they came in, whose log entries say so).
pub fn from_json(text: Option<&str>) -> Vec<Held> {
    text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
}

pub fn to_json(held: &[Held]) -> String {
    serde_json::to_string(held).unwrap_or_else(|_| "[]".into())
}

/// Adds the records an import of `header`'s file set aside. The same file imported again (its
/// records tried once more) replaces its own, not adds them twice.
pub fn hold(held: &mut Vec<Held>, records: &[Record], header: &Header, file_name: &str, now_ms: u64) {
    held.retain(|h| h.sha256 != header.sha256 || !records.iter().any(|r| r.id == h.record.id));
    held.extend(records.iter().map(|r| Held {
        record: r.clone(),
        from: header.station.clone(),
        file_name: file_name.to_string(),
        sha256: header.sha256.clone(),
        held_ms: now_ms,
    }));
}

/// What an import of `file` planned as `plan` sets aside: the records stamped too far ahead, and
/// those that wait for one of them (`RejectReason::ReferenceWaits`: a member of a branch set
/// aside), so that they can be taken in together.
pub fn set_aside(plan: &ImportPlan, file: &ParsedFile) -> Vec<Record> {
    let waiting = plan.rejected.iter().filter(|r| matches!(r.reason, RejectReason::ReferenceWaits { .. }));
    let waiting =
        waiting.filter_map(|r| file.records.binary_search_by(|o| o.id.cmp(&r.id)).ok().map(|i| &file.records[i]));
    plan.quarantined.iter().chain(waiting).cloned().collect()
}

/// Drops what the import of the file with this checksum set aside (that import was undone).
pub fn drop_import(held: &mut Vec<Held>, sha256: &str) {
    held.retain(|h| h.sha256 != sha256);
}

/// Drops the records of a plan made by `plan_taking`, once it is written.
pub fn release(held: &mut Vec<Held>, taken: &[Taken]) {
    held.retain(|h| !taken.iter().any(|t| t.id == h.record.id && t.sha256 == h.sha256));
}

/// How records set aside are taken in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Take {
    /// As they are: only those whose clocks now agree with this PC's (`Held::is_due`).
    AsTheyAre,
    /// Re-stamped at the present as this station's edit, with the audit saying so.
    Restamped,
}

/// One held record a plan takes out of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Taken {
    pub id: RecordId,
    pub sha256: String,
}

/// What taking held records in would do, as an import: its plan (written, logged and undone like
/// a file's), the records it takes out of the list, and those that stay with why (in Chinese).
#[derive(Clone, Debug, PartialEq)]
pub struct HeldPlan {
    pub plan: ImportPlan,
    /// The log entry's file: this station's, or the one they came from.
    pub header: Header,
    pub taken: Vec<Taken>,
    pub staying: Vec<(RecordId, String)>,
}

/// Plans taking `chosen` in, at `now_ms`, into `local` (which must hold every kind, and what other
/// tabs wrote). `author`: this station's name, for the audit entries of `Take::Restamped`.
/// `from`: the station the log entry names.
pub fn plan_taking(
    local: &Replica,
    chosen: &[&Held],
    take: Take,
    from: &StationRef,
    author: &str,
    now_ms: u64,
) -> HeldPlan {
    let mut staying: Vec<(RecordId, String)> = Vec::new();
    let mut records: Vec<Record> = match take {
        Take::AsTheyAre => {
            for h in chosen.iter().filter(|h| !h.is_due(now_ms)) {
                staying.push((h.record.id.clone(), still_ahead_message(h.stamp())));
            }
            chosen.iter().filter(|h| h.is_due(now_ms)).map(|h| h.record.clone()).collect()
        }
        Take::Restamped => {
            // An audit entry set aside is not made this station's: the acceptance's own entry
            // says what came, from where, stamped when.
            let pairs: Vec<(&Record, Accepted)> = chosen
                .iter()
                .filter(|h| h.record.kind != kind::CHANGE)
                .map(|h| {
                    let a = Accepted { station: h.from.id, name: h.from.name.clone(), stamp_ms: h.stamp().wall_ms() };
                    (&h.record, a)
                })
                .collect();
            let (staged, other_kind) = local.stage_accepted(&pairs, now_ms, author);
            for id in other_kind {
                staying.push((id, "本站点已有同一编号、但类别不同的记录，不能接受。".to_string()));
            }
            staged
        }
    };
    // One copy of an id: a record held from two files is taken from the newer one.
    dangjian_domain::sort::sort_by(&mut records, |a, b| a.id.cmp(&b.id));
    records.dedup_by(|later, earlier| {
        if later.id == earlier.id {
            *earlier = earlier.merge(later);
            true
        } else {
            false
        }
    });
    let header = Header {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        app_version: APP_VERSION.to_string(),
        station: from.clone(),
        scope: ScopeRef::Station,
        created_ms: now_ms,
        created: String::new(),
        counts: count_kinds(&records),
        sha256: format!("held-{now_ms}"),
    };
    let file = ParsedFile { header: header.clone(), records, migrated_from: None };
    // An acceptance's audit entry names its record (`target`, required): the preview rejects
    // the entry with a record it rejects, so none is written alone.
    let plan = preview(local, &file, now_ms);
    for r in &plan.rejected {
        staying.push((r.id.clone(), r.reason.message()));
    }
    for r in &plan.quarantined {
        staying.push((r.id.clone(), still_ahead_message(newest_stamp(r))));
    }
    staying.retain(|(id, _)| chosen.iter().any(|h| &h.record.id == id));
    let taken = chosen
        .iter()
        .filter(|h| !staying.iter().any(|(id, _)| id == &h.record.id))
        .map(|h| Taken { id: h.record.id.clone(), sha256: h.sha256.clone() })
        .collect();
    HeldPlan { plan, header, taken, staying }
}

fn still_ahead_message(stamp: Hlc) -> String {
    let when = chrono::DateTime::from_timestamp_millis(stamp.wall_ms() as i64)
        .map(|t| t.format("%Y年%m月%d日").to_string())
        .unwrap_or_default();
    format!("记录时间（{when}）仍比本机时间超前，不能原样并入；可以等到那时，或按现在时间接受。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_list_reads_as_empty() {
        assert!(from_json(None).is_empty());
        assert!(from_json(Some("[{\"record\": 1}]")).is_empty());
        assert!(from_json(Some("不是 JSON")).is_empty());
    }
}
