//! Importing a village's household list (民情户台账) from a spreadsheet, as the member roster
//! import does (`roster_import`): find the header row, map columns by their Chinese header
//! names, check every row with the household form's rules (`household::check_household`), and
//! save the good rows with one `batch` record so the import can be undone
//! (`org_ops::plan_undo`).

use super::household::{check_household, Category, Context, Field, Finding, Household, HouseholdDraft};
use super::member::Member;
use super::org::Org;
use super::record::RecordId;
use super::replica::Edit;
use super::sheet_import;
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::collections::HashMap;

/// What a spreadsheet column fills: the form's inputs (the linked member is chosen in the app).
pub const TARGETS: [Field; 9] = [
    Field::Village,
    Field::Head,
    Field::IdNumber,
    Field::Phone,
    Field::Group,
    Field::Address,
    Field::People,
    Field::Categories,
    Field::Note,
];

/// Header texts that name each input, as village registers write them (after removing spaces,
/// line breaks and a trailing "（必填）"-style note).
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Village, &["村", "所在村", "村名", "行政村", "村（社区）", "所属村"]),
    (Field::Head, &["户主", "户主姓名", "姓名", "户主名"]),
    (Field::IdNumber, &["身份证号", "身份证号码", "公民身份号码", "户主身份证号", "户主身份证号码", "身份证"]),
    (Field::Phone, &["联系电话", "电话", "手机", "手机号码", "联系方式", "电话号码"]),
    (Field::Group, &["村民小组", "组别", "小组", "组", "所在组"]),
    (Field::Address, &["家庭住址", "住址", "地址", "家庭地址"]),
    (Field::People, &["家庭人口", "人口", "人口数", "家庭人数", "人数"]),
    (Field::Categories, &["类别", "户类别", "户别", "农户类别", "类型", "户类型"]),
    (Field::Note, &["备注", "说明"]),
];

/// The input a header names, if any.
pub fn target_of_header(text: &str) -> Option<Field> {
    sheet_import::target_of_header(HEADERS, text)
}

/// The row holding the headers (`sheet_import::find_header_row`).
pub fn find_header_row(rows: &[Vec<String>]) -> Option<usize> {
    sheet_import::find_header_row(HEADERS, rows)
}

/// Each column's input, guessed from its header (`sheet_import::guess_mapping`).
pub fn guess_mapping(headers: &[String]) -> Vec<Option<Field>> {
    sheet_import::guess_mapping(HEADERS, headers)
}

/// Category words as registers write them.
fn category_of_word(word: &str) -> Option<Category> {
    Category::from_label(word).or(match word {
        "种植大户" | "养殖大户" | "种养殖大户" | "大户" => Some(Category::LargeFarm),
        "脱贫户" | "建档立卡户" | "建档立卡贫困户" | "监测户" => Some(Category::Poor),
        "党员" | "老党员户" => Some(Category::OldMember),
        "人大代表户" => Some(Category::Deputy),
        "企业家" | "致富带头人" => Some(Category::Entrepreneur),
        "低保" => Some(Category::Subsistence),
        "残疾人" | "残疾户" => Some(Category::Disabled),
        "留守老人" | "空巢老人" | "留守" | "空巢" => Some(Category::LeftBehindElderly),
        _ => None,
    })
}

/// Splits a categories cell ("贫困户、低保户") into categories and the words no category names.
pub fn parse_categories(cell: &str) -> (Vec<Category>, Vec<String>) {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for word in cell.split(['、', ',', '，', ';', '；', ' ', '　', '\n']).map(str::trim).filter(|w| !w.is_empty()) {
        // "留守/空巢老人" is one label; other slashes separate words.
        let parts: Vec<&str> = if category_of_word(word).is_some() { vec![word] } else { word.split('/').collect() };
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            match category_of_word(part) {
                Some(c) if !found.contains(&c) => found.push(c),
                Some(_) => {}
                None => unknown.push(part.to_string()),
            }
        }
    }
    (found, unknown)
}

