// Journeys for 发展党员 and 干部与培训: a candidate taken through the steps to admission (a timing
// rule broken and shown, the member on the roster), a village post with its 届中考察 due, a
// village without 包村干部, and a training with its 到课率 and the 2-a-year rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, launch, freshContext, open, idNumber, addMember, day, go, township } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Records step `n` of the open candidate page with a date (and training days for step 11). */
async function recordStep(page, n, date, extra = {}) {
  const dateInput = page.getByLabel('日期', { exact: true });
  if (!(await dateInput.isVisible())) {
    await page.getByRole('button', { name: new RegExp(`^(登记|修改)第 ${n} 步：`) }).click();
  }
  await dateInput.fill(date);
  if (extra.days) await page.getByLabel('培训天数').fill(extra.days);
  if (extra.note) await page.getByLabel('备注', { exact: true }).fill(extra.note);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('.notice').filter({ hasText: n === 17 ? '已批准接收为预备党员' : `已登记第 ${n} 步` }).waitFor();
}

test('a candidate goes through the steps to admission; a broken timing rule is shown; the member is on the roster', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await page.getByRole('link', { name: '发展党员', exact: true }).click();
  await page.getByText('还没有入党申请人').waitFor();
  await page.getByRole('link', { name: '新增入党申请人' }).click();

  // The ID number fills birth date and sex; a missing branch is refused at its input.
  const base = -500;
  await page.getByLabel('姓名', { exact: true }).fill('王小明');
  await page.getByLabel('公民身份号码').fill(idNumber('43012120000315011'));
  assert.equal(await page.getByLabel('出生日期').inputValue(), '2000-03-15');
  assert.equal(await page.getByLabel('性别').inputValue(), '男');
  await page.getByLabel('学历').selectOption('高中');
  await page.getByLabel('工作岗位').fill('农民');
  await page.getByLabel('递交入党申请书日期').fill(day(base));
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#cand-org-err').getByText('请选择所在党支部。').waitFor();
  assert.equal(await page.getByLabel('所在党支部').getAttribute('aria-invalid'), 'true');
  await page.screenshot({ path: SHOTS + 'candidate-form-error.png' });
  await page.getByLabel('所在党支部').selectOption({ label: '山塘村党支部' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: /王小明/ }).waitFor();

  // Steps 2-17 from the papers; the development target (7) is chosen 5 months after the
  // activist (3): the year of observation is short.
  const offsets = { 2: 10, 3: 30, 4: 32, 5: 33, 6: 60, 7: 180, 8: 182, 9: 183, 10: 184, 11: 190, 12: 200,
    13: 205, 14: 210, 15: 220, 16: 225, 17: 250 };
  for (const [n, offset] of Object.entries(offsets)) {
    await recordStep(page, Number(n), day(base + offset), n === '11' ? { days: '3' } : n === '15' ? { note: '支部大会第3次' } : {});
  }
  const rule = page.locator('tr.finding').filter({ hasText: '入党积极分子应培养教育考察一年以上' });
  await rule.waitFor();
  assert.equal(await rule.locator('.flag.red').count(), 1, 'a broken condition is red');
  await page.getByText('3 天').waitFor();
  await page.getByText('检查发现 1 个问题（其中 1 个不符合规定，标红）').waitFor();
  // Every step recorded is in the candidate's audit trail (who, when, old → new).
  const trail = page.locator('table.trail');
  await trail.getByText(`第 2 步 党组织派人谈话：（空） → ${day(base + 10)}`).waitFor();
  await trail.getByText('第 15 步 支部大会讨论（备注）：（空） → 支部大会第3次').waitFor();
  await page.screenshot({ path: SHOTS + 'candidate-admitted.png' });
  await page.screenshot({ path: SHOTS + 'candidate-page-full.png', fullPage: true });

  // Probation can be extended once.
  await page.getByLabel('支部大会决定日期').fill(day(base + 400));
  await page.getByLabel('延长时间').selectOption({ label: '6 个月' });
  await page.getByRole('button', { name: '延长预备期' }).click();
  await page.getByText(/经支部大会决定延长预备期 6 个月/).waitFor();

  // Admission created the member: the link opens their record, and the roster lists them.
  await page.locator('.notice').getByRole('link', { name: '查看党员档案' }).click();
  await page.getByRole('heading', { name: '王小明', exact: true }).waitFor();
  assert.match(await page.locator('dl.member-facts').innerText(), new RegExp(`预备党员[\\s\\S]*山塘村党支部[\\s\\S]*${day(base + 220)}`));
  await page.getByRole('link', { name: '返回党员列表' }).click();
  const rows = page.locator('table.roster tbody tr:not(.spacer)');
  assert.match(await rows.first().innerText(), /王小明\s+男\s+\d+\s+430121\*+\d{3}[\dX]\s+预备党员\s+山塘村党支部/);

  // A second applicant whose talk is overdue shows in this month's due list and is flagged.
  await go(page, '#/development/new');
  await page.getByLabel('姓名', { exact: true }).fill('陈芳');
  await page.getByLabel('公民身份号码').fill(idNumber('43012119980808002'));
  await page.getByLabel('所在党支部').selectOption({ label: '桐溪村党支部' });
  await page.getByLabel('递交入党申请书日期').fill(day(-45));
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: /陈芳/ }).waitFor();
  await page.locator('tr.finding').getByText(/一个月内应派人谈话/).waitFor();
  await page.getByRole('link', { name: '返回发展党员列表' }).click();
  const due = page.locator('table.due');
  await due.locator('tr.group').getByText('桐溪村党支部').waitFor();
  assert.match(await due.innerText(), /陈芳\s+派人谈话（申请后一个月内）\s+\d{4}-\d\d-\d\d（已逾期）/);
  const list = page.locator('table.candidates');
  assert.match(await list.innerText(), /王小明\s+男\s+\d+\s+预备党员\s+17 上级党委审批/);
  await list.locator('.flag.red').getByText('培养不满一年').waitFor();
  await list.locator('.flag.amber').getByText('谈话逾期').waitFor();
  await page.screenshot({ path: SHOTS + 'development-list.png' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** Fills the holding form and saves. */
async function addHolding(page, h) {
  await page.getByLabel('任职组织').selectOption({ label: h.org });
  if (h.member) {
    await page.getByLabel('从党员花名册选择（非党员不选）').selectOption({ label: h.member });
    await page.waitForFunction((name) => document.querySelector('#p-name').value === name, h.member);
  } else {
    await page.getByLabel('姓名', { exact: true }).fill(h.name);
    await page.getByLabel('公民身份号码').fill(h.id);
  }
  for (const post of h.posts) await page.getByLabel(post, { exact: true }).check();
  if (h.start) await page.getByLabel('任期开始日期').fill(h.start);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText(`已登记任职：${h.member ?? h.name}`).waitFor();
}

test('a village post shows its 届中考察 due and overdue, and the review is recorded', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '李四', id: idNumber('43012119800312001'), branch: '山塘村党支部' });
  await page.getByRole('link', { name: '干部与培训' }).click();
  await page.getByRole('link', { name: '干部任职' }).waitFor();

  // Nothing is saved without a post.
  await page.getByLabel('任职组织').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('姓名', { exact: true }).fill('无职务');
  await page.getByLabel('公民身份号码').fill(idNumber('43012119800101003'));
  await page.getByLabel('任期开始日期').fill(day(-100));
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#cadre-posts-err').getByText('请至少勾选一个职务。').waitFor();
  assert.equal(await page.locator('table.posts').getByText('无职务').count(), 0);
  await page.getByLabel('姓名', { exact: true }).fill('');
  await page.getByLabel('公民身份号码').fill('');

  // 书记兼主任 (一肩挑) elected 17.7 months ago: the review falls due within the month.
  await addHolding(page, { org: '山塘村党支部', member: '李四', posts: ['村党组织书记', '村委会主任'], start: day(-540) });
  // A committee member elected 20 months ago with no review: overdue.
  await addHolding(page, { org: '桐溪村党支部', name: '王五', id: idNumber('43012119850505005'), posts: ['村委会委员'], start: day(-600) });
  const row = (name) => page.locator('table.posts tbody tr').filter({ has: page.locator('td:first-child', { hasText: name }) });
  await row('李四').getByText('一肩挑').waitFor();
  await row('李四').locator('.flag.amber').getByText(/应于 \d{4}-\d\d-\d\d 前考察/).waitFor();
  await row('王五').locator('.flag.red').getByText(/已逾期/).waitFor();
  await page.getByText('届中考察：2 人已到期或逾期，请安排考察。').waitFor();
  await page.screenshot({ path: SHOTS + 'cadres-posts.png' });

  await row('李四').getByRole('button', { name: '登记届中考察：李四' }).click();
  await page.getByLabel('考察日期').fill(day(-1));
  await page.getByRole('button', { name: '登记届中考察', exact: true }).click();
  await row('李四').getByText(`已考察（${day(-1)}）`).waitFor();
  await page.getByText('届中考察：1 人已到期或逾期，请安排考察。').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a village without 包村干部 is warned until one is assigned; one cadre cannot hold two villages', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await go(page, '#/cadres');
  await addHolding(page, { org: '坪塘镇党委', name: '赵六', id: idNumber('43012119780606007'), posts: ['乡镇干部'] });
  await page.getByRole('link', { name: '包村干部' }).click();
  const warning = page.locator('.warn-box', { hasText: '没有包村干部' });
  await warning.getByText('以下 2 个村目前没有包村干部，请尽快安排：').waitFor();
  await warning.getByText('山塘村党支部、桐溪村党支部').waitFor();

  await page.getByLabel('包村干部', { exact: true }).selectOption({ label: '赵六（乡镇干部）' });
  await page.getByLabel('所包村').selectOption({ label: '山塘村党支部' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已安排包村干部。').waitFor();
  await warning.getByText('以下 1 个村目前没有包村干部，请尽快安排：').waitFor();
  await warning.getByText('桐溪村党支部').waitFor();
  assert.match(await page.locator('table.liaisons tbody').innerText(), new RegExp(`山塘村党支部\\s+赵六\\s+乡镇干部\\s+${day(0)} 至 \\d{4}-`));

  await page.getByLabel('包村干部', { exact: true }).selectOption({ label: '赵六（乡镇干部）' });
  await page.getByLabel('所包村').selectOption({ label: '桐溪村党支部' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#liaison-cadre-err').getByText(/已包了另一个村/).waitFor();
  assert.equal(await page.locator('table.liaisons tbody tr').count(), 1, 'nothing saved');
  await page.screenshot({ path: SHOTS + 'cadres-liaison.png' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a training: expected from the roster, attendance marked, 到课率, and the village cadres under 2 a year', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '李四', id: idNumber('43012119800312001'), branch: '山塘村党支部' });
  await addMember(page, { name: '张三', id: idNumber('43012119700101011'), branch: '山塘村党支部' });
  await go(page, '#/cadres');
  await addHolding(page, { org: '山塘村党支部', member: '李四', posts: ['村党组织书记'], start: day(-400) });
  await addHolding(page, { org: '山塘村党支部', name: '王五', id: idNumber('43012119850505005'), posts: ['村委会委员'], start: day(-400) });
  await page.getByRole('link', { name: '培训', exact: true }).click();
  const below = page.locator('.warn-box', { hasText: '参加培训不足 2 次' });
  await below.getByText('以下 2 名村干部本年度参加培训不足 2 次：').waitFor();

  // Nothing is saved without a topic.
  await page.getByLabel('培训日期').fill(day(0));
  await page.getByLabel('培训形式').selectOption('专题讲座');
  await page.getByLabel('学时').fill('3');
  await page.getByLabel('主办单位').selectOption({ label: '坪塘镇党委' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#tr-topic-err').getByText('请填写培训主题。').waitFor();
  await page.getByText('本年度还没有培训记录。').waitFor();

  await page.getByLabel('培训主题').fill('乡村振兴专题培训');
  await page.getByLabel('只看干部').check();
  await page.getByRole('button', { name: '全选查找结果' }).click();
  await page.getByLabel('只看干部').uncheck();
  await page.getByLabel('查找应到人员').fill('张三');
  await page.getByLabel(/^张三（/).check();
  await page.getByText('（已选 3 人）').waitFor();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存培训：乡村振兴专题培训').waitFor();
  const session = page.locator('table.sessions tbody tr').filter({ hasText: '乡村振兴专题培训' });
  assert.match(await session.innerText(), /专题讲座\s+3\s+坪塘镇党委\s+3\s+0\s+0\.0%/);

  await session.getByRole('button', { name: '登记到课：乡村振兴专题培训' }).click();
  await page.getByLabel('李四', { exact: true }).check();
  await page.getByLabel('张三', { exact: true }).check();
  await page.getByText('（到课 2 人，应到 3 人）').waitFor();
  await page.getByRole('button', { name: '保存', exact: true }).first().click();
  await page.getByText('已保存到课情况。').waitFor();
  assert.match(await session.innerText(), /3\s+2\s+66\.7%/);
  await below.getByText('以下 2 名村干部本年度参加培训不足 2 次：').waitFor();
  assert.match(await below.innerText(), /王五（山塘村党支部，村委会委员） 0 次/);
  assert.match(await below.innerText(), /李四（山塘村党支部，村党组织书记） 1 次/);
  const person = (name) => page.locator('table.per-person tbody tr').filter({ has: page.locator('td:first-child', { hasText: name }) });
  assert.match(await person('李四').innerText(), /李四\s+村党组织书记\s+山塘村党支部\s+1\s+不足 2 次\s+3/);
  assert.match(await person('张三').innerText(), /张三\s+党员\s+山塘村党支部\s+1\s+3/);
  await page.screenshot({ path: SHOTS + 'trainings.png' });
  await page.screenshot({ path: SHOTS + 'trainings-full.png', fullPage: true });

  // A second session for 李四: two this year, no longer flagged.
  await page.getByLabel('培训日期').fill(day(0));
  await page.getByLabel('培训主题').fill('党务知识培训');
  await page.getByLabel('培训形式').selectOption('远程教育');
  await page.getByLabel('学时').fill('2.5');
  await page.getByLabel('主办单位').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('查找应到人员').fill('李四');
  await page.getByLabel(/^李四（/).check();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存培训：党务知识培训').waitFor();
  await page.getByRole('button', { name: '登记到课：党务知识培训' }).click();
  await page.getByRole('button', { name: '应到人员全部到课' }).click();
  await page.getByRole('button', { name: '保存', exact: true }).first().click();
  await page.getByText('已保存到课情况。').waitFor();
  await below.getByText('以下 1 名村干部本年度参加培训不足 2 次：').waitFor();
  assert.match(await person('李四').innerText(), /李四\s+村党组织书记\s+山塘村党支部\s+2\s+5\.5/);
  await page.getByText(/本年度共培训 2 期、5\.5 学时，参训 3 人次（乡镇干部 0 人次，村干部 2 人次，其他 1 人次）/).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the 后备干部 pool shows its structure, on its page and in 统计, for the station and for one village', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '李四', id: idNumber('43012119980312001'), branch: '山塘村党支部', joined: '2018-07-01', full: '2019-07-01' });
  await go(page, '#/cadres/reserve');
  const add = async (r) => {
    await page.getByLabel('所在村').selectOption({ label: r.village });
    if (r.member) {
      await page.getByLabel('从党员花名册选择（非党员不选）').selectOption({ label: r.member });
      await page.waitForFunction((name) => document.querySelector('#p-name').value === name, r.member);
    } else {
      await page.getByLabel('姓名', { exact: true }).fill(r.name);
      await page.getByLabel('公民身份号码').fill(r.id);
      await page.getByLabel('学历').selectOption(r.education);
    }
    await page.getByLabel('入选日期').fill(day(-30));
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已加入后备干部：${r.member ?? r.name}`).waitFor();
  };
  // A member (28, man, 高中), a woman of 32 with 大专, a man of 45 with 初中.
  await add({ village: '山塘村党支部', member: '李四' });
  await add({ village: '山塘村党支部', name: '陈芳', id: idNumber(`430121${new Date().getFullYear() - 33}0101002`), education: '大专' });
  await add({ village: '桐溪村党支部', name: '王五', id: idNumber(`430121${new Date().getFullYear() - 46}0101001`), education: '初中' });
  const structure = page.locator('table.structure');
  assert.match(await structure.innerText(), /人数\s+3\s+1\s+1\s+0\s+1\s+2\s+1/);
  await page.screenshot({ path: SHOTS + 'cadres-reserve.png' });

  // 统计 (the other page of the app) counts the same pool, for the station and for one village.
  await page.getByRole('link', { name: '统计', exact: true }).click();
  const section = page.locator('section.breakdown', { has: page.getByRole('heading', { name: '后备干部结构' }) });
  await section.getByText('在库后备干部 3 人；高中及以上学历 2 人（66.7%）；女性 1 人（33.3%）。').waitFor();
  assert.match(await section.locator('table').innerText(), /29岁及以下\s+1\s+33\.3%\s+30至35岁\s+1\s+33\.3%\s+36至40岁\s+0\s+0\.0%\s+41岁及以上\s+1\s+33\.3%/);
  await page.getByLabel('统计范围').selectOption({ label: '　山塘村党支部' });
  await section.getByText('在库后备干部 2 人；高中及以上学历 2 人（100.0%）；女性 1 人（50.0%）。').waitFor();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: SHOTS + 'stats-reserve.png' });
  assert.deepEqual(page.errors, []);
  await context.close();
});
