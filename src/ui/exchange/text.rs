//! 数据交换's own strings (zh-CN): its pages' catalogue (`xt()`), the kinds and the passphrase
//! errors as these pages name them. Strings every section shares are in `ui/text.rs`.

use crate::web::crypto::CryptoError;

pub struct ExchangeTexts {
    pub this_station_mark: &'static str,
    pub loading_all: &'static str,
    pub tab_export: &'static str,
    pub tab_import: &'static str,
    pub tab_conflicts: &'static str,
    pub tab_log: &'static str,
    pub tab_duplicates: &'static str,
    pub tab_held: &'static str,

    pub held_title: &'static str,
    pub held_intro: &'static str,
    pub held_choices: &'static str,
    pub held_none: &'static str,
    pub held_stamp: &'static str,
    pub held_accept: &'static str,
    pub held_accept_note: &'static str,
    pub held_merge: &'static str,
    pub held_merge_note: &'static str,
    pub held_working: &'static str,

    pub export_title: &'static str,
    pub export_intro: &'static str,
    pub export_scope: &'static str,
    pub export_whole: &'static str,
    pub export_one_org: &'static str,
    pub export_org: &'static str,
    pub export_choose_org: &'static str,
    pub export_protect: &'static str,
    pub export_protect_hint: &'static str,
    pub passphrase: &'static str,
    pub passphrase_again: &'static str,
    pub export_button: &'static str,
    pub export_working: &'static str,
    pub backup_title: &'static str,
    pub last_backup: &'static str,
    pub last_export: &'static str,
    pub never: &'static str,
    pub backup_intro: &'static str,
    pub restore_intro: &'static str,
    pub restore_link: &'static str,

    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub import_choose: &'static str,
    pub import_drop: &'static str,
    pub comparing: &'static str,
    pub unlocking: &'static str,
    pub passphrase_missing: &'static str,
    pub file_name: &'static str,
    pub file_size: &'static str,
    pub file_result: &'static str,
    pub file_reading: &'static str,
    pub file_waiting: &'static str,
    pub file_checked: &'static str,
    pub file_locked: &'static str,
    pub file_skipped: &'static str,
    pub unlock_title: &'static str,
    pub unlock_button: &'static str,
    pub skip_file: &'static str,
    pub next_file: &'static str,
    pub preview_title: &'static str,
    pub from_station: &'static str,
    pub scope: &'static str,
    pub exported_at: &'static str,
    pub record_count: &'static str,
    pub recheck: &'static str,
    pub total: &'static str,
    pub rejected_title: &'static str,
    pub kind: &'static str,
    pub record: &'static str,
    pub reason: &'static str,
    pub deleted_field: &'static str,
    pub renew_button: &'static str,
    pub own_backup_button: &'static str,
    pub own_backup_note: &'static str,
    pub adopt_button: &'static str,
    pub count_new: &'static str,
    pub count_updated: &'static str,
    pub count_unchanged: &'static str,
    pub count_conflicts: &'static str,
    pub count_rejected: &'static str,
    pub count_quarantined: &'static str,
    pub changes_nothing: &'static str,
    pub confirm: &'static str,
    pub nothing_yet: &'static str,

    pub undo_title: &'static str,
    pub undo_button: &'static str,
    pub undo_confirm: &'static str,
    pub undo_none: &'static str,
    pub undo_gone: &'static str,
    pub log_title: &'static str,
    pub log_empty: &'static str,
    pub log_imported: &'static str,
    pub log_result: &'static str,
    pub log_sha: &'static str,
    pub log_undone: &'static str,

