//! 干部与培训's own strings (zh-CN): `ct()`. Strings every section shares are in `ui/text.rs`.

pub struct CadreTexts {
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

pub const ZH_CN: CadreTexts = CadreTexts {
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

pub fn ct() -> &'static CadreTexts {
    &ZH_CN
}

impl CadreTexts {
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
