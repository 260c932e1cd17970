// Pass-through mode: every allow-listed operation of the HERE specs is forwarded, the SDK works
// through the gateway unchanged, headers and ids are kept or added as documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsageClient } from '@meterbook/sdk';
import { hereCredentials } from '@meterbook/sdk/credentials';
import { startGateway } from '../src/index.js';
import { bearer, DAY, fakeUpstream, PARTNER, rig, SUBACCOUNTS, type Rig } from './helpers.js';

describe('pass-through forwarding', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig();
  });
  afterAll(() => r.close());

  it('forwards every allow-listed Usage API operation', async () => {
    const auth = bearer(r.up.token);
    const usage = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}&limit=2`, { headers: auth });
    expect(usage.status).toBe(200);
    expect(((await usage.json()) as { items: unknown[] }).items).toHaveLength(2);

    const csv = await fetch(`${r.usage}/usage/realms/${PARTNER}/csv?${DAY}`, { headers: auth });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/^"Date and time/);

    const created = await fetch(`${r.usage}/usage/realms/${PARTNER}/reports?${DAY}`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ subAccounts: SUBACCOUNTS }),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    // The status link points back at the gateway, not at the upstream.
    expect(location.startsWith(`${r.usage}/usage/realms/${PARTNER}/reports/`)).toBe(true);

    const list = await fetch(`${r.usage}/usage/realms/${PARTNER}/reports?limit=5&sort=desc`, { headers: auth });
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { items: { resultHref?: string }[] };
    for (const item of listed.items) if (item.resultHref) expect(item.resultHref.startsWith(r.usage)).toBe(true);

    const status = await fetch(location, { headers: auth });
    const report = (await status.json()) as { status: string; resultHref: string };
    expect(report.status).toBe('completed');
    expect(report.resultHref).toBe(`${location}/output`);

    const output = await fetch(report.resultHref, { headers: auth });
    expect(output.status).toBe(200);
    expect((await output.text()).split('\r\n').length).toBeGreaterThan(2);

    const ops = r.seen.map((s) => s.operationId);
    for (const op of ['getUsage', 'getUsageCsv', 'createUsageReport', 'listUsageReports', 'getUsageReport', 'getUsageReportOutput']) expect(ops).toContain(op);
  });

  it('forwards the token request byte for byte (signed for the upstream token URL)', async () => {
    // OAuth 1 signs the URL: the pane signs for the real token URL and sends it to the gateway.
    const viaGateway: typeof fetch = (input, init) => {
      const req = new Request(input, init);
      return fetch(`${r.gw.url}/api/here-account/oauth2/token`, { method: req.method, headers: req.headers, body: req.body, duplex: 'half' } as RequestInit);
    };
    const token = hereCredentials({ ...r.up.credentials, fetch: viaGateway });
    const value = await token({ forceRefresh: false });
    expect(value.length).toBeGreaterThan(20);
    expect(r.seen.at(-1)?.operationId).toBe('requestToken');
    const client = createUsageClient({ baseUrl: r.usage, token: value });
    expect((await client.usage.list({ realmId: PARTNER, startDate: '2025-05-01', endDate: '2025-05-02', limit: 1 })).items).toHaveLength(1);
  });

  it('lets the SDK pull usage and create, poll and download a report through it', async () => {
    const client = createUsageClient({ baseUrl: r.usage, token: r.up.token });
    const records = await client.usage.all({ realmId: PARTNER, startDate: '2025-05-01', endDate: '2025-05-08', detailLevel: 'day' });
    expect(records.length).toBeGreaterThan(100);
    const ref = await client.reports.create({ realmId: PARTNER, subAccounts: SUBACCOUNTS, startDate: '2025-05-01', endDate: '2025-05-03', detailLevel: 'day' });
    const report = await client.reports.waitUntilDone(ref, { intervalMs: 20 });
    expect(report.resultHref?.startsWith(r.usage)).toBe(true);
    let rows = 0;
    for await (const _row of client.reports.download(report)) rows++;
    expect(rows).toBeGreaterThan(10);
  });

  it('keeps the upstream correlation id, adds its own request id and forwards X-Request-ID', async () => {
    const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}&limit=1`, {
      headers: bearer(r.up.token, { 'X-Request-ID': 'pane-req-42', 'X-Correlation-ID': 'pane-corr-42' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('pane-corr-42');
    expect(res.headers.get('x-gateway-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.seen.at(-1)?.requestId).toBe('pane-req-42');
    const line = r.logs.find((l) => l.includes('pane-corr-42')) ?? '';
    expect(line).toMatch(/^GET \/api\/usage\/v2\/usage\/realms\/\{realmId\} realm=org123456789 200 \d+ms upstream=200 corr=pane-corr-42 gw=/);
    expect(line).not.toContain(r.up.token);
  });

  it('passes upstream errors through in the spec shape', async () => {
    const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}`, { headers: bearer('not-a-token') });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBeTruthy();
  });

  it('answers /healthz and lists what it forwards at /api', async () => {
    expect(await (await fetch(`${r.gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const index = (await (await fetch(`${r.gw.url}/api`)).json()) as { auth: string; apis: Record<string, string>; operations: { path: string }[] };
    expect(index.auth).toBe('pass-through');
    expect(index.apis.usage).toBe(r.usage);
    expect(index.operations.map((o) => o.path)).toContain('/api/usage/v2/usage/realms/{realmId}/reports/{reportId}/output');
    expect(index.operations.map((o) => o.path)).toContain('/api/here-account/oauth2/token');
  });
});

describe('headers and upstream failures', () => {
  it('forwards only the safe request headers, never cookies or hop-by-hop headers', async () => {
    const fake = await fakeUpstream(() => ({ status: 200, headers: { 'Set-Cookie': 'up=1', Connection: 'close', 'X-Internal': 'x' }, body: '{"total":0,"limit":1,"items":[]}' }));
    const gw = await startGateway({ paneDir: false, upstreams: { usage: `${fake.origin}/v2` } });
    try {
      const res = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}?${DAY}`, {
        headers: { Authorization: 'Bearer t0ken-value', Cookie: 'session=abc', 'X-Forwarded-For': '10.0.0.1', 'X-Request-ID': 'r1', Accept: 'application/json', 'X-Other': 'no' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('x-internal')).toBeNull();
      const seen = fake.requests[0]!;
      // The query is rebuilt from the decoded values (`:` comes out as %3A), never copied raw.
      expect(decodeURIComponent(seen.url)).toBe(`/v2/usage/realms/${PARTNER}?${DAY}`);
      expect(seen.headers.authorization).toBe('Bearer t0ken-value');
      expect(seen.headers.cookie).toBeUndefined();
      expect(seen.headers['x-forwarded-for']).toBeUndefined();
      expect(seen.headers['x-other']).toBeUndefined();
      expect(seen.headers['x-request-id']).toBe('r1');
    } finally {
      await gw.close();
      await fake.close();
    }
  });

  it('leaves a resultHref on a foreign host alone and never fetches it', async () => {
    const foreign = 'https://evil.example/v2/usage/realms/org123456789/reports/R1/output';
    const fake = await fakeUpstream(() => ({ status: 200, body: JSON.stringify({ id: 'R1', status: 'completed', resultHref: foreign }) }));
    const gw = await startGateway({ paneDir: false, upstreams: { usage: `${fake.origin}/v2` } });
    try {
      const res = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}/reports/R1`, { headers: { Authorization: 'Bearer t' } });
      expect(((await res.json()) as { resultHref: string }).resultHref).toBe(foreign);
      // The gateway offers no way to reach it: a URL in the path is not an operation.
      const smuggled = await fetch(`${gw.url}/api/usage/v2/${encodeURIComponent(foreign)}`, { headers: { Authorization: 'Bearer t' } });
      expect(smuggled.status).toBe(404);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await gw.close();
      await fake.close();
    }
  });

  it('answers 502 in the Error shape when the upstream is unreachable', async () => {
    const fake = await fakeUpstream(() => ({ status: 200, body: '{}' }));
    await fake.close();
    const gw = await startGateway({ paneDir: false, upstreams: { usage: `${fake.origin}/v2` } });
    try {
      const res = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}?${DAY}`, { headers: { Authorization: 'Bearer t', 'X-Correlation-ID': 'c-502' } });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ status: 502, code: 'E_GATEWAY_UPSTREAM_UNREACHABLE', title: 'Bad Gateway', correlationId: 'c-502' });
    } finally {
      await gw.close();
    }
  });

  it('answers 504 with a clear message when the upstream is too slow', async () => {
    const r = await rig({ upstreamTimeoutMs: 100 }, { latencyMs: 1000 });
    try {
      const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}`, { headers: bearer(r.up.token) });
      expect(res.status).toBe(504);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('E_GATEWAY_TIMEOUT');
      expect(body.message).toMatch(/did not answer within/);
    } finally {
      await r.close();
    }
  });

  it('maps a second spec (Acronis) by adding an upstream, not code', async () => {
    const fake = await fakeUpstream(() => ({ status: 200, body: '{"items":[]}' }));
    const gw = await startGateway({ paneDir: false, upstreams: { acronis: `${fake.origin}/api/2` } });
    try {
      expect(gw.apis.acronis).toBe(`${gw.url}/api/acronis/api/2`);
      const res = await fetch(`${gw.apis.acronis}/tenants`, { headers: { Authorization: 'Bearer t' } });
      expect(res.status).toBe(200);
      expect(fake.requests[0]?.url).toBe('/api/2/tenants');
    } finally {
      await gw.close();
      await fake.close();
    }
  });
});
