// Integration: usage.range against the embedded server, over real HTTP.
import { dataStart, startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, createUsageClient, IncompleteResultError, type RangeProgress, type UsageRecord } from '../src/index.js';

const realmId = 'org987654321';
const NOW = '2026-11-01T00:00:00Z';
let server: RunningServer;
// The same data set, answering each request 15 ms late, so requests overlap at the server.
let slow: RunningServer;

beforeAll(async () => {
  [server, slow] = await Promise.all([startServer({ mode: 'test', now: NOW }), startServer({ mode: 'test', now: NOW, latencyMs: 15 })]);
});

afterAll(async () => {
  await Promise.all([server.close(), slow.close()]);
});

function canonical(record: UsageRecord): string {
  const entries = Object.entries({ ...record, usageDateTime: record.usageDateTime?.toISOString() }).filter(([, v]) => v !== undefined);
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Month starts from `from` (inclusive) to `to` (exclusive), computed here, not by the SDK. */
function months(from: [number, number], count: number): { startDate: Date; endDate: Date }[] {
  return Array.from({ length: count }, (_, i) => ({ startDate: new Date(Date.UTC(from[0], from[1] - 1 + i, 1)), endDate: new Date(Date.UTC(from[0], from[1] + i, 1)) }));
}

/** A fetch that adds `fault` (X-Mock-Fault) to the requests `pick` chooses, and counts them all. */
function faultWhere(pick: (url: URL) => boolean, fault: string): typeof fetch & { calls: URL[] } {
  const calls: URL[] = [];
  const fn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input as Request, init);
    const url = new URL(request.url);
    calls.push(url);
    if (!pick(url)) return fetch(request);
    const headers = new Headers(request.headers);
    headers.set('X-Mock-Fault', fault);
    return fetch(new Request(request, { headers }));
  };
  return Object.assign(fn, { calls });
}

