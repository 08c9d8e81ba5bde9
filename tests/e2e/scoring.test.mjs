// Journeys for 考核评分: a meeting registered with the branch's attendance (a 请假 without a reason
// and an empty topic refused at their places, nothing saved), its counts on the list and the
// branch's cadence; the ledger entry a meeting gives a member, changing when that meeting's
// attendance is corrected; a typed entry with bad points refused (nothing saved, the template
// not stored), then saved with the year's scheme; #/scoring opened cold after a reload; and the
// attendance sheet and a ledger photographed at 1024×768 in both text sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SHOTS, launch, freshContext, open, ready, idNumber, day, go, township, addMember, chooseOrg, unzip } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The attendance sheet's row of a member. */
function sheetRow(page, name) {
  return page.locator('table.sheet tbody tr', { has: page.locator('th', { hasText: name }) });
}

/** Registers a meeting of 山塘村党支部 with everyone present but `absent`; back on the list. */
async function addMeeting(page, { date, kind, topic, absent = [] }) {
  await go(page, '#/scoring/meetings/new');
  await page.getByLabel('会议日期').fill(date);
  await chooseOrg(page, '#mt-org', '山塘村党支部');
  await page.getByLabel('会议类型').selectOption(kind);
  await page.getByLabel('会议主题').fill(topic);
  for (const name of absent) await sheetRow(page, name).getByLabel('缺席', { exact: true }).check();
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/#\/scoring$/);
}

async function largeText(page, on) {
  await go(page, '#/settings');
  const box = page.getByLabel('大字模式（适合老式显示器）');
  if ((await box.isChecked()) !== on) await box.click();
  await page.waitForFunction((want) => document.documentElement.classList.contains('large-text') === want, on);
}

