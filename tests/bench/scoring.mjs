// 考核评分 at scale in the browser (issue 12, point 12): on the county sample with its year of
// scoring inputs (bench_write: 12,000 meetings with some 900,000 attendance marks, trainings,
// typed entries, exemptions) and the 200,000 diaries, the 党员积分 ranking of a branch (every
// member's points and stars computed: Ledger::build), and a member's ledger after one typed
// entry is saved. Each figure is printed with its budget, beside a baseline of the same run.

import { median, ms, openApp, timeHash, verdict } from './diary.mjs';

const BUDGETS = { everyMember: 1000, oneRecord: 100 };
/** The sample's scoring year (`sample::scoring_year`, up to 2026-10-31). */
const YEAR = '2026';

/** Runs in the page: sets a select's value as a user would, timed to `test` true after a frame. */
async function timeSelect({ selector, value, test }) {
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  const done = new Function(`return (${test})`);
  const select = document.querySelector(selector);
  const start = performance.now();
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  for (;;) {
    await frame();
    if (done()) break;
    if (performance.now() - start > 120_000) throw new Error(`${selector}: never drawn`);
  }
  return performance.now() - start;
}

/** Runs in the page: clicks a form's 保存 and times it to the ledger's total line changed. */
async function timeEntrySaved() {
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  const total = () => document.querySelector('.ledger-total')?.textContent;
  const before = total();
  const button = [...document.querySelectorAll('.ledger form button[type="submit"]')].find((b) => b.textContent.trim() === '保存');
  const start = performance.now();
  button.click();
  for (;;) {
    await frame();
    if (total() !== before) break;
    const refused = document.querySelector('.ledger form .error:not(:empty)')?.textContent;
    if (refused) throw new Error('not saved: ' + refused);
    if (performance.now() - start > 60_000) throw new Error('the total never changed');
  }
  return performance.now() - start;
}

export async function scoringBench({ base, launch, jsHeap }) {
  const { context, page, startMemory } = await openApp(launch, base);
  const ranked = `document.querySelectorAll('table.ranking tbody tr').length > 0`;

  // The section opened on 党员积分: its kinds read (meetings, trainings, entries, the diaries'
  // index kept by an earlier session).
  const opened = await page.evaluate(timeHash, { href: '#/scoring/points', test: `document.querySelector('#pt-branch') !== null` });
  await page.locator('#pt-year').selectOption(YEAR);
  // Branches: the organizations whose option names a 支部 (the sample's branches).
  const branches = await page.$$eval('#pt-branch option', (os) => os.filter((o) => o.value && o.textContent.includes('支部')).map((o) => o.value));
  const rankings = [];
  for (const value of branches.slice(0, 5)) {
    rankings.push(await page.evaluate(timeSelect, { selector: '#pt-branch', value, test: ranked }));
  }
  const rows = await page.locator('table.ranking tbody tr').count();
  const memoryAfterRanking = await page.evaluate(() => window.wasmBindings.wasm_memory_bytes());

  // A member's ledger, then typed entries, each timed from 保存 to the total line changed.
  await page.locator('table.ranking tbody tr a').first().click();
  await page.locator('.ledger-total').waitFor();
  const saves = [];
  for (let n = 0; n < 5; n++) {
    await page.getByLabel('日期', { exact: true }).fill(`${YEAR}-10-${String(10 + n).padStart(2, '0')}`);
    await page.getByLabel('积分项目').selectOption({ label: '其他加分（+5）' });
    await page.getByLabel('分值', { exact: true }).fill('1');
    await page.getByLabel('加减分事由').fill(`基准${n + 1}号：帮扶困难群众`);
    saves.push(await page.evaluate(timeEntrySaved));
  }
  // Back to the branch's ranking: every member's points brought up to date with those entries
  // (the ledger kept and patched, not made again), timed to the table drawn.
  const back = await page.evaluate(timeHash, { href: '#/scoring/points', test: ranked });
  // Baseline, same page: one plain pass over the meetings' stored JSON counting each member's
  // marks (what the ledger's biggest source costs read with nothing but IndexedDB and JSON).
  const baseline = await page.evaluate(rawMarksCount);
  const wasm = await page.evaluate(() => window.wasmBindings.wasm_memory_bytes());
  const js = await jsHeap(page);
  await page.screenshot({ path: 'tests/out/bench-scoring.png' });
  await context.close();

  const mb = (b) => (b / 1024 / 1024).toFixed(1) + ' MB';
  const worst = Math.max(...rankings);
  const save = median(saves);
  console.log(`\n== 考核评分 at scale: the county sample's year (${baseline.meetings.toLocaleString()} meetings, ${baseline.marks.toLocaleString()} attendance marks) and its diaries, the app cold`);
  console.log(`the section opened on 党员积分 (its kinds read): ${ms(opened)}`);
  console.log(`a branch's ranking, every member's points and stars computed, worst of ${rankings.length} branches: ${ms(worst)} [${rankings.map(ms).join(', ')}] (budget <= ${BUDGETS.everyMember} ms: ${verdict(worst, BUDGETS.everyMember)}); ${rows} members in the last; baseline: the meetings read with plain IndexedDB and JSON.parse and every mark counted ${ms(baseline.ms)}, ratio ${(worst / baseline.ms).toFixed(2)}x`);
  console.log(`one typed entry saved until the member's ledger shows the new total, median of ${saves.length}: ${ms(save)} [${saves.map(ms).join(', ')}] (budget <= ${BUDGETS.oneRecord} ms: ${verdict(save, BUDGETS.oneRecord)})`);
  console.log(`back to the ranking after those ${saves.length} entries, every member's points brought up to date: ${ms(back)} (budget <= ${BUDGETS.oneRecord} ms: ${verdict(back, BUDGETS.oneRecord)})`);
  console.log(`wasm memory: at start ${mb(startMemory)}, after the rankings ${mb(memoryAfterRanking)}, at the end ${mb(wasm)}; JS heap ${mb(js)}`);
}

/** Runs in the page: every meeting chunk read with plain IndexedDB and parsed, each member's
 * marks counted. */
async function rawMarksCount() {
  const req = (r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
  const start = performance.now();
  const db = await req(indexedDB.open('dangjian'));
  // The meetings' chunks alone, through the store's index by kind (and count).
  const meetingChunks = IDBKeyRange.bound(['meeting', 0], ['meeting', Infinity]);
  const chunks = await req(db.transaction('chunks').objectStore('chunks').index('kind_count').getAll(meetingChunks));
  const counts = new Map();
  let meetings = 0;
  let marks = 0;
  const decoder = new TextDecoder();
  for (const c of chunks) {
    const body = c.body instanceof ArrayBuffer || ArrayBuffer.isView(c.body) ? decoder.decode(c.body) : String(c.body);
    let records;
    try { records = JSON.parse(body); } catch { continue; }
    for (const r of Array.isArray(records) ? records : records.records ?? []) {
      meetings++;
      // Each member's mark, from the record's plain values (`d`) or its stamped writes (`f`).
      for (const field of Object.keys(r.d ?? r.f ?? {})) {
        if (!field.startsWith('attendance:')) continue;
        marks++;
        counts.set(field, (counts.get(field) ?? 0) + 1);
      }
    }
  }
  db.close();
  return { ms: performance.now() - start, meetings, marks, members: counts.size };
}
