// TableWriter over Office.js. Writes go in few `context.sync()` calls, each sized by the bytes of
// its values (a setting; by default the host's size, block-size.ts: 1 MB on the web). Values
// go into a range first and the table is made last, so a failed or cancelled write never leaves a
// half-filled table: the new sheet is removed instead.

import { DEFAULT_TEXT_STRATEGY, TEXT_NUMBER_FORMAT, parseA1, type CellValue, type SourceRecord } from '@meterbook/table-model';
import { maxChunkBytesFor, officePlatform } from './block-size.js';
import { chunkByBytes, rowBytes, yieldToEventLoop } from './chunking.js';
import { OfficeSettings, type ExcelRun } from './office-settings.js';
import { OfficeSummaries } from './office-summary.js';
import { bodyRows, prepareTable, widthPoints, type PreparedTable } from './prepare.js';
import { renderedPieces } from './stream-blocks.js';
import {
  CAPTION_ROW, HEADER_ROW, TABLE_STYLE, TableMissingError, TargetOccupiedError, WriteCancelledError,
  captionName, cleanSheetName, uniqueName, uniqueTableName, windowGrowth,
  type BlocksTableRequest, type NewTableRequest, type TableContent, type TableMeta, type TableWriter, type WorkbookSettings,
  type SummaryWriter, type WriteOptions, type WriterOptions, type CostColumnRequest, type TableValues, type WindowRowsContent,
} from './table-writer.js';

export class OfficeWriter implements TableWriter {
  readonly kind = 'office' as const;
  readonly settings: WorkbookSettings;
  readonly summaries: SummaryWriter;
  private readonly maxBytes: number;

  constructor(private readonly run: ExcelRun, private readonly options: WriterOptions = {}) {
    this.settings = new OfficeSettings(run);
    this.summaries = new OfficeSummaries(run, options);
    this.maxBytes = options.maxChunkBytes ?? maxChunkBytesFor(officePlatform());
  }

  async createTable(req: NewTableRequest, opts: WriteOptions = {}): Promise<TableMeta> {
    const prepared = prepareTable(req, this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY);
    const rows = bodyRows(prepared);
    return this.run(async (context) => {
      const made = await this.newSheet(context, req, prepared.header);
      try {
        await this.writeBlocks(context, made.sheet, HEADER_ROW + 1, 0, prepared, rows, opts, true);
        return await this.finishTable(context, made, prepared, rows.length, req.caption, req.freezeColumns);
      } catch (e) {
        await removeSheet(context, made.sheet);
        throw e;
      }
    });
  }

  async replaceRows(tableName: string, content: TableContent, opts: WriteOptions = {}): Promise<TableMeta> {
    return this.replaceWindowRows(tableName, { ...content, keep: { from: 0, rows: 0 } }, opts);
  }