/// What went wrong with one row, or what the preview should point out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A check of the household form, at its input.
    Form(Finding),
    /// The village column names no open village organization of this station.
    VillageNotFound(String),
    /// Several organizations match the village's name: the sheet must say which.
    VillageAmbiguous(String),
    /// The same identity number is on an earlier row of the file.
    DuplicateInFile { row: usize },
    /// Warning: category words no category names, kept as the household's free label.
    CategoriesAsLabel(String),
    /// Several open households have the row's identity number: which one to update?
    SeveralWithId(usize),
    /// Warning: the row is a household closed (迁出, 户销) on `date`: its details are updated,
    /// it stays closed.
    HouseholdClosed { reason: Option<super::household::ClosedReason>, date: Option<NaiveDate> },
}

/// One data row, checked.
pub type RowResult = sheet_import::RowResult<RowProblem>;
pub type ImportPlan = sheet_import::ImportPlan<RowProblem>;

/// Everything `plan_import` needs besides the rows.
pub struct ImportContext<'a> {
    pub households: &'a [Household],
    pub orgs: &'a [Org],
    pub members: &'a [Member],
    /// For a sheet without a village column (one village's list): the village of every row.
    pub default_village: Option<RecordId>,
    pub today: NaiveDate,
}

/// The open organization a village cell names: the exact name, else the one open organization
/// whose name starts with it ("山塘村" for "山塘村党总支"), as registers name villages, not
/// their Party organizations.
fn find_village<'a>(cell: &str, open: &[&'a Org]) -> Result<&'a RecordId, RowProblem> {
    let exact: Vec<&&Org> = open.iter().filter(|o| o.name == cell).collect();
    let matches = if exact.is_empty() { open.iter().filter(|o| o.name.starts_with(cell)).collect() } else { exact };
    match matches.as_slice() {
        [one] => Ok(&one.id),
        [] => Err(RowProblem::VillageNotFound(cell.to_string())),
        _ => Err(RowProblem::VillageAmbiguous(cell.to_string())),
    }
}

/// The household a row's identity number names: the open one with it, else the one closed last
/// (迁出 and back: the clerk may be correcting it); several open ones cannot be told apart.
fn household_with_id<'a>(households: &'a [Household], typed: &str) -> Result<Option<&'a Household>, RowProblem> {
    if typed.is_empty() {
        return Ok(None);
    }
    let same: Vec<&Household> = households.iter().filter(|h| h.id_number.eq_ignore_ascii_case(typed)).collect();
    let open: Vec<&&Household> = same.iter().filter(|h| h.is_open()).collect();
    match open.as_slice() {
        [one] => Ok(Some(**one)),
        [] => Ok(same.into_iter().max_by_key(|h| h.closed)),
        several => Err(RowProblem::SeveralWithId(several.len())),
    }
}