test('a meeting with attendance, its counts, the ledger entry it gives and corrects, typed entries', async () => {
  const context = await freshContext(browser);
  // The meetings are 1 to 3 days old, and the list and ranking show the current year: in the
  // first days of January the browser's clock is set on, so that they still fall in its year.
  const today = day(0);
  // Days since 1 January, counted only in January (later, 31 is as good as any).
  const intoYear = today.slice(5, 7) === '01' ? Number(today.slice(8, 10)) - 1 : 31;
  const shift = Math.max(0, 3 - intoYear);
  if (shift) await context.clock.setFixedTime(new Date(Date.now() + shift * 86400e3));
  const ago = (n) => day(shift - n);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '张三', id: idNumber('43012119700101001'), branch: '山塘村党支部' });
  await addMember(page, { name: '李四', id: idNumber('43012119710101002'), branch: '山塘村党支部' });
  await addMember(page, { name: '王五', id: idNumber('43012119720101003'), branch: '山塘村党支部' });
  await addMember(page, { name: '赵六', id: idNumber('43012119730101004'), branch: '桐溪村党支部' });

  await go(page, '#/scoring');
  await page.getByRole('heading', { name: '考核评分', level: 2 }).waitFor();
  await page.getByText('本年度还没有登记会议。').waitFor();
  await page.getByRole('link', { name: '登记会议' }).click();
  await page.getByRole('heading', { name: '登记会议' }).waitFor();
  const date = ago(3);
  await page.getByLabel('会议日期').fill(date);
  // The sheet follows the organization: 桐溪村's 赵六, marked, then another branch chosen.
  await chooseOrg(page, '#mt-org', '桐溪村党支部');
  await sheetRow(page, '赵六').getByLabel('缺席', { exact: true }).check();
  await chooseOrg(page, '#mt-org', '山塘村党支部');
  await page.getByLabel('会议类型').selectOption('支部党员大会');
  // The sheet lists the branch's members (not 赵六 of 桐溪村), each 出席 until marked.
  await sheetRow(page, '王五').waitFor();
  assert.equal(await page.locator('table.sheet tbody tr').count(), 3);
  await page.getByText('出席3人，请假0人，缺席0人').waitFor();
  // An empty topic is refused at its input.
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#mt-topic-err').getByText('请填写会议主题。').waitFor();
  await page.getByLabel('会议主题').fill('学习党的二十大精神');
  // A 请假 without a reason is refused at the sheet, naming the member.
  await sheetRow(page, '李四').getByLabel('请假', { exact: true }).check();
  await sheetRow(page, '王五').getByLabel('缺席', { exact: true }).check();
  await page.getByText('出席1人，请假1人，缺席1人').waitFor();
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#mt-attendance-err').getByText('李四请假，请填写请假事由。').waitFor();
  await page.getByLabel('李四请假事由').fill('外出务工');
  await page.locator('#mt-attendance').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-attendance.png' });
  await page.getByRole('button', { name: '保存' }).click();

  // The list: one meeting (nothing was saved by the refused tries), with its counts.
  await page.waitForURL(/#\/scoring$/);
  await page.getByText('共1次会议').waitFor();
  const row = page.locator('table.meetings tbody tr');
  assert.equal(await row.count(), 1);
  assert.deepEqual(
    await row.locator('td').allInnerTexts(),
    [date, '山塘村党支部', '支部党员大会', '学习党的二十大精神', '1', '1', '1'],
  );
  // The branch's cadence: this quarter's 支部党员大会 held once of once; 支委会 this month not
  // yet, said to be running, not flagged; last month's (if this year has one) flagged short.
  await chooseOrg(page, '#mt-filter-org', '山塘村党支部');
  const month = Number(date.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3) + 1;
  const cadence = page.locator('table.cadence');
  await cadence.locator('tr', { hasText: '支部党员大会' }).getByText(`第${quarter}季度 1/1`).waitFor();
  const committee = cadence.locator('tr', { hasText: '支委会' });
  const thisMonth = Number(ago(0).slice(5, 7));
  await committee.getByText(`${thisMonth}月 0/1（进行中）`).waitFor();
  assert.equal(await committee.locator('.flag.red', { hasText: `${thisMonth}月` }).count(), 0);
  if (thisMonth > 1) await committee.locator('.flag.red', { hasText: `${thisMonth - 1}月 0/1` }).waitFor();
  await page.screenshot({ path: SHOTS + 'scoring-meetings.png' });
  // The list as .xlsx: its title, and the meeting's row with its counts.
  const [meetingsXlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.match(meetingsXlsx.suggestedFilename(), /^山塘村党支部\d{4}年度组织生活登记\.xlsx$/);
  const meetingStrings = unzip(readFileSync(await meetingsXlsx.path()))['xl/sharedStrings.xml'];
  for (const words of ['会议类型', '山塘村党支部', '支部党员大会', '学习党的二十大精神']) {
    assert.ok(meetingStrings.includes(words), `the meetings' .xlsx holds ${words}`);
  }

  // 党员积分: 张三 attended (60 + 1), 王五 was absent (60 − 2), 李四 on leave (60).
  await page.getByRole('link', { name: '党员积分' }).click();
  await chooseOrg(page, '#pt-branch', '山塘村党支部');
  const ranking = page.locator('table.ranking tbody tr');
  await ranking.first().waitFor();
  assert.deepEqual(await ranking.locator('td.name').allInnerTexts(), ['张三', '李四', '王五']);
  assert.deepEqual(await ranking.locator('td.total').allInnerTexts(), ['61', '60', '58']);
  await page.getByText('内置模板').first().waitFor();
  await page.screenshot({ path: SHOTS + 'scoring-ranking.png' });
  await ranking.getByRole('link', { name: '张三' }).click();
  await page.getByRole('heading', { name: /张三.*积分明细/ }).waitFor();
  await page.getByText('总分 61，2星').waitFor();
  const entries = page.locator('table.entries tbody tr');
  assert.deepEqual(
    await entries.first().locator('td').allInnerTexts(),
    [date, '参加三会一课和主题党日', '+1', '支部党员大会：学习党的二十大精神（出席）', '会议记录'],
  );
  const ledgerUrl = page.url();

  // The meeting's attendance corrected (张三 was in fact absent): the derived entry changes.
  await entries.first().getByRole('link', { name: '会议记录' }).click();
  await page.getByRole('heading', { name: '会议与出席情况' }).waitFor();
  assert.ok(await sheetRow(page, '张三').getByLabel('出席', { exact: true }).isChecked());
  assert.equal(await page.getByLabel('李四请假事由').inputValue(), '外出务工');
  await sheetRow(page, '张三').getByLabel('缺席', { exact: true }).check();
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/#\/scoring$/);
  await page.goto(ledgerUrl);
  await page.getByText('总分 58，1星').waitFor();
  assert.deepEqual(
    await entries.first().locator('td').allInnerTexts(),
    [date, '无故缺席组织生活', '-2', '支部党员大会：学习党的二十大精神（缺席）', '会议记录'],
  );
  assert.equal(await entries.count(), 1);

  // A typed entry with bad points is refused at its input; nothing is saved, not even the scheme.
  await page.getByLabel('积分项目').selectOption({ label: '其他加分（+5）' });
  await page.getByLabel('分值', { exact: true }).fill('八');
  await page.getByLabel('加减分事由').fill('帮扶困难群众');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#pe-points-err').getByText('分值应为不等于零的整数。').waitFor();
  await page.getByLabel('分值', { exact: true }).fill('9');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#pe-points-err').getByText('「其他加分」每次加分为1到5分。').waitFor();
  assert.equal(await entries.count(), 1);
  await page.getByText('内置模板').waitFor();
  // Good input: saved, with the year's scheme stored by the same commit.
  await page.getByLabel('分值', { exact: true }).fill('3');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已录入积分：帮扶困难群众').waitFor();
  await page.getByText('总分 61，2星').waitFor();
  assert.equal(await entries.count(), 2);
  assert.match(await page.locator('.ledger p.muted').first().innerText(), /^积分细则：党员积分管理细则（\d+年度，第1版）$/);
  await entries.filter({ hasText: '帮扶困难群众' }).getByText('支部录入').waitFor();

  // 年老体弱: not rated, and the absence no longer deducted (60 + 3).
  await page.getByLabel('情况', { exact: true }).selectOption('年老体弱');
  await page.getByRole('button', { name: '设定' }).click();
  await page.getByText('总分 63，不参评').waitFor();
  await page.locator('.ledger').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-ledger.png' });
  await page.locator('.forms-grid').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-ledger-forms.png' });
  // Set by mistake: withdrawn, the member is rated again (and the absence counts); set again.
  const set = page.locator('ul.exemptions li');
  assert.equal(await set.count(), 1);
  await set.getByText('已设定：年老体弱').waitFor();
  await set.getByRole('button', { name: '撤销' }).click();
  await page.getByText('已撤销：年老体弱').waitFor();
  await page.getByText('总分 61，2星').waitFor();
  await set.first().waitFor({ state: 'detached' });
  await page.getByLabel('情况', { exact: true }).selectOption('年老体弱');
  await page.getByRole('button', { name: '设定' }).click();
  await page.getByText('总分 63，不参评').waitFor();
  // The ledger as .xlsx: the entries with their sources, the items' sums and the total.
  const [ledgerXlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.match(ledgerXlsx.suggestedFilename(), /^张三\d{4}年度党员积分明细\.xlsx$/);
  const ledgerStrings = unzip(readFileSync(await ledgerXlsx.path()))['xl/sharedStrings.xml'];
  for (const words of ['帮扶困难群众', '支部录入', '基础分', '总分', '不参评']) {
    assert.ok(ledgerStrings.includes(words), `the ledger's .xlsx holds ${words}`);
  }

  // Back to the ranking: the same branch, every change since in it (张三 not rated, last).
  await page.getByRole('link', { name: '返回积分排名' }).click();
  await ranking.first().waitFor();
  assert.equal((await page.locator('#pt-branch option:checked').innerText()).trim(), '山塘村党支部');
  assert.deepEqual(await ranking.locator('td.name').allInnerTexts(), ['李四', '王五', '张三']);
  assert.deepEqual(await ranking.locator('td.total').allInnerTexts(), ['60', '58', '63']);
  // One more typed entry, for 李四: the ranking kept since takes it in (+2 → 62).
  await ranking.getByRole('link', { name: '李四' }).click();
  await page.getByText('总分 60，').waitFor();
  await page.getByLabel('积分项目').selectOption({ label: '其他加分（+5）' });
  await page.getByLabel('分值', { exact: true }).fill('2');
  await page.getByLabel('加减分事由').fill('调解邻里纠纷');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('总分 62，').waitFor();
  await page.getByRole('link', { name: '返回积分排名' }).click();
  await ranking.first().waitFor();
  assert.deepEqual(await ranking.locator('td.name').allInnerTexts(), ['李四', '王五', '张三']);
  assert.deepEqual(await ranking.locator('td.total').allInnerTexts(), ['62', '58', '63']);
  // The ranking as .xlsx: its title, the items' columns and each member's row.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.match(xlsx.suggestedFilename(), /^山塘村党支部\d{4}年度党员积分排名\.xlsx$/);
  const strings = unzip(readFileSync(await xlsx.path()))['xl/sharedStrings.xml'];
  for (const words of ['名次', '参加三会一课和主题党日', '其他加分', '李四', '王五', '张三', '不参评']) {
    assert.ok(strings.includes(words), `the .xlsx holds ${words}`);
  }

  // Large text: the sheet and the ledger again.
  await largeText(page, true);
  await page.goto(ledgerUrl);
  await page.getByText('总分 63，不参评').waitFor();
  await page.locator('.ledger').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-ledger-large.png' });
  await go(page, '#/scoring');
  await page.locator('table.meetings tbody tr').getByRole('link').click();
  await sheetRow(page, '王五').waitFor();
  await page.locator('#mt-attendance').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: SHOTS + 'scoring-attendance-large.png' });
  await largeText(page, false);

  // 王五 missed three in a row (the first meeting, then two 支委会): named on the list; 张三,
  // absent once then present, is not.
  await addMeeting(page, { date: ago(2), kind: '支委会', topic: '研究发展党员', absent: ['王五'] });
  await addMeeting(page, { date: ago(1), kind: '支委会', topic: '研究村级事务', absent: ['王五'] });
  await page.getByText('共3次会议').waitFor();
  const missed = page.locator('.warn-box', { hasText: '连续三次缺席组织生活的党员' });
  await missed.locator('li').first().waitFor();
  assert.deepEqual(await missed.locator('li').allInnerTexts(), ['王五 连续缺席3次']);

  // Opened cold after a reload: the section's own wasm, the meeting still there.
  await go(page, '#/scoring');
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: '考核评分', level: 2 }).waitFor();
  await page.locator('table.meetings tbody tr', { hasText: '学习党的二十大精神' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
