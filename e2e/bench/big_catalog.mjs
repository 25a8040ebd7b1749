// A big catalog without a prebuilt index, loading in the page (`?catalog=<jsonl>`): how long until the status line
// says "Ready", how much memory the page holds then, the main-thread long tasks while it loads, and — in a second,
// separate load — how long a key typed into the search box meanwhile takes to show.
//
// Memory: memory.mjs (main thread and live workers: JS heap, DOM heap, array buffers, wasm memories).
import { newPage, eventually } from '../support/browser.mjs';
import { PROBE } from './sites.mjs';
import { summary } from './stats.mjs';
import { pageMemory } from './memory.mjs';

const READY_TIMEOUT = 180000;

/** A fresh page with probe.js, navigated to `url`; `finished` collects every finished request (workers' too). */
async function openWithProbe(browser, url) {
  const opened = await newPage(browser, { config: { voicesImmediate: true } });
  await opened.context.addInitScript({ path: PROBE });
  const finished = [];
  opened.context.on('requestfinished', (request) => finished.push({ url: request.url(), timing: request.timing() }));
  const cdp = await opened.context.newCDPSession(opened.page);
  await opened.page.goto(url);
  return { ...opened, cdp, finished };
}

/**
 * When the catalog's last byte arrived, in the page's clock: from the main thread's resource timing, else (a worker
 * fetched it) from the browser's network timing of that request, moved onto the page's clock with its timeOrigin.
 */
async function bytesArrivedAt(page, finished, name) {
  const fromPage = await page.evaluate(
    (name) => performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(name))?.responseEnd ?? null,
    name,
  );
  if (fromPage !== null) return { at: fromPage, seenBy: 'main thread' };
  const request = finished.find((r) => new URL(r.url).pathname.endsWith(name));
  if (!request || request.timing.responseEnd < 0) return { at: null, seenBy: null };
  const origin = await page.evaluate(() => performance.timeOrigin);
  return { at: request.timing.startTime + request.timing.responseEnd - origin, seenBy: 'network' };
}

