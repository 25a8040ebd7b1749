// Capabilities detected at run time (issue 10, point 2): checkbox "Recognize on this device" where
// SpeechRecognition.available exists, install() for a downloadable language, per-language memory, and false support
// (navigator.brave; `network` on the first start before any result). The fake stands in for Chrome 139+'s members.
//
//   cd e2e && HARK_DIST=../dist node --test on_device.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, ui, fake, eventually, sleep } from './support/browser.mjs';

const h = new Harness();
before(async () => {
  await h.start();
});
after(async () => {
  await h.stop();
});

const T = { timeout: 60_000 };
const onDevice = (page) => page.getByRole('checkbox', { name: 'Recognize on this device' });
const hint = (page) => page.locator('#on-device-hint');
const lastOptions = (page) => fake(page, 'lastOptions');

async function listenOnce(page) {
  const starts = await fake(page, 'startCount');
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'startCount')) > starts);
  const options = await lastOptions(page);
  await ui(page).mic.click();
  await eventually(async () => assert.equal(await fake(page, 'activeCount'), 0));
  return options;
}

describe('on-device recognition', () => {
  test('an available language: the checkbox works at once and the recognizer runs locally', T, async () => {
    const { page, errors } = await h.newPage({ config: { available: 'available' } });
    await h.open(page);
    const box = onDevice(page);
    await eventually(async () => assert.equal(await box.isEnabled(), true));
    assert.equal(await box.isChecked(), false, 'off until chosen');
    assert.equal((await listenOnce(page)).processLocally, false);
    await box.check();
    assert.equal((await listenOnce(page)).processLocally, true);
    const calls = await fake(page, 'availableCalls');
    assert.deepEqual(calls[0], { langs: [await ui(page).language.inputValue()], processLocally: true });
    assert.deepEqual(errors, []);
  });

  test('a downloadable language is installed when checked, with the download shown until it settles', T, async () => {
    const { page, errors } = await h.newPage({
      config: { available: 'downloadable', installResult: true, installMs: 'manual' },
    });
    await h.open(page);
    const box = onDevice(page);
    await eventually(async () => assert.match(await hint(page).innerText(), /downloaded when you check/));
    await box.check();
    await eventually(async () => assert.match(await hint(page).innerText(), /Downloading the language pack/));
    assert.equal(await box.isDisabled(), true, 'no second install while downloading');
    assert.ok((await fake(page, 'log')).some((l) => l.startsWith('install ')));
    await fake(page, 'finishInstall');
    await eventually(async () => assert.match(await hint(page).innerText(), /private and works offline/));
    assert.equal(await box.isChecked(), true);
    assert.equal((await listenOnce(page)).processLocally, true);
    assert.deepEqual(errors, []);
  });

  test('an unavailable language disables the checkbox with the reason; the choice is remembered per language', T, async () => {
    const { page, errors } = await h.newPage({ config: { available: 'available' } });
    await h.open(page);
    await ui(page).language.selectOption('en-US');
    await eventually(async () => assert.equal(await onDevice(page).isEnabled(), true));
    await onDevice(page).check();
    await page.evaluate(() => {
      window.__harkFakeConfig.available = 'unavailable';
    });
    await ui(page).language.selectOption('de-DE');
    await eventually(async () => assert.equal(await onDevice(page).isDisabled(), true));
    assert.match(await hint(page).innerText(), /can't be recognized on this device/);
    assert.equal((await listenOnce(page)).processLocally, false);
    await page.evaluate(() => {
      window.__harkFakeConfig.available = 'available';
    });
    await ui(page).language.selectOption('en-US');
    await eventually(async () => assert.equal(await onDevice(page).isChecked(), true), {
      message: 'the choice for en-US is still there',
    });
    await page.reload();
    await eventually(async () => assert.equal(await onDevice(page).isChecked(), true), { message: 'and survives a reload' });
    assert.deepEqual(errors, []);
  });

  test('a hanging available() gives up after 3 s and leaves the cloud', T, async () => {
    const { page, errors } = await h.newPage({ config: { available: 'hang' } });
    await h.open(page);
    await eventually(async () => assert.match(await hint(page).innerText(), /did not say/), { timeout: 6000 });
    assert.equal((await listenOnce(page)).processLocally, false);
    assert.deepEqual(errors, []);
  });

  test('a failure on the device says so and offers the cloud', T, async () => {
    const { page, errors } = await h.newPage({ config: { available: 'available' } });
    await h.open(page);
    await eventually(async () => assert.equal(await onDevice(page).isEnabled(), true));
    await onDevice(page).check();
    await ui(page).mic.click();
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 1));
    await fake(page, 'error', 'language-not-supported');
    const cloud = page.getByRole('button', { name: 'Use the cloud instead' });
    await cloud.waitFor({ state: 'visible' });
    assert.match(await page.locator('.on-device-failed').innerText(), /On-device recognition failed/);
    await cloud.click();
    assert.equal(await onDevice(page).isChecked(), false);
    assert.equal((await listenOnce(page)).processLocally, false);
    assert.deepEqual(errors.filter((e) => !e.includes('language')), []);
  });

  test('without SpeechRecognition.available there is no checkbox', T, async () => {
    const { page, errors } = await h.newPage({ config: { noOnDevice: true } });
    await h.open(page);
    await sleep(300);
    assert.equal(await onDevice(page).count(), 0);
    assert.deepEqual(errors, []);
  });
});

describe('false support', () => {
  test('navigator.brave: the microphone is disabled and the page says typing works', T, async () => {
    const { page, errors } = await h.newPage({ config: { brave: true } });
    await h.open(page);
    await eventually(async () => assert.equal(await ui(page).mic.isDisabled(), true));
    assert.match(await ui(page).status.innerText(), /not available in this browser/);
    assert.match(await ui(page).status.innerText(), /type/i);
    assert.equal(await fake(page, 'startCount'), 0);
    assert.deepEqual(errors, []);
  });

  test('network on the first start before any result disables the microphone, and nothing loops', T, async () => {
    const { page, errors } = await h.newPage({ config: { startError: 'network' } });
    await h.open(page);
    await ui(page).continuous.check();
    await ui(page).mic.click();
    await eventually(async () => assert.equal(await ui(page).mic.isDisabled(), true));
    assert.match(await ui(page).status.innerText(), /not available in this browser/);
    await sleep(1500);
    assert.equal(await fake(page, 'startCount'), 1, 'no restarts');
    assert.deepEqual(errors, []);
  });
});
