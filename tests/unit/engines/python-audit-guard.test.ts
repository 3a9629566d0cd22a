/**
 * Restrictive's file system for real, under Node: every road to `os` that the import check
 * cannot see leads to a guard that refuses, whoever calls it; the same probes work under
 * Standard, which shows they would see an escape. And the guard's decisions on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../src/engines/contract';
import { TIERS } from '../../../src/engines/policy';
import { PythonEngine } from '../../../src/engines/python-engine';
import { isReadablePath, restrictiveRefusal, type AuditArguments } from '../../../src/engines/python/audit-guard';
import type { SnapshotStore, StoredSnapshot } from '../../../src/engines/python/snapshot';

let restrictive: PythonEngine;
let standard: PythonEngine;

beforeAll(async () => {
  const options = { packageBaseUrl: null, pypiIndexUrl: null };
  [restrictive, standard] = [new PythonEngine(options), new PythonEngine(options)];
  await Promise.all([restrictive.init(), standard.init()]);
  await restrictive.setPolicy(TIERS.restrictive);
  await standard.setPolicy(TIERS.standard);
});

afterAll(async () => {
  await restrictive.dispose();
  await standard.dispose();
});

const NO_FILES = "is not allowed under the restrictive policy: it has no file system. Choose Standard or Unrestricted from the policy menu to allow it.";
const OUTSIDE = 'is not allowed under the restrictive policy: it reaches outside the page. Choose Unrestricted from the policy menu to allow it.';

function refusal(result: ExecutionResult): { kind: string; name: string; message: string } {
  expect(result.success, JSON.stringify(result.errors)).toBe(false);
  const [error] = result.errors;
  if (error === undefined) throw new Error('no error');
  return { kind: error.kind, name: error.name, message: error.message };
}

/** Each road the issue found to a real `os` module, then the call that must be refused. */
const ROADS: [string, string][] = [
  ['__import__ with an empty fromlist', 'os = __import__("os", None, None, [])'],
  ['the real builtins through print.__self__', 'os = print.__self__.__import__("os")'],
  ['collections._sys', 'import collections\nos = collections._sys.modules["os"]'],
  ['re.enum.sys', 'import re\nos = re.enum.sys.modules["os"]'],
  ['display.__globals__', 'os = display.__globals__["sys"].modules["os"]'],
  ['object.__subclasses__()', 'os = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == "_wrap_close"][0].__init__.__globals__["sys"].modules["os"]'],
];

describe('Restrictive: the roads to os reach a guard', () => {
  for (const [road, reach] of ROADS) {
    it(`refuses os.listdir("/") reached through ${road}, which works under Standard`, async () => {
      const code = `${reach}\nsorted(os.listdir("/"))`;
      expect(refusal(await restrictive.execute(code))).toEqual({ kind: 'policy', name: 'PermissionError', message: `os.listdir("/") ${NO_FILES}` });
      const open = await standard.execute(code);
      expect(open.errors).toEqual([]);
      expect(open.result).toEqual(expect.arrayContaining(['home', 'lib', 'tmp']));
    });
  }

  it('returns the modules themselves, which is why the guard, not the list, keeps the file system', async () => {
    const result = await restrictive.execute(`${ROADS[0]?.[1] ?? ''}\n[os.__name__, os.path.join("a", "b")]`);
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual(['os', 'a/b']);
  });
});

