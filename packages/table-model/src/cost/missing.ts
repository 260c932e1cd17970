// What the pane says about rows without a cost: how many, and for which items and why.
import { chargesOf, type UsageSource } from './charges.js';
import { rateMatcher } from './lookup.js';
import { itemIdentity } from './price-items.js';
import type { Rate } from './rate-card.js';

/** Why rows of an item have no cost. */
export type MissingReason = 'no rate' | 'no price' | 'overlapping rates' | 'no key' | 'no quantity';

/** An item whose rows have no cost, with why and how many. */
export interface MissingItem {
  provider: string;
  service: string;
  key: string;
  unit: string;
  reason: MissingReason;
  rows: number;
}

/** The rows of a source without a cost. */
export interface MissingRates {
  /** Rows with no cost. */
  rows: number;
  /** Rows of the source. */
  total: number;
  /** One entry per item and reason, most rows first. */
  items: MissingItem[];
}

const REASON_WORDS: Readonly<Record<MissingReason, string>> = {
  'no rate': 'not in the rates table (run "Set up rates")',
  'no price': 'no unit price typed yet',
  'overlapping rates': 'two rates overlap on some days (fix Valid from / Valid to)',
  'no key': 'the pull has no Item (feature HRN) or offering item to match on',
  'no quantity': 'no billable quantity',
};

/** How many rows of a source have no cost under the cost rule, and for which items and why. */
export function missingRates(source: UsageSource, rateCard: readonly Rate[]): MissingRates {
  const charges = chargesOf(source);
  const items = new Map<string, MissingItem>();
  const match = rateMatcher(rateCard);
  const listed = new Set(rateCard.map(itemIdentity));
  let rows = 0;
  for (const charge of charges) {
    const item = charge.item;
    let reason: MissingReason | undefined;
    if (item === undefined) reason = 'no key';
    else if (charge.pricingBase === undefined) reason = 'no quantity';
    else {
      const matches = match({ ...item, date: charge.start });
      if (matches.length > 1) reason = 'overlapping rates';
      else if (matches.length === 0) reason = listed.has(itemIdentity(item)) ? 'no price' : 'no rate';
    }
    if (reason === undefined) continue;
    rows++;
    const entry = item ?? { provider: charge.provider, service: '', key: '', unit: '' };
    const id = `${itemIdentity(entry)}\u0000${reason}`;
    const found = items.get(id) ?? { provider: entry.provider, service: entry.service, key: entry.key, unit: entry.unit, reason, rows: 0 };
    found.rows++;
    items.set(id, found);
  }
  return { rows, total: charges.length, items: [...items.values()].sort((a, b) => b.rows - a.rows || a.service.localeCompare(b.service)) };
}

/** The pane's sentence for a missing-rate count, e.g. `12 of 340 rows have no cost: Routing (Transactions): no unit price typed yet (12 rows).` */
export function missingRatesMessage(missing: MissingRates): string {
  if (missing.rows === 0) return everyRowPriced(missing);
  return `${rowsWithoutCost(missing)}: ${missing.items.map(missingItemLine).join('; ')}.`;
}

/**
 * The same count in one short line, e.g. `312 of 340 rows have no cost: 6 items`, for a narrow
 * pane that lists the items (missingItemLine) in a disclosure under it.
 */
export function missingRatesSummary(missing: MissingRates): string {
  if (missing.rows === 0) return everyRowPriced(missing);
  const n = missing.items.length;
  return `${rowsWithoutCost(missing)}: ${n.toLocaleString('en')} ${n === 1 ? 'item' : 'items'}`;
}

/** One item without a cost, e.g. `Routing (Transactions): no unit price typed yet (12 rows)`. */
export function missingItemLine(item: MissingItem): string {
  return `${itemName(item)}: ${REASON_WORDS[item.reason]} (${rowCount(item.rows)})`;
}

/** Items without a cost grouped by why, in order of rows: a disclosure says each reason once. */
export interface MissingReasonGroup {
  /** Why, in the pane's words, e.g. `no unit price typed yet`. */
  reason: string;
  /** One line per item, e.g. `Routing (Transactions): 12 rows`. */
  items: string[];
}

/** The items of missingRates grouped by reason (the reason with the most rows first). */
export function missingItemsByReason(missing: MissingRates): MissingReasonGroup[] {
  const groups = new Map<MissingReason, MissingReasonGroup>();
  for (const i of missing.items) {
    const group = groups.get(i.reason) ?? { reason: REASON_WORDS[i.reason], items: [] };
    group.items.push(`${itemName(i)}: ${rowCount(i.rows)}`);
    groups.set(i.reason, group);
  }
  return [...groups.values()];
}

const itemName = (i: MissingItem): string => `${i.service || '(no item)'}${i.unit ? ` (${i.unit})` : ''}`;
const rowCount = (n: number): string => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;
const everyRowPriced = (missing: MissingRates): string => `Every one of the ${missing.total.toLocaleString('en')} rows has a cost.`;
const rowsWithoutCost = (missing: MissingRates): string =>
  `${missing.rows.toLocaleString('en')} of ${missing.total.toLocaleString('en')} rows have no cost`;
