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

pub fn scheme_named(points: bool, name: &str, year: i32, version: u32) -> String {
    let what = if points { "积分细则" } else { "考核办法" };
    format!("{what}：{name}（{year}年度，第{version}版）")
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

pub const TAB_REVIEW: &str = "民主评议";
pub const TAB_APPRAISAL: &str = "干部考核";

// ── 民主评议党员 ──
pub const REVIEW_INTRO: &str = "民主评议党员分四步：支部会议民主评议（录入计票结果或逐张录入选票，选票不记名）→ 支部推荐 → 总支审核 → 党员大会民主评选。预备党员参加评议，但不评定等次。优秀名额按评议办法规定的比例计算。";
pub const REVIEW_TEMPLATE: &str = "（内置模板，开始评议时保存为本年度办法）";
pub const REVIEW_CHOOSE: &str = "选择一个党支部和年度，开展或查看民主评议。";
pub const REVIEW_START: &str = "开始本年度民主评议";
pub const REVIEW_CLOSES: &str = "评议截止日期";
pub const REVIEW_STARTED: &str = "已开始民主评议：";
pub const REVIEW_NONE: &str = "该党支部本年度还没有开展民主评议。";

pub fn review_head(closes: &str) -> String {
    format!("评议截止日期：{closes}（截止后不再录入选票）")
}

pub fn quota_line(quota: usize, base_label: &str, base: usize, share: &str, rounding: &str) -> String {
    format!("优秀名额：{quota}名（{base_label}{base}名的{share}，{rounding}）")
}

pub fn step_title(n: usize, label: &str) -> String {
    format!("第{n}步　{label}")
}

pub const COUNTS_TITLE: &str = "评议票数";
pub const NO_COUNTS: &str = "还没有录入计票结果或选票。";
pub const FROM: &str = "来源";
pub const FROM_TALLY: &str = "计票结果";

pub fn from_ballots(n: usize) -> String {
    format!("{n}张选票")
}

pub fn probationary_line(names: &str) -> String {
    format!("预备党员（参加评议，不评定等次）：{names}")
}

pub fn late_ballots(n: usize) -> String {
    format!("有{n}张选票的日期晚于评议截止日期，未计入。")
}

pub const TALLY_TITLE: &str = "录入计票结果";
pub const TALLY_HINT: &str = "按纸质计票单，逐名党员录入各等次票数；同一党员再次录入时以新结果为准。";
pub const MEMBER: &str = "党员";
pub const VOTERS_PRESENT: &str = "实到人数";
pub const ABSTAIN: &str = "弃权";
pub const TALLY_SAVED: &str = "已录入计票结果：";
pub const NOT_A_COUNT: &str = "请填写0或正整数。";
pub const CHOOSE_MEMBER: &str = "请选择党员。";

pub const BALLOT_TITLE: &str = "逐张录入选票（不记名）";
pub const BALLOT_LEGEND: &str = "对每名党员的评价";
pub const BALLOT_HINT: &str = "按选票逐名选择；未填的留空。选票不记录投票人。";
pub const NOT_MARKED: &str = "未填";
pub const BALLOT_SAVED: &str = "已录入一张选票。";

pub const STEPS_TITLE: &str = "评定结果";
pub const CLOSE: &str = "关闭";
pub const RESULTS_HINT: &str = "点击姓名，查看该党员的评议票数、各步骤等次及其依据。";

pub fn explain_title(name: &str) -> String {
    format!("{name}的评议结果")
}

pub fn explain_counts(step: &str, counts: &str, from: &str) -> String {
    format!("{step}：{counts}（来源：{from}）")
}

pub fn explain_no_counts(step: &str) -> String {
    format!("{step}：没有票数")
}

pub fn explain_step(step: &str, grade: &str, date: &str) -> String {
    format!("{step}：{grade}（{date}记录）")
}

pub fn explain_final(grade: Option<&str>) -> String {
    format!("最终等次：{}", grade.unwrap_or("尚未评定"))
}
pub const STEP: &str = "评议步骤";
pub const STEP_DATE: &str = "日期";
pub const GRADES: &str = "评定等次";
pub const GRADES_HINT: &str = "默认沿用上一步的等次；评为优秀的人数不能超过优秀名额。";
pub const RECORD_STEP: &str = "记录评定结果";
pub const STEP_SAVED: &str = "已记录：";
pub const NO_STEPS: &str = "还没有记录评定结果。";

pub const DISPOSAL_TITLE: &str = "不合格党员处置";
pub const DISPOSAL_HINT: &str =
    "党员大会评选为不合格的党员，由支部大会表决处置：实到人数须超过应到人数的半数，赞成人数须超过应到人数的半数。";
pub const MEASURE: &str = "处置方式";
pub const ENTITLED: &str = "应到人数";
pub const PRESENT_AT_VOTE: &str = "实到人数";
pub const APPROVE: &str = "赞成人数";
pub const VOTE: &str = "表决情况";
pub const NOTE: &str = "说明";
pub const DISPOSE: &str = "记录处置";
pub const DISPOSAL_SAVED: &str = "已记录处置：";
pub const DISPOSAL_KEPT: &str = "。会议日期和表决人数已保留，可以接着记录下一名党员的处置。";
pub const NO_DISPOSALS: &str = "没有处置记录。";
pub const NO_UNQUALIFIED: &str = "党员大会评选中没有不合格等次的党员。";

pub fn vote_text(entitled: u32, present: u32, approve: u32) -> String {
    format!("应到{entitled}人，实到{present}人，赞成{approve}人")
}

// ── 干部考核 ──
pub const APPRAISAL_INTRO: &str = "村干部德、能、勤、绩、廉考核（双述双评）：年初履职承诺，年中检查评估，年末述职、述廉，再由各评议主体不记名评分。点击干部姓名查看考核表。";
pub const APPRAISAL_TEMPLATE: &str = "（内置模板，建立第一份考核时保存为本年度办法）";
pub const CADRE: &str = "干部";
pub const POSTS: &str = "职务";
pub const SCORE: &str = "得分";
pub const GRADE: &str = "等次";
pub const PAY: &str = "效益工资";
pub const NO_PAY: &str = "无";
pub const NOT_APPRAISED: &str = "未建立";
pub const NO_CADRES: &str = "还没有登记干部（在“干部与培训”中登记）。";
pub const CADRE_NOT_FOUND: &str = "找不到这名干部。";
pub const BACK_TO_CADRES: &str = "返回干部考核";
pub const START_APPRAISAL: &str = "建立本年度考核";
pub const APPRAISAL_STARTED: &str = "已建立考核：";
pub const APPRAISAL_NONE: &str = "这名干部本年度还没有建立考核。";

pub fn appraisal_title(name: &str, year: i32) -> String {
    format!("{name}　{year}年度考核")
}

pub fn result_line(total: &str, grade: &str, pay: &str) -> String {
    format!("得分 {total}，{grade}，{pay}")
}

pub const COMMITMENTS: &str = "履职承诺";
pub const COMMITMENT_TEXT: &str = "承诺内容";
pub const COMMITMENT_DUE: &str = "完成时限";
pub const COMMITMENT_MET: &str = "兑现日期";
pub const ADD_COMMITMENT: &str = "添加承诺";
pub const COMMITMENT_SAVED: &str = "已添加承诺：";
pub const NO_COMMITMENTS: &str = "还没有履职承诺。";
pub const MARK_MET: &str = "记为兑现";
pub const NOT_MET: &str = "未兑现";

pub const TEXTS: &str = "年中检查与述职述廉";
pub const MIDTERM_DATE: &str = "年中检查日期";
pub const MIDTERM: &str = "年中检查评估意见";
pub const REPORT: &str = "述职报告";
pub const INTEGRITY_REPORT: &str = "述廉报告";
pub const TEXTS_SAVED: &str = "已保存述职述廉。";
pub const NOTHING_CHANGED: &str = "没有改动。";

pub const SHEET_TITLE: &str = "录入评分表（不记名）";
pub const SHEET_HINT: &str = "每位评分人一张表，只记所在评议主体，不记姓名。";
pub const RATER_GROUP: &str = "评议主体";
pub const SHEET_SAVED: &str = "已录入一张评分表。";

pub fn score_label_of(label: &str, max: i64) -> String {
    format!("{label}（0–{max}分）")
}

pub fn group_option(label: &str, weight: u32) -> String {
    format!("{label}（权重{weight}%）")
}

pub const GROUPS_TITLE: &str = "各评议主体";
pub const WEIGHT: &str = "权重";
pub const SHEETS: &str = "评分表";
pub const MEAN: &str = "平均分";
pub const TRIMMED: &str = "去掉最高分和最低分";
pub const NOT_TRIMMED: &str = "全部计入";
pub const NO_SHEETS: &str = "暂无";
pub const MISSING_GROUPS: &str = "没有评分表的评议主体，其权重按比例分给其他评议主体。";

pub fn weight_text(w: u32) -> String {
    format!("{w}%")
}

pub fn trim_rule(n: u32) -> String {
    format!("评议主体评分表达到{n}张时，去掉一个最高分和一个最低分后取平均。")
}

pub fn invalid_sheets(n: usize) -> String {
    format!("有{n}张评分表分数不全或超出范围，未计入。")
}

pub const ITEMS_TITLE: &str = "各项得分";
pub const FULL_MARKS: &str = "满分";
pub const INPUTS: &str = "依据";

pub fn sheets_input(kept: usize, dropped: usize) -> String {
    if dropped == 0 {
        format!("评分表{kept}张")
    } else {
        format!("评分表{kept}张（另去掉最高、最低{dropped}张）")
    }
}

pub fn counted_input(what: &str, n: usize) -> String {
    format!("{what}，依据{n}条记录")
}

pub fn typed_input(n: usize) -> String {
    format!("录入{n}条")
}

pub const PRINT_SHEET: &str = "打印考核表";
pub const PRINT_BACK: &str = "返回考核";

pub fn print_title(year: i32) -> String {
    format!("{year}年度村干部德能勤绩廉考核表")
}

pub const PRINT_NAME: &str = "姓名";
pub const PRINT_ORG: &str = "所在党组织";
pub const PRINT_TOTAL: &str = "考核得分";
pub const PRINT_SIGN: &str =
    "考核组负责人（签字）：　　　　　　　　　　乡镇党委（盖章）：　　　　　　　　　　年　　月　　日";

// 公信度调查 and 组织评定 (points 6 and 7).
pub const TAB_CREDIBILITY: &str = "公信度";
pub const TAB_ORGS: &str = "组织评定";

pub const CREDIBILITY_INTRO: &str = "村“两委”班子及其成员的公信度调查：基层干部、党代表、人大代表、政协委员和群众逐张填写调查表（不记名），对班子和每名成员回答满意、基本满意、不满意或不了解。“不了解”不计入比率的基数。";
pub const VILLAGE: &str = "村党组织";
pub const CHOOSE_VILLAGE: &str = "请选择村党组织";
pub const CREDIBILITY_CHOOSE: &str = "选择一个村党组织和年度，查看或开展公信度调查。";
pub const CREDIBILITY_TEMPLATE: &str = "（内置模板，开展调查时保存）";
pub const CREDIBILITY_NONE: &str = "该村本年度还没有开展公信度调查。勾选接受调查的班子成员后开始。";
pub const TARGETS: &str = "接受调查的班子成员";
pub const NO_TEAM_MEMBERS: &str = "该组织没有在任的村干部：只调查班子整体。";
pub const START_SURVEY: &str = "开始本年度公信度调查";
pub const SURVEY_STARTED: &str = "已开始公信度调查：";
pub const TEAM: &str = "村“两委”班子";
pub const TARGET: &str = "评价对象";
pub const SATISFIED_RATE: &str = "满意率";
pub const DISSATISFIED_RATE: &str = "不满意率";
pub const CONCLUSION: &str = "结论";
pub const PASSED: &str = "通过";
pub const RESULTS_TITLE: &str = "调查结果";
pub const CREDIBILITY_HINT: &str =
    "满意率为满意和基本满意之和占作答（不含不了解）的比例。点评价对象的名称，查看各类别的比率和依据。";
pub const NO_SHEETS_YET: &str = "还没有录入调查表。";
pub const SURVEY_SHEET_TITLE: &str = "录入一张调查表（不记名）";
pub const SURVEY_SHEET_HINT: &str = "按纸质调查表逐项选择；没有作答的项目留空。";
pub const RESPONDENT_GROUP: &str = "调查对象类别";
pub const ANSWERS: &str = "作答";
pub const SURVEY_SHEET_SAVED: &str = "已录入一张调查表。";
pub const RATER_COUNT: &str = "调查表";

pub fn rates_text(counts: &[u32; 4]) -> String {
    format!("满意{} 基本满意{} 不满意{} 不了解{}", counts[0], counts[1], counts[2], counts[3])
}

pub fn credibility_title(name: &str) -> String {
    format!("{name}的公信度")
}

pub fn group_rates(group: &str, counts: &str, satisfied: &str, dissatisfied: &str) -> String {
    format!("{group}：{counts}；满意率{satisfied}，不满意率{dissatisfied}")
}

pub fn bar_line(min: &str, max: &str) -> String {
    format!("甄别标准：满意和基本满意合计低于{min}，或不满意超过{max}。")
}

pub fn from_sheets(n: usize) -> String {
    format!("依据：调查表{n}张")
}

pub const ORGS_INTRO: &str = "先锋工程“五强”评定：每个党支部每年按百分制逐项评分，得出总分和等次；软弱涣散的迹象由记录自动列出，也可以人工认定；被认定的党组织制定整顿方案，五个“不撤离”条件逐项销号。";
pub const ORGS_TEMPLATE: &str = "（内置模板，第一次评分时保存）";
pub const RATED_ORG: &str = "党组织";
pub const WEAK_SIGNS: &str = "软弱涣散迹象";
pub const ORG_NOT_RATED: &str = "未评定";
pub const NO_ORGS: &str = "还没有党支部。";
pub const RATING_CHOOSE: &str = "点上表中党组织的名称，或在这里选择，录入评分、查看软弱涣散迹象和整顿方案。";
pub const RATING_TITLE: &str = "评分";
pub const RATING_HINT: &str = "各项按细则满分录入整数得分；留空的项目不计分。";
pub const RATING_SAVED: &str = "已保存评分：";
pub const SIGNS_NONE: &str = "记录中没有软弱涣散的迹象。";
pub const MARK_WEAK: &str = "认定为软弱涣散";
pub const WEAK_REASON: &str = "认定原因";
pub const SAVE_MARK: &str = "保存认定";
pub const MARK_SAVED: &str = "已保存认定。";
pub const RATE_FIRST: &str = "请先保存本年度评分，再认定软弱涣散。";
pub const PLAN_TITLE: &str = "整顿方案（五个“不撤离”）";
pub const PLAN_NONE: &str = "该党组织列为软弱涣散，还没有整顿方案。";
pub const PLAN_START: &str = "整顿开始日期";
pub const PLAN_LEADER: &str = "联系领导或包村干部";
pub const CREATE_PLAN: &str = "建立整顿方案";
pub const PLAN_SAVED: &str = "已建立整顿方案。";
pub const CONDITION: &str = "不撤离条件";
pub const MET_ON: &str = "达到日期";
pub const CHECK_OFF: &str = "销号";
pub const NOT_YET: &str = "未达到";
pub const CLOSE_PLAN: &str = "结束整顿";
pub const PLAN_CLOSED: &str = "五个“不撤离”条件均已达到，整顿结束，工作组可以撤离。";

pub fn plan_open(open: &[&str]) -> String {
    format!("还有{}项条件未达到，不能结束整顿：{}。", open.len(), open.join("、"))
}

pub fn plan_head(start: &str, leader: &str) -> String {
    if leader.is_empty() {
        format!("整顿自{start}开始。")
    } else {
        format!("整顿自{start}开始，负责人：{leader}。")
    }
}

pub fn rating_title(name: &str, year: i32) -> String {
    format!("{name}　{year}年度评定")
}

pub fn total_grade(total: &str, grade: &str, passed: bool) -> String {
    let line = if passed { "达到“五强”标准" } else { "未达到“五强”标准" };
    format!("总分{total}分，等次：{grade}，{line}")
}

pub fn org_explain_title(name: &str) -> String {
    format!("{name}的评定得分")
}

pub fn item_line(label: &str, points: &str, max: i64, inputs: &str) -> String {
    format!("{label}：{points}分（满分{max}分；{inputs}）")
}
pub const CONCLUSION_ALL: &str = "合计";
pub const SEQ: &str = "序号";
pub const NO_ANSWERS: &str = "暂无作答";
pub const FLAGGED: &str = "列入甄别";
pub const FLAGGED_TITLE: &str = "列入甄别的班子或成员：";

pub fn signs_count(n: usize) -> String {
    format!("{n}项")
}
pub const PRINT_SUMMARY: &str = "打印测评汇总表";
pub const PRINT_BACK_SURVEY: &str = "返回公信度调查";
pub const BY_GROUP: &str = "各类调查对象的满意率";
pub const SUMMARY_SIGN: &str =
    "调查组负责人（签字）：　　　　　　　　　　乡镇党委（盖章）：　　　　　　　　　　年　　月　　日";

pub fn summary_title(year: i32) -> String {
    format!("{year}年度村“两委”班子公信度测评汇总表")
}

/// The 党员积分 ranking's title, as its .xlsx names it.
pub fn ranking_title(branch: &str, year: &str) -> String {
    format!("{branch}{year}年度党员积分排名")
}

/// The 干部考核 list's title, as its .xlsx names it.
pub fn appraisal_list_title(year: &str) -> String {
    format!("{year}年度村干部考核结果")
}

/// A branch's 民主评议 results, as their .xlsx names them.
pub fn review_results_title(branch: &str, year: i32) -> String {
    format!("{branch}{year}年度民主评议党员结果")
}

// Outputs: the .xlsx of 公信度 and 组织评定, and the 公示 notices (notice.rs).

/// A village's 公信度 results, as their .xlsx names them.
pub fn credibility_results_title(village: &str, year: i32) -> String {
    format!("{village}{year}年度公信度调查结果")
}

/// A group's 满意率, as a column of the 公信度 .xlsx.
pub fn group_rate_head(group: &str) -> String {
    format!("{group}满意率")
}

/// The year's 组织评定, as its .xlsx names it.
pub fn org_rating_title(year: i32) -> String {
    format!("{year}年度党组织评定结果")
}

pub const WEAK_MARK: &str = "软弱涣散认定";
pub const PRINT_NOTICE: &str = "打印公示";
pub const NOTICE_HINT: &str =
    "公示期一般为5个工作日，可以改为自然日或其他天数；遇法定节假日请相应延长。受理单位、电话和地址会记住，下次不用再填。";
pub const NOTICE_START: &str = "公示开始日期";
pub const NOTICE_DAYS: &str = "公示天数";
pub const NOTICE_COUNT: &str = "天数计算";
pub const NOTICE_ISSUER: &str = "发布单位";
pub const NOTICE_OFFICE: &str = "受理单位";
pub const NOTICE_PHONE: &str = "受理电话";
pub const NOTICE_ADDRESS: &str = "受理地址";
/// A contact not filled in: a line to write it by hand.
pub const NOTICE_BLANK: &str = "＿＿＿＿＿＿＿＿＿＿";
pub const NOTICE_PHONE_WORDS: &str = "受理电话：";
pub const NOTICE_ADDRESS_WORDS: &str = "受理地址：";
pub const NOTICE_REAL_NAME: &str = "反映情况应实事求是，提倡署真实姓名，以便调查核实。";
pub const NOTICE_RESULT: &str = "评议结果";
pub const NOTICE_POINTS: &str = "积分";
pub const NOTICE_BACK_REVIEW: &str = "返回民主评议";
pub const NOTICE_BACK_APPRAISAL: &str = "返回干部考核";
pub const NOTICE_BACK_POINTS: &str = "返回党员积分";
pub const NOTICE_NO_REVIEW_RESULT: &str = "党员大会民主评选还没有评出优秀或不合格党员。";
pub const NOTICE_NO_APPRAISAL: &str = "本年度还没有考核结果。";
pub const NOTICE_NO_MEMBERS: &str = "该党支部没有党员。";

pub fn notice_period(period: &str) -> String {
    format!("公示时间：{period}。")
}

pub fn notice_objection(office: &str) -> String {
    format!("公示期间，如对公示对象有异议，可通过来信、来电、来访等方式向{office}反映。")
}

pub fn review_notice_title(branch: &str, year: i32) -> String {
    format!("关于{branch}{year}年度民主评议党员结果的公示")
}

pub fn review_notice_body(branch: &str, year: i32, excellent: usize, unqualified: usize) -> String {
    format!(
        "根据民主评议党员工作安排，{branch}经支部会议民主评议、支部推荐、总支审核和党员大会民主评选，\
         评定{year}年度优秀党员{excellent}名、不合格党员{unqualified}名，现将结果予以公示。"
    )
}

pub fn appraisal_notice_title(year: i32) -> String {
    format!("关于{year}年度村干部考核结果的公示")
}

pub fn appraisal_notice_body(year: i32, n: usize) -> String {
    format!("根据村干部德、能、勤、绩、廉考核办法，经述职述廉、民主测评和综合评定，{year}年度{n}名村干部的考核结果如下，现予公示。")
}

pub fn stars_notice_title(branch: &str, year: i32) -> String {
    format!("关于{branch}{year}年度党员评星定级结果的公示")
}

pub fn stars_notice_body(branch: &str, year: i32) -> String {
    format!("根据党员积分管理办法，{branch}{year}年度党员积分和评星定级结果如下，现予公示。")
}
pub const BY_POINTS: &str = "按党员平均积分排名";
pub const BY_POINTS_HIDE: &str = "收起党员平均积分排名";
pub const MEMBERS_RATED: &str = "参评党员";
pub const AVERAGE_POINTS: &str = "平均积分";
pub const BY_POINTS_HINT: &str =
    "按本年度党员积分细则计算，党小组的党员计入所在党支部；不参评（年老体弱）的党员不计入平均。";
pub const NO_BRANCH_POINTS: &str = "各党支部还没有参评党员。";

/// The branches ranked by their members' points, as the card and its .xlsx name them.
pub fn branch_points_title(year: i32) -> String {
    format!("{year}年度各党支部党员平均积分排名")
}

/// Results an import changed since the page last showed them.
pub const CHANGED_TITLE: &str = "导入其他站点的数据后，以下结果与上次查看时不同：";
pub const CHANGED_SEEN: &str = "知道了";

pub fn changed_line(name: &str, before: Option<&str>, after: Option<&str>) -> String {
    let shown = |r: Option<&str>| r.map_or("（无）".to_string(), str::to_string);
    format!("{name}：{} → {}", shown(before), shown(after))
}

/// A member's year total and stars as a changed result shows them.
pub fn total_with_stars(total: &str, stars: &str) -> String {
    format!("{total}分 {stars}")
}

/// A member's 民主评议 result as a changed result shows it: step 1's counts, then each later
/// step's grade.
pub fn review_result(counts: &str, steps: &[&str; 3], grades: &[String; 3]) -> String {
    let mut parts = vec![counts.to_string()];
    parts.extend(steps.iter().zip(grades).filter(|(_, g)| !g.is_empty()).map(|(s, g)| format!("{s}：{g}")));
    parts.join("；")
}

/// A score and its grade (a cadre's appraisal, a branch's rating) as a changed result shows them.
pub fn score_with_grade(total: &str, grade: &str) -> String {
    if grade.is_empty() {
        total.to_string()
    } else {
        format!("{total}（{grade}）")
    }
}

/// An exemption set for the year, as its line lists it.
pub fn exemption_set_line(label: &str, note: &str) -> String {
    if note.is_empty() {
        format!("已设定：{label}")
    } else {
        format!("已设定：{label}（{note}）")
    }
}
pub const EXEMPTION_WITHDRAW: &str = "撤销";
pub const EXEMPTION_WITHDRAWN: &str = "已撤销：";

/// A 公信度 target's rates as a changed result shows them.
pub fn credibility_result(satisfied: &str, dissatisfied: &str) -> String {
    format!("满意率{satisfied}，不满意率{dissatisfied}")
}

// 考核方案 (`schemes`): the schemes of a year and one scheme's items and parameters.
pub const TAB_SCHEMES: &str = "考核方案";
pub const SCHEMES_INTRO: &str = "各类考核按本年度的考核方案（积分细则、考核办法）计分。没有保存过的，使用内置模板；方案一旦有评分记录使用就被锁定，再修改会生成新版本：已有的评议、考核、调查和评定结果仍按原版本计算，党员积分按年度现行版本计算全年。";
pub const FAMILY: &str = "考核类别";
pub const SCHEME_NAME: &str = "方案名称";
pub const VERSION: &str = "版本";
pub const SCHEME_STATE: &str = "状态";
pub const EARLIER: &str = "以前的版本";
pub const NOT_STORED: &str = "内置模板，未保存";
pub const NONE_EARLIER: &str = "无";
pub const BACK_TO_SCHEMES: &str = "返回考核方案";
pub const SCHEME_ITEMS_TITLE: &str = "评分项目";
pub const PARAMS_TITLE: &str = "计分规则";
pub const NO_ITEMS_REVIEW: &str = "民主评议党员按选票评定等次，不设评分项目；这里只设定优秀名额。";
pub const COL_LABEL: &str = "项目名称";
pub const COL_POINTS: &str = "分值";
pub const COL_CAP: &str = "上限";
pub const COL_FLOOR: &str = "下限";
pub const COL_FILL: &str = "计分方式";
pub const COL_COUNTER: &str = "统计内容";
pub const COL_ACTIONS: &str = "调整";
/// How a family's items are read, said above their table.
pub fn items_hint(family: crate::domain::scoring::scheme::Family) -> &'static str {
    use crate::domain::scoring::scheme::Family::*;
    match family {
        MemberPoints => "分值是每次（每条）记录的分数，扣分填负数；上限、下限是该项全年合计的范围，不限的留空。",
        CadreAppraisal => "分值是该项的满分，各一级项目合计100分，分项合计的项目等于其下级项目之和；按记录统计次数的项目，上限是得满分所需的次数。",
        OrgRating => "分值是该项的满分，各一级项目合计100分，分项合计的项目等于其下级项目之和。",
        Credibility => "每个项目是调查表上的一个问题，按满意、基本满意、不满意、不了解作答。",
        MemberReview => "",
    }
}
pub const MOVE_UP: &str = "上移";
pub const MOVE_DOWN: &str = "下移";
pub const ADD_CHILD: &str = "加下级";
pub const ADD_SIBLING: &str = "加同级";
pub const REMOVE: &str = "删除";
pub const ADD_TOP_ITEM: &str = "增加一级项目";
pub const NO_COUNTER: &str = "—";
pub const SAVE_SCHEME: &str = "保存考核方案";
pub const P_BASE: &str = "基础分";
pub const P_TOTAL_FLOOR: &str = "全年总分最低为（不填则不限）";
pub const P_STARS: [&str; 4] = ["二星分数线", "三星分数线", "四星分数线", "五星分数线"];
pub const P_STARS_HINT: &str = "低于二星分数线为一星；分数线须逐级提高，不设的星级从五星起留空。";
pub const STARS_IN_ORDER: &str = "星级分数线须依次填写：不设的星级只能从五星起往下留空。";
pub const P_QUOTA: &str = "优秀比例（%）";
pub const P_QUOTA_BASE: &str = "优秀名额按…计算";
pub const P_ROUNDING: &str = "名额取整方式";
pub const P_GROUPS: &str = "评议主体";
pub const P_GROUPS_SURVEY: &str = "调查对象";
pub const P_GROUP_LABEL: &str = "名称";
pub const P_GROUP_WEIGHT: &str = "权重（%）";
pub const P_ADD_GROUP: &str = "增加评议主体";
pub const P_TRIM: &str = "评议人达到几人时去掉最高分和最低分";
pub const P_GRADES: &str = "等次分数线";
pub const P_PAY: &str = "效益工资档次";
pub const P_BAND_LABEL: &str = "等次（档次）";
pub const P_BAND_MIN: &str = "最低分";
pub const P_ADD_BAND: &str = "增加一档";
pub const P_VISIT_DAYS: &str = "每周走访达标天数";
pub const P_MIN_SATISFIED: &str = "满意和基本满意合计低于（%）列入甄别";
pub const P_MAX_DISSATISFIED: &str = "不满意超过（%）列入甄别";
pub const P_PASS: &str = "达到“五强”的总分";
pub const P_WEAK_MONTHS: &str = "书记空缺超过几个月列为软弱涣散迹象";
pub const P_WEAK_YEARS: &str = "几年没有确定发展对象列为软弱涣散迹象";
pub const NOT_SAVED: &str = "未保存：请按标红处的提示修改。";
pub const BAD_NUMBERS: &str = "有数字填写不正确，请按提示修改后再保存。";

