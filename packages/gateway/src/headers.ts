// Which headers cross the gateway. Both directions use allow-lists, so hop-by-hop headers
// (Connection, Keep-Alive, Transfer-Encoding, Upgrade, TE, Trailer, Proxy-*), cookies and anything
// unknown are dropped by construction rather than by remembering to delete them.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** Request headers forwarded as given (Authorization is decided by the auth mode). */
export const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'x-request-id', 'x-correlation-id'] as const;

/** Response headers passed back to the browser. */
export const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'content-language',
  'cache-control',
  'expires',
  'etag',
  'last-modified',
  'retry-after',
  'x-correlation-id',
  'x-request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const;

/** Headers a browser page may read (CORS). */
export const EXPOSED_HEADERS = ['X-Correlation-ID', 'X-Request-ID', 'X-Gateway-Request-ID', 'Retry-After', 'Location', 'Content-Disposition'];

/** One header's value, or undefined when absent or repeated (a repeated id is refused, not merged). */
export function single(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** An id header worth echoing: printable ASCII, no spaces, at most 128 characters (the spec's limit). */
export function saneId(value: string | undefined): string | undefined {
  return value !== undefined && value.length > 0 && value.length <= 128 && /^[\x21-\x7e]+$/.test(value) ? value : undefined;
}

/** A header value safe to forward: no control characters (Node refuses CR/LF already), bounded. */
export function safeValue(value: string): boolean {
  return value.length <= 1024 && !hasControl(value, true);
}

/** Whether `text` holds a C0 control character or DEL (a tab is allowed when `tabOk`). */
export function hasControl(text: string, tabOk = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !(tabOk && c === 0x09)) || c === 0x7f) return true;
  }
  return false;
}

export function pickResponseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const v = headers[name];
    if (typeof v === 'string' && safeValue(v)) out[name] = v;
  }
  return out;
}
