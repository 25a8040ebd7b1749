// A long session, time-compressed (issue 12, point 4): 1,000 spoken queries in continuous mode, 200 silence restarts,
// 50 errors of every recognition error code, 100 readings started and cancelled. Afterwards only one recognizer is
// live, no listener / timer / recognizer-listener count has grown since the first 50 queries, the JS heap (after a
// forced GC; its objects, without compiled code) and the wasm memory are within 10 % of where they were then, and the
// next query is answered normally.
//
// Time is compressed with Playwright's clock: the 1 s between automatic restarts (src/speech/restart.rs) is jumped
// over with clock.fastForward instead of waited for. The numbers are printed as test diagnostics (`# soak …`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Harness, ui, fake, eventually } from './support/browser.mjs';
import { e2eRoot } from './support/browser.mjs';

const COUNTERS = path.join(e2eRoot, 'fixtures', 'soak-counters.js');
const QUERIES = ['tuning fork', 'cheddar', 'espresso', 'lamp', 'violin', 'bicycle', 'teapot', 'umbrella', 'harmonica',
  'kettle', 'anchor', 'blanket', 'candle', 'compass', 'ladder', 'mirror', 'pencil', 'saddle', 'telescope', 'whistle'];
const ERROR_CODES = ['no-speech', 'aborted', 'audio-capture', 'network', 'not-allowed', 'service-not-allowed',
  'language-not-supported', 'phrases-not-supported'];

const h = new Harness();
before(() => h.start());
after(() => h.stop());

const statusText = (page) => page.getByRole('status').textContent();

/** Says `text` to the live recognizer and waits until it is in the search box and the top result is about it. */
async function askAndWait(page, text) {
  await fake(page, 'say', text);
  const word = text.split(' ')[0];
  await eventually(async () => {
    const [value, top] = await page.evaluate(() => [
      document.querySelector('input[type="search"]')?.value,
      document.querySelector('ol[aria-label="Results"] > li .result-title')?.textContent || '',
    ]);
    assert.ok(value === text && top.toLowerCase().includes(word), `answered “${text}”: box “${value}”, top “${top}”`);
  }, { timeout: 10_000, interval: 10 });
}

/** Listening again: click the microphone if the person would have to, and jump over a scheduled restart. */
async function ensureListening(page) {
  await eventually(async () => {
    if ((await fake(page, 'activeCount')) === 1 && (await page.evaluate(() => !!window.__harkFake.current))) return true;
    if ((await ui(page).mic.getAttribute('aria-pressed')) !== 'true') await ui(page).mic.click();
    else await page.clock.fastForward(1100);
    return false;
  }, { timeout: 10_000, interval: 10, message: 'listening again' });
}

/** Bytes of the heap snapshot's objects, leaving out compiled code (V8's optimised JS and the wasm module's tiers). */
async function objectBytes(cdp) {
  const chunks = [];
  const collect = (event) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  const { snapshot, nodes, strings } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    if (types[nodes[i + type]] === 'code' || /WasmNativeModule/.test(strings[nodes[i + name]])) continue;
    bytes += nodes[i + size];
  }
  return bytes;
}

/**
 * Counts, JS heap after a forced GC, and wasm memory — taken just after Chrome has ended a session on silence and
 * listening restarted, so a continuous session's own list of results (the recognizer's, not the page's) is not in
 * it, and without the fake's records (fake.trimRecords).
 */
async function measure(page, cdp) {
  await page.clock.fastForward(1100);
  await fake(page, 'silenceEnd');
  await ensureListening(page);
  const counts = await page.evaluate(() => ({
    liveRecognizers: window.__harkFake.activeCount(),
    recognizerListeners: window.__harkFake.listenerCount(),
    recognizers: window.__harkFake.instances.length,
  }));
  await page.evaluate(() => window.__harkFake.trimRecords());
  // DevTools keeps every console message while it is attached (the page logs each recognition error): not the page's.
  await cdp.send('Runtime.discardConsoleEntries');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const jsObjects = await objectBytes(cdp);
  const inPage = await page.evaluate(async () => {
    const tag = document.querySelector('script[data-hark-boot]');
    const glue = await import(new URL(tag.dataset.js, document.baseURI).href);
    // The glue's init returns the running instance's exports (it does not instantiate twice).
    const exports = await glue.default();
    return { ...window.__harkCounters.snapshot(), wasmBytes: exports.memory.buffer.byteLength };
  });
  return { ...counts, ...inPage, jsHeap: heap.usedSize, jsObjects };
}

