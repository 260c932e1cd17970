// Server-held credentials: the pane presents an access key; the secret and the upstream tokens
// never reach a response, a header, a log line or an error; an expiring token is renewed.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsageClient, type TokenFunction } from '@meterbook/sdk';
import { hereCredentials } from '@meterbook/sdk/credentials';
import { startGateway } from '../src/index.js';
import { bearer, DAY, fakeUpstream, PARTNER, rig, SUBACCOUNTS, type Rig } from './helpers.js';

const KEY = 'gateway-access-key-for-tests-0001';

/** Wraps the real provider: records every token it hands out, and can hand out an expired one. */
function recordingProvider(real: TokenFunction, expired: () => string) {
  const state = { tokens: [] as string[], forced: 0, expireNext: false };
  const provider: TokenFunction = async (request) => {
    if (request.forceRefresh) {
      state.forced++;
      state.expireNext = false;
    } else if (state.expireNext) {
      const t = expired();
      state.tokens.push(t);
      return t;
    }
    const t = await real(request);
    state.tokens.push(t);
    return t;
  };
  return { provider, state };
}

describe('credentials mode', () => {
  let r: Rig;
  let rec: ReturnType<typeof recordingProvider>;
  const seenText: string[] = [];
  const look = async (res: Response): Promise<string> => {
    const text = await res.text();
    seenText.push(text, JSON.stringify([...res.headers]));
    return text;
  };

  beforeAll(async () => {
    r = await rig((up) => {
      rec = recordingProvider(hereCredentials(up.credentials), () => up.issueToken({ ttlSeconds: 0 }));
      return { auth: 'credentials', credentials: up.credentials, tokenProvider: rec.provider, accessKey: KEY };
    });
  });
  afterAll(() => r.close());

  it('refuses callers without the access key, before any upstream call', async () => {
    for (const headers of [{}, bearer('wrong-key-wrong-key-1234'), bearer(r.up.token), { 'X-Meterbook-Key': 'nope' }]) {
      const res = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(JSON.parse(await look(res))).toMatchObject({ status: 401, code: 'E_GATEWAY_ACCESS_KEY' });
    }
    expect(r.seen.filter((s) => s.operationId !== 'requestToken')).toHaveLength(0);
  });

  it('lets the SDK, holding only the access key, pull usage and a report', async () => {
    const client = createUsageClient({ baseUrl: r.usage, token: KEY });
    const records = await client.usage.all({ realmId: PARTNER, startDate: '2025-05-01', endDate: '2025-05-04', detailLevel: 'day' });
    expect(records.length).toBeGreaterThan(50);
    const ref = await client.reports.create({ realmId: PARTNER, subAccounts: SUBACCOUNTS, startDate: '2025-05-01', endDate: '2025-05-02' });
    const report = await client.reports.waitUntilDone(ref, { intervalMs: 20 });
    let rows = 0;
    for await (const _row of client.reports.download(report)) rows++;
    expect(rows).toBeGreaterThan(0);
    // The key may also come in its own header.
    const res = await fetch(`${r.usage}/usage/realms/${PARTNER}/csv?${DAY}`, { headers: { 'X-Meterbook-Key': KEY } });
    expect(res.status).toBe(200);
    await look(res);
  });

  it('does not offer the token endpoint, nor APIs the credentials are not for', async () => {
    const token = await fetch(`${r.gw.url}/api/here-account/oauth2/token`, { method: 'POST', headers: bearer(KEY, { 'Content-Type': 'application/x-www-form-urlencoded' }), body: 'grant_type=client_credentials' });
    expect(token.status).toBe(404);
    expect(JSON.parse(await look(token))).toMatchObject({ code: 'E_GATEWAY_NOT_OFFERED' });
    const acronis = await fetch(`${r.gw.url}/api/acronis/api/2/tenants`, { headers: bearer(KEY) });
    expect(acronis.status).toBe(404);
    await look(acronis);
    const index = JSON.parse(await look(await fetch(`${r.gw.url}/api`))) as { auth: string; operations: { operationId: string }[] };
    expect(index.auth).toBe('credentials');
    expect(index.operations.map((o) => o.operationId)).not.toContain('requestToken');
  });

  it('renews a token that expires in the middle of a pull (401 -> forceRefresh -> retry)', async () => {
    const client = createUsageClient({ baseUrl: r.usage, token: KEY });
    const before = rec.state.forced;
    r.seen.length = 0;
    let pages = 0;
    const records = await client.usage.all(
      { realmId: PARTNER, startDate: '2025-05-01', endDate: '2025-05-10', detailLevel: 'day' },
      {
        onProgress: () => {
          // After the first page, the cached token "expires".
          if (++pages === 1) rec.state.expireNext = true;
        },
      },
    );
    expect(records.length).toBeGreaterThan(100);
    expect(rec.state.forced).toBeGreaterThan(before);
    expect(r.seen.some((s) => s.status === 401)).toBe(true);
    expect(r.logs.some((l) => l.includes('upstream=200'))).toBe(true);
  });

  it('upstream errors reach the pane in the spec shape', async () => {
    const res = await fetch(`${r.usage}/usage/realms/org000000001?${DAY}`, { headers: bearer(KEY) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const bad = await fetch(`${r.usage}/usage/realms/${PARTNER}?startDate=2025-01-01T00:00:00&endDate=2025-06-01T00:00:00`, { headers: bearer(KEY) });
    expect(bad.status).toBe(400);
    await look(res);
    await look(bad);
  });

  it('never shows the secret or an upstream token in any response, header or log line', () => {
    const secrets = [r.up.credentials.accessKeySecret, ...new Set(rec.state.tokens)];
    expect(rec.state.tokens.length).toBeGreaterThan(0);
    const everything = [...seenText, ...r.logs].join('\n');
    for (const s of secrets) expect(everything).not.toContain(s);
  });
});

describe('credentials mode against a misbehaving upstream', () => {
  const TOKEN = 'upstream-token-0123456789abcdef';
  const SECRET = 'the-app-secret-0123456789';
  const creds = { accessKeyId: 'id-1', accessKeySecret: SECRET, tokenEndpointUrl: 'http://127.0.0.1:9/oauth2/token' };

  it('scrubs a token the upstream echoes in an error body', async () => {
    const fake = await fakeUpstream((req) => ({ status: 400, body: JSON.stringify({ status: 400, code: 'E', message: `bad header ${req.headers.authorization} / ${SECRET}` }) }));
    const logs: string[] = [];
    const gw = await startGateway({ paneDir: false, upstreams: { usage: `${fake.origin}/v2` }, auth: 'credentials', credentials: creds, tokenProvider: () => TOKEN, accessKey: KEY, log: (l) => logs.push(l) });
    try {
      const res = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}?${DAY}`, { headers: bearer(KEY) });
      const text = await res.text();
      expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(res.status).toBe(400);
      expect(text).toContain('REDACTED');
      expect(text + JSON.stringify([...res.headers]) + logs.join('\n')).not.toMatch(new RegExp(`${TOKEN}|${SECRET}`));
    } finally {
      await gw.close();
      await fake.close();
    }
  });

  it('answers 502 when the upstream keeps refusing the gateway token, without retrying POSTs', async () => {
    const fake = await fakeUpstream(() => ({ status: 401, body: '{"status":401,"code":"E_AUTH","message":"expired"}' }));
    let forced = 0;
    const gw = await startGateway({
      paneDir: false, upstreams: { usage: `${fake.origin}/v2` }, auth: 'credentials', accessKey: KEY,
      tokenProvider: ({ forceRefresh }) => {
        if (forceRefresh) forced++;
        return TOKEN;
      },
    });
    try {
      const get = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}?${DAY}`, { headers: bearer(KEY) });
      expect(get.status).toBe(502);
      expect(((await get.json()) as { code: string }).code).toBe('E_GATEWAY_UPSTREAM_AUTH');
      expect(fake.requests).toHaveLength(2);
      expect(forced).toBe(1);
      const post = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}/reports?${DAY}`, { method: 'POST', headers: bearer(KEY, { 'Content-Type': 'application/json' }), body: '{}' });
      expect(post.status).toBe(502);
      expect(fake.requests).toHaveLength(3);
    } finally {
      await gw.close();
      await fake.close();
    }
  });

  it('answers 502 without the secret when no token can be had', async () => {
    const gw = await startGateway({ paneDir: false, auth: 'credentials', credentials: creds, accessKey: KEY });
    try {
      const res = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}?${DAY}`, { headers: bearer(KEY) });
      const text = await res.text();
      expect(res.status).toBe(502);
      expect(JSON.parse(text)).toMatchObject({ code: 'E_GATEWAY_TOKEN' });
      expect(text).not.toContain(SECRET);
    } finally {
      await gw.close();
    }
  });

  it('refuses to start without an access key', async () => {
    await expect(startGateway({ paneDir: false, auth: 'credentials', credentials: creds })).rejects.toThrow(/access key/);
  });
});

