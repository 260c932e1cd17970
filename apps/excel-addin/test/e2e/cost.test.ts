// Cost in the pane, headless chromium against the embedded server: HERE usage and an Acronis
// report in one preview workbook, "Set up rates", two rates set in the Cost section, "Add cost" on
// both tables, a changed rate that the cost follows, and the FOCUS view uniting both tables.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewModel } from '../../src/workbook/preview-workbook.js';
import { HAS_CHROMIUM, RESULTS, connectWithToken, day, message, openPane, openTab, seriousA11yViolations, setRange, signOut, startE2E, waitConnected, type E2E } from './harness.js';

const REALM = 'org123456789';
const DAY_MS = 86_400_000;
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const from = (daysAgo: number) => day(new Date(today - daysAgo * DAY_MS));
const model = (page: Page) => page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
const records = (page: Page, table: string) => page.evaluate((t) => window.__meterbookPreview!.records(t), table);
const sum = (xs: unknown[]) => xs.reduce<number>((s, x) => s + (typeof x === 'number' ? x : 0), 0);

/** Picks the first rate item of a provider in the Cost section and saves its price. */
async function setRate(page: Page, provider: string, price: string, per = '') {
  const value = await page.evaluate((p) => [...(document.getElementById('rate-item') as HTMLSelectElement).options].find((o) => o.text.startsWith(`${p} ·`))?.value, provider);
  expect(value).toBeDefined();
  await page.selectOption('#rate-item', value!);
  await page.fill('#rate-price', price);
  await page.fill('#rate-currency', 'EUR');
  await page.fill('#rate-per', per);
  await page.click('#rate-save');
  await message(page, /Saved: /);
}

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
    await setRange(page, from(6), from(2), 'day');
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
    await setRate(page, 'HERE', '0.5');
    await setRate(page, 'Acronis', '2');
    await page.click(`button[data-action="cost"][aria-label="Add cost ${hereTable}"]`);
    expect(await message(page, /Cost column in EUR on MB_Usage/)).toMatch(/rows have no cost|has a cost/);
    await page.click(`button[data-action="cost"][aria-label="Add cost ${acronisTable}"]`);
    await message(page, /Cost column in EUR on MB_Acronis/);
    expect(await page.textContent('#cost-status')).toContain(hereTable);

    const before = await records(page, hereTable);
    const priced = before.map((r, i) => [i, r] as const).filter(([, r]) => typeof r.Cost === 'number' && (r.Cost as number) > 0);
    expect(priced.length).toBeGreaterThan(0);
    for (const [, r] of priced) expect(r.Cost as number).toBeCloseTo((r['Billable quantity'] as number) * 0.5, 9);
    expect(before.some((r) => r.Cost === '')).toBe(true); // no rate: an empty cell
    expect(sum((await records(page, acronisTable)).map((r) => r.Cost))).toBeGreaterThan(0);

    await page.locator('#cost').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'pane-cost.png'), fullPage: false });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await setRate(page, 'HERE', '1', '1');
    const after = await records(page, hereTable);
    for (const [i, r] of priced) expect(after[i]!.Cost as number).toBeCloseTo(r['Billable quantity'] as number, 9);
    // The Cost column is the table's last: the sheet is scrolled to it, as a user would.
    const sheet = page.locator(`#preview [aria-label="Sheet ${(await model(page)).tables.find((t) => t.name === hereTable)!.sheet}"]`);
    await sheet.evaluate((node) => { node.scrollLeft = node.scrollWidth; });
    expect(await sheet.textContent()).toMatch(/EUR \d/);
    await sheet.screenshot({ path: join(RESULTS, 'preview-cost.png') });
  }, 120_000);

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
    await page.locator(`#preview [aria-label="Sheet ${focus.sheet}"]`).screenshot({ path: join(RESULTS, 'preview-focus.png') });
  }, 60_000);
});
