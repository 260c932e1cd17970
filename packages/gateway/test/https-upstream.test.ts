// The real APIs are reached over HTTPS. Here the upstream is a local TLS server with a CA of its
// own (made by openssl for this test) in front of the embedded server: the gateway process,
// told to trust that CA (NODE_EXTRA_CA_CERTS, as an operator adds a corporate CA), forwards over
// it; a gateway that does not trust it refuses the upstream instead of talking to it.
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../src/index.js';
import { DAY, NOW, PARTNER } from './helpers.js';
import { spawnGateway, testCertificates } from './processes.js';

describe('an HTTPS upstream with its own CA', () => {
  let up: RunningServer;
  let tls: Server;
  let tlsBase = '';
  let certs: ReturnType<typeof testCertificates>;
  /** Requests that arrived over TLS. */
  const arrived: string[] = [];

  beforeAll(async () => {
    up = await startServer({ mode: 'test', now: NOW });
    certs = testCertificates();
    const target = new URL(up.origin);
    // TLS in front of the embedded server: it decrypts and passes the request on as it came.
    tls = createHttpsServer({ cert: certs.cert, key: certs.key }, (req, res) => {
      arrived.push(req.url ?? '');
      const inner = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(inner);
    });
    await new Promise<void>((done) => tls.listen(0, '127.0.0.1', done));
    tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/v2`;
  }, 30_000);
  afterAll(async () => {
    tls?.closeAllConnections();
    await new Promise<void>((done) => (tls ? tls.close(() => done()) : done()));
    await up?.close();
    if (certs) rmSync(certs.dir, { recursive: true, force: true });
  });

  const usagePath = `/api/usage/v2/usage/realms/${PARTNER}?${DAY}&limit=2`;

  it('forwards over TLS when the gateway trusts the CA', async () => {
    const gw = await spawnGateway(['--port', '0', '--tls', 'off', '--quiet', '--upstream-usage', tlsBase], { NODE_EXTRA_CA_CERTS: certs.caFile });
    try {
      arrived.length = 0;
      const res = await fetch(`${gw.origin}${usagePath}`, { headers: { Authorization: `Bearer ${up.token}` } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: unknown[]; total: number };
      expect(page.items).toHaveLength(2);
      const direct = (await (await fetch(`${up.url}/usage/realms/${PARTNER}?${DAY}&limit=2`, { headers: { Authorization: `Bearer ${up.token}` } })).json()) as { total: number };
      expect(page.total).toBe(direct.total);
      expect(arrived).toEqual([`/v2/usage/realms/${PARTNER}?${DAY}&limit=2`.replace(/:/g, '%3A')]);
    } finally {
      await gw.stop();
    }
  }, 30_000);

  it('refuses an upstream whose certificate it cannot verify (502), sending it nothing', async () => {
    const gw = await startGateway({ paneDir: false, upstreams: { usage: tlsBase } });
    try {
      arrived.length = 0;
      const res = await fetch(`${gw.url}${usagePath}`, { headers: { Authorization: `Bearer ${up.token}` } });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ code: 'E_GATEWAY_UPSTREAM_UNREACHABLE' });
      expect(arrived).toEqual([]);
    } finally {
      await gw.close();
    }
  });
});
