//! Party organizations (党组织): their categories, how they nest, and the rules for creating,
//! editing (rename, move) and closing one. 撤并 and 拆分 are in `org_ops`.

use super::date::{iso, parse_iso, parse_user_date};
use super::hash::{FastHash, IdSet};
use super::kinds::{KindInfo, Reference};
use super::member_form::normalize_phone;
use super::pinyin::Pinyin;
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

pub const NAME: &str = "name";
pub const CATEGORY: &str = "category";
pub const PARENT: &str = "parent";
pub const FOUNDED: &str = "founded";
/// 书记 (a name as typed; the secretary may not be on this station's roster).
pub const SECRETARY: &str = "secretary";
pub const PHONE: &str = "phone";
/// The date the organization was closed (撤销, or 撤并 into another); absent while it works.
pub const CLOSED: &str = "closed";
/// The organization a 撤并 merged this one into.
pub const MERGED_INTO: &str = "merged_into";

pub const KIND: KindInfo = KindInfo {
    name: kind::ORG,
    label: "党组织",
    references: &[Reference::to(PARENT, kind::ORG).required().place_in_tree(), Reference::to(MERGED_INTO, kind::ORG)],
    other_links: None,
    rank: 0,
    read_at_start: true,
};

pub const NAME_MAX_CHARS: usize = 50;

/// 组织类别
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgCategory {
    /// 乡镇党委
    TownshipCommittee,
    /// 党总支
    GeneralBranch,
    /// 党支部
    Branch,
    /// 村民小组党支部
    VillageGroupBranch,
    /// 企事业单位支部
    EnterpriseBranch,
    /// 党小组
    Group,
}

impl OrgCategory {
    pub const ALL: [OrgCategory; 6] = [
        OrgCategory::TownshipCommittee,
        OrgCategory::GeneralBranch,
        OrgCategory::Branch,
        OrgCategory::VillageGroupBranch,
        OrgCategory::EnterpriseBranch,
        OrgCategory::Group,
    ];

    /// The code stored in records; never changes once released.
    pub fn code(self) -> &'static str {
        match self {
            OrgCategory::TownshipCommittee => "township",
            OrgCategory::GeneralBranch => "general_branch",
            OrgCategory::Branch => "branch",
            OrgCategory::VillageGroupBranch => "village_group_branch",
            OrgCategory::EnterpriseBranch => "enterprise_branch",
            OrgCategory::Group => "group",
        }
    }

    pub fn from_code(code: &str) -> Option<OrgCategory> {
        OrgCategory::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Whether an organization of this category may stand directly under one of `parent`.
    /// `None` is the top of the station's tree: a village station keeps its own branch there.
    pub fn may_sit_under(self, parent: Option<OrgCategory>) -> bool {
        use OrgCategory::*;
        match (self, parent) {
            (Group, None) => false,
            (_, None) => true,
            (TownshipCommittee, Some(_)) => false,
            (GeneralBranch | EnterpriseBranch, Some(p)) => p == TownshipCommittee,
            (Branch | VillageGroupBranch, Some(p)) => matches!(p, TownshipCommittee | GeneralBranch),
            (Group, Some(p)) => matches!(p, Branch | VillageGroupBranch | EnterpriseBranch | GeneralBranch),
        }
    }
}

/// An organization as the app reads it from its record.
#[derive(Clone, Debug, PartialEq)]
pub struct Org {
    pub id: RecordId,
    pub name: String,
    pub category: Option<OrgCategory>,
    pub parent: Option<RecordId>,
    pub founded: Option<NaiveDate>,
    pub secretary: String,
    pub phone: String,
    pub closed: Option<NaiveDate>,
    pub merged_into: Option<RecordId>,
}

impl Org {
    pub fn from_record(r: &Record) -> Org {
        Org {
            id: r.id.clone(),
            name: r.text(NAME).unwrap_or_default().to_string(),
            category: r.text(CATEGORY).and_then(OrgCategory::from_code),
            parent: r.text(PARENT).and_then(RecordId::parse),
            founded: r.text(FOUNDED).and_then(parse_iso),
            secretary: r.text(SECRETARY).unwrap_or_default().to_string(),
            phone: r.text(PHONE).unwrap_or_default().to_string(),
            closed: r.text(CLOSED).and_then(parse_iso),
            merged_into: r.text(MERGED_INTO).and_then(RecordId::parse),
        }
    }

