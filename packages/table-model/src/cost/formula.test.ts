// The cost formula and the cost rule in code must agree. Excel cannot run here, so the formula text
// is evaluated on sample rows with the interpreter of formula-eval.ts (exactly the functions the
// cost formula uses, with Excel's rules for empty cells, text comparison and arrays).
import { describe, expect, it } from 'vitest';
import { rowCost, type CostBinding, type TableRow } from './binding.js';
import { costCurrencyFormula, costFormula } from './formula.js';
import { evaluateCostFormula as runFormula } from './formula-eval.js';
import { readRateCard, type RateCardRow } from './rate-card.js';

// ---- the samples ---------------------------------------------------------------------------

const day = (text: string): Date => new Date(`${text}T00:00:00Z`);
const rate = (r: Partial<RateCardRow>): RateCardRow => ({
  provider: null, service: null, key: null, unit: null, unitPrice: null, pricePer: null, currency: null, validFrom: null, validTo: null, notes: null, ...r,
});
const AUTOCOMPLETE = 'hrn:here:service::org123456789:search-autocomplete-1';
const GEOCODE = 'hrn:here:service::org123456789:search-geocoding-1';
const ROUTING = 'hrn:here:service::org123456789:routing-8';
const LOOKUP = 'hrn:here:service::org123456789:search-lookup-1';
const UNLISTED = 'hrn:here:service::org123456789:traffic-7';
const BROWSE = 'hrn:here:service::org123456789:search-browse-1';

const rateRows: RateCardRow[] = [
  rate({ provider: 'HERE', service: 'Autocomplete', key: AUTOCOMPLETE, unit: 'Transactions', unitPrice: 0.45, pricePer: 1000, currency: 'EUR', validFrom: day('2026-11-01'), validTo: day('2026-11-15') }),
  rate({ provider: 'HERE', service: 'Autocomplete', key: AUTOCOMPLETE, unit: 'Transactions', unitPrice: 0.4, pricePer: 1000, currency: 'EUR', validFrom: day('2026-11-16') }),
  rate({ provider: 'here', service: 'Geocode', key: GEOCODE.toUpperCase(), unit: 'transactions', unitPrice: 0.6, pricePer: null, currency: 'EUR' }),
  rate({ provider: 'HERE', service: 'Routing', key: ROUTING, unit: 'Transactions', pricePer: 1000 }),
  rate({ provider: 'HERE', service: 'Lookup', key: LOOKUP, unit: 'Transactions', unitPrice: 1, pricePer: 1000, currency: 'EUR', validTo: day('2026-11-20') }),
  rate({ provider: 'HERE', service: 'Lookup', key: LOOKUP, unit: 'Transactions', unitPrice: 2, pricePer: 1000, currency: 'EUR', validFrom: day('2026-11-10') }),
  rate({ provider: 'HERE', service: 'Geocode', key: GEOCODE, unit: 'GB', unitPrice: 9, pricePer: 1, currency: 'USD' }),
  rate({ provider: 'Acronis', service: 'storage', key: 'storage / per_gigabyte / azure', unit: 'GiB', unitPrice: 0.05, pricePer: 1, currency: 'EUR' }),
  rate({ provider: 'Acronis', service: 'workstations', key: 'workstations / per_workload', unit: 'Quantity', unitPrice: 2.5, pricePer: 1, currency: 'EUR', validFrom: day('2026-11-01'), validTo: day('2026-11-30') }),
  rate({ provider: 'HERE', service: 'Browse', key: BROWSE, unit: 'Transactions', unitPrice: 3, pricePer: 1000, currency: 'EUR', validFrom: 46329.75, validTo: new Date('2026-11-05T08:00:00Z') }),
  rate({ provider: 'HERE', service: 'Numeric', key: 4711, unit: 'Transactions', unitPrice: 5, currency: 'EUR' }),
  rate({ provider: 'HERE', service: 'Numeric', key: '815', unit: 'Transactions', unitPrice: 7, currency: 'EUR' }),
  rate({ provider: 'Acronis', service: 'compute_points', key: 'compute_points / disaster_recovery', unit: 'Seconds', unitPrice: 0.9, pricePer: 3600, currency: 'EUR' }),
];

