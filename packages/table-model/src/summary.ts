// The summary of a table: which fields it is built on, and the one aggregation (rows x months,
// totals, month-over-month change) the preview renders and the tests check Excel's numbers against.
// Cost is summed per currency, never across currencies.

import { COST_COLUMN_HEADER, COST_CURRENCY_HEADER } from './cost/cost-column.js';

/** Where a table's rows came from. */
export type TableSource = 'here' | 'acronis';

/** The headers a summary is built on. */
export interface SummaryFields {
  /** Row fields, outer first: Category then Service (Acronis: Edition then Offering item). */
  rows: readonly [string, string];
  /** The Month column, when the table has dates. */
  month?: string;
  /** Value fields summed; the first one drives the chart and the month-over-month block. */
  values: readonly string[];
  /** Report filters present in the table (Realm or Tenant, Billing tag). */
  filters: readonly string[];
  /** Our Cost column and its currency column, when the table has both: Sum of Cost per currency. */
  cost?: { value: string; currency: string };
}

const HERE: SummaryFields = { rows: ['Category', 'Service'], month: 'Month', values: ['Billable quantity', 'Quantity'], filters: ['Realm', 'Billing tag'] };
const ACRONIS: SummaryFields = {
  rows: ['Edition', 'Offering item'], month: 'Month',
  values: ['Effective total usage', 'Total usage', 'Effective production usage', 'Production usage'], filters: ['Tenant'],
};

/** The summary fields of a table with these headers; a clear error when it lacks what a summary needs. */
export function summaryFields(source: TableSource, headers: readonly string[]): SummaryFields {
  const base = source === 'here' ? HERE : ACRONIS;
  const has = new Set(headers);
  const missing = base.rows.filter((h) => !has.has(h));
  const values = base.values.filter((h) => has.has(h)).slice(0, 2);
  if (missing.length > 0 || values.length === 0) {
    const need = [...base.rows, base.values[0] as string].filter((h) => !has.has(h));
    throw new Error(`This table cannot be summarized: it has no ${need.join(', ')} column. Insert the data again with those fields (all fields, or at least ${[...base.rows, base.values[0]].join(', ')}).`);
  }
  return {
    rows: base.rows, values, filters: base.filters.filter((h) => has.has(h)),
    ...(base.month && has.has(base.month) ? { month: base.month } : {}),
    ...(has.has(COST_COLUMN_HEADER) && has.has(COST_CURRENCY_HEADER) ? { cost: { value: COST_COLUMN_HEADER, currency: COST_CURRENCY_HEADER } } : {}),
  };
}

/** One row of the summary: a category and service (or a category alone) with its sums. */
export interface SummaryLine {
  category: string;
  service: string;
  /** `sums[value][month]`; one column when the table has no Month. */
  sums: number[][];
  /** `totals[value]` over every month. */
  totals: number[];
}

/** One month of the month-over-month view. */
export interface MonthChange {
  /** First of the month, as an Excel serial. */
  month: number;
  total: number;
  /** Against the month before; undefined for the first month. */
  change?: number;
  /** Undefined for the first month and when the month before was 0. */
  changeRatio?: number;
}

/** The aggregation a PivotTable with these fields would show. */
export interface Summary {
  fields: SummaryFields;
  /** Excel serials of the months, ascending (empty when the table has no Month column). */
  months: number[];
  /** Category then service, in text order. */
  lines: SummaryLine[];
  categories: SummaryLine[];
  /** `monthTotals[value][month]`. */
  monthTotals: number[][];
  grandTotals: number[];
  /** Month over month of the first value. */
  monthOverMonth: MonthChange[];
  /** Sum of Cost per currency (currency order), for tables with our Cost column; rows without a cost count in none. */
  costs: CostInSummary[];
}

/** Sum of Cost of one currency: lines and categories as above (one value: the cost), by month and in all. */
export interface CostInSummary {
  currency: string;
  lines: SummaryLine[];
  categories: SummaryLine[];
  monthTotals: number[];
  total: number;
}

/** Excel pivots call an empty label "(blank)"; so do we. */
const label = (v: unknown): string => (v === undefined || v === null || v === '' ? '(blank)' : String(v));
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function emptyLine(category: string, service: string, values: number, months: number): SummaryLine {
  return { category, service, sums: Array.from({ length: values }, () => new Array<number>(months).fill(0)), totals: new Array<number>(values).fill(0) };
}

