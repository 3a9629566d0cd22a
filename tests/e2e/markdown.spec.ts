import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cell, openDocument } from './documents';

/**
 * A MARKDOWN cell with the usual structure, one interpolation, and every way a shared
 * document might try to run script or reach another site from rendered Markdown.
 */
const HOSTILE = `VARIABLE city {
    value: "Reykjavik"
}
MARKDOWN notes {
    # Weather in \${city}

    - first point
    - second **point**

    | Month | °C |
    | :-- | --: |
    | Jan | -0.5 |
    | Jul | 11.2 |

    <script>window.pwned = 'script'</script>
    <img src=x onerror="window.pwned = 'onerror'">
    <iframe src="https://example.com/frame"></iframe>
    <form action="https://example.com/post"><input type="text" name="q"><button>Send</button></form>
    <style>body { background: url(https://example.com/style.png) }</style>

    ![remote image](https://example.com/pixel.png) <img src="//example.com/raw.png" alt="raw remote">

    [a bad link](javascript:window.pwned='link') and [a good one](https://example.com/page)
}
`;

function notes(page: Page) {
  return cell(page, 'notes').getByTestId('cell-output');
}

/** Clicks Run all and waits until the named cell has run. */
async function runAll(page: Page, name: string): Promise<void> {
  await page.getByTestId('run-all').click();
  await expect(cell(page, name)).toHaveAttribute('data-status', 'done');
}

test('a MARKDOWN cell renders as formatted Markdown with its variables filled in', async ({ page }) => {
  await openDocument(page, HOSTILE);
  await runAll(page, 'notes');
  const body = notes(page).getByTestId('markdown-output');
  await expect(body.getByRole('heading', { level: 1 })).toHaveText('Weather in Reykjavik');
  await expect(body.locator('ul > li')).toHaveText(['first point', 'second point']);
  await expect(body.locator('ul strong')).toHaveText('point');
  const table = body.getByRole('table');
  await expect(table.locator('th')).toHaveText(['Month', '°C']);
  expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.children, (item) => item.textContent)))).toEqual([
    ['Jan', '-0.5'],
    ['Jul', '11.2'],
  ]);
  // The store keeps the interpolated text as written; only the view formats it.
  const output = await page.evaluate(() => window.playground.cells().find((item) => item.name === 'notes')?.output ?? '');
  expect(output).toContain('# Weather in Reykjavik\n');
  expect(output).toContain("<script>window.pwned = 'script'</script>");
});

test('rendered Markdown runs no script and fetches nothing from other sites', async ({ page, offsite }) => {
  await openDocument(page, HOSTILE);
  await runAll(page, 'notes');
  const body = notes(page).getByTestId('markdown-output');
  await expect(body.getByRole('heading', { level: 1 })).toBeVisible();
  // The same-site image has loaded (or failed) by now, so a remote one would have been asked for.
  await expect.poll(() => body.locator('img').evaluateAll((images) => images.every((image) => image instanceof HTMLImageElement && image.complete))).toBe(true);
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
  await expect(page.locator('[onerror]')).toHaveCount(0);
  await expect(body.locator('script, iframe, form, button, style, [style]')).toHaveCount(0);
  await expect(body.locator('input')).toHaveCount(0);
  // The remote images keep their alt text but have no source; the same-site one keeps its own.
  await expect(body.getByAltText('remote image')).not.toHaveAttribute('src', /./);
  await expect(body.getByAltText('raw remote')).not.toHaveAttribute('src', /./);
  await expect(body.locator('img[src]')).toHaveCount(1);
  await expect(body.locator('img[src]')).toHaveAttribute('src', 'x');
  // A javascript: link loses its target; a web link opens in a new tab without an opener.
  await expect(body.getByText('a bad link')).not.toHaveAttribute('href', /./);
  const good = body.getByRole('link', { name: 'a good one' });
  await expect(good).toHaveAttribute('href', 'https://example.com/page');
  await expect(good).toHaveAttribute('target', '_blank');
  await expect(good).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(body.locator('a[href^="javascript" i]')).toHaveCount(0);
  expect(offsite).toEqual([]);
});

test('a text/markdown display renders as Markdown', async ({ page }) => {
  await openDocument(
    page,
    `JAVASCRIPT shown {
    display({ "text/markdown": "## From a cell\\n\\n1. one\\n2. two <img src=y onerror=\\"window.pwned = 1\\">", "text/plain": "From a cell" })
}
`,
  );
  await runAll(page, 'shown');
  const view = cell(page, 'shown').getByTestId('display-output');
  await expect(view).toHaveAttribute('data-mime-type', 'text/markdown');
  await expect(view.getByRole('heading', { level: 2 })).toHaveText('From a cell');
  await expect(view.locator('ol > li')).toHaveText(['one', 'two']);
  await expect(page.locator('[onerror]')).toHaveCount(0);
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
});

test('the temperature-chart example shows its Markdown heading as a heading', async ({ page, request }) => {
  await openDocument(page, await (await request.get('/examples/temperature-chart.tars')).text());
  await page.getByTestId('run-all').click();
  const prose = page.locator('[data-testid="cell"][data-kind="MARKDOWN"]').first().getByTestId('cell-output');
  await expect(prose.locator('h1, h2').first()).toHaveText('Reykjavik: a year of temperatures');
  await expect(prose.locator('pre')).toHaveCount(0);
});
