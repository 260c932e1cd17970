// Typed rows of a report's CSV output: keyed by field name, numbers as numbers, dates as UTC
// Dates. Loaded with the CSV reader on a report's first download (see reports.ts). Amounts and
// dates are read in place from the record (csv-parse.ts): only text cells become strings.
import { UnreadableValue } from '../core/api-context.js';
import { forEachField, type CsvRecord } from '../core/csv-parse.js';
import { readApiDateTimeAt } from '../core/dates.js';
import { readNumberAt } from '../core/numbers.js';
import type { UsageCsvRow } from './types.js';

/** `Usage Amount (usageValue)` -> `usageValue`; a plain `usageValue` header stays as it is. */
function fieldOfHeader(header: string): string {
  const match = /\(([^()]+)\)\s*$/.exec(header);
  return (match?.[1] ?? header).trim();
}

const TEXT = 0;
const NUMBER = 1;
const DATE = 2;
const numericFields = new Set(['usageValue', 'billableValue']);
const dateFields = new Set(['usageDateTime']);

/** The start of a cell that could not be read, for the error message. */
function shown(text: string, start: number, end: number): string {
  return JSON.stringify(text.slice(start, Math.min(end, start + 40)));
}

// Rows are made by a constructor rather than as `{}`: V8 gives such objects room for ten fields
// in the object itself (a literal gets four, and the rest of a report's fifteen grow a separate
// store three at a time), a few percent of a download's time. The prototype is Object.prototype,
// so a row is a plain object like any other.
const PlainRow = function PlainRow(): void {} as unknown as new () => UsageCsvRow;
PlainRow.prototype = Object.prototype;

/** Builds a converter from a record's cells to a typed row for the given header; empty cells are left out. */
export function csvRowReader(header: string[]): (record: CsvRecord) => UsageCsvRow {
  const fields = header.map(fieldOfHeader);
  // Each column's kind is looked up once per download, not once per cell.
  const kinds = fields.map((field) => (numericFields.has(field) ? NUMBER : dateFields.has(field) ? DATE : TEXT));
  const setField = (row: UsageCsvRow, i: number, text: string, start: number, end: number): void => {
    const field = fields[i] as string;
    const kind = kinds[i];
    if (kind === NUMBER) {
      const value = readNumberAt(text, start, end);
      if (!Number.isFinite(value)) throw new UnreadableValue(`${field} is not a number: ${shown(text, start, end)}`);
      row[field] = value;
    } else if (kind === DATE) {
      const date = readApiDateTimeAt(text, start, end);
      if (date === undefined) throw new UnreadableValue(`${field} is not a date: ${shown(text, start, end)}`);
      row[field] = date;
    } else {
      row[field] = text.slice(start, end);
    }
  };
  return (record) => {
    const row = new PlainRow();
    forEachField(record, fields.length, row, setField);
    return row;
  };
}
