// GET /api/demo: the demo access key goes only to a local page of a gateway started for a demo.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli.js';
import { startGateway } from '../src/index.js';
import { PARTNER, rig, type Rig } from './helpers.js';

const KEY = 'demo-key-0123456789abcdef';

/** A GET with headers fetch would not let us set (Host, Sec-Fetch-Site). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the local demo offer', () => {
  let r: Rig;
  let plain: Rig;
  beforeAll(async () => {
    r = await rig((up) => ({ auth: 'credentials', credentials: up.credentials, accessKey: KEY, demo: true, demoRealm: PARTNER, rateLimit: false }));
    plain = await rig((up) => ({ auth: 'credentials', credentials: up.credentials, accessKey: KEY }));
  });
  afterAll(async () => { await r.close(); await plain.close(); });

  it('hands a local page the access key, the realm and the APIs it may use, never cached', async () => {
    const port = new URL(r.gw.origin).port;
    const res = await get(`${r.gw.origin}/api/demo`, { Host: `localhost:${port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({ accessKey: KEY, realmId: PARTNER, apis: { usage: `${r.gw.url}/api/usage/v2` } });
    // The key it hands out works.
    const data = await fetch(`${r.usage}/usage/realms/${PARTNER}?startDate=2025-05-01T00:00:00&endDate=2025-05-02T00:00:00&limit=1`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(data.status).toBe(200);
  });

  it('refuses a page on another host name (DNS rebinding), a cross-site request and a foreign origin', async () => {
    const port = new URL(r.gw.origin).port;
    const refused: Record<string, string>[] = [{ Host: `evil.example:${port}` }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }];
    for (const headers of refused) {
      const res = await get(`${r.gw.origin}/api/demo`, headers);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain(KEY);
    }
  });

  it('does not exist unless the gateway was started with demo', async () => {
    const res = await get(`${plain.gw.origin}/api/demo`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(KEY);
  });

  it('refuses to start a demo that could reach beyond this computer', async () => {
    const base = { paneDir: false as const, auth: 'credentials' as const, credentials: r.up.credentials, accessKey: KEY, demo: true };
    await expect(startGateway({ ...base, host: '0.0.0.0', tls: false })).rejects.toThrow(/loopback/);
    await expect(startGateway({ ...base, trustProxy: true })).rejects.toThrow(/trustProxy/);
    await expect(startGateway({ paneDir: false, demo: true })).rejects.toThrow(/credentials mode/);
  });

  it('is a flag (or METERBOOK_GATEWAY_DEMO), off by default', () => {
    const on = parseCli(['--auth', 'credentials', '--demo', '--demo-realm', PARTNER, '--tls', 'off'], {});
    expect(on !== 'help' && [on.demo, on.demoRealm]).toEqual([true, PARTNER]);
    const env = parseCli(['--auth', 'credentials'], { METERBOOK_GATEWAY_DEMO: '1' });
    expect(env !== 'help' && env.demo).toBe(true);
    const off = parseCli([], {});
    expect(off !== 'help' && off.demo).toBe(false);
  });
});
