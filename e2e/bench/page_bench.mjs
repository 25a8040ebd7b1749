// The page benchmarks of `cargo xtask bench` (and `cargo xtask bench --only page`): a built Hark (dist/) and the
// plain-JS MiniSearch page (plain/) side by side in one headless Chromium; prints one JSON object to stdout.
//
//   node bench/page_bench.mjs --app ../dist --things ../catalog/things.jsonl --big ../catalog/wordnet-all.jsonl
//                             [--phrases 100] [--only first-load,spoken,big,hostile]
//
// 1. first load (first_load.mjs): the files each page fetches before it is ready, gzip -9;
// 2. spoken final → results painted (spoken_paint.mjs), the same phrases for both pages;
// 3. the big JSONL without an index loading in Hark (big_catalog.mjs);
// 4. hostile and huge input: the longest main-thread task per case (hostile.mjs).
// Only the UI contract is used, so any dist/ the build produces is measured the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../support/browser.mjs';
import { startSite } from './sites.mjs';
import { measureFirstLoad } from './first_load.mjs';
import { measureSpokenPaint } from './spoken_paint.mjs';
import { measureBigCatalog } from './big_catalog.mjs';
import { measureHostile } from './hostile.mjs';
import { pickPhrases } from './phrases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
for (const required of ['app', 'things', 'big']) {
  if (!args[required]) throw new Error(`page_bench: --${required} is required`);
}
const only = new Set((args.only || 'first-load,spoken,big,hostile').split(','));
const WARMUP = 5;
const phraseCount = Number(args.phrases || 100);
const app = path.resolve(args.app);
const things = path.resolve(args.things);
const big = path.resolve(args.big);
const BIG_PATH = 'catalog/' + path.basename(big);
const ONE_PATH = 'catalog/bench-one-item.jsonl';

// A catalog of one item, for the page's own memory.
const oneItem = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hark-bench-')), 'one.jsonl');
fs.writeFileSync(oneItem, fs.readFileSync(things, 'utf8').split('\n')[0] + '\n');

const plainFiles = {
  '/minisearch.js': path.join(here, '..', 'node_modules', 'minisearch', 'dist', 'es', 'index.js'),
  '/catalog/things.jsonl': things,
};
const log = (message) => process.stderr.write(`page bench: ${message}\n`);
const attempt = async (name, run) => {
  log(`${name}…`);
  try {
    return await run();
  } catch (error) {
    log(`${name} failed: ${error && error.stack ? error.stack : error}`);
    return { error: String(error && error.message ? error.message : error) };
  }
};

const browser = await launch();
const hark = await startSite({ root: app, files: { ['/' + BIG_PATH]: big, ['/' + ONE_PATH]: oneItem } });
const plain = await startSite({ root: path.join(here, 'plain'), files: plainFiles });
const report = { chromium: browser.version(), cores: os.cpus().length, loadAverage: { start: os.loadavg()[0] } };
try {
  if (only.has('first-load')) {
    report.firstLoad = {
      hark: await attempt('first load: Hark', () => measureFirstLoad({ browser, site: hark })),
      plain: await attempt('first load: plain JS', () => measureFirstLoad({ browser, site: plain })),
    };
  }
  if (only.has('spoken')) {
    const phrases = await pickPhrases(things, phraseCount + WARMUP);
    const urls = { hark: hark.url + '/', plain: plain.url + '/' };
    const measured = await attempt('spoken → painted: Hark and plain JS, phrase by phrase', () =>
      measureSpokenPaint({ browser, urls, phrases, warmup: WARMUP }),
    );
    report.spoken = measured.error
      ? { phrases: phraseCount, warmup: WARMUP, hark: measured, plain: measured }
      : { phrases: phraseCount, warmup: WARMUP, ...measured };
  }
  if (only.has('big')) {
    report.big = await attempt(`${BIG_PATH} without an index in Hark`, () =>
      measureBigCatalog({ browser, site: hark, catalogPath: BIG_PATH, catalogBytes: fs.statSync(big).size, baselinePath: ONE_PATH }),
    );
  }
  if (only.has('hostile')) {
    report.hostile = await attempt('hostile and huge input in Hark', () => measureHostile({ browser, site: hark }));
  }
  report.loadAverage.end = os.loadavg()[0];
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await hark.close();
  await plain.close();
  fs.rmSync(path.dirname(oneItem), { recursive: true, force: true });
}
