// The retry policy as a caller lives with it: what is tried again, and how long each wait is.
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, isRetryable, networkCodeOf, parseRetryAfter, retryDelayMs } from './retry.js';

const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
const almostOne = (): number => 0.999_999;

describe('backoff', () => {
  it('doubles the ceiling of the wait with every attempt, up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => retryDelayMs(policy, attempt, undefined, almostOne))).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it('waits a random part of the ceiling (full jitter), rounded down to whole ms', () => {
    expect(retryDelayMs(policy, 2, undefined, () => 0)).toBe(0);
    expect(retryDelayMs(policy, 2, undefined, () => 0.5)).toBe(200);
    expect(retryDelayMs(policy, 2, undefined, () => 0.25)).toBe(100);
    expect(retryDelayMs(policy, 0, undefined, () => 0.123)).toBe(12);
  });

  it('spreads the waits of many callers over the whole range by default', () => {
    const waits = Array.from({ length: 200 }, () => retryDelayMs(policy, 3, undefined));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(800);
    expect(new Set(waits).size).toBeGreaterThan(50);
  });

  it('waits as long as Retry-After says instead, never less than nothing', () => {
    expect(retryDelayMs(policy, 0, 2_500, almostOne)).toBe(2_500);
    expect(retryDelayMs(policy, 3, 0, almostOne)).toBe(0);
    expect(retryDelayMs(policy, 3, -5, almostOne)).toBe(0);
  });

  it('starts at half a second and tries three more times by default', () => {
    expect(defaultRetryPolicy).toEqual({ maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 });
    expect(retryDelayMs(defaultRetryPolicy, 20, undefined, almostOne)).toBe(29_999);
  });
});

describe('what is tried again', () => {
  it('repeats a safe request on 429 and the passing server errors only', () => {
    const retried = [400, 401, 403, 404, 409, 422, 429, 500, 501, 502, 503, 504, 505].filter((status) => isRetryable({ status }, true));
    expect(retried).toEqual([429, 500, 502, 503, 504]);
  });

  it('repeats a report creation only when the server surely did not act on it', () => {
    expect([429, 500, 502, 503, 504].filter((status) => isRetryable({ status }, false))).toEqual([429]);
    for (const networkCode of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
      expect(isRetryable({ networkCode }, false)).toBe(true);
      // A body that broke off means the request got there.
      expect(isRetryable({ networkCode, bodyFailed: true }, false)).toBe(false);
    }
    expect(isRetryable({ networkCode: 'ECONNRESET' }, false)).toBe(false);
    expect(isRetryable({}, false)).toBe(false);
  });

  it('repeats a safe request after any broken connection', () => {
    expect(isRetryable({ networkCode: 'ECONNRESET' }, true)).toBe(true);
    expect(isRetryable({ networkCode: 'ECONNRESET', bodyFailed: true }, true)).toBe(true);
    expect(isRetryable({}, true)).toBe(true);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads delta seconds, fractions and spaces included', () => {
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter(' 3 ', now)).toBe(3_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('1.25', now)).toBe(1_250);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then, and a past date as no wait', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, '', '   ', 'soon', '1e3', '2 s']) expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it('measures from the current time by default', () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const wait = parseRetryAfter(inAMinute) as number;
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});

describe('network error codes', () => {
  it('finds the code on the error or down its chain of causes', () => {
    const coded = (code: unknown, cause?: unknown): Error => Object.assign(new Error('x', { cause }), { code });
    expect(networkCodeOf(coded('ECONNREFUSED'))).toBe('ECONNREFUSED');
    expect(networkCodeOf(new TypeError('fetch failed', { cause: coded('ENOTFOUND') }))).toBe('ENOTFOUND');
    expect(networkCodeOf(new Error('a', { cause: new Error('b', { cause: new Error('c', { cause: coded('EAI_AGAIN') }) }) }))).toBe('EAI_AGAIN');
  });

  it('looks only four levels deep, skips codes that are not text, and reads nothing from a non-error', () => {
    const deep = new Error('1', { cause: new Error('2', { cause: new Error('3', { cause: new Error('4', { cause: Object.assign(new Error('5'), { code: 'ECONNRESET' }) }) }) }) });
    expect(networkCodeOf(deep)).toBeUndefined();
    expect(networkCodeOf(Object.assign(new Error('n'), { code: 42, cause: Object.assign(new Error('m'), { code: 'EPIPE' }) }))).toBe('EPIPE');
    expect(networkCodeOf({ code: 'ECONNRESET' })).toBeUndefined();
    expect(networkCodeOf(undefined)).toBeUndefined();
  });
});
