// Journeys for the one-page app: every section is a route of index.html; moving between them never
// reloads the page and keeps each section as it was left; the old addresses (cadres.html#/…,
// exchange.html#/…) still land on their section; and with the server stopped and the HTTP cache
// bypassed, the start page, a deep link and an old address all open cold from the service worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { BASE, SHOTS, launch, freshContext, open, ready, firstRun, createOrg, idNumber, addMember, startServer } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** How many documents this tab has loaded: one, as long as the page was never reloaded. */
const documentMark = (page) => page.evaluate(() => (window.oneAppMark ??= Math.random()));

async function navTo(page, name) {
  await page.locator('nav.side-nav').getByRole('link', { name, exact: true }).click();
}

test('moving between sections never reloads the page and keeps each as it was left', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
  await addMember(page, { name: '王建军', id: idNumber('43012119850312001'), branch: '山塘村党支部' });
  await addMember(page, { name: '李秀英', id: idNumber('43012119900708002'), branch: '山塘村党支部', joined: '2012-07-01', full: '2013-07-01' });
  const mark = await documentMark(page);

  // 党员: a search typed in the roster.
  await navTo(page, '党员');
  await page.getByLabel('查找党员').fill('王');
  await page.waitForFunction(() => document.querySelectorAll('table.roster tbody tr:not(.spacer)').length === 1);
  const rows = 1;

  // 发展党员: a form half typed.
  await navTo(page, '发展党员');
  await page.getByRole('heading', { name: '发展党员', level: 2 }).waitFor();
  await page.getByRole('link', { name: '新增入党申请人' }).click();
  await page.getByLabel('姓名', { exact: true }).fill('赵小红');

  // Every other section, and back.
  for (const name of ['干部与培训', '统计', '数据交换', '设置', '党组织']) {
    await navTo(page, name);
    await page.locator('main h2').first().waitFor();
  }
  await navTo(page, '党员');
  assert.equal(await page.getByLabel('查找党员').inputValue(), '王', 'the roster keeps its search');
  assert.equal(await page.locator('table.roster tbody tr:not(.spacer)').count(), rows);
  await navTo(page, '发展党员');
  assert.equal(await page.getByLabel('姓名', { exact: true }).inputValue(), '赵小红', 'the form keeps what was typed');
  // The section's own link, from inside it, goes to its start.
  await navTo(page, '发展党员');
  await page.getByRole('link', { name: '新增入党申请人' }).waitFor();

  // One section's elements on the page at a time: no id appears twice.
  const duplicateIds = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  assert.deepEqual(duplicateIds, []);
  assert.equal(await documentMark(page), mark, 'the page was never reloaded');
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the addresses of the former pages land on their section', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  await page.goto(`${BASE}/cadres.html#/cadres/trainings`);
  await ready(page);
  await page.getByRole('heading', { name: '干部与培训', level: 2 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(new URL(page.url()).hash, '#/cadres/trainings');
  await page.goto(`${BASE}/exchange.html#/exchange/log`);
  await ready(page);
  await page.getByRole('heading', { name: '数据交换', level: 2 }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/exchange/log');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('offline, with the HTTP cache bypassed, the start page, a deep link and an old address open cold', async () => {
  // A server of its own, so the test can take the network away by stopping it.
  const server = await startServer();
  const base = server.base;
  const context = await freshContext(browser);
  try {
    const page = await open(context, '/', base);
    await firstRun(page);
    await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
    await createOrg(page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
    // Wait until the service worker has cached the build and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 }).catch(async () => {
      await page.reload();
      await ready(page);
    });
    // 民情日记, 数据交换 and 考核评分 are wasm of their own, never opened here: sw.js caches them
    // after the first load.
    await page.waitForFunction(async () => {
      const cached = [];
      for (const name of await caches.keys()) cached.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
      return ['diary', 'exchange', 'scoring'].every((s) => cached.some((u) => new RegExp(`split_${s}_section-[0-9a-f]+\\.wasm$`).test(u)));
    }, null, { timeout: 30_000, polling: 250 });
    await page.close();
    server.kill();
    await once(server, 'exit');
    await assert.rejects(fetch(base + '/'), 'the server is gone');

    const cold = async (path, heading) => {
      const p = await context.newPage();
      p.errors = [];
      p.on('pageerror', (e) => p.errors.push(e.message));
      const cdp = await context.newCDPSession(p);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await p.goto(base + path);
      await ready(p);
      await p.getByRole('heading', { name: heading, level: 2 }).waitFor({ timeout: 15_000 });
      assert.deepEqual(p.errors, [], path);
      return p;
    };
    const start = await cold('/', '党组织');
    assert.equal(await start.locator('table.org-table tbody tr').count(), 2);
    await start.screenshot({ path: SHOTS + 'offline-start.png' });
    await start.close();
    const deep = await cold('/#/cadres/liaison', '干部与培训');
    await deep.getByText('山塘村党支部').first().waitFor();
    await deep.screenshot({ path: SHOTS + 'offline-deep-link.png' });
    // Work goes on offline, across sections, on the one page.
    await navTo(deep, '党组织');
    await createOrg(deep, { name: '桐溪村党支部', category: '党支部', parent: '坪塘镇党委' });
    await navTo(deep, '干部与培训');
    await deep.getByText('桐溪村党支部').first().waitFor();
    await deep.close();
    // A section in a wasm of its own, first opened offline.
    const diary = await cold('/#/diary', '民情日记');
    await diary.getByText('找到 0 篇（共 0 篇走访记录）').waitFor();
    await diary.close();
    const exchange = await cold('/#/exchange', '数据交换');
    await exchange.locator('nav.tabs').waitFor();
    await exchange.close();
    const scoring = await cold('/#/scoring', '考核评分');
    await scoring.getByText('本年度还没有登记会议。').waitFor();
    await scoring.close();
    const old = await cold('/cadres.html#/development', '发展党员');
    assert.equal(new URL(old.url()).hash, '#/development');
    await old.close();
  } finally {
    server.kill();
    await context.close();
  }
});

test('a section whose wasm cannot be fetched says so, and the rest of the app goes on', async () => {
  const context = await freshContext(browser);
  try {
    // The first load, before any service worker: the page fetches 民情日记's wasm itself.
    await context.route(/split_diary_section-[0-9a-f]+\.wasm$/, (route) => route.abort('internetdisconnected'));
    const page = await open(context);
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    await firstRun(page);
    await navTo(page, '民情日记');
    await page.getByRole('alert').filter({ hasText: '本栏目没能打开' }).waitFor();
    assert.ok(await page.getByRole('button', { name: '重试' }).isVisible());
    await navTo(page, '党组织');
    await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
    await page.locator('table.org-table tbody tr').first().waitFor();
    assert.deepEqual(page.errors, []);
    // With the network back, 重试 opens it.
    await context.unroute(/split_diary_section-[0-9a-f]+\.wasm$/);
    await navTo(page, '民情日记');
    await page.getByRole('button', { name: '重试' }).click();
    await ready(page);
    await page.getByRole('heading', { name: '民情日记', level: 2 }).waitFor();
  } finally {
    await context.close();
  }
});
