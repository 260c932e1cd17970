import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('token bucket', () => {
  it('allows a burst, then refills at the given rate, per client', () => {
    let now = 0;
    const limiter = createRateLimiter(2, 1, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
    expect(limiter.take('b')).toBe(0);
    now = 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('keeps at most maxClients buckets', () => {
    const limiter = createRateLimiter(1, 1, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // 'a' was evicted, so it starts with a full bucket again.
    expect(limiter.take('a')).toBe(0);
  });
});
