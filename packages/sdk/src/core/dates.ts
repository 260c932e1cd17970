// Dates in and out. The API takes `yyyy-MM-dd'T'HH:mm:ss` in UTC with no zone; its documents
// print the pattern's quotes into samples (`2022-03-01'T'00:00:00`). We send the plain form and
// read both forms, plus ISO 8601 with a zone, always as UTC.

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const localForm = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** A Date as the API's UTC form, e.g. `2024-01-31T00:00:00` (milliseconds are dropped). */
export function formatApiDateTime(date: Date): string {
  // toISOString writes the years 0 to 9999 as four digits (0987, not 987), in UTC: the API's
  // form followed by `.sssZ`. A year outside them (+010000) is no date the API takes either way
  // (the spec's pattern refuses it); an invalid Date stays text no check lets through.
  return Number.isNaN(date.getTime()) ? String(date) : date.toISOString().slice(0, -5);
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
  // In the API's form (the usual case, on every call): checked digit by digit, so a day that
  // JavaScript would roll over (2024-02-31) is refused, and sent as it is.
  const plain = plainTime(candidate, 0, candidate.length);
  if (plain !== undefined) return Number.isNaN(plain) ? undefined : candidate;
  const parsed = parseOtherForms(candidate);
  return parsed === undefined ? undefined : formatApiDateTime(parsed);
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two digits of `text` at `at` as a number, or -1 when they are not two digits. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The time of a plain-form value (`2024-01-31T00:00:00`), here `text.slice(at, end)`: undefined
 * when the value has another shape, NaN when it has this shape but names no real moment
 * (2024-02-31, 24:00). Read digit by digit and in place because every row of a report carries
 * one: a regular expression, a lookup or a sliced string cost more.
 */
function plainTime(text: string, at: number, end: number): number | undefined {
  if (end - at !== 19 || text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45 || text.charCodeAt(at + 10) !== 84 || text.charCodeAt(at + 13) !== 58 || text.charCodeAt(at + 16) !== 58) return undefined;
  const century = twoDigits(text, at);
  const yy = twoDigits(text, at + 2);
  const month = twoDigits(text, at + 5);
  const day = twoDigits(text, at + 8);
  const hour = twoDigits(text, at + 11);
  const minute = twoDigits(text, at + 14);
  const second = twoDigits(text, at + 17);
  if ((century | yy | month | day | hour | minute | second) < 0) return undefined;
  const year = century * 100 + yy;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = (monthDays[month - 1] ?? 0) + (leap ? 1 : 0);
  if (day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return ((epochDay(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

/**
 * Days from 1970-01-01 to a day of the proleptic Gregorian calendar, counted in 400-year eras of
 * years that start in March (so a leap day ends its year). Date.UTC would do it too, but reads
 * the years 0 to 99 as 1900 to 1999, and costs more on a million rows.
 */
function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** A date from a response, in any of the forms above, as a UTC Date; undefined if unreadable. */
export function parseApiDateTime(value: string): Date | undefined {
  return readApiDateTimeAt(value, 0, value.length);
}

/** `parseApiDateTime(text.slice(start, end))`, read in place (no string made) in the plain form. */
export function readApiDateTimeAt(text: string, start: number, end: number): Date | undefined {
  const time = plainTime(text, start, end);
  if (time === undefined) return parseOtherForms(text.slice(start, end));
  return Number.isNaN(time) ? undefined : new Date(time);
}

function parseOtherForms(value: string): Date | undefined {
  const text = value.replace(/'/g, '').trim();
  if (text === '') return undefined;
  const iso = localForm.test(text) ? `${text}Z` : dateOnly.test(text) ? `${text}T00:00:00Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}
