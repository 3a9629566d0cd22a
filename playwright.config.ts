import { defineConfig, type Project } from '@playwright/test';
// Every name but localhost fails fast (CHROMIUM_ARGS), on top of the request routing in tests/e2e/fixtures.ts.
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.js';

const executablePath = findChromium();

const VITE = 'node node_modules/vite/bin/vite.js';
/** PLAYGROUND_PORT_BASE moves all four servers, so two checkouts can run their tests side by side. */
const PORT_BASE = Number(process.env.PLAYGROUND_PORT_BASE ?? '4173');
const PORTS = { isolated: PORT_BASE, notIsolated: PORT_BASE + 1, staticHost: PORT_BASE + 2, devServer: PORT_BASE + 3 } as const;

/** Where the static-host project serves dist/, as a GitHub Pages project site would. */
const STATIC_FOLDER = '/playground/';

function project(name: string, port: number, extra: Partial<Project> = {}, { folder = '/', serviceWorkers = 'block' } = {}): Project {
  return {
    name,
    use: {
      browserName: 'chromium',
      baseURL: `http://localhost:${String(port)}${folder}`,
      launchOptions: { ...(executablePath === undefined ? {} : { executablePath }), args: CHROMIUM_ARGS },
      // The offline service worker precaches 15 MB; only the static-host tests, which are about
      // it, let it install. The others test the app as the server delivers it.
      serviceWorkers,
    },
    ...extra,
  };
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: true,
  // Two cores: one browser per core, each starting its own engines.
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['github']] : 'list',
  projects: [
    // vite preview of the production build, with COOP/COEP: cross-origin isolated.
    project('isolated', PORTS.isolated, { testIgnore: /static-host|dev-server/ }),
    // The same build without the headers: no SharedArrayBuffer, the fallback paths.
    project('not-isolated', PORTS.notIsolated, { testIgnore: /static-host|dev-server|readme-screenshot/ }),
    // dist/ under /playground/ from a plain static file server that sends no COOP/COEP: the
    // service worker makes the page isolated and keeps it working offline.
    project('static-host', PORTS.staticHost, { testMatch: /static-host/ }, { folder: STATIC_FOLDER, serviceWorkers: 'allow' }),
    // The dev server that `npm start` runs, serving Pyodide from node_modules.
    project('dev-server', PORTS.devServer, { testMatch: /dev-server/ }),
  ],
  webServer: [
    { command: `${VITE} preview --port ${PORTS.isolated} --strictPort`, url: `http://localhost:${PORTS.isolated}/`, reuseExistingServer: !process.env.CI },
    {
      command: `${VITE} preview --port ${PORTS.notIsolated} --strictPort`,
      url: `http://localhost:${PORTS.notIsolated}/`,
      env: { PLAYGROUND_ISOLATION: 'off' },
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `node scripts/static-host.js --root dist --prefix ${STATIC_FOLDER} --port ${String(PORTS.staticHost)}`,
      url: `http://localhost:${String(PORTS.staticHost)}${STATIC_FOLDER}`,
      reuseExistingServer: !process.env.CI,
    },
    { command: `${VITE} --port ${PORTS.devServer} --strictPort`, url: `http://localhost:${PORTS.devServer}/`, reuseExistingServer: !process.env.CI },
  ],
});
