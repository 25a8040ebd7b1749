// Speak latency: from the recognizer's final result to the first speechSynthesis.speak() of the reading, in ms.
//
//   import { measureSpeakLatency } from './speak_latency.mjs';
//   const { p50, p95, samples } = await measureSpeakLatency({ baseUrl: 'http://127.0.0.1:8080/', browser, runs: 30 });
//
// `browser` is a playwright-core Browser; `baseUrl` serves a built Hark (dist/). Each run clicks "Voice search" (which
// also stops the previous reading), then, in one page task, takes performance.now() and has the fake recognizer
// (fixtures/fake-speech.js) dispatch a final result; the fake records performance.now() in speak() (`spoken[i].now`).
// The difference covers Hark's whole path: transcript → query → search → results → reading script → speak().
// Target (DESIGN.md): ≤ 50 ms.
import { newPage } from '../support/browser.mjs';
import { percentile } from './stats.mjs';

const QUERIES = ['lamp', 'chair', 'cheddar', 'tuning fork', 'espresso maker', 'umbrella', 'bicycle', 'teapot', 'piano', 'hammer'];
const WARMUP = 3;

export async function measureSpeakLatency({ baseUrl, browser, runs = 30 }) {
  const { context, page, errors } = await newPage(browser, { config: { voicesImmediate: true, speakMs: 5 } });
  try {
    await page.goto(baseUrl);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 30000 });
    await page.waitForFunction(() => /Ready/.test(document.querySelector('[role="status"]')?.textContent || ''), null, {
      timeout: 30000,
    });
    const readAloud = page.getByRole('checkbox', { name: 'Read results aloud' });
    if (!(await readAloud.isChecked())) await readAloud.check();
    const mic = page.getByRole('button', { name: 'Voice search' });
    const samples = [];
    for (let run = 0; run < runs + WARMUP; run++) {
      const query = QUERIES[run % QUERIES.length];
      await mic.click();
      await page.waitForFunction(() => window.__harkFake.activeCount() === 1, null, { timeout: 5000 });
      const before = await page.evaluate(() => window.__harkFake.spoken.length);
      const start = await page.evaluate((text) => {
        const t = performance.now();
        window.__harkFake.say(text);
        return t;
      }, query);
      await page.waitForFunction((n) => window.__harkFake.spoken.length > n, before, { timeout: 5000 });
      const first = await page.evaluate((n) => window.__harkFake.spoken[n], before);
      if (!first.text.includes(query)) throw new Error(`the first utterance after "${query}" was "${first.text}"`);
      if (run >= WARMUP) samples.push(Math.round((first.now - start) * 100) / 100);
      // Let single-shot listening end before the next click.
      await page.waitForFunction(() => window.__harkFake.activeCount() === 0, null, { timeout: 5000 });
    }
    if (errors.length) throw new Error(`page errors while measuring: ${errors.join('; ')}`);
    const sorted = [...samples].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples };
  } finally {
    await context.close();
  }
}

// `node bench/speak_latency.mjs [DIST] [RUNS]`: measure against a built dist/ on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const path = await import('node:path');
  const { startServer } = await import('../support/server.mjs');
  const { launch } = await import('../support/browser.mjs');
  const server = await startServer({ root: path.resolve(process.argv[2] || '../dist') });
  const browser = await launch();
  try {
    const result = await measureSpeakLatency({ baseUrl: server.url + '/', browser, runs: Number(process.argv[3] || 30) });
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await server.close();
  }
}
