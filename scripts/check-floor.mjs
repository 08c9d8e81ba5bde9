// The browser floor, checked on every build (scripts/build.sh runs this on the build's folder):
// what old station PCs run, Chrome 109 (the last for Windows 7, and 360 极速's Chromium core) and
// Firefox 115 ESR, named once in package.json's "browserslist". The build fails when it uses
// something above that floor:
// - wasm: every module validates with only the wasm features those browsers have;
// - script syntax: every script parses at the ECMAScript year they support (the page's first,
//   inline script at ES5, so that any browser can run it and say what to install);
// - stylesheets: doiuse (caniuse's data) finds no feature they lack, but those allowed below with
//   the reason it is harmless;
// - Web APIs: eslint-plugin-compat on the scripts, and the APIs the wasm calls through its
//   wasm-bindgen glue looked up in MDN's browser-compat-data.
// tests/build/floor-check.test.mjs shows each check failing on something above the floor.
//   node scripts/check-floor.mjs [DIST]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import bcd from '@mdn/browser-compat-data' with { type: 'json' };
import compat from 'eslint-plugin-compat';
import doiuse from 'doiuse/lib/DoIUse.js';
import { ESLint } from 'eslint';
import postcss from 'postcss';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BROWSERS = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).browserslist;
/** The floor's version of each browser, from the browserslist queries ("chrome >= 109"). */
export const FLOOR = Object.fromEntries(BROWSERS.map((q) => q.match(/^(\w+) >= (\d+)$/).slice(1)).map(([b, v]) => [b, Number(v)]));

// Beyond the MVP, what Chrome 109 and Firefox 115 both have (Chrome / Firefox version added):
// sign extension 74/62, mutable globals 74/61, non-trapping float-to-int 75/64, bulk memory 75/79,
// reference types 96/79, multi-value 85/78, fixed-width SIMD 91/89. Not tail calls (112/121),
// extended const (114/112), GC (119/120), memory64, multi-memory, relaxed SIMD, new exceptions.
// index.html's feature test (scripts/browser-floor.wat) checks the ones the build relies on.
export const WASM_FEATURES = ['sign-ext', 'mutable-globals', 'nontrapping-float-to-int', 'bulk-memory', 'reference-types', 'multivalue', 'simd'];
// Chrome 109 and Firefox 115 parse all of ES2022 (class fields and static blocks, top-level
// await, `#x in o`); not the RegExp v flag (Chrome 112) nor later syntax.
export const ES_YEAR = 2022;

// CSS that caniuse counts as missing or partial at the floor, and why that is harmless here.
const CSS_ALLOWED = {
  'css-content-visibility': 'a speed-up for long pages only: Firefox 115-124 ignores it and draws everything at once',
  multicolumn: 'flagged for break-inside/break-after: avoid, hints for paper: at worst a row is split between pages',
  'css-text-indent': 'partial means the each-line and hanging keywords; a plain length is used',
  'intrinsic-width': 'partial means the stretch and fit-content keywords; max-content is used',
};

/** Problems of one wasm module: the features it needs beyond the floor's (binaryen's validator). */
export function wasmProblems(path) {
  const flags = ['--mvp-features', ...WASM_FEATURES.map((f) => `--enable-${f}`)];
  try {
    execFileSync('wasm-opt', [...flags, path, '-o', '/dev/null'], { stdio: ['ignore', 'ignore', 'pipe'] });
    return [];
  } catch (e) {
    const why = String(e.stderr ?? e.message).split('\n').find((l) => /requires|error/.test(l)) ?? 'does not validate';
    return [`${path}: uses a wasm feature above the floor: ${why.trim().slice(0, 200)}`];
  }
}

/** Problems of one script's syntax at `ecmaVersion` (a script or a module). */
export function syntaxProblems(source, name, { sourceType = 'script', ecmaVersion = ES_YEAR } = {}) {
  try {
    parse(source, { ecmaVersion, sourceType, allowHashBang: false });
    return [];
  } catch (e) {
    return [`${name}: not ES${ecmaVersion === 5 ? 5 : ecmaVersion} ${sourceType} syntax (${e.message})`];
  }
}

/** Problems of one stylesheet: features the floor lacks (doiuse), less CSS_ALLOWED. */
export async function cssProblems(css, name) {
  const found = [];
  await postcss([new doiuse({
    browsers: BROWSERS,
    onFeatureUsage: (u) => {
      if (!CSS_ALLOWED[u.feature]) found.push(`${name}:${u.usage.source.start.line}: ${u.message.replace(/^<input css [^>]*>:\d+:\d+: /, '')}`);
    },
  })]).process(css, { from: undefined });
  return found;
}

/** Problems of scripts' Web API use (eslint-plugin-compat): [{ name, source, sourceType }]. */
export async function apiProblems(scripts) {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{
      files: ['**/*.js', '**/*.mjs'],
      plugins: { compat },
      rules: { 'compat/compat': 'error' },
      settings: { browsers: BROWSERS },
      languageOptions: { ecmaVersion: ES_YEAR },
    }],
  });
  const found = [];
  for (const { name, source, sourceType = 'script' } of scripts) {
    const filePath = join(root, name.endsWith('.mjs') ? name : name.replace(/(\.js)?$/, sourceType === 'module' ? '.mjs' : '.js'));
    for (const result of await eslint.lintText(source, { filePath })) {
      for (const m of result.messages) found.push(`${name}:${m.line}: ${m.message}`);
    }
  }
  return found;
}

