// The browser-floor check (scripts/check-floor.mjs), shown failing: each of its checks on
// something Chrome 109 or Firefox 115 lacks, and passing on what they have. The build runs the
// same checks on every file it makes (scripts/build.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLOOR, apiProblems, cssProblems, glueApiProblems, syntaxProblems, wasmProblems } from '../../scripts/check-floor.mjs';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dangjian-floor-'));

function assemble(name, wat, features = []) {
  const from = join(dir, `${name}.wat`);
  const to = join(dir, `${name}.wasm`);
  writeFileSync(from, wat);
  execFileSync('wasm-as', [...features, from, '-o', to]);
  return to;
}

test('the floor is Chrome 109 and Firefox 115, from package.json', () => {
  assert.deepEqual(FLOOR, { chrome: 109, firefox: 115 });
});

test('wasm: a tail call (Chrome 112) is refused; the features index.html tests for pass', () => {
  const tail = assemble('tail', '(module (func $f (result i32) (return_call $g)) (func $g (result i32) (i32.const 1)) (export "f" (func $f)))', ['--enable-tail-call']);
  const problems = wasmProblems(tail);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /tail call/);
  const floor = join(dir, 'floor.wasm');
  execFileSync('wasm-as', ['--all-features', join(root, 'scripts/browser-floor.wat'), '-o', floor]);
  assert.deepEqual(wasmProblems(floor), []);
});

test('script syntax: the RegExp v flag (Chrome 112) is refused at ES2022; let is refused at ES5', () => {
  assert.equal(syntaxProblems('const names = /[\\p{L}--[a-z]]/v;', 'v-flag.js').length, 1);
  assert.deepEqual(syntaxProblems('class A { static #n = 1; static { A.m = #n in A; } }', 'es2022.js'), []);
  assert.deepEqual(syntaxProblems('const w = await 1;', 'module.js', { sourceType: 'module' }), []);
  assert.match(syntaxProblems('let x = 1;', 'floor.js', { ecmaVersion: 5 })[0], /not ES5/);
});

test('CSS: subgrid (Chrome 117) and nesting (Chrome 112) are refused; the stylesheet passes', async () => {
  const problems = await cssProblems('.a { display: grid; grid-template-columns: subgrid; }\n.b { & .c { color: red; } }\n', 'sample.css');
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /^sample\.css:1: CSS Subgrid not supported by: Chrome \(109-116\)/);
  assert.match(problems[1], /^sample\.css:2: CSS Nesting not supported by: Firefox \(115-116\), Chrome \(109-111\)/);
  assert.deepEqual(await cssProblems(readFileSync(join(root, 'style/main.css'), 'utf8'), 'style/main.css'), []);
});

test('Web APIs in scripts: Array.prototype.toSorted (Chrome 110) is refused', async () => {
  const problems = await apiProblems([{ name: 'sample.js', source: 'export const sorted = [3, 1].toSorted();', sourceType: 'module' }]);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /toSorted.*Chrome 109/);
  assert.deepEqual(await apiProblems([{ name: 'ok.js', source: 'const copy = structuredClone({ a: 1 }); export { copy };', sourceType: 'module' }]), []);
});

test('Web APIs the wasm calls: startViewTransition (Chrome 111) and URL.canParse (Chrome 120) are refused', () => {
  const glue = `const imports = {
    __wbg_startViewTransition_1: function(arg0) { const ret = arg0.startViewTransition(); return ret; },
    __wbg_canParse_2: function(arg0) { return URL.canParse(arg0); },
    __wbg_showPicker_3: function(arg0) { arg0.showPicker(); },
    __wbg_new_4: function(arg0) { return new Worker(arg0); },
  };`;
  const problems = glueApiProblems(glue, 'glue.js');
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /canParse/);
  assert.match(problems[1], /startViewTransition/);
});

test('a build folder with one stylesheet rule above the floor fails the check, and passes without it', () => {
  const dist = mkdtempSync(join(dir, 'dist-'));
  writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><html><body><script>var ok = typeof WebAssembly === "object";</script></body></html>');
  execFileSync('wasm-as', ['--all-features', join(root, 'scripts/browser-floor.wat'), '-o', join(dist, 'app_bg.wasm')]);
  const check = () => {
    try {
      execFileSync('node', [join(root, 'scripts/check-floor.mjs'), dist], { stdio: 'pipe' });
      return { code: 0, said: '' };
    } catch (e) {
      return { code: e.status, said: String(e.stderr) };
    }
  };
  writeFileSync(join(dist, 'main.css'), '.roster { display: grid; grid-template-columns: subgrid; }\n');
  const failed = check();
  assert.equal(failed.code, 1);
  assert.match(failed.said, /above the browser floor \(chrome 109, firefox 115\):\n {2}main\.css:1: CSS Subgrid not supported by: Chrome \(109-116\)/);
  writeFileSync(join(dist, 'main.css'), '.roster { display: grid; grid-template-columns: 1fr 2fr; }\n');
  assert.deepEqual(check(), { code: 0, said: '' });
});
