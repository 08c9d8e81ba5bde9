// Journeys for 民情日记: a household registered (a bad ID number refused at its field), a stack of
// notebook pages entered by keyboard (writer, village and date kept; a household picked by pinyin
// initials; one added on the spot; a future date and an empty 民情 refused at their fields), the
// draft surviving a reload, search by words and state, a matter taken through 阅批 and 督办 (a
// deadline before the visit refused), the overdue matter on the work lists, and the archive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, launch, freshContext, open, idNumber, day, go, villageWithSecretary } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('households, notebook pages by keyboard, the loop to an overdue 督办, work lists and the archive', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await villageWithSecretary(page);

  // A household on the register; a wrong check digit is refused at its input.
  await go(page, '#/diary/households/new');
  await page.getByRole('heading', { name: '新增民情户' }).waitFor();
  await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('户主姓名').fill('张大爷');
  await page.getByLabel('户主公民身份号码').fill('430121194501010010');
  await page.getByLabel('村民小组').fill('一组');
  await page.getByLabel('贫困户').check();
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#hh-idnumber-err').filter({ hasText: /校验|核对|最后一位/ }).waitFor();
  await page.getByLabel('户主公民身份号码').fill(idNumber('43012119450101001'));
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
  const householdUrl = page.url();

  // The first page: a future date and an empty 民情 are refused at their fields.
  await go(page, '#/diary/new');
  await page.getByRole('heading', { name: '写民情日记（走访记录）' }).waitFor();
  await page.getByLabel('走访时间').fill(day(1));
  await page.getByLabel('走访村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('走访人').selectOption({ label: '李书记' });
  await page.getByLabel('走访户').fill('zdy');
  await page.getByLabel('走访户').press('Enter');
  await page.locator('.chips').getByText('张大爷（一组）').waitFor();
  await page.getByLabel('民情类别').selectOption('生产生活困难');
  await page.getByLabel('矛盾纠纷调解员').check();
  await page.getByLabel('需要跟踪办理').check();
  await page.getByLabel('诉求').press('Control+Enter');
  await page.locator('#dy-date-err').getByText('晚于今天').waitFor();
  await page.getByLabel('走访时间').fill(day(-5));
  await page.getByLabel('诉求').fill('申请危房改造');
  await page.getByLabel('诉求').press('Control+Enter');
  await page.locator('#dy-situation-err').getByText('必须填写').waitFor();
  await page.getByLabel('民情（所见所闻）').fill('屋顶漏水，雨天严重');
  await page.getByLabel('民情（所见所闻）').press('Control+Enter');
  await page.getByText('已保存。可以接着写下一篇。').waitFor();
  await page.screenshot({ path: SHOTS + 'diary-form.png', fullPage: true });

  // The next page keeps writer, village and date, and clears the rest: 类别 shows no choice.
  // A household not on the register is added here.
  assert.equal(await page.getByLabel('走访时间').inputValue(), day(-5));
  assert.equal(await page.getByLabel('民情类别').inputValue(), '', 'the cleared 类别 shows 请选择');
  assert.match(await page.locator('#dy-writer option:checked').innerText(), /李书记/);
  await page.getByLabel('走访户').fill('王婶');
  await page.getByRole('button', { name: '就地新增这户' }).click();
  await page.locator('#dy-add-group').fill('二组');
  await page.getByRole('button', { name: '加入本次走访' }).click();
  await page.locator('.chips').getByText('王婶（二组）').waitFor();
  await page.getByLabel('民情（所见所闻）').fill('咨询低保政策');
  await page.getByLabel('民情类别').selectOption('政策咨询');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('#dy-roles-err').getByText('必须填写').waitFor();
  await page.getByLabel('政策法规宣传员').check();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('已保存。可以接着写下一篇。').waitFor();

  // A draft survives a reload.
  await page.getByLabel('民情（所见所闻）').fill('草稿：村道塌方');
  await page.waitForTimeout(200);
  await page.reload();
  await page.getByText('已恢复上次未保存的草稿。').waitFor();
  assert.equal(await page.getByLabel('民情（所见所闻）').inputValue(), '草稿：村道塌方');
  await page.getByRole('button', { name: '清空本页' }).click();

  // Both pages in the list; words find one; the household added on the spot is on the register.
  await go(page, '#/diary');
  await page.getByText('找到 2 篇（共 2 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('漏水');
  await page.getByText('找到 1 篇（共 2 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('');
  await page.locator('#dy-f-state').selectOption('待阅');
  await page.getByText('找到 1 篇（共 2 篇走访记录）').waitFor();

  // 阅批, then 督办 with a deadline before the visit (refused), then one that has passed.
  await page.locator('table.diaries tbody a').first().click();
  await page.getByRole('heading', { name: /跟踪办理：.*待阅/ }).waitFor();
  await page.getByRole('button', { name: '阅批', exact: true }).click();
  await page.getByLabel('日期', { exact: true }).fill(day(-4));
  await page.getByLabel('经办人（签名）').fill('王镇长');
  await page.getByLabel('阅批意见').fill('请村委会尽快核实');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: /已阅批/ }).waitFor();
  await page.getByRole('button', { name: '督办', exact: true }).click();
  assert.equal(await page.getByLabel('经办人（签名）').inputValue(), '王镇长', 'the last signer is offered');
  await page.getByLabel('日期', { exact: true }).fill(day(-4));
  await page.getByLabel('承办人或承办单位').fill('山塘村委会');
  await page.getByLabel('办理期限').fill(day(-10));
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('#st-deadline-err').getByText('早于走访时间').waitFor();
  await page.getByLabel('办理期限').fill(day(-1));
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: /督办中/ }).waitFor();
  // 反馈 before 办结 is not among the next steps.
  assert.equal(await page.getByRole('button', { name: '反馈', exact: true }).count(), 0);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: SHOTS + 'diary-notebook-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The work lists: the matter is overdue (red).
  await go(page, '#/diary/lists');
  await page.locator('#dy-overdue').getByText(/张大爷/).waitFor();
  assert.match(await page.getByRole('heading', { name: /^逾期/ }).innerText(), /1 件/);
  await page.screenshot({ path: SHOTS + 'diary-lists.png', fullPage: true });

  // The archive: the visit with its matter.
  await page.goto(householdUrl);
  await page.locator('.visit').getByText('屋顶漏水，雨天严重').waitFor();
  await page.locator('.visit .state').getByText('督办中').waitFor();
  await page.screenshot({ path: SHOTS + 'diary-archive.png', fullPage: true });
  await go(page, '#/diary/households');
  await page.getByRole('link', { name: '王婶' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
