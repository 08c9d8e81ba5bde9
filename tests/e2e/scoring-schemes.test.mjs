// Journey for 考核方案 (issue 12, point 1): the year's schemes listed per family; the 党员积分
// template edited (an item renamed, points changed), a row added, moved and removed by keyboard,
// a number that is not one refused at its cell, and the scheme stored as version 1 (reload:
// still there), which the ranking and a member's ledger then use; a typed entry scored under it
// locks it, so the page warns before saving that the next save makes version 2, and after it
// version 2 is in force (the entry keeps naming version 1, listed with its one record). Bad
// edits refused with the check's Chinese words at their place and nothing stored (reload):
// star thresholds not increasing, and for 干部考核 the weights not 100, 绩's children not adding
// up, the rater groups' weights not 100. Screenshots of the scheme page at 1024×768, normal and
// large text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { SHOTS as REPO_SHOTS, launch, freshContext, open, idNumber, go, township, addMember, chooseOrg, photograph, rowOf, ready } from './helpers.mjs';

const SHOTS = process.env.SHOTS_DIR ?? REPO_SHOTS;
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();

/** The list's row of a family: its cells' words. */
async function listRow(page, family) {
  const row = rowOf(page, 'table.schemes', family);
  await row.waitFor();
  return row.locator('td').allInnerTexts();
}

async function reload(page) {
  await page.reload();
  await ready(page);
}

