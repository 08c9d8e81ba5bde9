// Trunk post-build hook: writes sw.js into the build, precaching every file Trunk emitted, so a
// station that opened the page once keeps working with no network (a village PC is often offline).
// That includes the spreadsheet worker, which the page itself loads only on use: sw.js fetches it
// after the files of the first load, and does not wait for it before taking over.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isLazy, isOffPage } from './lazy-files.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    const path = relative(dir, p).split('\\').join('/');
    if (statSync(p).isDirectory()) walk(p);
    // The USB edition is copied onto a stick, never loaded by the page.
    else if (name !== 'sw.js' && !isOffPage(path)) files.push(path);
  }
};
walk(dir);
files.sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const core = ['./', ...files.filter((f) => !isLazy(f)).map((f) => './' + f)];
const lazy = files.filter(isLazy).map((f) => './' + f);
// Trunk puts a content hash (16 hex digits) in most names; not in index.html's or a worker's.
const unhashed = ['./', ...files.filter((f) => !/-[0-9a-f]{10,16}/.test(f)).map((f) => './' + f)];

writeFileSync(join(dir, 'sw.js'), `// Written by scripts/service-worker.mjs at build time.
const CACHE = 'dangjian-${version}';
// The first page load: all cached before this worker takes over.
const CORE = ${JSON.stringify(core)};
// Loaded only on use (the spreadsheet worker): cached too, but a failure does not stop the rest
// from working offline; the fetch handler below caches them when they are first used.
const LAZY = ${JSON.stringify(lazy)};
// Names without a content hash are fetched past the browser's HTTP cache (revalidated), so a
// new build is never cached with an old copy of one of them.
const UNHASHED = new Set(${JSON.stringify(unhashed)});
const fresh = (path) => new Request(path, UNHASHED.has(path) ? { cache: 'no-cache' } : {});
const lazyUrls = new Set(LAZY.map((path) => new URL(path, self.location).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then(async (cache) => {
        await cache.addAll(CORE.map(fresh));
        await cache.addAll(LAZY.map(fresh)).catch(() => {});
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('dangjian-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page itself: from the network when there is one (so a new version arrives), else cached.
    event.respondWith(fetch(request).catch(() => caches.match('./', { ignoreSearch: true })));
    return;
  }
  // Everything else is of this build (the cache is named after it): the cached copy is the right one.
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
    if (response.ok && lazyUrls.has(request.url)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
  })));
});
`);
console.log(`service worker: ${core.length} files precached, ${lazy.length} more after them (loaded on use), version ${version}`);
