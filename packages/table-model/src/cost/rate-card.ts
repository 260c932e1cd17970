// The rates table: one row per priced item (provider, service, key, unit) with the price the user
// types. Its columns, its row shape as cells, and the typed rates read from it.
import { cellDay, cellNumber, cellText, type CellValue } from './cells.js';
import type { CostTableColumn } from './table-column.js';
import { validateRateRow, type RateProblem } from './validate.js';

/** Keys of the rates table's columns, in sheet order. */
export type RateColumnKey = 'provider' | 'service' | 'key' | 'unit' | 'unitPrice' | 'pricePer' | 'currency' | 'validFrom' | 'validTo' | 'notes';

/** The rates table's columns: headers in words, kinds and formats. `Key` is what rates are matched on. */
export const RATE_CARD_COLUMNS: readonly CostTableColumn<RateColumnKey>[] = [
  { key: 'provider', header: 'Provider', kind: 'text', width: 10 },
  { key: 'service', header: 'Service', kind: 'text', width: 28 },
  { key: 'key', header: 'Key', kind: 'text', width: 44 },
  { key: 'unit', header: 'Unit', kind: 'text', width: 12 },
  { key: 'unitPrice', header: 'Unit price', kind: 'number', numberFormat: '#,##0.00####', width: 12 },
  { key: 'pricePer', header: 'Price per', kind: 'number', numberFormat: '#,##0', width: 10 },
  { key: 'currency', header: 'Currency', kind: 'text', width: 9 },
  { key: 'validFrom', header: 'Valid from', kind: 'date', numberFormat: 'd mmm yyyy', width: 12 },
  { key: 'validTo', header: 'Valid to', kind: 'date', numberFormat: 'd mmm yyyy', width: 12 },
  { key: 'notes', header: 'Notes', kind: 'text', width: 30 },
];

/** The default name of the rates table in the workbook; cost formulas refer to it. */
export const RATES_TABLE_NAME = 'MeterbookRates';

/** Shown where the user sets rates: what a rate is, and what this version does not do. */
export const RATE_CARD_SCOPE_NOTE =
  'One price per item and unit: cost = quantity × unit price ÷ price per (an empty Price per means 1). ' +
  'Valid from and Valid to are whole days, both included; leave them empty for no limit. ' +
  'Monthly free allowances and tiered prices are not supported yet: enter the price you pay after them.';

/** A row of the rates table, cell by cell, as the sheet holds it (the user may have typed anything). */
export type RateCardRow = Record<RateColumnKey, CellValue>;

/** A rate read from a valid rates row. Days are UTC midnights; `unitPrice` is undefined until typed. */
export interface Rate {
  provider: string;
  service: string;
  key: string;
  unit: string;
  unitPrice: number | undefined;
  /** At least 1 when given; undefined means 1. */
  pricePer: number | undefined;
  currency: string | undefined;
  validFrom: Date | undefined;
  validTo: Date | undefined;
  notes: string;
  /** Position of the row in the rates table (0 = first data row), to name it in messages. */
  row: number;
}

/** An empty rates row: every cell null. */
export function emptyRateRow(): RateCardRow {
  return { provider: null, service: null, key: null, unit: null, unitPrice: null, pricePer: null, currency: null, validFrom: null, validTo: null, notes: null };
}

/**
 * The rates of a rates table. Rows with a problem (a price that is not a number, an unknown
 * currency, reversed dates...) are left out and listed in `problems`, so no cost uses them; rows
 * with no price yet are kept with `unitPrice` undefined (an item waiting for its price).
 */
export function readRateCard(rows: readonly RateCardRow[]): { rates: Rate[]; problems: RateProblem[] } {
  const rates: Rate[] = [];
  const problems: RateProblem[] = [];
  rows.forEach((row, index) => {
    const found = validateRateRow(row);
    if (found.length > 0) {
      problems.push(...found.map((message) => ({ row: index, message })));
      return;
    }
    if (cellText(row.key) === '' && cellText(row.provider) === '') return; // a blank line
    rates.push({
      provider: cellText(row.provider),
      service: cellText(row.service),
      key: cellText(row.key),
      unit: cellText(row.unit),
      unitPrice: cellNumber(row.unitPrice),
      pricePer: cellNumber(row.pricePer),
      currency: cellText(row.currency).toUpperCase() || undefined,
      validFrom: cellDay(row.validFrom) ?? undefined,
      validTo: cellDay(row.validTo) ?? undefined,
      notes: cellText(row.notes),
      row: index,
    });
  });
  return { rates, problems };
}