test('a long session leaks nothing and still answers', { timeout: 900_000 }, async (t) => {
  const started = Date.now();
  const { page, context, errors, consoleMessages } = await h.newPage({ config: { voicesImmediate: true } });
  await context.addInitScript({ path: COUNTERS });
  await page.clock.install();
  const cdp = await context.newCDPSession(page);
  await h.open(page);
  await eventually(async () => assert.match(await statusText(page), /Ready — [\d,]+ things\./), { timeout: 20_000 });
  const readAloud = page.getByRole('checkbox', { name: 'Read results aloud' });
  await readAloud.uncheck();
  await ui(page).continuous.check();
  await ui(page).mic.click();
  await ensureListening(page);

  let asked = 0;
  const ask = async () => { await askAndWait(page, `${QUERIES[asked % QUERIES.length]}`); asked += 1; };
  const stopReading = page.getByRole('button', { name: 'Stop reading' });
  const counts = { silences: 0, errors: 0, readings: 0 };
  // Each kind of event, once: a query, Chrome ending the session on silence, then the restart.
  const silence = async () => {
    await ask();
    await page.clock.fastForward(1100);
    await fake(page, 'silenceEnd');
    await ensureListening(page);
    counts.silences += 1;
  };
  // One error of every code; whatever each one does (restart, or stop and wait for a click), listening comes back.
  const errorRound = async () => {
    for (const code of ERROR_CODES) {
      await page.clock.fastForward(1100);
      await fake(page, 'error', code);
      await ensureListening(page);
      counts.errors += 1;
    }
    await ask();
  };
  // A spoken query read aloud (speech held until cancelled), and the reading cancelled with "Stop reading".
  const reading = async () => {
    await page.evaluate(() => { window.__harkFakeConfig.speakMs = 'manual'; });
    await readAloud.check();
    await ask();
    await stopReading.click({ timeout: 10_000 });
    await eventually(async () => assert.equal(await stopReading.count(), 0), { interval: 10 });
    await page.clock.fastForward(400);
    await ensureListening(page);
    await readAloud.uncheck();
    await page.evaluate(() => { window.__harkFakeConfig.speakMs = 30; });
    counts.readings += 1;
  };

  // The first 50 queries include one of each kind, so the code of every path has run once before the baseline.
  while (asked < 50) {
    if (asked === 10) await silence();
    else if (asked === 20) await errorRound();
    else if (asked === 30) await reading();
    else await ask();
  }
  const first = await measure(page, cdp);
  t.diagnostic(`soak: first 50 queries measured after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  assert.ok(first.timersStarted > 0 && first.added > 0, 'the counters see the page’s timers and listeners');

  // Hark gives up after 5 silent restarts in a row, by design: each silence follows a query.
  while (counts.silences < 200) await silence();
  while (counts.errors < 50 * ERROR_CODES.length) await errorRound();
  const middle = await measure(page, cdp);
  t.diagnostic(`soak: silences and errors done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  while (counts.readings < 100) await reading();
  while (asked < 1000) await ask();
  const last = await measure(page, cdp);

  const report = Object.keys(first).map((k) => `${k} ${first[k]} → ${middle[k]} → ${last[k]}`).join(', ');
  t.diagnostic(`soak ${asked} queries, ${counts.silences} silences, ${counts.errors} errors, ${counts.readings} readings in ${((Date.now() - started) / 1000).toFixed(0)} s, ${consoleMessages.length} console messages: ${report}`);
  assert.equal(last.liveRecognizers, 1, 'only one live recognizer');
  for (const k of ['listeners', 'timeouts', 'intervals', 'recognizerListeners']) {
    assert.ok(last[k] <= first[k], `${k} grew from ${first[k]} to ${last[k]}`);
  }
  // The JS heap is judged by its objects (a heap snapshot without compiled code): Runtime.getHeapUsage also counts the
  // machine code V8 and the wasm tiers add as more functions get optimised during the session (a snapshot diff shows
  // InstructionStream, TrustedByteArray and WasmNativeModule growing, not objects the page keeps). Both are reported.
  assert.ok(last.jsObjects <= first.jsObjects * 1.1, `JS heap objects ${first.jsObjects} → ${last.jsObjects} (more than 10 %)`);
  assert.ok(last.wasmBytes <= first.wasmBytes * 1.1, `wasm memory ${first.wasmBytes} → ${last.wasmBytes} (more than 10 %)`);
  // The next query is answered normally, with results.
  await askAndWait(page, 'tuning fork');
  assert.match((await page.locator('ol[aria-label="Results"] > li .result-title').first().textContent()) || '', /tuning fork/i);
  assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
});
