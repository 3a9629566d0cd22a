import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
await page.goto('http://localhost:4999/');
await page.evaluate(() => window.playground.ready());
await page.evaluate(() => window.playground.load('PYTHON one {\n    1\n}\n', { trusted: true }));
await page.evaluate(() => window.playground.runCell('one'));
for (let i = 0; i < 20; i++) await page.evaluate(() => window.playground.runCell('one'));
const client = await page.context().newCDPSession(page);
await client.send('Profiler.enable');
await client.send('Profiler.setSamplingInterval', { interval: 100 });
await client.send('Profiler.start');
const t = await page.evaluate(async () => { const s = performance.now(); for (let i = 0; i < 200; i++) await window.playground.runCell('one'); return (performance.now() - s) / 200; });
const { profile } = await client.send('Profiler.stop');
console.log('per run ms', t);
// self time by function
const self = new Map();
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const dt = profile.timeDeltas; const samples = profile.samples;
for (let i = 0; i < samples.length; i++) { const n = byId.get(samples[i]); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0)); }
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [k, v] of top) console.log((v / 1000).toFixed(1).padStart(8), k);
// callers of eq
const parents = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
const callers = new Map();
for (let i = 0; i < samples.length; i++) { let n = byId.get(samples[i]); if (n.callFrame.functionName !== 'eq') continue; const chain = []; let id = n.id; for (let d = 0; d < 8 && id; d++) { const m = byId.get(id); chain.push(`${m.callFrame.functionName||'?'}@${m.callFrame.url.split('/').pop()}:${m.callFrame.lineNumber}:${m.callFrame.columnNumber}`); id = parents.get(id); } const k = chain.join(' < '); callers.set(k, (callers.get(k) ?? 0) + (dt[i] ?? 0)); }
for (const [k, v] of [...callers].sort((a,b)=>b[1]-a[1]).slice(0,5)) console.log((v/1000).toFixed(1), k);
await browser.close();
