// A stand-in for the SDK client in flow tests: just the calls the flows make, over fixed records.

import { LazyList, type UsageClient, type UsageRecord } from '@meterbook/sdk';

export interface FakeOptions {
  records: () => UsageRecord[];
  /** Makes usage.range fail (after the probe) with this error. */
  failWith?: Error;
}

export function fakeClient(opts: FakeOptions): UsageClient & { calls: string[] } {
  const calls: string[] = [];
  const client = {
    calls,
    usage: {
      list: async (q: { limit?: number }) => {
        calls.push('usage.list');
        const all = opts.records();
        return { total: all.length, limit: q.limit ?? 100, count: Math.min(all.length, q.limit ?? 100), items: all.slice(0, q.limit ?? 100) };
      },
      range: (_q: unknown, o: { signal?: AbortSignal; onProgress?: (p: object) => void } = {}) => {
        calls.push('usage.range');
        // Awaited (refresh) or iterated (insert), like the SDK's LazyList.
        return new LazyList<UsageRecord>(async function* () {
          if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
          if (opts.failWith) throw opts.failWith;
          const all = opts.records();
          o.onProgress?.({ windowsDone: 1, windowsTotal: 1, windowsCounted: 1, records: all.length, total: all.length });
          yield* all;
        });
      },
      all: (_q: unknown, o: { signal?: AbortSignal; onProgress?: (p: object) => void } = {}) => {
        calls.push('usage.all');
        // Awaited (refresh) or iterated (insert), like the SDK's LazyList.
        return new LazyList<UsageRecord>(async function* () {
          if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
          if (opts.failWith) throw opts.failWith;
          const all = opts.records();
          o.onProgress?.({ pagesDone: 1, pagesTotal: 1, records: all.length, total: all.length });
          yield* all;
        });
      },
    },
  };
  return client as unknown as UsageClient & { calls: string[] };
}
