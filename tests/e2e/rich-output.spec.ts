import { readFileSync } from 'node:fs';
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cell, openDocument, tars, openUnrestricted } from './documents';
import { buildMatplotlibStandIn, MATPLOTLIB_STAND_IN } from '../support/matplotlib-stand-in';
import { wheelFileName } from '../support/wheel';

/** A valid 3×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAMAAAABCAIAAACUgoPjAAAADUlEQVR4nGM4oaEBQQASUgNJP4lwhgAAAABJRU5ErkJggg==';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>';
const HTML = '<p id="greeting">hello <b>world</b></p><div style="height: 300px">tall</div>';
/** The same five displays in either language: the bundle forms, records, and a nested value. */
const DISPLAYS = [
  `display({"text/html": ${JSON.stringify(HTML)}})`,
  `display({"image/svg+xml": ${JSON.stringify(SVG)}})`,
  `display({"image/png": "${PNG}"})`,
  'display([{"name": "Ada", "year": 1815}, {"name": "Alan", "born": "London"}])',
  'display({"planet": {"name": "Earth", "moons": ["Moon"]}, "count": 1})',
];

/** The document an HTML output shows: the frame page's nested frame (public/output-frame.html). */
function outputFrame(container: Locator): FrameLocator {
  return container.frameLocator('iframe').frameLocator('iframe');
}

function outputOf(page: Page, name: string): Locator {
  return cell(page, name).getByTestId('cell-output');
}

async function naturalWidth(image: Locator): Promise<number> {
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
  return image.evaluate((element: HTMLImageElement) => element.naturalWidth);
}

/** How the nested display of DISPLAYS sums up its containers, in each language's terms. */
const TERMS = {
  python: { planet: 'planet: dict (2 keys)', moons: 'moons: list[1]' },
  javascript: { planet: 'planet: Object {2 keys}', moons: 'moons: Array(1)' },
} as const;

/**
 * Checks that a cell shows the five displays of DISPLAYS, in order, each in its rich form, and the
 * nested one in the terms of the cell's language.
 */
async function expectRichDisplays(page: Page, name: string, language: keyof typeof TERMS): Promise<void> {
  const terms = TERMS[language];
  const output = outputOf(page, name);
  const views = output.getByTestId('display-output');
  await expect(views).toHaveCount(5);
  expect(await views.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-mime-type')))).toEqual([
    'text/html',
    'image/svg+xml',
    'image/png',
    'application/json',
    'application/json',
  ]);
  // HTML: in a frame sandboxed with scripts only, sized to its content.
  const frame = views.nth(0).locator('iframe');
  await expect(views.nth(0).frameLocator('iframe').locator('iframe')).toHaveAttribute('sandbox', 'allow-scripts');
  await expect(frame).toHaveAttribute('title', /HTML output of cell/);
  await expect(outputFrame(views.nth(0)).locator('#greeting')).toHaveText('hello world');
  await expect.poll(async () => (await frame.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(300);
  // Images: data URLs in img elements, decoded by the browser.
  const svg = views.nth(1).locator('img');
  await expect(svg).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  expect(await naturalWidth(svg)).toBe(40);
  const png = views.nth(2).locator('img');
  await expect(png).toHaveAttribute('src', `data:image/png;base64,${PNG}`);
  expect(await naturalWidth(png)).toBe(3);
  // Records: a table with the union of their keys as columns.
  const table = views.nth(3).getByRole('table');
  expect(await table.locator('th').allTextContents()).toEqual(['name', 'year', 'born']);
  expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.children, (item) => item.textContent)))).toEqual([
    ['Ada', '1815', ''],
    ['Alan', '', 'London'],
  ]);
  // A nested value: a tree whose containers open and close from the keyboard.
  const tree = views.nth(4).getByTestId('json-tree');
  await expect(tree).toContainText(terms.planet);
  await expect(tree).toContainText('count: 1');
  await expect(tree).toContainText(terms.moons);
  const planet = tree.locator('summary', { hasText: 'planet:' });
  await planet.focus();
  await page.keyboard.press('Enter');
  await expect(planet.locator('xpath=..')).not.toHaveAttribute('open');
  await expect(tree).not.toContainText('moons');
  await page.keyboard.press('Enter');
  await expect(tree).toContainText(terms.moons);
}

