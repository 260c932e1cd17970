// When usage is too big for a sheet or too slow for the paged API, the pane says so before any
// row is written, and offers only a way forward that can work: reports take summarized, day or
// month detail, never hour, so an hourly pull is offered day detail instead.

import type { UsageClient, UsageQuery } from '@meterbook/sdk';
import type { QueryParams } from '../workbook/query-store.js';
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

export function judgeSize(total: number, detailLevel?: string): SizeVerdict {
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
      : { total, tooBigForSheet: false, slowRoad: true, offer: 'report', message: `${fmt(total)} records: the paged API is slow above ${fmt(SLOW_ROAD_RECORDS)} (${requests}). A report is faster.` };
  }
  return { total, tooBigForSheet: false, slowRoad: false };
}

/** The same query at day detail: what "Day detail instead" pulls. */
export const withDayDetail = (p: QueryParams): QueryParams => ({ ...p, detailLevel: 'day' });

/** Reads `total` from a one-record first page. */
export async function probeUsage(client: UsageClient, query: UsageQuery, signal?: AbortSignal): Promise<SizeVerdict> {
  const page = await client.usage.list({ ...query, limit: 1, offset: 0 }, { signal });
  return judgeSize(page.total, query.detailLevel);
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
