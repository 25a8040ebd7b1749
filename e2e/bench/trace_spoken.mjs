// Where spoken → painted goes, phrase by phrase: a devtools timeline trace of Hark and of the plain-JS page while
// the same phrases are said, as in spoken_paint.mjs (continuous mode, read-aloud off). A diagnostic, not a target:
// `cargo xtask bench` keeps the numbers; this says why they are what they are.
//
//   node bench/trace_spoken.mjs --app ../dist --things ../catalog/things.jsonl [--phrases 60]
//
// For each page, over the phrases after 5 warm-up ones:
//   script       the fake's `say` → the end of the script that showed the phrase's results (p50 / p95)
//   frame wait   that script's end → the next frame's style recalculation (p50 / p95), and how many phrases waited
//                over 2 ms for it: a frame that waits is one the compositor put on the display's 16.7 ms grid,
//                which it does while something animates
//   rendering    style, layout, pre-paint, paint, layerize and commit of that frame (p50)
//   animating    phrases during which the page had a running animation (document.getAnimations())
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../support/browser.mjs';
import { startSite } from './sites.mjs';
import { listeningPage } from './spoken_paint.mjs';
import { pickPhrases } from './phrases.mjs';
import { summary } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
for (const required of ['app', 'things']) {
  if (!args[required]) throw new Error(`trace_spoken: --${required} is required`);
}
const WARMUP = 5;
const count = Number(args.phrases || 60);
const things = path.resolve(args.things);
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);

/** Trace `phrases` said on the page at `url`; returns the per-phrase figures described above. */
async function trace(browser, url, phrases) {
  const { context, page } = await listeningPage(browser, url);
  try {
    // Each `say` leaves a TimeStamp in the trace, so the phrases can be found in it.
    await page.evaluate(() => {
      const fake = window.__harkFake;
      const say = fake.say.bind(fake);
      fake.say = (text) => {
        console.timeStamp('hark-trace-say');
        return say(text);
      };
    });
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (batch) => events.push(...batch.value));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    const animating = [];
    for (const phrase of phrases) {
      animating.push(await page.evaluate(() => document.getAnimations().some((a) => a.playState === 'running')));
      await page.evaluate(([p]) => window.__benchProbe.speakAndTime(p, 3000), [phrase]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return figures(events, animating);
  } finally {
    await context.close();
  }
}

/** Per phrase (after the warm-up): script, frame wait and rendering, from the trace events. */
function figures(events, animating) {
  const timed = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const starts = events.filter((e) => e.name === 'TimeStamp').map((e) => e.ts).sort((a, b) => a - b);
  const script = [];
  const wait = [];
  const rendering = [];
  let animated = 0;
  for (let i = WARMUP; i < starts.length; i++) {
    const t0 = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : Infinity;
    const inPhrase = timed.filter((e) => e.ts >= t0 && e.ts < end);
    // The probe asks for the frame (requestAnimationFrame) as soon as the list shows the phrase: the script before
    // that request is the page's answer; the first style recalculation after it starts the frame that shows it.
    const request = events.find((e) => e.name === 'RequestAnimationFrame' && e.ts >= t0 && e.ts < end);
    if (!request) continue;
    const calls = inPhrase.filter((e) => e.name === 'FunctionCall' && e.ts <= request.ts);
    const scriptEnd = calls.reduce((at, e) => Math.max(at, e.ts + e.dur), t0);
    const style = inPhrase.find((e) => e.name === 'UpdateLayoutTree' && e.ts >= scriptEnd);
    if (!style) continue;
    script.push((scriptEnd - t0) / 1000);
    wait.push((style.ts - scriptEnd) / 1000);
    const commit = inPhrase.find((e) => e.name === 'Commit' && e.ts > style.ts);
    const frame = inPhrase.filter((e) => RENDERING.has(e.name) && e.ts >= style.ts && (!commit || e.ts <= commit.ts));
    rendering.push(frame.reduce((total, e) => total + e.dur, 0) / 1000);
    if (animating[i]) animated += 1;
  }
  const percentiles = ({ p50, p95 }) => ({ p50, p95 });
  return {
    phrases: script.length,
    script: percentiles(summary(script)),
    frameWait: { ...percentiles(summary(wait)), over2ms: wait.filter((ms) => ms > 2).length },
    rendering: percentiles(summary(rendering)),
    animating: animated,
  };
}

const browser = await launch();
const hark = await startSite({ root: path.resolve(args.app) });
const plain = await startSite({
  root: path.join(here, 'plain'),
  files: {
    '/minisearch.js': path.join(here, '..', 'node_modules', 'minisearch', 'dist', 'es', 'index.js'),
    '/catalog/things.jsonl': things,
  },
});
try {
  const phrases = await pickPhrases(things, count + WARMUP);
  const report = {
    hark: await trace(browser, hark.url + '/', phrases),
    plain: await trace(browser, plain.url + '/', phrases),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await hark.close();
  await plain.close();
}
