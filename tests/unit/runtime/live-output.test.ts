import { describe, expect, it, vi } from 'vitest';
import type { OutputChunk } from '../../../src/engines/contract';
import type { BoundedOutput } from '../../../src/engines/output-bounds';
import { createLiveOutput } from '../../../src/runtime/live-output';

const stdout = (text: string): OutputChunk => ({ stream: 'stdout', text });
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `${String(from + index)}\n`).join('');

function setup() {
  const frames: (() => void)[] = [];
  const show = vi.fn<(cellId: string, shown: BoundedOutput) => void>();
  const live = createLiveOutput(
    (cellId) => (cellId === 'gone' ? null : { chunks: [], omitted: null }),
    show,
    (callback) => frames.push(callback),
  );
  return { live, show, frames };
}

describe('createLiveOutput', () => {
  it('shows every chunk queued before a frame in one update at that frame', () => {
    const { live, show, frames } = setup();
    for (let line = 0; line < 3000; line++) live.queue('a', stdout(`${String(line)}\n`));
    expect(show).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames[0]?.();
    expect(show).toHaveBeenCalledTimes(1);
    expect(show.mock.calls[0]?.[1]).toEqual({ chunks: [stdout(lines(0, 1000)), stdout(lines(2000, 3000))], omitted: { at: 1, lines: 1000, bytes: lines(1000, 2000).length, displays: 0 } });
  });

  it('drops what a forgotten cell had queued, and ignores a cell that is gone', () => {
    const { live, show, frames } = setup();
    live.queue('a', stdout('old\n'));
    live.forget('a');
    live.queue('gone', stdout('x'));
    for (const frame of frames) frame();
    expect(show).not.toHaveBeenCalled();
  });

  it('gives its view for the final output when it holds all of it, and bounds the output afresh when not', () => {
    const { live } = setup();
    live.queue('a', stdout(lines(0, 3000)));
    const final = { chunks: [stdout(lines(0, 3000))], omitted: null };
    expect(live.shown('a', final)).toEqual({ chunks: [stdout(lines(0, 1000)), stdout(lines(2000, 3000))], omitted: { at: 1, lines: 1000, bytes: lines(1000, 2000).length, displays: 0 } });
    // A chunk still on its way when the result came: the final output is the truth.
    const longer = { chunks: [stdout(lines(0, 3001))], omitted: null };
    expect(live.shown('a', longer).chunks.at(-1)).toEqual(stdout(lines(2001, 3001)));
  });
});
