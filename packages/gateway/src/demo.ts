// `GET /api/demo`: hands the pane the access key of a gateway started for a local demo, so that a
// newcomer reaches demo data without copying anything from a terminal. Off unless the gateway was
// started with `demo`; even then it answers only a request that (1) came over a loopback socket,
// (2) names a loopback host (a DNS-rebinding page on another name gets nothing) and (3) is not a
// cross-site browser request. Such a gateway holds only the embedded server's dev credentials.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from './errors.js';
import { single } from './headers.js';
import type { GatewayOptions } from './options.js';
import { isLoopback } from './tls.js';

export interface DemoOffer {
  accessKey: string;
  realmId?: string;
  /** Base URLs of the APIs the held credentials are for, by gateway name. */
  apis: Record<string, string>;
}

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Refuses demo options that could hand the key to anyone but this computer. */
export function checkDemoOptions(options: GatewayOptions): void {
  if (!options.demo) return;
  const host = options.host ?? '127.0.0.1';
  if (options.auth !== 'credentials') throw new Error('demo needs credentials mode: it hands out the access key of the credentials this gateway holds.');
  if (!isLoopback(host)) throw new Error(`demo is for a local demo only: bind a loopback host, not ${host}.`);
  if (options.trustProxy) throw new Error('demo cannot be combined with trustProxy: behind a proxy every request would look local.');
}

function hostName(req: IncomingMessage): string {
  const host = single(req, 'host') ?? '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

export function sendDemo(offer: DemoOffer | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (!offer) throw new GatewayError(404, 'E_GATEWAY_NOT_FOUND', 'This gateway was not started for a local demo.');
  if (req.method !== 'GET') throw new GatewayError(405, 'E_GATEWAY_METHOD', 'Only GET is allowed on /api/demo.', { headers: { Allow: 'GET' } });
  const fetchSite = single(req, 'sec-fetch-site');
  const local = LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? '') && isLoopback(hostName(req));
  if (!local || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')) {
    throw new GatewayError(403, 'E_GATEWAY_DEMO_LOCAL_ONLY', 'The demo access key is handed out only to a page opened on this computer from the gateway itself (http://localhost).');
  }
  const body = JSON.stringify({ ...offer, note: 'Local demo only: development credentials of the embedded server.' });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
