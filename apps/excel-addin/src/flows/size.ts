// When usage is too big for a sheet or too slow for the paged API, the pane offers a report.

import type { UsageClient, UsageQuery } from '@meterbook/sdk';
import { HEADER_ROW } from '../workbook/table-writer.js';
import { MAX_SHEET_ROWS } from '../workbook/prepare.js';

/** Above this many records the paged API is the slow road (100 records per request). */
export const SLOW_ROAD_RECORDS = 20_000;
/** Data rows that fit under the caption and header of one sheet. */
export const SHEET_CAPACITY = MAX_SHEET_ROWS - HEADER_ROW - 1;

export interface SizeVerdict {
  total: number;
  tooBigForSheet: boolean;
  slowRoad: boolean;
  message?: string;
}

export function judgeSize(total: number): SizeVerdict {
  const n = total.toLocaleString('en-US');
  if (total > SHEET_CAPACITY) {
    return { total, tooBigForSheet: true, slowRoad: true, message: `${n} records do not fit on one sheet (at most ${SHEET_CAPACITY.toLocaleString('en-US')} rows). Create a report with a narrower range or filters instead.` };
  }
  if (total > SLOW_ROAD_RECORDS) {
    return { total, tooBigForSheet: false, slowRoad: true, message: `${n} records: the paged API is slow above ${SLOW_ROAD_RECORDS.toLocaleString('en-US')} (about ${Math.ceil(total / 100).toLocaleString('en-US')} requests). A report is faster.` };
  }
  return { total, tooBigForSheet: false, slowRoad: false };
}

/** Reads `total` from a one-record first page. */
export async function probeUsage(client: UsageClient, query: UsageQuery, signal?: AbortSignal): Promise<SizeVerdict> {
  const page = await client.usage.list({ ...query, limit: 1, offset: 0 }, { signal });
  return judgeSize(page.total);
}
