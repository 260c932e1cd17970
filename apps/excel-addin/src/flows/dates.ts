// Date range presets and the 95-day cap, stated in the pane's words before the SDK is asked.
// All dates are UTC, as the API's are.

export type RangePreset = 'thisMonth' | 'lastMonth' | 'last30' | 'last90' | 'custom';

export const MAX_RANGE_DAYS = 95;
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

/** A message when the range is unusable, undefined when it is fine. */
export function rangeProblem(r: DateRange): string | undefined {
  const start = Date.parse(`${r.startDate}Z`);
  const end = Date.parse(`${r.endDate}Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return 'The dates could not be read.';
  if (end <= start) return 'The end date must come after the start date.';
  const days = (end - start) / DAY;
  if (days > MAX_RANGE_DAYS) {
    return `The range covers ${Math.ceil(days)} days; the Usage API allows at most ${MAX_RANGE_DAYS}. Shorten the range, or pull it in parts.`;
  }
  return undefined;
}
