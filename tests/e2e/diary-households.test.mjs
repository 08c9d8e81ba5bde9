// Journeys for 民情户 beyond the form: a village's list imported from an .xlsx (written by the
// app's own spreadsheet worker) and from a GBK CSV, each bad row named by its row number and
// reason and left out, the good rows saved, the imports undone (here and from the organization
// tree's list of steps); and a household whose village was closed: the notebook page refuses a
// visit to it at the field, its archive offers the move, and after the move the visit saves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, launch, freshContext, open, idNumber, addMember, orgRows, orgAction, day, go, township } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function tempFile(name, bytes) {
  const path = join(mkdtempSync(join(tmpdir(), 'dangjian-households-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** An .xlsx of `rows`, written by the build's spreadsheet worker (as the app's export does). */
async function xlsxOf(page, rows) {
  const bytes = await page.evaluate(async (rows) => {
    const worker = new Worker('./spreadsheet-worker.js');
    const reply = await new Promise((resolve) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.postMessage({ id: 1, op: 'xlsx', sheet: '民情户', rows: JSON.stringify(rows) });
    });
    worker.terminate();
    return [...new Uint8Array(reply.bytes)];
  }, rows);
  return Buffer.from(bytes);
}

/** A CSV in GBK, as Excel on a Chinese Windows saves one. */
function gbkCsv(rows) {
  const text = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}

const registerRows = (page) => page.locator('table.households tbody tr');

test('a village list from .xlsx and from a GBK CSV: bad rows named by row number and left out, the imports undone', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  const taken = idNumber('43012119700203012');

  await go(page, '#/diary/households');
  await page.getByText('共 0 户').waitFor();
  await page.getByRole('link', { name: '导入民情户' }).click();
  await page.getByRole('heading', { name: '导入民情户' }).waitFor();
  const xlsx = await xlsxOf(page, [
    ['山塘村民情户台账'],
    ['序号', '户主姓名', '身份证号码', '村民小组', '家庭人口', '户类别', '联系电话', '村'],
    ['1', '张大山', taken, '一组', '4', '贫困户、五保户', '13807310000', '山塘村'],
    ['2', '李二', taken, '二组', '3', '', '', '山塘村'],
    ['3', '王五', '', '三组', '零', '', '', '山塘村'],
    ['4', '赵六', '', '一组', '2', '种养大户', '', '石桥村'],
    ['5', '钱七', '', '二组', '5', '低保户', '', '桐溪村'],
  ]);
  await page.getByLabel('选择表格文件').setInputFiles(tempFile('山塘村民情户.xlsx', xlsx));
  await page.getByRole('heading', { name: '检查结果' }).waitFor();
  // Columns mapped by their header names, under the title row.
  assert.equal(await page.locator('#map-0 option:checked').innerText(), '（不导入）');
  assert.equal(await page.locator('#map-1 option:checked').innerText(), '户主姓名');
  assert.equal(await page.locator('#map-2 option:checked').innerText(), '户主公民身份号码');
  assert.equal(await page.locator('#map-7 option:checked').innerText(), '所在村');
  const summary = page.locator('.import-summary');
  assert.match(await summary.innerText(), /新增 2 行\s+有问题 3 行/);
  const errors = page.locator('table.import-errors tbody tr');
  assert.equal(await errors.count(), 3);
  assert.match(await errors.nth(0).innerText(), /^4\s+李二\s+[\s\S]*与表格第 3 行重复/);
  assert.match(await errors.nth(1).innerText(), /^5\s+王五\s+[\s\S]*家庭人口：家庭人口请填整数/);
  assert.match(await errors.nth(2).innerText(), /^6\s+赵六\s+[\s\S]*村“石桥村”在本站点不存在/);
  assert.match(await page.locator('table.import-warnings').innerText(), /^3\s+张大山\s+类别“五保户”不在固定类别中/);
  await page.screenshot({ path: SHOTS + 'diary-household-import.png', fullPage: true });
  await page.getByRole('heading', { name: '检查结果' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: SHOTS + 'diary-household-import-preview.png' });

  // Nothing is saved before confirming; then the two good rows are.
  await go(page, '#/diary/households');
  await page.getByText('共 0 户').waitFor();
  await page.goBack();
  await page.getByLabel('选择表格文件').setInputFiles(tempFile('山塘村民情户.xlsx', xlsx));
  await page.getByRole('button', { name: '确认导入 2 户' }).click();
  await page.getByText('已导入 2 户').waitFor();
  await go(page, '#/diary/households');
  await page.getByText('共 2 户').waitFor();
  assert.match(await registerRows(page).filter({ hasText: '张大山' }).innerText(), /张大山\s+山塘村党支部\s+一组\s+4\s+贫困户、五保户/);
  assert.match(await registerRows(page).filter({ hasText: '钱七' }).innerText(), /钱七\s+桐溪村党支部\s+二组\s+5\s+低保户/);

  // A GBK CSV without a village column: every row goes to the village chosen for the sheet.
  await page.getByRole('link', { name: '导入民情户' }).click();
  const csv = gbkCsv([
    ['户主', '身份证号', '组别', '人口', '类别'],
    ['孙八', idNumber('43012119800506123'), '四组', '2', '留守/空巢老人'],
    ['周九', idNumber('43012119850312124').slice(0, 17) + (idNumber('43012119850312124').endsWith('0') ? '1' : '0'), '四组', '3', ''],
    ['吴十', taken, '五组', '3', ''],
  ]);
  await page.getByLabel('选择表格文件').setInputFiles(tempFile('桐溪村.csv', csv));
  await page.getByRole('heading', { name: '检查结果' }).waitFor();
  // 吴十's number is 张大山's: the row is that household (in its own village), an update.
  assert.match(await summary.innerText(), /新增 0 行\s+更新 1 行\s+有问题 2 行/);
  assert.match(await errors.nth(0).innerText(), /^2\s+孙八\s+[\s\S]*所在村：这一项必须填写/);
  await page.getByLabel('表格中没有“村”列时，全部登记到').selectOption({ label: '桐溪村党支部' });
  await page.getByText(/新增 1 行\s+更新 1 行\s+有问题 1 行/).waitFor();
  assert.match(await errors.nth(0).innerText(), /^3\s+周九\s+[\s\S]*户主公民身份号码：/);
  assert.match(
    await page.locator('table.import-updates tbody tr').innerText(),
    /^4\s+吴十\s+已有：张大山（山塘村党支部）\s+户主姓名：张大山 → 吴十\s+村民小组：一组 → 五组\s+家庭人口：4 → 3$/,
  );
  await page.getByRole('button', { name: '确认导入：新增 1 户，更新 1 户' }).click();
  await page.getByText('已导入：新增 1 户，更新 1 户').waitFor();
  // Another tab of the station sees the three households.
  const other = await context.newPage();
  await other.goto(new URL('#/diary/households', page.url()).href);
  await other.getByText('共 3 户').waitFor();
  assert.match(await registerRows(other).filter({ hasText: '吴十' }).innerText(), /吴十\s+山塘村党支部\s+五组\s+3/);
  assert.match(await registerRows(other).filter({ hasText: '孙八' }).innerText(), /孙八\s+桐溪村党支部\s+四组\s+2\s+留守\/空巢老人/);
  await other.close();

  // Undo the CSV's import on its page: 孙八 is gone, the others stay.
  await page.getByRole('button', { name: '撤销这次导入' }).click();
  await page.getByText('已撤销这次导入，导入的民情户已删除。').waitFor();
  await go(page, '#/diary/households');
  await page.getByText('共 2 户').waitFor();
  assert.equal(await page.getByRole('link', { name: '孙八' }).count(), 0);
  assert.match(await registerRows(page).filter({ hasText: '张大山' }).innerText(), /张大山\s+山塘村党支部\s+一组\s+4\s+/, 'the update undone');

  // The .xlsx import is undone from the organization tree's list of steps.
  await page.getByRole('link', { name: '党组织' }).click();
  await page.getByRole('button', { name: /撤销此操作：山塘村民情户\.xlsx（2 条记录）/ }).click();
  await page.getByText('已撤销该操作。').waitFor();
  await go(page, '#/diary/households');
  await page.getByText('共 0 户').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a household in a closed village: refused on the notebook page at its field, moved from its archive, then visited', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '李书记', id: idNumber('43012119700101001'), branch: '桐溪村党支部' });

  await go(page, '#/diary/households/new');
  await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('户主姓名').fill('张大爷');
  await page.getByLabel('村民小组').fill('一组');
  await page.getByLabel('贫困户').check();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
  const archive = page.url();

  // A page written for 山塘村 keeps the village for the next one.
  await go(page, '#/diary/new');
  await page.getByLabel('走访时间').fill(day(-3));
  await page.getByLabel('走访村').selectOption({ label: '桐溪村党支部' });
  await page.getByLabel('走访人').selectOption({ label: '李书记' });
  await page.getByLabel('走访村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('走访户').fill('zdy');
  await page.getByLabel('走访户').press('Enter');
  await page.locator('.chips').getByText('张大爷（一组）').waitFor();
  await page.getByLabel('政策法规宣传员').check();
  await page.getByLabel('民情类别').selectOption('政策咨询');
  await page.getByLabel('民情（所见所闻）').fill('咨询医保缴费');
  await page.getByLabel('民情（所见所闻）').press('Control+Enter');
  await page.getByText('已保存。可以接着写下一篇。').waitFor();

  // 山塘村 is closed (撤销) today; its household stays on the register, in the closed village.
  await page.getByRole('link', { name: '党组织' }).click();
  await orgAction(page, '山塘村党支部', '撤销');
  await page.getByRole('button', { name: '确认撤销' }).click();
  await page.waitForFunction(() => ![...document.querySelectorAll('table.org-table tbody td:first-child')].some((td) => td.textContent.includes('山塘村')));

  // The next page still has 山塘村 (kept), shown as closed; a visit today is refused at the village.
  await go(page, '#/diary/new');
  await page.getByRole('heading', { name: '写民情日记（走访记录）' }).waitFor();
  assert.match(await page.locator('#dy-village option:checked').innerText(), /山塘村党支部（已撤销或撤并）/);
  await page.getByLabel('走访时间').fill(day(0));
  await page.getByLabel('走访户').fill('zdy');
  await page.getByLabel('走访户').press('Enter');
  await page.locator('.chips').getByText('张大爷（一组）').waitFor();
  await page.getByLabel('政策法规宣传员').check();
  await page.getByLabel('民情类别').selectOption('政策咨询');
  await page.getByLabel('民情（所见所闻）').fill('询问村道维修');
  await page.getByLabel('民情（所见所闻）').press('Control+Enter');
  await page.locator('#dy-village-err').getByText('这个村在走访日期前已撤销或撤并，请选并入后的村。').waitFor();
  // An open village chosen, the household of the closed one is refused at the households.
  await page.getByLabel('走访村').selectOption({ label: '桐溪村党支部' });
  await page.getByLabel('走访人').selectOption({ label: '李书记' });
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('#dy-households-err').getByText('有一户所在的村已撤销或撤并。').waitFor();
  assert.equal(await page.locator('#dy-village option:checked').innerText(), '桐溪村党支部', 'the choice shows');
  await page.screenshot({ path: SHOTS + 'diary-closed-village.png', fullPage: true });
  await go(page, '#/diary');
  await page.getByText('找到 1 篇（共 1 篇走访记录）').waitFor();

  // The register marks the household's village as closed; its archive says so and offers the move.
  await go(page, '#/diary/households');
  assert.match(await registerRows(page).filter({ hasText: '张大爷' }).innerText(), /张大爷\s+山塘村党支部（已撤销或撤并）\s+一组/);
  await page.goto(archive);
  await page.locator('#hh-village-gone').getByText('所在村“山塘村党支部”已撤销').waitFor();
  await page.getByRole('button', { name: '迁到其他村' }).click();
  await page.getByRole('button', { name: '确认迁移' }).click();
  await page.locator('#hh-move-to-err').getByText('这一项必须填写。').waitFor();
  await page.screenshot({ path: SHOTS + 'diary-household-move.png' });
  assert.equal(await page.locator('#hh-move-to option', { hasText: '山塘村' }).count(), 0, 'a closed village is not offered');
  await page.getByLabel('迁入的村').selectOption({ label: '桐溪村党支部' });
  await page.getByRole('button', { name: '确认迁移' }).click();
  await page.getByText('已迁移到：桐溪村党支部').waitFor();
  await page.locator('.notebook-facts dd').getByText('桐溪村党支部').waitFor();
  assert.equal(await page.locator('#hh-village-gone').count(), 0);
  // Its visit made before the closing stays in its archive.
  await page.locator('.visit').getByText('咨询医保缴费').waitFor();
  await page.screenshot({ path: SHOTS + 'diary-household-archive.png', fullPage: true });

  // The page kept as a draft now saves: the household is in 桐溪村.
  await go(page, '#/diary/new');
  await page.getByText('已恢复上次未保存的草稿。').waitFor();
  await page.getByLabel('走访村').selectOption({ label: '桐溪村党支部' });
  await page.getByLabel('走访人').selectOption({ label: '李书记' });
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('已保存。可以接着写下一篇。').waitFor();
  await go(page, '#/diary');
  await page.getByText('找到 2 篇（共 2 篇走访记录）').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a 撤并 moves the households of the merged village, even when 民情日记 was not opened', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await go(page, '#/diary/households/new');
  await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('户主姓名').fill('张大爷');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
  const archive = page.url();
  // A fresh start reads no households until 民情日记 asks for them.
  await page.goto(new URL('#/orgs', page.url()).href);
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  await orgAction(page, '山塘村党支部', '撤并');
  await page.getByLabel('并入').selectOption({ label: '桐溪村党支部' });
  await page.getByRole('button', { name: '确认撤并' }).click();
  await page.getByText('撤并完成：1 条记录已转入。').waitFor();
  await page.goto(archive);
  await page.locator('.notebook-facts dd').getByText('桐溪村党支部').waitFor();
  assert.equal(await page.locator('#hh-village-gone').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});
