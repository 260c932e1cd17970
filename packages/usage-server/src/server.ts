// startServer: binds the HTTP server, wires the state, and owns per-request bookkeeping
// (correlation id, logging, stats) and clean shutdown.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AcronisApi } from './acronis/api.js';
import { ACRONIS_BASE_PATH } from './acronis/spec.js';
import { ACRONIS_DEV_CLIENTS } from './acronis/tokens.js';
import { handleApi, headerValue, type Exchange } from './api.js';
import { TokenIssuer } from './auth.js';
import { DEFAULT_REALMS, DEV_CREDENTIALS } from './credentials.js';
import { Dataset } from './data/generator.js';
import { UsagePager } from './data/pager.js';
import { currentHour, parseApiDate } from './data/time.js';
import { errorBody } from './errors.js';
import { FaultPlanner } from './faults.js';
import { OAuthVerifier } from './oauth-verify.js';
import { scaleFactor, type RunningServer, type ServerOptions, type ServerStats } from './options.js';
import { jsonReply } from './reply.js';
import { ReportStore } from './reports.js';
import { SpecRouter } from './router.js';
import { send } from './send.js';
import { loadSpec } from './spec.js';
import type { ServerState } from './state.js';
import { staticFiles, type StaticHandler } from './static.js';

const TOKEN_PATH = '/oauth2/token';
// Query parameters whose values must never reach a log line.
const SECRET_PARAM = /token|secret|signature|password|key/i;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const spec = loadSpec();
  const router = await SpecRouter.create(spec);
  const now = toDate(options.now) ?? currentHour();
  const seed = options.seed ?? 1;
  const dataset = new Dataset({ seed, scale: scaleFactor(options.scale), now });
  const issuer = new TokenIssuer(seed);
  const tokenTtl = options.tokenTtlSeconds ?? 3600;
  const verifier = new OAuthVerifier();
  const stats: ServerStats = { requests: 0, byOperation: {}, byStatus: {}, faults: 0, inFlight: 0, maxInFlight: 0 };
  const state: ServerState = {
    router, basePath: spec.basePath, origin: '', dataset, pager: new UsagePager(dataset),
    reports: new ReportStore({ delayMs: options.reportDelayMs ?? 1500, polls: options.reportPolls }, dataset.nowHour),
    issuer, verifier, token: { issuer, verifier, ttlSeconds: tokenTtl },
    faults: new FaultPlanner(options.mode === 'test', options.faults), latencyMs: options.latencyMs ?? 0, stats, log: options.log,
  };

  const acronis = await AcronisApi.create({
    seed, scale: scaleFactor(options.scale), tokenTtlSeconds: options.acronisTokenTtlSeconds, reportDelayMs: options.acronisReportDelayMs,
    reportRows: options.acronisReportRows, download: options.acronisDownload, testMode: options.mode === 'test',
    faults: state.faults, latencyMs: state.latencyMs, stats,
  });

  const files = options.staticDir === undefined ? undefined : staticFiles(options.staticDir);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(state, acronis, options, files, req, res).catch((err: unknown) => {
      options.log?.(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500);
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  state.origin = `http://${host}:${address.port}`;
  const partner = DEV_CREDENTIALS[0]!;
  const acronisClient = ACRONIS_DEV_CLIENTS[0]!;
  const acronisBase = `${state.origin}${ACRONIS_BASE_PATH}`;

  return {
    url: `${state.origin}${spec.basePath}`,
    origin: state.origin,
    // Long-lived on purpose: it is printed at start for people developing against the server.
    token: issuer.issue('dev', DEFAULT_REALMS, 30 * 86_400),
    credentials: { accessKeyId: partner.accessKeyId, accessKeySecret: partner.accessKeySecret, tokenEndpointUrl: `${state.origin}${TOKEN_PATH}` },
    realms: DEFAULT_REALMS,
    issueToken: (opts = {}) => issuer.issue('dev', opts.realms ?? DEFAULT_REALMS, opts.ttlSeconds ?? tokenTtl),
    acronis: {
      baseUrl: acronisBase,
      tokenUrl: `${acronisBase}/idp/token`,
      clientId: acronisClient.clientId,
      clientSecret: acronisClient.clientSecret,
      tenantId: acronis.tree.partner.id,
      tenants: acronis.tree.all.map(({ id, name, kind, parent_id }) => ({ id, name, kind, parent_id })),
      failingTenantId: acronis.tree.failing.id,
      token: acronis.issueToken(30 * 86_400),
      issueToken: (opts = {}) => acronis.issueToken(opts.ttlSeconds),
    },
    stats: () => structuredClone(stats),
    resetStats: () => {
      Object.assign(stats, { requests: 0, byOperation: {}, byStatus: {}, faults: 0, maxInFlight: stats.inFlight });
    },
    close: () => new Promise<void>((resolve) => {
      acronis.close();
      server.close(() => resolve());
      // Keep-alive and streaming sockets would hold close() open; end them now.
      for (const socket of sockets) socket.destroy();
    }),
  };
}

async function handle(state: ServerState, acronis: AcronisApi, options: ServerOptions, files: StaticHandler | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const given = headerValue(req, 'x-correlation-id');
  // Echo the caller's id when it is a sane header value; otherwise make one.
  const correlationId = given && given.length <= 128 && /^[\x21-\x7e]+$/.test(given) ? given : randomUUID();
  const ex: Exchange = { req, res, url, correlationId, requestId: headerValue(req, 'x-request-id') };
  res.setHeader('X-Correlation-ID', correlationId);
  state.stats.inFlight++;
  state.stats.maxInFlight = Math.max(state.stats.maxInFlight, state.stats.inFlight);
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    state.stats.inFlight--;
    const status = res.headersSent ? res.statusCode : 0; // 0: the connection dropped before any answer
    const ms = Math.round(performance.now() - started);
    const stats = state.stats;
    stats.requests++;
    if (ex.operationId) stats.byOperation[ex.operationId] = (stats.byOperation[ex.operationId] ?? 0) + 1;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    options.log?.(`${req.method} ${safePath(url)} ${status} ${ms}ms ${correlationId}${ex.fault ? ` fault=${ex.fault}` : ''}`);
    options.onRequest?.({
      method: req.method ?? '', path: url.pathname, operationId: ex.operationId, status, ms, correlationId,
      requestId: ex.requestId, fault: ex.fault,
    });
  };
  res.once('finish', done);
  res.once('close', done);

  const path = url.pathname;
  const base = state.basePath;
  if (path === base || path.startsWith(`${base}/`)) return handleApi(state, ex, path.slice(base.length) || '/', false);
  if (path === TOKEN_PATH || path.startsWith('/oauth2/')) return handleApi(state, ex, path, true);
  if (path === '/acronis' || path.startsWith('/acronis/')) return acronis.handle(ex, path);
  if (files?.(req, res)) return;
  await send(res, jsonReply(404, errorBody(404, `Nothing at ${path}.`, correlationId)));
}

/** The path and query with secret-looking parameter values masked. */
function safePath(url: URL): string {
  const params = new URLSearchParams(url.search);
  for (const key of [...params.keys()]) if (SECRET_PARAM.test(key)) params.set(key, '***');
  const q = params.toString();
  return q ? `${url.pathname}?${q}` : url.pathname;
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value;
  const d = parseApiDate(value.slice(0, 19)) ?? new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`now: not a date: ${value}`);
  return d;
}