    pub same_as_field: &'static str,
    pub no_name: &'static str,
    pub reason_same_id: &'static str,
    pub reason_name_birth: &'static str,
    pub reason_name_parent: &'static str,
    pub reason_head_village: &'static str,
    pub certain: &'static str,
    pub likely: &'static str,
    pub merge_button: &'static str,
    pub dup_kind: &'static str,
    pub dup_first: &'static str,
    pub dup_second: &'static str,
    pub dup_reason: &'static str,
    pub dup_in_file: &'static str,
    pub dup_here: &'static str,
    pub merge_same: &'static str,
    pub merge_kinds_differ: &'static str,
    pub merge_not_mergeable: &'static str,
    pub merge_gone: &'static str,
    pub merge_missing: &'static str,
    pub unmerge_done_already: &'static str,
    pub unmerge_cannot: &'static str,
    pub unmerged: &'static str,
    pub merged: &'static str,
    pub unmerge_button: &'static str,
    pub duplicates_title: &'static str,
    pub duplicates_intro: &'static str,
    pub duplicates_none: &'static str,
    pub merges_title: &'static str,
    pub merges_intro: &'static str,
    pub merge_date: &'static str,
    pub merge_kept: &'static str,
    pub merge_gone_col: &'static str,
    pub back_to_duplicates: &'static str,
    pub merge_intro: &'static str,
    pub take_all_first: &'static str,
    pub take_all_second: &'static str,
    pub merge_field: &'static str,
    pub merge_after: &'static str,
    pub merge_confirm: &'static str,
    pub preview_duplicates_title: &'static str,
    pub preview_duplicates_intro: &'static str,
    pub repointed_note: &'static str,
    pub conflicts_title: &'static str,
    pub conflicts_intro: &'static str,
    pub conflicts_none: &'static str,
    pub value: &'static str,
    pub station: &'static str,
    pub changed_at: &'static str,
    pub winning: &'static str,
    pub keep: &'static str,
    pub empty_value: &'static str,
}

