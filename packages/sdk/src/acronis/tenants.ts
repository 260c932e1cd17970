// client.tenants: every tenant the API client can see, following the `after` cursor.
import type { ApiContext } from '../core/api-context.js';
import { createApiError } from '../core/errors.js';
import { LazyList } from '../core/lazy-list.js';
import { jsonBody } from '../core/transport.js';
import { check } from './check.js';
import type { paths } from '../generated/acronis-account-v2.gen.js';
import type { AcronisTenant } from './types.js';

export interface AcronisTenantListParams {
  /** Only the direct children of this tenant. */
  parentId?: string;
  /** This tenant and every tenant below it. */
  subtreeRootId?: string;
  /** Tenants per page (default 100). */
  pageSize?: number;
}

export interface AcronisTenantCalls {
  /** Every tenant, page after page; a cursor that repeats ends the walk with an error, never a loop. */
  list(params?: AcronisTenantListParams, options?: { signal?: AbortSignal }): LazyList<AcronisTenant>;
}

export function createAcronisTenantCalls(context: ApiContext<paths>): AcronisTenantCalls {
  return {
    list(params = {}, options = {}) {
      const query = { parent_id: params.parentId, subtree_root_id: params.subtreeRootId, limit: params.pageSize ?? 100 };
      check('listTenants', { query });
      return new LazyList(async function* () {
        const seen = new Set<string>();
        let after: string | undefined;
        for (let page = 0; ; page++) {
          const response = await context.call('get', '/tenants', { params: { query: { ...query, ...(after === undefined ? {} : { after }) } } }, { operation: 'listTenants', idempotent: true, expect: 'json', signal: options.signal, page });
          const body = jsonBody<{ items: AcronisTenant[]; paging?: { cursors?: { after?: string } } }>(response);
          yield* body.items;
          after = body.paging?.cursors?.after;
          if (!after || body.items.length === 0) return;
          if (seen.has(after)) {
            throw createApiError({ kind: 'malformed', api: context.transport.api, operation: 'listTenants', reason: `the server sent the cursor "${after.slice(0, 40)}" twice; stopping instead of looping.`, page });
          }
          seen.add(after);
        }
      });
    },
  };
}
