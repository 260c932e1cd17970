// Typed rows of a report's CSV output: keyed by field name, numbers as numbers, dates as UTC
// Dates. Loaded with the CSV reader on a report's first download (see reports.ts).
import { UnreadableValue } from '../core/api-context.js';
import { readNumber } from '../core/numbers.js';
import { toDate } from './records.js';
import type { UsageCsvRow } from './types.js';

/** `Usage Amount (usageValue)` -> `usageValue`; a plain `usageValue` header stays as it is. */
function fieldOfHeader(header: string): string {
  const match = /\(([^()]+)\)\s*$/.exec(header);
  return (match?.[1] ?? header).trim();
}

const numericFields = new Set(['usageValue', 'billableValue']);
const dateFields = new Set(['usageDateTime']);

/** Builds a converter from CSV cells to a typed row for the given header. */
export function csvRowReader(header: string[]): (cells: string[]) => UsageCsvRow {
  const fields = header.map(fieldOfHeader);
  // Each column's kind is looked up once per download, not once per cell.
  const kinds = fields.map((field) => (numericFields.has(field) ? 'number' : dateFields.has(field) ? 'date' : 'text'));
  return (cells) => {
    const row: UsageCsvRow = {};
    for (let i = 0; i < fields.length; i++) {
      const cell = cells[i];
      if (cell === undefined || cell === '') continue;
      const field = fields[i] as string;
      const kind = kinds[i];
      if (kind === 'number') {
        const value = readNumber(cell);
        if (!Number.isFinite(value)) throw new UnreadableValue(`${field} is not a number: ${JSON.stringify(cell.slice(0, 40))}`);
        row[field] = value;
      } else if (kind === 'date') {
        row[field] = toDate(cell, field);
      } else {
        row[field] = cell;
      }
    }
    return row;
  };
}