pub const ZH_CN_EXCHANGE: ExchangeTexts = ExchangeTexts {
    this_station_mark: "（本站点）",
    loading_all: "正在读取本站点的全部数据……",
    tab_export: "导出与备份",
    tab_import: "导入",
    tab_conflicts: "冲突",
    tab_log: "导入记录",
    tab_duplicates: "重复记录",
    tab_held: "时间超前暂缓",

    held_title: "因时间超前而暂缓的记录",
    held_intro: "下面这些记录来自电脑时间走在前面的站点：记录上的时间比本机时间快一天以上（多半是那台电脑的日期设错了，例如主板电池没电）。原样并入的话，它们会在以后许多年里压过所有正常的修改，所以先放在这里，没有并入本机数据，也不会丢失。",
    held_choices: "可以先等：请对方把电脑日期改对后重新导出文件，再导入即可（最稳妥）；如果是本机日期慢了，改对后点“原样并入”。如果确认内容无误、现在就要用，也可以“按现在时间接受”：这些内容算作本站点现在录入的，变更记录里会写明来源和原来的时间；接受后如有问题，可在“导入记录”中撤销。",
    held_none: "没有暂缓的记录。",
    held_stamp: "记录上的时间",
    held_accept: "按现在时间接受",
    held_accept_note: "接受后这些内容算作本站点现在录入的。",
    held_merge: "原样并入",
    held_merge_note: "本机时间已经赶上，其中一些记录可以原样并入了。",
    held_working: "正在写入，请不要关闭本页……",

    export_title: "导出数据",
    export_intro: "把本站点的数据导出为一个文件，用U盘交给乡镇或村。对方导入后，双方的数据就合在一起；同一个文件导入几次、几个文件先后顺序不同，结果都一样。",
    export_scope: "导出范围",
    export_whole: "全部数据（也是本站点的备份）",
    export_one_org: "一个组织及其下级组织",
    export_org: "要导出的组织",
    export_choose_org: "请选择要导出的组织。",
    export_protect: "为文件设置密码",
    export_protect_hint: "设置密码后，文件内容会加密；对方导入时要输入同一个密码。密码请当面或电话告诉对方，不要写在U盘上。",
    passphrase: "密码",
    passphrase_again: "再次输入密码",
    export_button: "导出文件",
    export_working: "正在生成文件，请稍候……",
    backup_title: "备份",
    last_backup: "上次备份",
    last_export: "上次导出",
    never: "还没有",
    backup_intro: "浏览器里的数据可能因重装系统、清理软件或磁盘故障而丢失。请每周至少导出一次全部数据，存到U盘上。",
    restore_intro: "恢复备份：在“导入”中选择备份文件即可。导入是合并，不会删除或覆盖本机已有的数据。",
    restore_link: "去导入",

    import_title: "导入数据",
    import_intro: "选择其他站点导出的文件（可以一次选多个）。每个文件都会先完整检查，并列出将要新增和更新的记录；您确认之前，本机数据不会有任何改动。",
    import_choose: "选择交换文件",
    import_drop: "也可以把文件直接拖到本页上。",
    comparing: "正在与本机数据比对……",
    unlocking: "正在核对密码……（需要几秒钟）",
    passphrase_missing: "请填写密码。",
    file_name: "文件名",
    file_size: "大小",
    file_result: "检查结果",
    file_waiting: "等待读取",
    file_reading: "正在读取和检查……",
    file_checked: "检查通过",
    file_locked: "需要密码",
    file_skipped: "已跳过，没有导入",
    unlock_title: "输入密码",
    unlock_button: "打开文件",
    skip_file: "跳过这个文件",
    next_file: "下一个文件",
    preview_title: "导入预览",
    from_station: "来自站点",
    scope: "范围",
    exported_at: "导出时间",
    record_count: "记录数",
    recheck: "重新检查",
    total: "合计",
    rejected_title: "有问题、不导入的记录",
    kind: "类别",
    record: "记录",
    reason: "原因",
    deleted_field: "是否删除",
    renew_button: "为本机生成新的站点编号",
    own_backup_button: "这是本机自己的备份，按原编号恢复",
    own_backup_note: "将按本站点原来的编号恢复。请确认没有另一台电脑也在用本站点的数据，然后点“确认导入”。",
    adopt_button: "是本站点以前的备份：按原站点恢复",
    count_new: "新增",
    count_updated: "更新",
    count_unchanged: "无变化",
    count_conflicts: "冲突",
    count_rejected: "有问题",
    count_quarantined: "时间超前暂缓",
    changes_nothing: "这个文件里没有本机缺少的内容，导入不会改变本机数据。",
    confirm: "确认导入",
    nothing_yet: "确认之前，本机数据不会改动。",

    undo_title: "撤销上次导入",
    undo_button: "撤销上次导入",
    undo_confirm: "确认撤销导入",
    undo_none: "没有可以撤销的导入（只能撤销最近一次导入）。",
    undo_gone: "找不到这次导入的撤销信息，无法撤销。本机数据没有任何改动。",
    log_title: "导入记录",
    log_empty: "还没有导入过文件。",
    log_imported: "导入时间",
    log_result: "结果",
    log_sha: "校验码",
    log_undone: "已撤销",

    same_as_field: "已合并到",
    no_name: "（无名称）",
    reason_same_id: "公民身份号码相同",
    reason_name_birth: "姓名和出生日期相同",
    reason_name_parent: "名称相同，上级组织也相同（或其中一个还没有上级）",
    reason_head_village: "户主姓名相同，在同一个村",
    certain: "肯定重复",
    likely: "可能重复",
    merge_button: "合并…",
    dup_kind: "类别",
    dup_first: "记录一",
    dup_second: "记录二",
    dup_reason: "原因",
    dup_in_file: "文件中的记录",
    dup_here: "本站点已有的记录",
    merge_same: "这是同一条记录，不需要合并。",
    merge_kinds_differ: "两条记录的类别不同，不能合并。",
    merge_not_mergeable: "这类记录不能合并（只有党组织、党员、发展对象和民情户可以合并）。",
    merge_gone: "这两条记录中有一条已经合并或删除了（可能在另一个窗口，或导入的文件里）。请回到重复记录列表再看一看。",
    merge_missing: "找不到这两条记录。请回到重复记录列表再看一看。",
    unmerge_done_already: "这次合并已经撤销过了。",
    unmerge_cannot: "被合并的记录后来又被删除或合并到别处，不能撤销这次合并。本机数据没有任何改动。",
    unmerged: "已撤销合并：两条记录又分开了，原来指向被合并记录的党员、任职、走访等也改了回去（合并以后又改过的保持不变）。",
    merged: "已合并为一条记录。原来指向被合并记录的都已改为指向保留的记录；下次交换数据时，其他站点也会这样合并。",
    unmerge_button: "撤销合并",
    duplicates_title: "重复记录",
    duplicates_intro: "两个站点各自录入了同一个党组织、同一个人或同一户时，就会出现重复记录（例如村里先建了党支部和党员，后来又导入了乡镇的文件）。公民身份号码相同的肯定是同一个人，应当合并；其余是可能重复，请核实后再合并。合并后只留一条记录，原来指向另一条的党员、任职、培训、走访等都改为指向这一条；下次交换数据时，其他站点也会同样合并。",
    duplicates_none: "没有发现重复记录。",
    merges_title: "已做的合并",
    merges_intro: "合并以后如果发现合错了，可以撤销：两条记录重新分开，合并时改过的也改回去（合并以后又改过的保持不变）。",
    merge_date: "合并日期",
    merge_kept: "保留的记录",
    merge_gone_col: "并入的记录",
    back_to_duplicates: "返回重复记录",
    merge_intro: "下面是两条记录的全部内容，不同的项目标了出来。请在每个不同的项目里选中要保留的值，然后点“合并为一条记录”。",
    take_all_first: "全部采用记录一",
    take_all_second: "全部采用记录二",
    merge_field: "项目",
    merge_after: "合并后只留一条记录，另一条不再显示，但它的修改记录仍可查看；需要时可以在“重复记录”页撤销合并。",
    merge_confirm: "合并为一条记录",
    preview_duplicates_title: "导入后会出现的重复记录",
    preview_duplicates_intro: "文件里的这些记录和本站点已有的记录很像（村里先录入、乡镇文件后到时常见）。导入后请到“数据交换 → 重复记录”核实并合并；公民身份号码相同的肯定是同一人，务必合并。",
    repointed_note: "条记录原来指向已经合并掉的重复记录，导入时已改为指向保留的记录。",
    conflicts_title: "冲突的修改",
    conflicts_intro: "两个站点在没有看到对方修改的情况下，改了同一条记录的同一项，就会出现冲突。两个值都保留着，目前各站点显示的是标有“目前显示”的值。请核实后选择要保留的值；下次交换数据时，对方也会采用您的选择。",
    conflicts_none: "没有冲突。",
    value: "值",
    station: "修改的站点",
    changed_at: "修改时间",
    winning: "目前显示",
    keep: "保留这个值",
    empty_value: "（空）",
};

