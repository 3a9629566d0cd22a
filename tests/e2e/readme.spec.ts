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
  // Run as a reader would paste it into the console, with top-level await: the page's policy
  // refuses inline script tags, and a console is not subject to it.
  const report = await page.evaluate<{ cells: { output: string }[] }>(`(async () => {\n${automationExample()}\nreturn report;\n})()`);
  expect(report.cells[0]?.output).toBe('45\n');
});
