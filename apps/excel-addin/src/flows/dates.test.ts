import { describe, expect, it } from 'vitest';
import { checkCustomRange, MAX_CUSTOM_MONTHS, presetRange, resolvePreset, type PresetId } from './dates.js';

const now = new Date('2024-03-15T10:30:00Z');

describe('date presets', () => {
  it('computes UTC ranges with an exclusive end', () => {
    expect(presetRange('thisMonth', now)).toEqual({ startDate: '2024-03-01T00:00:00', endDate: '2024-03-16T00:00:00' });
    expect(presetRange('lastMonth', now)).toEqual({ startDate: '2024-02-01T00:00:00', endDate: '2024-03-01T00:00:00' });
    expect(presetRange('last30', now)).toEqual({ startDate: '2024-02-15T00:00:00', endDate: '2024-03-16T00:00:00' });
    expect(presetRange('custom', now, { from: '2024-01-01', to: '2024-01-31' })).toEqual({ startDate: '2024-01-01T00:00:00', endDate: '2024-02-01T00:00:00' });
  });

  it('refuses a custom range it cannot read', () => {
    expect(() => presetRange('custom', now, { from: '', to: '2024-01-01' })).toThrow(/yyyy-mm-dd/);
  });

});

const at = (text: string) => new Date(`${text}Z`);
const iso = (d: Date) => d.toISOString().slice(0, 19);

describe('resolvePreset', () => {
  const now = at('2026-12-01T10:00:00');
  const cases: [PresetId, string, string, string, boolean][] = [
    ['thisMonth', '2026-12-01T00:00:00', '2026-12-01T10:00:00', '1 Dec 2026', true],
    ['lastMonth', '2026-11-01T00:00:00', '2026-12-01T00:00:00', '1 Nov 2026 – 30 Nov 2026', false],
    ['thisQuarter', '2026-10-01T00:00:00', '2026-12-01T10:00:00', '1 Oct 2026 – 1 Dec 2026', true],
    ['lastQuarter', '2026-07-01T00:00:00', '2026-10-01T00:00:00', '1 Jul 2026 – 30 Sep 2026', false],
    ['yearToDate', '2026-01-01T00:00:00', '2026-12-01T10:00:00', '1 Jan 2026 – 1 Dec 2026', true],
    ['last12Months', '2025-12-01T00:00:00', '2026-12-01T10:00:00', '1 Dec 2025 – 1 Dec 2026', true],
    ['last30', '2026-11-02T00:00:00', '2026-12-01T10:00:00', '2 Nov 2026 – 1 Dec 2026', true],
  ];
  it.each(cases)('%s', (id, start, end, label, clipped) => {
    expect(resolvePreset(id, { now })).toEqual({ startDate: at(start), endDate: at(end), label, clippedToNow: clipped });
  });

  it('crosses year ends: last month and last quarter in January', () => {
    const january = at('2027-01-15T00:00:00');
    expect(resolvePreset('lastMonth', { now: january }).label).toBe('1 Dec 2026 – 31 Dec 2026');
    expect(resolvePreset('lastQuarter', { now: january }).label).toBe('1 Oct 2026 – 31 Dec 2026');
    expect(resolvePreset('thisQuarter', { now: at('2024-02-29T12:00:00') }).label).toBe('1 Jan 2024 – 29 Feb 2024');
    expect(resolvePreset('lastMonth', { now: at('2024-03-10T00:00:00') }).label).toBe('1 Feb 2024 – 29 Feb 2024');
  });

  it('fiscal year to date starts on the 1st of the fiscal year\'s first month on or before now', () => {
    expect(iso(resolvePreset('fiscalYearToDate', { now, fiscalYearStartMonth: 4 }).startDate)).toBe('2026-04-01T00:00:00');
    expect(iso(resolvePreset('fiscalYearToDate', { now: at('2026-02-10T00:00:00'), fiscalYearStartMonth: 4 }).startDate)).toBe('2025-04-01T00:00:00');
    expect(iso(resolvePreset('fiscalYearToDate', { now, fiscalYearStartMonth: 12 }).startDate)).toBe('2026-12-01T00:00:00');
    expect(iso(resolvePreset('fiscalYearToDate', { now }).startDate)).toBe('2026-01-01T00:00:00');
    expect(() => resolvePreset('fiscalYearToDate', { now, fiscalYearStartMonth: 13 })).toThrow(/1 \(January\) to 12 \(December\)/);
  });
});

describe('checkCustomRange', () => {
  const now = at('2026-12-01T10:00:00');

  it('takes a range of any length up to the limit, the end day included', () => {
    expect(checkCustomRange('2024-01-01', '2025-12-31', now)).toEqual({ ok: true, startDate: at('2024-01-01T00:00:00'), endDate: at('2026-01-01T00:00:00'), clippedToNow: false });
    expect(checkCustomRange('2024-02-29', '2024-02-29', now)).toMatchObject({ ok: true, endDate: at('2024-03-01T00:00:00') });
    expect(checkCustomRange('2023-12-02', '2026-12-01', now)).toMatchObject({ ok: true });
  });

  it('ends a range past now at now, and says so', () => {
    expect(checkCustomRange('2026-11-01', '2026-12-31', now)).toEqual({
      ok: true, startDate: at('2026-11-01T00:00:00'), endDate: now, clippedToNow: true,
      notice: 'The range ends today, 1 Dec 2026: data after now does not exist yet.',
    });
  });

  it('refuses a reversed range, a start in the future, unreal days and more than 36 months, in words', () => {
    expect(checkCustomRange('2026-11-30', '2026-11-01', now)).toEqual({ ok: false, field: 'end', message: 'The end date, 1 Nov 2026, is before the start date, 30 Nov 2026: choose an end on or after the start.' });
    expect(checkCustomRange('2026-12-05', '2026-12-31', now)).toMatchObject({ ok: false, field: 'start', message: expect.stringMatching(/5 Dec 2026, is after now/) });
    expect(checkCustomRange('2026-02-30', '2026-03-01', now)).toMatchObject({ ok: false, field: 'start', message: expect.stringMatching(/not a real day/) });
    expect(checkCustomRange('2026-01-01', '', now)).toMatchObject({ ok: false, field: 'end', message: 'Enter an end date, e.g. 2026-11-30.' });
    const long = checkCustomRange('2020-01-01', '2026-06-30', now);
    expect(long).toMatchObject({ ok: false, field: 'end' });
    expect(long.ok === false && long.message).toMatch(new RegExp(`longer than ${MAX_CUSTOM_MONTHS} months.*end it by 31 Dec 2022`));
  });
});
