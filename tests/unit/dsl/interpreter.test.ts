import { describe, expect, it } from 'vitest';
import { DSL_LIMITS, DslRunner, readDslBlock, type DslFiles, type DslLogLine } from '../../../src/dsl';
import { openMetascript } from '../../../src/metascript/open';
import { blockSources } from '../../../src/metascript/serialize';
import { isDslStep } from '../../../src/runtime/dsl-steps';
import type { DslValue } from '../../../src/dsl/expression';
import { ISSUE_EXAMPLE } from '../../support/dsl-example';

/** The document folder, in memory. */
function memoryFolder(): DslFiles & { readonly files: Map<string, string> } {
  const files = new Map<string, string>();
  const folders = new Set<string>(['.']);
  const clean = (path: string) => path.replace(/^\.\//, '');
  return {
    files,
    write: (path, content) => {
      files.set(clean(path), content);
      return Promise.resolve();
    },
    read: (path) => {
      const text = files.get(clean(path));
      return text === undefined ? Promise.reject(new Error(`there is no file ${path} in the document folder`)) : Promise.resolve(text);
    },
    exists: (path) => Promise.resolve(files.has(clean(path)) || folders.has(clean(path))),
    ensureDirectory: (path) => {
      folders.add(clean(path));
      return Promise.resolve();
    },
    list: (path) => Promise.resolve([...files.keys()].filter((name) => path === '.' || name.startsWith(`${clean(path)}/`)).sort()),
  };
}

interface Ran {
  readonly log: DslLogLine[];
  readonly texts: string[];
  readonly store: Map<string, DslValue>;
  readonly folder: ReturnType<typeof memoryFolder>;
  readonly failure: string | null;
  readonly failureKind: string | null;
}

/** Runs every DSL block of a brace document as one stretch, on an in-memory store and folder. */
async function run(text: string, options: { store?: Record<string, DslValue>; files?: boolean; stopAfter?: number; timeoutAfter?: number } = {}): Promise<Ran> {
  const document = openMetascript(text);
  const sources = blockSources(document);
  const nodes = document.blocks.flatMap((block, index) => (isDslStep(block, 'brace') ? [readDslBlock(sources[index]?.text ?? '', sources[index]?.line ?? 1)] : []));
  const store = new Map<string, DslValue>(Object.entries(options.store ?? {}));
  const log: DslLogLine[] = [];
  const folder = memoryFolder();
  let checks = 0;
  const runner = new DslRunner({
    read: (name) => Promise.resolve(store.get(name)),
    write: (name, value) => store.set(name, value),
    log: (line) => log.push(line),
    files: options.files === false ? null : folder,
    stopReason: () => {
      checks++;
      if (options.stopAfter !== undefined && checks > options.stopAfter) return 'stopped';
      if (options.timeoutAfter !== undefined && checks > options.timeoutAfter) return 'timeout';
      return null;
    },
  });
  runner.define(nodes);
  const failure = await runner.runTop(nodes);
  return { log, texts: log.map((line) => line.text), store, folder, failure: failure?.message ?? null, failureKind: failure?.kind ?? null };
}


const log = (message: string) => `ACTION {\n    type: "log"\n    message: "${message}"\n}\n`;

describe('the TARS DSL interpreter', () => {
  it('runs the example of the issue: recursion, TRY/CATCH with a file, FOREACH', async () => {
    const ran = await run(ISSUE_EXAMPLE);
    expect(ran.failure).toBeNull();
    expect(ran.texts).toEqual(['fib(10) = 55', 'no file yet: there is no file missing.txt in the document folder', 'k is 1', 'k is 2', 'k is 3']);
    expect(ran.store.get('f')).toBe(55);
    expect(ran.folder.files.get('missing.txt')).toBe('made in catch');
    // Each line is beside its block: the log ACTION at line 30, the one in CATCH at 42, in FOREACH at 57.
    expect(ran.log.map((line) => line.line)).toEqual([30, 42, 57, 57, 57]);
  });

  it('keeps a function local scope: its parameters and results do not leak into the store', async () => {
    const ran = await run(ISSUE_EXAMPLE);
    expect(ran.store.has('n')).toBe(false);
    expect(ran.store.has('a')).toBe(false);
    expect(ran.store.get('k')).toBe(3);
  });

  it('sets VARIABLEs with typed values, and again', async () => {
    const ran = await run('VARIABLE x {\n    value: 2\n}\nVARIABLE y {\n    value: "${x * 21}"\n}\nVARIABLE x {\n    value: "x was ${x}"\n}\n');
    expect(ran.store.get('y')).toBe(42);
    expect(ran.store.get('x')).toBe('x was 2');
  });

  it('reads variables that another language exported', async () => {
    const ran = await run(log('${greeting}, ${names.length} of them: ${names[1]}'), { store: { greeting: 'hello', names: ['a', 'b'] } });
    expect(ran.texts).toEqual(['hello, 2 of them: b']);
  });

  it('runs assign, append and update_counter', async () => {
    const ran = await run(
      [
        'ACTION {\n    type: "assign"\n    target: "total"\n    value: 10\n}',
        'ACTION {\n    type: "update_counter"\n    target: "total"\n    increment: 5\n}',
        'ACTION {\n    type: "update_counter"\n    target: "count"\n}',
        'ACTION {\n    type: "append"\n    target: "items"\n    value: "a"\n}',
        'ACTION {\n    type: "append"\n    target: "items"\n    value: "${total}"\n}',
        'ACTION {\n    type: "append"\n    target: "text"\n    value: "!"\n}',
        '',
      ].join('\n'),
      { store: { text: 'hi' } },
    );
    expect(ran.failure).toBeNull();
    expect(ran.store.get('total')).toBe(15);
    expect(ran.store.get('count')).toBe(1);
    expect(ran.store.get('items')).toEqual(['a', 15]);
    expect(ran.store.get('text')).toBe('hi!');
  });

  it('runs the file actions on the document folder', async () => {
    const ran = await run(
      [
        'ACTION {\n    type: "ensure_directory"\n    path: "out"\n}',
        'ACTION {\n    type: "write_file"\n    path: "out/a.txt"\n    content: "${1 + 1}"\n}',
        'ACTION {\n    type: "file_exists"\n    path: "out/a.txt"\n    result_variable: "there"\n}',
        'ACTION {\n    type: "file_exists"\n    path: "out/b.txt"\n    result_variable: "missing"\n}',
        'ACTION {\n    type: "file_read"\n    path: "out/a.txt"\n    result_variable: "content"\n}',
        'ACTION {\n    type: "list_files"\n    path: "out"\n    result_variable: "listed"\n}',
        '',
      ].join('\n'),
    );
    expect(ran.failure).toBeNull();
    expect(ran.store.get('there')).toBe(true);
    expect(ran.store.get('missing')).toBe(false);
    expect(ran.store.get('content')).toBe('2');
    expect(ran.store.get('listed')).toEqual(['out/a.txt']);
  });

  it('refuses the file actions in a tier without a file system, as an error TRY can catch', async () => {
    const text = 'TRY {\n    ACTION {\n        type: "file_write"\n        path: "a.txt"\n        content: "x"\n    }\n    CATCH {\n' + log('caught: ${error}').replace(/^/gm, '        ') + '    }\n}\n';
    const ran = await run(text, { files: false });
    expect(ran.failure).toBeNull();
    expect(ran.texts[0]).toMatch(/^caught: file actions need the document folder/);
    const bare = await run('ACTION {\n    type: "file_read"\n    path: "a.txt"\n}\n', { files: false });
    expect(bare.failureKind).toBe('policy');
  });

  it('runs IF with an ELSE on its closing line, as the next block, and inside it', async () => {
    const ran = await run(
      [
        'IF {\n    condition: "${1 > 2}"\n' + log('no').replace(/^/gm, '    ') + '} ELSE {\n' + log('else on the closing line').replace(/^/gm, '    ') + '}',
        'IF {\n    condition: "${true}"\n' + log('then').replace(/^/gm, '    ') + '}',
        'ELSE {\n' + log('never').replace(/^/gm, '    ') + '}',
        'IF {\n    condition: "${\'\'}"\n' + log('no').replace(/^/gm, '    ') + '}',
        'ELSE {\n' + log('else as the next block').replace(/^/gm, '    ') + '}',
        '',
      ].join('\n'),
    );
    expect(ran.failure).toBeNull();
    expect(ran.texts).toEqual(['else on the closing line', 'then', 'else as the next block']);
  });

  it('counts FOR inclusively, up and down, and by steps', async () => {
    const loop = (from: number, to: number, step?: number) =>
      `FOR {\n    variable: "i"\n    from: ${String(from)}\n    to: ${String(to)}\n${step === undefined ? '' : `    step: ${String(step)}\n`}    ACTION {\n        type: "append"\n        target: "seen"\n        value: "\${i}"\n    }\n}\n`;
    expect((await run(loop(1, 3))).store.get('seen')).toEqual([1, 2, 3]);
    expect((await run(loop(3, 1))).store.get('seen')).toEqual([3, 2, 1]);
    expect((await run(loop(0, 10, 5))).store.get('seen')).toEqual([0, 5, 10]);
    expect((await run(loop(1, 3, 0))).failure).toMatch(/step other than 0/);
  });

  it('runs WHILE until its condition fails', async () => {
    const ran = await run('VARIABLE n {\n    value: 0\n}\nWHILE {\n    condition: "${n < 4}"\n    ACTION {\n        type: "update_counter"\n        target: "n"\n    }\n}\n');
    expect(ran.store.get('n')).toBe(4);
  });

  it('passes arguments by position too, and a function may call one defined after it', async () => {
    const ran = await run(
      'CALL {\n    function: "twice"\n    arguments: ["${3}"]\n    result_variable: "six"\n}\nFUNCTION twice {\n    parameters: ["x"]\n    RETURN {\n        value: "${x * 2}"\n    }\n}\n',
    );
    expect(ran.failure).toBeNull();
    expect(ran.store.get('six')).toBe(6);
  });

  it('ends a runaway WHILE at the iteration cap, and deep recursion at the depth cap, each with a clear error', async () => {
    const spin = await run('WHILE {\n    condition: "${true}"\n}\n');
    expect(spin.failure).toBe(`WHILE ran more than ${String(DSL_LIMITS.iterations)} times`);
    expect(spin.failureKind).toBe('limit');
    const deep = await run('FUNCTION down {\n    CALL {\n        function: "down"\n    }\n}\nCALL {\n    function: "down"\n}\n');
    expect(deep.failure).toBe(`CALL down: calls are nested more than ${String(DSL_LIMITS.callDepth)} deep`);
  });

  it('stops at Stop and at the time limit, which TRY does not catch', async () => {
    const text = 'TRY {\n    WHILE {\n        condition: "${true}"\n    }\n    CATCH {\n' + log('caught').replace(/^/gm, '        ') + '    }\n}\n';
    const stopped = await run(text, { stopAfter: 50 });
    expect(stopped.failureKind).toBe('stopped');
    expect(stopped.texts).toEqual(['the run was stopped']);
    const late = await run(text, { timeoutAfter: 50 });
    expect(late.failureKind).toBe('timeout');
  });

  it('reports blocks that cannot run: a note outside TRY, going on past it; an error TRY catches inside one', async () => {
    const ran = await run(
      [
        'FSHARP {\n    let x = 1\n}',
        'ACTION {\n    type: "execute"\n    command: "ls"\n}',
        'PROMPT {\n    text: "hello"\n}',
        'ACTION {\n    type: "teleport"\n}',
        'TRY {\n    FSHARP {\n        let y = 2\n    }\n    CATCH {\n' + log('caught ${error}').replace(/^/gm, '        ') + '    }\n}',
        log('the end'),
      ].join('\n'),
    );
    expect(ran.failure).toBeNull();
    expect(ran.log.map((line) => [line.level, line.text])).toEqual([
      ['note', 'F# does not run in the browser; skipped'],
      ['note', 'ACTION execute runs programs, which the browser cannot; skipped'],
      ['note', 'PROMPT blocks do not run in the playground; skipped'],
      ['note', 'ACTION type "teleport" is not one the playground runs; skipped'],
      ['log', 'caught F# does not run in the browser'],
      ['log', 'the end'],
    ]);
  });

  it('makes a bad expression an error naming the block line, which TRY can catch', async () => {
    const bad = await run('\n\nACTION {\n    type: "log"\n    message: "${1 +}"\n}\n');
    expect(bad.failure).toMatch(/\(line 3\)$/);
    expect(bad.log[0]?.line).toBe(3);
    const caught = await run('TRY {\n    ACTION {\n        type: "log"\n        message: "${nowhere + 1}"\n    }\n    CATCH {\n' + log('caught: ${error}').replace(/^/gm, '        ') + '    }\n}\n');
    expect(caught.failure).toBeNull();
    expect(caught.texts[0]).toMatch(/^caught: .*nowhere/);
  });

  it('runs FINALLY whether or not the TRY failed', async () => {
    const ran = await run('TRY {\n    ACTION {\n        type: "file_read"\n        path: "none"\n    }\n} CATCH {\n' + log('caught').replace(/^/gm, '    ') + '} FINALLY {\n' + log('finally').replace(/^/gm, '    ') + '}\n');
    expect(ran.failure).toBeNull();
    expect(ran.texts).toEqual(['caught', 'finally']);
  });

  it('fails a RETURN outside a function, an ELSE without IF, and a CALL of an unknown function', async () => {
    expect((await run('RETURN {\n    value: 1\n}\n')).failure).toBe('RETURN outside a FUNCTION');
    expect((await run('ELSE {\n}\n')).failure).toBe('ELSE without an IF before it');
    expect((await run('CALL {\n    function: "nope"\n}\n')).failure).toBe('there is no FUNCTION nope');
  });
});
