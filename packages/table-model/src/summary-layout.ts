// What a summary sheet holds, described once for every writer: where the PivotTable goes and what
// it shows, the month-over-month block and the chart's data block (our formulas only: they refer
// to cells, never contain text from an API), and the chart.
//
// Month over month: Office.js's ShowAsRule `differenceFrom` takes a base *item* (a PivotItem such as
// "Nov 2026"); there is no "previous item" base in the API (ExcelApi 1.8 ShowAsRule reference), so
// the change is a small block of our formulas over GETPIVOTDATA beside the PivotTable.

import { columnLetters } from './a1.js';
import type { MonthChange, SummaryFields } from './summary.js';
import { DECIMAL_FORMAT, MONTH_FORMAT, PERCENT_FORMAT } from './formats.js';
import { MIXED_CURRENCY_FORMAT, currencyFormat } from './cost/currency.js';

/** A cell by 0-based row and column. */
export interface CellAt {
  row: number;
  col: number;
}

/** The PivotTable of a summary. */
export interface PivotPlan {
  name: string;
  /** Top-left cell of the PivotTable body; filters go in the rows above it. */
  at: CellAt;
  rows: readonly string[];
  columns: readonly string[];
  /** Data hierarchies: the field summed and the name shown (`Sum of Billable quantity`). */
  values: readonly { field: string; name: string; format: string }[];
  filters: readonly string[];
}

/**
 * The PivotTable of cost, for tables with our Cost column: rows Cost currency (outermost), Category,
 * Service; columns Month; Sum of Cost. Each currency has its own subtotal, and the grand total row
 * (which would add currencies up) is turned off.
 */
export interface CostPivotPlan extends PivotPlan {
  /** The currency row field. */
  currency: string;
  /** Always false: a sum across currencies is never shown. */
  grandTotalRow: false;
}

/** The chart of a summary. */
export interface ChartPlan {
  name: string;
  /** Excel.ChartType name. */
  type: 'ColumnClustered';
  /** Sentence case, as Microsoft's data-visualization guidance asks. */
  title: string;
  /** Cell the chart's top-left corner sits on, and its size in cells. */
  at: CellAt;
  widthCols: number;
  heightRows: number;
  /** Series colours, one per category, Fluent's data-visualization palette. */
  colors: readonly string[];
}

/** Everything a writer needs to lay out a summary sheet. */
export interface SummaryPlan {
  tableName: string;
  sheetName: string;
  caption: string;
  note: string;
  fields: SummaryFields;
  pivot: PivotPlan;
  /** Sum of Cost per currency, when the table has our Cost column; placed by costPivotAt. */
  costPivot?: CostPivotPlan;
  /** Header row of the month-over-month block; its rows follow, one per month. */
  momAt: CellAt;
  chart: ChartPlan;
}

/** Fluent 2 data-visualization colours (brand blue first). */
export const FLUENT_COLORS: readonly string[] = ['#0F6CBD', '#C239B3', '#4F6BED', '#00B7C3', '#CA5010', '#8764B8', '#498205', '#E3008C', '#986F0B', '#637CEF'];

/** The summary sheet of a table, named for its source sheet (the writer makes it unique). */
export function summarySheetName(sourceSheet: string, tableName: string): string {
  // Sheet names hold 31 characters: drop the source's first word (`Usage`), else name the table.
  const period = sourceSheet.replace(/^\S+\s+/, '');
  // `26 Nov 2026 – 30 Nov 2026` said once as `26 Nov – 30 Nov 2026` when both ends share the year.
  const sameYear = period.replace(/^(\d{1,2} \w{3}) (\d{4}) – (\d{1,2} \w{3}) \2$/, '$1 – $3 $2');
  const candidates = [`Summary ${sourceSheet}`, `Summary ${period}`, `Summary ${sameYear}`, `Summary ${tableName}`];
  return candidates.find((c) => c.length <= 31) ?? candidates[3]!.slice(0, 31);
}
/** The PivotTable's name: one per table. */
export const pivotName = (tableName: string): string => `${tableName}_Pivot`;
/** The cost PivotTable's name: one per table. */
export const costPivotName = (tableName: string): string => `${tableName}_CostPivot`;
/** The chart's name: one per table. */
export const chartName = (tableName: string): string => `${tableName}_Chart`;

