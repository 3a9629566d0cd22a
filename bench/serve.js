// The benchmark's static server: the production build at / and the bare baseline page at
// /bench/, with or without the headers that make pages cross-origin isolated.
import { createServer } from 'node:http';
import sirv from 'sirv';

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Serves dist/ and dist-bench/ until the returned server is closed.
 * @param {{ port: number, isolated: boolean }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveBench({ port, isolated }) {
  /** @param {import('node:http').ServerResponse} response */
  const setHeaders = (response) => {
    if (!isolated) return;
    for (const [name, value] of Object.entries(ISOLATION)) response.setHeader(name, value);
  };
  const app = sirv('dist', { etag: true, setHeaders });
  const baselines = sirv('dist-bench', { etag: true, setHeaders });
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const notFound = () => {
      response.writeHead(404).end('Not found');
    };
    if (url.startsWith('/bench/')) {
      request.url = url.slice('/bench'.length);
      baselines(request, response, notFound);
    } else {
      app(request, response, notFound);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => {
      resolve(server);
    });
  });
}
