import { ApiError } from '@meterbook/sdk';
import { describe, expect, it } from 'vitest';
import { makeClient, viaGatewayTokenUrl } from './connection.js';
import { describeError } from './errors.js';
import { detectGateway, gatewayUrls, isCorsFailure } from './route.js';

const network = new ApiError({ kind: 'network', api: 'HERE Usage API', operation: 'getUsage', reason: 'TypeError: Failed to fetch' });
const PANE = 'https://gw.example';

describe('the connection route', () => {
  it('names a network failure on another origin as CORS, and only that', () => {
    expect(isCorsFailure(network, 'https://usage.bam.api.here.com/v2', PANE)).toBe(true);
    expect(isCorsFailure(network, `${PANE}/api/usage/v2`, PANE)).toBe(false);
    expect(isCorsFailure(new ApiError({ kind: 'auth', api: 'x', operation: 'y', reason: 'z' }), 'https://other', PANE)).toBe(false);
    expect(describeError(network, { baseUrl: 'https://usage.bam.api.here.com/v2', pageOrigin: PANE })).toMatch(/^The HERE Usage API does not accept calls from a browser page \(CORS\)\. Use the Meterbook gateway: /);
    expect(describeError(network)).toMatch(/^Could not reach the HERE Usage API\. Check the address/);
  });

  it('recognises a gateway by its index', async () => {
    const index = { auth: 'credentials', apis: { usage: `${PANE}/api/usage/v2`, acronis: `${PANE}/api/acronis/api/2` }, operations: [{ path: '/api/usage/v2/usage/realms/{realmId}' }] };
    const answer = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    expect(await detectGateway(PANE, answer(index))).toEqual({ origin: PANE, auth: 'credentials', offers: ['usage'] });
    expect(await detectGateway(PANE, answer({ status: 404 }, 404))).toBeUndefined();
    expect(await detectGateway(PANE, async () => new Response('<html>', { headers: { 'content-type': 'text/html' } }))).toBeUndefined();
    expect(await detectGateway(PANE, async () => { throw new TypeError('Failed to fetch'); })).toBeUndefined();
    expect(gatewayUrls(PANE)).toEqual({ usage: `${PANE}/api/usage/v2`, acronis: `${PANE}/api/acronis/api/2`, hereToken: `${PANE}/api/here-account/oauth2/token` });
  });

  it('sends a gateway access key as the bearer token, and HERE token requests to the gateway', async () => {
    const seen: Request[] = [];
    const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => { seen.push(new Request(input, init)); return new Response('{}', { status: 400 }); };
    const client = makeClient({ source: 'here', route: 'gateway', baseUrl: `${PANE}/api/usage/v2`, realmId: 'org123456789', auth: { kind: 'gatewayKey', key: 'k'.repeat(24) }, keep: 'session' }, fetchImpl);
    await client.usage.list({ realmId: 'org123456789', startDate: '2024-01-01', endDate: '2024-01-02' }).catch(() => undefined);
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${'k'.repeat(24)}`);
    const redirect = viaGatewayTokenUrl(gatewayUrls(PANE).hereToken, fetchImpl);
    await redirect('https://account.api.here.com/oauth2/token', { method: 'POST', body: 'grant_type=client_credentials', headers: { Authorization: 'OAuth sig' } });
    const last = seen.at(-1)!;
    expect(last.url).toBe(`${PANE}/api/here-account/oauth2/token`);
    expect(last.headers.get('authorization')).toBe('OAuth sig');
    expect(await last.text()).toBe('grant_type=client_credentials');
  });
});
