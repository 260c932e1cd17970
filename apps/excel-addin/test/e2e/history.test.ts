// A history table in real headless chromium against the embedded server: "Last 12 months" by day
// inserted as a history in one step, the pane's clock moved a day (Playwright's page.clock), Refresh,
// and only the open month was pulled again (requests counted at the server); every cell equals a
// full pull of the same range. Screenshots of the form, the Tables tab status and the preview.

import { join } from 'node:path';
import { createUsageClient, type UsageRecord } from '@meterbook/sdk';
import { hereColumns, toCell, type SourceRecord } from '@meterbook/table-model';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredQuery } from '../../src/workbook/query-store.js';
import { CHROMIUM, HAS_CHROMIUM, RESULTS, connectWithToken, message, openPane, openTab, seriousA11yViolations, setRange, startE2E, type E2E } from './harness.js';

const REALM = 'org123456789';
// The 10th, noon, of the month before the real one: the server's data (up to the real hour) covers
// it and the day after, and the month before it is closed (settle period 5 days).
const now = new Date();
const T1 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10, 12));
const T2 = new Date(T1.getTime() + 86_400_000);

const records = (page: Page, table: string) => page.evaluate((t) => window.__meterbookPreview!.records(t), table);
// Only what is needed crosses from the page: the whole model of 40,000 rows takes seconds each time.
const stored = async (page: Page, table: string) => JSON.parse(await page.evaluate((k) => window.__meterbookPreview!.workbook.model.settings[k]!, `meterbook.table.${table}`)) as StoredQuery;
const firstTable = (page: Page) => page.evaluate(() => window.__meterbookPreview!.workbook.model.tables[0]!.name);
const caption = (page: Page) => page.evaluate(() => String(window.__meterbookPreview!.workbook.model.sheets[0]!.rows[0]![0]!.value));

if (!HAS_CHROMIUM) throw new Error(`No chromium at ${CHROMIUM}: run 'bash scripts/ensure-test-tools.sh' at the repository root (or set CHROMIUM_PATH).`);

describe('history table e2e (headless chromium)', () => {
  let e: E2E;
  let page: Page;
  beforeAll(async () => {
    e = await startE2E();
    page = await openPane(e, { beforeGoto: (p) => p.clock.install({ time: T1 }) });
    await connectWithToken(page, REALM, e.server.token);
  });
  afterAll(async () => { await e?.close(); });

  it('inserts last 12 months by day as a history in one step, and a day later re-pulls only the open month', async () => {
    await openTab(page, 'get-data');
    await page.selectOption('#preset', 'last12Months');
    await page.selectOption('#detail', 'day');
    const start = new Date(Date.UTC(T1.getUTCFullYear(), T1.getUTCMonth() - 12, 1));
    expect(await page.textContent('#range-words')).toBe(`${start.getUTCDate()} ${start.toUTCString().slice(8, 11)} ${start.getUTCFullYear()} – ${T1.getUTCDate()} ${T1.toUTCString().slice(8, 11)} ${T1.getUTCFullYear()}`);
    expect(await page.isChecked('#keep-history')).toBe(true);
    expect(await page.isVisible('#range-notice')).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'pane-history-insert.png'), fullPage: false });
    await page.click('#insert');
    expect(await message(page, /Inserted [\d,]+ rows/)).toMatch(/Kept as a history/);
    const table = await firstTable(page);
    const first = await stored(page, table);
    expect(first.history?.rule).toEqual({ kind: 'rolling', months: 12 });
    expect(first.history?.windows).toHaveLength(13);

    // A day later (the pane's clock; the server's data already reaches past it).
    await page.clock.setSystemTime(T2);
    e.server.resetStats();
    await openTab(page, 'tables');
    await page.click(`li[data-table="${table}"] [data-action="refresh"]`);
    await message(page, new RegExp(`Refreshed ${table}`));
    const counted = e.server.stats().byOperation.getUsage ?? 0;

    const after = await stored(page, table);
    expect(after.params.endDate).toBe(T2.toISOString().slice(0, 19));
    expect(after.history?.status).toMatchObject({ kept: 12, pulled: 1, dropped: 0 });
    const client = createUsageClient({ baseUrl: e.server.url, token: e.server.token });
    const openMonth = after.history!.windows.at(-1)!;
    const open = await client.usage.list({ realmId: REALM, startDate: openMonth.start, endDate: openMonth.end, detailLevel: 'day', limit: 1 });
    expect(counted).toBe(Math.max(1, Math.ceil(open.total / 100)));

    // Every cell equals a full pull of the same range, through the table model's own rule.
    const full: UsageRecord[] = await client.usage.range({ realmId: REALM, startDate: String(after.params.startDate), endDate: String(after.params.endDate), detailLevel: 'day' });
    const rows = await records(page, table);
    expect(rows.length).toBe(full.length);
    const cols = hereColumns(after.params);
    rows.forEach((row, i) => {
      for (const c of cols) expect(row[c.header], `row ${i} ${c.key}`).toEqual(toCell(c, full[i] as SourceRecord));
    });

    const status = await page.textContent(`li[data-table="${table}"] [data-status]`);
    expect(status).toMatch(/^Refreshed .* UTC · history: 12 months kept, 1 re-pulled · \+[\d,]+ \/ −[\d,]+ rows$/);
    expect(await page.textContent(`li[data-table="${table}"] .meta`)).toMatch(/· history ·/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator(`li[data-table="${table}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'pane-history-status.png'), fullPage: false });
    expect(await caption(page)).toMatch(/history: 12 months kept, 1 re-pulled/);
    await page.locator('#preview').screenshot({ path: join(RESULTS, 'preview-history.png') });
  }, 180_000);

  // Replaces pane.test.ts's "range over 95 days" check: any length is pulled now, up to 36 months.
  it('refuses a range over 36 months naming the limit, and a reversed one in words, before asking the API', async () => {
    e.server.resetStats();
    await setRange(page, '2020-01-01', T2.toISOString().slice(0, 10), 'day');
    await page.click('#insert');
    expect(await message(page, /longer than 36 months/)).toMatch(/the most one pull takes: end it by/);
    await setRange(page, '2026-02-10', '2026-02-01', 'day');
    await page.click('#insert');
    expect(await message(page, /is before the start date/)).toMatch(/choose an end on or after the start/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('to');
    expect(e.server.stats().requests).toBe(0);
  });
});
