//! 统计's own strings (zh-CN): `st()`. Strings every section shares are in `ui/text.rs`.

use crate::domain::stats::Share;

pub struct StatsTexts {
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
}

pub const ZH_CN: StatsTexts = StatsTexts {
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
};

pub fn st() -> &'static StatsTexts {
    &ZH_CN
}

impl StatsTexts {
    pub fn stats_reserve_summary(&self, total: usize, high_school: Share, women: Share) -> String {
        if total == 0 {
            return "本范围内目前没有在库的后备干部（在“干部与培训 → 后备干部”中登记）。".into();
        }
        format!(
            "在库后备干部 {total} 人；高中及以上学历 {} 人（{high_school}）；女性 {} 人（{women}）。",
            high_school.count, women.count
        )
    }
}
