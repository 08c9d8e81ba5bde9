// Trunk post-build step: the USB edition, usb/基层党建工作台.html, the whole app in one file that
// runs when opened from disk (file://), with no server: a station PC that never saw the hosted
// page gets it on a stick and double-clicks it.
//
// Under file:// a browser runs no service worker and loads no ES module by URL, and fetch() and
// new Worker() of a local file are refused. So the page built here:
// - inlines the stylesheet and the icon;
// - carries the wasm-bindgen glue, its snippets and the split loader as one classic script
//   (moduleToScript below: each module a function over its own exports object);
// - carries every other file the page loads by URL (the app's wasm, its sections' wasm, the
//   pinyin table, the spreadsheet worker and its wasm) as base64, and answers the page's fetch()
//   and new Worker() of those names from them (usb-shim.js; the app does not know how it was
//   delivered).
// The page keeps its records in the browser's IndexedDB, as the hosted page does.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

export const USB_DIR = 'usb';
export const USB_PAGE = '基层党建工作台.html';

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const read = (name) => readFileSync(join(stage, name));
const text = (name) => readFileSync(join(stage, name), 'utf8');
const fail = (why) => {
  throw new Error(`usb-edition.mjs: ${why}`);
};

const html = text('index.html');
// Trunk's start: `import init, * as bindings from '/dangjian-….js'` and the wasm it passes to init.
const start = html.match(/<script type="module">\s*import init, \* as bindings from '\/?([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '\/?([^']+\.wasm)' \}\);[\s\S]*?<\/script>/);
if (!start) fail("index.html has no Trunk start script of the expected shape");
const [trunkStart, glueName, mainWasm] = start;

// The modules the page loads, by their paths as the glue names them ("./x.js"), starting from
// the glue and following its imports.
const modules = new Map();
const resolve = (importer, path) => posix.normalize(posix.join(posix.dirname(importer), path));
const follow = (name) => {
  if (modules.has(name)) return;
  const source = text(name);
  modules.set(name, source);
  for (const [, path] of source.matchAll(/^import\b[^;\n]*?from\s*["'](\.\/[^"']+)["']/gm)) follow(resolve(name, path));
};
follow(glueName);

/** One ES module as a classic-script function body over `exports` (its own) and `modules` (all).
 * Handles the forms wasm-bindgen, its snippets and wasm-split emit; anything else fails the build. */
function moduleToScript(name, source) {
  const exported = [];
  let body = source
    .replace(/^import \* as (\w+) from ["'](\.\/[^"']+)["'];?$/gm, (_, local, path) => `const ${local} = modules[${JSON.stringify(resolve(name, path))}];`)
    // Named imports are read when called, so two modules that import each other (the glue and the
    // split loader) work in either order.
    .replace(/^import \{([^}]*)\} from ["'](\.\/[^"']+)["'];?$/gm, (_, names, path) =>
      names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
        const [from, local = from] = n.split(/\s+as\s+/);
        return `const ${local} = (...args) => modules[${JSON.stringify(resolve(name, path))}].${from}(...args);`;
      }).join(' '))
    .replace(/^export (async function\*?|function\*?|class|const|let) (\w+)/gm, (_, kind, id) => {
      exported.push([id, id]);
      return `${kind} ${id}`;
    })
    .replace(/^export \{([^}]*)\};?$/gm, (_, names) => {
      for (const n of names.split(',').map((n) => n.trim()).filter(Boolean)) {
        const [local, as = local] = n.split(/\s+as\s+/);
        exported.push([as, local]);
      }
      return '';
    })
    // Only the glue's default wasm location and the split loader's chunk URLs use it: both resolve
    // a file name beside the page, which the shim then answers.
    .replaceAll('import.meta.url', 'document.baseURI');
  const left = body.match(/^(import|export)\b.*$/m) ?? body.match(/\bimport\.meta\b|\bimport\s*\(/);
  if (left) fail(`${name}: an import or export this step does not handle: ${left[0].slice(0, 120)}`);
  body += '\n' + exported.map(([as, local]) => `exports.${as} = ${local};`).join('\n');
  return `(function (exports) {\n${body}\n})(modules[${JSON.stringify(name)}]);`;
}

// Everything else the page or the worker fetches by name: wasm (sections, chunks, the worker's),
// the pinyin table, the worker's scripts.
const carried = readdirSync(stage).filter((f) => /\.(wasm|bin)$/.test(f) || /^(spreadsheet-worker|sheets_worker)\.js$/.test(f));
for (const needed of [mainWasm, 'pinyin_table.bin', 'spreadsheet-worker.js', 'sheets_worker.js', 'sheets_worker_bg.wasm']) {
  if (!carried.includes(needed)) fail(`the build has no ${needed}`);
}
// The workers the page starts, each with the scripts it imports and the files it fetches.
const WORKERS = { 'spreadsheet-worker.js': { scripts: ['sheets_worker.js'], files: ['sheets_worker_bg.wasm'] } };
const files = Object.fromEntries(carried.map((f) => [f, read(f).toString('base64')]));

const shim = readFileSync(fileURLToPath(new URL('./usb-shim.js', import.meta.url)), 'utf8');
const css = html.match(/<link rel="stylesheet" href="\/?([^"]+\.css)"[^>]*>/);
const icon = html.match(/<link rel="icon" href="\/?([^"]+\.svg)"[^>]*>/);
if (!css || !icon) fail('index.html has no stylesheet or icon link');
// `</` never occurs in base64 or JSON of base64; in the scripts it is escaped so no text in them
// can end the <script> element early.
const safe = (js) => js.replace(/<\/(script)/gi, '<\\/$1');
const app = [
  '"use strict";',
  // Every module's exports object exists before any module runs: a namespace import
  // (`import * as x`) holds the object, which its module fills when it runs.
  `var modules = ${JSON.stringify(Object.fromEntries([...modules.keys()].map((m) => [m, {}])))};`,
  ...[...modules].reverse().map(([name, source]) => moduleToScript(name, source)),
  `modules[${JSON.stringify(glueName)}].default({ module_or_path: usbFiles.bytes(${JSON.stringify(mainWasm)}) })`,
  `  .then(function (wasm) { window.wasmBindings = modules[${JSON.stringify(glueName)}]; dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } })); });`,
].join('\n');

let page = html
  .replace(trunkStart, '')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '')
  .replace(css[0], () => `<style>\n${text(css[1])}\n</style>`)
  .replace(icon[0], () => `<link rel="icon" href="data:image/svg+xml;base64,${read(icon[1]).toString('base64')}">`)
  // The page's only script loads run after the browser-floor check in the body (which leaves
  // #boot.unsupported on a browser below the floor; ui::start then does not mount).
  .replace('</body>', () => `<script>\n${safe(shim)}\nvar usbFiles = installUsbFiles(${JSON.stringify(files)}, ${JSON.stringify(WORKERS)});\n</script>\n<script>\n(function () {\n${safe(app)}\n})();\n</script>\n</body>`);
if (/<script type="module"|(src|href)="\/[^"]/.test(page)) fail('the page still loads something by URL');

const out = join(stage, USB_DIR);
if (!existsSync(out)) mkdirSync(out);
writeFileSync(join(out, USB_PAGE), page);
// Beside it, as beside the hosted page: the exchange file's schema, for other programs.
if (!existsSync(join(stage, 'schema'))) fail('the build has no schema/');
cpSync(join(stage, 'schema'), join(out, 'schema'), { recursive: true });
