// Excel stores dates as serial day numbers (1900 date system; serial 25569 = 1970-01-01). The APIs'
// dates are UTC and are shown as UTC wall-clock time, so no time-zone shift is applied.

const EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

/** The Excel serial of a UTC instant. */
export function toExcelSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + EPOCH_SERIAL;
}

/** The UTC instant of an Excel serial. */
export function fromExcelSerial(serial: number): Date {
  return new Date(Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY));
}

/** The first day of the date's month (UTC). */
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** Reads an API date (`Date`, ISO with or without zone, `yyyy-mm-dd`, the docs' quoted form) as UTC. */
export function parseUtcDate(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== 'string' || v === '') return undefined;
  const plain = v.replace(/'/g, '');
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(plain) ? plain : /^\d{4}-\d{2}-\d{2}$/.test(plain) ? `${plain}T00:00:00Z` : `${plain}Z`;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** First days of every month that [start, end) touches, in order. */
export function monthsBetween(start: Date, endExclusive: Date): Date[] {
  const out: Date[] = [];
  for (let m = monthStart(start); m.getTime() < endExclusive.getTime(); m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) out.push(m);
  return out;
}
