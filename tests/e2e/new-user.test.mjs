// Journeys of a clerk new to the app (issue 14): forms that leave nothing of the last entry
// behind and drop an error once it is put right; pages that open at their top with the focus on
// their heading, and a list gone back to where it was; the smaller things (roster choices in
// pinyin order, other stations by name, the steps' list in time order, the undo of an import
// asking first, a file chooser in Chinese that takes dropped files).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SHOTS, launch, freshContext, open, firstRun, createOrg, orgAction, idNumber, addMember, township, go, exchange,
  exportFile, day,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ROSTER = '从党员花名册选择（非党员不选）';

/** The three members of 山塘村党支部 the cadre journeys choose from. */
async function villageMembers(page) {
  await township(page);
  await addMember(page, { name: '张三', id: idNumber('43012119800101001'), branch: '山塘村党支部' });
  await addMember(page, { name: '李四', id: idNumber('43012119810202002'), branch: '山塘村党支部', education: '本科' });
  await addMember(page, { name: '阿依古丽', id: idNumber('43012119820303002'), branch: '山塘村党支部' });
}

const optionTexts = (page, label) => page.getByLabel(label).locator('option').allInnerTexts();

test('登记任职 and 后备干部 are emptied whole after a save, and an error goes once its field is put right', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await villageMembers(page);
  await go(page, '#/cadres');
  await page.getByLabel('任职组织').selectOption({ label: '山塘村党支部' });
  // The roster in the member list's order: by pinyin (a, li, zhang), not by character code.
  await page.waitForFunction((label) => {
    const select = [...document.querySelectorAll('label')].find((l) => l.textContent === label)?.control;
    return [...(select?.options ?? [])].map((o) => o.textContent).join(',') === '请选择,阿依古丽,李四,张三';
  }, ROSTER);

  // Taken from the roster: name, number and 学历 filled in; saved; then nothing of 李四 stays.
  await page.getByLabel(ROSTER).selectOption({ label: '李四' });
  assert.equal(await page.getByLabel('姓名', { exact: true }).inputValue(), '李四');
  assert.equal(await page.getByLabel('学历').inputValue(), '本科');
  await page.getByLabel('村党组织书记', { exact: true }).check();
  await page.getByLabel('任期开始日期').fill('2024-01-01');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已登记任职：李四。表单已清空，可以登记下一条。').waitFor();
  for (const [label, value] of [['任职组织', ''], [ROSTER, ''], ['姓名', ''], ['公民身份号码', ''], ['性别', ''],
    ['出生日期', ''], ['学历', ''], ['民族', '汉族'], ['任期开始日期', '']]) {
    assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value, label);
  }
  assert.equal(await page.getByLabel('村党组织书记', { exact: true }).isChecked(), false);
  // The select shows what it holds: no option but 请选择 is still selected.
  assert.equal(await page.getByLabel(ROSTER).evaluate((s) => s.selectedIndex), 0);

  // No number and no sex: the sex is asked for; the number typed fills it in, and the error goes.
  await page.getByLabel('任职组织').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('姓名', { exact: true }).fill('赵二');
  await page.getByLabel('村委会委员', { exact: true }).check();
  await page.getByLabel('任期开始日期').fill('2024-01-01');
  await page.getByRole('button', { name: '保存' }).click();
  const sexError = page.locator('#p-sex-err');
  await sexError.getByText('请选择性别').waitFor();
  await page.getByLabel('公民身份号码').fill(idNumber('43012119880303003'));
  assert.equal(await page.getByLabel('性别').inputValue(), '男');
  assert.equal(await sexError.innerText(), '', 'the sex error goes as the number fills the sex in');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已登记任职：赵二。表单已清空').waitFor();

  // A non-member: a wrong check digit is said under the number, and goes as the number is mended.
  const valid = idNumber('43012119900404004');
  const wrong = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
  await page.getByLabel('任职组织').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('公民身份号码').fill(wrong);
  await page.getByLabel('村委会委员', { exact: true }).check();
  await page.getByLabel('任期开始日期').fill('2024-01-01');
  await page.getByRole('button', { name: '保存' }).click();
  const nameError = page.locator('#p-name-err');
  await nameError.filter({ hasText: /\S/ }).waitFor();
  await page.getByLabel('姓名', { exact: true }).fill('王大');
  assert.equal(await nameError.innerText(), '', 'the name error goes as the name is typed');
  await page.getByRole('button', { name: '保存' }).click();
  const idError = page.locator('#p-idnumber-err');
  await idError.getByText(/校验位不对/).waitFor();
  assert.equal(await page.getByLabel('公民身份号码').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('公民身份号码').fill(valid);
  assert.equal(await idError.innerText(), '', 'the number error goes as the number is mended');
  assert.equal(await page.getByLabel('公民身份号码').getAttribute('aria-invalid'), 'false');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已登记任职：王大。表单已清空').waitFor();
  await page.screenshot({ path: SHOTS + 'new-user-cadre-saved.png' });

  // 后备干部: the same; its roster in pinyin order too.
  await go(page, '#/cadres/reserve');
  await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
  assert.deepEqual(await optionTexts(page, ROSTER), ['请选择', '阿依古丽', '李四', '张三']);
  await page.getByLabel(ROSTER).selectOption({ label: '李四' });
  assert.equal(await page.getByLabel('学历').inputValue(), '本科');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已加入后备干部：李四。表单已清空').waitFor();
  for (const label of ['所在村', ROSTER, '姓名', '公民身份号码', '学历']) {
    assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), '', label);
  }
  assert.equal(await page.getByLabel('入选日期').inputValue(), day());
  assert.deepEqual(page.errors, []);
  await context.close();
});

