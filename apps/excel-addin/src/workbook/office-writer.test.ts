import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { COLUMNS, HOSTILE, usageRecords } from '../../test/unit/fixtures.js';
import { DAY_FORMAT, DECIMAL_FORMAT, MONTH_FORMAT, TEXT_NUMBER_FORMAT, WHOLE_FORMAT, toExcelSerial } from '@meterbook/table-model';
import { OfficeWriter } from './office-writer.js';
import { TargetOccupiedError, WriteCancelledError } from './table-writer.js';

const req = (n: number) => ({ sheetName: 'Usage May 2024', tablePrefix: 'MB_Usage', caption: 'Usage of org123456789', columns: COLUMNS, records: usageRecords(n) });
const col = (key: string) => COLUMNS.findIndex((c) => c.key === key);

describe('OfficeWriter.createTable', () => {
  it('writes values, formats, the table, caption and frozen header', async () => {
    const m = createExcelMock();
    const w = new OfficeWriter(m.run);
    const meta = await w.createTable(req(3));
    expect(meta).toMatchObject({ tableName: 'MB_Usage_1', sheetName: 'Usage May 2024', rowCount: 3, columnCount: COLUMNS.length });
    expect(meta.address).toBe(`'Usage May 2024'!A3:${String.fromCharCode(64 + COLUMNS.length)}6`);
    const t = m.wb.table('MB_Usage_1')!;
    expect(t).toMatchObject({ sheet: 'Usage May 2024', row: 2, col: 0, rows: 3, cols: COLUMNS.length, style: 'TableStyleMedium2' });
    expect(m.wb.values('Usage May 2024', 2, 0, 1, 3)[0]).toEqual(['Date', 'Month', 'Service']);
    expect(m.wb.cell('Usage May 2024', 0, 0)?.value).toBe('Usage of org123456789');
    expect(m.wb.model.names['MB_Usage_1_Info']).toEqual({ sheet: 'Usage May 2024', row: 0, col: 0 });
    expect(m.wb.sheet('Usage May 2024')!.frozenRows).toBe(3);
    const usage = m.wb.cell('Usage May 2024', 4, col('usageValue'))!;
    expect(usage).toMatchObject({ value: 0.1235, format: WHOLE_FORMAT }); // transactions: whole units
    const date = m.wb.cell('Usage May 2024', 4, col('usageDateTime'))!;
    expect(date).toMatchObject({ value: toExcelSerial(new Date(Date.UTC(2024, 4, 2))), format: DAY_FORMAT });
    expect(m.wb.cell('Usage May 2024', 4, col('month'))).toMatchObject({ value: toExcelSerial(new Date(Date.UTC(2024, 4, 1))), format: MONTH_FORMAT });
    expect(m.widths.get('Usage May 2024:0')).toBe(94); // the Date column's width hint, 12 characters
    expect(m.wb.cell('Usage May 2024', 3, col('category'))?.format).toBe(TEXT_NUMBER_FORMAT);
    // 1 read + 1 data block (caption and header ride along) + 1 to make the table
    expect(m.stats.syncs).toBe(3);
  });

  it('gives each run of rows the decimals its unit needs, one format call per run', async () => {
    const m = createExcelMock();
    const records = usageRecords(6).map((r, i) => ({ ...r, valueDriver: i === 2 || i === 3 ? 'GB' : 'Transactions' }));
    await new OfficeWriter(m.run).createTable({ ...req(0), records });
    const formats = records.map((_, i) => m.wb.cell('Usage May 2024', 3 + i, col('billableValue'))?.format);
    expect(formats).toEqual([WHOLE_FORMAT, WHOLE_FORMAT, DECIMAL_FORMAT, DECIMAL_FORMAT, WHOLE_FORMAT, WHOLE_FORMAT]);
  });

  it('keeps hostile strings as text (text format set before the values)', async () => {
    const m = createExcelMock();
    await new OfficeWriter(m.run).createTable(req(HOSTILE.length));
    const tags = m.wb.values('Usage May 2024', 3, col('billingTag'), HOSTILE.length, 1).map((r) => r[0]);
    expect(tags).toEqual(HOSTILE);
    for (let r = 3; r < 3 + HOSTILE.length; r++) expect(m.wb.cell('Usage May 2024', r, col('billingTag'))?.formula).toBeUndefined();
  });

  it('keeps hostile strings as text with the apostrophe strategy too', async () => {
    const m = createExcelMock();
    await new OfficeWriter(m.run, { textStrategy: 'apostrophe' }).createTable(req(HOSTILE.length));
    const cells = HOSTILE.map((_, i) => m.wb.cell('Usage May 2024', 3 + i, col('billingTag'))!);
    expect(cells.map((c) => c.value)).toEqual(HOSTILE);
    expect(cells.every((c) => c.formula === undefined)).toBe(true);
  });

  it('would have caught a formula (the mock parses like Excel)', () => {
    const m = createExcelMock();
    m.wb.addSheet('S');
    m.wb.write('S', 0, 0, [['=HYPERLINK("x")', '00123']]);
    expect(m.wb.cell('S', 0, 0)?.formula).toBe('=HYPERLINK("x")');
    expect(m.wb.cell('S', 0, 1)?.value).toBe(123);
  });

  it('writes 100,000 rows in few byte-sized syncs, suspending calculation per block', async () => {
    const m = createExcelMock();
    const w = new OfficeWriter(m.run, { maxChunkBytes: 1_000_000 });
    const progress: number[] = [];
    await w.createTable(req(100_000), { onProgress: (p) => progress.push(p.rowsWritten) });
    const largest = Math.max(...m.stats.payloads);
    console.log(`100,000 rows: ${m.stats.syncs} syncs, largest payload ${largest} bytes, total ${m.stats.payloads.reduce((a, b) => a + b, 0)} bytes`);
    expect(largest).toBeLessThanOrEqual(1_100_000);
    expect(m.stats.syncs).toBeLessThan(80);
    expect(m.stats.suspensionsPerSync.slice(1, -1).every((n) => n === 1)).toBe(true);
    expect(progress.at(-1)).toBe(100_000);
    expect(m.wb.table('MB_Usage_1')!.rows).toBe(100_000);
    expect(m.wb.cell('Usage May 2024', 3 + 99_999, col('billingChargeNumber'))?.value).toBe('CN-99999');
  }, 60_000);

  it('removes the new sheet when a batch fails half-way', async () => {
    const m = createExcelMock();
    m.failOnSync(3);
    await expect(new OfficeWriter(m.run, { maxChunkBytes: 20_000 }).createTable(req(500))).rejects.toThrow(/GeneralException/);
    expect(m.wb.model.sheets).toEqual([]);
    expect(m.wb.model.tables).toEqual([]);
  });

  it('removes the new sheet when cancelled between blocks', async () => {
    const m = createExcelMock();
    const ac = new AbortController();
    const p = new OfficeWriter(m.run, { maxChunkBytes: 20_000 }).createTable(req(500), { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(p).rejects.toBeInstanceOf(WriteCancelledError);
    expect(m.wb.model.sheets).toEqual([]);
  });

  it('gives a unique sheet and table name the second time', async () => {
    const m = createExcelMock();
    const w = new OfficeWriter(m.run);
    await w.createTable(req(1));
    const second = await w.createTable(req(1));
    expect(second).toMatchObject({ tableName: 'MB_Usage_2', sheetName: 'Usage May 2024 (2)' });
  });
});

describe('OfficeWriter.replaceRows', () => {
  async function withUserColumn() {
    const m = createExcelMock();
    const w = new OfficeWriter(m.run);
    await w.createTable(req(4));
    const t = m.wb.table('MB_Usage_1')!;
    // The user adds a formula column to the right of the table and a note outside it.
    m.wb.write(t.sheet, 2, t.cols, [['My calc']]);
    for (let r = 0; r < 4; r++) m.wb.write(t.sheet, 3 + r, t.cols, [[`=P${4 + r}*2`]]);
    t.cols += 1;
    m.wb.write(t.sheet, 0, 20, [['my note']]);
    return { m, w, t };
  }

  it('grows in place, keeping the user column and cells outside', async () => {
    const { m, w, t } = await withUserColumn();
    const meta = await w.replaceRows('MB_Usage_1', { caption: 'refreshed', columns: COLUMNS, records: usageRecords(6) });
    expect(meta.rowCount).toBe(6);
    expect(t.cols).toBe(COLUMNS.length + 1);
    expect(m.wb.cell(t.sheet, 3, t.cols - 1)?.formula).toBe('=P4*2');
    expect(m.wb.cell(t.sheet, 0, 20)?.value).toBe('my note');
    expect(m.wb.cell(t.sheet, 0, 0)?.value).toBe('refreshed');
    expect(m.wb.cell(t.sheet, 8, col('billingChargeNumber'))?.value).toBe('CN-5');
  });

  it('shrinks in place and clears the rows it gave up', async () => {
    const { m, w, t } = await withUserColumn();
    await w.replaceRows('MB_Usage_1', { caption: 'c', columns: COLUMNS, records: usageRecords(2) });
    expect(t.rows).toBe(2);
    expect(m.wb.occupied(t.sheet, 5, 0, 2, t.cols)).toEqual([]);
  });

  it('refuses to grow over cells it does not own, and writes nothing', async () => {
    const { m, w, t } = await withUserColumn();
    m.wb.write(t.sheet, 9, 2, [['someone else']]);
    const before = JSON.stringify(m.wb.model);
    const err = await w.replaceRows('MB_Usage_1', { caption: 'c', columns: COLUMNS, records: usageRecords(10) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetOccupiedError);
    expect((err as TargetOccupiedError).message).toContain("'Usage May 2024'!A8:");
    expect(JSON.stringify(m.wb.model)).toBe(before);
  });
});
