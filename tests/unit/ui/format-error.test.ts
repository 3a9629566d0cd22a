import { describe, expect, it } from 'vitest';
import type { UnifiedError } from '../../../src/engines/contract';
import { formatError } from '../../../src/ui/format-error';

const cells: Record<string, { label: string; code: string }> = {
  a: { label: 'cell "helpers"', code: 'def ratio(a, b):\n    return a / b' },
  b: { label: 'cell "main"', code: 'x = 1\nratio(x, 0)' },
};
const lookup = (cellId: string) => cells[cellId];

describe('formatError', () => {
  it('prints a Python traceback from user frames, with each frame\'s source line', () => {
    const error: UnifiedError = {
      language: 'python',
      kind: 'runtime',
      name: 'ZeroDivisionError',
      message: 'division by zero',
      cellId: 'b',
      line: 2,
      column: 12,
      frames: [
        { name: '<module>', line: 2, column: 1, cellId: 'b' },
        { name: 'ratio', line: 2, column: 12, cellId: 'a' },
      ],
    };
    expect(formatError(error, lookup)).toBe(
      [
        'Traceback (most recent call last):',
        '  cell "main", line 2, in <module>',
        '    ratio(x, 0)',
        '  cell "helpers", line 2, in ratio',
        '    return a / b',
        'ZeroDivisionError: division by zero',
      ].join('\n'),
    );
  });

  it('prints a Python syntax error with its line', () => {
    const error: UnifiedError = { language: 'python', kind: 'syntax', name: 'SyntaxError', message: 'invalid syntax', cellId: 'b', line: 1, column: 3, frames: [] };
    expect(formatError(error, lookup)).toBe('  cell "main", line 1\n    x = 1\nSyntaxError: invalid syntax');
  });

  it('prints a JavaScript error innermost frame first, as engines do', () => {
    const error: UnifiedError = {
      language: 'javascript',
      kind: 'runtime',
      name: 'TypeError',
      message: 'bad',
      cellId: 'b',
      line: 2,
      column: 5,
      frames: [
        { name: '<cell>', line: 2, column: 1, cellId: 'b' },
        { name: 'inner', line: 1, column: 5, cellId: 'a' },
      ],
    };
    expect(formatError(error, lookup)).toBe('TypeError: bad\n    at inner (cell "helpers", line 1:5)\n    at <cell> (cell "main", line 2:1)');
  });
});
