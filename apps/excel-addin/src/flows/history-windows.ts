// The month windows of a history table: each record counted into the window its time falls in,
// runs of windows that follow one another (one `usage.range` call each), and the conversions
// between the saved form and the SDK's.

import { formatApiDateTime, parseApiDateTime, type DateWindow, type UsageRecord } from '@meterbook/sdk';
import type { HeldWindow } from '@meterbook/sdk/history';
import type { StoredWindow } from '../workbook/query-store.js';

const readTime = (s: string): Date => {
  const d = parseApiDateTime(s) ?? new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`The history's window date "${s}" could not be read: insert the table again.`);
  return d;
};

/** The saved windows as the SDK's planner takes them. */
export const heldWindows = (ws: readonly StoredWindow[]): HeldWindow[] =>
  ws.map((w) => ({ startDate: readTime(w.start), endDate: readTime(w.end), rows: w.rows, pulledAt: new Date(w.pulledAt) }));

export const storedWindow = (w: DateWindow, rows: number, pulledAt: Date): StoredWindow =>
  ({ start: formatApiDateTime(w.startDate), end: formatApiDateTime(w.endDate), rows, pulledAt: pulledAt.toISOString() });

/** Windows that follow one another without a gap, as runs (one `usage.range` call each). */
export function contiguousRuns<T extends DateWindow>(windows: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const w of windows) {
    const last = runs.at(-1);
    if (last && (last.at(-1) as T).endDate.getTime() === w.startDate.getTime()) last.push(w);
    else runs.push([w]);
  }
  return runs;
}

/**
 * Counts records (in time order) into their windows. A record before the first window's start
 * (a month bucket of a range starting mid-month) counts into the first; one past a window's end
 * moves on. A record without a time cannot be placed: history needs the Date column.
 */
export function countByWindow(records: readonly UsageRecord[], windows: readonly DateWindow[]): number[] {
  const counts = windows.map(() => 0);
  let i = 0;
  for (const r of records) {
    const t = r.usageDateTime?.getTime();
    if (t === undefined) throw new Error('A history table needs the Date column: insert it again with Date among the fields, or without keeping it as a history.');
    while (i < windows.length - 1 && t >= (windows[i] as DateWindow).endDate.getTime()) i++;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
