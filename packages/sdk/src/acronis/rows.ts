// Typed rows of a csv_v2_0 output: `usage.*` columns are numbers (bytes, quantities, seconds as
// the API gives them), other columns text; empty cells (often `infra.*`) are left out.
import { UnreadableValue } from '../core/api-context.js';
import { readNumber } from '../core/numbers.js';
import type { AcronisUsageRow } from './types.js';

export function rowReader(header: string[]): (cells: string[]) => AcronisUsageRow {
  const names = header.map((name) => name.trim());
  const numeric = names.map((name) => name.startsWith('usage.'));
  return (cells) => {
    const row: AcronisUsageRow = {};
    for (let i = 0; i < names.length; i++) {
      const cell = cells[i] ?? '';
      if (cell === '') continue;
      const name = names[i] as string;
      if (numeric[i]) {
        const value = readNumber(cell);
        if (!Number.isFinite(value)) throw new UnreadableValue(`${name} is not a number: ${JSON.stringify(cell.slice(0, 40))}`);
        row[name] = value;
      } else {
        row[name] = cell;
      }
    }
    return row;
  };
}
