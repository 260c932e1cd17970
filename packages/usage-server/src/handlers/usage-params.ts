// Turns a validated query string into a usage query. Validation already happened against the
// spec, so this only converts types and applies the spec's defaults.
import type { DetailLevel } from '../data/buckets.js';
import type { GroupDim, UsageFilters, UsageQuery } from '../data/query.js';
import { HOUR_MS, parseApiDate } from '../data/time.js';
import type { QueryValues } from '../router.js';

/** One value of a parameter (the first if repeated). */
export function one(q: QueryValues, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A comma-separated list parameter (form style, explode false), repeated or not. */
export function list(q: QueryValues, name: string): string[] | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function intParam(q: QueryValues, name: string, fallback: number): number {
  const v = one(q, name);
  return v === undefined ? fallback : Number(v);
}

export function usageQueryFrom(q: QueryValues, realms: string[]): UsageQuery {
  const start = parseApiDate(one(q, 'startDate') ?? '');
  const end = parseApiDate(one(q, 'endDate') ?? '');
  if (!start || !end) throw new Error('usageQueryFrom: dates must be validated first');
  const filters: UsageFilters = {};
  for (const name of ['featureId', 'appId', 'projectHrn', 'billingTag', 'category'] as const) {
    const v = one(q, name);
    if (v !== undefined) filters[name] = v;
  }
  const channel = one(q, 'channelId');
  if (channel === 'hot' || channel === 'cold') filters.channelId = channel;
  const chargeType = one(q, 'chargeType');
  if (chargeType === 'billable' || chargeType === 'nonBillable' || chargeType === 'all') filters.chargeType = chargeType;
  const subs = list(q, 'billingSubscriptionId');
  if (subs) filters.billingSubscriptionId = subs;
  return {
    realms,
    // Every hour that overlaps [startDate, endDate) counts.
    startHour: Math.floor(start.getTime() / HOUR_MS),
    endHour: Math.ceil(end.getTime() / HOUR_MS),
    filters,
    groupBy: (list(q, 'groupBy') ?? []) as GroupDim[],
    detailLevel: (one(q, 'detailLevel') ?? 'summarized') as DetailLevel,
  };
}

export function usageFieldsFrom(q: QueryValues): ReadonlySet<string> | undefined {
  const fields = list(q, 'usageFields');
  return fields && fields.length ? new Set(fields) : undefined;
}
