//! The strings every section shares (the frame, the status line, buttons, dates, errors the
//! store and the domain give), with the wording of domain errors and facts. Each section's own
//! strings are beside it (`ui/<section>/text.rs`). A second locale follows by adding a second
//! value of each catalogue. zh-CN first; field labels use the standard Chinese field names, by
//! which people and tests find the inputs.

use crate::domain::cadre::{Body, CadreError, EndError, LiaisonError, ReserveError, ReviewError};
use crate::domain::date::{DateError, DateInputError};
use crate::domain::development::{
    AdmissionError, CandidateError, DueKind, ExtensionError, Finding, FullMembershipError, StepError, StopError,
};
use crate::domain::id_number::IdNumberError;
use crate::domain::member_event::EventError;
use crate::domain::member_form::{Item, Problem};
use crate::domain::org::{OrgCategory, OrgError};
use crate::domain::org_ops::OpError;
use crate::domain::person::PersonError;
use crate::domain::roster::{AgeBand, StatusFilter};
use crate::domain::roster_import::Target;
use crate::domain::station::{StationLevel, StationNameError};
use crate::domain::training::{AttendanceError, TrainingError};
use crate::exchange::backup::Reminder;
use crate::store::StoreError;
use crate::ui::development::text::dt;
use sheets::{SheetError, WarningKind};

pub struct Texts {
    pub tree_unfold: &'static str,
    pub tree_fold: &'static str,
    pub tree_unfold_all: &'static str,
    pub tree_fold_all: &'static str,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_orgs: &'static str,
    pub nav_diary: &'static str,
    pub nav_scoring: &'static str,
    pub nav_exchange: &'static str,
    pub nav_settings: &'static str,
    pub large_text_on: &'static str,
    pub large_text_off: &'static str,
    pub opening: &'static str,
    pub opening_blocked: &'static str,
    pub open_failed_title: &'static str,
    pub retry: &'static str,

    pub first_run_title: &'static str,
    pub first_run_intro: &'static str,
    pub station_name: &'static str,
    pub station_name_hint: &'static str,
    pub station_level: &'static str,
    pub level_township: &'static str,
    pub level_village: &'static str,
    pub start_using: &'static str,
    pub start_how: &'static str,
    pub start_fresh: &'static str,
    pub start_from_file: &'static str,
    pub start_restore: &'static str,
    pub station_level_missing: &'static str,

    pub status_station: &'static str,
    pub status_persisted: &'static str,
    pub status_not_persisted: &'static str,
    pub status_saving: &'static str,
    pub status_saved: &'static str,
    pub status_damaged: &'static str,
    pub clock_behind: &'static str,
    pub clock_before_build: &'static str,
    pub clock_wrong_title: &'static str,
    pub lost_title: &'static str,
    pub lost_why_before: &'static str,
    pub lost_why_after: &'static str,
    pub lost_last_file: &'static str,
    pub lost_restore: &'static str,
    pub lost_fresh: &'static str,
    pub clock_wrong_today: &'static str,
    pub clock_wrong_built: &'static str,
    pub clock_wrong_why: &'static str,
    pub clock_wrong_mend: &'static str,
    pub clock_check_again: &'static str,
    pub clock_go_on: &'static str,
    pub choose: &'static str,
    pub save: &'static str,
    pub saving: &'static str,

    pub status_backup_due: &'static str,
    pub unknown: &'static str,
    pub nav_members: &'static str,
    pub show_closed: &'static str,
    pub row_more: &'static str,
    pub cancel: &'static str,
    pub batches_title: &'static str,
    pub filters_clear: &'static str,
    pub sort_by: &'static str,
    pub trail_created: &'static str,
    pub trail_deleted: &'static str,
    pub trail_restored: &'static str,
    pub trail_by: &'static str,
    /// Before the start of a station's id, when no file has named it.
    pub unknown_station: &'static str,
    /// The file chooser's button and what it shows before a file is chosen (`kit::file_picker`).
    pub choose_file: &'static str,
    /// After a save that empties its form for the next entry.
    pub form_cleared: &'static str,
    pub no_file_chosen: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub date_hint: &'static str,
    pub export_xlsx: &'static str,
    pub export_csv: &'static str,
    pub export_failed: &'static str,
    pub nav_stats: &'static str,
    pub print: &'static str,

    // 发展党员, 干部与培训
    pub nav_development: &'static str,
    pub nav_cadres: &'static str,
    pub kinds_loading: &'static str,
    pub section_opening: &'static str,
    pub section_not_loaded: &'static str,
    pub to: &'static str,
}

