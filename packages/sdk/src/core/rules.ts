// Rules that span several fields, declared in a spec's `x-meterbook-rules`. Each client passes
// the checkers its spec needs (so a browser bundle carries only those); none knows an API:
//   dateRange      two query parameters: start before end, at most maxDays apart
//   bodyDateRange  two dates in the JSON body (JSON Pointers): start before (or on) end,
//                  optionally not in the future and at most maxDays apart
//   forbiddenWhen  a body value that must be absent while another one equals a given value
import { parseApiDateTime } from './dates.js';
import type { ValidationIssue } from './errors.js';
import { fieldLabel, type OperationConstraint, type RequestValues } from './validation.js';

export interface DateRangeRule {
  readonly start: string;
  readonly end: string;
  readonly maxDays: number;
}

export interface BodyDateRangeRule {
  readonly start: string;
  readonly end: string;
  readonly notInFuture?: boolean;
  readonly allowEqual?: boolean;
  readonly maxDays?: number;
}

export interface ForbiddenWhenRule {
  readonly path: string;
  readonly when: { readonly path: string; readonly equals: unknown };
}

export interface SpecRules {
  readonly dateRange?: DateRangeRule;
  readonly bodyDateRange?: BodyDateRangeRule;
  readonly forbiddenWhen?: readonly ForbiddenWhenRule[];
}

/** The value at a JSON Pointer (`/parameters/period/start`), or undefined. */
function valueAt(document: unknown, pointer: string): unknown {
  let current = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** `/parameters/period/start` -> `parameters.period.start`, the name issues use. */
function fieldOf(pointer: string): string {
  return pointer.split('/').slice(1).join('.');
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

const dayMs = 86_400_000;

function checkRange(startName: string, endName: string, startMs: number, endMs: number, rule: { maxDays?: number; allowEqual?: boolean }, shown: [string, string]): ValidationIssue[] {
  if (startMs > endMs || (startMs === endMs && !rule.allowEqual)) {
    const relation = rule.allowEqual ? 'on or before' : 'before';
    return [{ field: startName, message: `${fieldLabel(startName)} must be ${relation} the ${lowerFirst(fieldLabel(endName))} (${shown[0]} is not ${relation} ${shown[1]}).` }];
  }
  const days = (endMs - startMs) / dayMs;
  if (rule.maxDays !== undefined && days > rule.maxDays) {
    return [{ field: endName, message: `The date range is ${Math.ceil(days)} days long; at most ${rule.maxDays} days are allowed. Choose a shorter range, or split it into several.` }];
  }
  return [];
}

/** Checks one kind of rule of `x-meterbook-rules`; each API passes the checkers its spec needs. */
export interface RuleChecker {
  readonly rule: keyof SpecRules;
  check(rules: SpecRules, operation: OperationConstraint, values: RequestValues, flagged: ReadonlySet<string>): ValidationIssue[];
}

/** `dateRange`: two query parameters, start before end, at most maxDays apart. */
export const dateRangeChecker: RuleChecker = {
  rule: 'dateRange',
  check(rules, operation, values, flagged) {
    const range = rules.dateRange;
    const takes = (name: string): boolean => operation.parameters.some((p) => p.name === name);
    if (!range || !takes(range.start) || !takes(range.end) || flagged.has(range.start) || flagged.has(range.end)) return [];
    const start = values.query?.[range.start];
    const end = values.query?.[range.end];
    if (typeof start !== 'string' || typeof end !== 'string') return [];
    // The dates were put in the API's form (UTC without a zone) before the rules are checked.
    const startMs = parseApiDateTime(start)?.getTime() ?? Number.NaN;
    const endMs = parseApiDateTime(end)?.getTime() ?? Number.NaN;
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) return [];
    return checkRange(range.start, range.end, startMs, endMs, range, [start, end]);
  },
};

/** `bodyDateRange`: two body dates, ordered, optionally not in the future and at most maxDays apart. */
export const bodyDateRangeChecker: RuleChecker = {
  rule: 'bodyDateRange',
  check(rules, _operation, values, flagged) {
    const range = rules.bodyDateRange;
    if (!range || values.body === undefined) return [];
    const [startName, endName] = [fieldOf(range.start), fieldOf(range.end)];
    const start = valueAt(values.body, range.start);
    const end = valueAt(values.body, range.end);
    const startMs = typeof start === 'string' ? Date.parse(`${start}T00:00:00Z`) : Number.NaN;
    const endMs = typeof end === 'string' ? Date.parse(`${end}T00:00:00Z`) : Number.NaN;
    if (flagged.has(startName) || flagged.has(endName) || Number.isNaN(startMs) || Number.isNaN(endMs)) return [];
    const issues = checkRange(startName, endName, startMs, endMs, range, [String(start), String(end)]);
    if (range.notInFuture) {
      const today = Math.floor(Date.now() / dayMs) * dayMs;
      for (const [name, ms, text] of [[startName, startMs, start], [endName, endMs, end]] as const) {
        if (ms > today) issues.push({ field: name, message: `${fieldLabel(name)} is in the future (${String(text)}): usage can only be reported up to today (UTC).` });
      }
    }
    return issues;
  },
};

/** `forbiddenWhen`: a body value that must be absent while another one equals a given value. */
export const forbiddenWhenChecker: RuleChecker = {
  rule: 'forbiddenWhen',
  check(rules, _operation, values) {
    const issues: ValidationIssue[] = [];
    for (const rule of rules.forbiddenWhen ?? []) {
      if (values.body === undefined || valueAt(values.body, rule.path) === undefined || valueAt(values.body, rule.when.path) !== rule.when.equals) continue;
      const name = fieldOf(rule.path);
      issues.push({ field: name, message: `${fieldLabel(name)} must be left out when ${lowerFirst(fieldLabel(fieldOf(rule.when.path)))} is ${String(rule.when.equals)}.` });
    }
    return issues;
  },
};

/** Problems with the cross-field rules; fields that already have an issue are not checked again. */
export function checkRules(rules: SpecRules, checkers: readonly RuleChecker[], operation: OperationConstraint, values: RequestValues, known: readonly ValidationIssue[]): ValidationIssue[] {
  for (const rule of Object.keys(rules)) {
    // A spec rule nobody checks would pass silently: fail loudly instead (caught by every test).
    if (!checkers.some((checker) => checker.rule === rule)) throw new Error(`No checker for the spec rule ${rule}`);
  }
  const flagged = new Set(known.map((issue) => issue.field));
  return checkers.flatMap((checker) => checker.check(rules, operation, values, flagged));
}
