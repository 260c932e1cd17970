// Flow-level, over real HTTP: the embedded usage server, the SDK client, the flows and the preview
// writer. Inserts last month by day grouped by billing tag, summarizes it, and checks the summary's
// numbers against an independent sum over the records the server sent (read here with plain
// fetch, not the SDK); Refresh keeps them matching; hostile billing tags stay text everywhere.

import { createUsageClient } from '@meterbook/sdk';
import { toExcelSerial } from '@meterbook/table-model';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetRange } from '../../src/flows/dates.js';
import { insertUsage } from '../../src/flows/pull.js';
import { refreshTable } from '../../src/flows/refresh.js';
import { createReport, insertReport, waitForReport } from '../../src/flows/report.js';
import { summarizeTable } from '../../src/flows/summarize.js';
import { toParams } from '../../src/flows/usage-form.js';
import { OfficeWriter } from '../../src/workbook/office-writer.js';
import { PreviewWorkbook } from '../../src/workbook/preview-workbook.js';
import { createExcelMock } from '../unit/excel-mock.js';
import { PreviewWriter } from '../../src/workbook/preview-writer.js';
import { QueryStore } from '../../src/workbook/query-store.js';

const REALM = 'org123456789';
const NOW = new Date('2026-12-01T18:49:00Z');
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ mode: 'test', now: '2026-12-01T18:00:00', reportDelayMs: 200 });
});
afterAll(async () => { await server?.close(); });

interface RawRecord { usageDateTime: string; category: string; name: string; billableValue: number; usageValue: number; billingTag?: string }

/** Every record of the query, page by page, with plain fetch. */
async function rawRecords(params: Record<string, string>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for (let page = 0; ; page++) {
    const q = new URLSearchParams({ ...params, limit: '100', offset: String(page) });
    const res = await fetch(`${server.url}/usage/realms/${REALM}?${q}`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: RawRecord[]; lastOffset: number };
    out.push(...body.items);
    if (page >= body.lastOffset) return out;
  }
}

const monthOf = (iso: string): number => toExcelSerial(new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, 1)));

function sums(records: RawRecord[]) {
  const byMonth = new Map<number, number>();
  const byLine = new Map<string, number>();
  for (const r of records) {
    byMonth.set(monthOf(r.usageDateTime), (byMonth.get(monthOf(r.usageDateTime)) ?? 0) + r.billableValue);
    const key = `${r.category}|${r.name}`;
    byLine.set(key, (byLine.get(key) ?? 0) + r.billableValue);
  }
  return { byMonth, byLine };
}

/** Reads the preview's pivot-like block: Category (on subtotal lines), Service, one month, Grand total. */
function pivotLines(wb: PreviewWorkbook, sheet: string): Map<string, number> {
  const out = new Map<string, number>();
  let category = '';
  for (let r = 7; ; r++) {
    const [cat, service, , total] = wb.values(sheet, r, 10, 1, 4)[0]!;
    if (cat === 'Grand total') return out;
    if (cat !== '') category = String(cat);
    else out.set(`${category}|${String(service)}`, Number(total));
  }
}

/** Last month by day grouped by billing tag, a preview workbook, and the flows' deps over the server. */
function lastMonthInPreview() {
  const range = presetRange('lastMonth', NOW);
  const params = toParams(range, { detailLevel: 'day', groupBy: 'billingTag' });
  const wb = new PreviewWorkbook();
  const writer = new PreviewWriter(wb);
  const client = createUsageClient({ baseUrl: server.url, token: server.token });
  return { range, params, wb, client, deps: { client, writer, store: new QueryStore(writer.settings), baseUrl: server.url, now: () => NOW } };
}

