// Every page at 1024×768, at the normal and the large text size, with a station of full tables
// (tests/e2e/fixtures/station-sample.json, see crates/exchange/tests/station_fixture.rs): no page
// scrolls sideways (nor a box inside it), no name or short label breaks inside a word or is cut
// short with …, and every button is within reach. Each page is photographed for a person to look at (tests/out/layout-*).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SHOTS, launch, freshContext, open, ready, firstRun, importFile } from './helpers.mjs';

const FIXTURE = new URL('./fixtures/station-sample.json', import.meta.url).pathname;

// A page, or a page reached by the first link a list shows (`list|selector`), or a sub-page of
// that one (`list|selector|edit`), or the page with the first choice of its 请选择… (`page|pick`).
const PAGES = [
  '#/orgs', '#/orgs|table.org-table a[href^="#/orgs/"]',
  '#/members', '#/members|table.roster a[href^="#/members/"]', '#/members/new', '#/members/import',
  '#/stats',
  '#/development', '#/development/new',
  '#/cadres', '#/cadres/reserve', '#/cadres/liaison', '#/cadres/trainings',
  '#/diary', '#/diary|table.diaries a[href^="#/diary/"]', '#/diary/new', '#/diary/lists',
  '#/diary/households', '#/diary/households|main table a[href^="#/diary/households/"]', '#/diary/households/new',
  '#/diary/report', '#/diary/report/board', '#/diary/report/charts',
  '#/scoring', '#/scoring|table.meetings a[href^="#/scoring/meetings/"]', '#/scoring/meetings/new',
  '#/scoring/points', '#/scoring/points|pick', '#/scoring/review', '#/scoring/review|pick',
  '#/scoring/appraisal', '#/scoring/appraisal|pick', '#/scoring/credibility', '#/scoring/credibility|pick',
  '#/scoring/orgs', '#/scoring/orgs|pick', '#/scoring/schemes', '#/scoring/schemes|main a[href^="#/scoring/schemes/"]',
  '#/members|table.roster a[href^="#/members/"]|edit', '#/diary|table.diaries a[href^="#/diary/"]|edit',
  '#/exchange', '#/exchange/import', '#/exchange/conflicts', '#/exchange/duplicates', '#/exchange/log',
  '#/settings',
];

let browser;
let context;
let page;
before(async () => {
  browser = await launch();
  context = await freshContext(browser);
  page = await open(context);
  await firstRun(page, '东坳镇党委组织办', '乡镇');
  await importFile(page, FIXTURE);
});
after(async () => {
  await browser?.close();
});

/** Opens a page of `PAGES` and waits until what it reads is shown. */
async function show(entry) {
  const [hash, follow, then] = entry.split('|');
  await page.goto(BASE + '/' + hash);
  await ready(page);
  await settle();
  if (follow === 'pick') {
    // The second organization or person of the page's chooser (the first is often the township).
    const chooser = page.locator('main select').filter({ has: page.locator('option:first-child', { hasText: /^请选择/ }) }).first();
    await chooser.selectOption({ index: Math.min(2, (await chooser.locator('option').count()) - 1) });
    await settle();
  } else if (follow) {
    const href = await page.locator(follow).first().getAttribute('href', { timeout: 10_000 });
    await page.goto(BASE + '/' + href + (then ? '/' + then : ''));
    await settle();
  }
}

async function settle() {
  await page.locator('main h2').first().waitFor({ state: 'attached' });
  await page.waitForFunction(() => !/正在读取|正在打开/.test(document.querySelector('main')?.innerText ?? ''), null, { timeout: 30_000 });
  await page.waitForTimeout(150);
}

/** What the page shows wrong at this size: how far it (or a box in it) scrolls sideways, the short
 * texts broken between two letters, and buttons out of reach. */
function faults() {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const doc = document.documentElement;
    const sideways = [];
    if (doc.scrollWidth > doc.clientWidth) sideways.push(`the page by ${doc.scrollWidth - doc.clientWidth} px`);
    for (const e of [main, ...main.querySelectorAll('*')]) {
      if (e.scrollWidth > e.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(e).overflowX)) {
        sideways.push(`${e.tagName.toLowerCase()}.${e.className} by ${e.scrollWidth - e.clientWidth} px`);
      }
    }
    const letter = (c) => /[\p{Script=Han}A-Za-z0-9]/u.test(c);
    const broken = new Set();
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.data;
      // Names and short labels; prose may break between characters as Chinese text does.
      if (!t.trim() || t.trim().length > 20 || !n.parentElement.checkVisibility() || n.parentElement.closest('.text')) continue;
      let top = null;
      for (let i = 0; i < t.length; i++) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || rect.width === 0) continue;
        if (top !== null && rect.top > top + 2 && letter(t[i - 1]) && letter(t[i])) broken.add(t.trim());
        top = rect.top;
      }
    }
    // A name shortened with … (a list of names may be).
    const cut = [...main.querySelectorAll('td, th')]
      .filter((c) => getComputedStyle(c).textOverflow === 'ellipsis' && c.scrollWidth > c.clientWidth && c.checkVisibility())
      .map((c) => c.textContent.trim())
      .filter((t) => t.length <= 8 && !t.includes('、'));
    const edge = main.getBoundingClientRect().right;
    const unreachable = [...main.querySelectorAll('button, a.button, summary')]
      .filter((b) => b.checkVisibility() && b.getBoundingClientRect().right > edge + 1)
      .map((b) => b.textContent.trim());
    return { sideways, broken: [...broken].slice(0, 8), cut: [...new Set(cut)].slice(0, 8), unreachable: unreachable.slice(0, 8) };
  });
}

