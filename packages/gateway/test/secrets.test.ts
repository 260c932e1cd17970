// Credentials mode: the app secret, the upstream token and the gateway access key never reach an
// answer or a log line in any form an upstream or a caller may put them in (as is, URL-encoded,
// base64 / base64url of `id:secret`, inside a longer string).
import { describe, expect, it } from 'vitest';
import { startGateway } from '../src/index.js';
import { bearer, DAY, fakeUpstream, PARTNER } from './helpers.js';

const KEY = 'gateway-access-key-for-tests-0002';
const TOKEN = 'upstream-token-0123456789abcdef';
const SECRET = 'the-app+secret/0123456789';
const ID = 'app-id-1';
const creds = { accessKeyId: ID, accessKeySecret: SECRET, tokenEndpointUrl: 'http://127.0.0.1:9/oauth2/token' };

/** Each form a value may be echoed in, keyed by a name for the failure message. */
function formsOf(value: string, id: string): Record<string, string> {
  const pair = `${id}:${value}`;
  return {
    plain: value,
    'URL-encoded': encodeURIComponent(value),
    'base64 of id:value': Buffer.from(pair).toString('base64'),
    'base64url of id:value': Buffer.from(pair).toString('base64url'),
    'URL-encoded base64': encodeURIComponent(Buffer.from(pair).toString('base64')),
  };
}

const echoed = [...Object.values(formsOf(TOKEN, 'Bearer')), ...Object.values(formsOf(SECRET, ID)), ...Object.values(formsOf(KEY, 'pane'))];

describe('credentials mode against an upstream that echoes what it was sent', () => {
  it('keeps every form of the secret, the token and the access key out of the answer and the log', async () => {
    const fake = await fakeUpstream(() => ({ status: 400, body: JSON.stringify({ status: 400, code: 'E', message: `bad credentials: ${echoed.join(' | ')}` }) }));
    const logs: string[] = [];
    const gw = await startGateway({ paneDir: false, upstreams: { usage: `${fake.origin}/v2` }, auth: 'credentials', credentials: creds, tokenProvider: () => TOKEN, accessKey: KEY, log: (l) => logs.push(l) });
    try {
      const res = await fetch(`${gw.url}/api/usage/v2/usage/realms/${PARTNER}?${DAY}`, { headers: bearer(KEY) });
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(text).toMatch(/^\{"status":400,"code":"E","message":"bad credentials: REDACTED( \| REDACTED)+"\}$/);
      const everything = [text, JSON.stringify([...res.headers]), logs.join('\n')].join('\n');
      for (const [name, form] of [...Object.entries(formsOf(TOKEN, 'Bearer')), ...Object.entries(formsOf(SECRET, ID)), ...Object.entries(formsOf(KEY, 'pane'))]) {
        expect(everything, name).not.toContain(form);
      }
    } finally {
      await gw.close();
      await fake.close();
    }
  });

  it('keeps the access key out of the log when a caller puts it in the path', async () => {
    const logs: string[] = [];
    const fake = await fakeUpstream(() => ({ status: 200, body: '{}' }));
    const gw = await startGateway({ paneDir: false, upstreams: { usage: `${fake.origin}/v2` }, auth: 'credentials', credentials: creds, tokenProvider: () => TOKEN, accessKey: KEY, log: (l) => logs.push(l) });
    try {
      for (const form of Object.values(formsOf(KEY, 'pane'))) {
        const res = await fetch(`${gw.url}/nothing/${form}`);
        expect(res.status).toBe(404);
        await res.arrayBuffer();
      }
      // A base64 form takes the path around it along (it is one run of base64 characters).
      expect(logs.filter((l) => / 404 \d+ms /.test(l))).toHaveLength(5);
      for (const form of Object.values(formsOf(KEY, 'pane'))) expect(logs.join('\n')).not.toContain(form);
    } finally {
      await gw.close();
      await fake.close();
    }
  });
});