/// Checks every data row below `header_row` with the form's rules. Empty rows are skipped;
/// identity numbers must not be on an earlier row of the file. A row whose 户主 identity number
/// is a household's of the station (`household_with_id`) is that household: its non-empty
/// cells over the household's values, checked as the form checks an edit, and the fields that
/// would change (`sheet_import::Update`).
pub fn plan_import(
    rows: &[Vec<String>],
    header_row: usize,
    mapping: &[Option<Field>],
    cx: &ImportContext,
) -> ImportPlan {
    let open: Vec<&Org> =
        cx.orgs.iter().filter(|o| o.is_open() && super::household::is_village_category(o.category)).collect();
    let form_cx = Context { households: cx.households, orgs: cx.orgs, members: cx.members, today: cx.today };
    let org_name = |id: &RecordId| cx.orgs.iter().find(|o| &o.id == id).map(|o| o.name.clone());
    let name_of = |field: &str, value: &str| {
        let id = RecordId::parse(value)?;
        match field {
            super::household::VILLAGE => org_name(&id),
            super::household::MEMBER => cx.members.iter().find(|x| x.id == id).map(|x| x.name.clone()),
            _ => None,
        }
    };
    let id_column = mapping.iter().position(|t| *t == Some(Field::IdNumber));
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = i + 1;
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let typed_id =
            id_column.and_then(|c| row.get(c)).map(|c| sheet_import::id_key(c, cx.today)).unwrap_or_default();
        let existing = household_with_id(cx.households, &typed_id).unwrap_or_else(|p| {
            errors.push(p);
            None
        });
        let mut draft = match existing {
            Some(h) => HouseholdDraft::from_household(h),
            None => HouseholdDraft { village: cx.default_village.clone(), ..Default::default() },
        };
        let mut village_problem = false;
        for (col, target) in mapping.iter().enumerate() {
            let Some(target) = target else { continue };
            let cell = row.get(col).map(|c| c.trim().to_string()).unwrap_or_default();
            // An empty cell never blanks a value the household has.
            if existing.is_some() && cell.is_empty() {
                continue;
            }
            match target {
                Field::Village if cell.is_empty() => {}
                Field::Village => match find_village(&cell, &open) {
                    Ok(id) => draft.village = Some(id.clone()),
                    Err(p) => {
                        village_problem = true;
                        errors.push(p);
                    }
                },
                Field::Categories => {
                    let (found, unknown) = parse_categories(&cell);
                    draft.categories = found;
                    if !unknown.is_empty() {
                        let label = unknown.join("、");
                        warnings.push(RowProblem::CategoriesAsLabel(label.clone()));
                        draft.label = label;
                    }
                }
                Field::Head => draft.head = cell,
                Field::IdNumber => draft.id_number = cell,
                Field::Phone => draft.phone = cell,
                Field::Group => draft.group = cell,
                Field::Address => draft.address = cell,
                Field::People => draft.people = cell,
                Field::Note => draft.note = cell,
                Field::Label => draft.label = cell,
                Field::Member => {}
            }
        }
        if let Some(h) = existing.filter(|h| !h.is_open()) {
            warnings.push(RowProblem::HouseholdClosed { reason: h.closed_reason, date: h.closed });
        }
        let editing = existing.map(|h| &h.id);
        let checked = check_household(&draft, editing, &form_cx);
        if let Err(findings) = &checked {
            for f in findings {
                // A village the sheet names but this station lacks is said once.
                if !(village_problem && f.field == Field::Village) {
                    errors.push(RowProblem::Form(f.clone()));
                }
            }
        }
        let id_ok = checked.as_ref().err().is_none_or(|fs| !fs.iter().any(|f| f.field == Field::IdNumber));
        let id_key = draft.id_number.trim().to_ascii_uppercase();
        if id_ok && !id_key.is_empty() {
            match seen_ids.get(&id_key) {
                Some(&first) => errors.push(RowProblem::DuplicateInFile { row: first }),
                None => {
                    seen_ids.insert(id_key, number);
                }
            }
        }
        // Which record the row is must be settled first: that is all it says.
        if let Some(several @ RowProblem::SeveralWithId(_)) = errors.first().cloned() {
            errors = vec![several];
        }
        let fields = match checked {
            Ok(fields) if errors.is_empty() => fields,
            _ => Vec::new(),
        };
        let update = existing.filter(|_| errors.is_empty()).map(|h| {
            // The household's own fields as the form gives them (an old record may fail a
            // check: then what it holds is compared as it is).
            let before = check_household(&HouseholdDraft::from_household(h), Some(&h.id), &form_cx)
                .unwrap_or_else(|_| stored_fields(h));
            let place = h.village.as_ref().and_then(org_name).map(|o| format!("（{o}）")).unwrap_or_default();
            sheet_import::Update {
                id: h.id.clone(),
                who: format!("{}{place}", h.head),
                changes: sheet_import::changes(&before, &fields, &name_of),
            }
        });
        out.push(RowResult { row: number, name: super::person::clean(&draft.head), fields, errors, warnings, update });
    }
    ImportPlan { rows: out }
}

/// A household's fields as stored, for comparing with a row when the form's check refuses them.
fn stored_fields(h: &Household) -> Vec<(String, Value)> {
    use super::household as hh;
    let id = |r: &Option<RecordId>| r.as_ref().map_or(Value::Null, |r| json!(r.as_str()));
    vec![
        (hh::VILLAGE.into(), id(&h.village)),
        (hh::HEAD.into(), json!(h.head)),
        (hh::ID_NUMBER.into(), json!(h.id_number)),
        (hh::PHONE.into(), json!(h.phone)),
        (hh::GROUP.into(), json!(h.group)),
        (hh::ADDRESS.into(), json!(h.address)),
        (hh::LABEL.into(), json!(h.label)),
        (hh::NOTE.into(), json!(h.note)),
        (hh::PEOPLE.into(), h.people.map_or(Value::Null, |n| json!(n))),
        (hh::CATEGORIES.into(), json!(h.categories.iter().map(|c| c.label()).collect::<Vec<_>>())),
        (hh::MEMBER.into(), id(&h.member)),
    ]
}

