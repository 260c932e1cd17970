// Integration: the Acronis client against the embedded server's Acronis part, over real HTTP.
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faulty } from './fake-fetch.js';
import { ConflictError, createAcronisClient, type AcronisClient } from '../src/acronis.js';

let server: RunningServer;
let client: AcronisClient;
const today = new Date();
const day = (daysAgo: number): string => new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startServer({ mode: 'test', acronisReportDelayMs: 50 });
  client = createAcronisClient({ baseUrl: server.acronis.baseUrl, clientId: server.acronis.clientId, clientSecret: server.acronis.clientSecret });
});

afterAll(async () => {
  await server.close();
});

describe('Acronis client against the embedded server', () => {
  it('lists tenants across pages of the cursor', async () => {
    const tenants = await client.tenants.list({ pageSize: 3 });
    expect(tenants.length).toBe(server.acronis.tenants.length);
    expect(new Set(tenants.map((t) => t.id)).size).toBe(tenants.length);
  });

  it('creates a saved report, waits for its output and streams typed rows from gzip', async () => {
    const report = await client.reports.create({ tenantId: server.acronis.tenantId, level: 'all_customers', kind: 'usage_summary', period: { start: day(30), end: day(1) } });
    expect(report).toMatchObject({ version: 1, result_action: 'save', parameters: { formats: ['csv_v2_0'] } });
    const stored = await client.reports.waitUntilSaved(report, 'csv_v2_0', { intervalMs: 20 });
    expect(stored.status).toBe('saved');
    const rows = await client.reports.download(report);
    expect(rows.length).toBeGreaterThan(10);
    const storage = rows.find((r) => typeof r['usage.absolute.total'] === 'number' && r['infra.backend_type'] !== undefined);
    expect(storage).toBeDefined();
    expect(rows.some((r) => r['infra.id'] === undefined)).toBe(true);
    expect(rows.every((r) => typeof r['tenant.id'] === 'string')).toBe(true);
    const listed = await client.reports.list(server.acronis.tenantId);
    expect(listed.map((r) => r.id)).toContain(report.id);
  });

  it('reads plain (not gzip) downloads the same way', async () => {
    const plain = createAcronisClient({ baseUrl: server.acronis.baseUrl, token: server.acronis.token, fetch: faulty('acronis-plain') });
    const report = await plain.reports.create({ tenantId: server.acronis.tenantId, level: 'accounts', kind: 'usage_current' });
    await plain.reports.waitUntilSaved(report, 'csv_v2_0', { intervalMs: 20 });
    const [gzipRows, plainRows] = await Promise.all([client.reports.download(report), plain.reports.download(report)]);
    expect(plainRows).toEqual(gzipRows);
  });

  it('deletes with the version, and a stale version is a ConflictError', async () => {
    const report = await client.reports.create({ tenantId: server.acronis.tenantId, level: 'accounts', kind: 'usage_summary', period: { start: day(10), end: day(2) }, schedule: { type: 'monthly' } });
    const updated = await client.reports.update(report, { schedule: { type: 'monthly', enabled: false } });
    expect(updated.version).toBe(2);
    await expect(client.reports.delete(report)).rejects.toBeInstanceOf(ConflictError);
    await expect(client.reports.delete(updated)).resolves.toBeUndefined();
  });

  it('says when usage history is not ready yet, and does not retry the creation', async () => {
    const notReady = createAcronisClient({ baseUrl: server.acronis.baseUrl, token: server.acronis.token, fetch: faulty('acronis-not-ready') });
    const error = await notReady.reports.create({ tenantId: server.acronis.tenantId, level: 'accounts', kind: 'usage_current' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, operation: 'createReport' });
    expect((error as Error).message).toMatch(/not ready/i);
  });

  it('retries a 5xx on reads', async () => {
    const flaky = createAcronisClient({ baseUrl: server.acronis.baseUrl, token: server.acronis.token, fetch: faulty('status=503;retry-after=0;times=1') });
    expect((await flaky.tenants.list()).length).toBeGreaterThan(0);
  });

  it('renews an expired token when asked again after a 401', async () => {
    const expired = server.acronis.issueToken({ ttlSeconds: 0 });
    let calls = 0;
    const renewing = createAcronisClient({ baseUrl: server.acronis.baseUrl, token: ({ forceRefresh }) => (calls++, forceRefresh ? server.acronis.token : expired) });
    expect((await renewing.tenants.list()).length).toBeGreaterThan(0);
    expect(calls).toBe(2);
  });

  it('refuses wrong client credentials without showing the secret', async () => {
    const wrong = createAcronisClient({ baseUrl: server.acronis.baseUrl, clientId: server.acronis.clientId, clientSecret: 'not-the-secret-123' });
    const error = await wrong.tenants.list().toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', operation: 'requestToken' });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('not-the-secret-123');
  });
});
