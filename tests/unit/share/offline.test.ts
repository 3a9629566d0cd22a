import { describe, expect, it } from 'vitest';
import { createPageKeeper, PageReloadingError, shouldReloadForIsolation, startingInKeptPage } from '../../../src/share/offline';
import { ISOLATION_HEADERS, withIsolationHeaders } from '../../../workers/service-worker/isolation-headers';

function memorySession(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => values.set(key, value),
    removeItem: (key) => values.delete(key),
  };
}

describe('the reload that makes a page cross-origin isolated', () => {
  it('happens once for a page that is not isolated, and never for one that is', () => {
    const session = memorySession();
    expect(shouldReloadForIsolation({ crossOriginIsolated: true, session })).toBe(false);
    expect(shouldReloadForIsolation({ crossOriginIsolated: false, session })).toBe(true);
    // The worker's headers did not help (say, a browser that ignores them): no reload loop.
    expect(shouldReloadForIsolation({ crossOriginIsolated: false, session })).toBe(false);
  });
});

describe('a kept page', () => {
  it('is never reloaded for isolation, and does not use up the one reload', () => {
    const session = memorySession();
    const keeper = createPageKeeper();
    expect(keeper.keep()).toBe(true);
    expect(keeper.kept).toBe(true);
    expect(shouldReloadForIsolation({ crossOriginIsolated: false, session }, keeper)).toBe(false);
    // The next page, not kept, still gets its reload.
    expect(shouldReloadForIsolation({ crossOriginIsolated: false, session }, createPageKeeper())).toBe(true);
  });

  it('cannot be kept once its reload has begun', () => {
    const keeper = createPageKeeper();
    keeper.reloading();
    expect(keeper.keep()).toBe(false);
    expect(keeper.kept).toBe(false);
  });

  it('keeps the page when an engine starts in it, and starts none once its reload has begun', () => {
    const keeper = createPageKeeper();
    const started: string[] = [];
    const start = startingInKeptPage(keeper, (language: string) => {
      started.push(language);
      return language;
    });
    expect(start('python')).toBe('python');
    expect(keeper.kept).toBe(true);

    const leaving = createPageKeeper();
    leaving.reloading();
    const startLate = startingInKeptPage(leaving, (language: string) => {
      started.push(language);
      return language;
    });
    expect(() => startLate('javascript')).toThrow(PageReloadingError);
    expect(started).toEqual(['python']);
  });
});

describe("the service worker's isolation headers", () => {
  it('are added to a response, keeping its status, body and other headers', async () => {
    const original = new Response('<p>hi</p>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html', 'Cross-Origin-Opener-Policy': 'unsafe-none' } });
    const isolated = withIsolationHeaders(original);
    expect(isolated.status).toBe(200);
    expect(isolated.headers.get('content-type')).toBe('text/html');
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(isolated.headers.get(name)).toBe(value);
    expect(await isolated.text()).toBe('<p>hi</p>');
  });

  it('keep a 404 a 404 and a 304 without a body', () => {
    expect(withIsolationHeaders(new Response('missing', { status: 404 })).status).toBe(404);
    const notModified = withIsolationHeaders(new Response(null, { status: 304 }));
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
    expect(notModified.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('leave an opaque response alone, since it cannot be rebuilt', () => {
    const opaque = Response.error();
    expect(withIsolationHeaders(opaque)).toBe(opaque);
  });
});
