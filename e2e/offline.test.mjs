// Offline after the first visit (sw.js): after one visit online, with the network gone (Playwright's offline mode,
// and the test server cutting every connection) the page reloads, searches typed queries, says that cloud recognition
// needs a connection, still searches by voice when recognition runs on the device, and the remote engine names the
// missing connection. A new deploy replaces the cached app; the same works under a sub-path and a strict CSP.
//
//   cd e2e && HARK_DIST=../dist node --test offline.test.mjs
import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, ui, eventually, speakQuery, screenshot } from './support/browser.mjs';
import { defaultRoot, repoRoot } from './support/server.mjs';
import { STRICT_CSP } from './support/csp.mjs';

const T = { timeout: 90_000 };
const titles = (page) => page.locator('ol[aria-label="Results"] > li .result-title').allTextContents();
const note = (page) => page.locator('.offline-note');
const onDevice = (page) => page.getByRole('checkbox', { name: 'Recognize on this device' });

/** The names of the page's caches, and the URLs (relative to `base`) stored in each. */
function cached(page, base) {
  return page.evaluate(async (prefix) => {
    const out = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => r.url.slice(prefix.length)).sort();
    }
    return out;
  }, base);
}

/** A first visit online: the app is ready, the service worker controls the page and has stored the catalog. */
async function firstVisit(h, page, search = '', data = ['catalog/things.hidx', 'hark.json']) {
  await h.open(page, search);
  await eventually(async () => assert.match(await ui(page).status.textContent(), /Ready — /), {
    timeout: 30_000,
    message: 'ready on the first visit',
  });
  await eventually(async () => assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))), {
    message: 'the service worker controls the page',
  });
  await eventually(async () => {
    const stored = (await cached(page, h.url))['hark-data'] || [];
    for (const file of data) assert.ok(stored.includes(file), `${file} is stored (${stored})`);
  }, { timeout: 15_000 });
}

/** The network goes away: for the page (navigator.onLine, its events) and for the server (no answers at all). */
async function goOffline(h, context) {
  h.server.setOffline(true);
  await context.setOffline(true);
}

async function goOnline(h, context) {
  h.server.setOffline(false);
  await context.setOffline(false);
}

