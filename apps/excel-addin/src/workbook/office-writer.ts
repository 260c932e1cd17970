// TableWriter over Office.js. Writes go in few `context.sync()` calls, each sized by the bytes of
// its values (a setting; by default the host's size, block-size.ts: 1 MB on the web). Values
// go into a range first and the table is made last, so a failed or cancelled write never leaves a
// half-filled table: the new sheet is removed instead.

import { parseA1 } from './a1.js';
import { DEFAULT_TEXT_STRATEGY, TEXT_NUMBER_FORMAT } from './cell-text.js';
import { maxChunkBytesFor, officePlatform } from './block-size.js';
import { chunkByBytes, rowBytes, yieldToEventLoop } from './chunking.js';
import { OfficeSettings, type ExcelRun } from './office-settings.js';
import { bodyRows, prepareTable } from './prepare.js';
import type { CellValue } from './rows.js';
import {
  CAPTION_ROW, HEADER_ROW, TABLE_STYLE, TableMissingError, TargetOccupiedError, WriteCancelledError,
  captionName, cleanSheetName, uniqueName, uniqueTableName,
  type NewTableRequest, type TableContent, type TableMeta, type TableWriter, type WorkbookSettings,
  type WriteOptions, type WriterOptions,
} from './table-writer.js';

/** Autofit looks at the first rows only: fitting 100,000 rows is slow and tells nothing more. */
const AUTOFIT_ROWS = 200;

export class OfficeWriter implements TableWriter {
  readonly kind = 'office' as const;
  readonly settings: WorkbookSettings;
  private readonly maxBytes: number;

  constructor(private readonly run: ExcelRun, private readonly options: WriterOptions = {}) {
    this.settings = new OfficeSettings(run);
    this.maxBytes = options.maxChunkBytes ?? maxChunkBytesFor(officePlatform());
  }

