// Options of startGateway and what it returns. The CLI (cli.ts) maps flags and environment
// variables onto these.
import type { TokenFunction } from '@meterbook/sdk';
import type { HereCredentials } from '@meterbook/sdk/credentials';

export type AuthMode = 'pass-through' | 'credentials';

export type TlsOption =
  /** Plain HTTP; refused unless the host is a loopback address. */
  | false
  /** A self-signed development certificate for localhost, made (and kept in `devCertDir`) without prompts. */
  | 'dev'
  /** PEM files. */
  | { certFile: string; keyFile: string }
  /** PEM text. */
  | { cert: string; key: string };

export interface RateLimitOptions {
  /** Requests a client may make in a row (the bucket's size). Default 4,000. */
  burst: number;
  /** Requests per second it earns back. Default 200. */
  perSecond: number;
  /** Requests a client may have in flight at once. Default 32. */
  maxInFlight?: number;
}

export interface GatewayOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The URL users and Excel reach the gateway at (e.g. behind a reverse proxy). Default: with
   * `trustProxy`, the origin the proxy reports (`X-Forwarded-Proto`/`-Host`), else
   * `<scheme>://<publicHostname>:<bound port>`.
   */
  publicUrl?: string;
  /** Host name of the default public URL (the CLI uses `localhost` on a loopback host); default the bound address. */
  publicHostname?: string;
  /** The built task pane; default `apps/excel-addin/dist` of this repository; `false` serves none. */
  paneDir?: string | false;
  /** Directory of the OpenAPI documents; default `openapi/` of this repository. */
  specDir?: string;
  /** Spec server URL or gateway name (`usage`, `here-account`) -> upstream base URL. */
  upstreams?: Record<string, string>;
  /** Default 'pass-through'. */
  auth?: AuthMode;
  /** credentials mode: the app credentials (else `credentialsFile`, else HERE_* env, else ~/.here/credentials.properties). */
  credentials?: HereCredentials;
  credentialsFile?: string;
  /**
   * credentials mode: the gateway names of the APIs the held credentials are for (default
   * `['usage']`, plus `acronis` when Acronis credentials are given). Each API's token goes to that
   * API only; other APIs are not offered in this mode.
   */
  credentialsApis?: string[];
  /** credentials mode: the Acronis API client's id and secret (else ACRONIS_CLIENT_ID / ACRONIS_CLIENT_SECRET); offers the acronis API too. */
  acronisCredentials?: { clientId: string; clientSecret: string };
  /** credentials mode: a token function instead of `hereCredentials(credentials)` (tests, custom vaults). */
  tokenProvider?: TokenFunction;
  /** credentials mode: the key the pane presents (`Authorization: Bearer <key>` or the `accessKeyHeader`). At least 16 characters. */
  accessKey?: string;
  /**
   * credentials mode, loopback only: `GET /api/demo` hands the access key to a page opened on this
   * computer from the gateway itself, for a local demo over development credentials. Never in
   * production: anyone who can open a page on the machine gets the key. Default false.
   */
  demo?: boolean;
  /** demo: the realm the pane's demo connection reads (e.g. the embedded server's partner org). */
  demoRealm?: string;
  /** Default `X-Meterbook-Key`. */
  accessKeyHeader?: string;
  /** Default false (plain HTTP, loopback only). */
  tls?: TlsOption;
  /** Where the 'dev' certificate is kept; default `.dev-certs` in this package. */
  devCertDir?: string;
  /** Origins whose pages may call /api from a browser; default the public URL's origin. */
  allowedOrigins?: string[];
  /** Largest request body accepted, bytes; default 65,536. */
  maxBodyBytes?: number;
  /** Per-client limits (default `DEFAULT_RATE_LIMIT`: 4,000 burst, 200/s, 32 in flight); `false` turns them off. */
  rateLimit?: RateLimitOptions | false;
  /** Time allowed for an upstream's answer to start, ms; default 30,000. */
  upstreamTimeoutMs?: number;
  /** Time an upstream body may stall between chunks, ms; default 60,000. */
  upstreamIdleMs?: number;
  /**
   * Behind a reverse proxy: take the client's address (rate limits, logs) from the last
   * `X-Forwarded-For` entry, and, without `publicUrl`, the public origin (links, manifest, the
   * default allowed origin) from `X-Forwarded-Proto` and `X-Forwarded-Host`.
   */
  trustProxy?: boolean;
  /** One line per request; silent when absent. */
  log?: (line: string) => void;
  /** Environment used for HERE_* credentials (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface RunningGateway {
  /** The public URL (no trailing slash), e.g. `https://localhost:8443`. */
  url: string;
  /** The address it listens on, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** API base URLs by gateway name, e.g. `{ usage: '<url>/api/usage/v2', 'here-account': '<url>/api/here-account' }`. */
  apis: Record<string, string>;
  close(): Promise<void>;
}
