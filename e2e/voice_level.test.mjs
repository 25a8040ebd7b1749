// The microphone level (issue 10, point 6): where recognizers take a track (start(track)), Hark captures the
// microphone itself, shows role="meter" "Microphone level" while listening, passes the track to the recognizer and
// stops it when listening stops and when the page goes away. Elsewhere: no meter and no second capture.
//
// Chromium runs with --use-fake-device-for-media-stream --use-fake-ui-for-media-stream, so getUserMedia gives a real
// (fake) microphone track without a prompt; the speech fake (fixtures/fake-speech.js, `trackInput`) records it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { Harness, CHROMIUM, CHROMIUM_ARGS, ui, fake, eventually } from './support/browser.mjs';

/** The usual harness, with Chromium's fake microphone. */
class MicHarness extends Harness {
  async start() {
    await super.start();
    await this.browser.close();
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
      headless: true,
    });
    return this;
  }
}

const h = new MicHarness();
before(() => h.start());
after(() => h.stop());

const T = { timeout: 60_000 };
const meter = (page) => page.getByRole('meter', { name: 'Microphone level' });
const pageErrors = (errors) => errors.filter((e) => e.startsWith('pageerror') || e.startsWith('crash'));

/** Click the mic and wait until the fake recognizer runs. */
async function listen(page) {
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'activeCount')) === 1, { message: 'the recognizer should start' });
  await eventually(async () => (await ui(page).mic.getAttribute('aria-pressed')) === 'true');
}

const lastTrack = (page) =>
  page.evaluate(() => {
    const track = window.__harkFake.lastOptions && window.__harkFake.lastOptions.track;
    return track ? { kind: track.kind, readyState: track.readyState } : null;
  });

test('while listening the meter shows the level of the track Hark gave the recognizer; stopping ends both', T, async () => {
  const { page, errors } = await h.newPage({ config: { trackInput: true } });
  await h.open(page);
  assert.equal(await meter(page).count(), 0, 'no meter before listening');

  await listen(page);
  await meter(page).waitFor({ state: 'visible' });
  const calls = await fake(page, 'getUserMediaCalls');
  assert.equal(calls.length, 1, 'one capture');
  assert.equal(calls[0].audio.echoCancellation, true, 'echo cancellation on');
  assert.deepEqual(await lastTrack(page), { kind: 'audio', readyState: 'live' }, 'start(track) got the live track');
  assert.equal(await fake(page, 'liveTracks'), 1);
  const value = Number(await meter(page).getAttribute('aria-valuenow'));
  assert.ok(Number.isInteger(value) && value >= 0 && value <= 100, `aria-valuenow ${value} is 0–100`);
  assert.equal(await meter(page).getAttribute('aria-valuemin'), '0');
  assert.equal(await meter(page).getAttribute('aria-valuemax'), '100');

  await ui(page).mic.click();
  await eventually(async () => (await ui(page).mic.getAttribute('aria-pressed')) === 'false');
  await meter(page).waitFor({ state: 'detached' });
  await eventually(async () => (await fake(page, 'liveTracks')) === 0, { message: 'the track should be stopped' });
  assert.equal((await lastTrack(page)).readyState, 'ended');

  // Listening again captures again (one live track at a time).
  await listen(page);
  await meter(page).waitFor({ state: 'visible' });
  assert.equal(await fake(page, 'liveTracks'), 1);
  assert.equal((await fake(page, 'getUserMediaCalls')).length, 2);
  assert.deepEqual(pageErrors(errors), []);
});

test('going away while listening stops the track', T, async () => {
  const { page } = await h.newPage({ config: { trackInput: true } });
  await h.open(page);
  await listen(page);
  await meter(page).waitFor({ state: 'visible' });
  await page.evaluate(() => localStorage.removeItem('__harkFakeTrackStops'));
  // Another page of the same site: localStorage survives, the old document does not.
  await page.goto(h.url + 'catalog/LICENSE-WordNet.txt');
  const stops = await page.evaluate(() => JSON.parse(localStorage.getItem('__harkFakeTrackStops') || '[]'));
  assert.deepEqual(stops, ['ended'], 'the track was stopped when the page went away');
});

test('a recognizer without start(track) gets no meter and no second capture', T, async () => {
  // A recognizer from before Chrome 139 (no processLocally): Hark cannot tell it takes a track.
  const { page, errors } = await h.newPage({ config: { trackInput: true, noOnDevice: true } });
  await h.open(page);
  await listen(page);
  await fake(page, 'interim', 'lamp');
  assert.equal(await meter(page).count(), 0);
  assert.equal((await fake(page, 'getUserMediaCalls')).length, 0, 'the page did not open the microphone');
  assert.equal(await lastTrack(page), null, 'plain start()');
  assert.deepEqual(pageErrors(errors), []);
});

test('a refused capture says so and listens with plain start()', T, async () => {
  const { page, errors } = await h.newPage({ config: { trackInput: true, getUserMediaError: 'NotAllowedError' } });
  await h.open(page);
  await listen(page);
  await page.getByText('Hark was not allowed to use the microphone itself').waitFor();
  assert.equal(await meter(page).count(), 0);
  assert.equal(await lastTrack(page), null, 'plain start()');
  await fake(page, 'say', 'lamp');
  await eventually(async () => (await ui(page).search.inputValue()) === 'lamp');
  assert.deepEqual(pageErrors(errors), []);
});
