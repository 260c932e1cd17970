import { scrub } from './redact.js';

/** What went wrong, in one word a program can branch on. */
export type ApiErrorKind =
  | 'auth'
  | 'not_found'
  | 'conflict'
  | 'rate_limit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'malformed'
  | 'http'
  | 'report_failed'
  | 'incomplete';

/** Everything known about a failed call; never holds a token or a secret. */
export interface ApiErrorDetails {
  kind: ApiErrorKind;
  /** What happened, in one sentence, without the request context (added by the error). */
  reason: string;
  /** Which API answered, e.g. "HERE Usage API". */
  api: string;
  /** The operation, e.g. "getUsage". */
  operation: string;
  method?: string;
  /** The request URL, with any credential-like query value removed. */
  url?: string;
  status?: number;
  code?: string;
  correlationId?: string;
  requestId?: string;
  /** How long the server asked to wait, for 429 and 503. */
  retryAfterMs?: number;
  /** The page a paged walk failed on (0-based page number). */
  page?: number;
  /** How many attempts were made. */
  attempts?: number;
  cause?: unknown;
  /** Values (tokens, secrets) removed from the reason, code and URL in every form; not kept. */
  secrets?: readonly (string | undefined)[];
}

// The details an ApiError keeps, in the order they are set (and listed by a console).
const fields = ['kind', 'api', 'operation', 'method', 'url', 'status', 'code', 'correlationId', 'requestId', 'retryAfterMs', 'page', 'attempts'] as const;

/** A call to an API failed. `kind` says how; `correlationId` is the id support asks for. */
export class ApiError extends Error {
  // Declared, and set in the constructor from `fields` in this order with `name` last (as
  // defined fields were), so that a bundle carries each field's name once.
  declare readonly kind: ApiErrorKind;
  declare readonly api: string;
  declare readonly operation: string;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;
  declare readonly status: number | undefined;
  declare readonly code: string | undefined;
  declare readonly correlationId: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly retryAfterMs: number | undefined;
  declare readonly page: number | undefined;
  declare readonly attempts: number | undefined;

  constructor(details: ApiErrorDetails) {
    super(describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    for (const key of fields) (this as unknown as Record<string, unknown>)[key] = details[key];
    // A literal, not new.target.name: minifiers rename classes, and `name` is what callers log.
    this.name = 'ApiError';
  }
}

/** 401 or 403: the token is missing, expired, or may not see this realm. */
export class AuthError extends ApiError { override readonly name: string = 'AuthError'; }
/** 404: no such realm, report or path. */
export class NotFoundError extends ApiError { override readonly name: string = 'NotFoundError'; }
/** 409, or a stale version: someone else changed the resource first. */
export class ConflictError extends ApiError { override readonly name: string = 'ConflictError'; }
/** 429 after every allowed retry. */
export class RateLimitError extends ApiError { override readonly name: string = 'RateLimitError'; }
/** 5xx after every allowed retry. */
export class ServerError extends ApiError { override readonly name: string = 'ServerError'; }
/** The server could not be reached, or the connection broke. */
export class NetworkError extends ApiError { override readonly name: string = 'NetworkError'; }
/** The call, or a wait, ran past its deadline. */
export class TimeoutError extends ApiError { override readonly name: string = 'TimeoutError'; }
/** The caller's AbortSignal fired. */
export class AbortedError extends ApiError { override readonly name: string = 'AbortedError'; }
/** The answer could not be read: invalid or truncated JSON, or an unexpected content type. */
export class MalformedResponseError extends ApiError { override readonly name: string = 'MalformedResponseError'; }
/** A report ended in `failed`. */
export class ReportFailedError extends ApiError { override readonly name: string = 'ReportFailedError'; }
/** The pages of a walk do not add up to the total the server announced. */
export class IncompleteResultError extends ApiError { override readonly name: string = 'IncompleteResultError'; }

const classes: Record<ApiErrorKind, typeof ApiError> = {
  auth: AuthError,
  not_found: NotFoundError,
  conflict: ConflictError,
  rate_limit: RateLimitError,
  server: ServerError,
  network: NetworkError,
  timeout: TimeoutError,
  aborted: AbortedError,
  malformed: MalformedResponseError,
  http: ApiError,
  report_failed: ReportFailedError,
  incomplete: IncompleteResultError,
};

/** The one error factory: picks the named class for the kind, and keeps the given secrets out of it. */
export function createApiError(details: ApiErrorDetails): ApiError {
  const { secrets = [], ...rest } = details;
  const clean = (text: string | undefined): string | undefined => (text === undefined ? undefined : scrub(text, secrets));
  return new classes[details.kind]({ ...rest, reason: scrub(details.reason, secrets), code: clean(details.code), url: clean(details.url) });
}

/** The kind of an HTTP error status. */
export function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  return 'http';
}

function describe(details: ApiErrorDetails): string {
  const request = [details.method, details.url].filter(Boolean).join(' ');
  const where = details.page === undefined ? '' : ` (page ${details.page})`;
  const parts = [`${details.api} ${details.operation}${where} failed: ${details.reason}`];
  if (request) parts.push(`Request: ${request}.`);
  parts.push(`Correlation id: ${details.correlationId ?? 'none received'}.`);
  if (details.requestId) parts.push(`Request id: ${details.requestId}.`);
  return parts.join(' ');
}

/** One rejected input: which field, and what is wrong with it, in plain words. */
export interface ValidationIssue {
  field: string;
  message: string;
}

/** Input was rejected before any request was sent. `issues` lists every problem at once. */
export class ValidationError extends Error {
  declare readonly issues: readonly ValidationIssue[];
  declare readonly operation: string;

  constructor(operation: string, issues: ValidationIssue[]) {
    const lines = issues.map((issue) => `- ${issue.message}`).join('\n');
    super(`Please correct ${issues.length === 1 ? 'this' : `these ${issues.length}`} before sending ${operation}:\n${lines}`);
    this.issues = issues;
    this.operation = operation;
    this.name = 'ValidationError';
  }
}
