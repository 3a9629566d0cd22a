/**
 * Counts the bytes of an engine's files as they arrive during start-up. Pyodide and QuickJS
 * fetch their own files through the global `fetch`, so while start-up runs the meter puts a
 * counting `fetch` there, whose responses pass their bodies through a counting stream. Files
 * loaded another way (Pyodide imports `pyodide.asm.mjs`) are counted from resource timing
 * entries once they have arrived.
 */

/** The scope's own fetch, kept at module load: later policy may take `fetch` off the global scope. */
const scopeFetch: typeof fetch | undefined = typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined;

/** How much of an engine's files has arrived. */
export interface ByteCount {
  /** Bytes received so far, after any content decoding. */
  readonly loaded: number;
  /** The bytes expected in all, or null while some file's size is unknown. */
  readonly total: number | null;
}

export interface DownloadMeterOptions {
  /**
   * Files start-up is expected to load, by absolute URL, with their sizes recorded at build
   * time. They count towards the total before they are requested, and give a file's size when
   * its server sends no usable Content-Length.
   */
  readonly expected?: ReadonlyMap<string, number>;
  /** Called each time the count changes. */
  readonly onChange?: (count: ByteCount) => void;
  /** The fetch that does the work; the scope's own by default. */
  readonly fetch?: typeof fetch;
}

interface Download {
  readonly url: string;
  loaded: number;
  /** The size from Content-Length or the build-time record; null when neither gives one. */
  readonly total: number | null;
}

/**
 * A file's size from its headers, or null. With a content encoding the header gives the size
 * on the wire, while the body is read decoded, so it cannot be compared with the count.
 */
