// The summary sheet in the in-page preview. There is no PivotTable outside Excel, so the same
// layout is filled with numbers from the table model's one aggregation (`summarize`): the
// pivot-like block (rows Category, Service; columns Month; both sums), Sum of Cost per currency
// for a table with our Cost column, the month-over-month block and the chart's data, plus a chart
// description that preview-chart.ts draws.

import {
  DECIMAL_FORMAT, MONTH_FORMAT, TEXT_NUMBER_FORMAT, chartAt, chartDataBlock, costValueFormat, fromExcelSerial, monthOverMonthBlock, monthWords, summarize,
  type Block, type Summary, type SummaryPlan,
} from '@meterbook/table-model';
import type { PreviewWorkbook } from './preview-workbook.js';
import { SourceTableMissingError, uniqueName, type SummaryMeta, type SummaryWriter, type WriterOptions } from './table-writer.js';

const TEXT = TEXT_NUMBER_FORMAT;

export class PreviewSummaries implements SummaryWriter {
  constructor(private readonly wb: PreviewWorkbook, _options: WriterOptions = {}) {}

  async exists(plan: SummaryPlan): Promise<boolean> {
    return this.wb.model.summaries?.[plan.tableName] !== undefined;
  }

  async markOrphaned(plan: SummaryPlan): Promise<string | undefined> {
    const known = this.wb.model.summaries?.[plan.tableName];
    if (!known || !this.wb.sheet(known.sheet)) return undefined;
    known.orphaned = true;
    this.wb.write(known.sheet, 1, 0, [[new SourceTableMissingError(plan.tableName, known.sheet).message]], [[TEXT]]);
    this.wb.changed();
    return known.sheet;
  }

  async write(plan: SummaryPlan, _months: readonly number[]): Promise<SummaryMeta> {
    const table = this.wb.table(plan.tableName);
    if (!table) throw new SourceTableMissingError(plan.tableName);
    const summary = summarize(this.wb.tableRecords(plan.tableName), plan.fields);
    const summaries = (this.wb.model.summaries ??= {});
    const known = summaries[plan.tableName];
    const sheetName = known && this.wb.sheet(known.sheet) ? known.sheet : uniqueName(plan.sheetName, new Set(this.wb.model.sheets.map((s) => s.name)), 31);
    const sheet = this.wb.sheet(sheetName) ?? this.wb.addSheet(sheetName);
    sheet.rows = [];
    sheet.widths = [12, 18, 14, 12, 14, 14, 4, 22, 28];
    this.wb.model.charts = (this.wb.model.charts ?? []).filter((c) => c.sheet !== sheetName);
    this.wb.write(sheetName, 0, 0, [[plan.caption], [plan.note]], [[TEXT], [TEXT]]);
    this.writeBlock(sheetName, monthOverMonthBlock(plan, summary.months, summary.monthOverMonth));
    const categories = summary.categories.map((c) => c.category);
    const data = chartDataBlock(plan, summary.months, categories, summary.categories.map((c) => c.sums[0] ?? []));
    this.writeBlock(sheetName, data);
    this.writePivot(sheetName, plan, summary);
    const headers = new Set(this.wb.values(table.sheet, table.row, table.col, 1, table.cols)[0]?.map(String) ?? []);
    const withCost = plan.costPivot !== undefined && headers.has(plan.costPivot.currency);
    // Right of the quantity blocks (2 labels, the months, the total) and one empty column.
    const costCol = plan.pivot.at.col + 2 + (plan.fields.month ? summary.months.length : 0) + 1 + 1;
    if (withCost) this.writeCost(sheetName, plan, summary, costCol);
    const at = chartAt(plan, summary.months.length);
    if (summary.months.length > 0 && categories.length > 0) this.wb.model.charts.push({
      name: plan.chart.name, sheet: sheetName, title: plan.chart.title, row: at.row, col: at.col,
      categories: summary.months.map((m) => monthWords(fromExcelSerial(m))),
      // The chart draws its data block, as Excel's does: one series per column ("Other" included).
      series: (data.values[0] ?? []).slice(1).map((name, i) => ({
        name: String(name), color: plan.chart.colors[i % plan.chart.colors.length] as string, values: data.values.slice(1).map((r) => Number(r[i + 1])),
      })),
    });
    summaries[plan.tableName] = { sheet: sheetName };
    this.wb.changed();
    return { sheetName, months: summary.months.length, categories, ...(withCost ? { costCurrencies: summary.costs.map((c) => c.currency) } : {}) };
  }

