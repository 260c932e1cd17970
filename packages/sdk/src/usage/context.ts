import { createApiContext, type ApiContext } from '../core/api-context.js';
import type { Transport } from '../core/transport.js';
import type { paths } from '../generated/usage-v2.gen.js';
import { buildRequest, type UsageOperationId } from './params.js';
import type { CallOptions } from './types.js';

export type UsageContext = ApiContext<paths>;
export type UsageRawClient = UsageContext['raw'];

// Every array parameter of the Usage API spec is `style: form, explode: false` (comma-separated).
export function createUsageContext(transport: Transport): UsageContext {
  return createApiContext<paths>(transport, 'comma');
}

/**
 * One call of the spec: the caller's parameters built and checked (buildRequest), then sent as a
 * typed call. GETs may be repeated, a POST (creating a report) not; the body is parsed as JSON
 * (`jsonBody`) or, for `text`, left as text on the response.
 */
export function callUsage(
  context: UsageContext,
  method: 'get' | 'post',
  path: keyof paths & string,
  operation: UsageOperationId,
  params: unknown,
  options: CallOptions & { page?: number },
  expect: 'json' | 'text' = 'json',
): Promise<Response> {
  const { path: pathValues, query, body } = buildRequest(operation, params);
  // Built and validated from the spec's constraints above, so the shape is the generated one.
  const parts = { params: { path: pathValues, query }, body: method === 'post' ? (body ?? {}) : undefined } as never;
  return context.call(method, path as never, parts, { operation, idempotent: method === 'get', expect, signal: options.signal, requestId: options.requestId, page: options.page });
}
