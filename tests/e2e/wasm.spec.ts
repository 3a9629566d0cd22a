/**
 * WASM cells in the browser: a WAT module compiled on the page, called from Python and
 * JavaScript (i64 included), its memory shared between the two, traps and a grow past the
 * policy's cap as clear errors, WAT errors with their position, and an attached .wasm binary.
 */
import loadWabt from 'wabt';
import { MATH_WAT } from '../support/math-wat';
import { cell, openDocument } from './documents';
import { expect, test } from './fixtures';


/** A document: a WASM cell, then the given Python and JavaScript cells. */
function documentWith(...cells: readonly [kind: 'PYTHON' | 'JAVASCRIPT' | 'WASM', name: string, code: string][]): string {
  const block = ([kind, name, code]: readonly [string, string, string]) => `${kind} ${name} {\n${code.split('\n').map((line) => (line === '' ? '' : `    ${line}`)).join('\n')}\n}\n`;
  return [block(['WASM', 'mathmod', MATH_WAT]), ...cells.map(block)].join('\n');
}

const output = (page: Parameters<typeof cell>[0], name: string) => cell(page, name).getByTestId('cell-output');

test('a WAT module exporting add and fib is called from Python and JavaScript, i64 included', async ({ page }) => {
  await openDocument(
    page,
    documentWith(
      ['PYTHON', 'from_python', 'print(mathmod.add(2, 3), mathmod.fib(10), mathmod.fib(90))\nprint(type(mathmod.fib(90)).__name__, mathmod.fib(90) == 2880067194370816120)'],
      ['JAVASCRIPT', 'from_javascript', 'console.log(mathmod.add(2, 3), mathmod.fib(10), mathmod.fib(90n))\nconsole.log(typeof mathmod.fib(90), mathmod.fib(90) === 2880067194370816120n)'],
    ),
  );
  await page.getByTestId('run-all').click();
  await expect(output(page, 'mathmod')).toContainText('add(i32, i32) → i32');
  await expect(output(page, 'mathmod')).toContainText('fib(i64) → i64');
  await expect(output(page, 'from_python')).toHaveText('5 55 2880067194370816120\nint True');
  await expect(output(page, 'from_javascript')).toHaveText('5 55n 2880067194370816120n\nbigint true');
});

test('bytes Python writes into the module memory are the bytes JavaScript reads, and back', async ({ page }) => {
  await openDocument(
    page,
    documentWith(
      ['PYTHON', 'write', 'mathmod.memory[1000:1010] = "héllo ✓".encode()\nprint(bytes(mathmod.memory[1000:1010]))'],
      ['JAVASCRIPT', 'read', 'const seen = mathmod.memory.read(1000, 10);\nconsole.log(Array.from(seen).join(","));\nmathmod.memory.write(2000, new Uint8Array([7, 7, 7]))'],
      ['PYTHON', 'read_back', 'print(list(mathmod.memory[2000:2003]), mathmod.memory.read(1000, 2))'],
    ),
  );
  await page.getByTestId('run-all').click();
  const written = [...new TextEncoder().encode('héllo ✓')];
  expect(written).toHaveLength(10);
  await expect(output(page, 'read')).toHaveText(written.join(','));
  await expect(output(page, 'read_back')).toHaveText("[7, 7, 7] b'h\\xc3'");
});

