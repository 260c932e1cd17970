import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, AuthError, createUsageClient, MalformedResponseError, NetworkError, RateLimitError, ServerError, TimeoutError } from '../index.js';
import { fakeFetch, json, query, records, usagePage } from '../../test/fake-fetch.js';
import { createTransport } from './transport.js';

const token = 'sEcReT-token-0123456789';
const page = () => usagePage(records(2), 0, 100);

function allText(error: unknown): string {
  const own = error instanceof Error ? { ...error, message: error.message, stack: error.stack } : error;
  return JSON.stringify(own, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('transport', () => {
  it('sends a request id, a correlation id and the bearer token, and keeps the response correlation id', async () => {
    const fetch = fakeFetch(() => page());
    const result = await createUsageClient({ token, fetch }).usage.list(query, { requestId: 'my-trace-1' });
    const sent = fetch.seen[0]!;
    expect(sent.headers['x-request-id']).toBe('my-trace-1');
    expect(sent.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.headers.authorization).toBe(`Bearer ${token}`);
    expect(result.correlationId).toBe('corr-page-0');
  });

  it('sends a string token trimmed, on every call and every retry', async () => {
    const fetch = fakeFetch((_req, i) => (i === 1 ? json({ status: 503, code: 'E_UNAVAILABLE', message: 'busy' }, { status: 503, headers: { 'retry-after': '0' } }) : page()));
    const client = createUsageClient({ token: `  ${token}\n`, fetch });
    await client.usage.list(query);
    await client.usage.list(query);
    expect(fetch.seen.map((s) => s.headers.authorization)).toEqual([`Bearer ${token}`, `Bearer ${token}`, `Bearer ${token}`]);
  });

  it('retries 503 and succeeds, keeping the same request id', async () => {
    const fetch = fakeFetch((_req, i) => (i < 2 ? json({ status: 503, code: 'E_UNAVAILABLE', message: 'busy' }, { status: 503, headers: { 'retry-after': '0' } }) : page()));
    const result = await createUsageClient({ token, fetch }).usage.list(query);
    expect(result.items).toHaveLength(2);
    expect(fetch.seen).toHaveLength(3);
    expect(new Set(fetch.seen.map((s) => s.headers['x-request-id'])).size).toBe(1);
  });

  it('waits as Retry-After says, in seconds', async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch((_req, i) => (i === 0 ? json({ status: 429, code: 'E_RATE', message: 'slow down' }, { status: 429, headers: { 'retry-after': '2' } }) : page()));
    const promise = createUsageClient({ token, fetch }).usage.list(query);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(promise).resolves.toMatchObject({ total: 2 });
    expect(fetch.seen).toHaveLength(2);
  });

  it('tells onRetry before each retry: which attempt, the wait Retry-After asked for, the status, never the token', async () => {
    const fetch = fakeFetch((_req, i) => (i < 2 ? json({ status: 429, code: 'E_RATE', message: `slow down ${token}` }, { status: 429, headers: { 'retry-after': '0' } }) : page()));
    const events: unknown[] = [];
    const result = await createUsageClient({ token, fetch, onRetry: (e) => events.push(e) }).usage.list(query);
    expect(result.items).toHaveLength(2);
    expect(events).toEqual([
      { attempt: 1, delayMs: 0, status: 429, reason: expect.stringMatching(/^HTTP 429: slow down/) as unknown, operation: 'getUsage' },
      { attempt: 2, delayMs: 0, status: 429, reason: expect.stringMatching(/^HTTP 429/) as unknown, operation: 'getUsage' },
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('is not stopped by an onRetry that throws, and does not call it when nothing is retried', async () => {
    const calls: number[] = [];
    const flaky = fakeFetch((_req, i) => (i === 0 ? json({}, { status: 503, headers: { 'retry-after': '0' } }) : page()));
    const onRetry = (e: { attempt: number }) => { calls.push(e.attempt); throw new Error('display broke'); };
    await expect(createUsageClient({ token, fetch: flaky, onRetry }).usage.list(query)).resolves.toMatchObject({ total: 2 });
    expect(calls).toEqual([1]);
    await createUsageClient({ token, fetch: fakeFetch(() => page()), onRetry }).usage.list(query);
    expect(calls).toEqual([1]);
    expect(() => createUsageClient({ token, onRetry: 'yes' as never })).toThrow(/onRetry must be a function/);
  });

  it('waits as Retry-After says, as an HTTP date', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const fetch = fakeFetch((_req, i) => (i === 0 ? json({}, { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' } }) : page()));
    const promise = createUsageClient({ token, fetch }).usage.list(query);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(promise).resolves.toMatchObject({ total: 2 });
  });

  it('gives up after maxRetries with a typed error naming the request and correlation id', async () => {
    const fetch = fakeFetch(() => json({ status: 500, code: 'E_BOOM', message: 'it broke' }, { status: 500, headers: { 'x-correlation-id': 'corr-500', 'retry-after': '0' } }));
    const error = await createUsageClient({ token, fetch, maxRetries: 2 }).usage.list(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ kind: 'server', status: 500, code: 'E_BOOM', correlationId: 'corr-500', operation: 'getUsage', attempts: 3 });
    expect((error as Error).message).toMatch(/getUsage failed: HTTP 500: it broke.*Request: GET https:\/\/usage\.bam\.api\.here\.com\/v2\/usage\/realms\/org123456789\?.*Correlation id: corr-500/);
    expect(fetch.seen).toHaveLength(3);
  });

  it('does not retry 400, 401 after refresh, 403 or 404', async () => {
    for (const [status, kind] of [[400, 'http'], [403, 'auth'], [404, 'not_found']] as const) {
      const fetch = fakeFetch(() => json({ status, code: 'E', message: 'no' }, { status }));
      await expect(createUsageClient({ token, fetch }).usage.list(query)).rejects.toMatchObject({ kind, status });
      expect(fetch.seen).toHaveLength(1);
    }
  });

  it('asks an async token function once more after a 401, then retries once', async () => {
    const tokens = ['old-token-1234', 'new-token-5678'];
    const asked: boolean[] = [];
    const fetch = fakeFetch((req) => (req.headers.get('authorization') === 'Bearer new-token-5678' ? page() : json({ status: 401, code: 'E_AUTH', message: 'expired' }, { status: 401 })));
    const client = createUsageClient({ fetch, token: async ({ forceRefresh }) => (asked.push(forceRefresh), tokens[forceRefresh ? 1 : 0]!) });
    await expect(client.usage.list(query)).resolves.toMatchObject({ total: 2 });
    expect(asked).toEqual([false, true]);
    expect(fetch.seen).toHaveLength(2);
  });

  it('gives an AuthError when the fresh token is refused too', async () => {
    const fetch = fakeFetch(() => json({ status: 401, code: 'E_AUTH', message: 'invalid token' }, { status: 401 }));
    const error = await createUsageClient({ fetch, token: () => token }).usage.list(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(fetch.seen).toHaveLength(2);
  });

  it('refuses a token function that returns nothing usable, before sending', async () => {
    const fetch = fakeFetch(() => page());
    for (const bad of ['', '  ', 'abc def', 'abc\r\nX: y']) {
      await expect(createUsageClient({ fetch, token: () => bad }).usage.list(query)).rejects.toThrow(/token function returned no usable token/);
    }
    expect(fetch.seen).toHaveLength(0);
  });

  it('never puts the token in an error message or property', async () => {
    const echo = fakeFetch((req) => json({ status: 401, code: 'E', message: `bad token ${req.headers.get('authorization')}` }, { status: 401 }));
    const error = await createUsageClient({ token, fetch: echo }).usage.list(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(allText(error)).not.toContain(token);
    expect(String((error as Error).stack)).not.toContain(token);
  });

  it('turns a truncated JSON body into a MalformedResponseError after retries', async () => {
    const fetch = fakeFetch(() => new Response('{"total": 2, "limit": 100, "items": [{"realmId": "org1', { headers: { 'content-type': 'application/json' } }));
    const error = await createUsageClient({ token, fetch, maxRetries: 1 }).usage.list(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(fetch.seen).toHaveLength(2);
  });

  it('rejects a body that is not JSON at all', async () => {
    const fetch = fakeFetch(() => new Response('<html>proxy error</html>', { headers: { 'content-type': 'text/html' } }));
    await expect(createUsageClient({ token, fetch, maxRetries: 0 }).usage.list(query)).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('retries network errors for GET', async () => {
    const fetch = fakeFetch((_req, i) => {
      if (i === 0) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      return page();
    });
    await expect(createUsageClient({ token, fetch }).usage.list(query)).resolves.toMatchObject({ total: 2 });
  });

  it('does not retry report creation after a 503 or a reset, but does when the connection was refused', async () => {
    const params = { ...query, subAccounts: ['org112135'] };
    const unavailable = fakeFetch(() => json({ status: 503, code: 'E', message: 'busy' }, { status: 503, headers: { 'retry-after': '0' } }));
    await expect(createUsageClient({ token, fetch: unavailable }).reports.create(params)).rejects.toBeInstanceOf(ServerError);
    expect(unavailable.seen).toHaveLength(1);

    const reset = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    });
    await expect(createUsageClient({ token, fetch: reset }).reports.create(params)).rejects.toBeInstanceOf(NetworkError);
    expect(reset.seen).toHaveLength(1);

    const refused = fakeFetch((_req, i) => {
      if (i === 0) throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
      return json({ id: 'REPORT-1', status: 'inProgress' }, { status: 201, headers: { location: 'https://usage.bam.api.here.com/v2/usage/realms/org123456789/reports/REPORT-1' } });
    });
    await expect(createUsageClient({ token, fetch: refused }).reports.create(params)).resolves.toMatchObject({ id: 'REPORT-1', statusUrl: expect.stringContaining('REPORT-1') });
    expect(refused.seen).toHaveLength(2);
    expect(JSON.parse(refused.seen[1]!.body)).toEqual({ subAccounts: ['org112135'] });
  });

  it('times out with a TimeoutError', async () => {
    const fetch = fakeFetch((req) => new Promise<Response>((_resolve, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason))));
    const error = await createUsageClient({ token, fetch, timeoutMs: 50 }).usage.list(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/within 50 ms/);
  });

  it('does not wait for a Retry-After longer than the deadline', async () => {
    const fetch = fakeFetch(() => json({}, { status: 429, headers: { 'retry-after': '120' } }));
    const error = await createUsageClient({ token, fetch, timeoutMs: 5_000 }).usage.list(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 120_000 });
    expect(fetch.seen).toHaveLength(1);
  });

  it('stops waiting when aborted during a backoff', async () => {
    const controller = new AbortController();
    const fetch = fakeFetch(() => {
      setTimeout(() => controller.abort(), 10);
      return json({}, { status: 503, headers: { 'retry-after': '30' } });
    });
    const started = Date.now();
    await expect(createUsageClient({ token, fetch }).usage.list(query, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('typed calls and the raw client', () => {
  const withoutIds = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'x-request-id' && name !== 'x-correlation-id'));

  it('send the same request: method, URL, headers and body', async () => {
    const fetch = fakeFetch((request) => (request.method === 'POST' ? json({ id: 'REPORT-1', status: 'inProgress' }, { status: 201 }) : page()));
    const client = createUsageClient({ token, fetch });
    const params = { startDate: '2024-01-01T00:00:00', endDate: '2024-02-01T00:00:00', usageFields: ['name' as const, 'usageValue' as const], billingSubscriptionId: ['sub 1', 'sub,2'], category: 'a&b' };
    await client.usage.list({ realmId: query.realmId, ...params });
    await client.raw.GET('/usage/realms/{realmId}', { params: { path: { realmId: query.realmId }, query: params } });
    await client.reports.create({ ...query, subAccounts: ['org112135'] });
    await client.raw.POST('/usage/realms/{realmId}/reports', { params: { path: { realmId: query.realmId }, query: { startDate: '2024-01-01T00:00:00', endDate: '2024-02-01T00:00:00' } }, body: { subAccounts: ['org112135'] } });
    const [typedGet, rawGet, typedPost, rawPost] = fetch.seen.map((s) => ({ ...s, headers: withoutIds(s.headers) }));
    expect(typedGet).toEqual(rawGet);
    expect(typedPost).toEqual(rawPost);
    expect(typedGet?.url).toContain('usageFields=name,usageValue&billingSubscriptionId=sub%201,sub%2C2&category=a%26b');
    expect(typedPost).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"subAccounts":["org112135"]}' });
  });

  it('give fetch a URL and an init for a typed call (no Request is built for it), with the signal', async () => {
    const inputs: unknown[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      inputs.push(input, init);
      return Promise.resolve(page());
    };
    await createUsageClient({ token, fetch }).usage.list(query, { requestId: 'trace-7' });
    const [input, init] = inputs as [unknown, RequestInit];
    expect(input).toBe('https://usage.bam.api.here.com/v2/usage/realms/org123456789?startDate=2024-01-01T00%3A00%3A00&endDate=2024-02-01T00%3A00%3A00');
    expect(init).toMatchObject({ method: 'GET', headers: { 'x-request-id': 'trace-7', authorization: `Bearer ${token}` } });
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.body).toBeUndefined();
  });

  it('send the token to a base URL written in capitals, which a typed URL keeps as written', async () => {
    const fetch = fakeFetch(() => page());
    await createUsageClient({ token, fetch, baseUrl: 'HTTPS://Usage.Example.TEST/v2' }).usage.list(query);
    expect(fetch.seen[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/usage\.example\.test\/v2\/usage\/realms\/org123456789\?/) as unknown, headers: { authorization: `Bearer ${token}` } });
  });

  it('keep credentials to the API: a described request for another origin goes without any', async () => {
    const fetch = fakeFetch(() => new Response('a,b\n'));
    const transport = createTransport({ api: 'Test API', baseUrl: 'https://api.example.test/v2', token, fetch });
    const context = { operation: 'download', idempotent: true, expect: 'text' } as const;
    await transport.send({ method: 'GET', url: 'https://files.elsewhere.test/r.csv', headers: { authorization: 'Bearer copied', accept: 'text/csv' } }, context);
    await transport.send({ method: 'GET', url: 'https://api.example.test/v2/r.csv', headers: { accept: 'text/csv' } }, context);
    expect(fetch.seen.map((s) => s.headers.authorization)).toEqual([undefined, `Bearer ${token}`]);
    expect(fetch.seen[0]?.headers.accept).toBe('text/csv');
  });
});
