/**
 * The capability layer in the real browser (SPEC §5): every name on a fresh worker's global
 * scope is classified, and a cell under Standard finds no storage, file system or other
 * context on its worker, while the same probe in a bare worker does find OPFS and writes to it.
 */
import type { Page } from '@playwright/test';
import { harmlessByRule, harmlessNames } from '../../src/engines/capabilities/classification';
import { planRemoval } from '../../src/engines/capabilities/plan';
import { ECMASCRIPT_OWNERS } from '../../src/engines/capabilities/table-harmless';
import { walkScope } from '../../src/engines/capabilities/walker';
import { openDocument, openUnrestricted, tars } from './documents';
import { expect, test } from './fixtures';

/** What the bare worker reports of each property it walked. */
interface Reported {
  readonly ownerLabel: string;
  readonly key: string | null;
  readonly name: string;
  readonly interfaces: readonly string[];
  readonly constant: boolean;
}

const PROBE_FOLDER = 'capability-probe/';

// The guard's own walker and rules, sent to a worker as source: the enumeration is the guard's, not a copy.
const WALK_WORKER = `
const walkScope = ${walkScope.toString()};
const harmlessByRule = ${harmlessByRule.toString()};
const harmless = new Set(${JSON.stringify(harmlessNames())});
const ecmascript = new Set(${JSON.stringify([...ECMASCRIPT_OWNERS])});
const found = walkScope(self, (name) => harmless.has(name) || harmlessByRule(name, ecmascript));
postMessage(found.map(({ ownerLabel, key, name, interfaces, constant }) => ({ ownerLabel, key: typeof key === 'string' ? key : null, name, interfaces, constant })));
`;

/** What a probe looks for; the last two are there, so a probe that sees nothing fails. */
const GLOBAL_NAMES = ['indexedDB', 'caches', 'Worker', 'SharedWorker', 'BroadcastChannel', 'webkitRequestFileSystem', 'webkitResolveLocalFileSystemURL', 'StorageManager', 'FileSystemDirectoryHandle', 'TextEncoder', 'postMessage'];
const NAVIGATOR_NAMES = ['storage', 'storageBuckets', 'locks', 'userAgent'];
const OPFS_FILE = 'probe.txt';

// The same probe in a worker that nothing guards: it finds the storage and writes to OPFS.
const BARE_WORKER = `
const found = ${JSON.stringify(GLOBAL_NAMES)}.filter((name) => name in self);
for (const name of ${JSON.stringify(NAVIGATOR_NAMES)}) if (name in navigator) found.push('navigator.' + name);
const root = await navigator.storage.getDirectory();
await root.getFileHandle(${JSON.stringify(OPFS_FILE)}, { create: true });
postMessage(found);
`;

// Python reaches the worker's scope without `import js`, the way code that walks module
// attributes can, and looks there; if OPFS were there, it would write to it.
const PYTHON_PROBE = [
  'import collections',
  'js = collections._sys.modules["js"]',
  `found = [name for name in ${JSON.stringify(GLOBAL_NAMES)} if hasattr(js, name)]`,
  `found += ["navigator." + name for name in ${JSON.stringify(NAVIGATOR_NAMES)} if hasattr(js.navigator, name)]`,
  'if hasattr(js.navigator, "storage"):',
  '    root = await js.navigator.storage.getDirectory()',
  `    await root.getFileHandle("${OPFS_FILE}", js.Object.fromEntries([["create", True]]))`,
  'found',
].join('\n');

// QuickJS has no host objects at all: a JavaScript cell sees only its own VM's builtins.
const JAVASCRIPT_PROBE = `[...${JSON.stringify(GLOBAL_NAMES)}, 'navigator', 'Math'].filter((name) => name in globalThis)`;

/** Serves the probe workers on the app's own origin, with the headers the app's page has. */
async function serveProbes(page: Page): Promise<void> {
  const app = await page.request.get('./');
  const headers: Record<string, string> = { 'content-type': 'text/javascript' };
  for (const name of ['cross-origin-opener-policy', 'cross-origin-embedder-policy']) {
    const value = app.headers()[name];
    if (value !== undefined) headers[name] = value;
  }
  await page.route(`**/${PROBE_FOLDER}walk.js`, (route) => route.fulfill({ headers, body: WALK_WORKER }));
  await page.route(`**/${PROBE_FOLDER}bare.js`, (route) => route.fulfill({ headers, body: BARE_WORKER }));
  await page.route(`**/${PROBE_FOLDER}`, (route) => route.fulfill({ headers: { ...headers, 'content-type': 'text/html' }, body: '<!doctype html><title>probe</title>' }));
}

