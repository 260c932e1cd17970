// The Get data form's date ranges: the finance presets (dates.ts computes them) as options in
// words, the range each gives as query parameters, and the rule a history table keeps so that
// refresh moves with it (a rolling "last 12 months" stays the last 12 months).

import { apiDateTime, checkCustomRange, clippedNotice, resolvePreset, type PresetId } from './dates.js';
import type { QueryParams, StoredRangeRule } from '../workbook/query-store.js';

export type FormPreset = Exclude<PresetId, 'last30' | 'last90'> | 'custom';

export const FORM_PRESETS: readonly FormPreset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'yearToDate', 'last12Months', 'fiscalYearToDate', 'custom'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY = 86_400_000;

/** Days of the current month so far, today included. */
const daysSoFar = (now: Date): number => now.getUTCDate();

/** The option text of a preset at `now`: "This month" says how far it has got. */
export function presetText(id: FormPreset, now: Date, fiscalYearStartMonth = 1): string {
  switch (id) {
    case 'thisMonth': { const n = daysSoFar(now); return `This month so far (${n} ${n === 1 ? 'day' : 'days'})`; }
    case 'lastMonth': return 'Last month';
    case 'thisQuarter': return 'This quarter so far';
    case 'lastQuarter': return 'Last quarter';
    case 'yearToDate': return 'Year to date';
    case 'last12Months': return 'Last 12 months and this month so far';
    case 'fiscalYearToDate': return `Fiscal year to date (starts in ${MONTHS[fiscalYearStartMonth - 1] ?? 'January'})`;
    case 'custom': return 'Custom…';
  }
}

/**
 * The preset chosen when the form opens. On the first days of a month "this month" holds a day
 * or two of data that is still landing, while last month is what finance closes then: so
 * "Last month" during the settle period (default 5 days), "This month so far" after it.
 */
export function defaultPreset(now: Date, settleDays = 5): FormPreset {
  return daysSoFar(now) <= Math.max(1, settleDays) ? 'lastMonth' : 'thisMonth';
}

export interface FormRange {
  /** The query's `startDate` and `endDate` (UTC, end exclusive). */
  params: QueryParams & { startDate: string; endDate: string };
  /** What a history table keeps to move with the range. */
  rule: StoredRangeRule;
  /** "1 Nov 2026 – 30 Nov 2026": the last day included. */
  label: string;
  /** Set when the range reached past now and ends at now. */
  notice?: string;
  /** Whole days covered (a partial day counts): a month or more makes history the default. */
  days: number;
}

export type FormRangeResult = { ok: true; range: FormRange } | { ok: false; field?: 'start' | 'end'; message: string };

/** The range of a preset (custom: `yyyy-mm-dd` days, the end included) at `now`, or why it cannot be used. */
export function formRange(opts: { id: FormPreset; now: Date; fiscalYearStartMonth?: number; from?: string; to?: string }): FormRangeResult {
  const { id, now } = opts;
  if (id === 'custom') {
    const c = checkCustomRange(opts.from ?? '', opts.to ?? '', now);
    if (!c.ok) return { ok: false, field: c.field, message: c.message };
    // The history keeps the end asked for: a refresh later moves it on until that day is past.
    const askedEnd = new Date(Date.parse(`${(opts.to ?? '').trim()}T00:00:00Z`) + DAY);
    const rule: StoredRangeRule = { kind: 'fixed', start: apiDateTime(c.startDate), end: apiDateTime(askedEnd) };
    return { ok: true, range: build(c.startDate, c.endDate, rule, c.notice) };
  }
  let r;
  try { r = resolvePreset(id, { now, fiscalYearStartMonth: opts.fiscalYearStartMonth }); } catch (e) { return { ok: false, message: (e as Error).message }; }
  const start = apiDateTime(r.startDate);
  const rule: StoredRangeRule = id === 'thisMonth' ? { kind: 'rolling', months: 0 }
    : id === 'last12Months' ? { kind: 'rolling', months: 12 }
    : id === 'yearToDate' || id === 'fiscalYearToDate' ? { kind: 'toDate', start }
    : { kind: 'fixed', start, end: apiDateTime(nominalEnd(id, r.startDate)) };
  return { ok: true, range: build(r.startDate, r.endDate, rule, r.clippedToNow ? clippedNotice(now) : undefined, r.label) };
}

/** The end of a fixed preset's whole period (a quarter still running ends at now, then at its end). */
function nominalEnd(id: FormPreset, start: Date): Date {
  const months = id === 'thisQuarter' || id === 'lastQuarter' ? 3 : 1;
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
}

function build(start: Date, end: Date, rule: StoredRangeRule, notice: string | undefined, label?: string): FormRange {
  const words = label ?? `${dayWords(start)} – ${dayWords(new Date(end.getTime() - 1))}`;
  return {
    params: { startDate: apiDateTime(start), endDate: apiDateTime(end) },
    rule, label: words, days: Math.ceil((end.getTime() - start.getTime()) / DAY),
    ...(notice ? { notice } : {}),
  };
}

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayWords = (d: Date): string => `${d.getUTCDate()} ${SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

/** Whether "Keep as a history" starts ticked: a month or more, at hour, day or month detail. */
export function historyByDefault(range: Pick<FormRange, 'days'>, detailLevel: string): boolean {
  return range.days >= 28 && ['hour', 'day', 'month'].includes(detailLevel);
}