/// The edits that save the good rows (`sheet_import::import_edits`): each new row a new
/// household with an id from `new_id`, with `update_existing` the changes to households the
/// station has, and the batch that lets the import be undone.
pub fn import_edits(
    plan: &ImportPlan,
    update_existing: bool,
    new_id: impl FnMut() -> RecordId,
    batch: RecordId,
    note: &str,
    today: NaiveDate,
) -> Vec<Edit> {
    let create = |fields, id| super::household::household_edit(fields, None, id);
    sheet_import::import_edits(plan, update_existing, create, new_id, batch, note, today)
}

/// The input a stored field is, for naming a change in the preview.
pub fn target_of_field(field: &str) -> Option<Field> {
    use super::household as hh;
    Some(match field {
        hh::VILLAGE => Field::Village,
        hh::HEAD => Field::Head,
        hh::ID_NUMBER => Field::IdNumber,
        hh::PHONE => Field::Phone,
        hh::GROUP => Field::Group,
        hh::ADDRESS => Field::Address,
        hh::PEOPLE => Field::People,
        hh::CATEGORIES => Field::Categories,
        hh::LABEL => Field::Label,
        hh::MEMBER => Field::Member,
        hh::NOTE => Field::Note,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household::{self as hh, Problem};
    use crate::id_number::{make_id_number, Sex};
    use crate::org::OrgCategory;
    use crate::org_ops::{plan_undo, Batch};
    use crate::record::{kind, Record};
    use crate::test_support::{day, rid};

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn orgs() -> Vec<Org> {
        vec![
            Org::new(rid(1), "坪塘镇党委", Some(OrgCategory::TownshipCommittee), None),
            Org::new(rid(2), "山塘村党总支", Some(OrgCategory::GeneralBranch), Some(rid(1))),
            Org::new(rid(3), "新湾村党支部", Some(OrgCategory::Branch), Some(rid(1))),
            Org::new(rid(4), "新湾村第二党支部", Some(OrgCategory::Branch), Some(rid(1))),
        ]
    }

    fn id(birth: &str, seq: u16) -> String {
        make_id_number("430121", day(birth), seq, Sex::Male)
    }

    #[test]
    fn headers_below_a_title_map_by_their_names() {
        let rows = vec![
            row(&["山塘村民情户台账"]),
            row(&[
                "序号",
                "户主姓名",
                "身份证号码",
                "村民小组",
                "家庭人口（人）",
                "户类别",
                "联系电话",
                "备注",
                "村（社区）",
            ]),
        ];
        assert_eq!(find_header_row(&rows), Some(1));
        assert_eq!(
            guess_mapping(&rows[1]),
            vec![
                None,
                Some(Field::Head),
                Some(Field::IdNumber),
                Some(Field::Group),
                Some(Field::People),
                Some(Field::Categories),
                Some(Field::Phone),
                Some(Field::Note),
                Some(Field::Village)
            ]
        );
    }

    #[test]
    fn category_cells_split_into_categories_and_a_label() {
        assert_eq!(parse_categories("贫困户、低保户"), (vec![Category::Poor, Category::Subsistence], vec![]));
        assert_eq!(parse_categories("留守/空巢老人"), (vec![Category::LeftBehindElderly], vec![]));
        assert_eq!(
            parse_categories("养殖大户/五保户, 种养大户"),
            (vec![Category::LargeFarm], vec!["五保户".to_string()])
        );
        assert_eq!(parse_categories(""), (vec![], vec![]));
    }

    #[test]
    fn rows_are_checked_one_by_one_and_the_import_can_be_undone() {
        let existing = {
            let edit = hh::household_edit(
                vec![
                    (hh::VILLAGE.into(), json!(rid(2).as_str())),
                    (hh::HEAD.into(), json!("老住户")),
                    (hh::ID_NUMBER.into(), json!(id("1960-01-01", 11))),
                ],
                None,
                rid(30),
            );
            Household::from_edit(&edit).unwrap()
        };
        let good = id("1970-02-03", 123);
        let rows = vec![
            row(&["户主", "身份证号", "村", "人口", "类别", "电话"]),
            row(&["张大山", &good, "山塘村", "4", "贫困户、五保户", "13807310000"]),
            row(&["", "", "", "", "", ""]),
            row(&["李二", &good, "山塘村党总支", "3", "", ""]),
            row(&["王五", &id("1960-01-01", 11), "山塘村", "零", "", "123"]),
            row(&["赵六", "", "新湾村", "2", "", ""]),
            row(&["钱七", "", "石桥村", "2", "", ""]),
            row(&["", "", "山塘村", "2", "", ""]),
        ];
        let orgs = orgs();
        let cx = ImportContext {
            households: std::slice::from_ref(&existing),
            orgs: &orgs,
            members: &[],
            default_village: None,
            today: day("2026-11-24"),
        };
        let plan = plan_import(&rows, 0, &guess_mapping(&rows[0]), &cx);
        assert_eq!(plan.rows.len(), 6, "the empty row is skipped");
        let first = &plan.rows[0];
        assert!(first.is_good(), "{:?}", first.errors);
        assert_eq!(first.row, 2);
        assert_eq!(first.warnings, vec![RowProblem::CategoriesAsLabel("五保户".into())]);
        assert!(first.fields.contains(&(hh::VILLAGE.into(), json!(rid(2).as_str()))), "山塘村 names 山塘村党总支");
        assert!(first.fields.contains(&(hh::LABEL.into(), json!("五保户"))));
        assert!(first.fields.contains(&(hh::PEOPLE.into(), json!(4))));
        let bad: Vec<(usize, Vec<RowProblem>)> = plan.bad().map(|r| (r.row, r.errors.clone())).collect();
        assert_eq!(bad[0], (4, vec![RowProblem::DuplicateInFile { row: 2 }]));
        assert_eq!(bad[1].0, 5);
        assert!(bad[1].1.contains(&RowProblem::Form(Finding { field: Field::People, problem: Problem::NotANumber })));
        assert!(bad[1].1.contains(&RowProblem::Form(Finding { field: Field::Phone, problem: Problem::Phone })));
        assert!(
            !bad[1]
                .1
                .iter()
                .any(|p| matches!(p, RowProblem::Form(Finding { problem: Problem::IdNumberTaken { .. }, .. }))),
            "老住户's number: the row is that household, refused for its own cells"
        );
        assert_eq!(bad[2], (6, vec![RowProblem::VillageAmbiguous("新湾村".into())]));
        assert_eq!(bad[3], (7, vec![RowProblem::VillageNotFound("石桥村".into())]));
        assert_eq!(bad[4], (8, vec![RowProblem::Form(Finding { field: Field::Head, problem: Problem::Required })]));

        let mut n = 40u8;
        let edits = import_edits(
            &plan,
            true,
            || {
                n += 1;
                rid(n)
            },
            rid(90),
            "山塘村民情户.xlsx",
            day("2026-11-24"),
        );
        assert_eq!(edits.len(), 2);
        let Edit::Create { kind: k, .. } = &edits[0] else { panic!() };
        assert_eq!(k, kind::HOUSEHOLD);
        // Undo deletes what the import created.
        let Edit::Create { id, kind: k, fields } = &edits[1] else { panic!() };
        let batch = Batch::from_record(&Record::unstamped(id, k, fields));
        let created = {
            let Edit::Create { id, kind: k, fields } = &edits[0] else { panic!() };
            Record::unstamped(id, k, fields)
        };
        let find = |x: &RecordId| -> Option<&Record> { (x == &created.id).then_some(&created) };
        let undo = plan_undo(&batch, find, day("2026-11-24")).unwrap();
        assert!(undo.contains(&Edit::Delete { id: rid(41) }));
    }

    #[test]
    fn a_village_list_without_a_village_column_goes_to_the_chosen_village() {
        let rows = vec![row(&["户主姓名", "组别"]), row(&["张三", "3组"])];
        let orgs = orgs();
        let cx = ImportContext {
            households: &[],
            orgs: &orgs,
            members: &[],
            default_village: Some(rid(3)),
            today: day("2026-11-24"),
        };
        let plan = plan_import(&rows, 0, &guess_mapping(&rows[0]), &cx);
        assert!(plan.rows[0].is_good());
        assert!(plan.rows[0].fields.contains(&(hh::VILLAGE.into(), json!(rid(3).as_str()))));
        let none = ImportContext { default_village: None, ..cx };
        let plan = plan_import(&rows, 0, &guess_mapping(&rows[0]), &none);
        assert_eq!(
            plan.rows[0].errors,
            vec![RowProblem::Form(Finding { field: Field::Village, problem: Problem::Required })]
        );
    }

    #[test]
    fn a_row_with_a_households_id_number_updates_it_even_when_closed_and_undo_restores_it() {
        let make = |n: u8, head: &str, id_number: &str, closed: Option<&str>| {
            let mut fields = vec![
                (hh::VILLAGE.into(), json!(rid(2).as_str())),
                (hh::HEAD.into(), json!(head)),
                (hh::ID_NUMBER.into(), json!(id_number)),
                (hh::PHONE.into(), json!("13807310001")),
                (hh::GROUP.into(), json!("3组")),
                (hh::CATEGORIES.into(), json!(["低保户"])),
            ];
            if let Some(c) = closed {
                fields.push((hh::CLOSED.into(), json!(c)));
                fields.push((hh::CLOSED_REASON.into(), json!(hh::ClosedReason::MovedOut.label())));
            }
            Record::unstamped(&rid(n), kind::HOUSEHOLD, &fields)
        };
        let (a, b) = (id("1960-01-01", 11), id("1962-01-01", 12));
        let mut records = [make(30, "张大山", &a, None), make(31, "李二", &b, Some("2026-01-01"))];
        let households: Vec<Household> = records.iter().map(Household::from_record).collect();
        let rows = vec![
            row(&["户主", "身份证号", "电话", "组", "类别"]),
            row(&["张大山", &a, "13907310002", "", ""]),
            row(&["李二", &b, "13807310001", "3组", "低保户"]),
        ];
        let orgs = orgs();
        let cx = ImportContext {
            households: &households,
            orgs: &orgs,
            members: &[],
            default_village: Some(rid(3)),
            today: day("2026-11-24"),
        };
        let plan = plan_import(&rows, 0, &guess_mapping(&rows[0]), &cx);
        assert_eq!((plan.new_rows().count(), plan.updates().count(), plan.unchanged().count()), (0, 1, 1));
        let u = plan.rows[0].update.as_ref().unwrap();
        assert_eq!(u.who, "张大山（山塘村党总支）");
        let shown: Vec<(&str, &str, &str)> =
            u.changes.iter().map(|c| (c.field.as_str(), c.old_text.as_str(), c.new_text.as_str())).collect();
        assert_eq!(
            shown,
            vec![(hh::PHONE, "13807310001", "13907310002")],
            "empty cells and the default village keep hers"
        );
        assert!(plan.rows[1].warnings.contains(&RowProblem::HouseholdClosed {
            reason: Some(hh::ClosedReason::MovedOut),
            date: Some(day("2026-01-01"))
        }));

        let edits = import_edits(&plan, true, || rid(50), rid(91), "民情户.xlsx", day("2026-11-24"));
        assert_eq!(edits.len(), 2, "one update and the batch");
        let Edit::Update { id, fields } = &edits[0] else { panic!() };
        assert_eq!((id, fields), (&rid(30), &vec![(hh::PHONE.to_string(), json!("13907310002"))]));
        // The update saved: 张大山's phone is the imported one; undo puts the old one back.
        records[0].set(
            hh::PHONE,
            json!("13907310002"),
            crate::clock::Hlc::ZERO,
            &crate::station::StationId::from_random([0; 8]),
        );
        let Edit::Create { id, kind: k, fields } = &edits[1] else { panic!() };
        let batch = Batch::from_record(&Record::unstamped(id, k, fields));
        let undo = plan_undo(&batch, |x| records.iter().find(|r| &r.id == x), day("2026-11-24")).unwrap();
        assert!(undo.contains(&Edit::Update { id: rid(30), fields: vec![(hh::PHONE.into(), json!("13807310001"))] }));
    }
}
