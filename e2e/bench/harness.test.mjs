// The page benchmarks' harness measured against small pages whose behaviour is known: what it reports must follow
// from what the page did. Only lower bounds and counts are asserted, never how fast this machine is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, newPage } from '../support/browser.mjs';
import { startSite, PROBE } from './sites.mjs';
import { measureFirstLoad } from './first_load.mjs';
import { measureBigCatalog } from './big_catalog.mjs';
import { pageMemory } from './memory.mjs';
import { pickPhrases } from './phrases.mjs';

// A page with the UI contract that shows a phrase's result `delay` ms after the final result (never for "nothing"),
// blocks its main thread for 400 ms before saying "Ready" (in rounds while the harness types), keeps 8 MB of wasm
// memory, and on ?worker starts a worker that keeps 16 MB.
const PAGE = `<!doctype html><meta charset="utf-8"><title>fixture</title>
<script src="app.js" defer></script>
<input type="search" aria-label="Search"><button aria-pressed="false">Voice search</button>
<label><input type="checkbox"> Continuous</label><label><input type="checkbox"> Read results aloud</label>
<p role="status">Loading…</p><ol aria-label="Results"></ol>`;
const APP = `
const delay = Number(new URLSearchParams(location.search).get('delay') || 0);
window.keep = new WebAssembly.Memory({ initial: 128 });
if (location.search.includes('worker')) window.worker = new Worker('worker.js');
// When the harness types while loading, the page blocks in 400 ms rounds until a key sent during a round has
// waited at least 100 ms for it (at most 10 rounds), however late a loaded machine starts typing.
const typing = !!window.__benchProbeFocusSearch;
const keyTimes = [];
addEventListener('keydown', (event) => keyTimes.push(event.timeStamp), { capture: true });
const block = (round) => {
  const start = performance.now();
  const end = start + 400;
  while (performance.now() < end) {}
  setTimeout(() => {
    const waited = keyTimes.some((at) => at >= start && at < end - 100);
    if (!typing || waited || round >= 10) document.querySelector('[role=status]').textContent = 'Ready — 1 thing.';
    else block(round + 1);
  }, 20);
};
fetch('data.json').then((response) => response.text()).then(() => block(1));
const mic = document.querySelector('button');
mic.onclick = () => {
  const rec = new webkitSpeechRecognition();
  rec.continuous = document.querySelector('input[type=checkbox]').checked;
  rec.onresult = (event) => {
    const text = event.results[event.resultIndex][0].transcript;
    if (text === 'nothing') return;
    setTimeout(() => {
      const li = document.createElement('li');
      li.innerHTML = '<h2></h2><p>description</p>';
      li.firstChild.textContent = text;
      document.querySelector('ol').replaceChildren(li);
    }, delay);
  };
  rec.start();
  mic.setAttribute('aria-pressed', 'true');
};`;
const WORKER = `(() => { const memory = new WebAssembly.Memory({ initial: 256 }); setInterval(() => memory.buffer.byteLength, 1000); })();`;

let dir;
let site;
let browser;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hark-harness-'));
  fs.writeFileSync(path.join(dir, 'index.html'), PAGE);
  fs.writeFileSync(path.join(dir, 'app.js'), APP);
  fs.writeFileSync(path.join(dir, 'worker.js'), WORKER);
  fs.writeFileSync(path.join(dir, 'data.json'), '{}');
  site = await startSite({ root: dir });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function probed(search) {
  const opened = await newPage(browser, {});
  await opened.context.addInitScript({ path: PROBE });
  await opened.page.goto(`${site.url}/${search}`);
  await opened.page.waitForFunction(() => window.__benchProbe.readyAt !== null);
  return opened;
}

test('spoken → painted: t0 before the page reacts, the DOM at least the page\'s delay later, the frame after it', async () => {
  const { page, context } = await probed('?delay=60');
  try {
    await page.getByRole('checkbox', { name: 'Continuous' }).check();
    await page.getByRole('button', { name: 'Voice search' }).click();
    const shown = await page.evaluate(() => window.__benchProbe.speakAndTime('rocking chair', 3000));
    assert.ok(shown.t0 !== null && !shown.miss, JSON.stringify(shown));
    assert.ok(shown.matched - shown.t0 >= 60, `the page waited 60 ms: ${JSON.stringify(shown)}`);
    assert.ok(shown.painted > shown.matched, JSON.stringify(shown));
    const missed = await page.evaluate(() => window.__benchProbe.speakAndTime('nothing', 300));
    assert.equal(missed.miss, true);
  } finally {
    await context.close();
  }
});

test('long tasks before "Ready" are seen', async () => {
  const { page, context } = await probed('');
  try {
    const tasks = await page.evaluate(() => window.__benchProbe.longTasks);
    assert.ok(tasks.some((t) => t.duration >= 400), JSON.stringify(tasks));
  } finally {
    await context.close();
  }
});

test('memory counts the wasm memories of the page and of its live workers', async () => {
  const { page, context } = await probed('?worker');
  try {
    await page.waitForTimeout(300);
    const memory = await pageMemory(await context.newCDPSession(page));
    const [main, worker] = memory.realms;
    assert.equal(memory.realms.length, 2, JSON.stringify(memory));
    assert.ok(main.wasm >= 128 * 65536 && worker.wasm >= 256 * 65536, JSON.stringify(memory));
    assert.ok(worker.realm.endsWith('/worker.js'));
    assert.equal(memory.bytes, main.bytes + worker.bytes);
  } finally {
    await context.close();
  }
});

test('first load counts what was fetched until ready, app and data apart, and not a worker never started', async () => {
  const load = await measureFirstLoad({ browser, site });
  assert.deepEqual(
    load.files.map((f) => [f.path, f.kind]),
    [['/', 'app'], ['/app.js', 'app'], ['/data.json', 'data']],
  );
  const app = load.files.filter((f) => f.kind === 'app');
  assert.equal(load.app.gzip, app[0].gzip + app[1].gzip);
  assert.equal(load.app.bytes, Buffer.byteLength(PAGE) + Buffer.byteLength(APP));
});

test('a catalog loading: ready after the block, the block as a long task, keys typed during it wait for it', async () => {
  const big = await measureBigCatalog({ browser, site, catalogPath: 'data.json', catalogBytes: 2, baselinePath: 'data.json' });
  assert.ok(big.longTasks.count >= 1 && big.longTasks.longestMs >= 400, JSON.stringify(big.longTasks));
  assert.ok(big.afterBytesMs >= 400, `ready comes after the 400 ms block that follows the bytes: ${big.afterBytesMs}`);
  assert.ok(big.memory.bytes >= 128 * 65536, JSON.stringify(big.memory));
  assert.ok(big.typing.n >= 1 && big.typing.max >= 100, JSON.stringify(big.typing));
});

test('phrases are distinct catalog titles, the same for the same seed', async () => {
  const catalog = path.join(dir, 'catalog.jsonl');
  const titles = ['lamp', 'Lamp', 'rocking chair', 'tuning fork', 'stop', 'x', 'espresso maker', 'chair 2', 'teapot'];
  fs.writeFileSync(catalog, titles.map((title, i) => JSON.stringify({ id: String(i), title })).join('\n'));
  const phrases = await pickPhrases(catalog, 4, 3);
  assert.deepEqual(phrases, await pickPhrases(catalog, 4, 3));
  assert.deepEqual([...phrases].sort(), ['espresso maker', 'rocking chair', 'teapot', 'tuning fork']);
  await assert.rejects(pickPhrases(catalog, 5, 3), /only 4 usable titles/);
});
