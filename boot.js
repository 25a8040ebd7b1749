// Hark's boot script. It is a file of its own, not an inline script, so that the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). Trunk writes the <script> tag that loads it, with
// the hashed names of the app's JS and wasm as data attributes (Trunk.toml, pattern_script); every URL is relative
// to the page, so the same dist/ works at / and under any sub-path.
const tag = document.querySelector("script[data-hark-boot]");
const boot = document.getElementById("boot");
try {
  const js = new URL(tag.dataset.js, document.baseURI).href;
  const wasm = new URL(tag.dataset.wasm, document.baseURI).href;
  const { default: init } = await import(js);
  await init({ module_or_path: wasm });
} catch (error) {
  console.error("Hark could not start", error);
  if (boot) {
    boot.textContent = "Hark could not start in this browser (" + (error && error.message ? error.message : error) +
      "). Reload the page to try again.";
    boot.setAttribute("role", "alert");
  }
}
