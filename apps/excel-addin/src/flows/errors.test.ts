import { createUsageClient, type UsageClient } from '@meterbook/sdk';
import { startGateway } from '@meterbook/gateway';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError, explainError } from './errors.js';
import { createAcronisClient } from '@meterbook/sdk/acronis';
import { createAcronisReport, waitForAcronisReport } from './acronis-report.js';
import { createReport } from './report.js';

const REALM = 'org123456789';
const range = { startDate: '2024-05-01T00:00:00', endDate: '2024-05-02T00:00:00', detailLevel: 'day' };

describe('errors in plain words (embedded server over HTTP)', () => {
  let server: RunningServer;
  let client: UsageClient;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
    client = createUsageClient({ baseUrl: server.url, token: server.token, maxRetries: 0 });
  });
  afterAll(async () => { await server.close(); });

  it('says what the server refused, in one sentence, with the request and the correlation id apart and once', async () => {
    const e = await createReport(client, REALM, range, ['org987654321']).catch((x: unknown) => x);
    const plain = explainError(e);
    expect(plain.summary).toBe('The HERE Usage API refused the request: Sub accounts: org987654321 is not a subaccount of org123456789. Change it and try again.');
    expect(plain.summary).not.toMatch(/createUsageReport|HTTP 400|Request:|Correlation id|http:/);
    expect(plain.details).toMatchObject({ operation: 'createUsageReport', status: 400 });
    expect(plain.details?.request).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v2\/usage\/realms\/org123456789\/reports/);
    expect(plain.details?.correlationId).toMatch(/\S{8,}/);
    const old = describeError(e);
    expect(old.split(plain.details!.correlationId!).length - 1).toBe(1);
  });

  it('names the form field of a value the SDK refuses before any request', async () => {
    const before = server.stats().requests;
    const e = await createReport(client, REALM, range, ['org112135;']).catch((x: unknown) => x);
    expect(explainError(e)).toEqual({ summary: 'Sub accounts: "org112135;" is not an org ID like org123456789.' });
    expect(server.stats().requests).toBe(before);
  });

  it('names the realm a token may not read, and never shows the token', async () => {
    const token = server.issueToken({ realms: ['org987654321'] });
    const narrow = createUsageClient({ baseUrl: server.url, token, maxRetries: 0 });
    const e = await narrow.usage.list({ realmId: REALM, startDate: range.startDate, endDate: range.endDate, limit: 1 }).catch((x: unknown) => x);
    const plain = explainError(e);
    expect(plain.summary).toBe('This token may not read realm org123456789: check the realm (org) ID, or sign in with credentials of that org.');
    expect(JSON.stringify(plain)).not.toContain(token);
  });

  it('says a refused token plainly', async () => {
    const bad = createUsageClient({ baseUrl: server.url, token: 'not-a-valid-token-at-all', maxRetries: 0 });
    const e = await bad.usage.list({ realmId: REALM, startDate: range.startDate, endDate: range.endDate, limit: 1 }).catch((x: unknown) => x);
    expect(explainError(e).summary).toBe('The HERE Usage API refused the credentials (expired or wrong): sign in again.');
    expect(explainError(e).details?.status).toBe(401);
  });
});

describe('a failed report, in plain words', () => {
  it('says the report failed and why, without the operation or the ids', async () => {
    const server = await startServer({ port: 0, reportDelayMs: 0 });
    try {
      const client = createUsageClient({ baseUrl: server.url, token: server.token, maxRetries: 0 });
      const ref = await createReport(client, REALM, { ...range, billingTag: 'fail-report' }, []);
      const e = await client.reports.waitUntilDone(ref, { intervalMs: 10 }).catch((x: unknown) => x);
      const plain = explainError(e);
      expect(plain.summary).toMatch(/^The report failed: Report generation failed: billingTag=fail-report is this server's documented failure trigger\. Change the report's settings/);
      expect(plain.summary).not.toMatch(/waitUntilDone|Correlation id/);
    } finally { await server.close(); }
  });
});

describe('a failed Acronis report, in plain words', () => {
  it('says Acronis could not make it, not "Acronis API waitUntilSaved failed"', async () => {
    const server = await startServer({ port: 0, acronisReportDelayMs: 0 });
    try {
      const a = server.acronis;
      const client = createAcronisClient({ baseUrl: a.baseUrl, token: a.token, maxRetries: 0 });
      const report = await createAcronisReport(client, { tenantId: a.failingTenantId, tenantName: 'x', level: 'accounts', kind: 'usage_current' }, new Date());
      const e = await waitForAcronisReport(client, report, { intervalMs: 10 }).catch((x: unknown) => x);
      const plain = explainError(e);
      expect(plain.summary).toBe('Acronis could not make this report. Try again later; if it keeps failing, check the tenant in the Acronis console.');
      expect(plain.details?.operation).toBe('waitUntilSaved');
    } finally { await server.close(); }
  });
});

describe('a request through the gateway with a wrong access key, in plain words', () => {
  it('names the access key, never shows it, and is not a token or realm problem', async () => {
    const server = await startServer({ port: 0 });
    const gateway = await startGateway({
      paneDir: false, upstreams: { usage: server.url, 'here-account': server.origin }, auth: 'credentials',
      credentials: server.credentials, accessKey: 'the-right-access-key-0123456789', rateLimit: false,
    });
    try {
      const client = createUsageClient({ baseUrl: `${gateway.url}/api/usage/v2`, token: 'a-wrong-access-key-9876543210', maxRetries: 0 });
      const e = await client.usage.list({ realmId: REALM, startDate: range.startDate, endDate: range.endDate, limit: 1 }).catch((x: unknown) => x);
      const plain = explainError(e);
      expect(plain.summary).toBe('The gateway access key is wrong: enter the key your administrator gave you and connect again.');
      expect(JSON.stringify(plain)).not.toContain('a-wrong-access-key');
    } finally { await gateway.close(); await server.close(); }
  });
});
