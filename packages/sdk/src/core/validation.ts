// Checks a request against the constraints generated from its spec, before anything is sent.
// The rules live in the spec; this file only knows how to read them and say what is wrong in
// words a finance user understands.
import type { ValidationIssue } from './errors.js';

export interface SchemaBounds {
  readonly type?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: SchemaBounds;
  readonly properties?: { readonly [name: string]: SchemaBounds };
}

export interface ParameterConstraint {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: SchemaBounds;
}

/** An operation as generated: its parameters are keys into the spec's parameter table. */
export interface GeneratedOperation {
  readonly method: string;
  readonly path: string;
  readonly server?: string;
  readonly parameters: readonly string[];
  readonly body?: OperationConstraint['body'];
}

/** The generated constraints of one spec. */
export interface GeneratedSpec {
  readonly defaultServer: string;
  readonly parameters: { readonly [key: string]: ParameterConstraint };
  readonly operations: { readonly [operationId: string]: GeneratedOperation };
  readonly rules: { readonly dateRange?: DateRangeRule };
}

/** An operation with its parameters looked up in the table. */
export function operationConstraint(spec: GeneratedSpec, operationId: string): OperationConstraint {
  const operation = spec.operations[operationId];
  if (operation === undefined) throw new Error(`No operation ${operationId} in the spec`);
  return { ...operation, parameters: operation.parameters.map((key) => spec.parameters[key] as ParameterConstraint) };
}

export interface OperationConstraint {
  readonly method: string;
  readonly path: string;
  readonly server?: string;
  readonly parameters: readonly ParameterConstraint[];
  readonly body?: { readonly required: boolean; readonly mediaType: string; readonly schema: SchemaBounds };
}

/** A spec-wide rule that a range between two date parameters is ordered and bounded. */
export interface DateRangeRule {
  readonly start: string;
  readonly end: string;
  readonly maxDays: number;
}

export interface RequestValues {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

/** "billingSubscriptionId" -> "Billing subscription id (billingSubscriptionId)". */
export function fieldLabel(name: string): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(name)) return name;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${name})`;
}

// Finding invisible characters in user input is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const spaceOrControl = /[\s\u0000-\u001F\u007F]/;

/** The value as an http(s) URL without credentials in it, or undefined. */
export function httpUrl(value: unknown, base?: string | URL): URL | undefined {
  if (typeof value !== 'string' || value.trim() === '' || hasSpaceOrControl(value)) return undefined;
  try {
    const url = new URL(value, base);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

/** True when a value that may hold no spaces (a token, a key, a URL) holds spaces or control characters. */
export function hasSpaceOrControl(text: string): boolean {
  return spaceOrControl.test(text);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 37)}..."` : JSON.stringify(value);
  return String(value);
}

