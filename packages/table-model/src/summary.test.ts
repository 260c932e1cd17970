import { describe, expect, it } from 'vitest';
import { summarize, summaryFields } from './summary.js';
import { chartDataBlock, costPivotAt, costValueFormat, monthOverMonthBlock, summaryPlan, summarySheetName } from './summary-layout.js';

const headers = ['Date', 'Month', 'Service', 'Category', 'Quantity', 'Billable quantity', 'Unit', 'Billing tag', 'Realm'];
const row = (month: number, category: string, service: string, q: number, b: number) => ({ Month: month, Category: category, Service: service, Quantity: q, 'Billable quantity': b });

describe('summary', () => {
  it('uses the table\'s own headers, and says plainly when a table cannot be summarized', () => {
    expect(summaryFields('here', headers)).toEqual({ rows: ['Category', 'Service'], month: 'Month', values: ['Billable quantity', 'Quantity'], filters: ['Realm', 'Billing tag'] });
    expect(() => summaryFields('here', ['Quantity'])).toThrow(/cannot be summarized: it has no Category, Service, Billable quantity column/);
    expect(summaryFields('acronis', ['Edition', 'Offering item', 'Total usage', 'Tenant']).values).toEqual(['Total usage']);
  });

  it('sums rows x months with totals and month-over-month change', () => {
    const s = summarize([row(2, 'B', 'y', 1, 1), row(1, 'A', 'x', 10, 5), row(2, 'A', 'x', 4, 2), row(2, 'A', 'z', 1, 0), row(3, 'A', 'x', 0, 0)], summaryFields('here', headers));
    expect(s.months).toEqual([1, 2, 3]);
    expect(s.lines.map((l) => [l.category, l.service, l.sums[0], l.totals])).toEqual([
      ['A', 'x', [5, 2, 0], [7, 14]], ['A', 'z', [0, 0, 0], [0, 1]], ['B', 'y', [0, 1, 0], [1, 1]],
    ]);
    expect(s.categories.map((c) => c.totals)).toEqual([[7, 15], [1, 1]]);
    expect(s.monthTotals).toEqual([[5, 3, 0], [10, 6, 0]]);
    expect(s.grandTotals).toEqual([8, 16]);
    expect(s.monthOverMonth).toEqual([{ month: 1, total: 5 }, { month: 2, total: 3, change: -2, changeRatio: 3 / 5 - 1 }, { month: 3, total: 0, change: -3, changeRatio: -1 }]);
  });

  it('labels empty categories "(blank)" and keeps hostile labels as plain strings', () => {
    const s = summarize([row(1, '', '=HYPERLINK("x")', 1, 1)], summaryFields('here', headers));
    expect(s.lines[0]).toMatchObject({ category: '(blank)', service: '=HYPERLINK("x")' });
  });

  it('composes formulas from cell references only: no label from the data is inside one', () => {
    const plan = summaryPlan({ tableName: 'MB_Usage_1', sourceSheet: 'Usage Nov 2026', fields: summaryFields('here', headers) });
    expect(plan.pivot).toMatchObject({ rows: ['Category', 'Service'], columns: ['Month'], filters: ['Realm', 'Billing tag'], values: [{ name: 'Sum of Billable quantity' }, { name: 'Sum of Quantity' }] });
    expect(plan.chart.title).toBe('Billable quantity by month');
    expect(plan.caption).toBe('Summary of “Usage Nov 2026” (table MB_Usage_1): billable quantity by category and service, by month');
    expect(plan.sheetName).toBe('Summary Usage Nov 2026');
    expect(summarySheetName('Usage May 2024 – Jun 2024', 'MB_Usage_1')).toBe('Summary May 2024 – Jun 2024');
    expect(summarySheetName('Usage 20 Nov 2026 – 10 Jan 2027', 'MB_Usage_2')).toBe('Summary MB_Usage_2');
    expect(summarySheetName('Usage 26 Nov 2026 – 30 Nov 2026', 'MB_Usage_3')).toBe('Summary 26 Nov – 30 Nov 2026');
    const mom = monthOverMonthBlock(plan, [46327, 46357]);
    expect(mom.values[1]).toEqual([46327, '=IFERROR(GETPIVOTDATA("Sum of Billable quantity",$K$6,"Month",A5),0)', '', '']);
    expect(mom.values[2]).toEqual([46357, '=IFERROR(GETPIVOTDATA("Sum of Billable quantity",$K$6,"Month",A6),0)', '=B6-B5', '=IF(B5=0,"",C6/B5)']);
    const chart = chartDataBlock(plan, [46327], ['=evil()', 'Pipelines']);
    expect(chart.values[0]).toEqual(['Month', '=evil()', 'Pipelines']);
    expect(chart.textCells).toEqual([{ row: 7, col: 1 }, { row: 7, col: 2 }]);
    const formulas = chart.values.slice(1).flat().filter((v): v is string => typeof v === 'string');
    expect(formulas).toEqual(['=IFERROR(GETPIVOTDATA("Sum of Billable quantity",$K$6,"Month",$A9,"Category",B$8),0)', '=IFERROR(GETPIVOTDATA("Sum of Billable quantity",$K$6,"Month",$A9,"Category",C$8),0)']);
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const capped = chartDataBlock(plan, [46327], many);
    expect(capped.values[0]).toEqual(['Month', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'Other']);
    expect(capped.values[1]![8]).toBe('=B5-SUM(B9:H9)');
    expect(chartDataBlock(plan, [46327], many, many.map((_, i) => [i + 1])).values[1]).toEqual([46327, 1, 2, 3, 4, 5, 6, 7, 8 + 9 + 10]);
    expect(monthOverMonthBlock(plan, [1, 2], [{ month: 1, total: 5 }, { month: 2, total: 3, change: -2 }]).values.slice(1)).toEqual([[1, 5, '', ''], [2, 3, -2, '']]);
  });

  it('sums cost per currency, never across currencies, and leaves rows without a cost out', () => {
    const priced = [...headers, 'Cost', 'Cost currency'];
    const fields = summaryFields('here', priced);
    expect(fields.cost).toEqual({ value: 'Cost', currency: 'Cost currency' });
    expect(summaryFields('here', [...headers, 'Cost']).cost).toBeUndefined(); // no currency column: no cost summary
    const c = (month: number, category: string, service: string, cost: number | string, currency: string) => ({ ...row(month, category, service, 1, 1), Cost: cost, 'Cost currency': currency });
    const one = summarize([c(1, 'A', 'x', 2.5, 'EUR'), c(2, 'A', 'x', 1, 'EUR'), c(2, 'B', 'y', 4, 'EUR'), c(2, 'B', 'z', '', '')], fields);
    expect(one.costs.map((x) => [x.currency, x.monthTotals, x.total])).toEqual([['EUR', [2.5, 5], 7.5]]);
    expect(one.costs[0]!.lines.map((l) => [l.category, l.service, l.sums[0]])).toEqual([['A', 'x', [2.5, 1]], ['B', 'y', [0, 4]]]);
    expect(one.grandTotals).toEqual([4, 4]); // the quantities still count every row
    const mixed = summarize([c(1, 'A', 'x', 2, 'EUR'), c(1, 'A', 'x', 3, 'USD'), c(2, 'A', 'x', 10, 'USD')], fields);
    expect(mixed.costs.map((x) => [x.currency, x.monthTotals, x.total])).toEqual([['EUR', [2, 0], 2], ['USD', [3, 10], 13]]);
    expect(summarize([row(1, 'A', 'x', 1, 1)], summaryFields('here', headers)).costs).toEqual([]);

    const plan = summaryPlan({ tableName: 'MB_Usage_1', sourceSheet: 'Usage Nov 2026', fields });
    expect(plan.costPivot).toMatchObject({ name: 'MB_Usage_1_CostPivot', rows: ['Cost currency', 'Category', 'Service'], columns: ['Month'], values: [{ field: 'Cost', name: 'Sum of Cost' }], grandTotalRow: false });
    expect(plan.note).toMatch(/Cost is summed per currency, never across currencies/);
    expect(plan.caption).toBe('Summary of “Usage Nov 2026” (table MB_Usage_1): billable quantity and cost per currency by category and service, by month');
    expect(summaryPlan({ tableName: 'MB_Usage_1', sourceSheet: 'Usage Nov 2026', fields: summaryFields('here', headers) }).costPivot).toBeUndefined();
    // Right of the quantity PivotTable at its widest (2 label columns, (2 months + total) x 2 values), one column apart.
    expect(costPivotAt(plan, 2)).toEqual({ row: 5, col: 10 + 2 + 6 + 1 });
    expect([costValueFormat(['EUR']), costValueFormat(['JPY']), costValueFormat(['EUR', 'USD']), costValueFormat([])]).toEqual(['[$EUR] #,##0.00', '[$JPY] #,##0', '#,##0.00', '#,##0.00']);
  });
});
