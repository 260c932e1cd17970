// Walks every page of a paged answer. The API's envelope is not to be trusted alone (its own
// samples say nextOffset 0 on page one of four), so the walk goes by total and lastOffset from
// the first page, fetches the rest with bounded concurrency, yields in server order, stops on
// an empty page, and fails loudly if the pages do not add up to the announced total.
import { anySignal } from '../core/abort.js';
import { createApiError, type ApiError } from '../core/errors.js';
import { createLimiter, mapInOrder, range, walkAborted, type Limiter } from '../core/ordered-pool.js';
import { LazyList } from '../core/lazy-list.js';
import { buildRequest, type UsageOperationId } from './params.js';
import type { CallOptions, Page, PageProgress, WalkOptions } from './types.js';

export interface PageWalk<T> {
  fetchPage: (offset: number, signal: AbortSignal) => Promise<Page<T>>;
  /** Pages of this walk asked for at once (default 4). */
  concurrency?: number;
  /** Requests in flight, shared with other walks (e.g. every window of a range); one of `concurrency` slots when absent. */
  limiter?: Limiter;
  signal?: AbortSignal;
  onProgress?: (progress: PageProgress) => void;
  /** For error messages. */
  api: string;
  operation: string;
  /** Which part of a larger pull this walk is, e.g. "window 3 of 14 (2025-03-01T00:00:00 to 2025-04-01T00:00:00)". */
  part?: string;
}

function incomplete(walk: { api: string; operation: string; part?: string }, reason: string, page: number, correlationId?: string): ApiError {
  const where = walk.part === undefined ? '' : `in ${walk.part}, `;
  return createApiError({ kind: 'incomplete', api: walk.api, operation: walk.operation, reason: `${where}${reason}`, page, correlationId });
}

/** Every item of every page, in server order. */
export async function* walkPages<T>(walk: PageWalk<T>): AsyncGenerator<T> {
  const concurrency = Math.max(1, Math.min(16, Math.floor(walk.concurrency ?? 4)));
  const limiter = walk.limiter ?? createLimiter(concurrency);
  const stop = new AbortController();
  const { signal, dispose } = anySignal([walk.signal, stop.signal]);
  // A page whose turn comes after the walk was stopped is never asked for.
  const fetchPage = (n: number): Promise<Page<T>> =>
    limiter.run(() => (signal.aborted ? Promise.reject(walkAborted(walk.api, walk.operation, 'the walk was cancelled.', n)) : walk.fetchPage(n, signal)));
  let rest: AsyncGenerator<Page<T>> | undefined;
  try {
    const first = await fetchPage(0);
    const total = first.total;
    const pageSize = Math.max(1, first.limit || first.items.length || 1);
    const expectedLast = total === 0 ? 0 : Math.ceil(total / pageSize) - 1;
    // One page past what the total implies is allowed (it should be empty); never more.
    const lastOffset = Math.min(first.lastOffset ?? expectedLast, expectedLast + 1);
    const pagesTotal = lastOffset + 1;
    let records = first.items.length;
    let pagesDone = 1;
    let lastCorrelationId = first.correlationId;
    walk.onProgress?.({ pagesDone, pagesTotal, records, total });

    // The next pages are asked for now, while the first page's records are handed out: a caller
    // that works on each record (a sheet write) would otherwise hold every other request back.
    const later = first.items.length > 0 ? range(1, lastOffset) : range(1, 0);
    rest = mapInOrder(later, concurrency, fetchPage);
    const ahead = rest.next();
    ahead.catch(() => undefined); // its failure is thrown below, once the first page is out
    yield* first.items;

    let offset = 0;
    for (let step = await ahead; step.done !== true; step = await rest.next()) {
      const page = step.value;
      offset++;
      if (walk.signal?.aborted) throw walkAborted(walk.api, walk.operation, `the walk was cancelled after ${records} of ${total} records.`, offset);
      lastCorrelationId = page.correlationId;
      if (page.total !== total) {
        throw incomplete(walk, `the data changed while it was being read: page 0 announced ${total} records, page ${offset} announces ${page.total}. Run the query again.`, offset, page.correlationId);
      }
      if (page.items.length === 0) break;
      records += page.items.length;
      if (records > total) {
        throw incomplete(walk, `the pages hold more records than the ${total} announced (duplicates?). Run the query again.`, offset, page.correlationId);
      }
      pagesDone++;
      walk.onProgress?.({ pagesDone, pagesTotal, records, total });
      yield* page.items;
    }
    if (records !== total) {
      throw incomplete(walk, `the pages held ${records} records, but the server announced ${total}. Nothing was dropped silently: run the query again.`, pagesDone - 1, lastCorrelationId);
    }
  } finally {
    stop.abort();
    dispose();
    // Stopped early (break, error): the pages still to come are not asked for.
    rest?.return(undefined).catch(() => undefined);
  }
}

type PageOf<T, P> = (params: P & { limit: number; offset: number }, options: CallOptions & { page?: number }) => Promise<Page<T>>;

/** `all()` of a paged call: the query is checked now (bad input fails at the call), the pages are walked when the list is read. */
export function pagedList<T, P extends object>(api: string, operation: UsageOperationId, fetchPage: PageOf<T, P>, params: P, options: WalkOptions = {}): LazyList<T> {
  const limit = options.pageSize ?? 100;
  buildRequest(operation, { ...params, limit, offset: 0 });
  return new LazyList(() =>
    walkPages<T>({
      api,
      operation,
      concurrency: options.concurrency,
      signal: options.signal,
      onProgress: options.onProgress,
      fetchPage: (offset, signal) => fetchPage({ ...params, limit, offset }, { signal, page: offset }),
    }),
  );
}
