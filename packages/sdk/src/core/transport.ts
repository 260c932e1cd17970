// The one transport for every API: request ids, auth, deadline, abort, retries, typed errors.
// Typed calls hand it their URL and body (api-context.ts); the raw openapi-fetch client hands it
// its Requests, as its `fetch`.
import { DeadlineExceeded, onAbort, sleep } from './abort.js';
import { resolveToken, type TokenSource } from './auth.js';
import { createApiError, kindOfStatus, type ApiError, type ApiErrorKind } from './errors.js';
import { announceRetry, defaultRetryPolicy, isRetryable, networkCodeOf, parseRetryAfter, retryDelayMs, type RetryEvent, type RetryPolicy } from './retry.js';
import { redactUrl, scrub } from './redact.js';
import { hasSpaceOrControl } from './validation.js';

export interface TransportOptions {
  /** The API's name in error messages, e.g. "HERE Usage API". */
  api: string;
  baseUrl: string;
  token?: TokenSource;
  fetch?: typeof globalThis.fetch;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Deadline of one call, retries and waits included, until its body is read (headers for streams). */
  timeoutMs?: number;
  /** Source of randomness for backoff jitter (tests pin it). */
  random?: () => number;
  /** Further values that must never appear in an error (an app secret). */
  secrets?: string[];
  /** Called before each retry (the client options' `onRetry`). */
  onRetry?: (event: RetryEvent) => void;
}

/** What the transport needs to know about one call. */
export interface CallContext {
  operation: string;
  /** May the request be sent twice without harm? GETs yes, report creation no. */
  idempotent: boolean;
  /** json and text bodies are read (and retried) here; stream bodies are handed over unread. */
  expect: 'json' | 'text' | 'stream';
  signal?: AbortSignal;
  requestId?: string;
  /** The raw client returns HTTP error responses instead of throwing. */
  throwOnHttpError?: boolean;
  page?: number;
}

interface Failure {
  kind: ApiErrorKind;
  reason: string;
  status?: number;
  code?: string;
  networkCode?: string;
  bodyFailed?: boolean;
  retryAfterMs?: number;
  correlationId?: string;
  cause?: unknown;
}

// JSON bodies are read and parsed once, inside the retry loop (a body cut off mid-way is retried
// like a broken connection); callers take the parsed value from here instead of parsing again.
// Kept on the response under a private symbol rather than in a WeakMap: a WeakMap entry per call
// made garbage collection a large share of every call's cost.
const parsedBody = Symbol();
type WithBody = Response & { [parsedBody]?: unknown };

/** The JSON body the transport already parsed for this response. */
export function jsonBody<T>(response: Response): T {
  return (response as WithBody)[parsedBody] as T;
}

/**
 * A request described rather than built: `fetch` gets its URL and an init. Building a Request per
 * call cost more than anything else the transport does, and fetch() builds its own anyway.
 */
