// Connect verifies, against the embedded server and the gateway over real HTTP: each wrong
// connection is named in words (and no secret is ever in what is said).

import { startGateway, type RunningGateway } from '@meterbook/gateway';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/flows/connection.js';
import { verifyConnection } from '../../src/flows/verify.js';
import { freePort } from '../e2e/harness.js';
import { browserFetch } from './browser-fetch.js';

const REALM = 'org123456789';
const KEY = 'demo-access-key-0123456789abcdef';


describe('Connect verifies with the cheapest real call (embedded server, gateway)', () => {
  let server: RunningServer;
  let gateway: RunningGateway;
  let narrowGateway: RunningGateway;
  const opts = () => ({ pageOrigin: server.origin });
  const here = (auth: Extract<Connection, { realmId: string }>['auth'], realmId = REALM, baseUrl = server.url): Connection => ({ source: 'here', route: 'direct', baseUrl, realmId, auth, keep: 'session' });

  beforeAll(async () => {
    server = await startServer({ port: 0 });
    const upstreams = { usage: server.url, 'here-account': server.origin, acronis: server.acronis.baseUrl };
    gateway = await startGateway({ paneDir: false, upstreams, auth: 'credentials', credentials: server.credentials, accessKey: KEY, rateLimit: false });
    // Holds the plain org's app key: it may not read the partner realm.
    narrowGateway = await startGateway({
      paneDir: false, upstreams, auth: 'credentials', accessKey: KEY, rateLimit: false,
      credentials: { accessKeyId: 'MBDEVPLAINKEY000000002', accessKeySecret: 'meterbook-dev-secret-plain-not-for-production', tokenEndpointUrl: server.credentials.tokenEndpointUrl },
    });
  });
  afterAll(async () => {
    await narrowGateway?.close();
    await gateway?.close();
    await server?.close();
  });

  it('accepts a good token, good app keys and the right gateway key', async () => {
    expect(await verifyConnection(here({ kind: 'token', token: server.token }), opts())).toEqual({ ok: true, summary: `Connected: realm ${REALM} is readable.` });
    expect((await verifyConnection(here({ kind: 'keys', ...server.credentials }), opts())).ok).toBe(true);
    const viaGateway: Connection = { source: 'here', route: 'gateway', baseUrl: `${gateway.url}/api/usage/v2`, realmId: REALM, auth: { kind: 'gatewayKey', key: KEY }, keep: 'session' };
    expect((await verifyConnection(viaGateway, { pageOrigin: gateway.url })).ok).toBe(true);
  });

  it('says a token is refused', async () => {
    const r = await verifyConnection(here({ kind: 'token', token: 'not-a-valid-token' }), opts());
    expect(r).toMatchObject({ ok: false, problem: 'tokenRefused', summary: expect.stringMatching(/^The HERE Usage API refused the access token/) });
  });

  it('names the realm a token cannot read', async () => {
    const token = server.issueToken({ realms: ['org987654321'] });
    const r = await verifyConnection(here({ kind: 'token', token }), opts());
    expect(r).toMatchObject({ ok: false, problem: 'realmNotReadable' });
    expect(r.summary).toContain(`realm ${REALM}`);
    expect(JSON.stringify(r)).not.toContain(token);
  });

  it('checks app keys with the token request, naming the key id and never the secret', async () => {
    const wrong = { ...server.credentials, accessKeySecret: 'wrong-secret-0123456789' };
    const r = await verifyConnection(here({ kind: 'keys', ...wrong }), opts());
    expect(r).toMatchObject({ ok: false, problem: 'keysRefused', details: { operation: 'requestToken' } });
    expect(r.summary).toContain(server.credentials.accessKeyId);
    expect(JSON.stringify(r)).not.toContain('wrong-secret');
  });

  it('names a wrong gateway access key without showing it, and a realm the gateway\'s keys cannot read', async () => {
    const wrongKey = 'wrong-access-key-0123456789';
    const c: Connection = { source: 'here', route: 'gateway', baseUrl: `${gateway.url}/api/usage/v2`, realmId: REALM, auth: { kind: 'gatewayKey', key: wrongKey }, keep: 'session' };
    const r = await verifyConnection(c, { pageOrigin: gateway.url });
    expect(r).toMatchObject({ ok: false, problem: 'accessKeyWrong', summary: expect.stringMatching(/gateway refused the access key: check the "Gateway access key" field/) });
    expect(JSON.stringify(r)).not.toContain(wrongKey);
    expect(JSON.stringify(r)).not.toContain(KEY);
    const narrow: Connection = { ...c, baseUrl: `${narrowGateway.url}/api/usage/v2`, auth: { kind: 'gatewayKey', key: KEY } };
    expect(await verifyConnection(narrow, { pageOrigin: narrowGateway.url })).toMatchObject({ ok: false, problem: 'realmNotReadable' });
  });

  it('tells CORS from a server that is down, with the localhost/127.0.0.1 hint', async () => {
    const page = server.origin.replace('127.0.0.1', 'localhost');
    const cors = await verifyConnection(here({ kind: 'token', token: server.token }), { pageOrigin: page, fetch: browserFetch(page) });
    expect(cors).toMatchObject({ ok: false, problem: 'cors' });
    expect(cors.summary).toContain(`use ${server.url.replace('127.0.0.1', 'localhost')} instead`);
    const port = await freePort();
    const down = await verifyConnection(here({ kind: 'token', token: server.token }, REALM, `http://127.0.0.1:${port}/v2`), { pageOrigin: page, fetch: browserFetch(page) });
    expect(down).toMatchObject({ ok: false, problem: 'serverDown', summary: `No server answers at http://127.0.0.1:${port}: start it (pnpm start for the demo) or check the address, then connect again.` });
  });

  it('says when the gateway answers but the API behind it is down', async () => {
    const port = await freePort();
    const orphan = await startGateway({ paneDir: false, upstreams: { usage: `http://127.0.0.1:${port}/v2` }, auth: 'credentials', accessKey: KEY, rateLimit: false, tokenProvider: () => 'upstream-token' });
    try {
      const c: Connection = { source: 'here', route: 'gateway', baseUrl: `${orphan.url}/api/usage/v2`, realmId: REALM, auth: { kind: 'gatewayKey', key: KEY }, keep: 'session' };
      expect(await verifyConnection(c, { pageOrigin: orphan.url })).toMatchObject({ ok: false, problem: 'serverDown', summary: expect.stringMatching(/^The Meterbook gateway answers, but the API behind it does not/) });
    } finally { await orphan.close(); }
  });

  it('checks Acronis with the token and one page of tenants', async () => {
    const a = server.acronis;
    const acronis = (auth: Extract<Connection, { source: 'acronis' }>['auth']): Connection => ({ source: 'acronis', route: 'direct', baseUrl: a.baseUrl, auth, keep: 'session' });
    expect(await verifyConnection(acronis({ kind: 'client', clientId: a.clientId, clientSecret: a.clientSecret }), opts())).toMatchObject({ ok: true, summary: expect.stringMatching(/^Connected: Acronis answers for tenant /) });
    const keys = await verifyConnection(acronis({ kind: 'client', clientId: a.clientId, clientSecret: 'wrong-client-secret-01234' }), opts());
    expect(keys).toMatchObject({ ok: false, problem: 'keysRefused' });
    expect(keys.summary).toContain(a.clientId);
    expect(JSON.stringify(keys)).not.toContain('wrong-client-secret');
    expect(await verifyConnection(acronis({ kind: 'token', token: 'not-an-acronis-token' }), opts())).toMatchObject({ ok: false, problem: 'tokenRefused', summary: expect.stringMatching(/^Acronis refused the access token/) });
    const viaGateway: Connection = { source: 'acronis', route: 'gateway', baseUrl: `${gateway.url}/api/acronis/api/2`, auth: { kind: 'gatewayKey', key: 'wrong-access-key-0123456789' }, keep: 'session' };
    expect(await verifyConnection(viaGateway, { pageOrigin: gateway.url })).toMatchObject({ ok: false, problem: 'accessKeyWrong' });
  });
});
