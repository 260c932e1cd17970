import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oauth1Authorization, percentEncode, signatureBaseString } from './oauth1.js';

function parseHeader(header: string): Record<string, string> {
  return Object.fromEntries([...header.slice('OAuth '.length).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, decodeURIComponent(m[2]!)]));
}

describe('OAuth 1.0a HMAC-SHA256 signing', () => {
  it('encodes as RFC 3986 asks', () => {
    expect(percentEncode("a b!*'()~._-")).toBe('a%20b%21%2A%27%28%29~._-');
  });

  it('builds the base string from method, normalized URL and sorted parameters', () => {
    expect(signatureBaseString('post', 'HTTPS://Account.API.here.com:443/oauth2/token?b=2', [['a', '1'], ['grant_type', 'client_credentials']])).toBe(
      'POST&https%3A%2F%2Faccount.api.here.com%2Foauth2%2Ftoken&a%3D1%26b%3D2%26grant_type%3Dclient_credentials',
    );
  });

  it('produces a signature that an independent HMAC-SHA256 computation verifies', async () => {
    const header = await oauth1Authorization({ method: 'POST', url: 'https://account.api.here.com/oauth2/token', consumerKey: 'KEY-ID', consumerSecret: 's3cr&t', bodyParams: { grant_type: 'client_credentials' }, nonce: 'n0nce', timestamp: 1_700_000_000 });
    const params = parseHeader(header);
    expect(params).toMatchObject({ oauth_consumer_key: 'KEY-ID', oauth_nonce: 'n0nce', oauth_signature_method: 'HMAC-SHA256', oauth_timestamp: '1700000000', oauth_version: '1.0' });
    const base = [
      'POST',
      encodeURIComponent('https://account.api.here.com/oauth2/token'),
      encodeURIComponent('grant_type=client_credentials&oauth_consumer_key=KEY-ID&oauth_nonce=n0nce&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000&oauth_version=1.0'),
    ].join('&');
    const expected = createHmac('sha256', 's3cr%26t&').update(base).digest('base64');
    expect(params.oauth_signature).toBe(expected);
    expect(header).not.toContain('s3cr');
  });
});