describe('credentials sources', () => {
  it('reads credentials.properties, or the HERE_* environment variables', async () => {
    const r = await rig((up) => ({ auth: 'credentials', accessKey: KEY, env: {
      HERE_ACCESS_KEY_ID: up.credentials.accessKeyId, HERE_ACCESS_KEY_SECRET: up.credentials.accessKeySecret, HERE_TOKEN_ENDPOINT_URL: up.credentials.tokenEndpointUrl,
    } }));
    try {
      expect((await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}&limit=1`, { headers: bearer(KEY) })).status).toBe(200);
      const dir = await mkdtemp(join(tmpdir(), 'gw-creds-'));
      const file = join(dir, 'credentials.properties');
      const c = r.up.credentials;
      await writeFile(file, `here.access.key.id = ${c.accessKeyId}\nhere.access.key.secret = ${c.accessKeySecret}\nhere.token.endpoint.url = ${c.tokenEndpointUrl}\n`);
      const gw = await startGateway({ paneDir: false, upstreams: { usage: r.up.url }, auth: 'credentials', accessKey: KEY, credentialsFile: file });
      try {
        expect((await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}?${DAY}&limit=1`, { headers: bearer(KEY) })).status).toBe(200);
      } finally {
        await gw.close();
      }
    } finally {
      await r.close();
    }
  });
});

