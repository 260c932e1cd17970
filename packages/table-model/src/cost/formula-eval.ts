// A minimal interpreter of exactly the formula language the cost formulas use (SUMPRODUCT, IF,
// INT, DATE, INDEX, ROW, MIN, comparisons, arithmetic, &, structured references) with Excel's rules for empty
// cells, text comparison and arrays. Excel cannot run in tests: the table model's test and the
// pane's writers' tests evaluate the formula text with it and compare it with rowCost.
import type { TableRow } from './binding.js';
import { serialFromDate, type CellValue } from './cells.js';
import { RATE_CARD_COLUMNS, type RateCardRow } from './rate-card.js';

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
    case 'ROW': {
      // The rates table's rows sit under its header in row 1 of a sheet: data rows 2, 3, ...
      const v = arg(0);
      return Array.isArray(v) ? v.map((_, i) => i + 2) : 2;
    }
    case 'MIN': {
      const v = arg(0);
      return Math.min(...(Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === 'number'));
    }
    case 'INDEX': {
      const v = arg(0);
      const at = Math.trunc(toNumber(scalar(arg(1))));
      const list = Array.isArray(v) ? v : [v];
      if (at < 1 || at > list.length) throw new ExcelError('#REF!');
      return list[at - 1] as Scalar;
    }
    default: throw new Error(`the interpreter does not know ${node.fn}`);
  }
}

const asScalar = (value: CellValue): Scalar =>
  value === null || value === undefined || value === '' ? EMPTY : value instanceof Date ? serialFromDate(value) : value;

/**
 * What Excel shows for the cost formula (or the cost currency formula) on one row (its cells keyed by header) over a rates table's
 * rows: a number, or '' for an empty cell; an Excel error as its text (`#VALUE!`). For tests of
 * writers that cannot run Excel: they check that the formula text and rowCost agree.
 */
export function evaluateCostFormula(formula: string, ratesTable: string, rateRows: readonly RateCardRow[], row: TableRow): number | string {
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
