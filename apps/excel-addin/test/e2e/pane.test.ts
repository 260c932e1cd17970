// The pane in real headless chromium against the embedded server: insert, compare every value
// with the API, hostile text, cancel, refresh after reopening, reports, and the error messages.

import { join } from 'node:path';
import { createUsageClient, type UsageRecord } from '@meterbook/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayWords, hereColumns, toCell, type SourceRecord } from '@meterbook/table-model';
import {
  RESULTS, connectWithToken, daysAgo as from, message, openPane, openTab, previewModel as model, previewRecords as records, requireChromium,
  screenshot, seriousA11yViolations, setRange, signOut, startE2E, waitConnected, type E2E,
} from './harness.js';

const REALM = 'org123456789';
const DAY_MS = 86_400_000;

requireChromium();

describe('pane e2e (headless chromium)', () => {
  let e: E2E;
  let page: Page;
  beforeAll(async () => {
    e = await startE2E();
    page = await openPane(e);
    await connectWithToken(page, REALM, e.server.token);
  });
  afterAll(async () => { await e?.close(); });

  it('inserts 2,500+ usage rows across pages, every value as the API returns it', async () => {
    await setRange(page, from(26), from(2), 'day');
    await page.click('#insert');
    const text = await message(page, /Inserted [\d,]+ rows/);
    const m = await model(page);
    const table = m.tables[0]!;
    expect(text).toContain(table.name);
    expect(table.rows).toBeGreaterThanOrEqual(2_500);
    const stored = JSON.parse(m.settings[`meterbook.table.${table.name}`]!) as { params: { startDate: string; endDate: string; detailLevel: string } & Record<string, string> };
    const client = createUsageClient({ baseUrl: e.server.url, token: e.server.token });
    const api: UsageRecord[] = await client.usage.all({ realmId: REALM, ...stored.params, detailLevel: 'day' });
    expect(api.length).toBe(table.rows);
    // Expected cells from the table model's own rule, over what the API sent (Month included).
    const cols = hereColumns(stored.params);
    expect(cols.map((c) => c.header)).toContain('Month');
    const rows = await records(page, table.name);
    rows.forEach((row, i) => {
      const rec = api[i] as SourceRecord;
      for (const c of cols) expect(row[c.header], `row ${i} ${c.key}`).toEqual(toCell(c, rec));
    });
    const firstMonth = rows[0]!.Month;
    expect(typeof firstMonth).toBe('number');
    expect(new Date(((firstMonth as number) - 25_569) * DAY_MS).getUTCDate()).toBe(1);
    const sheet = m.sheets.find((s) => s.name === table.sheet)!;
    expect(sheet.frozenRows).toBe(3);
    expect(String(sheet.rows[0]?.[0]?.value)).toMatch(/^HERE usage · org123456789 · .*rows/);
    await screenshot(page, 'pane-after-insert.png');
    expect(await page.locator('#preview table td').count()).toBeGreaterThan(100);
    await page.locator('#preview').screenshot({ path: join(RESULTS, 'preview-after-insert.png') });
  }, 90_000);

  it('keeps hostile billing tags as text', async () => {
    await setRange(page, from(6), from(2), 'summarized');
    await page.click('summary:has-text("Group by")');
    await page.check('input[name="groupBy"][value="billingTag"]');
    await page.click('#insert');
    await message(page, /Inserted/);
    const m = await model(page);
    const t = m.tables.at(-1)!;
    const sheet = m.sheets.find((s) => s.name === t.sheet)!;
    const col = sheet.rows[t.row]!.findIndex((c) => c?.value === 'Billing tag');
    expect(col).toBeGreaterThanOrEqual(0);
    const cells = sheet.rows.slice(t.row + 1, t.row + 1 + t.rows).map((r) => r?.[col]);
    const values = cells.map((c) => c?.value);
    expect(values).toContain('=HYPERLINK("http://evil.example","click")');
    expect(values).toContain("+cmd|' /C calc'!A0");
    expect(values).toContain('@SUM(1,1)');
    expect(values).toContain('line one\nline two');
    expect(cells.every((c) => c?.formula === undefined)).toBe(true);
    expect(await page.locator('#preview').textContent()).not.toContain('FORMULA');
    await page.uncheck('input[name="groupBy"][value="billingTag"]');
  }, 60_000);

  it('cancels a slow pull and leaves no new sheet', async () => {
    const before = (await model(page)).sheets.length;
    await page.route('**/v2/usage/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-mock-fault': 'latency=400' } }));
    await setRange(page, from(26), from(2), 'day');
    await page.click('#insert');
    await page.waitForFunction(() => /Downloading [0-9,]+ of/.test(document.getElementById('progress-text')?.textContent ?? ''));
    await page.click('#cancel');
    await message(page, /Cancelled/);
    await page.unroute('**/v2/usage/**');
    expect((await model(page)).sheets.length).toBe(before);
  }, 60_000);

  it('refreshes a table after the workbook is reopened, keeping the user column and other cells', async () => {
    const before = await model(page);
    const t = before.tables.at(-1)!;
    const tagCol = before.sheets.find((s) => s.name === t.sheet)!.rows[t.row]!.findIndex((c) => c?.value === 'Quantity');
    expect(tagCol).toBeGreaterThanOrEqual(0);
    await page.evaluate(({ name, col }) => {
      const wb = window.__meterbookPreview!.workbook;
      const table = wb.table(name)!;
      wb.write(table.sheet, table.row, table.cols, [['My calc']]);
      for (let r = 1; r <= table.rows; r++) wb.write(table.sheet, table.row + r, table.cols, [[`=Q${table.row + r + 1}*2`]]);
      table.cols += 1;
      wb.write(table.sheet, 0, 30, [['keep me']]);
      wb.write(table.sheet, table.row + 1, col, [[999_999]]); // a stale value the refresh must replace
      wb.changed();
    }, { name: t.name, col: tagCol });
    const want = (await records(page, t.name)).length;
    expect(await page.evaluate(() => window.__meterbookPreview!.flush())).toBe(true); // saved now, not after the debounce
    await page.reload();
    await page.waitForSelector('body[data-ready="preview"]');
    await connectWithToken(page, REALM, e.server.token);
    await page.evaluate(({ s, r }) => window.__meterbookPreview!.select(s, r, 1), { s: t.sheet, r: t.row + 2 });
    await openTab(page, 'tables');
    await page.click('#refresh-selected');
    await message(page, /Refreshed/);
    const after = (await model(page)).tables.find((x) => x.name === t.name)!;
    const rows = await records(page, t.name);
    expect(rows.length).toBe(want);
    expect(typeof rows[0]!.Quantity).toBe('number');
    expect(rows[0]!.Quantity).not.toBe(999_999);
    expect(String(rows[0]!['My calc'])).toMatch(/^=Q\d+\*2$/);
    expect(after.cols).toBe(t.cols + 1);
    const cell = await page.evaluate(({ s }) => window.__meterbookPreview!.cell(s, 0, 30)?.value, { s: t.sheet });
    expect(cell).toBe('keep me');
  }, 60_000);

  it('creates a report, waits for it and inserts it', async () => {
    await openTab(page, 'get-data');
    await setRange(page, from(20), from(2), 'summarized');
    await page.fill('#subaccounts', 'org112135, org124566');
    await page.click('#create-report');
    await message(page, /is completed/);
    const id = (await page.textContent('#message'))!.match(/Report (\S+) is completed/)![1]!;
    // The list says the period with its last day included, in the captions' words.
    expect(await page.textContent(`tr[data-report-row="${id}"] td[data-label="Period"]`)).toBe(`${dayWords(new Date(from(20)))} – ${dayWords(new Date(from(2)))}`);
    await page.click(`button[data-report="${id}"]`);
    await message(page, /Inserted report/);
    const t = (await model(page)).tables.find((x) => x.name.startsWith('MB_Report'))!;
    expect(t.rows).toBeGreaterThan(0);
    const rows = await records(page, t.name);
    expect(typeof rows[0]!.Quantity).toBe('number');
  }, 60_000);

  it('says why a report failed', async () => {
    await page.click('summary:has-text("Filters")');
    await page.fill('#f-tag', 'fail-report');
    await page.click('#create-report');
    expect(await message(page, /report failed/i)).toContain('fail-report');
    await page.fill('#f-tag', '');
    await page.click('#reports-reload');
    await page.waitForSelector('td:has-text("Failed:")');
  }, 60_000);

  it('an hourly pull too slow for the paged API is offered day detail (never a report, which takes no hours)', async () => {
    const sheets = (await model(page)).sheets.length;
    await setRange(page, from(14), from(2), 'hour');
    await page.click('#insert');
    await page.waitForSelector('#size-warning:not([hidden])');
    expect(await page.textContent('#size-text')).toMatch(/hourly records: the paged API is slow above 20,000/);
    expect(await page.isVisible('#use-report')).toBe(false);
    expect(await page.isVisible('#use-day-detail')).toBe(true);
    expect(await page.textContent('#size-text')).not.toMatch(/report/i);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('use-day-detail');
    expect((await model(page)).sheets.length).toBe(sheets);
    await page.click('#use-day-detail');
    await message(page, /Inserted [\d,]+ rows/);
    const m = await model(page);
    const t = m.tables.at(-1)!;
    expect((JSON.parse(m.settings[`meterbook.table.${t.name}`]!) as { params: { detailLevel: string } }).params.detailLevel).toBe('day');
    expect(await page.inputValue('#detail')).toBe('day');
  }, 60_000);

  it('explains a range over 36 months before asking the API, at the end date', async () => {
    const sheets = (await model(page)).sheets.length;
    await setRange(page, from(1200), from(2), 'month');
    await page.click('#insert');
    expect(await message(page, /longer than 36 months/)).toMatch(/end it by \d{1,2} \w{3} \d{4}/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('to');
    expect((await model(page)).sheets.length).toBe(sheets);
  });

  it('a custom range ending in the future ends now, and says so (observation 8)', async () => {
    await setRange(page, from(5), from(-10), 'day');
    await page.click('#insert');
    await message(page, /Inserted [\d,]+ rows/);
    expect(await page.isVisible('#range-notice')).toBe(true);
    expect(await page.textContent('#range-notice')).toMatch(/^The range ends today, \d{1,2} \w{3} \d{4}: data after now does not exist yet\.$/);
    const m = await model(page);
    const stored = JSON.parse(m.settings[`meterbook.table.${m.tables.at(-1)!.name}`]!) as { params: { endDate: string } };
    expect(Date.parse(`${stored.params.endDate}Z`)).toBeLessThanOrEqual(Date.now());
  }, 60_000);

  it('Connect checks the token: a refused one is said at Connect, nothing is connected', async () => {
    await signOut(page);
    await page.fill('#realm', REALM);
    await page.check('input[name="auth"][value="token"]');
    await page.fill('#token', 'not-a-valid-token');
    await page.click('#connect-btn');
    await page.waitForSelector('#connect-problem:not([hidden])');
    expect(await page.getAttribute('#connect-problem', 'data-problem')).toBe('tokenRefused');
    expect(await page.textContent('#connect-problem')).toMatch(/refused the access token \(wrong or expired\)/);
    expect(await page.isVisible('#connection-line')).toBe(false);
    expect(await message(page, /refused the access token/)).not.toMatch(/Connected/);
  });

  it('Connect checks the realm: one the token may not read is named', async () => {
    await page.fill('#realm', 'org999999999');
    await page.fill('#token', e.server.token);
    await page.click('#connect-btn');
    await page.waitForFunction(() => document.getElementById('connect-problem')?.dataset.problem === 'realmNotReadable');
    expect(await page.textContent('#connect-problem')).toMatch(/may not read realm org999999999/);
    expect(await page.isVisible('#connection-line')).toBe(false);
  });

  it('an insert the API refuses says so in one sentence, the correlation id once, under Details', async () => {
    await connectWithToken(page, REALM, e.server.token);
    await page.route('**/v2/usage/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-mock-fault': 'status=401' } }));
    await setRange(page, from(5), from(2), 'day');
    await page.click('#insert');
    const text = await message(page, /refused the credentials/);
    await page.unroute('**/v2/usage/**');
    expect(await page.textContent('#message .summary')).toMatch(/^The HERE Usage API refused the credentials \(expired or wrong\): sign in again\.$/);
    // Details is closed until asked for; it names the operation, the status and the id.
    expect(await page.isVisible('#message .error-details dl')).toBe(false);
    await page.click('#message .error-details summary');
    const details = (await page.textContent('#message .error-details dl')) ?? '';
    expect(details).toMatch(/Status401/);
    expect(details).toMatch(/OperationHERE Usage API \w+/);
    const id = /Correlation id(\S+?)(Request id|$)/.exec(details)?.[1] ?? '';
    expect(id.length).toBeGreaterThan(4);
    expect(text.split(id).length - 1).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pane-error-details.png');
  });

  it('connects with a credentials.properties file, never shows the secret, never stores it in the workbook', async () => {
    const { accessKeyId, accessKeySecret, tokenEndpointUrl } = e.server.credentials;
    await signOut(page);
    await page.fill('#realm', REALM);
    await page.check('input[name="auth"][value="properties"]');
    await page.fill('#properties', `here.user.id = HERE-1\nhere.access.key.id = ${accessKeyId}\nhere.access.key.secret = ${accessKeySecret}\nhere.token.endpoint.url = ${tokenEndpointUrl}\n`);
    await page.click('#connect-btn');
    await waitConnected(page);
    const status = await page.textContent('#connected-as');
    expect(status).toContain(accessKeyId);
    expect(status).not.toContain(accessKeySecret);
    expect(await page.inputValue('#properties')).toBe('');
    await setRange(page, from(5), from(2), 'summarized');
    await page.click('#insert');
    await message(page, /Inserted/);
    const saved = JSON.stringify(await model(page));
    expect(saved).not.toContain(accessKeySecret);
    expect(saved).not.toContain(e.server.token);
  }, 60_000);

  it('a reload keeps a 10,000-row preview (IndexedDB, well past what localStorage held)', async () => {
    const cells = await page.evaluate(() => {
      const wb = window.__meterbookPreview!.workbook;
      wb.addSheet('Big');
      const rows = Array.from({ length: 10_001 }, (_, r) => Array.from({ length: 15 }, (_, c) => (r === 0 ? `Column ${c}` : `row ${r} column ${c} of the preview workbook`)));
      wb.write('Big', 0, 0, rows);
      wb.model.tables.push({ id: 'big', name: 'MB_Big', sheet: 'Big', row: 0, col: 0, rows: 10_000, cols: 15, style: 'TableStyleMedium2' });
      wb.changed();
      return JSON.stringify(rows).length;
    });
    expect(cells).toBeGreaterThan(5_500_000); // more than localStorage's ~5 MB
    expect(await page.evaluate(() => window.__meterbookPreview!.flush())).toBe(true);
    await page.reload();
    await page.waitForSelector('body[data-ready="preview"]');
    const t = (await model(page)).tables.find((x) => x.name === 'MB_Big');
    expect(t?.rows).toBe(10_000);
    expect(await page.evaluate(() => window.__meterbookPreview!.cell('Big', 10_000, 14)?.value)).toBe('row 10000 column 14 of the preview workbook');
    expect(await page.isVisible('#preview-notice')).toBe(false);
  }, 60_000);
});
