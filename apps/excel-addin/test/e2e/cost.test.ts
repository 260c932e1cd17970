// Cost in the pane, headless chromium against the embedded server: HERE usage and an Acronis
// report in one preview workbook, "Set up rates", two rates set in the Cost section, "Add cost" on
// both tables, a changed rate that the cost follows, Summarize showing cost by month (checked
// against the server's records), and the FOCUS view uniting both tables.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewModel } from '../../src/workbook/preview-workbook.js';
import { HAS_CHROMIUM, RESULTS, connectWithToken, day, message, monthSerial, openPane, openTab, serverRecords, seriousA11yViolations, setRange, signOut, startE2E, waitConnected, type E2E } from './harness.js';

const REALM = 'org123456789';
const DAY_MS = 86_400_000;
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const from = (daysAgo: number) => day(new Date(today - daysAgo * DAY_MS));
const model = (page: Page) => page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
const records = (page: Page, table: string) => page.evaluate((t) => window.__meterbookPreview!.records(t), table);
const sum = (xs: unknown[]) => xs.reduce<number>((s, x) => s + (typeof x === 'number' ? x : 0), 0);

/** The rates table as the preview holds it: one record per item (Provider, Key, Unit, Unit price, ...). */
async function rateRows(page: Page) {
  const name = (await model(page)).settings['meterbook.rates']!;
  return records(page, name);
}

/** Picks a rate item in the Cost section (by its row in the rates table) and saves its price. */
async function setRate(page: Page, row: number, price: string, per = '') {
  await page.selectOption('#rate-item', String(row));
  await page.fill('#rate-price', price);
  await page.fill('#rate-currency', 'EUR');
  await page.fill('#rate-per', per);
  await page.click('#rate-save');
  await message(page, /Saved: /);
}

/** The row of the first rate item of a provider. */
async function firstItem(page: Page, provider: string): Promise<number> {
  const at = (await rateRows(page)).findIndex((r) => r.Provider === provider);
  expect(at).toBeGreaterThanOrEqual(0);
  return at;
}

// HERE: the usage of the billed subscriptions (usage outside a subscription comes first in the
// API's order and bills 0, which costs EUR 0.00 at any rate), and the first item counted in
// transactions with billable quantity among the rows the preview shows (its first 40), priced per
// 1,000 as HERE's rate cards are, so the screenshot shows real costs.
const HERE_PRICE = 0.5;
const HERE_CHANGED = 0.8;
const PER = 1000;
let hereItem = { key: '', unit: '' };

