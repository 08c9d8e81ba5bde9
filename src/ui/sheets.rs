//! Spreadsheets from the page: import a roster from .xlsx/.xls/.csv, export rows to .xlsx or CSV
//! as a download. The work is done by the spreadsheet worker (`sheets/worker`), a wasm module of
//! its own that is started here on first use, so none of it weighs on the first page load.
//! Requests and answers are the messages `sheets/worker/spreadsheet-worker.js` describes.

use crate::ui::text;
use js_sys::{Array, ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
pub use sheets::{CellWarning, Sheet, SheetError, WarningKind, Workbook};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Beside index.html in the build (index.html copies it there).
const WORKER_URL: &str = "./spreadsheet-worker.js";

thread_local! {
    static WORKER_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Where the worker script is, when it is not beside the page (the browser tests load it from
/// a build in `dist/`). Stops the running worker, if any.
pub fn set_worker_url(url: &str) {
    WORKER_AT.with(|w| *w.borrow_mut() = Some(url.to_owned()));
    if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
        stop(&client.pending);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Excel workbook: IDs keep all their digits, dates are real dates.
    Xlsx,
    /// CSV, UTF-8 with BOM, for other systems.
    Csv,
}

/// Reads a spreadsheet the user picked (an `<input type="file">`'s file).
pub async fn read_file(file: &web_sys::File) -> Result<Workbook, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| text::sheets_failed(&describe(&e)))?;
    read_buffer(buffer.unchecked_into(), &file.name()).await
}

/// Reads a spreadsheet from bytes; `name` is its file name (`花名册.csv`).
pub async fn read_bytes(bytes: &[u8], name: &str) -> Result<Workbook, String> {
    read_buffer(Uint8Array::from(bytes).buffer(), name).await
}

async fn read_buffer(buffer: ArrayBuffer, name: &str) -> Result<Workbook, String> {
    let message = Object::new();
    set(&message, "op", &"read".into());
    set(&message, "name", &name.into());
    set(&message, "bytes", &buffer);
    // The worker failing on a file (its reader crashed on damaged bytes) says the file is damaged:
    // the worker is started afresh for the next file (`request`).
    let reply = request(&message, Some(&buffer)).await.map_err(|e| match e {
        WorkerError::Failed(detail) => text::sheet_error(&SheetError::Corrupt(detail)),
        e => e.message(),
    })?;
    let json = Reflect::get(&reply, &"json".into()).ok().and_then(|j| j.as_string()).unwrap_or_default();
    match serde_json::from_str::<Result<Workbook, SheetError>>(&json) {
        Ok(Ok(workbook)) => Ok(workbook),
        Ok(Err(e)) => Err(text::sheet_error(&e)),
        Err(e) => Err(text::sheets_failed(&e.to_string())),
    }
}

/// What is wrong with a cell that `read_file` flagged, in words for the user.
pub fn warning_text(kind: WarningKind) -> &'static str {
    text::sheet_warning(kind)
}

