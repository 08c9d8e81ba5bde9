//! The import log (导入记录): one entry per imported file, kept by the shell in the store's meta
//! as JSON. It answers "was this file imported already?" by the file's checksum, which names its
//! content (the same export copied twice, or re-indented by an editor, has the same checksum).

use super::format::Header;
use super::plan::{ImportPlan, KindCounts};
use dangjian_domain::station::StationId;
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

    /// Records set aside (clocks ahead) or rejected (a reference missing) when it was imported:
    /// importing it again later (the clock corrected, the missing record arrived) may take them.
    pub fn held_back(&self) -> usize {
        self.counts.values().map(|c| c.quarantined + c.rejected).sum()
    }

    pub fn totals(&self) -> KindCounts {
        KindCounts::total(self.counts.values())
    }
}

/// The import that undo would take back: the latest not undone that wrote anything (one that
/// changed nothing keeps no undo of its own).
pub fn undoable(log: &[LogEntry]) -> Option<&LogEntry> {
    log.iter().rev().find(|e| !e.undone && e.totals().written() > 0)
}

/// The log as kept in the store (JSON); a missing or unreadable value is an empty log.
pub fn from_json(text: Option<&str>) -> Vec<LogEntry> {
    text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
}

pub fn to_json(log: &[LogEntry]) -> String {
    serde_json::to_string(log).unwrap_or_else(|_| "[]".into())
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
    dangjian_domain::sort::sort_by(&mut sorted, |a, b| a.exported_ms.cmp(&b.exported_ms));
    for e in sorted {
        names.insert(e.station, e.station_name.clone());
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(sha: &str, written: usize, undone: bool) -> LogEntry {
        let counts = BTreeMap::from([(
            "member".to_string(),
            KindCounts { updated: written, unchanged: 3, ..Default::default() },
        )]);
        LogEntry {
            file_name: format!("{sha}.json"),
            sha256: sha.into(),
            station: StationId::from_random([2; 8]),
            station_name: "山塘村".into(),
            scope: "全部".into(),
            exported_ms: 1,
            imported_ms: 2,
            counts,
            undone,
        }
    }

    #[test]
    fn undo_takes_back_the_latest_import_that_wrote_anything() {
        let log = vec![entry("a", 2, false), entry("b", 0, false)];
        assert_eq!(undoable(&log).map(|e| e.sha256.as_str()), Some("a"));
        let log = vec![entry("a", 2, true), entry("b", 0, false)];
        assert_eq!(undoable(&log), None);
        assert_eq!(from_json(Some(&to_json(&log))), log);
        assert_eq!(from_json(Some("不是 JSON")), Vec::<LogEntry>::new());
    }
}
