// The two ways the gateway authenticates upstream.
// - pass-through: the pane's own Authorization header goes upstream as is; the gateway stores
//   nothing. The pane holds the token (or signs its own token requests).
// - credentials: the gateway holds the app credentials of each API it offers (HERE: the SDK's
//   `hereCredentials`; Acronis: `acronisCredentials`), gets and caches tokens, and the pane proves
//   itself with a shared access key instead. Each API's token goes to that API only. The secrets
//   and the upstream tokens stay in this process: they are never sent back, logged or put in errors.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TokenFunction } from '@meterbook/sdk';
import { hereCredentials, type HereCredentials } from '@meterbook/sdk/credentials';
import { acronisCredentials } from '@meterbook/sdk/acronis';
import { readHereCredentials } from '@meterbook/sdk/node';
import type { Mount, Route } from './allow-list.js';
import { GatewayError } from './errors.js';
import { safeValue, single } from './headers.js';
import type { AuthMode, GatewayOptions } from './options.js';

export interface Auth {
  mode: AuthMode;
  /** Checks the caller and returns the Authorization header to send upstream, if any. */
  authorize(req: IncomingMessage, route: Route): Promise<string | undefined>;
  /** credentials mode: a fresh upstream Authorization for the route's API after a 401 (asks its provider with forceRefresh). */
  refresh?(route: Route): Promise<string>;
  /** Whether this mode forwards the route at all (for the /api index). */
  offers(route: Route): boolean;
  /** Strings that must never leave the gateway (secrets, the access key, recent tokens). */
  secrets(): string[];
}

const MIN_ACCESS_KEY = 16;

export async function createAuth(options: GatewayOptions, mounts: readonly Mount[] = []): Promise<Auth> {
  const mode = options.auth ?? 'pass-through';
  if (mode === 'pass-through') return passThrough();
  if (mode !== 'credentials') throw new Error(`auth must be 'pass-through' or 'credentials', got ${JSON.stringify(mode)}.`);
  const accessKey = options.accessKey ?? '';
  if (accessKey.length < MIN_ACCESS_KEY || !safeValue(accessKey) || /\s/.test(accessKey)) {
    throw new Error(`credentials mode needs an access key of at least ${MIN_ACCESS_KEY} characters without spaces (--access-key or METERBOOK_GATEWAY_ACCESS_KEY): the pane presents it instead of a token.`);
  }
  const acronis = acronisClient(options);
  const apis = new Set(options.credentialsApis ?? ['usage', ...(acronis ? ['acronis'] : [])]);
  const providers = new Map<string, TokenFunction>();
  const secrets: string[] = [];
  if (apis.has('usage')) {
    // With a custom provider, given credentials are still known, so that their secret is scrubbed.
    const credentials = options.tokenProvider && !options.credentials ? undefined : await loadCredentials(options);
    providers.set('usage', options.tokenProvider ?? hereCredentials(credentials as HereCredentials));
    if (credentials) secrets.push(credentials.accessKeySecret);
  }
  if (apis.has('acronis')) {
    const mount = mounts.find((m) => m.name === 'acronis');
    if (!acronis || !mount) throw new Error('credentials mode for acronis needs ACRONIS_CLIENT_ID and ACRONIS_CLIENT_SECRET (or acronisCredentials) and the Acronis spec in openapi/.');
    // The token endpoint is the Acronis upstream's own: its base URL ends in /api/2.
    providers.set('acronis', acronisCredentials({ baseUrl: mount.upstream.href.replace(/\/+$/, ''), ...acronis }));
    secrets.push(acronis.clientSecret);
  }
  return withCredentials(providers, accessKey, (options.accessKeyHeader ?? 'x-meterbook-key').toLowerCase(), secrets);
}

/** Acronis API client credentials from the options or ACRONIS_CLIENT_ID / ACRONIS_CLIENT_SECRET. */
function acronisClient(options: GatewayOptions): { clientId: string; clientSecret: string } | undefined {
  if (options.acronisCredentials) return options.acronisCredentials;
  const env = options.env ?? process.env;
  const { ACRONIS_CLIENT_ID: clientId, ACRONIS_CLIENT_SECRET: clientSecret } = env;
  if (!clientId && !clientSecret) return undefined;
  if (!clientId || !clientSecret) throw new Error('Set both ACRONIS_CLIENT_ID and ACRONIS_CLIENT_SECRET.');
  return { clientId, clientSecret };
}

