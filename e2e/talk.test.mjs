// What listening and reading aloud do to each other (DESIGN.md: "The microphone button does what its pressed state
// says"), push-to-talk, the reading controls and voice commands, with the scripted speech fake.
//
//   cd e2e && HARK_DIST=../dist node --test talk.test.mjs
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
const statusText = async (page) => (await ui(page).status.innerText()).trim();
const spoken = (page) => fake(page, 'spoken');
const log = (page) => fake(page, 'log');
const pressed = (page) => ui(page).mic.getAttribute('aria-pressed');
const stopReading = (page) => page.getByRole('button', { name: 'Stop reading' });

async function openReady(page, search = '') {
  await h.open(page, search);
  await eventually(async () => assert.match(await statusText(page), /Ready|results? for|No results/), {
    timeout: 15000,
    message: 'the catalog should load',
  });
}
async function ask(page, text) {
  const starts = await fake(page, 'startCount');
  await ui(page).mic.click();
  await eventually(async () => (await fake(page, 'startCount')) > starts && (await fake(page, 'activeCount')) === 1, {
    message: 'clicking "Voice search" should start a recognizer',
  });
  await fake(page, 'say', text);
}
async function say(page, text) {
  await eventually(async () => (await fake(page, 'activeCount')) === 1, { message: 'a recognizer is listening' });
  await fake(page, 'say', text);
}
async function readingOf(page, pattern) {
  await eventually(async () => (await spoken(page)).some((u) => pattern.test(u.text)), {
    message: `Hark should read ${pattern}`,
  });
}
async function titles(page) {
  return page.locator('ol[aria-label="Results"] > li .result-title').allInnerTexts();
}
const logSince = async (page, mark) => (await log(page)).slice(mark);

describe('the microphone button does what its pressed state says', () => {
  test('continuous mode: pressed while Hark reads, a click stops listening AND reading', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ui(page).continuous.check();
    await ask(page, 'lamp');
    await readingOf(page, /for lamp\.$/);
    await stopReading(page).waitFor({ state: 'visible' });
    assert.equal(await pressed(page), 'true', 'continuous listening is only held while Hark reads');

    const mark = (await log(page)).length;
    const starts = await fake(page, 'startCount');
    await ui(page).mic.click();
    await eventually(async () => assert.equal(await pressed(page), 'false'), { message: 'one click turns it off' });
    await eventually(async () => assert.equal(await stopReading(page).count(), 0), { message: 'the reading stops' });
    assert.ok((await logSince(page, mark)).includes('cancel'), 'speechSynthesis.cancel() was called');
    await sleep(700); // longer than the resume-after-reading delay
    assert.equal(await fake(page, 'startCount'), starts, 'listening does not start again');
    assert.equal(await fake(page, 'activeCount'), 0);
    assert.equal(await pressed(page), 'false');
    assert.deepEqual(errors, []);
  });

  test('single-phrase mode: not pressed while Hark reads, a click interrupts the reading and listens', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ui(page).continuous.uncheck();
    await ask(page, 'lamp');
    await readingOf(page, /for lamp\.$/);
    await stopReading(page).waitFor({ state: 'visible' });
    await eventually(async () => assert.equal(await pressed(page), 'false'), { message: 'one phrase ends listening' });

    const mark = (await log(page)).length;
    await ui(page).mic.click();
    await eventually(async () => assert.equal(await pressed(page), 'true'));
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 1), { message: 'listening at once' });
    assert.ok((await logSince(page, mark)).includes('cancel'), 'the reading was cancelled');
    assert.equal(await stopReading(page).count(), 0);
    // And the pressed button now stops it.
    await ui(page).mic.click();
    await eventually(async () => assert.equal(await pressed(page), 'false'));
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 0));
    assert.deepEqual(errors, []);
  });

  test('without a reading, a click toggles in both modes', T, async () => {
    const { page, errors } = await h.newPage();
    await openReady(page);
    for (const continuous of [false, true]) {
      await ui(page).continuous.setChecked(continuous);
      await ui(page).mic.click();
      await eventually(async () => assert.equal(await fake(page, 'activeCount'), 1));
      assert.equal(await pressed(page), 'true');
      await ui(page).mic.click();
      await eventually(async () => assert.equal(await fake(page, 'activeCount'), 0));
      assert.equal(await pressed(page), 'false', `continuous=${continuous}`);
    }
    assert.equal(await fake(page, 'listenerCount'), 0, 'no listener is left on a finished recognizer');
    assert.deepEqual(errors, []);
  });
});

