// Cost over real HTTP: HERE usage and an Acronis report from the embedded server in one workbook,
// "Set up rates", two rates, "Add cost", a changed rate, and the FOCUS view; through the preview
// writer and the Office.js writer (office-addin-mock). The cost formula text the pane writes is
// evaluated with the table model's interpreter and must agree with the cost shown in the preview.

import { createAcronisClient } from '@meterbook/sdk/acronis';
import { createUsageClient } from '@meterbook/sdk';
import { evaluateCostFormula, type CostTableRow } from '@meterbook/table-model';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcronisReport, insertAcronisReport } from '../../src/flows/acronis-report.js';
import { addCost, costStatus } from '../../src/flows/cost.js';
import { buildFocusView } from '../../src/flows/focus.js';
import { insertUsage } from '../../src/flows/pull.js';
import { refreshTable } from '../../src/flows/refresh.js';
import { pastePriceList, readRatesTable, setRate, setUpRates } from '../../src/flows/rates.js';
import { rowsByHeader } from '../../src/flows/table-sources.js';
import { OfficeWriter } from '../../src/workbook/office-writer.js';
import { PreviewWorkbook } from '../../src/workbook/preview-workbook.js';
import { PreviewWriter } from '../../src/workbook/preview-writer.js';
import { QueryStore } from '../../src/workbook/query-store.js';
import type { TableWriter } from '../../src/workbook/table-writer.js';
import { createExcelMock } from '../unit/excel-mock.js';

const REALM = 'org123456789';
const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
let server: RunningServer;

beforeAll(async () => { server = await startServer({ mode: 'test', acronisReportDelayMs: 0 }); });
afterAll(async () => { await server?.close(); });

/** HERE usage by day and an Acronis usage summary, inserted by the pane's flows into one workbook. */
async function workbookWithBoth(writer: TableWriter) {
  const store = new QueryStore(writer.settings);
  const client = createUsageClient({ baseUrl: server.url, token: server.token });
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const params = { startDate: `${day(new Date(today - 6 * DAY_MS))}T00:00:00`, endDate: `${day(new Date(today - 2 * DAY_MS))}T00:00:00`, detailLevel: 'day' };
  const here = await insertUsage({ client, writer, store, baseUrl: server.url }, REALM, params, { allowSlow: true });
  if (here.kind !== 'inserted') throw new Error('HERE usage was not inserted');
  const acronis = createAcronisClient({ baseUrl: server.acronis.baseUrl, token: server.acronis.token });
  const request = { tenantId: server.acronis.tenantId, tenantName: 'Partner', level: 'all_customers' as const, kind: 'usage_summary' as const, start: day(new Date(today - 10 * DAY_MS)), end: day(new Date(today)) };
  const report = await createAcronisReport(acronis, request, new Date());
  const ac = await insertAcronisReport({ acronis, writer, store, baseUrl: acronis.baseUrl }, report, 'Partner', { intervalMs: 10 });
  return { store, hereTable: here.meta.tableName, acronisTable: ac.tableName };
}

