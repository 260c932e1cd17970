// Record blocks as they arrive (the pages of a pull), rendered by the table model and regrouped
// into pieces of at most `maxBytes` of values: a piece is one sync of the Office writer, so the
// network's block size never decides how many syncs a write takes.

import { renderTable, type ColumnDef, type FormatRun, type SourceRecord, type TextStrategy } from '@meterbook/table-model';
import { rowBytes } from './chunking.js';
import type { PreparedTable } from './prepare.js';

/** The body in order, as pieces whose rows and runs count from the piece's first row. */
export async function* renderedPieces(columns: readonly ColumnDef[], blocks: AsyncIterable<readonly SourceRecord[]>, strategy: TextStrategy, maxBytes: number): AsyncGenerator<PreparedTable> {
  let piece: PreparedTable | undefined;
  let bytes = 0;
  for await (const block of blocks) {
    if (block.length === 0) continue;
    const part = renderTable(columns, block, strategy);
    let from = 0;
    for (let i = 0; i < part.rows.length; i++) {
      const b = rowBytes(part.rows[i] as unknown[]);
      if ((piece?.rows.length ?? 0) + (i - from) > 0 && bytes + b > maxBytes) {
        yield appendRows(piece, part, from, i);
        piece = undefined;
        bytes = 0;
        from = i;
      }
      bytes += b;
    }
    piece = appendRows(piece, part, from, part.rows.length);
  }
  if (piece && piece.rows.length > 0) yield piece;
}

/**
 * Rows `from .. to-1` of `part` added to `piece` (or a new piece). A unit-following column's
 * format comes from each block's first row, so where a block's differs from the piece's, its rows
 * become runs of the piece: every cell keeps the format it had in its own block.
 */
function appendRows(piece: PreparedTable | undefined, part: PreparedTable, from: number, to: number): PreparedTable {
  const into = piece ?? { header: part.header, formats: [...part.formats], rows: [], runs: [], widths: part.widths };
  const offset = into.rows.length;
  for (let i = from; i < to; i++) into.rows.push(part.rows[i] as PreparedTable['rows'][number]);
  part.formats.forEach((format, col) => {
    const runs = part.runs.filter((r) => r.col === col);
    if (runs.length === 0 && format === into.formats[col]) return;
    const cells = Array<string>(to - from).fill(format);
    for (const r of runs) for (let i = Math.max(r.start, from); i < Math.min(r.start + r.rows, to); i++) cells[i - from] = r.format;
    let open: FormatRun | undefined;
    cells.forEach((f, i) => {
      if (open && open.format === f && open.start + open.rows === offset + i) { open.rows++; return; }
      open = undefined;
      if (f !== into.formats[col]) { open = { col, start: offset + i, rows: 1, format: f }; into.runs.push(open); }
    });
  });
  return into;
}
