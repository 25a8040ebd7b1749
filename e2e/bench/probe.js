/*
 * The page-side half of the page benchmarks (e2e/bench/page_bench.mjs), installed with context.addInitScript before
 * any script of the page runs, after fixtures/fake-speech.js. It knows nothing about the page beyond the UI contract
 * (/work/shared/DESIGN.md): the `role="status"` line, `<ol aria-label="Results">` with one listitem per result whose
 * title is its heading (or, without one, its first element), and the fake recognizer's `window.__harkFake`.
 *
 * window.__benchProbe:
 *   readyAt        performance.now() when the status line first said "Ready" (null until then)
 *   resultsAt      performance.now() when the Results list first had a listitem
 *   longTasks      [{start, duration}] from PerformanceObserver('longtask'): main-thread tasks over 50 ms
 *   keys           [{key, at, painted, inSearch}] for every keydown: `at` = event.timeStamp (when the key was
 *                  pressed: the timestamp it was sent with), `painted` = the next frame after it was handled (see
 *                  afterNextPaint), `inSearch` = typed into the search box
 *   stopWatching() disconnect the ready/results observer (so it adds nothing to later measurements)
 *   speakAndTime(phrase, timeoutMs)   see below
 * With window.__benchProbeFocusSearch set by an earlier init script, the search box (`input[type="search"]`) is
 * focused as soon as it is in the document, so keys typed during loading go into it.
 */
(function () {
  'use strict';
  if (window.__benchProbe) return;
  const probe = { readyAt: null, resultsAt: null, longTasks: [], keys: [] };
  Object.defineProperty(window, '__benchProbe', { value: probe, enumerable: false });

  // "Painted": the first animation frame after now. requestAnimationFrame runs just before that frame's style, layout
  // and paint; a setTimeout(0) queued from it runs after that rendering step has finished, so its performance.now()
  // is the moment just after the frame that shows the DOM as it is now. Both pages are timed with this same function.
  function afterNextPaint(done) {
    requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
  }

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    probe.longTaskError = String(error);
  }

  const resultsList = () => document.querySelector('ol[aria-label="Results"]');
  let focusSearch = !!window.__benchProbeFocusSearch;
  const watcher = new MutationObserver(() => {
    const now = performance.now();
    if (focusSearch) {
      const box = document.querySelector('input[type="search"]');
      if (box) {
        box.focus();
        focusSearch = false;
      }
    }
    if (probe.readyAt === null) {
      const status = document.querySelector('[role="status"]');
      if (status && /\bReady\b/.test(status.textContent)) probe.readyAt = now;
    }
    if (probe.resultsAt === null) {
      const list = resultsList();
      if (list && list.querySelector('li')) probe.resultsAt = now;
    }
  });
  watcher.observe(document, { childList: true, subtree: true, characterData: true });
  probe.stopWatching = () => watcher.disconnect();

  addEventListener(
    'keydown',
    (event) => {
      const target = event.target;
      const inSearch = target instanceof HTMLInputElement && target.type === 'search';
      const entry = { key: event.key, at: event.timeStamp, painted: null, inSearch };
      probe.keys.push(entry);
      afterNextPaint((t) => (entry.painted = t));
    },
    true,
  );

  /** The title of every listitem of the Results list, whitespace-collapsed. */
  function titles() {
    const list = resultsList();
    if (!list) return [];
    return [...list.querySelectorAll(':scope > li')].map((item) => {
      const title = item.querySelector('h1, h2, h3, h4, h5, h6, [role="heading"]') || item.firstElementChild || item;
      return title.textContent.replace(/\s+/g, ' ').trim();
    });
  }
  probe.titles = titles;

  /**
   * Make the fake recognizer say `phrase` (a final result) and time it. Resolves to
   *   {t0, matched, painted}  t0: when the fake recognizer dispatched the final `result` event, before any listener
   *                           of the page ran; matched: when the Results list first showed this phrase's results (a
   *                           MutationObserver on the body); painted: afterNextPaint from the moment it matched
   *   {t0, miss: true, titles} when that did not happen within timeoutMs.
   * "Shows this phrase's results": the list differs from what it showed before, and one listitem's title is the phrase
   * (case-insensitive); phrases are catalog titles, so both engines find them.
   */
  probe.speakAndTime = (phrase, timeoutMs) =>
    new Promise((resolve, reject) => {
      const fake = window.__harkFake;
      const recognizer = fake && fake.current;
      if (!recognizer) return reject(new Error('no active recognizer (is the microphone on?)'));
      const wanted = phrase.toLowerCase();
      const before = titles().join('\n');
      let t0 = null;
      let settled = false;
      const observer = new MutationObserver(() => {
        if (settled) return;
        const now = titles();
        if (now.join('\n') === before || !now.some((title) => title.toLowerCase() === wanted)) return;
        settled = true;
        const matched = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        afterNextPaint((painted) => resolve({ t0, matched, painted }));
      });
      const timer = setTimeout(() => {
        settled = true;
        observer.disconnect();
        resolve({ t0, miss: true, titles: titles() });
      }, timeoutMs);
      // The fake dispatches with this.dispatchEvent(event): shadow it on this instance for the one call, so t0 is
      // taken right before the page's listeners run (a listener of our own would run after the page's, in order
      // of registration).
      recognizer.dispatchEvent = function (event) {
        if (event.type === 'result' && t0 === null) t0 = performance.now();
        return EventTarget.prototype.dispatchEvent.call(this, event);
      };
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      try {
        fake.say(phrase);
      } catch (error) {
        settled = true;
        observer.disconnect();
        clearTimeout(timer);
        reject(error);
      } finally {
        delete recognizer.dispatchEvent;
      }
    });
})();
