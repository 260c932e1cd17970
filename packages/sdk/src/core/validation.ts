// Checks a request against the constraints generated from its spec, before anything is sent.
// The rules live in the spec; this file only knows how to read them and say what is wrong in
// words a finance user understands.
import { parseApiDateTime, toApiDateTime } from './dates.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { checkRules, type RuleChecker, type SpecRules } from './rules.js';

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
  readonly required?: boolean;
  readonly schema: SchemaBounds;
}

/** An operation as generated: its parameters are keys into the spec's parameter table. */
export interface GeneratedOperation {
  readonly parameters: readonly string[];
  readonly body?: OperationConstraint['body'];
}

/** A parameter as generated: its name is left out when it is the parameter's key in the table. */
export type GeneratedParameter = Omit<ParameterConstraint, 'name'> & { readonly name?: string };

/** The generated constraints of one spec. */
export interface GeneratedSpec {
  readonly defaultServer: string;
  readonly parameters: { readonly [key: string]: GeneratedParameter };
  readonly operations: { readonly [operationId: string]: GeneratedOperation };
  readonly rules: SpecRules;
}

const resolved = new WeakMap<GeneratedSpec, Map<string, OperationConstraint>>();

/** An operation with its parameters looked up in the table (cached per spec). */
export function operationConstraint(spec: GeneratedSpec, operationId: string): OperationConstraint {
  let cache = resolved.get(spec);
  if (cache === undefined) resolved.set(spec, (cache = new Map()));
  let operation = cache.get(operationId);
  if (operation === undefined) {
    const generated = spec.operations[operationId];
    if (generated === undefined) throw new Error(`No operation ${operationId} in the spec`);
    operation = { ...generated, parameters: generated.parameters.map((key) => ({ name: key, ...spec.parameters[key] }) as ParameterConstraint) };
    cache.set(operationId, operation);
  }
  return operation;
}

/** Checks a request against its spec (and its rules, with the given checkers) and throws a ValidationError listing every problem. */
export function checkRequest(spec: GeneratedSpec, checkers: readonly RuleChecker[], operationId: string, values: RequestValues, earlier: ValidationIssue[] = []): void {
  const found = validateRequest(operationConstraint(spec, operationId), values, spec.rules, checkers);
  if (found.length === 0 && earlier.length === 0) return;
  const flagged = new Set(earlier.map((issue) => issue.field));
  throw new ValidationError(operationId, [...earlier, ...found.filter((issue) => !flagged.has(issue.field))]);
}

export interface OperationConstraint {
  readonly parameters: readonly ParameterConstraint[];
  readonly body?: { readonly required: boolean; readonly schema: SchemaBounds };
}

export interface RequestValues {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

/**
 * "billingSubscriptionId" -> "Billing subscription id (billingSubscriptionId)";
 * "parameters.tenant_id" -> "Tenant id (parameters.tenant_id)".
 */
export function fieldLabel(name: string): string {
  let label = labels.get(name);
  if (label === undefined) {
    const last = name.split('.').pop() ?? name;
    const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
    label = /^[a-z][A-Za-z0-9_]*$/.test(last) ? `${words.charAt(0).toUpperCase()}${words.slice(1)} (${name})` : name;
    labels.set(name, label);
  }
  return label;
}

// Labels and patterns are asked for on every call with the same few names: keep them.
const labels = new Map<string, string>();
const patterns = new Map<string, RegExp>();

function pattern(source: string): RegExp {
  let compiled = patterns.get(source);
  if (compiled === undefined) patterns.set(source, (compiled = new RegExp(source)));
  return compiled;
}

// Finding invisible characters in user input is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const spaceOrControl = /[\s\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/;

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

/** True when a value that may hold no spaces (a token, a key, a URL) holds spaces, control or invisible (zero-width, direction) characters. */
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
  if (schema.type === 'boolean') return typeof value === 'boolean' ? [] : [`${label} must be true or false (got ${describeValue(value)}).`];
  if (schema.type === 'object') return checkObject(label, value, schema).map((issue) => issue.message);
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
    if (schema.pattern !== undefined && problems.length === 0 && !pattern(schema.pattern).test(value)) {
      problems.push(`${label} is not in the expected form (got ${describeValue(value)}).`);
    }
    // `format: date` / `date-time`: the form alone lets 2025-02-30 and 2025-13-01 through.
    const format = schema.format;
    if ((format === 'date' || format === 'date-time') && problems.length === 0 && !isRealDate(value, format)) {
      problems.push(`${label} must be a real ${format === 'date' ? 'date, e.g. 2025-02-28' : 'date and time, e.g. 2025-02-28T00:00:00Z'} (got ${describeValue(value)}).`);
    }
  }
  return problems;
}

function isRealDate(value: string, format: 'date' | 'date-time'): boolean {
  // The day is checked on its own: Date.parse rolls 2025-02-30T00:00:00Z over to March.
  return toApiDateTime(value.slice(0, 10)) !== undefined && (format === 'date' ? value.length === 10 : parseApiDateTime(value) !== undefined);
}

/** Every problem with an object and its properties, each named by its dotted path. */
function checkObject(path: string, value: unknown, schema: SchemaBounds): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: path, message: `${fieldLabel(path)} must be an object.` }];
  }
  const record = value as Record<string, unknown>;
  const at = (name: string): string => (path === 'body' ? name : `${path}.${name}`);
  for (const name of schema.required ?? []) {
    if (record[name] === undefined) issues.push({ field: at(name), message: `${fieldLabel(at(name))} is required.` });
  }
  for (const [name, item] of Object.entries(record)) {
    const property = schema.properties?.[name];
    if (property === undefined) {
      if (schema.additionalProperties === false) issues.push({ field: at(name), message: `${fieldLabel(at(name))} is not a known field.` });
      continue;
    }
    if (item === undefined) continue;
    if (property.type === 'object') issues.push(...checkObject(at(name), item, property));
    else for (const message of checkValue(fieldLabel(at(name)), item, property)) issues.push({ field: at(name), message });
  }
  return issues;
}

/** Every problem with a request, field by field; an empty list when it may be sent. */
function validateRequest(operation: OperationConstraint, values: RequestValues, rules: SpecRules = {}, checkers: readonly RuleChecker[] = []): ValidationIssue[] {
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
      issues.push(...checkObject('body', values.body, operation.body.schema));
    }
  }
  issues.push(...checkRules(rules, checkers, operation, values, issues));
  return issues;
}
