//! Every string the interface shows, in one catalogue, so a second locale can follow by adding a
//! second `Texts` value. zh-CN first; field labels use the standard Chinese field names, by which
//! people and tests find the inputs.

use crate::domain::org::{OrgCategory, OrgError};
use crate::domain::station::{StationLevel, StationNameError};
use crate::store::StoreError;
use sheets::{SheetError, WarningKind};

pub struct Texts {
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
    pub station_level_missing: &'static str,

    pub status_station: &'static str,
    pub status_records: &'static str,
    pub status_persisted: &'static str,
    pub status_not_persisted: &'static str,
    pub status_saving: &'static str,
    pub status_saved: &'static str,
    pub status_damaged: &'static str,
    pub clock_behind: &'static str,

    pub orgs_title: &'static str,
    pub orgs_intro: &'static str,
    pub orgs_empty: &'static str,
    pub orgs_new: &'static str,
    pub org_name: &'static str,
    pub org_category: &'static str,
    pub org_parent: &'static str,
    pub org_founded: &'static str,
    pub org_parent_none: &'static str,
    pub choose: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub org_created: &'static str,
    pub orgs_count: &'static str,
    pub orgs_coming: &'static str,

    pub diary_title: &'static str,
    pub diary_coming: &'static [&'static str],
    pub scoring_title: &'static str,
    pub scoring_coming: &'static [&'static str],
    pub exchange_title: &'static str,
    pub exchange_coming: &'static [&'static str],
    pub coming_lead: &'static str,

    pub settings_title: &'static str,
    pub settings_station: &'static str,
    pub settings_station_id: &'static str,
    pub settings_storage: &'static str,
    pub settings_persisted_yes: &'static str,
    pub settings_persisted_no: &'static str,
    pub settings_usage: &'static str,
    pub settings_quota: &'static str,
    pub settings_chunks: &'static str,
    pub settings_persist_again: &'static str,
    pub settings_display: &'static str,
    pub settings_large_text: &'static str,
    pub settings_damaged_title: &'static str,
    pub settings_damaged_none: &'static str,
    pub settings_damaged_intro: &'static str,
    pub settings_damaged_chunk: &'static str,
    pub unknown: &'static str,
}

