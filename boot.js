// Hark's boot script. It is a file of its own, not an inline script, so that the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). Trunk writes the <script> tag that loads it, with
// the hashed names of the app's JS and wasm as data attributes (Trunk.toml, pattern_script); every URL is relative
// to the page, so the same dist/ works at / and under any sub-path.
//
// It also keeps the page from going blank: when the wasm cannot load or start, or traps later (the app builds with
// panic = "abort", so a panic ends in a trap), it shows "Something went wrong — reload" with a Reload button — the
// same markup and id as the app's own panic hook (src/crash.rs) writes first when a panic is the cause.
const MESSAGE_ID = "hark-crash";
const MESSAGE = "Something went wrong — reload the page to start again.";

function showCrash() {
  if (document.getElementById(MESSAGE_ID) || !document.body) return;
  const alert = document.createElement("div");
  alert.id = MESSAGE_ID;
  alert.className = "alert crash";
  alert.setAttribute("role", "alert");
  const text = document.createElement("p");
  text.textContent = MESSAGE;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Reload";
  button.addEventListener("click", () => location.reload());
  alert.append(text, button);
  document.body.prepend(alert);
  document.getElementById("boot")?.remove();
}

const isTrap = (error) => typeof WebAssembly === "object" && error instanceof WebAssembly.RuntimeError;
window.addEventListener("error", (event) => { if (isTrap(event.error)) showCrash(); });
window.addEventListener("unhandledrejection", (event) => { if (isTrap(event.reason)) showCrash(); });

const tag = document.querySelector("script[data-hark-boot]");
try {
  const js = new URL(tag.dataset.js, document.baseURI).href;
  const wasm = new URL(tag.dataset.wasm, document.baseURI).href;
  await workOffline();
  const { default: init } = await import(js);
  await init({ module_or_path: wasm });
} catch (error) {
  console.error("Hark could not start", error);
  showCrash();
}

// Offline after the first visit (sw.js, README "Offline"): register the service worker, and on the first visit wait
// until it controls the page, so that the config and catalog the app loads next are kept too. It never stops the
// page from starting: without service workers (or if installing fails or takes over 10 s) the page just needs the
// network. `<meta name="hark-offline" content="off">` in index.html turns it off and removes what it stored.
async function workOffline() {
  const workers = navigator.serviceWorker;
  if (!workers) return;
  const scope = new URL("./", document.baseURI).href;
  try {
    if (document.querySelector('meta[name="hark-offline"][content="off"]')) {
      for (const registration of await workers.getRegistrations()) {
        if (registration.scope === scope) await registration.unregister();
      }
      for (const name of await caches.keys()) if (name.startsWith("hark-")) await caches.delete(name);
      return;
    }
    const registration = await workers.register(new URL("sw.js", document.baseURI), { scope });
    const installing = registration.installing || registration.waiting;
    if (workers.controller || !installing) return;
    await new Promise((resolve) => {
      workers.addEventListener("controllerchange", resolve, { once: true });
      installing.addEventListener("statechange", () => installing.state === "redundant" && resolve());
      setTimeout(resolve, 10000);
    });
  } catch (error) {
    console.warn("Hark needs the network here: its service worker could not be registered.", error);
  }
}
