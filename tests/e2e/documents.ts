import { expect, type Page } from '@playwright/test';

/** Builds `.tars` text from cells, indenting each body as the serializer does. */
export function tars(...cells: { kind: 'PYTHON' | 'JAVASCRIPT' | 'WASM'; name: string; code: string }[]): string {
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

/** Opens the playground (at the project's base URL, which may be a folder) and loads a document into it. */
export async function openDocument(page: Page, text: string): Promise<void> {
  await page.goto('./');
  await page.evaluate(() => window.playground.ready());
  await page.evaluate((source) => {
    window.playground.load(source, { trusted: true });
  }, text);
}

/** The cell element with the given name. */
export function cell(page: Page, name: string) {
  return page.locator(`[data-testid="cell"][data-cell-name="${name}"]`);
}

/** The CodeMirror editor of a cell, scrolled near the viewport so that it gets built. */
export async function cellEditor(page: Page, name: string) {
  const target = cell(page, name);
  await target.scrollIntoViewIfNeeded();
  const content = target.locator('.cm-content');
  await expect(content).toBeVisible();
  return content;
}

/** Replaces a cell's code the way a person would: focus its editor, select all, type. */
export async function setCellCode(page: Page, name: string, code: string): Promise<void> {
  const content = await cellEditor(page, name);
  await content.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
  await expect.poll(() => content.locator('.cm-line').allTextContents()).toEqual(code.split('\n'));
}

/** Loads one Python and one JavaScript cell, runs all, and checks what each shows. */
export async function expectBothLanguagesRun(page: Page): Promise<void> {
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'py', code: 'print(sum(range(10)))' },
      { kind: 'JAVASCRIPT', name: 'js', code: 'console.log([1,2,3].map(x => x*2))' },
    ),
  );
  await page.getByTestId('run-all').click();
  await expect(cell(page, 'py').getByTestId('cell-output')).toHaveText('45');
  await expect(cell(page, 'js').getByTestId('cell-output')).toHaveText('[2, 4, 6]');
}

/** CONFIG asking for the Unrestricted tier, for tests that need modules Standard denies. */
export const UNRESTRICTED = 'CONFIG {\n    security: "unrestricted"\n}\n';

/** Opens a document under Unrestricted, choosing it from the policy menu and allowing it as a user would. */
export async function openUnrestricted(page: Page, text: string): Promise<void> {
  await openDocument(page, UNRESTRICTED + text);
  await page.getByTestId('policy-badge').click();
  await page.getByTestId('policy-choose-unrestricted').click();
  await page.getByTestId('elevation-allow').click();
  await expect(page.getByTestId('policy-badge')).toHaveText('unrestricted');
}
