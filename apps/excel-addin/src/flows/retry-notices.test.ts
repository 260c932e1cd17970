// A throttled pane says so: the embedded server answers a seeded share of requests with 429 (as
// the gateway or the API does when pressed), and the pane's own client (makeClient) runs the
// insert flow against it over real HTTP.
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewWorkbook } from '../workbook/preview-workbook.js';
import { PreviewWriter } from '../workbook/preview-writer.js';
import { QueryStore } from '../workbook/query-store.js';
import { makeClient } from './connection.js';
import { insertUsage, type PullProgress } from './pull.js';
import { retryMessage, SLOWED_DOWN_MESSAGE } from './retry-notices.js';

const REALM = 'org123456789';
const params = { startDate: '2025-05-01T00:00:00', endDate: '2025-05-02T00:00:00', detailLevel: 'hour' };

describe('a throttled pane says it is being slowed down', () => {
  let server: RunningServer;
  const statuses: number[] = [];
  beforeAll(async () => {
    // A fixed seed: the same requests are refused on every run, and none four times in a row.
    server = await startServer({ mode: 'test', now: '2025-06-01T00:00:00', faults: { seed: 7, rate: 0.2, kinds: ['status=429;retry-after=0'] }, onRequest: (i) => statuses.push(i.status) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows the message while the SDK waits out each 429, and still writes every row', async () => {
    const client = makeClient({ source: 'here', baseUrl: server.url, realmId: REALM, auth: { kind: 'token', token: server.token }, keep: 'session' });
    const wb = new PreviewWorkbook();
    const writer = new PreviewWriter(wb);
    const seen: (PullProgress | string)[] = [];
    const r = await insertUsage({ client, writer, store: new QueryStore(writer.settings), baseUrl: server.url }, REALM, params, { onProgress: (p) => seen.push(p) });
    expect(statuses).toContain(429);
    expect(seen).toContain(SLOWED_DOWN_MESSAGE);
    if (r.kind !== 'inserted') throw new Error('the day was judged too big');
    expect(r.records).toBeGreaterThan(2_300); // 24 pages of 100
    expect(wb.table(r.meta.tableName)?.rows).toBe(r.records);
    // Once the run is over, the client's retries go nowhere: no message into a finished run.
    const after = seen.length;
    await client.usage.all({ realmId: REALM, startDate: params.startDate, endDate: params.endDate, detailLevel: 'hour' });
    expect(seen).toHaveLength(after);
  });

  it('names other retries as failed requests', () => {
    expect(retryMessage({ attempt: 1, delayMs: 400, status: 502, reason: 'HTTP 502', operation: 'getUsage' })).toBe('A request failed; trying again (attempt 2)…');
    expect(retryMessage({ attempt: 2, delayMs: 1000, status: 503, reason: 'HTTP 503', operation: 'getUsage' })).toBe(SLOWED_DOWN_MESSAGE);
  });
});
