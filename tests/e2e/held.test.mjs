// Records set aside for their clocks (issue 16, point 4): a village PC whose clock runs ten years
// ahead sends its file; the township's import sets its records aside and keeps them (a reload
// still lists them, in 数据交换's own tab, with the station and the stamp); accepted at the
// present, they are the township's records, and the member's 变更记录 says where they came from
// and when they were stamped; the acceptance is undone from 导入记录 like an import, which sets
// them aside again; and once the township's clock has passed their stamps they merge as they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE, SHOTS, launch, freshContext, open, ready, firstRun, createOrg, addMember, idNumber, exchange,
  exportFile as exportTo, importFile,
} from './helpers.mjs';

let browser;
const DIR = mkdtempSync(join(tmpdir(), 'dangjian-held-'));
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  rmSync(DIR, { recursive: true, force: true });
});

const DAY = 24 * 3600 * 1000;
const AHEAD = 10 * 365 * DAY;

async function heldTab(page) {
  await exchange(page, '/held');
  await page.getByRole('heading', { name: '因时间超前而暂缓的记录' }).waitFor();
}

async function memberShown(page, name) {
  await page.goto(`${BASE}/#/members`);
  await ready(page);
  return page.locator('table.roster').getByRole('link', { name, exact: true }).count();
}

test('records from a clock ten years ahead: kept aside, accepted now with the trail saying so, undone, merged once the clocks agree', async () => {
  // The village PC, its clock ten years ahead, makes its branch and a member and exports them.
  const village = await freshContext(browser);
  await village.clock.setFixedTime(new Date(Date.now() + AHEAD));
  const vpage = await open(village);
  await firstRun(vpage, '山塘村', '村');
  await createOrg(vpage, { name: '山塘村党支部', category: '党支部' });
  await addMember(vpage, { name: '张三', id: idNumber('43012119800101001'), branch: '山塘村党支部' });
  const file = await exportTo(vpage, DIR);
  await village.close();

  // The township imports it: nothing merges, and the records are kept aside.
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, '坪塘镇', '乡镇');
  const counts = await importFile(page, file);
  assert.equal(counts.党员[5], 1, 'the member waits');
  assert.equal(counts.党组织[5], 1, 'the branch waits');
  assert.equal(await memberShown(page, '张三'), 0);

  // Listed in their own tab, still after a reload: the station, the file, each record and its stamp.
  await page.reload();
  await exchange(page);
  const tab = page.locator('nav.tabs').getByRole('link', { name: /时间超前暂缓（\d+）/ });
  await tab.waitFor();
  await tab.click();
  await page.getByRole('heading', { name: '因时间超前而暂缓的记录' }).waitFor();
  const group = page.locator('.held-group');
  await group.getByText('来自“山塘村（村）”的文件').waitFor();
  const year = String(new Date(Date.now() + AHEAD).getFullYear());
  const rows = await group.locator('tbody tr').allInnerTexts();
  for (const name of ['山塘村党支部', '张三']) {
    assert.ok(rows.some((r) => r.includes(name) && r.includes(year)), `${name} with its stamp in ${year}: ${rows}`);
  }
  assert.equal(await group.getByRole('button', { name: '原样并入' }).count(), 0, 'not while their stamps are ahead');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: SHOTS + 'exchange-held.png', fullPage: true });

  // Accepted now: the member is the township's, and its trail names the village and the stamp.
  await group.getByRole('button', { name: '按现在时间接受' }).click();
  await page.getByText(/已按现在时间接受 \d+ 条记录/).waitFor();
  await page.getByText('没有暂缓的记录。').waitFor();
  assert.equal(await memberShown(page, '张三'), 1);
  await page.locator('table.roster').getByRole('link', { name: '张三', exact: true }).click();
  await page.getByText(`接受了来自“山塘村”的暂缓记录（记录上的时间为 ${year}`).waitFor();
  await page.getByText(/姓名：.*→ 张三/).first().waitFor();

  // Undone like an import: the member leaves, and the records are set aside again.
  await exchange(page, '/log');
  await page.getByText('暂缓记录：按现在时间接受').first().waitFor();
  await page.getByRole('button', { name: '撤销上次导入' }).click();
  await page.getByRole('button', { name: '确认撤销导入' }).click();
  await page.getByText(/^已撤销“暂缓记录：按现在时间接受/).waitFor();
  assert.equal(await memberShown(page, '张三'), 0);
  await heldTab(page);
  await page.locator('.held-group').getByText('张三').waitFor();

  // The township's clock passes their stamps: they merge as they are, stamped by the village.
  await context.clock.setFixedTime(new Date(Date.now() + AHEAD + 2 * DAY));
  await page.reload();
  await heldTab(page);
  await page.getByText('本机时间已经赶上').waitFor();
  await page.locator('.held-group').getByRole('button', { name: '原样并入' }).click();
  await page.getByText(/已原样并入 \d+ 条记录/).waitFor();
  assert.equal(await memberShown(page, '张三'), 1);
  await page.locator('table.roster').getByRole('link', { name: '张三', exact: true }).click();
  await page.getByRole('heading', { name: '张三', exact: true }).waitFor();
  assert.equal(await page.getByText('接受了来自').count(), 0, 'merged as they are: no acceptance in the trail');

  assert.deepEqual(page.errors, []);
  await context.close();
});
