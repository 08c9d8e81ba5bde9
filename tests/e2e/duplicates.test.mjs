// Journey for 重复记录 (issue 13), the field story: a village station sets itself up and enters
// 向阳村党支部 and two of its members by hand; then the township's file arrives, holding the same
// branch and the same people (same 公民身份号码). The preview says which records are duplicates
// and why; 数据交换 → 重复记录 lists them; each pair is merged with its values chosen side by side;
// one merge is undone and made again. After one more exchange each way both stations hold one
// branch and one record per person, and nothing names a merged record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE, SHOTS, launch, freshContext, open, ready, firstRun, createOrg, addMember, idNumber,
  exchange, exportFile as exportTo, chooseFiles, importFile, photograph,
} from './helpers.mjs';

let browser;
const DIR = mkdtempSync(join(tmpdir(), 'dangjian-duplicates-'));
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  rmSync(DIR, { recursive: true, force: true });
});

const WANG = { name: '王建军', id: idNumber('43012119650101001'), branch: '向阳村党支部' };
const LI = { name: '李秀英', id: idNumber('43012119720315002'), branch: '向阳村党支部' };

async function station(name, level) {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, name, level);
  return { context, page };
}

/** The roster's rows named `name`. */
async function rosterCount(page, name) {
  await page.goto(`${BASE}/#/members`);
  await ready(page);
  await page.locator('table.roster').waitFor();
  return page.locator('table.roster').getByRole('link', { name, exact: true }).count();
}

/** The organization rows named `name` (by their first cell: a parent's row also holds its fold
 * button's words). */
async function orgCount(page, name) {
  await page.goto(`${BASE}/#/orgs`);
  await ready(page);
  await page.locator('table.org-table').waitFor();
  const rows = await page.locator('table.org-table tbody tr').allInnerTexts();
  return rows.filter((r) => r.split('\t')[0].trim() === name).length;
}

/** The rows of 重复记录, as text. */
async function duplicateRows(page) {
  await exchange(page, '/duplicates');
  await page.getByRole('heading', { name: '重复记录' }).waitFor();
  return page.locator('table.duplicates tbody tr').allInnerTexts();
}

/** Merges the pair in the row holding `text`, taking for each differing field the value whose
 * text holds one of `prefer` (else leaving the first record's). */
async function merge(page, text, prefer = []) {
  await duplicateRows(page);
  await page.locator('table.duplicates tbody tr').filter({ hasText: text }).first().getByRole('link', { name: '合并…' }).click();
  await page.getByRole('heading', { name: /^合并两条/ }).waitFor();
  for (const want of prefer) {
    const choice = page.locator('table.merge-fields label').filter({ hasText: want });
    if (await choice.count()) await choice.first().locator('input').check();
  }
  await page.screenshot({ path: SHOTS + 'duplicates-merge.png' });
  await page.getByRole('button', { name: '合并为一条记录' }).click();
  await page.getByText('已合并为一条记录').waitFor();
}