/** Every problem with one value against its schema; an empty list when it is fine. */
export function checkValue(label: string, value: unknown, schema: SchemaBounds): string[] {
  const problems: string[] = [];
  if (schema.type === 'array') {
    if (!Array.isArray(value)) return [`${label} must be a list of values.`];
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${label} needs at least ${schema.minItems} value${schema.minItems === 1 ? '' : 's'} (it has ${value.length}).`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${label} takes at most ${schema.maxItems} values (it has ${value.length}).`);
    if (schema.uniqueItems && new Set(value).size !== value.length) problems.push(`${label} lists the same value twice.`);
    value.forEach((item, index) => {
      if (schema.items) problems.push(...checkValue(`${label}, value ${index + 1},`, item, schema.items));
    });
    return problems;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return [`${label} must be a number (got ${describeValue(value)}).`];
    if (schema.type === 'integer' && !Number.isInteger(value)) problems.push(`${label} must be a whole number (got ${value}).`);
    const { minimum, maximum } = schema;
    if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
      problems.push(
        minimum !== undefined && maximum !== undefined
          ? `${label} must be between ${minimum} and ${maximum} (got ${value}).`
          : minimum !== undefined
            ? `${label} must be at least ${minimum} (got ${value}).`
            : `${label} must be at most ${maximum} (got ${value}).`,
      );
    }
    return problems;
  }
  if (schema.type === 'string' || schema.enum !== undefined) {
    if (typeof value !== 'string') return [`${label} must be text (got ${value === null ? 'null' : typeof value}).`];
    if (schema.enum !== undefined && !schema.enum.includes(value)) {
      return [`${label} must be one of: ${schema.enum.join(', ')} (got ${describeValue(value)}).`];
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      problems.push(value.length === 0 ? `${label} must not be empty.` : `${label} must be at least ${schema.minLength} characters long (it has ${value.length}).`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${label} must be at most ${schema.maxLength} characters long (it has ${value.length}).`);
    if (controlCharacters.test(value)) problems.push(`${label} contains an invisible control character; remove it (often it comes from copying and pasting).`);
    if (schema.pattern !== undefined && problems.length === 0 && !new RegExp(schema.pattern).test(value)) {
      problems.push(`${label} is not in the expected form (got ${describeValue(value)}).`);
    }
  }
  return problems;
}

function checkBody(body: unknown, schema: SchemaBounds, issues: ValidationIssue[]): void {
  if (schema.type !== 'object' || schema.properties === undefined) return;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    issues.push({ field: 'body', message: 'The request body must be an object.' });
    return;
  }
  const record = body as Record<string, unknown>;
  for (const name of schema.required ?? []) {
    if (record[name] === undefined) issues.push({ field: name, message: `${fieldLabel(name)} is required.` });
  }
  for (const [name, value] of Object.entries(record)) {
    const property = schema.properties[name];
    if (property === undefined) {
      if (schema.additionalProperties === false) issues.push({ field: name, message: `${fieldLabel(name)} is not a known field.` });
      continue;
    }
    if (value === undefined) continue;
    for (const message of checkValue(fieldLabel(name), value, property)) issues.push({ field: name, message });
  }
}

function checkDateRange(rule: DateRangeRule, query: Record<string, unknown>, issues: ValidationIssue[]): void {
  const start = query[rule.start];
  const end = query[rule.end];
  if (typeof start !== 'string' || typeof end !== 'string') return;
  const startMs = Date.parse(`${start}Z`);
  const endMs = Date.parse(`${end}Z`);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) return;
  if (startMs >= endMs) {
    const endLabel = fieldLabel(rule.end);
    issues.push({ field: rule.start, message: `${fieldLabel(rule.start)} must be before the ${endLabel.charAt(0).toLowerCase()}${endLabel.slice(1)} (${start} is not before ${end}).` });
    return;
  }
  const days = (endMs - startMs) / 86_400_000;
  if (days > rule.maxDays) {
    issues.push({
      field: rule.end,
      message: `The date range is ${Math.ceil(days)} days long; at most ${rule.maxDays} days are allowed. Choose a shorter range, or split it into several.`,
    });
  }
}

/** Every problem with a request, field by field; an empty list when it may be sent. */
export function validateRequest(operation: OperationConstraint, values: RequestValues, rules: { dateRange?: DateRangeRule } = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const parameter of operation.parameters) {
    const source = values[parameter.in as 'path' | 'query' | 'header'];
    const value = source?.[parameter.name];
    if (value === undefined || value === null || (value === '' && parameter.schema.minLength === undefined && !parameter.required)) {
      if (parameter.required) issues.push({ field: parameter.name, message: `${fieldLabel(parameter.name)} is required.` });
      continue;
    }
    for (const message of checkValue(fieldLabel(parameter.name), value, parameter.schema)) issues.push({ field: parameter.name, message });
  }
  if (operation.body) {
    if (values.body === undefined) {
      if (operation.body.required) issues.push({ field: 'body', message: 'The request body is required.' });
    } else {
      checkBody(values.body, operation.body.schema, issues);
    }
  }
  const range = rules.dateRange;
  const names = new Set(operation.parameters.map((p) => p.name));
  if (range && names.has(range.start) && names.has(range.end) && !issues.some((i) => i.field === range.start || i.field === range.end)) {
    checkDateRange(range, values.query ?? {}, issues);
  }
  return issues;
}
