#!/usr/bin/env node
// meterbook-gateway: flags (or METERBOOK_GATEWAY_<FLAG> environment variables) -> startGateway.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startGateway } from './server.js';
import type { GatewayOptions, TlsOption } from './options.js';
import { DEFAULT_RATE_LIMIT } from './rate-limit.js';
import { isLoopback } from './tls.js';

const HELP = `meterbook-gateway: serves the Meterbook task pane and forwards the API operations of openapi/*.yaml

Usage: pnpm --filter @meterbook/gateway start -- [flags]

  --port <n>               port (default 8443)
  --host <addr>            address to bind (default 127.0.0.1)
  --public-url <url>       URL users and Excel reach the gateway at (default https://localhost:<bound port>,
                           or with --trust-proxy the proxy's X-Forwarded-Proto/-Host); links in the
                           manifest and in API answers point here, and its origin may call /api
  --pane-dir <dir>         built task pane (default apps/excel-addin/dist of the repository)
  --spec-dir <dir>         OpenAPI documents (default openapi/ of the repository)
  --upstream-usage <url>   HERE Usage API base URL (default https://usage.bam.api.here.com/v2)
  --upstream-account <url> HERE account service origin (default https://account.api.here.com)
  --upstream <name>=<url>  any spec server by gateway name or spec URL (repeatable)
  --auth <mode>            pass-through (default): the pane's bearer token is forwarded, nothing stored
                           credentials: the gateway holds the app credentials; the pane sends the access key
  --credentials <file>     credentials.properties (credentials mode; else HERE_ACCESS_KEY_ID,
                           HERE_ACCESS_KEY_SECRET, HERE_TOKEN_ENDPOINT_URL; else ~/.here/credentials.properties)
                           Acronis too, in credentials mode, when ACRONIS_CLIENT_ID and ACRONIS_CLIENT_SECRET are set
                           (tokens from --upstream acronis=<data center URL>/api/2)
  --access-key <key>       key the pane presents in credentials mode (prefer the environment variable)
  --demo                   local demo only (credentials mode, loopback host): GET /api/demo hands the access
                           key to a page opened from this gateway on this computer; never in production
  --demo-realm <id>        the realm the demo connection reads
  --access-key-header <h>  header that may carry the access key besides Authorization (default X-Meterbook-Key)
  --cert <file> --key <file>  TLS certificate and key (PEM)
  --tls <dev|off>          dev: self-signed localhost certificate kept in .dev-certs (default without --cert);
                           off: plain HTTP, allowed on a loopback --host only
  --allowed-origin <url>   origin allowed to call /api from a browser (repeatable; default the public URL's)
  --max-body-bytes <n>     largest request body (default 65536)
  --rate-limit <n|off>     requests per second per client (default 200), bucket size --rate-burst (default 4000);
  --rate-burst <n>         429 with Retry-After past them or past --max-in-flight requests at once (default 32)
  --max-in-flight <n>
  --upstream-timeout-ms <n>  time for an upstream answer to start (default 30000)
  --trust-proxy            behind a reverse proxy only: the client address from X-Forwarded-For, and
                           without --public-url the public origin from X-Forwarded-Proto/-Host
  --quiet                  no request log
  --help

Every flag can also be set as METERBOOK_GATEWAY_<FLAG> (e.g. METERBOOK_GATEWAY_ACCESS_KEY,
METERBOOK_GATEWAY_PUBLIC_URL); flags win. Health check: GET /healthz. API index: GET /api.
`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'public-url': { type: 'string' },
  'pane-dir': { type: 'string' },
  'spec-dir': { type: 'string' },
  'upstream-usage': { type: 'string' },
  'upstream-account': { type: 'string' },
  upstream: { type: 'string', multiple: true },
  auth: { type: 'string' },
  credentials: { type: 'string' },
  'access-key': { type: 'string' },
  'access-key-header': { type: 'string' },
  demo: { type: 'boolean' },
  'demo-realm': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  tls: { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'max-body-bytes': { type: 'string' },
  'rate-limit': { type: 'string' },
  'rate-burst': { type: 'string' },
  'max-in-flight': { type: 'string' },
  'upstream-timeout-ms': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type FlagName = keyof typeof FLAGS;

export function parseCli(argv: string[], env: Record<string, string | undefined>): GatewayOptions | 'help' {
  const { values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false });
  const flag = (name: FlagName): string | undefined => {
    const v = values[name];
    if (typeof v === 'string') return v;
    return env[`METERBOOK_GATEWAY_${name.toUpperCase().replace(/-/g, '_')}`];
  };
  const list = (name: 'upstream' | 'allowed-origin'): string[] => {
    const v = values[name];
    if (Array.isArray(v) && v.length > 0) return v;
    return (flag(name) ?? '').split(/[\s,]+/).filter(Boolean);
  };
  const bool = (name: FlagName): boolean => values[name] === true || /^(1|true|yes)$/i.test(flag(name) ?? '');
  const int = (name: FlagName, fallback: number): number => {
    const v = flag(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number, got ${v}.`);
    return Number(v);
  };
  if (bool('help')) return 'help';

  const port = int('port', 8443);
  const host = flag('host') ?? '127.0.0.1';
  const cert = flag('cert');
  const key = flag('key');
  if ((cert === undefined) !== (key === undefined)) throw new Error('Give both --cert and --key.');
  const tlsFlag = flag('tls');
  if (tlsFlag !== undefined && !['dev', 'off'].includes(tlsFlag)) throw new Error('--tls must be dev or off.');
  const tls: TlsOption = cert && key ? { certFile: cert, keyFile: key } : tlsFlag === 'off' ? false : 'dev';
  const upstreams: Record<string, string> = {};
  const usage = flag('upstream-usage');
  const account = flag('upstream-account');
  if (usage) upstreams.usage = usage;
  if (account) upstreams['here-account'] = account;
  for (const entry of list('upstream')) {
    const eq = entry.indexOf('=');
    if (eq < 1) throw new Error(`--upstream takes <name>=<url>, got ${entry}.`);
    upstreams[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  const auth = flag('auth') ?? 'pass-through';
  if (auth !== 'pass-through' && auth !== 'credentials') throw new Error('--auth must be pass-through or credentials.');
  const rateLimit = flag('rate-limit');
  const publicUrl = flag('public-url');
  const origins = list('allowed-origin');
  return {
    port,
    host,
    // The port is the bound one (startGateway knows it), so `--port 0` gives working links.
    ...(publicUrl ? { publicUrl } : { publicHostname: isLoopback(host) ? 'localhost' : host }),
    paneDir: flag('pane-dir'),
    specDir: flag('spec-dir'),
    upstreams,
    auth,
    credentialsFile: flag('credentials'),
    accessKey: flag('access-key'),
    accessKeyHeader: flag('access-key-header'),
    demo: bool('demo'),
    demoRealm: flag('demo-realm'),
    tls,
    allowedOrigins: origins.length > 0 ? origins : undefined,
    maxBodyBytes: int('max-body-bytes', 65_536),
    rateLimit: rateLimit === 'off' || rateLimit === '0' ? false : { perSecond: int('rate-limit', DEFAULT_RATE_LIMIT.perSecond), burst: int('rate-burst', DEFAULT_RATE_LIMIT.burst), maxInFlight: int('max-in-flight', DEFAULT_RATE_LIMIT.maxInFlight) },
    upstreamTimeoutMs: int('upstream-timeout-ms', 30_000),
    trustProxy: bool('trust-proxy'),
    env,
    log: bool('quiet') ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
  };
}

async function main(): Promise<void> {
  let options: GatewayOptions | 'help';
  try {
    options = parseCli(process.argv.slice(2).filter((a) => a !== '--'), process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const gateway = await startGateway(options);
  console.log(`Meterbook gateway (${options.auth} mode) listening on ${gateway.origin}, public URL ${gateway.url}`);
  for (const [name, url] of Object.entries(gateway.apis)) console.log(`  ${name}: ${url}`);
  console.log(`  task pane: ${gateway.url}/taskpane.html   manifest: ${gateway.url}/manifest.xml   health: ${gateway.url}/healthz`);
  const stop = () => {
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run only as a program, not when imported by tests.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`meterbook-gateway: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