type Row = Readonly<Record<string, unknown>>;

interface Sums {
  lines: SummaryLine[];
  categories: SummaryLine[];
  monthTotals: number[][];
  grandTotals: number[];
}

/** Sums `values` by (category, service) and month column (given by `column`; undefined: in no month). */
function sumBy(list: readonly Row[], fields: SummaryFields, values: readonly string[], width: number, column: (r: Row) => number | undefined): Sums {
  const [catField, serviceField] = fields.rows;
  const nv = values.length;
  const lines = new Map<string, SummaryLine>();
  const categories = new Map<string, SummaryLine>();
  const monthTotals = Array.from({ length: nv }, () => new Array<number>(width).fill(0));
  const grandTotals = new Array<number>(nv).fill(0);
  for (const r of list) {
    const category = label(r[catField]);
    const service = label(r[serviceField]);
    const key = JSON.stringify([category, service]);
    let line = lines.get(key);
    if (!line) lines.set(key, (line = emptyLine(category, service, nv, width)));
    let cat = categories.get(category);
    if (!cat) categories.set(category, (cat = emptyLine(category, '', nv, width)));
    const m = column(r);
    if (m === undefined) continue; // a row without a month counts in no month column, as in a pivot's (blank)
    values.forEach((field, v) => {
      const x = num(r[field]);
      for (const target of [line, cat]) {
        (target.sums[v] as number[])[m]! += x;
        target.totals[v]! += x;
      }
      (monthTotals[v] as number[])[m]! += x;
      grandTotals[v]! += x;
    });
  }
  return {
    lines: [...lines.values()].sort((a, b) => byText(a.category, b.category) || byText(a.service, b.service)),
    categories: [...categories.values()].sort((a, b) => byText(a.category, b.category)),
    monthTotals, grandTotals,
  };
}

/**
 * Sums the value fields by (category, service) and month over table rows keyed by header, as a
 * PivotTable with rows Category, Service and columns Month would; with our Cost column, also the
 * Sum of Cost of each currency (a PivotTable with Cost currency as its outer row field).
 */
export function summarize(rows: Iterable<Row>, fields: SummaryFields): Summary {
  const list = [...rows];
  const monthOf = (r: Row): number => (fields.month ? num(r[fields.month]) : 0);
  const months = fields.month ? [...new Set(list.map(monthOf).filter((m) => m > 0))].sort((a, b) => a - b) : [];
  const width = Math.max(1, months.length);
  const index = new Map(months.map((m, i) => [m, i]));
  const column = (r: Row): number | undefined => (fields.month ? index.get(monthOf(r)) : 0);
  const { lines, categories, monthTotals, grandTotals } = sumBy(list, fields, fields.values, width, column);
  const first = monthTotals[0] ?? [];
  const monthOverMonth: MonthChange[] = months.map((month, i) => {
    const total = first[i] ?? 0;
    if (i === 0) return { month, total };
    const before = first[i - 1] ?? 0;
    return { month, total, change: total - before, ...(before !== 0 ? { changeRatio: total / before - 1 } : {}) };
  });
  return { fields, months, lines, categories, monthTotals, grandTotals, monthOverMonth, costs: costsOf(list, fields, width, column) };
}

/** Sum of Cost per currency: a row counts in its own currency only, and a row without a cost in none. */
function costsOf(list: readonly Row[], fields: SummaryFields, width: number, column: (r: Row) => number | undefined): CostInSummary[] {
  const cost = fields.cost;
  if (!cost) return [];
  const currencyOf = (r: Row): string => (typeof r[cost.currency] === 'string' ? (r[cost.currency] as string).trim() : '');
  const priced = list.filter((r) => currencyOf(r) !== '' && typeof r[cost.value] === 'number');
  const currencies = [...new Set(priced.map(currencyOf))].sort(byText);
  return currencies.map((currency) => {
    const sums = sumBy(priced.filter((r) => currencyOf(r) === currency), fields, [cost.value], width, column);
    return { currency, lines: sums.lines, categories: sums.categories, monthTotals: sums.monthTotals[0] ?? [], total: sums.grandTotals[0] ?? 0 };
  });
}
