// Backup and restore are a round trip (issue 16, point 5): a station holding every kind of record
// makes a backup with a passphrase; a fresh browser profile (another PC, browser or drive letter)
// restores it at its first run. The restored station is the same station: the same profile, the
// same records (its own backup, made at once, holds exactly what the first one's does), and every
// section shows the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, launch, freshContext, open, ready, exportFile, go } from './helpers.mjs';

const FIXTURE = new URL('./fixtures/station-sample.json', import.meta.url).pathname;
const DIR = mkdtempSync(join(tmpdir(), 'dangjian-backup-'));
const PASSPHRASE = '坪塘镇2026备份';
// A page of each section; their text is compared between the two stations.
const PAGES = [
  '#/orgs', '#/members', '#/development', '#/cadres', '#/cadres/trainings', '#/stats',
  '#/diary', '#/diary/households', '#/diary/report', '#/scoring', '#/scoring/points', '#/scoring/orgs',
  '#/scoring/schemes', '#/settings',
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A fresh browser profile whose first run restores `file` as the station it came from. */
async function restoredFrom(file, passphrase) {
  const context = await freshContext(browser);
  const page = await open(context);
  await page.getByLabel('站点名称').fill('坪塘镇');
  await page.getByLabel('乡镇', { exact: true }).check();
  await page.getByLabel(/^从备份文件恢复/).check();
  await page.getByRole('button', { name: '开始使用' }).click();
  await ready(page);
  await page.getByLabel('选择交换文件').setInputFiles(file);
  if (passphrase) {
    await page.getByRole('heading', { name: '输入密码' }).waitFor();
    await page.getByLabel('密码', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: '打开文件' }).click();
  }
  await page.getByRole('button', { name: '是本站点以前的备份：按原站点恢复' }).click();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已按原站点“').waitFor({ timeout: 60_000 });
  await ready(page);
  return { context, page };
}

const profileOf = async (page) => JSON.parse(await page.evaluate(() => localStorage.getItem('dangjian.settings'))).profile;

/** What a page shows in its main part once drawn. */
async function shown(page, route) {
  await go(page, route);
  await ready(page);
  await page.locator('main h2').first().waitFor();
  await page.waitForTimeout(300);
  return page.locator('main').innerText();
}

test('a backup with a passphrase, restored in a fresh browser, is the same station: profile, records and pages', async () => {
  // The first PC: the station, every kind of record in it (restored once from the sample).
  const first = await restoredFrom(FIXTURE);
  const backup = await exportFile(first.page, DIR, { passphrase: PASSPHRASE });
  assert.ok(!readFileSync(backup, 'utf8').includes('坪塘镇党委'), 'the backup is unreadable without its passphrase');

  // Another browser: its first run restores the backup.
  const second = await restoredFrom(backup, PASSPHRASE);
  assert.deepEqual(await profileOf(second.page), await profileOf(first.page));

  // The same records: both stations' backups, made now, hold the same records.
  const plain = async (page) => JSON.parse(readFileSync(await exportFile(page, DIR), 'utf8'));
  const [a, b] = [await plain(first.page), await plain(second.page)];
  assert.deepEqual(b.counts, a.counts);
  assert.deepEqual(b.records, a.records);
  assert.equal(a.counts.diary, 120);

  // The same pages.
  for (const route of PAGES) {
    const [x, y] = [await shown(first.page, route), await shown(second.page, route)];
    // The backup line of 设置 names the export made a moment ago at each.
    const same = (t) => t.replace(/\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?/g, '(time)');
    assert.equal(same(y), same(x), `${route} shows the same`);
  }
  assert.deepEqual(first.page.errors, []);
  assert.deepEqual(second.page.errors, []);
  await first.context.close();
  await second.context.close();
});
