// Turns API records into the 2-D arrays Excel takes, column kind by column kind.

import { toCellText, type TextStrategy } from './cell-text.js';
import type { ColumnSpec } from './columns.js';
import { toExcelSerial } from './excel-date.js';

export type CellValue = string | number | boolean;
export type SourceRecord = Readonly<Record<string, unknown>>;

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

function toDate(v: unknown): CellValue {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : toExcelSerial(v);
  if (typeof v === 'string' && v !== '') {
    const plain = v.replace(/'/g, '');
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : /^\d{4}-\d{2}-\d{2}$/.test(plain) ? `${plain}T00:00:00Z` : `${plain}Z`);
    return Number.isNaN(d.getTime()) ? strayText(v) : toExcelSerial(d);
  }
  return '';
}

function toText(v: unknown, strategy: TextStrategy): CellValue {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return toCellText(v, strategy);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return toCellText(v.join(', '), strategy);
  return toCellText(String(v), strategy);
}

export function toCell(col: ColumnSpec, v: unknown, strategy: TextStrategy): CellValue {
  if (col.kind === 'number') return toNumber(v);
  if (col.kind === 'date') return toDate(v);
  return toText(v, strategy);
}

export function toRow(columns: readonly ColumnSpec[], rec: SourceRecord, strategy: TextStrategy): CellValue[] {
  return columns.map((c) => toCell(c, rec[c.key], strategy));
}
