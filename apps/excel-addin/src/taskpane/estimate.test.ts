import { describe, expect, it } from 'vitest';
import { secondsLeft, timeLeftText } from './estimate.js';

describe('time estimate', () => {
  it('waits for two seconds of data before guessing', () => {
    expect(secondsLeft({ elapsedMs: 1_500, done: 5_000, total: 100_000 })).toBeUndefined();
    expect(secondsLeft({ elapsedMs: 5_000, done: 0, total: 100_000 })).toBeUndefined();
  });

  it('applies the rate so far to what is left', () => {
    // 2,000 rows in 4 s is 500 rows/s; 17,000 rows to go take 34 s.
    expect(secondsLeft({ elapsedMs: 4_000, done: 2_000, total: 19_000 })).toBe(34);
    expect(timeLeftText(34)).toBe('About 35 seconds left.');
  });

  it('says nothing once everything is in, and rounds long waits to minutes', () => {
    expect(secondsLeft({ elapsedMs: 9_000, done: 500, total: 500 })).toBeUndefined();
    expect(timeLeftText(undefined)).toBe('');
    expect(timeLeftText(4)).toBe('A few seconds left.');
    expect(timeLeftText(200)).toBe('About 3 minutes left.');
  });
});
