// Refresh all, across sources: every remembered table still in the workbook is refreshed with the
// connection of its own source (HERE and Acronis can both be connected); a table whose source is
// not connected is not an error but a line in the summary ("2 need an Acronis connection").

import type { QueryStore, StoredQuery } from '../workbook/query-store.js';
import type { TableWriter } from '../workbook/table-writer.js';
import { isAcronis, makeAcronisClient, makeClient, type Connection, type Source } from './connection.js';
import { explainError, type PlainError } from './errors.js';
import type { ConfirmGrowth } from './growth.js';
import type { RunOptions } from './pull.js';
import { refreshTable, type RefreshDeps } from './refresh.js';

export type RefreshItemStatus = 'refreshed' | 'needsConnection' | 'failed';

export interface RefreshItem {
  tableName: string;
  source: Source;
  status: RefreshItemStatus;
  /** One sentence: rows now in the table, what to connect, or what failed. */
  message: string;
  /** For failures: the Details disclosure. */
  error?: PlainError;
}

export interface RefreshAllSummary {
  /** One line, e.g. "3 tables refreshed; 2 need an Acronis connection". */
  line: string;
  items: RefreshItem[];
}

export interface RefreshAllDeps {
  writer: TableWriter;
  store: QueryStore;
  /** One client per connected source (see `clientsFor`). */
  sources: RefreshDeps[];
  now?: () => Date;
}

const SOURCE_NAME: Record<Source, string> = { here: 'HERE Usage API', acronis: 'Acronis' };
const sourceOfQuery = (q: StoredQuery): Source => (q.kind === 'acronis-report' ? 'acronis' : 'here');

/** The refresh dependencies of every connection held (one per source). */
export async function clientsFor(connections: readonly Connection[], writer: TableWriter, store: QueryStore, fetchImpl?: typeof fetch): Promise<RefreshDeps[]> {
  const out: RefreshDeps[] = [];
  for (const c of connections) {
    if (isAcronis(c)) {
      const acronis = await makeAcronisClient(c, fetchImpl);
      out.push({ acronis, writer, store, baseUrl: acronis.baseUrl });
    } else out.push({ client: makeClient(c, fetchImpl), writer, store, baseUrl: c.baseUrl });
  }
  return out;
}

/** The connected source a remembered table refreshes through (its own source and address), if any. */
export function depsFor(q: StoredQuery, sources: readonly RefreshDeps[]): RefreshDeps | undefined {
  const wanted = sourceOfQuery(q);
  return sources.find((d) => d.baseUrl === q.baseUrl && (wanted === 'acronis' ? d.acronis !== undefined : d.client !== undefined));
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "3 tables refreshed; 2 need an Acronis connection; 1 failed". */
export function summaryLine(items: readonly RefreshItem[]): string {
  if (items.length === 0) return 'No Meterbook tables to refresh.';
  const parts: string[] = [];
  const refreshed = items.filter((i) => i.status === 'refreshed').length;
  if (refreshed) parts.push(`${plural(refreshed, 'table', 'tables')} refreshed`);
  for (const s of ['here', 'acronis'] as const) {
    const n = items.filter((i) => i.status === 'needsConnection' && i.source === s).length;
    if (n) parts.push(`${n} ${n === 1 ? 'needs' : 'need'} ${s === 'acronis' ? 'an Acronis' : 'a HERE Usage API'} connection`);
  }
  const failed = items.filter((i) => i.status === 'failed').length;
  if (failed) parts.push(`${failed} failed`);
  return parts.join('; ');
}

/** Refreshes what can be refreshed, one table after the other, and summarizes the rest. */
export async function refreshAllSources(deps: RefreshAllDeps, opts: RunOptions & { confirmGrowth?: ConfirmGrowth; onTable?: (name: string) => void } = {}): Promise<RefreshAllSummary> {
  const items: RefreshItem[] = [];
  for (const q of await deps.store.list()) {
    if (opts.signal?.aborted) break;
    if (!(await deps.writer.findTable(q.tableName))) continue;
    const source = sourceOfQuery(q);
    const d = depsFor(q, deps.sources);
    if (!d) {
      items.push({ tableName: q.tableName, source, status: 'needsConnection', message: `${q.tableName} came from the ${SOURCE_NAME[source]} at ${q.baseUrl}: connect to it to refresh this table.` });
      continue;
    }
    opts.onTable?.(q.tableName);
    try {
      const meta = await refreshTable({ ...d, now: deps.now }, q.tableName, opts);
      items.push({ tableName: q.tableName, source, status: 'refreshed', message: `${q.tableName}: ${meta.rowCount.toLocaleString('en-US')} rows.` });
    } catch (e) {
      const error = explainError(e);
      const message = error.summary.startsWith(q.tableName) ? error.summary : `${q.tableName}: ${error.summary}`;
      items.push({ tableName: q.tableName, source, status: 'failed', message, error });
    }
  }
  return { line: summaryLine(items), items };
}
