// The 民情日记 loop across two stations (issue 11, points 9 and 3): two browser profiles, a village
// and its township, each started on its own, exchanging one village's files both ways. The
// village writes visits and a matter; the township imports them, 阅批 and 督办 there; the village
// takes that back; each side then writes a 办理 note before they exchange again, and both notes
// stay at both stations; the village 办结 and 反馈; the township sees the matter closed, its whole
// chain on the entry page and its state in the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE, SHOTS, launch, freshContext, open, ready, firstRun, createOrg, addMember, idNumber, exchange, exportFile, importFile,
  day,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DIR = mkdtempSync(join(tmpdir(), 'dangjian-diary-exchange-'));
const VILLAGE = '山塘村党支部';

async function go(page, hash) {
  await page.goto(`${BASE}/${hash}`);
  await ready(page);
}

async function station(name, level) {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, name, level);
  return { context, page };
}

/** Exports the village's sub-tree (what a village sends up and the township sends back down). */
const exportVillage = (page) => exportFile(page, DIR, { org: VILLAGE });

/** A village station started on its own: its branch, its secretary and one household on the
 * register; `household` is the household archive's address. */
async function villageStation({ phone } = {}) {
  const v = await station('山塘村', '村');
  await createOrg(v.page, { name: VILLAGE, category: '党支部' });
  await addMember(v.page, { name: '李书记', id: idNumber('43012119700101001'), branch: VILLAGE });
  await go(v.page, '#/diary/households/new');
  await v.page.getByLabel('所在村').selectOption({ label: VILLAGE });
  await v.page.getByLabel('户主姓名').fill('张大爷');
  await v.page.getByLabel('户主公民身份号码').fill(idNumber('43012119450101001'));
  await v.page.getByLabel('村民小组').fill('一组');
  await v.page.getByLabel('贫困户').check();
  if (phone) await v.page.getByLabel('联系电话').fill(phone);
  await v.page.getByRole('button', { name: '保存' }).click();
  await v.page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
  return { ...v, household: v.page.url() };
}

/** Writes one visit to 张大爷 on the open form; writer, village and date are set when `date` is
 * given, else kept from the page before. */
async function writeVisit(page, { date, category, role, situation, request, action, followUp }) {
  if (date) {
    await page.getByLabel('走访时间').fill(date);
    await page.getByLabel('走访村').selectOption({ label: VILLAGE });
    await page.getByLabel('走访人').selectOption({ label: '李书记' });
  }
  await page.getByLabel('走访户').fill('zdy');
  await page.getByLabel('走访户').press('Enter');
  await page.locator('.chips').getByText('张大爷（一组）').waitFor();
  await page.getByLabel('民情类别').selectOption(category);
  await page.getByLabel(role).check();
  if (followUp) await page.getByLabel('需要跟踪办理').check();
  await page.getByLabel('民情（所见所闻）').fill(situation);
  if (request) await page.getByLabel('诉求').fill(request);
  if (action) await page.getByLabel('现场处理').fill(action);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('已保存。可以接着写下一篇。').waitFor();
}

/** The list of entries showing the one entry whose 民情 holds `words` (any state). */
async function find(page, words) {
  await go(page, '#/diary');
  await page.locator('#dy-f-state').selectOption('');
  await page.getByLabel('民情内容').fill(words);
  await page.getByText(/找到 1 篇/).waitFor();
}

/** Opens the entry whose 民情 holds `words`, from the list, and waits for its chain. */
async function openEntry(page, words) {
  await find(page, words);
  await page.locator('table.diaries tbody a').first().click();
  await page.getByRole('heading', { name: /^跟踪办理：/ }).waitFor();
}

/** The matter's state as the entry page's heading shows it. */
async function matterState(page) {
  return (await page.locator('.matter h3 .state').innerText()).trim();
}

