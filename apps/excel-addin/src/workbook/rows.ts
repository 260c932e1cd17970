// Turns API records into the 2-D arrays Excel takes, column kind by column kind.

import { toCellText, type TextStrategy } from './cell-text.js';
import type { ColumnSpec } from './columns.js';
import { toExcelSerial } from './excel-date.js';

export type CellValue = string | number | boolean;
export type SourceRecord = Readonly<Record<string, unknown>>;

function toNumber(v: unknown): CellValue {
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : toCellText(v);
  }
  return '';
}

function toDate(v: unknown): CellValue {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : toExcelSerial(v);
  if (typeof v === 'string' && v !== '') {
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(/'/g, '')}Z`);
    return Number.isNaN(d.getTime()) ? toCellText(v) : toExcelSerial(d);
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
