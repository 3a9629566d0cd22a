import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openDocument, tars } from './documents';

/** An F# block long enough to start collapsed: its header, a comment, 38 `let` lines and its `}`. */
const FSHARP_LINES = [
  'FSHARP build {',
  '    // builds the nightly report',
  ...Array.from({ length: 38 }, (_, index) => `    let step${String(index)} = sprintf "%d" ${String(index)}`),
  '}',
];
const FSHARP = FSHARP_LINES.join('\n');
const YAML = ['YAML settings {', '    threshold: 5', '    name: "stock" # kept', '}'].join('\n');
const PROMPT = ['PROMPT ask {', '    Summarise the report in one line.', '}'].join('\n');

const DOCUMENT = [FSHARP, YAML, PROMPT, tars({ kind: 'PYTHON', name: 'count', code: 'print(3)' })].join('\n');

const inert = (page: Page, kind: string) => page.locator(`[data-testid="inert-block"][data-kind="${kind}"]`);

/** Waits until a block shows exactly `text`: every space and line break, which toHaveText would normalise. */
async function expectShown(block: Locator, text: string): Promise<void> {
  await expect.poll(() => block.getByTestId('inert-text').textContent()).toBe(text);
}

/** The `/assets/` files the page has requested, by file name. */
function assetRequests(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.includes('/assets/')) names.push(pathname.slice(pathname.lastIndexOf('/') + 1));
  });
  return names;
}

test('inert blocks show their exact text, highlighted in their language, with a note, and collapse', async ({ page }) => {
  await openDocument(page, DOCUMENT);
  await expect(page.getByTestId('inert-block')).toHaveCount(3);

  const yaml = inert(page, 'YAML');
  await expect(yaml.getByTestId('inert-note')).toHaveText('YAML does not run in the browser; kept as written');
  await expect(yaml.getByTestId('inert-text')).toHaveAttribute('data-highlighted', 'true');
  await expect(yaml.locator('.syntax-comment')).toHaveText('# kept');
  await expect(yaml.locator('.syntax-string')).toHaveText('"stock"');
  await expectShown(yaml, YAML);
  // Short blocks start open.
  await expect(yaml.getByTestId('inert-toggle')).toHaveAttribute('aria-expanded', 'true');

  // Long blocks start collapsed, showing their first lines, highlighted.
  const fsharp = inert(page, 'FSHARP');
  const toggle = fsharp.getByTestId('inert-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveText(`Show all ${String(FSHARP_LINES.length)} lines`);
  await expectShown(fsharp, FSHARP_LINES.slice(0, 4).join('\n'));
  await expect(fsharp.locator('.syntax-comment')).toHaveText('// builds the nightly report');
  await expect(fsharp.locator('.syntax-keyword')).toHaveCount(2);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expectShown(fsharp, FSHARP);
  await expect(fsharp.locator('.syntax-keyword')).toHaveCount(38);
  await expect(fsharp.locator('.syntax-string').first()).toHaveText('"%d"');

  // The keyboard collapses it again.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expectShown(fsharp, FSHARP_LINES.slice(0, 4).join('\n'));

  // A kind with no language stays plain, and still says why it does not run.
  const prompt = inert(page, 'PROMPT');
  await expectShown(prompt, PROMPT);
  await expect(prompt.locator('.inert-text span')).toHaveCount(0);
  await expect(prompt.getByTestId('inert-note')).toHaveText('PROMPT blocks do not run in the playground; kept as written');

  // Collapsing is a view state: the document is unchanged.
  expect(await page.evaluate(() => window.playground.text())).toBe(DOCUMENT);
});

test('a language mode loads only for a document that has a block in it', async ({ page }) => {
  const assets = assetRequests(page);
  await openDocument(page, tars({ kind: 'PYTHON', name: 'only', code: 'print(1)' }));
  await expect(page.getByTestId('cell')).toHaveCount(1);
  expect(assets.filter((name) => /^(mllike|yaml|clike|shell|xml|javascript)-/.test(name))).toEqual([]);

  await page.evaluate((text) => {
    window.playground.load(text, { trusted: true });
  }, YAML);
  await expect(inert(page, 'YAML').locator('.syntax-string')).toHaveText('"stock"');
  expect(assets.filter((name) => /^yaml-/.test(name))).toHaveLength(1);
  expect(assets.filter((name) => /^(mllike|clike|shell|xml)-/.test(name))).toEqual([]);
});

test('a block far below the viewport is highlighted only once it comes near', async ({ page }) => {
  const blocks = Array.from({ length: 60 }, (_, index) => `YAML part${String(index)} {\n    index: "${String(index)}"\n}`);
  await openDocument(page, blocks.join('\n'));
  const first = inert(page, 'YAML').first().getByTestId('inert-text');
  const last = inert(page, 'YAML').last().getByTestId('inert-text');
  await expect(first).toHaveAttribute('data-highlighted', 'true');
  await expect(last).toHaveAttribute('data-highlighted', 'false');
  await expect.poll(() => last.textContent()).toBe(blocks.at(-1));
  await last.scrollIntoViewIfNeeded();
  await expect(last).toHaveAttribute('data-highlighted', 'true');
  await expect(last.locator('.syntax-string')).toHaveText('"59"');
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical problems in inert blocks in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openDocument(page, DOCUMENT);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await inert(page, 'FSHARP').getByTestId('inert-toggle').click();
    await expect(inert(page, 'FSHARP').locator('.syntax-keyword')).toHaveCount(38);
    await expect(inert(page, 'YAML').locator('.syntax-string')).toHaveCount(1);
    const results = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
    expect(serious).toEqual([]);
  });
}