pub const ZH_CN: Texts = Texts {
    app_name: "基层党建工作台",
    skip_to_content: "跳到正文",
    nav_label: "主菜单",
    nav_orgs: "组织与党员",
    nav_diary: "民情日记",
    nav_scoring: "考核评分",
    nav_exchange: "数据交换",
    nav_settings: "设置",
    large_text_on: "大字模式",
    large_text_off: "标准字号",
    opening: "正在打开本机数据……",
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
    station_level_missing: "请选择站点级别：乡镇或村。",

    status_station: "站点",
    status_records: "条记录",
    status_persisted: "数据已设为持久保存",
    status_not_persisted: "数据未设为持久保存，请在“设置”中查看",
    status_saving: "正在保存……",
    status_saved: "已保存",
    status_damaged: "有记录无法读取，详见“设置”",
    clock_behind: "本机时间比已保存数据的时间还早，请检查电脑的日期和时间",

    orgs_title: "党组织",
    orgs_intro: "本站点的党组织，按上下级排列。",
    orgs_empty: "还没有党组织。请先用下面的表单建立本站点最上级的党组织（例如乡镇党委或村党支部）。",
    orgs_new: "新建党组织",
    org_name: "组织名称",
    org_category: "组织类别",
    org_parent: "上级组织",
    org_founded: "建立日期",
    org_parent_none: "（无，作为最上级组织）",
    choose: "请选择",
    save: "保存",
    saving: "正在保存……",
    org_created: "已建立党组织：",
    orgs_count: "个党组织",
    orgs_coming:
        "党员花名册（16 项信息、身份证号校验）、发展党员、干部与培训、统计与打印、表格导入导出将在后续版本加入本栏目。",

    diary_title: "民情日记",
    diary_coming: &[
        "记录每次入户走访：日期、走访干部、村、户主及类别（五个必到）、民情与诉求、现场处理；",
        "阅批、督办（含期限和逾期提醒）、办理、反馈、公开的全过程；",
        "每户的民情档案：一户的全部走访和事项集中查看。",
    ],
    scoring_title: "考核评分",
    scoring_coming: &[
        "党员积分与评星定级；",
        "民主评议党员（优秀比例不超过 20%）；",
        "村干部德、能、勤、绩、廉绩效考核与双述双评；",
        "可查看每一项得分的排名和可打印的公示表。",
    ],
    exchange_title: "数据交换",
    exchange_coming: &[
        "把本站点的数据导出为文件，用 U 盘交给乡镇或村；",
        "导入其他站点的文件并安全合并：顺序不限、重复导入无害，不会丢失或悄悄覆盖任何人的修改；",
        "冲突修改并列显示，由您选择保留哪一个。",
    ],
    coming_lead: "本栏目正在建设中，将提供：",

    settings_title: "设置",
    settings_station: "本站点",
    settings_station_id: "站点编号",
    settings_storage: "本机存储",
    settings_persisted_yes: "已获准持久保存：浏览器不会因磁盘空间紧张而清除这些数据。",
    settings_persisted_no:
        "未获准持久保存：磁盘空间紧张时浏览器可能清除数据。请把本页加入书签并经常使用，并定期导出备份。",
    settings_usage: "已用空间",
    settings_quota: "可用上限",
    settings_chunks: "数据块",
    settings_persist_again: "再次申请持久保存",
    settings_display: "显示",
    settings_large_text: "大字模式（适合老式显示器）",
    settings_damaged_title: "无法读取的记录",
    settings_damaged_none: "所有记录均可正常读取。",
    settings_damaged_intro: "以下记录已损坏，暂时无法显示。它们仍保存在本机，没有被删除；其余记录不受影响。",
    settings_damaged_chunk: "数据块",
    unknown: "未知",
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
        OrgError::FoundedInFuture => "建立日期不能晚于今天。",
    }
}

/// A store failure in words a village secretary can act on. Every one says that what was already
/// stored is safe, because it is: a failed write writes nothing.
pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::QuotaExceeded => "保存失败：电脑磁盘或浏览器存储空间已满。刚才的修改没有保存，已有的数据完好无损。请清理磁盘空间后再点“保存”。".into(),
        StoreError::Unavailable(_) => "这个浏览器窗口不允许保存数据（可能是无痕/隐私模式，或浏览器关闭了网站数据）。请用普通窗口打开本页。".into(),
        StoreError::NewerSchema { .. } => "本机数据已被更新版本的工作台使用过，当前页面版本较旧，无法读取。请打开最新版本的工作台。".into(),
        StoreError::UnknownRecord(id) => format!("无法保存：记录 {id} 在本机不存在（可能已被另一个标签页删除）。请刷新页面后再试。已有的数据完好无损。"),
        StoreError::RecordExists(id) => format!("无法保存：记录 {id} 已经存在。请刷新页面后再试。已有的数据完好无损。"),
        // Most often a nearly full disk on an old PC, which the browser does not always name.
        StoreError::Failed(detail) => format!("保存失败，已有的数据完好无损。可能是电脑磁盘空间不足：请清理磁盘空间后再点“保存”；如仍失败，请导出备份并联系技术人员。（技术信息：{detail}）"),
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

/// The spreadsheet part of the app could not be loaded (offline, and never loaded before).
pub fn sheets_unavailable() -> String {
    "表格功能未能加载：可能是网络已断开，而本机还没有保存这部分程序。请连上网络后再试；如一直失败，请刷新页面。".into()
}

pub fn sheets_failed(detail: &str) -> String {
    format!("处理表格时出错，文件可能太大或已损坏。请再试一次；如仍失败，请联系技术人员。（技术信息：{detail}）")
}
