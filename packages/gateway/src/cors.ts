// CORS for /api: only the pane's own origin(s) may call from a browser. No wildcard, because the
// answers carry billing data. A request from another origin is refused outright (not just left
// without headers), so a foreign page cannot even trigger a report creation it cannot read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from './errors.js';
import { EXPOSED_HEADERS, FORWARDED_REQUEST_HEADERS, single } from './headers.js';

export interface Cors {
  /** Answers a preflight; returns true when the request was one. `alsoAllowed`: this request's own public origin. */
  preflight(req: IncomingMessage, res: ServerResponse, methods: readonly string[], alsoAllowed?: string): boolean;
  /** Adds the headers of an allowed cross-origin request; throws 403 for any other origin. */
  check(req: IncomingMessage, res: ServerResponse, alsoAllowed?: string): void;
}

export function createCors(allowedOrigins: string[], accessKeyHeader: string): Cors {
  const allowed = new Set(allowedOrigins.map(normalizeOrigin));
  const allowedHeaders = new Set<string>([...FORWARDED_REQUEST_HEADERS, 'authorization', accessKeyHeader.toLowerCase()]);
  const isAllowed = (origin: string | undefined, also: string | undefined): origin is string => origin !== undefined && (allowed.has(origin) || origin === also);

  return {
    preflight(req, res, methods, alsoAllowed) {
      if (req.method !== 'OPTIONS' || single(req, 'access-control-request-method') === undefined) return false;
      const origin = single(req, 'origin');
      const method = single(req, 'access-control-request-method') ?? '';
      const asked = (single(req, 'access-control-request-headers') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
      res.setHeader('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
      // A preflight we refuse gets no CORS headers at all: the browser then blocks the call.
      if (!isAllowed(origin, alsoAllowed) || !methods.includes(method) || asked.some((h) => !allowedHeaders.has(h))) {
        res.writeHead(403, { 'Content-Length': 0, 'Cache-Control': 'no-store' });
        res.end();
        return true;
      }
      res.writeHead(204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': methods.join(', '),
        'Access-Control-Allow-Headers': [...allowedHeaders].join(', '),
        'Access-Control-Max-Age': '600',
        'Content-Length': 0,
      });
      res.end();
      return true;
    },
    check(req, res, alsoAllowed) {
      const origin = single(req, 'origin');
      res.setHeader('Vary', 'Origin');
      if (origin === undefined) return; // not a browser's cross-origin call (curl, Excel desktop's same-origin GETs)
      if (!isAllowed(origin, alsoAllowed)) {
        throw new GatewayError(403, 'E_GATEWAY_ORIGIN', 'Requests from this page\'s origin are not allowed by the gateway.', {
          action: 'Open the task pane from the gateway itself, or ask the administrator to add its origin with --allowed-origin.',
        });
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
    },
  };
}

/** `https://Example.com:443/` -> `https://example.com`. */
export function normalizeOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    throw new Error(`allowedOrigins: ${JSON.stringify(value)} is not an origin (e.g. https://excel.example.com).`);
  }
}
