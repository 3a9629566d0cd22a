import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult, UnifiedError } from '../../../src/engines/contract';
import { networkKeys } from '../../../src/engines/capabilities/classification';
import { pythonImportDenied, TIERS, type Tier } from '../../../src/engines/policy';
import { PythonEngine } from '../../../src/engines/python-engine';
import { packageUrlPermit } from '../../../src/engines/python/package-sources';
import { buildWheel, wheelFileName } from '../../support/wheel';

// One real Pyodide for the whole file, and a local server for a test wheel; every online
// source points at a closed port, so nothing here reaches beyond this machine.
const WHEEL = { name: 'tiny', version: '0.1.0', files: { 'tiny/__init__.py': 'def double(x):\n    return 2 * x\n' } };
let server: Server;
let wheelUrl: string;
/** One engine per tier: the runtime gives each tier change a fresh engine, and Restrictive's guard never comes off. */
let engine: PythonEngine;
let restrictive: PythonEngine;
let unrestricted: PythonEngine;

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
  const options = { packageBaseUrl: offline, pypiIndexUrl: `${offline}pypi/{package_name}/json` };
  [engine, restrictive, unrestricted] = [new PythonEngine(options), new PythonEngine(options), new PythonEngine(options)];
  await Promise.all([engine.init(), restrictive.init(), unrestricted.init()]);
  await restrictive.setPolicy(TIERS.restrictive);
  await unrestricted.setPolicy(TIERS.unrestricted);
});

afterAll(async () => {
  // The last engine to leave gives the global scope its network back, as it found it.
  await engine.dispose();
  await restrictive.dispose();
  await unrestricted.dispose();
  await new Promise((resolve) => server.close(resolve));
});

const ENGINES: Record<Tier, () => PythonEngine> = { restrictive: () => restrictive, standard: () => engine, unrestricted: () => unrestricted };

/** Runs code in the engine of a tier. */
function runUnder(tier: Tier, code: string): Promise<ExecutionResult> {
  return ENGINES[tier]().execute(code);
}

function onlyError(result: ExecutionResult): UnifiedError {
  expect(result.success).toBe(false);
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors;
  if (error === undefined) throw new Error('no error');
  return error;
}

function expectDenied(result: ExecutionResult, module: string, tier: Tier): void {
  expect(onlyError(result)).toMatchObject({ kind: 'policy', name: 'PolicyError', message: pythonImportDenied(module, TIERS[tier]) });
}

/** Whether any network name is left on Node's global scope or its prototypes. */
function networkNamesLeft(): string[] {
  const found: string[] = [];
  for (let owner: object | null = globalThis; owner !== null; owner = Reflect.getPrototypeOf(owner)) {
    for (const name of networkKeys()) if (Object.prototype.hasOwnProperty.call(owner, name)) found.push(name);
  }
  return found;
}

/** Every module the issue names as everyday Python; Standard must run a cell that imports each one. */
const EVERYDAY = [
  'random', 'time', 'statistics', 'sys', 'dataclasses', 'typing', 'string', 'textwrap', 'decimal', 'fractions', 'heapq', 'bisect', 'enum', 'csv', 'io', 'copy',
  'pprint', 'array', 'hashlib', 'base64', 'uuid', 'struct', 'difflib', 'unicodedata', 'itertools', 'functools', 'operator', 'math', 'datetime', 'json', 're',
  'collections', 'os.path', 'abc', 'contextlib', 'calendar', 'zoneinfo',
];
/** What Standard refuses, and what each probe imports. */
const OUTSIDE: [string, string][] = [
  ['socket', 'import socket'],
  ['ssl', 'import ssl'],
  ['http.client', 'import http.client'],
  ['urllib.request', 'from urllib.request import urlopen'],
  ['pyodide.http', 'from pyodide import http'],
  ['micropip', 'import micropip'],
];

