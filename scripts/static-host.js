// A plain static file server for dist/ under a folder, as GitHub Pages or an intranet share
// would serve it: no COOP/COEP, no rewrites, a 404 for anything missing. The e2e tests use it to
// check hosting under /playground/ and the service worker's isolation headers.
//   node scripts/static-host.js [--root dist] [--prefix /playground/] [--port 4175]
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';

/**
 * Serves `root` under `prefix` until the returned server is closed.
 * @param {{ root: string, prefix: string, port: number, host?: string }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveStatic({ root, prefix, port, host = 'localhost' }) {
  // dev: true reads the folder on each request, so a test may change files under a running server.
  const files = sirv(root, { dev: true, etag: true });
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === prefix.replace(/\/$/, '')) {
      response.writeHead(301, { Location: prefix }).end();
      return;
    }
    if (!url.startsWith(prefix)) {
      response.writeHead(404).end('Not found');
      return;
    }
    request.url = url.slice(prefix.length - 1);
    files(request, response, () => {
      response.writeHead(404).end('Not found');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve(server);
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  /** @type {(name: string, fallback: string) => string} */
  const option = (name, fallback) => {
    const index = process.argv.indexOf(`--${name}`);
    return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
  };
  const prefix = option('prefix', '/playground/');
  const port = Number(option('port', '4175'));
  await serveStatic({ root: option('root', 'dist'), prefix, port });
  console.log(`Serving ${option('root', 'dist')} at http://localhost:${String(port)}${prefix}`);
}