test('考核方案: the 党员积分 template edited and stored, used, locked, saved as version 2; bad edits refused', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '张三', id: idNumber('43012119700101001'), branch: '山塘村党支部' });

  await go(page, '#/scoring');
  await page.getByRole('link', { name: '考核方案' }).click();
  await page.waitForURL(/#\/scoring\/schemes$/);
  assert.deepEqual(await listRow(page, '党员积分'), ['党员积分', '党员积分管理细则', '第1版', '内置模板，未保存', '无']);
  assert.deepEqual(await listRow(page, '干部考核'), ['干部考核', '村干部德能勤绩廉考核办法', '第1版', '内置模板，未保存', '无']);
  assert.equal(await page.locator('table.schemes tbody tr').count(), 5);

  await page.getByRole('link', { name: '党员积分管理细则' }).click();
  await page.getByRole('heading', { name: `${year}年度考核方案：党员积分` }).waitFor();
  const items = page.locator('table.scheme-items tbody tr');
  assert.equal(await items.count(), 6);
  // Only what 党员积分 reads: 基础分, the floor, the stars; no quota, no rater groups.
  assert.equal(await page.getByLabel('基础分').inputValue(), '60');
  assert.equal(await page.getByLabel('三星分数线').inputValue(), '70');
  assert.equal(await page.getByLabel('优秀比例（%）').count(), 0);
  assert.equal(await page.locator('table.scheme-groups').count(), 0);

  // A number that is not one: refused at its cell, and the save refused while it stays.
  const attend = page.getByLabel('「参加三会一课和主题党日」的分值');
  assert.equal(await attend.inputValue(), '1');
  await attend.fill('两');
  await attend.press('Tab');
  await page.getByText('「参加三会一课和主题党日」的分值应填整数。').waitFor();
  assert.equal(await attend.getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: '保存考核方案' }).click();
  await page.getByText('有数字填写不正确，请按提示修改后再保存。').waitFor();
  await attend.fill('2');
  await attend.press('Tab');
  assert.equal(await attend.getAttribute('aria-invalid'), 'false');
  await page.getByLabel('「其他加分」的分值').fill('8');
  await page.getByLabel('「联系服务群众」的项目名称').fill('联系服务群众走访');
  // The name's other inputs follow it.
  await page.getByLabel('「联系服务群众走访」的上限').waitFor();

  // A row added after 其他扣分 by keyboard: the focus goes to its name; moved up, then removed.
  await page.getByLabel('「其他扣分」的加同级').focus();
  await page.keyboard.press('Enter');
  assert.equal(await items.count(), 7);
  const fresh = page.getByLabel('「新项目」的项目名称');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '「新项目」的项目名称');
  await page.keyboard.type('志愿服务');
  assert.equal(await page.getByLabel('「志愿服务」的项目名称').inputValue(), '志愿服务');
  await page.getByLabel('「志愿服务」的上移').click();
  const labels = () => page.locator('table.scheme-items input.label').evaluateAll((es) => es.map((e) => e.value));
  assert.deepEqual((await labels()).slice(4), ['其他加分', '志愿服务', '其他扣分']);
  await page.getByLabel('「志愿服务」的删除').click();
  assert.equal(await items.count(), 6);
  assert.equal(await fresh.count(), 0);

  await page.getByRole('button', { name: '保存考核方案' }).click();
  await page.getByText('已保存为本年度的考核方案：党员积分管理细则（第1版）。').waitFor();
  await page.getByText('尚未使用，可直接修改').waitFor();
  // Stored: after a reload the page reads it back.
  await reload(page);
  await page.getByRole('heading', { name: `${year}年度考核方案：党员积分` }).waitFor();
  assert.equal(await page.getByLabel('「参加三会一课和主题党日」的分值').inputValue(), '2');
  assert.equal(await page.getByLabel('「其他加分」的分值').inputValue(), '8');
  await go(page, '#/scoring/schemes');
  assert.deepEqual(await listRow(page, '党员积分'), ['党员积分', '党员积分管理细则', '第1版', '尚未使用，可直接修改', '无']);

  // The ranking and the ledger use it: its items' names, its version, its points.
  await page.getByRole('link', { name: '党员积分', exact: true }).click();
  await chooseOrg(page, '#pt-branch', '山塘村党支部');
  await page.locator('table.ranking th', { hasText: '联系服务群众走访' }).waitFor();
  assert.equal(await page.locator('.toolbar .count').innerText(), `积分细则：党员积分管理细则（${year}年度，第1版）`);
  await page.locator('table.ranking').getByRole('link', { name: '张三' }).click();
  await page.getByRole('heading', { name: /张三.*积分明细/ }).waitFor();
  await page.getByLabel('积分项目').selectOption({ label: '其他加分（+8）' });
  await page.getByLabel('分值', { exact: true }).fill('8');
  await page.getByLabel('加减分事由').fill('抗洪抢险');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已录入积分：抗洪抢险').waitFor();
  await page.getByText('总分 68，2星').waitFor();

  // Used: the scheme page warns before saving, then saves version 2.
  await go(page, `#/scoring/schemes/member_points/${year}`);
  await page.locator('.warn-box').getByText('已有1条评分记录使用此版本，保存将生成第2版：本年度的党员积分将按第2版重新计算，第1版保留可查。').waitFor();
  await page.getByText('已使用1条记录（已锁定）').waitFor();
  await photograph(page, SHOTS, 'scoring-scheme-locked', '.scheme-page', '.scheme-page');
  await page.getByLabel('「其他加分」的分值').fill('6');
  await page.getByLabel('「其他加分」的分值').press('Tab');
  await page.getByRole('button', { name: '保存考核方案' }).click();
  await page.getByText('已保存为第2版，本年度的党员积分已按第2版计算；第1版保留可查。').waitFor();
  await page.getByText(`考核办法：党员积分管理细则（${year}年度，第2版）`).or(page.getByText(`积分细则：党员积分管理细则（${year}年度，第2版）`)).first().waitFor();
  await page.getByText('以前的版本：第1版（1条记录）').waitFor();
  assert.equal(await page.locator('.warn-box').count(), 0);
  await go(page, '#/scoring/schemes');
  assert.deepEqual(await listRow(page, '党员积分'), ['党员积分', '党员积分管理细则', '第2版', '尚未使用，可直接修改', '第1版（1条记录）']);
  await page.screenshot({ path: SHOTS + 'scoring-schemes-list.png' });

  // New entries are made under version 2.
  await go(page, '#/scoring/points');
  await page.locator('table.ranking').getByRole('link', { name: '张三' }).click();
  await page.getByRole('heading', { name: /张三.*积分明细/ }).waitFor();
  assert.equal(await page.locator('.ledger p.muted').first().innerText(), `积分细则：党员积分管理细则（${year}年度，第2版）`);
  // The entry typed under version 1 still counts (its item is in version 2).
  await page.getByText('总分 68，2星').waitFor();
  await page.getByLabel('积分项目').selectOption({ label: '其他加分（+6）' });

  // Star thresholds not increasing: refused at the parameters, nothing stored.
  await go(page, `#/scoring/schemes/member_points/${year}`);
  // A star cleared under a higher one would move the higher thresholds down a star: refused.
  await page.getByLabel('三星分数线').fill('');
  await page.getByLabel('三星分数线').press('Tab');
  await page.getByText('星级分数线须依次填写：不设的星级只能从五星起往下留空。').waitFor();
  assert.equal(await page.getByLabel('四星分数线').inputValue(), '80');
  await page.getByLabel('三星分数线').fill('50');
  await page.getByLabel('三星分数线').press('Tab');
  await page.getByRole('button', { name: '保存考核方案' }).click();
  await page.locator('#sc-params-err').getByText('星级分数线须逐级提高（二星低于三星，依此类推）。').waitFor();
  await page.getByText('未保存：请按标红处的提示修改。').waitFor();
  await reload(page);
  assert.equal(await page.getByLabel('三星分数线').inputValue(), '70');
  await page.getByText('以前的版本：第1版（1条记录）').waitFor();

  // 干部考核: weights not 100, 绩's children not adding up, the groups' weights not 100.
  await go(page, `#/scoring/schemes/cadre_appraisal/${year}`);
  await page.getByRole('heading', { name: `${year}年度考核方案：干部考核` }).waitFor();
  await photograph(page, SHOTS, 'scoring-scheme', 'table.scheme-items', 'table.scheme-items');
  await page.locator('.param-tables').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-scheme-params.png' });
  await page.getByLabel('「德」的分值').fill('20');
  await page.getByLabel('「工作实绩评议」的分值').fill('15');
  await page.getByLabel('第3行权重（%）').fill('40');
  await page.getByLabel('第3行权重（%）').press('Tab');
  await page.getByRole('button', { name: '保存考核方案' }).click();
  const itemsErr = page.locator('#sc-items-err');
  await itemsErr.getByText('各项分值（权重）合计为105分，应为100分。').waitFor();
  await itemsErr.getByText('「绩」为40分，其下级项目合计35分，两者应相等。').waitFor();
  await page.locator('#sc-params-err').getByText('各评议主体的权重合计为90%，应为100%。').waitFor();
  await page.screenshot({ path: SHOTS + 'scoring-scheme-refused.png' });
  await reload(page);
  assert.equal(await page.getByLabel('「德」的分值').inputValue(), '15');
  await go(page, '#/scoring/schemes');
  assert.deepEqual(await listRow(page, '干部考核'), ['干部考核', '村干部德能勤绩廉考核办法', '第1版', '内置模板，未保存', '无']);

  // 民主评议 has no items, only its quota: a share typed in percent, refused when not one.
  await page.getByRole('link', { name: '民主评议党员办法' }).click();
  await page.getByText('民主评议党员按选票评定等次，不设评分项目；这里只设定优秀名额。').waitFor();
  assert.equal(await page.locator('table.scheme-items').count(), 0);
  const quota = page.getByLabel('优秀比例（%）');
  assert.equal(await quota.inputValue(), '20');
  await quota.fill('百分之十五');
  await quota.press('Tab');
  await page.getByText('优秀比例（%）应填 0 到 100 之间的数，最多一位小数。').waitFor();
  await quota.fill('12.5');
  await quota.press('Tab');
  await page.getByLabel('名额取整方式').selectOption('四舍五入');
  await page.getByRole('button', { name: '保存考核方案' }).click();
  await page.getByText('已保存为本年度的考核方案：民主评议党员办法（第1版）。').waitFor();
  await reload(page);
  assert.equal(await page.getByLabel('优秀比例（%）').inputValue(), '12.5');
  assert.equal(await page.locator('#sp-rounding option:checked').innerText(), '四舍五入');
  // 公信度's questions have no points; its groups no weights.
  await go(page, `#/scoring/schemes/credibility/${year}`);
  await page.getByLabel('「廉洁自律」的项目名称').waitFor();
  assert.equal(await page.getByLabel('「廉洁自律」的分值').count(), 0);
  assert.equal(await page.getByLabel('第1行权重（%）').count(), 0);
  assert.equal(await page.getByLabel('第1行名称').inputValue(), '基层干部');
  assert.deepEqual(page.errors, []);
  await context.close();
});
