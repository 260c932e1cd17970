// The Acronis reports API's public types, straight from the generated ones.
import type { components } from '../generated/acronis-account-v2.gen.js';

type Schemas = components['schemas'];

export type AcronisReport = Schemas['Report'];
export type AcronisReportRequest = Schemas['ReportRequest'];
export type AcronisReportParameters = Schemas['ReportParameters'];
export type AcronisFormat = Schemas['Format'];
export type AcronisStoredReport = Schemas['StoredReport'];
export type AcronisTenant = Schemas['Tenant'];
export type AcronisLevel = Schemas['Level'];
export type AcronisKind = Schemas['Kind'];

/** What `reports.create` needs; everything else gets defaults that suit automation. */
export interface AcronisReportCreateParams {
  tenantId: string;
  level: AcronisLevel;
  kind: AcronisKind;
  /** Days reported on (`yyyy-mm-dd`, both included); not for `usage_current`. */
  period?: { start: string; end: string };
  /** Default `['csv_v2_0']`. */
  formats?: AcronisFormat[];
  /** Default `save` (keep downloadable outputs); `send` e-mails them to the recipients. */
  resultAction?: Schemas['ResultAction'];
  recipients?: string[];
  /** Default `{ type: 'once' }`. */
  schedule?: Schemas['Schedule'];
  hideZeroUsage?: boolean;
  showSkus?: boolean;
}

/** A row of a `csv_v2_0` output: `usage.*` columns as numbers, empty cells absent. */
export interface AcronisUsageRow {
  [column: string]: string | number | undefined;
}
