//! `ui::sheets` in a real browser (headless Chromium via wasm-bindgen-test-runner): it starts the
//! spreadsheet worker of a release build in `dist/` (the runner serves the package directory, so
//! scripts/test.sh runs this after `scripts/build.sh dist`), reads fixtures through it, exports,
//! and recovers from a worker that does not load. One test: the runner polls async tests at the
//! same time, and they share the one worker.
#![cfg(target_arch = "wasm32")]

use dangjian::ui::sheets::{self, ExportFormat, WarningKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BUILT_WORKER: &str = "/dist/spreadsheet-worker.js";
const XLSX: &[u8] = include_bytes!("../sheets/tests/fixtures/roster.xlsx");
const XLS: &[u8] = include_bytes!("../sheets/tests/fixtures/roster.xls");
const GBK_CSV: &[u8] = include_bytes!("../sheets/tests/fixtures/roster-gbk.csv");

#[wasm_bindgen_test]
async fn the_spreadsheet_worker_from_the_app_side() {
    // A worker that does not load is reported, and the next request starts a new one.
    sheets::set_worker_url("/no-such-worker.js");
    let failed = sheets::read_bytes(XLSX, "roster.xlsx").await.unwrap_err();
    assert!(failed.contains("表格功能未能加载"), "{failed}");
    sheets::set_worker_url(BUILT_WORKER);

    for (bytes, name, rounded) in [
        (XLSX, "roster.xlsx", "430121198502022000"),
        (XLS, "花名册.xls", "430121198502022000"),
        (GBK_CSV, "花名册.csv", "4.30121E+17"),
    ] {
        let book = sheets::read_bytes(bytes, name).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let rows = &book.sheets[0].rows;
        assert_eq!(rows[0][..4], ["姓名", "性别", "民族", "公民身份号码"], "{name}");
        assert_eq!(rows[1][..5], ["张三", "男", "汉族", "430121198001011234", "1980-01-01"], "{name}");
        assert_eq!(rows[2][3], rounded, "{name}");
        let warning = &book.sheets[0].warnings[0];
        assert_eq!((warning.row, warning.col, warning.kind), (2, 3, WarningKind::DigitsLost), "{name}");
        assert!(sheets::warning_text(warning.kind).contains("15 位"));
    }

    // Refusals, worded in Chinese.
    let empty = sheets::read_bytes(&[], "空.xlsx").await.unwrap_err();
    assert!(empty.contains("文件是空的"), "{empty}");
    let web_page = sheets::read_bytes(b"<html><table></table></html>", "导出.xls").await.unwrap_err();
    assert!(web_page.contains("网页格式"), "{web_page}");
    let half = sheets::read_bytes(&XLSX[..XLSX.len() / 2], "roster.xlsx").await.unwrap_err();
    assert!(half.starts_with("文件已损坏"), "{half}");

    // Requests in flight together each get their own answer.
    let (a, b) = futures_join(sheets::read_bytes(XLS, "a.xls"), sheets::read_bytes(GBK_CSV, "b.csv")).await;
    assert_eq!((a.unwrap().sheets.len(), b.unwrap().sheets[0].name.as_str()), (2, "b"));

    // Exports start a download.
    let rows = vec![vec!["姓名".to_owned(), "备注".to_owned()], vec!["张三".to_owned(), "=1+2".to_owned()]];
    sheets::export("党员名册", "党员名册", &rows, ExportFormat::Xlsx).await.unwrap();
    sheets::export("党员名册", "党员名册", &rows, ExportFormat::Csv).await.unwrap();
}

/// Both futures to completion (no futures crate in the dev-dependencies for this).
async fn futures_join<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}
