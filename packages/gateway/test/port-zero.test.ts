// `--port 0` binds an ephemeral port; the public URL, the manifest, links in answers and the
// default allowed origin must name that port, not 0.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli.js';
import { startGateway } from '../src/index.js';
import { bearer, NOW, PARTNER, SUBACCOUNTS } from './helpers.js';
import { startServer } from '@meterbook/usage-server';

describe('--port 0', () => {
  it('uses the bound port for the public URL, the manifest, links and the allowed origin', async () => {
    const up = await startServer({ mode: 'test', now: NOW, reportDelayMs: 0 });
    const paneDir = await mkdtemp(join(tmpdir(), 'gw-port0-'));
    await writeFile(join(paneDir, 'manifest.xml'), '<OfficeApp><SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/></OfficeApp>');
    const options = parseCli(['--port', '0', '--tls', 'off', '--quiet', '--pane-dir', paneDir, '--upstream-usage', up.url], {});
    if (options === 'help') throw new Error('parsed as --help');
    const gw = await startGateway(options);
    try {
      const port = new URL(gw.origin).port;
      expect(Number(port)).toBeGreaterThan(0);
      expect(gw.url).toBe(`http://localhost:${port}`);
      expect(gw.apis.usage).toBe(`http://localhost:${port}/api/usage/v2`);

      const manifest = await (await fetch(`${gw.origin}/manifest.xml`)).text();
      expect(manifest).toContain(`DefaultValue="http://localhost:${port}/taskpane.html"`);

      const preflight = await fetch(`${gw.origin}/api/usage/v2/usage/realms/${PARTNER}`, {
        method: 'OPTIONS', headers: { Origin: `http://localhost:${port}`, 'Access-Control-Request-Method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(`http://localhost:${port}`);

      const created = await fetch(`${gw.origin}/api/usage/v2/usage/realms/${PARTNER}/reports?startDate=2025-05-01T00:00:00&endDate=2025-05-02T00:00:00`, {
        method: 'POST', headers: bearer(up.token, { 'Content-Type': 'application/json' }), body: JSON.stringify({ subAccounts: SUBACCOUNTS }),
      });
      expect(created.status).toBe(201);
      const location = created.headers.get('location') ?? '';
      expect(location.startsWith(`http://localhost:${port}/api/usage/v2/`)).toBe(true);
      await created.arrayBuffer();
    } finally {
      await gw.close();
      await up.close();
      await rm(paneDir, { recursive: true, force: true });
    }
  });
});
