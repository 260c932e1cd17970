// Reading cells of a sheet table as the rate card needs them: text, numbers and days. A cell is
// what a writer reads back from Excel (a string, a number, a boolean, a Date, or empty); Excel
// gives dates as serial numbers, which are read here as days too.

/** A cell value as read from a sheet table. */
export type CellValue = string | number | boolean | Date | null | undefined;

const DAY_MS = 86_400_000;
// Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included), in UTC.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function isEmptyCell(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The cell as text, trimmed; '' when empty. */
export function cellText(value: CellValue): string {
  if (isEmptyCell(value)) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** A number cell, or a text cell holding a plain number (`1,000` and `0.45` too); NaN otherwise; undefined when empty. */
export function cellNumber(value: CellValue): number | undefined {
  if (isEmptyCell(value)) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const text = value.trim().replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
}

/** The UTC midnight of a Date. */
export function utcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/** An Excel serial day number as a UTC Date. */
export function dateFromSerial(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}

/** A UTC Date as an Excel serial day number (fractions for the time of day). */
export function serialFromDate(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
}

/**
 * A day cell: a Date, an Excel serial number, or text `yyyy-mm-dd` (`d/m/yyyy` is not read: it
 * means different days in different locales). The UTC day; undefined when empty, null when unreadable.
 */
export function cellDay(value: CellValue): Date | undefined | null {
  if (isEmptyCell(value)) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : utcDay(value);
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? utcDay(dateFromSerial(value)) : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?Z?)?$/.exec(value.trim());
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** A day as `yyyy-mm-dd` (UTC). */
export function dayText(date: Date): string {
  return date.toISOString().slice(0, 10);
}
