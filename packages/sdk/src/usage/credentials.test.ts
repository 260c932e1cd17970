import { describe, expect, it } from 'vitest';
import { hereCredentials, parseCredentialsProperties } from '../credentials.js';
import { AuthError, UsageValidationError } from '../index.js';
import { fakeFetch, json } from '../../test/fake-fetch.js';

const secret = 'Sup3r-Secret-Value_xyz';
const properties = `# downloaded from the platform\nhere.user.id = HERE-123\nhere.client.id = abc\nhere.access.key.id = KEYID123\nhere.access.key.secret = ${secret}\nhere.token.endpoint.url = https://account.api.here.com/oauth2/token\n`;

describe('credentials', () => {
  it('reads credentials.properties', () => {
    expect(parseCredentialsProperties(properties)).toEqual({ accessKeyId: 'KEYID123', accessKeySecret: secret, tokenEndpointUrl: 'https://account.api.here.com/oauth2/token' });
  });

  it('says which value is missing or wrong', () => {
    const error = (() => {
      try {
        parseCredentialsProperties('here.access.key.id = a b\nhere.token.endpoint.url = http://evil.example/token');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageValidationError);
    expect((error as UsageValidationError).issues.map((i) => i.field)).toEqual(['accessKeyId', 'accessKeySecret', 'tokenEndpointUrl']);
  });

  it('refuses invisible characters pasted into a secret', () => {
    expect(() => parseCredentialsProperties(properties.replace(secret, `${secret}\u200b`))).toThrow(/access key secret holds spaces or invisible characters/);
  });

  it('signs the token request, caches the token and shares one request in flight', async () => {
    const fetch = fakeFetch(async () => {
      await new Promise((r) => setTimeout(r, 10));
      return json({ access_token: 'issued-token-1', token_type: 'bearer', expires_in: 3600 });
    });
    const token = hereCredentials({ ...parseCredentialsProperties(properties), fetch });
    const [a, b] = await Promise.all([token({ forceRefresh: false }), token({ forceRefresh: false })]);
    expect([a, b]).toEqual(['issued-token-1', 'issued-token-1']);
    expect(await token({ forceRefresh: false })).toBe('issued-token-1');
    expect(fetch.seen).toHaveLength(1);
    const sent = fetch.seen[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.body).toBe('grant_type=client_credentials');
    expect(sent.headers.authorization).toMatch(/^OAuth oauth_consumer_key="KEYID123",oauth_nonce="[0-9a-f]+",oauth_signature_method="HMAC-SHA256",oauth_timestamp="\d+",oauth_version="1.0",oauth_signature="[^"]+"$/);
    expect(JSON.stringify(fetch.seen)).not.toContain(secret);
    await token({ forceRefresh: true });
    expect(fetch.seen).toHaveLength(2);
  });

  it('renews a token that is about to expire', async () => {
    let issued = 0;
    const fetch = fakeFetch(() => json({ access_token: `t-${++issued}`, expires_in: 1 }));
    const token = hereCredentials({ ...parseCredentialsProperties(properties), fetch, refreshMarginMs: 60_000 });
    expect(await token({ forceRefresh: false })).toBe('t-1');
    await new Promise((r) => setTimeout(r, 600));
    expect(await token({ forceRefresh: false })).toBe('t-2');
  });

  it('explains refused credentials without the secret', async () => {
    const fetch = fakeFetch(() => json({ errorCode: 401300, message: `Signature mismatch for ${secret}` }, { status: 401 }));
    const error = await Promise.resolve(hereCredentials({ ...parseCredentialsProperties(properties), fetch })({ forceRefresh: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/HERE account service requestToken failed: HTTP 401: Signature mismatch for REDACTED/);
    expect(JSON.stringify({ ...(error as object), m: (error as Error).message })).not.toContain(secret);
  });
});
