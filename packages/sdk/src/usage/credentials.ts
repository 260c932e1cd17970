// App credentials for the HERE platform: a token provider that signs the client-credentials
// request the way the HERE account service expects (OAuth 1.0a, HMAC-SHA256), and a reader for
// the `credentials.properties` file the platform hands out.
import { cachedTokenSource, type TokenFunction } from '../core/auth.js';
import { checkCredentialFields } from '../core/client-options.js';
import { createApiError, ValidationError } from '../core/errors.js';
import { httpUrl } from '../core/validation.js';
import { oauth1Authorization } from '../core/oauth1.js';
import { createTransport, jsonBody } from '../core/transport.js';

export interface HereCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** e.g. https://account.api.here.com/oauth2/token */
  tokenEndpointUrl: string;
}

export interface HereCredentialsOptions extends HereCredentials {
  fetch?: typeof globalThis.fetch;
  /** Renew this long before expiry (default 5 minutes). */
  refreshMarginMs?: number;
}

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
}

function checkCredentials(input: Partial<HereCredentials>): HereCredentials {
  const issues = checkCredentialFields(input, { accessKeyId: 'access key id', accessKeySecret: 'access key secret', tokenEndpointUrl: 'token endpoint URL' });
  const url = httpUrl(input.tokenEndpointUrl?.trim());
  if (input.tokenEndpointUrl?.trim() && (url === undefined || (url.protocol === 'http:' && !isLoopback(url)))) {
    issues.push({ field: 'tokenEndpointUrl', message: 'The token endpoint URL must be an https:// URL (plain http only for localhost), e.g. https://account.api.here.com/oauth2/token.' });
  }
  if (issues.length > 0) throw new ValidationError('hereCredentials', issues);
  return { accessKeyId: input.accessKeyId!.trim(), accessKeySecret: input.accessKeySecret!.trim(), tokenEndpointUrl: input.tokenEndpointUrl!.trim() };
}

/**
 * A token function for `createUsageClient({ token })` that obtains tokens with app
 * credentials, caches each until shortly before expiry, and shares one request among callers.
 */
export function hereCredentials(options: HereCredentialsOptions): TokenFunction {
  const credentials = checkCredentials(options);
  const url = credentials.tokenEndpointUrl;
  // Each try needs a fresh nonce and signature, so the transport itself does not retry.
  const transport = createTransport({ api: 'HERE account service', baseUrl: new URL(url).origin, fetch: options.fetch, maxRetries: 0, secrets: [credentials.accessKeySecret] });
  return cachedTokenSource(
    async (signal) => {
      const body = { grant_type: 'client_credentials' };
      const authorization = await oauth1Authorization({ method: 'POST', url, consumerKey: credentials.accessKeyId, consumerSecret: credentials.accessKeySecret, bodyParams: body });
      const request = new Request(url, { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
      const response = await transport.send(request, { operation: 'requestToken', idempotent: false, expect: 'json', signal });
      const answer = jsonBody<{ access_token?: unknown; expires_in?: unknown }>(response);
      if (typeof answer.access_token !== 'string' || answer.access_token === '') {
        throw createApiError({ kind: 'malformed', api: transport.api, operation: 'requestToken', reason: 'the token answer holds no access_token.', correlationId: response.headers.get('x-correlation-id') ?? undefined });
      }
      const expiresIn = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 3600;
      return { token: answer.access_token, expiresInSeconds: expiresIn };
    },
    { refreshMarginMs: options.refreshMarginMs },
  );
}

/** Reads the text of a `credentials.properties` file (`here.access.key.id = ...` lines). */
export function parseCredentialsProperties(text: string): HereCredentials {
  if (typeof text !== 'string') throw new ValidationError('parseCredentialsProperties', [{ field: 'text', message: 'The credentials file content must be text.' }]);
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (match) values.set(match[1] as string, (match[2] as string).trim());
  }
  return checkCredentials({
    accessKeyId: values.get('here.access.key.id'),
    accessKeySecret: values.get('here.access.key.secret'),
    tokenEndpointUrl: values.get('here.token.endpoint.url'),
  });
}
