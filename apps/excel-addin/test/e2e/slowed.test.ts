// The pane says when the server slows it down, in headless chromium: the pane is served by a
// gateway whose per-client limit is tight, so the pull meets 429s with Retry-After; the progress
// line shows "The server is slowing us down; continuing…" while the SDK waits them out.
import { rmSync } from 'node:fs';
import { startGateway, type RunningGateway } from '@meterbook/gateway';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewModel } from '../../src/workbook/preview-workbook.js';
import { E2E_DIST, HAS_CHROMIUM, connectWithToken, day, ensureBuilt, launchChromium, message, setRange } from './harness.js';

const REALM = 'org123456789';
const DAY_MS = 86_400_000;

describe.runIf(HAS_CHROMIUM)('a throttled pull in the pane (headless chromium)', () => {
  let server: RunningServer;
  let gateway: RunningGateway;
  let browser: { context: BrowserContext; profile: string };
  let page: Page;
  const statuses: number[] = [];

  beforeAll(async () => {
    ensureBuilt();
    server = await startServer({ port: 0, mode: 'test' });
    // 5 requests, then one a second: a pull of many pages at concurrency 4 is slowed at once.
    gateway = await startGateway({ paneDir: E2E_DIST, upstreams: { usage: server.url, 'here-account': server.origin }, rateLimit: { burst: 5, perSecond: 1 }, log: (l) => statuses.push(Number(/ (\d{3}) \d+ms/.exec(l)?.[1])) });
    browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
    page = await browser.context.newPage();
    // Every text the progress line shows, however briefly.
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __progressSeen: string[] }).__progressSeen = []);
      document.addEventListener('DOMContentLoaded', () => {
        const line = document.getElementById('progress-text');
        if (line) new MutationObserver(() => seen.push(line.textContent ?? '')).observe(line, { childList: true, characterData: true, subtree: true });
      });
    });
    await page.goto(`${gateway.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="preview"]');
  });
  afterAll(async () => {
    await browser?.context.close();
    await gateway?.close();
    await server?.close();
    if (browser) rmSync(browser.profile, { recursive: true, force: true });
  });

  it('shows that the server is slowing the pull down, and the pull can still be cancelled cleanly', async () => {
    if (await page.isVisible('#first-run')) await page.click('#first-run-skip');
    await connectWithToken(page, REALM, server.token);
    await setRange(page, day(new Date(Date.now() - 6 * DAY_MS)), day(new Date(Date.now() - 2 * DAY_MS)), 'hour');
    await page.click('#insert');
    await page.waitForFunction(() => (window as unknown as { __progressSeen: string[] }).__progressSeen.includes('The server is slowing us down; continuing…'), undefined, { timeout: 30_000 });
    expect(statuses).toContain(429);
    await page.click('#cancel');
    await message(page, /Cancelled\. The workbook was left as it was\./);
    const m = await page.evaluate(() => window.__meterbookPreview!.workbook.model as PreviewModel);
    expect(m.tables).toHaveLength(0);
  }, 60_000);
});
