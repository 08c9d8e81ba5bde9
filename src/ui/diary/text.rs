//! 民情日记's own strings (zh-CN): `rt()`. Strings every section shares are in `ui/text.rs`.

use crate::domain::diary::Problem as DiaryProblem;
use crate::domain::diary_step::Problem as StepProblem;
use crate::domain::household::{CloseError, Problem as HouseholdProblem};
use crate::ui::text::id_number_error;

pub struct DiaryTexts {
    pub title: &'static str,
    pub edit: &'static str,
    pub household_village: &'static str,
    pub tab_entries: &'static str,
    pub tab_new: &'static str,
    pub tab_lists: &'static str,
    pub tab_households: &'static str,
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub form_intro: &'static str,
    pub date: &'static str,
    pub writer: &'static str,
    pub companions: &'static str,
    pub village: &'static str,
    pub households: &'static str,
    pub roles: &'static str,
    pub category: &'static str,
    pub situation: &'static str,
    pub request: &'static str,
    pub action: &'static str,
    pub follow_up: &'static str,
    pub liaison_mark: &'static str,
    pub save_keys: &'static str,
    pub clear_page: &'static str,
    pub draft_restored: &'static str,
    pub entry_saved_next: &'static str,
    pub entry_saved: &'static str,
    pub entry_not_found: &'static str,
    pub fix_errors: &'static str,
    pub household_hint: &'static str,
    pub household_none_found: &'static str,
    pub add_household_here: &'static str,
    pub add_household_needs: &'static str,
    pub new_household_head: &'static str,
    pub add_household_confirm: &'static str,
    pub group: &'static str,
    pub remove: &'static str,
    pub unknown_household: &'static str,
    pub all_villages: &'static str,
    pub anyone: &'static str,
    pub household: &'static str,
    pub any_household: &'static str,
    pub household_filter_hint: &'static str,
    pub writer_filter_hint: &'static str,
    pub any_category: &'static str,
    pub state: &'static str,
    pub any_state: &'static str,
    pub state_open: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub overdue_only: &'static str,
    pub words: &'static str,
    pub words_hint: &'static str,
    pub filter_date_invalid: &'static str,
    pub none_found: &'static str,
    pub overdue: &'static str,
    pub back_to_entries: &'static str,
    pub notebook_title: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub print_page: &'static str,
    pub matter_title: &'static str,
    pub irregular_note: &'static str,
    pub show_whole_lists: &'static str,
    pub reading_steps: &'static str,
    /// An entry's texts still being read after the first screen (a county's index kept between
    /// sessions), and when they could not be.
    pub texts_coming: &'static str,
    pub texts_failed: &'static str,
    pub next_steps: &'static str,
    pub skip_hint: &'static str,
    pub unknown_step: &'static str,
    pub instruction_is: &'static str,
    pub assignee_is: &'static str,
    pub deadline_is: &'static str,
    pub offices_is: &'static str,
    pub way_is: &'static str,
    pub view_is: &'static str,
    pub skip_reason_is: &'static str,
    pub add_step: &'static str,
    pub step_date: &'static str,
    pub step_by: &'static str,
    pub instruction: &'static str,
    pub assignee: &'static str,
    pub assignee_hint: &'static str,
    pub deadline: &'static str,
    pub offices: &'static str,
    pub offices_hint: &'static str,
    pub way: &'static str,
    pub view: &'static str,
    pub note: &'static str,
    pub review_comment: &'static str,
    pub handle_note: &'static str,
    pub explain_note: &'static str,
    pub hand_up_note: &'static str,
    pub skip_reason: &'static str,
    pub skip_reason_hint: &'static str,
    pub step_saved: &'static str,
    pub lists_intro: &'static str,
    pub by_state: &'static str,
    pub never_visited: &'static str,
    pub last_visit_is: &'static str,
    pub week_of: &'static str,
    pub no_gaps: &'static str,
    pub household_search: &'static str,
    pub show_closed: &'static str,
    pub new_household: &'static str,
    pub household_not_found: &'static str,
    pub household_edit_title: &'static str,
    pub household_new_title: &'static str,
    pub head: &'static str,
    pub head_id_number: &'static str,
    pub phone: &'static str,
    pub address: &'static str,
    pub people: &'static str,
    pub label: &'static str,
    pub label_hint: &'static str,
    pub member_link: &'static str,
    pub categories: &'static str,
    pub household_saved: &'static str,
    pub household_closed: &'static str,
    pub household_reopened: &'static str,
    pub back_to_register: &'static str,
    pub archive_title: &'static str,
    pub closed: &'static str,
    pub on_roster: &'static str,
    pub none_on_roster: &'static str,
    pub visits_title: &'static str,
    pub no_visits: &'static str,
    pub close_household: &'static str,
    pub reopen_household: &'static str,
    pub print_archive: &'static str,
    pub close_reason: &'static str,
    pub close_date: &'static str,
    pub close_confirm: &'static str,
    pub import_households: &'static str,
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub import_mapping: &'static str,
    pub import_default_village: &'static str,
    pub import_no_header: &'static str,
    pub households_unit: &'static str,
    pub import_undone: &'static str,
    pub move_household: &'static str,
    pub move_to: &'static str,
    pub move_confirm: &'static str,
    pub household_moved: &'static str,
    pub village_closed_mark: &'static str,
    pub entry_columns: &'static [&'static str],
    pub household_columns: &'static [&'static str],
}

