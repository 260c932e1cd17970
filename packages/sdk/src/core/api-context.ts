// What every API's calls share: the transport, the typed openapi-fetch client over it, and the
// helpers that attach a call's context to a request and read its answer safely.
import createClient, { type Client, type QuerySerializerOptions } from 'openapi-fetch';
import { createApiError, type ApiError, type ApiErrorKind } from './errors.js';
import { redactUrl } from './redact.js';
import type { CallContext, Transport } from './transport.js';

/** Thrown by a converter when a value in an answer cannot be read (becomes a MalformedResponseError). */
export class UnreadableValue extends Error {}

export interface ApiContext<Paths extends object> {
  transport: Transport;
  raw: Client<Paths>;
  /** The per-request `fetch` that routes one typed call through the transport with its context. */
  via(context: CallContext): (request: Request) => Promise<Response>;
  /** Converts an answer, turning an unreadable value into a MalformedResponseError. */
  read<T>(operation: string, response: Response, convert: () => T, page?: number): T;
}

export function createApiContext<Paths extends object>(transport: Transport, querySerializer?: QuerySerializerOptions): ApiContext<Paths> {
  const raw = createClient<Paths>({
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
        throw answerError('malformed', transport.api, operation, response, `a value in the answer could not be read: ${error.message}.`, error, page);
      }
    },
  };
}

/** An error about an answer already received: its status, URL and correlation id come from it. */
export function answerError(kind: ApiErrorKind, api: string, operation: string, response: Response, reason: string, cause?: unknown, page?: number): ApiError {
  return createApiError({
    kind,
    api,
    operation,
    reason,
    method: 'GET',
    url: response.url ? redactUrl(response.url) : undefined,
    status: response.status,
    correlationId: response.headers.get('x-correlation-id') ?? undefined,
    page,
    cause,
  });
}
