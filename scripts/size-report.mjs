// Prints the first page load (HTML, JS, wasm, CSS) gzipped, against the 400 KB budget.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 400 * 1024;
const dist = process.argv[2] ?? 'dist';
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(html|js|wasm|css)$/.test(name)) files.push(p);
  }
};
walk(dist);
let raw = 0, gz = 0;
for (const f of files.sort()) {
  const bytes = readFileSync(f);
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += z;
  console.log(`  ${f.padEnd(60)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  ${(z / 1024).toFixed(1).padStart(7)} KB gzip`);
}
console.log(`first page load: ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB, ${(100 * gz / BUDGET).toFixed(0)}% used)`);
