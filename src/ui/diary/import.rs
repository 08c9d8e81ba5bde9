//! 导入民情户: a village's household list from .xlsx / .xls / .csv (UTF-8 or GBK), on the shared
//! import page (`kit::import`, as the roster's): columns mapped by their header names, each row
//! checked with the household form's rules (`household_import::plan_import`), the good rows saved
//! in one step that can be undone.

use crate::domain::household_import::{
    find_header_row, guess_mapping, import_edits, plan_import, target_of_field, ImportContext, RowProblem, TARGETS,
};
use crate::ui::diary::households::{household_villages, village_choices};
use crate::ui::diary::text::{household_field_label, household_problem, rt};
use crate::ui::diary::DiaryData;
use crate::ui::kit::fields::new_id;
use crate::ui::kit::import::{sheet_import_page, ImportWords, SheetImport};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use std::sync::Arc;

pub fn row_problem_text(p: &RowProblem) -> String {
    match p {
        RowProblem::Form(f) => format!("{}：{}", household_field_label(f.field), household_problem(&f.problem)),
        RowProblem::VillageNotFound(name) => rt().import_village_not_found(name),
        RowProblem::VillageAmbiguous(name) => rt().import_village_ambiguous(name),
        RowProblem::DuplicateInFile { row } => rt().import_duplicate(*row),
        RowProblem::CategoriesAsLabel(words) => rt().import_categories_as_label(words),
        RowProblem::SeveralWithId(count) => rt().import_several_with_id(*count),
        RowProblem::HouseholdClosed { reason, date } => rt().import_household_closed(
            reason.map_or("不在册", |r| r.label()),
            &date.map(crate::domain::date::iso).unwrap_or_default(),
        ),
    }
}

#[component]
pub fn HouseholdImport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let places = Signal::derive(move || {
        data.orgs.with(|orgs| village_choices(household_villages(orgs, &state.pinyin.get()), ""))
    });
    sheet_import_page(SheetImport {
        words: ImportWords {
            title: rt().import_title,
            intro: rt().import_intro,
            back_href: "#/diary/households",
            back_label: rt().back_to_register,
            mapping: rt().import_mapping,
            default_place: rt().import_default_village,
            no_header: rt().import_no_header,
            name_column: rt().head,
            unit: rt().households_unit,
            undone: rt().import_undone,
        },
        targets: &TARGETS,
        target_label: household_field_label,
        target_of_field,
        find_header_row,
        guess_mapping,
        problem_text: row_problem_text,
        places,
        plan: Arc::new(move |rows, header, mapping, default_village| {
            let (households, members) = (data.households.get(), data.members.get());
            data.orgs.with(|orgs| {
                let cx = ImportContext {
                    households: &households,
                    orgs,
                    members: &members,
                    default_village,
                    today: browser::today(),
                };
                plan_import(rows, header, mapping, &cx)
            })
        }),
        edits: |plan, update, batch, note| import_edits(plan, update, new_id, batch, note, browser::today()),
    })
}