export function contentLength(headers: Headers): number | null {
  const encoding = headers.get('Content-Encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return null;
  const value = headers.get('Content-Length')?.trim() ?? '';
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** The same bytes, reporting each chunk's size as it goes by. */
export function countingStream(body: ReadableStream<Uint8Array>, onChunk: (bytes: number) => void): ReadableStream<Uint8Array> {
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onChunk(chunk.byteLength);
        controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * A response with the same status, status text, headers and body, whose body reports its
 * progress as it is read. The headers keep `Content-Type: application/wasm`, which
 * `WebAssembly.instantiateStreaming` insists on.
 */
export function countedResponse(response: Response, onChunk: (bytes: number) => void): Response {
  if (response.body === null) return response;
  return new Response(countingStream(response.body, onChunk), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.close();
    },
  });
}

/** Reads a stream to its end, for the counting it does on the way; a failed read just stops it. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done } = await reader.read();
      if (done) return;
    }
  } catch {
    // The original response reports the failure to its reader.
  }
}

export class DownloadMeter {
  private readonly downloads: Download[] = [];
  /** The counting reads still under way, one per counted response. */
  private readonly counting = new Set<Promise<void>>();
  private readonly expected: ReadonlyMap<string, number>;
  private readonly base: typeof fetch | undefined;
  private watching = false;
  /** Once start-up is past its downloads, files never loaded no longer count towards the total. */
  private settled = false;

  constructor(private readonly options: DownloadMeterOptions = {}) {
    this.expected = options.expected ?? new Map<string, number>();
    this.base = options.fetch ?? scopeFetch;
  }

  /** A fetch whose responses are counted while the meter watches; afterwards it only fetches. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (this.base === undefined) throw new TypeError('fetch is not available in this scope');
    const response = await this.base(input, init);
    // Error pages are not the engine's files.
    if (!this.watching || !response.ok || response.body === null) return response;
    const url = urlOf(input);
    const download: Download = { url, loaded: 0, total: contentLength(response.headers) ?? this.expectedSize(url) };
    this.downloads.push(download);
    this.changed();
    // The bytes are counted on a copy: the caller keeps the response itself, whose URL lets the
    // browser cache the compiled code of a wasm file compiled from it (compileStreaming), so a
    // warm start does not compile the engine again.
    const counted = drain(countingStream(response.clone().body ?? emptyStream(), (bytes) => {
      download.loaded += bytes;
      this.changed();
    }));
    this.counting.add(counted);
    void counted.finally(() => this.counting.delete(counted));
    return response;
  };

  /** What has arrived and what is expected, files not yet requested included. */
  count(): ByteCount {
    let loaded = 0;
    let total: number | null = 0;
    for (const download of this.downloads) {
      loaded += download.loaded;
      total = total === null || download.total === null ? null : total + Math.max(download.total, download.loaded);
    }
    let known = this.downloads.length > 0;
    for (const [url, size] of this.expected) {
      if (this.settled || this.seen(url)) continue;
      known = true;
      if (total !== null) total += size;
    }
    return { loaded, total: known ? total : null };
  }

  /**
   * Counts from now on: the global fetch goes through the meter and resource timing reports
   * expected files loaded without fetch. The returned function stops both.
   */
  watch(): () => void {
    const hadOwn = Object.prototype.hasOwnProperty.call(globalThis, 'fetch');
    const previous: unknown = Reflect.get(globalThis, 'fetch');
    Reflect.set(globalThis, 'fetch', this.fetch);
    this.watching = true;
    const observer = this.observeResources();
    return () => {
      this.watching = false;
      observer?.disconnect();
      // Someone else replaced it since; theirs stays.
      if (Reflect.get(globalThis, 'fetch') !== this.fetch) return;
      if (hadOwn) Reflect.set(globalThis, 'fetch', previous);
      else Reflect.deleteProperty(globalThis, 'fetch');
    };
  }

  /**
   * Resolves once every counted response has been counted to its end. The copy is read apart
   * from the response the engine consumes, and under load its reads can trail the engine's, so
   * an engine that reports its next step without waiting would leave its bytes half counted.
   */
  async drained(): Promise<void> {
    while (this.counting.size > 0) await Promise.all(this.counting);
  }

  /** Drops expected files that were never loaded, so the total is what was really fetched. */
  settle(): void {
    const before = this.count().total;
    this.settled = true;
    if (this.count().total !== before) this.changed();
  }

  private seen(url: string): boolean {
    return this.downloads.some((download) => download.url === url);
  }

  private expectedSize(url: string): number | null {
    // A second request for the same file (a retry) has no recorded size of its own.
    return this.seen(url) ? null : (this.expected.get(url) ?? null);
  }

  private changed(): void {
    this.options.onChange?.(this.count());
  }

  /** Counts expected files that arrive without this fetch, such as a script `import()`ed. */
  private observeResources(): PerformanceObserver | null {
    if (this.expected.size === 0 || typeof PerformanceObserver !== 'function' || typeof PerformanceResourceTiming !== 'function') return null;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntriesByType('resource')) {
        if (!(entry instanceof PerformanceResourceTiming)) continue;
        const url = withoutFragment(entry.name);
        if (!this.expected.has(url) || this.seen(url) || entry.decodedBodySize === 0) continue;
        this.downloads.push({ url, loaded: entry.decodedBodySize, total: entry.decodedBodySize });
        this.changed();
      }
    });
    try {
      observer.observe({ type: 'resource' });
    } catch {
      return null;
    }
    return observer;
  }
}

/** The absolute URLs of files in a folder, with their sizes, from sizes by file name. */
export function filesIn(folderUrl: string, sizes: Readonly<Record<string, number>>): Map<string, number> {
  return new Map(Object.entries(sizes).map(([name, size]) => [new URL(name, folderUrl).href, size]));
}

function urlOf(input: RequestInfo | URL): string {
  const raw = input instanceof Request ? input.url : String(input);
  // Relative URLs resolve against the scope's location; Node has none.
  const location: unknown = Reflect.get(globalThis, 'location');
  const base: unknown = location instanceof Object ? Reflect.get(location, 'href') : undefined;
  try {
    return withoutFragment(new URL(raw, typeof base === 'string' ? base : undefined).href);
  } catch {
    return raw;
  }
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
