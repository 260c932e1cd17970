#!/usr/bin/env node
// meterbook-usage-server: runs the server from the command line and prints how to use it.
import { parseArgs } from 'node:util';
import { DEV_CREDENTIALS } from './credentials.js';
import type { Scale, ServerOptions } from './options.js';
import { startServer } from './server.js';

const HELP = `meterbook-usage-server: a local stand-in for the HERE Usage API v2 (openapi/usage-v2.yaml)
and the Acronis Account Management API v2 reports (openapi/acronis-account-v2.yaml, under /acronis/api/2)

Options:
  --port <n>           port (default 8787; 0 = ephemeral)
  --host <addr>        interface to bind (default 127.0.0.1)
  --scale <s>          data set size: demo (default), large, or a multiplier 1..1000
  --seed <n>           data and token-key seed (default 1)
  --now <date>         end of the data set, e.g. 2025-01-01T00:00:00 (default: current hour)
  --mode <m>           dev (default) or test (honours X-Mock-Fault / ?mockFault=)
  --latency <ms>       latency added to every API request (default 0)
  --fault-rate <p>     random faults on this share of API requests (0..1, default 0)
  --fault-seed <n>     seed of the random faults (default 1)
  --report-delay <ms>  reports complete this long after creation (default 1500)
  --report-polls <n>   ...or on this status poll instead
  --token-ttl <s>      lifetime of tokens from /oauth2/token (default 3600)
  --acronis-token-ttl <s>       lifetime of Acronis tokens (/acronis/api/2/idp/token; default 7200)
  --acronis-report-delay <ms>   Acronis stored outputs stay in_progress this long (default 1000)
  --acronis-rows <n>            exact data rows of every Acronis output (e.g. 100000 for benchmarks)
  --acronis-download <m>        gzip (default), plain, or content-encoding (gzip + Content-Encoding)
  --static <dir>       serve this directory at / (e.g. the built task pane)
  --quiet              no per-request log lines
  -h, --help           this text
`;

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name}: not a number: ${v}`);
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // `pnpm start -- --port 1` passes the `--` through; accept it.
  if (argv[0] === '--') argv.shift();
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' },
      now: { type: 'string' }, mode: { type: 'string' }, latency: { type: 'string' }, 'fault-rate': { type: 'string' },
      'fault-seed': { type: 'string' }, 'report-delay': { type: 'string' }, 'report-polls': { type: 'string' },
      'token-ttl': { type: 'string' }, 'acronis-token-ttl': { type: 'string' }, 'acronis-report-delay': { type: 'string' },
      'acronis-rows': { type: 'string' }, 'acronis-download': { type: 'string' }, static: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.mode !== undefined && values.mode !== 'dev' && values.mode !== 'test') throw new Error('--mode: dev or test');
  const scale: Scale | undefined = values.scale === undefined || values.scale === 'demo' || values.scale === 'large'
    ? values.scale : num('scale', values.scale);
  const faultRate = num('fault-rate', values['fault-rate']);
  const download = values['acronis-download'];
  if (download !== undefined && download !== 'gzip' && download !== 'plain' && download !== 'content-encoding') {
    throw new Error('--acronis-download: gzip, plain or content-encoding');
  }
  const options: ServerOptions = {
    port: num('port', values.port) ?? 8787,
    host: values.host,
    scale,
    seed: num('seed', values.seed),
    now: values.now,
    mode: values.mode as 'dev' | 'test' | undefined,
    latencyMs: num('latency', values.latency),
    faults: faultRate ? { rate: faultRate, seed: num('fault-seed', values['fault-seed']) } : undefined,
    reportDelayMs: num('report-delay', values['report-delay']),
    reportPolls: num('report-polls', values['report-polls']),
    tokenTtlSeconds: num('token-ttl', values['token-ttl']),
    acronisTokenTtlSeconds: num('acronis-token-ttl', values['acronis-token-ttl']),
    acronisReportDelayMs: num('acronis-report-delay', values['acronis-report-delay']),
    acronisReportRows: num('acronis-rows', values['acronis-rows']),
    acronisDownload: download,
    staticDir: values.static,
    log: values.quiet ? undefined : (line) => console.log(line),
  };
  const server = await startServer(options);
  console.log(`Meterbook usage server (${options.mode ?? 'dev'} mode, scale ${String(scale ?? 'demo')})`);
  console.log(`  API base URL:    ${server.url}`);
  console.log(`  token endpoint:  ${server.credentials.tokenEndpointUrl}`);
  if (options.staticDir) console.log(`  static files:    ${server.origin}/  (from ${options.staticDir})`);
  console.log('  dev credentials (credentials.properties):');
  for (const c of DEV_CREDENTIALS) {
    console.log(`    here.access.key.id=${c.accessKeyId}  here.access.key.secret=${c.accessKeySecret}  realms: ${c.realms.join(', ')}`);
  }
  console.log(`  bearer token (30 days, realms ${server.realms.join(', ')}):`);
  console.log(`    ${server.token}`);
  const a = server.acronis;
  console.log('  Acronis Account Management API v2 (reports):');
  console.log(`    base URL:        ${a.baseUrl}`);
  console.log(`    token endpoint:  ${a.tokenUrl}  (Basic client_id:client_secret, grant_type=client_credentials)`);
  console.log(`    client id:       ${a.clientId}`);
  console.log(`    client secret:   ${a.clientSecret}`);
  console.log(`    partner tenant:  ${a.tenantId}  (${a.tenants.length} tenants: GET /tenants)`);
  console.log(`    bearer token (30 days): ${a.token}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
