// The Acronis part of the embedded server, under /acronis/api/2: faults, routing and validation
// from openapi/acronis-account-v2.yaml, Basic-auth token endpoint, bearer checks, handlers.
import { headerValue, queryValues, readBody, type Exchange } from '../api.js';
import { HttpError } from '../errors.js';
import { answerFault } from '../fault-reply.js';
import type { Fault, FaultPlanner } from '../faults.js';
import { jsonReply, type Reply } from '../reply.js';
import type { QueryValues } from '../router.js';
import { send } from '../send.js';
import { sendDownload, type DownloadMode } from './download.js';
import { AcronisError, NOT_SCHEDULED, VERSION_MISMATCH, acronisErrorBody, tokenErrorReply, validationFailed } from './errors.js';
import { fileNameOf } from './outputs.js';
import { AcronisReportStore, type ReportBody, type ReportEntry } from './reports.js';
import { AcronisRouter } from './router.js';
import { loadAcronisSpec, ACRONIS_BASE_PATH } from './spec.js';
import { TenantTree, type Tenant } from './tenants.js';
import { ACRONIS_DEV_CLIENTS, AcronisTokenIssuer, checkBasic, type AcronisClaims, type AcronisClient } from './tokens.js';

export interface AcronisOptions {
  seed: number;
  scale: number;
  /** Lifetime of tokens from /idp/token (default 7200 s, like the API). */
  tokenTtlSeconds?: number;
  /** Stored outputs stay `in_progress` at least this long (default 1000 ms). */
  reportDelayMs?: number;
  /** Exact data rows of every output (benchmarks); the natural count when absent. */
  reportRows?: number;
  /** How downloads are encoded (default `gzip`). */
  download?: DownloadMode;
  testMode: boolean;
  faults: FaultPlanner;
  latencyMs: number;
  /** The server's counters; faults applied here are counted too. */
  stats?: { faults: number };
}

/** Test-mode directives of `X-Mock-Fault` that only the Acronis part understands. */
export interface AcronisDirectives {
  notReady?: boolean;
  download?: DownloadMode;
  rows?: number;
  /** The token endpoint refuses the client and echoes its credentials in this form (as some servers do). */
  echoCredentials?: 'base64' | 'base64url' | 'url';
}

const MAX_ROWS = 5_000_000;
const DEFAULT_PAGE = 100;

/** Splits `acronis-*` directives out of a fault spec; the rest goes to the shared fault planner. */
export function splitDirectives(spec: string | undefined): { rest?: string; directives: AcronisDirectives; error?: string } {
  if (spec === undefined) return { directives: {} };
  const directives: AcronisDirectives = {};
  const rest: string[] = [];
  for (const raw of spec.split(';')) {
    const part = raw.trim();
    const key = part.toLowerCase();
    if (key === 'acronis-not-ready') directives.notReady = true;
    else if (key === 'acronis-plain') directives.download = 'plain';
    else if (key === 'acronis-content-encoding') directives.download = 'content-encoding';
    else if (key === 'acronis-echo-credentials') directives.echoCredentials = 'base64';
    else if (key === 'acronis-echo-credentials=base64url') directives.echoCredentials = 'base64url';
    else if (key === 'acronis-echo-credentials=url') directives.echoCredentials = 'url';
    else if (key.startsWith('acronis-rows=')) {
      const value = part.slice('acronis-rows='.length).trim();
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 0 && n <= MAX_ROWS)) return { directives, error: `bad value in "${part}" (0..${MAX_ROWS})` };
      directives.rows = n;
    } else if (key.startsWith('acronis-')) return { directives, error: `unknown fault "${part}"` };
    else if (part) rest.push(part);
  }
  return { directives, ...(rest.length ? { rest: rest.join(';') } : {}) };
}

/** The Basic credentials as sent, in the form a careless server would echo them. */
function echoed(authorization: string | undefined, form: 'base64' | 'base64url' | 'url'): string {
  const sent = /^Basic\s+(\S+)/i.exec(authorization ?? '')?.[1] ?? '';
  if (form === 'base64') return sent;
  const pair = Buffer.from(sent, 'base64');
  return form === 'base64url' ? pair.toString('base64url') : encodeURIComponent(pair.toString('utf8'));
}

