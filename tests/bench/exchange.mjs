// The benchmark's exchange part (tests/bench/bench.mjs runs it; BENCH_ONLY=exchange alone): a
// whole-station exchange file at the benchmark's scale, imported and exported through the real
// 数据交换 page (exchange.html), against a raw baseline measured in the same run in the same
// browser: plain JavaScript that reads the same File, JSON.parse's it and writes its records as
// chunks of 2,000 (JSON as UTF-8 bytes, one kind per chunk, as the app's chunks) in one
// transaction; then reads those chunks back and builds one JSON Blob of the records for a download.
//
// The file: the sample generator (src/sample, through the bench build's `bench_write`) loads the
// scale into a station, and the app's own export writes it (county: 600 organizations, 50,000
// members, 200,000 diaries, about 295 MB). BENCH_EXCHANGE_KINDS=org,member keeps only those kinds
// (a members and organizations file, checksum made anew by exchange-file.mjs).
//
// Every run of either side is in a fresh browser profile (an empty IndexedDB on the real disk);
// two rounds, ours first in the first and the raw baseline first in the second.
import { chromium } from 'playwright-core';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filterExchangeFile } from './exchange-file.mjs';
import { catchWasmMemory } from '../e2e/helpers.mjs';

const ROUNDS = 2;
const LONG = 900_000;
const mb = (b) => (b / 1e6).toFixed(1) + ' MB';
const s = (ms) => (ms / 1000).toFixed(2) + ' s';

/** The peak resident size (VmHWM) of the renderers of the browser using `profile` (Linux). */
function rendererPeak(profile) {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes(profile)) continue;
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      peak = Math.max(peak, Number(kb ?? 0) * 1024);
    } catch { /* gone meanwhile, or not Linux */ }
  }
  return peak;
}


/** Notes in the page when each step of an import shows (performance.now()): the progress line's
 * reading and comparing, the preview, the click on 确认导入, the writing, the file marked imported. */
