// The Acronis part's API clients and tokens. Tokens are HS256 JWTs signed with a key derived from
// the seed (a dev server: never reuse this for anything real), separate from the Usage API's.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { AcronisError } from './errors.js';

export interface AcronisClient {
  clientId: string;
  clientSecret: string;
  /** Which tenant of the tree the client belongs to. */
  role: 'partner' | 'customer';
}

/** Known development API clients (never real ones). */
export const ACRONIS_DEV_CLIENTS: readonly AcronisClient[] = [
  { clientId: '5f4dcc3b-5aa7-4d61-9d32-7a1b2c3d4e5f', clientSecret: 'meterbook-acronis-dev-secret-partner-not-for-production', role: 'partner' },
  { clientId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', clientSecret: 'meterbook-acronis-dev-secret-customer-not-for-production', role: 'customer' },
];

export interface AcronisClaims {
  sub: string;
  tenant_id: string;
  iat: number;
  exp: number;
  jti: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class AcronisTokenIssuer {
  private readonly key: Buffer;

  constructor(seed: number) {
    this.key = createHash('sha256').update(`meterbook-usage-server/acronis-token-key/${seed}`).digest();
  }

  issue(clientId: string, tenantId: string, ttlSeconds: number): { accessToken: string; idToken: string; expiresOn: number } {
    const iat = Math.floor(Date.now() / 1000);
    const claims: AcronisClaims = { sub: clientId, tenant_id: tenantId, iat, exp: iat + ttlSeconds, jti: randomUUID() };
    return {
      accessToken: this.sign(claims),
      idToken: this.sign({ ...claims, aud: clientId, iss: 'meterbook-usage-server', jti: randomUUID() }),
      expiresOn: claims.exp,
    };
  }

  /** The claims of a valid bearer token; throws the API's 401 otherwise. */
  verify(authorization: string | undefined): AcronisClaims {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m?.[1]) throw unauthorized('Authorization required', 'Send Authorization: Bearer <access_token> from /idp/token.');
    const [header, payload, signature] = m[1].split('.');
    if (!header || !payload || !signature || !this.sameSignature(`${header}.${payload}`, signature)) {
      throw unauthorized('Access token is invalid', 'The bearer token is not one this server issued.');
    }
    let claims: AcronisClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AcronisClaims;
    } catch {
      throw unauthorized('Access token is invalid', 'The bearer token is not one this server issued.');
    }
    if (!(claims.exp > Date.now() / 1000)) throw unauthorized('Access token is expired', 'Obtain a new token from /idp/token.');
    return claims;
  }

  private sign(claims: object): string {
    const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'meterbook-dev' })}.${b64(claims)}`;
    return `${head}.${this.mac(head)}`;
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  private sameSignature(text: string, signature: string): boolean {
    const expected = Buffer.from(this.mac(text));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function unauthorized(message: string, info: string): AcronisError {
  return new AcronisError(401, message, { info, headers: { 'WWW-Authenticate': 'Bearer' } });
}

/** The client of a `Basic base64(id:secret)` header, compared in constant time; undefined if wrong. */
export function checkBasic(authorization: string | undefined): AcronisClient | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const id = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const client = ACRONIS_DEV_CLIENTS.find((c) => c.clientId === id);
  if (!client) return undefined;
  const a = createHash('sha256').update(secret).digest();
  const b = createHash('sha256').update(client.clientSecret).digest();
  return timingSafeEqual(a, b) ? client : undefined;
}
