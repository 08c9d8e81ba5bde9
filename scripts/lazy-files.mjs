// Files of the build that the first page load does not fetch, by what loads them:
// - the spreadsheet worker (its script, its wasm-bindgen glue and its wasm), started only when
//   someone imports or exports a spreadsheet; Trunk names a worker's files after its binary;
// - cadres.html and its wasm (发展党员, 干部与培训: src/ui/sections.rs, scripts/entries.mjs);
// - exchange.html and its wasm (数据交换), the same way.
// Used by size-report.mjs (each reported apart from the first load) and service-worker.mjs
// (cached after the first load).
const GROUPS = [
  ['spreadsheet worker (loaded on first import or export)', /(^|\/)(spreadsheet-worker\.js|sheets_worker(_bg\.wasm|\.js))$/],
  ['cadres.html (发展党员, 干部与培训: loaded when opened)', /(^|\/)(cadres\.html|dangjian_cadres-[0-9a-f]{16}(_bg\.wasm|\.js))$/],
  ['exchange.html (数据交换: loaded when opened)', /(^|\/)(exchange\.html|dangjian_exchange-[0-9a-f]{16}(_bg\.wasm|\.js))$/],
];
export const lazyGroup = (path) => GROUPS.find(([, re]) => re.test(path))?.[0] ?? null;
export const lazyGroups = GROUPS.map(([name]) => name);
export const isLazy = (path) => lazyGroup(path) !== null;