const ZH_CN: DiaryTexts = DiaryTexts {
    title: "民情日记",
    edit: "修改",
    household_village: "所在村",
    tab_entries: "走访记录",
    tab_new: "写日记",
    tab_lists: "工作清单",
    tab_households: "民情户",
    new_title: "写民情日记（走访记录）",
    edit_title: "修改走访记录",
    form_intro: "走访人、村和日期会保留到下一篇；按 Ctrl+Enter 保存。未保存的内容会自动留作草稿。",
    date: "走访时间",
    writer: "走访人",
    companions: "同行人员",
    village: "走访村",
    households: "走访户",
    roles: "履行“五员”职责",
    category: "民情类别",
    situation: "民情（所见所闻）",
    request: "诉求",
    action: "现场处理情况",
    follow_up: "需要跟踪办理",
    liaison_mark: "（包村干部）",
    save_keys: "Ctrl+Enter 也可保存",
    clear_page: "清空本页",
    draft_restored: "已恢复上次未保存的草稿。",
    entry_saved_next: "已保存。可以接着写下一篇。",
    entry_saved: "已保存修改。",
    entry_not_found: "没有找到这篇走访记录。",
    fix_errors: "请先改正标红的项目。",
    household_hint: "输入户主姓名或拼音首字母，回车选第一个",
    household_none_found: "本村民情户中没有找到。",
    add_household_here: "就地新增这户",
    add_household_needs: "请先选走访村，再输入户主姓名。",
    new_household_head: "新增民情户，户主：",
    add_household_confirm: "加入本次走访",
    group: "村民小组",
    remove: "移除 ",
    unknown_household: "（未登记的户）",
    all_villages: "全部村",
    anyone: "全部走访人",
    household: "民情户",
    any_household: "全部户",
    household_filter_hint: "先选村，再按户查",
    writer_filter_hint: "走访人多，先选村，再按人查",
    any_category: "全部类别",
    state: "办理状态",
    any_state: "全部状态",
    state_open: "未办结（全部在办）",
    from: "从",
    to: "到",
    overdue_only: "只看逾期",
    words: "民情内容",
    words_hint: "输入任意几个字，空格分隔多个词",
    filter_date_invalid: "日期看不懂，请写成 2026-11-20 这样。",
    none_found: "没有符合条件的走访记录。",
    overdue: "逾期",
    back_to_entries: "返回走访记录",
    notebook_title: "民情日记·走访记录",
    yes: "是",
    no: "否",
    print_page: "打印本页",
    matter_title: "跟踪办理：",
    irregular_note: "两个站点在交换前各自办理过，部分步骤顺序不合常规，已全部保留。",
    reading_steps: "正在读取办理记录……",
    texts_coming: "正在读取记录全文……",
    texts_failed: "记录全文未能读出（本机保存的索引已损坏，已清除）。请刷新页面（按 F5），将从记录重新建立索引，不会丢失任何记录。",
    show_whole_lists: "显示全部清单",
    next_steps: "下一步",
    skip_hint: "跳过了应有的步骤，需要写明原因",
    unknown_step: "（新版本的步骤）",
    instruction_is: "批示：",
    assignee_is: "承办：",
    deadline_is: "期限：",
    offices_is: "协调部门：",
    way_is: "反馈方式：",
    view_is: "群众评价：",
    skip_reason_is: "跳过原因：",
    add_step: "办理登记：",
    step_date: "日期",
    step_by: "经办人（签名）",
    instruction: "批示意见",
    assignee: "承办人或承办单位",
    assignee_hint: "如：村委会、镇民政办",
    deadline: "办理期限",
    offices: "协调部门",
    offices_hint: "多个用顿号分隔",
    way: "反馈方式",
    view: "群众评价",
    note: "备注",
    review_comment: "阅批意见",
    handle_note: "办理情况",
    explain_note: "解释说明的内容",
    hand_up_note: "上交原因",
    skip_reason: "跳过步骤的原因",
    skip_reason_hint: "必填：为什么不按顺序",
    step_saved: "已登记：",
    lists_intro: "以下清单由走访记录和办理步骤自动算出，供领导安排工作，不作公开排名。阈值可在“设置”中修改。",
    by_state: "各状态事项数",
    never_visited: "从未走访",
    last_visit_is: "上次走访：",
    week_of: "周一 ",
    no_gaps: "五个必到户都已按时走访。",
    household_search: "查找户主",
    show_closed: "含已迁出、户销的",
    new_household: "新增民情户",
    household_not_found: "没有找到这户。",
    household_edit_title: "修改民情户",
    household_new_title: "新增民情户",
    head: "户主姓名",
    head_id_number: "户主公民身份号码",
    phone: "联系电话",
    address: "住址",
    people: "家庭人口",
    label: "其他标签",
    label_hint: "可不填",
    member_link: "户中的党员（花名册）",
    categories: "户的类别",
    household_saved: "已保存民情户：",
    household_closed: "已办理迁出/户销。",
    household_reopened: "已恢复为在册户。",
    back_to_register: "返回民情户",
    archive_title: "民情档案",
    closed: "迁出/户销",
    on_roster: "户中党员",
    none_on_roster: "花名册中没有关联的党员。",
    visits_title: "走访与办理",
    no_visits: "还没有走访记录。",
    close_household: "迁出/户销",
    reopen_household: "恢复在册",
    print_archive: "打印民情档案",
    close_reason: "原因",
    close_date: "日期",
    close_confirm: "确认",
    import_households: "导入民情户",
    import_title: "导入民情户",
    import_intro: "从 Excel（.xlsx、.xls）或 CSV 文件（UTF-8 或 GBK 编码）导入一个村的民情户名单。先核对每一列对应的项目和每一行的检查结果，确认后才会保存；有问题的行不影响其他行；导入后可以撤销。",
    import_mapping: "表格的列与民情户项目的对应",
    import_default_village: "表格中没有“村”列时，全部登记到",
    import_no_header: "没有找到表头行：表格前 10 行中应有“户主”“身份证号码”“村民小组”等表头。",
    households_unit: "户",
    import_undone: "已撤销这次导入，导入的民情户已删除。",
    move_household: "迁到其他村",
    move_to: "迁入的村",
    move_confirm: "确认迁移",
    household_moved: "已迁移到：",
    village_closed_mark: "（已撤销或撤并）",
    entry_columns: &["走访时间", "村", "走访户", "走访人", "类别", "办理状态", "民情"],
    household_columns: &["户主", "村", "村民小组", "人口", "类别", "迁出/户销"],
};

