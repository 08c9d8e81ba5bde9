// The browser floor (issue 15, point 4, the page side): a browser below it gets a Chinese page
// naming what to install, decided by feature tests in index.html, never a blank page; and the wasm
// those tests validate is scripts/browser-floor.wat, assembled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, launch, freshContext, open } from './helpers.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the floor module in index.html is scripts/browser-floor.wat, and the browser running the journeys passes it', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'floor-')), 'floor.wasm');
  const features = ['multivalue', 'reference-types', 'bulk-memory', 'sign-ext', 'nontrapping-float-to-int', 'mutable-globals'];
  execFileSync(join(ROOT, 'node_modules/.bin/wasm-as'), [...features.map((f) => `--enable-${f}`), join(ROOT, 'scripts/browser-floor.wat'), '-o', out]);
  const inPage = JSON.parse(readFileSync(join(ROOT, 'index.html'), 'utf8').match(/var FLOOR_WASM = (\[[\d,]+\]);/)[1]);
  assert.deepEqual(inPage, [...readFileSync(out)]);
  const context = await freshContext(browser);
  const page = await open(context);
  await page.getByLabel('站点名称').waitFor();
  assert.equal(await page.locator('#boot').count(), 0);
  await context.close();
});

for (const [what, missing] of [
  ['wasm without a feature the build uses', 'WebAssembly.validate = () => false;'],
  ['no IndexedDB', 'Object.defineProperty(window, "indexedDB", { value: undefined });'],
  ['no WebAssembly at all', 'delete window.WebAssembly;'],
]) {
  test(`a browser with ${what} is told what to install, and the app stays out of the way`, async () => {
    const context = await freshContext(browser);
    await context.addInitScript(missing);
    const page = await open(context);
    const word = page.locator('#boot.unsupported');
    await word.getByText('这个浏览器版本太旧，无法运行基层党建工作台。').waitFor();
    await word.getByText(/Chrome 109 或更新版本/).waitFor();
    await word.getByText(/Firefox 115 或更新版本/).waitFor();
    await word.getByText(/极速模式/).waitFor();
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('.app-header, .dialog').count(), 0, 'nothing of the app under it');
    if (what === 'no IndexedDB') await page.screenshot({ path: SHOTS + 'floor-unsupported.png' });
    await context.close();
  });
}
