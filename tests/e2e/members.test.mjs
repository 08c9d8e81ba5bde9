// Journeys for 组织与党员: the member form and its checks, a member's page with history and
// audit trail, and the organization tree's 撤并 / 拆分 with undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, launch, freshContext, open, createOrg, orgRows, orgAction, idNumber, addMember, township, printMedia, assertA4Portrait } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the member form checks the ID number, fills birth date and sex from it, and refuses a duplicate', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await page.getByRole('link', { name: '党员', exact: true }).click();
  await page.getByText('还没有党员').waitFor();
  await page.getByRole('link', { name: '新增党员' }).click();

  // Every item of the national form is there, labelled as the form names it.
  for (const label of ['姓名', '性别', '民族', '公民身份号码', '出生日期', '学历', '人员类别', '所在党支部',
    '加入党组织日期', '转为正式党员日期', '工作岗位', '联系电话', '家庭住址', '党籍状态', '是否失联', '是否流动党员']) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  }
  await page.getByLabel('是否失联').check();
  await page.getByLabel('失联日期').waitFor();
  await page.getByLabel('是否失联').uncheck();
  await page.getByLabel('是否流动党员').check();
  await page.getByLabel('外出流向').waitFor();
  await page.getByLabel('是否流动党员').uncheck();

  const valid = idNumber('43012119800506123');
  const wrongCheck = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
  await page.getByLabel('姓名', { exact: true }).fill('张三');
  await page.getByLabel('公民身份号码').fill(wrongCheck);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('公民身份号码校验位不对').waitFor();
  await page.getByText('请先改正标红的项目。').waitFor();
  await page.getByLabel('公民身份号码').fill('430121800506123');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('15 位旧号码').waitFor();
  await page.getByLabel('公民身份号码').fill(idNumber('43012119800231123'));
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('不是有效日期').waitFor();
  await page.screenshot({ path: SHOTS + 'member-form-errors.png' });

  // A valid number fills 出生日期 and 性别.
  await page.getByLabel('公民身份号码').fill(valid);
  assert.equal(await page.getByLabel('出生日期').inputValue(), '1980-05-06');
  assert.equal(await page.getByLabel('性别').inputValue(), '男');
  await page.getByLabel('学历').selectOption('高中');
  await page.getByLabel('人员类别').selectOption('正式党员');
  await page.getByLabel('所在党支部').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('加入党组织日期').fill('1995.7.1');
  await page.getByLabel('转为正式党员日期').fill('1996年7月1日');
  await page.getByLabel('联系电话').fill('138-0731-0000');
  // Joining at 15 is flagged; the clerk may confirm it (档案 dates are what they are).
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.warn-box').getByText('入党时只有 15 岁').waitFor();
  await page.getByRole('button', { name: '仍然保存' }).click();
  await page.getByRole('heading', { name: '张三', exact: true }).waitFor();

  // Lists and the page mask the number until asked.
  await page.locator('#member-id-number').getByText('430121********1237').waitFor();
  await page.getByRole('button', { name: '显示完整号码' }).click();
  await page.locator('#member-id-number').getByText(valid).waitFor();
  assert.match(await page.locator('dl.member-facts').innerText(), /1995-07-01[\s\S]*1996-07-01[\s\S]*13807310000/);

  // The same number again is refused, with a link to the member who has it.
  await page.goto(new URL('#/members/new', page.url()).href);
  await page.getByLabel('姓名', { exact: true }).fill('张三丰');
  await page.getByLabel('公民身份号码').fill(valid.toLowerCase());
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('本站点已有党员“张三”使用这个公民身份号码').waitFor();
  await page.getByRole('link', { name: '查看该党员' }).click();
  await page.getByRole('heading', { name: '张三', exact: true }).waitFor();

  await page.getByRole('link', { name: '返回党员列表' }).click();
  const rows = page.locator('table.roster tbody tr:not(.spacer)');
  // The list is drawn after the click returns: its rows are awaited, not sampled.
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /张三\s+男\s+\d+\s+430121\*{8}1237\s+正式党员\s+山塘村党支部/);
  await page.screenshot({ path: SHOTS + 'members.png' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an edit shows in the audit trail, and a member who transfers out leaves the current roster', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '李四', id: idNumber('43012119850312124'), branch: '山塘村党支部', phone: '13900000000' });
  await page.getByRole('link', { name: '修改信息' }).click();
  await page.getByLabel('联系电话').fill('0731-88886666');
  await page.getByLabel('所在党支部').selectOption({ label: '桐溪村党支部' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '李四', exact: true }).waitFor();
  const trail = page.locator('table.trail');
  await trail.getByText('联系电话：13900000000 → 0731-88886666').waitFor();
  await trail.getByText('所在党支部：山塘村党支部 → 桐溪村党支部').waitFor();
  assert.match(await trail.innerText(), /坪塘镇党委组织办/);
  // The trail is stored: it is there after a reload.
  await page.reload();
  await page.locator('table.trail').getByText('联系电话：13900000000 → 0731-88886666').waitFor();

  await page.getByLabel('事项').selectOption('处分');
  await page.getByLabel('日期', { exact: true }).fill('2026-03-01');
  await page.getByRole('button', { name: '登记' }).click();
  await page.getByText('请填写说明').waitFor();
  await page.getByLabel('处分种类').selectOption('警告');
  await page.getByRole('button', { name: '登记' }).click();
  await page.getByText('已登记。').waitFor();
  await page.getByLabel('事项').selectOption('转出');
  await page.getByLabel('日期', { exact: true }).fill('2026-10-08');
  await page.getByLabel('去向').fill('长沙市岳麓区');
  await page.getByRole('button', { name: '登记' }).click();
  await page.getByText('已不在册：转出').waitFor();
  await page.screenshot({ path: SHOTS + 'member-page.png', fullPage: true });

  await page.getByRole('link', { name: '返回党员列表' }).click();
  await page.getByText('没有找到符合条件的党员。').waitFor();
  await page.getByLabel('人员状态').selectOption({ label: '已不在册（转出、出党、去世）' });
  await page.locator('table.roster').getByText('李四').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('two branches are merged (撤并) with their members, and the merge is undone', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await createOrg(page, { name: '第一党小组', category: '党小组', parent: '山塘村党支部' });
  await addMember(page, { name: '王五', id: idNumber('43012119700101001'), branch: '山塘村党支部' });
  await addMember(page, { name: '赵六', id: idNumber('43012119720202002'), branch: '山塘村党支部' });
  await addMember(page, { name: '钱七', id: idNumber('43012119750303003'), branch: '桐溪村党支部' });
  await page.getByRole('link', { name: '党组织' }).click();
  const row = (name) => orgRows(page).filter({ has: page.locator('td:first-child', { hasText: name }) });
  assert.match(await row('山塘村党支部').innerText(), /\s2\s/);

  await orgAction(page, '山塘村党支部', '撤并');
  await page.getByLabel('并入').selectOption({ label: '桐溪村党支部' });
  await page.getByRole('button', { name: '确认撤并' }).click();
  await page.getByText('撤并完成：3 条记录已转入。').waitFor();
  assert.match(await row('桐溪村党支部').innerText(), /\s3\s/);
  assert.equal(await row('山塘村党支部').count(), 0, 'the closed branch leaves the list');
  await page.getByLabel('显示已撤销、已撤并的组织').check();
  await row('山塘村党支部').getByText('已撤并到桐溪村党支部').waitFor();
  await page.screenshot({ path: SHOTS + 'orgs-merged.png', fullPage: true });

  await page.getByRole('button', { name: /撤销此操作：山塘村党支部 → 桐溪村党支部/ }).click();
  await page.getByText('已撤销该操作。').waitFor();
  await page.getByLabel('显示已撤销、已撤并的组织').uncheck();
  assert.match(await row('山塘村党支部').innerText(), /\s2\s/);
  assert.match(await row('桐溪村党支部').innerText(), /\s1\s/);
  assert.deepEqual(await orgRows(page).locator('td:first-child').allInnerTexts(),
    ['坪塘镇党委', '山塘村党支部', '第一党小组', '桐溪村党支部']);

  // 拆分: one of 山塘村's members goes to a new branch beside it.
  await orgAction(page, '山塘村党支部', '拆分');
  await page.getByLabel('新组织名称').fill('山塘村第二党支部');
  await page.getByLabel('赵六').check();
  await page.getByRole('button', { name: '确认拆分' }).click();
  await page.getByText('拆分完成：新建“山塘村第二党支部”，转入 1 名党员。').waitFor();
  assert.match(await row('山塘村第二党支部').innerText(), /\s1\s/);
  assert.match(await row('山塘村党支部').innerText(), /\s1\s/);

  // The branch's own page: its facts, and every change to it (merge, undo, a new secretary).
  await row('山塘村党支部').getByRole('button', { name: '修改山塘村党支部' }).click();
  await page.locator('#org-action').getByLabel('书记').fill('李书记');
  await page.locator('#org-action').getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存党组织：山塘村党支部').waitFor();
  await row('山塘村党支部').getByRole('link', { name: '山塘村党支部' }).click();
  await page.getByRole('heading', { name: '山塘村党支部', level: 2 }).waitFor();
  const trail = page.locator('table.trail');
  await trail.getByText('书记：（空） → 李书记').waitFor();
  await trail.getByText('已撤并到：（空） → 桐溪村党支部').waitFor();
  await trail.getByText('已撤并到：桐溪村党支部 → （空）').waitFor();
  assert.equal(await trail.getByText('联系电话').count(), 0, 'a blank left blank is no change');
  await page.screenshot({ path: SHOTS + 'org-page.png' });
  await page.getByRole('link', { name: '返回党组织列表' }).click();
  await row('桐溪村党支部').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a branch roster and a member card print on A4 without the app around them', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  const id = idNumber('43012119700101001');
  await addMember(page, { name: '王五', id, branch: '山塘村党支部', phone: '13812345678' });
  await addMember(page, { name: '赵六', id: idNumber('43012119720202002'), branch: '山塘村党支部' });
  await addMember(page, { name: '钱七', id: idNumber('43012119750303003'), branch: '桐溪村党支部' });
  await page.getByRole('link', { name: '打印信息卡' }).click();
  await page.getByRole('heading', { name: '党员基本信息卡' }).waitFor();
  assert.match(await page.locator('table.card-table').innerText(), /姓名\s+钱七[\s\S]*公民身份号码\s+430121197503030036?/);

  await page.goto(new URL('#/members', page.url()).href);
  await page.getByLabel('所在组织').selectOption({ label: '山塘村党支部' });
  await page.getByRole('link', { name: '打印花名册' }).click();
  await page.getByRole('heading', { name: '山塘村党支部党员花名册' }).waitFor();
  const rows = page.locator('table.print-table tbody tr');
  assert.equal(await rows.count(), 2, 'only the branch');
  assert.match(await rows.first().innerText(), /1\s+王五\s+男\s+汉族\s+1970\.01\s+430121\*{8}0016/);
  await page.getByLabel('显示完整公民身份号码').check();
  await rows.first().getByText(id).waitFor();
  if (await printMedia(page)) {
    assert.equal(await page.locator('.side-nav').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: '打印' }).isVisible(), false);
    await page.screenshot({ path: SHOTS + 'print-roster.png' });
  }
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assertA4Portrait(pdf);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('search as you type finds members by pinyin initials, full pinyin, ID and phone; filters narrow the list', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '张三', id: idNumber('43012119800506123'), branch: '山塘村党支部', phone: '13807310001' });
  await addMember(page, { name: '曾小红', id: idNumber('43012119950808124'), branch: '桐溪村党支部', education: '本科', joined: '2016-07-01', full: '2017-07-01' });
  await addMember(page, { name: '李四', id: idNumber('43012119600101001'), branch: '桐溪村党支部', phone: '13900000002' });
  await page.goto(new URL('#/members', page.url()).href);
  const names = () => page.locator('table.roster tbody tr:not(.spacer) td:first-child').allInnerTexts();
  // Sorted by pinyin: li, zeng (曾 as a surname), zhang.
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 3);
  assert.deepEqual(await names(), ['李四', '曾小红', '张三']);
  const search = page.getByLabel('查找党员');
  const expectNames = async (query, expected) => {
    await search.fill(query);
    await page.waitForFunction((n) => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === n, expected.length);
    assert.deepEqual(await names(), expected, query);
  };
  await expectNames('zs', ['张三']);
  await expectNames('zhangs', ['张三']);
  await expectNames('zx', ['曾小红']);
  await expectNames('zengxh', ['曾小红']);
  await expectNames('z', ['曾小红', '张三']);
  await expectNames('张', ['张三']);
  await expectNames('19600101', ['李四']);
  await expectNames('1390000', ['李四']);
  await expectNames('qq', []);
  await page.getByText('没有找到符合条件的党员。').waitFor();
  await search.fill('');
  await page.getByLabel('学历').selectOption('本科');
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 1);
  assert.deepEqual(await names(), ['曾小红']);
  await page.getByRole('button', { name: '清除条件' }).click();
  await page.getByLabel('所在组织').selectOption({ label: '桐溪村党支部' });
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 2);
  // Sort by age, oldest last.
  await page.getByRole('button', { name: '年龄' }).click();
  assert.deepEqual(await names(), ['曾小红', '李四']);
  await page.getByRole('button', { name: '年龄' }).click();
  assert.deepEqual(await names(), ['李四', '曾小红']);
  await page.screenshot({ path: SHOTS + 'members-search.png' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('statistics count current members by organization, age band, 学历, 性别, and print', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '张三', id: idNumber('43012119800506123'), branch: '山塘村党支部' });
  await addMember(page, { name: '曾小红', id: idNumber('43012119950808124'), branch: '桐溪村党支部', education: '本科', joined: '2016-07-01', full: '2017-07-01' });
  await addMember(page, { name: '李四', id: idNumber('43012119600101001'), branch: '桐溪村党支部' });
  await addMember(page, { name: '王芳', id: idNumber('43012119990303002'), branch: '桐溪村党支部', category: '预备党员', joined: '2026-07-01' });
  // One who died is not counted.
  await page.getByLabel('事项').selectOption('去世');
  await page.getByLabel('日期', { exact: true }).fill('2026-09-01');
  await page.getByRole('button', { name: '登记' }).click();
  await page.getByText('已不在册：去世').waitFor();

  await page.getByRole('link', { name: '统计', exact: true }).click();
  await page.getByRole('heading', { name: '党员统计' }).waitFor();
  const card = (label) => page.locator('.stat-card', { hasText: label }).locator('.stat-value');
  assert.equal(await card('党员总数').innerText(), '3');
  assert.equal(await card('女党员占比').innerText(), '33.3%');
  assert.equal(await card('35岁及以下占比').innerText(), '33.3%');
  const orgTable = page.locator('table.org-stats');
  assert.match(await orgTable.innerText(), /坪塘镇党委\s+0\s+3[\s\S]*山塘村党支部\s+1\s+1[\s\S]*桐溪村党支部\s+2\s+2/);
  const age = page.locator('section.breakdown', { has: page.getByRole('heading', { name: '年龄结构' }) });
  assert.match(await age.locator('table').innerText(), /35岁及以下\s+1\s+33\.3%[\s\S]*46-55岁\s+1\s+33\.3%[\s\S]*61岁及以上\s+1\s+33\.3%/);
  assert.equal(await age.locator('svg rect').count(), 5, 'a bar per band');
  await page.getByLabel('统计范围').selectOption({ label: '　桐溪村党支部' });
  assert.equal(await card('党员总数').innerText(), '2');
  await page.screenshot({ path: SHOTS + 'stats.png', fullPage: true });
  if (await printMedia(page)) {
    assert.equal(await page.getByLabel('统计范围').isVisible(), false);
    await page.screenshot({ path: SHOTS + 'stats-print.png' });
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});
