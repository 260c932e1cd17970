// Acronis client credentials: a client-credentials grant with HTTP Basic, cached until shortly
// before expiry (Acronis's own samples renew with 15 minutes left), one request in flight.
import { cachedTokenSource, type TokenFunction } from '../core/auth.js';
import { checkCredentialFields } from '../core/client-options.js';
import { createApiError, ValidationError } from '../core/errors.js';
import { createTransport, jsonBody } from '../core/transport.js';

export interface AcronisCredentialsOptions {
  /** The API base URL, `<data center URL>/api/2`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof globalThis.fetch;
  /** Renew this long before expiry (default 15 minutes). */
  refreshMarginMs?: number;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A token function for `createAcronisClient({ token })` from an API client's id and secret. */
export function acronisCredentials(options: AcronisCredentialsOptions): TokenFunction {
  const issues = checkCredentialFields(options, { clientId: 'client id', clientSecret: 'client secret' });
  if (issues.length > 0) throw new ValidationError('acronisCredentials', issues);
  const secret = options.clientSecret.trim();
  const pair = `${options.clientId.trim()}:${secret}`;
  const basic = `Basic ${base64(pair)}`;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // A token request changes nothing on the server, so it may be retried like a GET.
  const transport = createTransport({ api: 'Acronis API', baseUrl, fetch: options.fetch, maxRetries: 2, secrets: [secret, pair] });
  return cachedTokenSource(
    async (signal) => {
      const request = new Request(`${baseUrl}/idp/token`, {
        method: 'POST',
        headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      });
      const response = await transport.send(request, { operation: 'requestToken', idempotent: true, expect: 'json', signal });
      const answer = jsonBody<{ access_token?: unknown; expires_in?: unknown }>(response);
      if (typeof answer.access_token !== 'string' || answer.access_token === '') {
        throw createApiError({ kind: 'malformed', api: transport.api, operation: 'requestToken', reason: 'the token answer holds no access_token.' });
      }
      return { token: answer.access_token, expiresInSeconds: typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 7200 };
    },
    { refreshMarginMs: options.refreshMarginMs ?? 15 * 60_000 },
  );
}
