// Hark on a site's own page (README "On your own site"): mounted into <div data-hark>, attached to the site's existing
// <input type="search">, its DOM events (hark:query, hark:results, hark:select) with their details, the site's layout
// left alone, and the hark.json `site` block on the full page. Everything runs under a strict CSP.
//
//   cd e2e && HARK_DIST=../dist node --test embed.test.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Harness, ui, fake, eventually, e2eRoot } from './support/browser.mjs';
import { defaultRoot } from './support/server.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'";
const h = new Harness({ csp: CSP });
const T = { timeout: 90_000 };

// A small shop whose results link somewhere (WordNet things have no links).
const CATALOG = [
  { id: 'lamp-1', title: 'Desk lamp', description: 'A brass desk lamp', category: 'Lighting', url: 'https://shop.example/lamp-1' },
  { id: 'lamp-2', title: 'Camping lamp', description: 'A lantern for the tent', category: 'Camping', url: 'https://shop.example/lamp-2' },
  { id: 'boot-1', title: 'Hiking boots', description: 'Waterproof leather boots', category: 'Footwear', url: 'https://shop.example/boot-1' },
].map((item) => JSON.stringify(item)).join('\n');
const SHOP_CONFIG = { catalog: 'shop.jsonl', noun: 'products' };

/** The fixture page with the HARK line replaced by the stylesheet and boot tags of the built dist/index.html. */
async function fixturePage(name) {
  const index = await fs.readFile(path.join(defaultRoot(), 'index.html'), 'utf8');
  const tags = [/<link rel="stylesheet"[^>]*>/, /<script type="module"[^>]*data-hark-boot[^>]*><\/script>/].map((re) => {
    const found = index.match(re);
    if (!found) throw new Error(`dist/index.html has no ${re}`);
    return found[0];
  });
  const html = await fs.readFile(path.join(e2eRoot, 'fixtures', name), 'utf8');
  return html.replace(/ *<!-- HARK:[^>]*-->/, tags.join('\n'));
}

before(async () => {
  await h.start();
});
after(() => h.stop());
beforeEach(async () => {
  h.server.reset();
  for (const name of ['embed.html', 'embed-div.html']) {
    h.server.route(`/${name}`, { body: await fixturePage(name), type: 'text/html; charset=utf-8' });
  }
  for (const name of ['embed-site.js', 'embed-site.css']) {
    h.server.route(`/${name}`, { file: path.join(e2eRoot, 'fixtures', name) });
  }
  h.server.route('/shop.jsonl', { body: CATALOG, type: 'application/x-ndjson' });
});

/** A page that records CSP violations; opened at `file` once Hark's status says the catalog is ready. */
async function open(file, { config = { voicesImmediate: true }, init } = {}) {
  const opened = await h.newPage({ config });
  if (init) await opened.context.addInitScript(init);
  await opened.context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
  });
  await opened.page.goto(h.url + file);
  await eventually(async () => assert.match(await ui(opened.page).status.innerText(), /Ready|results? for/), {
    timeout: 20000,
    message: 'Hark should mount and load the catalog',
  });
  return opened;
}
const siteEvents = (page, type) =>
  page.evaluate((t) => window.siteEvents.filter((e) => e.type === t).map((e) => e.detail), type);
const lastEvent = async (page, type) => (await siteEvents(page, type)).at(-1);
const resultIds = (page) => page.locator('[data-hark] ol[aria-label="Results"] > li').evaluateAll((items) => items.map((li) => li.dataset.id));

