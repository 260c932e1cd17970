// Connect verifies: before the pane says "Connected", it makes the cheapest real call of the
// source and says in words what is wrong when it fails.
//   HERE token or gateway access key: one record of the realm (limit 1);
//   HERE app keys: the token request, then that one record;
//   Acronis: the token (API client) and one page of tenants.
// No call ever puts a secret into what is said: keys are named by their field, never shown.

import { ApiError, type UsageClient } from '@meterbook/sdk';
import type { AcronisClient } from '@meterbook/sdk/acronis';
import { isAcronis, makeAcronisClient, makeClient, type AcronisConnection, type Connection, type HereConnection } from './connection.js';
import { explainError, type ErrorDetails } from './errors.js';

export type VerifyProblem = 'tokenRefused' | 'keysRefused' | 'realmNotReadable' | 'accessKeyWrong' | 'cors' | 'serverDown' | 'other';

export type VerifyResult =
  | { ok: true; summary: string }
  | { ok: false; problem: VerifyProblem; summary: string; details?: ErrorDetails };

export interface VerifyOptions {
  /** The pane's origin (`location.origin`): a failure on another origin may be CORS. */
  pageOrigin: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /**
   * Whether anything answers at the URL at all, CORS aside. The browser's `no-cors` fetch
   * resolves (opaque) when a server answers and rejects when none does.
   */
  reachable?: (url: string) => Promise<boolean>;
  now?: () => Date;
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

async function noCorsReachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { mode: 'no-cors', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

/** "localhost" and "127.0.0.1" are different sites to a browser: say which one to use. */
export function loopbackHint(apiUrl: string, pageOrigin: string): string {
  try {
    const api = new URL(apiUrl);
    const page = new URL(pageOrigin);
    if (!LOOPBACK.test(api.hostname) || !LOOPBACK.test(page.hostname) || api.hostname === page.hostname) return '';
    const fixed = new URL(apiUrl);
    fixed.hostname = page.hostname;
    return ` The pane is open at ${page.hostname} but the address uses ${api.hostname}, and a browser treats them as different sites: use ${fixed.toString().replace(/\/$/, '')} instead.`;
  } catch {
    return '';
  }
}

function fail(problem: VerifyProblem, summary: string, e?: unknown): VerifyResult {
  const details = e === undefined ? undefined : explainError(e).details;
  return details ? { ok: false, problem, summary, details } : { ok: false, problem, summary };
}

async function networkProblem(e: ApiError, baseUrl: string, opts: VerifyOptions): Promise<VerifyResult> {
  const url = e.url ?? baseUrl;
  const origin = new URL(url).origin;
  const crossOrigin = origin !== opts.pageOrigin;
  if (crossOrigin && (await (opts.reachable ?? noCorsReachable)(url))) {
    const hint = loopbackHint(baseUrl, opts.pageOrigin);
    return fail('cors', `The server at ${origin} answers, but not to a browser page from another site (CORS).${hint}${hint ? ' Or open' : ' Open'} the pane from the Meterbook gateway and connect through it.`, e);
  }
  return fail('serverDown', `No server answers at ${origin}: start it (pnpm start for the demo) or check the address, then connect again.`, e);
}

const gatewayKeyRefused = (e: ApiError): boolean => e.code === 'E_GATEWAY_ACCESS_KEY';

async function classify(e: unknown, c: Connection, opts: VerifyOptions, realmId?: string): Promise<VerifyResult> {
  if (!(e instanceof ApiError)) return fail('other', explainError(e).summary);
  if (e.kind === 'network') return networkProblem(e, c.baseUrl, opts);
  if (e.code === 'E_GATEWAY_UPSTREAM_UNREACHABLE') return fail('serverDown', 'The Meterbook gateway answers, but the API behind it does not: try again later, or ask the gateway\'s administrator (for the demo: restart pnpm start).', e);
  if (e.code === 'E_GATEWAY_TOKEN') return fail('keysRefused', 'The Meterbook gateway could not get a token with the credentials it holds: ask its administrator to check them.', e);
  if (e.kind === 'auth' && gatewayKeyRefused(e)) return fail('accessKeyWrong', 'The gateway refused the access key: check the "Gateway access key" field (the key your administrator gave you) and connect again.', e);
  if (e.operation === 'requestToken' && e.kind === 'auth') {
    if (isAcronis(c)) return fail('keysRefused', `Acronis refused the API client${c.auth.kind === 'client' ? ` ${c.auth.clientId}` : ''}: check the client ID and secret, and that the data center URL is the one shown when the client was made.`, e);
    return fail('keysRefused', `The token endpoint refused app key ${c.auth.kind === 'keys' ? c.auth.accessKeyId : ''}: check the access key ID and secret, and the token endpoint URL.`.replace('key :', 'key:'), e);
  }
  if (e.kind === 'auth' && e.status === 403 && realmId) return fail('realmNotReadable', `This token may not read realm ${realmId}: check the "Realm (org) ID", or sign in with credentials of that org.`, e);
  if (e.kind === 'auth') {
    const what = isAcronis(c) ? 'Acronis' : 'The HERE Usage API';
    return fail('tokenRefused', `${what} refused the access token (wrong or expired): get a fresh token, or sign in with ${isAcronis(c) ? 'the API client ID and secret' : 'app keys'}.`, e);
  }
  if (e.kind === 'not_found' && realmId) return fail('other', `No realm ${realmId} here: check the "Realm (org) ID" and the API base URL.`, e);
  const plain = explainError(e);
  return fail('other', plain.summary, e);
}

async function verifyHere(c: HereConnection, opts: VerifyOptions): Promise<VerifyResult> {
  let client: UsageClient;
  try {
    client = makeClient(c, opts.fetch, { maxRetries: 0 });
  } catch (e) {
    return fail('other', explainError(e).summary);
  }
  const end = (opts.now ?? (() => new Date()))();
  const start = new Date(end.getTime() - 86_400_000);
  try {
    await client.usage.list({ realmId: c.realmId, startDate: start, endDate: end, limit: 1 }, { signal: opts.signal });
  } catch (e) {
    return classify(e, c, opts, c.realmId);
  }
  return { ok: true, summary: `Connected: realm ${c.realmId} is readable.` };
}

async function verifyAcronis(c: AcronisConnection, opts: VerifyOptions): Promise<VerifyResult> {
  let client: AcronisClient;
  try {
    client = await makeAcronisClient(c, opts.fetch, { maxRetries: 0 });
  } catch (e) {
    return fail('other', explainError(e).summary);
  }
  try {
    let first: { name: string } | undefined;
    for await (const t of client.tenants.list({ pageSize: 1 }, { signal: opts.signal })) { first = t; break; }
    return { ok: true, summary: first ? `Connected: Acronis answers for tenant ${first.name}.` : 'Connected to Acronis (no tenants visible to this client).' };
  } catch (e) {
    return classify(e, c, opts);
  }
}

/** Makes the cheapest real call the connection allows and says what is wrong, if anything. */
export function verifyConnection(c: Connection, opts: VerifyOptions): Promise<VerifyResult> {
  return isAcronis(c) ? verifyAcronis(c, opts) : verifyHere(c, opts);
}
