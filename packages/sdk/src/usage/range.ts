// client.usage.range: a range of any length, pulled as month windows. Each window is walked like
// all() (every page, its own total check); one limiter bounds the requests of all windows
// together; summarized windows are merged into what one call over the whole range would answer.
import { anySignal } from '../core/abort.js';
import { formatApiDateTime } from '../core/dates.js';
import { LazyList } from '../core/lazy-list.js';
import { createLimiter, mapInOrder, range } from '../core/ordered-pool.js';
import { mergeSummarized } from './merge-summarized.js';
import { walkPages } from './paging.js';
import { buildRequest } from './params.js';
import { windowsOf } from './split-range.js';
import type { CallOptions, DateWindow, Page, RangeOptions, RangeProgress, UsagePageQuery, UsageQuery, UsageRecord } from './types.js';

type FetchPage = (params: UsagePageQuery, options: CallOptions & { page?: number }) => Promise<Page<UsageRecord>>;

/** Validates the query once (before any request) and returns the lazy pull of every window. */
export function usageRange(api: string, fetchPage: FetchPage, query: UsageQuery, options: RangeOptions = {}): LazyList<UsageRecord> {
  const pageSize = options.pageSize ?? 100;
  const windows = windowsOf(query.startDate, query.endDate, 'getUsage');
  const first = windows[0] as DateWindow;
  // The 95-day rule applies per window: every other parameter is checked with the first one.
  buildRequest('getUsage', { ...query, startDate: first.startDate, endDate: first.endDate, limit: pageSize, offset: 0 });
  const pull = { api, fetchPage, query, windows, pageSize, options };
  return new LazyList(() => walkRange(pull));
}

interface RangePull {
  api: string;
  fetchPage: FetchPage;
  query: UsageQuery;
  windows: DateWindow[];
  pageSize: number;
  options: RangeOptions;
}

async function* walkRange({ api, fetchPage, query, windows, pageSize, options }: RangePull): AsyncGenerator<UsageRecord> {
  // createLimiter, walkPages and mapInOrder each clamp it to 1..16 themselves.
  const concurrency = options.concurrency ?? 4;
  const limiter = createLimiter(concurrency);
  const stop = new AbortController();
  const { signal, dispose } = anySignal([options.signal, stop.signal]);
  const progress: RangeProgress = { windowsDone: 0, windowsTotal: windows.length, records: 0, total: 0, windowsCounted: 0 };
  const report = (): void => options.onProgress?.({ ...progress });
  // The first failure is the one reported: the windows stopped because of it fail as "aborted".
  let failure: unknown;

  const pullWindow = async (index: number): Promise<UsageRecord[]> => {
    const window = windows[index] as DateWindow;
    const part = `window ${index + 1} of ${windows.length} (${formatApiDateTime(window.startDate)} to ${formatApiDateTime(window.endDate)})`;
    const records: UsageRecord[] = [];
    let seen = 0;
    try {
      const pages = walkPages<UsageRecord>({
        api,
        operation: 'getUsage',
        part,
        concurrency,
        // Earlier windows first: the head window finishes soonest, and a server reads one window at a time.
        limiter: { run: (task) => limiter.run(task, index) },
        signal,
        onProgress: (p) => {
          if (p.pagesDone === 1) {
            progress.total += p.total;
            progress.windowsCounted++;
          }
          progress.records += p.records - seen;
          seen = p.records;
          report();
        },
        fetchPage: (offset, pageSignal) => fetchPage({ ...query, ...window, limit: pageSize, offset }, { signal: pageSignal, page: offset }),
      });
      for await (const record of pages) records.push(record);
    } catch (error) {
      failure ??= error;
      stop.abort();
      throw error;
    }
    progress.windowsDone++;
    report();
    return records;
  };

  try {
    const pulled = mapInOrder(range(0, windows.length - 1), concurrency, pullWindow);
    if (query.detailLevel !== undefined && query.detailLevel !== 'summarized') {
      for await (const records of pulled) yield* records;
      return;
    }
    // Summarized (the API's default): a later window may add to any earlier record, so the
    // merge waits for every window.
    const all: UsageRecord[][] = [];
    for await (const records of pulled) all.push(records);
    yield* mergeSummarized(all.flat());
  } catch (error) {
    throw failure ?? error;
  } finally {
    stop.abort();
    dispose();
  }
}
