// What both writers send for a table's content: the table model's rendering (header, formats,
// values, unit-following format runs, widths) plus the few rules of Excel tables themselves.

import { renderTable, type CellValue, type RenderedTable, type TextStrategy } from '@meterbook/table-model';
import type { TableContent } from './table-writer.js';

export type PreparedTable = RenderedTable;

export function prepareTable(content: TableContent, strategy?: TextStrategy): PreparedTable {
  return renderTable(content.columns, content.records, strategy);
}

/** Excel tables hold at least one data row: an empty result is one blank row. */
export function bodyRows(prepared: PreparedTable): CellValue[][] {
  return prepared.rows.length > 0 ? prepared.rows : [prepared.header.map(() => '')];
}

/** The 2-D format block of rows `start .. start+rows-1`, with the unit-following runs applied. */
export function formatBlock(prepared: Pick<PreparedTable, 'formats' | 'runs'>, start: number, rows: number): string[][] {
  const block = Array.from({ length: rows }, () => prepared.formats);
  for (const run of prepared.runs) {
    const from = Math.max(run.start, start);
    const to = Math.min(run.start + run.rows, start + rows);
    for (let r = from; r < to; r++) {
      const line = [...(block[r - start] as string[])];
      line[run.col] = run.format;
      block[r - start] = line;
    }
  }
  return block;
}

/** Excel's sheet limit; the pane offers the report route long before this. */
export const MAX_SHEET_ROWS = 1_048_576;

/** Column width in points for a width hint in characters (Excel's default font: about 7 pt each, plus padding). */
export const widthPoints = (chars: number): number => Math.round(chars * 7 + 10);
