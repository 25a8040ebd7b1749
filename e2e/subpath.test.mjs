// Deployable anywhere: the same dist/ served under a sub-path (https://shop.example/search/) starts, loads its
// catalog and answers typed and spoken queries. Nothing is fetched from the site root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, ui, eventually, speakQuery, screenshot } from './support/browser.mjs';

const h = new Harness({ base: '/search/' });
before(() => h.start());
after(() => h.stop());

const T = { timeout: 60_000 };
const titles = (page) => page.locator('ol[aria-label="Results"] > li .result-title').allTextContents();

test('under /search/ the page starts, and typed and spoken queries find things', T, async () => {
  const { page, errors } = await h.newPage();
  await h.open(page);
  await eventually(async () => assert.match(await page.getByRole('status').textContent(), /Ready — [\d,]+ things\./),
    { timeout: 15_000, message: 'catalog ready under /search/' });
  await ui(page).search.fill('tuning fork');
  await eventually(async () => assert.match((await titles(page))[0] || '', /tuning fork/i));
  await speakQuery(page, 'cheddar');
  await eventually(async () => assert.match((await titles(page))[0] || '', /cheddar/i));
  await screenshot(page, 'subpath');
  const outside = h.server.requests.filter((r) => !r.path.startsWith('/search/') && r.path !== '/favicon.ico');
  assert.deepEqual(outside, [], 'every request stays under /search/');
  assert.deepEqual(errors, []);
});

test('under /search/ a catalog without an index is indexed by the worker', T, async () => {
  const { page, errors } = await h.newPage();
  await h.open(page, '?catalog=catalog/things.jsonl');
  await eventually(async () => assert.match(await page.getByRole('status').textContent(), /Ready — [\d,]+ things\./),
    { timeout: 30_000, message: 'catalog indexed under /search/' });
  assert.ok(h.server.requests.some((r) => r.path === '/search/hark-worker_bg.wasm'), 'the worker wasm was fetched');
  await ui(page).search.fill('espresso');
  await eventually(async () => assert.ok((await titles(page)).some((t) => /espresso/i.test(t))));
  assert.deepEqual(errors, []);
});
