//! Importing a roster from a spreadsheet (花名册导入): finding the header row, mapping columns to
//! the member form's items by their header names, and checking every row with the same rules as
//! the form. Nothing is written until the user confirms; good rows are saved even when others
//! fail; the import is one `batch` record, so it can be undone (`org_ops::plan_undo`).

use super::member::{self as m, Member, CATEGORIES, EDUCATIONS, STATUS_NORMAL};
use super::member_form::{check_member, derived_from_id, Context, Finding, Item, MemberDraft, Problem};
use super::org::Org;
use super::org_ops::{BatchOp, CREATED, DATE, NOTE, OP, UNDONE};
use super::record::{kind, RecordId};
use super::replica::Edit;
use super::sheet_import;
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::collections::HashMap;

/// What a spreadsheet column fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Item(Item),
    /// 是否失联 (是/否)
    Lost,
    /// 是否流动党员 (是/否)
    Flowing,
}

impl Target {
    /// Every target, in the form's order, for the manual mapping's choices.
    pub const ALL: [Target; 18] = [
        Target::Item(Item::Name),
        Target::Item(Item::Sex),
        Target::Item(Item::Ethnicity),
        Target::Item(Item::IdNumber),
        Target::Item(Item::BirthDate),
        Target::Item(Item::Education),
        Target::Item(Item::Category),
        Target::Item(Item::Org),
        Target::Item(Item::Joined),
        Target::Item(Item::FullMemberDate),
        Target::Item(Item::Post),
        Target::Item(Item::Phone),
        Target::Item(Item::Address),
        Target::Item(Item::Status),
        Target::Lost,
        Target::Item(Item::LostDate),
        Target::Flowing,
        Target::Item(Item::FlowingTo),
    ];
}

/// Header texts that name each target, as rosters in the field write them (after removing
/// spaces, line breaks and a trailing "（必填）"-style note).
const HEADERS: &[(Target, &[&str])] = &[
    (Target::Item(Item::Name), &["姓名", "党员姓名"]),
    (Target::Item(Item::Sex), &["性别"]),
    (Target::Item(Item::Ethnicity), &["民族"]),
    (Target::Item(Item::IdNumber), &["公民身份号码", "身份证号", "身份证号码", "公民身份证号码", "身份证"]),
    (Target::Item(Item::BirthDate), &["出生日期", "出生年月", "出生年月日", "生日"]),
    (Target::Item(Item::Education), &["学历", "文化程度", "最高学历"]),
    (Target::Item(Item::Category), &["人员类别", "党员类别", "类别"]),
    (Target::Item(Item::Org), &["所在党支部", "所在支部", "党支部", "所在党组织", "支部"]),
    (Target::Item(Item::Joined), &["加入党组织日期", "入党日期", "入党时间", "入党年月"]),
    (Target::Item(Item::FullMemberDate), &["转为正式党员日期", "转正日期", "转正时间", "转正年月"]),
    (Target::Item(Item::Post), &["工作岗位", "职务", "工作单位及职务", "岗位", "现任职务"]),
    (Target::Item(Item::Phone), &["联系电话", "电话", "手机", "手机号码", "联系方式", "电话号码"]),
    (Target::Item(Item::Address), &["家庭住址", "住址", "家庭地址", "现居住地"]),
    (Target::Item(Item::Status), &["党籍状态"]),
    (Target::Lost, &["是否失联", "失联"]),
    (Target::Item(Item::LostDate), &["失联日期", "失去联系日期"]),
    (Target::Flowing, &["是否流动党员", "流动党员"]),
    (Target::Item(Item::FlowingTo), &["外出流向", "流向", "流出地"]),
];

/// The target a header names, if any.
pub fn target_of_header(text: &str) -> Option<Target> {
    sheet_import::target_of_header(HEADERS, text)
}

/// The row holding the headers (`sheet_import::find_header_row`).
pub fn find_header_row(rows: &[Vec<String>]) -> Option<usize> {
    sheet_import::find_header_row(HEADERS, rows)
}

/// Each column's target, guessed from its header (`sheet_import::guess_mapping`).
pub fn guess_mapping(headers: &[String]) -> Vec<Option<Target>> {
    sheet_import::guess_mapping(HEADERS, headers)
}

/// Yes/no as sheets write it.
fn yes(text: &str) -> Result<bool, ()> {
    match text.trim() {
        "" | "否" | "N" | "n" | "no" | "No" | "无" | "0" | "×" | "FALSE" | "false" => Ok(false),
        "是" | "Y" | "y" | "yes" | "Yes" | "有" | "1" | "√" | "✓" | "TRUE" | "true" => Ok(true),
        _ => Err(()),
    }
}

