// Journey for a large station exchange file (issue 数据交换, bad input: "a 100 MB file (progress,
// no crash of the tab)"). The file is made here in Node (tests/bench/exchange-file.mjs writes
// the format and its SHA-256 as the app does): a township of 201 organizations, 17,000 members,
// 8,000 民情户, 60,000 民情日记 and the steps of their matters (about 45,000), about 117 MB. It is imported through 数据交换 into an empty station: a
// progress line is shown while reading and while writing, the preview counts every record as new,
// the confirm writes them all (the status line, 统计 and the store agree after a reload), the tab
// neither crashes nor throws. Memory is reported (wasm memory, JS heap, the renderer's peak
// resident size), with a generous bound; times are reported, never asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, SHOTS, launch, freshContext, open, ready, firstRun, catchWasmMemory, previewCounts, exchange } from './helpers.mjs';
import { syntheticStation, writeExchangeFile } from '../bench/exchange-file.mjs';

let browser;
const DIR = mkdtempSync(join(tmpdir(), 'dangjian-exchange-large-'));
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  rmSync(DIR, { recursive: true, force: true });
});

const MB = 1e6;
const mb = (b) => (b / MB).toFixed(1) + ' MB';

/** Records per kind in the store: the sum of its chunks' counts (a fresh store holds each record
 * once, so this is the number of records). */
async function storedCounts(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('dangjian');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const counts = {};
      const tx = req.result.transaction('chunks');
      // A cursor over the `count` of each chunk, without cloning 100 MB of bodies at once.
      tx.objectStore('chunks').openCursor().onsuccess = (e) => {
        const cursor = e.target.result;
        if (!cursor) return;
        counts[cursor.value.kind] = (counts[cursor.value.kind] ?? 0) + cursor.value.count;
        cursor.continue();
      };
      tx.oncomplete = () => { req.result.close(); resolve(counts); };
    };
  }));
}

/** Every text and state the progress line (`.progress`, role=status) shows, as it changes. */
function watchProgress() {
  window.progressSeen = [];
  let last = '';
  const look = () => {
    const p = document.querySelector('.progress[role="status"]');
    const seen = p ? `${p.innerText.trim()}|${p.checkVisibility()}|${p.querySelector('progress') !== null}` : '';
    if (seen !== last && p) {
      window.progressSeen.push({ text: p.innerText.trim(), visible: p.checkVisibility(), bar: p.querySelector('progress') !== null, at: performance.now() });
    }
    last = seen;
  };
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** The renderers' peak resident sizes (VmHWM) in bytes, by pid: Linux only, else {}. */
async function rendererPeaks(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const peaks = {};
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1];
      if (kb) peaks[p.id] = Number(kb) * 1024;
    } catch { /* not on Linux, or gone */ }
  }
  return peaks;
}

