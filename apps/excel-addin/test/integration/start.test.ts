// `pnpm start` (scripts/dev.mjs) as a newcomer meets it: the printed pane reaches demo data with
// nothing copied, and every dev credential it lists works from the pane URL printed beside it.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionKeeper, makeClient, type HereConnection } from '../../src/flows/connection.js';
import { connectDemo } from '../../src/flows/demo.js';
import { verifyConnection } from '../../src/flows/verify.js';
import { E2E_DIST, ROOT, ensureBuilt } from '../e2e/harness.js';
import { browserFetch } from './browser-fetch.js';

const free = (port: number): Promise<boolean> => new Promise((done) => {
  const s = createServer().once('error', () => done(false)).listen(port, '127.0.0.1', () => s.close(() => done(true)));
});

async function twoFreePorts(): Promise<number> {
  for (let p = 20_000 + (process.pid % 20_000); ; p += 2) if ((await free(p)) && (await free(p + 1))) return p;
}

/** The value printed after `label` on the line of the log that has it. */
const after = (log: string, label: RegExp): string => {
  const m = new RegExp(`${label.source}\\s+(\\S+)`).exec(log);
  if (!m?.[1]) throw new Error(`not in the start log: ${label.source}`);
  return m[1];
};

describe('pnpm start: one click to data, and every dev credential usable from the printed pane', () => {
  let child: ChildProcess;
  let log = '';
  let port = 0;

  beforeAll(async () => {
    ensureBuilt();
    port = await twoFreePorts();
    child = spawn(process.execPath, [join(ROOT, 'scripts/dev.mjs'), '--no-build', '--dist', E2E_DIST, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (b: Buffer) => { log += b.toString(); });
    child.stderr?.on('data', (b: Buffer) => { log += b.toString(); });
    const started = Date.now();
    while (!log.includes('SDK demo:')) {
      if (Date.now() - started > 60_000 || child.exitCode !== null) throw new Error(`pnpm start did not come up:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);
  afterAll(() => { child?.kill('SIGTERM'); });

  it('lists every dev credential, each marked local-only, with every pane URL on localhost', () => {
    for (const label of [/token\s+mb1\.\S+/, /token\s+eyJ\S+/, /app key\s+id \S+\s+secret \S+/, /API client\s+id \S+\s+secret \S+/]) {
      const line = log.split('\n').find((l) => label.test(l));
      expect(line, label.source).toMatch(/\(local only\)$/);
    }
    expect(log).toMatch(/LOCAL ONLY/);
    const urls = [...log.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]).filter((u) => !log.includes(`MB_API_ORIGIN=${u}`) && !u.startsWith('https://localhost:3000'));
    expect(urls.length).toBeGreaterThanOrEqual(5);
    expect(urls.filter((u) => !u.startsWith('http://localhost:'))).toEqual([]);
  });

  it('the printed pane connects to the demo with nothing typed, and the first insert gets data', async () => {
    const pane = `http://localhost:${port}`;
    expect(log).toContain(`${pane}/taskpane.html`);
    expect((await fetch(`${pane}/taskpane.html`)).status).toBe(200);
    const keeper = new ConnectionKeeper(undefined);
    const outcome = await connectDemo(keeper, pane, { fetch: browserFetch(pane) });
    expect(outcome.connected.map((c) => c.source)).toEqual(['here', 'acronis']);
    const here = keeper.get('here') as HereConnection;
    const page = await makeClient(here, browserFetch(pane)).usage.list({ realmId: here.realmId, startDate: new Date(Date.now() - 3 * 86_400_000), endDate: new Date(Date.now() - 86_400_000), limit: 5 });
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('the token, the app key (its token endpoint too) and the Acronis client work from the direct pane URL, CORS as a browser applies it', async () => {
    const direct = after(log, /To try the other ways to sign in, open the pane from the embedded server instead:\s*/).replace(/\/taskpane\.html$/, '');
    const opts = { pageOrigin: direct, fetch: browserFetch(direct) };
    const baseUrl = after(log, /base URL/);
    const realmId = 'org123456789';
    const token = after(log, /HERE Usage API[^\n]*\n\s+token/);
    const appKey = /app key\s+id (\S+)\s+secret (\S+)/.exec(log)!;
    const tokenEndpointUrl = after(log, /token endpoint URL/);
    const client = /API client\s+id (\S+)\s+secret (\S+)/.exec(log)!;
    const acronisUrl = after(log, /data center URL/);
    const c = (auth: HereConnection['auth']): HereConnection => ({ source: 'here', route: 'direct', baseUrl, realmId, auth, keep: 'session' });
    expect(await verifyConnection(c({ kind: 'token', token }), opts)).toMatchObject({ ok: true });
    expect(await verifyConnection(c({ kind: 'keys', accessKeyId: appKey[1]!, accessKeySecret: appKey[2]!, tokenEndpointUrl }), opts)).toMatchObject({ ok: true });
    expect(await verifyConnection({ source: 'acronis', route: 'direct', baseUrl: acronisUrl, auth: { kind: 'client', clientId: client[1]!, clientSecret: client[2]! }, keep: 'session' }, opts)).toMatchObject({ ok: true });
  });
});