  async replaceWindowRows(tableName: string, content: WindowRowsContent, opts: WriteOptions = {}): Promise<TableMeta> {
    const prepared = prepareTable(content, this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY);
    const { from, rows: kept } = content.keep;
    const tail = kept > 0 ? prepared.rows : bodyRows(prepared);
    const final = kept + tail.length;
    const ours = prepared.header.length;
    return this.run(async (context) => {
      const found = context.workbook.tables.getItemOrNullObject(tableName);
      const capName = context.workbook.names.getItemOrNullObject(captionName(tableName));
      found.load('name');
      capName.load('name');
      await context.sync();
      if (found.isNullObject) throw new TableMissingError(tableName);
      const ws = found.worksheet;
      ws.load('name');
      const range = found.getRange();
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      const oldRows = range.rowCount - 1;
      const { rowIndex: top, columnIndex: left, columnCount: cols } = range;
      if (ours > cols) throw new Error(`Table ${tableName} has ${cols} columns; the query needs ${ours}. Insert it again as a new table.`);
      if (from < 0 || kept < 0 || from + kept > oldRows) throw new RangeError(`Table ${tableName} has ${oldRows} rows; rows ${from + 1} to ${from + kept} cannot be kept.`);
      const growth = windowGrowth(oldRows, content);
      if (growth > 0) {
        const target = ws.getRangeByIndexes(top + 1 + oldRows, left, growth, cols);
        target.load('address');
        const used = target.getUsedRangeOrNullObject(true);
        used.load('address');
        await context.sync();
        if (!used.isNullObject) throw new TargetOccupiedError(target.address);
      }
      if (opts.signal?.aborted) throw new WriteCancelledError();
      // From here the swap runs to the end: every row is already in memory. Rows before the kept
      // run are deleted as table rows (the kept rows, untouched, move up; cells below follow).
      const cut = kept > 0 ? from : 0;
      if (cut > 0) ws.getRangeByIndexes(top + 1, left, cut, cols).delete('Up');
      const remaining = oldRows - cut;
      if (final > remaining) found.resize(ws.getRangeByIndexes(top, left, final + 1, cols));
      const head = ws.getRangeByIndexes(top, left, 1, ours);
      head.values = [prepared.header];
      await this.writeBlocks(context, ws, top + 1 + kept, left, prepared, tail, { onProgress: opts.onProgress }, false);
      if (final < remaining) {
        found.resize(ws.getRangeByIndexes(top, left, final + 1, cols));
        ws.getRangeByIndexes(top + 1 + final, left, remaining - final, cols).clear('All');
      }
      if (!capName.isNullObject) {
        const cap = capName.getRange();
        cap.numberFormat = [[TEXT_NUMBER_FORMAT]];
        cap.values = [[content.caption]];
      }
      const after = found.getRange();
      after.load('address');
      await context.sync();
      return { tableName, sheetName: ws.name, address: after.address, rowCount: final, columnCount: cols };
    });
  }

  async insertRowsBelow(tableName: string, rows: number): Promise<void> {
    if (rows <= 0) return;
    await this.run(async (context) => {
      const found = context.workbook.tables.getItemOrNullObject(tableName);
      found.load('name');
      await context.sync();
      if (found.isNullObject) throw new TableMissingError(tableName);
      const range = found.getRange();
      range.load('rowIndex,rowCount');
      await context.sync();
      // Whole sheet rows: a total beside a label keeps its label, formulas below are adjusted by Excel.
      found.worksheet.getRangeByIndexes(range.rowIndex + range.rowCount, 0, rows, 1).getEntireRow().insert('Down');
      await context.sync();
    });
  }

  async findTable(tableName: string): Promise<TableMeta | undefined> {
    return this.run(async (context) => {
      const t = context.workbook.tables.getItemOrNullObject(tableName);
      t.load('name');
      await context.sync();
      if (t.isNullObject) return undefined;
      const ws = t.worksheet;
      ws.load('name');
      const r = t.getRange();
      r.load('address,rowCount,columnCount');
      await context.sync();
      return { tableName: t.name, sheetName: ws.name, address: r.address, rowCount: r.rowCount - 1, columnCount: r.columnCount };
    });
  }

