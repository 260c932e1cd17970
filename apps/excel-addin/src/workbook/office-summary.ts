// The summary sheet in Excel, as the table model's plan describes it: a PivotTable whose source is
// the table itself (so rows added by Refresh count after `refresh()`), the month-over-month block
// and the chart's data as our formulas over the PivotTable, and a clustered column chart. One
// `context.sync()` per step: read, PivotTable, read its categories, blocks and chart.
//
// Requirement sets: PivotTables need ExcelApi 1.8, charts 1.1 and `setCategoryNames` 1.7; the
// manifest asks for 1.13, and the check below says in words what an older host lacks.

import { TEXT_NUMBER_FORMAT, chartAt, chartDataBlock, chartSeries, monthOverMonthBlock, type Block, type SummaryPlan } from '@meterbook/table-model';
import type { ExcelRun } from './office-settings.js';
import { HostTooOldError, SourceTableMissingError, uniqueName, type SummaryMeta, type SummaryWriter, type WriterOptions } from './table-writer.js';

/** Rows cleared under the caption before the blocks are rewritten (months of two years and more). */
const BLOCK_ROWS = 120;

function hostIsSetSupported(name: string, version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.requirements?.isSetSupported(name, version) ?? false;
}

export class OfficeSummaries implements SummaryWriter {
  constructor(private readonly run: ExcelRun, private readonly options: WriterOptions = {}) {}

  private checkHost(): void {
    const supported = this.options.isSetSupported ?? hostIsSetSupported;
    if (!supported('ExcelApi', '1.8')) throw new HostTooOldError('a PivotTable and its chart', 'ExcelApi 1.8');
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
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      if (table.isNullObject) throw new SourceTableMissingError(plan.tableName);

      // Step 2: the PivotTable, made once; afterwards refreshed (it does not refresh by itself).
      let pivot: Excel.PivotTable;
      let ws: Excel.Worksheet;
      if (existing.isNullObject) {
        ws = sheets.add(uniqueName(plan.sheetName, new Set(sheets.items.map((s) => s.name)), 31));
        const head = ws.getRangeByIndexes(0, 0, 2, 1);
        head.numberFormat = [[TEXT_NUMBER_FORMAT], [TEXT_NUMBER_FORMAT]];
        head.values = [[plan.caption], [plan.note]];
        pivot = ws.pivotTables.add(plan.pivot.name, table, ws.getRangeByIndexes(plan.pivot.at.row, plan.pivot.at.col, 1, 1));
        for (const h of plan.pivot.rows) pivot.rowHierarchies.add(pivot.hierarchies.getItem(h));
        for (const h of plan.pivot.columns) pivot.columnHierarchies.add(pivot.hierarchies.getItem(h));
        for (const v of plan.pivot.values) {
          const data = pivot.dataHierarchies.add(pivot.hierarchies.getItem(v.field));
          data.summarizeBy = 'Sum';
          data.name = v.name;
          data.numberFormat = v.format;
        }
        for (const h of plan.pivot.filters) pivot.filterHierarchies.add(pivot.hierarchies.getItem(h));
      } else {
        pivot = existing;
        pivot.refresh();
        ws = pivot.worksheet;
      }
      ws.load('name');
      await context.sync();

      // Step 3: the categories the PivotTable found (they label the chart's series), the old chart.
      const [catField] = plan.fields.rows;
      const items = pivot.rowHierarchies.getItem(catField).fields.getItem(catField).items;
      items.load('items/name');
      const oldChart = ws.charts.getItemOrNullObject(plan.chart.name);
      oldChart.load('name');
      await context.sync();
      const categories = items.items.map((i) => i.name);

      // Step 4: the blocks (our formulas over the PivotTable) and the chart.
      if (!oldChart.isNullObject) oldChart.delete();
      // Only the columns left of the PivotTable: Excel refuses to change part of one.
      ws.getRangeByIndexes(plan.momAt.row, plan.momAt.col, BLOCK_ROWS, plan.pivot.at.col - plan.momAt.col).clear('Contents');
      writeBlock(ws, monthOverMonthBlock(plan, months));
      const data = chartDataBlock(plan, months, categories);
      writeBlock(ws, data);
      if (months.length > 0 && categories.length > 0) addChart(ws, plan, data, months.length, chartSeries(categories).length);
      await context.sync();
      return { sheetName: ws.name, months: months.length, categories };
    });
  }
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
