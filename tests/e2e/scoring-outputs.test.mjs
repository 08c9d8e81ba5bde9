// Journeys for 考核评分's outputs (issue 12, point 9): the 民主评议 公示 of a branch (the 优秀 and
// 不合格 names, the period counted in working or calendar days and a bad length refused, the
// 受理 contact typed once and there again after a reload), printed on A4; the 评星定级 公示 in the
// ranking's order; the cadres ranked by score (the lower one entered first and named first in
// pinyin order) with their 公示; and the .xlsx of 公信度 (each target's counts, rates per group
// and overall, the 甄别 conclusion) and of 组织评定 (the branches ranked by 五强 total, each
// item's points, the signs), read back cell by cell. Screenshots at 1024×768 and the printed
// 公示 (PNG and A4 PDF) to $SHOTS_DIR if set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { SHOTS as REPO_SHOTS, launch, freshContext, open, ready, idNumber, day, go, township, addMember, chooseOrg, addCadre, rowOf, unzip } from './helpers.mjs';

const SHOTS = process.env.SHOTS_DIR ?? REPO_SHOTS;
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The rows of an .xlsx's one sheet, each cell's text (a cell not written is ''). */
function sheetRows(bytes) {
  const files = unzip(bytes);
  const strings = [...files['xl/sharedStrings.xml'].matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  const column = (letters) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return [...files['xl/worksheets/sheet1.xml'].matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
    const cells = [];
    for (const c of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>([\s\S]*?)<\/v>)?<\/c>)/g)) {
      const at = column(c[1]);
      while (cells.length < at) cells.push('');
      cells.push(c[3] === undefined ? '' : / t="s"/.test(c[2]) ? strings[Number(c[3])] : c[3]);
    }
    return cells;
  });
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), rows: sheetRows(readFileSync(await file.path())) };
}

/** The notice's period line, its contact lines and the signature, as printed. */
async function noticeTexts(page) {
  return page.locator('.notice-sheet p').allInnerTexts();
}

