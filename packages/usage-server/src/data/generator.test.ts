// A past hour's records do not depend on the clock: the same range computed with two different
// `now` values (both after the range) is identical, record for record, in every organization.
import { describe, expect, it } from 'vitest';
import { REALMS } from './catalog.js';
import { Dataset, dataStart, DATA_EPOCH } from './generator.js';
import { recordChunks, type UsageQuery, type UsageRecord } from './query.js';
import { hourOf, HOUR_MS } from './time.js';

const DAY_MS = 24 * HOUR_MS;

function records(now: Date, realm: string, start: Date, end: Date, detailLevel: UsageQuery['detailLevel'] = 'hour'): UsageRecord[] {
  const dataset = new Dataset({ seed: 1, scale: 1, now });
  const q: UsageQuery = {
    realms: [realm], startHour: hourOf(start), endHour: hourOf(end), filters: {},
    groupBy: ['project', 'billingTag', 'appId', 'resource'], detailLevel,
  };
  return [...recordChunks(dataset, q)].flat();
}

const after = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe('the data set over time', () => {
  it('gives the same records for a closed range whatever now is (an hour later, a year and a half later)', () => {
    const start = new Date('2025-04-01T00:00:00Z');
    const end = new Date('2025-04-08T00:00:00Z');
    for (const { id } of REALMS) {
      const first = records(end, id, start, end);
      expect(first.length, id).toBeGreaterThan(0);
      expect(records(after(end, HOUR_MS), id, start, end), id).toEqual(first);
      expect(records(after(end, 550 * DAY_MS), id, start, end), id).toEqual(first);
    }
  });

  it('starts each organization on a fixed day: the days around it are the same for every now', () => {
    for (const { id } of REALMS) {
      const begins = dataStart(id)!;
      const [start, end] = [after(begins, -3 * DAY_MS), after(begins, 3 * DAY_MS)];
      const early = records(end, id, start, end, 'day');
      expect(early.length, id).toBeGreaterThan(0);
      expect(early.every((r) => r.usageDateTime! >= begins.toISOString().slice(0, 19)), id).toBe(true);
      expect(records(after(DATA_EPOCH, 400 * DAY_MS), id, start, end, 'day'), id).toEqual(early);
    }
  });

  it('ends at now: hours before now are final, and none at or after it exist', () => {
    const start = new Date('2025-05-30T00:00:00Z');
    const end = new Date('2025-06-02T00:00:00Z');
    const cut = new Date('2025-05-31T13:00:00Z');
    const partial = records(cut, 'org123456789', start, end);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((r) => r.usageDateTime! < cut.toISOString().slice(0, 19))).toBe(true);
    expect(records(end, 'org123456789', start, cut)).toEqual(partial);
  });
});
