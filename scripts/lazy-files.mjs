// Files of the build that the first page load does not fetch: the spreadsheet worker (its script,
// its wasm-bindgen glue and its wasm), started only when someone imports or exports a spreadsheet.
// Trunk names a worker's files after its binary, without a content hash. Used by size-report.mjs
// (reported apart from the first load) and service-worker.mjs (cached after the first load).
export const isLazy = (path) => /(^|\/)(spreadsheet-worker\.js|sheets_worker(_bg\.wasm|\.js))$/.test(path);
