// The one interface through which the pane writes to a workbook. Two implementations: Office.js
// (office-writer.ts) and the in-page preview (preview-writer.ts) used outside Office.

import type { ColumnDef, CostBinding, SourceRecord, SummaryPlan, TextStrategy } from '@meterbook/table-model';

export interface TableMeta {
  tableName: string;
  sheetName: string;
  /** Address of the whole table, header included (`'Usage May'!A3:P2503`). */
  address: string;
  /** Data rows now in the table. */
  rowCount: number;
  /** Columns in the table, ours plus any the user added to the right. */
  columnCount: number;
}

export interface TableContent {
  /** One line stating what the table holds; written above the table and named `<table>_Info`. */
  caption: string;
  columns: readonly ColumnDef[];
  records: readonly SourceRecord[];
}

export interface NewTableRequest extends TableContent {
  /** Wanted sheet name; made unique and valid by the writer. */
  sheetName: string;
  /** Prefix of the table name (`MB_Usage`); a number is added to make it unique. */
  tablePrefix: string;
  /** Columns kept in view while scrolling sideways (the FOCUS view's period and service); none by default. */
  freezeColumns?: number;
}

/** A new table whose records arrive in blocks, e.g. a pull page by page (createTableFromBlocks). */
export interface BlocksTableRequest extends Omit<NewTableRequest, 'records' | 'caption'> {
  /** The caption for the rows written, asked for once the last block is in. */
  caption: (rows: number) => string;
}

/**
 * What `replaceWindowRows` writes: a run of the table's data rows kept as they are, followed by
 * new records. Rows before the run are deleted (the run moves up to the top), rows after it are
 * replaced by the records. Nothing kept (`rows: 0`) is a plain replaceRows.
 */
export interface WindowRowsContent extends TableContent {
  keep: { from: number; rows: number };
}

/** Rows a window replacement needs below the table's last row (0 when it does not grow). */
export function windowGrowth(currentRows: number, content: Pick<WindowRowsContent, 'keep' | 'records'>): number {
  const cut = content.keep.rows > 0 ? content.keep.from : 0;
  const final = content.keep.rows + (content.keep.rows > 0 ? content.records.length : Math.max(content.records.length, 1));
  return Math.max(0, final - (currentRows - cut));
}

export interface WriteProgress {
  rowsWritten: number;
  /** Rows to write; when they arrive in blocks, the rows received so far. */
  rowsTotal: number;
}

export interface WriteOptions {
  /** Checked between blocks. A new sheet is removed when cancelled; see replaceRows for refresh. */
  signal?: AbortSignal;
  onProgress?: (p: WriteProgress) => void;
}

