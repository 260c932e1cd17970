// Connection settings and where they are kept. Secrets never go into the workbook; by default
// they live only in this pane's memory ("session only") and are forgotten when it closes.
// OfficeRuntime.storage is offered as an opt-in: it is NOT encrypted, and every add-in served from
// the same domain can read it.

import { createUsageClient, type UsageClient } from '@meterbook/sdk';
import { hereCredentials } from '@meterbook/sdk/credentials';
import type { AcronisClient } from '@meterbook/sdk/acronis';
import { retryNotices } from './retry-notices.js';
import { gatewayUrls, type Route } from './route.js';

export const PRODUCTION_BASE_URL = 'https://usage.bam.api.here.com/v2';

/** The access key of a gateway in credentials mode: sent as the bearer token; the gateway holds the API credentials. */
export type GatewayKeyAuth = { kind: 'gatewayKey'; key: string };

export type Auth =
  | { kind: 'token'; token: string }
  | { kind: 'keys'; accessKeyId: string; accessKeySecret: string; tokenEndpointUrl: string }
  | GatewayKeyAuth;

export type AcronisAuth = { kind: 'token'; token: string } | { kind: 'client'; clientId: string; clientSecret: string } | GatewayKeyAuth;

export type Keep = 'session' | 'officeStorage';

export interface HereConnection {
  /** Absent in connections kept before Acronis existed. */
  source?: 'here';
  route?: Route;
  baseUrl: string;
  realmId: string;
  auth: Auth;
  keep: Keep;
}

export interface AcronisConnection {
  source: 'acronis';
  route?: Route;
  /** `<data center URL>/api/2`, or the gateway's `/api/acronis/api/2`. */
  baseUrl: string;
  auth: AcronisAuth;
  keep: Keep;
}

export type Connection = HereConnection | AcronisConnection;

export const isAcronis = (c: Connection): c is AcronisConnection => c.source === 'acronis';

/** The page's own origin when served from localhost (the embedded server), else production. */
export function defaultBaseUrl(loc: { origin: string; hostname: string }): string {
  return /^(localhost|127\.0\.0\.1|\[::1\])$/.test(loc.hostname) ? `${loc.origin}/v2` : PRODUCTION_BASE_URL;
}

/** Shows that a secret is set without showing it: the last 4 characters at most. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '••••';
  return `••••${secret.slice(-4)}`;
}

/**
 * Through the gateway (pass-through), the token request is signed for the real token URL (the
 * OAuth signature covers it) and sent to the gateway's `/api/here-account/oauth2/token`.
 */
export function viaGatewayTokenUrl(gatewayTokenUrl: string, fetchImpl: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    return fetchImpl(gatewayTokenUrl, { method: request.method, headers: request.headers, body, signal: request.signal });
  };
}

/** Client options a caller may tune (Connect's check makes one try, no retries). */
export interface ClientTuning { maxRetries?: number }

