import { describe, expect, it } from 'vitest';
import { planHistory, type HeldWindow } from '../history.js';
import { splitRange, UsageValidationError } from '../index.js';

const d = (text: string) => new Date(`${text}Z`);
const day = (w: { startDate: Date; endDate: Date }) => `${w.startDate.toISOString().slice(0, 10)}..${w.endDate.toISOString().slice(0, 19)}`;

/** What a table holds after pulling every window of a range at `pulledAt`. */
function held(start: string, end: string, pulledAt: string): HeldWindow[] {
  return splitRange(start, end).map((w) => ({ ...w, rows: 10, pulledAt: d(pulledAt) }));
}

describe('planHistory', () => {
  it('rolling 12 months: the 12 whole months before the current one plus this month to now', () => {
    const plan = planHistory({ rule: { kind: 'rolling', months: 12 }, windows: [], now: d('2026-12-10T08:30:00') });
    expect(plan.startDate).toEqual(d('2025-12-01T00:00:00'));
    expect(plan.endDate).toEqual(d('2026-12-10T08:30:00'));
    expect(plan.clippedToNow).toBe(false);
    expect(plan.windows).toHaveLength(13);
    expect(plan.pull.map((w) => w.reason)).toEqual(Array(13).fill('new'));
    expect(plan.keep).toEqual([]);
    expect(plan.drop).toEqual([]);
  });

  it('a day later: keeps the closed months, re-pulls only the open one', () => {
    const windows = held('2025-12-01', '2026-12-10T08:30:00', '2026-12-10T08:30:00');
    const plan = planHistory({ rule: { kind: 'rolling', months: 12 }, windows, now: d('2026-12-11T08:30:00') });
    expect(plan.keep).toHaveLength(12);
    expect(plan.keep).toEqual(windows.slice(0, 12));
    // The current month's window grew: its old bounds are dropped, the new ones pulled.
    expect(plan.pull.map((w) => [day(w), w.reason])).toEqual([['2026-12-01..2026-12-11T08:30:00', 'open']]);
    expect(plan.drop.map(day)).toEqual(['2026-12-01..2026-12-10T08:30:00']);
  });

  it('early in a month: last month is open until its settle period has passed, and a month pulled before it settled is pulled again', () => {
    const windows = held('2025-12-01', '2026-12-02T00:00:00', '2026-12-02T00:00:00');
    const onThe4th = planHistory({ rule: { kind: 'rolling', months: 12 }, windows, now: d('2026-12-04T00:00:00') });
    expect(onThe4th.pull.map((w) => [day(w), w.reason])).toEqual([
      ['2026-11-01..2026-12-01T00:00:00', 'open'],
      ['2026-12-01..2026-12-04T00:00:00', 'open'],
    ]);
    expect(onThe4th.keep).toHaveLength(11);
    const onThe8th = planHistory({ rule: { kind: 'rolling', months: 12 }, windows, now: d('2026-12-08T00:00:00') });
    expect(onThe8th.pull.map((w) => [day(w), w.reason])[0]).toEqual(['2026-11-01..2026-12-01T00:00:00', 'unsettled']);
    // With a settle period of 0 days, November closed at its end; it was pulled after that.
    const noSettle = planHistory({ rule: { kind: 'rolling', months: 12 }, windows, now: d('2026-12-08T00:00:00'), settleDays: 0 });
    expect(noSettle.pull.map(day)).toEqual(['2026-12-01..2026-12-08T00:00:00']);
  });

  it('a rolling range that moved into a new month drops the month it left', () => {
    const windows = held('2025-11-01', '2026-11-30T00:00:00', '2026-11-30T00:00:00');
    const plan = planHistory({ rule: { kind: 'rolling', months: 12 }, windows, now: d('2026-12-20T00:00:00') });
    expect(plan.drop.map(day)).toEqual(['2025-11-01..2025-12-01T00:00:00', '2026-11-01..2026-11-30T00:00:00']);
    expect(plan.pull.map((w) => [day(w), w.reason])).toEqual([
      ['2026-11-01..2026-12-01T00:00:00', 'open'],
      ['2026-12-01..2026-12-20T00:00:00', 'new'],
    ]);
    expect(plan.keep.map(day)[0]).toBe('2025-12-01..2026-01-01T00:00:00');
    expect(plan.keep.length + plan.pull.length).toBe(plan.windows.length);
  });

  it('a fixed range past now ends at now and says so; a closed fixed range needs no request', () => {
    const future = planHistory({ rule: { kind: 'fixed', start: '2026-10-01', end: '2027-01-01' }, windows: [], now: d('2026-12-15T12:00:00') });
    expect(future.clippedToNow).toBe(true);
    expect(future.endDate).toEqual(d('2026-12-15T12:00:00'));
    const windows = held('2025-01-01', '2026-01-01', '2026-02-01T00:00:00');
    const closed = planHistory({ rule: { kind: 'fixed', start: '2025-01-01', end: new Date('2026-01-01T00:00:00Z') }, windows, now: d('2026-12-15T12:00:00') });
    expect(closed.clippedToNow).toBe(false);
    expect(closed.pull).toEqual([]);
    expect(closed.keep).toHaveLength(12);
  });

  it('to date: from the start to now, in month windows', () => {
    const plan = planHistory({ rule: { kind: 'toDate', start: '2026-07-01' }, windows: [], now: d('2026-12-15T12:00:00.750') });
    expect(plan.windows.map(day)).toEqual(['2026-07-01..2026-08-01T00:00:00', '2026-08-01..2026-09-01T00:00:00', '2026-09-01..2026-10-01T00:00:00', '2026-10-01..2026-11-01T00:00:00', '2026-11-01..2026-12-01T00:00:00', '2026-12-01..2026-12-15T12:00:00']);
  });

  it('refuses what it cannot plan, in words', () => {
    expect(() => planHistory({ rule: { kind: 'rolling', months: 1.5 }, windows: [], now: new Date() })).toThrow(UsageValidationError);
    expect(() => planHistory({ rule: { kind: 'toDate', start: '2026-13-01' }, windows: [], now: new Date() })).toThrow(/Start date \(startDate\) is not a real date/);
    expect(() => planHistory({ rule: { kind: 'toDate', start: '2030-01-01' }, windows: [], now: d('2026-12-01T00:00:00') })).toThrow(/must be before/);
    expect(() => planHistory({ rule: { kind: 'rolling', months: 3 }, windows: [], now: new Date(), settleDays: -1 })).toThrow(/settle period/);
  });
});
