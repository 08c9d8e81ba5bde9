//! Backups (备份). A whole-station export is the station's backup: every record of every kind, in
//! the exchange format. Restoring is an ordinary import (a merge) into an empty or an existing
//! station, so a restore never loses what was entered since the backup. The shell notes each
//! export (`ExportNotes`, kept with the settings); 设置 and the status line remind the clerk once
//! the last backup is more than `REMIND_AFTER_DAYS` old, since a browser's storage can be lost
//! with the PC (a reinstall, a cleaning tool, a full disk).

use serde::{Deserialize, Serialize};

/// Days after the last backup before the reminder shows.
pub const REMIND_AFTER_DAYS: u64 = 7;
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// What the station remembers of its exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportNotes {
    /// The last export of any scope: when (ms since 1970) and its file name.
    #[serde(default)]
    pub last_ms: Option<u64>,
    #[serde(default)]
    pub last_file: Option<String>,
    /// The last whole-station export (a backup).
    #[serde(default)]
    pub last_backup_ms: Option<u64>,
}

impl ExportNotes {
    pub fn note(&mut self, at_ms: u64, file_name: &str, whole_station: bool) {
        self.last_ms = Some(at_ms);
        self.last_file = Some(file_name.to_string());
        if whole_station {
            self.last_backup_ms = Some(at_ms);
        }
    }

    /// Whether to remind, and how: `None` while the last backup is recent, or while the station
    /// holds no records (nothing to back up yet).
    pub fn reminder(&self, now_ms: u64, has_records: bool) -> Option<Reminder> {
        if !has_records {
            return None;
        }
        match self.last_backup_ms {
            None => Some(Reminder::Never),
            Some(at) => {
                // A PC clock set back shows 0 days, not a huge number.
                let days = now_ms.saturating_sub(at) / DAY_MS;
                (days >= REMIND_AFTER_DAYS).then_some(Reminder::DaysSince(days))
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// No whole-station export was ever made on this PC.
    Never,
    /// Whole days since the last one.
    DaysSince(u64),
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_000_000_000;

    #[test]
    fn reminds_a_week_after_the_last_backup() {
        let mut notes = ExportNotes::default();
        assert_eq!(notes.reminder(NOW, false), None, "nothing to back up");
        assert_eq!(notes.reminder(NOW, true), Some(Reminder::Never));
        notes.note(NOW, "坪塘镇-山塘村党支部-2026-11-14.json", false);
        assert_eq!(notes.reminder(NOW, true), Some(Reminder::Never), "a sub-tree export is not a backup");
        notes.note(NOW, "坪塘镇-全部-2026-11-14.json", true);
        assert_eq!(notes.reminder(NOW + 6 * DAY_MS + DAY_MS / 2, true), None);
        assert_eq!(notes.reminder(NOW + 7 * DAY_MS, true), Some(Reminder::DaysSince(7)));
        assert_eq!(notes.reminder(NOW - 30 * DAY_MS, true), None, "a clock set back");
        assert_eq!(notes.last_file.as_deref(), Some("坪塘镇-全部-2026-11-14.json"));
        let json = serde_json::to_string(&notes).unwrap();
        assert_eq!(serde_json::from_str::<ExportNotes>(&json).unwrap(), notes);
        assert_eq!(serde_json::from_str::<ExportNotes>("{}").unwrap(), ExportNotes::default());
    }
}