describe('cost columns and the FOCUS view (preview writer)', () => {
  it('rates from both sources, costs that follow a rate, the formula agreeing with the code, and one FOCUS view', async () => {
    const wb = new PreviewWorkbook();
    const writer = new PreviewWriter(wb);
    const { store, hereTable, acronisTable } = await workbookWithBoth(writer);
    const deps = { writer, store };

    const first = await setUpRates(deps);
    expect(first.created).toBe(true);
    const providers = new Set((await readRatesTable(writer))!.rows.map((r) => r.provider));
    expect([...providers].sort()).toEqual(['Acronis', 'HERE']);

    // Two rates: the first HERE item and the first Acronis item.
    const rows = (await readRatesTable(writer))!.rows;
    const hereAt = rows.findIndex((r) => r.provider === 'HERE');
    const acronisAt = rows.findIndex((r) => r.provider === 'Acronis');
    await setRate(deps, hereAt, { unitPrice: '0.5', currency: 'eur', pricePer: '1000' });
    await setRate(deps, acronisAt, { unitPrice: '2', currency: 'EUR' });
    await expect(setRate(deps, hereAt, { unitPrice: '1', currency: 'EURO' })).rejects.toThrow(/Not saved/);

    // Running again adds nothing and keeps the typed prices.
    const again = await setUpRates(deps);
    expect(again.added).toBe(0);
    expect((await readRatesTable(writer))!.rows[hereAt]!.unitPrice).toBe(0.5);

    const hereCost = await addCost(deps, hereTable);
    const acronisCost = await addCost(deps, acronisTable);
    expect(hereCost.currencies).toEqual(['EUR']);
    expect(hereCost.missingRows).toBeGreaterThan(0);
    expect(hereCost.missing).toMatch(/rows have no cost/);
    expect(acronisCost.currencies).toEqual(['EUR']);

    const rateRows = (await readRatesTable(writer))!.rows;
    const hereKey = String(rateRows[hereAt]!.key);
    const costed = async (table: string, formula: string) => {
      const values = (await writer.readTable(table))!;
      const costAt = values.header.indexOf('Cost');
      const t = wb.table(table)!;
      const cells = values.rows.map((_, r) => wb.cell(t.sheet, t.row + 1 + r, t.col + costAt)!);
      expect(cells.every((c) => c.formula === formula && c.format === '[$EUR] #,##0.00')).toBe(true);
      // The formula text, run by the interpreter on the same rows, gives what the preview shows.
      const byHeader = rowsByHeader(values);
      byHeader.forEach((row: CostTableRow, r) => {
        const want = evaluateCostFormula(formula, first.tableName, rateRows, row);
        expect(values.rows[r]![costAt], `${table} row ${r}`).toBe(want === '' ? '' : want);
      });
      return { values, costAt, byHeader };
    };
    const h = await costed(hereTable, hereCost.formula);
    const priced = h.values.rows.filter((line, r) => h.byHeader[r]!['Feature HRN'] === hereKey && line[h.costAt] !== '');
    expect(priced.length).toBeGreaterThan(0);
    const qtyAt = h.values.header.indexOf('Billable quantity');
    for (const line of priced) expect(line[h.costAt]).toBeCloseTo((Number(line[qtyAt]) * 0.5) / 1000, 9);
    expect(h.values.rows.some((line) => line[h.costAt] === '')).toBe(true); // no rate: empty, not 0
    const a = await costed(acronisTable, acronisCost.formula);
    expect(a.values.rows.some((line) => typeof line[a.costAt] === 'number')).toBe(true);

    // A changed rate: the cost follows without a refresh.
    await setRate(deps, hereAt, { unitPrice: '1', currency: 'EUR' });
    const after = (await writer.readTable(hereTable))!;
    for (const [r, line] of after.rows.entries()) {
      if (h.byHeader[r]!['Feature HRN'] === hereKey && line[h.costAt] !== '') expect(line[h.costAt]).toBeCloseTo((Number(line[qtyAt]) * 1) / 1000, 9);
    }

    // The FOCUS view unites both tables; quantities sum to the sources'.
    const focus = await buildFocusView(deps, () => new Date('2026-12-01T18:49:00Z'));
    expect(focus.rows).toBe(h.values.rows.length + a.values.rows.length);
    const sum = (xs: unknown[]) => xs.reduce<number>((s, x) => s + (typeof x === 'number' ? x : 0), 0);
    const hereUsage = sum(h.values.rows.map((l) => l[h.values.header.indexOf('Quantity')]));
    const focusHere = sum(focus.view.filter((r) => r.ProviderName === 'HERE Technologies').map((r) => r.ConsumedQuantity));
    expect(focusHere).toBeCloseTo(hereUsage, 6);
    expect(focus.costed).toBeGreaterThan(0);
    const caption = String(wb.cell(focus.sheetName, 0, 0)?.value);
    expect(caption).toMatch(/FOCUS-aligned .* as of 1 Dec 2026 18:49 UTC/);
    expect(caption).not.toMatch(/conformant/i);
    const rebuilt = await buildFocusView(deps);
    expect(rebuilt.tableName).toBe(focus.tableName);
  }, 60_000);

  it('the Cost status: one line per table counting the rows without a cost, one line per item under it', async () => {
    const writer = new PreviewWriter(new PreviewWorkbook());
    const { store, hereTable, acronisTable } = await workbookWithBoth(writer);
    const deps = { writer, store };
    await setUpRates(deps);
    const hereAt = (await readRatesTable(writer))!.rows.findIndex((r) => r.provider === 'HERE');
    await setRate(deps, hereAt, { unitPrice: '0.5', currency: 'EUR', pricePer: '1000' });
    await addCost(deps, hereTable);
    const all = await costStatus(deps);
    expect(all.map((s) => s.tableName)).toEqual([hereTable]); // the Acronis table has no Cost column
    expect(acronisTable).not.toBe(hereTable);
    const here = all[0]!;
    const values = (await writer.readTable(hereTable))!;
    const costAt = values.header.indexOf('Cost');
    const empty = values.rows.filter((line) => line[costAt] === '').length;
    expect(here.missingRows).toBe(empty);
    const items = here.reasons.flatMap((g) => g.items);
    expect(items.length).toBeGreaterThan(1);
    expect(here.summary).toBe(`${empty.toLocaleString('en')} of ${values.rows.length.toLocaleString('en')} rows have no cost: ${items.length} items`);
    // Each reason once; each item's line ends with its row count, together the table's rows without a cost.
    expect(new Set(here.reasons.map((g) => g.reason)).size).toBe(here.reasons.length);
    const counted = items.map((line) => Number(/: ([\d,]+) rows?$/.exec(line)![1]!.replace(/,/g, '')));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(empty);
  }, 60_000);

  it('Refresh keeps the Cost column: rewritten with the same formula for every row', async () => {
    const wb = new PreviewWorkbook();
    const writer = new PreviewWriter(wb);
    const { store, hereTable } = await workbookWithBoth(writer);
    const deps = { writer, store };
    await setUpRates(deps);
    await setRate(deps, (await readRatesTable(writer))!.rows.findIndex((r) => r.provider === 'HERE'), { unitPrice: '0.5', currency: 'EUR' });
    const cost = await addCost(deps, hereTable);
    const cols = wb.table(hereTable)!.cols;
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    await refreshTable({ client, writer, store, baseUrl: server.url }, hereTable);
    const t = wb.table(hereTable)!;
    expect(t.cols).toBe(cols);
    const header = wb.values(t.sheet, t.row, t.col, 1, t.cols)[0]!;
    const at = header.indexOf('Cost');
    for (let r = 0; r < t.rows; r++) expect(wb.cell(t.sheet, t.row + 1 + r, t.col + at)?.formula).toBe(cost.formula);
    expect((await store.get(hereTable))?.cost).toEqual({ header: 'Cost' });
  }, 60_000);

  it('a pasted price list fills empty prices and names every unreadable line', async () => {
    const writer = new PreviewWriter(new PreviewWorkbook());
    const { store } = await workbookWithBoth(writer);
    const deps = { writer, store };
    await setUpRates(deps);
    const row = (await readRatesTable(writer))!.rows.find((r) => r.provider === 'HERE')!;
    const csv = `Provider,Key,Unit,Unit price,Currency\nHERE,${String(row.key)},${String(row.unit)},0.25,EUR\nHERE,x,Transactions,cheap,EUR\n`;
    const done = await pastePriceList(deps, csv);
    expect(done.filled).toBe(1);
    expect(done.problems.join(' ')).toMatch(/^Line 3: /);
    await expect(pastePriceList(deps, '')).rejects.toThrow(/Paste a price list first/);
  }, 60_000);
});

