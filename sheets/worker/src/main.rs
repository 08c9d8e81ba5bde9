//! The spreadsheet crate as a web worker: a wasm module of its own (built by Trunk from the
//! `data-type="worker"` link in index.html), which the page starts only when someone imports or
//! exports a spreadsheet. `spreadsheet-worker.js` beside this file is the worker script: it loads
//! this module and turns messages into calls of the three functions below.
//!
//! Nothing here runs natively; `main` is empty (wasm-bindgen runs it on start, there is nothing
//! to set up).

fn main() {}

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Reads a spreadsheet file: the JSON of `Result<Workbook, SheetError>` as serde writes it,
    /// `{"Ok":{"sheets":[…]}}`, `{"Err":"Encrypted"}` or `{"Err":{"Corrupt":"…"}}`.
    #[wasm_bindgen]
    pub fn read(bytes: &[u8], name: &str) -> String {
        let result = sheets::read_workbook(bytes, name);
        serde_json::to_string(&result)
            .unwrap_or_else(|e| serde_json::json!({ "Err": { "Corrupt": e.to_string() } }).to_string())
    }

    /// One sheet of rows (JSON: an array of arrays of strings) as an .xlsx file.
    #[wasm_bindgen]
    pub fn xlsx(sheet_name: &str, rows_json: &str) -> Result<Vec<u8>, JsError> {
        Ok(sheets::write_xlsx(sheet_name, &rows(rows_json)?))
    }

    /// Rows (JSON: an array of arrays of strings) as CSV: UTF-8 with BOM.
    #[wasm_bindgen]
    pub fn csv(rows_json: &str) -> Result<Vec<u8>, JsError> {
        Ok(sheets::write_csv(&rows(rows_json)?))
    }

    fn rows(json: &str) -> Result<Vec<Vec<String>>, JsError> {
        serde_json::from_str(json).map_err(|e| JsError::new(&format!("rows: {e}")))
    }
}