describe('offline at /, under a strict CSP', () => {
  const h = new Harness({ csp: STRICT_CSP });
  before(() => h.start());
  after(() => h.stop());

  test('after a first visit, offline: the page reloads, typed search works and cloud recognition needs a connection', T, async () => {
    const { page, context, errors } = await h.newPage({ config: { available: 'available' } });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
    });
    await firstVisit(h, page);
    const caches = await cached(page, h.url);
    const app = Object.keys(caches).filter((name) => name.startsWith('hark-app-'));
    assert.equal(app.length, 1, `one app cache: ${Object.keys(caches)}`);
    for (const file of ['index.html', 'boot.js']) assert.ok(caches[app[0]].includes(file), `${file} is precached`);
    // trunk names the build by a hash in hex without leading zeros: 15 digits when it starts with a zero.
    assert.ok(caches[app[0]].some((f) => /^hark-[0-9a-f]+_bg\.wasm$/.test(f)), 'the app wasm is precached');
    // A catalog with an index needs no indexing worker: the first visit downloads it no more than without offline.
    assert.ok(!caches[app[0]].includes('hark-worker_bg.wasm'), 'the worker wasm is kept only once used');
    assert.ok(!h.server.requests.some((r) => r.path.endsWith('hark-worker_bg.wasm')), 'the worker wasm was not fetched');
    assert.equal(await note(page).count(), 0, 'no offline note while online');

    await goOffline(h, context);
    const servedBefore = h.server.requests.filter((r) => r.status > 0).length;
    await page.reload();
    await eventually(async () => assert.match(await ui(page).status.textContent(), /Ready — [\d,]+ things\./), {
      timeout: 20_000,
      message: 'ready offline, from the cache',
    });
    assert.equal(h.server.requests.filter((r) => r.status > 0).length, servedBefore, 'nothing came from the server');
    await ui(page).search.fill('tuning fork');
    await eventually(async () => assert.match((await titles(page))[0] || '', /tuning fork/i));
    await eventually(async () => assert.match(await note(page).innerText(), /cloud recognition needs a connection/));
    assert.match(await note(page).innerText(), /Check “Recognize on this device”/);
    await screenshot(page, 'offline');

    // Recognition on the device needs no network: spoken search still works.
    await onDevice(page).check();
    await eventually(async () => assert.match(await note(page).innerText(), /voice search on this device still work/));
    await speakQuery(page, 'cheddar');
    await eventually(async () => assert.match((await titles(page))[0] || '', /cheddar/i));
    assert.equal(await page.evaluate(() => window.__harkFake.lastOptions.processLocally), true);

    await goOnline(h, context);
    await eventually(async () => assert.equal(await note(page).count(), 0), { message: 'the note goes when online' });
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
  });

  test('a stored copy that no load has used for 30 days is deleted at the next online load; the ones in use stay', T, async () => {
    const { page, errors } = await h.newPage();
    await firstVisit(h, page);
    await page.evaluate(async () => {
      const cache = await caches.open('hark-data');
      const day = 24 * 60 * 60 * 1000;
      const copy = (storedAt) => new Response('{}', { headers: storedAt ? { 'x-hark-stored-at': String(storedAt) } : {} });
      await cache.put('catalog/renamed.jsonl', copy(Date.now() - 31 * day));
      await cache.put('catalog/unstamped.jsonl', copy(null));
      await cache.put('catalog/yesterday.jsonl', copy(Date.now() - day));
    });
    await page.reload();
    await eventually(async () => {
      const stored = (await cached(page, h.url))['hark-data'] || [];
      assert.deepEqual(stored, ['catalog/things.hidx', 'catalog/yesterday.jsonl', 'hark.json']);
    }, { timeout: 15_000 });
    const stamp = await page.evaluate(async () => (await caches.match('hark.json', { cacheName: 'hark-data' })).headers.get('x-hark-stored-at'));
    assert.ok(Date.now() - Number(stamp) < 60_000, `the copy in use was stored again just now (${stamp})`);
    assert.deepEqual(errors, []);
  });

  test('offline, a catalog without an index is indexed by the worker from the cache', T, async () => {
    const { page, context } = await h.newPage();
    await firstVisit(h, page, '?catalog=catalog/things.jsonl', ['catalog/things.jsonl']);
    await goOffline(h, context);
    await page.reload();
    await eventually(async () => assert.match(await ui(page).status.textContent(), /Ready — [\d,]+ things\./), {
      timeout: 30_000,
      message: 'indexed offline by the cached worker',
    });
    await ui(page).search.fill('espresso');
    await eventually(async () => assert.ok((await titles(page)).some((t) => /espresso/i.test(t))));
    await goOnline(h, context);
  });

  test('offline, the remote engine says that searching needs a connection', T, async () => {
    const { page, context } = await h.newPage();
    await firstVisit(h, page, '?config=hark.remote.json', ['hark.remote.json']);
    await goOffline(h, context);
    await page.reload();
    await eventually(async () => assert.match(await ui(page).status.textContent(), /Ready — searching things on the server/), {
      timeout: 20_000,
      message: 'the remote config comes from the cache',
    });
    assert.match(await note(page).innerText(), /searches on its server, so searching needs a connection/);
    await ui(page).search.fill('lamp');
    await eventually(async () => {
      const alerts = await ui(page).alert.allInnerTexts();
      assert.ok(alerts.some((a) => /You're offline, and this search needs a connection/.test(a)), `alerts: ${alerts}`);
    });
    await goOnline(h, context);
  });
});

