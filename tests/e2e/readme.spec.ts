import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

/** The first ```js block under the README's "Automate it" heading. */
function automationExample(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Automate it'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('the README has no js example under "Automate it"');
  return match[1];
}

test('the README automation example runs as written', async ({ page }) => {
  await page.goto('/');
  // Run as a module script, as a reader would paste it; it hands its report back on window.
  await page.addScriptTag({ type: 'module', content: `${automationExample()}\nwindow.readmeReport = report;` });
  const handle = await page.waitForFunction(() => Reflect.get(window, 'readmeReport') as unknown);
  const report = (await handle.jsonValue()) as { cells: { output: string }[] };
  expect(report.cells[0]?.output).toBe('45\n');
});