/** The chain as the entry page lists it, one text per step, once its texts are read. */
async function chain(page) {
  await page.locator('ol.chain[aria-busy="false"]').waitFor();
  return (await page.locator('ol.chain > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

/** Adds a step through the entry page's button and form; `fill` fills the form's own fields. */
async function addStep(page, step, by, fill, stateAfter) {
  await page.getByRole('button', { name: step, exact: true }).click();
  await page.getByRole('heading', { name: `办理登记：${step}` }).waitFor();
  await page.getByLabel('经办人（签名）').fill(by);
  await fill();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText(`已登记：${step}`).waitFor();
  if (stateAfter) await page.locator('.matter h3 .state').getByText(stateAfter, { exact: true }).waitFor();
}

/** The state column of the entry whose 民情 holds `words`, in the list. */
async function listedState(page, words) {
  await find(page, words);
  return (await page.locator('table.diaries tbody tr').first().locator('td').nth(5).innerText()).trim();
}

const ROOF = '屋顶漏水，雨天严重';
const VILLAGE_NOTE = '村里已联系施工队，材料已备齐';
const TOWN_NOTE = '镇民政办已同意危房改造补助';

test('a village and its township handle one matter across stations; notes written on both sides between exchanges are all kept', async () => {
  // The village station: its branch, its secretary, a household, two visits (one with a matter,
  // one settled on the spot).
  const v = await villageStation();
  await go(v.page, '#/diary/new');
  await v.page.getByRole('heading', { name: '写民情日记（走访记录）' }).waitFor();
  await writeVisit(v.page, {
    date: day(-5), category: '生产生活困难', role: '为民办事服务员', situation: ROOF, request: '申请危房改造', followUp: true,
  });
  await writeVisit(v.page, { category: '政策咨询', role: '政策法规宣传员', situation: '咨询医保二次报销', action: '当场讲解了报销材料' });
  assert.equal(await listedState(v.page, ROOF), '待阅');

  // The township, started on its own, takes the village's file.
  const up = await exportVillage(v.page);
  const upFile = JSON.parse(readFileSync(up, 'utf8'));
  assert.equal(upFile.counts.household, 1);
  assert.equal(upFile.counts.diary, 2);
  const t = await station('坪塘镇', '乡镇');
  const counts = await importFile(t.page, up);
  assert.deepEqual(counts.民情户, [1, 0, 0, 0, 0, 0]);
  assert.deepEqual(counts.民情日记, [2, 0, 0, 0, 0, 0]);
  await go(t.page, '#/diary');
  await t.page.getByText('找到 2 篇（共 2 篇走访记录）').waitFor();
  assert.equal(await listedState(t.page, '医保'), '当场办结');

  // 阅批 and 督办 at the township.
  await openEntry(t.page, ROOF);
  assert.equal(await matterState(t.page), '待阅');
  await t.page.locator('.notebook').getByText('张大爷').waitFor();
  await t.page.locator('.notebook').getByText('李书记').waitFor();
  await addStep(t.page, '阅批', '王镇长', async () => {
    await t.page.getByLabel('阅批意见').fill('请村里尽快核实，镇里协调补助');
  }, '已阅批');
  await addStep(t.page, '督办', '王镇长', async () => {
    await t.page.getByLabel('承办人或承办单位').fill('山塘村委会');
    await t.page.getByLabel('办理期限').fill(day(10));
  }, '督办中');
  const down = await exportVillage(t.page);
  assert.equal(JSON.parse(readFileSync(down, 'utf8')).counts.diary_step, 2);

  // The village takes it back and sees the leader's words.
  const back = await importFile(v.page, down);
  assert.deepEqual(back.民情办理, [2, 0, 0, 0, 0, 0]);
  await openEntry(v.page, ROOF);
  assert.equal(await matterState(v.page), '督办中');
  assert.match((await chain(v.page)).join('\n'), /阅批 王镇长 请村里尽快核实，镇里协调补助\n.*督办 王镇长 承办：山塘村委会 期限：/);

  // Each side writes a 办理 note without seeing the other's.
  await addStep(v.page, '办理', '李书记', async () => {
    await v.page.getByLabel('办理情况').fill(VILLAGE_NOTE);
  }, '办理中');
  await openEntry(t.page, ROOF);
  await addStep(t.page, '办理', '民政办刘干事', async () => {
    await t.page.getByLabel('协调部门').fill('镇民政办');
    await t.page.getByLabel('办理情况').fill(TOWN_NOTE);
  }, '办理中');
  const fromVillage = await exportVillage(v.page);
  const fromTown = await exportVillage(t.page);
  const atTown = await importFile(t.page, fromVillage);
  assert.deepEqual(atTown.民情办理, [1, 0, 2, 0, 0, 0], 'the village note is new at the township; nothing conflicts');
  const atVillage = await importFile(v.page, fromTown);
  assert.deepEqual(atVillage.民情办理, [1, 0, 2, 0, 0, 0]);
  for (const s of [v, t]) {
    await openEntry(s.page, ROOF);
    const steps = await chain(s.page);
    assert.equal(steps.length, 4, steps.join('\n'));
    assert.equal(steps.filter((x) => x.includes(VILLAGE_NOTE)).length, 1, steps.join('\n'));
    assert.equal(steps.filter((x) => x.includes(TOWN_NOTE) && x.includes('协调部门：镇民政办')).length, 1, steps.join('\n'));
    assert.equal(await matterState(s.page), '办理中');
    assert.equal(await s.page.locator('ol.chain > li.irregular').count(), 0, 'two 办理 notes fit the chain');
    // Two stations' steps never conflict.
    await exchange(s.page, '/conflicts');
    await s.page.getByText('没有冲突。').waitFor();
  }
  // Both stations list the chain in the same order.
  await openEntry(v.page, ROOF);
  const villageChain = await chain(v.page);
  await openEntry(t.page, ROOF);
  assert.deepEqual(await chain(t.page), villageChain);

  // The village closes the matter and tells the household.
  await openEntry(v.page, ROOF);
  await addStep(v.page, '办结', '李书记', async () => {
    await v.page.getByLabel('备注').fill('屋顶已翻修完毕');
  }, '已办结');
  await addStep(v.page, '反馈', '李书记', async () => {
    await v.page.getByLabel('反馈方式').selectOption('入户');
    await v.page.getByLabel('群众评价').selectOption('满意');
  }, '已反馈');
  const lastUp = await exportVillage(v.page);
  const closed = await importFile(t.page, lastUp);
  assert.deepEqual(closed.民情办理, [2, 0, 4, 0, 0, 0]);

  // The township sees it handled: the whole chain on the entry page, the state in the list.
  assert.equal(await listedState(t.page, ROOF), '已反馈');
  await t.page.locator('#dy-f-state').selectOption('待阅');
  await t.page.getByText('没有符合条件的走访记录。').waitFor();
  await openEntry(t.page, ROOF);
  assert.equal(await matterState(t.page), '已反馈');
  const final = await chain(t.page);
  assert.deepEqual(final.map((s) => s.split(' ')[1]), ['阅批', '督办', '办理', '办理', '办结', '反馈'], final.join('\n'));
  assert.ok(final.some((s) => s.includes(VILLAGE_NOTE)) && final.some((s) => s.includes(TOWN_NOTE)), final.join('\n'));
  assert.match(final[5], /反馈方式：入户 群众评价：满意/);
  // 公开 is what comes next; 办结 is not offered again.
  await t.page.getByRole('button', { name: '公开', exact: true }).waitFor();
  assert.equal(await t.page.getByRole('button', { name: '办结', exact: true }).count(), 0);
  // The page scrolls inside the frame: one shot of the notebook page, one of the chain.
  await t.page.screenshot({ path: SHOTS + 'diary-exchange-township-entry.png' });
  await t.page.locator('.matter').evaluate((el) => el.scrollIntoView());
  await t.page.screenshot({ path: SHOTS + 'diary-exchange-township-chain.png' });
  // The household's archive at the township holds both visits.
  await t.page.locator('.notebook').getByRole('link', { name: '张大爷' }).click();
  await t.page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
  assert.equal(await t.page.locator('.visit').count(), 2);
  await t.page.locator('.visit .state').getByText('已反馈').waitFor();

  // Undoing that last import takes back the village's 办结 and 反馈 alone; importing it again
  // brings them back.
  await exchange(t.page, '/log');
  await t.page.getByRole('button', { name: '撤销上次导入' }).click();
  await t.page.getByRole('button', { name: '确认撤销导入' }).click();
  await t.page.getByText(/已撤销“.*”的导入/).waitFor();
  assert.equal(await listedState(t.page, ROOF), '办理中');
  await openEntry(t.page, ROOF);
  assert.equal((await chain(t.page)).length, 4);
  assert.deepEqual((await importFile(t.page, lastUp)).民情办理, [2, 0, 4, 0, 0, 0]);
  assert.equal(await listedState(t.page, ROOF), '已反馈');

  assert.deepEqual([...v.page.errors, ...t.page.errors], []);
  await v.context.close();
  await t.context.close();
});

/** Saves the household form at `href` (…/edit) with a new phone. */
async function setHouseholdPhone(page, href, phone) {
  await page.goto(`${href}/edit`);
  await ready(page);
  await page.getByLabel('联系电话').fill(phone);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '民情档案：张大爷' }).waitFor();
}

/** Saves the diary whose 民情 holds `words` with a new 民情. */
async function setSituation(page, words, situation) {
  await openEntry(page, words);
  await page.getByRole('link', { name: '修改', exact: true }).click();
  await page.getByLabel('民情（所见所闻）').fill(situation);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: /^跟踪办理：/ }).waitFor();
}

