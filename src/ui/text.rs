//! Every string the interface shows, in one catalogue, so a second locale can follow by adding a
//! second `Texts` value. zh-CN first; field labels use the standard Chinese field names, by which
//! people and tests find the inputs.

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
use crate::domain::stats::Share;
use crate::domain::training::{AttendanceError, TrainingError};
use crate::exchange::backup::Reminder;
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
    pub settings_backup: &'static str,
    pub settings_last_backup: &'static str,
    pub settings_backup_never: &'static str,
    pub settings_backup_ok: &'static str,
    pub settings_backup_go: &'static str,
    pub status_backup_due: &'static str,
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
    pub org_not_found: &'static str,
    pub org_back: &'static str,
    pub org_open_page: &'static str,
    pub org_merged_into: &'static str,
    pub show_closed: &'static str,
    pub org_unfold: &'static str,
    pub org_fold: &'static str,
    pub orgs_unfold_all: &'static str,
    pub orgs_fold_all: &'static str,
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
    pub stats_reserve: &'static str,
    pub stats_reserve_age: &'static str,
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

    // 发展党员, 干部与培训
    pub nav_development: &'static str,
    pub nav_cadres: &'static str,
    pub kinds_loading: &'static str,
    pub col_name: &'static str,
    pub col_sex: &'static str,
    pub col_age: &'static str,
    pub col_education: &'static str,
    pub to: &'static str,
    pub dev_title: &'static str,
    pub dev_new: &'static str,
    pub dev_intro: &'static str,
    pub dev_due_title: &'static str,
    pub dev_due_none: &'static str,
    pub dev_due_what: &'static str,
    pub dev_due_date: &'static str,
    pub dev_overdue: &'static str,
    pub dev_no_branch: &'static str,
    pub dev_empty: &'static str,
    pub dev_count: &'static str,
    pub dev_show_all: &'static str,
    pub dev_stage: &'static str,
    pub dev_latest: &'static str,
    pub dev_findings: &'static str,
    pub dev_stopped: &'static str,
    pub dev_not_found: &'static str,
    pub dev_back: &'static str,
    pub dev_new_title: &'static str,
    pub dev_edit_title: &'static str,
    pub dev_saved: &'static str,
    pub dev_applied: &'static str,
    pub dev_open_other: &'static str,
    pub dev_probation_end: &'static str,
    pub dev_member_record: &'static str,
    pub dev_member_open: &'static str,
    pub dev_phase_numbers: &'static [&'static str],
    pub dev_step_no: &'static str,
    pub dev_step: &'static str,
    pub dev_step_date: &'static str,
    pub dev_step_note: &'static str,
    pub dev_note_hint: &'static str,
    pub dev_step_missing: &'static str,
    pub dev_record: &'static str,
    pub dev_clear_hint: &'static str,
    pub dev_training_days: &'static str,
    pub dev_training_hours: &'static str,
    pub dev_step_saved: &'static str,
    pub dev_admitted: &'static str,
    pub dev_full_member: &'static str,
    pub dev_link_member: &'static str,
    pub dev_linked: &'static str,
    pub dev_extension_title: &'static str,
    pub dev_extension_intro: &'static str,
    pub dev_extension_date: &'static str,
    pub dev_extension_months: &'static str,
    pub dev_extension_confirm: &'static str,
    pub dev_extension_saved: &'static str,
    pub dev_extension_withdraw: &'static str,
    pub dev_extension_withdrawn: &'static str,
    pub dev_stop_title: &'static str,
    pub dev_stop_intro: &'static str,
    pub dev_stop_reason: &'static str,
    pub dev_stop_date: &'static str,
    pub dev_stop_confirm: &'static str,
    pub dev_stop_saved: &'static str,
    pub dev_resume: &'static str,
    pub dev_resumed: &'static str,
    pub cadres_title: &'static str,
    pub cadres_tab_posts: &'static str,
    pub cadres_tab_reserve: &'static str,
    pub cadres_tab_liaison: &'static str,
    pub cadres_tab_trainings: &'static str,
    pub cadres_posts_intro: &'static str,
    pub cadres_township: &'static str,
    pub cadres_none: &'static str,
    pub cadres_left_on: &'static str,
    pub cadres_one_shoulder: &'static str,
    pub cadres_end: &'static str,
    pub cadres_end_date: &'static str,
    pub cadres_show_ended: &'static str,
    pub cadres_posts: &'static str,
    pub cadres_term: &'static str,
    pub cadres_new: &'static str,
    pub cadres_new_intro: &'static str,
    pub cadres_org: &'static str,
    pub cadres_member: &'static str,
    pub cadres_saved: &'static str,
    pub cadres_term_start: &'static str,
    pub cadres_term_end: &'static str,
    pub cadres_term_end_hint: &'static str,
    pub review_title: &'static str,
    pub review_date: &'static str,
    pub review_record: &'static str,
    pub reserve_intro: &'static str,
    pub reserve_show_left: &'static str,
    pub reserve_structure: &'static str,
    pub reserve_structure_cols: &'static [&'static str],
    pub reserve_count: &'static str,
    pub reserve_share: &'static str,
    pub reserve_selected: &'static str,
    pub reserve_note: &'static str,
    pub reserve_leave: &'static str,
    pub reserve_leave_date: &'static str,
    pub reserve_left_on: &'static str,
    pub reserve_new: &'static str,
    pub reserve_village: &'static str,
    pub reserve_saved: &'static str,
    pub liaison_intro: &'static str,
    pub liaison_all_covered: &'static str,
    pub liaison_village: &'static str,
    pub liaison_cadre: &'static str,
    pub liaison_period: &'static str,
    pub liaison_end: &'static str,
    pub liaison_end_date: &'static str,
    pub liaison_ended_on: &'static str,
    pub liaison_show_ended: &'static str,
    pub liaison_new: &'static str,
    pub liaison_new_intro: &'static str,
    pub liaison_start: &'static str,
    pub liaison_saved: &'static str,
    pub training_intro: &'static str,
    pub training_year: &'static str,
    pub training_all_enough: &'static str,
    pub training_none: &'static str,
    pub training_sessions: &'static str,
    pub training_date: &'static str,
    pub training_topic: &'static str,
    pub training_kind: &'static str,
    pub training_hours: &'static str,
    pub training_organizer: &'static str,
    pub training_place: &'static str,
    pub training_expected: &'static str,
    pub training_present: &'static str,
    pub training_rate: &'static str,
    pub training_mark: &'static str,
    pub training_mark_legend: &'static str,
    pub training_marked_saved: &'static str,
    pub training_all_present: &'static str,
    pub training_per_person: &'static str,
    pub training_role: &'static str,
    pub training_count: &'static str,
    pub training_short: &'static str,
    pub training_member: &'static str,
    pub training_new: &'static str,
    pub training_find: &'static str,
    pub training_find_hint: &'static str,
    pub training_cadres_only: &'static str,
    pub training_choose_shown: &'static str,
    pub training_choose_none: &'static str,
    pub training_expected_people: &'static str,
    pub training_saved: &'static str,
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
    settings_backup: "备份",
    settings_last_backup: "上次备份",
    settings_backup_never: "还没有",
    settings_backup_ok: "最近一周内已备份。",
    settings_backup_go: "去导出备份",
    status_backup_due: "请备份数据",
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
    org_not_found: "找不到这个党组织。",
    org_back: "返回党组织列表",
    org_open_page: "查看基本情况和修改记录：",
    org_merged_into: "已撤并到",
    show_closed: "显示已撤销、已撤并的组织",
    org_unfold: "展开",
    org_fold: "收起",
    orgs_unfold_all: "全部展开",
    orgs_fold_all: "全部收起",
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
    stats_reserve: "后备干部结构",
    stats_reserve_age: "后备干部年龄",
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

    nav_development: "发展党员",
    nav_cadres: "干部与培训",
    kinds_loading: "正在读取本栏目的数据……",
    col_name: "姓名",
    col_sex: "性别",
    col_age: "年龄",
    col_education: "学历",
    to: "至",
    dev_title: "发展党员",
    dev_new: "新增入党申请人",
    dev_intro: "按《中国共产党发展党员工作细则》的 5 个阶段、25 个步骤登记每名入党申请人。系统按时间要求自动检查：红色为不符合规定，黄色为逾期或记录不全。",
    dev_due_title: "本月到期",
    dev_due_none: "本月没有到期的事项。",
    dev_due_what: "事项",
    dev_due_date: "期限",
    dev_overdue: "已逾期",
    dev_no_branch: "（未选择党支部）",
    dev_empty: "还没有入党申请人。点“新增入党申请人”登记。",
    dev_count: "名正在发展中",
    dev_show_all: "含已转正和已终止发展的",
    dev_stage: "发展阶段",
    dev_latest: "已到步骤",
    dev_findings: "检查发现",
    dev_stopped: "已终止发展",
    dev_not_found: "找不到这名入党申请人（可能已被删除）。",
    dev_back: "返回发展党员列表",
    dev_new_title: "新增入党申请人",
    dev_edit_title: "修改入党申请人信息",
    dev_saved: "已保存：",
    dev_applied: "递交入党申请书日期",
    dev_open_other: "查看此人的记录",
    dev_probation_end: "预备期满",
    dev_member_record: "党员档案",
    dev_member_open: "查看党员档案",
    dev_phase_numbers: &["第一阶段", "第二阶段", "第三阶段", "第四阶段", "第五阶段"],
    dev_step_no: "步骤",
    dev_step: "内容",
    dev_step_date: "日期",
    dev_step_note: "备注",
    dev_note_hint: "如会议名称、文号、谈话人",
    dev_step_missing: "未记录",
    dev_record: "登记",
    dev_clear_hint: "日期留空后保存，即撤销本步的登记。",
    dev_training_days: "培训天数",
    dev_training_hours: "培训学时",
    dev_step_saved: "已登记",
    dev_admitted: "已批准接收为预备党员，并已编入党员花名册。",
    dev_full_member: "已转为正式党员，党员花名册已更新。",
    dev_link_member: "关联到该党员",
    dev_linked: "已关联到花名册中的党员，请再次保存本步。",
    dev_extension_title: "延长预备期",
    dev_extension_intro: "预备期为一年，从支部大会通过之日算起。需要继续考察的，经支部大会决定可以延长一次，延长时间 6 至 12 个月。",
    dev_extension_date: "支部大会决定日期",
    dev_extension_months: "延长时间",
    dev_extension_confirm: "延长预备期",
    dev_extension_saved: "已延长预备期。",
    dev_extension_withdraw: "撤回延长（登记有误时）",
    dev_extension_withdrawn: "已撤回延长预备期的登记。",
    dev_stop_title: "终止发展",
    dev_stop_intro: "本人放弃、停止培养、未通过或未批准等情况，在此登记。取消预备党员资格的，同时从党员花名册中移出。登记有误可以恢复。",
    dev_stop_reason: "终止原因",
    dev_stop_date: "终止日期",
    dev_stop_confirm: "终止发展",
    dev_stop_saved: "已终止发展。",
    dev_resume: "恢复发展（登记有误时）",
    dev_resumed: "已恢复发展。",
    cadres_title: "干部与培训",
    cadres_tab_posts: "干部任职",
    cadres_tab_reserve: "后备干部",
    cadres_tab_liaison: "包村干部",
    cadres_tab_trainings: "培训",
    cadres_posts_intro: "各村“两委”和乡镇干部的职务与任期。村“两委”任期 5 年，任期满一年半时进行届中考察：到期前一个月起提示（黄色），过期未考察的标红。",
    cadres_township: "乡镇干部",
    cadres_none: "暂无在任人员。",
    cadres_left_on: "离任",
    cadres_one_shoulder: "一肩挑",
    cadres_end: "离任",
    cadres_end_date: "离任日期",
    cadres_show_ended: "含已离任的",
    cadres_posts: "职务",
    cadres_term: "任期",
    cadres_new: "登记任职",
    cadres_new_intro: "先选择村（或乡镇党委）；本人是党员的，可从党员花名册中选择，个人信息自动带出。",
    cadres_org: "任职组织",
    cadres_member: "从党员花名册选择（非党员不选）",
    cadres_saved: "已登记任职：",
    cadres_term_start: "任期开始日期",
    cadres_term_end: "任期结束日期",
    cadres_term_end_hint: "村级留空即为 5 年",
    review_title: "届中考察",
    review_date: "考察日期",
    review_record: "登记届中考察",
    reserve_intro: "各村的后备干部及其结构（年龄、学历、性别），按今天在库的人员统计。",
    reserve_show_left: "含已退出的",
    reserve_structure: "后备干部结构",
    reserve_structure_cols: &["总数", "29岁及以下", "30至35岁", "36至40岁", "41岁及以上", "高中及以上学历", "女性"],
    reserve_count: "人数",
    reserve_share: "占比",
    reserve_selected: "入选日期",
    reserve_note: "备注",
    reserve_leave: "退出",
    reserve_leave_date: "退出日期",
    reserve_left_on: "退出",
    reserve_new: "新增后备干部",
    reserve_village: "所在村",
    reserve_saved: "已加入后备干部：",
    liaison_intro: "每个村至少有 1 名包村干部，由乡镇干部担任，一包 3 年。",
    liaison_all_covered: "每个村都有在岗的包村干部。",
    liaison_village: "所包村",
    liaison_cadre: "包村干部",
    liaison_period: "起止日期",
    liaison_end: "结束包村",
    liaison_end_date: "结束日期",
    liaison_ended_on: "提前结束",
    liaison_show_ended: "含已结束的",
    liaison_new: "安排包村干部",
    liaison_new_intro: "包村干部从已登记的乡镇干部中选择（在“干部任职”页登记）；结束日期自动为开始后 3 年。",
    liaison_start: "开始日期",
    liaison_saved: "已安排包村干部。",
    training_intro: "培训记录与到课情况。每名村干部每年至少参加 2 次培训，不足的标红。",
    training_year: "年度",
    training_all_enough: "本年度每名在任村干部都已参加 2 次以上培训。",
    training_none: "本年度还没有培训记录。",
    training_sessions: "培训记录",
    training_date: "培训日期",
    training_topic: "培训主题",
    training_kind: "培训形式",
    training_hours: "学时",
    training_organizer: "主办单位",
    training_place: "培训地点",
    training_expected: "应到",
    training_present: "实到",
    training_rate: "到课率",
    training_mark: "登记到课",
    training_mark_legend: "到课人员",
    training_marked_saved: "已保存到课情况。",
    training_all_present: "应到人员全部到课",
    training_per_person: "个人年度培训情况",
    training_role: "职务或身份",
    training_count: "参训次数",
    training_short: "不足 2 次",
    training_member: "党员",
    training_new: "新增培训",
    training_find: "查找应到人员",
    training_find_hint: "姓名、所在组织或职务",
    training_cadres_only: "只看干部",
    training_choose_shown: "全选查找结果",
    training_choose_none: "清空",
    training_expected_people: "应到人员",
    training_saved: "已保存培训：",
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
pub const STATION_ID_RENEWED_ELSEWHERE: &str =
    "本站点的站点标识刚在另一个窗口中更换了。为免用旧标识保存，本页暂停保存：请按 F5 刷新本页后再继续（尚未保存的输入请先记下）。";

pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::QuotaExceeded => "保存失败：电脑磁盘或浏览器存储空间已满。刚才的修改没有保存；已有的数据都在本页中，请先不要关闭本页，清理磁盘空间后再点“保存”。".into(),
        StoreError::Unavailable(_) => "这个浏览器窗口不允许保存数据（可能是无痕/隐私模式，或浏览器关闭了网站数据）。请用普通窗口打开本页。".into(),
        StoreError::NewerSchema { .. } => "本机数据已被更新版本的工作台使用过，当前页面版本较旧，无法读取。请打开最新版本的工作台。".into(),
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

/// A save found the database deleted by the browser (a full disk) and wrote it anew from the page.
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
    pub fn stats_reserve_summary(&self, total: usize, high_school: Share, women: Share) -> String {
        if total == 0 {
            return "本范围内目前没有在库的后备干部（在“干部与培训 → 后备干部”中登记）。".into();
        }
        format!(
            "在库后备干部 {total} 人；高中及以上学历 {} 人（{high_school}）；女性 {} 人（{women}）。",
            high_school.count, women.count
        )
    }

    pub fn dev_findings_summary(&self, n: usize, breaches: usize) -> String {
        format!("检查发现 {n} 个问题（其中 {breaches} 个不符合规定，标红），已在相应步骤下说明。")
    }

    pub fn dev_training_length(&self, days: Option<u32>, hours: Option<f64>) -> String {
        match (days, hours) {
            (Some(d), Some(h)) => format!("{d} 天，{} 学时", hours_text(h)),
            (Some(d), None) => format!("{d} 天"),
            (None, Some(h)) => format!("{} 学时", hours_text(h)),
            (None, None) => "未填写时长".into(),
        }
    }

    pub fn dev_extended(&self, decided: &str, months: u32, end: &str) -> String {
        format!("{decided} 经支部大会决定延长预备期 {months} 个月，预备期至 {end} 期满。")
    }

    pub fn review_not_yet(&self, due: &str) -> String {
        format!("{due} 到期")
    }

    pub fn review_due(&self, due: &str) -> String {
        format!("应于 {due} 前考察")
    }

    pub fn review_overdue(&self, due: &str) -> String {
        format!("已逾期（应于 {due} 前考察）")
    }

    pub fn review_done(&self, on: &str) -> String {
        format!("已考察（{on}）")
    }

    pub fn review_findings(&self, n: usize) -> String {
        format!("届中考察：{n} 人已到期或逾期，请安排考察。")
    }

    pub fn reserve_unknown(&self, age: usize, education: usize, sex: usize) -> String {
        format!("其中年龄不详 {age} 人、学历不详 {education} 人、性别不详 {sex} 人：计入总数，不计入各项。")
    }

    pub fn liaison_missing(&self, n: usize) -> String {
        format!("以下 {n} 个村目前没有包村干部，请尽快安排：")
    }

    pub fn liaison_overlaps(&self, n: usize) -> String {
        format!("有 {n} 处同一名干部同时包两个村的记录（可能是在两个站点分别登记的），请结束其中一个。")
    }

    pub fn training_totals(
        &self,
        sessions: usize,
        hours: &str,
        times: usize,
        township: usize,
        village: usize,
        other: usize,
    ) -> String {
        format!(
            "本年度共培训 {sessions} 期、{hours} 学时，参训 {times} 人次（乡镇干部 {township} 人次，村干部 {village} 人次，其他 {other} 人次）。"
        )
    }

    pub fn training_below(&self, n: usize) -> String {
        format!("以下 {n} 名村干部本年度参加培训不足 2 次：")
    }

    pub fn training_times(&self, n: usize) -> String {
        format!("{n} 次")
    }

    pub fn training_marked(&self, present: usize, expected: usize) -> String {
        format!("（到课 {present} 人，应到 {expected} 人）")
    }

    pub fn training_chosen(&self, n: usize) -> String {
        format!("（已选 {n} 人）")
    }

    pub fn training_more(&self, n: usize) -> String {
        format!("还有 {n} 人未列出，请输入姓名或组织缩小范围。")
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
            format!("集中培训应不少于 3 天或 24 学时，登记的是：{}。", t().dev_training_length(*days, *hours))
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
