// Connect says what is wrong, in headless chromium with the browser's own CORS (no request
// interception: with it, chromium skips CORS preflights). Issue 12, observations 2 and 4:
//   the pane opened at localhost calling the API at 127.0.0.1 (the old start log's URL) is CORS,
//   named with the localhost/127.0.0.1 hint, not "Could not reach the API";
//   a port nothing listens on is "server down", not CORS.
// Screenshot test-results/pane-connect-cors.png at 350 x 900.

import { rmSync } from 'node:fs';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_DIST, ensureBuilt, freePort, launchChromium, message, openTab, requireChromium, screenshot, seriousA11yViolations } from './harness.js';

const REALM = 'org123456789';

requireChromium();

describe('Connect names CORS and a server that is down (headless chromium, real CORS)', () => {
  let server: RunningServer;
  let browser: { context: BrowserContext; profile: string };
  let page: Page;

  /** Opens the pane at `origin`, past the first run, on the Connection tab. */
  async function paneAt(origin: string): Promise<void> {
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForSelector('body[data-ready="preview"]');
    if (await page.isVisible('#first-run')) await page.click('#first-run-skip');
    await openTab(page, 'connection');
  }

  async function connectTo(baseUrl: string): Promise<string> {
    await page.fill('#base-url', baseUrl);
    await page.fill('#realm', REALM);
    await page.check('input[name="auth"][value="token"]');
    await page.fill('#token', server.token);
    await page.click('#connect-btn');
    await page.waitForSelector('#connect-problem:not([hidden])', { timeout: 30_000 });
    return (await page.getAttribute('#connect-problem', 'data-problem')) ?? '';
  }

  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ port: 0, host: '127.0.0.1', mode: 'test', staticDir: E2E_DIST });
    // Every host but loopback fails to resolve: the office.js CDN and anything else stay unreachable.
    browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost']);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.context.close();
    await server?.close();
    if (browser) rmSync(browser.profile, { recursive: true, force: true });
  });

  it('the pane at localhost and the API at 127.0.0.1: CORS, with the address to use instead', async () => {
    const local = server.origin.replace('127.0.0.1', 'localhost');
    await paneAt(local);
    expect(await connectTo(server.url)).toBe('cors');
    const text = (await page.textContent('#connect-problem')) ?? '';
    expect(text).toContain(`The server at ${server.origin} answers, but not to a browser page from another site (CORS).`);
    expect(text).toContain(`The pane is open at localhost but the address uses 127.0.0.1`);
    expect(text).toContain(`use ${server.url.replace('127.0.0.1', 'localhost')} instead`);
    expect(text).not.toMatch(/Could not reach/);
    expect(await page.isVisible('#connection-line')).toBe(false);
    expect(await message(page, /CORS/)).not.toMatch(/Connected/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pane-connect-cors.png');
    // The address the hint names works: same server, the pane's own site.
    await page.fill('#base-url', server.url.replace('127.0.0.1', 'localhost'));
    await page.fill('#token', server.token);
    await page.click('#connect-btn');
    await page.waitForSelector('#connection-line:not([hidden])');
    expect(await page.isVisible('#connect-problem')).toBe(false);
  }, 60_000);

  it('a port nothing listens on: the server is down, said as such (not CORS)', async () => {
    await paneAt(server.origin);
    const port = await freePort();
    if (await page.isVisible('#sign-out')) await page.click('#sign-out');
    expect(await connectTo(`http://127.0.0.1:${port}/v2`)).toBe('serverDown');
    expect(await page.textContent('#connect-problem')).toBe(`No server answers at http://127.0.0.1:${port}: start it (pnpm start for the demo) or check the address, then connect again.`);
    expect(await page.isVisible('#connection-line')).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);
});