pub fn rt() -> &'static DiaryTexts {
    &ZH_CN
}

impl DiaryTexts {
    pub fn found(&self, n: usize, total: usize) -> String {
        format!("找到 {n} 篇（共 {total} 篇走访记录）")
    }

    pub fn show_more(&self, left: usize) -> String {
        format!("再显示 100 篇（还有 {left} 篇）")
    }

    pub fn households_count(&self, n: usize) -> String {
        if n >= 500 {
            "显示前 500 户，请选村或输入户主姓名缩小范围".to_string()
        } else {
            format!("共 {n} 户")
        }
    }

    pub fn lists_cut(&self, shown: usize) -> String {
        format!("每张清单先列前 {shown} 条（按期限或走访日期）。")
    }

    pub fn gaps_more(&self, n: usize) -> String {
        format!("……另有 {n} 户")
    }

    pub fn gap_villages_more(&self, n: usize) -> String {
        format!("……另有 {n} 个村有未走访的户，点“显示全部清单”查看。")
    }

    pub fn open_matters(&self, n: usize) -> String {
        format!("：{n} 件在办")
    }

    pub fn overdue_list(&self, n: usize) -> String {
        format!("逾期（{n} 件）")
    }

    pub fn due_soon_list(&self, n: usize, days: u32) -> String {
        format!("即将到期：{days} 天内（{n} 件）")
    }

