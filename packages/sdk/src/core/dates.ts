// Dates in and out. The API takes `yyyy-MM-dd'T'HH:mm:ss` in UTC with no zone; its documents
// print the pattern's quotes into samples (`2022-03-01'T'00:00:00`). We send the plain form and
// read both forms, plus ISO 8601 with a zone, always as UTC.

const apiForm = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const localForm = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A Date as the API's UTC form, e.g. `2024-01-31T00:00:00` (milliseconds are dropped). */
export function formatApiDateTime(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/**
 * A Date, or a string (`2024-01-31`, `2024-01-31T00:00:00`, or ISO 8601 with a zone), in the
 * API's form. Returns undefined when the value is not a real date.
 */
export function toApiDateTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatApiDateTime(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const candidate = dateOnly.test(text) ? `${text}T00:00:00` : text;
  const parsed = parseApiDateTime(candidate);
  if (parsed === undefined) return undefined;
  const formatted = formatApiDateTime(parsed);
  // Reject dates that JavaScript silently rolls over, such as 2024-02-31.
  if (apiForm.test(candidate) && formatted !== candidate) return undefined;
  return formatted;
}

const plainForm = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/;

// Times of plain-form values read lately. A report or page repeats few distinct dates (one per
// day or hour) over many rows, so a lookup replaces most parses; cleared when full.
const recentTimes = new Map<string, number>();
const recentLimit = 4096;

/** A date from a response, in any of the forms above, as a UTC Date; undefined if unreadable. */
export function parseApiDateTime(value: string): Date | undefined {
  const known = recentTimes.get(value);
  if (known !== undefined) return new Date(known);
  // The plain form is read directly: every record of a page carries one, so this path is hot.
  const m = plainForm.exec(value);
  if (m === null) return parseOtherForms(value);
  const [year, month, day, hour, minute, second] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // 2024-02-31 or 24:00 would roll over: that is not a date.
  const exact = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  if (!exact) return undefined;
  if (recentTimes.size >= recentLimit) recentTimes.clear();
  recentTimes.set(value, date.getTime());
  return date;
}

function parseOtherForms(value: string): Date | undefined {
  const text = value.replace(/'/g, '').trim();
  if (text === '') return undefined;
  const iso = localForm.test(text) ? `${text}Z` : dateOnly.test(text) ? `${text}T00:00:00Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}
