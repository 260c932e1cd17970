// The Usage API's public types: the generated ones, with response dates as real Dates.
import type { components, operations } from '../generated/usage-v2.gen.js';

type Schemas = components['schemas'];
type UsageQueryParams = NonNullable<operations['getUsage']['parameters']['query']>;
type ReportQueryParams = NonNullable<operations['createUsageReport']['parameters']['query']>;

/** A date the API takes: a Date, or `2024-01-31`, `2024-01-31T00:00:00` or ISO 8601 (UTC). */
export type DateInput = Date | string;

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as X-Request-ID; a fresh id when absent. */
  requestId?: string;
}

/** Filters shared by usage queries and reports. `groupBy` also takes a list. */
export type UsageFilters = Omit<UsageQueryParams, 'startDate' | 'endDate' | 'limit' | 'offset' | 'groupBy' | 'detailLevel'> & {
  realmId: string;
  startDate: DateInput;
  endDate: DateInput;
  groupBy?: string | string[];
};

/** A usage query: realm, range, filters. */
export type UsageQuery = UsageFilters & { detailLevel?: UsageQueryParams['detailLevel'] };

/** A usage query for one page; `offset` is the page number. */
export type UsagePageQuery = UsageQuery & { limit?: number; offset?: number };

/** What a report is created with: the usage filters (no `hour` detail) and the subaccounts. */
export type ReportCreateParams = UsageFilters & {
  detailLevel?: ReportQueryParams['detailLevel'];
  subAccounts?: string[];
};

export type UsageRecordWire = Schemas['UsageRecord'];
/** A usage record; `usageDateTime` is a UTC Date (absent when summarized). */
export type UsageRecord = Omit<UsageRecordWire, 'usageDateTime'> & { usageDateTime?: Date };

export type ReportStatus = Schemas['ReportStatus'];
export type ReportParameters = Omit<Schemas['ReportParameters'], 'startDate' | 'endDate'> & { startDate?: Date; endDate?: Date };
/** A report's status; `resultHref` once completed. Dates are UTC Dates. */
export type Report = Omit<Schemas['Report'], 'created' | 'parameters'> & { realmId: string; created?: Date; parameters?: ReportParameters; correlationId?: string };

/** A report just created: what `waitUntilDone` needs. */
export interface ReportRef {
  realmId: string;
  id: string;
  status: ReportStatus;
  /** The status URL from the `Location` header. */
  statusUrl?: string;
  correlationId?: string;
}

/** One page of a paged answer, with the id support asks for. */
export interface Page<T> {
  total: number;
  limit: number;
  count?: number;
  nextOffset?: number;
  lastOffset?: number;
  items: T[];
  correlationId?: string;
}

/** How far a walk over pages has come. */
export interface PageProgress {
  pagesDone: number;
  pagesTotal: number;
  records: number;
  total: number;
}

export interface WalkOptions {
  /** Pages fetched at once after the first (default 4). */
  concurrency?: number;
  /** Records per page, 1 to 100 (default 100). */
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PageProgress) => void;
}

/** One window of a range: `[startDate, endDate)`, UTC. */
export interface DateWindow {
  startDate: Date;
  endDate: Date;
}

/** How far a range pull has come. */
export interface RangeProgress {
  windowsDone: number;
  windowsTotal: number;
  /** Records received so far (summarized windows before they are merged). */
  records: number;
  /** Records announced by the windows whose first page has arrived... */
  total: number;
  /** ...which are this many: when it equals `windowsTotal`, `total` is exact. */
  windowsCounted: number;
}

export interface RangeOptions {
  /** Requests in flight across all windows together (default 4, at most 16). */
  concurrency?: number;
  /** Records per page, 1 to 100 (default 100). */
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RangeProgress) => void;
}

/** A row of a usage CSV, keyed by the field name in each header's parentheses. */
export interface UsageCsvRow {
  usageDateTime?: Date;
  usageValue?: number;
  billableValue?: number;
  [field: string]: string | number | Date | undefined;
}
