// The Acronis part: token endpoint, bearer checks, tenants, validation, faults, routing.
import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC_FORMATS } from '../src/acronis/router.js';
import { ACRONIS_DEV_CLIENTS, acronisSpecPath, startServer, type RunningServer } from '../src/index.js';
import { basic, expectAcronisValid, json, reportBody, sleep, type AcronisErrorBody } from './acronis-helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ mode: 'test', acronisReportDelayMs: 50 });
});
afterAll(() => server.close());

const a = () => server.acronis;

function token(authorization: string | undefined, form = 'grant_type=client_credentials'): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (authorization) headers.Authorization = authorization;
  return fetch(a().tokenUrl, { method: 'POST', headers, body: form });
}

async function create(body: unknown, extra: Record<string, string> = {}): Promise<{ res: Response; body: Record<string, unknown> }> {
  const res = await fetch(`${a().baseUrl}/reports`, { method: 'POST', headers: json(a().token, extra), body: JSON.stringify(body) });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

async function expectFieldError(res: Response, field: string, operationId: string, text?: RegExp): Promise<AcronisErrorBody> {
  const body = (await res.json()) as AcronisErrorBody;
  expect(res.status, JSON.stringify(body)).toBe(400);
  await expectAcronisValid(operationId, res, body);
  expect(body.error.data.fields?.map((f) => f.name)).toContain(field);
  expect(body.error.message).toContain(field);
  if (text) expect(body.error.message).toMatch(text);
  return body;
}

it('reads a spec that is a valid OpenAPI document', async () => {
  const api = new OpenAPIBackend({ definition: parse(readFileSync(acronisSpecPath, 'utf8')), quick: false, ajvOpts: { strict: false, formats: SPEC_FORMATS } });
  await expect(api.init()).resolves.toBeTruthy();
  expect(api.getOperations().map((o) => o.operationId).sort()).toEqual([
    'createReport', 'deleteReport', 'downloadStoredReport', 'getReport', 'listStoredReports', 'listTenantReports', 'listTenants', 'requestToken', 'updateReport',
  ]);
});

describe('token endpoint', () => {
  it('issues a 2-hour bearer token for good Basic credentials', async () => {
    const res = await token(basic(a().clientId, a().clientSecret));
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number; expires_on: number; id_token: string };
    expect(res.status).toBe(200);
    await expectAcronisValid('requestToken', res, body);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(7200);
    expect(Math.abs(body.expires_on - (Date.now() / 1000 + 7200))).toBeLessThan(5);
    expect(body.id_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tenants = await fetch(`${a().baseUrl}/tenants`, { headers: json(body.access_token) });
    expect(tenants.status).toBe(200);
  });

  it('answers 401 invalid_client for a wrong secret, an unknown client or no Basic header', async () => {
    for (const auth of [basic(a().clientId, 'wrong'), basic('00000000-0000-4000-8000-000000000000', a().clientSecret), undefined, `Bearer ${a().token}`]) {
      const res = await token(auth);
      const body = (await res.json()) as { error: string; error_description: string };
      expect(res.status).toBe(401);
      await expectAcronisValid('requestToken', res, body);
      expect(body.error).toBe('invalid_client');
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    }
  });

  it('answers 400 for a missing or wrong grant type', async () => {
    const auth = basic(a().clientId, a().clientSecret);
    const wrong = await token(auth, 'grant_type=password');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const missing = await token(auth, '');
    const body = (await missing.json()) as { error: string; error_description: string };
    expect(missing.status).toBe(400);
    await expectAcronisValid('requestToken', missing, body);
    expect(body.error).toBe('invalid_request');
  });

  it('gives the customer client a token limited to its own tenant', async () => {
    const customer = ACRONIS_DEV_CLIENTS[1]!;
    const res = await token(basic(customer.clientId, customer.clientSecret));
    const { access_token } = (await res.json()) as { access_token: string };
    const list = await fetch(`${a().baseUrl}/tenants`, { headers: json(access_token) });
    const page = (await list.json()) as { items: { id: string; kind: string }[] };
    expect(page.items.map((t) => t.kind)).toEqual(['customer']);
    const denied = await fetch(`${a().baseUrl}/tenants/${a().tenantId}/reports`, { headers: json(access_token) });
    expect(denied.status).toBe(403);
    await expectAcronisValid('listTenantReports', denied, await denied.json());
  });
});

describe('bearer tokens', () => {
  it('answers 401 in the Acronis error shape without, with a bad or with an expired token', async () => {
    const url = `${a().baseUrl}/tenants`;
    for (const headers of [{}, json('not-a-token'), json(`${a().token.slice(0, -4)}AAAA`), json(a().issueToken({ ttlSeconds: 0 }))]) {
      const res = await fetch(url, { headers });
      const body = (await res.json()) as AcronisErrorBody;
      expect(res.status).toBe(401);
      await expectAcronisValid('listTenants', res, body);
      expect(body.error.code).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('expires tokens from /idp/token after acronisTokenTtlSeconds', async () => {
    const short = await startServer({ acronisTokenTtlSeconds: 1 });
    try {
      const res = await fetch(short.acronis.tokenUrl, {
        method: 'POST',
        headers: { Authorization: basic(short.acronis.clientId, short.acronis.clientSecret), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      const { access_token, expires_in } = (await res.json()) as { access_token: string; expires_in: number };
      expect(expires_in).toBe(1);
      expect((await fetch(`${short.acronis.baseUrl}/tenants`, { headers: json(access_token) })).status).toBe(200);
      await sleep(1100);
      const late = await fetch(`${short.acronis.baseUrl}/tenants`, { headers: json(access_token) });
      expect(late.status).toBe(401);
      expect(((await late.json()) as AcronisErrorBody).error.message).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });
});

describe('tenants', () => {
  it('pages with limit and the after cursor through every tenant, the partner first', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${a().baseUrl}/tenants?limit=3`;
    let pages = 0;
    while (url) {
      const res: Response = await fetch(url, { headers: json(a().token) });
      const page = (await res.json()) as { items: { id: string }[]; paging: { cursors: { after?: string } } };
      await expectAcronisValid('listTenants', res, page);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((t) => t.id));
      url = page.paging.cursors.after ? `${a().baseUrl}/tenants?limit=3&after=${page.paging.cursors.after}` : undefined;
      pages++;
    }
    expect(pages).toBe(Math.ceil(a().tenants.length / 3));
    expect(seen).toEqual(a().tenants.map((t) => t.id));
    expect(seen[0]).toBe(a().tenantId);
    expect(a().tenants.filter((t) => t.kind === 'customer').length).toBe(8);
  });

  it('filters by parent_id and rejects bad parameters naming them', async () => {
    const res = await fetch(`${a().baseUrl}/tenants?parent_id=${a().tenantId}`, { headers: json(a().token) });
    const page = (await res.json()) as { items: { parent_id: string }[] };
    expect(page.items.length).toBeGreaterThan(3);
    expect(page.items.every((t) => t.parent_id === a().tenantId)).toBe(true);
    await expectFieldError(await fetch(`${a().baseUrl}/tenants?limit=0`, { headers: json(a().token) }), 'limit', 'listTenants');
    await expectFieldError(await fetch(`${a().baseUrl}/tenants?parent_id=nope`, { headers: json(a().token) }), 'parent_id', 'listTenants');
    await expectFieldError(await fetch(`${a().baseUrl}/tenants?after=garbage`, { headers: json(a().token) }), 'after', 'listTenants');
    await expectFieldError(await fetch(`${a().baseUrl}/tenants?bogus=1`, { headers: json(a().token) }), 'bogus', 'listTenants');
  });
});

describe('validation of the create body', () => {
  const t = () => a().tenantId;
  it.each([
    ['parameters.kind', { }, { kind: 'usage_weekly' }, /must be one of/],
    ['parameters.level', { }, { level: 'everyone' }, /must be one of/],
    ['parameters.tenant_id', { }, { tenant_id: 'not-a-uuid' }, undefined],
    ['parameters.show_skus', { }, { show_skus: 'true' }, /boolean/],
    ['parameters.formats.0', { }, { formats: ['xlsx'] }, /must be one of/],
    ['parameters.period.start', { }, { period: { start: '2025/05/01', end: '2025-05-31' } }, undefined],
    ['period', { period: { start: '2025-05-01', end: '2025-05-31' } }, {}, /not allowed/],
    ['result_action', { result_action: 'print' }, {}, /must be one of/],
    ['schedule.type', { schedule: { type: 'weekly' } }, {}, /must be one of/],
    ['recipients', { recipients: undefined }, {}, /required/],
  ])('names %s', async (field, overrides, parameters, text) => {
    const body = reportBody(t(), overrides as Record<string, unknown>, parameters as Record<string, unknown>);
    const res = await fetch(`${a().baseUrl}/reports`, { method: 'POST', headers: json(a().token), body: JSON.stringify(body) });
    await expectFieldError(res, field, 'createReport', text);
  });

  it('applies the spec rules: no period for usage_current, ordered dates, none in the future', async () => {
    const post = (parameters: Record<string, unknown>) =>
      fetch(`${a().baseUrl}/reports`, { method: 'POST', headers: json(a().token), body: JSON.stringify(reportBody(t(), {}, parameters)) });
    await expectFieldError(await post({ kind: 'usage_current' }), 'parameters.period', 'createReport', /usage_current/);
    await expectFieldError(await post({ period: { start: '2025-05-31', end: '2025-05-01' } }), 'parameters.period.end', 'createReport', /after parameters.period.start/);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await expectFieldError(await post({ period: { start: '2025-05-01', end: future } }), 'parameters.period.end', 'createReport', /future/);
    await expectFieldError(await post({ period: { start: '2025-02-30', end: '2025-03-01' } }), 'parameters.period.start', 'createReport', /real date/);
    const sameDay = await post({ period: { start: '2025-05-01', end: '2025-05-01' } });
    expect(sameDay.status).toBe(200);
    const current = await post({ kind: 'usage_current', period: undefined });
    expect(current.status).toBe(200);
  });

  it('rejects malformed JSON and unknown tenants', async () => {
    const bad = await fetch(`${a().baseUrl}/reports`, { method: 'POST', headers: json(a().token), body: '{"recipients": [' });
    await expectFieldError(bad, 'body', 'createReport', /valid JSON/);
    const { res, body } = await create(reportBody('00000000-0000-4000-8000-000000000000'));
    expect(res.status).toBe(404);
    await expectAcronisValid('createReport', res, body);
  });
});

describe('triggers and faults', () => {
  it('answers "usage history not ready" on create with X-Mock-Fault: acronis-not-ready', async () => {
    const { res, body } = await create(reportBody(a().tenantId), { 'X-Mock-Fault': 'acronis-not-ready' });
    expect(res.status).toBe(400);
    await expectAcronisValid('createReport', res, body);
    expect((body as unknown as AcronisErrorBody).error.message).toBe('usage history not ready');
  });

  it('applies the shared fault planner with the Acronis error shape', async () => {
    const res = await fetch(`${a().baseUrl}/tenants`, { headers: json(a().token, { 'X-Mock-Fault': 'status=429;retry-after=2' }) });
    const body = (await res.json()) as AcronisErrorBody;
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    await expectAcronisValid('listTenants', res, body);
    const unavailable = await fetch(`${a().baseUrl}/reports?mockFault=status%3D503`, { method: 'POST', headers: json(a().token), body: '{}' });
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as AcronisErrorBody).error.code).toBe(503);
    const malformed = await fetch(`${a().baseUrl}/tenants`, { headers: json(a().token, { 'X-Mock-Fault': 'acronis-bogus' }) });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as AcronisErrorBody).error.message).toMatch(/X-Mock-Fault/);
    const times = { 'X-Mock-Fault': 'status=500;times=1', 'X-Request-ID': 'acronis-times-1' };
    expect((await fetch(`${a().baseUrl}/tenants`, { headers: json(a().token, times) })).status).toBe(500);
    expect((await fetch(`${a().baseUrl}/tenants`, { headers: json(a().token, times) })).status).toBe(200);
  });

  it('ignores test-mode triggers in dev mode', async () => {
    const dev = await startServer({});
    try {
      const res = await fetch(`${dev.acronis.baseUrl}/reports`, {
        method: 'POST', headers: json(dev.acronis.token, { 'X-Mock-Fault': 'acronis-not-ready' }), body: JSON.stringify(reportBody(dev.acronis.tenantId)),
      });
      expect(res.status).toBe(200);
    } finally {
      await dev.close();
    }
  });

  it('answers 404 and 405 in the Acronis shape outside the spec', async () => {
    const missing = await fetch(`${a().baseUrl}/nothing`, { headers: json(a().token) });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as AcronisErrorBody).error.domain).toBe('PlatformAccountServer');
    const method = await fetch(`${a().baseUrl}/tenants`, { method: 'DELETE', headers: json(a().token) });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
    const outside = await fetch(`${server.origin}/acronis/elsewhere`);
    expect(outside.status).toBe(404);
  });
});
