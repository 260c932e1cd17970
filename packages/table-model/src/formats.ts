// Number formats: thousands separators everywhere, the decimals a unit needs, dates as dates.

/** Whole units (transactions, counts, bytes). */
export const WHOLE_FORMAT = '#,##0';
/** Measured units (GB, hours, GiB): two decimals. */
export const DECIMAL_FORMAT = '#,##0.00';
/** GiB values. */
export const GIB_FORMAT = DECIMAL_FORMAT;
/** Dates at day detail. */
export const DAY_FORMAT = 'd mmm yyyy';
/** Dates at month detail and the Month column. */
export const MONTH_FORMAT = 'mmm yyyy';
/** Date and time, only at hour detail. */
export const HOUR_FORMAT = 'd mmm yyyy hh:mm';
/** Month-over-month change. */
export const PERCENT_FORMAT = '0.0%';

// Units counted in whole numbers; anything else (GB, hours, an unknown unit) gets two decimals so
// no fraction is hidden.
const WHOLE_UNITS = /^(transactions?|requests?|calls?|counts?|quantity|seats?|users?|devices?|items?|tiles?|bytes)$/i;

/** Decimals shown for a value in this unit. */
export function unitDecimals(unit: unknown): number {
  return typeof unit === 'string' && WHOLE_UNITS.test(unit.trim()) ? 0 : 2;
}

/** The number format of a quantity in this unit. */
export function quantityFormat(unit: unknown): string {
  return unitDecimals(unit) === 0 ? WHOLE_FORMAT : DECIMAL_FORMAT;
}

/** The date column's format at a HERE detail level (`hour` is the only one with a time). */
export function dateFormatFor(detailLevel: string | undefined): string {
  if (detailLevel === 'hour') return HOUR_FORMAT;
  if (detailLevel === 'month') return MONTH_FORMAT;
  return DAY_FORMAT;
}
