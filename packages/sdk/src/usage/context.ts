import { createApiContext, type ApiContext } from '../core/api-context.js';
import type { Transport } from '../core/transport.js';
import type { paths } from '../generated/usage-v2.gen.js';
import { buildRequest, type UsageOperationId } from './params.js';
import type { CallOptions } from './types.js';

export type UsageContext = ApiContext<paths>;
export type UsageRawClient = UsageContext['raw'];

// Every array parameter of the Usage API spec is `style: form, explode: false` (comma-separated).
export function createUsageContext(transport: Transport): UsageContext {
  return createApiContext<paths>(transport, { array: { style: 'form', explode: false } });
}

/**
 * One call of the spec: the caller's parameters built and checked (buildRequest), the URL made by
 * the typed client, sent through the transport. GETs may be repeated, a POST (creating a report)
 * not; the body is read as JSON (`stream`: left for the caller, parsed by the transport) or text.
 */
export function callUsage(
  context: UsageContext,
  method: 'get' | 'post',
  path: keyof paths,
  operation: UsageOperationId,
  params: unknown,
  options: CallOptions & { page?: number },
  parseAs: 'stream' | 'text' = 'stream',
): Promise<{ data?: unknown; response: Response }> {
  const { path: pathValues, query, body } = buildRequest(operation, params);
  // Built and validated from the spec's constraints above, so the shape is the generated one.
  return context.raw.request(method, path as never, {
    params: { path: pathValues, query },
    body: method === 'post' ? (body ?? {}) : undefined,
    parseAs,
    fetch: context.via({ operation, idempotent: method === 'get', expect: parseAs === 'text' ? 'text' : 'json', signal: options.signal, requestId: options.requestId, page: options.page }),
  } as never);
}
