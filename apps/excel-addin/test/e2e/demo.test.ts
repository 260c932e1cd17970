// The whole walk of issue 12 as `pnpm start` serves it, at 350 px in headless chromium: the
// gateway in credentials mode with --demo in front of the embedded server. First run -> "Try it
// with demo data" -> Insert (clicks counted) -> an Acronis report beside it -> Refresh all over
// both sources -> a table growing into the user's cells asks first -> a pull cancelled with Esc.
// axe on every tab; screenshots to test-results/.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { startGateway, type RunningGateway } from '@meterbook/gateway';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewModel } from '../../src/workbook/preview-workbook.js';
import { CHROMIUM, E2E_DIST, HAS_CHROMIUM, RESULTS, day, ensureBuilt, launchChromium, message, openTab, seriousA11yViolations, setRange } from './harness.js';

const REALM = 'org123456789';
const DAY_MS = 86_400_000;
const model = (page: Page) => page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
const shot = (page: Page, name: string) => page.screenshot({ path: join(RESULTS, name), fullPage: false });

if (!HAS_CHROMIUM) throw new Error(`No chromium at ${CHROMIUM}: run 'bash scripts/ensure-test-tools.sh' at the repository root (or set CHROMIUM_PATH).`);

describe('the local demo, end to end at 350 px (headless chromium)', () => {
  let server: RunningServer;
  let gateway: RunningGateway;
  let browser: { context: BrowserContext; profile: string };
  let page: Page;
  let clicks = 0;
  const click = async (selector: string) => { clicks++; await page.click(selector); };

  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ port: 0, host: '127.0.0.1', mode: 'test', reportDelayMs: 300 });
    // As scripts/dev.mjs starts it: credentials mode holding the dev keys, --demo, loopback only.
    gateway = await startGateway({
      port: 0, host: '127.0.0.1', tls: false, paneDir: E2E_DIST, auth: 'credentials', demo: true, demoRealm: REALM, rateLimit: false,
      accessKey: randomBytes(24).toString('base64url'),
      upstreams: { usage: server.url, 'here-account': server.origin, acronis: server.acronis.baseUrl },
      credentials: server.credentials,
      acronisCredentials: { clientId: server.acronis.clientId, clientSecret: server.acronis.clientSecret },
    });
    browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.context.close();
    await gateway?.close();
    await server?.close();
    if (browser) rmSync(browser.profile, { recursive: true, force: true });
  });

  it('first run offers the demo; one click connects HERE and Acronis; Insert gives data: 3 clicks', async () => {
    clicks = 1; // opening the printed URL
    await page.goto(`${gateway.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="preview"]');
    expect((await page.textContent('#first-run-go'))?.trim()).toBe('Try it with demo data');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-first-run.png');
    await click('#first-run-go');
    await message(page, /Connected to the local demo: HERE \(realm org123456789\) and Acronis/);
    expect(await page.textContent('#connection-text')).toMatch(/^HERE · org123456789 · through the gateway \| Acronis · .+ · through the gateway$/);
    expect(await page.isVisible('#source-switch')).toBe(true);
    expect(await page.isVisible('#usage')).toBe(true);
    expect(await page.isVisible('#acronis')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('insert');
    await click('#insert');
    await message(page, /Inserted [\d,]+ rows/);
    expect((await model(page)).tables).toHaveLength(1);
    expect(clicks).toBeLessThanOrEqual(3);
    console.log(`clicks from opening the URL to first data: ${clicks}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-get-data.png');
  }, 60_000);

  it('the source switch shows Acronis; a report inserts beside the HERE table', async () => {
    await page.check('input[name="get-source"][value="acronis"]');
    await page.waitForSelector('#acronis:not([hidden])');
    expect(await page.isVisible('#usage')).toBe(false);
    await page.waitForFunction(() => (document.getElementById('acronis-tenant') as HTMLSelectElement | null)?.options.length);
    await page.selectOption('#acronis-kind', 'usage_summary');
    await page.click('#acronis-create');
    const saved = await message(page, /Report \S+ is saved/);
    const id = saved.match(/Report (\S+) is saved/)![1]!;
    await page.click(`button[data-insert="${id}"]`);
    await message(page, /Inserted Acronis report/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await model(page)).tables).toHaveLength(2);
  }, 90_000);

  it('Refresh all refreshes the HERE and the Acronis table, each through its own connection', async () => {
    await openTab(page, 'tables');
    await page.click('#refresh-all');
    const line = await message(page, /tables refreshed/);
    expect(line).toMatch(/^2 tables refreshed\.$/);
    const statuses = await page.locator('#table-list [data-status]').allTextContents();
    expect(statuses).toHaveLength(2);
    for (const s of statuses) expect(s).toMatch(/^Refreshed /);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-refresh-all-mixed.png');
  }, 90_000);

  it('a table growing into a total the user typed asks in the pane (keyboard), then inserts rows', async () => {
    const t = (await model(page)).tables.find((x) => x.name.startsWith('MB_Usage'))!;
    // A total typed right under the table, and a longer range so the refresh brings more rows.
    await page.evaluate(({ name }) => {
      const wb = window.__meterbookPreview!.workbook;
      const table = wb.table(name)!;
      wb.write(table.sheet, table.row + table.rows + 1, table.col, [['My total']]);
      const key = `meterbook.table.${name}`;
      const q = JSON.parse(wb.model.settings[key]!) as { params: Record<string, string> };
      q.params.startDate = new Date(Date.parse(q.params.endDate!) - 20 * 86_400_000).toISOString().slice(0, 10);
      q.params.detailLevel = 'day';
      wb.model.settings[key] = JSON.stringify(q);
      wb.changed();
    }, { name: t.name });
    await page.click(`li[data-table="${t.name}"] button[data-action="refresh"]`);
    await page.waitForSelector('#growth-confirm:not([hidden])');
    expect(await page.textContent('#growth-text')).toMatch(/holds your cells/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('growth-insert');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-growth-confirm.png');
    await page.keyboard.press('Enter');
    await message(page, new RegExp(`Refreshed ${t.name}`));
    const after = (await model(page)).tables.find((x) => x.name === t.name)!;
    expect(after.rows).toBeGreaterThan(t.rows);
    const below = await page.evaluate(({ s, r, c }) => window.__meterbookPreview!.cell(s, r, c)?.value, { s: after.sheet, r: after.row + after.rows + 1, c: after.col });
    expect(below).toBe('My total');
  }, 90_000);

  it('a wrong gateway access key is said in words at Connect, before anything else', async () => {
    await openTab(page, 'connection');
    await page.click('#sign-out');
    await page.waitForSelector('#connect-form:not([hidden])');
    await page.check('input[name="source"][value="here"]');
    await page.check('input[name="route"][value="gateway"]');
    await page.fill('#realm', REALM);
    await page.fill('#gateway-key', 'not-the-key');
    await page.click('#connect-btn');
    await page.waitForSelector('#connect-problem:not([hidden])');
    expect(await page.getAttribute('#connect-problem', 'data-problem')).toBe('accessKeyWrong');
    expect(await page.textContent('#connect-problem')).toMatch(/refused the access key/);
    expect(await page.textContent('#connect-problem')).not.toContain('not-the-key');
    expect(await page.isVisible('#connection-line')).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-connection-access-key-wrong.png');
  }, 60_000);

  it('a pull is cancelled with Escape and leaves the workbook as it was', async () => {
    const offer = await (await fetch(`${gateway.url}/api/demo`)).json() as { accessKey: string };
    await page.fill('#gateway-key', offer.accessKey);
    await page.click('#connect-btn');
    await page.waitForSelector('#connection-line:not([hidden])');
    const sheets = (await model(page)).sheets.length;
    // Each page answers 400 ms late, so the pull is still running when Esc is pressed.
    // Esc aborts the held requests: continuing one then fails, which is the point, not an error.
    await page.route('**/api/usage/v2/usage/**', async (route) => { await new Promise((r) => setTimeout(r, 400)); await route.continue().catch(() => undefined); });
    await setRange(page, day(new Date(Date.now() - 60 * DAY_MS)), day(new Date(Date.now() - 2 * DAY_MS)), 'day');
    await page.focus('#insert');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Downloading [0-9,]+ of/.test(document.getElementById('progress-text')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cancel');
    await page.keyboard.press('Escape');
    await message(page, /Cancelled/);
    await page.unroute('**/api/usage/v2/usage/**');
    expect((await model(page)).sheets.length).toBe(sheets);
  }, 90_000);
});
