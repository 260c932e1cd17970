// Date range presets, custom ranges and their limits, stated in the pane's words before the SDK
// is asked. All dates are UTC, as the API's are; every end is exclusive, as the SDK takes it,
// and every label names the last day included.

import { maxDaysPerCall } from '@meterbook/sdk';

export type RangePreset = 'thisMonth' | 'lastMonth' | 'last30' | 'last90' | 'custom';

/** The Usage API's days per call, from its spec's dateRange rule: a report, one call, takes no more. */
export const MAX_RANGE_DAYS = maxDaysPerCall;
const DAY = 86_400_000;

export interface DateRange {
  /** `yyyy-MM-ddTHH:mm:ss`, UTC, as the API takes it. */
  startDate: string;
  endDate: string;
}

export function apiDateTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

const utcDay = (y: number, m: number, d = 1): Date => new Date(Date.UTC(y, m, d));

/** The range of a preset; `custom` takes `yyyy-mm-dd` days, the end day included. */
export function presetRange(preset: RangePreset, now: Date, custom?: { from: string; to: string }): DateRange {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = utcDay(y, m, now.getUTCDate());
  const tomorrow = new Date(today.getTime() + DAY);
  switch (preset) {
    case 'thisMonth': return { startDate: apiDateTime(utcDay(y, m)), endDate: apiDateTime(tomorrow) };
    case 'lastMonth': return { startDate: apiDateTime(utcDay(y, m - 1)), endDate: apiDateTime(utcDay(y, m)) };
    case 'last30': return { startDate: apiDateTime(new Date(tomorrow.getTime() - 30 * DAY)), endDate: apiDateTime(tomorrow) };
    case 'last90': return { startDate: apiDateTime(new Date(tomorrow.getTime() - 90 * DAY)), endDate: apiDateTime(tomorrow) };
    case 'custom': {
      const from = parseDay(custom?.from ?? '');
      const to = parseDay(custom?.to ?? '');
      if (!from || !to) throw new RangeError('Enter both dates of the custom range as yyyy-mm-dd.');
      return { startDate: apiDateTime(from), endDate: apiDateTime(new Date(to.getTime() + DAY)) };
    }
  }
}

function parseDay(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const d = utcDay(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // 2025-02-30 would roll over into March: a day that does not exist is refused.
  return d.toISOString().slice(0, 10) === m[0] ? d : undefined;
}

/** The presets a finance user expects; `last30` and `last90` are the pane's earlier ones. */
export type PresetId = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'lastQuarter' | 'yearToDate' | 'last12Months' | 'fiscalYearToDate' | 'last30' | 'last90';

/** The longest custom range, in months: a guard against a typo pulling a decade. */
export const MAX_CUSTOM_MONTHS = 36;

export interface ResolvedRange {
  /** Inclusive start and exclusive end, UTC. */
  startDate: Date;
  endDate: Date;
  /** E.g. "1 Nov 2026 – 30 Nov 2026": the last day included. */
  label: string;
  /** True when the period reaches past now and so ends at now. */
  clippedToNow: boolean;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "1 Dec 2026". */
function dayLabel(d: Date): string {
  return `${d.getUTCDate()} ${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The days of `[start, end)` in words, naming the last day included. */
function rangeLabel(start: Date, end: Date): string {
  const first = dayLabel(start);
  const last = dayLabel(new Date(end.getTime() - 1));
  // A one-day range ("this month" on the 1st) names its day once, as captions do.
  return first === last ? first : `${first} – ${last}`;
}

/** The notice shown when a range was moved back to end at now. */
export function clippedNotice(now: Date): string {
  return `The range ends today, ${dayLabel(now)}: data after now does not exist yet.`;
}

function ending(startDate: Date, nominalEnd: Date, now: Date): ResolvedRange {
  const clippedToNow = nominalEnd.getTime() > now.getTime();
  const endDate = clippedToNow ? now : nominalEnd;
  return { startDate, endDate, label: rangeLabel(startDate, endDate), clippedToNow };
}

/**
 * The range of a preset at `now`. Periods that include today (this month, this quarter, the
 * "to date" ones, the last 30 or 90 days) end at now and say so. `last12Months` is the 12 whole
 * months before the current one plus the current month to now; `fiscalYearToDate` starts on the
 * 1st of `fiscalYearStartMonth` (1 = January, the default) on or before now.
 */
export function resolvePreset(id: PresetId, opts: { now: Date; fiscalYearStartMonth?: number }): ResolvedRange {
  const { now } = opts;
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const quarter = m - (m % 3);
  const tomorrow = utcDay(y, m, now.getUTCDate() + 1);
  switch (id) {
    case 'thisMonth': return ending(utcDay(y, m), utcDay(y, m + 1), now);
    case 'lastMonth': return ending(utcDay(y, m - 1), utcDay(y, m), now);
    case 'thisQuarter': return ending(utcDay(y, quarter), utcDay(y, quarter + 3), now);
    case 'lastQuarter': return ending(utcDay(y, quarter - 3), utcDay(y, quarter), now);
    case 'yearToDate': return ending(utcDay(y, 0), tomorrow, now);
    case 'last12Months': return ending(utcDay(y, m - 12), tomorrow, now);
    case 'fiscalYearToDate': {
      const first = (opts.fiscalYearStartMonth ?? 1) - 1;
      if (!Number.isInteger(first) || first < 0 || first > 11) throw new RangeError(`The fiscal year's first month must be 1 (January) to 12 (December); got ${String(opts.fiscalYearStartMonth)}.`);
      return ending(utcDay(first <= m ? y : y - 1, first), tomorrow, now);
    }
    case 'last30': return ending(utcDay(y, m, now.getUTCDate() - 29), tomorrow, now);
    case 'last90': return ending(utcDay(y, m, now.getUTCDate() - 89), tomorrow, now);
  }
}

