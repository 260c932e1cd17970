// Which columns a table has, their friendly headers and how each kind of value is written.

import { DATE_TIME_FORMAT } from './excel-date.js';

export type ColumnKind = 'text' | 'number' | 'date';

export interface ColumnSpec {
  /** Field name in the API record or report CSV (`usageValue`). */
  key: string;
  /** Friendly header shown in the table. */
  header: string;
  kind: ColumnKind;
  /** Number format of a number column when not the default `0.0000` (e.g. `0` for counts, `0.00` for GiB). */
  format?: string;
}

/** The API gives four decimals; show all of them. */
export const NUMBER_FORMAT = '0.0000';

export function numberFormatFor(kind: ColumnKind, textFormat: string, format?: string): string {
  if (kind === 'number') return format ?? NUMBER_FORMAT;
  if (kind === 'date') return format ?? DATE_TIME_FORMAT;
  return textFormat;
}

// Friendly names follow the CSV headers of the API ("Friendly name (fieldName)"); the two columns
// the CSV calls "Usage Amount" get distinct names here.
const KNOWN: readonly ColumnSpec[] = [
  { key: 'usageDateTime', header: 'Date and time (UTC)', kind: 'date' },
  { key: 'realmId', header: 'Org ID', kind: 'text' },
  { key: 'orgName', header: 'Org name', kind: 'text' },
  { key: 'category', header: 'Category', kind: 'text' },
  { key: 'appId', header: 'App ID', kind: 'text' },
  { key: 'featureId', header: 'Item', kind: 'text' },
  { key: 'billingSubscriptionId', header: 'Subscription ID', kind: 'text' },
  { key: 'resource', header: 'Resource ID', kind: 'text' },
  { key: 'resourceHrn', header: 'Resource ID', kind: 'text' },
  { key: 'name', header: 'Item description', kind: 'text' },
  { key: 'valueDriver', header: 'Unit', kind: 'text' },
  { key: 'usageTypeCode', header: 'Usage type code', kind: 'text' },
  { key: 'projectHrn', header: 'Project ID', kind: 'text' },
  { key: 'billingTag', header: 'Billing tag', kind: 'text' },
  { key: 'billingChargeNumber', header: 'Charge number', kind: 'text' },
  { key: 'usageValue', header: 'Usage amount', kind: 'number' },
  { key: 'billableValue', header: 'Billable amount', kind: 'number' },
];

const BY_KEY = new Map(KNOWN.map((c) => [c.key, c]));

export function columnFor(key: string): ColumnSpec {
  return BY_KEY.get(key) ?? { key, header: key, kind: 'text' };
}

/** The usage table's columns: the fields asked for (all when none), the date unless summarized. */
export function usageColumns(opts: { usageFields?: string[]; detailLevel?: string }): ColumnSpec[] {
  const wanted = opts.usageFields && opts.usageFields.length > 0 ? new Set(opts.usageFields) : undefined;
  const withDate = opts.detailLevel !== undefined && opts.detailLevel !== 'summarized';
  return KNOWN.filter((c) => {
    if (c.key === 'usageDateTime') return withDate;
    if (c.key === 'orgName' || c.key === 'resourceHrn') return false;
    return wanted ? wanted.has(c.key) : true;
  });
}

/** Columns for rows whose fields are only known from the data (report CSVs): known order first. */
export function columnsFromKeys(keys: Iterable<string>): ColumnSpec[] {
  const seen = new Set(keys);
  const known = KNOWN.filter((c) => seen.has(c.key));
  const knownKeys = new Set(known.map((c) => c.key));
  const extra = [...seen].filter((k) => !knownKeys.has(k)).map(columnFor);
  return [...known, ...extra];
}
