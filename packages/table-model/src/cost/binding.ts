// Where a table's cost inputs are: which columns hold the key, unit, date and quantity. The same
// binding builds the cost formula (formula.ts) and computes the cost in code (rowCost), so the
// preview outside Excel shows what the formula gives.
import { cellNumber, cellText, dateFromSerial, isEmptyCell, type CellValue } from './cells.js';
import { costOf, onlyRate, rateMatcher, type RateMatcher } from './lookup.js';
import { ACRONIS_KEY_SEPARATOR, acronisKeyOf } from './price-items.js';
import { RATES_TABLE_NAME, type Rate } from './rate-card.js';

/** Where one table's cost inputs are. Column names are the table's headers. */
export interface CostBinding {
  /** The rates table's name; default `MeterbookRates`. */
  ratesTable?: string;
  /** The provider of every row (a table holds one source): `HERE` or `Acronis`. */
  provider: string;
  /** The key column, or key columns whose non-empty values are joined with ` / ` (Acronis item / edition / back end). */
  key: string | readonly string[];
  /** The unit column, or `{ value }` for one unit; leave it out when the key decides the unit. */
  unit?: string | { value: string };
  /** The date column, or `{ value }` for one date for every row (a summarized pull: its start). */
  date: string | { value: Date };
  /** The quantity column, or columns tried in order, the first non-empty one counting (Acronis GiB, then the raw value). */
  quantity: string | readonly string[];
}

/** A table row, keyed by header. */
export type TableRow = Readonly<Record<string, CellValue>>;

export const ratesTableOf = (binding: CostBinding): string => binding.ratesTable ?? RATES_TABLE_NAME;
export const listOf = (columns: string | readonly string[]): readonly string[] => (typeof columns === 'string' ? [columns] : columns);

// Keep ACRONIS_KEY_SEPARATOR the one separator of joined keys (the formula writes it too).
export const KEY_SEPARATOR = ACRONIS_KEY_SEPARATOR;

/** The row's key as the formula builds it: the first key column, then each other non-empty one after ` / `. */
export function rowKey(row: TableRow, binding: CostBinding): string {
  return acronisKeyOf(listOf(binding.key).map((column) => cellText(row[column])));
}

/** The row's quantity: the first quantity column that is not empty; undefined when all are. */
export function rowQuantity(row: TableRow, binding: CostBinding): number | undefined {
  const column = listOf(binding.quantity).find((c) => !isEmptyCell(row[c]));
  if (column === undefined) return undefined;
  const value = cellNumber(row[column]);
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

/** The row's date (a Date cell or an Excel serial number); undefined when empty or unreadable. */
export function rowDate(row: TableRow, binding: CostBinding): Date | undefined {
  if (typeof binding.date !== 'string') return binding.date.value;
  const value = row[binding.date];
  if (value instanceof Date) return value;
  return typeof value === 'number' ? dateFromSerial(value) : undefined;
}

/** The rate of a table row under the cost rule (lookupRate), or undefined. Pass a rateMatcher for many rows. */
export function rowRate(row: TableRow, rates: readonly Rate[] | RateMatcher, binding: CostBinding): Rate | undefined {
  const date = rowDate(row, binding);
  if (date === undefined) return undefined;
  const unit = binding.unit === undefined ? undefined : typeof binding.unit === 'string' ? cellText(row[binding.unit]) : binding.unit.value;
  const match = typeof rates === 'function' ? rates : rateMatcher(rates);
  return onlyRate(match({ provider: binding.provider, key: rowKey(row, binding), unit, date }));
}

/**
 * What the cost formula gives for a table row: the cost and its rate, or undefined (an empty
 * cell) when the row has no quantity, no date, or not exactly one matching rate.
 */
export function rowCost(row: TableRow, rates: readonly Rate[] | RateMatcher, binding: CostBinding): { cost: number; rate: Rate } | undefined {
  const quantity = rowQuantity(row, binding);
  if (quantity === undefined) return undefined;
  const rate = rowRate(row, rates, binding);
  return rate === undefined ? undefined : { cost: costOf(quantity, rate), rate };
}
