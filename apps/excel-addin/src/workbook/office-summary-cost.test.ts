// Sum of Cost per currency in the summary, through the Office.js writer (office-addin-mock) and the
// preview writer: a table with our Cost and Cost currency columns gets a cost PivotTable whose outer
// row field is the currency and which has no grand total row, in the currency's format when there
// is one currency; with two, each currency is its own group and no number adds them up.

import type { UsageRecord } from '@meterbook/sdk';
import { COST_CURRENCY_HEADER, costPivotAt, evaluateCostFormula } from '@meterbook/table-model';
import { describe, expect, it } from 'vitest';
import { createExcelMock, type ExcelMock } from '../../test/unit/excel-mock.js';
import { fakeClient } from '../../test/unit/fake-client.js';
import { usageRecords } from '../../test/unit/fixtures.js';
import { addCost } from '../flows/cost.js';
import { insertUsage } from '../flows/pull.js';
import { readRatesTable, setRate, setUpRates } from '../flows/rates.js';
import { planOf, summarizeTable } from '../flows/summarize.js';
import { OfficeWriter } from './office-writer.js';
import { PreviewWorkbook } from './preview-workbook.js';
import { PreviewWriter } from './preview-writer.js';
import { QueryStore } from './query-store.js';
import type { TableWriter } from './table-writer.js';

const params = { startDate: '2024-05-01T00:00:00', endDate: '2024-07-01T00:00:00', detailLevel: 'day', groupBy: 'billingTag' };
const data = (): UsageRecord[] => usageRecords(40).map((r, i) => ({ ...r, usageDateTime: new Date(Date.UTC(2024, 4 + (i % 2), 1 + (i % 28))) })) as UsageRecord[];

/** A usage table with a Cost column; `currencies[i]` prices the i-th rate item (EUR, or EUR and USD). */
async function pricedTable(writer: TableWriter, currencies: string[]) {
  const store = new QueryStore(writer.settings);
  const deps = { client: fakeClient({ records: data }), writer, store, baseUrl: 'http://x/v2', now: () => new Date('2024-07-02T08:00:00Z') };
  await insertUsage(deps, 'org123456789', params);
  await setUpRates(deps);
  const rows = (await readRatesTable(writer))!.rows;
  for (const [i, currency] of currencies.entries()) await setRate(deps, i, { unitPrice: '2', currency, pricePer: '10' });
  const cost = await addCost(deps, 'MB_Usage_1');
  return { deps, rows, cost };
}

/**
 * Excel's calculation, which the mock lacks: each Cost and Cost currency cell gets what its formula
 * text gives, run by the table model's interpreter over the rates table's cells.
 */
async function calculate(m: ExcelMock, writer: TableWriter, tableName: string): Promise<void> {
  const rates = (await readRatesTable(writer))!;
  const t = m.wb.table(tableName)!;
  const header = m.wb.values(t.sheet, t.row, t.col, 1, t.cols)[0]!.map(String);
  const [costAt, currencyAt] = [header.indexOf('Cost'), header.indexOf(COST_CURRENCY_HEADER)];
  for (let r = 1; r <= t.rows; r++) {
    const line = m.wb.values(t.sheet, t.row + r, t.col, 1, t.cols)[0]!;
    const row = Object.fromEntries(header.map((h, i) => [h, line[i]]));
    const cost = m.wb.cell(t.sheet, t.row + r, t.col + costAt)!;
    const currency = m.wb.cell(t.sheet, t.row + r, t.col + currencyAt)!;
    const costValue = evaluateCostFormula(cost.formula!, rates.tableName, rates.rows, row);
    const currencyValue = evaluateCostFormula(currency.formula!, rates.tableName, rates.rows, { ...row, Cost: costValue });
    Object.assign(cost, { value: costValue, calculated: true });
    Object.assign(currency, { value: currencyValue, calculated: true });
  }
}