// Right of the blocks: Month and MAX_CHART_CATEGORIES series fit in A:I, column J stays empty.
const PIVOT_AT: CellAt = { row: 5, col: 10 };
const MOM_AT: CellAt = { row: 3, col: 0 };
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/** The plan of a table's summary sheet. */
export function summaryPlan(input: { tableName: string; sourceSheet: string; fields: SummaryFields }): SummaryPlan {
  const { fields } = input;
  const first = fields.values[0] as string;
  const by = `${fields.rows[0].toLowerCase()} and ${fields.rows[1].toLowerCase()}${fields.month ? ', by month' : ''}`;
  return {
    tableName: input.tableName,
    sheetName: summarySheetName(input.sourceSheet, input.tableName),
    caption: `Summary of “${input.sourceSheet}” (table ${input.tableName}): ${first.toLowerCase()}${fields.cost ? ' and cost per currency' : ''} by ${by}`,
    note: `The PivotTable reads table ${input.tableName}; Refresh of that table refreshes it. Month over month: our formulas over the PivotTable.${fields.cost ? ' Cost is summed per currency, never across currencies.' : ''}`,
    fields,
    pivot: {
      name: pivotName(input.tableName), at: PIVOT_AT,
      rows: fields.rows, columns: fields.month ? [fields.month] : [],
      values: fields.values.map((field) => ({ field, name: `Sum of ${field}`, format: DECIMAL_FORMAT })),
      filters: fields.filters,
    },
    ...(fields.cost ? { costPivot: costPivotPlan(input.tableName, fields, fields.cost) } : {}),
    momAt: MOM_AT,
    chart: { name: chartName(input.tableName), type: 'ColumnClustered', title: sentence(`${first} by month`), at: { row: 0, col: 0 }, widthCols: 6, heightRows: 16, colors: FLUENT_COLORS },
  };
}

function costPivotPlan(tableName: string, fields: SummaryFields, cost: { value: string; currency: string }): CostPivotPlan {
  return {
    name: costPivotName(tableName), at: PIVOT_AT, currency: cost.currency, grandTotalRow: false,
    rows: [cost.currency, ...fields.rows], columns: fields.month ? [fields.month] : [],
    values: [{ field: cost.value, name: `Sum of ${cost.value}`, format: MIXED_CURRENCY_FORMAT }],
    filters: [],
  };
}

/** The cost values' format: the currency's own (`[$EUR] #,##0.00`) when there is one, plain numbers when they mix. */
export function costValueFormat(currencies: readonly string[]): string {
  return currencies.length === 1 ? currencyFormat(currencies[0] as string) : MIXED_CURRENCY_FORMAT;
}

/**
 * Where the cost PivotTable goes: right of the quantity PivotTable, past its widest layout (two
 * label columns, then months and a total for each value) and one empty column; Excel refuses
 * PivotTables that overlap.
 */
export function costPivotAt(plan: SummaryPlan, months: number): CellAt {
  const width = 2 + (Math.max(1, months) + 1) * plan.pivot.values.length;
  return { row: plan.pivot.at.row, col: plan.pivot.at.col + width + 1 };
}

/** A block of cells: values (numbers, text, or formulas we composed) with one format per cell. */
export interface Block {
  at: CellAt;
  values: (string | number)[][];
  formats: string[][];
  /** Cells holding text (labels from the data): written under the text rule, never as formulas. */
  textCells: CellAt[];
}

/** `$H$6`: the cell GETPIVOTDATA names the PivotTable by. */
const pivotAnchor = (plan: SummaryPlan): string => `$${columnLetters(plan.pivot.at.col)}$${plan.pivot.at.row + 1}`;

const MOM_HEADER = ['Month', '', 'Change', 'Change %'];

/**
 * The month-over-month block: Month | total of the first value | change | change %. In Excel its
 * cells are our formulas over the PivotTable (GETPIVOTDATA, differences); given `computed` (the
 * preview, which has no PivotTable and no calculation) they are those numbers.
 */