    pub fn awaiting_list(&self, n: usize, days: u32) -> String {
        format!("待阅批超过 {days} 天（{n} 篇）")
    }

    pub fn open_households_list(&self, n: usize) -> String {
        format!("有在办事项的户（{n} 户）")
    }

    pub fn weeks_title(&self, min_days: u32) -> String {
        format!("干部下村情况（每周应不少于 {min_days} 天；标红为不足）")
    }

    pub fn week_cell(&self, days: u32, visits: u32) -> String {
        format!("{days} 天 / {visits} 篇")
    }

    pub fn gaps_title(&self, days: u32) -> String {
        format!("五个必到户：超过 {days} 天未走访")
    }
}

/// A diary page's problem, at its field.
pub fn diary_problem(p: &DiaryProblem) -> String {
    match p {
        DiaryProblem::Required => "这一项必须填写。".into(),
        DiaryProblem::TooLong(n) => format!("太长了，最多 {n} 个字。"),
        DiaryProblem::DateInvalid => "日期看不懂，请写成 2026-11-20 这样。".into(),
        DiaryProblem::DateInFuture => "走访时间晚于今天。请核对日期（也请看看电脑的日期是否正确）。".into(),
        DiaryProblem::WriterUnknown => "走访人不在本站的党员或干部名单中。".into(),
        DiaryProblem::VillageUnknown => "本站没有这个村。".into(),
        DiaryProblem::VillageClosed => "这个村在走访日期前已撤销或撤并，请选并入后的村。".into(),
        DiaryProblem::HouseholdUnknown(_) => "有一户不在民情户名册中。".into(),
        DiaryProblem::HouseholdClosed(_) => "有一户在走访日期前已迁出或户销。".into(),
        DiaryProblem::HouseholdInOtherVillage(_) => "有一户不属于所选的村。".into(),
        DiaryProblem::HouseholdVillageClosed(_) => "有一户所在的村已撤销或撤并。".into(),
    }
}

pub fn household_problem(p: &HouseholdProblem) -> String {
    match p {
        HouseholdProblem::Required => "这一项必须填写。".into(),
        HouseholdProblem::TooLong(n) => format!("太长了，最多 {n} 个字。"),
        HouseholdProblem::IdNumber(e) => id_number_error(e),
        HouseholdProblem::IdNumberTaken { head, .. } => format!("这个身份号码已登记为“{head}”户的户主。"),
        HouseholdProblem::Phone => "联系电话看不懂：手机 11 位，座机可带区号。".into(),
        HouseholdProblem::NotANumber => "家庭人口请填整数。".into(),
        HouseholdProblem::NotPositive => "家庭人口至少为 1。".into(),
        HouseholdProblem::TooMany(n) => format!("家庭人口不能超过 {n}。"),
        HouseholdProblem::VillageUnknown => "本站没有这个村。".into(),
        HouseholdProblem::VillageClosed => "这个村已撤销或撤并，请登记到并入后的村。".into(),
        HouseholdProblem::NotAVillage => "民情户只能登记在村（社区）党组织下。".into(),
        HouseholdProblem::MemberUnknown => "这名党员不在本站花名册中。".into(),
    }
}

