// 考核评分 across stations (issue 12, point 10): a township and two villages, each started on its
// own. Each village runs its branch's 民主评议 and types paper ballots; the township imports the
// villages' files in any order, one of them twice and a later one that holds the earlier
// ballots again, and counts every ballot once. A meeting the village registered changes the
// township's 党员积分 ranking: the township, which had looked at that ranking before, sees the
// changed totals listed with before and after, until it says it has seen them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SHOTS, launch, freshContext, open, firstRun, idNumber, day, go, township, addMember, chooseOrg, rowOf, exportFile, importFile, referenceReader, referenceCounts,
  chooseFiles,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DIR = mkdtempSync(join(tmpdir(), 'dangjian-scoring-exchange-'));
const SHANTANG = '山塘村党支部';
const TONGXI = '桐溪村党支部';

async function village(name, file) {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, name, '村');
  await importFile(page, file);
  return page;
}

/** Opens a branch's 民主评议 of this year, started here if it is not yet. */
async function review(page, branch, start) {
  await go(page, '#/scoring/review');
  await chooseOrg(page, '#rv-branch', branch);
  if (start) {
    await page.getByRole('button', { name: '开始本年度民主评议' }).click();
  }
  await page.locator('form.ballot').waitFor();
}

/** Types one paper ballot: member → grade. */
async function ballot(page, grades) {
  for (const [name, grade] of Object.entries(grades)) {
    await page.getByLabel(`${name}评定等次`).selectOption(grade);
  }
  await page.locator('form.ballot').getByRole('button', { name: '保存' }).click();
  await page.getByText('已录入一张选票。').waitFor();
}

/** The counts row of a member: name, 优秀, 合格, 基本合格, 不合格, 弃权, source. */
async function counts(page, name) {
  return rowOf(page, 'table.counts', name).locator('td').allInnerTexts();
}

/** A member's year total and stars on the ranking, as a changed line words them. */
function rankRow(page, name) {
  return page.locator('table.ranking tbody tr', { has: page.locator('td.name', { hasText: name }) });
}

async function rankingResult(page, name) {
  const cells = rankRow(page, name).locator('td');
  const n = await cells.count();
  return `${(await cells.nth(n - 2).innerText()).trim()}分 ${(await cells.nth(n - 1).innerText()).trim()}`;
}

async function ranking(page, branch) {
  await go(page, '#/scoring/points');
  await chooseOrg(page, '#pt-branch', branch);
  await rankRow(page, '张三').waitFor();
}

test('two villages\' ballots counted once each at the township; a ranking an import changed is shown as changed', async () => {
  const context = await freshContext(browser);
  const t = await open(context);
  await township(t);
  await addMember(t, { name: '张三', id: idNumber('43012119700101001'), branch: SHANTANG });
  await addMember(t, { name: '李四', id: idNumber('43012119710101002'), branch: SHANTANG });
  await addMember(t, { name: '赵六', id: idNumber('43012119730101004'), branch: TONGXI });
  await addMember(t, { name: '钱七', id: idNumber('43012119740101005'), branch: TONGXI });

  // The township looks at 山塘村's ranking: the base points, nothing to point out.
  await ranking(t, SHANTANG);
  const before = { 张三: await rankingResult(t, '张三'), 李四: await rankingResult(t, '李四') };
  assert.equal(await t.locator('.warn-box').count(), 0);

  // Each village starts from its branch as the township keeps it.
  const s = await village('山塘村', await exportFile(t, DIR, { org: SHANTANG }));
  const x = await village('桐溪村', await exportFile(t, DIR, { org: TONGXI }));

  // 山塘村: its review, two ballots, and a meeting 李四 missed.
  await review(s, SHANTANG, true);
  await ballot(s, { 张三: '优秀', 李四: '合格' });
  await ballot(s, { 张三: '合格', 李四: '合格' });
  await go(s, '#/scoring/meetings/new');
  await s.getByLabel('会议日期').fill(day(0));
  await chooseOrg(s, '#mt-org', SHANTANG);
  await s.getByLabel('会议类型').selectOption('支部党员大会');
  await s.getByLabel('会议主题').fill('学习党章');
  await s.locator('table.sheet tbody tr', { has: s.locator('th', { hasText: '李四' }) }).getByLabel('缺席', { exact: true }).check();
  await s.getByRole('button', { name: '保存' }).click();
  await s.waitForURL(/#\/scoring$/);
  const first = await exportFile(s, DIR, { org: SHANTANG });
  // The sub-tree file, 考核评分's kinds in it, read by the specification's reference reader.
  const read = referenceReader(first);
  assert.ok(read.ok, read.out);
  assert.deepEqual(referenceCounts(read.out, first), JSON.parse(readFileSync(first, 'utf8')).counts);

  // 桐溪村: its review and one ballot.
  await review(x, TONGXI, true);
  await ballot(x, { 赵六: '优秀', 钱七: '合格' });
  const tongxi = await exportFile(x, DIR, { org: TONGXI });

  // 山塘村 types a third ballot; its second file holds all three.
  await review(s, SHANTANG, false);
  await ballot(s, { 张三: '优秀', 李四: '基本合格' });
  const second = await exportFile(s, DIR, { org: SHANTANG });

  // The township takes the files in another order than they were written: the later file
  // first, then the earlier one, whose records it holds already (nothing new), then one again.
  await importFile(t, tongxi);
  await importFile(t, second);
  const again = await importFile(t, first);
  assert.ok(Object.keys(again).length > 0);
  for (const [kind, n] of Object.entries(again)) assert.equal(n[0], 0, `nothing new of ${kind}`);
  await chooseFiles(t, tongxi);
  await t.getByText(/这个文件已经在 .* 导入过了，再导入也不会有任何变化。/).waitFor();

  // Every ballot once: three at 山塘村, one at 桐溪村.
  await review(t, SHANTANG, false);
  assert.deepEqual(await counts(t, '张三'), ['张三', '2', '1', '0', '0', '0', '3张选票']);
  assert.deepEqual(await counts(t, '李四'), ['李四', '0', '2', '1', '0', '0', '3张选票']);
  await review(t, TONGXI, false);
  assert.deepEqual(await counts(t, '赵六'), ['赵六', '1', '0', '0', '0', '0', '1张选票']);

  // The ranking the township looked at before: the village's meeting changed both totals, and
  // the page says so with before and after.
  await ranking(t, SHANTANG);
  const after = { 张三: await rankingResult(t, '张三'), 李四: await rankingResult(t, '李四') };
  assert.notEqual(after.张三, before.张三, 'attending the meeting counts');
  assert.notEqual(after.李四, before.李四, 'missing it counts');
  const notice = t.locator('.warn-box', { hasText: '导入其他站点的数据后，以下结果与上次查看时不同：' });
  await notice.waitFor();
  await t.screenshot({ path: SHOTS + 'scoring-changed.png' });
  assert.deepEqual(
    (await notice.locator('ul.changed li').allInnerTexts()).sort(),
    [`张三：${before.张三} → ${after.张三}`, `李四：${before.李四} → ${after.李四}`].sort(),
  );
  // Seen: the notice goes, and stays gone when the page is opened again.
  await notice.getByRole('button', { name: '知道了' }).click();
  await notice.waitFor({ state: 'detached' });
  await t.reload();
  await ranking(t, SHANTANG);
  await rankRow(t, '李四').waitFor();
  assert.equal(await t.locator('.warn-box').count(), 0);
  assert.deepEqual(t.errors, []);
});
