// The first-run "Try the demo" button: a gateway started by `pnpm start` (with --demo) offers its
// access key to a page it served on this computer; the pane connects to every source it holds
// (HERE and Acronis), each checked with the cheapest real call, kept for this session only.

import { ConnectionKeeper, type Connection } from './connection.js';
import { gatewayUrls } from './route.js';
import { verifyConnection, type VerifyResult } from './verify.js';

/** What `GET /api/demo` answers. */
export interface DemoOffer {
  accessKey: string;
  realmId?: string;
  /** Base URLs by gateway API name (`usage`, `acronis`). */
  apis: Record<string, string>;
}

export interface DemoOutcome {
  connected: Connection[];
  /** Sources the demo offers that did not pass the check, in words. */
  problems: VerifyResult[];
  summary: string;
}

function isOffer(v: unknown): v is DemoOffer {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Partial<DemoOffer>;
  return typeof o.accessKey === 'string' && o.accessKey !== '' && o.apis !== null && typeof o.apis === 'object';
}

/** The local demo offered by the gateway that served the pane, or undefined (no gateway, no demo). */
export async function demoAvailable(origin: string, fetchImpl: typeof fetch = fetch, timeoutMs = 3_000): Promise<DemoOffer | undefined> {
  try {
    const r = await fetchImpl(`${origin}/api/demo`, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!r.ok || !(r.headers.get('content-type') ?? '').includes('json')) return undefined;
    const body: unknown = await r.json();
    return isOffer(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/** The connections a demo offer makes: HERE (with the demo realm) and Acronis, through the gateway. */
export function demoConnections(origin: string, offer: DemoOffer): Connection[] {
  const auth = { kind: 'gatewayKey' as const, key: offer.accessKey };
  const urls = gatewayUrls(origin);
  const out: Connection[] = [];
  if (offer.apis.usage && offer.realmId) out.push({ source: 'here', route: 'gateway', baseUrl: urls.usage, realmId: offer.realmId, auth, keep: 'session' });
  if (offer.apis.acronis) out.push({ source: 'acronis', route: 'gateway', baseUrl: urls.acronis, auth, keep: 'session' });
  return out;
}

/** Connects every source of the local demo, each verified; throws when there is no demo here. */
export async function connectDemo(keeper: ConnectionKeeper, origin: string, opts: { fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<DemoOutcome> {
  const offer = await demoAvailable(origin, opts.fetch);
  if (!offer) throw new Error('No local demo here: run pnpm start and open the pane at the address it prints.');
  const connected: Connection[] = [];
  const problems: VerifyResult[] = [];
  for (const c of demoConnections(origin, offer)) {
    const checked = await verifyConnection(c, { pageOrigin: origin, ...opts });
    if (checked.ok) {
      await keeper.save(c);
      connected.push(c);
    } else problems.push(checked);
  }
  const names = connected.map((c) => (c.source === 'acronis' ? 'Acronis' : `HERE (realm ${c.realmId})`));
  const summary = connected.length
    ? `Connected to the local demo: ${names.join(' and ')}.${problems.length ? ` ${problems.map((p) => p.summary).join(' ')}` : ''}`
    : `The local demo did not connect. ${problems.map((p) => p.summary).join(' ')}`;
  return { connected, problems, summary };
}