export class AcronisApi {
  readonly tree: TenantTree;
  readonly issuer: AcronisTokenIssuer;
  readonly reports: AcronisReportStore;
  readonly tokenTtlSeconds: number;

  private constructor(private readonly router: AcronisRouter, private readonly options: AcronisOptions) {
    this.tree = new TenantTree(options.seed, options.scale);
    this.issuer = new AcronisTokenIssuer(options.seed);
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
    this.reports = new AcronisReportStore(
      { tree: this.tree, seed: options.seed, ...(options.reportRows !== undefined ? { rows: options.reportRows } : {}) },
      options.reportDelayMs ?? 1000, this.tree.failing.id, today(),
    );
  }

  static async create(options: AcronisOptions): Promise<AcronisApi> {
    return new AcronisApi(await AcronisRouter.create(loadAcronisSpec()), options);
  }

  /** The tenant an API client belongs to. */
  tenantOf(client: AcronisClient): Tenant {
    return client.role === 'partner' ? this.tree.partner : this.tree.childrenOf(this.tree.partner.id).find((t) => t.kind === 'customer')!;
  }

  issueToken(ttlSeconds = this.tokenTtlSeconds, client: AcronisClient = ACRONIS_DEV_CLIENTS[0]!): string {
    return this.issuer.issue(client.clientId, this.tenantOf(client).id, ttlSeconds).accessToken;
  }

  close(): void {
    this.reports.close();
  }

  /** Handles a request whose path starts with /acronis; `path` is the full path. */
  async handle(ex: Exchange, path: string): Promise<void> {
    const query = queryValues(ex.url);
    const isToken = path === `${ACRONIS_BASE_PATH}/idp/token`;
    const given = headerValue(ex.req, 'x-mock-fault') ?? one(query, 'mockFault');
    delete query.mockFault;
    const split = this.options.testMode ? splitDirectives(given) : { rest: given, directives: {} as AcronisDirectives };
    if (split.error) return send(ex.res, fieldError('X-Mock-Fault', split.error).reply(ex.correlationId));
    const planned = this.options.faults.plan(split.rest, ex.requestId, !isToken);
    if (planned && 'error' in planned) return send(ex.res, fieldError('X-Mock-Fault', planned.error).reply(ex.correlationId));
    const fault: Fault | undefined = planned;
    if (fault) {
      ex.fault = given ?? 'random';
      if (this.options.stats) this.options.stats.faults++;
    } else if (given && this.options.testMode) ex.fault = given;
    const errorOf = (status: number): unknown => acronisErrorBody(status, `Injected fault: status ${status}`, { correlationId: ex.correlationId });
    if (await answerFault(ex.req, ex.res, fault, isToken ? 0 : this.options.latencyMs, errorOf)) return;
    let result: Reply | Download;
    try {
      result = await this.route(ex, path, query, split.directives);
    } catch (err) {
      result = this.errorReply(err, ex);
    }
    if ('download' in result) {
      const { entry, stored } = result.download;
      const mode = split.directives.download ?? this.options.download ?? 'gzip';
      return sendDownload(ex.res, this.reports.chunks(entry, stored), mode, fileNameOf(stored.format), fault);
    }
    await send(ex.res, result, fault);
  }

  private errorReply(err: unknown, ex: Exchange): Reply {
    if (err instanceof AcronisError) return err.reply(ex.correlationId);
    if (err instanceof HttpError) return new AcronisError(err.status, err.message, { headers: err.extra.headers ?? {} }).reply(ex.correlationId);
    return new AcronisError(500, 'Internal server error', { info: 'The embedded server failed; see its log.' }).reply(ex.correlationId);
  }

