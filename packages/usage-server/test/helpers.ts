// Shared test tools: a server per suite, spec-based response validation, a CSV reader and an
// OAuth 1.0a signer written from RFC 5849 with node:crypto (independent of the server's library).
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';
import { expect } from 'vitest';
import { specPath } from '../src/spec.js';

/** Pinned so every number in the tests is reproducible. */
export const NOW = '2025-06-01T00:00:00';
export const PARTNER = 'org123456789';
export const PLAIN = 'org987654321';
export const DAY = 'startDate=2025-05-01T00:00:00&endDate=2025-05-02T00:00:00';

const validators = new Map<boolean, Promise<OpenAPIBackend>>();

/**
 * openapi-backend over the spec, for validating responses. `full` also meta-validates the
 * document itself (slow, ~0.7 s), which one test does; the others compile lazily.
 */
export function specBackend(full = false): Promise<OpenAPIBackend> {
  let api = validators.get(full);
  if (!api) {
    api = new OpenAPIBackend({ definition: parse(readFileSync(specPath, 'utf8')), quick: !full, ajvOpts: { strict: false } }).init();
    validators.set(full, api);
  }
  return api;
}

/** Asserts a JSON response matches the spec's schema for its operation and status. */
export async function expectSpecValid(operationId: string, res: Response, body: unknown): Promise<void> {
  const api = await specBackend();
  const result = api.validator.validateResponse(body, operationId, res.status);
  expect(result.errors ?? [], `${operationId} ${res.status}`).toEqual([]);
  expect(res.headers.get('x-correlation-id')).toBeTruthy();
}

export function bearer(token: string, extra: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { Authorization: `Bearer ${token}`, ...extra } };
}

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const enc = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignOptions {
  url: string;
  key: string;
  secret: string;
  form: Record<string, string>;
  timestamp?: number;
  nonce?: string;
}

/** The `Authorization: OAuth ...` header of a signed token request (RFC 5849 section 3.4). */
export function oauthHeader(o: SignOptions): string {
  const oauth: Record<string, string> = {
    oauth_consumer_key: o.key,
    oauth_nonce: o.nonce ?? randomBytes(12).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
  };
  const params = Object.entries({ ...oauth, ...o.form })
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = `POST&${enc(o.url)}&${enc(params)}`;
  const signature = createHmac('sha256', `${enc(o.secret)}&`).update(base).digest('base64');
  const all = { ...oauth, oauth_signature: signature };
  return `OAuth ${Object.entries(all).map(([k, v]) => `${enc(k)}="${enc(v)}"`).join(', ')}`;
}

export async function requestToken(tokenUrl: string, key: string, secret: string, form: Record<string, string> = { grant_type: 'client_credentials' }, sign: Partial<SignOptions> = {}): Promise<Response> {
  return fetch(tokenUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: oauthHeader({ url: tokenUrl, key, secret, form, ...sign }),
    },
    body: new URLSearchParams(form).toString(),
  });
}
