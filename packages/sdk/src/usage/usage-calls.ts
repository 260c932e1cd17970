// client.usage: one page, every page, any range, or CSV.
import { LazyList } from '../core/lazy-list.js';
import { jsonBody } from '../core/transport.js';
import type { components } from '../generated/usage-v2.gen.js';
import type { UsageContext } from './context.js';
import { walkPages } from './paging.js';
import { buildRequest } from './params.js';
import { usageRange } from './range.js';
import { toUsageRecord } from './records.js';
import type { CallOptions, Page, RangeOptions, UsagePageQuery, UsageQuery, UsageRecord, WalkOptions } from './types.js';

export interface UsageCalls {
  /** One page of usage records (`offset` is the page number). */
  list(params: UsagePageQuery, options?: CallOptions): Promise<Page<UsageRecord>>;
  /** Every record of every page, in server order: `for await` it, or `await` it for an array. */
  all(params: UsageQuery, options?: WalkOptions): LazyList<UsageRecord>;
  /**
   * Every record of a range of any length, pulled as month windows (see `splitRange`), each
   * walked like `all()`; `concurrency` bounds the requests of all windows together. Records come
   * in window order; summarized windows (the default detail level) are merged into what one
   * call over the whole range would answer.
   */
  range(params: UsageQuery, options?: RangeOptions): LazyList<UsageRecord>;
  /** The same records as CSV text (the API caps it at 20,000 records). */
  csv(params: UsageQuery, options?: CallOptions): Promise<string>;
}

export function createUsageCalls(context: UsageContext): UsageCalls {
  async function fetchPage(params: UsagePageQuery, options: CallOptions & { page?: number } = {}): Promise<Page<UsageRecord>> {
    const { path, query } = buildRequest('getUsage', params);
    const { response } = await context.raw.GET('/usage/realms/{realmId}', {
      // Built and validated from the spec's constraints above, so the shape is the generated one.
      params: { path, query } as never,
      parseAs: 'stream',
      fetch: context.via({ operation: 'getUsage', idempotent: true, expect: 'json', signal: options.signal, requestId: options.requestId, page: options.page }),
    });
    const body = jsonBody<components['schemas']['UsagePage']>(response);
    return context.read('getUsage', response, () => ({ ...body, items: body.items.map(toUsageRecord), correlationId: response.headers.get('x-correlation-id') ?? undefined }), options.page);
  }

  return {
    list: (params, options) => fetchPage(params, options),
    all(params, options = {}) {
      const limit = options.pageSize ?? 100;
      // Validate now, so bad input fails at the call, before any request.
      buildRequest('getUsage', { ...params, limit, offset: 0 });
      return new LazyList(() =>
        walkPages<UsageRecord>({
          api: context.transport.api,
          operation: 'getUsage',
          concurrency: options.concurrency,
          signal: options.signal,
          onProgress: options.onProgress,
          fetchPage: (offset, signal) => fetchPage({ ...params, limit, offset }, { signal, page: offset }),
        }),
      );
    },
    range: (params, options) => usageRange(context.transport.api, fetchPage, params, options),
    async csv(params, options = {}) {
      const { path, query } = buildRequest('getUsageCsv', params);
      const { data } = await context.raw.GET('/usage/realms/{realmId}/csv', {
        params: { path, query } as never,
        parseAs: 'text',
        fetch: context.via({ operation: 'getUsageCsv', idempotent: true, expect: 'text', signal: options.signal, requestId: options.requestId }),
      });
      return data ?? '';
    },
  };
}
