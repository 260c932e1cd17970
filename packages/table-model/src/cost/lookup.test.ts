import { describe, expect, it } from 'vitest';
import { costOf, lookupRate, matchRates, overlappingRates, rateMatcher } from './lookup.js';
import type { Rate } from './rate-card.js';

const day = (text: string): Date => new Date(`${text}T00:00:00Z`);
const rate = (r: Partial<Rate>): Rate => ({
  provider: 'HERE', service: 's', key: 'k', unit: 'Transactions', unitPrice: 1, pricePer: undefined, currency: 'EUR', validFrom: undefined, validTo: undefined, notes: '', row: 0, ...r,
});

describe('lookupRate', () => {
  const card = [
    rate({ key: 'k', unitPrice: 0.45, pricePer: 1000, validFrom: day('2026-11-01'), validTo: day('2026-11-30'), row: 0 }),
    rate({ key: 'k', unitPrice: 0.4, pricePer: 1000, validFrom: day('2026-12-01'), row: 1 }),
    rate({ key: 'waiting', unitPrice: undefined, row: 2 }),
  ];

  it('matches provider, key and unit ignoring case, within Valid from and Valid to, both included', () => {
    expect(lookupRate(card, { provider: 'here', key: 'K', unit: 'transactions', date: day('2026-11-01') })?.row).toBe(0);
    expect(lookupRate(card, { provider: 'HERE', key: 'k', unit: 'Transactions', date: new Date('2026-11-30T23:59:59Z') })?.row).toBe(0);
    expect(lookupRate(card, { provider: 'HERE', key: 'k', unit: 'Transactions', date: day('2026-12-01') })?.row).toBe(1);
    expect(lookupRate(card, { provider: 'HERE', key: 'k', unit: 'Transactions', date: day('2030-01-01') })?.row).toBe(1);
    expect(lookupRate(card, { provider: 'HERE', key: 'k', unit: 'Transactions', date: day('2026-10-31') })).toBeUndefined();
    expect(lookupRate(card, { provider: 'HERE', key: 'k', unit: 'GB', date: day('2026-11-05') })).toBeUndefined();
    expect(lookupRate(card, { provider: 'Acronis', key: 'k', unit: 'Transactions', date: day('2026-11-05') })).toBeUndefined();
    expect(lookupRate(card, { provider: 'HERE', key: 'k', date: day('2026-11-05') })?.row).toBe(0);
  });

  it('treats a row without a price as no rate', () => {
    expect(lookupRate(card, { provider: 'HERE', key: 'waiting', unit: 'Transactions', date: day('2026-11-05') })).toBeUndefined();
  });

  it('gives no rate when two rates overlap, and names the pair', () => {
    const overlapping = [...card, rate({ key: 'k', unitPrice: 0.5, pricePer: 1000, validFrom: day('2026-11-20'), validTo: day('2026-12-05'), row: 3 })];
    expect(matchRates(overlapping, { provider: 'HERE', key: 'k', unit: 'Transactions', date: day('2026-11-25') })).toHaveLength(2);
    expect(lookupRate(overlapping, { provider: 'HERE', key: 'k', unit: 'Transactions', date: day('2026-11-25') })).toBeUndefined();
    expect(lookupRate(overlapping, { provider: 'HERE', key: 'k', unit: 'Transactions', date: day('2026-11-10') })?.row).toBe(0);
    expect(overlappingRates(overlapping).map(([a, b]) => [a.row, b.row])).toEqual([[0, 3], [1, 3]]);
    expect(overlappingRates(card)).toEqual([]);
  });
});

describe('costOf', () => {
  it('is quantity × unit price ÷ price per, with an empty price per counting as 1', () => {
    expect(costOf(144940, rate({ unitPrice: 0.45, pricePer: 1000 }))).toBeCloseTo(65.223, 10);
    expect(costOf(3, rate({ unitPrice: 2 }))).toBe(6);
    expect(costOf(0, rate({ unitPrice: 2 }))).toBe(0);
  });
});

describe('rateMatcher', () => {
  it('finds the same rates as matchRates for every query', () => {
    const card = ['a', 'B', 'c'].flatMap((key, k) =>
      [0, 1, 2].map((i) => rate({ key, provider: i === 2 ? 'Acronis' : 'HERE', unit: i === 1 ? 'GB' : 'Transactions', validFrom: day(`2026-0${i + 1}-01`), validTo: k === 1 ? undefined : day(`2026-0${i + 4}-01`), row: k * 3 + i })),
    );
    const match = rateMatcher(card);
    for (const provider of ['HERE', 'acronis']) {
      for (const key of ['A', 'b', 'c', 'zzz']) {
        for (const unit of ['Transactions', 'gb', undefined]) {
          for (const date of ['2025-12-31', '2026-02-15', '2026-04-01', '2026-06-30']) {
            const query = { provider, key, unit, date: day(date) };
            expect(match(query)).toEqual(matchRates(card, query));
          }
        }
      }
    }
    expect(card.some((r) => match({ provider: r.provider, key: r.key, unit: r.unit, date: day('2026-03-15') }).length > 0)).toBe(true);
  });
});
