import { describe, expect, it } from 'vitest';
import { lineBlocks } from '../../../src/ui/output/line-blocks';

describe('lineBlocks', () => {
  it('leaves text of fewer than two blocks of lines as one inline piece', () => {
    expect(lineBlocks('a\nb\nc', 2)).toEqual({ lead: 'a\nb\nc', blocks: [], rest: '' });
    expect(lineBlocks('no break', 2)).toEqual({ lead: 'no break', blocks: [], rest: '' });
  });

  it('keeps the first line inline, cuts whole lines into blocks, and leaves the rest inline', () => {
    expect(lineBlocks('open\n1\n2\n3\n4\n5\npartial', 2)).toEqual({ lead: 'open\n', blocks: ['1\n2\n', '3\n4\n'], rest: '5\npartial' });
  });

  it('loses and adds nothing', () => {
    const text = Array.from({ length: 1234 }, (_, index) => `line ${String(index)}\n`).join('') + 'end';
    const { lead, blocks, rest } = lineBlocks(text);
    expect(lead + blocks.join('') + rest).toBe(text);
    expect(blocks.every((block) => block.split('\n').length === 51)).toBe(true);
  });
});
