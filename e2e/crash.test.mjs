// Never a blank page: when the app's wasm cannot load, or traps while the page runs (a panic ends in a trap, since
// the app builds with panic = "abort"), the page shows "Something went wrong — reload" in a role="alert" with a
// Reload button that works — under the strict CSP, with no violation.
//
// The triggers are real, and come from outside the app (no crash switch in production code):
// - load failure: Playwright answers the app's wasm with bytes that are not wasm;
// - trap: the test takes the running instance's exports from the app's own wasm-bindgen glue (its init returns the
//   instance it already made) and calls `__wbindgen_malloc` with an alignment that is not a power of two, which the
//   release build answers with `abort` — a real `unreachable` trap inside Hark's wasm, thrown from a timer as an
//   uncaught error, as a trap inside an event handler would be.
// The Rust panic hook's own message (src/crash.rs) is tested in tests/crash_message.rs with a real panic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, ui, eventually } from './support/browser.mjs';
import { STRICT_CSP, watchCsp, cspViolations } from './support/csp.mjs';

const MESSAGE = 'Something went wrong — reload the page to start again.';
const h = new Harness({ csp: STRICT_CSP });
before(() => h.start());
after(() => h.stop());

const T = { timeout: 60_000 };
const crash = (page) => page.getByRole('alert').filter({ hasText: 'Something went wrong' });

async function watchedPage() {
  const opened = await h.newPage({ config: { voicesImmediate: true } });
  await watchCsp(opened.context);
  return opened;
}

/** The message, its Reload button, and that it is first in the body (visible without scrolling). */
async function assertCrashMessage(page) {
  await eventually(async () => assert.equal(await crash(page).count(), 1), { timeout: 15_000, message: 'one crash message' });
  assert.equal((await crash(page).locator('p').textContent()).trim(), MESSAGE);
  assert.ok(await crash(page).getByRole('button', { name: 'Reload' }).isVisible());
  assert.equal(await page.evaluate(() => document.body.firstElementChild.id), 'hark-crash');
}

test('a wasm that cannot be instantiated shows the message, and Reload starts Hark again', T, async () => {
  const { page } = await watchedPage();
  let broken = true;
  await page.route(/\/hark-[0-9a-f]+_bg\.wasm$/, (route) => (broken
    ? route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') })
    : route.continue()));
  await page.goto(h.url);
  await assertCrashMessage(page);
  assert.equal(await page.locator('#boot').count(), 0, 'the "Loading Hark…" line is gone');
  assert.deepEqual(await cspViolations(page), []);
  broken = false;
  await crash(page).getByRole('button', { name: 'Reload' }).click();
  await ui(page).search.waitFor({ state: 'visible', timeout: 20_000 });
  assert.equal(await crash(page).count(), 0, 'after the reload Hark runs and the message is gone');
});

test('a wasm that is not found shows the message', T, async () => {
  const { page } = await watchedPage();
  await page.route(/\/hark-[0-9a-f]+_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(h.url);
  await assertCrashMessage(page);
});

test('a trap inside the running app shows the message; Reload brings the page back', T, async () => {
  const { page, errors } = await watchedPage();
  await h.open(page);
  await ui(page).search.fill('tuning fork');
  const trapped = await page.evaluate(async () => {
    const tag = document.querySelector('script[data-hark-boot]');
    const glue = await import(new URL(tag.dataset.js, document.baseURI).href);
    const exports = await glue.default();
    if (typeof exports.__wbindgen_malloc !== 'function') return 'no __wbindgen_malloc export';
    return new Promise((resolve) => {
      window.addEventListener('error', (e) => resolve(e.error && e.error.constructor.name), { once: true });
      setTimeout(() => exports.__wbindgen_malloc(8, 3));
    });
  });
  assert.equal(trapped, 'RuntimeError', 'a real WebAssembly trap');
  await assertCrashMessage(page);
  assert.ok(errors.some((e) => /unreachable|RuntimeError/i.test(e)), 'the trap is reported in the console too');
  assert.deepEqual(await cspViolations(page), []);
  await crash(page).getByRole('button', { name: 'Reload' }).click();
  await ui(page).search.waitFor({ state: 'visible', timeout: 20_000 });
  await eventually(async () => assert.equal(await crash(page).count(), 0));
});
