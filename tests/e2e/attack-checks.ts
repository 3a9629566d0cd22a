/**
 * What the attacker's tests check after a probe (security.spec.ts, static-host-attack.spec.ts):
 * that each probe ran, and that nothing reached the attacker's server or left storage the
 * page can list.
 */
import type { Page } from '@playwright/test';
import { EVAL_ROADS, JS_ROADS, PYODIDE_ROADS, ROADS } from './attack-roads';
import { javascriptCellProbe, javascriptStaticImport, LISTEN_BROADCAST, PAGE_STORAGE, pythonProbe, type Target } from './attack-scripts';
import { config, expect, load, runCell, test } from './attack-fixtures';
import type { AttackerServer, RecordedRequest } from './attacker-server';
import { tars } from './documents';

/** Requests still under way when a cell ends (a nested worker's, a socket's) have this long to arrive. */
export const STRAGGLERS_MS = 1000;

type Storage = Record<string, string[]>;

function isStorage(value: unknown): value is Storage {
  return typeof value === 'object' && value !== null && Object.values(value).every((names) => Array.isArray(names) && names.every((name) => typeof name === 'string'));
}

/** What storage the page can list that a probe run under one of these tags left, by road. */
export async function storageLeft(page: Page, tags: readonly string[]): Promise<Storage> {
  const seen: unknown = await page.evaluate(PAGE_STORAGE);
  if (!isStorage(seen)) throw new Error('the page storage listing gave no lists');
  return Object.fromEntries(Object.entries(seen).map(([road, names]) => [road, names.filter((name) => tags.some((tag) => name === `attack-${tag}`))]));
}

const NOTHING_LEFT: Storage = Object.fromEntries(ROADS.filter((road) => road.kind === 'storage').map((road) => [road.name, []]));

/** Each request as one line, for messages that say which road escaped. */
export const lines = (requests: readonly RecordedRequest[]) => requests.map((request) => `${request.upgrade ? 'UPGRADE' : request.method} ${request.path}`);

/** The lines a probe cell printed, checked to name every probe it was given. */
export function expectEveryProbeRan(output: string, prefix: string, names: readonly string[]): void {
  const printed = output.split('\n');
  for (const name of names) expect.soft(printed.some((line) => line.startsWith(`${prefix} ${name}:`)), `the probe "${prefix} ${name}" printed its outcome`).toBe(true);
}

export async function expectNoEscape(attacker: AttackerServer, page: Page, tags: readonly string[]): Promise<void> {
  await page.waitForTimeout(STRAGGLERS_MS);
  expect.soft(lines(attacker.requests), 'requests that reached the attacker').toEqual([]);
  expect.soft(await storageLeft(page, tags), 'storage the page can list').toEqual(NOTHING_LEFT);
}

/** Runs every road from Python, under `tier`, in a page that holds the playground, and checks that none escaped. */
export async function expectPythonContained(page: Page, attacker: AttackerServer, tier: string, tag: string): Promise<void> {
  const target: Target = { port: attacker.port, tag: `py-${tag}` };
  const suite: Target = { port: attacker.port, tag: `pyjs-${tag}` };
  await load(page, config({ security: tier }) + tars({ kind: 'PYTHON', name: 'attack', code: pythonProbe(target, suite) }));
  await page.evaluate(LISTEN_BROADCAST);
  attacker.clear();
  const report = await runCell(page, 'attack');
  await test.info().attach(`${tag} Python output`, { body: report.output });
  expect.soft(report.errors, 'the probe cell itself ran').toEqual([]);
  expectEveryProbeRan(report.output, 'js-road', ['import js', ...JS_ROADS.map((road) => road.name)]);
  expectEveryProbeRan(report.output, 'probe', [...ROADS.filter((road) => road.py !== null).map((road) => road.name), ...PYODIDE_ROADS.map((road) => road.name)]);
  expectEveryProbeRan(report.output, 'eval', EVAL_ROADS.map((road) => road.name));
  expect.soft(report.output, 'the JavaScript suite was tried').toMatch(/^suite/m);
  await expectNoEscape(attacker, page, [target.tag, suite.tag]);
}

/** Runs a JavaScript cell's roads, under `tier`, in a page that holds the playground, and checks that none escaped. */
export async function expectJavaScriptContained(page: Page, attacker: AttackerServer, tier: string, tag: string): Promise<void> {
  const target: Target = { port: attacker.port, tag: `js-${tag}` };
  await load(page, config({ security: tier }) + tars({ kind: 'JAVASCRIPT', name: 'attack', code: javascriptCellProbe(target) }, { kind: 'JAVASCRIPT', name: 'static', code: javascriptStaticImport(target) }));
  attacker.clear();
  const report = await runCell(page, 'attack');
  await test.info().attach(`${tag} JavaScript output`, { body: report.output });
  expect.soft(report.errors).toEqual([]);
  // QuickJS's scope holds none of the worker's capabilities (the same line shows fetch under Unrestricted).
  expect.soft(report.output.split('\n').filter((line) => line.startsWith('globals:')), 'the capabilities the cell has').toEqual(['globals: none']);
  expectEveryProbeRan(report.output, 'probe', [...ROADS.map((road) => road.name), 'import-variable']);
  const imported = await runCell(page, 'static');
  expect.soft(imported.output, 'the static import did not run').not.toContain('static import ran');
  await expectNoEscape(attacker, page, [target.tag]);
}

/** The Python and JavaScript cells that try every road under Unrestricted, whose tier has the network. */
export function unrestrictedProbes(attacker: AttackerServer, tag: string): string {
  const python: Target = { port: attacker.port, tag: `py-${tag}` };
  const javascript: Target = { port: attacker.port, tag: `js-${tag}` };
  return tars({ kind: 'PYTHON', name: 'attack', code: pythonProbe(python, { port: attacker.port, tag: `pyjs-${tag}` }) }, { kind: 'JAVASCRIPT', name: 'attackjs', code: javascriptCellProbe(javascript) });
}

/** Runs the cells of `unrestrictedProbes`, already loaded under Unrestricted with consent, and checks that their fetch reached the attacker: the proof that the tests see an escape. */
export async function expectUnrestrictedEscape(page: Page, attacker: AttackerServer, tag: string): Promise<void> {
  attacker.clear();
  const fromPython = await runCell(page, 'attack');
  const fromJavaScript = await runCell(page, 'attackjs');
  await test.info().attach(`${tag} Python output`, { body: fromPython.output });
  await test.info().attach(`${tag} JavaScript output`, { body: fromJavaScript.output });
  await page.waitForTimeout(STRAGGLERS_MS);
  await test.info().attach(`${tag} requests`, { body: lines(attacker.requests).join('\n') });
  const paths = attacker.requests.map((request) => request.path);
  expect(paths).toEqual(expect.arrayContaining([`/py-${tag}/fetch`, `/py-${tag}/pyfetch`, `/js-${tag}/fetch`]));
  expect(fromPython.output).toContain('probe fetch: settled');
  expect(fromJavaScript.output).toContain('probe fetch: settled');
  // The globals line sees a capability where the cell has one.
  expect(fromJavaScript.output).toMatch(/^globals: fetch$/m);
}
