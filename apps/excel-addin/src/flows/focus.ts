// "FOCUS view": one table on its own sheet uniting every Meterbook table of the workbook, HERE and
// Acronis together, mapped to FOCUS 1.2 column ids by the table model (focusView) with the
// workbook's rates. Rebuilt on demand; its caption says "as of" when. FOCUS-aligned, not conformant.

import { FOCUS_VIEW_COLUMNS, FOCUS_VIEW_FROZEN_COLUMNS, FOCUS_VIEW_SHEET, costColumnFormat, focusCaption, focusView, type ColumnDef, type FocusRow, type SourceRecord } from '@meterbook/table-model';
import type { TableMeta } from '../workbook/table-writer.js';
import { readRates, type RatesDeps } from './rates.js';
import { sourceOf, workbookTables } from './table-sources.js';

/** Where the pane remembers the view's table (a workbook setting). */
export const FOCUS_SETTING = 'meterbook.focusView';

/** The view's columns in the column model; money columns show the currency when the rows have one. */
export function focusColumns(rows: readonly FocusRow[]): ColumnDef[] {
  const currencies = [...new Set(rows.map((r) => r.BillingCurrency).filter((c): c is string => typeof c === 'string'))].sort();
  const money = costColumnFormat(currencies).numberFormat;
  return FOCUS_VIEW_COLUMNS.map((c) => ({
    key: c.key, header: c.header, width: c.width,
    kind: c.kind === 'text' ? 'text' : 'number',
    format: c.kind === 'money' ? money : c.numberFormat ?? '@',
  }));
}

export interface FocusOutcome extends TableMeta {
  rows: number;
  costed: number;
  /** The view's rows (for the pane's message and tests). */
  view: FocusRow[];
}

/** Builds (or rebuilds in place) the FOCUS-aligned view of the workbook. */
export async function buildFocusView(deps: RatesDeps, now: () => Date = () => new Date()): Promise<FocusOutcome> {
  const tables = await workbookTables(deps);
  if (tables.length === 0) throw new Error('No Meterbook tables to unite yet: insert HERE usage or an Acronis report first, then build the FOCUS view.');
  const sources = tables.map(({ query, values }) => sourceOf(query, values));
  const rates = (await readRates(deps.writer))?.rates ?? [];
  const view = focusView(sources, { rates });
  const costed = view.filter((r) => r.x_CostSource === 'Rate card').length;
  const providers = [...new Set(sources.map((s) => s.provider))];
  const content = { caption: focusCaption({ asOf: now(), providers, rows: view.length, costed }), columns: focusColumns(view), records: view.map((r): SourceRecord => ({ ...r })) };
  const existing = await deps.writer.settings.get(FOCUS_SETTING);
  let meta: TableMeta;
  if (existing !== undefined && (await deps.writer.findTable(existing))) {
    meta = await deps.writer.replaceRows(existing, content);
  } else {
    meta = await deps.writer.createTable({ ...content, sheetName: FOCUS_VIEW_SHEET, tablePrefix: 'MB_Focus', freezeColumns: FOCUS_VIEW_FROZEN_COLUMNS });
    await deps.writer.settings.set(FOCUS_SETTING, meta.tableName);
  }
  return { ...meta, rows: view.length, costed, view };
}
