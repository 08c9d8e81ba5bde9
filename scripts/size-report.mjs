// Prints the first page load (HTML, JS, wasm, CSS) gzipped, against its budget, and apart
// from it the files loaded only on use (scripts/lazy-files.mjs), each group with the shared files it
// needs beyond what the first load already cached.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isLazy, isOffPage, lazyGroup, lazyGroups } from './lazy-files.mjs';

// The first load's budget: 650 KB gzip; 800 KB once 民情日记 and 考核评分 are in (issue "One app").
const BUDGET = 650 * 1024;
const BUDGET_WITH_DIARY_AND_SCORING = 800 * 1024;
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
const offPage = files.filter((f) => isOffPage(relative(dist, f).split('\\').join('/')));
files.splice(0, files.length, ...files.filter((f) => !offPage.includes(f)));
const kb = (n) => (n / 1024).toFixed(1);
const report = (list) => {
  let raw = 0, gz = 0;
  for (const f of list) {
    const bytes = readFileSync(f);
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length; gz += z;
    console.log(`  ${f.padEnd(60)} ${kb(bytes.length).padStart(8)} KB  ${kb(z).padStart(7)} KB gzip`);
  }
  return { raw, gz };
};
files.sort();
const lazy = files.filter((f) => isLazy(relative(dist, f).split('\\').join('/')));
const first = report(files.filter((f) => !lazy.includes(f)));
console.log(`first page load: ${kb(first.raw)} KB, ${kb(first.gz)} KB gzip (budget ${BUDGET / 1024} KB, ${(100 * first.gz / BUDGET).toFixed(0)}% used; ${BUDGET_WITH_DIARY_AND_SCORING / 1024} KB with diaries and scoring)`);
console.log(`first-load budget ${BUDGET / 1024} KB gzip: ${first.gz <= BUDGET ? 'met' : `NOT met (${kb(first.gz - BUDGET)} KB over)`}`);
const rel = (f) => relative(dist, f).split('\\').join('/');
for (const group of lazyGroups) {
  const list = lazy.filter((f) => lazyGroup(rel(f)) === group);
  if (!list.length) continue;
  const later = report(list);
  console.log(`${group}, cached by sw.js after the first load: ${kb(later.raw)} KB, ${kb(later.gz)} KB gzip`);
}
if (offPage.length) {
  const usb = report(offPage);
  console.log(`USB edition (opened from disk, never loaded by the hosted page): ${kb(usb.raw)} KB`);
}
