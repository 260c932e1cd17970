// Hours are the data set's unit of time: an integer count of hours since the Unix epoch (UTC).

export const HOUR_MS = 3_600_000;

/** Parses the API's `yyyy-MM-ddTHH:mm:ss` (UTC, no zone); undefined when not a real date. */
export function parseApiDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2021-02-30 over to March; a round trip catches such impossible dates.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return date;
}

/** Formats as `yyyy-MM-ddTHH:mm:ss` (UTC), the form the API uses. */
export function formatApiDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export function hourOf(date: Date): number {
  return Math.floor(date.getTime() / HOUR_MS);
}

export function hourToDate(hour: number): Date {
  return new Date(hour * HOUR_MS);
}

/** The start of the current hour: the default "now" of the data set. */
export function currentHour(): Date {
  return hourToDate(Math.floor(Date.now() / HOUR_MS));
}
