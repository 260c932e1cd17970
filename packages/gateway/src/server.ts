// startGateway: binds HTTP(S), and runs each request through the same short pipeline:
// request-target check -> /healthz | /api (rate limit, CORS, allow-list, query, headers, body
// limit, auth, forward) | the task pane. One log line per request, never with tokens or secrets.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAllowList, forwardedQuery, type AllowList, type Route } from './allow-list.js';
import { secretRedactor } from '@meterbook/sdk/node';
import { createAuth, type Auth } from './auth-modes.js';
import { createCors, normalizeOrigin, type Cors } from './cors.js';
import { checkDemoOptions, sendDemo, type DemoOffer } from './demo.js';
import { GatewayError, sendError } from './errors.js';
import { createForwarder, type Forwarder } from './forward.js';
import { FORWARDED_REQUEST_HEADERS, safeValue, saneId, single } from './headers.js';
import { createLinkRewriter } from './links.js';
import type { GatewayOptions, RunningGateway } from './options.js';
import { forwardedPublicUrl, clientAddress } from './public-origin.js';
import { createClientLimiter, DEFAULT_RATE_LIMIT, type ClientLimiter } from './rate-limit.js';
import { loadSpecOperations } from './specs.js';
import { serveStatic } from './static.js';
import { isLoopback, resolveTls } from './tls.js';

/** The package's root (dist/.. or src/..), for defaults that live in the repository. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PANE_DIR = resolve(PACKAGE_ROOT, '../../apps/excel-addin/dist');
export const DEFAULT_SPEC_DIR = resolve(PACKAGE_ROOT, '../../openapi');
export const DEFAULT_MAX_BODY_BYTES = 65_536;

interface Context {
  allow: AllowList;
  auth: Auth;
  cors: Cors;
  limiter: ClientLimiter | undefined;
  forwarder: Forwarder;
  paneDir: string | undefined;
  publicUrl: string;
  /** No public URL was configured and a proxy is trusted: each request's comes from X-Forwarded-*. */
  forwardedOrigin: boolean;
  /** No allowed origins were configured: the request's public origin is the one allowed. */
  defaultOrigins: boolean;
  maxBodyBytes: number;
  trustProxy: boolean;
  accessKeyHeader: string;
  methods: string[];
  log: ((line: string) => void) | undefined;
  /** Set only when started with `demo` (credentials mode, loopback). */
  demo: DemoOffer | undefined;
}

/** What the log line says about one request; filled in as it is handled. */
interface Trace {
  what: string;
  /** The client's address (the proxy's word for it with trustProxy): rate limits and the log. */
  client: string;
  realm?: string;
  upstreamStatus?: number;
  correlationId?: string;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const host = options.host ?? '127.0.0.1';
  const specDir = options.specDir ?? DEFAULT_SPEC_DIR;
  checkDemoOptions(options);
  const allow = buildAllowList(loadSpecOperations(specDir), options.upstreams);
  const auth = await createAuth(options, allow.mounts);
  const paneDir = options.paneDir === false ? undefined : (options.paneDir ?? DEFAULT_PANE_DIR);
  if (paneDir !== undefined && !existsSync(paneDir)) options.log?.(`warning: no task pane at ${paneDir} (build apps/excel-addin first); serving the API only.`);
  const publicHost = options.publicUrl ? new URL(options.publicUrl).hostname : options.publicHostname;
  const tls = await resolveTls(options.tls, host, options.devCertDir ?? resolve(PACKAGE_ROOT, '.dev-certs'), publicHost ? [publicHost] : []);

