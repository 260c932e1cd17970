// The cost formula and the cost rule in code must agree. Excel cannot run here, so this file holds
// a minimal interpreter of exactly the formula language the cost formula uses (SUMPRODUCT, IF,
// INT, DATE, comparisons, arithmetic, &, structured references) with Excel's rules for empty
// cells, text comparison and arrays, and evaluates the formula text on sample rows.
import { describe, expect, it } from 'vitest';
import { rowCost, type CostBinding, type TableRow } from './binding.js';
import { serialFromDate, type CellValue } from './cells.js';
import { costFormula } from './formula.js';
import { RATE_CARD_COLUMNS, readRateCard, type RateCardRow } from './rate-card.js';

// ---- the interpreter -----------------------------------------------------------------------

const EMPTY = Symbol('empty');
type Scalar = number | string | boolean | typeof EMPTY;
type Value = Scalar | Scalar[];
type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'col'; table: string; column: string } | { t: 'row'; column: string } | { t: 'op'; v: string };

function unescapeColumn(text: string): string {
  return text.replace(/'(.)/g, '$1');
}

/** Reads a bracketed column name from `at` (just after its `[`); returns the name and the index after its `]`. */
function bracketed(src: string, at: number): [string, number] {
  let i = at;
  let out = '';
  while (i < src.length && src[i] !== ']') {
    if (src[i] === "'") {
      out += src.slice(i, i + 2);
      i += 2;
    } else out += src[i++];
  }
  return [unescapeColumn(out), i + 1];
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '"') {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (src[j] === '"' && src[j + 1] === '"') {
          v += '"';
          j += 2;
        } else if (src[j] === '"') break;
        else v += src[j++];
      }
      tokens.push({ t: 'str', v });
      i = j + 1;
    } else if (src.startsWith('[@[', i)) {
      const [column, next] = bracketed(src, i + 3);
      if (src[next] !== ']') throw new Error(`bad this-row reference at ${i}`);
      tokens.push({ t: 'row', column });
      i = next + 1;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^[0-9]*\.?[0-9]+/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_\\]/.test(ch)) {
      const m = /^[A-Za-z_\\][A-Za-z0-9_.]*/.exec(src.slice(i)) as RegExpExecArray;
      i += m[0].length;
      if (src[i] === '[') {
        const [column, next] = bracketed(src, i + 1);
        tokens.push({ t: 'col', table: m[0], column });
        i = next;
      } else tokens.push({ t: 'name', v: m[0].toUpperCase() });
    } else {
      const two = src.slice(i, i + 2);
      const op = ['<>', '<=', '>='].includes(two) ? two : ch;
      if (!'=<>+-*/&(),'.includes(op[0] as string)) throw new Error(`unexpected ${ch} at ${i}`);
      tokens.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  return tokens;
}

type Node = { k: 'lit'; v: Scalar } | { k: 'col'; table: string; column: string } | { k: 'row'; column: string } | { k: 'bin'; op: string; a: Node; b: Node } | { k: 'call'; fn: string; args: Node[] };

function parse(tokens: Token[]): Node {
  let p = 0;
  const peekOp = (...ops: string[]): string | undefined => {
    const tok = tokens[p];
    return tok?.t === 'op' && ops.includes(tok.v) ? tok.v : undefined;
  };
  const expect = (op: string): void => {
    if (peekOp(op) === undefined) throw new Error(`expected ${op} at token ${p}`);
    p++;
  };
  const level = (ops: string[], next: () => Node) => (): Node => {
    let a = next();
    for (let op = peekOp(...ops); op !== undefined; op = peekOp(...ops)) {
      p++;
      a = { k: 'bin', op, a, b: next() };
    }
    return a;
  };
  const primary = (): Node => {
    const tok = tokens[p++];
    if (tok === undefined) throw new Error('unexpected end');
    if (tok.t === 'num' || tok.t === 'str') return { k: 'lit', v: tok.v };
    if (tok.t === 'col') return { k: 'col', table: tok.table, column: tok.column };
    if (tok.t === 'row') return { k: 'row', column: tok.column };
    if (tok.t === 'name') {
      expect('(');
      const args: Node[] = [];
      if (peekOp(')') === undefined) {
        args.push(comparison());
        while (peekOp(',') !== undefined) {
          p++;
          args.push(comparison());
        }
      }
      expect(')');
      return { k: 'call', fn: tok.v, args };
    }
    if (tok.t === 'op' && tok.v === '(') {
      const inner = comparison();
      expect(')');
      return inner;
    }
    throw new Error(`unexpected token ${JSON.stringify(tok)}`);
  };
  // Excel's precedence, lowest first: comparison, &, + -, * /.
  const product = level(['*', '/'], primary);
  const sum = level(['+', '-'], product);
  const concat = level(['&'], sum);
  const comparison = level(['=', '<>', '<', '<=', '>', '>='], concat);
  const tree = comparison();
  if (p !== tokens.length) throw new Error(`unparsed tokens from ${p}`);
  return tree;
}

class ExcelError extends Error {}