test('a village that set up first, then took the township\'s file: duplicates found, merged once, merged everywhere', async () => {
  // The township: its tree and the branch's two members, exported.
  const town = await station('坪塘镇党委组织办', '乡镇');
  await createOrg(town.page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(town.page, { name: '向阳村党支部', category: '党支部', parent: '坪塘镇党委' });
  await addMember(town.page, { ...WANG, phone: '13807310001' });
  await addMember(town.page, LI);
  const townFile = await exportTo(town.page, DIR);

  // The village, on its own first: the same branch at the top, the same people.
  const village = await station('向阳村', '村');
  await createOrg(village.page, { name: '向阳村党支部', category: '党支部' });
  await addMember(village.page, { ...WANG, phone: '13900001111' });
  await addMember(village.page, LI);

  // The township's file: the preview names the duplicates it would leave, and why.
  await chooseFiles(village.page, townFile);
  await village.page.getByRole('heading', { name: '导入预览' }).waitFor();
  await village.page.getByText('导入后会出现的重复记录').waitFor();
  const preview = await village.page.locator('table.duplicates tbody tr').allInnerTexts();
  assert.equal(preview.filter((r) => r.includes('肯定重复') && r.includes('公民身份号码相同')).length, 2, preview.join('\n'));
  assert.ok(preview.some((r) => r.includes('党组织') && r.includes('可能重复')), preview.join('\n'));
  await village.page.screenshot({ path: SHOTS + 'duplicates-preview.png', fullPage: true });
  await village.page.getByRole('button', { name: '确认导入' }).click();
  await village.page.locator('.exchange-files').getByText('已导入“').waitFor();

  // 重复记录 lists them (the tab counts them); the branch first: it goes under 坪塘镇党委.
  const rows = await duplicateRows(village.page);
  assert.equal(rows.length, 3, rows.join('\n'));
  await photograph(village.page, SHOTS, 'duplicates-list', 'table.duplicates', 'table.duplicates');
  // Neither size scrolls sideways at 1024×768.
  for (const large of [false, true]) {
    await village.page.evaluate((v) => document.documentElement.classList.toggle('large-text', v), large);
    const wide = await village.page.evaluate(() => Math.max(
      document.documentElement.scrollWidth - window.innerWidth,
      ...[...document.querySelectorAll('main, main .card')].map((e) => e.scrollWidth - e.clientWidth)));
    assert.ok(wide <= 0, `the page scrolls sideways by ${wide}px (large text: ${large})`);
  }
  await village.page.evaluate(() => document.documentElement.classList.remove('large-text'));
  await village.page.locator('nav.tabs').getByText('重复记录（3）').waitFor();
  await merge(village.page, '党组织', ['坪塘镇党委']);
  // The members, keeping the village's phone for 王建军.
  await merge(village.page, WANG.name, ['13900001111']);
  await merge(village.page, LI.name);
  await village.page.getByText('没有发现重复记录').waitFor();
  assert.equal(await rosterCount(village.page, WANG.name), 1);
  assert.equal(await rosterCount(village.page, LI.name), 1);
  assert.equal(await orgCount(village.page, '向阳村党支部'), 1);

  // A merge undone: two records again; merged again.
  await exchange(village.page, '/duplicates');
  await village.page.locator('table').filter({ hasText: '保留的记录' }).locator('tbody tr').filter({ hasText: LI.name })
    .getByRole('button', { name: '撤销合并' }).click();
  await village.page.getByText('已撤销合并').waitFor();
  assert.equal(await rosterCount(village.page, LI.name), 2);
  await merge(village.page, LI.name);
  assert.equal(await rosterCount(village.page, LI.name), 1);

  // One more exchange each way: the township learns the merges.
  const villageFile = await exportTo(village.page, DIR);
  await importFile(town.page, villageFile);
  assert.deepEqual(await duplicateRows(town.page), []);
  assert.equal(await rosterCount(town.page, WANG.name), 1);
  assert.equal(await rosterCount(town.page, LI.name), 1);
  assert.equal(await orgCount(town.page, '向阳村党支部'), 1);
  const wangPhone = async (page) => {
    await page.locator('table.roster').getByRole('link', { name: WANG.name, exact: true }).click();
    return (await page.locator('dl.member-facts dt:text-is("联系电话") + dd').innerText()).trim();
  };
  await rosterCount(town.page, WANG.name);
  assert.equal(await wangPhone(town.page), '13900001111');
  const townAgain = await exportTo(town.page, DIR);
  await importFile(village.page, townAgain);
  assert.deepEqual(await duplicateRows(village.page), []);
  assert.equal(await rosterCount(village.page, WANG.name), 1);
  assert.equal(await orgCount(village.page, '向阳村党支部'), 1);

  assert.deepEqual(town.page.errors, []);
  assert.deepEqual(village.page.errors, []);
  await town.context.close();
  await village.context.close();
});

test('a village that receives the township\'s file first starts from it, and an empty organization page says to', async () => {
  const town = await station('坪塘镇党委组织办', '乡镇');
  await createOrg(town.page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(town.page, { name: '向阳村党支部', category: '党支部', parent: '坪塘镇党委' });
  await addMember(town.page, WANG);
  const townFile = await exportTo(town.page, DIR);

  // Set up from scratch, the organization page says to import a file first if there is one.
  const other = await station('桐溪村', '村');
  await other.page.goto(`${BASE}/#/orgs`);
  await ready(other.page);
  await other.page.getByText('请先导入它，不要重新录入').waitFor();
  await other.page.getByRole('link', { name: '导入乡镇发来的文件' }).click();
  await other.page.getByLabel('选择交换文件').waitFor();

  // Started from the file: the import opens at once; the branch comes with it, once.
  const context = await freshContext(browser);
  const page = await open(context);
  await page.getByLabel('站点名称').fill('向阳村');
  await page.getByLabel('村', { exact: true }).check();
  await page.getByLabel(/先导入乡镇/).check();
  await page.screenshot({ path: SHOTS + 'first-run-from-file.png' });
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByLabel('选择交换文件').waitFor();
  await importFile(page, townFile);
  assert.equal(await orgCount(page, '向阳村党支部'), 1);
  assert.equal(await rosterCount(page, WANG.name), 1);
  assert.deepEqual(await duplicateRows(page), []);

  for (const p of [town.page, other.page, page]) assert.deepEqual(p.errors, []);
  await town.context.close();
  await other.context.close();
  await context.close();
});

test('the same household entered at two stations: merged, the visits of both are the kept one\'s', async () => {
  const ZHANG = idNumber('43012119450101001');
  // A station with 张大爷 and a visit to him, exported.
  const a = await station('坪塘镇党委组织办', '乡镇');
  await createOrg(a.page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(a.page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
  await addMember(a.page, { name: '李书记', id: idNumber('43012119700101001'), branch: '山塘村党支部' });
  const household = async (page) => {
    await page.goto(`${BASE}/#/diary/households/new`);
    await ready(page);
    await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
    await page.getByLabel('户主姓名').fill('张大爷');
    await page.getByLabel('户主公民身份号码').fill(ZHANG);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
  };
  await household(a.page);
  await a.page.goto(`${BASE}/#/diary/new`);
  await ready(a.page);
  await a.page.getByLabel('走访村').selectOption({ label: '山塘村党支部' });
  await a.page.getByLabel('走访人').selectOption({ label: '李书记' });
  await a.page.getByLabel('走访户').fill('zdy');
  await a.page.getByLabel('走访户').press('Enter');
  await a.page.locator('.chips').getByText('张大爷').waitFor();
  await a.page.getByLabel('民情类别').selectOption('政策咨询');
  await a.page.getByLabel('政策法规宣传员').check();
  await a.page.getByLabel('民情（所见所闻）').fill('咨询医保报销');
  await a.page.getByLabel('民情（所见所闻）').press('Control+Enter');
  await a.page.getByText('已保存。可以接着写下一篇。').waitFor();
  const fileA = await exportTo(a.page, DIR);

  // Another station entered the same tree and household on its own, then takes the file.
  const b = await station('坪塘镇党委组织办', '乡镇');
  await createOrg(b.page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(b.page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
  await household(b.page);
  await importFile(b.page, fileA);
  // The household (certain) and the committees (both at the top) are found at once.
  const rows = await duplicateRows(b.page);
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.ok(rows[0].includes('张大爷') && rows[0].includes('民情户') && rows[0].includes('肯定重复'), rows[0]);
  await merge(b.page, '张大爷');
  // Once the committees are one, their villages are under one parent, and match.
  await merge(b.page, '坪塘镇党委');
  await merge(b.page, '山塘村党支部');
  assert.deepEqual(await duplicateRows(b.page), []);

  // One 张大爷 on the register, whose archive holds the visit written at the other station.
  await b.page.goto(`${BASE}/#/diary/households`);
  await ready(b.page);
  const links = b.page.getByRole('link', { name: '张大爷', exact: true });
  await links.first().waitFor();
  assert.equal(await links.count(), 1);
  await links.first().click();
  await b.page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
  await b.page.locator('li.visit').getByText('咨询医保报销').waitFor();

  for (const p of [a.page, b.page]) assert.deepEqual(p.errors, []);
  await a.context.close();
  await b.context.close();
});
