import { test, expect } from './fixtures';
import { openDocument } from './documents';

const EXAMPLES = ['orbit', 'temperature-chart', 'word-frequencies', 'primes-race', 'sales-report'];

for (const name of EXAMPLES) {
  test(`the ${name} example runs without an error`, async ({ page, request }) => {
    const text = await (await request.get(`/examples/${name}.tars`)).text();
    await openDocument(page, text);
    const report = await page.evaluate(() => window.playground.runAll());
    expect(report.cells.flatMap((cell) => cell.errors)).toEqual([]);
    expect(report.success).toBe(true);
    const last = report.cells.at(-1)?.result;
    if (name === 'temperature-chart') expect(typeof last === 'string' ? last : '').toMatch(/^<svg [^>]*>(<rect [^>]*\/><text [^>]*>\w{3}<\/text>){12}<\/svg>$/);
    if (name === 'primes-race') expect(last).toMatchObject({ agree: true });
  });
}
