import { describe, expect, it } from 'vitest';
import type { CostBinding } from './binding.js';
import { costColumnFor } from './cost-column.js';
import { costByCurrency, costColumnFormat, currenciesOf, currencyFormat, tableCosts } from './currency.js';
import type { Rate } from './rate-card.js';

const rate = (key: string, unitPrice: number, currency: string): Rate => ({
  provider: 'HERE', service: key, key, unit: 'u', unitPrice, pricePer: 1, currency, validFrom: undefined, validTo: undefined, notes: '', row: 0,
});
const binding: CostBinding = { provider: 'HERE', key: 'Key', unit: 'Unit', date: 'Date', quantity: 'Qty' };
const row = (key: string, qty: number) => ({ Key: key, Unit: 'u', Date: new Date('2026-11-01T00:00:00Z'), Qty: qty });

describe('currency', () => {
  it('formats a cost in its currency with the currency’s decimals', () => {
    expect(currencyFormat('eur')).toBe('[$EUR] #,##0.00');
    expect(currencyFormat('JPY')).toBe('[$JPY] #,##0');
    expect(currencyFormat('BHD')).toBe('[$BHD] #,##0.000');
  });

  it('flags a table whose rates mix currencies and never sums across them', () => {
    const rates = [rate('a', 2, 'EUR'), rate('b', 3, 'USD'), rate('c', 1, 'EUR')];
    const rows = [row('a', 10), row('b', 1), row('c', 5), row('none', 7)];
    expect(currenciesOf(rows, rates, binding)).toEqual(['EUR', 'USD']);
    expect(currenciesOf(rows.slice(0, 1), rates, binding)).toEqual(['EUR']);
    expect(costColumnFormat(['EUR'])).toEqual({ numberFormat: '[$EUR] #,##0.00', mixed: false });
    expect(costColumnFormat(['EUR', 'USD'])).toMatchObject({ mixed: true, message: expect.stringMatching(/EUR and USD/) });
    expect(costByCurrency(tableCosts(rows, rates, binding))).toEqual([
      { currency: 'EUR', cost: 25, rows: 2 },
      { currency: 'USD', cost: 3, rows: 1 },
    ]);
  });
});

describe('costColumnFor', () => {
  it('gives the Cost column its formula and its currency format, or the mixed-currency sentence', () => {
    const one = costColumnFor([row('a', 1)], [rate('a', 2, 'USD')], binding);
    expect(one).toMatchObject({ column: { header: 'Cost', kind: 'money', numberFormat: '[$USD] #,##0.00' }, currencies: ['USD'], formula: expect.stringMatching(/^=IF\(/) });
    expect(one.mixedCurrencies).toBeUndefined();
    const mixed = costColumnFor([row('a', 1), row('b', 1)], [rate('a', 2, 'USD'), rate('b', 2, 'EUR')], binding);
    expect(mixed.mixedCurrencies).toMatch(/EUR and USD/);
    expect(mixed.column.numberFormat).toBe('#,##0.00');
  });
});
