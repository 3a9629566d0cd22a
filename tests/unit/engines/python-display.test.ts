import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonEngine } from '../../../src/engines/python-engine';
import { appendChunk } from '../../../src/engines/output-collector';
import type { MimeBundle, OutputChunk } from '../../../src/engines/contract';
import { FIGURE_PNG_BASE64, MATPLOTLIB_STAND_IN } from '../../support/matplotlib-stand-in';
import { TIERS } from '../../../src/engines/policy';

// One real Pyodide for the whole file: it takes seconds to start.
const engine = new PythonEngine();
const live: { chunk: OutputChunk; cellId: string | null }[] = [];
// Outside the document's folder, so the stand-in is a package like any installed one.
const STAND_IN_ROOT = '/tmp/stand-in';

beforeAll(async () => {
  await engine.init(undefined, (chunk, cellId) => live.push({ chunk, cellId }));
  // These tests are about display(), not the policy (see python-policy.test.ts): allow every module.
  await engine.setPolicy(TIERS.unrestricted);
});

afterAll(async () => {
  await engine.dispose();
});

/** The bundles a run displayed, in order. */
function displayed(output: readonly OutputChunk[]): MimeBundle[] {
  return output.flatMap((chunk) => (chunk.stream === 'display' ? [chunk.data] : []));
}

async function displayOf(expression: string, setup = ''): Promise<MimeBundle | undefined> {
  const result = await engine.execute(`${setup}\ndisplay(${expression})`);
  expect(result.errors).toEqual([]);
  const bundles = displayed(result.output);
  expect(bundles).toHaveLength(1);
  return bundles[0];
}

describe('display() in Python', () => {
  it('is a builtin: cells use it without an import, in order with printed text, and it streams', async () => {
    const result = await engine.execute('print("before")\ndisplay({"text/html": "<b>hi</b>"})\nprint("after")', { cellId: 'order' });
    expect(result.output).toEqual([
      { stream: 'stdout', text: 'before\n' },
      { stream: 'display', data: { 'text/html': '<b>hi</b>' } },
      { stream: 'stdout', text: 'after\n' },
    ]);
    // Live text comes in smaller pieces; merged as the notebook merges it, it is the same.
    const merged: OutputChunk[] = [];
    for (const entry of live.filter((item) => item.cellId === 'order')) appendChunk(merged, entry.chunk);
    expect(merged).toEqual(result.output);
    expect(result.result).toBeNull();
    expect(result.exports).toEqual([]);
  });

  it('shows each of several objects as its own bundle', async () => {
    const result = await engine.execute('display(1, "two")');
    expect(displayed(result.output)).toEqual([{ 'text/plain': '1' }, { 'text/plain': "'two'" }]);
  });

  it('takes a dict of MIME types as a bundle: bytes of images in base64, SVG bytes as text, JSON values as JSON', async () => {
    const bundle = await displayOf('{"image/png": bytes([137, 80, 78, 71]), "image/svg+xml": b"<svg/>", "application/json": {"a": [1, 2]}, "text/plain": "four bytes"}');
    expect(bundle).toEqual({ 'image/png': 'iVBORw==', 'image/svg+xml': '<svg/>', 'application/json': '{"a": [1, 2]}', 'text/plain': 'four bytes' });
  });

  it('shows objects with _repr_html_, _repr_svg_ and _repr_png_ in those forms, with their repr', async () => {
    const setup = [
      'class Rich:',
      '    def _repr_html_(self): return "<i>rich</i>"',
      '    def _repr_svg_(self): return "<svg></svg>"',
      '    def _repr_png_(self): return b"png"',
      '    def _repr_markdown_(self): return None',
      '    def __repr__(self): return "Rich()"',
    ].join('\n');
    expect(await displayOf('Rich()', setup)).toEqual({ 'text/plain': 'Rich()', 'text/html': '<i>rich</i>', 'image/svg+xml': '<svg></svg>', 'image/png': 'cG5n' });
  });

  it('takes _repr_mimebundle_ and a _repr_png_ that is already base64 text', async () => {
    const setup = [
      'class Bundled:',
      '    def _repr_mimebundle_(self, include=None, exclude=None): return {"text/html": "<p>b</p>"}, {}',
      '    def _repr_png_(self): return "AAAA"',
      '    def __repr__(self): return "Bundled()"',
    ].join('\n');
    expect(await displayOf('Bundled()', setup)).toEqual({ 'text/plain': 'Bundled()', 'text/html': '<p>b</p>', 'image/png': 'AAAA' });
  });

  it('reports a _repr_html_ that raises on stderr and shows the repr', async () => {
    const result = await engine.execute('class Broken:\n    def _repr_html_(self): raise ValueError("no html")\n    def __repr__(self): return "Broken()"\ndisplay(Broken())');
    expect(result.success).toBe(true);
    expect(result.output).toEqual([
      { stream: 'stderr', text: 'display: Broken._repr_html_() raised ValueError: no html\n' },
      { stream: 'display', data: { 'text/plain': 'Broken()' } },
    ]);
  });

  it('gives lists of records and other JSON containers as JSON text and repr', async () => {
    const records = await displayOf('[{"name": "Ada", "year": 1815}, {"name": "Alan", "born": (1912, 6)}]');
    expect(records).toEqual({
      'application/json': '[{"name": "Ada", "year": 1815}, {"name": "Alan", "born": [1912, 6]}]',
      'text/plain': "[{'name': 'Ada', 'year': 1815}, {'name': 'Alan', 'born': (1912, 6)}]",
    });
    const nested = await displayOf('{"outer": {"inner": [True, None, 2.5, "é"]}}');
    expect(JSON.parse(nested?.['application/json'] ?? 'null')).toEqual({ outer: { inner: [true, null, 2.5, 'é'] } });
  });

  it('shows what JSON cannot hold as its repr only', async () => {
    expect(await displayOf('{1: "one"}')).toEqual({ 'text/plain': "{1: 'one'}" });
    expect(await displayOf('[float("nan")]')).toEqual({ 'text/plain': '[nan]' });
    expect(await displayOf('{"when": object}')).toEqual({ 'text/plain': "{'when': <class 'object'>}" });
    expect(await displayOf('42')).toEqual({ 'text/plain': '42' });
  });

  it('shows a class as its repr, not through its unbound _repr_html_', async () => {
    const bundle = await displayOf('Rich', 'class Rich:\n    def _repr_html_(self): return "<i>rich</i>"');
    expect(Object.keys(bundle ?? {})).toEqual(['text/plain']);
  });

  it('also displays a last expression that has rich forms, keeping its result text', async () => {
    const result = await engine.execute('class Card:\n    def _repr_html_(self): return "<div>card</div>"\n    def __repr__(self): return "Card()"\nCard()');
    expect(displayed(result.output)).toEqual([{ 'text/plain': 'Card()', 'text/html': '<div>card</div>' }]);
    expect(result.resultText).toBe('Card()');
    const plain = await engine.execute('{"a": [1, 2]}');
    expect(displayed(plain.output)).toEqual([]);
    expect(plain.resultText).toBe("{'a': [1, 2]}");
  });

  it('is still there after the globals are reset', async () => {
    await engine.reset();
    expect(displayed((await engine.execute('display("again")')).output)).toEqual([{ 'text/plain': "'again'" }]);
  });
});

