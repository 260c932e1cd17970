import { describe, expect, it } from 'vitest';
import { emptyRateRow, readRateCard, type RateCardRow } from './rate-card.js';
import { isCurrencyCode, validateRateRow } from './validate.js';

const row = (cells: Partial<RateCardRow>): RateCardRow => ({ ...emptyRateRow(), provider: 'HERE', key: 'k', unit: 'Transactions', ...cells });

describe('validateRateRow', () => {
  it('accepts a full row, a row waiting for its price and a blank row', () => {
    expect(validateRateRow(row({ unitPrice: 0.45, pricePer: 1000, currency: 'eur', validFrom: '2026-01-01', validTo: new Date('2026-12-31T00:00:00Z') }))).toEqual([]);
    expect(validateRateRow(row({ unitPrice: 0, currency: 'USD' }))).toEqual([]);
    expect(validateRateRow(row({}))).toEqual([]);
    expect(validateRateRow(emptyRateRow())).toEqual([]);
  });

  it('says in words what is wrong with each cell and how to fix it', () => {
    const problems = validateRateRow(row({ key: '', unitPrice: '0,45€', pricePer: 0, currency: 'EURO', validFrom: '31/12/2026', validTo: 'soon' }));
    expect(problems).toEqual([
      expect.stringMatching(/^Key is empty/),
      'Unit price "0,45€" is not a number: type a number such as 0.45.',
      expect.stringMatching(/^Price per 0 is not more than 0/),
      'Currency "EURO" is not a 3-letter ISO 4217 code such as EUR, USD or GBP.',
      expect.stringMatching(/^Valid from "31\/12\/2026" is not a date: type it as 2026-01-31/),
      expect.stringMatching(/^Valid to "soon" is not a date/),
    ]);
    expect(validateRateRow(row({ unitPrice: -1, currency: 'EUR' }))).toEqual(['Unit price -1 is below 0: a price is 0 or more.']);
    expect(validateRateRow(row({ unitPrice: 1 }))).toEqual([expect.stringMatching(/^Currency is empty/)]);
    expect(validateRateRow(row({ validFrom: '2026-12-01', validTo: '2026-11-30' }))).toEqual(['Valid from (1 Dec 2026) is after Valid to (30 Nov 2026): swap them.']);
    expect(validateRateRow(row({ validFrom: '2026-02-30' }))[0]).toMatch(/not a date/);
  });

  it('knows ISO 4217 codes, not just any three letters', () => {
    expect(['EUR', 'usd', 'JPY', 'CHF'].every(isCurrencyCode)).toBe(true);
    expect(['EU', 'EURO', 'XYZ', '€'].some(isCurrencyCode)).toBe(false);
  });
});

describe('readRateCard', () => {
  it('reads typed rates, leaves out rows with problems and names them by row', () => {
    const { rates, problems } = readRateCard([
      row({ unitPrice: '1,000.5', pricePer: 1000, currency: 'eur', validFrom: 46357 }),
      row({ unitPrice: 'x', currency: 'EUR' }),
      emptyRateRow(),
      row({ key: 'waiting' }),
    ]);
    expect(rates.map((r) => [r.key, r.unitPrice, r.pricePer, r.currency, r.validFrom?.toISOString().slice(0, 10), r.row])).toEqual([
      ['k', 1000.5, 1000, 'EUR', '2026-12-01', 0],
      ['waiting', undefined, undefined, undefined, undefined, 3],
    ]);
    expect(problems).toEqual([{ row: 1, message: expect.stringMatching(/Unit price "x"/) }]);
  });
});
