// Trunk post-build hook: the app was once three pages (index.html, cadres.html, exchange.html).
// It is one page now; the old addresses (bookmarks, notes, links in files) still land on the
// section their hash names: each is a small page that replaces itself with `./#…`. Offline, sw.js
// answers any navigation with the one page, which shows the hash the same way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');

export const FORMER_PAGES = ['cadres.html', 'exchange.html'];
for (const page of FORMER_PAGES) {
  writeFileSync(join(dir, page), `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>基层党建工作台</title>
<script>location.replace('./' + location.hash);</script></head>
<body><p><a href="./">打开基层党建工作台</a></p></body>
</html>
`);
}
