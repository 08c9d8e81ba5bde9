//! 导入花名册: a roster from .xlsx / .xls / .csv, on the shared import page (`kit::import`): the
//! member form's items as columns, each row checked as the member form checks it, the good rows
//! saved in one step that can be undone.

use crate::domain::member::Member;
use crate::domain::member_form::holds_members;
use crate::domain::org::tree_order;
use crate::domain::org::Org;
use crate::domain::roster_import::{
    find_header_row, guess_mapping, import_edits, plan_import, target_of_field, ImportContext, RowProblem, Target,
};
use crate::ui::kit::fields::new_id;
use crate::ui::kit::import::{sheet_import_page, ImportWords, SheetImport};
use crate::ui::members::text::mt;
use crate::ui::text::{import_target_label, member_item_label, member_problem};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use std::sync::Arc;

pub fn row_problem_text(p: &RowProblem) -> String {
    match p {
        RowProblem::Form(f) => format!("{}：{}", member_item_label(f.item), member_problem(&f.problem)),
        RowProblem::OrgNotFound(name) => {
            format!("所在党支部“{name}”在本站点不存在：请先建立该组织，或改正表格中的名称。")
        }
        RowProblem::OrgAmbiguous(name) => format!("本站点有多个名为“{name}”的组织，无法确定是哪一个。"),
        RowProblem::NotYesNo(target, value) => {
            format!("{}应填“是”或“否”，表格中是“{value}”。", import_target_label(*target))
        }
        RowProblem::DuplicateInFile { row } => format!("公民身份号码与表格第 {row} 行重复。"),
        RowProblem::SeveralWithId(count) => format!(
            "本站点有 {count} 名党员的公民身份号码与此相同，无法确定更新哪一名：请先在党员列表中核对这几名党员。"
        ),
        RowProblem::MemberLeft { left, date } => {
            let when = date.map(|d| format!("（{}）", crate::domain::date::iso(d))).unwrap_or_default();
            format!("该党员已{left}{when}：导入只更正其信息，不改变其去向。")
        }
        RowProblem::OrgKeptForLeft(name) => {
            format!("所在党支部“{name}”未采用：已离开的党员保留离开时所在的党支部。")
        }
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let orgs = state.collection::<Org>();
    let members = state.collection::<Member>();
    let places = Signal::derive(move || {
        orgs.with(|all| {
            tree_order(all, &state.pinyin.get())
                .into_iter()
                .filter(|(_, o)| o.is_open() && holds_members(o.category))
                .map(|(_, o)| (o.id.to_string(), o.name.clone()))
                .collect()
        })
    });
    sheet_import_page(SheetImport {
        words: ImportWords {
            title: mt().import_title,
            intro: mt().import_intro,
            back_href: "#/members",
            back_label: mt().member_back,
            mapping: mt().import_mapping,
            default_place: mt().import_default_org,
            no_header: mt().import_no_header,
            name_column: "姓名",
            unit: mt().members_count,
            undone: mt().import_undone,
        },
        targets: &Target::ALL,
        target_label: import_target_label,
        target_of_field,
        find_header_row,
        guess_mapping,
        problem_text: row_problem_text,
        places,
        plan: Arc::new(move |rows, header, mapping, default_org| {
            let members = members.get();
            orgs.with(|all| {
                let cx = ImportContext { members: &members, orgs: all, default_org, today: browser::today() };
                plan_import(rows, header, mapping, &cx)
            })
        }),
        edits: |plan, update, batch, note| import_edits(plan, update, new_id, batch, note, browser::today()),
    })
}
