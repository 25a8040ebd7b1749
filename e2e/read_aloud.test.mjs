// Reading results aloud (DESIGN.md, "UI contract": checkbox "Read results aloud", button "Stop reading", combobox
// "Voice", sliders "Speech rate" and "Speech pitch"), with the scripted speech fake (fixtures/fake-speech.js)
// standing in for Chromium's recognizer and speechSynthesis.
//
//   cd e2e && HARK_DIST=../dist node --test read_aloud.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, ui, fake, eventually, sleep, screenshot, waitForMount } from './support/browser.mjs';

const h = new Harness();
before(async () => {
  await h.start();
});
after(async () => {
  await h.stop();
});

const T = { timeout: 60_000 };

function reading(page) {
  return {
    toggle: page.getByRole('checkbox', { name: 'Read results aloud' }),
    stop: page.getByRole('button', { name: 'Stop reading' }),
    voice: page.getByRole('combobox', { name: 'Voice' }),
    rate: page.getByRole('slider', { name: 'Speech rate' }),
    pitch: page.getByRole('slider', { name: 'Speech pitch' }),
    settings: page.locator('summary', { hasText: 'Voice settings' }),
  };
}
const statusText = async (page) => (await ui(page).status.innerText()).trim();
const spoken = (page) => fake(page, 'spoken');
const log = (page) => fake(page, 'log');

/** Open the app and wait until the catalog is ready (the status line says so). */
async function openReady(page, search = '') {
  await h.open(page, search);
  await eventually(async () => assert.match(await statusText(page), /Ready|results? for|No results/), {
    timeout: 15000,
    message: 'the catalog should load',
  });
}
/** Click the mic, wait for the recognizer, say `text`. */
async function ask(page, text) {
  const starts = await fake(page, 'startCount');
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'startCount')) > starts && (await fake(page, 'activeCount')) === 1, {
    message: 'clicking "Voice search" should start a recognizer',
  });
  await fake(page, 'say', text);
}
/** Titles and descriptions of the first `n` results on the page. */
async function topResults(page, n = 3) {
  return page.locator('ol[aria-label="Results"] > li').evaluateAll(
    (items, n) =>
      items.slice(0, n).map((li) => ({
        title: li.querySelector('.result-title').innerText.trim(),
        description: (li.querySelector('.result-description')?.innerText ?? '').trim(),
      })),
    n,
  );
}
async function resultCount(page) {
  return page.locator('ol[aria-label="Results"] > li').count();
}
async function waitForSpoken(page, n, message) {
  await eventually(async () => (await spoken(page)).length >= n, { message: message ?? `${n} utterances spoken` });
  return spoken(page);
}
/** The fake's log from the first entry matching `from` on. */
async function logSince(page, mark) {
  const all = await log(page);
  return all.slice(mark);
}