pub const ZH_CN: Texts = Texts {
    tree_unfold: "展开",
    tree_fold: "收起",
    tree_unfold_all: "全部展开",
    tree_fold_all: "全部收起",
    app_name: "基层党建工作台",
    skip_to_content: "跳到正文",
    nav_label: "主菜单",
    nav_orgs: "党组织",
    nav_diary: "民情日记",
    nav_scoring: "考核评分",
    nav_exchange: "数据交换",
    nav_settings: "设置",
    large_text_on: "大字模式",
    large_text_off: "标准字号",
    opening: "正在打开本机数据……",
    opening_blocked: "正在等待其他窗口：另一个窗口里还开着旧版本的工作台，它占用着本机数据，本页要等它关闭才能打开。请关闭或刷新其他打开着本工作台的窗口。",
    open_failed_title: "无法打开本机数据",
    retry: "重试",

    first_run_title: "首次使用：设置本站点",
    first_run_intro:
        "本工作台的数据保存在这台电脑的浏览器里。请先填写本站点的名称和级别，导出文件和页面标题会用到它们。",
    station_name: "站点名称",
    station_name_hint: "例如：坪塘镇党委组织办、山塘村远程教育站点",
    station_level: "站点级别",
    level_township: "乡镇",
    level_village: "村",
    start_using: "开始使用",
    start_how: "怎样开始",
    start_fresh: "从头录入本站点的党组织和党员",
    start_from_file: "先导入乡镇（或别的站点）发来的数据文件（推荐：已有文件时不要重新录入，以免出现重复记录）",
    start_restore: "从备份文件恢复：本站点以前用过本工作台（换了电脑、浏览器，或U盘换了盘符后，以前的数据不在这里）",
    station_level_missing: "请选择站点级别：乡镇或村。",

    status_station: "站点",
    status_persisted: "数据已设为持久保存",
    status_not_persisted: "数据未设为持久保存，请在“设置”中查看",
    status_saving: "正在保存……",
    status_saved: "已保存",
    status_damaged: "有记录无法读取，详见“设置”",
    clock_behind: "本机时间比已保存数据的时间还早，请检查电脑的日期和时间",
    clock_before_build: "电脑的日期早于本程序的发布日期，请改正电脑的日期和时间",
    clock_wrong_title: "电脑的日期不对",
    lost_title: "找不到本站点以前的数据",
    lost_why_before: "这个浏览器记得本站点“",
    lost_why_after: "”，但它保存的数据已经不在了：可能被清理软件、重装浏览器或浏览器自己清除了。请用最近一次导出或备份的文件恢复，再接着工作；不要重新录入，以免出现重复记录。",
    lost_last_file: "最近一次导出的文件：",
    lost_restore: "从备份文件恢复",
    lost_fresh: "从空白开始（以前的数据不要了）",
    clock_wrong_today: "这台电脑的日期是 ",
    clock_wrong_built: "，早于本程序的发布日期 ",
    clock_wrong_why: "。日期不对，记录的修改时间就会出错：导出给其他站点后，新改的内容可能被当成旧的。",
    clock_wrong_mend: "请先改正电脑的日期和时间（Windows：右键单击屏幕右下角的时钟，选“调整日期/时间”），再点“重新检查”。",
    clock_check_again: "重新检查",
    clock_go_on: "仍然继续（不建议）",
    choose: "请选择",
    save: "保存",
    saving: "正在保存……",

    status_backup_due: "请备份数据",
    unknown: "未知",
    nav_members: "党员",
    show_closed: "显示已撤销、已撤并的组织",
    row_more: "更多",
    cancel: "取消",
    batches_title: "撤并、拆分与导入记录",
    filters_clear: "清除条件",
    sort_by: "按此列排序",
    trail_created: "建立",
    trail_deleted: "删除",
    trail_restored: "恢复",
    trail_by: "修改站点",
    unknown_station: "其他站点 ",
    choose_file: "选择文件…",
    form_cleared: "表单已清空，可以登记下一条。",
    no_file_chosen: "未选择文件（也可以把文件拖到这里）",
    yes: "是",
    no: "否",
    date_hint: "如 1985-03-12",
    export_xlsx: "导出 Excel",
    export_csv: "导出 CSV",
    export_failed: "导出失败：",
    nav_stats: "统计",
    print: "打印",

    nav_development: "发展党员",
    nav_cadres: "干部与培训",
    kinds_loading: "正在读取本栏目的数据……",
    section_opening: "正在打开本栏目……",
    section_not_loaded: "本栏目没能打开：这台电脑还没有保存它的程序（打开过本工作台后第一次使用它时需要联网）。请连上网络后点“重试”；已保存的数据不受影响。",
    to: "至",
};

pub fn t() -> &'static Texts {
    &ZH_CN
}

pub fn level_name(level: StationLevel) -> &'static str {
    match level {
        StationLevel::Township => t().level_township,
        StationLevel::Village => t().level_village,
    }
}

pub fn org_category_name(c: OrgCategory) -> &'static str {
    match c {
        OrgCategory::TownshipCommittee => "乡镇党委",
        OrgCategory::GeneralBranch => "党总支",
        OrgCategory::Branch => "党支部",
        OrgCategory::VillageGroupBranch => "村民小组党支部",
        OrgCategory::EnterpriseBranch => "企事业单位支部",
        OrgCategory::Group => "党小组",
    }
}

pub fn station_name_error(e: StationNameError) -> &'static str {
    match e {
        StationNameError::Empty => "请填写站点名称。",
        StationNameError::TooLong => "站点名称太长，请不超过 40 个字。",
    }
}

pub fn org_error(e: &OrgError) -> &'static str {
    match e {
        OrgError::NameEmpty => "请填写组织名称。",
        OrgError::NameTooLong => "组织名称太长，请不超过 50 个字。",
        OrgError::CategoryMissing => "请选择组织类别。",
        OrgError::ParentMissing => "所选的上级组织已不存在，请重新选择。",
        OrgError::WrongNesting => "这个组织类别不能设在所选的上级组织之下（例如党小组应设在党支部之下）。",
        OrgError::DuplicateName => "同一上级组织下已有同名的组织。",
        OrgError::FoundedInvalid => "建立日期格式不对，请按 2026-11-23 的格式填写。",
        OrgError::FoundedInFuture => "日期不能晚于今天。",
        OrgError::PhoneInvalid => "联系电话格式不对：手机号为 11 位，固定电话请带区号（如 0731-88886666）。",
        OrgError::ParentInOwnSubtree => "不能把组织移到它自己或它的下级组织之下。",
        OrgError::ChildrenWouldNotFit => "改动后，它的下级组织的类别将不再符合上下级关系，请先调整下级组织。",
        OrgError::ParentClosed => "所选的上级组织已撤销，不能再在其下设立组织。",
        OrgError::AlreadyClosed => "该组织已经撤销。",
        OrgError::StillHasMembers(_) => "该组织还有党员，不能直接撤销。请先把党员转到其他组织，或使用“撤并”。",
        OrgError::StillHasChildren(_) => "该组织还有下级组织，不能直接撤销。请先撤销或移走下级组织。",
        OrgError::ClosedBeforeFounded => "撤销日期不能早于建立日期。",
    }
}