describe('matplotlib figures', () => {
  beforeAll(async () => {
    // A stand-in for matplotlib (see tests/support/matplotlib-stand-in.ts): the real one
    // cannot be downloaded here.
    for (const [path, source] of Object.entries(MATPLOTLIB_STAND_IN.files)) await engine.writeFile(`${STAND_IN_ROOT}/${path}`, source);
    await engine.configureEnvironment({ pythonPath: [STAND_IN_ROOT] });
  });

  it('use the Agg backend, and plt.show() displays every open figure as PNG, in place, and closes it', async () => {
    const code = [
      'import matplotlib, matplotlib.pyplot as plt',
      'print(matplotlib.get_backend())',
      'plt.figure()',
      'plt.plot([1, 2, 3])',
      'plt.figure()',
      'plt.show()',
      'print("open after show:", plt.get_fignums())',
    ].join('\n');
    const result = await engine.execute(code);
    expect(result.errors).toEqual([]);
    const figure = (number: number, lines: number) => ({ stream: 'display', data: { 'image/png': FIGURE_PNG_BASE64, 'text/plain': `<Figure ${number} with ${lines} lines>` } });
    expect(result.output).toEqual([{ stream: 'stdout', text: 'Agg\n' }, figure(1, 1), figure(2, 0), { stream: 'stdout', text: 'open after show: []\n' }]);
  });

  it('left open when a cell ends are displayed after its output and closed', async () => {
    const result = await engine.execute('import matplotlib.pyplot as plt\nplt.plot([4, 5])\nprint("drawn")');
    expect(result.output.map((chunk) => chunk.stream)).toEqual(['stdout', 'display']);
    expect(displayed(result.output)[0]?.['image/png']).toBe(FIGURE_PNG_BASE64);
    expect((await engine.execute('plt.get_fignums()')).result).toEqual([]);
  });

  it('are displayed once when shown with display() or as the last expression', async () => {
    const shown = await engine.execute('import matplotlib.pyplot as plt\nfigure = plt.figure()\ndisplay(figure)');
    expect(displayed(shown.output)).toEqual([{ 'image/png': FIGURE_PNG_BASE64, 'text/plain': '<Figure 1 with 0 lines>' }]);
    const last = await engine.execute('plt.figure()');
    expect(displayed(last.output)).toEqual([{ 'image/png': FIGURE_PNG_BASE64, 'text/plain': '<Figure 1 with 0 lines>' }]);
  });
});
