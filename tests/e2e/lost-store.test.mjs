// A station whose data was cleared from the browser while its settings stayed (a cleaning tool, a
// reinstalled browser, storage the browser took back; issue 15, point 2): the app says so before
// anything is written and leads to the last exchange or backup file, rather than opening an empty
// station that looks new.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, SHOTS, launch, freshContext, open, ready, township, exportFile, orgRows, addMember, idNumber } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Clears the app's database as a cleaning tool would, its settings (localStorage) left. */
async function clearDatabase(page) {
  // A page of the same origin without the app, so nothing holds the database open.
  await page.goto(BASE + '/sw.js');
  await page.evaluate(() => new Promise((ok, no) => {
    const r = indexedDB.deleteDatabase('dangjian');
    r.onsuccess = ok;
    r.onerror = () => no(r.error);
    r.onblocked = () => no(new Error('the database is still open'));
  }));
}

async function stationWithFile() {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  const file = await exportFile(page, mkdtempSync(join(tmpdir(), 'lost-')));
  await clearDatabase(page);
  await page.goto(BASE + '/');
  return { context, page, file };
}

test('its data cleared, the station asks before starting empty, and is restored from its last file', async () => {
  const { context, page, file } = await stationWithFile();
  const dialog = page.getByRole('alertdialog', { name: '找不到本站点以前的数据' });
  await dialog.getByText('这个浏览器记得本站点“坪塘镇党委组织办”').waitFor();
  await dialog.getByText(/最近一次导出的文件：\s*坪塘镇党委组织办/).waitFor();
  assert.equal(await page.locator('.app-header').count(), 0, 'nothing opened behind it');
  await page.screenshot({ path: SHOTS + 'lost-store.png' });
  await dialog.getByRole('button', { name: '从备份文件恢复' }).click();
  await ready(page);
  assert.equal(new URL(page.url()).hash, '#/exchange/import/restore');
  await page.locator('.header-station').getByText('坪塘镇党委组织办').waitFor();
  await page.getByLabel('选择交换文件').setInputFiles(file);
  // The file carries this station's own id: restored as its own backup, under that id, once the
  // clerk says so (a click, never assumed: a copy from a PC still in use looks the same).
  await page.getByRole('button', { name: '这是本机自己的备份，按原编号恢复' }).click();
  await page.getByText('将按本站点原来的编号恢复').waitFor();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入“').first().waitFor();
  await page.goto(BASE + '/#/orgs');
  await ready(page);
  assert.equal(await orgRows(page).count(), 3);
  // Restored, it opens as ever.
  await page.reload();
  await ready(page);
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('从空白开始 keeps the station, starts empty and is not asked again', async () => {
  const { context, page } = await stationWithFile();
  const dialog = page.getByRole('alertdialog', { name: '找不到本站点以前的数据' });
  await dialog.getByRole('button', { name: '从空白开始（以前的数据不要了）' }).click();
  await ready(page);
  await page.locator('.header-station').getByText('坪塘镇党委组织办').waitFor();
  await page.goto(BASE + '/#/orgs');
  await page.getByText('还没有党组织。').waitFor();
  await page.reload();
  await ready(page);
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await context.close();
});

/** The station id in the settings of `page`'s browser. */
const stationId = async (page) => JSON.parse(await page.evaluate(() => localStorage.getItem('dangjian.settings'))).profile.id;

test('a station whose data stayed behind (another PC, browser or drive letter): the first run restores its backup as that station', async () => {
  const first = await freshContext(browser);
  const before = await open(first);
  await township(before);
  await addMember(before, { name: '王五', id: idNumber('43012119700101001'), branch: '山塘村党支部' });
  const file = await exportFile(before, mkdtempSync(join(tmpdir(), 'moved-')));
  const id = await stationId(before);
  await first.close();

  // Nothing of the station in this browser: the first-run dialog.
  const context = await freshContext(browser);
  const page = await open(context);
  await page.getByLabel('站点名称').fill('坪塘镇组织办');
  await page.getByLabel('乡镇', { exact: true }).check();
  await page.getByLabel(/^从备份文件恢复/).check();
  await page.screenshot({ path: SHOTS + 'first-run-restore.png' });
  await page.getByRole('button', { name: '开始使用' }).click();
  await ready(page);
  assert.equal(new URL(page.url()).hash, '#/exchange/import/restore');
  await page.getByLabel('选择交换文件').setInputFiles(file);
  await page.getByText('这是本站点以前导出的备份吗？文件来自“坪塘镇党委组织办（乡镇）”').waitFor();
  // Said at the start, the restore stands out, but is chosen by a click; what it does is said.
  const restore = page.getByRole('button', { name: '是本站点以前的备份：按原站点恢复' });
  assert.equal(await restore.getAttribute('class'), 'primary');
  assert.equal(await restore.getAttribute('aria-pressed'), 'false');
  await restore.click();
  assert.equal(await restore.getAttribute('aria-pressed'), 'true');
  await page.getByText('导入后，本机将改用“坪塘镇党委组织办（乡镇）”的站点名称和编号').waitFor();
  await page.screenshot({ path: SHOTS + 'restore-preview.png', fullPage: true });
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已按原站点“坪塘镇党委组织办（乡镇）”恢复').waitFor();
  await ready(page);
  assert.equal(await stationId(page), id, 'the station id of the file');
  await page.locator('.header-station').getByText('坪塘镇党委组织办').waitFor();
  await page.goto(BASE + '/#/members');
  await page.getByRole('link', { name: '王五' }).waitFor();
  // The backup it came from is the station's last backup: no reminder as if it never had one.
  await page.goto(BASE + '/#/settings');
  await page.getByText('最近一周内已备份。').waitFor();
  assert.equal(await page.locator('.status-line').getByRole('link', { name: '请备份数据' }).count(), 0);
  // What it exports now carries on from the station's earlier files.
  const again = JSON.parse(readFileSync(await exportFile(page, mkdtempSync(join(tmpdir(), 'moved-'))), 'utf8'));
  assert.equal(again.station.id, id);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a village's first file from the township is imported as the township's, the village keeping its own id", async () => {
  const township_ = await freshContext(browser);
  const t = await open(township_);
  await township(t);
  const file = await exportFile(t, mkdtempSync(join(tmpdir(), 'sent-')));
  await township_.close();

  const context = await freshContext(browser);
  const page = await open(context);
  await page.getByLabel('站点名称').fill('山塘村');
  await page.getByLabel('村', { exact: true }).check();
  await page.getByLabel(/^先导入乡镇/).check();
  await page.getByRole('button', { name: '开始使用' }).click();
  await ready(page);
  const own = await stationId(page);
  await page.getByLabel('选择交换文件').setInputFiles(file);
  // A whole station's file on an empty station may be its backup: asked, never assumed.
  const restore = page.getByRole('button', { name: '是本站点以前的备份：按原站点恢复' });
  await restore.waitFor();
  assert.equal(await restore.getAttribute('aria-pressed'), 'false');
  assert.equal(await restore.getAttribute('class'), null, 'not standing out: the clerk did not say restore');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入“').first().waitFor();
  assert.equal(await stationId(page), own);
  await page.locator('.header-station').getByText('山塘村').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