  const sockets = new Set<Socket>();
  // The context needs the bound address (public URL), so it is filled in after listen().
  const holder: { ctx?: Context } = {};
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void handle(holder.ctx as Context, req, res);
  };
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Malformed requests (CR/LF in a header, bad request lines) never reach `handle`: answer them
  // with a short JSON 400 and close.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    options.log?.(`- refused malformed request (${err.code ?? 'parse error'})`);
    if (socket.writable) {
      const body = JSON.stringify({ status: 400, code: 'E_GATEWAY_MALFORMED', title: 'Bad Request', message: 'The request is not valid HTTP.', correlationId: randomUUID() });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    } else socket.destroy();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address() as AddressInfo;
  const scheme = tls ? 'https' : 'http';
  const origin = `${scheme}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  // The bound port, not the asked one: `--port 0` must not give links to port 0.
  const named = options.publicHostname?.includes(':') && !options.publicHostname.startsWith('[') ? `[${options.publicHostname}]` : options.publicHostname;
  const publicUrl = (options.publicUrl ?? (named ? `${scheme}://${named}:${address.port}` : origin)).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) throw new Error(`publicUrl must be an http(s) URL, got ${publicUrl}.`);
  const accessKeyHeader = (options.accessKeyHeader ?? 'x-meterbook-key').toLowerCase();
  const rate = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const forwarder = createForwarder(auth, options.upstreamTimeoutMs ?? 30_000, options.upstreamIdleMs ?? 60_000);
  holder.ctx = {
    allow,
    auth,
    cors: createCors(options.allowedOrigins ?? [normalizeOrigin(publicUrl)], accessKeyHeader),
    limiter: rate === false ? undefined : createClientLimiter(rate),
    forwarder,
    paneDir,
    publicUrl,
    forwardedOrigin: options.publicUrl === undefined && (options.trustProxy ?? false),
    defaultOrigins: options.allowedOrigins === undefined,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
    accessKeyHeader,
    methods: [...new Set(allow.routes.map((r) => r.method))],
    // Every request's log line goes through redaction: a path or an id may carry a secret.
    log: options.log && redactedLog(options.log, auth),
    demo: options.demo ? demoOffer(options, allow, auth, publicUrl) : undefined,
  };

  return {
    url: publicUrl,
    origin,
    apis: Object.fromEntries(allow.mounts.map((m) => [m.name, `${publicUrl}${m.prefix}`])),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        forwarder.close();
        // Keep-alive and streaming sockets would hold close() open.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const gatewayRequestId = randomUUID();
  const clientCorrelationId = saneId(single(req, 'x-correlation-id'));
  const trace: Trace = { what: '-', client: clientAddress(req, ctx.trustProxy) };
  res.setHeader('X-Gateway-Request-ID', gatewayRequestId);
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const status = res.headersSent ? res.statusCode : 0; // 0: the connection dropped before any answer
    const ms = Math.round(performance.now() - started);
    const parts = [req.method ?? '-', trace.what];
    if (trace.realm) parts.push(`realm=${printable(trace.realm)}`);
    parts.push(String(status), `${ms}ms`);
    if (trace.upstreamStatus !== undefined) parts.push(`upstream=${trace.upstreamStatus}`);
    parts.push(`corr=${printable(trace.correlationId ?? clientCorrelationId ?? '-')}`, `gw=${gatewayRequestId}`, `client=${printable(trace.client)}`);
    ctx.log?.(parts.join(' '));
  };
  res.once('finish', done);
  res.once('close', done);

  try {
    const target = req.url ?? '';
    // Only origin-form targets ("/path?query"): never `GET http://evil/` (proxy form) or `*`.
    if (!target.startsWith('/') || target.startsWith('//')) {
      trace.what = '(refused request target)';
      throw new GatewayError(400, 'E_GATEWAY_REQUEST_TARGET', 'The request target must be a path on this gateway; it is not a proxy.');
    }
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const search = q === -1 ? '' : target.slice(q);
    trace.what = printable(path.slice(0, 120));
    if (path === '/healthz') {
      const body = JSON.stringify({ status: 'ok' });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': body.length });
      res.end(body);
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) return await handleApi(ctx, req, res, path, search, gatewayRequestId, clientCorrelationId, trace);
    if (ctx.paneDir && (await serveStatic(ctx.paneDir, publicUrlOf(ctx, req), req, res, path))) return;
    throw new GatewayError(404, 'E_GATEWAY_NOT_FOUND', `Nothing at ${path.slice(0, 200)}.`);
  } catch (error) {
    const known = error instanceof GatewayError ? error : internalError(ctx, error, gatewayRequestId);
    if (known.status === 499) {
      res.destroy();
      return;
    }
    sendError(res, known, clientCorrelationId ?? gatewayRequestId);
  }
}

async function handleApi(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
  gatewayRequestId: string,
  clientCorrelationId: string | undefined,
  trace: Trace,
): Promise<void> {
  const publicUrl = publicUrlOf(ctx, req);
  // Without configured origins, the page the gateway itself serves (at this public origin) may call.
  const ownOrigin = ctx.defaultOrigins ? normalizeOrigin(publicUrl) : undefined;
  if (ctx.cors.preflight(req, res, ctx.methods, ownOrigin)) {
    trace.what = `${trace.what} (preflight)`;
    return;
  }
  // CORS first, so that the pane can read every refusal below (429, 404, 413...).
  ctx.cors.check(req, res, ownOrigin);
  if (ctx.limiter) {
    const admission = ctx.limiter.admit(trace.client);
    if (!admission.ok) {
      const wait = admission.retryAfterS;
      throw new GatewayError(429, 'E_GATEWAY_RATE_LIMIT', `Too many requests (${admission.reason}); wait ${wait} s.`, { headers: { 'Retry-After': String(wait) } });
    }
    res.once('close', admission.release);
  }
  if (path === '/api' || path === '/api/') return sendIndex(ctx, req, res, publicUrl);
  if (path === '/api/demo') return sendDemo(ctx.demo, req, res);

  const match = ctx.allow.match(req.method ?? '', path);
  const { route } = match;
  trace.what = `${route.mount.prefix}${route.template}`;
  trace.realm = match.params.realmId;
  const query = forwardedQuery(route, search);
  const headers = forwardedHeaders(req, route);
  const body = await readBody(req, route, ctx.maxBodyBytes);
  const authorization = await ctx.auth.authorize(req, route);
  if (clientCorrelationId) trace.correlationId = clientCorrelationId;
  // The forwarder fills in the upstream's status and correlation id before the answer starts.
  const rewriteLink = createLinkRewriter(ctx.allow, publicUrl);
  await ctx.forwarder.forward({ req, res, match, query, body, headers, authorization, gatewayRequestId, rewriteLink, outcome: trace });
}

