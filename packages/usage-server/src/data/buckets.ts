// Maps each hour of a query's range to its time bucket (one per hour, day, month, or one in all).
import { formatApiDate, hourToDate } from './time.js';

export type DetailLevel = 'summarized' | 'hour' | 'day' | 'month';

export interface Buckets {
  startHour: number;
  /** Bucket index of hour `startHour + i`. */
  indexOfHour: Int32Array;
  /** `usageDateTime` of each bucket; undefined when summarized. */
  labels: (string | undefined)[];
}

export function makeBuckets(startHour: number, endHour: number, level: DetailLevel): Buckets {
  const length = Math.max(0, endHour - startHour);
  const indexOfHour = new Int32Array(length);
  const labels: (string | undefined)[] = [];
  if (level === 'summarized') return { startHour, indexOfHour, labels: [undefined] };
  let lastKey = Number.NaN;
  for (let i = 0; i < length; i++) {
    const date = hourToDate(startHour + i);
    const start = bucketStart(date, level);
    const key = start.getTime();
    if (key !== lastKey) {
      labels.push(formatApiDate(start));
      lastKey = key;
    }
    indexOfHour[i] = labels.length - 1;
  }
  return { startHour, indexOfHour, labels };
}

function bucketStart(date: Date, level: Exclude<DetailLevel, 'summarized'>): Date {
  if (level === 'hour') return date;
  if (level === 'day') return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}
