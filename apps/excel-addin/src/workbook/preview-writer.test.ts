import { describe, expect, it } from 'vitest';
import { COLUMNS, HOSTILE, usageRecords } from '../../test/unit/fixtures.js';
import { widthPoints } from './prepare.js';
import { PreviewWorkbook } from './preview-workbook.js';
import { PreviewWriter } from './preview-writer.js';
import { TargetOccupiedError, WriteCancelledError } from './table-writer.js';

const req = (n: number) => ({ sheetName: 'Usage: May/June?', tablePrefix: 'MB_Usage', caption: 'c', columns: COLUMNS, records: usageRecords(n) });
const tagCol = COLUMNS.findIndex((c) => c.key === 'billingTag');

describe('PreviewWriter', () => {
  it('writes the same layout as Excel, with a valid sheet name and hostile text kept as text', async () => {
    const wb = new PreviewWorkbook();
    const meta = await new PreviewWriter(wb).createTable(req(HOSTILE.length));
    expect(meta.sheetName).toBe('Usage- May-June-');
    expect(wb.tableRecords(meta.tableName).map((r) => r['Billing tag'])).toEqual(HOSTILE);
    for (let r = 0; r < HOSTILE.length; r++) expect(wb.cell(meta.sheetName, 3 + r, tagCol)?.formula).toBeUndefined();
  });

  it('removes its new sheet when cancelled', async () => {
    const wb = new PreviewWorkbook();
    const ac = new AbortController();
    ac.abort();
    await expect(new PreviewWriter(wb).createTable(req(10), { signal: ac.signal })).rejects.toBeInstanceOf(WriteCancelledError);
    expect(wb.model.sheets).toEqual([]);
  });

  it('refuses to grow over cells it does not own, naming the target', async () => {
    const wb = new PreviewWorkbook();
    const w = new PreviewWriter(wb);
    const meta = await w.createTable(req(2));
    wb.write(meta.sheetName, 8, 0, [['mine']]);
    await expect(w.replaceRows(meta.tableName, { caption: 'c', columns: COLUMNS, records: usageRecords(9) })).rejects.toThrow(TargetOccupiedError);
    await expect(w.replaceRows(meta.tableName, { caption: 'c', columns: COLUMNS, records: usageRecords(9) })).rejects.toThrow(/'Usage- May-June-'!A6:P12 is not empty/);
    expect(wb.table(meta.tableName)!.rows).toBe(2);
  });
});

describe('hostile strings in every column, through both writers', () => {
  const hostileRecord = (h: string) => Object.fromEntries(COLUMNS.map((c) => [c.field ?? c.key, h]));
  it.each(['preview', 'office'] as const)('%s: nothing becomes a formula, text columns keep the text', async (kind) => {
    const { createExcelMock } = await import('../../test/unit/excel-mock.js');
    const { OfficeWriter } = await import('./office-writer.js');
    const mock = createExcelMock();
    const wb = kind === 'preview' ? new PreviewWorkbook() : mock.wb;
    const writer = kind === 'preview' ? new PreviewWriter(wb) : new OfficeWriter(mock.run);
    const meta = await writer.createTable({ sheetName: 'S', tablePrefix: 'MB_Usage', caption: HOSTILE[0]!, columns: COLUMNS, records: HOSTILE.map(hostileRecord) });
    const sheet = wb.model.sheets.find((s) => s.name === meta.sheetName)!;
    expect(sheet.rows.flat().filter((c) => c?.formula !== undefined)).toEqual([]);
    COLUMNS.forEach((c, col) => {
      const got = HOSTILE.map((_, r) => wb.cell(meta.sheetName, 3 + r, col)?.value);
      if (c.kind === 'text') expect(got, c.header).toEqual(HOSTILE);
    });
    expect(wb.cell(meta.sheetName, 0, 0)?.value).toBe(HOSTILE[0]);
    // Width hints of the model: characters in the preview, points in Excel.
    if (kind === 'preview') expect(sheet.widths).toEqual(COLUMNS.map((c) => c.width));
    else expect(COLUMNS.map((_, i) => mock.widths.get(`S:${i}`))).toEqual(COLUMNS.map((c) => widthPoints(c.width)));
  });
});
