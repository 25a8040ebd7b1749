// The remote engine: hark.json points at an OpenSearch-API cluster (osmem-server, started by `cargo xtask test` and
// passed as HARK_OPENSEARCH_URL) behind the same-origin path /search-proxy/, which the test server forwards. Without
// a reachable server these tests FAIL: they are the only proof the remote provider works.
//
//   HARK_OPENSEARCH_URL=http://127.0.0.1:PORT HARK_DIST=../dist node --test --test-concurrency=1 remote.test.mjs
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Harness, ui, fake, eventually, sleep, speakQuery } from './support/browser.mjs';

const OPENSEARCH = (process.env.HARK_OPENSEARCH_URL || '').replace(/\/$/, '');
const INDEX = `hark-e2e-${process.pid}-${Date.now()}`;
const T = { timeout: 60_000 };

/** A test that needs the cluster: it fails (never skips) when the cluster could not be set up. */
function remoteTest(name, body) {
  test(name, T, async () => {
    if (clusterProblem) throw clusterProblem;
    await body();
  });
}

const DOCS = [
  { id: 'wn-espresso-maker', title: 'espresso maker', description: 'a coffee maker that forces steam through ground coffee', category: 'coffee maker', url: '/things/espresso-maker' },
  { id: 'wn-espresso', title: 'espresso', description: 'strong black coffee brewed by forcing steam through coffee', category: 'coffee' },
  { id: 'wn-cheddar', title: 'cheddar', description: 'hard smooth-textured cheese; originally made in Cheddar', category: 'cheese' },
  { id: 'wn-tuning-fork', title: 'tuning fork', description: 'two-pronged steel device that vibrates at a given pitch', category: 'device' },
  { id: 'wn-lamp', title: 'lamp', description: 'a piece of furniture holding one or more electric light bulbs', category: 'furniture' },
  { id: 'wn-creme', title: 'crème brûlée', description: 'custard with a caramelised café-au-lait top', category: 'dessert' },
  { id: 'x-hostile', title: '<img src=x onerror=alert(1)> lamp', description: '<b>bold</b> lamp claim', category: 'hostile', url: 'javascript:window.__pwned=1' },
];

const h = new Harness();

