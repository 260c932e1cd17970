// Over HTTP: two servers started at different `now` answer a past range identically, page for
// page and in CSV, as a real API's closed months do (history tables rely on it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { bearer, NOW, PARTNER, PLAIN } from './helpers.js';

interface Page { total: number; lastOffset: number; items: Record<string, string>[] }

let servers: RunningServer[];
beforeAll(async () => {
  // The brief's case (an hour apart, on the same day) and a clock a year and a half later.
  servers = await Promise.all([NOW, '2025-06-01T01:00:00', '2026-12-01T05:00:00'].map((now) => startServer({ now })));
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function allItems(server: RunningServer, realm: string, query: string): Promise<Record<string, string>[]> {
  const items: Record<string, string>[] = [];
  for (let offset = 0, last = 0; offset <= last; offset++) {
    const res = await fetch(`${server.url}/usage/realms/${realm}?${query}&limit=100&offset=${offset}`, bearer(server.token));
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    last = page.lastOffset;
    items.push(...page.items);
  }
  return items;
}

describe('a past range over HTTP', () => {
  it('is the same record for record on servers started at different now', async () => {
    const lastMonth = 'startDate=2025-05-01T00:00:00&endDate=2025-06-01T00:00:00&detailLevel=day';
    const [first, ...others] = await Promise.all(servers.map((s) => allItems(s, PARTNER, lastMonth)));
    expect(first!.length).toBeGreaterThan(1000);
    for (const other of others) expect(other).toEqual(first);
  });

  it('sums "last month by day" to the same total an hour later', async () => {
    const query = 'startDate=2025-05-01T00:00:00&endDate=2025-06-01T00:00:00&detailLevel=day&groupBy=project,billingTag,appId,resource';
    const totals = await Promise.all(servers.slice(0, 2).map(async (s) =>
      (await allItems(s, PARTNER, query)).reduce((sum, r) => sum + Math.round(Number(r.usageValue) * 10_000), 0)));
    expect(totals[0]).toBeGreaterThan(0);
    expect(totals[1]).toBe(totals[0]);
  });

  it('is the same CSV byte for byte', async () => {
    const query = 'startDate=2025-02-01T00:00:00&endDate=2025-03-01T00:00:00&detailLevel=day&groupBy=billingTag';
    const texts = await Promise.all(servers.map(async (s) => {
      const res = await fetch(`${s.url}/usage/realms/${PLAIN}/csv?${query}`, bearer(s.token));
      expect(res.status).toBe(200);
      return res.text();
    }));
    expect(texts[0]!.split('\r\n').length).toBeGreaterThan(100);
    expect(new Set(texts).size).toBe(1);
  });
});