/// A store failure in words a village secretary can act on. Every one says that what was already
/// stored is safe, because it is: a failed write writes nothing.
/// Another tab gave this station a new id; this page still holds the old one.
pub const NEWER_VERSION_ELSEWHERE: &str =
    "另一个窗口打开了新版本的工作台，本页是旧版本，已暂停保存：请按 F5 刷新本页（会换成新版本）后再继续，尚未保存的输入请先记下。";

pub const STATION_ID_RENEWED_ELSEWHERE: &str =
    "本站点的站点标识刚在另一个窗口中更换了。为免用旧标识保存，本页暂停保存：请按 F5 刷新本页后再继续（尚未保存的输入请先记下）。";

pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::QuotaExceeded => "保存失败：电脑磁盘或浏览器存储空间已满。刚才的修改没有保存；已有的数据都在本页中，请先不要关闭本页，清理磁盘空间后再点“保存”。".into(),
        StoreError::Unavailable(_) => "这个浏览器窗口不允许保存数据（可能是无痕/隐私模式，或浏览器关闭了网站数据）。请用普通窗口打开本页。".into(),
        StoreError::NewerSchema { .. } => "本页是旧版本的工作台，本机数据已被新版本使用过，旧版本不能读写：请按 F5 刷新本页；如果用的是U盘版，请换用最新的U盘版文件。刚才的修改没有保存。".into(),
        StoreError::UnknownRecord(id) => format!("无法保存：记录 {id} 在本机不存在（可能已被另一个标签页删除）。请刷新页面后再试。已有的数据完好无损。"),
        StoreError::RecordExists(id) => format!("无法保存：记录 {id} 已经存在。请刷新页面后再试。已有的数据完好无损。"),
        StoreError::Stale => "另一个窗口刚刚整理或撤销了本站点的数据，本页已按最新数据重新读取，刚才的修改没有保存。请核对后再点一次“保存”。".into(),
        // Most often a nearly full disk on an old PC, which the browser does not always name.
        StoreError::Failed(detail) => format!("保存失败，刚才的修改没有保存；已有的数据都在本页中，请先不要关闭本页。可能是电脑磁盘空间不足：请清理磁盘空间后再点“保存”；如仍失败，请导出备份并联系技术人员。（技术信息：{detail}）"),
    }
}

pub fn op_error(e: &OpError) -> String {
    match e {
        OpError::Org(e) => org_error(e).to_string(),
        OpError::SameOrganization => "不能把组织并入它自己，请选择另一个组织。".into(),
        OpError::UnknownOrganization => "所选的组织已不存在，请刷新后重新选择。".into(),
        OpError::Closed => "所选的组织已撤销。".into(),
        OpError::CannotMerge => "只有党总支、党支部等基层组织可以撤并，乡镇党委不能撤并。".into(),
        OpError::IntoOwnSubtree => "不能并入它自己的下级组织。".into(),
        OpError::NoMembersChosen => "请勾选要转入新组织的党员。".into(),
        OpError::AllMembersChosen => "不能把全部党员都转走；如需改名，请用“修改”。".into(),
        OpError::MemberNotInOrganization => "所选党员已不在该组织，请刷新后重新勾选。".into(),
        OpError::AlreadyUndone => "该操作已经撤销过了。".into(),
        OpError::DateInFuture => "日期不能晚于今天。".into(),
        OpError::CannotReopen => "被撤并的组织此后又有改动（已再次撤销或删除），无法自动撤销。请手动调整。".into(),
    }
}

pub fn id_number_error(e: &IdNumberError) -> String {
    match e {
        IdNumberError::Empty => "请填写公民身份号码。".into(),
        IdNumberError::OldFifteenDigit => {
            "这是 1999 年以前的 15 位旧号码。请填写本人现在使用的 18 位公民身份号码。".into()
        }
        IdNumberError::WrongLength(n) => format!("公民身份号码应为 18 位，现在是 {n} 位。"),
        IdNumberError::BadCharacter => "公民身份号码只能是数字，最后一位可以是 X。".into(),
        IdNumberError::ImpossibleBirthDate => "号码中的出生日期（第 7-14 位）不是有效日期，请核对。".into(),
        IdNumberError::BirthDateInFuture => "号码中的出生日期晚于今天，请核对。".into(),
        IdNumberError::WrongCheckDigit { .. } => {
            "公民身份号码校验位不对，可能有一位数字输错了，请对照身份证核对。".into()
        }
    }
}

pub fn date_input_error(e: DateInputError) -> &'static str {
    match e {
        DateInputError::Invalid => "日期不对，请按 1985-03-12 的格式填写。",
        DateInputError::DayMissing => "请写到具体哪一天，如 1985-03-12。",
    }
}

/// The label of each item of the member form, exactly as the national form names it.
pub fn member_item_label(item: Item) -> &'static str {
    match item {
        Item::Name => "姓名",
        Item::Sex => "性别",
        Item::Ethnicity => "民族",
        Item::IdNumber => "公民身份号码",
        Item::BirthDate => "出生日期",
        Item::Education => "学历",
        Item::Category => "人员类别",
        Item::Org => "所在党支部",
        Item::Joined => "加入党组织日期",
        Item::FullMemberDate => "转为正式党员日期",
        Item::Post => "工作岗位",
        Item::Phone => "联系电话",
        Item::Address => "家庭住址",
        Item::Status => "党籍状态",
        Item::LostDate => "失联日期",
        Item::FlowingTo => "外出流向",
    }
}

