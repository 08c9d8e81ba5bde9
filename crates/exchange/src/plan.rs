//! The import preview: what a checked file would do to this station, computed without changing
//! anything, with the exact records to write.
//!
//! Each record of the file is one of: **quarantined** (a stamp more than a day ahead of this PC's
//! clock, `replica::is_from_the_future`: set aside, shown, merged once the clocks agree),
//! **rejected** (a required reference, `kinds::Reference`, names a record that is neither in the
//! file nor here, or here with another kind: the rest of the file still imports), or merged with
//! the station's copy (`Record::merge`) and then **new**, **updated** or **unchanged**. A record
//! merged or new that ends up with a conflict it did not have here also counts as a **conflict**.
//! The merged records go to `to_write`; the shell writes them in one transaction, and
//! `before` keeps what each was here, for undo.
//!
//! Records that name a merged record (`identity`: a duplicate merged into the record that stays)
//! are **repointed**: to the record it was merged into, written as this station's edit with the
//! import, whether the alias came in the file or was here (a file made before a merge lands on
//! the kept record). A record the file did not bring, repointed because the file brought an
//! alias, counts as updated.
//!
//! Work is linear in the file plus hash lookups in the replica; the file is sorted by id, so
//! references into it are binary searches. When the file brings a new alias, every record here
//! is looked at once for references to it.

use super::read::ParsedFile;
use super::scope::required_references;
use dangjian_domain::clock::Hlc;
use dangjian_domain::identity::{repointed, Aliases};
use dangjian_domain::kinds::{self, RANKS};
use dangjian_domain::record::{Record, RecordId, Write};
use dangjian_domain::replica::{is_from_the_future, newest_stamp, Replica};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the import does to one kind of record. `conflicts` overlaps `new` and `updated`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    pub rejected: usize,
    pub quarantined: usize,
}

