// Journeys for 数据交换 (exchange.html): two browser profiles as two stations, a village and its
// township, exchanging files both ways; the preview's counts; the same file twice; undo of the
// last import; a conflict listed at both stations and resolved at one; bad files refused with
// their message and nothing changed; passphrase-protected files; a copied station id; clocks
// ahead; names holding HTML; the backup reminder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE, SHOTS, launch, freshContext, open, ready, firstRun, createOrg, addMember, idNumber,
  exchange, exportFile as exportTo, previewCounts, chooseFiles as choose, importFile, referenceReader, referenceCounts,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DIR = mkdtempSync(join(tmpdir(), 'dangjian-exchange-'));
const exportFile = (page, options) => exportTo(page, DIR, options);

async function station(name, level) {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, name, level);
  return { context, page };
}

async function openMember(page, name) {
  await page.goto(`${BASE}/#/members`);
  await ready(page);
  await page.locator('table.roster').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

async function setPhone(page, name, phone) {
  await openMember(page, name);
  await page.getByRole('link', { name: '修改信息' }).click();
  await page.getByLabel('联系电话').fill(phone);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

async function phoneOf(page, name) {
  await openMember(page, name);
  return (await page.locator('dl.member-facts dt:text-is("联系电话") + dd').innerText()).trim();
}

/** What the store holds: chunks (kind, count) and the import log, to show nothing changed. */
async function stored(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('dangjian');
    req.onsuccess = () => {
      const tx = req.result.transaction(['chunks', 'meta']);
      const chunks = tx.objectStore('chunks').getAll();
      const log = tx.objectStore('meta').get('exchange_log');
      tx.oncomplete = () => {
        resolve({ chunks: chunks.result.map((c) => `${c.kind}:${c.count}`).join(','), log: log.result ?? null });
        req.result.close();
      };
    };
  }));
}

const ZHANG = { name: '张三', id: idNumber('43012119800506123'), branch: '山塘村党支部', phone: '13807310001' };
const LI = { name: '李四', id: idNumber('43012119850312124'), branch: '山塘村党支部', phone: '13807310002' };

async function village() {
  const v = await station('山塘村', '村');
  await createOrg(v.page, { name: '山塘村党支部', category: '党支部' });
  await addMember(v.page, ZHANG);
  await addMember(v.page, LI);
  return v;
}

