// Summarize in the pane, headless chromium against the embedded server: last month by day grouped
// by billing tag, summarized; the preview's summary (rows × months, totals, month over month) is
// compared with a sum computed here over the records the server sends to a plain HTTP client, read
// cell by cell by its labels. A changed cell and Summarize again show the summary reads the table;
// Refresh brings table and summary back to the server's numbers. Hostile tags stay text throughout,
// and a hostile category typed into the table is a label of the summary and its chart, never a formula.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewModel, PreviewSheet } from '../../src/workbook/preview-workbook.js';
import { HAS_CHROMIUM, RESULTS, connectWithToken, message, monthSerial, openPane, openTab, serverRecords, startE2E, type ApiRecord, type E2E } from './harness.js';

const REALM = 'org123456789';
const model = (page: Page) => page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
const HOSTILE = '=HYPERLINK("http://evil.example","click")';

const label = (v: string | undefined): string => (v === undefined || v === '' ? '(blank)' : v);

/** The independent sum: billable quantity by category, by (category, service), by month, and in all. */
function expected(records: ApiRecord[]) {
  const add = (m: Map<string, number>, k: string, x: number) => m.set(k, (m.get(k) ?? 0) + x);
  const byCat = new Map<string, number>(), byLine = new Map<string, number>(), byMonth = new Map<string, number>();
  let total = 0;
  for (const r of records) {
    const x = Number(r.billableValue ?? 0);
    const month = String(monthSerial(r.usageDateTime!));
    add(byCat, `${label(r.category)}|${month}`, x);
    add(byLine, `${label(r.category)}|${label(r.name)}|${month}`, x);
    add(byMonth, month, x);
    total += x;
  }
  return { byCat, byLine, byMonth, total };
}

/** The preview's pivot block of one value, read by its labels: `Sum of …`, the header row, lines, `Grand total`. */
function readPivot(sheet: PreviewSheet, valueName: string) {
  const at = (r: number, c: number) => sheet.rows[r]?.[c]?.value;
  let top = -1, col = -1;
  sheet.rows.forEach((row, r) => row?.forEach((cell, c) => { if (cell?.value === valueName && top < 0) { top = r; col = c; } }));
  expect(top, `no "${valueName}" block on ${sheet.name}`).toBeGreaterThanOrEqual(0);
  const head = top + 1;
  expect([at(head, col), at(head, col + 1)]).toEqual(['Category', 'Service']);
  const months: number[] = [];
  for (let c = col + 2; typeof at(head, c) === 'number'; c++) months.push(at(head, c) as number);
  expect(at(head, col + 2 + months.length)).toBe('Grand total');
  const cells = new Map<string, number>();
  let category = '';
  let r = head + 1;
  for (; at(r, col) !== 'Grand total'; r++) {
    expect(r - head, 'no Grand total row under the lines').toBeLessThan(2_000);
    const service = at(r, col + 1);
    if (at(r, col) !== '' && at(r, col) !== undefined) category = String(at(r, col));
    months.forEach((m, i) => cells.set(service === '' || service === undefined ? `${category}|${m}` : `${category}|${String(service)}|${m}`, at(r, col + 2 + i) as number));
  }
  const monthTotals = new Map(months.map((m, i) => [String(m), at(r, col + 2 + i) as number]));
  return { months, cells, monthTotals, grandTotal: at(r, col + 2 + months.length) as number };
}

/** The month-over-month block: `Month | Billable quantity | Change | Change %`, one row per month. */
function readMonthOverMonth(sheet: PreviewSheet) {
  const r = sheet.rows.findIndex((row) => row?.[0]?.value === 'Month' && row?.[2]?.value === 'Change');
  expect(r).toBeGreaterThanOrEqual(0);
  expect(sheet.rows[r]!.slice(0, 4).map((c) => c?.value)).toEqual(['Month', 'Billable quantity', 'Change', 'Change %']);
  const out: { month: number; total: number }[] = [];
  for (let i = r + 1; typeof sheet.rows[i]?.[0]?.value === 'number'; i++) out.push({ month: sheet.rows[i]![0]!.value as number, total: sheet.rows[i]![1]!.value as number });
  return out;
}

async function expectMatches(page: Page, summarySheet: string, records: ApiRecord[]) {
  const want = expected(records);
  const sheet = (await model(page)).sheets.find((s) => s.name === summarySheet)!;
  const pivot = readPivot(sheet, 'Sum of Billable quantity');
  expect(pivot.months.map(String).sort()).toEqual([...want.byMonth.keys()].sort());
  expect(pivot.grandTotal).toBeCloseTo(want.total, 4);
  for (const [m, x] of want.byMonth) expect(pivot.monthTotals.get(m), `month ${m}`).toBeCloseTo(x, 4);
  for (const [k, x] of [...want.byCat, ...want.byLine]) expect(pivot.cells.get(k), k).toBeCloseTo(x, 4);
  // Every line of the preview is one the server's records have: nothing invented.
  expect(pivot.cells.size).toBe(want.byCat.size + want.byLine.size);
  const mom = readMonthOverMonth(sheet);
  expect(mom.map((x) => String(x.month))).toEqual(pivot.months.map(String));
  for (const x of mom) expect(x.total).toBeCloseTo(want.byMonth.get(String(x.month))!, 4);
}

