import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, forwardedPublicUrl } from './public-origin.js';

const FALLBACK = 'http://localhost:8443';
const req = (headers: Record<string, string>, remoteAddress = '10.0.0.5') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('the public origin a trusted proxy reports', () => {
  it('takes scheme and host (with port) from X-Forwarded-Proto/-Host, the proxy\'s own value last', () => {
    expect(forwardedPublicUrl(req({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'Meterbook.Example.com' }), FALLBACK)).toBe('https://meterbook.example.com');
    expect(forwardedPublicUrl(req({ 'x-forwarded-proto': 'http', 'x-forwarded-host': 'meterbook.test:8080' }), FALLBACK)).toBe('http://meterbook.test:8080');
    expect(forwardedPublicUrl(req({ 'x-forwarded-proto': 'http, https', 'x-forwarded-host': 'evil.test, meterbook.example.com' }), FALLBACK)).toBe('https://meterbook.example.com');
  });

  it('falls back to the configured URL on anything that is not a plain scheme and host', () => {
    for (const [proto, host] of [['https', 'evil.test/path'], ['https', 'evil.test@x'], ['javascript', 'x'], ['https', 'a b'], ['https', ''], ['ftp', 'meterbook.example.com'], ['https', 'x"><script>']]) {
      expect(forwardedPublicUrl(req({ 'x-forwarded-proto': proto!, 'x-forwarded-host': host! }), FALLBACK)).toBe(FALLBACK);
    }
    expect(forwardedPublicUrl(req({ 'x-forwarded-host': 'meterbook.example.com' }), FALLBACK)).toBe(FALLBACK);
  });

  it('takes the client address from the last X-Forwarded-For entry only when trusted', () => {
    const r = req({ 'x-forwarded-for': '198.51.100.7, 203.0.113.9' });
    expect(clientAddress(r, true)).toBe('203.0.113.9');
    expect(clientAddress(r, false)).toBe('10.0.0.5');
    expect(clientAddress(req({}), true)).toBe('10.0.0.5');
  });
});
