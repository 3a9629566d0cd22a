import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult, UnifiedError } from '../../../src/engines/contract';
import { networkKeys } from '../../../src/engines/capabilities/classification';
import { importDenied, TIERS, type Tier } from '../../../src/engines/policy';
import { PythonEngine } from '../../../src/engines/python-engine';
import { packageUrlPermit } from '../../../src/engines/python/package-sources';
import { buildWheel, wheelFileName } from '../../support/wheel';

// One real Pyodide for the whole file, and a local server for a test wheel; every online
// source points at a closed port, so nothing here reaches beyond this machine.
const WHEEL = { name: 'tiny', version: '0.1.0', files: { 'tiny/__init__.py': 'def double(x):\n    return 2 * x\n' } };
let server: Server;
let wheelUrl: string;
let engine: PythonEngine;

beforeAll(async () => {
  const wheel = buildWheel(WHEEL);
  server = createServer((request, response) => {
    if (request.url === `/${wheelFileName(WHEEL)}`) response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(wheel);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  wheelUrl = `http://127.0.0.1:${port}/${wheelFileName(WHEEL)}`;
  const offline = 'http://127.0.0.1:9/';
  engine = new PythonEngine({ packageBaseUrl: offline, pypiIndexUrl: `${offline}pypi/{package_name}/json` });
  await engine.init();
});

afterAll(async () => {
  await engine.setPolicy(TIERS.unrestricted);
  await engine.dispose();
  await new Promise((resolve) => server.close(resolve));
});

/** Runs code under a tier, from a fresh set of globals. */
async function runUnder(tier: Tier, code: string): Promise<ExecutionResult> {
  await engine.setPolicy(TIERS[tier]);
  return engine.execute(code);
}

function onlyError(result: ExecutionResult): UnifiedError {
  expect(result.success).toBe(false);
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors;
  if (error === undefined) throw new Error('no error');
  return error;
}

function expectDenied(result: ExecutionResult, module: string, tier: Tier): void {
  expect(onlyError(result)).toMatchObject({ kind: 'policy', name: 'PolicyError', message: importDenied(module, tier) });
}

/** Whether any network name is left on Node's global scope or its prototypes. */
function networkNamesLeft(): string[] {
  const found: string[] = [];
  for (let owner: object | null = globalThis; owner !== null; owner = Reflect.getPrototypeOf(owner)) {
    for (const name of networkKeys()) if (Object.prototype.hasOwnProperty.call(owner, name)) found.push(name);
  }
  return found;
}

describe('imports under each tier', () => {
  it('starts under Standard', async () => {
    expectDenied(await engine.execute('import os'), 'os', 'standard');
  });

  it('Restrictive denies os, naming the module and the tier, at the line of the import', async () => {
    const result = await runUnder('restrictive', 'x = 1\nimport os');
    expectDenied(result, 'os', 'restrictive');
    expect(result.errors[0]?.line).toBe(2);
  });

  it('Restrictive allows math, datetime, json, re and collections, with the internals they need', async () => {
    const code = [
      'import math, datetime, json, re, collections',
      'from collections import Counter, OrderedDict',
      'pattern = re.compile(r"(\\w+)@(\\w+)")',
      '[json.dumps({"root": math.sqrt(16)}), list(pattern.match("ada@home").groups()),',
      ' Counter("abracadabra").most_common(1)[0][0], datetime.datetime.now().year > 2000,',
      ' json.loads("[1, 2]"), list(OrderedDict(a=1)),',
      // strftime and strptime import time and _strptime from C: internals, not the user's imports.
      ' f"{datetime.date(2024, 1, 2):%d %b}", datetime.datetime.strptime("2024", "%Y").year]',
    ].join('\n');
    const result = await runUnder('restrictive', code);
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual(['{"root": 4.0}', ['ada', 'home'], 'a', true, [1, 2], ['a'], '02 Jan', 2024]);
  });

  it('Standard adds itertools, functools and operator, and still denies os', async () => {
    const result = await runUnder('standard', 'import itertools, functools, operator\nfunctools.reduce(operator.add, itertools.chain([1, 2], [3]))');
    expect(result.errors).toEqual([]);
    expect(result.result).toBe(6);
    expectDenied(await engine.execute('import os'), 'os', 'standard');
    expectDenied(await engine.execute('import sys'), 'sys', 'standard');
  });

  it('Unrestricted allows os', async () => {
    const result = await runUnder('unrestricted', 'import os\nos.getcwd()');
    expect(result.errors).toEqual([]);
    expect(result.result).toBe('/home/pyodide/document');
  });
});

describe('ways around the import check', () => {
  const bypasses: [string, string, string][] = [
    ['from os import path', 'from os import path', 'os'],
    ['a dotted import', 'import os.path', 'os.path'],
    ['__import__', '__import__("os")', 'os'],
    ['the builtins of the globals', '__builtins__["__import__"]("os")', 'os'],
    ['exec', 'exec("import os")', 'os'],
    ['exec with fresh globals', 'exec("import os", {})', 'os'],
    ['eval of __import__', 'eval("__import__(\'os\')")', 'os'],
    ['importlib', 'import importlib', 'importlib'],
    ['import js', 'import js', 'js'],
    ['from js import fetch', 'from js import fetch', 'js'],
    ['import pyodide', 'import pyodide', 'pyodide'],
    ['import pyodide.http', 'import pyodide.http', 'pyodide.http'],
    ['import pyodide_js', 'import pyodide_js', 'pyodide_js'],
  ];
  for (const [label, code, module] of bypasses) {
    it(`denies ${label} under Restrictive`, async () => {
      expectDenied(await runUnder('restrictive', code), module, 'restrictive');
    });
  }

  it('denies an import inside a function defined in an earlier cell', async () => {
    await engine.setPolicy(TIERS.unrestricted);
    expect((await engine.execute('def later():\n    import os\n    return os.getcwd()\nlater()')).success).toBe(true);
    await engine.setPolicy(TIERS.restrictive);
    expectDenied(await engine.execute('later()'), 'os', 'restrictive');
  });

  it('denies js, pyodide and pyodide_js under Standard too', async () => {
    for (const module of ['js', 'pyodide', 'pyodide_js']) expectDenied(await runUnder('standard', `import ${module}`), module, 'standard');
  });

  it('checks the imports of the user\'s own files, which load with the user builtins', async () => {
    await engine.setPolicy(TIERS.standard);
    await engine.writeFile('/home/pyodide/document/sneaky.py', 'import os\nHOME = os.getcwd()\n');
    await engine.writeFile('/home/pyodide/document/tidy.py', 'import json\nDUMPED = json.dumps([1])\n');
    expectDenied(await engine.execute('import sneaky'), 'os', 'standard');
    const tidy = await engine.execute('import tidy\ntidy.DUMPED');
    expect(tidy.errors).toEqual([]);
    expect(tidy.result).toBe('[1]');
  });

  it('keeps the checks and display() after a reset', async () => {
    await engine.setPolicy(TIERS.restrictive);
    await engine.reset();
    expectDenied(await engine.execute('import os'), 'os', 'restrictive');
    const shown = await engine.execute('display({"text/html": "<b>hi</b>"})\nprint(type(__builtins__).__name__)');
    expect(shown.errors).toEqual([]);
    expect(shown.output).toEqual([
      { stream: 'display', data: { 'text/html': '<b>hi</b>' } },
      { stream: 'stdout', text: 'dict\n' },
    ]);
  });
});

describe('files', () => {
  it('open() is denied under Restrictive, naming the tier', async () => {
    const error = onlyError(await runUnder('restrictive', 'open("notes.txt", "w")'));
    expect(error).toMatchObject({ kind: 'policy', name: 'FilePolicyError', message: 'file access is not allowed under the restrictive policy' });
  });

  it('open() works under Standard', async () => {
    const result = await runUnder('standard', 'with open("notes.txt", "w") as f:\n    f.write("kept")\nopen("notes.txt").read()');
    expect(result.errors).toEqual([]);
    expect(result.result).toBe('kept');
  });
});

describe('network and storage', () => {
  it('takes them off the global scope under Restrictive and Standard, and gives them back under Unrestricted', async () => {
    await engine.setPolicy(TIERS.restrictive);
    expect(networkNamesLeft()).toEqual([]);
    await engine.setPolicy(TIERS.standard);
    expect(networkNamesLeft()).toEqual([]);
    await engine.setPolicy(TIERS.unrestricted);
    expect(networkNamesLeft()).toContain('fetch');
    expect(typeof globalThis.fetch).toBe('function');
  });

  it('leaves js.fetch missing even for code that got hold of js under Unrestricted', async () => {
    await engine.setPolicy(TIERS.unrestricted);
    expect((await engine.execute('import js\nhas_fetch = hasattr(js, "fetch")\nhas_fetch')).result).toBe(true);
    await engine.setPolicy(TIERS.restrictive);
    const result = await engine.execute('[hasattr(js, "fetch"), hasattr(js.Object.getPrototypeOf(js), "fetch")]');
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([false, false]);
    const error = onlyError(await engine.execute('js.fetch("http://127.0.0.1:9/")'));
    expect(error).toMatchObject({ kind: 'runtime', name: 'AttributeError' });
  });

  it('still installs a wheel by URL under Restrictive, and takes fetch away again after', async () => {
    await engine.setPolicy(TIERS.restrictive);
    const installed = await engine.installPackage(wheelUrl);
    expect(installed).toMatchObject({ success: true, installed: [{ name: 'tiny', version: '0.1.0' }] });
    expect(networkNamesLeft()).toEqual([]);
  });
});

describe('where package installs may fetch from', () => {
  const locations = { indexURL: 'https://app.example/pyodide/', baseUrl: 'https://cdn.example/full/', pypiIndexUrl: 'https://pypi.org/pypi/{package_name}/json' };

  it('permits the package folders and PyPI, and nothing else', () => {
    const permits = packageUrlPermit(locations, 'numpy');
    expect(permits('https://app.example/pyodide/numpy-2.0.whl')).toBe(true);
    expect(permits('https://cdn.example/full/numpy-2.0.whl')).toBe(true);
    expect(permits('https://pypi.org/pypi/numpy/json')).toBe(true);
    expect(permits('https://files.pythonhosted.org/packages/numpy.whl')).toBe(true);
    expect(permits('https://app.example/secret?leak=1')).toBe(false);
    expect(permits('https://elsewhere.example/pyodide/numpy-2.0.whl')).toBe(false);
  });

  it('permits a wheel by URL itself, and a private index only on its own origin', () => {
    const permits = packageUrlPermit({ baseUrl: null, pypiIndexUrl: 'https://index.example/simple/{package_name}/' }, 'https://wheels.example/tiny-0.1.0-py3-none-any.whl#sha256=00');
    expect(permits('https://wheels.example/tiny-0.1.0-py3-none-any.whl')).toBe(true);
    expect(permits('https://wheels.example/other.whl')).toBe(false);
    expect(permits('https://index.example/files/tiny.whl')).toBe(true);
    expect(permits('https://files.pythonhosted.org/packages/tiny.whl')).toBe(false);
  });
});

describe('memory', () => {
  const BOMB = 'b = bytearray()\nwhile True:\n    b += bytearray(8 * 1024 * 1024)';

  it('stops a run that grows past the limit with a memory error naming the limit and the tier', async () => {
    await engine.setPolicy({ ...TIERS.restrictive, memoryLimitBytes: 64 * 1024 * 1024 });
    const result = await engine.execute(BOMB, { cellId: 'bomb' });
    const error = onlyError(result);
    expect(error).toMatchObject({ kind: 'memory', name: 'MemoryError', cellId: 'bomb', line: 3 });
    expect(error.message).toContain('64 MB');
    expect(error.message).toContain('restrictive');
    expect(result.memoryBytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    // The heap was not let past the limit, so Python still runs.
    const after = await engine.execute('del b\n6 * 7');
    expect(after.result).toBe(42);
  });

  it('stops a single allocation past the limit inside C, and one that catches the MemoryError', async () => {
    await engine.setPolicy(TIERS.restrictive);
    expect(onlyError(await engine.execute('x = bytearray(10**9)'))).toMatchObject({ kind: 'memory', name: 'MemoryError' });
    const swallowed = await engine.execute('try:\n    x = [0] * 10**8\nexcept MemoryError:\n    pass');
    expect(onlyError(swallowed)).toMatchObject({ kind: 'memory', name: 'MemoryError' });
  });

  it('lets a larger run through under a tier with room for it, and then reports the heap past a lower limit', async () => {
    await engine.setPolicy(TIERS.standard);
    const result = await engine.execute('x = bytearray(80 * 1024 * 1024)\nlen(x) // 2**20\n');
    expect(result.errors).toEqual([]);
    expect(result.result).toBe(80);
    await engine.execute('del x');
    // Wasm memory never shrinks: the heap stays past Restrictive's limit, and the run says so.
    await engine.setPolicy(TIERS.restrictive);
    const error = onlyError(await engine.execute('1 + 1'));
    expect(error).toMatchObject({ kind: 'memory', name: 'MemoryError' });
    expect(error.message).toContain('restrictive');
  });
});
