import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OutputChunk } from '../../../src/engines/contract';
import { boundOutput, OutputBounder, omittedNotice, outputText, SHOWN_BOUNDS, utf8Length, type OutputBounds } from '../../../src/engines/output-bounds';

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `${String(from + index)}\n`).join('');
const stdout = (text: string): OutputChunk => ({ stream: 'stdout', text });
const small: OutputBounds = { headLines: 3, headChars: 1000, tailLines: 2, tailChars: 1000 };

describe('OutputBounder', () => {
  it('keeps output within its bounds whole, merged as the engine merges it', () => {
    const bounder = new OutputBounder(small);
    for (const chunk of [stdout('a\n'), stdout('b\n'), { stream: 'stderr', text: 'c\n' } as const, stdout('d')]) bounder.add(chunk);
    expect(bounder.view()).toEqual({ chunks: [stdout('a\nb\n'), { stream: 'stderr', text: 'c\n' }, stdout('d')], omitted: null });
  });

  it('keeps the first and the last lines of a flood written line by line, and counts the lines and bytes between', () => {
    const bounder = new OutputBounder(small);
    for (let line = 0; line < 10; line++) bounder.add(stdout(`${String(line)}\n`));
    expect(bounder.view()).toEqual({ chunks: [stdout('0\n1\n2\n'), stdout('8\n9\n')], omitted: { at: 1, lines: 5, bytes: 10, displays: 0 } });
  });

  it('gives the same view whether the flood comes in one chunk or line by line', () => {
    const whole = new OutputBounder(SHOWN_BOUNDS);
    whole.add(stdout(lines(0, 5000)));
    const byLine = new OutputBounder(SHOWN_BOUNDS);
    for (let line = 0; line < 5000; line++) byLine.add(stdout(`${String(line)}\n`));
    const view = whole.view();
    expect(byLine.view()).toEqual(view);
    expect(view.chunks).toEqual([stdout(lines(0, 1000)), stdout(lines(4000, 5000))]);
    expect(view.omitted).toEqual({ at: 1, lines: 3000, bytes: lines(1000, 4000).length, displays: 0 });
  });

  it('bounds characters as well as lines, cutting a line too long for the beginning and starting the end at a whole line', () => {
    const bounder = new OutputBounder({ headLines: 100, headChars: 5, tailLines: 100, tailChars: 6 });
    bounder.add(stdout('abcdefgh\nij\nkl\nmn\n'));
    expect(bounder.view()).toEqual({ chunks: [stdout('abcde'), stdout('kl\nmn\n')], omitted: { at: 1, lines: 2, bytes: 7, displays: 0 } });
  });

  it('counts a displayed bundle as a line, and counts the bundles it leaves out', () => {
    const bundle: OutputChunk = { stream: 'display', data: { 'text/plain': 'x' } };
    const bounder = new OutputBounder({ headLines: 1, headChars: 100, tailLines: 1, tailChars: 100 });
    for (let index = 0; index < 4; index++) bounder.add(bundle);
    expect(bounder.view()).toEqual({ chunks: [bundle, bundle], omitted: { at: 1, lines: 0, bytes: 0, displays: 2 } });
  });

  it('keeps the streams of the end apart, in order', () => {
    const bounder = new OutputBounder(small);
    bounder.add(stdout(lines(0, 10)));
    bounder.add({ stream: 'stderr', text: 'oops\n' });
    bounder.add(stdout('last\n'));
    expect(bounder.view()).toEqual({ chunks: [stdout('0\n1\n2\n'), { stream: 'stderr', text: 'oops\n' }, stdout('last\n')], omitted: { at: 1, lines: 7, bytes: 14, displays: 0 } });
  });

  it('keeps the objects of an unchanged beginning from one view to the next', () => {
    const bounder = new OutputBounder(small);
    bounder.add(stdout(lines(0, 10)));
    const first = bounder.view();
    bounder.add(stdout('more\n'));
    expect(bounder.view().chunks[0]).toBe(first.chunks[0]);
  });

  it('tells whether it holds exactly an output, so that its view can stand for it', () => {
    const bounder = new OutputBounder(small);
    bounder.add(stdout('ab'));
    bounder.add(stdout('c'));
    expect(bounder.holds({ chunks: [stdout('abc')], omitted: null })).toBe(true);
    expect(bounder.holds({ chunks: [stdout('abcd')], omitted: null })).toBe(false);
    expect(bounder.holds({ chunks: [stdout('abc'), { stream: 'display', data: { 'text/plain': '1' } }], omitted: null })).toBe(false);
  });

  it('shows what it keeps of any output in order: the beginning is a start, the end an end, and the counts add up', () => {
    const chunk = fc.oneof(
      fc.record({ stream: fc.constantFrom('stdout' as const, 'stderr' as const), text: fc.stringMatching(/^[ab\n]{0,12}$/) }),
      fc.constant<OutputChunk>({ stream: 'display', data: { 'text/plain': 'x' } }),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 40 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (chunks, headLines, tailLines) => {
        const bounder = new OutputBounder({ headLines, headChars: 20, tailLines, tailChars: 20 });
        for (const item of chunks) bounder.add(item);
        const view = bounder.view();
        const text = (list: readonly OutputChunk[]) => list.map((item) => (item.stream === 'display' ? '\u0000' : item.text)).join('');
        const all = text(chunks);
        if (view.omitted === null) {
          expect(text(view.chunks)).toBe(all);
          return;
        }
        const head = text(view.chunks.slice(0, view.omitted.at));
        const tail = text(view.chunks.slice(view.omitted.at));
        expect(all.startsWith(head)).toBe(true);
        expect(all.endsWith(tail)).toBe(true);
        const middle = all.slice(head.length, all.length - tail.length);
        expect(view.omitted.lines).toBe(middle.split('\n').length - 1);
        expect(view.omitted.displays).toBe(middle.split('\u0000').length - 1);
        expect(view.omitted.bytes).toBe(middle.replaceAll('\u0000', '').length);
      }),
    );
  });
});