  private async route(ex: Exchange, fullPath: string, query: QueryValues, directives: AcronisDirectives): Promise<Reply | Download> {
    const method = ex.req.method ?? 'GET';
    if (!fullPath.startsWith(`${ACRONIS_BASE_PATH}/`)) throw new AcronisError(404, `Nothing at ${fullPath}`, { info: `The Acronis API is under ${ACRONIS_BASE_PATH}.` });
    const path = fullPath.slice(ACRONIS_BASE_PATH.length);
    const match = this.router.match(method, path);
    if (match.kind === 'notFound') throw new AcronisError(404, `No operation at ${method} ${fullPath}`);
    if (match.kind === 'methodNotAllowed') {
      throw new AcronisError(405, `${method} is not allowed on ${fullPath}`, { headers: { Allow: match.allow.join(', ') } });
    }
    const { operation, params } = match;
    ex.operationId = operation.operationId;
    const raw = await readBody(ex.req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(ex.req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;

    if (operation.operationId === 'requestToken') return this.token(operation, path, query, headers, raw, ex, directives.echoCredentials);

    const claims = this.issuer.verify(headerValue(ex.req, 'authorization'));
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw validationFailed([{ name: 'body', message: 'must be valid JSON' }]);
      }
    }
    const fields = this.router.validate(operation, { method, path, query, headers, body }, today());
    if (fields.length > 0) throw validationFailed(fields);

    switch (operation.operationId) {
      case 'listTenants': return this.listTenants(claims, query);
      case 'listTenantReports': return jsonReply(200, { items: this.reports.idsOf(this.visibleTenant(claims, params.tenant_id!).id) });
      case 'createReport': return this.createReport(claims, body as ReportBody, directives);
      case 'getReport': return jsonReply(200, this.visibleReport(claims, params.report_id!).report);
      case 'updateReport': return this.updateReport(claims, params.report_id!, body as ReportBody);
      case 'deleteReport': return this.deleteReport(claims, params.report_id!, Number(one(query, 'version')));
      case 'listStoredReports': {
        const entry = this.visibleReport(claims, params.report_id!);
        return jsonReply(200, { items: entry.stored.map((s) => this.reports.view(s)) });
      }
      case 'downloadStoredReport': return this.download(claims, params.report_id!, params.stored_id!);
      default: throw new AcronisError(501, `Operation ${operation.operationId} is not implemented`);
    }
  }

  private token(operation: Parameters<AcronisRouter['validate']>[0], path: string, query: QueryValues, headers: Record<string, string>, raw: Buffer, ex: Exchange, echo?: AcronisDirectives['echoCredentials']): Reply {
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    if (echo) return tokenErrorReply(401, 'invalid_client', `unknown client credentials ${echoed(headerValue(ex.req, 'authorization'), echo)}`);
    const client = checkBasic(headerValue(ex.req, 'authorization'));
    if (!client) {
      return tokenErrorReply(401, 'invalid_client', 'Client authentication failed: send Authorization: Basic base64(client_id:client_secret).', { 'WWW-Authenticate': 'Basic realm="idp"' });
    }
    const fields = this.router.validate(operation, { method: 'post', path, query, headers, body: raw.length ? form : undefined }, today());
    if (fields.length > 0) {
      const wrongGrant = form.grant_type !== undefined && form.grant_type !== 'client_credentials';
      return tokenErrorReply(400, wrongGrant ? 'unsupported_grant_type' : 'invalid_request', fields.map((f) => `${f.name}: ${f.message}`).join('; '));
    }
    const ttl = this.tokenTtlSeconds;
    const issued = this.issuer.issue(client.clientId, this.tenantOf(client).id, ttl);
    return jsonReply(200, {
      access_token: issued.accessToken, token_type: 'bearer', expires_in: ttl, expires_on: issued.expiresOn, id_token: issued.idToken,
    }, { 'Cache-Control': 'no-store' });
  }

  private visibleTenant(claims: AcronisClaims, id: string): Tenant {
    const tenant = this.tree.get(id);
    if (!tenant) throw new AcronisError(404, 'Tenant not found', { info: id });
    if (!this.tree.isWithin(claims.tenant_id, id)) throw new AcronisError(403, 'Access to the tenant is denied', { info: id });
    return tenant;
  }

