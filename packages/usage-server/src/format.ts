// How records look on the wire: JSON with four-decimal numbers, and the documented CSV.
import { VALUE_UNITS } from './data/generator.js';
import type { UsageRecord } from './data/query.js';

/** Integer ten-thousandths as a decimal with exactly four places (`144940.0000`). */
export function decimal4(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  return `${sign}${Math.floor(abs / VALUE_UNITS)}.${String(abs % VALUE_UNITS).padStart(4, '0')}`;
}

type Field = keyof UsageRecord | 'orgName';
const JSON_ORDER: Field[] = [
  'realmId', 'billingSubscriptionId', 'billingChargeNumber', 'featureId', 'category', 'name', 'valueDriver',
  'usageTypeCode', 'usageValue', 'billableValue', 'projectHrn', 'appId', 'billingTag', 'resource', 'usageDateTime',
];
const NUMERIC = new Set<Field>(['usageValue', 'billableValue']);

/**
 * One record as JSON text. JSON.stringify would print 144940 for 144940.0000; the API (and the
 * docs' samples) print four decimals, so numbers are written by hand.
 * With `fields`, only those (and usageDateTime, without which timed records are ambiguous) appear;
 * a requested field the grouping left out is present as "" (no value).
 */
export function recordJson(r: UsageRecord, fields?: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const f of JSON_ORDER) {
    let value = r[f as keyof UsageRecord];
    if (fields && !fields.has(f) && f !== 'usageDateTime') continue;
    if (value === undefined) {
      if (!fields || f === 'usageDateTime') continue;
      value = '';
    }
    parts.push(`"${f}":${NUMERIC.has(f) && typeof value === 'number' ? decimal4(value) : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The documented columns, in the documented order; `resource` is labelled `resourceHrn`. */
const CSV_COLUMNS: { field: Field; header: string }[] = [
  { field: 'usageDateTime', header: 'Date and time (usageDateTime)' },
  { field: 'realmId', header: 'Org ID (realmId)' },
  { field: 'orgName', header: 'Org name (orgName)' },
  { field: 'category', header: 'Category (category)' },
  { field: 'appId', header: 'App ID (appId)' },
  { field: 'featureId', header: 'Item (featureId)' },
  { field: 'billingSubscriptionId', header: 'Subscription ID (billingSubscriptionId)' },
  { field: 'resource', header: 'Resource ID (resourceHrn)' },
  { field: 'name', header: 'Item description (name)' },
  { field: 'valueDriver', header: 'Unit (valueDriver)' },
  { field: 'projectHrn', header: 'Project ID (projectHrn)' },
  { field: 'billingTag', header: 'Billing tag (billingTag)' },
  { field: 'billableValue', header: 'Usage Amount (billableValue)' },
  { field: 'billingChargeNumber', header: 'Charge Number (billingChargeNumber)' },
  { field: 'usageValue', header: 'Usage Amount (usageValue)' },
];

export interface CsvLayout {
  columns: { field: Field; header: string }[];
}

/**
 * Columns of a CSV: all documented ones (plus `orgName` for partner reports), or with
 * `usageFields` only those (and the date when records are timed).
 */
export function csvLayout(opts: { orgName: boolean; fields?: ReadonlySet<string>; timed: boolean }): CsvLayout {
  const columns = CSV_COLUMNS.filter((c) => {
    if (c.field === 'orgName') return opts.orgName;
    if (!opts.fields) return true;
    return opts.fields.has(c.field) || (c.field === 'usageDateTime' && opts.timed);
  });
  return { columns };
}

/** Every field quoted, quotes doubled; CRLF line ends (RFC 4180). */
export function csvCell(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvHeader(layout: CsvLayout): string {
  return `${layout.columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
}

export function csvRow(layout: CsvLayout, r: UsageRecord): string {
  const cells = layout.columns.map(({ field }) => {
    if (field === 'orgName') return csvCell(r.realmId);
    const v = r[field];
    if (v === undefined) return '""';
    return csvCell(typeof v === 'number' ? decimal4(v) : v);
  });
  return `${cells.join(',')}\r\n`;
}

/**
 * The CSV of a record stream, in chunks of about 64 KiB, stopping after `maxRecords`.
 * Lazy: rows are made as the consumer pulls, so a million rows never sit in memory.
 */
export function* csvChunks(layout: CsvLayout, records: Iterable<UsageRecord[]>, maxRecords: number): Generator<string> {
  let buf = csvHeader(layout);
  let written = 0;
  for (const chunk of records) {
    for (const r of chunk) {
      if (written >= maxRecords) break;
      buf += csvRow(layout, r);
      written++;
      if (buf.length >= 65_536) {
        yield buf;
        buf = '';
      }
    }
    if (written >= maxRecords) break;
  }
  if (buf) yield buf;
}
