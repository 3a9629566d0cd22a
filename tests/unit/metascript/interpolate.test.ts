import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../src/metascript/interpolate';

describe('interpolate', () => {
  it('replaces known names and leaves unknown ones as written', () => {
    const values: Record<string, string> = { radius: '6371', name: 'Earth' };
    expect(interpolate('The radius of ${name} is ${ radius } km; ${missing} stays.', (key) => values[key])).toBe(
      'The radius of Earth is 6371 km; ${missing} stays.',
    );
  });

  it('leaves text without placeholders alone', () => {
    expect(interpolate('a $ b {c} $x', () => 'never')).toBe('a $ b {c} $x');
  });
});
