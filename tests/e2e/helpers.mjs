// Shared set-up for the browser journeys: Debian's Chromium driven by playwright-core, against
// the release build served on 127.0.0.1 (scripts/test.sh starts the server).
import { chromium, firefox } from 'playwright-core';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { inflateRawSync, inflateSync } from 'node:zlib';
import assert from 'node:assert/strict';

export const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8091';
export const SHOTS = new URL('../out/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  // The UI language of a Chinese Windows PC: date inputs then read 年/月/日.
  '--lang=zh-CN',
];

/** The engine the journeys run in: Chromium, or with E2E_BROWSER=firefox Debian's Firefox ESR,
 * driven over WebDriver BiDi (Playwright's own Firefox build cannot be downloaded here). */
export const ENGINE = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const IN_FIREFOX = ENGINE === 'firefox';

// Where Firefox saves downloads: its BiDi reports a download the page starts from a script (an
// anchor made and clicked, as the app does) as no event, so saveDownload watches this folder.
const FIREFOX_DOWNLOADS = IN_FIREFOX ? mkdtempSync(join(tmpdir(), 'dangjian-ff-downloads-')) : null;

export function launch() {
  if (IN_FIREFOX) {
    return firefox.launch({
      channel: 'moz-firefox', executablePath: '/usr/bin/firefox-esr', headless: true, downloadsPath: FIREFOX_DOWNLOADS,
      // The UI language of a Chinese Windows PC: date inputs then read 年/月/日.
      firefoxUserPrefs: { 'intl.accept_languages': 'zh-CN', 'intl.locale.requested': 'zh-CN' },
    });
  }
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh browser profile (empty storage) at the size of an old station monitor. */
export async function freshContext(browser) {
  return browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Opens the app, collecting uncaught page errors in `page.errors` for the test to check. */
export async function open(context, path = '/', base = BASE) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(base + path);
  return page;
}

export async function ready(page) {
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
}

/** Completes the first-run dialog. */
export async function firstRun(page, name = '坪塘镇党委组织办', level = '乡镇') {
  await page.getByLabel('站点名称').fill(name);
  await page.getByLabel(level, { exact: true }).check();
  await page.getByRole('button', { name: '开始使用' }).click();
  await ready(page);
}

/** Creates an organization through the form and waits until it is saved. */
export async function createOrg(page, { name, category, parent, founded }) {
  await page.getByLabel('组织名称').fill(name);
  await page.getByLabel('组织类别').selectOption({ label: category });
  if (parent) await page.getByLabel('上级组织').selectOption({ label: parent });
  if (founded) await page.getByLabel('建立日期').fill(founded);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText(`已建立党组织：${name}`).waitFor();
}

export function orgRows(page) {
  return page.locator('table.org-table tbody tr');
}

/** Chooses a row action of the organization table: 修改 is on the row, 撤销, 撤并 and 拆分 behind
 * its 更多. */
export async function orgAction(page, name, action) {
  const row = orgRows(page).filter({ has: page.locator('td:first-child', { hasText: name }) });
  if (action !== '修改') await row.locator('details.row-menu > summary').click();
  // 修改 is named with the organization (修改山塘村党支部) for a screen reader.
  await row.getByRole('button', { name: action === '修改' ? action + name : action, exact: true }).click();
}

/** Does `act` (a click that downloads) and returns the download: `name` as the page named it,
 * `path` where it was saved. */
export async function saveDownload(page, act) {
  if (!IN_FIREFOX) {
    const [download] = await Promise.all([page.waitForEvent('download'), act()]);
    return { name: download.suggestedFilename(), path: await download.path() };
  }
  const before = new Set(readdirSync(FIREFOX_DOWNLOADS));
  await act();
  // Firefox writes `name.part`, then renames it; a name taken gets "(1)" before its extension.
  for (let i = 0; i < 300; i++) {
    const done = readdirSync(FIREFOX_DOWNLOADS).filter((f) => !before.has(f) && !f.endsWith('.part'));
    const path = done.length === 1 ? join(FIREFOX_DOWNLOADS, done[0]) : null;
    if (path && existsSync(path) && statSync(path).size > 0 && !existsSync(path + '.part')) {
      return { name: done[0].replace(/\((\d+)\)(\.[^.]+)$/, '$2'), path };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no download arrived in 30 s');
}

/** Shows the page as printed, where the engine can (Chromium: CSS print media); false where it
 * cannot (Firefox over BiDi emulates no media type), and the caller skips what needs it. */
export async function printMedia(page) {
  if (IN_FIREFOX) return false;
  await page.emulateMedia({ media: 'print' });
  return true;
}

/** The first page's size in points, [width, height], from a PDF's MediaBox: in the open (Chromium
 * writes it so) or in a compressed object stream (Firefox does). */
export function pdfPageSize(pdf) {
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/;
  const texts = [pdf.toString('latin1')];
  for (const m of texts[0].matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = pdf.indexOf('endstream', start);
    try { texts.push(inflateSync(pdf.subarray(start, end)).toString('latin1')); } catch { /* not deflated */ }
  }
  for (const t of texts) {
    const found = t.match(box);
    if (found) return [Number(found[1]), Number(found[2])];
  }
  throw new Error('no MediaBox in the PDF');
}

/** A4 portrait, as a station's printer prints by default: 595 × 842 points, within a point. */
export function assertA4Portrait(pdf) {
  const [w, h] = pdfPageSize(pdf);
  assert.ok(Math.abs(w - 595.3) < 1 && Math.abs(h - 841.9) < 1, `A4 portrait, not ${w} × ${h} points`);
}

/** Valid 18-digit numbers (GB 11643 check digits computed independently of the app). */
export function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Fills the member form from `m` and saves; returns when the member's page is open. */
export async function addMember(page, m) {
  await page.goto(new URL('#/members/new', page.url()).href);
  await page.getByRole('heading', { name: '新增党员' }).waitFor();
  await page.getByLabel('姓名', { exact: true }).fill(m.name);
  await page.getByLabel('公民身份号码').fill(m.id);
  await page.getByLabel('学历').selectOption(m.education ?? '高中');
  await page.getByLabel('人员类别').selectOption(m.category ?? '正式党员');
  await page.getByLabel('所在党支部').selectOption({ label: m.branch });
  await page.getByLabel('加入党组织日期').fill(m.joined ?? '2005-07-01');
  if ((m.category ?? '正式党员') === '正式党员') await page.getByLabel('转为正式党员日期').fill(m.full ?? '2006-07-01');
  if (m.phone) await page.getByLabel('联系电话').fill(m.phone);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: m.name, exact: true }).waitFor();
}

/** Catches the wasm's linear memory as a page instantiates it (pass to `context.addInitScript`: it runs before the page's scripts); the release build exposes no hook. */
export function catchWasmMemory() {
  window.wasmMemories = [];
  const keep = (result) => {
    const instance = result.instance ?? result;
    if (instance?.exports?.memory) window.wasmMemories.push(instance.exports.memory);
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiateStreaming = (...a) => streaming.apply(WebAssembly, a).then(keep);
  WebAssembly.instantiate = (...a) => plain.apply(WebAssembly, a).then(keep);
}

/** A server of its own (so the test can take the network away), logging each request. */
export async function startServer() {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
  const dist = process.env.E2E_DIST ?? 'dist';
  const server = spawn('python3', ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], { stdio: ['ignore', 'ignore', 'pipe'] });
  server.log = [];
  server.stderr.setEncoding('utf8').on('data', (chunk) => {
    for (const m of chunk.matchAll(/"GET (\S+) HTTP/g)) server.log.push(m[1]);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try { await fetch(base + '/'); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  server.base = base;
  return server;
}

/** Opens a tab of 数据交换 ('' export, '/import', '/conflicts', '/log') once every kind is read. */
export async function exchange(page, tab = '') {
  await page.goto(`${BASE}/#/exchange${tab}`);
  await ready(page);
  await page.locator('nav.tabs').waitFor();
  await page.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached' });
}

/** Exports (the whole station unless `org`), saves the download in a new folder under `dir` and
 * returns its path. */
export async function exportFile(page, dir, { org, passphrase } = {}) {
  await exchange(page);
  if (org) {
    await page.getByLabel('一个组织及其下级组织').check();
    await page.getByLabel('要导出的组织').selectOption({ label: org });
  }
  // The tab keeps its choices while the page is open: a passphrase only when asked for.
  await page.getByLabel('为文件设置密码').setChecked(Boolean(passphrase));
  if (passphrase) {
    await page.getByLabel('密码', { exact: true }).fill(passphrase);
    await page.getByLabel('再次输入密码').fill(passphrase);
  }
  const download = await saveDownload(page, () => page.getByRole('button', { name: '导出文件' }).click());
  const path = join(mkdtempSync(join(dir, 'out-')), download.name);
  copyFileSync(download.path, path);
  await page.getByText('已导出').waitFor();
  return path;
}

/** Reads exchange files with the reference reader written from the format's specification alone
 * (tests/reference/read_exchange.py): `{ ok, out }`, `out` naming each file OK (with its counts)
 * or REFUSED (with why). */
export function referenceReader(...paths) {
  const reader = new URL('../reference/read_exchange.py', import.meta.url).pathname;
  const run = spawnSync('python3', [reader, ...paths], { encoding: 'utf8' });
  return { ok: run.status === 0, out: `${run.stdout}${run.stderr}` };
}

/** The counts the reference reader printed for `path`: kind → number. */
export function referenceCounts(out, path) {
  const lines = out.slice(out.indexOf(`OK ${path}`)).split('\n').slice(1);
  const counts = {};
  for (const line of lines) {
    const m = /^([a-z0-9_]+) (\d+)$/.exec(line);
    if (!m) break;
    counts[m[1]] = Number(m[2]);
  }
  return counts;
}

/** The import preview's table: kind → [new, updated, unchanged, conflicts, rejected, quarantined]. */
export async function previewCounts(page) {
  const rows = await page.locator('table.preview-counts tbody tr').allInnerTexts();
  return Object.fromEntries(rows.map((r) => {
    const [kind, ...n] = r.split('\t').map((c) => c.trim());
    return [kind, n.map(Number)];
  }));
}

/** Chooses files in 数据交换's import tab. */
export async function chooseFiles(page, paths) {
  await exchange(page, '/import');
  await page.getByLabel('选择交换文件').setInputFiles(paths);
}

/** Imports one file through the preview; returns the preview's counts. */
export async function importFile(page, path) {
  await chooseFiles(page, path);
  await page.getByRole('heading', { name: '导入预览' }).waitFor();
  const counts = await previewCounts(page);
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.locator('.exchange-files').getByText('已导入“').waitFor();
  return counts;
}

/** The date `days` from today (negative: before) as the app stores it, in Beijing time. */
export function day(days = 0) {
  const d = new Date(Date.now() + 8 * 3600e3 + days * 86400e3);
  return d.toISOString().slice(0, 10);
}

/** Goes to a route of the app (`#/diary/new`) in the page's own document. */
export async function go(page, hash) {
  await page.goto(new URL(hash, page.url()).href);
}

/** A township station with 坪塘镇党委 and two village branches under it, 山塘村 and 桐溪村. */
export async function township(page) {
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
  await createOrg(page, { name: '桐溪村党支部', category: '党支部', parent: '坪塘镇党委' });
}

/** A township station with 坪塘镇党委, its village branch 山塘村党支部 and the village's
 * secretary 李书记, a member who writes diaries. */
export async function villageWithSecretary(page) {
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
  await addMember(page, { name: '李书记', id: idNumber('43012119700101001'), branch: '山塘村党支部' });
}

/** Chooses an organization in an organization select (its options are indented by depth). */
export async function chooseOrg(page, select, name) {
  const option = page.locator(`${select} option`, { hasText: name });
  await option.first().waitFor({ state: 'attached' });
  await page.locator(select).selectOption(await option.first().getAttribute('value'));
}

/** Registers a village post for a person who is not a member (`end`: the term's last day). */
export async function addCadre(page, { org, name, id, posts, start, end }) {
  await go(page, '#/cadres');
  await page.getByLabel('任职组织').selectOption({ label: org });
  await page.getByLabel('姓名', { exact: true }).fill(name);
  await page.getByLabel('公民身份号码').fill(id);
  for (const post of posts) await page.getByLabel(post, { exact: true }).check();
  await page.getByLabel('任期开始日期').fill(start);
  if (end) await page.getByLabel('任期结束日期').fill(end);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText(`已登记任职：${name}`).waitFor();
}

/** Photographs the page into `dir` with `selector` scrolled into view, then in large text with
 * `large` scrolled into view (`name` and `name-large`). */
export async function photograph(page, dir, name, selector, large) {
  for (const [on, at, file] of [[false, selector, name], [true, large, name + '-large']]) {
    await page.evaluate((v) => document.documentElement.classList.toggle('large-text', v), on);
    await page.locator(at).evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: dir + file + '.png' });
  }
  await page.evaluate(() => document.documentElement.classList.remove('large-text'));
}

/** A row of a table whose first cell (a `th` or `td`) names `name`. */
export function rowOf(page, table, name) {
  return page.locator(`${table} tbody tr`).filter({ has: page.locator(':is(th, td):first-child', { hasText: name }) });
}

/** The files of a zip (an .xlsx), by name, inflated. */
export function unzip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'a zip');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLen = bytes.readUInt16LE(at + 28);
    const extraLen = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}