  async selectedTableName(): Promise<string | undefined> {
    return this.run(async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.load('address');
      const tables = context.workbook.tables;
      tables.load('items/name');
      await context.sync();
      const ranges = tables.items.map((t) => ({ name: t.name, range: t.getRange() }));
      for (const r of ranges) r.range.load('address');
      await context.sync();
      const at = parseA1(cell.address);
      if (!at) return undefined;
      return ranges.find(({ range }) => {
        const t = parseA1(range.address);
        return t !== undefined && t.sheet === at.sheet && at.row >= t.row && at.row < t.row + t.rows && at.col >= t.col && at.col < t.col + t.cols;
      })?.name;
    });
  }

  /** Reads the names taken, adds the sheet and writes its header (sent with the first block). */
  private async newSheet(context: Excel.RequestContext, req: Pick<NewTableRequest, 'sheetName' | 'tablePrefix'>, headerRow: string[]): Promise<NewSheet> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const tables = context.workbook.tables;
    tables.load('items/name');
    await context.sync();
    const sheetName = uniqueName(cleanSheetName(req.sheetName), new Set(sheets.items.map((s) => s.name)), 31);
    const tableName = uniqueTableName(req.tablePrefix, new Set(tables.items.map((t) => t.name)));
    const sheet = sheets.add(sheetName);
    const header = sheet.getRangeByIndexes(HEADER_ROW, 0, 1, headerRow.length);
    header.numberFormat = [headerRow.map(() => TEXT_NUMBER_FORMAT)];
    header.values = [headerRow];
    return { sheet, sheetName, tableName };
  }

  /** Once the rows are in: the caption, the table over them, frozen header, widths, caption name. */
  private async finishTable(context: Excel.RequestContext, { sheet, sheetName, tableName }: NewSheet, prepared: Pick<PreparedTable, 'header' | 'widths'>, rows: number, captionText: string, freezeColumns = 0): Promise<TableMeta> {
    const cols = prepared.header.length;
    const caption = sheet.getRangeByIndexes(CAPTION_ROW, 0, 1, 1);
    caption.numberFormat = [[TEXT_NUMBER_FORMAT]];
    caption.values = [[captionText]];
    const table = sheet.tables.add(sheet.getRangeByIndexes(HEADER_ROW, 0, rows + 1, cols), true);
    table.name = tableName;
    table.style = TABLE_STYLE;
    // The header rows, and the first columns when asked: freezeAt (ExcelApi 1.7) freezes both at once.
    if (freezeColumns > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, HEADER_ROW + 1, freezeColumns));
    else sheet.freezePanes.freezeRows(HEADER_ROW + 1);
    // Width hints from the table model: steadier than autofit, and free for 100,000 rows.
    prepared.widths.forEach((w, c) => { sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = widthPoints(w); });
    context.workbook.names.add(captionName(tableName), caption, 'Meterbook: what the table below holds');
    sheet.activate();
    const range = table.getRange();
    range.load('address');
    await context.sync();
    return { tableName, sheetName, address: range.address, rowCount: rows, columnCount: cols };
  }

  private async writeBlocks(context: Excel.RequestContext, ws: Excel.Worksheet, row: number, col: number, prepared: PreparedTable, rows: CellValue[][], opts: WriteOptions, cancellable: boolean): Promise<void> {
    const width = prepared.formats.length;
    // Formats first, `@` must precede the text: one format per column for all the rows (Excel
    // applies a single value to every cell of a range), then one per run of rows whose unit needs
    // other decimals, so blocks carry values only.
    if (rows.length > 0) {
      prepared.formats.forEach((format, c) => {
        ws.getRangeByIndexes(row, col + c, rows.length, 1).numberFormat = [[format]];
      });
      for (const run of prepared.runs) ws.getRangeByIndexes(row + run.start, col + run.col, run.rows, 1).numberFormat = [[run.format]];
    }
    for (const chunk of chunkByBytes(rows, (r) => rowBytes(r), this.maxBytes)) {
      if (cancellable && opts.signal?.aborted) throw new WriteCancelledError();
      // Suspension lasts only until the next sync, so it is asked again for every block.
      context.workbook.application.suspendApiCalculationUntilNextSync();
      const range = ws.getRangeByIndexes(row + chunk.start, col, chunk.rows.length, width);
      range.values = chunk.rows;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per byte-sized block is the point: Excel on the web caps a request at 5 MB
      await context.sync();
      opts.onProgress?.({ rowsWritten: chunk.start + chunk.rows.length, rowsTotal: rows.length });
      await yieldToEventLoop();
    }
  }

  async createTableFromBlocks(req: BlocksTableRequest, blocks: AsyncIterable<readonly SourceRecord[]>, opts: WriteOptions = {}): Promise<TableMeta> {
    const strategy = this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY;
    const empty = prepareTable({ columns: req.columns, records: [], caption: '' }, strategy);
    return this.run(async (context) => {
      const made = await this.newSheet(context, req, empty.header);
      try {
        let written = 0;
        for await (const piece of renderedPieces(req.columns, blocks, strategy, this.maxBytes)) {
          const before = written;
          await this.writeBlocks(context, made.sheet, HEADER_ROW + 1 + before, 0, piece, piece.rows, {
            signal: opts.signal,
            onProgress: (p) => opts.onProgress?.({ rowsWritten: before + p.rowsWritten, rowsTotal: before + p.rowsTotal }),
          }, true);
          written += piece.rows.length;
        }
        if (opts.signal?.aborted) throw new WriteCancelledError();
        const rows = written > 0 ? written : 1;
        if (written === 0) await this.writeBlocks(context, made.sheet, HEADER_ROW + 1, 0, empty, bodyRows(empty), opts, true);
        return await this.finishTable(context, made, empty, rows, req.caption(written));
      } catch (e) {
        await removeSheet(context, made.sheet);
        throw e;
      }
    });
  }
  async readTable(tableName: string): Promise<TableValues | undefined> {
    return this.run(async (context) => {
      const found = context.workbook.tables.getItemOrNullObject(tableName);
      found.load('name');
      await context.sync();
      if (found.isNullObject) return undefined;
      const range = found.getRange();
      range.load('values');
      await context.sync();
      const [header = [], ...rows] = range.values as (string | number | boolean)[][];
      return { header: header.map(String), rows };
    });
  }

  async setCostColumn(tableName: string, cost: CostColumnRequest): Promise<void> {
    const columns = [{ header: cost.header, formula: cost.formula, numberFormat: cost.numberFormat }];
    // General, not text: a formula typed into a text-formatted cell would stay text.
    if (cost.currency) columns.push({ ...cost.currency, numberFormat: 'General' });
    for (const column of columns) await this.setCalculatedColumn(tableName, column);
  }

  /** One of our calculated columns: found by its header, or added right of the table into empty cells only. */
  private async setCalculatedColumn(tableName: string, column: { header: string; formula: string; numberFormat: string }): Promise<void> {
    await this.run(async (context) => {
      const found = context.workbook.tables.getItemOrNullObject(tableName);
      found.load('name');
      await context.sync();
      if (found.isNullObject) throw new TableMissingError(tableName);
      const ws = found.worksheet;
      const range = found.getRange();
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      const { rowIndex: top, columnIndex: left, rowCount, columnCount } = range;
      const head = ws.getRangeByIndexes(top, left, 1, columnCount);
      head.load('values');
      await context.sync();
      let at = (head.values[0] ?? []).map(String).indexOf(column.header);
      if (at < 0) {
        // A new column right of the table: only into empty cells, never over the user's.
        const target = ws.getRangeByIndexes(top, left + columnCount, rowCount, 1);
        target.load('address');
        const used = target.getUsedRangeOrNullObject(true);
        used.load('address');
        await context.sync();
        if (!used.isNullObject) throw new TargetOccupiedError(target.address);
        at = columnCount;
        const cell = ws.getRangeByIndexes(top, left + at, 1, 1);
        cell.numberFormat = [[TEXT_NUMBER_FORMAT]];
        cell.values = [[column.header]];
        found.resize(ws.getRangeByIndexes(top, left, rowCount, columnCount + 1));
      }
      ws.getRangeByIndexes(top + 1, left + at, rowCount - 1, 1).numberFormat = [[column.numberFormat]];
      // The same formula in every row makes it a calculated column: Excel fills new rows with it.
      const formulas = Array.from({ length: rowCount - 1 }, () => [column.formula]);
      for (const chunk of chunkByBytes(formulas, (r) => rowBytes(r), this.maxBytes)) {
        ws.getRangeByIndexes(top + 1 + chunk.start, left + at, chunk.rows.length, 1).formulas = chunk.rows;
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per byte-sized block, as for values
        await context.sync();
      }
    });
  }
}

interface NewSheet {
  sheet: Excel.Worksheet;
  sheetName: string;
  tableName: string;
}

/** The sheet is ours and new: removed so nothing half-done stays behind. */
async function removeSheet(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<void> {
  sheet.delete();
  await context.sync().catch(() => undefined);
}
