// The strict Content-Security-Policy a shop would send (README, "Security"): what csp.test.mjs, crash.test.mjs and
// offline.test.mjs serve dist/ with, and what `cargo xtask serve` sends (xtask/src/serve.rs; serve-csp.mjs compares).
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Records every `securitypolicyviolation` from the page's first script on; read them with `cspViolations(page)`. */
export async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample || ''}`);
    });
  });
}

export const cspViolations = (page) => page.evaluate(() => window.__cspViolations);
