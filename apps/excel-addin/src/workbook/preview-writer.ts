// TableWriter over the in-page PreviewWorkbook: the whole flow runs in a plain browser and in
// tests without Excel. It follows the same rules as the Office.js writer.

import { DEFAULT_TEXT_STRATEGY, TEXT_NUMBER_FORMAT, a1, type CellValue, type SourceRecord } from '@meterbook/table-model';
import { DEFAULT_MAX_CHUNK_BYTES, yieldToEventLoop } from './chunking.js';
import { bodyRows, formatBlock, prepareTable, type PreparedTable } from './prepare.js';
import type { PreviewTable, PreviewWorkbook } from './preview-workbook.js';
import { PreviewSummaries } from './preview-summary.js';
import { renderedPieces } from './stream-blocks.js';
import {
  CAPTION_ROW, HEADER_ROW, TABLE_STYLE, TableMissingError, TargetOccupiedError, WriteCancelledError,
  captionName, cleanSheetName, uniqueName, uniqueTableName, windowGrowth,
  type BlocksTableRequest, type NewTableRequest, type TableContent, type TableMeta, type TableWriter, type WorkbookSettings,
  type SummaryWriter, type WriteOptions, type WriterOptions, type CostColumnRequest, type TableValues, type WindowRowsContent,
} from './table-writer.js';
import { recomputeCosts, storedBinding } from './preview-cost.js';

const ROWS_PER_STEP = 2_000;

function meta(t: PreviewTable): TableMeta {
  return { tableName: t.name, sheetName: t.sheet, address: a1(t.sheet, t.row, t.col, t.rows + 1, t.cols), rowCount: t.rows, columnCount: t.cols };
}

class PreviewSettings implements WorkbookSettings {
  constructor(private readonly wb: PreviewWorkbook) {}
  async get(key: string): Promise<string | undefined> { return this.wb.model.settings[key]; }
  async set(key: string, value: string): Promise<void> { this.wb.model.settings[key] = value; this.wb.changed(); }
  async remove(key: string): Promise<void> { delete this.wb.model.settings[key]; this.wb.changed(); }
  async keys(): Promise<string[]> { return Object.keys(this.wb.model.settings); }
}

export class PreviewWriter implements TableWriter {
  readonly kind = 'preview' as const;
  readonly settings: WorkbookSettings;
  readonly summaries: SummaryWriter;

  constructor(private readonly wb: PreviewWorkbook, private readonly options: WriterOptions = {}) {
    this.settings = new PreviewSettings(wb);
    this.summaries = new PreviewSummaries(wb, options);
  }

  async createTable(req: NewTableRequest, opts: WriteOptions = {}): Promise<TableMeta> {
    const prepared = prepareTable(req, this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY);
    const rows = bodyRows(prepared);
    const made = this.newSheet(req, prepared.header);
    try {
      await this.writeBody(made.sheetName, HEADER_ROW + 1, prepared, rows, opts, true);
    } catch (e) {
      this.removeSheet(made.sheetName);
      throw e;
    }
    return this.finishTable(made, prepared, rows.length, req.caption, req.freezeColumns);
  }

  async replaceRows(tableName: string, content: TableContent, opts: WriteOptions = {}): Promise<TableMeta> {
    return this.replaceWindowRows(tableName, { ...content, keep: { from: 0, rows: 0 } }, opts);
  }

