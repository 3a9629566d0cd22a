import { describe, expect, it, vi } from 'vitest';
import { appendChunk, OutputCollector } from '../../../src/engines/output-collector';
import type { OutputChunk } from '../../../src/engines/contract';

describe('OutputCollector', () => {
  it('merges neighbouring writes to the same stream and keeps the order across streams', () => {
    const collector = new OutputCollector();
    collector.begin('cell');
    collector.write('stdout', 'a');
    collector.write('stdout', 'b');
    collector.write('stderr', 'c');
    collector.write('stdout', '');
    collector.write('stdout', 'd');
    expect(collector.end()).toEqual([
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
      // 16 sends in the window, then the rest waits, merged into one chunk.
      expect(listener).toHaveBeenCalledTimes(16);
      vi.advanceTimersByTime(30);
      collector.write('stdout', 'late\n');
      expect(listener).toHaveBeenCalledTimes(17);
      expect(listener).toHaveBeenLastCalledWith({ stream: 'stdout', text: `${Array.from({ length: 84 }, (_, i) => `${i + 16}\n`).join('')}late\n` }, 'cell');
      for (let line = 0; line < 20; line++) collector.write('stderr', 'x');
      collector.end();
      expect(listener).toHaveBeenLastCalledWith({ stream: 'stderr', text: 'xxxxx' }, 'cell');
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes output written between runs straight to the listener', () => {
    const listener = vi.fn();
    const collector = new OutputCollector();
    collector.listen(listener);
    collector.write('stderr', 'background');
    expect(listener).toHaveBeenCalledWith({ stream: 'stderr', text: 'background' }, null);
    collector.begin('next');
    expect(collector.end()).toEqual([]);
  });

  it('keeps a displayed bundle in its place and never merges text across it', () => {
    const collector = new OutputCollector();
    collector.begin('cell');
    collector.write('stdout', 'a');
    collector.display({ 'text/html': '<b>hi</b>' });
    collector.display({});
    collector.write('stdout', 'b');
    expect(collector.end()).toEqual([
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
      expect(listener).toHaveBeenCalledTimes(16);
      collector.display({ 'text/plain': 'shown' });
      expect(listener.mock.calls.slice(16)).toEqual([
        [{ stream: 'stdout', text: 'xxxx' }, 'cell'],
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
