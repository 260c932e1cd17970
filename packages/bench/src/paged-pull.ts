// Benchmark 1: pulling ~10,000 usage records in pages of 100 from the embedded server (in its own
// process) with 50 ms added per request. Baseline: the loop an engineer writes by hand over raw openapi-fetch, one
// page after another. Ours: client.usage.all at its default concurrency (4), and at 8.
import { createUsageClient, type UsageApiPaths } from '@meterbook/sdk';
import { startChild } from './child-process.js';
import createClient from 'openapi-fetch';
import { differRecords } from './canonical.js';
import { compareVariants, round, timed } from './harness.js';
import { type BenchOptions } from './options.js';
import { environment, type BenchResult } from './results.js';

type WireRecord = UsageApiPaths['/usage/realms/{realmId}']['get']['responses'][200]['content']['application/json']['items'][number];

const REALM = 'org123456789';
const START = '2025-05-01T00:00:00';
// Hourly records of the partner organization: up to 05-05 06:00 the data set holds 10,090
// records (101 pages of 100); the quick run takes the first 10 hours (~1,000 records).
const END_FULL = '2025-05-05T06:00:00';
const END_QUICK = '2025-05-01T10:00:00';
const LATENCY_MS = 50;
const PAGE = 100;

// The server runs in its own process, as a real API does: its CPU is not the client's.
const serverScript = new URL('./server-child.ts', import.meta.url);

export async function pagedPull(options: BenchOptions): Promise<BenchResult> {
  const child = startChild(serverScript, ['demo', String(LATENCY_MS)]);
  const server = (await child.firstLine) as { url: string; token: string };
  const endDate = options.quick ? END_QUICK : END_FULL;
  try {
    const raw = createClient<UsageApiPaths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${server.token}` } });
    const client = createUsageClient({ baseUrl: server.url, token: server.token });

    // What a finance team's engineer writes: ask for page after page until the last one.
    const baselinePull = async (): Promise<WireRecord[]> => {
      const records: WireRecord[] = [];
      for (let offset = 0; ; offset++) {
        const { data, error } = await raw.GET('/usage/realms/{realmId}', {
          params: { path: { realmId: REALM }, query: { startDate: START, endDate, detailLevel: 'hour', limit: PAGE, offset } },
        });
        if (error !== undefined || data === undefined) throw new Error(`page ${offset} failed: ${JSON.stringify(error)}`);
        records.push(...data.items);
        if (data.items.length === 0 || offset >= (data.lastOffset ?? 0)) return records;
      }
    };
    const oursPull = (concurrency?: number) => client.usage.all({ realmId: REALM, startDate: START, endDate, detailLevel: 'hour' }, { pageSize: PAGE, concurrency }).toArray();

    const rounds = options.quick ? 1 : 5;
    const warmup = options.quick ? 0 : 1;
    let records = 0;
    const sample = async (pull: () => Promise<object[]>) => {
      const t = await timed(pull);
      return { ms: t.ms, data: t.value };
    };
    const s = await compareVariants<object[]>({
      rounds,
      warmup,
      variants: [
        { name: 'baseline', label: 'sequential loop over raw openapi-fetch', run: async () => { const t = await sample(baselinePull); records = t.data.length; return t; } },
        { name: 'ours', label: 'client.usage.all (default concurrency, 4)', run: () => sample(() => oursPull()) },
        { name: 'ours-8', label: 'client.usage.all with concurrency 8', run: () => sample(() => oursPull(8)) },
      ],
      differ: (a, b) => differRecords(a, b),
      onRun: (name, r, t) => options.log(`paged-pull round ${r + 1}/${rounds} ${name}: ${Math.round(t.ms)} ms`),
    });
    const ms = (name: string): number => s[name]?.medianMs ?? Number.NaN;
    const speedup = round(ms('baseline') / ms('ours'), 2);
    const speedup8 = round(ms('baseline') / ms('ours-8'), 2);
    // The floors: every request waits the added latency and nothing else. The first page goes alone
    // (its total says how many pages follow), then the rest `concurrency` at a time; so at 8 the
    // speedup cannot pass sequentialFloor / floor8 even with a free server and client.
    const pages = Math.ceil(records / PAGE);
    const sequentialFloorMs = pages * LATENCY_MS;
    const floorAt = (concurrency: number): number => (1 + Math.ceil((pages - 1) / concurrency)) * LATENCY_MS;
    return {
      benchmark: 'paged-pull',
      title: `${records.toLocaleString('en-US')} usage records in pages of ${PAGE}, ${LATENCY_MS} ms added latency per request`,
      measuredAt: new Date().toISOString(),
      quick: options.quick,
      environment: environment(),
      params: { realmId: REALM, startDate: START, endDate, detailLevel: 'hour', pageSize: PAGE, latencyMs: LATENCY_MS, records, pages: Math.ceil(records / PAGE) },
      rounds,
      warmup,
      baseline: s.baseline,
      ours: s.ours,
      variants: s,
      sameData: true,
      figures: [
        { measure: 'time to pull every record', unit: 'ms (median)', baseline: ms('baseline'), ours: ms('ours'), ratio: speedup, ratioMeaning: 'baseline / ours: times faster', target: '>= 3.5x faster', met: speedup >= 3.5 },
        { measure: 'time to pull every record, concurrency 8', unit: 'ms (median)', baseline: ms('baseline'), ours: ms('ours-8'), ratio: speedup8, ratioMeaning: 'baseline / ours: times faster', target: '>= 7x faster', met: speedup8 >= 7 },
        { measure: 'time against the latency floor (computed), concurrency 8', unit: 'ms', baseline: floorAt(8), ours: ms('ours-8'), ratio: round(ms('ours-8') / floorAt(8), 2), ratioMeaning: 'ours / floor' },
        { measure: 'the speedup the floors allow (computed), concurrency 8', unit: 'ms', baseline: sequentialFloorMs, ours: floorAt(8), ratio: round(sequentialFloorMs / floorAt(8), 2), ratioMeaning: 'sequential floor / floor at 8: the most the measure above can reach' },
      ],
    };
  } finally {
    child.process.stdin?.end();
    await child.exited;
  }
}
