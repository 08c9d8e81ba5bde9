//! Every string the interface shows, in one catalogue, so a second locale can follow by adding a
//! second `Texts` value. zh-CN first; field labels use the standard Chinese field names, by which
//! people and tests find the inputs.

use crate::domain::date::DateInputError;
use crate::domain::id_number::IdNumberError;
use crate::domain::member_event::EventError;
use crate::domain::member_form::{Item, Problem};
use crate::domain::org::{OrgCategory, OrgError};
use crate::domain::org_ops::OpError;
use crate::domain::roster::{AgeBand, StatusFilter};
use crate::domain::roster_import::Target;
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
    pub nav_members: &'static str,
    pub org_secretary: &'static str,
    pub org_phone: &'static str,
    pub org_members: &'static str,
    pub org_actions: &'static str,
    pub org_edit: &'static str,
    pub org_close: &'static str,
    pub org_merge: &'static str,
    pub org_split: &'static str,
    pub org_closed_on: &'static str,
    pub org_merged_into: &'static str,
    pub show_closed: &'static str,
    pub org_edit_title: &'static str,
    pub org_saved: &'static str,
    pub cancel: &'static str,
    pub org_close_title: &'static str,
    pub org_close_date: &'static str,
    pub org_close_confirm: &'static str,
    pub org_close_intro: &'static str,
    pub org_merge_title: &'static str,
    pub org_merge_into: &'static str,
    pub org_merge_date: &'static str,
    pub org_merge_confirm: &'static str,
    pub org_merge_intro: &'static str,
    pub org_split_title: &'static str,
    pub org_split_name: &'static str,
    pub org_split_confirm: &'static str,
    pub org_split_intro: &'static str,
    pub batches_title: &'static str,
    pub batch_undo: &'static str,
    pub batch_undone: &'static str,
    pub batch_undo_done: &'static str,
    pub batch_moved: &'static str,
    pub op_merge: &'static str,
    pub op_split: &'static str,
    pub op_import: &'static str,
    pub members_title: &'static str,
    pub members_intro: &'static str,
    pub members_search: &'static str,
    pub members_search_hint: &'static str,
    pub members_new: &'static str,
    pub members_count: &'static str,
    pub members_empty: &'static str,
    pub members_none_found: &'static str,
    pub filter_org: &'static str,
    pub filter_all: &'static str,
    pub filter_status: &'static str,
    pub filter_age: &'static str,
    pub filters_clear: &'static str,
    pub sort_by: &'static str,
    pub member_new_title: &'static str,
    pub member_edit_title: &'static str,
    pub member_saved: &'static str,
    pub member_save_anyway: &'static str,
    pub member_warnings: &'static str,
    pub member_fix_errors: &'static str,
    pub member_id_reveal: &'static str,
    pub member_id_hide: &'static str,
    pub member_back: &'static str,
    pub member_edit: &'static str,
    pub member_not_found: &'static str,
    pub member_events: &'static str,
    pub member_events_none: &'static str,
    pub member_event_add: &'static str,
    pub event_type: &'static str,
    pub event_date: &'static str,
    pub event_detail: &'static str,
    pub event_note: &'static str,
    pub event_detail_discipline: &'static str,
    pub event_detail_place: &'static str,
    pub event_saved: &'static str,
    pub member_trail: &'static str,
    pub member_trail_loading: &'static str,
    pub trail_created: &'static str,
    pub trail_deleted: &'static str,
    pub trail_restored: &'static str,
    pub trail_by: &'static str,
    pub member_left: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub date_hint: &'static str,
    pub member_open_other: &'static str,
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub import_file: &'static str,
    pub import_reading: &'static str,
    pub import_sheet: &'static str,
    pub import_mapping: &'static str,
    pub import_mapping_intro: &'static str,
    pub import_skip_column: &'static str,
    pub import_default_org: &'static str,
    pub import_no_header: &'static str,
    pub import_preview: &'static str,
    pub import_good: &'static str,
    pub import_bad: &'static str,
    pub import_rows: &'static str,
    pub import_bad_intro: &'static str,
    pub import_row: &'static str,
    pub import_reason: &'static str,
    pub import_warned_intro: &'static str,
    pub import_confirm: &'static str,
    pub import_nothing_yet: &'static str,
    pub import_done: &'static str,
    pub import_undo: &'static str,
    pub import_undone: &'static str,
    pub members_import: &'static str,
    pub export_xlsx: &'static str,
    pub export_csv: &'static str,
    pub export_failed: &'static str,
    pub nav_stats: &'static str,
    pub stats_title: &'static str,
    pub stats_print: &'static str,
    pub stats_scope: &'static str,
    pub stats_whole_station: &'static str,
    pub stats_intro: &'static str,
    pub stats_total: &'static str,
    pub stats_women: &'static str,
    pub stats_under_35: &'static str,
    pub stats_people: &'static str,
    pub stats_by_org: &'static str,
    pub stats_direct: &'static str,
    pub stats_subtree: &'static str,
    pub stats_unplaced: &'static str,
    pub stats_by_age: &'static str,
    pub stats_by_education: &'static str,
    pub stats_by_sex: &'static str,
    pub stats_by_category: &'static str,
    pub stats_by_ethnicity: &'static str,
    pub stats_count: &'static str,
    pub stats_share: &'static str,
    pub stats_not_filled: &'static str,
    pub print_back: &'static str,
    pub print_full_ids: &'static str,
    pub print: &'static str,
    pub print_roster_title: &'static str,
    pub print_station: &'static str,
    pub print_total: &'static str,
    pub print_date: &'static str,
    pub print_card_title: &'static str,
    pub print_roster: &'static str,
    pub print_card: &'static str,
    pub print_roster_hint: &'static str,
}

