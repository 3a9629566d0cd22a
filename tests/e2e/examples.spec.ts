import { test, expect } from './fixtures';
import { cell, openDocument } from './documents';

const EXAMPLES = ['orbit', 'temperature-chart', 'word-frequencies', 'primes-race', 'sales-report', 'wasm-hot-loop', 'rust-adler32'];

for (const name of EXAMPLES) {
  test(`the ${name} example runs without an error`, async ({ page, request }) => {
    const text = await (await request.get(`/examples/${name}.tars`)).text();
    await openDocument(page, text);
    const report = await page.evaluate(() => window.playground.runAll());
    expect(report.cells.flatMap((cell) => cell.errors)).toEqual([]);
    expect(report.success).toBe(true);
    const last = report.cells.at(-1)?.result;
    if (name === 'temperature-chart') {
      const variables = await page.evaluate(() => window.playground.variables());
      const svg = variables.svg?.value;
      expect(typeof svg === 'string' ? svg : '').toMatch(/^<svg [^>]*><rect [^>]*\/>(<rect [^>]*\/><text [^>]*>\w{3}<\/text>){12}<\/svg>$/);
      expect(last).toBe(typeof svg === 'string' ? svg.length : null);
      // The chart is displayed as an image, which cannot run script.
      await expect(cell(page, 'chart').locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml/);
      await expect(cell(page, 'chart').locator('img')).toHaveAttribute('alt', 'Monthly mean temperatures in Reykjavik');
    }
    if (name === 'primes-race') expect(last).toMatchObject({ agree: true });
    // Adler-32 of the text, as zlib computes it; the Collatz total is the wasm-hot-loop's.
    if (name === 'rust-adler32') {
      expect(last).toEqual({ agree: true, steps: 2864133n });
      await expect(cell(page, 'checksum_in_rust').getByTestId('cell-output')).toHaveText('36 bytes, Adler-32 from Rust: f8410e36');
    }
    if (name === 'wasm-hot-loop') {
      expect(last).toMatchObject({ agree: true, pythonTimesSlower: expect.any(Number) });
      await expect(cell(page, 'comparison').getByTestId('record-table')).toContainText('WASM, called from Python');
      await expect(cell(page, 'python_race').getByTestId('cell-output')).toContainText(/WASM from Python: \d+ steps/);
    }
  });
}
