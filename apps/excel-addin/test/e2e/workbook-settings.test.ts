// Workbook settings in the Tables tab, in the preview where a reload is reopening the workbook:
// the three settings from the keyboard, a bad settle period refused beside its field, everything
// still there after a reload, and refresh on open run by that reload (or said why not). axe-core
// on each state; screenshot test-results/pane-workbook-settings.png at 350 x 900.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM, HAS_CHROMIUM, RESULTS, daysAgo, focusedId as focused, message, openPane, openTab, previewModel as model,
  seriousA11yViolations, setRange, signOut, startE2E, waitConnected, type E2E,
} from './harness.js';

const REALM = 'org123456789';
const pulledAt = async (page: Page, table: string): Promise<string> => (JSON.parse((await model(page)).settings[`meterbook.table.${table}`]!) as { pulledAt: string }).pulledAt;

/** Reopens the workbook: the preview saves itself 200 ms after a change, then the page reloads. */
async function reopen(page: Page): Promise<void> {
  // The preview keeps its workbook in IndexedDB after a short debounce: save it now, as closing a file would.
  await page.evaluate(() => (window as unknown as { __meterbookPreview: { flush: () => Promise<boolean> } }).__meterbookPreview.flush());
  await page.reload();
  await page.waitForSelector('body[data-ready="preview"]');
}

async function openSettings(page: Page): Promise<void> {
  await openTab(page, 'tables');
  if (!(await page.evaluate(() => (document.getElementById('workbook-settings') as HTMLDetailsElement).open))) await page.click('#workbook-settings summary');
  await page.waitForSelector('#refresh-on-open', { state: 'visible' });
}

if (!HAS_CHROMIUM) throw new Error(`No chromium at ${CHROMIUM}: run 'bash scripts/ensure-chromium.sh' at the repository root (or set CHROMIUM_PATH).`);

describe('workbook settings and refresh on open (headless chromium, preview)', () => {
  let e: E2E;
  let page: Page;
  let table = '';
  beforeAll(async () => {
    e = await startE2E();
    page = await openPane(e);
  });
  afterAll(async () => { await e?.close(); });

  it('connects (credentials kept, as refresh on open needs) and inserts a table', async () => {
    await openTab(page, 'connection');
    await page.fill('#realm', REALM);
    await page.check('input[name="auth"][value="token"]');
    await page.fill('#token', e.server.token);
    await page.check('input[name="keep"][value="officeStorage"]');
    await page.click('#connect-btn');
    await waitConnected(page);
    await setRange(page, daysAgo(4), daysAgo(2), 'summarized');
    await page.click('#insert');
    await message(page, /Inserted [\d,]+ rows/);
    table = (await model(page)).tables[0]!.name;
  }, 60_000);

  it('shows the defaults, says when Excel runs it, and saves each setting from the keyboard', async () => {
    await openSettings(page);
    expect(await page.isChecked('#refresh-on-open')).toBe(false);
    expect(await page.inputValue('#fiscal-year-start')).toBe('1');
    expect(await page.inputValue('#settle-days')).toBe('5');
    expect(await page.textContent('#refresh-on-open-hint')).toMatch(/from the second opening of a workbook on: the pane must have been opened once in that workbook/);
    await page.focus('#workbook-settings summary');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('refresh-on-open');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => /Refresh on open is on/.test(document.getElementById('workbook-settings-saved')?.textContent ?? ''));
    expect((await model(page)).settings['meterbook.refreshOnOpen']).toBe('true');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('fiscal-year-start');
    await page.selectOption('#fiscal-year-start', '4');
    await page.waitForFunction(() => /starts in April/.test(document.getElementById('workbook-settings-saved')?.textContent ?? ''));
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('settle-days');
    // Every control shows a focus ring.
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.activeElement!).outlineWidth))).toBeGreaterThanOrEqual(2);
    await page.fill('#settle-days', '40');
    await page.keyboard.press('Enter');
    expect(await page.textContent('#settle-days-error')).toBe('Enter a whole number of days from 0 to 31 ("40" is not one).');
    expect(await page.getAttribute('#settle-days', 'aria-invalid')).toBe('true');
    expect((await model(page)).settings['meterbook.settleDays']).toBeUndefined();
    await page.fill('#settle-days', '7');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /closed 7 days after it ends/.test(document.getElementById('workbook-settings-saved')?.textContent ?? ''));
    expect(await page.isVisible('#settle-days-error')).toBe(false);
    expect((await model(page)).settings).toMatchObject({ 'meterbook.fiscalYearStartMonth': '4', 'meterbook.settleDays': '7' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('#workbook-settings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'pane-workbook-settings.png'), fullPage: false });
  }, 60_000);

  it('keeps the settings across a reload, and the reload (an opening) refreshes the table', async () => {
    const before = await pulledAt(page, table);
    await reopen(page);
    expect(await message(page, /Refreshed 1 of 1 tables when the workbook opened/)).toBeTruthy();
    expect(await pulledAt(page, table)).not.toBe(before);
    await openSettings(page);
    expect(await page.isChecked('#refresh-on-open')).toBe(true);
    expect(await page.inputValue('#fiscal-year-start')).toBe('4');
    expect(await page.inputValue('#settle-days')).toBe('7');
    expect(await page.textContent('#refresh-on-open-last')).toMatch(/^Last opening \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): Refreshed 1 of 1 tables when the workbook opened\.$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);

  it('without a kept connection, the opening says why nothing was refreshed', async () => {
    await signOut(page);
    const before = await pulledAt(page, table);
    await reopen(page);
    await page.waitForFunction(() => /No connection is kept/.test(document.getElementById('refresh-on-open-last')?.textContent ?? ''));
    await openTab(page, 'tables');
    expect(await page.evaluate(() => (document.getElementById('workbook-settings') as HTMLDetailsElement).open)).toBe(true);
    expect(await page.getAttribute('#refresh-on-open-last', 'class')).toMatch(/failed/);
    expect(await page.textContent('#message')).toMatch(/No connection is kept on this computer, so nothing was refreshed/);
    expect(await pulledAt(page, table)).toBe(before);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);

  it('turned off, a reload refreshes nothing', async () => {
    await openSettings(page);
    await page.click('#refresh-on-open');
    await page.waitForFunction(() => /Refresh on open is off/.test(document.getElementById('workbook-settings-saved')?.textContent ?? ''));
    await reopen(page);
    await openSettings(page);
    expect(await page.isChecked('#refresh-on-open')).toBe(false);
    expect(await page.textContent('#refresh-on-open-last')).toBe('');
    expect(await page.textContent('#message')).not.toMatch(/workbook opened|No connection is kept/);
  }, 60_000);
});