describe('read results aloud', () => {
  test('the controls are there, on by default, and the reading is the summary then the top three', T, async (t) => {
    const { page, errors } = await h.newPage();
    await openReady(page);
    const r = reading(page);
    assert.equal(await r.toggle.isChecked(), true, '"Read results aloud" is on by default');
    assert.equal(await r.toggle.isDisabled(), false);
    assert.equal(await r.stop.count(), 0, 'no "Stop reading" while silent');
    await r.settings.click();
    assert.equal(await r.voice.count(), 1);
    assert.equal(await r.rate.getAttribute('type'), 'range');
    assert.equal(await r.pitch.getAttribute('type'), 'range');

    await ask(page, 'lamp');
    const all = await waitForSpoken(page, 4);
    await eventually(async () => assert.equal(await r.stop.count(), 0), { message: 'the reading ends by itself' });
    const count = await resultCount(page);
    assert.ok(count >= 3, `at least 3 results for lamp (got ${count})`);
    const top = await topResults(page);
    const texts = (await spoken(page)).map((u) => u.text);
    t.diagnostic(JSON.stringify(texts));
    assert.equal(texts.length, 4, 'exactly a summary and three results');
    assert.equal(texts[0], `${count} results for lamp.`);
    top.forEach((result, i) => {
      const text = texts[i + 1];
      assert.ok(text.startsWith(`${result.title}. `) || text === `${result.title}.`, `"${text}" starts with the title`);
      const sentence = text.slice(result.title.length + 2).replace(/[.!?]$/, '');
      assert.ok(result.description.startsWith(sentence), `"${sentence}" is the start of "${result.description}"`);
      assert.ok(!/;/.test(sentence), 'only the first sentence (examples after ";" are left out)');
    });
    assert.ok(all.every((u) => u.voice === 'Hark Test English A' && u.rate === 1 && u.lang === 'en-US'), JSON.stringify(all[0]));
    assert.deepEqual(errors, []);
  });

  test('the result being read is highlighted; "Stop reading" and Escape stop', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    const r = reading(page);
    const speakingItems = () => page.locator('ol[aria-label="Results"] > li.speaking');

    await ask(page, 'lamp');
    await waitForSpoken(page, 1);
    await r.stop.waitFor({ state: 'visible' });
    assert.match(await statusText(page), /Reading \d+ results?…/);
    assert.equal(await speakingItems().count(), 0, 'nothing highlighted during the summary');
    await fake(page, 'finishSpeaking');
    await eventually(async () => assert.equal(await speakingItems().count(), 1));
    assert.equal(await page.locator('ol[aria-label="Results"] > li').first().getAttribute('class'), 'result speaking');
    assert.match(await statusText(page), /Reading result 1 of 3…/);
    await fake(page, 'finishSpeaking');
    await eventually(async () =>
      assert.match(await page.locator('ol[aria-label="Results"] > li').nth(1).getAttribute('class'), /speaking/),
    );

    const mark = (await log(page)).length;
    const before = (await spoken(page)).length;
    await r.stop.click();
    await eventually(async () => assert.equal(await r.stop.count(), 0));
    assert.ok((await logSince(page, mark)).includes('cancel'), 'speechSynthesis.cancel() was called');
    assert.equal(await speakingItems().count(), 0, 'the highlight goes away');
    await sleep(200);
    assert.equal((await spoken(page)).length, before, 'nothing more is spoken');

    // Escape.
    await ask(page, 'chair');
    await eventually(async () => (await spoken(page)).some((u) => /for chair\.$/.test(u.text)));
    await r.stop.waitFor({ state: 'visible' });
    const mark2 = (await log(page)).length;
    await page.keyboard.press('Escape');
    await eventually(async () => assert.equal(await r.stop.count(), 0), { message: 'Escape stops the reading' });
    assert.ok((await logSince(page, mark2)).includes('cancel'));
    assert.deepEqual(errors, []);
  });

  test('a new query cancels the reading of the old one', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ask(page, 'lamp');
    await waitForSpoken(page, 1);
    const mark = (await log(page)).length;
    const first = (await spoken(page)).length;
    // A typed query submitted with Enter.
    await ui(page).search.fill('cheddar');
    await ui(page).search.press('Enter');
    await eventually(async () => (await spoken(page)).some((u) => /for cheddar\.$/.test(u.text)));
    const after = await logSince(page, mark);
    assert.ok(after.indexOf('cancel') >= 0 && after.indexOf('cancel') < after.findIndex((l) => /for cheddar\.$/.test(l)));
    for (let i = 0; i < 5; i++) await fake(page, 'finishSpeaking');
    await sleep(200);
    const later = (await spoken(page)).slice(first);
    assert.ok(later.every((u) => !/lamp/i.test(u.text) || /cheddar/i.test(u.text)), JSON.stringify(later.map((u) => u.text)));
    assert.deepEqual(errors, []);
  });

  test('typing stops a reading without starting a new one on every key', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ask(page, 'lamp');
    await waitForSpoken(page, 1);
    await ui(page).search.pressSequentially('ch', { delay: 30 });
    await eventually(async () => assert.equal(await reading(page).stop.count(), 0));
    await sleep(200);
    assert.equal((await spoken(page)).length, 1, 'keystrokes are not read aloud');
    assert.deepEqual(errors, []);
  });

  test('voice and rate are chosen by the person and survive a reload', T, async (t) => {
    const { page, errors } = await h.newPage();
    await openReady(page);
    const r = reading(page);
    await r.settings.click();
    const voices = await r.voice.evaluate((sel) => Array.from(sel.options, (o) => o.textContent.trim()));
    t.diagnostic(`voices offered for en-US: ${JSON.stringify(voices)}`);
    assert.deepEqual(voices, ['Hark Test English A (en-US)', 'Hark Test English B (en-US)'], 'voices for the language, default first');
    await r.voice.selectOption({ label: 'Hark Test English B (en-US)' });
    await r.rate.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await r.rate.inputValue(), '1.5');
    await r.pitch.focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await r.pitch.inputValue(), '0.9');
    assert.match(await page.locator('.voice-settings').innerText(), /1\.5×/, 'the rate is shown');

    await ask(page, 'lamp');
    const said = await waitForSpoken(page, 2);
    assert.equal(said[0].voice, 'Hark Test English B');
    assert.equal(said[0].rate, 1.5);
    assert.ok(Math.abs(said[0].pitch - 0.9) < 1e-6);

    await sleep(200); // let the settings persist
    await page.reload();
    await waitForMount(page);
    await r.settings.click();
    await eventually(async () => assert.equal(await r.voice.evaluate((sel) => sel.selectedOptions[0]?.textContent.trim()), 'Hark Test English B (en-US)'));
    assert.equal(await r.rate.inputValue(), '1.5', 'the rate survives a reload');
    assert.equal(await r.pitch.inputValue(), '0.9', 'the pitch survives a reload');
    const before = (await spoken(page)).length;
    await ask(page, 'chair');
    const again = await waitForSpoken(page, before + 1);
    assert.equal(again[before].voice, 'Hark Test English B');
    assert.equal(again[before].rate, 1.5);
    assert.deepEqual(errors, []);
  });

  test('turning it off keeps Hark quiet, and the choice survives a reload', T, async () => {
    const { page, errors } = await h.newPage();
    await openReady(page);
    await reading(page).toggle.click();
    assert.equal(await reading(page).toggle.isChecked(), false);
    await ask(page, 'lamp');
    await eventually(async () => assert.ok((await resultCount(page)) > 0));
    await sleep(300);
    assert.equal((await spoken(page)).length, 0);
    await page.reload();
    await waitForMount(page);
    await eventually(async () => assert.equal(await reading(page).toggle.isChecked(), false));
    assert.deepEqual(errors, []);
  });

  test('without voices the checkbox is disabled and says why', T, async () => {
    const { page, errors } = await h.newPage({ config: { voices: [] } });
    await openReady(page);
    const r = reading(page);
    await eventually(async () => assert.equal(await r.toggle.isDisabled(), true), { message: 'the checkbox is disabled' });
    assert.equal(await r.toggle.isChecked(), false);
    const describedBy = await r.toggle.getAttribute('aria-describedby');
    const why = (await page.locator(`#${describedBy}`).innerText()).trim();
    assert.match(why, /no voices are installed/i);
    assert.equal(await page.locator(`#${describedBy}`).isVisible(), true);
    await ask(page, 'lamp');
    await sleep(300);
    assert.equal((await spoken(page)).length, 0);
    assert.deepEqual(errors, []);
  });

  test('without speech synthesis the checkbox is disabled and says why', T, async () => {
    const { page, errors } = await h.newPage({ config: { noSynthesis: true } });
    await openReady(page);
    await eventually(async () => assert.equal(await reading(page).toggle.isDisabled(), true));
    assert.match(await page.locator('#read-aloud-hint').innerText(), /can't read aloud/);
    assert.deepEqual(errors, []);
  });

  test('a shared link read before any click (not-allowed) waits for the first click', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page, '?q=lamp');
    const first = await waitForSpoken(page, 1, 'the shared query is read');
    assert.match(first[0].text, /results? for lamp\.$/);
    await fake(page, 'synthError', 'not-allowed');
    await eventually(async () => assert.match(await statusText(page), /Click anywhere or press a key/));
    await sleep(200);
    assert.equal((await spoken(page)).length, 1, 'nothing is spoken before the click');
    await page.locator('h1').click();
    const again = await waitForSpoken(page, 2, 'the click starts the reading again');
    assert.equal(again[1].text, first[0].text, 'from the start');
    await reading(page).stop.waitFor({ state: 'visible' });
    assert.deepEqual(errors, []);
  });

  test('errors become a human status line; Hark’s own cancel is not one', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ask(page, 'lamp');
    await waitForSpoken(page, 1);
    await fake(page, 'synthError', 'audio-busy');
    await eventually(async () => assert.match(await statusText(page), /sound output is busy/));
    assert.equal(await reading(page).stop.count(), 0, 'the reading stopped');
    await ask(page, 'chair');
    await waitForSpoken(page, 2);
    await reading(page).stop.click();
    await sleep(200);
    assert.doesNotMatch(await statusText(page), /interrupted|canceled|stopped unexpectedly/i);
    assert.deepEqual(await page.getByRole('alert').allInnerTexts(), []);
    assert.deepEqual(errors, []);
  });

  test('Hark never hears itself: continuous listening pauses while it reads, then resumes', T, async (t) => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ui(page).continuous.check();
    await ask(page, 'lamp');
    await waitForSpoken(page, 1);
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 0), {
      message: 'the recognizer is stopped while Hark speaks',
    });
    assert.equal(await ui(page).mic.getAttribute('aria-pressed'), 'true', 'the person still wants to listen');
    assert.match(await statusText(page), /Listening again when I finish/);
    const starts = await fake(page, 'startCount');
    for (let i = 0; i < 4; i++) {
      await fake(page, 'finishSpeaking');
      await sleep(20);
    }
    await eventually(async () => (await fake(page, 'activeCount')) === 1 && (await fake(page, 'startCount')) > starts, {
      message: 'listening resumes after the reading',
    });
    t.diagnostic(`recognizer log: ${(await log(page)).filter((l) => /^(start|stop|abort|speak|cancel)/.test(l)).join(' | ')}`);

    // The button shows pressed while Hark reads in continuous mode, so a click stops the reading and listening
    // (talk.test.mjs covers barge-in, where the button is not pressed).
    await fake(page, 'say', 'chair');
    await eventually(async () => (await spoken(page)).some((u) => /for chair\.$/.test(u.text)));
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 0));
    const mark = (await log(page)).length;
    await ui(page).mic.click();
    await eventually(async () => assert.equal(await ui(page).mic.getAttribute('aria-pressed'), 'false'));
    assert.ok((await logSince(page, mark)).includes('cancel'), 'the reading was cancelled');
    assert.equal(await reading(page).stop.count(), 0);
    await sleep(500);
    assert.equal(await fake(page, 'activeCount'), 0, 'and listening does not resume');
    assert.deepEqual(errors, []);
  });

  test('the reading stops when the page is hidden', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ask(page, 'lamp');
    await waitForSpoken(page, 1);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await eventually(async () => assert.equal(await reading(page).stop.count(), 0));
    assert.ok((await log(page)).includes('cancel'));
    assert.deepEqual(errors, []);
  });

  test('the layout holds on a phone with the voice settings open', T, async (t) => {
    const { page, errors } = await h.newPage({
      config: { speakMs: 'manual' },
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await openReady(page);
    await reading(page).settings.click();
    await ask(page, 'lamp');
    await waitForSpoken(page, 1);
    await fake(page, 'finishSpeaking');
    await reading(page).stop.waitFor({ state: 'visible' });
    await sleep(150);
    await screenshot(page, 'reading-phone');
    const width = await page.evaluate(() => ({ inner: innerWidth, scroll: document.documentElement.scrollWidth }));
    t.diagnostic(`phone: layout viewport ${width.inner}px, scrollWidth ${width.scroll}px`);
    assert.ok(width.inner <= 390 && width.scroll <= 390, `page wider than the screen: ${JSON.stringify(width)}`);
    assert.deepEqual(errors, []);
  });
});
