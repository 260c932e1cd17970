// Bearer tokens: self-contained and HMAC-signed with a key derived from the seed, so a token stays
// valid across restarts of a server with the same seed (handy while developing the task pane).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.js';

export interface TokenClaims {
  /** Access key id (or `dev`) the token was issued to. */
  sub: string;
  realms: string[];
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export class TokenIssuer {
  private readonly key: Buffer;

  constructor(seed: number) {
    this.key = createHash('sha256').update(`meterbook-usage-server/token-key/${seed}`).digest();
  }

  issue(sub: string, realms: readonly string[], ttlSeconds: number): string {
    const claims: TokenClaims = { sub, realms: [...realms], exp: Math.floor(Date.now() / 1000) + ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `mb1.${payload}.${this.sign(payload)}`;
  }

  /** The claims of a valid token; throws the API's 401 otherwise. */
  verify(authorization: string | undefined): TokenClaims {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m?.[1]) throw unauthorized('A bearer token is required (Authorization: Bearer <token>).');
    const [prefix, payload, signature] = m[1].split('.');
    if (prefix !== 'mb1' || !payload || !signature || !this.sameSignature(payload, signature)) {
      throw unauthorized('The bearer token is not valid.');
    }
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      throw unauthorized('The bearer token is not valid.');
    }
    if (!(claims.exp > Date.now() / 1000)) throw unauthorized('The bearer token has expired; request a new one.');
    return claims;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private sameSignature(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

export function assertRealmAccess(claims: TokenClaims, realmId: string): void {
  if (!claims.realms.includes(realmId)) {
    throw new HttpError(403, `The token may not read organization ${realmId}.`, {
      action: 'Use credentials of an app that belongs to this organization.',
    });
  }
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, message, {
    headers: { 'WWW-Authenticate': 'Bearer' },
    action: 'Request a token from the token endpoint (POST /oauth2/token).',
  });
}
