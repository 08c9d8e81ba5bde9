// Diaries held by index: after a reload the station's diaries are not read whole into memory,
// only indexed (where each is stored, and what lists, counts and search need). This journey takes
// the paths that differ from a kind read whole: a cold start that lists and searches them; an
// edit of a diary not in memory (read whole just before it is saved) that survives a reload; a
// second tab's edit of a diary the first holds by index, taken in by the first and edited again
// there; and 数据交换 reading every diary whole, after which the section still lists them once.
// Also a page saved as the clerk leaves it at once: stored, and its draft not offered again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch, freshContext, open, ready, idNumber, day, go as goTo, villageWithSecretary, firstRun, importFile,
} from './helpers.mjs';
import { syntheticStation, writeExchangeFile } from '../bench/exchange-file.mjs';

let browser;
const DIR = mkdtempSync(join(tmpdir(), 'dangjian-diary-store-'));
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  rmSync(DIR, { recursive: true, force: true });
});

/** A route, once the app is ready (after a reload it starts again). */
async function go(page, hash) {
  await goTo(page, hash);
  await ready(page);
}

/** A village station (李书记 its secretary) with one household, 张大爷. */
async function villageWithOneHousehold(page) {
  await villageWithSecretary(page);
  await go(page, '#/diary/households/new');
  await page.getByLabel('所在村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('户主姓名').fill('张大爷');
  await page.getByLabel('户主公民身份号码').fill(idNumber('43012119450101001'));
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
}

/** The notebook page opened for 李书记's visits to 山塘村 on `date`. */
async function startEntries(page, date) {
  await go(page, '#/diary/new');
  await page.getByLabel('走访时间').fill(date);
  await page.getByLabel('走访村').selectOption({ label: '山塘村党支部' });
  await page.getByLabel('走访人').selectOption({ label: '李书记' });
}

/** One notebook page for 张大爷, by keyboard, with `text` as its 民情. */
async function writeEntry(page, text) {
  await page.getByLabel('走访户').fill('zdy');
  await page.getByLabel('走访户').press('Enter');
  await page.locator('.chips').getByText('张大爷').waitFor();
  await page.getByLabel('民情类别').selectOption('政策咨询');
  await page.getByLabel('政策法规宣传员').check();
  await page.getByLabel('民情（所见所闻）').fill(text);
  await page.getByLabel('民情（所见所闻）').press('Control+Enter');
  await page.getByText('已保存。可以接着写下一篇。').waitFor();
}

/** Opens the entry whose 民情 holds `words`, found by the search. */
async function openEntry(page, words) {
  await go(page, '#/diary');
  await page.getByLabel('民情内容').fill(words);
  await page.getByText(/找到 1 篇/).waitFor();
  await page.locator('table.diaries tbody a').first().click();
  await page.getByRole('heading', { name: /走访记录/ }).first().waitFor();
}

/** Edits the open entry's 民情 to `text` and saves. */
async function editSituation(page, text) {
  await page.getByRole('link', { name: '修改' }).click();
  await page.getByRole('heading', { name: '修改走访记录' }).waitFor();
  await page.getByLabel('民情（所见所闻）').fill(text);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText(text).first().waitFor();
}

test('diaries held by index: cold start, an edit read whole first, another tab, an export', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await villageWithOneHousehold(page);
  await startEntries(page, day(-3));
  await writeEntry(page, '第一篇：屋顶漏水');
  await writeEntry(page, '第二篇：咨询医保');
  // The third is saved as the clerk leaves for the list at once: it is stored, the page goes on
  // (no error from the form that is gone), and its draft is not offered again.
  await page.getByLabel('走访户').fill('zdy');
  await page.getByLabel('走访户').press('Enter');
  await page.getByLabel('民情类别').selectOption('政策咨询');
  await page.getByLabel('政策法规宣传员').check();
  await page.getByLabel('民情（所见所闻）').fill('第三篇：修路');
  await page.waitForTimeout(300); // the draft is kept as typed
  await page.evaluate(() => {
    [...document.querySelectorAll('main button')].find((b) => b.textContent.trim() === '保存').click();
    location.hash = '#/diary';
  });
  await page.getByText('找到 3 篇（共 3 篇走访记录）').waitFor();
  await go(page, '#/diary/new');
  await page.getByRole('heading', { name: '写民情日记（走访记录）' }).waitFor();
  assert.equal(await page.getByLabel('民情（所见所闻）').inputValue(), '', 'the saved page is not offered as a draft');
  assert.equal(await page.getByText('已恢复上次未保存的草稿。').count(), 0);

  // Cold: the diaries come from the store's index, not from memory of the session that wrote them.
  await page.reload();
  await go(page, '#/diary');
  await page.getByText('找到 3 篇（共 3 篇走访记录）').waitFor();
  // The list, scrolled on a short window, is where it was left after an entry was open.
  await page.setViewportSize({ width: 1024, height: 420 });
  const mainTop = () => page.evaluate(() => document.querySelector('main').scrollTop);
  await page.evaluate(() => { document.querySelector('main').scrollTop = 10_000; });
  const left = await mainTop();
  assert.ok(left > 0, 'the list scrolls on a short window');
  await page.locator('table.diaries tbody a').first().click();
  await page.getByRole('heading', { name: /走访记录/ }).first().waitFor();
  await page.evaluate(() => { document.querySelector('main').scrollTop = 0; });
  await page.locator('nav.tabs').getByRole('link', { name: '走访记录' }).click();
  await page.locator('table.diaries').waitFor();
  await page.waitForFunction((top) => document.querySelector('main').scrollTop === top, left);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByLabel('民情内容').fill('医保');
  await page.getByText('找到 1 篇（共 3 篇走访记录）').waitFor();

  // An edit of a diary held by index: read whole, changed, saved; still changed after a reload.
  await openEntry(page, '漏水');
  await editSituation(page, '第一篇：屋顶漏水，已请人查看');
  await page.reload();
  await ready(page);
  await page.getByText('第一篇：屋顶漏水，已请人查看', { exact: true }).waitFor();
  await go(page, '#/diary');
  await page.getByText('找到 3 篇（共 3 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('已请人查看');
  await page.getByText('找到 1 篇（共 3 篇走访记录）').waitFor();

  // A second tab edits a diary the first holds by index; the first takes it in, and edits it again.
  const other = await open(context, '/#/diary');
  await ready(other);
  await openEntry(other, '修路');
  await editSituation(other, '第三篇：修路，村里已报镇交通站');
  await page.getByLabel('民情内容').fill('交通站');
  await page.getByText('找到 1 篇（共 3 篇走访记录）').waitFor({ timeout: 15_000 });
  await openEntry(page, '交通站');
  await editSituation(page, '第三篇：修路，镇交通站已派人勘察');
  await other.reload();
  await ready(other);
  await openEntry(other, '勘察');

  // 数据交换 reads every diary whole; the section then lists each once, and search still works.
  await go(page, '#/exchange');
  await page.locator('nav.tabs').waitFor();
  await page.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached' });
  await go(page, '#/diary');
  // The list kept its words while an entry and another section were open.
  assert.equal(await page.getByLabel('民情内容').inputValue(), '交通站');
  await page.getByText('找到 1 篇（共 3 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('');
  await page.getByText('找到 3 篇（共 3 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('勘察');
  await page.getByText('找到 1 篇（共 3 篇走访记录）').waitFor();
  await openEntry(page, '医保');
  await editSituation(page, '第二篇：咨询医保，已解释');
  await page.reload();
  await ready(page);
  await page.getByText('第二篇：咨询医保，已解释', { exact: true }).waitFor();

  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
  await context.close();
});

/** Runs `fn` in the page against the station's database, open, and closes it. */
async function withDb(page, fn, arg) {
  return page.evaluate(async ([source, a]) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('dangjian');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const request = (r) => new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      // eslint-disable-next-line no-new-func
      return await new Function('db', 'request', 'a', `return (async () => { ${source} })();`)(db, request, a);
    } finally {
      db.close();
    }
  }, [fn, arg]);
}

/** The header of the kept diary index (kept with how many parts are read before its first screen), or null. */
function keptHeader(page) {
  return withDb(page, `const head = await request(db.transaction('meta').objectStore('meta').get('diary_index'));
    return Array.isArray(head) ? head[0] : null;`);
}

async function waitForKeptIndex(page, epochNot = null) {
  for (let i = 0; i < 100; i++) {
    const header = await keptHeader(page);
    if (header && !header.endsWith(`:${epochNot}`)) return header;
    await page.waitForTimeout(200);
  }
  throw new Error('the diary index was not kept');
}

/** Replaces `from` by `to` in the text of the stored chunk that holds it (the same length in UTF-8). */
function rewriteStoredText(page, from, to) {
  return withDb(page, `
    const store = db.transaction('chunks', 'readwrite').objectStore('chunks');
    const keys = await request(store.getAllKeys());
    for (const key of keys) {
      const chunk = await request(store.get(key));
      const text = new TextDecoder().decode(chunk.body);
      if (text.includes(a[0])) {
        chunk.body = new TextEncoder().encode(text.replace(a[0], a[1]));
        await request(store.put(chunk, key));
        return key;
      }
    }
    return null;
  `, [from, to]);
}

test('the diary index kept between sessions: used when it fits the store, with the chunks written since', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await villageWithOneHousehold(page);
  await startEntries(page, day(-3));
  await writeEntry(page, '第一篇：屋顶漏水');
  await writeEntry(page, '第二篇：咨询医保');

  // Opened cold: the index is made from the chunks, then kept once the page is idle.
  await page.reload();
  await go(page, '#/diary');
  await page.getByText('找到 2 篇（共 2 篇走访记录）').waitFor();
  const header = await waitForKeptIndex(page);
  const epoch = header.split(':').pop();

  // The next session starts from the kept index, not from the chunks it covers: a chunk changed
  // behind the app's back (same epoch) is not read again. (Only this test does that to a store.)
  assert.ok(await rewriteStoredText(page, '屋顶漏水', '屋顶已修'));
  await page.reload();
  await go(page, '#/diary');
  await page.getByLabel('民情内容').fill('漏水');
  await page.getByText('找到 1 篇（共 2 篇走访记录）').waitFor();
  assert.ok(await rewriteStoredText(page, '屋顶已修', '屋顶漏水'));

  // Saves after it was kept are chunks written since: read beside it at the next start.
  await page.reload();
  await startEntries(page, day(-1));
  await writeEntry(page, '第三篇：修路');
  await openEntry(page, '医保');
  await editSituation(page, '第二篇：咨询医保，已解释');
  await page.reload();
  await go(page, '#/diary');
  await page.getByText('找到 3 篇（共 3 篇走访记录）').waitFor();
  for (const [words, found] of [['修路', 1], ['已解释', 1], ['漏水', 1], ['第', 3]]) {
    await page.getByLabel('民情内容').fill(words);
    await page.getByText(`找到 ${found} 篇（共 3 篇走访记录）`).waitFor();
  }
  // An entry known only from the kept index is read whole and edited.
  await openEntry(page, '漏水');
  await editSituation(page, '第一篇：屋顶漏水，已请人查看');

  // A store whose chunks were replaced (another epoch: an import undone, a compaction) does not
  // fit the kept index: the section is made from the chunks again, and kept for the new epoch.
  await withDb(page, `
    const tx = db.transaction('meta', 'readwrite');
    await request(tx.objectStore('meta').put('an-epoch-of-another-store', 'chunks_epoch'));
  `);
  assert.ok(await rewriteStoredText(page, '修路', '修桥'));
  await page.reload();
  await go(page, '#/diary');
  await page.getByText('找到 3 篇（共 3 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('修桥');
  await page.getByText('找到 1 篇（共 3 篇走访记录）').waitFor();
  const kept = await waitForKeptIndex(page, epoch);
  assert.ok(kept.endsWith(':an-epoch-of-another-store'), kept);

  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a disk nearly full: the diary index is not kept, and one kept before is removed', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await villageWithOneHousehold(page);
  await startEntries(page, day(-2));
  await writeEntry(page, '第一篇：屋顶漏水');
  await page.reload();
  await go(page, '#/diary');
  await page.getByText('找到 1 篇（共 1 篇走访记录）').waitFor();
  await waitForKeptIndex(page);

  // The browser tells this page it has hardly any room left (as on a full disk; Chromium's own
  // quota override over CDP does not reach navigator.storage.estimate).
  await context.addInitScript(() => {
    StorageManager.prototype.estimate = async () => ({ usage: 9e9, quota: 9e9 + 10 });
  });
  // Another epoch: the index is made from the chunks again, but there is no room to keep it.
  await withDb(page, `
    const tx = db.transaction('meta', 'readwrite');
    await request(tx.objectStore('meta').put('an-epoch-of-another-store', 'chunks_epoch'));
  `);
  await page.reload();
  await go(page, '#/diary');
  await page.getByText('找到 1 篇（共 1 篇走访记录）').waitFor();
  await page.getByLabel('民情内容').fill('漏水');
  await page.getByText('找到 1 篇（共 1 篇走访记录）').waitFor();
  for (let i = 0; i < 40 && (await keptHeader(page)) !== null; i++) await page.waitForTimeout(250);
  assert.equal(await keptHeader(page), null, 'the index kept for the old epoch is removed, no new one written');
  assert.equal(await withDb(page, `return (await request(db.transaction('meta').objectStore('meta').getAllKeys(IDBKeyRange.bound('diary_index/', 'diary_index/~')))).length;`), 0);

  assert.deepEqual(page.errors, []);
  await context.close();
});

/** The kept index's parts: how many the head says are read before the first screen, and in all. */
function keptParts(page) {
  return withDb(page, `const store = db.transaction('meta').objectStore('meta');
    const head = await request(store.get('diary_index'));
    const keys = await request(store.getAllKeys(IDBKeyRange.bound('diary_index/', 'diary_index/:')));
    return { first: Array.isArray(head) ? head[1] : null, all: keys.length, last: keys[keys.length - 1] ?? null };`);
}

test('more texts than one block: the list drawn first, the other texts read after it, searched whole; damaged, they are made again', async () => {
  // A township of 4,500 entries of about 260 characters: more than one block of texts (2 MB).
  const made = syntheticStation({ seed: 11, villages: 4, members: 40, households: 40, diaries: 4500, diaryChars: 260, followUp: 0.05 });
  const path = join(DIR, '大屋乡-全部.json');
  writeExchangeFile(path, { station: made.station, createdMs: Date.now(), created: day(0), lines: made.lines, kinds: made.kinds });
  // Each entry's texts as the index holds them, one after another.
  const entries = made.lines.map((l) => JSON.parse(l)).filter((r) => r.k === 'diary')
    .map((r) => ({ date: r.d.date, texts: [r.d.companions, r.d.situation, r.d.request, r.d.action].join(''), situation: r.d.situation }));
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Words only the oldest entry holds (its texts are in the last block, read after the first screen).
  const oldest = entries[0];
  let words = null;
  for (let len = 20; len <= oldest.situation.length && !words; len += 10) {
    const w = oldest.situation.slice(0, len);
    if (!/\s/.test(w) && entries.filter((e) => e.texts.includes(w)).length === 1) words = w;
  }
  assert.ok(words, 'the oldest entry has words of its own');
  const common = oldest.situation.slice(0, 4);
  const commonCount = entries.filter((e) => e.texts.includes(common)).length;
  const total = `共 ${entries.length} 篇走访记录`;

  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, '测试站点', '乡镇');
  await importFile(page, path);
  // Opened cold: the index is made from the chunks, then kept.
  await page.reload();
  await go(page, '#/diary');
  await page.getByText(total).waitFor({ timeout: 60_000 });
  await waitForKeptIndex(page);
  const parts = await keptParts(page);
  assert.ok(parts.first >= 2 && parts.first < parts.all, `texts are read after the first screen: ${JSON.stringify(parts)}`);

  // The next session: the list with its excerpts at once, then every text searched.
  await page.reload();
  await go(page, '#/diary');
  await page.getByText(total).waitFor();
  const excerpt = await page.locator('table.diaries tbody tr').first().locator('td').last().innerText();
  assert.ok(excerpt.trim().length > 0, 'the newest entries show their excerpts');
  await page.getByLabel('民情内容').fill(common);
  await page.getByText(`找到 ${commonCount} 篇（${total}）`).waitFor();
  await page.getByLabel('民情内容').fill(words);
  await page.getByText(`找到 1 篇（${total}）`).waitFor();
  await page.locator('table.diaries tbody a').first().click();
  await page.getByText(oldest.situation).waitFor();

  // The last block of texts damaged on disk: the list still opens, a search says the texts could
  // not be read and how to mend it, and the kept index is removed.
  await withDb(page, `const tx = db.transaction('meta', 'readwrite');
    const store = tx.objectStore('meta');
    const part = await request(store.get(a));
    await request(store.put(part.slice(0, part.length - 10), a));`, parts.last);
  await page.reload();
  await go(page, '#/diary');
  await page.getByText(total).waitFor();
  await page.getByLabel('民情内容').fill(words);
  await page.getByText('记录全文未能读出').waitFor();
  for (let i = 0; i < 40 && (await keptHeader(page)) !== null; i++) await page.waitForTimeout(250);
  assert.equal(await keptHeader(page), null, 'the damaged index is removed');
  // Reloaded as the message says: made again from the records, nothing lost.
  await page.reload();
  await go(page, '#/diary');
  await page.getByLabel('民情内容').fill(words);
  await page.getByText(`找到 1 篇（${total}）`).waitFor({ timeout: 60_000 });

  assert.deepEqual(page.errors, []);
  await context.close();
});
