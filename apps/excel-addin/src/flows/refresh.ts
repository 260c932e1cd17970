// Refresh: re-run what a table remembers and replace its rows in place. Everything is pulled
// first; if the pull fails or is cancelled the table keeps its previous rows.

import { columnFor } from '../workbook/columns.js';
import type { StoredQuery } from '../workbook/query-store.js';
import type { SourceRecord } from '../workbook/rows.js';
import type { TableMeta } from '../workbook/table-writer.js';
import { fetchAllUsage, writeProgress, type FlowDeps, type RunOptions } from './pull.js';
import { createReport, downloadReport, waitForReport } from './report.js';
import { caption, toUsageQuery } from './usage-form.js';

export class NotOurTableError extends Error {
  constructor(tableName?: string) {
    super(tableName ? `${tableName} is not a Meterbook table (it has no saved query).` : 'Select a cell in a Meterbook table first.');
    this.name = 'NotOurTableError';
  }
}

async function pull(deps: FlowDeps, q: StoredQuery, opts: RunOptions): Promise<readonly SourceRecord[]> {
  if (q.kind === 'usage') return fetchAllUsage(deps.client, toUsageQuery(q.realmId, q.params), opts);
  // A report is a snapshot: refreshing one asks the API for a new report with the same parameters.
  const ref = await createReport(deps.client, q.realmId, q.params, q.subAccounts ?? [], opts.signal);
  const done = await waitForReport(deps.client, ref, { signal: opts.signal });
  return downloadReport(deps.client, done, opts);
}

export async function refreshTable(deps: FlowDeps, tableName: string, opts: RunOptions = {}): Promise<TableMeta> {
  const q = await deps.store.get(tableName);
  if (!q) throw new NotOurTableError(tableName);
  if (q.baseUrl !== deps.baseUrl) throw new Error(`${tableName} came from ${q.baseUrl}; connect to that API to refresh it.`);
  const records = await pull(deps, q, opts);
  const pulledAt = (deps.now ?? (() => new Date()))();
  const what = q.kind === 'usage' ? 'Usage' : `Report${q.subAccounts?.length ? ` (${q.subAccounts.join(', ')})` : ''}`;
  const meta = await deps.writer.replaceRows(
    tableName,
    { caption: caption(what, q.realmId, q.params, records.length, pulledAt), columns: q.columns.map(columnFor), records },
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.(writeProgress(p)) },
  );
  await deps.store.save({ ...q, rowCount: records.length, pulledAt: pulledAt.toISOString() });
  return meta;
}

export interface RefreshOutcome {
  tableName: string;
  ok: boolean;
  message: string;
}

/** Refreshes every remembered table that is still in the workbook, one after the other. */
export async function refreshAll(deps: FlowDeps, opts: RunOptions & { describe: (e: unknown) => string; onTable?: (name: string) => void }): Promise<RefreshOutcome[]> {
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
