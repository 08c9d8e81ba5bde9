// Journey for re-importing an updated roster: a row whose 公民身份号码 is a member's of the
// station is that member, shown as an update with each field old → new (empty cells keep the
// member's values), never added a second time; updating can be turned off (those rows are then
// skipped); undoing the import puts the old values back. (The households' import does the same:
// diary-households.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, launch, freshContext, open, idNumber, township } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function csvFile(rows, name = '花名册.csv') {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-sheet-update-'));
  const path = join(dir, name);
  writeFileSync(path, '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
  return path;
}

const HEADER = ['姓名', '民族', '身份证号码', '文化程度', '所在支部', '入党时间', '转正时间', '手机', '家庭住址'];
const zhang = idNumber('43012119800506123');
const wang = idNumber('43012119700101001');
const zhao = idNumber('43012119720202002');

const roster = (page) => page.locator('table.roster tbody tr:not(.spacer)');

async function memberFacts(page, name) {
  await page.goto(new URL('#/members', page.url()).href);
  await roster(page).filter({ hasText: name }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
  return page.locator('dl.member-facts').innerText();
}

test('a roster imported again: the changed member is updated, not added twice, and undo puts the old phone back', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await page.setViewportSize({ width: 1024, height: 768 });
  await township(page);
  await page.goto(new URL('#/members/import', page.url()).href);
  await page.getByLabel('选择表格文件').setInputFiles(csvFile([
    HEADER,
    ['张三', '汉族', zhang, '高中', '山塘村党支部', '2005-07-01', '2006-07-01', '13807310001', '山塘村3组'],
    ['王五', '苗族', wang, '初中', '桐溪村党支部', '1995-07-01', '1996-07-01', '', '桐溪村1组'],
  ]));
  await page.getByRole('button', { name: '确认导入 2 名党员' }).click();
  await page.getByText('已导入 2 名党员').waitFor();

  // The updated sheet: 张三's phone and address changed, his 民族 left empty; 王五 as before; 赵六 new.
  await page.getByLabel('选择表格文件').setInputFiles(csvFile([
    HEADER,
    ['张三', '', zhang, '高中', '山塘村党支部', '2005-07-01', '2006-07-01', '13907310002', '山塘村5组'],
    ['王五', '苗族', wang, '初中', '桐溪村党支部', '1995-07-01', '1996-07-01', '', '桐溪村1组'],
    ['赵六', '汉族', zhao, '高中', '桐溪村党支部', '2000-07-01', '2001-07-01', '', ''],
  ], '花名册（更新）.csv'));
  await page.getByRole('heading', { name: '检查结果' }).waitFor();
  assert.match(await page.locator('.import-summary').innerText(), /新增 1 行\s+更新 1 行\s+无变化 1 行\s+有问题 0 行/);
  const updates = page.locator('table.import-updates tbody tr');
  assert.equal(await updates.count(), 1);
  assert.match(
    await updates.first().innerText(),
    /^2\s+张三\s+已有：张三（山塘村党支部）\s+家庭住址：山塘村3组 → 山塘村5组\s+联系电话：13807310001 → 13907310002$/,
  );
  await page.getByText('表格中空白的单元格不会清除已有的内容').waitFor();
  await page.locator('table.import-updates').scrollIntoViewIfNeeded();
  await page.screenshot({ path: SHOTS + 'sheet-update-preview.png' });

  // Off: the matching rows are skipped, only 赵六 would be added; on again for the import.
  const choice = page.getByLabel('按表格更新这些已有记录（不勾选则跳过这些行）');
  assert.equal(await choice.isChecked(), true, 'updating is the default');
  await choice.uncheck();
  await page.getByRole('button', { name: '确认导入 1 名党员' }).waitFor();
  await choice.check();
  await page.getByRole('button', { name: '确认导入：新增 1 名党员，更新 1 名党员' }).click();
  await page.getByText('已导入：新增 1 名党员，更新 1 名党员').waitFor();

  // One 张三, with the new phone and address; his 民族 kept (seen in another tab of the station).
  const other = await context.newPage();
  await other.goto(new URL('#/members', page.url()).href);
  await other.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 3);
  assert.equal(await roster(other).filter({ hasText: '张三' }).count(), 1);
  const facts = await memberFacts(other, '张三');
  assert.match(facts, /13907310002/);
  assert.match(facts, /山塘村5组/);
  assert.match(facts, /汉族/);

  // Undo the import on its page: 赵六 is deleted, 张三's phone and address are back.
  await page.getByRole('button', { name: '撤销这次导入' }).click();
  await page.getByText('更新过的项目已改回原来的内容。').waitFor();
  await page.goto(new URL('#/members', page.url()).href);
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 2);
  const back = await memberFacts(page, '张三');
  assert.match(back, /13807310001/);
  assert.match(back, /山塘村3组/);
  await other.close();
  assert.deepEqual(page.errors, []);
  await context.close();
});
