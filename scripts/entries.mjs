// Trunk post-build hook: writes the entry pages besides index.html (src/ui/sections.rs): cadres.html
// (发展党员, 干部与培训) and exchange.html (数据交换). Trunk builds each page's wasm as a "worker" (no
// tag in index.html, names without a hash). This gives its two files a content hash, like the main
// wasm's (so a browser never pairs a new page with an old cached file), and writes the page as
// index.html with the main wasm's script and preloads pointing at them instead.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');

const entries = [
  { bin: 'dangjian_cadres', page: 'cadres.html' },
  { bin: 'dangjian_exchange', page: 'exchange.html' },
];
const index = readFileSync(join(dir, 'index.html'), 'utf8');
// Trunk writes its hash as a number in hex, so a leading zero is dropped: 15 digits, now and then.
const main = /import init, \* as bindings from '\/(dangjian-[0-9a-f]{10,16})\.js'/.exec(index);
if (!main) throw new Error('index.html: the main wasm script was not found');
const mainBase = main[1];

for (const { bin, page } of entries) {
  const js = join(dir, `${bin}.js`);
  const wasm = join(dir, `${bin}_bg.wasm`);
  const hash = createHash('sha256').update(readFileSync(js)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
  const base = `${bin}-${hash}`;
  renameSync(js, join(dir, `${base}.js`));
  renameSync(wasm, join(dir, `${base}_bg.wasm`));
  // Integrity hashes belong to the main wasm's files: dropped where the names change.
  const html = index
    .replace(/(<link[^>]*href="\/dangjian-[0-9a-f]{10,16}(?:_bg\.wasm|\.js)"[^>]*?) integrity="[^"]*"/g, '$1')
    .split(mainBase).join(base);
  if (html === index) throw new Error(`${page}: nothing replaced`);
  writeFileSync(join(dir, page), html);
}
// A file left under a worker name would be precached and served for nothing.
for (const name of readdirSync(dir)) {
  if (entries.some(({ bin }) => name === `${bin}.js` || name === `${bin}_bg.wasm`)) throw new Error(`left over: ${name}`);
}