describe('Sum of Cost per currency through the Office.js writer (office-addin-mock)', () => {
  it('one currency: a cost PivotTable by currency, category and service, in the currency, no grand total row, one sync per step', async () => {
    const m = createExcelMock();
    const writer = new OfficeWriter(m.run, { isSetSupported: () => true });
    const { deps, cost } = await pricedTable(writer, ['EUR']);
    expect(cost.currencies).toEqual(['EUR']);
    const t = m.wb.table('MB_Usage_1')!;
    const header = m.wb.values(t.sheet, t.row, t.col, 1, t.cols)[0]!;
    expect(header.slice(-2)).toEqual(['Cost', COST_CURRENCY_HEADER]);
    const currencyCell = m.wb.cell(t.sheet, t.row + 1, t.col + t.cols - 1)!;
    expect(currencyCell.formula).toMatch(/^=IF\(\[@\[Cost\]\]="","",INDEX\(MeterbookRates\w*\[Currency\],SUMPRODUCT\(/);
    expect(currencyCell.format).toBe('General');

    await calculate(m, writer, 'MB_Usage_1');
    const q = (await deps.store.get('MB_Usage_1'))!;
    const plan = planOf(q, t.sheet);
    const before = m.stats.syncs;
    const meta = await writer.summaries.write(plan, [45413, 45444]);
    expect(m.stats.syncs - before).toBe(4); // read, PivotTable (and headers), cost PivotTable and what both found, blocks and formats
    expect(meta.costCurrencies).toEqual(['EUR']);
    const costPivot = m.pivots.find((p) => p.name === 'MB_Usage_1_CostPivot')!;
    expect(costPivot).toMatchObject({
      source: 'MB_Usage_1', rows: [COST_CURRENCY_HEADER, 'Category', 'Service'], columns: ['Month'], filters: [], columnGrandTotals: false,
      values: [{ field: 'Cost', name: 'Sum of Cost', summarizeBy: 'Sum', numberFormat: '[$EUR] #,##0.00' }],
      at: { sheet: meta.sheetName, ...costPivotAt(plan, 2), rows: 1, cols: 1 },
    });
    // Rows without a rate have an empty currency: that item is hidden, its empty cost in no currency.
    expect(costPivot.hidden).toEqual({ [COST_CURRENCY_HEADER]: [''] });
    // The quantity PivotTable is as before, and made once.
    expect(m.pivots.find((p) => p.name === 'MB_Usage_1_Pivot')!.values.map((v) => v.name)).toEqual(['Sum of Billable quantity', 'Sum of Quantity']);

    // Summarize again: the quantity PivotTable refreshed, the cost one made anew (never two).
    await summarizeTable(deps, 'MB_Usage_1');
    expect(m.pivots.map((p) => p.name).sort()).toEqual(['MB_Usage_1_CostPivot', 'MB_Usage_1_Pivot']);
    expect(m.pivots.find((p) => p.name === 'MB_Usage_1_Pivot')!.refreshes).toBe(1);
  });

  it('two currencies: plain numbers under each currency\'s own label, and still no sum across them', async () => {
    const m = createExcelMock();
    const writer = new OfficeWriter(m.run, { isSetSupported: () => true });
    const { deps, cost } = await pricedTable(writer, ['EUR', 'USD']);
    expect(cost.mixedCurrencies).toMatch(/rates are in EUR and USD/);
    await calculate(m, writer, 'MB_Usage_1');
    const meta = await summarizeTable(deps, 'MB_Usage_1');
    expect(meta.costCurrencies).toEqual(['EUR', 'USD']);
    const costPivot = m.pivots.find((p) => p.name === 'MB_Usage_1_CostPivot')!;
    expect(costPivot.rows[0]).toBe(COST_CURRENCY_HEADER);
    expect(costPivot.values[0]!.numberFormat).toBe('#,##0.00');
    expect(costPivot.columnGrandTotals).toBe(false);
  });

  it('a table without a Cost column gets no cost PivotTable', async () => {
    const m = createExcelMock();
    const writer = new OfficeWriter(m.run, { isSetSupported: () => true });
    const store = new QueryStore(writer.settings);
    const deps = { client: fakeClient({ records: data }), writer, store, baseUrl: 'http://x/v2', now: () => new Date('2024-07-02T08:00:00Z') };
    await insertUsage(deps, 'org123456789', params);
    const meta = await summarizeTable(deps, 'MB_Usage_1');
    expect(meta.costCurrencies).toBeUndefined();
    expect(m.pivots.map((p) => p.name)).toEqual(['MB_Usage_1_Pivot']);
  });
});

describe('Sum of Cost per currency in the preview', () => {
  it('writes one block per currency with the cost rule\'s sums, and no sum across currencies', async () => {
    const wb = new PreviewWorkbook();
    const writer = new PreviewWriter(wb);
    const { deps } = await pricedTable(writer, ['EUR', 'USD']);
    const meta = await summarizeTable(deps, 'MB_Usage_1');
    expect(meta.costCurrencies).toEqual(['EUR', 'USD']);
    // The independent sum: the table's own Cost and Cost currency cells.
    const rows = wb.tableRecords('MB_Usage_1');
    const byCurrency = new Map<string, number>();
    for (const r of rows) if (typeof r.Cost === 'number') byCurrency.set(String(r[COST_CURRENCY_HEADER]), (byCurrency.get(String(r[COST_CURRENCY_HEADER])) ?? 0) + r.Cost);
    expect([...byCurrency.keys()].sort()).toEqual(['EUR', 'USD']);
    const sheet = wb.sheet(meta.sheetName)!;
    const at = (r: number, c: number) => sheet.rows[r]?.[c];
    const top = sheet.rows.findIndex((row) => row?.some((c) => c?.value === 'Sum of Cost'));
    const col = sheet.rows[top]!.findIndex((c) => c?.value === 'Sum of Cost');
    const head = sheet.rows[top + 1]!.slice(col).map((c) => c?.value);
    expect(head.slice(0, 3)).toEqual([COST_CURRENCY_HEADER, 'Category', 'Service']);
    const totalAt = col + head.indexOf('Total');
    for (const [currency, sum] of byCurrency) {
      const r = sheet.rows.findIndex((row, i) => i > top && row?.[col]?.value === currency);
      expect(at(r, totalAt)?.value as number).toBeCloseTo(sum, 9);
      expect(at(r, totalAt)?.format).toBe('#,##0.00');
    }
    expect(sheet.rows.slice(top).some((row) => row?.[col]?.value === 'Grand total')).toBe(false);
  });
});
