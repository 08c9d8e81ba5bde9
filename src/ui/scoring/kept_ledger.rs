//! Every member's points of a year (`Ledger`), kept between the pages that read it and patched
//! record by record after a save (`Ledger::put`, `remove`, `exempt`): coming back to a branch's
//! ranking after one typed entry costs that entry, not a county's million attendance marks.
//!
//! Made again from every source when what it cannot patch changed: another scheme, the members
//! or cadres (rows and the ids that name them), a kind read again from the store, many records
//! at once (an import), or a diary removed.

use crate::domain::record::{kind, Record};
use crate::domain::scoring::ledger::{ExemptionRecord, Ledger, PointsEntry, Source};
use crate::domain::scoring::meeting::Meeting;
use crate::domain::scoring::scheme::Scheme;
use crate::domain::training::Training;
use crate::ui::scoring::ScoringData;
use leptos::prelude::*;
use std::sync::Arc;

/// The kinds patched from the replica's changes, in this order in `Kept::versions`.
const PATCHED: [&str; 4] = [kind::MEETING, kind::TRAINING, kind::POINTS_ENTRY, kind::POINTS_EXEMPTION];
/// Records changed since the last patch beyond which the ledger is made again instead.
const MAKE_AGAIN_AFTER: usize = 500;

struct Kept {
    scheme: Scheme,
    members: Arc<Vec<crate::domain::member::Member>>,
    cadres: Arc<Vec<crate::domain::cadre::Cadre>>,
    /// The patched kinds' versions, and the diaries' journal moment, the ledger is current with.
    versions: [u64; 4],
    diaries_at: u64,
    ledger: Ledger,
}

/// The section's one kept ledger (`ScoringData::ledger`).
#[derive(Clone, Copy)]
pub struct KeptLedger(StoredValue<Option<Kept>>);

impl KeptLedger {
    pub fn new() -> KeptLedger {
        KeptLedger(StoredValue::new(None))
    }

    /// Runs `f` with `scheme`'s ledger brought up to date, and tracks what it read: a memo
    /// calling it runs again when a source changes.
    pub fn with<R>(&self, data: &ScoringData, scheme: &Scheme, f: impl FnOnce(&Ledger) -> R) -> R {
        let state = data.state;
        let (members, cadres) = (data.members.get(), data.cadres.get());
        // Tracked, so the caller runs again after a save; read again below only to make anew.
        data.meetings.track();
        data.trainings.track();
        data.entries.track();
        let exemptions = data.exemptions.get();
        let versions = state.read_kinds(&PATCHED, |ws| PATCHED.map(|k| ws.replica().kind_version(k)));
        let dropped = state.read_now(|ws| PATCHED.map(|k| ws.replica().last_dropped(k)));
        // Tracks the diaries (a memo calling this runs again when one changes).
        let diaries_at = state.read_diaries(|_| state.diaries_now());
        let patched = self.0.try_update_value(|kept| {
            let fits = kept.as_ref().is_some_and(|k| {
                k.scheme == *scheme
                    && Arc::ptr_eq(&k.members, &members)
                    && Arc::ptr_eq(&k.cadres, &cadres)
                    && (0..PATCHED.len()).all(|i| versions[i] >= k.versions[i] && dropped[i] <= k.versions[i])
            });
            fits && kept.as_mut().is_some_and(|k| patch(k, data, &exemptions, versions, diaries_at))
        });
        if patched != Some(true) {
            let current: Vec<_> = members.iter().filter(|m| m.is_current()).cloned().collect();
            let ledger = data.with_sources(|sources| Ledger::build(scheme, &current, &cadres, sources));
            self.0.set_value(Some(Kept { scheme: scheme.clone(), members, cadres, versions, diaries_at, ledger }));
        }
        self.0.with_value(|kept| f(&kept.as_ref().expect("made above").ledger))
    }
}

impl Default for KeptLedger {
    fn default() -> Self {
        KeptLedger::new()
    }
}

/// Takes in the records changed since `k` was current; false if it must be made again instead.
fn patch(
    k: &mut Kept,
    data: &ScoringData,
    exemptions: &[ExemptionRecord],
    versions: [u64; 4],
    diaries_at: u64,
) -> bool {
    let Some(diaries) = data.state.diaries_changed_since(k.diaries_at) else { return false };
    let changed: Vec<Vec<Record>> = data.state.read_now(|ws| {
        (0..PATCHED.len()).map(|i| ws.replica().changed_since(PATCHED[i], k.versions[i]).cloned().collect()).collect()
    });
    if diaries.len() + changed.iter().map(Vec::len).sum::<usize>() > MAKE_AGAIN_AFTER {
        return false;
    }
    let ledger = &mut k.ledger;
    // A removed diary is known here by its key alone: made again (rare).
    let diaries_taken = data.state.read_diaries(|index| {
        let Some(positions) = diaries.iter().map(|&d| index.position_of(d)).collect::<Option<Vec<usize>>>() else {
            return false;
        };
        for i in positions {
            ledger.put(Source::Diary(&index.diaries()[i]));
        }
        true
    });
    if !diaries_taken {
        return false;
    }
    for (i, records) in changed.iter().enumerate() {
        for r in records {
            if r.is_deleted() && PATCHED[i] == kind::POINTS_EXEMPTION {
                // Whose exemption it was is not read off a removed record: made again (rare).
                return false;
            }
            if r.is_deleted() {
                ledger.remove(&r.id);
                continue;
            }
            match PATCHED[i] {
                kind::MEETING => {
                    ledger.put(Source::Meeting(&Meeting::from_record(r)));
                }
                kind::TRAINING => {
                    ledger.put(Source::Training(&Training::from_record(r)));
                }
                kind::POINTS_ENTRY => {
                    ledger.put(Source::Entry(&PointsEntry::from_record(r)));
                }
                _ => {
                    if let Some(member) = ExemptionRecord::from_record(r).member {
                        ledger.exempt(&member, exemptions);
                    }
                }
            }
        }
    }
    k.versions = versions;
    k.diaries_at = diaries_at;
    true
}