/** The safe request headers, checked: ids must be sane, other values free of control characters. */
function forwardedHeaders(req: IncomingMessage, route: Route): Record<string, string> {
  const out: Record<string, string> = {};
  const fields: { name: string; message: string }[] = [];
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const raw = req.headers[name];
    if (raw === undefined) continue;
    if (name === 'content-type' && !route.hasBody) continue;
    const value = typeof raw === 'string' ? raw : undefined;
    const ok = value !== undefined && (name.startsWith('x-') ? saneId(value) !== undefined : safeValue(value));
    if (!ok) fields.push({ name, message: name.startsWith('x-') ? 'must be one value of at most 128 printable characters without spaces' : 'must be one value without control characters' });
    else out[name] = value;
  }
  if (fields.length > 0) throw new GatewayError(400, 'E_GATEWAY_HEADER', fields.map((f) => `${f.name}: ${f.message}`).join('; '), { fields });
  return out;
}

/**
 * The request body, read whole but never past the limit. Bodies are small (report requests), and
 * reading before forwarding means a refused body never leaves a half-sent request upstream.
 */
async function readBody(req: IncomingMessage, route: Route, limit: number): Promise<Buffer | undefined> {
  const declared = req.headers['content-length'];
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const hasBody = chunked || (declared !== undefined && declared !== '0');
  if (!hasBody) return route.hasBody ? Buffer.alloc(0) : undefined;
  if (!route.hasBody) throw new GatewayError(400, 'E_GATEWAY_BODY', `${route.operationId} takes no request body.`, { headers: { Connection: 'close' } });
  const tooLarge = () => new GatewayError(413, 'E_GATEWAY_BODY_TOO_LARGE', `The request body is larger than ${limit} bytes.`, { headers: { Connection: 'close' } });
  if (declared !== undefined && Number(declared) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function demoOffer(options: GatewayOptions, allow: AllowList, auth: Auth, publicUrl: string): DemoOffer {
  const offered = allow.mounts.filter((m) => allow.routes.some((r) => r.mount === m && auth.offers(r)));
  return {
    accessKey: options.accessKey ?? '',
    ...(options.demoRealm ? { realmId: options.demoRealm } : {}),
    apis: Object.fromEntries(offered.map((m) => [m.name, `${publicUrl}${m.prefix}`])),
  };
}

/** `GET /api`: what this gateway forwards and how to authenticate; no secrets. */
function sendIndex(ctx: Context, req: IncomingMessage, res: ServerResponse, publicUrl: string): void {
  if (req.method !== 'GET') throw new GatewayError(405, 'E_GATEWAY_METHOD', 'Only GET is allowed on /api.', { headers: { Allow: 'GET' } });
  const body = JSON.stringify({
    auth: ctx.auth.mode,
    ...(ctx.auth.mode === 'credentials' ? { accessKey: { header: 'Authorization: Bearer <key>', alternativeHeader: ctx.accessKeyHeader } } : {}),
    apis: Object.fromEntries(ctx.allow.mounts.map((m) => [m.name, `${publicUrl}${m.prefix}`])),
    operations: ctx.allow.routes
      .filter((r) => ctx.auth.offers(r))
      .map((r) => ({ operationId: r.operationId, method: r.method, path: `${r.mount.prefix}${r.template}` })),
  });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Where this request's user reaches the gateway: the configured URL, or the trusted proxy's word. */
function publicUrlOf(ctx: Context, req: IncomingMessage): string {
  return ctx.forwardedOrigin ? forwardedPublicUrl(req, ctx.publicUrl) : ctx.publicUrl;
}

function internalError(ctx: Context, error: unknown, id: string): GatewayError {
  // The message may hold anything; it goes to the log only (redacted there), never to the browser.
  const text = error instanceof Error ? error.message : String(error);
  ctx.log?.(`internal error gw=${id}: ${printable(text)}`);
  return new GatewayError(500, 'E_GATEWAY_INTERNAL', 'The gateway failed; its log has the details under this request id.');
}

/** The log, with every line redacted of the secrets the auth holds at that moment (prepared once per set). */
function redactedLog(log: (line: string) => void, auth: Auth): (line: string) => void {
  let prepared = { key: '', redact: secretRedactor([]) };
  return (line) => {
    const secrets = auth.secrets();
    const key = secrets.join('\n');
    if (key !== prepared.key) prepared = { key, redact: secretRedactor(secrets) };
    log(prepared.redact(line));
  };
}

function printable(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, '?');
}

export { isLoopback };