describe('push-to-talk', () => {
  test('holding the button listens while held; releasing delivers the phrase; its click is not a toggle', T, async () => {
    const { page, errors } = await h.newPage();
    await openReady(page);
    await ui(page).continuous.uncheck();
    await ui(page).mic.hover();
    await page.mouse.down();
    await sleep(450);
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 1), { message: 'a hold starts listening' });
    assert.equal(await pressed(page), 'true');
    const start = (await log(page)).reverse().find((l) => l.startsWith('start '));
    assert.match(start, /continuous=true/, 'a held session does not end after the first pause');
    await fake(page, 'interim', 'desk lamp');
    const starts = await fake(page, 'startCount');
    await page.mouse.up();
    await eventually(async () => assert.equal(await ui(page).search.inputValue(), 'desk lamp'), {
      message: 'release delivers the phrase',
    });
    await eventually(async () => assert.equal(await pressed(page), 'false'));
    await sleep(300);
    assert.equal(await fake(page, 'startCount'), starts, 'the click after the hold did not start listening again');
    assert.equal(await fake(page, 'activeCount'), 0);
    assert.deepEqual(errors, []);
  });

  test('the keyboard shortcut: a short press toggles, a long one talks while held', T, async () => {
    const { page, errors } = await h.newPage();
    await openReady(page);
    await page.keyboard.press('Control+Shift+Period');
    await eventually(async () => assert.equal(await pressed(page), 'true'));
    await page.keyboard.press('Control+Shift+Period');
    await eventually(async () => assert.equal(await pressed(page), 'false'));

    await page.keyboard.down('Control');
    await page.keyboard.down('Shift');
    await page.keyboard.down('Period');
    await sleep(450);
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 1));
    await fake(page, 'interim', 'chair');
    await page.keyboard.up('Period');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Control');
    await eventually(async () => assert.equal(await ui(page).search.inputValue(), 'chair'));
    await eventually(async () => assert.equal(await pressed(page), 'false'));
    assert.deepEqual(errors, []);
  });
});

describe('where continuous mode cannot work', () => {
  test('a recognizer that ends after every phrase (Chrome Android): the Continuous hint suggests holding', T, async () => {
    const { page, errors } = await h.newPage();
    await openReady(page);
    await page.getByRole('checkbox', { name: 'Read results aloud' }).uncheck();
    await ui(page).continuous.check();
    const hint = page.locator('#continuous-hint');
    assert.match(await hint.innerText(), /keep listening/);
    await ui(page).mic.click();
    for (const word of ['lamp', 'chair']) {
      await say(page, word);
      await fake(page, 'silenceEnd'); // at once, as Chrome Android does
      await sleep(50);
    }
    await eventually(async () => assert.match(await hint.innerText(), /Hold the microphone to talk/));
    assert.deepEqual(errors, []);
  });
});

describe('reading controls', () => {
  test('"Pause reading" and "Resume reading"; the word being spoken is marked', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 'manual' } });
    await openReady(page);
    await ask(page, 'lamp');
    await readingOf(page, /for lamp\.$/);
    const pause = page.getByRole('button', { name: 'Pause reading' });
    const resume = page.getByRole('button', { name: 'Resume reading' });
    await pause.waitFor({ state: 'visible' });

    const text = await fake(page, 'speakingText');
    const index = text.indexOf('for');
    await fake(page, 'boundary', index, 3);
    await eventually(async () => assert.equal(await page.locator('mark.spoken-word').innerText(), 'for'));
    await fake(page, 'boundary', 0, 0);
    await eventually(async () => assert.equal(await page.locator('mark.spoken-word').innerText(), text.split(' ')[0]));

    const mark = (await log(page)).length;
    await pause.click();
    await resume.waitFor({ state: 'visible' });
    assert.ok((await logSince(page, mark)).includes('pause'));
    assert.equal(await pause.count(), 0);
    await resume.click();
    await pause.waitFor({ state: 'visible' });
    assert.ok((await logSince(page, mark)).includes('resume'));
    assert.equal(await stopReading(page).count(), 1, '"Stop reading" stays beside them');
    assert.deepEqual(errors, []);
  });
});

