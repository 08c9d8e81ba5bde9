//! A spreadsheet import page, shared by the roster (`members/import.rs`) and a village's
//! households (`diary/import.rs`): pick the file (.xlsx, .xls, CSV in UTF-8 or GBK, read by the
//! spreadsheet worker), check the column mapping (guessed from the header names), see every
//! row's result (row number and reason for those that fail; rows that are records the station
//! has, by their 公民身份号码, as updates listing each field old → new, `sheet_import::Update`),
//! then save the new rows and, if the clerk keeps the choice on, the updates in one step, a
//! `batch` record, that can be undone (`org_ops::plan_undo`). Each import brings its own columns,
//! row checks and words; the page is the same.

use crate::domain::org_ops::{plan_undo, Batch};
use crate::domain::record::RecordId;
use crate::domain::replica::Edit;
use crate::domain::sheet_import::{value_text, ImportPlan, RowResult};
use crate::ui::kit::fields::checkbox_choice;
use crate::ui::kit::file_picker::file_picker;
use crate::ui::kit::when::When;
use crate::ui::sheets::{self, Workbook};
use crate::ui::text::{op_error, sheet_import_words, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::sync::Arc;

/// Rows of the preview table shown at once; the counts cover them all.
const PREVIEW_ROWS: usize = 200;

/// The words one import says of itself; what every import says is `ui::text::sheet_import_words`.
#[derive(Clone, Copy)]
pub struct ImportWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub back_href: &'static str,
    pub back_label: &'static str,
    /// The mapping card's heading ("表格的列与党员信息项目的对应").
    pub mapping: &'static str,
    /// The choice of where rows without a place column go.
    pub default_place: &'static str,
    pub no_header: &'static str,
    /// The preview's column naming whose row it is ("姓名", "户主").
    pub name_column: &'static str,
    /// What is counted ("名党员", "户").
    pub unit: &'static str,
    pub undone: &'static str,
}

/// Checks the rows below the header with the mapping and the place chosen for rows that name
/// none. It reads the records it checks against, so the preview follows them.
pub type PlanRows<T, P> =
    Arc<dyn Fn(&[Vec<String>], usize, &[Option<T>], Option<RecordId>) -> ImportPlan<P> + Send + Sync>;

/// One kind of import.
pub struct SheetImport<T: 'static, P: 'static> {
    pub words: ImportWords,
    /// The inputs a column can fill, in the order the mapping offers them.
    pub targets: &'static [T],
    pub target_label: fn(T) -> &'static str,
    /// The input a stored field is, to name a field an update changes.
    pub target_of_field: fn(&str) -> Option<T>,
    pub find_header_row: fn(&[Vec<String>]) -> Option<usize>,
    pub guess_mapping: fn(&[String]) -> Vec<Option<T>>,
    pub problem_text: fn(&P) -> String,
    /// The places rows without one can go to: (id, name).
    pub places: Signal<Vec<(String, String)>>,
    pub plan: PlanRows<T, P>,
    /// The edits that save the new rows and, when asked (the `bool`), the updates, with the batch
    /// record `batch` naming what it made and changed; `note` is the file's name.
    pub edits: fn(&ImportPlan<P>, bool, RecordId, &str) -> Vec<Edit>,
}

/// The name of the record a cell's value names (a row's branch or village), if it names one.
fn place_name(state: AppState, id: &str) -> Option<String> {
    let id = RecordId::parse(id)?;
    state.read_now(|ws| ws.replica().get(&id).and_then(|r| r.text("name")).map(str::to_string))
}

/// Undoes an import (its batch): the records it made are deleted, if nothing has changed them.
pub fn undo_import(state: AppState, batch: RecordId, then: impl FnOnce(Result<(), String>) + 'static) {
    let plan = state.read_now(|ws| {
        let b = ws.replica().get(&batch).map(Batch::from_record)?;
        Some(plan_undo(&b, |id| ws.replica().get(id), browser::today()))
    });
    match plan {
        Some(Ok(edits)) => spawn_local(async move { then(state.commit(edits).await.map(|_| ())) }),
        Some(Err(e)) => then(Err(op_error(&e))),
        None => {}
    }
}

