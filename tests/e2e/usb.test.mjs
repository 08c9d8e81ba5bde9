// The USB edition (scripts/usb-edition.mjs): the whole app in one file, opened from disk
// (file://) with no server and no network, as a station PC that never saw the hosted page gets
// it on a stick. A full round: set up, members added by hand and from a spreadsheet, the roster
// to Excel, both sections whose code is fetched on first use, a print view, an exchange file
// out, a reload with the data still there, and the file read by a second station.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASE, SHOTS, launch, freshContext, ready, firstRun, township, addMember, idNumber, go, previewCounts, assertA4Portrait, saveDownload, IN_FIREFOX } from './helpers.mjs';

const USB_PAGE = resolve(process.env.E2E_DIST ?? 'dist', 'usb', '基层党建工作台.html');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A context with no network at all and the HTTP cache off: only the file itself can answer. */
async function stickContext() {
  const context = await freshContext(browser);
  await context.setOffline(true);
  context.requests = [];
  context.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) context.requests.push(r.url()); });
  return context;
}

async function openFromStick(context) {
  const page = await context.newPage();
  if (!IN_FIREFOX) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  }
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(pathToFileURL(USB_PAGE).href);
  return page;
}

const members = (page) => page.locator('table.roster tbody tr:not(.spacer)');

test('the USB edition runs from file:// with no network: a full round, and its data stays after a reload', async () => {
  assert.ok(existsSync(USB_PAGE), `the build wrote ${USB_PAGE}`);
  const context = await stickContext();
  const page = await openFromStick(context);
  assert.match(page.url(), /^file:\/\//);
  await township(page);
  await addMember(page, { name: '王五', id: idNumber('43012119700101001'), branch: '山塘村党支部', phone: '13812345678' });
  await addMember(page, { name: '赵六', id: idNumber('43012119720202002'), branch: '桐溪村党支部' });

  // A roster from a spreadsheet: read by the spreadsheet worker, which the page starts from disk.
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-usb-'));
  const csv = join(dir, '花名册.csv');
  writeFileSync(csv, '\ufeff姓名,民族,身份证号码,文化程度,所在支部,入党时间,转正时间\r\n' +
    `钱七,汉族,${idNumber('43012119750303003')},高中,山塘村党支部,2000.7.1,2001.7.1\r\n`);
  await go(page, '#/members/import');
  await page.getByLabel('选择表格文件').setInputFiles(csv);
  await page.getByRole('button', { name: '确认导入 1 名党员' }).click();
  await page.getByText('已导入 1 名党员').waitFor();
  await page.getByRole('link', { name: '返回党员列表' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 3);
  // Pinyin search: the full pinyin table is one of the files the page carries.
  await page.getByLabel('查找党员').fill('qq');
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 1);
  assert.match(await members(page).first().innerText(), /钱七/);
  await page.getByLabel('查找党员').fill('');

  // The roster to Excel, written by the same worker.
  const xlsx = await saveDownload(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
  assert.match(xlsx.name, /党员花名册\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(readFileSync(xlsx.path).subarray(0, 2).toString('latin1'), 'PK');

  // The sections whose code is a wasm of its own, fetched when first opened.
  await go(page, '#/diary/new');
  await page.getByRole('heading', { name: '写民情日记（走访记录）' }).waitFor();
  await go(page, '#/scoring');
  await page.getByRole('heading', { name: '考核评分' }).first().waitFor();

  // A print view, on A4 portrait paper.
  await go(page, '#/members');
  await page.getByLabel('所在组织').selectOption({ label: '山塘村党支部' });
  await page.getByRole('link', { name: '打印花名册' }).click();
  await page.getByRole('heading', { name: '山塘村党支部党员花名册' }).waitFor();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assertA4Portrait(pdf);

  // Where the data lives, said plainly: in this browser on this PC, not on the stick.
  await go(page, '#/settings');
  await page.getByText('本页是从U盘或磁盘上的文件打开的（U盘版）：数据同样保存在这台电脑的浏览器里，不在U盘上。').waitFor();
  await page.getByText('还没有备份过。').waitFor();

  // An exchange file out.
  await go(page, '#/exchange');
  await page.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached' });
  const download = await saveDownload(page, () => page.getByRole('button', { name: '导出文件' }).click());
  const exported = join(dir, download.name);
  copyFileSync(download.path, exported);
  await page.getByText('已导出').waitFor();
  const file = JSON.parse(readFileSync(exported, 'utf8'));
  assert.equal(file.counts.member, 3, `three members in the file: ${JSON.stringify(file.counts)}`);

  // Reloaded from disk: everything is still there (IndexedDB of the browser on this PC).
  await page.reload();
  await ready(page);
  await go(page, '#/members');
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 3);
  await page.screenshot({ path: SHOTS + 'usb-members.png' });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(context.requests, [], 'nothing was asked of a network');
  await context.close();

  // A second station, also from a stick, reads that file.
  const other = await stickContext();
  const second = await openFromStick(other);
  await firstRun(second, '山塘村', '村');
  await go(second, '#/exchange/import');
  await second.getByLabel('选择交换文件').setInputFiles(exported);
  await second.getByRole('heading', { name: '导入预览' }).waitFor();
  const counts = await previewCounts(second);
  assert.equal(counts['党员']?.[0], 3, `three new members in the preview: ${JSON.stringify(counts)}`);
  assert.deepEqual(second.errors, []);
  assert.deepEqual(other.requests, []);
  await other.close();
});

test("the exchange file's schema and specification are served beside the app, and lie beside the USB edition", async () => {
  const published = readFileSync(new URL('../../public/schema/station-exchange-v1.schema.json', import.meta.url));
  const served = await fetch(`${BASE}/schema/station-exchange-v1.schema.json`);
  assert.equal(served.status, 200);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), published);
  assert.equal(JSON.parse(published).properties.format.const, 'dangjian-station-exchange');
  assert.deepEqual(readFileSync(resolve(USB_PAGE, '..', 'schema', 'station-exchange-v1.schema.json')), published);
  // And its specification, in words, beside it.
  const spec = readFileSync(new URL('../../public/schema/station-exchange-v1.md', import.meta.url));
  const servedSpec = await fetch(`${BASE}/schema/station-exchange-v1.md`);
  assert.equal(servedSpec.status, 200);
  assert.deepEqual(Buffer.from(await servedSpec.arrayBuffer()), spec);
  assert.match(spec.toString(), /## 4\. The checksum/);
  assert.deepEqual(readFileSync(resolve(USB_PAGE, '..', 'schema', 'station-exchange-v1.md')), spec);
});
