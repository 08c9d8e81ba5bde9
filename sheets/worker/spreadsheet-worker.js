// The spreadsheet worker (a classic worker script, copied as is into the build). It loads the
// sheets wasm, which Trunk builds from sheets/worker without a content hash in its name, and
// answers one message with one message:
//
//   {id, op: 'read', name, bytes: ArrayBuffer}        -> {id, ok: true, json}
//        json: '{"Ok":{"sheets":[{"name","hidden"?,"rows":[[text]],"warnings"?:[{"row","col","kind"}]}]}}'
//           or '{"Err":"Empty"|"NotSpreadsheet"|"WebPageAsXls"|"Encrypted"|"NoData"}'
//           or '{"Err":{"Corrupt":"technical detail"}}'
//   {id, op: 'xlsx', sheet, rows: JSON of [[text]]}   -> {id, ok: true, bytes: ArrayBuffer}
//   {id, op: 'csv', rows: JSON of [[text]]}           -> {id, ok: true, bytes: ArrayBuffer}
//   the wasm did not load (offline, not cached)       -> {id, ok: false, loading: true, error: text}
//   anything else failing (a bug)                     -> {id, ok: false, error: text}
//
// Buffers go both ways as transfers, not copies. Messages that arrive while the wasm is still
// loading wait for it.
//
// The files are found beside this script. A page that wraps workers in a blob: script (as
// wasm-bindgen's test runner does) hides where that is, so the page may name the worker after
// this script's absolute URL (ui/sheets.rs does): `new Worker(url, { name: absoluteUrl })`. The
// USB edition (scripts/usb-shim.js) starts it from a blob: too, named after its file:// URL.
const here = /^(https?|file):/.test(self.name) ? self.name : self.location.href;
importScripts(new URL('./sheets_worker.js', here).href);
const ready = wasm_bindgen({ module_or_path: new URL('./sheets_worker_bg.wasm', here).href });

self.onmessage = async (event) => {
  const m = event.data;
  try {
    await ready;
  } catch (e) {
    postMessage({ id: m.id, ok: false, loading: true, error: String((e && e.message) || e) });
    return;
  }
  try {
    if (m.op === 'read') {
      postMessage({ id: m.id, ok: true, json: wasm_bindgen.read(new Uint8Array(m.bytes), m.name) });
    } else if (m.op === 'xlsx' || m.op === 'csv') {
      const out = m.op === 'xlsx' ? wasm_bindgen.xlsx(m.sheet, m.rows) : wasm_bindgen.csv(m.rows);
      postMessage({ id: m.id, ok: true, bytes: out.buffer }, [out.buffer]);
    } else {
      throw new Error('unknown op ' + m.op);
    }
  } catch (e) {
    postMessage({ id: m.id, ok: false, error: String((e && e.message) || e) });
  }
};