pub fn close_problem(e: &CloseError) -> String {
    match e {
        CloseError::AlreadyClosed => "这户已经迁出或户销。".into(),
        CloseError::NotClosed => "这户在册，无需恢复。".into(),
        CloseError::DateMissing => "请填写日期。".into(),
        CloseError::DateInvalid => "日期看不懂，请写成 2026-11-20 这样。".into(),
        CloseError::DateInFuture => "日期晚于今天。".into(),
        CloseError::Village(p) => household_problem(p),
        CloseError::SameVillage => "这户已在该村。".into(),
    }
}

pub fn step_problem(p: &StepProblem) -> String {
    match p {
        StepProblem::Required => "这一项必须填写。".into(),
        StepProblem::TooLong(n) => format!("太长了，最多 {n} 个字。"),
        StepProblem::DateInvalid => "日期看不懂，请写成 2026-11-20 这样。".into(),
        StepProblem::DateInFuture => "日期晚于今天。请核对（也请看看电脑的日期是否正确）。".into(),
        StepProblem::DateBeforeVisit => "日期早于走访时间。".into(),
        StepProblem::DateBeforeLastStep(d) => format!("日期早于上一步（{d}）。"),
        StepProblem::DeadlineBeforeVisit => "办理期限早于走访时间。".into(),
        StepProblem::DeadlineBeforeStep => "办理期限早于督办日期。".into(),
        StepProblem::SkipsStep { expected } => format!("跳过了“{}”，请写明原因。", expected.label()),
        StepProblem::FeedbackBeforeDone => "反馈要在办结之后：还没有办结，或反馈日期早于办结日期。".into(),
        StepProblem::OutOfOrder => "这一步已经过了，不能倒回。".into(),
        StepProblem::MatterEnded => "这件事已经结束（销号、解释说明或上交）。".into(),
    }
}

/// A diary field's name in the audit trail.
pub fn field_label(field: &str) -> String {
    use crate::domain::diary::*;
    let words = match field {
        DATE => rt().date,
        WRITER => rt().writer,
        COMPANIONS => rt().companions,
        VILLAGE => rt().village,
        HOUSEHOLDS => rt().households,
        ROLES => rt().roles,
        CATEGORY => rt().category,
        SITUATION => rt().situation,
        REQUEST => rt().request,
        ACTION => rt().action,
        FOLLOW_UP => rt().follow_up,
        other => return other.to_string(),
    };
    words.to_string()
}

/// A household's stored field by its key, as its form labels it (the conflicts page).
pub fn household_key_label(key: &str) -> String {
    use crate::domain::household::*;
    let field = match key {
        VILLAGE => Field::Village,
        HEAD => Field::Head,
        ID_NUMBER => Field::IdNumber,
        PHONE => Field::Phone,
        GROUP => Field::Group,
        ADDRESS => Field::Address,
        PEOPLE => Field::People,
        CATEGORIES => Field::Categories,
        LABEL => Field::Label,
        MEMBER => Field::Member,
        NOTE => Field::Note,
        CLOSED => return rt().closed.to_string(),
        CLOSED_REASON => return rt().close_reason.to_string(),
        other => return other.to_string(),
    };
    household_field_label(field).to_string()
}

impl DiaryTexts {
    pub fn import_village_not_found(&self, name: &str) -> String {
        format!("村“{name}”在本站点不存在（或已撤销、撤并）：请先建立该村党组织，或改正表格中的村名。")
    }

    pub fn import_village_ambiguous(&self, name: &str) -> String {
        format!("本站点有多个以“{name}”开头的村党组织，无法确定是哪一个：请写全称。")
    }

    pub fn import_duplicate(&self, row: usize) -> String {
        format!("户主公民身份号码与表格第 {row} 行重复。")
    }

