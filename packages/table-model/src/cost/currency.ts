// Money is never summed across currencies: a cost column shows its rates' currency, a table whose
// rates mix currencies is flagged, and totals are one per currency.
import { rowCost, type CostBinding, type TableRow } from './binding.js';
import { rateMatcher } from './lookup.js';
import type { Rate } from './rate-card.js';

/** Format of a cost in one currency, e.g. `[$EUR] #,##0.00` (`[$JPY] #,##0`: the currency's own decimals). */
export function currencyFormat(currency: string): string {
  const code = currency.trim().toUpperCase();
  let decimals = 2;
  try {
    decimals = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Not a currency the engine knows: two decimals.
  }
  return `[$${code}] #,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
}

/** Format of a cost column whose rates mix currencies: plain numbers (and the table is flagged). */
export const MIXED_CURRENCY_FORMAT = '#,##0.00';

/** The currencies of the rates a table's rows use, sorted; more than one means the table mixes currencies. */
export function currenciesOf(rows: readonly TableRow[], rates: readonly Rate[], binding: CostBinding): string[] {
  const found = new Set<string>();
  const match = rateMatcher(rates);
  for (const row of rows) {
    const currency = rowCost(row, match, binding)?.rate.currency;
    if (currency !== undefined) found.add(currency);
  }
  return [...found].sort();
}

/** The cost column's number format and whether to flag the table: one currency shows it; several are flagged. */
export function costColumnFormat(currencies: readonly string[]): { numberFormat: string; mixed: boolean; message?: string } {
  if (currencies.length === 1) return { numberFormat: currencyFormat(currencies[0] as string), mixed: false };
  if (currencies.length === 0) return { numberFormat: MIXED_CURRENCY_FORMAT, mixed: false };
  return {
    numberFormat: MIXED_CURRENCY_FORMAT,
    mixed: true,
    message: `This table's rates are in ${currencies.join(' and ')}: its costs cannot be added up as one sum. Totals are shown per currency.`,
  };
}

/** A cost with its currency (either undefined when the row has no rate). */
export interface CostInCurrency {
  cost: number | undefined;
  currency: string | undefined;
}

/** Sum of cost per currency, sorted by currency; rows without a cost or currency are left out, never summed into another. */
export function costByCurrency(costs: Iterable<CostInCurrency>): { currency: string; cost: number; rows: number }[] {
  const sums = new Map<string, { cost: number; rows: number }>();
  for (const { cost, currency } of costs) {
    if (cost === undefined || currency === undefined) continue;
    const sum = sums.get(currency) ?? { cost: 0, rows: 0 };
    sum.cost += cost;
    sum.rows += 1;
    sums.set(currency, sum);
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => ({ currency, ...sum }));
}

/** The cost and currency of each table row under the cost rule, for costByCurrency and summaries. */
export function tableCosts(rows: readonly TableRow[], rates: readonly Rate[], binding: CostBinding): CostInCurrency[] {
  const match = rateMatcher(rates);
  return rows.map((row) => {
    const priced = rowCost(row, match, binding);
    return { cost: priced?.cost, currency: priced?.rate.currency };
  });
}
