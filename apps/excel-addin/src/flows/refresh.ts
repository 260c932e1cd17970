// Refresh: re-run what a table remembers and replace its rows in place. Everything is pulled
// first; if the pull fails or is cancelled the table keeps its previous rows.

import type { AcronisClient, AcronisKind, AcronisLevel } from '@meterbook/sdk/acronis';
import type { UsageClient } from '@meterbook/sdk';
import { hereCaption, type SourceRecord } from '@meterbook/table-model';
import type { QueryParams, QueryStore, StoredQuery } from '../workbook/query-store.js';
import type { TableMeta, TableWriter } from '../workbook/table-writer.js';
import { acronisCaption, createAcronisReport, downloadAcronisRows, waitForAcronisReport } from './acronis-report.js';
import { fetchAllUsage, writeProgress, type RunOptions } from './pull.js';
import { createReport, downloadReport, waitForReport } from './report.js';
import { NotOurTableError } from './not-ours.js';
import { columnsOf } from './stored-columns.js';
import { refreshSummaryIfAny } from './summarize.js';
import { toUsageQuery } from './usage-form.js';

export { NotOurTableError } from './not-ours.js';

/** What refresh needs: the client of the source the pane is connected to (one of the two). */
export interface RefreshDeps {
  client?: UsageClient;
  acronis?: AcronisClient;
  writer: TableWriter;
  store: QueryStore;
  baseUrl: string;
  now?: () => Date;
}

const param = (p: QueryParams, k: string): string | undefined => (typeof p[k] === 'string' ? p[k] : undefined);

async function pullAcronis(acronis: AcronisClient, q: StoredQuery, opts: RunOptions): Promise<readonly SourceRecord[]> {
  const p = q.params;
  const request = { tenantId: q.realmId, tenantName: q.tenantName ?? q.realmId, level: param(p, 'level') as AcronisLevel, kind: param(p, 'kind') as AcronisKind, start: param(p, 'start'), end: param(p, 'end') };
  const report = await createAcronisReport(acronis, request, new Date(), opts.signal);
  await waitForAcronisReport(acronis, report, { signal: opts.signal });
  return downloadAcronisRows(acronis, report, opts);
}

async function pull(deps: RefreshDeps, q: StoredQuery, opts: RunOptions): Promise<readonly SourceRecord[]> {
  if (q.kind === 'acronis-report') {
    if (!deps.acronis) throw new Error(`${q.tableName} came from Acronis; connect to Acronis to refresh it.`);
    return pullAcronis(deps.acronis, q, opts);
  }
  if (!deps.client) throw new Error(`${q.tableName} came from the HERE Usage API; connect to it to refresh it.`);
  if (q.kind === 'usage') return fetchAllUsage(deps.client, toUsageQuery(q.realmId, q.params), opts);
  // A report is a snapshot: refreshing one asks the API for a new report with the same parameters
  // (Acronis too, for the same tenant, level, kind and period).
  const ref = await createReport(deps.client, q.realmId, q.params, q.subAccounts ?? [], opts.signal);
  const done = await waitForReport(deps.client, ref, { signal: opts.signal });
  return downloadReport(deps.client, done, opts);
}

function captionOf(q: StoredQuery, rows: number, pulledAt: Date): string {
  if (q.kind === 'acronis-report') return acronisCaption(q.params, q.tenantName ?? q.realmId, rows, pulledAt);
  return hereCaption({ source: q.kind, realmId: q.realmId, params: q.params, rows, refreshedAt: pulledAt, ...(q.subAccounts ? { subAccounts: q.subAccounts } : {}) });
}

export async function refreshTable(deps: RefreshDeps, tableName: string, opts: RunOptions = {}): Promise<TableMeta> {
  const q = await deps.store.get(tableName);
  if (!q) throw new NotOurTableError(tableName);
  if (q.baseUrl !== deps.baseUrl) throw new Error(`${tableName} came from ${q.baseUrl}; connect to that API to refresh it.`);
  const records = await pull(deps, q, opts);
  const pulledAt = (deps.now ?? (() => new Date()))();
  const meta = await deps.writer.replaceRows(
    tableName,
    { caption: captionOf(q, records.length, pulledAt), columns: columnsOf(q), records },
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.(writeProgress(p)) },
  );
  await deps.store.save({ ...q, rowCount: records.length, pulledAt: pulledAt.toISOString() });
  await refreshSummaryIfAny(deps, q, meta.sheetName);
  return meta;
}

export interface RefreshOutcome {
  tableName: string;
  ok: boolean;
  message: string;
}

/** Refreshes every remembered table that is still in the workbook, one after the other. */
export async function refreshAll(deps: RefreshDeps, opts: RunOptions & { describe: (e: unknown) => string; onTable?: (name: string) => void }): Promise<RefreshOutcome[]> {
  const out: RefreshOutcome[] = [];
  for (const q of await deps.store.list()) {
    if (opts.signal?.aborted) break;
    if (!(await deps.writer.findTable(q.tableName))) continue;
    opts.onTable?.(q.tableName);
    try {
      const meta = await refreshTable(deps, q.tableName, opts);
      out.push({ tableName: q.tableName, ok: true, message: `${meta.rowCount.toLocaleString('en-US')} rows` });
    } catch (e) {
      out.push({ tableName: q.tableName, ok: false, message: opts.describe(e) });
    }
  }
  return out;
}
