// Turns what a caller passes into the API's parameters, and refuses bad input before sending.
import { toApiDateTime } from '../core/dates.js';
import { ValidationError, type ValidationIssue } from '../core/errors.js';
import { dateRangeChecker } from '../core/rules.js';
import { checkRequest, fieldLabel, operationConstraint, type ParameterConstraint, type RequestValues } from '../core/validation.js';
import { spec } from '../generated/usage-v2.constraints.gen.js';

export type UsageOperationId = keyof typeof spec.operations;

/** The checkers of the spec's cross-field rules. */
const checkers = [dateRangeChecker];

/** Names the caller may pass for an operation, beyond its spec parameters. */
const extraKeys: Partial<Record<UsageOperationId, string[]>> = { createUsageReport: ['subAccounts'] };

/** The issue for a date parameter that could not be read, in the words every call uses. */
export function unreadableDate(name: string, value: unknown): ValidationIssue {
  return { field: name, message: `${fieldLabel(name)} is not a real date: use a Date, or text like 2024-01-31 or 2024-01-31T00:00:00 (UTC). Got ${JSON.stringify(value instanceof Date ? 'Invalid Date' : value)}.` };
}

function normalize(name: string, value: unknown, issues: ValidationIssue[]): unknown {
  if (name === 'startDate' || name === 'endDate') {
    if (value === undefined) return undefined;
    const formatted = toApiDateTime(value);
    if (formatted === undefined) issues.push(unreadableDate(name, value));
    return formatted;
  }
  if (name === 'groupBy' && Array.isArray(value)) return value.join(',');
  if (typeof value === 'string' && value.trim() === '' && name !== 'realmId' && name !== 'reportId') return undefined;
  return value;
}

// The parameters a caller may pass, by name, worked out once per operation rather than per call.
const byName = new Map<UsageOperationId, Map<string, ParameterConstraint>>();

function parametersByName(operationId: UsageOperationId): Map<string, ParameterConstraint> {
  let known = byName.get(operationId);
  if (known === undefined) {
    // No header parameter is in the table (the generator leaves them to the transport).
    known = new Map(operationConstraint(spec, operationId).parameters.map((p) => [p.name, p]));
    byName.set(operationId, known);
  }
  return known;
}

export interface BuiltRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
}

/**
 * Splits the caller's flat parameters into path and query values, converts dates and lists,
 * and validates everything against the spec. Throws ValidationError listing every problem.
 */
export function buildRequest(operationId: UsageOperationId, input: unknown): BuiltRequest {
  const issues: ValidationIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError(operationId, [{ field: 'params', message: 'The parameters must be an object, e.g. { realmId, startDate, endDate }.' }]);
  }
  const params = input as Record<string, unknown>;
  const known = parametersByName(operationId);
  const values: RequestValues & BuiltRequest = { path: {}, query: {} };
  for (const [name, raw] of Object.entries(params)) {
    const parameter = known.get(name);
    if (parameter === undefined) {
      if (extraKeys[operationId]?.includes(name)) continue;
      const near = [...known.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
      issues.push({ field: name, message: `"${name}" is not a parameter of this request${near ? `: did you mean ${near}?` : '.'}` });
      continue;
    }
    const value = normalize(name, raw, issues);
    if (value !== undefined) (parameter.in === 'path' ? values.path : values.query)[name] = value;
  }
  if (operationId === 'createUsageReport' && params.subAccounts !== undefined) values.body = { subAccounts: params.subAccounts };
  // A date that could not be read is reported once, not again as "required".
  checkRequest(spec, checkers, operationId, values, issues);
  return values;
}