function watchSteps() {
  window.steps = {};
  const mark = (name) => { window.steps[name] ??= performance.now(); };
  document.addEventListener('click', (e) => { if (e.target.textContent === '确认导入') mark('confirm'); }, true);
  new MutationObserver(() => {
    const progress = document.querySelector('.progress[role="status"]')?.textContent ?? '';
    if (progress.startsWith('正在读取')) mark('reading');
    if (progress.startsWith('正在与本机数据比对')) mark('comparing');
    if (document.getElementById('exchange-preview')) mark('preview');
    if (progress.startsWith('正在写入')) mark('writing');
    if (document.querySelector('.exchange-files')?.textContent.includes('已导入“')) mark('written');
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}

const wasmBytes = (page) => page.evaluate(() => (window.wasmMemories ?? []).reduce((t, m) => t + m.buffer.byteLength, 0));

/** Runs in the page: once `#file` has a file, reads it, parses it, writes its records into the
 * database `raw-exchange` as chunks of 2,000 of one kind, in one transaction; resolves with the
 * times of each step (ms, from the change event). */
function rawImport() {
  const req = (r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
  window.rawImported = new Promise((resolve, reject) => {
    document.getElementById('file').addEventListener('change', async (ev) => {
      try {
        const t0 = performance.now();
        const text = await ev.target.files[0].text();
        const read = performance.now();
        const records = JSON.parse(text).records;
        const parsed = performance.now();
        const byKind = new Map();
        for (const r of records) {
          if (!byKind.has(r.k)) byKind.set(r.k, []);
          byKind.get(r.k).push(r);
        }
        const open = indexedDB.open('raw-exchange', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('chunks', { autoIncrement: true }).createIndex('kind', 'kind');
        const db = await req(open);
        const tx = db.transaction('chunks', 'readwrite', { durability: 'strict' });
        const store = tx.objectStore('chunks');
        const encoder = new TextEncoder();
        let chunks = 0, bytes = 0;
        for (const [kind, list] of byKind) {
          for (let i = 0; i < list.length; i += 2000) {
            const body = encoder.encode(JSON.stringify(list.slice(i, i + 2000)));
            store.add({ kind, count: Math.min(2000, list.length - i), body });
            chunks++;
            bytes += body.byteLength;
          }
        }
        await new Promise((ok, no) => { tx.oncomplete = ok; tx.onabort = () => no(tx.error); });
        db.close();
        const written = performance.now();
        resolve({ records: records.length, chunks, bytes, read_ms: read - t0, parse_ms: parsed - read, write_ms: written - parsed });
      } catch (e) { reject(String(e)); }
    }, { once: true });
  });
}

/** Runs in the page: reads every chunk of `raw-exchange`, decodes them, builds one JSON Blob of
 * the records and starts its download. */
async function rawExport() {
  const req = (r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
  const t0 = performance.now();
  const db = await req(indexedDB.open('raw-exchange'));
  const chunks = await req(db.transaction('chunks').objectStore('chunks').getAll());
  db.close();
  const decoder = new TextDecoder();
  const records = [];
  for (const c of chunks) for (const r of JSON.parse(decoder.decode(c.body))) records.push(r);
  const read = performance.now();
  const parts = ['{"records":[\n'];
  records.forEach((r, i) => parts.push(i ? ',\n' : '', JSON.stringify(r)));
  parts.push('\n]}\n');
  const blob = new Blob(parts, { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'raw-export.json';
  a.click();
  const built = performance.now();
  return { records: records.length, bytes: blob.size, read_ms: read - t0, build_ms: built - read };
}

export async function exchangeBench({ base, scale, args }) {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-bench-exchange-'));
  let profiles = 0;
  const browse = async (fn) => {
    const profile = join(dir, `profile-${++profiles}`);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', args, viewport: { width: 1024, height: 768 }, acceptDownloads: true,
    });
    try {
      return await fn(context, profile);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
  const watch = (page) => {
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('crash', () => console.error('the page crashed'));
    return page;
  };
  const exchangePage = async (context, hash) => {
    const page = watch(await context.newPage());
    await page.goto(`${base}/#/exchange${hash}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: LONG });
    await page.locator('nav.tabs').waitFor({ timeout: LONG });
    await page.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached', timeout: LONG });
    return page;
  };

  try {
    // 1. The file: the sample scale loaded by the bench hook, exported by the app.
    let path = join(dir, 'station.json');
    let t = Date.now();
    await browse(async (context) => {
      const page = watch(await context.newPage());
      await page.goto(base + '/?bench');
      await page.waitForFunction(() => window.wasmBindings?.bench_write);
      await page.evaluate((sc) => window.wasmBindings.bench_write(sc, 7n, 'dangjian'), scale);
      await page.close();
      const exporter = await exchangePage(context, '');
      const [download] = await Promise.all([
        exporter.waitForEvent('download', { timeout: LONG }),
        exporter.getByRole('button', { name: '导出文件' }).click(),
      ]);
      await download.saveAs(path);
    });
    const kinds = process.env.BENCH_EXCHANGE_KINDS;
    if (kinds) {
      const keep = new Set(kinds.split(','));
      await filterExchangeFile(path, join(dir, 'kept.json'), (k) => keep.has(k));
      rmSync(path);
      path = join(dir, 'kept.json');
    }
    const head = Buffer.alloc(4096);
    const fd = openSync(path, 'r');
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const header = JSON.parse(head.toString('utf8').replace(/,"sha256".*$/s, '}'));
    const records = Object.values(header.counts).reduce((a, b) => a + b, 0);
    const size = statSync(path).size;
    const made = Date.now() - t;

    // 2. Ours: import through the page (choose → preview; confirm → written), then export from a
    // newly opened page (open: start and read every kind; click → the download begins).
    const ours = () => browse(async (context, profile) => {
      await context.addInitScript(catchWasmMemory);
      const first = watch(await context.newPage());
      await first.goto(base + '/');
      await first.getByLabel('站点名称').fill('基准测试县');
      await first.getByLabel('乡镇', { exact: true }).check();
      await first.getByRole('button', { name: '开始使用' }).click();
      await first.waitForSelector('body[data-ready="1"]');
      await first.close();
      const page = await exchangePage(context, '/import');
      await page.evaluate(watchSteps);
      let t = Date.now();
      await page.getByLabel('选择交换文件').setInputFiles(path);
      await page.getByRole('heading', { name: '导入预览' }).waitFor({ timeout: LONG });
      const check_ms = Date.now() - t;
      const shown = (await page.locator('dl.facts dt:text-is("记录数") + dd').innerText()).trim();
      if (Number(shown) !== records) throw new Error(`the preview shows ${shown} records, the file has ${records}`);
      t = Date.now();
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.locator('.exchange-files').getByText('已导入“').waitFor({ timeout: LONG });
      const write_ms = Date.now() - t;
      const import_wasm = await wasmBytes(page);
      const steps = await page.evaluate(() => window.steps);
      const import_peak = rendererPeak(profile);
      await page.close();
      t = Date.now();
      const exporter = await exchangePage(context, '');
      const open_ms = Date.now() - t;
      t = Date.now();
      const [download] = await Promise.all([
        exporter.waitForEvent('download', { timeout: LONG }),
        exporter.getByRole('button', { name: '导出文件' }).click(),
      ]);
      const export_ms = Date.now() - t;
      await exporter.getByText(`已导出 ${records} 条记录`).waitFor({ timeout: LONG });
      const exported = statSync(await download.path()).size;
      await download.delete();
      return {
        check_ms, write_ms, open_ms, export_ms, exported, import_wasm, export_wasm: await wasmBytes(exporter),
        read_ms: steps.comparing - steps.reading, preview_ms: steps.preview - steps.comparing, write_page_ms: steps.written - steps.writing,
        before_writing_ms: steps.writing - steps.confirm,
        import_peak, export_peak: rendererPeak(profile),
      };
    });

    // 3. Raw: the same file through plain JavaScript and IndexedDB, on a blank page of the origin.
    const raw = () => browse(async (context, profile) => {
      await context.route(`${base}/raw-baseline.html`, (route) => route.fulfill({
        contentType: 'text/html', body: '<!DOCTYPE html><meta charset="utf-8"><title>raw baseline</title><input type="file" id="file">',
      }));
      const page = watch(await context.newPage());
      await page.goto(`${base}/raw-baseline.html`);
      await page.evaluate(rawImport);
      let t = Date.now();
      await page.locator('#file').setInputFiles(path);
      const imported = await page.evaluate(() => window.rawImported);
      const import_ms = Date.now() - t;
      const import_peak = rendererPeak(profile);
      if (imported.records !== records) throw new Error(`raw import read ${imported.records} records, the file has ${records}`);
      await page.close();
      const exporter = watch(await context.newPage());
      await exporter.goto(`${base}/raw-baseline.html`);
      t = Date.now();
      const [download, exported] = await Promise.all([exporter.waitForEvent('download', { timeout: LONG }), exporter.evaluate(rawExport)]);
      const export_ms = Date.now() - t;
      await download.delete();
      // Node's clock around the page's steps, as for ours: choosing, reading and parsing is the
      // import but its write; building and starting the download the export but its reading.
      return {
        ...imported, check_ms: import_ms - imported.write_ms, import_ms,
        exported, export_ms, build_ms: export_ms - exported.read_ms, import_peak, export_peak: rendererPeak(profile),
      };
    });

    const rounds = [];
    for (let n = 0; n < ROUNDS; n++) {
      const round = {};
      for (const side of n % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours']) round[side] = await (side === 'ours' ? ours() : raw());
      rounds.push(round);
    }

    // 4. Figures.
    const sum = (f) => rounds.reduce((a, r) => a + f(r), 0);
    const ratio = (f, g) => (sum(f) / sum(g)).toFixed(2) + 'x';
    console.log(`\n== exchange at scale ${scale}: ${records.toLocaleString()} records (${Object.entries(header.counts).map(([k, v]) => `${k} ${v}`).join(', ')}), file ${mb(size)}`);
    console.log(`the file: sample data loaded by the bench hook and exported by the app: ${s(made)} (not timed as exchange)`);
    rounds.forEach(({ ours: o, raw: r }, n) => {
      console.log(`round ${n + 1}${n % 2 ? ' (raw first)' : ''}:`);
      console.log(`  import, ours: read + check + preview ${s(o.check_ms)} (in the page: read + check ${s(o.read_ms)}, preview ${s(o.preview_ms)}), write ${s(o.write_ms)} (in the page: from the click to the progress line ${s(o.before_writing_ms)}, then writing ${s(o.write_page_ms)}) = ${s(o.check_ms + o.write_ms)}; wasm memory ${mb(o.import_wasm)}`);
      console.log(`  import, raw: read ${s(r.read_ms)} + JSON.parse ${s(r.parse_ms)} (with the choosing: ${s(r.check_ms)}), write ${r.chunks} chunks (${mb(r.bytes)}) in one transaction ${s(r.write_ms)} = ${s(r.import_ms)}`);
      console.log(`  export, ours: open the page (start, read every kind) ${s(o.open_ms)}, click → download ${s(o.export_ms)} (${mb(o.exported)}) = ${s(o.open_ms + o.export_ms)}; wasm memory ${mb(o.export_wasm)}`);
      console.log(`  export, raw: read + decode every chunk ${s(r.exported.read_ms)}, build the Blob → download ${s(r.build_ms)} (${mb(r.exported.bytes)}) = ${s(r.export_ms)}`);
      console.log(`  renderer peak resident (VmHWM): import, ours ${mb(o.import_peak)}, raw ${mb(r.import_peak)}; export, ours ${mb(o.export_peak)}, raw ${mb(r.export_peak)}`);
    });
    console.log(`ratios ours / raw over ${ROUNDS} rounds:`);
    console.log(`  import (choose → written): ${ratio((r) => r.ours.check_ms + r.ours.write_ms, (r) => r.raw.import_ms)}; read + check + preview / read + parse: ${ratio((r) => r.ours.check_ms, (r) => r.raw.check_ms)}; write / write: ${ratio((r) => r.ours.write_ms, (r) => r.raw.write_ms)}`);
    console.log(`  export (open + click → download / read + build → download): ${ratio((r) => r.ours.open_ms + r.ours.export_ms, (r) => r.raw.export_ms)}; click → download / build → download: ${ratio((r) => r.ours.export_ms, (r) => r.raw.build_ms)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
