// The usage form's values, turned into the SDK query and the parameters a table remembers (the
// caption above the table is the table model's `hereCaption`).

import type { UsageQuery } from '@meterbook/sdk';
import type { QueryParams } from '../workbook/query-store.js';
import type { DateRange } from './dates.js';

export interface UsageFilterForm {
  featureId?: string;
  appId?: string;
  projectHrn?: string;
  billingTag?: string;
  category?: string;
  channelId?: string;
  /** Comma- or space-separated subscription ids. */
  billingSubscriptionId?: string;
  detailLevel?: string;
  /** Comma-separated: project, billingTag, appId, resource. */
  groupBy?: string;
  /** Field names; all when empty. */
  usageFields?: string[];
}

const TEXT_FILTERS = ['featureId', 'appId', 'projectHrn', 'billingTag', 'category', 'channelId', 'detailLevel', 'groupBy'] as const;

export const splitList = (s: string | undefined): string[] => (s ?? '').split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

/** The parameters as the table remembers them (plain strings and lists; no secrets). */
export function toParams(range: DateRange, form: UsageFilterForm): QueryParams {
  const p: QueryParams = { startDate: range.startDate, endDate: range.endDate };
  for (const k of TEXT_FILTERS) {
    const v = form[k]?.trim();
    if (v) p[k] = v;
  }
  const subs = splitList(form.billingSubscriptionId);
  if (subs.length) p.billingSubscriptionId = subs;
  if (form.usageFields?.length) p.usageFields = [...form.usageFields];
  return p;
}

const str = (v: string | string[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: string | string[] | undefined): string[] | undefined => (Array.isArray(v) ? v : undefined);

/** The SDK query for remembered parameters. */
export function toUsageQuery(realmId: string, p: QueryParams): UsageQuery {
  const q: Record<string, unknown> = { realmId, startDate: str(p.startDate) ?? '', endDate: str(p.endDate) ?? '' };
  for (const k of TEXT_FILTERS) if (str(p[k])) q[k] = str(p[k]);
  if (list(p.billingSubscriptionId)) q.billingSubscriptionId = list(p.billingSubscriptionId);
  if (list(p.usageFields)) q.usageFields = list(p.usageFields);
  return q as UsageQuery; // fields are checked by the SDK's validation before any request
}