export function monthOverMonthBlock(plan: SummaryPlan, months: readonly number[], computed?: readonly MonthChange[]): Block {
  const { row, col } = plan.momAt;
  const first = plan.fields.values[0] as string;
  const pivotCell = pivotAnchor(plan);
  const letter = (c: number): string => columnLetters(col + c);
  const values: (string | number)[][] = [MOM_HEADER.map((h, i) => (i === 1 ? first : h))];
  const formats: string[][] = [MOM_HEADER.map(() => '@')];
  months.forEach((m, i) => {
    const r = row + 2 + i; // 1-based row of this line
    const c = computed?.[i];
    if (computed) {
      values.push([m, c?.total ?? 0, c?.change ?? '', c?.changeRatio ?? '']);
    } else {
      const total = `=IFERROR(GETPIVOTDATA("${plan.pivot.values[0]!.name}",${pivotCell},"${plan.fields.month ?? 'Month'}",${letter(0)}${r}),0)`;
      const change = i === 0 ? '' : `=${letter(1)}${r}-${letter(1)}${r - 1}`;
      const ratio = i === 0 ? '' : `=IF(${letter(1)}${r - 1}=0,"",${letter(2)}${r}/${letter(1)}${r - 1})`;
      values.push([m, total, change, ratio]);
    }
    formats.push([MONTH_FORMAT, DECIMAL_FORMAT, DECIMAL_FORMAT, PERCENT_FORMAT]);
  });
  return { at: plan.momAt, values, formats, textCells: [] };
}

/** Row where the chart's data block starts: two rows under the month-over-month block. */
export const chartDataRow = (plan: SummaryPlan, months: number): number => plan.momAt.row + months + 3;

/** Category columns the chart's data holds; past it the rest is one "Other" column. */
export const MAX_CHART_CATEGORIES = 8;
const OTHER = 'Other';

/** The series the chart shows: the categories, or the first ones and "Other". */
export function chartSeries(categories: readonly string[]): string[] {
  return categories.length <= MAX_CHART_CATEGORIES ? [...categories] : [...categories.slice(0, MAX_CHART_CATEGORIES - 1), OTHER];
}

/**
 * The chart's data: Month | one column per category of the first value (at most
 * MAX_CHART_CATEGORIES, the rest summed as "Other"). Category names are data, so they sit in text
 * cells and the formulas refer to those cells. `values[c][m]` (the preview) gives the numbers.
 */
export function chartDataBlock(plan: SummaryPlan, months: readonly number[], categories: readonly string[], values?: readonly (readonly number[])[]): Block {
  const row = chartDataRow(plan, months.length);
  const at = { row, col: plan.momAt.col };
  const [catField] = plan.fields.rows;
  const pivotCell = pivotAnchor(plan);
  const letter = (c: number): string => columnLetters(at.col + c);
  const series = chartSeries(categories);
  const other = series.length < categories.length;
  const named = other ? series.length - 1 : series.length;
  const out: (string | number)[][] = [['Month', ...series]];
  const formats: string[][] = [['@', ...series.map(() => '@')]];
  months.forEach((m, i) => {
    const r = row + 2 + i;
    const cells: (string | number)[] = series.slice(0, named).map((_, c) => (values
      ? (values[c]?.[i] ?? 0)
      : `=IFERROR(GETPIVOTDATA("${plan.pivot.values[0]!.name}",${pivotCell},"${plan.fields.month ?? 'Month'}",$${letter(0)}${r},"${catField}",${letter(c + 1)}$${row + 1}),0)`));
    if (other) {
      // The month's total (the month-over-month block) less the named categories.
      const momRow = plan.momAt.row + 2 + i;
      cells.push(values
        ? values.slice(named).reduce((sum, v) => sum + (v[i] ?? 0), 0)
        : `=${columnLetters(plan.momAt.col + 1)}${momRow}-SUM(${letter(1)}${r}:${letter(named)}${r})`);
    }
    out.push([m, ...cells]);
    formats.push([MONTH_FORMAT, ...series.map(() => DECIMAL_FORMAT)]);
  });
  return { at, values: out, formats, textCells: series.map((_, c) => ({ row, col: at.col + 1 + c })) };
}

/** The chart sits under its data block. */
export function chartAt(plan: SummaryPlan, months: number): CellAt {
  return { row: chartDataRow(plan, months) + months + 2, col: plan.momAt.col };
}
