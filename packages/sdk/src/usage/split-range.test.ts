import { describe, expect, it } from 'vitest';
import { maxDaysPerCall, splitRange, UsageValidationError } from '../index.js';
import { spec } from '../generated/usage-v2.constraints.gen.js';

const iso = (windows: { startDate: Date; endDate: Date }[]): string[][] => windows.map((w) => [w.startDate.toISOString(), w.endDate.toISOString()]);

function issuesOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageValidationError);
    return [...(error as UsageValidationError).issues];
  }
  throw new Error('expected a UsageValidationError');
}

describe('splitRange', () => {
  it('cuts at every month start strictly inside the range, contiguous and half-open', () => {
    expect(iso(splitRange('2025-01-15', '2025-03-10T12:00:00'))).toEqual([
      ['2025-01-15T00:00:00.000Z', '2025-02-01T00:00:00.000Z'],
      ['2025-02-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z'],
      ['2025-03-01T00:00:00.000Z', '2025-03-10T12:00:00.000Z'],
    ]);
  });

  it('makes exact month boundaries one window per month, none of length zero', () => {
    expect(iso(splitRange('2024-11-01', '2025-02-01'))).toEqual([
      ['2024-11-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z'],
      ['2024-12-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
      ['2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'],
    ]);
  });

  it('knows leap years and month ends', () => {
    const leap = splitRange('2024-02-28', '2024-03-02');
    expect(iso(leap)).toEqual([
      ['2024-02-28T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
      ['2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z'],
    ]);
    const days = (w: { startDate: Date; endDate: Date }) => (w.endDate.getTime() - w.startDate.getTime()) / 86_400_000;
    expect(splitRange('2024-02-01', '2024-03-01').map(days)).toEqual([29]);
    expect(splitRange('2023-02-01', '2023-03-01').map(days)).toEqual([28]);
    expect(splitRange('2025-01-31', '2025-02-01').map(days)).toEqual([1]);
  });

  it('returns a one-day range, or a one-second one, as a single window', () => {
    expect(iso(splitRange('2025-05-05', '2025-05-06'))).toEqual([['2025-05-05T00:00:00.000Z', '2025-05-06T00:00:00.000Z']]);
    expect(splitRange('2025-05-31T23:59:59', '2025-06-01T00:00:00')).toHaveLength(1);
  });

  it('reads text without a zone as UTC and honours a given zone', () => {
    expect(iso(splitRange('2025-01-31T23:00:00-02:00', new Date('2025-02-02T00:00:00Z')))).toEqual([
      ['2025-02-01T01:00:00.000Z', '2025-02-02T00:00:00.000Z'],
    ]);
    expect(iso(splitRange('2025-01-31T22:00:00+00:00', '2025-02-01T01:00:00'))).toEqual([
      ['2025-01-31T22:00:00.000Z', '2025-02-01T00:00:00.000Z'],
      ['2025-02-01T00:00:00.000Z', '2025-02-01T01:00:00.000Z'],
    ]);
  });

  it('covers years, with no window past the spec limit', () => {
    const windows = splitRange('2023-01-01', '2026-12-01');
    expect(windows).toHaveLength(47);
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.startDate).toEqual(windows[i - 1]!.endDate);
    const longest = Math.max(...windows.map((w) => (w.endDate.getTime() - w.startDate.getTime()) / 86_400_000));
    expect(longest).toBeLessThanOrEqual(spec.rules.dateRange.maxDays);
  });

  it('refuses a start on or after the end, naming the start', () => {
    expect(issuesOf(() => splitRange('2025-02-01', '2025-01-01'))).toEqual([{ field: 'startDate', message: expect.stringMatching(/Start date \(startDate\) must be before/) }]);
    expect(issuesOf(() => splitRange('2025-02-01', '2025-02-01T00:00:00Z'))[0]?.field).toBe('startDate');
  });

  it('refuses an unreadable date, naming each field that is wrong', () => {
    expect(issuesOf(() => splitRange('2025-02-30', '2025-03-01'))).toEqual([{ field: 'startDate', message: expect.stringContaining('not a real date') }]);
    expect(issuesOf(() => splitRange('2025-01-01', new Date('nope'))).map((i) => i.field)).toEqual(['endDate']);
    expect(issuesOf(() => splitRange('soon', 'later')).map((i) => i.field)).toEqual(['startDate', 'endDate']);
  });
});

describe('maxDaysPerCall', () => {
  it('is the spec rule the SDK validates with, not a copy', () => {
    expect(maxDaysPerCall).toBe(spec.rules.dateRange.maxDays);
    expect(maxDaysPerCall).toBe(95);
  });
});
