//! 导出 Excel for a page's table: the rows it gives when clicked, written by the spreadsheet
//! worker into one sheet, downloaded under the page's title; a failure said beside the button.

use crate::ui::sheets::{self, ExportFormat};
use crate::ui::text::t;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `make` gives the file's name (without extension) and the rows, the header row first.
pub fn xlsx_button(sheet: &'static str, make: impl Fn() -> (String, Vec<Vec<String>>) + 'static) -> AnyView {
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let export = move |_| {
        let (stem, rows) = make();
        busy.set(true);
        failed.set(None);
        spawn_local(async move {
            failed.set(sheets::export(&stem, sheet, &rows, ExportFormat::Xlsx).await.err());
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="no-print" prop:disabled=busy on:click=export>{t().export_xlsx}</button>
        <span class="error no-print" role="alert">{move || failed.get()}</span>
    }
    .into_any()
}
