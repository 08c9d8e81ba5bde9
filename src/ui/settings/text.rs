//! 设置's own strings (zh-CN): `gt()`. Strings every section shares are in `ui/text.rs`.

pub struct SettingsTexts {
    pub settings_title: &'static str,
    pub settings_station: &'static str,
    pub settings_station_id: &'static str,
    pub settings_storage: &'static str,
    pub settings_where: &'static str,
    pub settings_where_usb: &'static str,
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
    pub settings_backup_not_yet: &'static str,
    pub settings_backup_go: &'static str,
    pub settings_diary: &'static str,
    pub settings_diary_intro: &'static str,
    pub settings_due_within: &'static str,
    pub settings_review_within: &'static str,
    pub settings_min_days: &'static str,
    pub settings_must_visit: &'static str,
    pub settings_diary_save: &'static str,
    pub settings_diary_saved: &'static str,
    pub settings_fix_errors: &'static str,
}

pub const ZH_CN: SettingsTexts = SettingsTexts {
    settings_title: "设置",
    settings_station: "本站点",
    settings_station_id: "站点编号",
    settings_storage: "本机存储",
    settings_where: "数据保存在这台电脑的这个浏览器里。换电脑或换浏览器时，数据不会跟过去：请在“数据交换”中导出文件带过去，到那边首次使用时选“从备份文件恢复”。",
    settings_where_usb: "本页是从U盘或磁盘上的文件打开的（U盘版）：数据同样保存在这台电脑的浏览器里，不在U盘上。火狐浏览器还按文件所在的位置分开保存：U盘换了盘符（例如从 E: 变成 F:）后，会像一个新站点，这时请选“从备份文件恢复”。",
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
    settings_backup_not_yet: "还没有备份过。录入数据后，请定期在“数据交换”中导出全部数据，存到U盘上。",
    settings_backup_go: "去导出备份",
    settings_diary: "民情日记工作清单",
    settings_diary_intro: "工作清单按这些天数计算（各地规定不同）。都填整数天。",
    settings_due_within: "“即将到期”：办理期限在几天之内",
    settings_review_within: "“待阅批”：超过几天未阅批",
    settings_min_days: "干部每周下村不少于几天",
    settings_must_visit: "五个必到户：超过几天未走访列出",
    settings_diary_save: "保存工作清单设置",
    settings_diary_saved: "已保存。工作清单已按新的天数计算。",
    settings_fix_errors: "请先改正标红的项目，设置没有保存。",
};

pub fn gt() -> &'static SettingsTexts {
    &ZH_CN
}

/// What is wrong with a work-list threshold as typed.
pub fn days_problem(p: &crate::domain::diary_lists::DaysProblem) -> String {
    use crate::domain::diary_lists::DaysProblem;
    match p {
        DaysProblem::Required => "这一项必须填写。".into(),
        DaysProblem::NotWhole => "请填整数天，如 3。".into(),
        DaysProblem::OutOfRange { min, max } => format!("请填 {min} 到 {max} 之间的整数天。"),
    }
}
