// Acronis as the second source, in headless chromium against the embedded server: connect with an
// API client, create a saved report, insert it, compare every cell with reports.download of the
// same report, a hostile tenant name stays text, refresh (which replaces the pane's report with its
// new one), and a delete that meets a newer version.

import { createAcronisClient, type AcronisUsageRow } from '@meterbook/sdk/acronis';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIB, isByteRow } from '../../src/flows/acronis-gib.js';
import { acronisColumns, GIB_FORMAT, GIB_SUFFIX } from '../../src/workbook/acronis-columns.js';
import {
  day, message, openPane, openTab, previewModel as model, previewRecords as records, requireChromium, screenshot, seriousA11yViolations, startE2E, type E2E,
} from './harness.js';

const DAY_MS = 86_400_000;

requireChromium();

describe('Acronis in the pane (headless chromium)', () => {
  let e: E2E;
  let page: Page;
  let reportId = '';
  beforeAll(async () => {
    e = await startE2E();
    page = await openPane(e);
  });
  afterAll(async () => { await e?.close(); });

  it('connects with an API client and lists the tenants', async () => {
    await openTab(page, 'connection');
    await page.check('input[name="source"][value="acronis"]');
    expect(await page.isVisible('#realm')).toBe(false);
    expect(await page.inputValue('#acronis-url')).toBe(`${e.server.origin}/acronis`);
    await page.fill('#acronis-client-id', e.server.acronis.clientId);
    await page.fill('#acronis-client-secret', e.server.acronis.clientSecret);
    await page.click('#connect-btn');
    await message(page, /Connected to Acronis: \d+ tenants/);
    expect(await page.textContent('#connected-as')).not.toContain(e.server.acronis.clientSecret);
    expect(await page.inputValue('#acronis-client-secret')).toBe('');
    expect(await page.isVisible('#usage')).toBe(false);
    expect(await page.isVisible('#acronis')).toBe(true);
    expect(await page.inputValue('#acronis-tenant')).toBe(e.server.acronis.tenantId);
    expect(await page.textContent('#connection-text')).toMatch(/^Acronis · .+ · direct$/);
    expect(await page.textContent('#connection-text')).toContain(await page.evaluate(() => (document.getElementById('acronis-tenant') as HTMLSelectElement).selectedOptions[0]!.textContent!.replace(/ \(\w+\)$/, '')));
    expect(await page.locator('#acronis-tenant option').allTextContents()).toContain('=SUM(1,1) Holdings (customer)');
  });

  it('offers date presets for the period; typing a date makes it custom', async () => {
    const now = new Date();
    const firstOfThis = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    await page.selectOption('#acronis-preset', 'lastMonth');
    expect(await page.inputValue('#acronis-from')).toBe(day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))));
    expect(await page.inputValue('#acronis-to')).toBe(day(new Date(firstOfThis - DAY_MS)));
    await page.selectOption('#acronis-preset', 'thisMonth');
    expect(await page.inputValue('#acronis-from')).toBe(day(new Date(firstOfThis)));
    expect(await page.inputValue('#acronis-to')).toBe(day(now));
    await page.fill('#acronis-from', day(new Date(Date.now() - 20 * DAY_MS)));
    expect(await page.inputValue('#acronis-preset')).toBe('custom');
  });

  it('creates a saved report, inserts it, and every cell matches reports.download', async () => {
    await page.selectOption('#acronis-kind', 'usage_summary');
    await page.selectOption('#acronis-level', 'all_customers');
    await page.fill('#acronis-from', day(new Date(Date.now() - 20 * DAY_MS)));
    await page.fill('#acronis-to', day(new Date(Date.now() + 3 * DAY_MS))); // capped to today
    await page.click('#acronis-create');
    const saved = await message(page, /Report \S+ is saved/);
    reportId = saved.match(/Report (\S+) is saved/)![1]!;
    await page.click(`button[data-insert="${reportId}"]`);
    await message(page, /Inserted Acronis report/);
    expect(await seriousA11yViolations(page)).toEqual([]); // Get data with Acronis, the report list shown
    await page.locator('#activity').scrollIntoViewIfNeeded();
    await screenshot(page, 'pane-acronis-insert.png');

    const m = await model(page);
    const table = m.tables.find((t) => t.name.startsWith('MB_Acronis'))!;
    const client = createAcronisClient({ baseUrl: e.server.acronis.baseUrl, token: e.server.acronis.token });
    const report = await client.reports.get(reportId);
    expect(report.parameters.period?.end).toBe(day(new Date()));
    // The form shows the period that was really asked for.
    expect(await page.inputValue('#acronis-to')).toBe(day(new Date()));
    const api: AcronisUsageRow[] = await client.reports.download(report).toArray();
    const rows = await records(page, table.name);
    expect(rows.length).toBe(api.length);
    expect(api.length).toBeGreaterThan(20);
    const keys = new Set(api.flatMap((r) => Object.keys(r)));
    const columns = acronisColumns(keys);
    let gibCells = 0;
    rows.forEach((row, i) => {
      const rec = api[i]!;
      for (const c of columns) {
        let want: unknown = rec[c.key] ?? '';
        if (c.key.endsWith(GIB_SUFFIX)) {
          const bytes = rec[c.key.slice(0, -GIB_SUFFIX.length)];
          want = isByteRow(rec) && typeof bytes === 'number' ? bytes / GIB : '';
          if (want !== '') gibCells++;
        }
        expect(row[c.header], `row ${i} ${c.key}`).toEqual(want);
      }
    });
    expect(gibCells).toBeGreaterThan(0);
    // Numbers are typed with formats: whole units and GiB with two decimals.
    const sheet = m.sheets.find((s) => s.name === table.sheet)!;
    const header = sheet.rows[table.row]!.map((c) => c?.value);
    const gibCol = header.indexOf('Total storage (GiB)');
    const totalCol = header.indexOf('Total usage');
    expect(gibCol).toBeGreaterThanOrEqual(0);
    expect(totalCol).toBeGreaterThanOrEqual(0);
    const storageRow = rows.findIndex((r) => r['Offering item'] === 'storage');
    expect(storageRow).toBeGreaterThanOrEqual(0);
    const cell = sheet.rows[table.row + 1 + storageRow]![gibCol]!;
    expect(typeof cell.value).toBe('number');
    expect(cell.format).toBe(GIB_FORMAT);
    expect(typeof sheet.rows[table.row + 1 + storageRow]![totalCol]!.value).toBe('number');
  }, 90_000);

  it('keeps the hostile tenant name as text', async () => {
    const m = await model(page);
    const t = m.tables.find((x) => x.name.startsWith('MB_Acronis'))!;
    const sheet = m.sheets.find((s) => s.name === t.sheet)!;
    const col = sheet.rows[t.row]!.findIndex((c) => c?.value === 'Tenant');
    const cells = sheet.rows.slice(t.row + 1, t.row + 1 + t.rows).map((r) => r?.[col]);
    expect(cells.map((c) => c?.value)).toContain('=SUM(1,1) Holdings');
    expect(cells.map((c) => c?.value)).toContain('Smith, Jones & Partners');
    expect(cells.every((c) => c?.formula === undefined)).toBe(true);
    expect(await page.locator('#preview').textContent()).not.toContain('FORMULA');
  });

  it('refreshes the Acronis table with a new report of the same parameters', async () => {
    const t = (await model(page)).tables.find((x) => x.name.startsWith('MB_Acronis'))!;
    const stored = (await model(page)).settings[`meterbook.table.${t.name}`]!;
    expect(stored).toContain('"kind":"acronis-report"');
    expect(stored).not.toContain(e.server.acronis.clientSecret);
    await page.evaluate(({ s, r }) => window.__meterbookPreview!.select(s, r, 1), { s: t.sheet, r: t.row + 2 });
    await openTab(page, 'tables');
    await page.click('#refresh-selected');
    await message(page, /Refreshed MB_Acronis/);
    expect((await records(page, t.name)).length).toBe(t.rows);
    // The report the pane made before is gone; the table now remembers the one the refresh made.
    const client = createAcronisClient({ baseUrl: e.server.acronis.baseUrl, token: e.server.acronis.token });
    await expect(client.reports.get(reportId)).rejects.toThrow();
    const now = JSON.parse((await model(page)).settings[`meterbook.table.${t.name}`]!) as { params: { ownReportId: string } };
    expect(now.params.ownReportId).not.toBe(reportId);
    reportId = now.params.ownReportId;
    expect((await client.reports.get(reportId)).parameters.tenant_id).toBe(e.server.acronis.tenantId);
  }, 60_000);

  it('asks before deleting and says so plainly when the report changed meanwhile', async () => {
    const client = createAcronisClient({ baseUrl: e.server.acronis.baseUrl, token: e.server.acronis.token });
    const all = await client.reports.list(e.server.acronis.tenantId).toArray();
    const monthly = all.find((r) => r.schedule.type === 'monthly')!;
    await openTab(page, 'get-data');
    await page.click('#acronis-reload');
    // The list is rebuilt when loading ends: wait for that, or the confirmation below would be
    // replaced by fresh rows under the test's feet (a failure seen under CI load).
    await page.waitForFunction(() => !document.body.hasAttribute('data-busy'));
    await page.waitForSelector(`tr[data-acronis-report="${monthly.id}"]`);
    await client.reports.update(monthly, { schedule: { type: 'monthly', enabled: false } }); // version + 1 behind the pane's back
    await page.click(`button[data-delete="${monthly.id}"]`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep');
    await page.click(`button[data-confirm-delete="${monthly.id}"]`);
    expect(await message(page, /Not deleted/)).toContain(`the list had version ${monthly.version}`);
    await page.waitForSelector(`tr[data-acronis-report="${monthly.id}"] td:has-text("${monthly.version + 1}")`);
    // Deleting the table's current report works.
    await page.click(`button[data-delete="${reportId}"]`);
    await page.click(`button[data-confirm-delete="${reportId}"]`);
    await message(page, /Deleted report/);
    await expect(client.reports.get(reportId)).rejects.toThrow();
  }, 60_000);
});