pub const ZH_CN: Texts = Texts {
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
    orgs_intro: "本站点的党组织，按上下级排列。可以修改、移动、撤销、撤并和拆分；撤并和拆分可以撤销。",
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
    nav_members: "党员",
    org_secretary: "书记",
    org_phone: "联系电话",
    org_members: "党员数",
    org_actions: "操作",
    org_edit: "修改",
    org_close: "撤销",
    org_merge: "撤并",
    org_split: "拆分",
    org_closed_on: "已撤销",
    org_merged_into: "已撤并到",
    show_closed: "显示已撤销、已撤并的组织",
    org_edit_title: "修改党组织",
    org_saved: "已保存党组织：",
    cancel: "取消",
    org_close_title: "撤销党组织",
    org_close_date: "撤销日期",
    org_close_confirm: "确认撤销",
    org_close_intro: "撤销后该组织保留在历史中，不再出现在可选列表里。组织内须已没有党员和下级组织。",
    org_merge_title: "撤并党组织",
    org_merge_into: "并入",
    org_merge_date: "撤并日期",
    org_merge_confirm: "确认撤并",
    org_merge_intro: "该组织的全部党员和下级组织将转入所选组织，该组织关闭但保留历史记录。此操作可以撤销。",
    org_split_title: "拆分党组织",
    org_split_name: "新组织名称",
    org_split_confirm: "确认拆分",
    org_split_intro: "勾选要转入新组织的党员。新组织与原组织同级、同类别。此操作可以撤销。",
    batches_title: "撤并、拆分与导入记录",
    batch_undo: "撤销此操作",
    batch_undone: "已撤销",
    batch_undo_done: "已撤销该操作。",
    batch_moved: "条记录",
    op_merge: "撤并",
    op_split: "拆分",
    op_import: "导入",
    members_title: "党员",
    members_intro: "本站点的党员花名册。输入姓名、拼音首字母、身份证号或电话即可查找。",
    members_search: "查找党员",
    members_search_hint: "姓名、拼音（如 zs）、身份证号或电话",
    members_new: "新增党员",
    members_count: "名党员",
    members_empty: "还没有党员。点“新增党员”录入，或从表格导入。",
    members_none_found: "没有找到符合条件的党员。",
    filter_org: "所在组织",
    filter_all: "全部",
    filter_status: "人员状态",
    filter_age: "年龄段",
    filters_clear: "清除条件",
    sort_by: "按此列排序",
    member_new_title: "新增党员",
    member_edit_title: "修改党员信息",
    member_saved: "已保存党员：",
    member_save_anyway: "仍然保存",
    member_warnings: "请核对以下情况，确认无误后可仍然保存：",
    member_fix_errors: "请先改正标红的项目。",
    member_id_reveal: "显示完整号码",
    member_id_hide: "隐藏",
    member_back: "返回党员列表",
    member_edit: "修改信息",
    member_not_found: "找不到这名党员（可能已被删除）。",
    member_events: "党员档案（组织关系与奖惩）",
    member_events_none: "暂无记录。",
    member_event_add: "登记",
    event_type: "事项",
    event_date: "日期",
    event_detail: "说明",
    event_note: "备注",
    event_detail_discipline: "处分种类",
    event_detail_place: "去向",
    event_saved: "已登记。",
    member_trail: "修改记录",
    member_trail_loading: "正在读取修改记录……",
    trail_created: "建立",
    trail_deleted: "删除",
    trail_restored: "恢复",
    trail_by: "修改站点",
    member_left: "已不在册",
    yes: "是",
    no: "否",
    date_hint: "如 1985-03-12",
    member_open_other: "查看该党员",
    import_title: "导入花名册",
    import_intro: "从 Excel（.xlsx、.xls）或 CSV 文件导入党员。先核对每一列对应的项目和每一行的检查结果，确认后才会保存；有问题的行不影响其他行；导入后可以撤销。",
    import_file: "选择表格文件",
    import_reading: "正在读取表格……",
    import_sheet: "工作表",
    import_mapping: "表格的列与党员信息项目的对应",
    import_mapping_intro: "已按表头名称自动对应。不对的请改选，不需要的列选“（不导入）”。",
    import_skip_column: "（不导入）",
    import_default_org: "表格中没有“所在党支部”列时，全部编入",
    import_no_header: "没有找到表头行：表格前 10 行中应有“姓名”“公民身份号码”等表头。",
    import_preview: "检查结果",
    import_good: "可以导入",
    import_bad: "有问题",
    import_rows: "行",
    import_bad_intro: "以下各行不会导入。可在表格中改正后再导入这些行，其他行不受影响。",
    import_row: "表格行号",
    import_reason: "原因",
    import_warned_intro: "以下各行可以导入，但请核对：",
    import_confirm: "确认导入",
    import_nothing_yet: "确认前不会保存任何数据。",
    import_done: "已导入",
    import_undo: "撤销这次导入",
    import_undone: "已撤销这次导入，导入的党员已删除。",
    members_import: "导入花名册",
    export_xlsx: "导出 Excel",
    export_csv: "导出 CSV",
    export_failed: "导出失败：",
    nav_stats: "统计",
    stats_title: "党员统计",
    stats_print: "打印统计表",
    stats_scope: "统计范围",
    stats_whole_station: "本站点全部组织",
    stats_intro: "只统计在册党员；已转出、出党、去世的不计入。",
    stats_total: "党员总数",
    stats_women: "女党员占比",
    stats_under_35: "35岁及以下占比",
    stats_people: "人",
    stats_by_org: "各组织党员数",
    stats_direct: "本组织",
    stats_subtree: "含下级合计",
    stats_unplaced: "未编入组织的党员",
    stats_by_age: "年龄结构",
    stats_by_education: "学历",
    stats_by_sex: "性别",
    stats_by_category: "人员类别",
    stats_by_ethnicity: "民族",
    stats_count: "人数",
    stats_share: "占比",
    stats_not_filled: "未填",
    print_back: "返回",
    print_full_ids: "显示完整公民身份号码",
    print: "打印",
    print_roster_title: "党员花名册",
    print_station: "站点",
    print_total: "共",
    print_date: "打印日期",
    print_card_title: "党员基本信息卡",
    print_roster: "打印花名册",
    print_card: "打印信息卡",
    print_roster_hint: "先在“所在组织”中选择要打印的组织",
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
        Problem::SexDiffersFromId { in_id } => format!("公民身份号码显示性别为“{in_id}”，与所选不一致。"),
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

/// The spreadsheet part of the app could not be loaded (offline, and never loaded before).
pub fn sheets_unavailable() -> String {
    "表格功能未能加载：可能是网络已断开，而本机还没有保存这部分程序。请连上网络后再试；如一直失败，请刷新页面。".into()
}

pub fn sheets_failed(detail: &str) -> String {
    format!("处理表格时出错，文件可能太大或已损坏。请再试一次；如仍失败，请联系技术人员。（技术信息：{detail}）")
}