pub fn whole_number_needed(what: &str) -> String {
    format!("{what}应填整数。")
}

pub fn percent_needed(what: &str) -> String {
    format!("{what}应填 0 到 100 之间的数，最多一位小数。")
}

pub fn scheme_page_title(family: &str, year: i32) -> String {
    // "干部考核考核方案" would repeat itself: the family after the page's name.
    format!("{year}年度考核方案：{family}")
}

pub fn used_by(n: usize) -> String {
    if n == 0 {
        "尚未使用，可直接修改".to_string()
    } else {
        format!("已使用{n}条记录（已锁定）")
    }
}

pub fn version_text(v: u32) -> String {
    format!("第{v}版")
}

pub fn earlier_version(v: u32, uses: usize) -> String {
    format!("第{v}版（{uses}条记录）")
}

/// Said before saving a locked version; `rescores_year`: the family's year is scored again under
/// the new version (`Family::rescores_year`).
pub fn locked_warning(uses: usize, version: u32, rescores_year: bool) -> String {
    let next = version + 1;
    if rescores_year {
        format!("已有{uses}条评分记录使用此版本，保存将生成第{next}版：本年度的党员积分将按第{next}版重新计算，第{version}版保留可查。")
    } else {
        format!("已有{uses}条评分记录使用此版本，保存将生成第{next}版，已有结果仍按原版本（第{version}版）计算。")
    }
}

