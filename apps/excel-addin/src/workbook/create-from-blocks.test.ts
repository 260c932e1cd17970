import type { SourceRecord } from '@meterbook/table-model';
import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { COLUMNS, usageRecords } from '../../test/unit/fixtures.js';
import { OfficeWriter } from './office-writer.js';
import { PreviewWorkbook } from './preview-workbook.js';
import { PreviewWriter } from './preview-writer.js';
import { WriteCancelledError, type TableWriter } from './table-writer.js';

// Units change inside and across blocks, so the unit-following formats must carry over.
const records = (n: number): SourceRecord[] => usageRecords(n).map((r, i) => ({ ...r, valueDriver: i % 7 < 3 ? 'GB' : 'Transactions' }));
const base = { sheetName: 'Usage May 2024', tablePrefix: 'MB_Usage', columns: COLUMNS };
const caption = (rows: number) => `Usage of org123456789, ${rows} rows`;

async function* inBlocks(all: readonly SourceRecord[], size: number, fail?: { after: number; error: Error }): AsyncGenerator<SourceRecord[]> {
  for (let i = 0; i < all.length; i += size) {
    if (fail && i >= fail.after) throw fail.error;
    yield all.slice(i, i + size);
  }
}

const writers: [string, () => { writer: TableWriter; wb: PreviewWorkbook; syncs?: () => number }][] = [
  ['Office.js (office-addin-mock)', () => { const m = createExcelMock(); return { writer: new OfficeWriter(m.run, { maxChunkBytes: 20_000 }), wb: m.wb, syncs: () => m.stats.syncs }; }],
  ['preview', () => { const wb = new PreviewWorkbook(); return { writer: new PreviewWriter(wb, { maxChunkBytes: 20_000 }), wb }; }],
];

describe.each(writers)('createTableFromBlocks through the %s writer', (_name, make) => {
  it.each([[1], [37], [500], [5_000]])('writes the same cells, formats and table as createTable (blocks of %i)', async (size) => {
    const all = records(1_234);
    const held = make();
    const streamed = make();
    const a = await held.writer.createTable({ ...base, caption: caption(all.length), records: all });
    const b = await streamed.writer.createTableFromBlocks({ ...base, caption }, inBlocks(all, size));
    expect(b).toEqual(a);
    expect(JSON.stringify(streamed.wb.model)).toBe(JSON.stringify(held.wb.model));
    expect(streamed.wb.cell('Usage May 2024', 0, 0)?.value).toBe('Usage of org123456789, 1234 rows');
  });

  it('regroups small blocks into the same number of syncs as holding everything', async () => {
    const all = records(1_234);
    const held = make();
    const streamed = make();
    if (!held.syncs || !streamed.syncs) return expect(held.syncs).toBeUndefined(); // the preview has no syncs
    await held.writer.createTable({ ...base, caption: caption(all.length), records: all });
    await streamed.writer.createTableFromBlocks({ ...base, caption }, inBlocks(all, 10));
    expect(streamed.syncs()).toBe(held.syncs());
    expect(held.syncs()).toBeGreaterThan(5);
  });

  it('writes an empty pull as the one blank row createTable writes', async () => {
    const held = make();
    const streamed = make();
    const a = await held.writer.createTable({ ...base, caption: caption(0), records: [] });
    const b = await streamed.writer.createTableFromBlocks({ ...base, caption }, inBlocks([], 10));
    expect(b).toEqual(a);
    expect(JSON.stringify(streamed.wb.model)).toBe(JSON.stringify(held.wb.model));
  });

  it('writes the first block before the source hands over the last', async () => {
    const { writer, wb } = make();
    const events: string[] = [];
    async function* watched(): AsyncGenerator<SourceRecord[]> {
      for await (const block of inBlocks(records(3_000), 500)) {
        events.push(`block ${block.length}`);
        yield block;
      }
      events.push('source done');
    }
    await writer.createTableFromBlocks({ ...base, caption }, watched(), { onProgress: (p) => events.push(`written ${p.rowsWritten}`) });
    expect(events.findIndex((e) => e.startsWith('written'))).toBeLessThan(events.lastIndexOf('block 500'));
    expect(events.at(-2)).toBe('source done');
    expect(wb.table('MB_Usage_1')?.rows).toBe(3_000);
  });

  it('leaves the workbook as it was when the source fails mid-way', async () => {
    const { writer, wb } = make();
    await writer.createTable({ ...base, caption: 'kept', records: records(3) });
    const before = JSON.stringify(wb.model);
    const failing = inBlocks(records(3_000), 200, { after: 1_600, error: new Error('page 17 failed') });
    await expect(writer.createTableFromBlocks({ ...base, caption }, failing)).rejects.toThrow('page 17 failed');
    expect(JSON.stringify(wb.model)).toBe(before);
  });

  it('leaves the workbook as it was when cancelled mid-way, and stops reading the source', async () => {
    const { writer, wb } = make();
    const before = JSON.stringify(wb.model);
    const ac = new AbortController();
    let handedOver = 0;
    async function* counted(): AsyncGenerator<SourceRecord[]> {
      for await (const block of inBlocks(records(3_000), 200)) { handedOver += block.length; yield block; }
    }
    const p = writer.createTableFromBlocks({ ...base, caption }, counted(), { signal: ac.signal, onProgress: (x) => { if (x.rowsWritten > 0) ac.abort(); } });
    await expect(p).rejects.toBeInstanceOf(WriteCancelledError);
    expect(JSON.stringify(wb.model)).toBe(before);
    expect(wb.model.sheets).toEqual([]);
    expect(handedOver).toBeLessThan(3_000);
  });
});
