// Spoken final result → results painted, in continuous mode with read-aloud off, through the UI contract only.
//
// One page per site, each with the fake recognizer (fixtures/fake-speech.js) and probe.js installed before its
// scripts. When its catalog is ready: tick "Continuous", untick "Read results aloud", click "Voice search" once. Then
// each phrase is said on every page in turn (the first page alternates), so a burst of other work on the machine
// hits all of them alike: probe.speakAndTime() takes t0 at the fake's dispatch of the final `result` event and
// `painted` at the first frame after the Results list shows that phrase's results (see probe.js). A seeded pause of
// 40–57 ms after each phrase lets the page settle and spreads t0 over the 16.7 ms frame. The first `warmup` phrases
// are not counted.
import { newPage, eventually } from '../support/browser.mjs';
import { PROBE } from './sites.mjs';
import { seeded, summary } from './stats.mjs';

const round = (x) => Math.round(x * 100) / 100;

/** A page at `url`, ready and listening in continuous mode with read-aloud off. */
export async function listeningPage(browser, url) {
  const opened = await newPage(browser, { config: { voicesImmediate: true } });
  await opened.context.addInitScript({ path: PROBE });
  const { page } = opened;
  await page.goto(url);
  await page.waitForFunction(() => window.__benchProbe.readyAt !== null, null, { timeout: 60000 });
  await page.evaluate(() => window.__benchProbe.stopWatching());
  const continuous = page.getByRole('checkbox', { name: 'Continuous' });
  if (!(await continuous.isChecked())) await continuous.check();
  const readAloud = page.getByRole('checkbox', { name: 'Read results aloud' });
  if ((await readAloud.isChecked()) && (await readAloud.isEnabled())) await readAloud.uncheck();
  if (await readAloud.isChecked()) throw new Error('"Read results aloud" could not be turned off');
  const mic = page.getByRole('button', { name: 'Voice search' });
  let clicks = 0;
  /** Click the microphone when no recognizer is listening (at the start, or if the page stopped listening). */
  const listen = async () => {
    if (await page.evaluate(() => window.__harkFake.current !== null)) return;
    clicks += 1;
    await mic.click();
    await eventually(
      async () => (await mic.getAttribute('aria-pressed')) === 'true' && (await page.evaluate(() => window.__harkFake.current !== null)),
      { message: 'the microphone should be listening' },
    );
  };
  await listen();
  return { ...opened, listen, clicks: () => clicks };
}

/**
 * `urls`: {name: url}. Returns {name: {p50, p95, max, n, dom: {p50, p95, max, n}, misses: [phrase], micClicks,
 * samples: [{phrase, ms, domMs}]}} (or {error} for a page that failed); `dom` is t0 → the list matching, before
 * the frame.
 */
export async function measureSpokenPaint({ browser, urls, phrases, warmup = 5, timeoutMs = 3000 }) {
  const pages = {};
  const results = {};
  try {
    for (const [name, url] of Object.entries(urls)) {
      try {
        pages[name] = await listeningPage(browser, url);
        results[name] = { samples: [], misses: [] };
      } catch (error) {
        results[name] = { error: String(error && error.message ? error.message : error) };
      }
    }
    const names = Object.keys(pages);
    const pause = seeded(16);
    for (const [i, phrase] of phrases.entries()) {
      const order = i % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const { page, listen } = pages[name];
        if (results[name].error) continue;
        try {
          await listen();
          const timing = await page.evaluate(([p, t]) => window.__benchProbe.speakAndTime(p, t), [phrase, timeoutMs]);
          if (i >= warmup) {
            if (timing.miss || timing.t0 === null) results[name].misses.push(phrase);
            else results[name].samples.push({ phrase, ms: round(timing.painted - timing.t0), domMs: round(timing.matched - timing.t0) });
          }
        } catch (error) {
          results[name] = { error: String(error && error.message ? error.message : error) };
        }
        await new Promise((resolve) => setTimeout(resolve, 40 + pause() * 17));
      }
    }
    for (const name of names) {
      const result = results[name];
      if (result.error) continue;
      const errors = pages[name].errors;
      if (errors.length) {
        results[name] = { error: `page errors while measuring: ${errors.join('; ')}` };
        continue;
      }
      results[name] = {
        ...summary(result.samples.map((s) => s.ms)),
        dom: summary(result.samples.map((s) => s.domMs)),
        misses: result.misses,
        micClicks: pages[name].clicks(),
        samples: result.samples,
      };
    }
    return results;
  } finally {
    for (const { context } of Object.values(pages)) await context.close();
  }
}
