// Secrets: the bearer token, the app secret and every token the token endpoint issues must not
// appear in any server log line, any error (message, stack, properties, cause) or any request
// other than as the bearer token towards the API's own origin. One occurrence fails the suite.
import { createUsageClient, UsageApiError, type UsageClient } from '@meterbook/sdk';
import { hereCredentials } from '@meterbook/sdk/credentials';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_NOW } from '../src/config.js';
import { findLeaks } from '../src/leaks.js';
import { Recorder } from '../src/recorder.js';

const WRONG_SECRET = 'meterbook-wrong-secret-for-the-leak-scan';
const range = { realmId: 'org123456789', startDate: '2025-05-01', endDate: '2025-05-03', detailLevel: 'day' } as const;

describe('secrets stay where they belong', () => {
  const recorder = new Recorder();
  let server: RunningServer;
  let stranger: RunningServer;
  const secrets = (): string[] => [server.token, server.credentials.accessKeySecret, WRONG_SECRET, stranger.token];

  beforeAll(async () => {
    server = await startServer({ now: DATA_NOW, mode: 'test', reportDelayMs: 20, log: recorder.log });
    // Another origin, standing for a report link that points off the API's host.
    stranger = await startServer({ now: DATA_NOW, log: recorder.log });
  });

  afterAll(async () => {
    await Promise.all([server?.close(), stranger?.close()]);
  });

  const expectFailure = async (work: () => Promise<unknown>): Promise<UsageApiError> => {
    const error = await work().then(() => undefined, (e: unknown) => recorder.error(e));
    expect(error).toBeInstanceOf(UsageApiError);
    return error as UsageApiError;
  };

  it('the credentials flow obtains a token and pulls usage and a report with it', async () => {
    const token = hereCredentials({ ...server.credentials, fetch: recorder.fetch });
    const client: UsageClient = createUsageClient({ baseUrl: server.url, token, fetch: recorder.fetch });
    const records = await client.usage.all(range);
    expect(records.length).toBeGreaterThan(0);
    const ref = await client.reports.create({ ...range, subAccounts: ['org112135'] });
    const report = await client.reports.waitUntilDone(ref, { intervalMs: 20 });
    expect((await client.reports.download(report)).length).toBeGreaterThan(0);
    expect(recorder.issuedTokens.length).toBeGreaterThan(0);
  });

  it('a wrong app secret fails as an auth error that does not repeat the secret', async () => {
    const token = hereCredentials({ ...server.credentials, accessKeySecret: WRONG_SECRET, fetch: recorder.fetch });
    const client = createUsageClient({ baseUrl: server.url, token, fetch: recorder.fetch });
    const error = await expectFailure(() => client.usage.list(range));
    expect(error.kind).toBe('auth');
  });

  it('an expired token fails as an auth error that does not repeat the token', async () => {
    const expired = server.issueToken({ ttlSeconds: 0 });
    const client = createUsageClient({ baseUrl: server.url, token: expired, fetch: recorder.fetch });
    const error = await expectFailure(() => client.usage.list(range));
    expect(error.kind).toBe('auth');
    expect(error.correlationId).toBeTruthy();
    recorder.issuedTokens.push(expired);
  });

  it('a token refused once is asked for again (401 refresh) and never shows up in errors', async () => {
    let calls = 0;
    const expired = server.issueToken({ ttlSeconds: 0 });
    recorder.issuedTokens.push(expired);
    const client = createUsageClient({ baseUrl: server.url, token: () => (++calls === 1 ? expired : server.token), fetch: recorder.fetch });
    expect((await client.usage.list(range)).items.length).toBeGreaterThan(0);
    expect(calls).toBe(2);
  });

  it('a report link on another origin is fetched without the Authorization header', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token, fetch: recorder.fetch });
    const href = `${stranger.url}/usage/realms/org123456789/reports/REPORT-1000/output`;
    const error = await expectFailure(() => client.reports.download(href).toArray());
    expect(error.kind).toBe('auth');
    const toStranger = recorder.requests.filter((r) => r.url.startsWith(stranger.origin));
    expect(toStranger.length).toBeGreaterThan(0);
    expect(toStranger.every((r) => !r.headers.some(([name]) => name === 'authorization'))).toBe(true);
  });

  it('server faults and errors that echo the request leak nothing', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token, fetch: recorder.fetch, maxRetries: 0 });
    // 404s and 400s echo the path and parameters back in their messages.
    await expectFailure(() => client.reports.get({ realmId: 'org123456789', reportId: 'REPORT-404' }));
    await expectFailure(() => client.usage.list({ ...range, realmId: 'org000000000' }));
    // A truncated and an invalid JSON body: errors carry the body's length, never its text.
    const faulty = createUsageClient({ baseUrl: server.url, token: server.token, fetch: recorder.fetch, maxRetries: 0 });
    for (const fault of ['truncate', 'invalid-json', 'status=503', 'reset']) {
      const href = `${server.url}/usage/realms/org123456789/reports/REPORT-1000/output?mockFault=${encodeURIComponent(fault)}`;
      // Only the leak scan below matters here (invalid-json is a known gap: no error at all).
      await faulty.reports.download(href).toArray().catch((e: unknown) => recorder.error(e));
    }
  });

  it('no secret in any log line, error or request of this file', () => {
    expect(recorder.logs.length).toBeGreaterThan(0);
    expect(recorder.errors.length).toBeGreaterThanOrEqual(5);
    expect(findLeaks(recorder, { secrets: secrets(), trustedOrigins: [server.origin] })).toEqual([]);
  });
});
