// Journeys for the foundation: first run, saving and reloading, two tabs, storage failures,
// damaged data, keyboard use and large text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, SHOTS, CHROMIUM_ARGS, launch, freshContext, open, ready, firstRun, createOrg, orgRows, startServer, IN_FIREFOX } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('first run asks for the station, refuses bad input, and names the page', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await page.getByRole('dialog', { name: '首次使用：设置本站点' }).waitFor();
  await page.screenshot({ path: SHOTS + 'first-run.png' });
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByText('请填写站点名称。').waitFor();
  await page.getByLabel('站点名称').fill('山塘村远程教育站点');
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByText('请选择站点级别：乡镇或村。').waitFor();
  await page.getByLabel('村', { exact: true }).check();
  await page.getByRole('button', { name: '开始使用' }).click();
  await ready(page);
  assert.equal(await page.title(), '山塘村远程教育站点 - 基层党建工作台');
  await page.getByRole('heading', { name: '基层党建工作台' }).waitFor();
  await page.locator('.status-line').getByText('山塘村远程教育站点（村）').waitFor();
  // The profile is kept: a reload goes straight to the app.
  await page.reload();
  await ready(page);
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an organization saved is still there after a reload, in tree order', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  await page.getByText('还没有党组织').waitFor();
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委', founded: '1998-07-01' });
  await createOrg(page, { name: '第一党小组', category: '党小组', parent: '山塘村党支部' });
  await page.screenshot({ path: SHOTS + 'orgs.png' });
  await page.reload();
  await ready(page);
  const rows = orgRows(page);
  assert.equal(await rows.count(), 3);
  assert.deepEqual(await rows.locator('td:first-child').allInnerTexts(), ['坪塘镇党委', '山塘村党支部', '第一党小组']);
  assert.match(await rows.nth(1).innerText(), /党支部\s+0\s+1998-07-01/);
  await page.locator('.status-line').getByText('3 个组织，0 名党员').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the organization tree folds and opens, and a new organization shows however it was folded', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await createOrg(page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
  await createOrg(page, { name: '第一党小组', category: '党小组', parent: '山塘村党支部' });
  const names = () => orgRows(page).locator('td:first-child').allInnerTexts();
  // A short tree shows whole.
  assert.deepEqual(await names(), ['坪塘镇党委', '山塘村党支部', '第一党小组']);
  await page.getByRole('button', { name: '全部收起' }).click();
  assert.deepEqual(await names(), ['坪塘镇党委']);
  const unfold = page.getByRole('button', { name: '展开坪塘镇党委' });
  assert.equal(await unfold.getAttribute('aria-expanded'), 'false');
  await unfold.click();
  assert.deepEqual(await names(), ['坪塘镇党委', '山塘村党支部']);
  assert.equal(await page.getByRole('button', { name: '收起坪塘镇党委' }).getAttribute('aria-expanded'), 'true');
  // A branch added under the folded village: the tree opens down to it.
  await createOrg(page, { name: '第二党小组', category: '党小组', parent: '山塘村党支部' });
  // (The two groups in Chinese collation, or by character before the pinyin table arrives.)
  assert.deepEqual((await names()).sort(), ['坪塘镇党委', '山塘村党支部', '第一党小组', '第二党小组'].sort());
  await page.getByRole('button', { name: '全部收起' }).click();
  await page.getByRole('button', { name: '全部展开' }).click();
  assert.equal(await orgRows(page).count(), 4);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('rules are explained in Chinese and nothing is saved', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  await page.getByLabel('组织名称').fill('第一党小组');
  await page.getByLabel('组织类别').selectOption({ label: '党小组' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('这个组织类别不能设在所选的上级组织之下').waitFor();
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await page.getByLabel('组织名称').fill('坪塘镇党委');
  await page.getByLabel('组织类别').selectOption({ label: '乡镇党委' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('同一上级组织下已有同名的组织。').waitFor();
  await page.reload();
  await ready(page);
  assert.equal(await orgRows(page).count(), 1);
  await context.close();
});

test('a second tab sees a record the first one saves, without reloading', async () => {
  const context = await freshContext(browser);
  const first = await open(context);
  await firstRun(first);
  const second = await open(context);
  await ready(second);
  await createOrg(first, { name: '坪塘镇党委', category: '乡镇党委' });
  await second.locator('table.data').getByText('坪塘镇党委').waitFor({ timeout: 5_000 });
  // And the other way round: the second tab's save reaches the first.
  await createOrg(second, { name: '新塘社区党总支', category: '党总支', parent: '坪塘镇党委' });
  await first.locator('table.data').getByText('新塘社区党总支').waitFor({ timeout: 5_000 });
  await first.reload();
  await ready(first);
  assert.equal(await orgRows(first).count(), 2);
  await context.close();
});

test('a newer version opened in another tab: this one lets go of the data, stops saving and says to reload', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  // A newer build's first tab: it opens the database at a higher version. It is not kept waiting.
  const newer = await context.newPage();
  await newer.goto(BASE + '/sw.js');
  const version = await newer.evaluate(() => new Promise((ok, no) => {
    const r = indexedDB.open('dangjian', 99);
    r.onsuccess = () => { const v = r.result.version; r.result.close(); ok(v); };
    r.onerror = () => no(r.error);
    r.onblocked = () => no(new Error('blocked by the older tab'));
  }));
  assert.equal(version, 99);
  await page.locator('.status-line').getByText('另一个窗口打开了新版本的工作台，本页是旧版本，已暂停保存').waitFor();
  await page.getByLabel('组织名称').fill('山塘村党支部');
  await page.getByLabel('组织类别').selectOption({ label: '党支部' });
  await page.getByLabel('上级组织').selectOption({ label: '坪塘镇党委' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('main').getByText('请按 F5 刷新本页').first().waitFor();
  // Reloaded, this (older) page cannot read what the newer one upgraded, and says what to do.
  await page.reload();
  await page.getByText('本页是旧版本的工作台，本机数据已被新版本使用过').waitFor();
  await context.close();
});

test('an older version holding the data in another tab: this one says what it waits for, then opens', async () => {
  const context = await freshContext(browser);
  // An old build's tab (schema version 1) that never lets go.
  const old = await context.newPage();
  await old.goto(BASE + '/sw.js');
  await old.evaluate(() => new Promise((ok, no) => {
    const r = indexedDB.open('dangjian', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('chunks', { autoIncrement: true });
    r.onsuccess = () => { window.held = r.result; ok(); };
    r.onerror = () => no(r.error);
  }));
  const page = await open(context);
  await page.getByText('正在等待其他窗口：另一个窗口里还开着旧版本的工作台').waitFor();
  await page.screenshot({ path: SHOTS + 'waiting-for-other-tabs.png' });
  // The old tab is closed: the upgrade goes on and the app opens.
  await old.close();
  await page.getByRole('dialog').getByText('首次使用：设置本站点').waitFor();
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a full disk is reported in Chinese and what was stored stays intact', async () => {
  // A real full disk: the browser profile lives on a small tmpfs that the test then fills.
  // (Chromium's CDP quota override does not gate IndexedDB writes, so it cannot stand in.)
  const disk = mkdtempSync(join(tmpdir(), 'dangjian-full-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', disk]);
  const filler = join(disk, 'filler');
  const context = await chromium.launchPersistentContext(join(disk, 'profile'), {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1024, height: 768 }, locale: 'zh-CN',
  });
  try {
    const page = await context.newPage();
    await page.goto(BASE);
    await firstRun(page);
    await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    fillDisk(filler);
    // A small save can still fit in disk pages already allocated to the database (how many
    // varies from run to run: 40 saves once all fitted), so keep saving until the disk refuses
    // one (each save needs a few hundred bytes more).
    // Chromium handles a full disk in one of two ways, and the journey accepts either: the save
    // fails (the message says so, nothing is shown as saved, and the same save works once space is
    // freed), or Chromium deletes the whole database first (freeing its space), and the next save
    // rewrites it from the page and says so in the status line. Either way nothing is lost.
    const statusText = () => page.locator('.status-line .save-state').textContent();
    let refused = null;
    let rebuilt = false;
    const saved = ['坪塘镇党委'];
    for (let i = 1; i <= 200 && !refused && !rebuilt; i++) {
      const name = `第${i}村党支部`;
      await page.getByLabel('组织名称').fill(name);
      await page.getByLabel('组织类别').selectOption({ label: '党支部' });
      await page.getByLabel('上级组织').selectOption({ label: '坪塘镇党委' });
      await page.getByRole('button', { name: '保存' }).click();
      // One message line under the form: red (class error) or green (class done).
      await page.waitForFunction((n) => {
        const line = document.querySelector('form [role=alert]');
        return line && (line.classList.contains('error') ? line.textContent : line.textContent.includes(n));
      }, name);
      if (await page.locator('form p.error[role=alert]').count()) refused = name; else saved.push(name);
      rebuilt = (await statusText()).includes('清除了本机数据库');
    }
    console.log(`after ${saved.length - 1} saves: ${refused ? `refused ${refused}` : rebuilt ? 'the database was deleted and rebuilt' : 'neither'}; status: ${await statusText()}`);
    assert.ok(refused || rebuilt, 'the full disk refused a save, or the browser deleted the database and the next save rebuilt it');
    if (refused) {
      // Chromium names a full disk in several ways; the message must send the user to the disk
      // and say where what was stored is safe: in the open page, since Chromium may delete the
      // database on such a failure (the next save rewrites it from the page).
      const message = await page.locator('form p.error[role=alert]').textContent();
      console.log(`disk full, the app said: ${message}`);
      assert.match(message, /磁盘/);
      assert.match(message, /已有的数据都在本页中，请先不要关闭本页/);
      await page.locator('.status-line').getByText('请先不要关闭本页').waitFor();
      await page.screenshot({ path: SHOTS + 'disk-full.png' });
      assert.equal(await orgRows(page).count(), saved.length, 'the refused record is not shown as saved');
      // Space is freed: the same save works, without reloading the page.
      rmSync(filler);
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText(`已建立党组织：${refused}`).waitFor();
      saved.push(refused);
      const status = await statusText();
      console.log(`after space was freed, the status line said: ${status}`);
      if (status.includes('清除了本机数据库')) assert.match(status, /已用本窗口中的数据重新写入/);
    } else {
      assert.match(await statusText(), /已用本窗口中的数据重新写入/);
      rmSync(filler);
    }
    await page.reload();
    await ready(page);
    const names = await orgRows(page).locator('td:first-child').allInnerTexts();
    assert.deepEqual([...names].sort(), [...saved].sort(), 'every save that was reported saved is stored');
  } finally {
    await context.close();
    execFileSync('umount', [disk]);
    rmSync(disk, { recursive: true, force: true });
  }
});

function fillDisk(path) {
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 64 << 10, 1 << 10, 1]) {
      const block = Buffer.alloc(size, 1);
      try { for (;;) writeSync(fd, block); } catch (e) { if (e.code !== 'ENOSPC') throw e; }
    }
  } finally {
    closeSync(fd);
  }
}

test('a damaged stored record is reported by id, kept, and the app still starts', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('dangjian');
    req.onsuccess = () => {
      const tx = req.result.transaction('chunks', 'readwrite');
      const body = new TextEncoder().encode('[{"id":"0f0f0f0f-1111-4222-8333-444444444444","k":"org","f":"坏"}]');
      tx.objectStore('chunks').add({ kind: 'org', count: 1, body });
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }));
  await page.reload();
  await ready(page);
  assert.equal(await orgRows(page).count(), 1);
  await page.locator('.status-line').getByText('有记录无法读取').waitFor();
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByText('0f0f0f0f-1111-4222-8333-444444444444').waitFor();
  // It is the first thing 设置 shows, above the status line, with no scrolling.
  const shown = await page.getByText('0f0f0f0f-1111-4222-8333-444444444444').boundingBox();
  const status = await page.locator('.status-line').boundingBox();
  assert.ok(shown.y + shown.height <= status.y, 'the damaged record is in view');
  await page.screenshot({ path: SHOTS + 'settings-damaged.png' });
  const kept = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('dangjian');
    req.onsuccess = () => {
      const all = req.result.transaction('chunks').objectStore('chunks').getAll();
      all.onsuccess = () => resolve(all.result.some((c) => new TextDecoder().decode(c.body).includes('0f0f0f0f-1111')));
    };
  }));
  assert.equal(kept, true, 'the damaged record is still stored');
  await context.close();
});

