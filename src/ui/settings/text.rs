//! 设置's own strings (zh-CN): `gt()`. Strings every section shares are in `ui/text.rs`.

pub struct SettingsTexts {
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
}

pub const ZH_CN: SettingsTexts = SettingsTexts {
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
};

pub fn gt() -> &'static SettingsTexts {
    &ZH_CN
}
