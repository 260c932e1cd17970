// A typed call builds its request without openapi-fetch's client; the raw client builds it with.
// Both must send the same bytes for every operation of both specs, whatever the values hold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fakeFetch, type Seen } from '../../test/fake-fetch.js';
import { buildRequest, type UsageOperationId } from '../usage/params.js';
import { createApiContext, type ArrayStyle } from './api-context.js';
import { createTransport } from './transport.js';

interface SpecParameter {
  name: string;
  in: string;
  schema: { type?: string };
}

interface SpecOperation {
  method: 'get' | 'put' | 'post' | 'delete';
  path: string;
  operationId: string;
  parameters: SpecParameter[];
  hasBody: boolean;
}

type Values = Record<string, unknown>;

const methods = ['get', 'put', 'post', 'delete'] as const;

/** Every operation of a spec with its path and query parameters, references resolved. */
function operationsOf(specFile: string): SpecOperation[] {
  const document = parse(readFileSync(new URL(`../../../../openapi/${specFile}`, import.meta.url), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const resolve = (value: unknown): unknown => {
    const ref = (value as { $ref?: string }).$ref;
    if (ref === undefined) return value;
    return ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
  };
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = item[method] as { operationId: string; parameters?: unknown[]; requestBody?: { content: Record<string, unknown> } } | undefined;
      if (operation === undefined) continue;
      const parameters = [...((item.parameters as unknown[] | undefined) ?? []), ...(operation.parameters ?? [])].map((p) => resolve(p) as SpecParameter).filter((p) => p.in === 'path' || p.in === 'query');
      const hasBody = operation.requestBody?.content['application/json'] !== undefined;
      operations.push({ method, path, operationId: operation.operationId, parameters, hasBody });
    }
  }
  return operations;
}

/** Values of every parameter of the operation, each made by `valueFor` from the parameter. */
function valuesOf(operation: SpecOperation, valueFor: (parameter: SpecParameter, index: number) => unknown): { path: Values; query: Values } {
  const path: Values = {};
  const query: Values = {};
  operation.parameters.forEach((parameter, index) => {
    (parameter.in === 'path' ? path : query)[parameter.name] = valueFor(parameter, index);
  });
  return { path, query };
}

// Everything encodeURIComponent treats differently, the reserved characters of a query, a comma
// (the array separator), a percent sign, spaces, and characters beyond ASCII.
const awkward = [`a b&c=d/e?f#g%h+i,j;k:l@m$n!o'p(q)r*s~t`, 'é€😀 ü', '%2C already encoded', '..', '', ' '];

function plain(parameter: SpecParameter, index: number): unknown {
  if (parameter.in === 'path') return `id-${index}`;
  if (parameter.schema.type === 'array') return ['first', 'second'];
  if (parameter.schema.type === 'integer') return index;
  if (parameter.schema.type === 'boolean') return index % 2 === 0;
  return `value-${index}`;
}

function awkwardValue(parameter: SpecParameter, index: number): unknown {
  const text = awkward[index % awkward.length] as string;
  if (parameter.in === 'path') return text === '' ? 'x' : text;
  if (parameter.schema.type === 'array') return [text, awkward[(index + 1) % awkward.length], 'plain'];
  if (parameter.schema.type === 'integer') return [0, -1.5, 1e21][index % 3];
  return text;
}

/** What openapi-fetch skips or writes bare: values left out or null, empty lists, lists of one, holes in a list, false and 0. */
const sparseSets: [string, (parameter: SpecParameter) => unknown][] = [
  ['absent', () => undefined],
  ['null', () => null],
  ['empty-list', (p) => (p.schema.type === 'array' ? [] : p.in === 'path' ? 'id' : false)],
  ['one-item', (p) => (p.schema.type === 'array' ? ['only'] : p.in === 'path' ? 'id' : 0)],
  ['holes', (p) => (p.schema.type === 'array' ? [undefined, 'x', null] : p.in === 'path' ? 'id' : '')],
];

const specs: { file: string; arrays: ArrayStyle }[] = [
  { file: 'usage-v2.yaml', arrays: 'comma' },
  { file: 'acronis-account-v2.yaml', arrays: 'repeat' },
];
const baseUrls = ['https://usage.bam.api.here.com/v2', 'http://127.0.0.1:9/v2/', 'HTTPS://Cloud.Example.COM:443/api/2'];

type Context = ReturnType<typeof createApiContext<Record<string, never>>>;

/** A context over a fetch that answers 204 to everything and records what it was sent. */
function contextOn(baseUrl: string, arrays: ArrayStyle): { context: Context; seen: Seen[] } {
  const fetch = fakeFetch(() => new Response(null, { status: 204 }));
  const transport = createTransport({ api: 'Test API', baseUrl, token: 'test-token', fetch });
  return { context: createApiContext<Record<string, never>>(transport, arrays), seen: fetch.seen };
}

