// Forwards one allow-listed request upstream and streams the answer back. Bodies go through
// `pipeline`, so a 1,000,000-row report moves at the pace of the slower side in constant memory.
// Only two kinds of answers are read whole, both small and capped: JSON that carries links to
// rewrite, and error bodies in credentials mode (scrubbed of the secret and tokens).
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage, type ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { Match } from './allow-list.js';
import type { Auth } from './auth-modes.js';
import { GatewayError } from './errors.js';
import { pickResponseHeaders } from './headers.js';
import { redactSecrets } from '@meterbook/sdk/node';
import { rewriteJsonLinks, type LinkRewriter } from './links.js';

export interface ForwardRequest {
  req: IncomingMessage;
  res: ServerResponse;
  match: Match;
  /** `?a=b` or ''. */
  query: string;
  body: Buffer | undefined;
  /** Request headers to send (already filtered), without Authorization. */
  headers: Record<string, string>;
  authorization: string | undefined;
  gatewayRequestId: string;
  /** Turns upstream links into links to this gateway's public URL for the caller. */
  rewriteLink: LinkRewriter;
  /** Filled in as the exchange goes, for the log line. */
  outcome: { upstreamStatus?: number; correlationId?: string; retriedAuth?: boolean };
}

export interface Forwarder {
  forward(fr: ForwardRequest): Promise<void>;
  close(): void;
}

const LINK_JSON_CAP = 1_048_576;
const ERROR_BODY_CAP = 65_536;

