// Where users reach the gateway, per request. Behind a trusted reverse proxy without a configured
// public URL, the proxy says it (`X-Forwarded-Proto`, `X-Forwarded-Host`), so two instances behind
// one proxy, or one proxy under several names, need no per-instance setting. Values are checked
// (a scheme of http(s), a host name or address with an optional port); anything else falls back
// to the configured default. A proxy that appends to these headers puts its own value last.
import type { IncomingMessage } from 'node:http';
import { single } from './headers.js';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const last = (value: string | undefined): string | undefined => value?.split(',').pop()?.trim();

/** The public URL the proxy reports for this request, or `fallback`. */
export function forwardedPublicUrl(req: IncomingMessage, fallback: string): string {
  const proto = last(single(req, 'x-forwarded-proto'))?.toLowerCase();
  const host = last(single(req, 'x-forwarded-host'));
  if ((proto !== 'http' && proto !== 'https') || host === undefined || !HOST.test(host)) return fallback;
  return new URL(`${proto}://${host}`).origin;
}

/** The client's address: the socket's, or the last X-Forwarded-For hop when a trusted proxy sets it. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = last(single(req, 'x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  return req.socket?.remoteAddress ?? 'unknown';
}
