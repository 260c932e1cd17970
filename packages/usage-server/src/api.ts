// The pipeline of one API request: faults, routing, auth, validation, realm access, handler, send.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertRealmAccess, type TokenClaims } from './auth.js';
import { errorBody, HttpError, validationError } from './errors.js';
import { answerFault } from './fault-reply.js';
import type { Fault } from './faults.js';
import { createUsageReport, getUsageReport, getUsageReportOutput, listUsageReports, type UrlBase } from './handlers/reports.js';
import { requestToken } from './handlers/token.js';
import { getUsage, getUsageCsv } from './handlers/usage.js';
import { jsonReply, type Reply } from './reply.js';
import type { QueryValues } from './router.js';
import { send } from './send.js';
import type { ServerState } from './state.js';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  correlationId: string;
  requestId?: string;
  operationId?: string;
  fault?: string;
}

const MAX_BODY_BYTES = 1_048_576;

/** Handles a request under the API base path (`atRoot` false) or the root token endpoint. */
export async function handleApi(state: ServerState, ex: Exchange, path: string, atRoot: boolean): Promise<void> {
  const query = queryValues(ex.url);
  const faultSpec = headerValue(ex.req, 'x-mock-fault') ?? one(query, 'mockFault');
  delete query.mockFault; // a test-harness knob, never part of the API's parameters
  const planned = state.faults.plan(faultSpec, ex.requestId, !atRoot);
  if (planned && 'error' in planned) {
    return send(ex.res, jsonReply(400, validationError([{ name: 'X-Mock-Fault', message: planned.error }], ex.correlationId)));
  }
  const fault: Fault | undefined = planned;
  if (fault) {
    ex.fault = faultSpec ?? 'random';
    state.stats.faults++;
  }
  if (await answerFault(ex.req, ex.res, fault, atRoot ? 0 : state.latencyMs, (status) => errorBody(status, `Injected fault: status ${status}.`, ex.correlationId))) return;
  let reply: Reply;
  try {
    reply = await route(state, ex, path, atRoot, query);
  } catch (err) {
    reply = errorReply(err, ex.correlationId, state);
  }
  await send(ex.res, reply, fault);
}

async function route(state: ServerState, ex: Exchange, path: string, atRoot: boolean, query: QueryValues): Promise<Reply> {
  const match = state.router.match(ex.req.method ?? 'GET', path, atRoot);
  if (match.kind === 'notFound') throw new HttpError(404, `No operation at ${ex.req.method} ${ex.url.pathname}.`);
  if (match.kind === 'methodNotAllowed') {
    throw new HttpError(405, `${ex.req.method} is not allowed on ${ex.url.pathname}.`, { headers: { Allow: match.allow.join(', ') } });
  }
  const { operation, params } = match;
  ex.operationId = operation.operationId;
  const raw = await readBody(ex.req);
  const headers = headerRecord(ex.req);
  const base: UrlBase = { origin: originOf(ex.req, state.origin), basePath: state.basePath };

  if (operation.operationId === 'requestToken') {
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    // Form values are text; the spec types expires_in as an integer.
    const body: Record<string, unknown> = { ...form };
    if (form.expires_in !== undefined && /^\d+$/.test(form.expires_in)) body.expires_in = Number(form.expires_in);
    const fieldErrors = state.router.validate(operation, { method: 'post', path, query, headers, body: raw.length ? body : undefined });
    return requestToken(state.token, {
      url: `${base.origin}${ex.url.pathname}`, authorization: headerValue(ex.req, 'authorization'), form, fieldErrors,
      correlationId: ex.correlationId,
    });
  }

  const claims: TokenClaims = state.issuer.verify(headerValue(ex.req, 'authorization'));
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'body: must be valid JSON', { fields: [{ name: 'body', message: 'must be valid JSON' }] });
    }
  }
  const fields = state.router.validate(operation, { method: ex.req.method ?? 'GET', path, query, headers, body });
  if (fields.length > 0) throw new HttpError(400, '', { fields });
  const realmId = params.realmId ?? '';
  assertRealmAccess(claims, realmId);
  if (!state.dataset.groups(realmId)) throw new HttpError(404, `No organization ${realmId}.`);
  const reportId = params.reportId ?? '';
  switch (operation.operationId) {
    case 'getUsage': return getUsage(state, realmId, query);
    case 'getUsageCsv': return getUsageCsv(state, realmId, query);
    case 'createUsageReport': return createUsageReport(state, realmId, query, body, base);
    case 'listUsageReports': return listUsageReports(state, realmId, query, base);
    case 'getUsageReport': return getUsageReport(state, realmId, reportId, base);
    case 'getUsageReportOutput': return getUsageReportOutput(state, realmId, reportId);
    default: throw new HttpError(501, `Operation ${operation.operationId} is not implemented.`);
  }
}

function errorReply(err: unknown, correlationId: string, state: ServerState): Reply {
  if (err instanceof HttpError) {
    const { fields, code, action, headers } = err.extra;
    const body = fields && !err.message
      ? validationError(fields, correlationId)
      : errorBody(err.status, err.message, correlationId, { fields, code, action });
    return jsonReply(err.status, body, headers);
  }
  state.log?.(`internal error ${correlationId}: ${err instanceof Error ? err.stack : String(err)}`);
  return jsonReply(500, errorBody(500, 'The server failed; see its log.', correlationId));
}

export function queryValues(url: URL): QueryValues {
  const out: QueryValues = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function one(q: QueryValues, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[0] : v;
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The origin as the client addressed it, for absolute URLs and the OAuth base string. */
function originOf(req: IncomingMessage, fallback: string): string {
  const host = headerValue(req, 'host');
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return fallback;
  const forwarded = headerValue(req, 'x-forwarded-proto');
  const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : 'encrypted' in req.socket ? 'https' : 'http';
  return `${proto}://${host}`;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
