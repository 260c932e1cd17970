import { describe, expect, it } from 'vitest';
import { applyPriceList } from './apply-price-list.js';
import { mergeRateCard } from './merge.js';
import { parsePriceList } from './price-list.js';
import { readRateCard } from './rate-card.js';

const day = (text: string): Date => new Date(`${text}T00:00:00Z`);

describe('parsePriceList', () => {
  it('reads headers in any case and spacing, numbers and dates into typed cells', () => {
    const csv = 'provider,SERVICE, key ,Unit,unit_price,PricePer,currency,Valid From,valid-to,Notes\r\nHERE,Routing,hrn:r,Transactions,"1,250.5",1000,eur,2026-01-01,,"said ""yes"""\r\n';
    const { entries, problems } = parsePriceList(csv);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { line: 2, row: { provider: 'HERE', service: 'Routing', key: 'hrn:r', unit: 'Transactions', unitPrice: 1250.5, pricePer: 1000, currency: 'EUR', validFrom: day('2026-01-01'), validTo: null, notes: 'said "yes"' } },
    ]);
  });

  it('reads cells copied from a sheet (tab-separated)', () => {
    const { entries } = parsePriceList('Provider\tKey\tUnit\tUnit price\tCurrency\nAcronis\tSKU1\tGiB\t0.05\tUSD\n');
    expect(entries[0]?.row).toMatchObject({ provider: 'Acronis', key: 'SKU1', unitPrice: 0.05, currency: 'USD' });
  });

  it('names every unreadable line with its number and what is wrong', () => {
    const csv = [
      'Provider,Key,Unit,Unit price,Price per,Currency,Valid from,Valid to,Colour',
      'HERE,a,Transactions,0.45,1000,EUR,,,',
      'HERE,b,Transactions,cheap,1000,EUR,,,',
      '',
      'HERE,"c',
      'with a line break",Transactions,1,0,EUR,,,',
      'HERE,d,Transactions,1,1,EUR,2026-12-01,2026-01-01,',
      'HERE,a,Transactions,0.5,1000,EUR,,,',
      'HERE,e,Transactions,1,1,EUR,,,,extra',
      'HERE,f,Transactions,1,1,EURO,,,',
    ].join('\n');
    const { entries, problems } = parsePriceList(csv);
    expect(entries.map((e) => e.line)).toEqual([2]);
    expect(problems.map((p) => p.line)).toEqual([1, 3, 5, 7, 8, 9, 10]);
    expect(problems[0]?.message).toMatch(/Column "Colour" is not a rates column/);
    expect(problems[1]?.message).toBe('Line 3: Unit price "cheap" is not a number: type a number such as 0.45.');
    expect(problems[2]?.message).toMatch(/^Line 5: Price per 0 is not more than 0/);
    expect(problems[3]?.message).toMatch(/^Line 7: Valid from \(1 Dec 2026\) is after Valid to \(1 Jan 2026\)/);
    expect(problems[4]?.message).toBe('Line 8 repeats line 2 (same provider, key, unit and Valid from): keep one of them.');
    expect(problems[5]?.message).toMatch(/^Line 9 has 10 values where the first line names 9 columns/);
    expect(problems[6]?.message).toMatch(/^Line 10: Currency "EURO"/);
  });

  it('refuses a list without the columns it needs, saying which', () => {
    const { entries, problems } = parsePriceList('Item;Price\nRouting;0.45\n');
    expect(entries).toEqual([]);
    expect(problems.at(-1)).toEqual({ line: 1, message: expect.stringMatching(/it has no Provider, Key, Unit\. Start the list with: Provider,Service,Key,Unit,Unit price/) });
  });
});

describe('applyPriceList', () => {
  it('fills empty prices, adds new rates, and never overwrites a typed price', () => {
    const table = mergeRateCard([], [
      { provider: 'HERE', service: 'Routing', key: 'r', unit: 'Transactions', pricePer: 1000 },
      { provider: 'HERE', service: 'Geocode', key: 'g', unit: 'Transactions', pricePer: 1000 },
    ]).rows;
    table[1] = { ...table[1]!, unitPrice: 0.7, currency: 'EUR' };
    const list = parsePriceList('Provider,Key,Unit,Unit price,Price per,Currency,Valid from\nHERE,r,Transactions,0.45,1000,EUR,\nHERE,g,Transactions,0.6,1000,EUR,\nHERE,r,Transactions,0.4,1000,EUR,2027-01-01\n');
    const { rows, filled, added, conflicts } = applyPriceList(table, list.entries);
    expect([filled, added]).toEqual([1, 1]);
    expect(rows[0]).toMatchObject({ key: 'r', unitPrice: 0.45, currency: 'EUR', service: 'Routing' });
    expect(rows[1]).toBe(table[1]);
    expect(conflicts).toEqual([{ line: 3, message: expect.stringMatching(/^Line 3: Geocode already has 0.7 EUR in rates row 2; the list says 0.6 EUR/) }]);
    expect(readRateCard(rows).rates.map((r) => [r.key, r.unitPrice, r.validFrom?.getUTCFullYear()])).toEqual([['r', 0.45, undefined], ['g', 0.7, undefined], ['r', 0.4, 2027]]);
  });
});