describe.runIf(HAS_CHROMIUM)('cost in the pane (headless chromium)', () => {
  let e: E2E;
  let page: Page;
  let hereTable = '';
  let acronisTable = '';
  beforeAll(async () => {
    e = await startE2E();
    page = await openPane(e);
  });
  afterAll(async () => { await e?.close(); });

  it('inserts a HERE usage table and an Acronis table into one workbook', async () => {
    await connectWithToken(page, REALM, e.server.token);
    const range = { startDate: `${from(6)}T00:00:00`, endDate: `${from(1)}T00:00:00`, detailLevel: 'day' };
    const billed = new Set((await serverRecords(e, REALM, range)).filter((r) => Number(r.billableValue) > 0).map((r) => String(r.billingSubscriptionId)));
    expect(billed.size).toBeGreaterThan(1);
    await setRange(page, from(6), from(2), 'day');
    await page.click('summary:has-text("Filters")');
    await page.fill('#f-subs', [...billed].sort().slice(0, 2).join(','));
    await page.click('#insert');
    await message(page, /Inserted [\d,]+ rows/);
    await signOut(page);
    await page.check('input[name="source"][value="acronis"]');
    await page.fill('#acronis-client-id', e.server.acronis.clientId);
    await page.fill('#acronis-client-secret', e.server.acronis.clientSecret);
    await page.click('#connect-btn');
    await waitConnected(page);
    await message(page, /Connected to Acronis/);
    await page.selectOption('#acronis-kind', 'usage_summary');
    await page.selectOption('#acronis-level', 'all_customers');
    await page.fill('#acronis-from', from(10));
    await page.fill('#acronis-to', from(0));
    await page.click('#acronis-create');
    const saved = await message(page, /Report \S+ is saved/);
    await page.click(`button[data-insert="${saved.match(/Report (\S+) is saved/)![1]!}"]`);
    await message(page, /Inserted Acronis report/);
    const m = await model(page);
    hereTable = m.tables.find((t) => t.name.startsWith('MB_Usage'))!.name;
    acronisTable = m.tables.find((t) => t.name.startsWith('MB_Acronis'))!.name;
  }, 120_000);

  it('sets up rates, sets two, and the cost columns fill; a changed rate is followed', async () => {
    await openTab(page, 'tables');
    expect(await page.textContent('#rates-scope')).toMatch(/free allowances and tiered prices are not supported/);
    await page.click('#rates-setup');
    await message(page, /Rates table \S+ made on its own sheet/);
    const shown = (await records(page, hereTable)).slice(0, 40);
    const first = shown.find((r) => r.Unit === 'Transactions' && Number(r['Billable quantity']) > 0);
    expect(first).toBeDefined();
    const [key, unit] = [String(first!['Feature HRN']), 'Transactions'];
    hereItem = { key, unit };
    const hereRow = (await rateRows(page)).findIndex((r) => r.Provider === 'HERE' && r.Key === key && r.Unit === unit);
    expect(hereRow).toBeGreaterThanOrEqual(0);
    await setRate(page, hereRow, String(HERE_PRICE), String(PER));
    await setRate(page, await firstItem(page, 'Acronis'), '2');
    await page.click(`button[data-action="cost"][aria-label="Add cost ${hereTable}"]`);
    expect(await message(page, /Cost column in EUR on MB_Usage/)).toMatch(/rows have no cost|has a cost/);
    await page.click(`button[data-action="cost"][aria-label="Add cost ${acronisTable}"]`);
    await message(page, /Cost column in EUR on MB_Acronis/);
    expect(await page.textContent('#cost-status')).toContain(hereTable);
    // The status: one line per table counting the rows without a cost, the items in a closed
    // disclosure under it, so the 350 px pane stays short.
    const status = page.locator(`#cost-status li[data-cost-table="${hereTable}"]`);
    const disclosure = status.locator(':scope > details');
    const line = disclosure.locator(':scope > summary');
    const items = disclosure.locator('li');
    const hereRows = await records(page, hereTable);
    const noCost = hereRows.filter((r) => r.Cost === '').length;
    expect(noCost).toBeGreaterThan(0);
    expect(await items.count()).toBeGreaterThan(1);
    expect(await line.textContent()).toBe(`${noCost.toLocaleString('en')} of ${hereRows.length.toLocaleString('en')} rows have no cost: ${await items.count()} items`);
    expect(await disclosure.getAttribute('open')).toBeNull();
    expect(await items.first().isVisible()).toBe(false);
    const lineHeight = await line.evaluate((node) => parseFloat(getComputedStyle(node).lineHeight) || parseFloat(getComputedStyle(node).fontSize) * 1.4);
    expect((await line.boundingBox())!.height).toBeLessThan(2 * lineHeight);
    await line.click();
    expect(await items.first().isVisible()).toBe(true);
    expect(await items.first().textContent()).toMatch(/: [\d,]+ rows?$/);
    expect(await disclosure.locator('.missing-reason').first().isVisible()).toBe(true);
    await status.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'pane-cost-missing.png'), fullPage: false });
    await line.click();

    const before = await records(page, hereTable);
    const priced = before.map((r, i) => [i, r] as const).filter(([, r]) => r['Feature HRN'] === key && r.Unit === unit);
    expect(priced.length).toBeGreaterThan(0);
    for (const [, r] of priced) {
      expect(r.Cost as number).toBeCloseTo((Number(r['Billable quantity']) * HERE_PRICE) / PER, 9);
      expect(r['Cost currency']).toBe('EUR');
    }
    expect(before.some((r) => r.Cost === '' && r['Cost currency'] === '')).toBe(true); // no rate: empty cells, not 0
    expect(sum((await records(page, acronisTable)).map((r) => r.Cost))).toBeGreaterThan(0);

    await page.locator('#cost').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'pane-cost.png'), fullPage: false });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await setRate(page, hereRow, String(HERE_CHANGED), String(PER));
    const after = await records(page, hereTable);
    for (const [i, r] of priced) expect(after[i]!.Cost as number).toBeCloseTo((Number(r['Billable quantity']) * HERE_CHANGED) / PER, 9);
    // The sheet at a workbook's width, scrolled to the Cost columns (the table's last), as a user would.
    await page.setViewportSize({ width: 1280, height: 900 });
    const sheet = page.locator(`#preview [aria-label="Sheet ${(await model(page)).tables.find((t) => t.name === hereTable)!.sheet}"]`);
    await sheet.evaluate((node) => { node.scrollLeft = node.scrollWidth; });
    expect(await sheet.textContent()).toMatch(/EUR [1-9]/);
    await sheet.screenshot({ path: join(RESULTS, 'preview-cost.png') });
    await page.setViewportSize({ width: 350, height: 900 });
  }, 120_000);

  it('summarizes cost by month: Sum of Cost in EUR, as quantity × rate ÷ price per summed from the server\'s records', async () => {
    await page.click(`button[data-action="summarize"][aria-label="Summarize ${hereTable}"]`);
    const said = await message(page, /Summary of \S+ is on sheet/);
    expect(said).toMatch(/Sum of Cost per currency: EUR\.$/);
    const m = await model(page);
    const stored = JSON.parse(m.settings[`meterbook.table.${hereTable}`]!) as { params: Record<string, string> };
    const want = new Map<number, number>();
    for (const r of await serverRecords(e, REALM, stored.params)) {
      if (r.featureId !== hereItem.key || r.valueDriver !== hereItem.unit) continue;
      const month = monthSerial(r.usageDateTime!);
      want.set(month, (want.get(month) ?? 0) + (Number(r.billableValue) * HERE_CHANGED) / PER);
    }
    expect(want.size).toBeGreaterThan(0);
    const sheet = m.sheets.find((s) => s.name === m.summaries![hereTable]!.sheet)!;
    const at = (r: number, c: number) => sheet.rows[r]?.[c];
    const top = sheet.rows.findIndex((row) => row?.some((c) => c?.value === 'Sum of Cost'));
    expect(top).toBeGreaterThanOrEqual(0);
    const col = sheet.rows[top]!.findIndex((c) => c?.value === 'Sum of Cost');
    const head = sheet.rows[top + 1]!.map((c) => c?.value);
    expect(head.slice(col, col + 3)).toEqual(['Cost currency', 'Category', 'Service']);
    const eur = sheet.rows.findIndex((row, i) => i > top + 1 && row?.[col]?.value === 'EUR');
    expect(eur).toBeGreaterThan(top);
    for (const [month, cost] of want) {
      const c = head.indexOf(month, col); // the row also holds the quantities' header, left of it
      expect(c, `month ${month}`).toBeGreaterThan(col);
      expect(at(eur, c)?.value as number).toBeCloseTo(cost, 6);
      expect(at(eur, c)?.format).toBe('[$EUR] #,##0.00');
    }
    expect(at(eur, head.indexOf('Total', col))?.value as number).toBeCloseTo([...want.values()].reduce((a, b) => a + b, 0), 6);
    // One currency, so no other currency row and no grand total across currencies.
    expect(sheet.rows.slice(top).filter((row) => /^[A-Z]{3}$/.test(String(row?.[col]?.value ?? '')))).toHaveLength(1);
    await page.setViewportSize({ width: 1280, height: 900 });
    const region = page.locator(`#preview [aria-label="Sheet ${sheet.name}"]`);
    await region.evaluate((node, c) => { node.scrollLeft = (node.querySelectorAll('tr')[0]?.children[Math.min(c, 9)] as HTMLElement | undefined)?.offsetLeft ?? 0; }, col);
    await region.screenshot({ path: join(RESULTS, 'preview-summary-cost.png') });
    await page.setViewportSize({ width: 350, height: 900 });
  }, 60_000);

  it('builds the FOCUS view of both tables, quantities summing to the sources', async () => {
    await page.click('#focus-build');
    await message(page, /FOCUS view \(FOCUS-aligned\) on sheet/);
    const m = await model(page);
    const focus = m.tables.find((t) => t.name.startsWith('MB_Focus'))!;
    const rows = await records(page, focus.name);
    const here = await records(page, hereTable);
    const acronis = await records(page, acronisTable);
    expect(rows.length).toBe(here.length + acronis.length);
    const consumed = (provider: string) => sum(rows.filter((r) => r.ProviderName === provider).map((r) => r.ConsumedQuantity));
    expect(consumed('HERE Technologies')).toBeCloseTo(sum(here.map((r) => r.Quantity)), 6);
    expect(new Set(rows.map((r) => r.ProviderName))).toEqual(new Set(['HERE Technologies', 'Acronis']));
    expect(String(m.sheets.find((s) => s.name === focus.sheet)!.rows[0]![0]!.value)).toMatch(/^FOCUS-aligned view .* as of /);
    // At a workbook's width, the period and service frozen at the left and the sheet scrolled to the
    // quantities and costs: the key columns are all in view together, as a user would see them.
    expect(m.sheets.find((s) => s.name === focus.sheet)!.frozenColumns).toBe(2);
    await page.setViewportSize({ width: 1536, height: 900 }); // a 1536 x 864 laptop screen
    const region = page.locator(`#preview [aria-label="Sheet ${focus.sheet}"]`);
    const key = ['ChargePeriodStart', 'ServiceName', 'ConsumedQuantity', 'BilledCost', 'BillingCurrency', 'x_CostSource'];
    const inView = await region.evaluate((node, ids) => {
      const heads = [...node.querySelectorAll('th')];
      const cell = (id: string) => heads.find((h) => h.textContent === id)!;
      // ConsumedQuantity right after the frozen ServiceName, measured on screen (borders included).
      node.scrollLeft += cell('ConsumedQuantity').getBoundingClientRect().left - cell('ServiceName').getBoundingClientRect().right;
      const box = node.getBoundingClientRect();
      return ids.filter((id) => { const r = cell(id).getBoundingClientRect(); return r.left >= box.left - 1 && r.right <= box.right + 1; });
    }, key);
    await region.screenshot({ path: join(RESULTS, 'preview-focus.png') });
    expect(inView).toEqual(key);
    expect(await region.textContent()).toMatch(/Rate card/);
    await page.setViewportSize({ width: 350, height: 900 });
  }, 60_000);
});
