// Integration: the SDK against the embedded Usage API server, over real HTTP.
import { startServer, type RunningServer } from '@meterbook/usage-server';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faulty } from './fake-fetch.js';
import { hereCredentials } from '../src/credentials.js';
import { AuthError, createUsageClient, ReportFailedError, type UsageApiPaths, type UsageRecord } from '../src/index.js';

let server: RunningServer;
const realmId = 'org123456789';
const range = { startDate: '2026-10-01T00:00:00', endDate: '2026-10-06T00:00:00' };

beforeAll(async () => {
  server = await startServer({ mode: 'test', now: '2026-11-01T00:00:00Z', reportDelayMs: 50 });
});

afterAll(async () => {
  await server.close();
});

describe('SDK against the embedded server', () => {
  it('walks every page with concurrency and gets exactly what a sequential raw walk gets', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const query = { realmId, ...range, detailLevel: 'hour' as const };
    const ours = await client.usage.all(query, { concurrency: 4, pageSize: 100 });

    const raw = createClient<UsageApiPaths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${server.token}` } });
    const expected: unknown[] = [];
    for (let offset = 0; ; offset++) {
      const { data } = await raw.GET('/usage/realms/{realmId}', { params: { path: { realmId }, query: { ...range, detailLevel: 'hour', limit: 100, offset } } });
      if (!data || data.items.length === 0) break;
      expected.push(...data.items);
      if (offset >= (data.lastOffset ?? 0)) break;
    }
    expect(ours.length).toBeGreaterThan(1_000);
    expect(ours.length).toBe(expected.length);
    expect(ours.map((r) => ({ ...r, usageDateTime: r.usageDateTime?.toISOString().slice(0, 19) }))).toEqual(expected);
  });

  it('applies filters and field selection on the server', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const sample = (await client.usage.list({ realmId, ...range, groupBy: 'billingTag', limit: 100 })).items.find((r) => r.billingTag);
    expect(sample?.billingTag).toBeTruthy();
    const filtered = await client.usage.all({ realmId, ...range, billingTag: sample!.billingTag!, groupBy: ['billingTag'] });
    expect(filtered.length).toBeGreaterThan(0);
    expect(new Set(filtered.map((r: UsageRecord) => r.billingTag))).toEqual(new Set([sample!.billingTag]));
    const fields = await client.usage.list({ realmId, ...range, usageFields: ['category', 'usageValue'] });
    expect(Object.keys(fields.items[0] ?? {}).sort()).toEqual(['category', 'usageValue']);
  });

  it('returns usage as CSV with one line per record', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const query = { realmId, ...range, detailLevel: 'day' as const };
    const [csv, page] = await Promise.all([client.usage.csv(query), client.usage.list({ ...query, limit: 1 })]);
    expect(csv.split('\r\n')[0]).toContain('"Usage Amount (usageValue)"');
    expect(csv.trimEnd().split(/\r\n(?=")/).length - 1).toBe(page.total);
  });

  it('creates a report, waits for it and streams its rows', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const ref = await client.reports.create({ realmId, ...range, subAccounts: ['org112135', 'org124566'], detailLevel: 'day' });
    expect(ref.status).toBe('inProgress');
    expect(ref.statusUrl).toContain(`/reports/${ref.id}`);
    const polls: string[] = [];
    const report = await client.reports.waitUntilDone(ref, { intervalMs: 20, onPoll: (r) => polls.push(r.status) });
    expect(polls.at(-1)).toBe('completed');
    let rows = 0;
    const orgs = new Set<string>();
    for await (const row of client.reports.download(report)) {
      rows++;
      orgs.add(String(row.orgName ?? row.realmId));
      expect(typeof (row.usageValue ?? 0)).toBe('number');
    }
    expect(rows).toBeGreaterThan(0);
    expect([...orgs].sort()).toEqual(['org112135', 'org124566']);
    const listed = await client.reports.all({ realmId });
    expect(listed.some((r) => r.id === ref.id)).toBe(true);
  });

  it('rejects a failed report with the reason', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const ref = await client.reports.create({ realmId, ...range, billingTag: 'fail-report' });
    await expect(client.reports.waitUntilDone(ref, { intervalMs: 20 })).rejects.toBeInstanceOf(ReportFailedError);
  });

  it('renews an expired token once after a 401', async () => {
    const expired = server.issueToken({ ttlSeconds: 0 });
    const asked: boolean[] = [];
    const client = createUsageClient({ baseUrl: server.url, token: ({ forceRefresh }) => (asked.push(forceRefresh), forceRefresh ? server.token : expired) });
    await expect(client.usage.list({ realmId, ...range })).resolves.toMatchObject({ total: expect.any(Number) });
    expect(asked).toEqual([false, true]);
  });

  it('gets tokens from the token endpoint with the app credentials', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: hereCredentials(server.credentials) });
    const page = await client.usage.list({ realmId, ...range, limit: 5 });
    expect(page.items).toHaveLength(5);
    const wrong = hereCredentials({ ...server.credentials, accessKeySecret: 'not-the-secret' });
    const error = await createUsageClient({ baseUrl: server.url, token: wrong }).usage.list({ realmId, ...range }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(String((error as Error).message)).not.toContain('not-the-secret');
  });

  it('refuses a realm the token may not see with an AuthError carrying the correlation id', async () => {
    const token = server.issueToken({ realms: ['org112135'] });
    const error = await createUsageClient({ baseUrl: server.url, token }).usage.list({ realmId, ...range }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', status: 403, correlationId: expect.any(String) });
  });

  it.each(['status=503;retry-after=0', 'status=500', 'status=429;retry-after=1', 'reset', 'truncate', 'invalid-json', 'slow-body=200', 'latency=100'])(
    'recovers from a one-off fault: %s',
    async (fault) => {
      const client = createUsageClient({ baseUrl: server.url, token: server.token, fetch: faulty(`${fault};times=1`) });
      const page = await client.usage.list({ realmId, ...range, limit: 10 });
      expect(page.items).toHaveLength(10);
    },
  );

  it.each([
    ['status=503;retry-after=0', 'server'],
    ['status=429;retry-after=0', 'rate_limit'],
    ['reset', 'network'],
    ['invalid-json', 'malformed'],
  ])('gives a typed error when a fault persists: %s', async (fault, kind) => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token, fetch: faulty(fault), maxRetries: 1 });
    const error = await client.usage.list({ realmId, ...range }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind, operation: 'getUsage', requestId: expect.any(String) });
    expect((error as Error).message).toMatch(/Correlation id: /);
  });
});
