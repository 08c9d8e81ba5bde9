// Journeys for 民主评议党员 and 干部考核 (issue 12, points 4 and 5): a branch's review with a tally
// whose counts exceed the voters present refused (nothing saved), a ballot transcribed without a
// voter, 优秀 over the quota refused with the numbers and within it accepted and shown, the steps
// in order, and one 处置 vote (no quorum refused, then carried); a cadre's year with a score out
// of its item's range refused at its input, five sheets of one rater group whose trimmed mean
// (the highest and the lowest dropped) is the number computed here by hand, a 履职承诺 met
// raising 绩, the cadre's appraisal sheet on A4, and the ranked list whose total opens the
// items. A member's 评议 result explained; a ballot after the period closed refused.
// Screenshots of the 评议 tally and the appraisal sheet at 1024×768 (to $SHOTS_DIR if set).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { SHOTS as REPO_SHOTS, launch, freshContext, open, idNumber, day, go, township, addMember, chooseOrg, addCadre, photograph, rowOf, unzip } from './helpers.mjs';

// Screenshots go to $SHOTS_DIR when set (outside the repository), else with the others.
const SHOTS = process.env.SHOTS_DIR ?? REPO_SHOTS;
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('民主评议: a tally over the voters refused, a ballot, 优秀 over the quota refused with its numbers, a 处置 vote', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  const full = ['张三', '李四', '王五', '赵六', '孙八'];
  for (const [n, name] of full.entries()) {
    await addMember(page, { name, id: idNumber(`4301211970010${n + 1}00${n + 1}`), branch: '山塘村党支部' });
  }
  await addMember(page, { name: '陈七', id: idNumber('43012119900101007'), branch: '山塘村党支部', category: '预备党员', joined: day(-100) });

  await go(page, '#/scoring');
  await page.getByRole('link', { name: '民主评议' }).click();
  await page.getByText('选择一个党支部和年度').waitFor();
  await chooseOrg(page, '#rv-branch', '山塘村党支部');
  await page.getByText('该党支部本年度还没有开展民主评议。').waitFor();
  await page.getByRole('button', { name: '开始本年度民主评议' }).click();
  // Six members (the 预备党员 counted in 党员总数, the seeds' base) × 20% = 1.2 → 1.
  await page.getByText('优秀名额：1名（党员总数6名的20.0%，向下取整）').waitFor();
  await page.getByText('预备党员（参加评议，不评定等次）：陈七').waitFor();
  assert.match(await page.locator('.toolbar .count').innerText(), /^考核办法：民主评议党员办法（\d+年度，第1版）$/);

  // A tally whose counts (4 + 2 = 6) exceed the 5 voters present: refused at 实到人数, nothing saved.
  const tally = page.locator('form.tally');
  await tally.getByLabel('党员', { exact: true }).selectOption({ label: '张三' });
  await tally.getByLabel('实到人数').fill('5');
  await tally.getByLabel('优秀', { exact: true }).fill('4');
  await tally.getByLabel('合格', { exact: true }).fill('2');
  await tally.getByRole('button', { name: '保存' }).click();
  await page.locator('#rt-present-err').getByText('张三的各项票数合计6票，超过实到人数5人。').waitFor();
  await page.getByText('还没有录入计票结果或选票。').waitFor();
  assert.equal(await page.locator('table.counts tbody tr').count(), 0);
  await tally.getByLabel('优秀', { exact: true }).fill('3');
  await tally.getByRole('button', { name: '保存' }).click();
  await page.getByText('已录入计票结果：张三').waitFor();
  await rowOf(page, 'table.counts', '张三').locator('td:nth-child(2)', { hasText: /^3$/ }).waitFor();
  // Typed again (a misread count corrected): the new tally replaces the first.
  await tally.getByLabel('党员', { exact: true }).selectOption({ label: '张三' });
  await tally.getByLabel('优秀', { exact: true }).fill('4');
  await tally.getByLabel('合格', { exact: true }).fill('1');
  await tally.getByRole('button', { name: '保存' }).click();
  await rowOf(page, 'table.counts', '张三').locator('td:nth-child(2)', { hasText: /^4$/ }).waitFor();
  assert.deepEqual(await rowOf(page, 'table.counts', '张三').locator('td').allInnerTexts(), ['张三', '4', '1', '0', '0', '0', '计票结果']);

  // A ballot transcribed one by one, no voter named.
  await page.getByLabel('李四评定等次').selectOption('优秀');
  await page.getByLabel('王五评定等次').selectOption('合格');
  await page.locator('form.ballot').getByRole('button', { name: '保存' }).click();
  await page.getByText('已录入一张选票。').waitFor();
  await rowOf(page, 'table.counts', '李四').waitFor();
  assert.deepEqual(await rowOf(page, 'table.counts', '李四').locator('td').allInnerTexts(), ['李四', '1', '0', '0', '0', '0', '1张选票']);
  await photograph(page, SHOTS, 'scoring-review-tally', 'table.counts', 'form.tally');

  // 支部推荐 with two 优秀 (the quota is 1): refused with the numbers, nothing recorded.
  const grade = (name, g) => rowOf(page, 'table.grades', name).getByLabel(g, { exact: true }).check();
  const stepForm = page.locator('form.step-form');
  assert.equal(await stepForm.getByLabel('评议步骤').inputValue(), '2');
  await grade('张三', '优秀');
  await grade('李四', '优秀');
  await stepForm.getByRole('button', { name: '记录评定结果' }).click();
  await page.locator('#rs-grades-err').getByText('优秀名额为1名（党员总数6名的20.0%，向下取整），本次评定优秀2名，超出1名。').waitFor();
  await page.locator('#rs-grades').screenshot({ path: SHOTS + 'scoring-review-quota.png' });
  assert.deepEqual(await rowOf(page, 'table.results', '张三').locator('td').nth(2).innerText(), '');
  // Within the quota: accepted and shown.
  await grade('李四', '合格');
  await stepForm.getByRole('button', { name: '记录评定结果' }).click();
  await page.getByText('已记录：支部推荐').waitFor();
  await rowOf(page, 'table.results', '张三').locator('td:nth-child(3)', { hasText: /^优秀$/ }).waitFor();
  assert.deepEqual(await rowOf(page, 'table.results', '张三').locator('td').allInnerTexts(), ['张三', '优秀4 合格1 基本合格0 不合格0 弃权0', '优秀', '', '']);
  assert.equal(await rowOf(page, 'table.results', '李四').locator('td').nth(2).innerText(), '合格');
  // 预备党员 take part but are not graded: 陈七 has no grade to mark.
  assert.equal(await rowOf(page, 'table.grades', '陈七').count(), 0);

  // 总支审核 (the previous step's grades by default), then the 党员大会 grades 王五 不合格.
  await stepForm.getByLabel('评议步骤').selectOption({ label: '总支审核' });
  assert.ok(await rowOf(page, 'table.grades', '张三').getByLabel('优秀', { exact: true }).isChecked());
  await stepForm.getByRole('button', { name: '记录评定结果' }).click();
  await page.getByText('已记录：总支审核').waitFor();
  await stepForm.getByLabel('评议步骤').selectOption({ label: '党员大会民主评选' });
  await grade('王五', '不合格');
  await grade('孙八', '不合格');
  await stepForm.getByRole('button', { name: '记录评定结果' }).click();
  await page.getByText('已记录：党员大会民主评选').waitFor();
  await rowOf(page, 'table.results', '王五').locator('td.total', { hasText: '不合格' }).waitFor();
  // The result explains itself: the counts and where they came from, each step with its day.
  await rowOf(page, 'table.results', '王五').getByRole('button', { name: '王五' }).click();
  const explained = page.getByRole('region', { name: '王五的评议结果' });
  assert.deepEqual((await explained.locator('li').allInnerTexts()).slice(1), [
    '支部会议民主评议：优秀0 合格1 基本合格0 不合格0 弃权0（来源：1张选票）',
    `支部推荐：合格（${day(0)}记录）`,
    `总支审核：合格（${day(0)}记录）`,
    `党员大会民主评选：不合格（${day(0)}记录）`,
    '最终等次：不合格',
  ]);
  assert.match(await explained.locator('li').first().innerText(), /^考核办法：民主评议党员办法（\d+年度，第1版）$/);
  await explained.evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-review-results.png' });
  // The results as .xlsx: each member's counts and the grade of each later step.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.match(xlsx.suggestedFilename(), /^山塘村党支部\d{4}年度民主评议党员结果\.xlsx$/);
  const strings = unzip(readFileSync(await xlsx.path()))['xl/sharedStrings.xml'];
  for (const words of ['党员大会', '张三', '优秀4 合格1 基本合格0 不合格0 弃权0', '王五', '不合格']) {
    assert.ok(strings.includes(words), `the .xlsx holds ${words}`);
  }

  // 处置 of 王五: 2 of 5 present is no quorum (refused with the numbers), then 4 present, 3 for.
  const disposal = page.locator('form.disposal');
  await disposal.getByLabel('党员', { exact: true }).selectOption({ label: '王五' });
  await disposal.getByLabel('处置方式').selectOption('限期改正');
  await disposal.getByLabel('应到人数').fill('5');
  await disposal.getByLabel('实到人数').fill('2');
  await disposal.getByLabel('赞成人数').fill('2');
  await disposal.getByRole('button', { name: '记录处置' }).click();
  await page.locator('#rd-present-err').getByText('应到5人，实到2人，未超过应到人数的半数，表决无效。').waitFor();
  assert.equal(await page.locator('table.disposals tbody tr').count(), 0);
  await disposal.getByLabel('实到人数').fill('4');
  await disposal.getByLabel('赞成人数').fill('2');
  await disposal.getByRole('button', { name: '记录处置' }).click();
  await page.locator('#rd-approve-err').getByText('赞成2人，未超过应到人数5人的半数，处置未通过。').waitFor();
  await disposal.getByLabel('赞成人数').fill('3');
  await disposal.getByRole('button', { name: '记录处置' }).click();
  await page.getByText('已记录处置：王五　限期改正。会议日期和表决人数已保留').waitFor();
  // The member's own choices go; the meeting's date and numbers stay for the next member.
  assert.equal(await disposal.getByLabel('处置方式').inputValue(), '');
  assert.equal(await disposal.getByLabel('赞成人数').inputValue(), '3');
  assert.deepEqual(
    await page.locator('table.disposals tbody tr').locator('td').allInnerTexts(),
    ['王五', '限期改正', day(0), '应到5人，实到4人，赞成3人'],
  );
  // 除名 carried: the member's history records 出党 in the same save, so the branch counts one
  // member less (the quota's base) and 孙八 is no longer on the grading sheet.
  await disposal.getByLabel('党员', { exact: true }).selectOption({ label: '孙八' });
  await disposal.getByLabel('处置方式').selectOption('除名');
  await disposal.getByRole('button', { name: '记录处置' }).click();
  await page.getByText('已记录处置：孙八　除名').waitFor();
  await page.getByText('优秀名额：1名（党员总数5名的20.0%，向下取整）').waitFor();
  assert.equal(await rowOf(page, 'table.grades', '孙八').count(), 0);
  assert.equal(await page.locator('table.disposals tbody tr').count(), 2);

  // Another branch whose review closed yesterday: a ballot typed now is refused, with the day.
  await chooseOrg(page, '#rv-branch', '桐溪村党支部');
  await page.getByLabel('评议截止日期').fill(day(-1));
  await page.getByRole('button', { name: '开始本年度民主评议' }).click();
  await page.getByText('优秀名额：0名（党员总数0名的20.0%，向下取整）').waitFor();
  await page.locator('form.ballot').getByRole('button', { name: '保存' }).click();
  await page.locator('form.ballot').getByText(`评议已于${day(-1)}截止，不能再录入选票。`).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('干部考核: a score out of range refused, the trimmed mean of five sheets, the sheet on A4', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addCadre(page, { org: '山塘村党支部', name: '周书记', id: idNumber('43012119750505005'), posts: ['村党组织书记'], start: day(-100) });
  const year = day(0).slice(0, 4);

  await go(page, '#/scoring/appraisal');
  const row = page.locator('table.cadres-appraised tbody tr', { hasText: '周书记' });
  await row.getByText('未建立').waitFor();
  await row.getByRole('link', { name: '周书记' }).click();
  await page.getByRole('heading', { name: `周书记　${year}年度考核` }).waitFor();
  await page.getByRole('button', { name: '建立本年度考核' }).click();
  await page.getByText('录入评分表（不记名）').waitFor();

  const sheet = page.locator('form.sheet-form');
  const labels = ['德（0–15分）', '能（0–20分）', '勤（0–15分）', '工作实绩评议（0–20分）', '廉（0–10分）'];
  const group = rowOf(page, 'table.groups', '党员和村民代表');
  async function enter(scores) {
    await sheet.getByLabel('评议主体').selectOption({ label: '党员和村民代表（权重50%）' });
    for (const [k, label] of labels.entries()) await sheet.getByLabel(label).fill(String(scores[k]));
    await sheet.getByRole('button', { name: '保存' }).click();
  }

  // 16 for 德 (0 to 15): refused at its input, nothing saved.
  await enter([16, 20, 15, 20, 10]);
  await page.locator('#as-score-1-err').getByText('「德」的评分应为0到15分的整数，录入的是「16」。').waitFor();
  await sheet.screenshot({ path: SHOTS + 'scoring-appraisal-refused.png' });
  assert.equal(await group.locator('td').nth(2).innerText(), '0');

  // Five sheets of one group (the scheme trims from 5 raters).
  const sheets = [[15, 20, 15, 20, 10], [10, 10, 10, 10, 10], [14, 16, 12, 18, 10], [15, 18, 13, 19, 10], [5, 5, 5, 5, 0]];
  const totals = sheets.map((s) => s.reduce((a, b) => a + b, 0));
  for (const [n, s] of sheets.entries()) {
    await enter(s);
    await group.locator('td:nth-child(3)', { hasText: new RegExp(`^${n + 1}$`) }).waitFor();
    if (n === 3) {
      // Four sheets: not trimmed yet, the plain mean of 80, 50, 70, 75.
      const plain = totals.slice(0, 4).reduce((a, b) => a + b, 0) / 4;
      assert.deepEqual(await group.locator('td').allInnerTexts(), ['党员和村民代表', '50%', '4', '全部计入', String(plain)]);
    }
  }
  // By hand: drop the highest (80) and the lowest (20), the mean of the rest.
  const kept = [...totals].sort((a, b) => a - b).slice(1, -1);
  const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
  assert.equal(mean, 65);
  assert.deepEqual(await group.locator('td').allInnerTexts(), ['党员和村民代表', '50%', '5', '去掉最高分和最低分', String(mean)]);
  // The only group with sheets carries the whole rated part (its weight becomes the whole); 绩's
  // counted items: no 督办 deadline due is nothing missed (5 of 5), no visits, trainings or
  // commitments (0). 65 + 5 = 70: 基本称职 (60 to 75), 效益工资六成.
  const total = mean + 5;
  await page.getByText(`得分 ${total}，基本称职，效益工资六成`).waitFor();
  assert.equal(await rowOf(page, 'table.items', '德').locator('td').nth(1).innerText(), '13');
  await rowOf(page, 'table.items', '德').getByText('评分表3张（另去掉最高、最低2张）').waitFor();

  // A commitment and the 述职 text, for the sheet.
  await page.getByLabel('承诺内容').fill('硬化村道2公里');
  await page.getByRole('button', { name: '添加承诺' }).click();
  await page.getByText('已添加承诺：硬化村道2公里').waitFor();
  // Met today: 履职承诺兑现 counts 1 of 1, its 5 points: 75, 称职, 效益工资八成.
  await page.getByRole('button', { name: '硬化村道2公里记为兑现' }).click();
  assert.equal(await page.getByLabel('兑现日期').inputValue(), day(0));
  await page.locator('.action-card').getByRole('button', { name: '记为兑现' }).click();
  await rowOf(page, 'table.commitments', '硬化村道2公里').getByText(day(0)).waitFor();
  const final = total + 5;
  await page.getByText(`得分 ${final}，称职，效益工资八成`).waitFor();
  await rowOf(page, 'table.items', '履职承诺兑现').getByText('履职承诺兑现（1/1），依据1条记录').waitFor();
  await page.getByLabel('述职报告').fill('一年来，带领村两委班子完成村道硬化，调解矛盾纠纷12起。');
  await page.locator('form.texts').getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存述职述廉。').waitFor();
  await photograph(page, SHOTS, 'scoring-appraisal', '.appraisal', 'form.sheet-form');

  // The appraisal sheet, on screen at 1024×768 and as printed on A4 portrait.
  await page.getByRole('link', { name: '打印考核表' }).click();
  await page.getByRole('heading', { name: `${year}年度村干部德能勤绩廉考核表` }).waitFor();
  await page.locator('.print-doc').getByText(`得分 ${final}，称职，效益工资八成`).waitFor();
  await page.screenshot({ path: SHOTS + 'scoring-appraisal-sheet.png', fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: SHOTS + 'scoring-appraisal-print.png', fullPage: true });
  await page.pdf({ path: SHOTS + 'scoring-appraisal.pdf', format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1024, height: 768 });

  // The list: the cadre's total, which opens the page that explains it item by item.
  await go(page, '#/scoring/appraisal');
  assert.deepEqual(
    await row.locator('td').allInnerTexts(),
    ['1', '周书记', '山塘村党支部', '村党组织书记', String(final), '称职', '效益工资八成'],
  );
  // The list as .xlsx, with the same row.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.match(xlsx.suggestedFilename(), /^\d{4}年度村干部考核结果\.xlsx$/);
  const strings = unzip(readFileSync(await xlsx.path()))['xl/sharedStrings.xml'];
  for (const words of ['名次', '周书记', '村党组织书记', '称职', '效益工资八成']) assert.ok(strings.includes(words), `the .xlsx holds ${words}`);
  await row.getByRole('link', { name: String(final) }).click();
  await rowOf(page, 'table.items', '德').getByText('评分表3张（另去掉最高、最低2张）').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
