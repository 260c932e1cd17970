// HERE usage records and Acronis report rows as charges: one priced item, the period the row
// covers (start inclusive, end exclusive), and its quantities in the item's unit. Shared by the
// missing-rate count and the FOCUS-aligned view, so both read a row the same way.
import type { UsageRecord } from '@meterbook/sdk';
import type { AcronisUsageRow } from '@meterbook/sdk/acronis';
import { ACRONIS_PRICED_UNIT, acronisItem, acronisMeasure, acronisPricedValue, hereItem, type PriceItem, type Provider } from './price-items.js';

/** The HERE query the records answer: its realm, range (end exclusive, as the API takes it) and detail level. */
export interface HereQueryInfo {
  realmId: string;
  startDate: Date;
  endDate: Date;
  detailLevel?: 'summarized' | 'hour' | 'day' | 'month';
  /** The organization's name, when known (else the realm id is its name). */
  realmName?: string;
}

/** The Acronis report the rows come from: its tenant and period (days, both included, as Acronis states them). */
export interface AcronisReportInfo {
  tenantId: string;
  tenantName?: string;
  period: { start: string; end: string };
}

/** Usage of one source with what it was pulled for. */
export type UsageSource =
  | { provider: 'HERE'; records: readonly UsageRecord[]; query: HereQueryInfo }
  | { provider: 'Acronis'; rows: readonly AcronisUsageRow[]; report: AcronisReportInfo };

/** One source row as a charge. */
export interface Charge {
  provider: Provider;
  /** Undefined when the row has no key (no feature HRN in the pull, no offering item). */
  item: PriceItem | undefined;
  /** Inclusive start of the period the row covers; also the day its rate is looked up for. */
  start: Date;
  /** Exclusive end. */
  end: Date;
  /** What the cost is computed on, in the item's unit: HERE billable value; Acronis effective production (GiB for storage). */
  pricingBase: number | undefined;
  /** What was used, in `consumedUnit`: HERE usage value; Acronis absolute production. */
  consumedQuantity: number | undefined;
  consumedUnit: string;
  here?: UsageRecord;
  acronis?: AcronisUsageRow;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const nextMonth = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));

/** The period a HERE record covers: its hour, day or month from `usageDateTime`, or the query range when summarized. */
export function herePeriod(record: UsageRecord, query: HereQueryInfo): { start: Date; end: Date } {
  const at = record.usageDateTime;
  const level = query.detailLevel ?? 'summarized';
  if (at === undefined || level === 'summarized') return { start: query.startDate, end: query.endDate };
  if (level === 'hour') return { start: at, end: new Date(at.getTime() + HOUR_MS) };
  if (level === 'day') return { start: at, end: new Date(at.getTime() + DAY_MS) };
  return { start: at, end: nextMonth(at) };
}

const dayStart = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** The period an Acronis row covers: its `date` (usage_daily), else the report period; Acronis's inclusive end day becomes an exclusive end. */
export function acronisPeriod(row: AcronisUsageRow, report: AcronisReportInfo): { start: Date; end: Date } {
  const day = typeof row.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.date) ? row.date : undefined;
  const start = dayStart(day ?? report.period.start);
  const endDay = dayStart(day ?? report.period.end);
  return { start, end: new Date(endDay.getTime() + DAY_MS) };
}

/** Every row of a source as a charge, in source order. */
export function chargesOf(source: UsageSource): Charge[] {
  if (source.provider === 'HERE') {
    return source.records.map((record) => ({
      provider: 'HERE',
      item: hereItem(record),
      ...herePeriod(record, source.query),
      pricingBase: record.billableValue,
      consumedQuantity: record.usageValue,
      consumedUnit: record.valueDriver ?? '',
      here: record,
    }));
  }
  return source.rows.map((row) => ({
    provider: 'Acronis',
    item: acronisItem(row),
    ...acronisPeriod(row, source.report),
    pricingBase: acronisPricedValue(row, 'usage.effective.production') ?? acronisPricedValue(row, 'usage.absolute.production'),
    consumedQuantity: acronisPricedValue(row, 'usage.absolute.production'),
    consumedUnit: ACRONIS_PRICED_UNIT[acronisMeasure(row)],
    acronis: row,
  }));
}
