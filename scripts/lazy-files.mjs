// Files of the build that the first page load does not fetch, by what loads them:
// - the spreadsheet worker (its script, its wasm-bindgen glue and its wasm), started only when
//   someone imports or exports a spreadsheet; Trunk names a worker's files after its binary;
// - the sections cut from the app's wasm at their #[lazy] functions (split.mjs), fetched when the
//   section is first opened;
// - the pages the app had before it was one page, now redirects to it (former-pages.mjs);
// - the exchange file's JSON Schema, which no page loads: it is there for other programs.
// Used by size-report.mjs (each reported apart from the first load) and service-worker.mjs
// (cached after the first load).
const GROUPS = [
  ['spreadsheet worker (loaded on first import or export)', /(^|\/)(spreadsheet-worker\.js|sheets_worker(_bg\.wasm|\.js))$/],
  ['sections in wasm of their own (loaded when first opened)', /(^|\/)(split|chunk)_[A-Za-z0-9_-]+\.wasm$/],
  ['former pages (redirects to the one page)', /(^|\/)(cadres|exchange)\.html$/],
  ['documents for other programs (the exchange file\'s schema)', /^schema\//],
];
export const lazyGroup = (path) => GROUPS.find(([, re]) => re.test(path))?.[0] ?? null;
export const lazyGroups = GROUPS.map(([name]) => name);
export const isLazy = (path) => lazyGroup(path) !== null;

// Files of the build that no page loads: the USB edition (usb-edition.mjs), a file to copy onto a
// stick. sw.js does not cache it; size-report.mjs reports it apart.
export const isOffPage = (path) => /^usb\//.test(path);