test('民主评议 公示: the names and results, the period in working or calendar days, the contact remembered, on A4', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  const names = ['张三', '李四', '王五', '赵六', '孙八'];
  for (const [n, name] of names.entries()) {
    await addMember(page, { name, id: idNumber(`4301211970010${n + 1}00${n + 1}`), branch: '山塘村党支部' });
  }
  await addMember(page, { name: '钱九', id: idNumber('43012119700109009'), branch: '桐溪村党支部' });
  const year = day(0).slice(0, 4);

  await go(page, '#/scoring/review');
  await chooseOrg(page, '#rv-branch', '山塘村党支部');
  await page.getByRole('button', { name: '开始本年度民主评议' }).click();
  const tally = page.locator('form.tally');
  await tally.getByLabel('党员', { exact: true }).selectOption({ label: '张三' });
  await tally.getByLabel('实到人数').fill('5');
  await tally.getByLabel('优秀', { exact: true }).fill('4');
  await tally.getByLabel('合格', { exact: true }).fill('1');
  await tally.getByRole('button', { name: '保存' }).click();
  await page.getByText('已录入计票结果：张三').waitFor();
  const stepForm = page.locator('form.step-form');
  const grade = (name, g) => rowOf(page, 'table.grades', name).getByLabel(g, { exact: true }).check();
  await grade('张三', '优秀');
  await stepForm.getByRole('button', { name: '记录评定结果' }).click();
  await page.getByText('已记录：支部推荐').waitFor();
  await stepForm.getByLabel('评议步骤').selectOption({ label: '总支审核' });
  await stepForm.getByRole('button', { name: '记录评定结果' }).click();
  await page.getByText('已记录：总支审核').waitFor();
  await stepForm.getByLabel('评议步骤').selectOption({ label: '党员大会民主评选' });
  await grade('王五', '不合格');
  await grade('赵六', '基本合格');
  await stepForm.getByRole('button', { name: '记录评定结果' }).click();
  await page.getByText('已记录：党员大会民主评选').waitFor();
  await rowOf(page, 'table.results', '王五').locator('td.total', { hasText: '不合格' }).waitFor();

  await page.getByRole('link', { name: '打印公示' }).click();
  const title = `关于山塘村党支部${year}年度民主评议党员结果的公示`;
  await page.getByRole('heading', { name: title }).waitFor();
  // 优秀 first, then 不合格; 合格 and 基本合格 are not made public.
  assert.deepEqual(await page.locator('table.notice-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText))), [
    ['1', '张三', '优秀'],
    ['2', '王五', '不合格'],
  ]);
  await page.locator('.notice-sheet').getByText(`评定${year}年度优秀党员1名、不合格党员1名，现将结果予以公示。`).waitFor();
  // The period starts today for 5 working days by default; its end computed here by hand.
  assert.equal(await page.getByLabel('公示开始日期').inputValue(), day(0));
  assert.equal(await page.getByLabel('公示天数').inputValue(), '5');
  assert.equal(await page.getByLabel('天数计算').inputValue(), '工作日');
  // From a Friday (2026-12-11): 3 working days end on Tuesday, 3 calendar days on Sunday.
  await page.getByLabel('公示开始日期').fill('2026-12-11');
  await page.getByLabel('公示天数').fill('3');
  await page.getByText('公示时间：2026年12月11日至2026年12月15日（3个工作日）。').waitFor();
  await page.getByLabel('天数计算').selectOption('自然日');
  await page.getByText('公示时间：2026年12月11日至2026年12月13日（3个自然日）。').waitFor();
  // A length of 0: refused at its field, and no period on the sheet.
  await page.getByLabel('公示天数').fill('0');
  await page.locator('#nt-days-err').getByText('公示天数应为1到30的整数，录入的是「0」。').waitFor();
  assert.equal(await page.locator('.notice-sheet .period').count(), 0);
  // 5 working days from Thursday 2026-12-10: Thu, Fri, Mon, Tue, Wed.
  await page.getByLabel('天数计算').selectOption('工作日');
  await page.getByLabel('公示开始日期').fill('2026-12-10');
  await page.getByLabel('公示天数').fill('5');
  await page.getByText('公示时间：2026年12月10日至2026年12月16日（5个工作日）。').waitFor();
  // Where to object: blank lines to fill by hand until typed.
  await page.locator('.notice-sheet').getByText('受理电话：＿＿＿＿＿＿＿＿＿＿').waitFor();
  await page.getByLabel('受理单位').fill('坪塘镇纪委');
  await page.getByLabel('受理电话').fill('0731-88886666');
  await page.getByLabel('受理地址').fill('坪塘镇人民政府二楼');
  assert.equal(await page.getByLabel('发布单位').inputValue(), '山塘村党支部');
  const expected = [
    `根据民主评议党员工作安排，山塘村党支部经支部会议民主评议、支部推荐、总支审核和党员大会民主评选，评定${year}年度优秀党员1名、不合格党员1名，现将结果予以公示。`,
    '公示时间：2026年12月10日至2026年12月16日（5个工作日）。',
    '公示期间，如对公示对象有异议，可通过来信、来电、来访等方式向坪塘镇纪委反映。',
    '受理电话：0731-88886666',
    '受理地址：坪塘镇人民政府二楼',
    '反映情况应实事求是，提倡署真实姓名，以便调查核实。',
    '山塘村党支部',
    '2026年12月10日',
  ];
  await page.locator('.notice-sheet').getByText('受理地址：坪塘镇人民政府二楼').waitFor();
  assert.deepEqual(await noticeTexts(page), expected);
  await page.locator('.print-bar').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-notice-review.png' });
  await page.evaluate(() => document.documentElement.classList.add('large-text'));
  await page.locator('.notice-sheet').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-notice-review-large.png' });
  await page.evaluate(() => document.documentElement.classList.remove('large-text'));

  // On A4: only the sheet prints.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  assert.equal(await page.locator('.notice-settings').isVisible(), false);
  assert.equal(await page.locator('.print-bar').isVisible(), false);
  assert.ok(await page.locator('.notice-sheet table.notice-table').isVisible());
  await page.screenshot({ path: SHOTS + 'scoring-notice-print.png', fullPage: true });
  await page.pdf({ path: SHOTS + 'scoring-notice.pdf', format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1024, height: 768 });

  // After a reload the contact and the period's length and count are remembered, not the start.
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: title }).waitFor();
  assert.equal(await page.getByLabel('受理单位').inputValue(), '坪塘镇纪委');
  assert.equal(await page.getByLabel('受理电话').inputValue(), '0731-88886666');
  assert.equal(await page.getByLabel('受理地址').inputValue(), '坪塘镇人民政府二楼');
  assert.equal(await page.getByLabel('公示开始日期').inputValue(), day(0));
  await page.locator('.notice-sheet').getByText('受理电话：0731-88886666').waitFor();
  await page.locator('table.notice-table tbody tr', { hasText: '王五' }).waitFor();
  // Back to the branch's review, its year open (the page opened cold from the notice's address).
  await page.getByRole('link', { name: '返回民主评议' }).click();
  await rowOf(page, 'table.results', '王五').locator('td.total', { hasText: '不合格' }).waitFor();
  assert.equal(await page.locator('#rv-branch option:checked').innerText().then((t) => t.trim()), '山塘村党支部');

  // 张三 gets 3 points more: first in the branch's ranking.
  await go(page, '#/scoring/points');
  await chooseOrg(page, '#pt-branch', '山塘村党支部');
  await rowOf(page, 'table.ranking', '1').first().waitFor();
  // Five members at 60 share the first place; 张三's ledger by his name.
  await page.locator('table.ranking').getByRole('link', { name: '张三' }).click();
  await page.getByLabel('积分项目').selectOption({ label: '其他加分（+5）' });
  await page.getByLabel('分值', { exact: true }).fill('3');
  await page.getByLabel('加减分事由').fill('帮扶困难群众');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已录入积分：帮扶困难群众').waitFor();
  await go(page, '#/scoring/points');
  await rowOf(page, 'table.ranking', '1').filter({ hasText: '张三' }).waitFor();

  // The branches by their members' average: 山塘村 (63 + 4 × 60) / 5 = 60.6 before 桐溪村's 60,
  // shown on demand, and as .xlsx.
  await go(page, '#/scoring/orgs');
  await page.getByRole('button', { name: '按党员平均积分排名' }).click();
  const averages = page.locator('table.branch-points tbody tr');
  await averages.nth(1).waitFor();
  assert.deepEqual(await averages.evaluateAll((rs) => rs.map((r) => [...r.cells].map((c) => c.innerText))), [
    ['1', '山塘村党支部', '5', '60.6'],
    ['2', '桐溪村党支部', '1', '60'],
  ]);
  const bp = await download(page, page.locator('.branch-points-card').getByRole('button', { name: '导出 Excel' }));
  assert.equal(bp.name, `${year}年度各党支部党员平均积分排名.xlsx`);
  assert.deepEqual(bp.rows, [
    [`${year}年度各党支部党员平均积分排名`],
    ['名次', '党组织', '参评党员', '平均积分'],
    ['1', '山塘村党支部', '5', '60.6'],
    ['2', '桐溪村党支部', '1', '60'],
  ]);
  await page.locator('.branch-points-card').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-branch-points.png' });

  // The 评星定级 公示 of the same branch: the ranking's rows in its order, with points and stars.
  await go(page, '#/scoring/points');
  await chooseOrg(page, '#pt-branch', '山塘村党支部');
  await rowOf(page, 'table.ranking', '1').filter({ hasText: '张三' }).waitFor();
  const ranking = await page.locator('table.ranking tbody tr').evaluateAll((rows) =>
    rows.map((r) => { const c = [...r.cells].map((x) => x.innerText); return [c[0], c[1], c[c.length - 2], c[c.length - 1]]; }));
  assert.equal(ranking.length, 5);
  await page.getByRole('link', { name: '打印公示' }).click();
  await page.getByRole('heading', { name: `关于山塘村党支部${year}年度党员评星定级结果的公示` }).waitFor();
  await page.locator('table.notice-table tbody tr').nth(4).waitFor();
  assert.deepEqual(await page.locator('table.notice-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText))), ranking);
  assert.deepEqual(await page.locator('table.notice-table thead th').allInnerTexts(), ['名次', '姓名', '积分', '星级']);
  await page.locator('.notice-sheet').getByText('向坪塘镇纪委反映').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('干部考核: ranked by score, its 公示 in that order with score and grade', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  // The lower score entered first, and first by name (安 before 周).
  await addCadre(page, { org: '桐溪村党支部', name: '安主任', id: idNumber('43012119800606006'), posts: ['村委会主任'], start: day(-100) });
  await addCadre(page, { org: '山塘村党支部', name: '周书记', id: idNumber('43012119750505005'), posts: ['村党组织书记'], start: day(-100) });
  const year = day(0).slice(0, 4);
  const labels = ['德（0–15分）', '能（0–20分）', '勤（0–15分）', '工作实绩评议（0–20分）', '廉（0–10分）'];
  async function appraise(name, scores) {
    await go(page, '#/scoring/appraisal');
    await page.locator('table.cadres-appraised tbody tr', { hasText: name }).getByRole('link', { name }).click();
    await page.getByRole('button', { name: '建立本年度考核' }).click();
    const sheet = page.locator('form.sheet-form');
    await sheet.getByLabel('评议主体').selectOption({ label: '党员和村民代表（权重50%）' });
    for (const [k, label] of labels.entries()) await sheet.getByLabel(label).fill(String(scores[k]));
    await sheet.getByRole('button', { name: '保存' }).click();
    await rowOf(page, 'table.groups', '党员和村民代表').locator('td:nth-child(3)', { hasText: /^1$/ }).waitFor();
  }
  await appraise('安主任', [10, 10, 10, 10, 10]);
  await appraise('周书记', [15, 20, 15, 20, 10]);

  await go(page, '#/scoring/appraisal');
  const rows = page.locator('table.cadres-appraised tbody tr');
  await rows.nth(1).locator('td', { hasText: /^2$/ }).waitFor();
  const list = await rows.evaluateAll((rs) => rs.map((r) => [...r.cells].map((c) => c.innerText)));
  // One sheet each: 50 and 80 rated, plus 5 for 绩's counted items (nothing due, nothing missed).
  assert.deepEqual(list.map((r) => r.slice(0, 5)), [
    ['1', '周书记', '山塘村党支部', '村党组织书记', '85'],
    ['2', '安主任', '桐溪村党支部', '村委会主任', '55'],
  ]);
  await page.screenshot({ path: SHOTS + 'scoring-appraisal-ranked.png' });

  await page.getByRole('link', { name: '打印公示' }).click();
  await page.getByRole('heading', { name: `关于${year}年度村干部考核结果的公示` }).waitFor();
  await page.locator('table.notice-table tbody tr').nth(1).waitFor();
  assert.deepEqual(
    await page.locator('table.notice-table tbody tr').evaluateAll((rs) => rs.map((r) => [...r.cells].map((c) => c.innerText))),
    list.map((r) => r.slice(0, 6)),
  );
  assert.ok(list.every((r) => r[5] !== ''), 'each appraised cadre has a grade');
  assert.equal(await page.getByLabel('发布单位').inputValue(), '坪塘镇党委');
  const texts = await noticeTexts(page);
  assert.equal(texts[0], `根据村干部德、能、勤、绩、廉考核办法，经述职述廉、民主测评和综合评定，${year}年度2名村干部的考核结果如下，现予公示。`);
  assert.equal(texts.at(-2), '坪塘镇党委');
  // Nothing typed at this station: the contact is left to be written by hand.
  assert.ok(texts.includes('受理电话：＿＿＿＿＿＿＿＿＿＿'));
  await page.locator('.notice-sheet').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-notice-appraisal.png' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('公信度 and 组织评定 as .xlsx: rates per group and overall with the 甄别 conclusion; branches ranked by 五强 score', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addCadre(page, { org: '山塘村党支部', name: '周书记', id: idNumber('43012119750505005'), posts: ['村党组织书记'], start: day(-100) });
  const year = day(0).slice(0, 4);

  await go(page, '#/scoring/credibility');
  await chooseOrg(page, '#cr-org', '山塘村党支部');
  await page.getByRole('button', { name: '开始本年度公信度调查' }).click();
  const sheet = page.locator('form.survey-sheet');
  const team = '村“两委”班子';
  const sheets = [['群众', '满意', '不满意'], ['群众', '基本满意', '不满意'], ['党代表', '满意', '满意'], ['基层干部', '不了解', '不满意']];
  for (const [n, [group, t, z]] of sheets.entries()) {
    await sheet.getByLabel('调查对象类别').selectOption({ label: group });
    await sheet.getByLabel(`${team}总体评价`).selectOption(t);
    await sheet.getByLabel('周书记总体评价').selectOption(z);
    await sheet.getByRole('button', { name: '保存' }).click();
    await sheet.locator('.count', { hasText: `调查表：${n + 1}` }).waitFor();
  }
  await rowOf(page, 'table.credibility', '周书记').getByText('列入甄别').waitFor();
  const cr = await download(page, page.locator('.credibility').getByRole('button', { name: '导出 Excel' }));
  assert.equal(cr.name, `山塘村党支部${year}年度公信度调查结果.xlsx`);
  assert.deepEqual(cr.rows, [
    [`山塘村党支部${year}年度公信度调查结果`],
    ['评价对象', '满意', '基本满意', '不满意', '不了解', '满意率', '不满意率', '基层干部满意率', '党代表满意率', '人大代表满意率', '政协委员满意率', '群众满意率', '结论'],
    // The team: 2 满意, 1 基本满意, 0 不满意 (不了解 left out of the base): 100%.
    [team, '2', '1', '0', '1', '100.0%', '0.0%', '—', '100.0%', '—', '—', '100.0%', '通过'],
    // 周书记: 1 of 4 satisfied: 25.0%, 不满意 75.0% — flagged, in the domain's words.
    ['周书记', '1', '0', '3', '0', '25.0%', '75.0%', '0.0%', '100.0%', '—', '—', '0.0%', '满意和基本满意合计25.0%，低于60.0%，列入甄别。'],
  ]);

  await go(page, '#/scoring/orgs');
  const form = page.locator('form.rating-form');
  const labels = ['强班子（0–20分）', '强队伍（0–20分）', '强服务（0–20分）', '强实力（0–20分）', '强制度（0–20分）'];
  async function rate(name, scores) {
    await chooseOrg(page, '#og-org', name);
    await page.locator('.org-rating h3', { hasText: name }).waitFor();
    for (const [k, label] of labels.entries()) await form.getByLabel(label).fill(String(scores[k]));
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已保存评分：${name}`).waitFor();
  }
  // 山塘村 rated first with the lower total.
  await rate('山塘村党支部', [12, 10, 15, 11, 9]);
  await rate('桐溪村党支部', [18, 17, 18, 19, 18]);
  await rowOf(page, 'table.orgs-rated', '2').filter({ hasText: '山塘村党支部' }).waitFor();
  const og = await download(page, page.getByRole('button', { name: '导出 Excel' }));
  assert.equal(og.name, `${year}年度党组织评定结果.xlsx`);
  assert.deepEqual(og.rows.slice(0, 2), [
    [`${year}年度党组织评定结果`],
    ['名次', '党组织', '强班子', '强队伍', '强服务', '强实力', '强制度', '得分', '等次', '软弱涣散迹象', '软弱涣散认定'],
  ]);
  assert.deepEqual(og.rows[2].slice(0, 9), ['1', '桐溪村党支部', '18', '17', '18', '19', '18', '90', '先进']);
  assert.deepEqual(og.rows[3].slice(0, 9), ['2', '山塘村党支部', '12', '10', '15', '11', '9', '57', '后进']);
  // 山塘村's signs: no 发展对象 in two years, its team's 公信度 passes, last of two.
  assert.match(og.rows[3][9], /2年内没有确定发展对象。 年度评定得分57，在2个党组织中排名末位。/);
  assert.equal(og.rows.length, 4);
  await page.locator('table.orgs-rated').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-orgs-ranked.png' });
  assert.deepEqual(page.errors, []);
  await context.close();
});