pub fn member_problem(p: &Problem) -> String {
    match p {
        Problem::Required => "必填。".into(),
        Problem::TooLong(n) => format!("太长，请不超过 {n} 个字。"),
        Problem::NotInList => "请从列表中选择。".into(),
        Problem::Date(e) => date_input_error(*e).into(),
        Problem::DateInFuture => "日期不能晚于今天。".into(),
        Problem::DateBeforeBirth => "日期早于出生日期，请核对。".into(),
        Problem::IdNumber(e) => id_number_error(e),
        Problem::IdNumberTaken { name, .. } => {
            format!("本站点已有党员“{name}”使用这个公民身份号码，同一号码不能登记两次。")
        }
        Problem::BirthDateDiffersFromId { in_id } => {
            format!(
                "与公民身份号码中的出生日期（{}）不一致。如以档案为准，可仍然保存。",
                crate::domain::date::iso(*in_id)
            )
        }
        Problem::SexDiffersFromId { in_id } => {
            format!("公民身份号码显示性别为“{in_id}”，与所填的性别不一致。请改正性别，或核对公民身份号码。")
        }
        Problem::JoinedUnder18 { age } => format!("入党时只有 {age} 岁（不满 18 周岁），请核对出生日期和入党日期。"),
        Problem::FullMemberDateMissing => "正式党员请填写转为正式党员日期。".into(),
        Problem::FullMemberDateForProbationary => "预备党员还没有转正日期；如已转正，请把人员类别改为正式党员。".into(),
        Problem::FullMemberBeforeJoined => "转正日期不能早于加入党组织日期。".into(),
        Problem::ProbationUnderAYear => "预备期一般为一年，转正日期距入党不足一年，请核对。".into(),
        Problem::OrgCannotHoldMembers => {
            "党员应编入党支部（或党总支、企事业单位支部），不能直接编入党委或党小组。".into()
        }
        Problem::OrgUnknown => "所选组织已不存在，请重新选择。".into(),
        Problem::OrgClosed => "所选组织已撤销，请选择其他组织。".into(),
        Problem::Phone => "电话号码格式不对：手机号为 11 位，固定电话请带区号（如 0731-88886666）。".into(),
    }
}

pub fn event_error(e: &EventError) -> &'static str {
    match e {
        EventError::TypeMissing => "请选择事项。",
        EventError::DateMissing => "请填写日期。",
        EventError::DateInvalid => "日期不对，请按 2026-03-12 的格式填写。",
        EventError::DateInFuture => "日期不能晚于今天。",
        EventError::DateBeforeBirth => "日期早于该党员的出生日期，请核对。",
        EventError::DetailMissing => "请填写说明：处分请选择处分种类，转出和流动请写明去向。",
        EventError::AlreadyLeft => "该党员已不在册（已转出、出党或去世），只能登记“转入”。",
    }
}

pub fn age_band_label(band: AgeBand) -> &'static str {
    match band {
        AgeBand::UpTo35 => "35岁及以下",
        AgeBand::From36To45 => "36-45岁",
        AgeBand::From46To55 => "46-55岁",
        AgeBand::From56To60 => "56-60岁",
        AgeBand::From61 => "61岁及以上",
    }
}

pub fn status_filter_label(f: StatusFilter) -> &'static str {
    match f {
        StatusFilter::Current => "在册党员",
        StatusFilter::Left => "已不在册（转出、出党、去世）",
        StatusFilter::Lost => "失联党员",
        StatusFilter::Flowing => "流动党员",
        StatusFilter::Stopped => "停止党籍",
        StatusFilter::All => "全部（含不在册）",
    }
}

/// A spreadsheet import's target: an item of the member form, or one of its yes/no questions.
pub fn import_target_label(target: Target) -> &'static str {
    match target {
        Target::Item(item) => member_item_label(item),
        Target::Lost => "是否失联",
        Target::Flowing => "是否流动党员",
    }
}

/// Why a spreadsheet could not be read, and what to do about it.
pub fn sheet_error(e: &SheetError) -> String {
    match e {
        SheetError::Empty => "文件是空的（0 字节），里面没有表格。请确认选对了文件。".into(),
        SheetError::NotSpreadsheet => "文件不是 Excel 或 CSV 表格。请选择 .xlsx、.xls 或 .csv 文件。".into(),
        SheetError::WebPageAsXls => "这个文件名为 .xls，实际上是网页格式（从其他系统导出的表格常常如此）。请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）后再导入。".into(),
        SheetError::Encrypted => "表格有密码保护，请在 Excel 中取消密码后另存，再导入。".into(),
        SheetError::Corrupt(detail) => format!("文件已损坏，无法读取。可以试试用 Excel 或 WPS 打开后另存一份，再导入。（技术信息：{detail}）"),
        SheetError::NoData => "表格里没有任何内容。".into(),
    }
}

/// What is wrong with one cell of an imported spreadsheet.
pub fn sheet_warning(kind: WarningKind) -> &'static str {
    match kind {
        WarningKind::DigitsLost => "这一格是超过 15 位的数字，Excel 只保留前 15 位，后几位已经丢失，无法恢复（常见于身份证号被存成了数字）。请对照原始材料改正。",
    }
}

/// A save found the database deleted by the browser (a full disk) and wrote it anew from the page.
/// The status line's count: what the station holds of the roster (diaries are counted in their
/// section; "records" alone read as everything).
pub fn status_counts(orgs: usize, members: usize) -> String {
    format!("{orgs} 个组织，{members} 名党员")
}