test('village and township exchange both ways; the same file twice changes nothing; the last import is undone', async () => {
  const v = await village();
  // Not backed up yet: the status line says so, and links to where a backup is made.
  await v.page.locator('.status-line').getByRole('link', { name: '请备份数据' }).waitFor();
  await setPhone(v.page, '张三', '13807319999');
  const fromVillage = await exportFile(v.page);
  assert.match(fromVillage, /山塘村-全部-\d{4}-\d\d-\d\d\.json$/);
  await v.page.screenshot({ path: SHOTS + 'exchange-export.png' });
  await v.page.getByRole('link', { name: '设置' }).click();
  await v.page.getByText('最近一周内已备份。').waitFor();
  await v.page.getByText('数据保存在这台电脑的这个浏览器里。').waitFor();
  assert.equal(await v.page.getByText('本页是从U盘或磁盘上的文件打开的').count(), 0, 'the hosted page is not the USB edition');
  assert.equal(await v.page.locator('.status-line').getByRole('link', { name: '请备份数据' }).count(), 0);

  // The township starts empty: this is also a restore into an empty station.
  const t = await station('坪塘镇', '乡镇');
  await choose(t.page, fromVillage);
  await t.page.getByRole('heading', { name: '导入预览' }).waitFor();
  assert.deepEqual(await previewCounts(t.page), {
    党组织: [1, 0, 0, 0, 0, 0], 党员: [2, 0, 0, 0, 0, 0], 修改记录: [1, 0, 0, 0, 0, 0], 合计: [4, 0, 0, 0, 0, 0],
  });
  await t.page.getByText('来自站点').locator('+ dd').getByText('山塘村（村）').waitFor();
  await t.page.screenshot({ path: SHOTS + 'exchange-preview.png', fullPage: true });
  // Nothing is written before confirming.
  assert.equal((await stored(t.page)).chunks, '');
  await t.page.getByRole('button', { name: '确认导入' }).click();
  await t.page.getByText('已导入“').first().waitFor();
  // Exported again at once, the file carries every kind it brought, the township had none of
  // (修改记录) included.
  const backupPath = await exportFile(t.page);
  const backup = JSON.parse(readFileSync(backupPath, 'utf8'));
  assert.deepEqual(backup.counts, { change: 1, member: 2, org: 1 });
  // A program that knows only the format's specification reads the backup, checksum and all.
  const read = referenceReader(backupPath);
  assert.ok(read.ok, read.out);
  assert.deepEqual(referenceCounts(read.out, backupPath), backup.counts);
  assert.equal(await phoneOf(t.page, '张三'), '13807319999');

  await setPhone(t.page, '李四', '0731-88886666');
  const fromTownship = await exportFile(t.page);
  const counts = await importFile(v.page, fromTownship);
  assert.deepEqual(counts.党员, [0, 1, 1, 0, 0, 0]);
  assert.deepEqual(counts.修改记录, [1, 0, 1, 0, 0, 0]);
  assert.equal(await phoneOf(v.page, '李四'), '0731-88886666');

  // The same file again, dropped on the page: already imported, nothing changes.
  const before = await stored(v.page);
  await exchange(v.page, '/import');
  const dropped = await v.page.evaluateHandle(({ name, text }) => {
    const d = new DataTransfer();
    d.items.add(new File([text], name, { type: 'application/json' }));
    return d;
  }, { name: '坪塘镇的文件.json', text: readFileSync(fromTownship, 'utf8') });
  await v.page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
  await v.page.locator('table.exchange-files').getByText('坪塘镇的文件.json').waitFor();
  await v.page.getByText(/这个文件已经在 .* 导入过了/).waitFor();
  assert.equal(await v.page.getByRole('button', { name: '确认导入' }).count(), 0);
  assert.deepEqual(await stored(v.page), before);

  // A second tab of the village shows 李四 with the township's phone.
  const tab2 = await open(v.context);
  await ready(tab2);
  await openMember(tab2, '李四');
  const phoneCell = tab2.locator('dl.member-facts dt:text-is("联系电话") + dd');
  assert.equal((await phoneCell.innerText()).trim(), '0731-88886666');

  // Undo of the last import: 李四's phone is the village's own again.
  await exchange(v.page, '/log');
  await v.page.locator('table.exchange-log').getByText('坪塘镇', { exact: true }).waitFor();
  await v.page.screenshot({ path: SHOTS + 'exchange-log.png' });
  await v.page.getByRole('button', { name: '撤销上次导入' }).click();
  await v.page.getByRole('button', { name: '确认撤销导入' }).click();
  await v.page.getByText(/已撤销“.*”的导入/).waitFor();
  await v.page.locator('table.exchange-log tr.undone').waitFor();
  assert.equal(await phoneOf(v.page, '李四'), LI.phone);
  // The other tab, not reloaded, forgets the undone change at once; its next edit of 李四
  // (another field) does not bring the township's phone back.
  await tab2.waitForFunction((phone) => {
    const dd = [...document.querySelectorAll('dl.member-facts dt')].find((dt) => dt.textContent.trim() === '联系电话');
    return dd?.nextElementSibling?.textContent.trim() === phone;
  }, LI.phone);
  await tab2.getByRole('link', { name: '修改信息' }).click();
  await tab2.getByLabel('家庭住址').fill('山塘村一组');
  await tab2.getByRole('button', { name: '保存' }).click();
  await tab2.getByRole('heading', { name: '李四', exact: true }).waitFor();
  assert.equal((await phoneCell.innerText()).trim(), LI.phone);
  assert.deepEqual(tab2.errors, []);
  await tab2.close();
  // Still undone after a reload (the chunks were rewritten, the log marked).
  await v.page.reload();
  await ready(v.page);
  assert.equal(await phoneOf(v.page, '李四'), LI.phone);
  // An undone file may be imported again.
  const again = await importFile(v.page, fromTownship);
  assert.deepEqual(again.党员, [0, 1, 1, 0, 0, 0]);
  assert.equal(await phoneOf(v.page, '李四'), '0731-88886666');
  assert.deepEqual([...v.page.errors, ...t.page.errors], []);
  await v.context.close();
  await t.context.close();
});