// In Firefox over WebDriver BiDi, after a form saved with Enter and a section opened with Enter on
// its link, Space on a checkbox sends keydown, keypress and keyup to it but no click (not seen
// on a page of plain HTML doing the same, nor when the section is opened any other way); until
// that is understood on a real Firefox, this journey runs in Chromium only.
test('the whole app works from the keyboard', { skip: IN_FIREFOX && 'Space on a checkbox after Enter on a section link: see above' }, async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  // First run: once the dialog shows, the name field has the focus.
  await page.getByRole('dialog').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'station-name');
  await page.keyboard.type('坪塘镇党委组织办');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await ready(page);
  const tabTo = async (test) => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(test)) return;
    }
    throw new Error('could not reach the element by Tab');
  };
  await tabTo(() => document.activeElement?.id === 'org-name');
  await page.keyboard.type('坪塘镇党委');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel('组织类别').inputValue(), 'township');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.getByText('已建立党组织：坪塘镇党委').waitFor();
  await tabTo(() => document.activeElement?.textContent === '设置');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '设置', level: 2 }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/settings');
  await tabTo(() => document.activeElement?.type === 'checkbox');
  assert.match(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent), /^大字模式/);
  await page.keyboard.press('Space');
  // Firefox delivers the change after the key is up: the page's answer is awaited, not sampled.
  await page.waitForFunction(() => document.documentElement.classList.contains('large-text'), null, { timeout: 5000 });
  await context.close();
});