async function cluster(method, path, body, type = 'application/json') {
  const response = await fetch(OPENSEARCH + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': type },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text || '{}');
}

async function loadCluster() {
  assert.ok(OPENSEARCH, 'HARK_OPENSEARCH_URL is not set: run through `cargo xtask test`, which starts osmem-server');
  await cluster('GET', '/').catch((err) => {
    throw new Error(`the OpenSearch test server at ${OPENSEARCH} is not reachable: ${err.message}`);
  });
  await cluster('PUT', `/${INDEX}`, {
    mappings: {
      properties: {
        id: { type: 'keyword' }, url: { type: 'keyword' },
        title: { type: 'text' }, description: { type: 'text' }, category: { type: 'text' },
      },
    },
  });
  const bulk = DOCS.flatMap((d) => [JSON.stringify({ index: { _index: INDEX, _id: d.id } }), JSON.stringify(d)]).join('\n') + '\n';
  const answer = await cluster('POST', '/_bulk?refresh=true', bulk, 'application/x-ndjson');
  assert.equal(answer.errors, false, 'bulk load');
}

// A failing `before` hook would leave node's counts at "fail 0": keep the reason and fail every test with it.
let clusterProblem = null;
before(async () => {
  await loadCluster().catch((err) => (clusterProblem = err));
  await h.start();
});
after(async () => {
  await h.stop();
  if (OPENSEARCH) await cluster('DELETE', `/${INDEX}`).catch(() => {});
});
afterEach(() => h.server.reset());

function remoteConfig(extra = {}) {
  return JSON.stringify({ noun: 'things', remote: { endpoint: '/search-proxy', index: INDEX, size: 5, ...extra } });
}

/** hark.json → the remote cluster through /search-proxy/. */
function useRemote({ extra, delayMs } = {}) {
  h.server.route('/hark.json', { body: remoteConfig(extra), type: 'application/json' });
  h.server.proxy('/search-proxy/', OPENSEARCH, { delayMs });
}

const statusText = (page) => page.getByRole('status').textContent();
const titles = (page) => page.locator('ol[aria-label="Results"] > li .result-title').allTextContents();
const marks = (page) => page.locator('ol[aria-label="Results"] mark').allTextContents();
const alerts = (page) => page.getByRole('alert').allTextContents();
const searches = () => h.server.proxied.filter((r) => r.path.endsWith('/_search'));

async function ready(page) {
  await eventually(async () => assert.match(await statusText(page), /Ready — searching things on the server\./), {
    timeout: 15_000,
    message: 'remote provider ready',
  });
}
async function topTitles(page, n, predicate, timeout = 8000) {
  return eventually(async () => {
    const list = (await titles(page)).slice(0, n);
    assert.ok(predicate(list), `top ${n}: ${JSON.stringify(list)}`);
    return list;
  }, { timeout });
}
/** A port nothing listens on. */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('remote engine (OpenSearch API)', () => {
  remoteTest('spoken filler and stop words are stripped before the cluster sees them, as the local engine does', async () => {
    // Its own index: headphones, and backpacks whose text is full of "the".
    const index = `${INDEX}-filler`;
    const docs = [
      { id: 'bose-qc', title: 'Bose QuietComfort headphones', description: 'quiet comfort on long flights, noise cancelling', category: 'audio' },
      { id: 'bag-1', title: 'The commuter backpack', description: 'the bag for the ride, the office and the gym', category: 'bags' },
      { id: 'bag-2', title: 'The hiking backpack', description: 'the pack for the hills and the rain', category: 'bags' },
    ];
    await cluster('PUT', `/${index}`, { mappings: { properties: { id: { type: 'keyword' }, title: { type: 'text' }, description: { type: 'text' }, category: { type: 'text' } } } });
    const bulk = docs.flatMap((d) => [JSON.stringify({ index: { _index: index, _id: d.id } }), JSON.stringify(d)]).join('\n') + '\n';
    assert.equal((await cluster('POST', '/_bulk?refresh=true', bulk, 'application/x-ndjson')).errors, false);
    try {
      useRemote({ extra: { index } });
      const { page, errors } = await h.newPage();
      await h.open(page);
      await ready(page);
      await speakQuery(page, 'show me the bows quiet comfort please');
      await topTitles(page, 1, (list) => list[0] === 'Bose QuietComfort headphones');
      const sent = JSON.parse(searches().at(-1).body);
      assert.equal(sent.query.bool.should[0].multi_match.query, 'bows quiet comfort', 'the words the local engine searches for');
      // A proxy whose cluster is down answers 502 with its own page: that is "not reachable", not a cluster error.
      assert.deepEqual(errors, []);
      h.server.reset();
      h.server.route('/hark.json', { body: remoteConfig({ index }), type: 'application/json' });
      h.server.route(`/search-proxy/${index}/_search`, { status: 502, body: '<html><body>502 Bad Gateway</body></html>', type: 'text/html' });
      const { page: down } = await h.newPage();
      await h.open(down);
      await ready(down);
      await ui(down).search.fill('headphones');
      await eventually(async () => assert.match((await alerts(down)).join(' '), /The search server could not be reached\./));
    } finally {
      await cluster('DELETE', `/${index}`).catch(() => {});
    }
  });

  remoteTest('a spoken query is answered by the server, with highlights, and its alternatives are weighted', async () => {
    useRemote();
    const { page, errors } = await h.newPage();
    await h.open(page);
    await ready(page);
    await speakQuery(page, 'show me cheddar', { alternatives: [['show me chedder', 0.4]] });
    await topTitles(page, 1, (list) => list[0] === 'cheddar');
    assert.ok((await marks(page)).some((m) => /^cheddar$/i.test(m)), `highlighted: ${await marks(page)}`);
    assert.equal(await ui(page).search.inputValue(), 'show me cheddar');
    await eventually(async () => assert.match(await statusText(page), /results? for “show me cheddar”/));
    // …and read aloud exactly as with the built-in catalog: the summary first, then the top result's title.
    await eventually(async () => {
      const texts = (await fake(page, 'spoken')).map((u) => u.text);
      assert.match(texts[0] || '', /^\d+ results? for show me cheddar\.$/, JSON.stringify(texts));
      assert.ok(texts.slice(1).some((t) => /^cheddar\b/i.test(t)), JSON.stringify(texts));
    }, { timeout: 5000, message: 'the remote results are read aloud' });

    const sent = JSON.parse(searches().at(-1).body);
    const clauses = sent.query.bool.should.map((c) => [c.multi_match.query, c.multi_match.boost, c.multi_match.fuzziness]);
    // Analysed as the local engine analyses them: the lead-in "show me" is not sent.
    assert.deepEqual(clauses, [['cheddar', 0.92, 'AUTO'], ['chedder', 0.4, 'AUTO']]);
    assert.equal(searches().at(-1).path, `/search-proxy/${INDEX}/_search`);
    assert.deepEqual(errors, []);
  });

  remoteTest('typing a misspelling finds the thing; highlights are marks in plain text; catalog markup stays text', async () => {
    useRemote();
    const { page, errors } = await h.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    await h.open(page);
    await ready(page);
    await ui(page).search.fill('expresso');
    await topTitles(page, 3, (list) => list.includes('espresso maker'));
    assert.ok((await marks(page)).some((m) => m.toLowerCase() === 'espresso'), `highlighted: ${await marks(page)}`);
    assert.match(await statusText(page), /\d+ results? for “expresso”\./);

    await ui(page).search.fill('creme brulee');
    await topTitles(page, 1, (list) => list[0] === 'crème brûlée');
    const title = page.locator('ol[aria-label="Results"] > li .result-title').first();
    assert.equal(await title.textContent(), 'crème brûlée', 'spans on multi-byte text keep every character');

    await ui(page).search.fill('lamp');
    await topTitles(page, 2, (list) => list.includes('<img src=x onerror=alert(1)> lamp'));
    assert.equal(await page.locator('ol[aria-label="Results"] img, ol[aria-label="Results"] b').count(), 0);
    assert.equal(await page.locator('ol[aria-label="Results"] a[href^="javascript"]').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(dialogs, 0);
    assert.deepEqual(errors, []);
  });

  remoteTest('?config= switches a visit to another same-origin config (as `cargo xtask serve --remote` does)', async () => {
    h.server.route('/hark.remote-e2e.json', { body: remoteConfig(), type: 'application/json' });
    h.server.proxy('/search-proxy/', OPENSEARCH);
    const { page, errors } = await h.newPage();
    await h.open(page, '?config=hark.remote-e2e.json&q=tuning%20fork');
    await topTitles(page, 1, (list) => list[0] === 'tuning fork');
    assert.ok(searches().length > 0, 'answered by the cluster, not the built-in catalog');
    assert.equal(new URL(page.url()).searchParams.get('config'), 'hark.remote-e2e.json');

    const { page: other } = await h.newPage();
    await h.open(other, '?config=' + encodeURIComponent('https://example.invalid/hark.json'));
    await eventually(async () => assert.match((await alerts(other)).join(' '), /another site/));
    assert.deepEqual(errors, []);
  });

  remoteTest('the server down gives a clear message, typing still works, and it recovers', async () => {
    h.server.route('/hark.json', { body: remoteConfig(), type: 'application/json' });
    h.server.proxy('/search-proxy/', `http://127.0.0.1:${await closedPort()}`);
    const { page, errors } = await h.newPage();
    await h.open(page);
    await ready(page);
    await ui(page).search.fill('lamp');
    await eventually(async () => assert.match((await alerts(page)).join(' '), /search server (could not be reached|had a problem)/), { timeout: 10_000 });
    assert.match(await statusText(page), /The search for “lamp” failed\./);
    assert.equal((await titles(page)).length, 0);

    await ui(page).search.fill('tuning fork');
    assert.equal(await ui(page).search.inputValue(), 'tuning fork');
    h.server.proxy('/search-proxy/', OPENSEARCH);
    await ui(page).search.fill('tuning fork!');
    await topTitles(page, 1, (list) => list[0] === 'tuning fork');
    assert.deepEqual(await alerts(page), []);
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  });

  remoteTest('the cluster itself not answering (nothing on the port) is a network error, not a hang', async () => {
    // hark.json pointing straight at a closed port: the browser's fetch fails without any proxy involved.
    h.server.route('/hark.json', {
      body: JSON.stringify({ remote: { endpoint: `http://127.0.0.1:${await closedPort()}`, index: INDEX } }),
      type: 'application/json',
    });
    const { page, errors } = await h.newPage();
    await h.open(page);
    await ready(page);
    await ui(page).search.fill('lamp');
    await eventually(async () => assert.match((await alerts(page)).join(' '), /could not be reached/), { timeout: 10_000 });
    await ui(page).search.fill('lamp shade');
    assert.equal(await ui(page).search.inputValue(), 'lamp shade');
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  });

  remoteTest('a missing index, a broken answer and a slow server each say what happened', async () => {
    h.server.route('/hark.json', { body: remoteConfig({ index: 'no-such-index' }), type: 'application/json' });
    h.server.proxy('/search-proxy/', OPENSEARCH);
    const { page } = await h.newPage();
    await h.open(page);
    await ready(page);
    await ui(page).search.fill('lamp');
    await eventually(async () => assert.match((await alerts(page)).join(' '), /index “no-such-index” was not found/), { timeout: 10_000 });

    h.server.reset();
    h.server.route('/hark.json', { body: remoteConfig(), type: 'application/json' });
    h.server.route(`/search-proxy/${INDEX}/_search`, { body: '<html>upstream says hi</html>', type: 'text/html' });
    const { page: broken } = await h.newPage();
    await h.open(broken);
    await ready(broken);
    await ui(broken).search.fill('lamp');
    await eventually(async () => assert.match((await alerts(broken)).join(' '), /answer Hark cannot read/), { timeout: 10_000 });

    h.server.route(`/search-proxy/${INDEX}/_search`, { status: 503, body: '{"error": {"reason": "cluster is recovering"}}' });
    await ui(broken).search.fill('lamps');
    await eventually(async () => assert.match((await alerts(broken)).join(' '), /had a problem \(HTTP 503: cluster is recovering\)/));

    h.server.reset();
    useRemote({ extra: { timeout_ms: 400 }, delayMs: 2000 });
    const { page: slow } = await h.newPage();
    await h.open(slow);
    await ready(slow);
    await ui(slow).search.fill('lamp');
    await eventually(async () => assert.match(await statusText(slow), /Searching for “lamp”…/), { timeout: 3000 });
    await eventually(async () => assert.match((await alerts(slow)).join(' '), /did not answer within 0\.4 s/), { timeout: 5000 });
    assert.equal(await ui(slow).search.inputValue(), 'lamp');
  });

  remoteTest('a slow answer to an old query never replaces a newer one: the old request is aborted', async () => {
    // Any search for espresso takes 1.5 s; everything else is immediate.
    useRemote({ delayMs: (body) => (body.includes('espresso') ? 1500 : 0) });
    const { page, errors } = await h.newPage();
    await h.open(page);
    await ready(page);
    await ui(page).search.fill('espresso');
    await eventually(() => searches().some((r) => r.body.includes('espresso')), { timeout: 3000 });
    await eventually(async () => assert.match(await statusText(page), /Searching for “espresso”…/), { timeout: 3000 });
    await ui(page).search.fill('cheddar');
    await topTitles(page, 1, (list) => list[0] === 'cheddar');
    await sleep(2000); // well past the old answer's arrival
    assert.deepEqual(await titles(page), ['cheddar']);
    assert.match(await statusText(page), /1 result for “cheddar”\./);
    const old = searches().find((r) => r.body.includes('espresso'));
    assert.equal(old.aborted, true, 'the superseded request was aborted by the page');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'cheddar');
    assert.deepEqual(errors, []);
  });
});

describe('cargo xtask catalog --upload', () => {
  remoteTest('loads a catalog (mapping, _bulk, progress) that the page then searches by voice', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const fs = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hark-upload-'));
    const file = path.join(dir, 'instruments.jsonl');
    const docs = [
      { id: 'u1', title: 'harmonica', description: 'a small rectangular free-reed instrument played by blowing', category: 'wind instrument' },
      { id: 'u2', title: 'ukulele', description: 'a small guitar with four strings', category: 'guitar' },
      { id: 'u3', title: 'xylophone', description: 'a percussion instrument of wooden bars', category: 'percussion' },
    ];
    await fs.writeFile(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const index = `${INDEX}-upload`;
    const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
    const { stdout, stderr } = await promisify(execFile)(
      'cargo', ['xtask', 'catalog', '--upload', OPENSEARCH, index, '--catalog', file, '--batch', '2'],
      { cwd: repo, timeout: 300_000 },
    );
    assert.match(stdout + stderr, /3 \/ 3|100 ?%/, `progress shown:\n${stdout}\n${stderr}`);
    try {
      h.server.route('/hark.json', { body: JSON.stringify({ noun: 'instruments', remote: { endpoint: '/search-proxy', index } }) });
      h.server.proxy('/search-proxy/', OPENSEARCH);
      const { page, errors } = await h.newPage();
      await h.open(page);
      await eventually(async () => assert.match(await page.getByRole('status').textContent(), /Ready/), { timeout: 15_000 });
      await speakQuery(page, 'show me a harmonika');
      await eventually(async () => {
        const titles = await page.locator('ol[aria-label="Results"] > li .result-title').allTextContents();
        assert.equal(titles[0], 'harmonica', JSON.stringify(titles));
      }, { timeout: 10_000 });
      assert.deepEqual(errors, []);
    } finally {
      await cluster('DELETE', `/${index}`).catch(() => {});
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
