// What every API's calls share: the transport, the one way a typed call is sent through it, the
// typed openapi-fetch client over it for everything else, and reading an answer safely.
import createClient, { createFinalURL, createQuerySerializer, defaultPathSerializer, type Client, type ParamsOption, type RequestBodyOption } from 'openapi-fetch';
import { createApiError, type ApiError, type ApiErrorKind } from './errors.js';
import { redactUrl } from './redact.js';
import type { CallContext, CallRequest, Transport } from './transport.js';

/** Thrown by a converter when a value in an answer cannot be read (becomes a MalformedResponseError). */
export class UnreadableValue extends Error {}

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** How a spec writes array query values: `comma` is `form` with `explode: false` (`a=1,2`), `repeat` is `form` exploded (`a=1&a=2`, openapi-fetch's default). */
export type ArrayStyle = 'comma' | 'repeat';

/** The paths of the spec that have the method. */
export type PathsWith<Paths, Method extends HttpMethod> = { [P in keyof Paths]: Paths[P] extends Record<Method, unknown> ? P : never }[keyof Paths] & string;

/** The spec's operation at a path and method. */
export type OperationAt<Paths, P extends keyof Paths, Method extends HttpMethod> = Paths[P] extends Record<Method, infer Operation> ? Operation : never;

/** What a typed call sends: its path and query values and its JSON body, typed by the spec as for openapi-fetch. */
export type CallParts<Operation> = ParamsOption<Operation> & RequestBodyOption<Operation>;

export interface ApiContext<Paths extends object> {
  transport: Transport;
  raw: Client<Paths>;
  /**
   * One typed call: the URL built by openapi-fetch's own serializers, the body as JSON, sent
   * through the transport with its context. Resolves to the answer (JSON bodies already parsed:
   * `jsonBody`). It skips what openapi-fetch's client does on every call besides (a fresh query
   * serializer, merged headers, a Request, the middleware loop): that was most of its cost.
   */
  call<Method extends HttpMethod, P extends PathsWith<Paths, Method>>(method: Method, path: P, parts: CallParts<OperationAt<Paths, P, Method>>, context: CallContext): Promise<Response>;
  /** Converts an answer, turning an unreadable value into a MalformedResponseError. */
  read<T>(operation: string, response: Response, convert: () => T, page?: number): T;
}

/**
 * The context of one API. `arrays` is how its spec writes array query values; the raw client
 * writes them the same way.
 */
export function createApiContext<Paths extends object>(transport: Transport, arrays: ArrayStyle = 'repeat'): ApiContext<Paths> {
  const serializerOptions = { array: { style: 'form', explode: arrays === 'repeat' } } as const;
  const querySerializer = createQuerySerializer(serializerOptions);
  const raw = createClient<Paths>({
    baseUrl: transport.baseUrl,
    querySerializer: serializerOptions,
    // Calls made on the raw client still get request ids, auth, retries and the deadline,
    // but HTTP errors come back as openapi-fetch's `{ error }` instead of being thrown.
    fetch: (request) => transport.send(request, { operation: `${request.method} ${new URL(request.url).pathname}`, idempotent: request.method === 'GET', expect: 'stream', throwOnHttpError: false }),
  });
  return {
    transport,
    raw,
    call(method, path, parts, context) {
      // The spec's types end here: what is sent is strings and scalars.
      const { params, body } = parts as { params?: { path?: Record<string, unknown>; query?: Record<string, unknown> }; body?: unknown };
      const url = createFinalURL(path, { baseUrl: transport.baseUrl, params: { path: params?.path, query: params?.query }, querySerializer, pathSerializer: defaultPathSerializer });
      const request: CallRequest = { method: method.toUpperCase(), url };
      if (body !== undefined) {
        request.body = JSON.stringify(body);
        request.headers = jsonContent;
      }
      return transport.send(request, context);
    },
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

const jsonContent = { 'content-type': 'application/json' } as const;

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