describe('usage.range against the embedded server', () => {
  it('pulls 14 months at day detail as exactly the per-month all() calls, each record once', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const query = { realmId, startDate: '2025-09-01', endDate: '2026-11-01', detailLevel: 'day' as const };
    const progress: RangeProgress[] = [];
    const ours = await client.usage.range(query, { onProgress: (p) => progress.push(p) });

    const expected: UsageRecord[] = [];
    for (const month of months([2025, 9], 14)) expected.push(...(await client.usage.all({ ...query, ...month })));
    expect(ours.length).toBeGreaterThan(10_000);
    expect(ours.map(canonical)).toEqual(expected.map(canonical));
    expect(new Set(ours.map(canonical)).size).toBe(ours.length);
    // A record at a month start belongs to the later window: October's first day is there once.
    const firstOfOctober = ours.filter((r) => r.usageDateTime?.toISOString() === '2025-10-01T00:00:00.000Z');
    expect(firstOfOctober.length).toBeGreaterThan(0);
    const september = await client.usage.all({ ...query, endDate: '2025-10-01' });
    expect(september.some((r) => r.usageDateTime! >= new Date('2025-10-01T00:00:00Z'))).toBe(false);

    const last = progress.at(-1);
    expect(last).toEqual({ windowsDone: 14, windowsTotal: 14, records: ours.length, total: ours.length, windowsCounted: 14 });
    expect(progress.map((p) => p.windowsDone)).toEqual([...progress.map((p) => p.windowsDone)].sort((a, b) => a - b));
  });

  it('merges summarized windows into what one 90-day call answers', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const query = { realmId: 'org123456789', startDate: '2026-05-10', endDate: '2026-08-08', groupBy: ['appId'] };
    const ours = await client.usage.range(query, { concurrency: 3 });
    const once = await client.usage.all(query);
    expect(once.length).toBeGreaterThan(100);
    expect(ours.map(canonical).sort()).toEqual(once.map(canonical).sort());
    // Left-out quantities stay left out.
    const some = await client.usage.range({ ...query, usageFields: ['featureId', 'name', 'billableValue'] });
    expect(some.length).toBeGreaterThan(0);
    expect(some.every((r) => r.usageValue === undefined && typeof r.billableValue === 'number')).toBe(true);
  });

  it.each([1, 3])('never has more than %i requests in flight at the server, across windows', async (concurrency) => {
    const client = createUsageClient({ baseUrl: slow.url, token: slow.token });
    slow.resetStats();
    const records = await client.usage.range({ realmId, startDate: '2025-09-01', endDate: '2026-11-01', detailLevel: 'day' }, { concurrency });
    const stats = slow.stats();
    expect(records.length).toBeGreaterThan(10_000);
    expect(stats.byOperation.getUsage).toBeGreaterThan(100);
    expect(stats.maxInFlight).toBe(concurrency);
  });

  it('rejects with the aborted error and starts no request after the abort', async () => {
    const controller = new AbortController();
    let abortedAt = -1;
    const fetch = faultWhere(() => false, '');
    const client = createUsageClient({ baseUrl: slow.url, token: slow.token, fetch });
    const pull = client.usage.range({ realmId, startDate: '2025-09-01', endDate: '2026-11-01', detailLevel: 'day' }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.records > 1_000 && abortedAt < 0) {
          abortedAt = fetch.calls.length;
          controller.abort();
        }
      },
    });
    await expect(pull).rejects.toBeInstanceOf(AbortedError);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(abortedAt).toBeGreaterThan(0);
    expect(fetch.calls.length).toBe(abortedAt);
  });

  it('fails the whole call with the incomplete error naming the window whose pages do not add up', async () => {
    const fetch = faultWhere((url) => url.searchParams.get('startDate') === '2026-03-01T00:00:00' && url.searchParams.get('offset') === '2', 'empty-page');
    const client = createUsageClient({ baseUrl: server.url, token: server.token, fetch });
    const error = await client.usage.range({ realmId, startDate: '2025-09-01', endDate: '2026-11-01', detailLevel: 'day' }).toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteResultError);
    expect((error as Error).message).toContain('window 7 of 14 (2026-03-01T00:00:00 to 2026-04-01T00:00:00)');
    expect(error).toMatchObject({ kind: 'incomplete', correlationId: expect.any(String) });
  });

  it('stays exact when a page is retried', async () => {
    const query = { realmId, startDate: '2026-02-15', endDate: '2026-05-20', detailLevel: 'day' as const };
    const clean = await createUsageClient({ baseUrl: server.url, token: server.token }).usage.range(query);
    for (const fault of ['status=503;retry-after=0;times=1', 'truncate;times=1']) {
      const fetch = faultWhere((url) => url.searchParams.get('startDate') === '2026-04-01T00:00:00' && url.searchParams.get('offset') === '1', fault);
      const retried = await createUsageClient({ baseUrl: server.url, token: server.token, fetch }).usage.range(query);
      const faulted = fetch.calls.filter((url) => url.searchParams.get('startDate') === '2026-04-01T00:00:00' && url.searchParams.get('offset') === '1');
      expect(faulted).toHaveLength(2);
      expect(retried.map(canonical)).toEqual(clean.map(canonical));
    }
  });

  it('counts windows without data: one request each, done, with a total of 0', async () => {
    // The realm's data begins on a fixed day: the two months before that day's month are empty.
    const begins = dataStart(realmId)!;
    const month = (delta: number) => new Date(Date.UTC(begins.getUTCFullYear(), begins.getUTCMonth() + delta, 1));
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    server.resetStats();
    const progress: RangeProgress[] = [];
    const records = await client.usage.range({ realmId, startDate: month(-2), endDate: month(1), detailLevel: 'month' }, { onProgress: (p) => progress.push(p) });
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.usageDateTime?.getTime() === month(0).getTime())).toBe(true);
    expect(progress.at(-1)).toEqual({ windowsDone: 3, windowsTotal: 3, records: records.length, total: records.length, windowsCounted: 3 });
    expect(server.stats().byOperation.getUsage).toBe(3);
  });

  it('refuses bad input before any request, and lets the 95-day rule apply per window only', async () => {
    const fetch = faultWhere(() => false, '');
    const client = createUsageClient({ baseUrl: server.url, token: server.token, fetch });
    expect(() => client.usage.range({ realmId, startDate: '2026-03-01', endDate: '2026-01-01' })).toThrow(/Start date \(startDate\) must be before/);
    expect(() => client.usage.range({ realmId, startDate: '2026-01-01', endDate: '2026-13-01' })).toThrow(/End date \(endDate\) is not a real date/);
    expect(() => client.usage.range({ realmId, startDate: '2024-01-01', endDate: '2026-01-01', channelId: 'warm' as 'hot' })).toThrow(/one of: hot, cold/);
    expect(fetch.calls).toHaveLength(0);
  });
});
