// Times an import and an export of large exchange files in the browser (not part of the test
// suite). Make the files first:
//   EXCHANGE_SAMPLE_DIR=/tmp cargo test --release -p dangjian-exchange --test exchange_bench -- --ignored write_sample_files
// then, against a release build being served:
//   E2E_BASE_URL=http://127.0.0.1:8130 node tests/e2e/exchange-large.mjs /tmp/exchange-township.json
import { statSync } from 'node:fs';
import { BASE, SHOTS, launch, freshContext, open, ready, firstRun } from './helpers.mjs';

const files = process.argv.slice(2);
const browser = await launch();
for (const path of files) {
  const context = await freshContext(browser);
  const page = await open(context);
  await firstRun(page, '测试站点', '乡镇');
  await page.goto(`${BASE}/#/exchange/import`);
  await ready(page);
  await page.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached' });
  const mb = (statSync(path).size / 1e6).toFixed(1);
  let t = Date.now();
  await page.getByLabel('选择交换文件').setInputFiles(path);
  await page.getByRole('heading', { name: '导入预览' }).waitFor({ timeout: 600_000 });
  const checked = Date.now() - t;
  await page.screenshot({ path: SHOTS + 'exchange-large-preview.png' });
  t = Date.now();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.locator('.exchange-files').getByText('已导入“').waitFor({ timeout: 600_000 });
  const written = Date.now() - t;
  await page.goto(`${BASE}/#/exchange`);
  await ready(page);
  await page.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached', timeout: 600_000 });
  t = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 600_000 }),
    page.getByRole('button', { name: '导出文件' }).click(),
  ]);
  const exported = Date.now() - t;
  await download.saveAs('/tmp/exchange-large-out.json');
  const out = (statSync('/tmp/exchange-large-out.json').size / 1e6).toFixed(1);
  console.log(`${path} (${mb} MB): read + check + preview ${checked} ms, write ${written} ms; export ${exported} ms (${out} MB); errors: ${JSON.stringify(page.errors)}`);
  if (process.env.PASSPHRASE) {
    await page.getByLabel('为文件设置密码').check();
    await page.getByLabel('密码', { exact: true }).fill(process.env.PASSPHRASE);
    await page.getByLabel('再次输入密码').fill(process.env.PASSPHRASE);
    t = Date.now();
    const [sealed] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      page.getByRole('button', { name: '导出文件' }).click(),
    ]);
    const sealedMs = Date.now() - t;
    await sealed.saveAs('/tmp/exchange-large-sealed.json');
    const other = await freshContext(browser);
    const p2 = await open(other);
    await firstRun(p2, '另一站点', '村');
    await p2.goto(`${BASE}/#/exchange/import`);
    await ready(p2);
    await p2.getByText('正在读取本站点的全部数据').waitFor({ state: 'detached' });
    await p2.getByLabel('选择交换文件').setInputFiles('/tmp/exchange-large-sealed.json');
    await p2.getByLabel('密码', { exact: true }).fill(process.env.PASSPHRASE);
    t = Date.now();
    await p2.getByRole('button', { name: '打开文件' }).click();
    await p2.getByRole('heading', { name: '导入预览' }).waitFor({ timeout: 600_000 });
    const openMs = Date.now() - t;
    const size = (statSync('/tmp/exchange-large-sealed.json').size / 1e6).toFixed(1);
    console.log(`  with a passphrase: export ${sealedMs} ms (${size} MB); decrypt + check + preview ${openMs} ms; errors: ${JSON.stringify(p2.errors)}`);
    await other.close();
  }
  await context.close();
}
await browser.close();