impl KindCounts {
    /// The sum over kinds.
    pub fn total<'a>(counts: impl IntoIterator<Item = &'a KindCounts>) -> KindCounts {
        let mut t = KindCounts::default();
        for o in counts {
            t.new += o.new;
            t.updated += o.updated;
            t.unchanged += o.unchanged;
            t.conflicts += o.conflicts;
            t.rejected += o.rejected;
            t.quarantined += o.quarantined;
        }
        t
    }

    /// Records written: new and updated (a record that gains a conflict is one of those too).
    pub fn written(&self) -> usize {
        self.new + self.updated
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RejectReason {
    /// `field` names `target`, which is neither in the file nor at this station.
    MissingReference { field: String, target: String },
    /// `field` names `target`, which the file holds but sets aside (clocks ahead) and this
    /// station does not have yet: importing the file again later may take both.
    ReferenceWaits { field: String, target: String },
    /// `field` names `target`, which is a record of another kind than the field wants.
    WrongReference { field: String, target: String, found: String },
    /// This station has a record with the same id but of another kind (a damaged copy somewhere).
    KindDiffers { here: String },
}

impl RejectReason {
    pub fn message(&self) -> String {
        match self {
            RejectReason::MissingReference { target, .. } => {
                format!("它引用的记录（编号 {target}）既不在文件里，本机也没有，所以没有导入。")
            }
            RejectReason::ReferenceWaits { target, .. } => {
                format!("它引用的记录（编号 {target}）因修改时间超前而暂缓导入，本机也还没有，所以它也一起暂缓，在“时间超前暂缓”里与那条记录一起处理。")
            }
            RejectReason::WrongReference { target, .. } => {
                format!("它引用的记录（编号 {target}）类型不对，所以没有导入。")
            }
            RejectReason::KindDiffers { .. } => "本机有一条编号相同但类型不同的记录，所以没有导入。".to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub id: RecordId,
    pub kind: String,
    pub reason: RejectReason,
}

/// Something the user should know before confirming; the import can still go ahead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// The file carries writes stamped with this station's id that this station never made or
    /// never saw (`records` records; newest at `newest_ms`, after every stamp of this station here
    /// if `beyond_own_clock`): the browser profile was copied to another PC, and two PCs now write
    /// as one station. The shell should offer to give this station a new id (and preview again)
    /// before importing.
    SameStationId { records: usize, newest_ms: u64, beyond_own_clock: bool },
    /// `records` records have stamps more than a day ahead of this PC's clock (newest at
    /// `newest_ms`): they are set aside, the rest imports.
    FutureClocks { records: usize, newest_ms: u64 },
    /// The file is in an older format version and was converted.
    OlderFormat { version: u64 },
}

impl Warning {
    pub fn message(&self) -> String {
        match self {
            Warning::SameStationId { records, .. } => format!(
                "文件里有 {records} 条记录带着本站点的编号，但本机从没有做过这些修改。这通常是把本机的浏览器数据复制到了另一台电脑上，两台电脑在用同一个站点编号，以后的修改会互相混淆。请先为本机生成新的站点编号，再导入。如果这是本机自己以前导出的备份（例如本机数据丢失后恢复），请选“这是本机自己的备份”。"
            ),
            Warning::FutureClocks { records, newest_ms } => {
                let when = chrono::DateTime::from_timestamp_millis(*newest_ms as i64)
                    .map(|t| dangjian_domain::date::iso(t.date_naive()))
                    .unwrap_or_default();
                format!(
                    "文件里有 {records} 条记录的修改时间比本机时间晚一天以上（最晚到 {when}），可能是对方电脑的日期设置错了。这些记录先放在“时间超前暂缓”里，不并入本机数据，其余照常导入。请对方核对电脑日期后重新导出；也可以在“时间超前暂缓”里按现在时间接受。"
                )
            }
            Warning::OlderFormat { version } => {
                format!("这个文件是旧版本软件导出的（格式第 {version} 版），已自动转换。")
            }
        }
    }
}

/// What an import would do; nothing has changed yet.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// The file's checksum: its identity in the import log.
    pub sha256: String,
    pub counts: BTreeMap<String, KindCounts>,
    /// The merged records to write, in one transaction; sorted by id.
    pub to_write: Vec<Record>,
    /// For each record of `to_write`, the station's copy before the import (`None`: new).
    pub before: Vec<Option<Record>>,
    /// Records that gain a conflict.
    pub conflicts: Vec<RecordId>,
    pub rejected: Vec<Rejected>,
    /// Set aside for their clocks; not in `to_write`.
    pub quarantined: Vec<Record>,
    pub warnings: Vec<Warning>,
    /// Records of `to_write` that named a merged record and name the record it was merged into.
    pub repointed: Vec<RecordId>,
}

impl ImportPlan {
    /// Whether importing would change nothing (the same file again, an older file).
    pub fn changes_nothing(&self) -> bool {
        self.to_write.is_empty()
    }

    pub fn totals(&self) -> KindCounts {
        KindCounts::total(self.counts.values())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Open,
    Rejected,
    Quarantined,
}

/// Previews importing `file` into `local` at `now_ms`. `local` must hold every kind the file
/// has (`ParsedFile::kinds`) and what other tabs of the station wrote (catch up first).
pub fn preview(local: &Replica, file: &ParsedFile, now_ms: u64) -> ImportPlan {
    let records = &file.records;
    let mut status: Vec<Status> = records
        .iter()
        .map(|r| if is_from_the_future(r, now_ms) { Status::Quarantined } else { Status::Open })
        .collect();
    let mut rejected: Vec<(usize, RejectReason)> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(here) = local.get(&r.id).filter(|l| l.kind != r.kind) {
            if status[i] == Status::Open {
                status[i] = Status::Rejected;
                rejected.push((i, RejectReason::KindDiffers { here: here.kind.clone() }));
            }
        }
    }
    check_references(local, records, &mut status, &mut rejected);

    let mut warnings = Vec::new();
    if let Some(v) = file.migrated_from {
        warnings.push(Warning::OlderFormat { version: v });
    }
    warnings.extend(same_station_id(local, records));
    let future: Vec<&Record> =
        records.iter().zip(&status).filter(|(_, s)| **s == Status::Quarantined).map(|(r, _)| r).collect();
    if !future.is_empty() {
        let newest = future.iter().copied().map(newest_stamp).max().unwrap_or(Hlc::ZERO);
        warnings.push(Warning::FutureClocks { records: future.len(), newest_ms: newest.wall_ms() });
    }

    let mut counts: BTreeMap<String, KindCounts> = BTreeMap::new();
    let mut to_write = Vec::new();
    let mut before = Vec::new();
    let mut conflicts = Vec::new();
    let mut quarantined = Vec::new();
    for (r, s) in records.iter().zip(&status) {
        if !counts.contains_key(&r.kind) {
            counts.insert(r.kind.clone(), KindCounts::default());
        }
        let c = counts.get_mut(&r.kind).expect("inserted");
        match s {
            Status::Rejected => c.rejected += 1,
            Status::Quarantined => {
                c.quarantined += 1;
                quarantined.push(r.clone());
            }
            Status::Open => {
                let here = local.get(&r.id);
                let merged = match here {
                    Some(h) if h == r => {
                        c.unchanged += 1;
                        continue;
                    }
                    Some(h) => h.merge(r),
                    None => r.clone(),
                };
                if here == Some(&merged) {
                    c.unchanged += 1;
                    continue;
                }
                if here.is_some() {
                    c.updated += 1;
                } else {
                    c.new += 1;
                }
                if gains_conflict(here, &merged) {
                    c.conflicts += 1;
                    conflicts.push(r.id.clone());
                }
                to_write.push(merged);
                before.push(here.cloned());
            }
        }
    }
    dangjian_domain::sort::sort_by(&mut rejected, |a, b| a.0.cmp(&b.0));
    let rejected = rejected
        .into_iter()
        .map(|(i, reason)| Rejected { id: records[i].id.clone(), kind: records[i].kind.clone(), reason })
        .collect();
    let repointed = repoint(local, &mut to_write, &mut before, &mut counts, now_ms);
    ImportPlan {
        sha256: file.header.sha256.clone(),
        counts,
        to_write,
        before,
        conflicts,
        rejected,
        quarantined,
        warnings,
        repointed,
    }
}

/// Repoints what names a merged record, as this station's edits stamped after everything the
/// file brought (`identity::repointed`); a record not in `to_write` joins it, with its copy here
/// in `before`. An alias whose record is known neither here nor in the file is not followed
/// (a sub-tree's file may carry a merged record without the one it was merged into).
fn repoint(
    local: &Replica,
    to_write: &mut Vec<Record>,
    before: &mut Vec<Option<Record>>,
    counts: &mut BTreeMap<String, KindCounts>,
    now_ms: u64,
) -> Vec<RecordId> {
    let here = Aliases::of(local.records());
    let mut aliases = here.clone();
    for r in to_write.iter() {
        aliases.note(r);
    }
    let known = |id: &RecordId| local.get(id).is_some() || to_write.binary_search_by(|r| r.id.cmp(id)).is_ok();
    aliases.retain_known(known);
    if aliases.is_empty() {
        return Vec::new();
    }
    // Every record here only if the file brought an alias this station did not follow yet.
    let new_alias = to_write.iter().any(|r| here.resolve(&r.id) != aliases.resolve(&r.id));
    let mut clock = to_write.iter().flat_map(Record::clocks).fold(local.clock(), |c, seen| c.observe(seen, now_ms));
    let station = *local.station();
    let mut stamp = |r: &mut Record, fields: Vec<(String, serde_json::Value)>| {
        clock = clock.tick(now_ms);
        for (field, value) in fields {
            r.set(&field, value, clock, &station);
        }
    };
    let mut out = Vec::new();
    for r in to_write.iter_mut() {
        let fields = repointed(r, &aliases);
        if !fields.is_empty() {
            stamp(r, fields);
            out.push(r.id.clone());
        }
    }
    if new_alias {
        let mut added = Vec::new();
        for r in local.records() {
            if to_write.binary_search_by(|w| w.id.cmp(&r.id)).is_ok() {
                continue;
            }
            let fields = repointed(r, &aliases);
            if !fields.is_empty() {
                let mut copy = r.clone();
                stamp(&mut copy, fields);
                counts.entry(r.kind.clone()).or_default().updated += 1;
                out.push(r.id.clone());
                added.push((copy, r.clone()));
            }
        }
        if !added.is_empty() {
            let mut pairs: Vec<(Record, Option<Record>)> =
                std::mem::take(to_write).into_iter().zip(std::mem::take(before)).collect();
            pairs.extend(added.into_iter().map(|(copy, here)| (copy, Some(here))));
            dangjian_domain::sort::sort_by(&mut pairs, |a, b| a.0.id.cmp(&b.0.id));
            (*to_write, *before) = pairs.into_iter().unzip();
        }
    }
    dangjian_domain::sort::sort_by(&mut out, |a, b| a.cmp(b));
    out
}

/// Rejects open records whose required references do not resolve, in rank order so that a
/// record naming a rejected one is rejected too (organizations: until no more are).
fn check_references(
    local: &Replica,
    records: &[Record],
    status: &mut [Status],
    rejected: &mut Vec<(usize, RejectReason)>,
) {
    let mut by_rank: Vec<Vec<usize>> = vec![Vec::new(); RANKS];
    for (i, r) in records.iter().enumerate() {
        if status[i] == Status::Open && !r.is_deleted() {
            by_rank[kinds::rank(&r.kind) as usize].push(i);
        }
    }
    for (level, indices) in by_rank.iter().enumerate() {
        // Organizations name organizations: repeat until a pass rejects nothing more.
        loop {
            let mut changed = false;
            for &i in indices {
                if status[i] != Status::Open {
                    continue;
                }
                if let Some(reason) = unresolved(local, records, status, &records[i]) {
                    status[i] = Status::Rejected;
                    rejected.push((i, reason));
                    changed = true;
                }
            }
            if !changed || level > 0 {
                break;
            }
        }
    }
}

fn unresolved(local: &Replica, records: &[Record], status: &[Status], r: &Record) -> Option<RejectReason> {
    for (x, target) in required_references(r) {
        let field = x.field.to_string();
        let in_file = records.binary_search_by(|o| o.id.as_str().cmp(target)).ok();
        // The file's copy if it is imported, else the station's own (a target set aside or
        // rejected in the file may still be here).
        let found_kind = match in_file {
            Some(j) if status[j] == Status::Open => Some(records[j].kind.as_str()),
            _ => RecordId::parse(target).and_then(|id| local.get(&id)).map(|l| l.kind.as_str()),
        };
        match found_kind {
            None if in_file.is_some_and(|j| status[j] == Status::Quarantined) => {
                return Some(RejectReason::ReferenceWaits { field, target: target.to_string() })
            }
            None => return Some(RejectReason::MissingReference { field, target: target.to_string() }),
            Some(k) if x.to.is_some_and(|want| want != k) => {
                return Some(RejectReason::WrongReference { field, target: target.to_string(), found: k.to_string() })
            }
            Some(_) => {}
        }
    }
    None
}

/// Writes in the file stamped with this station's id that this station never saw.
fn same_station_id(local: &Replica, records: &[Record]) -> Option<Warning> {
    let us = local.station();
    let mut count = 0;
    let mut newest = Hlc::ZERO;
    for r in records {
        let Some(&theirs) = r.seen.get(us) else { continue };
        let ours = local.get(&r.id).and_then(|l| l.seen.get(us).copied()).unwrap_or(Hlc::ZERO);
        if theirs > ours {
            count += 1;
            newest = newest.max(theirs);
        }
    }
    (count > 0).then(|| Warning::SameStationId {
        records: count,
        newest_ms: newest.wall_ms(),
        beyond_own_clock: newest > local.clock(),
    })
}

fn same(a: &Write, b: &Write) -> bool {
    a.clock == b.clock && a.station == b.station
}

/// Whether `merged` has a conflicting field (with values that differ, `conflict::disagrees`)
/// holding a write that the station's copy did not have in that field.
fn gains_conflict(here: Option<&Record>, merged: &Record) -> bool {
    merged.conflicts().filter(super::conflict::disagrees).any(|c| {
        let old = here.and_then(|h| h.fields.get(c.field)).map(Vec::as_slice).unwrap_or_default();
        std::iter::once(c.winner).chain(c.losers).any(|w| !old.iter().any(|o| same(o, w)))
    })
}
