import type { UsageRecord } from '@meterbook/sdk';
import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { fakeClient } from '../../test/unit/fake-client.js';
import { usageRecords } from '../../test/unit/fixtures.js';
import { OfficeWriter } from '../workbook/office-writer.js';
import { PreviewWorkbook, type PreviewModel } from '../workbook/preview-workbook.js';
import { PreviewWriter } from '../workbook/preview-writer.js';
import { QueryStore } from '../workbook/query-store.js';
import type { TableWriter } from '../workbook/table-writer.js';
import { insertUsage } from './pull.js';
import { refreshAllSources } from './refresh-all.js';
import { refreshTable } from './refresh.js';

const BASE = 'http://localhost/v2';
const params = { startDate: '2024-05-01T00:00:00', endDate: '2024-06-01T00:00:00', detailLevel: 'day', billingTag: '=evil' };
let n = 3;
const data = () => usageRecords(n) as UsageRecord[];

function depsFor(writer: TableWriter, client = fakeClient({ records: data })) {
  return { client, writer, store: new QueryStore(writer.settings), baseUrl: BASE, now: () => new Date('2024-06-02T08:00:00Z') };
}

describe('insert, remember, reopen, refresh', () => {
  it('remembers the query in the workbook (no secrets) and refreshes after reopening', async () => {
    n = 3;
    const wb = new PreviewWorkbook();
    const r = await insertUsage(depsFor(new PreviewWriter(wb)), 'org123456789', params);
    expect(r.kind).toBe('inserted');
    const saved = wb.model.settings['meterbook.table.MB_Usage_1']!;
    expect(JSON.parse(saved)).toMatchObject({ kind: 'usage', realmId: 'org123456789', baseUrl: BASE, params, rowCount: 3 });
    expect(saved).not.toMatch(/token|secret/i);
    // "Close and reopen": only the saved model survives.
    const reopened = new PreviewWorkbook(JSON.parse(JSON.stringify(wb.model)) as PreviewModel);
    n = 5;
    const meta = await refreshTable(depsFor(new PreviewWriter(reopened)), 'MB_Usage_1');
    expect(meta.rowCount).toBe(5);
    expect(reopened.cell(meta.sheetName, 0, 0)?.value).toMatch(/5 rows/);
  });

  it('refreshes through the Office.js writer too, with the query kept in workbook.settings', async () => {
    n = 4;
    const m = createExcelMock();
    const w = new OfficeWriter(m.run);
    await insertUsage(depsFor(w), 'org123456789', params);
    expect(Object.keys(m.wb.model.settings)).toEqual(['meterbook.table.MB_Usage_1']);
    n = 2;
    const d = depsFor(new OfficeWriter(m.run));
    const out = await refreshAllSources({ writer: d.writer, store: d.store, sources: [d] });
    expect(out.items).toEqual([{ tableName: 'MB_Usage_1', source: 'here', status: 'refreshed', message: 'MB_Usage_1: 2 rows.' }]);
    expect(m.wb.table('MB_Usage_1')!.rows).toBe(2);
  });

  it('a failed or cancelled pull leaves the previous rows untouched', async () => {
    n = 3;
    const wb = new PreviewWorkbook();
    await insertUsage(depsFor(new PreviewWriter(wb)), 'org123456789', params);
    const before = JSON.stringify(wb.model);
    const failing = fakeClient({ records: data, failWith: new Error('503 from the API') });
    await expect(refreshTable(depsFor(new PreviewWriter(wb), failing), 'MB_Usage_1')).rejects.toThrow('503');
    const ac = new AbortController();
    ac.abort();
    await expect(refreshTable(depsFor(new PreviewWriter(wb)), 'MB_Usage_1', { signal: ac.signal })).rejects.toThrow();
    expect(JSON.stringify(wb.model)).toBe(before);
  });

  it('a failed first pull creates no sheet at all', async () => {
    const wb = new PreviewWorkbook();
    const failing = fakeClient({ records: data, failWith: new Error('network down') });
    await expect(insertUsage(depsFor(new PreviewWriter(wb), failing), 'org123456789', params)).rejects.toThrow('network down');
    expect(wb.model.sheets).toEqual([]);
  });

  it('offers the report route above 20,000 records instead of pulling', async () => {
    n = 20_001;
    const wb = new PreviewWorkbook();
    const client = fakeClient({ records: data });
    const r = await insertUsage(depsFor(new PreviewWriter(wb), client), 'org123456789', params);
    expect(r.kind).toBe('tooBig');
    expect(r.kind === 'tooBig' && r.verdict.message).toMatch(/20,001 records.*report is faster/);
    expect(client.calls).toEqual(['usage.list']);
    expect(wb.model.sheets).toEqual([]);
  });

  it('refuses to refresh a table it does not know', async () => {
    await expect(refreshTable(depsFor(new PreviewWriter(new PreviewWorkbook())), 'Table1')).rejects.toThrow(/not a Meterbook table/);
  });
});
