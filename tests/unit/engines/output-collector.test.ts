import { describe, expect, it, vi } from 'vitest';
import { appendChunk, OutputCollector } from '../../../src/engines/output-collector';
import type { OutputChunk, OutputListener } from '../../../src/engines/contract';

describe('OutputCollector', () => {
  it('merges neighbouring writes to the same stream and keeps the order across streams', () => {
    const collector = new OutputCollector();
    collector.begin('cell');
    collector.write('stdout', 'a');
    collector.write('stdout', 'b');
    collector.write('stderr', 'c');
    collector.write('stdout', '');
    collector.write('stdout', 'd');
    expect(collector.end().chunks).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'c' },
      { stream: 'stdout', text: 'd' },
    ]);
  });

  it('sends a write at once, tagged with the cell, so output before a long computation shows', () => {
    const listener = vi.fn();
    const collector = new OutputCollector();
    collector.listen(listener);
    collector.begin('cell');
    collector.write('stdout', 'starting\n');
    expect(listener).toHaveBeenCalledWith({ stream: 'stdout', text: 'starting\n' }, 'cell');
  });

  it('holds a flood back and merges it, sending it with a later write or at the end', () => {
    vi.useFakeTimers();
    try {
      const listener = vi.fn();
      const collector = new OutputCollector();
      collector.listen(listener);
      collector.begin('cell');
      for (let line = 0; line < 100; line++) collector.write('stdout', `${line}\n`);
      // 4 sends in the window, then the rest waits, merged into one chunk.
      expect(listener).toHaveBeenCalledTimes(4);
      vi.advanceTimersByTime(60);
      collector.write('stdout', 'late\n');
      expect(listener).toHaveBeenCalledTimes(5);
      expect(listener).toHaveBeenLastCalledWith({ stream: 'stdout', text: `${Array.from({ length: 96 }, (_, i) => `${i + 4}\n`).join('')}late\n` }, 'cell');
      for (let line = 0; line < 20; line++) collector.write('stderr', 'x');
      collector.end();
      expect(listener).toHaveBeenLastCalledWith({ stream: 'stderr', text: 'x'.repeat(17) }, 'cell');
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends held text from tick once its window has passed, and not before', () => {
    vi.useFakeTimers();
    try {
      const listener = vi.fn();
      const collector = new OutputCollector();
      collector.listen(listener);
      collector.begin('cell');
      for (let line = 0; line < 10; line++) collector.write('stdout', 'x');
      collector.tick();
      expect(listener).toHaveBeenCalledTimes(4);
      vi.advanceTimersByTime(60);
      collector.tick();
      expect(listener).toHaveBeenLastCalledWith({ stream: 'stdout', text: 'x'.repeat(6) }, 'cell');
      collector.tick();
      expect(listener).toHaveBeenCalledTimes(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the beginning and the end of a run within its bounds, and says what it left out', () => {
    const listener = vi.fn<OutputListener>();
    const collector = new OutputCollector({ headLines: Infinity, headChars: 6, tailLines: Infinity, tailChars: 4 });
    collector.listen(listener);
    collector.begin('cell');
    for (let line = 0; line < 10; line++) collector.write('stdout', `${line}\n`);
    expect(collector.end()).toEqual({
      chunks: [
        { stream: 'stdout', text: '0\n1\n2\n' },
        { stream: 'stdout', text: '8\n9\n' },
      ],
      omitted: { at: 1, lines: 5, bytes: 10, displays: 0 },
    });
    // The live output is not bounded here: whoever shows it bounds it.
    expect(listener.mock.calls.map(([chunk]) => (chunk.stream === 'display' ? '' : chunk.text)).join('')).toBe(Array.from({ length: 10 }, (_, i) => `${i}\n`).join(''));
  });

  it('passes output written between runs straight to the listener', () => {
    const listener = vi.fn();
    const collector = new OutputCollector();
    collector.listen(listener);
    collector.write('stderr', 'background');
    expect(listener).toHaveBeenCalledWith({ stream: 'stderr', text: 'background' }, null);
    collector.begin('next');
    expect(collector.end().chunks).toEqual([]);
  });

  it('keeps a displayed bundle in its place and never merges text across it', () => {
    const collector = new OutputCollector();
    collector.begin('cell');
    collector.write('stdout', 'a');
    collector.display({ 'text/html': '<b>hi</b>' });
    collector.display({});
    collector.write('stdout', 'b');
    expect(collector.end().chunks).toEqual([
      { stream: 'stdout', text: 'a' },
      { stream: 'display', data: { 'text/html': '<b>hi</b>' } },
      { stream: 'stdout', text: 'b' },
    ]);
  });

  it('sends a bundle at once, even in a flood, after the text held back before it', () => {
    vi.useFakeTimers();
    try {
      const listener = vi.fn();
      const collector = new OutputCollector();
      collector.listen(listener);
      collector.begin('cell');
      for (let line = 0; line < 20; line++) collector.write('stdout', 'x');
      expect(listener).toHaveBeenCalledTimes(4);
      collector.display({ 'text/plain': 'shown' });
      expect(listener.mock.calls.slice(4)).toEqual([
        [{ stream: 'stdout', text: 'x'.repeat(16) }, 'cell'],
        [{ stream: 'display', data: { 'text/plain': 'shown' } }, 'cell'],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes a bundle displayed between runs straight to the listener', () => {
    const listener = vi.fn();
    const collector = new OutputCollector();
    collector.listen(listener);
    collector.display({ 'text/plain': 'late' });
    expect(listener).toHaveBeenCalledWith({ stream: 'display', data: { 'text/plain': 'late' } }, null);
  });
});

describe('appendChunk', () => {
  it('merges text of the same stream only, and never merges bundles', () => {
    const chunks: OutputChunk[] = [];
    const bundle: OutputChunk = { stream: 'display', data: { 'text/plain': '1' } };
    for (const chunk of [{ stream: 'stdout', text: 'a' }, { stream: 'stdout', text: 'b' }, bundle, bundle, { stream: 'stderr', text: 'c' }] as const) appendChunk(chunks, chunk);
    expect(chunks).toEqual([{ stream: 'stdout', text: 'ab' }, bundle, bundle, { stream: 'stderr', text: 'c' }]);
  });
});
