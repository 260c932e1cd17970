// Acronis reports, no DOM: list a tenant's, create a saved one for a period and level, wait until
// its csv_v2_0 output is saved, download its rows (with GiB values) and write them as a table.
// A refresh makes a new report (a one-time report cannot be run again), so it removes the one the
// table used before, but only a report this workbook made, at the version it was made with: the
// tenant keeps what it had, plus the one report each table uses.

import type { AcronisClient, AcronisKind, AcronisLevel, AcronisReport, AcronisUsageRow } from '@meterbook/sdk/acronis';
import { acronisCaption as captionInWords, acronisColumns, acronisSheetName, withGib } from '@meterbook/table-model';
import type { QueryParams, QueryStore, StoredQuery } from '../workbook/query-store.js';
import type { TableMeta, TableWriter } from '../workbook/table-writer.js';
import { writeProgress, type PullProgress, type RunOptions } from './pull.js';
import { sayingRetries } from './retry-notices.js';

export interface AcronisDeps {
  acronis: AcronisClient;
  writer: TableWriter;
  store: QueryStore;
  /** The Acronis API base URL the rows come from (remembered by each table). */
  baseUrl: string;
  now?: () => Date;
}

export interface AcronisRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: PullProgress | string) => void;
  /** Between checks of the stored output (default 1 s). */
  intervalMs?: number;
}

export const ACRONIS_KINDS = ['usage_summary', 'usage_daily', 'usage_current'] as const satisfies readonly AcronisKind[];
export const ACRONIS_LEVELS = ['accounts', 'itself', 'all_customers', 'direct_partners', 'all_partners'] as const satisfies readonly AcronisLevel[];