/** Is a BCD support statement's feature in `browser` at the floor's version? */
function supported(support, browser) {
  const first = [support?.[browser]].flat()[0];
  if (!first || first.flags || first.prefix || first.alternative_name || first.partial_implementation) return false;
  const added = first.version_added;
  if (added === true) return true;
  if (typeof added !== 'string' || first.version_removed) return false;
  return Number(added.replace('≤', '')) <= FLOOR[browser];
}

// Every member name MDN knows, with the entries that have it (interfaces and JS built-ins).
let members = null;
function membersOf(name) {
  if (!members) {
    members = new Map();
    const add = (tree) => {
      for (const [owner, entry] of Object.entries(tree)) {
        for (const [member, data] of Object.entries(entry)) {
          if (member === '__compat' || !data?.__compat) continue;
          const key = member.replace(/_static$/, '');
          if (!members.has(key)) members.set(key, []);
          members.get(key).push({ owner, compat: data.__compat });
        }
        if (entry.__compat) {
          if (!members.has(owner)) members.set(owner, []);
          members.get(owner).push({ owner, compat: entry.__compat });
        }
      }
    };
    add(bcd.api);
    add(bcd.javascript.builtins);
  }
  return members.get(name) ?? [];
}

/** Problems of the Web APIs the wasm calls through wasm-bindgen's glue: each member the glue's
 * imports use (`arg0.showPicker()`, `new Worker(`, `URL.createObjectURL`) that MDN lists only
 * where the floor lacks it. A name MDN lists on any interface the floor has passes (the glue
 * does not say which interface it calls). */
export function glueApiProblems(source, name) {
  const used = new Set();
  for (const [, m] of source.matchAll(/\barg\d+\.([A-Za-z_$][\w$]*)/g)) used.add(m);
  for (const [, m] of source.matchAll(/\bnew ([A-Z][\w$]*)\(/g)) used.add(m);
  for (const [, owner, m] of source.matchAll(/\b([A-Z][A-Za-z]+)\.([a-z][\w$]*)\(/g)) used.add(m).add(owner);
  const found = [];
  for (const m of [...used].sort()) {
    const entries = membersOf(m);
    if (!entries.length) continue;
    const ok = entries.some((e) => Object.keys(FLOOR).every((b) => supported(e.compat.support, b)));
    if (!ok) {
      const where = entries.slice(0, 3).map((e) => e.owner).join(', ');
      found.push(`${name}: calls ${m} (${where}), which ${Object.keys(FLOOR).map((b) => `${b} ${FLOOR[b]}`).join(' or ')} lacks`);
    }
  }
  return found;
}

/** The inline scripts of an HTML page: [{ source, type }]. */
function inlineScripts(html) {
  return [...html.matchAll(/<script(?:\s+type="([^"]*)")?>([\s\S]*?)<\/script>/g)].map(([, type, source]) => ({ type: type ?? 'classic', source }));
}

/** Every problem of a build folder, and what was checked. */
export async function checkBuild(dist) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(dist);
  const rel = (p) => relative(dist, p).split('\\').join('/');
  const problems = [];
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  for (const f of wasm) problems.push(...wasmProblems(f));
  // ES modules: what Trunk and wasm-bindgen emit for the page (the glue, its snippets, the split
  // loader); classic scripts: the workers' and sw.js.
  const modules = (f) => /^(snippets\/|__wasm_split|dangjian-)/.test(rel(f));
  const scripts = files.filter((f) => f.endsWith('.js')).map((f) => ({ name: rel(f), source: readFileSync(f, 'utf8'), sourceType: modules(f) ? 'module' : 'script' }));
  for (const page of files.filter((f) => f.endsWith('.html'))) {
    inlineScripts(readFileSync(page, 'utf8')).forEach(({ type, source }, i) => {
      const name = `${rel(page)} <script> ${i + 1}`;
      // index.html's classic script is the floor's own test: ES5, run by any browser.
      const ecmaVersion = rel(page) === 'index.html' && type === 'classic' ? 5 : ES_YEAR;
      problems.push(...syntaxProblems(source, name, { sourceType: type === 'module' ? 'module' : 'script', ecmaVersion }));
      if (rel(page) === 'index.html') scripts.push({ name, source, sourceType: type === 'module' ? 'module' : 'script' });
    });
  }
  for (const s of scripts) problems.push(...syntaxProblems(s.source, s.name, { sourceType: s.sourceType }));
  // The USB edition's shim is in its page; checked from its source, beside the build's scripts.
  const shim = join(root, 'scripts', 'usb-shim.js');
  scripts.push({ name: 'scripts/usb-shim.js', source: readFileSync(shim, 'utf8') });
  problems.push(...await apiProblems(scripts));
  for (const s of scripts.filter((s) => /^dangjian-.*\.js$|^sheets_worker\.js$/.test(s.name))) problems.push(...glueApiProblems(s.source, s.name));
  const css = files.filter((f) => f.endsWith('.css'));
  for (const f of css) problems.push(...await cssProblems(readFileSync(f, 'utf8'), rel(f)));
  return { problems, checked: { wasm: wasm.length, scripts: scripts.length, stylesheets: css.length } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.argv[2] ?? 'dist';
  const floor = Object.entries(FLOOR).map(([b, v]) => `${b} ${v}`).join(', ');
  const { problems, checked } = await checkBuild(dist);
  if (problems.length) {
    console.error(`above the browser floor (${floor}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`browser floor (${floor}): ${checked.wasm} wasm modules, ${checked.scripts} scripts, ${checked.stylesheets} stylesheets checked, nothing above it`);
}
