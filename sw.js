// Hark's service worker: the page keeps working offline after the first visit (README, "Offline").
//
// - The app (index.html, boot.js, the hashed JS/wasm/CSS) is precached on install into a cache named after the
//   build, and served cache-first. The indexing worker's files (LATER_FILES: a catalog without an index needs them)
//   join that cache when the page first fetches them, so a first visit downloads no more than before. The build
//   writes BUILD and the lists below (sw-stamp.mjs, a post-build hook in Trunk.toml): a new deploy has a new BUILD,
//   so the browser installs the new service worker, which fills its own cache (with the new copies of the LATER_FILES
//   the old cache held) and deletes the old cache on activate.
// - Everything else under the scope that the page reads (hark.json or ?config=, the catalog and its index) is
//   network-first: the newest copy when online, stored in DATA_CACHE, and that copy when the network is gone.
//   Big catalogs are only stored once the page fetches them; nothing is precached that the config does not use.
//   Each copy carries the time it was stored (STORED_AT); every online load stores the files it uses again, so a
//   copy no load has used for DATA_MAX_AGE_MS (a renamed catalog, an old ?config=) is deleted at the next page load
//   that reaches the network.
// - Page navigations are network-first too, falling back to the precached index.html.
// Every URL is relative to the registration scope, so the same files work at / and under any sub-path.
"use strict";

// Written by sw-stamp.mjs at build time (these are the unstamped defaults: no precache, nothing served from it).
const BUILD = "unstamped";
const APP_FILES = [];
const LATER_FILES = [];

const APP_CACHE = "hark-app-" + BUILD;
const DATA_CACHE = "hark-data";
const STORED_AT = "x-hark-stored-at";
const DATA_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const SCOPE = self.registration.scope;
const INDEX = new URL("index.html", SCOPE).href;
const APP_URLS = new Set(APP_FILES.concat(LATER_FILES).map((file) => new URL(file, SCOPE).href));

// `cache: "reload"` skips the HTTP cache: the files of this build, not older copies.
const fresh = (file) => new Request(new URL(file, SCOPE), { cache: "reload" });

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(APP_CACHE)
      .then(async (cache) => {
        await cache.addAll(APP_FILES.map(fresh));
        await carryOver(cache);
      })
      .then(() => self.skipWaiting()),
  );
});

/** The new copies of the LATER_FILES an older build's cache held (the page used them, so it may need them offline). */
async function carryOver(cache) {
  const older = (await caches.keys()).filter((name) => name.startsWith("hark-app-") && name !== APP_CACHE);
  for (const file of LATER_FILES) {
    const url = new URL(file, SCOPE).href;
    for (const name of older) {
      if (await (await caches.open(name)).match(url)) {
        // If the network fails now, the page fetches it when it needs it, and it is kept then.
        await cache.add(fresh(file)).catch(() => {});
        break;
      }
    }
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(dropOlderBuilds().then(() => self.clients.claim()));
});

/** Delete the caches of other builds: on activate, and again at each page load, since a replaced service worker
 * may still have been storing a file it had fetched. Only the newest build's service worker may call it. */
async function dropOlderBuilds() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith("hark-app-") && name !== APP_CACHE).map((name) => caches.delete(name)));
}

/** Delete the stored data copies that no load has used for DATA_MAX_AGE_MS (or that carry no time). */
async function pruneData(now) {
  if (!(await caches.has(DATA_CACHE))) return;
  const cache = await caches.open(DATA_CACHE);
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const storedAt = Number(response && response.headers.get(STORED_AT));
    if (!(storedAt > now - DATA_MAX_AGE_MS)) await cache.delete(request);
  }
}

/** A copy of `response` that says when it was stored. */
function stamped(response, now) {
  const headers = new Headers(response.headers);
  headers.set(STORED_AT, String(now));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  // The path without the query: `?q=…` and `?config=…` pages are all index.html.
  const url = new URL(request.url);
  const bare = url.origin + url.pathname;
  if (request.mode === "navigate") {
    // Not while a newer build installs: its cache is not an older one.
    if (!self.registration.installing && !self.registration.waiting) event.waitUntil(dropOlderBuilds());
    // Offline, the app's pages (a path without an extension, like the test server's) are the cached index.html.
    const page = bare === INDEX || !/\.[^/]*$/.test(url.pathname);
    // Pruned only once the network has answered: offline, the stored copies are all there is.
    const fallback = async () => (page ? match(APP_CACHE, INDEX) : undefined);
    event.respondWith(networkFirst(event, null, fallback, () => pruneData(Date.now())));
  } else if (APP_URLS.has(bare) && bare !== INDEX) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(event, DATA_CACHE, () => match(DATA_CACHE, request)));
  }
});

/** `request` in the cache called `name`, or undefined (never creates the cache). */
function match(name, request, options = {}) {
  return caches.match(request, { ...options, cacheName: name });
}

/** The build's own file, from its cache; else from the network, and kept unless a newer build replaced this one
 * (whose service worker deleted this build's cache). */
async function cacheFirst(request) {
  const cached = await match(APP_CACHE, request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && (await caches.has(APP_CACHE))) {
    await (await caches.open(APP_CACHE)).put(request, response.clone());
  }
  return response;
}

/** The network's answer (a good one is kept in the cache `store`, if any, and `answered()` runs beside it);
 * `fallback()` when the network fails. */
async function networkFirst(event, store, fallback, answered) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (answered) event.waitUntil(answered().catch(() => {}));
    if (store && response.status === 200 && response.type === "basic" && !request.headers.has("range")) {
      // Stored beside the answer, which the page reads (with its download progress) at once.
      const copy = response.clone();
      event.waitUntil(caches.open(store).then((cache) => cache.put(request, stamped(copy, Date.now()))).catch(() => {}));
    }
    return response;
  } catch (error) {
    const cached = await fallback();
    if (cached) return cached;
    throw error;
  }
}