export interface AcronisReportRequest {
  tenantId: string;
  tenantName: string;
  level: AcronisLevel;
  kind: AcronisKind;
  /** yyyy-mm-dd, both included; ignored for usage_current. */
  start?: string;
  end?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const utcDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * The period sent: none for usage_current; else both days, the end capped to today (UTC) since
 * Acronis refuses days in the future. `capped` says the end was moved.
 */
export function acronisPeriod(kind: AcronisKind, start: string | undefined, end: string | undefined, now: Date): { period?: { start: string; end: string }; capped: boolean } {
  if (kind === 'usage_current') return { capped: false };
  if (!start || !end || !DAY.test(start) || !DAY.test(end)) throw new RangeError('Enter the period: a start and an end day.');
  const today = utcDay(now);
  const capped = end > today;
  const last = capped ? today : end;
  if (start > last) throw new RangeError(start > today ? `The period starts in the future (${start}); Acronis reports usage up to today (${today}, UTC).` : `The period starts (${start}) after it ends (${last}).`);
  return { period: { start, end: last }, capped };
}

/** What a table remembers of the report it came from. */
export function requestParams(r: AcronisReportRequest): QueryParams {
  return { level: r.level, kind: r.kind, ...(r.kind === 'usage_current' || !r.start || !r.end ? {} : { start: r.start, end: r.end }) };
}

export function listAcronisReports(client: AcronisClient, tenantId: string, signal?: AbortSignal): Promise<AcronisReport[]> {
  return client.reports.list(tenantId, { signal }).toArray();
}

/** Ids of the reports this pane created: only those may be deleted by a later refresh. */
const createdHere = new Set<string>();

export async function createAcronisReport(client: AcronisClient, r: AcronisReportRequest, now: Date, signal?: AbortSignal): Promise<AcronisReport> {
  const { period } = acronisPeriod(r.kind, r.start, r.end, now);
  const report = await client.reports.create({ tenantId: r.tenantId, level: r.level, kind: r.kind, ...(period ? { period } : {}) }, { signal });
  createdHere.add(report.id);
  return report;
}

/** A report this workbook made for a table, with the version it was made with. */
export interface OwnReport {
  id: string;
  version: number;
}

// Kept beside the query in what the table remembers (the query store saves params as given).
const OWN_ID = 'ownReportId';
const OWN_VERSION = 'ownReportVersion';

/** The report the table's rows came from, when this workbook made it. */
export function ownReportOf(params: QueryParams): OwnReport | undefined {
  const id = params[OWN_ID];
  const version = Number(params[OWN_VERSION]);
  return typeof id === 'string' && Number.isInteger(version) ? { id, version } : undefined;
}

function withOwnReport(params: QueryParams, report: OwnReport | undefined): QueryParams {
  const { [OWN_ID]: _id, [OWN_VERSION]: _version, ...query } = params;
  return report ? { ...query, [OWN_ID]: report.id, [OWN_VERSION]: String(report.version) } : query;
}

/** Deletes a report this workbook just made, after a failed or cancelled refresh; never throws. */
async function discardReport(client: AcronisClient, report: OwnReport): Promise<void> {
  // No signal: a cancelled refresh still cleans up after itself.
  await client.reports.delete(report).catch(() => undefined);
}

/** A table's report could not be deleted: the table is refreshed, the old report stays. */
export class AcronisLeftoverReport extends Error {
  constructor(readonly tableName: string, readonly reportId: string, readonly version: number) {
    super(`${tableName} was refreshed, but the report it came from before (${reportId}) was not deleted: it was changed on the server after this workbook made it (version ${version}). Check it in the Acronis report list and delete it there if it is no longer needed.`);
    this.name = 'AcronisLeftoverReport';
  }
}

/**
 * Makes the new report a refresh needs, waits for it and downloads its rows. What the table then
 * remembers names the new report; `undo` deletes it (the write failed), `done` deletes the one
 * it replaces, at its version: a conflict throws AcronisLeftoverReport, a report already gone is fine.
 */
export async function pullAcronisRefresh(client: AcronisClient, q: StoredQuery, opts: RunOptions = {}): Promise<{ rows: AcronisUsageRow[]; params: QueryParams; undo: () => Promise<void>; done: () => Promise<void> }> {
  const text = (k: string): string | undefined => (typeof q.params[k] === 'string' ? q.params[k] : undefined);
  const request = { tenantId: q.realmId, tenantName: q.tenantName ?? q.realmId, level: text('level') as AcronisLevel, kind: text('kind') as AcronisKind, start: text('start'), end: text('end') };
  const report = await createAcronisReport(client, request, new Date(), opts.signal);
  let rows: AcronisUsageRow[];
  try {
    await waitForAcronisReport(client, report, { signal: opts.signal });
    rows = await downloadAcronisRows(client, report, opts);
  } catch (e) {
    await discardReport(client, report);
    throw e;
  }
  const previous = ownReportOf(q.params);
  return {
    rows,
    params: withOwnReport(q.params, report),
    undo: () => discardReport(client, report),
    done: async () => {
      if (!previous) return;
      try {
        await client.reports.delete(previous);
      } catch (e) {
        const kind = e instanceof Error && 'kind' in e ? e.kind : undefined;
        if (kind === 'not_found') return; // deleted meanwhile: what a refresh wants anyway
        if (kind === 'conflict') throw new AcronisLeftoverReport(q.tableName, previous.id, previous.version);
        throw e;
      }
    },
  };
}

/** Waits until the report's csv_v2_0 output is saved; a failed output rejects with report_failed. */
export async function waitForAcronisReport(client: AcronisClient, report: Pick<AcronisReport, 'id'>, opts: AcronisRunOptions = {}): Promise<void> {
  await client.reports.waitUntilSaved(report, 'csv_v2_0', {
    intervalMs: opts.intervalMs ?? 1_000,
    timeoutMs: 30 * 60_000,
    signal: opts.signal,
    onPoll: (s, n) => opts.onProgress?.(`Report ${report.id}: ${s?.status ?? 'waiting'} (check ${n})`),
  });
}

/** Every row of the saved csv_v2_0 output, with GiB values for byte rows. */
export async function downloadAcronisRows(client: AcronisClient, report: Pick<AcronisReport, 'id'>, opts: RunOptions = {}): Promise<AcronisUsageRow[]> {
  const rows: AcronisUsageRow[] = [];
  for await (const row of client.reports.download(report, 'csv_v2_0', { signal: opts.signal })) {
    rows.push(withGib(row));
    if (rows.length % 1_000 === 0) opts.onProgress?.({ phase: 'fetch', pagesDone: 0, pagesTotal: 0, rows: rows.length, total: 0 });
  }
  return rows;
}

export function keysOfRows(rows: readonly AcronisUsageRow[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

/** The caption in words (the table model's). */
export function acronisCaption(q: QueryParams, tenantName: string, rows: number, pulledAt: Date): string {
  return captionInWords({ params: q, tenantName, rows, refreshedAt: pulledAt });
}

/** The request a listed report was made with (for the table it becomes). */
export function requestOf(report: AcronisReport, tenantName: string): AcronisReportRequest {
  const p = report.parameters;
  return { tenantId: p.tenant_id, tenantName, level: p.level, kind: p.kind, ...(p.period ? { start: p.period.start, end: p.period.end } : {}) };
}

/** Waits for the saved output, downloads it and writes a new table that can be refreshed. */
export async function insertAcronisReport(deps: AcronisDeps, report: AcronisReport, tenantName: string, opts: AcronisRunOptions = {}): Promise<TableMeta & { rows: number }> {
  if (report.result_action !== 'save') throw new Error(`Report ${report.id} is e-mailed (result action "${report.result_action}"), not saved: it has nothing to download.`);
  const rows = await sayingRetries(deps.acronis, opts.onProgress, async () => {
    await waitForAcronisReport(deps.acronis, report, opts);
    return downloadAcronisRows(deps.acronis, report, opts);
  });
  const request = requestOf(report, tenantName);
  // A report the pane made is the table's own, for a refresh to replace; a listed one is left alone.
  const params = withOwnReport(requestParams(request), createdHere.has(report.id) ? report : undefined);
  const columns = acronisColumns(keysOfRows(rows));
  const pulledAt = (deps.now ?? (() => new Date()))();
  const meta = await deps.writer.createTable(
    { sheetName: acronisSheetName(params), tablePrefix: 'MB_Acronis', caption: acronisCaption(params, tenantName, rows.length, pulledAt), columns, records: rows },
    { signal: opts.signal, onProgress: (p) => opts.onProgress?.(writeProgress(p)) },
  );
  await deps.store.save({
    version: 1, kind: 'acronis-report', tableName: meta.tableName, baseUrl: deps.baseUrl, realmId: request.tenantId, tenantName, params,
    columns: columns.map((c) => c.key), rowCount: rows.length, pulledAt: pulledAt.toISOString(),
  });
  return { ...meta, rows: rows.length };
}

/** Deletes at the listed version; a stale version says so plainly (the caller reloads the list). */
export async function deleteAcronisReport(client: AcronisClient, report: Pick<AcronisReport, 'id' | 'version'>, signal?: AbortSignal): Promise<void> {
  try {
    await client.reports.delete(report, { signal });
  } catch (e) {
    if (e instanceof Error && 'kind' in e && e.kind === 'conflict') {
      throw new AcronisVersionConflict(report.id, report.version);
    }
    throw e;
  }
}

export class AcronisVersionConflict extends Error {
  constructor(readonly reportId: string, readonly version: number) {
    super(`Not deleted: report ${reportId} was changed on the server after it was listed (the list had version ${version}). The list was reloaded; check the report and delete it again if you still want to.`);
    this.name = 'AcronisVersionConflict';
  }
}
