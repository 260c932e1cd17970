// The page walk as a caller of `usage.all` meets it: what is fetched, what is yielded, and how
// a walk whose pages do not add up fails (page, correlation id and words).
import { describe, expect, it } from 'vitest';
import { createUsageClient, IncompleteResultError, type PageProgress } from '../index.js';
import { fakeFetch, json, query, records } from '../../test/fake-fetch.js';

function offsetOf(request: Request): number {
  return Number(new URL(request.url).searchParams.get('offset'));
}

/** A page as the API writes it, with the fields given (the rest left out). */
function page(offset: number, fields: Record<string, unknown>): Response {
  return json(fields, { headers: { 'x-correlation-id': `corr-page-${offset}` } });
}

async function collect(walk: AsyncIterable<unknown>): Promise<{ got: unknown[]; error: unknown }> {
  const got: unknown[] = [];
  try {
    for await (const item of walk) got.push(item);
  } catch (error) {
    return { got, error };
  }
  return { got, error: undefined };
}

describe('usage.all: pages that do not add up', () => {
  it('stops at the page that brings more records than announced, before yielding them', async () => {
    // lastOffset one past the total is allowed (it should be empty); here it is full.
    const data = records(15);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return page(offset, { total: 10, limit: 5, lastOffset: 2, items: data.slice(offset * 5, offset * 5 + 5) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const { got, error } = await collect(client.usage.all(query, { pageSize: 5, concurrency: 1 }));
    expect(got).toHaveLength(10);
    expect(error).toBeInstanceOf(IncompleteResultError);
    expect(error).toMatchObject({ page: 2, correlationId: 'corr-page-2' });
    expect((error as Error).message).toContain('the pages hold more records than the 10 announced (duplicates?). Run the query again.');
  });

  it('reports a shortfall with the last page that answered', async () => {
    const data = records(12);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      // Page 2 should hold 2 records but holds 1.
      return page(offset, { total: 12, limit: 5, lastOffset: 2, items: data.slice(offset * 5, offset * 5 + (offset === 2 ? 1 : 5)) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const { got, error } = await collect(client.usage.all(query, { pageSize: 5, concurrency: 1 }));
    expect(got).toHaveLength(11);
    expect(error).toBeInstanceOf(IncompleteResultError);
    expect(error).toMatchObject({ page: 2, correlationId: 'corr-page-2' });
    expect((error as Error).message).toContain('the pages held 11 records, but the server announced 12. Nothing was dropped silently: run the query again.');
  });

  it('fetches nothing more after an empty first page, and says the records are missing', async () => {
    const fetch = fakeFetch((req) => page(offsetOf(req), { total: 7, limit: 5, lastOffset: 1, items: [] }));
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const { got, error } = await collect(client.usage.all(query, { pageSize: 5 }));
    expect(got).toEqual([]);
    expect(fetch.seen).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'incomplete', page: 0, correlationId: 'corr-page-0' });
    expect((error as Error).message).toContain('the pages held 0 records, but the server announced 7');
  });

  it('names the page whose total differs from the first one', async () => {
    const data = records(15);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return page(offset, { total: offset === 1 ? 16 : 15, limit: 5, lastOffset: 2, items: data.slice(offset * 5, offset * 5 + 5) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const { got, error } = await collect(client.usage.all(query, { pageSize: 5, concurrency: 1 }));
    expect(got).toHaveLength(5);
    expect(error).toMatchObject({ kind: 'incomplete', page: 1, correlationId: 'corr-page-1' });
    expect((error as Error).message).toContain('page 0 announced 15 records, page 1 announces 16. Run the query again.');
  });
});

describe('usage.all: what is fetched', () => {
  it('asks once for an empty result', async () => {
    const fetch = fakeFetch((req) => page(offsetOf(req), { total: 0, limit: 5, lastOffset: 0, items: [] }));
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    expect(await client.usage.all(query, { pageSize: 5 })).toEqual([]);
    expect(fetch.seen).toHaveLength(1);
  });

  it('works out the pages from the total when lastOffset is missing, and from the items when limit is', async () => {
    const data = records(11);
    for (const fields of [{ limit: 5 }, { limit: 0 }]) {
      const fetch = fakeFetch((req) => {
        const offset = offsetOf(req);
        return page(offset, { total: 11, ...fields, items: data.slice(offset * 5, offset * 5 + 5) });
      });
      const client = createUsageClient({ token: 't0ken-abc', fetch });
      expect(await client.usage.all(query, { pageSize: 5 })).toHaveLength(11);
      expect(fetch.seen.map((s) => offsetOf(new Request(s.url))).sort()).toEqual([0, 1, 2]);
    }
  });

  it('reports progress after each page with the pages and records so far', async () => {
    const data = records(12);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return page(offset, { total: 12, limit: 5, lastOffset: 2, items: data.slice(offset * 5, offset * 5 + 5) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const progress: PageProgress[] = [];
    await client.usage.all(query, { pageSize: 5, concurrency: 1, onProgress: (p) => progress.push({ ...p }) });
    expect(progress).toEqual([
      { pagesDone: 1, pagesTotal: 3, records: 5, total: 12 },
      { pagesDone: 2, pagesTotal: 3, records: 10, total: 12 },
      { pagesDone: 3, pagesTotal: 3, records: 12, total: 12 },
    ]);
  });

  it('keeps the pages in flight between one and sixteen, whatever concurrency is asked for', async () => {
    const peakWith = async (concurrency: number): Promise<number> => {
      const data = records(200);
      let inFlight = 0;
      let peak = 0;
      const fetch = fakeFetch(async (req) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        const offset = offsetOf(req);
        return page(offset, { total: 200, limit: 5, lastOffset: 39, items: data.slice(offset * 5, offset * 5 + 5) });
      });
      const client = createUsageClient({ token: 't0ken-abc', fetch });
      expect(await client.usage.all(query, { pageSize: 5, concurrency })).toHaveLength(200);
      return peak;
    };
    expect(await peakWith(100)).toBe(16);
    expect(await peakWith(0)).toBe(1);
    expect(await peakWith(2.7)).toBe(2);
  });

  it('says how far a cancelled walk got', async () => {
    const data = records(50);
    const controller = new AbortController();
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return page(offset, { total: 50, limit: 5, lastOffset: 9, items: data.slice(offset * 5, offset * 5 + 5) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const { got, error } = await collect(
      (async function* () {
        for await (const record of client.usage.all(query, { pageSize: 5, concurrency: 1, signal: controller.signal })) {
          yield record;
          if ((record as { name: string }).name === 'item-9') controller.abort();
        }
      })(),
    );
    expect(got).toHaveLength(10);
    expect(error).toMatchObject({ kind: 'aborted', page: 2 });
    expect((error as Error).message).toContain('the walk was cancelled after 10 of 50 records.');
  });

  it('cancels the pages in flight when the caller aborts, and when the caller stops reading', async () => {
    const data = records(50);
    let cancelled = 0;
    // Pages 0 and 1 answer; every later page waits until its request is cancelled.
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      if (offset <= 1) return page(offset, { total: 50, limit: 5, lastOffset: 9, items: data.slice(offset * 5, offset * 5 + 5) });
      return new Promise<Response>((_resolve, reject) => req.signal.addEventListener('abort', () => {
        cancelled++;
        reject(req.signal.reason);
      }));
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch, maxRetries: 0 });
    const controller = new AbortController();
    const aborted = collect((async function* () {
      for await (const record of client.usage.all(query, { pageSize: 5, concurrency: 2, signal: controller.signal })) {
        yield record;
        if ((record as { name: string }).name === 'item-9') setTimeout(() => controller.abort(), 5);
      }
    })());
    expect((await aborted).error).toMatchObject({ kind: 'aborted' });
    expect(cancelled).toBe(2);

    cancelled = 0;
    for await (const record of client.usage.all(query, { pageSize: 5, concurrency: 2 })) if ((record as { name: string }).name === 'item-9') break;
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled).toBe(2);
  });

  it('fetches one page past a too-high lastOffset, never more', async () => {
    const data = records(10);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return page(offset, { total: 10, limit: 5, lastOffset: 9, items: data.slice(offset * 5, offset * 5 + 5) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    expect(await client.usage.all(query, { pageSize: 5, concurrency: 1 })).toHaveLength(10);
    expect(fetch.seen.map((s) => offsetOf(new Request(s.url)))).toEqual([0, 1, 2]);
  });

  it('counts an empty result as one page done', async () => {
    const fetch = fakeFetch((req) => page(offsetOf(req), { total: 0, limit: 5, items: [] }));
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const progress: PageProgress[] = [];
    expect(await client.usage.all(query, { pageSize: 5, onProgress: (p) => progress.push({ ...p }) })).toEqual([]);
    expect(progress).toEqual([{ pagesDone: 1, pagesTotal: 1, records: 0, total: 0 }]);
  });

  it('stops at an empty page in the middle and names the last page that had records', async () => {
    const data = records(20);
    const fetch = fakeFetch((req) => {
      const offset = offsetOf(req);
      return page(offset, { total: 20, limit: 5, lastOffset: 3, items: offset === 2 ? [] : data.slice(offset * 5, offset * 5 + 5) });
    });
    const client = createUsageClient({ token: 't0ken-abc', fetch });
    const { got, error } = await collect(client.usage.all(query, { pageSize: 5, concurrency: 1 }));
    expect(got).toHaveLength(10);
    expect(error).toMatchObject({ kind: 'incomplete', page: 1 });
  });
});

describe('usage.all: the pages after the first', () => {
  it('are asked for as soon as the first page answers, before its records are taken', async () => {
    const data = records(20);
    const asked: number[] = [];
    const fetch = fakeFetch((req) => {
      asked.push(offsetOf(req));
      return page(offsetOf(req), { total: 20, limit: 5, lastOffset: 3, items: data.slice(offsetOf(req) * 5, offsetOf(req) * 5 + 5) });
    });
    const walk = createUsageClient({ token: 't0ken-abc', fetch }).usage.all(query, { pageSize: 5, concurrency: 3 })[Symbol.asyncIterator]();
    expect((await walk.next()).value).toEqual(data[0]);
    // Let the requests that have started reach the fetch.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual([0, 1, 2, 3]);
    const rest: unknown[] = [];
    for (let step = await walk.next(); step.done !== true; step = await walk.next()) rest.push(step.value);
    expect(rest).toEqual(data.slice(1));
    expect(asked).toHaveLength(4);
  });

  it('stop with the walk when the caller leaves during the first page, without an unhandled rejection', async () => {
    const data = records(20);
    const fetch = fakeFetch((req) => page(offsetOf(req), { total: 20, limit: 5, lastOffset: 3, items: data.slice(offsetOf(req) * 5, offsetOf(req) * 5 + 5) }));
    const got: unknown[] = [];
    for await (const item of createUsageClient({ token: 't0ken-abc', fetch }).usage.all(query, { pageSize: 5, concurrency: 2 })) {
      got.push(item);
      if (got.length === 2) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got).toEqual(data.slice(0, 2));
    // At most the pages asked for with the first one's answer: nothing starts after the break.
    expect(fetch.seen.length).toBeLessThanOrEqual(3);
  });
});
