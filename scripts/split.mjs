// Trunk post-build step: cuts the app's wasm at its #[lazy] functions (Leptos's wasm_split), so
// a section behind one (民情日记) is a wasm of its own, fetched when the section is first opened
// and not part of the first page load. Trunk has no split step: this redoes the wasm side of its
// pipeline from the compiled module (linked with relocations, see build.rs):
//   wasm-split-cli -> wasm-bindgen (main module, keeping the exports the chunks import) ->
//   wasm-opt (main module and each chunk) -> content hashes in the new files' names -> the
//   integrity hashes index.html gives the replaced files.
// The main link in index.html has data-wasm-opt="0": Trunk's own output is replaced here.
// SPLIT_KEEP_NAMES=1 (scripts/profile-build.sh) leaves the wasm unoptimized, with its names.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = 'dangjian';
// As the unsplit build had them: -Oz twice (the second finds more), told that memory starts
// zeroed and its low 1 KB is unused.
const MAIN_OPT = ['-Oz', '--low-memory-unused', '--zero-filled-memory', '-Oz'];
const CHUNK_OPT = ['-Oz'];

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const profile = process.env.TRUNK_PROFILE ?? 'release';
const input = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm32-unknown-unknown', profile, `${BIN}.wasm`);
const keepNames = process.env.SPLIT_KEEP_NAMES === '1';
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const h16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

// Trunk's hashed name for the app's files, e.g. dangjian-4b040ac9e94c5293.
const main = readdirSync(stage).find((f) => new RegExp(`^${BIN}-[0-9a-f]+_bg\\.wasm$`).test(f));
if (!main) throw new Error(`split.mjs: no ${BIN}-*_bg.wasm in ${stage}`);
const base = main.replace(/_bg\.wasm$/, '');

const tmp = mkdtempSync(join(tmpdir(), 'dangjian-split-'));
try {
  const split = join(tmp, 'split');
  const bound = join(tmp, 'bound');
  run('wasm-split-cli', ['--target', 'web', '--out-name', base, input, split]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', ...(keepNames ? [] : ['--no-demangle']),
    '--out-dir', bound, '--out-name', base, join(split, `${base}.wasm`)]);
  const optimize = (from, to, args) => (keepNames ? copyFileSync(from, to) : run('wasm-opt', [...args, from, '-o', to]));
  optimize(join(bound, `${base}_bg.wasm`), join(stage, `${base}_bg.wasm`), MAIN_OPT);

  // Chunks and the loader get content hashes in their names: sw.js and the browser's cache then
  // never mix a copy from an older build with a newer one.
  let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  for (const f of readdirSync(split).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f))) {
    const optimized = join(tmp, f);
    optimize(join(split, f), optimized, CHUNK_OPT);
    const named = `${f.replace(/\.wasm$/, '')}-${h16(readFileSync(optimized))}.wasm`;
    copyFileSync(optimized, join(stage, named));
    loader = loader.replaceAll(`"./${f}"`, `"./${named}"`);
  }
  for (const old of readdirSync(stage).filter((f) => /^__wasm_split.*\.js$/.test(f))) rmSync(join(stage, old));
  const loaderName = `__wasm_split-${h16(loader)}.js`;
  writeFileSync(join(stage, loaderName), loader);
  // Only the module imports are renamed (one for each section): the wasm's own imports keep the
  // name "./__wasm_split.js".
  const glue = readFileSync(join(bound, `${base}.js`), 'utf8');
  const renamed = glue.replace(/^(import [^\n]*from )"\.\/__wasm_split\.js"/gm, `$1"./${loaderName}"`);
  if (renamed === glue || /^import [^\n]*"\.\/__wasm_split\.js"/m.test(renamed)) {
    throw new Error('split.mjs: the glue\'s imports of the split loader were not all renamed');
  }
  writeFileSync(join(stage, `${base}.js`), renamed);
  if (existsSync(join(bound, 'snippets'))) cpSync(join(bound, 'snippets'), join(stage, 'snippets'), { recursive: true });

  // The replaced files' integrity hashes in index.html.
  const html = join(stage, 'index.html');
  const page = readFileSync(html, 'utf8').replace(/href="([^"]+)"([^>]*?) integrity="sha384-[^"]*"/g, (whole, href, between) => {
    const file = join(stage, href.replace(/^\.?\//, ''));
    if (!existsSync(file)) return whole;
    const sri = createHash('sha384').update(readFileSync(file)).digest('base64');
    return `href="${href}"${between} integrity="sha384-${sri}"`;
  });
  writeFileSync(html, page);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
