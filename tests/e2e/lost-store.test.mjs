// A station whose data was cleared from the browser while its settings stayed (a cleaning tool, a
// reinstalled browser, storage the browser took back; issue 15, point 2): the app says so before
// anything is written and leads to the last exchange or backup file, rather than opening an empty
// station that looks new.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, SHOTS, launch, freshContext, open, ready, township, exportFile, chooseFiles, orgRows } from './helpers.mjs';

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
  assert.equal(new URL(page.url()).hash, '#/exchange/import');
  await page.locator('.header-station').getByText('坪塘镇党委组织办').waitFor();
  await chooseFiles(page, file);
  // The file carries this station's own id: restored as its own backup, under that id.
  await page.getByRole('button', { name: '这是本机自己的备份，按原编号恢复' }).click();
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
