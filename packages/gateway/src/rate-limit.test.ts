import { describe, expect, it } from 'vitest';
import { createClientLimiter, createRateLimiter, DEFAULT_RATE_LIMIT } from './rate-limit.js';

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

describe('per-client limits', () => {
  it('caps the requests a client has in flight, and frees a place when one ends', () => {
    const limiter = createClientLimiter({ burst: 100, perSecond: 100, maxInFlight: 2 }, () => 0);
    const a1 = limiter.admit('a');
    const a2 = limiter.admit('a');
    const a3 = limiter.admit('a');
    expect([a1.ok, a2.ok, a3.ok]).toEqual([true, true, false]);
    expect(a3).toMatchObject({ ok: false, retryAfterS: 1, reason: 'more than 2 requests at once from this client' });
    expect(limiter.admit('b').ok).toBe(true);
    if (a1.ok) {
      a1.release();
      a1.release(); // twice is once
    }
    expect(limiter.admit('a').ok).toBe(true);
    expect(limiter.admit('a').ok).toBe(false);
  });

  it('by default never refuses a pane: 8 at once, a 2,133-page pull at any speed, and two in a row at 1,600/s', () => {
    let now = 0;
    const limiter = createClientLimiter(DEFAULT_RATE_LIMIT, () => now);
    let refused = 0;
    const pull = (msPerBatch: number) => {
      for (let page = 0; page < 2_133; page += 8) {
        const batch = Array.from({ length: Math.min(8, 2_133 - page) }, () => limiter.admit('pane'));
        refused += batch.filter((a) => !a.ok).length;
        now += msPerBatch;
        for (const a of batch) if (a.ok) a.release();
      }
    };
    pull(0); // all at once: it fits in the burst
    now += 60_000;
    // 8 pages every 5 ms is 1,600 requests/s, five times what the gateway and the embedded server
    // manage together on the development machine (307/s at concurrency 8).
    pull(5);
    pull(5);
    expect(refused).toBe(0);
  });

  it('by default refuses a flood: many at once at the in-flight cap, and a faster-than-200/s stream past the burst', () => {
    let now = 0;
    const parallel = createClientLimiter(DEFAULT_RATE_LIMIT, () => now);
    const at = Array.from({ length: 100 }, () => parallel.admit('script'));
    expect(at.filter((a) => a.ok)).toHaveLength(DEFAULT_RATE_LIMIT.maxInFlight);
    const sequential = createClientLimiter(DEFAULT_RATE_LIMIT, () => now);
    let admitted = 0;
    for (let i = 0; i < 10_000; i++) {
      const a = sequential.admit('script');
      if (!a.ok) break;
      admitted++;
      a.release();
      now += 0.1; // 10,000 requests per second
    }
    // The burst plus what 200/s earns back during it, and not one more.
    expect(admitted).toBeGreaterThanOrEqual(DEFAULT_RATE_LIMIT.burst);
    expect(admitted).toBeLessThan(DEFAULT_RATE_LIMIT.burst * 1.1);
  });
});
