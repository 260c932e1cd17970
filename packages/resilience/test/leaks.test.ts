// The leak scan itself: a secret is found in every form the SDK redacts, not only as typed.
// `Basic base64(id:secret)` echoed by a server is the case a plain and URL-encoded search missed.
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../src/leaks.js';
import { Recorder } from '../src/recorder.js';

const SECRET = 'meterbook-app-secret-Zq9/+x';
const ORIGIN = 'http://127.0.0.1:8787';
const basic = (text: string) => Buffer.from(`app-key-id:${text}`).toString('base64');
const basicUrl = (text: string) => Buffer.from(`app-key-id:${text}`).toString('base64url');
const scan = { secrets: [SECRET], trustedOrigins: [ORIGIN] };

describe('the leak scan', () => {
  it('catches a base64 id:secret in a log line and in an error', () => {
    const recorder = new Recorder();
    recorder.log(`POST /oauth2/token 401 authorization=Basic ${basic(SECRET)}`);
    recorder.error(new Error(`token request refused (echo: ${basic(SECRET)})`));
    const leaks = findLeaks(recorder, scan);
    expect(leaks).toHaveLength(2);
    expect(leaks[0]).toMatch(/^log line 0: /);
    expect(leaks[1]).toMatch(/^error 0 \(Error\): /);
  });

  it('catches base64url in a URL and a header, and a secret inside an Authorization header', () => {
    const recorder = new Recorder();
    recorder.requests.push({ url: `${ORIGIN}/v2/usage?state=${basicUrl(SECRET)}`, method: 'GET', headers: [['x-echo', basic(SECRET)]] });
    recorder.requests.push({ url: `${ORIGIN}/oauth2/token`, method: 'POST', headers: [['authorization', `Basic ${basic(SECRET)}`]] });
    expect(findLeaks(recorder, scan)).toEqual([
      `request URL GET ${ORIGIN}/v2/usage?state=${basicUrl(SECRET)}`,
      `header x-echo to ${ORIGIN}`,
      `Authorization header to ${ORIGIN} holds a secret besides its bearer token`,
    ]);
  });

  it('still finds the plain and URL-encoded forms, and lets a bearer token go to its own API', () => {
    const recorder = new Recorder();
    recorder.log(`secret=${encodeURIComponent(SECRET)}`);
    recorder.log(`as typed: ${SECRET}`);
    recorder.requests.push({ url: `${ORIGIN}/v2/usage`, method: 'GET', headers: [['authorization', 'Bearer issued-token-1234567']] });
    recorder.issuedTokens.push('issued-token-1234567');
    expect(findLeaks(recorder, scan).map((l) => l.slice(0, 10))).toEqual(['log line 0', 'log line 1']);
  });

  it('finds nothing in clean records, including another key id in base64', () => {
    const recorder = new Recorder();
    recorder.log(`POST /oauth2/token 200 authorization=Basic ${basic('not-the-secret-at-all')}`);
    recorder.error(new Error('HTTP 400: bad request'));
    expect(findLeaks(recorder, scan)).toEqual([]);
  });
});