test('large-text mode enlarges the interface and is remembered', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(await rootSize(), '16px');
  await page.getByRole('button', { name: '大字模式' }).click();
  assert.equal(await rootSize(), '20px');
  await page.reload();
  await ready(page);
  assert.equal(await rootSize(), '20px');
  await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
  await page.screenshot({ path: SHOTS + 'large-text.png' });
  // At 1024×768 nothing runs off the side of the page, and the save button can be scrolled to
  // above the status line.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 1024), true);
  const save = page.getByRole('button', { name: '保存' });
  await save.scrollIntoViewIfNeeded();
  const button = await save.boundingBox();
  const status = await page.locator('.status-line').boundingBox();
  assert.ok(button.y + button.height <= status.y + 1, 'the status line does not cover the form');
  await context.close();
});

test('the sections fetched on first use show their pages', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page);
  // 考核评分 is built (tests/e2e/scoring.test.mjs): its tabs, not a promise.
  await page.getByRole('link', { name: '考核评分' }).click();
  await page.getByRole('heading', { name: '考核评分', level: 2 }).waitFor();
  await page.getByRole('link', { name: '党员积分' }).waitFor();
  // 民情日记 is built (tests/e2e/diary.test.mjs): its pages, not a promise.
  await page.getByRole('link', { name: '民情日记' }).click();
  await page.getByRole('heading', { name: '民情日记', level: 2 }).waitFor();
  await page.getByRole('link', { name: '工作清单' }).waitFor();
  await page.screenshot({ path: SHOTS + 'coming-scoring.png' });
  // 数据交换 is built (tests/e2e/exchange.test.mjs).
  await page.getByRole('link', { name: '数据交换' }).click();
  await page.waitForURL(/\/#\/exchange$/);
  await page.getByRole('heading', { name: '导出数据' }).waitFor();
  await context.close();
});