function passThrough(): Auth {
  return {
    mode: 'pass-through',
    async authorize(req) {
      const given = single(req, 'authorization');
      return given !== undefined && safeValue(given) ? given : undefined;
    },
    offers: () => true,
    secrets: () => [],
  };
}

function withCredentials(providers: Map<string, TokenFunction>, accessKey: string, keyHeader: string, secrets: string[]): Auth {
  const expected = digest(accessKey);
  // The last few tokens handed out, so an upstream that echoes one can be scrubbed.
  const recent: string[] = [];
  const remember = (token: string): string => {
    if (!recent.includes(token)) recent.unshift(token);
    recent.length = Math.min(recent.length, 8);
    return `Bearer ${token}`;
  };
  const offered = [...providers.keys()];
  return {
    mode: 'credentials',
    async authorize(req, route) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(single(req, 'authorization') ?? '')?.[1];
      const given = single(req, keyHeader) ?? bearer;
      // Hashing first makes both sides the same length, so the comparison time says nothing.
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        throw new GatewayError(401, 'E_GATEWAY_ACCESS_KEY', 'The gateway access key is missing or wrong.', {
          action: `Send the key your administrator gave you as "Authorization: Bearer <key>" or "${keyHeader}: <key>".`,
          headers: { 'WWW-Authenticate': 'Bearer realm="meterbook-gateway"' },
        });
      }
      const provider = providers.get(route.mount.name);
      if (provider === undefined) {
        // A token of one API must never reach another one.
        throw new GatewayError(404, 'E_GATEWAY_NOT_OFFERED', `The ${route.mount.name} API is not offered: the credentials this gateway holds are for ${offered.join(', ')}.`);
      }
      if (!route.bearer) {
        // The token endpoint is for callers that hold credentials; here only the gateway does.
        throw new GatewayError(404, 'E_GATEWAY_NOT_OFFERED', `${route.operationId} is not offered when the gateway holds the credentials: it obtains tokens itself.`);
      }
      return remember(await token(provider, false, route.mount.name));
    },
    offers: (route) => route.bearer && providers.has(route.mount.name),
    refresh: async (route) => remember(await token(providers.get(route.mount.name) as TokenFunction, true, route.mount.name)),
    secrets: () => [accessKey, ...secrets, ...recent],
  };
}

async function token(provider: TokenFunction, forceRefresh: boolean, api: string): Promise<string> {
  try {
    return await provider({ forceRefresh });
  } catch (error) {
    // The SDK's errors never hold the secret; the kind and status are enough for the pane.
    const kind = typeof error === 'object' && error !== null && 'kind' in error ? String((error as { kind: unknown }).kind) : 'unknown';
    const status = typeof error === 'object' && error !== null && 'status' in error ? (error as { status: unknown }).status : undefined;
    throw new GatewayError(502, 'E_GATEWAY_TOKEN', `The gateway could not obtain an access token for the ${api} API (${kind}${typeof status === 'number' ? `, HTTP ${status}` : ''}).`, {
      action: 'Ask the gateway administrator to check its credentials and the token endpoint.',
    });
  }
}

async function loadCredentials(options: GatewayOptions): Promise<HereCredentials> {
  if (options.credentials) return options.credentials;
  if (options.credentialsFile) return readHereCredentials(options.credentialsFile);
  const env = options.env ?? process.env;
  const { HERE_ACCESS_KEY_ID: id, HERE_ACCESS_KEY_SECRET: secret, HERE_TOKEN_ENDPOINT_URL: url } = env;
  if (id || secret || url) {
    if (!id || !secret || !url) throw new Error('Set all of HERE_ACCESS_KEY_ID, HERE_ACCESS_KEY_SECRET and HERE_TOKEN_ENDPOINT_URL, or use --credentials <file>.');
    return { accessKeyId: id, accessKeySecret: secret, tokenEndpointUrl: url };
  }
  return readHereCredentials();
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
