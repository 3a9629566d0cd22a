import { describe, expect, it } from 'vitest';
import { COLLAPSE_ABOVE_LINES, collapsedPreview, lineCount, PREVIEW_LINES, startsCollapsed } from '../../../src/ui/inert/inert-collapse';

const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n');

describe('lineCount', () => {
  it('counts lines, not counting a final line break as one more', () => {
    expect(lineCount('')).toBe(1);
    expect(lineCount('one')).toBe(1);
    expect(lineCount('one\n')).toBe(1);
    expect(lineCount('one\ntwo')).toBe(2);
    expect(lineCount('one\r\ntwo\r\n\n')).toBe(3);
    expect(lineCount(lines(500))).toBe(500);
  });
});

describe('startsCollapsed', () => {
  it('collapses only long blocks', () => {
    expect(startsCollapsed(COLLAPSE_ABOVE_LINES)).toBe(false);
    expect(startsCollapsed(COLLAPSE_ABOVE_LINES + 1)).toBe(true);
  });
});

describe('collapsedPreview', () => {
  it('shows the first few lines of a long block, exactly as written', () => {
    const text = lines(40).replaceAll('\n', '\r\n');
    const preview = collapsedPreview(text, 40);
    expect(preview).toBe(lines(PREVIEW_LINES).replaceAll('\n', '\r\n') + '\r');
    expect(text.startsWith(preview ?? 'missing')).toBe(true);
  });

  it('always hides at least one line of a short block, and cannot collapse a one-line block', () => {
    expect(collapsedPreview('A {\n}', 2)).toBe('A {');
    expect(collapsedPreview(lines(3), 3)).toBe(lines(2));
    expect(collapsedPreview('A { }', 1)).toBeNull();
  });
});
