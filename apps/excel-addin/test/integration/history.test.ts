// History tables against the embedded server over HTTP, through both writers (the preview and the
// Office writer on office-addin-mock): "last 12 months by day" inserted as a history, refreshed a
// day later, equals a full pull of the same range row for row, and the server counted only the
// open month's page requests; a month later the oldest month is dropped and the result still equals
// a full pull. A user formula column and a cell beside the table survive; the Cost column covers
// the new rows.

import { createUsageClient } from '@meterbook/sdk';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COST_COLUMN_HEADER } from '@meterbook/table-model';
import { makeClient, type HereConnection } from '../../src/flows/connection.js';
import { addCost } from '../../src/flows/cost.js';
import { setUpRates } from '../../src/flows/rates.js';
import { formRange } from '../../src/flows/range-presets.js';
import { insertUsage, type FlowDeps } from '../../src/flows/pull.js';
import { refreshTable } from '../../src/flows/refresh.js';
import { OfficeWriter } from '../../src/workbook/office-writer.js';
import { PreviewWorkbook } from '../../src/workbook/preview-workbook.js';
import { PreviewWriter } from '../../src/workbook/preview-writer.js';
import { QueryStore } from '../../src/workbook/query-store.js';
import type { TableWriter } from '../../src/workbook/table-writer.js';
import { createExcelMock } from '../unit/excel-mock.js';

const REALM = 'org123456789';
const T1 = new Date('2026-06-10T12:00:00Z');
const T2 = new Date('2026-06-11T12:00:00Z');
const T3 = new Date('2026-07-10T12:00:00Z');

const writers: [string, () => { wb: PreviewWorkbook; writer: TableWriter }][] = [
  ['preview', () => { const wb = new PreviewWorkbook(); return { wb, writer: new PreviewWriter(wb) }; }],
  ['office (mock)', () => { const m = createExcelMock(); return { wb: m.wb, writer: new OfficeWriter(m.run) }; }],
];

