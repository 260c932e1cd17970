// client.usage: one page, every page, any range, or CSV.
import { LazyList } from '../core/lazy-list.js';
import { jsonBody } from '../core/transport.js';
import type { components } from '../generated/usage-v2.gen.js';
import { callUsage, type UsageContext } from './context.js';
import { pagedList } from './paging.js';
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
    const response = await callUsage(context, 'get', '/usage/realms/{realmId}', 'getUsage', params, options);
    const body = jsonBody<components['schemas']['UsagePage']>(response);
    return context.read('getUsage', response, () => ({ ...body, items: body.items.map(toUsageRecord), correlationId: response.headers.get('x-correlation-id') ?? undefined }), options.page);
  }

  return {
    list: (params, options) => fetchPage(params, options),
    all: (params, options) => pagedList(context.transport.api, 'getUsage', fetchPage, params, options),
    range: (params, options) => usageRange(context.transport.api, fetchPage, params, options),
    async csv(params, options = {}) {
      const response = await callUsage(context, 'get', '/usage/realms/{realmId}/csv', 'getUsageCsv', params, options, 'text');
      // A 204 has no body to read (the transport already saw it empty).
      return response.status === 204 ? '' : response.text();
    },
  };
}