/// The closed-list values as other rosters spell them.
fn normalize_education(text: &str) -> String {
    let t = text.trim();
    let mapped = match t {
        "大学本科" | "本科及以上" => "本科",
        "大学专科" | "专科" => "大专",
        "中等专科" | "中专及以下" => "中专",
        "硕士" | "硕士研究生" | "博士" | "博士研究生" | "研究生及以上" => "研究生",
        "小学" | "文盲" | "半文盲" | "小学以下" => "小学及以下",
        "初中及以下" => "初中",
        "高中及以下" | "职高" | "技校" => "高中",
        other => other,
    };
    if EDUCATIONS.contains(&mapped) {
        mapped.to_string()
    } else {
        t.to_string()
    }
}

fn normalize_category(text: &str) -> String {
    match text.trim() {
        "正式" => m::FULL_MEMBER.to_string(),
        "预备" => m::PROBATIONARY.to_string(),
        other => other.to_string(),
    }
}

/// What went wrong with one row, for the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A check of the member form, at its item.
    Form(Finding),
    /// 所在党支部 names no organization of this station.
    OrgNotFound(String),
    /// Two organizations have that name: the sheet must say which.
    OrgAmbiguous(String),
    /// A yes/no column holds something else.
    NotYesNo(Target, String),
    /// The same identity number is on an earlier row of the file.
    DuplicateInFile { row: usize },
}

/// One data row, checked.
pub type RowResult = sheet_import::RowResult<RowProblem>;
pub type ImportPlan = sheet_import::ImportPlan<RowProblem>;

/// Everything `plan_import` needs besides the rows.
pub struct ImportContext<'a> {
    pub members: &'a [Member],
    pub orgs: &'a [Org],
    /// For sheets without a 所在党支部 column (one branch's roster): the branch to put everyone.
    pub default_org: Option<RecordId>,
    pub today: NaiveDate,
}

/// Checks every data row below `header_row` with the form's rules. Empty rows are skipped;
/// identity numbers must be new to the station and to the earlier rows of the file.
pub fn plan_import(
    rows: &[Vec<String>],
    header_row: usize,
    mapping: &[Option<Target>],
    cx: &ImportContext,
) -> ImportPlan {
    let open: Vec<&Org> = cx.orgs.iter().filter(|o| o.is_open()).collect();
    let mut by_name: HashMap<&str, Vec<&RecordId>> = HashMap::new();
    for o in &open {
        by_name.entry(o.name.as_str()).or_default().push(&o.id);
    }
    let closed = |id: &RecordId| cx.orgs.iter().any(|o| &o.id == id && !o.is_open());
    let form_cx = Context { members: cx.members, orgs: cx.orgs, is_closed: &closed, today: cx.today };
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = i + 1;
        let mut draft = MemberDraft { status: STATUS_NORMAL.into(), ..Default::default() };
        let mut errors = Vec::new();
        let mut org_text: Option<String> = None;
        for (col, target) in mapping.iter().enumerate() {
            let Some(target) = target else { continue };
            let cell = row.get(col).map(|c| c.trim().to_string()).unwrap_or_default();
            match target {
                Target::Lost | Target::Flowing => match yes(&cell) {
                    Ok(v) if *target == Target::Lost => draft.lost = v,
                    Ok(v) => draft.flowing = v,
                    Err(()) => errors.push(RowProblem::NotYesNo(*target, cell)),
                },
                Target::Item(item) => {
                    let slot = match item {
                        Item::Name => &mut draft.name,
                        Item::Sex => &mut draft.sex,
                        Item::Ethnicity => &mut draft.ethnicity,
                        Item::IdNumber => &mut draft.id_number,
                        Item::BirthDate => &mut draft.birth_date,
                        Item::Education => &mut draft.education,
                        Item::Category => &mut draft.category,
                        Item::Org => {
                            org_text = Some(cell);
                            continue;
                        }
                        Item::Joined => &mut draft.joined,
                        Item::FullMemberDate => &mut draft.full_member_date,
                        Item::Post => &mut draft.post,
                        Item::Phone => &mut draft.phone,
                        Item::Address => &mut draft.address,
                        Item::Status => &mut draft.status,
                        Item::LostDate => &mut draft.lost_date,
                        Item::FlowingTo => &mut draft.flowing_to,
                    };
                    if !cell.is_empty() || *item != Item::Status {
                        *slot = cell;
                    }
                }
            }
        }
        draft.education = normalize_education(&draft.education);
        draft.category = normalize_category(&draft.category);
        if draft.status.is_empty() {
            draft.status = STATUS_NORMAL.into();
        }
        // Items the sheet leaves out that the identity number carries.
        if let Some((birth, sex)) = derived_from_id(&draft.id_number, cx.today) {
            if draft.birth_date.is_empty() {
                draft.birth_date = birth;
            }
            if draft.sex.is_empty() {
                draft.sex = sex.to_string();
            }
        }
        // 转正日期 given but no category: a full member.
        if draft.category.is_empty() && !draft.full_member_date.is_empty() && CATEGORIES.contains(&m::FULL_MEMBER) {
            draft.category = m::FULL_MEMBER.into();
        }
        match org_text.as_deref().filter(|t| !t.is_empty()) {
            Some(name) => match by_name.get(name).map(Vec::as_slice) {
                Some([one]) => draft.org = one.to_string(),
                Some(_) => errors.push(RowProblem::OrgAmbiguous(name.to_string())),
                None => errors.push(RowProblem::OrgNotFound(name.to_string())),
            },
            None => draft.org = cx.default_org.as_ref().map(|o| o.to_string()).unwrap_or_default(),
        }
        let checked = check_member(&draft, None, &form_cx);
        let mut warnings = Vec::new();
        for f in checked.findings.iter().cloned() {
            let found_org_problem = f.item == Item::Org
                && errors.iter().any(|e| matches!(e, RowProblem::OrgNotFound(_) | RowProblem::OrgAmbiguous(_)));
            if found_org_problem {
                continue;
            }
            match f.severity() {
                super::member_form::Severity::Error => errors.push(RowProblem::Form(f)),
                super::member_form::Severity::Warning => warnings.push(RowProblem::Form(f)),
            }
        }
        let id_key = draft.id_number.trim().to_ascii_uppercase();
        let id_is_valid = !checked
            .findings
            .iter()
            .any(|f| f.item == Item::IdNumber && !matches!(f.problem, Problem::IdNumberTaken { .. }));
        if id_is_valid && !id_key.is_empty() {
            match seen_ids.get(&id_key) {
                Some(&first) => errors.push(RowProblem::DuplicateInFile { row: first }),
                None => {
                    seen_ids.insert(id_key, number);
                }
            }
        }
        let fields = if errors.is_empty() {
            checked.fields.into_iter().filter(|(_, v)| !v.is_null()).collect()
        } else {
            Vec::new()
        };
        out.push(RowResult { row: number, name: draft.name.trim().to_string(), fields, errors, warnings });
    }
    ImportPlan { rows: out }
}