test('attached to the site input: typed, submitted and spoken queries and a followed result dispatch events', T, async () => {
  h.server.route('/hark.json', { body: SHOP_CONFIG });
  const { page, errors } = await open('embed.html');
  const site = page.locator('#site-search');

  // The page keeps its own layout and elements; Hark adds only the microphone beside the site's input.
  assert.equal(await page.locator('input[type=search]').count(), 1, 'Hark adds no search box of its own');
  assert.equal(await page.locator('.site-search #site-search + .hark-mic-slot button[aria-label="Voice search"]').count(), 1);
  assert.equal(await page.locator('.site-header .site-search button[type=submit]').innerText(), 'Go');
  assert.equal(await page.locator('.site-body').evaluate((e) => getComputedStyle(e).display), 'grid');
  const body = await page.locator('body').evaluate((e) => [getComputedStyle(e).fontFamily, getComputedStyle(e).backgroundColor]);
  assert.deepEqual(body, ['Georgia, serif', 'rgb(250, 245, 235)'], "Hark's stylesheet leaves the site's body alone");
  assert.equal(await page.locator('[data-hark] ol[aria-label="Results"]').count(), 1, 'results render in the mount element');
  assert.equal(await page.locator('[data-hark] h1').count(), 0, 'no Hark heading without a site block');
  assert.equal(await page.locator('.credits').count(), 0, 'no WordNet credit with the site catalog');

  // Typed: each keystroke is a query; the answer follows.
  await site.fill('lamp');
  await eventually(async () => assert.deepEqual((await resultIds(page)).sort(), ['lamp-1', 'lamp-2']), {
    message: 'typing in the site input should search',
  });
  await eventually(async () => assert.deepEqual(await lastEvent(page, 'hark:query'), { text: 'lamp', origin: 'typed', alternatives: [], filters: [] }));
  await eventually(async () => {
    const results = await lastEvent(page, 'hark:results');
    assert.equal(results.query, 'lamp');
    assert.equal(results.count, 2);
    assert.deepEqual(results.ids, await resultIds(page));
  });

  // Submitted with Enter: Hark answers in place (the site's form does not navigate).
  await site.press('Enter');
  await eventually(async () => assert.equal((await lastEvent(page, 'hark:query')).origin, 'submitted'));
  assert.equal(new URL(page.url()).pathname, '/embed.html');

  // Spoken: the microphone beside the input listens, the input shows the phrase, the event has the n-best list.
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'activeCount')) === 1, { message: 'the microphone should listen' });
  await fake(page, 'interim', 'hiking');
  await eventually(async () => assert.equal(await site.inputValue(), 'hiking'));
  assert.equal(await site.getAttribute('data-hark-interim'), '', 'interim words are marked on the site input');
  await fake(page, 'say', 'hiking boots', { alternatives: [['hiking boot', 0.5]] });
  await eventually(async () => {
    const query = await lastEvent(page, 'hark:query');
    assert.equal(query.origin, 'spoken');
    assert.equal(query.text, 'hiking boots');
    assert.deepEqual(query.alternatives.map((a) => a.transcript), ['hiking boots', 'hiking boot']);
    assert.ok(Math.abs(query.alternatives[0].confidence - 0.92) < 1e-6, JSON.stringify(query.alternatives));
  });
  await eventually(async () => assert.equal(await site.inputValue(), 'hiking boots'));
  assert.equal(await site.getAttribute('data-hark-interim'), null);
  await eventually(async () => assert.deepEqual((await lastEvent(page, 'hark:results')).ids, ['boot-1']));

  // Following a result: hark:select with its id, URL and rank; the site cancels it to route the link itself.
  await page.evaluate(() => (document.body.dataset.siteRoutes = 'true'));
  await page.locator('[data-hark] ol[aria-label="Results"] > li a').first().click();
  await eventually(async () =>
    assert.deepEqual(await lastEvent(page, 'hark:select'), { id: 'boot-1', url: 'https://shop.example/boot-1', rank: 1 }),
  );
  assert.equal(new URL(page.url()).pathname, '/embed.html', 'a cancelled hark:select keeps the page');

  // "/" focuses the site's own input.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'site-search');

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(errors, []);
});