/// Writes rows (the first is the header) to `file_stem.xlsx` or `file_stem.csv` and has the
/// browser download it. Cells that begin like a formula are neutralized (see the sheets crate).
pub async fn export(
    file_stem: &str,
    sheet_name: &str,
    rows: &[Vec<String>],
    format: ExportFormat,
) -> Result<(), String> {
    let (op, extension, mime) = match format {
        ExportFormat::Xlsx => ("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ExportFormat::Csv => ("csv", "csv", "text/csv;charset=utf-8"),
    };
    let rows = serde_json::to_string(rows).map_err(|e| text::sheets_failed(&e.to_string()))?;
    let message = Object::new();
    set(&message, "op", &op.into());
    set(&message, "sheet", &sheet_name.into());
    set(&message, "rows", &rows.into());
    let reply = request(&message, None).await.map_err(WorkerError::message)?;
    let bytes = Reflect::get(&reply, &"bytes".into()).map_err(|e| text::sheets_failed(&describe(&e)))?;
    download(&bytes, &format!("{}.{extension}", file_name(file_stem)), mime)
        .map_err(|e| text::sheets_failed(&describe(&e)))
}

/// Requests waiting for the worker's answers: each one's promise resolve and reject.
type Pending = Rc<RefCell<HashMap<u32, (Function, Function)>>>;

/// The running worker and the requests waiting for its answers.
struct Client {
    worker: web_sys::Worker,
    next_id: Cell<u32>,
    pending: Pending,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

/// The worker, started on first use. After it fails (it could not load, or it crashed) the next
/// request starts a new one.
fn client() -> Result<Rc<Client>, WorkerError> {
    if let Some(c) = CLIENT.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let url = WORKER_AT.with(|w| w.borrow().clone()).unwrap_or_else(|| WORKER_URL.to_owned());
    // Named after its absolute URL, by which the script finds its wasm (see the script).
    let page = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let absolute = web_sys::Url::new_with_base(&url, &page).map(|u| u.href()).unwrap_or_else(|_| url.clone());
    let options = web_sys::WorkerOptions::new();
    options.set_name(&absolute);
    let worker = web_sys::Worker::new_with_options(&url, &options).map_err(|_| WorkerError::Unavailable)?;
    let pending: Pending = Rc::default();
    let answers = pending.clone();
    // Handlers live as long as the page: a worker is started once, or again after a failure.
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let data = event.data();
        let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(-1.0) as u32;
        if let Some((resolve, _)) = answers.borrow_mut().remove(&id) {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let waiting = pending.clone();
    // The worker script did not load (offline before it was ever cached) or threw.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| stop(&waiting));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    let client = Rc::new(Client { worker, next_id: Cell::new(1), pending });
    CLIENT.with(|c| *c.borrow_mut() = Some(client.clone()));
    Ok(client)
}

/// Ends the worker these requests wait on (if it is still the current one) and fails them.
fn stop(pending: &Pending) {
    let current = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.as_ref().is_some_and(|client| Rc::ptr_eq(&client.pending, pending)) {
            c.take()
        } else {
            None
        }
    });
    if let Some(client) = current {
        client.worker.terminate();
    }
    let waiting: Vec<_> = pending.borrow_mut().drain().collect();
    for (_, (_, reject)) in waiting {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("worker stopped"));
    }
}

/// Sends one request and waits for its answer (`ok: true`); anything else is a Chinese message.
/// Why a request got no answer.
enum WorkerError {
    /// The worker could not be started or loaded (offline before it was ever cached).
    Unavailable,
    /// It failed on this request: an error, or its wasm stopped on a crash.
    Failed(String),
}

impl WorkerError {
    fn message(self) -> String {
        match self {
            WorkerError::Unavailable => text::sheets_unavailable(),
            WorkerError::Failed(detail) => text::sheets_failed(&detail),
        }
    }
}

async fn request(message: &Object, transfer: Option<&ArrayBuffer>) -> Result<JsValue, WorkerError> {
    let client = client()?;
    let id = client.next_id.get();
    client.next_id.set(id.wrapping_add(1));
    set(message, "id", &id.into());
    let pending = client.pending.clone();
    let answer = Promise::new(&mut |resolve, reject| {
        pending.borrow_mut().insert(id, (resolve, reject));
    });
    let sent = match transfer {
        Some(buffer) => client.worker.post_message_with_transfer(message, &Array::of1(buffer)),
        None => client.worker.post_message(message),
    };
    drop(client);
    if sent.is_err() {
        stop(&pending);
        return Err(WorkerError::Unavailable);
    }
    let reply = JsFuture::from(answer).await.map_err(|_| WorkerError::Unavailable)?;
    if Reflect::get(&reply, &"ok".into()).ok().and_then(|v| v.as_bool()) == Some(true) {
        return Ok(reply);
    }
    // The wasm did not load, or it stopped on a crash (after which its memory cannot be trusted):
    // start afresh next time (other requests fail with it).
    stop(&pending);
    let loading = Reflect::get(&reply, &"loading".into()).ok().and_then(|v| v.as_bool()) == Some(true);
    if loading {
        return Err(WorkerError::Unavailable);
    }
    let detail = Reflect::get(&reply, &"error".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    Err(WorkerError::Failed(detail))
}

/// Offers bytes as a download named `name` (also the exchange files' export).
pub fn download(bytes: &JsValue, name: &str, mime: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&Array::of1(bytes), &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started from the URL by the time this runs; then free the bytes.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    }
    Ok(())
}

/// A file name Windows accepts: none of `\/:*?"<>|`, not empty.
fn file_name(stem: &str) -> String {
    let name: String =
        stem.chars().map(|c| if "\\/:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    let name = name.trim().trim_end_matches('.');
    if name.is_empty() {
        "导出".into()
    } else {
        name.into()
    }
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}