  async replaceWindowRows(tableName: string, content: WindowRowsContent, opts: WriteOptions = {}): Promise<TableMeta> {
    const t = this.wb.table(tableName);
    if (!t) throw new TableMissingError(tableName);
    const { from, rows: kept } = content.keep;
    if (from < 0 || kept < 0 || from + kept > t.rows) throw new RangeError(`Table ${tableName} has ${t.rows} rows; rows ${from + 1} to ${from + kept} cannot be kept.`);
    const prepared = prepareTable(content, this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY);
    const tail = kept > 0 ? prepared.rows : bodyRows(prepared);
    const ours = prepared.header.length;
    if (ours > t.cols) throw new Error(`Table ${tableName} has ${t.cols} columns; the query needs ${ours}. Insert it again as a new table.`);
    const growth = windowGrowth(t.rows, content);
    if (growth > 0) {
      const below = this.wb.occupied(t.sheet, t.row + 1 + t.rows, t.col, growth, t.cols);
      if (below.length > 0) throw new TargetOccupiedError(a1(t.sheet, t.row + 1 + t.rows, t.col, growth, t.cols));
    }
    if (opts.signal?.aborted) throw new WriteCancelledError();
    // From here on the swap runs to the end: the data is all in memory, so nothing can fail half-way.
    // The rows before the kept run go as Excel deletes table rows: cells below move up with the table.
    if (kept > 0 && from > 0) this.wb.deleteCellsUp(t.sheet, t.row + 1, t.col, from, t.cols);
    const final = kept + tail.length;
    this.wb.write(t.sheet, t.row, t.col, [prepared.header], [prepared.header.map(() => TEXT_NUMBER_FORMAT)]);
    await this.writeBody(t.sheet, t.row + 1 + kept, prepared, tail, { ...opts, signal: undefined }, false, t.col);
    const userCols = t.cols - ours;
    if (userCols > 0 && final > t.rows) {
      // Like an Excel calculated column: new rows get the user's first-row formula or value.
      const template = this.wb.sheet(t.sheet)?.rows[t.row + 1]?.slice(t.col + ours, t.col + t.cols) ?? [];
      const target = this.wb.sheet(t.sheet);
      for (let r = t.rows; r < final && target; r++) {
        const line = (target.rows[t.row + 1 + r] ??= []);
        template.forEach((cell, i) => { if (cell) line[t.col + ours + i] = { ...cell }; });
      }
    }
    if (final < t.rows) this.wb.clear(t.sheet, t.row + 1 + final, t.col, t.rows - final, t.cols);
    t.rows = final;
    const cap = this.wb.model.names[captionName(t.name)];
    if (cap) this.wb.write(cap.sheet, cap.row, cap.col, [[content.caption]], [[TEXT_NUMBER_FORMAT]]);
    recomputeCosts(this.wb);
    this.wb.changed();
    return meta(t);
  }

  async insertRowsBelow(tableName: string, rows: number): Promise<void> {
    const t = this.wb.table(tableName);
    if (!t) throw new TableMissingError(tableName);
    this.wb.insertRows(t.sheet, t.row + 1 + t.rows, rows);
    this.wb.changed();
  }

  async findTable(tableName: string): Promise<TableMeta | undefined> {
    const t = this.wb.table(tableName);
    return t ? meta(t) : undefined;
  }

  async selectedTableName(): Promise<string | undefined> {
    const a = this.wb.model.active;
    if (!a) return undefined;
    return this.wb.model.tables.find((t) => t.sheet === a.sheet && a.row >= t.row && a.row <= t.row + t.rows && a.col >= t.col && a.col < t.col + t.cols)?.name;
  }

  private newSheet(req: Pick<NewTableRequest, 'sheetName' | 'tablePrefix'>, header: string[]): { sheetName: string; tableName: string } {
    const sheetName = uniqueName(cleanSheetName(req.sheetName), new Set(this.wb.model.sheets.map((s) => s.name)), 31);
    const tableName = uniqueTableName(req.tablePrefix, new Set(this.wb.model.tables.map((t) => t.name)));
    this.wb.addSheet(sheetName);
    this.wb.write(sheetName, HEADER_ROW, 0, [header], [header.map(() => TEXT_NUMBER_FORMAT)]);
    return { sheetName, tableName };
  }

  private removeSheet(sheetName: string): void {
    this.wb.deleteSheet(sheetName);
    this.wb.changed();
  }

  /** Once the rows are in: the caption, the table over them, frozen header, widths. */
  private finishTable({ sheetName, tableName }: { sheetName: string; tableName: string }, prepared: Pick<PreparedTable, 'header' | 'widths'>, rows: number, caption: string, freezeColumns = 0): TableMeta {
    this.wb.write(sheetName, CAPTION_ROW, 0, [[caption]], [[TEXT_NUMBER_FORMAT]]);
    const table: PreviewTable = { id: `{${tableName}}`, name: tableName, sheet: sheetName, row: HEADER_ROW, col: 0, rows, cols: prepared.header.length, style: TABLE_STYLE };
    this.wb.model.tables.push(table);
    this.wb.model.names[captionName(tableName)] = { sheet: sheetName, row: CAPTION_ROW, col: 0 };
    const sheet = this.wb.sheet(sheetName);
    if (sheet) {
      sheet.frozenRows = HEADER_ROW + 1;
      if (freezeColumns > 0) sheet.frozenColumns = freezeColumns;
      sheet.widths = prepared.widths;
    }
    this.wb.model.active = { sheet: sheetName, row: HEADER_ROW + 1, col: 0 };
    recomputeCosts(this.wb);
    this.wb.changed();
    return meta(table);
  }