describe('a new deploy', () => {
  // A copy of dist/ per test, changed the way a deploy would change it.
  let root;
  let h;
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hark-offline-'));
    fs.cpSync(defaultRoot(), root, { recursive: true });
    h = new Harness({ root });
    await h.start();
  });
  afterEach(async () => {
    await h.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Deploy: index.html changed by `change`, restamped by the build's own hook script; returns the new version. */
  function deploy(change) {
    const index = path.join(root, 'index.html');
    fs.writeFileSync(index, change(fs.readFileSync(index, 'utf8')));
    return execFileSync('node', [path.join(repoRoot, 'sw-stamp.mjs'), root], { encoding: 'utf8' }).trim();
  }

  test('replaces the cached app: the new version is served offline and the old cache is gone', T, async () => {
    const { page, context } = await h.newPage();
    // A catalog without an index: the indexing worker is used, so its files are kept too.
    await firstVisit(h, page, '?catalog=catalog/things.jsonl', ['catalog/things.jsonl']);
    const before = Object.keys(await cached(page, h.url)).filter((name) => name.startsWith('hark-app-'));
    assert.equal(before.length, 1);

    const version = deploy((html) => html.replace('<title>Hark — voice search</title>', '<title>Hark — new deploy</title>'));
    assert.notEqual(`hark-app-${version}`, before[0], 'the changed file gives a new version');

    // The reload finds the new sw.js: the new build installs, takes over and drops the old cache. Each later load
    // drops it again (the old service worker may still have been storing a file while the new one took over).
    await page.reload();
    await eventually(async () => assert.ok(`hark-app-${version}` in (await cached(page, h.url))), { timeout: 20_000 });
    await eventually(async () => assert.ok(await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return !registration.installing && !registration.waiting && registration.active.state === 'activated';
    }), 'the new build is active'), { timeout: 20_000 });
    await eventually(async () => {
      await page.reload();
      const names = Object.keys(await cached(page, h.url)).filter((name) => name.startsWith('hark-app-'));
      assert.deepEqual(names, [`hark-app-${version}`]);
    }, { timeout: 20_000, interval: 500, message: 'only the new app cache is left' });
    const kept = (await cached(page, h.url))[`hark-app-${version}`];
    assert.ok(kept.includes('hark-worker_bg.wasm'), `the new build's worker is carried over: ${kept}`);

    await goOffline(h, context);
    await page.reload();
    await eventually(async () => assert.match(await ui(page).status.textContent(), /Ready — [\d,]+ things\./), {
      timeout: 30_000,
      message: 'indexed offline by the new build',
    });
    assert.equal(await page.title(), 'Hark — new deploy');
    await ui(page).search.fill('espresso');
    await eventually(async () => assert.ok((await titles(page)).some((t) => /espresso/i.test(t))));
    await goOnline(h, context);
  });

  test('<meta name="hark-offline" content="off"> unregisters the service worker and removes its caches', T, async () => {
    const { page } = await h.newPage();
    await firstVisit(h, page);
    deploy((html) => html.replace('<head>', '<head>\n    <meta name="hark-offline" content="off" />'));
    await page.reload();
    await eventually(async () => assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0), {
      message: 'no service worker left',
    });
    // A worker of the new build may still have been installing (and filling its cache) when the page unregistered
    // it; it stops once no page uses it, and the next load removes what it left.
    await page.goto('about:blank');
    await eventually(async () => {
      await h.open(page);
      assert.deepEqual(Object.keys(await cached(page, h.url)), []);
    }, { timeout: 15_000, message: 'no cache left' });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  });
});

describe('offline under a sub-path', () => {
  const h = new Harness({ base: '/search/' });
  before(() => h.start());
  after(() => h.stop());

  test('under /search/ the page works offline, its service worker scoped to /search/', T, async () => {
    const { page, context } = await h.newPage();
    await firstVisit(h, page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(scope, h.url);
    await goOffline(h, context);
    await page.reload();
    await eventually(async () => assert.match(await ui(page).status.textContent(), /Ready — [\d,]+ things\./), {
      timeout: 20_000,
    });
    await ui(page).search.fill('cheddar');
    await eventually(async () => assert.match((await titles(page))[0] || '', /cheddar/i));
    const outside = h.server.requests.filter((r) => !r.path.startsWith('/search/') && r.path !== '/favicon.ico');
    assert.deepEqual(outside, [], 'every request stays under /search/');
    await goOnline(h, context);
  });
});