async function conflictCards(page) {
  await exchange(page, '/conflicts');
  return page.locator('.card.conflict');
}

test('a conflicting edit shows at both stations, is resolved at one, and is gone at both after exchanging again', async () => {
  const v = await village();
  const t = await station('坪塘镇', '乡镇');
  await importFile(t.page, await exportFile(v.page));
  // Both change 张三's phone without seeing each other's change.
  await setPhone(v.page, '张三', '13807310101');
  await setPhone(t.page, '张三', '13807310202');
  const v2 = await exportFile(v.page);
  const t2 = await exportFile(t.page);
  const tCounts = await importFile(t.page, v2);
  assert.equal(tCounts.党员[3], 1, 'one member gains a conflict');
  await importFile(v.page, t2);
  for (const s of [t, v]) {
    const cards = await conflictCards(s.page);
    await cards.first().waitFor();
    assert.equal(await cards.count(), 1, (await cards.allInnerTexts()).join('\n'));
    const text = await cards.first().innerText();
    assert.match(text, /党员：张三 · 联系电话/);
    assert.match(text, /13807310101\s+山塘村/);
    assert.match(text, /13807310202\s+坪塘镇/);
    await s.page.locator('nav.tabs').getByRole('link', { name: '冲突（1）' }).waitFor();
  }
  await t.page.screenshot({ path: SHOTS + 'exchange-conflicts.png' });
  // The township keeps the village's value.
  await t.page.getByRole('button', { name: '保留“13807310101”' }).click();
  await t.page.getByText('已保留“13807310101”').waitFor();
  await t.page.getByText('没有冲突。').waitFor();
  await importFile(v.page, await exportFile(t.page));
  await importFile(t.page, await exportFile(v.page));
  for (const s of [t, v]) {
    const cards = await conflictCards(s.page);
    await s.page.getByText('没有冲突。').waitFor();
    assert.equal(await cards.count(), 0);
    assert.equal(await phoneOf(s.page, '张三'), '13807310101');
  }
  await v.context.close();
  await t.context.close();
});

test('bad files are refused, each with its message, and the store is unchanged', async () => {
  const v = await village();
  const good = readFileSync(await exportFile(v.page));
  const t = await station('坪塘镇', '乡镇');
  await createOrg(t.page, { name: '坪塘镇党委', category: '乡镇党委' });
  const file = (name, bytes) => { const p = join(mkdtempSync(join(DIR, 'bad-')), name); writeFileSync(p, bytes); return p; };
  const text = good.toString('utf8');
  // One byte of 张三 changed: 三 (E4 B8 89) becomes 上 (E4 B8 8A).
  const changed = Buffer.from(good);
  const at = changed.indexOf(Buffer.from('张三'));
  changed[at + 5] += 1;
  const files = [
    file('花名册.json', '姓名,性别\n张三,男\n'),
    file('改过一个字节.json', changed),
    file('别的软件.json', '{"name":"x","items":[1,2]}'),
    file('新版本.json', text.replace('"version":1', '"version":2')),
    file('不完整.json', good.subarray(0, good.length - 40)),
  ];
  const before = await stored(t.page);
  await choose(t.page, files);
  const rows = t.page.locator('table.exchange-files tbody tr');
  await t.page.getByText(/等待读取|正在读取和检查/).first().waitFor({ state: 'detached' });
  const results = await rows.allInnerTexts();
  assert.match(results[0], /花名册\.json.*不是站点交换文件/s);
  assert.match(results[1], /改过一个字节\.json.*内容和导出时不一致/s);
  assert.match(results[2], /别的软件\.json.*可能是别的软件的文件/s);
  assert.match(results[3], /新版本\.json.*更新版本的本软件导出的（格式第 2 版）/s);
  assert.match(results[4], /不完整\.json.*这个文件不完整/s);
  for (const r of results) assert.match(r, /本机数据没有任何改动/);
  assert.equal(await t.page.getByRole('heading', { name: '导入预览' }).count(), 0);
  await t.page.screenshot({ path: SHOTS + 'exchange-bad-files.png', fullPage: true });
  assert.deepEqual(await stored(t.page), before);
  assert.deepEqual(t.page.errors, []);
  await v.context.close();
  await t.context.close();
});

