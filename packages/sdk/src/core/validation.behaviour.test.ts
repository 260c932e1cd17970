// What the spec-driven checks refuse, stated as a caller meets it: the messages and the fields.
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from './errors.js';
import { checkRequest, checkValue, fieldLabel, hasSpaceOrControl, httpUrl, operationConstraint, type GeneratedSpec } from './validation.js';

describe('format: date and date-time', () => {
  const date = { type: 'string', format: 'date' } as const;
  const dateTime = { type: 'string', format: 'date-time' } as const;

  it('accepts real dates, a leap day included', () => {
    for (const value of ['2024-02-29', '2025-12-31', '2025-01-01']) expect(checkValue('Day', value, date)).toEqual([]);
    for (const value of ['2024-02-29T23:59:59Z', '2025-06-01T00:00:02Z', '2025-06-01T10:00:00+02:00', '2025-06-01T00:00:00']) expect(checkValue('When', value, dateTime)).toEqual([]);
  });

  it('refuses days and months that do not exist, in words naming the field', () => {
    for (const value of ['2025-02-30', '2025-13-01', '2023-02-29', '2025-04-31', '2025-00-10', '2025-01-00']) {
      expect(checkValue('End (period.end)', value, date)).toEqual([`End (period.end) must be a real date, e.g. 2025-02-28 (got "${value}").`]);
    }
    for (const value of ['2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', '2025-02-28T25:00:00Z', 'tomorrow']) {
      expect(checkValue('When', value, dateTime)).toEqual([`When must be a real date and time, e.g. 2025-02-28T00:00:00Z (got "${value}").`]);
    }
  });

  it('refuses a date with anything after the day', () => {
    expect(checkValue('Day', '2025-02-01T00:00:00', date)).toEqual(['Day must be a real date, e.g. 2025-02-28 (got "2025-02-01T00:00:00").']);
  });

  it('says only what the pattern says when the form is already wrong', () => {
    expect(checkValue('Day', '2025-2-30', { ...date, pattern: '^\\d{4}-\\d{2}-\\d{2}$' })).toEqual(['Day is not in the expected form (got "2025-2-30").']);
  });

  it('leaves strings of other formats alone', () => {
    expect(checkValue('Id', '2025-02-30', { type: 'string', format: 'uuid' })).toEqual([]);
  });
});