async function setLarge(on) {
  const large = () => page.evaluate(() => document.documentElement.classList.contains('large-text'));
  if ((await large()) !== on) await page.getByRole('button', { name: on ? '大字模式' : '标准字号' }).click();
  assert.equal(await large(), on);
}

for (const large of [false, true]) {
  test(`at 1024×768 in ${large ? 'large' : 'normal'} text no page scrolls sideways and no name breaks inside`, async () => {
    await setLarge(large);
    const wrong = [];
    for (const entry of PAGES) {
      await show(entry);
      const f = await faults();
      const name = entry.replace(/\|[^|]*/, '-first').replace(/[^a-z-]+/g, '-');
      await page.screenshot({ path: `${SHOTS}layout-${large ? 'large' : 'normal'}${name}.png` });
      if (f.sideways.length || f.broken.length || f.cut.length || f.unreachable.length) wrong.push(`${entry}: ${JSON.stringify(f)}`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(page.errors, []);
  });
}

test('in large text an organization row keeps its rarer actions behind 更多, within the screen', async () => {
  await setLarge(true);
  await show('#/orgs');
  // The first row is the 乡镇党委 (only 撤销); the next holds members and has all three.
  const row = page.locator('table.org-table tbody tr').filter({ has: page.locator('details.row-menu') }).nth(1);
  assert.equal(await row.getByRole('button', { name: '撤并' }).count(), 0, 'hidden until 更多 is opened');
  await row.locator('summary').click();
  const merge = row.getByRole('button', { name: '撤并' });
  await merge.waitFor();
  const box = await merge.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 1024 && box.y + box.height <= 768, JSON.stringify(box));
  await page.keyboard.press('Escape');
  await merge.waitFor({ state: 'hidden' });
  // Chosen, an action closes the list and opens its form.
  await row.locator('summary').click();
  await row.getByRole('button', { name: '拆分' }).click();
  await row.getByRole('button', { name: '拆分' }).waitFor({ state: 'hidden' });
  await page.locator('#org-action').waitFor();
  await setLarge(false);
});

// A4 with the 12 mm margins of the print style: what is left for the page's content, in CSS px.
const A4 = { portrait: Math.floor(((210 - 24) / 25.4) * 96), landscape: Math.floor(((297 - 24) / 25.4) * 96) };

test('every print view fits A4 portrait and landscape, repeats its table headings and keeps rows whole', async () => {
  // The print views, reached from the lists as a clerk would.
  await show('#/orgs');
  const township = (await page.locator('table.org-table a[href^="#/orgs/"]').first().getAttribute('href')).slice('#/orgs/'.length);
  await show('#/members|table.roster a[href^="#/members/"]');
  const member = new URL(page.url()).hash;
  await show('#/diary|table.diaries a[href^="#/diary/"]');
  const entry = new URL(page.url()).hash;
  await show('#/diary/households|main table a[href^="#/diary/households/"]');
  const archive = new URL(page.url()).hash;
  const views = [
    `#/members/roster/${township}`, `${member}/card`, '#/stats', entry, `${entry}/supervision`, archive,
    '#/diary/report', '#/diary/report/board', '#/diary/report/charts', '#/scoring/notice/appraisal/2026',
  ];
  const wrong = [];
  for (const [orientation, width] of Object.entries(A4)) {
    await page.setViewportSize({ width, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    for (const hash of views) {
      await page.goto(BASE + '/' + hash);
      await settle();
      const f = await page.evaluate(() => {
        const doc = document.documentElement;
        const tables = [...document.querySelectorAll('main table')].filter((t) => t.checkVisibility());
        return {
          sideways: Math.max(doc.scrollWidth - doc.clientWidth, ...tables.map((t) => t.getBoundingClientRect().right - doc.clientWidth)),
          headings: tables.filter((t) => t.tHead && getComputedStyle(t.tHead).display !== 'table-header-group').length,
          cut: tables.filter((t) => [...t.rows].some((r) => getComputedStyle(r).breakInside !== 'avoid')).length,
        };
      });
      const broken = (await faults()).broken;
      const name = hash.replace(/[0-9a-f-]{36}/g, 'x').replace(/[^a-z]+/g, '-');
      await page.screenshot({ path: `${SHOTS}layout-print-${orientation}${name}.png`, fullPage: true });
      if (f.sideways > 1 || f.headings || f.cut || broken.length) wrong.push(`${orientation} ${hash}: ${JSON.stringify({ ...f, broken })}`);
    }
  }
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1024, height: 768 });
  // The roster as the printer gets it: A4 portrait pages, each beginning with the headings.
  await page.goto(`${BASE}/#/members/roster/${township}`);
  await settle();
  await page.pdf({ path: `${SHOTS}layout-roster.pdf`, format: 'A4' });
  assert.deepEqual(wrong, []);
});