pub fn saved_template(name: &str) -> String {
    format!("已保存为本年度的考核方案：{name}（第1版）。")
}

pub fn saved_in_place(version: u32) -> String {
    format!("已保存（第{version}版，尚无评分记录使用，直接修改）。")
}

pub fn saved_new_version(version: u32, old: u32, rescores_year: bool) -> String {
    if rescores_year {
        format!("已保存为第{version}版，本年度的党员积分已按第{version}版计算；第{old}版保留可查。")
    } else {
        format!("已保存为第{version}版，此后的评分按第{version}版计算；已有结果仍按第{old}版计算。")
    }
}

/// An item's input, named for a screen reader and the tests: 「德」的分值.
pub fn item_input(label: &str, what: &str) -> String {
    let label = if label.trim().is_empty() { "新项目" } else { label.trim() };
    format!("「{label}」的{what}")
}

pub fn row_input(n: usize, what: &str) -> String {
    format!("第{n}行{what}")
}

/// The meetings list's title, as its .xlsx names it.
pub fn meetings_title(whose: &str, year: &str) -> String {
    format!("{whose}{year}年度组织生活登记")
}

/// A member's ledger, as its .xlsx names it.
pub fn ledger_title(name: &str, year: i32) -> String {
    format!("{name}{year}年度党员积分明细")
}
