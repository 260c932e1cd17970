// CORS, rate limits, the task pane, the manifest and TLS.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../src/index.js';
import { bearer, DAY, PARTNER, rawRequest, rig, type Rig } from './helpers.js';

const PANE = 'https://excel.example.com';

describe('CORS', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig({ allowedOrigins: [PANE] });
  });
  afterAll(() => r.close());

  const preflight = (origin: string, headers = 'authorization, x-request-id') =>
    fetch(`${r.usage}/usage/realms/${PARTNER}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': headers } });

  it('answers a preflight from the allowed origin', async () => {
    const res = await preflight(PANE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PANE);
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-meterbook-key');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('gives another origin no CORS headers, and refuses its requests', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    for (const [name] of res.headers) expect(name.startsWith('access-control-')).toBe(false);
    const odd = await preflight(PANE, 'x-evil');
    expect(odd.headers.get('access-control-allow-origin')).toBeNull();
    r.seen.length = 0;
    const call = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}`, { headers: bearer(r.up.token, { Origin: 'https://evil.example' }) });
    expect(call.status).toBe(403);
    expect(call.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.seen).toHaveLength(0);
  });

  it('lets the allowed origin read answers and the ids', async () => {
    const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}&limit=1`, { headers: bearer(r.up.token, { Origin: PANE }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PANE);
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Correlation-ID');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a client has spent its bucket', async () => {
    const r = await rig({ rateLimit: { burst: 3, perSecond: 0.5 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}&limit=1`, { headers: bearer(r.up.token) });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(((await res.json()) as { code: string }).code).toBe('E_GATEWAY_RATE_LIMIT');
        } else await res.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(r.seen).toHaveLength(3);
    } finally {
      await r.close();
    }
  });
});

describe('the task pane and its manifest', () => {
  let gw: Awaited<ReturnType<typeof startGateway>>;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-pane-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'taskpane.html'), '<!doctype html><title>pane</title>');
    await writeFile(join(dir, 'assets', 'icon-16.png'), 'png');
    await writeFile(join(dir, 'manifest.xml'), '<OfficeApp><SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/><IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/><AppDomain>https://usage.bam.api.here.com</AppDomain></OfficeApp>');
    await writeFile(join(tmpdir(), 'gw-secret.txt'), 'outside');
    gw = await startGateway({ paneDir: dir, publicUrl: 'https://meterbook.example.com' });
  });
  afterAll(() => gw.close());

  it('serves the pane and a manifest pointing at the public URL', async () => {
    const page = await fetch(`${gw.origin}/taskpane.html`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('pane');
    const manifest = await (await fetch(`${gw.origin}/manifest.xml`)).text();
    expect(manifest).toContain('<SourceLocation DefaultValue="https://meterbook.example.com/taskpane.html"/>');
    expect(manifest).toContain('https://meterbook.example.com/assets/icon-32.png');
    expect(manifest).not.toContain('localhost');
    expect(manifest).toContain('https://usage.bam.api.here.com');
  });

  it('never serves files outside the pane directory', async () => {
    for (const path of ['/../gw-secret.txt', '/%2e%2e/gw-secret.txt', '/assets/..%2f..%2fgw-secret.txt', '/assets%5c..%5c..%5cgw-secret.txt']) {
      const out = await rawRequest(gw.origin, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(out).toMatch(/^HTTP\/1\.1 404/);
      expect(out).not.toContain('outside');
    }
  });

  it('defaults CORS to the public origin', async () => {
    const res = await fetch(`${gw.origin}/api/usage/v2/usage/realms/${PARTNER}`, {
      method: 'OPTIONS', headers: { Origin: 'https://meterbook.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://meterbook.example.com');
  });
});

describe('TLS', () => {
  it('refuses plain HTTP on a non-loopback address', async () => {
    await expect(startGateway({ paneDir: false, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('makes a development certificate without prompts and serves HTTPS with it', async () => {
    const devCertDir = await mkdtemp(join(tmpdir(), 'gw-cert-'));
    const gw = await startGateway({ paneDir: false, tls: 'dev', devCertDir });
    try {
      expect(gw.origin.startsWith('https://')).toBe(true);
      const { status, cert } = await new Promise<{ status: number; cert: string }>((resolve, reject) => {
        const req = httpsRequest(`${gw.origin}/healthz`, { rejectUnauthorized: false }, (res) => {
          const peer = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
          res.resume();
          resolve({ status: res.statusCode ?? 0, cert: String(peer.subjectaltname) });
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(cert).toContain('DNS:localhost');
    } finally {
      await gw.close();
    }
    // The certificate is kept, so a second start reuses it.
    const again = await startGateway({ paneDir: false, tls: 'dev', devCertDir });
    await again.close();
  });
});
