// Journeys for an entry after it is written: an edit of its text and households (a bad edit
// refused at its field with nothing saved; a good one seen on the entry's page, in the list, in
// the search and in both households' archives); the work-list thresholds changed in 设置
// (refused unless whole days in range) and the lists following them; a feedback dated before
// 办结 refused at its date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, launch, freshContext, open, day, go, villageWithSecretary } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function household(page, head, group) {
  await go(page, '#/diary/households/new');
  await page.getByRole('heading', { name: '新增民情户' }).waitFor();
  await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('户主姓名').fill(head);
  await page.getByLabel('村民小组').fill(group);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: `民情档案：${head}` }).waitFor();
  return page.url();
}

/** A station with a village, a writer, two households and one entry needing follow-up. */
async function station(page) {
  await villageWithSecretary(page);
  const zhang = await household(page, '张大爷', '一组');
  const wang = await household(page, '王婶', '二组');
  await go(page, '#/diary/new');
  await page.getByLabel('走访时间').fill(day(-5));
  await page.getByLabel('走访村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('走访人').selectOption({ label: '李书记' });
  await page.getByLabel('走访户').fill('zdy');
  await page.getByLabel('走访户').press('Enter');
  await page.locator('.chips').getByText('张大爷（一组）').waitFor();
  await page.getByLabel('民情类别').selectOption('生产生活困难');
  await page.getByLabel('为民办事服务员').check();
  await page.getByLabel('需要跟踪办理').check();
  await page.getByLabel('民情（所见所闻）').fill('屋顶漏水，雨天严重');
  await page.getByLabel('诉求').fill('申请危房改造');
  await page.getByLabel('民情（所见所闻）').press('Control+Enter');
  await page.getByText('已保存。可以接着写下一篇。').waitFor();
  await go(page, '#/diary');
  await page.locator('table.diaries tbody a').first().click();
  await page.getByRole('heading', { name: /跟踪办理：.*待阅/ }).waitFor();
  return { zhang, wang, entry: page.url() };
}

async function step(page, name, fill) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByLabel('经办人（签名）').fill('王镇长');
  for (const [label, value] of Object.entries(fill)) {
    const input = page.getByLabel(label, { exact: true });
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await page.getByRole('button', { name: '保存', exact: true }).click();
}

test('an entry edited: a bad edit refused at its field and nothing saved; a good one seen everywhere', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  const { zhang, wang, entry } = await station(page);

  // A bad edit: a future date, then an empty 民情, each refused at its field.
  await page.getByRole('link', { name: '修改', exact: true }).click();
  await page.getByRole('heading', { name: '修改走访记录' }).waitFor();
  assert.equal(await page.getByLabel('民情（所见所闻）').inputValue(), '屋顶漏水，雨天严重');
  await page.locator('.chips').getByText('张大爷（一组）').waitFor();
  await page.getByLabel('走访时间').fill(day(2));
  await page.getByLabel('民情（所见所闻）').fill('屋顶已修好，墙体开裂');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('#dy-date-err').getByText('走访时间晚于今天').waitFor();
  await page.getByLabel('走访时间').fill(day(-5));
  await page.getByLabel('民情（所见所闻）').fill('   ');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('#dy-situation-err').getByText('这一项必须填写。').waitFor();
  assert.match(page.url(), /\/edit$/, 'the page stays open');
  // Nothing of it was saved.
  await page.goto(entry);
  await page.locator('.notebook').getByText('屋顶漏水，雨天严重').waitFor();
  assert.match(await page.locator('.notebook').innerText(), new RegExp(day(-5)));

  // A good edit: new text, one household swapped for another.
  await page.getByRole('link', { name: '修改', exact: true }).click();
  await page.getByRole('heading', { name: '修改走访记录' }).waitFor();
  await page.getByRole('button', { name: '移除 张大爷（一组）' }).click();
  await page.getByLabel('走访户').fill('ws');
  await page.getByLabel('走访户').press('Enter');
  await page.locator('.chips').getByText('王婶（二组）').waitFor();
  await page.getByLabel('民情（所见所闻）').fill('屋顶已修好，墙体开裂');
  await page.getByLabel('诉求').fill('请求鉴定房屋');
  await page.getByLabel('民情（所见所闻）').press('Control+Enter');
  await page.waitForURL(entry);
  const notebook = page.locator('.notebook');
  await notebook.getByText('屋顶已修好，墙体开裂').waitFor();
  await notebook.getByText('请求鉴定房屋').waitFor();
  assert.match(await notebook.innerText(), /走访户\s+王婶/);
  assert.doesNotMatch(await notebook.innerText(), /张大爷|漏水/);
  // The trail names what changed.
  await page.locator('.trail').getByText('民情（所见所闻）：屋顶漏水，雨天严重 → 屋顶已修好，墙体开裂').waitFor();
  await page.locator('.trail').getByText('走访户：张大爷 → 王婶').waitFor();
  await page.screenshot({ path: SHOTS + 'diary-edited-entry.png', fullPage: true });

  // The list and the search see the edit.
  await go(page, '#/diary');
  await page.getByText('找到 1 篇（共 1 篇走访记录）').waitFor();
  assert.match(await page.locator('table.diaries tbody tr').first().innerText(), /王婶[\s\S]*屋顶已修好/);
  await page.getByLabel('民情内容').fill('墙体开裂');
  await page.getByText('找到 1 篇（共 1 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('漏水');
  await page.getByText('没有符合条件的走访记录。').waitFor();
  await page.getByLabel('民情内容').fill('');

  // Each household's archive follows: the visit left 张大爷's and is in 王婶's.
  await page.goto(wang);
  await page.locator('.visit').getByText('屋顶已修好，墙体开裂').waitFor();
  await page.goto(zhang);
  await page.getByText('还没有走访记录。').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('work-list thresholds set in 设置 (whole days in range) change the lists; a feedback before 办结 is refused', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  const { entry } = await station(page);
  await step(page, '阅批', { '日期': day(-4), '阅批意见': '请村委会核实' });
  await page.getByRole('heading', { name: /已阅批/ }).waitFor();
  await step(page, '督办', { '日期': day(-4), '承办人或承办单位': '山塘村委会', '办理期限': day(5) });
  await page.getByRole('heading', { name: /督办中/ }).waitFor();

  // Due in 5 days: not within the default 3.
  await go(page, '#/diary/lists');
  await page.getByRole('heading', { name: '即将到期：3 天内（0 件）' }).waitFor();
  await page.getByRole('heading', { name: /每周应不少于 3 天/ }).waitFor();

  await go(page, '#/settings');
  const due = page.getByLabel('“即将到期”：办理期限在几天之内');
  assert.equal(await due.inputValue(), '3');
  await due.fill('3.5');
  await page.getByRole('button', { name: '保存工作清单设置' }).click();
  await page.locator('#set-due-within-err').getByText('请填整数天，如 3。').waitFor();
  await due.fill('100');
  await page.getByRole('button', { name: '保存工作清单设置' }).click();
  await page.locator('#set-due-within-err').getByText('请填 1 到 60 之间的整数天。').waitFor();
  // One bad threshold keeps the others from being saved too.
  await due.fill('7');
  await page.getByLabel('干部每周下村不少于几天').fill('8');
  await page.getByRole('button', { name: '保存工作清单设置' }).click();
  await page.locator('#set-min-days-err').getByText('请填 1 到 7 之间的整数天。').waitFor();
  await go(page, '#/diary/lists');
  await page.getByRole('heading', { name: '即将到期：3 天内（0 件）' }).waitFor();

  await go(page, '#/settings');
  await page.getByLabel('“即将到期”：办理期限在几天之内').fill('7');
  await page.getByLabel('干部每周下村不少于几天').fill('４');
  await page.getByRole('button', { name: '保存工作清单设置' }).click();
  await page.getByText('已保存。工作清单已按新的天数计算。').waitFor();
  await page.screenshot({ path: SHOTS + 'settings-diary.png', fullPage: true });
  await go(page, '#/diary/lists');
  await page.getByRole('heading', { name: '即将到期：7 天内（1 件）' }).waitFor();
  await page.locator('#dy-due-soon').getByText(/张大爷/).waitFor();
  await page.getByRole('heading', { name: /每周应不少于 4 天/ }).waitFor();
  // Kept across a reload.
  await page.reload();
  await page.getByRole('heading', { name: '即将到期：7 天内（1 件）' }).waitFor();

  // 办结 yesterday; a feedback dated the day before is refused at its date, and nothing is saved.
  await page.goto(entry);
  await step(page, '办结', { '日期': day(-1), '备注': '已维修' });
  await page.getByRole('heading', { name: /已办结/ }).waitFor();
  await step(page, '反馈', { '日期': day(-2), '反馈方式': '入户', '群众评价': '满意' });
  await page.locator('#st-date-err').getByText('反馈要在办结之后').waitFor();
  assert.match(await page.getByRole('heading', { name: /跟踪办理/ }).innerText(), /已办结/);
  await page.locator('ol.chain[aria-busy="false"]').waitFor();
  assert.equal(await page.locator('ol.chain > li').count(), 3);
  await page.getByLabel('日期', { exact: true }).fill(day(0));
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: /已反馈/ }).waitFor();
  // The chain's texts are read from the store after the save: wait for that read.
  await page.locator('ol.chain[aria-busy="false"]').waitFor();
  assert.equal(await page.locator('ol.chain > li').count(), 4);
  assert.deepEqual(page.errors, []);
  await context.close();
});
