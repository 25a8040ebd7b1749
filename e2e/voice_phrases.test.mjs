// Catalog phrases (issue 10, point 3): where the recognizer has `phrases` and `SpeechRecognitionPhrase`, Hark passes
// up to 300 of the loaded catalog's most distinctive names, chosen when its index was built (prebuilt, or by the
// indexing worker) and stored in it, for any catalog size; a recognizer that answers `phrases-not-supported` is
// started once more without them, silently. The speech fake (fixtures/fake-speech.js, `phrases`) records them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Harness, ui, fake, eventually, e2eRoot } from './support/browser.mjs';

const h = new Harness();
before(() => h.start());
after(() => h.stop());

const T = { timeout: 60_000 };
const statusText = async (page) => (await ui(page).status.innerText()).trim();
const pressed = (page) => ui(page).mic.getAttribute('aria-pressed');

async function openReady(page) {
  await h.open(page);
  await eventually(async () => assert.match(await statusText(page), /Ready/), { timeout: 15000 });
}

/** Listen and stop until a start carried phrases (they are handed to the recognizer once the catalog is ready). */
async function startWithPhrases(page) {
  return eventually(
    async () => {
      await ui(page).mic.click();
      await eventually(async () => (await pressed(page)) === 'true' && (await fake(page, 'activeCount')) === 1);
      const phrases = (await fake(page, 'lastOptions')).phrases;
      if (phrases.length > 0) return phrases;
      await ui(page).mic.click();
      await eventually(async () => (await fake(page, 'activeCount')) === 0);
      return null;
    },
    { timeout: 15000, interval: 100, message: 'a start should carry the catalog phrases' },
  );
}

test('the recognizer is given the catalog’s distinctive names, at most 300, boosted 1–5', T, async () => {
  const { page, errors } = await h.newPage({ config: { phrases: true } });
  await openReady(page);
  const phrases = await startWithPhrases(page);
  assert.ok(phrases.length > 10 && phrases.length <= 300, `${phrases.length} phrases`);
  for (const { phrase, boost } of phrases) {
    assert.ok(typeof phrase === 'string' && phrase.trim() === phrase && phrase.length > 0, `phrase ${phrase}`);
    assert.ok(boost >= 1 && boost <= 5, `boost ${boost} of ${phrase}`);
  }
  assert.equal(new Set(phrases.map((p) => p.phrase.toLowerCase())).size, phrases.length, 'each once');
  assert.equal(phrases[0].boost, 5, 'the most distinctive first, at the top boost');
  await fake(page, 'say', 'lamp');
  await eventually(async () => assert.equal(await ui(page).search.inputValue(), 'lamp'));
  assert.deepEqual(errors, []);
});

/** A catalog of `n` made-up products, "<brand> <kind>": 600 brands (invented words) times 40 kinds. */
function bigCatalog(n) {
  const syllables = ['zor', 'bla', 'kee', 'vun', 'tra', 'mip', 'qua', 'lox', 'dre', 'fen', 'gul', 'sho'];
  const brand = (i) => syllables[i % 12] + syllables[Math.floor(i / 12) % 12] + syllables[Math.floor(i / 144) % 12];
  const kinds = ['lamp', 'kettle', 'chair', 'table', 'blender', 'toaster', 'mirror', 'clock', 'fan', 'heater'];
  const lines = [];
  for (let i = 0; i < n; i++) {
    const kind = `${kinds[i % 10]}${i % 40 >= 10 ? ` ${['mini', 'pro', 'max'][Math.floor((i % 40) / 10) - 1]}` : ''}`;
    const title = `${brand(i % 600)} ${kind}`.replace(/^./, (c) => c.toUpperCase());
    lines.push(JSON.stringify({ id: `p${i}`, title, description: `a ${kind} for the home, item ${i}` }));
  }
  return { jsonl: lines.join('\n'), brands: new Set(Array.from({ length: 600 }, (_, i) => brand(i))) };
}

test('a catalog of more than 20,000 items without a prebuilt index gets phrases too (chosen by the indexing worker)', { timeout: 120_000 }, async () => {
  const { jsonl, brands } = bigCatalog(25_000);
  h.server.route('/phrases-big-e2e.jsonl', { body: jsonl, type: 'application/x-ndjson' });
  h.server.route('/hark.phrases-big-e2e.json', {
    body: JSON.stringify({ catalog: 'phrases-big-e2e.jsonl', noun: 'products', language: 'en' }),
    type: 'application/json',
  });
  try {
    const { page, errors } = await h.newPage({ config: { phrases: true } });
    await h.open(page, '?config=hark.phrases-big-e2e.json');
    await eventually(async () => assert.match(await statusText(page), /Ready/), { timeout: 90_000 });
    const phrases = await startWithPhrases(page);
    assert.equal(phrases.length, 300, 'a big catalog has more than enough candidates');
    assert.equal(phrases[0].boost, 5);
    assert.ok(phrases.every(({ boost }) => boost >= 1 && boost <= 5));
    const fromThisCatalog = phrases.filter(({ phrase }) => brands.has(phrase.split(' ')[0].toLowerCase()));
    assert.ok(fromThisCatalog.length > 100, `the names are this catalog's brands: ${JSON.stringify(phrases.slice(0, 5))}`);
    assert.deepEqual(errors, []);
  } finally {
    h.server.unroute('/phrases-big-e2e.jsonl');
    h.server.unroute('/hark.phrases-big-e2e.json');
  }
});