const here: CostBinding = { provider: 'HERE', key: 'Item (feature HRN)', unit: 'Unit', date: 'Date', quantity: 'Billable quantity' };
const hereRow = (key: string | number, date: Date | null, quantity: number | null, unit = 'Transactions'): TableRow => ({ 'Item (feature HRN)': key, Unit: unit, Date: date, 'Billable quantity': quantity });
const at = (text: string): Date => new Date(text);

const hereRows: TableRow[] = [
  hereRow(AUTOCOMPLETE, day('2026-10-31'), 1000), // before the first Valid from: no rate
  hereRow(AUTOCOMPLETE, day('2026-11-01'), 144940), // Valid from is included
  hereRow(AUTOCOMPLETE, at('2026-11-15T23:00:00Z'), 2000), // Valid to is included, the whole day
  hereRow(AUTOCOMPLETE, day('2026-11-16'), 2000), // the next rate
  hereRow(AUTOCOMPLETE, day('2027-06-30'), 3), // open end
  hereRow(GEOCODE, day('2026-11-03'), 12013417), // matched ignoring case; empty Price per = 1
  hereRow(GEOCODE, day('2026-11-03'), 1.5, 'GB'), // same key, other unit, other currency
  hereRow(ROUTING, day('2026-11-03'), 500), // listed, no price yet
  hereRow(LOOKUP, day('2026-11-05'), 700), // only the first Lookup rate
  hereRow(LOOKUP, day('2026-11-12'), 700), // both Lookup rates: ambiguous, no cost
  hereRow(UNLISTED, day('2026-11-03'), 10), // not in the rates table
  hereRow(AUTOCOMPLETE, day('2026-11-03'), null), // no quantity
  hereRow(AUTOCOMPLETE, null, 10), // no date
  hereRow(AUTOCOMPLETE, day('2026-11-03'), 0), // zero costs zero
  hereRow(BROWSE, day('2026-11-03'), 1000), // rate days typed with a time (a serial number, a Date) are whole days
  hereRow(BROWSE, at('2026-11-05T20:00:00Z'), 1000),
  hereRow(BROWSE, day('2026-11-02'), 1000),
  hereRow('4711', day('2026-11-02'), 2), // a numeric key in the rates table, text in the usage table
  hereRow(815, day('2026-11-02'), 2), // and the other way round
];

const acronis: CostBinding = {
  provider: 'Acronis',
  key: ['Item', 'Edition', 'Back end'],
  date: { value: day('2026-11-01') },
  quantity: ['Effective production (GiB)', 'Effective production'],
};
const acronisRow = (item: string, edition: string, backEnd: string | null, gib: number | null, raw: number): TableRow => ({
  Item: item, Edition: edition, 'Back end': backEnd, 'Effective production (GiB)': gib, 'Effective production': raw,
});
const acronisRows: TableRow[] = [
  acronisRow('storage', 'per_gigabyte', 'azure', 250, 250 * 1024 ** 3), // GiB column counts
  acronisRow('storage', 'per_gigabyte', 'google', 120, 120 * 1024 ** 3), // other back end: no rate
  acronisRow('workstations', 'per_workload', null, null, 61), // no back end: key without it
  acronisRow('compute_points', 'disaster_recovery', null, null, 90_000), // seconds at a price per hour
];

const { rates } = readRateCard(rateRows);
const expected = (row: TableRow, binding: CostBinding): number | string => rowCost(row, rates, binding)?.cost ?? '';