describe('imports under Standard', () => {
  it('runs a cell that imports each everyday module, and uses a few', async () => {
    const code = [
      `import ${EVERYDAY.join(', ')}`,
      'import os, pathlib, sqlite3',
      '@dataclasses.dataclass',
      'class Point:',
      '    x: int',
      '    y: int',
      'random.seed(1)',
      '[statistics.mean([1, 2, 3]), str(fractions.Fraction(1, 3) * 3), str(decimal.Decimal("0.1") + decimal.Decimal("0.2")), heapq.nsmallest(2, [5, 1, 3]),',
      ' hashlib.sha256(b"a").hexdigest()[:8], base64.b64encode(b"hi").decode(), len(str(uuid.uuid4())), struct.pack("<H", 1).hex(),',
      ' dataclasses.astuple(Point(1, 2)), calendar.isleap(2024), os.path.join("a", "b"), sys.version_info[0], time.time() > 0,',
      ' list(csv.reader(io.StringIO("a,b"))), textwrap.shorten("hello world again", 12), bisect.bisect([1, 3], 2), random.randint(1, 6) in range(1, 7)]',
    ].join('\n');
    const result = await runUnder('standard', code);
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([2, '1', '0.3', [1, 3], 'ca978112', 'aGk=', 36, '0100', [1, 2], true, 'a/b', 3, true, [['a', 'b']], 'hello [...]', 1, true]);
  });

  it('gives the document its folder: os, pathlib, csv and sqlite3 on the virtual file system', async () => {
    const code = [
      'import os, pathlib, csv, sqlite3',
      'pathlib.Path("data").mkdir(exist_ok=True)',
      'with open("data/rows.csv", "w", newline="") as f:',
      '    csv.writer(f).writerows([["a", 1], ["b", 2]])',
      'db = sqlite3.connect("data/rows.db")',
      'db.execute("create table if not exists t (k text, v int)")',
      'db.executemany("insert into t values (?, ?)", list(csv.reader(open("data/rows.csv"))))',
      'total = db.execute("select sum(v) from t").fetchone()[0]',
      'db.close()',
      '[os.getcwd(), sorted(os.listdir("data")), total]',
    ].join('\n');
    const result = await runUnder('standard', code);
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual(['/home/pyodide/document', ['rows.csv', 'rows.db'], 3]);
  });

  it('imports the rest of the pure-computation standard library too: only the deny-list is refused', async () => {
    // Every public module of the standard library, imported by user code; modules Pyodide does
    // not ship fail as missing, which is not the policy.
    const code = [
      'import sys',
      'skip = {"antigravity", "this", "idlelib", "turtledemo", "tkinter", "turtle"}',
      'refused, imported = [], 0',
      'for name in sorted(sys.stdlib_module_names):',
      '    if name.startswith("_") or name in skip:',
      '        continue',
      '    try:',
      '        __import__(name)',
      '        imported += 1',
      '    except ImportError as error:',
      '        if type(error).__name__ == "PolicyError":',
      '            refused.append(name)',
      '    except Exception:',
      '        pass',
      '[refused, imported]',
    ].join('\n');
    const result = await runUnder('standard', code);
    expect(result.errors).toEqual([]);
    const [refused, imported] = result.result as [string[], number];
    expect(refused).toEqual(['ftplib', 'imaplib', 'poplib', 'smtplib', 'socket', 'socketserver', 'ssl', 'webbrowser']);
    expect(imported).toBeGreaterThan(150);
  });

  it('has zoneinfo, though Pyodide ships no time zone data without the tzdata package', async () => {
    const result = await runUnder('standard', 'import zoneinfo\ntry:\n    zoneinfo.ZoneInfo("UTC")\n    found = "found"\nexcept zoneinfo.ZoneInfoNotFoundError:\n    found = "no tzdata"\nfound');
    expect(result.errors).toEqual([]);
    expect(result.result).toBe('no tzdata');
  });

  for (const [module, code] of OUTSIDE) {
    it(`refuses ${module}, naming it and saying how to allow it; Unrestricted allows it`, async () => {
      const error = onlyError(await runUnder('standard', code));
      expect(error).toMatchObject({ kind: 'policy', name: 'PolicyError', message: pythonImportDenied(module, TIERS.standard) });
      expect(error.message).toContain('Choose Unrestricted from the policy menu');
      // micropip is not in Pyodide's npm package: Unrestricted gets past the policy to a missing module.
      const allowed = await runUnder('unrestricted', code);
      if (module === 'micropip') expect(onlyError(allowed)).toMatchObject({ kind: 'runtime', name: 'ModuleNotFoundError' });
      else expect(allowed.errors).toEqual([]);
    });
  }

  it('refuses js and pyodide_js, and allows pyodide.ffi', async () => {
    for (const module of ['js', 'pyodide_js']) expectDenied(await runUnder('standard', `import ${module}`), module, 'standard');
    expect((await runUnder('standard', 'from pyodide.ffi import to_js\nto_js([1]).length')).result).toBe(1);
  });

  it('checks the imports of the user\'s own files, which load with the user builtins', async () => {
    await engine.writeFile('/home/pyodide/document/sneaky.py', 'import socket\n');
    await engine.writeFile('/home/pyodide/document/tidy.py', 'import json\nDUMPED = json.dumps([1])\n');
    expectDenied(await engine.execute('import sneaky'), 'socket', 'standard');
    const tidy = await engine.execute('import tidy\ntidy.DUMPED');
    expect(tidy.errors).toEqual([]);
    expect(tidy.result).toBe('[1]');
  });
});

