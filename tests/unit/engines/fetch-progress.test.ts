import { afterEach, describe, expect, it } from 'vitest';
import { contentLength, countedResponse, countingStream, DownloadMeter, filesIn, type ByteCount } from '../../../src/engines/fetch-progress';

/** A body whose chunks the test hands out one at a time. */
function controlledBody() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    body,
    push(size: number) {
      controller?.enqueue(new Uint8Array(size).fill(7));
    },
    end() {
      controller?.close();
    },
  };
}

/** A fetch that answers every URL from a table, recording what was asked. */
function fakeFetch(responses: Record<string, () => Response>) {
  const asked: string[] = [];
  const fetchImpl: typeof fetch = (input) => {
    const url = input instanceof Request ? input.url : String(input);
    asked.push(url);
    const respond = responses[url];
    return respond ? Promise.resolve(respond()) : Promise.resolve(new Response('missing', { status: 404 }));
  };
  return { fetchImpl, asked };
}

const WASM_HEADER = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

describe('contentLength', () => {
  it('reads Content-Length when the body is sent as is', () => {
    expect(contentLength(new Headers({ 'Content-Length': '9598218' }))).toBe(9598218);
    expect(contentLength(new Headers({ 'Content-Length': '12', 'Content-Encoding': 'identity' }))).toBe(12);
  });

  it('gives null when it is missing, malformed, or counts compressed bytes', () => {
    expect(contentLength(new Headers())).toBeNull();
    expect(contentLength(new Headers({ 'Content-Length': 'lots' }))).toBeNull();
    expect(contentLength(new Headers({ 'Content-Length': '400', 'Content-Encoding': 'gzip' }))).toBeNull();
  });
});

describe('countingStream and countedResponse', () => {
  it('counts each chunk as it is read, before the body has ended', async () => {
    const source = controlledBody();
    const seen: number[] = [];
    const reader = countingStream(source.body, (bytes) => seen.push(bytes)).getReader();
    source.push(3);
    expect((await reader.read()).value?.byteLength).toBe(3);
    expect(seen).toEqual([3]);
    source.push(5);
    await reader.read();
    expect(seen).toEqual([3, 5]);
    source.end();
    expect((await reader.read()).done).toBe(true);
  });

  it('keeps status, status text, headers and bytes', async () => {
    const original = new Response(new Uint8Array([1, 2, 3, 4]), {
      status: 203,
      statusText: 'Non-Authoritative',
      headers: { 'Content-Type': 'application/wasm', 'Content-Length': '4', 'X-Kept': 'yes' },
    });
    let counted = 0;
    const response = countedResponse(original, (bytes) => (counted += bytes));
    expect(response.status).toBe(203);
    expect(response.statusText).toBe('Non-Authoritative');
    expect(response.headers.get('Content-Type')).toBe('application/wasm');
    expect(response.headers.get('X-Kept')).toBe('yes');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3, 4]);
    expect(counted).toBe(4);
  });

  it('is still accepted by WebAssembly.instantiateStreaming', async () => {
    let counted = 0;
    const response = countedResponse(new Response(WASM_HEADER, { headers: { 'Content-Type': 'application/wasm' } }), (bytes) => (counted += bytes));
    const { instance } = await WebAssembly.instantiateStreaming(response);
    expect(instance).toBeInstanceOf(WebAssembly.Instance);
    expect(counted).toBe(WASM_HEADER.byteLength);
  });
});

