import { ValidationError } from './errors.js';
import { hasSpaceOrControl } from './validation.js';

/** What a token function is told when it is asked for a token. */
export interface TokenRequest {
  /** True when the last token was refused (401): return a new one, not a cached one. */
  forceRefresh: boolean;
  signal?: AbortSignal;
}

/** A function that returns an access token, sync or async. */
export type TokenFunction = (request: TokenRequest) => string | Promise<string>;

/** A bearer token as a string, or a function that returns one (asked again once after a 401). */
export type TokenSource = string | TokenFunction;

/** The token to send, or undefined when there is none. */
export async function resolveToken(source: TokenSource | undefined, request: TokenRequest): Promise<string | undefined> {
  if (source === undefined) return undefined;
  const token = typeof source === 'string' ? source : await source(request);
  if (typeof token !== 'string' || token.trim() === '' || hasSpaceOrControl(token.trim())) {
    throw new ValidationError('token', [{ field: 'token', message: 'The token function returned no usable token: it must return a non-empty string without spaces or line breaks.' }]);
  }
  return token.trim();
}

export interface IssuedToken {
  token: string;
  /** Lifetime in seconds, as the token endpoint said. */
  expiresInSeconds: number;
}

export interface TokenCacheOptions {
  /** Renew this long before expiry so a token never expires in the middle of a call. */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * Wraps a token fetcher in a cache: one token until shortly before it expires, and a single
 * request in flight shared by every caller that asks at the same time.
 */
export function cachedTokenSource(fetchToken: (signal?: AbortSignal) => Promise<IssuedToken>, options: TokenCacheOptions = {}): TokenFunction {
  const now = options.now ?? Date.now;
  const marginMs = options.refreshMarginMs ?? 5 * 60_000;
  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  return ({ forceRefresh, signal }) => {
    if (inFlight) return inFlight;
    if (cached && !forceRefresh && now() < cached.renewAt) return cached.token;
    const started = now();
    inFlight = fetchToken(signal)
      .then((issued) => {
        const lifetimeMs = issued.expiresInSeconds * 1000;
        // A token shorter-lived than twice the margin is renewed halfway through its life.
        const renewIn = lifetimeMs > 2 * marginMs ? lifetimeMs - marginMs : lifetimeMs / 2;
        cached = { token: issued.token, renewAt: started + renewIn };
        return issued.token;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