export interface CallRequest {
  method: string;
  url: string;
  /** Sent as is on every try; names in lower case (the transport adds its own the same way). */
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

export interface Transport {
  readonly api: string;
  readonly baseUrl: string;
  readonly origin: string;
  send(request: Request | CallRequest, context: CallContext): Promise<Response>;
}

const defaultTimeoutMs = 60_000;

function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** Is `url` on `prefix` (an origin or a base URL), not merely starting with the same text? */
function isUnder(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}

/** Builds the transport. Nothing here knows which API it talks to beyond `api` and `baseUrl`. */
export function createTransport(options: TransportOptions): Transport {
  // The global fetch is looked up per call, not kept: a test or an app may replace it later.
  const fetchImpl: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const policy: RetryPolicy = { ...defaultRetryPolicy, maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries };
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  // A usable string token is the same on every call: no await for it. Any other goes through
  // resolveToken, which asks a function or refuses an unusable string in the call's words.
  const fixed = typeof options.token === 'string' ? options.token.trim() : '';
  const fixedToken = fixed !== '' && !hasSpaceOrControl(fixed) ? fixed : undefined;

  async function send(request: Request | CallRequest, context: CallContext): Promise<Response> {
    const built = request instanceof Request ? request : undefined;
    const requestId = context.requestId ?? built?.headers.get('x-request-id') ?? newId();
    // Only what every call needs is worked out here; the redacted URL is made when an error is.
    // A Request's URL is normalized (a lower-case host); a described one is the base URL's text.
    const sameOrigin = isUnder(request.url, origin) || isUnder(request.url, baseUrl);
    // One controller per call: it fires at the deadline, or when the caller's signal does.
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(() => controller.abort(new DeadlineExceeded(timeoutMs)), timeoutMs);
    const callerSignal = context.signal;
    const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    const dispose = callerSignal === undefined || callerSignal.aborted ? (): void => undefined : onAbort(callerSignal, onCallerAbort);
    const started = Date.now();
    let refreshedToken = false;
    let correlationId: string | undefined;
    let token: string | undefined;

    const fail = (failure: Failure, attempts: number): ApiError =>
      createApiError({
        ...failure,
        // A server may echo what it was sent; the token never reaches a message.
        secrets: [token, ...(options.secrets ?? [])],
        api: options.api,
        operation: context.operation,
        method: request.method,
        url: redactUrl(request.url),
        correlationId: failure.correlationId ?? correlationId,
        requestId,
        page: context.page,
        attempts,
      });

    const stopped = (attempts: number, cause: unknown): ApiError | undefined => {
      if (context.signal?.aborted) return fail({ kind: 'aborted', reason: 'the call was cancelled.', cause }, attempts);
      if (signal.reason instanceof DeadlineExceeded) return fail({ kind: 'timeout', reason: `no complete answer within ${timeoutMs} ms.`, cause }, attempts);
      return undefined;
    };

    try {
      for (let attempt = 0; ; attempt++) {
        const stop = stopped(attempt, signal.reason);
        if (stop) throw stop;
        const sentCorrelationId = newId();
        correlationId = sentCorrelationId;
        let failure: Failure;
        // Credentials go only to the API's own origin: a report link may point elsewhere.
        if (sameOrigin && options.token !== undefined) token = fixedToken ?? (await resolveToken(options.token, { forceRefresh: refreshedToken, signal }));
        const ids = { requestId, correlationId: sentCorrelationId };
        // Another origin gets no credentials; without a token of ours the request's own stay.
        const authorization = !sameOrigin ? null : token === undefined ? undefined : `Bearer ${token}`;
        try {
          // The signal goes in `init`, as fetch() takes it: a Request given came without ours.
          const response = await (built === undefined
            ? fetchImpl(request.url, { method: request.method, headers: callHeaders(request as CallRequest, ids, authorization), body: request.body as string | undefined, signal })
            : fetchImpl(attemptOf(built, ids, authorization), { signal }));
          correlationId = response.headers.get('x-correlation-id') ?? sentCorrelationId;

          if (response.status === 401 && sameOrigin && typeof options.token === 'function' && !refreshedToken) {
            // Ask the token function once for a fresh token; this try does not count as a retry.
            refreshedToken = true;
            await response.body?.cancel();
            attempt--;
            continue;
          }
          if (response.ok) {
            if (context.expect === 'stream') {
              clearTimeout(timer);
              return response;
            }
            const read = await readBody(response, context.expect);
            if (read.ok) return read.response;
            failure = { ...read.failure, correlationId };
          } else {
            const text = await response.text().catch(() => '');
            const parsed = parseErrorBody(text);
            failure = {
              kind: kindOfStatus(response.status),
              status: response.status,
              code: parsed.code,
              reason: `HTTP ${response.status}${parsed.message ? `: ${parsed.message}` : ` ${response.statusText}`.trimEnd() + '.'}`,
              retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
              correlationId: response.headers.get('x-correlation-id') ?? parsed.correlationId ?? sentCorrelationId,
            };
            if (context.throwOnHttpError === false && !(attempt < policy.maxRetries && isRetryable(failure, context.idempotent))) {
              return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
            }
          }
        } catch (error) {
          const stop = stopped(attempt + 1, error);
          if (stop) throw stop;
          failure = { kind: 'network', reason: `the connection failed (${describeNetworkError(error)}).`, networkCode: networkCodeOf(error), cause: error };
        }

        const delay = retryDelayMs(policy, attempt, failure.retryAfterMs, options.random);
        const fitsDeadline = Date.now() - started + delay < timeoutMs;
        if (attempt >= policy.maxRetries || !isRetryable(failure, context.idempotent) || !fitsDeadline) {
          throw fail(failure, attempt + 1);
        }
        announceRetry(options.onRetry, { attempt: attempt + 1, delayMs: delay, status: failure.status, reason: scrub(failure.reason, [token, ...(options.secrets ?? [])]), operation: context.operation });
        try {
          await sleep(delay, signal);
        } catch (error) {
          throw stopped(attempt + 1, error) ?? error;
        }
      }
    } finally {
      clearTimeout(timer);
      if (context.expect !== 'stream') dispose();
    }
  }

  return { api: options.api, baseUrl, origin, send };
}

interface TryIds {
  requestId: string;
  correlationId: string;
}

/** `Authorization` of one try: a value to send, `null` to send none, `undefined` to keep the request's own. */
type TryAuthorization = string | null | undefined;

/** The headers of one try of a described request. */
function callHeaders(request: CallRequest, ids: TryIds, authorization: TryAuthorization): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers, 'x-request-id': ids.requestId, 'x-correlation-id': ids.correlationId };
  if (authorization === null) delete headers.authorization;
  else if (authorization !== undefined) headers.authorization = authorization;
  return headers;
}