describe('imports under Restrictive', () => {
  it('denies os, naming the module, the tier and how to allow it, at the line of the import', async () => {
    const result = await runUnder('restrictive', 'x = 1\nimport os');
    expectDenied(result, 'os', 'restrictive');
    expect(result.errors[0]?.line).toBe(2);
    expect(result.errors[0]?.message).toBe("import of 'os' is not allowed under the restrictive policy. Choose Standard or Unrestricted from the policy menu to allow it.");
  });

  it('allows math, datetime, json, re and collections, with the internals they need', async () => {
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

  const statements: [string, string, string][] = [
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
    ['import pyodide.ffi', 'import pyodide.ffi', 'pyodide.ffi'],
    ['import pyodide.http', 'import pyodide.http', 'pyodide.http'],
    ['import pyodide_js', 'import pyodide_js', 'pyodide_js'],
  ];
  for (const [label, code, module] of statements) {
    it(`denies ${label}`, async () => {
      expectDenied(await runUnder('restrictive', code), module, 'restrictive');
    });
  }

  it('keeps the checks and display() after a reset', async () => {
    await restrictive.reset();
    expectDenied(await restrictive.execute('import os'), 'os', 'restrictive');
    const shown = await restrictive.execute('display({"text/html": "<b>hi</b>"})\nprint(type(__builtins__).__name__)');
    expect(shown.errors).toEqual([]);
    expect(shown.output).toEqual([
      { stream: 'display', data: { 'text/html': '<b>hi</b>' } },
      { stream: 'stdout', text: 'dict\n' },
    ]);
  });

  it('stays Restrictive: a higher tier is refused, as the guard cannot come off', async () => {
    await expect(restrictive.setPolicy(TIERS.standard)).rejects.toThrow('a fresh engine is needed for the standard policy');
    expectDenied(await restrictive.execute('import os'), 'os', 'restrictive');
  });
});

describe('files', () => {
  it('open() is denied under Restrictive, naming the tier; there is no document folder', async () => {
    const error = onlyError(await runUnder('restrictive', 'open("notes.txt", "w")'));
    expect(error).toMatchObject({ kind: 'policy', name: 'FilePolicyError', message: 'file access is not allowed under the restrictive policy' });
    await expect(restrictive.writeFile('notes.txt', 'x')).rejects.toThrow('files are not available under the restrictive policy');
    await expect(restrictive.listFiles()).rejects.toThrow('files are not available under the restrictive policy');
  });

  it('open() works under Standard', async () => {
    const result = await runUnder('standard', 'with open("notes.txt", "w") as f:\n    f.write("kept")\nopen("notes.txt").read()');
    expect(result.errors).toEqual([]);
    expect(result.result).toBe('kept');
  });
});

describe('network and storage', () => {
  it('takes them off the global scope under Restrictive and Standard, and gives them back under Unrestricted', async () => {
    await restrictive.setPolicy(TIERS.restrictive);
    expect(networkNamesLeft()).toEqual([]);
    await engine.setPolicy(TIERS.standard);
    expect(networkNamesLeft()).toEqual([]);
    await unrestricted.setPolicy(TIERS.unrestricted);
    expect(networkNamesLeft()).toContain('fetch');
    expect(typeof globalThis.fetch).toBe('function');
  });

  it('leaves js.fetch missing under Restrictive even for code that reached js another way', async () => {
    await restrictive.setPolicy(TIERS.restrictive);
    const result = await restrictive.execute('import collections\njs = collections._sys.modules["js"]\n[hasattr(js, "fetch"), hasattr(js.Object.getPrototypeOf(js), "fetch")]');
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([false, false]);
    const error = onlyError(await restrictive.execute('js.fetch("http://127.0.0.1:9/")'));
    expect(error).toMatchObject({ kind: 'runtime', name: 'AttributeError' });
    // The same probe sees fetch where the tier allows it.
    await unrestricted.setPolicy(TIERS.unrestricted);
    expect((await unrestricted.execute('import js\nhasattr(js, "fetch")')).result).toBe(true);
  });

  it('still installs a wheel by URL under Restrictive, and takes fetch away again after', async () => {
    await restrictive.setPolicy(TIERS.restrictive);
    const installed = await restrictive.installPackage(wheelUrl);
    expect(installed).toMatchObject({ success: true, installed: [{ name: 'tiny', version: '0.1.0' }] });
    expect(networkNamesLeft()).toEqual([]);
    // Installed into Python's library, which stays closed to writes once the install is over.
    const write = onlyError(await restrictive.execute('import collections\nos = collections._sys.modules["os"]\nos.mkdir("/lib/python3.14/site-packages/planted")'));
    expect(write).toMatchObject({ kind: 'policy', name: 'PermissionError' });
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
  // Engines of their own: these grow the heap, which wasm never gives back.
  let tight: PythonEngine;
  beforeAll(async () => {
    tight = new PythonEngine({ packageBaseUrl: null, pypiIndexUrl: null });
    await tight.init();
  });
  afterAll(() => tight.dispose());
  const BOMB = 'b = bytearray()\nwhile True:\n    b += bytearray(8 * 1024 * 1024)';

  it('stops a run that grows past the limit with a memory error naming the limit and the tier', async () => {
    await tight.setPolicy({ ...TIERS.restrictive, memoryLimitBytes: 64 * 1024 * 1024 });
    const result = await tight.execute(BOMB, { cellId: 'bomb' });
    const error = onlyError(result);
    expect(error).toMatchObject({ kind: 'memory', name: 'MemoryError', cellId: 'bomb', line: 3 });
    expect(error.message).toContain('64 MB');
    expect(error.message).toContain('restrictive');
    expect(result.memoryBytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    // The heap was not let past the limit, so Python still runs.
    const after = await tight.execute('del b\n6 * 7');
    expect(after.result).toBe(42);
  });

  it('stops a single allocation past the limit inside C, and one that catches the MemoryError', async () => {
    await tight.setPolicy(TIERS.restrictive);
    expect(onlyError(await tight.execute('x = bytearray(10**9)'))).toMatchObject({ kind: 'memory', name: 'MemoryError' });
    const swallowed = await tight.execute('try:\n    x = [0] * 10**8\nexcept MemoryError:\n    pass');
    expect(onlyError(swallowed)).toMatchObject({ kind: 'memory', name: 'MemoryError' });
  });

  it('lets a larger run through under a tier with room for it, and then reports the heap past a lower limit', async () => {
    const roomy = new PythonEngine({ packageBaseUrl: null, pypiIndexUrl: null });
    await roomy.setPolicy(TIERS.standard);
    const result = await roomy.execute('x = bytearray(80 * 1024 * 1024)\nlen(x) // 2**20\n');
    expect(result.errors).toEqual([]);
    expect(result.result).toBe(80);
    await roomy.execute('del x');
    // Wasm memory never shrinks: the heap stays past Restrictive's limit, and the run says so.
    await roomy.setPolicy(TIERS.restrictive);
    const error = onlyError(await roomy.execute('1 + 1'));
    expect(error).toMatchObject({ kind: 'memory', name: 'MemoryError' });
    expect(error.message).toContain('restrictive');
    await roomy.dispose();
  });
});