describe('credentials mode with Acronis credentials too', () => {
  let r: Rig;

  beforeAll(async () => {
    r = await rig((up) => ({
      auth: 'credentials',
      credentials: up.credentials,
      acronisCredentials: { clientId: up.acronis.clientId, clientSecret: up.acronis.clientSecret },
      upstreams: { usage: up.url, 'here-account': up.origin, acronis: up.acronis.baseUrl },
      accessKey: KEY,
    }));
  });
  afterAll(() => r.close());

  it('gives each API its own token, obtained with its own credentials, and never shows either secret', async () => {
    const acronisBase = `${r.gw.url}/api/acronis/api/2`;
    const tenants = await fetch(`${acronisBase}/tenants`, { headers: bearer(KEY) });
    const tenantsText = await tenants.text();
    expect(tenants.status).toBe(200);
    expect(JSON.parse(tenantsText).items.length).toBeGreaterThan(0);
    const usage = await fetch(`${r.usage}/usage/realms/${PARTNER}?${DAY}&limit=1`, { headers: bearer(KEY) });
    expect(usage.status).toBe(200);
    const tokenCalls = r.seen.filter((s) => s.path.endsWith('/idp/token') || s.path === '/oauth2/token').map((s) => s.path);
    expect(tokenCalls).toEqual(expect.arrayContaining(['/acronis/api/2/idp/token', '/oauth2/token']));
    const everything = [tenantsText, JSON.stringify([...tenants.headers]), await usage.text(), r.logs.join('\n')].join('\n');
    for (const secret of [r.up.acronis.clientSecret, r.up.credentials.accessKeySecret]) expect(everything).not.toContain(secret);
    const index = (await (await fetch(`${r.gw.url}/api`)).json()) as { operations: { api?: string; mount?: string; operationId: string }[] };
    expect(JSON.stringify(index.operations)).toContain('listTenants');
  });

  it('does not offer the Acronis token endpoint to the pane', async () => {
    const res = await fetch(`${r.gw.url}/api/acronis/api/2/idp/token`, { method: 'POST', headers: { ...bearer(KEY), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(res.status).toBe(404);
  });
});