/** Starts a module worker from the probe folder and gives its one message. */
function fromWorker<T>(page: Page, script: string): Promise<T> {
  return page.evaluate(
    (url) =>
      new Promise<T>((resolve, reject) => {
        const worker = new Worker(url, { type: 'module' });
        worker.onmessage = (event: MessageEvent<T>) => {
          worker.terminate();
          resolve(event.data);
        };
        worker.onerror = (event) => {
          reject(new Error(`the probe worker failed: ${event.message}`));
        };
      }),
    new URL(PROBE_FOLDER + script, page.url()).href,
  );
}

/** The names in the page's OPFS root. */
function opfsFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const names: string[] = [];
    for await (const [name] of root.entries()) names.push(name);
    return names;
  });
}

test('every name on a fresh worker global is classified as harmless, removed or engine-private', async ({ page }) => {
  await serveProbes(page);
  await page.goto(PROBE_FOLDER);
  const reported = await fromWorker<Reported[]>(page, 'walk.js');
  const names = reported.map((property) => property.name);
  // The walk saw the roads the attackers took, so an empty or shallow walk cannot pass.
  expect(names).toEqual(
    expect.arrayContaining([
      'WorkerGlobalScope.prototype.fetch',
      'WorkerGlobalScope.prototype.indexedDB',
      'WorkerGlobalScope.prototype.fonts',
      'WorkerNavigator.prototype.storage',
      'WorkerNavigator.prototype.storageBuckets',
      'self.WebSocketStream',
      'self.postMessage',
      'Crypto.prototype.getRandomValues',
      // The statics and prototypes of the constructors the global exposes, and their chains.
      'URL.createObjectURL',
      'Blob.prototype.text',
      'File.prototype.name',
      'Response.json',
      'TypedArray.prototype.set',
      'Intl.Collator.prototype.compare',
      'WebAssembly.Module.exports',
      'WebGL2RenderingContext.prototype.drawArrays',
    ]),
  );
  const plan = planRemoval(
    reported.map((property) => ({ ...property, key: property.key ?? Symbol('symbol key') })),
    'remove',
  );
  expect(plan.unclassified, 'names on the worker global that no list classifies').toEqual([]);
  expect(plan.conflicts, 'harmless interfaces that a removed name hands out').toEqual([]);
});

test('under Standard, cells find no storage, file system or other context, and the page sees no file they wrote; a bare worker does', async ({ page }) => {
  await serveProbes(page);
  await openDocument(
    page,
    'CONFIG {\n    security: "standard"\n}\n' + tars({ kind: 'PYTHON', name: 'python', code: PYTHON_PROBE }, { kind: 'JAVASCRIPT', name: 'javascript', code: JAVASCRIPT_PROBE }),
  );
  const python = await page.evaluate(() => window.playground.runCell('python'));
  expect(python.errors).toEqual([]);
  expect(python.result).toEqual(['TextEncoder', 'postMessage', 'navigator.userAgent']);
  const javascript = await page.evaluate(() => window.playground.runCell('javascript'));
  expect(javascript.errors).toEqual([]);
  expect(javascript.result).toEqual(['Math']);
  expect(await opfsFiles(page)).toEqual([]);

  const bare = await fromWorker<string[]>(page, 'bare.js');
  expect(bare).toEqual([...GLOBAL_NAMES.filter((name) => name !== 'SharedWorker'), ...NAVIGATOR_NAMES.map((name) => `navigator.${name}`)]);
  expect(await opfsFiles(page)).toEqual([OPFS_FILE]);
});

test('under Unrestricted, with consent, Python gets the network back and still finds no storage or other context', async ({ page }) => {
  await openUnrestricted(page, tars({ kind: 'PYTHON', name: 'python', code: `${PYTHON_PROBE}\nfound + [name for name in ["fetch", "WebSocket"] if hasattr(js, name)]` }));
  const python = await page.evaluate(() => window.playground.runCell('python'));
  expect(python.errors).toEqual([]);
  expect(python.result).toEqual(['TextEncoder', 'postMessage', 'navigator.userAgent', 'fetch', 'WebSocket']);
  expect(await opfsFiles(page)).toEqual([]);
});
