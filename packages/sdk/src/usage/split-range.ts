// A range of any length as windows the Usage API answers in one call each: cut at every UTC
// calendar-month start, so a record at a month boundary belongs to the later window only.
import { parseApiDateTime, toApiDateTime } from '../core/dates.js';
import { ValidationError, type ValidationIssue } from '../core/errors.js';
import { dateRangeChecker } from '../core/rules.js';
import { operationConstraint } from '../core/validation.js';
import { spec } from '../generated/usage-v2.constraints.gen.js';
import { unreadableDate } from './params.js';
import type { DateInput, DateWindow } from './types.js';

const dayMs = 86_400_000;
const rule = spec.rules.dateRange;

/** The most days one Usage API call may span (the spec's dateRange rule): a report, one call, takes no more. */
export const maxDaysPerCall: number = rule.maxDays;

function readDate(name: 'startDate' | 'endDate', value: unknown, issues: ValidationIssue[]): string | undefined {
  const formatted = toApiDateTime(value);
  if (formatted === undefined) issues.push(unreadableDate(name, value));
  return formatted;
}

/**
 * The range as half-open `[start, end)` windows in time order, contiguous, cut at every UTC
 * month start strictly inside it (and, should the spec's limit ever be shorter than a month,
 * at that many days). Throws a ValidationError naming the field for an unreadable date or a
 * start that is not before the end. Takes what every date parameter takes; text without a zone is UTC.
 */
export function splitRange(startDate: DateInput, endDate: DateInput): DateWindow[] {
  return windowsOf(startDate, endDate, 'splitRange');
}

/** splitRange, with the call to name in the error. */
export function windowsOf(startDate: DateInput, endDate: DateInput, operation: string): DateWindow[] {
  const issues: ValidationIssue[] = [];
  const start = readDate('startDate', startDate, issues);
  const end = readDate('endDate', endDate, issues);
  if (start !== undefined && end !== undefined) {
    // The spec's order rule, without its length limit: that applies to each window, not the range.
    const order = { dateRange: { ...rule, maxDays: Number.POSITIVE_INFINITY } };
    issues.push(...dateRangeChecker.check(order, operationConstraint(spec, 'getUsage'), { query: { [rule.start]: start, [rule.end]: end } }, new Set()));
  }
  if (issues.length > 0 || start === undefined || end === undefined) throw new ValidationError(operation, issues);
  const endMs = (parseApiDateTime(end) as Date).getTime();
  const windows: DateWindow[] = [];
  let from = parseApiDateTime(start) as Date;
  while (from.getTime() < endMs) {
    const monthEnd = Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1);
    const to = Math.min(monthEnd, endMs, from.getTime() + rule.maxDays * dayMs);
    windows.push({ startDate: from, endDate: new Date(to) });
    from = new Date(to);
  }
  return windows;
}
