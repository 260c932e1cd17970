// Shared test tools: the embedded Usage API server as the upstream (its own origin), a gateway in
// front of it, a recording fake upstream, and raw-socket requests for what fetch cannot send.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startServer, type RequestInfo, type RunningServer, type ServerOptions } from '@meterbook/usage-server';
import { startGateway } from '../src/index.js';
import type { GatewayOptions, RunningGateway } from '../src/options.js';

export const NOW = '2025-06-01T00:00:00';
export const PARTNER = 'org123456789';
export const SUBACCOUNTS = ['org112135', 'org124566'];
export const DAY = 'startDate=2025-05-01T00:00:00&endDate=2025-05-02T00:00:00';

export interface Rig {
  up: RunningServer;
  gw: RunningGateway;
  /** Requests the upstream saw. */
  seen: RequestInfo[];
  logs: string[];
  usage: string;
  close(): Promise<void>;
}

export async function rig(gateway: GatewayOptions | ((up: RunningServer) => GatewayOptions) = {}, upstream: ServerOptions = {}): Promise<Rig> {
  const seen: RequestInfo[] = [];
  const up = await startServer({ mode: 'test', now: NOW, reportDelayMs: 0, onRequest: (i) => seen.push(i), ...upstream });
  const logs: string[] = [];
  const gw = await startGateway({
    paneDir: false,
    upstreams: { usage: up.url, 'here-account': up.origin },
    log: (line) => logs.push(line),
    ...(typeof gateway === 'function' ? gateway(up) : gateway),
  });
  return {
    up,
    gw,
    seen,
    logs,
    usage: `${gw.url}/api/usage/v2`,
    close: async () => {
      await gw.close();
      await up.close();
    },
  };
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An upstream that records every request and answers with `reply`. */
export async function fakeUpstream(reply: (r: Recorded) => { status: number; headers?: Record<string, string>; body: string }) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      const out = reply(r);
      res.writeHead(out.status, { 'Content-Type': 'application/json', ...out.headers });
      res.end(out.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

/** Sends raw bytes to host:port and returns what came back before the socket closed. */
export function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('error', reject);
    socket.on('close', () => resolve(out));
    socket.setTimeout(3000, () => socket.destroy());
    socket.write(text);
  });
}

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...extra };
}