describe('cost columns through the Office.js writer (office-addin-mock)', () => {
  it('writes the cost formula into every row of a Cost column, reads the rates table back, and refuses to cover user cells', async () => {
    const m = createExcelMock();
    const writer = new OfficeWriter(m.run);
    const { store, hereTable } = await workbookWithBoth(writer);
    const deps = { writer, store };
    const setup = await setUpRates(deps);
    const at = (await readRatesTable(writer))!.rows.findIndex((r) => r.provider === 'HERE');
    await setRate(deps, at, { unitPrice: '0.5', currency: 'USD', pricePer: '1000' });
    expect((await readRatesTable(writer))!.rows[at]!.unitPrice).toBe(0.5);
    const cost = await addCost(deps, hereTable);
    expect(cost.formula).toContain(`${setup.tableName}[Unit price]`);
    const t = m.wb.table(hereTable)!;
    const header = m.wb.values(t.sheet, t.row, t.col, 1, t.cols)[0]!;
    const col = header.indexOf('Cost');
    expect(col).toBe(t.cols - 2);
    expect(header[t.cols - 1]).toBe('Cost currency'); // beside it: each row's currency, which summaries sum cost by
    for (let r = 0; r < t.rows; r++) {
      const cell = m.wb.cell(t.sheet, t.row + 1 + r, t.col + col)!;
      expect(cell.formula).toBe(cost.formula);
      expect(cell.format).toBe('[$USD] #,##0.00');
    }
    // Again: rewritten in place, no second column.
    await addCost(deps, hereTable);
    expect(m.wb.table(hereTable)!.cols).toBe(t.cols);
    // A user's cell right of a table without a Cost column: refused, nothing written.
    const rates = m.wb.table(setup.tableName)!;
    m.wb.write(rates.sheet, rates.row + 1, rates.col + rates.cols, [['my note']]);
    await expect(writer.setCostColumn(setup.tableName, { header: 'Cost', formula: cost.formula, numberFormat: '0', binding: { provider: 'HERE', key: 'Key', date: 'Valid from', quantity: 'Unit price' } })).rejects.toThrow(/not empty/);
  }, 60_000);
});