describe('checkValue: what each kind of value may be', () => {
  it('takes only true or false for a boolean', () => {
    expect(checkValue('Hide zero usage', true, { type: 'boolean' })).toEqual([]);
    expect(checkValue('Hide zero usage', 'yes', { type: 'boolean' })).toEqual(['Hide zero usage must be true or false (got "yes").']);
  });

  it('counts and checks the values of a list', () => {
    const list = { type: 'array', minItems: 2, maxItems: 3, uniqueItems: true, items: { type: 'string', enum: ['csv', 'json'] } } as const;
    expect(checkValue('Formats', ['csv', 'json'], list)).toEqual([]);
    expect(checkValue('Formats', 'csv', list)).toEqual(['Formats must be a list of values.']);
    expect(checkValue('Formats', ['csv'], list)).toEqual(['Formats needs at least 2 values (it has 1).']);
    expect(checkValue('Formats', [], { type: 'array', minItems: 1 })).toEqual(['Formats needs at least 1 value (it has 0).']);
    expect(checkValue('Formats', ['csv', 'json', 'csv', 'json'], list)).toEqual(['Formats takes at most 3 values (it has 4).', 'Formats lists the same value twice.']);
    expect(checkValue('Formats', ['csv', 'xml'], list)).toEqual(['Formats, value 2, must be one of: csv, json (got "xml").']);
    expect(checkValue('Formats', ['csv', 'json', 'x'], { type: 'array', minItems: 3, maxItems: 3 })).toEqual([]);
    expect(checkValue('Anything', [1, 'two', null], { type: 'array' })).toEqual([]);
  });

  it('checks numbers: finite, whole when asked, within the bounds', () => {
    expect(checkValue('Limit', 5, { type: 'integer', minimum: 1, maximum: 10 })).toEqual([]);
    expect(checkValue('Limit', 1, { type: 'integer', minimum: 1, maximum: 10 })).toEqual([]);
    expect(checkValue('Limit', 10, { type: 'integer', minimum: 1, maximum: 10 })).toEqual([]);
    expect(checkValue('Limit', '5', { type: 'integer' })).toEqual(['Limit must be a number (got "5").']);
    expect(checkValue('Limit', Number.NaN, { type: 'number' })).toEqual(['Limit must be a number (got NaN).']);
    expect(checkValue('Limit', Infinity, { type: 'number' })).toEqual(['Limit must be a number (got Infinity).']);
    expect(checkValue('Limit', 2.5, { type: 'integer' })).toEqual(['Limit must be a whole number (got 2.5).']);
    expect(checkValue('Ratio', 2.5, { type: 'number' })).toEqual([]);
    expect(checkValue('Limit', 0, { type: 'integer', minimum: 1, maximum: 10 })).toEqual(['Limit must be between 1 and 10 (got 0).']);
    expect(checkValue('Limit', 11, { type: 'integer', minimum: 1, maximum: 10 })).toEqual(['Limit must be between 1 and 10 (got 11).']);
    expect(checkValue('Limit', 0, { type: 'integer', minimum: 1 })).toEqual(['Limit must be at least 1 (got 0).']);
    expect(checkValue('Limit', 11, { type: 'integer', maximum: 10 })).toEqual(['Limit must be at most 10 (got 11).']);
  });

  it('checks text: its kind, its length, invisible characters, then its form', () => {
    const text = { type: 'string', minLength: 3, maxLength: 5, pattern: '^[a-z]+$' } as const;
    expect(checkValue('Name', 'abcd', text)).toEqual([]);
    expect(checkValue('Name', 'abc', text)).toEqual([]);
    expect(checkValue('Name', 'abcde', text)).toEqual([]);
    expect(checkValue('Name', null, text)).toEqual(['Name must be text (got null).']);
    expect(checkValue('Name', 7, text)).toEqual(['Name must be text (got number).']);
    expect(checkValue('Name', '', text)).toEqual(['Name must not be empty.']);
    expect(checkValue('Name', 'ab', text)).toEqual(['Name must be at least 3 characters long (it has 2).']);
    expect(checkValue('Name', 'abcdef', text)).toEqual(['Name must be at most 5 characters long (it has 6).']);
    expect(checkValue('Name', 'ab\u0007c', text)).toEqual(['Name contains an invisible control character; remove it (often it comes from copying and pasting).']);
    expect(checkValue('Name', 'ab\tc', { type: 'string' })).toEqual([]);
    expect(checkValue('Name', 'AB1', text)).toEqual(['Name is not in the expected form (got "AB1").']);
    // One problem at a time: the form is judged once the length is right.
    expect(checkValue('Name', 'A', text)).toEqual(['Name must be at least 3 characters long (it has 1).']);
    expect(checkValue('Name', 'ab', { type: 'string', minLength: 1 })).toEqual([]);
  });

  it('leaves a value of no declared kind alone, and an object without declared fields', () => {
    expect(checkValue('Free', 5, {})).toEqual([]);
    expect(checkValue('Options', { a: 1 }, { type: 'object' })).toEqual([]);
    expect(checkValue('Options', null, { type: 'object' })).toEqual(['Options must be an object.']);
  });

  it('shows a long value cut short, and an enum value by name', () => {
    const long = 'x'.repeat(41);
    expect(checkValue('Tag', long, { type: 'string', pattern: '^y' })).toEqual([`Tag is not in the expected form (got "${'x'.repeat(37)}...").`]);
    expect(checkValue('Tag', 'x'.repeat(40), { type: 'string', pattern: '^y' })).toEqual([`Tag is not in the expected form (got "${'x'.repeat(40)}").`]);
    expect(checkValue('Kind', 'weekly', { enum: ['once', 'monthly'] })).toEqual(['Kind must be one of: once, monthly (got "weekly").']);
  });
});

