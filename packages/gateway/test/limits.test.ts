// The gateway's default per-client limits against a real pull: one pane pulling 2,138 pages at
// the pane's highest concurrency meets no 429; a flood does, with Retry-After, and the SDK tells
// its caller it is being slowed down.
import { createUsageClient, type RetryEvent } from '@meterbook/sdk';
import { describe, expect, it } from 'vitest';
import { bearer, DAY, PARTNER, rig } from './helpers.js';

describe('default rate limits', () => {
  it('let one pane pull 2,138 pages at concurrency 8 without a single 429', async () => {
    const r = await rig();
    try {
      const retries: RetryEvent[] = [];
      // No retries: a 429 would fail the pull instead of being waited out silently.
      const client = createUsageClient({ baseUrl: r.usage, token: r.up.token, maxRetries: 0, onRetry: (e) => retries.push(e) });
      let pages = 0;
      const records = await client.usage.all(
        { realmId: PARTNER, startDate: '2025-03-01T00:00:00', endDate: '2025-05-30T00:00:00', detailLevel: 'hour' },
        { concurrency: 8, onProgress: (p) => (pages = p.pagesTotal) },
      );
      expect(pages).toBe(2_138);
      expect(records).toHaveLength(213_731);
      expect(retries).toEqual([]);
      expect(r.logs.filter((l) => / 429 /.test(l))).toEqual([]);
    } finally {
      await r.close();
    }
  }, 120_000);

  it('refuse a flood with 429 and Retry-After, and the SDK says it is being slowed down', async () => {
    // A slow upstream keeps the flood's requests in flight together.
    const r = await rig({}, { latencyMs: 1_500 });
    try {
      const url = `${r.usage}/usage/realms/${PARTNER}?${DAY}&limit=1`;
      const flood = Array.from({ length: 100 }, () => fetch(url, { headers: bearer(r.up.token) }));
      // While the flood is in flight, a well-behaved client from the same address is slowed too.
      await new Promise((done) => setTimeout(done, 300));
      const retries: RetryEvent[] = [];
      const sdk = createUsageClient({ baseUrl: r.usage, token: r.up.token, onRetry: (e) => retries.push(e) }).usage.list({ realmId: PARTNER, startDate: '2025-05-01T00:00:00', endDate: '2025-05-02T00:00:00', limit: 1 });
      const answers = await Promise.all(flood);
      const refused = answers.filter((a) => a.status === 429);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(32);
      expect(refused).toHaveLength(68);
      for (const a of refused) expect(a.headers.get('retry-after')).toBe('1');
      expect(await refused[0]!.json()).toMatchObject({ status: 429, code: 'E_GATEWAY_RATE_LIMIT', message: expect.stringContaining('more than 32 requests at once') as unknown });
      await Promise.all(answers.map((a) => (a.bodyUsed ? undefined : a.body?.cancel())));
      await expect(sdk).resolves.toMatchObject({ total: expect.any(Number) as unknown });
      expect(retries[0]).toMatchObject({ attempt: 1, status: 429, delayMs: 1_000, operation: 'getUsage' });
      expect(r.seen).toHaveLength(33);
    } finally {
      await r.close();
    }
  }, 30_000);
});
