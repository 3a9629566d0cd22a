import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../../src/ui/relative-time';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `now - elapsed` was, in English. */
function ago(elapsed: number): string {
  return relativeTime(NOW - elapsed, NOW, 'en');
}

describe('relativeTime', () => {
  it('says "just now" for anything under a minute', () => {
    expect(ago(0)).toBe('just now');
    expect(ago(30 * SECOND)).toBe('just now');
    expect(ago(MINUTE - 1)).toBe('just now');
  });

  it('says "just now" for a time in the future, as from a clock that moved back', () => {
    expect(ago(-5 * HOUR)).toBe('just now');
  });

  it('counts whole minutes and hours, rounding down', () => {
    expect(ago(MINUTE)).toBe('1 minute ago');
    expect(ago(2 * MINUTE - 1)).toBe('1 minute ago');
    expect(ago(5 * MINUTE + 59 * SECOND)).toBe('5 minutes ago');
    expect(ago(HOUR - 1)).toBe('59 minutes ago');
    expect(ago(HOUR)).toBe('1 hour ago');
    expect(ago(23 * HOUR + 59 * MINUTE)).toBe('23 hours ago');
  });

  it('uses words for the last day, week, month and year', () => {
    expect(ago(DAY)).toBe('yesterday');
    expect(ago(7 * DAY)).toBe('last week');
    expect(ago(30 * DAY)).toBe('last month');
    expect(ago(365 * DAY)).toBe('last year');
  });

  it('uses the largest whole unit for longer times', () => {
    expect(ago(2 * DAY)).toBe('2 days ago');
    expect(ago(6 * DAY + 23 * HOUR)).toBe('6 days ago');
    expect(ago(13 * DAY)).toBe('last week');
    expect(ago(14 * DAY)).toBe('2 weeks ago');
    expect(ago(29 * DAY)).toBe('4 weeks ago');
    expect(ago(90 * DAY)).toBe('3 months ago');
    expect(ago(364 * DAY)).toBe('12 months ago');
    expect(ago(3 * 365 * DAY + 10 * DAY)).toBe('3 years ago');
  });

  it('formats in the locale it is given', () => {
    expect(relativeTime(NOW - 5 * MINUTE, NOW, 'de')).toBe('vor 5 Minuten');
  });
});
