// The workbook's own settings (saved in the file, so everyone who opens it gets the same):
// refresh on open, the month the fiscal year starts, and the settle period after which a month
// counts as closed. A missing or damaged value reads as its default; a bad new value is refused
// in words before anything is saved.

import type { WorkbookSettings } from '../workbook/table-writer.js';

export const REFRESH_ON_OPEN_KEY = 'meterbook.refreshOnOpen';
export const FISCAL_YEAR_START_KEY = 'meterbook.fiscalYearStartMonth';
export const SETTLE_DAYS_KEY = 'meterbook.settleDays';

/** January. Months are numbered 1 (January) to 12 (December). */
export const DEFAULT_FISCAL_YEAR_START_MONTH = 1;
export const DEFAULT_SETTLE_DAYS = 5;
export const MAX_SETTLE_DAYS = 31;

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const isMonth = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 12;
const isSettleDays = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= MAX_SETTLE_DAYS;

async function readNumber(settings: WorkbookSettings, key: string, valid: (n: number) => boolean, fallback: number): Promise<number> {
  const raw = await settings.get(key);
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return valid(n) ? n : fallback;
}

/** Whether the workbook's tables are refreshed when it opens (default off). */
export async function getRefreshOnOpen(settings: WorkbookSettings): Promise<boolean> {
  return (await settings.get(REFRESH_ON_OPEN_KEY)) === 'true';
}

/** Saves the setting only; `setRefreshOnOpen` in flows/refresh-on-open.ts also tells Excel. */
export async function saveRefreshOnOpen(settings: WorkbookSettings, on: boolean): Promise<void> {
  await settings.set(REFRESH_ON_OPEN_KEY, on ? 'true' : 'false');
}

/** The month the fiscal year starts in: 1 (January, the default) to 12 (December). */
export function getFiscalYearStartMonth(settings: WorkbookSettings): Promise<number> {
  return readNumber(settings, FISCAL_YEAR_START_KEY, isMonth, DEFAULT_FISCAL_YEAR_START_MONTH);
}

export async function setFiscalYearStartMonth(settings: WorkbookSettings, month: number): Promise<void> {
  if (!isMonth(month)) throw new RangeError(`The fiscal year must start in a month from 1 (January) to 12 (December), not ${String(month)}.`);
  await settings.set(FISCAL_YEAR_START_KEY, String(month));
}

/** Days after its end before a month counts as closed and is no longer pulled again (0–31, default 5). */
export function getSettleDays(settings: WorkbookSettings): Promise<number> {
  return readNumber(settings, SETTLE_DAYS_KEY, isSettleDays, DEFAULT_SETTLE_DAYS);
}

/** A message when `text` is not a settle period, undefined when it is one. */
export function settleDaysProblem(text: string): string | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t) && isSettleDays(Number(t))) return undefined;
  return `Enter a whole number of days from 0 to ${MAX_SETTLE_DAYS} (${t === '' ? 'the field is empty' : `"${t}" is not one`}).`;
}

export async function setSettleDays(settings: WorkbookSettings, days: number): Promise<void> {
  const problem = settleDaysProblem(String(days));
  if (problem) throw new RangeError(problem);
  await settings.set(SETTLE_DAYS_KEY, String(days));
}
