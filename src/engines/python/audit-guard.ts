/**
 * Restrictive's file-system guarantee, kept below the import check: a CPython audit hook
 * (PEP 578) that refuses every file, process, socket and native-code event, whoever raises
 * it, except reading Python's own library under /lib.
 *
 * The hook is a JavaScript function. Python code can reach any Python object (through gc,
 * frames or `__subclasses__`), so a hook written in Python, its closure, globals, defaults or
 * frame could be changed by the code it guards; a JavaScript closure cannot be reached from
 * Python at all. CPython keeps its hooks in a list that gc does not track and offers no way to
 * remove one, so once armed the guard stays for the interpreter's life: the tier of an engine
 * can only go down (the runtime replaces the worker for any other change).
 *
 * What it does not stop: code that reaches the worker's JavaScript (`js`, `pyodide_js`) can
 * use Emscripten's FS object or the wasm memory directly, and can change the built-ins this
 * hook runs on; the guard holds against Python, not JavaScript. Under Restrictive that file system
 * is the worker's own, in memory, with no document folder and nothing of the user's; it goes
 * with the worker. The network and storage are kept out by the worker's capabilities.
 */
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { tierHint } from '../policy';

/** An audit event's arguments, read one at a time (a Pyodide tuple proxy is one). */
export interface AuditArguments {
  readonly length: number;
  get(index: number): unknown;
}

/** Where Pyodide keeps Python's library and the packages installed into it: read-only roads stay open there. */
export const READABLE_ROOT = '/lib/';

// The flags of os.open that write or create, with Emscripten's (Linux's) values.
const WRITE_FLAGS = 0o1 | 0o2 | 0o100 | 0o200 | 0o1000 | 0o2000;

const FILE_EVENTS = new Set([
  'os.mkdir', 'os.rmdir', 'os.remove', 'os.rename', 'os.link', 'os.symlink', 'os.truncate', 'os.chmod', 'os.chown',
  'os.chflags', 'os.lchflags', 'os.utime', 'os.chdir', 'os.listxattr', 'os.getxattr', 'os.setxattr', 'os.removexattr',
  'os.walk', 'os.fwalk', 'os.lockf', 'glob.glob', 'glob.glob/2', 'tempfile.mkstemp', 'tempfile.mkdtemp', 'mmap.__new__',
  'sqlite3.connect', 'sqlite3.connect/handle', 'sqlite3.enable_load_extension', 'sqlite3.load_extension',
]);
const OUTSIDE_EVENTS = new Set([
  'os.system', 'os.exec', 'os.fork', 'os.forkpty', 'os.kill', 'os.killpg', 'os.posix_spawn', 'os.spawn', 'os.startfile',
  'os.add_dll_directory', 'subprocess.Popen', 'pty.spawn', 'webbrowser.open', 'urllib.Request', 'sys.remote_exec',
]);
const FILE_PREFIXES = ['shutil.', 'fcntl.'];
const OUTSIDE_PREFIXES = ['socket.', 'ctypes.', 'http.client.', 'ftplib.', 'smtplib.', 'poplib.', 'imaplib.', 'nntplib.', 'telnetlib.', '_posixsubprocess.'];
/** Native code can make any system call without an audit event, so its modules do not load at all. */
const NATIVE_MODULES = new Set(['_ctypes', 'ctypes']);

/** What every refusal's text holds; the support code's error records know a refusal by it (support.py). */
export const REFUSAL_MARK = ' is not allowed under the restrictive policy: ';

type Reason = 'files' | 'outside';

const REASONS: Record<Reason, { readonly why: string; readonly hint: string }> = {
  files: { why: 'it has no file system', hint: tierHint('standard') },
  outside: { why: 'it reaches outside the page', hint: tierHint('unrestricted') },
};

/** Where a package install writes: Python's library, and the temporary folder a wheel is unpacked through. */
const INSTALL_ROOTS = [READABLE_ROOT, '/tmp/'];

/** Whether an absolute path stays inside Python's library once `.` and `..` are resolved. */
export function isReadablePath(path: string): boolean {
  return isUnder(path, [READABLE_ROOT]);
}

function isUnder(path: string, roots: readonly string[]): boolean {
  if (!path.startsWith('/')) return false;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const resolved = `/${parts.join('/')}/`;
  return roots.some((root) => resolved.startsWith(root));
}

