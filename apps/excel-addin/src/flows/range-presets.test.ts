import { describe, expect, it } from 'vitest';
import { usageSheetName } from './pull.js';
import { FORM_PRESETS, defaultPreset, formRange, historyByDefault, presetText, type FormPreset } from './range-presets.js';

const mid = new Date('2026-11-18T09:30:00Z');
const range = (id: FormPreset, now = mid, extra: { from?: string; to?: string; fiscalYearStartMonth?: number } = {}) => {
  const r = formRange({ id, now, ...extra });
  if (!r.ok) throw new Error(r.message);
  return r.range;
};

describe('the form\'s range presets', () => {
  it('offers the finance presets, in this order', () => {
    expect(FORM_PRESETS.map((id) => presetText(id, mid, 4))).toEqual([
      'This month so far (18 days)', 'Last month', 'This quarter so far', 'Last quarter', 'Year to date',
      'Last 12 months and this month so far', 'Fiscal year to date (starts in April)', 'Custom…',
    ]);
  });

  it('gives each preset its dates in words and the rule a history keeps', () => {
    expect(range('lastMonth')).toEqual({ params: { startDate: '2026-10-01T00:00:00', endDate: '2026-11-01T00:00:00' }, rule: { kind: 'fixed', start: '2026-10-01T00:00:00', end: '2026-11-01T00:00:00' }, label: '1 Oct 2026 – 31 Oct 2026', days: 31 });
    expect(range('lastQuarter')).toMatchObject({ label: '1 Jul 2026 – 30 Sep 2026', rule: { kind: 'fixed', end: '2026-10-01T00:00:00' } });
    expect(range('thisQuarter')).toMatchObject({ label: '1 Oct 2026 – 18 Nov 2026', params: { endDate: '2026-11-18T09:30:00' }, rule: { kind: 'fixed', start: '2026-10-01T00:00:00', end: '2027-01-01T00:00:00' } });
    expect(range('thisMonth')).toMatchObject({ label: '1 Nov 2026 – 18 Nov 2026', rule: { kind: 'rolling', months: 0 } });
    expect(range('last12Months')).toMatchObject({ label: '1 Nov 2025 – 18 Nov 2026', rule: { kind: 'rolling', months: 12 } });
    expect(range('yearToDate')).toMatchObject({ label: '1 Jan 2026 – 18 Nov 2026', rule: { kind: 'toDate', start: '2026-01-01T00:00:00' } });
    expect(range('fiscalYearToDate', mid, { fiscalYearStartMonth: 4 })).toMatchObject({ label: '1 Apr 2026 – 18 Nov 2026', rule: { kind: 'toDate', start: '2026-04-01T00:00:00' } });
    expect(range('fiscalYearToDate', mid, { fiscalYearStartMonth: 12 })).toMatchObject({ label: '1 Dec 2025 – 18 Nov 2026' });
  });

  it('says when a range ends now, and keeps the end asked for in a custom history', () => {
    expect(range('thisMonth').notice).toMatch(/ends today, 18 Nov 2026: data after now does not exist yet/);
    expect(range('lastMonth').notice).toBeUndefined();
    const custom = range('custom', mid, { from: '2026-09-01', to: '2026-12-31' });
    expect(custom).toMatchObject({ params: { startDate: '2026-09-01T00:00:00', endDate: '2026-11-18T09:30:00' }, rule: { kind: 'fixed', end: '2027-01-01T00:00:00' }, notice: expect.stringMatching(/ends today/) });
  });

  it('refuses a reversed range in words, and one over 36 months naming the limit', () => {
    expect(formRange({ id: 'custom', now: mid, from: '2026-11-10', to: '2026-11-01' })).toEqual({ ok: false, field: 'end', message: 'The end date, 1 Nov 2026, is before the start date, 10 Nov 2026: choose an end on or after the start.' });
    expect(formRange({ id: 'custom', now: mid, from: '2022-01-01', to: '2026-01-01' })).toMatchObject({ ok: false, message: expect.stringMatching(/longer than 36 months/) });
    expect(formRange({ id: 'custom', now: mid, from: '2023-11-01', to: '2026-10-31' })).toMatchObject({ ok: true });
  });

  // On the 1st, "this month" is one partial day: honest in its label, and not the default while
  // last month is what finance closes (the settle period, 5 days by default).
  it('on the first days of a month says "1 day" and defaults to last month', () => {
    const first = new Date('2026-12-01T08:00:00Z');
    expect(presetText('thisMonth', first)).toBe('This month so far (1 day)');
    expect(range('thisMonth', first)).toMatchObject({ label: '1 Dec 2026', days: 1 });
    expect(defaultPreset(first)).toBe('lastMonth');
    expect(defaultPreset(new Date('2026-12-05T23:00:00Z'))).toBe('lastMonth');
    expect(defaultPreset(new Date('2026-12-06T00:00:00Z'))).toBe('thisMonth');
    expect(defaultPreset(new Date('2026-12-02T00:00:00Z'), 0)).toBe('thisMonth');
  });

  it('makes history the default from a month at hour, day or month detail', () => {
    expect(historyByDefault(range('lastMonth'), 'day')).toBe(true);
    expect(historyByDefault(range('last12Months'), 'month')).toBe(true);
    expect(historyByDefault(range('lastMonth'), 'summarized')).toBe(false);
    expect(historyByDefault(range('thisMonth', new Date('2026-12-03T00:00:00Z')), 'day')).toBe(false);
  });
});

describe('sheet names of inserted usage', () => {
  it('name the days a range ending now covers, and a history by its rule', () => {
    const r = range('last12Months');
    expect(usageSheetName(r.params)).toBe('Usage 1 Nov 2025 – 18 Nov 2026');
    expect(usageSheetName(r.params, r.rule)).toBe('Usage last 12 months');
    expect(usageSheetName(range('thisMonth').params, range('thisMonth').rule)).toBe('Usage this month');
    expect(usageSheetName(range('yearToDate').params, range('yearToDate').rule)).toBe('Usage from 1 Jan 2026');
    expect(usageSheetName(range('lastMonth').params, range('lastMonth').rule)).toBe('Usage Oct 2026');
  });
});
