// Answers a usage query on the fly: filter series, group them, sum hours into buckets, sort.
// Work is done one (subscription, charge item) group at a time, so memory stays bounded by the
// largest group even when a report streams a million records.
import { makeBuckets, type Buckets, type DetailLevel } from './buckets.js';
import { cmp, type Dataset, type ItemGroup, type Series } from './generator.js';

export type GroupDim = 'project' | 'billingTag' | 'appId' | 'resource';

export interface UsageFilters {
  featureId?: string;
  appId?: string;
  channelId?: 'hot' | 'cold';
  chargeType?: 'all' | 'billable' | 'nonBillable';
  projectHrn?: string;
  billingTag?: string;
  category?: string;
  billingSubscriptionId?: string[];
}

export interface UsageQuery {
  /** Organizations to read, in output order (one for usage; the subaccounts for a partner report). */
  realms: string[];
  /** Hours overlapping [startDate, endDate): from floor(start) to ceil(end), exclusive. */
  startHour: number;
  endHour: number;
  filters: UsageFilters;
  groupBy: GroupDim[];
  detailLevel: DetailLevel;
}

/** One record; values are integers of ten-thousandths (see VALUE_UNITS). */
export interface UsageRecord {
  realmId: string;
  billingSubscriptionId: string;
  billingChargeNumber: string;
  featureId: string;
  category: string;
  name: string;
  valueDriver: string;
  usageTypeCode: string;
  usageValue: number;
  billableValue: number;
  projectHrn?: string;
  appId?: string;
  billingTag?: string;
  resource?: string;
  usageDateTime?: string;
}

/** A stable key of everything that changes the records (paging excluded). */
export function queryKey(q: UsageQuery): string {
  return JSON.stringify([q.realms, q.startHour, q.endHour, q.filters, [...q.groupBy].sort(), q.detailLevel]);
}

/** The groups a query reads, in output order. */
export function matchingGroups(dataset: Dataset, q: UsageQuery): ItemGroup[] {
  const f = q.filters;
  const out: ItemGroup[] = [];
  for (const realmId of q.realms) {
    for (const g of dataset.groups(realmId) ?? []) {
      if (f.featureId !== undefined && g.featureId !== f.featureId) continue;
      if (f.category !== undefined && g.item.category !== f.category) continue;
      if (f.chargeType && f.chargeType !== 'all' && g.chargeType !== f.chargeType) continue;
      if (f.billingSubscriptionId && !f.billingSubscriptionId.includes(g.billingSubscriptionId)) continue;
      if (g.endHour <= q.startHour || g.startHour >= q.endHour) continue;
      out.push(g);
    }
  }
  return out;
}

function seriesMatches(s: Series, f: UsageFilters): boolean {
  return (f.appId === undefined || s.appId === f.appId)
    && (f.projectHrn === undefined || s.projectHrn === f.projectHrn)
    && (f.billingTag === undefined || s.billingTag === f.billingTag)
    && (f.channelId === undefined || s.channel === f.channelId);
}

const DIM_OF: Record<GroupDim, (s: Series) => string> = {
  project: (s) => s.projectHrn,
  billingTag: (s) => s.billingTag,
  appId: (s) => s.appId,
  resource: (s) => s.resource,
};
// Fixed order of grouped properties within a group, so output order never depends on groupBy's order.
const DIM_ORDER: GroupDim[] = ['project', 'billingTag', 'appId', 'resource'];

/** The records of one group, sorted by grouped properties then time. */
export function groupRecords(dataset: Dataset, q: UsageQuery, group: ItemGroup, buckets: Buckets): UsageRecord[] {
  const dims = DIM_ORDER.filter((d) => q.groupBy.includes(d));
  const sums = new Map<string, { series: Series; usage: Float64Array }>();
  const from = Math.max(q.startHour, group.startHour);
  const to = Math.min(q.endHour, group.endHour);
  const bucketCount = buckets.labels.length;
  for (const s of group.series) {
    if (!seriesMatches(s, q.filters)) continue;
    // '\u0000' sorts below every character, so the joined key orders like the tuple of properties.
    const key = dims.map((d) => DIM_OF[d](s)).join('\u0000');
    let acc = sums.get(key);
    if (!acc) {
      acc = { series: s, usage: new Float64Array(bucketCount) };
      sums.set(key, acc);
    }
    for (let h = from; h < to; h++) {
      const v = dataset.hourValue(group, s, h);
      if (v !== 0) acc.usage[buckets.indexOfHour[h - buckets.startHour] ?? 0]! += v;
    }
  }
  const keys = [...sums.keys()].sort(cmp);
  const out: UsageRecord[] = [];
  const billable = group.chargeType === 'billable';
  for (const key of keys) {
    const acc = sums.get(key)!;
    for (let b = 0; b < bucketCount; b++) {
      const usage = acc.usage[b] ?? 0;
      if (usage === 0) continue;
      const rec: UsageRecord = {
        realmId: group.realmId,
        billingSubscriptionId: group.billingSubscriptionId,
        billingChargeNumber: group.billingChargeNumber,
        featureId: group.featureId,
        category: group.item.category,
        name: group.item.name,
        valueDriver: group.item.valueDriver,
        usageTypeCode: group.item.usageTypeCode,
        usageValue: usage,
        billableValue: billable ? usage : 0,
      };
      if (dims.includes('project')) rec.projectHrn = acc.series.projectHrn;
      if (dims.includes('billingTag')) rec.billingTag = acc.series.billingTag;
      if (dims.includes('appId')) rec.appId = acc.series.appId;
      if (dims.includes('resource')) rec.resource = acc.series.resource;
      const label = buckets.labels[b];
      if (label !== undefined) rec.usageDateTime = label;
      out.push(rec);
    }
  }
  return out;
}

/** Every record of a query, one group's worth at a time. */
export function* recordChunks(dataset: Dataset, q: UsageQuery): Generator<UsageRecord[]> {
  const buckets = makeBuckets(q.startHour, q.endHour, q.detailLevel);
  for (const group of matchingGroups(dataset, q)) {
    const records = groupRecords(dataset, q, group, buckets);
    if (records.length > 0) yield records;
  }
}
