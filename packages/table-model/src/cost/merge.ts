// "Set up rates" run again: new items are added, and nothing the user typed is touched.
import { cellText } from './cells.js';
import { itemIdentity, type PriceItem } from './price-items.js';
import { emptyRateRow, type RateCardRow } from './rate-card.js';

/** A new rates row for an item: its words and suggested Price per filled, price and dates empty. */
export function rateRowFor(item: PriceItem): RateCardRow {
  return { ...emptyRateRow(), provider: item.provider, service: item.service, key: item.key, unit: item.unit, pricePer: item.pricePer };
}

const rowIdentity = (row: RateCardRow): string => itemIdentity({ provider: cellText(row.provider), key: cellText(row.key), unit: cellText(row.unit) });

/**
 * The rates table with a row added for every item it does not list yet (matched on provider, key
 * and unit, ignoring case as Excel does). Existing rows are returned as they are, the same objects
 * in the same order: no price, date, note or any other cell the user typed is changed.
 */
export function mergeRateCard(existingRows: readonly RateCardRow[], items: readonly PriceItem[]): { rows: RateCardRow[]; added: PriceItem[] } {
  const known = new Set(existingRows.map(rowIdentity));
  const added: PriceItem[] = [];
  for (const item of items) {
    const identity = itemIdentity(item);
    if (known.has(identity)) continue;
    known.add(identity);
    added.push(item);
  }
  return { rows: [...existingRows, ...added.map(rateRowFor)], added };
}