describe('boundOutput', () => {
  it('bounds an output that already has a gap, adding the counts, and keeps its end', () => {
    const kept = { chunks: [stdout(lines(0, 10)), stdout(lines(90, 100))], omitted: { at: 1, lines: 80, bytes: 160, displays: 1 } };
    expect(boundOutput(kept, small)).toEqual({
      chunks: [stdout('0\n1\n2\n'), stdout('98\n99\n')],
      omitted: { at: 1, lines: 7 + 80 + 8, bytes: 14 + 160 + 24, displays: 1 },
    });
  });
});

describe('outputText', () => {
  it('puts the notice on a line of its own between the beginning and the end', () => {
    const text = outputText({ chunks: [stdout('0\n1'), stdout('9\n')], omitted: { at: 1, lines: 998_000, bytes: 6_878_000, displays: 0 } });
    expect(text).toBe('0\n1\n… 998,000 lines (6.6 MB) left out …\n9\n');
  });

  it('is the plain text when nothing was left out, without displayed bundles', () => {
    expect(outputText({ chunks: [stdout('a\n'), { stream: 'display', data: { 'text/plain': 'x' } }, { stream: 'stderr', text: 'b' }], omitted: null })).toBe('a\nb');
  });

  it('names displayed outputs that were left out', () => {
    expect(omittedNotice({ at: 0, lines: 1, bytes: 2048, displays: 3 })).toBe('… 1 line (2.0 KB) and 3 displayed outputs left out …');
  });
});

describe('utf8Length', () => {
  it('counts as TextEncoder does, astral characters and lone surrogates included', () => {
    for (const text of ['', 'ascii', 'é', '€', '😀', 'a😀b', '\ud800', '\udc00x', 'naïve café 日本']) expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
