// A stand-in for the SDK client in flow tests: just the calls the flows make, over fixed records.

import { LazyList, type UsageClient, type UsageRecord } from '@meterbook/sdk';

export interface FakeOptions {
  records: () => UsageRecord[];
  /** Makes usage.range fail (after the probe) with this error. */
  failWith?: Error;
}

export function fakeClient(opts: FakeOptions): UsageClient & { calls: string[] } {
  const calls: string[] = [];
  const lazy = (name: string, progress: (n: number) => object) => (_q: unknown, o: { signal?: AbortSignal; onProgress?: (p: object) => void } = {}) => {
    calls.push(name);
    return new LazyList<UsageRecord>(async function* () {
      if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      if (opts.failWith) throw opts.failWith;
      const all = opts.records();
      o.onProgress?.(progress(all.length));
      yield* all;
    });
  };
  const client = {
    calls,
    usage: {
      list: async (q: { limit?: number }) => {
        calls.push('usage.list');
        const all = opts.records();
        return { total: all.length, limit: q.limit ?? 100, count: Math.min(all.length, q.limit ?? 100), items: all.slice(0, q.limit ?? 100) };
      },
      // Awaited (refresh) or iterated (insert), like the SDK's LazyList; progress in each call's own shape.
      range: lazy('usage.range', (n) => ({ windowsDone: 1, windowsTotal: 1, windowsCounted: 1, records: n, total: n })),
      all: lazy('usage.all', (n) => ({ pagesDone: 1, pagesTotal: 1, records: n, total: n })),
    },
  };
  return client as unknown as UsageClient & { calls: string[] };
}