function toNumber(v: Scalar): number {
  if (v === EMPTY) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  throw new ExcelError('#VALUE!');
}
const toText = (v: Scalar): string => (v === EMPTY ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));
// Excel orders numbers < text < booleans; an empty cell is "" against text and 0 against numbers.
function compare(x: Scalar, y: Scalar): number {
  const a = x === EMPTY ? (typeof y === 'string' ? '' : 0) : x;
  const b = y === EMPTY ? (typeof a === 'string' ? '' : 0) : y;
  const rank = (v: Scalar): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') return a.toLowerCase().localeCompare((b as string).toLowerCase());
  return toNumber(a) - toNumber(b as Scalar);
}
function binary(op: string, x: Scalar, y: Scalar): Scalar {
  switch (op) {
    case '+': return toNumber(x) + toNumber(y);
    case '-': return toNumber(x) - toNumber(y);
    case '*': return toNumber(x) * toNumber(y);
    case '/': {
      if (toNumber(y) === 0) throw new ExcelError('#DIV/0!');
      return toNumber(x) / toNumber(y);
    }
    case '&': return toText(x) + toText(y);
    case '=': return compare(x, y) === 0;
    case '<>': return compare(x, y) !== 0;
    case '<': return compare(x, y) < 0;
    case '<=': return compare(x, y) <= 0;
    case '>': return compare(x, y) > 0;
    default: return compare(x, y) >= 0;
  }
}

interface Workbook {
  tables: Record<string, Record<string, Scalar[]>>;
  row: Record<string, Scalar>;
}

function evaluate(node: Node, wb: Workbook): Value {
  switch (node.k) {
    case 'lit': return node.v;
    case 'row': {
      if (!(node.column in wb.row)) throw new Error(`no column ${node.column} in the row`);
      return wb.row[node.column] as Scalar;
    }
    case 'col': {
      const column = wb.tables[node.table]?.[node.column];
      if (column === undefined) throw new Error(`no column ${node.table}[${node.column}]`);
      return column;
    }
    case 'bin': {
      const a = evaluate(node.a, wb);
      const b = evaluate(node.b, wb);
      if (!Array.isArray(a) && !Array.isArray(b)) return binary(node.op, a, b);
      const n = Array.isArray(a) ? a.length : (b as Scalar[]).length;
      return Array.from({ length: n }, (_, i) => binary(node.op, Array.isArray(a) ? (a[i] as Scalar) : a, Array.isArray(b) ? (b[i] as Scalar) : b));
    }
    case 'call': return call(node, wb);
  }
}

function scalar(v: Value): Scalar {
  if (Array.isArray(v)) throw new Error('an array where one value was expected');
  return v;
}

function call(node: Extract<Node, { k: 'call' }>, wb: Workbook): Value {
  const arg = (i: number): Value => evaluate(node.args[i] as Node, wb);
  switch (node.fn) {
    case 'IF': return toNumber(scalar(arg(0))) !== 0 ? arg(1) : arg(2);
    case 'INT': {
      // Inside SUMPRODUCT, INT of a column gives a column.
      const v = arg(0);
      return Array.isArray(v) ? v.map((x) => Math.floor(toNumber(x))) : Math.floor(toNumber(v));
    }
    case 'DATE': return serialFromDate(new Date(Date.UTC(toNumber(scalar(arg(0))), toNumber(scalar(arg(1))) - 1, toNumber(scalar(arg(2))))));
    case 'SUMPRODUCT': {
      const arrays = node.args.map((_, i) => arg(i)).map((v) => (Array.isArray(v) ? v : [v]));
      const n = (arrays[0] as Scalar[]).length;
      let total = 0;
      // SUMPRODUCT counts anything that is not a number (text, booleans, empty) as 0.
      for (let i = 0; i < n; i++) total += arrays.reduce((prod, a) => prod * (typeof a[i] === 'number' ? (a[i] as number) : 0), 1);
      return total;
    }
    default: throw new Error(`the interpreter does not know ${node.fn}`);
  }
}

const asScalar = (value: CellValue): Scalar =>
  value === null || value === undefined || value === '' ? EMPTY : value instanceof Date ? serialFromDate(value) : value;

/** The formula's result on one row: a number, or '' for an empty cell; an Excel error as its text. */
function runFormula(formula: string, ratesTable: string, rateRows: readonly RateCardRow[], row: TableRow): number | string {
  const table: Record<string, Scalar[]> = {};
  for (const column of RATE_CARD_COLUMNS) table[column.header] = rateRows.map((r) => asScalar(r[column.key]));
  const cells: Record<string, Scalar> = {};
  for (const [header, value] of Object.entries(row)) cells[header] = asScalar(value);
  try {
    const result = scalar(evaluate(parse(tokenize(formula.replace(/^=/, ''))), { tables: { [ratesTable]: table }, row: cells }));
    return result === EMPTY ? 0 : typeof result === 'boolean' ? Number(result) : result;
  } catch (error) {
    if (error instanceof ExcelError) return error.message;
    throw error;
  }
}

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
});