describe('insert last month by day grouped by billing tag, summarize, refresh (embedded server, real HTTP)', () => {
  it('the summary matches an independent sum of what the server sent, before and after Refresh, and no API text became a formula', async () => {
    const { range, params, wb, deps } = lastMonthInPreview();
    const inserted = await insertUsage(deps, REALM, params, { allowSlow: true });
    expect(inserted.kind).toBe('inserted');
    const meta = inserted.kind === 'inserted' ? inserted.meta : undefined;
    const raw = await rawRecords({ startDate: range.startDate, endDate: range.endDate, detailLevel: 'day', groupBy: 'billingTag' });
    expect(meta!.rowCount).toBe(raw.length);
    expect(meta!.sheetName).toBe('Usage Nov 2026');
    expect(wb.cell(meta!.sheetName, 0, 0)?.value).toBe(`HERE usage · ${REALM} · 1 Nov 2026 – 30 Nov 2026 (UTC) · by day · grouped by billing tag · ${raw.length.toLocaleString('en-US')} rows · refreshed 1 Dec 2026 18:49 UTC`);

    const check = async () => {
      const summary = await summarizeTable(deps, meta!.tableName);
      const want = sums(raw);
      const nov = toExcelSerial(new Date(Date.UTC(2026, 10, 1)));
      expect(wb.values(summary.sheetName, 4, 0, 1, 2)[0]![0]).toBe(nov);
      expect(Number(wb.values(summary.sheetName, 4, 1, 1, 1)[0]![0])).toBeCloseTo(want.byMonth.get(nov)!, 4);
      const lines = pivotLines(wb, summary.sheetName);
      expect([...lines.keys()].sort()).toEqual([...want.byLine.keys()].sort());
      for (const [k, v] of want.byLine) expect(lines.get(k), k).toBeCloseTo(v, 4);
      return summary;
    };
    const summary = await check();
    await refreshTable(deps, meta!.tableName);
    await check();

    // Hostile billing tags: exactly what the server sent, as text, in the table; no formula anywhere.
    const tags = wb.tableRecords(meta!.tableName).map((r) => r['Billing tag']);
    expect(tags).toEqual(raw.map((r) => r.billingTag));
    expect(tags.some((t) => String(t).startsWith('='))).toBe(true);
    expect(tags.some((t) => String(t).startsWith('+'))).toBe(true);
    for (const sheet of wb.model.sheets) {
      const formulas = sheet.rows.flat().filter((c) => c?.formula !== undefined);
      expect(formulas, sheet.name).toEqual([]);
    }
    expect(wb.model.charts!.find((c) => c.sheet === summary.sheetName)!.categories).toEqual(['Nov 2026']);
  }, 120_000);

  it('a report of the same query gets the same columns (but the usage type the CSV lacks) and the same summary', async () => {
    const { range, params, wb, client, deps } = lastMonthInPreview();
    const usage = await insertUsage(deps, REALM, params, { allowSlow: true });
    const ref = await createReport(client, REALM, params, []);
    const done = await waitForReport(client, ref, { intervalMs: 100 });
    const report = await insertReport(deps, REALM, done);
    const header = (name: string) => Object.keys(wb.tableRecords(name)[0]!);
    expect(header(report.tableName)).toEqual(header(usage.kind === 'inserted' ? usage.meta.tableName : '').filter((h) => h !== 'Usage type'));
    expect(report.sheetName).toBe('Report Nov 2026');
    const summary = await summarizeTable(deps, report.tableName);
    const want = sums(await rawRecords({ startDate: range.startDate, endDate: range.endDate, detailLevel: 'day', groupBy: 'billingTag' }));
    const lines = pivotLines(wb, summary.sheetName);
    for (const [k, v] of want.byLine) expect(lines.get(k), k).toBeCloseTo(v, 4);
  }, 120_000);

  it('through the Office.js writer (office-addin-mock): the PivotTable reads the table and finds the categories the server sent', async () => {
    const { range, params } = lastMonthInPreview();
    const m = createExcelMock();
    const writer = new OfficeWriter(m.run, { isSetSupported: (set, version) => set === 'ExcelApi' && Number(version.split('.')[1]) <= 13 });
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const deps = { client, writer, store: new QueryStore(writer.settings), baseUrl: server.url, now: () => NOW };
    const inserted = await insertUsage(deps, REALM, params, { allowSlow: true });
    const tableName = inserted.kind === 'inserted' ? inserted.meta.tableName : '';
    const raw = await rawRecords({ startDate: range.startDate, endDate: range.endDate, detailLevel: 'day', groupBy: 'billingTag' });
    const summary = await summarizeTable(deps, tableName);
    expect(summary.categories).toEqual([...new Set(raw.map((r) => r.category))].sort());
    expect(m.pivots).toMatchObject([{ source: tableName, rows: ['Category', 'Service'], columns: ['Month'], filters: ['Realm', 'Billing tag'] }]);
    expect(m.charts).toHaveLength(1);
    const tagCol = Object.keys(m.wb.tableRecords(tableName)[0]!).indexOf('Billing tag');
    const t = m.wb.table(tableName)!;
    const tagCells = Array.from({ length: t.rows }, (_, i) => m.wb.cell(t.sheet, t.row + 1 + i, t.col + tagCol)!);
    expect(tagCells.map((c) => c.value)).toEqual(raw.map((r) => r.billingTag));
    expect(tagCells.every((c) => c.formula === undefined)).toBe(true);
  }, 120_000);
});