  async createTable(req: NewTableRequest, opts: WriteOptions = {}): Promise<TableMeta> {
    const prepared = prepareTable(req, this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY);
    const rows = bodyRows(prepared);
    const cols = prepared.header.length;
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      const tables = ctx.workbook.tables;
      tables.load('items/name');
      await ctx.sync();
      const sheetName = uniqueName(cleanSheetName(req.sheetName), new Set(sheets.items.map((s) => s.name)), 31);
      const tableName = uniqueTableName(req.tablePrefix, new Set(tables.items.map((t) => t.name)));
      const sheet = sheets.add(sheetName);
      const caption = sheet.getRangeByIndexes(CAPTION_ROW, 0, 1, 1);
      caption.numberFormat = [[TEXT_NUMBER_FORMAT]];
      caption.values = [[req.caption]];
      const header = sheet.getRangeByIndexes(HEADER_ROW, 0, 1, cols);
      header.numberFormat = [prepared.header.map(() => TEXT_NUMBER_FORMAT)];
      header.values = [prepared.header];
      try {
        await this.writeBlocks(ctx, sheet, HEADER_ROW + 1, 0, prepared.formats, rows, opts, true);
        const table = sheet.tables.add(sheet.getRangeByIndexes(HEADER_ROW, 0, rows.length + 1, cols), true);
        table.name = tableName;
        table.style = TABLE_STYLE;
        sheet.freezePanes.freezeRows(HEADER_ROW + 1);
        sheet.getRangeByIndexes(HEADER_ROW, 0, Math.min(rows.length, AUTOFIT_ROWS) + 1, cols).format.autofitColumns();
        ctx.workbook.names.add(captionName(tableName), caption, 'Meterbook: what the table below holds');
        sheet.activate();
        const range = table.getRange();
        range.load('address');
        await ctx.sync();
        return { tableName, sheetName, address: range.address, rowCount: rows.length, columnCount: cols };
      } catch (e) {
        // The sheet is ours and new: remove it so nothing half-done stays behind.
        sheet.delete();
        await ctx.sync().catch(() => undefined);
        throw e;
      }
    });
  }

  async replaceRows(tableName: string, content: TableContent, opts: WriteOptions = {}): Promise<TableMeta> {
    const prepared = prepareTable(content, this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY);
    const rows = bodyRows(prepared);
    const ours = prepared.header.length;
    return this.run(async (ctx) => {
      const found = ctx.workbook.tables.getItemOrNullObject(tableName);
      const capName = ctx.workbook.names.getItemOrNullObject(captionName(tableName));
      found.load('name');
      capName.load('name');
      await ctx.sync();
      if (found.isNullObject) throw new TableMissingError(tableName);
      const ws = found.worksheet;
      ws.load('name');
      const range = found.getRange();
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      await ctx.sync();
      const oldRows = range.rowCount - 1;
      const { rowIndex: top, columnIndex: left, columnCount: cols } = range;
      if (ours > cols) throw new Error(`Table ${tableName} has ${cols} columns; the query needs ${ours}. Insert it again as a new table.`);
      if (rows.length > oldRows) {
        const target = ws.getRangeByIndexes(top + 1 + oldRows, left, rows.length - oldRows, cols);
        target.load('address');
        const used = target.getUsedRangeOrNullObject(true);
        used.load('address');
        await ctx.sync();
        if (!used.isNullObject) throw new TargetOccupiedError(target.address);
      }
      if (opts.signal?.aborted) throw new WriteCancelledError();
      // From here the swap runs to the end: every row is already in memory.
      if (rows.length > oldRows) found.resize(ws.getRangeByIndexes(top, left, rows.length + 1, cols));
      const head = ws.getRangeByIndexes(top, left, 1, ours);
      head.values = [prepared.header];
      await this.writeBlocks(ctx, ws, top + 1, left, prepared.formats, rows, { onProgress: opts.onProgress }, false);
      if (rows.length < oldRows) {
        found.resize(ws.getRangeByIndexes(top, left, rows.length + 1, cols));
        ws.getRangeByIndexes(top + 1 + rows.length, left, oldRows - rows.length, cols).clear('All');
      }
      if (!capName.isNullObject) {
        const cap = capName.getRange();
        cap.numberFormat = [[TEXT_NUMBER_FORMAT]];
        cap.values = [[content.caption]];
      }
      const after = found.getRange();
      after.load('address');
      await ctx.sync();
      return { tableName, sheetName: ws.name, address: after.address, rowCount: rows.length, columnCount: cols };
    });
  }

  async findTable(tableName: string): Promise<TableMeta | undefined> {
    return this.run(async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject(tableName);
      t.load('name');
      await ctx.sync();
      if (t.isNullObject) return undefined;
      const ws = t.worksheet;
      ws.load('name');
      const r = t.getRange();
      r.load('address,rowCount,columnCount');
      await ctx.sync();
      return { tableName: t.name, sheetName: ws.name, address: r.address, rowCount: r.rowCount - 1, columnCount: r.columnCount };
    });
  }

  async selectedTableName(): Promise<string | undefined> {
    return this.run(async (ctx) => {
      const cell = ctx.workbook.getActiveCell();
      cell.load('address');
      const tables = ctx.workbook.tables;
      tables.load('items/name');
      await ctx.sync();
      const ranges = tables.items.map((t) => ({ name: t.name, range: t.getRange() }));
      for (const r of ranges) r.range.load('address');
      await ctx.sync();
      const at = parseA1(cell.address);
      if (!at) return undefined;
      return ranges.find(({ range }) => {
        const t = parseA1(range.address);
        return t !== undefined && t.sheet === at.sheet && at.row >= t.row && at.row < t.row + t.rows && at.col >= t.col && at.col < t.col + t.cols;
      })?.name;
    });
  }

  private async writeBlocks(ctx: Excel.RequestContext, ws: Excel.Worksheet, row: number, col: number, formats: string[], rows: CellValue[][], opts: WriteOptions, cancellable: boolean): Promise<void> {
    const width = formats.length;
    // Formats first, `@` must precede the text: one format per column for all the rows (Excel
    // applies a single value to every cell of a range), so blocks carry values only.
    if (rows.length > 0) {
      formats.forEach((format, c) => {
        ws.getRangeByIndexes(row, col + c, rows.length, 1).numberFormat = [[format]];
      });
    }
    for (const chunk of chunkByBytes(rows, (r) => rowBytes(r), this.maxBytes)) {
      if (cancellable && opts.signal?.aborted) throw new WriteCancelledError();
      // Suspension lasts only until the next sync, so it is asked again for every block.
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      const range = ws.getRangeByIndexes(row + chunk.start, col, chunk.rows.length, width);
      range.values = chunk.rows;
      await ctx.sync();
      opts.onProgress?.({ rowsWritten: chunk.start + chunk.rows.length, rowsTotal: rows.length });
      await yieldToEventLoop();
    }
  }
}
