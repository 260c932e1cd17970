import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CREDENTIALS, startServer, type RunningServer } from '../src/index.js';
import { bearer, DAY, expectSpecValid, NOW, oauthHeader, PARTNER, PLAIN, requestToken, specBackend } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ now: NOW, tokenTtlSeconds: 600 });
});
afterAll(() => server.close());

const usageUrl = (realm = PARTNER) => `${server.url}/usage/realms/${realm}?${DAY}&limit=1`;
const plainCred = DEV_CREDENTIALS.find((c) => c.realms.length === 1)!;

async function tokenErrorValid(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  const api = await specBackend();
  expect(api.validator.validateResponse(body, 'requestToken', res.status).errors ?? []).toEqual([]);
  return body;
}

describe('bearer tokens', () => {
  it('401s without a token, with an unknown one and with an expired one', async () => {
    const cases: [RequestInit, RegExp][] = [
      [{}, /bearer token is required/],
      [bearer('mb1.abc.def'), /not valid/],
      [bearer(`${server.token.slice(0, -2)}xx`), /not valid/],
      [bearer(server.issueToken({ ttlSeconds: 0 })), /expired/],
      [{ headers: { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }, /bearer token is required/],
    ];
    for (const [init, message] of cases) {
      const res = await fetch(usageUrl(), init);
      const body = (await res.json()) as { message: string; code: string };
      expect(res.status).toBe(401);
      await expectSpecValid('getUsage', res, body);
      expect(body.message).toMatch(message);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('403s a realm the token may not see, and 404s an unknown realm it may', async () => {
    const plainOnly = server.issueToken({ realms: [PLAIN] });
    const res = await fetch(usageUrl(PARTNER), bearer(plainOnly));
    const body = await res.json();
    expect(res.status).toBe(403);
    await expectSpecValid('getUsage', res, body);
    expect((await fetch(usageUrl(PLAIN), bearer(plainOnly))).status).toBe(200);
    const ghost = await fetch(usageUrl('org000000001'), bearer(server.issueToken({ realms: ['org000000001'] })));
    expect(ghost.status).toBe(404);
  });

  it('lets the default token read the partner, its subaccounts and the plain realm', async () => {
    for (const realm of server.realms) expect((await fetch(usageUrl(realm), bearer(server.token))).status).toBe(200);
  });
});

describe('POST /oauth2/token (OAuth 1.0a HMAC-SHA256 client credentials)', () => {
  const url = () => server.credentials.tokenEndpointUrl;
  const key = () => server.credentials.accessKeyId;
  const secret = () => server.credentials.accessKeySecret;

  it('issues a bearer token for a correctly signed request, which then reads usage', async () => {
    expect(url()).toBe(`${server.origin}/oauth2/token`);
    const res = await requestToken(url(), key(), secret());
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(res.status).toBe(200);
    const api = await specBackend();
    expect(api.validator.validateResponse(body, 'requestToken', 200).errors ?? []).toEqual([]);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(600);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(usageUrl(), bearer(body.access_token))).status).toBe(200);
  });

  it('honours a shorter expires_in and signs the form body', async () => {
    const res = await requestToken(url(), key(), secret(), { grant_type: 'client_credentials', expires_in: '60' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(60);
  });

  it('gives a plain-realm key a token that may not read the partner', async () => {
    const res = await requestToken(url(), plainCred.accessKeyId, plainCred.accessKeySecret);
    const { access_token } = (await res.json()) as { access_token: string };
    expect((await fetch(usageUrl(PARTNER), bearer(access_token))).status).toBe(403);
    expect((await fetch(usageUrl(PLAIN), bearer(access_token))).status).toBe(200);
  });

  it('401s a wrong signature, an unknown key, a stale timestamp and a replayed nonce', async () => {
    const wrong = await requestToken(url(), key(), 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(await tokenErrorValid(wrong)).toMatchObject({ httpStatus: 401, error: 'invalid_client', errorCode: 401300 });

    const unknown = await requestToken(url(), 'NOSUCHKEY', secret());
    expect(unknown.status).toBe(401);

    const stale = await requestToken(url(), key(), secret(), undefined, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(String((await tokenErrorValid(stale)).message)).toMatch(/Time stamp/);

    const nonce = `n-${Date.now()}`;
    expect((await requestToken(url(), key(), secret(), undefined, { nonce })).status).toBe(200);
    const replay = await requestToken(url(), key(), secret(), undefined, { nonce });
    expect(replay.status).toBe(401);
    expect(String((await tokenErrorValid(replay)).message)).toMatch(/Nonce/);
  });

  it('401s a signature over another URL or another body', async () => {
    const otherUrl = await fetch(url(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: oauthHeader({ url: 'https://account.api.here.com/oauth2/token', key: key(), secret: secret(), form: { grant_type: 'client_credentials' } }),
      },
      body: 'grant_type=client_credentials',
    });
    expect(otherUrl.status).toBe(401);
    const otherBody = await fetch(url(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: oauthHeader({ url: url(), key: key(), secret: secret(), form: { grant_type: 'client_credentials' } }),
      },
      body: 'grant_type=client_credentials&expires_in=5',
    });
    expect(otherBody.status).toBe(401);
  });

  it('400s a missing signature header and a wrong grant type', async () => {
    const unsigned = await fetch(url(), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(unsigned.status).toBe(400);
    expect(await tokenErrorValid(unsigned)).toMatchObject({ httpStatus: 400, error: 'invalid_request' });
    const grant = await requestToken(url(), key(), secret(), { grant_type: 'password' });
    expect(grant.status).toBe(400);
    expect(String((await tokenErrorValid(grant)).message)).toMatch(/grant_type/);
  });

  it('is not served under the API base path', async () => {
    expect((await fetch(`${server.url}/oauth2/token`, { method: 'POST' })).status).toBe(404);
  });
});