    pub fn import_several_with_id(&self, count: usize) -> String {
        format!("本站点有 {count} 户在册民情户的户主公民身份号码与此相同，无法确定更新哪一户：请先在民情户台账中核对这几户。")
    }

    /// A row that is a household closed (迁出, 户销) on `date`.
    pub fn import_household_closed(&self, reason: &str, date: &str) -> String {
        let when = if date.is_empty() { String::new() } else { format!("（{date}）") };
        format!("该户已{reason}{when}：导入只更正其信息，该户仍不在册；如已迁回，请在该户档案中点“恢复在册”。")
    }

    pub fn import_categories_as_label(&self, words: &str) -> String {
        format!("类别“{words}”不在固定类别中，已作为其他标签保存。")
    }

    /// Said on the archive of a household whose village was closed or merged away.
    pub fn village_gone(&self, village: &str, into: Option<&str>) -> String {
        match into {
            Some(to) => format!("所在村“{village}”已撤并到“{to}”。请把这户迁过去。"),
            None => format!("所在村“{village}”已撤销。请把这户迁到现在所属的村。"),
        }
    }
}

/// A household form input's name (the import's columns, its row problems).
pub fn household_field_label(f: crate::domain::household::Field) -> &'static str {
    use crate::domain::household::Field;
    match f {
        Field::Village => rt().household_village,
        Field::Head => rt().head,
        Field::IdNumber => rt().head_id_number,
        Field::Phone => rt().phone,
        Field::Group => rt().group,
        Field::Address => rt().address,
        Field::People => rt().people,
        Field::Categories => rt().categories,
        Field::Label => rt().label,
        Field::Member => rt().member_link,
        Field::Note => rt().note,
    }
}

/// 统计汇报's strings (the 汇报, 公开栏, 督办单 and charts: `report.rs`, `charts.rs`): `pt()`.
pub struct ReportTexts {
    pub tab_report: &'static str,
    pub nav_report: &'static str,
    pub nav_board: &'static str,
    pub nav_charts: &'static str,
    pub month: &'static str,
    pub scope: &'static str,
    pub made_on: &'static str,
    pub total: &'static str,
    pub by_village: &'static str,
    pub by_writer: &'static str,
    pub col_village: &'static str,
    pub col_writer: &'static str,
    pub report_columns: &'static [&'static str],
    pub report_notes: &'static str,
    pub card_visits: &'static str,
    pub card_opened: &'static str,
    pub card_finished: &'static str,
    pub card_overdue: &'static str,
    pub card_on_time: &'static str,
    pub card_satisfaction: &'static str,
    pub card_coverage: &'static str,
    pub nothing: &'static str,
    pub board_columns: &'static [&'static str],
    pub board_none: &'static str,
    pub board_mask: &'static str,
    pub print_sheet: &'static str,
    pub sheet_title: &'static str,
    pub sheet_no: &'static str,
    pub back_to_entry: &'static str,
    pub s_village: &'static str,
    pub s_visit_date: &'static str,
    pub s_household: &'static str,
    pub s_phone: &'static str,
    pub s_writer: &'static str,
    pub s_category: &'static str,
    pub s_review: &'static str,
    pub s_assignee: &'static str,
    pub s_supervisor: &'static str,
    pub s_supervised_on: &'static str,
    pub s_deadline: &'static str,
    pub s_handling: &'static str,
    pub s_outcome: &'static str,
    pub s_feedback: &'static str,
    pub s_close: &'static str,
    pub sign_assignee: &'static str,
    pub sign_household: &'static str,
    pub sign_supervisor: &'static str,
    pub chart_months: &'static str,
    pub chart_categories: &'static str,
    pub chart_states: &'static str,
    pub chart_on_time: &'static str,
    pub chart_satisfaction: &'static str,
    pub no_category: &'static str,
    pub chart_coverage: &'static str,
    pub village_columns: &'static [&'static str],
    pub writer_columns: &'static [&'static str],
    pub period_reversed: &'static str,
}

