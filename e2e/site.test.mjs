// `cargo xtask site`: a site made from a catalog with its own field names (e2e/fixtures/own-fields: sku, name,
// blurb, kind, link; config file shop.json), served under a sub-path, answers typed and spoken queries from its
// prebuilt index, and never fetches the WordNet catalog or the indexing worker. The same site shows what the
// honesty rules say: skipped lines on the status line (named by the index, and when the page indexes the catalog),
// a typo in hark.json named, an index that no longer matches re-indexed with a warning.
//
// The site is built once per run: from $HARK_SITE if set, else here with `cargo xtask site --dist` from the
// release build in $HARK_DIST (or dist/), which takes a few seconds and no new wasm build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Harness, ui, eventually, speakQuery, screenshot } from './support/browser.mjs';
import { repoRoot } from './support/server.mjs';

const siteDir = process.env.HARK_SITE || path.join(repoRoot, 'target', 'e2e-site');
const config = path.join(repoRoot, 'e2e', 'fixtures', 'own-fields', 'shop.json');
if (!process.env.HARK_SITE) {
  const dist = process.env.HARK_DIST || path.join(repoRoot, 'dist');
  execFileSync('cargo', ['xtask', 'site', '--config', config, '--dist', dist, '--out', siteDir],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

const BASE = '/shop/';
const h = new Harness({ root: siteDir, base: BASE });
before(() => h.start());
after(() => h.stop());

const T = { timeout: 60_000 };
const titles = (page) => page.locator('ol[aria-label="Results"] > li .result-title').allTextContents();
const alerts = (page) => page.getByRole('alert').allTextContents();
const statusText = (page) => ui(page).status.textContent();
const shopConfig = () => JSON.parse(fs.readFileSync(path.join(siteDir, 'hark.json'), 'utf8'));

test('the site folder has the app, its config as hark.json, its catalog and index, compressed copies, no WordNet', () => {
  const has = (file) => fs.existsSync(path.join(siteDir, file));
  assert.ok(has('index.html') && has('hark.json') && has('data/products.jsonl') && has('data/products.hidx'));
  assert.equal(shopConfig().index, 'data/products.hidx', 'the index the site command built is named in hark.json');
  assert.equal(shopConfig().fields.title, 'name');
  const wasm = fs.readdirSync(siteDir).filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.length >= 2, 'the app and the worker');
  for (const file of [...wasm, 'index.html', 'hark.json', 'data/products.hidx']) {
    assert.ok(has(`${file}.gz`) && has(`${file}.br`), `${file}.gz and .br`);
  }
  assert.ok(!has('catalog'), 'no WordNet catalog');
  assert.ok(!has('hark.remote.json') && !has('hark.shop.json'), "none of Hark's sample configs");
});

test('under /shop/ the site answers typed and spoken queries from its own fields, without indexing', T, async () => {
  const { page, errors } = await h.newPage();
  await h.open(page);
  // The index names the line its builder left out, as a page that indexes the catalog itself does.
  await eventually(async () => assert.ok((await statusText(page))
    .startsWith('Ready — 9 products (1 line skipped: line 7, invalid JSON at column 90). '), await statusText(page)),
  { timeout: 15_000, message: 'the prebuilt index is ready' });
  assert.match(await page.locator('details.warnings li').first().textContent(), /^line 7 skipped: invalid JSON at column 90$/);
  await ui(page).search.fill('walnut lamp');
  await eventually(async () => assert.equal((await titles(page))[0], 'Walnut desk lamp'));
  const link = page.locator('ol[aria-label="Results"] > li a').first();
  assert.equal(await link.getAttribute('href'), 'https://shop.example/p/lamp-01', 'the url comes from "link"');
  await speakQuery(page, 'quiet comfort headphones');
  await eventually(async () => assert.equal((await titles(page))[0], 'Noise cancelling headphones'));
  await screenshot(page, 'site-own-fields');
  const outside = h.server.requests.filter((r) => !r.path.startsWith(BASE) && r.path !== '/favicon.ico');
  assert.deepEqual(outside, [], 'every request stays under /shop/');
  assert.ok(!h.server.requests.some((r) => r.path.includes('hark-worker')), 'the page never indexes');
  assert.ok(!h.server.requests.some((r) => r.path.includes('things')), 'no WordNet');
  assert.deepEqual(errors, []);
});

test('a bad catalog line is skipped and named on the status line, the rest is searchable', T, async () => {
  const { page, errors } = await h.newPage();
  await h.open(page, '?catalog=data/products.jsonl');
  await eventually(async () => assert.ok((await statusText(page))
    .startsWith('Ready — 9 products (1 line skipped: line 7, invalid JSON at column 90). '), await statusText(page)),
  { timeout: 30_000, message: 'indexed with one line skipped' });
  // The details are open, not behind a click.
  const warning = page.locator('details.warnings li').first();
  await warning.waitFor({ state: 'visible' });
  assert.match(await warning.textContent(), /^line 7 skipped: invalid JSON at column 90$/);
  await ui(page).search.fill('umbrella');
  await eventually(async () => assert.equal((await titles(page))[0], 'Storm umbrella'));
  assert.deepEqual(errors, []);
});

test('a typo in hark.json is named with the key it should be', T, async () => {
  const typo = { ...shopConfig(), catalgo: 'data/products.jsonl' };
  h.server.route(`${BASE}hark.json`, { body: typo });
  try {
    const { page, errors } = await h.newPage();
    await h.open(page);
    await eventually(async () => assert.match((await alerts(page)).join(' '),
      /The site configuration \(hark\.json\) is not valid: unknown key `catalgo` — did you mean `catalog`\?/),
    { timeout: 10_000 });
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  } finally {
    h.server.unroute(`${BASE}hark.json`);
  }
});

test('an index built with another config is not trusted: a warning, and the catalog is indexed instead', T, async () => {
  const changed = { ...shopConfig(), weights: { title: 5.0, description: 1.0 } };
  h.server.route(`${BASE}hark.json`, { body: changed });
  try {
    const { page, errors } = await h.newPage();
    await h.open(page);
    await eventually(async () => assert.match(await statusText(page), /Ready — 9 products \(1 line skipped/),
      { timeout: 30_000, message: 'indexed in the page' });
    const warnings = await page.locator('details.warnings li').allTextContents();
    assert.ok(warnings.some((w) => /The index data\/products\.hidx does not match this site: it was built with other field names, weights or language/.test(w)), warnings.join('\n'));
    assert.ok(h.server.requests.some((r) => r.path === `${BASE}hark-worker_bg.wasm`), 'the worker indexed the catalog');
    await ui(page).search.fill('kettle');
    await eventually(async () => assert.equal((await titles(page))[0], 'Copper kettle'));
    assert.deepEqual(errors, []);
  } finally {
    h.server.unroute(`${BASE}hark.json`);
  }
});
