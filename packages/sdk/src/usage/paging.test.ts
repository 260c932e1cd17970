import { describe, expect, it } from 'vitest';
import { createUsageClient, IncompleteResultError } from '../index.js';
import { fakeFetch, json, query, records, usagePage } from '../../test/fake-fetch.js';

function offsetOf(request: Request): number {
  return Number(new URL(request.url).searchParams.get('offset'));
}

describe('usage.all paging', () => {
  it('walks 18 records with limit 5 as 4 pages although nextOffset says 0', async () => {
    const data = records(18);
    const fetch = fakeFetch((req) => usagePage(data, offsetOf(req), 5));
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const progress: number[] = [];
    const got = await client.usage.all(query, { pageSize: 5, onProgress: (p) => progress.push(p.records) });
    expect(got.map((r) => r.name)).toEqual(data.map((r) => r.name));
    expect(fetch.seen.map((s) => new URL(s.url).searchParams.get('offset')).sort()).toEqual(['0', '1', '2', '3']);
    expect(progress.at(-1)).toBe(18);
  });

  it('takes a single page with nextOffset 0 as the whole result', async () => {
    const data = records(3);
    const fetch = fakeFetch((req) => usagePage(data, offsetOf(req), 100));
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    expect(await client.usage.all(query)).toHaveLength(3);
    expect(fetch.seen).toHaveLength(1);
  });

  it('keeps server order when later pages answer first', async () => {
    const data = records(50);
    const fetch = fakeFetch(async (req) => {
      const offset = offsetOf(req);
      await new Promise((r) => setTimeout(r, (10 - offset) * 3));
      return usagePage(data, offset, 5);
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const names: string[] = [];
    for await (const record of client.usage.all(query, { pageSize: 5, concurrency: 4 })) names.push(record.name as string);
    expect(names).toEqual(data.map((r) => r.name));
  });

  it('never has more pages in flight than the concurrency', async () => {
    const data = records(100);
    let inFlight = 0;
    let peak = 0;
    const fetch = fakeFetch(async (req) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return usagePage(data, offsetOf(req), 5);
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    await client.usage.all(query, { pageSize: 5, concurrency: 3 });
    expect(peak).toBe(3);
  });

  it('fails when the total changes mid-walk, naming the page and correlation id', async () => {
    const data = records(20);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return offset === 2 ? usagePage(records(21), offset, 5) : usagePage(data, offset, 5);
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const error = await client.usage.all(query, { pageSize: 5 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteResultError);
    expect((error as IncompleteResultError).page).toBe(2);
    expect((error as IncompleteResultError).correlationId).toBe('corr-page-2');
    expect((error as Error).message).toMatch(/changed while it was being read/);
  });

  it('stops on an empty page and reports the shortfall instead of a silent short result', async () => {
    const data = records(20);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return offset >= 2 ? json({ total: 20, limit: 5, lastOffset: 3, items: [] }) : usagePage(data, offset, 5);
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    await expect(client.usage.all(query, { pageSize: 5 }).toArray()).rejects.toThrow(/held 10 records, but the server announced 20/);
  });

  it('does not loop forever on an absurd lastOffset', async () => {
    const data = records(10);
    const fetch = fakeFetch((req) => usagePage(data, offsetOf(req), 5, { lastOffset: 1_000_000 }));
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    expect(await client.usage.all(query, { pageSize: 5 })).toHaveLength(10);
    expect(fetch.seen.length).toBeLessThanOrEqual(3);
  });

  it('detects more records than announced', async () => {
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return json({ total: 6, limit: 5, lastOffset: 1, items: records(5).slice(0, offset === 0 ? 5 : 5) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    await expect(client.usage.all(query, { pageSize: 5 }).toArray()).rejects.toBeInstanceOf(IncompleteResultError);
  });

  it('stops fetching when the caller aborts', async () => {
    const data = records(100);
    const controller = new AbortController();
    const fetch = fakeFetch((req) => usagePage(data, offsetOf(req), 5));
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    let seen = 0;
    const walk = async (): Promise<void> => {
      for await (const _record of client.usage.all(query, { pageSize: 5, signal: controller.signal, concurrency: 1 })) {
        if (++seen === 7) controller.abort();
      }
    };
    await expect(walk()).rejects.toMatchObject({ kind: 'aborted' });
    expect(fetch.seen.length).toBeLessThan(20);
  });
});
