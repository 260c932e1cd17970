// The columns of Acronis report tables, in words: readable names first, each usage value followed
// by its GiB column (filled only for rows whose values are bytes: the GiB rule below), ids last.
//
// The GiB rule. Acronis reports give storage in bytes, other items in quantities or seconds, and
// the csv_v2_0 output has no unit column. A row's values are bytes when
//   1. the row has a `unit` (or `measurement_unit`) column: it says `bytes`; otherwise
//   2. its offering item (`name`) is `storage` or ends in `_storage` (storage, local_storage,
//      dr_storage, fc_storage, notary_storage: the storage items Acronis documents).
// GiB values are numbers computed here from the typed numbers, never formulas over API text.

import { textColumn as text, type ColumnDef, type SourceRecord } from './columns.js';
import { DAY_FORMAT, GIB_FORMAT, WHOLE_FORMAT } from './formats.js';
import { monthColumn } from './here-columns.js';

/** Suffix of the key of a GiB column: `usage.absolute.total` -> `usage.absolute.total.gib`. */
export const GIB_SUFFIX = '.gib';
/** Bytes in a GiB (1024^3). */
export const GIB = 1024 ** 3;

const LEAD: readonly ColumnDef[] = [text('tenant.name', 'Tenant', 28), text('name', 'Offering item', 22), text('edition', 'Edition', 18)];
const TAIL: readonly ColumnDef[] = [
  text('sku', 'SKU', 12),
  text('infra.backend_type', 'Storage back end', 14),
  text('tenant.kind', 'Tenant kind', 12),
  text('tenant.id', 'Tenant ID', 38),
  text('application.id', 'Application ID', 38),
  text('infra.id', 'Infrastructure ID', 38),
  text('infra.owner_id', 'Infrastructure owner ID', 38),
];
const TEXT_BY_KEY = new Map([...LEAD, ...TAIL].map((c) => [c.key, c]));
const DATE_COLUMN: ColumnDef = { key: 'date', header: 'Date', kind: 'date', format: DAY_FORMAT, width: 12 };

/** True for an Acronis `usage.*` value column (not its GiB column). */
export const isUsageKey = (key: string): boolean => key.startsWith('usage.') && !key.endsWith(GIB_SUFFIX);
/** The key of a usage column's GiB column. */
export const gibKey = (key: string): string => `${key}${GIB_SUFFIX}`;

const KIND_WORD: Readonly<Record<string, string>> = { production: 'production', total: 'total', trial: 'trial' };
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `usage.absolute.production` -> `Production usage`; its GiB column -> `Production storage (GiB)`. */
export function usageHeader(key: string, gib: boolean): string {
  const [, measure = '', kind = ''] = key.split('.');
  const what = KIND_WORD[kind] ?? key.split('.').slice(2).join(' ');
  const noun = gib ? 'storage' : 'usage';
  const unit = gib ? ' (GiB)' : '';
  if (measure === 'absolute') return `${capital(what)} ${noun}${unit}`;
  if (measure === 'delta') return `${capital(what)} ${noun} change${unit}`;
  if (measure === 'effective') return `Effective ${what} ${noun}${unit}`;
  return `${key.slice('usage.'.length)}${unit}`;
}

/** The column of one key of an Acronis row (or of a remembered key, on refresh). */
export function acronisColumnFor(key: string): ColumnDef {
  if (key.startsWith('usage.') && key.endsWith(GIB_SUFFIX)) {
    return { key, header: usageHeader(key.slice(0, -GIB_SUFFIX.length), true), kind: 'number', format: GIB_FORMAT, width: 14 };
  }
  if (isUsageKey(key)) return { key, header: usageHeader(key, false), kind: 'number', format: WHOLE_FORMAT, width: 16 };
  if (key === 'date') return DATE_COLUMN;
  if (key === 'month') return monthColumn('date');
  return TEXT_BY_KEY.get(key) ?? text(key, key, 16);
}

/** Date and Month first (daily reports), the readable columns, each usage column with its GiB column, then ids. */
export function acronisColumns(keys: Iterable<string>): ColumnDef[] {
  const seen = [...new Set(keys)].filter((k) => !k.endsWith(GIB_SUFFIX));
  const has = (k: string): boolean => seen.includes(k);
  const dated = has('date') ? ['date', 'month'] : [];
  const lead = LEAD.map((c) => c.key).filter(has);
  const usage = seen.filter(isUsageKey).flatMap((k) => [k, gibKey(k)]);
  const tail = TAIL.map((c) => c.key).filter(has);
  const other = seen.filter((k) => k !== 'date' && !TEXT_BY_KEY.has(k) && !k.startsWith('usage.'));
  return [...dated, ...lead, ...usage, ...tail, ...other].map(acronisColumnFor);
}

/** True when the row's values are bytes (see the GiB rule above). */
export function isByteRow(row: SourceRecord): boolean {
  const unit = row.unit ?? row.measurement_unit;
  if (typeof unit === 'string' && unit !== '') return unit.trim().toLowerCase() === 'bytes';
  const name = row.name;
  return typeof name === 'string' && /^(?:[a-z0-9]+_)*storage$/i.test(name.trim());
}

/** The row with a GiB value beside each of its `usage.*` values when the row is in bytes. */
export function withGib<T extends SourceRecord>(row: T): T & Readonly<Record<string, unknown>> {
  if (!isByteRow(row)) return row;
  const out: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(row)) {
    if (isUsageKey(key) && typeof value === 'number') out[gibKey(key)] = value / GIB;
  }
  return out as T;
}
