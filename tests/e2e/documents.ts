import type { Page } from '@playwright/test';

/** Builds `.tars` text from cells, indenting each body as the serializer does. */
export function tars(...cells: { kind: 'PYTHON' | 'JAVASCRIPT'; name: string; code: string }[]): string {
  return cells
    .map(({ kind, name, code }) => {
      const body = code
        .split('\n')
        .map((line) => (line === '' ? '' : `    ${line}`))
        .join('\n');
      return `${kind} ${name} {\n${body}\n}\n`;
    })
    .join('\n');
}

/** Opens the playground and loads a document into it. */
export async function openDocument(page: Page, text: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => window.playground.ready());
  await page.evaluate((source) => {
    window.playground.load(source, { trusted: true });
  }, text);
}

/** The cell element with the given name. */
export function cell(page: Page, name: string) {
  return page.locator(`[data-testid="cell"][data-cell-name="${name}"]`);
}
