// Typed rows of a csv_v2_0 output: `usage.*` columns are numbers (bytes, quantities, seconds as
// the API gives them), other columns text; empty cells (often `infra.*`) are left out. Numbers
// are read in place from the record (csv-parse.ts): only text cells become strings.
import { UnreadableValue } from '../core/api-context.js';
import { forEachField, type CsvRecord } from '../core/csv-parse.js';
import { readNumberAt } from '../core/numbers.js';
import type { AcronisUsageRow } from './types.js';

export function rowReader(header: string[]): (record: CsvRecord) => AcronisUsageRow {
  const names = header.map((name) => name.trim());
  const numeric = names.map((name) => name.startsWith('usage.'));
  const setField = (row: AcronisUsageRow, i: number, text: string, start: number, end: number): void => {
    const name = names[i] as string;
    if (numeric[i]) {
      const value = readNumberAt(text, start, end);
      if (!Number.isFinite(value)) throw new UnreadableValue(`${name} is not a number: ${JSON.stringify(text.slice(start, Math.min(end, start + 40)))}`);
      row[name] = value;
    } else {
      row[name] = text.slice(start, end);
    }
  };
  return (record) => {
    const row: AcronisUsageRow = {};
    forEachField(record, names.length, row, setField);
    return row;
  };
}