export type CustomRangeCheck =
  | { ok: true; startDate: Date; endDate: Date; clippedToNow: boolean; notice?: string }
  | { ok: false; field: 'start' | 'end'; message: string };

/**
 * A custom range of days (`yyyy-mm-dd`, the end day included) checked at `now`: both days real,
 * the end not before the start, the start not after today, at most MAX_CUSTOM_MONTHS months; an
 * end past now is moved back to now, with a notice saying so.
 */
export function checkCustomRange(start: string, end: string, now: Date): CustomRangeCheck {
  const from = parseDay(start);
  if (!from) return { ok: false, field: 'start', message: start.trim() === '' ? 'Enter a start date, e.g. 2026-11-01.' : `The start date "${start.trim()}" is not a real day: enter it as yyyy-mm-dd, e.g. 2026-11-01.` };
  const to = parseDay(end);
  if (!to) return { ok: false, field: 'end', message: end.trim() === '' ? 'Enter an end date, e.g. 2026-11-30.' : `The end date "${end.trim()}" is not a real day: enter it as yyyy-mm-dd, e.g. 2026-11-30.` };
  if (to.getTime() < from.getTime()) {
    return { ok: false, field: 'end', message: `The end date, ${dayLabel(to)}, is before the start date, ${dayLabel(from)}: choose an end on or after the start.` };
  }
  if (from.getTime() >= now.getTime()) {
    return { ok: false, field: 'start', message: `The start date, ${dayLabel(from)}, is after now (${dayLabel(now)}): there is no usage for it yet.` };
  }
  const range = ending(from, new Date(to.getTime() + DAY), now);
  const limit = utcDay(from.getUTCFullYear(), from.getUTCMonth() + MAX_CUSTOM_MONTHS, from.getUTCDate());
  if (range.endDate.getTime() > limit.getTime()) {
    return { ok: false, field: 'end', message: `The range ${range.label} is longer than ${MAX_CUSTOM_MONTHS} months, the most one pull takes: end it by ${dayLabel(new Date(limit.getTime() - DAY))}, or pull it in parts.` };
  }
  const { startDate, endDate, clippedToNow } = range;
  return clippedToNow ? { ok: true, startDate, endDate, clippedToNow, notice: clippedNotice(now) } : { ok: true, startDate, endDate, clippedToNow };
}
