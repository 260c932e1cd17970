import type { UsageRecord } from '@meterbook/sdk';
import { DECIMAL_FORMAT, MONTH_FORMAT, TEXT_NUMBER_FORMAT, toExcelSerial } from '@meterbook/table-model';
import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { fakeClient } from '../../test/unit/fake-client.js';
import { usageRecords } from '../../test/unit/fixtures.js';
import { insertUsage } from '../flows/pull.js';
import { refreshTable } from '../flows/refresh.js';
import { planOf, summarizeTable } from '../flows/summarize.js';
import { OfficeWriter } from './office-writer.js';
import { QueryStore } from './query-store.js';
import { HostTooOldError, SourceTableMissingError } from './table-writer.js';

// Two months, two categories, one of them hostile: it must stay a label, never become a formula.
const params = { startDate: '2024-05-01T00:00:00', endDate: '2024-07-01T00:00:00', detailLevel: 'day', groupBy: 'billingTag' };
let n = 40;
const data = (): UsageRecord[] => usageRecords(n).map((r, i) => ({
  ...r, usageDateTime: new Date(Date.UTC(2024, 4 + (i % 2), 1 + (i % 28))), category: i % 3 ? 'Location Services' : '=HYPERLINK("http://evil.example","x")',
})) as UsageRecord[];
const may = toExcelSerial(new Date(Date.UTC(2024, 4, 1)));
const june = toExcelSerial(new Date(Date.UTC(2024, 5, 1)));

async function setup(isSetSupported: (n: string, v: string) => boolean = () => true) {
  const m = createExcelMock();
  const writer = new OfficeWriter(m.run, { isSetSupported });
  const deps = { client: fakeClient({ records: data }), writer, store: new QueryStore(writer.settings), baseUrl: 'http://x/v2', now: () => new Date('2024-07-02T08:00:00Z') };
  n = 40;
  await insertUsage(deps, 'org123456789', params);
  return { m, writer, deps };
}

