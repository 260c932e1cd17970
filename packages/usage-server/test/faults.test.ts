import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFault, startServer, type RunningServer } from '../src/index.js';
import { bearer, DAY, expectSpecValid, NOW, PARTNER, requestToken } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ now: NOW, mode: 'test' });
});
afterAll(() => server.close());

const url = () => `${server.url}/usage/realms/${PARTNER}?${DAY}&limit=5`;
const withFault = (fault: string, extra: Record<string, string> = {}) => fetch(url(), bearer(server.token, { 'X-Mock-Fault': fault, ...extra }));

describe('fault injection (test mode)', () => {
  it('parses the grammar', () => {
    expect(parseFault('status=429; retry-after=2 ;times=1')).toEqual({ status: 429, retryAfter: '2', times: 1 });
    expect(parseFault('latency=50;slow-body=300;truncate;invalid-json;reset')).toEqual({
      latencyMs: 50, slowBodyMs: 300, truncate: true, invalidJson: true, reset: true,
    });
    expect(parseFault('status=200')).toHaveProperty('error');
    expect(parseFault('explode')).toHaveProperty('error');
  });

  it.each([429, 500, 503])('status=%i answers the spec error body', async (status) => {
    const res = await withFault(`status=${status};retry-after=2`);
    const body = await res.json();
    expect(res.status).toBe(status);
    await expectSpecValid('getUsage', res, body);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('empty-page answers the envelope with its total but no items', async () => {
    const plain = await (await fetch(url(), bearer(server.token))).json();
    const res = await withFault('empty-page');
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(plain.items.length).toBe(5);
    expect(body).toEqual({ ...plain, count: 0, items: [] });
  });

  it('latency delays the answer', async () => {
    const t = performance.now();
    const res = await withFault('latency=150');
    expect(res.status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('reset drops the connection without an answer', async () => {
    await expect(withFault('reset')).rejects.toThrow();
  });

  it('truncate sends a 200 with full headers and a body cut mid-way', async () => {
    const res = await withFault('truncate');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    await expect(res.json()).rejects.toThrow();
  });

  it('invalid-json sends a 200 application/json that does not parse', async () => {
    const res = await withFault('invalid-json');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toContain('\u201c');
  });

  it('slow-body dribbles a correct body over the given time', async () => {
    const t = performance.now();
    const res = await withFault('slow-body=300');
    const body = (await res.json()) as { items: unknown[] };
    expect(body.items).toHaveLength(5);
    expect(performance.now() - t).toBeGreaterThanOrEqual(250);
  });

  it('times=N faults only the first N requests of an X-Request-ID, so retries succeed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await withFault('status=503;times=2', { 'X-Request-ID': 'retry-me' })).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await withFault('status=503;times=2', { 'X-Request-ID': 'another' })).status).toBe(503);
  });

  it('takes the fault from ?mockFault= too, stripped before validation', async () => {
    const res = await fetch(`${url()}&mockFault=${encodeURIComponent('status=503')}`, bearer(server.token));
    expect(res.status).toBe(503);
    const fine = await fetch(`${url()}&mockFault=`, bearer(server.token));
    expect(fine.status).toBe(200);
  });

  it('applies faults to CSV downloads (truncate cuts the stream)', async () => {
    const res = await fetch(`${server.url}/usage/realms/${PARTNER}/csv?${DAY}`, bearer(server.token, { 'X-Mock-Fault': 'truncate' }));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('400s a malformed fault spec, naming X-Mock-Fault', async () => {
    const res = await withFault('status=abc');
    const body = (await res.json()) as { fields: { name: string }[] };
    expect(res.status).toBe(400);
    expect(body.fields[0]?.name).toBe('X-Mock-Fault');
  });

  it('injects into the token endpoint only when asked by header', async () => {
    const res = await fetch(server.credentials.tokenEndpointUrl, { method: 'POST', headers: { 'X-Mock-Fault': 'status=503' } });
    expect(res.status).toBe(503);
  });

  it('counts faulted requests in stats', () => {
    expect(server.stats().faults).toBeGreaterThan(5);
    expect(server.stats().byStatus['503']).toBeGreaterThan(0);
  });
});

describe('faults outside test mode and by configuration', () => {
  it('ignores X-Mock-Fault and ?mockFault= in dev mode', async () => {
    const dev = await startServer({ now: NOW });
    try {
      const u = `${dev.url}/usage/realms/${PARTNER}?${DAY}&limit=1`;
      expect((await fetch(u, bearer(dev.token, { 'X-Mock-Fault': 'status=503' }))).status).toBe(200);
      expect((await fetch(`${u}&mockFault=reset`, bearer(dev.token))).status).toBe(200);
    } finally {
      await dev.close();
    }
  });

  it('mixes random faults from a fixed seed over API requests (same seed, same sequence), never the token endpoint', async () => {
    const run = async () => {
      const s = await startServer({ now: NOW, latencyMs: 5, faults: { seed: 42, rate: 0.5, kinds: ['status=503', 'status=429;retry-after=1'] } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) statuses.push((await fetch(`${s.url}/usage/realms/${PARTNER}?${DAY}&limit=1`, bearer(s.token))).status);
        for (let i = 0; i < 5; i++) {
          expect((await requestToken(s.credentials.tokenEndpointUrl, s.credentials.accessKeyId, s.credentials.accessKeySecret)).status).toBe(200);
        }
        return statuses;
      } finally {
        await s.close();
      }
    };
    const a = await run();
    expect(a).toContain(200);
    expect(a.some((s) => s === 503 || s === 429)).toBe(true);
    expect(await run()).toEqual(a);
  });
});