pub fn xt() -> &'static ExchangeTexts {
    &ZH_CN_EXCHANGE
}

impl ExchangeTexts {
    pub fn exported(&self, file: &str, records: usize) -> String {
        format!("已导出 {records} 条记录：{file}。文件在浏览器的“下载”文件夹里，请复制到U盘。")
    }
    pub fn reading(&self, n: usize, of: usize, file: &str) -> String {
        format!("正在读取并检查第 {n} 个文件（共 {of} 个）：{file}")
    }
    pub fn unreadable(&self, detail: &str) -> String {
        format!("无法读取这个文件，可能U盘已拔出或文件正被别的程序使用。本机数据没有任何改动。（技术信息：{detail}）")
    }
    pub fn writing(&self, records: usize) -> String {
        format!("正在写入 {records} 条记录，请不要关闭本页……")
    }
    pub fn imported(&self, file: &str, c: &crate::exchange::plan::KindCounts) -> String {
        let held =
            if c.quarantined > 0 { format!("暂缓的记录在“{}”中。", self.tab_held) } else { String::new() };
        format!(
            "已导入“{file}”：新增 {} 条，更新 {} 条，冲突 {} 条，有问题未导入 {} 条，因时间超前暂缓 {} 条。{held}如导入有误，可在“导入记录”中撤销。",
            c.new, c.updated, c.conflicts, c.rejected, c.quarantined
        )
    }
    pub fn adopt_question(&self, station: &str) -> String {
        format!("这是本站点以前导出的备份吗？文件来自“{station}”，本机还没有任何记录。如果是（换了电脑、浏览器，或U盘换了盘符后数据没有跟过来），请点“{}”：本机将改用文件中的站点名称和编号，以后导出的文件与以前的衔接。如果是乡镇或别的站点发来的文件，直接点“确认导入”。", self.adopt_button)
    }
    pub fn adopt_note(&self, station: &str) -> String {
        format!("导入后，本机将改用“{station}”的站点名称和编号。请确认没有另一台电脑也在用这个站点的数据，然后点“确认导入”。")
    }
    pub fn restored(&self, station: &str) -> String {
        format!("已按原站点“{station}”恢复：本机已改用它的站点名称和编号，数据已导入。如还有更新的文件，请接着导入。")
    }
    pub fn renewed(&self, id: &str) -> String {
        format!("已为本机生成新的站点编号（{id}）。请重新选择刚才的文件导入。")
    }
    pub fn unlock_intro(&self, file: &str) -> String {
        format!("“{file}”设置了密码。请输入导出时设置的密码。")
    }
    pub fn download_failed(&self, detail: &str) -> String {
        format!("浏览器没有保存下载的文件，本机数据没有改动。请检查下载文件夹所在的磁盘是否已满，或浏览器是否禁止了下载，然后再导出一次。（技术信息：{detail}）")
    }
    pub fn already(&self, when: &str) -> String {
        format!("这个文件已经在 {when} 导入过了，再导入也不会有任何变化。本机数据没有改动。")
    }
    pub fn already_held_back(&self, n: usize) -> String {
        format!(
            "上次导入时有 {n} 条记录没有导入（修改时间超前而暂缓，或引用的记录本机还没有）。如果对方电脑的日期已经改正，或已导入了缺少的记录，可以重新检查。时间超前的记录也可以在“{}”里处理。",
            self.tab_held
        )
    }
    pub fn held_count(&self, n: usize) -> String {
        format!("（{n}）")
    }
    pub fn held_group(&self, station: &str, file: &str) -> String {
        format!("来自“{station}”的文件：{file}")
    }
    pub fn held_group_facts(&self, imported: &str, n: usize, newest: &str) -> String {
        format!("{imported} 导入时暂缓，共 {n} 条，记录上最晚的时间是 {newest}。")
    }
    pub fn held_log_name(&self, file: &str, restamped: bool) -> String {
        if restamped {
            format!("暂缓记录：按现在时间接受（{file}）")
        } else {
            format!("暂缓记录：原样并入（{file}）")
        }
    }
    pub fn held_taken(&self, n: usize, restamped: bool) -> String {
        if restamped {
            format!("已按现在时间接受 {n} 条记录。如有问题，可在“导入记录”中撤销。")
        } else {
            format!("已原样并入 {n} 条记录。如有问题，可在“导入记录”中撤销。")
        }
    }
    pub fn held_staying(&self, n: usize) -> String {
        format!("还有 {n} 条留在这里，原因见表中。")
    }
    pub fn undone(&self, file: &str) -> String {
        format!("已撤销“{file}”的导入，本机数据已恢复到导入之前。")
    }
    pub fn undo_ask(&self, file: &str) -> String {
        format!("确定要撤销“{file}”的导入吗？这次导入新增的记录将被去掉，更新过的记录恢复为导入前的内容。")
    }
    pub fn undo_intro(&self, file: &str, when: &str) -> String {
        format!("最近一次导入：“{file}”（{when}）。撤销会把本机数据恢复到导入这个文件之前的样子；如果导入之后又修改过这些记录，就不能撤销。")
    }
    pub fn log_counts(&self, c: &crate::exchange::plan::KindCounts) -> String {
        let mut parts = vec![format!("新增 {}", c.new), format!("更新 {}", c.updated)];
        if c.conflicts > 0 {
            parts.push(format!("冲突 {}", c.conflicts));
        }
        if c.rejected > 0 {
            parts.push(format!("有问题 {}", c.rejected));
        }
        if c.quarantined > 0 {
            parts.push(format!("暂缓 {}", c.quarantined));
        }
        parts.join("，")
    }
    pub fn under(&self, parent: &str) -> String {
        format!("上级：{parent}")
    }
    pub fn duplicates_count(&self, all: usize, certain: usize) -> String {
        format!("发现 {all} 对可能重复的记录，其中 {certain} 对肯定重复。")
    }
    pub fn merge_title(&self, kind: &str) -> String {
        format!("合并两条{kind}记录")
    }
    pub fn resolved(&self, value: &str) -> String {
        format!("已保留“{value}”。下次交换数据时，对方也会采用这个值。")
    }
    pub fn keep_value(&self, value: &str) -> String {
        format!("保留“{value}”")
    }
    /// A diary entry as the preview and the conflicts name it.
    pub fn diary_named(&self, date: &str) -> String {
        format!("{date} 的走访记录")
    }
    /// A step of a matter as the preview and the conflicts name it.
    pub fn step_named(&self, step: &str, date: &str) -> String {
        format!("{step}（{date}）")
    }
}

/// A kind of record as the exchange pages name it (unknown kinds, from newer versions, by their
/// own name).
pub fn kind_label(kind: &str) -> &str {
    crate::domain::kinds::label(kind)
}

/// Passphrase protection failing for a reason other than the passphrase.
pub fn crypto_error(e: &CryptoError) -> String {
    match e {
        CryptoError::Unavailable => "这个浏览器在当前地址下不能使用密码保护（需要用 https 或本机地址打开工作台）。请不设密码导出，或换用较新的浏览器。本机数据没有任何改动。".into(),
        CryptoError::WrongPassphrase => crate::exchange::read::ImportError::WrongPassphrase.message(),
        CryptoError::Failed(detail) => format!("加密或解密时出错。本机数据没有任何改动。（技术信息：{detail}）"),
    }
}