test('a trap and a grow past the cap give clear errors, and the document keeps working', async ({ page }) => {
  await openDocument(
    page,
    documentWith(
      ['PYTHON', 'trap', 'mathmod.divide(1, 0)'],
      ['JAVASCRIPT', 'grow', 'mathmod.memory.grow(5000)'],
      ['PYTHON', 'inside', '# Inside the module, memory.grow past its maximum fails as the spec says: -1.\nprint(mathmod.grow_inside(5000), len(mathmod.memory))'],
      ['JAVASCRIPT', 'after', 'console.log(mathmod.add(40, 2))'],
    ),
  );
  await page.getByTestId('run-all').click();
  await expect(cell(page, 'trap')).toHaveAttribute('data-status', 'error');
  await expect(output(page, 'trap')).toContainText('WasmTrap: mathmod.divide trapped: divide by zero');
  const [trap] = await page.evaluate(() => window.playground.cells().find((report) => report.name === 'trap')?.errors ?? []);
  expect(trap).toMatchObject({ language: 'python', kind: 'runtime', name: 'WasmTrap' });

  // Run all stops at the first error; the rest runs one by one.
  await page.evaluate(() => window.playground.runCell('grow'));
  await expect(output(page, 'grow')).toContainText("WasmMemoryError: mathmod.memory cannot grow to 5001 pages (312.6 MiB): the limit is 4096 pages (256 MiB), the policy's memory limit");
  const [grow] = await page.evaluate(() => window.playground.cells().find((report) => report.name === 'grow')?.errors ?? []);
  expect(grow).toMatchObject({ language: 'javascript', kind: 'memory', name: 'WasmMemoryError' });

  expect((await page.evaluate(() => window.playground.runCell('inside'))).output).toBe('-1 65536\n');
  expect((await page.evaluate(() => window.playground.runCell('after'))).output).toBe('42\n');
  // Python's own engine was not restarted for the module's memory error: its state is there.
  expect((await page.evaluate(() => window.playground.audit())).filter((entry) => entry.kind === 'restart')).toEqual([]);
});

test('a module whose memory starts past the cap is refused when it compiles', async ({ page }) => {
  await openDocument(page, 'CONFIG {\n    memory: 64\n}\n\nWASM huge {\n    (module (memory 2000))\n}\n');
  await page.getByTestId('run-all').click();
  await expect(output(page, 'huge')).toContainText("WasmMemoryError: the module's memory starts at 2000 pages (125 MiB), over the policy's limit of 1024 pages (64 MiB)");
});

test('a WAT syntax error carries its line and column, marks the line, and leaves the other cells running', async ({ page }) => {
  await openDocument(page, 'WASM broken {\n    (module\n      (func (export "x") (result i32)\n        i32.const 1\n        i32.ad))\n}\n\nJAVASCRIPT fine {\n    console.log("still here")\n}\n');
  await page.evaluate(() => window.playground.runCell('broken'));
  const [error] = await page.evaluate(() => window.playground.cells().find((report) => report.name === 'broken')?.errors ?? []);
  expect(error).toMatchObject({ language: 'wasm', kind: 'syntax', name: 'CompileError', line: 4, column: 5 });
  expect(error?.message).toContain('unexpected token i32.ad');
  await expect(output(page, 'broken')).toContainText('line 4:5');
  await expect(cell(page, 'broken').locator('.cm-error-line')).toHaveCount(1);
  expect((await page.evaluate(() => window.playground.runCell('fine'))).output).toBe('still here\n');
});

test('an attached .wasm binary is kept as base64 in the document, round-trips, and is called like WAT', async ({ page }) => {
  const wabt = await loadWabt();
  const parsed = wabt.parseWat('triple.wat', '(module (func (export "triple") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3))))');
  const binary = Buffer.from(parsed.toBinary({}).buffer);
  parsed.destroy();
  await openDocument(page, 'WASM triple {\n    (module)\n}\n\nPYTHON use {\n    print(triple.triple(2**62 // 3))\n}\n');
  await cell(page, 'triple').getByTestId('wasm-file').setInputFiles({ name: 'triple.wasm', mimeType: 'application/wasm', buffer: binary });
  await expect(cell(page, 'triple').getByTestId('wasm-binary')).toBeVisible();
  const text = await page.evaluate(() => window.playground.text());
  expect(text).toContain(`WASM triple (binary) {\n    ${binary.toString('base64')}\n}`);
  await page.getByTestId('run-all').click();
  await expect(output(page, 'use')).toHaveText(String((2n ** 62n / 3n) * 3n));
  // The document reloads as it was written.
  await page.evaluate((source) => {
    window.playground.load(source, { trusted: true });
  }, text);
  expect(await page.evaluate(() => window.playground.text())).toBe(text);
});
