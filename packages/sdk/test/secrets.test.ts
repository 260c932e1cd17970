// Integration: secrets stay out of errors in every form a server may echo them in, over real HTTP
// against the embedded server (its Acronis token endpoint echoes credentials on request).
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faulty } from './fake-fetch.js';
import { createAcronisClient } from '../src/acronis.js';
import { AuthError, NotFoundError } from '../src/index.js';
import { createTransport } from '../src/core/transport.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ mode: 'test' });
});

afterAll(async () => {
  await server.close();
});

/** Every form of `secret` (and of `id:secret`) that must not appear. */
function formsOf(secret: string, id = ''): string[] {
  const pair = `${id}:${secret}`;
  const b64 = Buffer.from(pair).toString('base64');
  return [secret, encodeURIComponent(secret), encodeURIComponent(pair), b64, b64.replace(/=+$/, ''), Buffer.from(pair).toString('base64url'), encodeURIComponent(b64), Buffer.from(secret).toString('base64').slice(0, -4)];
}

async function failureOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

function everything(error: unknown): string {
  const e = error as Error & Record<string, unknown>;
  return [e.message, e.stack, JSON.stringify(e), String(e.cause)].join('\n');
}

describe('the Acronis token endpoint echoes the client credentials in its 401', () => {
  for (const form of ['', '=base64url', '=url']) {
    it(`keeps the client secret out of the error (echo${form || ' as sent, base64'})`, async () => {
      const { clientId, clientSecret } = server.acronis;
      const client = createAcronisClient({ baseUrl: server.acronis.baseUrl, clientId, clientSecret, fetch: faulty(`acronis-echo-credentials${form}`) });
      const error = await failureOf(async () => client.tenants.list());
      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).message).toMatch(/^Acronis API requestToken failed: HTTP 401: unknown client credentials \S*REDACTED Request: POST .*\/idp\/token\. Correlation id: /);
      const text = everything(error);
      for (const leaked of formsOf(clientSecret, clientId)) expect(text).not.toContain(leaked);
    });
  }

  it('reproduces the leak with the echo itself: the answer does hold the credentials', async () => {
    // The fault is real: without the SDK in between, the base64 of id:secret comes back.
    const { clientId, clientSecret, tokenUrl } = server.acronis;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const res = await fetch(tokenUrl, { method: 'POST', headers: { Authorization: `Basic ${basic}`, 'X-Mock-Fault': 'acronis-echo-credentials', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: `unknown client credentials ${basic}` });
  });
});

describe('a bearer token in the request URL', () => {
  it('is removed from the error in every form, under any query name and in the path', async () => {
    const token = server.token;
    const transport = createTransport({ api: 'HERE Usage API', baseUrl: server.url, token });
    const b64 = Buffer.from(`user:${token}`).toString('base64');
    const url = `${server.url}/nothing/${encodeURIComponent(token)}?access_token=${token}&note=${encodeURIComponent(b64)}&q=${Buffer.from(token).toString('base64url')}`;
    const error = await transport.send(new Request(url), { operation: 'probe', idempotent: true, expect: 'json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).url).toMatch(/\/nothing\/REDACTED\?access_token=REDACTED&note=REDACTED&q=REDACTED$/);
    for (const leaked of formsOf(token, 'user')) expect(everything(error)).not.toContain(leaked);
  });
});