describe.each(writers)('a history table, %s writer', (_, make) => {
  let server: RunningServer;
  let here: HereConnection;
  beforeAll(async () => {
    server = await startServer({ port: 0, now: '2026-07-31T00:00:00' });
    here = { source: 'here', route: 'direct', baseUrl: server.url, realmId: REALM, auth: { kind: 'token', token: server.token }, keep: 'session' };
  });
  afterAll(async () => { await server?.close(); });

  const depsAt = (writer: TableWriter, now: Date): FlowDeps => ({ client: makeClient(here), writer, store: new QueryStore(writer.settings), baseUrl: here.baseUrl, now: () => now });
  const last12 = (now: Date) => {
    const r = formRange({ id: 'last12Months', now });
    if (!r.ok) throw new Error(r.message);
    return { params: { ...r.range.params, detailLevel: 'day' }, rule: r.range.rule };
  };

  /** A full pull of the same range at `now`, in its own workbook: what the history must equal. */
  async function fullPull(now: Date) {
    const { writer } = make();
    const r = await insertUsage(depsAt(writer, now), REALM, last12(now).params, { allowSlow: true });
    if (r.kind !== 'inserted') throw new Error('the full pull was refused');
    return (await writer.readTable(r.meta.tableName))!;
  }

  it('refreshed a day later, pulls only the open month and equals a full pull row for row', async () => {
    const { wb, writer } = make();
    const range = last12(T1);
    const r = await insertUsage(depsAt(writer, T1), REALM, range.params, { allowSlow: true, history: range.rule });
    if (r.kind !== 'inserted') throw new Error('refused');
    const name = r.meta.tableName;
    const stored = (await new QueryStore(writer.settings).get(name))!;
    expect(stored.history!.windows).toHaveLength(13);
    expect(stored.history!.windows.reduce((n, w) => n + w.rows, 0)).toBe(r.records);
    expect(wb.cell(r.meta.sheetName, 0, 0)?.value).toMatch(/history: 13 months pulled$/);
    // A user column with a formula, and a note beside the table.
    const t = wb.table(name)!;
    wb.write(t.sheet, t.row, t.cols, [['Twice']]);
    for (let i = 1; i <= t.rows; i++) wb.write(t.sheet, t.row + i, t.cols, [['=[@[Quantity]]*2']]);
    t.cols += 1;
    wb.write(t.sheet, 4, t.cols + 1, [['keep me']]);
    const closedBefore = wb.values(t.sheet, t.row + 1, 0, 100, t.cols - 1);

    server.resetStats();
    await refreshTable(depsAt(writer, T2), name);
    const counted = server.stats().byOperation.getUsage ?? 0;

    const plain = createUsageClient({ baseUrl: server.url, token: server.token });
    const june = await plain.usage.list({ realmId: REALM, startDate: '2026-06-01T00:00:00', endDate: '2026-06-11T12:00:00', detailLevel: 'day', limit: 1 });
    expect(counted).toBe(Math.max(1, Math.ceil(june.total / 100)));

    const after = (await writer.readTable(name))!;
    const full = await fullPull(T2);
    const ours = after.rows.map((row) => row.slice(0, full.header.length));
    expect(after.header.slice(0, full.header.length)).toEqual(full.header);
    expect(ours).toEqual(full.rows);
    // Closed months' rows are the same cells; the user's column and note are still there.
    expect(wb.values(t.sheet, t.row + 1, 0, 100, t.cols - 1)).toEqual(closedBefore);
    expect(wb.cell(t.sheet, t.row + 1, t.cols - 1)?.formula ?? wb.cell(t.sheet, t.row + 1, t.cols - 1)?.value).toBe('=[@[Quantity]]*2');
    expect(wb.cell(t.sheet, 4, t.cols + 1)?.value).toBe('keep me');
    const status = (await new QueryStore(writer.settings).get(name))!.history!.status!;
    expect(status).toMatchObject({ at: T2.toISOString(), kept: 12, pulled: 1, dropped: 0 });
    expect(status.error).toBeUndefined();
    expect(wb.cell(t.sheet, 0, 0)?.value).toMatch(/history: 12 months kept, 1 re-pulled · \+\d+ \/ −0 rows$/);

    // A month later: the oldest month is dropped, June (pulled before it settled) and July are pulled.
    server.resetStats();
    await refreshTable(depsAt(writer, T3), name);
    const month = (await new QueryStore(writer.settings).get(name))!.history!;
    expect(month.status).toMatchObject({ kept: 11, pulled: 2, dropped: 1 });
    expect(month.windows[0]!.start).toBe('2025-07-01T00:00:00');
    const later = (await writer.readTable(name))!;
    expect(later.rows.map((row) => row.slice(0, full.header.length))).toEqual((await fullPull(T3)).rows);
  });

  it('rewrites the Cost column for the rows a refresh adds', async () => {
    const { wb, writer } = make();
    const range = last12(T1);
    const r = await insertUsage(depsAt(writer, T1), REALM, range.params, { allowSlow: true, history: range.rule });
    if (r.kind !== 'inserted') throw new Error('refused');
    const store = new QueryStore(writer.settings);
    await setUpRates({ writer, store });
    await addCost({ writer, store }, r.meta.tableName);
    await refreshTable(depsAt(writer, T2), r.meta.tableName);
    const t = wb.table(r.meta.tableName)!;
    const header = wb.values(t.sheet, t.row, t.col, 1, t.cols)[0]!.map(String);
    const at = header.indexOf(COST_COLUMN_HEADER);
    expect(at).toBeGreaterThan(0);
    expect(t.rows).toBeGreaterThan(r.records);
    const cells = Array.from({ length: t.rows }, (_, i) => wb.cell(t.sheet, t.row + 1 + i, t.col + at)?.formula);
    expect(cells.every((f) => typeof f === 'string' && f.startsWith('='))).toBe(true);
  });

  it('a failed refresh keeps the rows and says the error in the status and the caption', async () => {
    const { wb, writer } = make();
    const range = last12(T1);
    const r = await insertUsage(depsAt(writer, T1), REALM, range.params, { allowSlow: true, history: range.rule });
    if (r.kind !== 'inserted') throw new Error('refused');
    const before = await writer.readTable(r.meta.tableName);
    const refused = { ...depsAt(writer, T2), client: createUsageClient({ baseUrl: server.url, token: server.issueToken({ ttlSeconds: 0 }), maxRetries: 0 }) };
    await expect(refreshTable(refused, r.meta.tableName)).rejects.toThrow();
    expect(await writer.readTable(r.meta.tableName)).toEqual(before);
    const q = (await new QueryStore(writer.settings).get(r.meta.tableName))!;
    expect(q.history!.status!.error).toMatch(/\w/);
    expect(q.pulledAt).toBe(T1.toISOString());
    const cap = String(wb.cell(r.meta.sheetName, 0, 0)?.value);
    expect(cap).toMatch(/history: 13 months pulled · last refresh failed \d+ \w+ 2026 12:00 UTC: \w/);
  });
});