pub fn database_rebuilt(lost_unread_chunks: usize) -> String {
    let lost = if lost_unread_chunks == 0 {
        String::new()
    } else {
        format!("本窗口没有打开过的部分数据（{lost_unread_chunks} 组，如民情日记）已无法恢复。")
    };
    format!("已保存。注意：浏览器在磁盘空间不足时清除了本机数据库，已用本窗口中的数据重新写入。{lost}请尽快清理磁盘，并在“数据交换”中导出一份备份。")
}

/// The spreadsheet part of the app could not be loaded (offline, and never loaded before).
pub fn sheets_unavailable() -> String {
    "表格功能未能加载：可能是网络已断开，而本机还没有保存这部分程序。请连上网络后再试；如一直失败，请刷新页面。".into()
}

pub fn sheets_failed(detail: &str) -> String {
    format!("处理表格时出错，文件可能太大或已损坏。请再试一次；如仍失败，请联系技术人员。（技术信息：{detail}）")
}

// 发展党员, 干部与培训: sentences with numbers and dates in them, and the wording of their errors.

impl Texts {
    /// The first line of an audit entry that took in a record set aside for its clock.
    pub fn trail_accepted(&self, station: &str, stamp: &str) -> String {
        format!("接受了来自“{station}”的暂缓记录（记录上的时间为 {stamp}，比当时本机时间超前），按接受时的时间记录：")
    }
}

pub fn date_error(e: DateError) -> &'static str {
    match e {
        DateError::Invalid => "日期不对，请按 2026-03-12 的格式填写。",
        DateError::InFuture => "日期不能晚于今天。",
    }
}

pub fn person_error(e: &PersonError) -> String {
    match e {
        PersonError::NameEmpty => "请填写姓名。".into(),
        PersonError::NameTooLong => "姓名太长，请不超过 30 个字。".into(),
        PersonError::IdNumber(e) => id_number_error(e),
        PersonError::SexMissing => "请选择性别（填写公民身份号码可自动带出）。".into(),
        PersonError::SexUnknown => "性别只能是男或女。".into(),
        PersonError::SexDiffersFromIdNumber => "所选性别与公民身份号码不一致。".into(),
        PersonError::BirthDateMissing => "请填写出生日期（填写公民身份号码可自动带出）。".into(),
        PersonError::BirthDate(e) => date_error(*e).into(),
        PersonError::BirthDateDiffersFromIdNumber => "出生日期与公民身份号码中的出生日期不一致。".into(),
        PersonError::EducationUnknown => "请从列表中选择学历。".into(),
        PersonError::EthnicityTooLong => "民族太长，请不超过 20 个字。".into(),
        PersonError::PhoneInvalid => "电话号码格式不对：只能填写数字、空格、“-”和“+”，不超过 20 位。".into(),
        PersonError::AddressTooLong => "家庭住址太长，请不超过 100 个字。".into(),
    }
}

pub fn candidate_error(e: &CandidateError) -> String {
    match e {
        CandidateError::Person(p) => person_error(p),
        CandidateError::OrgMissing => "请选择所在党支部。".into(),
        CandidateError::OrgUnknown => "所选党支部已不存在，请重新选择。".into(),
        CandidateError::OrgNotBranch => {
            "入党申请人应编入党支部（或党总支、村民小组党支部、企事业单位支部），不能是乡镇党委或党小组。".into()
        }
        CandidateError::JobTooLong => "工作岗位太长，请不超过 50 个字。".into(),
        CandidateError::AppliedDate(e) => date_error(*e).into(),
        CandidateError::AlreadyCandidate(_) => {
            "已有一名正在发展中的入党申请人使用这个公民身份号码，同一人不能登记两次。".into()
        }
        CandidateError::AlreadyMember(_) => "党员花名册中已有人使用这个公民身份号码：此人已是党员。".into(),
    }
}

const STOPPED: &str = "该同志的发展已终止，请先“恢复发展”再登记。";

pub fn step_error(e: &StepError) -> String {
    match e {
        StepError::Date(e) => date_error(*e).into(),
        StepError::NoteTooLong => "备注太长，请不超过 200 个字。".into(),
        StepError::LengthOnlyForTraining => "只有“开展集中培训”一步需要填写培训时长。".into(),
        StepError::TrainingDaysInvalid => "培训天数应为 1 到 366 的整数。".into(),
        StepError::TrainingHoursInvalid => "培训学时应为大于 0 的数字（如 24 或 24.5）。".into(),
        StepError::Stopped => STOPPED.into(),
        StepError::Admission(a) => match a {
            AdmissionError::Stopped => STOPPED.into(),
            AdmissionError::MeetingMissing => {
                "批准后将编入党员花名册，入党日期为支部大会通过之日：请先登记第 15 步“支部大会讨论”的日期。".into()
            }
            AdmissionError::ApprovalMissing => "请填写上级党委审批的日期。".into(),
            AdmissionError::AlreadyAdmitted(_) => "该同志已编入党员花名册。".into(),
            AdmissionError::NameMissing => "请先在“修改信息”中填写姓名。".into(),
            AdmissionError::OrgMissing => "请先在“修改信息”中选择所在党支部。".into(),
            AdmissionError::IdNumberMissing => "编入党员花名册需要公民身份号码，请先在“修改信息”中填写。".into(),
            AdmissionError::IdNumber(e) => format!("公民身份号码有误，请先在“修改信息”中改正：{}", id_number_error(e)),
            AdmissionError::BelongsToMember(_) => {
                "党员花名册中已有使用同一公民身份号码的党员。如果就是此人，请点“关联到该党员”，再保存本步。".into()
            }
        },
        StepError::FullMembership(f) => match f {
            FullMembershipError::NotAdmitted => {
                "该同志尚未编入党员花名册，请先登记第 17 步“上级党委审批”（接收为预备党员）。".into()
            }
            FullMembershipError::ProbationUnknown => {
                "缺少第 15 步“支部大会讨论”的日期，无法计算预备期满的日期。".into()
            }
            FullMembershipError::MeetingMissing => "请先登记第 23 步“支部大会讨论”（讨论转正）的日期。".into(),
            FullMembershipError::ApprovalMissing => "请填写上级党委审批的日期。".into(),
        },
    }
}

