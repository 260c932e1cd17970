// Refresh: re-run what a table remembers and replace its rows in place. Everything is pulled
// first; if the pull fails or is cancelled the table keeps its previous rows. A pull that left
// something on the server (an Acronis report) undoes it when the write fails, and removes what
// it replaces once the table is written.

import type { AcronisClient } from '@meterbook/sdk/acronis';
import type { UsageClient } from '@meterbook/sdk';
import { hereCaption, type SourceRecord } from '@meterbook/table-model';
import type { QueryParams, QueryStore, StoredQuery } from '../workbook/query-store.js';
import type { TableMeta, TableWriter } from '../workbook/table-writer.js';
import { acronisCaption, pullAcronisRefresh } from './acronis-report.js';
import { replaceRowsGrowing, type ConfirmGrowth } from './growth.js';
import { refreshHistory } from './history.js';
import { fetchAllUsage, writeProgress, type RunOptions } from './pull.js';
import { createReport, downloadReport, waitForReport } from './report.js';
import { NotOurTableError } from './not-ours.js';
import { sayingRetries } from './retry-notices.js';
import { refreshCostIfAny } from './cost.js';
import { assertFitsSheet } from './size.js';
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

/** The rows of a refresh, and what the table remembers afterwards when that changes. */
interface Pulled {
  records: readonly SourceRecord[];
  params?: QueryParams;
  /** Takes back what the pull left on the server, when the rows are not written after all. */
  undo?: () => Promise<void>;
  /** Cleans up once the rows are written and remembered. */
  done?: () => Promise<void>;
}

async function pull(deps: RefreshDeps, q: StoredQuery, opts: RunOptions): Promise<Pulled> {
  if (q.kind === 'acronis-report') {
    if (!deps.acronis) throw new Error(`${q.tableName} came from Acronis; connect to Acronis to refresh it.`);
    const { rows, ...rest } = await pullAcronisRefresh(deps.acronis, q, opts);
    return { records: rows, ...rest };
  }
  if (!deps.client) throw new Error(`${q.tableName} came from the HERE Usage API; connect to it to refresh it.`);
  if (q.kind === 'usage') return { records: await fetchAllUsage(deps.client, toUsageQuery(q.realmId, q.params), opts) };
  // A report is a snapshot: refreshing one asks the API for a new report with the same parameters.
  const ref = await createReport(deps.client, q.realmId, q.params, q.subAccounts ?? [], opts.signal);
  const done = await waitForReport(deps.client, ref, { signal: opts.signal });
  return { records: await downloadReport(deps.client, done, opts) };
}

function captionOf(q: StoredQuery, rows: number, pulledAt: Date): string {
  if (q.kind === 'acronis-report') return acronisCaption(q.params, q.tenantName ?? q.realmId, rows, pulledAt);
  return hereCaption({ source: q.kind, realmId: q.realmId, params: q.params, rows, refreshedAt: pulledAt, ...(q.subAccounts ? { subAccounts: q.subAccounts } : {}) });
}

export async function refreshTable(deps: RefreshDeps, tableName: string, opts: RunOptions & { confirmGrowth?: ConfirmGrowth } = {}): Promise<TableMeta> {
  const q = await deps.store.get(tableName);
  if (!q) throw new NotOurTableError(tableName);
  if (q.baseUrl !== deps.baseUrl) throw new Error(`${tableName} came from ${q.baseUrl}; connect to that API to refresh it.`);
  if (q.kind === 'usage' && q.history) {
    const history = q.history;
    const meta = await refreshHistory(deps, { ...q, history }, opts);
    await refreshCostIfAny(deps, q);
    await refreshSummaryIfAny(deps, q, meta.sheetName);
    return meta;
  }
  const client = q.kind === 'acronis-report' ? deps.acronis : deps.client;
  const pulled = await sayingRetries(client, opts.onProgress, () => pull(deps, q, opts));
  const { records } = pulled;
  const pulledAt = (deps.now ?? (() => new Date()))();
  let meta: TableMeta;
  try {
    assertFitsSheet(records.length);
    meta = await replaceRowsGrowing(
      deps.writer,
      tableName,
      { caption: captionOf(q, records.length, pulledAt), columns: columnsOf(q), records },
      { signal: opts.signal, onProgress: (p) => opts.onProgress?.(writeProgress(p)) },
      opts.confirmGrowth,
    );
    await deps.store.save({ ...q, params: pulled.params ?? q.params, rowCount: records.length, pulledAt: pulledAt.toISOString() });
  } catch (e) {
    await pulled.undo?.();
    throw e;
  }
  await sayingRetries(client, opts.onProgress, async () => pulled.done?.());
  await refreshCostIfAny(deps, q);
  await refreshSummaryIfAny(deps, q, meta.sheetName);
  return meta;
}
