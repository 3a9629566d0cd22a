import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/engines/contract';
import { filesIn } from '../../../src/engines/fetch-progress';
import { StartupProgress } from '../../../src/engines/startup-progress';

describe('StartupProgress', () => {
  it('moves the fraction with the bytes, then on to the next step once every expected byte is in', async () => {
    const reports: LoadProgress[] = [];
    const files: Record<string, string> = { 'https://host/rt/runtime.wasm': 'abcdefgh', 'https://host/rt/stdlib.zip': 'ijklmnop' };
    const fetchImpl: typeof fetch = (input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return Promise.resolve(new Response(files[url] ?? ''));
    };
    const progress = new StartupProgress((report) => reports.push(report), {
      fetch: fetchImpl,
      expected: filesIn('https://host/rt/', { 'runtime.wasm': 8, 'stdlib.zip': 8 }),
    });
    await progress.whileDownloading(async () => {
      progress.enterDownload('loading runtime', { from: 0.1, to: 0.5, then: 'starting interpreter' });
      // Start-up code fetches through the global fetch, as Pyodide and QuickJS do.
      await (await fetch('https://host/rt/runtime.wasm')).arrayBuffer();
      await (await fetch('https://host/rt/stdlib.zip')).arrayBuffer();
    });
    progress.enter('ready', 1);

    expect(reports[0]).toEqual({ step: 'loading runtime', fraction: 0.1, bytesLoaded: 0, bytesTotal: 16 });
    const halfway = reports.find((report) => report.bytesLoaded === 8);
    expect(halfway).toMatchObject({ step: 'loading runtime', bytesTotal: 16 });
    expect(halfway?.fraction).toBeCloseTo(0.3);
    expect(reports.find((report) => report.bytesLoaded === 16)).toMatchObject({ step: 'starting interpreter', fraction: 0.5 });
    expect(reports.at(-1)).toEqual({ step: 'ready', fraction: 1, bytesLoaded: 16, bytesTotal: 16 });
    const fractions = reports.map((report) => report.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('keeps the download step while the total is unknown', async () => {
    const reports: LoadProgress[] = [];
    const progress = new StartupProgress((report) => reports.push(report), { fetch: () => Promise.resolve(new Response('twelve bytes')) });
    await progress.whileDownloading(async () => {
      progress.enterDownload('loading runtime', { from: 0.05, to: 0.75, then: 'starting runtime' });
      await (await fetch('https://host/unknown.wasm')).text();
    });
    expect(reports.map((report) => report.step)).toEqual(['loading runtime', 'loading runtime', 'loading runtime']);
    expect(reports.at(-1)).toEqual({ step: 'loading runtime', fraction: 0.05, bytesLoaded: 12, bytesTotal: null });
  });

  it('counts every byte before start-up moves on, even when the counting trails the engine', async () => {
    const reports: LoadProgress[] = [];
    // The body arrives in three chunks, a tick apart; the engine keeps the response and goes on
    // at once, as a wasm compiled from the stream can finish before the counting copy is read.
    const slowBody = (): ReadableStream<Uint8Array> => {
      let sent = 0;
      return new ReadableStream({
        async pull(controller) {
          await new Promise((done) => setTimeout(done, 5));
          if (sent === 3) {
            controller.close();
            return;
          }
          sent += 1;
          controller.enqueue(new Uint8Array(4));
        },
      });
    };
    const progress = new StartupProgress((report) => reports.push(report), { fetch: () => Promise.resolve(new Response(slowBody(), { headers: { 'Content-Length': '12' } })) });
    await progress.whileDownloading(async () => {
      progress.enterDownload('loading runtime', { from: 0.05, to: 0.75, then: 'starting runtime' });
      await fetch('https://host/runtime.wasm');
    });
    progress.enter('ready', 1);
    const ready = reports.findIndex((report) => report.step === 'ready');
    expect(reports.slice(0, ready).at(-1)).toMatchObject({ step: 'starting runtime', bytesLoaded: 12, bytesTotal: 12 });
    expect(reports.at(-1)).toEqual({ step: 'ready', fraction: 1, bytesLoaded: 12, bytesTotal: 12 });
  });
});