describe('the summary in Excel (office-addin-mock)', () => {
  it('creates a PivotTable over the table, our month-over-month formulas and a chart, one sync per step', async () => {
    const { m, writer, deps } = await setup();
    const q = (await deps.store.get('MB_Usage_1'))!;
    const before = m.stats.syncs;
    const meta = await writer.summaries.write(planOf(q, 'Usage May 2024 – Jun 2024'), [may, june]);
    expect(m.stats.syncs - before).toBe(4); // read, PivotTable, its categories, blocks and chart
    expect(meta).toEqual({ sheetName: 'Summary May 2024 – Jun 2024', months: 2, categories: ['=HYPERLINK("http://evil.example","x")', 'Location Services'] });
    expect(m.pivots).toEqual([{
      name: 'MB_Usage_1_Pivot', sheet: meta.sheetName, source: 'MB_Usage_1', at: { sheet: meta.sheetName, row: 5, col: 10, rows: 1, cols: 1 },
      rows: ['Category', 'Service'], columns: ['Month'], filters: ['Realm', 'Billing tag'], refreshes: 0,
      values: [
        { field: 'Billable quantity', name: 'Sum of Billable quantity', summarizeBy: 'Sum', numberFormat: DECIMAL_FORMAT },
        { field: 'Quantity', name: 'Sum of Quantity', summarizeBy: 'Sum', numberFormat: DECIMAL_FORMAT },
      ],
    }]);
    const s = meta.sheetName;
    expect(m.wb.cell(s, 4, 0)).toMatchObject({ value: may, format: MONTH_FORMAT });
    expect(m.wb.cell(s, 4, 1)?.formula).toBe('=IFERROR(GETPIVOTDATA("Sum of Billable quantity",$K$6,"Month",A5),0)');
    expect(m.wb.cell(s, 5, 2)?.formula).toBe('=B6-B5');
    // The chart's data: categories as text cells (the hostile one too), formulas that refer to them.
    const head = 3 + 2 + 3;
    expect(m.wb.cell(s, head, 1)).toMatchObject({ value: '=HYPERLINK("http://evil.example","x")', format: TEXT_NUMBER_FORMAT });
    expect(m.wb.cell(s, head, 1)?.formula).toBeUndefined();
    expect(m.wb.cell(s, head + 1, 1)?.formula).toBe('=IFERROR(GETPIVOTDATA("Sum of Billable quantity",$K$6,"Month",$A10,"Category",B$9),0)');
    const formulas = m.wb.model.sheets.find((x) => x.name === s)!.rows.flat().map((c) => c?.formula).filter(Boolean);
    expect(formulas.some((f) => f!.includes('evil.example'))).toBe(false);
    expect(m.charts).toEqual([{
      name: 'MB_Usage_1_Chart', sheet: s, type: 'ColumnClustered', seriesBy: 'Columns', title: 'Billable quantity by month', legend: 'Bottom',
      source: { sheet: s, row: head, col: 1, rows: 3, cols: 2 }, categoryNames: { sheet: s, row: head + 1, col: 0, rows: 2, cols: 1 },
      colors: ['#0F6CBD', '#C239B3'], position: [{ sheet: s, row: head + 4, col: 0, rows: 1, cols: 1 }, { sheet: s, row: head + 19, col: 0 + 5, rows: 1, cols: 1 }],
    }]);
  });

  it('updates in place: Summarize again and Refresh of the table refresh the same PivotTable and redraw one chart', async () => {
    const { m, deps } = await setup();
    await summarizeTable(deps, 'MB_Usage_1');
    await summarizeTable(deps, 'MB_Usage_1');
    expect(m.pivots).toHaveLength(1);
    expect(m.pivots[0]!.refreshes).toBe(1);
    n = 60;
    await refreshTable(deps, 'MB_Usage_1');
    expect(m.pivots[0]!.refreshes).toBe(2);
    expect(m.charts).toHaveLength(1);
    expect(m.wb.table('MB_Usage_1')!.rows).toBe(60);
  });

  it('says in words what an older Excel lacks, before touching the workbook', async () => {
    const asked: string[] = [];
    // A host with ExcelApi 1.7 (charts) but not 1.8 (PivotTables).
    const { m, deps } = await setup((n, v) => { asked.push(`${n} ${v}`); return n === 'ExcelApi' && Number(v) <= 1.7; });
    const sheets = m.wb.model.sheets.length;
    await expect(summarizeTable(deps, 'MB_Usage_1')).rejects.toThrow(HostTooOldError);
    await expect(summarizeTable(deps, 'MB_Usage_1')).rejects.toThrow(/cannot create a PivotTable and its chart from an add-in \(it needs ExcelApi 1\.8\)/);
    expect(m.wb.model.sheets).toHaveLength(sheets);
    expect(asked).toContain('ExcelApi 1.8');
    expect(m.pivots).toEqual([]);
  });

  it('handles a deleted source table with a clear message, on the summary sheet too', async () => {
    const { m, deps } = await setup();
    const meta = await summarizeTable(deps, 'MB_Usage_1');
    m.wb.model.tables = m.wb.model.tables.filter((t) => t.name !== 'MB_Usage_1');
    const err = await summarizeTable(deps, 'MB_Usage_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceTableMissingError);
    expect((err as Error).message).toBe(`Table MB_Usage_1 is no longer in this workbook, so its summary on sheet “${meta.sheetName}” no longer updates (it now says so). Insert the data again and summarize the new table, or delete that sheet.`);
    expect(String(m.wb.cell(meta.sheetName, 1, 0)?.value)).toMatch(/^Table MB_Usage_1 is no longer in this workbook/);
  });
});

describe('the summary of an Acronis summary report in Excel (no dates)', () => {
  it('makes a PivotTable by edition and offering item with the tenant filter, and no month block', async () => {
    const { acronisRows, fakeAcronis, TENANT } = await import('../../test/unit/fake-acronis.js');
    const { insertAcronisReport } = await import('../flows/acronis-report.js');
    const m = createExcelMock();
    const writer = new OfficeWriter(m.run, { isSetSupported: () => true });
    const fake = fakeAcronis(acronisRows);
    const deps = { acronis: fake.client, writer, store: new QueryStore(writer.settings), baseUrl: fake.client.baseUrl, now: () => new Date('2025-06-10T12:00:00Z') };
    const report = await fake.client.reports.create({ tenantId: TENANT, level: 'all_customers', kind: 'usage_summary', period: { start: '2025-06-01', end: '2025-06-09' } });
    const table = await insertAcronisReport(deps, report, 'Demo Partner');
    const meta = await summarizeTable(deps, table.tableName);
    expect(m.pivots[0]).toMatchObject({ source: table.tableName, rows: ['Edition', 'Offering item'], columns: [], filters: ['Tenant'], values: [{ field: 'Total usage', name: 'Sum of Total usage' }] });
    expect(meta).toMatchObject({ months: 0, categories: ['disaster_recovery', 'per_workload', 'standard'] });
    expect(m.charts).toEqual([]);
  });
});
