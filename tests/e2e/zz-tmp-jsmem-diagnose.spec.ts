import { openDocument, tars } from './documents';
import { expect, test } from './fixtures';

test('diagnose', async ({ page }) => {
  page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
  page.on('crash', () => console.log('PAGE CRASH'));
  await openDocument(page, 'CONFIG {\n    security: "restrictive"\n}\n' + tars({ kind: 'JAVASCRIPT', name: 'a', code: '1' }));
  console.log(JSON.stringify(await page.evaluate(() => window.playground.runCell('a'))));
  for (const code of [
    'new Float64Array(12 * 1024 * 1024).length',
    '(() => { const b = []; for (let i = 0; i < 12; i++) b.push(new Float64Array(1 << 20)); return b.length })()',
    '(() => { const keep = []; for (let i = 0; i < 30; i++) keep.push(new Array(100000).fill(1.5)); return keep.length })()',
    '(() => { const keep = []; for (let i = 0; i < 100; i++) keep.push(new Array(100000).fill(1.5)); return keep.length })()',
  ]) {
    const t = Date.now();
    const r = await page.evaluate((c) => window.playground.javascript.execute(c, { timeoutMs: 20000 }), code);
    console.log(Date.now() - t, 'ms', code.slice(0, 60), JSON.stringify(r.errors), r.result, r.memoryBytes);
  }
  expect(1).toBe(1);
});