test('a household and a diary changed at both stations: the conflicts name them and their fields as the forms do, and a choice at one ends both', async () => {
  const v = await villageStation({ phone: '13807310001' });
  const household = v.household.replace(/\/$/, '');
  await go(v.page, '#/diary/new');
  await writeVisit(v.page, { date: day(-3), category: '政策咨询', role: '政策法规宣传员', situation: '咨询医保二次报销' });
  const t = await station('坪塘镇', '乡镇');
  await importFile(t.page, await exportVillage(v.page));

  // Both change the phone and the 民情 without seeing each other's change.
  const hash = new URL(household).hash;
  await setHouseholdPhone(v.page, household, '13807319999');
  await setHouseholdPhone(t.page, `${BASE}/${hash}`, '13807318888');
  await setSituation(v.page, '医保', '咨询医保二次报销，村里补记：已送材料');
  await setSituation(t.page, '医保', '咨询医保二次报销，镇里补记：医保局已受理');
  const fromVillage = await exportVillage(v.page);
  const fromTown = await exportVillage(t.page);
  assert.equal((await importFile(t.page, fromVillage)).民情户[3], 1, 'the household gains a conflict');
  await importFile(v.page, fromTown);
  for (const s of [t, v]) {
    await exchange(s.page, '/conflicts');
    const cards = s.page.locator('.card.conflict');
    await cards.first().waitFor();
    const texts = await cards.allInnerTexts();
    assert.equal(texts.length, 2, texts.join('\n'));
    const phone = texts.find((x) => x.startsWith('民情户'));
    assert.match(phone, /^民情户：张大爷 · 联系电话/);
    assert.match(phone, /13807319999\s+山塘村/);
    assert.match(phone, /13807318888\s+坪塘镇/);
    const diary = texts.find((x) => x.startsWith('民情日记'));
    assert.match(diary, new RegExp(`^民情日记：${day(-3)} 的走访记录 · 民情（所见所闻）`));
    assert.match(diary, /村里补记：已送材料\s+山塘村/);
  }
  await t.page.screenshot({ path: SHOTS + 'diary-exchange-conflicts.png' });
  // The township keeps the village's phone and its own 民情; after the next exchange no
  // conflict is left at either station, and both show the values chosen.
  await t.page.getByRole('button', { name: '保留“13807319999”' }).click();
  await t.page.getByText('已保留“13807319999”').waitFor();
  await t.page.getByRole('button', { name: '保留“咨询医保二次报销，镇里补记：医保局已受理”' }).click();
  await t.page.getByText('没有冲突。').waitFor();
  await importFile(v.page, await exportVillage(t.page));
  for (const s of [t, v]) {
    await exchange(s.page, '/conflicts');
    await s.page.getByText('没有冲突。').waitFor();
    await openEntry(s.page, '医保');
    await s.page.locator('.notebook').getByText('镇里补记：医保局已受理').waitFor();
  }
  await v.page.goto(household);
  await ready(v.page);
  await v.page.getByText('13807319999').first().waitFor();
  assert.deepEqual([...v.page.errors, ...t.page.errors], []);
  await v.context.close();
  await t.context.close();
});
