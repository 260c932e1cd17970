// Refreshing an Acronis table leaves the tenant as it was, plus the one report the table uses:
// against the embedded server's Acronis part, over real HTTP, with the pane's own client.
import { startServer, type RunningServer } from '@meterbook/usage-server';
import type { AcronisClient } from '@meterbook/sdk/acronis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewWorkbook } from '../workbook/preview-workbook.js';
import { PreviewWriter } from '../workbook/preview-writer.js';
import { QueryStore } from '../workbook/query-store.js';
import { AcronisLeftoverReport, createAcronisReport, insertAcronisReport, ownReportOf, type AcronisDeps } from './acronis-report.js';
import { makeAcronisClient } from './connection.js';
import { refreshTable } from './refresh.js';

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('refreshing an Acronis table (embedded server)', () => {
  let server: RunningServer;
  let client: AcronisClient;
  let tenantId: string;
  const ids = async () => (await client.reports.list(tenantId).toArray()).map((r) => r.id).sort();

  beforeAll(async () => {
    server = await startServer({ mode: 'test', acronisReportDelayMs: 0 });
    tenantId = server.acronis.tenantId;
    client = await makeAcronisClient({ source: 'acronis', baseUrl: server.acronis.baseUrl, auth: { kind: 'token', token: server.acronis.token }, keep: 'session' });
  });
  afterAll(async () => {
    await server?.close();
  });

  function setup(): { deps: AcronisDeps; wb: PreviewWorkbook } {
    const wb = new PreviewWorkbook();
    const writer = new PreviewWriter(wb);
    return { wb, deps: { acronis: client, writer, store: new QueryStore(writer.settings), baseUrl: client.baseUrl } };
  }
  const request = () => ({ tenantId, tenantName: 'Partner', level: 'all_customers' as const, kind: 'usage_summary' as const, start: day(new Date(Date.now() - 10 * DAY_MS)), end: day(new Date()) });

  it('one insert and three refreshes leave exactly one report, the one the table uses', async () => {
    const before = await ids();
    const { deps } = setup();
    const created = await createAcronisReport(client, request(), new Date());
    const meta = await insertAcronisReport(deps, created, 'Partner', { intervalMs: 20 });
    for (let i = 0; i < 3; i++) await refreshTable(deps, meta.tableName);
    const after = await ids();
    const own = ownReportOf((await deps.store.get(meta.tableName))!.params);
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual([...before, own!.id].sort());
    expect(after).not.toContain(created.id);
    expect((await client.reports.get(own!.id)).parameters).toMatchObject({ tenant_id: tenantId, level: 'all_customers', kind: 'usage_summary' });
    await client.reports.delete(own!);
  }, 60_000);

  it('never deletes a report this workbook did not make', async () => {
    const before = await ids();
    const { deps } = setup();
    const r = request();
    const foreign = await client.reports.create({ tenantId, level: r.level, kind: r.kind, period: { start: r.start, end: r.end } });
    const meta = await insertAcronisReport(deps, foreign, 'Partner', { intervalMs: 20 });
    await refreshTable(deps, meta.tableName);
    await refreshTable(deps, meta.tableName);
    const own = ownReportOf((await deps.store.get(meta.tableName))!.params)!;
    expect(await ids()).toEqual([...before, foreign.id, own.id].sort());
    await client.reports.delete(own);
    await client.reports.delete(foreign);
  }, 60_000);

  it('a stale version is reported as a conflict and the report stays; the table is still refreshed', async () => {
    const before = await ids();
    const { deps, wb } = setup();
    const created = await createAcronisReport(client, request(), new Date());
    const meta = await insertAcronisReport(deps, created, 'Partner', { intervalMs: 20 });
    // The workbook remembers another version than the server has (e.g. a copy of an older file).
    const key = `meterbook.table.${meta.tableName}`;
    wb.model.settings[key] = wb.model.settings[key]!.replace('"ownReportVersion":"1"', '"ownReportVersion":"7"');
    const error = await refreshTable(deps, meta.tableName).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AcronisLeftoverReport);
    expect((error as Error).message).toBe(`${meta.tableName} was refreshed, but the report it came from before (${created.id}) was not deleted: it was changed on the server after this workbook made it (version 7). Check it in the Acronis report list and delete it there if it is no longer needed.`);
    const own = ownReportOf((await deps.store.get(meta.tableName))!.params)!;
    expect(own.id).not.toBe(created.id);
    expect(await ids()).toEqual([...before, created.id, own.id].sort());
    await client.reports.delete(own);
    await client.reports.delete(created);
  }, 60_000);

  it('a refresh that fails after making its report deletes that report again', async () => {
    const before = await ids();
    const { deps, wb } = setup();
    const created = await createAcronisReport(client, request(), new Date());
    const meta = await insertAcronisReport(deps, created, 'Partner', { intervalMs: 20 });
    // The table is gone from the sheet: the write fails after the new report was made.
    wb.model.tables = wb.model.tables.filter((t) => t.name !== meta.tableName);
    await expect(refreshTable(deps, meta.tableName)).rejects.toThrow();
    expect(await ids()).toEqual([...before, created.id].sort());
    await client.reports.delete(created);
  }, 60_000);
});
