import { describe, expect, it } from 'vitest';
import { presetRange, rangeProblem } from './dates.js';

const now = new Date('2024-03-15T10:30:00Z');

describe('date presets', () => {
  it('computes UTC ranges with an exclusive end', () => {
    expect(presetRange('thisMonth', now)).toEqual({ startDate: '2024-03-01T00:00:00', endDate: '2024-03-16T00:00:00' });
    expect(presetRange('lastMonth', now)).toEqual({ startDate: '2024-02-01T00:00:00', endDate: '2024-03-01T00:00:00' });
    expect(presetRange('last30', now)).toEqual({ startDate: '2024-02-15T00:00:00', endDate: '2024-03-16T00:00:00' });
    expect(presetRange('custom', now, { from: '2024-01-01', to: '2024-01-31' })).toEqual({ startDate: '2024-01-01T00:00:00', endDate: '2024-02-01T00:00:00' });
  });

  it('last 90 days fits the 95-day cap; more does not, with a clear message', () => {
    expect(rangeProblem(presetRange('last90', now))).toBeUndefined();
    expect(rangeProblem(presetRange('custom', now, { from: '2024-01-01', to: '2024-04-30' }))).toMatch(/covers 121 days.*at most 95/);
    expect(rangeProblem(presetRange('custom', now, { from: '2024-02-01', to: '2024-01-01' }))).toMatch(/end date must come after/);
    expect(() => presetRange('custom', now, { from: '', to: '2024-01-01' })).toThrow(/yyyy-mm-dd/);
  });
});