test('a 100 MB exchange file imports with progress shown, every record written, and no crash', async (t) => {
  let clock = Date.now();
  const made = syntheticStation({ seed: 2026 });
  const path = join(DIR, '大屋乡-全部-2026-11-24.json');
  const file = writeExchangeFile(path, { station: made.station, createdMs: Date.now(), created: '2026-11-24', lines: made.lines, kinds: made.kinds });
  made.lines = null;
  const { org, member, household, diary, diary_step } = made.expected;
  const total = org + member + household + diary + diary_step;
  assert.ok(file.bytes > 100 * 2 ** 20, `the file is over 100 MB (${mb(file.bytes)})`);
  assert.deepEqual(file.counts, { diary, diary_step, household, member, org });
  const generated = Date.now() - clock;

  const context = await freshContext(browser);
  await context.addInitScript(catchWasmMemory);
  const page = await open(context);
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  await firstRun(page, '测试站点', '乡镇');
  await page.goto(`${BASE}/#/exchange/import`);
  await ready(page);
  await page.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached' });
  await page.evaluate(watchProgress);

  // Choose the file: the progress line says which file is being read and checked.
  clock = Date.now();
  await page.getByLabel('选择交换文件').setInputFiles(path);
  const progress = page.locator('.progress[role="status"]');
  // A picture of the progress line, if it is still up (the observer's record is what is checked).
  const shot = (name) => progress.waitFor({ timeout: 10_000 }).then(() => page.screenshot({ path: SHOTS + name }), () => {});
  await shot('exchange-large-progress.png');
  await page.getByRole('heading', { name: '导入预览' }).waitFor({ timeout: 120_000 });
  const checked = Date.now() - clock;
  await page.screenshot({ path: SHOTS + 'exchange-large-preview.png' });

  // Every record is new; nothing rejected, set aside or in conflict.
  assert.deepEqual(await previewCounts(page), {
    党组织: [org, 0, 0, 0, 0, 0],
    党员: [member, 0, 0, 0, 0, 0],
    民情户: [household, 0, 0, 0, 0, 0],
    民情日记: [diary, 0, 0, 0, 0, 0],
    民情办理: [diary_step, 0, 0, 0, 0, 0],
    合计: [total, 0, 0, 0, 0, 0],
  });
  const facts = page.locator('dl.facts');
  assert.equal((await facts.locator('dt:text-is("记录数") + dd').innerText()).trim(), String(total));
  assert.equal((await facts.locator('dt:text-is("来自站点") + dd').innerText()).trim(), '大屋乡（乡镇）');
  assert.equal(await page.locator('.exchange-files tbody tr td').nth(2).innerText(), '检查通过');

  // Confirm: the progress line says how many records are being written.
  clock = Date.now();
  await page.getByRole('button', { name: '确认导入' }).click();
  await shot('exchange-large-writing.png');
  await page.locator('.exchange-files').getByText('已导入“').waitFor({ timeout: 120_000 });
  const written = Date.now() - clock;
  await page.getByText(`已导入“${path.split('/').pop()}”：新增 ${total} 条，更新 0 条，冲突 0 条，有问题未导入 0 条`).first().waitFor();

  const seen = await page.evaluate(() => window.progressSeen);
  const reading = seen.find((s) => s.text.startsWith('正在读取并检查第 1 个文件（共 1 个）：大屋乡-全部-2026-11-24.json'));
  const writing = seen.find((s) => s.text === `正在写入 ${total} 条记录，请不要关闭本页……`);
  assert.ok(reading?.visible && reading.bar, `a progress bar while reading: ${JSON.stringify(seen)}`);
  assert.ok(writing?.visible && writing.bar, `a progress bar while writing: ${JSON.stringify(seen)}`);
  assert.equal(await progress.count(), 0, 'the progress line is gone once written');

  // Memory at its peak (wasm memory only grows), before the page is reloaded.
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize: jsHeap } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.wasmMemories.reduce((s, m) => s + m.buffer.byteLength, 0));
  const peaks = await rendererPeaks(await browser.newBrowserCDPSession());
  const rss = Math.max(0, ...Object.values(peaks));

  // After a reload: the status line counts organizations and members, 统计 the members, and the
  // store holds every record of every kind.
  await page.goto(`${BASE}/#/stats`);
  await ready(page);
  await page.locator('.status-line').getByText(`${org} 个组织，${member} 名党员`).waitFor({ timeout: 60_000 });
  const statTotal = page.locator('.stat-card').filter({ hasText: '党员总数' }).locator('.stat-value');
  assert.equal((await statTotal.innerText()).trim(), String(member));
  assert.deepEqual(await storedCounts(page), { org, member, household, diary, diary_step });

  assert.equal(crashed, false, 'the tab did not crash');
  assert.deepEqual(page.errors, []);
  // Generous: about 3x what it takes here (a crash, not this, is what a PC out of memory shows).
  assert.ok(wasm < 1.5 * 2 ** 30, `wasm memory ${mb(wasm)}`);
  const line = `${mb(file.bytes)}, ${total} records (made in ${generated} ms): read + check + preview ${checked} ms, ` +
    `write ${written} ms; wasm memory ${mb(wasm)}, JS heap ${mb(jsHeap)}, renderer peak resident ${rss ? mb(rss) : 'unknown'}`;
  t.diagnostic(line);
  t.diagnostic('progress line: ' + seen.map((s) => `${(s.at - seen[0].at).toFixed(0)} ms ${s.text}`).join('; '));
  await context.close();
});

test('a file too big for the page is refused before it is read, with how to split the export', async () => {
  // 900 MB, sparse: nothing is written to disk, and the page must not read it.
  const path = join(DIR, '全县-全部-2026-11-24.json');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, 900 * 2 ** 20);
  closeSync(fd);
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, '测试站点', '乡镇');
  await exchange(page, '/import');
  await page.getByLabel('选择交换文件').setInputFiles(path);
  const row = page.locator('table.exchange-files tbody tr', { hasText: '全县-全部-2026-11-24.json' });
  await row.getByText(/这个文件有 900 MB，太大了，这台电脑的浏览器一次读不下（现在最多约 \d+ MB）。本机数据没有任何改动。/).waitFor({ timeout: 10_000 });
  await row.getByText('“一个组织及其下级组织”').waitFor();
  assert.equal(await page.getByRole('heading', { name: '导入预览' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});
