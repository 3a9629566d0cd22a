// What every part of the benchmark shares: the command line's options, the browser, and the
// pages it opens (the playground and the bare baselines), each in a fresh context.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.js';

export const argv = process.argv.slice(2);
/** --quick measures each figure once (or a few times where one sample means nothing), so that CI keeps the harness working. */
export const quick = argv.includes('--quick');
const runsArgument = argv.indexOf('--runs');
/** Samples per figure. */
export const RUNS = runsArgument >= 0 ? Number(argv[runsArgument + 1]) : quick ? 1 : 5;
/** Calls per round-trip figure. */
export const CALLS = quick ? 50 : 300;
/** BENCH_PORT_BASE moves the two servers (the base and the next port), so that checkouts side by side can each run it. */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? '4190');
export const PORTS = { isolated: PORT_BASE, plain: PORT_BASE + 1 };

/** @type {import('@playwright/test').Browser | null} */
let browser = null;

/** Starts headless Chromium; its version. */
export async function launchBrowser() {
  const executablePath = findChromium();
  browser = await chromium.launch({ ...(executablePath === undefined ? {} : { executablePath }), args: CHROMIUM_ARGS });
  return browser.version();
}

export async function closeBrowser() {
  await browser?.close();
  browser = null;
}

/** A fresh browser context (an empty cache, as on a first visit), with every non-local request refused. */
export async function freshContext() {
  if (!browser) throw new Error('the browser is not started');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', async (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === 'localhost' || hostname === '127.0.0.1') await route.continue();
    else await route.abort('blockedbyclient');
  });
  return context;
}

/** @param {'isolated' | 'plain'} server @param {string} path */
export const url = (server, path) => `http://localhost:${String(PORTS[server])}${path}`;

/** Opens the playground and waits until it is usable. @param {import('@playwright/test').BrowserContext} context */
export async function openApp(context, server = /** @type {'isolated' | 'plain'} */ ('isolated')) {
  const page = await context.newPage();
  await page.goto(url(server, '/'));
  await page.evaluate(() => window.playground.ready());
  return page;
}

/** Opens the baseline page. @param {import('@playwright/test').BrowserContext} context */
export async function openBaselines(context) {
  const page = await context.newPage();
  await page.goto(url('isolated', '/bench/'));
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

/** Repeats an async measurement `count` times. @param {number} count @param {() => Promise<number>} once */
export async function repeat(count, once) {
  const values = [];
  for (let index = 0; index < count; index++) values.push(await once());
  return values;
}

/** Where the bare Pyodide worker finds the same files as the playground's. */
export const PYODIDE_INDEX = url('isolated', '/pyodide/');