  private writeBlock(sheet: string, block: Block): void {
    // Text cells get `@` first, like every label from the data: it can never become a formula.
    const formats = block.formats.map((line, r) => line.map((f, c) => (block.textCells.some((t) => t.row === block.at.row + r && t.col === block.at.col + c) ? TEXT : f)));
    this.wb.write(sheet, block.at.row, block.at.col, block.values, formats);
  }

  /** What Excel's PivotTable shows, in its compact layout: filters above, one block per value. */
  private writePivot(sheet: string, plan: SummaryPlan, s: Summary): void {
    const { row, col } = plan.pivot.at;
    plan.pivot.filters.forEach((f, i) => this.wb.write(sheet, row - 1 - plan.pivot.filters.length + i, col, [[f, '(All)']], [[TEXT, TEXT]]));
    const months = s.months;
    // Without a Month column the pivot has no month columns: only the totals.
    const perMonth = (xs: readonly number[]): number[] => (plan.fields.month ? [...xs] : []);
    let r = row;
    plan.pivot.values.forEach((value, v) => {
      const numbers = (xs: readonly number[]): string[] => xs.map(() => DECIMAL_FORMAT);
      this.wb.write(sheet, r, col, [[value.name, '', ...(plan.fields.month ? [plan.fields.month] : [])]], [[TEXT, TEXT, TEXT]]);
      this.wb.write(sheet, r + 1, col, [[...plan.fields.rows, ...months, 'Grand total']], [[TEXT, TEXT, ...months.map(() => MONTH_FORMAT), TEXT]]);
      r += 2;
      for (const cat of s.categories) {
        const sums = perMonth(cat.sums[v] ?? []);
        this.wb.write(sheet, r++, col, [[cat.category, '', ...sums, cat.totals[v] ?? 0]], [[TEXT, TEXT, ...numbers(sums), DECIMAL_FORMAT]]);
        for (const line of s.lines.filter((l) => l.category === cat.category)) {
          const ls = perMonth(line.sums[v] ?? []);
          this.wb.write(sheet, r++, col, [['', line.service, ...ls, line.totals[v] ?? 0]], [[TEXT, TEXT, ...numbers(ls), DECIMAL_FORMAT]]);
        }
      }
      const totals = perMonth(s.monthTotals[v] ?? []);
      this.wb.write(sheet, r, col, [['Grand total', '', ...totals, s.grandTotals[v] ?? 0]], [[TEXT, TEXT, ...numbers(totals), DECIMAL_FORMAT]]);
      r += 2;
    });
  }

  /**
   * What the cost PivotTable shows, right of the quantities as in Excel: Sum of Cost with the
   * currency as the outer row, a total per currency and no grand total across currencies.
   */
  private writeCost(sheet: string, plan: SummaryPlan, s: Summary, col: number): void {
    const cost = plan.costPivot!;
    const row = plan.pivot.at.row;
    const months = plan.fields.month ? s.months : [];
    const format = costValueFormat(s.costs.map((c) => c.currency));
    const money = (xs: readonly number[]): string[] => xs.map(() => format);
    const perMonth = (xs: readonly number[]): number[] => (plan.fields.month ? [...xs] : []);
    let r = row;
    this.wb.write(sheet, r++, col, [[cost.values[0]!.name, '', '', ...(plan.fields.month ? [plan.fields.month] : [])]], [[TEXT, TEXT, TEXT, TEXT]]);
    this.wb.write(sheet, r++, col, [[cost.currency, ...plan.fields.rows, ...months, 'Total']], [[TEXT, TEXT, TEXT, ...months.map(() => MONTH_FORMAT), TEXT]]);
    if (s.costs.length === 0) this.wb.write(sheet, r, col, [['No row has a cost yet: set rates in the Cost section.']], [[TEXT]]);
    for (const c of s.costs) {
      const sums = perMonth(c.monthTotals);
      this.wb.write(sheet, r++, col, [[c.currency, '', '', ...sums, c.total]], [[TEXT, TEXT, TEXT, ...money(sums), format]]);
      for (const cat of c.categories) {
        const cs = perMonth(cat.sums[0] ?? []);
        this.wb.write(sheet, r++, col, [['', cat.category, '', ...cs, cat.totals[0] ?? 0]], [[TEXT, TEXT, TEXT, ...money(cs), format]]);
        for (const line of c.lines.filter((l) => l.category === cat.category)) {
          const ls = perMonth(line.sums[0] ?? []);
          this.wb.write(sheet, r++, col, [['', '', line.service, ...ls, line.totals[0] ?? 0]], [[TEXT, TEXT, TEXT, ...money(ls), format]]);
        }
      }
    }
  }
}
