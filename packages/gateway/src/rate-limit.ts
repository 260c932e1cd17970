// Per-client token buckets: each client (its address, or the proxy-reported one when trusted)
// may make `burst` requests at once and earns `perSecond` back. Bounded memory: buckets that are
// full again carry no information and are dropped; past `maxClients` the oldest go first.
export interface RateLimiter {
  /** 0 when allowed, else the seconds to wait before the next request would be. */
  take(client: string): number;
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
