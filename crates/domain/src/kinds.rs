//! What the app knows about each kind of record, in one table: each feature module declares its
//! kinds' `KindInfo` beside its model, and `KINDS` lists them. Exchange (scope, import checks and
//! order), 撤并 and the shell read it from here, so a new kind is one entry, not a hunt through
//! every layer. The names themselves stay in `record::kind`: the core names kinds too (`change`).

use super::audit;
use super::record::{kind, Record};
use super::scoring::{appraisal, credibility, ledger, meeting, org_rating, review, scheme};
use super::{cadre, development, diary, diary_step, household, member, member_event, org, org_ops, training};

/// A field of a kind that holds another record's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub field: &'static str,
    /// The kind the target must have, if it matters.
    pub to: Option<&'static str>,
    /// An import refuses a record whose required reference names a record that is neither in the
    /// file nor at the station; other references may point at records the station never gets
    /// (the township cadre who wrote a village's diary).
    pub required: bool,
    /// The field holds the record's place in the organization tree, so a 撤并 or 拆分 moves it.
    pub place_in_tree: bool,
}

impl Reference {
    /// An optional reference to a record of kind `to`.
    pub const fn to(field: &'static str, to: &'static str) -> Reference {
        Reference { field, to: Some(to), required: false, place_in_tree: false }
    }

    pub const fn required(self) -> Reference {
        Reference { required: true, ..self }
    }

    pub const fn place_in_tree(self) -> Reference {
        Reference { place_in_tree: true, ..self }
    }
}

/// Calls its second argument with every record id a record names outside its `references`
/// (fields named after the record they name, lists of ids).
pub type OtherLinks = fn(&Record, &mut dyn FnMut(&str));

#[derive(Debug)]
pub struct KindInfo {
    pub name: &'static str,
    /// The kind as the user reads it (import counts, rejected records, conflicts).
    pub label: &'static str,
    pub references: &'static [Reference],
    pub other_links: Option<OtherLinks>,
    /// The order kinds are taken in by an export's scope and an import's checks: each kind's
    /// references point at kinds of a lower rank (organizations also at organizations).
    pub rank: u8,
    /// Read when the app starts; the rest (the large diary volume) when a page first needs them.
    pub read_at_start: bool,
}

/// The rank of kinds without an entry (from newer versions): after the people they may name,
/// before the audit entries that may describe them.
pub const UNKNOWN_RANK: u8 = 3;
/// Ranks are below this.
pub const RANKS: usize = 6;

/// The audit trail is the core's, so its entry is here.
pub const CHANGE: KindInfo = KindInfo {
    name: kind::CHANGE,
    label: "修改记录",
    // The entry's target may be of any kind.
    references: &[Reference { field: audit::TARGET, to: None, required: true, place_in_tree: false }],
    other_links: None,
    rank: 5,
    read_at_start: false,
};

pub const KINDS: &[&KindInfo] = &[
    &org::KIND,
    &member::KIND,
    &member_event::KIND,
    &development::KIND,
    &cadre::KIND,
    &cadre::RESERVE_KIND,
    &cadre::LIAISON_KIND,
    &training::KIND,
    &household::KIND,
    &diary::KIND,
    &diary_step::KIND,
    &org_ops::KIND,
    &scheme::KIND,
    &meeting::KIND,
    &ledger::ENTRY_KIND,
    &ledger::EXEMPTION_KIND,
    &review::KIND,
    &review::BALLOT_KIND,
    &review::TALLY_KIND,
    &review::STEP_KIND,
    &review::DISPOSAL_KIND,
    &appraisal::KIND,
    &appraisal::COMMITMENT_KIND,
    &appraisal::SHEET_KIND,
    &credibility::KIND,
    &credibility::SHEET_KIND,
    &org_rating::KIND,
    &org_rating::RECTIFICATION_KIND,
    &CHANGE,
];

pub fn info(kind: &str) -> Option<&'static KindInfo> {
    KINDS.iter().copied().find(|k| k.name == kind)
}

pub fn rank(kind: &str) -> u8 {
    info(kind).map_or(UNKNOWN_RANK, |k| k.rank)
}

/// The kind as the user reads it; a kind from a newer version by its name.
pub fn label(kind: &str) -> &str {
    info(kind).map_or(kind, |k| k.label)
}

/// The field of `kind` that holds another record's id, if `field` is one.
pub fn reference(kind: &str, field: &str) -> Option<&'static Reference> {
    info(kind)?.references.iter().find(|r| r.field == field)
}

pub fn read_at_start() -> Vec<&'static str> {
    KINDS.iter().filter(|k| k.read_at_start).map(|k| k.name).collect()
}

/// The kinds whose records have a place in the organization tree (a member's branch, a
/// household's village): a 撤并 moves them all, so it must have read every one of them first.
pub fn placed_in_tree() -> Vec<&'static str> {
    KINDS.iter().filter(|k| k.references.iter().any(|r| r.place_in_tree)).map(|k| k.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names declared in `record::kind`, read from its source so that a kind added there
    /// without an entry here fails the test.
    fn declared_kinds() -> Vec<&'static str> {
        let source = include_str!("../../core/src/record.rs");
        let module = source.split("pub mod kind {").nth(1).and_then(|s| s.split('}').next()).unwrap();
        module.lines().filter_map(|l| l.trim().strip_prefix("pub const ")?.split('"').nth(1)).collect()
    }

    #[test]
    fn every_declared_kind_has_one_entry() {
        let declared = declared_kinds();
        assert!(declared.contains(&kind::ORG) && declared.contains(&kind::TRAINING), "the source still parses");
        for name in &declared {
            assert_eq!(KINDS.iter().filter(|k| k.name == *name).count(), 1, "{name}");
        }
        assert_eq!(KINDS.len(), declared.len(), "every entry names a declared kind");
    }

    #[test]
    fn references_point_at_registered_kinds_of_lower_rank() {
        for k in KINDS {
            assert!((k.rank as usize) < RANKS && !k.label.is_empty(), "{}", k.name);
            for r in k.references {
                let Some(to) = r.to else { continue };
                let target = info(to).unwrap_or_else(|| panic!("{}.{} names {to}", k.name, r.field));
                // Organizations name organizations (parent, merged into) at rank 0 only: the
                // import's checks repeat that rank until nothing more is rejected.
                assert!(target.rank < k.rank || (k.rank == 0 && to == k.name), "{}.{} → {to}", k.name, r.field);
                assert!(!r.place_in_tree || to == kind::ORG, "{}.{}", k.name, r.field);
            }
        }
        assert_eq!(info(kind::ORG).unwrap().rank, 0, "the scope starts from the organizations");
        assert!(KINDS.iter().all(|k| k.name == kind::CHANGE || k.rank < CHANGE.rank), "audit entries come last");
        assert!(UNKNOWN_RANK > rank(kind::MEMBER) && UNKNOWN_RANK < CHANGE.rank);
    }

    #[test]
    fn a_merge_reads_every_kind_placed_in_the_tree() {
        let placed = placed_in_tree();
        for k in [kind::ORG, kind::MEMBER, kind::HOUSEHOLD] {
            assert!(placed.contains(&k), "{k}");
        }
        // A visit stays where it was made: the diary's village is history.
        assert!(!placed.contains(&kind::DIARY));
    }
}