describe('Restrictive: every file road is refused, and each works under Standard', () => {
  const REACH = 'import collections\nsys = collections._sys\nos = sys.modules["os"]\n';
  const probes: [string, string, string][] = [
    ['os.listdir of the cwd', 'os.listdir()', 'os.listdir'],
    ['os.scandir', 'list(os.scandir("/tmp"))', 'os.scandir("/tmp")'],
    ['os.walk', 'list(os.walk("/home"))', 'os.walk("/home")'],
    ['pathlib iterdir', 'list(sys.modules["pathlib"].Path("/tmp").iterdir())', 'os.scandir("/tmp")'],
    ['the real open, for writing', 'print.__self__.open("/tmp/x.txt", "w")', 'open("/tmp/x.txt")'],
    ['the real open, for reading outside /lib', 'print.__self__.open("/proc/self/cmdline").read()', 'open("/proc/self/cmdline")'],
    ['io.FileIO', 'sys.modules["io"].FileIO("/tmp/y", "w")', 'open("/tmp/y")'],
    ['os.open with O_CREAT', 'os.open("/tmp/z", os.O_WRONLY | os.O_CREAT)', 'open("/tmp/z")'],
    ['a path that climbs out of /lib', 'print.__self__.open("/lib/../tmp/w", "w")', 'open("/lib/../tmp/w")'],
    ['os.mkdir', 'os.mkdir("/tmp/made")', 'os.mkdir("/tmp/made")'],
    ['os.chdir', 'os.chdir("/tmp")', 'os.chdir("/tmp")'],
    ['os.system', 'os.system("ls")', 'os.system'],
  ];
  for (const [label, call, subject] of probes) {
    it(`refuses ${label}`, async () => {
      const refused = refusal(await restrictive.execute(REACH + call));
      expect(refused).toMatchObject({ kind: 'policy', name: 'PermissionError' });
      expect(refused.message).toMatch(new RegExp(`^${subject.replace(/[().*+?[\]|]/g, '\\$&')}`));
    });
  }

  it('lets the same calls through under Standard', async () => {
    const code = REACH + 'print.__self__.open("/tmp/x.txt", "w").close()\nos.mkdir("/tmp/made")\n[len(os.listdir("/tmp")) >= 2, len(list(os.scandir("/tmp"))) >= 2]';
    const result = await standard.execute(code);
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([true, true]);
  });

  it('refuses sockets, subprocesses, ctypes and sqlite3 as reaching outside or using files', async () => {
    const socket = refusal(await restrictive.execute(`${REACH}sys.modules["socket"].socket()`));
    expect(socket.message).toBe(`socket.__new__ ${OUTSIDE}`);
    const ctypes = refusal(await restrictive.execute(`${REACH}print.__self__.__import__("ctypes", None, None, [])`));
    expect(ctypes.message).toBe(`import of 'ctypes' ${OUTSIDE}`);
    const sqlite = refusal(await restrictive.execute(`${REACH}print.__self__.__import__("sqlite3", None, None, []).connect(":memory:")`));
    expect(sqlite.message).toBe(`sqlite3.connect(":memory:") ${NO_FILES}`);
    expect((await standard.execute('import sqlite3\nsqlite3.connect(":memory:").execute("select 1").fetchone()[0]')).result).toBe(1);
  });

  it('still reads Python\'s own library, so allowed modules import and tracebacks show', async () => {
    const result = await restrictive.execute(`${REACH}print.__self__.open("/lib/python314.zip", "rb").read(2)`);
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual(new Uint8Array([0x50, 0x4b]));
    const failing = await restrictive.execute('import json\njson.loads("{")', { cellId: 'broken' });
    expect(failing.errors[0]).toMatchObject({ kind: 'runtime', name: 'JSONDecodeError', cellId: 'broken', line: 2 });
  });

  it('holds when user code replaces the builtins the guard raises with', async () => {
    const code = [
      REACH + 'b = print.__self__',
      'saved = b.exec, b.PermissionError',
      'b.exec, b.PermissionError = (lambda *a, **k: None), KeyError',
      'try:',
      '    os.listdir("/")',
      '    outcome = "listed"',
      'except BaseException as error:',
      '    outcome = [type(error) is saved[1], str(error)]',
      'finally:',
      '    b.exec, b.PermissionError = saved',
      'outcome',
    ].join('\n');
    const result = await restrictive.execute(code);
    expect(result.errors).toEqual([]);
    expect(result.result).toEqual([true, `os.listdir("/") ${NO_FILES}`]);
  });

  it('is not in the way of sys.addaudithook: a hook user code adds cannot take the guard out', async () => {
    const code = `${REACH}sys.addaudithook(lambda event, args: None)\nos.listdir("/")`;
    expect(refusal(await restrictive.execute(code)).kind).toBe('policy');
  });
});

