// A station PC whose clock is wrong (issue 15, point 5): a clock set back to 2009 by a dead CMOS
// battery is said before anything is stamped; what was saved under it, and under a clock run
// ahead, stays in the order it was made once the clock is mended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, launch, freshContext, open, ready, firstRun, createOrg, orgAction } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const DAY = 86_400_000;

async function rename(page, from, to) {
  await orgAction(page, from, '修改');
  await page.locator('#org-action').getByLabel('组织名称').fill(to);
  await page.locator('#org-action').getByRole('button', { name: '保存' }).click();
  await page.getByText(`已保存党组织：${to}`).waitFor();
}

async function reopen(page) {
  await page.reload();
  await ready(page);
}

test('a clock before the build is said before the station opens; edits stay in the order made when it is mended', async () => {
  const context = await freshContext(browser);
  const now = Date.now();
  await context.clock.setFixedTime(new Date('2009-01-01T09:00:00+08:00'));
  const page = await open(context);
  const dialog = page.getByRole('alertdialog', { name: '电脑的日期不对' });
  await dialog.waitFor();
  await dialog.getByText('这台电脑的日期是 2009-01-01，早于本程序的发布日期').waitFor();
  await page.screenshot({ path: SHOTS + 'clock-wrong.png' });
  // Nothing opened behind it: no first-run dialog, no station.
  assert.equal(await page.getByLabel('站点名称').count(), 0);
  // Checked again with the clock still wrong, the warning stays.
  await dialog.getByRole('button', { name: '重新检查' }).click();
  await dialog.waitFor();

  // The clerk goes on (not advised): the station works, and says the clock is wrong.
  await dialog.getByRole('button', { name: '仍然继续（不建议）' }).click();
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await page.locator('.status-line').getByText('电脑的日期早于本程序的发布日期').waitFor();

  // The clock mended: checked again, the station opens without a word, and an edit made now is
  // the newest, after the one made in "2009".
  await context.clock.setFixedTime(new Date(now));
  await reopen(page);
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.equal(await page.locator('.status-line').getByText('电脑的日期').count(), 0);
  await rename(page, '坪塘镇党委', '坪塘镇党委员会');
  await reopen(page);
  await page.getByRole('link', { name: '坪塘镇党委员会' }).waitFor();

  // Run ahead two years and back: the edit made ahead is not undone by a later one made with the
  // clock mended, which is stamped after it still; the line says the clock is behind the data.
  await context.clock.setFixedTime(new Date(now + 730 * DAY));
  await reopen(page);
  await rename(page, '坪塘镇党委员会', '坪塘镇委');
  await context.clock.setFixedTime(new Date(now + DAY));
  await reopen(page);
  await page.locator('.status-line').getByText('本机时间比已保存数据的时间还早').waitFor();
  await rename(page, '坪塘镇委', '坪塘镇党委');
  await reopen(page);
  await page.getByRole('link', { name: '坪塘镇党委', exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: '坪塘镇委', exact: true }).count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a clock mended while the warning shows: 重新检查 opens the station', async () => {
  const context = await freshContext(browser);
  const now = Date.now();
  await context.clock.setFixedTime(new Date('2000-01-01T08:00:00+08:00'));
  const page = await open(context);
  const dialog = page.getByRole('alertdialog', { name: '电脑的日期不对' });
  await dialog.getByText('这台电脑的日期是 2000-01-01').waitFor();
  await context.clock.setFixedTime(new Date(now));
  await dialog.getByRole('button', { name: '重新检查' }).click();
  await page.getByLabel('站点名称').waitFor();
  assert.equal(await dialog.count(), 0);
  await context.close();
});
