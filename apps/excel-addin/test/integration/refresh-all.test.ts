// Refresh all over a workbook with HERE and Acronis tables (embedded server over HTTP): each table
// is refreshed with its own source's connection, the rest is one line with a list, and a table
// that grows into a total the user typed under it asks, then inserts rows; nothing is overwritten.

import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcronisReport, insertAcronisReport } from '../../src/flows/acronis-report.js';
import { ConnectionKeeper, makeAcronisClient, makeClient, type AcronisConnection, type HereConnection } from '../../src/flows/connection.js';
import { insertUsage } from '../../src/flows/pull.js';
import { clientsFor, refreshAllSources } from '../../src/flows/refresh-all.js';
import { PreviewWorkbook } from '../../src/workbook/preview-workbook.js';
import { PreviewWriter } from '../../src/workbook/preview-writer.js';
import { QueryStore } from '../../src/workbook/query-store.js';

const REALM = 'org123456789';
const day = (d: number) => new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - d * 86_400_000).toISOString().slice(0, 19);

describe('Refresh all across sources', () => {
  let server: RunningServer;
  let here: HereConnection;
  let acronis: AcronisConnection;
  let wb: PreviewWorkbook;
  let writer: PreviewWriter;
  let store: QueryStore;

  beforeAll(async () => {
    server = await startServer({ port: 0, acronisReportDelayMs: 0 });
    here = { source: 'here', route: 'direct', baseUrl: server.url, realmId: REALM, auth: { kind: 'token', token: server.token }, keep: 'session' };
    acronis = { source: 'acronis', route: 'direct', baseUrl: server.acronis.baseUrl, auth: { kind: 'client', clientId: server.acronis.clientId, clientSecret: server.acronis.clientSecret }, keep: 'session' };
    wb = new PreviewWorkbook();
    writer = new PreviewWriter(wb);
    store = new QueryStore(writer.settings);
    const client = makeClient(here);
    for (const back of [4, 6]) await insertUsage({ client, writer, store, baseUrl: here.baseUrl }, REALM, { startDate: day(back), endDate: day(1), detailLevel: 'day' });
    const ac = await makeAcronisClient(acronis);
    const now = new Date();
    const report = await createAcronisReport(ac, { tenantId: server.acronis.tenantId, tenantName: 'Partner', level: 'all_customers', kind: 'usage_summary', start: day(9).slice(0, 10), end: day(2).slice(0, 10) }, now);
    await insertAcronisReport({ acronis: ac, writer, store, baseUrl: ac.baseUrl }, report, 'Partner', { intervalMs: 50 });
    expect(wb.model.tables.map((t) => t.name)).toEqual(['MB_Usage_1', 'MB_Usage_2', 'MB_Acronis_1']);
  });
  afterAll(async () => { await server?.close(); });

  it('refreshes what its connections can, and says in one line what needs another connection', async () => {
    const keeper = new ConnectionKeeper(undefined);
    await keeper.save(here);
    const one = await refreshAllSources({ writer, store, sources: await clientsFor(keeper.all(), writer, store) });
    expect(one.line).toBe('2 tables refreshed; 1 needs an Acronis connection');
    expect(one.items.find((i) => i.status === 'needsConnection')).toMatchObject({ tableName: 'MB_Acronis_1', source: 'acronis', message: expect.stringMatching(/connect to it to refresh this table/) });
    await keeper.save(acronis);
    expect(keeper.all()).toHaveLength(2);
    const both = await refreshAllSources({ writer, store, sources: await clientsFor(keeper.all(), writer, store) });
    expect(both.line).toBe('3 tables refreshed');
  });

  it('asks before growing into a typed total, inserts rows on yes, and never overwrites it', async () => {
    const t = { ...wb.table('MB_Usage_1')! };
    const below = t.row + 1 + t.rows;
    wb.write(t.sheet, below, 0, [['Total', 123]]);
    // The table's range now reaches further back (as a rolling preset would): more rows come back.
    const q = (await store.get('MB_Usage_1'))!;
    await store.save({ ...q, params: { ...q.params, startDate: day(20) } });
    const sources = await clientsFor([here], writer, store);
    const asked: { rows: number; address: string }[] = [];
    const no = await refreshAllSources({ writer, store, sources }, { confirmGrowth: async (g) => { asked.push(g); return false; } });
    const declined = no.items.find((i) => i.tableName === 'MB_Usage_1')!;
    expect(declined).toMatchObject({ status: 'failed', message: expect.stringMatching(/was left as it was: it needs [\d,]+ more rows/) });
    expect(wb.table('MB_Usage_1')!.rows).toBe(t.rows);
    expect(wb.values(t.sheet, below, 0, 1, 2)).toEqual([['Total', 123]]);
    expect(asked).toHaveLength(1);
    const growth = asked[0]!.rows;
    expect(growth).toBeGreaterThan(0);

    const yes = await refreshAllSources({ writer, store, sources }, { confirmGrowth: async () => true });
    expect(yes.items.find((i) => i.tableName === 'MB_Usage_1')?.status).toBe('refreshed');
    const after = wb.table('MB_Usage_1')!;
    expect(after.rows).toBe(t.rows + growth);
    expect(wb.values(t.sheet, after.row + 1 + after.rows, 0, 1, 2)).toEqual([['Total', 123]]);
  });
});
