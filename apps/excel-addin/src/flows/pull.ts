// "Insert": a range of any length pulled through the SDK's `usage.range` (month windows, one
// request budget), written as it arrives, in blocks, into one new table. A cancelled or failed
// pull or write removes the new sheet: the workbook is as it was. Kept as a history, the table
// remembers its windows (rows counted per window as they pass) so refresh re-pulls only open ones.

import { splitRange, type PageProgress, type RangeProgress, type UsageClient, type UsageQuery, type UsageRecord } from '@meterbook/sdk';
import { dayWords, hereCaption, hereColumns, hereSheetName, historyStatusWords } from '@meterbook/table-model';
import type { QueryParams, QueryStore, StoredQuery, StoredRangeRule } from '../workbook/query-store.js';
import type { TableMeta, TableWriter, WriteProgress } from '../workbook/table-writer.js';
import { sayingRetries } from './retry-notices.js';
import { countByWindow, storedWindow } from './history-windows.js';
import { assertFitsSheet, probeUsage, type SizeVerdict } from './size.js';
import { getSettleDays } from './workbook-settings.js';
import { toUsageQuery } from './usage-form.js';

export type PullProgress =
  | { phase: 'fetch'; pagesDone: number; pagesTotal: number; rows: number; total: number; monthsDone?: number; monthsTotal?: number }
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
/** A range pull's progress: months (windows) instead of pages. */
export const rangeProgress = (p: RangeProgress): PullProgress => ({ phase: 'fetch', pagesDone: 0, pagesTotal: 0, rows: p.records, total: p.total, monthsDone: p.windowsDone, monthsTotal: p.windowsTotal });
export const writeProgress = (p: WriteProgress): PullProgress => ({ phase: 'write', rows: p.rowsWritten, total: p.rowsTotal });

export async function fetchAllUsage(client: UsageClient, query: UsageQuery, opts: RunOptions = {}): Promise<UsageRecord[]> {
  return sayingRetries(client, opts.onProgress, async () => {
    const list = client.usage.range(query, { signal: opts.signal, concurrency: 4, onProgress: (p) => opts.onProgress?.(rangeProgress(p)) });
    return await list;
  });
}

const DAY_MS = 86_400_000;

/**
 * `Usage Nov 2026`: the sheet name in words (the table model's), naming days: a range ending now
 * (mid-day) is named by the day it ends on. A history is named for its rule, which outlives
 * today's dates: `Usage last 12 months`, `Usage this month`, `Usage from 1 Apr 2026`.
 */
export function usageSheetName(p: QueryParams, rule?: StoredRangeRule): string {
  if (rule?.kind === 'rolling') return rule.months === 0 ? 'Usage this month' : `Usage last ${rule.months} months`;
  const end = typeof p.endDate === 'string' ? Date.parse(`${p.endDate}Z`) : NaN;
  if (rule?.kind === 'toDate' && typeof p.startDate === 'string') return `Usage from ${dayWords(new Date(`${p.startDate}Z`))}`;
  const endDay = Number.isNaN(end) || end % DAY_MS === 0 ? p.endDate : new Date(Math.ceil(end / DAY_MS) * DAY_MS).toISOString().slice(0, 19);
  return hereSheetName('usage', endDay === undefined ? p : { ...p, endDate: endDay });
}

export type InsertResult = { kind: 'inserted'; meta: TableMeta; records: number } | { kind: 'tooBig'; verdict: SizeVerdict };

export interface InsertOptions extends RunOptions {
  allowSlow?: boolean;
  /** Keep the table as a history with this range rule (usage at hour, day or month detail only). */
  history?: StoredRangeRule;
}

