import type { UsageRecord } from '@meterbook/sdk';
import { describe, expect, it } from 'vitest';
import { missingItemLine, missingItemsByReason, missingRates, missingRatesMessage, missingRatesSummary } from './missing.js';
import type { Rate } from './rate-card.js';

const day = (text: string): Date => new Date(`${text}T00:00:00Z`);
const record = (featureId: string | undefined, name: string, date: string, billableValue?: number): UsageRecord => ({ featureId, name, valueDriver: 'Transactions', usageDateTime: day(date), usageValue: 5, billableValue });
const rate = (key: string, r: Partial<Rate> = {}): Rate => ({
  provider: 'HERE', service: key, key, unit: 'Transactions', unitPrice: 1, pricePer: 1000, currency: 'EUR', validFrom: undefined, validTo: undefined, notes: '', row: 0, ...r,
});

describe('missingRates', () => {
  it('counts rows without a cost per item and says why', () => {
    const records = [
      record('a', 'Autocomplete', '2026-11-01', 5),
      record('b', 'Browse', '2026-11-01', 5),
      record('b', 'Browse', '2026-11-02', 5),
      record('c', 'Copy', '2026-11-01', 5),
      record('d', 'Discover', '2026-11-01', 5),
      record(undefined, 'Nameless', '2026-11-01', 5),
      record('a', 'Autocomplete', '2026-11-01'),
    ];
    const rates = [rate('a'), rate('c', { unitPrice: undefined }), rate('d', { validTo: day('2026-11-30') }), rate('d', { validFrom: day('2026-11-01') })];
    const missing = missingRates({ provider: 'HERE', records, query: { realmId: 'org1', startDate: day('2026-11-01'), endDate: day('2026-11-03'), detailLevel: 'day' } }, rates);
    expect(missing.rows).toBe(6);
    expect(missing.total).toBe(7);
    expect(missing.items.map((i) => [i.service, i.reason, i.rows])).toEqual([
      ['Browse', 'no rate', 2],
      ['', 'no key', 1],
      ['Autocomplete', 'no quantity', 1],
      ['Copy', 'no price', 1],
      ['Discover', 'overlapping rates', 1],
    ]);
    expect(missingRatesMessage(missing)).toMatch(/^6 of 7 rows have no cost: Browse \(Transactions\): not in the rates table \(run "Set up rates"\) \(2 rows\);/);
    expect(missingRatesSummary(missing)).toBe('6 of 7 rows have no cost: 5 items');
    expect(missing.items.map(missingItemLine)).toEqual([
      'Browse (Transactions): not in the rates table (run "Set up rates") (2 rows)',
      '(no item): the pull has no Item (feature HRN) or offering item to match on (1 row)',
      'Autocomplete (Transactions): no billable quantity (1 row)',
      'Copy (Transactions): no unit price typed yet (1 row)',
      'Discover (Transactions): two rates overlap on some days (fix Valid from / Valid to) (1 row)',
    ]);
    expect(missingRatesMessage(missing)).toBe(`6 of 7 rows have no cost: ${missing.items.map(missingItemLine).join('; ')}.`);
    const twice = missingRates({ provider: 'HERE', records: [...records, record('c', 'Copy', '2026-11-02', 5), record('e', 'Echo', '2026-11-02', 5)], query: { realmId: 'org1', startDate: day('2026-11-01'), endDate: day('2026-11-03') } }, [...rates, rate('e', { unitPrice: undefined })]);
    expect(missingItemsByReason(twice)).toEqual([
      { reason: 'not in the rates table (run "Set up rates")', items: ['Browse (Transactions): 2 rows'] },
      { reason: 'no unit price typed yet', items: ['Copy (Transactions): 2 rows', 'Echo (Transactions): 1 row'] },
      { reason: 'the pull has no Item (feature HRN) or offering item to match on', items: ['(no item): 1 row'] },
      { reason: 'no billable quantity', items: ['Autocomplete (Transactions): 1 row'] },
      { reason: 'two rates overlap on some days (fix Valid from / Valid to)', items: ['Discover (Transactions): 1 row'] },
    ]);
    const one = missingRates({ provider: 'HERE', records: records.slice(1, 3), query: { realmId: 'org1', startDate: day('2026-11-01'), endDate: day('2026-11-03') } }, rates);
    expect(missingRatesSummary(one)).toBe('2 of 2 rows have no cost: 1 item');
    expect(missingRatesSummary(missingRates({ provider: 'HERE', records: records.slice(0, 1), query: { realmId: 'org1', startDate: day('2026-11-01'), endDate: day('2026-11-03') } }, rates))).toBe('Every one of the 1 rows has a cost.');
    expect(missingRatesMessage(missingRates({ provider: 'HERE', records: records.slice(0, 1), query: { realmId: 'org1', startDate: day('2026-11-01'), endDate: day('2026-11-03') } }, rates))).toBe('Every one of the 1 rows has a cost.');
  });
});
