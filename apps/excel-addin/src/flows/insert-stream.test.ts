// Insert through the SDK over real HTTP (embedded server) into the Office.js writer on
// office-addin-mock: blocks are written as pages arrive; a failing page or a cancel mid-pull
// leaves the workbook as it was.
import { createUsageClient } from '@meterbook/sdk';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { OfficeWriter } from '../workbook/office-writer.js';
import { QueryStore } from '../workbook/query-store.js';
import { insertUsage } from './pull.js';
import { toUsageQuery } from './usage-form.js';

const REALM = 'org123456789';
const params = { startDate: '2025-05-01T00:00:00', endDate: '2025-05-01T20:00:00', detailLevel: 'hour' };

describe('insert writes pages as they arrive (embedded server over HTTP)', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startServer({ port: 0, mode: 'test', now: '2025-06-01T00:00:00' }); });
  afterAll(async () => { await server.close(); });

  /** A client whose page requests (limit 100) go through `onPage` first. */
  const clientWith = (onPage: (offset: number, headers: Headers) => Promise<void> | void) => createUsageClient({
    baseUrl: server.url, token: server.token, maxRetries: 0,
    fetch: async (input, init) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      if (url.searchParams.get('limit') !== '100') return fetch(req);
      const headers = new Headers(req.headers);
      await onPage(Number(url.searchParams.get('offset')), headers);
      return fetch(new Request(req, { headers }));
    },
  });
  const run = (client: ReturnType<typeof createUsageClient>, signal?: AbortSignal, onWrite?: () => void) => {
    const m = createExcelMock();
    const writer = new OfficeWriter(m.run, { maxChunkBytes: 50_000 });
    const result = insertUsage({ client, writer, store: new QueryStore(writer.settings), baseUrl: server.url }, REALM, params, {
      signal, onProgress: (p) => { if (typeof p !== 'string' && p.phase === 'write') onWrite?.(); },
    });
    return { m, result };
  };

  it('writes every record, the first block before the last page is answered', async () => {
    const plain = createUsageClient({ baseUrl: server.url, token: server.token });
    const { total } = await plain.usage.list({ ...toUsageQuery(REALM, params), limit: 1 });
    const last = Math.ceil(total / 100) - 1;
    expect(last).toBeGreaterThan(10);
    const events: string[] = [];
    let wrote!: () => void;
    const firstWrite = new Promise<void>((resolve) => { wrote = resolve; });
    // The last page is answered only once a row is written (or after 10 s, so a held pull fails the order check instead of hanging).
    const client = clientWith(async (offset) => {
      if (offset === last) await Promise.race([firstWrite, new Promise((r) => setTimeout(r, 10_000))]);
      events.push(`page ${offset}`);
    });
    const { m, result } = run(client, undefined, () => { events.push('written'); wrote(); });
    const r = await result;
    expect(r.kind === 'inserted' && r.records).toBe(total);
    expect(events.indexOf('written')).toBeGreaterThan(-1);
    expect(events.indexOf('written')).toBeLessThan(events.indexOf(`page ${last}`));
    expect(m.wb.table('MB_Usage_1')?.rows).toBe(total);
    expect(m.wb.cell(m.wb.model.sheets[0]!.name, 0, 0)?.value).toMatch(new RegExp(`${total.toLocaleString('en-US')} rows`));
  });

  it('a page failing mid-pull leaves the workbook as it was: no sheet, no table, no settings entry', async () => {
    const client = clientWith((offset, headers) => { if (offset === 12) headers.set('X-Mock-Fault', 'status=500'); });
    const { m, result } = run(client);
    const before = JSON.stringify(m.wb.model);
    await expect(result).rejects.toThrow(/500|server/i);
    expect(m.stats.syncs).toBeGreaterThan(2); // blocks were written before the failure
    expect(JSON.stringify(m.wb.model)).toBe(before);
    expect(m.wb.model.sheets).toEqual([]);
    expect(m.wb.model.tables).toEqual([]);
    expect(m.wb.model.settings).toEqual({});
  });

  it('a cancel mid-pull leaves the workbook as it was', async () => {
    const ac = new AbortController();
    const client = clientWith((offset) => { if (offset === 14) ac.abort(); });
    const { m, result } = run(client, ac.signal);
    await expect(result).rejects.toThrow();
    expect(m.stats.syncs).toBeGreaterThan(2);
    expect(m.wb.model.sheets).toEqual([]);
    expect(m.wb.model.tables).toEqual([]);
    expect(m.wb.model.settings).toEqual({});
  });
});