test('the prebuilt index of the 117,791-synset WordNet catalog hands over its stored phrases', { timeout: 120_000 }, async () => {
  // Built by `cargo xtask catalog` (which `cargo xtask test` runs first), in the current index format.
  h.server.route('/wordnet-all-e2e.hidx', { file: path.join(e2eRoot, '..', 'catalog', 'wordnet-all.hidx') });
  h.server.route('/hark.wordnet-all-e2e.json', {
    body: JSON.stringify({ index: 'wordnet-all-e2e.hidx', noun: 'synsets', language: 'en' }),
    type: 'application/json',
  });
  try {
    const { page, errors } = await h.newPage({ config: { phrases: true } });
    await h.open(page, '?config=hark.wordnet-all-e2e.json');
    await eventually(async () => assert.match(await statusText(page), /Ready/), { timeout: 60_000 });
    const phrases = await startWithPhrases(page);
    assert.equal(phrases.length, 300);
    assert.equal(phrases[0].boost, 5);
    assert.ok(phrases.every(({ phrase, boost }) => phrase.length > 0 && boost >= 1 && boost <= 5));
    assert.deepEqual(errors, []);
  } finally {
    h.server.unroute('/wordnet-all-e2e.hidx');
    h.server.unroute('/hark.wordnet-all-e2e.json');
  }
});

test('without SpeechRecognitionPhrase no phrases are passed', T, async () => {
  const { page, errors } = await h.newPage({ config: { noPhrases: true } });
  await openReady(page);
  await ui(page).search.fill('lamp'); // results painted: phrases would be chosen by now where supported
  await eventually(async () => assert.match(await statusText(page), /results? for “lamp”/));
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'activeCount')) === 1);
  assert.deepEqual((await fake(page, 'lastOptions')).phrases, []);
  assert.deepEqual(errors, []);
});

test('phrases-not-supported: listening starts once more without phrases, and nothing is said about it', T, async () => {
  const { page, errors } = await h.newPage({ config: { phrases: true } });
  await openReady(page);
  await startWithPhrases(page);
  await ui(page).mic.click();
  await eventually(async () => (await pressed(page)) === 'false' && (await fake(page, 'activeCount')) === 0);
  // From now on this recognizer refuses phrases.
  await page.evaluate(() => {
    window.__harkFakeConfig.phrasesError = true;
  });
  await ui(page).mic.click();
  await eventually(async () => {
    const log = await fake(page, 'log');
    assert.ok(log.includes('event:error:phrases-not-supported'), 'the recognizer refused them');
    const options = log.filter((l) => l.startsWith('options '));
    assert.match(options[options.length - 1], /phrases=0 /);
    assert.equal(await fake(page, 'activeCount'), 1);
  });
  assert.equal(await pressed(page), 'true');
  assert.equal(await ui(page).alert.count(), 0, 'no alert');
  assert.doesNotMatch(await statusText(page), /phrase/i);
  await fake(page, 'say', 'lamp');
  await eventually(async () => assert.equal(await ui(page).search.inputValue(), 'lamp'));
  // Once refused, later starts pass none.
  await eventually(async () => (await fake(page, 'activeCount')) === 0);
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'activeCount')) === 1);
  assert.deepEqual((await fake(page, 'lastOptions')).phrases, []);
  assert.deepEqual(errors, []);
});

test('with a remote engine the phrases come from hark.json, and a bad list is named', T, async () => {
  // Nothing is searched here, so the cluster need not exist.
  const remote = { endpoint: 'http://127.0.0.1:9', index: 'things' };
  h.server.route('/hark.phrases-e2e.json', {
    body: JSON.stringify({ noun: 'products', remote, phrases: [' Aeron chair ', 'Hark'] }),
    type: 'application/json',
  });
  const { page, errors } = await h.newPage({ config: { phrases: true } });
  await h.open(page, '?config=hark.phrases-e2e.json');
  const phrases = await startWithPhrases(page);
  assert.deepEqual(phrases, [
    { phrase: 'Aeron chair', boost: 3 },
    { phrase: 'Hark', boost: 3 },
  ]);
  assert.deepEqual(errors, []);

  h.server.route('/hark.bad-phrases-e2e.json', {
    body: JSON.stringify({ remote, phrases: ['lamp', ''] }),
    type: 'application/json',
  });
  const bad = await h.newPage({ config: { phrases: true } });
  await h.open(bad.page, '?config=hark.bad-phrases-e2e.json');
  await eventually(async () => assert.match(await ui(bad.page).alert.allInnerTexts().then((t) => t.join(' ')), /phrases\[1\] is empty/));
});