/// Makes the edits that save a plan's good rows: given the import's batch id, its source name and
/// whether rows that are records the station has update them.
type PlanEdits = Arc<dyn Fn(RecordId, &str, bool) -> Vec<Edit> + Send + Sync>;
/// Guesses which column a header's cells name (an index into the import's targets).
type GuessMapping = Arc<dyn Fn(&[String]) -> Vec<Option<usize>> + Send + Sync>;

/// What a plan shows and saves, with the import's own types gone: the page below is compiled once
/// for every kind of import, not once per kind (each copy of it was about 13 KB of wasm).
#[derive(Clone)]
struct Preview {
    /// Rows that add a record, that change one the station has, that say what it holds.
    new: usize,
    updated: usize,
    unchanged: usize,
    bad_count: usize,
    /// (row number, name, reasons) of the first `PREVIEW_ROWS` rows that fail.
    bad: Vec<(usize, String, Vec<String>)>,
    /// The same for new rows with warnings.
    warned: Vec<(usize, String, Vec<String>)>,
    /// The first `PREVIEW_ROWS` new rows as they will be saved: row number, name, and each
    /// column's item with its value as read (a date normalized, 学历 mapped, a branch's id).
    read: Vec<ReadRow>,
    /// The first `PREVIEW_ROWS` rows that change a record: row number, name, who the record is,
    /// each change ("联系电话：138… → 139…") and the row's warnings.
    updates: Vec<UpdateRow>,
    /// The edits that save the good rows (`SheetImport::edits` of this plan).
    edits: PlanEdits,
}

