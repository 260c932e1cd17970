// What the usage and report calls share: the transport, the typed openapi-fetch client, and
// the helpers that attach a call's context to a request.
import createClient, { type Client } from 'openapi-fetch';
import { createApiError, type ApiError } from '../core/errors.js';
import type { CallContext, Transport } from '../core/transport.js';
import type { paths } from '../generated/usage-v2.gen.js';
import { UnreadableValue } from './records.js';

export type UsageRawClient = Client<paths>;

export interface UsageContext {
  transport: Transport;
  raw: UsageRawClient;
  /** The per-request `fetch` that routes one typed call through the transport with its context. */
  via(context: CallContext): (request: Request) => Promise<Response>;
  /** Converts an answer, turning an unreadable value into a MalformedResponseError. */
  read<T>(operation: string, response: Response, convert: () => T, page?: number): T;
}

// Every array parameter of the spec is `style: form, explode: false` (comma-separated).
const querySerializer = { array: { style: 'form', explode: false } } as const;

export function createUsageContext(transport: Transport): UsageContext {
  const raw = createClient<paths>({
    baseUrl: transport.baseUrl,
    querySerializer,
    // Calls made on the raw client still get request ids, auth, retries and the deadline,
    // but HTTP errors come back as openapi-fetch's `{ error }` instead of being thrown.
    fetch: (request) => transport.send(request, { operation: `${request.method} ${new URL(request.url).pathname}`, idempotent: request.method === 'GET', expect: 'stream', throwOnHttpError: false }),
  });
  return {
    transport,
    raw,
    via: (context) => (request) => transport.send(request, context),
    read<T>(operation: string, response: Response, convert: () => T, page?: number): T {
      try {
        return convert();
      } catch (error) {
        if (!(error instanceof UnreadableValue)) throw error;
        throw malformed(transport, operation, response, error, page);
      }
    },
  };
}

function malformed(transport: Transport, operation: string, response: Response, error: Error, page?: number): ApiError {
  return createApiError({
    kind: 'malformed',
    api: transport.api,
    operation,
    reason: `a value in the answer could not be read: ${error.message}.`,
    url: response.url || undefined,
    status: response.status,
    correlationId: response.headers.get('x-correlation-id') ?? undefined,
    page,
    cause: error,
  });
}