/** Whether an `open` event only reads: its mode (io.open) or flags (os.open, FileIO) write nothing. */
function readsOnly(mode: unknown, flags: unknown): boolean {
  if (typeof mode === 'string' && /[wax+]/.test(mode)) return false;
  return typeof flags !== 'number' || (flags & WRITE_FLAGS) === 0;
}

function describe(event: string, path: unknown): string {
  return typeof path === 'string' ? `${event}(${JSON.stringify(path)})` : event;
}

/**
 * Why Restrictive refuses an audit event, as the policy error's message, or null when the
 * event may go on. While the engine installs a package (`installing`), file events on paths
 * under /lib and /tmp may also write there, as unpacking a wheel into site-packages must. Pure, so
 * that it can be tested on its own.
 */
export function restrictiveRefusal(event: string, args: AuditArguments, installing = false): string | null {
  let reason: Reason | null = null;
  const path = args.length > 0 ? args.get(0) : undefined;
  if (installing && typeof path === 'string' && isUnder(path, INSTALL_ROOTS) && (event === 'open' || FILE_EVENTS.has(event) || FILE_PREFIXES.some((prefix) => event.startsWith(prefix)))) {
    return null;
  }
  if (event === 'open') {
    if (!(typeof path === 'string' && isReadablePath(path) && readsOnly(args.get(1), args.get(2)))) reason = 'files';
  } else if (event === 'os.listdir' || event === 'os.scandir') {
    if (!(typeof path === 'string' && isReadablePath(path))) reason = 'files';
  } else if (event === 'import') {
    const name = args.get(0);
    if (typeof name === 'string' && NATIVE_MODULES.has(name.split('.')[0] ?? name)) reason = 'outside';
  } else if (FILE_EVENTS.has(event) || FILE_PREFIXES.some((prefix) => event.startsWith(prefix))) {
    reason = 'files';
  } else if (OUTSIDE_EVENTS.has(event) || OUTSIDE_PREFIXES.some((prefix) => event.startsWith(prefix))) {
    reason = 'outside';
  }
  if (reason === null) return null;
  const { why, hint } = REASONS[reason];
  const subject = event === 'import' ? `import of '${String(path)}'` : describe(event, path);
  return `${subject}${REFUSAL_MARK}${why}.${hint}`;
}

export interface AuditGuard {
  /** Whether the hook is in place; it stays for the interpreter's life. */
  readonly armed: boolean;
  /** Installs the hook; a second call does nothing. */
  arm(): void;
  /**
   * Runs the engine's own package install, during which writes under /lib and /tmp are let through.
   * The engine's queue keeps cells from running meanwhile; a callback a cell scheduled could
   * still fire, so the window opens nothing beyond Python's library and the temporary folder.
   */
  whileEngineWorks<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Makes the guard for an interpreter. Call it before any user code runs: it takes hold of
 * `exec`, `PermissionError` and `sys.addaudithook` while nothing can have replaced them.
 */
export function createAuditGuard(py: PyodideAPI): AuditGuard {
  // A refusal is raised as a builtin PermissionError: its type cannot be changed from Python,
  // and the import system, which lists folders on sys.path, already steps over one. It is
  // raised by running a fixed code object with globals made afresh for each refusal, so
  // nothing user code could have reached takes part; the Python exception then travels back
  // through this JavaScript frame to the code that raised the event.
  const exec = py.runPython('exec') as PyProxy & ((...args: unknown[]) => unknown);
  const raise = py.runPython('compile("raise E(m)", "<policy>", "exec")') as PyProxy;
  const permissionError = py.runPython('PermissionError') as PyProxy;
  const addAuditHook = py.runPython('import sys\nsys.addaudithook') as PyProxy & ((hook: unknown) => unknown);
  let armed = false;
  let engineWork = 0;

  const refuse = (message: string): never => {
    const globals = py.toPy(new Map<string, unknown>([['__builtins__', new Map()], ['E', permissionError], ['m', message]])) as PyProxy;
    try {
      exec(raise, globals);
    } finally {
      globals.destroy();
    }
    // Only if the raise did not raise: a refusal must never return normally.
    throw new Error(message);
  };

  const hook = (event: string, args: AuditArguments): void => {
    const message = restrictiveRefusal(event, args, engineWork > 0);
    if (message !== null) refuse(message);
  };

  return {
    get armed() {
      return armed;
    },
    arm() {
      if (armed) return;
      addAuditHook(hook);
      armed = true;
    },
    async whileEngineWorks(work) {
      engineWork += 1;
      try {
        return await work();
      } finally {
        engineWork -= 1;
      }
    },
  };
}
