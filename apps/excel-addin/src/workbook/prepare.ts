// Turns a table's content into the header, per-column number formats and 2-D values both writers
// send. Kept apart from the writers so the rule is the same in Excel and in the preview.

import { DEFAULT_TEXT_STRATEGY, textColumnFormat, toCellText, type TextStrategy } from './cell-text.js';
import { numberFormatFor } from './columns.js';
import { toRow, type CellValue } from './rows.js';
import type { TableContent } from './table-writer.js';

export interface PreparedTable {
  header: string[];
  formats: string[];
  rows: CellValue[][];
}

export function prepareTable(content: TableContent, strategy: TextStrategy = DEFAULT_TEXT_STRATEGY): PreparedTable {
  const textFormat = textColumnFormat(strategy);
  // Excel renames duplicate table headers on its own ("Resource ID2"); name them clearly instead.
  const seen = new Set<string>();
  const header = content.columns.map((c) => {
    const h = seen.has(c.header.toLowerCase()) ? `${c.header} (${c.key})` : c.header;
    seen.add(h.toLowerCase());
    return toCellText(h, strategy);
  });
  const formats = content.columns.map((c) => numberFormatFor(c.kind, textFormat, c.format));
  const rows = content.records.map((r) => toRow(content.columns, r, strategy));
  return { header, formats, rows };
}

/** Excel tables hold at least one data row: an empty result is one blank row. */
export function bodyRows(prepared: PreparedTable): CellValue[][] {
  return prepared.rows.length > 0 ? prepared.rows : [prepared.header.map(() => '')];
}

/** The 2-D format block matching `rows` rows (same array reused: cheap in memory). */
export function formatBlock(formats: string[], rows: number): string[][] {
  return Array.from({ length: rows }, () => formats);
}

/** Excel's sheet limit; the pane offers the report route long before this. */
export const MAX_SHEET_ROWS = 1_048_576;