const REPORT_ZH_CN: ReportTexts = ReportTexts {
    tab_report: "统计汇报",
    nav_report: "月度汇报",
    nav_board: "公开栏",
    nav_charts: "统计图表",
    month: "月份",
    scope: "范围",
    made_on: "统计日期：",
    total: "合计",
    by_village: "按村",
    by_writer: "按走访人",
    col_village: "村",
    col_writer: "走访人",
    report_columns: &["走访次数", "新增事项", "办结", "逾期", "按期办结率", "满意", "基本满意", "不满意", "满意率"],
    report_notes: "说明：走访次数为本期的走访记录篇数；新增事项为其中需要跟踪办理的；办结含解释说明、上交，因“不满意”重新办理的不计；逾期为期末（本期未结束的为今天）超过督办期限仍未办结的；按期办结率为期限在本期内且已到期（或已提前办结）的督办事项中，在期限内办结的比例；满意、基本满意、不满意按本期的反馈计，满意率含基本满意。",
    card_visits: "走访次数",
    card_opened: "新增事项",
    card_finished: "办结",
    card_overdue: "逾期",
    card_on_time: "按期办结率",
    card_satisfaction: "满意率",
    card_coverage: "五个必到覆盖率",
    nothing: "这段时间没有走访和办理记录。",
    board_columns: &["户主", "民情类别", "诉求", "办理结果", "群众评价", "公开日期"],
    board_none: "这段时间没有标记公开的事项。",
    board_mask: "户主姓名显示为",
    print_sheet: "打印督办单",
    sheet_title: "民情事项督办单",
    sheet_no: "编号：",
    back_to_entry: "返回走访记录",
    s_village: "村",
    s_visit_date: "走访日期",
    s_household: "户主",
    s_phone: "联系电话",
    s_writer: "走访人",
    s_category: "民情类别",
    s_review: "阅批意见",
    s_assignee: "承办人（单位）",
    s_supervisor: "督办人",
    s_supervised_on: "督办日期",
    s_deadline: "办理期限",
    s_handling: "办理情况",
    s_outcome: "办结情况",
    s_feedback: "反馈情况",
    s_close: "督办销号",
    sign_assignee: "承办人签字：＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
    sign_household: "群众签字：＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
    sign_supervisor: "督办人签字：＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
    chart_months: "每月走访次数",
    chart_categories: "民情类别",
    chart_states: "办理状态",
    chart_on_time: "按期办结率（按村）",
    chart_satisfaction: "满意率（按村）",
    no_category: "未填类别",
    chart_coverage: "五个必到覆盖率（按村）",
    village_columns: &["走访次数", "新增事项", "办结", "逾期", "按期办结率", "满意率", "五个必到覆盖"],
    writer_columns: &["走访次数", "新增事项", "办结", "按期办结率", "满意率", "走访五个必到户"],
    period_reversed: "开始日期晚于结束日期。",
};

pub fn pt() -> &'static ReportTexts {
    &REPORT_ZH_CN
}

impl ReportTexts {
    pub fn month_label(&self, year: i32, month: u32) -> String {
        format!("{year}年{month}月")
    }

    pub fn month_short(&self, month: u32) -> String {
        format!("{month}月")
    }

    pub fn month_visits(&self, year: i32, month: u32, n: usize) -> String {
        format!("{year}年{month}月：{n} 次")
    }

    pub fn report_title(&self, place: &str, year: i32, month: u32) -> String {
        format!("{place}民情日记工作汇报（{year}年{month}月）")
    }

    pub fn board_title(&self, place: &str, year: i32, month: u32) -> String {
        format!("{place}民情公开栏（{year}年{month}月）")
    }

    pub fn board_count(&self, n: usize) -> String {
        format!("公开事项 {n} 件")
    }

    pub fn charts_title(&self, place: &str) -> String {
        format!("{place}民情日记统计")
    }

    /// A household named only by its 村民小组.
    pub fn resident_of(&self, group: &str) -> String {
        format!("{group}村民")
    }

    pub fn coverage_note(&self, days: u32) -> String {
        format!("五个必到覆盖率：期末（或今天）前 {days} 天内走访过的五个必到户占在册五个必到户的比例（天数在“设置”中修改）；“走访五个必到户”为该走访人这段时间走访过的五个必到户数。")
    }
}
