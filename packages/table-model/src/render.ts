// Turns columns and records into what every writer sends: header, per-column number formats, the
// 2-D values, and the runs of rows whose number format follows their unit. One rule, whatever the
// writer (Office.js, the preview, a later .xlsx file).

import { DEFAULT_TEXT_STRATEGY, textColumnFormat, toCellText, type TextStrategy } from './cell-text.js';
import { sourceValue, type ColumnDef, type SourceRecord } from './columns.js';
import { monthStart, parseUtcDate, toExcelSerial } from './excel-date.js';
import { quantityFormat } from './formats.js';

/** What a cell takes: text, a number (dates as serials) or a boolean. */
export type CellValue = string | number | boolean;

// A number or date column is not formatted as text, so the text format cannot protect a stray
// string there: it gets Excel's quote prefix instead, whatever the table's text strategy.
const strayText = (v: string): CellValue => toCellText(v, 'apostrophe');

function toNumber(v: unknown): CellValue {
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : strayText(v);
  }
  return '';
}

function toDate(v: unknown, month: boolean): CellValue {
  if (v === undefined || v === null || v === '') return '';
  const d = parseUtcDate(v);
  if (!d) return typeof v === 'string' ? strayText(v) : '';
  return toExcelSerial(month ? monthStart(d) : d);
}

function toText(v: unknown, strategy: TextStrategy): CellValue {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return toCellText(v, strategy);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return toCellText(v.join(', '), strategy);
  return toCellText(String(v), strategy);
}

/** The cell value of one column for one record. */
export function toCell(column: ColumnDef, record: SourceRecord, strategy: TextStrategy = DEFAULT_TEXT_STRATEGY): CellValue {
  switch (column.kind) {
    case 'number': return toNumber(sourceValue(column, record));
    case 'date': return toDate(sourceValue(column, record), false);
    case 'month': return toDate(sourceValue(column, record), true);
    case 'formula': return column.formula ?? '';
    default: return toText(sourceValue(column, record), strategy);
  }
}

/** One record as a row of cells. */
export function toRow(columns: readonly ColumnDef[], record: SourceRecord, strategy: TextStrategy = DEFAULT_TEXT_STRATEGY): CellValue[] {
  return columns.map((c) => toCell(c, record, strategy));
}

/** The number format of a column under a text strategy (text columns: `@` or General). */
export function columnFormat(column: ColumnDef, strategy: TextStrategy = DEFAULT_TEXT_STRATEGY): string {
  return column.kind === 'text' ? textColumnFormat(strategy) : column.format;
}

/** Rows `start .. start+rows-1` of column `col` take `format` instead of the column's. */
export interface FormatRun {
  col: number;
  start: number;
  rows: number;
  format: string;
}

/** A table as every writer writes it. */
export interface RenderedTable {
  /** Header texts (never formulas: see the cell-text rule). */
  header: string[];
  /** One number format per column, applied to the whole column first. */
  formats: string[];
  rows: CellValue[][];
  /** Cells whose format follows their unit, where it differs from the column's. */
  runs: FormatRun[];
  /** Width hints, in characters. */
  widths: number[];
}

/** Each unit-following column takes its first row's format; runs cover the rows that differ. */
function unitRuns(columns: readonly ColumnDef[], records: readonly SourceRecord[], formats: string[]): FormatRun[] {
  const runs: FormatRun[] = [];
  columns.forEach((c, col) => {
    if (!c.unitField || records.length === 0) return;
    formats[col] = quantityFormat(records[0]?.[c.unitField]);
    let open: FormatRun | undefined;
    records.forEach((r, i) => {
      const f = quantityFormat(r[c.unitField as string]);
      if (open && open.format === f && open.start + open.rows === i) { open.rows++; return; }
      open = undefined;
      if (f !== formats[col]) { open = { col, start: i, rows: 1, format: f }; runs.push(open); }
    });
  });
  return runs;
}

/** Everything a writer needs to write the table. */
export function renderTable(columns: readonly ColumnDef[], records: readonly SourceRecord[], strategy: TextStrategy = DEFAULT_TEXT_STRATEGY): RenderedTable {
  // Excel renames duplicate table headers on its own ("Resource2"); name them clearly instead.
  const seen = new Set<string>();
  const header = columns.map((c) => {
    const h = seen.has(c.header.toLowerCase()) ? `${c.header} (${c.key})` : c.header;
    seen.add(h.toLowerCase());
    return toCellText(h, strategy);
  });
  const formats = columns.map((c) => columnFormat(c, strategy));
  const rows = records.map((r) => toRow(columns, r, strategy));
  const runs = unitRuns(columns, records, formats);
  return { header, formats, rows, runs, widths: columns.map((c) => c.width) };
}
