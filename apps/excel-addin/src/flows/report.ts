// Reports: list, create, poll until done, and stream a completed report's CSV into a table.

import type { Page, Report, ReportRef, UsageClient, UsageCsvRow } from '@meterbook/sdk';
import { hereCaption, hereColumns, hereSheetName, orgNameDiffers } from '@meterbook/table-model';
import type { QueryParams } from '../workbook/query-store.js';
import type { TableMeta } from '../workbook/table-writer.js';
import { apiDateTime } from './dates.js';
import { sayingRetries } from './retry-notices.js';
import { writeProgress, type FlowDeps, type RunOptions } from './pull.js';
import { assertFitsSheet } from './size.js';
import { toUsageQuery } from './usage-form.js';

export const REPORTS_PAGE_SIZE = 20;

/** One page of the realm's reports, newest first. */
export function listReports(client: UsageClient, realmId: string, page: number, signal?: AbortSignal): Promise<Page<Report>> {
  return client.reports.list({ realmId, limit: REPORTS_PAGE_SIZE, offset: page, sort: 'desc' }, { signal });
}

export function createReport(client: UsageClient, realmId: string, params: QueryParams, subAccounts: string[], signal?: AbortSignal): Promise<ReportRef> {
  const q = toUsageQuery(realmId, params);
  if (q.detailLevel === 'hour') throw new RangeError('Reports take detail level summarized, day or month, not hour.');
  const body = { ...q, detailLevel: q.detailLevel as 'summarized' | 'day' | 'month' | undefined, ...(subAccounts.length ? { subAccounts } : {}) };
  return client.reports.create(body, { signal });
}

export function waitForReport(client: UsageClient, ref: ReportRef, opts: { signal?: AbortSignal; onPoll?: (r: Report, attempt: number) => void; intervalMs?: number } = {}): Promise<Report> {
  return client.reports.waitUntilDone(ref, { signal: opts.signal, onPoll: opts.onPoll, intervalMs: opts.intervalMs ?? 1_000, timeoutMs: 30 * 60_000 });
}

export async function downloadReport(client: UsageClient, report: Report, opts: RunOptions = {}): Promise<UsageCsvRow[]> {
  const rows: UsageCsvRow[] = [];
  for await (const row of client.reports.download(report, { signal: opts.signal })) {
    rows.push(row);
    if (rows.length % 1_000 === 0) opts.onProgress?.({ phase: 'fetch', pagesDone: 0, pagesTotal: 0, rows: rows.length, total: 0 });
  }
  return rows;
}

/** The parameters a report was made with, as a table remembers them. */
export function reportParams(r: Report): { params: QueryParams; subAccounts: string[] } {
  const p = r.parameters ?? {};
  const params: QueryParams = {};
  if (p.startDate) params.startDate = apiDateTime(p.startDate);
  if (p.endDate) params.endDate = apiDateTime(p.endDate);
  for (const k of ['featureId', 'appId', 'projectHrn', 'billingTag', 'category', 'detailLevel', 'groupBy'] as const) {
    const v = p[k];
    if (typeof v === 'string' && v !== '') params[k] = v;
  }
  return { params, subAccounts: Array.isArray(p.subAccounts) ? p.subAccounts : [] };
}

export function keysOf(rows: readonly UsageCsvRow[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

/** Downloads a completed report and writes it as a new table that can be refreshed. */
export async function insertReport(deps: FlowDeps, realmId: string, report: Report, opts: RunOptions = {}): Promise<TableMeta> {
  if (report.status !== 'completed') throw new Error(report.status === 'failed' ? `Report ${report.id} failed${report.failureReason ? `: ${report.failureReason}` : '.'}` : `Report ${report.id} is not ready yet.`);
  const rows = await sayingRetries(deps.client, opts.onProgress, () => downloadReport(deps.client, report, opts));
  assertFitsSheet(rows.length);
  const { params, subAccounts } = reportParams(report);
  // The same columns as a usage table of the same query (the CSV has no usage type code).
  const columns = hereColumns(params, { source: 'report', withOrgName: orgNameDiffers(rows) });
  const pulledAt = (deps.now ?? (() => new Date()))();
  const caption = hereCaption({ source: 'report', reportId: report.id, realmId, params, subAccounts, rows: rows.length, refreshedAt: pulledAt });
  const meta = await deps.writer.createTable(
    { sheetName: hereSheetName('report', params, report.id), tablePrefix: 'MB_Report', caption, columns, records: rows },
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.(writeProgress(p)) },
  );
  await deps.store.save({
    version: 1, kind: 'report', tableName: meta.tableName, baseUrl: deps.baseUrl, realmId, params, subAccounts,
    columns: columns.map((c) => c.key), rowCount: rows.length, pulledAt: pulledAt.toISOString(),
  });
  return meta;
}
