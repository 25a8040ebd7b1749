// Browser helpers for the e2e tests: one Chromium per test file, one fresh context per page.
//
//   import { Harness } from './support/browser.mjs';
//   const h = new Harness();
//   before(() => h.start());                       // static server (HARK_DIST or <repo>/dist) + Chromium
//   after(() => h.stop());
//   const { page, errors } = await h.newPage({ fake: true, config: { startError: 'not-allowed' } });
//   await h.open(page);                            // goto the app and wait for it to mount (the searchbox)
//   assert.deepEqual(errors, []);                  // page errors and console errors collected so far
//   await screenshot(page, 'listening');           // e2e/screenshots/listening.png
import path from 'node:path';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const e2eRoot = path.resolve(here, '..');
export const FAKE_SPEECH = path.join(e2eRoot, 'fixtures', 'fake-speech.js');
export const SCREENSHOTS = path.join(e2eRoot, 'screenshots');

export const CHROMIUM = process.env.HARK_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A new context + page. Options:
 *   fake    install fixtures/fake-speech.js before any page script (default true)
 *   config  window.__harkFakeConfig, installed before the fake (see the top of fake-speech.js)
 *   viewport, locale, ...  passed to browser.newContext
 * Returns { context, page, errors, consoleMessages }: `errors` collects uncaught page errors ('pageerror: …') and
 * console.error messages ('console.error: …'); `consoleMessages` every console message as 'type: text'.
 */
export async function newPage(browser, { fake = true, config = undefined, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  if (config !== undefined) {
    await context.addInitScript((cfg) => {
      window.__harkFakeConfig = cfg;
    }, config);
  }
  if (fake) await context.addInitScript({ path: FAKE_SPEECH });
  const page = await context.newPage();
  const errors = [];
  const consoleMessages = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err && err.stack ? err.stack : err}`));
  page.on('console', (msg) => {
    const text = msg.text();
    consoleMessages.push(`${msg.type()}: ${text}`);
    if (msg.type() === 'error') errors.push(`console.error: ${text}`);
  });
  page.on('crash', () => errors.push('crash: the page crashed'));
  return { context, page, errors, consoleMessages };
}

export async function screenshot(page, name, options = {}) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `fn` until it returns a truthy value (returned) or stops throwing; on timeout throw the last error or `message`.
 * Use it for assertions that become true eventually: `await eventually(async () => assert.equal(await x(), 'y'))`.
 */
export async function eventually(fn, { timeout = 5000, interval = 50, message } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    let lastErr;
    try {
      const v = await fn();
      // undefined counts as success (an assertion-style callback that did not throw); false and null do not.
      if (v !== false && v !== null) return v;
      lastErr = new Error(`condition still ${v} after ${timeout} ms`);
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      if (message) lastErr.message = `${message}: ${lastErr.message}`;
      throw lastErr;
    }
    await sleep(interval);
  }
}

/** Call a method of window.__harkFake in the page: fake(page, 'say', 'red shoes'). */
export function fake(page, method, ...args) {
  return page.evaluate(
    ([m, a]) => {
      const f = window.__harkFake;
      if (!f) throw new Error('the speech fake is not installed');
      const v = f[m];
      return typeof v === 'function' ? v.apply(f, a) : v;
    },
    [method, args],
  );
}

/** Click "Voice search", wait until it is pressed, then make the fake recognizer say `text` (a final result). */
export async function speakQuery(page, text, options = {}) {
  const mic = page.getByRole('button', { name: 'Voice search' });
  await mic.click();
  await eventually(async () => (await mic.getAttribute('aria-pressed')) === 'true', {
    message: 'the microphone should be listening',
  });
  await fake(page, 'say', text, options);
}

/** A snapshot of the fake's state (serialisable). */
export function fakeState(page) {
  return page.evaluate(() => {
    const f = window.__harkFake;
    return {
      instances: f.instances.length,
      active: f.activeCount(),
      starts: f.startCount(),
      throws: f.throws,
      preempted: f.preempted,
      log: f.log.slice(),
      spoken: f.spoken.slice(),
    };
  });
}

export class Harness {
  /** `root`: the folder served (default dist/); `base`: the sub-path it is served under; `csp`: a policy header. */
  constructor({ root, base = '/', csp = '' } = {}) {
    this.root = root;
    this.base = base;
    this.csp = csp;
    this.server = null;
    this.browser = null;
    this.contexts = [];
  }

  async start() {
    this.server = await startServer({ ...(this.root ? { root: this.root } : {}), base: this.base, csp: this.csp });
    this.browser = await launch();
    return this;
  }

  get url() {
    return this.server.url + this.base;
  }

  async newPage(options = {}) {
    const p = await newPage(this.browser, options);
    this.contexts.push(p.context);
    return p;
  }

  /** Navigate to the app (optionally with a query string such as '?q=lamp') and wait for it to mount. */
  async open(page, search = '', { timeout = 20000 } = {}) {
    await page.goto(this.server.url + this.base + search);
    await waitForMount(page, { timeout });
    return page;
  }

  async stop() {
    for (const c of this.contexts.splice(0)) await c.close().catch(() => {});
    if (this.browser) await this.browser.close().catch(() => {});
    if (this.server) await this.server.close();
  }
}

/** The app has mounted when its searchbox is visible. */
export async function waitForMount(page, { timeout = 20000 } = {}) {
  await page.getByRole('searchbox', { name: 'Search' }).waitFor({ state: 'visible', timeout });
}

/** UI contract locators. */
export function ui(page) {
  return {
    mic: page.getByRole('button', { name: 'Voice search' }),
    search: page.getByRole('searchbox', { name: 'Search' }),
    language: page.getByRole('combobox', { name: 'Recognition language' }),
    continuous: page.getByRole('checkbox', { name: 'Continuous' }),
    status: page.getByRole('status'),
    alert: page.getByRole('alert'),
    results: page.getByRole('list', { name: 'Results' }),
  };
}