describe('DownloadMeter', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    Reflect.set(globalThis, 'fetch', realFetch);
  });

  it('counts bytes as they arrive, on a copy, with the total from Content-Length, and hands back the response itself', async () => {
    const source = controlledBody();
    let sent: Response | null = null;
    const { fetchImpl } = fakeFetch({
      'https://host/a.wasm': () => {
        sent = new Response(source.body, { headers: { 'Content-Length': '10' } });
        return sent;
      },
    });
    const counts: ByteCount[] = [];
    const meter = new DownloadMeter({ fetch: fetchImpl, onChange: (count) => counts.push(count) });
    expect(meter.count()).toEqual({ loaded: 0, total: null });
    const stop = meter.watch();
    const response = await meter.fetch('https://host/a.wasm');
    // The response itself, whose URL lets the browser cache the code compiled from it.
    expect(response).toBe(sent);
    const reader = response.body?.getReader();
    expect(meter.count()).toEqual({ loaded: 0, total: 10 });
    // The copy is read on its own; a macrotask lets it catch up with the reader.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
    source.push(4);
    await reader?.read();
    await settled();
    expect(meter.count()).toEqual({ loaded: 4, total: 10 });
    source.push(6);
    await reader?.read();
    source.end();
    await reader?.read();
    await settled();
    stop();
    expect(counts.map((count) => count.loaded)).toEqual([0, 4, 10]);
    expect(counts.at(-1)).toEqual({ loaded: 10, total: 10 });
  });

  it('takes build-time sizes for files the server sends without a usable length, and counts files not yet asked for', async () => {
    const expected = filesIn('https://host/pyodide/', { 'pyodide-lock.json': 6, 'pyodide.asm.wasm': 8 });
    const { fetchImpl } = fakeFetch({
      // Compressed on the fly: the length counts the wire, not the decoded body.
      'https://host/pyodide/pyodide-lock.json': () => new Response('{"a":1}', { headers: { 'Content-Length': '3', 'Content-Encoding': 'gzip' } }),
    });
    const meter = new DownloadMeter({ fetch: fetchImpl, expected });
    const stop = meter.watch();
    expect(meter.count()).toEqual({ loaded: 0, total: 14 });
    await (await meter.fetch(new URL('https://host/pyodide/pyodide-lock.json'))).text();
    stop();
    // The body turned out one byte longer than recorded: the total never falls below what arrived.
    expect(meter.count()).toEqual({ loaded: 7, total: 15 });
    meter.settle();
    expect(meter.count()).toEqual({ loaded: 7, total: 7 });
  });

  it('has no total while a file of unknown size is loading', async () => {
    const { fetchImpl } = fakeFetch({ 'https://host/module.js': () => new Response('export {}') });
    const meter = new DownloadMeter({ fetch: fetchImpl });
    const stop = meter.watch();
    const response = await meter.fetch('https://host/module.js');
    await response.text();
    stop();
    expect(meter.count()).toEqual({ loaded: 9, total: null });
  });

  it('routes the global fetch through itself while watching, and puts it back afterwards', async () => {
    const { fetchImpl, asked } = fakeFetch({ 'https://host/q.wasm': () => new Response(WASM_HEADER, { headers: { 'Content-Length': '8' } }) });
    const meter = new DownloadMeter({ fetch: fetchImpl });
    const stop = meter.watch();
    expect(globalThis.fetch).toBe(meter.fetch);
    await (await fetch('https://host/q.wasm')).arrayBuffer();
    stop();
    expect(globalThis.fetch).toBe(realFetch);
    expect(asked).toEqual(['https://host/q.wasm']);
    expect(meter.count()).toEqual({ loaded: 8, total: 8 });
    // Afterwards its fetch only fetches.
    await (await meter.fetch('https://host/q.wasm')).arrayBuffer();
    expect(meter.count()).toEqual({ loaded: 8, total: 8 });
  });

  it('leaves a fetch that someone else put in place since', () => {
    const meter = new DownloadMeter({ fetch: fakeFetch({}).fetchImpl });
    const stop = meter.watch();
    const policyFetch: typeof fetch = () => Promise.reject(new Error('blocked'));
    Reflect.set(globalThis, 'fetch', policyFetch);
    stop();
    expect(globalThis.fetch).toBe(policyFetch);
  });

  it('passes failed responses and bodiless ones through', async () => {
    const { fetchImpl } = fakeFetch({ 'https://host/empty': () => new Response(null, { status: 204 }) });
    const meter = new DownloadMeter({ fetch: fetchImpl });
    const stop = meter.watch();
    expect((await meter.fetch('https://host/empty')).status).toBe(204);
    const missing = await meter.fetch('https://host/missing');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('missing');
    stop();
    expect(meter.count()).toEqual({ loaded: 0, total: null });
  });
});
