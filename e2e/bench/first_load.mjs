// First load: what a page downloads before it is ready, as gzip -9 would send it.
//
// The requests are the ones the static server answered between navigation and "ready" (the status line says
// "Ready", then no request for 500 ms), so a worker's wasm that is only fetched for a catalog without an index is
// never counted, and nothing the page fetches at start is missed (workers' requests included). Each is sized from the
// file that was sent, compressed with zlib at level 9 (what `gzip -9` does, without gzip's file header).
// "app": the document, scripts, wasm and styles; "data": everything else (site config, catalog, index).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { newPage } from '../support/browser.mjs';

const APP_EXTENSIONS = new Set(['.html', '.htm', '.js', '.mjs', '.wasm', '.css']);

/** Wait until the status line says "Ready" and the network has been quiet for `quietMs`. */
async function waitReadyAndQuiet(page, server, { timeout = 60000, quietMs = 500 } = {}) {
  await page.waitForFunction(() => /\bReady\b/.test(document.querySelector('[role="status"]')?.textContent || ''), null, { timeout });
  let seen = -1;
  while (seen !== server.requests.length) {
    seen = server.requests.length;
    await page.waitForTimeout(quietMs);
  }
}

/**
 * Load `site` (from sites.mjs) at `search` (e.g. '' or '?catalog=…') in a fresh page and return
 * {files: [{path, kind, bytes, gzip}], app: {bytes, gzip}, data: {bytes, gzip}}.
 */
export async function measureFirstLoad({ browser, site, search = '' }) {
  const { context, page, errors } = await newPage(browser, { config: { voicesImmediate: true } });
  try {
    const first = site.server.requests.length;
    await page.goto(site.url + '/' + search);
    await waitReadyAndQuiet(page, site.server);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const seen = new Set();
    const files = [];
    for (const request of site.server.requests.slice(first)) {
      const pathname = new URL(request.path, site.url).pathname;
      if (request.status !== 200 || seen.has(pathname)) continue;
      seen.add(pathname);
      const file = site.fileFor(pathname);
      if (!file) continue;
      const data = fs.readFileSync(file);
      const kind = APP_EXTENSIONS.has(path.extname(file).toLowerCase()) ? 'app' : 'data';
      files.push({ path: pathname, kind, bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length });
    }
    const total = (kind) => files.filter((f) => f.kind === kind).reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip }), { bytes: 0, gzip: 0 });
    return { files, app: total('app'), data: total('data') };
  } finally {
    await context.close();
  }
}
