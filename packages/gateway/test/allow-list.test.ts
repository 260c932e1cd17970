// Everything outside the specs is refused, and none of it reaches the upstream.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, DAY, fakeUpstream, PARTNER, rawRequest, rig, type Rig } from './helpers.js';

describe('allow-list refusals', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig({ maxBodyBytes: 1024 });
  });
  afterAll(() => r.close());
  beforeEach(() => {
    r.seen.length = 0;
  });

  const refused: [string, string, number, string][] = [
    ['a path outside the specs', '/api/usage/v2/admin/users', 404, 'E_GATEWAY_NOT_ALLOWED'],
    ['an unknown API', '/api/other/v1/x', 404, 'E_GATEWAY_NOT_ALLOWED'],
    ['the upstream root', '/api/usage/v2', 404, 'E_GATEWAY_NOT_ALLOWED'],
    ['a dot-dot segment', `/api/usage/v2/usage/realms/${PARTNER}/reports/../../../../oauth2/token`, 404, 'E_GATEWAY_NOT_ALLOWED'],
    ['an encoded dot-dot parameter', `/api/usage/v2/usage/realms/%2e%2e/reports`, 400, 'E_GATEWAY_PATH'],
    ['a mixed-case encoded dot-dot', `/api/usage/v2/usage/realms/.%2E/reports`, 400, 'E_GATEWAY_PATH'],
    ['a plain dot-dot parameter', `/api/usage/v2/usage/realms/../reports`, 400, 'E_GATEWAY_PATH'],
    ['an encoded slash', `/api/usage/v2/usage/realms/org123%2F456789`, 400, 'E_GATEWAY_PATH'],
    ['an encoded backslash', `/api/usage/v2/usage/realms/org123%5C456789`, 400, 'E_GATEWAY_PATH'],
    ['an encoded NUL', `/api/usage/v2/usage/realms/org123%00456789`, 400, 'E_GATEWAY_PATH'],
    ['an encoded CR LF', `/api/usage/v2/usage/realms/org1%0d%0aX-Evil:%201`, 400, 'E_GATEWAY_PATH'],
    ['a parameter breaking the spec pattern', `/api/usage/v2/usage/realms/${PARTNER}/reports/R%20X`, 400, 'E_GATEWAY_PATH'],
    ['an encoded literal', `/api/usage/v2/%75sage/realms/${PARTNER}`, 404, 'E_GATEWAY_NOT_ALLOWED'],
    ['a URL in the path', `/api/usage/v2/http://evil.example/v2/usage/realms/${PARTNER}`, 404, 'E_GATEWAY_NOT_ALLOWED'],
    ['an unknown query parameter', `/api/usage/v2/usage/realms/${PARTNER}?${DAY}&url=http://evil.example/`, 400, 'E_GATEWAY_QUERY'],
    ['a repeated query parameter', `/api/usage/v2/usage/realms/${PARTNER}?${DAY}&limit=1&limit=2`, 400, 'E_GATEWAY_QUERY'],
    ['a control character in a query value', `/api/usage/v2/usage/realms/${PARTNER}?${DAY}&billingTag=a%0d%0aX:1`, 400, 'E_GATEWAY_QUERY'],
    ['a query parameter of another operation', `/api/usage/v2/usage/realms/${PARTNER}/reports/R1?limit=1`, 400, 'E_GATEWAY_QUERY'],
  ];
  it.each(refused)('refuses %s', async (_what, path, status, code) => {
    // Raw bytes: fetch would normalize `..` and `%2e%2e` before sending.
    const out = await rawRequest(r.gw.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${r.up.token}\r\nConnection: close\r\n\r\n`);
    expect(out.slice(0, 12)).toBe(`HTTP/1.1 ${status}`);
    const body = JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4)) as { status: number; code: string; title: string; message: string; correlationId: string };
    expect(body).toMatchObject({ status, code });
    expect(body.title).toBeTruthy();
    expect(body.correlationId).toBeTruthy();
    expect(r.seen).toHaveLength(0);
  });

  it('refuses a method the spec does not give the path (405 with Allow)', async () => {
    const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}`, { method: 'DELETE', headers: bearer(r.up.token) });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(r.seen).toHaveLength(0);
  });

  it('refuses oversized bodies with 413, declared or streamed', async () => {
    const url = `${r.usage}/usage/realms/${PARTNER}/reports?${DAY}`;
    const big = JSON.stringify({ subAccounts: Array.from({ length: 200 }, (_, i) => `org${String(i).padStart(6, '0')}`) });
    const declared = await fetch(url, { method: 'POST', headers: bearer(r.up.token, { 'Content-Type': 'application/json' }), body: big });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { code: string }).code).toBe('E_GATEWAY_BODY_TOO_LARGE');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode('x'.repeat(512)));
        c.close();
      },
    });
    const chunked = await fetch(url, { method: 'POST', headers: bearer(r.up.token, { 'Content-Type': 'application/json' }), body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(r.seen).toHaveLength(0);
  });

  it('refuses a body on an operation that takes none', async () => {
    const out = await rawRequest(r.gw.url, `GET /api/usage/v2/usage/realms/${PARTNER}/reports/R1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${r.up.token}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`);
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    expect(out).toContain('E_GATEWAY_BODY');
    expect(r.seen).toHaveLength(0);
  });

  it('refuses an absolute-URL request line (it is not a proxy)', async () => {
    const out = await rawRequest(r.gw.url, `GET http://evil.example/v2/usage/realms/${PARTNER} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    expect(out).toContain('E_GATEWAY_REQUEST_TARGET');
    const star = await rawRequest(r.gw.url, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(star).toMatch(/^HTTP\/1\.1 400/);
    const connect = await rawRequest(r.gw.url, 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n');
    expect(connect).not.toMatch(/^HTTP\/1\.1 200/);
    expect(r.seen).toHaveLength(0);
  });

  it('refuses a protocol-relative path', async () => {
    const out = await rawRequest(r.gw.url, `GET //evil.example/api/usage/v2/usage/realms/${PARTNER} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    expect(r.seen).toHaveLength(0);
  });

  it('refuses CR/LF injected into a header at the socket level', async () => {
    const path = `/api/usage/v2/usage/realms/${PARTNER}?${DAY}`;
    const bareCr = await rawRequest(r.gw.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${r.up.token}\r\nX-Request-ID: a\rX-Evil: 1\r\nConnection: close\r\n\r\n`);
    expect(bareCr).toMatch(/^HTTP\/1\.1 400/);
    const obsFold = await rawRequest(r.gw.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Request-ID: a\r\n X-Evil: 1\r\nConnection: close\r\n\r\n`);
    expect(obsFold).toMatch(/^HTTP\/1\.1 400/);
    const nul = await rawRequest(r.gw.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Request-ID: a\u0000b\r\nConnection: close\r\n\r\n`);
    expect(nul).toMatch(/^HTTP\/1\.1 400/);
    expect(r.seen).toHaveLength(0);
  });

  it('refuses ids that are not sane header values', async () => {
    const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}`, { headers: bearer(r.up.token, { 'X-Request-ID': 'x'.repeat(300) }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('E_GATEWAY_HEADER');
    expect(r.seen).toHaveLength(0);
  });
});

describe('a bare LF in a header', () => {
  it('never lets a second header through to the upstream', async () => {
    const fake = await fakeUpstream(() => ({ status: 200, body: '{"total":0,"limit":1,"items":[]}' }));
    const { startGateway } = await import('../src/index.js');
    const gw = await startGateway({ paneDir: false, upstreams: { usage: `${fake.origin}/v2` } });
    try {
      const out = await rawRequest(gw.url, `GET /api/usage/v2/usage/realms/${PARTNER}?${DAY} HTTP/1.1\r\nHost: x\r\nX-Request-ID: a\nX-Injected: 1\r\nConnection: close\r\n\r\n`);
      expect(out).toMatch(/^HTTP\/1\.1 (200|400)/);
      for (const req of fake.requests) {
        expect(req.headers['x-injected']).toBeUndefined();
        expect(JSON.stringify(req.headers)).not.toMatch(/[\r\n]/);
      }
    } finally {
      await gw.close();
      await fake.close();
    }
  });
});
