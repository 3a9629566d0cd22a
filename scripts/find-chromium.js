// Finds the Chromium the tests drive: CHROMIUM_PATH, then the system's Chromium, else none
// (Playwright then uses its own download), and the flags it runs with here. Shared by
// ensure-browser.js, playwright.config.ts and the benchmark harness.
import { existsSync } from 'node:fs';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string | undefined} the Chromium executable to use, if one is installed */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  return SYSTEM_PATHS.find((path) => existsSync(path));
}

/** Headless Chromium's flags for this kind of machine; every name but localhost fails fast. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
