// The pane as a finance analyst meets it, at 350 px in headless chromium with axe-core on every
// tab: first run -> connect -> insert (with the keyboard) -> refresh all -> a long pull cancelled
// with Esc. Screenshots of every tab go to test-results/pane-*.png.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daysAgo as from, focusedId as focused, message, openPane, openTab, previewModel as model, requireChromium, screenshot as shot,
  seriousA11yViolations, setRange, startE2E, waitConnected, type E2E,
} from './harness.js';

const REALM = 'org123456789';

requireChromium();

describe('the pane at 350 px: tabs, first run, keyboard, axe (headless chromium)', () => {
  let e: E2E;
  let page: Page;
  beforeAll(async () => {
    e = await startE2E();
    page = await openPane(e, { firstRun: 'keep' });
  });
  afterAll(async () => { await e?.close(); });

  it('first run: one action and a way past it, nothing else in the way', async () => {
    expect(page.viewportSize()).toEqual({ width: 350, height: 900 });
    expect(await page.isVisible('#first-run')).toBe(true);
    expect(await page.isVisible('#tabs')).toBe(false);
    // No demo gateway served this pane, so the one action is Connect.
    expect((await page.textContent('#first-run-go'))?.trim()).toBe('Connect');
    expect(await page.isVisible('#first-run-skip')).toBe(true);
    expect(await focused(page)).toBe('first-run-go');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-first-run-no-demo.png'); // pane-first-run.png: the demo's, demo.test.ts
  });

  it('Connect leads to the Connection tab; the placemat is not shown again', async () => {
    await page.click('#first-run-go');
    await page.waitForSelector('#panel-connection:not([hidden])');
    expect(await page.isVisible('#first-run')).toBe(false);
    expect(await page.getAttribute('#tab-connection', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-get-data')).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-connection.png');
    expect(await page.evaluate(() => window.localStorage.getItem('meterbook.firstRunDone'))).toBe('1');
  });

  it('before connecting, Get data and Tables say what they need instead of failing', async () => {
    await openTab(page, 'get-data');
    expect(await page.isVisible('#panel-get-data [data-needs-connection]')).toBe(true);
    expect(await page.isVisible('#usage')).toBe(false);
    expect(await page.isVisible('#acronis')).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await openTab(page, 'tables');
    expect(await page.isVisible('#panel-tables [data-needs-connection]')).toBe(true);
    await page.click('#panel-tables [data-go-connection]');
    await page.waitForSelector('#panel-connection:not([hidden])');
    expect(await focused(page)).toBe('tab-connection');
  });

  it('links the help page', async () => {
    expect(await page.getAttribute('#help-link', 'href')).toBe('help.html');
    const help = await page.request.get(`${e.server.origin}/help.html`);
    expect(help.status()).toBe(200);
    expect(await help.text()).toContain('Meterbook Usage');
  });

  it('connects with Enter in the token field; the connection is one line with a Change link', async () => {
    await page.fill('#realm', REALM);
    await page.fill('#token', e.server.token);
    await page.press('#token', 'Enter');
    await waitConnected(page);
    expect(await page.textContent('#connection-text')).toBe(`HERE · ${REALM} · direct`);
    expect(await page.getAttribute('#tab-get-data', 'aria-selected')).toBe('true');
    expect(await focused(page)).toBe('preset');
    expect(await page.isVisible('#usage')).toBe(true);
    expect(await page.isVisible('#reports')).toBe(true);
    expect(await page.isVisible('#panel-get-data [data-needs-connection]')).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-get-data-direct.png'); // pane-get-data.png: after the demo's first insert, demo.test.ts
    await page.click('#connection-change');
    await page.waitForSelector('#panel-connection:not([hidden])');
    expect(await page.isVisible('#sign-out')).toBe(true);
    await openTab(page, 'get-data');
  });

  it('Enter on a group-by checkbox does not start a pull; Enter in a text field does', async () => {
    await setRange(page, from(6), from(2), 'summarized');
    await page.click('summary:has-text("Group by")');
    const box = 'input[name="groupBy"][value="project"]';
    const before = await page.textContent('#message');
    await page.focus(box);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(600);
    expect(await page.isVisible('#progress-box')).toBe(false);
    expect(await page.textContent('#message')).toBe(before);
    expect(await page.isChecked(box)).toBe(false);
    expect((await model(page)).tables).toHaveLength(0);
    await page.click('summary:has-text("Filters")');
    await page.press('#f-feature', 'Enter');
    await message(page, /Inserted [\d,]+ rows/);
    expect((await model(page)).tables).toHaveLength(1);
    // Focus came back to where the pull was started.
    expect(await focused(page)).toBe('f-feature');
  }, 60_000);

  it('every control of Get data is reached by Tab, each with a visible focus ring', async () => {
    await page.click('summary:has-text("Filters")'); // closed again: only what is shown counts
    await page.focus('#help-link');
    const seen: { id: string; tag: string; ring: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        const style = getComputedStyle(a);
        // Fluent elements draw their ring inside their shadow root; a date field highlights its
        // focused part (day, month, year) itself; the other native controls get the outline.
        const own = a.tagName.startsWith('FLUENT-') || (a instanceof HTMLInputElement && a.type === 'date');
        const ring = own || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2);
        return { id: a.id || a.textContent?.trim().slice(0, 20) || a.tagName, tag: a.tagName, ring, inPreview: !!a.closest('#preview') };
      });
      if (f.inPreview) break;
      seen.push(f);
    }
    const ids = seen.map((f) => f.id);
    for (const id of ['connection-change', 'tab-get-data', 'preset', 'detail', 'Filters', 'Group by and fields', 'insert', 'subaccounts', 'create-report', 'reports-reload']) expect(ids).toContain(id);
    expect(seen.filter((f) => !f.ring)).toEqual([]);
  });

  it('Tables: each table with its source, status and actions; Refresh all says how it went', async () => {
    await openTab(page, 'tables');
    const name = (await model(page)).tables[0]!.name;
    const row = `li[data-table="${name}"]`;
    expect(await page.textContent(`${row} .meta`)).toMatch(new RegExp(`HERE usage · ${REALM} · sheet .* · [\\d,]+ rows`));
    expect(await page.textContent(`${row} [data-status]`)).toMatch(/^Pulled \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC$/);
    expect(await page.locator(`${row} button[data-action]`).evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(['refresh', 'summarize', 'cost']);
    // A row's own Refresh, from the keyboard: focus comes back to that button after the rebuild.
    await page.focus(`${row} button[data-action="refresh"]`);
    await page.keyboard.press('Enter');
    await message(page, new RegExp(`Refreshed ${name}: `));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('refresh');
    await page.click('#refresh-all');
    expect(await message(page, /1 table refreshed/)).not.toMatch(/need|failed/);
    await page.waitForFunction((sel) => /^Refreshed .* rows\.$/.test(document.querySelector(sel)?.textContent ?? ''), `${row} [data-status]`);
    expect(await page.isVisible('#refresh-summary')).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-tables.png');
  }, 60_000);

  it('Refresh all lists the tables it could not refresh, in one line that opens', async () => {
    await openTab(page, 'get-data');
    await setRange(page, from(4), from(2), 'summarized');
    await page.click('#insert');
    await message(page, /Inserted/);
    const other = (await model(page)).tables[1]!.name;
    // This table now says it came from another API: refresh must pass it by, with the reason.
    await page.evaluate((name) => {
      const wb = window.__meterbookPreview!.workbook;
      const key = `meterbook.table.${name}`;
      wb.model.settings[key] = JSON.stringify({ ...JSON.parse(wb.model.settings[key]!), baseUrl: 'https://usage.example.com/v2' });
    }, other);
    await openTab(page, 'tables');
    await page.click('#refresh-all');
    expect(await message(page, /^1 table refreshed; 1 needs a HERE Usage API connection: see the list below\.$/)).toBeTruthy();
    expect(await page.isVisible('#refresh-summary .not-refreshed ul')).toBe(false);
    await page.click('#refresh-summary summary');
    expect(await page.textContent('#refresh-summary li')).toMatch(new RegExp(`^${other}: .*usage\\.example\\.com`));
    expect(await page.textContent(`li[data-table="${other}"] [data-status]`)).toMatch(/^Not refreshed: /);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-tables-not-refreshed.png');
  }, 60_000);

  it('a long pull keeps focus in the pane, estimates the time left, and Esc cancels it', async () => {
    const sheets = (await model(page)).sheets.length;
    await page.route('**/v2/usage/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-mock-fault': 'latency=400' } }));
    await setRange(page, from(60), from(2), 'day');
    await page.focus('#insert');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Downloading [0-9,]+ of/.test(document.getElementById('progress-text')?.textContent ?? ''));
    expect(await focused(page)).toBe('cancel');
    await page.waitForFunction(() => /seconds? left|minutes? left/.test(document.getElementById('progress-estimate')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'pane-pull-in-progress.png');
    await page.keyboard.press('Escape');
    await message(page, /Cancelled/);
    await page.unroute('**/v2/usage/**');
    expect(await page.isVisible('#progress-box')).toBe(false);
    expect(await focused(page)).toBe('insert');
    expect((await model(page)).sheets.length).toBe(sheets);
  }, 90_000);
});