/** Small persistent key/value store inside the workbook (never for secrets: it is saved in the file). */
export interface WorkbookSettings {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export interface TableWriter {
  readonly kind: 'office' | 'preview';
  readonly settings: WorkbookSettings;
  /** Writes a new table on a new sheet; nothing is left behind if it fails or is cancelled. */
  createTable(req: NewTableRequest, opts?: WriteOptions): Promise<TableMeta>;
  /**
   * Replaces the data rows of one of our tables in place: our columns are rewritten, columns the
   * user added to the right keep their formulas, cells outside the table are never touched. Growth
   * into non-empty cells is refused with TargetOccupiedError before anything is written.
   */
  replaceRows(tableName: string, content: TableContent, opts?: WriteOptions): Promise<TableMeta>;
  /**
   * A history refresh's write: keeps a run of rows untouched (closed windows), deletes the rows
   * before it (windows a rolling range left) and replaces the rows after it with `records` (open
   * and new windows). User columns and cells outside the table follow replaceRows' rules; growth
   * into non-empty cells is refused with TargetOccupiedError before anything is written.
   */
  replaceWindowRows(tableName: string, content: WindowRowsContent, opts?: WriteOptions): Promise<TableMeta>;
  findTable(tableName: string): Promise<TableMeta | undefined>;
  /**
   * Inserts `rows` empty sheet rows right below the table, so that whatever the user put there
   * (a total, notes) moves down instead of being covered: refresh asks first, then grows.
   */
  insertRowsBelow(tableName: string, rows: number): Promise<void>;
  /** The table holding the active cell, if any. */
  selectedTableName(): Promise<string | undefined>;
  /** Summary sheets of our tables (summary-writer.ts). */
  readonly summaries: SummaryWriter;
  /**
   * Like createTable, but writes each block as it arrives instead of holding every record first;
   * a failing or cancelled `blocks` removes the new sheet, leaving the workbook as it was.
   */
  createTableFromBlocks(req: BlocksTableRequest, blocks: AsyncIterable<readonly SourceRecord[]>, opts?: WriteOptions): Promise<TableMeta>;
  /** The header and data rows of a table as Excel gives its values (dates as serial numbers); undefined when it is gone. */
  readTable(tableName: string): Promise<TableValues | undefined>;
  /**
   * Adds our Cost column (and its cost currency column) at the right of a table, or rewrites them
   * where they are: in Excel calculated columns of our formulas (the only formulas we write into a
   * data table); in the preview the same rule computed in code, again whenever the rates table changes.
   */
  setCostColumn(tableName: string, cost: CostColumnRequest): Promise<void>;
}

/** A table's cells as read back. */
export interface TableValues {
  header: string[];
  rows: (string | number | boolean)[][];
}

/** What a writer needs to write a Cost column. */
export interface CostColumnRequest {
  header: string;
  /** costFormula(binding): the same rule as `binding` in code. */
  formula: string;
  numberFormat: string;
  binding: CostBinding;
  /** The cost currency column written right of the cost (costCurrencyFormula): summaries sum cost per currency by it. */
  currency?: { header: string; formula: string };
}

export interface SummaryMeta {
  sheetName: string;
  /** Months laid out in the month-over-month block. */
  months: number;
  /** Categories charted (one series each). */
  categories: string[];
  /** Currencies of the Sum of Cost (one sum each), when the table has our Cost column. */
  costCurrencies?: string[];
}

/** Creates and updates the summary sheet of one of our tables, as its plan in the table model says. */
export interface SummaryWriter {
  /** Creates the summary sheet, or updates it in place when it exists. `months`: Excel serials of the months to lay out. */
  write(plan: SummaryPlan, months: readonly number[]): Promise<SummaryMeta>;
  /** True when the table has a summary (Refresh then updates it too). */
  exists(plan: SummaryPlan): Promise<boolean>;
  /** Says on the summary sheet, when there is one, that its source table is gone; gives that sheet's name. */
  markOrphaned(plan: SummaryPlan): Promise<string | undefined>;
}

export interface WriterOptions {
  textStrategy?: TextStrategy;
  /** `Office.context.requirements.isSetSupported`, given by the pane (tests give their own). */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Payload per sync, in bytes of JSON (Office writer); also the preview's step when rows arrive in blocks. */
  maxChunkBytes?: number;
}

export class TargetOccupiedError extends Error {
  constructor(readonly address: string) {
    super(`Nothing was written: ${address} is not empty and is not a Meterbook table. Clear or move those cells, then try again.`);
    this.name = 'TargetOccupiedError';
  }
}

export class WriteCancelledError extends Error {
  constructor(message = 'Cancelled: the workbook was left as it was.') {
    super(message);
    this.name = 'WriteCancelledError';
  }
}

/** A summary's requirement set is missing on this host: said in words. */
export class HostTooOldError extends Error {
  constructor(what: string, set: string) {
    super(`This version of Excel cannot create ${what} from an add-in (it needs ${set}). Use Excel on the web, or Microsoft 365 Excel for Windows or Mac; the table itself works as before.`);
    this.name = 'HostTooOldError';
  }
}

export class SourceTableMissingError extends Error {
  constructor(readonly tableName: string, summarySheet?: string) {
    super(`Table ${tableName} is no longer in this workbook${summarySheet ? `, so its summary on sheet “${summarySheet}” no longer updates (it now says so)` : ''}. Insert the data again and summarize the new table${summarySheet ? ', or delete that sheet' : ''}.`);
    this.name = 'SourceTableMissingError';
  }
}

export class TableMissingError extends Error {
  constructor(readonly tableName: string) {
    super(`Table ${tableName} is no longer in this workbook.`);
    this.name = 'TableMissingError';
  }
}

/** Sheet names: at most 31 characters, none of []:*?/\ and not starting or ending with '. */
export function cleanSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim().slice(0, 31);
  return cleaned === '' ? 'Usage' : cleaned;
}

export function uniqueName(base: string, taken: ReadonlySet<string>, maxLength = 255): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = base.slice(0, maxLength - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

export function uniqueTableName(prefix: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  for (let i = 1; ; i++) {
    const candidate = `${prefix}_${i}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

export const captionName = (tableName: string): string => `${tableName}_Info`;

/** Layout of a new sheet: caption in row 1, a blank row, header in row 3. */
export const CAPTION_ROW = 0;
export const HEADER_ROW = 2;
export const TABLE_STYLE = 'TableStyleMedium2';
