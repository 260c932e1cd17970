import type { UsageRecord } from '@meterbook/sdk';
import { HOSTILE, toExcelSerial } from '@meterbook/table-model';
import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../test/unit/fake-client.js';
import { usageRecords } from '../../test/unit/fixtures.js';
import { insertUsage } from '../flows/pull.js';
import { refreshTable } from '../flows/refresh.js';
import { markSummariesOfMissingTables, summarizeTable } from '../flows/summarize.js';
import { PreviewWorkbook } from './preview-workbook.js';
import { PreviewWriter } from './preview-writer.js';
import { QueryStore } from './query-store.js';
import { SourceTableMissingError } from './table-writer.js';

const params = { startDate: '2024-05-01T00:00:00', endDate: '2024-07-01T00:00:00', detailLevel: 'day', groupBy: 'billingTag' };
let n = 30;
const data = (): UsageRecord[] => usageRecords(n).map((r, i) => ({ ...r, usageDateTime: new Date(Date.UTC(2024, 4 + (i % 2), 2)), category: HOSTILE[i % 3] })) as UsageRecord[];
const may = toExcelSerial(new Date(Date.UTC(2024, 4, 1)));
const june = toExcelSerial(new Date(Date.UTC(2024, 5, 1)));

async function setup() {
  const wb = new PreviewWorkbook();
  const writer = new PreviewWriter(wb);
  const deps = { client: fakeClient({ records: data }), writer, store: new QueryStore(writer.settings), baseUrl: 'http://x/v2', now: () => new Date('2024-07-02T08:00:00Z') };
  n = 30;
  await insertUsage(deps, 'org123456789', params);
  return { wb, deps };
}

/** Billable quantity by month, summed straight from the records the client gave. */
function independent(records: UsageRecord[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of records) {
    const d = r.usageDateTime!;
    const m = toExcelSerial(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
    out.set(m, (out.get(m) ?? 0) + (r.billableValue ?? 0));
  }
  return out;
}

describe('the summary in the preview', () => {
  it('fills the same layout with the model\'s aggregation, labels as text, and a chart', async () => {
    const { wb, deps } = await setup();
    const meta = await summarizeTable(deps, 'MB_Usage_1');
    const s = meta.sheetName;
    expect(s).toBe('Summary May 2024 – Jun 2024');
    const want = independent(data());
    expect(wb.values(s, 4, 0, 2, 2)).toEqual([[may, want.get(may)], [june, want.get(june)]]);
    expect(wb.cell(s, 5, 2)?.value).toBeCloseTo(want.get(june)! - want.get(may)!, 6);
    // Pivot-like block at K6: filters above, then the first value by category and service.
    expect(wb.values(s, 2, 10, 2, 2)).toEqual([['Realm', '(All)'], ['Billing tag', '(All)']]);
    expect(wb.values(s, 6, 10, 1, 5)[0]).toEqual(['Category', 'Service', may, june, 'Grand total']);
    const cells = wb.model.sheets.find((x) => x.name === s)!.rows.flat();
    expect(cells.filter((c) => c?.formula !== undefined)).toEqual([]);
    const labels = cells.map((c) => c?.value);
    for (const h of HOSTILE.slice(0, 3)) expect(labels).toContain(h);
    const chart = wb.model.charts!.find((c) => c.sheet === s)!;
    expect(chart).toMatchObject({ title: 'Billable quantity by month', categories: ['May 2024', 'Jun 2024'] });
    expect(chart.series.map((x) => x.name).sort()).toEqual([...HOSTILE.slice(0, 3)].sort());
    const charted = chart.series.reduce((sum, x) => sum + x.values[0]!, 0);
    expect(charted).toBeCloseTo(want.get(may)!, 6);
  });

  it('follows a refresh of its table, and says so when the table is gone', async () => {
    const { wb, deps } = await setup();
    const meta = await summarizeTable(deps, 'MB_Usage_1');
    n = 50;
    await refreshTable(deps, 'MB_Usage_1');
    const want = independent(data());
    expect(wb.values(meta.sheetName, 4, 1, 2, 1).flat()).toEqual([want.get(may), want.get(june)]);
    expect(await markSummariesOfMissingTables(deps)).toEqual([]);
    wb.model.tables = wb.model.tables.filter((t) => t.name !== 'MB_Usage_1');
    expect(await markSummariesOfMissingTables(deps)).toEqual([meta.sheetName]);
    await expect(summarizeTable(deps, 'MB_Usage_1')).rejects.toThrow(SourceTableMissingError);
    expect(String(wb.cell(meta.sheetName, 1, 0)?.value)).toMatch(/no longer in this workbook, so its summary on sheet “Summary May 2024 – Jun 2024”/);
    expect(wb.model.summaries!['MB_Usage_1']!.orphaned).toBe(true);
  });
});

describe('the summary of an Acronis table', () => {
  it('sums by edition and offering item, with the tenant as filter, even without dates', async () => {
    const { acronisRows, fakeAcronis, TENANT } = await import('../../test/unit/fake-acronis.js');
    const { insertAcronisReport } = await import('../flows/acronis-report.js');
    const wb = new PreviewWorkbook();
    const writer = new PreviewWriter(wb);
    const fake = fakeAcronis(acronisRows);
    const deps = { acronis: fake.client, writer, store: new QueryStore(writer.settings), baseUrl: fake.client.baseUrl, now: () => new Date('2025-06-10T12:00:00Z') };
    const report = await fake.client.reports.create({ tenantId: TENANT, level: 'all_customers', kind: 'usage_summary', period: { start: '2025-06-01', end: '2025-06-09' } });
    const table = await insertAcronisReport(deps, report, 'Demo Partner');
    const meta = await summarizeTable(deps, table.tableName);
    expect(meta.categories).toEqual(['disaster_recovery', 'per_workload', 'standard']);
    expect(wb.values(meta.sheetName, 3, 10, 1, 2)[0]).toEqual(['Tenant', '(All)']);
    expect(wb.values(meta.sheetName, 5, 10, 2, 3)).toEqual([['Sum of Total usage', '', ''], ['Edition', 'Offering item', 'Grand total']]);
    const total = acronisRows().reduce((s, r) => s + Number(r['usage.absolute.total']), 0);
    const grand = wb.values(meta.sheetName, 7 + 6, 10, 1, 3)[0]!;
    expect(grand).toEqual(['Grand total', '', total]);
    expect(wb.model.charts).toEqual([]); // no dates, no chart by month
  });
});
