// A strict Content-Security-Policy, as a shop would send it: the page starts (no inline script), searches, indexes a
// catalog in its worker, listens and reads aloud, and the browser reports no violation at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, ui, eventually, speakQuery } from './support/browser.mjs';

import { STRICT_CSP } from './support/csp.mjs';

export { STRICT_CSP };

const h = new Harness({ csp: STRICT_CSP });
before(() => h.start());
after(() => h.stop());

const T = { timeout: 90_000 };
const titles = (page) => page.locator('ol[aria-label="Results"] > li .result-title').allTextContents();

/** A page that records every `securitypolicyviolation` from its first script on. */
async function watchedPage() {
  const opened = await h.newPage({ config: { voicesImmediate: true } });
  await opened.context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample || ''}`);
    });
  });
  return opened;
}
const violations = (page) => page.evaluate(() => window.__cspViolations);

test('under a strict CSP the page searches, listens, reads aloud and shows no violation', T, async () => {
  const { page, errors } = await watchedPage();
  await h.open(page);
  await eventually(async () => assert.match(await page.getByRole('status').textContent(), /Ready — [\d,]+ things\./),
    { timeout: 20_000, message: 'ready under the policy' });
  await ui(page).search.fill('tuning fork');
  await eventually(async () => assert.match((await titles(page))[0] || '', /tuning fork/i));
  await speakQuery(page, 'cheddar');
  await eventually(async () => assert.match((await titles(page))[0] || '', /cheddar/i));
  // Read aloud (the fake speaks): the reading controls and the highlighted result appear.
  await eventually(async () => assert.ok(await page.evaluate(() => window.__harkFake.spoken.length > 0), 'something was read'));
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
});

test('under a strict CSP a catalog without an index is indexed by the worker', T, async () => {
  const { page } = await watchedPage();
  await h.open(page, '?catalog=catalog/things.jsonl');
  await eventually(async () => assert.match(await page.getByRole('status').textContent(), /Ready — [\d,]+ things\./),
    { timeout: 30_000, message: 'indexed under the policy' });
  await ui(page).search.fill('espresso');
  await eventually(async () => assert.ok((await titles(page)).some((t) => /espresso/i.test(t))));
  assert.deepEqual(await violations(page), []);
});
