// Connection settings and where they are kept. Secrets never go into the workbook; by default
// they live only in this pane's memory ("session only") and are forgotten when it closes.
// OfficeRuntime.storage is offered as an opt-in: it is NOT encrypted, and every add-in served from
// the same domain can read it.

import { createUsageClient, hereCredentials, type UsageClient } from '@meterbook/sdk';

export const PRODUCTION_BASE_URL = 'https://usage.bam.api.here.com/v2';

export type Auth =
  | { kind: 'token'; token: string }
  | { kind: 'keys'; accessKeyId: string; accessKeySecret: string; tokenEndpointUrl: string };

export type Keep = 'session' | 'officeStorage';

export interface Connection {
  baseUrl: string;
  realmId: string;
  auth: Auth;
  keep: Keep;
}

/** The page's own origin when served from localhost (the embedded server), else production. */
export function defaultBaseUrl(loc: { origin: string; hostname: string }): string {
  return /^(localhost|127\.0\.0\.1|\[::1\])$/.test(loc.hostname) ? `${loc.origin}/v2` : PRODUCTION_BASE_URL;
}

/** Shows that a secret is set without showing it: the last 4 characters at most. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '••••';
  return `••••${secret.slice(-4)}`;
}

export function makeClient(c: Connection, fetchImpl?: typeof fetch): UsageClient {
  const token = c.auth.kind === 'token'
    ? c.auth.token
    : hereCredentials({ accessKeyId: c.auth.accessKeyId, accessKeySecret: c.auth.accessKeySecret, tokenEndpointUrl: c.auth.tokenEndpointUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return createUsageClient({ baseUrl: c.baseUrl, token, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** Async key/value storage (OfficeRuntime.storage has this shape). */
export interface AsyncStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

const KEY = 'meterbook.connection';

/** Keeps the connection in memory, and in OfficeRuntime.storage only when the user chose it. */
export class ConnectionKeeper {
  private current: Connection | undefined;
  constructor(private readonly storage: AsyncStorage | undefined) {}

  get storageAvailable(): boolean { return this.storage !== undefined; }

  async restore(): Promise<Connection | undefined> {
    if (this.current || !this.storage) return this.current;
    const raw = await this.storage.getItem(KEY).catch(() => null);
    if (!raw) return undefined;
    try { this.current = JSON.parse(raw) as Connection; } catch { return undefined; }
    return this.current;
  }

  async save(c: Connection): Promise<void> {
    this.current = c;
    if (c.keep === 'officeStorage' && this.storage) await this.storage.setItem(KEY, JSON.stringify(c));
    else await this.storage?.removeItem(KEY).catch(() => undefined);
  }

  get(): Connection | undefined { return this.current; }

  /** Sign out: forget everything, in memory and in storage. */
  async forget(): Promise<void> {
    this.current = undefined;
    await this.storage?.removeItem(KEY).catch(() => undefined);
  }
}
