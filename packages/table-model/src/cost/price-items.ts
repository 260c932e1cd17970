// The priced items of usage data: what one rate applies to (provider, key, unit), with the words
// the rates table shows. One home for "which item is this row" for both sources: the rate card,
// the cost rule and the FOCUS-aligned view all ask here.
import type { UsageRecord } from '@meterbook/sdk';
import type { AcronisUsageRow } from '@meterbook/sdk/acronis';

/** The sources Meterbook prices. */
export type Provider = 'HERE' | 'Acronis';

/** One distinct priced item: the rates table gets one row per item. */
export interface PriceItem {
  provider: Provider;
  /** The item in words (HERE `name`, Acronis offering item `name`). */
  service: string;
  /** The stable id rates are matched on. */
  key: string;
  /** The unit its price is for. */
  unit: string;
  /** Suggested Price per for a new rates row: 1,000 for transactions, 3,600 (an hour) for seconds, else 1. */
  pricePer: number;
}

const GIB = 1024 ** 3;

/**
 * A HERE record's item. The key is `featureId`, the feature HRN: it names one billable feature of
 * the platform and does not change between pulls, while `name` is display text HERE may reword and
 * is not unique across categories. The HRN carries the org id, so a partner's subaccounts each get
 * their own rows: that is where a reseller sets a price per customer.
 */
export function hereItem(record: UsageRecord): PriceItem | undefined {
  const key = record.featureId?.trim();
  if (!key) return undefined;
  const unit = record.valueDriver?.trim() ?? '';
  return { provider: 'HERE', service: record.name?.trim() || key, key, unit, pricePer: /^transactions?$/i.test(unit) ? 1000 : 1 };
}

/** How an Acronis row measures its item. */
export type AcronisMeasure = 'bytes' | 'quantity' | 'seconds';

/**
 * The rule for the unit of an Acronis row (csv_v2_0 has no unit column): a `unit` or
 * `measurement_unit` column when present; else storage items (`storage`, `*_storage`) are bytes,
 * `compute_points` (disaster recovery compute) is seconds, and every other item is a quantity.
 */
export function acronisMeasure(row: AcronisUsageRow): AcronisMeasure {
  const unit = row.unit ?? row.measurement_unit;
  if (typeof unit === 'string' && unit.trim() !== '') {
    const u = unit.trim().toLowerCase();
    return u === 'bytes' ? 'bytes' : u === 'seconds' ? 'seconds' : 'quantity';
  }
  const name = typeof row.name === 'string' ? row.name.trim() : '';
  if (/^(?:[a-z0-9]+_)*storage$/i.test(name)) return 'bytes';
  return /^compute_points$/i.test(name) ? 'seconds' : 'quantity';
}

/** The unit Acronis rows are priced in: storage in GiB (1024³ bytes), the rest as reported. */
export const ACRONIS_PRICED_UNIT: Readonly<Record<AcronisMeasure, string>> = { bytes: 'GiB', quantity: 'Quantity', seconds: 'Seconds' };

/** A value of an Acronis `usage.*` column in the row's priced unit (bytes become GiB). */
export function acronisPricedValue(row: AcronisUsageRow, column: string): number | undefined {
  const value = row[column];
  if (typeof value !== 'number') return undefined;
  return acronisMeasure(row) === 'bytes' ? value / GIB : value;
}

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value).trim());

/** Separator of the parts of an Acronis key built from item, edition and back end. */
export const ACRONIS_KEY_SEPARATOR = ' / ';

/**
 * An Acronis row's item. The key is the SKU when the report has one (`show_skus`); otherwise
 * `item / edition / back end` (back end only for hosted storage, where Acronis, Azure and Google
 * hosting are priced apart), which is what identifies an offering item without a SKU.
 */
export function acronisItem(row: AcronisUsageRow): PriceItem | undefined {
  const name = text(row.name);
  if (name === '') return undefined;
  const sku = text(row.sku);
  const key = sku || acronisKeyOf([name, text(row.edition), text(row['infra.backend_type'])]);
  const measure = acronisMeasure(row);
  return { provider: 'Acronis', service: name, key, unit: ACRONIS_PRICED_UNIT[measure], pricePer: measure === 'seconds' ? 3600 : 1 };
}

/** The key of parts: the first always, the others when not empty (the cost formula builds it the same way). */
export function acronisKeyOf(parts: readonly string[]): string {
  const [first = '', ...rest] = parts;
  return rest.reduce((key, part) => (part === '' ? key : `${key}${ACRONIS_KEY_SEPARATOR}${part}`), first);
}

/** The identity of an item for matching: provider, key and unit, case-insensitive as Excel compares. */
export function itemIdentity(item: { provider: string; key: string; unit: string }): string {
  return [item.provider, item.key, item.unit].map((part) => part.trim().toLowerCase()).join('\u0000');
}

/**
 * Every distinct priced item of HERE usage records or Acronis report rows, sorted by service then
 * key. Rows without a key (no `featureId` in the pull, no offering item) have no item.
 */
export function priceItemsFrom(records: readonly UsageRecord[], source: 'HERE'): PriceItem[];
export function priceItemsFrom(records: readonly AcronisUsageRow[], source: 'Acronis'): PriceItem[];
export function priceItemsFrom(records: readonly (UsageRecord | AcronisUsageRow)[], source: Provider): PriceItem[] {
  const items = new Map<string, PriceItem>();
  for (const record of records) {
    const item = source === 'HERE' ? hereItem(record as UsageRecord) : acronisItem(record as AcronisUsageRow);
    if (item !== undefined && !items.has(itemIdentity(item))) items.set(itemIdentity(item), item);
  }
  return [...items.values()].sort((a, b) => a.service.localeCompare(b.service, 'en') || a.key.localeCompare(b.key, 'en'));
}
