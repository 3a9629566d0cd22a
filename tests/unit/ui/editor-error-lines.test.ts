import { describe, expect, it } from 'vitest';
import type { ErrorFrame, UnifiedError } from '../../../src/engines/contract';
import { errorLinesOf } from '../../../src/ui/editor/error-lines';

function error(fields: { cellId: string | null; line: number | null; frames?: ErrorFrame[] }): UnifiedError {
  return { language: 'python', kind: 'runtime', name: 'ValueError', message: 'bad', column: null, frames: [], ...fields };
}

const frame = (cellId: string | null, line: number): ErrorFrame => ({ name: 'f', line, column: null, cellId });

describe('errorLinesOf', () => {
  it('is empty when the cell has no errors', () => {
    expect(errorLinesOf([], 'a')).toEqual([]);
  });

  it("marks a frameless error's own line, as for a syntax error", () => {
    expect(errorLinesOf([error({ cellId: 'a', line: 3 })], 'a')).toEqual([3]);
  });

  it('marks every frame in this cell, sorted and without repeats', () => {
    const raised = error({ cellId: 'a', line: 2, frames: [frame('a', 5), frame('a', 2), frame('a', 5)] });
    expect(errorLinesOf([raised], 'a')).toEqual([2, 5]);
  });

  it("leaves out frames in other cells, whose lines number another cell's code", () => {
    // Cell a called a function defined in cell b, which raised on its line 7.
    const raised = error({ cellId: 'a', line: 7, frames: [frame('a', 1), frame('b', 7)] });
    expect(errorLinesOf([raised], 'a')).toEqual([1]);
    expect(errorLinesOf([raised], 'b')).toEqual([7]);
  });

  it('marks nothing for an error without a line or with frames of unknown cells', () => {
    expect(errorLinesOf([error({ cellId: 'a', line: null })], 'a')).toEqual([]);
    expect(errorLinesOf([error({ cellId: 'a', line: 4, frames: [frame(null, 4)] })], 'a')).toEqual([]);
  });

  it("ignores a frameless error of another cell", () => {
    expect(errorLinesOf([error({ cellId: 'b', line: 3 })], 'a')).toEqual([]);
  });

  it('combines several errors', () => {
    expect(errorLinesOf([error({ cellId: 'a', line: 4 }), error({ cellId: 'a', line: 1, frames: [frame('a', 1)] })], 'a')).toEqual([1, 4]);
  });
});
