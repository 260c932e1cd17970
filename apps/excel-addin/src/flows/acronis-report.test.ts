import { describe, expect, it } from 'vitest';
import { acronisRows, fakeAcronis, TENANT } from '../../test/unit/fake-acronis.js';
import { PreviewWorkbook } from '../workbook/preview-workbook.js';
import { PreviewWriter } from '../workbook/preview-writer.js';
import { QueryStore } from '../workbook/query-store.js';
import { acronisPeriod, AcronisVersionConflict, createAcronisReport, deleteAcronisReport, insertAcronisReport } from './acronis-report.js';
import { refreshTable } from './refresh.js';

const now = new Date('2025-06-10T12:00:00Z');

function setup() {
  const wb = new PreviewWorkbook();
  const writer = new PreviewWriter(wb);
  const fake = fakeAcronis(acronisRows);
  const deps = { acronis: fake.client, writer, store: new QueryStore(writer.settings), baseUrl: fake.client.baseUrl, now: () => now };
  return { wb, fake, deps };
}

describe('Acronis periods', () => {
  it('sends no period for usage_current', () => {
    expect(acronisPeriod('usage_current', '2025-06-01', '2025-06-09', now)).toEqual({ capped: false });
  });
  it('caps the end to today (UTC) and refuses a start in the future or after the end', () => {
    expect(acronisPeriod('usage_summary', '2025-06-01', '2025-06-30', now)).toEqual({ period: { start: '2025-06-01', end: '2025-06-10' }, capped: true });
    expect(() => acronisPeriod('usage_daily', '2025-06-11', '2025-06-12', now)).toThrow(/starts in the future/);
    expect(() => acronisPeriod('usage_daily', '2025-06-05', '2025-06-01', now)).toThrow(/after it ends/);
    expect(() => acronisPeriod('usage_daily', '', '2025-06-01', now)).toThrow(/Enter the period/);
  });
  it('creates the report with the capped period', async () => {
    const { fake } = setup();
    await createAcronisReport(fake.client, { tenantId: TENANT, tenantName: 'P', level: 'all_customers', kind: 'usage_summary', start: '2025-06-01', end: '2025-07-01' }, now);
    expect(fake.created[0]).toEqual({ tenantId: TENANT, level: 'all_customers', kind: 'usage_summary', period: { start: '2025-06-01', end: '2025-06-10' } });
  });
});

describe('insert, refresh and delete an Acronis report', () => {
  it('writes typed numbers, GiB beside byte values, and hostile names as text', async () => {
    const { wb, fake, deps } = setup();
    const report = await fake.client.reports.create({ tenantId: TENANT, level: 'all_customers', kind: 'usage_summary', period: { start: '2025-06-01', end: '2025-06-09' } });
    const meta = await insertAcronisReport(deps, report, 'Meterbook Demo Partner');
    const rows = wb.tableRecords(meta.tableName);
    expect(rows.map((r) => r.Tenant)).toEqual(['=SUM(1,1) Holdings', 'Contoso Dental', '+cmd|calc']);
    expect(Object.keys(rows[0]!)).toEqual(['Tenant', 'Offering item', 'Edition', 'Total usage', 'Total storage (GiB)', 'Total usage change', 'Total storage change (GiB)', 'Storage back end', 'Tenant kind', 'Tenant ID', 'Application ID']);
    expect(rows[0]!['Total usage']).toBe(400 * 1024 ** 3);
    expect(rows[0]!['Total storage (GiB)']).toBe(400);
    expect(rows[0]!['Total storage change (GiB)']).toBe(1.5);
    expect(rows[1]!['Total storage (GiB)']).toBe('');
    expect(rows[2]!['Total storage (GiB)']).toBe(3);
    expect(meta.sheetName).toBe('Acronis 1 Jun 2025 – 9 Jun 2025');
    expect(wb.cell(meta.sheetName, 0, 0)?.value).toBe('Acronis usage summary · all customers of tenant “Meterbook Demo Partner” · 1 Jun 2025 – 9 Jun 2025 (UTC) · 3 rows · refreshed 10 Jun 2025 12:00 UTC');
    const t = wb.table(meta.tableName)!;
    const sheet = wb.model.sheets.find((s) => s.name === t.sheet)!;
    const dataCells = sheet.rows.slice(t.row + 1, t.row + 1 + t.rows).flat();
    expect(dataCells.every((c) => c?.formula === undefined)).toBe(true);
    const header = sheet.rows[t.row]!.map((c) => c?.value);
    expect(sheet.rows[t.row + 1]![header.indexOf('Total storage (GiB)')]!.format).toBe('#,##0.00');
    expect(sheet.rows[t.row + 1]![header.indexOf('Total usage')]!.format).toBe('#,##0');
    const saved = JSON.parse(wb.model.settings[`meterbook.table.${meta.tableName}`]!) as Record<string, unknown>;
    expect(saved).toMatchObject({ kind: 'acronis-report', realmId: TENANT, tenantName: 'Meterbook Demo Partner', baseUrl: 'https://dc.example/api/2', params: { level: 'all_customers', kind: 'usage_summary', start: '2025-06-01', end: '2025-06-09' } });
  });

  it('refreshes by creating a new report with the same parameters', async () => {
    const { wb, fake, deps } = setup();
    const report = await fake.client.reports.create({ tenantId: TENANT, level: 'accounts', kind: 'usage_daily', period: { start: '2025-06-01', end: '2025-06-09' } });
    const meta = await insertAcronisReport(deps, report, 'P');
    await refreshTable(deps, meta.tableName);
    expect(fake.created[1]).toEqual({ tenantId: TENANT, level: 'accounts', kind: 'usage_daily', period: { start: '2025-06-01', end: '2025-06-09' } });
    expect(wb.tableRecords(meta.tableName)).toHaveLength(3);
    await expect(refreshTable({ writer: deps.writer, store: deps.store, baseUrl: deps.baseUrl }, meta.tableName)).rejects.toThrow(/connect to Acronis/);
  });

  it('refuses an e-mailed report and names a version conflict plainly', async () => {
    const { fake, deps } = setup();
    const report = await fake.client.reports.create({ tenantId: TENANT, level: 'accounts', kind: 'usage_current' });
    await expect(insertAcronisReport(deps, { ...report, result_action: 'send' }, 'P')).rejects.toThrow(/e-mailed/);
    fake.reports.set(report.id, { ...report, version: 2 });
    const conflict = await deleteAcronisReport(fake.client, report).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(AcronisVersionConflict);
    expect((conflict as Error).message).toMatch(/Not deleted: .*the list had version 1/);
    await deleteAcronisReport(fake.client, { id: report.id, version: 2 });
    expect(fake.reports.size).toBe(0);
  });
});
