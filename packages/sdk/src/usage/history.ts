// The plan of a history refresh, as a pure function of the range rule, the windows a table
// holds and the clock: closed periods are kept, open and new ones are pulled, periods the range
// has left are dropped (Power BI's "store N periods, refresh the last M", decided per window).
import { parseApiDateTime, toApiDateTime } from '../core/dates.js';
import { ValidationError } from '../core/errors.js';
import { windowsOf } from './split-range.js';
import type { DateInput, DateWindow } from './types.js';

const dayMs = 86_400_000;

/**
 * What range a history covers:
 * - `fixed`: `[start, end)`;
 * - `rolling`: the N whole UTC calendar months before the current one, plus the current month up
 *   to now (`months: 12` on 2026-12-10 is 2025-12-01 to 2026-12-10 now; `months: 0` is month to date);
 * - `toDate`: from `start` to now.
 * Whatever the rule, a range reaching past now ends at now.
 */
export type RangeRule = { kind: 'fixed'; start: DateInput; end: DateInput } | { kind: 'rolling'; months: number } | { kind: 'toDate'; start: DateInput };

/** A window a history table holds: its bounds, how many rows it has, and when it was pulled. */
export interface HeldWindow extends DateWindow {
  rows: number;
  pulledAt: Date;
}

export interface HistoryPlanInput {
  rule: RangeRule;
  /** The windows the table holds now (none for a first pull). */
  windows: readonly HeldWindow[];
  now: Date;
  /** Days after its end until a window's data is final (default 5). */
  settleDays?: number;
}

/** A window to pull, and why: never held, held but still open (or grown since: same start, later end), or held but pulled before it settled. */
export interface PlannedPull extends DateWindow {
  reason: 'new' | 'open' | 'unsettled';
}

export interface HistoryPlan {
  /** The resolved range, `[startDate, endDate)`... */
  startDate: Date;
  endDate: Date;
  /** ...whose end was moved back to now (to the second): data after now does not exist yet. */
  clippedToNow: boolean;
  /** Every window of the range, in time order: what the table holds after the refresh. */
  windows: DateWindow[];
  /** Held windows that are closed (end more than settleDays before now) and were pulled after they closed: left untouched. */
  keep: HeldWindow[];
  /** Windows to pull, in time order; a held window with the same bounds is replaced by the pull. */
  pull: PlannedPull[];
  /** Held windows that are no longer windows of the range (left behind by a rolling range, or with other bounds): their rows go. */
  drop: HeldWindow[];
}

function readDate(value: DateInput): Date | undefined {
  const text = toApiDateTime(value);
  return text === undefined ? undefined : parseApiDateTime(text);
}

function resolveRange(rule: RangeRule, now: Date): { start: DateInput; end: DateInput; clippedToNow: boolean } {
  if (rule.kind === 'rolling') {
    if (!Number.isInteger(rule.months) || rule.months < 0) {
      throw new ValidationError('historyPlan', [{ field: 'months', message: `The number of whole months before the current one must be a whole number, 0 or more (got ${String(rule.months)}).` }]);
    }
    return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - rule.months, 1)), end: now, clippedToNow: false };
  }
  if (rule.kind === 'toDate') return { start: rule.start, end: now, clippedToNow: false };
  const end = readDate(rule.end);
  const clippedToNow = end !== undefined && end.getTime() > now.getTime();
  return { start: rule.start, end: clippedToNow ? now : rule.end, clippedToNow };
}

/** Which windows of a history table to keep, pull and drop at `now`. Throws a ValidationError for a range that cannot be read. */
export function planHistory(input: HistoryPlanInput): HistoryPlan {
  const settleDays = input.settleDays ?? 5;
  if (!Number.isFinite(settleDays) || settleDays < 0) {
    throw new ValidationError('historyPlan', [{ field: 'settleDays', message: `The settle period must be 0 days or more (got ${String(settleDays)}).` }]);
  }
  // The API reads seconds: so does the plan, so a window's end compares equal from one refresh to the next.
  const now = new Date(Math.floor(input.now.getTime() / 1000) * 1000);
  const { start, end, clippedToNow } = resolveRange(input.rule, now);
  const windows = windowsOf(start, end, 'historyPlan');
  const held = new Map(input.windows.map((w) => [`${w.startDate.getTime()}/${w.endDate.getTime()}`, w]));
  const heldStarts = new Set(input.windows.map((w) => w.startDate.getTime()));
  const keep: HeldWindow[] = [];
  const pull: PlannedPull[] = [];
  for (const window of windows) {
    const key = `${window.startDate.getTime()}/${window.endDate.getTime()}`;
    const mine = held.get(key);
    held.delete(key);
    const closedAt = window.endDate.getTime() + settleDays * dayMs;
    if (mine === undefined) pull.push({ ...window, reason: heldStarts.has(window.startDate.getTime()) ? 'open' : 'new' });
    else if (closedAt >= now.getTime()) pull.push({ ...window, reason: 'open' });
    else if (mine.pulledAt.getTime() <= closedAt) pull.push({ ...window, reason: 'unsettled' });
    else keep.push(mine);
  }
  const first = windows[0] as DateWindow;
  const last = windows[windows.length - 1] as DateWindow;
  return { startDate: first.startDate, endDate: last.endDate, clippedToNow, windows, keep, pull, drop: [...held.values()] };
}
