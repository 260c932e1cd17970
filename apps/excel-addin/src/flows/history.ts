// Refresh of a history table: the SDK's planHistory decides, per month window, what to keep (closed
// and pulled after it closed), pull (open or new) and drop (left by a rolling range); only the
// pulled windows are asked for, and the writer keeps the closed windows' rows untouched. The
// result is what a full pull of the same range would give, row for row. Whatever happens is
// remembered as the table's status (the Tables tab and the caption show it).

import { formatApiDateTime, type DateWindow, type UsageClient, type UsageQuery, type UsageRecord } from '@meterbook/sdk';
import { planHistory, type HeldWindow, type HistoryPlan } from '@meterbook/sdk/history';
import { hereCaption } from '@meterbook/table-model';
import type { HistoryStatus, StoredHistory, StoredQuery } from '../workbook/query-store.js';
import type { TableMeta } from '../workbook/table-writer.js';
import { explainError } from './errors.js';
import { replaceWindowRowsGrowing, type ConfirmGrowth } from './growth.js';
import { contiguousRuns, countByWindow, heldWindows, storedWindow } from './history-windows.js';
import { rangeProgress, withHistoryWords, writeProgress, type RunOptions } from './pull.js';
import type { RefreshDeps } from './refresh.js';
import { sayingRetries } from './retry-notices.js';
import { assertFitsSheet } from './size.js';
import { columnsOf } from './stored-columns.js';
import { toUsageQuery } from './usage-form.js';
import { getSettleDays } from './workbook-settings.js';

interface PulledWindows {
  records: UsageRecord[];
  /** Rows per window, in the order asked for. */
  rows: number[];
}

/** Every record of `windows` (in time order), one `usage.range` call per contiguous run. */
export async function pullWindows(client: UsageClient, query: UsageQuery, windows: readonly DateWindow[], opts: RunOptions): Promise<PulledWindows> {
  const records: UsageRecord[] = [];
  const rows: number[] = [];
  for (const run of contiguousRuns(windows)) {
    const first = run[0] as DateWindow;
    const last = run.at(-1) as DateWindow;
    const part = await sayingRetries(client, opts.onProgress, async () => client.usage.range(
      { ...query, startDate: formatApiDateTime(first.startDate), endDate: formatApiDateTime(last.endDate) },
      { signal: opts.signal, concurrency: 4, onProgress: (p) => opts.onProgress?.(rangeProgress(p)) },
    ));
    rows.push(...countByWindow(part, run));
    records.push(...part);
  }
  return { records, rows };
}

const key = (w: DateWindow): number => w.startDate.getTime();

/**
 * Where the kept windows' rows are: one run of held windows, in table order, with every pulled
 * window after it. Anything else (a table whose rows no longer add up, a hole) re-pulls it all.
 */
function keptRun(plan: HistoryPlan, held: readonly HeldWindow[], tableRows: number): { from: number; rows: number } | undefined {
  if (held.reduce((n, w) => n + w.rows, 0) !== tableRows || plan.keep.length === 0) return undefined;
  const kept = new Set(plan.keep.map(key));
  const at = held.findIndex((w) => kept.has(key(w)));
  const run = held.slice(at, at + plan.keep.length);
  if (!run.every((w) => kept.has(key(w)))) return undefined;
  const lastKept = (run.at(-1) as HeldWindow).endDate.getTime();
  if (plan.pull.some((p) => p.startDate.getTime() < lastKept)) return undefined;
  return { from: held.slice(0, at).reduce((n, w) => n + w.rows, 0), rows: run.reduce((n, w) => n + w.rows, 0) };
}

/** Rows added and removed, window by window (a window counts by its start). */
function rowChanges(before: readonly HeldWindow[], after: ReadonlyMap<number, number>): { rowsAdded: number; rowsRemoved: number } {
  const old = new Map(before.map((w) => [key(w), w.rows]));
  let rowsAdded = 0;
  let rowsRemoved = 0;
  for (const start of new Set([...old.keys(), ...after.keys()])) {
    const d = (after.get(start) ?? 0) - (old.get(start) ?? 0);
    if (d > 0) rowsAdded += d;
    else rowsRemoved -= d;
  }
  return { rowsAdded, rowsRemoved };
}

export type HistoryQuery = StoredQuery & { history: StoredHistory };

