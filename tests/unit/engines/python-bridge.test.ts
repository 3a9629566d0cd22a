import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonEngine } from '../../../src/engines/python-engine';
import { ConversionError, type NeutralValue } from '../../../src/engines/value';
import { buildWheel, wheelFileName } from '../../support/wheel';
import { TIERS } from '../../../src/engines/policy';

// A local server for test wheels, and a closed port standing in for every online source,
// so that nothing here reaches beyond this machine.
const GREET = { name: 'greet', version: '1.2.3', files: { 'greet/__init__.py': '"""Says hello.\n\nMore text."""\n__version__ = "1.2.3"\n\ndef hello(name):\n    return f"hello {name}"\n\nclass Greeter:\n    pass\n' } };
let server: Server;
let wheelUrl: string;
let offline: string;
let engine: PythonEngine;

beforeAll(async () => {
  const wheel = buildWheel(GREET);
  server = createServer((request, response) => {
    if (request.url === `/${wheelFileName(GREET)}`) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(wheel);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  wheelUrl = `http://127.0.0.1:${port}/${wheelFileName(GREET)}`;
  // Port 9 (discard) is closed here: connections are refused at once, as offline.
  offline = 'http://127.0.0.1:9/';
  engine = new PythonEngine({ packageBaseUrl: offline, pypiIndexUrl: `${offline}pypi/{package_name}/json` });
  await engine.init();
  // These tests are about the bridge, not the policy (see python-policy.test.ts): allow every module.
  await engine.setPolicy(TIERS.unrestricted);
});

afterAll(async () => {
  await engine.dispose();
  await new Promise((resolve) => server.close(resolve));
});

/** Every result must cross postMessage: a PyProxy left inside would make this throw. */
function cloned<T>(value: T): T {
  return structuredClone(value);
}

describe('values between Python and the neutral model', () => {
  const roundTrips: [string, string, unknown][] = [
    ['None', 'None', null],
    ['bool', 'True', true],
    ['int', '42', 42],
    ['int past 2^53', '2**53 + 1', 2n ** 53n + 1n],
    ['negative int past 2^53', '-(2**64)', -(2n ** 64n)],
    ['float', '2.5', 2.5],
    ['NaN', 'float("nan")', NaN],
    ['infinity', 'float("inf")', Infinity],
    ['minus infinity', 'float("-inf")', -Infinity],
    ['str with astral characters', '"orbit 🪐 𝔘"', 'orbit 🪐 𝔘'],
    ['bytes', 'b"\\x00\\xffab"', new Uint8Array([0, 255, 97, 98])],
    ['bytearray', 'bytearray(b"hi")', new Uint8Array([104, 105])],
    ['list', '[1, [2, [3]]]', [1, [2, [3]]]],
    ['tuple', '(1, "a")', [1, 'a']],
    ['dict with str keys', '{"b": 1, "a": {"c": None}}', { b: 1, a: { c: null } }],
    ['dict with other keys', '{1: "one", (2): "two"}', new Map([[1, 'one'], [2, 'two']])],
    ['set', '{1, 2}', new Set([1, 2])],
    ['aware datetime', 'datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)', new Date(Date.UTC(2024, 0, 2, 3, 4, 5))],
    ['naive datetime, taken as UTC', 'datetime.datetime(2024, 1, 2)', new Date(Date.UTC(2024, 0, 2))],
  ];

  it.each(roundTrips)('converts %s from Python', async (_, expression, expected) => {
    const result = await engine.execute(`import datetime\nvalue = ${expression}\nvalue`);
    expect(result.errors).toEqual([]);
    expect(cloned(result.result)).toEqual(expected);
    expect(await engine.getVariable('value')).toEqual(expected);
  });

  it('moves typed arrays as array.array of the same element type, whole buffers at a time', async () => {
    const big = new Float64Array(10 * 1024 * 128).map((_, index) => index / 3); // 10 MB
    await engine.setVariable('samples', big);
    const described = await engine.execute('import array\n[type(samples).__name__, samples.typecode, len(samples), samples[3]]');
    expect(described.result).toEqual(['array', 'd', big.length, 1]);
    expect(await engine.getVariable('samples')).toEqual(big);
    const ints = await engine.execute('array.array("i", [-1, 2, 3])');
    expect(ints.result).toEqual(new Int32Array([-1, 2, 3]));
    await engine.setVariable('wide', new BigInt64Array([-(2n ** 63n)]));
    expect((await engine.execute('wide.typecode, wide[0] == -(2**63)')).result).toEqual(['q', true]);
  });

  it('keeps -0.0 and the order of dict keys', async () => {
    const value = await engine.getVariable('value');
    expect(value).toBeDefined();
    await engine.execute('negative_zero = -0.0\nordered = {"z": 1, "a": 2, "m": 3}');
    expect(Object.is(await engine.getVariable('negative_zero'), -0)).toBe(true);
    expect(Object.keys((await engine.getVariable('ordered')) as object)).toEqual(['z', 'a', 'm']);
  });

  it('sets every kind of neutral value as the matching Python value', async () => {
    const incoming = {
      nothing: null,
      flag: false,
      big: 2n ** 70n,
      ratio: -0,
      text: '🪐',
      raw: new Uint8Array([1, 2]),
      list: [1, 'x'],
      nested: { deep: [{ ok: true }] },
      keyed: new Map<NeutralValue, NeutralValue>([[1, 'one']]),
      members: new Set(['a']),
      when: new Date(Date.UTC(2020, 5, 1)),
    };
    await engine.setVariable('incoming', incoming);
    const described = await engine.execute(
      'import math\n[type(incoming[k]).__name__ for k in incoming] + [incoming["big"] == 2**70, math.copysign(1, incoming["ratio"]), incoming["when"].year]',
    );
    expect(described.result).toEqual(['NoneType', 'bool', 'int', 'float', 'str', 'bytes', 'list', 'dict', 'dict', 'set', 'datetime', true, -1, 2020]);
    expect(await engine.getVariable('incoming')).toEqual(incoming);
  });

  it('gives a conversion error for cycles and for values nested too deep', async () => {
    await engine.execute('cycle = []\ncycle.append(cycle)\ndeep = []\nlevel = deep\nfor _ in range(2000):\n    level.append([])\n    level = level[0]');
    await expect(engine.getVariable('cycle')).rejects.toThrow(ConversionError);
    await expect(engine.getVariable('deep')).rejects.toThrow(ConversionError);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    await expect(engine.setVariable('from_js', cyclic as never)).rejects.toThrow(/deeper than|cycle/);
  });

  it('keeps values that cannot cross in Python, with a conversion error when read', async () => {
    await engine.execute('def fn():\n    return 1');
    await expect(engine.getVariable('fn')).rejects.toThrow(/cannot cross/);
  });
});

describe('the bridge operations', () => {
  it('executeWithVariables sets the variables, then runs', async () => {
    const result = await engine.executeWithVariables('radius * 2', { radius: 21 });
    expect(cloned(result).result).toBe(42);
  });

  it('evaluateExpression evaluates one expression and refuses statements', async () => {
    expect((await engine.evaluateExpression('6 * 7')).result).toBe(42);
    const statement = await engine.evaluateExpression('x = 1');
    expect(statement.errors[0]).toMatchObject({ kind: 'syntax', name: 'SyntaxError' });
  });

  it('getVariables lists user globals with type, preview and callability, without modules or _private names', async () => {
    await engine.resetEnvironment();
    await engine.execute('import math\n_hidden = 1\ncount = 3\nlabel = "x" * 200\ndef area(r):\n    return math.pi * r * r');
    const variables = cloned(await engine.getVariables());
    expect(variables.map((info) => info.name)).toEqual(['count', 'label', 'area']);
    expect(variables[0]).toEqual({ name: 'count', type: 'int', preview: '3', isCallable: false });
    expect(variables[1]?.preview.length).toBeLessThanOrEqual(120);
    expect(variables[2]).toMatchObject({ name: 'area', type: 'function', isCallable: true });
    expect((await engine.getVariables(['label', 'area', 'math'])).map((info) => info.name)).toEqual(['label', 'area']);
  });

  it('importModule describes a module: version, first docstring line, functions and classes', async () => {
    const info = cloned(await engine.importModule('json'));
    expect(info.name).toBe('json');
    expect(info.description).toMatch(/JSON/);
    expect(info.functions).toEqual(expect.arrayContaining(['dumps', 'loads']));
    expect(info.classes).toEqual(expect.arrayContaining(['JSONDecoder', 'JSONEncoder']));
    await expect(engine.importModule('no_such_module_here')).rejects.toThrow(/No module named/);
  });

  it('installPackage installs a wheel by URL, and importModule and listPackages see it', async () => {
    const result = cloned(await engine.installPackage(wheelUrl));
    expect(result).toMatchObject({ success: true, installed: [{ name: 'greet', version: '1.2.3', source: 'wheel' }] });
    expect((await engine.execute('import greet\ngreet.hello("orbit")')).result).toBe('hello orbit');
    expect(await engine.importModule('greet')).toEqual({
      name: 'greet',
      version: '1.2.3',
      description: 'Says hello.',
      functions: ['hello'],
      classes: ['Greeter'],
    });
    const packages = cloned(await engine.listPackages());
    expect(packages).toEqual(expect.arrayContaining([{ name: 'greet', version: '1.2.3', source: 'wheel' }]));
    expect(packages[0]).toMatchObject({ name: 'python-stdlib', source: 'stdlib' });
  });

  it('installPackage reports a lock-file package that cannot be fetched as unavailable offline', async () => {
    const result = cloned(await engine.installPackage('numpy'));
    expect(result.success).toBe(false);
    expect(result.message).toMatch(/^numpy is not available offline; vendor it with `npm run vendor:pyodide -- <folder of a full Pyodide release> numpy`/);
  });

  it('installPackage reports a PyPI name as unavailable offline when micropip cannot be had', async () => {
    const result = await engine.installPackage('some-pypi-only-package');
    expect(result.success).toBe(false);
    expect(result.message).toMatch(/some-pypi-only-package is not available offline/);
    expect(result.message).toMatch(/micropip/);
  });

  it('installPackage says a standard-library module needs no install', async () => {
    expect(await engine.installPackage('json')).toMatchObject({ success: true, installed: [] });
  });

  it('installPackage reports a wheel URL that is not there', async () => {
    const result = await engine.installPackage(wheelUrl.replace('greet-', 'missing-'));
    expect(result.success).toBe(false);
    expect(result.message).toMatch(/could not install .*missing-1\.2\.3-py3-none-any\.whl/);
  });

  it('isPackageAvailable answers without installing', async () => {
    expect(await engine.isPackageAvailable('json')).toBe(true);
    expect(await engine.isPackageAvailable('greet')).toBe(true);
    expect(await engine.isPackageAvailable(wheelUrl)).toBe(true);
    expect(await engine.isPackageAvailable('numpy')).toBe(false);
    expect(await engine.isPackageAvailable('some-pypi-only-package')).toBe(false);
    expect((await engine.execute('import sys\n"numpy" in sys.modules')).result).toBe(false);
  });

  it('configureEnvironment sets os.environ, the working directory and sys.path, and installs packages', async () => {
    await engine.writeFile('/home/pyodide/libs/helpers_on_path.py', 'ANSWER = 42\n');
    const result = await engine.configureEnvironment({
      environmentVariables: { ORBIT: 'low' },
      workingDirectory: '/home/pyodide/document/work',
      pythonPath: ['/home/pyodide/libs'],
      requiredPackages: ['json'],
    });
    expect(result.success).toBe(true);
    const check = await engine.execute('import os, sys, helpers_on_path\n[os.environ["ORBIT"], os.getcwd(), sys.path[0], helpers_on_path.ANSWER]');
    expect(check.result).toEqual(['low', '/home/pyodide/document/work', '/home/pyodide/libs', 42]);
    const failing = await engine.configureEnvironment({ requiredPackages: ['numpy'] });
    expect(failing.success).toBe(false);
    expect(failing.message).toMatch(/numpy is not available offline/);
  });

  it('executeFile runs a file of the virtual file system, with tracebacks in its own lines', async () => {
    await engine.writeFile('/home/pyodide/document/script.py', 'print("from a file")\nvalue = 1\nvalue / 0\n');
    const result = cloned(await engine.executeFile('/home/pyodide/document/script.py'));
    expect(result.output).toEqual([{ stream: 'stdout', text: 'from a file\n' }]);
    expect(result.errors[0]).toMatchObject({ name: 'ZeroDivisionError', line: 3, frames: [{ line: 3, cellId: '/home/pyodide/document/script.py' }] });
    const missing = await engine.executeFile('/home/pyodide/document/absent.py').catch((error: unknown) => error);
    expect(String(missing)).toMatch(/No such file/);
  });

  it('writeFile, readFile and listFiles work on the virtual file system', async () => {
    await engine.writeFile('/home/pyodide/document/data/raw.bin', new Uint8Array([1, 2, 3]));
    expect(await engine.readFile('/home/pyodide/document/data/raw.bin')).toEqual(new Uint8Array([1, 2, 3]));
    const files = cloned(await engine.listFiles('/home/pyodide/document/data'));
    expect(files).toEqual([{ path: '/home/pyodide/document/data/raw.bin', isDirectory: false, size: 3 }]);
    const opened = await engine.execute('open("/home/pyodide/document/data/raw.bin", "rb").read()');
    expect(opened.result).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('resetEnvironment gives fresh globals and re-imports user modules, keeping the interpreter', async () => {
    await engine.configureEnvironment({ workingDirectory: '/home/pyodide/document' });
    await engine.writeFile('/home/pyodide/document/settings.py', 'LEVEL = 1\n');
    await engine.execute('import sys\nsys.path.insert(0, "/home/pyodide/document")\nimport settings\nkept = settings.LEVEL');
    await engine.writeFile('/home/pyodide/document/settings.py', 'LEVEL = 2\n');
    await engine.resetEnvironment();
    expect(await engine.getVariable('kept')).toBeUndefined();
    expect((await engine.execute('import settings\nsettings.LEVEL')).result).toBe(2);
    // Modules from the runtime itself stay loaded.
    expect((await engine.execute('import sys\n"json" in sys.modules or "os" in sys.modules')).result).toBe(true);
  });

  it('getVersionInfo reports the real Python, Pyodide and emscripten versions', async () => {
    const info = cloned(await engine.getVersionInfo());
    expect(info.details.python).toMatch(/^3\.\d+\.\d+$/);
    expect(info.details.pyodide).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.details.emscripten).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.runtime).toBe(`pyodide ${info.details.pyodide}`);
  });

  it('isAvailable is true while the engine can be used, and false after dispose', async () => {
    expect(await engine.isAvailable()).toBe(true);
    const another = new PythonEngine({ packageBaseUrl: null });
    await another.dispose();
    expect(await another.isAvailable()).toBe(false);
  });
});

describe('package source settings', () => {
  it('keep the default when unset, switch a source off with none, and take anything else as the URL', async () => {
    const { packageSourcesFrom } = await import('../../../src/engines/python/package-sources');
    expect(packageSourcesFrom({})).toEqual({ packageBaseUrl: undefined, pypiIndexUrl: undefined });
    expect(packageSourcesFrom({ packageBaseUrl: 'none', pypiIndexUrl: '' })).toEqual({ packageBaseUrl: null, pypiIndexUrl: undefined });
    expect(packageSourcesFrom({ packageBaseUrl: 'https://mirror.example/pyodide/' })).toMatchObject({ packageBaseUrl: 'https://mirror.example/pyodide/' });
  });
});
