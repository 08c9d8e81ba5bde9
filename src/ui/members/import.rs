//! 导入花名册: a roster from .xlsx / .xls / .csv. Pick the file, check the column mapping (guessed
//! from the header names), see every row's result (row number and reason for those that fail),
//! then save the good rows in one step that can be undone.

use crate::domain::member::Member;
use crate::domain::member_form::holds_members;
use crate::domain::org::tree_order;
use crate::domain::org::Org;
use crate::domain::org_ops::{plan_undo, Batch};
use crate::domain::record::RecordId;
use crate::domain::roster_import::{
    find_header_row, guess_mapping, import_edits, plan_import, ImportContext, ImportPlan, RowProblem, Target,
};
use crate::ui::members::text::mt;
use crate::ui::sheets::{self, Workbook};
use crate::ui::text::{import_target_label, member_item_label, member_problem, op_error, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Rows of the preview table shown at once; the counts cover them all.
const PREVIEW_ROWS: usize = 200;

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
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let orgs = state.collection::<Org>();
    let workbook = RwSignal::new(None::<(String, Workbook)>);
    let sheet = RwSignal::new(0usize);
    let mapping = RwSignal::new(Vec::<Option<Target>>::new());
    let header_row = RwSignal::new(None::<usize>);
    let default_org = RwSignal::new(String::new());
    let reading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<(String, RecordId)>);
    let saving = RwSignal::new(false);

    let choose_sheet = move |index: usize| {
        sheet.set(index);
        let rows =
            workbook.with_untracked(|w| w.as_ref().and_then(|(_, w)| w.sheets.get(index)).map(|s| s.rows.clone()));
        let rows = rows.unwrap_or_default();
        let header = find_header_row(&rows);
        header_row.set(header);
        mapping.set(header.map(|h| guess_mapping(&rows[h])).unwrap_or_default());
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        error.set(None);
        done.set(None);
        reading.set(true);
        spawn_local(async move {
            match sheets::read_file(&file).await {
                Ok(w) => {
                    // The first visible sheet that has a header row; templates hide their lists.
                    let first = w
                        .sheets
                        .iter()
                        .position(|s| !s.hidden && find_header_row(&s.rows).is_some())
                        .or_else(|| w.sheets.iter().position(|s| !s.hidden))
                        .unwrap_or(0);
                    workbook.set(Some((file.name(), w)));
                    choose_sheet(first);
                }
                Err(message) => {
                    workbook.set(None);
                    error.set(Some(message));
                }
            }
            reading.set(false);
        });
    };

    let plan = Memo::new(move |_| -> Option<ImportPlan> {
        let header = header_row.get()?;
        let members = state.collection::<Member>().get();
        let map = mapping.get();
        let default = RecordId::parse(&default_org.get());
        workbook.with(|w| {
            let rows = &w.as_ref()?.1.sheets.get(sheet.get())?.rows;
            orgs.with(|all| {
                let cx = ImportContext { members: &members, orgs: all, default_org: default, today: browser::today() };
                Some(plan_import(rows, header, &map, &cx))
            })
        })
    });
    // Cells the reader flagged (an ID number Excel stored as a number), by spreadsheet row.
    let cell_notes = Memo::new(move |_| {
        workbook.with(|w| {
            w.as_ref()
                .and_then(|(_, w)| w.sheets.get(sheet.get()))
                .map(|s| {
                    s.warnings
                        .iter()
                        .map(|c| (c.row as usize + 1, sheets::warning_text(c.kind).to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });

    let save = move |_| {
        if saving.get_untracked() {
            return;
        }
        let Some(p) = plan.get_untracked() else { return };
        let note = workbook.with_untracked(|w| w.as_ref().map(|(n, _)| n.clone()).unwrap_or_default());
        let batch = RecordId::from_random(browser::random_bytes());
        let edits =
            import_edits(&p, || RecordId::from_random(browser::random_bytes()), batch.clone(), &note, browser::today());
        let count = p.good().count();
        saving.set(true);
        spawn_local(async move {
            match state.commit(edits).await {
                Ok(_) => {
                    done.set(Some((format!("{} {} {}", mt().import_done, count, mt().members_count), batch)));
                    workbook.set(None);
                    header_row.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            saving.set(false);
        });
    };
    let undo = move |_| {
        let Some((_, batch)) = done.get_untracked() else { return };
        let plan = state.read_now(|ws| {
            let b = ws.replica().get(&batch).map(Batch::from_record)?;
            Some(plan_undo(&b, |id| ws.replica().get(id), browser::today()))
        });
        match plan {
            Some(Ok(edits)) => spawn_local(async move {
                match state.commit(edits).await {
                    Ok(_) => {
                        done.set(None);
                        error.set(Some(mt().import_undone.to_string()));
                    }
                    Err(e) => error.set(Some(e)),
                }
            }),
            Some(Err(e)) => error.set(Some(op_error(&e))),
            None => {}
        }
    };

    let sheet_choice = move || {
        workbook.with(|w| {
            let sheets: Vec<(usize, String)> = w
                .as_ref()
                .map(|(_, w)| w.sheets.iter().enumerate().filter(|(_, s)| !s.hidden).map(|(i, s)| (i, s.name.clone())).collect())
                .unwrap_or_default();
            (sheets.len() > 1).then(|| {
                view! {
                    <div class="field">
                        <label for="import-sheet">{mt().import_sheet}</label>
                        <select id="import-sheet" prop:value=move || sheet.get().to_string()
                            on:change=move |ev| choose_sheet(event_target_value(&ev).parse().unwrap_or(0))>
                            {sheets.into_iter().map(|(i, n)| view! { <option value=i.to_string()>{n}</option> }).collect_view()}
                        </select>
                    </div>
                }
            })
        })
    };

    let mapping_table = move || {
        let headers: Vec<String> = workbook.with(|w| {
            let h = header_row.get();
            w.as_ref()
                .and_then(|(_, w)| w.sheets.get(sheet.get()))
                .and_then(|s| h.and_then(|h| s.rows.get(h)).cloned())
                .unwrap_or_default()
        });
        headers
            .into_iter()
            .enumerate()
            .map(|(col, header)| {
                let id = format!("map-{col}");
                let current = move || {
                    mapping.with(|m| m.get(col).copied().flatten().and_then(|t| Target::ALL.iter().position(|x| *x == t)))
                        .map(|i| i.to_string())
                        .unwrap_or_default()
                };
                let change = move |ev: leptos::ev::Event| {
                    let chosen = event_target_value(&ev).parse::<usize>().ok().and_then(|i| Target::ALL.get(i).copied());
                    mapping.update(|m| {
                        if m.len() <= col {
                            m.resize(col + 1, None);
                        }
                        // One column per item: the item leaves the column that had it.
                        if let Some(t) = chosen {
                            for slot in m.iter_mut().filter(|s| **s == Some(t)) {
                                *slot = None;
                            }
                        }
                        m[col] = chosen;
                    });
                };
                view! {
                    <tr>
                        <td><label for=id.clone()>{if header.trim().is_empty() { format!("（第 {} 列）", col + 1) } else { header }}</label></td>
                        <td>
                            <select id=id prop:value=current on:change=change>
                                <option value="">{mt().import_skip_column}</option>
                                {Target::ALL.iter().enumerate().map(|(i, tg)| view! { <option value=i.to_string()>{import_target_label(*tg)}</option> }).collect_view()}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let org_options = move || {
        orgs.with(|all| {
            tree_order(all, &state.pinyin.get())
                .into_iter()
                .filter(|(_, o)| o.is_open() && holds_members(o.category))
                .map(|(_, o)| view! { <option value=o.id.to_string()>{o.name.clone()}</option> })
                .collect_view()
        })
    };

    let result = move || {
        let p = plan.get()?;
        let good = p.good().count();
        let bad: Vec<_> = p.bad().take(PREVIEW_ROWS).cloned().collect();
        let bad_count = p.bad().count();
        let warned: Vec<_> = p.good().filter(|r| !r.warnings.is_empty()).take(PREVIEW_ROWS).cloned().collect();
        let notes = cell_notes.get();
        let note_for =
            move |row: usize| notes.iter().filter(|(r, _)| *r == row).map(|(_, n)| n.clone()).collect::<Vec<_>>();
        let note_for2 = note_for.clone();
        Some(view! {
            <div class="card">
                <h3>{mt().import_preview}</h3>
                <p class="import-summary" role="status">
                    <span class="ok">{format!("{} {} {}", mt().import_good, good, mt().import_rows)}</span>
                    "　"
                    <span class={if bad_count > 0 { "error" } else { "muted" }}>{format!("{} {} {}", mt().import_bad, bad_count, mt().import_rows)}</span>
                </p>
                {(bad_count > 0).then(|| view! {
                    <p class="muted">{mt().import_bad_intro}</p>
                    <table class="data compact import-errors">
                        <thead><tr><th>{mt().import_row}</th><th>"姓名"</th><th>{mt().import_reason}</th></tr></thead>
                        <tbody>
                            {bad.into_iter().map(|r| {
                                let mut reasons: Vec<String> = r.errors.iter().map(row_problem_text).collect();
                                reasons.extend(note_for(r.row));
                                view! {
                                    <tr>
                                        <td class="num">{r.row}</td>
                                        <td>{r.name}</td>
                                        <td>{reasons.into_iter().map(|x| view! { <div>{x}</div> }).collect_view()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {(!warned.is_empty()).then(|| view! {
                    <p class="warn">{mt().import_warned_intro}</p>
                    <table class="data compact">
                        <tbody>
                            {warned.into_iter().map(|r| {
                                let mut reasons: Vec<String> = r.warnings.iter().map(row_problem_text).collect();
                                reasons.extend(note_for2(r.row));
                                view! { <tr><td class="num">{r.row}</td><td>{r.name}</td><td>{reasons.join(" ")}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                <div class="actions">
                    <button type="button" class="primary" prop:disabled=move || saving.get() || good == 0 on:click=save>
                        {format!("{} {} {}", mt().import_confirm, good, mt().members_count)}
                    </button>
                    <span class="muted">{mt().import_nothing_yet}</span>
                </div>
            </div>
        })
    };

    view! {
        <section class="page">
            <p class="crumb"><a href="#/members">{"‹ "}{mt().member_back}</a></p>
            <h2>{mt().import_title}</h2>
            <p class="intro">{mt().import_intro}</p>
            <div class="card">
                <div class="field">
                    <label for="import-file">{mt().import_file}</label>
                    <input id="import-file" type="file" accept=".xlsx,.xls,.csv" on:change=on_file />
                </div>
                <Show when=move || reading.get()><p class="muted" role="status">{mt().import_reading}</p></Show>
                <p class="error" role="alert">{move || error.get()}</p>
                {move || done.get().map(|(message, _)| view! {
                    <p class="done" role="status">{message} " "
                        <button type="button" class="small" on:click=undo>{mt().import_undo}</button>
                    </p>
                })}
            </div>
            <Show when=move || workbook.with(Option::is_some)>
                <div class="card">
                    <h3>{mt().import_mapping}</h3>
                    {sheet_choice}
                    <Show when=move || header_row.get().is_some() fallback=|| view! { <p class="error">{mt().import_no_header}</p> }>
                        <p class="muted">{mt().import_mapping_intro}</p>
                        <table class="data compact mapping"><tbody>{mapping_table}</tbody></table>
                        <div class="field">
                            <label for="import-default-org">{mt().import_default_org}</label>
                            <select id="import-default-org" prop:value=default_org on:change=move |ev| default_org.set(event_target_value(&ev))>
                                <option value="">{t().choose}</option>
                                {org_options}
                            </select>
                        </div>
                    </Show>
                </div>
                {result}
            </Show>
        </section>
    }
}
