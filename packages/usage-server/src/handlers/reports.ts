// createUsageReport, listUsageReports, getUsageReport and getUsageReportOutput.
import { realmProfile } from '../data/catalog.js';
import type { Dataset } from '../data/generator.js';
import { recordChunks } from '../data/query.js';
import { formatApiDate } from '../data/time.js';
import { HttpError } from '../errors.js';
import { csvChunks, csvLayout } from '../format.js';
import { jsonReply, type Reply } from '../reply.js';
import type { ReportEntry, ReportParameters, ReportStore } from '../reports.js';
import type { QueryValues } from '../router.js';
import { envelope } from './usage.js';
import { intParam, list, one, usageQueryFrom } from './usage-params.js';

export const REPORT_MAX_RECORDS = 1_000_000;

export interface ReportDeps {
  dataset: Dataset;
  reports: ReportStore;
}

/** Absolute URLs are built from the origin the client used (its Host header). */
export interface UrlBase {
  origin: string;
  basePath: string;
}

export function createUsageReport(deps: ReportDeps, realmId: string, q: QueryValues, body: unknown, base: UrlBase): Reply {
  const subAccounts = (body as { subAccounts?: string[] } | undefined)?.subAccounts ?? [];
  const allowed = realmProfile(realmId)?.subAccounts ?? [];
  const strangers = subAccounts.filter((s) => !allowed.includes(s));
  if (strangers.length > 0) {
    const message = `${strangers.join(', ')} ${strangers.length > 1 ? 'are not subaccounts' : 'is not a subaccount'} of ${realmId}`;
    throw new HttpError(400, `subAccounts: ${message}`, { fields: [{ name: 'subAccounts', message }] });
  }
  const query = usageQueryFrom(q, subAccounts.length ? subAccounts : [realmId]);
  const parameters: ReportParameters = {
    realm: realmId, startDate: one(q, 'startDate') ?? '', endDate: one(q, 'endDate') ?? '', emailId: 'billing@example.org',
  };
  if (subAccounts.length) parameters.subAccounts = subAccounts;
  for (const name of ['detailLevel', 'featureId', 'appId', 'projectHrn', 'billingTag', 'category', 'groupBy'] as const) {
    const v = one(q, name);
    if (v !== undefined) parameters[name] = v;
  }
  const entry = deps.reports.create(realmId, parameters, query, list(q, 'usageFields'));
  return jsonReply(201, { id: entry.id, status: 'inProgress' }, { Location: statusUrl(base, entry) });
}

export function listUsageReports(deps: ReportDeps, realmId: string, q: QueryValues, base: UrlBase): Reply {
  const limit = intParam(q, 'limit', 100);
  const offset = intParam(q, 'offset', 0);
  const all = deps.reports.list(realmId, one(q, 'sort') === 'asc' ? 'asc' : 'desc');
  const items = all.slice(offset * limit, offset * limit + limit).map((e) => reportJson(deps, e, base));
  return jsonReply(200, { ...envelope(all.length, limit, offset, items.length), items });
}

export function getUsageReport(deps: ReportDeps, realmId: string, reportId: string, base: UrlBase): Reply {
  const entry = deps.reports.get(realmId, reportId, true);
  if (!entry) throw new HttpError(404, `No report ${reportId} in organization ${realmId}.`);
  return jsonReply(200, reportJson(deps, entry, base));
}

export function getUsageReportOutput(deps: ReportDeps, realmId: string, reportId: string): Reply {
  const entry = deps.reports.get(realmId, reportId);
  if (!entry) throw new HttpError(404, `No report ${reportId} in organization ${realmId}.`);
  const status = deps.reports.status(entry);
  if (status !== 'completed') {
    throw new HttpError(404, `Report ${reportId} has no output: its status is ${status}.`, {
      action: status === 'inProgress' ? 'Poll the report status until it is completed.' : undefined,
    });
  }
  const layout = csvLayout({
    // Partner reports name the organization of every row (the subaccount).
    orgName: (realmProfile(realmId)?.subAccounts.length ?? 0) > 0,
    fields: entry.usageFields?.length ? new Set(entry.usageFields) : undefined,
    timed: entry.query.detailLevel !== 'summarized',
  });
  const chunks = csvChunks(layout, recordChunks(deps.dataset, entry.query), REPORT_MAX_RECORDS);
  const filename = `${entry.id}.csv`;
  return { status: 200, headers: { 'Content-Disposition': `attachment; filename="${filename}"` }, body: { type: 'csv', chunks } };
}

function reportJson(deps: ReportDeps, entry: ReportEntry, base: UrlBase): Record<string, unknown> {
  const status = deps.reports.status(entry);
  const out: Record<string, unknown> = { id: entry.id, status, created: formatApiDate(new Date(entry.createdMs)) };
  if (status === 'completed') out.resultHref = `${statusUrl(base, entry)}/output`;
  if (status === 'failed' && entry.failureReason) out.failureReason = entry.failureReason;
  out.parameters = entry.parameters;
  return out;
}

function statusUrl(base: UrlBase, entry: ReportEntry): string {
  return `${base.origin}${base.basePath}/usage/realms/${encodeURIComponent(entry.realmId)}/reports/${encodeURIComponent(entry.id)}`;
}
