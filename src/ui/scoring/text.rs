//! 考核评分's own strings (zh-CN). Strings every section shares are in `ui/text.rs`; the domain's
//! checks word their own messages (`MeetingProblem::message`, `EntryProblem::message`).

pub const TITLE: &str = "考核评分";
pub const TAB_MEETINGS: &str = "组织生活";
pub const TAB_POINTS: &str = "党员积分";

pub const MEETINGS_INTRO: &str =
    "登记“三会一课”和主题党日：会议日期、党组织、类型、主题和每名党员的出席情况。出席情况自动计入党员积分。";
pub const NEW_MEETING: &str = "登记会议";
pub const EDIT_MEETING: &str = "会议与出席情况";
pub const FILTER_ORG: &str = "党组织";
pub const ALL_ORGS: &str = "全部组织";
pub const YEAR: &str = "年度";
pub const DATE: &str = "会议日期";
pub const ORG: &str = "召开会议的党组织";
pub const KIND: &str = "会议类型";
pub const TOPIC: &str = "会议主题";
pub const PRESENT: &str = "出席";
pub const LEAVE: &str = "请假";
pub const ABSENT: &str = "缺席";
pub const NONE_YET: &str = "本年度还没有登记会议。";
pub const ATTENDANCE: &str = "出席情况";
pub const ATTENDANCE_HINT: &str = "默认全部出席；请假或缺席的，点选后填写请假事由。";
pub const ATTENDANCE_EMPTY: &str = "请先选择党组织和会议日期，这里会列出当天该组织的党员。";
pub const NAME: &str = "姓名";
pub const REASON: &str = "请假事由";
pub const ALL_PRESENT: &str = "全部设为出席";
pub const SAVED: &str = "已保存会议：";
pub const BACK_TO_LIST: &str = "返回会议列表";
pub const NOT_FOUND: &str = "找不到这次会议，它可能已被删除。";

pub const CADENCE: &str = "会议次数（按规定频次）";
pub const CADENCE_CHOOSE: &str = "选择一个党组织，查看本年度各类会议是否按月、按季度召开。";
pub const CADENCE_OK: &str = "本年度到目前各类会议都已按规定召开。";
pub const MISSED: &str = "连续三次缺席组织生活的党员";
pub const MISSED_NONE: &str = "没有连续三次缺席的党员。";

pub fn counts(present: usize, leave: usize, absent: usize) -> String {
    format!("出席{present}人，请假{leave}人，缺席{absent}人")
}

pub fn meetings_count(n: usize) -> String {
    format!("共{n}次会议")
}

/// After a period's count while the period still runs.
pub const IN_PROGRESS: &str = "（进行中）";

pub fn held(held: u32, expected: u32) -> String {
    format!("{held}/{expected}")
}

pub fn missed_times(n: usize) -> String {
    format!("连续缺席{n}次")
}

pub const POINTS_INTRO: &str = "按年度积分细则计算：基础分加上出席会议、参加培训、走访等自动计分，以及支部录入的加分、扣分。点击姓名查看积分明细。";
pub const BRANCH: &str = "党支部";
pub const CHOOSE_BRANCH: &str = "请选择党支部";
pub const CHOOSE_BRANCH_FIRST: &str = "选择一个党支部，查看本年度党员积分排名。";
pub const RANK: &str = "名次";
pub const TOTAL: &str = "总分";
pub const STARS: &str = "星级";
pub const NOT_RATED: &str = "不参评";
pub const NO_MEMBERS: &str = "该党支部没有党员。";
pub const TEMPLATE_IN_USE: &str = "（内置模板，录入第一条积分时保存为本年度细则）";

pub fn scheme_named(name: &str, year: i32, version: u32) -> String {
    format!("积分细则：{name}（{year}年度，第{version}版）")
}

pub fn stars_text(n: u8) -> String {
    format!("{}星", n)
}

pub const LEDGER_TITLE: &str = "积分明细";
pub const BASE: &str = "基础分";
pub const ITEM: &str = "项目";
pub const POINTS: &str = "分值";
pub const WHY: &str = "事由";
pub const SOURCE: &str = "来源";
pub const SOURCE_MEETING: &str = "会议记录";
pub const SOURCE_TRAINING: &str = "培训记录";
pub const SOURCE_DIARY: &str = "民情日记";
pub const SOURCE_TYPED: &str = "支部录入";
pub const NO_ENTRIES: &str = "本年度还没有积分记录。";
pub const ITEM_TOTALS: &str = "各项得分";
pub const LIMITED: &str = "（已按上下限计）";
pub const MEMBER_NOT_FOUND: &str = "找不到这名党员。";
pub const BACK_TO_RANKING: &str = "返回积分排名";

pub const NEW_ENTRY: &str = "录入加分、扣分";
pub const ENTRY_DATE: &str = "日期";
pub const ENTRY_ITEM: &str = "积分项目";
pub const ENTRY_POINTS: &str = "分值";
pub const ENTRY_POINTS_HINT: &str = "整数，如 2";
pub const ENTRY_REASON: &str = "加减分事由";
pub const ENTRY_SAVED: &str = "已录入积分：";

pub const EXEMPTION: &str = "本年度特殊情况";
pub const EXEMPTION_KIND: &str = "情况";
pub const EXEMPTION_NOTE: &str = "说明";
pub const EXEMPTION_SET: &str = "设定";
pub const EXEMPTION_SAVED: &str = "已设定：";
pub const EXEMPTION_MISSING: &str = "请选择情况。";

pub fn exemption_now(label: &str) -> String {
    format!("；本年度：{label}")
}

pub fn total_line(total: &str, stars: Option<u8>) -> String {
    match stars {
        Some(s) => format!("总分 {total}，{}", stars_text(s)),
        None => format!("总分 {total}，{NOT_RATED}"),
    }
}
