// The summary sheet in Excel, as the table model's plan describes it: a PivotTable whose source is
// the table itself (so rows added by Refresh count after `refresh()`), the month-over-month block
// and the chart's data as our formulas over the PivotTable, and a clustered column chart. One
// `context.sync()` per step: read, PivotTable, cost PivotTable and what both found, blocks and chart.
// A table with our Cost column also gets a cost PivotTable: Sum of Cost with Cost currency as its
// outer row field and no grand total row, so no sum ever adds two currencies up.
//
// Requirement sets (SUMMARY_REQUIREMENTS): ExcelApi 1.8; the manifest asks for 1.13, and the check
// below says in words what an older host lacks before anything is written.

import { TEXT_NUMBER_FORMAT, chartAt, chartDataBlock, chartSeries, costPivotAt, costValueFormat, monthOverMonthBlock, type Block, type PivotPlan, type SummaryPlan } from '@meterbook/table-model';
import type { ExcelRun } from './office-settings.js';
import { HostTooOldError, SourceTableMissingError, uniqueName, type SummaryMeta, type SummaryWriter, type WriterOptions } from './table-writer.js';

/** Rows cleared under the caption before the blocks are rewritten (months of two years and more). */
const BLOCK_ROWS = 120;

/**
 * The requirement sets a summary needs, with what each gives (HostTooOldError names the first one
 * missing). ExcelApi 1.8 holds every call the summary makes: PivotTables, their layout, number
 * formats and item visibility (1.8), `series.getItemAt` and `setCategoryNames` (1.7), charts (1.1).
 */
export const SUMMARY_REQUIREMENTS: readonly { set: string; version: string; what: string }[] = [
  { set: 'ExcelApi', version: '1.8', what: 'a PivotTable and its chart' },
];

/** An empty label: a formula's "" shows as an empty item, an empty cell as "(blank)". */
const isBlankItem = (name: string): boolean => name === '' || name === '(blank)';

function hostIsSetSupported(name: string, version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.requirements?.isSetSupported(name, version) ?? false;
}

export class OfficeSummaries implements SummaryWriter {
  constructor(private readonly run: ExcelRun, private readonly options: WriterOptions = {}) {}

  private checkHost(): void {
    const supported = this.options.isSetSupported ?? hostIsSetSupported;
    const missing = SUMMARY_REQUIREMENTS.find((r) => !supported(r.set, r.version));
    if (missing) throw new HostTooOldError(missing.what, `${missing.set} ${missing.version}`);
  }

  async exists(plan: SummaryPlan): Promise<boolean> {
    return this.run(async (context) => {
      const pivot = context.workbook.pivotTables.getItemOrNullObject(plan.pivot.name);
      pivot.load('name');
      await context.sync();
      return !pivot.isNullObject;
    });
  }

  async markOrphaned(plan: SummaryPlan): Promise<string | undefined> {
    return this.run(async (context) => {
      const pivot = context.workbook.pivotTables.getItemOrNullObject(plan.pivot.name);
      pivot.load('name');
      await context.sync();
      if (pivot.isNullObject) return undefined;
      const ws = pivot.worksheet;
      ws.load('name');
      await context.sync();
      const note = ws.getRangeByIndexes(1, 0, 1, 1);
      note.numberFormat = [[TEXT_NUMBER_FORMAT]];
      note.values = [[new SourceTableMissingError(plan.tableName, ws.name).message]];
      await context.sync();
      return ws.name;
    });
  }