/** Refreshes a history table: only open and new windows are pulled. Throws (after saving the error as its status) when it fails. */
export async function refreshHistory(deps: RefreshDeps, q: HistoryQuery, opts: RunOptions & { confirmGrowth?: ConfirmGrowth } = {}): Promise<TableMeta> {
  const now = (deps.now ?? (() => new Date()))();
  try {
    return await runRefresh(deps, q, now, opts);
  } catch (e) {
    const previous = q.history.status;
    const status: HistoryStatus = { ...(previous ?? { kept: 0, pulled: 0, dropped: 0, rowsAdded: 0, rowsRemoved: 0 }), at: previous?.at ?? q.pulledAt, error: explainError(e).summary };
    await deps.store.save({ ...q, history: { ...q.history, status } }).catch(() => undefined);
    await sayFailureInCaption(deps, q, status, now).catch(() => undefined);
    throw e;
  }
}

/** The caption says the last refresh failed: every row is kept, only the caption changes. */
async function sayFailureInCaption(deps: RefreshDeps, q: HistoryQuery, status: HistoryStatus, at: Date): Promise<void> {
  const table = await deps.writer.findTable(q.tableName);
  if (!table || !status.error) return;
  const { error, ...done } = status;
  const caption = withHistoryWords(hereCaption({ source: 'usage', realmId: q.realmId, params: q.params, rows: q.rowCount, refreshedAt: new Date(q.pulledAt) }), { ...done, failure: { at, error } });
  await deps.writer.replaceWindowRows(q.tableName, { caption, columns: columnsOf(q), records: [], keep: { from: 0, rows: table.rowCount } });
}

async function runRefresh(deps: RefreshDeps, q: HistoryQuery, now: Date, opts: RunOptions & { confirmGrowth?: ConfirmGrowth }): Promise<TableMeta> {
  const client = deps.client;
  if (!client) throw new Error(`${q.tableName} came from the HERE Usage API; connect to it to refresh it.`);
  const settleDays = await getSettleDays(deps.writer.settings);
  const held = heldWindows(q.history.windows);
  const plan = planHistory({ rule: q.history.rule, windows: held, now, settleDays });
  const table = await deps.writer.findTable(q.tableName);
  const keep = keptRun(plan, held, table?.rowCount ?? -1);
  // Without a kept run every window is pulled again: the table is then a full pull of the range.
  const keptStarts = new Set(keep ? plan.keep.map(key) : []);
  const toPull = plan.windows.filter((w) => !keptStarts.has(key(w)));
  const params = { ...q.params, startDate: formatApiDateTime(plan.startDate), endDate: formatApiDateTime(plan.endDate) };
  const pulled = await pullWindows(client, toUsageQuery(q.realmId, params), toPull, opts);
  const rowsByStart = new Map<number, number>(held.filter((w) => keptStarts.has(key(w))).map((w) => [key(w), w.rows]));
  toPull.forEach((w, i) => rowsByStart.set(key(w), pulled.rows[i] ?? 0));
  const rowCount = (keep?.rows ?? 0) + pulled.records.length;
  assertFitsSheet(rowCount);
  const windowStarts = new Set(plan.windows.map(key));
  const status: HistoryStatus = {
    at: now.toISOString(), kept: keptStarts.size, pulled: toPull.length,
    dropped: held.filter((w) => !windowStarts.has(key(w))).length, ...rowChanges(held, rowsByStart),
  };
  const caption = withHistoryWords(hereCaption({ source: 'usage', realmId: q.realmId, params, rows: rowCount, refreshedAt: now }), status);
  const meta = await replaceWindowRowsGrowing(
    deps.writer, q.tableName,
    { caption, columns: columnsOf(q), records: pulled.records, keep: keep ?? { from: 0, rows: 0 } },
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.(writeProgress(p)) },
    opts.confirmGrowth,
  );
  const heldByStart = new Map(held.map((w) => [key(w), w]));
  const windows = plan.windows.map((w) => {
    const kept = keptStarts.has(key(w)) ? heldByStart.get(key(w)) : undefined;
    return kept ? storedWindow(kept, kept.rows, kept.pulledAt) : storedWindow(w, rowsByStart.get(key(w)) ?? 0, now);
  });
  await deps.store.save({ ...q, params, rowCount: meta.rowCount, pulledAt: now.toISOString(), history: { ...q.history, settleDays, windows, status } });
  return meta;
}