describe.runIf(HAS_CHROMIUM)('Summarize in the pane (headless chromium)', () => {
  let e: E2E;
  let page: Page;
  let table = '';
  let summarySheet = '';
  let records: ApiRecord[] = [];
  beforeAll(async () => {
    e = await startE2E();
    page = await openPane(e);
    await connectWithToken(page, REALM, e.server.token);
  });
  afterAll(async () => { await e?.close(); });

  it('inserts last month by day grouped by billing tag and summarizes it: the numbers are the server\'s', async () => {
    await openTab(page, 'get-data');
    await page.selectOption('#preset', 'lastMonth');
    await page.selectOption('#detail', 'day');
    await page.click('summary:has-text("Group by")');
    await page.check('input[name="groupBy"][value="billingTag"]');
    await page.click('#insert');
    await message(page, /Inserted [\d,]+ rows/);
    const m = await model(page);
    table = m.tables.at(-1)!.name;
    const stored = JSON.parse(m.settings[`meterbook.table.${table}`]!) as { params: Record<string, string> };
    expect(stored.params).toMatchObject({ detailLevel: 'day', groupBy: 'billingTag' });
    records = await serverRecords(e, REALM, stored.params);
    expect(records.length).toBe(m.tables.at(-1)!.rows);
    expect(records.some((r) => r.billingTag === HOSTILE)).toBe(true);

    await openTab(page, 'tables');
    await page.click(`button[data-action="summarize"][aria-label="Summarize ${table}"]`);
    summarySheet = (await message(page, /Summary of \S+ is on sheet/)).match(/is on sheet (.+?)\.(?: |$)/)![1]!;
    await expectMatches(page, summarySheet, records);
    const chart = (await model(page)).charts!.find((c) => c.sheet === summarySheet)!;
    expect(chart.title).toBe('Billable quantity by month');
    const totalOfChart = chart.series.reduce((s, x) => s + x.values.reduce((a, b) => a + b, 0), 0);
    expect(totalOfChart).toBeCloseTo(expected(records).total, 4);

    await page.screenshot({ path: join(RESULTS, 'pane-summary.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator(`#preview [aria-label="Sheet ${summarySheet}"]`).screenshot({ path: join(RESULTS, 'preview-summary.png') });
    await page.setViewportSize({ width: 350, height: 900 });
  }, 120_000);

  it('keeps hostile billing tags as text in the table, and the summary holds no formula at all', async () => {
    const m = await model(page);
    const t = m.tables.find((x) => x.name === table)!;
    const sheet = m.sheets.find((s) => s.name === t.sheet)!;
    const col = sheet.rows[t.row]!.findIndex((c) => c?.value === 'Billing tag');
    const tags = sheet.rows.slice(t.row + 1, t.row + 1 + t.rows).map((r) => r?.[col]);
    expect(tags.map((c) => c?.value)).toContain(HOSTILE);
    expect(tags.every((c) => c?.formula === undefined)).toBe(true);
    const summary = m.sheets.find((s) => s.name === summarySheet)!;
    const cells = summary.rows.flat().filter((c) => c !== undefined);
    // The preview has no PivotTable: every summary cell is a number or a label, none a formula.
    expect(cells.filter((c) => c.formula !== undefined)).toEqual([]);
    expect(summary.rows.find((r) => r?.some((c) => c?.value === 'Billing tag'))?.map((c) => c?.value)).toContain('(All)');
    expect(await page.locator('#preview').textContent()).not.toContain('FORMULA');
  });

  it('reads the table: a changed cell shows after Summarize, and Refresh brings back the server\'s numbers', async () => {
    const m = await model(page);
    const t = m.tables.find((x) => x.name === table)!;
    const col = m.sheets.find((s) => s.name === t.sheet)!.rows[t.row]!.findIndex((c) => c?.value === 'Billable quantity');
    const first = m.sheets.find((s) => s.name === t.sheet)!.rows[t.row + 1]![col]!.value as number;
    await page.evaluate(({ s, r, c }) => { const wb = window.__meterbookPreview!.workbook; wb.write(s, r, c, [[1_000_000_000]]); wb.changed(); }, { s: t.sheet, r: t.row + 1, c: col });
    await page.click(`button[data-action="summarize"][aria-label="Summarize ${table}"]`);
    await message(page, /Summary of \S+ is on sheet/);
    const changed = readPivot((await model(page)).sheets.find((s) => s.name === summarySheet)!, 'Sum of Billable quantity');
    expect(changed.grandTotal).toBeCloseTo(expected(records).total - first + 1_000_000_000, 4);

    // A hostile category typed into the table (text cells keep it text) is a label in the summary
    // and a series of the chart, never a formula.
    const catCol = m.sheets.find((s) => s.name === t.sheet)!.rows[t.row]!.findIndex((c) => c?.value === 'Category');
    await page.evaluate(({ s, r, c, v }) => { const wb = window.__meterbookPreview!.workbook; wb.write(s, r, c, [[v]], [['@']]); wb.changed(); }, { s: t.sheet, r: t.row + 1, c: catCol, v: HOSTILE });
    await page.click(`button[data-action="summarize"][aria-label="Summarize ${table}"]`);
    await message(page, /Summary of \S+ is on sheet/);
    const hostile = await model(page);
    const labels = hostile.sheets.find((s) => s.name === summarySheet)!.rows.flat().filter((c) => c?.value === HOSTILE);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((c) => c!.format === '@' && c!.formula === undefined)).toBe(true);
    expect(hostile.charts!.find((c) => c.sheet === summarySheet)!.series.map((x) => x.name)).toContain(HOSTILE);
    const region = page.locator(`#preview [aria-label="Sheet ${summarySheet}"]`);
    expect(await region.textContent()).toContain(HOSTILE);
    expect(await region.textContent()).not.toContain('FORMULA');
    expect(await region.locator('svg a, svg foreignObject').count()).toBe(0);

    await page.click(`button[data-action="refresh"][aria-label="Refresh ${table}"]`);
    await message(page, /Refreshed/);
    const after = await model(page);
    expect(after.sheets.filter((s) => s.name.startsWith('Summary'))).toHaveLength(1);
    await expectMatches(page, summarySheet, records);
  }, 120_000);
});
