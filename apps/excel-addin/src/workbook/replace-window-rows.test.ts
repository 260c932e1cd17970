// replaceWindowRows through both writers (the Office writer over office-addin-mock): kept rows
// stay as they were, the rows before them go, the rest is replaced; a user formula column and
// cells outside the table survive, and growth into user cells is refused before anything changes.

import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { COLUMNS, usageRecords } from '../../test/unit/fixtures.js';
import { GrowthDeclinedError, replaceWindowRowsGrowing } from '../flows/growth.js';
import { OfficeWriter } from './office-writer.js';
import { PreviewWorkbook } from './preview-workbook.js';
import { PreviewWriter } from './preview-writer.js';
import { TargetOccupiedError, windowGrowth, type TableWriter } from './table-writer.js';

const chargeCol = COLUMNS.findIndex((c) => c.key === 'billingChargeNumber');
const records = (n: number, tag: string) => usageRecords(n).map((r, i) => ({ ...r, billingChargeNumber: `${tag}-${i}` }));

const writers: [string, () => { wb: PreviewWorkbook; writer: TableWriter }][] = [
  ['preview', () => { const wb = new PreviewWorkbook(); return { wb, writer: new PreviewWriter(wb) }; }],
  ['office (mock)', () => { const m = createExcelMock(); return { wb: m.wb, writer: new OfficeWriter(m.run) }; }],
];

describe.each(writers)('replaceWindowRows, %s writer', (_, make) => {
  async function setUp() {
    const { wb, writer } = make();
    const meta = await writer.createTable({ sheetName: 'Usage', tablePrefix: 'MB_Usage', caption: 'old', columns: COLUMNS, records: [...records(3, 'A'), ...records(4, 'B'), ...records(2, 'C')] });
    const t = wb.table(meta.tableName)!;
    // A user column right of the table with a formula, and a note two columns further right.
    wb.write('Usage', t.row, t.cols, [['Double']]);
    for (let r = 1; r <= t.rows; r++) wb.write('Usage', t.row + r, t.cols, [['=[@[Usage amount]]*2']]);
    t.cols += 1;
    wb.write('Usage', 5, t.cols + 1, [['my note']]);
    return { wb, writer, meta };
  }
  const charges = (wb: PreviewWorkbook, name: string) => { const t = wb.table(name)!; return wb.values('Usage', t.row + 1, chargeCol, t.rows, 1).map((r) => r[0]); };

  it('drops the rows before the kept run, keeps it untouched and replaces the rest', async () => {
    const { wb, writer, meta } = await setUp();
    const keptCells = wb.sheet('Usage')!.rows.slice(3 + 3, 3 + 7).map((line) => line.slice(0, COLUMNS.length).map((c) => ({ ...c })));
    const after = await writer.replaceWindowRows(meta.tableName, { caption: 'new', columns: COLUMNS, records: records(5, 'D'), keep: { from: 3, rows: 4 } });
    expect(after.rowCount).toBe(9);
    expect(charges(wb, meta.tableName)).toEqual(['B-0', 'B-1', 'B-2', 'B-3', 'D-0', 'D-1', 'D-2', 'D-3', 'D-4']);
    expect(wb.sheet('Usage')!.rows.slice(3, 7).map((line) => line.slice(0, COLUMNS.length))).toEqual(keptCells);
    const t = wb.table(meta.tableName)!;
    // The rows that moved up keep the user's formula; new rows get it from Excel's calculated
    // column (the mock does not fill it; the preview copies the first row's, as Excel does).
    const filled = writer.kind === 'preview' ? t.rows : 6;
    expect(wb.values('Usage', t.row + 1, COLUMNS.length, filled, 1).every((r) => r[0] === '=[@[Usage amount]]*2')).toBe(true);
    expect(wb.cell('Usage', 0, 0)?.value).toBe('new');
    // Cells beside the table (not in its columns) never move.
    expect(wb.cell('Usage', 5, t.cols + 1)?.value).toBe('my note');
  });

  it('with nothing kept is a plain replace, and shrinking clears what was below', async () => {
    const { wb, writer, meta } = await setUp();
    await writer.replaceWindowRows(meta.tableName, { caption: 'new', columns: COLUMNS, records: records(2, 'E'), keep: { from: 9, rows: 0 } });
    expect(charges(wb, meta.tableName)).toEqual(['E-0', 'E-1']);
    expect(wb.occupied('Usage', 3 + 3, 0, 9, COLUMNS.length)).toEqual([]);
  });

  it('refuses to grow over user cells before changing anything, naming them', async () => {
    const { wb, writer, meta } = await setUp();
    const t = wb.table(meta.tableName)!;
    wb.write('Usage', t.row + 1 + t.rows, 0, [['Total']]);
    const content = { caption: 'new', columns: COLUMNS, records: records(8, 'F'), keep: { from: 3, rows: 6 } };
    expect(windowGrowth(t.rows, content)).toBe(8 + 6 - 6);
    await expect(writer.replaceWindowRows(meta.tableName, content)).rejects.toBeInstanceOf(TargetOccupiedError);
    expect(charges(wb, meta.tableName)).toEqual(['A-0', 'A-1', 'A-2', 'B-0', 'B-1', 'B-2', 'B-3', 'C-0', 'C-1']);
    await writer.insertRowsBelow(meta.tableName, windowGrowth(t.rows, content));
    await writer.replaceWindowRows(meta.tableName, content);
    const now = wb.table(meta.tableName)!;
    expect(now.rows).toBe(14);
    expect(wb.cell('Usage', now.row + 1 + now.rows, 0)?.value).toBe('Total');
  });

  it('through the growth question: asked once with the rows needed, rows inserted on yes, declined leaves it as it was', async () => {
    const { wb, writer, meta } = await setUp();
    const t = wb.table(meta.tableName)!;
    wb.write('Usage', t.row + 1 + t.rows, 0, [['Total']]);
    const content = { caption: 'new', columns: COLUMNS, records: records(8, 'G'), keep: { from: 3, rows: 6 } };
    const asked: number[] = [];
    await expect(replaceWindowRowsGrowing(writer, meta.tableName, content, {}, async (q) => { asked.push(q.rows); return false; })).rejects.toBeInstanceOf(GrowthDeclinedError);
    expect(charges(wb, meta.tableName)).toHaveLength(9);
    await replaceWindowRowsGrowing(writer, meta.tableName, content, {}, async (q) => { asked.push(q.rows); return true; });
    expect(asked).toEqual([8, 8]);
    const now = wb.table(meta.tableName)!;
    expect(charges(wb, meta.tableName)).toEqual(['B-0', 'B-1', 'B-2', 'B-3', 'C-0', 'C-1', ...Array.from({ length: 8 }, (_, i) => `G-${i}`)]);
    expect(wb.cell('Usage', now.row + 1 + now.rows, 0)?.value).toBe('Total');
  });
});
