// A parsed price list goes into the rates table: it fills price cells that are still empty and
// adds rows it brings; a price already typed is never overwritten, a different one is reported.
import { cellDay, cellNumber, cellText, isEmptyCell } from './cells.js';
import { itemIdentity } from './price-items.js';
import type { PriceListEntry, PriceListProblem } from './price-list.js';
import type { RateCardRow, RateColumnKey } from './rate-card.js';

const FILLED: readonly RateColumnKey[] = ['unitPrice', 'pricePer', 'currency', 'service', 'notes'];

const dayOf = (row: RateCardRow, key: 'validFrom' | 'validTo'): number | undefined => cellDay(row[key])?.getTime();
const sameRate = (a: RateCardRow, b: RateCardRow): boolean =>
  itemIdentity({ provider: cellText(a.provider), key: cellText(a.key), unit: cellText(a.unit) }) ===
    itemIdentity({ provider: cellText(b.provider), key: cellText(b.key), unit: cellText(b.unit) }) &&
  dayOf(a, 'validFrom') === dayOf(b, 'validFrom') &&
  dayOf(a, 'validTo') === dayOf(b, 'validTo');

/**
 * The rates table after a price list: a list line for a row that has no price yet fills that row's
 * empty cells (price, price per, currency, service, notes); a line for a row whose price or
 * currency differs is not applied and named in `conflicts`; a line for an item or validity the
 * table does not have becomes a new row. Rows not in the list are returned unchanged.
 */
export function applyPriceList(existingRows: readonly RateCardRow[], entries: readonly PriceListEntry[]): { rows: RateCardRow[]; filled: number; added: number; conflicts: PriceListProblem[] } {
  const rows = [...existingRows];
  const conflicts: PriceListProblem[] = [];
  let filled = 0;
  let added = 0;
  for (const { line, row } of entries) {
    const at = rows.findIndex((existing) => sameRate(existing, row));
    const existing = at < 0 ? undefined : rows[at];
    if (existing === undefined) {
      rows.push(row);
      added++;
      continue;
    }
    const price = cellNumber(existing.unitPrice);
    if (price !== undefined) {
      const currency = cellText(existing.currency).toUpperCase();
      const listCurrency = cellText(row.currency).toUpperCase();
      if (price !== cellNumber(row.unitPrice) || (currency !== '' && currency !== listCurrency)) {
        conflicts.push({ line, message: `Line ${line}: ${cellText(existing.service) || cellText(existing.key)} already has ${price} ${currency} in rates row ${at + 1}; the list says ${cellText(row.unitPrice)} ${listCurrency}. The table was kept: change the price there if the list is right.` });
      }
      continue;
    }
    const next: RateCardRow = { ...existing };
    for (const key of FILLED) if (isEmptyCell(next[key]) && !isEmptyCell(row[key])) next[key] = row[key];
    rows[at] = next;
    filled++;
  }
  return { rows, filled, added, conflicts };
}