    /// An open organization with only its place in the tree (tests, sample data).
    pub fn new(id: RecordId, name: &str, category: Option<OrgCategory>, parent: Option<RecordId>) -> Org {
        Org {
            id,
            name: name.to_string(),
            category,
            parent,
            founded: None,
            secretary: String::new(),
            phone: String::new(),
            closed: None,
            merged_into: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

/// What a user filled in to create an organization.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrgDraft {
    pub name: String,
    pub category: Option<OrgCategory>,
    pub parent: Option<RecordId>,
    /// As typed: YYYY-MM-DD or empty.
    pub founded: String,
    pub secretary: String,
    pub phone: String,
}

impl OrgDraft {
    pub fn from_org(org: &Org) -> OrgDraft {
        OrgDraft {
            name: org.name.clone(),
            category: org.category,
            parent: org.parent.clone(),
            founded: org.founded.map(iso).unwrap_or_default(),
            secretary: org.secretary.clone(),
            phone: org.phone.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrgError {
    NameEmpty,
    NameTooLong,
    CategoryMissing,
    ParentMissing,
    /// The parent's category cannot hold this category (a 党小组 under a 乡镇党委…).
    WrongNesting,
    /// Another live organization under the same parent has this name.
    DuplicateName,
    FoundedInvalid,
    FoundedInFuture,
    PhoneInvalid,
    /// The new parent is the organization itself or one of its own sub-organizations.
    ParentInOwnSubtree,
    /// The new category no longer fits one of its sub-organizations.
    ChildrenWouldNotFit,
    /// The parent is closed: nothing new goes under it.
    ParentClosed,
    AlreadyClosed,
    /// Closing needs the organization empty: its members moved (or 撤并) first.
    StillHasMembers(usize),
    StillHasChildren(usize),
    ClosedBeforeFounded,
}

/// Checks a draft against the organizations that exist and turns it into a creating edit.
/// `today` comes from the caller so the rule stays testable.
pub fn create_org(draft: &OrgDraft, id: RecordId, existing: &[Org], today: NaiveDate) -> Result<Edit, OrgError> {
    let mut fields = checked_fields(draft, None, existing, today)?;
    // A new organization leaves out what is empty; an edit writes it, to clear the old value.
    fields.retain(|(_, v)| !(v.is_null() || v == &json!("")));
    Ok(Edit::Create { id, kind: kind::ORG.to_string(), fields })
}

/// Checks an edit of an existing organization (rename, move, other details) and turns it into an
/// updating edit.
pub fn edit_org(draft: &OrgDraft, id: &RecordId, existing: &[Org], today: NaiveDate) -> Result<Edit, OrgError> {
    let fields = checked_fields(draft, Some(id), existing, today)?;
    Ok(Edit::Update { id: id.clone(), fields })
}

fn checked_fields(
    draft: &OrgDraft,
    editing: Option<&RecordId>,
    existing: &[Org],
    today: NaiveDate,
) -> Result<Vec<(String, Value)>, OrgError> {
    let name: String = draft.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(OrgError::NameEmpty);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(OrgError::NameTooLong);
    }
    let category = draft.category.ok_or(OrgError::CategoryMissing)?;
    let parent = match &draft.parent {
        None => None,
        Some(pid) => Some(existing.iter().find(|o| &o.id == pid).ok_or(OrgError::ParentMissing)?),
    };
    if let (Some(id), Some(p)) = (editing, parent) {
        if is_in_subtree(&p.id, id, existing) {
            return Err(OrgError::ParentInOwnSubtree);
        }
    }
    if !category.may_sit_under(parent.and_then(|p| p.category)) {
        return Err(OrgError::WrongNesting);
    }
    let moved_or_new =
        editing.is_none_or(|id| existing.iter().find(|o| &o.id == id).map(|o| &o.parent) != Some(&draft.parent));
    if parent.is_some_and(|p| !p.is_open()) && moved_or_new {
        return Err(OrgError::ParentClosed);
    }
    if let Some(id) = editing {
        let children_fit = existing
            .iter()
            .filter(|c| c.parent.as_ref() == Some(id) && c.is_open())
            .all(|c| c.category.is_none_or(|cc| cc.may_sit_under(Some(category))));
        if !children_fit {
            return Err(OrgError::ChildrenWouldNotFit);
        }
    }
    if existing.iter().any(|o| o.parent == draft.parent && o.name == name && Some(&o.id) != editing && o.is_open()) {
        return Err(OrgError::DuplicateName);
    }
    let founded = match draft.founded.trim() {
        "" => None,
        text => {
            let d = parse_user_date(text).ok().flatten().ok_or(OrgError::FoundedInvalid)?;
            if d > today {
                return Err(OrgError::FoundedInFuture);
            }
            Some(d)
        }
    };
    let phone = match draft.phone.trim() {
        "" => String::new(),
        text => normalize_phone(text).ok_or(OrgError::PhoneInvalid)?,
    };
    Ok(vec![
        (NAME.to_string(), json!(name)),
        (CATEGORY.to_string(), json!(category.code())),
        (PARENT.to_string(), parent.map(|p| json!(p.id.as_str())).unwrap_or(Value::Null)),
        (FOUNDED.to_string(), founded.map(|d| json!(iso(d))).unwrap_or(Value::Null)),
        (SECRETARY.to_string(), json!(draft.secretary.split_whitespace().collect::<Vec<_>>().join(" "))),
        (PHONE.to_string(), json!(phone)),
    ])
}

/// Whether `id` is `root` or lies under it.
pub fn is_in_subtree(id: &RecordId, root: &RecordId, orgs: &[Org]) -> bool {
    let mut current = Some(id.clone());
    // Bounded walk: a cycle made by two stations moving organizations at once must not hang.
    for _ in 0..=orgs.len() {
        match current {
            Some(ref c) if c == root => return true,
            Some(c) => current = orgs.iter().find(|o| o.id == c).and_then(|o| o.parent.clone()),
            None => return false,
        }
    }
    false
}

/// `root` and every organization under it, however deep. A broken tree (a cycle left by two
/// stations moving branches at once) ends the walk instead of looping.
pub fn subtree(orgs: &[Org], root: &RecordId) -> IdSet {
    let mut children: HashMap<&RecordId, Vec<&RecordId>, FastHash> = HashMap::default();
    for o in orgs {
        if let Some(p) = &o.parent {
            children.entry(p).or_default().push(&o.id);
        }
    }
    let mut found = IdSet::from_iter([root.clone()]);
    let mut todo = vec![root];
    while let Some(id) = todo.pop() {
        for &child in children.get(id).map(Vec::as_slice).unwrap_or_default() {
            if found.insert(child.clone()) {
                todo.push(child);
            }
        }
    }
    found
}

/// Closes (撤销) an empty organization on `date`. Its record stays, with its history.
pub fn close_org(
    org: &Org,
    date: NaiveDate,
    current_members: usize,
    orgs: &[Org],
    today: NaiveDate,
) -> Result<Edit, OrgError> {
    if !org.is_open() {
        return Err(OrgError::AlreadyClosed);
    }
    if date > today {
        return Err(OrgError::FoundedInFuture);
    }
    if org.founded.is_some_and(|f| date < f) {
        return Err(OrgError::ClosedBeforeFounded);
    }
    if current_members > 0 {
        return Err(OrgError::StillHasMembers(current_members));
    }
    let children = orgs.iter().filter(|c| c.parent.as_ref() == Some(&org.id) && c.is_open()).count();
    if children > 0 {
        return Err(OrgError::StillHasChildren(children));
    }
    Ok(Edit::Update { id: org.id.clone(), fields: vec![(CLOSED.to_string(), json!(iso(date)))] })
}

/// Organizations in tree order (each parent before its children, siblings by name), with depth,
/// so a list can show the tree with indentation. Orphans (parent deleted or not yet imported)
/// are shown at the top level rather than hidden.
pub fn tree_order<'a>(orgs: &'a [Org], pinyin: &Pinyin) -> Vec<(usize, &'a Org)> {
    let known: HashSet<&RecordId, FastHash> = orgs.iter().map(|o| &o.id).collect();
    let mut children: HashMap<Option<&RecordId>, Vec<&Org>, FastHash> = HashMap::default();
    for o in orgs {
        let parent = o.parent.as_ref().filter(|p| known.contains(p));
        children.entry(parent).or_default().push(o);
    }
    // Siblings in Chinese collation (by pinyin), reversed onto the stack.
    for list in children.values_mut() {
        crate::sort::sort_by_cached_key(list, |o| std::cmp::Reverse((pinyin.name_key(&o.name), o.id.clone())));
    }
    let mut out = Vec::with_capacity(orgs.len());
    let mut placed: HashSet<&RecordId, FastHash> = HashSet::with_capacity_and_hasher(orgs.len(), FastHash::default());
    fn walk<'a>(
        roots: &[&'a Org],
        children: &HashMap<Option<&'a RecordId>, Vec<&'a Org>, FastHash>,
        placed: &mut HashSet<&'a RecordId, FastHash>,
        out: &mut Vec<(usize, &'a Org)>,
    ) {
        let mut stack: Vec<(usize, &Org)> = roots.iter().map(|o| (0, *o)).collect();
        while let Some((depth, org)) = stack.pop() {
            if !placed.insert(&org.id) {
                continue;
            }
            out.push((depth, org));
            if let Some(kids) = children.get(&Some(&org.id)) {
                stack.extend(kids.iter().map(|c| (depth + 1, *c)));
            }
        }
    }
    walk(children.get(&None).map(Vec::as_slice).unwrap_or_default(), &children, &mut placed, &mut out);
    // Two stations moving organizations at once can leave a cycle with no root: shown at the top
    // rather than hidden.
    for o in orgs {
        if !placed.contains(&o.id) {
            walk(&[o], &children, &mut placed, &mut out);
        }
    }
    out
}

/// The organizations a tree shows open when first drawn: each level that fits in `rows` rows
/// together with the levels above it (the top level always shows), so that a county's 600
/// organizations open on its townships and a township's on its villages (with their branches if
/// they fit). A long tree drawn whole is slow to draw and to read. `tree` is each organization's
/// depth and id in tree order (`tree_order`, or the statistics' rows).
pub fn opened_by_default(tree: &[(usize, &RecordId)], rows: usize) -> IdSet {
    let deepest = tree.iter().map(|(depth, _)| *depth).max().unwrap_or(0);
    let mut shown_depth = 0;
    while shown_depth < deepest && tree.iter().filter(|(depth, _)| *depth <= shown_depth + 1).count() <= rows {
        shown_depth += 1;
    }
    tree.iter().filter(|(depth, _)| *depth < shown_depth).map(|(_, id)| (*id).clone()).collect()
}

/// The rows of a tree (as for `opened_by_default`) that show when only the organizations in
/// `open` show what is under them: each row's place in `tree`, and whether it has organizations
/// under it.
pub fn visible_rows(tree: &[(usize, &RecordId)], open: &IdSet) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut folded_at: Option<usize> = None;
    for (at, &(depth, id)) in tree.iter().enumerate() {
        if folded_at.is_some_and(|folded| depth > folded) {
            continue;
        }
        folded_at = None;
        let has_children = tree.get(at + 1).is_some_and(|(next, _)| *next > depth);
        out.push((at, has_children));
        if has_children && !open.contains(id) {
            folded_at = Some(depth);
        }
    }
    out
}

/// `id` and the organizations above it, nearest first: what must be open for `id` to show.
pub fn with_ancestors(orgs: &[Org], id: &RecordId) -> Vec<RecordId> {
    let mut out = vec![id.clone()];
    // Bounded, like `is_in_subtree`: a cycle must not hang.
    while out.len() <= orgs.len() {
        let last = &out[out.len() - 1];
        match orgs.iter().find(|o| &o.id == last).and_then(|o| o.parent.clone()) {
            Some(parent) if !out.contains(&parent) => out.push(parent),
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    fn org(n: u8, name: &str, category: OrgCategory, parent: Option<u8>) -> Org {
        Org {
            id: RecordId::from_random([n; 16]),
            name: name.into(),
            category: Some(category),
            parent: parent.map(|p| RecordId::from_random([p; 16])),
            founded: None,
            secretary: String::new(),
            phone: String::new(),
            closed: None,
            merged_into: None,
        }
    }

    fn draft(name: &str, category: OrgCategory, parent: Option<u8>) -> OrgDraft {
        OrgDraft {
            name: name.into(),
            category: Some(category),
            parent: parent.map(|p| RecordId::from_random([p; 16])),
            founded: String::new(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_branch_under_the_township_becomes_a_create_edit() {
        let town = org(1, "坪塘镇党委", OrgCategory::TownshipCommittee, None);
        let mut d = draft("  山塘村 党支部 ", OrgCategory::Branch, Some(1));
        d.founded = "1998-07-01".into();
        let edit = create_org(&d, RecordId::from_random([2; 16]), &[town], day("2026-11-24")).unwrap();
        let Edit::Create { kind: k, fields, .. } = edit else { panic!("not a create") };
        assert_eq!(k, kind::ORG);
        assert!(fields.contains(&(NAME.into(), json!("山塘村 党支部"))));
        assert!(fields.contains(&(FOUNDED.into(), json!("1998-07-01"))));
        assert!(fields.contains(&(PARENT.into(), json!(RecordId::from_random([1; 16]).as_str()))));
    }

    #[test]
    fn nesting_rules_follow_the_party_structure() {
        use OrgCategory::*;
        assert!(TownshipCommittee.may_sit_under(None));
        assert!(Branch.may_sit_under(None), "a village station keeps its own branch at the top");
        assert!(!Group.may_sit_under(None));
        assert!(!TownshipCommittee.may_sit_under(Some(Branch)));
        assert!(Branch.may_sit_under(Some(GeneralBranch)));
        assert!(!Branch.may_sit_under(Some(Group)));
        assert!(Group.may_sit_under(Some(Branch)));
        assert!(!GeneralBranch.may_sit_under(Some(GeneralBranch)));
    }

    #[test]
    fn bad_drafts_are_refused_with_a_reason() {
        let town = org(1, "坪塘镇党委", OrgCategory::TownshipCommittee, None);
        let branch = org(2, "山塘村党支部", OrgCategory::Branch, Some(1));
        let all = [town, branch];
        let today = day("2026-11-24");
        let id = RecordId::from_random([9; 16]);
        let check = |d: OrgDraft| create_org(&d, id.clone(), &all, today).unwrap_err();
        assert_eq!(check(draft(" ", OrgCategory::Branch, Some(1))), OrgError::NameEmpty);
        assert_eq!(check(draft(&"支".repeat(51), OrgCategory::Branch, Some(1))), OrgError::NameTooLong);
        assert_eq!(check(OrgDraft { name: "x".into(), ..Default::default() }), OrgError::CategoryMissing);
        assert_eq!(check(draft("x", OrgCategory::Branch, Some(7))), OrgError::ParentMissing);
        assert_eq!(check(draft("x", OrgCategory::Group, Some(1))), OrgError::WrongNesting);
        assert_eq!(check(draft("山塘村党支部", OrgCategory::Branch, Some(1))), OrgError::DuplicateName);
        let mut d = draft("x", OrgCategory::Branch, Some(1));
        d.founded = "2026-13-01".into();
        assert_eq!(check(d.clone()), OrgError::FoundedInvalid);
        d.founded = "2027-01-01".into();
        assert_eq!(check(d), OrgError::FoundedInFuture);
    }

    #[test]
    fn tree_order_puts_children_under_parents() {
        use OrgCategory::*;
        let orgs = vec![
            org(3, "乙村党支部", Branch, Some(1)),
            org(1, "坪塘镇党委", TownshipCommittee, None),
            org(4, "第一党小组", Group, Some(3)),
            org(2, "甲村党支部", Branch, Some(1)),
            org(5, "孤儿支部", Branch, Some(99)),
        ];
        let pinyin = Pinyin::built_in().unwrap();
        let names: Vec<(usize, &str)> =
            tree_order(&orgs, &pinyin).into_iter().map(|(d, o)| (d, o.name.as_str())).collect();
        assert_eq!(names.len(), 5);
        let pos = |n: &str| names.iter().position(|x| x.1 == n).unwrap();
        assert_eq!(names[pos("坪塘镇党委")].0, 0);
        assert!(pos("坪塘镇党委") < pos("甲村党支部"));
        assert!(pos("乙村党支部") < pos("第一党小组"));
        assert_eq!(names[pos("第一党小组")].0, 2);
        assert_eq!(names[pos("孤儿支部")].0, 0);
        assert!(pos("甲村党支部") < pos("乙村党支部"), "siblings by pinyin: jia before yi");
        let by_character: Vec<&str> =
            tree_order(&orgs, &Pinyin::none()).into_iter().map(|(_, o)| o.name.as_str()).collect();
        assert_eq!(
            by_character,
            ["坪塘镇党委", "乙村党支部", "第一党小组", "甲村党支部", "孤儿支部"],
            "乙 U+4E59 before 甲 U+7532"
        );
    }

    #[test]
    fn a_cycle_left_by_two_stations_is_still_listed() {
        use OrgCategory::*;
        let orgs = vec![org(1, "甲", Branch, Some(2)), org(2, "乙", Branch, Some(1)), org(3, "丙", Branch, None)];
        assert_eq!(tree_order(&orgs, &Pinyin::none()).len(), 3);
    }

    /// A county: committee, 3 townships, 4 villages under each, 2 branches under each village.
    fn county() -> Vec<Org> {
        let mut orgs = vec![org(1, "县委", OrgCategory::TownshipCommittee, None)];
        let mut n = 2;
        for _ in 0..3 {
            let town = n;
            orgs.push(org(town, &format!("镇{town}"), OrgCategory::TownshipCommittee, Some(1)));
            n += 1;
            for _ in 0..4 {
                let village = n;
                orgs.push(org(village, &format!("村{village}"), OrgCategory::GeneralBranch, Some(town)));
                n += 1;
                for _ in 0..2 {
                    orgs.push(org(n, &format!("支部{n}"), OrgCategory::Branch, Some(village)));
                    n += 1;
                }
            }
        }
        orgs
    }

    #[test]
    fn a_long_tree_opens_on_the_levels_that_fit() {
        let orgs = county();
        let order = tree_order(&orgs, &Pinyin::none());
        let tree: Vec<(usize, &RecordId)> = order.iter().map(|(depth, o)| (*depth, &o.id)).collect();
        assert_eq!(tree.len(), 40);
        // 1 + 3 fit in 10 rows, 1 + 3 + 12 do not: the committee open, the townships folded.
        let open = opened_by_default(&tree, 10);
        assert_eq!(open, IdSet::from_iter([RecordId::from_random([1; 16])]));
        let rows = visible_rows(&tree, &open);
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().skip(1).all(|&(at, has_children)| tree[at].0 == 1 && has_children));
        // 16 rows fit in 20: the villages show, their branches do not.
        assert_eq!(visible_rows(&tree, &opened_by_default(&tree, 20)).len(), 16);
        // Everything fits: everything shows.
        assert_eq!(visible_rows(&tree, &opened_by_default(&tree, 40)).len(), 40);
        // The top level always shows, however few rows are asked for.
        assert_eq!(visible_rows(&tree, &opened_by_default(&tree, 0)).len(), 1);
        // Several townships at the top (a county office's tree without the county committee):
        // they show, folded, when their villages would not fit.
        let towns: Vec<(usize, &RecordId)> =
            tree.iter().filter(|(depth, _)| *depth > 0).map(|(depth, id)| (depth - 1, *id)).collect();
        assert_eq!(visible_rows(&towns, &opened_by_default(&towns, 10)).len(), 3);
        assert_eq!(visible_rows(&towns, &opened_by_default(&towns, 15)).len(), 15);
    }

    #[test]
    fn opening_an_organization_shows_what_is_under_it_and_its_ancestors_are_what_reveals_it() {
        let orgs = county();
        let order = tree_order(&orgs, &Pinyin::none());
        let tree: Vec<(usize, &RecordId)> = order.iter().map(|(depth, o)| (*depth, &o.id)).collect();
        let mut open = opened_by_default(&tree, 10);
        let branch = orgs.iter().find(|o| o.category == Some(OrgCategory::Branch)).unwrap();
        assert!(!visible_rows(&tree, &open).iter().any(|&(at, _)| tree[at].1 == &branch.id));
        let path = with_ancestors(&orgs, &branch.id);
        assert_eq!(path.len(), 4, "branch, village, township, county");
        open.extend(path);
        let rows = visible_rows(&tree, &open);
        assert!(rows.iter().any(|&(at, has_children)| tree[at].1 == &branch.id && !has_children));
        assert_eq!(rows.len(), 4 + 4 + 2, "one township open, one village open");
    }
}