  async write(plan: SummaryPlan, months: readonly number[]): Promise<SummaryMeta> {
    this.checkHost();
    return this.run(async (context) => {
      // Step 1: is the table there, and is there a summary already?
      const table = context.workbook.tables.getItemOrNullObject(plan.tableName);
      table.load('name');
      const existing = context.workbook.pivotTables.getItemOrNullObject(plan.pivot.name);
      existing.load('name');
      const cost = plan.costPivot;
      const oldCost = cost ? context.workbook.pivotTables.getItemOrNullObject(cost.name) : undefined;
      oldCost?.load('name');
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      if (table.isNullObject) throw new SourceTableMissingError(plan.tableName);

      // Step 2: the PivotTable, made once; afterwards refreshed (it does not refresh by itself). The
      // cost PivotTable is made anew in step 3, past this one's widest layout as months grow.
      let pivot: Excel.PivotTable;
      let ws: Excel.Worksheet;
      if (oldCost && !oldCost.isNullObject) oldCost.delete();
      if (existing.isNullObject) {
        ws = sheets.add(uniqueName(plan.sheetName, new Set(sheets.items.map((s) => s.name)), 31));
        const head = ws.getRangeByIndexes(0, 0, 2, 1);
        head.numberFormat = [[TEXT_NUMBER_FORMAT], [TEXT_NUMBER_FORMAT]];
        head.values = [[plan.caption], [plan.note]];
        pivot = ws.pivotTables.add(plan.pivot.name, table, ws.getRangeByIndexes(plan.pivot.at.row, plan.pivot.at.col, 1, 1));
        addFields(pivot, plan.pivot);
      } else {
        pivot = existing;
        pivot.refresh();
        ws = pivot.worksheet;
      }
      ws.load('name');
      const header = cost ? table.getHeaderRowRange() : undefined;
      header?.load('values');
      await context.sync();
      const headers = new Set((header?.values[0] ?? []).map(String));
      // A Cost column from before the currency column existed: no cost PivotTable until Add cost runs again.
      const withCost = cost !== undefined && [cost.currency, ...cost.values.map((v) => v.field)].every((h) => headers.has(h));

      // Step 3: the cost PivotTable; the categories the PivotTable found (they label the chart's
      // series), the currencies, the old chart.
      let costPivot: Excel.PivotTable | undefined;
      if (cost && withCost) {
        const at = costPivotAt(plan, months.length);
        costPivot = ws.pivotTables.add(cost.name, table, ws.getRangeByIndexes(at.row, at.col, 1, 1));
        addFields(costPivot, cost);
        costPivot.layout.showColumnGrandTotals = cost.grandTotalRow;
      }
      const [catField] = plan.fields.rows;
      const items = pivot.rowHierarchies.getItem(catField).fields.getItem(catField).items;
      items.load('items/name');
      const currencyItems = cost && costPivot ? costPivot.rowHierarchies.getItem(cost.currency).fields.getItem(cost.currency).items : undefined;
      currencyItems?.load('items/name');
      const oldChart = ws.charts.getItemOrNullObject(plan.chart.name);
      oldChart.load('name');
      await context.sync();
      const categories = items.items.map((i) => i.name);
      const currencyNames = currencyItems?.items.map((i) => i.name) ?? [];
      const currencies = currencyNames.filter((n) => !isBlankItem(n));

      // Step 4: the blocks (our formulas over the PivotTable), the chart, the cost's format.
      if (!oldChart.isNullObject) oldChart.delete();
      // Only the columns left of the PivotTable: Excel refuses to change part of one.
      ws.getRangeByIndexes(plan.momAt.row, plan.momAt.col, BLOCK_ROWS, plan.pivot.at.col - plan.momAt.col).clear('Contents');
      writeBlock(ws, monthOverMonthBlock(plan, months));
      const data = chartDataBlock(plan, months, categories);
      writeBlock(ws, data);
      if (months.length > 0 && categories.length > 0) addChart(ws, plan, data, months.length, chartSeries(categories).length);
      if (cost && costPivot && currencyItems) {
        // One currency: its own format; several: plain numbers, each under its currency's label.
        costPivot.dataHierarchies.getItem(cost.values[0]!.name).numberFormat = costValueFormat(currencies);
        // Rows without a rate have no currency: their (empty) cost is no currency's. Excel keeps one item visible.
        if (currencies.length > 0) for (const n of currencyNames.filter(isBlankItem)) currencyItems.getItem(n).visible = false;
      }
      await context.sync();
      return { sheetName: ws.name, months: months.length, categories, ...(withCost ? { costCurrencies: currencies } : {}) };
    });
  }
}

/** Rows, columns, values (summed, named, formatted) and filters of a planned PivotTable. */
function addFields(pivot: Excel.PivotTable, plan: PivotPlan): void {
  for (const h of plan.rows) pivot.rowHierarchies.add(pivot.hierarchies.getItem(h));
  for (const h of plan.columns) pivot.columnHierarchies.add(pivot.hierarchies.getItem(h));
  for (const v of plan.values) {
    const data = pivot.dataHierarchies.add(pivot.hierarchies.getItem(v.field));
    data.summarizeBy = 'Sum';
    data.name = v.name;
    data.numberFormat = v.format;
  }
  for (const h of plan.filters) pivot.filterHierarchies.add(pivot.hierarchies.getItem(h));
}

/** Formats first (`@` on the cells holding labels from the data), then the values. */
function writeBlock(ws: Excel.Worksheet, block: Block): void {
  const rows = block.values.length;
  const cols = Math.max(...block.values.map((r) => r.length));
  const range = ws.getRangeByIndexes(block.at.row, block.at.col, rows, cols);
  const text = new Set(block.textCells.map((c) => `${c.row}:${c.col}`));
  range.numberFormat = block.formats.map((line, r) => line.map((f, c) => (text.has(`${block.at.row + r}:${block.at.col + c}`) ? TEXT_NUMBER_FORMAT : f)));
  range.values = block.values;
}

function addChart(ws: Excel.Worksheet, plan: SummaryPlan, data: Block, months: number, series: number): void {
  // The series are the category columns (their header cells name them); the months label the x axis.
  const source = ws.getRangeByIndexes(data.at.row, data.at.col + 1, months + 1, series);
  const chart = ws.charts.add('ColumnClustered', source, 'Columns');
  chart.name = plan.chart.name;
  chart.title.text = plan.chart.title;
  chart.legend.position = 'Bottom';
  chart.axes.categoryAxis.setCategoryNames(ws.getRangeByIndexes(data.at.row + 1, data.at.col, months, 1));
  for (let i = 0; i < series; i++) chart.series.getItemAt(i).format.fill.setSolidColor(plan.chart.colors[i % plan.chart.colors.length] as string);
  const at = chartAt(plan, months);
  chart.setPosition(ws.getRangeByIndexes(at.row, at.col, 1, 1), ws.getRangeByIndexes(at.row + plan.chart.heightRows - 1, at.col + plan.chart.widthCols - 1, 1, 1));
}
