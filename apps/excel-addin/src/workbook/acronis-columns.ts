// Columns of an Acronis report table: tenant and offering item as text, every `usage.*` value as a
// number, each followed by its GiB column (filled only for rows whose values are bytes; see
// flows/acronis-gib.ts for the rule).

import type { ColumnSpec } from './columns.js';

/** Suffix of the key of a GiB column: `usage.absolute.total` -> `usage.absolute.total.gib`. */
export const GIB_SUFFIX = '.gib';
/** Whole units (bytes, quantities, seconds) with thousands separators. */
export const ACRONIS_NUMBER_FORMAT = '#,##0';
export const GIB_FORMAT = '0.00';
/** The `date` of a usage_daily report is a day: a real Excel date, shown as one. */
export const DAY_FORMAT = 'yyyy-mm-dd';

const TEXT: readonly (readonly [string, string])[] = [
  ['tenant.name', 'Tenant'],
  ['tenant.id', 'Tenant ID'],
  ['tenant.kind', 'Tenant kind'],
  ['date', 'Date'],
  ['name', 'Item'],
  ['edition', 'Edition'],
  ['application.id', 'Application'],
  ['infra.backend_type', 'Back end'],
  ['infra.id', 'Infra ID'],
  ['infra.owner_id', 'Infra owner ID'],
  ['sku', 'SKU'],
];
const HEADERS = new Map(TEXT);

export const isUsageKey = (key: string): boolean => key.startsWith('usage.') && !key.endsWith(GIB_SUFFIX);
export const gibKey = (key: string): string => `${key}${GIB_SUFFIX}`;

export function acronisColumnFor(key: string): ColumnSpec {
  if (key.startsWith('usage.') && key.endsWith(GIB_SUFFIX)) return { key, header: `${key.slice(0, -GIB_SUFFIX.length)} (GiB)`, kind: 'number', format: GIB_FORMAT };
  if (isUsageKey(key)) return { key, header: key, kind: 'number', format: ACRONIS_NUMBER_FORMAT };
  if (key === 'date') return { key, header: 'Date', kind: 'date', format: DAY_FORMAT };
  return { key, header: HEADERS.get(key) ?? key, kind: 'text' };
}

/** Known text columns first (in a fixed order), then the data's other text columns, then each usage column with its GiB column beside it. */
export function acronisColumns(keys: Iterable<string>): ColumnSpec[] {
  const seen = [...new Set(keys)].filter((k) => !k.endsWith(GIB_SUFFIX));
  const known = TEXT.map(([k]) => k).filter((k) => seen.includes(k));
  const otherText = seen.filter((k) => !HEADERS.has(k) && !k.startsWith('usage.'));
  const usage = seen.filter(isUsageKey).flatMap((k) => [k, gibKey(k)]);
  return [...known, ...otherText, ...usage].map(acronisColumnFor);
}
