// "Insert": every page is pulled through the SDK into memory first, then written as one new
// table. A cancelled or failed pull writes nothing; a cancelled write removes its new sheet.

import type { PageProgress, UsageClient, UsageQuery, UsageRecord } from '@meterbook/sdk';
import { hereCaption, hereColumns, hereSheetName } from '@meterbook/table-model';
import type { QueryParams, QueryStore } from '../workbook/query-store.js';
import type { TableMeta, TableWriter, WriteProgress } from '../workbook/table-writer.js';
import { sayingRetries } from './retry-notices.js';
import { assertFitsSheet, probeUsage, type SizeVerdict } from './size.js';
import { toUsageQuery } from './usage-form.js';

export type PullProgress =
  | { phase: 'fetch'; pagesDone: number; pagesTotal: number; rows: number; total: number }
  | { phase: 'write'; rows: number; total: number };

export interface FlowDeps {
  client: UsageClient;
  writer: TableWriter;
  store: QueryStore;
  baseUrl: string;
  now?: () => Date;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Progress, or a message to show as it is (e.g. that the server is slowing us down). */
  onProgress?: (p: PullProgress | string) => void;
}

export const fetchProgress = (p: PageProgress): PullProgress => ({ phase: 'fetch', pagesDone: p.pagesDone, pagesTotal: p.pagesTotal, rows: p.records, total: p.total });
export const writeProgress = (p: WriteProgress): PullProgress => ({ phase: 'write', rows: p.rowsWritten, total: p.rowsTotal });

export async function fetchAllUsage(client: UsageClient, query: UsageQuery, opts: RunOptions = {}): Promise<UsageRecord[]> {
  return sayingRetries(client, opts.onProgress, async () => {
    const list = client.usage.all(query, { signal: opts.signal, concurrency: 4, onProgress: (p) => opts.onProgress?.(fetchProgress(p)) });
    return await list;
  });
}

/** `Usage Nov 2026`: the sheet name in words (the table model's). */
export const usageSheetName = (p: QueryParams): string => hereSheetName('usage', p);

export type InsertResult = { kind: 'inserted'; meta: TableMeta; records: number } | { kind: 'tooBig'; verdict: SizeVerdict };

/** Checks the size first; a slow or oversized pull stops unless `allowSlow` (never past a sheet). */
export async function insertUsage(deps: FlowDeps, realmId: string, params: QueryParams, opts: RunOptions & { allowSlow?: boolean } = {}): Promise<InsertResult> {
  const query = toUsageQuery(realmId, params);
  const verdict = await probeUsage(deps.client, query, opts.signal);
  if (verdict.tooBigForSheet || (verdict.slowRoad && !opts.allowSlow)) return { kind: 'tooBig', verdict };
  const records = await fetchAllUsage(deps.client, query, opts);
  assertFitsSheet(records.length);
  const columns = hereColumns(params, { source: 'usage' });
  const pulledAt = (deps.now ?? (() => new Date()))();
  const caption = hereCaption({ source: 'usage', realmId, params, rows: records.length, refreshedAt: pulledAt });
  const meta = await deps.writer.createTable(
    { sheetName: usageSheetName(params), tablePrefix: 'MB_Usage', caption, columns, records },
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.(writeProgress(p)) },
  );
  await deps.store.save({
    version: 1, kind: 'usage', tableName: meta.tableName, baseUrl: deps.baseUrl, realmId, params,
    columns: columns.map((c) => c.key), rowCount: records.length, pulledAt: pulledAt.toISOString(),
  });
  return { kind: 'inserted', meta, records: records.length };
}
