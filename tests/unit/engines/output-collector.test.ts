import { describe, expect, it, vi } from 'vitest';
import { OutputCollector } from '../../../src/engines/output-collector';

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

  it('holds writes back briefly while a run goes on, then sends them tagged with the cell', () => {
    vi.useFakeTimers();
    try {
      const listener = vi.fn();
      const collector = new OutputCollector();
      collector.listen(listener);
      collector.begin('cell');
      collector.write('stdout', 'early ');
      expect(listener).not.toHaveBeenCalled();
      vi.advanceTimersByTime(30);
      collector.write('stdout', 'late');
      expect(listener).toHaveBeenCalledWith({ stream: 'stdout', text: 'early late' }, 'cell');
      collector.write('stderr', 'tail');
      collector.end();
      expect(listener).toHaveBeenLastCalledWith({ stream: 'stderr', text: 'tail' }, 'cell');
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
});