test('once opened, the app works with no network, with its data', async () => {
  // A server of its own, so the test can take the network away by stopping it.
  const server = await startServer();
  const base = server.base;
  const context = await freshContext(browser);
  try {
    const page = await open(context, '/', base);
    await firstRun(page);
    await createOrg(page, { name: '坪塘镇党委', category: '乡镇党委' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    server.kill();
    await once(server, 'exit');
    await assert.rejects(fetch(base + '/'), 'the server is gone');
    await page.reload();
    await ready(page);
    assert.deepEqual(await orgRows(page).locator('td:first-child').allInnerTexts(), ['坪塘镇党委']);
    // Work goes on offline.
    await createOrg(page, { name: '山塘村党支部', category: '党支部', parent: '坪塘镇党委' });
    await page.screenshot({ path: SHOTS + 'offline.png' });
    // Every section is of the one page (tests/e2e/one-app.test.mjs goes further offline).
    await page.getByRole('link', { name: '干部与培训' }).click();
    await page.getByRole('heading', { name: '干部与培训', level: 2 }).waitFor();
    await page.locator('table.posts').getByText('山塘村党支部').waitFor();
    await page.getByRole('link', { name: '党组织', exact: true }).click();
    await page.getByRole('heading', { name: '党组织', level: 2 }).waitFor();
    assert.equal(await orgRows(page).count(), 2);
    assert.deepEqual(page.errors, []);
  } finally {
    server.kill();
    await context.close();
  }
});
