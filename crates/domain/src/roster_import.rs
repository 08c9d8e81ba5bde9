//! Importing a roster from a spreadsheet (花名册导入): finding the header row, mapping columns to
//! the member form's items by their header names, and checking every row with the same rules as
//! the form. Nothing is written until the user confirms; good rows are saved even when others
//! fail; the import is one `batch` record, so it can be undone (`org_ops::plan_undo`).

use super::member::{self as m, Member, CATEGORIES, EDUCATIONS, STATUS_NORMAL};
use super::member_form::{check_member, derived_from_id, Context, Finding, Item, MemberDraft, Problem};
use super::org::Org;
use super::record::{kind, RecordId};
use super::replica::Edit;
use super::sheet_import;
use chrono::NaiveDate;
use serde_json::Value;
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
    /// Several members of the station have the row's identity number: which one to update?
    SeveralWithId(usize),
    /// Warning: the row is a member who left (转出, 出党, 去世…), on `date`: their details are
    /// updated, where they stand is not.
    MemberLeft { left: String, date: Option<NaiveDate> },
    /// Warning: the row names another 所在党支部 for a member who left; theirs is kept.
    OrgKeptForLeft(String),
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
/// identity numbers must not be on an earlier row of the file. A row whose identity number is a
/// member's of the station (current or not) is that member: its non-empty cells over the
/// member's values, checked as the member form checks an edit, and the fields that would change
/// (`sheet_import::Update`).
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
    let org_name = |id: &RecordId| cx.orgs.iter().find(|o| &o.id == id).map(|o| o.name.clone());
    let name_of = |field: &str, value: &str| {
        (field == m::ORG).then(|| RecordId::parse(value).and_then(|id| org_name(&id))).flatten()
    };
    let id_column = mapping.iter().position(|t| *t == Some(Target::Item(Item::IdNumber)));
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = i + 1;
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        // The member of the station with this identity number, if any.
        let typed_id =
            id_column.and_then(|c| row.get(c)).map(|c| sheet_import::id_key(c, cx.today)).unwrap_or_default();
        let same_id: Vec<&Member> = if typed_id.is_empty() {
            Vec::new()
        } else {
            cx.members.iter().filter(|x| x.id_number.eq_ignore_ascii_case(&typed_id)).collect()
        };
        let existing = match same_id.as_slice() {
            [one] => Some(*one),
            [] => None,
            several => {
                errors.push(RowProblem::SeveralWithId(several.len()));
                None
            }
        };
        let mut draft = match existing {
            Some(e) => MemberDraft::from_member(e),
            None => MemberDraft { status: STATUS_NORMAL.into(), ..Default::default() },
        };
        let mut org_text: Option<String> = None;
        for (col, target) in mapping.iter().enumerate() {
            let Some(target) = target else { continue };
            let cell = row.get(col).map(|c| c.trim().to_string()).unwrap_or_default();
            // An empty cell never blanks a value the member has.
            if existing.is_some() && cell.is_empty() {
                continue;
            }
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
            // A member who left stays where they left from (their history says so).
            Some(name) if existing.is_some_and(|e| !e.is_current()) => {
                if existing.and_then(|e| e.org.as_ref()).and_then(org_name).as_deref() != Some(name) {
                    warnings.push(RowProblem::OrgKeptForLeft(name.to_string()));
                }
            }
            Some(name) => match by_name.get(name).map(Vec::as_slice) {
                Some([one]) => draft.org = one.to_string(),
                Some(_) => errors.push(RowProblem::OrgAmbiguous(name.to_string())),
                None => errors.push(RowProblem::OrgNotFound(name.to_string())),
            },
            None if existing.is_some() => {}
            None => draft.org = cx.default_org.as_ref().map(|o| o.to_string()).unwrap_or_default(),
        }
        if let Some(left) = existing.and_then(|e| e.left.clone().map(|l| (l, e.left_date))) {
            warnings.push(RowProblem::MemberLeft { left: left.0, date: left.1 });
        }
        let editing = existing.map(|e| &e.id);
        let checked = check_member(&draft, editing, &form_cx);
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
        // Which record the row is must be settled first: that is all it says.
        if let Some(several @ RowProblem::SeveralWithId(_)) = errors.first().cloned() {
            errors = vec![several];
        }
        let fields: Vec<(String, Value)> = if errors.is_empty() {
            checked.fields.into_iter().filter(|(_, v)| existing.is_some() || !v.is_null()).collect()
        } else {
            Vec::new()
        };
        let update = existing.filter(|_| errors.is_empty()).map(|e| {
            let before = check_member(&MemberDraft::from_member(e), Some(&e.id), &form_cx).fields;
            let place = e.org.as_ref().and_then(org_name).map(|o| format!("（{o}）")).unwrap_or_default();
            sheet_import::Update {
                id: e.id.clone(),
                who: format!("{}{place}", e.name),
                changes: sheet_import::changes(&before, &fields, &name_of),
            }
        });
        out.push(RowResult { row: number, name: draft.name.trim().to_string(), fields, errors, warnings, update });
    }
    ImportPlan { rows: out }
}