test('a passphrase-protected file needs its passphrase; a wrong one is refused', async () => {
  const v = await village();
  const path = await exportFile(v.page, { passphrase: '山塘村2026' });
  assert.match(path, /山塘村-全部-\d{4}-\d\d-\d\d-加密\.json$/);
  const sealed = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(sealed.encrypted, true);
  assert.ok(sealed.iterations >= 600000);
  assert.ok(!readFileSync(path, 'utf8').includes('山塘村党支部'), 'nothing readable without the passphrase');
  // Too short a passphrase is refused before anything is made.
  await exchange(v.page);
  await v.page.getByLabel('为文件设置密码').check();
  await v.page.getByLabel('密码', { exact: true }).fill('123');
  await v.page.getByLabel('再次输入密码').fill('123');
  await v.page.getByRole('button', { name: '导出文件' }).click();
  await v.page.getByText('密码太短').waitFor();

  const t = await station('坪塘镇', '乡镇');
  const before = await stored(t.page);
  await choose(t.page, path);
  await t.page.getByRole('heading', { name: '输入密码' }).waitFor();
  await t.page.getByLabel('密码', { exact: true }).fill('山塘村2025');
  await t.page.getByRole('button', { name: '打开文件' }).click();
  await t.page.getByText('密码不对').waitFor();
  await t.page.screenshot({ path: SHOTS + 'exchange-passphrase.png' });
  assert.deepEqual(await stored(t.page), before);
  await t.page.getByLabel('密码', { exact: true }).fill('山塘村2026');
  await t.page.getByRole('button', { name: '打开文件' }).click();
  await t.page.getByRole('heading', { name: '导入预览' }).waitFor();
  assert.deepEqual((await previewCounts(t.page)).党员, [2, 0, 0, 0, 0, 0]);
  await t.page.getByRole('button', { name: '确认导入' }).click();
  await t.page.getByText('已导入“').first().waitFor();
  assert.equal(await phoneOf(t.page, '张三'), ZHANG.phone);
  await v.context.close();
  await t.context.close();
});

/** A browser profile holding a copy of `page`'s settings (station id and name), not its data. */
async function withSettingsOf(page) {
  const settings = await page.evaluate(() => localStorage.getItem('dangjian.settings'));
  const context = await freshContext(browser);
  await context.addInitScript((s) => {
    // Firefox runs it in about:blank too, where storage is refused.
    try { if (!localStorage.getItem('dangjian.settings')) localStorage.setItem('dangjian.settings', s); } catch { /* not the app's page */ }
  }, settings);
  const opened = await open(context);
  // Its data is not here: the app asks, and the clerk restores from a file.
  await opened.getByRole('button', { name: '从备份文件恢复' }).click();
  await ready(opened);
  return { oldId: JSON.parse(settings).profile.id, context, page: opened };
}

