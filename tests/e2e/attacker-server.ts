/**
 * An attacker's server on another local port: it records every request that reaches it,
 * WebSocket upgrades included, and answers so that nothing in the browser hides a request
 * (any origin may read it and embed it, as `Access-Control-Allow-Origin: *` and
 * `Cross-Origin-Resource-Policy: cross-origin` say). A script it serves fetches `/ran-module`
 * when it runs, so a test can tell a module that was fetched from one that also ran.
 *
 * It also serves a plain page of its own under `/bare-page/`, with no policy at all, whose
 * worker runs the same probes as the cells: the proof that each probe escapes where nothing
 * stops it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** One request the server saw. */
export interface RecordedRequest {
  readonly method: string;
  /** The path and query, as asked. */
  readonly path: string;
  /** True for a WebSocket upgrade (WebSocket, WebSocketStream). */
  readonly upgrade: boolean;
}

export interface AttackerServer {
  /** The port it listens on, on 127.0.0.1 (and so on localhost). */
  readonly port: number;
  /** What it recorded since the last `clear`, in arrival order; the control page's own files are left out. */
  readonly requests: readonly RecordedRequest[];
  /** Forgets what was recorded. */
  clear(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const OPEN_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': '*',
  'cross-origin-resource-policy': 'cross-origin',
  'cache-control': 'no-store',
};

/** Where the control page's own files live; requests for them are not probes. */
export const CONTROL_PREFIX = '/bare-page/';

/**
 * Listens on `port` (or, when it is taken, on any free port) and serves `control` at
 * `/bare-page/<name>` for the control page.
 */
export async function startAttackerServer(port: number, control: (port: number) => Readonly<Record<string, { type: string; body: string }>>): Promise<AttackerServer> {
  let requests: RecordedRequest[] = [];
  const sockets = new Set<Duplex>();
  let files: Readonly<Record<string, { type: string; body: string }>> = {};

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    if (path.startsWith(CONTROL_PREFIX)) {
      const file = files[path.slice(CONTROL_PREFIX.length)];
      response.writeHead(file ? 200 : 404, { ...OPEN_HEADERS, 'content-type': file?.type ?? 'text/plain' });
      response.end(file?.body ?? 'not found');
      return;
    }
    requests.push({ method, path, upgrade: false });
    // A preflight is recorded too: it already reached the server.
    if (method === 'OPTIONS') {
      response.writeHead(204, OPEN_HEADERS);
      response.end();
      return;
    }
    const { type, body } = answerFor(path, port);
    response.writeHead(200, { ...OPEN_HEADERS, 'content-type': type });
    response.end(body);
  });
  // WebSocket and WebSocketStream: the upgrade request is the escape; nothing is served.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    requests.push({ method: request.method ?? 'GET', path: request.url ?? '/', upgrade: true });
    socket.destroy();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  port = await listen(server, port).catch(() => listen(server, 0));
  files = control(port);
  return {
    port,
    get requests() {
      return requests;
    },
    clear() {
      requests = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** A WOFF header's signature and little else: enough to be asked for and refused as a font. */
const FONT_BODY = 'wOFF\u0000\u0001\u0000\u0000';

function answerFor(path: string, port: number): { type: string; body: string } {
  const bare = path.split('?')[0] ?? path;
  if (/\.(m?js)$/.test(bare)) {
    // Valid as a classic script and as a module, so importScripts, import() and a worker all
    // run it; it calls home by whatever road is left to it.
    const home = `http://127.0.0.1:${String(port)}/ran-module?from=${encodeURIComponent(bare)}`;
    return {
      type: 'text/javascript',
      body: `;(function () {\n  var home = ${JSON.stringify(home)};\n  try { fetch(home).catch(function () {}); } catch (e) {}\n  try { new FontFace('ran', 'url(' + home + '&font)').load().catch(function () {}); } catch (e) {}\n})();\n`,
    };
  }
  if (/\.(woff2?|ttf|otf)$/.test(bare)) return { type: 'font/woff', body: FONT_BODY };
  if (bare.endsWith('.whl')) return { type: 'application/octet-stream', body: 'PK' };
  return { type: 'text/plain', body: 'recorded' };
}
