// When usage is too big for a sheet or too slow for the paged API, the pane says so before any
// row is written, and offers only a way forward that can work: reports take summarized, day or
// month detail, never hour, so an hourly pull is offered day detail instead.

import { formatApiDateTime, splitRange, type UsageClient, type UsageQuery } from '@meterbook/sdk';
import type { QueryParams } from '../workbook/query-store.js';
import { MAX_RANGE_DAYS } from './dates.js';
import { HEADER_ROW } from '../workbook/table-writer.js';
import { MAX_SHEET_ROWS } from '../workbook/prepare.js';

/** Above this many records the paged API is the slow road (100 records per request). */
export const SLOW_ROAD_RECORDS = 20_000;
/** Data rows that fit under the caption and header of one sheet. */
export const SHEET_CAPACITY = MAX_SHEET_ROWS - HEADER_ROW - 1;

/** The way forward offered: a report (same query, faster), or the same pull at day detail. */
export type SizeOffer = 'report' | 'dayDetail';

export interface SizeVerdict {
  total: number;
  tooBigForSheet: boolean;
  slowRoad: boolean;
  /** Absent when nothing the pane can do would help (narrowing is up to the user). */
  offer?: SizeOffer;
  message?: string;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Detail levels a report accepts. */
export const reportTakes = (detailLevel: string | undefined): boolean => detailLevel !== 'hour';

/**
 * `reportFits`: false when the range is longer than one report takes (the 95-day rule applies to
 * reports as one call): then no report is offered, only narrowing or inserting anyway.
 */
export function judgeSize(total: number, detailLevel?: string, { reportFits = true }: { reportFits?: boolean } = {}): SizeVerdict {
  const hourly = detailLevel === 'hour';
  if (total > SHEET_CAPACITY) {
    const narrow = hourly ? 'choose Detail level "Day", narrow the date range or add filters' : 'narrow the date range or add filters';
    return {
      total, tooBigForSheet: true, slowRoad: true, ...(hourly ? { offer: 'dayDetail' as const } : {}),
      message: `Nothing was written: ${fmt(total)} records do not fit on one sheet (at most ${fmt(SHEET_CAPACITY)} rows). To get fewer rows, ${narrow}.`,
    };
  }
  if (total > SLOW_ROAD_RECORDS) {
    const requests = `about ${fmt(Math.ceil(total / 100))} requests`;
    return hourly
      ? { total, tooBigForSheet: false, slowRoad: true, offer: 'dayDetail', message: `${fmt(total)} hourly records: the paged API is slow above ${fmt(SLOW_ROAD_RECORDS)} (${requests}). Day detail has up to 24 times fewer rows: choose "Day detail instead", or insert anyway.` }
      : reportFits
        ? { total, tooBigForSheet: false, slowRoad: true, offer: 'report', message: `${fmt(total)} records: the paged API is slow above ${fmt(SLOW_ROAD_RECORDS)} (${requests}). A report is faster.` }
        : { total, tooBigForSheet: false, slowRoad: true, message: `${fmt(total)} records: the paged API is slow above ${fmt(SLOW_ROAD_RECORDS)} (${requests}). A report takes at most ${MAX_RANGE_DAYS} days, so for this range: insert anyway, or narrow the range or add filters.` };
  }
  return { total, tooBigForSheet: false, slowRoad: false };
}

/** The same query at day detail: what "Day detail instead" pulls. */
export const withDayDetail = (p: QueryParams): QueryParams => ({ ...p, detailLevel: 'day' });

/** Probes in flight at once: as many as a pull's own requests. */
const PROBES_IN_FLIGHT = 4;

/**
 * Reads each month window's `total` from a one-record first page (the API answers at most 95 days
 * per call). Hour, day and month rows add up across windows; summarized windows are merged into
 * one record per combination, so the largest window is what surely has to fit.
 */
export async function probeUsage(client: UsageClient, query: UsageQuery, signal?: AbortSignal): Promise<SizeVerdict> {
  const windows = splitRange(query.startDate, query.endDate);
  const totals: number[] = [];
  for (let i = 0; i < windows.length; i += PROBES_IN_FLIGHT) {
    const batch = windows.slice(i, i + PROBES_IN_FLIGHT).map((w) =>
      client.usage.list({ ...query, startDate: formatApiDateTime(w.startDate), endDate: formatApiDateTime(w.endDate), limit: 1, offset: 0 }, { signal }));
    totals.push(...(await Promise.all(batch)).map((p) => p.total));
  }
  const summarized = query.detailLevel === undefined || query.detailLevel === 'summarized';
  const days = ((windows.at(-1)?.endDate.getTime() ?? 0) - (windows[0]?.startDate.getTime() ?? 0)) / 86_400_000;
  return judgeSize(summarized ? Math.max(0, ...totals) : totals.reduce((a, b) => a + b, 0), query.detailLevel, { reportFits: days <= MAX_RANGE_DAYS });
}

/** Thrown before writing rows that cannot fit on one sheet (a report or a refresh that grew). */
export class TooBigForSheetError extends RangeError {
  constructor(readonly rows: number) {
    super(judgeSize(rows).message);
    this.name = 'TooBigForSheetError';
  }
}

export function assertFitsSheet(rows: number): void {
  if (rows > SHEET_CAPACITY) throw new TooBigForSheetError(rows);
}
