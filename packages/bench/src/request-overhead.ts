// Benchmark 2: the SDK's cost per call (validation, request ids, retry bookkeeping, date
// conversion) next to raw openapi-fetch, both against an in-memory fetch that answers every
// request with the same prebuilt 100-record page, so only client-side work is measured.
import { createUsageClient, type UsageApiPaths } from '@meterbook/sdk';
import { startServer } from '@meterbook/usage-server';
import createClient from 'openapi-fetch';
import { differRecords } from './canonical.js';
import { comparePair, pairedRatio, round } from './harness.js';
import { DATA_NOW, type BenchOptions } from './options.js';
import { pairResult, type BenchResult } from './results.js';

const REALM = 'org123456789';
const QUERY = { startDate: '2025-05-01T00:00:00', endDate: '2025-05-02T00:00:00', detailLevel: 'hour', limit: 100, offset: 0 } as const;
const BASE_URL = 'http://127.0.0.1:9/v2'; // never dialled: the fetch below answers in memory

/** One real page from the embedded server, as bytes and headers. */
async function capturePage(): Promise<{ body: ArrayBuffer; headers: Record<string, string> }> {
  const server = await startServer({ now: DATA_NOW });
  try {
    const url = `${server.url}/usage/realms/${REALM}?${new URLSearchParams(Object.entries(QUERY).map(([k, v]) => [k, String(v)]))}`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${server.token}` } });
    if (!res.ok) throw new Error(`capturing a page failed: HTTP ${res.status}`);
    return { body: await res.arrayBuffer(), headers: { 'content-type': res.headers.get('content-type') ?? 'application/json', 'x-correlation-id': 'bench-correlation-id' } };
  } finally {
    await server.close();
  }
}

export async function requestOverhead(options: BenchOptions): Promise<BenchResult> {
  const page = await capturePage();
  // A Response body can be read once, so each call gets a fresh Response over the same bytes.
  const memoryFetch = async (_input: Request): Promise<Response> => new Response(page.body, { status: 200, headers: page.headers });
  const raw = createClient<UsageApiPaths>({ baseUrl: BASE_URL, headers: { Authorization: 'Bearer bench-token' }, fetch: memoryFetch });
  const client = createUsageClient({ baseUrl: BASE_URL, token: 'bench-token', fetch: memoryFetch as typeof globalThis.fetch });

  // Many short rounds rather than a few long ones: see pairedRatio.
  const calls = options.quick ? 200 : 500;
  const loop = async (call: () => Promise<object[]>): Promise<{ ms: number; data: object[] }> => {
    let last: object[] = [];
    const started = performance.now();
    for (let i = 0; i < calls; i++) last = await call();
    return { ms: performance.now() - started, data: last };
  };
  const baselineCall = async (): Promise<object[]> => {
    const { data, error } = await raw.GET('/usage/realms/{realmId}', { params: { path: { realmId: REALM }, query: QUERY } });
    if (error !== undefined || data === undefined) throw new Error('baseline call failed');
    return data.items;
  };
  const oursCall = async (): Promise<object[]> => (await client.usage.list({ realmId: REALM, ...QUERY })).items;

  const rounds = options.quick ? 1 : 31;
  const warmup = options.quick ? 1 : 5;
  const summary = await comparePair<object[]>({
    rounds,
    warmup,
    baseline: { label: 'raw openapi-fetch GET', run: () => loop(baselineCall) },
    ours: { label: 'client.usage.list', run: () => loop(oursCall) },
    differ: differRecords,
    onRun: (variant, r, s) => options.log(`request-overhead round ${r + 1}/${rounds} ${variant}: ${Math.round(s.ms)} ms for ${calls} calls`),
  });
  const perCall = (ms: number) => round((ms * 1000) / calls, 1);
  const ratio = round(pairedRatio(summary.ours, summary.baseline), 2);
  return pairResult({
    benchmark: 'request-overhead',
    title: `${calls.toLocaleString('en-US')} calls per round, each answered in memory with a ${page.body.byteLength.toLocaleString('en-US')}-byte page of 100 records`,
    quick: options.quick,
    params: { calls, pageBytes: page.body.byteLength, records: 100 },
    rounds,
    warmup,
    summary,
    figures: [
      { measure: 'time per call', unit: 'µs (median round / calls)', baseline: perCall(summary.baseline.medianMs), ours: perCall(summary.ours.medianMs), ratio, ratioMeaning: 'ours / baseline, median of the rounds\' ratios', target: '<= 1.25x', met: ratio <= 1.25 },
    ],
    notes: ['Ours also turns every usageDateTime into a Date and checks the parameters against the spec; the baseline returns the wire JSON as is.'],
  });
}
