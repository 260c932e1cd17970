// Options of startServer and what it returns.
import type { RandomFaults } from './faults.js';

export type Scale = 'demo' | 'large' | number;

export interface RequestInfo {
  method: string;
  /** Path without the query string. */
  path: string;
  operationId?: string;
  status: number;
  ms: number;
  correlationId: string;
  requestId?: string;
  /** The fault applied, as given (header, query or random mix). */
  fault?: string;
}

export interface ServerOptions {
  /** Default 0 (an ephemeral port); the CLI defaults to 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Data set size: 'demo' (default, = 1), 'large' (= 50) or a multiplier. */
  scale?: Scale;
  /** Seed of the data set and of the token signing key. Default 1. */
  seed?: number;
  /** End of the data set (exclusive); default the start of the current hour. */
  now?: Date | string;
  /** 'test' honours per-request faults (X-Mock-Fault / mockFault); 'dev' (default) ignores them. */
  mode?: 'dev' | 'test';
  /** Added to every API request (not the token endpoint). */
  latencyMs?: number;
  /** Random faults over API requests from a fixed seed. */
  faults?: RandomFaults;
  /** Reports complete this long after creation (default 1500 ms)... */
  reportDelayMs?: number;
  /** ...or on this status poll, when set. */
  reportPolls?: number;
  /** Lifetime of tokens from /oauth2/token, seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Lifetime of tokens from the Acronis part's /acronis/api/2/idp/token, seconds (default 7200, like the API). */
  acronisTokenTtlSeconds?: number;
  /** Acronis stored outputs stay `in_progress` at least this long (default 1000 ms). */
  acronisReportDelayMs?: number;
  /** Exact number of data rows of every Acronis output (e.g. 100000 for benchmarks); natural when absent. */
  acronisReportRows?: number;
  /** Acronis downloads: `gzip` (default, like the API), `plain` text, or gzip with `Content-Encoding: gzip`. */
  acronisDownload?: 'gzip' | 'plain' | 'content-encoding';
  /** Serve this directory at `/`. */
  staticDir?: string;
  /** One line per request; silent when absent. */
  log?: (line: string) => void;
  /** Called when each response is finished (or the connection dropped). */
  onRequest?: (info: RequestInfo) => void;
}

export interface ServerStats {
  requests: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  faults: number;
  /** Requests being answered right now... */
  inFlight: number;
  /** ...and the most at once since the start or the last resetStats(). */
  maxInFlight: number;
}

export interface RunningServer {
  /** API base URL, ending in `/v2`. */
  url: string;
  /** `http://host:port`. */
  origin: string;
  /** A valid bearer token for the default realms (partner, its subaccounts, plain realm). */
  token: string;
  credentials: { accessKeyId: string; accessKeySecret: string; tokenEndpointUrl: string };
  /** Realms the default token and credentials may read. */
  realms: readonly string[];
  /** Issues a token (e.g. restricted to some realms, or already expired with ttlSeconds 0). */
  issueToken(opts?: { realms?: readonly string[]; ttlSeconds?: number }): string;
  /** The Acronis Account Management API v2 part (reports), under `/acronis/api/2`. */
  acronis: AcronisInfo;
  stats(): ServerStats;
  resetStats(): void;
  close(): Promise<void>;
}

export function scaleFactor(scale: Scale | undefined): number {
  if (scale === undefined || scale === 'demo') return 1;
  if (scale === 'large') return 50;
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new Error(`scale must be 'demo', 'large' or an integer 1..1000, got ${scale}`);
  return scale;
}

export interface AcronisInfo {
  /** API base URL, ending in `/acronis/api/2` (the real one: `https://<data center>/api/2`). */
  baseUrl: string;
  /** `${baseUrl}/idp/token`. */
  tokenUrl: string;
  /** Dev API client of the partner tenant (Basic auth at the token endpoint). */
  clientId: string;
  clientSecret: string;
  /** The partner tenant (the client's own) and every tenant of the tree, the partner first. */
  tenantId: string;
  tenants: readonly { id: string; name: string; kind: string; parent_id: string }[];
  /** A customer whose reports' stored outputs end `failed` (the documented trigger). */
  failingTenantId: string;
  /** A bearer token of the partner client, valid 30 days. */
  token: string;
  /** Issues a bearer token of the partner client (ttlSeconds 0: already expired; default the token TTL). */
  issueToken(opts?: { ttlSeconds?: number }): string;
}
