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

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** The plain API form without regular expressions: every record of a page carries one. */
function parsePlainForm(text: string): Date | undefined {
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // NaN (a non-digit) fails every comparison below.
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // 2024-02-31 would roll over into March: that is not a date.
  return date.getUTCDate() === day ? date : undefined;
}

/** A date from a response, in any of the forms above, as a UTC Date; undefined if unreadable. */
export function parseApiDateTime(value: string): Date | undefined {
  if (value.length === 19 && value.charCodeAt(10) === 84 /* T */) return parsePlainForm(value);
  const text = value.replace(/'/g, '').trim();
  if (text === '') return undefined;
  const iso = localForm.test(text) ? `${text}Z` : dateOnly.test(text) ? `${text}T00:00:00Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}