pub fn extension_error(e: &ExtensionError) -> &'static str {
    match e {
        ExtensionError::Stopped => "该同志的发展已终止。",
        ExtensionError::NotProbationary => "只有预备党员才能延长预备期。",
        ExtensionError::AlreadyFullMember => "该同志已转为正式党员。",
        ExtensionError::AlreadyExtended => "预备期只能延长一次。",
        ExtensionError::DateMissing => "请填写支部大会作出延长决定的日期。",
        ExtensionError::Date(e) => date_error(*e),
        ExtensionError::DateBeforeProbation => "延长决定的日期不能早于支部大会接收其为预备党员的日期。",
        ExtensionError::MonthsInvalid => "请选择延长时间。",
        ExtensionError::MonthsOutOfRange => "延长预备期应为 6 至 12 个月。",
    }
}

pub fn stop_error(e: &StopError) -> &'static str {
    match e {
        StopError::AlreadyStopped => "该同志的发展已终止。",
        StopError::AlreadyFullMember => "该同志已转为正式党员，不能终止发展。",
        StopError::ReasonMissing => "请选择终止原因。",
        StopError::DateMissing => "请填写终止日期。",
        StopError::Date(e) => date_error(*e),
        StopError::NotProbationary => "“取消预备党员资格”只适用于预备党员。",
    }
}

pub fn due_kind_label(k: DueKind) -> &'static str {
    match k {
        DueKind::Talk => "派人谈话（申请后一个月内）",
        DueKind::ActivistYearComplete => "入党积极分子培养满一年，可确定为发展对象",
        DueKind::Approval => "上级党委审批（支部大会后三个月内）",
        DueKind::ProbationEnds => "预备期满，讨论转正",
        DueKind::FullMembershipApproval => "上级党委审批转正（三个月内）",
    }
}

/// A finding in a few characters, for the list of candidates.
pub fn finding_short(f: &Finding) -> &'static str {
    match f {
        Finding::TalkOverdue { .. } => "谈话逾期",
        Finding::TalkLate { .. } => "谈话超期",
        Finding::TooYoung { .. } => "申请时未满18岁",
        Finding::ActivistYearShort { .. } => "培养不满一年",
        Finding::TrainingTooShort { .. } => "集中培训不足",
        Finding::ApprovalOverdue { .. } => "审批逾期",
        Finding::ApprovalLate { .. } => "审批超期",
        Finding::ApprovalBeyondLimit { .. } => "审批超过6个月",
        Finding::ExtensionOutOfRange { .. } => "延长期限不符",
        Finding::FullMembershipApplicationOverdue { .. } => "转正申请逾期",
        Finding::FullMembershipMeetingEarly { .. } => "提前讨论转正",
        Finding::FullMembershipApprovalOverdue { .. } => "转正审批逾期",
        Finding::FullMembershipApprovalLate { .. } => "转正审批超期",
        Finding::OutOfOrder { .. } => "步骤日期颠倒",
        Finding::StepsMissing { .. } => "步骤缺记录",
    }
}

/// A finding explained, with its dates, as it shows under the step it concerns.
pub fn development_finding(f: &Finding) -> String {
    use crate::domain::date::iso;
    match f {
        Finding::TalkOverdue { applied, due } => {
            format!("递交申请书（{}）后一个月内应派人谈话，期限 {} 已过，尚未登记谈话。", iso(*applied), iso(*due))
        }
        Finding::TalkLate { due, talked, .. } => {
            format!("谈话（{}）晚于申请后一个月的期限（{}）。", iso(*talked), iso(*due))
        }
        Finding::TooYoung { applied, adult_on, .. } => format!(
            "递交申请书时（{}）未满 18 周岁（{} 满 18 周岁），不符合申请入党的年龄条件。",
            iso(*applied),
            iso(*adult_on)
        ),
        Finding::ActivistYearShort { activist, target, earliest } => format!(
            "入党积极分子应培养教育考察一年以上：{} 确定为积极分子，最早 {} 才能确定为发展对象，实际为 {}。",
            iso(*activist),
            iso(*earliest),
            iso(*target)
        ),
        Finding::TrainingTooShort { days, hours } => {
            format!("集中培训应不少于 3 天或 24 学时，登记的是：{}。", dt().dev_training_length(*days, *hours))
        }
        Finding::ApprovalOverdue { meeting, due } => {
            format!("支部大会（{}）后上级党委应在 3 个月内审批，期限 {} 已过。", iso(*meeting), iso(*due))
        }
        Finding::ApprovalLate { due, approved, .. } => {
            format!("审批（{}）超过了支部大会后 3 个月的期限（{}）。", iso(*approved), iso(*due))
        }
        Finding::ApprovalBeyondLimit { meeting, limit, approved: Some(a) } => format!(
            "审批（{}）距支部大会（{}）已超过 6 个月（{}），按规定应重新履行接收手续。",
            iso(*a),
            iso(*meeting),
            iso(*limit)
        ),
        Finding::ApprovalBeyondLimit { meeting, limit, approved: None } => {
            format!("支部大会（{}）后 6 个月（{}）仍未审批，按规定应重新提交支部大会讨论。", iso(*meeting), iso(*limit))
        }
        Finding::ExtensionOutOfRange { months } => format!("延长预备期登记为 {months} 个月，应为 6 至 12 个月。"),
        Finding::FullMembershipApplicationOverdue { probation_end } => {
            format!("预备期已于 {} 期满，尚未登记转正申请。", iso(*probation_end))
        }
        Finding::FullMembershipMeetingEarly { meeting, probation_end } => format!(
            "支部大会讨论转正（{}）早于预备期满（{}），应在预备期满后讨论。",
            iso(*meeting),
            iso(*probation_end)
        ),
        Finding::FullMembershipApprovalOverdue { meeting, due } => {
            format!("支部大会讨论转正（{}）后上级党委应在 3 个月内审批，期限 {} 已过。", iso(*meeting), iso(*due))
        }
        Finding::FullMembershipApprovalLate { due, approved, .. } => {
            format!("转正审批（{}）超过了 3 个月的期限（{}）。", iso(*approved), iso(*due))
        }
        Finding::OutOfOrder { date, previous, previous_date, .. } => format!(
            "本步日期（{}）早于第 {} 步“{}”的日期（{}），请核对。",
            iso(*date),
            previous.number(),
            previous.label(),
            iso(*previous_date)
        ),
        Finding::StepsMissing { reached, missing } => {
            let list: Vec<String> = missing.iter().map(|s| s.number().to_string()).collect();
            format!("已登记到第 {} 步，但第 {} 步还没有日期。", reached.number(), list.join("、"))
        }
    }
}

