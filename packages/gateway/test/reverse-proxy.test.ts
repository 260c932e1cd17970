// Behind a real reverse proxy: Debian's nginx, round robin over two gateway processes started
// with --trust-proxy. The pane and a streamed report work through it; rate limits and the log
// use the client's address (X-Forwarded-For); links and CORS use the public origin nginx reports
// (X-Forwarded-Proto/-Host); a report made through one instance is read through the other.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, PARTNER, SUBACCOUNTS } from './helpers.js';
import { HAS_NGINX, NGINX, spawnGateway, startNginx, type Child } from './processes.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request through nginx with a chosen Host and source address (fetch can set neither). */
function call(port: number, path: string, options: { method?: string; host?: string; from?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', localAddress: options.from, headers: { Host: options.host ?? `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

// A missing nginx is a failure, not a skip: CI installs Debian's nginx (scripts/ensure-test-tools.sh).
if (!HAS_NGINX) throw new Error(`No nginx at ${NGINX}: run 'bash scripts/ensure-test-tools.sh' at the repository root.`);

describe('two gateways behind nginx', () => {
  let up: RunningServer;
  let gateways: (Child & { origin: string })[] = [];
  let nginx: Child & { origin: string; port: number };
  let paneDir = '';
  const auth = () => ({ Authorization: `Bearer ${up.token}` });

  beforeAll(async () => {
    up = await startServer({ mode: 'test', now: NOW, reportDelayMs: 300 });
    paneDir = await mkdtemp(join(tmpdir(), 'gw-proxy-pane-'));
    await writeFile(join(paneDir, 'taskpane.html'), '<!doctype html><title>Meterbook</title><p>pane');
    await writeFile(join(paneDir, 'manifest.xml'), '<OfficeApp><SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/></OfficeApp>');
    const args = ['--port', '0', '--tls', 'off', '--trust-proxy', '--pane-dir', paneDir, '--upstream-usage', up.url, '--upstream-account', up.origin, '--rate-limit', '1', '--rate-burst', '20'];
    gateways = await Promise.all([spawnGateway(args), spawnGateway(args)]);
    nginx = await startNginx(gateways.map((g) => new URL(g.origin).host));
  }, 60_000);
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(gateways.map((g) => g.stop()));
    await up?.close();
    if (paneDir) await rm(paneDir, { recursive: true, force: true });
  });

  it('serves the pane and answers an API call, taking turns between the instances', async () => {
    const page = await call(nginx.port, '/taskpane.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('pane');
    for (let i = 0; i < 4; i++) {
      const api = await call(nginx.port, `/api/usage/v2/usage/realms/${PARTNER}?startDate=2025-05-01T00:00:00&endDate=2025-05-02T00:00:00&limit=1`, { headers: auth() });
      expect(api.status).toBe(200);
      expect((JSON.parse(api.body) as { total: number }).total).toBeGreaterThan(0);
    }
    for (const g of gateways) expect(g.lines.filter((l) => l.includes('/api/usage/v2/usage/realms/{realmId} ')).length).toBeGreaterThanOrEqual(1);
  });

  it('builds the manifest, links and the allowed origin from the public origin nginx reports', async () => {
    const host = `meterbook.test:${nginx.port}`;
    const publicOrigin = `http://${host}`;
    const manifest = await call(nginx.port, '/manifest.xml', { host });
    expect(manifest.body).toContain(`DefaultValue="${publicOrigin}/taskpane.html"`);

    const preflight = (origin: string) => call(nginx.port, `/api/usage/v2/usage/realms/${PARTNER}`, { method: 'OPTIONS', host, headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    const ok = await preflight(publicOrigin);
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(publicOrigin);
    const other = await preflight('http://evil.test');
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const index = JSON.parse((await call(nginx.port, '/api', { host })).body) as { apis: Record<string, string> };
    expect(index.apis.usage).toBe(`${publicOrigin}/api/usage/v2`);
  });

  it('streams a report made through one instance and read through the other', async () => {
    const host = `meterbook.test:${nginx.port}`;
    const created = await call(nginx.port, `/api/usage/v2/usage/realms/${PARTNER}/reports?startDate=2025-04-01T00:00:00&endDate=2025-05-01T00:00:00&detailLevel=day`, {
      method: 'POST', host, headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ subAccounts: SUBACCOUNTS }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.location).toMatch(new RegExp(`^http://${host}/api/usage/v2/`));
    const id = (JSON.parse(created.body) as { id: string }).id;
    let report: { status: string; resultHref?: string } = { status: 'pending' };
    for (let i = 0; i < 100 && report.status !== 'completed'; i++) {
      await new Promise((done) => setTimeout(done, 100));
      report = JSON.parse((await call(nginx.port, `/api/usage/v2/usage/realms/${PARTNER}/reports/${id}`, { host, headers: auth() })).body) as typeof report;
    }
    expect(report.status).toBe('completed');
    const href = new URL(report.resultHref ?? '');
    expect(href.origin).toBe(`http://${host}`);
    const through = await call(nginx.port, `${href.pathname}${href.search}`, { host, headers: auth() });
    expect(through.status).toBe(200);
    const direct = await (await fetch(`${up.url}/usage/realms/${PARTNER}/reports/${id}/output`, { headers: auth() })).text();
    const rows = through.body.split('\n').filter(Boolean).length;
    expect(rows).toBeGreaterThan(1_000);
    expect(through.body).toBe(direct);
    // Each instance took part: no instance needs state another one made.
    for (const g of gateways) expect(g.lines.some((l) => l.includes('/reports'))).toBe(true);
  }, 60_000);

  it('limits and logs each client by the address nginx reports, not its own', async () => {
    // Two clients on other loopback addresses; the flooding one also tries to pass for a third.
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await call(nginx.port, '/api/usage/v2/usage/realms/nope', { from: '127.0.0.2', headers: { ...auth(), 'X-Forwarded-For': '198.51.100.7' } });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // 20 per instance and one a second each: the 50 in a row meet the limit...
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    // ...which another client does not share.
    const other = await call(nginx.port, `/api/usage/v2/usage/realms/${PARTNER}?startDate=2025-05-01T00:00:00&endDate=2025-05-02T00:00:00&limit=1`, { from: '127.0.0.3', headers: auth() });
    expect(other.status).toBe(200);
    // The log lines come through the processes' stdout, a moment after the answers.
    const logged = () => gateways.flatMap((g) => g.lines);
    await expect.poll(() => logged().filter((l) => l.endsWith('client=127.0.0.3')).length).toBe(1);
    expect(logged().filter((l) => l.endsWith('client=127.0.0.2')).length).toBeGreaterThanOrEqual(45);
    expect(logged().some((l) => l.includes('198.51.100.7'))).toBe(false);
  }, 60_000);
});
