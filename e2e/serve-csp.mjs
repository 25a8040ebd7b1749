// Checks that `cargo xtask serve` sends the strict Content-Security-Policy and that the page it serves runs under it
// with no violation (issue 12, point 1). Not part of `cargo xtask test`: trunk serve makes a debug build first, which
// takes minutes. Run it by hand after changing xtask/src/serve.rs, Trunk.toml or index.html:
//
//   cd e2e && node serve-csp.mjs [--port 8391] [--release]   (--release: serve a release build, as `cargo xtask test` leaves dist/)
//
// It starts `cargo xtask serve --no-open --port N` in its own process group, waits for the page, checks the header
// against support/csp.mjs, loads the page in headless Chromium with the speech fake, types a search, and
// fails on any `securitypolicyviolation`; then it stops the server it started.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { launch, newPage, waitForMount, ui, eventually, sleep } from './support/browser.mjs';
import { repoRoot } from './support/server.mjs';
import { STRICT_CSP, watchCsp, cspViolations } from './support/csp.mjs';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8391;
const url = `http://127.0.0.1:${port}/`;
const release = process.argv.includes('--release') ? ['--release'] : [];
const server = spawn('cargo', ['xtask', 'serve', '--no-open', '--port', String(port), ...release], {
  cwd: repoRoot, detached: true, stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ } };
let browser;
try {
  let response;
  for (let i = 0; ; i += 1) {
    response = await fetch(url).catch(() => null);
    if (response && response.ok) break;
    if (server.exitCode !== null) throw new Error(`cargo xtask serve exited with ${server.exitCode}`);
    if (i > 1200) throw new Error(`${url} did not answer within 20 minutes`);
    await sleep(1000);
  }
  const sent = response.headers.get('content-security-policy');
  assert.equal(sent, STRICT_CSP, 'the policy cargo xtask serve sends');
  browser = await launch();
  const { page, context, errors } = await newPage(browser, { config: { voicesImmediate: true } });
  await watchCsp(context);
  await page.goto(url);
  await waitForMount(page, { timeout: 60_000 });
  await eventually(async () => assert.match(await page.getByRole('status').textContent(), /Ready/), { timeout: 60_000 });
  await ui(page).search.fill('tuning fork');
  await eventually(async () => assert.ok(await page.locator('ol[aria-label="Results"] > li').count() > 0), { timeout: 20_000 });
  assert.deepEqual(await cspViolations(page), [], 'no violation under the served policy');
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
  console.log(`serve-csp: ok — ${url} sends the strict policy, and the page searched with no violation`);
} finally {
  if (browser) await browser.close().catch(() => {});
  stop();
}