fn body_name(b: Body) -> &'static str {
    match b {
        Body::VillageParty => "村党组织",
        Body::VillageCommittee => "村民委员会",
        Body::VillageSupervision => "村务监督委员会",
        Body::TownshipParty => "乡镇党委",
        Body::TownshipGovernment => "乡镇政府",
    }
}

const MEMBER_GONE: &str = "所选党员已不存在，请重新选择。";

pub fn cadre_error(e: &CadreError) -> String {
    match e {
        CadreError::Person(p) => person_error(p),
        CadreError::MemberUnknown => MEMBER_GONE.into(),
        CadreError::OrgMissing => "请选择任职组织（村党组织或乡镇党委）。".into(),
        CadreError::OrgUnknown => "所选组织已不存在，请重新选择。".into(),
        CadreError::OrgNotVillage => "村级职务应选择村党组织（直属乡镇党委的党总支或党支部）。".into(),
        CadreError::OrgNotTownship => "乡镇职务应选择乡镇党委。".into(),
        CadreError::PostsEmpty => "请至少勾选一个职务。".into(),
        CadreError::PostsMixLevels => "村级职务和乡镇职务不能登记在同一条任职中。".into(),
        CadreError::TwoPostsInOneBody(b) => format!("同一人在{}中只能担任一个职务。", body_name(*b)),
        CadreError::SupervisionWithVillageCommittee => "村民委员会成员不得兼任村务监督委员会主任。".into(),
        CadreError::TermStartMissing => "村级职务请填写任期开始日期（换届选举日期）。".into(),
        CadreError::TermStart(e) | CadreError::TermEnd(e) => date_error(*e).into(),
        CadreError::TermEndNotAfterStart => "任期结束日期应晚于开始日期。".into(),
    }
}

pub fn end_error(e: &EndError) -> &'static str {
    match e {
        EndError::DateMissing => "请填写日期。",
        EndError::Date(e) => date_error(*e),
        EndError::BeforeStart => "日期不能早于开始日期。",
    }
}

pub fn review_error(e: &ReviewError) -> &'static str {
    match e {
        ReviewError::NoTerm => "只有有任期的村级职务才需要届中考察。",
        ReviewError::DateMissing => "请填写考察日期。",
        ReviewError::Date(e) => date_error(*e),
        ReviewError::BeforeTermStart => "考察日期不能早于任期开始日期。",
    }
}

pub fn reserve_error(e: &ReserveError) -> String {
    match e {
        ReserveError::Person(p) => person_error(p),
        ReserveError::MemberUnknown => MEMBER_GONE.into(),
        ReserveError::OrgMissing => "请选择所在村。".into(),
        ReserveError::OrgUnknown => "所选的村已不存在，请重新选择。".into(),
        ReserveError::OrgNotVillage => "后备干部应属于某个村（直属乡镇党委的党总支或党支部）。".into(),
        ReserveError::SelectedMissing => "请填写入选日期。".into(),
        ReserveError::Selected(e) => date_error(*e).into(),
        ReserveError::NoteTooLong => "备注太长，请不超过 200 个字。".into(),
        ReserveError::AlreadyInPool(_) => "此人已在后备干部中。".into(),
    }
}

pub fn liaison_error(e: &LiaisonError) -> String {
    match e {
        LiaisonError::CadreMissing => "请选择包村干部。".into(),
        LiaisonError::CadreUnknown => "所选干部已不存在，请重新选择。".into(),
        LiaisonError::NotTownshipCadre => "包村干部应是乡镇干部。".into(),
        LiaisonError::CadreNotServing => "该干部在开始日期不在任。".into(),
        LiaisonError::VillageMissing => "请选择所包村。".into(),
        LiaisonError::VillageUnknown => "所选的村已不存在，请重新选择。".into(),
        LiaisonError::NotVillage => "请选择一个村（直属乡镇党委的党总支或党支部）。".into(),
        LiaisonError::StartMissing => "请填写开始日期。".into(),
        LiaisonError::Start(e) => date_error(*e).into(),
        LiaisonError::AlreadyAssigned { .. } => {
            "该干部在这段时间已包了另一个村（每名乡镇干部相对固定包 1 个村），请先结束原来的包村。".into()
        }
    }
}