/** Checks the size first (one probe per month window); an oversized pull stops, a slow one with a faster way offered stops unless `allowSlow`. */
export async function insertUsage(deps: FlowDeps, realmId: string, params: QueryParams, opts: InsertOptions = {}): Promise<InsertResult> {
  const query = toUsageQuery(realmId, params);
  if (opts.history && !historyTakes(params)) throw new Error('Only usage by hour, day or month can be kept as a history: choose a detail level, or insert it without keeping a history.');
  const verdict = await probeUsage(deps.client, query, opts.signal);
  // A slow pull stops only when there is a faster way to offer (a report, day detail): with none,
  // stopping would only add a click, so it runs with its progress, estimate and Cancel.
  if (verdict.tooBigForSheet || (verdict.slowRoad && verdict.offer !== undefined && !opts.allowSlow)) return { kind: 'tooBig', verdict };
  const columns = hereColumns(params, { source: 'usage' });
  const pulledAt = (deps.now ?? (() => new Date()))();
  const pulled: Pulled = { records: 0, total: verdict.total, perWindow: [] };
  const windows = splitRange(query.startDate, query.endDate);
  const status = (rows: number) => (opts.history ? { kept: 0, pulled: windows.length, dropped: 0, rowsAdded: rows, rowsRemoved: 0 } : undefined);
  const meta = await sayingRetries(deps.client, opts.onProgress, () => deps.writer.createTableFromBlocks(
    { sheetName: usageSheetName(params, opts.history), tablePrefix: 'MB_Usage', columns, caption: (rows) => withHistoryWords(hereCaption({ source: 'usage', realmId, params, rows, refreshedAt: pulledAt }), status(rows)) },
    usageBlocks(deps.client, query, pulled, opts),
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.({ phase: 'write', rows: p.rowsWritten, total: pulled.total }) },
  ));
  const records = pulled.records;
  const q: StoredQuery = {
    version: 1, kind: 'usage', tableName: meta.tableName, baseUrl: deps.baseUrl, realmId, params,
    columns: columns.map((c) => c.key), rowCount: records, pulledAt: pulledAt.toISOString(),
  };
  if (opts.history) {
    const rows = pulled.perWindow.reduce((sum, block) => block.map((n, i) => n + (sum[i] ?? 0)), windows.map(() => 0));
    const state = status(records);
    q.history = {
      rule: opts.history, settleDays: await getSettleDays(deps.writer.settings),
      windows: windows.map((w, i) => storedWindow(w, rows[i] ?? 0, pulledAt)),
      ...(state ? { status: { at: pulledAt.toISOString(), ...state } } : {}),
    };
  }
  await deps.store.save(q);
  return { kind: 'inserted', meta, records };
}

/** History needs records with a time: usage at hour, day or month detail, with the Date column. */
export function historyTakes(p: QueryParams): boolean {
  const fields = Array.isArray(p.usageFields) ? p.usageFields : [];
  return ['hour', 'day', 'month'].includes(String(p.detailLevel)) && (fields.length === 0 || fields.includes('usageDateTime'));
}

/** The caption with what the history did, when the table is one. */
export function withHistoryWords(caption: string, status: Parameters<typeof historyStatusWords>[0] | undefined): string {
  return status ? `${caption} · ${historyStatusWords(status)}` : caption;
}

interface Pulled {
  records: number;
  total: number;
  /** Rows per window of each block (history tables count them as they pass). */
  perWindow: number[][];
}

/** Records per block handed to the writer: ten pages, so the first rows land early; the writer regroups them into byte-sized syncs. */
const RECORDS_PER_BLOCK = 1_000;

/**
 * The pull as blocks, counted into `pulled` and checked against a sheet's size as they come. The
 * SDK's `usage.range` hands over each month window once it is complete (windows in order, the
 * shared limiter across them), so a range of several windows is written window by window; a
 * range of one window is that window's `usage.all`, written page by page as pages arrive.
 */
async function* usageBlocks(client: UsageClient, query: UsageQuery, pulled: Pulled, opts: RunOptions): AsyncGenerator<UsageRecord[]> {
  const windows = splitRange(query.startDate, query.endDate);
  const timed = query.detailLevel !== undefined && query.detailLevel !== 'summarized';
  const list = windows.length === 1
    ? client.usage.all(query, { signal: opts.signal, concurrency: 4, onProgress: (p) => { pulled.total = Math.max(pulled.total, p.total); opts.onProgress?.(fetchProgress(p)); } })
    : client.usage.range(query, { signal: opts.signal, concurrency: 4, onProgress: (p) => { pulled.total = Math.max(pulled.total, p.total); opts.onProgress?.(rangeProgress(p)); } });
  let block: UsageRecord[] = [];
  const hand = (): UsageRecord[] => {
    pulled.records += block.length;
    assertFitsSheet(pulled.records);
    if (timed && block.every((r) => r.usageDateTime)) pulled.perWindow.push(countByWindow(block, windows));
    const out = block;
    block = [];
    return out;
  };
  for await (const record of list) {
    block.push(record);
    if (block.length === RECORDS_PER_BLOCK) yield hand();
  }
  const last = hand();
  if (last.length > 0) yield last;
}