/** One clean load: ready time, long tasks until ready, memory after ready. */
async function cleanLoad(browser, site, catalogPath) {
  const { context, page, errors, cdp, finished } = await openWithProbe(browser, `${site.url}/?catalog=${encodeURIComponent(catalogPath)}`);
  try {
    await page.waitForFunction(() => window.__benchProbe.readyAt !== null, null, { timeout: READY_TIMEOUT });
    await page.waitForTimeout(500);
    const timeline = await page.evaluate(() => {
      const probe = window.__benchProbe;
      return {
        readyAt: probe.readyAt,
        longTasks: probe.longTasks.filter((t) => t.start <= probe.readyAt),
        longTaskError: probe.longTaskError || null,
        status: document.querySelector('[role="status"]')?.textContent || '',
      };
    });
    const bytes = await bytesArrivedAt(page, finished, catalogPath.replace(/^.*\//, ''));
    const memory = await pageMemory(cdp);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { ...timeline, bytesArrivedAt: bytes.at, bytesSeenBy: bytes.seenBy, memory };
  } finally {
    await context.close();
  }
}

/** CDP Input.dispatchKeyEvent parameters for a key down and up, stamped with the moment they are sent. */
function keyPress(key) {
  const timestamp = Date.now() / 1000;
  const common = key === 'Backspace'
    ? { key, code: 'Backspace', windowsVirtualKeyCode: 8, timestamp }
    : { key, code: `Key${key.toUpperCase()}`, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0), timestamp };
  return [{ type: 'keyDown', ...common, ...(key.length === 1 ? { text: key } : {}) }, { type: 'keyUp', ...common }];
}

/**
 * A second load: from the moment the page is committed a key goes every 50 ms — "lamp", then Backspace and "p" in
 * turn — until the catalog is ready (the status line says "Ready", or the Results list shows the typed query's
 * results). probe.js focuses the search box as soon as it exists, so from then on the keys are typed into it. The
 * keys are sent through CDP without waiting for the page, each stamped with the moment it was sent (so a key sent
 * while the page is blocked keeps its time, as a person's would); its delay runs from that event.timeStamp to the
 * first frame after it was handled. Only keys sent before ready count.
 */
async function typingWhileLoading(browser, site, catalogPath) {
  const { context, page, errors } = await newPage(browser, { config: { voicesImmediate: true } });
  try {
    await context.addInitScript(() => (window.__benchProbeFocusSearch = true));
    await context.addInitScript({ path: PROBE });
    const cdp = await context.newCDPSession(page);
    await page.goto(`${site.url}/?catalog=${encodeURIComponent(catalogPath)}`, { waitUntil: 'commit' });
    let loaded = false;
    const ready = page
      .waitForFunction(() => window.__benchProbe && (window.__benchProbe.readyAt ?? window.__benchProbe.resultsAt) !== null, null, {
        timeout: READY_TIMEOUT,
        polling: 100,
      })
      .finally(() => (loaded = true));
    const sent = [];
    while (!loaded) {
      const key = sent.length < 4 ? 'lamp'[sent.length] : sent.length % 2 === 0 ? 'Backspace' : 'p';
      const [down, up] = keyPress(key);
      sent.push(cdp.send('Input.dispatchKeyEvent', down).then(() => cdp.send('Input.dispatchKeyEvent', up)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await ready;
    await Promise.all(sent);
    await eventually(() => page.evaluate(() => window.__benchProbe.keys.every((k) => k.painted !== null)), { timeout: 10000 });
    const { keys, readyAt } = await page.evaluate(() => {
      const probe = window.__benchProbe;
      return { keys: probe.keys, readyAt: Math.min(probe.readyAt ?? Infinity, probe.resultsAt ?? Infinity) };
    });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const during = keys.filter((k) => k.at < readyAt);
    return {
      ...summary(during.map((k) => Math.round((k.painted - k.at) * 100) / 100)),
      inSearch: during.filter((k) => k.inSearch).length,
      sent: sent.length,
      readyAt,
    };
  } finally {
    await context.close();
  }
}

/**
 * Everything for `catalogPath` (served by `site`, `catalogBytes` long); `baselinePath` is a one-item catalog whose
 * memory is the page's own (the engine and the app with nothing to search).
 */
export async function measureBigCatalog({ browser, site, catalogPath, catalogBytes, baselinePath }) {
  const load = await cleanLoad(browser, site, catalogPath);
  const baseline = await cleanLoad(browser, site, baselinePath);
  let typing;
  try {
    typing = await typingWhileLoading(browser, site, catalogPath);
  } catch (error) {
    typing = { error: String(error && error.message ? error.message : error) };
  }
  const tally = (tasks) => {
    const durations = tasks.map((t) => t.duration);
    return {
      count: durations.length,
      longestMs: durations.length ? Math.round(Math.max(...durations)) : 0,
      blockingMs: Math.round(durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0)),
    };
  };
  // While indexing: the tasks that end after the catalog's bytes arrived (the app's own start-up comes before).
  const indexing = load.bytesArrivedAt === null ? null : load.longTasks.filter((t) => t.start + t.duration > load.bytesArrivedAt);
  return {
    catalog: catalogPath,
    catalogBytes,
    readyMs: Math.round(load.readyAt),
    afterBytesMs: load.bytesArrivedAt === null ? null : Math.round(load.readyAt - load.bytesArrivedAt),
    bytesSeenBy: load.bytesSeenBy,
    status: load.status,
    longTasks: { ...tally(load.longTasks), observerError: load.longTaskError },
    longTasksIndexing: indexing === null ? null : tally(indexing),
    memory: load.memory,
    baselineMemory: baseline.memory,
    ratio: load.memory.bytes / catalogBytes,
    typing,
  };
}
