import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RequestInfo, type RunningServer } from '../src/index.js';
import { bearer, DAY, NOW, PARTNER, specBackend } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mb-static-'));
mkdirSync(join(dir, 'taskpane'));
writeFileSync(join(dir, 'taskpane', 'index.html'), '<!doctype html><title>pane</title>');
writeFileSync(join(dir, 'app.js'), 'console.log(1)');
writeFileSync(join(dir, 'style.css'), 'body{}');

let server: RunningServer;
const lines: string[] = [];
const seen: RequestInfo[] = [];
beforeAll(async () => {
  server = await startServer({ now: NOW, staticDir: dir, log: (l) => lines.push(l), onRequest: (i) => seen.push(i) });
});
afterAll(() => server.close());

/** Raw request, so the path reaches the server exactly as written (fetch would normalize `..`). */
function raw(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('server', () => {
  it('binds to 127.0.0.1 on an ephemeral port and exposes the API under /v2', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(server.origin).toBe(server.url.slice(0, -3));
  });

  it('echoes X-Correlation-ID, or generates one', async () => {
    const mine = await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, bearer(server.token, { 'X-Correlation-ID': 'abc-123' }));
    expect(mine.headers.get('x-correlation-id')).toBe('abc-123');
    const made = await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, bearer(server.token));
    expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const err = await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}`, { headers: { 'X-Correlation-ID': 'e-1' } });
    expect(((await err.json()) as { correlationId: string }).correlationId).toBe('e-1');
  });

  it('sends no CORS headers, not even to a preflight', async () => {
    const pre = await fetch(`${server.url}/usage/realms/${PARTNER}`, {
      method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.status).toBe(405);
    const ok = await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, bearer(server.token, { Origin: 'https://evil.example' }));
    for (const res of [pre, ok]) expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('answers 404 and 405 with the Error body', async () => {
    const missing = await fetch(`${server.url}/usage/nothing`, bearer(server.token));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('E_NOT_FOUND');
    const method = await fetch(`${server.url}/usage/realms/${PARTNER}`, { method: 'DELETE', ...bearer(server.token) });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
  });

  it('serves static files with content types, index.html for folders, and no traversal', async () => {
    const js = await fetch(`${server.origin}/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log(1)');
    expect((await fetch(`${server.origin}/style.css`)).headers.get('content-type')).toBe('text/css');
    const pane = await fetch(`${server.origin}/taskpane/`);
    expect(pane.headers.get('content-type')).toBe('text/html;charset=utf-8');
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/taskpane/..%2f..%2fetc%2fpasswd', '/nope.js', '/..%5c..%5cpackage.json']) {
      expect((await raw(path)).status, path).toBe(404);
    }
    expect((await raw('/app.js', 'POST')).status).toBe(404);
  });

  it('keeps the high-water mark of requests in flight', async () => {
    const slow = await startServer({ now: NOW, latencyMs: 60 });
    try {
      const get = () => fetch(`${slow.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, bearer(slow.token)).then((r) => r.arrayBuffer());
      await Promise.all([get(), get(), get()]);
      expect(slow.stats()).toMatchObject({ requests: 3, inFlight: 0, maxInFlight: 3 });
      slow.resetStats();
      await get();
      await get();
      expect(slow.stats()).toMatchObject({ requests: 2, maxInFlight: 1 });
    } finally {
      await slow.close();
    }
  });

  it('counts requests and calls onRequest; logs one line per request without secrets', async () => {
    server.resetStats();
    const before = seen.length;
    await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, bearer(server.token, { 'X-Request-ID': 'r-1' }));
    await fetch(`${server.url}/usage/realms/${PARTNER}/reports`, bearer(server.token));
    await new Promise((r) => setTimeout(r, 20));
    expect(server.stats()).toMatchObject({ requests: 2, byOperation: { getUsage: 1, listUsageReports: 1 }, byStatus: { 200: 2 }, inFlight: 0, maxInFlight: 1 });
    expect(seen.slice(before).map((i) => [i.operationId, i.status, i.requestId])).toEqual([['getUsage', 200, 'r-1'], ['listUsageReports', 200, undefined]]);
    await fetch(`${server.url}/usage/realms/${PARTNER}?${DAY}&limit=1&access_token=${server.token}`, bearer(server.token));
    expect(lines.some((l) => /^GET \/v2\/usage\/realms\/org123456789\?\S+ 200 \d+ms \S+$/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toContain(server.token);
    expect(lines.join('\n')).not.toContain(server.token.split('.')[2]);
  });

  it('closes with open keep-alive connections', async () => {
    const s = await startServer({ now: NOW });
    await fetch(`${s.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, { ...bearer(s.token), keepalive: true });
    const t = performance.now();
    await s.close();
    expect(performance.now() - t).toBeLessThan(1000);
    await expect(fetch(`${s.url}/usage/realms/${PARTNER}`)).rejects.toThrow();
  });

  it('starts quickly (no data materialized at start-up)', async () => {
    const t = performance.now();
    const s = await startServer({ scale: 'large' });
    expect(performance.now() - t).toBeLessThan(500);
    await s.close();
  });

  it('reads a spec that is a valid OpenAPI document', async () => {
    const api = await specBackend(true);
    expect(api.router.getOperations().map((o) => o.operationId).sort()).toEqual([
      'createUsageReport', 'getUsage', 'getUsageCsv', 'getUsageReport', 'getUsageReportOutput', 'listUsageReports', 'requestToken',
    ]);
    // The response checks used by every suite do reject what the spec forbids.
    const quick = await specBackend();
    expect(quick.validator.validateResponse({ total: 1, limit: 1, items: [{ usageValue: 'a' }] }, 'getUsage', 200).errors).not.toBeNull();
    expect(quick.validator.validateResponse({ status: 400 }, 'getUsage', 400).errors).not.toBeNull();
  });
});