describe('cost formula and cost rule agree', () => {
  const hereFormula = costFormula(here);
  const acronisFormula = costFormula(acronis);

  it('gives the same result as rowCost on every HERE sample row, boundaries and missing rates included', () => {
    const results = hereRows.map((row) => runFormula(hereFormula, 'MeterbookRates', rateRows, row));
    expect(results).toEqual(hereRows.map((row) => expected(row, here)));
    // And the results are the ones the rule is meant to give, worked out by hand.
    expect(results).toEqual([
      '', (144940 * 0.45) / 1000, (2000 * 0.45) / 1000, (2000 * 0.4) / 1000, (3 * 0.4) / 1000, 12013417 * 0.6, 1.5 * 9, '', 0.7, '', '', '', '', 0, 3, 3, '', 10, 14,
    ].map((v) => (typeof v === 'number' ? expect.closeTo(v, 10) : v)));
  });

  it('gives the same result as rowCost on Acronis rows (joined key, GiB first, fixed date)', () => {
    const results = acronisRows.map((row) => runFormula(acronisFormula, 'MeterbookRates', rateRows, row));
    expect(results).toEqual(acronisRows.map((row) => expected(row, acronis)));
    expect(results).toEqual([expect.closeTo(12.5, 10), '', expect.closeTo(152.5, 10), expect.closeTo(22.5, 10)]);
  });

  it('follows a rate that the user changes, in the formula and in code alike', () => {
    const changed = rateRows.map((r, i) => (i === 1 ? { ...r, unitPrice: 0.3 } : r));
    const row = hereRows[3] as TableRow;
    const inCode = rowCost(row, readRateCard(changed).rates, here)?.cost;
    expect(runFormula(hereFormula, 'MeterbookRates', changed, row)).toBe(inCode);
    expect(inCode).toBeCloseTo(0.6, 10);
  });

  it('shows an error, not a wrong number, while a price cell holds text', () => {
    const broken = rateRows.map((r, i) => (i === 2 ? { ...r, unitPrice: 'abc' } : r));
    expect(runFormula(hereFormula, 'MeterbookRates', broken, hereRows[1] as TableRow)).toBe('#VALUE!');
    expect(readRateCard(broken).problems[0]?.message).toMatch(/Unit price "abc" is not a number/);
  });

  it('uses only functions every Excel with tables has (no LET, XLOOKUP or FILTER)', () => {
    const functions = new Set([...`${hereFormula}${acronisFormula}`.matchAll(/([A-Z]+)\(/g)].map((m) => m[1]));
    expect([...functions].sort()).toEqual(['DATE', 'IF', 'INT', 'SUMPRODUCT']);
    expect(costFormula({ ...here, date: { value: day('2026-11-01') } })).toContain('DATE(2026,11,1)');
  });

  it('escapes headers and literals so API-like text cannot break out of the formula', () => {
    const odd: CostBinding = { provider: 'HE"RE', key: "Item [x] #1 'a'", date: 'Date', quantity: 'Qty' };
    const formula = costFormula({ ...odd, ratesTable: 'Rates2' });
    expect(formula).toContain(`[@[Item '[x'] '#1 ''a'']]`);
    expect(formula).toContain('"HE""RE"');
    const rows = [rate({ provider: 'HE"RE', key: 'K', unit: 'u', unitPrice: 2, currency: 'EUR' })];
    const row = { "Item [x] #1 'a'": 'k', Date: day('2026-01-01'), Qty: 3 };
    expect(runFormula(formula, 'Rates2', rows, row)).toBe(6);
    expect(rowCost(row, readRateCard(rows).rates, odd)?.cost).toBe(6);
    expect(() => costFormula({ ...odd, ratesTable: 'My Rates' })).toThrow(/not an Excel table name/);
  });

  it('gives the currency of the rate the cost used, as the rule does, and nothing where there is no cost', () => {
    const formula = costCurrencyFormula(here, 'Cost');
    const withCost = (row: TableRow): TableRow => ({ ...row, Cost: runFormula(hereFormula, 'MeterbookRates', rateRows, row) });
    const results = hereRows.map((row) => runFormula(formula, 'MeterbookRates', rateRows, withCost(row)));
    expect(results).toEqual(hereRows.map((row) => rowCost(row, rates, here)?.rate.currency ?? ''));
    expect(results.slice(1, 9)).toEqual(['EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'USD', '', 'EUR']);
    expect(acronisRows.map((row) => runFormula(costCurrencyFormula(acronis, 'Cost'), 'MeterbookRates', rateRows, { ...row, Cost: expected(row, acronis) }))).toEqual(['EUR', '', 'EUR', 'EUR']);
    const functions = new Set([...formula.matchAll(/([A-Z]+)\(/g)].map((m) => m[1]));
    expect([...functions].sort()).toEqual(['IF', 'INDEX', 'INT', 'MIN', 'ROW', 'SUMPRODUCT']);
    // A rate whose Currency cell is empty gives an empty text, not Excel's 0 for an empty cell.
    const noCurrency = rateRows.map((r, i) => (i === 2 ? { ...r, currency: null } : r));
    expect(runFormula(formula, 'MeterbookRates', noCurrency, withCost(hereRows[5] as TableRow))).toBe('');
  });
});