test('Python display() shows HTML, SVG, PNG, a table of records and a JSON tree; _repr_html_ objects too', async ({ page }) => {
  const rich = [
    'class Badge:',
    '    def __init__(self, text): self.text = text',
    '    def _repr_html_(self): return f"<span id=\'badge\'>{self.text}</span>"',
    '    def __repr__(self): return f"Badge({self.text!r})"',
    'display(Badge("shown"))',
    'Badge("last")',
  ].join('\n');
  await openDocument(
    page,
    tars(
      { kind: 'PYTHON', name: 'forms', code: DISPLAYS.join('\n') },
      { kind: 'PYTHON', name: 'rich', code: rich },
      { kind: 'PYTHON', name: 'records', code: '[{"name": "Ada", "year": 1815}, {"name": "Alan", "year": 1912}]' },
      { kind: 'PYTHON', name: 'nested', code: '{"a": {"b": [1, 2]}}' },
      { kind: 'PYTHON', name: 'flags', code: '[{"name": "Ada", "alive": False, "tags": ["math"], "note": None}]' },
    ),
  );
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(true);
  // The report's output stays the text of stdout and stderr only (SPEC §8).
  expect(report.cells.map((item) => item.output)).toEqual(['', '', '', '', '']);
  await expectRichDisplays(page, 'forms', 'python');
  const frames = outputOf(page, 'rich').getByTestId('display-output');
  await expect(frames).toHaveCount(2);
  await expect(outputFrame(frames.nth(0)).locator('#badge')).toHaveText('shown');
  await expect(outputFrame(frames.nth(1)).locator('#badge')).toHaveText('last');
  await expect(outputOf(page, 'rich').getByTestId('cell-result')).toHaveText("Badge('last')");
  // Results: records as a table, a nested value as a tree.
  const table = outputOf(page, 'records').getByTestId('cell-result').getByRole('table');
  expect(await table.locator('th').allTextContents()).toEqual(['name', 'year']);
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(outputOf(page, 'nested').getByTestId('cell-result').getByTestId('json-tree')).toContainText('b: list[2]');
  // Table cells in Python's terms: False, None and reprs of containers.
  const flags = outputOf(page, 'flags').getByTestId('cell-result').getByRole('table');
  expect(await flags.locator('tbody td').allTextContents()).toEqual(['Ada', 'False', "['math']", 'None']);
});

test('JavaScript display() shows HTML, SVG, PNG, a table of records and a JSON tree, in order with console output', async ({ page }) => {
  const code = ['console.log("first");', ...DISPLAYS.map((line) => `${line};`), 'console.error("last");'].join('\n');
  const many = 'display(Array.from({ length: 250 }, (_, i) => [i]));\n[{ id: 1, tags: ["a"] }, { id: 2 }]';
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'forms', code }, { kind: 'JAVASCRIPT', name: 'many', code: many }));
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.success).toBe(true);
  expect(report.cells[0]?.output).toBe('first\nlast\n');
  await expectRichDisplays(page, 'forms', 'javascript');
  // Text before the displays and after them, stderr in its own style.
  const flow = outputOf(page, 'forms').locator('.output-flow');
  expect(await flow.evaluate((element) => Array.from(element.children, (child) => child.className))).toEqual(['stdout', ...Array<string>(5).fill('mime-view'), 'stderr']);
  const colours = await flow.evaluate((element) => Array.from(element.querySelectorAll('.stdout, .stderr'), (span) => getComputedStyle(span).color));
  expect(colours[0]).not.toBe(colours[1]);
  // A long array shows its first items and a control for the rest.
  const tree = outputOf(page, 'many').getByTestId('json-tree');
  await expect(tree.locator(':scope > details > .tree-children > details')).toHaveCount(100);
  await tree.getByRole('button', { name: '150 more' }).click();
  await expect(tree.locator(':scope > details > .tree-children > details')).toHaveCount(200);
  await expect(tree.getByRole('button', { name: '50 more' })).toBeVisible();
  // The result, an array of records, as a table.
  const table = outputOf(page, 'many').getByTestId('cell-result').getByRole('table');
  expect(await table.locator('th').allTextContents()).toEqual(['id', 'tags']);
  expect(await table.locator('tbody td').allTextContents()).toEqual(['1', '["a"]', '2', '']);
});

test('matplotlib figures show as PNG, through plt.show() and when a cell ends', async ({ page, context }) => {
  // A stand-in for matplotlib (tests/support/matplotlib-stand-in.ts): the real package cannot
  // be downloaded here. It offers exactly the API the playground's figure hook uses.
  const wheel = Buffer.from(buildMatplotlibStandIn());
  await context.route(`**/test-wheels/${wheelFileName(MATPLOTLIB_STAND_IN)}`, (route) => route.fulfill({ body: wheel, contentType: 'application/octet-stream' }));
  const code = ['import matplotlib, matplotlib.pyplot as plt', 'print(matplotlib.get_backend())', 'plt.plot([1, 2, 3])', 'plt.show()', 'print("between")', 'plt.plot([3, 2, 1])'].join('\n');
  // The stand-in is a package Standard's list does not name.
  await openUnrestricted(page, tars({ kind: 'PYTHON', name: 'plot', code }));
  const url = await page.evaluate((name) => new URL(`/test-wheels/${name}`, location.href).href, wheelFileName(MATPLOTLIB_STAND_IN));
  const installed = await page.evaluate((wheelUrl) => window.playground.python.installPackage(wheelUrl), url);
  expect(installed.success).toBe(true);
  const report = await page.evaluate(() => window.playground.runCell('plot'));
  expect(report.errors).toEqual([]);
  // The stand-in's own show() would have printed; the playground's displayed instead.
  expect(report.output).toBe('Agg\nbetween\n');
  const flow = outputOf(page, 'plot').locator('.output-flow');
  expect(await flow.evaluate((element) => Array.from(element.children, (child) => child.getAttribute('data-mime-type') ?? child.textContent))).toEqual([
    'Agg\n',
    'image/png',
    'between\n',
    'image/png',
  ]);
  const images = flow.locator('img');
  for (const index of [0, 1]) expect(await naturalWidth(images.nth(index))).toBe(2);
  await expect(images.first()).toHaveAttribute('alt', '<Figure 1 with 1 lines>');
});