/// The edits that save the good rows, each a new member with an id from `new_id`, and the
/// batch that lets the import be undone.
pub fn import_edits(
    plan: &ImportPlan,
    mut new_id: impl FnMut() -> RecordId,
    batch: RecordId,
    note: &str,
    today: NaiveDate,
) -> Vec<Edit> {
    let mut created = Vec::new();
    let mut edits: Vec<Edit> = plan
        .good()
        .map(|r| {
            let id = new_id();
            created.push(json!(id.as_str()));
            Edit::Create { id, kind: kind::MEMBER.to_string(), fields: r.fields.clone() }
        })
        .collect();
    edits.push(Edit::Create {
        id: batch,
        kind: kind::BATCH.to_string(),
        fields: vec![
            (OP.into(), json!(BatchOp::Import.code())),
            (DATE.into(), json!(super::date::iso(today))),
            (CREATED.into(), Value::Array(created)),
            (NOTE.into(), json!(note)),
            (UNDONE.into(), json!(false)),
        ],
    });
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id_number::{make_id_number, Sex};
    use crate::org::OrgCategory;
    use crate::test_support::day;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn orgs() -> Vec<Org> {
        vec![
            Org::new(RecordId::from_random([1; 16]), "坪塘镇党委", Some(OrgCategory::TownshipCommittee), None),
            Org::new(
                RecordId::from_random([2; 16]),
                "山塘村党支部",
                Some(OrgCategory::Branch),
                Some(RecordId::from_random([1; 16])),
            ),
        ]
    }

    fn id(birth: &str, seq: u16, sex: Sex) -> String {
        make_id_number("430121", day(birth), seq, sex)
    }

    #[test]
    fn headers_are_found_below_a_title_and_mapped_by_their_names() {
        let rows = vec![
            row(&["山塘村党支部党员花名册", "", ""]),
            row(&["序号", "姓 名", "身份证号码", "文化程度", "入党时间（必填）", "手机", "备注"]),
        ];
        assert_eq!(find_header_row(&rows), Some(1));
        let mapping = guess_mapping(&rows[1]);
        assert_eq!(
            mapping,
            vec![
                None,
                Some(Target::Item(Item::Name)),
                Some(Target::Item(Item::IdNumber)),
                Some(Target::Item(Item::Education)),
                Some(Target::Item(Item::Joined)),
                Some(Target::Item(Item::Phone)),
                None
            ]
        );
        assert_eq!(find_header_row(&[row(&["a", "b"])]), None);
    }

    #[test]
    fn good_rows_pass_bad_rows_say_why_with_their_row_number() {
        let existing_id = id("1970-01-01", 11, Sex::Male);
        let mut taken = Member::from_record(&crate::record::Record::new(
            RecordId::from_random([9; 16]),
            kind::MEMBER,
            crate::station::StationId::from_random([1; 8]),
        ));
        taken.id_number = existing_id.clone();
        taken.name = "老党员".into();
        let good = id("1980-05-06", 123, Sex::Male);
        let rows = vec![
            row(&[
                "姓名",
                "民族",
                "公民身份号码",
                "学历",
                "人员类别",
                "所在党支部",
                "入党日期",
                "转正日期",
                "是否流动党员",
                "外出流向",
            ]),
            row(&["张三", "汉族", &good, "大学本科", "正式", "山塘村党支部", "2005.7.1", "2006.7.1", "否", ""]),
            row(&["", "", "", "", "", "", "", "", "", ""]),
            row(&[
                "李四",
                "汉族",
                &id("1985-03-12", 124, Sex::Female)[..17],
                "高中",
                "预备党员",
                "山塘村党支部",
                "2026-01-01",
                "",
                "否",
                "",
            ]),
            row(&[
                "王五",
                "汉族",
                &existing_id,
                "高中",
                "正式党员",
                "山塘村党支部",
                "2000-01-01",
                "2001-01-01",
                "否",
                "",
            ]),
            row(&["赵六", "汉族", &good, "高中", "正式党员", "外村党支部", "2000-01-01", "2001-01-01", "也许", ""]),
        ];
        let mapping = guess_mapping(&rows[0]);
        let cx = ImportContext {
            members: std::slice::from_ref(&taken),
            orgs: &orgs(),
            default_org: None,
            today: day("2026-11-24"),
        };
        let plan = plan_import(&rows, 0, &mapping, &cx);
        assert_eq!(plan.rows.len(), 4, "the empty row is skipped");
        let first = &plan.rows[0];
        assert!(first.is_good(), "{:?}", first.errors);
        assert_eq!(first.row, 2);
        assert!(first.fields.contains(&(m::EDUCATION.into(), json!("本科"))));
        assert!(first.fields.contains(&(m::SEX.into(), json!("男"))), "sex from the ID number");
        assert!(first.fields.contains(&(m::BIRTH_DATE.into(), json!("1980-05-06"))));
        assert!(first.fields.contains(&(m::JOINED.into(), json!("2005-07-01"))));
        let bad: Vec<(usize, &[RowProblem])> = plan.bad().map(|r| (r.row, r.errors.as_slice())).collect();
        assert_eq!(bad.len(), 3);
        assert_eq!(bad[0].0, 4);
        assert!(bad[0].1.iter().any(|p| matches!(p, RowProblem::Form(Finding { item: Item::IdNumber, .. }))));
        assert_eq!(bad[1].0, 5);
        assert!(
            matches!(&bad[1].1[0], RowProblem::Form(Finding { problem: Problem::IdNumberTaken { name, .. }, .. }) if name == "老党员")
        );
        assert_eq!(bad[2].0, 6);
        assert!(bad[2].1.contains(&RowProblem::NotYesNo(Target::Flowing, "也许".into())));
        assert!(bad[2].1.contains(&RowProblem::OrgNotFound("外村党支部".into())));
        assert!(bad[2].1.contains(&RowProblem::DuplicateInFile { row: 2 }));
    }

    #[test]
    fn a_branch_roster_without_a_branch_column_goes_to_the_chosen_branch_and_can_be_undone() {
        let rows = vec![
            row(&["姓名", "民族", "身份证号", "学历", "入党日期", "转正日期"]),
            row(&["张三", "汉族", &id("1980-05-06", 123, Sex::Male), "高中", "2005-07-01", "2006-07-01"]),
        ];
        let branch = RecordId::from_random([2; 16]);
        let cx =
            ImportContext { members: &[], orgs: &orgs(), default_org: Some(branch.clone()), today: day("2026-11-24") };
        let plan = plan_import(&rows, 0, &guess_mapping(&rows[0]), &cx);
        assert!(plan.rows[0].is_good(), "{:?}", plan.rows[0].errors);
        assert!(plan.rows[0].fields.contains(&(m::ORG.into(), json!(branch.as_str()))));
        assert!(
            plan.rows[0].fields.contains(&(m::CATEGORY.into(), json!("正式党员"))),
            "a 转正 date makes a full member"
        );
        let mut n = 10u8;
        let edits = import_edits(
            &plan,
            || {
                n += 1;
                RecordId::from_random([n; 16])
            },
            RecordId::from_random([50; 16]),
            "花名册.xlsx",
            day("2026-11-24"),
        );
        assert_eq!(edits.len(), 2);
        let Edit::Create { kind: k, fields, .. } = &edits[1] else { panic!() };
        assert_eq!(k, kind::BATCH);
        assert!(fields.contains(&(CREATED.into(), json!([RecordId::from_random([11; 16]).as_str()]))));
    }
}