test('mounted into a div: its own search box, events on the mount element, Enter on a link selects', T, async () => {
  h.server.route('/hark.json', { body: SHOP_CONFIG });
  const { page, errors } = await open('embed-div.html?q=boots');
  // A shared link's query is a query too.
  await eventually(async () => assert.deepEqual(await siteEvents(page, 'hark:query'), [{ text: 'boots', origin: 'link', alternatives: [], filters: [] }]));
  await page.evaluate(() => {
    window.onMount = [];
    const mount = document.querySelector('[data-hark]');
    for (const type of ['hark:query', 'hark:results']) mount.addEventListener(type, (e) => window.onMount.push([type, e.target === mount, e.bubbles]));
  });
  assert.equal(await page.locator('[data-hark] input[type=search][aria-label="Search"]').count(), 1);
  assert.equal(await page.locator('[data-hark] button[aria-label="Voice search"]').count(), 1);
  assert.equal(await page.locator('main.site-main > h1').innerText(), 'Ask us anything', "the site's heading stays");
  await ui(page).search.fill('desk lamp');
  await eventually(async () => assert.equal((await resultIds(page))[0], 'lamp-1'));
  await eventually(async () =>
    assert.deepEqual(await page.evaluate(() => window.onMount), [['hark:query', true, true], ['hark:results', true, true]]),
  );
  // Enter on a focused result link is a click: without a cancel the browser follows it.
  await page.route('https://shop.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Lamp</p>' }));
  await page.locator('[data-hark] ol[aria-label="Results"] > li a').first().focus();
  // The page navigates away right after the event: the detail is sent out through a binding as it fires.
  const selected = [];
  await page.exposeFunction('reportSelect', (detail) => selected.push(detail));
  await page.evaluate(() => document.addEventListener('hark:select', (e) => window.reportSelect(e.detail)));
  await page.keyboard.press('Enter');
  await page.waitForURL('https://shop.example/lamp-1');
  await eventually(async () => assert.deepEqual(selected, [{ id: 'lamp-1', url: 'https://shop.example/lamp-1', rank: 1 }]));
  assert.deepEqual(errors, []);
});

test('the full page shows the site block of hark.json as soon as it is read, and the WordNet credit only with the WordNet catalog', T, async () => {
  const { page, errors } = await open('');
  assert.equal(await page.locator('body').getAttribute('class'), 'hark-page');
  assert.equal(await page.locator('h1').innerText(), 'Hark');
  await eventually(async () => assert.match(await page.locator('.credits').innerText(), /Default catalog: WordNet 3\.1/));

  h.server.route('/hark.json', {
    body: { ...SHOP_CONFIG, site: { title: 'Acme Outfitters', tagline: 'Ask for any gear', credits: [{ text: 'Photos: Unsplash', url: 'https://unsplash.com/' }] } },
  });
  // A slow catalog: the site's heading comes with hark.json, while the catalog still loads, never after "Hark".
  h.server.route('/shop.jsonl', { body: CATALOG, type: 'application/x-ndjson', delayMs: 1500 });
  const branded = await open('', {
    init: () => {
      window.__headings = [];
      new MutationObserver(() => {
        const heading = document.querySelector('h1')?.textContent;
        if (heading && heading !== window.__headings.at(-1)?.heading) {
          window.__headings.push({ heading, status: document.querySelector('[role=status]')?.textContent });
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    },
  });
  const headings = await branded.page.evaluate(() => window.__headings);
  assert.deepEqual(headings.map((seen) => seen.heading), ['Acme Outfitters'], JSON.stringify(headings));
  assert.doesNotMatch(headings[0].status, /Ready/, 'the heading is there before the catalog is ready');
  assert.equal(await branded.page.title(), 'Acme Outfitters', "the site's title is the document's too");
  assert.equal(await branded.page.locator('h1').innerText(), 'Acme Outfitters');
  assert.equal(await branded.page.locator('.tagline').innerText(), 'Ask for any gear');
  const credits = branded.page.locator('.credits a');
  assert.deepEqual(await credits.evaluateAll((links) => links.map((a) => [a.textContent, a.href])), [['Photos: Unsplash', 'https://unsplash.com/']]);
  assert.deepEqual([...errors, ...branded.errors], []);
});

test('a credit link that is not http(s) is refused with the key named', T, async () => {
  h.server.route('/hark.json', { body: { site: { credits: [{ text: 'x', url: 'javascript:alert(1)' }] } } });
  const { page } = await h.newPage({ config: { voicesImmediate: true } });
  await h.open(page);
  await eventually(async () => assert.match(await ui(page).alert.innerText(), /site\.credits\[0\]\.url "javascript:alert\(1\)" must start with https:\/\//));
});
