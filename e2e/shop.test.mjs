// Shop catalogs (issue 11): what shoppers say becomes filters, a sort and follow-ups, shown as chips, "Sort by",
// "Refine" and prices (DESIGN.md, "UI contract"), against the shop demo (?config=hark.shop.json, built by
// `cargo xtask catalog --shop`) and a German-labelled copy of a few items (fixtures/shop-de.jsonl), through the
// scripted speech fake.
//
//   cd e2e && HARK_DIST=../dist node --test shop.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Harness, ui, fake, eventually, screenshot, e2eRoot } from './support/browser.mjs';

const h = new Harness();
before(async () => {
  await h.start();
  h.server.route('/hark.shop-de.json', { file: path.join(e2eRoot, 'fixtures', 'hark.shop-de.json') });
  h.server.route('/shop-de.jsonl', { file: path.join(e2eRoot, 'fixtures', 'shop-de.jsonl') });
});
after(async () => {
  await h.stop();
});

const T = { timeout: 60_000 };
const SHOP = '?config=hark.shop.json';
const statusText = async (page) => (await ui(page).status.innerText()).trim();
const filters = (page) => page.getByRole('list', { name: 'Filters' });
const chip = (page, label) => page.getByRole('button', { name: `Remove filter: ${label}` });
const sortBy = (page) => page.getByRole('combobox', { name: 'Sort by' });
const refine = (page) => page.getByRole('region', { name: 'Refine' });
const pageErrors = (errors) => errors.filter((e) => e.startsWith('pageerror') || e.startsWith('crash'));

async function openShop(page, search = '') {
  await h.open(page, SHOP + search);
  await eventually(async () => assert.match(await statusText(page), /Ready|results? for|No |\d/), {
    timeout: 15000,
    message: 'the shop catalog should load',
  });
}
/** Titles and prices of the results, as shown. */
async function rows(page) {
  return page.locator('ol[aria-label="Results"] > li').evaluateAll((items) =>
    items.map((li) => ({
      title: li.querySelector('.result-title')?.textContent.trim() ?? '',
      price: li.querySelector('.result-price')?.textContent.trim() ?? '',
    })),
  );
}
const amount = (text) => Number(text.replace(/[^0-9.,]/g, '').replace(',', '.'));
async function chipLabels(page) {
  if ((await filters(page).count()) === 0) return [];
  return filters(page).getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
}
async function ask(page, text, options) {
  const starts = await fake(page, 'startCount');
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'startCount')) > starts && (await fake(page, 'activeCount')) === 1, {
    message: 'clicking "Voice search" should start a recognizer',
  });
  await fake(page, 'say', text, options);
}
async function say(page, text, options) {
  await eventually(async () => (await fake(page, 'activeCount')) === 1, { message: 'a recognizer is listening' });
  await fake(page, 'say', text, options);
}
async function expectChips(page, labels, message) {
  await eventually(async () => assert.deepEqual(await chipLabels(page), labels.map((l) => `Remove filter: ${l}`)), {
    message: message || `the chips should be ${labels.join(', ')}`,
  });
}