export function createForwarder(auth: Auth, timeoutMs: number, idleMs: number): Forwarder {
  // Keep-alive pools: the added latency per request is mostly a connection setup otherwise.
  const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

  async function forward(fr: ForwardRequest): Promise<void> {
    const { route } = fr.match;
    const upstream = route.mount.upstream;
    // Built from parts, never by resolving a string: `//x` would otherwise name another host.
    const target = new URL(upstream.origin);
    target.pathname = `${upstream.pathname.replace(/\/+$/, '')}${fr.match.upstreamPath}`;
    target.search = fr.query;
    // The pane going away cancels the upstream call (and a report download with it).
    const abort = new AbortController();
    const onClose = () => {
      if (!fr.res.writableFinished) abort.abort();
    };
    fr.res.once('close', onClose);

    let authorization = fr.authorization;
    let upRes = await send(target, fr, authorization, abort.signal);
    if (upRes.statusCode === 401 && auth.refresh) {
      // A token may expire in the middle of a pull: get a new one and repeat once. Only GETs are
      // repeated; a POST might have been acted on.
      if (route.method === 'GET') {
        upRes.resume();
        fr.outcome.retriedAuth = true;
        authorization = await auth.refresh(route);
        upRes = await send(target, fr, authorization, abort.signal);
      }
      if (upRes.statusCode === 401) {
        upRes.resume();
        fr.outcome.upstreamStatus = 401;
        // A 401 passed on would tell the pane its access key is wrong; it is the gateway's credentials.
        throw new GatewayError(502, 'E_GATEWAY_UPSTREAM_AUTH', `The ${route.mount.name} API refused the gateway's access token.`, {
          action: 'Ask the gateway administrator to check the app credentials it holds.',
        });
      }
    }
    const status = upRes.statusCode ?? 502;
    fr.outcome.upstreamStatus = status;
    const headers: OutgoingHttpHeaders = { ...pickResponseHeaders(upRes.headers), 'X-Gateway-Request-ID': fr.gatewayRequestId };
    if (typeof upRes.headers['x-correlation-id'] === 'string') fr.outcome.correlationId = upRes.headers['x-correlation-id'];
    if (typeof upRes.headers.location === 'string') headers.Location = fr.rewriteLink(upRes.headers.location);
    // Answers to authenticated calls hold billing data: no shared caches on the way back.
    if (headers['cache-control'] === undefined) headers['Cache-Control'] = 'no-store';
    const json = /\bjson\b/i.test(String(upRes.headers['content-type'] ?? ''));
    const secrets = auth.secrets();

    if (status < 300 && route.returnsLinks && json) {
      const text = await readCapped(upRes, LINK_JSON_CAP);
      if (text === undefined) throw new GatewayError(502, 'E_GATEWAY_UPSTREAM_BODY', `The ${route.mount.name} API answered ${route.operationId} with more JSON than expected.`);
      let out = text;
      try {
        out = JSON.stringify(rewriteJsonLinks(JSON.parse(text) as unknown, fr.rewriteLink));
      } catch {
        // Malformed JSON goes to the pane as it came: the SDK reports it with the correlation id.
      }
      return sendWhole(fr.res, status, headers, redactSecrets(out, secrets));
    }
    if (status >= 300 && secrets.length > 0) {
      const text = await readCapped(upRes, ERROR_BODY_CAP);
      if (text === undefined) throw new GatewayError(502, 'E_GATEWAY_UPSTREAM_BODY', `The ${route.mount.name} API answered HTTP ${status} with an oversized error body.`);
      return sendWhole(fr.res, status, headers, redactSecrets(text, secrets));
    }
    fr.res.writeHead(status, headers);
    try {
      await pipeline(upRes, fr.res);
    } catch {
      // Upstream broke off or the pane left: both ends are already destroyed by pipeline, and a
      // cut-off body is how HTTP says "incomplete" once the status line has gone out.
    } finally {
      fr.res.off('close', onClose);
    }
  }

  function send(target: URL, fr: ForwardRequest, authorization: string | undefined, signal: AbortSignal): Promise<IncomingMessage> {
    const headers: OutgoingHttpHeaders = { ...fr.headers, 'User-Agent': 'meterbook-gateway/0.1' };
    if (authorization !== undefined) headers.Authorization = authorization;
    if (fr.body !== undefined) headers['Content-Length'] = fr.body.length;
    const isHttps = target.protocol === 'https:';
    const requestFn = isHttps ? httpsRequest : httpRequest;
    const name = fr.match.route.mount.name;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const upReq = requestFn(target, {
        method: fr.match.route.method,
        headers,
        agent: isHttps ? agents.https : agents.http,
        signal,
        // Socket inactivity, before and during the body: a stalled stream is cut, not kept forever.
        timeout: idleMs,
      });
      const deadline = setTimeout(() => upReq.destroy(new UpstreamTimeout()), timeoutMs);
      upReq.once('timeout', () => upReq.destroy(new UpstreamTimeout()));
      upReq.once('response', (upRes) => {
        clearTimeout(deadline);
        resolve(upRes);
      });
      upReq.once('error', (error) => {
        clearTimeout(deadline);
        reject(toGatewayError(error, name, timeoutMs));
      });
      upReq.end(fr.body);
    });
  }

  return {
    forward,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

class UpstreamTimeout extends Error {
  constructor() {
    super('upstream timeout');
  }
}

function toGatewayError(error: Error, name: string, timeoutMs: number): GatewayError {
  if (error instanceof UpstreamTimeout) {
    return new GatewayError(504, 'E_GATEWAY_TIMEOUT', `The ${name} API did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
      action: 'Try again later; if it keeps happening, ask for a smaller time range or a report.',
    });
  }
  if (error.name === 'AbortError') return new GatewayError(499, 'E_GATEWAY_CLIENT_GONE', 'The caller went away.');
  const code = (error as NodeJS.ErrnoException).code;
  return new GatewayError(502, 'E_GATEWAY_UPSTREAM_UNREACHABLE', `The gateway could not reach the ${name} API${code ? ` (${code})` : ''}.`, {
    action: 'Try again later; the gateway administrator can check its network and the upstream URL.',
  });
}

/** The whole body as text, or undefined when it is longer than `cap` bytes. */
async function readCapped(stream: IncomingMessage, cap: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendWhole(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': body.length });
  res.end(body);
}