test('our own station id in a file with changes we never made: warned, and a new station id is made', async () => {
  const v = await village();
  const path = await exportFile(v.page);
  // A second PC with a copy of the village's browser settings (not its data).
  const { oldId, context, page } = await withSettingsOf(v.page);
  await choose(page, path);
  await page.getByText('带着本站点的编号').waitFor();
  assert.equal(await page.getByRole('button', { name: '确认导入' }).isDisabled(), true);
  await page.screenshot({ path: SHOTS + 'exchange-same-station.png', fullPage: true });
  // Another tab of this PC, open on 党组织, still holds the old id.
  const other = await open(context);
  await ready(other);
  await page.getByRole('button', { name: '为本机生成新的站点编号' }).click();
  await page.getByText('已为本机生成新的站点编号').waitFor();
  // It may not save with the old id: it says why and to reload.
  await other.locator('.status-line').getByText('站点标识刚在另一个窗口中更换').waitFor();
  await other.getByLabel('组织名称').fill('旧标识党支部');
  await other.getByLabel('组织类别').selectOption({ label: '党支部' });
  await other.getByRole('button', { name: '保存' }).click();
  await other.locator('main').getByText('请按 F5 刷新本页').waitFor();
  await other.reload();
  await ready(other);
  await createOrg(other, { name: '新标识党支部', category: '党支部' });
  assert.equal(await other.getByText('旧标识党支部').count(), 0);
  const newId = JSON.parse(await page.evaluate(() => localStorage.getItem('dangjian.settings'))).profile.id;
  assert.notEqual(newId, oldId);
  await page.getByLabel('选择交换文件').setInputFiles(path);
  await page.getByRole('heading', { name: '导入预览' }).waitFor();
  assert.equal(await page.getByText('带着本站点的编号').count(), 0);
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入“').first().waitFor();
  // The new id is kept beside the data too: a reload keeps it.
  await page.goto(`${BASE}/#/settings`);
  await ready(page);
  await page.getByText(newId).waitFor();
  await v.context.close();
  await context.close();
});

test("the station's own backup, after its data was lost, is restored under the same station id", async () => {
  const v = await village();
  const backup = await exportFile(v.page);
  // The browser lost the station's records but kept its settings.
  const { oldId: id, context, page } = await withSettingsOf(v.page);
  await choose(page, backup);
  await page.getByText('带着本站点的编号').waitFor();
  const confirm = page.getByRole('button', { name: '确认导入' });
  assert.equal(await confirm.isDisabled(), true);
  await page.getByRole('button', { name: '这是本机自己的备份，按原编号恢复' }).click();
  await page.getByText('将按本站点原来的编号恢复').waitFor();
  await confirm.click();
  await page.getByText('已导入“').first().waitFor();
  assert.equal(await phoneOf(page, '张三'), ZHANG.phone);
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('dangjian.settings'))).profile.id, id);
  assert.deepEqual(page.errors, []);
  await v.context.close();
  await context.close();
});

test('a file from a PC whose clock is days ahead: its records wait, with a warning', async () => {
  const context = await freshContext(browser);
  await context.clock.setFixedTime(new Date(Date.now() + 3 * 24 * 3600 * 1000));
  const page = await open(context);
  await firstRun(page, '桃花村', '村');
  await createOrg(page, { name: '桃花村党支部', category: '党支部' });
  const path = await exportFile(page);
  const t = await station('坪塘镇', '乡镇');
  await choose(t.page, path);
  await t.page.getByRole('heading', { name: '导入预览' }).waitFor();
  await t.page.getByText('比本机时间晚一天以上').waitFor();
  assert.deepEqual((await previewCounts(t.page)).党组织, [0, 0, 0, 0, 0, 1]);
  await context.close();
  await t.context.close();
});

test('names holding HTML are shown as plain text', async () => {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, '<b>山塘村</b><img src=x onerror=hit=1>', '村');
  await createOrg(page, { name: '<script>window.hit=2</script>党支部', category: '党支部' });
  const path = await exportFile(page);
  const t = await station('坪塘镇', '乡镇');
  await choose(t.page, path);
  await t.page.getByRole('heading', { name: '导入预览' }).waitFor();
  await t.page.getByText('<b>山塘村</b><img src=x onerror=hit=1>（村）', { exact: true }).waitFor();
  await t.page.getByRole('button', { name: '确认导入' }).click();
  await t.page.getByText('已导入“').first().waitFor();
  await t.page.goto(`${BASE}/#/orgs`);
  await ready(t.page);
  await t.page.getByText('<script>window.hit=2</script>党支部').first().waitFor();
  assert.equal(await t.page.evaluate(() => window.hit ?? null), null);
  assert.equal(await t.page.locator('main b, main img').count(), 0);
  await context.close();
  await t.context.close();
});