// A spec of one operation, as the generator writes them: a path parameter (named by its key) and a
// query parameter (keyed by operation), a JSON body.
const spec: GeneratedSpec = {
  defaultServer: 'https://api.example/v2',
  parameters: {
    tenantId: { in: 'path', required: true, schema: { type: 'string', minLength: 3 } },
    'createThing.note': { name: 'note', in: 'query', schema: { type: 'string', pattern: '^[a-z]+$' } },
  },
  operations: {
    createThing: {
      parameters: ['tenantId', 'createThing.note'],
      body: {
        required: true,
        schema: {
          type: 'object',
          required: ['parameters'],
          additionalProperties: false,
          properties: {
            parameters: { type: 'object', required: ['tenant_id', 'kind'], properties: { tenant_id: { type: 'string' }, kind: { type: 'string', enum: ['a', 'b'] } } },
            recipients: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
  rules: {},
};

function issuesOf(values: Parameters<typeof checkRequest>[3], earlier?: ValidationIssue[]): ValidationIssue[] {
  try {
    if (earlier === undefined) checkRequest(spec, [], 'createThing', values);
    else checkRequest(spec, [], 'createThing', values, earlier);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  return [];
}

const body = { parameters: { tenant_id: 't-1', kind: 'a' } };

describe('checkRequest', () => {
  it('lets a complete request through', () => {
    expect(issuesOf({ path: { tenantId: 'abc' }, body })).toEqual([]);
    expect(issuesOf({ path: { tenantId: 'abc' }, query: { note: '' }, body })).toEqual([]);
  });

  it('names a missing required body field, at any depth', () => {
    expect(issuesOf({ path: { tenantId: 'abc' }, body: {} })).toEqual([{ field: 'parameters', message: 'Parameters (parameters) is required.' }]);
    expect(issuesOf({ path: { tenantId: 'abc' }, body: { parameters: { kind: 'a' } } })).toEqual([{ field: 'parameters.tenant_id', message: 'Tenant id (parameters.tenant_id) is required.' }]);
  });

  it('names a missing body, a missing path parameter, and a wrong query value', () => {
    expect(issuesOf({ path: {}, query: { note: 'NO' } })).toEqual([
      { field: 'tenantId', message: 'Tenant id (tenantId) is required.' },
      { field: 'note', message: 'Note (note) is not in the expected form (got "NO").' },
      { field: 'body', message: 'The request body is required.' },
    ]);
    expect(issuesOf({ path: { tenantId: null }, body })).toEqual([{ field: 'tenantId', message: 'Tenant id (tenantId) is required.' }]);
  });

  it('refuses unknown and wrongly shaped body fields, each by its dotted name', () => {
    expect(issuesOf({ path: { tenantId: 'abc' }, body: { ...body, extra: 1 } })).toEqual([{ field: 'extra', message: 'Extra (extra) is not a known field.' }]);
    expect(issuesOf({ path: { tenantId: 'abc' }, body: { parameters: 'all' } })).toEqual([{ field: 'parameters', message: 'Parameters (parameters) must be an object.' }]);
    expect(issuesOf({ path: { tenantId: 'abc' }, body: [] })).toEqual([{ field: 'body', message: 'Body (body) must be an object.' }]);
    expect(issuesOf({ path: { tenantId: 'abc' }, body: { parameters: { tenant_id: 't-1', kind: 'c' }, recipients: [1] } })).toEqual([
      { field: 'parameters.kind', message: 'Kind (parameters.kind) must be one of: a, b (got "c").' },
      { field: 'recipients', message: 'Recipients (recipients), value 1, must be text (got number).' },
    ]);
    expect(issuesOf({ path: { tenantId: 'abc' }, body: { ...body, recipients: undefined } })).toEqual([]);
  });

  it('lists problems found earlier first, and does not name a field twice', () => {
    const earlier = [{ field: 'tenantId', message: 'Tenant id: use the id from the tenant list.' }];
    expect(issuesOf({ path: {}, body }, earlier)).toEqual(earlier);
  });

  it('lets a request without its optional body through', () => {
    const optional: GeneratedSpec = { ...spec, operations: { createThing: { ...spec.operations.createThing!, body: { ...spec.operations.createThing!.body!, required: false } } } };
    expect(() => checkRequest(optional, [], 'createThing', { path: { tenantId: 'abc' } })).not.toThrow();
    expect(() => checkRequest(optional, [], 'createThing', { path: { tenantId: 'abc' }, body: {} })).toThrow(/Parameters \(parameters\) is required/);
  });

  it('says which operation it could not check against', () => {
    expect(() => operationConstraint(spec, 'deleteThing')).toThrow('No operation deleteThing in the spec');
    expect(operationConstraint(spec, 'createThing')).toBe(operationConstraint(spec, 'createThing'));
  });

  it('words the refusal for every problem at once', () => {
    expect(() => checkRequest(spec, [], 'createThing', { path: {} })).toThrow(/^Please correct these 2 before sending createThing:\n- Tenant id \(tenantId\) is required\.\n- The request body is required\.$/);
    expect(() => checkRequest(spec, [], 'createThing', { path: {}, body })).toThrow(/^Please correct this before sending createThing:\n- Tenant id \(tenantId\) is required\.$/);
  });
});

describe('fieldLabel', () => {
  it('turns a name into words and keeps the name beside them', () => {
    expect(fieldLabel('billingSubscriptionId')).toBe('Billing subscription id (billingSubscriptionId)');
    expect(fieldLabel('parameters.tenant_id')).toBe('Tenant id (parameters.tenant_id)');
    expect(fieldLabel('X-Request-ID')).toBe('X-Request-ID');
    expect(fieldLabel('content-type')).toBe('content-type');
    expect(fieldLabel('x.9lives')).toBe('x.9lives');
    expect(fieldLabel('appId2X')).toBe('App id2 x (appId2X)');
  });
});

describe('httpUrl and hasSpaceOrControl', () => {
  it('takes http(s) URLs without credentials, relative ones against a base', () => {
    expect(httpUrl('https://api.example/v2')?.href).toBe('https://api.example/v2');
    expect(httpUrl('http://localhost:8080')?.port).toBe('8080');
    expect(httpUrl('/v2/x', 'https://api.example')?.href).toBe('https://api.example/v2/x');
    for (const value of ['http://[bad', 'https://', 'ftp://api.example', 'https://u:p@api.example', 'https://u@api.example', 'https://api .example', '', ' ', 'not a url', 42, undefined]) expect(httpUrl(value)).toBeUndefined();
  });

  it('finds spaces, line breaks, control and invisible characters', () => {
    for (const text of ['a b', 'a\nb', 'a\u0000b', 'a\u200Bb', 'a\uFEFFb', 'a\u202Eb', 'a\u0085b']) expect(hasSpaceOrControl(text)).toBe(true);
    expect(hasSpaceOrControl('token-abc_123.~')).toBe(false);
  });
});
