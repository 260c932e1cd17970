// Per-client limits, one home: a token bucket (each client, i.e. its address or the proxy-reported
// one when trusted, may make `burst` requests at once and earns `perSecond` back) and a cap on
// the requests it has in flight. The defaults are sized so that one pane never meets either: the
// pane pulls at most 8 pages at once (the SDK caps concurrency at 16), and a 2,133-page pull fits
// in the bucket even at the speed of an upstream on the same machine. A script flooding in
// parallel meets the in-flight cap at once; one hammering faster than `perSecond` meets the
// bucket once it is spent. Bounded memory: buckets that are full again carry no information and
// are dropped; past `maxClients` the oldest go first.
import type { RateLimitOptions } from './options.js';

export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = { burst: 4_000, perSecond: 200, maxInFlight: 32 };

/** The outcome of asking to start a request. */
export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterS: number; reason: string };

export interface RateLimiter {
  /** 0 when allowed, else the seconds to wait before the next request would be. */
  take(client: string): number;
}

export interface ClientLimiter {
  /** Admits one request of `client`, which must `release()` when its answer is over. */
  admit(client: string): Admission;
}

export function createRateLimiter(burst: number, perSecond: number, now: () => number = () => performance.now(), maxClients = 10_000): RateLimiter {
  if (!(burst >= 1) || !(perSecond > 0)) throw new Error('rateLimit: burst must be >= 1 and perSecond > 0.');
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = now();
  return {
    take(client) {
      const t = now();
      if (t - lastSweep > 10_000) {
        lastSweep = t;
        for (const [key, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * perSecond >= burst) buckets.delete(key);
      }
      const bucket = buckets.get(client) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      // Re-inserting keeps the Map in least-recently-used order for the eviction below.
      buckets.delete(client);
      buckets.set(client, bucket);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    },
  };
}

/** Both limits of `options`; the in-flight cap is checked first, so a refused request spends no token. */
export function createClientLimiter(options: RateLimitOptions, now?: () => number): ClientLimiter {
  const maxInFlight = options.maxInFlight ?? DEFAULT_RATE_LIMIT.maxInFlight;
  if (!(maxInFlight >= 1)) throw new Error('rateLimit: maxInFlight must be >= 1.');
  const bucket = createRateLimiter(options.burst, options.perSecond, now);
  // Only clients with a request running have an entry, so this stays as small as the traffic.
  const inFlight = new Map<string, number>();
  return {
    admit(client) {
      const running = inFlight.get(client) ?? 0;
      if (running >= maxInFlight) return { ok: false, retryAfterS: 1, reason: `more than ${maxInFlight} requests at once from this client` };
      const wait = bucket.take(client);
      if (wait > 0) return { ok: false, retryAfterS: wait, reason: `more than ${options.perSecond} requests per second from this client` };
      inFlight.set(client, running + 1);
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          const left = (inFlight.get(client) ?? 1) - 1;
          if (left <= 0) inFlight.delete(client);
          else inFlight.set(client, left);
        },
      };
    },
  };
}
