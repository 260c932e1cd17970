// App credentials for the HERE platform: a token provider that signs the client-credentials
// request the way the HERE account service expects (OAuth 1.0a, HMAC-SHA256), and a reader for
// the `credentials.properties` file the platform hands out.
import { cachedTokenSource, type TokenFunction } from '../core/auth.js';
import { createApiError, ValidationError, type ValidationIssue } from '../core/errors.js';
import { oauth1Authorization } from '../core/oauth1.js';
import { redactUrl, scrub } from '../core/redact.js';

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

const api = 'HERE account service';

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
}

function checkCredentials(input: Partial<HereCredentials>): HereCredentials {
  const issues: ValidationIssue[] = [];
  for (const field of ['accessKeyId', 'accessKeySecret', 'tokenEndpointUrl'] as const) {
    const value = input[field];
    if (typeof value !== 'string' || value.trim() === '') issues.push({ field, message: `The ${field === 'accessKeyId' ? 'access key id' : field === 'accessKeySecret' ? 'access key secret' : 'token endpoint URL'} is missing.` });
    else if (/[\s\u0000-\u001f]/.test(value.trim())) issues.push({ field, message: `The ${field} contains spaces or invisible characters; copy it again from credentials.properties.` });
  }
  if (typeof input.tokenEndpointUrl === 'string' && input.tokenEndpointUrl.trim() !== '') {
    try {
      const url = new URL(input.tokenEndpointUrl.trim());
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) issues.push({ field: 'tokenEndpointUrl', message: 'The token endpoint URL must start with https:// (plain http only for localhost).' });
    } catch {
      issues.push({ field: 'tokenEndpointUrl', message: 'The token endpoint URL is not a URL, e.g. https://account.api.here.com/oauth2/token.' });
    }
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
  const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const url = credentials.tokenEndpointUrl;
  return cachedTokenSource(
    async (signal) => {
      const body = { grant_type: 'client_credentials' };
      const authorization = await oauth1Authorization({ method: 'POST', url, consumerKey: credentials.accessKeyId, consumerSecret: credentials.accessKeySecret, bodyParams: body });
      const fail = (reason: string, status?: number, correlationId?: string | null, cause?: unknown) =>
        createApiError({
          kind: status === undefined ? 'network' : status === 401 || status === 403 || status === 400 ? 'auth' : status >= 500 ? 'server' : 'http',
          api,
          operation: 'requestToken',
          method: 'POST',
          url: redactUrl(url),
          reason: scrub(reason, [credentials.accessKeySecret]),
          status,
          correlationId: correlationId ?? undefined,
          cause,
        });
      let response: Response;
      try {
        response = await fetchImpl(
          new Request(url, { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: new URLSearchParams(body).toString(), signal }),
        );
      } catch (error) {
        throw fail(`the token endpoint could not be reached (${error instanceof Error ? error.message : String(error)}).`, undefined, undefined, error);
      }
      const text = await response.text();
      const correlationId = response.headers.get('x-correlation-id');
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        if (response.ok) throw fail(`the token answer is not JSON (${text.length} characters).`, response.status, correlationId);
      }
      if (!response.ok) {
        const said = [parsed.error_description, parsed.message, parsed.error].find((v) => typeof v === 'string');
        throw fail(`the app credentials were refused (HTTP ${response.status}${said ? `: ${String(said)}` : ''}). Check the access key id and secret.`, response.status, correlationId);
      }
      if (typeof parsed.access_token !== 'string' || parsed.access_token === '') throw fail('the token answer holds no access_token.', response.status, correlationId);
      const expiresIn = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 3600;
      return { token: parsed.access_token, expiresInSeconds: expiresIn };
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