/// A new row as read: row number, name, and each item's label with its value.
type ReadRow = (usize, String, Vec<(&'static str, Value)>);

#[derive(Clone, PartialEq)]
struct UpdateRow {
    row: usize,
    name: String,
    who: String,
    changes: Vec<String>,
    notes: Vec<String>,
}

/// Equal plans save the same edits, so the edits are not compared.
impl PartialEq for Preview {
    fn eq(&self, other: &Preview) -> bool {
        let counts = |p: &Preview| (p.new, p.updated, p.unchanged, p.bad_count);
        (counts(self), &self.bad, &self.warned, &self.updates, &self.read)
            == (counts(other), &other.bad, &other.warned, &other.updates, &other.read)
    }
}

/// `plan` of rows, the header row, the mapping (by position in the import's targets) and the place.
type PlanPreview = Arc<dyn Fn(&[Vec<String>], usize, &[Option<usize>], Option<RecordId>) -> Preview + Send + Sync>;

pub fn sheet_import_page<T, P>(kind: SheetImport<T, P>) -> AnyView
where
    T: Copy + PartialEq + Send + Sync + 'static,
    P: Clone + PartialEq + Send + Sync + 'static,
{
    let SheetImport {
        words,
        targets,
        target_label,
        target_of_field,
        find_header_row,
        guess_mapping,
        problem_text,
        places,
        plan,
        edits,
    } = kind;
    let position = move |t: T| targets.iter().position(|x| *x == t);
    let guess: GuessMapping =
        Arc::new(move |header| guess_mapping(header).into_iter().map(|t| t.and_then(position)).collect());
    let preview: PlanPreview = Arc::new(move |rows, header, map, default| {
        let map: Vec<Option<T>> = map.iter().map(|i| i.and_then(|i| targets.get(i).copied())).collect();
        let p = Arc::new(plan(rows, header, &map, default));
        let shown =
            |r: &RowResult<P>, problems: &[P]| (r.row, r.name.clone(), problems.iter().map(problem_text).collect());
        let label = |field: &str| target_of_field(field).map_or(field.to_string(), |t| target_label(t).to_string());
        let updates = p
            .updates()
            .take(PREVIEW_ROWS)
            .filter_map(|r| {
                let u = r.update.as_ref()?;
                Some(UpdateRow {
                    row: r.row,
                    name: r.name.clone(),
                    who: u.who.clone(),
                    changes: u
                        .changes
                        .iter()
                        .map(|c| format!("{}：{} → {}", label(&c.field), c.old_text, c.new_text))
                        .collect(),
                    notes: r.warnings.iter().map(problem_text).collect(),
                })
            })
            .collect();
        Preview {
            new: p.new_rows().count(),
            updated: p.updates().count(),
            unchanged: p.unchanged().count(),
            bad_count: p.bad().count(),
            bad: p.bad().take(PREVIEW_ROWS).map(|r| shown(r, &r.errors)).collect(),
            warned: p
                .new_rows()
                .filter(|r| !r.warnings.is_empty())
                .take(PREVIEW_ROWS)
                .map(|r| shown(r, &r.warnings))
                .collect(),
            updates,
            read: p
                .new_rows()
                .take(PREVIEW_ROWS)
                .map(|r| {
                    // The items a column fills, in the order the mapping offers them.
                    let mut items: Vec<(usize, &'static str, Value)> = r
                        .fields
                        .iter()
                        .filter_map(|(field, v)| {
                            let t = target_of_field(field)?;
                            Some((position(t)?, target_label(t), v.clone()))
                        })
                        .collect();
                    items.sort_by_key(|(at, ..)| *at);
                    (r.row, r.name.clone(), items.into_iter().map(|(_, label, v)| (label, v)).collect())
                })
                .collect(),
            edits: Arc::new(move |batch, note, update| edits(&p, update, batch, note)),
        }
    });
    let labels: Vec<&'static str> = targets.iter().map(|t| target_label(*t)).collect();
    import_page(words, labels, find_header_row, guess, places, preview)
}

fn import_page(
    words: ImportWords,
    labels: Vec<&'static str>,
    find_header_row: fn(&[Vec<String>]) -> Option<usize>,
    guess_mapping: GuessMapping,
    places: Signal<Vec<(String, String)>>,
    plan_rows: PlanPreview,
) -> AnyView {
    let state = expect_context::<AppState>();
    let w = sheet_import_words();
    let labels = StoredValue::new(labels);
    let guess_mapping = StoredValue::new(guess_mapping);
    let workbook = RwSignal::new(None::<(String, Workbook)>);
    let sheet = RwSignal::new(0usize);
    let mapping = RwSignal::new(Vec::<Option<usize>>::new());
    let header_row = RwSignal::new(None::<usize>);
    let default_place = RwSignal::new(String::new());
    let reading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // What was saved, the batch, and whether it updated records the station had.
    let done = RwSignal::new(None::<(String, RecordId, bool)>);
    let saving = RwSignal::new(false);
    // Whether rows that are records the station has update them (else they are skipped).
    let update_existing = RwSignal::new(true);

    let choose_sheet = move |index: usize| {
        sheet.set(index);
        let rows =
            workbook.with_untracked(|w| w.as_ref().and_then(|(_, w)| w.sheets.get(index)).map(|s| s.rows.clone()));
        let rows = rows.unwrap_or_default();
        let header = find_header_row(&rows);
        header_row.set(header);
        mapping.set(header.map(|h| guess_mapping.with_value(|g| g(&rows[h]))).unwrap_or_default());
    };

    let on_file = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else { return };
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
    });

    let plan = Memo::new(move |_| -> Option<Preview> {
        let header = header_row.get()?;
        let map = mapping.get();
        let default = RecordId::parse(&default_place.get());
        workbook.with(|w| {
            let rows = &w.as_ref()?.1.sheets.get(sheet.get())?.rows;
            Some(plan_rows(rows, header, &map, default))
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

    let unit = words.unit;
    // "确认导入 2 名党员", or with updates "确认导入：新增 1 名党员，更新 1 名党员".
    let counted = move |verb: &str, new: usize, updated: usize| {
        if updated == 0 {
            format!("{verb} {new} {unit}")
        } else {
            format!("{verb}：{} {new} {unit}，{} {updated} {unit}", w.good, w.updated)
        }
    };
    let save = move |_| {
        if saving.get_untracked() {
            return;
        }
        let Some(p) = plan.get_untracked() else { return };
        let note = workbook.with_untracked(|w| w.as_ref().map(|(n, _)| n.clone()).unwrap_or_default());
        let batch = RecordId::from_random(browser::random_bytes());
        let update = update_existing.get_untracked();
        let edits = (p.edits)(batch.clone(), &note, update);
        let counted = counted(w.done, p.new, if update { p.updated } else { 0 });
        let had_updates = update && p.updated > 0;
        saving.set(true);
        spawn_local(async move {
            match state.commit(edits).await {
                Ok(_) => {
                    done.set(Some((counted, batch, had_updates)));
                    workbook.set(None);
                    header_row.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            saving.set(false);
        });
    };
    let undone = words.undone;
    let undo = move |_| {
        let Some((_, batch, updated)) = done.get_untracked() else { return };
        undo_import(state, batch, move |result| match result {
            Ok(()) => {
                done.set(None);
                let restored = if updated { w.update_undone } else { "" };
                error.set(Some(format!("{undone}{restored}")));
            }
            Err(e) => error.set(Some(e)),
        });
    };

    let sheet_choice = move || {
        workbook.with(|wb| {
            let sheets: Vec<(usize, String)> = wb
                .as_ref()
                .map(|(_, w)| w.sheets.iter().enumerate().filter(|(_, s)| !s.hidden).map(|(i, s)| (i, s.name.clone())).collect())
                .unwrap_or_default();
            (sheets.len() > 1).then(|| {
                view! {
                    <div class="field">
                        <label for="import-sheet">{w.sheet}</label>
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
        let headers: Vec<String> = workbook.with(|wb| {
            let h = header_row.get();
            wb.as_ref()
                .and_then(|(_, w)| w.sheets.get(sheet.get()))
                .and_then(|s| h.and_then(|h| s.rows.get(h)).cloned())
                .unwrap_or_default()
        });
        headers
            .into_iter()
            .enumerate()
            .map(|(col, header)| {
                let id = format!("map-{col}");
                let current = move || mapping.with(|m| m.get(col).copied().flatten()).map(|i| i.to_string()).unwrap_or_default();
                let change = move |ev: leptos::ev::Event| {
                    let chosen = event_target_value(&ev).parse::<usize>().ok().filter(|&i| labels.with_value(|l| i < l.len()));
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
                        <td><label for=id.clone()>{if header.trim().is_empty() { w.column(col) } else { header }}</label></td>
                        <td>
                            <select id=id prop:value=current on:change=change>
                                <option value="">{w.skip_column}</option>
                                {labels.with_value(|l| l.iter().enumerate().map(|(i, label)| view! { <option value=i.to_string()>{*label}</option> }).collect_view())}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let name_column = words.name_column;
    let result = move || {
        let Preview { new, updated, unchanged, bad_count, bad, warned, updates, read, .. } = plan.get()?;
        let notes = cell_notes.get();
        // What the reader noticed in a row's cells comes first: an ID number Excel stored as a
        // number is why its check digit is wrong, so the message opens with that, not the digit.
        let first_the_notes = move |row: usize, reasons: Vec<String>| {
            notes.iter().filter(|(r, _)| *r == row).map(|(_, n)| n.clone()).chain(reasons).collect::<Vec<_>>()
        };
        let first_the_notes2 = first_the_notes.clone();
        Some(view! {
            <div class="card">
                <h3>{w.preview}</h3>
                <p class="import-summary" role="status">
                    <span class="ok">{format!("{} {} {}", w.good, new, w.rows)}</span>
                    "　"
                    {(updated > 0).then(|| view! { <span class="ok">{format!("{} {} {}", w.updated, updated, w.rows)}</span> "　" })}
                    {(unchanged > 0).then(|| view! { <span class="muted">{format!("{} {} {}", w.unchanged, unchanged, w.rows)}</span> "　" })}
                    <span class={if bad_count > 0 { "error" } else { "muted" }}>{format!("{} {} {}", w.bad, bad_count, w.rows)}</span>
                </p>
                {(!read.is_empty()).then(|| view! {
                    <p class="muted">{w.read_intro}</p>
                    <table class="data compact import-read">
                        <thead><tr><th>{w.row}</th><th>{name_column}</th><th>{w.read_values}</th></tr></thead>
                        <tbody>
                            {read.into_iter().map(|(row, name, items)| {
                                let text = items
                                    .iter()
                                    .map(|(label, v)| format!("{label}：{}", value_text(label, v, &|_, s| place_name(state, s))))
                                    .collect::<Vec<_>>()
                                    .join("　");
                                view! { <tr><td class="num">{row}</td><td>{name}</td><td class="text">{text}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {(bad_count > 0).then(|| view! {
                    <p class="muted">{w.bad_intro}</p>
                    <table class="data compact import-errors">
                        <thead><tr><th>{w.row}</th><th>{name_column}</th><th>{w.reason}</th></tr></thead>
                        <tbody>
                            {bad.into_iter().map(|(row, name, reasons)| {
                                let reasons = first_the_notes(row, reasons);
                                view! {
                                    <tr>
                                        <td class="num">{row}</td>
                                        <td>{name}</td>
                                        <td class="text">{reasons.into_iter().map(|x| view! { <div>{x}</div> }).collect_view()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {(!warned.is_empty()).then(|| view! {
                    <p class="warn">{w.warned_intro}</p>
                    <table class="data compact import-warnings">
                        <tbody>
                            {warned.into_iter().map(|(row, name, reasons)| {
                                let reasons = first_the_notes2(row, reasons);
                                view! { <tr><td class="num">{row}</td><td>{name}</td><td class="text">{reasons.join(" ")}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {(updated > 0).then(|| view! {
                    <p class="muted">{w.update_intro}</p>
                    {checkbox_choice(w.update_choice, update_existing)}
                    <table class="data compact import-updates">
                        <thead><tr><th>{w.row}</th><th>{name_column}</th><th>{w.matched}</th><th>{w.changes}</th></tr></thead>
                        <tbody>
                            {updates.into_iter().map(|u| view! {
                                <tr>
                                    <td class="num">{u.row}</td>
                                    <td>{u.name}</td>
                                    <td>{format!("{}：{}", w.existing, u.who)}</td>
                                    <td>
                                        {u.changes.into_iter().map(|x| view! { <div>{x}</div> }).collect_view()}
                                        {u.notes.into_iter().map(|x| view! { <div class="warn">{x}</div> }).collect_view()}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                <div class="actions">
                    <button type="button" class="primary"
                        prop:disabled=move || saving.get() || new + if update_existing.get() { updated } else { 0 } == 0
                        on:click=save>
                        {move || counted(w.confirm, new, if update_existing.get() { updated } else { 0 })}
                    </button>
                    <span class="muted">{w.nothing_yet}</span>
                </div>
            </div>
        })
    };

    view! {
        <section class="page">
            <p class="crumb"><a href=words.back_href>{"‹ "}{words.back_label}</a></p>
            <h2>{words.title}</h2>
            <p class="intro">{words.intro}</p>
            <div class="card">
                {file_picker("import-file", w.file, ".xlsx,.xls,.csv", false, reading.into(), on_file)}
                <When when=move || reading.get()><p class="muted" role="status">{w.reading}</p></When>
                <p class="error" role="alert">{move || error.get()}</p>
                {move || done.get().map(|(message, ..)| view! {
                    <p class="done" role="status">{message} " "
                        <button type="button" class="small" on:click=undo>{w.undo}</button>
                    </p>
                })}
            </div>
            <When when=move || workbook.with(Option::is_some)>
                <div class="card">
                    <h3>{words.mapping}</h3>
                    {sheet_choice}
                    <When when=move || header_row.get().is_some() fallback=move || view! { <p class="error">{words.no_header}</p> }>
                        <p class="muted">{w.mapping_intro}</p>
                        <table class="data compact mapping"><tbody>{mapping_table}</tbody></table>
                        <div class="field">
                            <label for="import-default-org">{words.default_place}</label>
                            <select id="import-default-org" prop:value=default_place on:change=move |ev| default_place.set(event_target_value(&ev))>
                                <option value="">{t().choose}</option>
                                {move || places.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                            </select>
                        </div>
                    </When>
                </div>
                {result}
            </When>
        </section>
    }
    .into_any()
}
