// The preview cannot run Excel formulas, so its Cost (and Cost currency) cells hold the formula's
// text and the value the same rule gives in code (rowCost). Recomputed after every write the preview writer
// makes, a rate changed in the rates table included: the cost follows the rate, as in Excel.

import { RATE_CARD_COLUMNS, RATES_TABLE_NAME, rateMatcher, readRateCard, rowCost, type CostBinding, type RateCardRow } from '@meterbook/table-model';
import type { PreviewCostColumn, PreviewWorkbook } from './preview-workbook.js';

/** A binding as the preview model keeps it (JSON): a fixed date as ISO text. */
export function storedBinding(binding: CostBinding): Record<string, unknown> {
  return typeof binding.date === 'string' ? { ...binding } : { ...binding, date: { value: binding.date.value.toISOString() } };
}

export function bindingOf(column: PreviewCostColumn): CostBinding {
  const b = column.binding as unknown as CostBinding & { date: string | { value: string | Date } };
  return typeof b.date === 'string' ? b : { ...b, date: { value: new Date(b.date.value) } };
}

/** The rows of a rates table in the preview, as the rate card reads them. */
export function previewRateRows(wb: PreviewWorkbook, tableName: string): RateCardRow[] {
  return wb.tableRecords(tableName).map((record) =>
    Object.fromEntries(RATE_CARD_COLUMNS.map((c) => [c.key, record[c.header] ?? null])) as RateCardRow);
}

/** Gives every Cost cell of the preview the value its formula would show in Excel ('' when no rate). */
export function recomputeCosts(wb: PreviewWorkbook): void {
  for (const [tableName, column] of Object.entries(wb.model.costColumns ?? {})) {
    const t = wb.table(tableName);
    if (!t) continue;
    const binding = bindingOf(column);
    const { rates } = readRateCard(previewRateRows(wb, binding.ratesTable ?? RATES_TABLE_NAME));
    const match = rateMatcher(rates);
    const header = wb.values(t.sheet, t.row, t.col, 1, t.cols)[0] ?? [];
    const at = header.indexOf(column.header);
    if (at < 0) continue;
    const currencyAt = column.currencyHeader === undefined ? -1 : header.indexOf(column.currencyHeader);
    wb.tableRecords(tableName).forEach((row, r) => {
      const priced = rowCost(row, match, binding);
      // Each cell of ours that still holds its formula gets the value Excel would show.
      const calculated = (c: number, value: string | number) => {
        const cell = c < 0 ? undefined : wb.cell(t.sheet, t.row + 1 + r, t.col + c);
        if (cell?.formula === undefined) return;
        cell.value = value;
        cell.calculated = true;
      };
      calculated(at, priced?.cost ?? '');
      calculated(currencyAt, priced?.rate.currency ?? '');
    });
  }
}
