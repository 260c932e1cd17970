import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { COLUMNS, usageRecords } from '../../test/unit/fixtures.js';
import { OfficeWriter } from './office-writer.js';
import { PreviewWorkbook } from './preview-workbook.js';
import { PreviewWriter } from './preview-writer.js';
import { TargetOccupiedError, type TableWriter } from './table-writer.js';

const req = (n: number) => ({ sheetName: 'Usage', tablePrefix: 'MB_Usage', caption: 'Usage of org123456789', columns: COLUMNS, records: usageRecords(n) });

describe.each([
  ['preview', (wb: PreviewWorkbook): TableWriter => new PreviewWriter(wb)],
  ['Office.js', (wb: PreviewWorkbook): TableWriter => new OfficeWriter(createExcelMock(wb).run)],
])('insertRowsBelow (%s writer)', (_name, make) => {
  it('moves what is under the table down, so growth covers nothing', async () => {
    const wb = new PreviewWorkbook();
    const w = make(wb);
    const meta = await w.createTable(req(3));
    const t = wb.table(meta.tableName)!;
    const below = t.row + 1 + t.rows;
    wb.write(t.sheet, below, 0, [['Total', 42]]);
    await expect(w.replaceRows(meta.tableName, { caption: 'c', columns: COLUMNS, records: usageRecords(5) })).rejects.toThrow(TargetOccupiedError);
    await w.insertRowsBelow(meta.tableName, 2);
    expect(wb.values(t.sheet, below + 2, 0, 1, 2)).toEqual([['Total', 42]]);
    const grown = await w.replaceRows(meta.tableName, { caption: 'c', columns: COLUMNS, records: usageRecords(5) });
    expect(grown.rowCount).toBe(5);
    expect(wb.values(t.sheet, below + 2, 0, 1, 2)).toEqual([['Total', 42]]);
    expect(wb.model.names[`${meta.tableName}_Info`]).toEqual({ sheet: t.sheet, row: 0, col: 0 });
  });
});