/** One try of a given Request, with this try's ids and credentials. */
function attemptOf(request: Request, ids: TryIds, authorization: TryAuthorization): Request {
  // A request with a body can be sent once, so each try sends a copy; one without is reused.
  const attempt = request.body === null ? request : request.clone();
  const headers = attempt.headers;
  headers.set('X-Request-ID', ids.requestId);
  headers.set('X-Correlation-ID', ids.correlationId);
  if (authorization === null) headers.delete('authorization');
  else if (authorization !== undefined) headers.set('Authorization', authorization);
  return attempt;
}

type ReadResult = { ok: true; response: Response } | { ok: false; failure: Failure };

async function readBody(response: Response, expect: 'json' | 'text'): Promise<ReadResult> {
  const contentType = response.headers.get('content-type') ?? '';
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // A body cut off mid-way (connection reset, truncated chunked stream).
    return { ok: false, failure: { kind: 'network', reason: `the answer broke off while being read (${describeNetworkError(error)}).`, bodyFailed: true, cause: error } };
  }
  // 204 No Content (a delete) has nothing to parse.
  if (response.status === 204) return { ok: true, response };
  if (expect === 'text') return { ok: true, response: new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers }) };
  if (!/json/i.test(contentType)) {
    return { ok: false, failure: { kind: 'malformed', reason: `expected JSON but the answer is "${contentType || 'without a content type'}".` } };
  }
  try {
    (response as WithBody)[parsedBody] = JSON.parse(text);
    return { ok: true, response };
  } catch (error) {
    return { ok: false, failure: { kind: 'malformed', reason: `the answer is not valid JSON (${text.length} characters received; it may be truncated).`, cause: error } };
  }
}

function parseErrorBody(text: string): { code?: string; message?: string; correlationId?: string } {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return {};
    const outer = body as Record<string, unknown>;
    // Some APIs wrap the details: { "error": { "code", "message", ... } }.
    const record = typeof outer.error === 'object' && outer.error !== null ? (outer.error as Record<string, unknown>) : outer;
    const pick = (key: string): string | undefined => {
      const value = record[key] ?? outer[key];
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    };
    return {
      code: pick('code') ?? pick('errorCode') ?? pick('error'),
      message: pick('message') ?? pick('title') ?? pick('error_description'),
      correlationId: pick('correlationId'),
    };
  } catch {
    return {};
  }
}

function describeNetworkError(error: unknown): string {
  const code = networkCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
