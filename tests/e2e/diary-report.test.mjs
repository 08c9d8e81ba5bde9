// Journeys for 民情日记's 统计汇报: two visits entered through the form, one matter taken from 阅批
// to 反馈 (满意) and 公开; its 督办单 printed on A4; the monthly 汇报's counts by village and by
// cadre, and its .xlsx read back; the 公开栏 with the household's name masked as chosen (the full
// name never shown, the choice kept); the statistics' SVG charts with their numbers; print media.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SHOTS, launch, freshContext, open, idNumber, day, go, villageWithSecretary, unzip } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/** Adds a step of the kind `button` on the entry page and waits for the state it leads to. */
async function step(page, button, fill, state) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByLabel('日期', { exact: true }).fill(day(-5));
  await page.getByLabel('经办人（签名）').fill('王镇长');
  for (const [label, value] of fill) {
    if (label === '反馈方式' || label === '群众评价') await page.getByLabel(label).selectOption(value);
    else await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: new RegExp(`跟踪办理：.*${state}`) }).waitFor();
}

/** The cells of the table row headed `name`. */
async function row(page, table, name) {
  const tr = page.locator(`${table} tbody tr`).filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  return tr.locator('td').allInnerTexts();
}

test('the 汇报, the 公开栏 with masked names, the 督办单, the charts and the .xlsx', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await villageWithSecretary(page);

  // Two 五个必到 households (贫困户, 种养大户); only the first is visited.
  for (const [head, id, group, category] of [['张大爷', '43012119450101001', '一组', '贫困户'], ['赵种田', '43012119600101002', '二组', '种养大户']]) {
    await go(page, '#/diary/households/new');
    await page.getByRole('heading', { name: '新增民情户' }).waitFor();
    await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
    await page.getByLabel('户主姓名').fill(head);
    await page.getByLabel('户主公民身份号码').fill(idNumber(id));
    await page.getByLabel('村民小组').fill(group);
    await page.getByLabel(category).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: `民情档案：${head}` }).waitFor();
  }

  // Two visits five days ago: a matter to follow up, and a question settled on the spot.
  const visit = day(-5);
  const month = visit.slice(0, 7);
  const [year, monthNumber] = [Number(visit.slice(0, 4)), Number(visit.slice(5, 7))];
  await go(page, '#/diary/new');
  await page.getByRole('heading', { name: '写民情日记（走访记录）' }).waitFor();
  for (const [category, role, situation, request, followUp] of [
    ['基础设施', '为民办事服务员', '屋顶漏水，雨天严重', '请求修缮屋顶', true],
    ['政策咨询', '政策法规宣传员', '咨询医保缴费', '', false],
  ]) {
    await page.getByLabel('走访时间').fill(visit);
    await page.getByLabel('走访村').selectOption({ label: '山塘村党支部' });
    await page.getByLabel('走访人').selectOption({ label: '李书记' });
    await page.getByLabel('走访户').fill('zdy');
    await page.getByLabel('走访户').press('Enter');
    await page.locator('.chips').getByText('张大爷（一组）').waitFor();
    await page.getByLabel('民情类别').selectOption(category);
    await page.getByLabel(role).check();
    if (followUp) await page.getByLabel('需要跟踪办理').check();
    await page.getByLabel('民情（所见所闻）').fill(situation);
    if (request) await page.getByLabel('诉求').fill(request);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存。可以接着写下一篇。').waitFor();
  }

  // The matter from 阅批 to 公开; the household is 满意.
  await go(page, '#/diary');
  await page.locator('#dy-f-state').selectOption('待阅');
  await page.getByText('找到 1 篇（共 2 篇走访记录）').waitFor();
  await page.locator('table.diaries tbody a').first().click();
  await page.getByRole('heading', { name: /跟踪办理：.*待阅/ }).waitFor();
  await step(page, '阅批', [['阅批意见', '请村委会尽快核实'], ['批示意见', '限期修好']], '已阅批');
  await step(page, '督办', [['承办人或承办单位', '山塘村委会'], ['办理期限', day(-1)]], '督办中');
  await step(page, '办理', [['办理情况', '已联系施工队']], '办理中');
  await step(page, '办结', [['备注', '屋顶已修好']], '已办结');
  await step(page, '反馈', [['反馈方式', '入户'], ['群众评价', '满意']], '已反馈');
  await step(page, '公开', [], '已公开');

  // The notebook page prints on A4 without the app around it.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.side-nav').isVisible(), false);
  await page.screenshot({ path: SHOTS + 'diary-report-notebook-a4.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The 督办单 from the entry page: every box filled from the steps, lines left to sign.
  await page.getByRole('link', { name: '打印督办单' }).click();
  await page.getByRole('heading', { name: '民情事项督办单' }).waitFor();
  const sheet = await page.locator('#dr-sheet').innerText();
  for (const words of ['山塘村党支部', '张大爷（一组）', '李书记', '基础设施', '请求修缮屋顶', '请村委会尽快核实；限期修好',
    '山塘村委会', day(-1), '已联系施工队', '屋顶已修好', '☑入户', '☑满意', '☐不满意', '群众签字', '督办人签字']) {
    assert.ok(sheet.includes(words), `the 督办单 shows ${words}`);
  }
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: '打印', exact: true }).isVisible(), false, 'the print bar does not print');
  await page.screenshot({ path: SHOTS + 'diary-report-sheet-a4.png', fullPage: true });
  const sheetPdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.ok(sheetPdf.subarray(0, 5).toString('latin1') === '%PDF-');
  const pages = (sheetPdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'the 督办单 fits one A4 page');
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1024, height: 768 });

  // The monthly 汇报: 2 visits, 1 matter opened and finished on time, 1 满意.
  await go(page, '#/diary/report');
  await page.getByLabel('月份').selectOption(month);
  await page.getByRole('heading', { name: `坪塘镇党委组织办民情日记工作汇报（${year}年${monthNumber}月）` }).waitFor();
  const cards = await page.locator('#dr-cards').innerText();
  assert.match(cards, /走访次数\s*2\s*新增事项\s*1\s*办结\s*1\s*逾期\s*0\s*按期办结率\s*100\.0%\s*满意率\s*100\.0%/);
  const expected = ['2', '1', '1', '0', '100.0%', '1', '0', '0', '100.0%'];
  assert.deepEqual(await row(page, '#dr-by-village', '山塘村党支部'), expected);
  assert.deepEqual(await row(page, '#dr-by-writer', '李书记'), expected);
  assert.deepEqual(await row(page, '#dr-by-village', '合计'), expected);
  await page.screenshot({ path: SHOTS + 'diary-report-monthly.png' });

  // The same tables as .xlsx.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.match(xlsx.suggestedFilename(), /民情日记工作汇报.*\.xlsx$/);
  const files = unzip(readFileSync(await xlsx.path()));
  assert.match(files['xl/workbook.xml'], /name="月度汇报"/);
  const strings = files['xl/sharedStrings.xml'];
  for (const words of ['山塘村党支部', '李书记', '按期办结率', '100.0%', '合计']) assert.ok(strings.includes(words), `the .xlsx holds ${words}`);

  // The 汇报 on paper: no filters, no buttons, the tables.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByLabel('月份').isVisible(), false);
  assert.equal(await page.locator('#dr-by-writer').isVisible(), true);
  const reportPdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(reportPdf.subarray(0, 5).toString('latin1'), '%PDF-');
  await page.screenshot({ path: SHOTS + 'diary-report-monthly-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1024, height: 768 });

  // The 公开栏: the name masked as chosen, never in full; the choice is kept.
  await go(page, '#/diary/report/board');
  await page.getByLabel('月份').selectOption(month);
  const board = page.locator('#dr-board');
  await board.getByText('张**（一组）').waitFor();
  for (const words of ['基础设施', '请求修缮屋顶', '屋顶已修好', '满意', day(-5)]) await board.getByText(words).first().waitFor();
  assert.equal(await board.locator('tbody tr:not(.group)').count(), 1, 'only the matter marked 公开');
  assert.doesNotMatch(await board.innerText(), /张大爷/);
  assert.doesNotMatch(await page.locator('.doc-title').innerText(), /张大爷/);
  await page.getByLabel('户主姓名显示为').selectOption('张某某');
  await board.getByText('张某某（一组）').waitFor();
  await page.reload();
  await page.getByLabel('月份').selectOption(month);
  await board.getByText('张某某（一组）').waitFor();
  assert.equal(await page.getByLabel('户主姓名显示为').inputValue(), '张某某', 'the choice is kept');
  await page.getByLabel('户主姓名显示为').selectOption('只写村民小组');
  await board.getByText('一组村民').waitFor();
  assert.doesNotMatch(await board.innerText(), /张/);
  const [boardXlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  const boardStrings = unzip(readFileSync(await boardXlsx.path()))['xl/sharedStrings.xml'];
  assert.ok(boardStrings.includes('一组村民') && !boardStrings.includes('张大爷'), 'the .xlsx is masked too');
  await page.getByLabel('户主姓名显示为').selectOption('张**');
  await page.screenshot({ path: SHOTS + 'diary-report-board.png', fullPage: true });

  // The charts: this year's months, the visits' bar, the categories, the rates, 五个必到 coverage.
  await go(page, '#/diary/report/charts');
  await page.getByRole('heading', { name: '坪塘镇党委组织办民情日记统计' }).waitFor();
  await page.locator(`rect[aria-label="${year}年${monthNumber}月：2 次"]`).waitFor();
  const chartText = await page.locator('.report-doc').innerText();
  const svgValues = await page.locator('svg .chart-value').allTextContents();
  assert.ok(svgValues.includes('1（50.0%）'), `基础设施 and 政策咨询 each 1 of 2: ${svgValues}`);
  assert.ok(svgValues.includes('100.0%（1/1）'), 'on time and satisfied: 1 of 1');
  assert.ok(svgValues.includes('50.0%（1/2）'), 'one of two 五个必到 households visited');
  assert.match(await page.locator('#dr-cards').innerText(), /五个必到覆盖率\s*50\.0%/);
  assert.deepEqual(await row(page, '#dc-villages', '山塘村党支部'), ['2', '1', '1', '0', '100.0%', '100.0%', '50.0%（1/2）']);
  assert.deepEqual(await row(page, '#dc-writers', '李书记'), ['2', '1', '1', '100.0%', '100.0%', '1']);
  assert.match(chartText, /已公开/);
  await page.screenshot({ path: SHOTS + 'diary-report-charts.png' });
  await page.locator('#dc-villages').scrollIntoViewIfNeeded();
  await page.screenshot({ path: SHOTS + 'diary-report-charts-2.png' });
  // A period the wrong way round is refused at the field, and counts nothing.
  await page.getByLabel('从', { exact: true }).fill(day(1));
  await page.getByLabel('从', { exact: true }).press('Tab');
  await page.locator('#dr-error').getByText('开始日期晚于结束日期').waitFor();
  assert.equal(await page.locator('#dr-cards .stat-card').count(), 0);
  await page.getByLabel('从', { exact: true }).fill(day(-300));
  await page.getByLabel('从', { exact: true }).press('Tab');
  await page.locator('#dr-cards .stat-card').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  const chartsPdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(chartsPdf.subarray(0, 5).toString('latin1'), '%PDF-');
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: SHOTS + 'diary-report-charts-print.png', fullPage: true });

  assert.deepEqual(page.errors, []);
  await context.close();
});