describe('Restrictive after a start from the snapshot', () => {
  it('installs the guard in a restored interpreter too, as it is put in after the restore', async () => {
    const box: { kept: StoredSnapshot | null } = { kept: null };
    const store: SnapshotStore = {
      read: () => Promise.resolve(box.kept),
      write: (snapshot) => {
        box.kept = snapshot;
        return Promise.resolve();
      },
      clear: () => {
        box.kept = null;
        return Promise.resolve();
      },
    };
    const first = new PythonEngine({ snapshots: store, packageBaseUrl: null, pypiIndexUrl: null });
    await first.init();
    for (let tries = 0; tries < 200 && box.kept === null; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
    await first.dispose();
    const restored = new PythonEngine({ snapshots: store, packageBaseUrl: null, pypiIndexUrl: null });
    await restored.setPolicy(TIERS.restrictive);
    expect((await restored.startupReport())?.kind).toBe('restored');
    const result = await restored.execute(`${ROADS[2]?.[1] ?? ''}\nos.listdir("/")`);
    expect(refusal(result)).toMatchObject({ kind: 'policy', message: `os.listdir("/") ${NO_FILES}` });
    await restored.dispose();
  });
});

/** Arguments as a Pyodide tuple proxy gives them. */
function args(...values: unknown[]): AuditArguments {
  return { length: values.length, get: (index) => values[index] };
}

describe('the guard\'s decisions', () => {
  it('lets reads under /lib through, and nothing else of the file system', () => {
    expect(restrictiveRefusal('open', args('/lib/python314.zip', 'r', 524288))).toBeNull();
    expect(restrictiveRefusal('open', args('/lib/python3.14/site-packages/x.py', 'rb', 0))).toBeNull();
    expect(restrictiveRefusal('os.listdir', args('/lib/python3.14/site-packages'))).toBeNull();
    expect(restrictiveRefusal('open', args('/lib/x', 'r+', 0))).toMatch(/^open\("\/lib\/x"\)/);
    expect(restrictiveRefusal('open', args('/lib/x', null, 0o101))).not.toBeNull();
    expect(restrictiveRefusal('open', args(3, 'r', 0))).toMatch(/^open is not allowed/);
    expect(restrictiveRefusal('open', args({ path: '/lib/x' }, 'r', 0))).not.toBeNull();
    expect(restrictiveRefusal('os.listdir', args('/home/pyodide'))).not.toBeNull();
    expect(restrictiveRefusal('os.scandir', args(null))).not.toBeNull();
  });

  it('resolves . and .. before deciding, and wants absolute paths', () => {
    expect(isReadablePath('/lib/./python3.14/../python314.zip')).toBe(true);
    expect(isReadablePath('/lib/../home/pyodide')).toBe(false);
    expect(isReadablePath('/library')).toBe(false);
    expect(isReadablePath('lib/python314.zip')).toBe(false);
  });

  it('lets a package install write under /lib and /tmp only', () => {
    expect(restrictiveRefusal('open', args('/tmp/tiny.whl', 'wb', 0), true)).toBeNull();
    expect(restrictiveRefusal('os.mkdir', args('/lib/python3.14/site-packages/tiny', 511, -1), true)).toBeNull();
    expect(restrictiveRefusal('os.mkdir', args('/home/pyodide/x', 511, -1), true)).not.toBeNull();
    expect(restrictiveRefusal('os.mkdir', args('/lib/python3.14/site-packages/tiny', 511, -1), false)).not.toBeNull();
  });

  it('refuses processes, sockets and native code, and lets ordinary events by', () => {
    for (const event of ['os.system', 'subprocess.Popen', 'socket.connect', 'ctypes.dlopen', 'shutil.copyfile', 'os.remove', 'os.rename', 'glob.glob']) {
      expect(restrictiveRefusal(event, args('/x')), event).not.toBeNull();
    }
    for (const event of ['compile', 'exec', 'builtins.id', 'object.__getattr__', 'sys._getframe', 'sys._getframemodulename']) {
      expect(restrictiveRefusal(event, args('/x')), event).toBeNull();
    }
    expect(restrictiveRefusal('import', args('json', null, [], [], []))).toBeNull();
    expect(restrictiveRefusal('import', args('_ctypes', null, [], [], []))).toMatch(/^import of '_ctypes'/);
  });
});
