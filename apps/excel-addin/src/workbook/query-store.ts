// What each of our tables remembers, saved in the workbook's settings (per workbook, saved in the
// file) under a key named for the table, so Refresh works after the file is closed and reopened.
// The file is plainly readable: no token, key or secret is ever stored here (enforced below).

import type { WorkbookSettings } from './table-writer.js';

export type QueryParams = Record<string, string | string[]>;

/** A history's range rule, dates as `yyyy-MM-ddTHH:mm:ss` (UTC): the SDK's RangeRule, as saved. */
export type StoredRangeRule = { kind: 'fixed'; start: string; end: string } | { kind: 'rolling'; months: number } | { kind: 'toDate'; start: string };

/** One month window a history table holds: `[start, end)` and its rows, in table order. */
export interface StoredWindow {
  start: string;
  end: string;
  rows: number;
  /** ISO time the window was pulled. */
  pulledAt: string;
}

/** What the last history refresh did (or why it failed), for the Tables tab and the caption. */
export interface HistoryStatus {
  /** ISO time of the run. */
  at: string;
  kept: number;
  pulled: number;
  dropped: number;
  rowsAdded: number;
  rowsRemoved: number;
  /** Set when the last run failed: the table kept its previous rows. */
  error?: string;
}

/** A table kept as a history: refresh re-pulls only the windows that are open or new. */
export interface StoredHistory {
  rule: StoredRangeRule;
  windows: StoredWindow[];
  /** The settle period the last refresh used (the workbook setting at that time). */
  settleDays: number;
  status?: HistoryStatus;
}

export interface StoredQuery {
  version: 1;
  /** `acronis-report`: an Acronis report (source Acronis; `realmId` then holds the tenant id). */
  kind: 'usage' | 'report' | 'acronis-report';
  tableName: string;
  /** API base URL the rows came from (not a secret). */
  baseUrl: string;
  realmId: string;
  /** The query as sent (dates as `yyyy-MM-ddTHH:mm:ss`, UTC). */
  params: QueryParams;
  /** Acronis: the tenant's name, for captions. */
  tenantName?: string;
  /** Subaccounts of a report. */
  subAccounts?: string[];
  /** Column keys of the table, in order: refresh writes the same columns. */
  columns: string[];
  rowCount: number;
  /** Set once the table has our Cost column (flows/cost.ts): Refresh rewrites it for every row. */
  cost?: { header: string };
  /** ISO time of the last pull. */
  pulledAt: string;
  /** Set when the table is kept as a history (usage at hour, day or month detail). */
  history?: StoredHistory;
}

const PREFIX = 'meterbook.table.';
const SECRETISH = /token|secret|password|authorization|accesskey|credential/i;

/** Throws when something that looks like a secret is about to be written into the workbook. */
export function assertNoSecrets(value: unknown, path = 'query'): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (SECRETISH.test(k)) throw new Error(`Refusing to save ${path}.${k} in the workbook: it looks like a secret.`);
    assertNoSecrets(v, `${path}.${k}`);
  }
}

function isStoredQuery(v: unknown): v is StoredQuery {
  if (v === null || typeof v !== 'object') return false;
  const q = v as Partial<StoredQuery>;
  return q.version === 1 && (q.kind === 'usage' || q.kind === 'report' || q.kind === 'acronis-report') && typeof q.tableName === 'string'
    && typeof q.realmId === 'string' && typeof q.params === 'object' && Array.isArray(q.columns)
    && (q.history === undefined || isHistory(q.history));
}

function isHistory(h: unknown): h is StoredHistory {
  if (h === null || typeof h !== 'object') return false;
  const x = h as Partial<StoredHistory>;
  const r = x.rule as Partial<Record<'kind' | 'start' | 'end' | 'months', unknown>> | undefined;
  const ruleOk = r !== undefined && ((r.kind === 'fixed' && typeof r.start === 'string' && typeof r.end === 'string')
    || (r.kind === 'rolling' && typeof r.months === 'number') || (r.kind === 'toDate' && typeof r.start === 'string'));
  return ruleOk && typeof x.settleDays === 'number' && Array.isArray(x.windows)
    && x.windows.every((w) => typeof w?.start === 'string' && typeof w.end === 'string' && typeof w.rows === 'number' && typeof w.pulledAt === 'string');
}

export class QueryStore {
  constructor(private readonly settings: WorkbookSettings) {}

  async save(q: StoredQuery): Promise<void> {
    assertNoSecrets(q);
    await this.settings.set(PREFIX + q.tableName, JSON.stringify(q));
  }

  async get(tableName: string): Promise<StoredQuery | undefined> {
    const raw = await this.settings.get(PREFIX + tableName);
    if (raw === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      return isStoredQuery(parsed) ? parsed : undefined;
    } catch {
      return undefined; // a damaged entry is treated as "not ours" rather than crashing the pane
    }
  }

  async remove(tableName: string): Promise<void> {
    await this.settings.remove(PREFIX + tableName);
  }

  async list(): Promise<StoredQuery[]> {
    const keys = (await this.settings.keys()).filter((k) => k.startsWith(PREFIX));
    const all = await Promise.all(keys.map((k) => this.get(k.slice(PREFIX.length))));
    return all.filter((q): q is StoredQuery => q !== undefined).sort((a, b) => a.tableName.localeCompare(b.tableName));
  }
}
