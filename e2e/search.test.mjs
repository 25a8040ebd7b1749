// Searching the catalog: the default WordNet catalog, spoken and typed queries, a site owner's catalog, and hostile
// or broken catalogs and configs (which must give a clear message and leave typing working).
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, ui, eventually, speakQuery } from './support/browser.mjs';

const h = new Harness();
before(() => h.start());
after(() => h.stop());
afterEach(() => h.server.reset());

const T = { timeout: 60_000 };
const statusText = (page) => page.getByRole('status').textContent();
const titles = (page) => page.locator('ol[aria-label="Results"] > li .result-title').allTextContents();
const alerts = (page) => page.getByRole('alert').allTextContents();

async function ready(page, pattern = /Ready — [\d,]+ things\./) {
  await eventually(async () => assert.match(await statusText(page), pattern), { timeout: 15_000, message: 'catalog ready' });
}
async function typeQuery(page, text) {
  await ui(page).search.fill(text);
}
async function topTitles(page, n, predicate) {
  return eventually(async () => {
    const list = (await titles(page)).slice(0, n);
    assert.ok(predicate(list), `top ${n}: ${JSON.stringify(list)}`);
    return list;
  }, { timeout: 5000 });
}

describe('default catalog', () => {
  test('loads with progress, then says how many things are ready', T, async () => {
    const { page, errors } = await h.newPage();
    h.server.delay('/catalog/', 600);
    await page.goto(h.url);
    await eventually(async () => assert.match(await statusText(page), /Loading catalog…/), { timeout: 5000 });
    await ready(page);
    const count = Number((await statusText(page)).match(/Ready — ([\d,]+)/)[1].replaceAll(',', ''));
    assert.ok(count > 10_000 && count < 20_000, `about 14k things, got ${count}`);
    assert.deepEqual(errors, []);
  });

  test('typing "expresso" puts "espresso maker" in the top 3, with the match highlighted', T, async () => {
    const { page, errors } = await h.newPage();
    await h.open(page);
    await ready(page);
    await typeQuery(page, 'expresso');
    await topTitles(page, 3, (list) => list.some((t) => t.toLowerCase() === 'espresso maker'));
    const marks = await page.locator('ol[aria-label="Results"] mark').allTextContents();
    assert.ok(marks.some((m) => /espresso/i.test(m)), `highlighted: ${marks}`);
    assert.match(await statusText(page), /\d+ results? for “expresso”\./);
    await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('q'), 'expresso'));
    assert.deepEqual(errors, []);
  });

  test('misheard and misspelled words still find the thing', T, async () => {
    const { page } = await h.newPage();
    await h.open(page);
    await ready(page);
    for (const [query, expected] of [['chedder', /cheddar/i], ['show me a tuning fork please', /tuning fork/i]]) {
      await typeQuery(page, query);
      await topTitles(page, 3, (list) => list.some((t) => expected.test(t)));
    }
  });

  test('the fake recognizer saying "show me cheddar" brings cheddar', T, async () => {
    const { page, errors } = await h.newPage();
    await h.open(page);
    await ready(page);
    await speakQuery(page, 'show me cheddar', { alternatives: [['show me chedder', 0.4]] });
    await topTitles(page, 1, (list) => /cheddar/i.test(list[0] || ''));
    assert.equal(await ui(page).search.inputValue(), 'show me cheddar');
    assert.deepEqual(errors, []);
  });

  test('a shared link (?q=) searches on load, and an unknown word gets an empty state', T, async () => {
    const { page } = await h.newPage();
    await h.open(page, '?q=tuning%20fork');
    await topTitles(page, 1, (list) => /tuning fork/i.test(list[0] || ''));
    await typeQuery(page, 'qqxqqzzv');
    await eventually(async () => assert.match(await page.locator('.empty').textContent(), /Nothing matches “qqxqqzzv”/));
    assert.equal((await titles(page)).length, 0);
  });
});