  private visibleReport(claims: AcronisClaims, id: string): ReportEntry {
    const entry = this.reports.get(id);
    if (!entry) throw new AcronisError(404, 'Report not found', { info: id });
    if (!this.tree.isWithin(claims.tenant_id, entry.report.parameters.tenant_id)) throw new AcronisError(403, 'Access to the report is denied', { info: id });
    return entry;
  }

  private listTenants(claims: AcronisClaims, query: QueryValues): Reply {
    const parent = one(query, 'parent_id');
    const root = one(query, 'subtree_root_id');
    let list: Tenant[];
    if (parent !== undefined) list = this.tree.childrenOf(this.visibleTenant(claims, parent).id);
    else if (root !== undefined) list = this.tree.subtree(this.visibleTenant(claims, root).id);
    else list = this.tree.subtree(claims.tenant_id);
    const limitText = one(query, 'limit');
    const limit = limitText === undefined ? DEFAULT_PAGE : Number(limitText);
    const after = one(query, 'after');
    let offset = 0;
    if (after !== undefined) {
      const decoded = Buffer.from(after, 'base64url').toString('utf8');
      if (!/^o:\d+$/.test(decoded)) throw fieldError('after', 'is not a cursor this server issued');
      offset = Number(decoded.slice(2));
    }
    const items = list.slice(offset, offset + limit);
    const next = offset + limit;
    const cursors: Record<string, string> = {};
    if (next < list.length) cursors.after = Buffer.from(`o:${next}`).toString('base64url');
    if (offset > 0) cursors.before = Buffer.from(`o:${Math.max(0, offset - limit)}`).toString('base64url');
    return jsonReply(200, { items, paging: { cursors } });
  }

  private createReport(claims: AcronisClaims, body: ReportBody, directives: AcronisDirectives): Reply {
    this.visibleTenant(claims, body.parameters.tenant_id);
    if (directives.notReady) {
      throw new AcronisError(400, 'usage history not ready', {
        info: 'Usage history for the period is being calculated (between 1 and 6 am); try again later.',
      });
    }
    const entry = this.reports.create(body, today(), directives.rows);
    return jsonReply(200, entry.report);
  }

  private updateReport(claims: AcronisClaims, id: string, body: ReportBody): Reply {
    const entry = this.visibleReport(claims, id);
    if (entry.report.schedule.type !== 'monthly') {
      throw new AcronisError(400, 'Report is not scheduled', {
        code: NOT_SCHEDULED, info: `Only scheduled reports (schedule.type monthly) can be updated; report ${id} is "${entry.report.schedule.type}". Create a new report instead.`,
      });
    }
    if (body.schedule.type !== 'monthly') throw fieldError('schedule.type', 'must stay monthly: a scheduled report cannot become a one-time report');
    this.visibleTenant(claims, body.parameters.tenant_id);
    return jsonReply(200, this.reports.update(entry, body));
  }

  private deleteReport(claims: AcronisClaims, id: string, version: number): Reply {
    const entry = this.visibleReport(claims, id);
    if (version !== entry.report.version) {
      throw new AcronisError(409, 'Version mismatch', { code: VERSION_MISMATCH, info: `current version is ${entry.report.version}, got ${version}` });
    }
    this.reports.delete(id);
    return { status: 204, body: { type: 'none' } };
  }

  private download(claims: AcronisClaims, reportId: string, storedId: string): Download {
    const entry = this.visibleReport(claims, reportId);
    const stored = entry.stored.find((s) => s.id === storedId);
    if (!stored) throw new AcronisError(404, 'Stored report not found', { info: storedId });
    const status = this.reports.status(stored);
    if (status !== 'saved') throw new AcronisError(404, `Stored report is not available (status ${status})`, { info: storedId });
    return { download: { entry, stored } };
  }
}

interface Download {
  download: { entry: ReportEntry; stored: ReportEntry['stored'][number] };
}

function fieldError(name: string, message: string): AcronisError {
  return validationFailed([{ name, message }]);
}

function one(q: QueryValues, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Today, `yyyy-mm-dd` in UTC. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}
