// "Insert": the pages pulled through the SDK are written as they arrive, in blocks, into one new
// table. A cancelled or failed pull or write removes the new sheet: the workbook is as it was.

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
  const columns = hereColumns(params, { source: 'usage' });
  const pulledAt = (deps.now ?? (() => new Date()))();
  const pulled = { records: 0, total: verdict.total };
  const meta = await sayingRetries(deps.client, opts.onProgress, () => deps.writer.createTableFromBlocks(
    { sheetName: usageSheetName(params), tablePrefix: 'MB_Usage', columns, caption: (rows) => hereCaption({ source: 'usage', realmId, params, rows, refreshedAt: pulledAt }) },
    usageBlocks(deps.client, query, pulled, opts),
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.({ phase: 'write', rows: p.rowsWritten, total: pulled.total }) },
  ));
  const records = pulled.records;
  await deps.store.save({
    version: 1, kind: 'usage', tableName: meta.tableName, baseUrl: deps.baseUrl, realmId, params,
    columns: columns.map((c) => c.key), rowCount: records, pulledAt: pulledAt.toISOString(),
  });
  return { kind: 'inserted', meta, records };
}

/** Records per block handed to the writer: ten pages, so the first rows land early; the writer regroups them into byte-sized syncs. */
const RECORDS_PER_BLOCK = 1_000;

/** The pull as blocks, counted into `pulled` and checked against a sheet's size as they come. */
async function* usageBlocks(client: UsageClient, query: UsageQuery, pulled: { records: number; total: number }, opts: RunOptions): AsyncGenerator<UsageRecord[]> {
  const list = client.usage.all(query, {
    signal: opts.signal, concurrency: 4,
    onProgress: (p) => { pulled.total = p.total; opts.onProgress?.(fetchProgress(p)); },
  });
  let block: UsageRecord[] = [];
  for await (const record of list) {
    block.push(record);
    if (block.length === RECORDS_PER_BLOCK) {
      pulled.records += block.length;
      assertFitsSheet(pulled.records);
      yield block;
      block = [];
    }
  }
  pulled.records += block.length;
  assertFitsSheet(pulled.records);
  if (block.length > 0) yield block;
}