/// The edits that save the good rows (`sheet_import::import_edits`): each new row a new member
/// with an id from `new_id`, with `update_existing` the changes to members the station has, and
/// the batch that lets the import be undone.
pub fn import_edits(
    plan: &ImportPlan,
    update_existing: bool,
    new_id: impl FnMut() -> RecordId,
    batch: RecordId,
    note: &str,
    today: NaiveDate,
) -> Vec<Edit> {
    let create = |fields, id| Edit::Create { id, kind: kind::MEMBER.to_string(), fields };
    sheet_import::import_edits(plan, update_existing, create, new_id, batch, note, today)
}

/// The input a stored field is, for naming a change in the preview.
pub fn target_of_field(field: &str) -> Option<Target> {
    let item = match field {
        m::NAME => Item::Name,
        m::SEX => Item::Sex,
        m::ETHNICITY => Item::Ethnicity,
        m::ID_NUMBER => Item::IdNumber,
        m::BIRTH_DATE => Item::BirthDate,
        m::EDUCATION => Item::Education,
        m::CATEGORY => Item::Category,
        m::ORG => Item::Org,
        m::JOINED => Item::Joined,
        m::FULL_MEMBER_DATE => Item::FullMemberDate,
        m::POST => Item::Post,
        m::PHONE => Item::Phone,
        m::ADDRESS => Item::Address,
        m::STATUS => Item::Status,
        m::LOST => return Some(Target::Lost),
        m::LOST_DATE => Item::LostDate,
        m::FLOWING => return Some(Target::Flowing),
        m::FLOWING_TO => Item::FlowingTo,
        _ => return None,
    };
    Some(Target::Item(item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id_number::{make_id_number, Sex};
    use crate::org::OrgCategory;
    use crate::org_ops::{plan_undo, Batch, CREATED};
    use crate::record::kind;
    use crate::replica::Replica;
    use crate::station::StationId;
    use crate::test_support::day;
    use serde_json::json;

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
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].0, 4);
        assert!(bad[0].1.iter().any(|p| matches!(p, RowProblem::Form(Finding { item: Item::IdNumber, .. }))));
        // 王五's number is 老党员's: the row is that member, not a second one.
        let same = &plan.rows[2];
        assert!(same.is_update(), "{:?}", same.errors);
        assert_eq!(same.update.as_ref().map(|u| u.id.clone()), Some(taken.id.clone()));
        assert_eq!(bad[1].0, 6);
        assert!(bad[1].1.contains(&RowProblem::NotYesNo(Target::Flowing, "也许".into())));
        assert!(bad[1].1.contains(&RowProblem::OrgNotFound("外村党支部".into())));
        assert!(bad[1].1.contains(&RowProblem::DuplicateInFile { row: 2 }));
    }

    #[test]
    fn a_row_whose_sex_contradicts_its_id_number_is_refused() {
        let rows = vec![
            row(&["姓名", "性别", "民族", "公民身份号码", "学历", "人员类别", "所在党支部", "入党日期", "转正日期"]),
            row(&[
                "张三",
                "女",
                "汉族",
                &id("1980-05-06", 123, Sex::Male),
                "高中",
                "正式党员",
                "山塘村党支部",
                "2005-07-01",
                "2006-07-01",
            ]),
            row(&[
                "李四",
                "女",
                "汉族",
                &id("1981-05-06", 124, Sex::Female),
                "高中",
                "正式党员",
                "山塘村党支部",
                "2005-07-01",
                "2006-07-01",
            ]),
        ];
        let mapping = guess_mapping(&rows[0]);
        let cx = ImportContext { members: &[], orgs: &orgs(), default_org: None, today: day("2026-11-24") };
        let plan = plan_import(&rows, 0, &mapping, &cx);
        let wrong = &plan.rows[0];
        assert!(!wrong.is_good());
        assert!(wrong.errors.iter().any(|p| matches!(
            p,
            RowProblem::Form(Finding { problem: Problem::SexDiffersFromId { in_id: "男" }, .. })
        )));
        assert!(plan.rows[1].is_good(), "{:?}", plan.rows[1].errors);
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
            true,
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

    /// A station with 山塘村党支部 (2) and members 王建军 (20) and 李桂英 (21, who died).
    fn station_with(members: &[(u8, &str, &str, &str, Option<&str>)]) -> Replica {
        let mut r = Replica::new(StationId::from_random([1; 8]));
        let mut edits: Vec<Edit> = orgs()
            .iter()
            .map(|o| Edit::Create {
                id: o.id.clone(),
                kind: kind::ORG.into(),
                fields: vec![
                    (crate::org::NAME.into(), json!(o.name)),
                    (crate::org::CATEGORY.into(), json!(if o.parent.is_some() { "branch" } else { "township" })),
                ]
                .into_iter()
                .chain(o.parent.iter().map(|p| (crate::org::PARENT.to_string(), json!(p.as_str()))))
                .collect(),
            })
            .collect();
        for (n, name, id_number, phone, left) in members {
            let (birth_date, sex) = derived_from_id(id_number, day("2026-11-24")).unwrap();
            let draft = MemberDraft {
                name: name.to_string(),
                sex: sex.into(),
                birth_date,
                ethnicity: "汉族".into(),
                id_number: id_number.to_string(),
                education: "高中".into(),
                category: m::FULL_MEMBER.into(),
                org: RecordId::from_random([2; 16]).to_string(),
                joined: "2000-07-01".into(),
                full_member_date: "2001-07-01".into(),
                phone: phone.to_string(),
                address: "山塘村3组".into(),
                status: STATUS_NORMAL.into(),
                ..Default::default()
            };
            let closed = |_: &RecordId| false;
            let all = orgs();
            let cx = Context { members: &[], orgs: &all, is_closed: &closed, today: day("2026-11-24") };
            let mut fields: Vec<(String, Value)> =
                check_member(&draft, None, &cx).fields.into_iter().filter(|(_, v)| !v.is_null()).collect();
            if let Some(l) = left {
                fields.push((m::LEFT.into(), json!(l)));
                fields.push((m::LEFT_DATE.into(), json!("2025-03-01")));
            }
            edits.push(Edit::Create { id: RecordId::from_random([*n; 16]), kind: kind::MEMBER.into(), fields });
        }
        let staged = r.stage(edits, 1_000, &[]).unwrap();
        r.absorb(staged, 1_000);
        r
    }

    fn members_of(r: &Replica) -> Vec<Member> {
        r.records().filter(|x| x.kind == kind::MEMBER && !x.is_deleted()).map(Member::from_record).collect()
    }

    #[test]
    fn a_row_with_a_members_id_number_updates_that_member_and_undo_puts_the_old_values_back() {
        let wang = id("1970-01-01", 11, Sex::Male);
        let li = id("1950-02-02", 22, Sex::Female);
        let mut r = station_with(&[(20, "王建军", &wang, "13807310001", None), (21, "李桂英", &li, "", Some("去世"))]);
        let rows = vec![
            row(&["姓名", "民族", "公民身份号码", "学历", "所在党支部", "入党日期", "转正日期", "手机", "家庭住址"]),
            // 王建军: a new phone and address; empty 民族, 学历 and dates keep his.
            row(&["王建军", "", &wang, "", "", "", "", "13907310002", "山塘村5组"]),
            // 李桂英 died: her details may be corrected; she stays where she was.
            row(&["李桂英", "汉族", &li, "高中", "坪塘镇党委", "2000-07-01", "2001-07-01", "13907310003", "山塘村3组"]),
            // A new member.
            row(&[
                "张三",
                "汉族",
                &id("1980-05-06", 123, Sex::Male),
                "高中",
                "山塘村党支部",
                "2005-07-01",
                "2006-07-01",
                "",
                "",
            ]),
        ];
        let orgs = orgs();
        let members = members_of(&r);
        let cx = ImportContext { members: &members, orgs: &orgs, default_org: None, today: day("2026-11-24") };
        let plan = plan_import(&rows, 0, &guess_mapping(&rows[0]), &cx);
        assert!(plan.rows.iter().all(|x| x.is_good()), "{:?}", plan.rows);
        assert_eq!((plan.new_rows().count(), plan.updates().count(), plan.unchanged().count()), (1, 2, 0));
        let wang_row = plan.rows[0].update.as_ref().unwrap();
        assert_eq!(wang_row.who, "王建军（山塘村党支部）");
        let shown: Vec<(Option<Target>, &str, &str)> = wang_row
            .changes
            .iter()
            .map(|c| (target_of_field(&c.field), c.old_text.as_str(), c.new_text.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (Some(Target::Item(Item::Address)), "山塘村3组", "山塘村5组"),
                (Some(Target::Item(Item::Phone)), "13807310001", "13907310002"),
            ],
            "only what differs; empty cells keep his values"
        );
        let li_row = &plan.rows[1];
        assert!(li_row
            .warnings
            .contains(&RowProblem::MemberLeft { left: "去世".into(), date: Some(day("2025-03-01")) }));
        assert!(li_row.warnings.contains(&RowProblem::OrgKeptForLeft("坪塘镇党委".into())));
        let li_changes: Vec<&str> = li_row.update.as_ref().unwrap().changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(li_changes, vec![m::PHONE], "her branch is kept");

        // Updates off: the two rows are skipped, not added again.
        let mut n = 60u8;
        let mut next = || {
            n += 1;
            RecordId::from_random([n; 16])
        };
        let off =
            import_edits(&plan, false, &mut next, RecordId::from_random([90; 16]), "花名册.xlsx", day("2026-11-24"));
        assert_eq!(off.len(), 2, "the new member and the batch");

        let edits =
            import_edits(&plan, true, &mut next, RecordId::from_random([91; 16]), "花名册.xlsx", day("2026-11-24"));
        assert_eq!(edits.len(), 4);
        let staged = r.stage(edits, 2_000, &[]).unwrap();
        r.absorb(staged, 2_000);
        let after = members_of(&r);
        assert_eq!(after.len(), 3, "no second copy");
        let wang_now = after.iter().find(|x| x.name == "王建军").unwrap();
        assert_eq!((wang_now.phone.as_str(), wang_now.address.as_str()), ("13907310002", "山塘村5组"));

        // Unchanged rows: the same sheet again changes nothing.
        let cx = ImportContext { members: &after, orgs: &orgs, default_org: None, today: day("2026-11-24") };
        let again = plan_import(&rows, 0, &guess_mapping(&rows[0]), &cx);
        assert_eq!((again.new_rows().count(), again.updates().count(), again.unchanged().count()), (0, 0, 3));

        // The clerk edits 王建军's address after the import; undo puts back his phone and leaves
        // the address as the clerk wrote it.
        let wang_id = RecordId::from_random([20; 16]);
        let edit = Edit::Update { id: wang_id.clone(), fields: vec![(m::ADDRESS.into(), json!("山塘村6组"))] };
        let staged = r.stage(vec![edit], 3_000, &[]).unwrap();
        r.absorb(staged, 3_000);
        let batch = Batch::from_record(r.get(&RecordId::from_random([91; 16])).unwrap());
        assert_eq!(batch.updated.len(), 3);
        let undo = plan_undo(&batch, |id| r.get(id), day("2026-11-24")).unwrap();
        let staged = r.stage(undo, 4_000, &[]).unwrap();
        r.absorb(staged, 4_000);
        let back = members_of(&r);
        assert_eq!(back.len(), 2, "the new member is deleted");
        let wang_back = back.iter().find(|x| x.name == "王建军").unwrap();
        assert_eq!((wang_back.phone.as_str(), wang_back.address.as_str()), ("13807310001", "山塘村6组"));
        assert_eq!(back.iter().find(|x| x.name == "李桂英").unwrap().phone, "");
    }

    #[test]
    fn a_number_two_members_share_is_refused_and_a_lowercase_x_finds_its_member() {
        let twice = id("1970-01-01", 11, Sex::Male);
        let r = station_with(&[(20, "王建军", &twice, "", None), (21, "王建君", &twice, "", None)]);
        let x_id = (1..200u16).map(|n| id("1966-06-06", n, Sex::Female)).find(|i| i.ends_with('X')).unwrap();
        let r2 = station_with(&[(22, "刘秀英", &x_id, "", None)]);
        let rows =
            vec![row(&["姓名", "公民身份号码"]), row(&["王建军", &twice]), row(&["刘秀英", &x_id.to_lowercase()])];
        let orgs = orgs();
        let mut members = members_of(&r);
        members.extend(members_of(&r2));
        let cx = ImportContext { members: &members, orgs: &orgs, default_org: None, today: day("2026-11-24") };
        let plan = plan_import(&rows, 0, &guess_mapping(&rows[0]), &cx);
        assert_eq!(plan.rows[0].errors, vec![RowProblem::SeveralWithId(2)]);
        assert!(plan.rows[1].is_unchanged(), "{:?}", plan.rows[1]);
    }
}
