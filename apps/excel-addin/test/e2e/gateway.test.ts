// The connection route, in headless chromium: the embedded server plays the upstream API (no CORS
// headers, like the real one) on one origin, the Meterbook gateway serves the pane on another.
// Direct: the insert fails with the pane's CORS message and no API answer ever reached the page.
// Through the gateway: the same insert succeeds.

import { rmSync } from 'node:fs';
import { startGateway, type RunningGateway } from '@meterbook/gateway';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewModel } from '../../src/workbook/preview-workbook.js';
import { E2E_DIST, HAS_CHROMIUM, day, ensureBuilt, launchChromium, message, openTab, setRange, signOut, waitConnected } from './harness.js';

const REALM = 'org123456789';
const DAY_MS = 86_400_000;

describe.runIf(HAS_CHROMIUM)('connection route: direct meets CORS, the gateway works (headless chromium)', () => {
  let server: RunningServer;
  let gateway: RunningGateway;
  let browser: { context: BrowserContext; profile: string };
  let page: Page;
  /** Requests the upstream answered, by method (preflights are OPTIONS). */
  const upstream: { method: string; path: string; status: number }[] = [];
  /** API answers the page itself could read, per origin. */
  const readable: string[] = [];
  const rejected: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ port: 0, mode: 'test', onRequest: (i) => upstream.push({ method: i.method, path: i.path, status: i.status }) });
    gateway = await startGateway({ port: 0, host: '127.0.0.1', paneDir: E2E_DIST, upstreams: { usage: server.url, 'here-account': server.origin, acronis: server.acronis.baseUrl }, auth: 'pass-through', rateLimit: false });
    // No request interception (with it, chromium skips CORS preflights): instead every host but
    // 127.0.0.1 fails to resolve, so the office.js CDN and anything else stay unreachable.
    browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
    page = await browser.context.newPage();
    // What the page's own fetch got from the upstream's origin: an answer it could read, or a rejection.
    await page.exposeFunction('__mbSawUpstream', (outcome: string) => { (outcome === 'read' ? readable : rejected).push(outcome); });
    await page.addInitScript((origin) => {
      const original = window.fetch.bind(window);
      const report = (window as unknown as { __mbSawUpstream: (o: string) => void }).__mbSawUpstream;
      window.fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.startsWith(origin)) return original(input, init);
        try { const r = await original(input, init); report('read'); return r; } catch (e) { report('rejected'); throw e; }
      };
    }, server.origin);
    await page.goto(`${gateway.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="preview"]');
    await page.click('#first-run-skip');
    await openTab(page, 'connection');
  });
  afterAll(async () => {
    await browser?.context.close();
    await gateway?.close();
    await server?.close();
    if (browser) rmSync(browser.profile, { recursive: true, force: true });
  });

  it('serves the pane from another origin than the API', () => {
    expect(new URL(gateway.url).origin).not.toBe(server.origin);
  });

  it('defaults to the gateway when the pane is served by one', async () => {
    expect(await page.isChecked('input[name="route"][value="gateway"]')).toBe(true);
    expect(await page.textContent('#route-hint')).toMatch(/served by a Meterbook gateway/);
    expect(await page.isVisible('#base-url')).toBe(false);
  });

  it('direct: the insert fails with the CORS message, and no answer of the API reached the page', async () => {
    await page.check('input[name="route"][value="direct"]');
    await page.fill('#base-url', server.url);
    await page.fill('#realm', REALM);
    await page.fill('#token', server.token);
    await page.click('#connect-btn');
    await waitConnected(page);
    expect(await page.textContent('#connected-as')).toContain('directly');
    expect(await page.textContent('#connection-text')).toBe(`HERE · ${REALM} · direct`);
    const before = upstream.length;
    await setRange(page, day(new Date(Date.now() - 6 * DAY_MS)), day(new Date(Date.now() - 2 * DAY_MS)), 'day');
    await page.click('#insert');
    const text = await message(page, /CORS/);
    expect(text).toContain('The HERE Usage API does not accept calls from a browser page (CORS). Use the Meterbook gateway');
    const direct = upstream.slice(before);
    // The browser sent only preflights (no CORS headers in the answer), so the GET itself never
    // reached the upstream, and the page's fetch never got an answer it could read.
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.filter((r) => r.method !== 'OPTIONS')).toEqual([]);
    expect(readable).toEqual([]);
    expect(rejected.length).toBeGreaterThan(0);
    const m = await page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
    expect(m.tables).toHaveLength(0);
  }, 60_000);

  it('through the gateway: the same insert succeeds', async () => {
    await signOut(page);
    await page.check('input[name="route"][value="gateway"]');
    await page.fill('#realm', REALM);
    await page.check('input[name="auth"][value="token"]');
    await page.fill('#token', server.token);
    await page.click('#connect-btn');
    await waitConnected(page);
    expect(await page.textContent('#connection-text')).toBe(`HERE · ${REALM} · through the gateway`);
    expect(await page.textContent('#connected-as')).toContain(`through the Meterbook gateway (${gateway.url}/api/usage/v2)`);
    const before = upstream.length;
    await page.click('#insert');
    const text = await message(page, /Inserted [\d,]+ rows/);
    const m = await page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
    expect(m.tables).toHaveLength(1);
    expect(m.tables[0]!.rows).toBeGreaterThan(0);
    expect(text).toContain(m.tables[0]!.name);
    expect(upstream.slice(before).some((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(readable).toEqual([]); // every answer came from the pane's own origin
  }, 60_000);
});
