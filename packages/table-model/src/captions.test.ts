import { describe, expect, it } from 'vitest';
import { acronisCaption, acronisSheetName, hereCaption, hereSheetName, monthsOfParams, periodWords } from './captions.js';
import { toExcelSerial } from './excel-date.js';

const nov = { startDate: '2026-11-01T00:00:00', endDate: '2026-12-01T00:00:00', detailLevel: 'day', groupBy: 'billingTag' };

describe('captions and sheet names', () => {
  it('reads like the issue\'s example: inclusive end, years, words', () => {
    expect(hereCaption({ source: 'usage', realmId: 'org123456789', params: nov, rows: 6164, refreshedAt: new Date('2026-12-01T18:49:30Z') }))
      .toBe('HERE usage · org123456789 · 1 Nov 2026 – 30 Nov 2026 (UTC) · by day · grouped by billing tag · 6,164 rows · refreshed 1 Dec 2026 18:49 UTC');
  });

  it('names filters, subaccounts and reports in words', () => {
    const c = hereCaption({ source: 'report', reportId: 'REPORT-1007', subAccounts: ['org1', 'org2'], realmId: 'org9', params: { ...nov, groupBy: 'project,appId', billingTag: '=evil', billingSubscriptionId: ['S1', 'S2'] }, rows: 1, refreshedAt: new Date('2026-12-01T00:00:00Z') });
    expect(c).toBe('HERE report REPORT-1007 · org9 (subaccounts org1, org2) · 1 Nov 2026 – 30 Nov 2026 (UTC) · by day · grouped by project and app · only billing tag “=evil” and subscription “S1”, “S2” · 1 row · refreshed 1 Dec 2026 00:00 UTC');
  });

  it('shows years on both ends of a sheet name and whole months short', () => {
    expect(hereSheetName('usage', nov)).toBe('Usage Nov 2026');
    expect(hereSheetName('usage', { startDate: '2026-11-20T00:00:00', endDate: '2027-01-11T00:00:00' })).toBe('Usage 20 Nov 2026 – 10 Jan 2027');
    expect(hereSheetName('report', { startDate: '2026-09-01T00:00:00', endDate: '2026-12-01T00:00:00' })).toBe('Report Sep 2026 – Nov 2026');
    expect(periodWords(new Date('2026-11-01T06:00:00Z'), new Date('2026-11-02T12:00:00Z'))).toBe('1 Nov 2026 06:00 – 2 Nov 2026 11:59');
  });

  it('names a one-day range once, year shown, in captions and sheet names', () => {
    const dec1 = { startDate: '2026-12-01T00:00:00', endDate: '2026-12-02T00:00:00', detailLevel: 'hour' };
    expect(hereSheetName('usage', dec1)).toBe('Usage 1 Dec 2026');
    expect(hereCaption({ source: 'usage', realmId: 'org1', params: dec1, rows: 24, refreshedAt: new Date('2026-12-02T08:00:00Z') }))
      .toBe('HERE usage · org1 · 1 Dec 2026 (UTC) · by hour · 24 rows · refreshed 2 Dec 2026 08:00 UTC');
    const acronisDay = { kind: 'usage_daily', level: 'accounts', start: '2026-12-31', end: '2026-12-31' };
    expect(acronisSheetName(acronisDay)).toBe('Acronis daily 31 Dec 2026');
    expect(acronisCaption({ params: acronisDay, tenantName: 'T', rows: 1, refreshedAt: new Date('2027-01-01T00:00:00Z') })).toContain(' · 31 Dec 2026 (UTC) · ');
    expect(periodWords(new Date('2026-11-01T06:00:00Z'), new Date('2026-11-01T12:00:00Z'))).toBe('1 Nov 2026 06:00 – 11:59');
    // Two days are still a range, and the same day of two years is not one day.
    expect(periodWords(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-03T00:00:00Z'))).toBe('1 Dec 2026 – 2 Dec 2026');
    expect(periodWords(new Date('2025-12-01T00:00:00Z'), new Date('2026-12-02T00:00:00Z'))).toBe('1 Dec 2025 – 1 Dec 2026');
  });

  it('captions Acronis reports in words with both days included', () => {
    const p = { kind: 'usage_daily', level: 'all_customers', start: '2025-06-01', end: '2025-06-09' };
    expect(acronisCaption({ params: p, tenantName: 'Demo Partner', rows: 3, refreshedAt: new Date('2025-06-10T12:00:00Z') }))
      .toBe('Acronis daily usage · all customers of tenant “Demo Partner” · 1 Jun 2025 – 9 Jun 2025 (UTC) · 3 rows · refreshed 10 Jun 2025 12:00 UTC');
    expect(acronisSheetName(p)).toBe('Acronis daily 1–9 Jun 2025');
    expect(acronisCaption({ params: { kind: 'usage_current', level: 'accounts' }, tenantName: 'T', rows: 0, refreshedAt: new Date(0) })).toContain('· current usage ·');
  });

  it('fits sheet names in Excel\'s 31 characters without cutting a year off', () => {
    expect(acronisSheetName({ kind: 'usage_summary', start: '2026-11-11', end: '2026-12-01' })).toBe('Acronis 11 Nov – 1 Dec 2026');
    expect(hereSheetName('report', { startDate: '2026-11-20T00:00:00', endDate: '2027-01-11T00:00:00' })).toBe('Report 20 Nov 2026–10 Jan 2027');
    expect(hereSheetName('usage', { startDate: '2026-11-20T00:00:00', endDate: '2027-01-11T00:00:00' })).toBe('Usage 20 Nov 2026 – 10 Jan 2027'); // 31: fits as is
    const names = [
      acronisSheetName({ kind: 'usage_daily', start: '2026-11-11', end: '2026-12-31' }),
      acronisSheetName({ kind: 'usage_daily', start: '2026-12-11', end: '2027-01-10' }),
      hereSheetName('report', { startDate: '2026-09-10T00:00:00', endDate: '2026-12-31T00:00:00' }),
    ];
    expect(names).toEqual(['Acronis 11 Nov – 31 Dec 2026', 'Acronis 11 Dec 2026–10 Jan 2027', 'Report 10 Sep – 30 Dec 2026']);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
  });

  it('lists the months a query covers', () => {
    expect(monthsOfParams({ startDate: '2026-10-15T00:00:00', endDate: '2026-12-01T00:00:00' }).map(toExcelSerial)).toEqual([toExcelSerial(new Date('2026-10-01T00:00:00Z')), toExcelSerial(new Date('2026-11-01T00:00:00Z'))]);
  });
});
