// Benchmark driver, called by `cargo xtask bench`: Hark's engine (wasm) against MiniSearch and FlexSearch on the same
// catalog and queries, each in a fresh headless Chromium page on 127.0.0.1; prints one JSON object to stdout.
//
//   node bench/run.mjs --hark DIR --catalog FILE.jsonl --index FILE.hidx --queries FILE.json [--engines a,b] [--speak-runs N]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const engines = (args.engines || 'hark,hark-in-page,minisearch,flexsearch').split(',');
const nodeModules = path.resolve(here, '..', 'node_modules');

const server = await startServer({ root: here });
server.route('/hark/hark_bench_wasm.js', { file: path.join(args.hark, 'hark_bench_wasm.js') });
server.route('/hark/hark_bench_wasm_bg.wasm', { file: path.join(args.hark, 'hark_bench_wasm_bg.wasm') });
server.route('/minisearch.js', { file: path.join(nodeModules, 'minisearch/dist/es/index.js') });
server.route('/flexsearch.js', { file: path.join(nodeModules, 'flexsearch/dist/flexsearch.bundle.module.min.mjs') });
server.route('/data/catalog.jsonl', { file: path.resolve(args.catalog) });
server.route('/data/index.hidx', { file: path.resolve(args.index) });
server.route('/data/queries.json', { file: path.resolve(args.queries) });
const files = { catalog: '/data/catalog.jsonl', index: '/data/index.hidx', queries: '/data/queries.json' };

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const results = [];
try {
  for (const engine of engines) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url + '/page.html');
    await page.waitForFunction(() => typeof window.runEngine === 'function');
    process.stderr.write(`bench: ${engine}…\n`);
    try {
      results.push(await page.evaluate(([name, f]) => window.runEngine(name, f), [engine, files]));
    } catch (error) {
      results.push({ engine, error: String(error && error.message ? error.message : error), pageErrors: errors });
    }
    await page.close();
  }
  let speak = null;
  if (args['speak-runs'] && args.app) {
    const { measureSpeakLatency } = await import('./speak_latency.mjs').catch(() => ({}));
    if (measureSpeakLatency) {
      const app = await startServer({ root: path.resolve(args.app) });
      try {
        speak = await measureSpeakLatency({ baseUrl: app.url + '/', browser, runs: Number(args['speak-runs']) });
      } catch (error) {
        speak = { error: String(error) };
      } finally {
        await app.close();
      }
    }
  }
  console.log(JSON.stringify({ chromium: browser.version(), results, speak }, null, 2));
} finally {
  await browser.close();
  await server.close();
}
