// Temporary: CPU profile of Hark during spoken phrases (continuous, read-aloud off).
import { Harness, fake, eventually } from './support/browser.mjs';
import fs from 'node:fs';
const h = new Harness({ root: process.env.PROF_DIST }); await h.start();
const { page } = await h.newPage({ config: { voicesImmediate: true } });
await h.open(page);
await eventually(async () => /Ready/.test(await page.getByRole('status').textContent()), { timeout: 20000 });
await page.getByRole('checkbox', { name: 'Continuous' }).check();
const ra = page.getByRole('checkbox', { name: 'Read results aloud' });
if (await ra.isChecked()) await ra.uncheck();
await page.getByRole('button', { name: 'Voice search' }).click();
await new Promise((r) => setTimeout(r, 300));
const titles = fs.readFileSync('/work/main/catalog/things.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 4000).filter((_, i) => i % 97 === 0).map((l) => JSON.parse(l).title);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
await cdp.send('Profiler.start');
for (const t of titles.slice(0, 40)) {
  await page.evaluate((t) => window.__harkFake.say(t), t);
  await new Promise((r) => setTimeout(r, 60));
}
const { profile } = await cdp.send('Profiler.stop');
await cdp.send('Tracing.end'); await done;
const main = events.filter((e) => e.ph === 'X' && e.dur);
const agg = new Map();
for (const e of main) agg.set(e.name, (agg.get(e.name) || [0, 0]).map((v, i) => v + (i ? 1 : e.dur)));
console.log('trace (ms total over 40 phrases, count):');
for (const [k, [d, c]] of [...agg].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25)) console.log((d / 1000).toFixed(1).padStart(8), String(c).padStart(6), k);
fs.writeFileSync('/tmp/prof/profile.cpuprofile', JSON.stringify(profile));
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
for (const [id, us] of counts) { const n = byId.get(id); const key = (n.callFrame.functionName || '(anon)') + ' ' + (n.callFrame.url.split('/').pop() || ''); self.set(key, (self.get(key) || 0) + us); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total sampled ms', (total / 1000).toFixed(1));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / 1000).toFixed(2).padStart(8), k.slice(0, 140));
await h.stop();