describe("a site owner's catalog", () => {
  test('hark.json with other field names and a noun just works', T, async () => {
    h.server.route('/hark.json', {
      body: JSON.stringify({ catalog: 'products.jsonl', noun: 'products', fields: { title: 'name', description: 'summary', category: 'aisle' } }),
      type: 'application/json',
    });
    h.server.route('/products.jsonl', {
      body: [
        { sku: 1, name: 'Red running shoes', summary: 'Light shoes for road running', aisle: 'Sport' },
        { sku: 2, name: 'Blue rain jacket', summary: 'Keeps you dry', aisle: 'Outdoor' },
        { sku: 3, name: 'Cast iron pan', summary: 'For searing and baking', aisle: 'Kitchen' },
      ].map((o) => JSON.stringify(o)).join('\n'),
    });
    const { page, errors } = await h.newPage();
    await h.open(page);
    await ready(page, /Ready — 3 products\./);
    await typeQuery(page, 'runing shoes');
    await topTitles(page, 1, (list) => list[0] === 'Red running shoes');
    assert.match(await page.locator('ol[aria-label="Results"] > li').first().textContent(), /Sport/);
    assert.deepEqual(errors, []);
  });

  test('?catalog= loads another same-origin catalog for the visit, and refuses other sites', T, async () => {
    h.server.route('/mine.json', { body: JSON.stringify([{ id: 'a', title: 'Harmonica' }, { id: 'b', title: 'Ukulele' }]) });
    const { page } = await h.newPage();
    await h.open(page, '?catalog=/mine.json');
    await ready(page, /Ready — 2 things\./);
    await typeQuery(page, 'ukelele');
    await topTitles(page, 1, (list) => list[0] === 'Ukulele');

    const { page: other, errors } = await h.newPage();
    await h.open(other, '?catalog=' + encodeURIComponent('https://example.invalid/x.json'));
    await eventually(async () => assert.match((await alerts(other)).join(' '), /another site/));
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  });
});

describe('hostile and broken input', () => {
  test('catalog text is rendered as text: an <img onerror> title shows literally and runs nothing', T, async () => {
    h.server.route('/hark.json', { body: '{"catalog": "hostile.json"}' });
    h.server.route('/hostile.json', {
      body: JSON.stringify([
        { id: 'x', title: '<img src=x onerror=alert(1)>', description: '<script>window.__pwned = 1</script> bold <b>claim</b>' },
        { id: 'y', title: 'Evil link', description: 'img', url: 'javascript:window.__pwned=2' },
      ]),
    });
    const { page, errors } = await h.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    await h.open(page);
    await ready(page, /Ready — 2 things\./);
    await typeQuery(page, 'img');
    await topTitles(page, 2, (list) => list.includes('<img src=x onerror=alert(1)>'));
    assert.equal(await page.locator('ol[aria-label="Results"] img, ol[aria-label="Results"] script, ol[aria-label="Results"] b').count(), 0);
    assert.equal(await page.locator('ol[aria-label="Results"] a[href^="javascript"]').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(dialogs, 0);
    assert.deepEqual(errors, []);
  });

  test('a malformed catalog gives a message naming the line, and typing still works', T, async () => {
    // strict: the bad line is an error (by default it is skipped, see site.test.mjs).
    h.server.route('/hark.json', { body: '{"catalog": "broken.jsonl", "strict": true}' });
    h.server.route('/broken.jsonl', { body: '{"title": "ok one"}\n{"title": "ok two"}\n{"title": "broken\n' });
    const { page, errors } = await h.newPage();
    await h.open(page);
    await eventually(async () => assert.match((await alerts(page)).join(' '), /catalog.*line 3/i), { timeout: 10_000 });
    await typeQuery(page, 'anything');
    assert.equal(await ui(page).search.inputValue(), 'anything');
    assert.match(await statusText(page), /catalog is not available/);
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  });

  test('a malformed hark.json names the position; a missing catalog file says so', T, async () => {
    h.server.route('/hark.json', { body: '{\n  "catalog": 42\n}' });
    const { page, errors } = await h.newPage();
    await h.open(page);
    // The key at fault is named; a syntax error gives its line and column (the browser's JSON.parse).
    await eventually(async () => assert.match((await alerts(page)).join(' '), /hark\.json\) is not valid: catalog: invalid type/), { timeout: 10_000 });
    h.server.route('/hark.json', { body: '{\n  "catalog": "x",,\n}' });
    const { page: syntax } = await h.newPage();
    await h.open(syntax);
    await eventually(async () => assert.match((await alerts(syntax)).join(' '), /hark\.json.*line 2 column/), { timeout: 10_000 });

    h.server.route('/hark.json', { body: '{"catalog": "nowhere.jsonl"}' });
    const { page: missing } = await h.newPage();
    await h.open(missing);
    await eventually(async () => assert.match((await alerts(missing)).join(' '), /nowhere\.jsonl was not found/), { timeout: 10_000 });
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  });
});