/** What the typed call and the raw client sent for the same operation and values, ids aside. */
async function bothSent(context: Context, seen: Seen[], operation: SpecOperation, values: { path: Values; query: Values }): Promise<[Seen, Seen]> {
  const body = operation.hasBody ? { name: 'a&b', items: ['x', 'é'] } : undefined;
  await context.call(operation.method as never, operation.path as never, { params: values, body } as never, { operation: operation.operationId, idempotent: true, expect: 'json' });
  await context.raw.request(operation.method as never, operation.path as never, { params: values, body } as never);
  const withoutIds = (sent: Seen): Seen => ({ ...sent, headers: Object.fromEntries(Object.entries(sent.headers).filter(([name]) => name !== 'x-request-id' && name !== 'x-correlation-id')) });
  return [withoutIds(seen.at(-2) as Seen), withoutIds(seen.at(-1) as Seen)];
}

describe('a typed call and the raw client', () => {
  for (const { file, arrays } of specs) {
    const operations = operationsOf(file);

    it(`are compared on every operation of ${file}, with path and query parameters and bodies`, () => {
      expect(operations.length).toBeGreaterThanOrEqual(6);
      expect(operations.some((o) => o.parameters.some((p) => p.in === 'query'))).toBe(true);
      expect(operations.some((o) => o.hasBody)).toBe(true);
      if (arrays === 'comma') expect(operations.some((o) => o.parameters.some((p) => p.schema.type === 'array'))).toBe(true);
    });

    for (const [label, valueFor] of [['plain', plain], ['awkward', awkwardValue], ...sparseSets] as const) {
      it(`send the same method, URL, headers and body for ${label} values of every operation of ${file}`, async () => {
        for (const baseUrl of baseUrls) {
          const { context, seen } = contextOn(baseUrl, arrays);
          for (const operation of operations) {
            const [typed, raw] = await bothSent(context, seen, operation, valuesOf(operation, valueFor));
            expect(typed, `${operation.operationId} on ${baseUrl}`).toEqual(raw);
          }
        }
      });
    }
  }

  it('write the dates, lists and numbers of checked Usage parameters as the spec says', async () => {
    const realmId = 'org123456789';
    const calls: [UsageOperationId, string, Values][] = [
      ['getUsage', '/usage/realms/{realmId}', { realmId, startDate: new Date('2025-05-01T00:00:00Z'), endDate: '2025-05-02T10:30:00', detailLevel: 'hour', groupBy: ['appId', 'project'], usageFields: ['name', 'usageValue'], billingSubscriptionId: ['sub 1', 'sub,2', 'sübß/3'], category: 'a&b=c', limit: 100, offset: 2 }],
      ['getUsageCsv', '/usage/realms/{realmId}/csv', { realmId, startDate: '2025-05-01', endDate: new Date('2025-05-31T23:59:59.999Z'), usageFields: ['usageValue'] }],
      ['listUsageReports', '/usage/realms/{realmId}/reports', { realmId, limit: 10, offset: 0, sort: 'asc' }],
      ['getUsageReport', '/usage/realms/{realmId}/reports/{reportId}', { realmId, reportId: 'REPORT-1' }],
    ];
    const { context, seen } = contextOn('https://x.example/v2', 'comma');
    for (const [operationId, path, params] of calls) {
      const [typed, raw] = await bothSent(context, seen, { method: 'get', path, operationId, parameters: [], hasBody: false }, buildRequest(operationId, params));
      expect(typed, operationId).toEqual(raw);
    }
    // A list the spec types as one text (groupBy) is one value, its commas encoded; array parameters are comma-separated.
    expect(seen[0]?.url).toBe('https://x.example/v2/usage/realms/org123456789?startDate=2025-05-01T00%3A00%3A00&endDate=2025-05-02T10%3A30%3A00&detailLevel=hour&groupBy=appId%2Cproject&usageFields=name,usageValue&billingSubscriptionId=sub%201,sub%2C2,s%C3%BCb%C3%9F%2F3&category=a%26b%3Dc&limit=100&offset=2');
  });

  it('repeat an array parameter for a spec that explodes arrays, and comma-separate it for one that does not', async () => {
    for (const arrays of ['repeat', 'comma'] as const) {
      const { context, seen } = contextOn('https://x.example', arrays);
      // Neither spec explodes an array parameter, so the spec-driven cases above never reach these.
      for (const query of [{ tag: ['x', 'y z'], n: 1 }, { tag: [] }, { tag: [undefined, 'x', null] }, { tag: [null] }, { a: 1, tag: [undefined], b: 2 }]) {
        const [typed, raw] = await bothSent(context, seen, { method: 'get', path: '/things/{id}', operationId: 'listThings', parameters: [], hasBody: false }, { path: { id: 'a/b' }, query });
        expect(typed, `${arrays} ${JSON.stringify(query)}`).toEqual(raw);
      }
      expect(seen[0]?.url).toBe(arrays === 'repeat' ? 'https://x.example/things/a%2Fb?tag=x&tag=y%20z&n=1' : 'https://x.example/things/a%2Fb?tag=x,y%20z&n=1');
    }
  });
});