export function makeClient(c: HereConnection, fetchImpl?: typeof fetch, tuning: ClientTuning = {}): UsageClient {
  const a = c.auth;
  let token: string | ReturnType<typeof hereCredentials>;
  if (a.kind === 'token') token = a.token;
  else if (a.kind === 'gatewayKey') token = a.key;
  else {
    const tokenFetch = c.route === 'gateway' ? viaGatewayTokenUrl(gatewayUrls(new URL(c.baseUrl).origin).hereToken, fetchImpl) : fetchImpl;
    token = hereCredentials({ accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret, tokenEndpointUrl: a.tokenEndpointUrl, ...(tokenFetch ? { fetch: tokenFetch } : {}) });
  }
  const notices = retryNotices();
  const client = createUsageClient({ baseUrl: c.baseUrl, token, ...tuning, onRetry: notices.onRetry, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  notices.attach(client);
  return client;
}

/** The Acronis client, loaded on demand so its code stays out of the pane's first download. */
export async function makeAcronisClient(c: AcronisConnection, fetchImpl?: typeof fetch, tuning: ClientTuning = {}): Promise<AcronisClient> {
  const { createAcronisClient } = await import(/* webpackChunkName: "acronis" */ '@meterbook/sdk/acronis');
  const notices = retryNotices();
  const f = { ...tuning, onRetry: notices.onRetry, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  const a = c.auth;
  const client = a.kind === 'client'
    ? createAcronisClient({ baseUrl: c.baseUrl, clientId: a.clientId, clientSecret: a.clientSecret, ...f })
    : createAcronisClient({ baseUrl: c.baseUrl, token: a.kind === 'token' ? a.token : a.key, ...f });
  notices.attach(client);
  return client;
}

/** Who is connected, secrets masked. */
export function describeAuth(c: Connection): string {
  const a = c.auth;
  if (a.kind === 'gatewayKey') return `gateway access key ${maskSecret(a.key)}`;
  if (a.kind === 'token') return `token ${maskSecret(a.token)}`;
  if (a.kind === 'client') return `API client ${a.clientId} (secret ${maskSecret(a.clientSecret)})`;
  return `app key ${a.accessKeyId} (secret ${maskSecret(a.accessKeySecret)})`;
}

/** Async key/value storage (OfficeRuntime.storage has this shape). */
export interface AsyncStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export type Source = 'here' | 'acronis';
export const sourceOf = (c: Connection): Source => (isAcronis(c) ? 'acronis' : 'here');

/** Where a single connection was kept before there was one per source (read once, then moved). */
const LEGACY_KEY = 'meterbook.connection';
const keyOf = (s: Source): string => `${LEGACY_KEY}.${s}`;
const SOURCES: readonly Source[] = ['here', 'acronis'];

/**
 * Keeps one connection per source (HERE and Acronis can both be connected), in memory, and in
 * OfficeRuntime.storage only for those the user chose to keep there.
 */
export class ConnectionKeeper {
  private readonly bySource = new Map<Source, Connection>();
  /** The source connected last: what `get()` without a source answers. */
  private last: Source | undefined;
  constructor(private readonly storage: AsyncStorage | undefined) {}

  get storageAvailable(): boolean { return this.storage !== undefined; }

  private async read(key: string): Promise<Connection | undefined> {
    const raw = await this.storage?.getItem(key).catch(() => null);
    if (!raw) return undefined;
    try { return JSON.parse(raw) as Connection; } catch { return undefined; }
  }

  /** The kept connections (a legacy single one is moved to its source); answers the last one. */
  async restore(): Promise<Connection | undefined> {
    if (this.bySource.size > 0 || !this.storage) return this.get();
    for (const s of SOURCES) {
      const c = await this.read(keyOf(s));
      if (c) { this.bySource.set(s, c); this.last = s; }
    }
    const legacy = await this.read(LEGACY_KEY);
    if (legacy && !this.bySource.has(sourceOf(legacy))) await this.save(legacy);
    if (legacy) await this.storage.removeItem(LEGACY_KEY).catch(() => undefined);
    return this.get();
  }

  /** Replaces the connection of its source; the other source's stays. */
  async save(c: Connection): Promise<void> {
    const s = sourceOf(c);
    this.bySource.set(s, c);
    this.last = s;
    if (c.keep === 'officeStorage' && this.storage) await this.storage.setItem(keyOf(s), JSON.stringify(c));
    else await this.storage?.removeItem(keyOf(s)).catch(() => undefined);
  }

  /** The connection of a source, or the one connected last. */
  get(source?: Source): Connection | undefined {
    const s = source ?? this.last;
    return s ? this.bySource.get(s) : undefined;
  }

  /** Every connection held, one per source. */
  all(): Connection[] { return SOURCES.flatMap((s) => this.bySource.get(s) ?? []); }

  /** Sign out of one source, or of all: forget, in memory and in storage. */
  async forget(source?: Source): Promise<void> {
    for (const s of source ? [source] : SOURCES) {
      this.bySource.delete(s);
      await this.storage?.removeItem(keyOf(s)).catch(() => undefined);
    }
    if (!source) await this.storage?.removeItem(LEGACY_KEY).catch(() => undefined);
    if (!this.last || !this.bySource.has(this.last)) this.last = SOURCES.find((s) => this.bySource.has(s));
  }
}
