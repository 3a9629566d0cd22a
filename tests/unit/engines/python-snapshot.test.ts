/**
 * The start-up snapshot for real, under Node: a first start makes one, a second restores from
 * it without anything the first engine's user code did, and a damaged or stale snapshot means
 * a normal start that works.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PythonEngine } from '../../../src/engines/python-engine';
import type { SnapshotStore, StoredSnapshot } from '../../../src/engines/python/snapshot';

function memoryStore(): SnapshotStore & { kept: StoredSnapshot | null } {
  const store = {
    kept: null as StoredSnapshot | null,
    read: () => Promise.resolve(store.kept),
    write: (snapshot: StoredSnapshot) => {
      store.kept = snapshot;
      return Promise.resolve();
    },
    clear: () => {
      store.kept = null;
      return Promise.resolve();
    },
  };
  return store;
}

const engines: PythonEngine[] = [];
async function started(store: SnapshotStore): Promise<PythonEngine> {
  const engine = new PythonEngine({ snapshots: store, packageBaseUrl: null, pypiIndexUrl: null });
  engines.push(engine);
  await engine.init();
  return engine;
}

/** Waits for the snapshot the first start writes in the background. */
async function snapshotIn(store: SnapshotStore & { kept: StoredSnapshot | null }): Promise<StoredSnapshot> {
  for (let tries = 0; tries < 200 && store.kept === null; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (store.kept === null) throw new Error('no snapshot was written');
  return store.kept;
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

describe('the Python start-up snapshot', () => {
  it('is made on the first start and restored on the next, without the first start\'s user state', async () => {
    const store = memoryStore();
    const first = await started(store);
    expect(await first.startupReport()).toMatchObject({ kind: 'made', note: 'no snapshot yet: this is the first start' });
    expect((await first.execute('secret = 42\nsecret')).result).toBe(42);
    const snapshot = await snapshotIn(store);
    expect(snapshot.bytes.byteLength).toBeGreaterThan(1_000_000);
    expect(snapshot.key).toMatch(/^pyodide \d+\.\d+\.\d+; support [0-9a-f]{16}; packages none$/);

    const second = await started(store);
    const report = await second.startupReport();
    expect(report).toMatchObject({ kind: 'restored', snapshotBytes: snapshot.bytes.byteLength, note: null });
    expect(report?.startMs).toBeLessThan(snapshot.normalStartMs);
    const run = await second.execute('import math, json\nprint(json.dumps([math.floor(2.5), "secret" in globals()]))');
    expect(run.errors).toEqual([]);
    expect(run.output).toEqual([{ stream: 'stdout', text: '[2, false]\n' }]);
  });

  it('keeps the engine whole after a restore: policy, files, display and variables', async () => {
    const store = memoryStore();
    await started(store);
    await snapshotIn(store);
    const restored = await started(store);
    expect((await restored.startupReport())?.kind).toBe('restored');
    // Standard denies socket: the import check came back with the snapshot.
    expect((await restored.execute('import socket')).errors[0]).toMatchObject({ kind: 'policy' });
    await restored.writeFile('notes/a.txt', 'hello');
    expect((await restored.execute('open("notes/a.txt").read()')).result).toBe('hello');
    expect(await restored.readFile('/home/pyodide/document/notes/a.txt')).toEqual(new TextEncoder().encode('hello'));
    expect((await restored.execute('display({"text/html": "<b>hi</b>"})')).output).toEqual([{ stream: 'display', data: { 'text/html': '<b>hi</b>' } }]);
    await restored.setVariable('radius', 2);
    expect((await restored.execute('radius * 3')).result).toBe(6);
  });

  it('falls back to a normal start when the snapshot is damaged, and makes a sound one', async () => {
    const store = memoryStore();
    await started(store);
    const sound = await snapshotIn(store);
    const damaged = sound.bytes.slice();
    damaged.fill(7, 1000, 200_000);
    store.kept = { ...sound, bytes: damaged };
    const engine = await started(store);
    expect(await engine.startupReport()).toMatchObject({ kind: 'made', note: 'the snapshot is damaged (its checksum does not match)' });
    expect((await engine.execute('1 + 1')).result).toBe(2);
    expect((await snapshotIn(store)).sha256).not.toBe('');
  });

  it('falls back when the snapshot is of another version, or cannot be restored', async () => {
    const store = memoryStore();
    await started(store);
    const sound = await snapshotIn(store);
    store.kept = { ...sound, key: 'pyodide 0.0.1; support 0; packages none' };
    const stale = await started(store);
    expect(await stale.startupReport()).toMatchObject({ kind: 'made', note: 'the snapshot was made by another version (pyodide 0.0.1; support 0; packages none)' });
    expect((await stale.execute('2 * 21')).result).toBe(42);

    // Bytes that match their checksum but are no interpreter at all.
    const bytes = new Uint8Array(4096).fill(1);
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    store.kept = { ...sound, bytes, sha256: digest };
    const broken = await started(store);
    expect((await broken.startupReport())?.note).toMatch(/^the snapshot could not be restored/);
    expect((await broken.execute('3 * 3')).result).toBe(9);
  });
});
