// Verifies the HERE account service's OAuth 1.0a HMAC-SHA256 signed token request. The expected
// signature comes from an independent library (oauth-1.0a); this file only gathers its inputs,
// compares in constant time and guards freshness (timestamp window, nonce replay).
import { createHmac, timingSafeEqual } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { findCredential, type DevCredential } from './credentials.js';

export interface TokenRequestInput {
  method: string;
  /** The token URL as the client addressed it (scheme, Host header, path; no query). */
  url: string;
  authorization: string | undefined;
  /** Form body parameters (they are part of the signature base string). */
  form: Record<string, string>;
}

export type VerifyResult =
  | { ok: true; credential: DevCredential }
  | { ok: false; status: 400 | 401; errorCode: number; error: string; message: string };

const MAX_SKEW_S = 300;
const REQUIRED = ['oauth_consumer_key', 'oauth_nonce', 'oauth_signature_method', 'oauth_timestamp', 'oauth_signature'];

export class OAuthVerifier {
  /** Nonces seen, per access key, kept as long as their timestamp could still be accepted. */
  private readonly nonces = new Map<string, number>();

  verify(input: TokenRequestInput, nowMs = Date.now()): VerifyResult {
    const params = parseOAuthHeader(input.authorization);
    if (!params || REQUIRED.some((k) => !params[k])) {
      return fail(400, 400200, 'invalid_request', `Invalid Client Authorization header, expecting signed request format with ${REQUIRED.join(', ')}.`);
    }
    if (params.oauth_signature_method !== 'HMAC-SHA256') {
      return fail(400, 400201, 'invalid_request', 'oauth_signature_method must be HMAC-SHA256.');
    }
    if (params.oauth_version !== undefined && params.oauth_version !== '1.0') {
      return fail(400, 400202, 'invalid_request', 'oauth_version must be 1.0.');
    }
    const credential = findCredential(params.oauth_consumer_key ?? '');
    // Same answer as a bad signature, so the endpoint does not reveal which access key ids exist.
    if (!credential) return fail(401, 401300, 'invalid_client', 'Signature mismatch. Authorization signature or client credential is wrong.');
    const nowS = Math.floor(nowMs / 1000);
    const timestamp = Number(params.oauth_timestamp);
    if (!/^\d+$/.test(params.oauth_timestamp ?? '') || Math.abs(nowS - timestamp) > MAX_SKEW_S) {
      return fail(401, 401204, 'invalid_request', `Time stamp is outside the valid period of ${MAX_SKEW_S} seconds; check the client's clock.`);
    }
    if (!sameSignature(expectedSignature(input, credential, params), params.oauth_signature ?? '')) {
      return fail(401, 401300, 'invalid_client', 'Signature mismatch. Authorization signature or client credential is wrong.');
    }
    this.prune(nowS);
    const nonceKey = `${credential.accessKeyId}\u0000${params.oauth_nonce}`;
    if (this.nonces.has(nonceKey)) return fail(401, 401205, 'invalid_request', 'Nonce already used; every request needs a fresh oauth_nonce.');
    this.nonces.set(nonceKey, timestamp);
    return { ok: true, credential };
  }

  private prune(nowS: number): void {
    for (const [key, ts] of this.nonces) if (nowS - ts > 2 * MAX_SKEW_S) this.nonces.delete(key);
  }
}

/** `OAuth k="v", ...` with percent-encoded keys and values (RFC 5849 3.5.1). */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | undefined {
  const m = /^OAuth\s+(.*)$/is.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const out: Record<string, string> = {};
  const re = /\s*([^=,\s]+)\s*=\s*"([^"]*)"\s*(?:,|$)/gy;
  let part: RegExpExecArray | null;
  let consumed = 0;
  while ((part = re.exec(m[1])) !== null) {
    try {
      out[decodeURIComponent(part[1] ?? '')] = decodeURIComponent(part[2] ?? '');
    } catch {
      return undefined;
    }
    consumed = re.lastIndex;
  }
  return consumed === m[1].length ? out : undefined;
}

function expectedSignature(input: TokenRequestInput, credential: DevCredential, params: Record<string, string>): string {
  const oauth = new OAuth({
    consumer: { key: credential.accessKeyId, secret: credential.accessKeySecret },
    signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
  });
  // Every oauth_* parameter the client sent except the signature itself (and `realm`) is signed.
  const oauthData = Object.fromEntries(
    Object.entries(params).filter(([k]) => k.startsWith('oauth_') && k !== 'oauth_signature'),
  ) as unknown as OAuth.Data;
  return oauth.getSignature({ url: input.url, method: input.method, data: input.form }, undefined, oauthData);
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function fail(status: 400 | 401, errorCode: number, error: string, message: string): VerifyResult {
  return { ok: false, status, errorCode, error, message };
}
