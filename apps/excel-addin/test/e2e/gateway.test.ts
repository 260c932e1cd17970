// The connection route, in headless chromium: the embedded server plays the upstream API (no CORS
// headers, like the real one) on one origin, the Meterbook gateway serves the pane on another.
// Direct: Connect fails with the pane's CORS message and no API answer ever reached the page.
// Through the gateway: the same insert succeeds.

import { rmSync } from 'node:fs';
import { startGateway, type RunningGateway } from '@meterbook/gateway';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewModel } from '../../src/workbook/preview-workbook.js';
import { E2E_DIST, HAS_CHROMIUM, ensureBuilt, launchChromium, message, openTab, signOut, waitConnected } from './harness.js';

const REALM = 'org123456789';

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
    // An opaque answer (Connect's no-cors "is anything there" probe) carries nothing the page can read.
    await page.exposeFunction('__mbSawUpstream', (outcome: string) => { if (outcome !== 'opaque') (outcome === 'read' ? readable : rejected).push(outcome); });
    await page.addInitScript((origin) => {
      const original = window.fetch.bind(window);
      const report = (window as unknown as { __mbSawUpstream: (o: string) => void }).__mbSawUpstream;
      window.fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.startsWith(origin)) return original(input, init);
        try { const r = await original(input, init); report(r.type === 'opaque' ? 'opaque' : 'read'); return r; } catch (e) { report('rejected'); throw e; }
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

  it('direct: Connect says the API does not answer a browser page (CORS), and no answer of the API reached the page', async () => {
    await page.check('input[name="route"][value="direct"]');
    await page.fill('#base-url', server.url);
    await page.fill('#realm', REALM);
    await page.fill('#token', server.token);
    const before = upstream.length;
    await page.click('#connect-btn');
    await page.waitForFunction(() => document.getElementById('connect-problem')?.dataset.problem === 'cors');
    const text = (await page.textContent('#connect-problem')) ?? '';
    expect(text).toContain(`The server at ${server.origin} answers, but not to a browser page from another site (CORS).`);
    expect(text).toContain('Open the pane from the Meterbook gateway and connect through it.');
    expect(await page.isVisible('#connection-line')).toBe(false);
    const direct = upstream.slice(before);
    // The browser sent only preflights (no CORS headers in the answer) and a no-cors probe, so
    // the page's fetch never got an answer it could read.
    expect(direct.length).toBeGreaterThan(0);
    expect(readable).toEqual([]);
    expect(rejected.length).toBeGreaterThan(0);
    const m = await page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
    expect(m.tables).toHaveLength(0);
  }, 60_000);

  it('through the gateway: the same insert succeeds', async () => {
    if (await page.isVisible('#sign-out')) await signOut(page);
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
