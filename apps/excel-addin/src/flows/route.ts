// How the pane reaches the APIs: through the Meterbook gateway that served it (same origin, no
// CORS, optionally credentials held by the gateway) or directly (only for APIs that allow browser
// calls). Also recognises the failure a direct call meets when the API sends no CORS headers.

import { ApiError } from '@meterbook/sdk';

export type Route = 'gateway' | 'direct';

export interface GatewayInfo {
  /** The gateway's origin: the pane's own. */
  origin: string;
  auth: 'pass-through' | 'credentials';
  /** API names the gateway forwards with the current auth mode (`usage`, `acronis`, ...). */
  offers: string[];
}

/** Base URLs through the gateway (the pane's own origin). */
export const gatewayUrls = (origin: string) => ({
  usage: `${origin}/api/usage/v2`,
  acronis: `${origin}/api/acronis/api/2`,
  hereToken: `${origin}/api/here-account/oauth2/token`,
});

interface IndexAnswer { auth?: unknown; apis?: unknown; operations?: unknown }

/** Reads `GET /api` on the pane's origin; undefined when it is not a Meterbook gateway's index. */
export async function detectGateway(origin: string, fetchImpl: typeof fetch = fetch, timeoutMs = 3_000): Promise<GatewayInfo | undefined> {
  try {
    const response = await fetchImpl(`${origin}/api`, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return undefined;
    const body = (await response.json()) as IndexAnswer;
    if ((body.auth !== 'pass-through' && body.auth !== 'credentials') || body.apis === null || typeof body.apis !== 'object') return undefined;
    const paths = Array.isArray(body.operations) ? body.operations.map((o: unknown) => (o !== null && typeof o === 'object' && 'path' in o ? String(o.path) : '')) : [];
    const offers = Object.keys(body.apis).filter((name) => paths.some((p) => p.startsWith(`/api/${name}/`)));
    return { origin, auth: body.auth, offers };
  } catch {
    return undefined;
  }
}

/**
 * A direct call to another origin that failed before any answer could be read: what the browser
 * does when the API sends no CORS headers (fetch rejects with "TypeError: Failed to fetch" and the
 * SDK makes it an ApiError of kind 'network').
 */
export function isCorsFailure(e: unknown, baseUrl: string | undefined, pageOrigin: string): boolean {
  if (!(e instanceof ApiError) || e.kind !== 'network' || baseUrl === undefined) return false;
  try { return new URL(baseUrl).origin !== pageOrigin; } catch { return false; }
}

export function corsMessage(apiName: string, gateway: GatewayInfo | undefined): string {
  const how = gateway
    ? 'choose "Through the Meterbook gateway" above and connect again.'
    : 'ask IT for the Meterbook gateway (packages/gateway), open the pane from its address and choose "Through the Meterbook gateway".';
  return `The ${apiName} does not accept calls from a browser page (CORS). Use the Meterbook gateway: ${how}`;
}