describe('a shop catalog understands what shoppers say', () => {
  test('a spoken price bound filters, shows a chip, prices every result and says what was understood', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 20 } });
    await openShop(page);
    await ask(page, 'running shoes under 100 dollars');
    await expectChips(page, ['under $100']);
    const shown = await rows(page);
    assert.ok(shown.length > 0, 'some running shoes cost less than $100');
    for (const row of shown) {
      assert.match(row.title, /Running Shoe/, 'only running shoes');
      assert.match(row.price, /^\$\d+(\.\d\d)?$/, `every result shows its price as text (${row.title})`);
      assert.ok(amount(row.price) < 100, `${row.title} costs ${row.price}, under $100`);
    }
    await eventually(async () => assert.match(await statusText(page), /^\d+ running shoes, under \$100\./), {
      message: 'the status line says what was understood',
    });
    await eventually(async () => {
      const said = (await fake(page, 'spoken')).map((u) => u.text);
      assert.ok(said.some((t) => /^\d+ running shoes, under \$100\.$/.test(t)), `read aloud: ${said.join(' | ')}`);
    }, { message: 'the reading says what was understood' });
    await eventually(async () => {
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('q'), 'running shoes');
      assert.equal(url.searchParams.get('price'), 'lt100');
    }, { message: 'the address holds the text and the price bound' });
    assert.deepEqual(pageErrors(errors), []);
  });

  test('a sort word orders by price and the Sort by combobox shows it', T, async () => {
    const { page } = await h.newPage();
    await openShop(page);
    await ask(page, 'the cheapest chairs');
    await eventually(async () => assert.equal(await sortBy(page).inputValue(), 'price'), {
      message: '"cheapest" selects "Price: low to high"',
    });
    const prices = (await rows(page)).map((r) => amount(r.price));
    assert.ok(prices.length >= 2, 'several chairs');
    assert.deepEqual(prices, [...prices].sort((a, b) => a - b), 'cheapest first');
    assert.match(await statusText(page), /^\d+ chairs, cheapest first\./);
  });

  test('a facet word becomes a chip, and removing the chip searches without it', T, async () => {
    const { page } = await h.newPage();
    await openShop(page);
    await ask(page, 'black chairs');
    await expectChips(page, ['black']);
    const black = await rows(page);
    assert.deepEqual(black.map((r) => r.title), ['Black Eaves Chair']);
    await chip(page, 'black').click();
    await expectChips(page, [], 'the chip is gone');
    await eventually(async () => assert.ok((await rows(page)).length > black.length, 'more chairs without the colour'));
    assert.equal(await ui(page).search.inputValue(), 'chairs', 'the search box holds the text still searched');
    await eventually(async () => {
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('f.Color'), null);
      assert.equal(url.searchParams.get('q'), 'chairs');
    }, { message: 'the address drops the removed filter' });
  });

  test('continuous mode: a follow-up refines the previous request, a new topic starts over', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 20 } });
    await openShop(page);
    await ui(page).continuous.check();
    await ask(page, 'running shoes under 100');
    await expectChips(page, ['under $100']);
    const first = (await rows(page)).map((r) => r.title);
    await say(page, 'only the black ones');
    await expectChips(page, ['under $100', 'black'], 'the follow-up keeps the price and adds the colour');
    const second = await rows(page);
    assert.ok(second.length > 0 && second.length < first.length, `narrowed: ${second.map((r) => r.title)}`);
    for (const row of second) assert.ok(first.includes(row.title), `${row.title} was among the first results`);
    await eventually(async () => {
      const said = (await fake(page, 'spoken')).map((u) => u.text);
      assert.ok(said.some((t) => /^\d+ running shoes, under \$100, black\.$/.test(t)), `read aloud: ${said.join(' | ')}`);
    }, { message: 'the reading says what the follow-up made of the request' });
    await say(page, 'sort by price');
    await eventually(async () => assert.equal(await sortBy(page).inputValue(), 'price'));
    await expectChips(page, ['under $100', 'black']);
    await say(page, 'desk lamps');
    await expectChips(page, [], 'a new topic starts over');
    assert.equal(await sortBy(page).inputValue(), '');
    assert.deepEqual(pageErrors(errors), []);
  });

  test('one phrase at a time: a follow-up said soon after the answer refines it too', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 20 } });
    await openShop(page);
    await ask(page, 'office chairs under 100 dollars');
    await expectChips(page, ['under $100']);
    await eventually(async () => assert.equal(await ui(page).mic.getAttribute('aria-pressed'), 'false'), {
      message: 'single-phrase mode stops listening after the phrase',
    });
    await ask(page, 'only the black ones');
    await expectChips(page, ['under $100', 'black'], 'the second click refines the chairs, it does not start over');
    for (const row of await rows(page)) assert.ok(amount(row.price) < 100, `${row.title} costs ${row.price}`);
    assert.deepEqual(pageErrors(errors), []);
  });

  test('typed: a price bound, the Sort by combobox and a Refine checkbox; a link reproduces the page', T, async () => {
    const { page } = await h.newPage();
    await openShop(page);
    await ui(page).search.fill('shoes under 150');
    await expectChips(page, ['under $150']);
    await sortBy(page).selectOption({ label: 'Price: high to low' });
    await eventually(async () => {
      const prices = (await rows(page)).map((r) => amount(r.price));
      assert.ok(prices.length > 1);
      assert.deepEqual(prices, [...prices].sort((a, b) => b - a), 'most expensive first');
    });
    const nike = refine(page).getByRole('checkbox', { name: /^Nike \(\d+\)$/ });
    await nike.check();
    await expectChips(page, ['under $150', 'Nike']);
    await eventually(async () => assert.ok(await nike.isChecked()));
    for (const row of await rows(page)) assert.ok(amount(row.price) < 150);
    await eventually(async () => assert.match(page.url(), /f\.Brand=Nike/));
    const link = page.url();
    assert.match(link, /sort=-price/);
    assert.match(link, /price=lt150/);

    const { page: other } = await h.newPage();
    await other.goto(link);
    await expectChips(other, ['under $150', 'Nike']);
    await eventually(async () => assert.deepEqual(await rows(other), await rows(page)), {
      message: 'the link shows the same results',
    });
    assert.equal(await sortBy(other).inputValue(), '-price');
  });

  test('keyboard only: Sort by, a Refine checkbox and a chip', T, async () => {
    const { page } = await h.newPage();
    await openShop(page);
    await ui(page).search.fill('chairs');
    await eventually(async () => assert.ok((await refine(page).getByRole('checkbox').count()) > 0));
    const box = refine(page).getByRole('checkbox').first();
    const name = await box.evaluate((el) => el.parentElement.textContent.trim().replace(/ \(\d+\)$/, ''));
    await box.focus();
    await page.keyboard.press('Space');
    await expectChips(page, [name]);
    assert.ok(await box.evaluate((el) => el === document.activeElement && el.checked), 'the checkbox keeps the focus');
    await chip(page, name).focus();
    await page.keyboard.press('Enter');
    await expectChips(page, []);
  });

  test('on a phone the controls fit the screen', T, async () => {
    const { page } = await h.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await openShop(page, '&q=shoes&price=lt150');
    await expectChips(page, ['under $150']);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `nothing wider than the screen (overflow ${overflow}px)`);
    await screenshot(page, 'shop-phone', { fullPage: true });
  });

  test('"Did you mean …?" offers the runner-up when it finds clearly different things', T, async () => {
    const { page } = await h.newPage({ config: { speakMs: 20 } });
    await openShop(page);
    await ask(page, 'sofa', { alternatives: [['laptop', 0.4]] });
    const offer = page.getByRole('button', { name: 'laptop' });
    await offer.waitFor({ state: 'visible' });
    await eventually(async () => {
      const said = (await fake(page, 'spoken')).map((u) => u.text);
      assert.ok(said.includes('Did you mean laptop?'), `asked aloud: ${said.join(' | ')}`);
    });
    await offer.click();
    await eventually(async () => assert.match((await rows(page))[0]?.title ?? '', /Laptop/));
  });
});