pub fn training_error(e: &TrainingError) -> &'static str {
    match e {
        TrainingError::DateMissing => "请填写培训日期。",
        TrainingError::Date(e) => date_error(*e),
        TrainingError::TopicEmpty => "请填写培训主题。",
        TrainingError::TopicTooLong => "培训主题太长，请不超过 100 个字。",
        TrainingError::CategoryMissing => "请选择培训形式。",
        TrainingError::HoursMissing => "请填写学时。",
        TrainingError::HoursInvalid => "学时应为大于 0、不超过 1000 的数字（如 3 或 2.5）。",
        TrainingError::OrganizerMissing => "请选择主办单位。",
        TrainingError::OrganizerUnknown => "所选主办单位已不存在，请重新选择。",
        TrainingError::PlaceTooLong => "培训地点太长，请不超过 100 个字。",
    }
}

pub fn attendance_error(e: &AttendanceError) -> &'static str {
    match e {
        AttendanceError::DateUnknown => "该培训没有日期，请先补填。",
        AttendanceError::NotYetHeld => "培训还没有举行，举行后才能登记到课情况。",
    }
}

/// The backup reminder (设置, the status line, the export page): `exchange::backup`.
pub fn backup_reminder(r: Reminder) -> String {
    match r {
        Reminder::Never => "本机数据还没有备份过。请在“数据交换”中导出全部数据，存到U盘上。".into(),
        Reminder::DaysSince(days) => {
            format!("已经 {days} 天没有备份了。请在“数据交换”中导出全部数据，存到U盘上。")
        }
    }
}

// Numbers are worded with integer arithmetic: formatting a float would bring float printing
// (about 12 KB) into the wasm.

/// Sizes as people read them on a file dialog: 1.2 MB, 350 KB. Integer arithmetic: formatting
/// floats would bring float printing into the wasm for this one line.
pub fn size_text(bytes: Option<f64>) -> String {
    let Some(b) = bytes.map(|b| b.max(0.0) as u64) else {
        return t().unknown.to_string();
    };
    let tenths = |unit: u64| {
        let t = (b * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    match b {
        b if b >= 1 << 30 => format!("{} GB", tenths(1 << 30)),
        b if b >= 1 << 20 => format!("{} MB", tenths(1 << 20)),
        b => format!("{} KB", (b + 512) / 1024),
    }
}

/// A whole or fractional number of 学时, to one decimal, without trailing zeros (3, 2.5).
pub fn hours_text(h: f64) -> String {
    let tenths = (h.max(0.0) * 10.0).round() as u64;
    match tenths % 10 {
        0 => format!("{}", tenths / 10),
        d => format!("{}.{d}", tenths / 10),
    }
}

/// What every spreadsheet import page says (`kit::import`); each import's own words are beside it.
pub struct SheetImportWords {
    pub file: &'static str,
    pub reading: &'static str,
    pub sheet: &'static str,
    pub mapping_intro: &'static str,
    pub skip_column: &'static str,
    pub preview: &'static str,
    pub good: &'static str,
    pub updated: &'static str,
    pub unchanged: &'static str,
    pub update_intro: &'static str,
    pub update_choice: &'static str,
    pub existing: &'static str,
    pub changes: &'static str,
    /// The updates' column of the record a row is.
    pub matched: &'static str,
    /// Said after an import's own undo message when it had updated records.
    pub update_undone: &'static str,
    pub bad: &'static str,
    pub rows: &'static str,
    pub bad_intro: &'static str,
    pub read_intro: &'static str,
    pub read_values: &'static str,
    pub row: &'static str,
    pub reason: &'static str,
    pub warned_intro: &'static str,
    pub confirm: &'static str,
    pub nothing_yet: &'static str,
    pub done: &'static str,
    pub undo: &'static str,
}

const SHEET_IMPORT: SheetImportWords = SheetImportWords {
    file: "选择表格文件",
    reading: "正在读取表格……",
    sheet: "工作表",
    mapping_intro: "已按表头名称自动对应。不对的请改选，不需要的列选“（不导入）”。",
    skip_column: "（不导入）",
    preview: "检查结果",
    good: "新增",
    updated: "更新",
    unchanged: "无变化",
    update_intro: "以下各行的公民身份号码与本站点已有的记录相同，是同一人（户），不会重复添加，只按表格改正下列项目。表格中空白的单元格不会清除已有的内容；与已有记录完全相同的行（无变化）不会写入。",
    update_choice: "按表格更新这些已有记录（不勾选则跳过这些行）",
    existing: "已有",
    changes: "将改动",
    matched: "对应的已有记录",
    update_undone: "更新过的项目已改回原来的内容。",
    bad: "有问题",
    rows: "行",
    bad_intro: "以下各行不会导入。可在表格中改正后再导入这些行，其他行不受影响。",
    read_intro: "以下是将新增的各行，按本工作台读出的内容显示（日期已统一成年-月-日，学历等已对应到标准写法）。请核对是否读对，再确认导入。",
    read_values: "读出的内容",
    row: "表格行号",
    reason: "原因",
    warned_intro: "以下各行可以导入，但请核对：",
    confirm: "确认导入",
    nothing_yet: "确认前不会保存任何数据。",
    done: "已导入",
    undo: "撤销这次导入",
};

pub fn sheet_import_words() -> &'static SheetImportWords {
    &SHEET_IMPORT
}

impl SheetImportWords {
    /// A column without a header, by its place (0-based `col`).
    pub fn column(&self, col: usize) -> String {
        format!("（第 {} 列）", col + 1)
    }
}
