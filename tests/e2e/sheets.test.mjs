// The spreadsheet worker in the release build: the first load does not fetch it, the service
// worker caches it afterwards, and with the server gone it still reads each fixture and writes
// .xlsx and CSV that read back the same. Driven through its message API (spreadsheet-worker.js),
// as ui/sheets.rs drives it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { launch, freshContext, open, startServer, SHOTS } from './helpers.mjs';

const FIXTURES = new URL('../../sheets/tests/fixtures/', import.meta.url);
const fixture = (name) => [...readFileSync(new URL(name, FIXTURES))];
const LAZY = /\/(spreadsheet-worker\.js|sheets_worker\.js|sheets_worker_bg\.wasm)$/;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Runs requests through one spreadsheet worker in the page; answers as plain data. */
function inWorker(page, requests) {
  return page.evaluate(async (requests) => {
    const worker = new Worker('./spreadsheet-worker.js');
    const answers = [];
    for (const [i, r] of requests.entries()) {
      const message = { ...r, id: i + 1 };
      const transfer = [];
      if (r.bytes) { message.bytes = new Uint8Array(r.bytes).buffer; transfer.push(message.bytes); }
      const reply = await new Promise((resolve) => {
        worker.onmessage = (e) => { if (e.data.id === message.id) resolve(e.data); };
        worker.postMessage(message, transfer);
      });
      answers.push({ ...reply, bytes: reply.bytes ? [...new Uint8Array(reply.bytes)] : undefined });
    }
    worker.terminate();
    return answers;
  }, requests);
}

test('the spreadsheet worker loads only on use, works offline, and reads and writes rosters', async () => {
  const server = await startServer();
  const context = await freshContext(browser);
  try {
    const page = await open(context, '/', server.base);
    const pageRequests = [];
    page.on('request', (r) => pageRequests.push(r.url()));
    await page.getByRole('dialog', { name: '首次使用：设置本站点' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(pageRequests.filter((u) => LAZY.test(u)), [], 'the first load does not fetch the spreadsheet worker');

    // The service worker then caches it, after the first load's files.
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cached = await page.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) {
        for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname);
      }
      return names;
    });
    for (const f of ['/spreadsheet-worker.js', '/sheets_worker.js', '/sheets_worker_bg.wasm']) assert.ok(cached.includes(f), `${f} is cached`);
    const mainWasm = server.log.findIndex((p) => /^\/dangjian-[0-9a-f]+_bg\.wasm$/.test(p));
    const sheetsWasm = server.log.indexOf('/sheets_worker_bg.wasm');
    console.log(`requests to the server: ${server.log.join(" ")}`);
    assert.ok(mainWasm >= 0 && sheetsWasm > mainWasm, `the worker's wasm is fetched after the app's (${server.log.join(' ')})`);

    // No network from here on.
    server.kill();
    await once(server, 'exit');
    await page.reload();
    await page.getByRole('dialog', { name: '首次使用：设置本站点' }).waitFor();

    const [xlsx, xls, utf8, gbk, empty, page2003] = await inWorker(page, [
      { op: 'read', name: 'roster.xlsx', bytes: fixture('roster.xlsx') },
      { op: 'read', name: '花名册.xls', bytes: fixture('roster.xls') },
      { op: 'read', name: 'roster-utf8.csv', bytes: fixture('roster-utf8.csv') },
      { op: 'read', name: 'roster-gbk.csv', bytes: fixture('roster-gbk.csv') },
      { op: 'read', name: 'empty.xlsx', bytes: [] },
      { op: 'read', name: '导出.xls', bytes: [...Buffer.from('<html><table><tr><td>姓名</td></tr></table></html>')] },
    ]);
    const header = ['姓名', '性别', '民族', '公民身份号码', '出生日期', '入党日期', '联系电话', '备注', '登记时间'];
    const zhang = ['张三', '男', '汉族', '430121198001011234', '1980-01-01', '2001-07-01', '13800000001', '', '2026-11-23 08:30:00'];
    for (const [label, reply, rounded] of [['xlsx', xlsx, '430121198502022000'], ['xls', xls, '430121198502022000'], ['utf8 csv', utf8, '4.30121E+17'], ['gbk csv', gbk, '4.30121E+17']]) {
      assert.equal(reply.ok, true, label);
      const sheet = JSON.parse(reply.json).Ok.sheets[0];
      assert.deepEqual(sheet.rows.slice(0, 2), [header, zhang], label);
      assert.equal(sheet.rows[2][3], rounded, label);
      assert.deepEqual(sheet.warnings, [{ row: 2, col: 3, kind: 'DigitsLost' }], label);
      assert.equal(sheet.rows[3][7], '=1+2', label);
    }
    assert.equal(JSON.parse(xls.json).Ok.sheets[1].hidden, true);
    assert.deepEqual(JSON.parse(empty.json), { Err: 'Empty' });
    assert.deepEqual(JSON.parse(page2003.json), { Err: 'WebPageAsXls' });

    // Export and read back.
    const rows = [header, zhang, ['王五', '男', '苗族', '430121800303123', '1980-03-03', '', '0731-84000000', '=HYPERLINK("http://example.invalid")', '@SUM(A1)']];
    const [outXlsx, outCsv] = await inWorker(page, [
      { op: 'xlsx', sheet: '党员名册', rows: JSON.stringify(rows) },
      { op: 'csv', rows: JSON.stringify(rows) },
    ]);
    assert.deepEqual(outXlsx.bytes.slice(0, 4), [0x50, 0x4b, 3, 4], 'a zip');
    assert.deepEqual(outCsv.bytes.slice(0, 3), [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    const csvText = Buffer.from(outCsv.bytes.slice(3)).toString('utf8');
    assert.match(csvText, /,"'=HYPERLINK\(""http:\/\/example.invalid""\)",'@SUM\(A1\)\r\n$/);
    const [backXlsx, backCsv] = await inWorker(page, [
      { op: 'read', name: '党员名册.xlsx', bytes: outXlsx.bytes },
      { op: 'read', name: '党员名册.csv', bytes: outCsv.bytes },
    ]);
    const trimmed = rows.map((r) => { const c = [...r]; while (c.length && c.at(-1) === '') c.pop(); return c; });
    assert.deepEqual(JSON.parse(backXlsx.json).Ok.sheets[0].rows, trimmed);
    assert.deepEqual(JSON.parse(backCsv.json).Ok.sheets[0].rows, trimmed);
    await page.screenshot({ path: SHOTS + 'sheets-offline.png' });
    assert.deepEqual(page.errors, []);
  } finally {
    server.kill();
    await context.close();
  }
});
