// Answers that once slipped through as silent short results, found by this suite and fixed in
// the SDK: each must now be a typed error.
import { createUsageClient, UsageApiError } from '@meterbook/sdk';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_NOW } from '../src/config.js';

describe('answers that are not what they claim', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ now: DATA_NOW, mode: 'test' });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('a completed report downloads rows (control for the gap below)', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const rows = await client.reports.download(`${server.url}/usage/realms/org123456789/reports/REPORT-1000/output`).toArray();
    expect(rows.length).toBeGreaterThan(0);
  });

  // A 200 whose body is JSON (a proxy's or gateway's page, or the server's invalid-json fault)
  // was once parsed as a CSV with a strange header and no rows: an empty report, silently.
  it('a 200 answer that is not CSV is a typed error, not an empty report', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token, maxRetries: 0 });
    const href = `${server.url}/usage/realms/org123456789/reports/REPORT-1000/output?mockFault=invalid-json`;
    const error = await client.reports.download(href).toArray().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UsageApiError);
  });
});
