import { describe, expect, it } from 'vitest';
import { mergeRateCard } from './merge.js';
import type { PriceItem } from './price-items.js';
import { emptyRateRow, type RateCardRow } from './rate-card.js';

const item = (key: string, unit = 'Transactions', service = key): PriceItem => ({ provider: 'HERE', service, key, unit, pricePer: 1000 });

describe('mergeRateCard', () => {
  it('adds items the table lacks, with empty prices and the suggested Price per', () => {
    const { rows, added } = mergeRateCard([], [item('a'), item('b', 'GB')]);
    expect(added.map((i) => i.key)).toEqual(['a', 'b']);
    expect(rows[1]).toEqual({ ...emptyRateRow(), provider: 'HERE', service: 'b', key: 'b', unit: 'GB', pricePer: 1000 });
  });

  it('never changes a cell the user typed, even when the item comes again with other words', () => {
    const typed: RateCardRow[] = [
      { ...emptyRateRow(), provider: 'here', service: 'My own name', key: 'A', unit: 'transactions', unitPrice: 0.45, pricePer: 500, currency: 'EUR', validFrom: new Date('2026-01-01T00:00:00Z'), notes: 'negotiated' },
      { ...emptyRateRow(), provider: 'Notes', key: 'free text the user added', unitPrice: 'ask Ann' },
    ];
    const before = structuredClone(typed);
    const { rows, added } = mergeRateCard(typed, [item('a', 'Transactions', 'Autocomplete'), item('c')]);
    expect(typed).toEqual(before);
    expect(rows.slice(0, 2)).toEqual(before);
    expect(rows[0]).toBe(typed[0]);
    expect(added.map((i) => i.key)).toEqual(['c']);
    expect(rows).toHaveLength(3);
    // Running it again adds nothing.
    expect(mergeRateCard(rows, [item('a'), item('c')]).added).toEqual([]);
  });
});