  private async writeBody(sheet: string, row: number, prepared: PreparedTable, rows: readonly (readonly CellValue[])[], opts: WriteOptions, cancellable: boolean, col = 0): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_STEP) {
      if (cancellable && opts.signal?.aborted) throw new WriteCancelledError();
      const block = rows.slice(i, i + ROWS_PER_STEP);
      this.wb.write(sheet, row + i, col, block, formatBlock(prepared, i, block.length));
      opts.onProgress?.({ rowsWritten: i + block.length, rowsTotal: rows.length });
      await yieldToEventLoop();
    }
  }

  async createTableFromBlocks(req: BlocksTableRequest, blocks: AsyncIterable<readonly SourceRecord[]>, opts: WriteOptions = {}): Promise<TableMeta> {
    const strategy = this.options.textStrategy ?? DEFAULT_TEXT_STRATEGY;
    const empty = prepareTable({ columns: req.columns, records: [], caption: '' }, strategy);
    const made = this.newSheet(req, empty.header);
    let written = 0;
    try {
      for await (const piece of renderedPieces(req.columns, blocks, strategy, this.options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES)) {
        const before = written;
        await this.writeBody(made.sheetName, HEADER_ROW + 1 + before, piece, piece.rows, {
          signal: opts.signal,
          onProgress: (p) => opts.onProgress?.({ rowsWritten: before + p.rowsWritten, rowsTotal: before + p.rowsTotal }),
        }, true);
        written += piece.rows.length;
      }
      if (opts.signal?.aborted) throw new WriteCancelledError();
      if (written === 0) await this.writeBody(made.sheetName, HEADER_ROW + 1, empty, bodyRows(empty), opts, true);
    } catch (e) {
      this.removeSheet(made.sheetName);
      throw e;
    }
    return this.finishTable(made, empty, written > 0 ? written : 1, req.caption(written));
  }

  async readTable(tableName: string): Promise<TableValues | undefined> {
    const t = this.wb.table(tableName);
    if (!t) return undefined;
    const [header = [], ...rows] = this.wb.values(t.sheet, t.row, t.col, t.rows + 1, t.cols);
    return { header: header.map(String), rows };
  }

  async setCostColumn(tableName: string, cost: CostColumnRequest): Promise<void> {
    const t = this.wb.table(tableName);
    if (!t) throw new TableMissingError(tableName);
    const columns = [{ header: cost.header, formula: cost.formula, numberFormat: cost.numberFormat }];
    if (cost.currency) columns.push({ ...cost.currency, numberFormat: 'General' });
    for (const column of columns) {
      let at = (this.wb.values(t.sheet, t.row, t.col, 1, t.cols)[0] ?? []).map(String).indexOf(column.header);
      if (at < 0) {
        if (this.wb.occupied(t.sheet, t.row, t.col + t.cols, t.rows + 1, 1).length > 0) throw new TargetOccupiedError(a1(t.sheet, t.row, t.col + t.cols, t.rows + 1, 1));
        at = t.cols;
        this.wb.write(t.sheet, t.row, t.col + at, [[column.header]], [[TEXT_NUMBER_FORMAT]]);
        t.cols += 1;
      }
      const rows = Array.from({ length: t.rows }, () => [column.formula]);
      this.wb.write(t.sheet, t.row + 1, t.col + at, rows, rows.map(() => [column.numberFormat]));
    }
    (this.wb.model.costColumns ??= {})[t.name] = { header: cost.header, binding: storedBinding(cost.binding), ...(cost.currency ? { currencyHeader: cost.currency.header } : {}) };
    recomputeCosts(this.wb);
    this.wb.changed();
  }
}
