//! The import log (导入记录): one entry per imported file, kept by the shell in the store's meta
//! as JSON. It answers "was this file imported already?" by the file's checksum, which names its
//! content (the same export copied twice, or re-indented by an editor, has the same checksum).

use super::format::Header;
use super::plan::{ImportPlan, KindCounts};
use crate::domain::station::StationId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub file_name: String,
    pub sha256: String,
    /// The exporting station.
    pub station: StationId,
    pub station_name: String,
    /// The scope's label (an organization's name, or 全部).
    pub scope: String,
    pub exported_ms: u64,
    pub imported_ms: u64,
    pub counts: BTreeMap<String, KindCounts>,
    /// Undone since (`undo`): the file may be imported again.
    #[serde(default)]
    pub undone: bool,
}

impl LogEntry {
    pub fn new(file_name: &str, header: &Header, plan: &ImportPlan, imported_ms: u64) -> LogEntry {
        LogEntry {
            file_name: file_name.to_string(),
            sha256: plan.sha256.clone(),
            station: header.station.id,
            station_name: header.station.name.clone(),
            scope: header.scope.label().to_string(),
            exported_ms: header.created_ms,
            imported_ms,
            counts: plan.counts.clone(),
            undone: false,
        }
    }

    /// Records set aside when it was imported (clocks ahead): importing it again may take them.
    pub fn quarantined(&self) -> usize {
        self.counts.values().map(|c| c.quarantined).sum()
    }
}

/// The earlier import of the file with this checksum, unless it was undone. Importing it again
/// would change nothing (merging is idempotent), so the shell says so and stops, unless the entry
/// had quarantined records and the user asks to try them again.
pub fn already_imported<'a>(log: &'a [LogEntry], sha256: &str) -> Option<&'a LogEntry> {
    log.iter().rev().find(|e| e.sha256 == sha256 && !e.undone)
}

/// Marks the latest import of this file undone.
pub fn mark_undone(log: &mut [LogEntry], sha256: &str) {
    if let Some(e) = log.iter_mut().rev().find(|e| e.sha256 == sha256 && !e.undone) {
        e.undone = true;
    }
}

/// Station names by id, the latest each station's files gave: for the conflict list, which shows
/// who wrote each value.
pub fn station_names(log: &[LogEntry]) -> BTreeMap<StationId, String> {
    let mut names = BTreeMap::new();
    let mut sorted: Vec<&LogEntry> = log.iter().collect();
    sorted.sort_by_key(|e| e.exported_ms);
    for e in sorted {
        names.insert(e.station, e.station_name.clone());
    }
    names
}