const mainTop = (page) => page.evaluate(() => document.querySelector('main').scrollTop);
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return `${el?.tagName} ${el?.textContent.trim()}`;
});

test('a new page opens at its top with the focus on its heading; going back finds the list where it was', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  await addMember(page, { name: '张三', id: idNumber('43012119800101001'), branch: '山塘村党支部' });
  await addMember(page, { name: '李四', id: idNumber('43012119810202002'), branch: '山塘村党支部' });
  // A short window, so that every page scrolls.
  await page.setViewportSize({ width: 1024, height: 420 });

  // A member saved from a form scrolled down to its button: the new member's page at its top.
  await go(page, '#/members/new');
  await page.getByRole('heading', { name: '新增党员' }).waitFor();
  await page.getByLabel('姓名', { exact: true }).fill('王五');
  // A wrong check digit, said at the save; gone as soon as the number is mended.
  const valid = idNumber('43012119750303003');
  await page.getByLabel('公民身份号码').fill(valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1'));
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#m-idnumber-err').getByText('公民身份号码校验位不对').waitFor();
  await page.getByLabel('公民身份号码').fill(valid);
  assert.equal(await page.locator('#m-idnumber-err').innerText(), '');
  await page.getByLabel('学历').selectOption('高中');
  await page.getByLabel('人员类别').selectOption('正式党员');
  await page.getByLabel('所在党支部').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('加入党组织日期').fill('2005-07-01');
  await page.getByLabel('转为正式党员日期').fill('2006-07-01');
  await page.evaluate(() => { document.querySelector('main').scrollTop = 10_000; });
  assert.ok(await mainTop(page) > 0, 'the form scrolls on a short window');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '王五', exact: true }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal(await mainTop(page), 0);
  assert.match(await focused(page), /^H2 王五/);
  await page.screenshot({ path: SHOTS + 'new-user-member-saved.png' });

  // The member's page scrolled down, then the section's link: the list at its top.
  await page.evaluate(() => { document.querySelector('main').scrollTop = 10_000; });
  assert.ok(await mainTop(page) > 0, 'the member page scrolls on a short window');
  await page.locator('nav.side-nav').getByRole('link', { name: '党员', exact: true }).click();
  await page.locator('table.roster').getByRole('link', { name: '王五' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal(await mainTop(page), 0);
  assert.equal(await focused(page), 'H2 党员');

  // The list narrowed and scrolled, a member opened (at the top of the page), then 后退: the list
  // as it was, its filter kept.
  await page.getByLabel('所在组织').selectOption({ label: '山塘村党支部' });
  const chosenOrg = await page.getByLabel('所在组织').inputValue();
  await page.evaluate(() => { document.querySelector('main').scrollTop = 10_000; });
  const left = await mainTop(page);
  assert.ok(left > 0, 'the list scrolls on a short window');
  await page.locator('table.roster').getByRole('link', { name: '张三' }).click();
  await page.getByRole('heading', { name: '张三', exact: true }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal(await mainTop(page), 0);
  await page.goBack();
  await page.locator('table.roster').getByRole('link', { name: '张三' }).waitFor();
  await page.waitForFunction((top) => document.querySelector('main').scrollTop === top, left);
  assert.equal(await page.getByLabel('所在组织').inputValue(), chosenOrg);
  // Forward again: the member's page, at its top where it was left.
  await page.goForward();
  await page.getByRole('heading', { name: '张三', exact: true }).waitFor();
  await page.waitForFunction(() => document.querySelector('main').scrollTop === 0);

  // Another section by its link: the focus on its heading, not left on the link or the body.
  await page.locator('nav.side-nav').getByRole('link', { name: '党组织' }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal(await focused(page), 'H2 党组织');
  // From the keyboard: Enter on a link (党员 returns to the member's page it was left at), and
  // the next Tab goes on from the heading into the page.
  await page.locator('nav.side-nav').getByRole('link', { name: '党员', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.match(await focused(page), /^H2 张三/);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the steps of the tree are listed in the order they were taken, and an undo leaves one outcome in view', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await township(page);
  // The new-organization form after a save: emptied whole (no category or parent left over for
  // the next name), and it says so.
  await page.getByText('已建立党组织：桐溪村党支部。表单已清空').waitFor();
  for (const label of ['组织名称', '组织类别', '上级组织']) {
    assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), '', label);
  }
  await addMember(page, { name: '王五', id: idNumber('43012119700101001'), branch: '山塘村党支部' });
  await addMember(page, { name: '赵六', id: idNumber('43012119720202002'), branch: '山塘村党支部' });
  await page.getByRole('link', { name: '党组织' }).click();
  // A 拆分 today, then a 撤并 dated a week back: the 撤并 is the later step, listed first.
  await orgAction(page, '山塘村党支部', '拆分');
  await page.getByLabel('新组织名称').fill('山塘村第二党支部');
  await page.getByLabel('赵六').check();
  await page.getByRole('button', { name: '确认拆分' }).click();
  await page.getByText('拆分完成：新建“山塘村第二党支部”，转入 1 名党员。').waitFor();
  await orgAction(page, '桐溪村党支部', '撤并');
  await page.getByLabel('并入').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('撤并日期').fill(day(-7));
  await page.getByRole('button', { name: '确认撤并' }).click();
  const merged = page.getByText(/撤并完成：\d+ 条记录已转入。/);
  await merged.waitFor();
  const steps = page.locator('.card', { has: page.getByRole('heading', { name: '撤并、拆分与导入记录' }) }).locator('tbody tr');
  await steps.nth(1).waitFor();
  assert.deepEqual(await steps.locator('td:nth-child(2)').allInnerTexts(), ['撤并', '拆分']);
  assert.deepEqual(await steps.locator('td:first-child').allInnerTexts(), [day(-7), day()]);

  // Undoing the 撤并: its 撤并完成 goes, 已撤销该操作 stays alone.
  await page.getByRole('button', { name: /撤销此操作：桐溪村党支部 → 山塘村党支部/ }).click();
  await page.getByText('已撤销该操作。').waitFor();
  assert.equal(await merged.count(), 0, 'the 撤并 notice is gone');
  await page.screenshot({ path: SHOTS + 'new-user-steps.png', fullPage: true });
  // And the tree's next step takes the undo's line away.
  await orgAction(page, '山塘村党支部', '修改');
  await page.locator('#org-action').getByLabel('书记').fill('李书记');
  await page.locator('#org-action').getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存党组织：山塘村党支部').waitFor();
  assert.equal(await page.getByText('已撤销该操作。').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a file from another station: chosen by a Chinese button or dropped, its station named in the history, and its undo asked first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'new-user-'));
  const township_ = await freshContext(browser);
  const t = await open(township_);
  await township(t);
  await addMember(t, { name: '王五', id: idNumber('43012119700101001'), branch: '山塘村党支部' });
  const file = await exportFile(t, dir);
  await township_.close();

  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, '山塘村远程教育站点', '村');
  await exchange(page, '/import');
  // The chooser: a button in Chinese; the browser's own control (its English "Choose File") is
  // hidden, still labelled, so a file can be set on it.
  const chooser = page.locator('.file-picker');
  await chooser.getByRole('button', { name: '选择文件…' }).waitFor();
  await chooser.getByText('未选择文件（也可以把文件拖到这里）').waitFor();
  assert.ok(await page.getByLabel('选择交换文件').evaluate((el) => el.getBoundingClientRect().width <= 1));
  await page.screenshot({ path: SHOTS + 'new-user-chooser.png' });
  // Dropped onto the chooser: read and previewed once (not also by the page's own drop).
  const name = file.split('/').pop();
  await chooser.evaluate((el, { text, name }) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'application/json' }));
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, { text: readFileSync(file, 'utf8'), name });
  await page.getByRole('heading', { name: '导入预览' }).waitFor();
  await chooser.getByText(name).waitFor();
  assert.equal(await page.locator('table.exchange-files tbody tr').count(), 1);
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.locator('.exchange-files').getByText('已导入“').waitFor();

  // The member's history names the township's station by its name.
  await go(page, '#/members');
  await page.locator('table.roster').getByRole('link', { name: '王五' }).click();
  const trail = page.locator('table.trail');
  await trail.getByText('坪塘镇党委组织办').first().waitFor();
  assert.doesNotMatch(await trail.innerText(), /站点 [0-9a-f]{6}/);

  // 撤销上次导入 asks; 取消 changes nothing; 确认 undoes.
  await exchange(page, '/log');
  await page.getByRole('button', { name: '撤销上次导入' }).click();
  await page.getByText(/确定要撤销“.*”的导入吗/).waitFor();
  await page.screenshot({ path: SHOTS + 'new-user-undo-ask.png' });
  await page.getByRole('button', { name: '取消' }).click();
  assert.equal(await page.locator('table.exchange-log tr.undone').count(), 0);
  assert.equal(await page.getByText(/已撤销“/).count(), 0);
  await page.getByRole('button', { name: '撤销上次导入' }).click();
  await page.getByRole('button', { name: '确认撤销导入' }).click();
  await page.getByText(/已撤销“.*”的导入/).waitFor();
  await page.locator('table.exchange-log tr.undone').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