describe('a German shop', () => {
  test('"Stühle unter 100 Euro" typed on a German-labelled catalog', T, async () => {
    const { page, errors } = await h.newPage();
    await h.open(page, '?config=hark.shop-de.json');
    await ui(page).search.fill('Stühle unter 100 Euro');
    await expectChips(page, ['Stühle', 'unter 100 €']);
    const shown = await rows(page);
    assert.deepEqual(shown.map((r) => r.title).sort(), ['Holzhocker', 'Schwarzer Bürostuhl']);
    assert.deepEqual(shown.map((r) => r.price).sort(), ['14 €', '89 €']);
    await eventually(async () => assert.match(await statusText(page), /^2 Stühle, unter 100 €\./));
    assert.deepEqual(pageErrors(errors), []);
  });
});

// The same shop on an OpenSearch cluster (osmem-server, started by `cargo xtask test`; its URL comes in
// HARK_OPENSEARCH_URL). Without it this test fails, never skips.
describe('a shop on a remote cluster', () => {
  const OPENSEARCH = (process.env.HARK_OPENSEARCH_URL || '').replace(/\/$/, '');
  const INDEX = `hark-shop-${process.pid}-${Date.now()}`;
  async function cluster(method, p, body, type = 'application/json') {
    const response = await fetch(OPENSEARCH + p, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': type },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${p}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text || '{}');
  }
  after(async () => {
    if (OPENSEARCH) await cluster('DELETE', `/${INDEX}`).catch(() => {});
  });

  test('filters, sort and Refine counts come from the cluster', T, async () => {
    assert.ok(OPENSEARCH, 'HARK_OPENSEARCH_URL is not set: run through `cargo xtask test`, which starts osmem-server');
    const fs = await import('node:fs/promises');
    const dist = process.env.HARK_DIST || path.join(e2eRoot, '..', 'dist');
    const docs = (await fs.readFile(path.join(dist, 'catalog', 'shop.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const keyword = { type: 'keyword' };
    await cluster('PUT', `/${INDEX}`, {
      mappings: { properties: { id: keyword, category: keyword, brand: keyword, color: keyword, department: keyword, price: { type: 'double' }, title: { type: 'text' }, description: { type: 'text' } } },
    });
    const bulk = docs.flatMap((d) => [JSON.stringify({ index: { _index: INDEX, _id: d.id } }), JSON.stringify(d)]).join('\n') + '\n';
    assert.equal((await cluster('POST', '/_bulk?refresh=true', bulk, 'application/x-ndjson')).errors, false, 'bulk load');
    h.server.route('/hark.remote-shop.json', {
      type: 'application/json',
      body: JSON.stringify({
        noun: 'products',
        remote: { endpoint: '/search-proxy', index: INDEX, fields: { category: 'category' } },
        facets: { Category: 'category', Brand: 'brand', Color: 'color' },
        price: { field: 'price', currency: 'USD' },
      }),
    });
    h.server.proxy('/search-proxy/', OPENSEARCH);
    try {
      const { page, errors } = await h.newPage();
      await h.open(page, '?config=hark.remote-shop.json');
      await eventually(async () => assert.match(await statusText(page), /on the server/), { timeout: 15000 });
      await ui(page).search.fill('shoe under 100');
      await expectChips(page, ['under $100']);
      await eventually(async () => {
        const shown = await rows(page);
        assert.ok(shown.length > 0, 'some shoes under $100');
        for (const row of shown) assert.ok(amount(row.price) < 100, `${row.title} costs ${row.price}`);
      });
      const adidas = refine(page).getByRole('checkbox', { name: /^Adidas \(\d+\)$/ });
      await adidas.check();
      await expectChips(page, ['under $100', 'Adidas']);
      await sortBy(page).selectOption({ label: 'Price: high to low' });
      await eventually(async () => {
        const prices = (await rows(page)).map((r) => amount(r.price));
        assert.ok(prices.length > 1);
        assert.deepEqual(prices, [...prices].sort((a, b) => b - a));
      });
      const last = JSON.parse(h.server.proxied.filter((r) => r.path.endsWith('/_search')).at(-1).body);
      assert.deepEqual(last.query.bool.filter, [{ terms: { brand: ['Adidas'] } }, { range: { price: { lt: 100 } } }]);
      assert.ok(last.aggs.Brand, 'facet counts are asked for as terms aggregations');
      assert.deepEqual(pageErrors(errors), []);
    } finally {
      h.server.reset();
      h.server.route('/hark.shop-de.json', { file: path.join(e2eRoot, 'fixtures', 'hark.shop-de.json') });
      h.server.route('/shop-de.jsonl', { file: path.join(e2eRoot, 'fixtures', 'shop-de.jsonl') });
    }
  });
});
