//! Undoing the last import: putting back exactly the records it changed, as they were.
//!
//! The import's plan keeps, for each record it wrote, the copy the station had before (`None`
//! for a record it brought in new). Undo puts those copies back and drops the new records, but
//! only if none of them changed since (a local edit, another import, another tab): otherwise it
//! refuses, because putting the old copy back would lose that later change. Undo is local: it is
//! not an edit and does not travel to other stations.
//!
//! This is sound with the merge: a restored copy has its old `seen`, so it has not seen the
//! file's writes, and importing the same file again brings them back, which is what someone who
//! undid an import expects (the log entry is marked undone so the file is not refused as already
//! imported). A copy of the merged record that already left this PC in an export is beyond reach;
//! if it comes back, its writes merge in again like any other station's.
//!
//! In the store (the shell's part): apply `Replica::restore`, then rewrite the chunks of each kind
//! in `Restore::kinds` from the replica (as compaction does, one transaction), so no stored chunk
//! still holds the import's writes.

use super::format::record_digest;
use super::held::Held;
use super::plan::ImportPlan;
use super::scope::required_references;
use dangjian_domain::record::{Record, RecordId};
use dangjian_domain::replica::Replica;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What undoing one import needs; the shell keeps the last import's in the store's meta. A
/// record the import wrote is named by a digest, not kept whole: a first import of a big file
/// (every record new) then needs only ids and digests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportUndo {
    pub sha256: String,
    pub file_name: String,
    pub records: Vec<UndoRecord>,
    /// Records set aside for their clocks that this import took in (`held`): undone, they are
    /// set aside again.
    #[serde(default)]
    pub released: Vec<Held>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UndoRecord {
    pub id: RecordId,
    pub kind: String,
    /// The station's copy before the import; `None`: the import brought the record.
    pub before: Option<Record>,
    /// `format::record_digest` of what the import wrote.
    pub after: String,
}

impl ImportUndo {
    pub fn of(plan: &ImportPlan, file_name: &str) -> ImportUndo {
        let records = plan
            .before
            .iter()
            .zip(&plan.to_write)
            .map(|(before, after)| UndoRecord {
                id: after.id.clone(),
                kind: after.kind.clone(),
                before: before.clone(),
                after: record_digest(after),
            })
            .collect();
        ImportUndo { sha256: plan.sha256.clone(), file_name: file_name.to_string(), records, released: Vec::new() }
    }
}

/// What to put back and what to drop.
#[derive(Clone, Debug, PartialEq)]
pub struct Restore {
    pub records: Vec<Record>,
    pub remove: Vec<RecordId>,
    /// The kinds whose stored chunks must be rewritten.
    pub kinds: BTreeSet<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UndoError {
    /// `count` of the records the import changed have changed again since.
    ChangedSince { count: usize, example: RecordId },
    /// `count` records made or changed here since (a member added to an imported branch) name a
    /// record the import brought, which undo would remove.
    StillNamed { count: usize, example: RecordId },
}

impl UndoError {
    pub fn message(&self) -> String {
        match self {
            UndoError::ChangedSince { count, .. } => format!(
                "导入以后，这次导入的记录中又有 {count} 条被修改过（本机修改或又导入了别的文件）。撤销会把这些修改一起丢掉，所以不能撤销。本机数据没有任何改动。"
            ),
            UndoError::StillNamed { count, .. } => format!(
                "导入以后，本机又有 {count} 条记录用到了这次导入新增的组织或人员（例如在导入的党支部下新增了党员）。撤销会让这些记录失去归属，所以不能撤销。本机数据没有任何改动。"
            ),
        }
    }
}

/// Checks that nothing the import wrote has changed since, and says what to put back.
pub fn plan_undo(undo: &ImportUndo, local: &Replica) -> Result<Restore, UndoError> {
    let changed: Vec<&RecordId> = undo
        .records
        .iter()
        .filter(|u| local.get(&u.id).map(record_digest).as_ref() != Some(&u.after))
        .map(|u| &u.id)
        .collect();
    if let Some(first) = changed.first() {
        return Err(UndoError::ChangedSince { count: changed.len(), example: (*first).clone() });
    }
    // Sorted lists searched by halves, not collected sets: a collected set is one more copy of
    // the standard sort in the wasm (ARCHITECTURE, budgets); `sort_by` is the one shared sort.
    let mut brought: Vec<&str> = undo.records.iter().filter(|u| u.before.is_none()).map(|u| u.id.as_str()).collect();
    dangjian_domain::sort::sort_by(&mut brought, |a, b| a.cmp(b));
    let mut written: Vec<&RecordId> = undo.records.iter().map(|u| &u.id).collect();
    dangjian_domain::sort::sort_by(&mut written, |a, b| a.cmp(b));
    let mut naming: Vec<&RecordId> = local
        .records()
        .filter(|r| !r.is_deleted() && written.binary_search(&&r.id).is_err())
        .filter(|r| required_references(r).any(|(_, target)| brought.binary_search(&target).is_ok()))
        .map(|r| &r.id)
        .collect();
    dangjian_domain::sort::sort_by(&mut naming, |a, b| a.cmp(b));
    if let Some(first) = naming.first() {
        return Err(UndoError::StillNamed { count: naming.len(), example: (*first).clone() });
    }
    let mut restore = Restore { records: Vec::new(), remove: Vec::new(), kinds: BTreeSet::new() };
    for u in &undo.records {
        restore.kinds.insert(u.kind.clone());
        match &u.before {
            Some(b) => restore.records.push(b.clone()),
            None => restore.remove.push(u.id.clone()),
        }
    }
    Ok(restore)
}
