// The one retry policy: which failures are retried, and how long to wait before the next try.

/** Statuses worth another try for a request that may safely be repeated. */
const retryableStatuses = new Set([429, 500, 502, 503, 504]);

/** Network error codes that prove the request never reached the server. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff ceiling in ms; doubles each attempt (full jitter picks a random wait below it). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/** What a caller hears before a failed attempt is tried again (`onRetry` in the client options). */
export interface RetryEvent {
  /** The retry about to be made: 1 for the first. */
  attempt: number;
  /** The wait before it, ms (what Retry-After asked for, or the backoff). */
  delayMs: number;
  /** The HTTP status that failed, absent for a network failure. 429 (and 503) mean "slow down". */
  status?: number;
  /** The failure in words, without the token. */
  reason: string;
  /** The operation, e.g. "getUsage". */
  operation: string;
}

/** Tells the caller's listener; a listener that throws never breaks the call it listens to. */
export function announceRetry(listener: ((event: RetryEvent) => void) | undefined, event: RetryEvent): void {
  try {
    listener?.(event);
  } catch {
    // A progress display that fails must not fail the pull.
  }
}

/**
 * Whether a failed attempt may be tried again. Idempotent requests retry on network errors and
 * the statuses above; others (creating a report) only when the server certainly did not act:
 * a 429, or a connection that was never made.
 */
export function isRetryable(failure: { status?: number; networkCode?: string; bodyFailed?: boolean }, idempotent: boolean): boolean {
  if (failure.status !== undefined) {
    return idempotent ? retryableStatuses.has(failure.status) : failure.status === 429;
  }
  if (idempotent) return true;
  return failure.networkCode !== undefined && notSentCodes.has(failure.networkCode) && !failure.bodyFailed;
}

/** Exponential backoff with full jitter (AWS architecture blog), or what Retry-After asks for. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.max(0, retryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Parses Retry-After: delta seconds, or an HTTP date. Unparseable values are ignored. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The error code inside a fetch TypeError (undici puts it on `cause`). */
export function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
