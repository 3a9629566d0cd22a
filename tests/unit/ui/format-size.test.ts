import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from '../../../src/ui/format-size';

describe('formatBytes', () => {
  it('uses the largest unit that keeps the number at least 1', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3.2 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5120.0 GB');
  });
});

describe('formatDuration', () => {
  it('keeps a decimal for short times and switches to seconds past one', () => {
    expect(formatDuration(0.42)).toBe('0.4 ms');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1250)).toBe('1.25 s');
  });
});
