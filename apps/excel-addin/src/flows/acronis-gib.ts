// The GiB rule. Acronis reports give storage in bytes, other items in quantities or seconds, and
// the csv_v2_0 output has no unit column. A row's values are bytes when
//   1. the row has a `unit` (or `measurement_unit`) column: it says `bytes`; otherwise
//   2. its offering item (`name`) is `storage` or ends in `_storage` (storage, local_storage,
//      dr_storage, fc_storage, notary_storage: the storage items Acronis documents).
// For those rows every `usage.*` value also gets a GiB value (bytes / 1024^3) in the column beside
// it; other rows leave the GiB cells empty. GiB values are numbers computed here from the typed
// numbers, never formulas over API text.

import type { AcronisUsageRow } from '@meterbook/sdk/acronis';
import { gibKey, isUsageKey } from '../workbook/acronis-columns.js';

export const GIB = 1024 ** 3;

export function isByteRow(row: AcronisUsageRow): boolean {
  const unit = row.unit ?? row.measurement_unit;
  if (typeof unit === 'string' && unit !== '') return unit.trim().toLowerCase() === 'bytes';
  const name = row.name;
  return typeof name === 'string' && /^(?:[a-z0-9]+_)*storage$/i.test(name.trim());
}

/** The row with a GiB value beside each of its `usage.*` values when the row is in bytes. */
export function withGib(row: AcronisUsageRow): AcronisUsageRow {
  if (!isByteRow(row)) return row;
  const out: AcronisUsageRow = { ...row };
  for (const [key, value] of Object.entries(row)) {
    if (isUsageKey(key) && typeof value === 'number') out[gibKey(key)] = value / GIB;
  }
  return out;
}
