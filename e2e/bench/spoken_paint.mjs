// Spoken final result → results painted, in continuous mode with read-aloud off, through the UI contract only.
//
// One page per site, the fake recognizer (fixtures/fake-speech.js) and probe.js installed before the page's scripts.
// After the catalog is ready: tick "Continuous", untick "Read results aloud", click "Voice search" once, then for each
// phrase probe.speakAndTime(): t0 = the final `result` event's dispatch, painted = the first frame after the Results
// list shows that phrase's results (see probe.js). Between phrases a seeded pause of 40–57 ms lets the page settle
// and spreads t0 over the 16.7 ms frame. The first `warmup` phrases are not counted.
import { newPage, eventually } from '../support/browser.mjs';
import { PROBE } from './sites.mjs';
import { seeded, summary } from './stats.mjs';

const round = (x) => Math.round(x * 100) / 100;

/** Returns {p50, p95, max, n, misses: [phrase], restarts, samples: [{phrase, ms, matchMs}]}. */
export async function measureSpokenPaint({ browser, url, phrases, warmup = 5, timeoutMs = 3000 }) {
  const { context, page, errors } = await newPage(browser, { config: { voicesImmediate: true } });
  await context.addInitScript({ path: PROBE });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__benchProbe.readyAt !== null, null, { timeout: 60000 });
    await page.evaluate(() => window.__benchProbe.stopWatching());
    const continuous = page.getByRole('checkbox', { name: 'Continuous' });
    if (!(await continuous.isChecked())) await continuous.check();
    const readAloud = page.getByRole('checkbox', { name: 'Read results aloud' });
    if ((await readAloud.isChecked()) && (await readAloud.isEnabled())) await readAloud.uncheck();
    if (await readAloud.isChecked()) throw new Error('"Read results aloud" could not be turned off');
    const mic = page.getByRole('button', { name: 'Voice search' });
    let restarts = -1;
    const listening = async () => {
      if (await page.evaluate(() => window.__harkFake.current !== null)) return;
      restarts += 1;
      await mic.click();
      await eventually(async () => (await mic.getAttribute('aria-pressed')) === 'true' && (await page.evaluate(() => window.__harkFake.current !== null)), {
        message: 'the microphone should be listening',
      });
    };
    const pause = seeded(16);
    const samples = [];
    const misses = [];
    for (const [i, phrase] of phrases.entries()) {
      await listening();
      const timing = await page.evaluate(([p, t]) => window.__benchProbe.speakAndTime(p, t), [phrase, timeoutMs]);
      if (i >= warmup) {
        if (timing.miss || timing.t0 === null) misses.push(phrase);
        else samples.push({ phrase, ms: round(timing.painted - timing.t0), matchMs: round(timing.matched - timing.t0) });
      }
      await page.waitForTimeout(40 + pause() * 17);
    }
    if (errors.length) throw new Error(`page errors while measuring: ${errors.join('; ')}`);
    const log = await page.evaluate(() => window.__harkFake.log.filter((entry) => entry.startsWith('start')).length);
    return { ...summary(samples.map((s) => s.ms)), dom: summary(samples.map((s) => s.matchMs)), misses, restarts: Math.max(0, restarts), starts: log, samples };
  } finally {
    await context.close();
  }
}