describe('voice commands', () => {
  test('stop, read the second one, repeat, next, clear — and "stop sign" is a search', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 5 } });
    await openReady(page);
    await page.getByText('What can I say?').click();
    const help = page.getByRole('list', { name: 'Voice commands' });
    assert.match(await help.innerText(), /read the second one/);

    await ui(page).continuous.check();
    await ask(page, 'lamp');
    await readingOf(page, /for lamp\.$/);
    const shown = await titles(page);
    assert.ok(shown.length >= 5, `enough results for "next": ${shown.length}`);

    await say(page, 'please read the second one');
    await readingOf(page, new RegExp(`^${shown[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`));
    assert.equal(await ui(page).search.inputValue(), 'lamp', 'a command is not a search');
    await eventually(async () => assert.match(await statusText(page), /^Okay, reading result 2\. /));

    const before = (await spoken(page)).filter((u) => /for lamp\.$/.test(u.text)).length;
    await say(page, 'repeat');
    await eventually(async () =>
      assert.equal((await spoken(page)).filter((u) => /for lamp\.$/.test(u.text)).length, before + 1),
    );

    await say(page, 'okay next');
    await readingOf(page, /^Results 11 to /);
    await eventually(async () => assert.ok((await titles(page)).every((t) => !shown.includes(t)), 'the next page'));

    await say(page, 'stop sign');
    await eventually(async () => assert.equal(await ui(page).search.inputValue(), 'stop sign'));

    await say(page, 'clear');
    await eventually(async () => assert.equal(await ui(page).search.inputValue(), ''));
    assert.equal(await titles(page).then((t) => t.length), 0);

    await say(page, 'stopp');
    await eventually(async () => assert.equal(await pressed(page), 'false'), { message: '"stopp" stops listening' });
    await eventually(async () => assert.equal(await fake(page, 'activeCount'), 0));
    await eventually(async () => assert.match(await statusText(page), /^Okay, I stopped listening and reading\./));
    assert.deepEqual(errors, []);
  });

  test('"next" shows the next page of results, and the status line says which', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 5 } });
    await openReady(page);
    await ui(page).continuous.uncheck();
    await page.getByRole('checkbox', { name: 'Read results aloud' }).uncheck();
    await ask(page, 'lamp');
    await eventually(async () => assert.match(await statusText(page), /^\d+ results for “lamp”\.$/));
    const first = await titles(page);
    assert.equal(first.length, 10, 'a full first page');
    await ask(page, 'more results');
    await eventually(async () =>
      assert.match(await statusText(page), /^Okay, here are the next results\. Results 11 to \d+ for “lamp”\./),
    );
    const next = await titles(page);
    assert.ok(next.length > 0, 'a second page');
    assert.deepEqual(next.filter((t) => first.includes(t)), [], 'other results than the first page');
    // Asked for by voice, so read although "Read results aloud" is off.
    await readingOf(page, /^Results 11 to /);
    assert.equal(await ui(page).search.inputValue(), 'lamp', 'the same search');
    // The address is written once the answers settle (url_state::WRITE_DELAY_MS after the last change).
    await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('q'), 'lamp'));
    await ui(page).search.fill('lamp shade');
    await eventually(async () => assert.doesNotMatch(await statusText(page), /Okay|Results 11/), {
      message: 'a new search starts at the first page, without the old acknowledgement',
    });
    assert.deepEqual(errors, []);
  });

  test('commands follow the recognition language', T, async () => {
    const { page, errors } = await h.newPage({ config: { speakMs: 5 } });
    await openReady(page);
    await ui(page).language.selectOption('de-DE');
    await page.getByText('What can I say?').click();
    assert.match(await page.getByRole('list', { name: 'Voice commands' }).innerText(), /lies das zweite/);
    await ui(page).continuous.check();
    await ask(page, 'lamp');
    // Hark's own words are German too, in the German voice.
    await readingOf(page, /Ergebnisse? für lamp\.$/);
    const shown = await titles(page);
    await say(page, 'lies Nummer zwei');
    await readingOf(page, new RegExp(`^${shown[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`));
    await say(page, 'stop listening');
    await eventually(async () => assert.equal(await ui(page).search.inputValue(), 'stop listening'), {
      message: 'English phrases are searches when German is recognised',
    });
    await say(page, 'hör auf');
    await eventually(async () => assert.equal(await pressed(page), 'false'));
    assert.deepEqual(errors, []);
  });
});
