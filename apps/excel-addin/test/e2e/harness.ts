// Shared e2e setup: the built pane served by the embedded Usage API server, and Debian's
// chromium driven by playwright-core (never a downloaded browser).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The production build of the pane, in its own folder: turbo runs `build` and `test` side by side,
 * so the suite must not serve dist/ while webpack cleans it. Rebuilt when older than the sources
 * (the pane's, and the built table model and SDK it bundles).
 */
export const E2E_DIST = join(RESULTS, 'e2e-dist');
export function ensureBuilt(): void {
  const html = join(E2E_DIST, 'taskpane.html');
  // The packages the pane bundles count too: a change in the table model alone must rebuild it.
  const packages = ['table-model', 'sdk'].map((p) => join(ROOT, '../../packages', p, 'dist')).filter((d) => existsSync(d)).map(newest);
  if (existsSync(html) && statSync(html).mtimeMs > Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'webpack.config.js')).mtimeMs, ...packages)) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production', '--output-path', E2E_DIST], { cwd: ROOT, stdio: 'pipe' });
}

export interface E2E { server: RunningServer; context: BrowserContext; profile: string; close(): Promise<void> }

/** Debian's chromium with a fresh profile directory (playwright passes it as --user-data-dir). */
export async function launchChromium(extraArgs: string[] = []): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'mb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 350, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
  return { context, profile };
}

export async function startE2E(): Promise<E2E> {
  ensureBuilt();
  mkdirSync(RESULTS, { recursive: true });
  const server = await startServer({ port: 0, mode: 'test', staticDir: E2E_DIST, reportDelayMs: 800 });
  const { context, profile } = await launchChromium();
  return {
    server, context, profile,
    async close() { await context.close(); await server.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

/**
 * A pane page at the default narrow width; everything off our origin is refused (no network).
 * The first-run placemat is skipped unless `firstRun` is kept.
 */
export async function openPane(e: E2E, opts: { firstRun?: 'skip' | 'keep'; beforeGoto?: (page: Page) => Promise<void> } = {}): Promise<Page> {
  const page = await e.context.newPage();
  // E.g. a fake clock (page.clock.install), which must be in place before the pane's scripts run.
  await opts.beforeGoto?.(page);
  await page.route('**/*', (route) => (route.request().url().startsWith(e.server.origin) ? route.continue() : route.abort()));
  await page.goto(`${e.server.origin}/taskpane.html`);
  await page.waitForSelector('body[data-ready="preview"]');
  if (opts.firstRun !== 'keep' && (await page.isVisible('#first-run'))) await page.click('#first-run-skip');
  return page;
}

export type TabName = 'get-data' | 'tables' | 'connection';

/** Opens one of the pane's tabs (Get data · Tables · Connection). */
export async function openTab(page: Page, name: TabName): Promise<void> {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#panel-${name}:not([hidden])`);
}

/** Connected once the one-line summary shows (the pane then opens Get data by itself). */
export async function waitConnected(page: Page): Promise<void> {
  await page.waitForSelector('#connection-line:not([hidden])');
}

export async function connectWithToken(page: Page, realm: string, token: string): Promise<void> {
  await openTab(page, 'connection');
  await page.fill('#realm', realm);
  await page.check('input[name="auth"][value="token"]');
  await page.fill('#token', token);
  await page.click('#connect-btn');
  await waitConnected(page);
}

/** Signs out from the Connection tab. */
export async function signOut(page: Page): Promise<void> {
  await openTab(page, 'connection');
  await page.click('#sign-out');
  await page.waitForSelector('#connect-form:not([hidden])');
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: string[] }

/** axe-core in the page: the serious and critical violations of what is shown now. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** Fills the usage form with a custom range (yyyy-mm-dd, end included). */
export async function setRange(page: Page, from: string, to: string, detail = 'day'): Promise<void> {
  if (!(await page.isVisible('#preset'))) await openTab(page, 'get-data');
  await page.selectOption('#preset', 'custom');
  await page.fill('#from', from);
  await page.fill('#to', to);
  await page.selectOption('#detail', detail);
}

export async function message(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction((src) => new RegExp(src).test(document.getElementById('message')?.textContent ?? ''), pattern.source, { timeout: 60_000 });
  return (await page.textContent('#message')) ?? '';
}

export const day = (d: Date): string => d.toISOString().slice(0, 10);

/** The UTC day `n` days before today, as yyyy-mm-dd. */
export const daysAgo = (n: number): string => day(new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - n * 86_400_000));

/** The preview workbook's model as the page holds it now. */
export const previewModel = (page: Page) => page.evaluate(() => window.__meterbookPreview!.workbook.model);

/** The id of the focused element ('' when it has none). */
export const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** The rows of a preview table, one object per row keyed by header. */
export const previewRecords = (page: Page, table: string) => page.evaluate((t) => window.__meterbookPreview!.records(t), table);

/** A screenshot of what the pane shows now (350 x 900), to test-results/<name>. */
export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(RESULTS, name), fullPage: false });

/** A missing browser is a failure, not a skip: CI installs Debian's chromium. */
export function requireChromium(): void {
  if (!HAS_CHROMIUM) throw new Error(`No chromium at ${CHROMIUM}: run 'bash scripts/ensure-test-tools.sh' at the repository root (or set CHROMIUM_PATH).`);
}

/** A usage record as the server sends it (the fields the e2e sums). */
export interface ApiRecord { billingSubscriptionId?: string; category?: string; name?: string; featureId?: string; valueDriver?: string; billableValue?: string | number; usageValue?: string | number; usageDateTime?: string; billingTag?: string }

/** Every record of a query, page by page, with fetch alone (not the SDK, not the pane): what an independent sum reads. */
export async function serverRecords(e: E2E, realm: string, params: Record<string, string>): Promise<ApiRecord[]> {
  const out: ApiRecord[] = [];
  for (let page = 0; ; page++) {
    const q = new URLSearchParams({ ...params, limit: '100', offset: String(page) });
    const res = await fetch(`${e.server.url}/usage/realms/${realm}?${q}`, { headers: { authorization: `Bearer ${e.server.token}` } });
    if (res.status !== 200) throw new Error(`The server answered ${res.status} to ${q}`);
    const body = (await res.json()) as { items: ApiRecord[]; lastOffset?: number };
    out.push(...body.items);
    if (body.items.length === 0 || page >= (body.lastOffset ?? 0)) return out;
  }
}

/** The first of a record's month as an Excel serial (days since 1899-12-30, UTC). */
export const monthSerial = (iso: string): number => {
  const d = new Date(iso.endsWith('Z') ? iso : `${iso}Z`);
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
};

/** A loopback port nothing listens on (taken, then closed again): a server that is down. */
export function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}