test('HTML output runs its script but cannot reach the app: not its DOM, storage, cookies or IndexedDB', async ({ page }) => {
  const attack = `<ul id="report"></ul>
<script>
  function attempt(name, action) {
    var outcome;
    try {
      outcome = 'reached: ' + String(action());
    } catch (error) {
      outcome = 'blocked: ' + error.name;
    }
    var item = document.createElement('li');
    item.setAttribute('data-attempt', name);
    item.textContent = outcome;
    document.getElementById('report').appendChild(item);
  }
  attempt('parent document', function () { parent.document.body.innerHTML = 'owned'; return parent.document.title; });
  attempt('parent localStorage', function () { parent.localStorage.setItem('owned', 'yes'); return parent.localStorage.length; });
  attempt('own localStorage', function () { localStorage.setItem('owned', 'yes'); return localStorage.getItem('owned'); });
  attempt('indexedDB', function () { indexedDB.open('owned'); return 'opened'; });
  attempt('cookie', function () { document.cookie = 'owned=yes'; return document.cookie; });
</script>`;
  await openDocument(page, tars({ kind: 'JAVASCRIPT', name: 'attack', code: `display({ "text/html": ${JSON.stringify(attack)} })` }));
  await page.evaluate(() => {
    localStorage.setItem('isolation-marker', 'kept');
  });
  // Autosave may write the document meanwhile, so the app's own keys are not compared.
  const snapshot = () => page.evaluate(() => ({ title: document.title, marker: localStorage.getItem('isolation-marker'), owned: localStorage.getItem('owned'), cookie: document.cookie }));
  const before = await snapshot();
  expect(before).toMatchObject({ marker: 'kept', owned: null });
  const report = await page.evaluate(() => window.playground.runCell('attack'));
  expect(report.errors).toEqual([]);
  // The output's own frame, inside the frame page.
  const frame = outputOf(page, 'attack').frameLocator('iframe').locator('iframe');
  const sandbox = await frame.getAttribute('sandbox');
  expect(sandbox).toBe('allow-scripts');
  expect(sandbox).not.toContain('allow-same-origin');
  // The frame shows that every attempt failed.
  const attempts = outputFrame(outputOf(page, 'attack')).locator('li');
  await expect(attempts).toHaveCount(5);
  const outcomes = await attempts.evaluateAll((items) => items.map((item) => [item.getAttribute('data-attempt'), item.textContent]));
  expect(outcomes.map(([name]) => name)).toEqual(['parent document', 'parent localStorage', 'own localStorage', 'indexedDB', 'cookie']);
  for (const [name, outcome] of outcomes) expect(outcome, name ?? '').toMatch(/^blocked: SecurityError$/);
  // The app is untouched: its DOM, storage and cookies are as they were, and it still works.
  expect(await frame.evaluate((element: HTMLIFrameElement) => element.contentDocument)).toBeNull();
  expect(await snapshot()).toEqual(before);
  await expect(page.locator('body')).not.toHaveText('owned');
  await expect(page.getByTestId('run-all')).toBeVisible();
  expect((await page.evaluate(() => window.playground.runCell('attack'))).status).toBe('done');
});

/** The README's ```python and ```js examples under "Rich output". */
function readmeExamples(): { python: string; javascript: string } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('## Rich output');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const block = (language: string) => {
    const found = new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(section)?.[1];
    if (found === undefined) throw new Error(`the README has no ${language} example under "Rich output"`);
    return found.trimEnd();
  };
  return { python: block('python'), javascript: block('js') };
}

test("the README's rich output examples run as written", async ({ page }) => {
  const { python, javascript } = readmeExamples();
  await openDocument(page, tars({ kind: 'PYTHON', name: 'python', code: python }, { kind: 'JAVASCRIPT', name: 'javascript', code: javascript }));
  const report = await page.evaluate(() => window.playground.runAll());
  expect(report.cells.map((item) => item.errors)).toEqual([[], []]);
  const types = (name: string) => outputOf(page, name).getByTestId('display-output').evaluateAll((views) => views.map((view) => view.getAttribute('data-mime-type')));
  expect(await types('python')).toEqual(['text/html', 'application/json', 'application/json']);
  expect(await types('javascript')).toEqual(['image/svg+xml', 'application/json', 'application/json']);
  await expect(outputOf(page, 'python').getByRole('table')).toBeVisible();
  await expect(outputOf(page, 'javascript').getByRole('table')).toBeVisible();
  await expect(outputOf(page, 'javascript').getByTestId('json-tree')).toContainText('nested: Object {1 key}');
});
